"""The true Pendulum-v1 dynamics in numpy: honest synthetic path batches (random actions, or a
swing-up controller's with its labels), and a ground truth that does not depend on the auditor.
Shared by the tests and the benchmarks (they need neither gymnasium nor the simulator)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from plasma.simulator.paths import PathsMeta, PhantomPaths

__all__ = [
    "MAX_TORQUE",
    "NAMES",
    "PENDULUM",
    "confirmed",
    "pendulum_paths",
    "pendulum_physics_paths",
    "pendulum_step",
    "swing_up",
    "wrap_angle",
]

PENDULUM = "Pendulum-v1"
NAMES = ["cos_theta", "sin_theta", "theta_dot"]
MAX_TORQUE = 2.0
G, M, L, DT = 10.0, 1.0, 1.0, 0.05


def wrap_angle(th: np.ndarray) -> np.ndarray:
    return ((th + np.pi) % (2 * np.pi)) - np.pi


def pendulum_step(theta: np.ndarray, dot: np.ndarray, u: np.ndarray) -> tuple[np.ndarray, ...]:
    """One Pendulum-v1 step from angle ``theta`` and velocity ``dot`` under torque ``u`` (clipped
    to the bounds); returns (theta, dot, reward), the reward that of the step's start."""
    u = np.clip(u, -MAX_TORQUE, MAX_TORQUE)
    reward = -(wrap_angle(theta) ** 2 + 0.1 * dot**2 + 0.001 * u**2)
    dot = np.clip(dot + (3 * G / (2 * L) * np.sin(theta) + 3.0 / (M * L**2) * u) * DT, -8.0, 8.0)
    return theta + dot * DT, dot, reward


def swing_up(obs: np.ndarray) -> np.ndarray:
    """A smooth energy-based swing-up controller for Pendulum observations [N, 3] -> [N, 1]."""
    cos, sin, dot = obs[..., 0], obs[..., 1], obs[..., 2]
    energy = 0.5 * dot**2 + 1.5 * G / L * (cos - 1.0)  # 0 when upright and still
    pump = np.tanh(-0.5 * energy * dot)
    upright = ((1.0 + cos) / 2.0) ** 4
    hold = -np.tanh(2.0 * sin + 0.6 * dot)
    u = MAX_TORQUE * ((1.0 - upright) * pump + upright * hold)
    return np.asarray(u[..., None], dtype=np.float32)


def pendulum_paths(
    num_paths: int = 24,
    horizon: int = 60,
    *,
    seed: int = 0,
    noise: float = 0.3,
    controller: Callable[[np.ndarray], np.ndarray] = swing_up,
    approved: bool | np.ndarray | None = True,
    labels: bool = True,
) -> PhantomPaths:
    """Pendulum paths driven by ``controller`` plus noise, labelled with the controller."""
    rng = np.random.default_rng(seed)
    theta = rng.uniform(-np.pi, np.pi, num_paths)
    dot = rng.uniform(-1.0, 1.0, num_paths)
    states = np.zeros((num_paths, horizon + 1, 3), np.float32)
    actions = np.zeros((num_paths, horizon, 1), np.float32)
    label_arr = np.zeros((num_paths, horizon, 1), np.float32)
    rewards = np.zeros((num_paths, horizon), np.float32)
    for t in range(horizon + 1):
        obs = np.stack([np.cos(theta), np.sin(theta), dot], axis=1).astype(np.float32)
        states[:, t] = obs
        if t == horizon:
            break
        label = controller(obs)
        act = np.clip(label + noise * rng.standard_normal(label.shape), -MAX_TORQUE, MAX_TORQUE)
        label_arr[:, t], actions[:, t] = label, act
        theta, dot, reward = pendulum_step(theta, dot, act[:, 0].astype(np.float64))
        rewards[:, t] = reward
    if approved is True:
        mask: np.ndarray | None = np.ones(num_paths, bool)
    elif approved is False:
        mask = np.zeros(num_paths, bool)
    else:
        mask = approved
    return PhantomPaths(
        states=states,
        actions=actions,
        rewards=rewards,
        action_labels=label_arr if labels else None,
        approved=mask,
        meta=PathsMeta(
            env_id=PENDULUM,
            state_names=NAMES,
            action_low=[-MAX_TORQUE],
            action_high=[MAX_TORQUE],
            mode="planner",
        ),
    )


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
        th, thd, rewards[:, t] = pendulum_step(th, thd, actions[:, t, 0].astype(np.float64))
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
    th = np.arctan2(s[:, :-1, 1], s[:, :-1, 0])
    nth, nthd, reward = pendulum_step(th, s[:, :-1, 2], paths.actions[..., 0].astype(np.float64))
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
