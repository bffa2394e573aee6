"""The worksheet functions ``FLASHFILL`` and ``FLASHFILL_EXPLAIN``.

Both read their ranges as 2-D lists (``ndim=2``), so one cell, one column and
several columns arrive in the same shape.  ``FLASHFILL`` returns one column of
the same height as ``outputs``; in Excel 365/2021 it spills by itself (older
Excel needs it entered as an array formula over the output range).  An error
shows as its message in the formula's cell.

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
