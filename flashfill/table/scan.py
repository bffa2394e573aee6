"""First pass over a table: column statistics, the typed examples and a row sample.

One streaming pass gathers, for every column that may become the target, the rows
where it is typed (the examples) and a spread sample of the rows where it is blank
(the unlabeled inputs the learner ranks programs with).  Memory stays bounded: each
column keeps at most a fixed number of rows whatever the length of the file.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

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
    extra: dict[str, int] = field(default_factory=dict)

    @property
    def headers(self) -> list[str]:
        return [s.header for s in self.stats]


def scan(headers: Sequence[str], rows: Iterable[tuple[int, Row]], only: int | None = None) -> Scan:
    """Read every (row number, cells) pair once; collect for column ``only`` or for all columns."""
    stats = [ColumnStats(header=h) for h in headers]
    width = len(stats)
    columns = [only] if only is not None else list(range(width))
    share = max(ROW_BUDGET // max(len(columns), 1), 20)
    ex_cap = min(MAX_EXAMPLES, share // 3)
    sample_cap = min(MAX_SAMPLE, share - ex_cap)
    collected = {c: Collected(SpreadSample(ex_cap), SpreadSample(sample_cap)) for c in columns}
    count = 0
    for number, row in rows:
        count += 1
        if len(row) > width:
            for i in range(width, len(row)):
                stats.append(ColumnStats())
                if only is None:
                    collected[i] = Collected(SpreadSample(ex_cap), SpreadSample(sample_cap))
                    columns.append(i)
            width = len(row)
        filled = 0
        for i, cell in enumerate(row):
            if cell:
                filled += 1
                stats[i].filled_anything = True
        if not filled:
            continue
        for c in columns:
            cell = row[c] if c < len(row) else ""
            if cell:
                if cell.strip():
                    stats[c].typed += 1
                    collected[c].examples.add((number, row))
            else:
                stats[c].blank += 1
                collected[c].blanks.add((number, row))
    return Scan(stats, collected, count)
