"""Edges for value atoms (dates, times, numbers) in the product of the examples' graphs.

At a product node, every date or number found in an input column of each example is
inverted against that example's output (``value_ways``): which patterns, formats,
scalings and roundings write its value as ``out[i:j]``. The ways common to all
examples, read from places whose start and end position sets intersect, become edges
like a SubStr's. The unlabeled rows decide between readings (day first or month
first, decimal point or comma): a reading under which sampled rows do not parse
costs what an undefined position costs.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ..language.expressions import SubStr
from ..language.values.atoms import FormatDate, FormatNumber
from .ranking import ATOM_COST, UNDEFINED
from .value_ways import KINDS, Kind

if TYPE_CHECKING:
    from .traces import TraceLearner

#: Ways of writing one value kept per edge (the trace's preferences choose among them).
WAYS_PER_EDGE = 4


@dataclass(frozen=True, slots=True)
class ValueAtom:
    """A value atom on a product edge: the column, the chosen start/end descriptors of
    its source, their position sets, and the language atom (its source a placeholder)."""

    column: int
    start: tuple[int, int, int]
    end: tuple[int, int, int]
    starts: frozenset
    ends: frozenset
    atom: FormatDate | FormatNumber

    def build(self, start, end) -> FormatDate | FormatNumber:
        """The language atom reading from ``SubStr(column, start, end)``."""
        return replace(self.atom, source=SubStr(self.column, start, end))


class ValueEdges:
    """Value-atom edges out of the product nodes of one trace learner (with caches)."""

    def __init__(self, learner: "TraceLearner") -> None:
        self.learner = learner
        #: Shared by every learner of one run: the values of an example do not depend on its group.
        self._spans: dict[tuple, list] = learner.facts.extra.setdefault("value spans", {})
        self._parsed: dict[tuple, float] = {}
        self._present: dict[tuple, bool] = {}

    def present(self, col: int, kind: Kind, reading: str) -> bool:
        """Whether every example has a value of ``kind`` in column ``col``, and, for a
        reading other than the first, whether it reads an example or a sampled row
        differently (day first or month first is moot for "2021-03-07")."""
        key = (col, kind.name, reading)
        found = self._present.get(key)
        if found is None:
            examples = [ex.row[col] for ex in self.learner.examples]
            found = all(kind.find(text, reading) for text in examples)
            if found and reading != kind.readings[0]:
                texts = examples + [row[col] for row in self.learner.columns[col].ranker.rows]
                found = any(kind.find(t, reading) != kind.find(t, kind.readings[0]) for t in texts)
            self._present[key] = found
        return found

    def spans(self, e: int, col: int, kind: Kind, reading: str, i: int) -> list[tuple[int, int, object, dict]]:
        """(start, end, value, {j: ways}) for each value of ``kind`` in example e's column whose
        writing starts at ``out[i]``."""
        ex = self.learner.examples[e]
        key = (self.learner.rows[e], ex.output, col, kind.name, reading, i)
        found = self._spans.get(key)
        if found is None:
            found = []
            for a, b, value in kind.find(ex.row[col], reading) if i < len(ex.output) else ():
                ways = kind.ways(value, ex.output, i)
                if ways:
                    found.append((a, b, value, ways))
            self._spans[key] = found
        return found

    def edges(self, node: tuple[int, ...]) -> list[tuple[tuple[int, ...], float, ValueAtom]]:
        learner = self.learner
        out: list[tuple[tuple[int, ...], float, ValueAtom]] = []
        if not learner.reads_values:
            return out
        for col in range(len(learner.columns)):
            for kind in KINDS:
                for reading in kind.readings:
                    if not self.present(col, kind, reading):
                        continue
                    per_example = [self.spans(e, col, kind, reading, node[e]) for e in range(learner.k)]
                    if not all(per_example):
                        continue
                    for chosen, starts, ends in self._combinations(col, per_example):
                        value = chosen[0][2]
                        for target, ways in _common_ways(kind, [ways for _, _, _, ways in chosen]):
                            pair_score, start_d, end_d = learner.choose_pair(col, starts, ends)
                            base = -ATOM_COST + pair_score - self._unparsed(col, kind, reading, start_d, end_d)
                            costed = sorted((kind.cost(w, reading, value), repr(w), w) for w in ways)
                            kept = 0
                            for cost, _, way in costed:
                                if kept == WAYS_PER_EDGE:
                                    break
                                built = kind.atom(way, reading)
                                if not self._writes(built, col, chosen, node, target):
                                    continue
                                kept += 1
                                out.append((target, base - cost, ValueAtom(col, start_d, end_d, starts, ends, built)))
        return out

    def _writes(self, atom, col: int, chosen: tuple, node: tuple[int, ...], target: tuple[int, ...]) -> bool:
        """Whether the atom, reading each example's chosen span, writes that example's
        output from ``node`` to ``target`` (what the inversion promised, checked)."""
        run = atom.evaluator()
        for e, (a, b, _, _) in enumerate(chosen):
            ex = self.learner.examples[e]
            if run((ex.row[col][a:b],), 0) != ex.output[node[e]:target[e]]:
                return False
        return True

    def _combinations(self, col: int, per_example: list[list]):
        """(one span per example, joint start set, joint end set), for the combinations
        whose places share descriptors."""
        learner = self.learner
        partial: list[tuple[tuple, frozenset | None, frozenset | None]] = [((), None, None)]
        for e, options in enumerate(per_example):
            grown = []
            for chosen, starts, ends in partial:
                for span in options:
                    a, b = span[:2]
                    here_a, here_b = learner.place_set(e, col, a), learner.place_set(e, col, b)
                    both_a = here_a if starts is None else starts & here_a
                    both_b = here_b if ends is None else ends & here_b
                    if both_a and both_b:
                        grown.append((chosen + (span,), both_a, both_b))
            partial = grown
        return partial

    def _unparsed(self, col: int, kind: Kind, reading: str, start_d, end_d) -> float:
        """Penalty for the sampled rows on which the source does not give a value."""
        key = (col, kind.name, reading, start_d, end_d)
        found = self._parsed.get(key)
        if found is None:
            learner = self.learner
            rows = learner.columns[col].ranker.rows
            found = 0.0
            if rows:
                first = learner.position(start_d, col)
                last = learner.position(end_d, col)
                read = SubStr(col, first, last).evaluator()
                missing = 0
                for row in rows:
                    text = read(row, 0)
                    if text is None or kind.parse(text, reading) is None:
                        missing += 1
                found = UNDEFINED * missing / len(rows)
            self._parsed[key] = found
        return found


def _common_ways(kind: Kind, maps: list[dict[int, frozenset]]) -> list[tuple[tuple[int, ...], frozenset]]:
    """(target node, the ways every example shares) for each combination of ends."""
    partial: list[tuple[tuple[int, ...], frozenset | None]] = [((), None)]
    for ways_by_end in maps:
        grown = []
        for ends, common in partial:
            for j, ways in ways_by_end.items():
                both = ways if common is None else kind.common(common, ways)
                if both:
                    grown.append((ends + (j,), both))
        partial = grown
    return partial
