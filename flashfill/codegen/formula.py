"""The spreadsheet formula printer shared by the Excel and LibreOffice dialects.

It spells the intermediate form with the classic text functions wherever they are
exact (LEFT, MID, LEN, FIND, SUBSTITUTE, UPPER, LOWER, PROPER, REPT, IF) and with
the dialect's regex functions for token positions and runs. ⊥ is an error value
inside the formula (NA(), or the error of a failed FIND or a negative MID length),
and the whole formula turns it into an empty text with IFERROR: a row where the
program gives None shows a blank cell, as Flash Fill leaves it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from flashfill.errors import ExportError

from . import ir
from .formula_dates import DateFormulas
from .formula_numbers import NumberFormulas
from .patterns import END, START, Pattern, render

#: Longest text constant a formula may hold in one piece (Excel's limit).
MAX_STRING = 255
#: Longest formula a cell takes (Excel's limit; Calc refuses formulas not much longer).
MAX_FORMULA = 8192
#: The longest cell reference, and the formulas too short to reach MAX_FORMULA with it
#: (each reference is 2 characters or more, and grows by 10 at most).
LONGEST_REFERENCE = "$XFD$1048576"
SHORT_FORMULA = 1000
VALUES = ("a test of whether a cell holds a date, a time or a negative number has no exact formula yet: it looks "
          "for every form of them at every place of the text, and which it finds depends on those it found before")


@dataclass(frozen=True, slots=True)
class Dialect:
    """How one spreadsheet spells what the shared printer cannot: its argument
    separator, its regex engine and its three regex operations."""

    name: str
    separator: str
    engine: str
    extract: str  # format with {text}, {pattern}, {sep}: the first match, an error if none
    test: str  # the same, true when there is a match
    replace: str  # format with {text}, {pattern}, {replacement}, {sep}: every match replaced


@dataclass(frozen=True, slots=True)
class _Num:
    """A printed position: ``expr`` (empty for a constant) plus ``offset``; ``checks``
    must all hold for it to be defined."""

    expr: str
    offset: int
    checks: tuple[str, ...] = ()

    def __str__(self) -> str:
        return _plus(self.expr, self.offset)


def _plus(expr: str, offset: int) -> str:
    if not expr:
        return str(offset)
    if offset == 0:
        return expr
    return f"{expr}+{offset}" if offset > 0 else f"{expr}-{-offset}"


_CALL = re.compile(r"[A-Z][A-Z0-9.]*\(.*\)|[A-Z]+[0-9]+|\$?[A-Z]+\$?[0-9]+")


def _operand(expr: str) -> str:
    """``expr`` safe to subtract: parenthesised unless it is one call or reference."""
    if _CALL.fullmatch(expr) and _balanced_call(expr):
        return expr
    return f"({expr})"


def _balanced_call(expr: str) -> bool:
    """True when the first parenthesis closes at the end (``F(x)``, not ``F(x)-G(y)``)."""
    depth, quoted = 0, False
    for i, ch in enumerate(expr):
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch == "(":
            depth += 1
        elif not quoted and ch == ")":
            depth -= 1
            if depth == 0 and i != len(expr) - 1:
                return False
    return True


class FormulaPrinter:
    """Prints one program's intermediate form for one row, given its input cells."""

    def __init__(self, dialect: Dialect, cells: Sequence[str]) -> None:
        self.dialect = dialect
        self.cells = tuple(cells)
        self.sep = dialect.separator

    def formula(self, node: ir.Text) -> str:
        """``=…`` for the whole program: ⊥ rows give an empty text. One too long for a cell
        with the longest cell references is refused, so that every row of a sheet has one."""
        body = self.body(node)
        if len(body) > SHORT_FORMULA:
            longest = len(FormulaPrinter(self.dialect, [LONGEST_REFERENCE] * len(self.cells)).body(node))
            if max(longest, len(body)) >= MAX_FORMULA:
                raise ExportError(f"its formula would be up to {longest + 1} characters long, and a cell takes "
                                  f"{MAX_FORMULA}")
        return "=" + body

    def body(self, node: ir.Text) -> str:
        body = self.result(node)
        return f'IFERROR({body}{self.sep}"")' if ir.can_fail(node) else body

    def result(self, node: ir.Text) -> str:
        """``node`` as the value of a cell: a bare reference to an empty cell would show 0."""
        return f'{self.text(node)}&""' if isinstance(node, ir.Whole) else self.text(node)

    def call(self, name: str, *args: object) -> str:
        return f"{name}({self.sep.join(map(str, args))})"

    def cell(self, column: int) -> str:
        if column >= len(self.cells):
            raise ExportError(f"the program reads column {column + 1}, but only {len(self.cells)} cells were given")
        return self.cells[column]

    # ------------------------------------------------------------------ texts

    def text(self, node: ir.Text) -> str:
        if isinstance(node, ir.Literal):
            return self.string(node.text)
        if isinstance(node, ir.Whole):
            return self.cell(node.column)
        if isinstance(node, ir.Slice):
            return self.slice(node)
        if isinstance(node, ir.FirstMatch):
            return self.extract(node.column, node.pattern)
        if isinstance(node, ir.Cased):
            return self.call({"lower": "LOWER", "upper": "UPPER", "title": "PROPER"}[node.case], self.text(node.text))
        if isinstance(node, ir.Padded):
            inner = self.text(node.text)
            zeros = self.call("REPT", '"0"', self.call("MAX", 0, f"{node.width}-{self.call('LEN', inner)}"))
            return f"{zeros}&{inner}"
        if isinstance(node, ir.Concat):
            return "&".join(self.text(p) for p in node.parts) or '""'
        if isinstance(node, ir.Choice):
            return self.choice(node)
        if isinstance(node, ir.WriteNumber):
            return NumberFormulas(self).write(node)
        if isinstance(node, ir.WriteMoment):
            return DateFormulas(self).write(node)
        assert isinstance(node, ir.Repeat)
        raise ExportError("it repeats for each match, and a formula cannot loop")

    def string(self, text: str) -> str:
        """A text constant: quotes doubled, control characters as CHAR(n), long texts split."""
        if "\x00" in text:
            raise ExportError("a text constant holds a NUL character, which no formula can hold")
        pieces: list[str] = []
        for part in re.split(r"([\x01-\x1f])", text):
            if len(part) == 1 and ord(part) < 0x20:
                pieces.append(self.call("CHAR", ord(part)))
            elif part or not pieces:
                pieces += ['"' + part[i:i + MAX_STRING].replace('"', '""') + '"'
                           for i in range(0, max(len(part), 1), MAX_STRING)]
        return "&".join(pieces)

    def slice(self, node: ir.Slice) -> str:
        s = self.cell(node.column)
        start, end = self.num(node.start), self.num(node.end)
        length = self.call("LEN", s)
        if start.expr == "" and start.offset == 0:
            body = s if (end.expr, end.offset) == (length, 0) else self.call("LEFT", s, end)
        elif (end.expr, end.offset) == (length, 0):
            body = self.call("MID", s, _plus(start.expr, start.offset + 1), length)
        else:
            count = self.difference(end, start)
            body = self.call("MID", s, _plus(start.expr, start.offset + 1), count)
        checks = start.checks + end.checks
        if not checks:
            return body
        condition = checks[0] if len(checks) == 1 else self.call("AND", *checks)
        return self.call("IF", condition, body, "NA()")

    def difference(self, end: _Num, start: _Num) -> str:
        """``end - start`` printed with the constants folded."""
        if not start.expr:
            return _plus(end.expr, end.offset - start.offset)
        head = end.expr if end.expr else ""
        tail = f"-{_operand(start.expr)}"
        return _plus(f"{head}{tail}" if head else tail, end.offset - start.offset)

    def choice(self, node: ir.Choice) -> str:
        result = '""'
        for test, text in reversed(node.branches):
            body = self.result(text)
            result = body if test is None else self.call("IF", self.test(test), body, result)
        return result

    def extract(self, column: int, pattern: Pattern) -> str:
        return self.dialect.extract.format(text=self.cell(column), pattern=self.regex(pattern), sep=self.sep)

    def regex(self, pattern: Pattern) -> str:
        return self.string(render(pattern, self.dialect.engine))

    # -------------------------------------------------------------- positions

    def num(self, node: ir.Position) -> _Num:
        if isinstance(node, ir.Fixed):
            return _Num("", node.k, (f"{self.call('LEN', self.cell(node.column))}>={node.k}",) if node.k else ())
        if isinstance(node, ir.FromEnd):
            length = self.call("LEN", self.cell(node.column))
            return _Num(length, -node.k, (f"{length}>={node.k}",) if node.k else ())
        if isinstance(node, ir.Found):
            return self.found(node)
        if isinstance(node, ir.Occurrence):
            return self.occurrence(node)
        if isinstance(node, ir.Plus):
            base = self.num(node.base)
            moved = _Num(base.expr, base.offset + node.k, base.checks)
            length = self.call("LEN", self.cell(node.column))
            check = f"{length}>={node.k + base.offset}" if not base.expr else f"{moved}<={length}"
            return _Num(moved.expr, moved.offset, base.checks + (check,))
        assert isinstance(node, ir.ColumnAt)
        if node.last:
            raise ExportError("a formula cannot find the last copy of another column's text")
        s, other = self.cell(node.column), self.cell(node.other)
        found = self.call("FIND", other, s)
        expr = f"{found}+{self.call('LEN', other)}" if node.end else found
        return _Num(expr, -1, (f"{self.call('LEN', other)}>0",))

    def found(self, node: ir.Found) -> _Num:
        s, needle = self.cell(node.column), self.string(node.text)
        expr = self.call("FIND", needle, s)
        for _ in range(node.nth - 1):
            expr = self.call("FIND", needle, s, f"{expr}+1")
        return _Num(expr, (len(node.text) if node.after else 0) - 1)

    def occurrence(self, node: ir.Occurrence) -> _Num:
        if node.step:
            raise ExportError("a position counted by a loop variable needs a loop, which a formula cannot have")
        x, c = node.pattern, node.count
        if c > 0:
            skip: Pattern = ("(?:.*?(?=",) + x + (").)",) + (("{%d}" % (c - 1),) if c > 2 else ())
            anchored: Pattern = ("^(?s:",) + (skip if c > 1 else ()) + (".*?)",) + x
        else:
            later: Pattern = ("(?=(?:(?s:.)+?(?=",) + x + ("))",) + (("{%d}" % (-c - 1),) if c < -2 else ()) + (")",)
            anchored = ("^(?s:.*)",) + (later if c < -1 else ()) + x
        return _Num(self.call("LEN", self.extract(node.column, anchored)), 0)

    # ------------------------------------------------------------------ tests

    def test(self, node: ir.Test) -> str:
        if isinstance(node, ir.Not):
            return self.call("NOT", self.test(node.test))
        if isinstance(node, (ir.All, ir.AnyOf)):
            return self.call("AND" if isinstance(node, ir.All) else "OR", *(self.test(t) for t in node.tests))
        if isinstance(node, ir.HasValue):
            raise ExportError(VALUES)
        s = self.cell(node.column)
        if isinstance(node, ir.HasText):
            needle = self.string(node.text)
            if node.count == 1:
                return self.call("ISNUMBER", self.call("FIND", needle, s))
            removed = f"{self.call('LEN', s)}-{self.call('LEN', self.call('SUBSTITUTE', s, needle, chr(34) * 2))}"
            return f"{removed}>={node.count * len(node.text)}"
        if node.count > 1 and all(piece in (START, END) for piece in node.pattern):
            return "FALSE()"  # the start (or the end) is there once: a regex repeating it would find it again
        pattern = node.pattern if node.count == 1 else ("(?s:(?:.*?",) + node.pattern + ("){%d})" % node.count,)
        return self.dialect.test.format(text=s, pattern=self.regex(pattern), sep=self.sep)
