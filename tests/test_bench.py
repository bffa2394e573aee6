"""Tests of the benchmark harness with fake learners (the real one is not needed)."""

from __future__ import annotations

import json
import os
import time

import pytest

from flashfill import bench
from flashfill.errors import LearnError


# ------------------------------------------------------------ fake learners


class Const:
    """A program that always returns the same string."""

    def __init__(self, value):
        self.value = value

    def __call__(self, row):
        return self.value

    def explain(self):
        return f"return {self.value!r}"


class Lookup:
    """A program that answers its examples and a fallback elsewhere."""

    def __init__(self, examples, fallback=None):
        self.table = dict(examples)
        self.fallback = fallback

    def __call__(self, row):
        return self.table.get(tuple(row), self.fallback)

    def explain(self):
        return "lookup table\nsecond line"


def learn_const_first(examples, inputs=None):
    """Always returns the first example's output."""
    return Const(examples[0][1])


def learn_never(examples, inputs=None):
    """Never finds a program."""
    raise LearnError("nothing fits")


def learn_ignores_examples(examples, inputs=None):
    """Returns a program unrelated to its examples (unsound)."""
    return Const("?!")


def learn_memorize(examples, inputs=None):
    """Memorizes its examples and never generalizes."""
    return Lookup(examples)


def learn_upper(examples, inputs=None):
    """A correct learner for upper-casing tasks."""
    class Upper(Const):
        def __call__(self, row):
            return row[0].upper()
    return Upper(None)


def learn_crash(examples, inputs=None):
    """Crashes with a non-LearnError exception."""
    return {}["missing"]


def learn_sleep(examples, inputs=None):
    """Hangs far past any test timeout."""
    time.sleep(30)
    return Const("late")


def learn_die(examples, inputs=None):
    """Kills its own process, as a segfault in a C extension would."""
    os._exit(3)


def learn_record(examples, inputs=None):
    """Records every call's arguments on the function object, then memorizes."""
    learn_record.calls.append((list(examples), list(inputs)))
    return Lookup(examples)


learn_record.calls = []


def task(name, rows, suite="s"):
    """A Task from [(inputs, output), ...] with string inputs promoted to tuples."""
    rows = tuple(((r,) if isinstance(r, str) else tuple(r), out) for r, out in rows)
    return bench.Task(name=name, suite=suite, rows=rows)


# ----------------------------------------------------------------- protocol


def test_constant_program_solves_task_with_equal_outputs():
    t = task("const", [("a", "X"), ("b", "X"), ("c", "X")])
    r = bench.run_task(t, learn_const_first)
    assert r.solved and r.kind is None
    assert r.examples == 1
    assert len(r.learn_times) == 1


def test_constant_program_fails_when_outputs_differ():
    # The constant learner only ever returns the first output: every added
    # example is re-learned as the same constant, which is then unsound.
    t = task("varied", [("a", "X"), ("b", "Y"), ("c", "X")])
    r = bench.run_task(t, learn_const_first)
    assert not r.solved
    assert r.kind == "unsound"
    assert r.examples == 2
    assert r.wrong == {"row": 1, "inputs": ["b"], "expected": "Y", "got": "X",
                       "examples": 2}


def test_learn_error_is_no_program():
    r = bench.run_task(task("t", [("a", "A"), ("b", "B")]), learn_never)
    assert r.kind == "no program" and not r.solved
    assert r.examples == 1
    assert "nothing fits" in r.error


def test_program_ignoring_examples_is_unsound():
    r = bench.run_task(task("t", [("a", "A"), ("b", "B")]), learn_ignores_examples)
    assert r.kind == "unsound"
    assert r.wrong["row"] == 0 and r.wrong["got"] == "?!"
    assert r.explain == "return '?!'"


def test_memorizer_on_small_task_is_wrong_generalization():
    t = task("t", [("a", "A"), ("b", "B"), ("c", "C")])
    r = bench.run_task(t, learn_memorize)
    assert r.kind == "wrong generalization"
    assert r.examples == 3 and len(r.learn_times) == 3
    # The last wrong row before all rows were given, and its program.
    assert r.wrong["row"] == 2 and r.wrong["got"] is None
    assert r.explain.startswith("lookup table")


