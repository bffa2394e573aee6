"""The fill pipeline: scan the table, choose the columns, learn, then write the filled copy.

Format-independent: a table (CSV or XLSX) supplies ``headers()``, ``chunks()`` and
``write()``; this module decides what to learn from and what to fill, and tells the
user in a ``Report``.  The learner is a parameter so the pipeline can be tested
without the engine.
"""

from __future__ import annotations

import gc
import json
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from flashfill.progress import NoProgress, Progress
from flashfill.table.atomic import Snapshot, atomic_path, backup_path, check_replaceable, check_writable
from flashfill.table.atomic import output_path, remove_stale_temporaries
from flashfill.table.columns import Choice, ColumnStats, candidates, choose, describe, letter, other_targets, resolve
from flashfill.table.constant import always_fixed, constancy
from flashfill.table.csvtable import CsvTable
from flashfill.table.errors import NotLearnedError, TableError
from flashfill.table.filler import Filler
from flashfill.table.formulas import FormulaFiller
from flashfill.table.learner import Inputs, Learned, Learner, learn_error_type, load_program, session_learner
from flashfill.table.report import Report
from flashfill.table.scan import Row, Scan, scan

if TYPE_CHECKING:  # openpyxl is imported when an XLSX file is opened, so flashfill.table.cells loads without it
    from flashfill.table.xlsxtable import XlsxTable

ProgressFactory = Callable[[str, int], Progress]
SAVED_FORMAT = "flashfill-program"

Table = "CsvTable | XlsxTable"


@dataclass
class Columns:
    """Column choices given by the user (header names or letters; None: use the rule).

    ``allow_constant``: fill even with a program that writes fixed text rather than
    computing the target from its inputs (refused otherwise, see ``flashfill.table.constant``).
    """

    target: str | None = None
    inputs: list[str] | None = None
    sheet: str | None = None
    allow_constant: bool = False


@dataclass
class Destination:
    """Where the filled file goes (``output`` may be given as a str); ``force`` replaces read-only files."""

    output: Path | None = None
    in_place: bool = False
    backup: bool = True
    force: bool = False

    def __post_init__(self) -> None:
        if self.output is not None:
            self.output = Path(self.output)


@dataclass
class Learning:
    """What learning produced, with the columns and the typed rows it used."""

    learned: Learned
    choice: Choice
    headers: list[str]
    example_rows: list[int] = field(default_factory=list)


def check_source(path: Path) -> None:
    """TableError unless ``path`` is an existing file."""
    if not path.exists():
        raise TableError(f"{path}: no such file")
    if path.is_dir():
        raise TableError(f"{path}: is a folder, not a file")


def open_table(path: str | Path, sheet: str | None = None) -> Table:
    """The table in ``path`` by its extension; TableError for missing or unsupported files."""
    path = Path(path)
    check_source(path)
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm", ".xls"):
        from flashfill.table.xlsxtable import XlsxTable

        return XlsxTable(path, sheet)
    if suffix in (".csv", ".tsv", ".txt"):
        if sheet is not None:
            raise TableError(f"{path}: --sheet only applies to workbooks")
        return CsvTable(path)
    raise TableError(f"{path}: unsupported file type {suffix or '(none)'}; use .csv or .xlsx")


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector during a pass over millions of rows.

    The passes create no reference cycles, but allocating millions of lists makes
    the collector run thousands of times for nothing (about a third of a pass).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def scan_table(table: Table, columns: Columns, progress: ProgressFactory) -> Scan:
    """The first pass over the table."""
    headers = table.headers()
    only = resolve(columns.target, headers, table.where) if columns.target is not None else None
    bar = progress("reading", table.size)
    try:
        with gc_paused():
            return scan(headers, table.chunks(bar), only)
    finally:
        bar.close()


def inputs_of(row: Row, inputs: Sequence[int]) -> Inputs:
    """The input cells of a row, blank for cells past its end."""
    return tuple(row[i] if i < len(row) else "" for i in inputs)


def learn_table(table: Table, columns: Columns, learner: Learner, progress: ProgressFactory = NoProgress,
                need_blanks: bool = True) -> Learning:
    """Scan ``table``, choose the columns and learn from the typed target cells."""
    found = scan_table(table, columns, progress)
    choice = choose(found.stats, table.where, columns.target, columns.inputs, need_blanks=need_blanks)
    choice.notes.extend(table.check_read(choice))
    headers = found.headers
    collected = found.collected[choice.target]
    typed = [(n, row) for n, row in collected.examples.items if row[choice.target].strip()]
    if not typed:
        raise NotLearnedError(f"{table.where}: {describe(choice.target, headers)} has no typed cell to learn from "
                              "(only spaces); type the wanted output in two or three of its rows")
    numbers = [n for n, _ in typed]
    examples = [(inputs_of(row, choice.inputs), row[choice.target]) for _, row in typed]
    _check_contradictions(table.where, numbers, examples)
    sample = [v for v in (inputs_of(row, choice.inputs) for _, row in collected.blanks.items) if any(v)]
    try:
        learned = learner(examples, sample)
    except learn_error_type() as error:
        raise _not_learned(table.where, describe(choice.target, headers), numbers, error) from error
    _check_explained(table.where, found.stats, choice, learned.program, examples, columns.allow_constant)
    return Learning(learned, choice, headers, numbers)


