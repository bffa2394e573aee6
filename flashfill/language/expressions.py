"""String expressions: ConstStr, SubStr (with an optional case change or zero padding),
Loop, Concatenate.

Each node evaluates a row (a tuple of input strings) to a string or ``None`` (⊥),
and can describe itself in words. ``evaluator()`` returns a closure built once, so
a program applied to a million rows does no tree walking.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

import regex

from .positions import ColumnPos, CPos, Pos, Position, PositionFn, Shift
from .tokens import Token
from .words import column_name, quote

Row = tuple[str, ...]
#: An evaluator: (row, loop variable or 0) -> string or None.
StringFn = Callable[[Row, int], "str | None"]

CASES = ("", "lower", "upper", "title")
_CASE_WORDS = {"lower": "in lowercase", "upper": "in capitals", "title": "capitalised"}


def apply_case(text: str, case: str) -> str:
    """Apply a case change by name ('' leaves the text alone).

    >>> apply_case("o'neil", "title"), apply_case("Smith", "upper")
    ("O'Neil", 'SMITH')
    """
    if case == "lower":
        return text.lower()
    if case == "upper":
        return text.upper()
    if case == "title":
        return text.title()
    return text


def finisher(case: str, pad: int) -> Callable[[str], str] | None:
    """What a SubStr does to the text it copies: the case change, then padding on the left
    with zeros to ``pad`` characters ("7" → "07"); None when it does nothing.

    >>> finisher("", 2)("7"), finisher("", 2)("123"), finisher("upper", 0)("ok")
    ('07', '123', 'OK')
    """
    if pad:
        if case:
            return lambda text: apply_case(text, case).rjust(pad, "0")
        return lambda text: text.rjust(pad, "0")
    if case:
        return lambda text: apply_case(text, case)
    return None


@dataclass(frozen=True, slots=True)
class ConstStr:
    """A fixed text."""

    text: str

    def evaluator(self) -> StringFn:
        text = self.text
        return lambda row, w=0: text

    def describe(self, names: tuple[str, ...] | None = None) -> str:
        return f"the text {quote(self.text)}"


@dataclass(frozen=True, slots=True)
class SubStr:
    """``row[column][start:end]``, optionally re-cased, and padded on the left with zeros
    to ``pad`` characters when ``pad`` > 0 ("the day, in 2 digits"); ⊥ if a position is ⊥
    or start > end."""

    column: int
    start: Position
    end: Position
    case: str = ""
    pad: int = 0

    def __post_init__(self) -> None:
        if self.case not in CASES:
            raise ValueError(f"unknown case {self.case!r}")
        if self.column < 0:
            raise ValueError("column index must be ≥ 0")
        if not isinstance(self.pad, int) or self.pad < 0:
            raise ValueError(f"padding width must be an integer ≥ 0, not {self.pad!r}")

    def whole_run(self) -> tuple[Token, int] | None:
        """``(token, 1)`` or ``(token, -1)`` when this SubStr's two ends bound the first or
        the last whole run of a class or special-character token; None otherwise."""
        return _single_run(self.start, self.end)

    def run_search(self) -> regex.Pattern | None:
        """The one search whose match is this SubStr's text (before the case change), when
        it is a whole run (``whole_run``); None otherwise."""
        run = self.whole_run()
        return None if run is None else _run_search(*run)

    def finisher(self) -> Callable[[str], str] | None:
        """The case change and padding applied to the copied text (None: neither)."""
        return finisher(self.case, self.pad)

    def evaluator(self) -> StringFn:
        col, finish = self.column, self.finisher()
        run = self.run_search()
        if run is not None:
            def whole_run(row: Row, w: int = 0) -> str | None:
                m = run.search(row[col])
                if m is None:
                    return None
                return finish(m.group()) if finish else m.group()
            return whole_run
        if self.reads_other_columns():
            return self._anchored_evaluator()
        start, end = self.start.evaluator(), self.end.evaluator()

        def substr(row: Row, w: int = 0) -> str | None:
            s = row[col]
            a = start(s, w)
            if a is None:
                return None
            b = end(s, w)
            if b is None or a > b:
                return None
            return finish(s[a:b]) if finish else s[a:b]

        return substr

    def reads_other_columns(self) -> bool:
        """Whether a position is anchored on another column's text (``ColumnPos``)."""
        return isinstance(self.start, ColumnPos) or isinstance(self.end, ColumnPos)

    def columns_used(self) -> set[int]:
        return {self.column} | {p.column for p in (self.start, self.end) if isinstance(p, ColumnPos)}

    def _anchored_evaluator(self) -> StringFn:
        col, finish = self.column, self.finisher()
        start, end = _in_row(self.start), _in_row(self.end)

        def anchored(row: Row, w: int = 0) -> str | None:
            s = row[col]
            a = start(s, w, row)
            if a is None:
                return None
            b = end(s, w, row)
            if b is None or a > b:
                return None
            return finish(s[a:b]) if finish else s[a:b]

        return anchored

    def describe(self, names: tuple[str, ...] | None = None) -> str:
        where = column_name(self.column, names)
        if self.reads_other_columns():
            text = f"the text of {where} from {_describe(self.start, names)} to {_describe(self.end, names)}"
            return self._finish_words(text)
        whole = _whole_run(self.start, self.end)
        if whole:
            text = f"{whole} of {where}"
        elif self.start == CPos(0) and self.end == CPos(-1):
            text = f"all of {where}"
        elif isinstance(self.end, Shift) and self.end.base == self.start:
            many = f"the first {self.end.k} characters" if self.end.k > 1 else "the first character"
            if self.start == CPos(0):
                text = f"{many} of {where}"
            elif isinstance(self.start, Pos) and not self.start.left.tokens:
                text = f"{many} of {self.start.describe().removeprefix('the start of ')} of {where}"
            else:
                text = f"{many} of {where} from {self.start.describe()}"
        else:
            text = f"the text of {where} from {self.start.describe()} to {self.end.describe()}"
        return self._finish_words(text)

    def _finish_words(self, text: str) -> str:
        if self.case:
            text = f"{text}, {_CASE_WORDS[self.case]}"
        if self.pad:
            text = f"{text}, with zeros in front to make {self.pad} digits"
        return text


