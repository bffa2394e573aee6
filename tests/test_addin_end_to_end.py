"""The add-in with the real learner: FLASHFILL as Excel calls it, and the ribbon macro
on xlwings' remote engine (the key is set by the ``remote`` fixture only)."""

from __future__ import annotations

import sys
from pathlib import Path

import flashfill
import pytest
import xlwings as xw

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "addin"))

from flashfill_addin import macro  # noqa: E402
from flashfill_addin.udfs import FLASHFILL, FLASHFILL_EXPLAIN, FLASHFILL_FORMULA  # noqa: E402
from test_addin_macro import excel_json, remote  # noqa: E402,F401  (the remote-engine fixture)

NAMES = [["John Smith"], ["Mary Lee"], ["Bob Ray"], ["Carl Dean"], [None], ["Eve Fox"]]


def test_flashfill_learns_and_fills_the_column() -> None:
    outputs = [["Smith, J."], ["Lee, M."], [None], [None], [None], [None]]
    assert FLASHFILL(NAMES, outputs) == [["Smith, J."], ["Lee, M."], ["Ray, B."], ["Dean, C."], [""], ["Fox, E."]]


def test_flashfill_reads_numbers_as_excel_shows_them() -> None:
    inputs = [[1234.0, "north"], [77.0, "south"], [5.0, "east"]]
    assert FLASHFILL(inputs, [["ORD-1234"], ["ORD-77"], [None]]) == [["ORD-1234"], ["ORD-77"], ["ORD-5"]]


def test_flashfill_names_the_rows_of_conflicting_examples() -> None:
    with pytest.raises(flashfill.LearnError, match=r"rows 1 and 3 of the range"):
        FLASHFILL([["a"], ["b"], ["a"]], [["x"], [None], ["z"]])


def test_explain_describes_the_program() -> None:
    lines = FLASHFILL_EXPLAIN(NAMES, [["Smith, J."], ["Lee, M."], [None], [None], [None], [None]])
    assert len(lines) > 1 and all(len(line) == 1 and isinstance(line[0], str) for line in lines)


def test_ribbon_macro_with_the_real_session(remote: None) -> None:
    values = [["Name", "Initials"], ["John Smith", "Smith, J."], ["Mary Lee", None], ["Bob Ray", "Ray, B."], ["Eve Fox", None]]
    book = xw.Book(json=excel_json(values, "B3"))
    book.set_mock_caller()
    result = macro.fill_selection(xw.Book.caller())
    writes = [(a["start_row"], a["values"]) for a in book.json()["actions"] if a["func"] == "setValues"]
    assert writes == [(2, [["Lee, M."]]), (4, [["Fox, E."]])]
    assert result.ok and result.filled == 2


def test_ribbon_macro_marks_only_cells_it_filled(remote: None) -> None:
    values = [["Name", "Short"], ["John Smith", "Smith, J."]] + [
        [name, None] for name in ("Mary Lee", "Bob van Dyke", "Ann-Marie Fox", "Eve Fox")
    ]
    values.insert(4, ["Carl Dean", "Dean, C."])
    book = xw.Book(json=excel_json(values, "B2"))
    book.set_mock_caller()
    result = macro.fill_selection(xw.Book.caller())
    blank_rows = {i for i, row in enumerate(values) if row[1] is None}
    acted = [a for a in book.json()["actions"] if a["func"] in ("setValues", "setRangeColor", "addNote")]
    assert acted and all(
        a["column_count"] == 1 and a["start_column"] == 1 and set(range(a["start_row"], a["start_row"] + a["row_count"])) <= blank_rows
        for a in acted
    )
    assert result.ok and result.filled + len(result.undefined) == len(blank_rows)
    notes = [a["args"][1] for a in book.json()["actions"] if a["func"] == "addNote"]
    assert len(notes) == len(result.unsure) + len(result.undefined)


def test_formula_function_gives_the_program_as_a_formula_for_the_first_row(remote: None) -> None:
    values = [["Email", "Domain"], ["john@example.com", "example.com"], ["ann@mail.org", None], ["x@y.z", None]]
    sheet = xw.Book(json=excel_json(values, "B2")).sheets[0]
    assert FLASHFILL_FORMULA(sheet["A2:A4"], sheet["B2:B4"]) == '=IFERROR(MID(A2,FIND("@",A2)+1,LEN(A2)),"")'
    assert FLASHFILL_FORMULA(sheet["A3:A4"], sheet["B3:B4"]) == "Type an example in the output column first."


def test_formula_function_says_why_a_program_has_no_formula(remote: None) -> None:
    values = [["Text", "Digits"], ["a1b22c333", "122333"], ["x4y5", "45"], ["7 8 9 10", None]]
    sheet = xw.Book(json=excel_json(values, "B2")).sheets[0]
    assert FLASHFILL_FORMULA(sheet["A2:A4"], sheet["B2:B4"]).startswith("no excel formula: step 1 (for each match")
