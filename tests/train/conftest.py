"""Helpers of the training-loop tests: run the real commands in a subprocess, or a small run of
the real loop in this process."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import io
import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from safetensors.numpy import load_file

from plasma.train.cli import eval_main, train_main
from plasma.train.config import TrainConfig
from plasma.train.loop import Trainer, new_run_dir
from plasma.train.rundir import RunDir, RunState

REPO = Path(__file__).resolve().parents[2]
TRAIN = str(REPO / "scripts" / "train.py")
EVAL = str(REPO / "scripts" / "eval.py")

# A run small enough for a test: a few seconds per iteration even with a debug build. What these
# runs test is the plumbing (files, processes, recovery, keys), not what they learn: every network
# is small and trained briefly, and the value and the DAgger relabelling see a few states.
TINY = [
    "--real-steps",
    "240",
    "--num-paths",
    "6",
    "--path-length",
    "8",
    "--eval-episodes",
    "1",
    "--quiet",
    "--set",
    "world_model.max_epochs=30",
    "--set",
    "world_model.hidden=[32,32]",
    "--set",
    "world_model.outcome_hidden=[32,32]",
    "--set",
    "value.updates=20",
    "--set",
    "value.hidden=[32,32]",
    "--set",
    "value_paths=16",
    "--set",
    "value_path_length=8",
    "--set",
    "dagger_states=16",
    "--set",
    "distiller.training.updates=30",
    "--set",
    "distiller.training.refine_updates=10",
    "--set",
    "planner.population=16",
    "--set",
    "planner.horizon=5",
    "--set",
    "planner.iterations=2",
    "--set",
    "eval_max_steps=40",
    "--set",
    "auditor.review.red_team_paths=2",
    "--set",
    "auditor.review.red_team_horizon=5",
    "--set",
    "auditor.calibration_steps=100",
    # A 30-epoch model breaks Pendulum's cos^2 + sin^2 = 1 quickly; the plumbing is under test.
    "--set",
    'auditor.detectors.disabled=["invariant", "reward_spike"]',
    "--set",
    "auditor.review.min_truncated_length=1",
]


# The runs the crash tests compare with: three iterations of the "lora" schedule (a base policy,
# then a packet per iteration), so a kill in the middle iteration leaves a later one to run.
# The planning horizon adapts in it (off by default), so that resume is tested with it too.
RESUMABLE = [
    *("--iterations", "3", "--seed", "5", "--set", 'distill_schedule="lora"'),
    *("--set", "adaptive_horizon=true", *TINY),
]


def as_a_terminal_starts_it() -> None:
    """A child's ``preexec_fn``: the stop signals' default dispositions, as a command started
    from a terminal has them. A suite launched in the background (`cmd &`, nohup, setsid from a
    script) passes SIGINT (a background job) or SIGHUP (nohup) ignored down to every child,
    where Plasma keeps them ignored (see :mod:`plasma._cli`) and the tests' signal never
    arrives."""
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, signal.SIG_DFL)


def env(**extra: str) -> dict[str, str]:
    out = {k: v for k, v in os.environ.items() if not k.startswith("PLASMA_")}
    out["PLASMA_NUM_THREADS"] = "1"
    out.update(extra)
    return out


def run(
    script: str,
    args: list[str],
    cwd: Path,
    timeout: float = 300,
    **extra_env: str,
) -> subprocess.CompletedProcess[str]:
    """Run ``script`` in a subprocess (``extra_env``: e.g. ``PLASMA_FAULT="fit:1"``)."""
    return subprocess.run(
        [sys.executable, script, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env(**extra_env),
        check=False,
    )


def run_here(
    script: str, args: list[str], cwd: Path, **extra_env: str
) -> subprocess.CompletedProcess[str]:
    """:func:`run` of ``TRAIN`` or ``EVAL`` in this process, without a process start-up (torch
    alone takes seconds to import): the command's entry point in ``cwd``, with ``env(**extra_env)``
    as the environment. For what a command decides (a refusal, a check), not how a process ends,
    nor a run whose training should not share this process."""
    main = {TRAIN: train_main, EVAL: eval_main}[script]
    out, err = io.StringIO(), io.StringIO()
    saved_env, saved_cwd = dict(os.environ), Path.cwd()
    os.environ.clear()
    os.environ.update(env(**extra_env))
    os.chdir(cwd)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(args)
    finally:
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)
    return subprocess.CompletedProcess([script, *args], code, out.getvalue(), err.getvalue())


def error_line(result: subprocess.CompletedProcess[str]) -> str:
    """The one line a command that refused its input printed (asserting there is exactly one)."""
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in lines[0]
    return lines[0]


def tree_digest(root: Path, *, skip: tuple[str, ...] = ()) -> dict[str, bytes]:
    """Every file under ``root`` but those named in ``skip`` (relative path -> content)."""
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name not in skip
    }


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


_VOLATILE = ("seconds", "latency", "packet")


def _stable(row: dict[str, Any], packets: list[str]) -> dict[str, Any]:
    """``row`` without timings and packet ids; a rollback names the packet by its place in the
    run's list of packets (ids are random)."""
    out = {k: v for k, v in row.items() if not any(w in k for w in _VOLATILE)}
    if out.get("rolled_back_to") in packets:
        out["rolled_back_to"] = f"packet #{packets.index(out['rolled_back_to'])}"
    return out


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def assert_same_run(a: Path, b: Path) -> None:
    """Runs ``a`` and ``b`` ended in the same state: same metrics (but timings and packet ids),
    the same real data, world model weights, policy and packet weights bit for bit, no packet
    left over and no temporary file."""
    sa, sb = (json.loads((d / "state.json").read_text()) for d in (a, b))
    for key in (
        "completed_iterations",
        "real_steps",
        "imagined_steps",
        "eval_steps",
        "last_eval_return",
        "finished",
    ):
        assert sa[key] == sb[key], key
    assert len(sb["packets"]) == len(sa["packets"])
    assert len(list((b / "packets").iterdir())) == len(sb["packets"])  # nothing duplicated
    rows_a, rows_b = read_jsonl(a / "metrics.jsonl"), read_jsonl(b / "metrics.jsonl")
    assert [r["iteration"] for r in rows_b] == list(range(sb["completed_iterations"]))
    assert [_stable(r, sa["packets"]) for r in rows_a] == [
        _stable(r, sb["packets"]) for r in rows_b
    ]
    with np.load(a / "transitions.npz") as ta, np.load(b / "transitions.npz") as tb:
        assert len(ta["obs"]) == len(tb["obs"]) == sa["real_steps"]
        np.testing.assert_array_equal(ta["obs"], tb["obs"])
        np.testing.assert_array_equal(ta["action"], tb["action"])
    # the model file's metadata records fit timings; the weights must match bit for bit
    wa, wb = (load_file(d / "world_model.safetensors") for d in (a, b))
    assert wa.keys() == wb.keys()
    for key in wa:
        np.testing.assert_array_equal(wa[key], wb[key])
    assert sha256(a / "policy" / "policy.safetensors") == sha256(
        b / "policy" / "policy.safetensors"
    )
    packets_a = {sha256(a / p / "adapter_model.safetensors") for p in sa["packets"]}
    packets_b = {sha256(b / p / "adapter_model.safetensors") for p in sb["packets"]}
    assert packets_a == packets_b
    leftovers = [p for p in b.rglob(".*") if p.name != ".plasma-run"]
    assert leftovers == []


