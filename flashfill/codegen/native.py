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

import array
import sys
from collections.abc import Callable
from functools import lru_cache, partial
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
    """The engine operations the native forms are made of (NULL in, NULL out, throughout).
    ``lazy_branches``: a CASE computes a branch only on the rows that take it;
    ``lazy_python``: that holds for a branch running Python too."""

    lazy_branches: bool
    lazy_python: bool

    def text(self, value: str) -> E: ...

    def cases(self, branches: list[tuple[E | None, E]]) -> E: ...

    def all_of(self, tests: list[E]) -> E: ...

    def any_of(self, tests: list[E]) -> E: ...

    def column(self, index: int) -> E: ...

    def number(self, k: int) -> E: ...

    def extract(self, text: E, pattern: str) -> E:
        """The pattern's first group where it matches; NULL or "" where it does not."""
        ...

    def nonempty(self, text: E) -> E:
        """``text``, NULL where it is "" (an extraction's group is never empty where it matches)."""
        ...

    def search(self, text: E, pattern: str) -> E: ...

    def length(self, text: E) -> E: ...

    def add(self, a: E, b: E) -> E: ...

    def at_most(self, a: E, b: E) -> E: ...

    def slice(self, text: E, start: E, end: E) -> E: ...

    def find(self, text: E, needle: str) -> E: ...

    def find_column(self, text: E, needle: E) -> E: ...

    def contains(self, text: E, needle: str) -> E: ...

    def count(self, text: E, needle: str) -> E: ...

    def upper(self, text: E) -> E: ...

    def lower(self, text: E) -> E: ...

    def all_below(self, text: E, limit: int) -> E: ...

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


def condition(node: ir.Test, ops: Operations[E]) -> E:
    """A guard test as an engine condition."""
    if isinstance(node, ir.Not):
        return ops.negate(condition(node.test, ops))
    if isinstance(node, ir.All):
        return ops.all_of([condition(t, ops) for t in node.tests])
    if isinstance(node, ir.AnyOf):
        return ops.any_of([condition(t, ops) for t in node.tests])
    s = ops.column(node.column)
    if isinstance(node, ir.HasText):
        if node.count == 1:
            return ops.contains(s, node.text)
        return ops.at_most(ops.number(node.count), ops.count(s, node.text))
    return _has_matches(s, node.pattern, node.count, ops)


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
        at = ops.find_column(s, other)
        found = at if not node.end else ops.add(at, ops.length(other))
        return ops.cases([(ops.at_most(ops.number(1), ops.length(other)), found)])
    if isinstance(node, ir.Found):
        if node.nth == 1:
            at = ops.find(s, node.text)
            return ops.add(at, ops.number(len(node.text))) if node.after else at
        if len(node.text) == 1:
            return _nth_char(s, node.text, node.nth, node.after, ops)
        raise NoNativeForm(f"the {node.nth}th copy of {node.text!r} (copies may overlap)")
    if isinstance(node, ir.Occurrence):
        return _occurrence(node, s, ops)
    raise NoNativeForm(f"no native form for {type(node).__name__}")


# ------------------------------------------------------------------ shapes


Speller = Callable[[CharClass], str]
Shape = Callable[[Speller, Speller], str]
"""A regex made from a speller of "one character in class c" and one of "not in c"."""


TIERS = (0x80, 0x250)
"""Code-point limits of the faster regexes on lazy engines: ASCII, then ASCII and the
Latin letters (up to Latin Extended-B), where a class is a few ranges, not a thousand."""


def _extract(s: E, shape: Shape, ops: Operations[E]) -> E:
    """The group of the shape's first match in ``s`` (NULL where none); on an engine with lazy
    branches, text within a tier takes the same regex with the classes cut to that tier (exact
    there, and many times faster for RE2 than classes of a thousand ranges)."""
    return ops.nonempty(_tiered(s, shape, ops, ops.extract))


def _search(s: E, shape: Shape, ops: Operations[E]) -> E:
    """Whether the shape matches somewhere in ``s`` (in tiers like ``_extract``)."""
    return _tiered(s, shape, ops, ops.search)


def _tiered(s: E, shape: Shape, ops: Operations[E], use: Callable[[E, str], E]) -> E:
    full = use(s, shape(_in, _out))
    if not ops.lazy_branches:
        return full
    tiers = [(ops.all_below(s, limit), use(s, shape(partial(_in, below=limit), partial(_out, below=limit))))
             for limit in TIERS]
    return ops.cases([*tiers, (None, full)])


def _first_match(node: ir.FirstMatch, ops: Operations[E]) -> E:
    s, p = ops.column(node.column), node.pattern
    if len(p) == 2 and _is_class(p[0]) and p[1] == "+":
        c = p[0]
        return _extract(s, lambda i, o: rf"\A{o(c)}*({i(c)}+)", ops)  # anchored: one pass, no search
    if len(p) == 5 and _is_class(p[0]) and p[1:] == ("+", "(?!(?s:.*)", p[0], ")"):
        c = p[0]
        return _extract(s, lambda i, o: rf"({i(c)}+){o(c)}*\z", ops)  # the leftmost such match starts a run
    proper = (CAPITAL, LOWER, "+(?!", LOWER, ")")
    if p == proper:
        return _extract(s, lambda i, o: f"({i(CAPITAL)}{i(LOWER)}+)", ops)
    if p == proper + ("(?!(?s:.*)",) + proper + (")",):
        return _extract(s, lambda i, o: rf"\A{SKIP}({i(CAPITAL)}{i(LOWER)}+)", ops)
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
    if count > 0:
        shape: Shape = lambda i, o: rf"\A({o(c)}*(?:{i(c)}+{o(c)}+){{{count - 1}}}{i(c)}+)"
    else:
        shape = lambda i, o: rf"\A({SKIP}{i(c)})(?:{o(c)}+{i(c)}+){{{-count - 1}}}{o(c)}*\z"
    return ops.length(_extract(s, shape, ops))


