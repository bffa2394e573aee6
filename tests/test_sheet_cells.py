"""Spreadsheet values → text rows (flashfill/sheet/cells.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from flashfill.sheet.cells import as_column, as_grid, cell_text, is_blank, shows_text, text_rows


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, ""),
        ("", ""),
        ("Zoë Šimůnek", "Zoë Šimůnek"),
        (42.0, "42"),
        (-7.0, "-7"),
        (3.5, "3.5"),
        (0.1 + 0.2, "0.3"),
        (1e20, "1E+20"),
        (1.5e-7, "1.5E-07"),
        (12, "12"),
        (True, "TRUE"),
        (False, "FALSE"),
        (dt.datetime(2024, 3, 1), "2024-03-01"),
        (dt.datetime(2024, 3, 1, 14, 5, 0, 500), "2024-03-01 14:05:00"),
        (dt.date(1999, 12, 31), "1999-12-31"),
        (dt.time(9, 30), "09:30:00"),
    ],
)
def test_cell_text(value: object, text: str) -> None:
    assert cell_text(value) == text


def test_blank_is_none_or_empty_but_not_space() -> None:
    assert is_blank(None) and is_blank("")
    assert not is_blank(" ") and not is_blank(0.0) and not is_blank(False)


def test_only_cells_that_show_something_are_examples() -> None:
    assert not shows_text(None) and not shows_text("  ")
    assert shows_text(0.0) and shows_text("x")


@given(st.integers(min_value=-(10**14), max_value=10**14))
def test_whole_floats_read_like_integers(n: int) -> None:
    assert cell_text(float(n)) == str(n)


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e12, max_value=1e12))
def test_number_text_reads_back_to_the_same_15_digits(x: float) -> None:
    assert float(cell_text(x)) == pytest.approx(x, rel=1e-14, abs=1e-300)


def test_as_grid_shapes() -> None:
    assert as_grid("a") == [["a"]]
    assert as_grid(None) == [[None]]
    assert as_grid(["a", "b"]) == [["a"], ["b"]]
    assert as_grid([["a", 1.0], ["b", None]]) == [["a", 1.0], ["b", None]]
    assert as_grid([]) == []


def test_as_column_rejects_two_columns() -> None:
    assert as_column([["x"], [None]]) == ["x", None]
    assert as_column(5.0) == [5.0]
    with pytest.raises(ValueError, match="one column"):
        as_column([["a", "b"]])


def test_text_rows() -> None:
    assert text_rows([["Ann", 42.0, None], ["Bob", dt.datetime(2020, 1, 2), True]]) == [
        ("Ann", "42", ""),
        ("Bob", "2020-01-02", "TRUE"),
    ]
