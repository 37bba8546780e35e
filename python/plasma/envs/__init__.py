"""Gymnasium environments as Plasma sees them, and the real experience collected from them.

- :func:`make_env` / :class:`PlasmaEnv`: an adapter for any Gymnasium env with a 1-D Box
  observation and a 1-D Box or Discrete action; named state variables, physical variants and
  reset-to-state for the classic-control envs; reset-to-state for MuJoCo envs whose observation
  determines the step (found and verified from real steps, :mod:`plasma.envs.mujoco_state`).
- :func:`check_env` / :class:`EnvCheck`: an up-front check that says what is missing.
- :class:`Transitions`: real data as validated arrays, saved atomically as ``.npz``.
- :func:`collect`: step a real env and gather :class:`Transitions`.
"""

from typing import TYPE_CHECKING

from plasma._lazy import attach
from plasma.envs.collect import collect as collect

if TYPE_CHECKING:
    from plasma.envs.adapter import *  # noqa: F403
    from plasma.envs.check import EnvCheck as EnvCheck
    from plasma.envs.collect import Policy as Policy
    from plasma.envs.collect import random_policy as random_policy
    from plasma.envs.registry import variant_parameters as variant_parameters
    from plasma.envs.transitions import Transitions as Transitions

# Public names, imported when first read (PEP 562): see plasma._lazy.
__getattr__, __dir__, __all__ = attach(__name__, eager=["collect"])
