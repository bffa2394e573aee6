"""Polars and DuckDB run every program learned on the public benchmark suites with the same
answers as the program itself, on every input row of every task."""

from __future__ import annotations

import random

import duckdb
import polars as pl
import pyarrow as pa
import pytest

import flashfill
from flashfill.codegen import duckdb as ff_duckdb
from flashfill.codegen import polars as ff_polars
from tests.benchmark_programs import benchmark_programs
from tests.engine_rows import NAMES, columns, mismatches


@pytest.fixture(scope="module")
def frame() -> pl.DataFrame:
    return pl.DataFrame(columns(), schema={name: pl.String for name in NAMES})


def test_polars_gives_the_programs_answers_on_every_row(frame):
    wrong = {}
    for task, program in benchmark_programs():
        got = frame.select(ff_polars.expr(program, NAMES[:program.columns]).alias("out"))["out"].to_list()
        if bad := mismatches(program, got):
            wrong[task.name] = bad[:3]
    assert not wrong, wrong


def test_duckdb_gives_the_programs_answers_on_every_row():
    """As one expression (``sql``) and as a query naming the values used twice (``query``)."""
    con = duckdb.connect()
    con.register("rows", pa.table(columns(), schema=pa.schema([(n, pa.string()) for n in NAMES])))
    wrong = {}
    for task, program in benchmark_programs():
        expression = ff_duckdb.sql(program, NAMES[:program.columns], con)
        got = [r[0] for r in con.sql(f"SELECT {expression} FROM rows").fetchall()]
        query = ff_duckdb.query(program, NAMES[:program.columns], con, "rows", "out").expression
        got_query = [r[0] for r in con.sql(f"SELECT out FROM ({query})").fetchall()]
        if bad := mismatches(program, got) + mismatches(program, got_query):
            wrong[task.name] = bad[:3]
    con.close()
    assert not wrong, wrong


PHONES = [("425-555-1234", "(425) 555-1234"), ("n/a", None)]


def test_a_program_with_a_guard_runs_in_each_engine_with_null_where_it_is_undefined():
    program = flashfill.learn([("ab 12", "12"), ("x-y", "x")], inputs=[("q 7",), ("r-s",)])
    assert len(program.switch.cases) == 2
    values = ["q 7", "r-s", "", None, "..."]
    want = [program(v or "") for v in values]
    assert None in want
    got = pl.DataFrame({"v": values}).select(ff_polars.expr(program, ["v"]).alias("o"))["o"].to_list()
    assert got == want
    con = duckdb.connect()
    con.register("vals", pa.table({"v": pa.array(values, pa.string())}))
    assert [r[0] for r in con.sql(f"SELECT {ff_duckdb.sql(program, ['v'], con)} FROM vals").fetchall()] == want


def test_the_translation_says_which_steps_run_in_python():
    program = flashfill.learn([("ab 12", "12"), ("x-y", "x")], inputs=[("q 7",), ("r-s",)])
    report = ff_polars.translate(program, ["v"])
    assert report.steps == 3 and len(report.native) + len(report.fallback) == 3
    assert report.summary().startswith(f"{len(report.native)} of 3 steps native")


def test_the_columns_must_match_the_program():
    program = flashfill.learn([("a b", "b")])
    with pytest.raises(ValueError, match="reads 1 input column"):
        ff_polars.expr(program, ["x", "y"])


def _generated_cases():
    """Programs drawn from the whole language (codegen_cases), each with rows that exercise it."""
    from codegen_cases import RICH_TEXTS, position_programs, random_programs, random_rows
    rng = random.Random(15)
    cases = [(p, random_rows(rng, p.columns, 20)) for p in random_programs(15, 200)]
    cases += [(p, [(t,) for t in RICH_TEXTS]) for p in position_programs()]
    return cases


def test_polars_and_duckdb_give_the_answers_of_programs_drawn_from_the_whole_language():
    con = duckdb.connect()
    wrong = []
    for program, rows in _generated_cases():
        names = [f"c{i}" for i in range(program.columns)]
        data = {n: [row[i] for row in rows] for i, n in enumerate(names)}
        want = program.map(rows)
        got = pl.DataFrame(data).with_columns(ff_polars.expr(program, names).alias("o"))["o"].to_list()
        con.register("generated", pa.table(data))
        got_sql = [r[0] for r in con.sql(f"SELECT {ff_duckdb.sql(program, names, con)} FROM generated").fetchall()]
        query = ff_duckdb.query(program, names, con, "generated", "out").expression
        got_query = [r[0] for r in con.sql(f"SELECT out FROM ({query})").fetchall()]
        if got != want or got_sql != want or got_query != want:
            wrong.append((program.explain(), [(r, w, a, b, c) for r, w, a, b, c in zip(rows, want, got, got_sql, got_query)
                                              if not w == a == b == c][:2]))
    con.close()
    assert not wrong, wrong[:3]
