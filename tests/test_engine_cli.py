"""``flashfill apply --engine polars|duckdb`` fills CSV and Parquet files with the default
engine's values (Spark's run is in test_engine_spark.py, beside its session)."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from flashfill.cli import main
from tests.engine_files import default_rows, make_csv, read_rows, saved_program


@pytest.mark.parametrize("engine", ["polars", "duckdb"])
def test_apply_with_an_engine_writes_the_default_engines_values(tmp_path, capsys, engine):
    source = make_csv(tmp_path)
    saved = saved_program(tmp_path, source)
    want = default_rows(tmp_path, saved, source)
    capsys.readouterr()
    out = tmp_path / f"{engine}.csv"
    assert main(["apply", str(saved), str(source), "-o", str(out), "--engine", engine]) == 0
    assert read_rows(out) == want
    printed = capsys.readouterr().out
    assert f"with {engine}" in printed and "steps native" in printed and f"wrote {out}" in printed


@pytest.mark.parametrize("engine", ["polars", "duckdb"])
def test_apply_with_an_engine_fills_a_parquet_file(tmp_path, engine):
    source = make_csv(tmp_path)
    saved = saved_program(tmp_path, source)
    want = default_rows(tmp_path, saved, source)
    header, *rows = read_rows(source)
    parquet = tmp_path / "people.parquet"
    pq.write_table(pa.table({name: [row[i] or None for row in rows] for i, name in enumerate(header)}), parquet)
    assert main(["apply", str(saved), str(parquet), "--engine", engine, "-q"]) == 0
    filled = pq.read_table(tmp_path / "people.filled.parquet").to_pydict()
    assert [v or "" for v in filled["Shown"]] == [row[2] for row in want[1:]]
    assert filled["Name"] == [row[0] or None for row in rows]


def test_apply_with_an_engine_names_what_it_cannot_read(tmp_path, capsys):
    source = make_csv(tmp_path)
    saved = saved_program(tmp_path, source)
    bom = tmp_path / "bom.csv"
    bom.write_bytes(b"\xef\xbb\xbf" + source.read_bytes())
    assert main(["apply", str(saved), str(bom), "--engine", "polars"]) == 2
    assert "UTF-8 CSV (no byte-order mark)" in capsys.readouterr().err
    assert not (tmp_path / "bom.filled.csv").exists()


@pytest.mark.parametrize("engine", ["polars", "duckdb"])
def test_a_parquet_file_with_numbers_is_read_as_text(tmp_path, engine):
    source = make_csv(tmp_path)
    saved = saved_program(tmp_path, source)
    parquet = tmp_path / "numbers.parquet"
    pq.write_table(pa.table({"Name": ["a", "b"], "Phone": [4255551234, None], "Shown": pa.array([None, None], pa.string()),
                             "Count": [1, 2]}), parquet)
    assert main(["apply", str(saved), str(parquet), "--engine", engine, "-q"]) == 0
    filled = pq.read_table(tmp_path / "numbers.filled.parquet")
    assert filled["Count"].to_pylist() == [1, 2]
    assert filled["Shown"].to_pylist() == [None, None]


def test_an_engine_error_names_the_file(tmp_path, capsys):
    source = make_csv(tmp_path)
    saved = saved_program(tmp_path, source)
    broken = tmp_path / "broken.parquet"
    broken.write_bytes(b"PAR1 not really")
    assert main(["apply", str(saved), str(broken), "--engine", "duckdb"]) == 2
    assert str(broken) in capsys.readouterr().err
