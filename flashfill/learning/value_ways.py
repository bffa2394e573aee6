"""The two kinds of value the learner reads, dates and numbers: for a value and an
output, every way of writing the value that gives ``out[i:j]`` (the inverse of the
value atoms' writing), how a way becomes an atom, and what it costs.

The costs say which of several ways that write the same example is meant: a copy of
the same text stays cheaper than any value; a rounding, a scaling or another reading
costs more than none.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache
from typing import Callable

from ..language.expressions import SubStr
from ..language.positions import CPos
from ..language.values.atoms import FormatDate, FormatNumber
from ..language.values.date_patterns import pattern_cost, patterns_at, render
from ..language.values.date_rounding import DATE_MODES, UNITS, minutes_between, round_moment, shift_moment
from ..language.values.moments import ORDERS, Moment, find_moments, parse_moment
from ..language.values.number_format import MINIMAL, NumberFormat, formats_writing, output_number_at
from ..language.values.number_parsing import POINTS, find_numbers, parse_number
from ..language.values.rounding import round_to

#: Cost of reading a value on top of an atom's: a copy of the same text stays cheaper.
DATE_COST = 0.5
NUMBER_COST = 0.6
#: Scaling by a power of ten, and rounding to a step, are less usual than neither.
SCALE_COST = 1.0
STEP_COST = 0.8
HIDDEN_ROUNDING = 0.1
#: Moving a date or time by a fixed time (at most a year), a sum where the rest copies.
SHIFT_COST = 1.5
#: Multiplying by a factor (a unit conversion) explains any number from any other, so it
#: costs more the more digits the factor has, and it has at most FACTOR_DIGITS.
FACTOR_COST = 2.0
FACTOR_DIGIT = 0.3
FACTOR_DIGITS = 9
#: Dividing is chosen over multiplying by as many digits only when it has fewer ("times 2", not "divided by 0.5").
DIVISOR_COST = 0.1
ROUNDED_FACTOR_DIGITS = 4
MAX_SHIFT = 366 * 1440
#: Keeping a number of significant digits is a rounding too, and a rarer one; but a
#: product shown with many digits ("0.0393701", "26.2467") is a calculator's display.
SIGNIFICANT_COST = 1.0
CALCULATOR = -0.05
CALCULATOR_DIGITS = 6
CALCULATOR_DECIMALS = 3
#: Rounding up to the next step a value already on a step adds a whole step ("1" → "2"):
#: a bucket's end, which needs its start written too (see ``buckets``).
WHOLE_STEP = 3.0
#: A way whose outputs on the sampled rows are unlike the example's (see ``_number_fit``).
UNLIKE_ROWS = 0.1
#: A day-first reading is chosen only when something says so; a decimal comma only
#: when it is all that reads the rows ("2,500" is two thousand five hundred).
OTHER_READING = 0.05
DECIMAL_COMMA = 1.5
_STEP_DIGITS = (1, 2, 5)
_MODES = ("down", "next", "up", "nearest")
_NEGATIVE_COST = {"-": 0.0, "()": 0.1, "": 0.3}
_MODE_COST = {"down": 0.0, "nearest": 0.05, "next": 0.06, "up": 0.07}
#: The source of an atom before the learner has chosen its positions.
PLACEHOLDER = SubStr(0, CPos(0), CPos(-1))
_AMPM = ("a", "a_")


DateWay = tuple[tuple[str, ...], str, int, str, int]  # pattern, unit, step, mode, shift


def _date_ways(value: Moment, out: str, i: int) -> dict[int, frozenset]:
    """(pattern, unit, step, mode) that write ``value`` as ``out[i:j]``, keyed by j: the
    value as it is, or rounded to a unit. An hour of 1 to 12 written without AM/PM
    does not say morning or evening, so no pattern writes its AM/PM."""
    return _date_ways_of(value, value.has_time and not value.clock_known, out, i)


@lru_cache(maxsize=16384)
def _date_ways_of(value: Moment, no_ampm: bool, out: str, i: int) -> dict[int, frozenset]:
    found: dict[int, set[DateWay]] = {}
    for j, patterns in patterns_at(value, out, i).items():
        found.setdefault(j, set()).update((p, "", 1, "down", 0) for p in patterns)
    for shift in _shifts(value, out, i):
        shifted = shift_moment(value, shift)
        for j, patterns in patterns_at(shifted, out, i).items() if shifted is not None else ():
            found.setdefault(j, set()).update((p, "", 1, "down", shift) for p in patterns)
    for unit, steps in UNITS.items():
        for step in steps:
            for mode in DATE_MODES:
                rounded = round_moment(value, unit, step, mode)
                if rounded is None or rounded == value:
                    continue
                for j, patterns in patterns_at(rounded, out, i).items():
                    found.setdefault(j, set()).update((p, unit, step, mode, 0) for p in patterns)
    if no_ampm:
        found = {j: {w for w in ways if not any(part in _AMPM for part in w[0])} for j, ways in found.items()}
    return {j: frozenset(ways) for j, ways in found.items() if ways}


def _shifts(value: Moment, out: str, i: int) -> set[int]:
    """Minutes between the value and each date or time the output writes from ``out[i]``
    on (a time zone, "the day after"), within a year."""
    shifts = set()
    for order in ORDERS:
        for a, _, written in find_moments(out, order):
            delta = minutes_between(value, written) if a == i else None
            if delta and abs(delta) <= MAX_SHIFT:
                shifts.add(delta)
    return shifts


def _date_atom(way: DateWay, reading: str) -> FormatDate:
    pattern, unit, step, mode, shift = way
    return FormatDate(PLACEHOLDER, pattern, reading, unit, step, mode, shift)


@lru_cache(maxsize=65536)
def _date_cost(way: DateWay, reading: str, value: Moment) -> float:
    """What a way of writing a date costs; a rounding that does not show on the value
    it was learned from ("18:25" → "6PM" rounded down to 2 hours) costs little, so that
    the trace's preferences can pick it (a bucket "6PM to 8PM")."""
    pattern, unit, step, mode, shift = way
    cost = DATE_COST + pattern_cost(pattern) + (OTHER_READING if reading != ORDERS[0] else 0.0)
    if shift:
        cost += SHIFT_COST + (0.2 if shift % 60 else 0.0)
    if unit:
        shows = render(round_moment(value, unit, step, mode), pattern) != render(value, pattern)
        cost += (STEP_COST if shows else HIDDEN_ROUNDING) + 0.02 * step + (0.05 if mode != "down" else 0.0)
        if mode == "next" and round_moment(value, unit, step, "down") == value:
            cost += WHOLE_STEP
    return cost


