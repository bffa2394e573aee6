"""The ribbon buttons: fill the blank cells of the selected column in place.

``main()`` is what the add-in's ``RibbonMyAddin.RunMain`` VBA procedure calls
(``RunPython "import flashfill_addin;flashfill_addin.main()"``: the template
names the module after the ``.xlam`` file); ``main_formulas()``, behind the
"Flash Fill (formulas)" button, is called by ``RibbonMyAddin.RunMainFormulas``
and writes a live Excel formula into each of the same cells instead of its
value.  Both work on ``xw.Book.caller()`` through xlwings' ``Range`` API only,
so the same code runs in desktop Excel and against xlwings' remote engine in
tests.

What it does to the sheet is decided by ``flashfill.sheet`` (the rules every
spreadsheet front end shares); this module only translates: it reads the used
range, writes the values in runs of adjacent cells (so a typed cell or a formula
between them is never written), colours the marked rows, adds the notes, and
puts the message in the status bar.  Problems (no example, contradicting
examples, a selection spanning several columns) are shown in a message box
naming the cells.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import xlwings as xw

from flashfill.errors import ExportError
from flashfill.sheet.fill import (
    CHECK_COLOR,
    TITLE,
    ColumnFill,
    FillReport,
    decide_fill,
    decide_formulas,
    failure,
    report,
    runs,
)
from flashfill.sheet.learner import default_session
from flashfill.sheet.region import Area, Cells, FillPlan, plan_fill


def formula_rows(sheet: xw.Sheet, plan: FillPlan) -> frozenset[int]:
    """Rows of the output column holding a formula (none where the engine cannot tell)."""
    if not plan.data:
        return frozenset()
    rng = sheet.range((plan.data.start, plan.output_column), (plan.data.stop - 1, plan.output_column))
    try:
        formulas = rng.formula
    except NotImplementedError:
        return frozenset()
    if isinstance(formulas, str):
        formulas = ((formulas,),)
    return frozenset(
        r for r, row in zip(plan.data, formulas) if isinstance(row[0], str) and row[0].startswith("=")
    )


def set_note(cell: xw.Range, text: str) -> None:
    """Give a cell the note ``text``, replacing the one it has."""
    note = cell.note
    if note is None:
        cell.add_note(text)
    else:
        note.text = text


def apply_fill(sheet: xw.Sheet, plan: FillPlan, fill: ColumnFill, formulas: dict[int, str] | None = None) -> None:
    """Write the decided values (or, given ``formulas``, those in the same cells) and marks.

    Values and colours go in one call per run of adjacent rows; notes one per
    cell, as ``ColumnFill.notes`` lists them.  Formulas are written as
    ``Range.Formula`` takes them, the classic formula an ``.xlsx`` cell holds.
    """
    col = plan.output_column
    for run in runs(sorted(fill.values)):
        target = sheet.range((run[0], col), (run[-1], col))
        if formulas is None:
            target.value = [[fill.values[r]] for r in run]
        else:
            target.formula = [[formulas[r]] for r in run]
    for run in runs(fill.marked()):
        sheet.range((run[0], col), (run[-1], col)).color = CHECK_COLOR
    for r, text in fill.notes():
        set_note(sheet.range((r, col)), text)


def show_status(book: xw.Book, text: str) -> None:
    """Put ``text`` in Excel's status bar, where the engine has one."""
    try:
        book.app.status_bar = text
    except NotImplementedError:
        pass


def selection_area(selection: xw.Range) -> Area:
    """The selected rectangle as an ``Area``."""
    rows, columns = selection.shape
    return Area(selection.row, selection.column, selection.row + rows - 1, selection.column + columns - 1)


def fill_selection(book: xw.Book, new_session: Callable[[], Any] = default_session) -> FillReport:
    """Fill the selected column of ``book`` with values and say what was done."""
    return _fill_selection(book, new_session, formulas=False)


def fill_selection_with_formulas(book: xw.Book, new_session: Callable[[], Any] = default_session) -> FillReport:
    """Fill the same cells as ``fill_selection``, each with the live formula computing its value.

    A program with a step that has no Excel formula writes nothing: the message
    box names the step.
    """
    return _fill_selection(book, new_session, formulas=True)


def _fill_selection(book: xw.Book, new_session: Callable[[], Any], formulas: bool) -> FillReport:
    """Learn from the selected column, write its values or formulas and marks, and report."""
    selection = book.selection
    if selection is None:
        return _fail(book, "select a cell of the column to fill")
    sheet = selection.sheet
    used = sheet.used_range
    cells = Cells(used.options(ndim=2).value, (used.row, used.column))
    try:
        plan = plan_fill(cells, selection_area(selection))
        fill = decide_fill(cells, plan, new_session(), formula_rows(sheet, plan))
    except ValueError as error:
        return _fail(book, str(error))
    written = None
    if formulas:
        try:
            written = decide_formulas(plan, fill)
        except ExportError as error:
            return _fail(book, f"{error}; click Flash Fill to write the values instead")
    apply_fill(sheet, plan, fill, written)
    result = report(plan, fill, formulas)
    show_status(book, result.message)
    return result


def _fail(book: xw.Book, reason: str) -> FillReport:
    """Tell the user why nothing was filled."""
    result = failure(reason)
    book.app.alert(result.message, title=TITLE)
    return result


def main() -> None:
    """Entry point of the ribbon's Flash Fill button."""
    fill_selection(xw.Book.caller())


def main_formulas() -> None:
    """Entry point of the ribbon's Flash Fill (formulas) button."""
    fill_selection_with_formulas(xw.Book.caller())
