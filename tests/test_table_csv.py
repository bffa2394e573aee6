"""CSV reading and writing: encodings, dialects, raw records, and changing one field only."""

import csv
import io

from hypothesis import given, settings
from hypothesis import strategies as st

from flashfill.table.csvfile import CsvFormat, FieldWriter, detect_encoding, detect_format, records
from flashfill.table.csvtable import CsvTable
from flashfill.table.errors import TableError

import pytest

cell = st.text(alphabet=st.sampled_from(list('ab ,;"\'\r\nxé€\t1')), max_size=8)
table = st.lists(st.lists(cell, min_size=1, max_size=4), min_size=1, max_size=12)


def _csv_text(rows, dialect_kwargs, ending):
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator=ending, **dialect_kwargs).writerows(rows)
    return buffer.getvalue()


@settings(max_examples=200, deadline=None)
@given(table, st.sampled_from(["\r\n", "\n"]), st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]),
       st.sampled_from([",", ";", "\t"]))
def test_records_give_back_every_byte_and_the_csv_modules_fields(rows, ending, quoting, delimiter):
    text = _csv_text(rows, {"quoting": quoting, "delimiter": delimiter}, ending)
    fmt = CsvFormat("utf-8", delimiter=delimiter)
    got = list(records(io.StringIO(text, newline=""), fmt))
    assert "".join(raw for raw, _ in got) == text
    expected = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    assert [fields for _, fields in got] == expected


@settings(max_examples=200, deadline=None)
@given(table, cell.filter(bool), st.integers(0, 5), st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]))
def test_putting_a_value_changes_only_that_field(rows, value, index, quoting):
    rows = [[*r[:index], "", *r[index + 1:]] if index < len(r) else r for r in rows]
    text = _csv_text(rows, {"quoting": quoting}, "\r\n")
    fmt = CsvFormat("utf-8", quote_all=quoting == csv.QUOTE_ALL)
    writer = FieldWriter(fmt)
    for (raw, fields), original in zip(records(io.StringIO(text, newline=""), fmt), rows):
        new = writer.put(raw, index, value)
        assert new.endswith("\r\n")
        (parsed,) = list(csv.reader(io.StringIO(new, newline="")))
        padded = fields + [""] * (index + 1 - len(fields))
        padded[index] = value
        assert parsed == padded
        if index >= len(fields):
            assert new.startswith(raw.rstrip("\r\n"))


def test_quote_all_files_get_quoted_values(tmp_path):
    path = tmp_path / "q.csv"
    path.write_text('"a","b"\r\n"x",""\r\n', encoding="utf-8", newline="")
    fmt = detect_format(path, "utf-8")
    assert fmt.quote_all
    assert FieldWriter(fmt).put('"x",""\r\n', 1, "y") == '"x","y"\r\n'


def test_encodings_detected(tmp_path):
    bom = tmp_path / "bom.csv"
    bom.write_bytes("\ufeffa,b\r\n".encode("utf-8"))
    plain = tmp_path / "plain.csv"
    plain.write_bytes("a,b\r\n".encode("utf-8"))
    assert detect_encoding(bom) == "utf-8-sig"
    assert detect_encoding(plain) == "utf-8"


def test_cp1252_file_is_read_as_cp1252(tmp_path):
    path = tmp_path / "legacy.csv"
    path.write_bytes("Name,City\r\nRené,Zürich\r\n".encode("cp1252"))
    table_ = CsvTable(path)
    assert list(table_.chunks()) == [(2, [["René", "Zürich"]])]
    assert table_.legacy and "Windows-1252 text, not UTF-8" in table_.check_read(None)[0]


@pytest.mark.parametrize("head, words", [
    (b"PK\x03\x04rest", "ZIP archive"),
    (b"\xd0\xcf\x11\xe0rest", ".xls"),
    (b"abc\x00def", "binary"),
])
def test_binary_files_are_not_csv(tmp_path, head, words):
    path = tmp_path / "fake.csv"
    path.write_bytes(head)
    with pytest.raises(TableError, match=words) as caught:
        detect_encoding(path)
    assert "fake.csv" in str(caught.value)


@pytest.mark.parametrize("text, delimiter", [
    ("a;b;c\r\n1;2;3\r\n4;5;6\r\n", ";"),
    ("a\tb\tc\n1\t2\t3\n", "\t"),
    ("a|b\n1|2\n", "|"),
    ("name\nAnn\nBo\n", ","),
])
def test_dialect_sniffed_or_sensible_default(tmp_path, text, delimiter):
    path = tmp_path / "d.csv"
    path.write_text(text, encoding="utf-8", newline="")
    assert detect_format(path, "utf-8").delimiter == delimiter


def test_dialect_is_made_once_per_format():
    """Quoted records are read one at a time; a new dialect class for each cost time and,
    with the garbage collector paused during a pass, memory that grew with the file."""
    fmt = CsvFormat("utf-8", delimiter=";")
    assert fmt.dialect() is fmt.dialect() is CsvFormat("utf-8", delimiter=";").dialect()
    assert fmt.dialect() is not CsvFormat("utf-8").dialect() and fmt.dialect().delimiter == ";"
