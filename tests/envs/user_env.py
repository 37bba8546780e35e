"""A user's own Gymnasium env package, written to a directory the way a new user's project would
hold it; importing its ``envs`` module registers the ids ``<package>/Drift-v0`` (and three broken
ones), which Plasma is given in Gymnasium's ``module:id`` form."""

from __future__ import annotations

from pathlib import Path

SOURCE = '''
import os

import gymnasium as gym
import numpy as np
from gymnasium import spaces


class Drift(gym.Env):
    """A point pushed along a line; the reward is minus its squared distance from 0."""

    def __init__(self, speed=0.1):
        self.speed = float(speed)
        log = os.environ.get("USER_ENV_LOG")
        if log:  # every construction is recorded, with its keyword arguments
            with open(log, "a") as handle:
                handle.write(f"{os.getpid()} speed={self.speed}\\n")
        self.observation_space = spaces.Box(-5.0, 5.0, shape=(2,), dtype=np.float32)
        self.action_space = spaces.Box(-1.0, 1.0, shape=(1,), dtype=np.float32)
        self.x = np.zeros(2, dtype=np.float32)

    def reset(self, *, seed=None, options=None):
        super().reset(seed=seed)
        self.x = self.np_random.uniform(-1.0, 1.0, size=2).astype(np.float32)
        return self.x.copy(), {}

    def step(self, action):
        push = float(np.clip(action, -1.0, 1.0)[0])
        self.x = np.clip(self.x + self.speed * np.array([push, -self.x[0]]), -5, 5).astype(
            np.float32
        )
        return self.x.copy(), -float(self.x[0] ** 2), False, False, {}


class BrokenReset(Drift):
    def reset(self, *, seed=None, options=None):
        raise RuntimeError("the simulator is not running")


class WrongShape(Drift):
    def reset(self, *, seed=None, options=None):
        super().reset(seed=seed)
        return np.zeros(3, dtype=np.float32), {}


class Unbounded(Drift):
    def __init__(self, speed=0.1):
        super().__init__(speed)
        self.action_space = spaces.Box(-np.inf, np.inf, shape=(1,), dtype=np.float32)


NAMESPACE = __name__.split(".")[0]
gym.register(NAMESPACE + "/Drift-v0", entry_point=__name__ + ":Drift", max_episode_steps=50)
gym.register(NAMESPACE + "/BrokenReset-v0", entry_point=__name__ + ":BrokenReset")
gym.register(NAMESPACE + "/WrongShape-v0", entry_point=__name__ + ":WrongShape")
gym.register(NAMESPACE + "/Unbounded-v0", entry_point=__name__ + ":Unbounded")
'''


def write_user_package(root: Path, name: str = "my_user_envs") -> str:
    """Write the package ``name`` (with an ``envs`` module) under ``root``; returns what its env
    ids start with, ``"name.envs:name/"`` (e.g. + ``"Drift-v0"``)."""
    package = root / name
    package.mkdir(parents=True, exist_ok=True)
    (package / "__init__.py").write_text("")
    (package / "envs.py").write_text(SOURCE)
    return f"{name}.envs:{name}/"
