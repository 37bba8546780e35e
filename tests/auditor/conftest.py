"""Fixtures of the auditor tests: real Pendulum data, a calibration, synthetic paths."""

from __future__ import annotations

import numpy as np
import pytest

from plasma.auditor import Calibration, calibrate
from plasma.envs import Transitions, collect
from plasma.simulator.paths import PhantomPaths
from tests.support.pendulum import pendulum_physics_paths


@pytest.fixture(scope="session")
def pendulum_real() -> Transitions:
    """3000 real random-action Pendulum transitions."""
    return collect("Pendulum-v1", 3000, seed=0)


@pytest.fixture(scope="session")
def pendulum_cal(pendulum_real: Transitions) -> Calibration:
    """A calibration on that data (no model)."""
    return calibrate(pendulum_real)


@pytest.fixture(scope="session")
def held_out() -> Transitions:
    """6000 real random-action Pendulum transitions (the local-validation tests' data)."""
    return collect("Pendulum-v1", 6000, seed=11)


@pytest.fixture(scope="session")
def cal(held_out: Transitions) -> Calibration:
    """A calibration on that data with the true equations as the model under audit."""
    from .physics import PendulumPhysics

    return calibrate(held_out, model=PendulumPhysics())


@pytest.fixture
def honest_paths() -> PhantomPaths:
    """40 paths of 30 steps of the true Pendulum dynamics."""
    return pendulum_physics_paths(40, 30, seed=3)


def plant(paths: PhantomPaths) -> dict[str, int]:
    """Plant one anomaly per path index in place; returns the index of each."""
    assert paths.uncertainty is not None
    s, r = paths.states, paths.rewards
    s[0, 12:, :] = s[0, 12]
    s[0, 12] = [1.0, 0.0, 0.0]  # teleport to the top
    r[1, 5] = 3.0  # reward above anything real
    s[2, 20, 2] = np.nan  # non-finite
    s[3, 8:, :2] *= 1.4  # off the unit circle
    paths.uncertainty[4, 9:] = 5.0  # ensemble disagreement
    paths.actions[5, 3, 0] = 4.0  # action out of bounds
    return {
        "teleport": 0,
        "reward": 1,
        "nan": 2,
        "invariant": 3,
        "uncertainty": 4,
        "action": 5,
    }
