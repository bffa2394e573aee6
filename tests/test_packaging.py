"""The package as built for users: the wheel's contents and a build free of setuptools warnings."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BUILD = """
import sys
from setuptools import build_meta
print("built", build_meta.build_wheel(sys.argv[1]), build_meta.build_editable(sys.argv[1]))
"""


def test_wheel_ships_py_typed_and_builds_without_any_warning(tmp_path):
    project = tmp_path / "project"
    shutil.copytree(ROOT / "flashfill", project / "flashfill", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, project / name)
    dist = tmp_path / "dist"
    result = subprocess.run([sys.executable, "-W", "error", "-c", BUILD, str(dist)], cwd=project,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]
    wheel, editable = result.stdout.split("built ")[-1].split()
    names = zipfile.ZipFile(dist / wheel).namelist()
    assert "flashfill/py.typed" in names and "flashfill/table/fill.py" in names
    assert editable.endswith(".whl")
