"""Round 31: beyond the usual neighbour distance, an outcome the linear law explains near the step
is judged by the law alone (``local_law_overrule``, opt-in), not by the local fit's extrapolation
of its neighbours' local slopes."""

from __future__ import annotations

import numpy as np

from plasma.auditor.config import DetectorConfig
from plasma.auditor.local import LocalValidation
from plasma.envs import Transitions
from plasma.simulator.paths import PhantomPaths
from tests.support.episodes import law_episodes

RIPPLE = 0.01
"""The ripple of the position's change inside the data: a local tilt of its slope that fades at
the data's edge (|v| = 1) and does not go on beyond it."""


def _law(obs: np.ndarray, action: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    obs, action = np.asarray(obs, np.float64), np.asarray(action, np.float64)
    x, v = obs[:, 0], obs[:, 1]
    ripple = RIPPLE * np.sin(6.0 * v) * np.maximum(1.0 - np.abs(v), 0.0)
    nxt = np.stack([x + 0.1 * v + ripple, v + 0.1 * action[:, 0]], 1)
    return nxt, -(x**2)


def _real(n: int = 4000) -> Transitions:
    rng = np.random.default_rng(0)
    return law_episodes(_law, rng.uniform(-1, 1, (n, 2)), rng.uniform(-1, 1, (n, 1)))


def _steps(obs: np.ndarray, offset: float, seed: int = 1) -> PhantomPaths:
    """One-step paths from ``obs`` under the real law, the position's change off by ``offset``."""
    rng = np.random.default_rng(seed)
    action = rng.uniform(-1, 1, (len(obs), 1))
    nxt, reward = _law(obs, action)
    nxt[:, 0] += offset
    states = np.stack([obs, nxt], 1).astype(np.float32)
    return PhantomPaths(
        states, action[:, None, :].astype(np.float32), reward[:, None].astype(np.float32)
    )


def _states(seed: int, v_low: float, v_high: float, n: int = 40) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return np.stack([rng.uniform(-0.9, 0.9, n), rng.uniform(v_low, v_high, n)], 1)


def test_a_far_step_the_law_explains_is_judged_by_the_law() -> None:
    real = _real()
    fit, law = (
        LocalValidation(real, allowance=0.3, false_alarm=0.05, law_overrule=on)
        for on in (False, True)
    )
    beyond = _states(2, 1.3, 1.8)
    exact_fit, exact_law = fit.score(_steps(beyond, 0.0)), law.score(_steps(beyond, 0.0))
    assert (exact_fit.distance[:, 0] > 1.0).all()
    # The local fit extrapolates the ripple's tilt at the edge: exact steps flagged, in the
    # position's change.
    flagged = exact_fit.physics[:, 0] > 1.0
    assert flagged.mean() >= 0.2
    assert (exact_fit.physics_var[flagged, 0] == 0).all()
    # The law, exact beyond the edge, overrules it there.
    assert (exact_law.physics[:, 0] <= 1.0).all()
    # A change off by three allowances is still proven wrong there, by the law.
    off = 3.0 * float(law.allowance[0])
    assert (law.score(_steps(beyond, off)).physics[:, 0] > 1.0).all()


def test_inside_the_data_the_larger_miss_still_decides() -> None:
    real = _real()
    fit, law = (
        LocalValidation(real, allowance=0.3, false_alarm=0.05, law_overrule=on)
        for on in (False, True)
    )
    inside = _states(3, -0.9, 0.9)
    for off in (0.0, 3.0 * float(fit.allowance[0])):
        a, b = fit.score(_steps(inside, off)), law.score(_steps(inside, off))
        assert (a.distance[:, 0] <= 1.0).all()
        np.testing.assert_array_equal(a.physics, b.physics)


def test_law_overrule_is_opt_in() -> None:
    # round 31: measured on every seen part (benches/results/exploits.md)
    assert DetectorConfig().local_law_overrule is False
