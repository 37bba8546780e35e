"""The auditor's own reference model (``plasma.auditor.reference``): when it calibrates itself,
the uncertainty detector's limit comes from a small model it fits on part of its real data, and
the imagined steps are scored with that model's disagreement. The model under audit (its
disagreement on real data, or what its paths record) can then neither loosen nor tighten it."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from plasma.auditor import Auditor, Calibration, calibrate
from plasma.auditor.checker import AdversarialChecker
from plasma.auditor.reference import OwnReference, fit_reference, split_episodes
from plasma.envs import Transitions, collect
from plasma.simulator.paths import PhantomPaths
from tests.support.pendulum import pendulum_paths, swing_up

from .physics import PendulumPhysics

STEPS = 2000
"""Real steps the auditors calibrate themselves from (1,400 fitted on, 600 held out)."""
AUDIT = {"calibration_steps": STEPS, "review": {"replay": False, "red_team": False}}


class Scaled(PendulumPhysics):
    """The true equations, with an ensemble disagreement ``scale`` x 0.01 everywhere: scale
    well below 1 is an overconfident model (members that agree wherever they are wrong),
    well above 1 an unsure one."""

    def __init__(self, scale: float) -> None:
        super().__init__()
        self.scale = scale

    def disagreement(self, obs: np.ndarray, action: np.ndarray) -> np.ndarray:
        return np.full(len(obs), 0.01 * self.scale)


def _recorded(paths: PhantomPaths, scale: float) -> PhantomPaths:
    """``paths`` as a model of that confidence records them."""
    out = paths.select(slice(None))
    assert out.uncertainty is not None
    out.uncertainty[:] = 0.01 * scale
    return out


@pytest.fixture(scope="module")
def honest() -> PhantomPaths:
    """Swing-up paths of the true dynamics: they go where random actions rarely take the
    pendulum (upright, fast), and every step is right."""
    return pendulum_paths(24, 60, seed=5, noise=0.3)


@pytest.fixture(scope="module")
def real() -> Transitions:
    return collect("Pendulum-v1", STEPS, seed=0)


@pytest.fixture(scope="module")
def reference(real: Transitions) -> OwnReference:
    ref = fit_reference(real, seed=0)
    assert ref is not None
    return ref


async def _audit(paths: PhantomPaths, model: Any) -> tuple[Any, Calibration]:
    async with Auditor(AUDIT) as auditor:
        report = await auditor.audit_paths(paths, model=model)
        assert auditor.calibration is not None
        return report, auditor.calibration


def _uncertain(report: Any) -> set[int]:
    return {f.path for f in report.findings if f.detector == "uncertainty" and f.path >= 0}


async def test_the_audited_models_confidence_neither_loosens_nor_tightens_the_limit(
    honest: PhantomPaths,
) -> None:
    thresholds, flagged = [], []
    for scale in (1e-3, 1.0, 1e3):
        report, cal = await _audit(_recorded(honest, scale), Scaled(scale))
        assert cal.uncertainty_source == "own_reference"
        thresholds.append(cal.uncertainty_threshold)
        flagged.append(_uncertain(report))
        assert any("auditor's own reference model" in n for n in report.notes)
    # One limit and one verdict whatever the audited model says of itself.
    assert thresholds[0] == thresholds[1] == thresholds[2]
    assert flagged[0] == flagged[1] == flagged[2]
    # Honest paths, however far from the random-action data they swing, are not flagged.
    assert len(flagged[0]) <= 0.05 * honest.num_paths


async def test_an_overconfident_model_cannot_hide_a_path_where_no_real_data_is(
    honest: PhantomPaths,
) -> None:
    # The paths leave for speeds no real step reaches (3x the fastest real one) while the
    # model records no doubt at all.
    paths = _recorded(honest, 0.0)
    paths.states[:6, 20:, 2] *= 3.0
    paths.states[:6, 20:, 2] += np.sign(paths.states[:6, 20:, 2]) * 16.0
    report, _ = await _audit(paths, Scaled(1e-3))
    caught = _uncertain(report)
    assert set(range(6)) <= caught
    finding = next(f for f in report.findings if f.detector == "uncertainty")
    assert finding.evidence["scored_by"] == "own_reference"
    assert finding.step >= 19


def test_the_limit_comes_from_held_out_episodes_of_the_calibration(
    real: Transitions, reference: OwnReference
) -> None:
    fit, held = split_episodes(real, 0.7, seed=0)
    assert fit.size + held.size == len(real)
    episode = np.concatenate([[0], np.cumsum(real.episode_ends()[:-1])])
    assert not set(episode[fit]) & set(episode[held])  # whole episodes on each side
    assert 0.6 < fit.size / len(real) <= 0.7
    ref = reference
    assert ref.fit_steps == fit.size
    assert ref.held_out_steps == held.size
    cal = calibrate(real, own_reference=ref)
    assert cal.uncertainty_source == "own_reference"
    assert cal.uncertainty_threshold == pytest.approx(2.0 * np.quantile(ref.held_out, 0.99))
    assert cal.own_reference is not None
    assert cal.own_reference["fit_steps"] == fit.size
    # Too little data for a fit: no reference, the limit is left as without one.
    assert fit_reference(real.take(np.arange(150)), seed=0) is None
    small = calibrate(real.take(np.arange(150)), own_reference=True)
    assert small.uncertainty_source == "none"


def test_the_audited_models_disagreement_is_not_measured_when_the_own_reference_replaces_it(
    real: Transitions, reference: OwnReference
) -> None:
    calls: list[int] = []

    def disagreement(obs: np.ndarray, action: np.ndarray) -> np.ndarray:
        calls.append(len(obs))
        return np.full(len(obs), 0.01)

    cal = calibrate(real, disagreement=disagreement, own_reference=reference)
    assert cal.uncertainty_source == "own_reference"
    assert calls == []  # its limit would be replaced: not computed
    # Without a reference to fit (too little data), the model's disagreement sets the limit.
    small = calibrate(real.take(np.arange(150)), disagreement=disagreement, own_reference=True)
    assert small.uncertainty_source == "model"
    assert calls == [150]
    assert small.uncertainty_threshold == pytest.approx(2.0 * 0.01)


def test_a_calibration_read_back_from_json_does_not_mix_units(
    real: Transitions, reference: OwnReference
) -> None:
    cal = calibrate(real, own_reference=reference)
    back = Calibration.model_validate_json(cal.model_dump_json())
    assert back.reference_model is None
    paths = pendulum_paths(8, 20, seed=1)
    limits, notes = AdversarialChecker(calibration=back).limits_for(paths)
    # The reference's threshold is not applied to the disagreement the paths record.
    assert limits.uncertainty_threshold != pytest.approx(cal.uncertainty_threshold)
    assert any("did not survive a JSON round trip" in n for n in notes)


def test_honest_swing_up_paths_score_under_the_limit(reference: OwnReference) -> None:
    """The reference scores the states a swing-up visits below its limit, and a state far
    outside the real data above it."""
    ref = reference
    limit = ref.threshold(0.99, 2.0)
    paths = pendulum_paths(24, 60, seed=7, noise=0.0)
    assert paths.lengths is not None
    scores = ref.score_paths(paths.states, paths.actions, paths.lengths)
    assert np.quantile(scores, 0.99) < limit
    far = np.array([[1.0, 0.0, 20.0]], dtype=np.float32)
    assert ref.disagreement(far, swing_up(far))[0] > limit


async def test_the_seed_workflow_with_a_beta_nll_model_is_not_rejected_for_its_confidence() -> None:
    """The seed's workflow (default simulator: a model fitted on 1,000 random Pendulum steps, 10
    paths of 100 steps; default auditor, no model) with the world model fitted by beta-NLL
    (``nll_beta`` 0.5): such an ensemble agrees more at its start states, and a limit drawn from
    the paths' own first steps flagged 9 of 10 paths the replays show accurate (at most 0.6 std
    off, one step from each imagined state). The auditor's own reference flags at most one."""
    from plasma import Simulator
    from plasma.simulator import SimulatorConfig
    from plasma.simulator.world_model import WorldModelConfig

    beta = WorldModelConfig.compact().model_copy(update={"nll_beta": 0.5})
    async with Simulator(SimulatorConfig(world_model=beta)) as simulator:
        paths = await simulator.simulate(initial_state={"step": 0}, num_paths=10, path_length=100)
    async with Auditor() as auditor:
        report = await auditor.audit_paths(paths)
    assert report.replay is not None
    assert report.replay.diverged == 0  # the replays confirm every path
    assert len(_uncertain(report)) <= 1
    assert report.overall_status == "APPROVED", report.reasons
