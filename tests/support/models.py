"""A world model of a real env's spaces and termination bounds, fitted on its data: what the
train loop's tests plan and look ahead with."""

from __future__ import annotations

from plasma.envs import PlasmaEnv, Transitions
from plasma.simulator import WorldModel, WorldModelConfig

__all__ = ["fitted_env_model"]


def fitted_env_model(env: PlasmaEnv, data: Transitions, config: WorldModelConfig) -> WorldModel:
    """A :class:`WorldModel` of ``env`` (its spaces, discrete actions and termination bounds)
    fitted on ``data``."""
    model = WorldModel(
        env.state_dim,
        env.action_dim,
        config,
        discrete_actions=env.n_actions,
        state_low=env.termination_low,
        state_high=env.termination_high,
    )
    model.fit(data)
    return model
