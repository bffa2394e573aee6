"""Where output goes, and writing it so that no partial file is ever left behind.

Every output is first written to a hidden temporary file in the destination folder
and then renamed over the destination with ``os.replace`` (atomic on POSIX and on
Windows within one volume).  On any error the temporary file is removed and the
destination is untouched.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from flashfill.table.errors import TableError

FORMAT_FAMILIES = ({".csv", ".tsv", ".txt"}, {".xlsx", ".xlsm"})


def output_path(source: Path, output: Path | None, in_place: bool, backup: bool = True) -> Path:
    """The file a fill writes: ``-o OUT``, the source itself, or ``NAME.filled.EXT`` beside it."""
    if not backup and not in_place:
        raise TableError("--no-backup only applies with --in-place (other outputs never replace FILE)")
    if in_place:
        if output is not None:
            raise TableError("give either --in-place or -o OUT, not both")
        return source
    if output is None:
        return source.with_name(f"{source.stem}.filled{source.suffix}")
    if not any(source.suffix.lower() in f and output.suffix.lower() in f for f in FORMAT_FAMILIES):
        raise TableError(f"{output}: the output must have the same kind of extension as {source.name}")
    if output.exists() and source.exists() and os.path.samefile(output, source):
        raise TableError(f"{output}: -o names the input file; use --in-place (it keeps a backup)")
    return output


def backup_path(source: Path) -> Path:
    """Where ``--in-place`` keeps the original: ``NAME.EXT.bak`` beside it."""
    return source.with_name(source.name + ".bak")


def check_writable(target: Path) -> None:
    """Fail early, before any work, when the destination folder cannot hold the output."""
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.is_dir():
        raise TableError(f"cannot write {target}: {parent} is not a folder")
    if target.is_dir():
        raise TableError(f"cannot write {target}: it is a folder")


@contextmanager
def atomic_path(target: Path, backup: Path | None = None) -> Iterator[Path]:
    """Yield a temporary path to write; on success it replaces ``target`` (after copying
    the old ``target`` to ``backup`` when given), on failure it is deleted."""
    try:
        fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as error:
        raise TableError(f"cannot write {target}: {error.strerror or error}") from error
    os.close(fd)
    temp = Path(name)
    try:
        yield temp
        os.chmod(temp, _mode_for(target))
        if backup is not None and target.exists():
            with atomic_path(backup) as backup_temp:
                shutil.copy2(target, backup_temp)
        os.replace(temp, target)
    except OSError as error:
        temp.unlink(missing_ok=True)
        raise TableError(f"cannot write {target}: {error.strerror or error}") from error
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def _mode_for(target: Path) -> int:
    """Permissions of the file being replaced, or the usual ones for a new file."""
    try:
        return os.stat(target).st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
