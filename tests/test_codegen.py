"""The code generators without a spreadsheet: Python exports run against the program,
refusals name their step, formula texts are spelled safely."""

from __future__ import annotations

import functools
import random
import re
import sys
import unicodedata

import pytest
import regex
from codegen_cases import (
    DATE_EDGE_TEXTS,
    RICH_TEXTS,
    position_programs,
    random_programs,
    random_rows,
    random_value_programs,
    random_date_text,
    random_value_rows,
    run_exported,
)

import flashfill
from flashfill import ExportError
from flashfill.codegen import to_formula, to_python
from flashfill.codegen.patterns import TOKEN_CLASSES, python_class_source
from flashfill.codegen.python import _HELPERS
from flashfill.language import (
    ColumnPos, Concatenate, ConstStr, CPos, Guard, Loop, Pos, Program, SubStr, Switch, Token, TokenSeq,
)
from flashfill.language.tokens import _CLASSES

DIGITS = Token("class", "digits")


def single(*atoms, columns: int = 1) -> Program:
    return Program(Switch(((Guard(), Concatenate(atoms)),)), columns)


def test_python_exports_of_random_programs_give_the_programs_outputs():
    rng, modules, wrong = random.Random(5), {}, []
    cases = [(p, random_rows(rng, p.columns, 20)) for p in random_programs(5, 300)]
    cases += [(p, [(t,) for t in RICH_TEXTS]) for p in position_programs()]
    for program, rows in cases:
        function = run_exported(to_python(program), modules)
        wrong += [(program.explain(), row) for row in rows if function(*row) != program(row)]
    assert wrong == []


def test_python_exports_of_random_value_programs_give_the_programs_outputs():
    """Dates and numbers read, shifted, rounded and written, and value-kind guards: the
    exported helpers read and write exactly as the language does."""
    rng, modules, wrong, defined = random.Random(7), {}, [], 0
    for program in random_value_programs(7, 400):
        rows = random_value_rows(rng, 60)
        function = run_exported(to_python(program), modules)
        for row in rows:
            want = program(row)
            defined += want is not None
            if function(*row) != want:
                wrong.append((program.explain(), row, want, function(*row)))
    assert wrong == []
    assert defined > 2500


def test_the_python_date_writers_are_the_languages_fields():
    from flashfill.codegen.python_values import HELPERS
    from flashfill.language.values.date_patterns import FIELD_CODES

    namespace: dict = {"calendar": None, "_MONTHS": (), "_WEEKDAYS": ()}
    exec(HELPERS["_FIELD_WRITERS"], namespace)
    writers = set(namespace["_FIELD_WRITERS"])
    assert writers <= set(FIELD_CODES)
    assert {c for c in FIELD_CODES if c not in writers and c[:-1] in writers and c[-1] in "^_"} == set(FIELD_CODES) - writers


def test_loops_are_python_only_and_the_formula_error_names_the_step():
    each_number = Loop(Concatenate((SubStr(0, Pos(TokenSeq(), TokenSeq((DIGITS,)), 0, 1),
                                           Pos(TokenSeq((DIGITS,)), TokenSeq(), 0, 1)),)))
    program = single(ConstStr("#"), each_number)
    assert program("a1b22c333") == "#122333"
    with pytest.raises(ExportError, match=r"step 2 \(for each match in turn: each number of column 1\).*cannot loop"):
        program.to_formula(["A2"], "libreoffice")
    function = run_exported(program.to_python(), {})
    assert [function(s) for s in ("a1b22c333", "none", "")] == ["#122333", "#", "#"]


def test_the_last_copy_of_another_column_is_refused_in_formulas_and_exported_to_python():
    program = single(SubStr(0, CPos(0), ColumnPos(1, False, -1)), columns=2)
    with pytest.raises(ExportError, match="step 1 .*last copy"):
        program.to_formula(["A2", "B2"], "excel")
    function = run_exported(program.to_python(["Text", "Cut"]), {})
    assert function("abcabc", "bc") == program(("abcabc", "bc")) == "abca"


