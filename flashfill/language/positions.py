"""Positions in a string: CPos(k), Pos(r1, r2, c), Shift and ColumnPos, with their semantics.

``Pos(r1, r2, c)`` is the c-th place t (from the right when c < 0) where r1 matches
a suffix of ``s[:t]`` and r2 a prefix of ``s[t:]``. Inside a loop, c may be
``step·w + offset`` for the loop variable w. A position evaluates to an index or
``None`` (⊥).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

import regex

from .tokens import Token
from .words import column_name, loop_ordinal, ordinal

#: An evaluator: (string, loop variable or 0) -> index or None.
PositionFn = Callable[[str, int], "int | None"]


@dataclass(frozen=True, slots=True)
class TokenSeq:
    """A sequence of tokens; the empty sequence matches the empty string."""

    tokens: tuple[Token, ...] = ()

    def __len__(self) -> int:
        return len(self.tokens)

    def suffix_pattern(self) -> str:
        """Zero-width pattern: this sequence matches a suffix of the text before here."""
        if not self.tokens:
            return ""
        if len(self.tokens) == 1:
            return self.tokens[0].ends_here
        return "(?<=" + "".join(t.run for t in self.tokens) + ")"

    def prefix_pattern(self) -> str:
        """Zero-width pattern: this sequence matches a prefix of the text after here."""
        if not self.tokens:
            return ""
        if len(self.tokens) == 1:
            return self.tokens[0].starts_here
        return "(?=" + "".join(t.run for t in self.tokens) + ")"

    def describe(self) -> str:
        return " then ".join(t.describe() for t in self.tokens) or "nothing"


@dataclass(frozen=True, slots=True)
class CPos:
    """The k-th position from the left (k ≥ 0) or ``len + 1 + k`` (k < 0)."""

    k: int

    def evaluator(self) -> PositionFn:
        k = self.k
        if k >= 0:
            return lambda s, w=0: k if k <= len(s) else None

        def from_right(s: str, w: int = 0) -> int | None:
            t = len(s) + 1 + k
            return t if t >= 0 else None

        return from_right

    def eval(self, s: str, w: int = 0) -> int | None:
        return self.evaluator()(s, w)

    def describe(self) -> str:
        if self.k == 0:
            return "the start"
        if self.k == -1:
            return "the end"
        if self.k > 0:
            return f"after the first {self.k} character{'s' if self.k > 1 else ''}"
        n = -self.k - 1
        return f"{n} character{'s' if n > 1 else ''} before the end"


@lru_cache(maxsize=4096)
def _compiled(left: TokenSeq, right: TokenSeq) -> tuple[regex.Pattern, regex.Pattern]:
    pattern = left.suffix_pattern() + right.prefix_pattern()
    return regex.compile(pattern, regex.V0), regex.compile(pattern, regex.V0 | regex.REVERSE)


@dataclass(frozen=True, slots=True)
class Pos:
    """The c-th place where ``left`` ends and ``right`` begins; c = step·w + count."""

    left: TokenSeq
    right: TokenSeq
    count: int
    step: int = 0

    def __post_init__(self) -> None:
        if not self.left.tokens and not self.right.tokens:
            raise ValueError("Pos needs a token on at least one side")
        if self.count == 0 and self.step == 0:
            raise ValueError("Pos occurrence 0 does not exist")

    def evaluator(self) -> PositionFn:
        forward, backward = _compiled(self.left, self.right)
        count, step = self.count, self.step
        if step == 0:
            if count == 1:
                def first(s: str, w: int = 0) -> int | None:
                    m = forward.search(s)
                    return m.start() if m else None
                return first
            if count == -1:
                def last(s: str, w: int = 0) -> int | None:
                    m = backward.search(s)
                    return m.start() if m else None
                return last
        return lambda s, w=0: _nth(forward, backward, s, step * w + count)

    def eval(self, s: str, w: int = 0) -> int | None:
        return self.evaluator()(s, w)

    def describe(self) -> str:
        which = f"the {ordinal(self.count)}" if self.step == 0 else loop_ordinal(self.step, self.count)
        if not self.right.tokens:
            return f"the end of {which} {self.left.describe()}"
        if not self.left.tokens:
            return f"the start of {which} {self.right.describe()}"
        return f"{which} place where {self.left.describe()} meets {self.right.describe()}"


def _nth(forward: regex.Pattern, backward: regex.Pattern, s: str, c: int) -> int | None:
    """The c-th match start of a zero-width pattern (from the right if c < 0)."""
    if c == 0:
        return None
    matches = forward.finditer(s) if c > 0 else backward.finditer(s)
    n = abs(c)
    for i, m in enumerate(matches, 1):
        if i == n:
            return m.start()
    return None


@dataclass(frozen=True, slots=True)
class Shift:
    """``k`` characters after ``base`` (⊥ past the end): with ``base`` the start of a
    SubStr, its first k characters ("the first letter of each word")."""

    base: CPos | Pos
    k: int

    def __post_init__(self) -> None:
        if self.k < 1:
            raise ValueError("Shift needs k ≥ 1")
        if not isinstance(self.base, (CPos, Pos)):
            raise ValueError("Shift counts from a CPos or a Pos")

    def evaluator(self) -> PositionFn:
        base, k = self.base.evaluator(), self.k

        def shifted(s: str, w: int = 0) -> int | None:
            t = base(s, w)
            return None if t is None or t + k > len(s) else t + k

        return shifted

    def eval(self, s: str, w: int = 0) -> int | None:
        return self.evaluator()(s, w)

    def describe(self) -> str:
        return f"{self.k} character{'s' if self.k > 1 else ''} after {self.base.describe()}"


@dataclass(frozen=True, slots=True)
class ColumnPos:
    """Where another column's text starts or ends (``end``) inside this column's text:
    at its first copy (count 1) or its last (count -1); ⊥ when it is empty or absent.

    It reads the row, not only the string, so it evaluates as ``(s, row)``:

    >>> ColumnPos(1, True, 1).row_evaluator()("prefix", ("prefix", "pre"))
    3
    >>> ColumnPos(1, False, -1).row_evaluator()("aaaaaa", ("aaaaaa", "aaaaa"))
    1
    """

    column: int
    end: bool
    count: int

    def __post_init__(self) -> None:
        if self.column < 0:
            raise ValueError("column index must be ≥ 0")
        if self.count not in (1, -1):
            raise ValueError("ColumnPos counts the first (1) or the last (-1) copy")

    def row_evaluator(self) -> Callable[[str, tuple[str, ...]], "int | None"]:
        col, end, first = self.column, self.end, self.count == 1

        def at(s: str, row: tuple[str, ...]) -> int | None:
            v = row[col]
            if not v:
                return None
            i = s.find(v) if first else s.rfind(v)
            if i < 0:
                return None
            return i + len(v) if end else i

        return at

    def describe(self, names: tuple[str, ...] | None = None) -> str:
        which = "" if self.count == 1 else "the last copy of "
        return f"the {'end' if self.end else 'start'} of {which}{column_name(self.column, names)}'s text"


Position = CPos | Pos | Shift | ColumnPos
