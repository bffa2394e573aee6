"""Spark (``local[2]``, loopback only, no web UI) runs every program learned on the public
benchmark suites with the same answers as the program itself.  One session for the
module, started and stopped here; Java comes from the system (``openjdk-17-jre-headless``)."""

from __future__ import annotations

import pytest

from flashfill.cli import main
from flashfill.codegen import spark as ff_spark
from tests.benchmark_programs import benchmark_programs
from tests.engine_files import default_rows, make_csv, read_rows, saved_program
from tests.engine_rows import NAMES, columns, mismatches

PROGRAMS_PER_QUERY = 40


@pytest.fixture(scope="module")
def spark():
    session = ff_spark.local_session(cores=2, name="flashfill-tests")
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def test_spark_gives_the_programs_answers_on_every_row(spark):
    data = columns()
    frame = spark.createDataFrame(list(zip(*data.values())), ", ".join(f"{n} string" for n in NAMES)).cache()
    programs = list(benchmark_programs())
    wrong = {}
    for first in range(0, len(programs), PROGRAMS_PER_QUERY):
        batch = programs[first:first + PROGRAMS_PER_QUERY]
        outputs = [ff_spark.column(p, NAMES[:p.columns]).alias(f"p{k}") for k, (_, p) in enumerate(batch)]
        rows = frame.select(*outputs).collect()
        for k, (task, program) in enumerate(batch):
            if bad := mismatches(program, [row[k] for row in rows]):
                wrong[task.name] = bad[:3]
    assert not wrong, wrong


def test_apply_with_spark_writes_the_default_engines_values(spark, tmp_path, capsys):
    source = make_csv(tmp_path)
    saved = saved_program(tmp_path, source)
    want = default_rows(tmp_path, saved, source)
    capsys.readouterr()
    out = tmp_path / "spark.csv"
    assert main(["apply", str(saved), str(source), "-o", str(out), "--engine", "spark"]) == 0
    assert read_rows(out) == want
    assert "with spark" in capsys.readouterr().out
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
    assert spark.range(1).count() == 1  # the test's session is still running


def test_spark_gives_the_answers_of_programs_drawn_from_the_whole_language(spark):
    from test_engines import _generated_cases
    cases = _generated_cases()
    rows = sorted({row + ("",) * (2 - len(row)) for _, case_rows in cases for row in case_rows})
    frame = spark.createDataFrame(rows, "c0 string, c1 string").cache()
    wrong = []
    for first in range(0, len(cases), PROGRAMS_PER_QUERY):
        batch = [p for p, _ in cases[first:first + PROGRAMS_PER_QUERY]]
        got = frame.select(*[ff_spark.column(p, ["c0", "c1"][:p.columns]).alias(f"p{k}")
                             for k, p in enumerate(batch)]).collect()
        for k, program in enumerate(batch):
            want = program.map([row[:program.columns] for row in rows])
            if [r[k] for r in got] != want:
                wrong.append(program.explain())
    assert not wrong, wrong[:3]