def test_memorizer_on_big_task_stops_at_ten_examples():
    rows = [(str(i), str(i) * 2) for i in range(15)]
    r = bench.run_task(task("big", rows), learn_memorize)
    assert r.kind == "too many examples"
    assert r.examples == bench.MAX_EXAMPLES
    assert len(r.learn_times) == bench.MAX_EXAMPLES


def test_eleven_row_task_needing_all_rows_is_too_many_examples():
    rows = [(str(i), str(i) * 2) for i in range(11)]
    r = bench.run_task(task("eleven", rows), learn_memorize)
    assert r.kind == "too many examples"


def test_adds_first_wrong_row_in_row_order():
    learn_record.calls.clear()
    rows = [("a", "1"), ("b", "2"), ("c", "3"), ("d", "4")]
    bench.run_task(task("t", rows), learn_record)
    added = [[ex[0][0] for ex in exs] for exs, _ in learn_record.calls]
    assert added == [["a"], ["a", "b"], ["a", "b", "c"], ["a", "b", "c", "d"]]
    # Every call sees every input row, as tuples.
    assert all(inputs == [("a",), ("b",), ("c",), ("d",)]
               for _, inputs in learn_record.calls)


def test_skips_rows_already_right():
    def learn(examples, inputs=None):
        # Memorizes, answering the first example's output elsewhere.
        learn_record.calls.append([ex[0][0] for ex in examples])
        return Lookup(examples, fallback=examples[0][1])
    learn_record.calls.clear()
    rows = [("a", "X"), ("b", "X"), ("c", "Y"), ("d", "X"), ("e", "Z"), ("f", "X")]
    r = bench.run_task(task("t", rows), learn)
    assert learn_record.calls == [["a"], ["a", "c"], ["a", "c", "e"]]
    assert r.solved and r.examples == 3


def test_solved_after_second_example():
    def learn(examples, inputs=None):
        # Generalizes only once it has seen two examples.
        return Lookup(examples) if len(examples) < 2 else learn_upper(examples)
    t = task("t", [("ab", "AB"), ("cd", "CD"), ("ef", "EF")])
    r = bench.run_task(t, learn)
    assert r.solved and r.examples == 2 and r.kind is None


def test_single_row_task_cannot_be_solved():
    r = bench.run_task(task("one", [("a", "A")]), learn_upper)
    assert not r.solved and r.kind == "wrong generalization"


def test_crash_keeps_last_traceback_line():
    r = bench.run_task(task("t", [("a", "A"), ("b", "B")]), learn_crash)
    assert r.kind == "crash" and r.error == "KeyError: 'missing'"


def test_crash_in_program_call_is_crash():
    def learn(examples, inputs=None):
        return lambda row: 1 / 0
    r = bench.run_task(task("t", [("a", "A"), ("b", "B")]), learn)
    assert r.kind == "crash" and "ZeroDivisionError" in r.error


def test_failed_learn_calls_are_timed_too():
    r = bench.run_task(task("t", [("a", "A"), ("b", "B")]), learn_never)
    assert len(r.learn_times) == 1 and r.learn_times[0] >= 0


def test_verdict_rules():
    assert bench.verdict(1, 2, 10) is None
    assert bench.verdict(10, 11, 10) is None
    assert bench.verdict(2, 2, 10) == "wrong generalization"
    assert bench.verdict(10, 10, 10) == "wrong generalization"
    assert bench.verdict(11, 12, 10) == "too many examples"


# ------------------------------------------------------------ tasks & dedupe


def test_duplicates_are_order_insensitive_and_cross_suite():
    a = task("a", [("x", "1"), ("y", "2")], suite="one")
    b = task("b", [("y", "2"), ("x", "1")], suite="two")       # same multiset
    c = task("c", [("x", "1"), ("y", "2"), ("y", "2")], suite="two")  # multiset differs
    kept, skipped = bench.dedupe([a, b, c])
    assert kept == [a, c]
    assert skipped == [(b, a)]


