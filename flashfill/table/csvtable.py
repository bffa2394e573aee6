"""A CSV file as a table: the header, a streaming pass over its rows, and the filling pass.

Both passes stream the file, so memory does not grow with its length.  Every record
whose target field is typed is written back unchanged, byte for byte; a filled
record differs from its input only in the filled field.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from itertools import chain, islice
from pathlib import Path

from flashfill.progress import NoProgress, Progress
from flashfill.table.columns import Choice
from flashfill.table.csvfile import FieldWriter, decode_error, detect_encoding, detect_format, open_text, read_record
from flashfill.table.csvfile import record_error
from flashfill.table.errors import TableError
from flashfill.table.filler import Filler
from flashfill.table.plain import PlainWriter, count_blank, one_ending, shape
from flashfill.table.scan import Row

BATCH = 4096


class CsvTable:
    """A delimited text file: ``headers()``, ``chunks()``, ``write()``."""

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
                for fields in csv.reader(f, self.format.dialect()):
                    return fields
        except UnicodeDecodeError as error:
            self.fall_back(error)
            return self.headers()
        except csv.Error as error:
            raise record_error(self.path, 1, error) from error
        raise TableError(f"{self.path}: the file is empty")

    def check_computed(self, choice: Choice) -> list[str]:
        """Nothing to check: every cell of a CSV file is text as saved."""
        return []

    def chunks(self, progress: Progress | None = None) -> Iterator[tuple[int, list[Row]]]:
        """(row number of the first row, rows) for the data records, a few thousand at a time."""
        progress = progress or NoProgress()
        number = 2
        with open_text(self.path, self.format.encoding) as f:
            reader = csv.reader(f, self.format.dialect())
            batch: list[Row] = []
            try:
                next(reader, None)
                while True:
                    batch = []
                    batch.extend(islice(reader, BATCH))  # on an error, keeps the records read before it
                    if not batch:
                        break
                    yield number, batch
                    number += len(batch)
                    progress.update(f.buffer.tell())
            except csv.Error as error:
                raise record_error(self.path, number + len(batch), error) from error
        self.records = number - 1

    def write(self, dest: Path, choice: Choice, filler: Filler, progress: Progress | None = None) -> None:
        """Copy the file to ``dest``, filling blank target fields with the filler's values.

        Batches of lines without any quote character and with one kind of line ending
        go through ``PlainWriter`` (C-level passes over the batch); any other batch is
        copied record by record as raw text, and a filled record is rebuilt by replacing
        its blank field in the raw text, so other fields keep their quoting and line
        endings stay as they were.  Filled values are quoted the same way in both.
        """
        progress = progress or NoProgress()
        fmt = self.format
        plain = PlainWriter(fmt, choice, filler)
        with open(dest, "w", encoding=fmt.encoding, newline="", buffering=1 << 20) as w, \
                open_text(self.path, fmt.encoding) as f:
            source = iter(f)
            for line in source:
                w.write(read_record(line, source, fmt)[0] if not fmt.fast or fmt.quotechar in line else line)
                break
            number = 2
            while lines := list(islice(source, BATCH)):
                text = "".join(lines)
                ending = one_ending(text, len(lines)) if fmt.fast and fmt.quotechar not in text else None
                if ending is not None:
                    plain.write(w, lines, text, ending, number)
                    number += len(lines)
                else:
                    number = self._copy_records(w, iter(lines), source, number, choice, filler)
                progress.update(number)

    def _copy_records(self, w: io.TextIOBase, lines: Iterator[str], source: Iterator[str], number: int,
                      choice: Choice, filler: Filler) -> int:
        """Copy the records starting in ``lines`` as raw text (continuations may come from ``source``),
        rebuilding only filled records; returns the next row number."""
        fmt = self.format
        target, width, pick, single = shape(choice)
        putter = FieldWriter(fmt)
        out: list[str] = []
        for line in lines:
            raw, fields = read_record(line, chain(lines, source), fmt)
            if len(fields) < width and fields:
                fields = fields + [""] * (width - len(fields))
            if fields and not fields[target]:
                values = (pick(fields),) if single else pick(fields)
                value, outputs = filler.lookup(values)
                if value is not None:
                    raw = putter.put(raw, target, value)
                count_blank(filler.report, number, values, fields, value, outputs)
            out.append(raw)
            number += 1
        w.write("".join(out))
        return number
