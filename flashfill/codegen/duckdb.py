"""A program as a DuckDB SQL expression: ``SELECT {sql(program, ["name"], con)} FROM t``.

Steps with an exact DuckDB form are SQL (``regexp_extract``, ``CASE`` …); the others
call the compiled program as a vectorized Python function registered on the connection
(``create_function`` over Arrow batches), as ``translate`` reports.

>>> import duckdb, flashfill
>>> program = flashfill.learn([("425-555-1234", "(425) 555-1234")])
>>> con = duckdb.connect()
>>> con.sql(f"SELECT {sql(program, ['phone'], con)} FROM (VALUES ('206-555-9876'), (NULL)) t(phone)").fetchall()
[('(206) 555-9876',), (None,)]
"""

from __future__ import annotations

import inspect
import itertools
from collections.abc import Sequence
from typing import TYPE_CHECKING

import duckdb

from flashfill.codegen.engines import Tests, Texts, Translation, column_names, rows_of
from flashfill.codegen.engines import translate as translate_steps
from flashfill.language.program import Program

if TYPE_CHECKING:
    import pyarrow as pa

_NAMES = itertools.count(1)
_SESSION = f"{id(_NAMES):x}"


def sql(program: Program, columns: Sequence[str], connection: duckdb.DuckDBPyConnection) -> str:
    """The program's output for each row of the named input columns (NULL where it is ⊥), as
    SQL for ``connection``: steps without a SQL form are functions registered on it."""
    return translate(program, columns, connection).expression


def translate(program: Program, columns: Sequence[str],
              connection: duckdb.DuckDBPyConnection) -> Translation[str]:
    """``sql`` with the report of which steps run in DuckDB and which in Python."""
    return translate_steps(program, _Builder(column_names(columns, program), connection))


def query(program: Program, columns: Sequence[str], connection: duckdb.DuckDBPyConnection,
          source: str, output: str) -> Translation[str]:
    """``translate``, as a query: every column of ``source`` (a table, or a table function
    such as ``read_csv(…)``) and the program's output as column ``output``.

    Where the program is one join (no guards), each value it uses twice (a regex's match,
    a step's text) is a column of a subquery, computed once a row: in DuckDB's own
    expressions only its optimizer can share a value, and not inside a CASE branch.

    >>> import duckdb, flashfill
    >>> program = flashfill.learn([("Ann Lee", "Lee, Ann")])
    >>> con = duckdb.connect()
    >>> _ = con.execute("CREATE TABLE people AS SELECT * FROM (VALUES ('Bo Kim'), ('Cy'), (NULL)) t(name)")
    >>> con.sql(query(program, ["name"], con, "people", "shown").expression).fetchall()
    [('Bo Kim', 'Kim, Bo'), ('Cy', 'Cy, Cy'), (None, None)]
    """
    unguarded = len(program.switch.cases) == 1 and not program.switch.cases[0][0].disjuncts
    builder = _Builder(column_names(columns, program), connection, named=[] if unguarded else None)
    translation = translate_steps(program, builder)
    named = builder.named or []
    table = source
    for depth in sorted({d for _, _, d in named}):
        values = ", ".join(f"{e} AS {identifier(n)}" for n, e, d in named if d == depth)
        table = f"(SELECT *, {values} FROM {table})"
    hidden = f" EXCLUDE ({', '.join(identifier(n) for n, _, _ in named)})" if named else ""
    translation.expression = f"SELECT *{hidden}, {translation.expression} AS {identifier(output)} FROM {table}"
    return translation


def literal(text: str) -> str:
    """A SQL string literal (quotes doubled; DuckDB takes backslashes literally).

    >>> literal("O'Neil")
    "'O''Neil'"
    """
    return "'" + text.replace("'", "''") + "'"


def identifier(name: str) -> str:
    """A quoted SQL identifier.

    >>> print(identifier('a"b'))
    "a""b"
    """
    return '"' + name.replace('"', '""') + '"'


