"""The ribbon macro against xlwings' remote engine (addin/flashfill_addin/macro.py).

``xw.Book(json=...)`` builds a book from the JSON an Office.js client sends;
``set_mock_caller()`` makes ``xw.Book.caller()`` return it, so ``main()`` runs as
the ribbon button would, through the real xlwings Range API.  What the macro did
is read back from ``book.json()["actions"]``.  The remote engine is part of
xlwings PRO and needs the noncommercial key, which only these tests set.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import xlwings as xw

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "addin"))

import flashfill_addin  # noqa: E402
from fake_sessions import SHEET, FakeSession, LearnError  # noqa: E402
from flashfill_addin import macro  # noqa: E402

from flashfill.sheet import fill  # noqa: E402


@pytest.fixture
def remote(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """xlwings' remote engine, licensed for this test only."""
    monkeypatch.setenv("XLWINGS_LICENSE_KEY", "noncommercial")
    if "remote" not in [engine.name for engine in xw.engines]:
        from xlwings.pro import _xlremote

        xw.engines.add(xw.main.Engine(impl=_xlremote.engine))
    yield
    if hasattr(xw.Book, "_mock_caller"):
        del xw.Book._mock_caller


def excel_json(values: list[list[Any]], selection: str, notes: tuple[str, ...] = ()) -> dict[str, Any]:
    """The payload an Office.js client sends for a one-sheet book."""

    def encode(value: Any) -> Any:
        if value is None:
            return ""
        if isinstance(value, dt.datetime):
            return value.isoformat() + ".000Z"
        return value

    return {
        "client": "Office.js",
        "version": xw.__version__,
        "book": {"name": "contacts.xlsx", "active_sheet_index": 0, "selection": selection},
        "names": [],
        "sheets": [
            {
                "name": "Sheet1",
                "values": [[encode(v) for v in row] for row in values],
                "pictures": [],
                "tables": [],
                "shapes": [],
                "charts": [],
                "notes": [{"address": a} for a in notes],
                "notes_supported": True,
            }
        ],
    }


def open_caller(values: list[list[Any]], selection: str, notes: tuple[str, ...] = ()) -> xw.Book:
    book = xw.Book(json=excel_json(values, selection, notes))
    book.set_mock_caller()
    return book


def actions(book: xw.Book, func: str) -> list[dict[str, Any]]:
    return [a for a in book.json()["actions"] if a["func"] == func]


def test_fill_writes_only_blank_cells_in_runs(remote: None) -> None:
    book = open_caller(SHEET, "B3")
    result = macro.fill_selection(xw.Book.caller(), FakeSession)
    writes = actions(book, "setValues")
    assert [(w["start_row"], w["row_count"], w["values"]) for w in writes] == [
        (2, 2, [["MAL"], ["BR"]]),
        (6, 1, [["CD"]]),
    ]
    assert all(w["start_column"] == 1 and w["column_count"] == 1 for w in writes)
    assert result.filled == 3
    assert result.undefined == ("B6",)
    assert result.message == "Flash Fill: filled 3 cells, 1 left blank."
    session = FakeSession.instances[-1]
    assert session.examples == [(("John Smith",), "JS"), (("Ann Bell",), "ab!")]
    assert session.inputs == [("mary ann lee",), ("Bob Ray",), ("?",), ("Carl Dean",)]


def test_unsure_and_undefined_rows_get_a_colour_and_a_note(remote: None) -> None:
    book = open_caller(SHEET, "B2")
    result = macro.fill_selection(xw.Book.caller(), lambda: FakeSession(unsure=(1,)))
    colours = {a["start_row"]: a["args"] for a in actions(book, "setRangeColor")}
    assert colours == {3: ["#ffeb9c"], 5: ["#ffeb9c"]}
    notes = {a["args"][0]: a["args"][1] for a in actions(book, "addNote")}
    assert set(notes) == {"$B$4", "$B$6"}
    assert "'X' or 'Y'" in notes["$B$4"]
    assert notes["$B$6"] == fill.UNDEFINED_NOTE
    assert result.unsure == ("B4",)


def test_existing_note_is_rewritten_not_added_twice(remote: None) -> None:
    book = open_caller(SHEET, "B3", notes=("$B$6",))
    macro.fill_selection(xw.Book.caller(), FakeSession)
    assert actions(book, "addNote") == []
    assert [a["args"] for a in actions(book, "setNoteText")] == [["$B$6", fill.UNDEFINED_NOTE]]


def test_selection_of_some_rows_fills_only_those(remote: None) -> None:
    book = open_caller(SHEET, "B6:B7")
    macro.fill_selection(xw.Book.caller(), FakeSession)
    assert [(w["start_row"], w["values"]) for w in actions(book, "setValues")] == [(6, [["CD"]])]


