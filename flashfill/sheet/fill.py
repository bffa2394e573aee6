"""What the Flash Fill button does to a column: the values, the marks, the notes, the message.

Every spreadsheet front end (the Excel add-in, the Calc extension) asks this
module what to write and only translates the answer into its application's
calls.  Rows are 1-based sheet rows, as in ``region``.

The rules: typed cells (and formula cells) are never written; blank cells of
the target rows whose row has some input get the learned value; rows the
learner is unsure of are filled *and* marked, with a note naming the other
readings; rows where the program is undefined stay blank and are marked; the
first ``MAX_NOTES`` marked cells get a note.  Filling with live formulas
(``decide_formulas``) writes the same cells, each with the formula computing
its value from the row's input cells, and marks the same rows.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from .cells import cell_text, shows_text
from .column import NoExamplesError, restate
from .region import Cells, FillPlan, cell_name, column_name

#: The fill of a cell to check, as (red, green, blue): Excel's "Neutral" cell style yellow.
CHECK_COLOR = (255, 235, 156)
#: Notes are written one cell at a time; past this many, the colour alone marks a row.
MAX_NOTES = 100
TITLE = "Flash Fill"
UNDEFINED_NOTE = "Flash Fill found no value for this row. Type one to add an example."

Row = tuple[str, ...]


@dataclass
class ColumnFill:
    """What to write into the output column, by sheet row, and the program that decided it."""

    values: dict[int, str] = field(default_factory=dict)
    unsure: dict[int, tuple[str | None, ...]] = field(default_factory=dict)
    undefined: list[int] = field(default_factory=list)
    program: Any = None

    def marked(self) -> list[int]:
        """The rows to colour: unsure and undefined, in sheet order."""
        return sorted([*self.unsure, *self.undefined])

    def notes(self) -> list[tuple[int, str]]:
        """(row, note text) for the first ``MAX_NOTES`` marked rows."""
        return [(r, self.note(r)) for r in self.marked()[:MAX_NOTES]]

    def note(self, row: int) -> str:
        """The note of one marked row."""
        if row in self.unsure:
            return unsure_note(self.unsure[row], self.values[row])
        return UNDEFINED_NOTE


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
    fill = ColumnFill(program=program)
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


def decide_formulas(plan: FillPlan, fill: ColumnFill) -> dict[int, str]:
    """The live Excel formula for every cell ``fill`` writes, by sheet row, reading
    the row's input cells: the same cells as the values, only what goes in differs.

    Raises the ``ExportError`` (naming the step) of a program with no formula.
    """
    from flashfill.table.formulas import row_formulas

    formula = row_formulas(fill.program, [column_name(c) for c in plan.input_columns])
    return {r: formula(r) for r in fill.values}


def runs(rows: Sequence[int]) -> Iterator[list[int]]:
    """Split sorted row numbers into runs of adjacent rows.

    >>> list(runs([2, 3, 4, 7, 9, 10]))
    [[2, 3, 4], [7], [9, 10]]
    """
    run: list[int] = []
    for r in rows:
        if run and r != run[-1] + 1:
            yield run
            run = []
        run.append(r)
    if run:
        yield run


def unsure_note(readings: Sequence[str | None], chosen: str) -> str:
    """The note on a cell the learner is unsure of.

    >>> unsure_note(("Smith", "Ann Smith", None), "Smith")
    "Flash Fill is unsure of this cell. It could also be 'Ann Smith'. Type the right value to teach it."
    """
    others = [f"'{r}'" for r in dict.fromkeys(readings) if r is not None and r != chosen]
    text = "Flash Fill is unsure of this cell."
    if others:
        text += " It could also be " + " or ".join(others) + "."
    return text + " Type the right value to teach it."


def report(plan: FillPlan, fill: ColumnFill, formulas: bool = False) -> FillReport:
    """Sum up a fill for the user; ``formulas`` when live formulas were written instead of values."""
    col = plan.output_column
    unsure = tuple(cell_name(r, col) for r in sorted(fill.unsure))
    undefined = tuple(cell_name(r, col) for r in fill.undefined)
    count = len(fill.values)
    plural = "s" if count != 1 else ""
    message = f"Flash Fill: wrote {count} formula{plural}" if formulas else f"Flash Fill: filled {count} cell{plural}"
    if unsure:
        message += f", {len(unsure)} to check (yellow)"
    if undefined:
        message += f", {len(undefined)} left blank"
    return FillReport(len(fill.values), unsure, undefined, message + ".")


def failure(reason: str) -> FillReport:
    """The report of a fill that did not happen, saying why.

    >>> failure("select a cell of the column to fill").message
    'Nothing was filled: select a cell of the column to fill.'
    """
    return FillReport(0, (), (), f"Nothing was filled: {reason}.", ok=False)
