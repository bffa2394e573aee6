"""The Calc extension inside a real, headless LibreOffice (calc/).

The extension is built by ``calc/build_oxt.py`` and installed into the test
office's own profile through LibreOffice's extension manager; the office is then
restarted, so it loads the extension as at a user's next start.  Data › Flash
Fill is run by dispatching its command URL to the document's frame, exactly what
the menu item and the toolbar button do; ``FLASHFILL`` is entered as an array
formula.  Workbooks are copies of those in ``workbooks/``, saved by LibreOffice
and read back.

What to expect is worked out independently of Calc: the shared rules
(``flashfill.sheet``) with the real learner, on the workbook's values as
openpyxl or the workbook generator give them.  So these tests check that the
extension translates faithfully — every cell, colour and comment — while the
rules themselves are tested in ``test_sheet_*.py``.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import flashfill
import openpyxl
import pytest
from soffice import Office, import_uno, properties, start_office

from flashfill.sheet import fill as rules
from flashfill.sheet.column import ProgramCache, fill_column
from flashfill.sheet.region import Area, Cells, plan_fill

ROOT = Path(__file__).resolve().parents[1]
WORKBOOKS = ROOT / "workbooks"
sys.path.insert(0, str(ROOT / "calc"))
sys.path.insert(0, str(WORKBOOKS))

import build_oxt  # noqa: E402
import make_workbooks  # noqa: E402

COMMAND = "org.flashfill.calc:FlashFill"
NO_COLOUR = -1
CHECK = (255 << 16) | (235 << 8) | 156
XLSX_FILTER = "Calc MS Excel 2007 XML"
ODS_FILTER = "calc8"


@pytest.fixture(scope="module")
def calc(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Office]:
    """LibreOffice with the freshly built Flash Fill extension installed in its profile."""
    oxt = build_oxt.build(tmp_path_factory.mktemp("oxt") / "flashfill.oxt")
    with start_office(extensions=[oxt]) as office:
        yield office


def copy(name: str, folder: Path) -> Path:
    target = folder / name
    shutil.copyfile(WORKBOOKS / name, target)
    return target


def flash_fill(office: Office, document: Any, sheet: str, cells: str) -> Any:
    """Select ``cells`` of ``sheet`` and run Data › Flash Fill; the dispatch result (state, message).

    Dispatched from the office's main thread, as a click on the menu item is.
    """
    document.getCurrentController().select(document.Sheets.getByName(sheet).getCellRangeByName(cells))
    dispatcher = office.create("com.sun.star.frame.DispatchHelper")
    frame = document.getCurrentController().getFrame()
    return office.on_main_thread(lambda: dispatcher.executeDispatch(frame, COMMAND, "", 0, ()))


def save_and_reopen(office: Office, document: Any, path: Path, filter_name: str) -> Any:
    uno = import_uno()
    document.storeToURL(uno.systemPathToFileUrl(str(path)), properties(FilterName=filter_name))
    document.close(True)
    return office.open(path)


def column(sheet: Any, name: str) -> list[Any]:
    return [row[0] for row in sheet.getCellRangeByName(name).getDataArray()]


def colours(sheet: Any, col: int, rows: range) -> dict[int, int]:
    return {r: sheet.getCellByPosition(col - 1, r - 1).CellBackColor for r in rows}


def comments(sheet: Any) -> dict[tuple[int, int], str]:
    """(row, column) 1-based → text of every cell comment of the sheet."""
    found = {}
    annotations = sheet.getAnnotations()
    for i in range(annotations.getCount()):
        note = annotations.getByIndex(i)
        found[(note.Position.Row + 1, note.Position.Column + 1)] = note.getString()
    return found


def expected_fill(values: list[list[Any]], selection: Area) -> tuple[Any, rules.ColumnFill]:
    """The plan and the fill the shared rules decide with the real learner."""
    cells = Cells(values, (1, 1))
    plan = plan_fill(cells, selection)
    return plan, rules.decide_fill(cells, plan, flashfill.Session())


def staff_values() -> list[list[Any]]:
    """staff.ods's first sheet as the generator wrote it (dates as dates)."""
    rows: list[list[Any]] = [["Name", "Employee no", "Started", "Badge"]]
    for i, (name, number, started) in enumerate(make_workbooks.STAFF):
        badge = f"{name.split()[-1].upper()}-{number} ({started.year})" if i in (0, 1, 3) and name else None
        rows.append([name, float(number), dt.datetime.combine(started, dt.time()), badge])
    return rows


def test_staff_values_are_what_the_workbook_holds(calc: Office, tmp_path: Path) -> None:
    document = calc.open(copy("staff.ods", tmp_path))
    try:
        data = document.Sheets.getByName("Staff").getCellRangeByName("A1:D13").getDataArray()
        for row, want in zip(data, staff_values()):
            assert row[0] == (want[0] or "") and row[1] == want[1] and row[3] == (want[3] or "")
    finally:
        document.close(True)


