"""Numbers padded with zeros: "3/7/2015" → "2015-03-07" copies the month and the day
padded to two digits, so "12/25/2015" gives "2015-12-25" without a branch per width.

An output number (a whole run of digits) of the same width in every example may be
the copy of a whole number of the input with zeros added in front, where at least one
example needed them. The copy's positions are found as for any SubStr (its
occurrences go through the trace walk's start combinations); the atom then carries
the width (``SubStr.pad``).
"""

from __future__ import annotations

import regex

#: Cost of padding on top of the copy: a little dearer than copying as it is, far
#: cheaper than typing the zeros as a constant before the copy.
PAD_COST = 0.5
_NUMBER = regex.compile(r"\p{Nd}+")


def output_number(outputs: list[str], node: tuple[int, ...]) -> int:
    """The width of the number that starts at ``node`` in every output, or 0 when some
    output has none there or the widths differ (or it is a single digit)."""
    width = 0
    for out, i in zip(outputs, node):
        if i > 0 and out[i - 1].isdecimal():
            return 0
        found = _NUMBER.match(out, i)
        if found is None or width and found.end() - i != width:
            return 0
        width = found.end() - i
    return width if width > 1 else 0


def padded_copies(text: str, number: str) -> list[tuple[int, int]]:
    """(start, length) of each whole number of ``text`` that, padded with zeros to the
    width of ``number``, is ``number`` (occurrences, as the trace walk takes them).

    >>> padded_copies("3/7/2015", "07"), padded_copies("12/7/2015", "12")
    ([(2, 1)], [(0, 2)])
    """
    found = []
    for m in _NUMBER.finditer(text):
        digits = m.group()
        if len(digits) <= len(number) and digits.rjust(len(number), "0") == number:
            found.append((m.start(), len(digits)))
    return found
