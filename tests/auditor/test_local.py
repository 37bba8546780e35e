"""Local validation against real data (``plasma.auditor.local``, Rust ``LocalIndex``)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from plasma import _core
from plasma.auditor import AdversarialChecker, calibrate
from plasma.auditor.calibration import Calibration
from plasma.envs import Transitions
from plasma.simulator.paths import PhantomPaths
from tests.support.pendulum import pendulum_physics_paths

from .physics import PendulumPhysics, angle


def _local(findings: list[Any], detector: str = "local_physics") -> dict[int, dict[str, Any]]:
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
    paths.rewards[rows] = -(angle(th) ** 2 + 0.1 * s[rows, :-1, 2] ** 2 + 0.001 * u**2)


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


class _Spread:
    """Disagreement ``level`` everywhere, ``region`` where the angular velocity is above
    ``above``."""

    def __init__(self, level: float, region: float | None = None, above: float = 0.0) -> None:
        self.level, self.region, self.above = level, region, above

    def disagreement(self, obs: np.ndarray, action: np.ndarray) -> np.ndarray:
        out = np.full(len(obs), self.level)
        if self.region is not None:
            out[obs[:, 2] > self.above] = self.region
        return out


def test_reference_sets_the_tail_of_the_disagreement_threshold(held_out: Transitions) -> None:
    # The audited model is unsure of itself in a region (50x its usual level) and 3x less
    # certain than the reference everywhere else.
    fast = float(np.quantile(held_out.obs[:, 2], 0.8))
    model = _Spread(0.3, region=15.0, above=fast)
    loose = calibrate(held_out, model=model)
    trusted = calibrate(held_out, model=model, reference=_Spread(0.1))
    assert loose.uncertainty_source == "model"
    assert trusted.uncertainty_source == "reference"
    # Its own 99% quantile is the region's; with the reference, the threshold is the
    # reference's tail moved to the model's median level: 0.1 (q99) / 0.1 (median) x 0.3 x 2.
    assert loose.uncertainty_threshold == pytest.approx(15.0 * 2)
    assert trusted.uncertainty_scale == pytest.approx(3.0)
    assert trusted.uncertainty_threshold == pytest.approx(0.3 * 2)


def test_a_model_less_certain_than_the_reference_gets_a_batch_finding(
    held_out: Transitions,
) -> None:
    paths = pendulum_physics_paths(10, 10, seed=3)
    found = {}
    for level in (0.15, 0.5):
        cal = calibrate(held_out, model=_Spread(level), reference=_Spread(0.1))
        findings = AdversarialChecker(calibration=cal).check_paths(paths).findings
        found[level] = [f for f in findings if f.detector == "uncertainty" and f.path == -1]
    # 1.5x the reference's level is within the default limit (2x); 5x is not.
    assert found[0.15] == []
    assert len(found[0.5]) == 1
    assert found[0.5][0].evidence["uncertainty_scale"] == pytest.approx(5.0)
    assert found[0.5][0].severity == "high"


def test_disabled_local_detectors_build_no_index(held_out: Transitions) -> None:
    from plasma.auditor import DetectorConfig

    cfg = DetectorConfig(disabled=["local_physics", "local_model_error", "reference_gap"])
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


class TwoMembers(PendulumPhysics):
    """Two members: the true equations, and the same with ``velocity_bias`` on theta_dot."""

    def predict_members(self, obs: np.ndarray, action: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        true, r0 = PendulumPhysics().predict_mean(obs, action)
        biased, r1 = PendulumPhysics(self.velocity_bias).predict_mean(obs, action)
        return np.stack([true, biased]), np.stack([r0, r1])


def _member_paths(model: PendulumPhysics, noise: float, seed: int) -> PhantomPaths:
    """Paths that follow ``model``'s mean, plus Gaussian noise of std ``noise`` on theta_dot at
    every step (as a sampled rollout adds the predicted noise)."""
    rng = np.random.default_rng(seed)
    base = pendulum_physics_paths(30, 15, seed=seed)
    states = base.states.copy()
    for t in range(base.horizon):
        nxt, rew = model.predict_mean(states[:, t], base.actions[:, t])
        nxt[:, 2] += rng.normal(0.0, noise, len(nxt)).astype(np.float32) if noise else 0.0
        states[:, t + 1], base.rewards[:, t] = nxt, rew
    return PhantomPaths(states, base.actions, base.rewards, uncertainty=base.uncertainty)


def _noise(lv: object, paths: PhantomPaths) -> np.ndarray:
    m = paths.step_mask()
    s, a = paths.states[:, :-1][m].astype(np.float64), paths.actions[m].astype(np.float64)
    outcome = np.concatenate(
        [paths.states[:, 1:][m] - paths.states[:, :-1][m], paths.rewards[m][:, None]], axis=1
    ).astype(np.float64)
    return lv.sampling_noise(s, a, outcome)  # type: ignore[attr-defined,no-any-return]


def test_sampling_noise_is_what_no_member_explains(held_out: Transitions) -> None:
    from plasma.auditor.local import LocalValidation

    lv = LocalValidation(held_out, resolution=np.array([0.5, 0.5, 0.5, 5.0]))
    assert lv.set_model(TwoMembers(velocity_bias=0.4))
    # Paths of either member's mean carry no noise, however far apart the members are.
    for member in (PendulumPhysics(), PendulumPhysics(0.4)):
        assert _noise(lv, _member_paths(member, 0.0, seed=1))[2] < 1e-3
    # Sampled paths carry their noise: the 99% quantile of |N(0, 0.05)| is about 0.13.
    sampled = _noise(lv, _member_paths(PendulumPhysics(), 0.05, seed=2))
    assert 0.09 < sampled[2] < 0.18
    # Never more than the calibration's resolution.
    capped = LocalValidation(held_out, resolution=np.array([0.5, 0.5, 0.02, 5.0]))
    capped.set_model(TwoMembers(velocity_bias=0.4))
    assert _noise(capped, _member_paths(PendulumPhysics(), 0.05, seed=2))[2] == pytest.approx(0.02)


def test_a_model_without_members_allows_no_sampling_noise(held_out: Transitions) -> None:
    from plasma.auditor.local import LocalValidation

    lv = LocalValidation(held_out, resolution=np.array([0.5, 0.5, 0.5, 5.0]))
    lv.set_model(PendulumPhysics())
    assert not _noise(lv, _member_paths(PendulumPhysics(), 0.05, seed=2)).any()


def _loop_finding(rate: float, start: int, end: int) -> object:
    from plasma.auditor.findings import Finding

    return Finding(
        detector="reward_cycle",
        source="numeric",
        path=0,
        step=start,
        severity="high",
        message="loop",
        evidence={"loop_start": start, "worst_step": end - 1, "worst_value": rate},
    )


def test_a_loop_is_farming_only_where_real_data_pays_less(cal: Calibration) -> None:
    # A wobble around upright under the true equations: the task's own high reward.
    th = 0.3 * np.sin(np.linspace(0, 4 * np.pi, 25))
    thd = np.gradient(th) / 0.05
    states = np.stack([np.cos(th), np.sin(th), thd], 1).astype(np.float32)[None]
    actions = np.zeros((1, 24, 1), np.float32)
    rewards = (-(th[:-1] ** 2) - 0.1 * thd[:-1] ** 2).astype(np.float32)[None]
    paths = PhantomPaths(states, actions, rewards, uncertainty=np.zeros((1, 24), np.float32))
    checker = AdversarialChecker(calibration=cal)
    honest = float(rewards[0, 4:20].mean())
    (kept,) = checker._check_loops([_loop_finding(honest, 4, 20)], paths)  # type: ignore[list-item]
    assert kept.severity == "info"
    assert kept.evidence["real_rate"] == pytest.approx(honest, abs=0.3)
    # The same loop paying 2 more per step than the real transitions there: farming.
    (farm,) = checker._check_loops([_loop_finding(honest + 2.0, 4, 20)], paths)  # type: ignore[list-item]
    assert farm.severity == "high"
