"""Benchmark harness: the fill-the-column protocol (DESIGN §6) over task suites.

Run it from the repository root::

    python -m flashfill.bench ../shared/benchmarks/sygus_pbe_slia ../shared/benchmarks/tde
    python -m flashfill.bench --failures --filter phone ../shared/benchmarks/sygus_pbe_slia
    python -m flashfill.bench --jobs 2 --timeout 5 --json results.json PATH...
    make bench

Each PATH is a task file (``{"name", "source", "description", "rows": [{"inputs":
[...], "output": "..."}]}``) or a folder of them; a folder is a suite named after
it, and only the ``*.json`` files directly inside it are tasks.  A lone file
belongs to the suite named after its parent folder.

The protocol, per task with rows r_1..r_n: learn from r_1 (the learner also sees
every input row), apply the program to every row, add the first wrong row as the
next example, repeat.  At every step a ``flashfill.Session`` with the same
examples and rows also says which rows it is unsure of (``unsure_rows()``, as the
CLI and the add-in do) and which examples look like typos: *flag recall* is the
share of wrong filled rows (examples excluded) that were flagged, *flag
precision* the share of flagged rows that were wrong, and every typo hint is
false (benchmark rows are right).  The session's work is not timed and does not
count against ``--timeout``.  A task is solved when every row is right with at most
``MAX_EXAMPLES`` examples and with fewer examples than rows.  A task whose multiset
of rows repeats an earlier task's (across every PATH given) is skipped.

Failure kinds: ``no program`` (learn raised LearnError), ``unsound`` (a program
does not reproduce its own examples: a learner bug), ``wrong generalization``
(every row had to be given, n <= 10), ``too many examples`` (more than 10 needed),
``timeout`` (per task wall clock, ``--timeout``), ``crash`` (any other exception,
or the worker process died).

Every task runs in a worker process (``--jobs`` of them), which is killed and
replaced when it overruns its time or dies, so the learner cannot take the harness
down.  Only ``flashfill.learn`` calls are timed, in wall time and in CPU time
(``cpu_med``/``cpu_p95``, which load does not inflate); below the table, the CPU
time of ``import flashfill`` in a fresh interpreter.  The table goes to stdout,
progress to stderr (one mark per task: ``.`` solved, ``n`` no program, ``U``
unsound, ``g`` wrong generalization, ``m`` too many examples, ``T`` timeout,
``C`` crash); the exit status is 1 when any program was unsound.  The learner's
budget counts work, not seconds, so what is solved does not depend on machine load
(only the times do, wall time more than CPU time); ``--json`` diffs runs task by task.
"""

from __future__ import annotations

import argparse
import json
import math
import multiprocessing
import multiprocessing.connection
import os
import statistics
import subprocess
import sys
import time
import traceback
from collections import deque
from dataclasses import asdict, dataclass, field
from pathlib import Path

MAX_EXAMPLES = 10
DEFAULT_TIMEOUT = 60.0
DEFAULT_MEMORY_MB = 4096
KINDS = ("no program", "unsound", "wrong generalization", "too many examples",
         "timeout", "crash")
PROGRESS_MARKS = {None: ".", "no program": "n", "unsound": "U",
                  "wrong generalization": "g", "too many examples": "m",
                  "timeout": "T", "crash": "C"}


# --------------------------------------------------------------------- tasks


@dataclass(frozen=True)
class Task:
    """One benchmark task: rows of (inputs tuple, expected output)."""

    name: str
    suite: str
    rows: tuple
    path: str = ""

    def key(self) -> tuple:
        """The task's example set as an order-insensitive multiset."""
        return tuple(sorted(self.rows))


def parse_task(data: dict, suite: str, path: str = "") -> Task:
    """Build a Task from a decoded task JSON object; ValueError if malformed."""
    rows = data.get("rows") if isinstance(data, dict) else None
    if not isinstance(rows, list) or not rows:
        raise ValueError("no 'rows' list")
    parsed = []
    for i, row in enumerate(rows):
        inputs, output = row.get("inputs"), row.get("output")
        if not isinstance(inputs, list) or not all(isinstance(v, str) for v in inputs) \
                or not isinstance(output, str):
            raise ValueError(f"row {i}: inputs must be a list of strings, output a string")
        parsed.append((tuple(inputs), output))
    name = data.get("name") or Path(path).stem
    return Task(name=str(name), suite=suite, rows=tuple(parsed), path=path)


