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


def loop_free(program) -> bool:
    """Whether the program has no loop (which no formula can express)."""
    return not any(isinstance(node, ir.Repeat) for node in ir.walk(lower(program.switch)))


def reads_values(program) -> bool:
    """Whether the program reads a date or a number from text (or tests a value's kind)."""
    return any(isinstance(node, _VALUE_NODES) for node in ir.walk(lower(program.switch)))


_VALUE_NODES = (ir.WriteNumber, ir.WriteMoment, ir.HasValue)


def figures(found) -> list[str]:
    """One table line per suite and dialect."""
    lines = [f"{'suite':16} {'dialect':12} {'programs':>8} {'no loop':>8} {'values':>7} {'exported':>9} "
             f"{'of no loop':>10} {'values':>7} {'median len':>10} {'max len':>8}"]
    suites = sorted({task.suite for task, _ in found}) + ["all"]
    refusals: Counter = Counter()
    for suite in suites:
        chosen = [(t, p) for t, p in found if suite in ("all", t.suite)]
        free = sum(1 for _, p in chosen if loop_free(p))
        valued = sum(1 for _, p in chosen if reads_values(p))
        for dialect in DIALECTS:
            lengths, with_values = [], 0
            for _, program in chosen:
                try:
                    lengths.append(len(program.to_formula(["A2"] * program.columns, dialect)))
                    with_values += reads_values(program)
                except ExportError as error:
                    if suite == "all":
                        refusals[f"{dialect}: {str(error).rsplit('): ', 1)[-1]}"] += 1
            share = f"{100 * len(lengths) / free:.1f} %" if free else "-"
            median = f"{statistics.median(lengths):.0f}" if lengths else "-"
            lines.append(f"{suite:16} {dialect:12} {len(chosen):8} {free:8} {valued:7} {len(lengths):9} {share:>10} "
                         f"{with_values:7} {median:>10} {max(lengths, default=0):8}")
    lines.append("no loop: programs without a loop; values: programs reading a date or a number from text "
                 "(exported: how many of them have a formula)")
    lines.append("refused (all suites):")
    lines += [f"  {n} × {why}" for why, n in sorted(refusals.items(), key=lambda item: (-item[1], item[0]))]
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
