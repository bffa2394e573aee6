"""The ``flashfill`` command end to end, with the real learner, on the sample workbooks."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from flashfill.cli import main
from flashfill.progress import Progress

WORKBOOKS = Path(__file__).resolve().parent.parent / "workbooks"


@pytest.fixture
def books(tmp_path):
    for name in ("contacts.xlsx", "products.csv", "addresses.xlsx"):
        shutil.copy(WORKBOOKS / name, tmp_path / name)
    return tmp_path


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def write_csv(path: Path, rows) -> Path:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8", newline="")
    return path


def files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_fill_contacts_workbook(books, capsys):
    code, out, err = run(capsys, "fill", books / "contacts.xlsx")
    assert code == 0, err
    sheet = openpyxl.load_workbook(books / "contacts.filled.xlsx")["Contacts"]
    phones = {r[1]: r[4] for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert all(shown == f"({raw[:3]}) {raw[4:]}" for raw, shown in phones.items())
    assert "filled     17 cells, e.g. row 4: '(274) 555-1794', row 6: '(348) 555-2588', row 7:" in out
    assert "program:" in out and "contacts.filled.xlsx" in out
    assert err == ""


def test_fill_products_csv_changes_only_the_blank_cells(books, capsys):
    code, out, err = run(capsys, "fill", books / "products.csv", "-o", books / "out.csv")
    assert code == 0, err
    before = (books / "products.csv").read_text(encoding="utf-8").splitlines()
    after = (books / "out.csv").read_text(encoding="utf-8").splitlines()
    for old, new in zip(before, after):
        assert new == old or (old.endswith(",") and new.startswith(old) and new[len(old):] == old.split("-")[1])


def test_numbers_shown_with_their_format_reach_the_output(books, capsys):
    code, out, err = run(capsys, "fill", books / "addresses.xlsx")
    assert code == 0, err
    sheet = openpyxl.load_workbook(books / "addresses.filled.xlsx").active
    labels = [r[4] for r in sheet.iter_rows(min_row=2, values_only=True)]
    assert "Newark, NJ 07102" in labels and "Salem, MA 01970" in labels


def test_learn_prints_and_saves_then_apply_fills(books, capsys):
    saved = books / "phone.json"
    code, out, err = run(capsys, "learn", books / "contacts.xlsx", "--save", saved)
    assert code == 0, err
    assert "learned from rows 2, 3, 5" in out and "saved" in out
    body = json.loads(saved.read_text(encoding="utf-8"))
    assert body["target"] == "Phone (formatted)" and body["inputs"][1] == "Phone"
    code, out, err = run(capsys, "apply", saved, books / "contacts.xlsx", "-o", books / "applied.xlsx")
    assert code == 0, err
    sheet = openpyxl.load_workbook(books / "applied.xlsx")["Contacts"]
    assert sheet["E4"].value == f"({sheet['B4'].value[:3]}) {sheet['B4'].value[4:]}"


def test_target_and_inputs_by_letter_and_name(books, capsys):
    code, out, err = run(capsys, "fill", books / "contacts.xlsx", "--target", "E", "--inputs", "phone")
    assert code == 0, err
    assert 'from column B ("Phone")' in out


def test_in_place_keeps_backup(books, capsys):
    original = (books / "products.csv").read_bytes()
    code, out, err = run(capsys, "fill", books / "products.csv", "--in-place")
    assert code == 0, err
    assert (books / "products.csv.bak").read_bytes() == original
    assert (books / "products.csv").read_bytes() != original


# Bad input: each names the file, row or column, exits 1 or 2, and leaves no output behind.

def test_no_typed_cell_in_target(tmp_path, capsys):
    src = write_csv(tmp_path / "t.csv", [["Name", "Initials"], ["Ann Lee", ""], ["Bo Ek", ""]])
    code, out, err = run(capsys, "fill", src)
    assert code == 1
    assert 't.csv: column B ("Initials") has no typed cell' in err
    assert files(tmp_path) == ["t.csv"]


def test_every_cell_typed(tmp_path, capsys):
    src = write_csv(tmp_path / "t.csv", [["Name", "Initials"], ["Ann Lee", "AL"], ["Bo Ek", "BE"]])
    code, out, err = run(capsys, "fill", src)
    assert code == 2 and "no column to fill" in err
    code, out, err = run(capsys, "fill", src, "--target", "Initials")
    assert code == 2 and 'every cell of column B ("Initials") is already typed' in err
    assert files(tmp_path) == ["t.csv"]


def test_contradicting_examples_name_both_rows(tmp_path, capsys):
    src = write_csv(tmp_path / "t.csv", [["Name", "First"], ["Ann Lee", "Ann"], ["Bo Ek", ""],
                                         ["Ann Lee", "Lee"], ["Cy Do", ""]])
    code, out, err = run(capsys, "fill", src)
    assert code == 1 and "rows 2 and 4" in err and "t.csv" in err
    assert files(tmp_path) == ["t.csv"]


def test_numbers_and_dates_in_input_cells(tmp_path, capsys):
    import datetime as dt
    src = tmp_path / "d.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Order", "Date", "Label"])
    for i, day in enumerate((3, 14, 25, 9), start=2):
        sheet.append([1000 + i, dt.datetime(2024, 3, day), None])
        sheet.cell(row=i, column=2).number_format = "m/d/yyyy"
    sheet["C2"] = "1002 on 3/3/2024"
    sheet["C3"] = "1003 on 3/14/2024"
    book.save(src)
    code, out, err = run(capsys, "fill", src)
    assert code == 0, err
    filled = openpyxl.load_workbook(tmp_path / "d.filled.xlsx").active
    assert filled["C4"].value == "1004 on 3/25/2024" and filled["C5"].value == "1005 on 3/9/2024"


def test_empty_input_cells_are_left_blank_and_counted(tmp_path, capsys):
    src = write_csv(tmp_path / "e.csv", [["Name", "First", "Note"], ["Ann Lee", "Ann", "x"], ["Bo Ek", "Bo", ""],
                                         ["", "", "call back"], ["Cy Do", "", ""]])
    code, out, err = run(capsys, "fill", src, "--target", "First")
    assert code == 0, err
    rows = list(csv.reader(open(tmp_path / "e.filled.csv", encoding="utf-8", newline="")))
    assert rows[3] == ["", "", "call back"] and rows[4] == ["Cy Do", "Cy", ""]
    assert "skipped    1 row with empty inputs" in out


@pytest.mark.parametrize("name, content, words", [
    ("fake.xlsx", b"Name,Out\r\nAnn,A\r\n", "not an XLSX workbook: it looks like text"),
    ("fake.csv", None, "not a CSV file: it is a ZIP archive"),
    ("old.xls", b"\xd0\xcf\x11\xe0" + b"\x00" * 100, "old .xls format"),
    ("data.json", b"{}", "unsupported file type .json"),
    ("missing.csv", False, "no such file"),
])
def test_file_that_is_not_what_its_extension_says(tmp_path, capsys, name, content, words):
    src = tmp_path / name
    if content is None:
        shutil.copy(WORKBOOKS / "contacts.xlsx", src)
    elif content is not False:
        src.write_bytes(content)
    before = files(tmp_path)
    code, out, err = run(capsys, "fill", src)
    assert code == 2 and words in err and name in err
    assert files(tmp_path) == before


def test_missing_sheet_or_column(books, capsys):
    code, out, err = run(capsys, "fill", books / "contacts.xlsx", "--sheet", "Nope")
    assert code == 2 and "no sheet 'Nope'; sheets are 'Contacts', 'Summary'" in err
    code, out, err = run(capsys, "fill", books / "contacts.xlsx", "--target", "Fax")
    assert code == 2 and "no column 'Fax'" in err and "contacts.xlsx" in err
    code, out, err = run(capsys, "fill", books / "products.csv", "--inputs", "Code,Weight")
    assert code == 2 and "no column 'Weight'" in err
    assert not any(".filled." in name for name in files(books))


def test_output_that_cannot_be_written(books, capsys):
    blocker = books / "products.csv"
    code, out, err = run(capsys, "fill", books / "contacts.xlsx", "-o", blocker / "out.xlsx")
    assert code == 2 and "cannot write" in err and "out.xlsx" in err
    (books / "taken.xlsx").mkdir()
    code, out, err = run(capsys, "fill", books / "contacts.xlsx", "-o", books / "taken.xlsx")
    assert code == 2 and "taken.xlsx" in err
    assert files(books) == ["addresses.xlsx", "contacts.xlsx", "products.csv", "taken.xlsx"]


def test_bad_usage(books, capsys):
    with pytest.raises(SystemExit) as caught:
        main(["fill"])
    assert caught.value.code == 2
    code, out, err = run(capsys, "fill", books / "products.csv", "-o", books / "x.xlsx")
    assert code == 2 and "same kind of extension" in err
    code, out, err = run(capsys, "fill", books / "products.csv", "--sheet", "S")
    assert code == 2 and "--sheet only applies to workbooks" in err


def test_console_script_runs_without_a_terminal_and_prints_no_progress(books):
    script = Path(sys.executable).with_name("flashfill")
    result = subprocess.run([str(script), "fill", str(books / "products.csv")], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stderr == "" and "filled" in result.stdout


def test_output_closed_early_by_its_reader_ends_quietly(books):
    """`flashfill learn FILE | head -1`: no 'Broken pipe' message, the SIGPIPE exit code."""
    script = Path(sys.executable).with_name("flashfill")
    reader = subprocess.Popen([str(script), "learn", str(books / "contacts.xlsx")], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE)
    reader.stdout.close()
    _, err = reader.communicate()
    assert err == b"" and reader.returncode == 141


def test_progress_bar_waits_a_second_then_draws():
    now = [0.0]
    stream = io.StringIO()
    bar = Progress("filling", 100, stream=stream, enabled=True, clock=lambda: now[0])
    bar.update(10)
    assert stream.getvalue() == ""
    now[0] = 1.5
    bar.update(50)
    assert "filling [" in stream.getvalue() and "50%" in stream.getvalue()
    bar.close()
    assert stream.getvalue().endswith("\r")


def test_progress_bar_off_when_not_a_terminal():
    stream = io.StringIO()
    bar = Progress("x", 10, stream=stream, clock=lambda: 99.0)
    bar.update(5)
    assert stream.getvalue() == ""


def test_unsure_rows_are_marked_in_workbooks_and_listed_for_csv(tmp_path, capsys):
    rows = [["Name", "First"], ["Ann Lee", "Ann"], ["Bo Ek", ""], ["Maria de la Cruz", ""],
            ["Jean-Luc Picard", ""], ["Li", ""]]
    src = write_csv(tmp_path / "n.csv", rows)
    code, out, err = run(capsys, "fill", src)
    assert code == 0, err
    assert "unsure     1 row\n    row 5: 'Jean' | 'Jean-Luc'" in out
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append([cell or None for cell in row])
    book.save(tmp_path / "n.xlsx")
    code, out, err = run(capsys, "fill", tmp_path / "n.xlsx")
    assert code == 0, err
    sheet = openpyxl.load_workbook(tmp_path / "n.filled.xlsx").active
    assert [sheet.cell(row=r, column=2).value for r in range(2, 7)] == ["Ann", "Bo", "Maria", "Jean", "Li"]
    assert sheet["B5"].fill.fill_type == "solid" and "'Jean-Luc'" in sheet["B5"].comment.text
    assert sheet["B3"].comment is None and sheet["B3"].fill.fill_type is None


def test_apply_refuses_a_program_with_other_columns(books, capsys):
    saved = books / "p.json"
    assert run(capsys, "learn", books / "products.csv", "--inputs", "Code", "--save", saved)[0] == 0
    code, out, err = run(capsys, "apply", saved, books / "products.csv", "--inputs", "Code,Product")
    assert code == 2 and "reads 1 input columns" in err and "--inputs" in err


def test_progress_delay_counts_from_the_start_of_the_run():
    stream = io.StringIO()
    bar = Progress("filling", 10, stream=stream, enabled=True, clock=lambda: 5.0, since=3.0)
    bar.update(1)
    assert "filling [" in stream.getvalue()


def test_a_typed_cell_that_looks_like_a_typo_is_pointed_out(tmp_path, capsys):
    rows = [["Name", "Last"], ["Ann Lee", "Lee"], ["Bo Ek", "Ek"], ["Cy Do", "Do"], ["Di Fu", "Fx"],
            ["Ed Gu", "Gu"], ["Fa Hu", ""]]
    code, out, err = run(capsys, "fill", write_csv(tmp_path / "t.csv", rows))
    assert code == 0, err
    assert "note: row 5: the typed 'Fx' looks like a typo; the other examples suggest 'Fu'" in out
    assert list(csv.reader(open(tmp_path / "t.filled.csv", encoding="utf-8", newline="")))[4] == ["Di Fu", "Fx"]


def test_a_csv_fill_never_imports_openpyxl(books):
    """Workbook support is loaded only for workbooks, so a CSV fill starts quickly."""
    script = (
        "import sys; from flashfill.cli import main; "
        f"code = main(['fill', {str(books / 'products.csv')!r}, '-o', {str(books / 'out.csv')!r}, '-q']); "
        "print(code, 'openpyxl' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["0", "False"]
    assert (books / "out.csv").exists()


def test_version_comes_from_the_package_metadata(capsys):
    from importlib.metadata import version
    with pytest.raises(SystemExit) as caught:
        main(["--version"])
    assert caught.value.code == 0
    assert capsys.readouterr().out == f"flashfill {version('flashfill')}\n"


def test_no_backup_without_in_place_is_a_usage_error(books, capsys):
    code, out, err = run(capsys, "fill", books / "products.csv", "--no-backup")
    assert code == 2 and "--no-backup only applies with --in-place" in err
    assert not (books / "products.filled.csv").exists()


def test_a_notes_column_is_never_filled_with_made_up_text(tmp_path, capsys):
    src = write_csv(tmp_path / "t.csv", [
        ["Name", "Email", "Domain", "Notes"], ["Ann Lee", "ann.lee@acme.com", "", "call back"],
        ["Bo Ek", "bo.ek@zeta.org", "", ""], ["Cy Do", "cy.do@acme.com", "", "call back"],
        ["Di Fu", "di.fu@omega.net", "", ""], ["Ed Gu", "ed.gu@zeta.org", "", "call back"]])
    code, out, err = run(capsys, "fill", src)
    assert code == 2
    assert 'column D ("Notes") is not filled' in err and "only writes fixed text ('call back')" in err
    assert 'could be filled instead: column C ("Domain", empty) (--target C)' in err and "--allow-constant" in err
    code, out, err = run(capsys, "fill", src, "--target", "Notes")
    assert code == 2 and "only writes fixed text" in err
    assert files(tmp_path) == ["t.csv"]
    code, out, err = run(capsys, "fill", src, "--target", "Notes", "--allow-constant")
    assert code == 0 and "filled with fixed text ('call back')" in out and "as --allow-constant asks" in out


def test_several_partly_typed_columns_stop_the_fill_and_name_them(tmp_path, capsys):
    src = write_csv(tmp_path / "t.csv", [
        ["Name", "Phone", "First"], ["Ann Lee", "555-0100", "Ann"], ["Bo Ek", "", ""], ["Cy Do", "555-0102", ""]])
    code, out, err = run(capsys, "fill", src)
    assert code == 2
    assert ('more than one column could be the one to fill: column B ("Phone", 2 typed, 1 blank), '
            'column C ("First", 1 typed, 2 blank)') in err and "--target C" in err
    assert files(tmp_path) == ["t.csv"]
    code, out, err = run(capsys, "fill", src, "--target", "First", "--inputs", "Name")
    assert code == 0, err


def test_apply_refuses_a_program_of_constants_unless_allowed(tmp_path, capsys):
    src = write_csv(tmp_path / "t.csv", [["Name", "Notes"], ["Ann Lee", "call back"], ["Bo Ek", ""],
                                         ["Cy Do", "call back"]])
    saved = tmp_path / "p.json"
    code, out, err = run(capsys, "learn", src, "--allow-constant", "--save", saved)
    assert code == 0 and "note: column B (\"Notes\") is filled with fixed text ('call back')" in out
    code, out, err = run(capsys, "apply", saved, src)
    assert code == 2 and "only writes fixed text" in err and "--allow-constant" in err
    assert run(capsys, "apply", saved, src, "--allow-constant")[0] == 0


def test_an_encrypted_workbook_is_named_as_such(books, capsys):
    from msoffcrypto.format.ooxml import OOXMLFile
    with open(books / "contacts.xlsx", "rb") as plain, open(books / "locked.xlsx", "wb") as locked:
        OOXMLFile(plain).encrypt("secret", locked)
    code, out, err = run(capsys, "fill", books / "locked.xlsx")
    assert code == 2 and "locked.xlsx: the workbook is encrypted (password-protected)" in err and ".xls?" not in err
    assert not (books / "locked.filled.xlsx").exists()


def test_a_field_too_large_names_the_row_where_it_starts(tmp_path, capsys):
    rows = ["Name,Out", "ann,ANN"] + [f"r{i}," for i in range(5000)] + ['big,"never closed'] + ["zzzzzzzz,"] * 20_000
    src = tmp_path / "t.csv"
    src.write_text("\n".join(rows) + "\n", encoding="utf-8")
    code, out, err = run(capsys, "fill", src)
    assert code == 2 and "t.csv: row 5003: a cell is longer than 131072 characters" in err
    assert "quote opened in this row is never closed" in err


def test_a_category_column_of_fixed_texts_needs_allow_constant(tmp_path, capsys):
    src = write_csv(tmp_path / "t.csv", [["Name", "Notes"], ["Ann Lee", "call back"], ["Bo Ek", "left voicemail"],
                                         ["Cy Do", "call back"], ["Di Fu", ""], ["Ed Gu", "left voicemail"]])
    code, out, err = run(capsys, "fill", src)
    assert code == 2 and "only picks one of a few fixed texts by tests on the inputs" in err
    assert "('call back', 'left voicemail')" in err and "if it is a category the inputs decide" in err


def test_the_file_flags_the_rows_the_session_judges_unsure(tmp_path, capsys):
    """The CLI asks the session's judge (``unsure_rows()``), not only the runners-up: a row
    unlike every example is flagged even where no other program disagrees, in every chunk."""
    from flashfill import Session

    names = ["Ada Lovelace", "Mr. Bean", "Alan Turing", "Grace Hopper", "Dr. No"] * 900
    rows = [["Name", "Last"], ["John Smith", "Smith"]] + [[n, ""] for n in names]
    src = write_csv(tmp_path / "people.csv", rows)
    session = Session()
    session.add_example(("John Smith",), "Smith")
    session.add_inputs([(n,) for n in names])
    judged = {u.index + 3 for u in session.unsure_rows()}
    assert 4 in judged and 3 not in judged, "the judge doubts 'Mr. Bean' and trusts 'Ada Lovelace'"
    code, out, err = run(capsys, "fill", src)
    assert code == 0, err
    assert f"unsure     {len(judged)} rows" in out
    assert "row 4: 'Bean'" in out and "row 3:" not in out.split("unsure")[1]
