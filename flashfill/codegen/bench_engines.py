"""Benchmark: one learned program filling a generated CSV of names and phones (10,000,000
rows by default) with each engine: ``flashfill apply`` as it is, and ``--engine polars``,
``duckdb`` and ``spark`` (``local[2]``).  Prints one table.

    python -m flashfill.codegen.bench_engines [--rows N] [--engines default,polars,...]
    make bench-engines

Each run is a separate ``flashfill apply`` process; its wall time, its CPU time and its
peak resident memory come from the operating system.  Spark's JVM is not waited for by
that process, so Spark's CPU time and memory are its Python driver's only (shown in
brackets; its wall time is the figure to compare).  The filled files are
compared with the default engine's, so a faster engine that answers differently shows up
as a mismatch.  The machine's load average is printed: other work slows every figure.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FIRST = ["Ann", "Bob", "Cy", "Dee", "Eve", "Finn", "Gus", "Zoë", "Łucja", "Hana", "Ivan", "José", "Kim", "Liam"]
LAST = ["Lee", "Stone", "Young", "Ramone", "Šimůnek", "Nowak", "García", "Smith", "Olsen", "Müller", "Ng", "Park"]
EXAMPLES = 3


def person(rng: random.Random) -> tuple[str, str, str]:
    """A name, a phone and the wanted output ("Lee, A. (425) 555-1234")."""
    first, last = rng.choice(FIRST), rng.choice(LAST)
    area, middle, end = rng.randrange(200, 999), rng.randrange(100, 999), rng.randrange(0, 9999)
    return f"{first} {last}", f"{area}-{middle}-{end:04d}", f"{last}, {first[0]}. ({area}) {middle}-{end:04d}"


def write_people(path: Path, rows: int, typed: int, seed: int = 15) -> None:
    """``rows`` people; the first ``typed`` have their output typed, the others are blank."""
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("Name,Phone,Shown\n")
        batch = []
        for i in range(rows):
            name, phone, shown = person(rng)
            batch.append(f'{name},{phone},"{shown}"\n' if i < typed else f"{name},{phone},\n")
            if len(batch) == 100_000:
                f.write("".join(batch))
                batch.clear()
        f.write("".join(batch))


def run(argv: list[str]) -> tuple[float, float, float, str]:
    """Wall seconds, CPU seconds, peak memory (MB) and the share of native steps that
    ``apply`` reports, of one ``flashfill apply``."""
    started = time.monotonic()
    with tempfile.TemporaryFile("w+", encoding="utf-8") as printed:
        process = subprocess.Popen(argv, stdout=printed)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.monotonic() - started
        printed.seek(0)
        summary = printed.read()
    if status != 0:
        raise SystemExit(f"bench-engines: {' '.join(argv)} failed (status {status})")
    share = re.search(r"(\d+) of (\d+) steps native \((\d+%)\)", summary)
    native = f"{share[1]}/{share[2]} ({share[3]})" if share else "-"
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, native


def rows_of(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--engines", default="default,polars,duckdb,spark")
    parser.add_argument("--folder", type=Path, help="work here (default: a temporary folder, removed)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(dir=args.folder) as temp:
        return bench(Path(temp), args.rows, args.engines.split(","))


def bench(folder: Path, rows: int, engines: list[str]) -> int:
    data, sample, saved = folder / "people.csv", folder / "sample.csv", folder / "program.json"
    print(f"writing {rows:,} rows ...", file=sys.stderr)
    write_people(data, rows, EXAMPLES)
    write_people(sample, 1000, EXAMPLES)
    cli = [sys.executable, "-m", "flashfill.cli"]
    subprocess.run(cli + ["learn", str(sample), "--target", "Shown", "--save", str(saved)],
                   check=True, stdout=subprocess.DEVNULL)
    figures, outputs = {}, {}
    for engine in engines:
        out = folder / f"{engine}.csv"
        flags = [] if engine == "default" else ["--engine", engine]
        print(f"{engine} ...", file=sys.stderr)
        figures[engine] = run(cli + ["apply", str(saved), str(data), "-o", str(out), "--progress", "never"] + flags)
        outputs[engine] = out
    print(f"{rows:,} rows of names and phones, one program; {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.1f} at the end")
    print(f"{'engine':<10}{'wall s':>9}{'CPU s':>9}{'peak MB':>9}{'× wall':>8}{'× CPU':>8}  native steps  same output")
    base = figures.get("default")
    reference = rows_of(outputs["default"]) if "default" in outputs else None
    for engine in engines:
        wall, cpu, peak, native = figures[engine]
        faster_wall = f"{base[0] / wall:.1f}" if base else "-"
        faster_cpu = f"{base[1] / cpu:.1f}" if base else "-"
        same = "-" if reference is None or engine == "default" else \
            ("yes" if rows_of(outputs[engine]) == reference else "NO")
        if engine == "spark":
            cpu_text, peak_text, faster_cpu = f"({cpu:.1f})", f"({peak:.0f})", "-"
        else:
            cpu_text, peak_text = f"{cpu:.1f}", f"{peak:.0f}"
        print(f"{engine:<10}{wall:>9.1f}{cpu_text:>9}{peak_text:>9}{faster_wall:>8}{faster_cpu:>8}  {native:<12}  {same}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
