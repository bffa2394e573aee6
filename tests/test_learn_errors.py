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


#: Examples that take some thousands of units of work (a conditional on two columns).
HEAVY = [
    (("University of Texas", "Austin, TX, USA"), "Austin, TX, USA"),
    (("MIT", "Cambridge, MA"), "Cambridge, MA, USA"),
    (("Rice University", "Houston, TX"), "Houston, TX, USA"),
    (("Stanford", "Palo Alto, CA, USA"), "Palo Alto, CA, USA"),
    (("Duke University", "Durham, NC"), "Durham, NC, USA"),
]


def test_running_out_of_work_is_a_clear_error_never_a_wrong_program():
    examples = HEAVY
    with pytest.raises(flashfill.LearnError, match="budget of 200 units of work for 5 examples"):
        flashfill.learn(examples, work=200)
    outcomes = set()
    for work in (10, 100, 1_000, 10_000, 100_000, None):
        try:
            program = flashfill.learn(examples, work=work)
        except flashfill.LearnError as e:
            assert "units of work" in str(e)
            outcomes.add("error")
        else:
            assert all(program(row) == out for row, out in examples)
            outcomes.add("program")
    assert outcomes == {"error", "program"}


def test_the_wall_clock_guard_still_stops_a_runaway():
    examples = HEAVY
    with pytest.raises(flashfill.LearnError, match="budget of 0 s"):
        flashfill.learn(examples, timeout=0.0, work=None)


def test_examples_no_condition_tells_apart_are_named():
    with pytest.raises(flashfill.LearnError) as info:
        flashfill.learn([("~", "x"), ("^", "y")])
    assert "no condition tells apart '~' -> 'x'" in str(info.value)
    assert info.value.example_indexes == (0,)
