"""Building the Calc extension (calc/build_oxt.py, ``flashfill calc build``): no LibreOffice needed."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

from flashfill.cli import main

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "calc"))

import build_oxt  # noqa: E402

MANIFEST = "{http://openoffice.org/2001/manifest}"


def test_the_build_is_reproducible_and_holds_flashfill(tmp_path: Path) -> None:
    first = build_oxt.build(tmp_path / "a.oxt")
    second = build_oxt.build(tmp_path / "b.oxt")
    assert first.read_bytes() == second.read_bytes()
    names = zipfile.ZipFile(first).namelist()
    assert "pythonpath/flashfill/sheet/fill.py" in names
    assert "pythonpath/flashfill/learning/learner.py" in names
    assert "pythonpath/flashfill_calc/command.py" in names
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]


def test_every_manifest_entry_is_in_the_extension_and_every_xml_file_parses(tmp_path: Path) -> None:
    oxt = zipfile.ZipFile(build_oxt.build(tmp_path / "flashfill.oxt"))
    names = set(oxt.namelist())
    manifest = ET.fromstring(oxt.read("META-INF/manifest.xml"))
    entries = {e.get(f"{MANIFEST}full-path"): e.get(f"{MANIFEST}media-type") for e in manifest}
    assert set(entries) <= names
    assert entries["XFlashFill.idl"] == "application/vnd.sun.star.uno-typelibrary;type=RDB"
    for name in names:
        if name.endswith((".xml", ".xcu", ".components")):
            ET.fromstring(oxt.read(name))


def test_the_extension_version_is_the_package_version() -> None:
    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    description = ET.parse(ROOT / "calc" / "oxt" / "description.xml").getroot()
    ns = "{http://openoffice.org/extensions/description/2006}"
    assert description.find(f"{ns}version").get("value") == version


def test_flashfill_calc_build_writes_the_extension(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "out" / "flashfill.oxt"
    assert main(["calc", "build", "-o", str(target)]) == 0
    assert zipfile.is_zipfile(target)
    assert f"built {target}" in capsys.readouterr().out


def test_install_adds_the_extension_with_unopkg_or_says_why_not(tmp_path: Path) -> None:
    oxt = build_oxt.build(tmp_path / "flashfill.oxt")
    profile = tmp_path / "profile"
    if os.geteuid() == 0:  # unopkg refuses to add a user's extension as root
        with pytest.raises(build_oxt.ExtensionError, match="as root"):
            build_oxt.install(oxt, profile)
        return
    build_oxt.install(oxt, profile)
    listed = subprocess.run(["unopkg", "list", f"-env:UserInstallation={profile.as_uri()}"],
                            capture_output=True, text=True, stdin=subprocess.DEVNULL)
    assert "org.flashfill.calc" in listed.stdout