def _in_row(p: Position) -> Callable[[str, int, Row], "int | None"]:
    """A position's evaluator taking the row as well: (s, w, row) -> index or None."""
    if isinstance(p, ColumnPos):
        at = p.row_evaluator()
        return lambda s, w, row: at(s, row)
    fn: PositionFn = p.evaluator()
    return lambda s, w, row: fn(s, w)


def _describe(p: Position, names: tuple[str, ...] | None) -> str:
    return p.describe(names) if isinstance(p, ColumnPos) else p.describe()


def _run_token(start: Position, end: Position) -> Token | None:
    """The token whose c-th run ``start``..``end`` bound ("the 2nd number"), if they do:
    the c-th start and the c-th end of one token's runs bound the same run, since
    runs of one token never overlap."""
    if (
        isinstance(start, Pos)
        and isinstance(end, Pos)
        and not start.left.tokens
        and not end.right.tokens
        and start.right == end.left
        and len(start.right) == 1
        and (start.count, start.step) == (end.count, end.step)
    ):
        return start.right.tokens[0]
    return None


def _single_run(start: Position, end: Position) -> tuple[Token, int] | None:
    """The token and 1 or -1 when start/end bound its first or last whole run (one search finds it)."""
    token = _run_token(start, end)
    if token is None or token.kind not in ("class", "char"):
        return None
    assert isinstance(start, Pos)
    if start.step or start.count not in (1, -1):
        return None
    return token, start.count


@lru_cache(maxsize=1024)
def _run_search(token: Token, count: int) -> regex.Pattern:
    """The search for the first (count 1) or last (count -1) whole run of ``token``."""
    return regex.compile(token.run, regex.V0 | (regex.REVERSE if count == -1 else 0))


def _whole_run(start: Position, end: Position) -> str:
    """'2nd number' when start/end are the two ends of one run of a class token."""
    token = _run_token(start, end)
    if token is None or token.kind != "class":
        return ""
    return end.describe().removeprefix("the end of ")


@dataclass(frozen=True, slots=True)
class Loop:
    """``body[w:=1] + body[w:=2] + …`` until the body is ⊥ (at least once is not required)."""

    body: "Concatenate"

    def evaluator(self) -> StringFn:
        body = self.body.evaluator()

        def loop(row: Row, w: int = 0) -> str | None:
            parts = []
            limit = sum(len(v) for v in row) + 2
            for i in range(1, limit + 1):
                piece = body(row, i)
                if piece is None:
                    break
                parts.append(piece)
            return "".join(parts)

        return loop

    def describe(self, names: tuple[str, ...] | None = None) -> str:
        inner = "; then ".join(a.describe(names) for a in self.body.atoms)
        return f"for each match in turn: {inner}"


Atom = ConstStr | SubStr | Loop


@dataclass(frozen=True, slots=True)
class Concatenate:
    """The atoms' outputs joined; ⊥ if any atom is ⊥."""

    atoms: tuple[Atom, ...]

    def evaluator(self) -> StringFn:
        fns = [a.evaluator() for a in self.atoms]
        if len(fns) == 1:
            return fns[0]

        def concatenate(row: Row, w: int = 0) -> str | None:
            parts = []
            for fn in fns:
                piece = fn(row, w)
                if piece is None:
                    return None
                parts.append(piece)
            return "".join(parts)

        return concatenate

    def describe(self, names: tuple[str, ...] | None = None) -> list[str]:
        return [a.describe(names) for a in self.atoms]

    def columns_used(self) -> set[int]:
        used: set[int] = set()
        for atom in self.atoms:
            if isinstance(atom, SubStr):
                used |= atom.columns_used()
            elif isinstance(atom, Loop):
                used |= atom.body.columns_used()
            elif not isinstance(atom, ConstStr):
                used |= atom.columns_used()
        return used
