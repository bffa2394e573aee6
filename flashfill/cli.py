"""The ``flashfill`` command: fill, learn and apply on CSV and XLSX files.

Exit codes: 0 done, 1 nothing could be learned, 2 bad usage or a bad file, 128+N
stopped by signal N (SIGTERM, SIGHUP, Ctrl-C: temporary files removed; 141 when
whoever reads the output closes it early, as ``| head`` does).  Errors
are one line on stderr naming the file, sheet, row or cell; the summary goes to
stdout; the progress bar (only after a second, only on a terminal unless
``--progress``) goes to stderr.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from flashfill.progress import Progress
from flashfill.table import EXIT_BAD_INPUT, EXIT_OK, Columns, Destination, TableError, apply, fill, learn_table
from flashfill.table import open_table, saved_text
from flashfill.table.atomic import atomic_path, check_writable, remove_stale_temporaries
from flashfill.table.columns import describe
from flashfill.table.fill import explain
from flashfill.table.formulas import export_text
from flashfill.table.learner import session_learner


#: The exit code of a process ended by SIGPIPE (13), the shell's convention.
EXIT_BROKEN_PIPE = 128 + 13
STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


class Stopped(BaseException):
    """A stop signal, raised where the run is so that its temporary files are removed on the way out."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


@contextmanager
def stopped_by_signals() -> Iterator[None]:
    """While running, SIGTERM and SIGHUP raise ``Stopped`` (like Ctrl-C raises KeyboardInterrupt)."""
    def stop(signum: int, frame: object) -> None:
        raise Stopped(signum)

    previous = {}
    try:
        for number in STOP_SIGNALS:
            previous[number] = signal.signal(number, stop)
    except ValueError:
        pass  # not the main thread: signals stay with whoever owns them
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (the console script exits with it)."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        with stopped_by_signals():
            code = args.run(args)
            sys.stdout.flush()
            return code
    except BrokenPipeError:
        _quiet_stdout()
        return EXIT_BROKEN_PIPE
    except Stopped as stop:
        name = signal.Signals(stop.signum).name
        print(f"flashfill: stopped by {name}; no partial output left behind", file=sys.stderr)
        return 128 + stop.signum
    except TableError as error:
        print(f"flashfill: {error}", file=sys.stderr)
        return error.exit_code
    except OSError as error:
        name = f"{error.filename}: " if error.filename else ""
        print(f"flashfill: {name}{error.strerror or error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("flashfill: interrupted; no output written", file=sys.stderr)
        return 130


def _quiet_stdout() -> None:
    """Point stdout at the null device: its reader is gone, and the interpreter's own flush at
    exit would otherwise complain about the broken pipe."""
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, sys.stdout.fileno())
    os.close(null)


def _columns(args: argparse.Namespace) -> Columns:
    inputs = [c for c in args.inputs.split(",") if c.strip()] if args.inputs else None
    return Columns(args.target, inputs, args.sheet, args.allow_constant)


def _destination(args: argparse.Namespace) -> Destination:
    return Destination(args.output, args.in_place, not args.no_backup, args.force)


def _progress(args: argparse.Namespace) -> Callable[[str, int], Progress]:
    enabled = None if args.progress == "auto" else args.progress == "always"
    if args.quiet:
        enabled = False
    started = time.monotonic()
    return lambda label, total: Progress(label, total, enabled=enabled, since=started)


def _run_fill(args: argparse.Namespace) -> int:
    report = fill(args.file, _columns(args), _destination(args), session_learner, _progress(args), args.formulas)
    if not args.quiet:
        print(report.summary())
    return EXIT_OK


def _run_apply(args: argparse.Namespace) -> int:
    if args.engine != "default":
        from flashfill.table.engines import apply_with_engine
        report = apply_with_engine(args.engine, args.program, args.file, _columns(args), _destination(args))
    else:
        report = apply(args.program, args.file, _columns(args), _destination(args), _progress(args))
    if not args.quiet:
        print(report.summary())
    return EXIT_OK


def _run_learn(args: argparse.Namespace) -> int:
    if args.save is not None:
        check_writable(args.save)
        remove_stale_temporaries(args.save.parent)
    table = open_table(args.file, args.sheet)
    learning = learn_table(table, _columns(args), session_learner, _progress(args), need_blanks=False)
    headers = learning.headers
    rows = ", ".join(map(str, learning.example_rows[:20]))
    print(f"{table.where}: {describe(learning.choice.target, headers)} from "
          + ", ".join(describe(i, headers) for i in learning.choice.inputs) + f", learned from rows {rows}")
    for note in learning.choice.notes:
        print(f"  note: {note}")
    print(explain(learning.learned.program, headers, learning.choice))
    if args.formula or args.python:
        print(export_text(learning.learned.program, headers, learning.choice, learning.example_rows[0],
                          table.where, args.formula, args.python))
    if args.save is not None:
        with atomic_path(args.save) as temp:
            temp.write_text(saved_text(learning), encoding="utf-8")
        print(f"saved {args.save}")
    return EXIT_OK


