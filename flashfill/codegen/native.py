"""The lowered form (`ir`) as a data engine's own operations: regex extraction, lengths,
substrings, comparisons — for engines whose regexes have no look-around (DuckDB's RE2,
Polars' Rust ``regex``) and for Spark's Java regexes alike.

The lowering's patterns use one-character look-arounds; engines without them get, for
each shape of pattern the lowering makes, a regex without look-arounds that finds the
same position: "the end of the 2nd number" is the length of what ``\\A[^0-9]*[0-9]+[^0-9]+
[0-9]+`` matches.  Every regex anchors both ends of the run it names, so greedy and
leftmost-longest engines read it the same way, and its captured group is never empty
when it matches (an engine's "" for no match is then NULL).  A shape not listed here
raises ``NoNativeForm``: the step then runs in Python, never approximately.

Token classes are spelled as the exact code-point ranges of the language's own classes
(the ``regex`` module's), so an engine's older or newer Unicode tables change nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any, Protocol, TypeVar

import regex

from flashfill.codegen import ir
from flashfill.codegen.patterns import CAPITAL, LOWER, CharClass, Pattern, Text

E = TypeVar("E")


class NoNativeForm(Exception):
    """This step has no exact form among the engine's functions (the message says why)."""


SKIP = "(?s:.*)"
"""Any text, line breaks included."""


class Operations(Protocol[E]):
    """The engine operations the native forms are made of (NULL in, NULL out, throughout)."""

    def text(self, value: str) -> E: ...

    def cases(self, branches: list[tuple[E | None, E]]) -> E: ...

    def all_of(self, tests: list[E]) -> E: ...

    def any_of(self, tests: list[E]) -> E: ...

    def column(self, index: int) -> E: ...

    def number(self, k: int) -> E: ...

    def extract(self, text: E, pattern: str) -> E: ...

    def search(self, text: E, pattern: str) -> E: ...

    def length(self, text: E) -> E: ...

    def add(self, a: E, b: E) -> E: ...

    def at_most(self, a: E, b: E) -> E: ...

    def slice(self, text: E, start: E, end: E) -> E: ...

    def find(self, text: E, needle: E) -> E: ...

    def contains(self, text: E, needle: str) -> E: ...

    def count(self, text: E, needle: str) -> E: ...

    def upper(self, text: E) -> E: ...

    def lower(self, text: E) -> E: ...

    def is_ascii(self, text: E) -> E: ...

    def pad(self, text: E, width: int) -> E: ...

    def negate(self, test: E) -> E: ...


def text(node: ir.Text, ops: Operations[E], other_rows: Callable[[], E] | None = None) -> E:
    """A text node of one step as engine operations.

    ``other_rows`` makes the step computed some other way (in Python): a case change is
    native on ASCII text only (engines' Unicode case tables differ from Python's), so
    without it a case change has no native form.
    """
    if isinstance(node, ir.Literal):
        return ops.text(node.text)
    if isinstance(node, ir.Whole):
        return ops.column(node.column)
    if isinstance(node, ir.Slice):
        s = ops.column(node.column)
        a, b = position(node.start, ops), position(node.end, ops)
        return ops.cases([(ops.at_most(a, b), ops.slice(s, a, b))])
    if isinstance(node, ir.FirstMatch):
        return _first_match(node, ops)
    if isinstance(node, ir.Cased):
        return _cased(node, ops, other_rows)
    if isinstance(node, ir.Padded):
        inner = text(node.text, ops, other_rows)
        return ops.cases([(ops.at_most(ops.number(node.width), ops.length(inner)), inner),
                          (None, ops.pad(inner, node.width))])
    if isinstance(node, ir.Concat):
        raise NoNativeForm("a join inside a step")
    if isinstance(node, ir.Repeat):
        raise NoNativeForm("a loop has no form in engine expressions")
    raise NoNativeForm(f"no native form for {type(node).__name__}")


def test(node: ir.Test, ops: Operations[E]) -> E:
    """A guard test as an engine condition."""
    if isinstance(node, ir.Not):
        return ops.negate(test(node.test, ops))
    if isinstance(node, ir.All):
        return ops.all_of([test(t, ops) for t in node.tests])
    if isinstance(node, ir.AnyOf):
        return ops.any_of([test(t, ops) for t in node.tests])
    s = ops.column(node.column)
    if isinstance(node, ir.HasText):
        if node.count == 1:
            return ops.contains(s, node.text)
        return ops.at_most(ops.number(node.count), ops.count(s, node.text))
    return ops.search(s, _has_matches(node.pattern, node.count))


