"""Date and number cells of a workbook reach the learner as values: whatever number
format shows them, one typed example teaches the whole column."""

from __future__ import annotations

import datetime as dt

import openpyxl

from flashfill.sheet.cells import cell_text
from flashfill.table import fill
from flashfill.language.values import parse_moment, parse_number

DATE_FORMATS = ["m/d/yyyy", "d-mmm-yy", "mmm-yy", "mmmm d, yyyy", "dddd, mmmm d, yyyy", "yyyy-mm-dd", "yyyy-mm-dd hh:mm:ss"]


def _filled(tmp_path, header, values, formats, typed):
    src = tmp_path / "book.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([header, "Out"])
    for k, (value, number_format) in enumerate(zip(values, formats)):
        sheet.append([value, typed if k == 0 else None])
        sheet.cell(row=k + 2, column=1).number_format = number_format
    book.save(src)
    fill(src)
    out = openpyxl.load_workbook(tmp_path / "book.filled.xlsx").active
    return [out.cell(row=k + 2, column=2).value for k in range(len(values))]


def test_date_cells_under_any_format_give_month_and_year_from_one_example(tmp_path):
    values = [dt.datetime(2021, 3, 7), dt.datetime(2020, 12, 25), dt.datetime(1999, 1, 31), dt.datetime(2024, 2, 29),
              dt.datetime(2022, 7, 4), dt.datetime(2023, 10, 1), dt.datetime(2019, 5, 17, 14, 30)]
    filled = _filled(tmp_path, "When", values, DATE_FORMATS, "March 2021")
    assert filled == [d.strftime("%B %Y") for d in values]


def test_number_cells_under_any_format_are_numbers(tmp_path):
    values = [1234.5, 99.99, -3.0, 1000000.0, 0.5]
    formats = ["#,##0.00", "$#,##0.00", "#,##0.00;(#,##0.00)", "#,##0", "0.00"]
    filled = _filled(tmp_path, "Amount", values, formats, "1234.5")
    assert filled == ["1234.5", "99.99", "-3", "1000000", "0.5"]


def test_values_handed_over_by_a_spreadsheet_parse_as_what_they_are():
    """xlwings and Calc hand over datetime and float: their text reads back as the value."""
    assert parse_moment(cell_text(dt.datetime(2021, 3, 7, 19, 5))).hour == 19
    assert parse_moment(cell_text(dt.date(2021, 3, 7))).day == 7
    assert parse_moment(cell_text(dt.time(7, 5))).minute == 5
    assert parse_number(cell_text(1234.5)) == 1234.5 and parse_number(cell_text(1e20)) == 10**20
