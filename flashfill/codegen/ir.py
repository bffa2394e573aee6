"""The intermediate form every target prints: text, position and test operations.

`lower.lower` turns a program into these nodes once; the printers (`formula`,
`python`, and engines such as Polars or DuckDB) only spell them. Semantics follow the
language: a text node gives a string or ⊥, a position node a 0-based index into its
column's text or ⊥, and ⊥ spreads to whatever uses it (a concatenation, a slice).
Patterns are dialect-neutral (`patterns.Pattern`).
"""

from __future__ import annotations

from dataclasses import dataclass

from flashfill.language.values.number_format import NumberFormat

from .patterns import Pattern

# ------------------------------------------------------------------ positions


@dataclass(frozen=True, slots=True)
class Fixed:
    """Index ``k`` ≥ 0 from the left; ⊥ when the text is shorter than k."""

    column: int
    k: int


@dataclass(frozen=True, slots=True)
class FromEnd:
    """Index ``len - k`` (k ≥ 0); ⊥ when the text is shorter than k."""

    column: int
    k: int


@dataclass(frozen=True, slots=True)
class Found:
    """Where the ``nth`` (≥ 1) occurrence of ``text`` starts, or ends when ``after``;
    occurrences may overlap ('aa' occurs twice in 'aaa'); ⊥ when there are fewer."""

    column: int
    text: str
    nth: int
    after: bool


@dataclass(frozen=True, slots=True)
class Occurrence:
    """The end of the matched text at the c-th place where ``pattern`` matches, with
    c = ``step``·w + ``count`` (w: the loop variable), from the right when c < 0.

    The pattern consumes the tokens left of the position and looks ahead at those
    right of it, so the index is where its match ends; matches are tried at every
    place, one per starting index (they may overlap)."""

    column: int
    pattern: Pattern
    count: int
    step: int = 0


@dataclass(frozen=True, slots=True)
class Plus:
    """``k`` ≥ 1 characters after ``base``; ⊥ past the end of the text."""

    column: int
    base: "Position"
    k: int


@dataclass(frozen=True, slots=True)
class ColumnAt:
    """Where the text of column ``other`` first (or ``last``) occurs in this column's
    text: its start, or its end when ``end``; ⊥ when it is empty or absent."""

    column: int
    other: int
    end: bool
    last: bool = False


Position = Fixed | FromEnd | Found | Occurrence | Plus | ColumnAt

# ---------------------------------------------------------------------- texts


@dataclass(frozen=True, slots=True)
class Literal:
    text: str


@dataclass(frozen=True, slots=True)
class Whole:
    """The whole text of a column."""

    column: int


@dataclass(frozen=True, slots=True)
class Slice:
    """``text[start:end]``; ⊥ when a position is ⊥ or start > end."""

    column: int
    start: Position
    end: Position


@dataclass(frozen=True, slots=True)
class FirstMatch:
    """The text of the first match of ``pattern`` in the column; ⊥ when none."""

    column: int
    pattern: Pattern


@dataclass(frozen=True, slots=True)
class Cased:
    """``text`` in ``case``: lower, upper or title (Python's ``str.title``)."""

    text: "Text"
    case: str


@dataclass(frozen=True, slots=True)
class Padded:
    """``text`` with zeros in front up to ``width`` characters."""

    text: "Text"
    width: int


@dataclass(frozen=True, slots=True)
class Concat:
    """The parts joined; ⊥ when any part is ⊥."""

    parts: tuple["Text", ...]


@dataclass(frozen=True, slots=True)
class Repeat:
    """``body`` for w = 1, 2, … joined, until it is ⊥ (a loop)."""

    body: Concat


@dataclass(frozen=True, slots=True)
class Choice:
    """The text of the first branch whose test holds (None: always); ⊥ when none does."""

    branches: tuple[tuple["Test | None", "Text"], ...]


# --------------------------------------------------------------------- values
# A value node gives a number (a Decimal) or a moment (a date and/or time), or ⊥; the
# language's values package defines each operation (see `flashfill.language.values`).


@dataclass(frozen=True, slots=True)
class ReadNumber:
    """The number ``text`` spells as a whole (``number_parsing.parse_number`` with decimal
    mark ``point``); ⊥ when it spells none."""

    text: "Text"
    point: str