def test_undefined_rows_become_blank_and_constants_are_spelled_safely():
    program = single(ConstStr('say "hi"\n'), SubStr(0, CPos(2), CPos(-1)), ConstStr("x" * 300))
    formula = program.to_formula(["A2"], "excel")
    assert formula.startswith("=IFERROR(") and formula.endswith(',"")')
    assert '"say ""hi"""&CHAR(10)&' in formula
    assert max(len(s) for s in re.findall(r'"((?:[^"]|"")*)"', formula)) <= 255
    assert to_formula(single(SubStr(0, CPos(0), CPos(-1))), ["B7"], "libreoffice") == '=B7&""'


def test_cells_and_dialects_are_checked():
    program = single(SubStr(1, CPos(0), CPos(-1)), columns=2)
    with pytest.raises(ValueError, match="2 columns, but 1 cells"):
        program.to_formula(["A2"], "excel")
    with pytest.raises(ValueError, match="unknown formula dialect 'sheets'"):
        program.to_formula(["A2", "B2"], "sheets")


@pytest.mark.parametrize("name", sorted(TOKEN_CLASSES))
def test_python_character_classes_match_the_language_on_every_assigned_character(name):
    namespace = {"functools": functools, "re": re, "sys": sys, "unicodedata": unicodedata}
    exec(_HELPERS["_characters"], namespace)
    ours = re.compile(eval(python_class_source(TOKEN_CLASSES[name]), namespace))
    theirs = regex.compile(_CLASSES[name][0])
    differ = [hex(i) for i in range(0x110000) if bool(ours.fullmatch(chr(i))) != bool(theirs.fullmatch(chr(i)))]
    # Python's and the regex module's Unicode tables may be of different versions: a
    # difference counts where both give the character the same category.
    same_category = [c for c in differ if regex.fullmatch(r"\p{%s}" % unicodedata.category(chr(int(c, 16))), chr(int(c, 16)))]
    assert same_category == []


def test_python_export_reads_like_the_program():
    program = flashfill.learn([("425-555-1234", "(425) 555-1234")])
    source = program.to_python(["Phone"])
    assert "def transform(phone):" in source
    assert "the first number of 'Phone'" in source
    assert "regex" not in source.replace("import re\n", "")


def test_the_export_report_counts_programs_per_dialect(tmp_path, capsys):
    import json

    from flashfill.codegen import report

    suite = tmp_path / "mini"
    suite.mkdir()
    tasks = {"domain": [("john@example.com", "example.com"), ("ann@mail.org", "mail.org"), ("x@y.z", "y.z")],
             "digits": [("a1b22c333", "122333"), ("x4y5", "45"), ("7 8 9 10", "78910"), ("q1", "1")]}
    for name, rows in tasks.items():
        data = {"name": name, "rows": [{"inputs": [i], "output": o} for i, o in rows]}
        (suite / f"{name}.json").write_text(json.dumps(data), encoding="utf-8")
    assert report.main([str(suite)]) == 0
    out = capsys.readouterr().out
    assert "mini             libreoffice         2        1       0         1    100.0 %       0" in out
    assert "1 × libreoffice: it repeats for each match, and a formula cannot loop" in out
    assert "1 × excel: it repeats for each match, and a formula cannot loop" in out


def test_a_number_step_has_a_formula_storing_its_365_functions_with_their_prefix():
    from flashfill.codegen.excel import stored
    from flashfill.language.values import FormatNumber, NumberFormat

    program = single(FormatNumber(SubStr(0, CPos(0), CPos(-1)), NumberFormat(2, ","), step="0.5"))
    excel = program.to_formula(["A2"], "excel")
    assert "REGEXREPLACE(" in excel and "_xlfn.REGEXREPLACE(" in stored(excel)
    assert "TEXT(" not in excel  # writing depends on no locale's format codes
    assert program.to_formula(["A2"], "libreoffice").startswith("=IFERROR(IF(NOT(ISNA(REGEX(A2;")


def test_a_formula_longer_than_a_cell_takes_is_refused_with_its_length():
    from flashfill.language.values import FormatNumber, NumberFormat

    after_colon = SubStr(0, Pos(TokenSeq((Token("char", ":"),)), TokenSeq(), 1), CPos(-1))
    atoms = tuple(FormatNumber(after_colon, NumberFormat(significant=3), factor=f"1.{k}", step="0.01")
                  for k in range(1, 6))
    with pytest.raises(ExportError, match=r"no excel formula: its formula would be up to \d+ characters long"):
        single(*atoms).to_formula(["A2"], "excel")