def load_task(path: Path, suite: str) -> Task:
    """Read one task file; SystemExit with a clear message if it is not a task."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return parse_task(data, suite, str(path))
    except (OSError, ValueError, AttributeError) as exc:
        raise SystemExit(f"bench: {path}: not a task file ({exc})") from None


def load_paths(paths: list[str]) -> list[Task]:
    """Load the tasks named by PATH arguments (files or suite folders), in order."""
    tasks = []
    for arg in paths:
        path = Path(arg)
        if path.is_dir():
            files = sorted(p for p in path.glob("*.json") if p.is_file())
            if not files:
                raise SystemExit(f"bench: {arg}: no *.json task files in this folder")
            suite = path.resolve().name
            tasks.extend(load_task(p, suite) for p in files)
        elif path.is_file():
            tasks.append(load_task(path, path.resolve().parent.name))
        else:
            raise SystemExit(f"bench: {arg}: no such file or folder")
    return tasks


def filter_tasks(tasks: list[Task], substr: str | None) -> list[Task]:
    """Keep the tasks whose name (or file name) contains substr."""
    if not substr:
        return list(tasks)
    return [t for t in tasks if substr in t.name or substr in Path(t.path).name]


def dedupe(tasks: list[Task]) -> tuple[list[Task], list[tuple[Task, Task]]]:
    """Split tasks into distinct ones and (duplicate, earlier original) pairs."""
    seen: dict[tuple, Task] = {}
    kept, skipped = [], []
    for task in tasks:
        key = task.key()
        if key in seen:
            skipped.append((task, seen[key]))
        else:
            seen[key] = task
            kept.append(task)
    return kept, skipped


# ------------------------------------------------------------------ protocol


@dataclass
class Result:
    """What happened to one task under the fill-the-column protocol."""

    name: str
    suite: str
    solved: bool = False
    examples: int = 0
    kind: str | None = None
    learn_times: list = field(default_factory=list)
    #: CPU time of each learn call (``time.process_time``): what load does not change.
    learn_cpu_times: list = field(default_factory=list)
    total_time: float = 0.0
    wrong: dict | None = None
    explain: str | None = None
    error: str | None = None
    flags: "Flags | None" = None


@dataclass
class Flags:
    """The session's flags over a task's protocol steps: filled rows (examples excluded)
    that were wrong, that were flagged unsure, both; and examples called likely typos."""

    steps: int = 0
    wrong: int = 0
    flagged: int = 0
    both: int = 0
    typo_hints: int = 0

    def add(self, other: "Flags") -> None:
        """Add another count to this one."""
        for name in ("steps", "wrong", "flagged", "both", "typo_hints"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def recall(self) -> float | None:
        """Wrong rows flagged, in percent of the wrong rows."""
        return 100.0 * self.both / self.wrong if self.wrong else None

    @property
    def precision(self) -> float | None:
        """Flagged rows that were wrong, in percent of the flagged rows."""
        return 100.0 * self.both / self.flagged if self.flagged else None


def session_flags(rows, chosen: list[int]) -> Flags:
    """One protocol step judged by a ``flashfill.Session``: its program on every row, its
    ``unsure_rows()`` and its ``suspicious_examples()``; no flags if it cannot learn."""
    import flashfill
    session = flashfill.Session()
    for i in chosen:
        session.add_example(*rows[i])
    session.add_inputs(inputs for inputs, _ in rows)
    try:
        program = session.learn()
    except flashfill.LearnError:
        return Flags()
    typed = set(chosen)
    unsure = {u.index for u in session.unsure_rows()} - typed
    wrong = {i for i, (inputs, expected) in enumerate(rows)
             if i not in typed and program(inputs) != expected}
    return Flags(steps=1, wrong=len(wrong), flagged=len(unsure), both=len(wrong & unsure),
                 typo_hints=len(session.suspicious_examples()))


def resolve_learner(learn=None):
    """Return (learn function, LearnError class), importing flashfill lazily."""
    import flashfill
    from flashfill import errors
    learn_error = getattr(flashfill, "LearnError", errors.LearnError)
    if learn is None:
        learn = getattr(flashfill, "learn", None)
        if learn is None:
            raise RuntimeError("flashfill.learn does not exist yet")
    return learn, learn_error


def flashfill_learn():
    """flashfill's own ``learn`` (the one a Session learns with)."""
    from flashfill.learning.learner import learn
    return learn


