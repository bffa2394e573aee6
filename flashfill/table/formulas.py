"""``flashfill fill --formulas``: blank cells of an XLSX get the program as a live Excel
formula reading the row's input cells, instead of its value. The cells and the report
are decided exactly as for values (`Filler`); only what is written differs."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from flashfill.table.columns import Choice, letter
from flashfill.table.errors import TableError
from flashfill.table.filler import Filler, Outcome
from flashfill.table.learner import Inputs, Learned
from flashfill.table.report import Report


class FormulaFiller(Filler):
    """A `Filler` whose value for a row is the formula computing it there."""

    writes_formulas = True

    def __init__(self, learned: Learned, report: Report, choice: Choice, where: str) -> None:
        super().__init__(learned, report, len(choice.inputs))
        self.write = excel_formulas(learned.program, [letter(i) for i in choice.inputs], where)

    def __call__(self, number: int, values: Inputs) -> Outcome:
        value, outputs = super().__call__(number, values)
        if value is None:
            return value, outputs
        return self.write(number), outputs


def row_formulas(program: Any, columns: Sequence[str]) -> Callable[[int], str]:
    """``row -> formula``: the live Excel formula computing the program in that sheet row
    from its input cells, one column letter per input (as Excel shows it, in English).
    The CLI and the Excel add-in both build their formulas here. An ``ExportError``
    names the step that has no formula.

    >>> import flashfill
    >>> formula = row_formulas(flashfill.learn([("ab", "AB")]), ["C"])
    >>> formula(2), formula(7)
    ('=UPPER(C2)', '=UPPER(C7)')
    """
    from flashfill.codegen import formula_writer

    write = formula_writer(program, "excel")
    return lambda row: write([f"{column}{row}" for column in columns])


def excel_formulas(program: Any, columns: Sequence[str], where: str) -> Callable[[int], str]:
    """``row -> formula`` as an .xlsx stores it, or a `TableError` naming the step with none."""
    from flashfill.codegen import ExportError
    from flashfill.codegen.excel import stored

    try:
        formula = row_formulas(program, columns)
    except ExportError as error:
        raise TableError(f"{where}: {error}; fill without --formulas to write the values") from None
    return lambda row: stored(formula(row))


def export_text(program: Any, headers: list[str], choice: Choice, row: int, where: str,
                dialect: str | None = None, python: bool = False) -> str:
    """What ``flashfill learn --formula DIALECT`` / ``--python`` prints: the formula for
    ``row`` (to be copied down the column) and the Python function."""
    from flashfill.codegen import ExportError

    parts = []
    if dialect is not None:
        cells = [f"{letter(i)}{row}" for i in choice.inputs]
        try:
            formula = program.to_formula(cells, dialect)
        except ExportError as error:
            raise TableError(f"{where}: {error}") from None
        parts.append(f"{dialect} formula for row {row} of column {letter(choice.target)} (copy it down the column):\n"
                     f"{formula}")
    if python:
        names = [headers[i].strip() if i < len(headers) else "" for i in choice.inputs]
        parts.append("Python:\n" + program.to_python(names))
    return "\n\n".join(parts)
