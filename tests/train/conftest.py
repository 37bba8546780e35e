"""Helpers of the training-loop tests: run the real commands in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
TRAIN = str(REPO / "scripts" / "train.py")
EVAL = str(REPO / "scripts" / "eval.py")

# A run small enough for a test: a few seconds per iteration even with a debug build.
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
    "distiller.training.updates=30",
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


def env() -> dict[str, str]:
    out = dict(os.environ)
    out["PLASMA_NUM_THREADS"] = "1"
    return out


def run(
    script: str, args: list[str], cwd: Path, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, script, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env(),
        check=False,
    )


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
