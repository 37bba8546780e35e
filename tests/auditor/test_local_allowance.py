"""Local validation in the variables' own units: the allowance (the error that matters) plus the
real-data reference's own local error, and invariants tightened to the allowance."""

from __future__ import annotations

import numpy as np
import pytest

from plasma.auditor import AdversarialChecker, calibrate
from plasma.auditor.calibration import Calibration
from plasma.auditor.config import AuditorConfig
from plasma.auditor.local import LOCAL_SPREAD, LocalValidation
from plasma.envs import Transitions
from plasma.simulator.paths import PhantomPaths
from tests.support.pendulum import pendulum_physics_paths

from .physics import PendulumPhysics, angle, flagged


def test_allowance_is_a_share_of_the_real_spread_and_the_tolerance_when_degenerate() -> None:
    rng = np.random.default_rng(0)
    n = 3000
    obs = rng.normal(size=(n, 2)).astype(np.float32)
    act = rng.uniform(-1, 1, (n, 1)).astype(np.float32)
    nxt = obs.copy()
    nxt[:, 0] += 0.1 * act[:, 0]  # variable 0 moves with the action; variable 1 never moves
    real = Transitions(obs, act, np.ones(n, np.float32), nxt, np.zeros(n, bool), np.zeros(n, bool))
    lv = LocalValidation(real, resolution=np.array([1e-4, 1e-3, 1e-2]), allowance=0.3)
    spread = (nxt - obs).std(axis=0)
    assert lv.allowance[0] == pytest.approx(0.3 * spread[0], rel=1e-4)
    # A constant variable and a constant reward: their tolerance (at least the resolution).
    assert lv.allowance[1] == pytest.approx(lv.tolerance[1])
    assert lv.allowance[2] == pytest.approx(lv.tolerance[2])
    assert lv.allowance[2] >= 1e-2


def test_a_coarse_resolution_does_not_widen_the_line_of_outcomes_that_vary() -> None:
    """A poor trusted reference resolves nothing finely (its sampled error exceeds every real
    spread): outcomes that vary keep their share of the spread as their line of "correct";
    only outcomes with no spread of their own take the tolerance."""
    rng = np.random.default_rng(1)
    n = 3000
    obs = rng.normal(size=(n, 3)).astype(np.float32)
    act = rng.uniform(-1, 1, (n, 1)).astype(np.float32)
    nxt = obs.copy()
    nxt[:, 0] += 0.1 * act[:, 0]
    nxt[:, 1] += 0.02 * obs[:, 2]  # a small spread, far below the resolution
    rew = (0.05 * obs[:, 0]).astype(np.float32)
    real = Transitions(obs, act, rew, nxt, np.zeros(n, bool), np.zeros(n, bool))
    coarse = np.full(4, 5.0)
    lv = LocalValidation(real, resolution=coarse, allowance=0.3)
    spread = np.append((nxt - obs).std(axis=0), rew.std())
    for v in (0, 1, 3):
        assert lv.allowance[v] == pytest.approx(0.3 * spread[v], rel=1e-4)
    # The constant variable: its tolerance, at least the resolution.
    assert lv.allowance[2] == pytest.approx(lv.tolerance[2])
    assert lv.allowance[2] >= 5.0
    # The replays' line (the bound) stays a share of the spread too.
    bound = LocalValidation(real, resolution=coarse, allowance=0.3, confidence=2.33)
    assert (bound.allowance_bound[[0, 1, 3]] < 0.5 * spread[[0, 1, 3]]).all()


def _noisy_half(seed: int) -> Transitions:
    """next = s + 0.1 a, plus noise of std 0.2 where s > 0 (a region the reference knows
    badly)."""
    rng = np.random.default_rng(seed)
    n = 6000
    obs = rng.uniform(-2, 2, (n, 1)).astype(np.float32)
    act = rng.uniform(-1, 1, (n, 1)).astype(np.float32)
    noise = np.where(obs[:, 0] > 0, rng.normal(0, 0.2, n), 0.0)
    nxt = (obs[:, 0] + 0.1 * act[:, 0] + noise).astype(np.float32)[:, None]
    rew = np.zeros(n, np.float32) + rng.normal(0, 0.01, n).astype(np.float32)
    return Transitions(obs, act, rew, nxt, np.zeros(n, bool), np.zeros(n, bool))


