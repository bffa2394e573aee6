"""The fill pipeline with a stand-in learner: what is filled, what is never touched."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.comments import Comment
from openpyxl.styles import Font

from flashfill.table import Columns, Destination, NotLearnedError, TableError, fill
from flashfill.table.columns import ColumnStats, choose
from flashfill.table.learner import Learned

from fake_programs import Lower, Upper


def upper_learner(calls=None):
    def learn(examples, inputs):
        if calls is not None:
            calls.append((examples, inputs))
        return Learned(Upper())
    return learn


def write_csv(path: Path, rows, ending="\r\n", encoding="utf-8") -> Path:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator=ending).writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def read_csv(path: Path, encoding="utf-8"):
    return list(csv.reader(io.StringIO(path.read_bytes().decode(encoding), newline="")))


def test_csv_fill_writes_only_blank_target_cells_and_reports(tmp_path):
    src = write_csv(tmp_path / "t.csv", [["Name", "Out"], ["ann", "ANN"], ["bo", ""], ["c?", ""], ["", ""], ["dee", "typed"]])
    calls = []
    report = fill(src, learner=upper_learner(calls))
    out = tmp_path / "t.filled.csv"
    assert read_csv(out) == [["Name", "Out"], ["ann", "ANN"], ["bo", "BO"], ["c?", ""], ["", ""], ["dee", "typed"]]
    assert report.filled == 1 and report.undefined == 1 and report.undefined_rows == [4]
    assert report.examples == [2, 6]
    examples, inputs = calls[0]
    assert examples == [(("ann",), "ANN"), (("dee",), "typed")]
    assert inputs == [("bo",), ("c?",)]
    assert src.read_bytes().count(b"\r\n") == out.read_bytes().count(b"\r\n")


def test_csv_unchanged_bytes_kept_bom_and_line_endings(tmp_path):
    text = '\ufeffName;Out\n"ann";ANN\n"b;o";\n'
    src = tmp_path / "bom.csv"
    src.write_bytes(text.encode("utf-8"))
    fill(src, learner=upper_learner())
    assert (tmp_path / "bom.filled.csv").read_bytes() == '\ufeffName;Out\n"ann";ANN\n"b;o";"B;O"\n'.encode("utf-8")


@pytest.mark.parametrize("text, filled", [
    ("In,Out\nann,ANN\nbo,\ncy,", "In,Out\nann,ANN\nbo,BO\ncy,CY"),
    ("In,Out\r\nann,ANN\r\nbo,\r\n", "In,Out\r\nann,ANN\r\nbo,BO\r\n"),
    ("In,Out\rann,ANN\rbo,\r", "In,Out\rann,ANN\rbo,BO\r"),
    ("In,Out\r\nann,ANN\nbo,\r\ncy,\n", "In,Out\r\nann,ANN\nbo,BO\r\ncy,CY\n"),
    ("In,Out,X\nann,ANN,1\nb;o\ncy,,\n", "In,Out,X\nann,ANN,1\nb;o,B;O\ncy,CY,\n"),
    ("In,Out\nann,ANN\nb,,extra\n", "In,Out\nann,ANN\nb,B,extra\n"),
    ("In,Out\nann,ANN\n\"b,o\",\n\nc y,\n", "In,Out\nann,ANN\n\"b,o\",\"B,O\"\n\nc y,C Y\n"),
    ("In,Out\nann,ANN\nb,o,\nc\n", "In,Out\nann,ANN\nb,o,\nc,C\n"),
])
def test_csv_bytes_kept_in_plain_and_raw_modes(tmp_path, text, filled):
    src = tmp_path / "m.csv"
    src.write_bytes(text.encode("utf-8"))
    fill(src, Columns(target="Out"), learner=upper_learner())
    assert (tmp_path / "m.filled.csv").read_bytes() == filled.encode("utf-8")


def test_cp1252_csv_stays_cp1252(tmp_path):
    src = write_csv(tmp_path / "w.csv", [["Name", "Out"], ["rené", "RENÉ"], ["zoë", ""]], encoding="cp1252")
    fill(src, learner=upper_learner())
    assert read_csv(tmp_path / "w.filled.csv", "cp1252")[2] == ["zoë", "ZOË"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.text("ab ,\"\n", min_size=1, max_size=5), st.text("xy,\"", max_size=4)),
                min_size=1, max_size=15, unique_by=lambda r: r[0]))
def test_typed_cells_never_change(tmp_path, rows):
    rows = [("seed", "SEED"), ("blank", "")] + rows
    src = write_csv(tmp_path / "p.csv", [["In", "Out"], *rows])
    fill(src, learner=upper_learner())
    got = read_csv(tmp_path / "p.filled.csv")[1:]
    for (given_in, given_out), (got_in, got_out) in zip(rows, got):
        assert got_in == given_in
        assert got_out == (given_out if given_out else given_in.upper())


def test_learner_sees_a_bounded_sample_spread_over_the_file(tmp_path):
    rows = [["In", "Out"], ["a", "A"]] + [[f"r{i}", ""] for i in range(10_000)]
    src = write_csv(tmp_path / "big.csv", rows)
    calls = []
    fill(src, learner=upper_learner(calls))
    _, inputs = calls[0]
    assert 1000 <= len(inputs) <= 2000
    assert inputs[0] == ("r0",) and int(inputs[-1][0][1:]) > 9000


def test_xlsx_fill_keeps_everything_else(tmp_path):
    src = tmp_path / "book.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Data"
    sheet.append(["Name", "Amount", "Out"])
    sheet.append(["ann", 3.0, "ANN"])
    sheet.append(["bo", 4.5, None])
    sheet.append(["c?", 5, None])
    sheet["A1"].font = Font(bold=True)
    sheet["A2"].comment = Comment("keep me", "user")
    sheet["D2"] = "=B2*2"
    sheet.column_dimensions["A"].width = 31
    book.create_sheet("Other")["A1"] = "untouched"
    book.save(src)
    report = fill(src, learner=upper_learner())
    out = openpyxl.load_workbook(tmp_path / "book.filled.xlsx")
    data = out["Data"]
    assert [c.value for c in data["C"]] == ["Out", "ANN", "BO", None]
    assert data["A1"].font.bold and data["A2"].comment.text == "keep me"
    assert data["D2"].value == "=B2*2" and data.column_dimensions["A"].width == 31
    assert out["Other"]["A1"].value == "untouched"
    assert report.undefined_rows == [4]


def test_xlsx_unsure_rows_get_colour_and_comment(tmp_path):
    src = tmp_path / "u.xlsx"
    book = openpyxl.Workbook()
    for row in (["Name", "Out"], ["Ann", "ANN"], ["Bo", None], ["CY", None]):
        book.active.append(row)
    book.save(src)
    report = fill(src, learner=lambda examples, inputs: Learned(Upper(), [Lower()]))
    sheet = openpyxl.load_workbook(tmp_path / "u.filled.xlsx").active
    assert sheet["B3"].value == "BO"
    assert sheet["B3"].fill.fill_type == "solid"
    assert "'bo'" in sheet["B3"].comment.text and "'BO'" in sheet["B3"].comment.text
    assert report.unsure == 2 and [r for r, _ in report.unsure_rows] == [3, 4]


def test_xlsx_numbers_and_dates_reach_the_learner_as_shown(tmp_path):
    import datetime as dt
    src = tmp_path / "n.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Zip", "When", "Out"])
    sheet.append([2108, dt.datetime(2024, 3, 7), "x"])
    sheet.append([7.0, dt.datetime(2024, 12, 25), None])
    sheet["A2"].number_format = "00000"
    sheet["B2"].number_format = "yyyy-mm-dd"
    sheet["B3"].number_format = "m/d/yyyy"
    book.save(src)
    calls = []
    fill(src, learner=upper_learner(calls))
    examples, inputs = calls[0]
    assert examples == [(("02108", "2024-03-07"), "x")]
    assert inputs == [("7", "12/25/2024")]


def test_xlsx_formula_that_looks_like_output_is_written_as_text(tmp_path):
    src = tmp_path / "f.xlsx"
    book = openpyxl.Workbook()
    for row in (["In", "Out"], ["a", "b"], ["c", None]):
        book.active.append(row)
    book.save(src)

    class Echo(Upper):
        def __call__(self, row):
            return "=1+1"
    fill(src, learner=lambda e, i: Learned(Echo()))
    cell = openpyxl.load_workbook(tmp_path / "f.filled.xlsx").active["B3"]
    assert cell.value == "=1+1" and cell.data_type == "s"


def test_in_place_keeps_a_backup(tmp_path):
    src = write_csv(tmp_path / "i.csv", [["In", "Out"], ["a", "A"], ["b", ""]])
    original = src.read_bytes()
    fill(src, destination=Destination(in_place=True), learner=upper_learner())
    assert read_csv(src)[2] == ["b", "B"]
    assert (tmp_path / "i.csv.bak").read_bytes() == original


def test_in_place_without_backup(tmp_path):
    src = write_csv(tmp_path / "i.csv", [["In", "Out"], ["a", "A"], ["b", ""]])
    fill(src, destination=Destination(in_place=True, backup=False), learner=upper_learner())
    assert not (tmp_path / "i.csv.bak").exists()


def test_failure_while_writing_leaves_no_file(tmp_path):
    src = write_csv(tmp_path / "x.csv", [["In", "Out"], ["a", "A"]] + [["b", ""]] * 10_000 + [["boom", ""]])

    class Boom(Upper):
        def __call__(self, row):
            if row[0] == "boom":
                raise RuntimeError("engine failure")
            return super().__call__(row)
    with pytest.raises(RuntimeError):
        fill(src, learner=lambda e, i: Learned(Boom()))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.csv"]


def test_output_under_a_file_is_refused_before_any_work(tmp_path):
    src = write_csv(tmp_path / "x.csv", [["In", "Out"], ["a", "A"], ["b", ""]])
    with pytest.raises(TableError, match="not a folder"):
        fill(src, destination=Destination(output=src / "out.csv"), learner=upper_learner())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.csv"]


def test_replace_failure_leaves_no_temporary(tmp_path):
    src = write_csv(tmp_path / "x.csv", [["In", "Out"], ["a", "A"], ["b", ""]])
    (tmp_path / "out.csv").mkdir()
    with pytest.raises(TableError, match="out.csv"):
        fill(src, destination=Destination(output=tmp_path / "out.csv"), learner=upper_learner())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv", "x.csv"]
    assert list((tmp_path / "out.csv").iterdir()) == []


def test_contradicting_examples_name_both_rows(tmp_path):
    src = write_csv(tmp_path / "c.csv", [["In", "Out"], ["a", "A"], ["b", ""], ["a", "Z"]])
    with pytest.raises(NotLearnedError, match="rows 2 and 4"):
        fill(src, learner=upper_learner())
    assert not (tmp_path / "c.filled.csv").exists()


def test_learn_error_indexes_become_row_numbers(tmp_path):
    import flashfill
    src = write_csv(tmp_path / "e.csv", [["In", "Out"], ["a", "A"], ["b", ""], ["c", "C"], ["d", "Q"]])

    def refuse(examples, inputs):
        raise flashfill.LearnError("no program fits", (1, 2))
    with pytest.raises(NotLearnedError, match=r"rows 4 and 5\): no program fits"):
        fill(src, learner=refuse)


def stats(*columns):
    return [ColumnStats(header=h, typed=t, blank=b, filled_anything=bool(t)) for h, t, b in columns]


def test_rule_partly_typed_column_with_inputs_on_its_left():
    choice = choose(stats(("A", 5, 0), ("B", 5, 0), ("C", 2, 3), ("D", 5, 0)), "f")
    assert choice.target == 2 and choice.inputs == (0, 1) and not choice.notes


def test_rule_never_guesses_between_several_partly_typed_columns():
    columns = stats(("A", 5, 0), ("B", 3, 2), ("C", 2, 3), ("D", 5, 0))
    with pytest.raises(TableError, match=r'f.csv: more than one column could be the one to fill: '
                                         r'column B \("B", 3 typed, 2 blank\), column C \("C", 2 typed, 3 blank\); '
                                         r'pass --target .*--target C'):
        choose(columns, "f.csv")
    assert choose(columns, "f.csv", target="B").target == 1
    assert choose(columns, "f.csv", inputs=["A", "B"]).target == 2


def test_a_ragged_row_makes_no_phantom_target(tmp_path):
    src = tmp_path / "r.csv"
    src.write_bytes(b"Name,Out\nann,ANN\nbo,\ncy,,call back\ndee,\n")
    report = fill(src, learner=upper_learner())
    assert (tmp_path / "r.filled.csv").read_bytes() == b"Name,Out\nann,ANN\nbo,BO\ncy,CY,call back\ndee,DEE\n"
    assert report.target == 'column B ("Out")' and report.inputs == 'column A ("Name")'
    assert "more fields than the header row (up to column C)" in report.notes[0]
    calls = []
    report = fill(src, Columns(inputs=["A", "C"]), learner=upper_learner(calls))
    assert calls[0][1] == [("bo", ""), ("cy", "call back"), ("dee", "")] and not report.notes


def test_rule_first_column_target_takes_inputs_from_the_right():
    choice = choose(stats(("Out", 1, 4), ("In", 5, 0)), "f")
    assert (choice.target, choice.inputs) == (0, (1,))


def test_rule_overrides_by_header_and_letter():
    s = stats(("Name", 5, 0), ("Mail", 5, 0), ("Out", 1, 4))
    choice = choose(s, "f", target="out", inputs=["B"])
    assert (choice.target, choice.inputs) == (2, (1,))


def test_rule_errors():
    with pytest.raises(NotLearnedError, match='column B \\("Out"\\) has no typed cell'):
        choose(stats(("In", 5, 0), ("Out", 0, 5)), "f.csv")
    with pytest.raises(TableError, match="no column to fill"):
        choose(stats(("In", 5, 0), ("Out", 5, 0)), "f.csv")
    with pytest.raises(TableError, match="every cell of column B"):
        choose(stats(("In", 5, 0), ("Out", 5, 0)), "f.csv", target="Out")
    with pytest.raises(TableError, match="no column 'Nope'"):
        choose(stats(("In", 5, 0), ("Out", 1, 4)), "f.csv", target="Nope")


class FirstColumnOnly(Upper):
    """Reads only input column 0, and says so."""

    def columns_used(self):
        return {0}


def test_cache_is_keyed_on_the_columns_the_program_reads():
    from flashfill.table.filler import Filler
    from flashfill.table.report import Report
    program = FirstColumnOnly()
    filler = Filler(Learned(program), Report("x"), width=2)
    for i in range(1000):
        assert filler.lookup(("same", str(i))) == ("SAME", ())
    assert program.calls == 1
    assert filler.lookup(("", "")) == (None, ())
    assert filler.lookup(("", "x")) == ("", ())


def test_cache_is_dropped_when_values_never_repeat():
    from flashfill.table.filler import TRIAL, Filler
    from flashfill.table.report import Report
    filler = Filler(Learned(Upper()), Report("x"), width=1)
    for i in range(TRIAL + 10):
        filler.lookup((f"v{i}",))
    assert filler.lookup == filler._direct and not filler.cache


def test_formula_in_the_target_column_is_never_overwritten(tmp_path):
    src = tmp_path / "f.xlsx"
    book = openpyxl.Workbook()
    for row in (["In", "Out"], ["a", "A"], ["b", "=UPPER(A3)"], ["c", None]):
        book.active.append(row)
    book.save(src)
    report = fill(src, learner=upper_learner())
    sheet = openpyxl.load_workbook(tmp_path / "f.filled.xlsx").active
    assert sheet["B3"].value == "=UPPER(A3)" and sheet["B4"].value == "C"
    assert report.notes == ["cell B3 of the target holds a formula with no saved value: it is kept as it is but "
                            "is not an example (open and save the workbook in Excel first to use it)"]


def test_every_row_number_is_the_spreadsheet_row_even_with_multiline_cells(tmp_path):
    src = tmp_path / "m.csv"
    src.write_text('In,Out\r\n"two\nlines",TWO\r\na?,\r\n', encoding="utf-8", newline="")
    report = fill(src, learner=upper_learner())
    assert report.undefined_rows == [3] and report.examples == [2]


class Never(Upper):
    def __call__(self, row):
        return None


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(st.text(alphabet=st.sampled_from(list('ab ,;"\t1é')), max_size=5), min_size=2, max_size=3),
                min_size=1, max_size=30),
       st.lists(st.sampled_from(["\r\n", "\n", "\r"]), min_size=1, max_size=3), st.booleans(),
       st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]))
def test_rows_left_unfilled_are_written_back_byte_for_byte(tmp_path, rows, endings, final_newline, quoting):
    rows = [["In", "Out"], ["seed", "SEED"], ["blank", ""]] + [[r[0] or "x", ""] + r[2:] for r in rows]
    lines = []
    for i, row in enumerate(rows):
        buffer = io.StringIO(newline="")
        csv.writer(buffer, lineterminator=endings[i % len(endings)], quoting=quoting).writerow(row)
        lines.append(buffer.getvalue())
    text = "".join(lines)
    if not final_newline:
        text = text.rstrip("\r\n")
    src = tmp_path / "same.csv"
    src.write_bytes(text.encode("utf-8"))
    fill(src, Columns(target="B", inputs=["A"]), learner=lambda e, i: Learned(Never()))
    assert (tmp_path / "same.filled.csv").read_bytes() == src.read_bytes()


def test_paths_may_be_given_as_str(tmp_path):
    src = write_csv(tmp_path / "s.csv", [["In", "Out"], ["a", "A"], ["b", ""]])
    report = fill(str(src), destination=Destination(output=str(tmp_path / "o.csv")), learner=upper_learner())
    assert read_csv(tmp_path / "o.csv")[2] == ["b", "B"] and report.output == tmp_path / "o.csv"


def test_a_program_answering_most_examples_with_fixed_text_is_not_trusted():
    from flashfill.language.conditionals import Guard, Match, Switch
    from flashfill.language.expressions import Concatenate, ConstStr, SubStr
    from flashfill.language.positions import CPos, TokenSeq
    from flashfill.language.program import Program
    from flashfill.language.tokens import Token
    from flashfill.table.constant import always_fixed, constancy

    digits = Match(0, TokenSeq((Token("class", "digits"),)))
    copy = Concatenate((SubStr(0, CPos(0), CPos(-1)),))
    note = Concatenate((ConstStr("call back"),))
    program = Program(Switch(((Guard(((digits,),)), note), (Guard(), copy))), columns=1)
    examples = [(("room 12",), "call back"), (("ann",), "ann"), (("7",), "call back")]
    found = constancy(program, examples)
    assert (found.fixed, found.examples, found.texts) == (2, 3, ("call back",)) and found.unexplained
    assert not constancy(program, examples[:2]).unexplained and not always_fixed(program)
    assert constancy(Upper(), examples) is None


def test_formula_cells_without_a_saved_value_are_reported_not_read_as_blank(tmp_path):
    src = tmp_path / "f.xlsx"
    book = openpyxl.Workbook()
    for row in (["In", "Code", "Out", "Other"], ["a", "=A2&1", "A", "=1"], ["b", "=A3&1", None, "=2"]):
        book.active.append(row)
    book.save(src)
    with pytest.raises(TableError, match=r'f.xlsx \(sheet "Sheet"\): cell B2 holds a formula with no saved value '
                                         r'\(and 1 more formula cells like it\).*open and save it in Excel'):
        fill(src, Columns(target="Out"), learner=upper_learner())
    assert fill(src, Columns(target="Out", inputs=["In"]), learner=upper_learner()).filled == 1
