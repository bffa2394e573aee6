"""Symbolic position sets: every position expression that points at index t of a string.

A *descriptor* is a small tuple standing for one position expression:
``(a, b, c)`` is ``Pos(left=sequence a, right=sequence b, c)`` where a sequence id is
a token index into the column's representative tokens, a pair of them (see
``pair``), or ``EPS`` for an empty side; and ``(CPOS, k, 0)`` is
``CPos(k)``; ``(SHIFT, k, 0)`` is an end k characters after the start;
``(COLUMN, 2·j + end, c)`` is ``ColumnPos(j, end, c)``, which depends on the row
(``column_anchors``) and is evaluated by the ranker on its rows. A position
set is a frozenset of descriptors, so intersecting the sets of two examples is one
C-level set intersection.
"""

from __future__ import annotations

from ..language.positions import ColumnPos, CPos, Pos, Position, TokenSeq
from .context import ColumnTokens, Masks

EPS = -1
CPOS = -2
#: ``(SHIFT, k, 0)`` is an end only: k characters after the SubStr's start (``Shift``).
SHIFT = -3
#: ``(COLUMN, 2·j + end, c)``: where column j's text starts (end 0) or ends (end 1),
#: its first copy (c = 1) or its last (c = -1).
COLUMN = -4
#: Index of StartTok and EndTok among a column's representatives (always kept first).
#: Positions never use them: CPos(0) and CPos(-1) say the same more simply.
START_INDEX, END_INDEX = 0, 1

#: Sequence ids at or above PAIR stand for two tokens: PAIR + i * PAIR_STRIDE + j.
PAIR = 1 << 20
PAIR_STRIDE = 1 << 10

Descriptor = tuple[int, int, int]


def position_set(masks: Masks, t: int, cache: dict[tuple[str, int], frozenset], special: frozenset[int] = frozenset()) -> frozenset:
    """All descriptors that evaluate to ``t`` on ``masks.text``.

    Single tokens appear on either side or both; two-token sequences (one of them a
    special character, indexes in ``special``) appear alone, with the other side empty.
    """
    key = (masks.text, t)
    found = cache.get(key)
    if found is not None:
        return found
    n = len(masks.text)
    bit = 1 << t
    lefts = [i for i, m in enumerate(masks.ends) if m & bit and i > END_INDEX]
    rights = [i for i, m in enumerate(masks.starts) if m & bit and i > END_INDEX]
    below = bit - 1
    out: list[Descriptor] = [(CPOS, t, 0), (CPOS, t - n - 1, 0)]

    def add(a: int, b: int) -> None:
        m = left_mask(masks, a) & right_mask(masks, b)
        out.append((a, b, (m & below).bit_count() + 1))
        out.append((a, b, -((m >> (t + 1)).bit_count() + 1)))

    for a in lefts + [EPS]:
        for b in rights + [EPS]:
            if a != EPS or b != EPS:
                add(a, b)
    if special:
        for j in lefts:
            u = _run_start(masks, j, t)
            for i, m in enumerate(masks.ends):
                if i > END_INDEX and m >> u & 1 and (i in special or j in special):
                    add(pair(i, j), EPS)
        for i in rights:
            u = _run_end(masks, i, t)
            for j, m in enumerate(masks.starts):
                if j > END_INDEX and m >> u & 1 and (i in special or j in special):
                    add(EPS, pair(i, j))
    found = frozenset(out)
    cache[key] = found
    return found


def column_anchors(row: tuple[str, ...], col: int) -> dict[int, frozenset]:
    """The COLUMN descriptors of ``row[col]``, by the index they point at: where each
    other non-empty column's text starts and ends, at its first and last copy.

    >>> sorted(column_anchors(("prefix", "pre"), 0).items())
    [(0, frozenset({(-4, 2, -1), (-4, 2, 1)})), (3, frozenset({(-4, 3, 1), (-4, 3, -1)}))]
    """
    text = row[col]
    found: dict[int, set] = {}
    for j, value in enumerate(row):
        if j == col or not value:
            continue
        for count, i in ((1, text.find(value)), (-1, text.rfind(value))):
            if i >= 0:
                found.setdefault(i, set()).add((COLUMN, 2 * j, count))
                found.setdefault(i + len(value), set()).add((COLUMN, 2 * j + 1, count))
    return {t: frozenset(ds) for t, ds in found.items()}


