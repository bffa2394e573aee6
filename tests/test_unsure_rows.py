"""Session.unsure_rows(): the rows whose filled value may be wrong, with the reasons."""

import flashfill
from flashfill import trust
from flashfill.language import Concatenate, ConstStr, CPos, Guard, SubStr, Switch
from flashfill.language.program import Program


def session(examples, inputs):
    s = flashfill.Session()
    for row, output in examples:
        s.add_example(row, output)
    s.add_inputs(inputs)
    return s


def test_a_title_typed_from_one_example_is_flagged_where_runners_up_agree():
    s = session([("Smith", "Mr. Smith")], ["Jones", "Brown"])
    assert s.learn()("Jones") == "Mr. Jones"
    assert s.ambiguous_rows() == []
    unsure = s.unsure_rows()
    assert [(u.index, u.row, u.output) for u in unsure] == [(0, ("Jones",), "Mr. Jones"), (1, ("Brown",), "Mr. Brown")]
    assert all(trust.ONE_EXAMPLE_WORD in u.reasons for u in unsure)


def test_rows_like_the_examples_are_not_flagged():
    s = session([("John Smith", "Smith"), ("Ada Lovelace", "Lovelace")], ["Alan Turing", "Grace Hopper"])
    assert s.unsure_rows() == []


def test_rows_unlike_the_examples_are_flagged_with_the_other_readings():
    s = session([("Order 123", "123"), ("Ref 45", "45")], ["Order 678", "Ref 9", "Order 12-B"])
    (unsure,) = s.unsure_rows()
    assert unsure.index == 2
    assert trust.UNLIKE_INPUT in unsure.reasons and trust.RUNNER_UP in unsure.reasons
    assert unsure.outputs[0] == s.learn()("Order 12-B") and unsure.alternatives
    assert None not in unsure.outputs and len(set(unsure.outputs)) == len(unsure.outputs)


def test_typed_values_of_cases_resting_on_one_example_are_flagged():
    s = session([("12 apples", "fruit"), ("3 steaks", "meat")], ["7 apples", "2 steaks"])
    unsure = s.unsure_rows()
    assert [u.index for u in unsure] == [0, 1]
    assert all(trust.TYPED in u.reasons and trust.LONE_CASE in u.reasons for u in unsure)


def test_a_row_the_program_cannot_fill_is_flagged():
    examples = [(("Order 123",), "123"), (("Ref 45",), "45")]
    judge = trust.Judge(flashfill.learn(examples), examples, [(0, 1)])
    assert [(u.index, u.output, u.reasons) for u in judge.unsure_rows([("Order 7",), ("--",)])] == [(1, None, (trust.NO_VALUE,))]


def test_every_repeat_of_an_unsure_row_is_flagged():
    s = session([("Order 123", "123"), ("Ref 45", "45")], ["Order 12-B", "Ref 6", "Order 12-B"])
    assert [u.index for u in s.unsure_rows()] == [0, 2]


def test_a_constant_the_examples_had_in_their_input_is_flagged_where_the_row_lacks_it():
    """'(509) 555-1234' from '5095551234' as '(', 3 digits, ') 555-', the last 4 digits."""
    atoms = (ConstStr("("), SubStr(0, CPos(0), CPos(3)), ConstStr(") 555-"), SubStr(0, CPos(-5), CPos(-1)))
    program = Program(Switch(((Guard(), Concatenate(atoms)),)), 1)
    examples = [(("5095551234",), "(509) 555-1234"), (("2125550000",), "(212) 555-0000")]
    judge = trust.Judge(program, examples, [(0, 1)])
    unsure = judge.unsure_rows([("4155551111",), ("5097771234",)])
    assert [(u.index, u.output, u.reasons) for u in unsure] == [(1, "(509) 555-1234", (trust.COPIED_CONSTANT,))]


def test_the_judge_flags_rows_chunk_by_chunk_as_unsure_rows_does():
    rows = ["Jones", "Brown f", "x", "Lee (m)", "Ng"]
    s = session([("Smith", "Mr. Smith"), ("Turing", "Mr. Turing")], rows)
    whole = [(u.index, u.output, u.reasons) for u in s.unsure_rows()]
    judge = s.judge()
    chunks = [(u.index, u.output, u.reasons) for u in judge.unsure_rows([(r,) for r in rows[:2]])]
    chunks += [(u.index + 2, u.output, u.reasons) for u in judge.unsure_rows([(r,) for r in rows[2:]])]
    assert whole == chunks and whole


def test_the_fast_pass_over_calm_rows_agrees_with_the_reasons_row_by_row():
    """``judged`` weighs only the rows a C-level pass finds doubtful; every row's own
    ``reasons`` must say the same, and the values must be the program's."""
    cases = [
        ([("John Smith", "Smith"), ("Ada Lovelace", "Lovelace")], ["Alan Turing", "Mr. Bean", "", "Dr. No Way", "Li"]),
        ([("Order 123", "123"), ("Ref 45", "45")], ["Order 678", "Ref 9", "Order 12-B", "none"]),
        ([("a-1", "1")], ["b-2", "c-33", "d", "e-4-5"]),
    ]
    for examples, inputs in cases:
        s = session(examples, inputs)
        judge, program = s.judge(), s.learn()
        rows = [(r,) for r in inputs] * 2
        values, unsure = judge.judged(rows)
        assert values == [program(r) for r in rows]
        flagged = {u.index: u.reasons for u in unsure}
        for k, row in enumerate(rows):
            disputed = any(p(row) != values[k] for p in judge.runners_up)
            assert flagged.get(k, ()) == judge.reasons(row, values[k], disputed), (examples, row)
