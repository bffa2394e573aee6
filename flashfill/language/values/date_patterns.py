"""Date formatting patterns: how a Moment is written, and which patterns write a text.

A pattern is a tuple of parts: a field code ("yyyy", "MMM", "h", …) or a literal
run of punctuation and spaces ("-", ", "). Field codes (names in title case unless
marked ``^`` for capitals or ``_`` for lowercase):

====== =============================  ====== ====================================
yyyy   year, 4 digits (2021)          yy     year, 2 digits (21)
M/MM   month, 3 / 03                  MMM    month abbreviated (Mar), MMMM (March)
d/dd   day, 7 / 07                    do     day as an ordinal (7th)
ddd    weekday abbreviated (Sun)      dddd   weekday (Sunday)
H/HH   hour 0-23, 7 / 07              h/hh   hour 1-12, 7 / 07
mm     minutes, 05                    ss     seconds, 09
a      AM/PM                          a_     am/pm
====== =============================  ====== ====================================
"""

from __future__ import annotations

from collections.abc import Callable

from .moments import Moment
from .names import MONTHS, WEEKDAYS

Pattern = tuple[str, ...]
#: The moment every pattern is shown on in ``explain()``: each part is told apart.
SAMPLE = Moment(2021, 3, 7, 19, 5, 9)


def _two(n: int) -> str:
    return f"{n:02d}"


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _hour12(m: Moment) -> int:
    return m.hour % 12 or 12


#: field code -> (the Moment part it needs, how it is written); names get case variants below.
_FIELDS: dict[str, tuple[str, Callable[[Moment], str]]] = {
    "yyyy": ("year", lambda m: f"{m.year:04d}"),
    "yy": ("year", lambda m: _two(m.year % 100)),
    "M": ("month", lambda m: str(m.month)),
    "MM": ("month", lambda m: _two(m.month)),
    "MMM": ("month", lambda m: MONTHS[m.month - 1][:3]),
    "MMMM": ("month", lambda m: MONTHS[m.month - 1]),
    "d": ("day", lambda m: str(m.day)),
    "dd": ("day", lambda m: _two(m.day)),
    "do": ("day", lambda m: _ordinal(m.day)),
    "ddd": ("weekday", lambda m: WEEKDAYS[m.weekday][:3]),
    "dddd": ("weekday", lambda m: WEEKDAYS[m.weekday]),
    "H": ("hour", lambda m: str(m.hour)),
    "HH": ("hour", lambda m: _two(m.hour)),
    "h": ("hour", lambda m: str(_hour12(m))),
    "hh": ("hour", lambda m: _two(_hour12(m))),
    "mm": ("minute", lambda m: _two(m.minute)),
    "ss": ("second", lambda m: _two(m.second or 0)),
    "a": ("ampm", lambda m: "AM" if m.hour < 12 else "PM"),
    "a_": ("ampm", lambda m: "am" if m.hour < 12 else "pm"),
}
for _code in ("MMM", "MMMM", "ddd", "dddd"):
    _part, _write = _FIELDS[_code]
    _FIELDS[_code + "^"] = (_part, lambda m, w=_write: w(m).upper())
    _FIELDS[_code + "_"] = (_part, lambda m, w=_write: w(m).lower())
_NEEDS = {"year": "year", "month": "month", "day": "day", "weekday": "day", "hour": "hour",
          "minute": "hour", "second": "hour", "ampm": "hour"}
FIELD_CODES = tuple(_FIELDS)
#: Numbers of a fixed width, which may be written one against the other ("1830", "20210307").
FIXED_WIDTH = frozenset({"yyyy", "yy", "MM", "dd", "HH", "hh", "mm", "ss"})
#: Most fields one pattern may hold, and most patterns kept per output span.
MAX_FIELDS = 7
MAX_PATTERNS = 24
MAX_LITERAL = 3


def is_field(part: str) -> bool:
    return part[:1].isalpha()


def valid_pattern(pattern: Pattern) -> bool:
    """Whether every part is a known field or a literal of punctuation and spaces, with a field first and last."""
    return (
        bool(pattern)
        and is_field(pattern[0]) and is_field(pattern[-1])
        and all(p in _FIELDS if is_field(p) else bool(p) and not any(ch.isalnum() for ch in p) for p in pattern)
    )


def write_field(m: Moment, code: str) -> str | None:
    """One field of a moment written out, or None when the moment lacks that part."""
    part, write = _FIELDS[code]
    if getattr(m, _NEEDS[part]) is None:
        return None
    return write(m)