def _check_explained(where: str, stats: list[ColumnStats], choice: Choice, program: Any,
                     examples: list[tuple[Inputs, str]], allowed: bool) -> None:
    """TableError when fixed text, not the inputs, explains most typed cells of the target
    (a notes column): filling would make up values.  ``allowed`` turns it into a note."""
    found = constancy(program, examples)
    if found is None or not found.unexplained:
        return
    headers = [s.header for s in stats]
    target = describe(choice.target, headers)
    texts = ", ".join(map(repr, found.texts[:3])) + (", ..." if len(found.texts) > 3 else "")
    if allowed:
        choice.notes.append(f"{target} is filled with fixed text ({texts}) where no input explains it, "
                            "as --allow-constant asks")
        return
    if found.fixed < found.examples:
        how = f"{found.fixed} of its {found.examples} typed cells are fixed text that no input explains"
    elif len(found.texts) > 1:
        how = "the program learned from its typed cells only picks one of a few fixed texts by tests on the inputs"
    else:
        how = "the program learned from its typed cells only writes fixed text"
    others = other_targets(stats, choice.target)
    instead = ""
    if others:
        pick = f"--target {letter(others[0])}" if len(others) == 1 else "--target with one of them"
        instead = f"; columns that could be filled instead: {candidates(stats, others)} ({pick})"
    inputs = ", ".join(describe(i, headers) for i in choice.inputs)
    anyway = "those texts if it is a category the inputs decide" if len(found.texts) > 1 else "that text anyway"
    raise TableError(f"{where}: {target} is not filled: it is not computed from {inputs}: {how} ({texts}), "
                     f"which would make up values for its other rows{instead}; pass --allow-constant "
                     f"to fill {target} with {anyway}")


def _check_contradictions(where: str, numbers: list[int], examples: list[tuple[Inputs, str]]) -> None:
    """Two typed rows with the same inputs and different outputs cannot both be right."""
    seen: dict[Inputs, int] = {}
    for k, (values, output) in enumerate(examples):
        first = seen.setdefault(values, k)
        if examples[first][1] != output:
            shown = " | ".join(values)
            raise NotLearnedError(
                f"{where}: rows {numbers[first]} and {numbers[k]} contradict each other: the same input "
                f"{shown!r} is typed as {examples[first][1]!r} and as {output!r}; correct one of them")


def _not_learned(where: str, column: str, numbers: list[int], error: Exception) -> NotLearnedError:
    indexes = [i for i in getattr(error, "example_indexes", ()) if 0 <= i < len(numbers)]
    rows = [numbers[i] for i in indexes]
    if len(rows) == 1:
        at = f" (row {rows[0]})"
    elif rows:
        at = " (rows " + ", ".join(map(str, rows[:-1])) + f" and {rows[-1]})"
    else:
        at = ""
    return NotLearnedError(f"{where}: nothing could be learned from the typed cells of {column}{at}: {error}")


def fill(path: str | Path, columns: Columns | None = None, destination: Destination | None = None,
         learner: Learner = session_learner, progress: ProgressFactory = NoProgress,
         formulas: bool = False) -> Report:
    """Learn from the typed cells of the target column and write the filled copy (with
    ``formulas``, an XLSX gets Excel formulas computing the values instead)."""
    started = time.monotonic()
    path, columns, destination = Path(path), columns or Columns(), destination or Destination()
    check_source(path)
    dest, cleaned = prepare_destination(path, destination)
    snapshot = Snapshot.of(path)
    table = open_table(path, columns.sheet)
    if formulas and isinstance(table, CsvTable):
        raise TableError(f"{path}: --formulas writes Excel formulas, which need an .xlsx or .xlsm file")
    learning = learn_table(table, columns, learner, progress)
    report = _report(table, learning.choice, learning.headers, cleaned)
    report.examples = learning.example_rows
    for index, given, expected in learning.learned.suspicious:
        if 0 <= index < len(learning.example_rows):
            hint = f"; the other examples suggest {expected!r}" if expected is not None else ""
            report.notes.append(f"row {learning.example_rows[index]}: the typed {given!r} looks like a typo{hint}")
    report.explanation = explain(learning.learned.program, learning.headers, learning.choice)
    if formulas:
        filler: Filler = FormulaFiller(learning.learned, report, learning.choice, table.where)
    else:
        filler = Filler(learning.learned, report, len(learning.choice.inputs))
    _write(table, dest, destination, learning.choice, filler, progress, report, snapshot)
    report.seconds = time.monotonic() - started
    return report


