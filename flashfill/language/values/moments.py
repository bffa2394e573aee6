"""Dates and times as values: ``Moment`` and the parser for the forms people type.

A text parses to a Moment or to None (never an exception): ISO ("2021-03-07"),
day-first or month-first numbers with ``/ - .`` and 2- or 4-digit years, month
names and abbreviations ("Mar 7, 2021", "7th of March 2021", "07-Mar-21"), a
leading weekday, compact "20210307", times with or without seconds, 12-hour with
AM/PM, and date-times joined by ``T``, a space, a comma or "at", with a ``Z`` or
an offset (read, not applied). Which of day-first ("dmy") and month-first ("mdy")
reads "03/07/2021" is the caller's choice (``order``).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from functools import lru_cache

import regex

from .names import month_number, weekday_number

ORDERS = ("mdy", "dmy")


@dataclass(frozen=True, slots=True)
class Moment:
    """A date, a time of day, or both; parts the text did not give are None. ``clock_known``
    says the text tells morning from evening: an AM/PM, or an hour that only a 24-hour
    clock writes ("09", "18", "0"); it does not take part in comparisons."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    hour: int | None = None
    minute: int | None = None
    second: int | None = None
    clock_known: bool = field(default=False, compare=False, repr=False)

    @property
    def has_date(self) -> bool:
        return self.year is not None

    @property
    def has_time(self) -> bool:
        return self.hour is not None

    @property
    def weekday(self) -> int | None:
        """0 (Monday) .. 6 (Sunday), when the day is known."""
        if self.year is None or self.day is None:
            return None
        return calendar.weekday(self.year, self.month, self.day)


_NAME = r"[A-Za-z]{3,9}"
_ORDINAL = r"(?:st|nd|rd|th)?"
_YEAR = r"(?P<Y>[0-9]{4}|[0-9]{2})"
_WEEKDAY = rf"(?:(?P<W>{_NAME})\.?(?:,[ ]*|[ ]+))?"
_DATES = (
    r"(?P<Y>[0-9]{4})(?P<sep>[-/.])(?P<M>[0-9]{1,2})(?P=sep)(?P<D>[0-9]{1,2})",
    rf"{_WEEKDAY}(?P<A>[0-9]{{1,2}})(?P<sep>[-/.])(?P<B>[0-9]{{1,2}})(?P=sep){_YEAR}",
    rf"{_WEEKDAY}(?P<N>{_NAME})\.?[ ]?(?P<D>[0-9]{{1,2}}){_ORDINAL}(?:,[ ]*|[ ]+)(?P<Y>[0-9]{{4}})",
    rf"{_WEEKDAY}(?P<D>[0-9]{{1,2}}){_ORDINAL}[ ]+(?:of[ ]+)?(?P<N>{_NAME})\.?,?[ ]+(?P<Y>[0-9]{{4}})",
    rf"{_WEEKDAY}(?P<D>[0-9]{{1,2}})(?P<sep>[-/ ])(?P<N>{_NAME})(?P=sep){_YEAR}",
    rf"(?P<Y>[0-9]{{4}})(?P<sep>[-/ ])(?P<N>{_NAME})(?P=sep)(?P<D>[0-9]{{1,2}})",
    r"(?P<Y>[0-9]{4})(?P<M>[0-9]{2})(?P<D>[0-9]{2})",
    rf"(?P<N>{_NAME})\.?,?[ ]+(?P<Y>[0-9]{{4}})",
    rf"(?P<N>{_NAME})(?:[-/]|[ ]?')(?P<Y>[0-9]{{2}})",
)
_AMPM = r"(?P<p>[AaPp]\.?[Mm]\.?)"
_TIME = (
    rf"(?:(?P<h>[0-9]{{1,2}}):(?P<m>[0-9]{{2}})(?::(?P<s>[0-9]{{2}})(?:[.,][0-9]+)?)?(?:[ ]?{_AMPM})?"
    rf"|(?P<h>[0-9]{{1,2}})[ ]?{_AMPM})"
)
_ZONE = r"(?:[ ]?(?:Z|UTC|GMT|[+-][0-9]{2}:?[0-9]{2}))?"
#: A date with a time after it or before it, the date alone, the time alone (tried in
#: this order, so a search finds the longest).
_FORMS = (
    [rf"(?:{d}(?:T|[ ]+|,[ ]*|[ ]+at[ ]+){_TIME}{_ZONE}|{_TIME}(?:,[ ]*|[ ]+){d})" for d in _DATES]
    + list(_DATES)
    + [rf"{_TIME}{_ZONE}"]
)
#: Forms read only when they are all of a text: a time written as four digits ("0100",
#: "1830"), a month alone, by name ("March") or number ("3").
_WHOLE_ONLY = [r"(?P<h>[0-9]{2})(?P<m>[0-9]{2})", rf"(?P<N>{_NAME})\.?", r"(?P<M>[0-9]{1,2})"]


