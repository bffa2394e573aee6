"""What the learner knows about the data: the examples, a sample of the unlabeled
rows, and per column the tokens worth distinguishing, with their runs as bit masks.

A string's *masks* say, for every token, at which positions 0..len a run of that
token starts and at which one ends (bit t set = position t). Every position set
and every evaluation during learning is bit arithmetic on these masks, computed
once per string with the same patterns the evaluator uses.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

import regex

from ..language.tokens import END, FIXED_TOKENS, START, Token, class_pattern

#: How many unlabeled rows the ranker looks at (spread evenly over the column).
SAMPLE_SIZE = 48
#: Words of the data that become tokens of their own ("before ' Inc'"): at most this
#: many per column, each in every example and in at least this share of the rows.
MAX_LITERALS = 3
LITERAL_SUPPORT = 0.5
_WORD = regex.compile(r"[\p{L}\p{M}]{2,}")


class Budget:
    """How much work one learning run may do, counted in units (a product node, a
    position-set intersection, a guard candidate), so that the same examples give the
    same program on any machine and under any load. A wall-clock limit stays as a
    last-resort guard against a runaway; the work limit is meant to decide first.

    >>> budget = Budget(work=3, seconds=None)
    >>> budget.spend(2)
    >>> budget.spend(2)
    Traceback (most recent call last):
    ...
    flashfill.learning.context.OutOfBudget: work
    """

    def __init__(self, work: int | None, seconds: float | None) -> None:
        self.work = work
        self.spent = 0
        self.end = None if seconds is None else time.perf_counter() + seconds
        self._next_clock = CLOCK_EVERY

    def spend(self, units: int = 1) -> None:
        """Count ``units`` of work; raises ``OutOfBudget`` once the work or the time is used up."""
        self.spent += units
        if self.work is not None and self.spent > self.work:
            raise OutOfBudget("work")
        if self.spent >= self._next_clock:
            self._next_clock = self.spent + CLOCK_EVERY
            if self.end is not None and time.perf_counter() > self.end:
                raise OutOfBudget("time")


#: Units of work between two looks at the clock (reading it is not free).
CLOCK_EVERY = 512


class OutOfBudget(Exception):
    """The learning budget ran out; the argument says which: "work" or "time"."""


@dataclass(slots=True)
class Masks:
    """Run boundaries of each representative token in one string."""

    text: str
    starts: list[int]
    ends: list[int]
    sequences: dict = field(default_factory=dict)

    @property
    def everywhere(self) -> int:
        return (1 << (len(self.text) + 1)) - 1


@dataclass
class ColumnTokens:
    """The representative tokens of one column (one per group of tokens that
    behave identically on every string seen), and a mask cache."""

    tokens: list[Token]
    finders: list[Callable[[str], tuple[int, int]]]
    cache: dict[str, Masks] = field(default_factory=dict)

    def masks(self, text: str) -> Masks:
        found = self.cache.get(text)
        if found is None:
            runs = [find(text) for find in self.finders]
            found = Masks(text, [s for s, _ in runs], [e for _, e in runs])
            self.cache[text] = found
        return found


def runs_finder(token: Token) -> Callable[[str], tuple[int, int]]:
    """A function giving, for a text, the bit masks of where the runs of ``token`` start
    and where they end: what its ``starts_here`` and ``ends_here`` patterns find, from one
    scan of the text (a search for whole runs of a class, or for a character's or a word's
    occurrences) where the token allows it.

    >>> from flashfill.language.tokens import Token
    >>> [bin(m) for m in runs_finder(Token("class", "digits"))("ab12c3")]
    ['0b100100', '0b1010000']
    >>> [bin(m) for m in runs_finder(Token("literal", "aa"))("aaa")]
    ['0b11', '0b1100']
    """
    if token.kind == "class" and token.value != "proper":
        run = _run_pattern(token)

        def whole_runs(text: str) -> tuple[int, int]:
            starts = ends = 0
            for hit in run.finditer(text):
                starts |= 1 << hit.start()
                ends |= 1 << hit.end()
            return starts, ends

        return whole_runs
    if token.kind in ("char", "literal"):
        value, width = token.value, len(token.value)

        def occurrences(text: str) -> tuple[int, int]:
            starts = 0
            i = text.find(value)
            while i >= 0:
                starts |= 1 << i
                i = text.find(value, i + 1)
            return starts, starts << width

        return occurrences
    if token == START:
        return lambda text: (1, 1)
    if token == END:
        return lambda text: (1 << len(text), 1 << len(text))
    starts_p, ends_p = regex.compile(token.starts_here, regex.V0), regex.compile(token.ends_here, regex.V0)
    return lambda text: (_bits(starts_p, text), _bits(ends_p, text))


def _bits(pattern: regex.Pattern, text: str) -> int:
    m = 0
    for hit in pattern.finditer(text):
        m |= 1 << hit.start()
    return m


@lru_cache(maxsize=None)
def _run_pattern(token: Token) -> regex.Pattern:
    """The maximal runs of a class token: scanning for ``C+`` finds each run whole."""
    return regex.compile(class_pattern(token) + "+", regex.V0)


_FIXED_FINDERS = {t: runs_finder(t) for t in FIXED_TOKENS}


def common_words(examples: list[str], rows: list[str]) -> list[str]:
    """Words found in every example and in most of the rows: the fixed text of a
    column ("Inc", "aka"), worth naming positions by.

    >>> common_words(["Acme Inc."], ["Bolt Inc", "Cog Inc, LLC", "Dyno"])
    ['Inc']
    """
    everywhere = set(_WORD.findall(examples[0]))
    for text in examples[1:]:
        everywhere = {w for w in everywhere if w in text}
    strings = list(dict.fromkeys(examples + rows))
    if len(strings) < 2:
        return []
    support = {w: sum(1 for t in strings if w in t) for w in everywhere}
    common = [w for w, n in support.items() if n >= 2 and n >= LITERAL_SUPPORT * len(strings)]
    common.sort(key=lambda w: (-support[w], -len(w), w))
    return common[:MAX_LITERALS]


def column_tokens(strings: list[str], literals: list[str] = ()) -> ColumnTokens:
    """Group the fixed tokens, then the ``literals``, by how they behave on ``strings``;
    keep the first of each group.

    Tokens with no run in any string are dropped, except StartTok and EndTok. The
    masks computed for grouping are kept as the strings' cached masks.
    """
    seen: set[tuple] = set()
    chosen: list[Token] = []
    columns: list[tuple[list[int], list[int]]] = []
    present = set("".join(strings))
    finders = dict(_FIXED_FINDERS)
    for word in literals:
        finders[Token("literal", word)] = runs_finder(Token("literal", word))
    for token, find in finders.items():
        if token.kind == "char" and token.value not in present:
            continue
        runs = [find(text) for text in strings]
        starts, ends = [s for s, _ in runs], [e for _, e in runs]
        signature = (tuple(starts), tuple(ends))
        if token not in (START, END):
            if not any(starts) and not any(ends):
                continue
            if signature in seen:
                continue
        seen.add(signature)
        chosen.append(token)
        columns.append((starts, ends))
    tokens = ColumnTokens(chosen, [finders[t] for t in chosen])
    for k, text in enumerate(strings):
        tokens.cache[text] = Masks(text, [starts[k] for starts, _ in columns], [ends[k] for _, ends in columns])
    return tokens


def sample_rows(rows: list[tuple[str, ...]], size: int = SAMPLE_SIZE) -> list[tuple[str, ...]]:
    """Up to ``size`` distinct rows spread evenly over ``rows``, in order."""
    distinct = list(dict.fromkeys(rows))
    if len(distinct) <= size:
        return distinct
    step = len(distinct) / size
    return [distinct[int(i * step)] for i in range(size)]
