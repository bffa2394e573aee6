"""Edges for value atoms (dates, times, numbers) in the product of the examples' graphs.

At a product node, every date or number found in an input column of each example is
inverted against that example's output (``value_ways``): which patterns, formats,
scalings and roundings write its value as ``out[i:j]``. The ways common to all
examples, read from places whose start and end position sets intersect, become edges
like a SubStr's. The unlabeled rows decide between readings (day first or month
first, decimal point or comma) and places: a place whose text on a sampled row does
not parse, or is part of a longer number there, costs what an undefined position
costs. They also weigh the ways of writing (``Kind.fit``): how the sampled rows'
values would come out.
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
        self._parsed: dict[tuple, tuple[float, tuple]] = {}
        self._sources: dict[tuple, tuple] = {}
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
                        values = tuple(span[2] for span in chosen)
                        for target, ways in _common_ways(kind, [ways for _, _, _, ways in chosen]):
                            score, start_d, end_d, rows = self._source(col, kind, reading, starts, ends)
                            base = -ATOM_COST + score
                            costed = sorted(
                                (kind.cost(w, reading, values[0]) + kind.fit(w, reading, values, rows), repr(w), w)
                                for w in ways if kind.usable(w)
                            )
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

    def _source(self, col: int, kind: Kind, reading: str, starts: frozenset, ends: frozenset) -> tuple:
        """(score, start, end, the values it reads on the sampled rows) of the place a value
        is read from: the positions a copy would take, unless the sampled rows where they
        give no value, or a part of one, say that other positions of the sets read better."""
        key = (col, kind.name, reading, starts, ends)
        found = self._sources.get(key)
        if found is None:
            pair_score, start_d, end_d = self.learner.choose_pair(col, starts, ends)
            missed, values = self._read(col, kind, reading, start_d, end_d)
            found = (pair_score - missed, start_d, end_d, values)
            if missed:
                ranker = self.learner.columns[col].ranker
                others = {d for lean in (1, -1) for _, d in ranker.ranked(ends, lean)}
                for _, first in ranker.ranked(starts, 1):
                    for last in sorted(others):
                        missed, values = self._read(col, kind, reading, first, last)
                        score = ranker.pair_score(first, last) - missed
                        if score > found[0]:
                            found = (score, first, last, values)
            self._sources[key] = found
        return found

    def _read(self, col: int, kind: Kind, reading: str, start_d, end_d) -> tuple[float, tuple]:
        """(penalty for the sampled rows on which the source gives no value or a part of
        one, the values it gives on the others)."""
        key = (col, kind.name, reading, start_d, end_d)
        found = self._parsed.get(key)
        if found is None:
            ranker = self.learner.columns[col].ranker
            rows = ranker.rows
            values = []
            if rows:
                for row, a, b in zip(rows, ranker.values(start_d), ranker.values(end_d)):
                    text = row[col]
                    value = None if a is None or b is None or a > b else kind.parse(text[a:b], reading)
                    if value is not None and kind.whole and _inside(text, a, b, kind.readings, kind.find):
                        value = None
                    if value is not None:
                        values.append(value)
            missed = UNDEFINED * (len(rows) - len(values)) / len(rows) if rows else 0.0
            found = self._parsed[key] = (missed, tuple(values))
        return found


def _inside(text: str, a: int, b: int, readings: tuple[str, ...], find) -> bool:
    """Whether ``text[a:b]`` is a part of a longer value found in the text under some
    reading, one with more digits ("0" of "0.5"; "10" of "10.5" read with a decimal
    comma; not "1.5" of "$1.5")."""
    if not _continues(text[a - 1:a] if a else "") and not _continues(text[b:b + 1]):
        return False
    return any(
        x <= a and b <= y and any(ch.isdigit() for ch in text[x:a] + text[b:y])
        for reading in readings for x, y, _ in find(text, reading)
    )


def _continues(ch: str) -> bool:
    """Whether a character next to a number may carry it on (a digit or a separator)."""
    return ch.isdigit() or ch in (".", ",", " ")


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
