"""Number value steps as spreadsheet formulas: read a number out of a text, scale and
round it, write it with a learned format, exactly as `flashfill.language.values` does.

A number is carried as an integer ``N`` (a formula) and a power of ten ``e`` (a formula,
or a constant once a rounding step fixed it): the value is N·10^e, as a Decimal holds
it. Reading never goes through VALUE on a text with a decimal mark or a sign (which
depends on the spreadsheet's locale): the text is checked against the language's own
number grammar (`number_parsing`, with the dialect's regex functions), and its digits
alone become N (VALUE of ASCII digits, the same in every locale). Rounding divides
integers and takes INT or ROUND of the quotient; writing turns an integer into its
digits with FIXED(n;0;TRUE) (no decimals, no separators: no locale) and inserts the
decimal mark, the zeros and the thousands separators with regex replacements.

What is assumed: the spreadsheet holds integers up to 10^14 exactly in every step, so
the translation is exact while a number has at most 14 significant digits and the
integers it becomes — the number times its factor, and the number in units of the
rounding step or of the last decimal written — stay below 10^14 (15 digits would
already let INT and ROUND in Calc round before they cut). A number read with more
significant digits, or written with more digits than that in a fixed count of
decimals, is an error (a blank cell) rather than digits a spreadsheet cannot hold
(a 16-digit card number stays blank, it is not written with its last digits changed).
A formula longer than a cell takes raises `ExportError` (`formula.MAX_FORMULA`).
"""


from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from flashfill.errors import ExportError
from flashfill.language.values import number_parsing
from flashfill.language.values.number_format import MINIMAL, NumberFormat

from . import ir
from .patterns import TOKEN_CLASSES
from .value_regex import respell

if TYPE_CHECKING:
    from .formula import FormulaPrinter

Power = int | str

#: The most significant digits a formula's integers hold exactly.
EXACT_DIGITS = 14
#: A quotient written with every digit it has: up to the 28 a Decimal holds.
_ENDLESS = "a quotient written with all its decimals has more digits than a spreadsheet holds"
#: A run of digits with at most ``EXACT_DIGITS`` significant ones (leading zeros aside).
_EXACT = r"^0*[0-9]{1,%d}\z" % EXACT_DIGITS


@dataclass(frozen=True, slots=True)
class Value:
    """A number in a formula: the integer ``digits`` divided by the constant ``divisor``
    times 10 to ``power``, defined when ``check`` (a condition, "" for always) holds;
    ``grown`` when a product may have more digits than the number read."""

    digits: str
    power: Power
    check: str = ""
    divisor: int = 1
    grown: bool = False


def integer_and_power(numeral: str) -> tuple[int, int]:
    """A positive decimal numeral as (integer, power of ten), the integer without trailing zeros.

    >>> integer_and_power("2.54"), integer_and_power("1000"), integer_and_power("0.5")
    ((254, -2), (1, 3), (5, -1))
    """
    sign, digits, exponent = Decimal(numeral).normalize().as_tuple()
    assert not sign and isinstance(exponent, int)
    return int("".join(map(str, digits))), exponent


def without_twos_and_fives(divisor: int) -> int:
    """The divisor with its prime factors 2 and 5 taken out: what a quotient with an end
    needs to divide the number.

    >>> without_twos_and_fives(12), without_twos_and_fives(254), without_twos_and_fives(40)
    (3, 127, 1)
    """
    for prime in (2, 5):
        while divisor % prime == 0:
            divisor //= prime
    return divisor


def reciprocal(divisor: int) -> tuple[int, int]:
    """(m, k) with 1/divisor = m·10^-k when the divisor has no prime factor but 2 and 5,
    else (0, 0).

    >>> reciprocal(8), reciprocal(5), reciprocal(254)
    ((125, 3), (2, 1), (0, 0))
    """
    rest, places = divisor, 0
    while rest % 10 == 0:
        rest, places = rest // 10, places + 1
    twos = fives = 0
    while rest % 2 == 0:
        rest, twos = rest // 2, twos + 1
    while rest % 5 == 0:
        rest, fives = rest // 5, fives + 1
    if rest != 1:
        return 0, 0
    k = max(twos, fives)
    return 10 ** k // (2 ** twos * 5 ** fives), k + places


