"""Cutting a batch into shards, and shards rolled out apart equal to the batch (no Ray: the
generator and PhantomPaths.concatenate are what the Ray backend builds on)."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from plasma import _core
from plasma.distributed import even_shards, rollout_shards
from plasma.errors import ShapeError
from plasma.simulator import GeneratorConfig, PhantomPathGenerator, PhantomPaths
from tests.distributed.conftest import PLANNER, assert_same_paths


@pytest.mark.parametrize(
    ("items", "parts", "unit"), [(1, 4, 1), (10, 3, 1), (37, 2, 16), (1000, 7, 125), (5000, 3, 128)]
)
def test_even_shards_cover_the_batch_in_order_on_unit_boundaries(
    items: int, parts: int, unit: int
) -> None:
    shards = even_shards(items, parts, unit=unit)
    assert 1 <= len(shards) <= parts
    assert shards[0][0] == 0
    for (offset, count), (following, _) in itertools.pairwise(shards):
        assert offset + count == following
        assert count % unit == 0  # whole units, except the last shard
    assert sum(count for _, count in shards) == items
    assert all(offset % unit == 0 and count > 0 for offset, count in shards)
    blocks = [-(-count // unit) for _, count in shards]
    assert max(blocks) - min(blocks) <= 1  # balanced


def test_rollout_shards_follow_the_core_chunks() -> None:
    assert _core.rollout_chunk_size(100) == 13  # 8 chunks, the last of 9 paths
    assert rollout_shards(100, 2) == [(0, 52), (52, 48)]  # 4 chunks each
    shards = rollout_shards(100, 16)  # no more shards than chunks
    assert shards == [(13 * i, 13) for i in range(7)] + [(91, 9)]
    assert rollout_shards(5, 4) == [(0, 5)]
    assert even_shards(0, 3) == []


@pytest.mark.parametrize("mode", ["planner", "random"])
def test_shards_rolled_out_apart_equal_the_batch(mode: str) -> None:
    gen = PhantomPathGenerator(
        _core.PendulumModel(),
        action_low=[-2.0],
        action_high=[2.0],
        config=GeneratorConfig(mode=mode, planner=PLANNER),  # type: ignore[arg-type]
    )
    starts = np.random.default_rng(0).uniform(-1, 1, (50, 3)).astype(np.float32)
    whole = gen.generate(starts, 4, seed=7, start_step=np.arange(50))
    parts = [
        gen.generate(starts[o : o + c], 4, seed=7, start_step=np.arange(o, o + c), shard=(o, 50))
        for o, c in rollout_shards(50, 3)
    ]
    assert len(parts) == 3
    assert_same_paths(whole, PhantomPaths.concatenate(parts))


def test_concatenate_checks_its_parts() -> None:
    def paths(p: int, h: int, labels: bool = False) -> PhantomPaths:
        return PhantomPaths(
            states=np.zeros((p, h + 1, 3)),
            actions=np.zeros((p, h, 1)),
            rewards=np.zeros((p, h)),
            action_labels=np.zeros((p, h, 1)) if labels else None,
        )

    assert PhantomPaths.concatenate([paths(2, 3), paths(4, 3)]).num_paths == 6
    with pytest.raises(ShapeError, match="at least one"):
        PhantomPaths.concatenate([])
    with pytest.raises(ShapeError, match="part 1"):
        PhantomPaths.concatenate([paths(2, 3), paths(2, 4)])
    with pytest.raises(ShapeError, match="action_labels"):
        PhantomPaths.concatenate([paths(2, 3, labels=True), paths(2, 3)])
