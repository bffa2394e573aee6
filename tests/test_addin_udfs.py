"""FLASHFILL and FLASHFILL_EXPLAIN as Excel calls them (addin/flashfill_addin/udfs.py).

The functions are called with the values xlwings hands a UDF whose arguments
are declared ``ndim=2``.  A second check runs xlwings' real Windows decorators
(with stand-ins for the pywin32 modules they import) to see what Excel would
register: the VBA wrapper that ``ImportPythonUDFs`` writes, and the options.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ADDIN = Path(__file__).resolve().parents[1] / "addin"
sys.path.insert(0, str(ADDIN))

from flashfill_addin import udfs  # noqa: E402
from flashfill_addin.udfs import FLASHFILL, FLASHFILL_EXPLAIN  # noqa: E402


class Program:
    def __call__(self, row: tuple[str, ...]) -> str | None:
        return row[0].split("@")[1] if "@" in row[0] else None

    def explain(self) -> str:
        return "Concatenate(\n  SubStr(v1, after '@', end))"


def learner(examples: list[tuple[tuple[str, ...], str]], inputs: list[tuple[str, ...]]) -> Program:
    return Program()


@pytest.fixture
def fake_learner(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(udfs, "default_learner", lambda: learner)


def test_flashfill_returns_one_spilling_column(fake_learner: None) -> None:
    inputs = [["ann@x.org"], ["bob@y.com"], ["nobody"], [None], [42.0]]
    outputs = [["x.org"], [None], [None], [None], [None]]
    assert FLASHFILL(inputs, outputs) == [["x.org"], ["y.com"], [""], [""], [""]]


def test_flashfill_keeps_typed_numbers_and_dates_as_they_are(fake_learner: None) -> None:
    day = dt.datetime(2024, 3, 1)
    assert FLASHFILL([["a@b"], ["c@d"], ["e@f"]], [[day], [7.0], [None]]) == [[day], [7.0], ["f"]]


def test_flashfill_on_a_single_cell_pair(fake_learner: None) -> None:
    assert FLASHFILL("a@b", "b") == [["b"]]


def test_flashfill_with_no_example_is_blank(fake_learner: None) -> None:
    assert FLASHFILL([["a@b"], ["c@d"]], [[None], [None]]) == [[""], [""]]


def test_flashfill_mismatched_heights_say_so(fake_learner: None) -> None:
    with pytest.raises(ValueError, match="inputs has 2 rows but outputs has 3"):
        FLASHFILL([["a"], ["b"]], [["x"], [None], [None]])


def test_explain_spills_one_step_a_line(fake_learner: None) -> None:
    assert FLASHFILL_EXPLAIN([["a@b"], ["c@d"]], [["b"], [None]]) == [
        ["Concatenate("],
        ["  SubStr(v1, after '@', end))"],
    ]
    assert FLASHFILL_EXPLAIN([["a@b"]], [[None]]) == [["Type an example in the output column first."]]


REGISTRATION = textwrap.dedent(
    """
    import io, json, sys, types
    for name in ("pythoncom", "pywintypes", "win32com", "win32com.client"):
        sys.modules[name] = types.ModuleType(name)
    sys.modules["pythoncom"].CoInitialize = lambda: None
    sys.modules["win32com.client"].Dispatch = object
    import xlwings as xw
    import xlwings.udfs as xu
    xw.func, xw.arg, xw.ret = xu.xlfunc, xu.xlarg, xu.xlret
    sys.path.insert(0, sys.argv[1])
    import flashfill_addin  # the module xlwings imports: UDF_MODULES is the add-in's name
    out = io.StringIO()
    xu.generate_vba_wrapper("flashfill_addin", flashfill_addin, out, types.SimpleNamespace(Name="flashfill_addin.xlam"))
    meta = {f: getattr(flashfill_addin, f).__xlfunc__ for f in ("FLASHFILL", "FLASHFILL_EXPLAIN", "FLASHFILL_FORMULA")}
    print(json.dumps({"vba": out.getvalue(), "meta": meta}, default=str))
    """
)


def test_xlwings_windows_decorators_register_the_three_functions() -> None:
    done = subprocess.run(
        [sys.executable, "-c", REGISTRATION, str(ADDIN)], capture_output=True, text=True, check=True
    )
    result = json.loads(done.stdout)
    vba = result["vba"]
    assert "Function FLASHFILL(inputs, outputs)" in vba
    assert "Function FLASHFILL_EXPLAIN(inputs, outputs)" in vba
    assert "Function FLASHFILL_FORMULA(inputs, outputs)" in vba
    assert 'XLPy.CallUDF("flashfill_addin", "FLASHFILL", Array(inputs, outputs), ActiveWorkbook, Application.Caller)' in vba
    for name in ("FLASHFILL", "FLASHFILL_EXPLAIN", "FLASHFILL_FORMULA"):
        meta = result["meta"][name]
        assert meta["category"] == "Flash Fill"
        assert [a["name"] for a in meta["args"]] == ["inputs", "outputs"]
        wanted = {"convert": "range"} if name == "FLASHFILL_FORMULA" else {"ndim": 2}  # its cells' addresses
        assert all(a["options"] == wanted for a in meta["args"]), meta["args"]
        assert meta["ret"]["options"] == {}
