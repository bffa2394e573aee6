"""The public Program: a learned Switch, callable on a row, explainable, savable."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from itertools import chain
from typing import Any

from .compiled import ManyFn, compile_switch
from .cells import as_cells, as_row, is_blank
from .conditionals import Switch
from .expressions import Row
from .serialize import switch_from_data, switch_to_data

FORMAT_VERSION = 1
__all__ = ["FORMAT_VERSION", "Program", "as_row"]


class Program:
    """A learned transformation: ``program(row)`` gives the output or None.

    >>> from flashfill.language.expressions import Concatenate, ConstStr
    >>> from flashfill.language.conditionals import Guard, Switch
    >>> p = Program(Switch(((Guard(), Concatenate((ConstStr("hi"),))),)), columns=1)
    >>> p("anything"), Program.from_json(p.to_json()) == p, p.map([("a",), ("b",)])
    ('hi', True, ['hi', 'hi'])
    """

    __slots__ = ("switch", "columns", "_fn", "_many")

    def __init__(self, switch: Switch, columns: int) -> None:
        self.switch = switch
        self.columns = columns
        used = switch.columns_used()
        if used and max(used) >= columns:
            raise ValueError(f"the program reads column {max(used) + 1} but has only {columns} columns")
        self._fn = switch.evaluator()
        self._many: ManyFn | None = None

    def __call__(self, row: Any) -> str | None:
        """The output for one row (a str is a one-column row); None where the program is
        undefined or every cell is blank (None, NaN); numbers are read as a spreadsheet shows them."""
        cells = as_cells(row)
        if is_blank(cells):
            return None
        return self._fn(self._checked(cells), 0)

    def _checked(self, cells: tuple[str | None, ...], index: int | None = None) -> Row:
        if len(cells) < self.columns:
            where = "the row" if index is None else f"row {index + 1}"
            raise ValueError(f"the program needs {self.columns} columns, {where} has {len(cells)}")
        return tuple("" if text is None else text for text in cells)

    def columns_used(self) -> set[int]:
        """Indexes (0-based) of the input columns the program reads.

        Outputs depend on these columns only, so callers can cache by them.
        """
        return self.switch.columns_used()

    def run(self, row: Row) -> str | None:
        """Like calling the program, without checking the row (for tight loops)."""
        return self._fn(row, 0)

    def map(self, rows: Iterable[Any]) -> list[str | None]:
        """``[program(row) for row in rows]``, several times faster on many rows: a str is
        a one-column row, a row of blank cells (None, NaN) gives None, numbers are read as
        a spreadsheet shows them.

        The program is compiled to one flat function on the first call (a fraction of a
        millisecond), so single calls and short lists are better served by ``run``.

        >>> from flashfill import learn
        >>> learn([("mary jones", "Mary")]).map(["bob brown", None, float("nan"), ("ann lee",)])
        ['Bob', None, None, 'Ann']
        """
        if self._many is None:
            self._many = compile_switch(self.switch)
        rows = rows if isinstance(rows, list) else list(rows)
        if self._plain(rows):
            return self._many(rows)
        cells = [as_cells(row) for row in rows]
        filled = [self._checked(c, i) for i, c in enumerate(cells) if not is_blank(c)]
        outputs = iter(self._many(filled))
        return [None if is_blank(c) else next(outputs) for c in cells]

    def _plain(self, rows: list[Any]) -> bool:
        """Whether every row is a tuple of at least ``columns`` strings (the fast path)."""
        if not rows:
            return True
        return (
            set(map(type, rows)) == {tuple}
            and set(map(type, chain.from_iterable(rows))) <= {str}
            and min(map(len, rows)) >= self.columns
        )

    def explain(self, names: Sequence[str] | None = None) -> str:
        """The program in words, one step a line; ``names`` are optional column headers."""
        names = tuple(names) if names else None
        cases = self.switch.cases
        if len(cases) == 1 and not cases[0][0].disjuncts:
            return _steps(cases[0][1].describe(names), indent="")
        lines = []
        for i, (guard, trace) in enumerate(cases):
            if not guard.disjuncts:
                lines.append("Otherwise:")
                lines.append(_steps(trace.describe(names), indent="  "))
                return "\n".join(lines)
            head = "If" if i == 0 else "Otherwise, if"
            lines.append(f"{head} {guard.describe(names)}:")
            lines.append(_steps(trace.describe(names), indent="  "))
        lines.append("Otherwise: leave the cell empty.")
        return "\n".join(lines)

    def to_formula(self, cells: Sequence[str], dialect: str = "excel") -> str:
        """The program as a spreadsheet formula for one row whose input cells are ``cells``
        (``["A2", "B2"]``), in the ``excel`` or ``libreoffice`` dialect; a row where the
        program gives None shows an empty text. ``flashfill.ExportError`` names a step
        that has no formula (a loop, for one)."""
        from flashfill.codegen import to_formula  # codegen depends on the language, not back

        return to_formula(self, cells, dialect)

    def to_python(self, names: Sequence[str] | None = None, function: str = "transform") -> str:
        """The program as the source of a self-contained Python function (standard library
        only), one parameter per column (named after ``names`` when given)."""
        from flashfill.codegen import to_python  # codegen depends on the language, not back

        return to_python(self, names, function)

    def to_json(self) -> str:
        return json.dumps(
            {"flashfill": FORMAT_VERSION, "columns": self.columns, "program": switch_to_data(self.switch)},
            ensure_ascii=False,
        )

    @classmethod
    def from_json(cls, text: str) -> "Program":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as e:
            raise ValueError(f"not a saved flashfill program: {e}") from None
        if not isinstance(data, dict) or data.get("flashfill") != FORMAT_VERSION:
            raise ValueError("not a saved flashfill program (missing or unknown 'flashfill' version)")
        try:
            return cls(switch_from_data(data["program"]), int(data["columns"]))
        except (KeyError, TypeError) as e:
            raise ValueError(f"damaged flashfill program: missing or wrong field {e}") from None

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Program) and (self.switch, self.columns) == (other.switch, other.columns)

    def __hash__(self) -> int:
        return hash((self.switch, self.columns))

    def __repr__(self) -> str:
        return f"Program({self.explain()!r})"


def _steps(parts: list[str], indent: str) -> str:
    if len(parts) == 1:
        return f"{indent}Output {parts[0]}."
    lines = [f"{indent}Join:"]
    lines += [f"{indent}  {i}. {p}" for i, p in enumerate(parts, 1)]
    return "\n".join(lines)