def test_flash_fill_fills_an_ods_sheet_marks_and_comments(calc: Office, tmp_path: Path) -> None:
    path = copy("staff.ods", tmp_path)
    plan, want = expected_fill(staff_values(), Area(4, 4, 4, 4))
    assert want.undefined == [10]  # the row without a name: nothing to build a badge from
    document = calc.open(path)
    result = flash_fill(calc, document, "Staff", "D4")
    assert result.State == 1
    assert result.Result == rules.report(plan, want).message
    document = save_and_reopen(calc, document, tmp_path / "filled.ods", ODS_FILTER)
    try:
        sheet = document.Sheets.getByName("Staff")
        badges = column(sheet, "D2:D13")
        typed = {2: "JOHNSON-1042 (2019)", 3: "SMITH-877 (2021)", 5: "GARCIA-95 (2020)"}
        for r in range(2, 14):
            expected = typed.get(r) or want.values.get(r, "")
            assert badges[r - 2] == expected, f"D{r}"
        assert badges[4 - 2] == "ŠIMŮNEK-1203 (2018)"
        marked = set(want.marked())
        assert colours(sheet, 4, range(1, 15)) == {r: CHECK if r in marked else NO_COLOUR for r in range(1, 15)}
        assert comments(sheet) == {(r, 4): want.note(r) for r in marked}
        assert comments(sheet)[(10, 4)] == rules.UNDEFINED_NOTE
        names = column(sheet, "A2:A13")
        assert names == [name or "" for name, _, _ in make_workbooks.STAFF]
        notes = document.Sheets.getByName("Notes")
        assert notes.getCellRangeByName("B1").getFormula() == "=COUNTA(Staff.A2:A13)"
        assert notes.getCellRangeByName("B1").getValue() == 11
        assert comments(notes) == {(1, 1): "Counted by a formula."}
    finally:
        document.close(True)


def test_one_undo_restores_the_sheet_and_redo_fills_it_again(calc: Office, tmp_path: Path) -> None:
    document = calc.open(copy("staff.ods", tmp_path))
    try:
        sheet = document.Sheets.getByName("Staff")
        before = (sheet.getCellRangeByName("A1:E14").getDataArray(), colours(sheet, 4, range(1, 15)), comments(sheet))
        undo = document.getUndoManager()
        assert flash_fill(calc, document, "Staff", "D2").State == 1
        assert column(sheet, "D4:D4") == ["ŠIMŮNEK-1203 (2018)"]
        assert undo.getCurrentUndoActionTitle() == "Flash Fill"
        filled = (sheet.getCellRangeByName("A1:E14").getDataArray(), colours(sheet, 4, range(1, 15)), comments(sheet))
        undo.undo()
        after = (sheet.getCellRangeByName("A1:E14").getDataArray(), colours(sheet, 4, range(1, 15)), comments(sheet))
        assert after == before
        assert not undo.isUndoPossible()
        undo.redo()
        again = (sheet.getCellRangeByName("A1:E14").getDataArray(), colours(sheet, 4, range(1, 15)), comments(sheet))
        assert again == filled
    finally:
        document.close(True)


def xlsx_values(path: Path, sheet: str) -> list[list[Any]]:
    book = openpyxl.load_workbook(path)
    return [list(row) for row in book[sheet].iter_rows(values_only=True)]


def test_flash_fill_fills_an_xlsx_workbook_and_keeps_the_rest(calc: Office, tmp_path: Path) -> None:
    path = copy("contacts.xlsx", tmp_path)
    original = xlsx_values(path, "Contacts")
    plan, want = expected_fill(original, Area(2, 5, 2, 5))
    document = calc.open(path)
    result = flash_fill(calc, document, "Contacts", "E2")
    assert result.Result == rules.report(plan, want).message
    saved = tmp_path / "filled.xlsx"
    save_and_reopen(calc, document, saved, XLSX_FILTER).close(True)
    book = openpyxl.load_workbook(saved)
    sheet = book["Contacts"]
    for r in range(1, len(original) + 1):
        for c in range(1, 5):
            got = sheet.cell(row=r, column=c).value
            assert got == original[r - 1][c - 1], sheet.cell(row=r, column=c).coordinate
        typed = original[r - 1][4]
        assert sheet.cell(row=r, column=5).value == (typed if typed is not None else want.values.get(r)), f"E{r}"
    assert [r for r in range(2, len(original) + 1) if original[r - 1][4] is None] == sorted(want.values)
    assert sheet["E4"].value == "(" + original[3][1][:3] + ") " + original[3][1][4:]
    for r in range(2, len(original) + 1):
        fill_colour = sheet.cell(row=r, column=5).fill.fgColor.rgb
        assert (str(fill_colour).upper().endswith("FFEB9C")) == (r in want.marked()), f"E{r}"
    notes = {cell.coordinate: cell.comment.text for row in sheet.iter_rows() for cell in row if cell.comment}
    assert notes.pop("E1").startswith("Type the phone as it should look")
    assert notes == {f"E{r}": want.note(r) for r in want.marked()}
    assert book["Summary"]["B1"].value == "=COUNTA(Contacts!A2:A21)"


