"""``local_model_error``'s margin calibrated at the stated false-alarm rate on the calibration's
real data (``LocalValidation.model_margin``): a model whose error is smooth (a bias over the
region) is shown wrong at a mean error near its real neighbours just over the line; one whose
error varies from point to point needs more; the line's own uncertainty is added in
quadrature, as every other local limit adds it."""

from __future__ import annotations

import numpy as np

from plasma.auditor import AdversarialChecker, Calibration, calibrate
from plasma.auditor.config import DetectorConfig
from plasma.envs import Transitions
from plasma.simulator.paths import PhantomPaths
from tests.support.pendulum import pendulum_physics_paths

from .physics import PendulumPhysics


class RoughBias(PendulumPhysics):
    """theta_dot off by ``bias`` with a sign that flips every 0.05 rad/s: an error as large on
    average as a bias's, but no point's error says what its neighbours' is."""

    def predict_mean(self, obs: np.ndarray, action: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        nxt, reward = super().predict_mean(obs, action)
        sign = np.where(np.floor(np.asarray(obs)[:, 2] / 0.05) % 2 == 0, 1.0, -1.0)
        nxt = nxt.copy()
        nxt[:, 2] += (self.velocity_bias * sign).astype(np.float32)
        return nxt, reward


def _found(paths: PhantomPaths, cal: Calibration) -> set[int]:
    findings = AdversarialChecker(calibration=cal).check_paths(paths).findings
    return {f.path for f in findings if f.detector == "local_model_error"}


def test_a_smooth_error_just_over_the_line_is_shown_wrong(held_out: Transitions) -> None:
    probe = calibrate(held_out, model=PendulumPhysics())
    line = float(probe.local.allowance[2])
    bound = float(np.max(probe.local.allowance_bound / probe.local.allowance))
    # A bias of 1.3 lines in theta_dot: wrong everywhere by more than the line, less than the
    # fixed margin of 1.5 lines.
    smooth = calibrate(held_out, model=PendulumPhysics(velocity_bias=1.3 * line))
    margin = smooth.local.model_margin
    assert margin is not None
    # The error is the same at a point and its neighbours: the margin is the line's own
    # uncertainty, little more.
    assert bound <= margin < 1.3
    paths = pendulum_physics_paths(40, 20, seed=8)
    assert len(_found(paths, smooth)) >= 36
    # The fixed margin (no stated rate) does not see it.
    fixed = calibrate(
        held_out,
        DetectorConfig(local_false_alarm=None),
        model=PendulumPhysics(velocity_bias=1.3 * line),
    )
    assert fixed.local.model_margin is None
    assert not _found(paths, fixed)


def test_an_error_that_varies_from_point_to_point_needs_more(held_out: Transitions) -> None:
    probe = calibrate(held_out, model=PendulumPhysics())
    line = float(probe.local.allowance[2])
    smooth = calibrate(held_out, model=PendulumPhysics(velocity_bias=1.3 * line))
    rough = calibrate(held_out, model=RoughBias(velocity_bias=1.3 * line))
    assert smooth.local.model_margin is not None
    assert rough.local.model_margin is not None
    assert rough.local.model_margin > smooth.local.model_margin + 0.2


def test_a_model_right_nearly_everywhere_keeps_the_configured_margin(
    held_out: Transitions,
) -> None:
    # Too few real points with a mean error near the margin to calibrate it.
    assert calibrate(held_out, model=PendulumPhysics()).local.model_margin is None


def test_a_configured_margin_overrides_the_calibrated_one() -> None:
    # The training run pins the fixed margin its learning results were measured with.
    from types import SimpleNamespace

    from plasma.auditor.checker import _model_margin
    from plasma.auditor.config import DEFAULT_MODEL_MARGIN, DetectorConfig
    from plasma.train.config import TrainConfig

    calibrated = SimpleNamespace(model_margin=2.7)
    assert _model_margin(DetectorConfig(), calibrated) == 2.7
    assert _model_margin(DetectorConfig(local_model_margin=1.2), calibrated) == 1.2
    assert _model_margin(DetectorConfig(), SimpleNamespace(model_margin=None)) == (
        DEFAULT_MODEL_MARGIN
    )
    assert TrainConfig().auditor_config().detectors.local_model_margin == 1.5
