"""A run killed with SIGKILL and resumed ends in the same state as an uninterrupted one."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
from safetensors.numpy import load_file

from tests.train.conftest import TINY, TRAIN, env, read_jsonl, run

ARGS = ["--iterations", "3", "--seed", "3", "--set", 'distill_schedule="lora"', *TINY]
VOLATILE = ("seconds", "latency", "packet")


def _stable(row: dict[str, object]) -> dict[str, object]:
    return {k: v for k, v in row.items() if not any(w in k for w in VOLATILE)}


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_resume_after_kill_matches_uninterrupted(tmp_path: Path) -> None:
    ref = run(TRAIN, [*ARGS, "--name", "ref"], tmp_path)
    assert ref.returncode == 0, ref.stderr

    proc = subprocess.Popen(
        [sys.executable, TRAIN, *ARGS, "--name", "killed"],
        cwd=tmp_path,
        env=env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    state_file = tmp_path / "runs" / "killed" / "state.json"
    deadline = time.monotonic() + 240
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            if (
                state_file.is_file()
                and json.loads(state_file.read_text())["completed_iterations"] >= 1
            ):
                time.sleep(0.5)  # somewhere inside the next iteration
                break
            time.sleep(0.05)
    finally:
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    assert state_file.is_file()
    before = json.loads(state_file.read_text())["completed_iterations"]

    resumed = run(TRAIN, ["--resume", "killed"], tmp_path)
    assert resumed.returncode == 0, resumed.stderr
    a, b = tmp_path / "runs" / "ref", tmp_path / "runs" / "killed"
    sa, sb = (json.loads((d / "state.json").read_text()) for d in (a, b))
    assert sb["completed_iterations"] == 3
    assert before >= 1
    for key in ("real_steps", "imagined_steps", "eval_steps", "last_eval_return"):
        assert sa[key] == sb[key], key
    assert len(sb["packets"]) == len(sa["packets"])
    assert len(list((b / "packets").iterdir())) == len(sb["packets"])  # nothing duplicated
    rows_a, rows_b = read_jsonl(a / "metrics.jsonl"), read_jsonl(b / "metrics.jsonl")
    assert [r["iteration"] for r in rows_b] == [0, 1, 2]
    assert [_stable(r) for r in rows_a] == [_stable(r) for r in rows_b]
    with np.load(a / "transitions.npz") as ta, np.load(b / "transitions.npz") as tb:
        assert len(ta["obs"]) == len(tb["obs"]) == 240
        np.testing.assert_array_equal(ta["obs"], tb["obs"])
        np.testing.assert_array_equal(ta["action"], tb["action"])
    # the model file's metadata records fit timings; the weights must match bit for bit
    wa, wb = (load_file(d / "world_model.safetensors") for d in (a, b))
    assert wa.keys() == wb.keys()
    for key in wa:
        np.testing.assert_array_equal(wa[key], wb[key])
    assert _digest(a / "policy" / "policy.safetensors") == _digest(
        b / "policy" / "policy.safetensors"
    )
    pa = sorted((a / "packets").iterdir())[-1] / "adapter_model.safetensors"
    pb = sorted((b / "packets").iterdir())
    assert _digest(pa) in {_digest(p / "adapter_model.safetensors") for p in pb}


def test_resume_of_finished_run_extends_it(tmp_path: Path) -> None:
    first = run(TRAIN, ["--iterations", "1", *TINY, "--name", "grow"], tmp_path)
    assert first.returncode == 0, first.stderr
    more = run(TRAIN, ["--resume", "runs/grow", "--iterations", "2"], tmp_path)
    assert more.returncode == 0, more.stderr
    state = json.loads((tmp_path / "runs" / "grow" / "state.json").read_text())
    assert state["completed_iterations"] == 2
    rows = read_jsonl(tmp_path / "runs" / "grow" / "metrics.jsonl")
    assert [r["iteration"] for r in rows] == [0, 1]
