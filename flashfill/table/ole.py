"""Old-style Office containers (OLE2 compound files): an .xls workbook, or an encrypted one.

Excel saves a password-protected .xlsx not as a ZIP archive but as a compound file
holding an ``EncryptedPackage`` stream; without this check it would be taken for an
old .xls file.  The compound file's directory entries (128 bytes each, at offsets
that are multiples of 128) are searched for that stream name, so no OLE library is
needed.
"""

from __future__ import annotations

import mmap
from pathlib import Path

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENTRY_SIZE = 128
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le") + b"\x00\x00"
ENCRYPTED = ("the workbook is encrypted (password-protected); open it in Excel, remove the password "
             "(File > Info > Protect Workbook) and save it, then run flashfill again")


def is_ole(head: bytes) -> bool:
    """True when ``head`` (the start of a file) is the start of a compound file."""
    return head.startswith(OLE_MAGIC[:4])


def is_encrypted_workbook(path: Path) -> bool:
    """True when ``path`` is a compound file with an ``EncryptedPackage`` directory entry."""
    with open(path, "rb") as f:
        if f.read(len(OLE_MAGIC)) != OLE_MAGIC:
            return False
        with mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as data:
            at = data.find(_ENCRYPTED)
            while at >= 0:
                length = int.from_bytes(data[at + 64:at + 66], "little")
                if at % ENTRY_SIZE == 0 and length == len(_ENCRYPTED):
                    return True
                at = data.find(_ENCRYPTED, at + 1)
    return False


def describe_ole(path: Path) -> str:
    """What a compound file is, for a message: an encrypted workbook or an old binary Office file."""
    if is_encrypted_workbook(path):
        return ENCRYPTED
    return "it is an old binary Office file (.xls?); save it as .xlsx"
