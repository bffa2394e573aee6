"""What a fill did, counted while it runs and told to the user at the end."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

LISTED = 20
"""Row numbers shown in the summary per category; the rest are counted."""
SAMPLES = 3
"""Filled values shown in the summary, so that a glance tells whether the fill is right."""


@dataclass
class Report:
    """Counts and row numbers of one fill (or learn, or apply) run."""

    source: str
    target: str = ""
    inputs: str = ""
    examples: list[int] = field(default_factory=list)
    filled: int = 0
    samples: list[tuple[int, str]] = field(default_factory=list)
    unsure: int = 0
    unsure_rows: list[tuple[int, tuple[str, ...]]] = field(default_factory=list)
    undefined: int = 0
    undefined_rows: list[int] = field(default_factory=list)
    empty_inputs: int = 0
    explanation: str = ""
    output: Path | None = None
    backup: Path | None = None
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)
    marks_in_file: bool = False

    def add_unsure(self, row: int, outputs: tuple[str, ...]) -> None:
        self.unsure += 1
        if len(self.unsure_rows) < LISTED:
            self.unsure_rows.append((row, outputs))

    def add_sample(self, row: int, value: str) -> None:
        """Keep one of the first few filled values (row number, value) for the summary."""
        if len(self.samples) < SAMPLES:
            self.samples.append((row, value))

    def add_undefined(self, row: int) -> None:
        self.undefined += 1
        if len(self.undefined_rows) < LISTED:
            self.undefined_rows.append(row)

    def summary(self) -> str:
        """Several lines for the terminal: what was filled, what to check, the program, the time."""
        lines = [f"{self.source}: filled {self.target} from {self.inputs}"]
        for note in self.notes:
            lines.append(f"  note: {note}")
        if self.examples:
            lines.append(f"  learned from {_count(len(self.examples), 'typed row')}: {_rows(self.examples, len(self.examples))}")
        shown = ", ".join(f"row {row}: {value!r}" for row, value in self.samples)
        lines.append(f"  filled     {_count(self.filled, 'cell')}" + (f", e.g. {shown}" if shown else ""))
        where = " (highlighted, alternatives in the cell comments)" if self.marks_in_file else ""
        lines.append(f"  unsure     {_count(self.unsure, 'row')}{where}")
        for row, outputs in self.unsure_rows:
            shown = " | ".join(repr(o) for o in outputs)
            lines.append(f"    row {row}: {shown}")
        if self.unsure > len(self.unsure_rows):
            lines.append(f"    ... and {self.unsure - len(self.unsure_rows)} more")
        lines.append(f"  undefined  {_count(self.undefined, 'row')} (left blank)"
                     + (f": {_rows(self.undefined_rows, self.undefined)}" if self.undefined else ""))
        if self.empty_inputs:
            lines.append(f"  skipped    {_count(self.empty_inputs, 'row')} with empty inputs (left blank)")
        if self.explanation:
            lines.append("program:")
            lines.extend("  " + line for line in self.explanation.splitlines())
        if self.output is not None:
            lines.append(f"wrote {self.output}" + (f" (backup: {self.backup})" if self.backup else "")
                         + f" in {self.seconds:.2f} s")
        return "\n".join(lines)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def _rows(rows: list[int], total: int) -> str:
    shown = ", ".join(str(r) for r in rows[:LISTED])
    return shown + (f", ... ({total - LISTED} more)" if total > LISTED else "")
