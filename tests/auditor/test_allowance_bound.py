"""Issue 12, fifth round: the allowance is a share of a spread the calibration data only
estimates, and steps of one episode are alike, so the estimate is as precise as the number of
episodes allows, not the number of steps. A step is judged against the allowance widened by its
bootstrapped standard error (over whole episodes)."""

from __future__ import annotations

import numpy as np
import pytest

from plasma.auditor.config import DetectorConfig
from plasma.auditor.local import LocalValidation, _change_spread, _spread_error
from plasma.envs import Transitions
from plasma.simulator.paths import PhantomPaths
from tests.support.episodes import pushed_episodes


def test_the_spreads_error_is_measured_over_episodes_not_steps() -> None:
    few = pushed_episodes([0.5, 1.0, 1.5, 2.0], 500)
    targets = np.concatenate([few.next_obs - few.obs, few.reward[:, None]], axis=1)
    ended = few.terminated
    rel = _spread_error(targets, ended, few.truncated)
    # Four unlike episodes: the spread is known to tens of percent, far worse than 2,000
    # independent steps would give (about 1/sqrt(2 n): 1.6%).
    assert rel[0] > 0.1
    many = pushed_episodes(list(np.tile([0.5, 1.0, 1.5, 2.0], 50)), 10)
    t2 = np.concatenate([many.next_obs - many.obs, many.reward[:, None]], axis=1)
    assert _spread_error(t2, many.terminated, many.truncated)[0] < 0.5 * rel[0]
    # One episode: nothing to resample.
    one = pushed_episodes([1.0], 300)
    t1 = np.concatenate([one.next_obs - one.obs, one.reward[:, None]], axis=1)
    assert _spread_error(t1, one.terminated, one.truncated)[0] == 0.0
    assert _change_spread(t1, one.terminated)[0] > 0


def _shifted(real: Transitions, shift: float, n: int = 30) -> PhantomPaths:
    """One-step paths of the true dynamics, the next state off by ``shift``."""
    states = np.stack([real.obs[:n], real.next_obs[:n] + shift], axis=1).astype(np.float32)
    return PhantomPaths(
        states=states,
        actions=real.action[:n][:, None, :].astype(np.float32),
        rewards=real.reward[:n][:, None].astype(np.float32),
    )


def test_a_step_within_the_allowances_bound_is_no_miss() -> None:
    assert DetectorConfig().local_allowance_confidence == pytest.approx(2.33)
    real = pushed_episodes([0.5, 1.0, 1.5, 2.0], 600)
    fresh = pushed_episodes([1.0, 1.0], 100, seed=3)
    res = np.array([1e-4, 1e-4])
    point = LocalValidation(real, resolution=res, allowance=0.3)
    bound = LocalValidation(real, resolution=res, allowance=0.3, confidence=2.33)
    a, b = float(bound.allowance[0]), float(bound.allowance_bound[0])
    assert a == pytest.approx(float(point.allowance[0]))
    assert b > 1.2 * a
    between = _shifted(fresh, (a + b) / 2)
    assert (point.score(between).physics[:, 0] > 1.0).all()
    assert (bound.score(between).physics[:, 0] < 1.0).all()
    beyond = _shifted(fresh, 1.2 * b)
    assert (bound.score(beyond).physics[:, 0] > 1.0).all()