def position(node: ir.Position, ops: Operations[E]) -> E:
    """A 0-based index into its column's text, NULL where the language's position is ⊥."""
    s = ops.column(node.column)
    if isinstance(node, ir.Fixed):
        if node.k == 0:
            return ops.number(0)
        return ops.cases([(ops.at_most(ops.number(node.k), ops.length(s)), ops.number(node.k))])
    if isinstance(node, ir.FromEnd):
        size = ops.length(s)
        if node.k == 0:
            return size
        return ops.cases([(ops.at_most(ops.number(node.k), size), ops.add(size, ops.number(-node.k)))])
    if isinstance(node, ir.Plus):
        t = ops.add(position(node.base, ops), ops.number(node.k))
        return ops.cases([(ops.at_most(t, ops.length(s)), t)])
    if isinstance(node, ir.ColumnAt):
        if node.last:
            raise NoNativeForm("the last copy of another column's text")
        other = ops.column(node.other)
        at = ops.find(s, other)
        found = at if not node.end else ops.add(at, ops.length(other))
        return ops.cases([(ops.at_most(ops.number(1), ops.length(other)), found)])
    if isinstance(node, ir.Found):
        if len(node.text) == 1:
            return _nth_char(s, node.text, node.nth, node.after, ops)
        if node.nth != 1:
            raise NoNativeForm(f"the {node.nth}th copy of {node.text!r} (copies may overlap)")
        at = ops.find(s, ops.text(node.text))
        return ops.add(at, ops.number(len(node.text))) if node.after else at
    if isinstance(node, ir.Occurrence):
        return _occurrence(node, s, ops)
    raise NoNativeForm(f"no native form for {type(node).__name__}")


# ------------------------------------------------------------------ shapes


def _first_match(node: ir.FirstMatch, ops: Operations[E]) -> E:
    s, p = ops.column(node.column), node.pattern
    if len(p) == 2 and _is_class(p[0]) and p[1] == "+":
        return ops.extract(s, f"({_in(p[0])}+)")
    if len(p) == 5 and _is_class(p[0]) and p[1:] == ("+", "(?!(?s:.*)", p[0], ")"):
        c = p[0]
        return ops.extract(s, rf"\A(?:{SKIP}{_out(c)})?({_in(c)}+){_out(c)}*\z")
    proper = (CAPITAL, LOWER, "+(?!", LOWER, ")")
    if p == proper:
        return ops.extract(s, f"({_in(CAPITAL)}{_in(LOWER)}+)")
    if p == proper + ("(?!(?s:.*)",) + proper + (")",):
        return ops.extract(s, rf"\A{SKIP}({_in(CAPITAL)}{_in(LOWER)}+)")
    char = _single_char(p[:1])
    if char is not None and (len(p) == 1 or p[1:] == ("(?!(?s:.*)", p[0], ")")):
        return ops.cases([(ops.contains(s, char), ops.text(char))])
    raise NoNativeForm("a run the engine's regex cannot find without look-around")


def _occurrence(node: ir.Occurrence, s: E, ops: Operations[E]) -> E:
    p, c = node.pattern, node.count
    if node.step:
        raise NoNativeForm("a position counted by a loop")
    if len(p) == 2 and _is_class(p[0]) and p[1] == "+" and c in (1, -1):
        return _run_end(s, p[0], c, ops)
    if len(p) == 3 and p[0] == "(?=" and _is_class(p[1]) and p[2] == ")" and c == 1:
        return _run_start(s, p[1], 1, ops)
    if len(p) == 7 and p[0] == "(?<!" and _is_class(p[1]) and p[2:] == (")", p[1], "+(?!", p[1], ")"):
        return _run_end(s, p[1], c, ops)
    if len(p) == 5 and p[0] == "(?<!" and _is_class(p[1]) and p[2:] == (")(?=", p[1], ")"):
        return _run_start(s, p[1], c, ops)
    char = _single_char(p)
    if char is not None:
        return _nth_char(s, char, c, True, ops)
    if len(p) == 3 and p[0] == "(?=" and p[2] == ")" and (char := _single_char(p[1:2])) is not None:
        return _nth_char(s, char, c, False, ops)
    raise NoNativeForm("a position the engine's regex cannot find without look-around")


def _run_end(s: E, c: CharClass, count: int, ops: Operations[E]) -> E:
    """Where the count-th run of class c ends (from the right when count < 0)."""
    i, o = _in(c), _out(c)
    if count > 0:
        pattern = rf"\A({o}*(?:{i}+{o}+){{{count - 1}}}{i}+)"
    else:
        pattern = rf"\A({SKIP}{i})(?:{o}+{i}+){{{-count - 1}}}{o}*\z"
    return ops.length(ops.extract(s, pattern))


