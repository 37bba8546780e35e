"""Synthetic real data for the auditor's tests: episodes whose spread differs by episode (what the
allowance and the replay line must estimate over episodes, not steps), and episodes of a known
law (what the local validation's tests judge imagined steps against)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from plasma.envs import Transitions

__all__ = ["law_episodes", "pushed_episodes"]


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


def law_episodes(
    law: Callable[[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]],
    obs: np.ndarray,
    act: np.ndarray,
    length: int = 50,
) -> Transitions:
    """Real data of a known ``law(obs, act) -> (next_obs, reward)`` from the given states and
    actions, cut into episodes of ``length`` steps (truncated, none terminated)."""
    nxt, rew = law(obs, act)
    n = len(obs)
    return Transitions(
        np.asarray(obs, np.float32),
        np.asarray(act, np.float32),
        np.asarray(rew, np.float32),
        np.asarray(nxt, np.float32),
        np.zeros(n, bool),
        (np.arange(n) % length) == length - 1,
    )
