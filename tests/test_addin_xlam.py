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
import flashfill_addin  # noqa: E402

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
    buttons = [e.get("label") for e in ribbon.iter(f"{CUSTOM_UI_NS}button")]
    assert buttons == ["Flash Fill"]


def test_the_button_runs_main_of_the_module_named_like_the_xlam(modules: dict[str, str]) -> None:
    run_main = modules["RibbonMyAddin"]
    assert 'mymodule = Left(ThisWorkbook.Name, (InStrRev(ThisWorkbook.Name, ".", -1, vbTextCompare) - 1))' in run_main
    assert 'RunPython "import " & mymodule & ";" & mymodule & ".main()"' in run_main
    assert XLAM.stem == flashfill_addin.__name__
    assert callable(flashfill_addin.main)
    assert "RunPython" in procedures(modules["xlwings"])


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
    build_xlam.build(build_xlam.quickstart_template(tmp_path), build_xlam.RIBBON.read_bytes(), rebuilt)
    with zipfile.ZipFile(XLAM) as committed, zipfile.ZipFile(rebuilt) as fresh:
        assert committed.namelist() == fresh.namelist()
        for name in committed.namelist():
            assert committed.read(name) == fresh.read(name), name


def test_the_product_needs_no_xlwings_pro_and_no_key() -> None:
    for path in (ADDIN / "flashfill_addin").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert "xlwings.pro" not in source and "LICENSE_KEY" not in source, path
