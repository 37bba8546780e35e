"""Fixtures of the distiller tests: labelled Pendulum paths built directly from arrays.

The states come from Pendulum-v1's dynamics (re-implemented here in numpy, so these tests need
neither gymnasium nor the simulator), the labels from a smooth energy-pumping swing-up controller
with a stabilizing term near the top; the actions actually taken are the labels plus noise.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import pytest
import torch

from plasma.distiller import (
    AuditSummary,
    InstructionPacket,
    LoRASettings,
    Policy,
    Provenance,
    TrainingConfig,
    distill,
)
from plasma.distiller.packet import adapter_key
from plasma.simulator.paths import PathsMeta, PhantomPaths

MAX_TORQUE = 2.0
G, M, L, DT = 10.0, 1.0, 1.0, 0.05


def swing_up(obs: np.ndarray) -> np.ndarray:
    """A smooth energy-based swing-up controller for Pendulum observations [N, 3] -> [N, 1]."""
    cos, sin, dot = obs[..., 0], obs[..., 1], obs[..., 2]
    energy = 0.5 * dot**2 + 1.5 * G / L * (cos - 1.0)  # 0 when upright and still
    pump = np.tanh(-0.5 * energy * dot)
    upright = ((1.0 + cos) / 2.0) ** 4
    hold = -np.tanh(2.0 * sin + 0.6 * dot)
    u = MAX_TORQUE * ((1.0 - upright) * pump + upright * hold)
    return u[..., None].astype(np.float32)


def pendulum_step(theta: np.ndarray, dot: np.ndarray, u: np.ndarray) -> tuple[np.ndarray, ...]:
    """One Pendulum-v1 step; returns (theta, dot, reward)."""
    u = np.clip(u, -MAX_TORQUE, MAX_TORQUE)
    norm = ((theta + np.pi) % (2 * np.pi)) - np.pi
    reward = -(norm**2 + 0.1 * dot**2 + 0.001 * u**2)
    dot = np.clip(dot + (3 * G / (2 * L) * np.sin(theta) + 3.0 / (M * L**2) * u) * DT, -8.0, 8.0)
    return theta + dot * DT, dot, reward


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
            env_id="Pendulum-v1",
            state_names=["cos_theta", "sin_theta", "theta_dot"],
            action_low=[-MAX_TORQUE],
            action_high=[MAX_TORQUE],
            mode="planner",
        ),
    )


def make_policy(seed: int = 0, **overrides: object) -> Policy:
    """A default Pendulum policy with observation normalization for Pendulum states."""
    policy = Policy(obs_dim=3, action_low=[-2.0], action_high=[2.0], seed=seed, **overrides)
    policy.fit_normalization(pendulum_paths(8, 40, seed=99).states.reshape(-1, 3))
    return policy.requires_grad_(False)


FAST = TrainingConfig(updates=300, batch_size=128)


@pytest.fixture(scope="package", autouse=True)
def _one_torch_thread() -> Iterator[None]:
    """Tiny models: one torch thread is fastest and keeps timings steady on a busy machine."""
    saved = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(saved)


@pytest.fixture(scope="session")
def paths() -> PhantomPaths:
    """24 approved, labelled Pendulum paths of 60 steps."""
    return pendulum_paths()


@pytest.fixture(scope="session")
def base_policy() -> Policy:
    """The frozen base policy every packet of the session is made for (do not modify it)."""
    return make_policy()


def random_adapter(
    policy: Policy, rank: int = 8, seed: int = 0, scale: float = 0.3
) -> dict[str, torch.Tensor]:
    """Random LoRA tensors (peft key names) for every layer of ``policy``."""
    gen = torch.Generator().manual_seed(seed)
    out = {}
    for name, (n_in, n_out) in policy.layer_shapes().items():
        out[adapter_key(name, "A")] = torch.randn(rank, n_in, generator=gen) * scale
        out[adapter_key(name, "B")] = torch.randn(n_out, rank, generator=gen) * scale
    return out


def write_packet(
    directory: Path,
    policy: Policy,
    adapter: dict[str, torch.Tensor] | None = None,
    *,
    rank: int = 8,
    targets: list[str] | None = None,
    seed: int = 0,
    **kwargs: object,
) -> InstructionPacket:
    """A packet for ``policy`` with a random (or given) adapter."""
    from plasma.distiller import LoRASpec

    spec = LoRASpec(rank=rank, alpha=16.0, target_modules=targets or policy.layer_names())
    if adapter is None:
        adapter = {
            k: v
            for k, v in random_adapter(policy, rank, seed).items()
            if any(k == adapter_key(t, w) for t in spec.target_modules for w in "AB")
        }
    return InstructionPacket.write(
        directory,
        adapter=adapter,
        lora=spec,
        base_fingerprint=policy.fingerprint(),
        provenance=Provenance(paths_digest="0" * 64, num_paths=1, num_steps=1),
        audit=AuditSummary(audited=True, required=True, approved_paths=1, total_paths=1),
        env_id="Pendulum-v1",
        **kwargs,  # type: ignore[arg-type]
    )


@pytest.fixture(scope="session")
def distilled(base_policy: Policy, paths: PhantomPaths) -> object:
    """A LoRA distillation of the session paths into the session base."""
    return distill(base_policy, paths, mode="lora", training=FAST, lora=LoRASettings())
