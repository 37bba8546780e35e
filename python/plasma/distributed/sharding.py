"""How a batch of paths is cut into shards (pure functions; no Ray).

Rollout shards follow the Rust core's chunk layout: a batch of ``P`` paths is rolled out in chunks
of ``plasma._core.rollout_chunk_size(P)`` paths whose random streams are keyed by the path's row in
the batch, so shards cut on chunk boundaries and rolled out apart (``shard=(offset, P)``) are
bit-identical to the batch rolled out at once.
"""

from __future__ import annotations

from plasma import _core

__all__ = ["Shard", "even_shards", "rollout_shards"]

Shard = tuple[int, int]
"""``(offset, count)``: rows ``offset .. offset + count`` of the batch."""


def even_shards(items: int, parts: int, *, unit: int = 1) -> list[Shard]:
    """Cut ``items`` rows into at most ``parts`` contiguous shards of whole ``unit`` blocks (the
    last block may be short), as equal as possible, in order; no shard is empty."""
    if items < 1:
        return []
    if parts < 1 or unit < 1:
        raise ValueError(f"parts = {parts} and unit = {unit} must be positive")
    blocks = -(-items // unit)
    parts = min(parts, blocks)
    shards: list[Shard] = []
    for i in range(parts):
        first, last = i * blocks // parts, (i + 1) * blocks // parts
        offset = first * unit
        shards.append((offset, min(last * unit, items) - offset))
    return shards


def rollout_shards(num_paths: int, parts: int) -> list[Shard]:
    """Shards of a rollout of ``num_paths`` paths on the core's chunk boundaries (at most
    ``parts``; fewer when the batch has fewer chunks)."""
    return even_shards(num_paths, parts, unit=_core.rollout_chunk_size(num_paths))
