"""A next state off the real states' manifold misses the real next state by at least its
distance from it: with ``manifold_invariants="state"``, ``local_physics`` counts the deviation a
path accumulates a little at every step (``plasma.auditor.checker.manifold_misses``)."""

from __future__ import annotations

import numpy as np
import pytest

from plasma.auditor import AdversarialChecker, calibrate
from plasma.auditor.calibration import Calibration
from plasma.auditor.config import AuditorConfig
from plasma.auditor.local import linear_distance, norm_distance
from plasma.envs import Transitions, collect
from plasma.simulator.paths import PathsMeta, PhantomPaths
from tests.support.pendulum import pendulum_physics_paths

from .exploits import TrueStep
from .physics import flagged


def test_the_distance_is_the_least_error_against_any_point_of_the_circle() -> None:
    rng = np.random.default_rng(0)
    points = rng.normal(size=(40, 2)) * 0.8
    line = np.array([0.05, 0.2])
    angles = np.linspace(0, 2 * np.pi, 400_001)
    circle = np.stack([np.cos(angles), np.sin(angles)], 1)
    brute = np.array([(np.abs(p - circle) / line).max(axis=1).min() for p in points])
    np.testing.assert_allclose(norm_distance(points, 1.0, line), brute, rtol=1e-3, atol=1e-4)
    # On the circle: nothing; radially out along an axis: the radial gap in that axis's lines.
    assert norm_distance(np.array([[0.6, 0.8]]), 1.0, line)[0] == pytest.approx(0.0, abs=1e-9)
    assert norm_distance(np.array([[1.1, 0.0]]), 1.0, line)[0] == pytest.approx(0.1 / 0.05)
    # A plane: |c . x - v| over sum |c| line.
    d = linear_distance(np.array([[1.0, 2.0]]), np.array([1.0, -1.0]), 0.0, np.array([0.5, 0.5]))
    assert d[0] == pytest.approx(1.0)


def _drifting(rate: float) -> PhantomPaths:
    """True Pendulum paths whose (cos, sin) pair moves outwards by ``rate`` at every step after
    the fifth: each step leaves the circle by ``rate`` only, the state by the sum."""
    paths = pendulum_physics_paths(30, 20, seed=13)
    grow = 1.0 + rate * np.clip(np.arange(paths.horizon + 1) - 5, 0, None)
    paths.states[:, :, :2] *= grow[None, :, None].astype(np.float32)
    return paths


def test_a_path_that_drifts_off_the_circle_is_caught_at_the_step_that_crosses_the_line(
    cal: Calibration,
) -> None:
    line = float(cal.local.allowance_bound[:2].min())
    truth = TrueStep("Pendulum-v1")
    try:
        # The real env cannot hold a state off the circle: from (r cos, r sin) it steps from
        # the angle, onto the circle, so the imagined next state misses by about r - 1.
        state = np.array([[1.2 * np.cos(0.3), 1.2 * np.sin(0.3), 0.5]])
        nxt = truth.batch(state, np.zeros((1, 1), np.float32))[0]
        assert np.hypot(nxt[0, 0], nxt[0, 1]) == pytest.approx(1.0, abs=1e-6)
    finally:
        truth.close()
    rate = line / 7
    paths = _drifting(rate)
    # Each step moves the state off the circle by a seventh of the line: the invariant (its
    # per-step copy, and the declared tolerance on the state) passes every path, and no real
    # neighbour sees the drift in the change.
    assert not flagged(paths, cal, "invariant")
    assert not flagged(_drifting(rate), cal, "local_physics", manifold_invariants="off")
    # By default (compounding-free, as the replays judge) the drift passes; "state" counts it.
    assert not flagged(paths, cal, "local_physics")
    config = AuditorConfig(detectors={"manifold_invariants": "state"})
    findings = AdversarialChecker(config, calibration=cal).check_paths(paths).findings
    physics = [f for f in findings if f.detector == "local_physics"]
    assert {f.path for f in physics} == set(range(30))
    # The first flagged step is the first whose next state lies beyond the line: 7 steps of
    # a seventh of the line after the fifth (up to 10 where the angle is diagonal, the L-inf
    # distance being the radial one over sqrt 2 there).
    bound = np.asarray(cal.local.allowance_bound[:2])
    for f in physics:
        nxt = paths.states[f.path, 1:, :2]
        beyond = norm_distance(nxt.astype(np.float64), 1.0, bound) > 1.0
        assert f.step == int(np.argmax(beyond))
        assert 10 <= f.step <= 15
    # True paths on the circle: nothing.
    honest = pendulum_physics_paths(30, 20, seed=13)
    assert not flagged(honest, cal, "local_physics", manifold_invariants="state")


def _fast(real: Transitions, to: float, n: int = 40) -> PhantomPaths:
    """One-step MountainCarContinuous paths of real transitions, both velocities moved so that
    the next one is ``to`` (the real change of velocity kept, the position moving by the new
    velocity as the env's does)."""
    pick = np.arange(n) * 7
    s, s1 = real.obs[pick].copy(), real.next_obs[pick].copy()
    shift = to - s1[:, 1]
    s[:, 1] += shift
    s1[:, 1] += shift
    s1[:, 0] = s[:, 0] + s1[:, 1]
    states = np.stack([s, s1], 1).astype(np.float32)
    rewards = real.reward[pick][:, None].astype(np.float32)
    meta = PathsMeta(env_id=real.env_id, state_names=list(real.state_names))
    return PhantomPaths(states, real.action[pick][:, None].astype(np.float32), rewards, meta=meta)


def test_a_next_state_beyond_a_declared_bound_misses_by_its_distance() -> None:
    """A bound the real states keep (an env that clips a speed): a next state beyond it by
    twice the line is caught whatever its change, one inside is not; with the invariants off,
    no such finding. (MountainCarContinuous's own clip, 0.07, lies beyond its random-action
    speeds; a declared bound of 0.03 inside them stands in for it.)"""
    from plasma.auditor.invariants import BoundsInvariant

    real = collect("MountainCarContinuous-v0", 3000, seed=3)
    cal = calibrate(collect("MountainCarContinuous-v0", 3000, seed=4))
    line = float(cal.local.allowance_bound[1])
    bound = BoundsInvariant(variable="velocity", low=-0.03, high=0.03, tolerance=20 * line)
    settings = {"invariants": [bound], "default_invariants": False}
    beyond = _fast(real, 0.03 + 2 * line)

    def found(paths: PhantomPaths, **detectors: object) -> set[int]:
        config = AuditorConfig(**settings, detectors={"manifold_invariants": "state", **detectors})
        check = AdversarialChecker(config, calibration=cal).check_paths(paths)
        return {f.path for f in check.findings if f.detector == "local_physics"}

    assert found(beyond) == set(range(40))
    # The default, compounding-free: a path whose state was already beyond the bound inherited
    # that, and passes; a step from inside the bound that ends beyond it is wrong (the real
    # next state keeps the bound: the local references are projected into it, stop 29).
    inside = {p for p in range(40) if abs(float(beyond.states[p, 0, 1])) <= 0.03}
    assert 0 < len(inside) < 40
    assert found(beyond, manifold_invariants="step") == inside
    assert not found(beyond, disabled=["invariant"])
    assert not found(_fast(real, 0.03 - 0.5 * line))
