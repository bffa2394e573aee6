"""The public Program: a learned Switch, callable on a row, explainable, savable."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence

from .compiled import ManyFn, compile_switch
from .conditionals import Switch
from .expressions import Row
from .serialize import switch_from_data, switch_to_data

FORMAT_VERSION = 1


def as_row(row: str | Sequence[str]) -> Row:
    """A row as a tuple of strings: a bare string is a one-column row.

    >>> as_row("a"), as_row(["a", "b"])
    (('a',), ('a', 'b'))
    """
    if isinstance(row, str):
        return (row,)
    values = tuple(row)
    for i, v in enumerate(values):
        if not isinstance(v, str):
            raise TypeError(f"column {i + 1} of the row is {type(v).__name__}, not str: {v!r:.60}")
    return values


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

    def __call__(self, row: str | Sequence[str]) -> str | None:
        values = as_row(row)
        if len(values) < self.columns:
            raise ValueError(f"the program needs {self.columns} columns, the row has {len(values)}")
        return self._fn(values, 0)

    def columns_used(self) -> set[int]:
        """Indexes (0-based) of the input columns the program reads.

        Outputs depend on these columns only, so callers can cache by them.
        """
        return self.switch.columns_used()

    def run(self, row: Row) -> str | None:
        """Like calling the program, without checking the row (for tight loops)."""
        return self._fn(row, 0)

    def map(self, rows: Iterable[Row]) -> list[str | None]:
        """``[program.run(row) for row in rows]``, several times faster on many rows.

        The program is compiled to one flat function on the first call (a fraction of a
        millisecond), so single calls and short lists are better served by ``run``.
        """
        if self._many is None:
            self._many = compile_switch(self.switch)
        return self._many(rows)

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
