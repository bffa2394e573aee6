"""Whether an example's output looks like a slip of the keyboard for another output."""

from __future__ import annotations

from collections.abc import Sequence

#: Outputs shorter than this are values like '4': a different one is a different value,
#: not a typo.
MIN_LENGTH = 2


def looks_like_typo(given: str, expected: str | None, row: Sequence[str] = ()) -> bool:
    """Whether ``given`` is ``expected`` with one letter or digit mistyped or two side by side
    swapped, the rest kept: no capital stands for a lowercase letter or back, and swapped
    letters are not found so in the input ``row`` (text taken from the input is meant).
    Missing or extra characters are not counted: '0.14' for '0.140' or 'a' for 'an' are
    other ways to write, not slips; nor are two changed digits ('2010' for '2009').

    >>> looks_like_typo("Smtih", "Smith"), looks_like_typo("4x44", "4444"), looks_like_typo("Smeth", "Smith", ["Jane Smith"])
    (True, True, True)
    >>> looks_like_typo("Smit", "Smith"), looks_like_typo("Ithaca, NY", "Ithaca, Ne"), looks_like_typo("abc.co", "abc.c/")
    (False, False, False)
    >>> looks_like_typo("abzy", "abyz", ["abc_xzy_8922"]), looks_like_typo("2010-04", "2009-04"), looks_like_typo("4", "1")
    (False, False, False)
    """
    if expected is None or given == expected or len(given) != len(expected) or len(given) < MIN_LENGTH:
        return False
    start = 0
    while given[start] == expected[start]:
        start += 1
    end = len(given)
    while given[end - 1] == expected[end - 1]:
        end -= 1
    typed, meant = given[start:end], expected[start:end]
    if not (end - start == 1 or (end - start == 2 and typed == meant[::-1])) or not (typed + meant).isalnum():
        return False
    if len(typed) > 1 and any(typed in value for value in row):
        return False
    cases = [{c.isupper() for c in part if c.isalpha()} for part in (typed, meant)]
    return not (cases[0] and cases[1] and cases[0] != cases[1])
