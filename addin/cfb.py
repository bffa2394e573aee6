"""Rewrite a Compound File Binary (the OLE container of ``xl/vbaProject.bin``) with new stream contents.

``olefile`` reads these files but can only overwrite a stream with one of the
same size, and a VBA module whose source grows is longer.  ``rewrite`` keeps
the directory of the original file as it is (names, tree links, colours,
CLSIDs, times, in the same order) and lays every stream out again in a
version 3 file (512-byte sectors, streams under 4096 bytes in the mini
stream), as [MS-CFB] describes it.
"""

from __future__ import annotations

import io
import struct
import uuid
from dataclasses import dataclass

import olefile

SECTOR = 512
MINI_SECTOR = 64
MINI_CUTOFF = 4096
FREE = 0xFFFFFFFF
END_OF_CHAIN = 0xFFFFFFFE
FAT_SECTOR = 0xFFFFFFFD
NO_STREAM = 0xFFFFFFFF
HEADER_FAT_SLOTS = 109
ENTRY_SIZE = 128
STORAGE, STREAM, ROOT = olefile.STGTY_STORAGE, olefile.STGTY_STREAM, olefile.STGTY_ROOT
BLACK = 1


@dataclass(frozen=True)
class Entry:
    """One directory entry, less where its stream lies: that is worked out when the file is laid out."""

    name: str
    kind: int
    left: int = NO_STREAM
    right: int = NO_STREAM
    child: int = NO_STREAM
    color: int = BLACK
    clsid: bytes = bytes(16)
    flags: int = 0
    created: int = 0
    modified: int = 0


def rewrite(data: bytes, replaced: dict[str, bytes]) -> bytes:
    """``data`` (a compound file) with the streams named in ``replaced`` (``"VBA/dir"``) given new contents.

    >>> tree = [Entry("Root Entry", ROOT, child=1), Entry("VBA", STORAGE, right=3, child=2),
    ...         Entry("dir", STREAM), Entry("PROJECT", STREAM)]
    >>> small = layout(tree, {2: b"dir", 3: b"project"})
    >>> grown = rewrite(small, {"VBA/dir": b"x" * 5000})
    >>> ole = olefile.OleFileIO(io.BytesIO(grown))
    >>> ole.openstream("VBA/dir").read() == b"x" * 5000, ole.openstream("PROJECT").read()
    (True, b'project')
    >>> rewrite(grown, {"VBA/dir": b"dir"}) == small
    True
    """
    ole = olefile.OleFileIO(io.BytesIO(data))
    try:
        raw = [entry for entry in ole.direntries if entry is not None]
        if [entry.sid for entry in raw] != list(range(len(raw))):
            raise ValueError("the compound file's directory has unused entries between used ones")
        paths = _paths(raw)
        missing = set(replaced) - set(paths.values())
        if missing:
            raise ValueError(f"no stream {', '.join(sorted(missing))} in the compound file")
        contents = {
            e.sid: replaced[paths[e.sid]] if paths[e.sid] in replaced else ole.openstream(paths[e.sid]).read()
            for e in raw
            if e.entry_type == STREAM
        }
    finally:
        ole.close()
    entries = [
        Entry(e.name, e.entry_type, e.sid_left, e.sid_right, e.sid_child, e.color,
              uuid.UUID(e.clsid).bytes_le if e.clsid else bytes(16), e.dwUserFlags, e.createTime, e.modifyTime)
        for e in raw
    ]
    return layout(entries, contents)


def _paths(raw: list) -> dict[int, str]:
    """Stream and storage paths (``"VBA/dir"``) by directory index, walking the tree from the root."""
    paths: dict[int, str] = {}

    def walk(sid: int, parent: str) -> None:
        if sid == NO_STREAM:
            return
        entry = raw[sid]
        paths[sid] = f"{parent}{entry.name}"
        walk(entry.sid_left, parent)
        walk(entry.sid_right, parent)
        walk(entry.sid_child, f"{paths[sid]}/")

    walk(raw[0].sid_child, "")
    return paths


