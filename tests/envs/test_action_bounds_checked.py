"""An env whose action bound is low == high in a dimension is refused when the env is checked
(batch I, J30), by the policy's own rule on bounds, not by the policy's config after a run's
first collection and fit (status 1, 30 s in, a run directory made)."""

from __future__ import annotations

from typing import Any

import gymnasium as gym
import numpy as np
import pytest
from gymnasium import spaces

from plasma.envs import check_env, make_env
from plasma.errors import EnvNotSupportedError


class Pushed(gym.Env[np.ndarray, np.ndarray]):
    """Two observed values; the action Box is the test's."""

    def __init__(self, low: list[float], high: list[float]) -> None:
        self.observation_space = spaces.Box(-5.0, 5.0, shape=(2,), dtype=np.float32)
        self.action_space = spaces.Box(
            np.array(low, dtype=np.float32), np.array(high, dtype=np.float32)
        )

    def reset(self, *, seed: int | None = None, options: Any = None) -> Any:
        super().reset(seed=seed)
        return np.zeros(2, dtype=np.float32), {}

    def step(self, action: Any) -> Any:
        return np.zeros(2, dtype=np.float32), 0.0, False, False, {}


BOUNDS = [
    ("one dimension low == high", [-2.0, 1.0], [2.0, 1.0], "index 1"),
    ("every dimension low == high", [0.5], [0.5], "index 0"),
    ("a zero-width bound at 0", [-1.0, 0.0, -1.0], [1.0, 0.0, 1.0], "index 1"),
]


@pytest.mark.parametrize(("case", "low", "high", "says"), BOUNDS, ids=[b[0] for b in BOUNDS])
def test_a_degenerate_action_bound_is_a_problem(
    case: str, low: list[float], high: list[float], says: str
) -> None:
    result = check_env(Pushed(low, high))
    assert not result.supported
    assert any("action space" in p and says in p for p in result.problems), result.problems
    with pytest.raises(EnvNotSupportedError, match="action space"):
        make_env(Pushed(low, high))


def test_ordinary_bounds_are_accepted() -> None:
    result = check_env(Pushed([-2.0, -1.0], [2.0, 1.0]))
    assert result.supported, result.problems
