"""Exported formulas computed by a real LibreOffice Calc, and exported Python run, against
``program(row)`` on every row: the programs learned on the public benchmark suites (the
last program of the fill-the-column protocol, `flashfill.bench`) and random programs
covering every construct.

One headless LibreOffice (tests/soffice.py: own profile, named pipe) serves the whole
module. Formulas are set through UNO on text cells holding the inputs; Calc computes
them and the values are read back. A row where the program gives None must show an
empty text. The ``excel`` dialect cannot run here: its formulas are checked for known
function names and balanced syntax, and computed by Calc after spelling Excel's two
regex functions with Calc's ``REGEX`` (the patterns use only syntax PCRE2 and ICU
share; REGEXREPLACE replaces every match, as REGEX does with the flag "g").
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import openpyxl
import pytest
from codegen_cases import (
    DATE_EDGE_TEXTS,
    RICH_TEXTS,
    position_programs,
    random_number_programs,
    random_number_rows,
    random_date_programs,
    random_programs,
    random_rows,
    random_value_rows,
    run_exported,
    within_formula_integers,
)
from soffice import office  # noqa: F401  (the module-scoped fixture)

import flashfill
from flashfill import ExportError
from flashfill.cli import main
from flashfill.codegen import ir, to_formula, to_python
from flashfill.codegen.excel import EXCEL_365_FUNCTIONS
from flashfill.codegen.lower import lower
from flashfill.codegen.report import loop_free, reads_values
from flashfill.language import Program
from tests.benchmark_programs import benchmark_programs

ROOT = Path(__file__).resolve().parent.parent
BENCHMARKS = Path(os.environ.get("FLASHFILL_BENCHMARKS", ROOT.parent / "shared" / "benchmarks"))
SUITES = ("sygus_pbe_slia", "bustle_new", "tde")

#: Excel's functions (from its function list) that the excel dialect may write.
EXCEL_FUNCTIONS = frozenset({
    "ABS", "AND", "CHAR", "FALSE", "FIND", "FIXED", "IF", "IFERROR", "IFS", "INT", "ISNUMBER", "LEFT", "LEN", "LET",
    "LOWER", "MAX", "MID", "MIN", "MOD", "NA", "NOT", "OR", "PROPER", "QUOTIENT", "REGEXEXTRACT", "REGEXREPLACE",
    "REGEXTEST", "REPT", "RIGHT", "ROUND", "SEARCH", "SIGN", "SUBSTITUTE", "TEXT", "TEXTAFTER", "TEXTBEFORE", "UPPER",
    "VALUE",
})


#: The refusal of a formula longer than a cell takes (Excel's formulas are a little longer than Calc's).
TOO_LONG = "characters long"


def column_letter(index: int) -> str:
    letters, n = "", index + 1
    while n:
        n, r = divmod(n - 1, 26)
        letters = chr(65 + r) + letters
    return letters


def calc_values(office, jobs: list[tuple[Program, tuple[str, ...]]], formula_of) -> list[str]:
    """Calc's values of ``formula_of(program, cells)`` for each (program, row), one row a job."""
    document = office.new("scalc")
    try:
        sheet = document.Sheets.getByIndex(0)
        width = max(len(row) for _, row in jobs)
        inputs = tuple(row + ("",) * (width - len(row)) for _, row in jobs)
        formulas = tuple(
            (formula_of(program, [f"{column_letter(c)}{r}" for c in range(program.columns)]),)
            for r, (program, _) in enumerate(jobs, 1)
        )
        last = len(jobs)
        sheet.getCellRangeByName(f"A1:{column_letter(width - 1)}{last}").setDataArray(inputs)
        out = sheet.getCellRangeByName(f"{column_letter(width)}1:{column_letter(width)}{last}")
        out.setFormulaArray(formulas)
        return [value for (value,) in out.getDataArray()]
    finally:
        document.close(True)


def _excel_call(formula: str, name: str, before: str, after: str) -> str:
    """Replace each NAME(args) by before + args + after, matching its parenthesis."""
    out, i = [], 0
    while True:
        j = formula.find(name + "(", i)
        if j < 0:
            out.append(formula[i:])
            return "".join(out)
        end = _closing(formula, j + len(name))
        out.append(formula[i:j] + before + _excel_call(formula[j + len(name) + 1:end], name, before, after) + after)
        i = end + 1


