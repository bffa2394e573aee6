"""``FLASHFILL(inputs; outputs)``: the filled output column as an array, for Calc's add-in call.

Calc hands each range over as rows of cell values (``None`` for an empty cell,
``float`` for numbers, ``str`` for text) — the shapes ``flashfill.sheet.column``
reads.  A date reaches the function as its serial number, since a function is
not told cell formats: wrap such an input in ``TEXT(A2; "YYYY-MM-DD")``.
"""

from __future__ import annotations

from typing import Any

from flashfill.sheet.column import ProgramCache, fill_column
from flashfill.sheet.learner import default_learner

_CACHE = ProgramCache()


def flashfill(inputs: Any, outputs: Any) -> tuple[tuple[Any, ...], ...]:
    """The output column, typed cells unchanged and blank ones filled; an error as its message."""
    try:
        column = fill_column(inputs, outputs, default_learner(), _CACHE)
    except ValueError as error:
        return ((f"Flash Fill: {error}",),)
    return tuple((value,) for value in column)