def _formula_reading(pattern, text: str, order: str):
    """The moment the date formulas read (`flashfill.codegen.formula_dates`): the first form
    of their grammar that matches the whole text, and where that gives no valid moment and
    the mark F or G is set, the same match without the day, or without the date."""
    from types import SimpleNamespace

    from flashfill.language.values import moments

    m = pattern.fullmatch(text)
    if m is None:
        return None
    found = moments._moment(m, order)
    if found is None and (m.group("F") or m.group("G")):
        dropped = ("D",) if m.group("F") else ("Y", "M", "N", "D", "A", "B", "W")
        groups = {name: None if name in dropped else value for name, value in m.groupdict().items()}
        found = moments._moment(SimpleNamespace(groupdict=lambda: groups), order)
    return found


def test_the_date_formulas_read_the_forms_parse_moment_reads():
    """The formulas' one pattern of every date form, read as the formulas read it, gives what
    parse_moment gives: on dates and times typed every way, mutated by a character, and
    random strings of the characters dates are made of."""
    from flashfill.codegen.formula_dates import forms
    from flashfill.language.values import moments

    pattern = regex.compile(forms(), regex.ASCII)
    rng = random.Random(9)
    alphabet = "0123456789 /-.,:'APMapmTZ+JanMarSepthstndrdofat"
    texts = list(DATE_EDGE_TEXTS)
    for _ in range(20000):
        text, shape = random_date_text(rng), rng.random()
        if shape < 0.3 and text:
            k = rng.randrange(len(text))
            text = text[:k] + rng.choice(alphabet) + text[k + 1:]
        elif shape < 0.45:
            text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 14)))
        texts.append(text)
    wrong = [(t, order) for t in texts for order in moments.ORDERS
             if _formula_reading(pattern, t, order) != moments.parse_moment(t, order)]
    assert wrong == []
    assert sum(moments.parse_moment(t) is not None for t in texts) > 8000


def test_the_weekday_terms_of_the_date_formulas_sum_to_the_weekday():
    import calendar

    from flashfill.codegen.formula_dates import _weekday_terms

    terms = [(regex.compile(condition), days) for condition, days in _weekday_terms()]
    rng = random.Random(3)
    days = [(y, m, d) for y in (0, 1, 4, 100, 1900, 1999, 2000, 2024, 2100, 9999) for m in range(1, 13)
            for d in range(1, calendar.monthrange(y, m)[1] + 1)]
    days += [(y, m, 1 + rng.randrange(calendar.monthrange(y, m)[1])) for y, m in
             ((rng.randrange(10000), rng.randint(1, 12)) for _ in range(3000))]
    wrong = [(y, m, d) for y, m, d in days
             if sum(n for c, n in terms if c.match(f"{y:04d},{m:02d},{d:02d}")) % 7 != (calendar.weekday(y, m, d) + 1) % 7]
    assert wrong == []


def test_shifted_rounded_dates_and_value_kind_tests_are_refused_in_formulas_naming_the_step():
    from flashfill.language.values import FormatDate
    from flashfill.language.values.kinds import HasValue

    whole = SubStr(0, CPos(0), CPos(-1))
    later = single(FormatDate(whole, ("yyyy", "-", "MM", "-", "dd"), shift=1440))
    with pytest.raises(ExportError, match=r"step 1 .*shifting or rounding a date"):
        later.to_formula(["A2"], "excel")
    rounded = single(FormatDate(whole, ("HH", ":", "mm"), unit="hour", step=2))
    with pytest.raises(ExportError, match=r"shifting or rounding a date"):
        rounded.to_formula(["A2"], "libreoffice")
    guarded = Program(Switch(((Guard(((HasValue(0, "date"),),)), Concatenate((ConstStr("d"),))),
                              (Guard(), Concatenate((ConstStr("n"),))))), 1)
    with pytest.raises(ExportError, match=r"whether a cell holds a date"):
        guarded.to_formula(["A2"], "libreoffice")
    assert single(FormatDate(whole, ("dddd",))).to_formula(["A2"], "excel").startswith("=IFERROR(REGEXEXTRACT(")
