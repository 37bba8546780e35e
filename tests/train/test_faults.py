"""Faults injected into real training processes: a kill at every stage (one of the stages that
leave the same run directory), a full disk, Ctrl-C in the middle of a long stage, and two
processes on one run directory.

Every fault goes through ``PLASMA_FAULT`` (see ``plasma/train/faults.py``): the process kills,
interrupts or stops itself at the start of the chosen stage of the chosen iteration, or a real
filesystem runs full, so each test knows exactly where its process failed.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from plasma.train.faults import STAGES, fault_point, parse_faults
from tests.train.conftest import (
    RESUMABLE,
    TINY,
    TRAIN,
    as_a_terminal_starts_it,
    assert_same_run,
    env,
    error_line,
    run,
    run_here,
    tree_digest,
)

ARGS = ["--iterations", "2", "--seed", "5", "--set", 'distill_schedule="lora"', *TINY]


def _completed(run_dir: Path) -> int | None:
    state = run_dir / "state.json"
    if not state.is_file():
        return None
    return int(json.loads(state.read_text())["completed_iterations"])


def test_fault_specs_parse_and_unset_is_a_no_op(monkeypatch: pytest.MonkeyPatch) -> None:
    assert parse_faults("fit:1, commit:*:stop,*:0:enospc") == [
        ("fit", "1", "kill"),
        ("commit", "*", "stop"),
        ("*", "0", "enospc"),
    ]
    for bad in ("fit", "fit:x", "nowhere:1", "fit:1:explode", "fit:1:kill:9"):
        with pytest.raises(ValueError, match="PLASMA_FAULT"):
            parse_faults(bad)
    monkeypatch.delenv("PLASMA_FAULT", raising=False)
    fault_point("fit", 1)  # nothing happens
    monkeypatch.setenv("PLASMA_FAULT", "fit:2")
    fault_point("fit", 1)  # another iteration: nothing happens
    monkeypatch.setenv("PLASMA_FAULT", "fit:1:enospc")
    with pytest.raises(OSError, match="No space left on device"):
        fault_point("fit", 1)


# Stages whose kill leaves the run directory as the kill at "label" does, which the walk makes:
# from the start of "collect" to the start of "distill" an iteration writes nothing but finished
# trace spans (its files are written from "distill" on, and committed at "state"), and what an
# earlier of these stages wrote is still there when the process is killed at "label". Every
# other stage, and any stage added later, is walked.
SAME_AS_A_LATER_KILL = ("fit", "value", "imagine")


def test_killed_at_every_stage_then_resumed_matches_uninterrupted(
    tmp_path: Path, uninterrupted_run: Path
) -> None:
    assert set(SAME_AS_A_LATER_KILL) < set(STAGES)
    assert STAGES.index("imagine") < STAGES.index("label") < STAGES.index("distill")
    walk = tmp_path / "runs" / "walk"

    # Killed in the first iteration, before anything was committed.
    first = run(TRAIN, [*RESUMABLE, "--name", "walk"], tmp_path, PLASMA_FAULT="fit:0")
    assert first.returncode == -signal.SIGKILL, first.stderr
    assert "plasma-fault: kill at fit:0" in first.stderr
    assert _completed(walk) is None

    # Then every resume is killed one stage further into the middle iteration ...
    for stage in (s for s in STAGES if s not in SAME_AS_A_LATER_KILL):
        if stage == "state":
            # ... and once the disk is full just before the commit: a failure, not a crash.
            full = run(TRAIN, ["--resume", "runs/walk"], tmp_path, PLASMA_FAULT="state:1:enospc")
            assert full.returncode == 1, full.stderr
            assert "No space left on device" in full.stderr
            assert _completed(walk) == 1
        killed = run(TRAIN, ["--resume", "runs/walk"], tmp_path, PLASMA_FAULT=f"{stage}:1")
        assert killed.returncode == -signal.SIGKILL, (stage, killed.stderr)
        assert f"plasma-fault: kill at {stage}:1" in killed.stderr
        # "refresh" comes after the commit; every earlier stage leaves iteration 1 uncommitted
        assert _completed(walk) == (2 if stage == "refresh" else 1), stage
        if stage == "evaluate":
            # killed as it evaluates: after iteration 1 wrote its policy and packet, before it
            # committed them (the "lora" schedule's first packet)
            state = json.loads((walk / "state.json").read_text())
            assert state["packets"] == []
            assert len(list((walk / "packets").iterdir())) == 1  # written, not committed

    # ... and the last resume runs the rest, the last iteration whole.
    done = run(TRAIN, ["--resume", "runs/walk"], tmp_path)
    assert done.returncode == 0, done.stderr
    assert_same_run(uninterrupted_run, walk)
    shown = subprocess.run(
        [sys.executable, "-m", "plasma.trace", "show", str(walk / "trace.jsonl")],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert shown.returncode == 0, shown.stderr


def _wait_for(path: Path, text: str, proc: subprocess.Popen[bytes], timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.is_file() and text in path.read_text(errors="replace"):
            return
        if proc.poll() is not None:
            raise AssertionError(f"the process ended ({proc.returncode}): {path.read_text()}")
        time.sleep(0.05)
    raise AssertionError(f"{text!r} never appeared in {path}")


def _start(args: list[str], cwd: Path, log: Path, fault: str) -> subprocess.Popen[bytes]:
    with open(log, "wb") as out:
        return subprocess.Popen(
            [sys.executable, TRAIN, *args],
            cwd=cwd,
            env=env(PLASMA_FAULT=fault),
            stdout=subprocess.DEVNULL,
            stderr=out,
            preexec_fn=as_a_terminal_starts_it,  # its faults may interrupt it (Ctrl-C)
        )


def test_a_second_process_on_a_run_directory_is_refused(tmp_path: Path) -> None:
    log = tmp_path / "first.log"
    one = ["--iterations", "1", "--seed", "1"]
    first = _start([*ARGS, *one, "--run-dir", "m"], tmp_path, log, "collect:0:stop")
    try:
        _wait_for(log, "plasma-fault: stop at collect:0", first)  # it holds the lock, stopped
        before = tree_digest(tmp_path / "m")
        # The second process is this one (run_here): what is under test is that the command
        # refuses a directory another process holds, which needs no interpreter start-up of its own.
        again = [*ARGS, "--run-dir", "m", "--seed", "0", "--iterations", "3"]
        second = run_here(TRAIN, again, tmp_path)
        assert second.returncode == 2, second.stderr
        line = error_line(second)
        assert f"run directory {tmp_path / 'm'} is in use by another Plasma process" in line
        assert f"pid {first.pid}" in line
        resumed = run_here(TRAIN, ["--resume", "m"], tmp_path)
        assert resumed.returncode == 2
        assert "in use" in error_line(resumed)
        assert tree_digest(tmp_path / "m") == before  # the refused ones changed nothing
    finally:
        first.send_signal(signal.SIGCONT)
    assert first.wait(timeout=300) == 0, log.read_text()
    config = json.loads((tmp_path / "m" / "config.json").read_text())
    state = json.loads((tmp_path / "m" / "state.json").read_text())
    assert (config["seed"], config["iterations"]) == (1, 1)  # its own settings, not the second's
    assert state["completed_iterations"] == 1
    rows = [json.loads(x) for x in (tmp_path / "m" / "metrics.jsonl").read_text().splitlines()]
    assert [r["iteration"] for r in rows] == [0]


def test_ctrl_c_stops_a_run_busy_in_a_long_stage(tmp_path: Path) -> None:
    # A fit that would take hours: before the fix, Ctrl-C waited for the stage's worker thread.
    long_fit = ["--set", "world_model.max_epochs=1000000", "--set", "world_model.patience=1000000"]
    log = tmp_path / "run.log"
    proc = _start([*ARGS, *long_fit, "--name", "busy"], tmp_path, log, "fit:0:interrupt")
    try:
        # 300 s is start-up, the first collection and the exit on a loaded 2-core CI machine (120 s
        # ran out once there, stop 49, and its log was not shown); the fit alone takes hours.
        try:
            status = proc.wait(timeout=300)
        except subprocess.TimeoutExpired:
            pytest.fail(f"no exit 300 s after it started; its log:\n{log.read_text()}")
        assert status == 130, log.read_text()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    text = log.read_text()
    assert "plasma-fault: interrupt at fit:0" in text
    assert "interrupted; completed iterations are saved" in text
    assert f"plasma-train --resume {tmp_path / 'runs' / 'busy'}" in text
    assert _completed(tmp_path / "runs" / "busy") is None


def _mount_tmpfs(path: Path, size: str) -> bool:
    if os.geteuid() != 0:
        return False
    path.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)],
        capture_output=True,
        check=False,
    )
    return done.returncode == 0


def _fill(directory: Path) -> Path:
    """Write a file until the filesystem is full."""
    filler = directory / "filler"
    chunk = b"\0" * (1 << 16)
    with open(filler, "wb", buffering=0) as handle:
        try:
            while True:
                handle.write(chunk)
        except OSError:
            pass
        try:  # the last few bytes
            while True:
                handle.write(b"\0" * 512)
        except OSError:
            pass
    return filler


def test_a_full_disk_fails_the_run_cleanly_and_it_resumes(tmp_path: Path) -> None:
    disk = tmp_path / "disk"
    if not _mount_tmpfs(disk, "16m"):
        pytest.skip(
            "cannot mount a small tmpfs here (needs root); the sink's torn-write repair "
            "is tested with an injected ENOSPC in tests/trace/test_sinks.py"
        )
    try:
        log = tmp_path / "run.log"
        proc = _start([*ARGS, "--name", "full"], disk, log, "label:1:stop")
        try:
            _wait_for(log, "plasma-fault: stop at label:1", proc)
            filler = _fill(disk)  # the disk is full while the process is stopped
        finally:
            proc.send_signal(signal.SIGCONT)
        assert proc.wait(timeout=300) == 1, log.read_text()
        assert "No space left on device" in log.read_text()
        run_dir = disk / "runs" / "full"
        trace = run_dir / "trace.jsonl"
        assert trace.read_bytes().endswith(b"\n")  # the failed span write was taken back
        assert _completed(run_dir) == 1

        filler.unlink()  # space is freed
        resumed = run(TRAIN, ["--resume", "runs/full"], disk)
        assert resumed.returncode == 0, resumed.stderr
        assert _completed(run_dir) == 2
        shown = subprocess.run(
            [sys.executable, "-m", "plasma.trace", "show", str(trace)],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert shown.returncode == 0, shown.stderr
        assert "TornLineWarning" not in shown.stderr
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)
