"""Selection and region → which cells to fill (flashfill/sheet/region.py)."""

from __future__ import annotations


import pytest

from flashfill.sheet.region import (
    Area,
    Cells,
    SelectionError,
    cell_name,
    column_name,
    current_region,
    plan_fill,
)

# Sheet from B2: a header row, three rows of data, a blank row, then a second block.
SHEET = [
    ["Name", "City", "Initials", None, "note"],
    ["John Smith", "Paris", "JS", None, None],
    ["Mary Lee", "Rome", None, None, None],
    ["Bob Ray", None, None, None, None],
    [None, None, None, None, None],
    ["Other", "block", None, None, None],
]
CELLS = Cells(SHEET, origin=(2, 2))


def test_current_region_is_bounded_by_blank_rows_and_columns() -> None:
    assert current_region(CELLS, 4, 4) == Area(2, 2, 5, 4)
    assert current_region(CELLS, 2, 6) == Area(2, 6, 2, 6)
    assert current_region(CELLS, 7, 3) == Area(7, 2, 7, 3)


def test_current_region_follows_diagonal_neighbours() -> None:
    cells = Cells([["a", None], [None, "b"]], origin=(1, 1))
    assert current_region(cells, 1, 1) == Area(1, 1, 2, 2)


def test_current_region_of_an_empty_cell_far_away_is_the_cell() -> None:
    assert current_region(CELLS, 100, 100) == Area(100, 100, 100, 100)


def test_plan_from_one_cell_uses_the_whole_region_below_the_header() -> None:
    plan = plan_fill(CELLS, Area(4, 4, 4, 4))
    assert plan.output_column == 4
    assert plan.input_columns == (2, 3)
    assert plan.header
    assert list(plan.data) == [3, 4, 5]
    assert list(plan.targets) == [3, 4, 5]


def test_plan_from_a_multi_row_selection_fills_only_the_selected_rows() -> None:
    plan = plan_fill(CELLS, Area(5, 4, 5, 4))
    assert list(plan.targets) == [3, 4, 5]
    plan = plan_fill(CELLS, Area(4, 4, 20, 4))
    assert list(plan.data) == [3, 4, 5]
    assert list(plan.targets) == [4, 5]


def test_whole_column_selection() -> None:
    plan = plan_fill(CELLS, Area(1, 4, 1_048_576, 4))
    assert list(plan.targets) == [3, 4, 5]


def test_no_header_when_the_first_row_has_a_number() -> None:
    cells = Cells([["a", 1.0], ["b", None]], origin=(1, 1))
    plan = plan_fill(cells, Area(1, 2, 1, 2))
    assert not plan.header
    assert list(plan.data) == [1, 2]


def test_selection_over_two_columns_is_refused() -> None:
    with pytest.raises(SelectionError, match="one column"):
        plan_fill(CELLS, Area(3, 3, 4, 4))


def test_a_column_on_its_own_has_no_inputs() -> None:
    cells = Cells([["x"], [None]], origin=(1, 1))
    with pytest.raises(SelectionError, match="no input column"):
        plan_fill(cells, Area(2, 1, 2, 1))


def test_cell_names() -> None:
    assert [column_name(c) for c in (1, 26, 27, 52, 703)] == ["A", "Z", "AA", "AZ", "AAA"]
    assert cell_name(3, 2) == "B3"
