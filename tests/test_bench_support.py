"""``benches.exploit_support``: which states leave the real data (run in a subprocess: the
tests do not import the benchmarks)."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import REPO

PROBE = """
import json
import numpy as np
from benches.exploit_support import beyond_data
rng = np.random.default_rng(0)
# Two variables on very different scales: a distance in raw units would see only the second.
real = rng.normal(size=(2000, 2)) * [0.01, 100.0]
inside = rng.normal(size=(200, 2)) * [0.01, 100.0] * 0.5
# Far along the small-scale variable only (5 of its stds), typical in the other.
off = np.array([[0.05, 0.0], [-0.05, 10.0]])
paths = np.stack([inside[:100], inside[100:]])  # [P, H, S]
print(json.dumps({
    "inside": beyond_data(real, inside).tolist(),
    "off": beyond_data(real, off).tolist(),
    "shape": list(beyond_data(real, paths).shape),
    "real": beyond_data(real, real).tolist(),
}))
"""


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args], cwd=REPO, capture_output=True, text=True, check=False
    )


def test_beyond_data_in_each_variables_own_units() -> None:
    proc = _run("-c", PROBE)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    # States amid the real ones are within the usual distance; states 5 stds off along the
    # small-scale variable are well beyond it.
    assert sum(v > 1.0 for v in out["inside"]) <= 4
    assert min(out["off"]) > 2.0
    assert out["shape"] == [2, 100]
    # The real states themselves lie on the data (0 up to rounding).
    assert max(out["real"]) < 1e-5


def test_held_out_part_refused_without_allow_sealed() -> None:
    proc = _run(
        "-m", "benches.exploit_support", "--suite", "/nonexistent", "--split", "held_out_25"
    )
    assert proc.returncode != 0
    assert "not examined unless --allow-sealed" in proc.stderr
