"""Learning loops: ``Loop(λw: body)`` where the body's positions count ``step·w + offset``.

At a node of the product, the output of each example is cut into two
consecutive pieces of the same shape (same run pattern of letters, digits and
punctuation: "J." and "F.", or ", 12" and ", 345"). A body is learned from the
pieces as if they were two examples on the same row, except that a position met
as occurrence c in piece w is recorded as step ±1 with offset c ∓ w, so only
descriptors that advance by one occurrence per piece survive the intersection.
The repetition may show in any one example (the others may have a single
iteration), and bodies are also learned from the first two pieces of every
example at once, so that one body fits them all. Each body found is run on
every example's row, which gives the loop edge's extent.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import chain

from ..language.expressions import CASES, Loop, apply_case
from ..language.positions import Pos
from .context import Budget
from .padding import output_number
from .position_sets import COLUMN, CPOS, SHIFT, token_seq
from .ranking import ATOM_COST, is_whole_run
from .row_facts import RowFacts
from .traces import MAX_SHIFT, ColumnData, Example, LoopAtom, SubAtom, TraceLearner

LOOP_COST = 0.5
#: Longest piece tried, and how many loop attempts one learning run may make.
MAX_PIECE = 16
MAX_ATTEMPTS = 120
BODIES_TRIED = 3
#: Start and end candidates paired in a body's SubStr, and the bonus for both ends
#: of one run.
PAIR_CHOICES = 6
LOOP_WHOLE_RUN = 0.3
#: Ways of cutting the first two pieces tried per example and node.
PAIRS_TRIED = 12


@lru_cache(maxsize=65536)
def skeleton(text: str) -> str:
    """A piece's shape with letters and digits alike: what pieces of different data share.

    >>> skeleton("12 "), skeleton("What "), skeleton("a-1"), skeleton("B2B")
    ('A ', 'A ', 'A-A', 'A')
    """
    return re.sub("[LN]+", "A", shape(text))


def shape(text: str) -> str:
    """The run pattern of a piece: letters as L, digits as N, other characters as themselves.

    >>> shape("J."), shape("Smith, "), shape(", 345")
    ('L.', 'L, ', ', N')
    """
    out = []
    for ch in text:
        kind = _shape_kind(ch)
        if not out or out[-1] != kind or kind not in "LN":
            out.append(kind)
    return "".join(out)


class Loops:
    """Loop candidates for a learning run, with a shared attempt budget and a cache."""

    def __init__(self) -> None:
        self.attempts = 0
        self.cache: dict[tuple, list[tuple[float, Loop]]] = {}
        #: The bodies' (start, end) choices by column and position sets, shared by every body.
        self.pairs: dict[tuple[int, frozenset, frozenset], tuple] = {}
        self.characters: dict[tuple[str, ...], frozenset[str]] = {}
        #: Whether a body can start, by (row, first character, iteration) of each piece,
        #: and end, by (row, last characters, iteration).
        self.starts: dict[tuple, bool] = {}
        self.ends: dict[tuple, bool] = {}
        #: What each loop produces on each row it was run on (loops are pure).
        self.produced: dict[tuple[Loop, tuple[str, ...]], str | None] = {}
        self._runs: dict[Loop, object] = {}

    @property
    def exhausted(self) -> bool:
        """Whether no more loops are tried: the loop edges of a node no longer depend on
        which nodes were met before it."""
        return self.attempts >= MAX_ATTEMPTS

    def run(self, loop: Loop, row: tuple[str, ...]) -> str | None:
        """What ``loop`` produces on ``row`` (cached)."""
        key = (loop, row)
        found = self.produced.get(key, self)
        if found is self:
            run = self._runs.get(loop)
            if run is None:
                run = self._runs[loop] = loop.evaluator()
            found = self.produced[key] = run(row, 0)
        return found

    def edges(self, learner: TraceLearner, node: tuple[int, ...]) -> list[tuple[tuple[int, ...], float, LoopAtom]]:
        """Loop edges out of ``node``: every candidate that fits every example there."""
        found: dict[Loop, float] = {}
        alone = (self.candidates(learner, example, i) for example, i in zip(learner.examples, node))
        for score, loop in chain(*alone, self.joint(learner, node)):
            found[loop] = max(score, found.get(loop, score))
        out: list[tuple[tuple[int, ...], float, LoopAtom]] = []
        for loop, score in found.items():
            target = []
            for e, ex in enumerate(learner.examples):
                produced = self.run(loop, ex.row)
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
        if self.attempts >= MAX_ATTEMPTS:
            self.cache[key] = []
            return []
        found: dict[Loop, float] = {}
        for k1, k2 in _piece_pairs(example.output, i):
            if self.attempts >= MAX_ATTEMPTS:
                break
            self.attempts += 1
            pieces = [(example, i, k1), (example, k1, k2)]
            for score, loop in self._bodies(learner, pieces, (1, 2)):
                self._keep(found, score, loop, [(example, i, k2)])
        self.cache[key] = _best(found)
        return self.cache[key]

    def joint(self, learner: TraceLearner, node: tuple[int, ...]) -> list[tuple[float, Loop]]:
        """Loops learned from the first two pieces of every example at once.

        One body must then produce every piece of every example, which is the
        intersection of the examples' loop bodies: "each run of non-spaces, then a
        space" where one example alone would pick "each number" and another
        "each word". Pieces are matched across examples by their skeleton.
        """
        if len(node) < 2:
            return []
        key = (tuple(learner.examples), node)
        if key in self.cache:
            return self.cache[key]
        if self.attempts >= MAX_ATTEMPTS:
            self.cache[key] = []
            return []
        by_skeleton: list[dict[str, tuple[int, int]]] = []
        for ex, i in zip(learner.examples, node):
            firsts: dict[str, tuple[int, int]] = {}
            for k1, k2 in _piece_pairs(ex.output, i):
                firsts.setdefault(skeleton(ex.output[i:k1]), (k1, k2))
            by_skeleton.append(firsts)
        found: dict[Loop, float] = {}
        for name in by_skeleton[0]:
            if not all(name in firsts for firsts in by_skeleton) or self.attempts >= MAX_ATTEMPTS:
                continue
            self.attempts += 1
            pieces, ws, whole = [], [], []
            for ex, i, firsts in zip(learner.examples, node, by_skeleton):
                k1, k2 = firsts[name]
                pieces += [(ex, i, k1), (ex, k1, k2)]
                ws += [1, 2]
                whole.append((ex, i, k2))
            for score, loop in self._bodies(learner, pieces, tuple(ws)):
                self._keep(found, score, loop, whole)
        self.cache[key] = _best(found)
        return self.cache[key]

    def _copyable(self, row: tuple[str, ...]) -> frozenset[str]:
        """Every character a SubStr can copy from ``row``, in any of its cases (cached)."""
        found = self.characters.get(row)
        if found is None:
            found = self.characters[row] = frozenset(
                ch for text in row for case in CASES
                for changed in (apply_case(text, case),) if len(changed) == len(text) for ch in changed
            )
        return found

    def _keep(self, found: dict, score: float, loop: Loop, spans: list[tuple[Example, int, int]]) -> None:
        """Record ``loop`` if, on each span's row, it produces at least that span of the output."""
        for example, i, k in spans:
            produced = self.run(loop, example.row)
            if not produced or len(produced) < k - i or not example.output.startswith(produced, i):
                return
        found[loop] = max(score, found.get(loop, score))

    def _bodies(self, learner: TraceLearner, pieces: list[tuple[Example, int, int]], ws: tuple[int, ...]) -> list[tuple[float, Loop]]:
        if any(self._copyable(ex.row).isdisjoint(ex.output[a:b]) for ex, a, b in pieces):
            return []  # a piece with no character of its row: no body copies anything
        if not (self._may_start(learner, pieces, ws) and self._may_end(learner, pieces, ws)):
            return []
        examples = [Example(ex.row, ex.output[a:b]) for ex, a, b in pieces]
        spans = [(ex.output, a) for ex, a, _ in pieces]
        body = BodyLearner(examples, ws, learner.columns, learner.budget, self.pairs, learner.facts, spans)
        loops = []
        for score, atoms in body.learn_top(BODIES_TRIED):
            if not any(isinstance(x, SubAtom) for x in atoms):
                continue
            loops.append((score - ATOM_COST - LOOP_COST, Loop(body.build(atoms))))
        return loops

    def _may_start(self, learner: TraceLearner, pieces: list[tuple[Example, int, int]], ws: tuple[int, ...]) -> bool:
        """Whether a body's first atom can be found for the pieces: they start alike (a
        constant, or a padded number), or some copy's start is the same descriptor in every
        piece, stepping one occurrence per iteration. When not, no body fits them."""
        if len({ex.output[a] for ex, a, _ in pieces}) == 1:
            return True
        if output_number([ex.output[a:b] for ex, a, b in pieces], (0,) * len(pieces)):
            return True
        facts = learner.facts
        starts = tuple((facts.id(ex.row), ex.output[a], w) for (ex, a, _), w in zip(pieces, ws))
        found = self.starts.get(starts)
        if found is None:
            found = self.starts[starts] = _copy_starts(facts, len(learner.columns), starts)
        return found

    def _may_end(self, learner: TraceLearner, pieces: list[tuple[Example, int, int]], ws: tuple[int, ...]) -> bool:
        """Whether a body's last atom can be found for the pieces: they end alike (a
        constant), in digits (a padded number), or some copy ends at the same descriptor in
        every piece, or is of one length (at most ``MAX_SHIFT``) from a shared start."""
        if len({ex.output[b - 1] for ex, _, b in pieces}) == 1:
            return True
        if all(ex.output[b - 1].isdecimal() for ex, _, b in pieces):
            return True
        facts = learner.facts
        rows = [facts.id(ex.row) for ex, _, _ in pieces]
        shortest = min(b - a for _, a, b in pieces)
        key = tuple((r, ex.output[max(a, b - MAX_SHIFT):b], w) for (ex, a, b), r, w in zip(pieces, rows, ws))
        found = self.ends.get(key)
        if found is None:
            found = self.ends[key] = _copy_ends(facts, len(learner.columns), key, min(shortest, MAX_SHIFT))
        return found


