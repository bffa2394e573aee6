"""Where output goes, and writing it so that no data is ever lost.

Every output is first written to a temporary file in the destination folder, named
``.NAME.flashfill-HOST-PID-XXXX.tmp``, and then renamed over the destination with
``os.replace`` (atomic on POSIX and on Windows within one volume).  On any error,
and on any exception that stops the run (Ctrl-C, or SIGTERM/SIGHUP turned into an
exception by the command line), the temporary file is removed and the destination is
untouched.  A run killed outright (``kill -9``, power loss) leaves its temporary file
behind; the next run in that folder recognises it by its name (same machine, process
gone, same owner) and removes it.

Just before the rename, the source is checked against a ``Snapshot`` taken before it
was read: if another program changed it meanwhile, nothing is written.  A backup is
never overwritten: ``NAME.bak``, else ``NAME.1.bak``, ``NAME.2.bak``, ...
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import tempfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from flashfill.table.errors import TableError

FORMAT_FAMILIES = ({".csv", ".tsv", ".txt"}, {".xlsx", ".xlsm"})
MARK = "flashfill"
_TEMPORARY = re.compile(rf"\..+\.{MARK}-(?P<host>[0-9a-f]{{8}})-(?P<pid>[0-9]+)-[^.]+\.tmp")


def output_path(source: Path, output: Path | None, in_place: bool, backup: bool = True) -> Path:
    """The file a fill writes: ``-o OUT``, the source itself, or ``NAME.filled.EXT`` beside it."""
    if not backup and not in_place:
        raise TableError("--no-backup only applies with --in-place (other outputs never replace FILE)")
    if in_place:
        if output is not None:
            raise TableError("give either --in-place or -o OUT, not both")
        return source.resolve() if source.is_symlink() else source  # the file a link points to, not the link
    if output is None:
        return source.with_name(f"{source.stem}.filled{source.suffix}")
    if not any(source.suffix.lower() in f and output.suffix.lower() in f for f in FORMAT_FAMILIES):
        raise TableError(f"{output}: the output must have the same kind of extension as {source.name}")
    if output.exists() and source.exists() and os.path.samefile(output, source):
        raise TableError(f"{output}: -o names the input file; use --in-place (it keeps a backup)")
    return output


def backup_path(source: Path) -> Path:
    """The first free name of ``NAME.bak``, ``NAME.1.bak``, ``NAME.2.bak``, ... beside ``source``.

    An existing backup is the only copy of some earlier original: it is never replaced.
    """
    candidate, n = source.with_name(source.name + ".bak"), 0
    while os.path.lexists(candidate):
        n += 1
        candidate = source.with_name(f"{source.name}.{n}.bak")
    return candidate


def check_writable(target: Path) -> None:
    """Fail early, before any work, when the destination folder cannot hold the output."""
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.is_dir():
        raise TableError(f"cannot write {target}: {parent} is not a folder")
    if target.is_dir():
        raise TableError(f"cannot write {target}: it is a folder")


def check_replaceable(target: Path, force: bool) -> None:
    """TableError when ``target`` exists and is read-only (no write permission bit), unless ``force``.

    Renaming over a file only needs the folder to be writable, so without this check a
    file its owner marked read-only would be replaced silently.
    """
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        return
    if not force and not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        raise TableError(f"{target}: the file is read-only; nothing was written "
                         "(pass --force to replace it anyway; it stays read-only)")


@dataclass(frozen=True)
class Snapshot:
    """What identifies a file's content cheaply: its size, modification time and inode."""

    path: Path
    size: int
    mtime_ns: int
    inode: tuple[int, int]

    @classmethod
    def of(cls, path: Path) -> "Snapshot":
        st = os.stat(path)
        return cls(path, st.st_size, st.st_mtime_ns, (st.st_dev, st.st_ino))

    def check(self) -> None:
        """TableError if the file changed (or went away) since the snapshot was taken."""
        try:
            now = Snapshot.of(self.path)
        except FileNotFoundError:
            now = None
        if now != self:
            raise TableError(f"{self.path}: the file changed while flashfill was reading it (another program "
                             "wrote to it or replaced it); nothing was written, run flashfill again")


@lru_cache(maxsize=1)
def _host() -> str:
    """This machine, as 8 hex digits (a hash of its name): temporaries of other machines are never touched."""
    import socket  # only when writing: the import costs startup time

    return f"{zlib.crc32(socket.gethostname().encode('utf-8', 'replace')):08x}"


def temporary_name(target: Path) -> str:
    """The name prefix of a temporary file for ``target``: hidden, and marked as this process's."""
    return f".{target.name}.{MARK}-{_host()}-{os.getpid()}-"


def remove_stale_temporaries(folder: Path) -> list[Path]:
    """Remove temporary files of earlier runs in ``folder`` that were killed before cleaning up.

    Only files that are clearly ours are touched: named by ``temporary_name``, made on
    this machine by a process that no longer exists, and owned by the current user.
    Returns the files removed.  (Not on Windows, where a process cannot be probed safely.)
    """
    if os.name != "posix":
        return []
    removed = []
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    for name in names:
        match = _TEMPORARY.fullmatch(name)
        if match is None or match["host"] != _host() or _alive(int(match["pid"])):
            continue
        path = folder / name
        try:
            info = os.lstat(path)
            if info.st_uid == os.getuid() and stat.S_ISREG(info.st_mode):
                path.unlink()
                removed.append(path)
        except OSError:
            continue
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True


@contextmanager
def atomic_path(target: Path, backup: Path | None = None, unchanged: Snapshot | None = None) -> Iterator[Path]:
    """Yield a temporary path to write; on success it replaces ``target``, on failure it is deleted.

    Before the rename: ``unchanged`` (a snapshot of the source) is checked, then the
    old ``target`` is kept as ``backup`` (which must not exist: it is never replaced).
    """
    try:
        fd, name = tempfile.mkstemp(dir=target.parent, prefix=temporary_name(target), suffix=".tmp")
    except OSError as error:
        raise TableError(f"cannot write {target}: {error.strerror or error}") from error
    temp = Path(name)
    kept: Path | None = None
    try:
        os.close(fd)
        yield temp
        os.chmod(temp, _mode_for(target))
        if unchanged is not None:
            unchanged.check()
        if backup is not None and target.exists():
            kept = _keep(target, backup)
        os.replace(temp, target)
    except OSError as error:
        _undo(temp, kept)
        raise TableError(f"cannot write {target}: {error.strerror or error}") from error
    except BaseException:
        _undo(temp, kept)
        raise


def _keep(target: Path, backup: Path) -> Path:
    """Make ``backup`` hold the current ``target`` without ever replacing an existing file.

    A hard link costs nothing and is exactly the original (content, times, mode); where
    the file system has none, a copy is written to a temporary file and renamed.
    """
    try:
        os.link(target, backup)
        return backup
    except FileExistsError as error:
        raise TableError(f"{backup}: appeared while flashfill was running; nothing was written") from error
    except OSError:
        pass
    with atomic_path(backup) as copy:
        shutil.copy2(target, copy)
        if os.path.lexists(backup):
            raise TableError(f"{backup}: appeared while flashfill was running; nothing was written")
    return backup


def _undo(temp: Path, kept: Path | None) -> None:
    """Remove the temporary file and a backup made for a replacement that did not happen."""
    temp.unlink(missing_ok=True)
    if kept is not None:
        kept.unlink(missing_ok=True)


def _mode_for(target: Path) -> int:
    """Permissions of the file being replaced, or the usual ones for a new file."""
    try:
        return os.stat(target).st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
