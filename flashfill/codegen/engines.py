"""A program inside a data engine (Spark, DuckDB, Polars): the one place that decides,
step by step, what runs as the engine's own expressions and what falls back to the
compiled program in Python.

A *step* is a SubStr or Loop atom or a Match test of a guard.  Each engine module
supplies a ``Builder`` that makes its expressions; ``translate`` walks the program
(cases, concatenations, constants), lowers each step (``codegen.lower``) and makes its
native form from the builder's operations (``codegen.native``).
A step with no exact native form (``native.NoNativeForm``) runs as a vectorized
Python function over the engine's batches (``fallback_text``/``fallback_test``), and
the ``Translation`` says which steps did, so nothing is approximated silently.

Engines see inputs as nullable text columns: a NULL input is a blank (""), and a
program's ⊥ (None) is the engine's NULL.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, Protocol, TypeVar

from flashfill.codegen import ir, native
from flashfill.codegen.lower import lower, lower_trace
from flashfill.errors import ExportError
from flashfill.language.conditionals import Guard, Match, Switch
from flashfill.language.expressions import Atom, Concatenate, ConstStr, Loop, Row, SubStr
from flashfill.language.program import Program

E = TypeVar("E")

Texts = Callable[[list[Row]], "list[str | None]"]
"""A step run in Python on many rows: one text (or None) per row."""

Tests = Callable[[list[Row]], "list[bool]"]
"""A guard test run in Python on many rows: one truth value per row."""


class Builder(native.Operations[E], Protocol[E]):
    """What an engine module provides: its operations (``native.Operations``), joins, and
    steps run in Python (with lazy branches, also the rows a native form cannot take)."""

    def concat(self, parts: list[E]) -> E: ...

    def fallback_text(self, run: Texts) -> E: ...

    def fallback_test(self, run: Tests) -> E: ...


@dataclass
class Translation(Generic[E]):
    """An engine expression for a program, and which of its steps run natively."""

    expression: E
    native: list[str] = field(default_factory=list)
    fallback: list[str] = field(default_factory=list)

    @property
    def steps(self) -> int:
        return len(self.native) + len(self.fallback)

    @property
    def native_share(self) -> float:
        """The share of the steps the engine runs itself (1.0 for a program of constants)."""
        return len(self.native) / self.steps if self.steps else 1.0

    def summary(self) -> str:
        """One line for the user, then one per step that runs in Python."""
        line = f"{len(self.native)} of {self.steps} steps native ({self.native_share:.0%})"
        return "\n".join([line] + [f"  in Python: {why}" for why in self.fallback])


def translate(program: Program, builder: Builder[E]) -> Translation[E]:
    """The program as the builder's expression: native steps where it has them, Python elsewhere."""
    result: Translation[E] = Translation(expression=None)  # type: ignore[arg-type]
    branches = [(_guard(guard, builder, program, result), _trace(trace, builder, program, result))
                for guard, trace in program.switch.cases]
    if len(branches) == 1 and branches[0][0] is None:
        result.expression = branches[0][1]
    else:
        result.expression = builder.cases(branches)
    return result


def _trace(trace: Concatenate, builder: Builder[E], program: Program, result: Translation[E]) -> E:
    parts = [_atom(atom, builder, program, result) for atom in trace.atoms]
    if not parts:
        return builder.text("")
    return parts[0] if len(parts) == 1 else builder.concat(parts)


def _atom(atom: Atom, builder: Builder[E], program: Program, result: Translation[E]) -> E:
    if isinstance(atom, ConstStr):
        return builder.text(atom.text)
    words = atom.describe()
    in_python = AtomInPython(atom, program.columns)
    other_rows = (lambda: builder.fallback_text(in_python)) if builder.lazy_python else None
    try:
        if not isinstance(atom, SubStr):
            raise native.NoNativeForm("a loop" if isinstance(atom, Loop) else "a value step has no lowering yet")
        expression = native.text(lower_trace(Concatenate((atom,))), builder, other_rows)
    except (native.NoNativeForm, ExportError) as why:  # ExportError: the lowering has no form for it
        result.fallback.append(f"{words} ({why})")
        return builder.fallback_text(in_python)
    result.native.append(words)
    return expression


def _guard(guard: Guard, builder: Builder[E], program: Program, result: Translation[E]) -> E | None:
    if not guard.disjuncts:
        return None
    return builder.any_of([builder.all_of([_test(m, builder, result) for m in conj]) for conj in guard.disjuncts])


def _test(test: Match, builder: Builder[E], result: Translation[E]) -> E:
    words = test.describe()
    try:
        if not isinstance(test, Match):
            raise native.NoNativeForm("a value test has no lowering yet")
        expression = native.condition(_lowered(test), builder)
    except (native.NoNativeForm, ExportError) as why:
        result.fallback.append(f"{words} ({why})")
        return builder.fallback_test(MatchInPython(test))
    result.native.append(words)
    return expression


def _lowered(test: Match) -> ir.Test:
    """The lowering of one guard test (the guard of a one-case switch)."""
    choice = lower(Switch(((Guard(((test,),)), Concatenate(())),)))
    assert isinstance(choice, ir.Choice) and choice.branches[0][0] is not None
    return choice.branches[0][0]


class AtomInPython:
    """One atom as a program of its own, compiled (``Program.map``), for many rows.

    It pickles as the atom alone and compiles where it first runs, so engines can ship
    it to their workers.
    """

    def __init__(self, atom: Atom, columns: int) -> None:
        self.atom, self.columns = atom, columns
        self._many: Texts | None = None

    def __call__(self, rows: list[Row]) -> list[str | None]:
        if self._many is None:
            self._many = Program(Switch(((Guard(), Concatenate((self.atom,))),)), self.columns).map
        return self._many(rows)

    def __reduce__(self) -> tuple:
        return AtomInPython, (self.atom, self.columns)


class MatchInPython:
    """One guard test for many rows (pickles as the test alone, like ``AtomInPython``)."""

    def __init__(self, test: Match) -> None:
        self.test = test
        self._holds: Callable[[Row], bool] | None = None

    def __call__(self, rows: list[Row]) -> list[bool]:
        if self._holds is None:
            self._holds = self.test.evaluator()
        return list(map(self._holds, rows))

    def __reduce__(self) -> tuple:
        return MatchInPython, (self.test,)


def rows_of(columns: Sequence[Sequence[Any]]) -> list[Row]:
    """Rows of text from an engine's columns (lists of values): NULL and NaN are blanks.

    >>> rows_of([["a", None], ["b", float("nan")]])
    [('a', 'b'), ('', '')]
    """
    return list(zip(*([v if v.__class__ is str else _text(v) for v in values] for values in columns)))


def _text(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return value if isinstance(value, str) else str(value)


def column_names(columns: Sequence[str], program: Program) -> list[str]:
    """The engine column names of the program's inputs, one per input column; ValueError if
    their number is not the program's.

    >>> column_names(["name"], Program.from_json('{"flashfill": 1, "columns": 1, "program": '
    ...     '{"node": "Switch", "cases": [{"guard": [], "trace": {"node": "Concatenate", "atoms": []}}]}}'))
    ['name']
    """
    names = [columns] if isinstance(columns, str) else list(columns)
    if len(names) != program.columns:
        raise ValueError(f"the program reads {program.columns} input column(s); {len(names)} given: {names}")
    return names
