"""Number formatting: how a Decimal is written, and which formats write a text.

A ``NumberFormat`` says how many decimals (a fixed count, or ``-1`` for as many as
the value needs), which thousands separator ("" for none) and which decimal mark.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache

import regex

SEPARATORS = ("", ",", ".", " ")
EXPONENTS = ("", "E", "E+")
NEGATIVES = ("-", "()", "")
_NEGATIVE_WORDS = {"-": "", "()": ", negative numbers in parentheses", "": ", without its sign"}
MINIMAL = -1


@dataclass(frozen=True, slots=True)
class NumberFormat:
    """Decimals (fixed count or MINIMAL), thousands separator, decimal mark; or, when
    ``significant`` > 0, that many significant digits written with as few decimals as
    they need (as ``%g`` does, without the exponent). ``exponent`` "E" writes the number
    in scientific notation ("1.2E3", "5E-3"), "E+" as spreadsheets do ("1.2E+03").
    ``negative`` says how a number below zero is written: "-" before it, "()" around it
    (as accountants do), or "" not at all (the size of the number)."""

    decimals: int = MINIMAL
    group: str = ""
    point: str = "."
    significant: int = 0
    exponent: str = ""
    negative: str = "-"

    def __post_init__(self) -> None:
        if self.group not in SEPARATORS or self.point not in (".", ",") or self.group == self.point:
            raise ValueError(f"bad number format: separator {self.group!r}, decimal mark {self.point!r}")
        if not isinstance(self.decimals, int) or self.decimals < MINIMAL or self.decimals > 20:
            raise ValueError(f"bad number of decimals {self.decimals!r}")
        if not isinstance(self.significant, int) or not 0 <= self.significant <= 20:
            raise ValueError(f"bad number of significant digits {self.significant!r}")
        if self.exponent not in EXPONENTS or self.exponent and (self.group or self.significant or self.negative != "-"):
            raise ValueError(f"bad scientific notation {self.exponent!r}")
        if self.negative not in NEGATIVES:
            raise ValueError(f"bad way of writing negative numbers {self.negative!r}")

    def render(self, value: Decimal) -> str | None:
        """The value written in this format (None when it is too large to write).

        >>> NumberFormat(2, ",").render(Decimal("1234.5")), NumberFormat().render(Decimal("1234.50"))
        ('1,234.50', '1234.5')
        >>> NumberFormat(0).render(Decimal("-0.4")), NumberFormat(1, ".", ",").render(Decimal("-1234567.25"))
        ('0', '-1.234.567,3')
        >>> NumberFormat(1, exponent="E").render(Decimal("99.96")), NumberFormat(exponent="E+").render(Decimal(".0025"))
        ('1.0E2', '2.5E-03')
        """
        if self.exponent:
            return self._scientific(value)
        try:
            if self.significant and value:
                last = Decimal(1).scaleb(value.adjusted() - self.significant + 1)
                value = value.quantize(last, rounding=ROUND_HALF_UP)
            if self.decimals == MINIMAL or self.significant:
                text = f"{value:f}"
                if "." in text:
                    text = text.rstrip("0").rstrip(".")
            else:
                text = f"{value.quantize(Decimal(1).scaleb(-self.decimals), rounding=ROUND_HALF_UP):f}"
        except InvalidOperation:
            return None
        negative = text.startswith("-")
        whole, _, fraction = text.lstrip("-").partition(".")
        if self.group:
            whole = _grouped(whole, self.group)
        text = whole + (self.point + fraction if fraction else "")
        if not negative or not any(ch in "123456789" for ch in text):
            return text
        return "-" + text if self.negative == "-" else f"({text})" if self.negative == "()" else text

    def _scientific(self, value: Decimal) -> str | None:
        """The value as a mantissa of one digit before the mark, and a power of ten."""
        power = value.adjusted() if value else 0
        mantissa = NumberFormat(self.decimals, "", self.point)
        text = mantissa.render(value.scaleb(-power))
        if text is not None and text.lstrip("-")[:2] == "10":
            power += 1
            text = mantissa.render(value.scaleb(-power))
        if text is None:
            return None
        if self.exponent == "E":
            return f"{text}E{power}"
        return f"{text}E{'-' if power < 0 else '+'}{abs(power):02d}"

    def describe(self) -> str:
        """The format shown on 1234.5, and its significant digits if it keeps a number of them."""
        shown = self.render(Decimal("1234" if self.decimals == 0 else "1234.5")) or ""
        if self.significant:
            shown = f"{self.significant} significant digits ({self.render(Decimal('3.14159265'))})"
        return shown + _NEGATIVE_WORDS[self.negative]


def _grouped(digits: str, group: str) -> str:
    head = len(digits) % 3 or 3
    return group.join([digits[:head]] + [digits[i:i + 3] for i in range(head, len(digits), 3)])


@lru_cache(maxsize=1)
def _output_number() -> regex.Pattern:
    """A number as the learner looks for it in an output (compiled on first use)."""
    return regex.compile(r"(\()?-?[0-9]+(?:[,. ][0-9]+)*(?:E[-+]?[0-9]+)?(\))?")


def output_number_at(out: str, i: int) -> tuple[int, ...]:
    """Ends j of the numbers that may start at ``out[i]`` (digits with separators, an
    optional minus); none when ``i`` is inside a number.

    >>> output_number_at("$1,234.50 total", 1), output_number_at("12", 1), output_number_at("30-40", 0)
    ((9, 6, 2), (), (2,))
    """
    if i > 0 and (out[i - 1].isdigit() or out[i - 1] in ",." and i > 1 and out[i - 2].isdigit()):
        return ()
    m = _output_number().match(out, i)
    if m is None or m.group(1) and not m.group(2):
        return ()
    if m.group(1):
        return (m.end(),)
    ends = [m.end() - (1 if m.group(2) else 0)]
    text = out[i:ends[0]]
    if "E" in text:
        text = text[:text.index("E")]
        ends.append(i + len(text))
    for k in range(len(text) - 1, 0, -1):
        if text[k] in ",. " and text[k - 1].isdigit():
            ends.append(i + k)
    return tuple(ends)


def formats_writing(value: Decimal, text: str) -> list[NumberFormat]:
    """Every format that writes ``value`` as ``text``, plainest first.

    >>> [f.describe() for f in formats_writing(Decimal("1234.5"), "1,234.50")]
    ['1,234.50']
    >>> [(f.decimals, f.significant) for f in formats_writing(Decimal("12.5"), "12.5")]
    [(-1, 0), (1, 0), (-1, 3)]
    """
    found = []
    if "E" in text:
        mantissa, _, power = text.partition("E")
        style = "E+" if power[:1] in "+-" and len(power) == 3 else "E"
        decimals = len(mantissa) - mantissa.find(".") - 1 if "." in mantissa else 0
        for d in (MINIMAL, decimals):
            f = NumberFormat(d, exponent=style)
            if f not in found and f.render(value) == text:
                found.append(f)
        return found
    for point in (".", ","):
        decimals = len(text.rstrip(")")) - text.rfind(point) - 1 if point in text else 0
        if point == "," and "," not in text:
            continue
        for group in SEPARATORS:
            if group == point or group and group not in text:
                continue
            digits = "".join(ch for ch in text if ch.isdigit()).lstrip("0")
            significant = range(max(1, len(digits.rstrip("0"))), len(digits) + 1)
            shapes = [(d, 0) for d in (MINIMAL, decimals)] + [(MINIMAL, n) for n in significant]
            for d, n in shapes:
                for negative in NEGATIVES if value < 0 else NEGATIVES[:1]:
                    f = NumberFormat(d, group, point, n, "", negative)
                    if f not in found and f.render(value) == text:
                        found.append(f)
    return found

