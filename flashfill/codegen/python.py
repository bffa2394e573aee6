"""A program as a self-contained Python function, using only the standard library.

The function takes one argument per input column and returns the output text, or
None where the program is undefined; its docstring is the program's ``explain()``.
Small helpers (``_cut``, ``_nth``, …) are written into the module only when used;
each takes and gives None for ⊥, so the function reads like the program's steps.
Character classes other than digits are built from ``unicodedata`` when the module
loads (the ``re`` module has no ``\\p{…}``), so they follow the running Python's
Unicode tables.
"""

from __future__ import annotations

import keyword
import re
from collections.abc import Sequence

from flashfill.language.values.number_format import NumberFormat

from . import ir, python_values
from .patterns import CharClass, Pattern, classes_used, python_class_source, render

_HELPERS: dict[str, str] = {
    "_join": '''
def _join(*parts):
    """The parts joined, or None when one is None."""
    return None if None in parts else "".join(parts)
''',
    "_cut": '''
def _cut(text, start, end):
    """text[start:end], or None when a position is None or start > end."""
    if start is None or end is None or start > end:
        return None
    return text[start:end]
''',
    "_first": '''
def _first(pattern, text):
    """The first match of pattern in text, or None."""
    match = re.search(pattern, text)
    return match.group() if match else None
''',
    "_at": '''
def _at(text, k):
    """Index k, or None past the end of text."""
    return k if k <= len(text) else None
''',
    "_back": '''
def _back(text, k):
    """Index k characters before the end of text, or None when it is shorter."""
    return len(text) - k if len(text) >= k else None
''',
    "_find": '''
def _find(text, part, nth):
    """Where the nth occurrence of part starts (occurrences may overlap), or None."""
    at = -1
    for _ in range(nth):
        at = text.find(part, at + 1)
        if at < 0:
            return None
    return at
''',
    "_nth": '''
def _nth(pattern, text, n):
    """Where the match of pattern ends, at the nth place it matches (from the right
    when n < 0), or None."""
    ends = [match.end(1) for match in re.finditer(f"(?=({pattern}))", text)]
    if n == 0 or abs(n) > len(ends):
        return None
    return ends[n - 1] if n > 0 else ends[n]
''',
    "_shift": '''
def _shift(text, at, k):
    """k characters after index at, or None past the end of text."""
    return None if at is None or at + k > len(text) else at + k
''',
    "_copy_at": '''
def _copy_at(text, part, end, last):
    """Where the first (or last) copy of part starts (or ends) in text, or None."""
    if not part:
        return None
    at = text.rfind(part) if last else text.find(part)
    if at < 0:
        return None
    return at + len(part) if end else at
''',
    "_cased": '''
def _cased(text, case):
    """text in lower, upper or title case, or None."""
    return None if text is None else getattr(text, case)()
''',
    "_pad": '''
def _pad(text, width):
    """text with zeros in front up to width characters, or None."""
    return None if text is None else text.rjust(width, "0")
''',
    "_count": '''
def _count(pattern, text):
    """How many non-overlapping matches of pattern text has."""
    return sum(1 for _ in re.finditer(pattern, text))
''',
    "_loop": '''
def _loop(piece, limit):
    """piece(1) + piece(2) + ... until a piece is None (at most limit pieces)."""
    parts = []
    for w in range(1, limit + 1):
        part = piece(w)
        if part is None:
            break
        parts.append(part)
    return "".join(parts)
''',
    "_characters": '''
@functools.cache
def _categories():
    """The Unicode general category of every character, two letters each, in one text."""
    return "".join(map(unicodedata.category, map(chr, range(sys.maxunicode + 1))))


@functools.cache
def _characters(*categories, negated=False):
    """A regex class of the characters of these Unicode general categories (a category's
    first letter is a capital and its second is not, so matches never straddle two)."""
    wanted = "|".join(c if len(c) == 2 else c + "." for c in categories)
    ranges = []
    for run in re.finditer(f"(?:{wanted})+", _categories()):
        first, last = chr(run.start() // 2), chr(run.end() // 2 - 1)
        ranges.append(re.escape(first) + ("-" + re.escape(last) if last != first else ""))
    return "[" + ("^" if negated else "") + "".join(ranges) + "]"
''',
}


