"""Rounding a number to a step, and the bounds of the bucket it falls in.

Modes: ``nearest`` (halves away from zero, as people round), ``down`` (floor),
``up`` (ceiling), and ``next`` (the upper bound of the bucket the floor starts:
37 → 40 with step 10, and 40 → 50, so "37" → "30-40" is ``down`` and ``next``).
"""

from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal, InvalidOperation

MODES = ("nearest", "down", "up", "next")
_ROUNDING = {"nearest": ROUND_HALF_UP, "down": ROUND_FLOOR, "up": ROUND_CEILING, "next": ROUND_FLOOR}
_WORDS = {"nearest": "rounded to the nearest", "down": "rounded down to a multiple of",
          "up": "rounded up to a multiple of", "next": "the end of its bucket of"}


def round_to(value: Decimal, step: Decimal, mode: str) -> Decimal | None:
    """``value`` rounded to a multiple of ``step`` (None if the arithmetic overflows).

    >>> [str(round_to(Decimal("37"), Decimal(10), m)) for m in MODES]
    ['40', '30', '40', '40']
    >>> str(round_to(Decimal("40"), Decimal(10), "next")), str(round_to(Decimal("2.45"), Decimal("0.1"), "nearest"))
    ('50', '2.5')
    """
    try:
        units = (value / step).to_integral_value(rounding=_ROUNDING[mode])
        if mode == "next":
            units += 1
        return units * step
    except (InvalidOperation, OverflowError):
        return None


def describe_rounding(step: Decimal, mode: str) -> str:
    """The rounding in words ("rounded down to a multiple of 10")."""
    if mode == "nearest":
        return f"{_WORDS[mode]} {step:f}" if step >= 1 else f"rounded to {_places(step)}"
    return f"{_WORDS[mode]} {step:f}"


def _places(step: Decimal) -> str:
    places = -step.normalize().as_tuple().exponent
    return "1 decimal" if places == 1 else f"{places} decimals" if step == Decimal(1).scaleb(-places) else f"{step:f}"
