"""Resuming a finished run extends it.

A run killed with SIGKILL at a stage and resumed ends in the same state as an uninterrupted one:
tests/train/test_faults.py kills one run at every stage (the kill as the middle iteration
evaluates, after it wrote its policy and packet and before it committed them, among them) and
compares it with the uninterrupted run.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from plasma.train.cli import train_main
from tests.train.conftest import TRAIN, read_jsonl, run_here


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

    # the extension runs in this process (run_here, as the refusals do): what is under test is
    # what --resume of a finished run does, not how a process ends
    more = run_here(TRAIN, ["--resume", "runs/grow", "--iterations", "4"], tmp_path)
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