def python_source(node: ir.Text, explanation: str, names: Sequence[str], function: str = "transform") -> str:
    """The module source defining ``function(*names)`` computing ``node``."""
    printer = _Printer(tuple(names))
    body = printer.body(node)
    params = ", ".join(printer.names)
    doc = _docstring(explanation)
    lines = [f"def {function}({params}):", doc, *body]
    values = python_values.closure(printer.values)
    imports = set(python_values.imports(values))
    if printer.uses_re:
        imports.add("import re")
    if "_characters" in printer.helpers:
        imports |= {"import functools", "import sys", "import unicodedata"}
    imports = merged_imports(imports)
    helpers = [_HELPERS[name].strip("\n") for name in _HELPERS if name in printer.helpers]
    helpers += [python_values.source(name) for name in values]
    constants = [f"{c.name} = {python_class_source(c)}" for c in sorted(printer.classes, key=lambda c: c.name)]
    blocks = ["\n".join(imports)] if imports else []
    blocks += helpers
    if constants:
        blocks.append("\n".join(constants))
    blocks.append("\n".join(lines))
    return "\n\n\n".join(blocks) + "\n"


def parameter_names(headers: Sequence[str] | None, columns: int) -> tuple[str, ...]:
    """Python identifiers for the columns: from the headers where possible, else column1…

    >>> parameter_names(["First name", "2nd", "class", "First name"], 4)
    ('first_name', 'column2', 'class_', 'first_name_4')
    """
    names: list[str] = []
    for i in range(columns):
        header = headers[i] if headers and i < len(headers) else ""
        name = re.sub(r"\W+", "_", str(header).strip().lower()).strip("_")
        if not name or not name.isidentifier():
            name = f"column{i + 1}"
        if keyword.iskeyword(name):
            name += "_"
        if name in names:
            name = f"{name}_{i + 1}"
        names.append(name)
    return tuple(names)


def merged_imports(lines: set[str]) -> list[str]:
    """Import lines sorted, plain ``import`` first, one ``from`` line per module with all its names.

    >>> merged_imports({"from decimal import Decimal", "import re", "from decimal import ROUND_HALF_UP, Decimal"})
    ['import re', 'from decimal import Decimal, ROUND_HALF_UP']
    """
    plain = sorted(line for line in lines if not line.startswith("from "))
    names: dict[str, set[str]] = {}
    for line in lines:
        if line.startswith("from "):
            module, imported = line[len("from "):].split(" import ")
            names.setdefault(module, set()).update(name.strip() for name in imported.split(","))
    return plain + [f"from {module} import {', '.join(sorted(names[module]))}" for module in sorted(names)]


def _docstring(text: str) -> str:
    text = text.replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    lines = text.splitlines() or [""]
    if len(lines) == 1:
        return f'    """{lines[0]}"""'
    return '    """' + lines[0] + "\n" + "\n".join(f"    {line}" if line else "" for line in lines[1:]) + '\n    """'


