"""Learning one trace (a Concatenate) that fits a group of examples.

Each example's outputs define a DAG over output positions whose edges carry every
atom producing that piece; the DAGs of several examples are intersected by walking
their product from the start node, only along edges whose atoms agree (same
constant, or a SubStr of the same column and case whose start and end position
sets intersect; loops come from ``loops``). The walk is a memoised dynamic
programme that keeps, per product node, the k best-scoring ways to reach the end,
so paths are never enumerated; the best few complete traces are then compared on
whole-trace preferences.
"""

from __future__ import annotations

from dataclasses import dataclass
from heapq import heappush, heapreplace
from operator import add, itemgetter
from typing import NamedTuple

from ..language.expressions import CASES, Concatenate, ConstStr, Loop, SubStr, apply_case
from ..language.positions import Shift
from .context import Budget, ColumnTokens, Masks
from .padding import PAD_COST, output_number, padded_copies
from .position_sets import COLUMN, CPOS, SHIFT, evaluate_in_row, to_position
from .ranking import (
    ATOM_COST, CASE_CHANGE, SUB_PUNCTUATION, WHOLE_RUN, PositionRanker, const_score_of, is_separator, left_context,
)
from .buckets import bucket_bonus, bucket_starts
from .row_facts import RowFacts
from .shapes import least_unlike
from .value_edges import ValueAtom, ValueEdges

Row = tuple[str, ...]
NEG_INF = float("-inf")
#: Atoms kept per edge of the product (the best few, for the k-best programme).
ATOMS_PER_EDGE = 3
#: Longest SubStr whose end is counted in characters from its start.
MAX_SHIFT = 3
#: Above this many indexes, a joint set is split by where its descriptors point rather
#: than intersected with each index's place set.
SPLIT_AT = 4
#: Margin for rounding when an edge is skipped because its bound cannot make the best few.
BOUND_SLACK = 1e-9
#: The end set of a SubStr k characters long, by k.
_SHIFT_SETS = {k: frozenset({(SHIFT, k, 0)}) for k in range(1, MAX_SHIFT + 1)}
#: How many of the best traces the final, whole-trace preferences choose among.
RERANKED = 6
OVERLAP = 1.5
#: A constant that starts or ends inside a word or a number of the output ("t" copied,
#: "rue" typed; "2" copied, "4" typed for "24"): users copy or type words and numbers
#: whole, so the copy is usually a coincidence.
CONST_SPLITS_WORD = 4.0


@dataclass(frozen=True, slots=True)
class Example:
    """One input row and the output the user typed for it."""

    row: Row
    output: str


@dataclass(frozen=True, slots=True)
class SubAtom:
    """A SubStr on a product edge: column, case, the chosen descriptors, the position
    sets they were chosen from (for alternatives), and the padding width."""

    column: int
    case: str
    start: tuple[int, int, int]
    end: tuple[int, int, int]
    starts: frozenset
    ends: frozenset
    #: Zeros in front up to this width (``SubStr.pad``); 0 = copied as it is.
    pad: int = 0


@dataclass(frozen=True, slots=True)
class LoopAtom:
    """A learned Loop on a product edge (concrete: loops are checked by running them)."""

    loop: Loop


Atom = str | SubAtom | LoopAtom | ValueAtom  # a str is a ConstStr's text


class _Copy(NamedTuple):
    """A SubStr on a product edge before the ranking chose its descriptors: column, case,
    start and end sets, padding width, and whether it copies only separators."""

    column: int
    case: str
    first: frozenset
    last: frozenset
    pad: int
    punctuation: bool


class ColumnData:
    """Per column: its representative tokens, the position-set cache, and a ranker
    that scores positions on the sampled rows."""

    def __init__(self, tokens: ColumnTokens, column: int, rows: list[tuple[str, ...]]) -> None:
        self.tokens = tokens
        self.column = column
        self.ranker = PositionRanker(tokens, rows, column)
        self.sets: dict = {}
        self.special = frozenset(i for i, t in enumerate(tokens.tokens) if t.kind in ("char", "literal"))

    def restricted(self, rows: list[tuple[str, ...]]) -> "ColumnData":
        """The same column ranked on other sampled rows (the rows one branch receives)."""
        other = ColumnData(self.tokens, self.column, rows)
        other.sets = self.sets
        return other