def test_load_paths_folder_is_suite_and_ignores_non_json(tmp_path):
    suite = tmp_path / "mysuite"
    suite.mkdir()
    (suite / "README.md").write_text("not a task")
    (suite / "index.tsv").write_text("name\n")
    (suite / "sub").mkdir()
    (suite / "sub" / "deep.json").write_text("{}")
    for name, out in (("t2", "B"), ("t1", "A")):
        (suite / f"{name}.json").write_text(json.dumps(
            {"name": name, "source": "", "description": "",
             "rows": [{"inputs": ["a", "b"], "output": out}]}))
    tasks = bench.load_paths([str(suite), str(suite / "t1.json")])
    assert [(t.name, t.suite) for t in tasks] == [
        ("t1", "mysuite"), ("t2", "mysuite"), ("t1", "mysuite")]
    assert tasks[0].rows == ((("a", "b"), "A"),)
    kept, skipped = bench.dedupe(tasks)
    assert len(kept) == 2 and len(skipped) == 1


def test_load_rejects_malformed_task(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"rows": [{"inputs": [1], "output": "x"}]}))
    with pytest.raises(SystemExit, match="bad.json"):
        bench.load_paths([str(bad)])


def test_filter_by_name():
    tasks = [task("phone-1", [("a", "b")]), task("name-2", [("a", "c")])]
    assert [t.name for t in bench.filter_tasks(tasks, "phone")] == ["phone-1"]
    assert bench.filter_tasks(tasks, None) == tasks


# --------------------------------------------------------------- statistics


def test_percentile_and_median():
    assert bench.percentile([], 95) is None
    assert bench.median([]) is None
    assert bench.percentile([3.0], 95) == 3.0
    assert bench.percentile(list(range(1, 21)), 95) == 19
    assert bench.percentile(list(range(1, 21)), 50) == 10
    assert bench.median([4, 1, 3, 2]) == 2.5
    assert bench.median([5, 1, 3]) == 3


def result(name, suite="s", solved=False, examples=1, kind=None, times=(), total=0.0):
    """A hand-made Result."""
    return bench.Result(name, suite, solved=solved, examples=examples, kind=kind,
                        learn_times=list(times), total_time=total)


def test_summary_numbers():
    results = [
        result("a", solved=True, examples=1, times=[0.001], total=0.5),
        result("b", solved=True, examples=3, times=[0.002, 0.003, 0.004], total=0.1),
        result("c", solved=True, examples=2, times=[0.005, 0.006], total=0.2),
        result("d", kind="no program", times=[0.1], total=2.0),
        result("e", kind="timeout", examples=2, times=[0.007], total=10.0),
    ]
    s = bench.summarize("s", results, skipped=4)
    assert (s.tasks, s.skipped, s.solved) == (5, 4, 3)
    assert s.solved_pct == pytest.approx(60.0)
    assert s.within == (1, 2, 3)
    assert s.mean_examples == pytest.approx(2.0)
    assert s.learn_calls == 8
    assert s.learn_median_ms == pytest.approx(4.5)   # of 1..7 and 100 ms
    assert s.learn_p95_ms == pytest.approx(100.0)
    assert s.slowest == "s/e" and s.slowest_s == 10.0
    assert s.kinds["no program"] == 1 and s.kinds["timeout"] == 1
    assert s.kinds["unsound"] == 0


def test_summarize_all_per_suite_and_all():
    results = [result("a", "x", solved=True), result("b", "y", kind="crash")]
    original = task("a", [("1", "2")], suite="x")
    dup = (task("c", [("1", "2")], suite="y"), original)
    sums = bench.summarize_all(results, [dup], ["x", "y"])
    assert [(s.suite, s.tasks, s.skipped, s.solved) for s in sums] == [
        ("x", 1, 0, 1), ("y", 1, 1, 0), ("ALL", 2, 1, 1)]
    table = bench.format_table(sums)
    lines = table.splitlines()
    assert lines[0].split()[:4] == ["suite", "tasks", "dup", "solved"]
    assert lines[3].split()[:5] == ["ALL", "2", "1", "1", "50.0"]
    assert len({len(line) for line in lines[:4]}) == 1  # aligned


