"""``flashfill learn --formula/--python`` and ``flashfill fill --formulas`` end to end."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl

from flashfill.cli import main

WORKBOOKS = Path(__file__).resolve().parent.parent / "workbooks"


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def names_workbook(path: Path) -> Path:
    """Full names, two typed 'Last, F.' outputs and blanks."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Name", "Short"])
    for name, short in [("John Smith", "Smith, J."), ("Ann Lee", "Lee, A."), ("Maria Cruz", None),
                        ("Zoë Šimůnek", None), ("", None), ("Li Na", None)]:
        sheet.append([name, short])
    book.save(path)
    return path


def test_learn_prints_the_formula_in_either_dialect_and_the_python_function(tmp_path, capsys):
    book = names_workbook(tmp_path / "names.xlsx")
    code, out, _ = run(capsys, "learn", book, "--formula", "--python")
    assert code == 0
    assert "excel formula for row 2 of column B (copy it down the column):\n=IFERROR(" in out
    assert 'REGEXEXTRACT(A2,"[\\p{L}\\p{M}]+' in out and "def transform(name):" in out
    code, out, _ = run(capsys, "learn", book, "--formula", "libreoffice")
    assert code == 0 and 'REGEX(A2;"[\\p{L}\\p{M}]+' in out


def test_learn_names_the_step_a_formula_cannot_express(tmp_path, capsys):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Text", "Numbers"])
    for text, numbers in [("a1b22c333", "122333"), ("x4y5", "45"), ("7 8 9 10", None), ("q", None)]:
        sheet.append([text, numbers])
    book.save(tmp_path / "loop.xlsx")
    code, _, err = run(capsys, "learn", tmp_path / "loop.xlsx", "--formula")
    assert code == 2
    assert "no excel formula: step 1 (for each match in turn" in err and "cannot loop" in err


def test_fill_writes_formulas_into_blank_cells_only(tmp_path, capsys):
    book = names_workbook(tmp_path / "names.xlsx")
    code, out, _ = run(capsys, "fill", book, "--formulas", "-o", tmp_path / "out.xlsx")
    assert code == 0, out
    sheet = openpyxl.load_workbook(tmp_path / "out.xlsx").active
    column = [sheet.cell(row=r, column=2) for r in range(2, 8)]
    assert [c.value for c in column[:2]] == ["Smith, J.", "Lee, A."] and column[4].value is None
    formulas = [column[i] for i in (2, 3, 5)]
    assert all(c.data_type == "f" and c.value.startswith("=IFERROR(") for c in formulas)
    assert "A4" in formulas[0].value and "A7" in formulas[2].value


def test_fill_formulas_need_a_workbook(tmp_path, capsys):
    shutil.copy(WORKBOOKS / "products.csv", tmp_path / "products.csv")
    code, _, err = run(capsys, "fill", tmp_path / "products.csv", "--formulas")
    assert code == 2 and "--formulas writes Excel formulas, which need an .xlsx" in err
    assert not (tmp_path / "products.filled.csv").exists()
