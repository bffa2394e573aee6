"""Fill one output column from the rows next to it: the work behind the ``FLASHFILL`` function.

The output cells the user typed are the examples; the blank ones whose row has
some input are the targets.  The program is learned once per column (never per
cell), then run on every target row; typed cells are returned unchanged and rows
where the program is undefined come back empty.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from .cells import as_column, as_grid, cell_text, is_blank, shows_text, text_rows

Row = tuple[str, ...]

#: How many unlabeled rows the learner sees at most.  They only steer the
#: ranking between programs that fit the examples, so an evenly spaced sample
#: keeps learning fast on a column of a million rows.
SAMPLE_LIMIT = 1000


class Program(Protocol):
    """What ``flashfill.learn`` returns."""

    def __call__(self, row: Row) -> str | None: ...

    def explain(self) -> str: ...


Learner = Callable[..., Program]


class NoExamplesError(ValueError):
    """The output column has no typed cell to learn from."""


@dataclass(frozen=True)
class ColumnTask:
    """One column to fill.

    ``rows`` are the input rows as text, ``outputs`` the output cells as given,
    ``examples`` the indexes of typed output cells that show text, ``targets`` the indexes of
    blank output cells whose row has at least one non-blank input.
    """

    rows: list[Row]
    outputs: list[Any]
    examples: list[int]
    targets: list[int]

    def example_pairs(self) -> list[tuple[Row, str]]:
        """The examples as ``(row, output text)`` pairs, in row order."""
        return [(self.rows[i], cell_text(self.outputs[i])) for i in self.examples]


def plan_column(inputs: Any, outputs: Any) -> ColumnTask:
    """Read an input range and an output column into a ``ColumnTask``.

    Raises ``ValueError`` when the two ranges differ in height or the output
    range is wider than one column.
    """
    grid = as_grid(inputs)
    column = as_column(outputs)
    if len(grid) != len(column):
        raise ValueError(
            f"inputs has {len(grid)} rows but outputs has {len(column)}: "
            "give both ranges the same rows"
        )
    rows = text_rows(grid)
    examples = [i for i, value in enumerate(column) if shows_text(value)]
    targets = [
        i for i, value in enumerate(column) if is_blank(value) and any(rows[i])
    ]
    return ColumnTask(rows=rows, outputs=column, examples=examples, targets=targets)


def sample_rows(rows: Sequence[Row], limit: int = SAMPLE_LIMIT) -> list[Row]:
    """Up to ``limit`` distinct rows, spread evenly over ``rows``, in order."""
    distinct = list(dict.fromkeys(rows))
    if len(distinct) <= limit:
        return distinct
    step = len(distinct) / limit
    return [distinct[int(k * step)] for k in range(limit)]


def row_numbers(indexes: Sequence[int]) -> str:
    """``[1, 4]`` → ``"rows 2 and 5"`` (1-based, as a user counts)."""
    numbers = [str(i + 1) for i in indexes]
    if not numbers:
        return "the examples"
    if len(numbers) == 1:
        return f"row {numbers[0]}"
    return "rows " + ", ".join(numbers[:-1]) + " and " + numbers[-1]


class ProgramCache:
    """Remembers the last few learned programs.

    A spreadsheet recalculates a formula whenever a cell it reads changes; when neither
    the examples nor the sampled rows changed, the program is the same.
    """

    def __init__(self, size: int = 16) -> None:
        self._size = size
        self._programs: OrderedDict[tuple[Any, ...], Program] = OrderedDict()

    def learn(self, learner: Learner, examples: list[tuple[Row, str]], inputs: list[Row]) -> Program:
        """``learner(examples, inputs=inputs)``, or the program it gave before."""
        key = (learner, tuple(examples), tuple(inputs))
        if key in self._programs:
            self._programs.move_to_end(key)
            return self._programs[key]
        program = learner(examples, inputs=inputs)
        self._programs[key] = program
        if len(self._programs) > self._size:
            self._programs.popitem(last=False)
        return program


def learn_column(task: ColumnTask, learner: Learner, cache: ProgramCache | None = None) -> Program:
    """Learn the program for a column.

    Raises ``NoExamplesError`` when no output cell is typed.  A learner error
    whose ``example_indexes`` name examples is raised again with those
    examples' row numbers (1-based within the range) in its message.
    """
    if not task.examples:
        raise NoExamplesError("type at least one example in the output column")
    examples = task.example_pairs()
    inputs = sample_rows([task.rows[i] for i in task.targets])
    try:
        if cache is None:
            return learner(examples, inputs=inputs)
        return cache.learn(learner, examples, inputs)
    except ValueError as error:
        indexes = getattr(error, "example_indexes", ())
        if not indexes:
            raise
        rows = [task.examples[i] for i in indexes if 0 <= i < len(task.examples)]
        raise restate(error, f"see {row_numbers(rows)} of the range") from error


def restate(error: ValueError, where: str) -> ValueError:
    """The learner's error again, same type and ``example_indexes``, saying where to look."""
    return type(error)(f"{error} ({where})", getattr(error, "example_indexes", ()))


def run_program(program: Program, rows: Sequence[Row], indexes: Sequence[int]) -> dict[int, str | None]:
    """The program's output on each row in ``indexes``, computing each distinct row once."""
    seen: dict[Row, str | None] = {}
    results: dict[int, str | None] = {}
    for i in indexes:
        row = rows[i]
        if row not in seen:
            seen[row] = program(row)
        results[i] = seen[row]
    return results


def filled_values(task: ColumnTask, results: dict[int, str | None]) -> list[Any]:
    """The output column with each target replaced by its result ('' if undefined)."""
    column = list(task.outputs)
    for i, value in results.items():
        column[i] = "" if value is None else value
    return [("" if value is None else value) for value in column]


def fill_column(inputs: Any, outputs: Any, learner: Learner, cache: ProgramCache | None = None) -> list[Any]:
    """The output column, typed cells unchanged, blank cells filled.

    With no typed cell there is nothing to learn from and the column comes
    back as it is (blanks as '').
    """
    task = plan_column(inputs, outputs)
    if not task.examples:
        return filled_values(task, {})
    program = learn_column(task, learner, cache)
    return filled_values(task, run_program(program, task.rows, task.targets))
