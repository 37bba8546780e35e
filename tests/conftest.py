from __future__ import annotations

import os
import sys
from collections.abc import AsyncIterator
from pathlib import Path

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