def _copy_starts(facts: RowFacts, columns: int, starts: tuple[tuple[int, str, int], ...]) -> bool:
    """Whether, for (row, first character, iteration) of each piece, some column and case
    has the characters at places that share a loop descriptor."""
    for col in range(columns):
        for case in CASES:
            partial: list[frozenset | None] = [None]
            for r, first, w in starts:
                places = [x for x, _ in facts.occurrences(r, col, case, first, 0)]
                partial = [
                    both
                    for common in partial
                    for x in places
                    for here in (shifted_set(facts, r, col, x, w),)
                    for both in (here if common is None else common & here,)
                    if both
                ]
                if not partial:
                    break
            else:
                return True
    return False


def _copy_ends(facts: RowFacts, columns: int, ends: tuple[tuple[int, str, int], ...], shift: int) -> bool:
    """Whether, for (row, last characters, iteration) of each piece, some column and case
    has a copy that ends at places sharing a loop descriptor, or, for one length up to
    ``shift``, copies the last characters from places whose starts share one."""
    for col in range(columns):
        for case in CASES:
            if _joint(facts, col, case, [(r, tail[-1], w, 1) for r, tail, w in ends]):
                return True
            for k in range(1, shift + 1):
                if _joint(facts, col, case, [(r, tail[-k:], w, 0) for r, tail, w in ends]):
                    return True
    return False