def digit_run(node: ir.Text) -> bool:
    """Whether ``node`` is the first or the last whole run of digits of a column (the
    language's number token), whose text is digits only.

    >>> digit_run(ir.FirstMatch(0, (TOKEN_CLASSES["digits"], "+"))), digit_run(ir.Whole(0))
    (True, False)
    """
    if not isinstance(node, ir.FirstMatch):
        return False
    digit = TOKEN_CLASSES["digits"]
    return node.pattern in ((digit, "+"), (digit, "+", "(?!(?s:.*)", digit, ")"))


def _add(power: Power, k: int) -> Power:
    if isinstance(power, int):
        return power + k
    return power if k == 0 else f"({power}{'+' if k > 0 else '-'}{abs(k)})"


def _negated(power: Power) -> Power:
    return -power if isinstance(power, int) else f"-({power})"


def _escaped(mark: str) -> str:
    return "\\." if mark == "." else mark


class NumberFormulas:
    """Spells the number value nodes for one formula printer (its dialect and cells).

    >>> from flashfill.codegen.libreoffice import formula
    >>> run = ir.FirstMatch(0, (TOKEN_CLASSES["digits"], "+"))  # the first number of A2
    >>> print(formula(ir.WriteNumber(ir.ReadNumber(run, "."), NumberFormat(0, ",")), ["A2"]))
    =IFERROR(IF(NOT(ISNA(REGEX(REGEX(A2;"\\d+");"^0*[0-9]{1,14}\\z")));REGEX(REGEX(REGEX(FIXED((VALUE(REGEX(A2;"\\d+")));0;\
TRUE);"^-?[0-9]{1,14}\\z");"^-(?=[^1-9]*\\z)";"";"g");"[0-9](?=(?:[0-9]{3})+\\z)";"$0,";"g");NA());"")
    """

    def __init__(self, printer: "FormulaPrinter") -> None:
        self.printer = printer
        self.call = printer.call
        self.sep = printer.sep

    # -------------------------------------------------------------- regexes

    def extract(self, text: str, pattern: str) -> str:
        return self.printer.dialect.extract.format(text=text, pattern=self.printer.string(pattern), sep=self.sep)

    def test(self, text: str, pattern: str) -> str:
        return self.printer.dialect.test.format(text=text, pattern=self.printer.string(pattern), sep=self.sep)

    def replace(self, text: str, pattern: str, replacement: str) -> str:
        """Every match of the constant ``pattern`` replaced by the constant ``replacement``."""
        q = self.printer.string
        return self.replace_by(text, q(pattern), q(replacement))

    def replace_by(self, text: str, pattern: str, replacement: str) -> str:
        """The same with a pattern and a replacement that are formula texts."""
        return self.printer.dialect.replace.format(text=text, pattern=pattern, replacement=replacement, sep=self.sep)

    # -------------------------------------------------------------- numbers

    def value(self, node: ir.Number) -> Value:
        if isinstance(node, ir.ReadNumber):
            return self.read(node)
        if isinstance(node, ir.Scale):
            inner = self.value(node.value)
            digits, power, grown = inner.digits, _add(inner.power, node.power), inner.grown
            if node.factor:
                factor, factor_power = integer_and_power(node.factor)
                digits, grown = (digits, grown) if factor == 1 else (f"{digits}*{factor}", True)
                power = _add(power, factor_power)
            if node.divisor:
                divisor, divisor_power = integer_and_power(node.divisor)
                check, odd = inner.check, without_twos_and_fives(divisor)
                if node.exact and odd != 1:
                    # A quotient with an end: the divisor's other factors divide N, and go.
                    ends = f"{self.call('MOD', digits, odd)}=0"
                    check = self.call("AND", check, ends) if check else ends
                    digits, divisor = f"{digits}/{odd}", divisor // odd
                times, places = reciprocal(divisor)
                if times:  # a divisor of twos and fives: a product by a short decimal
                    return Value(digits if times == 1 else f"{digits}*{times}", _add(power, -divisor_power - places),
                                 check, grown=grown or times != 1)
                return Value(digits, _add(power, -divisor_power), check, divisor, grown)
            return Value(digits, power, inner.check, grown=grown)
        assert isinstance(node, ir.RoundNumber)
        inner = self.value(node.value)
        step, step_power = integer_and_power(node.step)
        units = self.units(inner, _add(inner.power, -step_power), step, node.mode)
        return Value(units if step == 1 else f"{units}*{step}", step_power, inner.check, grown=inner.grown)

    def read(self, node: ir.ReadNumber) -> Value:
        """The text's number, when the whole text spells one (``number_parsing.parse_number``)."""
        text, point = self.printer.text(node.text), node.point
        if digit_run(node.text):
            # A run of digits has no sign, mark or exponent: a number when its digits are ASCII.
            return Value(self.call("VALUE", text), 0, self.test(text, _EXACT))
        whole = respell(number_parsing._whole(point).pattern).numbered
        p = _escaped(point)
        # At most one sign before the digits, and a parenthesis only with its partner.
        valid = rf"^(?![^0-9{p}]*[-+−][^0-9{p}]*[-+−])(?![^(]*\))(?![^(]*\([^)]*\z)(?:{whole})\z"
        negative = self.test(text, rf"^[^0-9{p}]*[-−(]")  # a minus or a parenthesis before the digits
        digits = self.replace(self.extract(text, number_parsing._NUMBER[point]), "[^0-9]", "")
        digits = self.extract(digits, _EXACT)  # an error beyond the digits a spreadsheet holds
        fraction = self.call("IFERROR", self.call("LEN", self.extract(text, rf"(?<={p})[0-9]+")), 0)
        up = self.call("IFERROR", self.call("VALUE", self.extract(text, r"(?<=[0-9][eE]|[0-9][eE]\+)[0-9]+")), 0)
        down = self.call("IFERROR", self.call("VALUE", self.extract(text, r"(?<=[0-9][eE]-)[0-9]+")), 0)
        return Value(f"(1-2*{negative})*{self.call('VALUE', digits)}", f"({up}-{down}-{fraction})",
                     self.test(text, valid))

    def units(self, value: Value, power: Power, step: int, mode: str) -> str:
        """value / (step·10^(value's power - ``power``)) rounded to an integer in ``mode``."""
        if value.divisor != 1:
            return self.divided_units(value, power, step, mode)
        if isinstance(power, int):
            top = value.digits if power <= 0 else f"{value.digits}*10^{power}"
            bottom = str(step) if power >= 0 else f"{step}*10^{-power}" if step != 1 else f"10^{-power}"
        else:
            top = f"{value.digits}*10^{self.call('MAX', power, 0)}"
            bottom = f"10^{self.call('MAX', _negated(power), 0)}"
            bottom = bottom if step == 1 else f"{step}*{bottom}"
        if bottom == "1":  # a whole number of units already: only "next" moves it
            return f"({top}+1)" if mode == "next" else f"({top})"
        quotient = f"({top})/({bottom})"
        if mode == "nearest":
            return self.call("ROUND", quotient, 0)
        if mode == "up":
            return f"-{self.call('INT', f'-{quotient}')}"
        floor = self.call("INT", quotient)
        return f"({floor}+1)" if mode == "next" else floor

    def divided_units(self, value: Value, power: Power, step: int, mode: str) -> str:
        """N·10^``power`` / (step·D) rounded in ``mode``, for N = value.digits and D its
        divisor, by long division: with A = |N| and B = step·D·10^max(-power, 0), the
        quotient is Q·10^J + R·10^J/B for Q, R = QUOTIENT, MOD of A by B and J =
        max(power, 0); only R·10^J/B is a fraction, and it is rounded exactly while
        R·10^J < min(A, B)·10^J stays below 10^14 (beyond, the cell is blank)."""
        n = value.digits
        if isinstance(power, int):
            scale, bottom = 10 ** max(power, 0), str(step * value.divisor * 10 ** max(-power, 0))
            shifted = "" if scale == 1 else f"*{scale}"
            limit = f"{10 ** EXACT_DIGITS // scale}" if scale > 1 else f"1E{EXACT_DIGITS}"
        else:
            shifted = f"*10^{self.call('MAX', power, 0)}"
            bottom = f"({step * value.divisor}*10^{self.call('MAX', _negated(power), 0)})"
            limit = f"1E{EXACT_DIGITS}/10^{self.call('MAX', power, 0)}"
        whole = f"{self.call('QUOTIENT', self.call('ABS', n), bottom)}{shifted}"
        part = f"{self.call('MOD', self.call('ABS', n), bottom)}{shifted}/{bottom}"
        sign = self.call("SIGN", n)
        if mode == "nearest":
            units = f"{sign}*({whole}+{self.call('ROUND', part, 0)})"
        elif mode == "up":
            units = f"({sign}*{whole}-{self.call('INT', f'-{sign}*{part}')})"
        else:
            units = f"({sign}*{whole}+{self.call('INT', f'{sign}*{part}')}{'+1' if mode == 'next' else ''})"
        held = f"{self.call('MIN', self.call('ABS', n), bottom)}<{limit}"
        return self.call("IF", held, units, "NA()")

    def divided_significant(self, value: Value, count: int) -> Value:
        """N/D·10^e rounded to ``count`` significant digits: with m = ⌊log10(|N|/D)⌋ (from
        the digit counts of |N| and D and whether |N|'s leading digits are D's or more),
        the quotient in units of 10^(m + e - count + 1)."""
        n, d = value.digits, value.divisor
        length = self.call("LEN", self.call("FIXED", self.call("ABS", n), 0, "TRUE"))
        places = len(str(d))
        leading = f"{Decimal(d).scaleb(-places):f}"
        order = f"({length}-{places + 1}+({self.call('ABS', n)}/10^{length}>={leading}))"
        digits = self.divided_units(value, f"({count - 1}-{order})", 1, "nearest")
        return Value(digits, f"({value.power}+{order}-{count - 1})", value.check)

    # -------------------------------------------------------------- writing

    def write(self, node: ir.WriteNumber) -> str:
        """The number written in the node's format (``NumberFormat.render``)."""
        fmt: NumberFormat = node.format
        value = self.value(node.value)
        if fmt.exponent:
            return self.scientific(value, fmt)
        if fmt.significant:
            value = self.significant(value, fmt.significant)
        minimal = fmt.decimals == MINIMAL or fmt.significant > 0
        if value.divisor != 1 and minimal:
            raise ExportError(_ENDLESS)
        point = _escaped(fmt.point)
        if minimal:
            # Every digit of N, the zeros of a positive power, the mark before the last -e digits.
            text = self.call("FIXED", value.digits, 0, "TRUE")
            if value.grown:  # a product beyond the digits held exactly is an error, not other digits
                text = self.extract(text, r"^-?[0-9]{1,%d}\z" % EXACT_DIGITS)
            if isinstance(value.power, int):
                text = f'{text}&"{"0" * max(value.power, 0)}"' if value.power > 0 else text
                decimals: Power = max(-value.power, 0)
            else:
                text = f'{text}&{self.call("REPT", self.printer.string("0"), self.call("MAX", value.power, 0))}'
                decimals = self.call("MAX", _negated(value.power), 0)
        else:
            decimals = fmt.decimals
            text = self.call("FIXED", self.units(value, _add(value.power, fmt.decimals), 1, "nearest"), 0, "TRUE")
            text = self.extract(text, r"^-?[0-9]{1,%d}\z" % EXACT_DIGITS)  # as many digits as are held exactly
        if minimal or decimals:
            text = self.with_mark(text, decimals, fmt.point)
        text = self.replace(text, r"^-(?=[^1-9]*\z)", "")  # no sign on a zero
        if fmt.group:
            ahead = rf"(?=(?:[0-9]{{3}})+{point})" if minimal or decimals else r"(?=(?:[0-9]{3})+\z)"
            text = self.replace(text, "[0-9]" + ahead, "$0" + fmt.group)
        if minimal:
            text = self.replace(text, rf"{point}?0*\z", "")
        if fmt.negative == "()":
            text = self.replace(text, r"^-(.*)\z", "($1)")
        elif fmt.negative == "":
            text = self.replace(text, "^-", "")
        if value.check:
            text = self.call("IF", value.check, text, "NA()")
        return text

    def scientific(self, value: Value, fmt: NumberFormat) -> str:
        """The value as a mantissa of one digit before the mark and a power of ten
        (``NumberFormat._scientific``): with d decimals, the value cut to d+1 significant
        digits, whose digits are the mantissa's (a carry, 9.99 → 10.0, lengthens them
        by one, and the power grows by one with their count)."""
        q, point = self.printer.string, fmt.point
        if fmt.decimals != MINIMAL:
            value = self.significant(value, fmt.decimals + 1)
            digits = f'{self.call("FIXED", value.digits, 0, "TRUE")}&{q("0" * (fmt.decimals + 1))}'
            after = "([0-9]{%d})" % fmt.decimals if fmt.decimals else ""
            keep = "$1" + (point + "$2" if fmt.decimals else "")
            mantissa = self.replace(digits, rf"^(-?[0-9]){after}[0-9]*\z", keep)
        else:
            if value.divisor != 1:
                raise ExportError(_ENDLESS)
            digits = self.call("FIXED", value.digits, 0, "TRUE")
            if value.grown:
                digits = self.extract(digits, r"^-?[0-9]{1,%d}\z" % EXACT_DIGITS)
            mantissa = self.replace(digits, r"^(-?[0-9])([0-9]*?)0*\z", "$1" + point + "$2")
            mantissa = self.replace(mantissa, rf"{_escaped(point)}\z", "")
        mantissa = self.replace(mantissa, r"^-(?=[^1-9]*\z)", "")
        length = self.call("LEN", self.call("FIXED", self.call("ABS", value.digits), 0, "TRUE"))
        power = f"({length}-1+{value.power})*({value.digits}<>0)&{q('')}"
        if fmt.exponent == "E+":
            power = self.replace(self.replace(power, "^(?!-)", "+"), r"(?<=^[-+])(?=[0-9]\z)", "0")
        text = f'{mantissa}&{q("E")}&{power}'
        return self.call("IF", value.check, text, "NA()") if value.check else text

    def significant(self, value: Value, count: int) -> Value:
        """The value rounded (halves away from zero) to ``count`` significant digits: its
        integer cut to that many digits, the power raised by the digits cut."""
        if value.divisor != 1:
            return self.divided_significant(value, count)
        length = self.call("LEN", self.call("FIXED", self.call("ABS", value.digits), 0, "TRUE"))
        cut = self.call("MAX", f"{length}-{count}", 0)
        digits = self.call("ROUND", f"{value.digits}/10^{cut}", 0)
        return Value(digits, f"({value.power}+{cut})", value.check)

    def with_mark(self, text: str, decimals: Power, mark: str) -> str:
        """The digits of ``text`` (an integer, perhaps with a minus) with ``mark`` before
        the last ``decimals`` of them, zeros added in front so one stays before it."""
        if isinstance(decimals, int):
            padded = self.replace(text, "^(-?)", "$1" + "0" * decimals) if decimals else text
            return self.replace(padded, "^(-?)0*([0-9]+?)([0-9]{%d})\\z" % decimals, "$1$2" + mark + "$3")
        q = self.printer.string
        padded = self.replace_by(text, q("^(-?)"), f'{q("$1")}&{self.call("REPT", q("0"), decimals)}')
        head, tail = q("^(-?)0*([0-9]+?)([0-9]{"), q("})\\z")
        pattern = f"{head}&{decimals}&{tail}"
        return self.replace_by(padded, pattern, q("$1$2" + mark + "$3"))
