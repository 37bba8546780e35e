"""Round 33: the reward's local fit in its read features works on what a quadratic trend leaves,
so a curved reward is not fitted low (or high) where a step's neighbours lie on other paths
around it rather than along its own."""

from __future__ import annotations

import numpy as np

from plasma.auditor.config import DetectorConfig
from plasma.auditor.local import LocalValidation
from plasma.simulator.paths import PhantomPaths
from tests.auditor.test_episode_out import _held_out, _real


def _flagged(lv: LocalValidation, paths: PhantomPaths) -> float:
    return float((lv.score(paths).physics > 1.0).mean())


def test_real_held_out_steps_are_flagged_at_most_at_the_stated_rate() -> None:
    real = _real()
    plain = LocalValidation(real, allowance=0.3, false_alarm=0.05, reward_trend=False)
    trend = LocalValidation(real, allowance=0.3, false_alarm=0.05, reward_trend=True)
    assert plain._reads is not None  # the reward reads 2 of 4 features
    assert trend._reads is not None
    assert trend._reads._trend is not None
    # Leaving one point out, the plain fit's bound is calibrated where a point's neighbours
    # lie along its own path; a held-out step's lie on other paths around it, where a linear
    # fit of the curved reward is biased, and far more than 5% of the real steps are flagged.
    assert _flagged(plain, _held_out()) > 0.08
    assert _flagged(trend, _held_out()) <= 0.05


def test_a_reward_off_is_still_proven_wrong() -> None:
    lv = LocalValidation(_real(), allowance=0.3, false_alarm=0.05, reward_trend=True)
    off = 4.0 * float(lv.allowance[-1])
    assert _flagged(lv, _held_out(off)) >= 0.9
    assert _flagged(lv, _held_out(-off)) >= 0.9


def test_a_reward_the_quadratic_only_approximates_keeps_the_plain_fit() -> None:
    real = _real()
    # A cone (minus the distance to a target, the wall puck's reward): a quadratic holds it in
    # the bulk of the data and misses it by more than the allowance at its tip and edges, where
    # what the local fit would follow is the difference's curvature.
    cone = (1 - np.hypot(real.obs[:, 0] - 0.3, real.obs[:, 1] + 0.2)).astype(np.float32)
    coned = type(real)(real.obs, real.action, cone, real.next_obs, real.terminated, real.truncated)
    lv = LocalValidation(coned, allowance=0.3, false_alarm=0.05, reward_trend=True)
    assert lv._reads is not None
    assert lv._reads._trend is None


def test_the_trend_is_on_for_the_auditor() -> None:
    assert DetectorConfig().local_reward_trend is True
