"""Decide the value of each blank target cell: run the program, flag the doubtful ones.

A row is *unsure* when the learner's judge says its value may be wrong (the same
judge as ``Session.unsure_rows()``; without one, when a runner-up program gives a
different output than the best program); *undefined* when the best program gives
none (the cell stays blank).  Results are cached per distinct input row while that pays: real columns
often repeat values (product codes, cities, domains), but when nearly every row is
new the cache only costs time and is switched off.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import compress
from operator import itemgetter, ne
from typing import Any

from flashfill.table.learner import Inputs, Learned
from flashfill.table.report import Report

CACHE_SIZE = 1 << 16
TRIAL = 20_000
"""Lookups after which a cache that hits less than one time in five is dropped."""

Outcome = tuple[str | None, tuple[str | None, ...]]
"""The value to write (None: leave blank) and, for unsure rows, the distinct outputs (best first)."""

NOTHING: Outcome = (None, ())

Outputs = tuple[list[str | None], dict[int, tuple[str | None, ...]]]
"""The values of many rows, and the distinct outputs of the unsure ones by position."""


class Filler:
    """``filler(row_number, inputs) -> (value, alternatives)``, which also updates the report.

    Hot loops call ``filler.lookup(inputs)`` (no reporting) instead; ``lookup`` is
    the caching or the direct evaluation, whichever currently pays.  ``outputs(rows)``
    does the same for many rows at once, through the programs' ``map`` when they have
    one (a compiled loop), so a chunk of rows costs few Python steps per row.
    """

    #: Whether the values are formulas (``fill --formulas``) rather than texts.
    writes_formulas = False

    def __init__(self, learned: Learned, report: Report, width: int | None = None,
                 cache_size: int = CACHE_SIZE) -> None:
        self.program: Any = learned.program
        self.judge: Any = learned.judge
        self.alternatives: list[Any] = [] if self.judge is not None else list(learned.alternatives)
        self.report = report
        self.cache: dict[Any, Outcome] = {}
        self.cache_size = cache_size
        self.hits = self.misses = 0
        self._judged = False
        programs = [self.program, *self.alternatives]
        self._run = [getattr(p, "run", p) for p in programs]
        self._many = [_many_function(p, run) for p, run in zip(programs, self._run)]
        self._key = _key_function([*programs, self.judge] if self.judge is not None else programs, width)
        self._empty = ("",) * width if width is not None else None
        self.lookup = self._cached

    def __call__(self, number: int, values: Inputs) -> Outcome:
        outcome = self.lookup(values)
        value, outputs = outcome
        if value is None:
            self.report.add_undefined(number)
        else:
            self.report.filled += 1
            self.report.add_sample(number, value)
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
        self._judge()
        return outcome

    def _judge(self) -> None:
        """Once ``TRIAL`` lookups have missed, drop the cache if it hit less than one time in five."""
        if self.misses >= TRIAL and not self._judged:
            self._judged = True
            if self.hits * 4 < self.misses:
                self.cache.clear()
                self.lookup = self._direct

    def _direct(self, values: Inputs) -> Outcome:
        """Run the programs on one input row; rows whose inputs are all empty get no value."""
        if not any(values):
            return NOTHING
        if self.judge is not None:
            written, unsure = self.judge.judged([values])
            return written[0], unsure[0].outputs if unsure and written[0] is not None else ()
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

    def outputs(self, rows: list[Inputs]) -> Outputs:
        """The values of many input rows (None: leave blank) and, by position in ``rows``,
        the distinct outputs of the unsure ones: ``lookup`` row by row, without reporting.

        The rows must all have the filler's width when it has one.
        """
        if self._some_empty(rows):
            kept = [k for k, values in enumerate(rows) if any(values)]
            values, unsure = self.outputs([rows[k] for k in kept]) if kept else ([], {})
            spread: list[str | None] = [None] * len(rows)
            for k, value in zip(kept, values):
                spread[k] = value
            return spread, {kept[k]: outputs for k, outputs in unsure.items()}
        if self.lookup == self._cached:
            return self._cached_outputs(rows)
        return self._evaluate(rows)

    def _some_empty(self, rows: list[Inputs]) -> bool:
        """True when the inputs of some row are all empty (one C-level pass)."""
        if self._empty is not None:
            return self._empty in rows
        return not all(map(any, rows))

    def _cached_outputs(self, rows: list[Inputs]) -> Outputs:
        """``outputs`` through the cache: only the rows whose key is new are evaluated."""
        keys = rows if self._key is _whole else list(map(self._key, rows))
        found: list[Outcome | None] = list(map(self.cache.get, keys))
        if None in found:
            missing = [k for k, outcome in enumerate(found) if outcome is None]
            values, unsure = self._evaluate([rows[k] for k in missing])
            if len(self.cache) + len(missing) > self.cache_size:
                self.cache.clear()
            for j, k in enumerate(missing):
                found[k] = self.cache[keys[k]] = (values[j], unsure.get(j, ()))
            self.misses += len(missing)
            self.hits += len(rows) - len(missing)
            self._judge()
        else:
            self.hits += len(rows)
        outcomes: list[Outcome] = found  # type: ignore[assignment]
        values = list(map(itemgetter(0), outcomes))
        if not self.alternatives and self.judge is None:
            return values, {}
        return values, {k: outcome[1] for k, outcome in enumerate(outcomes) if outcome[1]}

    def _evaluate(self, rows: list[Inputs]) -> Outputs:
        """Run the program on rows that have some input; unsure where the judge doubts the value
        (without a judge: where an alternative differs)."""
        if self.judge is not None:
            written, doubtful = self.judge.judged(rows)
            return written, {u.index: u.outputs for u in doubtful if u.output is not None}
        best, *others = (many(rows) for many in self._many)
        unsure: dict[int, tuple[str | None, ...]] = {}
        if not others:
            return best, unsure
        differing = sorted({k for other in others for k in compress(range(len(rows)), map(ne, best, other))})
        for k in differing:
            value = best[k]
            if value is None:
                continue
            outputs: list[str | None] = [value]
            for other in others:
                if other[k] not in outputs:
                    outputs.append(other[k])
            unsure[k] = tuple(outputs)
        return best, unsure


def _many_function(program: Any, run: Callable[[Inputs], str | None]) -> Callable[[list[Inputs]], list[str | None]]:
    """The program's own ``map`` (a compiled loop) when it has one, else ``run`` row by row."""
    many = getattr(program, "map", None)
    if callable(many):
        return many
    return lambda rows: list(map(run, rows))


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
