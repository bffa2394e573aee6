"""Filling one column with a learner passed in (flashfill/sheet/column.py)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from flashfill.sheet.column import (
    NoExamplesError,
    ProgramCache,
    fill_column,
    learn_column,
    plan_column,
    row_numbers,
    sample_rows,
)

Row = tuple[str, ...]


class FakeProgram:
    """A program that applies ``rule`` and counts its calls."""

    def __init__(self, rule: Callable[[Row], str | None]) -> None:
        self.rule = rule
        self.calls = 0

    def __call__(self, row: Row) -> str | None:
        self.calls += 1
        return self.rule(row)

    def explain(self) -> str:
        return "first letter of v1\nupper case"


class FakeLearner:
    """Records what it was asked to learn and returns a fixed program."""

    def __init__(self, program: FakeProgram) -> None:
        self.program = program
        self.calls: list[tuple[list[tuple[Row, str]], list[Row]]] = []

    def __call__(self, examples: list[tuple[Row, str]], inputs: list[Row]) -> FakeProgram:
        self.calls.append((examples, inputs))
        return self.program


class ConflictError(ValueError):
    def __init__(self, message: str, example_indexes: tuple[int, ...] = ()) -> None:
        super().__init__(message)
        self.example_indexes = example_indexes


def initials(row: Row) -> str | None:
    if not row[0]:
        return None
    return "".join(word[0] for word in row[0].split()).upper()


def test_typed_cells_come_back_unchanged_and_blanks_are_filled() -> None:
    learner = FakeLearner(FakeProgram(initials))
    inputs = [["John Smith"], ["mary ann lee"], ["Bob Ray"], [42.0]]
    outputs = [["JS"], [None], [""], [7.0]]
    column = fill_column(inputs, outputs, learner)
    assert column == ["JS", "MAL", "BR", 7.0]
    examples, unlabeled = learner.calls[0]
    assert examples == [(("John Smith",), "JS"), (("42",), "7")]
    assert unlabeled == [("mary ann lee",), ("Bob Ray",)]


def test_undefined_rows_and_rows_without_input_stay_empty() -> None:
    program = FakeProgram(lambda row: None if row[0].startswith("?") else row[0])
    column = fill_column([["a"], ["?x"], [None], ["b"]], [["a"], [None], [None], [None]], FakeLearner(program))
    assert column == ["a", "", "", "b"]


def test_one_learn_per_column_and_one_run_per_distinct_row() -> None:
    program = FakeProgram(initials)
    learner = FakeLearner(program)
    rows = [["Ann Bell"]] + [["Carl Dean"], ["Eve Fox"]] * 500
    column = fill_column(rows, [["AB"]] + [[None]] * 1000, learner)
    assert len(learner.calls) == 1
    assert program.calls == 2
    assert column[1:3] == ["CD", "EF"]


def test_several_input_columns_and_a_scalar_pair() -> None:
    program = FakeProgram(lambda row: f"{row[1]}, {row[0]}")
    assert fill_column([["Ann", "Bell"], ["Carl", "Dean"]], [["Bell, Ann"], [None]], FakeLearner(program)) == [
        "Bell, Ann",
        "Dean, Carl",
    ]
    assert fill_column("x", "y", FakeLearner(FakeProgram(lambda row: "never"))) == ["y"]


def test_no_examples_returns_the_column_without_learning() -> None:
    learner = FakeLearner(FakeProgram(initials))
    assert fill_column([["a"], ["b"]], [[None], [None]], learner) == ["", ""]
    assert learner.calls == []
    with pytest.raises(NoExamplesError):
        learn_column(plan_column([["a"]], [[None]]), learner)


def test_a_cell_of_spaces_is_kept_but_teaches_nothing() -> None:
    learner = FakeLearner(FakeProgram(initials))
    assert fill_column([["Ann Bell"], ["Carl Dean"], ["Eve Fox"]], [["AB"], ["  "], [None]], learner) == [
        "AB",
        "  ",
        "EF",
    ]
    assert learner.calls[0][0] == [(("Ann Bell",), "AB")]


def test_heights_must_match() -> None:
    with pytest.raises(ValueError, match="inputs has 2 rows but outputs has 1"):
        plan_column([["a"], ["b"]], [["x"]])


def test_learn_error_names_the_rows_of_the_examples_at_fault() -> None:
    def conflicting(examples: list[tuple[Row, str]], inputs: list[Row]) -> FakeProgram:
        raise ConflictError("two examples with the same input disagree", (0, 1))

    task = plan_column([["a"], ["b"], ["a"]], [["x"], [None], ["y"]])
    with pytest.raises(ConflictError, match=r"rows 1 and 3 of the range") as info:
        learn_column(task, conflicting)
    assert info.value.example_indexes == (0, 1)


def test_sample_is_distinct_even_and_bounded() -> None:
    rows = [(str(i % 5000),) for i in range(20000)]
    sample = sample_rows(rows, limit=1000)
    assert len(sample) == 1000 == len(set(sample))
    assert sample[0] == ("0",) and sample[-1][0] in {str(i) for i in range(4990, 5000)}
    assert sample_rows([("a",), ("a",), ("b",)]) == [("a",), ("b",)]


def test_cache_learns_once_for_the_same_examples() -> None:
    learner = FakeLearner(FakeProgram(initials))
    cache = ProgramCache(size=1)
    for _ in range(3):
        fill_column([["Ann Bell"], ["Carl Dean"]], [["AB"], [None]], learner, cache)
    assert len(learner.calls) == 1
    fill_column([["Ann Bell"], ["Carl Dean"]], [["ab"], [None]], learner, cache)
    assert len(learner.calls) == 2


def test_row_numbers() -> None:
    assert row_numbers([4]) == "row 5"
    assert row_numbers([0, 2, 9]) == "rows 1, 3 and 10"