def _joint(facts: RowFacts, col: int, case: str, pieces: list[tuple[int, str, int, int]]) -> bool:
    """Whether some choice of a place per piece (where its text occurs in the row, taken
    at the text's end when the last flag is 1, else at its start) shares a loop descriptor."""
    partial: list[frozenset | None] = [None]
    for r, text, w, at_end in pieces:
        places = [x + len(text) * at_end for x, n in facts.occurrences(r, col, case, text, 0) if n == len(text)]
        partial = [
            both
            for common in partial
            for x in places
            for here in (shifted_set(facts, r, col, x, w),)
            for both in (here if common is None else common & here,)
            if both
        ]
        if not partial:
            return False
    return True


def shifted_set(facts: RowFacts, r: int, col: int, t: int, w: int) -> frozenset:
    """The place set of index t of column ``col`` of row ``r`` as descriptors of iteration
    ``w`` of a loop: occurrence c becomes step ±1 and offset c ∓ w (cached)."""
    key = (r, col, t, w)
    found = facts.extra.get(key)
    if found is None:
        found = facts.extra[key] = frozenset(
            (a, b, 1 if c > 0 else -1, c - w if c > 0 else c + w)
            for a, b, c in facts.place_set(r, col, t)
            if a not in (CPOS, COLUMN)
        )
    return found


@lru_cache(maxsize=4096)
def _piece_pairs(out: str, i: int) -> tuple[tuple[int, int], ...]:
    """(k1, k2): ``out[i:k1]`` and ``out[k1:k2]`` are two pieces of the same shape.

    Natural cuts come first: single characters ("J", "F" of "JFK") and pieces that
    end where a run of capitals, lowercase letters, digits or a punctuation
    character ends ("active|Record"); cuts inside a run ("519|781" of
    "5197818816") follow, pieces of equal length first. Cached, since ``candidates``
    and ``joint`` ask for the same output and start.
    """
    natural, inside = [], []
    kinds = [_shape_kind(ch) for ch in out]
    for k1 in range(i + 1, min(len(out), i + MAX_PIECE) + 1):
        piece = shape(out[i:k1])
        grown = ""  # shape(out[k1:k2]), which only ever grows with k2
        for k2 in range(k1 + 1, min(len(out), k1 + MAX_PIECE) + 1):
            kind = kinds[k2 - 1]
            if not grown or grown[-1] != kind or kind not in "LN":
                grown += kind
                if not piece.startswith(grown):
                    break
            if grown != piece:
                continue
            single = k1 == i + 1 and k2 == k1 + 1
            cut = natural if single or _run_ends(out, k1) and _run_ends(out, k2) else inside
            cut.append((k1, k2))
    inside.sort(key=lambda k: (abs(2 * k[0] - i - k[1]), k[0]))
    return tuple((natural + inside)[:PAIRS_TRIED])


