"""What a spreadsheet cell says, as text: the unit the learner reads and writes.

A cell is *blank* when it holds nothing (None or the empty string).  A cell that
holds only spaces is not blank — someone typed it, so it is never overwritten — but
it carries no example either.
"""

from __future__ import annotations

from typing import Any

from flashfill.table.numfmt import render


def is_blank(value: Any) -> bool:
    """True when the cell holds nothing at all."""
    return value is None or value == ""


def is_example(text: str) -> bool:
    """True when typed text can serve as an example output (it shows something)."""
    return bool(text.strip())


def value_text(value: Any, number_format: str | None = None) -> str:
    """The text Excel shows for a cell value: strings as they are, numbers and dates formatted.

    >>> value_text(None), value_text("x"), value_text(3.0), value_text(0.25, "0%")
    ('', 'x', '3', '25%')
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return render(value, number_format)
