"""``benches.exploit_lines``: the auditor's line against the ground truth's (run in a subprocess:
the tests do not import the benchmarks)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np

from plasma.envs import Transitions
from tests.conftest import REPO


def _suite(root: Path, truth: float) -> None:
    """A suite of one env whose calibration's one-step change has spread 0.2 exactly (four
    episodes of 50 steps), its ground truth's spread ``truth``."""
    root.mkdir()
    n = 200
    obs = np.zeros((n, 1), np.float32)
    change = np.where(np.arange(n) % 2 == 0, 0.2, -0.2).astype(np.float32)[:, None]
    truncated = np.zeros(n, bool)
    truncated[49::50] = True
    Transitions(
        obs,
        np.zeros((n, 1), np.float32),
        np.zeros(n, np.float32),
        obs + change,
        np.zeros(n, bool),
        truncated,
    ).save(root / "Toy-v0.calibration.npz")
    (root / "Toy-v0.tol.json").write_text(
        json.dumps({"delta_std": [truth], "reward_std": 0.0, "reward_scale": 1.0})
    )


def test_calibration_spread_over_the_truths_per_suite(tmp_path: Path) -> None:
    _suite(tmp_path / "a", 0.1)
    _suite(tmp_path / "b", 0.3)
    out = tmp_path / "rows.json"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "benches.exploit_lines",
            str(tmp_path / "a"),
            str(tmp_path / "b"),
            "--json",
            str(out),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    rows = {r["suite"]: r for r in json.loads(out.read_text())}
    assert rows["a"]["episodes"] == rows["b"]["episodes"] == 4
    # The same calibration against two ground truths: its line twice and two-thirds theirs.
    assert abs(rows["a"]["ratio"][0] - 2.0) < 1e-3
    assert abs(rows["b"]["ratio"][0] - 2.0 / 3.0) < 1e-3
    # Episodes alike: no sampling error between them, the bound is the allowance.
    assert abs(rows["a"]["bound"][0] - 1.0) < 1e-6
    # The ground truths' spreads over their median (0.2).
    assert abs(rows["a"]["truth"][0] - 0.5) < 1e-6
    assert abs(rows["b"]["truth"][0] - 1.5) < 1e-6
