"""Guard predicates on the kind of value a cell holds ("column 1 has a date")."""

from __future__ import annotations

from ..language.values.kinds import KINDS, HasValue, has_kind

#: A guard on the kind of value a cell holds ("has a date") costs more than one on a
#: token, which says the same on the rows more often than not.
VALUE_KIND_COST = 0.3


def value_kinds(col: int, texts: list[str], sample: list[str]) -> list[tuple[HasValue, int, int]]:
    """Guard predicates on the kind of value in a column (and their negations), with
    their truth on the examples' texts and on the sampled rows, as bit sets."""
    everyone, all_sample = (1 << len(texts)) - 1, (1 << len(sample)) - 1
    found = []
    for kind in KINDS:
        on = sum(1 << i for i, t in enumerate(texts) if has_kind(t, kind))
        on_sample = sum(1 << i for i, t in enumerate(sample) if has_kind(t, kind))
        found.append((HasValue(col, kind), on, on_sample))
        found.append((HasValue(col, kind, True), everyone & ~on, all_sample & ~on_sample))
    return found