@dataclass(frozen=True, slots=True)
class Scale:
    """``value`` times ``factor`` or divided by ``divisor`` (decimal numerals, "" for
    none) times 10**``power``; ⊥ when ``exact`` and the quotient has no end
    (``FormatNumber.exact_quotient``)."""

    value: "Number"
    factor: str
    power: int
    divisor: str = ""
    exact: bool = False


@dataclass(frozen=True, slots=True)
class RoundNumber:
    """``value`` rounded to a multiple of ``step`` (a decimal numeral) in ``mode``
    (``rounding.MODES``)."""

    value: "Number"
    step: str
    mode: str


@dataclass(frozen=True, slots=True)
class WriteNumber:
    """``value`` written in ``format`` (``NumberFormat.render``): a text."""

    value: "Number"
    format: NumberFormat


@dataclass(frozen=True, slots=True)
class ReadMoment:
    """The date and/or time ``text`` spells as a whole (``moments.parse_moment``, read
    month-first or day-first: ``order``); ⊥ when it spells none."""

    text: "Text"
    order: str


@dataclass(frozen=True, slots=True)
class ShiftMoment:
    """``moment`` moved by ``minutes`` (``date_rounding.shift_moment``)."""

    moment: "Moment"
    minutes: int


@dataclass(frozen=True, slots=True)
class RoundMoment:
    """The start (``down``) or end (``next``) of the bucket of ``step`` ``unit``s holding
    ``moment`` (``date_rounding.round_moment``)."""

    moment: "Moment"
    unit: str
    step: int
    mode: str


@dataclass(frozen=True, slots=True)
class WriteMoment:
    """``moment`` written with a date pattern (``date_patterns.render``): a text."""

    moment: "Moment"
    pattern: tuple[str, ...]


Number = ReadNumber | Scale | RoundNumber
Moment = ReadMoment | ShiftMoment | RoundMoment
Text = Literal | Whole | Slice | FirstMatch | Cased | Padded | Concat | Repeat | Choice | WriteNumber | WriteMoment

# ---------------------------------------------------------------------- tests


@dataclass(frozen=True, slots=True)
class HasText:
    """The column holds at least ``count`` non-overlapping copies of ``text``."""

    column: int
    text: str
    count: int


@dataclass(frozen=True, slots=True)
class HasMatches:
    """The column has at least ``count`` non-overlapping matches of ``pattern``."""

    column: int
    pattern: Pattern
    count: int


@dataclass(frozen=True, slots=True)
class Not:
    test: "Test"


@dataclass(frozen=True, slots=True)
class All:
    tests: tuple["Test", ...]


@dataclass(frozen=True, slots=True)
class AnyOf:
    tests: tuple["Test", ...]


@dataclass(frozen=True, slots=True)
class HasValue:
    """The column holds a value of ``kind`` somewhere in its text (``kinds.has_kind``:
    a date, a time, a negative number)."""

    column: int
    kind: str


Test = HasText | HasMatches | HasValue | Not | All | AnyOf


def can_fail(node: Text) -> bool:
    """Whether a text node may be ⊥ on some row other than by no branch of a `Choice`
    holding (a formula gives an error there, which it turns into a blank).

    >>> can_fail(Concat((Literal("a"), Whole(0)))), can_fail(FirstMatch(0, ("x",)))
    (False, True)
    """
    if isinstance(node, (Literal, Whole)):
        return False
    if isinstance(node, (Cased, Padded)):
        return can_fail(node.text)
    if isinstance(node, Concat):
        return any(can_fail(p) for p in node.parts)
    if isinstance(node, Choice):
        return any(can_fail(t) for _, t in node.branches)
    return True


def walk(node: "Text | Test | Position | Number | Moment"):
    """Every node under ``node`` (itself included), depth first.

    >>> [type(n).__name__ for n in walk(Concat((Literal("a"), Cased(Whole(0), "upper"))))]
    ['Concat', 'Literal', 'Cased', 'Whole']
    """
    yield node
    for name in node.__slots__:
        value = getattr(node, name)
        children = value if isinstance(value, tuple) else (value,)
        for child in children:
            parts = child if isinstance(child, tuple) else (child,)  # a Choice's (test, text)
            yield from (n for part in parts if _is_node(part) for n in walk(part))


def _is_node(value: object) -> bool:
    return type(value).__module__ == __name__
