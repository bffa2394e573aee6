"""Numbers as values: the parser for the ways people type them.

A text parses to a ``Decimal`` or to None (never an exception): a sign or
parentheses for negatives, a currency sign before or after, thousands separators,
a decimal point, a percent sign (read as written: "12.5%" is 12.5), an exponent.
Whether the decimal mark is a point ("1,234.5") or a comma ("1.234,5") is the
caller's choice (``point``).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from functools import lru_cache

import regex

POINTS = (".", ",")
_CURRENCY = r"(?:[$€£¥₹¢]|USD|EUR|GBP)"
#: decimal mark -> the thousands separators a number may have with it.
GROUP_MARKS = {".": ",", ",": ". \u00a0\u202f"}
_NUMBER = {
    point: rf"(?:[0-9]{{1,3}}(?:[{marks}][0-9]{{3}})+|[0-9]+)(?:{regex.escape(point)}[0-9]+)?|{regex.escape(point)}[0-9]+"
    for point, marks in GROUP_MARKS.items()
}
_EXPONENT = r"(?:[eE][-+]?[0-9]{1,3})?"


@lru_cache(maxsize=None)
def _whole(point: str) -> regex.Pattern:
    number = rf"(?P<num>{_NUMBER[point]}){_EXPONENT}"
    return regex.compile(
        rf"[ ]*(?P<sign>[-+−])?[ ]*(?P<open>\()?[ ]*(?P<inner>[-−])?[ ]*{_CURRENCY}?[ ]*(?P<after>[-−])?"
        rf"{number}[ ]*{_CURRENCY}?[ ]*%?[ ]*(?P<close>\))?[ ]*"
    )


@lru_cache(maxsize=None)
def _inside(point: str) -> regex.Pattern:
    return regex.compile(
        rf"(?<![0-9A-Za-z.,])(?:(?<![^ (\[=:])[-−])?(?:{_NUMBER[point]}){_EXPONENT}(?![0-9])"
    )


#: Most numbers of one text the learner looks at.
MAX_NUMBERS = 6


@lru_cache(maxsize=65536)
def parse_number(text: str, point: str = ".") -> Decimal | None:
    """The number a whole text spells, or None.

    >>> parse_number("$1,234.50"), parse_number("(12)"), parse_number("1.234,5", ","), parse_number("1,2,3")
    (Decimal('1234.50'), Decimal('-12'), Decimal('1234.5'), None)
    >>> parse_number("-3.5e2"), parse_number("12.5%"), parse_number("12 €")
    (Decimal('-3.5E+2'), Decimal('12.5'), Decimal('12'))
    """
    m = _whole(point).fullmatch(text)
    if m is None or (m["open"] is None) != (m["close"] is None):
        return None
    if sum(1 for g in ("sign", "inner", "after") if m[g]) > 1:
        return None
    value = _decimal(m.group()[m.start("num") - m.start():m.end() - m.start()].strip(), point)
    if value is None:
        return None
    negative = m["open"] is not None or any(m[g] and m[g] != "+" for g in ("sign", "inner", "after"))
    return -value if negative else value


def _decimal(text: str, point: str) -> Decimal | None:
    """The Decimal of a number's digits, separators and exponent (no sign or symbol)."""
    digits = regex.match(rf"(?:{_NUMBER[point]}){_EXPONENT}", text)
    if digits is None:
        return None
    raw = digits.group()
    for mark in GROUP_MARKS[point]:
        raw = raw.replace(mark, "")
    raw = raw.replace(point, ".")
    try:
        return Decimal(raw)
    except InvalidOperation:
        return None


@lru_cache(maxsize=16384)
def find_numbers(text: str, point: str = ".") -> tuple[tuple[int, int, Decimal], ...]:
    """(start, end, value) of the numbers inside a text (at most ``MAX_NUMBERS``),
    each also with the span that takes in its currency sign, parentheses or percent
    sign when the whole text is that number.

    >>> [(a, b, str(v)) for a, b, v in find_numbers("2,500 KB")]
    [(0, 5, '2500')]
    >>> [(a, b, str(v)) for a, b, v in find_numbers("($1,234.50)")]
    [(0, 11, '-1234.50'), (2, 10, '1234.50')]
    """
    found = []
    whole = parse_number(text, point)
    if whole is not None:
        found.append((0, len(text), whole))
    for m in _inside(point).finditer(text):
        if len(found) >= MAX_NUMBERS:
            break
        value = _decimal(m.group().lstrip("-−"), point)
        if value is not None and m.span() != (0, len(text)):
            found.append((m.start(), m.end(), -value if m.group()[0] in "-−" else value))
    return tuple(found)
