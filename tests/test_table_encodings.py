"""Files that are UTF-8 except for some Windows-1252 lines: each line read in its own encoding
and written back in it, byte for byte where nothing was filled."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flashfill.table import Columns, TableError, fill
from flashfill.table.learner import Learned
from flashfill.table.mixedtext import MixedText, OddLine

from fake_programs import Upper
from test_table_fill import Never, upper_learner


def test_utf8_rows_stay_utf8_and_odd_lines_keep_their_encoding(tmp_path):
    src = tmp_path / "mixed.csv"
    lines = [("Name,Out\r\n", "utf-8"), ("josé garcía,JOSÉ GARCÍA\r\n", "utf-8"), ("rené,\r\n", "cp1252"),
             ("garcía,\r\n", "utf-8"), ("zoë,ZOË\r\n", "cp1252"), ("ana,\r\n", "utf-8")]
    src.write_bytes(b"".join(text.encode(encoding) for text, encoding in lines))
    report = fill(src, learner=upper_learner())
    expected = [("Name,Out\r\n", "utf-8"), ("josé garcía,JOSÉ GARCÍA\r\n", "utf-8"), ("rené,RENÉ\r\n", "cp1252"),
                ("garcía,GARCÍA\r\n", "utf-8"), ("zoë,ZOË\r\n", "cp1252"), ("ana,ANA\r\n", "utf-8")]
    assert (tmp_path / "mixed.filled.csv").read_bytes() == b"".join(t.encode(e) for t, e in expected)
    assert "lines 3, 5 of this UTF-8 file are not UTF-8: read as Windows-1252" in report.summary()


def test_the_real_learner_sees_each_line_decoded_right(tmp_path, capsys):
    from flashfill.cli import main
    src = tmp_path / "names.csv"
    src.write_bytes("Name,Upper\n".encode() + "maría lópez,MARÍA LÓPEZ\n".encode() + "josé garcía,\n".encode()
                    + "rené müller,\n".encode("cp1252") + "zoë brown,\n".encode())
    assert main(["fill", str(src)]) == 0
    out = capsys.readouterr().out
    assert "line 4 of this UTF-8 file is not UTF-8" in out
    filled = (tmp_path / "names.filled.csv").read_bytes().splitlines()
    assert filled[2] == "josé garcía,JOSÉ GARCÍA".encode() and filled[4] == "zoë brown,ZOË BROWN".encode()
    assert filled[3] == "rené müller,RENÉ MÜLLER".encode("cp1252")


def test_lines_are_cut_right_at_block_boundaries(tmp_path):
    text = [("a,b\r\n", "utf-8"), ("é,\r\n", "cp1252"), ("ü\r", "utf-8"), ("x\n", "utf-8"), ("€,q", "cp1252")]
    path = tmp_path / "t.csv"
    path.write_bytes(b"\xef\xbb\xbf" + b"".join(t.encode(e) for t, e in text))
    for block in (1, 2, 3, 7, 1 << 20):
        with MixedText(path, block=block) as mixed:
            lines = list(mixed.lines())
        assert lines == [t for t, _ in text] and mixed.bom
        assert [type(line) is OddLine for line in lines] == [False, True, False, False, True]
        assert (mixed.odd_lines, mixed.utf8_seen, mixed.legacy) == ([2, 5], True, False)


# No character whose Windows-1252 bytes could also read as UTF-8 ('é€€' would): such a line is UTF-8.
def test_a_line_that_is_neither_utf8_nor_cp1252_is_named(tmp_path):
    src = tmp_path / "bad.csv"
    src.write_bytes(b"In,Out\na,A\nb,\nc\xe9\x81,\n")
    with pytest.raises(TableError, match=r"bad.csv: line 4: .*byte 0x81 at byte 3 of the line is neither UTF-8 nor "
                                         r"Windows-1252"):
        fill(src, learner=upper_learner())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.csv"]


cells = st.text(alphabet=st.sampled_from(list('ab ,;"\n1éüß')), max_size=5)


def csv_bytes(rows, ending):
    """Each row written by the csv module and encoded in its own encoding."""
    data = []
    for row, encoding in rows:
        buffer = io.StringIO(newline="")
        csv.writer(buffer, lineterminator=ending).writerow(row)
        data.append(buffer.getvalue().encode(encoding))
    return b"".join(data)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.lists(cells, min_size=1, max_size=3), st.sampled_from(["utf-8", "cp1252"])),
                min_size=1, max_size=20),
       st.sampled_from(["\r\n", "\n"]), st.booleans())
def test_any_mix_of_encodings_keeps_every_record_in_its_own(tmp_path, rows, ending, fills):
    rows = [(["seed", "SEED"], "utf-8"), (["ü", ""], "utf-8")] + [([r[0] or "x", ""] + r[1:], e) for r, e in rows]
    src = tmp_path / "mix.csv"
    src.write_bytes(csv_bytes([(["In", "Out"], "utf-8")] + rows, ending))
    program = Upper() if fills else Never()
    fill(src, Columns(target="B", inputs=["A"]), learner=lambda e, i: Learned(program))
    out = (tmp_path / "mix.filled.csv").read_bytes()
    if fills:
        rows = [([r[0], r[1] or r[0].upper(), *r[2:]], e) for r, e in rows]
    assert out == csv_bytes([(["In", "Out"], "utf-8")] + rows, ending)
