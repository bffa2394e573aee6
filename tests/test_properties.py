"""Property tests: whatever is learned reproduces every example it was given."""

import string

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import flashfill
from flashfill.language.program import Program

ALPHABET = string.ascii_letters + string.digits + " -.,@/()_" + "éßÆ東🎉"
text = st.text(alphabet=ALPHABET, min_size=0, max_size=14)


def _learn_or_none(examples, inputs=None):
    try:
        return flashfill.learn(examples, inputs=inputs, timeout=None)
    except flashfill.LearnError:
        return None


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(text, text), min_size=1, max_size=3, unique_by=lambda p: p[0]), st.lists(text, max_size=5))
def test_learned_program_reproduces_random_examples(examples, inputs):
    program = _learn_or_none(examples, inputs)
    if program is None:
        assert len(examples) > 1, "a single example always has a program (at least its constant)"
        return
    for row, out in examples:
        assert program(row) == out


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(text, text, text), min_size=1, max_size=3))
def test_substring_tasks_are_learned_and_reproduced(parts):
    """Outputs cut from the inputs (with case changes) are always learnable from one example."""
    row = "".join(a + b + c for a, b, c in parts)
    out = "".join(b.upper() if i % 2 else b for i, (_, b, _) in enumerate(parts))
    program = _learn_or_none([(row, out)])
    assert program is not None
    assert program(row) == out


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.tuples(text, text), text), min_size=1, max_size=2, unique_by=lambda p: p[0]))
def test_json_round_trip_preserves_behaviour(examples):
    program = _learn_or_none(examples)
    assume(program is not None)
    again = Program.from_json(program.to_json())
    assert again == program
    for row, out in examples:
        assert again(row) == out


WORDISH = st.text(alphabet="ab AB12-.é东", max_size=12)


@settings(max_examples=300, deadline=None)
@given(WORDISH, st.sampled_from(["digits", "letters", "alphanumeric", "upper", "lower", "proper", "whitespace", "non-alphanumeric"]), st.sampled_from([1, -1]))
def test_whole_run_shortcut_agrees_with_the_two_positions(text, name, count):
    """A SubStr over one whole run is evaluated by one search; it must mean the same as
    evaluating its start and end positions separately."""
    from flashfill.language import Pos, SubStr, Token, TokenSeq

    seq = TokenSeq((Token("class", name),))
    start, end = Pos(TokenSeq(), seq, count), Pos(seq, TokenSeq(), count)
    a, b = start.eval(text), end.eval(text)
    expected = None if a is None or b is None or a > b else text[a:b]
    assert SubStr(0, start, end).evaluator()((text,), 0) == expected
