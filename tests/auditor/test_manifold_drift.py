"""``manifold_drift`` (default): a path whose state drifts off the real states' manifold a little
at every step is right only up to where the drift starts to matter; the review keeps that prefix
and never passes the drifted rest on, unless another detector rejects the path
(``plasma.auditor.checker.drift_findings``, ``drift_cuts``, ``Review.decide``)."""

from __future__ import annotations

import numpy as np
import pytest

from plasma.auditor import AdversarialChecker
from plasma.auditor.calibration import Calibration
from plasma.auditor.checker import project_states
from plasma.auditor.config import AuditorConfig
from plasma.auditor.findings import Finding
from plasma.auditor.invariants import BoundsInvariant, NormInvariant
from plasma.auditor.local import norm_distance
from plasma.auditor.review import ReviewEngine
from plasma.simulator.paths import PhantomPaths
from tests.support.pendulum import pendulum_physics_paths


def _drifting(rate: float, n: int = 30) -> PhantomPaths:
    """True Pendulum paths whose (cos, sin) pair moves outwards by ``rate`` at every step after
    the fifth: each step leaves the circle by ``rate`` only, the state by the sum."""
    paths = pendulum_physics_paths(n, 20, seed=13)
    grow = 1.0 + rate * np.clip(np.arange(paths.horizon + 1) - 5, 0, None)
    paths.states[:, :, :2] *= grow[None, :, None].astype(np.float32)
    return paths


def _drift(paths: PhantomPaths, cal: Calibration, **detectors: object) -> list[Finding]:
    config = AuditorConfig(detectors=detectors) if detectors else None
    findings = AdversarialChecker(config, calibration=cal).check_paths(paths).findings
    return [f for f in findings if f.detector == "manifold_drift"]


def test_projection_puts_states_on_the_circle_and_inside_a_clip() -> None:
    names = ["cos_theta", "sin_theta", "theta_dot"]
    invariants = [
        NormInvariant(variables=["cos_theta", "sin_theta"], value=1.0, tolerance=0.25),
        BoundsInvariant(variable="theta_dot", low=-8.0, high=8.0),
    ]
    states = np.array([[1.2 * np.cos(0.3), 1.2 * np.sin(0.3), 9.0], [0.6, 0.8, -1.0]])
    out = project_states(states, invariants, names)
    np.testing.assert_allclose(out[0], [np.cos(0.3), np.sin(0.3), 8.0])
    np.testing.assert_allclose(out[1], states[1])
    # A termination bound (the state may lie beyond it where the episode ends) is not a set
    # every real state keeps: not projected.
    ending = [BoundsInvariant(variable="theta_dot", low=-8.0, high=8.0, exempt_at_done=True)]
    assert project_states(states, ending, names)[0, 2] == 9.0


def test_a_drifting_path_is_cut_before_the_drift_matters(cal: Calibration) -> None:
    line = np.asarray(cal.local.allowance_bound[:2])
    rate = float(line.min()) / 7
    paths = _drifting(rate)
    drift = _drift(paths, cal)
    # Every path crosses the line (7 to 10 steps of a seventh of it after the fifth): one
    # finding each, at or before the first step whose next state lies beyond the line.
    assert {f.path for f in drift} == set(range(30))
    for f in drift:
        beyond = norm_distance(paths.states[f.path, 1:, :2].astype(np.float64), 1.0, line) > 1
        proven = int(np.argmax(beyond))
        assert f.evidence["first_step"] == proven
        assert f.evidence["truncate_at"] == f.step
        # The estimated error reaches the allowance (below the line) no later than the proof.
        assert 5 <= f.step <= proven
    # True paths on the circle: nothing; with the invariants, or the detector, off: nothing.
    assert not _drift(pendulum_physics_paths(30, 20, seed=13), cal)
    assert not _drift(paths, cal, disabled=["manifold_drift"])
    assert not _drift(paths, cal, disabled=["invariant"])
    # "state" counts the drift in local_physics instead (it rejects the whole path).
    assert not _drift(paths, cal, manifold_invariants="state")