def _closing(text: str, open_at: int) -> int:
    depth, quoted = 0, False
    for k in range(open_at, len(text)):
        ch = text[k]
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch == "(":
            depth += 1
        elif not quoted and ch == ")":
            depth -= 1
            if depth == 0:
                return k
    raise AssertionError(f"unbalanced parentheses in {text!r}")


def excel_as_calc(formula: str) -> str:
    parts = re.split(r'("(?:[^"]|"")*")', formula)
    text = "".join(p if i % 2 else p.replace(",", ";") for i, p in enumerate(parts))
    text = _excel_call(text, "REGEXTEST", "NOT(ISNA(REGEX(", ")))")
    text = _excel_call(text, "REGEXREPLACE", "REGEX(", ';"g")')
    return text.replace("REGEXEXTRACT(", "REGEX(")


def check_excel_syntax(formula: str) -> None:
    """Known functions only, quotes and parentheses balanced."""
    assert formula.startswith("=")
    code = re.sub(r'"(?:[^"]|"")*"', '""', formula)
    assert '"' not in code.replace('""', ""), formula
    names = set(re.findall(r"([A-Z][A-Z0-9.]*)\(", code))
    assert names <= EXCEL_FUNCTIONS, names - EXCEL_FUNCTIONS
    _closing("(" + code[1:] + ")", 0)


def exported(programs_rows, dialect: str):
    """The (program, row) jobs of the programs that export to ``dialect``, and the refusals."""
    jobs, refused = [], []
    for program, rows in programs_rows:
        try:
            program.to_formula(["XFD1048576"] * program.columns, dialect)  # the longest reference
        except ExportError as error:
            refused.append(str(error))
            continue
        jobs += [(program, row) for row in rows]
    return jobs, refused


def exports(program: Program, dialect: str) -> bool:
    try:
        program.to_formula(["A2"] * program.columns, dialect)
    except ExportError:
        return False
    return True


def has_loop_or_value(program: Program) -> bool:
    return reads_values(program) or not loop_free(program)


def mismatches(jobs, values):
    """Rows where Calc's value is not the program's; a blank is right where the row's numbers
    need more digits than a spreadsheet holds exactly (the formula refuses them)."""
    return [
        (p.explain(), row, p(row), got) for (p, row), got in zip(jobs, values)
        if (p(row) or "") != got and not (got == "" and not within_formula_integers(p, row))
    ]


# ------------------------------------------------------------ random programs


@pytest.fixture(scope="module")
def random_cases():
    import random

    rng = random.Random(16)
    cases = [(p, random_rows(rng, p.columns, 24)) for p in random_programs(16, 250)]
    cases += [(p, [(t,) for t in RICH_TEXTS]) for p in position_programs()]
    assert sum(bool(p(row)) for p, rows in cases for row in rows) > 3000  # most rows have an output
    return cases


@pytest.mark.parametrize("dialect", ["libreoffice", "excel"])
def test_random_programs_compute_the_same_in_calc(office, random_cases, dialect):  # noqa: F811
    jobs, refused = exported(random_cases, dialect)
    assert all(TOO_LONG in error for error in refused) and len(refused) <= 3, refused
    if dialect == "excel":
        for program, _ in random_cases[:250]:
            if exports(program, "excel"):
                check_excel_syntax(program.to_formula(["A2", "B2"][: program.columns], "excel"))
        values = calc_values(office, jobs, lambda p, cells: excel_as_calc(to_formula(p, cells, "excel")))
    else:
        values = calc_values(office, jobs, lambda p, cells: to_formula(p, cells, "libreoffice"))
    assert mismatches(jobs, values) == []


# ------------------------------------------------------------ number programs

#: Why a number program may have no formula (each refusal names it).
UNWRITTEN_NUMBERS = (TOO_LONG,)


