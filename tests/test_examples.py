"""The examples run as written, in a subprocess."""

from __future__ import annotations

from pathlib import Path

from plasma.trace import TraceStatus, read_traces
from tests.conftest import REPO
from tests.support.processes import run_python


def test_trace_quickstart_writes_and_prints_a_trace(tmp_path: Path) -> None:
    path = tmp_path / "trace.jsonl"
    result = run_python([str(REPO / "examples" / "trace_quickstart.py"), str(path)], timeout=120)
    (trace,) = read_traces(path)
    assert trace.status is TraceStatus.COMPLETED
    assert sorted(s.name for s in trace.spans) == ["audit", "iteration", "simulate"]
    assert "simulate" in result.stdout


def test_seed_workflow_runs_as_written(tmp_path: Path) -> None:
    result = run_python([str(REPO / "examples" / "workflow.py")], cwd=tmp_path, timeout=900)
    # A newcomer's first run shows the whole pipeline: the default simulator keeps its paths
    # where its model is trustworthy, the audit approves them and a packet is deployed.
    assert "Deployed 1 packets" in result.stdout, result.stdout
