"""The worksheet functions ``FLASHFILL``, ``FLASHFILL_EXPLAIN`` and ``FLASHFILL_FORMULA``.

Both read their ranges as 2-D lists (``ndim=2``), so one cell, one column and
several columns arrive in the same shape.  ``FLASHFILL`` returns one column of
the same height as ``outputs``; in Excel 365/2021 it spills by itself (older
Excel needs it entered as an array formula over the output range).  An error
shows as its message in the formula's cell.  ``FLASHFILL_FORMULA`` takes its
ranges as ranges (it needs their addresses) and returns the learned program as
an Excel formula for the first row, to be pasted and filled down as live formulas.

On Windows the xlwings decorators register the functions with Excel; elsewhere
xlwings makes them no-ops, so this module imports and runs anywhere.  The two
functions carry no type annotations on purpose: xlwings reads a UDF's
annotations as converters for its arguments and result.
"""

from __future__ import annotations

import xlwings as xw

from flashfill.sheet.column import (
    NoExamplesError,
    ProgramCache,
    fill_column,
    learn_column,
    plan_column,
)
from flashfill.errors import ExportError
from flashfill.sheet.learner import default_learner

_CACHE = ProgramCache()


@xw.func(category="Flash Fill")
@xw.arg("inputs", ndim=2, doc="The input column(s), one row per output cell.")
@xw.arg("outputs", ndim=2, doc="The output column: a few cells typed, the rest blank.")
def FLASHFILL(inputs, outputs):  # type: ignore[no-untyped-def]
    """Fill the blank cells of OUTPUTS by the transformation its typed cells show."""
    column = fill_column(inputs, outputs, default_learner(), _CACHE)
    return [[value] for value in column]


@xw.func(category="Flash Fill")
@xw.arg("inputs", ndim=2, doc="The input column(s), one row per output cell.")
@xw.arg("outputs", ndim=2, doc="The output column: a few cells typed, the rest blank.")
def FLASHFILL_EXPLAIN(inputs, outputs):  # type: ignore[no-untyped-def]
    """The program FLASHFILL learns from these ranges, one step a line."""
    task = plan_column(inputs, outputs)
    try:
        program = learn_column(task, default_learner(), _CACHE)
    except NoExamplesError:
        return [["Type an example in the output column first."]]
    return [[line] for line in program.explain().splitlines() or [""]]


@xw.func(category="Flash Fill")
@xw.arg("inputs", "range", doc="The input column(s), one row per output cell.")
@xw.arg("outputs", "range", doc="The output column: a few cells typed, the rest blank.")
def FLASHFILL_FORMULA(inputs, outputs):  # type: ignore[no-untyped-def]
    """The program FLASHFILL learns, as an Excel formula for the first row of INPUTS (fill it down)."""
    task = plan_column(inputs.options(ndim=2).value, outputs.options(ndim=2).value)
    try:
        program = learn_column(task, default_learner(), _CACHE)
    except NoExamplesError:
        return "Type an example in the output column first."
    cells = [inputs[0, j].get_address(row_absolute=False, column_absolute=False) for j in range(inputs.shape[1])]
    try:
        return program.to_formula(cells, "excel")
    except ExportError as error:
        return str(error)
