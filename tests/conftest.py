from __future__ import annotations

import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from plasma import StateTracker

REPO = Path(__file__).resolve().parents[1]
PYTHON = sys.executable


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
