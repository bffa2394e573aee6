"""Edges for value atoms (dates, times, numbers) in the product of the examples' graphs.

At a product node, every date or number found in an input column of each example is
inverted against that example's output: which patterns (formats, scalings, roundings)
write its value as ``out[i:j]``. The ways common to all examples, read from places
whose start and end position sets intersect, become one edge each, like a SubStr's.
The unlabeled rows decide between readings (day first or month first, decimal point
or comma): a reading under which sampled rows do not parse costs what an undefined
position costs.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import TYPE_CHECKING

from ..language.expressions import SubStr
from ..language.positions import CPos
from ..language.values.atoms import FormatDate, FormatNumber
from ..language.values.kinds import KINDS as VALUE_KINDS
from ..language.values.kinds import HasValue, has_kind
from ..language.values.date_patterns import pattern_cost, patterns_at, render
from ..language.values.date_rounding import DATE_MODES, UNITS, round_moment
from ..language.values.moments import ORDERS, Moment, find_moments, parse_moment
from ..language.values.number_format import MINIMAL, NumberFormat, formats_writing, output_number_at
from ..language.values.number_parsing import POINTS, find_numbers, parse_number
from ..language.values.rounding import round_to
from .ranking import ATOM_COST, UNDEFINED

if TYPE_CHECKING:
    from .traces import TraceLearner

#: Cost of reading a value on top of an atom's: a copy of the same text stays cheaper.
DATE_COST = 0.5
NUMBER_COST = 0.6
#: Scaling by a power of ten, and rounding to a step, are less usual than neither.
SCALE_COST = 1.0
STEP_COST = 0.8
HIDDEN_ROUNDING = 0.1
#: Keeping a number of significant digits is a rounding too, and a rarer one.
SIGNIFICANT_COST = 1.0
#: Ways of writing one value kept per edge (the trace's preferences choose among them).
WAYS_PER_EDGE = 4
#: A bucket's start and end read from the same number with the same step ("30-40").
BUCKET = 1.0
#: A day-first reading is chosen only when something says so; a decimal comma only
#: when it is all that reads the rows ("2,500" is two thousand five hundred).
OTHER_READING = 0.05
DECIMAL_COMMA = 1.5
_STEP_DIGITS = (1, 2, 5)
_MODES = ("down", "next", "up", "nearest")
_NEGATIVE_COST = {"-": 0.0, "()": 0.1, "": 0.3}
_MODE_COST = {"down": 0.0, "nearest": 0.05, "next": 0.06, "up": 0.07}
_PLACEHOLDER = SubStr(0, CPos(0), CPos(-1))
_AMPM = ("a", "a_")


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


# ----- the two kinds of value ---------------------------------------------------------
DateWay = tuple[tuple[str, ...], str, int, str]  # pattern, unit, step, mode


def _date_ways(value: Moment, out: str, i: int) -> dict[int, frozenset]:
    """(pattern, unit, step, mode) that write ``value`` as ``out[i:j]``, keyed by j: the
    value as it is, or rounded to a unit. An hour of 1 to 12 written without AM/PM
    does not say morning or evening, so no pattern writes its AM/PM."""
    return _date_ways_of(value, value.has_time and not value.clock_known, out, i)


@lru_cache(maxsize=16384)
def _date_ways_of(value: Moment, no_ampm: bool, out: str, i: int) -> dict[int, frozenset]:
    found: dict[int, set[DateWay]] = {}
    for j, patterns in patterns_at(value, out, i).items():
        found.setdefault(j, set()).update((p, "", 1, "down") for p in patterns)
    for unit, steps in UNITS.items():
        for step in steps:
            for mode in DATE_MODES:
                rounded = round_moment(value, unit, step, mode)
                if rounded is None or rounded == value:
                    continue
                for j, patterns in patterns_at(rounded, out, i).items():
                    found.setdefault(j, set()).update((p, unit, step, mode) for p in patterns)
    kept = {j: frozenset(w for w in ways if not no_ampm or not any(part in _AMPM for part in w[0])) for j, ways in found.items()}
    return {j: ways for j, ways in kept.items() if ways}


def _date_atom(way: DateWay, reading: str) -> FormatDate:
    pattern, unit, step, mode = way
    return FormatDate(_PLACEHOLDER, pattern, reading, unit, step, mode)


def _date_cost(way: DateWay, reading: str, value: Moment) -> float:
    """What a way of writing a date costs; a rounding that does not show on the value
    it was learned from ("18:25" → "6PM" rounded down to 2 hours) costs little, so that
    the trace's preferences can pick it (a bucket "6PM to 8PM")."""
    pattern, unit, step, mode = way
    cost = DATE_COST + pattern_cost(pattern) + (OTHER_READING if reading != ORDERS[0] else 0.0)
    if unit:
        shows = render(round_moment(value, unit, step, mode), pattern) != render(value, pattern)
        cost += (STEP_COST if shows else HIDDEN_ROUNDING) + 0.02 * step + (0.05 if mode != "down" else 0.0)
    return cost


