"""Ground truth from a real environment, independent of the auditor: imagined steps replayed from
their imagined states. Shared by the tests and the auditor's benchmarks."""

from __future__ import annotations

import numpy as np

from plasma.envs import make_env
from plasma.simulator.paths import PhantomPaths

__all__ = ["replay_confirmed"]


def replay_confirmed(
    paths: PhantomPaths, env_id: str, *, spread: np.ndarray, reward_tol: float
) -> np.ndarray:
    """Per path, whether every imagined step matches the real env's step from the imagined state
    and action: each variable within 10% of its ``spread`` (the real range), the reward within
    ``reward_tol``. The env must support ``set_state``."""
    ok = np.ones(paths.num_paths, dtype=bool)
    assert paths.lengths is not None
    with make_env(env_id, seed=0) as env:
        for p in range(paths.num_paths):
            for t in range(int(paths.lengths[p])):
                env.set_state(paths.states[p, t])
                obs, reward, *_ = env.step(paths.actions[p, t])
                off = (np.abs(obs - paths.states[p, t + 1]) > 0.1 * spread).any()
                if off or abs(reward - float(paths.rewards[p, t])) > reward_tol:
                    ok[p] = False
                    break
    return ok
