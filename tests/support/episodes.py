"""Synthetic real data whose spread differs by episode: what the auditor's allowance and replay
line must estimate over episodes, not steps. Shared by the auditor's tests."""

from __future__ import annotations

import numpy as np

from plasma.envs import Transitions

__all__ = ["pushed_episodes"]


def pushed_episodes(scales: list[float], length: int, seed: int = 0) -> Transitions:
    """next = s + 0.1 a; each episode pushes with its own strength (its steps alike)."""
    rng = np.random.default_rng(seed)
    n = len(scales) * length
    obs = rng.normal(size=(n, 1)).astype(np.float32)
    act = (rng.uniform(-1, 1, (n, 1)) * np.repeat(scales, length)[:, None]).astype(np.float32)
    nxt = (obs + 0.1 * act).astype(np.float32)
    trunc = np.zeros(n, bool)
    trunc[length - 1 :: length] = True
    return Transitions(obs, act, np.zeros(n, np.float32), nxt, np.zeros(n, bool), trunc)
