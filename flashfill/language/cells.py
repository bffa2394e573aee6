"""Rows as the language sees them: tuples of text, read from what callers hand over.

A bare string is a one-column row. A cell that is not text is read the way a
spreadsheet shows it: ``None`` and NaN are blank, numbers are written without a
useless ``.0`` (3.0 → "3", 1234.5 → "1234.5"), booleans are TRUE and FALSE.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

Row = tuple[str, ...]
#: Significant digits a spreadsheet keeps of a number.
DIGITS = 15


def cell_text(value: Any, column: int = 0) -> str | None:
    """The text a spreadsheet shows for a cell, None when the cell is blank.

    >>> [cell_text(v) for v in ("a", None, float("nan"), 3.0, 1234.5, 7, True, 0.1 + 0.2, 1e20)]
    ['a', None, None, '3', '1234.5', '7', 'TRUE', '0.3', '1E+20']
    """
    if isinstance(value, str):
        return value
    if value is None:
        return None
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, numbers.Integral):
        return str(int(value))
    if isinstance(value, Decimal):
        if value.is_nan():
            return None
        return _number(float(value)) if value.is_infinite() else format(value.normalize(), "f")
    if isinstance(value, numbers.Real):
        number = float(value)
        return None if math.isnan(number) else _number(number)
    raise TypeError(f"column {column + 1} of the row is {type(value).__name__}, not text or a number: {value!r:.60}")


def _number(x: float) -> str:
    if x.is_integer() and abs(x) < 10**DIGITS:
        return str(int(x))
    return format(x, f".{DIGITS}g").upper()


def _is_one_cell(row: Any) -> bool:
    return isinstance(row, str) or row is None or isinstance(row, (numbers.Number, Decimal))


def as_cells(row: Any) -> tuple[str | None, ...]:
    """A row's cells as text, None for a blank one; a single value is a one-column row."""
    if isinstance(row, (bytes, bytearray)):
        raise TypeError("a row is text or a sequence of cells, not bytes")
    if _is_one_cell(row):
        return (cell_text(row),)
    if not isinstance(row, Sequence) and not hasattr(row, "__iter__"):
        raise TypeError(f"a row is text or a sequence of cells, not {type(row).__name__}")
    return tuple(cell_text(v, i) for i, v in enumerate(row))


def as_row(row: Any) -> Row:
    """A row as a tuple of strings: a bare value is a one-column row, blank cells are "".

    >>> as_row("a"), as_row(["a", "b"]), as_row(("x", None, 2.0))
    (('a',), ('a', 'b'), ('x', '', '2'))
    """
    return tuple("" if text is None else text for text in as_cells(row))


def is_blank(cells: tuple[str | None, ...]) -> bool:
    """Whether every cell of a row (as ``as_cells`` gives it) is blank."""
    return all(text is None for text in cells)
