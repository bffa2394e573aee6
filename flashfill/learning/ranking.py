"""How programs are ranked: a score per atom (higher is better), summed along a path.

The preferences (DESIGN.md §4): fewer atoms; SubStr over ConstStr; token positions
over constant positions; StartTok/EndTok; general tokens; small occurrence counts;
and, from the unlabeled rows, positions and atoms that are defined on every row.
"""

from __future__ import annotations

from bisect import bisect_left
from heapq import heapify, heappop

from ..language.tokens import SPECIAL_CHARACTERS, Token
from .context import ColumnTokens, Masks
from .position_sets import COLUMN, CPOS, EPS, PAIR, SHIFT, Descriptor, evaluate_in_row, left_mask, right_mask, tokens_of

ATOM_COST = 1.0
#: ConstStr cost per character: letters, digits and symbols typed by hand are unlikely
#: to be constant, punctuation and spaces are likely to be.
CONST_ALNUM_CHAR = 2.5
CONST_OTHER_CHAR = 0.25
#: A SubStr that copies only punctuation or spaces is usually a constant in disguise.
SUB_PUNCTUATION = 0.6
CASE_CHANGE = 0.4
#: Penalty for a position undefined on every sampled row (scaled by the fraction).
UNDEFINED = 2.0
CONSTANT_POSITION = 1.5
#: An end a fixed number of characters after the start ("the first letter of the
#: word"): dearer than an end at a token, which says more about the data.
SHIFT_COST = 1.0
SHIFT_CHAR = 0.5
#: Where another column's text starts or ends: as specific as a word of the data.
COLUMN_ANCHOR = 0.3
OCCURRENCE = 0.25
TWO_SIDED = 0.1
#: Extra cost of a two-token sequence over its tokens' own costs.
SEQUENCE = 0.15

_TOKEN_COST = {
    "start": 0.0, "end": 0.0,
    "digits": 0.05, "letters": 0.05, "alphanumeric": 0.15, "upper": 0.2, "lower": 0.2,
    "proper": 0.25, "whitespace": 0.1,
    "non-whitespace": 0.35, "non-digits": 0.4, "non-letters": 0.4, "non-alphanumeric": 0.4,
}
_CHAR_COST = 0.12
_LITERAL_COST = 0.3
#: A word of the data ("Inc", "aka": in every example and most rows) just beyond the
#: separator next to a place names it as well as the ends of the text do ("up to ' Inc'").
LITERAL_PAIR = 0.0


def token_cost(token: Token) -> float:
    if token.kind == "char":
        return _CHAR_COST
    if token.kind == "literal":
        return _LITERAL_COST
    return _TOKEN_COST[token.value if token.kind == "class" else token.kind]


def is_separator(ch: str) -> bool:
    """Punctuation and spaces: the characters users type as fixed separators."""
    return ch in SPECIAL_CHARACTERS or ch.isspace()


def const_score_of(length: int, separators: int) -> float:
    """The score of a ConstStr of ``length`` characters, ``separators`` of them separators."""
    return -ATOM_COST - CONST_OTHER_CHAR * separators - CONST_ALNUM_CHAR * (length - separators)


WHOLE_RUN = 0.08
#: For the start of a copy that reaches the end of the input in every example: pointing
#: after other separators than in the examples ("Rosa O'Brien" → "Brien" where "Ana Smith"
#: gave "Smith") costs, per sampled row (as a share of the sample), as much as no value, and
#: a little on top once any row does: one such row is enough to doubt the reading.
OTHER_CONTEXT = UNDEFINED
SOME_OTHER_CONTEXT = 0.25
#: Tie-break between equally simple positions, e.g. the first and the last '.' of
#: "happy.jpg": a prefix keeps as much as it can (the last), a suffix too (the first),
#: and anything else counts from the left ("the first number", as people say).
ANCHOR_TIE = 0.01
PAIR_CANDIDATES = 4


