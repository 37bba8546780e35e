"""Local validation against real data (``plasma.auditor.local``, Rust ``LocalIndex``)."""

from __future__ import annotations

import numpy as np
import pytest

from plasma import _core
from plasma.auditor import AdversarialChecker, calibrate
from plasma.auditor.calibration import Calibration
from plasma.envs import Transitions, collect
from plasma.simulator.paths import PhantomPaths
from tests.support.pendulum import pendulum_physics_paths


def _angle(th: np.ndarray) -> np.ndarray:
    return ((th + np.pi) % (2 * np.pi)) - np.pi


class PendulumPhysics:
    """The true Pendulum equations with an optional error in theta_dot: a model to calibrate."""

    def __init__(self, velocity_bias: float = 0.0) -> None:
        self.velocity_bias = velocity_bias

    def disagreement(self, obs: np.ndarray, action: np.ndarray) -> np.ndarray:
        return np.full(len(obs), 0.01)

    def predict_mean(self, obs: np.ndarray, action: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        th = np.arctan2(obs[:, 1], obs[:, 0]).astype(np.float64)
        thd = obs[:, 2].astype(np.float64)
        u = np.clip(action[:, 0], -2, 2).astype(np.float64)
        nthd = np.clip(thd + (15.0 * np.sin(th) + 3.0 * u) * 0.05, -8, 8) + self.velocity_bias
        nth = th + nthd * 0.05
        reward = -(_angle(th) ** 2 + 0.1 * thd**2 + 0.001 * u**2)
        nxt = np.stack([np.cos(nth), np.sin(nth), nthd], 1)
        return nxt.astype(np.float32), reward.astype(np.float32)


@pytest.fixture(scope="module")
def held_out() -> Transitions:
    return collect("Pendulum-v1", 6000, seed=11)


@pytest.fixture(scope="module")
def cal(held_out: Transitions) -> Calibration:
    return calibrate(held_out, model=PendulumPhysics())


def _local(findings: list, detector: str = "local_physics") -> dict[int, dict]:
    return {f.path: f.evidence for f in findings if f.detector == detector}


def test_index_neighbours_and_fit_match_a_numpy_reference() -> None:
    rng = np.random.default_rng(0)
    pts = rng.normal(size=(800, 3)).astype(np.float32)
    y = np.stack([np.sin(pts[:, 0]) + pts[:, 1], pts[:, 2] ** 2], 1).astype(np.float32)
    scale = np.array([1.0, 2.0, 0.5], np.float32)
    index = _core.LocalIndex(pts, y, scale)
    q = rng.normal(size=(50, 3)).astype(np.float32)
    out = index.query(q, k=10, ridge=0.0)
    for i in range(len(q)):
        d = np.sqrt((((pts - q[i]) / scale) ** 2).sum(1))
        nn = np.argsort(d)[:10]
        far = d[nn].max() * 1.0001
        w = np.maximum((1 - (d[nn] / far) ** 2) ** 2, 1e-6)
        z = np.concatenate([np.ones((10, 1)), (pts[nn] - q[i]) / scale], 1)
        beta = np.linalg.solve(z.T @ (w[:, None] * z), z.T @ (w[:, None] * y[nn]))
        np.testing.assert_allclose(out["prediction"][i], beta[0], rtol=1e-3, atol=1e-3)
        assert out["distance"][i] == pytest.approx(d[nn].mean(), rel=1e-4)


def test_index_refuses_bad_input() -> None:
    from plasma.errors import InvalidArgumentError

    pts = np.zeros((5, 2), np.float32)
    with pytest.raises(InvalidArgumentError):
        _core.LocalIndex(pts, np.zeros((5, 1), np.float32), np.array([1.0, 0.0], np.float32))
    pts = pts + np.arange(5, dtype=np.float32)[:, None]
    index = _core.LocalIndex(pts, pts[:, :1].copy(), np.ones(2, np.float32))
    with pytest.raises(InvalidArgumentError):
        index.query(pts, k=6)


def test_true_dynamics_paths_pass(cal: Calibration) -> None:
    paths = pendulum_physics_paths(200, 40, seed=5)
    check = AdversarialChecker(calibration=cal).check_paths(paths)
    flagged = _local(check.findings)
    assert len(flagged) <= 4, flagged
    assert not _local(check.findings, "local_model_error")


def _damp(paths: PhantomPaths, rows: np.ndarray, start: int, factor: float) -> None:
    """Stiction from step ``start`` on: theta_dot's change is ``factor`` times the real one."""
    s = paths.states
    for t in range(start, paths.horizon):
        th = np.arctan2(s[rows, t, 1], s[rows, t, 0])
        thd = s[rows, t, 2]
        u = paths.actions[rows, t, 0]
        nthd = thd + factor * (15.0 * np.sin(th) + 3.0 * u) * 0.05
        nth = th + nthd * 0.05
        s[rows, t + 1] = np.stack([np.cos(nth), np.sin(nth), nthd], 1)
    # Rewards follow the (damped) states, so only the dynamics are wrong.
    th = np.arctan2(s[rows, :-1, 1], s[rows, :-1, 0])
    u = paths.actions[rows, :, 0]
    paths.rewards[rows] = -(_angle(th) ** 2 + 0.1 * s[rows, :-1, 2] ** 2 + 0.001 * u**2)


def test_stiction_is_found_and_named(cal: Calibration) -> None:
    paths = pendulum_physics_paths(100, 40, seed=6)
    rows = np.arange(0, 100, 2)
    _damp(paths, rows, 10, 0.2)
    flagged = _local(AdversarialChecker(calibration=cal).check_paths(paths).findings)
    hit = [r for r in rows.tolist() if r in flagged]
    assert len(hit) >= 0.9 * len(rows)
    assert all(flagged[r]["variable"] != "reward" for r in hit)
    assert all(flagged[r]["first_step"] >= 10 for r in hit)
    assert len([r for r in flagged if r % 2]) <= 2


def test_typical_reward_in_a_bad_state_is_found(cal: Calibration) -> None:
    paths = pendulum_physics_paths(60, 30, seed=7)
    bad = paths.rewards < -4.0
    rows = np.flatnonzero(bad.sum(axis=1) >= 3)[:20]
    paths.rewards[rows] = np.where(bad[rows], -0.5, paths.rewards[rows])
    flagged = _local(AdversarialChecker(calibration=cal).check_paths(paths).findings)
    assert len(rows) >= 5
    assert all(r in flagged and flagged[r]["variable"] == "reward" for r in rows.tolist())


def test_model_wrong_near_real_data_is_found(held_out: Transitions) -> None:
    paths = pendulum_physics_paths(50, 20, seed=8)
    wrong = calibrate(held_out, model=PendulumPhysics(velocity_bias=0.4))
    found = _local(
        AdversarialChecker(calibration=wrong).check_paths(paths).findings, "local_model_error"
    )
    assert len(found) >= 45


def test_reference_sets_the_disagreement_threshold(held_out: Transitions) -> None:
    class Spread:
        def __init__(self, value: float) -> None:
            self.value = value

        def disagreement(self, obs: np.ndarray, action: np.ndarray) -> np.ndarray:
            return np.full(len(obs), self.value)

    loose = calibrate(held_out, model=Spread(5.0))
    trusted = calibrate(held_out, model=Spread(5.0), reference=Spread(0.1))
    assert loose.uncertainty_source == "model"
    assert trusted.uncertainty_source == "reference"
    assert trusted.uncertainty_threshold == pytest.approx(loose.uncertainty_threshold / 50)


def test_disabled_local_detectors_build_no_index(held_out: Transitions) -> None:
    from plasma.auditor import DetectorConfig

    cfg = DetectorConfig(disabled=["local_physics", "local_model_error"])
    assert calibrate(held_out, cfg).local is None


def test_a_calibration_with_an_index_crosses_process_boundaries(cal: Calibration) -> None:
    """Ray ships calibrations to its workers: the index is rebuilt and scores the same."""
    import pickle

    paths = pendulum_physics_paths(10, 20, seed=9)
    paths.states[:, 5:, 2] *= 0.5
    copy = pickle.loads(pickle.dumps(cal.local))
    a, b = cal.local.score(paths), copy.score(paths)
    np.testing.assert_array_equal(a.physics, b.physics)
    assert a.physics.max() > 0
