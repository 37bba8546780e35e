"""Round 24: a step outside the real data that the trusted reference shows right
(``support_vouched``, ``local_far_vouched``), and a step the model got right where its real
neighbours say it is wrong (``local_model_agreement``)."""

from __future__ import annotations

import numpy as np

from plasma.auditor import AdversarialChecker, calibrate
from plasma.auditor.config import AuditorConfig, DetectorConfig
from plasma.auditor.findings import severity_at_least
from plasma.auditor.local import LocalValidation
from plasma.envs import Transitions
from plasma.simulator.paths import PhantomPaths
from tests.support.episodes import law_episodes


class _Law:
    """The real law exactly: ``s' = s + 0.1 a``, the reward ``-s^2``; ``bias`` is added to the
    next state where ``s`` exceeds ``above`` (a model wrong and confident in a region)."""

    def __init__(self, bias: float = 0.0, above: float = np.inf) -> None:
        self.bias, self.above = bias, above

    def predict_mean(self, obs: np.ndarray, action: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        obs = np.asarray(obs, np.float64)
        nxt = obs + 0.1 * np.asarray(action, np.float64)
        nxt = nxt + np.where(obs > self.above, self.bias, 0.0)
        return nxt, -(obs[:, 0] ** 2)

    def disagreement(self, obs: np.ndarray, action: np.ndarray) -> np.ndarray:
        return np.full(len(obs), 0.01)


def _real(n: int = 4000, seed: int = 0) -> Transitions:
    rng = np.random.default_rng(seed)
    return law_episodes(_Law().predict_mean, rng.uniform(-1, 1, (n, 1)), rng.uniform(-1, 1, (n, 1)))


def _paths(start: np.ndarray, push: float, horizon: int, offset: float = 0.0) -> PhantomPaths:
    """Paths of the real law from ``start`` under a constant ``push``, each next state off by
    ``offset``, paid the real reward."""
    n = len(start)
    states = np.zeros((n, horizon + 1, 1))
    states[:, 0, 0] = start
    for t in range(horizon):
        states[:, t + 1, 0] = states[:, t, 0] + 0.1 * push + offset
    rewards = -(states[:, :-1, 0] ** 2)
    actions = np.full((n, horizon, 1), push)
    return PhantomPaths(
        states.astype(np.float32), actions.astype(np.float32), rewards.astype(np.float32)
    )


def _rejecting(paths: PhantomPaths, detector: str, **detectors: object) -> set[int]:
    cal = calibrate(_real(), model=_Law(), reference=_Law())
    found = AdversarialChecker(AuditorConfig(detectors=detectors), calibration=cal).check_paths(
        paths
    )
    return {
        f.path
        for f in found.findings
        if f.detector == detector and severity_at_least(f.severity, "high")
    }


def test_a_path_outside_the_range_that_the_reference_shows_right_is_not_rejected_for_it() -> None:
    # Paths of the real law pushed from 0.9 to 1.6 (the real range ends at 1, the support's
    # line at about 1.3): right, outside the data.
    exact = _paths(np.linspace(0.9, 0.95, 6), push=1.0, horizon=7)
    assert _rejecting(exact, "out_of_support", support_vouched=False) == set(range(6))
    assert not _rejecting(exact, "out_of_support")  # the default
    # Off by three allowances a step (0.3 std of the change, 0.017): the reference shows none
    # of its steps right, and outside the range stays a rejection.
    wrong = _paths(np.linspace(0.9, 0.95, 6), push=1.0, horizon=7, offset=0.05)
    assert _rejecting(wrong, "out_of_support") == set(range(6))


def test_beyond_the_data_the_local_fit_yields_only_where_the_reference_shows_right() -> None:
    def validation(far_vouched: bool) -> LocalValidation:
        lv = LocalValidation(_real(), allowance=0.3, false_alarm=0.05, far_vouched=far_vouched)
        assert lv.set_reference(_Law())
        return lv

    beyond = np.linspace(1.3, 1.6, 8)
    exact = _paths(beyond, push=0.0, horizon=1)
    alone, vouched = validation(False).score(exact), validation(True).score(exact)
    # The local fit extrapolates the curved reward from one side: exact steps flagged.
    assert (alone.distance[:, 0] > 1.0).all()
    assert (alone.physics[:, 0] > 1.0).mean() >= 0.5
    assert vouched.vouched is not None
    assert (vouched.vouched[:, 0] <= 1.0).all()
    assert (vouched.physics[:, 0] <= 1.0).all()
    # A reward the reference does not show right keeps the fit's judgement beyond the data.
    allowance = float(validation(True).allowance[-1])
    off = _paths(beyond, push=0.0, horizon=1)
    off.rewards[:] += np.float32(6.0 * allowance)
    fit, both = validation(False).score(off), validation(True).score(off)
    assert both.vouched is not None
    assert (both.vouched[:, 0] > 1.0).all()
    assert np.array_equal(both.physics, fit.physics)
    assert (both.physics[:, 0] > 1.0).any()


def test_the_model_error_next_to_a_right_step_does_not_flag_it() -> None:
    def validation(agreement: bool) -> LocalValidation:
        lv = LocalValidation(_real(), allowance=0.3, false_alarm=0.05, model_agreement=agreement)
        # The model misses every real step above 0.5 by three allowances.
        bias = 3.0 * float(lv.allowance[0])
        assert lv.set_model(_Law(bias=bias, above=0.5))
        return lv

    starts = np.linspace(0.6, 0.8, 10)
    plain, agreed = validation(False), validation(True)
    bias = 3.0 * float(plain.allowance[0])
    margin = plain.model_margin or 1.0
    # Steps of the real law where the model is wrong: its error at the neighbours is high.
    right = _paths(starts, push=0.0, horizon=1)
    scored = plain.score(right)
    assert scored.model_error is not None
    assert (scored.model_error[:, 0] > margin).all()
    # The steps do not bear it: not flagged with the agreement.
    kept = agreed.score(right).model_error
    assert kept is not None
    assert (kept[:, 0] <= margin).all()
    # The model's own (wrong) steps bear it: flagged either way.
    wrong = _paths(starts, push=0.0, horizon=1, offset=bias)
    flagged = agreed.score(wrong).model_error
    assert flagged is not None
    assert (flagged[:, 0] > margin).all()


def test_the_round_24_rules_are_opt_in_where_they_cost_recall() -> None:
    config = DetectorConfig()
    assert config.local_far_vouched is False  # held_out_22 0.905 -> 0.887
    assert config.local_model_agreement is False  # held_out_20 0.959 -> 0.956
