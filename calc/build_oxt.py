"""Build the LibreOffice Calc extension ``flashfill.oxt``, and install it with ``unopkg``.

    python calc/build_oxt.py build [-o build/flashfill.oxt]
    python calc/build_oxt.py install           # build, then unopkg add for this user
    flashfill calc build | install             # the same through the flashfill command

The extension is the text sources in ``calc/oxt/`` zipped as they are, plus a
copy of the ``flashfill`` package (pure Python) under ``pythonpath/``, where
LibreOffice's Python loader finds it.  The one compiled module flashfill needs,
``regex``, comes from LibreOffice's Python itself: on Debian and Ubuntu that is
the system Python, which gets it from the ``python3-regex`` package.  The type
library of the ``FLASHFILL`` function is its IDL source (``XFlashFill.idl``),
which LibreOffice compiles when it registers the extension, so building needs
no LibreOffice SDK.  The zip is deterministic: the same sources give the same
bytes.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "oxt"
PACKAGE = HERE.parent / "flashfill"
DEFAULT_OUTPUT = HERE.parent / "build" / "flashfill.oxt"
#: Timestamp of every zip entry, so that a build is reproducible.
ZIP_TIME = (2024, 1, 1, 0, 0, 0)


class ExtensionError(RuntimeError):
    """The extension could not be built or installed."""


def entries() -> Iterator[tuple[str, Path]]:
    """(name in the .oxt, file) for every file of the extension, in a fixed order."""
    for path in sorted(SOURCES.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            yield path.relative_to(SOURCES).as_posix(), path
    for path in sorted(PACKAGE.rglob("*.py")):
        if "__pycache__" not in path.parts:
            yield "pythonpath/flashfill/" + path.relative_to(PACKAGE).as_posix(), path


def build(output: Path = DEFAULT_OUTPUT) -> Path:
    """Write the .oxt to ``output`` (atomically) and return its path."""
    if not (SOURCES / "META-INF" / "manifest.xml").is_file() or not (PACKAGE / "__init__.py").is_file():
        raise ExtensionError(f"the extension's sources are not in {HERE}: build it from a flashfill checkout")
    output.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=output.name, suffix=".part", dir=output.parent)
    os.close(handle)
    try:
        with zipfile.ZipFile(temp, "w", zipfile.ZIP_DEFLATED) as oxt:
            for name, path in entries():
                info = zipfile.ZipInfo(name, ZIP_TIME)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                oxt.writestr(info, path.read_bytes())
        os.replace(temp, output)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return output


def install(oxt: Path, profile: Path | None = None) -> None:
    """``unopkg add`` the extension for the current user (or into the LibreOffice profile ``profile``)."""
    unopkg = shutil.which("unopkg")
    if unopkg is None:
        raise ExtensionError("unopkg not found: install LibreOffice (Debian: sudo apt-get install libreoffice-calc)")
    command = [unopkg, "add", "--force", "--suppress-license", str(oxt)]
    if profile is not None:
        command.append(f"-env:UserInstallation={profile.resolve().as_uri()}")
    done = subprocess.run(command, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip()
        raise ExtensionError(f"unopkg add {oxt} failed: {detail} (LibreOffice must be closed meanwhile)")


def main(argv: Sequence[str] | None = None) -> int:
    """The command line: ``build`` or ``install``; returns the exit code."""
    parser = argparse.ArgumentParser(prog="flashfill calc", description="Build or install the Calc extension.")
    parser.add_argument("action", choices=("build", "install"))
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUTPUT, metavar="OXT",
                        help=f"where to write the extension (default: {DEFAULT_OUTPUT.relative_to(HERE.parent)})")
    args = parser.parse_args(argv)
    try:
        oxt = build(args.output)
        print(f"built {oxt}")
        if args.action == "install":
            install(oxt)
            print("installed: restart LibreOffice, then Data › Flash Fill and =FLASHFILL(inputs; outputs)")
    except (ExtensionError, OSError) as error:
        print(f"flashfill calc: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
