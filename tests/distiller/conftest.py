"""Fixtures of the distiller tests: labelled Pendulum paths built directly from arrays
(``tests.support.pendulum.pendulum_paths``: Pendulum-v1's dynamics in numpy, labels from a smooth
energy-pumping swing-up controller with a stabilizing term near the top, the actions actually
taken the labels plus noise), a base policy, packets."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

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
from plasma.simulator.paths import PhantomPaths
from tests.support.pendulum import pendulum_paths


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
