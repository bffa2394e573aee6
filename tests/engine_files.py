"""A CSV to fill, its saved program, and the default engine's filled rows, for the
``apply --engine`` tests."""

from __future__ import annotations

import csv
from pathlib import Path

from flashfill.cli import main

ROWS = [
    ["Name", "Phone", "Shown"],
    ["Ann Lee", "425-555-1234", "(425) 555-1234"],
    ["Bo, \"the\" Kid", "206-555-9876", ""],
    ["Zoë Šimůnek", "360-555-0000", "(360) 555-0000"],
    ["", "", ""],
    ["Cy", "n/a", ""],
    ["Dee", "212-555-7777", "kept as typed"],
    ["Łódź office", "  503-555-1111", ""],
]


def make_csv(folder: Path) -> Path:
    path = folder / "people.csv"
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(ROWS)
    return path


EXAMPLES = [
    ["Name", "Phone", "Shown"],
    ["Ann Lee", "425-555-1234", "(425) 555-1234"],
    ["Zoë Šimůnek", "360-555-0000", "(360) 555-0000"],
    ["Cy", "206-555-9876", ""],
]


def saved_program(folder: Path, source: Path) -> Path:
    """The program learned from a file of examples, saved for ``source``'s columns."""
    examples = folder / "examples.csv"
    with open(examples, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(EXAMPLES)
    saved = folder / "phone.json"
    assert main(["learn", str(examples), "--target", "Shown", "--inputs", "Phone", "--save", str(saved)]) == 0
    return saved


def read_rows(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def default_rows(folder: Path, saved: Path, source: Path) -> list[list[str]]:
    """What ``flashfill apply`` (the default engine) writes, as parsed rows."""
    out = folder / "default.csv"
    assert main(["apply", str(saved), str(source), "-o", str(out), "-q"]) == 0
    rows = read_rows(out)
    assert rows[2][2] == "(206) 555-9876" and rows[6][2] == "kept as typed" and rows[5][2] == ""
    return rows
