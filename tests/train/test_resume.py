"""A run killed with SIGKILL at a chosen stage and resumed ends in the same state as an
uninterrupted one."""

from __future__ import annotations

import json
import shutil
import signal
from pathlib import Path

import pytest

from plasma.train.cli import train_main
from tests.train.conftest import RESUMABLE, TRAIN, assert_same_run, read_jsonl, run


def test_resume_after_kill_matches_uninterrupted(tmp_path: Path, uninterrupted_run: Path) -> None:
    # Killed in the middle iteration as it evaluates: after it wrote its policy and packet,
    # before it committed them. Through the fault-injection point, not a timer.
    killed = run(TRAIN, [*RESUMABLE, "--name", "killed"], tmp_path, PLASMA_FAULT="evaluate:1")
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert "plasma-fault: kill at evaluate:1" in killed.stderr
    run_dir = tmp_path / "runs" / "killed"
    state = json.loads((run_dir / "state.json").read_text())
    assert state["completed_iterations"] == 1  # between the first and the last iteration
    assert len(list((run_dir / "packets").iterdir())) == 1  # written, not committed

    resumed = run(TRAIN, ["--resume", "killed"], tmp_path)
    assert resumed.returncode == 0, resumed.stderr
    assert_same_run(uninterrupted_run, run_dir)


def _refused(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    assert train_main(argv) == 2
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 1, lines
    return lines[0]


def test_resume_of_finished_run_extends_it(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    uninterrupted_run: Path,
) -> None:
    monkeypatch.chdir(tmp_path)
    grow = tmp_path / "runs" / "grow"
    shutil.copytree(uninterrupted_run, grow)  # a finished 3-iteration run
    config = (grow / "config.json").read_bytes()
    # fewer iterations than the run completed: refused, and nothing rewritten
    assert "--iterations 0" in _refused(["--resume", "runs/grow", "--iterations", "0"], capsys)
    assert (grow / "config.json").read_bytes() == config

    more = run(TRAIN, ["--resume", "runs/grow", "--iterations", "4"], tmp_path)
    assert more.returncode == 0, more.stderr
    state = json.loads((grow / "state.json").read_text())
    assert state["completed_iterations"] == 4
    rows = read_jsonl(grow / "metrics.jsonl")
    assert [r["iteration"] for r in rows] == [0, 1, 2, 3]

    # a finished 4-iteration run told --iterations 2 keeps its config (it used to rewrite it)
    config = (grow / "config.json").read_bytes()
    line = _refused(["--resume", "runs/grow", "--iterations", "2"], capsys)
    assert "already completed 4 iterations" in line
    assert (grow / "config.json").read_bytes() == config