#: scale, step, mode, format, and for a factor (a divisor) the interval (low, high, stands
#: on its own, divides) it lies in, else ().
NumberWay = tuple[int, str, str, NumberFormat, tuple]


@lru_cache(maxsize=65536)
def _number_ways(value: Decimal, out: str, i: int) -> dict[int, frozenset]:
    """(scale, step, mode, format, factor interval) that write ``value`` as ``out[i:j]``,
    keyed by j."""
    found: dict[int, frozenset] = {}
    for j in output_number_at(out, i):
        text = out[i:j]
        target = parse_number(text, ".")
        if target is None and "," in text:
            target = parse_number(text, ",")
        ways: set[NumberWay] = set()
        for scale in _scales(value, target):
            scaled = value.scaleb(scale)
            for f in formats_writing(scaled, text):
                ways.add((scale, "", "nearest", f, ()))
            if target is not None and target and scale in (0, _guess(value, target)):
                ways |= _stepped(scale, scaled, text, target)
        if target and value:
            ways |= _factors(value, text, target)
        if ways:
            found[j] = frozenset(ways | _hidden_commas(ways, text))
    return found


def _hidden_commas(ways: set[NumberWay], text: str) -> set[NumberWay]:
    """The same ways with a thousands comma, where the output is too short to show one
    ("110", then "1,001", share a format)."""
    if len(text.partition(".")[0].strip("-()")) > 3:
        return set()
    return {
        way[:3] + (replace(way[3], group=","),) + way[4:]
        for way in ways
        if not way[3].group and way[3].point == "." and not way[3].exponent and not way[3].significant
    }


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
    target's last decimal up to its size and the value's, that give ``target`` written
    as ``text``: a step above the value says nothing of it ("2" up to a multiple of 200)."""
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
            if target % step or step > value.copy_abs():
                continue
            for mode in _MODES:
                if mode == "nearest" and step == Decimal(1).scaleb(-places):
                    continue
                if round_to(value, step, mode) == target:
                    for f in formats_writing(target, text):
                        if not f.significant:
                            ways.add((scale, f"{step:f}", mode, f, ()))
    return ways


def _factors(value: Decimal, text: str, target: Decimal) -> set[NumberWay]:
    """Ways of writing ``value`` times a factor, or divided by a divisor, as ``text`` (a
    unit conversion: 25.4 mm to the inch is a short divisor, not a short factor): for
    each format that writes ``target`` as ``text``, the interval of factors (divisors)
    whose product (quotient) it writes so. Factors a power of ten away from 1 are left
    to scaling. A factor that only rounds to the output needs an output of
    ``ROUNDED_FACTOR_DIGITS`` significant digits or more, or another example whose
    output says so: "425" is no phone number's digits times 0.043; a shorter one is a
    product written exactly ("8" → "8.86" is 1.1075 times, "$1" → "1.30" 1.3 times), or
    rounded where another example pins the factor down ("1" → "0.3", then "10.5" →
    "3.2"). The interval carries whether it stands on its own (``usable_number_way``)
    and whether it divides."""
    ways: set[NumberWay] = set()
    try:
        for f in formats_writing(target, text):
            if f.exponent or f.negative != "-":
                continue
            if f.significant:
                half = Decimal(5).scaleb(target.adjusted() - f.significant)
            else:
                half = Decimal(0) if f.decimals == MINIMAL else Decimal(5).scaleb(-f.decimals - 1)
            ways |= _spans(f, value, target, half, (target - half) / value, (target + half) / value, False)
            if abs(target) > half:
                ways |= _spans(f, value, target, half, value / (target + half), value / (target - half), True)
    except InvalidOperation:
        return set()
    return ways


def _spans(f: NumberFormat, value: Decimal, target: Decimal, half: Decimal, one: Decimal, other: Decimal,
           divides: bool) -> set[NumberWay]:
    """The ways of one format for the factors (divisors) between ``one`` and ``other``."""
    low, high = sorted((one, other))
    if low <= 0 or any(low <= Decimal(1).scaleb(k) <= high for k in range(-12, 13)):
        return set()
    factor = simplest_between(low, high)
    if factor is None:
        return set()
    way: Callable[[tuple], NumberWay] = lambda span: (0, "", "nearest", f, span)
    written = value / factor if divides else factor * value
    if half and written != target and _short(target):
        exact = value / target if divides else target / value
        ways = {way((low, high, False, divides))}
        if simplest_between(exact, exact) is not None:
            ways.add(way((exact, exact, True, divides)))
        return ways
    return {way((low, high, True, divides))}


def _short(target: Decimal) -> bool:
    """Whether a number has too few digits to be a rounded product."""
    return len(target.normalize().as_tuple().digits) < ROUNDED_FACTOR_DIGITS


def simplest_between(low: Decimal, high: Decimal) -> Decimal | None:
    """The number with the fewest significant digits (at most ``FACTOR_DIGITS``) strictly
    between ``low`` and ``high`` (or equal to both), nearest their middle; None when
    there is none. Strictly: at an end, the product rounds to the next number.

    >>> simplest_between(Decimal("11.75"), Decimal("12.25")), simplest_between(Decimal("0.03937005"), Decimal("0.03937015"))
    (Decimal('12'), Decimal('0.0393701'))
    """
    middle = (low + high) / 2
    for digits in range(1, FACTOR_DIGITS + 1):
        candidate = middle.quantize(Decimal(1).scaleb(middle.adjusted() - digits + 1), rounding=ROUND_HALF_UP)
        if low < candidate < high or low == candidate == high:
            return candidate.normalize()
    return None


def common_number_ways(first: frozenset, second: frozenset) -> frozenset:
    """The ways two examples share: the same scaling, rounding and format, and for a
    factor (a divisor) the overlap of their intervals (when a simple enough factor lies
    in it), which stands on its own when either does."""
    shared = {w for w in first & second if not w[4]}
    spans = [w for w in second if w[4]]
    for way in first:
        if not way[4]:
            continue
        for other in spans:
            if other[:4] == way[:4] and other[4][3] == way[4][3]:
                low, high = max(way[4][0], other[4][0]), min(way[4][1], other[4][1])
                if low <= high and simplest_between(low, high) is not None:
                    shared.add(way[:4] + ((low, high, way[4][2] or other[4][2], way[4][3]),))
    return frozenset(shared)


def usable_number_way(way: NumberWay) -> bool:
    """Whether a way may make an atom: a factor's interval must stand on its own."""
    return not way[4] or way[4][2]


