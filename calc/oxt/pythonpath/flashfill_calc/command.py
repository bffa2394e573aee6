"""Data › Flash Fill: fill the blank cells of the selected column of a Calc sheet, as one undo step.

``flashfill.sheet`` decides what is filled, coloured and noted; this module
translates: it reads the sheet's used area into a ``Cells`` grid (dates and times
as ``datetime``, so they read as ISO text just as from the Excel add-in), finds
the formula cells of the output column, writes the filled cells, colours all
marked cells with one property set on a ``SheetCellRanges``, and adds the notes
as cell comments — all inside one undo context, so a single Undo restores the
sheet.

The filled cells are written one ``setString`` each: in LibreOffice 7.4 the undo
of ``setDataArray`` and ``setFormulaArray`` restores the cells that held something
but leaves the new text in cells that were empty, so a bulk write could not be
undone (and an undo action of our own that empties them again crashes 7.4 when
it clears cells during the undo).  The document's controllers are locked
meanwhile, so nothing is repainted cell by cell.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from com.sun.star.table import CellAddress, CellRangeAddress

from flashfill.sheet.fill import CHECK_COLOR, TITLE, ColumnFill, FillReport, decide_fill, failure, report, runs
from flashfill.sheet.learner import default_session
from flashfill.sheet.region import Area, Cells, FillPlan, plan_fill

#: com.sun.star.sheet.CellFlags: cells holding a date or a time, cells holding a formula.
DATETIME = 2
FORMULA = 16
SECONDS_PER_DAY = 86400


def run(context: Any, frame: Any) -> FillReport:
    """What the menu item and the toolbar button do: fill, then tell the user."""
    from flashfill_calc.ui import tell

    result = fill_selection(frame.getController().getModel())
    tell(context, frame, result.message, result.ok)
    return result


def fill_selection(document: Any, new_session: Callable[[], Any] = default_session) -> FillReport:
    """Fill the selected column of a spreadsheet document and say what was done."""
    selected = selection(document)
    if selected is None:
        return failure("select a cell of the column to fill")
    index, area = selected
    sheet = document.getSheets().getByIndex(index)
    if sheet.isProtected():
        return failure(f"sheet {sheet.getName()!r} is protected: unprotect it first (Tools › Protect Sheet)")
    cells = read_cells(document, sheet)
    try:
        plan = plan_fill(cells, area)
        fill = decide_fill(cells, plan, new_session(), formula_rows(sheet, plan))
    except ValueError as error:
        return failure(str(error))
    undo = document.getUndoManager()
    undo.enterUndoContext(TITLE)
    document.lockControllers()
    try:
        write_fill(document, sheet, index, plan, fill)
    finally:
        document.unlockControllers()
        undo.leaveUndoContext()
    return report(plan, fill)


def selection(document: Any) -> tuple[int, Area] | None:
    """The sheet index and the 1-based rectangle of the current selection; None unless it is one range."""
    current = document.getCurrentController().getSelection()
    if current is None or not hasattr(current, "getRangeAddress"):
        return None
    a = current.getRangeAddress()
    return a.Sheet, Area(a.StartRow + 1, a.StartColumn + 1, a.EndRow + 1, a.EndColumn + 1)


def used_range(sheet: Any) -> Any:
    """The cell range from the first to the last used cell of the sheet."""
    cursor = sheet.createCursor()
    cursor.gotoStartOfUsedArea(False)
    cursor.gotoEndOfUsedArea(True)
    return cursor


def read_cells(document: Any, sheet: Any) -> Cells:
    """The used area's values as a ``Cells`` grid; date and time cells as ``datetime`` and ``time``."""
    used = used_range(sheet)
    top = used.getRangeAddress()
    values = [list(row) for row in used.getDataArray()]
    null_date = document.NullDate
    epoch = dt.datetime(null_date.Year, null_date.Month, null_date.Day)
    for a in used.queryContentCells(DATETIME).getRangeAddresses():
        for r in range(a.StartRow - top.StartRow, a.EndRow - top.StartRow + 1):
            for c in range(a.StartColumn - top.StartColumn, a.EndColumn - top.StartColumn + 1):
                values[r][c] = as_datetime(values[r][c], epoch)
    return Cells(values, (top.StartRow + 1, top.StartColumn + 1))


def as_datetime(serial: Any, epoch: dt.datetime) -> Any:
    """A Calc date-time serial number as ``datetime`` (``time`` below one day); other values as they are.

    >>> as_datetime(45352.5, dt.datetime(1899, 12, 30))
    datetime.datetime(2024, 3, 1, 12, 0)
    >>> as_datetime(0.25, dt.datetime(1899, 12, 30))
    datetime.time(6, 0)
    """
    if not isinstance(serial, float):
        return serial
    moment = epoch + dt.timedelta(seconds=round(serial * SECONDS_PER_DAY))
    return moment.time() if 0 <= serial < 1 else moment


def formula_rows(sheet: Any, plan: FillPlan) -> frozenset[int]:
    """Rows of the output column holding a formula."""
    if not plan.data:
        return frozenset()
    column = plan.output_column - 1
    cells = sheet.getCellRangeByPosition(column, plan.data.start - 1, column, plan.data.stop - 2)
    return frozenset(
        r + 1
        for a in cells.queryContentCells(FORMULA).getRangeAddresses()
        for r in range(a.StartRow, a.EndRow + 1)
    )


def write_fill(document: Any, sheet: Any, index: int, plan: FillPlan, fill: ColumnFill) -> None:
    """Write the decided values, colours and comments into the output column."""
    column = plan.output_column - 1
    for r, text in fill.values.items():
        sheet.getCellByPosition(column, r - 1).setString(text)
    marked = fill.marked()
    if marked:
        ranges = document.createInstance("com.sun.star.sheet.SheetCellRanges")
        addresses = [CellRangeAddress(index, column, run[0] - 1, column, run[-1] - 1) for run in runs(marked)]
        ranges.addRangeAddresses(tuple(addresses), False)
        ranges.CellBackColor = rgb(CHECK_COLOR)
    annotations = sheet.getAnnotations()
    for r, text in fill.notes():
        annotations.insertNew(CellAddress(index, column, r - 1), text)


def rgb(color: tuple[int, int, int]) -> int:
    """(red, green, blue) as Calc's colour number.

    >>> hex(rgb((255, 235, 156)))
    '0xffeb9c'
    """
    red, green, blue = color
    return (red << 16) | (green << 8) | blue
