"""``benches.exploit_population``: the population line, cached once per env, steps and seed, and
calibration draws against it (run in a subprocess: the tests do not import the benchmarks)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO

CACHE = """
import json, sys
from pathlib import Path
import numpy as np
from benches.exploit_population import population_spreads
from plasma.envs import collect
from tests.auditor.exploits import spreads

cache = Path(sys.argv[1])
first = population_spreads("CartPole-v1", 300, seed=7, cache=cache)
direct = spreads(collect("CartPole-v1", 300, seed=7))
files = sorted(p.name for p in cache.iterdir())
# A second call reads the file: change it and the answer follows.
path = cache / files[0]
body = json.loads(path.read_text())
body["delta_std"] = [1.0] * len(body["delta_std"])
path.write_text(json.dumps(body))
again = population_spreads("CartPole-v1", 300, seed=7, cache=cache)
other = population_spreads("CartPole-v1", 300, seed=8, cache=cache)
print(json.dumps({
    "files": files,
    "same": bool(np.allclose(first[0], direct[0]) and first[1] == direct[1]),
    "read": list(map(float, again[0])),
    "other_differs": not bool(np.allclose(other[0], first[0])),
    "files_after": len(list(cache.iterdir())),
}))
"""

DRAWS = """
import json
import numpy as np
from plasma.envs import Transitions
from benches.exploit_population import draw_rows, pooled, summary

def fake(env_id, n, seed):
    # Episodes of 50 steps; the first 100 steps change by +-0.2, the rest by +-0.4 (seed 2:
    # +-0.2 throughout).
    big = 0.2 if seed == 2 else 0.4
    step = np.where(np.arange(n) < 100, 0.2, big)
    change = (np.where(np.arange(n) % 2 == 0, 1.0, -1.0) * step).astype(np.float32)[:, None]
    obs = np.zeros((n, 1), np.float32)
    truncated = np.zeros(n, bool)
    truncated[49::50] = True
    return Transitions(obs, np.zeros((n, 1), np.float32), np.zeros(n, np.float32), obs + change,
                       np.zeros(n, bool), truncated)

rows = draw_rows("Toy-v0", np.array([0.2]), [100, 200], [1, 2], collect_fn=fake)
table = summary(rows)
print(json.dumps({
    "rows": rows,
    "summary": {f"{k[0]}/{k[1]}": v for k, v in table.items()},
    "pooled": {str(k): v for k, v in pooled(rows).items()},
}))
"""


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args], cwd=REPO, capture_output=True, text=True, check=False
    )


def test_population_spreads_drawn_once_per_env_steps_and_seed(tmp_path: Path) -> None:
    proc = _run("-c", CACHE, str(tmp_path / "cache"))
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    assert out["files"] == ["CartPole-v1.300.7.json"]
    # The ground truth's own rule on the same collection.
    assert out["same"]
    # Read back from the file, not drawn again.
    assert out["read"] == [1.0, 1.0, 1.0, 1.0]
    # Another seed is another draw and another file.
    assert out["other_differs"]
    assert out["files_after"] == 2


def test_draws_are_a_growing_buffers_prefixes_against_the_population() -> None:
    proc = _run("-c", DRAWS)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    rows = {(r["seed"], r["size"]): r for r in out["rows"]}
    # The first 100 steps are the population's line exactly; alike episodes: no error.
    assert abs(rows[(1, 100)]["ratio"][0] - 1.0) < 1e-6
    assert rows[(1, 100)]["error"][0] < 1e-9
    assert rows[(1, 100)]["episodes"] == 2
    assert rows[(1, 100)]["covered"] == [True]
    # 200 steps of seed 1: half of them change twice as much.
    wide = ((0.2**2 + 0.4**2) / 2) ** 0.5 / 0.2
    assert abs(rows[(1, 200)]["ratio"][0] - wide) < 1e-5
    assert rows[(1, 200)]["error"][0] > 0.0
    assert rows[(1, 200)]["episodes"] == 4
    assert abs(rows[(2, 200)]["ratio"][0] - 1.0) < 1e-6
    s = out["summary"]
    assert abs(s["Toy-v0/100"]["line_error"]) < 1e-6
    assert abs(s["Toy-v0/200"]["worst"] - (wide - 1.0)) < 1e-5
    # Both draws of 100 steps are the population's: every bound reaches it.
    assert s["Toy-v0/100"]["coverage"] == 1.0
    # Seed 1's 200 steps are wider than the population: both bounds reach it.
    assert out["pooled"]["200"]["coverage"] == 1.0
    assert out["pooled"]["200"]["n"] == 2
