"""``python -m benches.bench_learning --render``: how the learning report reads a run over its
time limit in wall-clock but not in CPU time (run in a subprocess on a results file written
here: the tests do not import the benchmarks)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.conftest import REPO

LIMIT_S = 600  # the suite's time limit of Acrobot-v1 (benches/bench_learning.py SUITE)


def _record(seed: int, wall_s: float, cpu_s: float | None) -> dict[str, Any]:
    record: dict[str, Any] = {
        "algo": "plasma",
        "env": "Acrobot-v1",
        "seed": seed,
        "budget": 5000,
        "date": "2026-12-04T10:00:00+00:00",
        "mean_return": -90.0,
        "std_return": 1.0,
        "returns": [-90.0],
        "real_steps": 5000,
        "wall_s": wall_s,
        "steps_to_threshold": 3000,
        "quick": False,
    }
    if cpu_s is not None:
        record["cpu_s"] = cpu_s
    return record


def _row(tmp_path: Path, records: list[dict[str, Any]]) -> str:
    out = tmp_path / "results"
    out.mkdir(exist_ok=True)
    (out / "learning.json").write_text(json.dumps({"runs": records, "adaptation": [], "notes": []}))
    command = [sys.executable, "-m", "benches.bench_learning", "--render", "--out", str(out)]
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    markdown = (out / "learning.md").read_text()
    (row,) = [line for line in markdown.splitlines() if line.startswith("| Acrobot-v1 | plasma")]
    return row


def test_a_run_over_the_limit_in_wall_clock_only_is_reported_as_such(tmp_path: Path) -> None:
    row = _row(tmp_path, [_record(0, LIMIT_S + 100, LIMIT_S - 100), _record(1, 300, 280)])
    assert f"CPU {LIMIT_S - 100} s" in row
    assert "over the limit in wall-clock, not in CPU time" in row
    row = _row(tmp_path, [_record(0, LIMIT_S + 100, LIMIT_S + 50), _record(1, 300, 280)])
    assert "**over the limit**" in row


def test_runs_recorded_before_cpu_time_was_measured_still_render(tmp_path: Path) -> None:
    row = _row(tmp_path, [_record(0, LIMIT_S + 100, None), _record(1, 300, 280)])
    assert "CPU" not in row
    assert "**over the limit**" in row


def test_the_real_steps_of_the_in_loop_evaluation_are_shown_beside_the_budget(
    tmp_path: Path,
) -> None:
    first, second = _record(0, 300, 280), _record(1, 300, 280)
    first["eval_steps_in_loop"], second["eval_steps_in_loop"] = 41_000, 9_500
    assert "5,000 (+ 9,500-41,000 evaluating)" in _row(tmp_path, [first, second])
    second["eval_steps_in_loop"] = 41_000
    assert "5,000 (+ 41,000 evaluating)" in _row(tmp_path, [first, second])
    # runs recorded before the count was kept show the budget alone
    assert "| 5,000 | " in _row(tmp_path, [_record(0, 300, 280), _record(1, 300, 280)])
