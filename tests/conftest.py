from __future__ import annotations

import os
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

from plasma import StateTracker

REPO = Path(__file__).resolve().parents[1]
PYTHON = sys.executable

# Ray reports usage statistics to ray.io unless told not to; the tests start local Ray instances
# (here and in subprocesses, which inherit the environment) and must not phone home.
os.environ["RAY_USAGE_STATS_ENABLED"] = "0"

# Property tests draw their examples from a fixed seed, so a CI run and its rerun test the same
# examples and a failure reproduces; `pytest --hypothesis-profile=default` draws fresh ones.
# How fast examples are drawn measures the machine's load, not the code (a CI run on 2 shared
# cores failed the too_slow health check): that check is off.
settings.register_profile(
    "ci",
    derandomize=True,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("ci")


@pytest.fixture
async def tracker() -> AsyncIterator[StateTracker]:
    """A started in-memory tracker."""
    async with StateTracker() as started:
        yield started


@pytest.fixture
async def file_tracker(tmp_path: Path) -> AsyncIterator[StateTracker]:
    """A started tracker writing JSONL to tmp_path/trace.jsonl."""
    async with StateTracker({"jsonl_path": tmp_path / "trace.jsonl"}) as started:
        yield started


# How the suite is split over pytest-xdist's two workers (`-n 2`, pyproject's addopts). A unit of
# work runs whole on one worker: by default a test file, so its module-scoped fixtures are built
# once; the files that share a costly session-scoped fixture are one unit, so it is built once;
# and the files that start local Ray instances are one unit, so two Ray clusters never run at
# once (a `ray start` head of one test would be found by another's `ray.init()`).
# tests/test_suite_split.py checks that every test using such a fixture is in a listed file.
SHARED_UNITS = {
    # the fixture's name: the files whose tests request it
    "uninterrupted_run": (
        "tests/train/test_adapt.py",
        "tests/train/test_faults.py",
        "tests/train/test_horizon.py",
        "tests/train/test_resume.py",
        "tests/train/test_rundir.py",
        "tests/train/test_stops.py",
    ),
}
RAY_FILES = "tests/distributed/test_ray_"
# Units that take 20 s or more on CI's 2 cores (pytest's slowest-durations list), sent to the
# workers first: one sent last would leave the other worker idle while it runs.
SLOW_FIRST = (
    "uninterrupted_run",
    "tests/train/test_learning.py",
    "tests/train/test_exploration.py",
    "tests/test_examples.py",
    "tests/train/test_faults_sweep.py",
    "ray",
    "tests/test_bench_judge.py",
    "tests/train/test_keys.py",
    "tests/train/test_cli.py",
    "tests/auditor/test_local_wide.py",
    "tests/auditor/test_own_reference.py",
    "tests/simulator/test_world_model.py",
)


def work_unit(nodeid: str) -> str:
    """The unit of work of the test ``nodeid``."""
    path = nodeid.split("::", 1)[0]
    for unit, paths in SHARED_UNITS.items():
        if path in paths:
            return unit
    return "ray" if path.startswith(RAY_FILES) else path


def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    from xdist.scheduler import LoadScopeScheduling

    class ByWorkUnit(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return work_unit(nodeid)

    # the units are sent in the order the workers collected them (not the largest first), which
    # puts SLOW_FIRST first (pytest_collection_modifyitems)
    config.option.loadscopereorder = False
    return ByWorkUnit(config, log)


def pytest_configure(config: pytest.Config) -> None:
    # A worker's environment names it (PYTEST_XDIST_WORKER, ...); a command a test starts must see
    # a plain pytest run's (pytest-benchmark, in a benchmark run that a test starts, turns itself
    # off when it sees a worker's name).
    for name in [name for name in os.environ if name.startswith("PYTEST_XDIST_")]:
        del os.environ[name]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not hasattr(config, "workerinput"):
        return  # no xdist worker: the order of collection
    rank = {unit: k for k, unit in enumerate(SLOW_FIRST)}
    items.sort(key=lambda item: rank.get(work_unit(item.nodeid), len(rank)))
