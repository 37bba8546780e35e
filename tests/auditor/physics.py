"""Shared support of the local-validation tests: the true Pendulum equations as a model, and the
paths a detector flags."""

from __future__ import annotations

import numpy as np

from plasma.auditor import AdversarialChecker
from plasma.auditor.calibration import Calibration
from plasma.auditor.config import AuditorConfig
from plasma.simulator.paths import PhantomPaths
from tests.support.pendulum import pendulum_physics_paths


def angle(th: np.ndarray) -> np.ndarray:
    """An angle wrapped into [-pi, pi)."""
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
        reward = -(angle(th) ** 2 + 0.1 * thd**2 + 0.001 * u**2)
        nxt = np.stack([np.cos(nth), np.sin(nth), nthd], 1)
        return nxt.astype(np.float32), reward.astype(np.float32)


def flagged(paths: PhantomPaths, cal: Calibration, detector: str, **detectors: object) -> set[int]:
    """The paths ``detector`` reports (with ``detectors`` as the detector settings)."""
    config = AuditorConfig(detectors=detectors) if detectors else None
    findings = AdversarialChecker(config, calibration=cal).check_paths(paths).findings
    return {f.path for f in findings if f.detector == detector}


def biased_paths(share: float, std: float, n: int = 40) -> PhantomPaths:
    """True Pendulum paths whose theta_dot gains ``share`` x ``std`` at every step."""
    paths = pendulum_physics_paths(n, 20, seed=23)
    s = paths.states
    for t in range(paths.horizon):
        th = np.arctan2(s[:, t, 1], s[:, t, 0])
        u = np.clip(paths.actions[:, t, 0], -2, 2)
        nthd = np.clip(s[:, t, 2] + (15.0 * np.sin(th) + 3.0 * u) * 0.05, -8, 8) + share * std
        nth = th + nthd * 0.05
        s[:, t + 1] = np.stack([np.cos(nth), np.sin(nth), nthd], 1)
        paths.rewards[:, t] = -(angle(th) ** 2 + 0.1 * s[:, t, 2] ** 2 + 0.001 * u**2)
    return paths
