"""Groups of state variables whose sum of squares is the same on every real state: a joint's
cos and sin, a quaternion, a unit vector, found in the data without being told. The auditor
checks imagined states against them (``plasma.auditor.invariants.discover_norms``); the world
model can keep its predictions on them (``WorldModelConfig.project_norms``)."""

from __future__ import annotations

import itertools

import numpy as np

__all__ = ["DISCOVERY_LARGEST", "DISCOVERY_PRECISION", "norm_groups"]

DISCOVERY_PRECISION = 1e-3
"""A sum of squares is constant on real data when no real state's sum is further than this
share from the mean (float32 states keep such a sum to about 1e-7)."""
DISCOVERY_LARGEST = 8
"""Most variables the search for groups considers (those in a near-constant direction)."""


def norm_groups(
    states: np.ndarray, *, sample: int = 5_000, seed: int = 0
) -> list[tuple[list[int], float]]:
    """The groups of variables (indices) whose plain sum of squares stays within
    ``DISCOVERY_PRECISION`` of its mean on every state of ``states [N, S]``, with that mean.

    The squares of the non-constant variables are standardised and centred; a relation is a
    direction their spread does not reach (a singular value below ``DISCOVERY_PRECISION`` x
    sqrt(N)). The variables of such directions (at most ``DISCOVERY_LARGEST``) are searched for
    the smallest groups whose sum of squares is constant; a group never shares a variable with a
    smaller one found before."""
    x = np.asarray(states, np.float64)
    x = x[np.isfinite(x).all(axis=1)]
    if x.ndim != 2 or len(x) < 10 or x.shape[1] < 2:
        return []
    if len(x) > sample:
        x = x[np.sort(np.random.default_rng(seed).choice(len(x), sample, replace=False))]
    std = x.std(axis=0)
    live = np.flatnonzero(std > 1e-6 * np.maximum(np.abs(x).max(axis=0), 1e-12))
    if len(live) < 2:
        return []
    squares = x[:, live] ** 2
    spread = squares.std(axis=0)
    ok = spread > 0
    live, squares, spread = live[ok], squares[:, ok], spread[ok]
    if len(live) < 2:
        return []
    scaled = (squares - squares.mean(axis=0)) / spread
    _, sv, vt = np.linalg.svd(scaled, full_matrices=False)
    null = vt[sv < DISCOVERY_PRECISION * np.sqrt(len(x))]
    if not len(null):
        return []
    involved = np.flatnonzero((np.abs(null) > DISCOVERY_PRECISION).any(axis=0))
    if len(involved) > DISCOVERY_LARGEST or len(involved) < 2:
        return []
    found: list[tuple[list[int], float]] = []
    used: set[int] = set()
    for size in range(2, len(involved) + 1):
        for group in itertools.combinations(involved.tolist(), size):
            if used & set(group):
                continue
            total = squares[:, list(group)].sum(axis=1)
            value = float(total.mean())
            if value <= 0 or float(np.abs(total - value).max()) > DISCOVERY_PRECISION * value:
                continue
            used |= set(group)
            found.append(([int(live[g]) for g in group], value))
    return found
