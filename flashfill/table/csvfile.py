"""Delimited text files: detect encoding and dialect, stream records with their raw text,
and put a value into one field of a record while leaving every other byte alone.

Unchanged records are written back exactly as read (same quoting, same line endings,
same encoding, BOM kept), so a filled file differs from its input only in the cells
that were blank.  Records without a quote character take a fast path (``str.split``);
only records with quotes go through the ``csv`` module.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from flashfill.table.errors import TableError
from flashfill.table.ole import describe_ole, is_ole

SAMPLE_BYTES = 64 * 1024
DELIMITERS = ",;\t|"

_MAGIC = {
    b"PK\x03\x04": "a ZIP archive (an .xlsx workbook?)",
    b"%PDF": "a PDF document",
}


@dataclass(frozen=True)
class CsvFormat:
    """How a delimited file is written: encoding, csv dialect and quoting habit."""

    encoding: str
    delimiter: str = ","
    quotechar: str = '"'
    doublequote: bool = True
    escapechar: str | None = None
    skipinitialspace: bool = False
    quote_all: bool = False

    def dialect(self) -> type[csv.Dialect]:
        """A csv dialect class for the csv module's reader, made once per format.

        Records with quotes are read one by one, each asking for the dialect: a new
        class each time cost microseconds per record, and while the garbage collector
        is paused for a pass, the memory of every class made.
        """
        return _dialect(self)

    @property
    def fast(self) -> bool:
        """True when a record without quote characters is just ``line.split(delimiter)``."""
        return self.escapechar is None and not self.skipinitialspace


@lru_cache(maxsize=64)
def _dialect(fmt: CsvFormat) -> type[csv.Dialect]:
    attrs = dict(delimiter=fmt.delimiter, quotechar=fmt.quotechar, doublequote=fmt.doublequote,
                 escapechar=fmt.escapechar, skipinitialspace=fmt.skipinitialspace,
                 lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL, strict=False)
    return type("Detected", (csv.Dialect,), attrs)


def detect_encoding(path: Path) -> str:
    """``utf-8-sig`` when the file starts with a BOM, else ``utf-8`` (cp1252 is tried on decode errors).

    Raises TableError for files that are plainly not text.
    """
    with open(path, "rb") as f:
        head = f.read(SAMPLE_BYTES)
    if is_ole(head):
        raise TableError(f"{path}: not a CSV file: {describe_ole(path)}")
    for magic, what in _MAGIC.items():
        if head.startswith(magic):
            raise TableError(f"{path}: not a CSV file: it is {what}")
    if head.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise TableError(f"{path}: UTF-16 text is not supported; save it as UTF-8 CSV")
    if b"\x00" in head:
        raise TableError(f"{path}: not a CSV file: it holds binary data (NUL bytes)")
    return "utf-8"


def detect_format(path: Path, encoding: str) -> CsvFormat:
    """Sniff the dialect from the start of the file (falling back to commas, or tabs for .tsv)."""
    with open(path, encoding=encoding, newline="", errors="replace") as f:
        sample = f.read(SAMPLE_BYTES)
    lines = sample.splitlines(keepends=True)
    if len(sample) == SAMPLE_BYTES and len(lines) > 1:
        sample = "".join(lines[:-1])
    default = "\t" if path.suffix.lower() == ".tsv" else ","
    try:
        sniffed = csv.Sniffer().sniff(sample, delimiters=DELIMITERS)
        # The Sniffer reports doublequote=False whenever it saw no doubled quote; without
        # an escape character that reading is never right, so doubled quotes are assumed.
        fmt = CsvFormat(encoding, sniffed.delimiter, sniffed.quotechar or '"',
                        bool(sniffed.doublequote) or not sniffed.escapechar,
                        sniffed.escapechar, _spaced(sample, sniffed.delimiter))
    except csv.Error:
        fmt = CsvFormat(encoding, default)
    first = lines[0] if lines else ""
    in_header = {d: first.count(d) for d in DELIMITERS if d in first}
    if fmt.delimiter not in DELIMITERS or (in_header and fmt.delimiter not in in_header):
        # The header row fixes the columns: a delimiter it does not contain is a misreading.
        best = max(in_header, key=lambda d: in_header[d]) if in_header else default
        fmt = CsvFormat(encoding, best)
    quote_all = _quotes_everything(sample, fmt)
    return CsvFormat(fmt.encoding, fmt.delimiter, fmt.quotechar, fmt.doublequote, fmt.escapechar,
                     fmt.skipinitialspace, quote_all)


def _spaced(sample: str, delimiter: str) -> bool:
    """True when the file writes a space after most delimiters ("a, b, c").

    The Sniffer's own guess is unreliable and a wrong guess changes the data read
    (leading spaces are dropped), so it is only believed on clear evidence.
    """
    return sample.count(delimiter + " ") > 0.8 * max(sample.count(delimiter), 1)


def _quotes_everything(sample: str, fmt: CsvFormat) -> bool:
    """True when every non-empty field of the sampled records is quoted (QUOTE_ALL habit)."""
    spans = FieldSpans(fmt)
    records = [r for r in sample.splitlines() if r][:50]
    if not records:
        return False
    for record in records:
        for start, end in spans.all(record):
            text = record[start:end].lstrip(" ") if fmt.skipinitialspace else record[start:end]
            if text and not text.startswith(fmt.quotechar):
                return False
    return True


class _Tap:
    """Line iterator that remembers the lines the csv reader pulled for one record."""

    __slots__ = ("first", "lines", "source")

    def __init__(self, first: str, source: Iterator[str]) -> None:
        self.first: str | None = first
        self.lines: list[str] = []
        self.source = source

    def __iter__(self) -> "_Tap":
        return self

    def __next__(self) -> str:
        if self.first is not None:
            line, self.first = self.first, None
        else:
            line = next(self.source)
        self.lines.append(line)
        return line


def records(text: io.TextIOBase, fmt: CsvFormat) -> Iterator[tuple[str, list[str]]]:
    """Yield (raw record text including its line ending, parsed fields) for every record."""
    source = iter(text)
    quote, delimiter, fast = fmt.quotechar, fmt.delimiter, fmt.fast
    for line in source:
        if fast and quote not in line:
            body = line.rstrip("\r\n")
            yield line, body.split(delimiter) if body else []
        else:
            yield read_record(line, source, fmt)


def read_record(line: str, source: Iterator[str], fmt: CsvFormat) -> tuple[str, list[str]]:
    """The record starting with ``line`` (pulling continuation lines from ``source``): raw text and fields."""
    lines, fields = read_record_lines(line, source, fmt)
    return "".join(lines), fields


def read_record_lines(line: str, source: Iterator[str], fmt: CsvFormat) -> tuple[list[str], list[str]]:
    """The record starting with ``line`` (pulling continuation lines from ``source``): its lines and fields."""
    tap = _Tap(line, source)
    try:
        fields = next(csv.reader(tap, fmt.dialect()))
    except StopIteration:
        fields = []
    return tap.lines, fields


class FieldSpans:
    """Locate fields inside a raw record, to replace one without touching the others."""

    def __init__(self, fmt: CsvFormat) -> None:
        q, d = re.escape(fmt.quotechar), re.escape(fmt.delimiter)
        e = re.escape(fmt.escapechar) if fmt.escapechar else None
        plain = f"(?:[^{d}\\r\\n{e}]|{e}[\\s\\S])" if e else f"[^{d}\\r\\n]"
        inner = f"[^{q}{e}]|{e}[\\s\\S]" if e else f"[^{q}]"
        if fmt.doublequote:
            inner += f"|{q}{q}"
        lead = " *" if fmt.skipinitialspace else ""
        self.field = re.compile(f"{lead}(?:{q}(?:{inner})*(?:{q}|$){plain}*|{plain}*)")
        self.delimiter = fmt.delimiter

    def all(self, record: str) -> list[tuple[int, int]]:
        """Spans of every field of a one-record string (without its line ending)."""
        spans, pos = [], 0
        while True:
            m = self.field.match(record, pos)
            spans.append(m.span())
            pos = m.end()
            if pos < len(record) and record[pos] == self.delimiter:
                pos += 1
            else:
                return spans

    def span(self, record: str, index: int) -> tuple[int, int] | None:
        """Span of field ``index``, or None if the record has fewer fields (or ends early)."""
        pos = 0
        for _ in range(index):
            m = self.field.match(record, pos)
            pos = m.end()
            if pos < len(record) and record[pos] == self.delimiter:
                pos += 1
            else:
                return None
        return self.field.match(record, pos).span()


class FieldWriter:
    """Writes a new value into one field of raw records, quoting it the way the file does."""

    def __init__(self, fmt: CsvFormat) -> None:
        self.fmt = fmt
        self.spans = FieldSpans(fmt)
        specials = fmt.delimiter + fmt.quotechar + "\r\n" + (fmt.escapechar or "")
        self.special = re.compile("[" + re.escape(specials) + "]").search

    def quote(self, value: str) -> str:
        """The field text for ``value``: quoted when needed or when the file quotes everything.

        >>> FieldWriter(CsvFormat("utf-8")).quote('say "hi", Bob')
        '"say ""hi"", Bob"'
        """
        fmt = self.fmt
        if not fmt.quote_all and self.special(value) is None and not (fmt.skipinitialspace and value[:1] == " "):
            return value
        q = fmt.quotechar
        if fmt.escapechar and fmt.escapechar in value:
            value = value.replace(fmt.escapechar, fmt.escapechar * 2)
        if fmt.doublequote:
            value = value.replace(q, q + q)
        elif fmt.escapechar:
            value = value.replace(q, fmt.escapechar + q)
        return q + value + q

    def put(self, raw: str, index: int, value: str) -> str:
        """``raw`` with blank field ``index`` replaced by ``value`` (padding short records)."""
        body = raw.rstrip("\r\n")
        ending = raw[len(body):]
        text = self.quote(value)
        if self.fmt.fast and self.fmt.quotechar not in body:
            parts = body.split(self.fmt.delimiter) if body else [""]
            if index < len(parts):
                parts[index] = text
            else:
                parts.extend([""] * (index - len(parts)) + [text])
            return self.fmt.delimiter.join(parts) + ending
        span = self.spans.span(body, index)
        if span is None:
            count = len(self.spans.all(body)) if body else 1
            return body + self.fmt.delimiter * (index - count + 1) + text + ending
        start, end = span
        return body[:start] + text + body[end:] + ending


def record_error(path: Path, row: int, error: csv.Error) -> TableError:
    """Message for a record the csv module cannot read, naming the row where the record starts."""
    text = str(error)
    if "field larger than field limit" in text:
        text = (f"a cell is longer than {csv.field_size_limit()} characters; most often a quote opened in "
                "this row is never closed")
    return TableError(f"{path}: row {row}: {text}")