class TraceLearner:
    """Finds the best trace consistent with all of ``examples``, or None."""

    #: Whether edges may read dates and numbers as values (see ``value_edges``).
    reads_values = True
    #: Above this many indexes, a joint set is split by where its descriptors point.
    split_at = SPLIT_AT
    #: Whether ``_bound`` bounds an edge's score (so that edges that cannot make the best
    #: few are not scored).
    bounded = True

    def __init__(
        self, examples: list[Example], columns: list[ColumnData], budget: Budget, loops=None, facts: RowFacts | None = None
    ) -> None:
        self.examples = examples
        self.loops = loops
        self.columns = columns
        self.budget = budget
        self.k = len(examples)
        self.masks = [[col.tokens.masks(ex.row[c]) for c, col in enumerate(columns)] for ex in examples]
        #: Facts on the rows, shared by every learner of one run; each example's row id.
        self.facts = RowFacts(columns) if facts is None else facts
        self.rows = [self.facts.id(ex.row) for ex in examples]
        self._joined: dict[tuple[int, tuple[int, ...]], dict[int, frozenset]] = {}
        self._meets: dict[tuple, frozenset] = {}
        self._useful_cases: dict[int, tuple[str, ...]] = {}
        self._copy_edges: dict[tuple, list[tuple[tuple[int, ...], frozenset, frozenset]]] = {}
        #: Per example, how many separators its output has before each index, and whether
        #: each index falls inside a word.
        self._separators = [_prefix_counts(ex.output) for ex in examples]
        self._inside = [_inside_words(ex.output) for ex in examples]
        self.values = ValueEdges(self)
        #: The product walk (nodes that lead to the goal, raw edges) and the scored edges.
        self._walk = None
        self._raw: dict[tuple[int, ...], dict] = {}
        self._plain: dict[tuple[int, ...], dict] = {}
        self._dead: set[tuple[int, ...]] = set()
        self._scored_edges: dict[tuple, list[tuple[float, Atom]]] = {}
        self._befores: dict[tuple, str | None] = {}

    def ranked_on(self, columns: list[ColumnData]) -> "TraceLearner":
        """A learner for the same examples whose columns rank on other rows; what does not
        depend on the ranking (occurrences, position sets and their intersections, the
        edges other than value atoms) is shared; so are the values found in the examples."""
        other = TraceLearner(self.examples, columns, self.budget, self.loops, self.facts)
        other._joined, other._meets, other._copy_edges = self._joined, self._meets, self._copy_edges
        other._plain = self._plain
        return other

    # ----- per-example substring occurrences ------------------------------------------
    def cased(self, e: int, col: int, case: str) -> str | None:
        """The input text of column ``col`` in example ``e`` with ``case`` applied, if it keeps its length."""
        return self.facts.cased(self.rows[e], col, case)

    def occurrences(self, e: int, col: int, case: str, i: int) -> list[tuple[int, int]]:
        """(a, L): places a in the input where the output from i on matches for L ≥ 1 characters."""
        return self.facts.occurrences(self.rows[e], col, case, self.examples[e].output, i)

    def _all_occurrences(self, col: int, case: str, node: tuple[int, ...]) -> list[list[tuple[int, int]]] | None:
        """Each example's occurrences at ``node``, or None when some example has none."""
        occ = []
        for e in range(self.k):
            found = self.occurrences(e, col, case, node[e])
            if not found:
                return None
            occ.append(found)
        return occ

    def _cases(self, col: int) -> tuple[str, ...]:
        """The case changes worth trying on column ``col``: no change, and each that changes
        some example's text (one that changes none would copy what the plain copy does)."""
        found = self._useful_cases.get(col)
        if found is None:
            found = self._useful_cases[col] = tuple(
                case for case in CASES
                if not case or any(self.cased(e, col, case) not in (None, ex.row[col]) for e, ex in enumerate(self.examples))
            )
        return found

    # ----- the product walk ---------------------------------------------------------------
    def successors(self, node: tuple[int, ...]) -> dict[tuple[int, ...], list[tuple[float, Atom]]]:
        """The best few atoms on each edge out of ``node``, keyed by the target node."""
        return {t: self._scored(raw) for t, raw in self._raw_successors(node).items()}

    def _raw_successors(self, node: tuple[int, ...]) -> dict[tuple[int, ...], list]:
        """Every atom on each edge out of ``node``, keyed by the target node: a (score, atom)
        pair, or a ``_Copy`` whose descriptors the ranking has yet to choose (the walk
        scores only the edges that lead to the goal). Value atoms come last."""
        self.budget.spend()
        plain = self._plain.get(node)
        if plain is None:
            plain = self._plain[node] = self._plain_successors(node)
        values = self.values.edges(node)
        if not values:
            return plain
        found = {target: list(atoms) for target, atoms in plain.items()}
        for target, score, atom in values:
            found.setdefault(target, []).append((score, atom))
        return found

    def _plain_successors(self, node: tuple[int, ...]) -> dict[tuple[int, ...], list]:
        """The edges out of ``node`` other than value atoms: constants, copies, loops and
        padded copies, none of which depend on the rows the ranking looks at."""
        outs = [ex.output for ex in self.examples]
        found: dict[tuple[int, ...], list] = {}

        i0 = node[0]
        separators = self._separators[0]
        inside_word = self._splits_word(node)
        for j0 in range(i0 + 1, len(outs[0]) + 1):
            text = outs[0][i0:j0]
            target = [j0]
            for e in range(1, self.k):
                if not outs[e].startswith(text, node[e]):
                    break
                target.append(node[e] + len(text))
            else:
                score = const_score_of(j0 - i0, separators[j0] - separators[i0])
                if inside_word or self._splits_word(target):
                    score -= CONST_SPLITS_WORD
                found.setdefault(tuple(target), []).append((score, text))
                continue
            break  # some output does not go on with this text, nor with any longer one

        for col in range(len(self.columns)):
            for case in self._cases(col):
                for target, first, last in self._copies(node, col, case):
                    punctuation = separators[target[0]] - separators[i0] == target[0] - i0
                    found.setdefault(target, []).append(_Copy(col, case, first, last, 0, punctuation))
        for target, atom in self.loop_edges(node) + self.padded_edges(node):
            found.setdefault(target, []).append(atom)
        return found

    def _bound(self, raw: list) -> float:
        """At least the score of the best atom of one edge, from the descriptors' priors alone
        (the sampled rows only ever lower a SubStr's score)."""
        bound = NEG_INF
        for x in raw:
            if type(x) is _Copy:
                ranker = self.columns[x.column].ranker
                score = ranker.top_prior(x.first) + ranker.top_prior(x.last) + WHOLE_RUN - ATOM_COST
                score -= PAD_COST if x.pad else CASE_CHANGE * bool(x.case) + SUB_PUNCTUATION * x.punctuation
            else:
                score = x[0]
            bound = max(bound, score)
        return bound

    def _scored(self, raw: list) -> list[tuple[float, Atom]]:
        """The best few (score, atom) of one edge's atoms, in the order they were found
        among equals."""
        atoms = []
        for x in raw:
            if type(x) is _Copy:
                pair_score, start_d, end_d = self.choose_pair(x.column, x.first, x.last)
                if x.pad:
                    score = -ATOM_COST - PAD_COST + pair_score
                else:
                    score = -ATOM_COST + pair_score
                    if x.case:
                        score -= CASE_CHANGE
                    if x.punctuation:
                        score -= SUB_PUNCTUATION
                x = (score, SubAtom(x.column, x.case, start_d, end_d, x.first, x.last, x.pad))
            atoms.append(x)
        return sorted(atoms, key=lambda x: -x[0])[:ATOMS_PER_EDGE]

    def _copies(self, node: tuple[int, ...], col: int, case: str) -> list[tuple[tuple[int, ...], frozenset, frozenset]]:
        """(target, start set, end set) of every SubStr of column ``col`` with ``case`` out
        of ``node``: what the ranking then chooses among (cached; it does not depend on it)."""
        key = (node, col, case)
        found = self._copy_edges.get(key)
        if found is not None:
            return found
        found = []
        occ = self._all_occurrences(col, case, node)
        if case and occ is not None and not self._case_shows(col, occ, node):
            occ = None  # every piece is its own input text: the plain copy gives it
        anchored = len(self.columns) > 1  # only then may a start set hold ColumnPos descriptors
        for starts, common in self._starts(col, occ) if occ is not None else ():
            choices = [(ends, common, last) for ends, last in self._ends(col, starts)]
            within = frozenset(d for d in common if d[0] != COLUMN) if anchored else common
            if within:
                choices += [(ends, within, last) for ends, last in self._shifts(starts)]
            offsets = tuple(i - a for i, (a, _) in zip(node, starts))
            for ends, first, last in choices:
                if case and (
                    self._identity_suffices(col, starts, ends, node)
                    or not self._case_holds(col, case, starts, ends, node)
                ):
                    continue
                found.append((tuple(map(add, offsets, ends)), first, last))
        self._copy_edges[key] = found
        return found

    def _case_shows(self, col: int, occ: list[list[tuple[int, int]]], node: tuple[int, ...]) -> bool:
        """Whether some example's output differs from its input text somewhere along a
        match of the case-changed text (else a case change copies nothing a plain copy
        does not)."""
        for ex, options, i in zip(self.examples, occ, node):
            raw, out = ex.row[col], ex.output
            for a, length in options:
                if raw[a:a + length] != out[i:i + length]:
                    return True
        return False

    def _splits_word(self, node: tuple[int, ...]) -> bool:
        """Whether ``node`` falls inside a word or a number of some example's output."""
        for inside, i in zip(self._inside, node):
            if inside[i]:
                return True
        return False

    def loop_edges(self, node: tuple[int, ...]) -> list[tuple[tuple[int, ...], tuple[float, "LoopAtom"]]]:
        """(target, (score, atom)) for the loop atoms out of ``node`` (see ``loops``); none
        inside a loop body."""
        if self.loops is None:
            return []
        return [(target, (score, atom)) for target, score, atom in self.loops.edges(self, node)]

    def padded_edges(self, node: tuple[int, ...]) -> list[tuple[tuple[int, ...], "_Copy"]]:
        """Copies of a whole number of the input with zeros in front, where every output
        has a number of one width at ``node`` (see ``padding``)."""
        width = output_number([ex.output for ex in self.examples], node)
        if not width:
            return []
        target = tuple(i + width for i in node)
        edges = []
        for col in range(len(self.columns)):
            occ = [padded_copies(ex.row[col], ex.output[i:i + width]) for ex, i in zip(self.examples, node)]
            if not all(occ):
                continue
            for starts, first in self._starts(col, occ):
                if all(length == width for _, length in starts):
                    continue
                last = frozenset.intersection(*(self.place_set(e, col, a + n) for e, (a, n) in enumerate(starts)))
                if last:
                    edges.append((target, _Copy(col, "", first, last, width, False)))
        return edges

    def choose_pair(self, col: int, first: frozenset, last: frozenset):
        """The (score, start, end) descriptors a SubStr between these position sets uses."""
        before = self._before(col, first) if (CPOS, -1, 0) in last else None
        return self.columns[col].ranker.best_pair(first, last, before)

    def _before(self, col: int, first: frozenset) -> str | None:
        """What precedes the start of a copy in every example (``left_context``), when it is
        the same in all of them (cached)."""
        key = (col, first)
        if key not in self._befores:
            d = min(first)
            found = {left_context(ex.row[col], self.place_of(e, col, d)) for e, ex in enumerate(self.examples)}
            self._befores[key] = found.pop() if len(found) == 1 else None
        return self._befores[key]

    def place_set(self, e: int, col: int, t: int) -> frozenset:
        """The descriptors pointing at index t of example e's column ``col``, those
        anchored on the example's other columns included (cached)."""
        return self.facts.place_set(self.rows[e], col, t)

    def place_of(self, e: int, col: int, d: tuple) -> int | None:
        """Where descriptor ``d`` points in example e's column ``col``: the t whose place set
        holds it, or None (cached)."""
        return self.facts.place_of(self.rows[e], col, d)

    def position(self, d: tuple, col: int):
        """The syntax-tree position for a descriptor."""
        return to_position(d, self.columns[col].tokens)

    def _starts(self, col: int, occ: list[list[tuple[int, int]]]):
        """(one occurrence per example, their joint start set) for every combination
        whose start places share a descriptor; grown an example at a time so that a
        combination that already disagrees is not extended."""
        partial: list[tuple[tuple[tuple[int, int], ...], tuple[int, ...], frozenset | None]] = [((), (), None)]
        for e, options in enumerate(occ):
            self.budget.spend(len(partial) * len(options))
            grown = []
            for chosen, places, common in partial:
                if common is None:
                    for a, length in options:
                        grown.append((chosen + ((a, length),), (a,), self.place_set(e, col, a)))
                    continue
                met = self._met(e, col, places, common, [a for a, _ in options])
                for (a, length), both in zip(options, met):
                    if both:
                        grown.append((chosen + ((a, length),), places + (a,), both))
            partial = grown
            if not partial:
                return []
        return [(chosen, common) for chosen, _, common in partial]

    def _met(self, e: int, col: int, places: tuple[int, ...], common: frozenset, ts) -> list:
        """``common`` (the joint set of the earlier examples' ``places``) intersected with the
        place set of example e at each index in ``ts``: one set operation each for a few
        indexes, else one pass over ``common`` (``_split``)."""
        split = self._joined.get((col, places))
        if split is None and len(ts) > self.split_at:
            split = self._split(e, col, places, common)
        if split is not None:
            return [split.get(t) for t in ts]
        out = []
        for t in ts:
            key = (col, places, t)
            both = self._meets.get(key)
            if both is None:
                both = self._meets[key] = common & self.place_set(e, col, t)
            out.append(both)
        return out

    def _split(self, e: int, col: int, places: tuple[int, ...], common: frozenset) -> dict[int, frozenset]:
        """``common`` (the joint set of the earlier examples' ``places``) split by where each
        descriptor points in example ``e``: its intersection with every place set of e, by
        increasing index (cached)."""
        key = (col, places)
        found = self._joined.get(key)
        if found is None:
            groups: dict[int, list] = {}
            for d in common:
                t = self.place_of(e, col, d)
                if t is not None:
                    groups.setdefault(t, []).append(d)
            found = self._joined[key] = {t: frozenset(groups[t]) for t in sorted(groups)}
        return found

    def _ends(self, col: int, starts: tuple[tuple[int, int], ...]):
        """(end places, their joint position set) for every combination of lengths that agrees."""
        partial: list[tuple[tuple[int, ...], frozenset | None]] = [((), None)]
        for e, (a, length) in enumerate(starts):
            self.budget.spend(len(partial) * length)
            grown = []
            for places, common in partial:
                if common is None:
                    for b in range(a + 1, a + length + 1):
                        here = self.place_set(e, col, b)
                        if here:
                            grown.append(((b,), here))
                    continue
                split = self._joined.get((col, places))
                if split is None and length > self.split_at:
                    split = self._split(e, col, places, common)
                if split is not None:  # its indexes in increasing order
                    grown.extend((places + (b,), both) for b, both in split.items() if a < b <= a + length)
                    continue
                for b, both in zip(range(a + 1, a + length + 1), self._met(e, col, places, common, range(a + 1, a + length + 1))):
                    if both:
                        grown.append((places + (b,), both))
            partial = grown
            if not partial:
                return []
        return partial

    @staticmethod
    def _shifts(starts: tuple[tuple[int, int], ...]) -> list[tuple[tuple[int, ...], frozenset]]:
        """Ends a fixed 1..MAX_SHIFT characters after the start, where every example allows it
        (the start must then be a position within the column, not a ColumnPos)."""
        room = min(length for _, length in starts)
        return [(tuple(a + k for a, _ in starts), _SHIFT_SETS[k]) for k in range(1, min(room, MAX_SHIFT) + 1)]

    def _case_holds(self, col, case, starts, ends, node) -> bool:
        """Whether the case change of each copied piece alone gives the output: a change that
        depends on the text around the piece (a final sigma, a word start) may not."""
        for e, ((a, _), b) in enumerate(zip(starts, ends)):
            piece = apply_case(self.examples[e].row[col][a:b], case)
            if piece != self.examples[e].output[node[e]:node[e] + b - a]:
                return False
        return True

    def _identity_suffices(self, col, starts, ends, node) -> bool:
        for e, ((a, _), b) in enumerate(zip(starts, ends)):
            piece = self.examples[e].row[col][a:b]
            if piece != self.examples[e].output[node[e]:node[e] + b - a]:
                return False
        return True

    def learn(self) -> tuple[float, Concatenate] | None:
        """The best trace and its score, or None when no trace fits every example."""
        found = self.learn_top(RERANKED)
        if not found:
            return None

        def whole(score: float, atoms: list[Atom]) -> float:
            return score + self.overlap_penalty(atoms) + bucket_bonus(atoms)

        score, atoms = least_unlike(self, sorted(found, key=lambda x: -whole(*x)), whole)
        return score, self.build(bucket_starts(atoms, self.examples))

    def learn_top(self, top: int) -> list[tuple[float, list[Atom]]]:
        """Up to ``top`` best atom sequences by score (k-best programme over the product)."""
        start = tuple(0 for _ in self.examples)
        goal = tuple(len(ex.output) for ex in self.examples)
        if start == goal:
            return [(0.0, [])]
        order, edges, _ = self.walk()
        Entry = tuple  # (total, target, atom, index into the target's list)
        best: dict[tuple[int, ...], list[Entry]] = {goal: [(0.0, None, None, 0)]}
        scored = self._scored_edges
        for node in order:
            options: list[Entry] = []
            kept: list[float] = []  # the ``top`` best totals so far, least first
            for target, raw in edges[node].items():
                rests = best.get(target)
                if not rests:
                    continue
                key = (node, target)
                atoms = scored.get(key)
                if atoms is None:
                    if self.bounded and len(kept) == top and self._bound(raw) + rests[0][0] < kept[0] - BOUND_SLACK:
                        continue  # no atom of this edge can make the best ``top``
                    atoms = scored[key] = self._scored(raw)
                for score, atom in atoms:  # best first, as are the rests: the totals only fall
                    for rank, rest in enumerate(rests[:top]):
                        total = score + rest[0]
                        if len(kept) < top:
                            heappush(kept, total)
                        elif total > kept[0]:
                            heapreplace(kept, total)
                        else:
                            break  # at most the worst of the best so far, found later: it cannot rank
                        options.append((total, target, atom, rank))
                    else:
                        continue
                    if rank == 0:
                        break  # this atom's best total cannot rank, so no later atom's can
            if options:
                options.sort(key=itemgetter(0), reverse=True)  # stable: equals keep their order
                best[node] = options[:top]
        found = []
        for total, target, atom, rank in best.get(start, ()):
            atoms = [atom]
            while target != goal:
                _, target, atom, rank = best[target][rank]
                atoms.append(atom)
            found.append((total, atoms))
        return found

    def walk(self):
        """(the nodes that lead to the goal, each after every node it leads to; every node's
        raw edges; the set of those nodes): a depth-first walk of the product from the
        start, in the order that decides which loops are tried (cached)."""
        if self._walk is None:
            start = tuple(0 for _ in self.examples)
            goal = tuple(len(ex.output) for ex in self.examples)
            done = {goal}
            live = {goal}
            edges: dict[tuple[int, ...], dict] = {}
            order = []
            stack = [start]
            while stack:
                node = stack[-1]
                if node in done:
                    stack.pop()
                    continue
                if node not in edges:
                    edges[node] = self._edges_of(node)
                    pending = [t for t in edges[node] if t not in done]
                    if pending:
                        stack.extend(pending)
                        continue
                done.add(node)
                if not live.isdisjoint(edges[node]):
                    live.add(node)
                    order.append(node)
                stack.pop()
            self._walk = order, edges, live
        return self._walk

    def reaches_goal(self, walked: bool) -> bool:
        """Whether some trace fits every example. With ``walked``, by the whole walk (which
        tries loops in its order); else by a search that stops at the first way to the goal,
        trying the farthest edges first: for when the edges no longer depend on the order
        nodes are met in (no loops to try)."""
        start = tuple(0 for _ in self.examples)
        goal = tuple(len(ex.output) for ex in self.examples)
        if start == goal:
            return True
        if walked or self._walk is not None:
            return start in self.walk()[2]
        dead = self._dead
        if start in dead:
            return False
        stack = [(start, iter(self._farthest_first(start)))]
        while stack:
            node, targets = stack[-1]
            target = next(targets, None)
            if target is None:
                dead.add(node)
                stack.pop()
            elif target == goal:
                return True
            elif target not in dead:
                stack.append((target, iter(self._farthest_first(target))))
        return False

    def _farthest_first(self, node: tuple[int, ...]) -> list[tuple[int, ...]]:
        return sorted(self._edges_of(node), key=lambda t: (-sum(t), t))

    def _edges_of(self, node: tuple[int, ...]) -> dict[tuple[int, ...], list]:
        """The raw edges out of ``node`` (cached)."""
        found = self._raw.get(node)
        if found is None:
            found = self._raw[node] = self._raw_successors(node)
        return found

    def overlap_penalty(self, atoms: list[Atom]) -> float:
        """Penalty for reading the same input text twice: on real data, pieces of an
        output come from different places, and a repeat usually means a coincidence."""
        subs = [a for a in atoms if isinstance(a, SubAtom)]
        penalty = 0.0
        for i, x in enumerate(subs):
            for y in subs[i + 1:]:
                if x.column == y.column and self._overlaps(x, y):
                    penalty -= OVERLAP
        return penalty

    def _overlaps(self, x: SubAtom, y: SubAtom) -> bool:
        for e in range(self.k):
            m, row = self.masks[e][x.column], self.examples[e].row
            xs, xe, ys, ye = (*_span(x, m, row), *_span(y, m, row))
            if max(xs, ys) < min(xe, ye):
                return True
        return False

    def build(self, atoms: list[Atom], choice: dict[int, tuple] | None = None) -> Concatenate:
        """The Concatenate for an atom sequence; ``choice`` overrides descriptors by atom index."""
        built = []
        for i, atom in enumerate(atoms):
            if isinstance(atom, str):
                built.append(ConstStr(atom))
                continue
            if isinstance(atom, LoopAtom):
                built.append(atom.loop)
                continue
            if isinstance(atom, ValueAtom):
                built.append(atom.build(self.position(atom.start, atom.column), self.position(atom.end, atom.column)))
                continue
            start, end = (choice or {}).get(i, (atom.start, atom.end))
            first = self.position(start, atom.column)
            last = Shift(first, end[1]) if end[0] == SHIFT else self.position(end, atom.column)
            built.append(SubStr(atom.column, first, last, atom.case, atom.pad))
        return Concatenate(tuple(_merge_constants(built)))

    def variants(self, score: float, atoms: list[Atom], size: int = 4) -> list[tuple[float, Concatenate]]:
        """Other choices of start and end for each SubStr of a trace, with their scores."""
        out = []
        for i, atom in enumerate(atoms):
            if not isinstance(atom, SubAtom):
                continue
            ranker = self.columns[atom.column].ranker
            chosen = ranker.pair_score(atom.start, atom.end)
            for _, d1 in ranker.ranked(atom.starts, 0, size):
                for _, d2 in ranker.ranked(atom.ends, 0, size):
                    if (d1, d2) != (atom.start, atom.end):
                        delta = ranker.pair_score(d1, d2) - chosen
                        out.append((score + delta, self.build(atoms, {i: (d1, d2)})))
        return out


