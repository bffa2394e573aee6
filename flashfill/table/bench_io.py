"""I/O benchmark of the fill pipeline (``make bench-io``): prints figures, asserts nothing.

* A CSV of ``--rows`` rows and 3 columns (name, phone, output typed in 3 rows) is
  filled with a learned three-atom program ("Last, First"), side by side with
  reading and writing the same file with the ``csv`` module alone; once with names
  that repeat (the per-value cache answers most rows) and once with every name
  distinct (the program runs on every row).  Both run in
  child processes so that their peak memory (max RSS) is measured separately.
* An XLSX of ``--xlsx-rows`` rows is filled the same way (0 skips it).
* ``--profile`` adds the top functions of a cProfile run of the CSV fill.

The targets (issue 3): CSV fill at most 3x the csv-module time, peak memory under
300 MB, XLSX fill under 60 s.
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FIRST = ["Ava", "Liam", "Zoe", "Noah", "Mia", "Lucas", "Chloe", "Mateo", "Hana", "Omar", "Ingrid", "Jonas"]
LAST = ["Johnson", "Smith", "Garcia", "Muller", "Brown", "Dubois", "Rossi", "Tanaka", "Haddad", "Larsen"]

CHILD_FILL = """
import json, resource, sys, time
from pathlib import Path
from flashfill.table import Destination, fill
t = time.perf_counter()
report = fill(Path(sys.argv[1]), destination=Destination(output=Path(sys.argv[2])))
print(json.dumps({"seconds": time.perf_counter() - t, "filled": report.filled, "undefined": report.undefined,
                  "unsure": report.unsure, "program": report.explanation,
                  "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

CHILD_CSV = """
import csv, json, resource, sys, time
t = time.perf_counter()
with open(sys.argv[1], encoding="utf-8", newline="") as f, open(sys.argv[2], "w", encoding="utf-8", newline="") as g:
    w = csv.writer(g)
    for row in csv.reader(f):
        w.writerow(row)
print(json.dumps({"seconds": time.perf_counter() - t,
                  "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def person(i: int, distinct: bool = False) -> tuple[str, str, str]:
    """A deterministic (first, last, phone) for row ``i``; with ``distinct`` every name differs."""
    first, last = FIRST[i % len(FIRST)], LAST[(i // len(FIRST)) % len(LAST)]
    first += _letters(i) if distinct else ("" if i % 7 else "a")
    return first, last, f"{200 + i % 700}-555-{i % 10000:04d}"


def _letters(i: int) -> str:
    """A short lowercase suffix unique to ``i`` (names stay words: no digits)."""
    out = ""
    while True:
        i, r = divmod(i, 26)
        out += chr(ord("a") + r)
        if not i:
            return out


def make_csv(path: Path, rows: int, distinct: bool = False) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("Name,Phone,Display\r\n")
        for i in range(rows):
            first, last, phone = person(i, distinct)
            out = f'"{last}, {first}"' if i < 3 else ""
            f.write(f"{first} {last},{phone},{out}\r\n")


def make_xlsx(path: Path, rows: int) -> None:
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("People")
    sheet.append(["Name", "Phone", "Display"])
    for i in range(rows):
        first, last, phone = person(i)
        sheet.append([f"{first} {last}", phone, f"{last}, {first}" if i < 3 else None])
    book.save(path)


def child(code: str, *args: Path) -> dict:
    result = subprocess.run([sys.executable, "-c", code, *map(str, args)], capture_output=True, text=True)
    if result.returncode:
        raise SystemExit(result.stderr)
    return json.loads(result.stdout.strip().splitlines()[-1])


def check_output(path: Path, rows: int, distinct: bool = False) -> int:
    """Count rows of the filled CSV whose output is not "Last, First" (should be 0)."""
    wrong = 0
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        next(reader)
        for i, row in enumerate(reader):
            first, last, _ = person(i, distinct)
            wrong += row[2] != f"{last}, {first}"
    return wrong


def profile(src: Path, dest: Path) -> None:
    import cProfile
    import pstats

    from flashfill.table import Destination, fill

    profiler = cProfile.Profile()
    profiler.enable()
    fill(src, destination=Destination(output=dest))
    profiler.disable()
    pstats.Stats(profiler).sort_stats("tottime").print_stats(15)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--xlsx-rows", type=int, default=100_000, help="rows of the XLSX run (0: skip it)")
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        for distinct in (False, True):
            src = tmp / "people.csv"
            t = time.perf_counter()
            make_csv(src, args.rows, distinct)
            kind = "every name distinct" if distinct else "names repeat (240 distinct)"
            print(f"CSV: {args.rows:,} rows x 3 columns, {kind}, {src.stat().st_size / 1e6:.1f} MB "
                  f"(generated in {time.perf_counter() - t:.1f} s)")
            base = child(CHILD_CSV, src, tmp / "copy.csv")
            ours = child(CHILD_FILL, src, tmp / "filled.csv")
            ratio = ours["seconds"] / base["seconds"]
            print(f"  csv module read+write : {base['seconds']:6.2f} s   peak {base['maxrss_mb']:6.0f} MB")
            print(f"  flashfill fill        : {ours['seconds']:6.2f} s   peak {ours['maxrss_mb']:6.0f} MB   "
                  f"filled {ours['filled']:,}, undefined {ours['undefined']:,}, unsure {ours['unsure']:,}")
            print(f"  ratio                 : {ratio:6.2f} x   (target <= 3 x; peak target < 300 MB)")
            print(f"  wrong outputs         : {check_output(tmp / 'filled.csv', args.rows, distinct):,}")
            print("  program: " + " / ".join(line.strip() for line in ours["program"].splitlines()))
            if args.profile:
                profile(src, tmp / "profiled.csv")
        if args.xlsx_rows <= 0:
            return
        book = tmp / "people.xlsx"
        t = time.perf_counter()
        make_xlsx(book, args.xlsx_rows)
        print(f"XLSX: {args.xlsx_rows:,} rows x 3 columns (generated in {time.perf_counter() - t:.1f} s)")
        filled = child(CHILD_FILL, book, tmp / "filled.xlsx")
        print(f"  flashfill fill        : {filled['seconds']:6.2f} s   peak {filled['maxrss_mb']:6.0f} MB   "
              f"filled {filled['filled']:,} (target < 60 s)")


if __name__ == "__main__":
    main()
