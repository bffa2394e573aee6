"""A stand-in learning session for the spreadsheet tests: what the sheet rules need of ``flashfill.Session``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

Row = tuple[str, ...]


@dataclass(frozen=True)
class Unsure:
    index: int
    row: Row
    outputs: tuple[str | None, ...]


class FakeSession:
    """Session stand-in: initials of the first input, undefined when it is '?'."""

    instances: list[FakeSession] = []

    def __init__(self, unsure: tuple[int, ...] = (), error: ValueError | None = None) -> None:
        self.examples: list[tuple[Row, str]] = []
        self.inputs: list[Row] = []
        self.unsure = unsure
        self.error = error
        FakeSession.instances.append(self)

    def add_example(self, row: Row, output: str) -> None:
        self.examples.append((row, output))

    def add_inputs(self, rows: list[Row]) -> None:
        self.inputs.extend(rows)

    def learn(self) -> Any:
        if self.error is not None:
            raise self.error

        def program(row: Row) -> str | None:
            if row[0] == "?":
                return None
            return "".join(w[0] for w in row[0].split()).upper()

        return program

    def unsure_rows(self) -> list[Unsure]:
        return [Unsure(i, self.inputs[i], ("X", "Y")) for i in self.unsure]


class LearnError(ValueError):
    def __init__(self, message: str, example_indexes: tuple[int, ...] = ()) -> None:
        super().__init__(message)
        self.example_indexes = example_indexes


SHEET = [
    ["Name", "Initials"],
    ["John Smith", "JS"],
    ["mary ann lee", None],
    ["Bob Ray", None],
    ["Ann Bell", "ab!"],
    ["?", None],
    ["Carl Dean", None],
]
