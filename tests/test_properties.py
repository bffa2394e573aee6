"""Property tests: whatever is learned reproduces its examples, and every fast path agrees with the interpreter."""

import datetime
import string
import unicodedata

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import flashfill
from flashfill.language import (
    FIXED_TOKENS, ColumnPos, CPos, Concatenate, ConstStr, Guard, Loop, Match, Pos, Shift, SubStr, Switch, Token,
    TokenSeq,
)
from flashfill.language.ascii_runs import ascii_run_search
from flashfill.language.expressions import CASES, apply_case
from flashfill.language.program import Program

ALPHABET = string.ascii_letters + string.digits + " -.,@/()_" + "éßÆ東🎉"
text = st.text(alphabet=ALPHABET, min_size=0, max_size=14)


def _learn_or_none(examples, inputs=None):
    try:
        return flashfill.learn(examples, inputs=inputs, timeout=None)
    except flashfill.LearnError:
        return None


def _assert_learned_and_reproduced(examples, inputs):
    """A program is found (always, for one example) and reproduces every example."""
    program = _learn_or_none(examples, inputs)
    if program is None:
        assert len(examples) > 1, "a single example always has a program (at least its constant)"
        return
    for row, out in examples:
        assert program(row) == out


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(text, text), min_size=1, max_size=3, unique_by=lambda p: p[0]), st.lists(text, max_size=5))
def test_learned_program_reproduces_random_examples(examples, inputs):
    _assert_learned_and_reproduced(examples, inputs)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(text, text, text), min_size=1, max_size=3))
def test_substring_tasks_are_learned_and_reproduced(parts):
    """Outputs cut from the inputs (with case changes) are always learnable from one example."""
    row = "".join(a + b + c for a, b, c in parts)
    out = "".join(b.upper() if i % 2 else b for i, (_, b, _) in enumerate(parts))
    program = _learn_or_none([(row, out)])
    assert program is not None
    assert program(row) == out


#: Real calendar dates: "2/30/2021" is no date, and a program that reads dates as values leaves it empty.
dates = st.dates(datetime.date(1900, 1, 1), datetime.date(2099, 12, 31)).map(lambda d: (d.month, d.day, d.year))
one_digit_dates = st.tuples(st.integers(1, 9), st.integers(1, 9), st.integers(1900, 2099)).filter(lambda t: t[0] != t[1])


@settings(max_examples=60, deadline=None)
@given(one_digit_dates, dates)
def test_dates_are_reordered_with_zero_padding_from_one_example(example, other):
    """m/d/yyyy → yyyy-mm-dd from one example whose month and day have one digit each: the
    program pads every month and day to two digits, however many they have."""
    (m, d, y), (m2, d2, y2) = example, other

    def iso(m, d, y):
        return f"{y}-{m:02}-{d:02}"

    program = _learn_or_none([(f"{m}/{d}/{y}", iso(m, d, y))])
    assert program is not None
    assert program(f"{m2}/{d2}/{y2}") == iso(m2, d2, y2)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.tuples(text, text), text), min_size=1, max_size=3, unique_by=lambda p: p[0]), st.lists(st.tuples(text, text), max_size=5))
def test_learned_program_reproduces_random_two_column_examples(examples, inputs):
    """With a second column, positions may be anchored on its text: still every example is reproduced."""
    _assert_learned_and_reproduced(examples, inputs)


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
    seq = TokenSeq((Token("class", name),))
    start, end = Pos(TokenSeq(), seq, count), Pos(seq, TokenSeq(), count)
    a, b = start.eval(text), end.eval(text)
    expected = None if a is None or b is None or a > b else text[a:b]
    assert SubStr(0, start, end).evaluator()((text,), 0) == expected


# ------------------------------------------- compiled programs (Program.map)

ASCII_CELL = st.text(alphabet=st.sampled_from(list("aaabZZ   99-.,_\t\x1c\x1f")), max_size=16)
CELL = st.one_of(ASCII_CELL, st.text(alphabet=st.sampled_from(list("aaabZZ   99-.,_\t\x1c\x1fÉéß東\u0301🎉")), max_size=16))
CLASS_TOKENS = [t for t in FIXED_TOKENS if t.kind == "class"]
tokens = st.one_of(st.sampled_from(FIXED_TOKENS), st.builds(Token, st.just("literal"), st.text("a-9é", min_size=1, max_size=2)))
seqs = st.lists(tokens, max_size=2).map(lambda ts: TokenSeq(tuple(ts)))
counts = st.sampled_from([1, -1, 2, -2, 3])


@st.composite
def positions(draw):
    if draw(st.booleans()):
        return CPos(draw(st.integers(-5, 5)))
    left, right = draw(seqs), draw(seqs)
    assume(left.tokens or right.tokens)
    return Pos(left, right, draw(counts))


@st.composite
def substrs(draw):
    column, case = draw(st.integers(0, 1)), draw(st.sampled_from(CASES))
    pad = draw(st.sampled_from([0, 0, 2, 5]))
    if draw(st.booleans()):
        run = TokenSeq((draw(st.one_of(st.sampled_from(CLASS_TOKENS), tokens)),))
        count = draw(st.one_of(st.sampled_from([1, -1]), counts))
        return SubStr(column, Pos(TokenSeq(), run, count), Pos(run, TokenSeq(), count), case, pad)
    start = draw(positions())
    if draw(st.booleans()):
        return SubStr(column, start, Shift(start, draw(st.integers(1, 3))), case, pad)
    end = draw(positions())
    if draw(st.booleans()):
        anchor = ColumnPos(1 - column, draw(st.booleans()), draw(st.sampled_from([1, -1])))
        start, end = (anchor, end) if draw(st.booleans()) else (start, anchor)
    return SubStr(column, start, end, case, pad)