def column_anchor(d: Descriptor) -> ColumnPos:
    """The ColumnPos of a COLUMN descriptor."""
    _, b, c = d
    return ColumnPos(b // 2, bool(b % 2), c)


def pair(i: int, j: int) -> int:
    """The sequence id of token i followed by token j."""
    return PAIR + i * PAIR_STRIDE + j


def tokens_of(seq: int) -> tuple[int, ...]:
    """Token indexes of a sequence id (empty for EPS)."""
    if seq == EPS:
        return ()
    if seq < PAIR:
        return (seq,)
    return divmod(seq - PAIR, PAIR_STRIDE)


def _run_start(masks: Masks, token: int, t: int) -> int:
    """Start of the run of ``token`` that ends at t."""
    return (masks.starts[token] & ((1 << t) - 1)).bit_length() - 1


def _run_end(masks: Masks, token: int, t: int) -> int:
    """End of the run of ``token`` that starts at t."""
    later = masks.ends[token] >> (t + 1)
    return (later & -later).bit_length() + t


def left_mask(masks: Masks, seq: int) -> int:
    """Positions where the sequence ``seq`` matches a suffix of the text before them."""
    if seq == EPS:
        return masks.everywhere
    if seq < PAIR:
        return masks.ends[seq]
    found = masks.sequences.get(("L", seq))
    if found is None:
        i, j = tokens_of(seq)
        found, ends = 0, masks.ends[j]
        while ends:
            t = (ends & -ends).bit_length() - 1
            ends &= ends - 1
            if masks.ends[i] >> _run_start(masks, j, t) & 1:
                found |= 1 << t
        masks.sequences[("L", seq)] = found
    return found


def right_mask(masks: Masks, seq: int) -> int:
    """Positions where the sequence ``seq`` matches a prefix of the text after them."""
    if seq == EPS:
        return masks.everywhere
    if seq < PAIR:
        return masks.starts[seq]
    found = masks.sequences.get(("R", seq))
    if found is None:
        i, j = tokens_of(seq)
        found, starts = 0, masks.starts[i]
        while starts:
            t = (starts & -starts).bit_length() - 1
            starts &= starts - 1
            if masks.starts[j] >> _run_end(masks, i, t) & 1:
                found |= 1 << t
        masks.sequences[("R", seq)] = found
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
    m = left_mask(masks, a) & right_mask(masks, b)
    if c > 0:
        for _ in range(c - 1):
            m &= m - 1
        return (m & -m).bit_length() - 1 if m else None
    for _ in range(-c - 1):
        if not m:
            return None
        m ^= 1 << (m.bit_length() - 1)
    return m.bit_length() - 1 if m else None


def evaluate_in_row(d: Descriptor, masks: Masks, row: tuple[str, ...], col: int) -> int | None:
    """Like ``evaluate`` on ``row[col]`` (whose masks are ``masks``), COLUMN descriptors
    included, which read the row's other columns."""
    if d[0] == COLUMN:
        return column_anchor(d).row_evaluator()(row[col], row)
    return evaluate(d, masks)


def token_seq(seq: int, tokens: ColumnTokens) -> TokenSeq:
    """The syntax-tree token sequence of a sequence id."""
    return TokenSeq(tuple(tokens.tokens[i] for i in tokens_of(seq)))


def to_position(d: Descriptor, tokens: ColumnTokens) -> Position:
    """The syntax-tree position a descriptor stands for."""
    a, b, c = d
    if a == CPOS:
        return CPos(b)
    if a == COLUMN:
        return column_anchor(d)
    return Pos(token_seq(a, tokens), token_seq(b, tokens), c)
