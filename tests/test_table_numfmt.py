"""Cells are read as Excel shows them: number formats, dates, booleans."""

import datetime as dt

import pytest

from flashfill.table.cells import value_text
from flashfill.table.numfmt import general, render


@pytest.mark.parametrize("value, fmt, shown", [
    (3.0, "General", "3"),
    (42, "General", "42"),
    (0.1 + 0.2, "General", "0.3"),
    (1234.5, "#,##0.00", "1,234.50"),
    (1234567.891, "#,##0", "1,234,568"),
    (2.5, "0", "3"),
    (-2.5, "0", "-3"),
    (0.125, "0.00", "0.13"),
    (7, "00000", "00007"),
    (2108, "00000", "02108"),
    (0.5, "0%", "50%"),
    (0.125, "0.0%", "12.5%"),
    (12.3, '"$"#,##0.00', "$12.30"),
    (12.3, "[$€-407]#,##0.00", "€12.30"),
    (-3.5, "0.00;(0.00)", "(3.50)"),
    (12, "#,##0.00_);[Red](#,##0.00)", "12.00"),
    (1234.5, "0.00E+00", "1.23E+03"),
    (5551234567, "(000) 000-0000", "(555) 123-4567"),
    (True, "General", "TRUE"),
    (False, "General", "FALSE"),
])
def test_numbers_as_excel_shows_them(value, fmt, shown):
    assert render(value, fmt) == shown


@pytest.mark.parametrize("value, fmt, shown", [
    (dt.datetime(2024, 3, 7), "yyyy-mm-dd", "2024-03-07"),
    (dt.datetime(2024, 3, 7), "m/d/yyyy", "3/7/2024"),
    (dt.datetime(2024, 3, 7), "mm-dd-yy", "3/7/2024"),
    (dt.datetime(2024, 3, 7), "dd.mm.yyyy", "07.03.2024"),
    (dt.datetime(2024, 3, 7), "d-mmm-yy", "7-Mar-24"),
    (dt.datetime(2024, 12, 25), "dddd, mmmm d, yyyy", "Wednesday, December 25, 2024"),
    (dt.datetime(2024, 3, 7, 14, 5), "yyyy-mm-dd h:mm AM/PM", "2024-03-07 2:05 PM"),
    (dt.datetime(2024, 3, 7, 9, 5, 3), "hh:mm:ss", "09:05:03"),
    (dt.time(13, 5), "h:mm", "13:05"),
    (dt.datetime(2024, 3, 7), "General", "2024-03-07"),
    (dt.timedelta(hours=26, minutes=3), "[h]:mm", "26:03"),
])
def test_dates_and_times_as_excel_shows_them(value, fmt, shown):
    assert render(value, fmt) == shown


def test_month_and_minute_codes_are_told_apart():
    moment = dt.datetime(2024, 3, 7, 9, 45)
    assert render(moment, "m/d h:mm") == "3/7 9:45"
    assert render(moment, "mm:ss") == "45:00"


def test_general_large_and_small_numbers():
    assert general(1e21) == "1E+21"
    assert general(1e-7) == "1E-07"
    assert general(123456789012.0) == "123456789012"


def test_value_text_keeps_strings_and_blanks():
    assert value_text(None) == ""
    assert value_text("  spaced  ") == "  spaced  "
    assert value_text(0.25, "0%") == "25%"
