"""PLASMA_NUM_THREADS sizes the Rust core's thread pool, and the Simulator's paths do not depend on
it: the same seed gives the same arrays on 1 and on 3 threads (each in a fresh process, since the
pool is sized once, when plasma._core is imported)."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.support.processes import python_json

SCRIPT = textwrap.dedent(
    """
    import asyncio, json, os
    import numpy, torch  # their threads, if any, start before the count

    def threads():
        return len(os.listdir("/proc/self/task"))

    before = threads()
    from plasma import _core  # builds the pool
    pool = threads() - before

    from plasma.simulator import Simulator, WorldModel, WorldModelConfig

    async def main():
        model = WorldModel(3, 1, WorldModelConfig(members=3, hidden=[32, 32], seed=3))
        model.fitted = True  # random weights: the arrays, not their quality, are compared
        with torch.no_grad():
            model.net.weights[-1].mul_(0.05)
        planner = {"population": 16, "iterations": 2, "horizon": 4}
        config = {"generator": {"planner": planner}}
        digests = {}
        async with Simulator(config, model=model) as sim:
            for mode in ("planner", "random"):
                paths = await sim.simulate(None, num_paths=64, path_length=12, mode=mode, seed=7)
                digests[mode] = paths.digest()
        print(json.dumps({"pool": pool, "digests": digests}))

    asyncio.run(main())
    """
)


def simulate_with_threads(threads: int) -> dict[str, object]:
    result: dict[str, object] = python_json(
        SCRIPT, cwd=REPO, env={**os.environ, "PLASMA_NUM_THREADS": str(threads)}
    )
    return result


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="counts threads in /proc")
def test_plasma_num_threads_sizes_the_pool_and_leaves_the_paths_unchanged() -> None:
    one, three = simulate_with_threads(1), simulate_with_threads(3)
    assert three["pool"] == one["pool"] + 2  # the variable took effect
    assert one["digests"] == three["digests"]