def test_conflicting_examples_alert_names_the_cells(remote: None) -> None:
    book = open_caller(SHEET, "B3")
    error = LearnError("two examples disagree", (0, 1))
    result = macro.fill_selection(xw.Book.caller(), lambda: FakeSession(error=error))
    assert not result.ok
    [alert] = actions(book, "alert")
    assert "two examples disagree (check B2, B5)" in alert["args"][0]
    assert alert["args"][1] == "Flash Fill"
    assert actions(book, "setValues") == []


def test_no_example_and_bad_selection_alert(remote: None) -> None:
    book = open_caller([["Name", "Initials"], ["John Smith", None]], "B2")
    assert "type at least one example in column B" in macro.fill_selection(xw.Book.caller(), FakeSession).message
    assert len(actions(book, "alert")) == 1
    book = open_caller(SHEET, "A2:B3")
    assert "one column" in macro.fill_selection(xw.Book.caller(), FakeSession).message
    assert actions(book, "setValues") == []


def test_numbers_and_dates_reach_the_learner_as_text(remote: None) -> None:
    values = [["When", "Year"], [dt.datetime(2024, 3, 1), 2024.0], [dt.datetime(1999, 12, 31), None]]
    open_caller(values, "B3")
    macro.fill_selection(xw.Book.caller(), FakeSession)
    session = FakeSession.instances[-1]
    assert session.examples == [(("2024-03-01",), "2024")]
    assert session.inputs == [("1999-12-31",)]


