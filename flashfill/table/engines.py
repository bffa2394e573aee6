"""``flashfill apply --engine polars|duckdb|spark``: a saved program filling a CSV or Parquet
file inside a data engine, as the program's native expression (``flashfill.codegen``).

The values are the default engine's: a typed target cell is kept, a blank one (empty or
missing) gets the program's output, left blank where the program gives none or where
every input is blank.  The columns come from the saved program or ``--target``/
``--inputs`` by header name or letter, as for the default engine.  The output is
written to a temporary file beside the destination and renamed over it.
"""

from __future__ import annotations

import csv
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flashfill.table.atomic import atomic_path, backup_path, check_writable, output_path
from flashfill.table.columns import Choice, describe, letter, resolve
from flashfill.table.csvfile import detect_encoding, detect_format
from flashfill.table.errors import TableError
from flashfill.table.fill import Columns, Destination, check_source, explain, read_saved

ENGINES = ("polars", "duckdb", "spark")


@dataclass
class EngineRun:
    """What one engine run did, for the summary."""

    source: str
    engine: str
    target: str
    inputs: str
    steps: str
    explanation: str
    output: Path
    backup: Path | None = None
    seconds: float = 0.0

    def summary(self) -> str:
        lines = [f"{self.source}: filled {self.target} from {self.inputs} with {self.engine}",
                 f"  {self.steps.splitlines()[0]}"]
        lines += [f"  {line.strip()}" for line in self.steps.splitlines()[1:]]
        lines.append("program:")
        lines += ["  " + line for line in self.explanation.splitlines()]
        backup = f" (backup: {self.backup})" if self.backup else ""
        lines.append(f"wrote {self.output}{backup} in {self.seconds:.2f} s")
        return "\n".join(lines)


@dataclass(frozen=True)
class Source:
    """The file as an engine reads it: its kind, its header and, for CSV, the delimiter."""

    path: Path
    kind: str
    headers: list[str]
    delimiter: str = ","


def apply_with_engine(engine: str, saved: Path, path: Path, columns: Columns | None = None,
                      destination: Destination | None = None) -> EngineRun:
    """Fill ``path`` (CSV or Parquet) with the saved program, run by ``engine``."""
    started = time.monotonic()
    if engine not in ENGINES:
        raise TableError(f"unknown engine {engine!r}: choose one of {', '.join(ENGINES)}")
    columns, destination = columns or Columns(), destination or Destination()
    program, saved_target, saved_inputs = read_saved(saved)
    check_source(path)
    source = _source(path)
    dest = _destination(path, source.kind, destination)
    check_writable(dest)
    choice = _choose(source, columns.target or saved_target, columns.inputs or saved_inputs)
    if program.columns != len(choice.inputs):
        raise TableError(f"{saved}: the program reads {program.columns} input columns, but {len(choice.inputs)} "
                         f"were chosen in {path}; name them with --inputs")
    run = _RUNNERS[engine]
    backup = backup_path(dest) if destination.in_place and destination.backup else None
    with atomic_path(dest, backup) as temp:
        try:
            steps = run(program, source, choice, temp)
        except TableError:
            raise
        except Exception as error:  # the engine's own message says what it could not read or do
            reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
            raise TableError(f"{path}: {engine} could not fill it: {reason}") from error
    return EngineRun(str(path), engine, describe(choice.target, source.headers),
                     ", ".join(describe(i, source.headers) for i in choice.inputs), steps,
                     explain(program, source.headers, choice), dest, backup, time.monotonic() - started)


