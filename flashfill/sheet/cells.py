"""Turn the values a spreadsheet hands over into the text the learner works on.

Front ends pass a worksheet range as nested lists: ``None`` or ``""`` for a blank
cell, ``float`` for every number, ``bool`` for TRUE/FALSE, ``datetime`` for a
cell formatted as a date, ``str`` otherwise (xlwings gives a single cell as a
scalar and, without ``ndim=2``, a one-column range as a flat list; Calc's UNO
gives ``""`` for blanks and plain serial numbers for dates, which the Calc front
end turns into ``datetime`` first).

The text of a cell is what the command line reads from a file for the same
value under Excel's *General* format (``flashfill.table.cells.value_text``), so
a column learns the same in Excel, in Calc and from the shell:

* ``42.0`` → ``"42"``, ``3.5`` → ``"3.5"``, ``0.1 + 0.2`` → ``"0.3"`` (15
  significant digits, as Excel shows them), ``1e20`` → ``"1E+20"``;
* ``True`` → ``"TRUE"``;
* a date → ISO ``"2024-03-01"``; a date with a time → ``"2024-03-01 14:05:00"``;
  a time of day → ``"14:05:00"``.  Excel's own display of a date depends on the
  cell's number format and the machine's locale, neither of which reaches a
  worksheet function, so ISO is the one unambiguous choice.  A user who wants
  another spelling formats the input with ``TEXT()`` first.

A cell holding only spaces is not blank (someone typed it, so it is never
overwritten) but shows nothing, so it is no example either.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeAlias

from flashfill.table.cells import is_blank, value_text

Grid: TypeAlias = list[list[Any]]

__all__ = ["Grid", "as_column", "as_grid", "cell_text", "is_blank", "shows_text", "text_rows"]


def cell_text(value: Any) -> str:
    """The text of one cell as the learner sees it ('' for a blank cell)."""
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    return value_text(value)


def shows_text(value: Any) -> bool:
    """True when a typed cell shows something, so it can serve as an example."""
    return bool(cell_text(value).strip())


def as_grid(value: Any) -> Grid:
    """Any range value as a list of rows.

    A scalar (one cell) becomes ``[[value]]``; a flat list is read as one
    column, which is what xlwings hands over for a one-column range when the
    argument is not declared ``ndim=2``.
    """
    if isinstance(value, (list, tuple)):
        if not value:
            return []
        if all(isinstance(row, (list, tuple)) for row in value):
            return [list(row) for row in value]
        return [[item] for item in value]
    return [[value]]


def as_column(value: Any) -> list[Any]:
    """A one-column range as a flat list of cell values.

    Raises ``ValueError`` when the range is more than one column wide.
    """
    grid = as_grid(value)
    if any(len(row) != 1 for row in grid):
        width = max((len(row) for row in grid), default=0)
        raise ValueError(f"outputs must be one column, got {width} columns")
    return [row[0] for row in grid]


def text_rows(grid: Sequence[Sequence[Any]]) -> list[tuple[str, ...]]:
    """Every row of a grid as a tuple of cell texts."""
    return [tuple(cell_text(value) for value in row) for row in grid]
