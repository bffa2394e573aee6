"""Value atoms: a date-time or a number parsed from a SubStr of the row, then written
in a learned way. A text that does not parse gives ⊥ (None), never an exception.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, Inexact, InvalidOperation, localcontext

from ..expressions import Row, StringFn, SubStr
from ..positions import CPos
from ..words import column_name
from .date_patterns import SAMPLE, Pattern, field_part, is_field, render, valid_pattern
from .date_rounding import DATE_MODES, UNITS, describe_date_rounding, describe_shift, round_moment, shift_moment
from .moments import ORDERS, parse_moment
from .number_format import MINIMAL, NumberFormat
from .number_parsing import POINTS, parse_number
from .rounding import MODES, describe_rounding, round_to


_DATE_PARTS = ("year", "month", "day", "weekday")


def _where(source: SubStr, names: tuple[str, ...] | None) -> str:
    """Where the value is read: a column, or a part of it."""
    if source.start == CPos(0) and source.end == CPos(-1) and not source.case and not source.pad:
        return column_name(source.column, names)
    return source.describe(names)


@dataclass(frozen=True, slots=True)
class FormatDate:
    """The date or time in ``source`` (read month-first or day-first, ``order``), rounded
    to the start or end of its bucket of ``step`` ``unit``s when a unit is given (see
    ``date_rounding``), written with ``pattern`` (see ``date_patterns``)."""

    source: SubStr
    pattern: Pattern
    order: str = "mdy"
    unit: str = ""
    step: int = 1
    mode: str = "down"
    #: Minutes added before rounding and writing (a time zone, "the next day").
    shift: int = 0

    def __post_init__(self) -> None:
        if not isinstance(self.shift, int):
            raise ValueError(f"bad date shift {self.shift!r}")
        if self.order not in ORDERS:
            raise ValueError(f"unknown date order {self.order!r}")
        if not valid_pattern(self.pattern):
            raise ValueError(f"bad date pattern {self.pattern!r}")
        bad_step = not isinstance(self.step, int) or self.step < 1
        if self.unit and self.unit not in UNITS or self.mode not in DATE_MODES or bad_step:
            raise ValueError(f"bad date rounding: unit {self.unit!r}, step {self.step!r}, mode {self.mode!r}")

    def evaluator(self) -> StringFn:
        read, pattern, order = self.source.evaluator(), self.pattern, self.order
        unit, step, mode, shift = self.unit, self.step, self.mode, self.shift

        def format_date(row: Row, w: int = 0) -> str | None:
            text = read(row, w)
            if text is None:
                return None
            moment = parse_moment(text, order)
            if moment is not None and shift:
                moment = shift_moment(moment, shift)
            if moment is not None and unit:
                moment = round_moment(moment, unit, step, mode)
            return None if moment is None else render(moment, pattern)

        return format_date

    def columns_used(self) -> set[int]:
        return self.source.columns_used()

    def describe(self, names: tuple[str, ...] | None = None) -> str:
        reading = ", read day first" if self.order == "dmy" else ""
        parts = {field_part(p) for p in self.pattern if is_field(p)}
        what = "month" if parts == {"month"} else "date" if parts & set(_DATE_PARTS) else "time"
        rounded = f", {describe_shift(self.shift)}" if self.shift else ""
        rounded += f", {describe_date_rounding(self.unit, self.step, self.mode)}" if self.unit else ""
        where = _where(self.source, names)
        return f"the {what} in {where}{reading}{rounded}, written as {render(SAMPLE, self.pattern)}"


@dataclass(frozen=True, slots=True)
class FormatNumber:
    """The number in ``source`` (decimal mark ``point``), times ``factor`` or divided by
    ``divisor`` when one is given (a unit conversion: 1/25.4 is no short decimal, 25.4 is),
    times 10**``scale``, rounded to a multiple of ``step`` when one is given, written
    with ``format``."""

    source: SubStr
    format: NumberFormat
    point: str = "."
    scale: int = 0
    step: str = ""
    mode: str = "nearest"
    factor: str = ""
    divisor: str = ""

    def __post_init__(self) -> None:
        if self.factor and self.divisor:
            raise ValueError("a number atom has a factor or a divisor, not both")
        for number in (self.step, self.factor, self.divisor):
            if number:
                try:
                    ok = Decimal(number).is_finite() and Decimal(number) > 0
                except InvalidOperation:
                    ok = False
                if not ok:
                    raise ValueError(f"bad number {number!r} in a number atom")
        if self.point not in POINTS or self.mode not in MODES or not -20 <= self.scale <= 20:
            raise ValueError(f"bad number atom: point {self.point!r}, mode {self.mode!r}, scale {self.scale!r}")

    @property
    def exact_quotient(self) -> bool:
        """Whether the quotient is written as it is, with every decimal it has: one that
        never ends (10 divided by 3) has no such writing and is ⊥, not 28 digits."""
        return bool(self.divisor) and not self.step and self.format.decimals == MINIMAL and not self.format.significant

    def transform(self, value: Decimal) -> Decimal | None:
        """The number after scaling and rounding (None if the arithmetic fails, or a
        quotient written with all its decimals has no end).

        >>> atom = FormatNumber(SubStr(0, CPos(0), CPos(-1)), NumberFormat(), divisor="12")
        >>> atom.transform(Decimal(30)), atom.transform(Decimal(40))
        (Decimal('2.5'), None)
        """
        if self.factor:
            value = value * Decimal(self.factor)
        if self.divisor:
            with localcontext() as context:
                context.traps[Inexact] = self.exact_quotient
                try:
                    value = value / Decimal(self.divisor)
                except Inexact:
                    return None
        if self.scale:
            value = value.scaleb(self.scale)
        if self.step:
            return round_to(value, Decimal(self.step), self.mode)
        return value

    def evaluator(self) -> StringFn:
        read, point, transform, render_number = self.source.evaluator(), self.point, self.transform, self.format.render

        def format_number(row: Row, w: int = 0) -> str | None:
            text = read(row, w)
            if text is None:
                return None
            value = parse_number(text, point)
            if value is None:
                return None
            value = transform(value)
            return None if value is None else render_number(value)

        return format_number

    def columns_used(self) -> set[int]:
        return self.source.columns_used()

    def describe(self, names: tuple[str, ...] | None = None) -> str:
        words = [f"the number in {_where(self.source, names)}"]
        if self.point == ",":
            words[0] += " (decimal comma)"
        if self.factor:
            words.append(f"times {self.factor}")
        if self.divisor:
            words.append(f"divided by {self.divisor}")
        if self.scale:
            words.append(f"times {Decimal(1).scaleb(self.scale):f}")
        if self.step:
            words.append(describe_rounding(Decimal(self.step), self.mode))
        words.append(f"written as {self.format.describe()}")
        return ", ".join(words)


VALUE_ATOMS = (FormatDate, FormatNumber)
