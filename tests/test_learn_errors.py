"""Learning refuses contradictions and bad arguments with messages that say where."""

import pytest

import flashfill


def test_same_input_two_outputs_names_both_examples():
    with pytest.raises(flashfill.LearnError) as info:
        flashfill.learn([("a", "x"), ("b", "y"), ("a", "z")])
    assert info.value.example_indexes == (0, 2)
    assert "examples 1 and 3" in str(info.value)
    assert "'x'" in str(info.value) and "'z'" in str(info.value)


def test_learn_error_is_a_value_error():
    assert issubclass(flashfill.LearnError, ValueError)


def test_repeated_identical_examples_are_fine():
    assert flashfill.learn([("a1", "1"), ("a1", "1")])("b2") == "2"


def test_no_examples():
    with pytest.raises(flashfill.LearnError, match="no examples"):
        flashfill.learn([])


def test_output_not_a_string():
    with pytest.raises(TypeError, match="example 1"):
        flashfill.learn([("a", 3)])


def test_input_rows_of_the_wrong_width():
    with pytest.raises(ValueError, match="input row 2"):
        flashfill.learn([(("a", "b"), "a")], inputs=[("c", "d"), ("e",)])


def test_row_with_too_few_columns_for_the_program():
    program = flashfill.learn([(("a", "b"), "b")])
    with pytest.raises(ValueError, match="2 columns"):
        program(("only one",))


def test_tiny_budget_gives_a_clear_error_or_a_program():
    examples = [("x" * 60 + str(i), "y" * 30 + str(i)) for i in range(6)]
    try:
        program = flashfill.learn(examples, timeout=0.0)
    except flashfill.LearnError as e:
        assert "time budget" in str(e)
    else:
        assert all(program(row) == out for row, out in examples)


def test_examples_no_condition_tells_apart_are_named():
    with pytest.raises(flashfill.LearnError) as info:
        flashfill.learn([("~", "x"), ("^", "y")])
    assert "no condition tells apart '~' -> 'x'" in str(info.value)
    assert info.value.example_indexes == (0,)
