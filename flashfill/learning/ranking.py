"""How programs are ranked: a score per atom (higher is better), summed along a path.

The preferences (DESIGN.md §4): fewer atoms; SubStr over ConstStr; token positions
over constant positions; StartTok/EndTok; general tokens; small occurrence counts;
and, from the unlabeled rows, positions and atoms that are defined on every row.
"""

from __future__ import annotations

from ..language.tokens import SPECIAL_CHARACTERS, Token
from .context import ColumnTokens, Masks
from .position_sets import CPOS, EPS, Descriptor, evaluate

ATOM_COST = 1.0
#: ConstStr cost per character: letters, digits and symbols typed by hand are unlikely
#: to be constant, punctuation and spaces are likely to be.
CONST_ALNUM_CHAR = 2.5
CONST_OTHER_CHAR = 0.25
#: A SubStr that copies only punctuation or spaces is usually a constant in disguise.
SUB_PUNCTUATION = 0.6
CASE_CHANGE = 0.4
#: Penalty for a position undefined on every sampled row (scaled by the fraction).
UNDEFINED = 4.0
CONSTANT_POSITION = 2.5
OCCURRENCE = 0.25
TWO_SIDED = 0.1

_TOKEN_COST = {
    "start": 0.0, "end": 0.0,
    "digits": 0.05, "letters": 0.05, "alphanumeric": 0.15, "upper": 0.2, "lower": 0.2,
    "proper": 0.25, "whitespace": 0.1,
    "non-whitespace": 0.35, "non-digits": 0.4, "non-letters": 0.4, "non-alphanumeric": 0.4,
}
_CHAR_COST = 0.12
_LITERAL_COST = 0.3


def token_cost(token: Token) -> float:
    if token.kind == "char":
        return _CHAR_COST
    if token.kind == "literal":
        return _LITERAL_COST
    return _TOKEN_COST[token.value if token.kind == "class" else token.kind]


def is_separator(ch: str) -> bool:
    """Punctuation and spaces: the characters users type as fixed separators."""
    return ch in SPECIAL_CHARACTERS or ch.isspace()


def const_score(text: str) -> float:
    separators = sum(1 for ch in text if is_separator(ch))
    return -ATOM_COST - CONST_OTHER_CHAR * separators - CONST_ALNUM_CHAR * (len(text) - separators)


class PositionRanker:
    """Scores descriptors of one column, and picks the best of a set, using the sample."""

    def __init__(self, tokens: ColumnTokens, sample: list[Masks]) -> None:
        self.costs = [token_cost(t) for t in tokens.tokens]
        self.sample = sample
        self._data: dict[Descriptor, float] = {}
        self._best: dict[frozenset, tuple[float, Descriptor]] = {}

    def prior(self, d: Descriptor) -> float:
        a, b, c = d
        if a == CPOS:
            return 0.0 if b in (0, -1) else -CONSTANT_POSITION
        score = -OCCURRENCE * (abs(c) - 1)
        if a != EPS:
            score -= self.costs[a]
        if b != EPS:
            score -= self.costs[b]
        if a != EPS and b != EPS:
            score -= TWO_SIDED
        return score

    def data(self, d: Descriptor) -> float:
        """Penalty for rows of the sample on which the descriptor is undefined."""
        found = self._data.get(d)
        if found is None:
            if not self.sample:
                found = 0.0
            else:
                missing = sum(1 for m in self.sample if evaluate(d, m) is None)
                found = -UNDEFINED * missing / len(self.sample)
            self._data[d] = found
        return found

    def best(self, positions: frozenset) -> tuple[float, Descriptor]:
        """The best descriptor of a set and its score (prior plus data)."""
        found = self._best.get(positions)
        if found is not None:
            return found
        ranked = sorted(positions, key=lambda d: (-self.prior(d), d))
        best_score, best = float("-inf"), ranked[0]
        for d in ranked:
            p = self.prior(d)
            if p <= best_score:
                break
            s = p + self.data(d)
            if s > best_score:
                best_score, best = s, d
        self._best[positions] = (best_score, best)
        return best_score, best
