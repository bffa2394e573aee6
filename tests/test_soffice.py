"""The shared LibreOffice starter (tests/soffice.py): a real office starts, works through UNO, and stops."""

from __future__ import annotations

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
