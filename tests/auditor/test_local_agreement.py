"""Issue 12, third round: the detectors' line is the ground truth's line (the allowance equals
the benchmark's tolerance), invariants judged per step (compounding-free), and the trusted
reference model as a second witness (``reference_gap``)."""

from __future__ import annotations

import numpy as np
import pytest

from plasma.auditor import AdversarialChecker, calibrate
from plasma.auditor.calibration import Calibration
from plasma.auditor.config import AuditorConfig, DetectorConfig
from plasma.auditor.invariants import LinearInvariant, NormInvariant, to_core
from plasma.envs import Transitions, collect
from plasma.simulator.paths import PhantomPaths
from tests.support.pendulum import pendulum_physics_paths

from .exploits import TOL_FRACTION
from .physics import PendulumPhysics, biased_paths, flagged


@pytest.fixture(scope="module")
def trusted(held_out: Transitions) -> Calibration:
    """Calibrated with the true equations as the trusted reference model."""
    return calibrate(held_out, model=PendulumPhysics(), reference=PendulumPhysics())


def test_the_allowance_is_the_ground_truths_tolerance() -> None:
    """A path the exploit benchmark calls correct (every outcome within TOL_FRACTION std of the
    variable's real one-step change) must not be rejected because the detectors draw a tighter
    line: both say what "correct" means with the same number."""
    assert DetectorConfig().local_allowance == TOL_FRACTION
    assert DetectorConfig().local_min_steps == 1


def _drifting(per_step: float, n: int = 20, horizon: int = 40) -> PhantomPaths:
    """True Pendulum paths whose (cos, sin) radius grows by ``per_step`` at every step."""
    paths = pendulum_physics_paths(n, horizon, seed=21)
    radius = 1.0 + per_step * np.arange(horizon + 1)
    paths.states[:, :, :2] *= radius[None, :, None].astype(np.float32)
    return paths


def test_per_step_invariants_forgive_slow_drift_and_catch_a_step_off_the_manifold(
    cal: Calibration,
) -> None:
    limit = float(np.sqrt(2) * cal.local.allowance[:2].min())
    # 0.04 of the limit per step: after 40 steps the state is 1.6x the limit off the circle
    # (as the seed example's long paths drift), inside the declared tolerance (0.25); no
    # single step leaves it.
    slow = _drifting(0.04 * limit)
    assert not flagged(slow, cal, "invariant")  # default: "step"
    assert len(flagged(slow, cal, "invariant", manifold_invariants="state")) == 20
    # One step that leaves the circle by twice the limit (then stays there).
    jump = pendulum_physics_paths(20, 40, seed=22)
    jump.states[:, 10:, :2] *= 1.0 + 2 * limit
    found = AdversarialChecker(calibration=cal).check_paths(jump).findings
    hits = [f for f in found if f.detector == "invariant"]
    assert {f.path for f in hits} == set(range(20))
    assert all(f.step == 9 and "change per step" in f.evidence["invariant"] for f in hits)
    # The per-step copy is in the limits next to the declared invariant.
    limits = AdversarialChecker(calibration=cal).check_paths(jump).limits
    kinds = [i[0] for i in limits.invariants]
    assert "norm" in kinds
    assert "norm_step" in kinds


def test_declared_per_step_invariants_reach_the_scan() -> None:
    norm = NormInvariant(variables=[0, 1], tolerance=0.1, per_step=True)
    linear = LinearInvariant(coefficients={"0": 1.0, "1": -1.0}, tolerance=0.2, per_step=True)
    core = to_core([norm, linear], ["a", "b"], 2)
    assert [c[0] for c in core] == ["norm_step", "linear_step"]
    assert "change per step" in norm.label()
    paths = PhantomPaths(
        np.array([[[0.0, 0.0], [0.0, 0.0], [0.1, 0.0], [0.1, 0.5]]], np.float32),
        np.zeros((1, 3, 1), np.float32),
        np.zeros((1, 3), np.float32),
    )
    config = AuditorConfig(invariants=[linear], default_invariants=False)
    found = AdversarialChecker(config).check_paths(paths).findings
    # Only the last step moves a - b by more than 0.2 (by 0.5); the state's drift is not judged.
    assert [(f.detector, f.step) for f in found] == [("invariant", 2)]


def test_reference_gap_needs_a_trusted_model_and_flags_what_it_contradicts(
    cal: Calibration, trusted: Calibration
) -> None:
    std = float(trusted.local._spread[2])
    allowance = float(trusted.local.allowance[2])
    assert allowance == pytest.approx(TOL_FRACTION * std)
    # Without a reference there is nothing to compare with.
    assert cal.local.score(biased_paths(1.0, std)).reference is None
    # Twice the allowance against an exact reference: every path; a third of it: none.
    assert len(flagged(biased_paths(2 * TOL_FRACTION, std), trusted, "reference_gap")) == 40
    assert not flagged(biased_paths(TOL_FRACTION / 3, std), trusted, "reference_gap")
    assert not flagged(
        biased_paths(2 * TOL_FRACTION, std), trusted, "reference_gap", disabled=["reference_gap"]
    )
    # A reference that is itself wrong near the real data widens its own line: the true
    # equations' paths are not contradicted by a biased reference it knows to be off.
    off = calibrate(
        collect("Pendulum-v1", 6000, seed=11),
        model=PendulumPhysics(),
        reference=PendulumPhysics(velocity_bias=0.4),
    )
    assert not flagged(pendulum_physics_paths(40, 20, seed=24), off, "reference_gap")


def test_only_the_disabled_local_detectors_skip_the_index(held_out: Transitions) -> None:
    cfg = DetectorConfig(disabled=["local_physics", "local_model_error"])
    assert calibrate(held_out, cfg, reference=PendulumPhysics()).local is not None