def _number_atom(way: NumberWay, reading: str) -> FormatNumber:
    scale, step, mode, number_format, span = way
    factor = f"{simplest_between(*span[:2]):f}" if span else ""
    if span and span[3]:
        return FormatNumber(PLACEHOLDER, number_format, reading, scale, step, mode, divisor=factor)
    return FormatNumber(PLACEHOLDER, number_format, reading, scale, step, mode, factor)


@lru_cache(maxsize=65536)
def _number_cost(way: NumberWay, reading: str, value: Decimal) -> float:
    """What a way of writing a number costs. Between as many decimals as needed and a
    fixed count: where the user dropped zeros, as many as needed ("1234.50" → "1234.5",
    "2,500" → "2.5"); else a whole number gets a fixed count ("1" → "0.001", then "790"
    → "0.790") and a number with decimals keeps as many as it has ("0.125" → "12.5").
    A product by a factor keeps the digits it has ("8" → "20.32", then "300" → "762"),
    and one shown with many digits keeps significant digits, as calculators do."""
    scale, step, mode, f, span = way
    cost = NUMBER_COST + (DECIMAL_COMMA if reading != POINTS[0] else 0.0)
    if span:
        cost += FACTOR_COST + FACTOR_DIGIT * len(simplest_between(*span[:2]).as_tuple().digits)
        cost += DIVISOR_COST if span[3] else 0.0
    if scale:
        cost += SCALE_COST + 0.1 * abs(scale)
    if step:
        cost += STEP_COST + (0.1 if step.lstrip("0.")[:1] != "1" else 0.0) + _MODE_COST[mode]
        if mode == "next" and _on_step(value.scaleb(scale), Decimal(step)):
            cost += WHOLE_STEP
    scaled = value.scaleb(scale).as_tuple()
    dropped_zeros = scaled.exponent < 0 and scaled.digits[-1] == 0
    fixed = value.as_tuple().exponent >= 0 and not dropped_zeros
    if f.significant:
        cost += CALCULATOR if span and _calculator(way, _number_atom(way, reading).transform(value)) else SIGNIFICANT_COST
    elif span:
        cost += 0.0 if f.decimals == MINIMAL else 0.05
    elif f.decimals == MINIMAL:
        cost += 0.05 if fixed else 0.0
    else:
        cost += 0.0 if fixed else 0.05
    cost += (0.1 if f.group else 0.0) + (0.1 if f.point != "." else 0.0) + (0.3 if f.exponent else 0.0)
    return cost + _NEGATIVE_COST[f.negative]


