"""``path_evidence`` (round 23, opt-in): a small error repeated along a path, each step within
its own bound, adds up to more than the line at every step could."""

from __future__ import annotations

import numpy as np

from plasma.auditor.config import DetectorConfig
from plasma.auditor.local import LocalValidation
from plasma.envs import Transitions
from plasma.simulator.paths import PhantomPaths

NOISE = 0.05
"""The real steps' noise: the local fit's error at a step, wide against the allowance."""


def _real(n: int = 4000, episode: int = 50, seed: int = 0, noise: float = NOISE) -> Transitions:
    """A noisy integrator: ``s' = s + 0.1 a + noise``, episodes of ``episode`` steps."""
    rng = np.random.default_rng(seed)
    act = rng.uniform(-1, 1, (n, 1))
    obs = np.zeros((n, 1))
    nxt = np.zeros((n, 1))
    s = 0.0
    for i in range(n):
        if i % episode == 0:
            s = float(rng.uniform(-1, 1))
        obs[i, 0] = s
        s = float(np.clip(s + 0.1 * act[i, 0] + noise * rng.normal(), -1.5, 1.5))
        nxt[i, 0] = s
    ends = (np.arange(n) % episode) == episode - 1
    return Transitions(
        obs.astype(np.float32),
        act.astype(np.float32),
        np.zeros(n, np.float32),
        nxt.astype(np.float32),
        np.zeros(n, bool),
        ends,
    )


def _paths(bias: float, n: int = 20, horizon: int = 32, seed: int = 1) -> PhantomPaths:
    """Paths of the mean law plus ``bias`` a step (own units)."""
    rng = np.random.default_rng(seed)
    actions = rng.uniform(-1, 1, (n, horizon, 1))
    states = np.zeros((n, horizon + 1, 1))
    states[:, 0, 0] = rng.uniform(-0.8, 0.8, n)
    for t in range(horizon):
        states[:, t + 1] = states[:, t] + 0.1 * actions[:, t] + bias
    # Keep the paths inside the real states' range: each path starts where its drift ends inside.
    states -= np.where(bias > 0, np.maximum(states.max(axis=1, keepdims=True) - 1.0, 0.0), 0.0)
    states -= np.where(bias < 0, np.minimum(states.min(axis=1, keepdims=True) + 1.0, 0.0), 0.0)
    return PhantomPaths(
        states.astype(np.float32),
        actions.astype(np.float32),
        np.zeros((n, horizon), np.float32),
    )


def test_a_repeated_small_error_is_proven_by_the_path_not_by_its_steps() -> None:
    real = _real()
    lv = LocalValidation(real, allowance=0.3, false_alarm=0.05, path_evidence=True)
    allowance = float(lv.allowance[0])
    assert 2 * allowance < NOISE  # the local fit's error at a step is wider than the line
    wrong = lv.score(_paths(2.5 * allowance, seed=2))
    # Hardly a step of the wrong paths is proven wrong alone (the rest are within their
    # bounds); the runs prove every path.
    assert (wrong.physics > 1.0).mean() < 0.01
    assert (wrong.physics > 1.0).any(axis=1).mean() <= 0.1
    assert wrong.evidence is not None
    assert (wrong.evidence.max(axis=1) > 1.0).all()
    # Paths whose error at every step is under the line are not flagged (either sign).
    for bias in (0.8 * allowance, -0.8 * allowance, 0.0):
        right = lv.score(_paths(bias, seed=2))
        assert right.evidence is not None
        assert (right.evidence <= 1.0).all()


def test_the_bound_is_calibrated_on_runs_of_real_episodes() -> None:
    lv = LocalValidation(_real(), allowance=0.3, false_alarm=0.05, path_evidence=True)
    bound = lv._evidence
    assert bound is not None
    assert bound.shape == (4, 1)
    # The fit's error at a step of this system is noise, independent from step to step: the
    # summed error over the root of the summed squared local noise stays a few units at 99%.
    assert np.isfinite(bound).all()
    assert (bound > 1.0).all()
    assert (bound < 6.0).all()
    # Off (the default): no bound, no scores.
    off = LocalValidation(_real(), allowance=0.3, false_alarm=0.05)
    assert off._evidence is None
    assert off.score(_paths(0.0)).evidence is None


def test_path_evidence_is_opt_in() -> None:
    assert DetectorConfig().local_path_evidence is False


def test_a_share_of_the_line_judges_a_bias_each_step_keeps_under_its_line() -> None:
    # Round 25: with less than the whole line taken off a run's summed miss, a bias every step
    # keeps under its own line is proven by the run (round 23's rule cannot: the run's mean
    # error must exceed the line); paths of the real law stay unflagged either way. The steps'
    # noise here is a fifth of the other tests': where it is wide against the line, as there,
    # no run of 32 steps tells a bias under the line from none.
    real = _real(noise=NOISE / 5)
    full = LocalValidation(real, allowance=0.3, false_alarm=0.05, path_evidence=True)
    none = LocalValidation(
        real, allowance=0.3, false_alarm=0.05, path_evidence=True, evidence_line=0.0
    )
    allowance = float(full.allowance[0])
    for bias in (0.8 * allowance, -0.8 * allowance):
        under = _paths(bias, seed=2)
        kept = full.score(under).evidence
        proven = none.score(under).evidence
        assert kept is not None
        assert proven is not None
        assert (kept <= 1.0).all()
        assert (proven.max(axis=1) > 1.0).mean() > 0.9
    exact = none.score(_paths(0.0, seed=2)).evidence
    assert exact is not None
    assert (exact.max(axis=1) > 1.0).mean() <= 0.1
    assert DetectorConfig().local_path_evidence_line == 1.0