def loops():
    word = TokenSeq((Token("class", "letters"),))
    body = Concatenate((SubStr(0, Pos(TokenSeq(), word, 0, 1), Pos(word, TokenSeq(), 0, 1), "upper"),))
    return st.just(Loop(body))


atoms = st.one_of(st.builds(ConstStr, st.text("a, '\"{}", max_size=3)), substrs(), substrs(), loops())
traces = st.lists(atoms, min_size=1, max_size=3).map(lambda a: Concatenate(tuple(a)))
matches = st.builds(Match, st.integers(0, 1), seqs.filter(lambda s: bool(s.tokens)), st.integers(1, 2), st.booleans())
guards = st.lists(st.lists(matches, min_size=1, max_size=2).map(tuple), max_size=2).map(lambda d: Guard(tuple(d)))
switches = st.lists(st.tuples(guards, traces), min_size=1, max_size=3).map(lambda cases: Switch(tuple(cases)))


@settings(max_examples=400, deadline=None)
@given(switches, st.lists(st.tuples(CELL, CELL), min_size=1, max_size=8))
def test_compiled_program_agrees_with_the_interpreter(switch, rows):
    """``Program.map`` runs generated code; on any program and rows it must give what the closures give."""
    interpreted = switch.evaluator()
    assert Program(switch, 2).map(rows) == [interpreted(row, 0) for row in rows]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="".join(map(chr, range(128))), max_size=16), st.sampled_from(CLASS_TOKENS), st.sampled_from([1, -1]))
def test_ascii_run_search_agrees_with_the_regex_search(text, token, count):
    """On ASCII text the ``re`` search finds the same whole run as the token's ``regex`` search."""
    fast = ascii_run_search(token, count)
    slow = SubStr(0, Pos(TokenSeq(), TokenSeq((token,)), count), Pos(TokenSeq((token,)), TokenSeq(), count)).run_search()
    assume(fast is not None)
    found, expected = fast(text), slow.search(text)
    assert (found and found.group(1)) == (expected and expected.group())


def test_compiled_edge_programs():
    """No atom joins to the empty string, no case is ⊥ everywhere, and a constant is data, never code."""
    nothing = Switch(((Guard(), Concatenate(())),))
    assert Program(nothing, 1).map([("x",), ("",)]) == ["", ""]
    assert Program(Switch(()), 1).map([("x",)]) == [None]
    sneaky = '{row}"; raise SystemExit; "\\'
    assert Program(Switch(((Guard(), Concatenate((ConstStr(sneaky), ConstStr("!")))),)), 1).map([("x",)]) == [sneaky + "!"]


def _depends_on_context(c: str) -> bool:
    """Whether lowercasing or uppercasing ``c`` gives something else next to other letters
    (title case always depends on the letter before, so every letter tests it)."""
    alone = {case: apply_case(c, case) for case in ("lower", "upper")}
    return any(
        apply_case(before + c + after, case)[len(before):len(before) + len(alone[case])] != alone[case]
        for case in alone for before in ("", "A", "a") for after in ("", "A", "a")
    )


CASED_CATEGORIES = ("Lu", "Ll", "Lt")
#: The cased letters whose lower or upper case depends on their neighbours (the final
#: sigma): rare among all cased letters, so also drawn on their own, with separators.
CONTEXTUAL = [c for i in range(0x110000) if unicodedata.category(c := chr(i)) in CASED_CATEGORIES and _depends_on_context(c)]
cased_text = st.lists(
    st.one_of(st.characters(categories=CASED_CATEGORIES), st.sampled_from(CONTEXTUAL + list(" -'1"))),
    min_size=1, max_size=8,
).map("".join)


def test_final_sigma_is_not_lowercased_in_context():
    program = flashfill.learn([("ΑΣ", "ς")])
    assert program("ΑΣ") == "ς"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cased_text, st.sampled_from(CASES[1:]), st.data())
def test_case_changes_of_any_cased_letters_reproduce_the_example(source, case, data):
    """A piece of the re-cased input (whose case may depend on its neighbours: a final
    sigma, a word start) as output: whatever is learned gives exactly that piece."""
    changed = apply_case(source, case)
    start = data.draw(st.integers(0, len(changed) - 1))
    end = data.draw(st.integers(start + 1, len(changed)))
    _assert_learned_and_reproduced([(source, changed[start:end])], [])


MARKED = ALPHABET + "\u0301ÉÉ  \t'"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=MARKED, max_size=16), st.sampled_from(["ab", "a", "é", "  ", "1"]))
def test_runs_found_in_one_scan_are_the_runs_the_patterns_name(s, word):
    """The learner's masks of run starts and ends are what each token's zero-width patterns
    (the ones programs evaluate with) find, literal words included."""
    import regex

    from flashfill.learning.context import runs_finder

    def bits(pattern):
        return sum(1 << m.start() for m in regex.compile(pattern, regex.V0).finditer(s))

    for token in FIXED_TOKENS + (Token("literal", word),):
        assert runs_finder(token)(s) == (bits(token.starts_here), bits(token.ends_here)), token
