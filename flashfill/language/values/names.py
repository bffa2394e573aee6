"""English month and weekday names: the one table the date parser and formatter read.

Other languages may add tables of their own beside this one; nothing else in the
values package spells a name.
"""

from __future__ import annotations

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

#: Extra spellings people type for a month (lowercase), besides the full name and
#: its first three letters.
_MONTH_VARIANTS = {"sept": 9}
_WEEKDAY_VARIANTS = {"tues": 1, "thur": 3, "thurs": 3}


def _table(names: tuple[str, ...], variants: dict[str, int], offset: int) -> dict[str, int]:
    table = {name.lower(): i + offset for i, name in enumerate(names)}
    table.update({name[:3].lower(): i + offset for i, name in enumerate(names)})
    table.update(variants)
    return table


_MONTH_NUMBERS = _table(MONTHS, _MONTH_VARIANTS, 1)
_WEEKDAY_NUMBERS = _table(WEEKDAYS, _WEEKDAY_VARIANTS, 0)


def month_number(word: str) -> int | None:
    """1..12 for a month's name or abbreviation (any case), None for anything else.

    >>> month_number("Mar"), month_number("SEPTEMBER"), month_number("Sept"), month_number("März")
    (3, 9, 9, None)
    """
    return _MONTH_NUMBERS.get(word.lower())


def weekday_number(word: str) -> int | None:
    """0 (Monday) .. 6 (Sunday) for a weekday's name or abbreviation, None otherwise.

    >>> weekday_number("sun"), weekday_number("Thursday"), weekday_number("Mo")
    (6, 3, None)
    """
    return _WEEKDAY_NUMBERS.get(word.lower())