class PositionRanker:
    """Scores descriptors of one column, and picks the best of a set, using the sample."""

    def __init__(self, tokens: ColumnTokens, rows: list[tuple[str, ...]], column: int) -> None:
        self.costs = [token_cost(t) for t in tokens.tokens]
        self.kinds = [t.kind for t in tokens.tokens]
        self.separators = [t.kind == "char" or t == Token("class", "whitespace") for t in tokens.tokens]
        #: The sampled rows (COLUMN descriptors read their other columns), this
        #: column's index, and the masks of this column's text in each row.
        self.rows = rows
        self.column = column
        self.sample: list[Masks] = [tokens.masks(row[column]) for row in rows]
        self._values: dict[Descriptor, tuple[int | None, ...]] = {}
        self._priors: dict[Descriptor, float] = {}
        self._data: dict[Descriptor, float] = {}
        self._ranked: dict[tuple[frozenset, int, int], list[tuple[float, Descriptor]]] = {}
        self._pairs: dict[tuple[frozenset, frozenset], tuple[float, Descriptor, Descriptor]] = {}
        self._pair_scores: dict[tuple[Descriptor, Descriptor], float] = {}
        self._contexts: dict[tuple[Descriptor, str], float] = {}
        self._top_priors: dict[frozenset, float] = {}
        #: Per sampled row, ``left_context`` at each index (computed when first needed).
        self._left: list[list[str]] | None = None
        #: Per pair of sequences, how many times they meet in each sampled row, in order.
        self._meetings: dict[tuple[int, int], list[int]] = {}

    def prior(self, d: Descriptor) -> float:
        """The descriptor's score before the data is looked at (cached)."""
        found = self._priors.get(d)
        if found is None:
            found = self._priors[d] = self._prior(d)
        return found

    def _prior(self, d: Descriptor) -> float:
        a, b, c = d
        if a == SHIFT:
            return -SHIFT_COST - SHIFT_CHAR * (b - 1)
        if a == CPOS:
            if b in (0, -1):
                return 0.0
            return -CONSTANT_POSITION - 0.1 * min(abs(b if b > 0 else b + 1), 10)
        if a == COLUMN:
            return -COLUMN_ANCHOR
        score = -OCCURRENCE * (abs(c) - 1) - self.sequence_cost(a, True) - self.sequence_cost(b)
        if a != EPS and b != EPS:
            score -= TWO_SIDED
        return score

    def sequence_cost(self, seq: int, left: bool = False) -> float:
        """The cost of a token sequence on the ``left`` of a place, or on its right."""
        if seq == EPS:
            return 0.0
        if seq < PAIR:
            return self.costs[seq]
        i, j = tokens_of(seq)
        near, far = (j, i) if left else (i, j)
        if self.kinds[far] == "literal" and self.separators[near]:
            return LITERAL_PAIR
        return self.costs[i] + self.costs[j] + SEQUENCE

    def top_prior(self, positions: frozenset) -> float:
        """The best prior of a set of descriptors (cached)."""
        found = self._top_priors.get(positions)
        if found is None:
            found = self._top_priors[positions] = max(map(self.prior, positions))
        return found

    def values(self, d: Descriptor) -> tuple[int | None, ...]:
        """Where the descriptor points in each sampled row (None where undefined)."""
        found = self._values.get(d)
        if found is None:
            found = tuple(evaluate_in_row(d, m, row, self.column) for m, row in zip(self.sample, self.rows))
            self._values[d] = found
        return found

    def data(self, d: Descriptor) -> float:
        """Penalty for rows of the sample on which the descriptor is undefined (cached)."""
        found = self._data.get(d)
        if found is None:
            if not self.sample or d[0] == SHIFT:
                found = 0.0
            else:
                found = -UNDEFINED * self._missing(d) / len(self.sample)
            self._data[d] = found
        return found

    def _missing(self, d: Descriptor) -> int:
        """On how many sampled rows the descriptor is undefined: where its sequences meet
        fewer times than its occurrence asks (counted once per pair of sequences)."""
        a, b, c = d
        if a == COLUMN:
            return self.values(d).count(None)
        if a == CPOS:
            return sum(1 for m in self.sample if (b > len(m.text) if b >= 0 else len(m.text) + 1 + b < 0))
        counts = self._meetings.get((a, b))
        if counts is None:
            counts = self._meetings[(a, b)] = sorted(
                (left_mask(m, a) & right_mask(m, b)).bit_count() for m in self.sample
            )
        return bisect_left(counts, abs(c))

    def ranked(
        self, positions: frozenset, lean: int = 0, size: int = PAIR_CANDIDATES, before: str | None = None
    ) -> list[tuple[float, Descriptor]]:
        """The best few descriptors of a set, best first; ``lean`` > 0 favours counting from
        the left, < 0 from the right, among otherwise equal descriptors; with ``before``
        (see ``context``), places after other text than the examples' cost more."""
        key = (positions, lean, size, before)
        found = self._ranked.get(key)
        if found is not None:
            return found
        heap = [(-(self.prior(d) + lean * ANCHOR_TIE * _sign(d)), d) for d in positions]
        heapify(heap)  # best prior first, as sorted by (-prior, descriptor)
        out: list[tuple[float, Descriptor]] = []
        while heap:
            negated, d = heappop(heap)
            prior = -negated
            if len(out) >= size and prior <= out[-1][0]:
                break
            out.append((prior + self.data(d) + self.context(d, before), d))
            out.sort(key=lambda x: (-x[0], x[1]))
            out = out[:size]
        self._ranked[key] = out
        return out

    def context(self, d: Descriptor, before: str | None) -> float:
        """Penalty for the sampled rows where the descriptor points after other separators
        than ``before`` (``left_context`` of the examples' place, when there are some), where
        it is defined: right after a letter, a digit or the start of the text is no other."""
        if not before or not self.sample:
            return 0.0
        key = (d, before)
        found = self._contexts.get(key)
        if found is None:
            if self._left is None:
                self._left = [[left_context(m.text, t) for t in range(len(m.text) + 1)] for m in self.sample]
            other = sum(1 for t, left in zip(self.values(d), self._left) if t is not None and left[t] not in ("", before))
            found = self._contexts[key] = -(OTHER_CONTEXT * other / len(self.sample) + (SOME_OTHER_CONTEXT if other else 0.0))
        return found

    def best_pair(self, starts: frozenset, ends: frozenset, before: str | None = None) -> tuple[float, Descriptor, Descriptor]:
        """The best (start, end) descriptors for one SubStr, judged together on the sample:
        the substring must be defined (start ≤ end) where both positions are. A prefix
        of the input counts its end from the right; otherwise positions that are
        equally simple count from the left. A copy that reaches the end of the input in
        every example is the rest of the text after what precedes it there (``before``):
        a start that follows other separators on the sampled rows costs more."""
        if not before or (CPOS, -1, 0) not in ends:
            before = None
        key = (starts, ends, before)
        found = self._pairs.get(key)
        if found is not None:
            return found
        prefix, suffix = (CPOS, 0, 0) in starts, (CPOS, -1, 0) in ends
        first = self.ranked(starts, 1, before=before)
        last = self.ranked(ends, -1 if prefix and not suffix else 1)
        best = None
        for _, d1 in first:
            after = self.context(d1, before)
            for _, d2 in last:
                if best is not None and self._pair_bound(d1, d2) + after <= best[0]:
                    continue
                score = self.pair_score(d1, d2) + after
                if best is None or score > best[0]:
                    best = (score, d1, d2)
        self._pairs[key] = best
        return best

    def _undefined(self, d1: Descriptor, d2: Descriptor) -> float:
        """Penalty for the sampled rows where the substring from ``d1`` to ``d2`` is
        undefined (either end missing, or the start after the end), each row once."""
        if not self.sample:
            return 0.0
        if d1 == (CPOS, 0, 0):
            return self.data(d2)
        if d2 == (CPOS, -1, 0):
            return self.data(d1)
        if d2[0] == SHIFT:
            k = d2[1]
            missing = sum(1 for a, m in zip(self.values(d1), self.sample) if a is None or a + k > len(m.text))
            return -UNDEFINED * missing / len(self.sample)
        missing = sum(1 for a, b in zip(self.values(d1), self.values(d2)) if a is None or b is None or a > b)
        return -UNDEFINED * missing / len(self.sample)

    def _pair_bound(self, d1: Descriptor, d2: Descriptor) -> float:
        """An upper bound of ``pair_score(d1, d2)`` from what is cached per descriptor: the
        substring is undefined on at least the rows where either end is."""
        return self.prior(d1) + self.prior(d2) + min(self.data(d1), self.data(d2)) + self._whole(d1, d2)

    @staticmethod
    def _whole(d1: Descriptor, d2: Descriptor) -> float:
        """Bonus when start and end are the two ends of the same run ("the 2nd number")."""
        return WHOLE_RUN if is_whole_run(d1, d2) else 0.0

    def pair_score(self, d1: Descriptor, d2: Descriptor) -> float:
        """The score ``best_pair`` gives one particular (start, end) choice (cached)."""
        key = (d1, d2)
        found = self._pair_scores.get(key)
        if found is None:
            found = self._pair_scores[key] = self.prior(d1) + self.prior(d2) + self._undefined(d1, d2) + self._whole(d1, d2)
        return found


def left_context(text: str, t: int) -> str:
    """What precedes index t of ``text``: the separators (non-alphanumerics) right before
    it, a character repeated counted once (three spaces are a space).

    >>> left_context("Name= ABC", 6), left_context("Rosa O'Brien", 7), left_context("a   b", 4), left_context("Ann", 0)
    ('= ', "'", ' ', '')
    """
    u = t
    while u > 0 and not text[u - 1].isalnum():
        u -= 1
    return "".join(ch for i, ch in enumerate(text[u:t], u) if i == u or text[i - 1] != ch)


def is_whole_run(d1: tuple, d2: tuple) -> bool:
    """Whether start ``d1`` and end ``d2`` are the two ends of the same run: same token,
    same occurrence (for a loop descriptor, the same step and offset)."""
    return d1[0] == EPS and d2[1] == EPS and d1[1] == d2[0] and d1[2:] == d2[2:]


def _sign(d: Descriptor) -> int:
    if d[0] == CPOS:
        return 0
    return 1 if d[2] > 0 else -1