def test_failure_report_shows_wrong_row_and_explain():
    t = task("t", [("a", "A"), ("b", "B"), ("c", "C")])
    r = bench.run_task(t, learn_memorize)
    text = bench.format_failures([r])
    assert "s/t: wrong generalization (3 examples" in text
    assert "first wrong row #2 (program from 2 examples)" in text
    assert "expected='C' got=None" in text
    assert "| lookup table" in text
    r2 = bench.run_task(t, learn_ignores_examples)
    assert "LEARNER BUG" in bench.format_unsound([r, r2])
    assert bench.format_unsound([r]) == ""


# ------------------------------------------------------------------ workers


def test_pool_runs_tasks_in_order_in_subprocesses():
    tasks = [task("same", [("a", "X"), ("b", "X")]),
             task("diff", [("a", "X"), ("b", "Y")]),
             task("never", [("a", "X"), ("b", "Y")])]
    res = bench.run_tasks(tasks[:2], learn_const_first, jobs=2, timeout=20)
    assert [(r.name, r.solved, r.kind) for r in res] == [
        ("same", True, None), ("diff", False, "unsound")]
    res = bench.run_tasks(tasks[2:], learn_never, timeout=20)
    assert res[0].kind == "no program"


def test_pool_times_out_sleeping_learner_and_keeps_going():
    tasks = [task("slow1", [("a", "X"), ("b", "X")]),
             task("slow2", [("a", "X"), ("b", "X")])]
    seen = []
    res = bench.run_tasks(tasks, learn_sleep, timeout=0.3, on_result=seen.append)
    assert [r.kind for r in res] == ["timeout", "timeout"]
    assert all(not r.solved for r in res)
    assert len(seen) == 2


def learn_slow_second(examples, inputs=None):
    """Fast on the first call, hangs on the second."""
    if len(examples) > 1:
        time.sleep(30)
    return Lookup(examples)


def test_timeout_keeps_finished_learn_calls():
    rows = [("a", "X"), ("b", "Y"), ("c", "Z")]
    (r,) = bench.run_tasks([task("t", rows)], learn_slow_second, timeout=0.5)
    assert r.kind == "timeout"
    assert len(r.learn_times) == 1 and r.learn_times[0] < 0.5
    assert r.examples == 2
    assert r.total_time >= 0.5


def test_pool_survives_worker_death():
    tasks = [task("dies", [("a", "X"), ("b", "X")]),
             task("dies2", [("a", "X"), ("b", "X")])]
    res = bench.run_tasks(tasks, learn_die, timeout=20)
    assert [r.kind for r in res] == ["crash", "crash"]
    assert "exit code 3" in res[0].error


def test_pool_with_no_tasks():
    assert bench.run_tasks([], learn_never) == []


# ---------------------------------------------------------------------- CLI


def write_suite(folder, tasks):
    """Write {name: rows} as task files into folder."""
    folder.mkdir()
    for name, rows in tasks.items():
        (folder / f"{name}.json").write_text(json.dumps(
            {"name": name, "source": "", "description": "",
             "rows": [{"inputs": [i], "output": o} for i, o in rows]}))


def test_main_end_to_end_with_injected_learner(tmp_path, monkeypatch, capsys):
    import flashfill
    monkeypatch.setattr(flashfill, "learn", learn_upper, raising=False)
    write_suite(tmp_path / "alpha", {"up": [("ab", "AB"), ("cd", "CD")],
                                     "lower": [("AB", "ab"), ("CD", "cd")]})
    write_suite(tmp_path / "beta", {"copy": [("cd", "CD"), ("ab", "AB")]})
    out_json = tmp_path / "r.json"
    code = bench.main([str(tmp_path / "alpha"), str(tmp_path / "beta"), "--failures",
                       "--json", str(out_json), "--quiet", "--timeout", "20"])
    assert code == 1   # 'lower' gets an unsound program: loud
    out = capsys.readouterr().out
    assert "alpha/lower: unsound" in out and "LEARNER BUG" in out
    rows = {line.split()[0]: line.split() for line in out.splitlines() if line.strip()}
    assert rows["alpha"][1:4] == ["2", "0", "1"]
    assert rows["beta"][1:4] == ["0", "1", "0"]
    assert rows["ALL"][1:4] == ["2", "1", "1"]
    doc = json.loads(out_json.read_text())
    assert {(t["name"], t["solved"], t["kind"]) for t in doc["tasks"]} == {
        ("lower", False, "unsound"), ("up", True, None)}
    assert doc["skipped_duplicates"] == [
        {"name": "copy", "suite": "beta", "duplicate_of": "alpha/up"}]
    assert all(len(t["learn_times_ms"]) == 1 for t in doc["tasks"])