def _on_step(value: Decimal, step: Decimal) -> bool:
    """Whether a value is already a multiple of the step (its bucket starts there)."""
    try:
        return value % step == 0
    except InvalidOperation:
        return False


def _calculator(way: NumberWay, product: Decimal | None) -> bool:
    """Whether a product shows as many digits as a calculator's display: at least
    ``CALCULATOR_DIGITS`` significant digits, ``CALCULATOR_DECIMALS`` of them decimals,
    and no fewer in the factor (a rounded factor: 8 × 3.28084 → "26.2467"; not
    27 × 3.985 → "107.595", a product written exactly); a quotient, when it is cut
    (1 / 25.4 → "0.0393701")."""
    f, span = way[3], way[4]
    text = f.render(product) if product is not None else None
    if text is None or f.significant < CALCULATOR_DIGITS or _decimals(text, f.point) < CALCULATOR_DECIMALS:
        return False
    if span[3]:
        return parse_number(text, f.point) != product
    return len(simplest_between(*span[:2]).as_tuple().digits) >= f.significant


def _number_fit(way: NumberWay, reading: str, values: tuple, rows: tuple) -> float:
    """Penalty for a way of writing numbers whose outputs on the sampled rows' values
    (``rows``) are unlike the examples' (``values``): a fixed count of decimals that
    drops digits of a number reformatted as it is, where no example lost any
    ("1234567890" → "1,234,567,890" keeps the decimals of "1234.123"); a product
    written with as many decimals as it needs, where a row would need two or more
    decimals beyond the examples' ("8" → "8.86" at 1.1075 writes "67" as "74.20", not
    "74.2025"; one more is a half or a quarter: "5" → "12.7" at 2.54 writes "3" as "7.62"), or
    a quotient with no end (⊥)."""
    scale, step, _, f, span = way
    if step or f.significant or not rows:
        return 0.0
    atom = _number_atom(way, reading)
    if span:
        if f.decimals != MINIMAL or f.exponent:
            return 0.0
        shown = max((_decimals(f.render(t) or "", f.point) for t in map(atom.transform, values) if t is not None), default=0)
        unlike = (t is None or _decimals(f.render(t) or "", f.point) > shown + 1 for t in map(atom.transform, rows))
    else:
        if f.decimals == MINIMAL or any(_drops_digits(f, atom.transform(v)) for v in values):
            return 0.0
        unlike = (_drops_digits(f, t) for t in map(atom.transform, rows))
    return UNLIKE_ROWS if any(unlike) else 0.0