def _span(atom: SubAtom, masks: Masks, row: tuple[str, ...]) -> tuple[int, int]:
    """Where a SubStr atom starts and ends in one example (both defined there)."""
    start = evaluate_in_row(atom.start, masks, row, atom.column)
    end = start + atom.end[1] if atom.end[0] == SHIFT else evaluate_in_row(atom.end, masks, row, atom.column)
    return start, end


def _prefix_counts(text: str) -> list[int]:
    """How many separators ``text`` has before each index 0..len."""
    counts = [0]
    for ch in text:
        counts.append(counts[-1] + is_separator(ch))
    return counts


def _inside_words(text: str) -> list[bool]:
    """For each index 0..len, whether it falls inside a word or a number of ``text``."""
    return [0 < i < len(text) and _inside_word(text[i - 1], text[i], text[i + 1:i + 2]) for i in range(len(text) + 1)]


def _inside_word(a: str, b: str, after: str = "") -> bool:
    """Whether the letters ``a`` then ``b`` belong to one word ("ru", "Ab", "AB", not "nS"),
    or ``a`` then ``b`` (then ``after``) to one number ("24", "1.6")."""
    if a.isdigit():
        return b.isdigit() or b in ".," and after.isdigit()
    return a.isalpha() and b.islower() or a.isupper() and b.isupper()


def _merge_constants(atoms: list) -> list:
    merged: list = []
    for atom in atoms:
        if merged and isinstance(atom, ConstStr) and isinstance(merged[-1], ConstStr):
            merged[-1] = ConstStr(merged[-1].text + atom.text)
        else:
            merged.append(atom)
    return merged
