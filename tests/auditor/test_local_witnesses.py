"""Issue 12, sixth round: the real-data witnesses' precision. The trusted reference's prediction
is corrected by the local fit of its own signed error (``reference_gap``); the linear law of the
real transitions is a second prediction of ``local_physics``, exact where an outcome is a linear
function of the state and action, also in directions the nearest neighbours do not span."""

from __future__ import annotations

import numpy as np
import pytest

from plasma.auditor import calibrate
from plasma.auditor.local import LocalValidation
from plasma.envs import Transitions
from plasma.simulator.paths import PhantomPaths
from tests.support.pendulum import pendulum_physics_paths

from .exploits import TOL_FRACTION
from .physics import PendulumPhysics, biased_paths, flagged


def test_a_reference_with_a_smooth_bias_is_corrected_by_its_error_near_the_step(
    held_out: Transitions,
) -> None:
    """A reference off by a constant 0.4 rad/s in theta_dot (2.4 allowances): its error on the
    real neighbours is smooth, so the corrected prediction is as precise as the true
    equations' and the paths off by twice the allowance are contradicted; without the
    correction its known error (3 x 0.4 rad/s) would hide them."""
    off = calibrate(held_out, model=PendulumPhysics(), reference=PendulumPhysics(velocity_bias=0.4))
    std = float(off.local._spread[2])
    assert 2 * float(off.local.allowance[2]) < 0.4
    assert not flagged(pendulum_physics_paths(40, 20, seed=24), off, "reference_gap")
    assert not flagged(biased_paths(TOL_FRACTION / 3, std), off, "reference_gap")
    assert len(flagged(biased_paths(2 * TOL_FRACTION, std), off, "reference_gap")) >= 38


def test_an_exact_reference_has_nothing_to_correct(held_out: Transitions) -> None:
    trusted = calibrate(held_out, model=PendulumPhysics(), reference=PendulumPhysics())
    assert trusted.local.correction_errors is not None
    assert float(np.abs(trusted.local._correction_targets).max()) < 1e-4
    paths = pendulum_physics_paths(20, 20, seed=5)
    ref = trusted.local.score(paths).reference
    assert ref is not None
    assert float(ref.max()) < 0.5


def _correlated_toy(n: int = 4000) -> Transitions:
    """q' = q + 0.1 v, v' = v + 0.1 a, from states whose velocity follows the position
    (v = 2 q + a little noise): the nearest neighbours of a state off that line do not span
    the direction to it."""
    rng = np.random.default_rng(0)
    q = rng.uniform(-1, 1, n)
    v = 2 * q + rng.normal(0, 0.02, n)
    a = rng.uniform(-1, 1, n)
    obs = np.stack([q, v], 1).astype(np.float32)
    nxt = np.stack([q + 0.1 * v, v + 0.1 * a], 1).astype(np.float32)
    ends = np.zeros(n, bool)
    ends[99::100] = True
    return Transitions(
        obs,
        a[:, None].astype(np.float32),
        np.zeros(n, np.float32),
        nxt,
        np.zeros(n, bool),
        ends,
        env_id="Toy",
        state_names=["q", "q_dot"],
    )


def test_the_linear_law_is_the_real_kinematics() -> None:
    lv = LocalValidation(_correlated_toy())
    law = lv._law
    assert law is not None
    # rows: intercept, q, v, a; columns: q's change, v's change, the reward
    np.testing.assert_allclose(law[:, 0], [0.0, 0.0, 0.1, 0.0], atol=1e-5)
    np.testing.assert_allclose(law[:, 1], [0.0, 0.0, 0.0, 0.1], atol=1e-5)
    assert float(lv._law_resid[:, :2].max()) < 1e-5


@pytest.mark.parametrize(("error", "share"), [(0.0, 0.0), (0.5, 0.0), (1.5, 1.0), (3.0, 1.0)])
def test_a_position_that_does_not_integrate_its_velocity_is_found(
    error: float, share: float
) -> None:
    """Single steps from states off the data's line, the position's change off by ``error``
    allowances: the law flags every one beyond the allowance and none within it (the local
    fit alone found about half of those at 1.5 allowances)."""
    lv = LocalValidation(_correlated_toy())
    rng = np.random.default_rng(1)
    p = 200
    q = rng.uniform(-0.8, 0.8, p)
    v = 2 * q + rng.choice([-1.0, 1.0], p) * 0.3
    a = rng.uniform(-1, 1, p)
    after = np.stack([q + 0.1 * v + error * float(lv.allowance[0]), v + 0.1 * a], 1)
    states = np.stack([np.stack([q, v], 1), after], 1).astype(np.float32)
    paths = PhantomPaths(states, a[:, None, None].astype(np.float32), np.zeros((p, 1), np.float32))
    physics = lv.score(paths).physics[:, 0]
    assert float((physics > 1.0).mean()) == share
