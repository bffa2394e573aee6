"""The interactive session: runners-up, rows to label next, suspicious examples."""

import pytest

import flashfill


def test_learn_top_returns_programs_that_differ_on_the_rows():
    s = flashfill.Session()
    s.add_example("John Smith", "Smith")
    rows = ["Ada Lovelace", "Mary Ann Lee", "Bob de la Cruz"]
    s.add_inputs(rows)
    top = s.learn_top(3)
    assert len(top) >= 2
    behaviours = [tuple(p(r) for r in rows) for p in top]
    assert len(set(behaviours)) == len(behaviours)
    assert all(p("John Smith") == "Smith" for p in top)
    assert top[0] == s.learn()


def test_ambiguous_rows_find_the_row_that_separates_2nd_word_from_last_word():
    s = flashfill.Session()
    s.add_example("John Smith", "Smith")
    s.add_example("Ada Lovelace", "Lovelace")
    s.add_inputs(["Alan Turing", "Grace Hopper", "Mary Ann Lee", "Tim Berners"])
    ambiguous = s.ambiguous_rows()
    assert [a.row for a in ambiguous] == [("Mary Ann Lee",)]
    assert ambiguous[0].index == 2
    assert "Lee" in ambiguous[0].outputs and "Ann" in " ".join(o or "" for o in ambiguous[0].outputs)


def test_labeling_the_ambiguous_row_settles_it():
    s = flashfill.Session()
    s.add_example("John Smith", "Smith")
    s.add_inputs(["Alan Turing", "Mary Ann Lee"])
    s.add_example("Mary Ann Lee", "Ann")
    assert s.learn()("Bob Jim Ray") == "Jim"


def test_no_ambiguity_when_rows_agree():
    s = flashfill.Session()
    s.add_example("2021-03-04", "2021")
    s.add_inputs(["1999-12-31", "2000-01-01"])
    assert s.ambiguous_rows() == []


def test_a_typo_in_one_of_five_examples_is_reported():
    s = flashfill.Session()
    for row, out in [("a1", "1"), ("b22", "22"), ("c333", "333"), ("d4444", "4x44"), ("e55", "55")]:
        s.add_example(row, out)
    suspicious = s.suspicious_examples()
    assert [x.index for x in suspicious] == [3]
    assert suspicious[0].expected == "4444"
    assert "example 4" in str(suspicious[0])


def test_swapped_letters_among_five_names_are_reported():
    s = flashfill.Session()
    for row, out in [("John Smith", "Smith"), ("Jane Doe", "Deo"), ("Ada Lovelace", "Lovelace"),
                     ("Alan Turing", "Turing"), ("Grace Hopper", "Hopper")]:
        s.add_example(row, out)
    assert [(x.index, x.expected) for x in s.suspicious_examples()] == [(1, "Doe")]


def test_a_case_of_its_own_is_not_a_typo():
    """An example alone in its branch whose output is not a slip away from what the
    others suggest is a special case the user meant, not a typo."""
    for examples in ([("Order 123", "123"), ("Ref 45", "45"), ("Invoice 678", "678"), ("cancelled", "none")],
                     [("Ann Lee", "Lee"), ("Bo Chan", "Chan"), ("Cy Diaz", "Diaz"), ("Sun Yat-sen", "Sun")],
                     [("14 kb", "0.014 mb"), ("59 kb", "0.059 mb"), ("3 kb", "0.003 mb"), ("140 kb", "0.14 mb")],
                     [("honest man", "an honest man"), ("orange", "an orange"), ("used car", "a used car"),
                      ("apple", "an apple")]):
        s = flashfill.Session()
        for row, out in examples:
            s.add_example(row, out)
        assert s.suspicious_examples() == []


def test_consistent_examples_are_not_suspicious():
    s = flashfill.Session()
    for row, out in [("a1", "1"), ("b22", "22"), ("c333", "333")]:
        s.add_example(row, out)
    assert s.suspicious_examples() == []


def test_rows_the_program_cannot_fill_are_reported():
    s = flashfill.Session()
    s.add_example("Order 123", "123")
    s.add_example("Ref 45", "45")
    s.add_inputs([f"Order {n}" for n in range(10, 20)] + ["--"])
    assert s.unmatched_rows() == [10]


def test_conflicting_examples_name_both():
    s = flashfill.Session()
    s.add_example("x", "1")
    s.add_example("x", "2")
    with pytest.raises(flashfill.LearnError) as info:
        s.learn()
    assert info.value.example_indexes == (0, 1)


def test_adding_an_example_relearns():
    s = flashfill.Session()
    s.add_example("ab-cd", "ab")
    first = s.learn()
    s.add_example("xyz-w", "w")
    assert s.learn() is not first
    assert s.learn()("xyz-w") == "w"
