"""``python benches/run.py``: progress lines, not pytest's dots and pytest-benchmark's tables; the
report files; a subset never replaces a whole run's results (run in a subprocess on a small
benchmark file: the tests do not import the benchmarks)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO

BENCH = """
import time

import pytest

pytestmark = pytest.mark.benchmark(group="sleep")


def test_fast(benchmark):
    benchmark.extra_info.update(role="plasma", ops_per_call=10)
    benchmark.pedantic(time.sleep, args=(0.002,), rounds=3, iterations=1)


def test_slow(benchmark):
    benchmark.extra_info.update(role="reference")
    benchmark.pedantic(time.sleep, args=(0.004,), rounds=3, iterations=1)
"""


def run(tmp_path: Path, *args: str, bench: str = BENCH) -> tuple[int, str]:
    benches = tmp_path / "benches"
    benches.mkdir()
    (benches / "bench_sleep.py").write_text(bench)
    command = [sys.executable, str(REPO / "benches" / "run.py"), "--benches", str(benches)]
    command += ["--results", str(tmp_path / "results"), *args]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    return done.returncode, done.stdout + done.stderr


def test_a_run_prints_a_line_per_benchmark_and_writes_the_report(tmp_path: Path) -> None:
    status, out = run(tmp_path)
    assert status == 0, out
    lines = out.splitlines()
    fast = next(line for line in lines if line.startswith("[1/2] "))
    assert "bench_sleep.py::test_fast: " in fast
    assert "per op (plasma, 3 rounds" in fast  # 2 ms / 10 ops: about 200 us
    assert any(line.startswith("[2/2] ") and "test_slow" in line for line in lines)
    # Neither pytest's dots, nor pytest-benchmark's table, nor the suite's slowest durations.
    assert not any(set(line.strip()) == {"."} for line in lines if line.strip())
    for noise in ("Legend", "OPS", "slowest", "Wrote benchmark data", "Name (time in"):
        assert noise not in out, noise
    summary = next(line for line in lines if line.startswith("sleep vs reference "))
    assert "test_fast" in summary
    assert "x)" in summary
    data = json.loads((tmp_path / "results" / "latest.json").read_text())
    assert {b["name"] for b in data["benchmarks"]} == {"test_fast", "test_slow"}
    assert "| test_fast | plasma |" in (tmp_path / "results" / "latest.md").read_text()


def test_a_subset_writes_its_own_files(tmp_path: Path) -> None:
    status, out = run(tmp_path, "-k", "fast")
    assert status == 0, out
    assert "[1/1] " in out
    assert not (tmp_path / "results" / "latest.json").exists()
    data = json.loads((tmp_path / "results" / "subset.json").read_text())
    assert [b["name"] for b in data["benchmarks"]] == ["test_fast"]
    assert (tmp_path / "results" / "subset.md").exists()


def test_a_failing_benchmark_is_reported_and_fails_the_run(tmp_path: Path) -> None:
    status, out = run(tmp_path, bench="def test_broken(benchmark):\n    benchmark(lambda: 1 / 0)\n")
    assert status != 0
    assert "test_broken: FAILED" in out
    assert "ZeroDivisionError" in out
