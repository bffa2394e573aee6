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

from flashfill.codegen.engines import NoNativeForm, Tests, Texts, Translation, column_names, rows_of
from flashfill.codegen.engines import translate as translate_steps
from flashfill.language.conditionals import Match
from flashfill.language.expressions import Atom
from flashfill.language.program import Program


def expr(program: Program, columns: Sequence[str]) -> pl.Expr:
    """The program's output for each row of the named input columns (NULL where it is ⊥)."""
    return translate(program, columns).expression


def translate(program: Program, columns: Sequence[str]) -> Translation[pl.Expr]:
    """``expr`` with the report of which steps run in Polars and which in Python."""
    return translate_steps(program, _Builder(column_names(columns, program)))


class _Builder:
    """Polars expressions over the input columns ``names`` (in the program's order)."""

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
        return chain.otherwise(pl.lit(None, dtype=pl.String))

    def all_of(self, tests: list[pl.Expr]) -> pl.Expr:
        return tests[0] if len(tests) == 1 else pl.all_horizontal(tests)

    def any_of(self, tests: list[pl.Expr]) -> pl.Expr:
        return tests[0] if len(tests) == 1 else pl.any_horizontal(tests)

    def native_atom(self, atom: Atom) -> pl.Expr:
        raise NoNativeForm("no Polars form yet")

    def native_test(self, test: Match) -> pl.Expr:
        raise NoNativeForm("no Polars form yet")

    def fallback_text(self, run: Texts, name: str) -> pl.Expr:
        def batch(series: Sequence[pl.Series]) -> pl.Series:
            return pl.Series(run(rows_of([s.to_list() for s in series])), dtype=pl.String)
        return pl.map_batches(self.names, batch, return_dtype=pl.String, is_elementwise=True)

    def fallback_test(self, run: Tests, name: str) -> pl.Expr:
        def batch(series: Sequence[pl.Series]) -> pl.Series:
            return pl.Series(run(rows_of([s.to_list() for s in series])), dtype=pl.Boolean)
        return pl.map_batches(self.names, batch, return_dtype=pl.Boolean, is_elementwise=True)