def _run_start(s: E, c: CharClass, count: int, ops: Operations[E]) -> E:
    """Where the count-th run of class c starts (from the right when count < 0)."""
    if count > 0:
        shape: Shape = lambda i, o: rf"\A({o(c)}*(?:{i(c)}+{o(c)}+){{{count - 1}}}{i(c)})"
    else:
        shape = lambda i, o: rf"\A((?:{SKIP}{o(c)})?{i(c)}){i(c)}*(?:{o(c)}+{i(c)}+){{{-count - 1}}}{o(c)}*\z"
    return ops.add(ops.length(_extract(s, shape, ops)), ops.number(-1))


def _nth_char(s: E, char: str, count: int, after: bool, ops: Operations[E]) -> E:
    """Where the count-th copy of one character starts, or ends when ``after``."""
    t, o = _escape(char), f"[^{_escape(char)}]"
    if count > 0:
        pattern = rf"\A((?:{o}*{t}){{{count}}})"
    else:
        pattern = rf"\A({SKIP}{t})(?:{o}*{t}){{{-count - 1}}}{o}*\z"
    end = ops.length(ops.nonempty(ops.extract(s, pattern)))
    return end if after else ops.add(end, ops.number(-1))


def _has_matches(s: E, p: Pattern, count: int, ops: Operations[E]) -> E:
    """Whether ``s`` has ``count`` non-overlapping matches of the shapes guards use."""
    if len(p) == 1 and _is_class(p[0]):
        c = p[0]
        return _search(s, lambda i, o: f"(?:{i(c)}{SKIP}){{{count - 1}}}{i(c)}", ops)
    if len(p) == 7 and p[0] == "(?<!" and _is_class(p[1]) and p[2:] == (")", p[1], "+(?!", p[1], ")"):
        c = p[1]
        return _search(s, lambda i, o: f"{i(c)}(?:{i(c)}*{o(c)}+{i(c)}){{{count - 1}}}", ops)
    if p == (CAPITAL, LOWER, "+(?!", LOWER, ")") and count == 1:
        return _search(s, lambda i, o: f"{i(CAPITAL)}{i(LOWER)}", ops)
    raise NoNativeForm("a test the engine's regex cannot make without look-around")


def _cased(node: ir.Cased, ops: Operations[E], other_rows: Callable[[], E] | None) -> E:
    if node.case == "title":
        raise NoNativeForm("Python's title case (str.title) has no equal among engine functions")
    if other_rows is None:
        raise NoNativeForm("the engine's case tables differ from Python's outside ASCII")
    inner = text(node.text, ops)
    changed = ops.upper(inner) if node.case == "upper" else ops.lower(inner)
    return ops.cases([(ops.all_below(inner, 0x80), changed), (None, other_rows())])


# ----------------------------------------------------------------- classes


def _is_class(piece: Any) -> bool:
    return isinstance(piece, CharClass)


def _single_char(p: Pattern) -> str | None:
    if len(p) == 1 and isinstance(p[0], Text) and len(p[0].text) == 1:
        return p[0].text
    return None


def _in(c: CharClass, below: int = 0x110000) -> str:
    """One character of the class, as exact code-point ranges (of its part below ``below``
    only: the same on text whose characters are all below it)."""
    return "[" + ("^" if c.negated else "") + _ranges(c.categories, below) + "]"


def _out(c: CharClass, below: int = 0x110000) -> str:
    """One character outside the class."""
    return "[" + ("" if c.negated else "^") + _ranges(c.categories, below) + "]"


@lru_cache(maxsize=None)
def _ranges(categories: tuple[str, ...], below: int = 0x110000) -> str:
    """The code points of the union of Unicode general categories (or ``space``: the
    language's whitespace, ``\\s``), as the ``regex`` module reads them, written as ranges.

    >>> print(_ranges(("space",), below=0x100))
    \\x{9}-\\x{D}\\x{20}\\x{85}\\x{A0}
    """
    if categories == ("space",):
        pattern = r"\s"
    else:
        pattern = "[" + "".join(f"\\p{{{name}}}" for name in categories) + "]"
    every = _EVERY_CHARACTER()[:below]
    spans = [(m.start(), m.end() - 1) for m in regex.finditer(pattern + "+", every)]
    if not spans:
        raise NoNativeForm(f"no character is in the class {categories}")
    return "".join(f"\\x{{{a:X}}}" if a == b else f"\\x{{{a:X}}}-\\x{{{b:X}}}" for a, b in spans)


@lru_cache(maxsize=1)
def _EVERY_CHARACTER() -> str:
    """Every code point once, in order: a class's runs in it are its ranges (decoded from
    their UTF-32 code units: three times faster than joining a million characters)."""
    codes = array.array("I", range(0x110000))
    if codes.itemsize != 4:
        return "".join(map(chr, codes))
    return codes.tobytes().decode(f"utf-32-{'le' if sys.byteorder == 'little' else 'be'}", "surrogatepass")


def _escape(char: str) -> str:
    """One character as a regex atom every engine reads literally."""
    return f"\\x{{{ord(char):X}}}"
