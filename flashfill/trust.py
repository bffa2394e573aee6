"""Which filled rows may be wrong, and why: the judge behind ``Session.unsure_rows()``.

A filled value is doubtful when what the learner knows does not vouch for it: the
program gives no value; a plausible runner-up gives another one; the value is typed
by the program rather than taken from the row; the row's case rests on one example,
or was chosen by conditions no example of it tested; the row or its value looks
unlike every example's; the program types a word that only one example shows, or
a text that the examples' inputs held and this row's input does not. The signals
were weighed on the public benchmarks' fill-the-column protocol (``make bench``
prints their recall and precision). Each is computed once per distinct row.
"""

from __future__ import annotations

import re
import string
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress, repeat
from operator import eq, is_not, not_

import regex

from .language.expressions import Concatenate, ConstStr, Loop, Row
from .language.program import Program

NO_VALUE = "the program gives no value for this row"
RUNNER_UP = "another program that fits the examples gives another value"
TYPED = "the value is typed by the program, not taken from the row"
LONE_CASE = "its case of the program rests on a single example"
UNTESTED_ROUTE = "the conditions that chose its case were never tested on an example like it"
UNLIKE_INPUT = "its input looks unlike the input of every example of its case"
UNLIKE_OUTPUT = "its value looks unlike every example's"
ONE_EXAMPLE_WORD = "the program types a word or number that a single example shows"
COPIED_CONSTANT = "the program types a text the examples had in their input, and this row's input lacks it"

_LETTER_WORDS = regex.compile(r"[\p{L}\p{M}]+(?:\s+[\p{L}\p{M}]+)*")
_DIGITS = regex.compile(r"\p{Nd}+")
_SPACES = regex.compile(r"\s+")
_REPEATS = regex.compile(r"(.)\1+", regex.DOTALL)
_ALNUM_RUN = regex.compile(r"[\p{L}\p{M}\p{Nd}]+")
_ASCII_CLASSES = str.maketrans(
    {**dict.fromkeys(string.ascii_letters, "a"), **dict.fromkeys(string.digits, "0"), **dict.fromkeys(string.whitespace, " ")}
)
_ASCII_RUNS = [(re.compile(f"{c}+"), c) for c in "a0 "]
_ASCII_REPEATS = re.compile("([^a0 \x00\x01])\\1+", re.DOTALL)
_ASCII_WORDS = re.compile(r"a(?: a)+")


@dataclass(frozen=True, slots=True)
class Unsure:
    """A row whose filled value may be wrong: ``index`` into the rows judged, the value
    filled (None: none), why in words, and other values that fit the examples."""

    index: int
    row: Row
    output: str | None
    reasons: tuple[str, ...]
    alternatives: tuple[str | None, ...] = ()

    @property
    def outputs(self) -> tuple[str | None, ...]:
        """The value filled, then the alternatives (like ``Ambiguity.outputs``)."""
        return (self.output, *self.alternatives)


@lru_cache(maxsize=1 << 16)
def shape(text: str) -> str:
    """The outline of a text: words (letters, a space between words included) become
    'a', numbers '0', spaces ' '; other characters stay, a repeated one once.

    >>> shape("Ann Arbor, MI, USA"), shape("(509) 555-1234"), shape("3.25"), shape("Zoë  Šimůnek--7")
    ('a, a, a', '(0) 0-0', '0.0', 'a-0')
    """
    if text.isascii() and "\x00" not in text:
        return _ascii_shape(text)
    text = _DIGITS.sub("0", _LETTER_WORDS.sub("a", text))
    return _REPEATS.sub(r"\1", _SPACES.sub(" ", text))


_SEPARATOR = "\x00\x01"


def shapes(texts: list[str]) -> list[str]:
    """``[shape(t) for t in texts]``, for ASCII text in a few passes over all of it at once.

    >>> shapes(["Ann Arbor, MI", "", "  ", "12-34"])
    ['a, a', '', ' ', '0-0']
    """
    joined = _SEPARATOR.join(texts)
    if not joined.isascii() or "\x00" in joined.replace(_SEPARATOR, ""):
        return [shape(t) for t in texts]
    return _ascii_shape(joined).split(_SEPARATOR)


