"""Fill a batch of plain CSV lines: no quote character and one kind of line ending.

Such a line is exactly its fields joined by the delimiter, so the batch is parsed by
the ``csv`` module (C speed) and written back as read when no target cell is blank,
or else by joining the fields again once the filled values, quoted the way the file
quotes, are in place.  Each step is one C-level pass over the batch; only rows left
undefined or unsure cost Python work of their own, so a row costs little more than
the program's own evaluation.
"""

from __future__ import annotations

import csv
from itertools import compress
from operator import itemgetter, not_
from typing import Any, TextIO, cast

from flashfill.table.columns import Choice
from flashfill.table.csvfile import CsvFormat, FieldWriter
from flashfill.table.filler import Filler
from flashfill.table.report import SAMPLES, Report


def one_ending(text: str, lines: int) -> str | None:
    """The line ending shared by all ``lines`` lines of ``text``, or None if they differ or one lacks it."""
    crlf = text.count("\r\n")
    if crlf == lines and text.count("\n") == lines and text.count("\r") == lines:
        return "\r\n"
    if not crlf and text.count("\n") == lines and "\r" not in text:
        return "\n"
    if not crlf and text.count("\r") == lines and "\n" not in text:
        return "\r"
    return None


class PlainWriter:
    """Writes the plain batches of one file: ``writer.write(w, lines, text, ending, number)``."""

    def __init__(self, fmt: CsvFormat, choice: Choice, filler: Filler) -> None:
        self.fmt, self.choice, self.filler = fmt, choice, filler
        self.dialect = fmt.dialect()
        self.putter = FieldWriter(fmt)

    def write(self, w: TextIO, lines: list[str], text: str, ending: str, number: int) -> None:
        """Write the batch ``lines`` (joined: ``text``; the first is row ``number``) with its blanks filled."""
        rows = list(csv.reader(lines, self.dialect))
        blanks = blank_rows(rows, self.choice)
        if not blanks:
            w.write(text)
            return
        chosen = list(map(rows.__getitem__, blanks))
        outputs = fill_values(chosen, blanks, number, self.choice, self.filler)
        target = self.choice.target
        for row, field in zip(chosen, field_texts(outputs, self.fmt, self.putter)):
            row[target] = field
        w.write(ending.join(map(self.fmt.delimiter.join, rows)))
        w.write(ending)


def blank_rows(rows: list[list[str]], choice: Choice) -> list[int]:
    """Indexes of the rows whose target cell is blank; short rows among them are padded in place.

    An empty record (a blank line) is not a blank cell: it is left as it is.
    """
    target, width = choice.target, shape(choice)[1]
    if min(map(len, rows)) >= width:
        cells = list(map(itemgetter(target), rows))
        if "" not in cells:
            return []
        return list(compress(range(len(rows)), map(not_, cells)))
    blanks = [i for i, r in enumerate(rows) if (not r[target] if len(r) > target else bool(r))]
    for i in blanks:
        if len(rows[i]) < width:
            rows[i] = rows[i] + [""] * (width - len(rows[i]))
    return blanks


def fill_values(chosen: list[list[str]], blanks: list[int], number: int, choice: Choice,
                filler: Filler) -> list[str | None]:
    """The values for the blank rows ``chosen`` (row ``number + blanks[k]`` each), told to the report."""
    _, _, pick, single = shape(choice)
    inputs = list(zip(map(pick, chosen))) if single else list(map(pick, chosen))
    outputs, unsure = filler.outputs(inputs)
    report = filler.report
    undefined = [k for k, value in enumerate(outputs) if value is None] if None in outputs else []
    for k in undefined:
        count_blank(report, number + blanks[k], inputs[k], chosen[k], None, ())
    report.filled += len(outputs) - len(undefined)
    if len(report.samples) < SAMPLES:
        for k, value in enumerate(outputs):
            if value is not None:
                report.add_sample(number + blanks[k], value)
    for k, alternatives in unsure.items():
        report.add_unsure(number + blanks[k], alternatives)
    return outputs


def field_texts(values: list[str | None], fmt: CsvFormat, putter: FieldWriter) -> list[str]:
    """The values as the file's fields: quoted like ``putter.quote`` does, "" for None (left blank).

    The common cases take one C-level pass: nothing to quote, or only delimiters.
    """
    if fmt.quote_all or fmt.skipinitialspace:
        return [putter.quote(v) if v is not None else "" for v in values]
    texts = ["" if v is None else v for v in values] if None in values else cast("list[str]", values)
    text = "".join(texts)
    q, d = fmt.quotechar, fmt.delimiter
    if q in text or "\r" in text or "\n" in text or fmt.escapechar and fmt.escapechar in text:
        return list(map(putter.quote, texts))
    if d not in text:
        return texts
    return [f"{q}{v}{q}" if d in v else v for v in texts]


def shape(choice: Choice) -> tuple[int, int, Any, bool]:
    """Target index, row width needed, a getter of the input cells, and whether there is one input."""
    width = max(max(choice.inputs), choice.target) + 1
    return choice.target, width, itemgetter(*choice.inputs), len(choice.inputs) == 1


def count_blank(report: Report, number: int, values: tuple[str, ...], fields: list[str], value: str | None,
                outputs: tuple[str | None, ...]) -> None:
    """Tell the report about one blank target cell: filled, unsure, undefined or without input."""
    if value is not None:
        report.filled += 1
        report.add_sample(number, value)
        if outputs:
            report.add_unsure(number, outputs)
    elif any(values):
        report.add_undefined(number)
    elif any(fields):
        report.empty_inputs += 1
