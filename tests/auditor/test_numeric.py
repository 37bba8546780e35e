"""The Rust numeric scanner: findings on planted anomalies, agreement with numpy, bad input."""

from __future__ import annotations

from dataclasses import fields, replace
from typing import Any, cast

import numpy as np
import pytest

from plasma import _core
from plasma.auditor import AuditorConfig, Calibration, DetectorConfig
from plasma.auditor.checker import AdversarialChecker
from plasma.auditor.numeric import DETECTORS, ScanLimits, numeric_findings, scan_paths
from plasma.envs import Transitions
from plasma.errors import InvalidArgumentError, ShapeError
from plasma.simulator.paths import PhantomPaths
from tests.auditor.conftest import plant
from tests.support.audit_reference import grid_keys, reference_scan
from tests.support.audit_reference import pendulum_limits as _limits
from tests.support.pendulum import pendulum_physics_paths


def test_honest_physics_paths_have_no_findings(
    pendulum_cal: Calibration, honest_paths: PhantomPaths
) -> None:
    lim = _limits(pendulum_cal)
    result = scan_paths(lim.scanner(), honest_paths)
    assert result.transitions == 40 * 30
    assert numeric_findings(result, lim, DetectorConfig()) == []


def test_each_planted_anomaly_is_found_by_its_detector(
    pendulum_cal: Calibration, honest_paths: PhantomPaths
) -> None:
    where = plant(honest_paths)
    lim = _limits(pendulum_cal)
    findings = numeric_findings(scan_paths(lim.scanner(), honest_paths), lim, DetectorConfig())
    found = {(f.path, f.detector) for f in findings}
    assert (where["teleport"], "state_jump") in found
    assert (where["reward"], "reward_above_max") in found
    assert (where["nan"], "non_finite") in found
    assert (where["invariant"], "invariant") in found
    assert (where["uncertainty"], "uncertainty") in found
    assert (where["action"], "action_bounds") in found
    assert {f.path for f in findings} <= set(where.values())
    by = {(f.path, f.detector): f for f in findings}
    nan = by[(where["nan"], "non_finite")]
    assert nan.step == 19
    assert nan.severity == "critical"
    assert nan.evidence["array"] == "states"
    inv = by[(where["invariant"], "invariant")]
    assert inv.step == 7
    assert "cos_theta^2 + sin_theta^2" in inv.message
    unc = by[(where["uncertainty"], "uncertainty")]
    assert unc.evidence["count"] == 21
    assert unc.evidence["limit"] == pytest.approx(0.5)


def test_reward_farming_loop_is_found(pendulum_cal: Calibration) -> None:
    paths = pendulum_physics_paths(10, 60, seed=5)
    # Spin at a steady speed while the "model" pays almost the top reward.
    th = np.cumsum(np.full(61, 0.3))
    paths.states[0] = np.stack([np.cos(th), np.sin(th), np.full(61, 6.0)], axis=1)
    paths.rewards[0] = -0.01
    lim = _limits(pendulum_cal)
    findings = numeric_findings(scan_paths(lim.scanner(), paths), lim, DetectorConfig())
    cycles = [f for f in findings if f.detector == "reward_cycle"]
    assert [f.path for f in cycles] == [0]
    assert cycles[0].evidence["worst_value"] == pytest.approx(-0.01, abs=1e-6)
    assert "loops back" in cycles[0].message


def _mixed_paths() -> PhantomPaths:
    """300 paths of 40 steps, anomalies of every kind planted across them."""
    paths = pendulum_physics_paths(300, 40, seed=7)
    rng = np.random.default_rng(0)
    assert paths.uncertainty is not None
    assert paths.lengths is not None
    assert paths.dones is not None
    paths.uncertainty[:] = rng.exponential(0.2, paths.uncertainty.shape)
    paths.lengths[:] = rng.integers(0, 41, 300)
    paths.dones[::7, 0] = True
    paths.states[::13, 20:, 2] *= 1.6
    paths.states[::17, 15] = [1.0, 0.0, 0.0]
    paths.rewards[::19, 5:9] = 2.0
    paths.states[::23, 30, 1] = np.inf
    paths.rewards[::29] = -0.02
    return paths


