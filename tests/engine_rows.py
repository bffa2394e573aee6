"""Input rows for engine tests: every input row of the benchmark tasks, as columns an
engine can load, and each program's expected outputs on them (``Program.map``)."""

from __future__ import annotations

from functools import lru_cache

from flashfill.language.program import Program
from tests.benchmark_programs import benchmark_programs

WIDTH = 3
NAMES = tuple(f"c{i}" for i in range(WIDTH))
EXTRA_ROWS = (("", "", ""), (" ", "\t", "\n"), ("Zoë Šimůnek, Łódź", "ǅemal ß İ", "١٢٣ x\u00a0y"),
              ("Σοφία Иванова 12-34", "東京 ２０２４年", "ΑΣ o'neil-SMITH 7"))
"""Blank rows and rows of non-ASCII letters, digits and spaces (ASCII, Latin and beyond), beside
the tasks' own."""


@lru_cache(maxsize=1)
def all_rows() -> tuple[tuple[str, ...], ...]:
    """Every distinct input row of every task, padded with blanks to ``WIDTH`` columns."""
    rows = {row + ("",) * (WIDTH - len(row)) for task, _ in benchmark_programs() for row, _ in task.rows}
    assert all(len(row) == WIDTH for row in rows), "a task has more input columns than WIDTH"
    return tuple(sorted(rows)) + EXTRA_ROWS


def columns() -> dict[str, list[str | None]]:
    """The rows as named columns, with one row of NULLs (a NULL input is a blank)."""
    rows = all_rows()
    return {name: [row[i] for row in rows] + [None] for i, name in enumerate(NAMES)}


def expected(program: Program) -> list[str | None]:
    """``program(row)`` on every row of ``columns()``, in order."""
    width = program.columns
    return program.map([row[:width] for row in all_rows()] + [("",) * width])


def mismatches(program: Program, got: list[str | None]) -> list[tuple[tuple[str, ...], str | None, str | None]]:
    """(row, expected, got) where the engine's output differs from the program's."""
    rows = list(all_rows()) + [("",) * WIDTH]
    return [(row, want, have) for row, want, have in zip(rows, expected(program), got) if want != have]