def _sectors(size: int, unit: int) -> int:
    """How many sectors of ``unit`` bytes hold ``size`` bytes."""
    return -(-size // unit)


def _chain(fat: list[int], first: int, count: int) -> None:
    """Link ``count`` consecutive sectors from ``first`` into one chain of ``fat``."""
    for i in range(count):
        fat[first + i] = first + i + 1 if i < count - 1 else END_OF_CHAIN


def layout(entries: list[Entry], contents: dict[int, bytes]) -> bytes:
    """The compound file of ``entries`` (the root first), stream contents by entry index.

    In order: header, FAT, directory, mini FAT, mini stream, then each big stream.
    """
    small = [sid for sid in sorted(contents) if len(contents[sid]) < MINI_CUTOFF]
    big = [sid for sid in sorted(contents) if len(contents[sid]) >= MINI_CUTOFF]
    start: dict[int, int] = {}
    mini = bytearray()
    mini_fat: list[int] = []
    for sid in small:
        count = _sectors(len(contents[sid]), MINI_SECTOR)
        start[sid] = len(mini_fat) if count else END_OF_CHAIN
        mini_fat.extend([FREE] * count)
        _chain(mini_fat, start[sid], count)
        mini += contents[sid].ljust(count * MINI_SECTOR, b"\0")
    counts = [
        _sectors(len(entries) * ENTRY_SIZE, SECTOR),
        _sectors(len(mini_fat) * 4, SECTOR),
        _sectors(len(mini), SECTOR),
        *(_sectors(len(contents[sid]), SECTOR) for sid in big),
    ]
    fat_sectors = 1
    while fat_sectors * SECTOR // 4 < fat_sectors + sum(counts):
        fat_sectors += 1
    if fat_sectors > HEADER_FAT_SLOTS:
        raise ValueError("the compound file is too big for a FAT listed in the header alone")
    fat = [FREE] * (fat_sectors * SECTOR // 4)
    fat[:fat_sectors] = [FAT_SECTOR] * fat_sectors
    firsts = []
    sector = fat_sectors
    for count in counts:
        firsts.append(sector if count else END_OF_CHAIN)
        _chain(fat, sector, count)
        sector += count
    first_directory, first_mini_fat, first_mini_stream, *big_firsts = firsts
    start.update(zip(big, big_firsts))
    sizes = {sid: len(data) for sid, data in contents.items()}
    start[0], sizes[0] = first_mini_stream, len(mini)
    directory = b"".join(_entry(entry, start.get(sid, 0), sizes.get(sid, 0)) for sid, entry in enumerate(entries))
    unused = _entry(Entry("", olefile.STGTY_EMPTY, color=0), 0, 0)
    return b"".join(
        [
            _header(fat_sectors, first_directory, first_mini_fat, counts[1]),
            struct.pack(f"<{len(fat)}I", *fat),
            directory + unused * (counts[0] * SECTOR // ENTRY_SIZE - len(entries)),
            struct.pack(f"<{len(mini_fat)}I", *mini_fat).ljust(counts[1] * SECTOR, b"\xff"),
            bytes(mini).ljust(counts[2] * SECTOR, b"\0"),
            *(contents[sid].ljust(_sectors(len(contents[sid]), SECTOR) * SECTOR, b"\0") for sid in big),
        ]
    )


def _header(fat_sectors: int, first_directory: int, first_mini_fat: int, mini_fat_sectors: int) -> bytes:
    """The 512-byte header of a version 3 file whose FAT fills its first sectors."""
    slots = list(range(fat_sectors)) + [FREE] * (HEADER_FAT_SLOTS - fat_sectors)
    return (
        olefile.MAGIC
        + bytes(16)
        + struct.pack("<HHHHH", 0x003E, 0x0003, 0xFFFE, 9, 6)
        + bytes(6)
        + struct.pack("<IIIIIIIII", 0, fat_sectors, first_directory, 0, MINI_CUTOFF, first_mini_fat,
                      mini_fat_sectors, END_OF_CHAIN, 0)
        + struct.pack(f"<{HEADER_FAT_SLOTS}I", *slots)
    )


def _entry(entry: Entry, start: int, size: int) -> bytes:
    """The 128 bytes of one directory entry; a storage has no sectors."""
    name = entry.name.encode("utf-16-le") + b"\0\0" if entry.name else b""
    if entry.kind in (STORAGE, olefile.STGTY_EMPTY):
        start, size = 0, 0
    return (
        name.ljust(64, b"\0")
        + struct.pack("<HBBIII", len(name), entry.kind, entry.color, entry.left, entry.right, entry.child)
        + entry.clsid
        + struct.pack("<IQQIQ", entry.flags, entry.created, entry.modified, start, size)
    )
