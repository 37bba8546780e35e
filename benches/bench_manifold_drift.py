"""Speed of ``manifold_drift``'s per-step scan (``plasma.auditor.checker.manifold_distance``
with ``above``): every step's distance from the real states' set (Pendulum's (cos, sin) circle
and its speed clip), on paths that stay near the circle as a model's do, in transitions per
second. The goal of anything that runs per step: >= 20 M transitions/s on 2 cores.

    python benches/bench_manifold_drift.py [--paths 2000] [--horizon 500] [--repeat 5]
        [--drift 0.01]
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from plasma.auditor.checker import manifold_distance
from plasma.auditor.invariants import default_invariants
from plasma.simulator.paths import PathsMeta, PhantomPaths

NAMES = ["cos_theta", "sin_theta", "theta_dot"]


def paths(n: int, horizon: int, drift: float = 0.01, seed: int = 0) -> PhantomPaths:
    """Pendulum-like paths whose radius is off 1 by ``drift`` x a standard normal."""
    rng = np.random.default_rng(seed)
    theta = rng.uniform(-np.pi, np.pi, (n, horizon + 1))
    radius = 1.0 + drift * rng.normal(size=(n, horizon + 1))
    speed = rng.normal(size=(n, horizon + 1))
    states = np.stack([radius * np.cos(theta), radius * np.sin(theta), speed], 2)
    return PhantomPaths(
        states.astype(np.float32),
        rng.uniform(-2, 2, (n, horizon, 1)).astype(np.float32),
        np.zeros((n, horizon), np.float32),
        meta=PathsMeta(env_id="Pendulum-v1", state_names=NAMES),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--paths", type=int, default=2000)
    parser.add_argument("--horizon", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--drift", type=float, default=0.01)
    args = parser.parse_args()
    batch = paths(args.paths, args.horizon, drift=args.drift)
    invariants = default_invariants("Pendulum-v1")
    line = np.array([0.04, 0.042, 0.17])
    best = np.inf
    for _ in range(args.repeat):
        began = time.perf_counter()
        distance, _ = manifold_distance(batch, invariants, NAMES, line, above=1.0)
        best = min(best, time.perf_counter() - began)
    n = args.paths * args.horizon
    print(f"manifold_distance: {n / best / 1e6:.1f} M transitions/s (best of {args.repeat}, {n:,})")
    print(f"steps beyond the line: {int((distance > 1.0).sum())}")


if __name__ == "__main__":
    main()
