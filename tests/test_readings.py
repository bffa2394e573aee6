"""Readings of one example that the data settles: a word of the data ("Inc", in every
example and most rows) beyond a separator anchors a position as well as the ends of
the text do."""

from __future__ import annotations

import flashfill


def test_a_company_name_is_read_up_to_the_common_suffix():
    examples = [("Acme Widgets Inc.", "Acme Widgets")]
    rows = ["Acme Widgets Inc.", "Big Blue Boats Inc", "Cog Inc, LLC", "Dyno Works Inc", "Eel Farm Inc."]
    program = flashfill.learn(examples, inputs=rows)
    assert [program(r) for r in rows[1:]] == ["Big Blue Boats", "Cog", "Dyno Works", "Eel Farm"]


def test_the_text_after_a_common_word_is_read_after_it():
    examples = [("Dr Jo Lee aka JJ Lee", "JJ Lee")]
    rows = ["Dr Jo Lee aka JJ Lee", "Ann Wu aka Annie", "Prof Al B Cole aka Big Al", "Mo aka Mo Mo"]
    program = flashfill.learn(examples, inputs=rows)
    assert [program(r) for r in rows[1:]] == ["Annie", "Big Al", "Mo Mo"]


def test_a_name_with_an_apostrophe_keeps_it_where_the_copy_reaches_the_end():
    # "Smith" and "Khan" are the rest of the text after the space as much as the last run
    # of letters; "Rosa O'Brien" tells them apart, and the start after an apostrophe is
    # not where the examples' copies start (after a space).
    examples = [("Ana Smith", "Smith, A."), ("Bob Khan", "Khan, B.")]
    rows = ["Ana Smith", "Bob Khan", "Rosa O'Brien"]
    program = flashfill.learn(examples, inputs=rows)
    assert program("Rosa O'Brien") == "O'Brien, R."


def test_the_rest_of_the_text_starts_after_the_separators_the_example_shows():
    examples = [("Name= ABC Retailers", "ABC Retailers")]
    rows = ["Name= ABC Retailers", " ame= XYZ Suppliers"]
    program = flashfill.learn(examples, inputs=rows)
    assert program(" ame= XYZ Suppliers") == "XYZ Suppliers"


def test_runs_of_spaces_of_other_lengths_are_the_same_separator():
    examples = [("1 2 3 4   5", "1 2 3 4 5")]
    rows = ["1 2 3 4   5", "How are    you", "How   fun"]
    program = flashfill.learn(examples, inputs=rows)
    assert [program(r) for r in rows[1:]] == ["How are you", "How fun"]


def test_a_copy_that_stops_short_of_the_end_keeps_its_run_reading():
    # Only copies reaching the end of the input are read by what precedes them: "the first
    # word" stays the first run of letters even where a row starts otherwise.
    examples = [("Ana Smith", "Ana")]
    rows = ["Ana Smith", "Bob Khan", "-Rosa O'Brien"]
    program = flashfill.learn(examples, inputs=rows)
    assert program("-Rosa O'Brien") == "Rosa"


def test_a_one_word_name_is_its_own_last_word():
    # The start of the text bounds a word as a space does: "Cher" is copied whole, as
    # "Smith" is after the space of "Ana Smith", while "Rosa O'Brien" still keeps "O'Brien".
    examples = [("Ana Smith", "Smith, A."), ("Bob Khan", "Khan, B.")]
    rows = ["Ana Smith", "Bob Khan", "Rosa O'Brien", "Li Wei", "Cher", "Jean-Luc Picard"]
    program = flashfill.learn(examples, inputs=rows)
    assert [program(r) for r in rows[2:]] == ["O'Brien, R.", "Wei, L.", "Cher, C.", "Picard, J."]


def test_a_copy_from_the_start_of_the_text_follows_no_other_separator():
    # "Cher" has no space before her name: nothing precedes it, which is not another
    # separator, so the examples' reading (the last word) still gives it.
    examples = [("Ava Johnson", "JOHNSON"), ("Liam Smith", "SMITH")]
    rows = ["Ava Johnson", "Liam Smith", "Cher", "Mary Ann Lee", "Rosa O'Brien"]
    program = flashfill.learn(examples, inputs=rows)
    assert [program(r) for r in rows[2:]] == ["CHER", "LEE", "O'BRIEN"]
