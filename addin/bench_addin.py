"""Time ``FLASHFILL`` on a 100,000-row column with three typed examples.

    python addin/bench_addin.py [--rows N] [--runs K] [--limit SECONDS]

Each run calls ``FLASHFILL`` exactly as xlwings would (2-D lists, ``None`` for
blanks, numbers as floats) with an empty program cache, so learning is
included.  Prints every run, checks the filled values against the intended
transformation (reported, not judged: that is the learner's accuracy), and exits
non-zero when the slowest run exceeds the limit.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from flashfill_addin import udfs  # noqa: E402

FIRST = ["John", "Mary", "Zoë", "Łukasz", "Ann", "Bob", "Chen", "Fatima", "Olga", "Pedro", "Ivan", "Mia"]
LAST = ["Smith", "Lee", "Šimůnek", "Nowak", "Garcia", "O'Brien", "Müller", "Kim", "Rossi", "Dubois", "Silva"]


def task(rows: int, seed: int = 7) -> tuple[list[list[object]], list[list[object]], list[str]]:
    """Inputs (name, employee number), outputs with 3 typed cells, and the intended column."""
    rng = random.Random(seed)
    inputs: list[list[object]] = []
    truth: list[str] = []
    for _ in range(rows):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        number = float(rng.randrange(1000, 99999))
        inputs.append([f"{first} {last}", number])
        truth.append(f"{last}, {first[0]}. ({int(number)})")
    outputs: list[list[object]] = [[truth[i]] for i in range(3)] + [[None] for _ in range(rows - 3)]
    return inputs, outputs, truth


def main() -> int:
    """Run the benchmark and report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--limit", type=float, default=2.0)
    args = parser.parse_args()
    inputs, outputs, truth = task(args.rows)
    times = []
    for run in range(args.runs):
        udfs._CACHE = udfs.ProgramCache()
        start = time.perf_counter()
        column = udfs.FLASHFILL(inputs, outputs)
        times.append(time.perf_counter() - start)
        right = sum(1 for got, want in zip(column, truth) if got[0] == want)
        print(f"run {run + 1}: {times[-1]:.3f} s, {right}/{len(truth)} cells as intended")
    print(f"FLASHFILL, {args.rows} rows, 3 examples: best {min(times):.3f} s, worst {max(times):.3f} s (limit {args.limit} s)")
    return 0 if max(times) <= args.limit else 1


if __name__ == "__main__":
    sys.exit(main())