@pytest.fixture(scope="module")
def number_cases():
    """Random number programs (reading, scaling, rounding, writing) that have a formula, with
    rows of numbers typed every way, malformed ones and noise; rows whose numbers need more
    digits than a spreadsheet holds are left out (`within_formula_integers`)."""
    import random

    rng = random.Random(17)
    cases, refused = [], []
    for program in random_number_programs(17, 400):
        rows = [row for row in random_number_rows(rng, 30) if within_formula_integers(program, row)]
        try:
            for dialect in ("libreoffice", "excel"):
                program.to_formula(["XFD1048576"], dialect)  # the longest reference: every row's fits
        except ExportError as error:
            refused.append(str(error))
            continue
        cases.append((program, rows))
    assert all(any(reason in error for reason in UNWRITTEN_NUMBERS) for error in refused), refused[:3]
    assert len(cases) >= 100
    assert sum(bool(p(row)) for p, rows in cases for row in rows) > 1000  # a number written
    assert sum(p(row) is None for p, rows in cases for row in rows) > 1000  # no number, or not in this style
    return cases


@pytest.mark.parametrize("dialect", ["libreoffice", "excel"])
def test_random_number_programs_compute_the_same_in_calc(office, number_cases, dialect):  # noqa: F811
    jobs, refused = exported(number_cases, dialect)
    assert refused == []
    if dialect == "excel":
        for program, _ in number_cases[:100]:
            check_excel_syntax(program.to_formula(["A2"], "excel"))
        values = calc_values(office, jobs, lambda p, cells: excel_as_calc(to_formula(p, cells, "excel")))
    else:
        values = calc_values(office, jobs, lambda p, cells: to_formula(p, cells, "libreoffice"))
    assert mismatches(jobs, values) == []


# -------------------------------------------------------------- date programs


@pytest.fixture(scope="module")
def date_cases():
    """Random programs reading and writing dates (every field code, both reading orders, the
    whole column or the text after a colon), with dates and times typed every way, texts
    close to one that are none, and noise."""
    import random

    rng = random.Random(18)
    edges = [(t,) for t in DATE_EDGE_TEXTS] + [("due:" + t,) for t in DATE_EDGE_TEXTS[::3]]
    cases = [(p, random_value_rows(rng, 30, numbers=False) + edges) for p in random_date_programs(18, 80)]
    assert sum(bool(p(row)) for p, rows in cases for row in rows) > 1000  # a date written
    assert sum(p(row) is None for p, rows in cases for row in rows) > 1500  # no date, or none with those parts
    return cases


@pytest.mark.parametrize("dialect", ["libreoffice", "excel"])
def test_random_date_programs_compute_the_same_in_calc(office, date_cases, dialect):  # noqa: F811
    jobs, refused = exported(date_cases, dialect)
    # Without LET each case reads its date with the whole grammar: programs of two or three
    # cases may be longer than a cell takes.
    assert all(TOO_LONG in error for error in refused) and len(refused) <= len(date_cases) // 2, refused
    if dialect == "excel":
        for program, _ in date_cases[:40]:
            if exports(program, "excel"):
                check_excel_syntax(program.to_formula(["A2"], "excel"))
        values = calc_values(office, jobs, lambda p, cells: excel_as_calc(to_formula(p, cells, "excel")))
    else:
        values = calc_values(office, jobs, lambda p, cells: to_formula(p, cells, "libreoffice"))
    assert mismatches(jobs, values) == []


# --------------------------------------------------------- benchmark programs


@pytest.fixture(scope="module")
def learned():
    """(program, rows) for the last program learned on each public benchmark task (learned
    once a test run, shared with the engine tests: tests/benchmark_programs.py)."""
    folders = [BENCHMARKS / s for s in SUITES]
    if not all(f.is_dir() for f in folders):
        pytest.skip(f"the public benchmark suites are not at {BENCHMARKS} (set FLASHFILL_BENCHMARKS)")
    return [(program, [inputs for inputs, _ in task.rows]) for task, program in benchmark_programs()]


def test_benchmark_formulas_compute_the_same_in_calc(office, learned):  # noqa: F811
    jobs, refused = exported(learned, "libreoffice")
    plain = [p for p, _ in learned if not has_loop_or_value(p)]
    assert sum(1 for p in plain if exports(p, "libreoffice")) >= 0.9 * len(plain)
    values = calc_values(office, jobs, lambda p, cells: to_formula(p, cells, "libreoffice"))
    assert mismatches(jobs, values) == []