def apply(saved: str | Path, path: str | Path, columns: Columns | None = None,
          destination: Destination | None = None, progress: ProgressFactory = NoProgress) -> Report:
    """Fill ``path`` with a program saved by ``flashfill learn --save`` (no learning)."""
    started = time.monotonic()
    saved, path = Path(saved), Path(path)
    columns, destination = columns or Columns(), destination or Destination()
    program, saved_target, saved_inputs = read_saved(saved)
    columns = Columns(columns.target or saved_target, columns.inputs or saved_inputs, columns.sheet,
                      columns.allow_constant)
    check_source(path)
    dest, cleaned = prepare_destination(path, destination)
    snapshot = Snapshot.of(path)
    table = open_table(path, columns.sheet)
    found = scan_table(table, columns, progress)
    choice = choose(found.stats, table.where, columns.target, columns.inputs, need_examples=False)
    choice.notes.extend(table.check_read(choice))
    if always_fixed(program) and not columns.allow_constant:
        raise TableError(f"{saved}: the program only writes fixed text, whatever the inputs; it would make up the "
                         f"values of {describe(choice.target, found.headers)} in {table.where}; pass "
                         "--allow-constant to fill with it anyway")
    needed = getattr(program, "columns", None)
    if isinstance(needed, int) and needed != len(choice.inputs):
        raise TableError(f"{saved}: the program reads {needed} input columns, but {len(choice.inputs)} "
                         f"were chosen in {table.where}; name them with --inputs")
    report = _report(table, choice, found.headers, cleaned)
    report.explanation = explain(program, found.headers, choice)
    _write(table, dest, destination, choice, Filler(Learned(program), report, len(choice.inputs)), progress, report,
           snapshot)
    report.seconds = time.monotonic() - started
    return report


def prepare_destination(source: Path, destination: Destination) -> tuple[Path, list[Path]]:
    """The output file, checked before any work: its folder exists, it is not read-only
    (unless forced); and the temporaries that killed runs left in that folder, now removed."""
    dest = output_path(source, destination.output, destination.in_place, destination.backup)
    check_writable(dest)
    check_replaceable(dest, destination.force)
    return dest, remove_stale_temporaries(dest.parent)


def _report(table: Table, choice: Choice, headers: list[str], cleaned: list[Path]) -> Report:
    report = Report(table.where, describe(choice.target, headers),
                    ", ".join(describe(i, headers) for i in choice.inputs), marks_in_file=table.marks_in_file)
    report.notes.extend(choice.notes)
    for temp in cleaned:
        report.notes.append(f"removed {temp.name}, the temporary file of an earlier run that was killed")
    return report


def _write(table: Table, dest: Path, destination: Destination, choice: Choice, filler: Filler,
           progress: ProgressFactory, report: Report, snapshot: Snapshot) -> None:
    backup = backup_path(dest) if destination.in_place and destination.backup else None
    bar = progress("filling", max(table.records, 1) if isinstance(table, CsvTable) else table.size)
    try:
        with atomic_path(dest, backup, snapshot) as temp, gc_paused():
            table.write(temp, choice, filler, bar)
    finally:
        bar.close()
    report.output, report.backup = dest, backup


def explain(program: Any, headers: list[str], choice: Choice) -> str:
    """The program in words, naming its input columns by their headers when the engine can."""
    names = [headers[i].strip() if i < len(headers) and headers[i].strip() else letter(i) for i in choice.inputs]
    try:
        return program.explain(names)
    except TypeError:
        return program.explain()


def saved_text(learning: Learning) -> str:
    """The JSON saved by ``flashfill learn --save``: the program and the columns it reads and fills."""
    def ref(i: int) -> str:
        header = learning.headers[i].strip() if i < len(learning.headers) else ""
        return header or letter(i)
    program = json.loads(learning.learned.program.to_json())
    body = {"format": SAVED_FORMAT, "version": 1, "target": ref(learning.choice.target),
            "inputs": [ref(i) for i in learning.choice.inputs], "program": program}
    return json.dumps(body, ensure_ascii=False, indent=2) + "\n"


def read_saved(saved: Path) -> tuple[Any, str | None, list[str] | None]:
    """(program, target, inputs) from a saved file; a bare ``Program.to_json()`` file also works."""
    try:
        body = json.loads(saved.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise TableError(f"{saved}: no such file") from error
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise TableError(f"{saved}: not a saved program ({error})") from error
    if isinstance(body, dict) and body.get("format") == SAVED_FORMAT:
        text, target, inputs = json.dumps(body["program"]), body.get("target"), body.get("inputs")
    else:
        text, target, inputs = json.dumps(body), None, None
    try:
        return load_program(text), target, inputs
    except (ValueError, KeyError, TypeError) as error:
        raise TableError(f"{saved}: not a saved program ({error})") from error
