"""Norms found on real data (``discover_norms``): a sum of squares that never changes on real
states, checked on imagined ones without anyone declaring it."""

from __future__ import annotations

import numpy as np

from plasma.auditor import calibrate
from plasma.auditor.invariants import NormInvariant, discover_norms
from plasma.envs import Transitions
from plasma.simulator.paths import PhantomPaths

from .physics import flagged

DT = 0.05


def _spin(n: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Rotate each unit vector ``n`` by the angle ``|w| DT`` about ``w`` (Rodrigues)."""
    speed = np.linalg.norm(w, axis=1, keepdims=True) + 1e-12
    k, angle = w / speed, speed * DT
    cross = np.cross(k, n)
    along = (k * n).sum(axis=1, keepdims=True) * k
    return np.asarray(n * np.cos(angle) + cross * np.sin(angle) + along * (1 - np.cos(angle)))


def _step(s: np.ndarray, a: np.ndarray) -> np.ndarray:
    """A spinning top: a unit vector (variables 0-2) turned by an angular velocity (3-5) that
    the action pushes."""
    w = s[:, 3:] + 0.2 * a
    return np.concatenate([_spin(s[:, :3], w), w], axis=1)


def _start(n: int, rng: np.random.Generator) -> np.ndarray:
    v = rng.normal(size=(n, 3))
    return np.concatenate(
        [v / np.linalg.norm(v, axis=1, keepdims=True), rng.normal(size=(n, 3))], 1
    )


def _real(n: int = 3000, seed: int = 0) -> Transitions:
    rng = np.random.default_rng(seed)
    obs = _start(n, rng)
    act = rng.uniform(-1, 1, (n, 3))
    nxt = _step(obs, act)
    f32 = np.float32
    return Transitions(
        obs.astype(f32),
        act.astype(f32),
        -np.abs(obs[:, 2]).astype(f32),
        nxt.astype(f32),
        np.zeros(n, bool),
        np.zeros(n, bool),
        env_id="SpinningTop-v0",
        state_names=["nx", "ny", "nz", "wx", "wy", "wz"],
    )


def _paths(off: float, at: int = 5, n: int = 30, horizon: int = 12) -> PhantomPaths:
    """True paths; from step ``at`` on the vector is ``1 + off`` long (one step leaves the
    sphere, the next ones stay where it left them)."""
    rng = np.random.default_rng(7)
    states = np.zeros((n, horizon + 1, 6))
    states[:, 0] = _start(n, rng)
    actions = rng.uniform(-1, 1, (n, horizon, 3))
    for t in range(horizon):
        states[:, t + 1] = _step(states[:, t], actions[:, t])
    states[:, at:, :3] *= 1.0 + off
    f32 = np.float32
    return PhantomPaths(
        states=states.astype(f32),
        actions=actions.astype(f32),
        rewards=-np.abs(states[:, :-1, 2]).astype(f32),
    )


def test_a_unit_vector_is_found_and_nothing_else() -> None:
    real = _real()
    states = np.concatenate([real.obs, real.next_obs])
    found = discover_norms(states)
    assert [(f.variables, round(f.value, 4)) for f in found] == [([0, 1, 2], 1.0)]
    # Two unit circles (cos/sin pairs) are two groups, not one of four.
    rng = np.random.default_rng(1)
    a, b = rng.uniform(-np.pi, np.pi, (2, 2000))
    circles = np.stack([np.cos(a), rng.normal(size=2000), np.sin(a), np.cos(b), np.sin(b)], 1)
    pairs = sorted(sorted(int(v) for v in f.variables) for f in discover_norms(circles))
    assert pairs == [[0, 2], [3, 4]]
    # Independent variables: no relation.
    assert discover_norms(rng.normal(size=(2000, 4))) == []


def test_a_step_off_the_discovered_sphere_is_an_invariant_finding() -> None:
    cal = calibrate(_real())
    assert [f.variables for f in cal.norms] == [[0, 1, 2]]
    assert isinstance(cal.norms[0], NormInvariant)
    limit = float(np.sqrt(3) * cal.local.allowance[:3].min())
    assert not flagged(_paths(0.0), cal, "invariant")
    assert len(flagged(_paths(2 * limit), cal, "invariant")) == 30
    # A step off by less than what matters is no finding; nor with the norms switched off.
    assert not flagged(_paths(0.3 * limit), cal, "invariant")
    from plasma.auditor import AdversarialChecker
    from plasma.auditor.config import AuditorConfig

    off = AuditorConfig(discovered_invariants=False)
    findings = AdversarialChecker(off, calibration=cal).check_paths(_paths(2 * limit)).findings
    assert not [f for f in findings if f.detector == "invariant"]