def _shape_kind(ch: str) -> str:
    return "L" if ch.isalpha() else "N" if ch.isdigit() else ch


def _run_ends(text: str, k: int) -> bool:
    """Whether a run of one kind of character (capitals, lowercase, digits, other) ends at k."""
    return k == len(text) or _kind(text[k - 1]) != _kind(text[k]) or _kind(text[k]) == "other"


def _kind(ch: str) -> str:
    return "upper" if ch.isupper() else "lower" if ch.islower() else "digit" if ch.isdigit() else "other"


def _best(found: dict[Loop, float]) -> list[tuple[float, Loop]]:
    return sorted(((s, l) for l, s in found.items()), key=lambda x: -x[0])[:BODIES_TRIED]


class BodyLearner(TraceLearner):
    """A TraceLearner whose examples are pieces of loops, piece e being iteration ``ws[e]``."""

    reads_values = False
    #: Pieces are short and their descriptors dear to locate: joint sets are intersected.
    split_at = 2 * MAX_PIECE
    #: A body's copies are scored by ``choose_pair`` below, which ``_bound`` does not bound.
    bounded = False

    def __init__(
        self,
        pieces: list[Example],
        ws: tuple[int, ...],
        columns: list[ColumnData],
        budget: Budget,
        pairs: dict | None = None,
        facts: RowFacts | None = None,
        spans: list[tuple[str, int]] | None = None,
    ) -> None:
        super().__init__(pieces, columns, budget, loops=None, facts=facts)
        self.ws = ws
        self._pairs = {} if pairs is None else pairs
        #: Per piece, the whole output it was cut from and where it starts there.
        self.spans = [(p.output, 0) for p in pieces] if spans is None else spans
        self._occurrences: dict[tuple[int, int, str, int], list[tuple[int, int]]] = {}

    def occurrences(self, e: int, col: int, case: str, i: int) -> list[tuple[int, int]]:
        """As for the whole output the piece was cut from, each match cut at the piece's end."""
        key = (e, col, case, i)
        found = self._occurrences.get(key)
        if found is None:
            out, start = self.spans[e]
            room = len(self.examples[e].output) - i
            found = []
            if room > 0:
                found = self.facts.occurrences(self.rows[e], col, case, out, start + i)
                if any(n > room for _, n in found):
                    found = [(a, min(n, room)) for a, n in found]
            self._occurrences[key] = found
        return found

    def place_set(self, e: int, col: int, t: int) -> frozenset:
        return shifted_set(self.facts, self.rows[e], col, t, self.ws[e])

    def place_of(self, e: int, col: int, d: tuple) -> int | None:
        a, b, step, offset = d
        count = step * self.ws[e] + offset
        if count * step < 1:
            return None
        return super().place_of(e, col, (a, b, count))

    def choose_pair(self, col: int, first: frozenset, last: frozenset):
        """The best start and end by their priors, where both ends of one run ("each run
        of capitals") beat ends on two tokens counted in step, which drift apart where
        the tokens do not pair up ("from each word to each run of capitals")."""
        key = (col, first, last)
        found = self._pairs.get(key)
        if found is None:
            found = self._pairs[key] = self._choose_pair(col, first, last)
        return found

    def _choose_pair(self, col: int, first: frozenset, last: frozenset):
        ends = self._ranked(col, last)
        best = None
        for s1, d1 in self._ranked(col, first):
            for s2, d2 in ends:
                score = s1 + s2 + (LOOP_WHOLE_RUN if is_whole_run(d1, d2) else 0.0)
                if best is None or score > best[0]:
                    best = (score, d1, d2)
        return best

    def _ranked(self, col: int, positions: frozenset) -> list[tuple[float, tuple]]:
        """The best few descriptors of a set by their priors as first iterations (cached for
        every body of the run: priors depend on the column's tokens only)."""
        key = ("body ranked", col, positions)
        found = self.facts.extra.get(key)
        if found is None:
            prior = self.columns[col].ranker.prior
            scored = ((prior(_at_first(d)), d) for d in positions)
            found = self.facts.extra[key] = sorted(scored, key=lambda x: (x[0], x[1]), reverse=True)[:PAIR_CHOICES]
        return found

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

