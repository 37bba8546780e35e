"""Small custom Gymnasium envs for the envs tests."""

from __future__ import annotations

from typing import Any

import gymnasium as gym
import numpy as np
from gymnasium import spaces


class LineEnv(gym.Env[np.ndarray, np.ndarray]):
    """A point on a line pushed by a 1-D action; ends when it leaves [-1, 1]. Unknown to Plasma."""

    def __init__(self) -> None:
        self.observation_space = spaces.Box(-2.0, 2.0, shape=(2,), dtype=np.float32)
        self.action_space = spaces.Box(-1.0, 1.0, shape=(1,), dtype=np.float32)
        self.x = np.zeros(2, dtype=np.float32)

    def reset(
        self, *, seed: int | None = None, options: dict[str, Any] | None = None
    ) -> tuple[np.ndarray, dict[str, Any]]:
        super().reset(seed=seed)
        self.x = self.np_random.uniform(-0.1, 0.1, size=2).astype(np.float32)
        return self.x.copy(), {}

    def step(self, action: np.ndarray) -> tuple[np.ndarray, float, bool, bool, dict[str, Any]]:
        self.x = (self.x + np.array([0.1 * action[0], 0.0])).astype(np.float32)
        return self.x.copy(), float(-abs(self.x[0])), bool(abs(self.x[0]) > 1.0), False, {}


class DictObsEnv(gym.Env[dict[str, Any], np.ndarray]):
    """Dict observations and a MultiDiscrete action: two things Plasma cannot use."""

    def __init__(self) -> None:
        self.observation_space = spaces.Dict(
            {"pos": spaces.Box(-1.0, 1.0, shape=(2,)), "flag": spaces.Discrete(2)}
        )
        self.action_space = spaces.MultiDiscrete([2, 3])


class ImageObsEnv(gym.Env[np.ndarray, np.int64]):
    """Image observations (an H x W x C Box)."""

    def __init__(self) -> None:
        self.observation_space = spaces.Box(0, 255, shape=(16, 16, 3), dtype=np.uint8)
        self.action_space = spaces.Discrete(4)