@lru_cache(maxsize=1)
def _patterns() -> list[regex.Pattern]:
    """The forms, compiled on first use (an import should not pay for it); a search
    inside a text finds them between non-alphanumerics, a whole text matches one fully."""
    return [regex.compile(rf"(?<![A-Za-z0-9])(?:{f})(?![A-Za-z0-9])", regex.ASCII) for f in _FORMS + _WHOLE_ONLY]


@lru_cache(maxsize=65536)
def parse_moment(text: str, order: str = "mdy") -> Moment | None:
    """The date and/or time a whole text spells, or None.

    >>> parse_moment("Mar 7, 2021")
    Moment(year=2021, month=3, day=7, hour=None, minute=None, second=None)
    >>> parse_moment("03/07/21", "dmy").month, parse_moment("7:05 PM").hour, parse_moment("31/12/2021")
    (7, 19, None)
    """
    text = text.strip(" ")
    for pattern in _patterns():
        m = pattern.fullmatch(text)
        if m is not None:
            found = _moment(m, order)
            if found is not None:
                return found
    return None


@lru_cache(maxsize=16384)
def find_moments(text: str, order: str = "mdy") -> tuple[tuple[int, int, Moment], ...]:
    """(start, end, moment) of each date or time inside a text, longest forms first,
    never overlapping.

    >>> [(a, b) for a, b, _ in find_moments("Due: Mar 7, 2021 at 9:00")]
    [(5, 24)]
    """
    found: list[tuple[int, int, Moment]] = []
    whole = parse_moment(text, order)
    if whole is not None:
        found.append((0, len(text), whole))
    for pattern in _patterns()[:len(_FORMS)]:
        for m in pattern.finditer(text):
            a, b = m.span()
            if any(a < y and x < b for x, y, _ in found):
                continue
            moment = _moment(m, order)
            if moment is not None:
                found.append((a, b, moment))
    return tuple(sorted(found, key=lambda x: x[0]))


def _moment(m: regex.Match, order: str) -> Moment | None:
    """The Moment a match of one of the forms spells, if its parts are valid."""
    g = m.groupdict()
    year = month = day = hour = minute = second = None
    if g.get("Y") is None and g.get("M") is not None or g.get("N") is not None and g.get("D") is None:
        month = month_number(g["N"]) if g.get("N") is not None else int(g["M"])
        if month is None or not 1 <= month <= 12:
            return None
    if g.get("Y") is not None:
        year = int(g["Y"])
        if len(g["Y"]) == 2:
            year += 2000 if year < 69 else 1900
        if g.get("N") is not None:
            month = month_number(g["N"])
            if month is None:
                return None
        elif g.get("A") is not None:
            first, second_number = int(g["A"]), int(g["B"])
            month, day = (first, second_number) if order == "mdy" else (second_number, first)
        else:
            month = int(g["M"])
        if g.get("D") is not None:
            day = int(g["D"])
        if not 1 <= month <= 12 or day is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
            return None
        if g.get("W") is not None and weekday_number(g["W"]) is None:
            return None
    clock_known = False
    if g.get("h") is not None:
        hour = int(g["h"])
        clock_known = g.get("p") is not None or g["h"][0] == "0" or not 1 <= hour <= 12
        minute = int(g["m"]) if g.get("m") is not None else 0
        second = int(g["s"]) if g.get("s") is not None else None
        if g.get("p") is not None:
            if not 1 <= hour <= 12:
                return None
            hour = hour % 12 + (12 if g["p"][0] in "Pp" else 0)
        if hour > 23 or minute > 59 or second is not None and second > 59:
            return None
    return Moment(year, month, day, hour, minute, second, clock_known)
