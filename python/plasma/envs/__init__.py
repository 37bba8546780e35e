"""Gymnasium environments as Plasma sees them, and the real experience collected from them.

- :func:`make_env` / :class:`PlasmaEnv`: an adapter for any Gymnasium env with a 1-D Box
  observation and a 1-D Box or Discrete action; named state variables, physical variants and
  reset-to-state for the classic-control envs; reset-to-state for MuJoCo envs whose observation
  determines the step (found and verified from real steps, :mod:`plasma.envs.mujoco_state`).
- :func:`check_env` / :class:`EnvCheck`: an up-front check that says what is missing.
- :class:`Transitions`: real data as validated arrays, saved atomically as ``.npz``.
- :func:`collect`: step a real env and gather :class:`Transitions`.
"""

from plasma.envs.adapter import PlasmaEnv, make_env
from plasma.envs.check import EnvCheck, check_env
from plasma.envs.collect import Policy, collect, random_policy
from plasma.envs.registry import variant_parameters
from plasma.envs.transitions import Transitions

__all__ = [
    "EnvCheck",
    "PlasmaEnv",
    "Policy",
    "Transitions",
    "check_env",
    "collect",
    "make_env",
    "random_policy",
    "variant_parameters",
]
