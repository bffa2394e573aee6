"""A program as a Polars expression: ``df.with_columns(expr(program, ["name"]).alias("out"))``.

Steps with an exact Polars form run as Polars string expressions; the others run the
compiled program on each batch (``pl.map_batches``), as ``translate`` reports.

>>> import polars as pl, flashfill
>>> program = flashfill.learn([("425-555-1234", "(425) 555-1234")])
>>> pl.DataFrame({"phone": ["206-555-9876", None]}).select(expr(program, ["phone"]).alias("out"))["out"].to_list()
['(206) 555-9876', None]
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from flashfill.codegen.engines import Tests, Texts, Translation, column_names, rows_of
from flashfill.codegen.native import NoNativeForm
from flashfill.codegen.engines import translate as translate_steps
from flashfill.language.program import Program


def expr(program: Program, columns: Sequence[str]) -> pl.Expr:
    """The program's output for each row of the named input columns (NULL where it is ⊥)."""
    return translate(program, columns).expression


def translate(program: Program, columns: Sequence[str]) -> Translation[pl.Expr]:
    """``expr`` with the report of which steps run in Polars and which in Python."""
    return translate_steps(program, _Builder(column_names(columns, program)))


class _Builder:
    """Polars expressions over the input columns ``names`` (in the program's order)."""

    lazy_branches = False
    lazy_python = False

    def __init__(self, names: list[str]) -> None:
        self.names = names

    def text(self, value: str) -> pl.Expr:
        return pl.lit(value, dtype=pl.String)

    def concat(self, parts: list[pl.Expr]) -> pl.Expr:
        return pl.concat_str(parts)

    def cases(self, branches: list[tuple[pl.Expr | None, pl.Expr]]) -> pl.Expr:
        chain = None
        for test, value in branches:
            if test is None:
                return value if chain is None else chain.otherwise(value)
            chain = pl.when(test).then(value) if chain is None else chain.when(test).then(value)
        return chain.otherwise(pl.lit(None))

    def all_of(self, tests: list[pl.Expr]) -> pl.Expr:
        return tests[0] if len(tests) == 1 else pl.all_horizontal(tests)

    def any_of(self, tests: list[pl.Expr]) -> pl.Expr:
        return tests[0] if len(tests) == 1 else pl.any_horizontal(tests)

    def column(self, index: int) -> pl.Expr:
        return pl.col(self.names[index]).fill_null("")

    def number(self, k: int) -> pl.Expr:
        return pl.lit(k, dtype=pl.Int64)

    def extract(self, text: pl.Expr, pattern: str) -> pl.Expr:
        return text.str.extract(pattern, 1)

    def nonempty(self, text: pl.Expr) -> pl.Expr:
        return text  # Polars' extraction is NULL where the pattern does not match

    def search(self, text: pl.Expr, pattern: str) -> pl.Expr:
        return text.str.contains(pattern)

    def length(self, text: pl.Expr) -> pl.Expr:
        return text.str.len_chars().cast(pl.Int64)

    def add(self, a: pl.Expr, b: pl.Expr) -> pl.Expr:
        return a + b

    def at_most(self, a: pl.Expr, b: pl.Expr) -> pl.Expr:
        return a <= b

    def slice(self, text: pl.Expr, start: pl.Expr, end: pl.Expr) -> pl.Expr:
        return text.str.slice(start, end - start)

    def find(self, text: pl.Expr, needle: str) -> pl.Expr:
        exact = "".join(f"\\x{{{ord(ch):X}}}" for ch in needle)
        return text.str.extract(rf"\A((?s:.*?)){exact}", 1).str.len_chars().cast(pl.Int64)

    def find_column(self, text: pl.Expr, needle: pl.Expr) -> pl.Expr:
        raise NoNativeForm("Polars finds another column's text by bytes, not characters")

    def contains(self, text: pl.Expr, needle: str) -> pl.Expr:
        return text.str.contains(needle, literal=True)

    def count(self, text: pl.Expr, needle: str) -> pl.Expr:
        return text.str.count_matches(needle, literal=True).cast(pl.Int64)

    def upper(self, text: pl.Expr) -> pl.Expr:
        return text.str.to_uppercase()

    def lower(self, text: pl.Expr) -> pl.Expr:
        return text.str.to_lowercase()

    def all_below(self, text: pl.Expr, limit: int) -> pl.Expr:
        return text.str.contains(rf"\A[\x{{0}}-\x{{{limit - 1:X}}}]*\z")

    def pad(self, text: pl.Expr, width: int) -> pl.Expr:
        return text.str.pad_start(width, "0")

    def negate(self, test: pl.Expr) -> pl.Expr:
        return ~test

    def fallback_text(self, run: Texts) -> pl.Expr:
        def batch(series: Sequence[pl.Series]) -> pl.Series:
            return pl.Series(run(rows_of([s.to_list() for s in series])), dtype=pl.String)
        return pl.map_batches(self.names, batch, return_dtype=pl.String, is_elementwise=True)

    def fallback_test(self, run: Tests) -> pl.Expr:
        def batch(series: Sequence[pl.Series]) -> pl.Series:
            return pl.Series(run(rows_of([s.to_list() for s in series])), dtype=pl.Boolean)
        return pl.map_batches(self.names, batch, return_dtype=pl.Boolean, is_elementwise=True)
