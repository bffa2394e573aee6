"""Non-ASCII text behaves like ASCII: accents, CJK, emoji, combining marks."""

import unicodedata

import flashfill


def test_accented_names():
    program = flashfill.learn([("Zoë Šimůnek", "Šimůnek, Z.")], inputs=["Łukasz Żółć"])
    assert program("Łukasz Żółć") == "Żółć, Ł."


def test_combining_marks_stay_inside_words():
    decomposed = unicodedata.normalize("NFD", "José Álvarez")
    program = flashfill.learn([("Maria Lopez", "Lopez")])
    assert program(decomposed) == unicodedata.normalize("NFD", "Álvarez")


def test_cjk_words():
    program = flashfill.learn([("東京 123", "123")])
    assert program("大阪 4567") == "4567"


def test_emoji_are_kept_as_text():
    program = flashfill.learn([("party 🎉 2024", "2024 🎉")], inputs=["launch 🚀 2025"])
    assert program("launch 🚀 2025") == "2025 🚀"


def test_case_change_on_accented_letters():
    program = flashfill.learn([("élodie", "Élodie")])
    assert program("øystein") == "Øystein"