def _decimals(text: str, point: str) -> int:
    """How many decimals a written number shows."""
    return len(text.partition(point)[2].rstrip(")%"))


def _drops_digits(f: NumberFormat, value: Decimal | None) -> bool:
    """Whether a fixed count of decimals (of the mantissa, in scientific notation) rounds
    away digits of the value."""
    if value is None or f.decimals == MINIMAL:
        return False
    if f.exponent and value:
        value = value.scaleb(-value.adjusted())
    try:
        return value != value.quantize(Decimal(1).scaleb(-f.decimals))
    except InvalidOperation:
        return True


@dataclass(frozen=True)
class Kind:
    """One kind of value: its readings (the first is the default), how it is found in
    an input, parsed, inverted against an output, built into an atom and costed."""

    name: str
    readings: tuple[str, ...]
    #: The ways two examples share (for dates, the same ways).
    common: Callable
    find: Callable
    parse: Callable
    ways: Callable
    atom: Callable
    cost: Callable
    #: Penalty for a way that the examples' values together, or the sampled rows', argue against.
    fit: Callable
    #: Whether a way (of the examples together) may make an atom.
    usable: Callable
    #: Whether a value is read whole: one read from a part of a longer one on a sampled
    #: row ("0" of "0.5") is misread there.
    whole: bool


KINDS = (
    Kind("date", ORDERS, frozenset.intersection, find_moments, parse_moment, _date_ways, _date_atom, _date_cost,
         lambda way, reading, values, rows: 0.0, lambda way: True, False),
    Kind("number", POINTS, common_number_ways, find_numbers, parse_number, _number_ways, _number_atom, _number_cost,
         _number_fit, usable_number_way, True),
)
