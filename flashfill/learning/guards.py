"""Learning the guard of each branch: a DNF of Match predicates that holds on the
branch's examples and on none of the examples of the branches after it.

Conjunctions are grown greedily as in the FlashFill paper (keep many of the
branch's examples, exclude many of the others). Among equally good predicates the
unlabeled rows decide: a predicate should send rows to a branch whose trace is
defined on them, so every row lands in a branch that can fill it.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from ..language.conditionals import Guard, Match
from ..language.positions import TokenSeq
from ..language.tokens import Token
from .position_sets import END_INDEX, START_INDEX
from .ranking import token_cost
from .traces import ColumnData, Example
from .value_guards import VALUE_KIND_COST, value_kinds

MAX_COUNT = 3
#: Words of the data as guard tokens ("has 'Inc'") fit the examples easily and
#: generalise less often than token classes, so they cost more.
LITERAL_COST = 1.0
#: Per sampled row (as a share of the sample): the reward for sending it to a branch
#: that fills it, and the penalty for sending it to one that cannot.
ROUTED = 0.25
MISROUTED = 2.0
_WORD = regex.compile(r"[\p{L}\p{M}]+|\p{Nd}+")


@dataclass(frozen=True, slots=True)
class Predicate:
    """A Match with its truth on the examples and on the sample, as bit sets."""

    match: Match
    on_examples: int
    on_sample: int
    cost: float


def predicates(examples: list[Example], sample: list[tuple[str, ...]], columns: list[ColumnData]) -> list[Predicate]:
    """Every candidate predicate that tells at least two examples apart (the cheapest of
    each group that behaves the same on the examples and the sample)."""
    everyone = (1 << len(examples)) - 1
    all_sample = (1 << len(sample)) - 1
    found: dict[tuple[int, int], Predicate] = {}
    for col, data in enumerate(columns):
        rows = [ex.row[col] for ex in examples]
        sample_texts = [row[col] for row in sample]
        candidates: list[tuple[Token, list[int], list[int], float]] = []
        ex_masks = [data.tokens.masks(t) for t in rows]
        sm_masks = [data.tokens.masks(t) for t in sample_texts]
        for index, token in enumerate(data.tokens.tokens):
            if index in (START_INDEX, END_INDEX):
                continue
            candidates.append((
                token,
                [m.starts[index].bit_count() for m in ex_masks],
                [m.starts[index].bit_count() for m in sm_masks],
                LITERAL_COST if token.kind == "literal" else token_cost(token),
            ))
        words = dict.fromkeys(w for t in rows for w in _WORD.findall(t))
        for word in words:
            candidates.append((
                Token("literal", word),
                [t.count(word) for t in rows],
                [t.count(word) for t in sample_texts],
                LITERAL_COST,
            ))
        for token, counts, sample_counts, cost in candidates:
            for k in range(1, min(MAX_COUNT, max(counts)) + 1):
                on = bit_set(c >= k for c in counts)
                if on in (0, everyone):
                    continue
                on_sample = bit_set(c >= k for c in sample_counts)
                extra = 0.3 * (k - 1)
                for negated in (False, True):
                    truth = everyone & ~on if negated else on
                    truth_sample = all_sample & ~on_sample if negated else on_sample
                    p = Predicate(Match(col, TokenSeq((token,)), k, negated), truth, truth_sample, cost + extra + 0.2 * negated)
                    key = (truth, truth_sample)
                    if key not in found or p.cost < found[key].cost:
                        found[key] = p
        for match, on, on_sample in value_kinds(col, rows, sample_texts):
            p = Predicate(match, on, on_sample, VALUE_KIND_COST + 0.2 * match.negated)
            key = (on, on_sample)
            if on not in (0, everyone) and (key not in found or p.cost < found[key].cost):
                found[key] = p
    return list(found.values())


def bit_set(flags) -> int:
    """The int whose bit i is set when the i-th flag is true."""
    out = 0
    for i, flag in enumerate(flags):
        if flag:
            out |= 1 << i
    return out


def learn_guard(
    positives: int,
    negatives: int,
    preds: list[Predicate],
    defined_sample: int,
    sample_size: int,
) -> tuple[Guard, float] | None:
    """A DNF true on every example in ``positives`` and false on every one in
    ``negatives``, with its cost (the predicates' costs less their utility)."""
    uncovered = positives
    disjuncts: list[tuple[Match, ...]] = []
    total = 0.0
    while uncovered:
        pos, neg = uncovered, negatives
        conj: list[Match] = []
        while neg:
            best, best_key = None, None
            for p in preds:
                kept, excluded = (pos & p.on_examples).bit_count(), (neg & ~p.on_examples).bit_count()
                if not kept or not excluded:
                    continue
                key = (kept * excluded, _utility(p, defined_sample, sample_size) - p.cost)
                if best_key is None or key > best_key:
                    best, best_key = p, key
            if best is None:
                return None
            conj.append(best.match)
            total -= best_key[1]
            pos &= best.on_examples
            neg &= best.on_examples
        disjuncts.append(tuple(conj))
        uncovered &= ~pos
    return Guard(tuple(disjuncts)), total


def _utility(p: Predicate, defined: int, size: int) -> float:
    """Reward for sending sampled rows to a branch whose trace is defined on them, and a
    larger penalty for sending them where it is undefined."""
    if not size:
        return 0.0
    return (ROUTED * (p.on_sample & defined).bit_count() - MISROUTED * (p.on_sample & ~defined).bit_count()) / size
