"""Time Data › Flash Fill inside a real LibreOffice Calc on a 10,000-row column with three typed examples.

    python calc/bench_calc.py [--rows N] [--runs K] [--limit SECONDS]     (make bench-calc)

Starts a headless LibreOffice with the freshly built extension in a temporary
profile (tests/soffice.py), fills a new sheet with names and employee numbers,
types the first three outputs, and runs the command as the menu item does —
learning, reading and writing the cells, colours, comments and the undo step
included.  Prints, for every run, the CPU time LibreOffice's processes spent on
it (the measure) and the wall time; checks the filled values against the
intended transformation; exits non-zero when the slowest run's CPU time exceeds
the limit.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))
sys.path.insert(0, str(HERE))

import build_oxt  # noqa: E402
from soffice import Office, start_office  # noqa: E402

COMMAND = "org.flashfill.calc:FlashFill"
FIRST = ["John", "Mary", "Zoë", "Łukasz", "Ann", "Bob", "Chen", "Fatima", "Olga", "Pedro", "Ivan", "Mia"]
LAST = ["Smith", "Lee", "Šimůnek", "Nowak", "Garcia", "O'Brien", "Müller", "Kim", "Rossi", "Dubois", "Silva"]


def task(rows: int, seed: int = 7) -> tuple[list[tuple[object, ...]], list[str]]:
    """Sheet rows (header, then name, number, output with three typed) and the intended output column."""
    rng = random.Random(seed)
    data: list[tuple[object, ...]] = [("Name", "Number", "Label")]
    truth = []
    for i in range(rows):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        number = rng.randrange(1000, 99999)
        truth.append(f"{last}, {first[0]}. ({number})")
        data.append((f"{first} {last}", float(number), truth[-1] if i < 3 else ""))
    return data, truth


def cpu_seconds(group: int) -> float:
    """User and system CPU time of every live process in a process group, in seconds."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            fields = Path("/proc", entry, "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == group:
            total += int(fields[11]) + int(fields[12])
    return total / ticks


def run_once(office: Office, rows: int) -> tuple[float, float, float]:
    """One fill on a new sheet: (CPU seconds, wall seconds, share of cells right)."""
    data, truth = task(rows)
    document = office.new("scalc")
    try:
        sheet = document.Sheets.getByIndex(0)
        sheet.getCellRangeByPosition(0, 0, 2, rows).setDataArray(tuple(data))
        document.getCurrentController().select(sheet.getCellRangeByName("C5"))
        dispatcher = office.create("com.sun.star.frame.DispatchHelper")
        frame = document.getCurrentController().getFrame()
        cpu, wall = cpu_seconds(office.process.pid), time.perf_counter()
        result = office.on_main_thread(lambda: dispatcher.executeDispatch(frame, COMMAND, "", 0, ()))
        cpu, wall = cpu_seconds(office.process.pid) - cpu, time.perf_counter() - wall
        filled = [row[0] for row in sheet.getCellRangeByPosition(2, 1, 2, rows).getDataArray()]
        print(f"  {result.Result}")
        return cpu, wall, sum(a == b for a, b in zip(filled, truth)) / rows
    finally:
        document.close(True)


def main() -> int:
    """Run the benchmark and report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--limit", type=float, default=2.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        oxt = build_oxt.build(Path(folder) / "flashfill.oxt")
        with start_office(extensions=[oxt]) as office:
            times = []
            for k in range(args.runs):
                cpu, wall, right = run_once(office, args.rows)
                times.append(cpu)
                print(f"run {k + 1}: {cpu:.2f} s CPU in LibreOffice ({wall:.2f} s wall), {right:.1%} of cells as intended")
    print(f"Flash Fill in Calc, {args.rows} rows, 3 typed: best {min(times):.2f} s, worst {max(times):.2f} s CPU"
          f" (limit {args.limit:.1f} s)")
    return 0 if max(times) <= args.limit else 1


if __name__ == "__main__":
    sys.exit(main())
