"""The one rule of every command that reads a run (``plasma-eval``, ``plasma-train --resume``,
``--base``): :meth:`RunDir.find` and :meth:`RunDir.committed_state`. A run killed before its
first commit says it has no completed iteration and how to go on; before, ``plasma-eval`` on a
run killed before it saved ``config.json`` said "not found (no config.json ...)"."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from plasma.errors import RunDirError
from plasma.train.cli import eval_main, train_main
from plasma.train.rundir import RunDir, RunState
from tests.train.conftest import EVAL, TRAIN, env
from tests.train.test_stops import HANGING_ENV


def _nothing(run: Path) -> None:
    pass


def _a_file(run: Path) -> None:
    run.write_text("x")


def _empty(run: Path) -> None:  # made by hand, or claim() stopped before its marker
    run.mkdir()


def _foreign(run: Path) -> None:
    run.mkdir()
    (run / "notes.txt").write_text("mine")


def _killed_while_starting(run: Path) -> None:  # claim() made it; config.json not yet written
    run.mkdir()
    (run / ".plasma-run").write_text('{"format": "plasma.run/1", "pid": 1}\n')


def _killed_in_first_iteration(run: Path) -> None:  # config written, no state yet
    _killed_while_starting(run)
    (run / "config.json").write_text('{"env": "Pendulum-v1"}')
    (run / "iterations" / "0000").mkdir(parents=True)


def _first_state_of_nothing(run: Path) -> None:
    _killed_in_first_iteration(run)
    RunDir(run).write_state(RunState())


# (what is at the path, what every reader says; the resume's own line where it differs)
CASES: list[tuple[Callable[[Path], None], str, str | None]] = [
    (_nothing, "not found: there is no directory", None),
    (_a_file, "is not a directory", None),
    (_empty, "is empty: no run was started there, or one was stopped before it wrote", None),
    (_foreign, "is not a Plasma run directory", None),
    (_killed_while_starting, "has no completed iteration: it was stopped before it saved", None),
    (_killed_in_first_iteration, "has no completed iteration yet", ""),
    (_first_state_of_nothing, "has no completed iteration yet", ""),
]


@pytest.mark.parametrize(("make", "says", "resume_says"), CASES)
def test_every_reader_of_a_run_says_the_same(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    make: Callable[[Path], None],
    says: str,
    resume_says: str | None,
) -> None:
    run = tmp_path / "run"
    make(run)
    before = sorted(os.walk(tmp_path))

    def refused() -> str:
        with pytest.raises(RunDirError) as caught:
            RunDir.find(run, tmp_path / "runs").committed_state()
        return str(caught.value)

    message = refused()
    assert says in message
    assert "\n" not in message
    assert str(run) in message

    for main, argv, expect in [
        (eval_main, ["--run", str(run), "--episodes", "1"], says),
        (train_main, ["--runs-dir", str(tmp_path), "--base", str(run), "--print-config"], says),
        (train_main, ["--resume", str(run)], says if resume_says is None else resume_says),
    ]:
        if expect == "":
            continue  # a resume of a run with a config continues it (not tried here)
        assert main(argv) == 2
        lines = capsys.readouterr().err.strip().splitlines()
        assert len(lines) == 1, lines
        assert expect in lines[0]
        assert str(run) in lines[0]
    assert sorted(os.walk(tmp_path)) == before  # nothing created or removed


def test_the_message_of_a_run_killed_while_starting_says_how_to_start_it(tmp_path: Path) -> None:
    run = tmp_path / "run"
    _killed_while_starting(run)
    with pytest.raises(RunDirError, match=f"plasma-train --run-dir {run}"):
        RunDir.find(run)


def test_a_name_under_the_runs_directory_is_found(tmp_path: Path) -> None:
    (tmp_path / "runs").mkdir()
    _first_state_of_nothing(tmp_path / "runs" / "r1")
    assert RunDir.find("r1", tmp_path / "runs").path == tmp_path / "runs" / "r1"
    with pytest.raises(RunDirError, match="plasma-train --resume"):
        RunDir.find("r1", tmp_path / "runs").committed_state()


def test_a_run_killed_before_it_wrote_anything_is_not_found_by_its_readers(tmp_path: Path) -> None:
    # What a user sees after a run killed (SIGKILL: nothing can be said) before it wrote
    # anything: plasma-train checks every input before it creates the run directory, so there is
    # none, and every reader says so on one line (status 2) naming the path it looked at.
    (tmp_path / "hanging_env.py").write_text(HANGING_ENV)
    mark, run = tmp_path / "in-reset", tmp_path / "run"
    inherited = [Path(p).resolve() for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
    extra = {
        "PYTHONPATH": os.pathsep.join(str(p) for p in [tmp_path, *inherited]),
        "HANG_MARK": str(mark),
    }
    argv = ["--env", "hanging_env:hangs/Hangs-v0", "--run-dir", str(run)]
    proc = subprocess.Popen(
        [sys.executable, TRAIN, *argv], cwd=tmp_path, env=env(**extra), stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 120
    while not mark.exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    assert proc.wait(timeout=30) == -signal.SIGKILL
    assert not run.exists()
    for script, args in [(EVAL, ["--run", str(run)]), (TRAIN, ["--resume", str(run)])]:
        done = subprocess.run(
            [sys.executable, script, *args],
            cwd=tmp_path,
            env=env(**extra),
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        lines = done.stderr.strip().splitlines()
        assert done.returncode == 2, done.stderr
        assert len(lines) == 1, lines
        assert f"run {run} not found: there is no directory {run}" in lines[0]
    assert not run.exists()