def render(m: Moment, pattern: Pattern) -> str | None:
    """The moment written with a pattern; None when it lacks a part the pattern needs.

    >>> render(SAMPLE, ("yyyy", "-", "MM", "-", "dd")), render(SAMPLE, ("MMM", " ", "yyyy"))
    ('2021-03-07', 'Mar 2021')
    >>> render(SAMPLE, ("h", ":", "mm", " ", "a")), render(Moment(hour=7, minute=0), ("yyyy",))
    ('7:05 PM', None)
    """
    pieces = []
    for part in pattern:
        if is_field(part):
            piece = write_field(m, part)
            if piece is None:
                return None
            pieces.append(piece)
        else:
            pieces.append(part)
    return "".join(pieces)


def field_part(code: str) -> str:
    """The part of a moment a field shows ('year', 'month', 'day', 'weekday', 'hour', …)."""
    return _FIELDS[code][0]


def patterns_at(m: Moment, out: str, i: int) -> dict[int, frozenset[Pattern]]:
    """Every pattern that writes ``m`` as ``out[i:j]``, keyed by j: the inverse of
    ``render``. A number is matched whole (never the "2" of "2021"), a name whole
    (never the "Mar" of "March"), and each part of the moment at most once.

    >>> sorted(patterns_at(Moment(2021, 3, 7), "on 2021-03-07!", 3)[13])
    [('yyyy', '-', 'MM', '-', 'dd')]
    """
    if i > 0 and _joined(out[i - 1], out[i]):
        return {}
    written = {code: write_field(m, code) for code in FIELD_CODES}
    written = {code: text for code, text in written.items() if text}
    found: dict[int, set[Pattern]] = {}
    count = 0

    def grow(p: int, parts: tuple[str, ...], used: frozenset[str], glued: bool = False) -> None:
        nonlocal count
        for code, text in written.items():
            part = _FIELDS[code][0]
            if part in used or glued and code not in FIXED_WIDTH or not out.startswith(text, p):
                continue
            end = p + len(text)
            follows = end < len(out) and _joined(out[end - 1], out[end])
            if follows and code not in FIXED_WIDTH:
                continue
            pattern = parts + (code,)
            if count >= MAX_PATTERNS * 4:
                return
            count += 1
            if not follows:
                found.setdefault(end, set()).add(pattern)
            if len(pattern) >= MAX_FIELDS * 2 - 1:
                continue
            grow(end, pattern, used | {part}, follows)
            if follows:
                continue
            k = end
            while k < len(out) and k - end < MAX_LITERAL and not out[k].isalnum():
                k += 1
                grow(k, pattern + (out[end:k],), used | {part})

    grow(i, (), frozenset())
    return {j: frozenset(sorted(ps, key=pattern_cost)[:MAX_PATTERNS]) for j, ps in found.items()}


def _joined(a: str, b: str) -> bool:
    """Whether two neighbouring characters belong to one number or one word."""
    return a.isdigit() and b.isdigit() or a.isalpha() and b.isalpha()


#: Unpadded numbers and names in capitals are less usual than their plain forms.
_FIELD_COST = {"M": 0.1, "d": 0.1, "H": 0.1, "h": 0.1, "yy": 0.15, "do": 0.1, "hh": 0.15}


#: A 24-hour hour next to AM/PM says the time twice ("1:00 AM" is "h:mm a", not "H:mm a").
CLOCK_MIXED = 0.3


def pattern_cost(pattern: Pattern) -> float:
    """A small cost per part, for choosing among patterns that write the same text. Next
    to a month's name the day goes unpadded ("Mar 7"), next to its number padded
    ("03/07"); an AM/PM goes with a 12-hour hour.

    >>> pattern_cost(("h", ":", "mm", " ", "a")) < pattern_cost(("H", ":", "mm", " ", "a"))
    True
    """
    cost = 0.0
    named = any(part.startswith("MMM") for part in pattern)
    if any(part in ("a", "a_") for part in pattern) and any(part in ("H", "HH") for part in pattern):
        cost += CLOCK_MIXED
    for part in pattern:
        if is_field(part):
            cost += 0.1 + _FIELD_COST.get(part, 0.0) + (0.05 if part[-1] in "^_" else 0.0)
            if named and part in ("d", "dd"):
                cost += 0.1 if part == "dd" else -0.1
        else:
            cost += 0.05 * len(part)
    return cost