NumberWay = tuple[int, str, str, NumberFormat]  # scale, step, mode, format


@lru_cache(maxsize=65536)
def _number_ways(value: Decimal, out: str, i: int) -> dict[int, frozenset]:
    """(scale, step, mode, format) that write ``value`` as ``out[i:j]``, keyed by j."""
    found: dict[int, frozenset] = {}
    for j in output_number_at(out, i):
        text = out[i:j]
        target = parse_number(text, ".") if "," not in text else None
        ways: set[NumberWay] = set()
        for scale in _scales(value, target):
            scaled = value.scaleb(scale)
            for f in formats_writing(scaled, text):
                ways.add((scale, "", "nearest", f))
            if target is not None and target and scale in (0, _guess(value, target)):
                ways |= _stepped(scale, scaled, text, target)
        if ways:
            found[j] = frozenset(ways)
    return found


def _guess(value: Decimal, target: Decimal) -> int:
    """The power of ten between the value and the target's orders of magnitude."""
    return target.copy_abs().adjusted() - value.copy_abs().adjusted() if value else 0


def _scales(value: Decimal, target: Decimal | None) -> list[int]:
    """Powers of ten worth trying: none, and those that bring the value near the target."""
    scales = [0]
    if target and value:
        guess = _guess(value, target)
        scales += [s for s in (guess - 1, guess, guess + 1) if s and -12 <= s <= 12]
    return scales


def _stepped(scale: int, value: Decimal, text: str, target: Decimal) -> set[NumberWay]:
    """Roundings of a (scaled) value to a step, 1, 2 or 5 times a power of ten from the
    target's last decimal up to its size, that give ``target`` written as ``text``."""
    try:
        return _stepped_ways(scale, value, text, target)
    except InvalidOperation:
        return set()


def _stepped_ways(scale: int, value: Decimal, text: str, target: Decimal) -> set[NumberWay]:
    ways: set[NumberWay] = set()
    places = -target.as_tuple().exponent if target.as_tuple().exponent < 0 else 0
    for power in range(-places, target.copy_abs().adjusted() + 1):
        for digit in _STEP_DIGITS:
            step = Decimal(digit).scaleb(power)
            if target % step:
                continue
            for mode in _MODES:
                if mode == "nearest" and step == Decimal(1).scaleb(-places):
                    continue
                if round_to(value, step, mode) == target:
                    for f in formats_writing(target, text):
                        if not f.significant:
                            ways.add((scale, f"{step:f}", mode, f))
    return ways


def _number_atom(way: NumberWay, reading: str) -> FormatNumber:
    scale, step, mode, number_format = way
    return FormatNumber(_PLACEHOLDER, number_format, reading, scale, step, mode)


def _number_cost(way: NumberWay, reading: str, value: Decimal) -> float:
    """What a way of writing a number costs. Between as many decimals as needed and a
    fixed count: where the user dropped zeros, as many as needed ("1234.50" → "1234.5",
    "2,500" → "2.5"); else a whole number gets a fixed count ("1" → "0.001", then "790"
    → "0.790") and a number with decimals keeps as many as it has ("0.125" → "12.5")."""
    scale, step, mode, f = way
    cost = NUMBER_COST + (DECIMAL_COMMA if reading != POINTS[0] else 0.0)
    if scale:
        cost += SCALE_COST + 0.1 * abs(scale)
    if step:
        cost += STEP_COST + (0.1 if step.lstrip("0.")[:1] != "1" else 0.0) + _MODE_COST[mode]
    scaled = value.scaleb(scale).as_tuple()
    dropped_zeros = scaled.exponent < 0 and scaled.digits[-1] == 0
    fixed = value.as_tuple().exponent >= 0 and not dropped_zeros
    if f.significant:
        cost += SIGNIFICANT_COST
    elif f.decimals == MINIMAL:
        cost += 0.05 if fixed else 0.0
    else:
        cost += 0.0 if fixed else 0.05
    cost += (0.1 if f.group else 0.0) + (0.1 if f.point != "." else 0.0) + (0.3 if f.exponent else 0.0) + _NEGATIVE_COST[f.negative]
    return cost


@dataclass(frozen=True)
class _Kind:
    """One kind of value: how it is found in an input, inverted, built and costed."""

    name: str
    readings: tuple[str, ...]
    find: object
    parse: object
    ways: object
    atom: object
    cost: object


KINDS = (
    _Kind("date", ORDERS, find_moments, parse_moment, _date_ways, _date_atom, _date_cost),
    _Kind("number", POINTS, find_numbers, parse_number, _number_ways, _number_atom, _number_cost),
)


