"""Filling a chunk of rows at once (``Filler.outputs``, plain CSV batches) gives what row-by-row filling gives."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

import flashfill
from flashfill.table import Columns, fill
from flashfill.table.csvfile import CsvFormat, FieldWriter
from flashfill.table.csvtable import BATCH
from flashfill.table.filler import TRIAL, Filler
from flashfill.table.learner import Learned
from flashfill.table.plain import field_texts
from flashfill.table.report import Report

from fake_programs import Lower, Upper


class Display(Upper):
    """'Last, First' from a name, with the first name in quotes: every value needs quoting."""

    def __call__(self, row):
        first, _, last = row[0].partition(" ")
        return None if not last else f'{last}, "{first}"'


def learned_programs():
    real = flashfill.learn([(("ann lee", "x"), "ANN"), (("bo ray", "y"), "BO")])
    return [Learned(Upper()), Learned(Upper(), [Lower()]), Learned(real), Learned(real, [real])]


cells = st.text(alphabet=st.sampled_from(list("aB ?é")), max_size=4)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(range(4)), st.lists(st.tuples(cells, cells), max_size=20), st.booleans())
def test_outputs_of_a_chunk_are_the_lookups_of_its_rows(which, rows, direct):
    """Values, unsure outputs and empty rows agree with ``lookup``, cached or not."""
    one_by_one, chunk = (Filler(learned_programs()[which], Report("x"), width=2) for _ in range(2))
    if direct:
        chunk.lookup = chunk._direct
    expected = [one_by_one.lookup(row) for row in rows]
    values, unsure = chunk.outputs(rows)
    assert values == [value for value, _ in expected]
    assert unsure == {k: outputs for k, (_, outputs) in enumerate(expected) if outputs}


def test_chunks_go_through_the_cache_until_it_stops_paying():
    program = Upper()
    filler = Filler(Learned(program), Report("x"), width=1)
    for _ in range(3):
        assert filler.outputs([("a",), ("b",), ("a",)]) == (["A", "B", "A"], {})
    assert program.calls <= 3
    for start in range(0, TRIAL + BATCH, BATCH):
        filler.outputs([(f"v{i}",) for i in range(start, start + BATCH)])
    assert filler.lookup == filler._direct and not filler.cache


def write(path: Path, text: str) -> Path:
    path.write_bytes(text.encode("utf-8"))
    return path


def test_plain_batches_report_undefined_and_empty_rows_by_row_number(tmp_path):
    lines = ["In,Out,Note", "ann,ANN,x"]
    expected = list(lines)
    for i in range(3 * BATCH):
        if i % 1000 == 7:
            lines.append(f"q{i}?,,n")
            expected.append(lines[-1])
        elif i % 1000 == 8:
            lines.append(",,n")
            expected.append(lines[-1])
        elif i % 1000 == 9:
            lines.append("")
            expected.append("")
        else:
            lines.append(f"r{i},,")
            expected.append(f"r{i},R{i},")
    src = write(tmp_path / "u.csv", "\n".join(lines) + "\n")
    report = fill(src, Columns(target="Out"), learner=lambda e, i: Learned(Upper()))
    assert (tmp_path / "u.filled.csv").read_bytes() == ("\n".join(expected) + "\n").encode("utf-8")
    assert report.undefined_rows == [n + 3 for n in range(3 * BATCH) if n % 1000 == 7]
    assert report.undefined == len(report.undefined_rows) and report.empty_inputs == 13
    assert report.filled == 3 * BATCH - 3 * 13


def test_plain_batches_quote_values_like_the_raw_records(tmp_path):
    names = [f"ann{i} lee" for i in range(2 * BATCH)]
    plain = write(tmp_path / "plain.csv", "In,Out\r\nann lee,x\r\n" + "".join(f"{n},\r\n" for n in names))
    fill(plain, learner=lambda e, i: Learned(Display()))
    rows = list(csv.reader(io.StringIO((tmp_path / "plain.filled.csv").read_text("utf-8"), newline="")))
    assert rows[2:] == [[n, f'lee, "{n.split()[0]}"'] for n in names]
    raw = write(tmp_path / "raw.csv", 'In,Out\r\n"ann lee",x\r\nann0 lee,\r\n')
    fill(raw, learner=lambda e, i: Learned(Display()))
    assert (tmp_path / "plain.filled.csv").read_bytes().splitlines()[2] == \
        (tmp_path / "raw.filled.csv").read_bytes().splitlines()[2] == b'ann0 lee,"lee, ""ann0"""'


def test_plain_batches_report_unsure_rows(tmp_path):
    names = [("Ab" if i % 3 else "12") + str(i) for i in range(2 * BATCH)]
    src = write(tmp_path / "s.csv", "In,Out\nx,X\n" + "".join(f"{n},\n" for n in names))
    report = fill(src, learner=lambda e, i: Learned(Upper(), [Lower()]))
    unsure = [k + 3 for k, n in enumerate(names) if n.upper() != n.lower()]
    assert report.unsure == len(unsure) and [row for row, _ in report.unsure_rows] == unsure[:20]
    assert report.unsure_rows[0][1] == ("AB1", "ab1")


values = st.lists(st.one_of(st.none(), st.text(alphabet=st.sampled_from(list('a ,;"\'\r\n\tx')), max_size=5)), max_size=8)


@settings(max_examples=300, deadline=None)
@given(values, st.sampled_from([",", ";", "\t"]), st.booleans(), st.booleans())
def test_field_texts_are_the_raw_writers_quoting(texts, delimiter, quote_all, doublequote):
    fmt = CsvFormat("utf-8", delimiter=delimiter, quote_all=quote_all, doublequote=doublequote)
    putter = FieldWriter(fmt)
    assert field_texts(texts, fmt, putter) == [putter.quote(v) if v is not None else "" for v in texts]