def _paths(start: float, bias: float, n: int = 20, horizon: int = 6) -> PhantomPaths:
    """Paths that stay near ``start`` (alternating actions), each step off by ``bias``."""
    actions = np.tile(np.array([0.5, -0.5], np.float32), horizon // 2)[None, :, None]
    actions = np.repeat(actions, n, axis=0)
    states = np.zeros((n, horizon + 1, 1), np.float32)
    states[:, 0, 0] = start + np.linspace(-0.2, 0.2, n)
    for t in range(horizon):
        states[:, t + 1, 0] = states[:, t, 0] + 0.1 * actions[:, t, 0] + bias
    return PhantomPaths(states, actions, np.zeros((n, horizon), np.float32))


def test_a_step_misses_by_the_allowance_plus_the_references_local_error() -> None:
    lv = LocalValidation(_noisy_half(1))
    allowance = float(lv.allowance[0])
    # Where the reference is precise (s < 0), twice the allowance is a miss and half is not.
    assert (lv.score(_paths(-1.0, 2.0 * allowance)).physics > 1.0).all()
    assert (lv.score(_paths(-1.0, 0.5 * allowance)).physics < 1.0).all()
    # Where it is noisy (its leave-one-out error there is about 0.16), the same error of twice
    # the allowance is within its noise: LOCAL_SPREAD x its local error is added.
    noisy = lv.score(_paths(1.0, 2.0 * allowance)).physics
    assert (noisy < 1.0).mean() > 0.9
    assert allowance < LOCAL_SPREAD * 0.1


def test_a_small_consistent_velocity_gain_is_found(cal: Calibration) -> None:
    """Free energy: theta_dot gains 0.5 std of its real one-step change per step along the
    motion (no single step larger than real ones); 0.1 std is below what matters."""
    std = float(cal.local._spread[2])
    found = {}
    for share in (0.5, 0.1):
        paths = pendulum_physics_paths(60, 20, seed=12)
        s = paths.states
        for t in range(paths.horizon):
            th = np.arctan2(s[:, t, 1], s[:, t, 0])
            thd = s[:, t, 2]
            u = paths.actions[:, t, 0]
            nthd = thd + (15.0 * np.sin(th) + 3.0 * u) * 0.05 + share * std * np.sign(thd)
            nthd = np.clip(nthd, -8, 8)
            nth = th + nthd * 0.05
            s[:, t + 1] = np.stack([np.cos(nth), np.sin(nth), nthd], 1)
            # The reward of the state the path is in (only the dynamics are wrong).
            paths.rewards[:, t] = -(angle(th) ** 2 + 0.1 * thd**2 + 0.001 * u**2)
        found[share] = flagged(paths, cal, "local_physics")
    assert len(found[0.5]) >= 54
    assert len(found[0.1]) <= 3


def test_a_model_error_below_the_allowance_is_not_reported(held_out: Transitions) -> None:
    paths = pendulum_physics_paths(50, 20, seed=8)
    small = calibrate(held_out, model=PendulumPhysics(velocity_bias=0.05))
    assert not flagged(paths, small, "local_model_error")
    large = calibrate(held_out, model=PendulumPhysics(velocity_bias=0.4))
    assert len(flagged(paths, large, "local_model_error")) >= 45


def _off_circle(delta: float) -> PhantomPaths:
    paths = pendulum_physics_paths(30, 20, seed=13)
    paths.states[:, 5:, :2] *= 1.0 + delta
    return paths


def test_states_off_the_circle_by_more_than_the_allowance_break_the_invariant(
    cal: Calibration,
) -> None:
    """The "state" mode: the declared tolerance on the state itself is tightened."""
    limit = float(np.sqrt(2) * cal.local.allowance[:2].min())
    assert (1 + 2 * limit) ** 2 - 1 < 0.25  # inside the declared tolerance of cos² + sin² = 1
    on = {"manifold_invariants": "state"}
    assert len(flagged(_off_circle(2 * limit), cal, "invariant", **on)) == 30
    assert not flagged(_off_circle(0.5 * limit), cal, "invariant", **on)
    assert not flagged(_off_circle(2 * limit), cal, "invariant", manifold_invariants="off")
    # The tightened invariant is in the limits the scan used; True still means "state".
    config = AuditorConfig(detectors={"manifold_invariants": True})
    check = AdversarialChecker(config, calibration=cal).check_paths(_off_circle(0.0))
    (norm,) = [i for i in check.limits.invariants if i[0] == "norm"]
    assert norm[4] == pytest.approx((1 + limit) ** 2 - 1)


def test_the_allowance_of_a_state_variable_is_judged_on_the_steps_that_go_on() -> None:
    """A step that ends the episode (a fall past the termination bound) changes the state far
    more than ordinary steps; the allowance is a share of the ordinary steps' spread (the steps
    that go on: the ground truth's), the reward's of every reward."""
    rng = np.random.default_rng(1)
    n = 3000
    obs = rng.normal(size=(n, 2)).astype(np.float32)
    act = rng.uniform(-1, 1, (n, 1)).astype(np.float32)
    nxt = obs + 0.1 * act
    ended = np.zeros(n, bool)
    ended[::50] = True
    nxt[ended] += 0.5  # the falls
    reward = rng.normal(size=n).astype(np.float32)
    real = Transitions(obs, act, reward, nxt, ended, np.zeros(n, bool))
    lv = LocalValidation(real, allowance=0.3)
    live = (nxt - obs)[~ended]
    np.testing.assert_allclose(lv.allowance[:2], 0.3 * live.std(axis=0), rtol=1e-4)
    assert lv.allowance[0] < 0.75 * 0.3 * (nxt - obs)[:, 0].std()
    assert lv.allowance[2] == pytest.approx(0.3 * reward.std(), rel=1e-4)


def test_a_reward_above_the_maximum_by_less_than_its_allowance_is_no_finding(
    held_out: Transitions,
) -> None:
    """``reward_above_max`` draws its line at least one reward allowance (``local_allowance`` x
    the real rewards' std) above the real maximum."""
    from plasma.auditor.numeric import ScanLimits

    cal = calibrate(held_out)
    allowance = 0.3 * float(held_out.reward.std())
    assert cal.reward_std == pytest.approx(float(held_out.reward.std()), rel=1e-5)
    limits = ScanLimits.build(
        state_dim=3,
        action_dim=1,
        state_names=cal.state_names,
        calibration=cal,
        config=AuditorConfig().detectors,
    )
    assert limits.reward_max is not None
    assert float(limits.reward_max) >= cal.reward_max + allowance - 1e-4
    for share, found in ((0.8, False), (1.5, True)):
        paths = pendulum_physics_paths(4, 20, seed=3)
        paths.rewards[:, 5] = cal.reward_max + share * allowance
        assert bool(flagged(paths, cal, "reward_above_max")) is found
