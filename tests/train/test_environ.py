"""``PLASMA_*`` environment variables set to garbage: every command refuses them up front with
one line naming the variable (status 2), instead of ignoring them silently (``abc``) or failing
deep inside a run (a thread count no machine has, a ``PLASMA_FAULT`` naming no stage). Real
processes, each in its own environment."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.train.conftest import EVAL, TRAIN, env

TRACE = [sys.executable, "-m", "plasma.trace", "show"]


THREADS = [("PLASMA_NUM_THREADS", v) for v in ("abc", "0", "-3", "100000000")]
"""Was ignored silently (abc, 0), or made the Rust core panic building its pool (10^8)."""
FAULTS = [("PLASMA_FAULT", v) for v in ("garbage", "fit:x")]
"""Failed with status 1 after the run was created. Read by the training commands only."""


@pytest.mark.parametrize(
    ("variable", "value", "command"),
    [(*vv, c) for vv in THREADS for c in ("train", "eval", "trace")]
    + [(*vv, c) for vv in FAULTS for c in ("train", "eval")],
)
def test_a_garbage_variable_is_refused_in_one_line_before_anything(
    tmp_path: Path, variable: str, value: str, command: str
) -> None:
    argv = {
        "train": [sys.executable, TRAIN, "--runs-dir", "runs", "--iterations", "1"],
        "eval": [sys.executable, EVAL, "--runs-dir", "runs"],
        "trace": [*TRACE, "trace.jsonl"],
    }[command]
    done = subprocess.run(
        argv,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env(**{variable: value}),
        timeout=60,
        check=False,
    )
    assert done.returncode == 2, done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert variable in lines[0]
    assert not (tmp_path / "runs").exists()


@pytest.mark.parametrize("value", ["", "  ", "2", " 3 "])
def test_a_blank_or_valid_thread_count_is_accepted(tmp_path: Path, value: str) -> None:
    done = subprocess.run(
        [sys.executable, TRAIN, "--print-config"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env(PLASMA_NUM_THREADS=value),
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
