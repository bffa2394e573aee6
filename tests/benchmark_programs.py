"""The programs learned on the public benchmark suites: for each task, the program at the
end of the fill-the-column protocol (``flashfill.bench``), learned once per test run for
every test that needs them (engines, exported formulas and Python).

Import it as ``tests.benchmark_programs`` everywhere: a second module name would be a
second cache, and the programs would be learned twice."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from flashfill import bench
from flashfill.language.program import Program

SUITES = ("sygus_pbe_slia", "bustle_new", "tde")
BENCHMARKS = Path(os.environ.get("FLASHFILL_BENCHMARKS", Path(__file__).resolve().parent.parent.parent / "shared" / "benchmarks"))


@lru_cache(maxsize=1)
def benchmark_programs() -> tuple[tuple[bench.Task, Program], ...]:
    """(task, its final program) for every distinct task that gets a program."""
    tasks, _ = bench.dedupe(bench.load_paths([str(BENCHMARKS / suite) for suite in SUITES]))
    learn, learn_error = bench.resolve_learner()
    found = []
    for task in tasks:
        learned: list[Program] = []

        def recording(examples, inputs):
            program = learn(examples, inputs=inputs)
            learned.append(program)
            return program

        bench.fill_the_column(task, recording, learn_error, bench.Result(task.name, task.suite))
        if learned:
            found.append((task, learned[-1]))
    return tuple(found)
