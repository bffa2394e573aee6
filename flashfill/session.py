"""An interactive learning session: examples and unlabeled rows come in, programs,
their runners-up and the rows worth labeling next go out (DESIGN.md §4–§5).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from operator import ne

from .language.program import Program, as_row
from .learning.context import sample_rows
from .learning.learner import DEFAULT_TIMEOUT, Learned, learn_all
from .trust import Judge, Unsure

Row = tuple[str, ...]
#: Runners-up this far below the best score are not considered plausible.
PLAUSIBLE_MARGIN = 1.5
#: Runners-up this far below the best score can make a filled row unsure: closer than
#: the plausible ones (a number read as a value where the best copies its digits is
#: about 0.6 below, and flags every leading zero).
RIVAL_MARGIN = 0.5
#: Rows on which candidate programs are told apart.
DISTINCTION_ROWS = 200
#: Programs (the best included) whose disagreements make a row ambiguous.
AMBIGUITY_PROGRAMS = 3


@dataclass(frozen=True, slots=True)
class Ambiguity:
    """A row on which plausible programs disagree: label it to settle which is meant."""

    index: int
    row: Row
    outputs: tuple[str | None, ...]


@dataclass(frozen=True, slots=True)
class Suspicion:
    """An example that contradicts the others: only a branch of its own explains it."""

    index: int
    row: Row
    given: str
    expected: str | None

    def __str__(self) -> str:
        hint = f"; the other examples suggest {self.expected!r}" if self.expected is not None else ""
        return f"example {self.index + 1} ({_show(self.row)} -> {self.given!r}) looks wrong{hint}"


def _show(row: Row) -> str:
    return repr(row[0]) if len(row) == 1 else repr(row)


class Session:
    """Collects examples and unlabeled rows; learns on demand and caches the result.

    >>> s = Session()
    >>> s.add_example("John Smith", "Smith")
    >>> s.add_inputs(["Ada Lovelace", "Mary Ann Lee"])
    >>> s.learn()("Ada Lovelace")
    'Lovelace'
    >>> [a.row for a in s.ambiguous_rows()]
    [('Mary Ann Lee',)]
    >>> [(u.index, u.output, u.alternatives) for u in s.unsure_rows()]
    [(1, 'Lee', ('Ann Lee', 'Ann'))]
    """

    def __init__(self, *, timeout: float | None = DEFAULT_TIMEOUT) -> None:
        self.timeout = timeout
        self._examples: list[tuple[Row, str]] = []
        self._inputs: list[Row] = []
        self._learned: Learned | None = None
        self._judge: Judge | None = None

    @property
    def examples(self) -> list[tuple[Row, str]]:
        return list(self._examples)

    @property
    def inputs(self) -> list[Row]:
        return list(self._inputs)

    def add_example(self, row: str | Sequence[str], output: str) -> None:
        """Add one example; contradictions are reported by ``learn``, naming both examples."""
        if not isinstance(output, str):
            raise TypeError(f"the output must be str, not {type(output).__name__}")
        self._examples.append((as_row(row), output))
        self._learned = self._judge = None

    def add_inputs(self, rows: Iterable[str | Sequence[str]]) -> None:
        """Add unlabeled rows: the ranker prefers programs that make sense on them."""
        self._inputs.extend(as_row(r) for r in rows)
        self._learned = self._judge = None

    def _learn(self) -> Learned:
        if self._learned is None:
            self._learned = learn_all(self._examples, self._inputs, timeout=self.timeout)
        return self._learned

    def learn(self) -> Program:
        """The best program; raises ``LearnError`` when none fits the examples."""
        return self._learn().program

    def learn_top(self, k: int = 3) -> list[Program]:
        """Up to ``k`` programs, best first, each behaving differently on the session's rows."""
        return [p for _, p in self._distinct()[:k]]

    def _distinct(self) -> list[tuple[float, Program]]:
        rows = sample_rows(self._inputs + [r for r, _ in self._examples], DISTINCTION_ROWS)
        seen: set[tuple] = set()
        out = []
        for score, program in self._learn().alternatives or [(0.0, self._learn().program)]:
            behaviour = tuple(program.run(r) for r in rows)
            if behaviour not in seen:
                seen.add(behaviour)
                out.append((score, program))
        return out

    def _rivals(self) -> list[Program]:
        """Runners-up within ``RIVAL_MARGIN`` of the best program's score that read the examples
        the same way on most rows: they disagree with it on at most half of the session's rows (one that
        disagrees on more is another reading altogether, which the ranking settled)."""
        program, distinct = self.learn(), self._distinct()
        best_score = distinct[0][0]
        plausible = [p for s, p in distinct[:AMBIGUITY_PROGRAMS] if s >= best_score - RIVAL_MARGIN and p != program]
        if not plausible:
            return []
        rows = sample_rows(self._inputs + [r for r, _ in self._examples], DISTINCTION_ROWS)
        best = program.map(rows)
        return [p for p in plausible if 2 * sum(map(ne, p.map(rows), best)) <= len(rows)]

    def judge(self) -> Judge:
        """What decides which filled values may be wrong; ``judge().unsure_rows(rows)`` judges any
        rows (a file's, chunk by chunk) the way ``unsure_rows()`` judges the session's."""
        if self._judge is None:
            learned = self._learn()
            examples = [self._examples[i] for i in _deduplicated(self._examples)]
            self._judge = Judge(learned.program, examples, learned.branches, self._rivals())
        return self._judge

    def unsure_rows(self) -> list[Unsure]:
        """Rows of ``add_inputs`` whose filled value may be wrong, in row order, each with
        its reasons in words and the other values that fit the examples (DESIGN.md §4)."""
        return self.judge().unsure_rows(self._inputs)

    def ambiguous_rows(self) -> list[Ambiguity]:
        """Rows of ``add_inputs`` on which the plausible programs disagree, most informative
        first (those that split the most probable programs): the rows to label next."""
        distinct = self._distinct()
        if len(distinct) < 2:
            return []
        best_score = distinct[0][0]
        plausible = [(s, p) for s, p in distinct if s >= best_score - PLAUSIBLE_MARGIN][:AMBIGUITY_PROGRAMS]
        if len(plausible) < 2:
            return []
        weights = [math.exp(s - best_score) for s, _ in plausible]
        found = []
        for index, row in enumerate(self._inputs):
            outputs = [p.run(row) for _, p in plausible]
            if len(set(outputs)) < 2:
                continue
            weight = sum(w for w, out in zip(weights, outputs) if out != outputs[0])
            found.append((-weight, index, Ambiguity(index, row, tuple(dict.fromkeys(outputs)))))
        found.sort(key=lambda x: x[:2])
        return [a for _, _, a in found]

    def suspicious_examples(self) -> list[Suspicion]:
        """Examples that look like typos: each alone in a branch, while the other
        examples all fit one program."""
        learned = self._learn()
        kept = _deduplicated(self._examples)
        return [Suspicion(kept[i], *self._examples[kept[i]], expected) for i, expected in learned.suspicious]

    def unmatched_rows(self) -> list[int]:
        """Indexes of input rows the program leaves empty: the branch they fall into
        (the last branch takes every row the others do not) cannot fill them."""
        run = self.learn().run
        return [i for i, row in enumerate(self._inputs) if run(row) is None]


def _deduplicated(examples: list[tuple[Row, str]]) -> list[int]:
    """Indexes of the examples the learner keeps (repeats of a row dropped), in its order."""
    seen: set[Row] = set()
    out = []
    for index, (row, _) in enumerate(examples):
        if row not in seen:
            seen.add(row)
            out.append(index)
    return out
