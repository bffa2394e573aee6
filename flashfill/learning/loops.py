"""Learning loops: ``Loop(λw: body)`` where the body's positions count ``step·w + offset``.

At a node of the product, the output of the first example is cut into two
consecutive pieces of the same shape (same run pattern of letters, digits and
punctuation: "J." and "F.", or ", 12" and ", 345"). A body is learned from the
pieces as if they were two examples on the same row, except that a position met
as occurrence c in piece w is recorded as step ±1 with offset c ∓ w, so only
descriptors that advance by one occurrence per piece survive the intersection.
Each body found is run on every example's row, which gives the loop edge's extent.
"""

from __future__ import annotations

from ..language.expressions import Loop
from ..language.positions import Pos
from .context import Deadline
from .position_sets import CPOS, SHIFT, token_seq
from .ranking import ATOM_COST
from .traces import ColumnData, Example, LoopAtom, SubAtom, TraceLearner

LOOP_COST = 0.5
#: Longest piece tried, and how many loop attempts one learning run may make.
MAX_PIECE = 16
MAX_ATTEMPTS = 120
BODIES_TRIED = 3


def shape(text: str) -> str:
    """The run pattern of a piece: letters as L, digits as N, other characters as themselves.

    >>> shape("J."), shape("Smith, "), shape(", 345")
    ('L.', 'L, ', ', N')
    """
    out = []
    for ch in text:
        kind = "L" if ch.isalpha() else "N" if ch.isdigit() else ch
        if not out or out[-1] != kind or kind not in "LN":
            out.append(kind)
    return "".join(out)


class Loops:
    """Loop candidates for a learning run, with a shared attempt budget and a cache."""

    def __init__(self) -> None:
        self.attempts = 0
        self.cache: dict[tuple, list[tuple[float, Loop]]] = {}

    def edges(self, learner: TraceLearner, node: tuple[int, ...]) -> list[tuple[tuple[int, ...], float, LoopAtom]]:
        first = learner.examples[0]
        out: list[tuple[tuple[int, ...], float, LoopAtom]] = []
        for score, loop in self.candidates(learner, first, node[0]):
            run = loop.evaluator()
            target = []
            for e, ex in enumerate(learner.examples):
                produced = run(ex.row, 0)
                if not produced or not ex.output.startswith(produced, node[e]):
                    break
                target.append(node[e] + len(produced))
            else:
                out.append((tuple(target), score, LoopAtom(loop)))
        return out

    def candidates(self, learner: TraceLearner, example: Example, i: int) -> list[tuple[float, Loop]]:
        """Loops learned from pieces of ``example.output`` starting at ``i`` (cached)."""
        key = (example, i)
        if key in self.cache:
            return self.cache[key]
        found: dict[Loop, float] = {}
        out = example.output
        for k1 in range(i + 1, min(len(out), i + MAX_PIECE) + 1):
            piece = shape(out[i:k1])
            for k2 in range(k1 + 1, min(len(out), k1 + MAX_PIECE) + 1):
                if shape(out[k1:k2]) != piece:
                    continue
                if self.attempts >= MAX_ATTEMPTS:
                    break
                self.attempts += 1
                for score, loop in self._bodies(learner, example, out[i:k1], out[k1:k2]):
                    produced = loop.evaluator()(example.row, 0)
                    if produced and len(produced) >= k2 - i and out.startswith(produced, i):
                        found[loop] = max(score, found.get(loop, score))
        self.cache[key] = sorted(((s, l) for l, s in found.items()), key=lambda x: -x[0])[:BODIES_TRIED]
        return self.cache[key]

    def _bodies(self, learner: TraceLearner, example: Example, a: str, b: str) -> list[tuple[float, Loop]]:
        body = BodyLearner([Example(example.row, a), Example(example.row, b)], learner.columns, learner.deadline)
        loops = []
        for score, atoms in body.learn_top(BODIES_TRIED):
            if not any(isinstance(x, SubAtom) for x in atoms):
                continue
            loops.append((score - ATOM_COST - LOOP_COST, Loop(body.build(atoms))))
        return loops


class BodyLearner(TraceLearner):
    """A TraceLearner whose examples are the pieces w = 1, 2 of a loop on one row."""

    def __init__(self, pieces: list[Example], columns: list[ColumnData], deadline: Deadline) -> None:
        super().__init__(pieces, columns, deadline, loops=None)
        self._shifted: dict[tuple[int, int, int], frozenset] = {}

    def place_set(self, e: int, col: int, t: int) -> frozenset:
        key = (e, col, t)
        found = self._shifted.get(key)
        if found is None:
            w = e + 1
            found = frozenset(
                (a, b, 1 if c > 0 else -1, c - w if c > 0 else c + w)
                for a, b, c in super().place_set(e, col, t)
                if a != CPOS
            )
            self._shifted[key] = found
        return found

    def choose_pair(self, col: int, first: frozenset, last: frozenset):
        ranker = self.columns[col].ranker

        def best(positions: frozenset):
            return max(((ranker.prior(_at_first(d)), d) for d in positions), key=lambda x: (x[0], x[1]))

        (s1, d1), (s2, d2) = best(first), best(last)
        return s1 + s2, d1, d2

    def position(self, d: tuple, col: int):
        a, b, step, offset = d
        tokens = self.columns[col].tokens
        return Pos(token_seq(a, tokens), token_seq(b, tokens), offset, step)

    def overlap_penalty(self, atoms) -> float:
        return 0.0


def _at_first(d: tuple) -> tuple[int, int, int]:
    """A loop descriptor as the plain descriptor it is in the first iteration."""
    if d[0] == SHIFT:
        return d
    a, b, step, offset = d
    return a, b, step + offset or step

