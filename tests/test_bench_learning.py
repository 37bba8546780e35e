"""The learning benchmark's bookkeeping (benches/bench_learning.py): the CPU time a run is
charged, and how the report reads a run over the time limit. The learning runs themselves are
benchmarks, not tests."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

from benches import bench_learning as bl

BURN = "import time\nt = time.process_time()\nwhile time.process_time() - t < 0.4: pass\n"


def test_a_child_process_cpu_time_is_counted_and_a_sleeping_one_is_not() -> None:
    before = bl._children_cpu_s()
    subprocess.run([sys.executable, "-c", BURN], check=True)
    burned = bl._children_cpu_s() - before
    assert burned >= 0.35
    before = bl._children_cpu_s()
    subprocess.run([sys.executable, "-c", "import time; time.sleep(0.5)"], check=True)
    assert bl._children_cpu_s() - before < 0.35


def _record(seed: int, wall_s: float, cpu_s: float | None) -> dict[str, Any]:
    return {
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
        "cpu_s": cpu_s,
        "steps_to_threshold": 3000,
        "quick": False,
    }


def _results_row(tmp_path: Path, records: list[dict[str, Any]]) -> str:
    results = {"runs": records, "adaptation": [], "notes": []}
    markdown = bl.write_results(tmp_path, results, 10)
    (row,) = [line for line in markdown.splitlines() if line.startswith("| Acrobot-v1 | plasma")]
    return row


def test_a_run_over_the_limit_in_wall_clock_only_is_reported_as_such(tmp_path: Path) -> None:
    limit = bl.SUITE["Acrobot-v1"].time_limit_s
    row = _results_row(tmp_path, [_record(0, limit + 100, limit - 100), _record(1, 300, 280)])
    assert f"CPU {limit - 100:.0f} s" in row
    assert "over the limit in wall-clock, not in CPU time" in row
    row = _results_row(tmp_path, [_record(0, limit + 100, limit + 50), _record(1, 300, 280)])
    assert "**over the limit**" in row


def test_runs_recorded_before_cpu_time_was_measured_still_render(tmp_path: Path) -> None:
    limit = bl.SUITE["Acrobot-v1"].time_limit_s
    row = _results_row(tmp_path, [_record(0, limit + 100, None), _record(1, 300, 280)])
    assert "CPU" not in row
    assert "**over the limit**" in row
    assert (tmp_path / "learning.json").is_file()