def test_a_faster_drift_is_cut_earlier(cal: Calibration) -> None:
    line = float(np.asarray(cal.local.allowance_bound[:2]).min())
    slow = {f.path: f.step for f in _drift(_drifting(line / 7), cal)}
    fast = {f.path: f.step for f in _drift(_drifting(line / 2), cal)}
    assert set(fast) == set(slow)
    assert all(fast[p] <= slow[p] for p in fast)
    assert sum(fast.values()) < sum(slow.values())


def _finding(detector: str, path: int, step: int, cut: bool = False) -> Finding:
    return Finding(
        detector=detector,
        source="numeric",
        path=path,
        step=step,
        severity="high",
        message=detector,
        evidence={"truncate_at": step} if cut else {},
    )


def test_the_review_cuts_a_path_only_drift_rejects() -> None:
    review = ReviewEngine(AuditorConfig())
    lengths = np.array([50, 50, 50, 50, 50])
    findings = [
        _finding("manifold_drift", 0, 20, cut=True),
        # Another detector rejects the path (even later than the cut): rejected whole.
        _finding("manifold_drift", 1, 20, cut=True),
        _finding("local_physics", 1, 30),
        # A cut too early to keep anything worth keeping: rejected.
        _finding("manifold_drift", 2, 2, cut=True),
        # A plain finding: rejected (truncation is off).
        _finding("local_physics", 3, 20),
    ]
    verdict = review.decide(5, findings, lengths=lengths, max_rejected=1.0)
    status = [(v.status, v.truncated_to) for v in verdict.verdicts]
    assert status == [
        ("APPROVED", 20),
        ("REJECTED", None),
        ("REJECTED", None),
        ("REJECTED", None),
        ("APPROVED", None),
    ]
    assert verdict.verdicts[0].reasons[0].startswith("truncated to its first 20 steps")


async def test_the_auditor_keeps_the_right_prefix_of_a_drifting_path(cal: Calibration) -> None:
    from plasma.auditor import Auditor

    line = float(np.asarray(cal.local.allowance_bound[:2]).min())
    paths = _drifting(line / 7, n=10)
    assert paths.uncertainty is not None
    paths.uncertainty[:] = 0.0  # the true dynamics: no disagreement
    config = {"review": {"replay": False}}
    async with Auditor(config, calibration=cal) as auditor:
        report = await auditor.audit_paths(paths)
    assert report.passed
    cuts = [v.truncated_to for v in report.verdicts]
    assert all(c is not None and 5 <= c < 20 for c in cuts)
    np.testing.assert_array_equal(paths.lengths, cuts)


def _max_distance(paths: PhantomPaths, line: np.ndarray) -> np.ndarray:
    """Per path: the largest distance of a next state from the circle, in lines."""
    pts = paths.states[:, 1:, :2].reshape(-1, 2).astype(np.float64)
    far = norm_distance(pts, 1.0, line).reshape(paths.num_paths, -1).max(axis=1)
    return np.asarray(far, np.float64)


def _scaled_drift(cal: Calibration, top: float) -> tuple[PhantomPaths, np.ndarray]:
    """True Pendulum paths drifting outwards until the farthest state lies ``top`` lines off the
    circle (never beyond the line for ``top`` < 1), and each path's largest distance."""
    line = np.asarray(cal.local.allowance_bound[:2])
    probe = float(line.min()) / 7
    rate = probe * top / float(_max_distance(_drifting(probe), line).max())
    paths = _drifting(rate)
    return paths, _max_distance(paths, line)


def test_a_drift_below_the_line_is_not_cut(cal: Calibration) -> None:
    # Up to 0.97 of the line off the circle: never proven beyond the line, so not cut (a line
    # a calibration knows to 20% cannot show such a step wrong); the same paths drifting on past
    # the line are cut.
    paths, far = _scaled_drift(cal, 0.97)
    assert far.max() < 1.0
    assert not _drift(paths, cal)
    beyond, far = _scaled_drift(cal, 1.5)
    assert far.max() > 1.0
    cut = _drift(beyond, cal)
    assert {f.path for f in cut} == set(np.flatnonzero(far > 1.0).tolist())
    # The opt-in that cut below the line is gone: a config naming it is refused.
    with pytest.raises(ValueError, match="drift_cut_share"):
        AuditorConfig(detectors={"drift_cut_share": 0.25})
