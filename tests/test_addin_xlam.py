"""Static checks of addin/flashfill_addin.xlam (no Excel needed).

The VBA is read out of ``xl/vbaProject.bin`` with oletools' olevba, the same
parser ``addin/build_xlam.py`` exports it with.
"""

from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
import xlwings as xw

ADDIN = Path(__file__).resolve().parents[1] / "addin"
sys.path.insert(0, str(ADDIN))

import build_xlam  # noqa: E402
import cfb  # noqa: E402
import flashfill_addin  # noqa: E402
import ovba  # noqa: E402

XLAM = ADDIN / "flashfill_addin.xlam"
CUSTOM_UI_NS = "{http://schemas.microsoft.com/office/2006/01/customui}"

# oletools still uses pyparsing names that newer pyparsing deprecates.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture(scope="module")
def modules() -> dict[str, str]:
    """VBA source by module name, as stored in the .xlam."""
    return {Path(name).stem: code for name, code in build_xlam.vba_modules(XLAM).items()}


def procedures(code: str) -> dict[str, str]:
    """Sub/Function name → its parameter list, for every procedure in a module."""
    pattern = re.compile(r"^\s*(?:Public\s+|Private\s+)?(?:Sub|Function)\s+(\w+)\s*\(([^)]*)\)", re.M | re.I)
    return {m.group(1): m.group(2) for m in pattern.finditer(code)}


def test_xlam_is_a_valid_macro_enabled_add_in_package() -> None:
    with zipfile.ZipFile(XLAM) as z:
        assert z.testzip() is None
        names = set(z.namelist())
        content_types = z.read("[Content_Types].xml").decode()
        rels = z.read("_rels/.rels").decode()
    assert {"xl/workbook.xml", "xl/vbaProject.bin", "customUI/customUI.xml"} <= names
    assert "application/vnd.ms-excel.addin.macroEnabled.main+xml" in content_types
    assert 'Target="customUI/customUI.xml"' in rels


def test_every_ribbon_action_names_a_vba_procedure_taking_the_control(modules: dict[str, str]) -> None:
    with zipfile.ZipFile(XLAM) as z:
        ribbon = ET.fromstring(z.read("customUI/customUI.xml"))
    actions = [e.get("onAction") for e in ribbon.iter() if e.get("onAction")]
    assert actions, "the ribbon has no button"
    for action in actions:
        module, _, procedure = action.partition(".")
        assert module in modules, f"{action}: no VBA module {module}"
        params = procedures(modules[module])
        assert procedure in params, f"{action}: no procedure {procedure} in {module}"
        assert "IRibbonControl" in params[procedure]
    buttons = {e.get("label"): e.get("onAction") for e in ribbon.iter(f"{CUSTOM_UI_NS}button")}
    assert buttons == {"Flash Fill": "RibbonMyAddin.RunMain", "Flash Fill (formulas)": "RibbonMyAddin.RunMainFormulas"}


def test_the_button_runs_main_of_the_module_named_like_the_xlam(modules: dict[str, str]) -> None:
    run_main = modules["RibbonMyAddin"]
    assert 'mymodule = Left(ThisWorkbook.Name, (InStrRev(ThisWorkbook.Name, ".", -1, vbTextCompare) - 1))' in run_main
    assert 'RunPython "import " & mymodule & ";" & mymodule & ".main()"' in run_main
    assert XLAM.stem == flashfill_addin.__name__
    assert callable(flashfill_addin.main)
    assert "RunPython" in procedures(modules["xlwings"])


def procedure_body(code: str, name: str) -> str:
    """The lines of one Sub, from its header to its ``End Sub``."""
    match = re.search(rf"^Sub {name}\(.*?^End Sub$", code.replace("\r\n", "\n"), re.M | re.S)
    assert match, f"no Sub {name}"
    return match.group(0)


def test_the_formulas_button_runs_main_formulas_of_the_module_named_like_the_xlam(modules: dict[str, str]) -> None:
    run_main = procedure_body(modules["RibbonMyAddin"], "RunMain")
    run_formulas = procedure_body(modules["RibbonMyAddin"], "RunMainFormulas")
    assert 'RunPython "import " & mymodule & ";" & mymodule & ".main()"' in run_main
    assert 'RunPython "import " & mymodule & ";" & mymodule & ".main_formulas()"' in run_formulas
    assert run_formulas.replace("RunMainFormulas", "RunMain").replace("main_formulas()", "main()") == run_main
    assert flashfill_addin.main_formulas is flashfill_addin.macro.main_formulas