def test_benchmark_excel_formulas_compute_the_same_in_calc(office, learned):  # noqa: F811
    jobs, refused = exported(learned, "excel")
    calc_refused = exported(learned, "libreoffice")[1]
    assert sum(TOO_LONG not in error for error in refused) == sum(TOO_LONG not in error for error in calc_refused)
    for program, _ in learned[:: max(1, len(learned) // 100)]:
        try:
            check_excel_syntax(program.to_formula(["A2"] * program.columns, "excel"))
        except ExportError:
            pass
    values = calc_values(office, jobs, lambda p, cells: excel_as_calc(to_formula(p, cells, "excel")))
    assert mismatches(jobs, values) == []


def test_benchmark_python_exports_run_the_same(learned):
    wrong, modules = [], {}
    for program, rows in learned:
        function = run_exported(to_python(program), modules)
        wrong += [(program.explain(), row) for row in rows if function(*row) != program(row)]
    assert wrong == []


def test_classic_programs_use_no_excel_365_function(learned):
    """A program that needs no token search and reads no number or date keeps to functions Excel 2010 has."""
    needs_regex = (ir.Occurrence, ir.FirstMatch, ir.HasMatches, ir.WriteNumber, ir.WriteMoment)
    classic = 0
    for program, _ in learned:
        try:
            formula = program.to_formula(["A2"] * program.columns, "excel")
        except ExportError:
            continue
        if not any(isinstance(node, needs_regex) for node in ir.walk(lower(program.switch))):
            classic += 1
            assert not EXCEL_365_FUNCTIONS & set(re.findall(r"([A-Z]+)\(", formula)), formula
    assert classic > 0


def test_formulas_filled_into_an_xlsx_compute_the_filled_values_in_calc(office, tmp_path):  # noqa: F811
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Email", "Domain"])
    emails = ["john.smith@example.com", "ann@mail.co.uk", "x@y", "", "no at sign", "a@b@c.org"]
    for i, email in enumerate(emails):
        sheet.append([email, "example.com" if i == 0 else "mail.co.uk" if i == 1 else None])
    book.save(tmp_path / "emails.xlsx")
    assert main(["fill", str(tmp_path / "emails.xlsx"), "-o", str(tmp_path / "values.xlsx"), "-q"]) == 0
    assert main(["fill", str(tmp_path / "emails.xlsx"), "--formulas", "-o", str(tmp_path / "live.xlsx"), "-q"]) == 0
    values = openpyxl.load_workbook(tmp_path / "values.xlsx").active
    live = openpyxl.load_workbook(tmp_path / "live.xlsx").active
    written = [r for r in range(4, 8) if live.cell(row=r, column=2).data_type == "f"]
    assert written and all("_xlfn" not in live.cell(row=r, column=2).value for r in written)
    document = office.open(tmp_path / "live.xlsx")
    try:
        computed = document.Sheets.getByIndex(0)
        for r in range(2, 8):
            expected = values.cell(row=r, column=2).value or ""
            assert computed.getCellByPosition(1, r - 1).getString() == expected, r
    finally:
        document.close(True)


@pytest.mark.parametrize("dialect", ["libreoffice", "excel"])
def test_a_number_with_more_digits_than_a_spreadsheet_holds_is_left_blank(office, dialect):  # noqa: F811
    """A 16-digit number would come out with its last digits changed: its cell stays blank instead."""
    program = flashfill.learn([("1234", "1,234"), ("56789", "56,789")])
    rows = [("12345678901234",), ("1234567890123456",), ("00000012345678901234",), ("99999999999999999999",)]
    formula = (lambda p, cells: to_formula(p, cells, "libreoffice")) if dialect == "libreoffice" else (
        lambda p, cells: excel_as_calc(to_formula(p, cells, "excel")))
    values = calc_values(office, [(program, row) for row in rows], formula)
    assert values == ["12,345,678,901,234", "", "12,345,678,901,234", ""]
    assert [program(row) for row in rows[1::2]] == ["1,234,567,890,123,456", "99,999,999,999,999,999,999"]
    fixed = flashfill.learn([("1234", "1,234.00"), ("56789", "56,789.00")])
    values = calc_values(office, [(fixed, ("123456789012",)), (fixed, ("1234567890123",))], formula)
    assert values == ["123,456,789,012.00", ""]