def test_agrees_exactly_with_the_numpy_reference(pendulum_cal: Calibration) -> None:
    paths = _mixed_paths()
    lim = _limits(pendulum_cal)
    rust = scan_paths(lim.scanner(), paths, num_threads=2)
    ref = reference_scan(lim, paths, keys=grid_keys(lim))
    for name in ("count", "first_step", "worst_step", "worst_index"):
        np.testing.assert_array_equal(getattr(rust, name), ref[name], err_msg=name)
    np.testing.assert_array_equal(rust.worst_value, ref["worst_value"])
    assert rust.transitions == ref["transitions"]
    assert (rust.count > 0).any(axis=0).sum() >= 7  # most detectors were exercised


def test_thread_count_does_not_change_results(
    pendulum_cal: Calibration, honest_paths: PhantomPaths
) -> None:
    plant(honest_paths)
    scanner = _limits(pendulum_cal).scanner()
    one = scan_paths(scanner, honest_paths, num_threads=1)
    two = scan_paths(scanner, honest_paths, num_threads=2)
    np.testing.assert_array_equal(one.count, two.count)
    np.testing.assert_array_equal(one.worst_value, two.worst_value)
    with pytest.raises(InvalidArgumentError, match="num_threads"):
        scan_paths(scanner, honest_paths, num_threads=0)


def test_scanner_reports_bad_shapes_and_config(pendulum_cal: Calibration) -> None:
    scanner = _limits(pendulum_cal).scanner()
    assert scanner.detectors == list(DETECTORS)
    assert scanner.grid_cells > 0
    p, h = 2, 5
    states = np.zeros((p, h + 1, 3), np.float32)
    args = [
        np.zeros((p, h, 1), np.float32),
        np.zeros((p, h), np.float32),
        np.zeros((p, h), bool),
        np.zeros((p, h), np.float32),
        np.full(p, h, np.int64),
    ]
    with pytest.raises(ShapeError, match=r"rewards has shape \[2, 4\]"):
        scanner.scan(states, args[0], np.zeros((p, h - 1), np.float32), *args[2:])
    with pytest.raises(ShapeError, match="states"):
        scanner.scan(np.zeros((p, h + 1, 4), np.float32), *args)
    with pytest.raises(InvalidArgumentError, match=r"lengths\[1\]"):
        scanner.scan(states, args[0], args[1], args[2], args[3], np.array([1, 9], np.int64))
    with pytest.raises(InvalidArgumentError, match="invariant 0"):
        _bare(2, 1, invariants=[("norm", [0, 5], [], 1.0, 0.1, False)]).scanner()
    with pytest.raises(InvalidArgumentError, match="unknown kind"):
        _bare(2, 1, invariants=[("cone", [0], [], 1.0, 0.1, False)]).scanner()
    with pytest.raises(InvalidArgumentError, match="go together"):
        _bare(2, 1, action_low=np.zeros(1, np.float32)).scanner()
    with pytest.raises(InvalidArgumentError, match="grid width"):
        _bare(
            1,
            1,
            support_low=np.zeros(1, np.float32),
            support_high=np.ones(1, np.float32),
            support_scale=np.ones(1, np.float32),
            grid_points=np.zeros((3, 1), np.float32),
            grid_origin=np.zeros(1, np.float32),
            grid_width=np.zeros(1, np.float32),
        ).scanner()


def _bare(state_dim: int, action_dim: int, **limits: Any) -> ScanLimits:
    """Limits set field by field (the dataclass's defaults for the rest)."""
    return ScanLimits(state_dim=state_dim, action_dim=action_dim, state_names=[], **limits)


