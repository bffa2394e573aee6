"""Whole-trace preferences for buckets: "37" → "30-40" writes the start and the end of
the bucket of 10 that holds 37, "18:25" → "6PM to 8PM" those of its 2 hours.

Edges are chosen one at a time, so the walk cannot see that two value atoms of one
trace round the same value to the same step; these preferences look at the finished
traces.
"""

from __future__ import annotations

from dataclasses import replace

from ..language.values.atoms import FormatDate, FormatNumber
from ..language.values.date_patterns import render
from ..language.values.date_rounding import round_moment
from ..language.values.moments import find_moments
from .value_edges import ValueAtom

#: A bucket's start and end read from the same value with the same step.
BUCKET = 1.0


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
    ends = {_bucket(a) for a in atoms if _is_date(a) and a.atom.mode == "next" and a.atom.unit}
    if not ends:
        return atoms
    out = list(atoms)
    for k, a in enumerate(atoms):
        if not _is_date(a) or a.atom.unit:
            continue
        for column, start, end, unit, step in ends:
            if (column, start, end) != (a.column, a.start, a.end):
                continue
            rounded = replace(a.atom, unit=unit, step=step, mode="down")
            if all(_same_on(a.atom, rounded, ex.row[column]) for ex in examples):
                out[k] = replace(a, atom=rounded)
                break
    return out


def _is_date(a) -> bool:
    return isinstance(a, ValueAtom) and isinstance(a.atom, FormatDate)


def _same_on(plain: FormatDate, rounded: FormatDate, text: str) -> bool:
    """Whether rounding changes nothing in what the atom writes for any date of a text."""
    return all(
        render(value, plain.pattern) == render(r, plain.pattern)
        for _, _, value in find_moments(text, plain.order)
        for r in [round_moment(value, rounded.unit, rounded.step, "down")]
        if r is not None
    )