def _source(path: Path) -> Source:
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        pq = _import("pyarrow.parquet", "polars")
        try:
            names = pq.read_schema(path).names
        except Exception as error:  # pyarrow says what is wrong with the file
            raise TableError(f"{path}: not a Parquet file ({error})") from error
        return _checked(Source(path, "parquet", names))
    if suffix not in (".csv", ".tsv", ".txt"):
        raise TableError(f"{path}: unsupported file type {suffix or '(none)'} for an engine; use .csv or .parquet")
    encoding = detect_encoding(path)
    fmt = detect_format(path, encoding)
    if encoding != "utf-8" or fmt.quotechar != '"' or fmt.escapechar or fmt.skipinitialspace or not fmt.doublequote:
        raise TableError(f"{path}: the engines read UTF-8 CSV (no byte-order mark) with standard quoting; "
                         "apply without --engine for this file")
    with open(path, encoding="utf-8", newline="") as f:
        headers = next(csv.reader(f, fmt.dialect()), None)
    if headers is None:
        raise TableError(f"{path}: the file is empty")
    return _checked(Source(path, "csv", headers, fmt.delimiter))


def _checked(source: Source) -> Source:
    """Engines name columns by their headers: every header must be there and unique."""
    seen: set[str] = set()
    for i, header in enumerate(source.headers):
        if not header.strip() or header in seen:
            raise TableError(f"{source.path}: column {letter(i)} has an empty or repeated header; "
                             "the engines need a unique name for every column")
        seen.add(header)
    return source


def _destination(path: Path, kind: str, destination: Destination) -> Path:
    """Where the filled file goes: as for the default engine, and Parquet stays Parquet."""
    if kind == "csv" or destination.in_place:
        return output_path(path, destination.output, destination.in_place)
    if destination.output is None:
        return path.with_name(f"{path.stem}.filled.parquet")
    if destination.output.suffix.lower() != ".parquet":
        raise TableError(f"{destination.output}: the output of a Parquet file must be a .parquet file")
    if destination.output.exists() and os.path.samefile(destination.output, path):
        raise TableError(f"{destination.output}: -o names the input file; use --in-place (it keeps a backup)")
    return destination.output


def _choose(source: Source, target: str | None, inputs: list[str] | None) -> Choice:
    where = str(source.path)
    if target is None:
        raise TableError(f"{where}: name the column to fill with --target (the saved program does not name it)")
    t = resolve(target, source.headers, where)
    if inputs:
        ins = tuple(resolve(ref, source.headers, where) for ref in inputs)
    else:
        ins = tuple(range(t))
    if t in ins:
        raise TableError(f"{where}: {describe(t, source.headers)} cannot be both the target and an input")
    if not ins:
        raise TableError(f"{where}: no input column; name them with --inputs")
    return Choice(t, ins)


def _import(module: str, extra: str) -> Any:
    try:
        return __import__(module, fromlist=["_"])
    except ImportError as error:
        raise TableError(f"--engine {extra} needs {error.name}: pip install 'flashfill[{extra}]'") from error


# ------------------------------------------------------------------ engines


def _polars(program: Any, source: Source, choice: Choice, temp: Path) -> str:
    pl = _import("polars", "polars")
    codegen = _import("flashfill.codegen.polars", "polars")
    names = source.headers
    if source.kind == "csv":
        frame = pl.scan_csv(source.path, separator=source.delimiter, infer_schema=False, quote_char='"')
    else:
        frame = pl.scan_parquet(source.path)
    target, inputs = names[choice.target], [names[i] for i in choice.inputs]
    frame = frame.with_columns(pl.col(n).cast(pl.String) for n in (target, *inputs))
    translation = codegen.translate(program, inputs)
    typed = pl.col(target).fill_null("") != ""
    blank = pl.all_horizontal([pl.col(n).fill_null("") == "" for n in inputs])
    value = pl.when(typed).then(pl.col(target)).when(blank).then(pl.lit(None)).otherwise(translation.expression)
    frame = frame.with_columns(value.alias(target))
    if source.kind == "csv":
        frame.sink_csv(temp, separator=source.delimiter, quote_style="necessary")
    else:
        frame.sink_parquet(temp)
    return translation.summary()