def last_line(exc: BaseException) -> str:
    """The last line of exc's traceback, e.g. 'KeyError: 3'."""
    lines = traceback.format_exception_only(type(exc), exc)
    return lines[-1].strip() if lines else type(exc).__name__


def short_explain(prog, max_lines: int = 12, max_chars: int = 1500) -> str:
    """prog.explain(), cut to a few lines; never raises."""
    try:
        text = str(prog.explain())
    except Exception as exc:  # the explanation is a nicety, not a result
        return f"<explain() failed: {last_line(exc)}>"
    lines = text.splitlines()
    if len(lines) > max_lines:
        lines = lines[:max_lines] + [f"... ({len(lines) - max_lines} more lines)"]
    text = "\n".join(lines)
    return text if len(text) <= max_chars else text[:max_chars] + " ..."


def timed_learn(learn, examples, inputs, result: Result, on_learn=None):
    """Call learn, appending its wall time and its CPU time (seconds) to
    result.learn_times and result.learn_cpu_times."""
    start, cpu = time.perf_counter(), time.process_time()
    try:
        return learn(list(examples), inputs=list(inputs))
    finally:
        elapsed = time.perf_counter() - start
        result.learn_cpu_times.append(time.process_time() - cpu)
        result.learn_times.append(elapsed)
        if on_learn is not None:
            on_learn(elapsed)


def first_wrong(prog, rows, indexes) -> tuple[int, object] | None:
    """The first index (in the order given) whose row prog gets wrong, with its output."""
    for i in indexes:
        inputs, expected = rows[i]
        got = prog(inputs)
        if got != expected:
            return i, got
    return None


def wrong_row(rows, index: int, got, examples: int) -> dict:
    """A JSON-friendly description of a row filled wrong by a program learned
    from `examples` examples."""
    inputs, expected = rows[index]
    return {"row": index, "inputs": list(inputs), "expected": expected,
            "got": got if got is None or isinstance(got, str) else repr(got),
            "examples": examples}


def verdict(examples: int, n_rows: int, max_examples: int) -> str | None:
    """Failure kind when every row is right with `examples` examples (None = solved)."""
    if examples > max_examples:
        return "too many examples"
    if examples >= n_rows:
        return "wrong generalization" if n_rows <= max_examples else "too many examples"
    return None


def fill_the_column(task: Task, learn, learn_error, result: Result,
                    max_examples: int = MAX_EXAMPLES, on_learn=None, judge=None,
                    on_program=None) -> None:
    """Run the protocol on task, recording the outcome in result; ``judge(rows, chosen)``
    (if given) counts the flags of each step; ``on_program`` (if given) sees each program
    learned, so its last call has the protocol's final one."""
    rows, chosen = task.rows, [0]
    inputs = [r for r, _ in rows]
    wrong_prog = None
    while True:
        result.examples = len(chosen)
        try:
            prog = timed_learn(learn, [rows[i] for i in chosen], inputs, result, on_learn)
        except learn_error as exc:
            result.kind, result.error = "no program", last_line(exc)
            break
        if on_program is not None:
            on_program(prog)
        if judge is not None:
            if result.flags is None:
                result.flags = Flags()
            result.flags.add(judge(rows, list(chosen)))
        bad = first_wrong(prog, rows, chosen)
        if bad is not None:
            result.kind, result.wrong = "unsound", wrong_row(rows, *bad, len(chosen))
            wrong_prog = prog
            break
        bad = first_wrong(prog, rows, range(len(rows)))
        if bad is None:
            result.kind = verdict(len(chosen), len(rows), max_examples)
            result.solved = result.kind is None
            break
        result.wrong, wrong_prog = wrong_row(rows, *bad, len(chosen)), prog
        if len(chosen) >= max_examples:
            result.kind = "too many examples"
            break
        chosen.append(bad[0])
    if wrong_prog is not None and not result.solved:
        result.explain = short_explain(wrong_prog)


