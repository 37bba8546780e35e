"""The Rust core's thread pool across fork: a child forked after the pool started would wait
forever on the parent's pool threads, which do not survive a fork. It is warned instead, falls back
to a pool built per call, and rolls out the same paths (real os.fork and multiprocessing)."""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import time
import warnings

import numpy as np
import pytest

from plasma import _core
from tests.conftest import PYTHON, REPO

LOW = np.array([-2.0], np.float32)
HIGH = np.array([2.0], np.float32)
STARTS = np.repeat(np.array([[-1.0, 0.0, 0.0]], np.float32), 8, axis=0)
PLANNER = {"kind": "cem", "horizon": 8, "population": 40, "iterations": 2}
CHILD_TIMEOUT_S = 60.0  # the rollout takes milliseconds; only a hung child gets near this


def rollout_states() -> np.ndarray:
    """A planner rollout on the global pool (no num_threads), as the simulator runs it."""
    out = _core.rollout(
        _core.PendulumModel(), STARTS, 20, 3, planner=PLANNER, action_low=LOW, action_high=HIGH
    )
    return np.asarray(out["states"])


def is_fork_warning(warning: warnings.WarningMessage) -> bool:
    return issubclass(warning.category, RuntimeWarning) and "forked" in str(warning.message)


def wait_for(pid: int) -> int:
    """The exit code of child ``pid``; kills it and fails the test when it hangs."""
    deadline = time.monotonic() + CHILD_TIMEOUT_S
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status)
        time.sleep(0.02)
    os.kill(pid, 9)
    os.waitpid(pid, 0)
    pytest.fail(f"the forked child hung for {CHILD_TIMEOUT_S:.0f} s (waiting on the lost pool)")


def test_a_child_forked_after_a_rollout_is_warned_and_rolls_out_the_same_paths() -> None:
    expected = rollout_states()  # starts the global pool's threads
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        pid = os.fork()
        if pid == 0:  # the child: report through the exit code, never return into pytest
            code = 3
            try:
                warned = any(is_fork_warning(w) for w in caught)
                same = np.array_equal(rollout_states(), expected)
                code = 2 if not warned else 0 if same else 1
            finally:
                os._exit(code)
    code = wait_for(pid)
    assert code == 0, {1: "different paths", 2: "no warning", 3: "the rollout raised"}.get(code)
    assert not any(is_fork_warning(w) for w in caught), "the parent keeps its pool"
    np.testing.assert_array_equal(rollout_states(), expected)  # and still uses it


def test_a_fork_started_multiprocessing_worker_rolls_out_the_same_paths() -> None:
    expected = rollout_states()
    with warnings.catch_warnings():
        # Python 3.12+ warns about any fork of a process with threads; that is the point here.
        warnings.simplefilter("ignore", DeprecationWarning)
        with multiprocessing.get_context("fork").Pool(1) as pool:
            states = pool.apply_async(rollout_states).get(timeout=CHILD_TIMEOUT_S)
    np.testing.assert_array_equal(states, expected)


FORK_BEFORE_ANY_ROLLOUT = """
import os, sys, warnings
from tests.test_fork_guard import is_fork_warning, rollout_states, wait_for
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    pid = os.fork()
    if pid == 0:  # exit code 10 + whether it was warned, once the rollout returned
        code = 3
        try:
            warned = any(is_fork_warning(w) for w in caught)
            rollout_states()
            code = 10 + warned
        finally:
            os._exit(code)
sys.exit(wait_for(pid))  # a hung child fails here (exit code 1)
"""


@pytest.mark.parametrize(
    ("threads_env", "warned"),
    [(None, False), ("2", True)],
    ids=["pool-not-started", "pool-built-at-import"],
)
def test_a_child_forked_before_any_rollout_is_warned_only_if_the_pool_had_threads(
    threads_env: str | None, warned: bool
) -> None:
    # A fresh interpreter: rayon starts the global pool on first use, or at import when
    # PLASMA_NUM_THREADS sizes it; a child forked before that keeps a global pool of its own.
    env = {k: v for k, v in os.environ.items() if k != "PLASMA_NUM_THREADS"}
    if threads_env is not None:
        env["PLASMA_NUM_THREADS"] = threads_env
    result = subprocess.run(
        [PYTHON, "-c", FORK_BEFORE_ANY_ROLLOUT],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 10 + warned, result.stderr
