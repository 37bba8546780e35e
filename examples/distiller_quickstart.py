"""Distil labelled, audited paths into a signed LoRA packet and hot-swap it into a live policy.

    python examples/distiller_quickstart.py [PACKET_DIR]

The paths are built here from Pendulum-v1's equations with a swing-up controller as the "planner"
(in a training run they come from ``Simulator.simulate`` and ``Auditor.audit_paths``).
"""

from __future__ import annotations

import asyncio
import sys
import tempfile

import numpy as np

from plasma.distiller import Distiller, Ed25519Signer
from plasma.simulator.paths import PathsMeta, PhantomPaths


def planner(obs: np.ndarray) -> np.ndarray:
    """A smooth energy-based swing-up controller: observations [N, 3] -> torques [N, 1]."""
    cos, sin, dot = obs[:, 0], obs[:, 1], obs[:, 2]
    energy = 0.5 * dot**2 + 15.0 * (cos - 1.0)
    upright = ((1.0 + cos) / 2.0) ** 4
    u = 2.0 * (
        (1 - upright) * np.tanh(-0.5 * energy * dot) - upright * np.tanh(2 * sin + 0.6 * dot)
    )
    return u[:, None].astype(np.float32)


def imagined_paths(num_paths: int = 32, horizon: int = 60, seed: int = 0) -> PhantomPaths:
    """Pendulum paths driven by the planner plus noise, labelled by the planner, all approved."""
    rng = np.random.default_rng(seed)
    theta, dot = rng.uniform(-np.pi, np.pi, num_paths), rng.uniform(-1, 1, num_paths)
    states = np.zeros((num_paths, horizon + 1, 3), np.float32)
    labels = np.zeros((num_paths, horizon, 1), np.float32)
    actions = np.zeros_like(labels)
    rewards = np.zeros((num_paths, horizon), np.float32)
    for t in range(horizon + 1):
        states[:, t] = np.stack([np.cos(theta), np.sin(theta), dot], axis=1)
        if t == horizon:
            break
        labels[:, t] = planner(states[:, t])
        actions[:, t] = np.clip(labels[:, t] + 0.3 * rng.standard_normal((num_paths, 1)), -2, 2)
        u = actions[:, t, 0]
        rewards[:, t] = -(((theta + np.pi) % (2 * np.pi) - np.pi) ** 2 + 0.1 * dot**2)
        dot = np.clip(dot + (15.0 * np.sin(theta) + 3.0 * u) * 0.05, -8, 8)
        theta = theta + dot * 0.05
    return PhantomPaths(
        states=states,
        actions=actions,
        rewards=rewards,
        action_labels=labels,
        approved=np.ones(num_paths, bool),  # what the auditor records
        meta=PathsMeta(env_id="Pendulum-v1", action_low=[-2.0], action_high=[2.0]),
    )


async def main(packet_dir: str) -> None:
    signer = Ed25519Signer.generate()
    config = {
        "packet_dir": packet_dir,
        "signing_algorithm": "ed25519",
        "signing_key": signer.private_bytes().hex(),
        "training": {"updates": 400},
    }
    distiller = Distiller(config)
    await distiller.start()

    paths = imagined_paths()
    packets = await distiller.distill_from_paths(paths)
    report = distiller.last_report
    assert report is not None
    print(
        f"distilled {report.train_steps} steps: held-out error {report.initial_heldout_error:.3f}"
        f" -> {report.heldout_error:.3f} ({report.error_metric})"
    )
    packet = packets[0]
    print(f"packet {packet.id}: {packet.size_bytes()} bytes, signed={packet.signed}")

    results = await distiller.deploy_packets(packets)  # into the distiller's live policy
    print(
        f"deployed {results['deployed']} packet(s); active {results['active']}; "
        f"swap {results['swap_latency_s'] * 1e6:.1f} us"
    )

    # A flipped byte is refused, and the live policy keeps the packet it had.
    weights = packet.path / "adapter_model.safetensors"
    data = bytearray(weights.read_bytes())
    data[len(data) // 2] ^= 1
    weights.write_bytes(bytes(data))
    refused = await distiller.deploy_packets(packets)
    print(f"tampered packet: {refused['failed'][0]['error']}; active {refused['active']}")

    injector = distiller.injector
    assert injector is not None
    injector.rollback()
    print(f"after rollback: active {injector.active}")
    await distiller.stop()


if __name__ == "__main__":
    target = sys.argv[1] if len(sys.argv) > 1 else tempfile.mkdtemp(prefix="plasma-packets-")
    asyncio.run(main(target))
