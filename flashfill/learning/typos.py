"""Whether an example's output looks like a slip of the keyboard for another output."""

from __future__ import annotations

#: At most this many characters wrong, missing, extra or swapped, all at one place.
MAX_SLIP = 2
#: Outputs shorter than this are values like '4': a different one is a different value,
#: not a typo.
MIN_LENGTH = 2


def looks_like_typo(given: str, expected: str | None) -> bool:
    """Whether ``given`` is ``expected`` with one or two letters or digits wrong, missing,
    extra or swapped at one place, the rest kept, capitals not put for lowercase letters or back: 'Deo'
    for 'Doe' and '4x44' for '4444' are, 'NY' for 'Ne' and 'a.com' for 'a.com/' are not.

    >>> looks_like_typo("Smtih", "Smith"), looks_like_typo("Smit", "Smith"), looks_like_typo("4x44", "4444")
    (True, True, True)
    >>> looks_like_typo("Ithaca, NY", "Ithaca, Ne"), looks_like_typo("abc.com", "abc.com/")
    (False, False)
    >>> looks_like_typo("yes", "no"), looks_like_typo("4", "1"), looks_like_typo("ab", "cd"), looks_like_typo("Doe", "Doe")
    (False, False, False, False)
    """
    if expected is None or given == expected or min(len(given), len(expected)) < MIN_LENGTH:
        return False
    start = 0
    while start < min(len(given), len(expected)) and given[start] == expected[start]:
        start += 1
    end = 0
    while end < min(len(given), len(expected)) - start and given[-1 - end] == expected[-1 - end]:
        end += 1
    slips = given[start:len(given) - end], expected[start:len(expected) - end]
    if start + end == 0 or max(map(len, slips)) > MAX_SLIP or not all(c.isalnum() for part in slips for c in part):
        return False
    cases = [{c.isupper() for c in part if c.isalpha()} for part in slips]
    return not (cases[0] and cases[1] and cases[0] != cases[1])
