"""Decide the value of each blank target cell: run the program, flag disagreements.

A row is *unsure* when one of the runner-up programs gives a different output than
the best program; *undefined* when the best program gives none (the cell stays
blank).  Results are cached per distinct input row while that pays: real columns
often repeat values (product codes, cities, domains), but when nearly every row is
new the cache only costs time and is switched off.
"""

from __future__ import annotations

from collections.abc import Callable
from operator import itemgetter
from typing import Any

from flashfill.table.learner import Inputs, Learned
from flashfill.table.report import Report

CACHE_SIZE = 1 << 16
TRIAL = 20_000
"""Lookups after which a cache that hits less than one time in five is dropped."""

Outcome = tuple[str | None, tuple[str | None, ...]]
"""The value to write (None: leave blank) and, for unsure rows, the distinct outputs (best first)."""

NOTHING: Outcome = (None, ())


class Filler:
    """``filler(row_number, inputs) -> (value, alternatives)``, which also updates the report.

    Hot loops call ``filler.lookup(inputs)`` (no reporting) instead; ``lookup`` is
    the caching or the direct evaluation, whichever currently pays.
    """

    def __init__(self, learned: Learned, report: Report, width: int | None = None,
                 cache_size: int = CACHE_SIZE) -> None:
        self.program: Any = learned.program
        self.alternatives: list[Any] = list(learned.alternatives)
        self.report = report
        self.cache: dict[Any, Outcome] = {}
        self.cache_size = cache_size
        self.hits = self.misses = 0
        self._run = [getattr(p, "run", p) for p in [self.program, *self.alternatives]]
        self._key = _key_function([self.program, *self.alternatives], width)
        self.lookup = self._cached

    def __call__(self, number: int, values: Inputs) -> Outcome:
        outcome = self.lookup(values)
        value, outputs = outcome
        if value is None:
            self.report.add_undefined(number)
        else:
            self.report.filled += 1
            if outputs:
                self.report.add_unsure(number, outputs)
        return outcome

    def _cached(self, values: Inputs) -> Outcome:
        if not any(values):
            return NOTHING
        key = self._key(values)
        outcome = self.cache.get(key)
        if outcome is not None:
            self.hits += 1
            return outcome
        self.misses += 1
        outcome = self._direct(values)
        if len(self.cache) >= self.cache_size:
            self.cache.clear()
        self.cache[key] = outcome
        if self.misses == TRIAL and self.hits < TRIAL // 4:
            self.cache.clear()
            self.lookup = self._direct
        return outcome

    def _direct(self, values: Inputs) -> Outcome:
        """Run the programs on one input row; rows whose inputs are all empty get no value."""
        if not any(values):
            return NOTHING
        best, *others = self._run
        value = best(values)
        if value is None or not others:
            return value, ()
        outputs: list[str | None] = [value]
        for alternative in others:
            other = alternative(values)
            if other not in outputs:
                outputs.append(other)
        return value, tuple(outputs) if len(outputs) > 1 else ()


def _key_function(programs: list[Any], width: int | None) -> Callable[[Inputs], Any]:
    """The cache key of an input row: only the columns the programs read, when they say which.

    A program that reads one of three columns then hits the cache on every repeated
    value of that column, however much the other columns vary.
    """
    used: set[int] = set()
    for program in programs:
        columns_used = getattr(program, "columns_used", None)
        if width is None or not callable(columns_used):
            return _whole
        used.update(columns_used())
    if len(used) >= width or any(i >= width for i in used):
        return _whole
    if not used:
        return _constant
    return itemgetter(*sorted(used))


def _whole(values: Inputs) -> Inputs:
    return values


def _constant(values: Inputs) -> tuple[()]:
    return ()
