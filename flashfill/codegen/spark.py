"""A program as a PySpark column: ``df.withColumn("out", column(program, ["name"]))``.

Steps with an exact Spark SQL form run in the JVM on every executor (``regexp_extract``,
``substring``, ``when`` …); the others run the compiled program in a vectorized
``pandas_udf``, as ``translate`` reports.  The package must be importable on the
executors for those (``spark-submit --py-files`` or installed there).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from functools import reduce

import pandas as pd
from pyspark.sql import Column, SparkSession
from pyspark.sql import functions as F

from flashfill.codegen.engines import Tests, Texts, Translation, column_names, rows_of
from flashfill.codegen.engines import translate as translate_steps
from flashfill.language.program import Program


def column(program: Program, columns: Sequence[str]) -> Column:
    """The program's output for each row of the named input columns (NULL where it is ⊥)."""
    return translate(program, columns).expression


def translate(program: Program, columns: Sequence[str]) -> Translation[Column]:
    """``column`` with the report of which steps run in the JVM and which in Python."""
    return translate_steps(program, _Builder(column_names(columns, program)))


def local_session(cores: int = 2, name: str = "flashfill") -> SparkSession:
    """A Spark session on this machine only (``local[cores]``, loopback, no web UI), whose
    Python workers run this interpreter (unless ``PYSPARK_PYTHON`` says otherwise), so they
    import the same flashfill."""
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    return (SparkSession.builder.master(f"local[{cores}]").appName(name)
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.sql.shuffle.partitions", str(cores))
            .getOrCreate())


class _Builder:
    """Spark columns over the input columns ``names`` (in the program's order)."""

    lazy_branches = True
    lazy_python = False

    def __init__(self, names: list[str]) -> None:
        self.names = names

    def text(self, value: str) -> Column:
        return F.lit(value)

    def concat(self, parts: list[Column]) -> Column:
        return F.concat(*parts)

    def cases(self, branches: list[tuple[Column | None, Column]]) -> Column:
        chain = None
        for test, value in branches:
            if test is None:
                return value if chain is None else chain.otherwise(value)
            chain = F.when(test, value) if chain is None else chain.when(test, value)
        return chain

    def all_of(self, tests: list[Column]) -> Column:
        return reduce(lambda a, b: a & b, tests)

    def any_of(self, tests: list[Column]) -> Column:
        return reduce(lambda a, b: a | b, tests)

    def column(self, index: int) -> Column:
        return F.coalesce(F.col(self.names[index]), F.lit(""))

    def number(self, k: int) -> Column:
        return F.lit(k)

    def extract(self, text: Column, pattern: str) -> Column:
        return F.nullif(F.regexp_extract(text, pattern, 1), F.lit(""))

    def nonempty(self, text: Column) -> Column:
        return text  # the extraction is NULL already

    def search(self, text: Column, pattern: str) -> Column:
        return text.rlike(pattern)

    def length(self, text: Column) -> Column:
        return F.length(text)

    def add(self, a: Column, b: Column) -> Column:
        return a + b

    def at_most(self, a: Column, b: Column) -> Column:
        return a <= b

    def slice(self, text: Column, start: Column, end: Column) -> Column:
        return text.substr(start + 1, end - start)

    def find(self, text: Column, needle: str) -> Column:
        return self.find_column(text, F.lit(needle))

    def find_column(self, text: Column, needle: Column) -> Column:
        return F.nullif(F.position(needle, text), F.lit(0)) - 1

    def contains(self, text: Column, needle: str) -> Column:
        return text.contains(needle)

    def count(self, text: Column, needle: str) -> Column:
        return (F.length(text) - F.length(F.replace(text, F.lit(needle), F.lit("")))) / len(needle)

    def upper(self, text: Column) -> Column:
        return F.upper(text)

    def lower(self, text: Column) -> Column:
        return F.lower(text)

    def all_below(self, text: Column, limit: int) -> Column:
        return text.rlike(rf"\A[\x{{0}}-\x{{{limit - 1:X}}}]*\z")

    def pad(self, text: Column, width: int) -> Column:
        return F.lpad(text, width, "0")

    def negate(self, test: Column) -> Column:
        return ~test

    def fallback_text(self, run: Texts) -> Column:
        def batch(*series: pd.Series) -> pd.Series:
            return pd.Series(run(rows_of([s.tolist() for s in series])), dtype=object)
        return F.pandas_udf(batch, "string")(*self.names)

    def fallback_test(self, run: Tests) -> Column:
        def batch(*series: pd.Series) -> pd.Series:
            return pd.Series(run(rows_of([s.tolist() for s in series])), dtype=bool)
        return F.pandas_udf(batch, "boolean")(*self.names)
