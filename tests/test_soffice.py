"""The shared LibreOffice starter (tests/soffice.py): a real office starts, works through UNO, and stops."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from soffice import OfficeError, group_alive, start_office


def test_office_starts_computes_and_stops_with_its_children() -> None:
    with start_office() as office:
        document = office.new("scalc")
        sheet = document.Sheets.getByIndex(0)
        sheet.getCellRangeByName("A1").setValue(20)
        sheet.getCellRangeByName("A2").setFormula("=A1*2+2")
        assert sheet.getCellRangeByName("A2").getValue() == 42
        assert office.profile.is_dir()
        document.close(True)
        process = office.process
    assert process.poll() is not None
    assert not group_alive(process.pid)
    assert not office.profile.exists()


def test_a_missing_office_fails_saying_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "")
    with pytest.raises(OfficeError, match="make test. installs it"):
        start_office()


def test_calls_on_the_main_thread_return_their_value_and_raise_their_error() -> None:
    with start_office() as office:
        document = office.new("scalc")
        sheet = document.Sheets.getByIndex(0)
        assert office.on_main_thread(lambda: sheet.getCellRangeByName("A1").setFormula("=6*7") or 7) == 7
        assert sheet.getCellRangeByName("A1").getValue() == 42
        with pytest.raises(ZeroDivisionError):
            office.on_main_thread(lambda: 1 / 0)
        document.close(True)


def test_an_office_that_stops_answering_is_killed_and_the_call_fails() -> None:
    with start_office() as office:
        os.killpg(office.process.pid, signal.SIGSTOP)
        started = time.monotonic()
        with pytest.raises(OfficeError, match="within 2 s: office killed"):
            office.on_main_thread(lambda: office.desktop.getComponents(), timeout=2)
        assert time.monotonic() - started < 30
        assert office.killed


def test_a_hung_call_inside_a_deadline_fails_instead_of_waiting_for_ever() -> None:
    with start_office() as office:
        os.killpg(office.process.pid, signal.SIGSTOP)
        started = time.monotonic()
        with pytest.raises(OfficeError, match="within 2 s: office killed"), office.deadline(2):
            office.desktop.getComponents()
        assert time.monotonic() - started < 30
        assert office.killed


HANGING_TEST = '''
import os
import signal

import pytest
import soffice


@pytest.fixture
def office():
    soffice.TEST_TIMEOUT = 3
    with soffice.start_office() as running:
        yield running


def test_an_office_that_hangs(office):
    os.killpg(office.process.pid, signal.SIGSTOP)
    office.desktop.getComponents()
'''


def test_a_test_whose_office_hangs_fails_and_the_run_goes_on(tmp_path: Path) -> None:
    """The tests' conftest gives every test that uses an office a deadline (here 3 s)."""
    (tmp_path / "test_hanging.py").write_text(HANGING_TEST)
    tests = Path(__file__).parent
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tests), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "conftest", "--rootdir", str(tmp_path),
         str(tmp_path / "test_hanging.py")],
        capture_output=True, text=True, timeout=120, env=environment, cwd=tmp_path,
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert "1 failed" in done.stdout
    assert "did not answer within 3 s: office killed" in done.stdout
