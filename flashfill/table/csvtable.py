"""A CSV file as a table: the header, a streaming pass over its rows, and the filling pass.

Both passes stream the file, so memory does not grow with its length.  The filling
pass copies every record's raw text, changing only blank target fields.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from flashfill.progress import NoProgress, Progress
from flashfill.table.columns import Choice
from flashfill.table.csvfile import FieldWriter, decode_error, detect_encoding, detect_format, open_text, records
from flashfill.table.errors import TableError
from flashfill.table.filler import Filler
from flashfill.table.scan import Row

BATCH = 4096


class CsvTable:
    """A delimited text file: ``headers()``, ``rows()``, ``write()``."""

    marks_in_file = False

    def __init__(self, path: Path) -> None:
        self.path = path
        self.where = str(path)
        self.size = path.stat().st_size
        encoding = detect_encoding(path)
        self.format = detect_format(path, encoding)
        self.records = 0

    def fall_back(self, error: UnicodeDecodeError) -> None:
        """Switch to Windows-1252 after a UTF-8 decoding error (once); TableError if that fails too."""
        if self.format.encoding != "utf-8":
            raise decode_error(self.path, error) from error
        self.format = detect_format(self.path, "cp1252")

    def headers(self) -> list[str]:
        """The first record's fields."""
        try:
            with open_text(self.path, self.format.encoding) as f:
                for _, fields in records(f, self.format):
                    return fields
        except UnicodeDecodeError as error:
            self.fall_back(error)
            return self.headers()
        raise TableError(f"{self.path}: the file is empty")

    def rows(self, progress: Progress | None = None) -> Iterator[tuple[int, Row]]:
        """(row number, fields) for every data record; row 1 is the header."""
        progress = progress or NoProgress()
        done = 0
        number = 1
        with open_text(self.path, self.format.encoding) as f:
            stream = records(f, self.format)
            next(stream, None)
            for raw, fields in stream:
                number += 1
                done += len(raw)
                if not number % BATCH:
                    progress.update(done)
                yield number, fields
        self.records = number

    def write(self, dest: Path, choice: Choice, filler: Filler, progress: Progress | None = None) -> None:
        """Copy the file to ``dest``, filling blank target fields with the filler's values."""
        progress = progress or NoProgress()
        target, inputs = choice.target, choice.inputs
        width = max(inputs) + 1
        putter = FieldWriter(self.format)
        report = filler.report
        out: list[str] = []
        with open_text(self.path, self.format.encoding) as f, \
                open(dest, "w", encoding=self.format.encoding, newline="", buffering=1024 * 1024) as w:
            stream = records(f, self.format)
            number = 1
            for raw, fields in stream:
                if number == 1:
                    out.append(raw)
                    number = 2
                    continue
                if target < len(fields) and fields[target]:
                    out.append(raw)
                elif not fields:
                    out.append(raw)
                else:
                    if len(fields) < width:
                        fields = fields + [""] * (width - len(fields))
                    values = tuple([fields[i] for i in inputs])
                    if not any(values):
                        if any(fields):
                            report.empty_inputs += 1
                        out.append(raw)
                    else:
                        value = filler(number, values)[0]
                        out.append(raw if value is None else putter.put(raw, target, value))
                if len(out) >= BATCH:
                    w.write("".join(out))
                    out.clear()
                    progress.update(number)
                number += 1
            w.write("".join(out))
