"""Conditionals (Switch with Match guards) and loops (Loop with step·w + offset positions)."""

import flashfill
from flashfill.language import Loop, Program

#: Phone numbers, one without its area code: a conditional adds the default one.
PHONES = [
    ("425-555-1234", "425-555-1234"),
    ("555-9876", "425-555-9876"),
    ("206-555-0000", "206-555-0000"),
]


def test_phone_numbers_without_area_code_get_a_default():
    examples = PHONES
    rows = ["360-555-1111", "555-2222", "509-555-3333", "555-4444"]
    program = flashfill.learn(examples, inputs=rows)
    assert len(program.switch.cases) == 2
    assert [program(r) for r in rows] == ["360-555-1111", "425-555-2222", "509-555-3333", "425-555-4444"]
    for row, out in examples:
        assert program(row) == out


def test_guard_that_depends_on_a_second_column():
    examples = [
        (("Smith", "US"), "Mr. Smith"),
        (("Dubois", "FR"), "M. Dubois"),
        (("Jones", "US"), "Mr. Jones"),
        (("Martin", "FR"), "M. Martin"),
    ]
    program = flashfill.learn(examples, inputs=[("Brown", "US"), ("Petit", "FR")])
    assert program(("Brown", "US")) == "Mr. Brown"
    assert program(("Petit", "FR")) == "M. Petit"
    assert any(m.column == 1 for guard, _ in program.switch.cases for conj in guard.disjuncts for m in conj)


def _has_loop(program: Program) -> bool:
    return any(isinstance(a, Loop) for _, trace in program.switch.cases for a in trace.atoms)


def test_initials_of_names_with_two_to_four_words():
    program = flashfill.learn([("Nancy Freehafer", "NF"), ("John Fitzgerald Kennedy", "JFK")])
    assert _has_loop(program)
    assert program("Ada Lovelace") == "AL"
    assert program("George Herbert Walker Bush") == "GHWB"


def test_every_number_joined_by_commas():
    program = flashfill.learn([("a 1 b 22 c 333", "1,22,333")], inputs=["x 5 y 66", "q 7 r 8 s 9 t 10"])
    assert _has_loop(program)
    assert program("x 5 y 66") == "5,66"
    assert program("q 7 r 8 s 9 t 10") == "7,8,9,10"


def test_a_loop_can_come_from_a_later_example():
    # The first example has one '_' (one iteration): only the second shows the repetition.
    program = flashfill.learn([("active_record", "activeRecord"), ("a_string_var", "aStringVar")])
    assert _has_loop(program) and len(program.switch.cases) == 1
    assert program("num_hit_count_curr") == "numHitCountCurr"
    assert program("a_bc_de_fg_hi_jk") == "aBcDeFgHiJk"


def test_loop_pieces_cut_inside_a_run_of_digits():
    program = flashfill.learn([("519-781-8816", "5197818816")], inputs=["12-3-45-6", "7"])
    assert _has_loop(program)
    assert program("12-3-45-6") == "123456"


def test_one_loop_body_fits_every_example():
    # Alone, each example suggests another body (each number, each word); together,
    # "each run of letters or digits, then one space".
    examples = [
        ("1 2 3 4   5", "1 2 3 4 5"),
        ("What   is the   matter", "What is the matter"),
        ("1   2  4  4", "1 2 4 4"),
    ]
    program = flashfill.learn(examples)
    assert _has_loop(program) and len(program.switch.cases) == 1
    assert program("a  b   c d") == "a b c d"


def test_a_loop_body_prefers_both_ends_of_one_run():
    # "From each word to each run of capitals" and "the first character of each word"
    # also give "ACM", but drift on lowercase words: "each run of capitals" does not.
    rows = ["Principle Of Programming Languages", "Table Extraction by Global Record Alignment",
            "Special Interest Group on Management Of Data"]
    program = flashfill.learn([("Association Computing Machinery", "ACM")], inputs=rows)
    assert [program(r) for r in rows] == ["POPL", "TEGRA", "SIGMOD"]


def test_loops_and_guards_survive_json():
    program = flashfill.learn([("Nancy Freehafer", "NF"), ("John Fitzgerald Kennedy", "JFK")])
    again = Program.from_json(program.to_json())
    assert again == program and again("Ada Byron King") == "ABK"
    examples = PHONES
    conditional = flashfill.learn(examples)
    assert Program.from_json(conditional.to_json())("555-1212") == conditional("555-1212")


def test_explain_reads_as_steps():
    program = flashfill.learn([("Nancy Freehafer", "NF"), ("John Fitzgerald Kennedy", "JFK")])
    assert "each" in program.explain()
    examples = PHONES
    text = flashfill.learn(examples).explain()
    assert text.startswith("If ") and "Otherwise" in text


def test_the_last_branch_is_the_default_so_every_row_gets_a_branch():
    examples = PHONES
    rows = ["360-555-1111", "555-2222", "1-800-555-0199", "ext. 12"]
    program = flashfill.learn(examples, inputs=rows)
    guards = [guard for guard, _ in program.switch.cases]
    assert not guards[-1].disjuncts and all(g.disjuncts for g in guards[:-1])
    route = program.switch.router()
    assert all(route((r,)) is not None for r in rows)
    assert [program(r) for r in rows[:3]] == ["360-555-1111", "425-555-2222", "1-800-555-0199"]
    lines = program.explain().splitlines()
    default = lines.index("Otherwise:")
    assert all(line.startswith("  ") for line in lines[default + 1:])