class _Printer:
    def __init__(self, names: tuple[str, ...]) -> None:
        self.names = names
        self.helpers: set[str] = set()
        self.classes: set[CharClass] = set()
        self.values: set[str] = set()
        self.uses_re = False

    def use(self, helper: str) -> str:
        self.helpers.add(helper)
        if helper in ("_first", "_nth", "_count", "_characters"):
            self.uses_re = True
        return helper

    def value(self, helper: str) -> str:
        """A helper for dates and numbers (`python_values`)."""
        self.values.add(helper)
        return helper

    def var(self, column: int) -> str:
        return self.names[column]

    def body(self, node: ir.Text) -> list[str]:
        if not isinstance(node, ir.Choice):
            return [f"    return {self.text(node)}"]
        lines = []
        for test, text in node.branches:
            if test is None:
                lines.append(f"    return {self.text(text)}")
                return lines
            lines += [f"    if {self.test(test)}:", f"        return {self.text(text)}"]
        lines.append("    return None")
        return lines

    # ------------------------------------------------------------------ texts

    def text(self, node: ir.Text) -> str:
        if isinstance(node, ir.Literal):
            return repr(node.text)
        if isinstance(node, ir.Whole):
            return self.var(node.column)
        if isinstance(node, ir.Slice):
            s = self.var(node.column)
            return f"{self.use('_cut')}({s}, {self.num(node.start)}, {self.num(node.end)})"
        if isinstance(node, ir.FirstMatch):
            return f"{self.use('_first')}({self.pattern(node.pattern)}, {self.var(node.column)})"
        if isinstance(node, ir.Cased):
            return f"{self.use('_cased')}({self.text(node.text)}, {node.case!r})"
        if isinstance(node, ir.Padded):
            return f"{self.use('_pad')}({self.text(node.text)}, {node.width})"
        if isinstance(node, ir.Concat):
            return f"{self.use('_join')}({', '.join(self.text(p) for p in node.parts)})"
        if isinstance(node, ir.Repeat):
            limit = " + ".join(f"len({n})" for n in self.names) + " + 2"
            return f"{self.use('_loop')}(lambda w: {self.text(node.body)}, {limit})"
        if isinstance(node, ir.WriteNumber):
            return f"{self.value('_write_number')}({self.number(node.value)}{_format_arguments(node.format)})"
        if isinstance(node, ir.WriteMoment):
            return f"{self.value('_write_moment')}({self.moment(node.moment)}, {node.pattern!r})"
        raise ValueError("a choice is written as statements, not inside an expression")

    def number(self, node: ir.Number) -> str:
        if isinstance(node, ir.ReadNumber):
            return f"{self.value('_number')}({self.text(node.text)}, {node.point!r})"
        if isinstance(node, ir.Scale) and node.divisor:
            exact = ", exact=True" if node.exact else ""
            return f"{self.value('_divided')}({self.number(node.value)}, {node.divisor!r}, {node.power}{exact})"
        if isinstance(node, ir.Scale):
            return f"{self.value('_scaled')}({self.number(node.value)}, {node.factor!r}, {node.power})"
        assert isinstance(node, ir.RoundNumber)
        return f"{self.value('_round_to')}({self.number(node.value)}, {node.step!r}, {node.mode!r})"

    def moment(self, node: ir.Moment) -> str:
        if isinstance(node, ir.ReadMoment):
            return f"{self.value('_moment_in')}({self.text(node.text)}, {node.order!r})"
        if isinstance(node, ir.ShiftMoment):
            return f"{self.value('_shift_moment')}({self.moment(node.moment)}, {node.minutes})"
        assert isinstance(node, ir.RoundMoment)
        return f"{self.value('_round_moment')}({self.moment(node.moment)}, {node.unit!r}, {node.step}, {node.mode!r})"

    def pattern(self, pattern: Pattern) -> str:
        self.uses_re = True
        used = {c for c in classes_used(pattern) if c.categories != ("Nd",)}
        if any(c.categories != ("space",) for c in used):
            self.use("_characters")
        self.classes |= used
        spelled = render(pattern, "python")
        return f'rf"{spelled}"' if used else f'r"{spelled}"'.replace("{{", "{").replace("}}", "}")

    # -------------------------------------------------------------- positions

    def num(self, node: ir.Position) -> str:
        s = self.var(node.column)
        if isinstance(node, ir.Fixed):
            return str(node.k) if node.k == 0 else f"{self.use('_at')}({s}, {node.k})"
        if isinstance(node, ir.FromEnd):
            return f"len({s})" if node.k == 0 else f"{self.use('_back')}({s}, {node.k})"
        if isinstance(node, ir.Found):
            at = f"{self.use('_find')}({s}, {node.text!r}, {node.nth})"
            return f"{self.use('_shift')}({s}, {at}, {len(node.text)})" if node.after else at
        if isinstance(node, ir.Occurrence):
            n = str(node.count) if not node.step else _linear(node.step, node.count)
            return f"{self.use('_nth')}({self.pattern(node.pattern)}, {s}, {n})"
        if isinstance(node, ir.Plus):
            return f"{self.use('_shift')}({s}, {self.num(node.base)}, {node.k})"
        assert isinstance(node, ir.ColumnAt)
        return f"{self.use('_copy_at')}({s}, {self.var(node.other)}, end={node.end}, last={node.last})"

    # ------------------------------------------------------------------ tests

    def test(self, node: ir.Test) -> str:
        if isinstance(node, ir.Not):
            return f"not ({self.test(node.test)})"
        if isinstance(node, (ir.All, ir.AnyOf)):
            joiner = " and " if isinstance(node, ir.All) else " or "
            return joiner.join(f"({self.test(t)})" for t in node.tests)
        s = self.var(node.column)
        if isinstance(node, ir.HasValue):
            return f"{self.value('_has_value')}({s}, {node.kind!r})"
        if isinstance(node, ir.HasText):
            return f"{node.text!r} in {s}" if node.count == 1 else f"{s}.count({node.text!r}) >= {node.count}"
        if node.count == 1:
            self.uses_re = True
            return f"re.search({self.pattern(node.pattern)}, {s})"
        return f"{self.use('_count')}({self.pattern(node.pattern)}, {s}) >= {node.count}"


def _format_arguments(f: NumberFormat) -> str:
    """The arguments of ``_write_number`` that differ from its defaults (a plain number).

    >>> _format_arguments(NumberFormat(2, ",")), _format_arguments(NumberFormat())
    (", decimals=2, group=','", '')
    """
    plain = NumberFormat()
    names = ("decimals", "group", "point", "significant", "exponent", "negative")
    return "".join(f", {n}={getattr(f, n)!r}" for n in names if getattr(f, n) != getattr(plain, n))


def _linear(step: int, count: int) -> str:
    """``step·w + count`` as Python source.

    >>> _linear(1, 0), _linear(2, -1), _linear(-1, 1)
    ('w', '2 * w - 1', '-w + 1')
    """
    term = "w" if step == 1 else "-w" if step == -1 else f"{step} * w"
    return term if count == 0 else f"{term} + {count}" if count > 0 else f"{term} - {-count}"
