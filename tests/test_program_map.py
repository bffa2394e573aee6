"""program.map and program(row) take what a pandas user has: plain strings, blanks, numbers."""

import math
from decimal import Decimal

import pytest

import flashfill


def test_plain_strings_are_one_column_rows():
    program = flashfill.learn([("john smith", "John")])
    assert program.map(["mary jones", "bob brown"]) == ["Mary", "Bob"]
    assert program.map(iter(["ann lee"])) == ["Ann"]


def test_none_and_nan_are_blank_cells_and_give_none():
    program = flashfill.learn([("john smith", "John")])
    assert program.map(["mary jones", None, math.nan, ("ann lee",)]) == ["Mary", None, None, "Ann"]
    assert program(None) is None and program(float("nan")) is None


def test_numbers_are_read_the_way_a_spreadsheet_shows_them():
    program = flashfill.learn([("Room 12", "[Room 12]")])
    assert program.map([3.0, 1234.5, 7, Decimal("8.50"), True]) == ["[3]", "[1234.5]", "[7]", "[8.5]", "[TRUE]"]
    assert program(42.0) == "[42]"


def test_a_blank_cell_beside_text_reads_as_empty_text():
    program = flashfill.learn([(("Ada", "Lovelace"), "Lovelace, Ada")])
    assert program.map([("Alan", "Turing"), (None, None), ("Grace", math.nan)]) == ["Turing, Alan", None, ", Grace"]


def test_examples_and_inputs_may_be_numbers_too():
    program = flashfill.learn([(("Room", 12.0), "Room 12")], inputs=[("Hall", 7), ("Lab", 1234.5)])
    assert program.map([("Hall", 7), ("Lab", 1234.5)]) == ["Hall 7", "Lab 1234.5"]


def test_a_row_too_narrow_or_of_another_kind_is_named():
    program = flashfill.learn([(("Ada", "Lovelace"), "Lovelace, Ada")])
    with pytest.raises(ValueError, match="row 2 has 1"):
        program.map([("Alan", "Turing"), "Grace"])
    with pytest.raises(TypeError, match="column 2 of the row is dict"):
        program.map([("Alan", {})])
