"""Splitting the examples into groups that each have one trace (FlashFill's partitioning).

Groups start as single examples; the pair whose merged group still has a trace and
that is compatible with the most of the same other groups is merged first (the
paper's CS1 score, computed from pairwise compatibility), ties going to the pair
whose merged trace ranks best, then to the pair covering more examples. Merging stops when no pair is compatible.
Only whether a group has a trace matters until then, so only the pairs tied for the most
shared groups are ranked.
"""

from __future__ import annotations

from collections.abc import Callable

from ..language.expressions import Concatenate

Group = frozenset[int]
TraceOf = Callable[[Group], "tuple[float, Concatenate] | None"]
Fits = Callable[[Group], bool]


def partition(count: int, fits: Fits, trace_of: TraceOf) -> list[tuple[Group, float, Concatenate]]:
    """Groups of example indexes 0..count-1, each with its best trace and score; ``fits``
    says whether a group has a trace (as ``trace_of`` would, without ranking it)."""
    groups: list[Group] = [frozenset([i]) for i in range(count)]
    while len(groups) > 1:
        compatible = {
            (a, b): fits(a | b)
            for i, a in enumerate(groups)
            for b in groups[i + 1:]
        }
        neighbours = {g: {h for h in groups if h != g and compatible.get((g, h), compatible.get((h, g)))} for g in groups}
        candidates = []
        for (a, b), ok in compatible.items():
            if ok:
                merged = a | b
                candidates.append((sum(1 for h in neighbours[a] & neighbours[b] if fits(merged | h)), a, b))
        if not candidates:
            break
        most = max(shared for shared, _, _ in candidates)
        best = None
        for shared, a, b in candidates:
            if shared == most:
                merged = a | b
                key = (shared, trace_of(merged)[0], len(merged), -min(merged))
                if best is None or key > best[0]:
                    best = (key, a, b)
        _, a, b = best
        groups = [g for g in groups if g not in (a, b)] + [a | b]
    result = []
    for g in groups:
        found = trace_of(g)
        assert found is not None, "every single example has a trace"
        result.append((g, found[0], found[1]))
    return result