def test_non_contiguous_inputs_are_accepted(pendulum_cal: Calibration) -> None:
    paths = pendulum_physics_paths(6, 10, seed=1)
    scanner = _limits(pendulum_cal).scanner()
    assert paths.dones is not None
    assert paths.uncertainty is not None
    assert paths.lengths is not None
    wide = np.zeros((6, 11, 6), np.float32)
    wide[:, :, ::2] = paths.states
    out = scanner.scan(
        wide[:, :, ::2],
        paths.actions,
        paths.rewards,
        paths.dones,
        paths.uncertainty,
        paths.lengths,
    )
    assert out["transitions"] == 60


def test_checker_uses_first_step_fallback_and_says_so(honest_paths: PhantomPaths) -> None:
    checker = AdversarialChecker(AuditorConfig())
    check = checker.check_paths(honest_paths)
    assert any("first steps" in n for n in check.notes)
    assert any("no calibration" in n for n in check.notes)
    assert check.limits.uncertainty_threshold is not None
    with pytest.raises(ShapeError, match="PhantomPaths"):
        checker.check_paths({"states": []})  # type: ignore[arg-type]


def test_disabled_detectors_and_min_steps(
    pendulum_cal: Calibration, honest_paths: PhantomPaths
) -> None:
    where = plant(honest_paths)
    config = AuditorConfig(detectors={"disabled": ["state_jump"], "min_steps": 30})
    check = AdversarialChecker(config, calibration=pendulum_cal).check_paths(honest_paths)
    detectors = {(f.path, f.detector) for f in check.findings}
    assert (where["teleport"], "state_jump") not in detectors
    # The uncertainty path has 21 flagged steps < 30; invariants always report.
    assert not any(d == "uncertainty" for _, d in detectors)
    assert (where["invariant"], "invariant") in detectors


def test_calibration_that_does_not_fit_is_refused(pendulum_cal: Calibration) -> None:
    paths = PhantomPaths(
        np.zeros((2, 4, 5), np.float32), np.zeros((2, 3, 1), np.float32), np.zeros((2, 3))
    )
    from plasma.auditor import CalibrationError

    with pytest.raises(CalibrationError, match="does not fit"):
        AdversarialChecker(calibration=pendulum_cal).check_paths(paths)


def test_out_of_support_and_reward_spike_are_found_at_the_planted_steps(
    pendulum_cal: Calibration, honest_paths: PhantomPaths, pendulum_real: Transitions
) -> None:
    # Path 6: from step 10 on, the pendulum stands upright spinning at 7.9 rad/s, more than one
    # std (in every variable at once) from each real state: on the circle and under Pendulum's
    # speed limit, so no invariant breaks. Path 7: one step's reward drops from the highest to
    # the lowest real reward and back, all within the real range, a change no real step makes.
    s, r = honest_paths.states, honest_paths.rewards
    far = np.array([1.0, 0.0, 7.9], dtype=np.float32)
    real = pendulum_real.obs
    assert np.min(np.max(np.abs(real - far) / real.std(0), axis=1)) > 1.0
    s[6, 10:] = far
    r[7, 14] = r[7, 16] = pendulum_real.reward.max()
    r[7, 15] = pendulum_real.reward.min()
    same_episode = np.all(pendulum_real.next_obs[:-1] == pendulum_real.obs[1:], axis=1)
    largest_real = np.abs(np.diff(pendulum_real.reward))[same_episode].max()
    assert abs(r[7, 15] - r[7, 14]) > 1.5 * largest_real
    lim = _limits(pendulum_cal)
    findings = numeric_findings(scan_paths(lim.scanner(), honest_paths), lim, DetectorConfig())
    by = {(f.path, f.detector): f for f in findings}
    assert by[(6, "out_of_support")].step == 9  # states[10] is where step 9 leads
    assert by[(7, "reward_spike")].step in (14, 15)  # the drop, or the return
    assert {f.path for f in findings} <= {6, 7}
    assert all(f.step >= 9 for f in findings if f.path == 6)


