"""What the Flash Fill button writes, marks and reports (flashfill/sheet/fill.py), with a stand-in session."""

from __future__ import annotations

import pytest
from fake_sessions import SHEET, FakeSession, LearnError

from flashfill.sheet import fill
from flashfill.sheet.column import NoExamplesError
from flashfill.sheet.region import Area, Cells, plan_fill

# SHEET from A1: a header, typed B2 and B5, blank B3 B4 B6 B7, and '?' in A6 (undefined).
PLAN = plan_fill(Cells(SHEET, (1, 1)), Area(3, 2, 3, 2))


def decide(session: FakeSession, formula_rows: frozenset[int] = frozenset()) -> fill.ColumnFill:
    return fill.decide_fill(Cells(SHEET, (1, 1)), PLAN, session, formula_rows)


def test_typed_cells_are_examples_and_blank_ones_are_filled() -> None:
    session = FakeSession()
    decided = decide(session)
    assert session.examples == [(("John Smith",), "JS"), (("Ann Bell",), "ab!")]
    assert session.inputs == [("mary ann lee",), ("Bob Ray",), ("?",), ("Carl Dean",)]
    assert decided.values == {3: "MAL", 4: "BR", 7: "CD"}
    assert decided.undefined == [6]
    assert decided.unsure == {}


def test_formula_cells_are_never_written() -> None:
    decided = decide(FakeSession(), frozenset({4}))
    assert 4 not in decided.values and 4 not in decided.undefined


def test_unsure_rows_keep_their_value_and_list_the_other_readings() -> None:
    decided = decide(FakeSession(unsure=(1,)))
    assert decided.values[4] == "BR"
    assert decided.unsure == {4: ("X", "Y")}
    assert decided.marked() == [4, 6]
    assert decided.notes() == [
        (4, "Flash Fill is unsure of this cell. It could also be 'X' or 'Y'. Type the right value to teach it."),
        (6, fill.UNDEFINED_NOTE),
    ]


def test_notes_stop_at_the_cap_but_every_marked_row_is_coloured(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fill, "MAX_NOTES", 1)
    decided = decide(FakeSession(unsure=(0, 1)))
    assert decided.marked() == [3, 4, 6]
    assert [r for r, _ in decided.notes()] == [3]


def test_report_counts_filled_unsure_and_blank_cells() -> None:
    result = fill.report(PLAN, decide(FakeSession(unsure=(1,))))
    assert (result.filled, result.unsure, result.undefined) == (3, ("B4",), ("B6",))
    assert result.message == "Flash Fill: filled 3 cells, 1 to check (yellow), 1 left blank."
    assert result.ok


def test_conflicting_examples_name_the_cells() -> None:
    with pytest.raises(LearnError, match=r"two examples disagree \(check B2, B5\)"):
        decide(FakeSession(error=LearnError("two examples disagree", (0, 1))))


def test_no_typed_cell_says_which_column_needs_one() -> None:
    cells = Cells([["Name", "Initials"], ["John Smith", None]], (1, 1))
    plan = plan_fill(cells, Area(2, 2, 2, 2))
    with pytest.raises(NoExamplesError, match="type at least one example in column B first"):
        fill.decide_fill(cells, plan, FakeSession())