@pytest.fixture(scope="module")
def template_project(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """``xl/vbaProject.bin`` of xlwings' ribbon add-in template, as quickstart copies it."""
    template = build_xlam.quickstart_template(tmp_path_factory.mktemp("template"))
    with zipfile.ZipFile(template) as z:
        return z.read(build_xlam.VBA_PART)


def committed_project() -> bytes:
    with zipfile.ZipFile(XLAM) as z:
        return z.read(build_xlam.VBA_PART)


def streams(project: bytes) -> dict[str, bytes]:
    """Every stream of a compound file, by path."""
    import io

    import olefile

    ole = olefile.OleFileIO(io.BytesIO(project))
    try:
        return {"/".join(path): ole.openstream(path).read() for path in ole.listdir()}
    finally:
        ole.close()


def test_the_vba_project_differs_from_the_template_in_ribbonmyaddin_only(template_project: bytes) -> None:
    project = committed_project()
    old, new = streams(template_project), streams(project)
    assert old.keys() == new.keys()
    assert {name for name in old if old[name] != new[name]} == {"VBA/dir", "VBA/RibbonMyAddin"}
    old_dir, new_dir = ovba.decompressed_stream(template_project, "VBA/dir"), ovba.decompressed_stream(project, "VBA/dir")
    assert ovba.module_offset(old_dir, "RibbonMyAddin") > 0 and ovba.module_offset(new_dir, "RibbonMyAddin") == 0
    assert len(old_dir) == len(new_dir) and sum(a != b for a, b in zip(old_dir, new_dir)) <= 4
    for module in ("xlwings", "Dictionary", "Sheet2", "ThisWorkbook"):
        assert ovba.module_offset(old_dir, module) == ovba.module_offset(new_dir, module)
    source = ovba.decompressed_stream(project, "VBA/RibbonMyAddin").decode("cp1252")
    assert source == build_xlam.module_sources()["RibbonMyAddin"]
    assert "\r\nSub RunMainFormulas(control As IRibbonControl)\r\n" in source
    assert new["VBA/_VBA_PROJECT"][2:4] == b"\xff\xff", "Office must compile the sources, not use a cache"


def test_compress_gives_the_templates_own_compressed_bytes(template_project: bytes) -> None:
    for stream in ("VBA/dir", "VBA/xlwings"):
        raw = ovba.raw_stream(template_project, stream)
        assert ovba.compress(ovba.decompressed_stream(template_project, stream)) == raw, stream
    assert len(ovba.decompressed_stream(template_project, "VBA/xlwings")) > 3 * ovba.CHUNK


def test_a_rewritten_compound_file_keeps_every_stream_and_the_directory(template_project: bytes) -> None:
    import io

    import olefile

    grown = cfb.rewrite(template_project, {"VBA/Sheet2": b"s" * 5000, "PROJECTwm": b""})
    old, new = streams(template_project), streams(grown)
    assert new == {**old, "VBA/Sheet2": b"s" * 5000, "PROJECTwm": b""}
    before, after = olefile.OleFileIO(io.BytesIO(template_project)), olefile.OleFileIO(io.BytesIO(grown))
    fields = ("name", "entry_type", "color", "sid_left", "sid_right", "sid_child", "clsid", "dwUserFlags",
              "createTime", "modifyTime")
    rows = [[tuple(getattr(e, f) for f in fields) for e in ole.direntries if e] for ole in (before, after)]
    assert rows[0] == rows[1]
    with pytest.raises(ValueError, match="no stream VBA/nothing"):
        cfb.rewrite(template_project, {"VBA/nothing": b""})


def test_the_vba_is_xlwings_bsd_licensed_code_of_the_installed_version(modules: dict[str, str]) -> None:
    xlwings_module = modules["xlwings"]
    assert "xlwings is distributed under a BSD 3-clause license." in xlwings_module
    assert f'Public Const XLWINGS_VERSION As String = "{xw.__version__}"' in xlwings_module


def test_the_exported_text_is_what_the_xlam_holds(modules: dict[str, str]) -> None:
    exported = {p.stem: p.read_text(encoding="utf-8") for p in (ADDIN / "xlam" / "vba").iterdir()}
    assert exported == {name: code.replace("\r\n", "\n") for name, code in modules.items()}
    with zipfile.ZipFile(XLAM) as z:
        assert z.read("customUI/customUI.xml") == (ADDIN / "xlam" / "customUI.xml").read_bytes()


def test_a_rebuild_from_the_xlwings_template_gives_the_same_parts(tmp_path: Path) -> None:
    rebuilt = tmp_path / "flashfill_addin.xlam"
    build_xlam.build(
        build_xlam.quickstart_template(tmp_path), build_xlam.RIBBON.read_bytes(), build_xlam.module_sources(), rebuilt
    )
    with zipfile.ZipFile(XLAM) as committed, zipfile.ZipFile(rebuilt) as fresh:
        assert committed.namelist() == fresh.namelist()
        for name in committed.namelist():
            assert committed.read(name) == fresh.read(name), name


def test_the_product_needs_no_xlwings_pro_and_no_key() -> None:
    for path in (ADDIN / "flashfill_addin").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert "xlwings.pro" not in source and "LICENSE_KEY" not in source, path