def test_main_is_the_ribbon_entry_point(remote: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(macro, "default_session", FakeSession)
    monkeypatch.setattr(macro.fill_selection, "__defaults__", (FakeSession,))
    book = open_caller(SHEET, "B3")
    flashfill_addin.main()
    assert len(actions(book, "setValues")) == 2


class DesktopRange:
    """What desktop xlwings returns for a column's ``formula``."""

    def __init__(self, formulas: Any) -> None:
        self.formula = formulas


class DesktopSheet:
    def __init__(self, formulas: Any) -> None:
        self.formulas = formulas
        self.asked: list[tuple[Any, Any]] = []

    def range(self, first: Any, last: Any) -> DesktopRange:
        self.asked.append((first, last))
        return DesktopRange(self.formulas)


def test_formula_rows_are_read_on_desktop_engines() -> None:
    plan = macro.plan_fill(macro.Cells(SHEET, (1, 1)), macro.Area(3, 2, 3, 2))
    sheet = DesktopSheet((("JS",), ("",), ('=IF(A4="","",A4)',), ("ab!",), ("",), ("",)))
    assert macro.formula_rows(sheet, plan) == frozenset({4})  # type: ignore[arg-type]
    assert sheet.asked == [((2, 2), (7, 2))]


class StatusApp:
    status_bar: str | None = None


class StatusBook:
    app = StatusApp()


def test_status_bar_is_set_where_the_engine_has_one() -> None:
    book = StatusBook()
    macro.show_status(book, "Flash Fill: filled 3 cells.")  # type: ignore[arg-type]
    assert book.app.status_bar == "Flash Fill: filled 3 cells."


def test_a_cell_of_spaces_is_never_written_nor_learned_from(remote: None) -> None:
    values = [["Name", "Initials"], ["John Smith", "JS"], ["Mary Lee", "  "], ["Bob Ray", None]]
    book = open_caller(values, "B2")
    macro.fill_selection(xw.Book.caller(), FakeSession)
    assert [(w["start_row"], w["values"]) for w in actions(book, "setValues")] == [(3, [["BR"]])]
    assert FakeSession.instances[-1].examples == [(("John Smith",), "JS")]


def test_marks_are_coloured_by_runs_and_notes_are_capped(remote: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fill, "MAX_NOTES", 2)
    values = [["Name", "Initials"], ["John Smith", "JS"]] + [["?", None]] * 4 + [["Bob Ray", None], ["?", None]]
    book = open_caller(values, "B2")
    result = macro.fill_selection(xw.Book.caller(), FakeSession)
    assert [(a["start_row"], a["row_count"]) for a in actions(book, "setRangeColor")] == [(2, 4), (7, 1)]
    assert [a["args"][0] for a in actions(book, "addNote")] == ["$B$3", "$B$4"]
    assert result.undefined == ("B3", "B4", "B5", "B6", "B8")


class LearningSession(FakeSession):
    """``FakeSession`` whose program is learned by flashfill from the examples, so it has formulas."""

    def learn(self) -> Any:
        import flashfill

        return flashfill.learn(self.examples)


NAMES = [
    ["First", "Full", "Last"],
    ["John", "Smith, John", "Smith"],
    ["Ann", None, "Bell"],
    ["Bob", None, "Ray"],
    ["Carl", "Dean, Carl", "Dean"],
    ["Eve", None, "Stone"],
]


def written_rows(book: xw.Book) -> set[int]:
    """1-based sheet rows of every cell the macro wrote a value or a formula into."""
    writes = actions(book, "setValues") + actions(book, "setFormula")
    return {w["start_row"] + 1 + i for w in writes for i in range(w["row_count"])}


def test_formula_fill_writes_live_formulas_into_exactly_the_blank_cells(remote: None) -> None:
    book = open_caller(NAMES, "B3")
    result = macro.fill_selection_with_formulas(xw.Book.caller())
    writes = actions(book, "setFormula")
    assert [(w["start_row"], w["start_column"], w["row_count"], w["values"]) for w in writes] == [
        (2, 1, 2, [['=C3&", "&A3'], ['=C4&", "&A4']]),
        (5, 1, 1, [['=C6&", "&A6']]),
    ]
    assert actions(book, "setValues") == []
    assert written_rows(book) == {3, 4, 6}
    assert result.ok and result.filled == 3
    assert result.message == "Flash Fill: wrote 3 formulas."


def test_each_formula_is_the_programs_formula_for_its_row(remote: None) -> None:
    import flashfill

    program = flashfill.learn([(("john@example.com",), "example.com"), (("ann@mail.org",), "mail.org")])
    values = [["Email", "Domain"], ["john@example.com", "example.com"], ["ann@mail.org", "mail.org"]]
    values += [["bob@corp.net", None], ["eve@x.io", None]]
    book = open_caller(values, "B2")
    macro.fill_selection_with_formulas(xw.Book.caller())
    [write] = actions(book, "setFormula")
    assert write["values"] == [[program.to_formula(["A4"])], [program.to_formula(["A5"])]]
    assert write["values"][0] == ['=IFERROR(MID(A4,FIND("@",A4)+1,LEN(A4)),"")']


def test_formula_fill_marks_and_notes_the_rows_the_value_fill_marks(remote: None) -> None:
    values = [["Email", "Domain"], ["john@example.com", "example.com"], ["ann@mail.org", "mail.org"]]
    values += [["bob@corp.net", None], ["nobody", None], ["eve@x.io", None]]
    by_values = open_caller(values, "B2")
    macro.fill_selection(xw.Book.caller(), lambda: LearningSession(unsure=(0,)))
    by_formulas = open_caller(values, "B2")
    result = macro.fill_selection_with_formulas(xw.Book.caller(), lambda: LearningSession(unsure=(0,)))
    for func in ("setRangeColor", "addNote"):
        assert actions(by_formulas, func) == actions(by_values, func)
    assert [(a["start_row"], a["row_count"]) for a in actions(by_formulas, "setRangeColor")] == [(3, 2)]
    assert written_rows(by_formulas) == written_rows(by_values) == {4, 6}
    assert result.unsure == ("B4",) and result.undefined == ("B5",)
    assert result.message == "Flash Fill: wrote 2 formulas, 1 to check (yellow), 1 left blank."


@pytest.mark.parametrize(
    ("values", "says"),
    [
        (
            [["Name", "Initials"], ["John Smith", "JS"], ["Ann Bell", "AB"], ["mary ann lee", "MAL"], ["Bob Ray", None]],
            ["no excel formula: step 1 (for each match in turn", "a formula cannot loop"],
        ),
        (
            [["Date", "Next day"], ["2024-03-06", "Mar 7, 2024"], ["2024-12-31", "Jan 1, 2025"],
             ["2020-07-04", None]],
            ["no excel formula: step 1 (the date in column 1, 1 day later", "shifting or rounding a date"],
        ),
    ],
    ids=["loop", "date step"],
)
def test_a_program_without_a_formula_writes_nothing_and_names_the_step(
    remote: None, values: list[list[Any]], says: list[str]
) -> None:
    book = open_caller(values, "B2")
    result = macro.fill_selection_with_formulas(xw.Book.caller())
    assert not result.ok
    [alert] = actions(book, "alert")
    assert alert["args"][1] == "Flash Fill"
    assert alert["args"][0].startswith("Nothing was filled: no excel formula: step 1 (")
    for text in says:
        assert text in alert["args"][0]
    assert "click Flash Fill to write the values instead" in alert["args"][0]
    assert [a["func"] for a in book.json()["actions"]] == ["alert"]


def test_the_same_program_still_fills_values_with_the_flash_fill_button(remote: None) -> None:
    values = [["Name", "Initials"], ["John Smith", "JS"], ["Ann Bell", "AB"], ["mary ann lee", "MAL"], ["Bob Ray", None]]
    book = open_caller(values, "B2")
    assert macro.fill_selection(xw.Book.caller()).ok
    assert [w["values"] for w in actions(book, "setValues")] == [[["BR"]]]


def test_main_formulas_is_the_formula_buttons_entry_point(remote: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(macro.fill_selection_with_formulas, "__defaults__", (LearningSession,))
    book = open_caller(NAMES, "B3")
    flashfill_addin.main_formulas()
    assert len(actions(book, "setFormula")) == 2
    assert isinstance(FakeSession.instances[-1], LearningSession)
    assert actions(book, "setValues") == []
