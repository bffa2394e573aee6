"""The learning budget counts work, not seconds: the same examples give the same
program however loaded the machine is (DESIGN.md §4, Budget)."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import flashfill

EXAMPLES = [
    (("University of Texas", "Austin, TX, USA"), "Austin, TX, USA"),
    (("MIT", "Cambridge, MA"), "Cambridge, MA, USA"),
]
ROWS = [row for row, _ in EXAMPLES] + [
    ("Tufts", "Medford, MA"), ("Emory", "Atlanta, GA, USA"), ("Brown University", "Providence, RI"),
    ("Rice University", "Houston, TX"), ("Stanford", "Palo Alto, CA, USA"), ("Duke", "Durham, NC"),
]


def busy_processes(count: int) -> list[subprocess.Popen]:
    """Real processes that keep ``count`` cores fully busy until killed."""
    return [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(count)]


def test_a_saturated_machine_learns_the_identical_program():
    quiet = flashfill.learn(EXAMPLES, inputs=ROWS)
    workers = busy_processes(os.cpu_count() or 2)
    try:
        time.sleep(0.2)  # let them take the cores
        loaded = flashfill.learn(EXAMPLES, inputs=ROWS)
    finally:
        for worker in workers:
            worker.kill()
            worker.wait()
    assert loaded.to_json() == quiet.to_json()
    assert [loaded(row) for row in ROWS[2:5]] == ["Medford, MA, USA", "Atlanta, GA, USA", "Providence, RI, USA"]


def test_the_work_needed_does_not_depend_on_the_clock():
    """A budget just big enough for these examples suffices on every run, a unit less never."""
    from flashfill.learning import context

    spent = []
    real = context.Budget.spend

    def counting(self, units=1):
        real(self, units)
        spent.append(self.spent)

    context.Budget.spend = counting
    try:
        flashfill.learn(EXAMPLES, inputs=ROWS)
    finally:
        context.Budget.spend = real
    needed = spent[-1]
    for _ in range(2):
        assert flashfill.learn(EXAMPLES, inputs=ROWS, work=needed).to_json() == flashfill.learn(EXAMPLES, inputs=ROWS).to_json()
    try:
        flashfill.learn(EXAMPLES, inputs=ROWS, work=needed - 1)
    except flashfill.LearnError as e:
        assert "units of work" in str(e)
    else:
        raise AssertionError("a budget one unit short still found a program")
