"""``plasma-train --backend ray`` end to end in a subprocess (tiny budget, local Ray instance)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.train.conftest import TINY, TRAIN, run


def test_train_with_the_ray_backend(tmp_path: Path) -> None:
    args = ["--iterations", "1", *TINY, "--name", "ray", "--backend", "ray"]
    args += ["--set", "ray.num_cpus=2", "--set", "ray.workers=2"]
    out = run(TRAIN, args, tmp_path, timeout=240)
    assert out.returncode == 0, out.stderr
    run_dir = tmp_path / "runs" / "ray"
    assert json.loads((run_dir / "config.json").read_text())["backend"] == "ray"
    spans = [json.loads(line) for line in (run_dir / "trace.jsonl").read_text().splitlines()]
    states = {s.get("name"): s.get("state") or {} for s in spans if isinstance(s, dict)}
    assert states["simulator.simulate"]["backend"] == "ray"
    assert states["simulator.simulate"]["workers"] == 2
    assert states["auditor.check"]["backend"] == "ray"
