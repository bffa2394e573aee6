"""Value kinds as guard predicates: "column 1 has a date", "… has a negative number".

A ``HasValue`` sits in a guard beside ``Match`` and behaves like one (a column, an
evaluator, words, a negation), so guards learned over token matches can also tell
rows apart by the kind of value they hold.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ..words import column_name
from .moments import ORDERS, find_moments
from .number_parsing import find_numbers

_TESTS: dict[str, Callable[[str], bool]] = {
    "date": lambda text: any(m.has_date for order in ORDERS for _, _, m in find_moments(text, order)),
    "time": lambda text: any(m.has_time for _, _, m in find_moments(text)),
    "negative number": lambda text: any(value < 0 for _, _, value in find_numbers(text)),
}
KINDS = tuple(_TESTS)


def has_kind(text: str, kind: str) -> bool:
    """Whether a text holds a value of a kind.

    >>> has_kind("due 7 Mar 2021", "date"), has_kind("7:05 PM", "date"), has_kind("was -3.5", "negative number")
    (True, False, True)
    """
    return _TESTS[kind](text)


@dataclass(frozen=True, slots=True)
class HasValue:
    """True when ``row[column]`` holds a value of ``kind`` (or not, if negated)."""

    column: int
    kind: str
    negated: bool = False

    def __post_init__(self) -> None:
        if self.kind not in _TESTS:
            raise ValueError(f"unknown value kind {self.kind!r}")

    def evaluator(self) -> Callable[[tuple[str, ...]], bool]:
        test, col, negated = _TESTS[self.kind], self.column, self.negated
        return lambda row: test(row[col]) != negated

    def describe(self, names: tuple[str, ...] | None = None) -> str:
        article = "an" if self.kind[0] in "aeiou" else "a"
        verb = "has no" if self.negated else f"has {article}"
        return f"{column_name(self.column, names)} {verb} {self.kind}"