def _run_calc(args: argparse.Namespace) -> int:
    """``flashfill calc build|install``: the Calc extension's builder, from the checkout beside the package."""
    import importlib.util

    builder = Path(__file__).resolve().parents[1] / "calc" / "build_oxt.py"
    if not builder.is_file():
        print("flashfill calc: the extension's sources (calc/) are not beside this flashfill: "
              "run it from a flashfill checkout", file=sys.stderr)
        return EXIT_BAD_INPUT
    spec = importlib.util.spec_from_file_location("build_oxt", builder)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.main([args.action] + ([] if args.output is None else ["-o", str(args.output)]))


class _Version(argparse.Action):
    """``--version``: the installed package's version, looked up only when asked (startup stays fast)."""

    def __init__(self, option_strings: Sequence[str], dest: str, help: str | None = None) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, values: object,
                 option_string: str | None = None) -> None:
        from importlib.metadata import PackageNotFoundError, version

        try:
            shown = version("flashfill")
        except PackageNotFoundError:
            shown = "unknown (not installed)"
        print(f"flashfill {shown}")
        parser.exit()


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="flashfill",
        description="Fill the partly typed column of a CSV or XLSX file from the examples typed in it.",
        epilog="Exit codes: 0 done, 1 nothing could be learned, 2 bad usage or bad file, "
               "128+N stopped by signal N (SIGTERM 143, SIGHUP 129, Ctrl-C 130).")
    parser.add_argument("--version", action=_Version, help="print the version and exit")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def columns(p: argparse.ArgumentParser) -> None:
        p.add_argument("--target", metavar="COL", help="column to fill, by header name or letter")
        p.add_argument("--inputs", metavar="COLS", help="comma-separated input columns, by header name or letter")
        p.add_argument("--sheet", metavar="NAME", help="worksheet to use (default: the active one)")
        p.add_argument("--allow-constant", action="store_true",
                       help="fill even when the program writes fixed text instead of computing it from the inputs")

    def writing(p: argparse.ArgumentParser) -> None:
        p.add_argument("-o", "--output", type=Path, metavar="OUT", help="write here (default: FILE.filled.EXT)")
        p.add_argument("--in-place", action="store_true", help="replace FILE, keeping a backup (FILE.bak, or FILE.1.bak, ... if taken)")
        p.add_argument("--no-backup", action="store_true", help="with --in-place, keep no backup")
        p.add_argument("--force", action="store_true", help="replace the output even if it is a read-only file")
        p.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
        p.add_argument("--progress", choices=("auto", "always", "never"), default="auto",
                       help="progress bar on stderr: auto (on a terminal, after 1 s), always, never")

    p = commands.add_parser("fill", help="learn from the typed cells and fill the blank ones")
    p.add_argument("file", type=Path, metavar="FILE")
    columns(p)
    writing(p)
    p.add_argument("--formulas", action="store_true",
                   help="XLSX only: write Excel formulas computing the values, instead of the values")
    p.set_defaults(run=_run_fill)

    p = commands.add_parser("learn", help="print the program learned from FILE")
    p.add_argument("file", type=Path, metavar="FILE")
    columns(p)
    p.add_argument("--save", type=Path, metavar="P.json", help="save the program to apply later")
    p.add_argument("--formula", nargs="?", const="excel", choices=("excel", "libreoffice"), metavar="DIALECT",
                   help="also print the program as a formula: excel (the default) or libreoffice")
    p.add_argument("--python", action="store_true", help="also print the program as a Python function")
    p.add_argument("--progress", choices=("auto", "always", "never"), default="auto", help=argparse.SUPPRESS)
    p.set_defaults(run=_run_learn, quiet=False)

    p = commands.add_parser("apply", help="fill FILE with a saved program (no learning)")
    p.add_argument("program", type=Path, metavar="P.json")
    p.add_argument("file", type=Path, metavar="FILE")
    columns(p)
    writing(p)
    p.add_argument("--engine", choices=("default", "polars", "duckdb", "spark"), default="default",
                   help="run the program inside this engine (CSV or Parquet; extras [polars], [duckdb], [spark])")
    p.set_defaults(run=_run_apply)

    p = commands.add_parser("calc", help="build the LibreOffice Calc extension, or build and install it")
    p.add_argument("action", choices=("build", "install"))
    p.add_argument("-o", "--output", type=Path, metavar="OXT", help="where to write the .oxt (default: build/flashfill.oxt)")
    p.set_defaults(run=_run_calc)
    return parser


if __name__ == "__main__":
    sys.exit(main())
