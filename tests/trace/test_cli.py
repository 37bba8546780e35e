"""`python -m plasma.trace show FILE` in a subprocess, on a real trace file."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from plasma.trace import StateTracker
from tests.conftest import PYTHON


def _show(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [PYTHON, "-m", "plasma.trace", "show", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={"COLUMNS": "200", "PATH": "/usr/bin:/bin"},
    )


async def test_show_prints_the_tree_with_status_and_state(tmp_path: Path) -> None:
    path = tmp_path / "trace.jsonl"
    async with StateTracker({"jsonl_path": path}) as tracker:
        trace_id = tracker.create_trace(metadata={"type": "training"})
        with tracker.span(trace_id, "iteration"):
            with tracker.span(trace_id, "simulate") as span:
                span.update_state({"paths": 10})
            try:
                with tracker.span(trace_id, "audit"):
                    raise ValueError("bad path")
            except ValueError:
                pass
        await tracker.complete_trace(trace_id)

    result = _show(str(path), "--state")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert f"trace {trace_id}" in lines[0]
    assert "COMPLETED" in lines[0]
    iteration = next(i for i, line in enumerate(lines) if "iteration" in line)
    simulate = next(line for line in lines if "simulate" in line)
    audit = next(line for line in lines if "audit" in line)
    assert "OK" in simulate
    assert '{"paths": 10}' in simulate
    assert "ERROR" in audit
    assert "ValueError: bad path" in audit
    # Children are indented below their parent.
    assert simulate.index("simulate") > lines[iteration].index("iteration")

    assert _show(str(path), "--trace", trace_id[:8]).returncode == 0
    missing = _show(str(path), "--trace", "zzzz")
    assert missing.returncode == 2
    assert missing.stderr.splitlines() == [
        f"python -m plasma.trace: error: no trace with id zzzz in {path}"
    ]


def test_show_reports_a_missing_file(tmp_path: Path) -> None:
    result = _show(str(tmp_path / "absent.jsonl"))
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1
    assert "absent.jsonl does not exist" in result.stderr


def test_show_reports_a_directory_in_one_line(tmp_path: Path) -> None:
    result = _show(str(tmp_path))
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"python -m plasma.trace: error: trace file {tmp_path} is a directory, not a file"
    ]
    assert "Traceback" not in result.stderr


def test_show_without_a_file_is_a_usage_error() -> None:
    assert _show().returncode == 2


def _pythonpath() -> dict[str, str]:
    """The test's PYTHONPATH, when it has one (a checkout that is not the installed one)."""
    path = os.environ.get("PYTHONPATH")
    return {"PYTHONPATH": path} if path else {}


def _show_into(out: str, *args: str) -> subprocess.CompletedProcess[str]:
    """``show`` with its stdout written to the file ``out``."""
    with open(out, "w") as handle:
        return subprocess.run(
            [PYTHON, "-m", "plasma.trace", "show", *args],
            stdout=handle,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
            env={"COLUMNS": "200", "PATH": "/usr/bin:/bin", **_pythonpath()},
            check=False,
        )


async def test_show_on_a_full_disk_says_so_in_one_line(tmp_path: Path) -> None:
    # Before: an OSError traceback (status 1) when stdout is on a full disk.
    path = tmp_path / "trace.jsonl"
    async with StateTracker({"jsonl_path": path}) as tracker:
        trace_id = tracker.create_trace()
        with tracker.span(trace_id, "iteration"):
            pass
        await tracker.complete_trace(trace_id)
    done = _show_into("/dev/full", str(path))
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        "python -m plasma.trace: error: [Errno 28] No space left on device"
    ]


def _limited_show(path: Path) -> subprocess.CompletedProcess[str]:
    """``show path`` under a 4 GB address-space limit, as a machine with little memory runs it."""
    import resource

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))

    return subprocess.run(
        [PYTHON, "-m", "plasma.trace", "show", str(path)],
        capture_output=True,
        text=True,
        timeout=20,  # a pipe no one writes used to block here forever
        env={"COLUMNS": "200", "PATH": "/usr/bin:/bin", **_pythonpath()},
        check=False,
        preexec_fn=limit,
    )


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _sparse_8gb(path: Path) -> None:
    with open(path, "wb") as handle:
        handle.truncate(8 << 30)


def _nested(path: Path) -> None:
    path.write_text('{"a": 1}\n' + "[" * 200_000 + "]" * 200_000 + '\n{"b": 2}\n')


@pytest.mark.parametrize(
    ("make", "says"),
    [
        (_fifo, "not a regular file"),  # blocked forever, waiting for a writer
        (_sparse_8gb, "bytes of memory"),  # MemoryError traceback
        (_nested, "nested too deeply"),  # RecursionError traceback
    ],
)
def test_show_refuses_hostile_files_in_one_line(
    tmp_path: Path, make: Callable[[Path], None], says: str
) -> None:
    path = tmp_path / "trace.jsonl"
    make(path)
    result = _limited_show(path)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert says in lines[0]