def run_task(task: Task, learn=None, *, max_examples: int = MAX_EXAMPLES,
             on_learn=None, on_judge=None) -> Result:
    """Run one task in this process; learn defaults to flashfill.learn, and with it each
    step's flags are counted by ``session_flags`` (not for another learner): ``on_judge``
    hears None when a step's judging starts and its seconds when it ends, and those
    seconds are not the task's.

    Never raises for a learner failure: crashes become kind 'crash'.
    """
    result = Result(task.name, task.suite)
    start = time.perf_counter()
    judged = [0.0]

    def judge(rows, chosen: list[int]) -> Flags:
        if on_judge is not None:
            on_judge(None)
        begun = time.perf_counter()
        try:
            return session_flags(rows, chosen)
        finally:
            seconds = time.perf_counter() - begun
            judged[0] += seconds
            if on_judge is not None:
                on_judge(seconds)

    try:
        learn, learn_error = resolve_learner(learn)
        own = learn is flashfill_learn()
        fill_the_column(task, learn, learn_error, result, max_examples, on_learn,
                        judge if own else None)
    except Exception as exc:  # a learner or program crash must not stop the harness
        result.kind, result.error, result.solved = "crash", last_line(exc), False
    result.total_time = time.perf_counter() - start - judged[0]
    return result


# ------------------------------------------------------------------- workers


def limit_memory(memory_mb: int | None) -> None:
    """Cap this process's address space (Unix only; silently skipped elsewhere)."""
    if not memory_mb:
        return
    try:
        import resource
        limit = memory_mb * 2**20
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ImportError, ValueError, OSError):
        pass


def worker_main(conn, learn, memory_mb) -> None:
    """Worker loop: receive tasks, stream learn times, send back Results."""
    limit_memory(memory_mb)
    try:
        os.dup2(2, 1)  # keep stdout clean for the table: learner prints go to stderr
    except OSError:
        pass
    conn.send(("ready", None))
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        result = run_task(task, learn, on_learn=lambda dt: conn.send(("learn", dt)),
                          on_judge=lambda dt: conn.send(("judge", dt)))
        conn.send(("done", result))


class Worker:
    """One worker process and the task it is running, if any."""

    def __init__(self, ctx, learn, memory_mb):
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=worker_main, args=(child, learn, memory_mb),
                                daemon=True)
        self.proc.start()
        child.close()
        self.ready = False
        self.index = None
        self.task = None
        self.deadline = 0.0
        self.started = 0.0
        self.judging_since: float | None = None
        self.learn_times: list = []

    def due(self, timeout: float) -> float:
        """When the task overruns: its deadline, or while a step is being judged (its clock
        stopped), the judging's start plus ``timeout``."""
        if self.judging_since is None:
            return self.deadline
        return self.judging_since + timeout

    def dispatch(self, index: int, task: Task, timeout: float) -> None:
        """Send a task; its clock starts now."""
        self.index, self.task, self.learn_times = index, task, []
        self.judging_since = None
        self.started = time.monotonic()
        self.deadline = self.started + timeout
        self.conn.send(task)

    def messages(self):
        """Drain pending messages; yields ('dead', None) if the process is gone."""
        try:
            while self.conn.poll():
                yield self.conn.recv()
            if not self.proc.is_alive():
                while self.conn.poll():  # whatever it sent just before exiting
                    yield self.conn.recv()
                yield ("dead", None)
        except (EOFError, OSError):
            yield ("dead", None)

    def stop(self, kill: bool = False) -> None:
        """Ask the worker to exit (or kill it) and reap it."""
        if not kill:
            try:
                self.conn.send(None)
            except OSError:
                pass
            self.proc.join(1.0)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join(1.0)
        self.conn.close()


