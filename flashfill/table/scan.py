"""First pass over a table: column statistics, the typed examples and a row sample.

One streaming pass gathers, for every column that may become the target, the rows
where it is typed (the examples) and a spread sample of the rows where it is blank
(the unlabeled inputs the learner ranks programs with).  Memory stays bounded: each
column keeps at most a fixed number of rows whatever the length of the file.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import compress
from operator import not_

from flashfill.table.columns import ColumnStats
from flashfill.table.sample import SpreadSample

Row = Sequence[str]
"""A data row as text; a blank cell is the empty string and short rows are padded."""

MAX_EXAMPLES = 1000
MAX_SAMPLE = 2000
ROW_BUDGET = 60_000
"""Rows kept over all columns when the target is not known yet (bounds memory on wide files)."""


@dataclass
class Collected:
    """The rows one column could learn from: typed rows and a sample of its blank rows."""

    examples: SpreadSample[tuple[int, Row]]
    blanks: SpreadSample[tuple[int, Row]]


@dataclass
class Scan:
    """What the first pass found."""

    stats: list[ColumnStats]
    collected: dict[int, Collected]
    rows: int = 0

    @property
    def headers(self) -> list[str]:
        return [s.header for s in self.stats]


def scan(headers: Sequence[str], chunks: Iterable[tuple[int, list[Row]]], only: int | None = None) -> Scan:
    """Read the table once, chunk by chunk; collect rows for column ``only`` or for every column.

    ``chunks`` yields (row number of the chunk's first row, rows).  The work per chunk
    is done column by column with C-level operations, so a million-row file costs
    little more than parsing it.
    """
    stats = [ColumnStats(header=h) for h in headers]
    columns = [only] if only is not None else list(range(len(stats)))
    share = max(ROW_BUDGET // max(len(columns), 1), 20)
    ex_cap = min(MAX_EXAMPLES, share // 3)
    sample_cap = min(MAX_SAMPLE, share - ex_cap)
    collected: dict[int, Collected] = {}
    count = 0
    for first, rows in chunks:
        count += len(rows)
        prepared = _by_column(first, rows)
        if prepared is None:
            continue
        numbers, rows, columns_cells = prepared
        width = len(columns_cells)
        if width > len(stats):
            stats.extend(ColumnStats(in_header=False) for _ in range(width - len(stats)))
            if only is None:
                columns = list(range(width))
        for c, cells in enumerate(columns_cells):
            if c not in columns and stats[c].filled_anything:
                continue
            blanks = cells.count("")
            column = stats[c]
            if blanks < len(cells):
                column.filled_anything = True
            if c not in columns:
                continue
            found = collected.get(c)
            if found is None:
                found = collected[c] = Collected(SpreadSample(ex_cap), SpreadSample(sample_cap))
            if blanks < len(cells):
                typed = range(len(cells)) if not blanks else list(compress(range(len(cells)), cells))
                column.typed += len(typed)
                found.examples.add_many(_Picked(typed, numbers, rows))
            if blanks:
                empty = range(len(cells)) if blanks == len(cells) else list(compress(range(len(cells)), map(not_, cells)))
                column.blank += blanks
                found.blanks.add_many(_Picked(empty, numbers, rows))
    for c in columns:
        collected.setdefault(c, Collected(SpreadSample(ex_cap), SpreadSample(sample_cap)))
    return Scan(stats, collected, count)


def _by_column(first: int, rows: list[Row]) -> tuple[Sequence[int], list[Row], list[tuple[str, ...]]] | None:
    """The chunk's rows that hold something, with their row numbers, padded to one width,
    and their cells column by column; None when every row is empty.

    The common chunk (rows of one width, some column without a blank cell, so no empty
    row) costs two C-level passes: one over the row lengths and one transposition.
    """
    numbers: Sequence[int] = range(first, first + len(rows))
    lengths = set(map(len, rows))
    if len(lengths) == 1 and 0 not in lengths:
        columns = list(zip(*rows))
        if any("" not in cells for cells in columns):
            return numbers, rows, columns
    if not all(map(any, rows)):
        kept = [(n, r) for n, r in zip(numbers, rows) if any(r)]
        numbers, rows = [n for n, _ in kept], [r for _, r in kept]
    if not rows:
        return None
    width = max(map(len, rows))
    if min(map(len, rows)) < width:
        rows = [r if len(r) == width else list(r) + [""] * (width - len(r)) for r in rows]
    return numbers, rows, list(zip(*rows))


class _Picked(Sequence[tuple[int, Row]]):
    """(row number, row) pairs at some positions of a chunk, built only when read."""

    def __init__(self, positions: Sequence[int], numbers: Sequence[int], rows: list[Row]) -> None:
        self.positions, self.numbers, self.rows = positions, numbers, rows

    def __len__(self) -> int:
        return len(self.positions)

    def __getitem__(self, k: int) -> tuple[int, Row]:  # type: ignore[override]
        p = self.positions[k]
        return self.numbers[p], self.rows[p]
