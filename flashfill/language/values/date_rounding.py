"""Date arithmetic: rounding a date or time down to a unit (hour, day, week, month,
quarter, year, or a number of minutes or hours), the end of the bucket it falls in
("18:25" in the two-hour bucket 18:00 to 20:00; weeks start on Monday), and moving it
by a fixed time ("3 hours later", "1 day earlier").
"""

from __future__ import annotations

from datetime import datetime, timedelta

from .moments import Moment

#: unit -> the steps tried when learning.
UNITS: dict[str, tuple[int, ...]] = {
    "minute": (5, 10, 15, 30), "hour": (1, 2, 3, 4, 6, 12), "day": (1,), "week": (1,),
    "month": (1,), "quarter": (1,), "year": (1, 10),
}
DATE_MODES = ("down", "next")
_TIME_UNITS = ("minute", "hour")


def round_moment(m: Moment, unit: str, step: int, mode: str) -> Moment | None:
    """The start (``down``) or the end (``next``) of the bucket of ``step`` units that
    holds ``m``; None when ``m`` lacks the parts the unit needs.

    >>> evening = Moment(hour=18, minute=25)
    >>> [(m.hour, m.minute) for m in (round_moment(evening, "hour", 2, mode) for mode in DATE_MODES)]
    [(18, 0), (20, 0)]
    >>> round_moment(Moment(2021, 3, 7), "week", 1, "down").day, round_moment(Moment(2021, 11, 7), "quarter", 1, "next")
    (1, Moment(year=2022, month=1, day=1, hour=None, minute=None, second=None))
    """
    if unit in _TIME_UNITS:
        if not m.has_time:
            return None
    elif not m.has_date or m.day is None:
        return None
    seconds = None if m.second is None else 0
    if unit == "minute":
        start = Moment(m.year, m.month, m.day, m.hour, m.minute - m.minute % step, seconds)
        return _shifted(start, timedelta(minutes=step)) if mode == "next" else start
    if unit == "hour":
        start = Moment(m.year, m.month, m.day, m.hour - m.hour % step, 0, seconds)
        return _shifted(start, timedelta(hours=step)) if mode == "next" else start
    midnight = (0, 0, seconds) if m.has_time else (None, None, None)
    if unit == "day":
        start = Moment(m.year, m.month, m.day, *midnight)
        return _shifted(start, timedelta(days=1)) if mode == "next" else start
    if unit == "week":
        start = _shifted(Moment(m.year, m.month, m.day, *midnight), timedelta(days=-m.weekday))
        return _shifted(start, timedelta(days=7)) if mode == "next" else start
    months = {"month": 1, "quarter": 3, "year": 12 * step}[unit]
    index = m.year * 12 + m.month - 1
    index -= index % months if unit != "year" else (m.month - 1) + (m.year % step) * 12
    if mode == "next":
        index += months
    year = index // 12
    if not 1 <= year <= 9999:
        return None
    return Moment(year, index % 12 + 1, 1, *midnight)


def _shifted(m: Moment, delta: timedelta) -> Moment | None:
    """The moment moved by ``delta``; a time without a date wraps round the clock."""
    try:
        base = datetime(m.year or 2000, m.month or 1, m.day or 1, m.hour or 0, m.minute or 0, m.second or 0) + delta
    except OverflowError:
        return None
    if not m.has_date:
        return Moment(None, None, None, base.hour, base.minute, m.second if m.second is None else base.second)
    if not m.has_time:
        return Moment(base.year, base.month, base.day)
    second = m.second if m.second is None else base.second
    return Moment(base.year, base.month, base.day, base.hour, base.minute, second)


def shift_moment(m: Moment, minutes: int) -> Moment | None:
    """The moment ``minutes`` later (earlier if negative); a date without a time moves by
    whole days only, and a time without a date wraps round the clock.

    >>> shift_moment(Moment(2015, 8, 17, 21, 41), 180), shift_moment(Moment(hour=23, minute=30), 60).hour
    (Moment(year=2015, month=8, day=18, hour=0, minute=41, second=None), 0)
    """
    if not m.has_time and (not m.has_date or m.day is None or minutes % 1440):
        return None
    return _shifted(m, timedelta(minutes=minutes))


def minutes_between(first: Moment, later: Moment) -> int | None:
    """How many minutes ``later`` is after ``first``, when both have the same parts (a
    date, a time, or both); between two times of day, the shorter way round the clock.

    >>> minutes_between(Moment(2015, 8, 17, 21, 41), Moment(2015, 8, 18, 0, 41))
    180
    >>> minutes_between(Moment(hour=23), Moment(hour=1)), minutes_between(Moment(2021, 3, 7), Moment(hour=1))
    (120, None)
    """
    both_dates = first.has_date and later.has_date and first.day is not None and later.day is not None
    if both_dates and first.has_time == later.has_time:
        return int((_as_datetime(later) - _as_datetime(first)).total_seconds() // 60)
    if not first.has_date and not later.has_date and first.has_time and later.has_time:
        delta = int((_as_datetime(later) - _as_datetime(first)).total_seconds() // 60)
        return (delta + 720) % 1440 - 720
    return None


def _as_datetime(m: Moment) -> datetime:
    return datetime(m.year or 2000, m.month or 1, m.day or 1, m.hour or 0, m.minute or 0, m.second or 0)


def describe_shift(minutes: int) -> str:
    """'3 hours later', '1 day earlier', '12 hours 30 minutes later'."""
    days, rest = divmod(abs(minutes), 1440)
    hours, mins = divmod(rest, 60)
    parts = [f"{n} {unit}{'s' if n > 1 else ''}" for n, unit in ((days, "day"), (hours, "hour"), (mins, "minute")) if n]
    return " ".join(parts) + (" later" if minutes > 0 else " earlier")


def describe_date_rounding(unit: str, step: int, mode: str) -> str:
    """'rounded down to the 2 hours it falls in' / 'the end of its month'."""
    span = f"{step} {unit}s" if step > 1 else unit
    return f"rounded down to the start of its {span}" if mode == "down" else f"the end of its {span}"
