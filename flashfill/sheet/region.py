"""Which cells the Flash Fill button reads and fills, worked out from cell values alone.

The output column is the selected column; the inputs are the other columns of
its *current region* (the block of non-blank cells around the selection,
bounded by blank rows and columns, as Excel's ``CurrentRegion`` defines it).
The region's first row is taken as a header when all its cells are text.
Every typed cell of the output column is an example; the blank ones are
filled, within the selection when it spans several rows, else down the whole
region.

Everything here is pure: rows and columns are 1-based sheet coordinates, and
the sheet is seen as a grid of values anchored at ``origin`` (its used range).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .cells import is_blank


@dataclass(frozen=True)
class Area:
    """A rectangle of cells, 1-based and inclusive."""

    top: int
    left: int
    bottom: int
    right: int

    @property
    def rows(self) -> range:
        """The sheet rows of the area."""
        return range(self.top, self.bottom + 1)

    @property
    def columns(self) -> range:
        """The sheet columns of the area."""
        return range(self.left, self.right + 1)


class Cells:
    """Read access to a sheet's values by sheet coordinates."""

    def __init__(self, values: Sequence[Sequence[Any]], origin: tuple[int, int]) -> None:
        self._values = values
        self._top, self._left = origin

    def value(self, row: int, column: int) -> Any:
        """The value at (row, column); ``None`` outside the grid."""
        r, c = row - self._top, column - self._left
        if 0 <= r < len(self._values) and 0 <= c < len(self._values[r]):
            return self._values[r][c]
        return None

    def filled(self, row: int, column: int) -> bool:
        """True when the cell holds something."""
        return row >= 1 and column >= 1 and not is_blank(self.value(row, column))

    def any_filled(self, rows: range, columns: range) -> bool:
        """True when some cell of the rectangle holds something."""
        return any(self.filled(r, c) for r in rows for c in columns)


def current_region(cells: Cells, row: int, column: int) -> Area:
    """Excel's ``CurrentRegion`` of one cell: grow until bounded by blanks."""
    area = Area(row, column, row, column)
    while True:
        grown = _grow(cells, area)
        if grown == area:
            return area
        area = grown


def _grow(cells: Cells, area: Area) -> Area:
    """One round of growth on all four sides, each side as far as it goes."""
    top, left, bottom, right = area.top, area.left, area.bottom, area.right
    while cells.any_filled(range(bottom + 1, bottom + 2), range(left - 1, right + 2)):
        bottom += 1
    while top > 1 and cells.any_filled(range(top - 1, top), range(left - 1, right + 2)):
        top -= 1
    while cells.any_filled(range(top - 1, bottom + 2), range(right + 1, right + 2)):
        right += 1
    while left > 1 and cells.any_filled(range(top - 1, bottom + 2), range(left - 1, left)):
        left -= 1
    return Area(top, left, bottom, right)


@dataclass(frozen=True)
class FillPlan:
    """The columns and rows the button works on.

    ``data`` rows hold examples and targets (the region less its header);
    ``targets`` rows are the ones whose blank output cells may be filled.
    """

    region: Area
    output_column: int
    input_columns: tuple[int, ...]
    header: bool
    data: range
    targets: range


class SelectionError(ValueError):
    """The selection does not say which column to fill."""


def has_header(cells: Cells, region: Area) -> bool:
    """True when the region's first row is all text and more rows follow."""
    if region.bottom == region.top:
        return False
    return all(isinstance(cells.value(region.top, c), str) and cells.filled(region.top, c) for c in region.columns)


def plan_fill(cells: Cells, selection: Area) -> FillPlan:
    """Work out what to fill from the selection.

    Raises ``SelectionError`` when the selection spans several columns, or
    when its region has no column besides the output column.
    """
    if selection.left != selection.right:
        raise SelectionError("select cells in one column: the column to fill")
    column = selection.left
    anchor_row = selection.top
    if selection.bottom > selection.top:
        anchor_row = next(
            (r for r in selection.rows if cells.any_filled(range(r, r + 1), range(column - 1, column + 2))),
            selection.top,
        )
    region = current_region(cells, anchor_row, column)
    inputs = tuple(c for c in region.columns if c != column)
    if not inputs:
        raise SelectionError(
            "no input column next to the selected column: "
            "put the inputs in the columns beside it, with no blank column between"
        )
    header = has_header(cells, region)
    data = range(region.top + (1 if header else 0), region.bottom + 1)
    if selection.bottom > selection.top:
        targets = range(max(data.start, selection.top), min(data.stop, selection.bottom + 1))
    else:
        targets = data
    return FillPlan(region, column, inputs, header, data, targets)


def column_name(column: int) -> str:
    """1 → ``"A"``, 28 → ``"AB"``."""
    name = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        name = chr(ord("A") + rest) + name
    return name


def cell_name(row: int, column: int) -> str:
    """(3, 2) → ``"B3"``."""
    return f"{column_name(column)}{row}"
