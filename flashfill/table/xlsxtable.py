"""An XLSX/XLSM worksheet as a table, read and written through openpyxl.

The workbook is loaded in full (not read-only) so that saving keeps formatting,
formulas, other sheets, column widths, comments and (for .xlsm) macros.  Only
blank cells of the target column are ever assigned.  Formula cells are read through
their cached results (a second, values-only load, done only when a formula is met).
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.cell.cell import MergedCell
from openpyxl.comments import Comment
from openpyxl.styles import PatternFill
from openpyxl.utils.exceptions import InvalidFileException

from flashfill.progress import NoProgress, Progress
from flashfill.table.cells import is_blank, value_text
from flashfill.table.columns import Choice
from flashfill.table.errors import TableError
from flashfill.table.filler import Filler
from flashfill.table.ole import ENCRYPTED, describe_ole, is_encrypted_workbook, is_ole
from flashfill.table.report import LISTED
from flashfill.table.scan import Row

UNSURE_FILL = PatternFill(fill_type="solid", start_color="FFFFE699", end_color="FFFFE699")
AUTHOR = "flashfill"
BATCH = 1024


def unsure_note(outputs: tuple[str | None, ...]) -> str:
    """The comment put on an unsure cell: the filled value first, then the alternatives."""
    lines = ["flashfill is unsure of this cell. Possible outputs:"]
    lines.extend(f"- {o!r}" if o is not None else "- (no output)" for o in outputs)
    return "\n".join(lines)


class XlsxTable:
    """One worksheet of a workbook: ``headers()``, ``chunks()``, ``write()``."""

    marks_in_file = True

    def __init__(self, path: Path, sheet: str | None = None) -> None:
        self.path = path
        if is_encrypted_workbook(path):
            raise TableError(f"{path}: {ENCRYPTED}")
        if path.suffix.lower() == ".xls":
            raise TableError(f"{path}: the old .xls format is not supported; save it as .xlsx")
        if not zipfile.is_zipfile(path):
            raise TableError(f"{path}: not an XLSX workbook: {_what_is(path)}")
        try:
            self.book = openpyxl.load_workbook(path, keep_vba=path.suffix.lower() == ".xlsm")
        except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
            raise TableError(f"{path}: not a readable XLSX workbook ({error})") from error
        names = self.book.sheetnames
        if sheet is not None:
            if sheet not in names:
                raise TableError(f"{path}: no sheet {sheet!r}; sheets are {', '.join(map(repr, names))}")
            self.sheet = self.book[sheet]
        else:
            self.sheet = self.book.active if self.book.active in self.book.worksheets else self.book.worksheets[0]
        self.where = f'{path} (sheet "{self.sheet.title}")'
        self.first = self.sheet.min_row
        self.last = self.sheet.max_row
        self.width = self.sheet.max_column
        self.size = max(self.last - self.first, 1)
        self._values: Any = None
        # Per column: the first formula cells met without a saved value (up to LISTED), and their count.
        self._uncomputed: dict[int, list[str]] = {}
        self._uncomputed_count: dict[int, int] = {}

    def headers(self) -> list[str]:
        """Texts of the first used row."""
        return [self._text(cell) for cell in self.sheet[self.first]][: self.width]

    def chunks(self, progress: Progress | None = None) -> Iterator[tuple[int, list[Row]]]:
        """(row number of the first row, cell texts of the rows) below the header, a chunk at a time."""
        progress = progress or NoProgress()
        batch: list[Row] = []
        first = self.first + 1
        for cells in self.sheet.iter_rows(min_row=self.first + 1, max_row=self.last, max_col=self.width):
            batch.append([self._text(c) for c in cells])
            if len(batch) == BATCH:
                yield first, batch
                progress.update(first - self.first)
                first += len(batch)
                batch = []
        if batch:
            yield first, batch

    def write(self, dest: Path, choice: Choice, filler: Filler, progress: Progress | None = None) -> None:
        """Fill blank target cells, mark unsure ones, and save the workbook to ``dest``."""
        progress = progress or NoProgress()
        sheet, report = self.sheet, filler.report
        column = choice.target + 1
        for number in range(self.first + 1, self.last + 1):
            if not number % BATCH:
                progress.update(number - self.first)
            cell = sheet.cell(row=number, column=column)
            if isinstance(cell, MergedCell) or not is_blank(cell.value):
                continue
            values = tuple(self._text(sheet.cell(row=number, column=i + 1)) for i in choice.inputs)
            if not any(values):
                if any(self._text(c) for c in sheet[number][: self.width]):
                    report.empty_inputs += 1
                continue
            value, outputs = filler(number, values)
            if value is None:
                continue
            cell.value = value
            cell.data_type = "f" if filler.writes_formulas else "s"
            if outputs:
                cell.fill = UNSURE_FILL
                note = unsure_note(outputs)
                if cell.comment is not None:
                    note = cell.comment.text + "\n\n" + note
                cell.comment = Comment(note, AUTHOR, width=300, height=40 + 18 * len(outputs))
        self.book.save(dest)

    def check_read(self, choice: Choice) -> list[str]:
        """Formula cells of the chosen columns that have no saved value (they would read as blank):
        TableError for input cells; for target cells (never overwritten, and no example), a note."""
        inputs = [cell for c in sorted(choice.inputs) for cell in self._uncomputed.get(c, ())]
        if inputs:
            count = sum(self._uncomputed_count[c] for c in choice.inputs if c in self._uncomputed_count)
            more = f" (and {count - 1} more formula cells like it)" if count > 1 else ""
            raise TableError(f"{self.where}: cell {inputs[0]} holds a formula with no saved value{more}: the "
                             "workbook was written by a program that does not compute formulas; open and save "
                             "it in Excel (or LibreOffice) first, so that flashfill reads the values you see")
        target = self._uncomputed.get(choice.target, [])
        if not target:
            return []
        count = self._uncomputed_count[choice.target]
        shown = ", ".join(target) + (f" and {count - len(target)} more" if count > len(target) else "")
        if count == 1:
            return [f"cell {shown} of the target holds a formula with no saved value: it is kept as it is but is "
                    "not an example (open and save the workbook in Excel first to use it)"]
        return [f"cells {shown} of the target hold formulas with no saved value: they are kept as they are but "
                "are not examples (open and save the workbook in Excel first to use them)"]

    def _text(self, cell: Any) -> str:
        if cell.data_type == "f":
            cached = self._cached(cell.coordinate)
            if cached.value is None and cached.data_type not in ("s", "str"):
                self._note_uncomputed(cell.column - 1, cell.coordinate)
            return value_text(cached.value, cell.number_format)
        return value_text(cell.value, cell.number_format)

    def _note_uncomputed(self, column: int, coordinate: str) -> None:
        found = self._uncomputed.setdefault(column, [])
        if coordinate in found:
            return
        self._uncomputed_count[column] = self._uncomputed_count.get(column, 0) + 1
        if len(found) < LISTED:
            found.append(coordinate)

    def _cached(self, coordinate: str) -> Any:
        """A formula cell as last computed and saved by Excel (value None if never computed).

        A formula whose saved result is the empty string reads as None too, but keeps its
        string type; a cell with no saved result at all has none.
        """
        if self._values is None:
            self._values = openpyxl.load_workbook(self.path, data_only=True)[self.sheet.title]
        return self._values[coordinate]


def _what_is(path: Path) -> str:
    with open(path, "rb") as f:
        head = f.read(512)
    if is_ole(head):
        return describe_ole(path)
    if not head:
        return "it is empty"
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError:
        return "its content is not a ZIP archive"
    return "it looks like text (a CSV file?)" if "," in text or ";" in text or "\t" in text else "it holds text"
