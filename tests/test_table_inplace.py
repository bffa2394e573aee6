"""Writing in place without ever losing data: backups, a source changed meanwhile, signals,
kill -9, read-only files and file modes."""

from __future__ import annotations

import os
import select
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from flashfill.cli import main
from flashfill.table import Destination, TableError, fill
from flashfill.table.atomic import temporary_name
from flashfill.table.learner import Learned

from fake_programs import Upper
from test_table_fill import upper_learner, write_csv

IN_PLACE = Destination(in_place=True)


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_a_backup_is_never_overwritten(tmp_path):
    src = write_csv(tmp_path / "b.csv", [["In", "Out"], ["a", "A"], ["b", ""], ["c?", ""]])
    original = src.read_bytes()
    first = fill(src, destination=IN_PLACE, learner=upper_learner())
    once = src.read_bytes()
    second = fill(src, destination=IN_PLACE, learner=upper_learner())
    assert first.backup == tmp_path / "b.csv.bak" and second.backup == tmp_path / "b.csv.1.bak"
    assert (tmp_path / "b.csv.bak").read_bytes() == original
    assert (tmp_path / "b.csv.1.bak").read_bytes() == once != original
    assert names(tmp_path) == ["b.csv", "b.csv.1.bak", "b.csv.bak"]


class Appending:
    """A learner (or a program) that appends a row to the source file the first time it is called."""

    def __init__(self, path: Path) -> None:
        self.path, self.done = path, False

    def append(self) -> None:
        if not self.done:
            self.done = True
            with open(self.path, "ab") as f:
                f.write(b"late,row\r\n")


@pytest.mark.parametrize("in_place", [True, False])
@pytest.mark.parametrize("when", ["learning", "writing"])
def test_a_source_changed_during_the_run_writes_nothing(tmp_path, in_place, when):
    src = write_csv(tmp_path / "s.csv", [["In", "Out"], ["a", "A"]] + [[f"r{i}", ""] for i in range(5000)])
    original = src.read_bytes()
    hook = Appending(src)

    class Program(Upper):
        def __call__(self, row):
            hook.append()
            return super().__call__(row)

    def learner(examples, inputs):
        if when == "learning":
            hook.append()
        return Learned(Program())
    destination = IN_PLACE if in_place else Destination()
    with pytest.raises(TableError, match="s.csv: the file changed while flashfill was reading it.*nothing was written"):
        fill(src, destination=destination, learner=learner)
    assert src.read_bytes() == original + b"late,row\r\n"
    assert names(tmp_path) == ["s.csv"]


def test_a_read_only_file_is_refused_unless_forced(tmp_path, capsys):
    src = write_csv(tmp_path / "r.csv", [["In", "Out"], ["a", "A"], ["b", ""]])
    original = src.read_bytes()
    src.chmod(0o444)
    code = main(["fill", str(src), "--in-place"])
    assert code == 2 and "r.csv: the file is read-only" in capsys.readouterr().err
    assert src.read_bytes() == original and names(tmp_path) == ["r.csv"]
    fill(src, destination=Destination(in_place=True, force=True), learner=upper_learner())
    assert src.read_bytes() != original and (tmp_path / "r.csv.bak").read_bytes() == original
    assert stat.S_IMODE(src.stat().st_mode) == 0o444


def test_in_place_through_a_symbolic_link_fills_the_file_it_points_to(tmp_path):
    src = write_csv(tmp_path / "real.csv", [["In", "Out"], ["a", "A"], ["b", ""]])
    original = src.read_bytes()
    (tmp_path / "link.csv").symlink_to(src)
    report = fill(tmp_path / "link.csv", destination=IN_PLACE, learner=upper_learner())
    assert (tmp_path / "link.csv").is_symlink() and src.read_bytes().endswith(b"b,B\r\n")
    assert report.backup == (tmp_path / "real.csv.bak").resolve() and report.backup.read_bytes() == original


def test_the_file_mode_is_kept(tmp_path):
    src = write_csv(tmp_path / "m.csv", [["In", "Out"], ["a", "A"], ["b", ""]])
    src.chmod(0o640)
    fill(src, destination=IN_PLACE, learner=upper_learner())
    assert stat.S_IMODE(src.stat().st_mode) == 0o640


# The real command in a real process, paused in the middle of writing (after two batches of
# rows are in the temporary file) until the test has sent its signal.
PAUSED_CLI = """
import os, sys
from flashfill import cli
from flashfill.table import plain
ready, go = int(sys.argv[1]), int(sys.argv[2])
original = plain.PlainWriter.write
batches = []

def write(self, w, *args):
    batches.append(1)
    if len(batches) == 3:
        w.flush()
        os.write(ready, b"x")
        os.read(go, 1)
    return original(self, w, *args)

plain.PlainWriter.write = write
sys.exit(cli.main(sys.argv[3:]))
"""


def big_csv(folder: Path) -> Path:
    rows = [["Name", "First"], ["ann lee", "ann"], ["bo ek", "bo"]]
    rows += [[f"name{i} family{i % 97}", ""] for i in range(40_000)]
    return write_csv(folder / "big.csv", rows)


def start_paused(src: Path) -> tuple[subprocess.Popen, int]:
    ready_r, ready_w = os.pipe()
    go_r, go_w = os.pipe()
    process = subprocess.Popen([sys.executable, "-c", PAUSED_CLI, str(ready_w), str(go_r), "fill", str(src),
                                "--in-place"], pass_fds=(ready_w, go_r), stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    os.close(ready_w)
    os.close(go_r)
    readable, _, _ = select.select([ready_r], [], [], 120)
    assert readable and os.read(ready_r, 1) == b"x", "the command never reached the middle of its write"
    os.close(ready_r)
    return process, go_w


def temporaries(folder: Path, src: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.name.startswith(f".{src.name}.flashfill-") and p.name.endswith(".tmp")]


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_stop_signal_removes_the_temporary_file(tmp_path, signum):
    src = big_csv(tmp_path)
    original = src.read_bytes()
    process, go = start_paused(src)
    (temp,) = temporaries(tmp_path, src)
    assert temp.stat().st_size > 4096
    process.send_signal(signum)
    out, err = process.communicate(timeout=120)
    os.close(go)
    assert process.returncode == 128 + signum
    assert f"stopped by {signal.Signals(signum).name}" in err
    assert names(tmp_path) == ["big.csv"] and src.read_bytes() == original


def test_after_kill_9_the_next_run_removes_only_its_own_stale_temporaries(tmp_path, capsys):
    src = big_csv(tmp_path)
    original = src.read_bytes()
    process, go = start_paused(src)
    process.kill()
    process.communicate(timeout=120)
    os.close(go)
    (stale,) = temporaries(tmp_path, src)
    live = tmp_path / f"{temporary_name(src)}abc.tmp"
    live.write_text("a run of this very process")
    other = tmp_path / ".big.csv.other-123-abc.tmp"
    other.write_text("not ours")
    assert src.read_bytes() == original
    code = main(["fill", str(src), "-o", str(tmp_path / "out.csv")])
    out = capsys.readouterr().out
    assert code == 0
    assert f"removed {stale.name}, the temporary file of an earlier run that was killed" in out
    assert names(tmp_path) == sorted([other.name, live.name, "big.csv", "out.csv"])
