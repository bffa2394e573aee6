"""Decide the value of each blank target cell: run the program, flag disagreements.

A row is *unsure* when one of the runner-up programs gives a different output than
the best program; *undefined* when the best program gives none (the cell stays
blank).  Results are cached per distinct input row (bounded), since real columns
repeat values (product codes, cities, domains).
"""

from __future__ import annotations

from typing import Any

from flashfill.table.learner import Inputs, Learned
from flashfill.table.report import Report

CACHE_SIZE = 1 << 16

Outcome = tuple[str | None, tuple[str | None, ...]]
"""The value to write (None: leave blank) and, for unsure rows, the distinct outputs (best first)."""


class Filler:
    """Callable ``filler(row_number, inputs) -> (value, alternatives)`` that also updates the report."""

    def __init__(self, learned: Learned, report: Report, cache_size: int = CACHE_SIZE) -> None:
        self.program: Any = learned.program
        self.alternatives: list[Any] = list(learned.alternatives)
        self.report = report
        self.cache: dict[Inputs, Outcome] = {}
        self.cache_size = cache_size

    def __call__(self, number: int, values: Inputs) -> Outcome:
        outcome = self.cache.get(values)
        if outcome is None:
            outcome = self._decide(values)
            if len(self.cache) >= self.cache_size:
                self.cache.clear()
            self.cache[values] = outcome
        value, outputs = outcome
        if value is None:
            self.report.add_undefined(number)
        else:
            self.report.filled += 1
            if outputs:
                self.report.add_unsure(number, outputs)
        return outcome

    def _decide(self, values: Inputs) -> Outcome:
        value = self.program(values)
        if value is None or not self.alternatives:
            return value, ()
        outputs: list[str | None] = [value]
        for alternative in self.alternatives:
            other = alternative(values)
            if other not in outputs:
                outputs.append(other)
        return value, tuple(outputs) if len(outputs) > 1 else ()