def test_a_selection_of_two_columns_fills_nothing_and_says_why(calc: Office, tmp_path: Path) -> None:
    document = calc.open(copy("staff.ods", tmp_path))
    try:
        sheet = document.Sheets.getByName("Staff")
        before = sheet.getCellRangeByName("A1:D13").getDataArray()
        result = flash_fill(calc, document, "Staff", "C2:D3")
        assert result.State == 0
        assert result.Result == "Nothing was filled: select cells in one column: the column to fill."
        assert sheet.getCellRangeByName("A1:D13").getDataArray() == before
        assert not document.getUndoManager().isUndoPossible()
    finally:
        document.close(True)


def test_flashfill_function_returns_the_column_and_follows_its_inputs(calc: Office, tmp_path: Path) -> None:
    path = copy("contacts.xlsx", tmp_path)
    original = xlsx_values(path, "Contacts")
    phones = [[row[1]] for row in original[1:]]
    typed = [[row[4]] for row in original[1:]]
    document = calc.open(path)
    try:
        sheet = document.Sheets.getByName("Contacts")
        sheet.getCellRangeByName("F2:F21").setArrayFormula("=FLASHFILL(B2:B21;E2:E21)")
        assert column(sheet, "F2:F21") == fill_column(phones, typed, flashfill.learn, ProgramCache())
        assert column(sheet, "F4:F4") == ["(" + phones[2][0][:3] + ") " + phones[2][0][4:]]
        sheet.getCellRangeByName("B4").setString("999-555-0123")
        assert column(sheet, "F4:F4") == ["(999) 555-0123"]
        sheet.getCellRangeByName("E6").setString("999.555.0123")
        assert column(sheet, "F6:F6") == ["999.555.0123"]
        document = save_and_reopen(calc, document, tmp_path / "formula.ods", ODS_FILTER)
        sheet = document.Sheets.getByName("Contacts")
        assert "FLASHFILL" in sheet.getCellRangeByName("F2").getFormula().upper()
        assert column(sheet, "F4:F4") == ["(999) 555-0123"]
    finally:
        document.close(True)


def test_flashfill_function_shows_a_learning_error_in_its_cell(calc: Office) -> None:
    document = calc.new("scalc")
    try:
        sheet = document.Sheets.getByIndex(0)
        sheet.getCellRangeByName("A1:B3").setDataArray((("a", "x"), ("a", "y"), ("b", "")))
        sheet.getCellRangeByName("C1:C3").setArrayFormula("=FLASHFILL(A1:A3;B1:B3)")
        assert sheet.getCellRangeByName("C1").getString().startswith("Flash Fill: ")
    finally:
        document.close(True)


def configuration(office: Office, path: str) -> Any:
    provider = office.create("com.sun.star.configuration.ConfigurationProvider")
    return provider.createInstanceWithArguments(
        "com.sun.star.configuration.ConfigurationAccess", properties(nodepath=path)
    )


def test_the_menu_item_and_toolbar_button_run_the_command(calc: Office) -> None:
    ui = "/org.openoffice.Office.Addons/AddonUI"
    menu = configuration(calc, f"{ui}/OfficeMenuBarMerging/org.flashfill.calc.menu/data")
    assert menu.MergePoint == ".uno:DataMenu\\.uno:DataSort"
    assert menu.MergeContext == "com.sun.star.sheet.SpreadsheetDocument"
    item = menu.MenuItems.getByName("flashfill")
    assert (item.URL, item.Title) == (COMMAND, "Flash Fill")
    button = configuration(calc, f"{ui}/OfficeToolBar/org.flashfill.calc.toolbar/flashfill")
    assert (button.URL, button.Title) == (COMMAND, "Flash Fill")
    handler = configuration(calc, "/org.openoffice.Office.ProtocolHandler/HandlerSet/org.flashfill.calc.Command")
    assert tuple(handler.Protocols) == ("org.flashfill.calc:*",)


def test_a_protected_sheet_is_left_as_it_is_and_the_user_told(calc: Office, tmp_path: Path) -> None:
    document = calc.open(copy("staff.ods", tmp_path))
    try:
        sheet = document.Sheets.getByName("Staff")
        sheet.protect("")
        before = sheet.getCellRangeByName("A1:D13").getDataArray()
        result = flash_fill(calc, document, "Staff", "D4")
        assert result.State == 0
        assert result.Result == "Nothing was filled: sheet 'Staff' is protected: unprotect it first (Tools › Protect Sheet)."
        assert sheet.getCellRangeByName("A1:D13").getDataArray() == before
    finally:
        document.close(True)
