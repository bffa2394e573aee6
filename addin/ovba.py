"""Give a module of a VBA project (``xl/vbaProject.bin``) new source code, as [MS-OVBA] stores it.

A module's stream holds a compiled cache followed by its compressed source;
the ``dir`` stream says where the source starts (``MODULEOFFSET``).  A new
source is stored alone, at offset 0: the project's ``_VBA_PROJECT`` stream
must then say version ``0xFFFF``, which makes Office ignore every cache and
compile the source when it opens the file (xlwings' template is stored so:
its ``xlwings`` module has no cache).  Everything else is kept byte for byte.
"""

from __future__ import annotations

import io
import struct
from collections.abc import Iterator

import olefile

import cfb

CHUNK = 4096
MODULE_NAME = 0x0019
MODULE_OFFSET = 0x0031
STREAM_NAME = 0x001A
PROJECT_VERSION = 0x0009
TERMINATOR = 0x0010
CACHE_IGNORED = 0xFFFF


def compress(data: bytes) -> bytes:
    """``data`` in the compression of [MS-OVBA] 2.4.1 (LZ77 copy tokens within 4096-byte chunks).

    >>> from oletools.olevba import decompress_stream
    >>> packed = compress(b"Sub A()\\r\\nEnd Sub\\r\\nSub B()\\r\\nEnd Sub\\r\\n")
    >>> bytes(decompress_stream(bytearray(packed))), len(packed)
    (b'Sub A()\\r\\nEnd Sub\\r\\nSub B()\\r\\nEnd Sub\\r\\n', 28)

    A whole chunk that does not compress is stored raw:

    >>> import random
    >>> noise = random.Random(0).randbytes(CHUNK)
    >>> packed = compress(noise)
    >>> bytes(decompress_stream(bytearray(packed))) == noise, len(packed)
    (True, 4099)
    """
    out = bytearray([1])
    for start in range(0, len(data), CHUNK):
        chunk = data[start:start + CHUNK]
        tokens = _compress_chunk(chunk)
        if len(tokens) <= CHUNK:
            out += struct.pack("<H", 0xB000 | (len(tokens) - 1)) + tokens
        elif len(chunk) == CHUNK:
            out += struct.pack("<H", 0x3FFF) + chunk
        else:
            raise ValueError("the end of the text does not compress, and a raw chunk would pad it with NULs")
    return bytes(out)


def _compress_chunk(chunk: bytes) -> bytes:
    """One chunk's token sequence: flag bytes, each followed by up to eight literals or copy tokens."""
    out = bytearray()
    seen: dict[bytes, list[int]] = {}
    indexed = 0
    position = 0
    while position < len(chunk):
        flag_at = len(out)
        out.append(0)
        for bit in range(8):
            if position >= len(chunk):
                break
            for at in range(indexed, position):
                seen.setdefault(chunk[at:at + 3], []).append(at)
            indexed = position
            offset, length = _longest_match(chunk, position, seen.get(chunk[position:position + 3], []))
            if length >= 3:
                bits = max((position - 1).bit_length(), 4)
                out += struct.pack("<H", ((offset - 1) << (16 - bits)) | (length - 3))
                out[flag_at] |= 1 << bit
                position += length
            else:
                out.append(chunk[position])
                position += 1
    return bytes(out)


def _longest_match(chunk: bytes, position: int, candidates: list[int]) -> tuple[int, int]:
    """(offset back, length) of the copy token for the text at ``position``: the farthest of the
    longest earlier matches (``candidates`` start with the same three bytes), cut to the most a
    token can say.  Any match decompresses the same; this one gives the bytes of xlwings'
    template (its ``dir`` and ``xlwings`` streams)."""
    best_offset, best_length = 0, 0
    rest = len(chunk) - position
    for candidate in candidates:
        if best_length and chunk[candidate + best_length] != chunk[position + best_length]:
            continue
        length = 3
        while length < rest and chunk[candidate + length] == chunk[position + length]:
            length += 1
        if length > best_length:
            best_offset, best_length = position - candidate, length
            if length == rest:
                break
    bits = max((position - 1).bit_length(), 4)
    return best_offset, min(best_length, (0xFFFF >> bits) + 3)


def with_module_source(project: bytes, module: str, source: str) -> bytes:
    """The ``vbaProject.bin`` ``project`` with ``source`` (CRLF line ends, code page text) as ``module``'s code."""
    if raw_stream(project, "VBA/_VBA_PROJECT")[2:4] != struct.pack("<H", CACHE_IGNORED):
        raise ValueError("the VBA project's compiled cache is in use (its _VBA_PROJECT version is not 0xFFFF)")
    directory = decompressed_stream(project, "VBA/dir")
    at = _offset_at(directory, module)
    return cfb.rewrite(project, {
        "VBA/dir": compress(directory[:at] + bytes(4) + directory[at + 4:]),
        f"VBA/{stream_name(directory, module)}": compress(source.encode("cp1252")),
    })


def raw_stream(project: bytes, stream: str) -> bytes:
    """The bytes of one stream (``"VBA/dir"``) of the compound file ``project``."""
    ole = olefile.OleFileIO(io.BytesIO(project))
    try:
        return ole.openstream(stream).read()
    finally:
        ole.close()


def decompressed_stream(project: bytes, stream: str, offset: int = 0) -> bytes:
    """A compressed stream of the VBA project ``project`` (from ``offset``), decompressed by oletools."""
    from oletools.olevba import decompress_stream

    return bytes(decompress_stream(bytearray(raw_stream(project, stream)[offset:])))


def module_offset(directory: bytes, module: str) -> int:
    """Where ``module``'s source starts in its stream, as the decompressed ``dir`` stream says."""
    return struct.unpack_from("<I", directory, _offset_at(directory, module))[0]


def stream_name(directory: bytes, module: str) -> str:
    """The stream holding ``module`` (its ``MODULESTREAMNAME`` record)."""
    return next(data.decode("cp1252") for ident, _, data in _module_records(directory, module) if ident == STREAM_NAME)


def _offset_at(directory: bytes, module: str) -> int:
    """Where in the decompressed ``dir`` stream ``module``'s ``MODULEOFFSET`` value lies."""
    [at] = [start for ident, start, _ in _module_records(directory, module) if ident == MODULE_OFFSET]
    return at


def _records(directory: bytes) -> Iterator[tuple[int, int, bytes]]:
    """(id, start of data, data) of every record of a decompressed ``dir`` stream."""
    at = 0
    while at < len(directory):
        ident, size = struct.unpack_from("<HI", directory, at)
        if ident == PROJECT_VERSION:
            size = 6
        yield ident, at + 6, directory[at + 6:at + 6 + size]
        at += 6 + size
        if ident == TERMINATOR:
            return


def _module_records(directory: bytes, module: str) -> list[tuple[int, int, bytes]]:
    """The records of ``module``'s part of the ``dir`` stream, from its name to the next module's."""
    found: list[tuple[int, int, bytes]] = []
    for record in _records(directory):
        if record[0] == MODULE_NAME:
            if found:
                break
            if record[2] == module.encode("cp1252"):
                found.append(record)
        elif found:
            found.append(record)
    if not found:
        raise ValueError(f"the VBA project has no module {module}")
    return found
