"""The true Pendulum-v1 dynamics in numpy: honest synthetic path batches and a ground truth that
does not depend on the auditor. Shared by the tests and the auditor's benchmarks and corpus."""

from __future__ import annotations

import numpy as np

from plasma.simulator.paths import PathsMeta, PhantomPaths

__all__ = ["NAMES", "PENDULUM", "confirmed", "pendulum_physics_paths", "wrap_angle"]

PENDULUM = "Pendulum-v1"
NAMES = ["cos_theta", "sin_theta", "theta_dot"]


def wrap_angle(th: np.ndarray) -> np.ndarray:
    return ((th + np.pi) % (2 * np.pi)) - np.pi


def pendulum_physics_paths(
    num_paths: int,
    horizon: int,
    seed: int = 0,
    *,
    uncertainty_scale: float = 0.02,
) -> PhantomPaths:
    """Paths of the true Pendulum dynamics under uniform random actions (vectorised numpy),
    with small positive "uncertainty" values; honest by construction."""
    rng = np.random.default_rng(seed)
    th = rng.uniform(-np.pi, np.pi, num_paths)
    thd = rng.uniform(-1, 1, num_paths)
    states = np.zeros((num_paths, horizon + 1, 3), np.float32)
    actions = rng.uniform(-2, 2, (num_paths, horizon, 1)).astype(np.float32)
    rewards = np.zeros((num_paths, horizon), np.float32)
    for t in range(horizon + 1):
        states[:, t] = np.stack([np.cos(th), np.sin(th), thd], axis=1)
        if t == horizon:
            break
        u = actions[:, t, 0].astype(np.float64)
        rewards[:, t] = -(wrap_angle(th) ** 2 + 0.1 * thd**2 + 0.001 * u**2)
        thd = np.clip(thd + (15.0 * np.sin(th) + 3.0 * u) * 0.05, -8, 8)
        th = th + thd * 0.05
    unc = rng.exponential(uncertainty_scale, (num_paths, horizon)).astype(np.float32)
    return PhantomPaths(
        states,
        actions,
        rewards,
        uncertainty=unc,
        meta=PathsMeta(
            env_id=PENDULUM, state_names=NAMES, action_low=[-2.0], action_high=[2.0], mode="random"
        ),
    )


def confirmed(
    paths: PhantomPaths, *, state_tol: float = 0.1, reward_tol: float = 1.0
) -> np.ndarray:
    """Ground truth from the true Pendulum equations (independent of the auditor): per path,
    whether every imagined step matches the real dynamics and reward from the imagined state
    and action (cos/sin within ``state_tol``, theta_dot within ``8 * state_tol``, reward within
    ``reward_tol``)."""
    s = paths.states.astype(np.float64)
    u = np.clip(paths.actions[..., 0].astype(np.float64), -2, 2)
    th = np.arctan2(s[:, :-1, 1], s[:, :-1, 0])
    thd = s[:, :-1, 2]
    nthd = np.clip(thd + (15.0 * np.sin(th) + 3.0 * u) * 0.05, -8, 8)
    nth = th + nthd * 0.05
    reward = -(wrap_angle(th) ** 2 + 0.1 * thd**2 + 0.001 * u**2)
    err = np.maximum.reduce(
        [
            np.abs(s[:, 1:, 0] - np.cos(nth)),
            np.abs(s[:, 1:, 1] - np.sin(nth)),
            np.abs(s[:, 1:, 2] - nthd) / 8.0,
        ]
    )
    bad = (err > state_tol) | (np.abs(paths.rewards - reward) > reward_tol)
    bad |= ~np.isfinite(err)
    return np.asarray(~(bad & paths.step_mask()).any(axis=1))
