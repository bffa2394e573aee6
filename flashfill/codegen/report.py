"""Export figures over benchmark suites: how many learned programs have a formula in each
dialect, and how long the formulas are.

    python -m flashfill.codegen.report ../shared/benchmarks/sygus_pbe_slia ../shared/benchmarks/tde
    make bench-export

The programs are the last ones of the fill-the-column protocol (`flashfill.bench`).
Whether Calc computes the same values is the test suite's job
(tests/test_codegen_calc.py); this prints the shares and lengths.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from collections import Counter

from flashfill import bench
from flashfill.errors import ExportError

from . import DIALECTS, ir
from .lower import lower


def final_programs(tasks: list[bench.Task]) -> list[tuple[bench.Task, object]]:
    """(task, the protocol's last program) for every task where something was learned."""
    learn, learn_error = bench.resolve_learner()
    found = []
    for task in tasks:
        programs: list = []
        try:
            bench.fill_the_column(task, learn, learn_error, bench.Result(task.name, task.suite),
                                  on_program=programs.append)
        except Exception as error:  # noqa: BLE001 - a crash is the benchmark's business, not this report's
            print(f"{task.name}: {bench.last_line(error)}", file=sys.stderr)
        if programs:
            found.append((task, programs[-1]))
    return found


def plain(program) -> bool:
    """Neither a loop nor a date or number read from text (which no formula expresses yet)."""
    try:
        return not any(isinstance(node, ir.Repeat) for node in ir.walk(lower(program.switch)))
    except ExportError:
        return False


def figures(found) -> list[str]:
    """One table line per suite and dialect."""
    lines = [f"{'suite':16} {'dialect':12} {'programs':>8} {'plain':>8} {'exported':>9} {'of plain':>10} "
             f"{'median len':>10} {'max len':>8}"]
    suites = sorted({task.suite for task, _ in found}) + ["all"]
    refusals: Counter = Counter()
    for suite in suites:
        chosen = [(t, p) for t, p in found if suite in ("all", t.suite)]
        plainly = sum(1 for _, p in chosen if plain(p))
        for dialect in DIALECTS:
            lengths = []
            for _, program in chosen:
                try:
                    lengths.append(len(program.to_formula(["A2"] * program.columns, dialect)))
                except ExportError as error:
                    if suite == "all":
                        refusals[str(error).rsplit("): ", 1)[-1]] += 1
            share = f"{100 * len(lengths) / plainly:.1f} %" if plainly else "-"
            median = f"{statistics.median(lengths):.0f}" if lengths else "-"
            lines.append(f"{suite:16} {dialect:12} {len(chosen):8} {plainly:8} {len(lengths):9} {share:>10} "
                         f"{median:>10} {max(lengths, default=0):8}")
    lines.append("plain: programs with no loop and no date or number read from text")
    lines.append("refused (all suites, both dialects): " + "; ".join(f"{n} × {why}" for why, n in refusals.items()))
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m flashfill.codegen.report", description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", metavar="PATH", help="task files or suite folders")
    parser.add_argument("--filter", metavar="TEXT", help="only tasks whose name contains TEXT")
    args = parser.parse_args(argv)
    tasks, _ = bench.dedupe(bench.filter_tasks(bench.load_paths(args.paths), args.filter))
    print("\n".join(figures(final_programs(tasks))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
