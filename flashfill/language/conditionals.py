"""Guards and the top-level Switch: the first case whose guard holds decides.

A guard is a disjunction of conjunctions of ``Match(column, r, k)`` predicates
("the column has at least k matches of r"), each possibly negated.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

import regex

from .expressions import Concatenate, Row, StringFn
from .positions import TokenSeq
from .words import column_name

GuardFn = Callable[[Row], bool]


@lru_cache(maxsize=4096)
def _run_pattern(seq: TokenSeq) -> regex.Pattern:
    return regex.compile("".join(t.run for t in seq.tokens), regex.V0)


@dataclass(frozen=True, slots=True)
class Match:
    """True when ``row[column]`` has at least ``count`` matches of ``tokens`` (or not, if negated)."""

    column: int
    tokens: TokenSeq
    count: int = 1
    negated: bool = False

    def evaluator(self) -> GuardFn:
        pattern, col, count, negated = _run_pattern(self.tokens), self.column, self.count, self.negated
        if count == 1:
            return lambda row: (pattern.search(row[col]) is None) == negated
        return lambda row: (sum(1 for _ in zip(range(count), pattern.finditer(row[col]))) >= count) != negated

    def describe(self, names: tuple[str, ...] | None = None) -> str:
        what = self.tokens.describe()
        amount = "a" if self.count == 1 else f"at least {self.count} of"
        verb = "has no" if self.negated and self.count == 1 else "has"
        if self.negated and self.count > 1:
            amount = f"fewer than {self.count} of"
        if verb == "has no":
            return f"{column_name(self.column, names)} has no {what}"
        return f"{column_name(self.column, names)} {verb} {amount} {what}"


@dataclass(frozen=True, slots=True)
class Guard:
    """A disjunction of conjunctions; the empty guard always holds."""

    disjuncts: tuple[tuple[Match, ...], ...] = ()

    def evaluator(self) -> GuardFn:
        if not self.disjuncts:
            return lambda row: True
        compiled = [[m.evaluator() for m in conj] for conj in self.disjuncts]
        return lambda row: any(all(p(row) for p in conj) for conj in compiled)

    def describe(self, names: tuple[str, ...] | None = None) -> str:
        return " or ".join(
            " and ".join(m.describe(names) for m in conj) for conj in self.disjuncts
        ) or "always"


@dataclass(frozen=True, slots=True)
class Switch:
    """Cases tried in order; the first guard that holds chooses the trace. ⊥ if none does."""

    cases: tuple[tuple[Guard, Concatenate], ...]

    def evaluator(self) -> StringFn:
        if len(self.cases) == 1 and not self.cases[0][0].disjuncts:
            return self.cases[0][1].evaluator()
        compiled = [(g.evaluator(), e.evaluator()) for g, e in self.cases]

        def switch(row: Row, w: int = 0) -> str | None:
            for guard, trace in compiled:
                if guard(row):
                    return trace(row, 0)
            return None

        return switch

    def router(self) -> Callable[[Row], "int | None"]:
        """A function giving the index of the case that decides a row, or None when no guard holds."""
        guards = [g.evaluator() for g, _ in self.cases]

        def route(row: Row) -> int | None:
            for i, guard in enumerate(guards):
                if guard(row):
                    return i
            return None

        return route

    def columns_used(self) -> set[int]:
        used: set[int] = set()
        for guard, trace in self.cases:
            used |= trace.columns_used()
            used |= {m.column for conj in guard.disjuncts for m in conj}
        return used
