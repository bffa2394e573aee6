"""A CSV file as a table: the header, a streaming pass over its rows, and the filling pass.

Both passes stream the file, so memory does not grow with its length.  Every record
whose target field is typed is written back unchanged, byte for byte; a filled
record differs from its input only in the filled field.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from itertools import chain, islice
from pathlib import Path

from flashfill.progress import NoProgress, Progress
from flashfill.table.columns import Choice
from flashfill.table.csvfile import FieldWriter, detect_encoding, detect_format, read_record_lines, record_error
from flashfill.table.errors import TableError
from flashfill.table.filler import Filler
from flashfill.table.mixedtext import MixedText, MixedWriter, has_odd
from flashfill.table.plain import PlainWriter, count_blank, one_ending, shape
from flashfill.table.scan import Row

BATCH = 4096


class CsvTable:
    """A delimited text file: ``headers()``, ``chunks()``, ``write()``.

    Lines are decoded one by one (``MixedText``): UTF-8, or Windows-1252 for the
    lines that are not UTF-8; the first full pass (``chunks``) finds out which, and
    the filled copy keeps each line's encoding.
    """

    marks_in_file = False

    def __init__(self, path: Path) -> None:
        self.path = path
        self.where = str(path)
        self.size = path.stat().st_size
        encoding = detect_encoding(path)
        self.format = detect_format(path, encoding)
        self.records = 0
        self.legacy = False
        self._notes: list[str] = []

    def headers(self) -> list[str]:
        """The first record's fields."""
        try:
            with MixedText(self.path) as text:
                for fields in csv.reader(text.lines(), self.format.dialect()):
                    return fields
        except csv.Error as error:
            raise record_error(self.path, 1, error) from error
        raise TableError(f"{self.path}: the file is empty")

    def check_read(self, choice: Choice) -> list[str]:
        """Notes on what the last full pass found: lines that were not UTF-8."""
        return list(self._notes)

    def chunks(self, progress: Progress | None = None) -> Iterator[tuple[int, list[Row]]]:
        """(row number of the first row, rows) for the data records, a few thousand at a time."""
        progress = progress or NoProgress()
        number = 2
        with MixedText(self.path) as text:
            reader = csv.reader(text.lines(), self.format.dialect())
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
                    progress.update(text.position)
            except csv.Error as error:
                raise record_error(self.path, number + len(batch), error) from error
        self.records = number - 1
        self.legacy = text.legacy
        note = text.note()
        self._notes = [note] if note else []

    def write(self, dest: Path, choice: Choice, filler: Filler, progress: Progress | None = None) -> None:
        """Copy the file to ``dest``, filling blank target fields with the filler's values.

        Batches of lines without any quote character, with one kind of line ending
        and all in the file's main encoding go through ``PlainWriter`` (C-level passes
        over the batch); any other batch is copied record by record as raw text, and a
        filled record is rebuilt by replacing its blank field in the raw text, so other
        fields keep their quoting, line endings stay as they were, and lines read as
        Windows-1252 go back as they were.  Filled values are quoted the same way in both.
        """
        progress = progress or NoProgress()
        fmt = self.format
        plain = PlainWriter(fmt, choice, filler)
        with open(dest, "wb", buffering=1 << 20) as raw, MixedText(self.path) as text:
            out = MixedWriter(raw, self.legacy, text.bom)
            try:
                source = text.lines()
                for line in source:
                    lines, _ = read_record_lines(line, source, fmt)
                    out.record(lines, None)
                    break
                number = 2
                while lines := list(islice(source, BATCH)):
                    joined = "".join(lines)
                    ending = None
                    if fmt.fast and fmt.quotechar not in joined and (self.legacy or not has_odd(lines)):
                        ending = one_ending(joined, len(lines))
                    if ending is not None:
                        plain.write(out, lines, joined, ending, number)
                        number += len(lines)
                    else:
                        number = self._copy_records(out, iter(lines), source, number, choice, filler)
                    progress.update(number)
            except UnicodeEncodeError as error:
                raise TableError(f"{self.path}: the filled value {error.object[error.start:error.end]!r} has no "
                                 "Windows-1252 form, the encoding of this file; save the file as CSV UTF-8 "
                                 "first") from error
            finally:
                out.close()

    def _copy_records(self, out: MixedWriter, lines: Iterator[str], source: Iterator[str], number: int,
                      choice: Choice, filler: Filler) -> int:
        """Copy the records starting in ``lines`` as raw text (continuations may come from ``source``),
        rebuilding only filled records; returns the next row number."""
        fmt = self.format
        target, width, pick, single = shape(choice)
        putter = FieldWriter(fmt)
        pending: list[str] = []
        for line in lines:
            parts, fields = read_record_lines(line, chain(lines, source), fmt)
            filled = None
            if len(fields) < width and fields:
                fields = fields + [""] * (width - len(fields))
            if fields and not fields[target]:
                values = (pick(fields),) if single else pick(fields)
                value, outputs = filler.lookup(values)
                if value is not None:
                    filled = putter.put("".join(parts), target, value)
                count_blank(filler.report, number, values, fields, value, outputs)
            if not self.legacy and has_odd(parts):
                out.write("".join(pending))
                pending.clear()
                out.record(parts, filled)
            else:
                pending.append("".join(parts) if filled is None else filled)
            number += 1
        out.write("".join(pending))
        return number