def _duckdb(program: Any, source: Source, choice: Choice, temp: Path) -> str:
    duckdb = _import("duckdb", "duckdb")
    codegen = _import("flashfill.codegen.duckdb", "duckdb")
    con = duckdb.connect()
    try:
        names = source.headers
        quote = codegen.identifier
        path = codegen.literal(str(source.path))
        if source.kind == "csv":
            table = (f"read_csv({path}, header = true, all_varchar = true, delim = "
                     f"{codegen.literal(source.delimiter)}, quote = '\"', escape = '\"')")
        else:
            texts = {names[i] for i in (choice.target, *choice.inputs)}
            table = ("(SELECT " + ", ".join(f"CAST({quote(n)} AS VARCHAR) AS {quote(n)}" if n in texts else quote(n)
                                            for n in names) + f" FROM read_parquet({path}))")
        target, inputs = names[choice.target], [names[i] for i in choice.inputs]
        output = _unused("flashfill_output", names)
        translation = codegen.query(program, inputs, con, table, output)  # the file's columns and the output
        blank = " AND ".join(f"coalesce({quote(n)}, '') = ''" for n in inputs)
        value = (f"CASE WHEN coalesce({quote(target)}, '') <> '' THEN {quote(target)} "
                 f"WHEN {blank} THEN NULL ELSE {quote(output)} END")
        select = ", ".join(f"{value} AS {quote(n)}" if n == target else quote(n) for n in names)
        filled = f"({translation.expression})"
        options = (f"FORMAT csv, HEADER true, DELIMITER {codegen.literal(source.delimiter)}"
                   if source.kind == "csv" else "FORMAT parquet")
        con.execute(f"COPY (SELECT {select} FROM {filled}) TO {codegen.literal(str(temp))} ({options})")
        return translation.summary()
    finally:
        con.close()


def _unused(name: str, names: list[str]) -> str:
    """``name``, with underscores in front until no column of the file has it (DuckDB's
    names ignore case).

    >>> _unused("out", ["a", "OUT", "_out"])
    '__out'
    """
    taken = {n.lower() for n in names}
    while name.lower() in taken:
        name = "_" + name
    return name


def _spark(program: Any, source: Source, choice: Choice, temp: Path) -> str:
    sql = _import("pyspark.sql", "spark")
    codegen = _import("flashfill.codegen.spark", "spark")
    F = sql.functions
    session = sql.SparkSession.getActiveSession()
    own = session is None
    if own:
        session = codegen.local_session(os.cpu_count() or 1)
        session.sparkContext.setLogLevel("ERROR")
    try:
        names = source.headers
        csv_options = {"header": "true", "sep": source.delimiter, "quote": '"', "escape": '"',
                       "multiLine": "true", "inferSchema": "false"}
        if source.kind == "csv":
            frame = session.read.options(**csv_options).csv(str(source.path))
        else:
            frame = session.read.parquet(str(source.path))
        target, inputs = names[choice.target], [names[i] for i in choice.inputs]
        for n in (target, *inputs):
            frame = frame.withColumn(n, F.col(n).cast("string"))
        translation = codegen.translate(program, inputs)
        typed = F.coalesce(F.col(target), F.lit("")) != ""
        blank = None
        for n in inputs:
            empty = F.coalesce(F.col(n), F.lit("")) == ""
            blank = empty if blank is None else blank & empty
        value = F.when(typed, F.col(target)).when(blank, F.lit(None)).otherwise(translation.expression)
        frame = frame.withColumn(target, value).coalesce(1)
        with tempfile.TemporaryDirectory(dir=temp.parent, prefix=".flashfill-spark-") as folder:
            out = Path(folder) / "out"
            if source.kind == "csv":
                frame.write.options(**csv_options, ignoreLeadingWhiteSpace="false",
                                    ignoreTrailingWhiteSpace="false").csv(str(out))
            else:
                frame.write.parquet(str(out))
            parts = sorted(p for p in out.iterdir() if p.name.startswith("part-"))
            if len(parts) != 1:
                raise TableError(f"{source.path}: Spark wrote {len(parts)} parts instead of one")
            shutil.move(parts[0], temp)
        return translation.summary()
    finally:
        if own:
            session.stop()


_RUNNERS: dict[str, Callable[[Any, Source, Choice, Path], str]] = {
    "polars": _polars, "duckdb": _duckdb, "spark": _spark}