class _Builder:
    """SQL over the input columns ``names`` (in the program's order), for one connection.

    With ``named`` (a list), values used twice become columns of subqueries: (name,
    expression, depth) in ``named``, depth 1 for those over the input columns only."""

    lazy_branches = True
    lazy_python = True

    def __init__(self, names: list[str], connection: duckdb.DuckDBPyConnection,
                 named: list[tuple[str, str, int]] | None = None) -> None:
        self.names = names
        self.connection = connection
        self.named = named
        self._never_null: set[str] = set()

    def _name(self, expression: str) -> str:
        """The column that holds ``expression`` (the expression itself when values are not named)."""
        if self.named is None or expression in self._never_null:
            return expression
        for name, known, _ in self.named:
            if known == expression:
                return identifier(name)
        below = [d for n, _, d in self.named if identifier(n) in expression]
        name = f"flashfill_value_{len(self.named) + 1}_{_SESSION}"
        self.named.append((name, expression, 1 + max(below, default=0)))
        return identifier(name)

    def text(self, value: str) -> str:
        self._never_null.add(literal(value))
        return literal(value)

    def concat(self, parts: list[str]) -> str:
        """``concat`` (twice as fast as ``||``, but it skips NULLs) over named parts, NULL where one
        is NULL; ``||`` where values are not named (a part would be computed twice)."""
        if self.named is None:
            return "(" + " || ".join(parts) + ")"
        parts = [self._name(p) for p in parts]
        maybe_null = [p for p in parts if p not in self._never_null]
        joined = "concat(" + ", ".join(parts) + ")"
        if not maybe_null:
            return joined
        return "CASE WHEN " + " OR ".join(f"{p} IS NULL" for p in maybe_null) + f" THEN NULL ELSE {joined} END"

    def cases(self, branches: list[tuple[str | None, str]]) -> str:
        whens = []
        for test, value in branches:
            if test is None:
                return "CASE " + " ".join(whens) + f" ELSE {value} END"
            whens.append(f"WHEN {test} THEN {value}")
        return "CASE " + " ".join(whens) + " ELSE NULL END"

    def all_of(self, tests: list[str]) -> str:
        return tests[0] if len(tests) == 1 else "(" + " AND ".join(tests) + ")"

    def any_of(self, tests: list[str]) -> str:
        return tests[0] if len(tests) == 1 else "(" + " OR ".join(tests) + ")"

    def column(self, index: int) -> str:
        whole = f"coalesce({identifier(self.names[index])}, '')"
        self._never_null.add(whole)
        return whole

    def number(self, k: int) -> str:
        return f"({k})"

    def extract(self, text: str, pattern: str) -> str:
        return f"regexp_extract({text}, {literal(pattern)}, 1)"

    def nonempty(self, text: str) -> str:
        if self.named is None:
            return _nonempty(text)
        return f"nullif({self._name(text)}, '')"

    def search(self, text: str, pattern: str) -> str:
        return f"regexp_matches({text}, {literal(pattern)})"

    def length(self, text: str) -> str:
        return f"length({text})"

    def add(self, a: str, b: str) -> str:
        return f"({a} + {b})"

    def at_most(self, a: str, b: str) -> str:
        return f"({a} <= {b})"

    def slice(self, text: str, start: str, end: str) -> str:
        return f"substring({text}, ({start}) + 1, ({end}) - ({start}))"

    def find(self, text: str, needle: str) -> str:
        return self.find_column(text, literal(needle))

    def find_column(self, text: str, needle: str) -> str:
        return f"(nullif(strpos({text}, {needle}), 0) - 1)"

    def contains(self, text: str, needle: str) -> str:
        return f"contains({text}, {literal(needle)})"

    def count(self, text: str, needle: str) -> str:
        return f"((length({text}) - length(replace({text}, {literal(needle)}, ''))) // {len(needle)})"

    def upper(self, text: str) -> str:
        return f"upper({text})"

    def lower(self, text: str) -> str:
        return f"lower({text})"

    def all_below(self, text: str, limit: int) -> str:
        if limit == 0x80:  # ASCII: one byte a character in UTF-8, no regex needed
            return f"(strlen({text}) = length({text}))"
        return f"regexp_full_match({text}, '[\\x{{0}}-\\x{{{limit - 1:X}}}]*')"

    def pad(self, text: str, width: int) -> str:
        return f"lpad({text}, {width}, '0')"

    def negate(self, test: str) -> str:
        return f"(NOT {test})"

    def fallback_text(self, run: Texts) -> str:
        import pyarrow as pa  # here: only programs with steps in Python need it

        return self._register(lambda *arrays: pa.array(run(_rows(arrays)), pa.string()), "VARCHAR")

    def fallback_test(self, run: Tests) -> str:
        import pyarrow as pa

        return self._register(lambda *arrays: pa.array(run(_rows(arrays)), pa.bool_()), "BOOLEAN")

    def _register(self, function, returns: str) -> str:
        """Registers ``function`` (Arrow arrays of the inputs in, one Arrow array out); its call."""
        name = f"flashfill_step_{next(_NAMES)}"
        function.__signature__ = inspect.Signature(  # DuckDB counts the parameters
            [inspect.Parameter(f"c{i}", inspect.Parameter.POSITIONAL_ONLY) for i in range(len(self.names))])
        self.connection.create_function(name, function, ["VARCHAR"] * len(self.names), returns,
                                        type="arrow", null_handling="special", side_effects=False)
        return f"{name}(" + ", ".join(identifier(n) for n in self.names) + ")"


def _nonempty(text: str) -> str:
    """``text``, NULL where it is empty, computed once: DuckDB spells ``nullif(x, '')`` as a
    CASE that computes x twice (a lambda's parameter names it once).

    >>> import duckdb
    >>> duckdb.sql(f"SELECT {_nonempty('x')} FROM (VALUES ('a'), ('')) t(x)").fetchall()
    [('a',), (None,)]
    """
    return f"list_transform([{text}], lambda v: nullif(v, ''))[1]"


def _rows(arrays: Sequence[pa.Array | pa.ChunkedArray]) -> list:
    return rows_of([a.to_pylist() for a in arrays])