# Settings of a run of the real loop small enough for a test (in this process).
SMALL: dict[str, Any] = {
    "real_steps": 180,
    "iterations": 3,
    "num_paths": 6,
    "path_length": 8,
    "eval_episodes": 1,
    "distill_schedule": "lora",
    "audit_required": False,
    "world_model": {"max_epochs": 20, "hidden": [32, 32], "outcome_hidden": [32, 32]},
    "value": {"updates": 20, "hidden": [32, 32]},
    "value_paths": 16,
    "value_path_length": 8,
    "dagger_states": 16,
    "distiller": {"training": {"updates": 20, "refine_updates": 10}},
    "planner": {"population": 16, "horizon": 5, "iterations": 2},
    "auditor": {"review": {"red_team_paths": 2, "red_team_horizon": 5}, "calibration_steps": 100},
}


def train_small(tmp_path: Path, **settings: Any) -> tuple[RunDir, RunState]:
    """A run of SMALL with ``settings`` on top, in ``tmp_path/run``: its directory and final
    state."""
    config = TrainConfig.model_validate({**SMALL, "runs_dir": tmp_path, "name": "run", **settings})
    run = new_run_dir(config)
    state = asyncio.run(Trainer(config, run).run())
    return RunDir(run.path), state


@pytest.fixture(scope="session")
def uninterrupted_run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A finished run of RESUMABLE, made once per session for the tests that compare with it or
    start from a copy of it. It is shared: a test reads it or copies it (``shutil.copytree``),
    never changes it, and the session fails at its end if one did."""
    root = tmp_path_factory.mktemp("uninterrupted")
    done = run(TRAIN, [*RESUMABLE, "--run-dir", "run"], root)
    assert done.returncode == 0, done.stderr
    before = tree_digest(root / "run")
    yield root / "run"
    assert tree_digest(root / "run") == before, "a test changed the shared uninterrupted run"
