"""Fixtures of the distributed-backend tests.

The ``test_ray_*`` modules run against real local Ray instances (started by the tests with 2 CPUs)
and are left out when Ray is not installed, unless ``PLASMA_REQUIRE_RAY`` is set (``.ci/run`` sets
it, so CI fails instead of skipping). The other modules need no Ray.
"""

from __future__ import annotations

import importlib.util
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import psutil
import pytest
import torch

from plasma.simulator import PhantomPaths, WorldModel, WorldModelConfig
from tests.distributed.faults import CRASH_FILE_ENV, TASKS

HAVE_RAY = importlib.util.find_spec("ray") is not None
if not HAVE_RAY and os.environ.get("PLASMA_REQUIRE_RAY"):
    raise RuntimeError(
        'PLASMA_REQUIRE_RAY is set but ray is not installed: pip install -e ".[dev]"'
    )
collect_ignore_glob = [] if HAVE_RAY else ["test_ray_*.py"]

# Small enough for a debug build of the Rust core.
PLANNER = {"population": 16, "iterations": 2, "horizon": 4}
PATH_ARRAYS = (
    "states",
    "actions",
    "rewards",
    "dones",
    "uncertainty",
    "lengths",
    "members",
    "action_labels",
    "start_step",
    "approved",
)


def random_model(seed: int = 0) -> WorldModel:
    """An unfitted Pendulum-sized ensemble marked fitted (bounded outputs; equality is under
    test, not prediction quality)."""
    model = WorldModel(3, 1, WorldModelConfig(members=3, hidden=[32, 32], seed=seed))
    model.fitted = True
    with torch.no_grad():
        model.net.weights[-1].mul_(0.01)
    return model


def assert_same_paths(a: PhantomPaths, b: PhantomPaths) -> None:
    """Every array equal (dtype and values) and the same meta."""
    assert a.num_paths == b.num_paths
    for name in PATH_ARRAYS:
        x, y = getattr(a, name), getattr(b, name)
        assert (x is None) == (y is None), name
        if x is not None:
            assert x.dtype == y.dtype, name
            assert np.array_equal(x, y, equal_nan=x.dtype.kind == "f"), name
    assert a.meta == b.meta


@pytest.fixture(scope="session", autouse=True)
def crash_file(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The test-only fault-injection file of the Ray workers (see ``CRASH_FILE_ENV``); set in
    the environment before any Ray instance starts, so the workers inherit it. Absent: no
    crashes."""
    path = tmp_path_factory.mktemp("ray-faults") / "crash"
    old = os.environ.get(CRASH_FILE_ENV)
    os.environ[CRASH_FILE_ENV] = str(path)
    yield path
    if old is None:
        os.environ.pop(CRASH_FILE_ENV, None)
    else:
        os.environ[CRASH_FILE_ENV] = old


@pytest.fixture
def crash(
    crash_file: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Callable[[str, int], None]]:
    """``crash("rollout", 1)``: the next such task ("rollout", "scan", "replay") dies mid-job
    (the components run the tasks of tests/distributed/faults.py while this fixture is on)."""
    for (module, constant), task in TASKS.items():
        monkeypatch.setattr(module, constant, task)

    def plan(task: str, times: int) -> None:
        crash_file.write_text(f"{task} {times}")

    yield plan
    crash_file.unlink(missing_ok=True)


RAY_PROCESS_NAMES = ("raylet", "gcs_server", "ray::", "default_worker", "dashboard", "ray/_private")


def ray_processes() -> list[psutil.Process]:
    """This process's descendants that belong to Ray."""
    out = []
    for proc in psutil.Process().children(recursive=True):
        try:
            line = " ".join(proc.cmdline()) or proc.name()
        except psutil.Error:
            continue
        if any(name in line for name in RAY_PROCESS_NAMES):
            out.append(proc)
    return out


def wait_gone(procs: list[psutil.Process], timeout: float = 20.0) -> list[psutil.Process]:
    """The processes still alive after ``timeout`` seconds (zombies count as gone)."""
    deadline = time.monotonic() + timeout
    alive = list(procs)
    while alive and time.monotonic() < deadline:
        alive = [p for p in alive if _alive(p)]
        if alive:
            time.sleep(0.2)
    return alive


def _alive(proc: psutil.Process) -> bool:
    try:
        return proc.is_running() and proc.status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False