def _run_start(s: E, c: CharClass, count: int, ops: Operations[E]) -> E:
    """Where the count-th run of class c starts (from the right when count < 0)."""
    i, o = _in(c), _out(c)
    if count > 0:
        pattern = rf"\A({o}*(?:{i}+{o}+){{{count - 1}}}{i})"
    else:
        pattern = rf"\A((?:{SKIP}{o})?{i}){i}*(?:{o}+{i}+){{{-count - 1}}}{o}*\z"
    return ops.add(ops.length(ops.extract(s, pattern)), ops.number(-1))


def _nth_char(s: E, char: str, count: int, after: bool, ops: Operations[E]) -> E:
    """Where the count-th copy of one character starts, or ends when ``after``."""
    t, o = _escape(char), f"[^{_escape(char)}]"
    if count > 0:
        pattern = rf"\A((?:{o}*{t}){{{count}}})"
    else:
        pattern = rf"\A({SKIP}{t})(?:{o}*{t}){{{-count - 1}}}{o}*\z"
    end = ops.length(ops.extract(s, pattern))
    return end if after else ops.add(end, ops.number(-1))


def _has_matches(p: Pattern, count: int) -> str:
    """A search for ``count`` non-overlapping matches of the shapes guards use."""
    if len(p) == 1 and _is_class(p[0]):
        return f"(?:{_in(p[0])}{SKIP}){{{count - 1}}}{_in(p[0])}"
    if len(p) == 7 and p[0] == "(?<!" and _is_class(p[1]) and p[2:] == (")", p[1], "+(?!", p[1], ")"):
        i, o = _in(p[1]), _out(p[1])
        return f"{i}(?:{i}*{o}+{i}){{{count - 1}}}"
    if p == (CAPITAL, LOWER, "+(?!", LOWER, ")") and count == 1:
        return f"{_in(CAPITAL)}{_in(LOWER)}"
    raise NoNativeForm("a test the engine's regex cannot make without look-around")


def _cased(node: ir.Cased, ops: Operations[E], other_rows: Callable[[], E] | None) -> E:
    if node.case == "title":
        raise NoNativeForm("Python's title case (str.title) has no equal among engine functions")
    if other_rows is None:
        raise NoNativeForm("the engine's case tables differ from Python's outside ASCII")
    inner = text(node.text, ops)
    changed = ops.upper(inner) if node.case == "upper" else ops.lower(inner)
    return ops.cases([(ops.is_ascii(inner), changed), (None, other_rows())])


# ----------------------------------------------------------------- classes


def _is_class(piece: Any) -> bool:
    return isinstance(piece, CharClass)


def _single_char(p: Pattern) -> str | None:
    if len(p) == 1 and isinstance(p[0], Text) and len(p[0].text) == 1:
        return p[0].text
    return None


def _in(c: CharClass) -> str:
    """One character of the class, as exact code-point ranges."""
    return "[" + ("^" if c.negated else "") + _ranges(c.categories) + "]"


def _out(c: CharClass) -> str:
    """One character outside the class."""
    return "[" + ("" if c.negated else "^") + _ranges(c.categories) + "]"


@lru_cache(maxsize=None)
def _ranges(categories: tuple[str, ...]) -> str:
    """The code points of the union of Unicode general categories (or ``space``: the
    language's whitespace, ``\\s``), as the ``regex`` module reads them, written as ranges.

    >>> _ranges(("space",))[:32]
    '\\\\x{9}-\\\\x{D}\\\\x{20}\\\\x{85}\\\\x{A0}\\\\x{1680}'
    """
    if categories == ("space",):
        pattern = r"\s"
    else:
        pattern = "[" + "".join(f"\\p{{{name}}}" for name in categories) + "]"
    spans = [(m.start(), m.end() - 1) for m in regex.finditer(pattern + "+", _EVERY_CHARACTER())]
    return "".join(f"\\x{{{a:X}}}" if a == b else f"\\x{{{a:X}}}-\\x{{{b:X}}}" for a, b in spans)


@lru_cache(maxsize=1)
def _EVERY_CHARACTER() -> str:
    """Every code point once, in order: a class's runs in it are its ranges."""
    return "".join(map(chr, range(0x110000)))


def _escape(char: str) -> str:
    """One character as a regex atom every engine reads literally."""
    return f"\\x{{{ord(char):X}}}"
