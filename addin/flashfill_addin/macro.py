"""The ribbon button: fill the blank cells of the selected column in place.

``main()`` is what the add-in's ``RibbonMyAddin.RunMain`` VBA procedure calls
(``RunPython "import flashfill_addin;flashfill_addin.main()"``: the template
names the module after the ``.xlam`` file).  It works on ``xw.Book.caller()``
through xlwings' ``Range`` API only, so the same code runs in desktop Excel and
against xlwings' remote engine in tests.

What it does to the sheet: blank cells of the output column get the learned
values (written in runs of adjacent cells, so a typed cell or a formula between
them is never written); rows the learner is unsure of, and rows where no reading
applies, get a fill colour and a note; the status bar says how many cells were
filled.  Problems (no example, contradicting examples, a selection spanning
several columns) are shown in a message box naming the cells.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import xlwings as xw

from .cells import cell_text, shows_text
from .column import NoExamplesError, restate
from .learner import default_session
from .region import Area, Cells, FillPlan, cell_name, column_name, plan_fill

#: The fill of a cell to check: Excel's "Neutral" cell style yellow.
CHECK_COLOR = (255, 235, 156)
#: Notes are written one cell at a time; past this many, the colour alone marks a row.
MAX_NOTES = 100
TITLE = "Flash Fill"

Row = tuple[str, ...]


@dataclass
class ColumnFill:
    """What to write into the output column, by sheet row."""

    values: dict[int, str] = field(default_factory=dict)
    unsure: dict[int, tuple[str | None, ...]] = field(default_factory=dict)
    undefined: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class FillReport:
    """What the button did, as told in the status bar or a message box."""

    filled: int
    unsure: tuple[str, ...]
    undefined: tuple[str, ...]
    message: str
    ok: bool = True


def decide_fill(cells: Cells, plan: FillPlan, session: Any, formula_rows: frozenset[int] = frozenset()) -> ColumnFill:
    """Learn from the typed cells of the output column and decide every blank one.

    ``formula_rows`` are rows whose output cell holds a formula: never written,
    even when the formula shows nothing, and examples only when it shows a
    value.  Raises ``NoExamplesError`` with no typed cell, and the session's
    ``LearnError`` (its message naming the cells at fault) when the examples
    cannot be learned.
    """
    out = plan.output_column
    rows: dict[int, Row] = {
        r: tuple(cell_text(cells.value(r, c)) for c in plan.input_columns) for r in plan.data
    }
    typed = [r for r in plan.data if shows_text(cells.value(r, out))]
    if not typed:
        raise NoExamplesError(f"type at least one example in column {column_name(out)} first")
    kept = {r for r in plan.data if cells.filled(r, out)} | formula_rows
    targets = [r for r in plan.targets if r not in kept and any(rows[r])]
    for r in typed:
        session.add_example(rows[r], cell_text(cells.value(r, out)))
    distinct = list(dict.fromkeys(rows[r] for r in targets))
    session.add_inputs(distinct)
    try:
        program = session.learn()
    except ValueError as error:
        indexes = getattr(error, "example_indexes", ())
        if not indexes:
            raise
        names = ", ".join(cell_name(typed[i], out) for i in indexes if 0 <= i < len(typed))
        raise restate(error, f"check {names}") from error
    results = {row: program(row) for row in distinct}
    fill = ColumnFill()
    by_row: dict[Row, list[int]] = {}
    for r in targets:
        by_row.setdefault(rows[r], []).append(r)
        if results[rows[r]] is None:
            fill.undefined.append(r)
        else:
            fill.values[r] = results[rows[r]]
    if distinct:
        for unsure in session.unsure_rows():
            for r in by_row.get(distinct[unsure.index], ()):
                if r in fill.values:
                    fill.unsure[r] = tuple(unsure.outputs)
    return fill


def runs(rows: Sequence[int]) -> Iterator[list[int]]:
    """Split sorted row numbers into runs of adjacent rows."""
    run: list[int] = []
    for r in rows:
        if run and r != run[-1] + 1:
            yield run
            run = []
        run.append(r)
    if run:
        yield run


def unsure_note(readings: Sequence[str | None], chosen: str) -> str:
    """The note on a cell the learner is unsure of."""
    others = [f"'{r}'" for r in dict.fromkeys(readings) if r is not None and r != chosen]
    text = "Flash Fill is unsure of this cell."
    if others:
        text += " It could also be " + " or ".join(others) + "."
    return text + " Type the right value to teach it."


UNDEFINED_NOTE = "Flash Fill found no value for this row. Type one to add an example."


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


def apply_fill(sheet: xw.Sheet, plan: FillPlan, fill: ColumnFill) -> None:
    """Write the decided values and marks into the output column.

    Values and colours go in one call per run of adjacent rows; notes one per
    cell, for the first ``MAX_NOTES`` cells to check.
    """
    col = plan.output_column
    for run in runs(sorted(fill.values)):
        sheet.range((run[0], col), (run[-1], col)).value = [[fill.values[r]] for r in run]
    marked = sorted([*fill.unsure, *fill.undefined])
    for run in runs(marked):
        sheet.range((run[0], col), (run[-1], col)).color = CHECK_COLOR
    for r in marked[:MAX_NOTES]:
        text = unsure_note(fill.unsure[r], fill.values[r]) if r in fill.unsure else UNDEFINED_NOTE
        set_note(sheet.range((r, col)), text)


def report(plan: FillPlan, fill: ColumnFill) -> FillReport:
    """Sum up a fill for the user."""
    col = plan.output_column
    unsure = tuple(cell_name(r, col) for r in sorted(fill.unsure))
    undefined = tuple(cell_name(r, col) for r in fill.undefined)
    message = f"Flash Fill: filled {len(fill.values)} cell{'s' if len(fill.values) != 1 else ''}"
    if unsure:
        message += f", {len(unsure)} to check (yellow)"
    if undefined:
        message += f", {len(undefined)} left blank"
    return FillReport(len(fill.values), unsure, undefined, message + ".")


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
    """Fill the selected column of ``book`` and say what was done."""
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
    apply_fill(sheet, plan, fill)
    result = report(plan, fill)
    show_status(book, result.message)
    return result


def _fail(book: xw.Book, reason: str) -> FillReport:
    """Tell the user why nothing was filled."""
    message = f"Nothing was filled: {reason}."
    book.app.alert(message, title=TITLE)
    return FillReport(0, (), (), message, ok=False)


def main() -> None:
    """Entry point of the ribbon button."""
    fill_selection(xw.Book.caller())
