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
