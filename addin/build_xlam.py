"""Build ``flashfill_addin.xlam`` from xlwings' own add-in template, and export its text.

    python addin/build_xlam.py          # rebuild addin/flashfill_addin.xlam and addin/xlam/vba/

Steps:

1. ``xlwings quickstart flashfill_addin --addin --ribbon`` in a temporary
   folder (it copies the template shipped inside the xlwings package, so it
   works offline and on any OS);
2. the template's ribbon (``customUI/customUI.xml``) is replaced by
   ``addin/xlam/customUI.xml``, and the source of each module with a file
   ``addin/xlam/<Module>.bas`` by that file (``ovba``: only ``RibbonMyAddin``,
   to which the "Flash Fill (formulas)" button's ``RunMainFormulas`` is added);
   every other part, and every other stream of the VBA project, is kept byte
   for byte.  The template's ``RibbonMyAddin.RunMain`` runs
   ``RunPython "import <name>;<name>.main()"`` where ``<name>`` is the add-in's
   file name, so naming the file ``flashfill_addin.xlam`` makes the button call
   ``flashfill_addin.main()``; ``RunMainFormulas`` calls ``main_formulas()`` so;
3. the zip is written with fixed timestamps, so a rebuild is byte-identical;
4. the VBA modules are exported as text to ``addin/xlam/vba/`` with olevba
   (``oletools``): the VBA sits compressed in an OLE file, ``xl/vbaProject.bin``.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import ovba

HERE = Path(__file__).resolve().parent
NAME = "flashfill_addin"
XLAM = HERE / f"{NAME}.xlam"
RIBBON = HERE / "xlam" / "customUI.xml"
VBA_DIR = HERE / "xlam" / "vba"
RIBBON_PART = "customUI/customUI.xml"
VBA_PART = "xl/vbaProject.bin"
FIXED_TIME = (2026, 1, 1, 0, 0, 0)


def quickstart_template(workdir: Path) -> Path:
    """Run xlwings' quickstart for a ribbon add-in and return the ``.xlam`` it made."""
    subprocess.run(
        [sys.executable, "-c", "from xlwings.cli import main; main()", "quickstart", NAME, "--addin", "--ribbon"],
        cwd=workdir,
        check=True,
        capture_output=True,
    )
    return workdir / NAME / f"{NAME}.xlam"


def module_sources(folder: Path = HERE / "xlam") -> dict[str, str]:
    """The VBA source of each module the add-in changes, by module name, with the CRLF line ends VBA stores."""
    return {path.stem: path.read_text(encoding="utf-8").replace("\n", "\r\n") for path in sorted(folder.glob("*.bas"))}


def build(template: Path, ribbon: bytes, modules: dict[str, str], target: Path) -> None:
    """Copy the template's parts to ``target``, with ``ribbon`` as its ribbon XML and ``modules``' sources."""
    with zipfile.ZipFile(template) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        names = source.namelist()
        if RIBBON_PART not in names or VBA_PART not in names:
            raise ValueError(f"{template} has no {RIBBON_PART} or {VBA_PART}: not xlwings' ribbon add-in template")
        for name in names:
            data = ribbon if name == RIBBON_PART else source.read(name)
            if name == VBA_PART:
                for module, code in modules.items():
                    data = ovba.with_module_source(data, module, code)
            out.writestr(zipfile.ZipInfo(name, date_time=FIXED_TIME), data, zipfile.ZIP_DEFLATED)


def vba_modules(xlam: Path) -> dict[str, str]:
    """The VBA source of every module in ``xlam``, by file name (``Module.bas``)."""
    from oletools.olevba import VBA_Parser

    parser = VBA_Parser(str(xlam))
    try:
        return {name: code for _, _, name, code in parser.extract_macros()}
    finally:
        parser.close()


def export_vba(xlam: Path, folder: Path) -> list[Path]:
    """Write each VBA module of ``xlam`` into ``folder`` as text, replacing what was there."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.iterdir():
        old.unlink()
    written = []
    for name, code in sorted(vba_modules(xlam).items()):
        path = folder / name
        path.write_text(code.replace("\r\n", "\n"), encoding="utf-8", newline="\n")
        written.append(path)
    return written


def main() -> None:
    """Rebuild the add-in and its text export."""
    with tempfile.TemporaryDirectory() as workdir:
        build(quickstart_template(Path(workdir)), RIBBON.read_bytes(), module_sources(), XLAM)
    for path in export_vba(XLAM, VBA_DIR):
        print(path.relative_to(HERE.parent))
    print(XLAM.relative_to(HERE.parent))


if __name__ == "__main__":
    main()
