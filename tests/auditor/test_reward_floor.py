"""Issue 12, fifth round: a reward that barely varies gets an allowance that means something.

The allowance is a share of the real spread of an outcome; CartPole pays 1.0 a step, so its
reward has no spread and a share of it is a float's rounding (about 1e-5 before this round,
while the ground truth allows 0.011). The reward's allowance is at least ``local_reward_floor``
x the largest real reward magnitude, the ground truth's own rule."""

from __future__ import annotations

import numpy as np
import pytest

from plasma.auditor import AdversarialChecker, calibrate
from plasma.auditor.config import AuditorConfig, DetectorConfig
from plasma.auditor.local import LocalValidation
from plasma.envs import Transitions, collect
from plasma.simulator.paths import PhantomPaths

from .exploits import REWARD_FLOOR


def test_the_reward_floor_is_the_ground_truths() -> None:
    assert DetectorConfig().local_reward_floor == REWARD_FLOOR


def _constant_reward(n: int = 3000, pay: float = 1.0) -> Transitions:
    rng = np.random.default_rng(1)
    obs = rng.normal(size=(n, 2)).astype(np.float32)
    act = rng.uniform(-1, 1, (n, 1)).astype(np.float32)
    nxt = obs + 0.1 * act
    rew = np.full(n, pay, np.float32)
    return Transitions(obs, act, rew, nxt.astype(np.float32), np.zeros(n, bool), np.zeros(n, bool))


@pytest.mark.parametrize("pay", [1.0, -2.0])
def test_a_constant_rewards_allowance_is_a_share_of_its_magnitude(pay: float) -> None:
    real = _constant_reward(pay=pay)
    # The resolution a calibration gives a reward no model pays above its maximum: 0.
    res = np.array([1e-4, 1e-4, 0.0])
    floored = LocalValidation(real, resolution=res, allowance=0.3, reward_floor=0.01)
    assert floored.allowance[-1] == pytest.approx(0.01 * abs(pay))
    # The state variables keep theirs.
    bare = LocalValidation(real, resolution=res, allowance=0.3)
    np.testing.assert_allclose(floored.allowance[:-1], bare.allowance[:-1])
    # Without the floor the line is far below anything that matters: a constant reward is
    # degenerate (no spread of its own), its line its tolerance, a thousandth of its size.
    assert bare.allowance[-1] <= 0.1 * floored.allowance[-1] + 1e-6


def _one_step_paths(real: Transitions, pay: float, n: int = 40) -> PhantomPaths:
    """Real CartPole steps, each a path of one step, paying ``pay``."""
    idx = np.flatnonzero(~real.terminated)[:n]
    states = np.stack([real.obs[idx], real.next_obs[idx]], axis=1).astype(np.float32)
    return PhantomPaths(
        states=states,
        actions=real.action[idx][:, None, :].astype(np.float32),
        rewards=np.full((len(idx), 1), pay, np.float32),
    )


def test_a_reward_within_one_percent_of_a_constant_pay_is_no_finding() -> None:
    cal = calibrate(collect("CartPole-v1", 3000, seed=3))
    assert cal.local is not None
    assert cal.local.allowance[-1] == pytest.approx(REWARD_FLOOR, rel=1e-3)
    fresh = collect("CartPole-v1", 400, seed=4)
    config = AuditorConfig()

    def flagged(pay: float) -> set[int]:
        found = AdversarialChecker(config, calibration=cal).check_paths(_one_step_paths(fresh, pay))
        return {f.path for f in found.findings if f.detector == "local_physics"}

    assert not flagged(1.0 - 0.5 * REWARD_FLOOR)
    assert len(flagged(1.0 - 4 * REWARD_FLOOR)) == 40
