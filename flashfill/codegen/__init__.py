r"""A learned program as code that outlives the tool: spreadsheet formulas and Python.

One lowering (`lower`) turns the program into a small intermediate form (`ir`) of
substring, regex, case and padding operations; each target only spells that form:
`excel` and `libreoffice` formulas (sharing `formula`), and `python` source.

>>> import flashfill
>>> program = flashfill.learn([("425-555-1234", "(425) 555-1234")])
>>> print(to_formula(program, ["A2"], "libreoffice"))
=IFERROR("("&REGEX(A2;"\d+")&") "&MID(A2;FIND("-";A2)+1;LEN(A2));"")
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from flashfill.errors import ExportError

from . import excel, libreoffice
from .lower import lower, lower_trace
from .python import parameter_names, python_source

if TYPE_CHECKING:
    from flashfill.language.program import Program

DIALECTS = {"excel": excel.formula, "libreoffice": libreoffice.formula}

__all__ = ["DIALECTS", "ExportError", "to_formula", "to_python"]


def to_formula(program: "Program", cells: Sequence[str], dialect: str = "excel") -> str:
    """The formula giving the program's output for one row, whose input cells are
    ``cells`` (one reference per input column, e.g. ``["A2", "B2"]``). A row where the
    program gives None shows an empty text. ``ExportError`` names the step that has no
    formula (a loop, for one)."""
    if dialect not in DIALECTS:
        raise ValueError(f"unknown formula dialect {dialect!r}: choose one of {', '.join(DIALECTS)}")
    if len(cells) < program.columns:
        raise ValueError(f"the program reads {program.columns} columns, but {len(cells)} cells were given")
    write = DIALECTS[dialect]
    try:
        return write(lower(program.switch), cells)
    except ExportError as error:
        raise ExportError(f"no {dialect} formula: {_failing_step(program, cells, write) or error}") from None


def to_python(program: "Program", names: Sequence[str] | None = None, function: str = "transform") -> str:
    """Python source of a function ``function(column1, …)`` computing the program with
    the standard library only; ``names`` (column headers) name its parameters."""
    return python_source(lower(program.switch), program.explain(names), parameter_names(names, program.columns), function)


def _failing_step(program: "Program", cells: Sequence[str], write) -> str:
    """Which step of which case has no translation, in words; '' if none alone fails."""
    from flashfill.language.expressions import Concatenate

    cases = program.switch.cases
    for number, (_, trace) in enumerate(cases, 1):
        for step, atom in enumerate(trace.atoms, 1):
            try:
                write(lower_trace(Concatenate((atom,))), cells)
            except ExportError as error:
                where = f"step {step}" + (f" of case {number}" if len(cases) > 1 else "")
                return f"{where} ({atom.describe()}): {error}"
    return ""