# ----- the edges ---------------------------------------------------------------------------
class ValueEdges:
    """Value-atom edges out of the product nodes of one trace learner (with caches)."""

    def __init__(self, learner: "TraceLearner") -> None:
        self.learner = learner
        self._spans: dict[tuple, list] = {}
        self._parsed: dict[tuple, float] = {}
        self._present: dict[tuple, bool] = {}

    def present(self, col: int, kind: _Kind, reading: str) -> bool:
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

    def spans(self, e: int, col: int, kind: _Kind, reading: str, i: int) -> list[tuple[int, int, object, dict]]:
        """(start, end, value, {j: ways}) for each value of ``kind`` in example e's column whose
        writing starts at ``out[i]``."""
        key = (e, col, kind.name, reading, i)
        found = self._spans.get(key)
        if found is None:
            ex = self.learner.examples[e]
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
                        for target, ways in _common_ways([ways for _, _, _, ways in chosen]):
                            pair_score, start_d, end_d = learner.choose_pair(col, starts, ends)
                            base = -ATOM_COST + pair_score - self._unparsed(col, kind, reading, start_d, end_d)
                            costed = sorted((kind.cost(w, reading, value), repr(w), w) for w in ways)
                            for cost, _, way in costed[:WAYS_PER_EDGE]:
                                atom = ValueAtom(col, start_d, end_d, starts, ends, kind.atom(way, reading))
                                out.append((target, base - cost, atom))
        return out

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

    def _unparsed(self, col: int, kind: _Kind, reading: str, start_d, end_d) -> float:
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


def _common_ways(maps: list[dict[int, frozenset]]) -> list[tuple[tuple[int, ...], frozenset]]:
    """(target node, the ways every example shares) for each combination of ends."""
    partial: list[tuple[tuple[int, ...], frozenset | None]] = [((), None)]
    for ways_by_end in maps:
        grown = []
        for ends, common in partial:
            for j, ways in ways_by_end.items():
                both = ways if common is None else common & ways
                if both:
                    grown.append((ends + (j,), both))
        partial = grown
    return partial


def bucket_bonus(atoms: list) -> float:
    """Bonus for a trace that writes the start and the end of one bucket of the same
    value ("37" → "30-40": rounded down to 10, then the end of its bucket of 10;
    "18:25" → "6PM to 8PM" in buckets of 2 hours)."""
    buckets = [(_bucket(a), a.atom.mode) for a in atoms if isinstance(a, ValueAtom) and _bucket(a)]
    starts = {bucket for bucket, mode in buckets if mode == "down"}
    return BUCKET if any(bucket in starts for bucket, mode in buckets if mode == "next") else 0.0


def _bucket(a: ValueAtom) -> tuple | None:
    """The source and the step of a rounded value atom (None when it is not rounded)."""
    if isinstance(a.atom, FormatNumber):
        return (a.column, a.start, a.end, a.atom.step) if a.atom.step else None
    return (a.column, a.start, a.end, a.atom.unit, a.atom.step) if a.atom.unit else None


def bucket_starts(atoms: list, examples: list) -> list:
    """A trace that writes the end of a date's bucket ("8PM", the end of its 2 hours)
    writes the same date elsewhere as the bucket's start, where rounding it down to the
    bucket changes nothing on the examples ("6PM" from "18:25")."""
    ends = {_bucket(a) for a in atoms if isinstance(a, ValueAtom) and isinstance(a.atom, FormatDate) and a.atom.mode == "next" and a.atom.unit}
    if not ends:
        return atoms
    out = list(atoms)
    for k, a in enumerate(atoms):
        if not isinstance(a, ValueAtom) or not isinstance(a.atom, FormatDate) or a.atom.unit:
            continue
        for column, start, end, unit, step in ends:
            if (column, start, end) != (a.column, a.start, a.end):
                continue
            rounded = replace(a.atom, unit=unit, step=step, mode="down")
            if all(_same_on(a.atom, rounded, ex.row[column]) for ex in examples):
                out[k] = replace(a, atom=rounded)
                break
    return out


def _same_on(plain: FormatDate, rounded: FormatDate, text: str) -> bool:
    """Whether rounding changes nothing in what the atom writes for any date of a text."""
    return all(
        render(value, plain.pattern) == render(r, plain.pattern)
        for _, _, value in find_moments(text, plain.order)
        for r in [round_moment(value, rounded.unit, rounded.step, "down")]
        if r is not None
    )


#: A guard on the kind of value a cell holds ("has a date") costs more than one on a
#: token, which says the same on the rows more often than not.
VALUE_KIND_COST = 0.3


def value_kinds(col: int, texts: list[str], sample: list[str]) -> list[tuple[HasValue, int, int]]:
    """Guard predicates on the kind of value in a column (and their negations), with
    their truth on the examples' texts and on the sampled rows, as bit sets."""
    everyone, all_sample = (1 << len(texts)) - 1, (1 << len(sample)) - 1
    found = []
    for kind in VALUE_KINDS:
        on = sum(1 << i for i, t in enumerate(texts) if has_kind(t, kind))
        on_sample = sum(1 << i for i, t in enumerate(sample) if has_kind(t, kind))
        found.append((HasValue(col, kind), on, on_sample))
        found.append((HasValue(col, kind, True), everyone & ~on, all_sample & ~on_sample))
    return found
