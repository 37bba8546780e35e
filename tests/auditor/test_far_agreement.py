"""Round 23: beyond the usual neighbour distance the local fit extrapolates, and a step is proven
wrong there only where the trusted reference's corrected prediction misses too."""

from __future__ import annotations

import numpy as np

from plasma.auditor.config import DetectorConfig
from plasma.auditor.local import LocalValidation
from plasma.envs import Transitions
from plasma.simulator.paths import PhantomPaths
from tests.support.episodes import law_episodes


class _Law:
    """The real law exactly: ``s' = s + 0.1 a``, the reward ``-s^2``."""

    def predict_mean(self, obs: np.ndarray, action: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        obs = np.asarray(obs, np.float64)
        nxt = obs + 0.1 * np.asarray(action, np.float64)
        return nxt, -(obs[:, 0] ** 2)


def _real(n: int = 4000, seed: int = 0) -> Transitions:
    rng = np.random.default_rng(seed)
    return law_episodes(_Law().predict_mean, rng.uniform(-1, 1, (n, 1)), rng.uniform(-1, 1, (n, 1)))


def _steps(start: np.ndarray, reward_offset: float) -> PhantomPaths:
    """One-step paths from ``start`` with no push, paid the real reward plus ``reward_offset``."""
    n = len(start)
    states = np.zeros((n, 2, 1))
    states[:, 0, 0] = start
    states[:, 1, 0] = start
    rewards = (-(start**2) + reward_offset)[:, None]
    return PhantomPaths(
        states.astype(np.float32), np.zeros((n, 1, 1), np.float32), rewards.astype(np.float32)
    )


def _validation(far_agreement: bool) -> LocalValidation:
    lv = LocalValidation(_real(), allowance=0.3, false_alarm=0.05, far_agreement=far_agreement)
    assert lv.set_reference(_Law())
    return lv


def test_exact_steps_beyond_the_data_are_not_proven_wrong_by_an_extrapolated_fit() -> None:
    beyond = np.linspace(1.3, 1.6, 8)
    alone, both = _validation(False), _validation(True)
    exact = _steps(beyond, 0.0)
    # The local fit extrapolates the curved reward from one side: exact steps flagged.
    scored = alone.score(exact)
    assert (scored.distance[:, 0] > 1.0).all()
    assert (scored.physics[:, 0] > 1.0).mean() >= 0.5
    assert scored.reference is not None
    assert (scored.reference[:, 0] < 1.0).all()
    # The reference's corrected prediction does not agree: none proven wrong.
    assert (both.score(exact).physics[:, 0] <= 1.0).all()
    # A reward off by far more than the line: proven by the local fit inside the data;
    # beyond it the extrapolated fit may miss it, the trusted reference's own detector
    # (reference_gap) does not, and the checker still rejects every step.
    allowance = float(both.allowance[-1])
    inside = np.linspace(-0.8, 0.8, 8)
    wrong = both.score(_steps(np.concatenate([beyond, inside]), 6.0 * allowance))
    assert wrong.reference is not None
    assert (wrong.physics[8:, 0] > 1.0).all()
    assert ((wrong.physics[:, 0] > 1.0) | (wrong.reference[:, 0] > 1.0)).all()


def test_inside_the_data_the_local_fit_alone_still_proves() -> None:
    # A step among its usual neighbours keeps the local fit's judgement even where the
    # reference would not flag it (a reference that predicts the wrong reward).
    class _Off(_Law):
        def predict_mean(
            self, obs: np.ndarray, action: np.ndarray
        ) -> tuple[np.ndarray, np.ndarray]:
            nxt, rew = super().predict_mean(obs, action)
            return nxt, rew + 0.3

    lv = LocalValidation(_real(), allowance=0.3, false_alarm=0.05, far_agreement=True)
    assert lv.set_reference(_Off())
    inside = np.linspace(-0.8, 0.8, 8)
    allowance = float(lv.allowance[-1])
    scored = lv.score(_steps(inside, 3.0 * allowance))
    assert (scored.distance[:, 0] <= 1.0).all()
    assert (scored.physics[:, 0] > 1.0).all()


def test_far_agreement_is_opt_in() -> None:
    # round 23: lower FPR on every part, none moved across the goal; recall lost on two parts
    assert DetectorConfig().local_far_agreement is False
