"""``learn``: from examples (and unlabeled rows) to the best-ranked Program."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ..errors import LearnError
from ..language.conditionals import Guard, Switch
from ..language.expressions import Concatenate
from ..language.program import Program, as_row
from .context import Budget, OutOfBudget, column_tokens, common_words, sample_rows
from .guards import MISROUTED, Predicate, bit_set, learn_guard, predicates
from .loops import Loops
from .partitions import Group, partition
from .row_facts import RowFacts
from .traces import ColumnData, Example, TraceLearner
from .typos import looks_like_typo

#: The learning budget: units of work (see ``Budget``), which decide, and a wall-clock
#: limit in seconds, a last resort far above what the work takes on a slow machine.
DEFAULT_WORK = 1_000_000
DEFAULT_TIMEOUT = 30.0
#: Runners-up per branch that the session compares.
ALTERNATIVE_TRACES = 8
RowLike = str | Sequence[str]


def normalize_examples(examples: Iterable[tuple[RowLike, str]]) -> list[Example]:
    """Examples as rows of str with str outputs; duplicates dropped; contradictions refused."""
    seen: dict[tuple[str, ...], tuple[int, str]] = {}
    out: list[Example] = []
    for index, pair in enumerate(examples):
        try:
            row, output = pair
        except (TypeError, ValueError):
            raise TypeError(f"example {index + 1} is not a (row, output) pair: {pair!r:.80}") from None
        if not isinstance(output, str):
            raise TypeError(f"the output of example {index + 1} is {type(output).__name__}, not str")
        values = as_row(row)
        if values in seen:
            first, earlier = seen[values]
            if earlier != output:
                raise LearnError(
                    f"examples {first + 1} and {index + 1} have the same input {_show(values)} "
                    f"but different outputs {earlier!r} and {output!r}",
                    (first, index),
                )
            continue
        seen[values] = (index, output)
        out.append(Example(values, output))
    if not out:
        raise LearnError("no examples given")
    return out


def _show(row: tuple[str, ...]) -> str:
    return repr(row[0]) if len(row) == 1 else repr(row)


@dataclass
class Learned:
    """What one learning run found: the best program, runners-up, and diagnostics."""

    program: Program
    #: (score, program) for the best program and its runners-up, best first; several
    #: may behave the same way on a given set of rows.
    alternatives: list[tuple[float, Program]] = field(default_factory=list)
    #: Indexes of examples that only a branch of their own explains, while all the
    #: other examples share one trace: the likely typos.
    suspicious: list[tuple[int, str | None]] = field(default_factory=list)
    #: The examples (indexes after duplicates are dropped) each case of the program's
    #: Switch was learned from, in the order of the cases.
    branches: list[tuple[int, ...]] = field(default_factory=list)


def learn(
    examples: Iterable[tuple[RowLike, str]],
    inputs: Iterable[RowLike] | None = None,
    *,
    timeout: float | None = DEFAULT_TIMEOUT,
    work: int | None = DEFAULT_WORK,
) -> Program:
    """Learn the best-ranked program that reproduces every example.

    ``inputs`` are unlabeled rows (typically the whole input column): the ranker
    prefers programs defined on them. Raises ``LearnError`` when no program fits,
    or when the budget (``work`` units, ``timeout`` seconds) runs out first.

    >>> p = learn([("John Smith", "Smith, J.")], inputs=["Jane Doe", "Alan Turing"])
    >>> p("Jane Doe"), p("Alan Turing")
    ('Doe, J.', 'Turing, A.')
    """
    return learn_all(examples, inputs, timeout=timeout, work=work, alternatives=False).program


def learn_all(
    examples: Iterable[tuple[RowLike, str]],
    inputs: Iterable[RowLike] | None = None,
    *,
    timeout: float | None = DEFAULT_TIMEOUT,
    work: int | None = DEFAULT_WORK,
    alternatives: bool = True,
) -> Learned:
    """Like ``learn``, also returning runners-up and suspicious examples (for the session)."""
    budget = Budget(work, timeout)
    exs = normalize_examples(examples)
    width = len(exs[0].row)
    for i, ex in enumerate(exs):
        if len(ex.row) != width:
            raise LearnError(f"example {i + 1} has {len(ex.row)} columns, example 1 has {width}", (0, i))
    unlabeled = [as_row(r) for r in inputs] if inputs is not None else []
    for i, row in enumerate(unlabeled):
        if len(row) != width:
            raise ValueError(f"input row {i + 1} has {len(row)} columns, the examples have {width}")
    sample = sample_rows(unlabeled) if unlabeled else []
    synthesizer = Synthesizer(exs, _column_data(exs, sample, width), sample, budget)
    try:
        switch = synthesizer.switch()
    except OutOfBudget as out:
        limit = f"{work:,} units of work" if out.args == ("work",) else f"{timeout:g} s"
        raise LearnError(
            f"no program found within the learning budget of {limit} for {len(exs)} examples; "
            "try fewer or shorter examples"
        ) from None
    learned = Learned(Program(switch, width), branches=[tuple(sorted(g)) for g, _, _ in synthesizer.groups])
    if alternatives:
        try:
            learned.alternatives = [(score, Program(s, width)) for score, s in synthesizer.alternatives(switch)]
            learned.suspicious = synthesizer.suspicious()
        except OutOfBudget:
            pass
    return learned


class Synthesizer:
    """One trace for all examples if there is one, else guarded branches (DESIGN.md §4)."""

    def __init__(self, exs: list[Example], columns: list[ColumnData], sample: list[tuple[str, ...]], budget: Budget) -> None:
        self.exs, self.columns, self.sample, self.budget = exs, columns, sample, budget
        self.learners: dict[Group, TraceLearner] = {}
        self.traces: dict[Group, tuple[float, Concatenate] | None] = {}
        #: Groups found to have no trace: no group containing one of them has one either.
        self.failed: list[Group] = []
        self.groups: list[tuple[Group, float, Concatenate]] = []
        self.loops = Loops()
        self.facts = RowFacts(columns)

    def learner(self, group: Group) -> TraceLearner:
        if group not in self.learners:
            self.learners[group] = TraceLearner(
                [self.exs[i] for i in sorted(group)], self.columns, self.budget, self.loops, self.facts
            )
        return self.learners[group]

    def fits(self, group: Group) -> bool:
        """Whether one trace fits the examples of ``group``. Once no more loops are tried,
        a search that stops at the first way through says so; before, the whole walk of the
        product does (the order it meets nodes in decides which loops are tried)."""
        if group in self.traces:
            return self.traces[group] is not None
        if any(failed <= group for failed in self.failed):
            self.traces[group] = None
            return False
        if not self.learner(group).reaches_goal(walked=not self.loops.exhausted):
            self.traces[group] = None
            self.failed.append(group)
            return False
        return True

    def trace_of(self, group: Group) -> tuple[float, Concatenate] | None:
        if group not in self.traces:
            if any(failed <= group for failed in self.failed):
                self.traces[group] = None
            else:
                self.traces[group] = self.learner(group).learn()
                if self.traces[group] is None:
                    self.failed.append(group)
        return self.traces[group]

    def switch(self) -> Switch:
        exs = self.exs
        everyone = frozenset(range(len(exs)))
        whole = self.trace_of(everyone)
        if whole is not None:
            self.groups = [(everyone, whole[0], whole[1])]
            return Switch(((Guard(), whole[1]),))
        self.groups = sorted(partition(len(exs), self.fits, self.trace_of), key=lambda g: (-len(g[0]), min(g[0])))
        guards = self.guards()
        self.groups = self.relearned(guards)
        return Switch(tuple(zip(guards, (t for _, _, t in self.groups))))

    def relearned(self, guards: list[Guard]) -> list[tuple[Group, float, Concatenate]]:
        """Each branch's trace ranked again on only the sampled rows its guard receives."""
        if not self.sample:
            return self.groups
        routed: list[list[int]] = [[] for _ in guards]
        route = Switch(tuple(zip(guards, (t for _, _, t in self.groups)))).router()
        for r, row in enumerate(self.sample):
            branch = route(row)
            if branch is not None:
                routed[branch].append(r)
        out = []
        for (group, score, trace), rows in zip(self.groups, routed):
            received = [self.sample[r] for r in rows]
            columns = [data.restricted(received) for data in self.columns]
            learner = self.learner(group).ranked_on(columns)
            found = learner.learn()
            if found is not None:
                self.learners[group] = learner
                score, trace = found
            out.append((group, score, trace))
        return out

    def guards(self) -> list[Guard]:
        """A guard per group, in the order the groups are tried; reorders ``self.groups``.

        One group is the default: it comes last and its guard always holds, so every
        row gets a branch. Each other group's guard holds on its examples and on none
        of the later groups'. The default is the group that leaves the cheapest guards
        to the others, sampled rows sent to a branch that cannot fill them counting
        against it; ties go to the larger group, then to the earlier example.
        """
        preds = predicates(self.exs, self.sample, self.columns)
        defined = [_defined_on(trace, self.sample) for _, _, trace in self.groups]
        best: tuple[tuple[float, int, int], list[int], list[Guard]] | None = None
        for default in range(len(self.groups)):
            self.budget.spend(len(preds))
            order = [g for g in range(len(self.groups)) if g != default] + [default]
            found = self._guards_in_order(order, preds, defined)
            if found is None:
                continue
            guards, cost = found
            key = (cost, -len(self.groups[default][0]), default)
            if best is None or key < best[0]:
                best = (key, order, guards)
        if best is None:
            everyone = (1 << len(self.exs)) - 1
            group = next(
                group for group, _, _ in self.groups
                if learn_guard(_group_mask(group), everyone & ~_group_mask(group), preds, 0, 0) is None
            )
            raise LearnError(
                "no single program produces all the examples, and no condition tells apart "
                + "; ".join(f"{_show(self.exs[i].row)} -> {self.exs[i].output!r}" for i in sorted(group)[:3])
                + " from the other examples",
                tuple(sorted(group)),
            )
        _, order, guards = best
        self.groups = [self.groups[g] for g in order]
        return guards

    def _guards_in_order(
        self, order: list[int], preds: list[Predicate], defined: list[int]
    ) -> tuple[list[Guard], float] | None:
        """Guards for the groups tried in ``order`` (the last always holds) and their total
        cost, or None when some group cannot be told apart from the groups after it."""
        later = (1 << len(self.exs)) - 1
        guards, total = [], 0.0
        unrouted = (1 << len(self.sample)) - 1
        size = len(self.sample)
        for g in order[:-1]:
            positives = _group_mask(self.groups[g][0])
            later &= ~positives
            found = learn_guard(positives, later, preds, defined[g] & unrouted, size)
            if found is None:
                return None
            guard, cost = found
            guards.append(guard)
            total += cost
            unrouted &= ~bit_set(map(guard.evaluator(), self.sample))
        if size:
            total += MISROUTED * (unrouted & ~defined[order[-1]]).bit_count() / size
        return guards + [Guard()], total

    def alternatives(self, best: Switch) -> list[tuple[float, Switch]]:
        """Runners-up: other traces of each group (k-best, and other position choices),
        the rest of the program kept as it is."""
        out: list[tuple[float, Switch]] = []
        base = sum(score for _, score, _ in self.groups)
        out.append((base, best))
        for b, (group, score, _) in enumerate(self.groups):
            learner = self.learner(group)
            top = learner.learn_top(ALTERNATIVE_TRACES)
            candidates = [(s, learner.build(atoms)) for s, atoms in top]
            if top:
                candidates += learner.variants(*top[0])
            for s, trace in candidates:
                cases = list(best.cases)
                cases[b] = (cases[b][0], trace)
                out.append((base - score + s, Switch(tuple(cases))))
        out.sort(key=lambda x: -x[0])
        return out

    def suspicious(self) -> list[tuple[int, str | None]]:
        """Examples that sit alone in a branch while every other example fits one trace
        that would have given them nearly their output (a slip of the keyboard away),
        with that output."""
        if len(self.groups) < 2 or len(self.exs) < 3:
            return []
        everyone = frozenset(range(len(self.exs)))
        found = []
        for group, _, _ in self.groups:
            if len(group) != 1:
                continue
            (i,) = group
            rest = self.trace_of(everyone - group)
            if rest is not None:
                expected = rest[1].evaluator()(self.exs[i].row, 0)
                if looks_like_typo(self.exs[i].output, expected, self.exs[i].row):
                    found.append((i, expected))
        return found


def _group_mask(group: Group) -> int:
    return sum(1 << i for i in group)


def _defined_on(trace: Concatenate, sample: list[tuple[str, ...]]) -> int:
    run = trace.evaluator()
    return bit_set(run(row, 0) is not None for row in sample)


def _column_data(exs: list[Example], sample: list[tuple[str, ...]], width: int) -> list[ColumnData]:
    data = []
    for col in range(width):
        examples, rows = [ex.row[col] for ex in exs], [row[col] for row in sample]
        strings = list(dict.fromkeys(examples + rows))
        tokens = column_tokens(strings, common_words(examples, rows))
        data.append(ColumnData(tokens, col, sample))
    return data