def _ascii_shape(text: str) -> str:
    """``shape`` of ASCII text without NUL: a translation and a few plain substitutions."""
    text = text.translate(_ASCII_CLASSES)
    for run, one in _ASCII_RUNS:
        text = run.sub(one, text)
    return _ASCII_WORDS.sub("a", _ASCII_REPEATS.sub(r"\1", text))


class Judge:
    """Decides which filled values of any rows may be wrong.

    ``examples`` are the (row, output) pairs the program was learned from (no two
    with the same row), ``cases`` the example indexes each case of its Switch was
    learned from, ``runners_up`` the plausible other programs, most plausible first.

    >>> from flashfill import learn
    >>> examples = [(("John Smith",), "Smith")]
    >>> judge = Judge(learn(examples), examples, [(0,)])
    >>> [(u.index, u.output, u.reasons) for u in judge.unsure_rows([("Ada Lovelace",), ("Mr. Bean",)])]
    [(1, 'Bean', ('its input looks unlike the input of every example of its case',))]
    """

    def __init__(
        self,
        program: Program,
        examples: Sequence[tuple[Row, str]],
        cases: Sequence[Sequence[int]],
        runners_up: Sequence[Program] = (),
    ) -> None:
        switch = program.switch
        if len(cases) != len(switch.cases):
            raise ValueError(f"{len(cases)} groups of examples for {len(switch.cases)} cases")
        self.program, self.runners_up = program, list(runners_up)
        self._sizes = [len(c) for c in cases]
        self._route = switch.router()
        self._read = sorted(program.columns_used())
        tests = list(dict.fromkeys(m for guard, _ in switch.cases for conj in guard.disjuncts for m in conj))
        self._tests = [m.evaluator() for m in tests]
        rows = [[examples[i][0] for i in c] for c in cases]
        self._tested = [{self._signature(row) for row in case_rows} for case_rows in rows]
        self._inputs = [{self._input_shape(row) for row in case_rows} for case_rows in rows]
        self._outputs = {shape(out) for _, out in examples}
        self._typed = [all(isinstance(a, ConstStr) for a in trace.atoms) for _, trace in switch.cases]
        self._words = [any(_ALNUM_RUN.search(t) for t in _constants(trace)) for _, trace in switch.cases]
        self._copied = [_copied_constants(trace, case_rows) for (_, trace), case_rows in zip(switch.cases, rows)]
        self._row_dependent = (len(cases) > 1 or bool(self._tests) or self._typed[0] or bool(self._copied[0])
                               or self._sizes[0] == 1 and self._words[0])

    def _signature(self, row: Row) -> tuple[bool, ...]:
        """The truth of every predicate the guards test."""
        return tuple(test(row) for test in self._tests)

    def _input_shape(self, row: Row) -> tuple[str, ...]:
        return tuple(shape(row[c]) for c in self._read)

    def columns_used(self) -> set[int]:
        """The input columns the judgement reads: the program's and its runners-up's."""
        return set().union(self.program.columns_used(), *(p.columns_used() for p in self.runners_up))

    def unsure_rows(self, rows: Sequence[Row]) -> list[Unsure]:
        """The doubtful rows among ``rows`` (``index`` into ``rows``), in row order."""
        return self.judged(rows)[1]

    def judged(self, rows: Sequence[Row]) -> tuple[list[str | None], list[Unsure]]:
        """The program's output on each of ``rows`` and the doubtful ones among them
        (what a fill writes and marks, in one pass).

        >>> from flashfill import learn
        >>> examples = [(("John Smith",), "Smith")]
        >>> Judge(learn(examples), examples, [(0,)]).judged([("Ada Lovelace",), ("Mr. Bean",)])[0]
        ['Lovelace', 'Bean']
        """
        distinct = list(dict.fromkeys(rows))
        outputs = self.program.map(distinct)
        others = [p.map(distinct) for p in self.runners_up]
        columns = [shapes([row[c] for row in distinct]) for c in self._read]
        inputs = list(zip(*columns)) if columns else [()] * len(distinct)
        values = shapes(["" if out is None else out for out in outputs])
        verdicts: dict[Row, tuple[str | None, tuple[str, ...], tuple[str | None, ...]]] = {}
        for k in self._doubtful(outputs, others, inputs, values):
            row, output = distinct[k], outputs[k]
            alternatives = tuple(dict.fromkeys(o[k] for o in others if o[k] != output))
            reasons = self._reasons(row, output, bool(alternatives), inputs[k], values[k])
            if reasons:
                verdicts[row] = (output, reasons, alternatives)
        found = dict(zip(distinct, outputs))
        written = [found[row] for row in rows] if len(distinct) < len(rows) else outputs
        return written, [Unsure(i, row, *verdicts[row]) for i, row in enumerate(rows) if row in verdicts]

    def _doubtful(self, outputs: list[str | None], others: list[list[str | None]], inputs: list[tuple[str, ...]],
                  values: list[str]) -> Sequence[int]:
        """The positions whose reasons must be weighed: all of them when a reason can come from
        the row's case or words, else only those with no value, a disputed value, or an input
        or value of a new shape (found in C-level passes, as most rows of a file have none)."""
        if self._row_dependent:
            return range(len(outputs))
        calm = map(all, zip(map(self._outputs.__contains__, values), map(self._inputs[0].__contains__, inputs),
                            map(is_not, outputs, repeat(None)), *(map(eq, outputs, other) for other in others)))
        return list(compress(range(len(outputs)), map(not_, calm)))

    def reasons(self, row: Row, output: str | None, disputed: bool = False) -> tuple[str, ...]:
        """Why the program's ``output`` on ``row`` may be wrong (empty: nothing says so);
        ``disputed`` when a runner-up gives another value."""
        return self._reasons(row, output, disputed, self._input_shape(row), shape(output or ""))

    def _reasons(
        self, row: Row, output: str | None, disputed: bool, input_shape: tuple[str, ...], output_shape: str
    ) -> tuple[str, ...]:
        if output is None:
            return (NO_VALUE,)
        reasons = [RUNNER_UP] if disputed else []
        case = self._route(row)
        assert case is not None, "a row with a value has a case"
        if self._typed[case]:
            reasons.append(TYPED)
        if len(self._sizes) > 1 and self._sizes[case] == 1:
            reasons.append(LONE_CASE)
        if self._tests and self._signature(row) not in self._tested[case]:
            reasons.append(UNTESTED_ROUTE)
        if self._read and input_shape not in self._inputs[case]:
            reasons.append(UNLIKE_INPUT)
        if output_shape not in self._outputs:
            reasons.append(UNLIKE_OUTPUT)
        if self._sizes[case] == 1 and self._words[case]:
            reasons.append(ONE_EXAMPLE_WORD)
        if self._copied[case]:
            folded = [v.casefold() for v in row]
            if any(not any(text in v for v in folded) for text in self._copied[case]):
                reasons.append(COPIED_CONSTANT)
        return tuple(reasons)


def _copied_constants(trace: Concatenate, rows: list[Row]) -> list[str]:
    """The words and numbers of the trace's constants found in the input of every example
    of its case (casefolded): texts the program types where it might have copied them."""
    found = []
    for text in _constants(trace):
        for word in _ALNUM_RUN.findall(text.casefold()):
            if rows and all(any(word in v.casefold() for v in row) for row in rows):
                found.append(word)
    return list(dict.fromkeys(found))


def _constants(trace: Concatenate) -> list[str]:
    """The constant texts of a trace, those inside loops included."""
    out = []
    for atom in trace.atoms:
        if isinstance(atom, ConstStr):
            out.append(atom.text)
        elif isinstance(atom, Loop):
            out.extend(_constants(atom.body))
    return out
