"""Lines of a text file that is UTF-8 except, perhaps, for some Windows-1252 lines.

Files assembled from several sources often hold a few lines saved by an old program
in Windows-1252 ("Jos\\xe9") among UTF-8 lines.  Decoding the whole file one way or
the other garbles half of it, so each line is decoded on its own: as UTF-8 when it is
valid UTF-8, else as Windows-1252.  Such a line is an ``OddLine`` (a ``str``), so a
writer can put it back in its own encoding, byte for byte.

The file is read in blocks of about a megabyte cut at line ends; a block that is
valid UTF-8 as a whole (the usual case) is split into lines by ``io.StringIO`` at C
speed, and only a block holding an odd line is decoded line by line.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from itertools import chain
from pathlib import Path
from typing import BinaryIO

from flashfill.table.errors import TableError

BLOCK = 1 << 20
BOM = b"\xef\xbb\xbf"
LEGACY = "cp1252"
LISTED = 20
"""Odd line numbers kept for messages; the rest are counted."""


class OddLine(str):
    """A line that is not UTF-8 and was read as Windows-1252 (with its line ending)."""

    __slots__ = ()

    def encoded(self) -> bytes:
        """The line's bytes as they are in the file."""
        return self.encode(LEGACY)


class MixedText:
    """One pass over the lines of ``path``, as a context manager: ``with MixedText(path) as text:``,
    then iterate ``text.lines()``; ``position`` is the bytes read so far and ``bom`` tells
    whether the file starts with a UTF-8 byte order mark (left out of the lines).

    After the pass, ``odd_lines`` lists the first line numbers read as Windows-1252
    (``odd_count`` counts them all) and ``utf8_seen`` tells whether any line holds
    non-ASCII UTF-8 text.
    """

    def __init__(self, path: Path, block: int = BLOCK) -> None:
        self.path = path
        self.block = block
        self.position = 0
        self.line = 1
        self.odd_lines: list[int] = []
        self.odd_count = 0
        self.utf8_seen = False
        self.bom = False
        self._file: BinaryIO | None = None

    def __enter__(self) -> "MixedText":
        self._file = open(self.path, "rb")
        self.bom = self._file.read(len(BOM)) == BOM
        if self.bom:
            self.position = len(BOM)
        else:
            self._file.seek(0)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._file is not None:
            self._file.close()

    def lines(self) -> Iterator[str]:
        """Every line with its line ending (``\\n``, ``\\r\\n`` or ``\\r``)."""
        return chain.from_iterable(self._blocks())

    def _blocks(self) -> Iterator[Iterable[str]]:
        f = self._file
        assert f is not None, "use MixedText as a context manager"
        pending: list[bytes] = []  # the start of a line that goes on in the next chunk
        while True:
            chunk = f.read(self.block)
            if not chunk:
                if pending:
                    yield self._decode(b"".join(pending))
                return
            # A final "\r" may be the first half of "\r\n": the line ends after it only if more follows.
            cut = chunk.rfind(b"\n") + 1 or chunk.rfind(b"\r", 0, len(chunk) - 1) + 1
            if not cut:
                pending.append(chunk)
                continue
            pending.append(chunk[:cut])
            yield self._decode(b"".join(pending))
            pending = [chunk[cut:]] if cut < len(chunk) else []

    def _decode(self, block: bytes) -> Iterable[str]:
        """The lines of a block that ends at a line end (or at the end of the file)."""
        self.position += len(block)
        try:
            text = block.decode("utf-8")
        except UnicodeDecodeError:
            return self._by_line(block)
        if not self.utf8_seen and not block.isascii():
            self.utf8_seen = True
        self.line += block.count(b"\n") + block.count(b"\r") - block.count(b"\r\n")
        if block[-1:] not in (b"\n", b"\r"):
            self.line += 1
        return io.StringIO(text, newline="")

    def _by_line(self, block: bytes) -> list[str]:
        lines: list[str] = []
        for raw in block.splitlines(keepends=True):
            try:
                line: str = raw.decode("utf-8")
                if not self.utf8_seen and not raw.isascii():
                    self.utf8_seen = True
            except UnicodeDecodeError as error:
                line = self._legacy(raw, error)
            lines.append(line)
            self.line += 1
        return lines

    def _legacy(self, raw: bytes, error: UnicodeDecodeError) -> OddLine:
        try:
            line = OddLine(raw.decode(LEGACY))
        except UnicodeDecodeError as legacy_error:
            raise TableError(f"{self.path}: line {self.line}: not text this tool can read (byte "
                             f"0x{raw[legacy_error.start]:02x} at byte {legacy_error.start + 1} of the line is "
                             "neither UTF-8 nor Windows-1252); save the file as CSV UTF-8") from error
        self.odd_count += 1
        if len(self.odd_lines) < LISTED:
            self.odd_lines.append(self.line)
        return line

    @property
    def legacy(self) -> bool:
        """True when the file reads as Windows-1252 text throughout (odd lines, no UTF-8 text)."""
        return self.odd_count > 0 and not self.utf8_seen

    def note(self) -> str | None:
        """What the pass found about the file's encoding, for the summary (None: plain UTF-8)."""
        if not self.odd_count:
            return None
        if self.legacy:
            return "the file is Windows-1252 text, not UTF-8: read and written as Windows-1252"
        shown = ", ".join(map(str, self.odd_lines))
        more = f" and {self.odd_count - len(self.odd_lines)} more" if self.odd_count > len(self.odd_lines) else ""
        lines = "line" if self.odd_count == 1 else "lines"
        are = "is" if self.odd_count == 1 else "are"
        return (f"{lines} {shown}{more} of this UTF-8 file {are} not UTF-8: read as Windows-1252 and "
                "kept so (the other lines stay UTF-8)")


class MixedWriter:
    """The output of a pass: text in the file's main encoding (``write``), and records that hold
    odd lines put back in Windows-1252 (``record``), in order, into the binary file ``raw``."""

    def __init__(self, raw: BinaryIO, legacy: bool, bom: bool) -> None:
        self.raw = raw
        self.legacy = legacy
        if bom:
            raw.write(BOM)
        self.text = io.TextIOWrapper(raw, encoding=LEGACY if legacy else "utf-8", newline="")  # type: ignore[arg-type]
        self.write = self.text.write

    def record(self, lines: list[str], filled: str | None) -> None:
        """Write one record read as ``lines``: as read, or ``filled`` (its new text) when given.

        In a UTF-8 file, odd lines go back as the bytes they were; a filled record that
        holds one is written in Windows-1252 too (in UTF-8 if its new value has no
        Windows-1252 form).
        """
        if self.legacy or not any(type(line) is OddLine for line in lines):
            self.write("".join(lines) if filled is None else filled)
            return
        if filled is None:
            data = b"".join(line.encoded() if type(line) is OddLine else line.encode("utf-8") for line in lines)
        else:
            try:
                data = filled.encode(LEGACY)
            except UnicodeEncodeError:
                data = filled.encode("utf-8")
        self.text.flush()
        self.raw.write(data)

    def flush(self) -> None:
        """Pass everything written so far on to ``raw``."""
        self.text.flush()

    def close(self) -> None:
        """Flush the text layer and leave ``raw`` open for its owner to close."""
        self.text.flush()
        self.text.detach()


def has_odd(lines: list[str]) -> bool:
    """True when some of ``lines`` were read as Windows-1252 (one C-level pass)."""
    return OddLine in set(map(type, lines))