def default_context():
    """'fork' where available (fast, and the learner need not be picklable)."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def lost_result(worker: Worker, kind: str, error: str | None) -> Result:
    """Result for a task whose worker timed out or died."""
    task = worker.task
    return Result(task.name, task.suite, kind=kind, error=error,
                  examples=len(worker.learn_times) + 1,  # the call that was running
                  learn_times=list(worker.learn_times),
                  total_time=time.monotonic() - worker.started)


class Pool:
    """Runs tasks on N worker processes with a per-task wall-clock limit."""

    def __init__(self, learn=None, jobs: int = 1, timeout: float = DEFAULT_TIMEOUT,
                 memory_mb: int | None = None, context=None):
        self.learn, self.timeout, self.memory_mb = learn, timeout, memory_mb
        self.jobs = max(1, jobs)
        self.ctx = context or default_context()
        self.workers: list[Worker] = []

    def spawn(self) -> Worker:
        """Start one worker."""
        return Worker(self.ctx, self.learn, self.memory_mb)

    def run(self, tasks: list[Task], on_result=None) -> list[Result]:
        """Run every task; results come back in task order."""
        results: list = [None] * len(tasks)
        pending = deque(enumerate(tasks))
        self.workers = [self.spawn() for _ in range(min(self.jobs, len(tasks)))]
        try:
            while pending or any(w.task is not None for w in self.workers):
                self.dispatch(pending)
                self.wait()
                for slot, worker in enumerate(self.workers):
                    for index, result in self.collect(slot, worker):
                        results[index] = result
                        if on_result is not None:
                            on_result(result)
        finally:
            self.close()
        return results

    def dispatch(self, pending: deque) -> None:
        """Give a task to every idle, ready worker."""
        for worker in self.workers:
            if worker.ready and worker.task is None and pending:
                index, task = pending.popleft()
                worker.dispatch(index, task, self.timeout)

    def wait(self) -> None:
        """Block until a worker has news or the nearest deadline passes."""
        busy = [w.due(self.timeout) for w in self.workers if w.task is not None]
        delay = max(0.0, min(busy) - time.monotonic()) if busy else 1.0
        handles = [w.conn for w in self.workers] + [w.proc.sentinel for w in self.workers]
        multiprocessing.connection.wait(handles, timeout=delay + 0.001)

    def collect(self, slot: int, worker: Worker):
        """Yield (index, Result) for finished, timed-out or dead tasks of a worker."""
        for tag, payload in worker.messages():
            if tag == "ready":
                worker.ready = True
            elif tag == "learn":
                worker.learn_times.append(payload)
            elif tag == "judge":  # the flags' time is not the task's: the clock stops
                if payload is None:
                    worker.judging_since = time.monotonic()
                elif worker.judging_since is not None:
                    worker.deadline += time.monotonic() - worker.judging_since
                    worker.judging_since = None
            elif tag == "done":
                yield worker.index, payload
                worker.task = worker.index = None
            elif tag == "dead":
                if worker.task is not None:
                    code = worker.proc.exitcode
                    yield worker.index, lost_result(
                        worker, "crash", f"worker process died (exit code {code})")
                self.replace(slot, worker)
                return
        if worker.task is not None and time.monotonic() >= worker.due(self.timeout):
            yield worker.index, lost_result(worker, "timeout",
                                            f"over {self.timeout:g} s")
            self.replace(slot, worker)

    def replace(self, slot: int, worker: Worker) -> None:
        """Kill a worker and start a fresh one in its slot."""
        worker.stop(kill=True)
        self.workers[slot] = self.spawn()

    def close(self) -> None:
        """Stop every worker."""
        for worker in self.workers:
            worker.stop(kill=worker.task is not None)
        self.workers = []


def run_tasks(tasks: list[Task], learn=None, *, jobs: int = 1,
              timeout: float = DEFAULT_TIMEOUT, memory_mb: int | None = None,
              on_result=None, context=None) -> list[Result]:
    """Run tasks in worker processes under a per-task time limit."""
    pool = Pool(learn, jobs=jobs, timeout=timeout, memory_mb=memory_mb, context=context)
    return pool.run(tasks, on_result=on_result)


# --------------------------------------------------------------- statistics


def percentile(values, q: float) -> float | None:
    """Nearest-rank percentile (q in 0..100) of values; None if empty.

    >>> percentile([5, 1, 4, 2, 3], 95)
    5
    >>> percentile(list(range(1, 101)), 95)
    95
    """
    ordered = sorted(values)
    if not ordered:
        return None
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


def import_time_ms(runs: int = 5) -> float:
    """CPU milliseconds ``import flashfill`` takes in a fresh interpreter (the median
    of ``runs``): what every command-line call pays before it does anything."""
    code = ("import time; t = time.process_time(); import flashfill; "
            "print(time.process_time() - t)")
    times = [float(subprocess.run([sys.executable, "-c", code], check=True, text=True,
                                  capture_output=True).stdout) for _ in range(runs)]
    return 1000 * statistics.median(times)


def median(values) -> float | None:
    """Median of values; None if empty."""
    return statistics.median(values) if values else None


@dataclass
class Summary:
    """Aggregate numbers for one suite (or ALL)."""

    suite: str
    tasks: int = 0
    skipped: int = 0
    solved: int = 0
    within: tuple = (0, 0, 0)
    mean_examples: float | None = None
    learn_median_ms: float | None = None
    learn_p95_ms: float | None = None
    cpu_median_ms: float | None = None
    cpu_p95_ms: float | None = None
    learn_calls: int = 0
    slowest: str | None = None
    slowest_s: float | None = None
    kinds: dict = field(default_factory=dict)
    flags: Flags = field(default_factory=Flags)

    @property
    def solved_pct(self) -> float | None:
        """Solved share in percent."""
        return 100.0 * self.solved / self.tasks if self.tasks else None


def summarize(suite: str, results: list[Result], skipped: int) -> Summary:
    """Compute a Summary over results."""
    solved = [r for r in results if r.solved]
    times = [t * 1000 for r in results for t in r.learn_times]
    cpu = [t * 1000 for r in results for t in r.learn_cpu_times]
    slow = max(results, key=lambda r: r.total_time, default=None)
    flags = Flags()
    for r in results:
        if r.flags is not None:
            flags.add(r.flags)
    return Summary(
        suite=suite, tasks=len(results), skipped=skipped, solved=len(solved),
        within=tuple(sum(r.examples <= k for r in solved) for k in (1, 2, 3)),
        mean_examples=statistics.fmean(r.examples for r in solved) if solved else None,
        learn_median_ms=median(times), learn_p95_ms=percentile(times, 95),
        cpu_median_ms=median(cpu), cpu_p95_ms=percentile(cpu, 95),
        learn_calls=len(times),
        slowest=f"{slow.suite}/{slow.name}" if slow else None,
        slowest_s=slow.total_time if slow else None,
        kinds={k: sum(r.kind == k for r in results) for k in KINDS}, flags=flags)


def summarize_all(results: list[Result], skipped: list[tuple[Task, Task]],
                  suites: list[str]) -> list[Summary]:
    """One Summary per suite (in the order given) plus an ALL line."""
    out = []
    for suite in suites:
        mine = [r for r in results if r.suite == suite]
        dups = sum(t.suite == suite for t, _ in skipped)
        out.append(summarize(suite, mine, dups))
    out.append(summarize("ALL", results, len(skipped)))
    return out


# ------------------------------------------------------------------ reports


COLUMNS = [  # (header, width, formatter of a Summary)
    ("suite", -16, lambda s: s.suite),
    ("tasks", 5, lambda s: s.tasks),
    ("dup", 4, lambda s: s.skipped),
    ("solved", 6, lambda s: s.solved),
    ("%", 6, lambda s: _num(s.solved_pct, "{:.1f}")),
    ("<=1", 4, lambda s: s.within[0]),
    ("<=2", 4, lambda s: s.within[1]),
    ("<=3", 4, lambda s: s.within[2]),
    ("mean_ex", 7, lambda s: _num(s.mean_examples, "{:.2f}")),
    ("med_ms", 8, lambda s: _ms(s.learn_median_ms)),
    ("p95_ms", 8, lambda s: _ms(s.learn_p95_ms)),
    ("cpu_med", 7, lambda s: _ms(s.cpu_median_ms)),
    ("cpu_p95", 7, lambda s: _ms(s.cpu_p95_ms)),
    ("slow_s", 7, lambda s: _num(s.slowest_s, "{:.2f}")),
    ("noprog", 6, lambda s: s.kinds.get("no program", 0)),
    ("unsound", 7, lambda s: s.kinds.get("unsound", 0)),
    ("wronggen", 8, lambda s: s.kinds.get("wrong generalization", 0)),
    ("toomany", 7, lambda s: s.kinds.get("too many examples", 0)),
    ("timeout", 7, lambda s: s.kinds.get("timeout", 0)),
    ("crash", 5, lambda s: s.kinds.get("crash", 0)),
]


FLAG_COLUMNS = [  # (header, width, formatter of a Summary's Flags)
    ("suite", -16, None),
    ("steps", 6, lambda f: f.steps),
    ("wrong", 6, lambda f: f.wrong),
    ("flagged", 7, lambda f: f.flagged),
    ("both", 6, lambda f: f.both),
    ("recall%", 7, lambda f: _num(f.recall, "{:.1f}")),
    ("precision%", 10, lambda f: _num(f.precision, "{:.1f}")),
    ("typo_hints", 10, lambda f: f.typo_hints),
]


def format_flags(summaries: list[Summary]) -> str:
    """The flags table: per suite, Session.unsure_rows() against the rows filled wrong
    over every protocol step, and the (false) likely-typo hints; '' if none were counted."""
    if not any(s.flags.steps for s in summaries):
        return ""
    lines = ["flags: Session.unsure_rows() on every protocol step (examples excluded)",
             " ".join(_cell(h, w) for h, w, _ in FLAG_COLUMNS)]
    for s in summaries:
        lines.append(" ".join(_cell(s.suite if f is None else f(s.flags), w)
                              for _, w, f in FLAG_COLUMNS))
    return "\n".join(lines)


def _num(value, fmt: str) -> str:
    """Format a number, '-' for None."""
    return "-" if value is None else fmt.format(value)


def _ms(value) -> str:
    """Milliseconds with two decimals below 10 ms, one above."""
    return _num(value, "{:.2f}" if value is not None and value < 10 else "{:.1f}")


def _cell(value, width: int) -> str:
    """Pad a cell: negative width = left-aligned."""
    text = str(value)
    return text.ljust(-width) if width < 0 else text.rjust(width)


def format_table(summaries: list[Summary]) -> str:
    """The aligned stats table, with the slowest task of each line below it."""
    lines = [" ".join(_cell(h, w) for h, w, _ in COLUMNS)]
    for s in summaries:
        lines.append(" ".join(_cell(f(s), w) for _, w, f in COLUMNS))
    lines.append("slowest tasks: " + "; ".join(
        f"{s.slowest} {s.slowest_s:.2f}s" for s in summaries
        if s.slowest and s.suite != "ALL"))
    return "\n".join(lines)


def _show(value, limit: int = 120) -> str:
    """repr() of a value, shortened."""
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + "..."


def format_failure(result: Result) -> str:
    """A few lines describing one unsolved task."""
    lines = [f"{result.suite}/{result.name}: {result.kind} "
             f"({result.examples} example{'s' * (result.examples != 1)}, "
             f"{result.total_time:.2f} s)"]
    if result.error:
        lines.append(f"    error: {result.error}")
    if result.wrong:
        w = result.wrong
        label = "example not reproduced" if result.kind == "unsound" else "first wrong row"
        lines.append(f"    {label} #{w['row']} (program from {w['examples']} example"
                     f"{'s' * (w['examples'] != 1)}): inputs={_show(tuple(w['inputs']))}")
        lines.append(f"        expected={_show(w['expected'])} got={_show(w['got'])}")
    if result.explain:
        lines.extend("    | " + line for line in result.explain.splitlines())
    return "\n".join(lines)


def format_failures(results: list[Result]) -> str:
    """All unsolved tasks, grouped by failure kind."""
    failed = [r for r in results if not r.solved]
    failed.sort(key=lambda r: (KINDS.index(r.kind) if r.kind in KINDS else 99,
                               r.suite, r.name))
    return "\n".join(format_failure(r) for r in failed)


def format_unsound(results: list[Result]) -> str:
    """A loud banner naming every unsound task ('' if none)."""
    bad = [r for r in results if r.kind == "unsound"]
    if not bad:
        return ""
    lines = [f"!!! LEARNER BUG: {len(bad)} task(s) got a program that does not "
             "reproduce its own examples:"]
    lines.extend("!!!   " + format_failure(r).replace("\n", "\n!!!   ") for r in bad)
    return "\n".join(lines)


def write_json(path: str, results: list[Result], skipped, summaries, options,
               import_ms: float | None = None) -> None:
    """Write per-task results (and the summaries) for later comparison."""
    tasks = [{"name": r.name, "suite": r.suite, "solved": r.solved,
              "examples": r.examples, "kind": r.kind,
              "learn_times_ms": [round(t * 1000, 3) for t in r.learn_times],
              "learn_cpu_ms": [round(t * 1000, 3) for t in r.learn_cpu_times],
              "total_time_s": round(r.total_time, 4),
              "wrong": r.wrong, "error": r.error,
              "flags": asdict(r.flags) if r.flags else None} for r in results]
    doc = {"options": options, "import_ms": import_ms and round(import_ms, 1), "tasks": tasks,
           "skipped_duplicates": [{"name": t.name, "suite": t.suite,
                                   "duplicate_of": f"{o.suite}/{o.name}"}
                                  for t, o in skipped],
           "summary": [asdict(s) for s in summaries]}
    Path(path).write_text(dump_lines(doc), encoding="utf-8")


def dump_lines(doc: dict) -> str:
    """JSON with one list item per line, so two runs diff task by task."""
    parts = []
    for key, value in doc.items():
        if isinstance(value, list) and value:
            items = ",\n".join("  " + json.dumps(v, ensure_ascii=False) for v in value)
            parts.append(f" {json.dumps(key)}: [\n{items}\n ]")
        else:
            parts.append(f" {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}")
    return "{\n" + ",\n".join(parts) + "\n}\n"


class Progress:
    """One mark per finished task on stderr, with a counter every 50."""

    def __init__(self, total: int, stream=None):
        self.total, self.done = total, 0
        self.stream = stream or sys.stderr

    def __call__(self, result: Result) -> None:
        self.done += 1
        self.stream.write(PROGRESS_MARKS.get(result.kind, "?"))
        if self.done % 50 == 0 or self.done == self.total:
            self.stream.write(f" {self.done}/{self.total}\n")
        self.stream.flush()


# ---------------------------------------------------------------------- CLI


def parse_args(argv=None) -> argparse.Namespace:
    """Command-line options."""
    p = argparse.ArgumentParser(
        prog="python -m flashfill.bench",
        description="Fill-the-column benchmark of flashfill.learn over task suites.")
    p.add_argument("paths", nargs="+", metavar="PATH",
                   help="a task JSON file or a folder of them (a suite)")
    p.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT,
                   help="wall-clock seconds per task (default %(default)s)")
    p.add_argument("--jobs", "-j", type=int, default=1,
                   help="worker processes in parallel (default %(default)s)")
    p.add_argument("--failures", action="store_true",
                   help="list every unsolved task with details")
    p.add_argument("--json", metavar="FILE", help="write per-task results as JSON")
    p.add_argument("--filter", metavar="SUBSTR",
                   help="run only tasks whose name contains SUBSTR")
    p.add_argument("--memory", type=int, default=DEFAULT_MEMORY_MB, metavar="MB",
                   help="address-space cap per worker, 0 = none (default %(default)s)")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress on stderr")
    return p.parse_args(argv)


def suite_order(tasks: list[Task]) -> list[str]:
    """Suite names in order of first appearance."""
    return list(dict.fromkeys(t.suite for t in tasks))


def main(argv=None) -> int:
    """Entry point; returns the exit status (1 if any program was unsound)."""
    args = parse_args(argv)
    if args.timeout <= 0 or args.jobs < 1:
        raise SystemExit("bench: --timeout must be > 0 and --jobs >= 1")
    try:
        resolve_learner()
    except (ImportError, RuntimeError) as exc:
        raise SystemExit(f"bench: cannot benchmark: {exc}") from None
    selected = filter_tasks(load_paths(args.paths), args.filter)
    suites = suite_order(selected)
    tasks, skipped = dedupe(selected)
    progress = None if args.quiet else Progress(len(tasks))
    results = run_tasks(tasks, jobs=args.jobs, timeout=args.timeout,
                        memory_mb=args.memory or None, on_result=progress)
    summaries = summarize_all(results, skipped, suites)
    if args.failures and any(not r.solved for r in results):
        print(format_failures(results), end="\n\n")
    print(format_table(summaries))
    import_ms = import_time_ms()
    print(f"import flashfill: {import_ms:.0f} ms CPU (median of 5 fresh interpreters)")
    flags = format_flags(summaries)
    if flags:
        print("\n" + flags)
    banner = format_unsound(results)
    if banner:
        print("\n" + banner)
    if args.json:
        options = {"paths": args.paths, "timeout": args.timeout, "jobs": args.jobs,
                   "filter": args.filter, "max_examples": MAX_EXAMPLES}
        write_json(args.json, results, skipped, summaries, options, import_ms)
    return 1 if banner else 0


if __name__ == "__main__":
    # Run the imported module's main so pickled Tasks/Results name flashfill.bench,
    # not __main__ (which matters for the 'spawn' start method).
    from flashfill.bench import main as _main
    sys.exit(_main())