PYTHON_ONLY = {"state_names", "invariant_labels"}
"""The ScanLimits fields only the findings' messages use; the Rust scanner reads all others."""

F32 = np.float32
CHANGES: dict[str, Any] = {
    "state_dim": lambda lim: 2,
    "action_dim": lambda lim: 2,
    "uncertainty_threshold": lambda lim: None,
    "support_low": lambda lim: lim.support_low + F32(0.5),
    "support_high": lambda lim: lim.support_high - F32(0.5),
    "support_scale": lambda lim: lim.support_scale * F32(0.5),
    "support_tolerance": lambda lim: 0.0,
    "grid_points": lambda lim: lim.grid_points[: len(lim.grid_points) // 2],
    "grid_origin": lambda lim: lim.grid_origin + F32(0.5) * lim.grid_width,
    "grid_width": lambda lim: lim.grid_width * F32(2.0),
    "grid_radius": lambda lim: lim.grid_radius + 1,
    "invariants": lambda lim: [],
    "action_low": lambda lim: lim.action_low + F32(1.0),
    "action_high": lambda lim: lim.action_high - F32(1.0),
    "reward_max": lambda lim: F32(-1.0),
    "reward_spike": lambda lim: lim.reward_spike * F32(0.5),
    "state_jump": lambda lim: lim.state_jump * F32(0.5),
    "cycle_origin": lambda lim: lim.cycle_origin + F32(0.5) * lim.cycle_width,
    "cycle_width": lambda lim: lim.cycle_width * F32(2.0),
    "cycle_min_period": lambda lim: 100,
    "cycle_min_rate": lambda lim: lim.cycle_min_rate + 1.0,
    "cycle_min_extent": lambda lim: 100,
}
"""Per limit the scanner reads, a change of that limit alone that changes the scan below."""


def _read_by_rust(limits: ScanLimits) -> set[str]:
    """The attributes the Rust scanner reads from ``limits`` when compiled from it."""
    seen: list[str] = []

    class Recorder:
        def __getattr__(self, name: str) -> Any:
            seen.append(name)
            return getattr(limits, name)

    _core.NumericScanner(cast(ScanLimits, Recorder()))
    assert len(seen) == len(set(seen))
    return set(seen)


def test_the_scanner_reads_every_scan_limit_under_its_dataclass_name(
    pendulum_cal: Calibration,
) -> None:
    # ScanLimits is the one list of the limits' names: the Rust scanner reads each of them by
    # name (a Rust field the dataclass lacks fails every extraction), and none goes unread.
    names = {f.name for f in fields(ScanLimits)}
    assert _read_by_rust(_limits(pendulum_cal)) == names - PYTHON_ONLY
    with pytest.raises(TypeError, match=r"ScanLimits\.support_low"):
        _bare(1, 1, support_low=np.zeros(1)).scanner()  # float64


def test_every_scan_limit_changes_the_scan(pendulum_cal: Calibration) -> None:
    # Each limit the Rust scanner reads reaches it and is used: changing it alone changes the
    # scan (its arrays, its grid, or, for the dimensions, a refusal).
    paths = _mixed_paths()
    lim = _limits(pendulum_cal)

    def outcome(limits: ScanLimits) -> Any:
        try:
            scanner = limits.scanner()
        except (ShapeError, InvalidArgumentError) as e:
            return str(e)
        result = scan_paths(scanner, paths)
        arrays = ("count", "first_step", "worst_step", "worst_value", "worst_index")
        return scanner.grid_cells, [getattr(result, k).tobytes() for k in arrays]

    base = outcome(lim)
    assert isinstance(base, tuple)
    assert set(CHANGES) == _read_by_rust(lim)
    unchanged = [
        name
        for name, change in CHANGES.items()
        if outcome(replace(lim, **{name: change(lim)})) == base
    ]
    assert unchanged == []
