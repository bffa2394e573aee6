"""Whether an example's output looks like a slip of the keyboard for another output."""

from __future__ import annotations

from collections.abc import Sequence

#: At most this many characters mistyped, side by side.
MAX_SLIP = 2
#: Outputs shorter than this are values like '4': a different one is a different value,
#: not a typo.
MIN_LENGTH = 2


def looks_like_typo(given: str, expected: str | None, row: Sequence[str] = ()) -> bool:
    """Whether ``given`` is ``expected`` with one or two letters or digits mistyped or swapped
    at one place, the rest kept: the lengths agree, no capital stands for a lowercase
    letter or back, and the mistyped text, if longer than a character, is not in the
    input ``row`` (text taken from the input is meant). Missing or extra characters are not counted: '0.14' for
    '0.140' or 'a' for 'an' are other ways to write, not slips.

    >>> looks_like_typo("Smtih", "Smith"), looks_like_typo("4x44", "4444"), looks_like_typo("Smeth", "Smith", ["Jane Smith"])
    (True, True, True)
    >>> looks_like_typo("Smit", "Smith"), looks_like_typo("Ithaca, NY", "Ithaca, Ne"), looks_like_typo("abc.co", "abc.c/")
    (False, False, False)
    >>> looks_like_typo("abyz", "abd2", ["abc_xyz_8922"]), looks_like_typo("yes", "no"), looks_like_typo("4", "1")
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
    if end - start > MAX_SLIP or end - start == len(given) or not (typed + meant).isalnum():
        return False
    if len(typed) > 1 and any(typed in value for value in row):
        return False
    cases = [{c.isupper() for c in part if c.isalpha()} for part in (typed, meant)]
    return not (cases[0] and cases[1] and cases[0] != cases[1])