def test_main_filter(tmp_path, monkeypatch, capsys):
    import flashfill
    monkeypatch.setattr(flashfill, "learn", learn_upper, raising=False)
    write_suite(tmp_path / "s", {"up": [("ab", "AB"), ("cd", "CD")],
                                 "lower": [("AB", "ab"), ("CD", "cd")]})
    assert bench.main([str(tmp_path / "s"), "--filter", "up", "-q"]) == 0
    line = [l for l in capsys.readouterr().out.splitlines() if l.startswith("ALL")][0]
    assert line.split()[1:4] == ["1", "0", "1"]


def test_learn_calls_are_timed_in_cpu_time_too():
    def learn_busy(examples, inputs=None):
        end = time.process_time() + 0.02
        while time.process_time() < end:
            pass
        return Lookup(examples)
    r = bench.run_task(task("t", [("a", "A"), ("b", "B")]), learn_busy)
    assert len(r.learn_cpu_times) == len(r.learn_times) == 2
    assert all(t >= 0.02 for t in r.learn_cpu_times)
    s = bench.summarize("s", [r], skipped=0)
    assert s.cpu_median_ms >= 20 and s.cpu_p95_ms >= 20


def test_import_time_is_measured_in_a_fresh_interpreter():
    assert 0 < bench.import_time_ms(runs=1) < 10_000


# ------------------------------------------------------------------- flags


def test_flags_count_the_session_unsure_rows_against_the_wrong_rows():
    """With the real learner, each step's Session says which rows it is unsure of: here
    the title typed from the first example is flagged on the rows it gets wrong."""
    rows = [("Alan Smith m", "Mr. Smith"), ("Ada Jones f", "Ms. Jones"), ("Grace Brown f", "Ms. Brown"),
            ("Bob Lee m", "Mr. Lee")]
    r = bench.run_task(task("titles", rows))
    assert r.flags is not None and r.flags.steps >= 1
    assert r.flags.wrong >= 2 and r.flags.both == r.flags.wrong
    assert r.flags.typo_hints == 0


def test_flags_are_summed_per_suite_and_printed():
    a, b = result("a"), result("b")
    a.flags = bench.Flags(steps=2, wrong=4, flagged=5, both=3, typo_hints=1)
    b.flags = bench.Flags(steps=1, wrong=0, flagged=1, both=0)
    s = bench.summarize("s", [a, b], skipped=0)
    assert (s.flags.steps, s.flags.wrong, s.flags.flagged, s.flags.both, s.flags.typo_hints) == (3, 4, 6, 3, 1)
    assert s.flags.recall == pytest.approx(75.0) and s.flags.precision == pytest.approx(50.0)
    table = bench.format_flags([s])
    assert "recall%" in table and " 75.0 " in table and " 50.0 " in table


def test_no_flags_with_another_learner():
    r = bench.run_task(task("t", [("a", "A"), ("b", "B")]), learn_never)
    assert r.flags is None
    assert bench.format_flags([bench.summarize("s", [r], skipped=0)]) == ""


def test_a_step_being_judged_stops_the_task_clock():
    """While the session judges a step the task cannot time out (within the timeout
    again); afterwards its deadline has moved on by the judging's time only."""
    pool = bench.Pool(timeout=5.0)
    worker = bench.Worker.__new__(bench.Worker)
    worker.task, worker.index, worker.learn_times = task("t", [("a", "A")]), 0, []
    worker.started, worker.deadline, worker.judging_since = time.monotonic() - 9, time.monotonic() - 1, None
    inbox = [("judge", None)]
    worker.messages = lambda: iter(inbox)
    assert list(pool.collect(0, worker)) == []
    assert worker.due(pool.timeout) > time.monotonic() + 4
    inbox[:] = [("judge", 0.01)]
    pool.replace = lambda slot, w: None
    (index, lost), = pool.collect(0, worker)
    assert (index, lost.kind) == (0, "timeout")
