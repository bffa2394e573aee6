"""Symbolic position sets: every position expression that points at index t of a string.

A *descriptor* is a small tuple standing for one position expression:
``(a, b, c)`` is ``Pos(left=token a, right=token b, c)`` with token indexes into the
column's representative tokens (``EPS`` for an empty side), and ``(CPOS, k, 0)`` is
``CPos(k)``. A position set is a frozenset of descriptors, so intersecting the sets
of two examples is one C-level set intersection.
"""

from __future__ import annotations

from ..language.positions import CPos, Pos, Position, TokenSeq
from .context import ColumnTokens, Masks

EPS = -1
CPOS = -2
#: Index of StartTok and EndTok among a column's representatives (always kept first).
#: Positions never use them: CPos(0) and CPos(-1) say the same more simply.
START_INDEX, END_INDEX = 0, 1

Descriptor = tuple[int, int, int]


def position_set(masks: Masks, t: int, cache: dict[tuple[str, int], frozenset]) -> frozenset:
    """All descriptors that evaluate to ``t`` on ``masks.text``."""
    key = (masks.text, t)
    found = cache.get(key)
    if found is not None:
        return found
    n = len(masks.text)
    everywhere = masks.everywhere
    bit = 1 << t
    lefts = [i for i, m in enumerate(masks.ends) if m & bit and i > END_INDEX]
    rights = [i for i, m in enumerate(masks.starts) if m & bit and i > END_INDEX]
    lefts.append(EPS)
    rights.append(EPS)
    below = bit - 1
    out: list[Descriptor] = [(CPOS, t, 0), (CPOS, t - n - 1, 0)]
    for a in lefts:
        left_mask = masks.ends[a] if a != EPS else everywhere
        for b in rights:
            if a == EPS and b == EPS:
                continue
            m = left_mask & masks.starts[b] if b != EPS else left_mask
            out.append((a, b, (m & below).bit_count() + 1))
            out.append((a, b, -((m >> (t + 1)).bit_count() + 1)))
    found = frozenset(out)
    cache[key] = found
    return found


def evaluate(d: Descriptor, masks: Masks) -> int | None:
    """The index descriptor ``d`` points at in ``masks.text``, or None."""
    a, b, c = d
    n = len(masks.text)
    if a == CPOS:
        k = b
        if k >= 0:
            return k if k <= n else None
        return n + 1 + k if n + 1 + k >= 0 else None
    m = masks.ends[a] if a != EPS else masks.everywhere
    if b != EPS:
        m &= masks.starts[b]
    if c > 0:
        for _ in range(c - 1):
            m &= m - 1
        return (m & -m).bit_length() - 1 if m else None
    for _ in range(-c - 1):
        if not m:
            return None
        m ^= 1 << (m.bit_length() - 1)
    return m.bit_length() - 1 if m else None


def to_position(d: Descriptor, tokens: ColumnTokens) -> Position:
    """The syntax-tree position a descriptor stands for."""
    a, b, c = d
    if a == CPOS:
        return CPos(b)
    left = TokenSeq((tokens.tokens[a],)) if a != EPS else TokenSeq()
    right = TokenSeq((tokens.tokens[b],)) if b != EPS else TokenSeq()
    return Pos(left, right, c)
