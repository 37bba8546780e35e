"""The memory a training run needs at the least, checked against what the process may use,
before anything is created or allocated.

A run's networks and real-data buffer grow with the env's observation and action sizes and with
the config's widths: an env of 10**8 action dimensions, or a hidden width of 2**40, asks for
hundreds of gigabytes. Without this check such a run failed wherever the first large array was
made (in the env check, or minutes later while fitting), as a MemoryError naming neither the
cause nor the setting. :func:`memory_problem` is the one rule; ``plasma-train`` applies it to the
env's spaces before the env is reset or stepped (:func:`plasma.envs.check_env`'s ``needs``), and
the library's :class:`~plasma.train.Trainer` before its run directory is created or read
(:func:`check_memory`).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from plasma._io import memory_ceiling
from plasma.errors import EnvNotSupportedError

if TYPE_CHECKING:
    from plasma.train.config import TrainConfig

__all__ = ["Spaces", "check_memory", "least_memory", "memory_problem"]


class Spaces(Protocol):
    """The sizes of an env's spaces: an :class:`~plasma.envs.EnvCheck` (None where a space is
    not supported) or a :class:`~plasma.envs.PlasmaEnv`."""

    @property
    def state_dim(self) -> int | None: ...

    @property
    def action_dim(self) -> int | None: ...

    @property
    def n_actions(self) -> int | None:
        """The number of discrete actions; None for a Box."""


_FLOAT = 4  # bytes of a float32: the networks' parameters and the real data


def _mlp(sizes: Sequence[int]) -> int:
    """Parameters of a dense network of these layer widths (weights and biases)."""
    return sum(a * b + b for a, b in itertools.pairwise(sizes))


def least_memory(
    config: TrainConfig, state_dim: int, action_dim: int, outputs: int
) -> dict[str, int]:
    """Bytes a run of ``config`` needs at the least, by part: each network's parameters and
    their gradients (optimizer state and batches come on top), and the real data it collects
    (an observation, the next one and an action per step). ``outputs`` is the policy's last
    layer (the action width, or the number of discrete actions)."""
    wm, value, policy = config.world_model, config.value, config.distiller
    model = wm.members * _mlp([state_dim + action_dim, *wm.hidden, state_dim + 1])
    critic = value.members * _mlp([state_dim, *value.hidden, 1])
    actor = _mlp([state_dim, *policy.hidden_sizes, outputs])
    return {
        "the world model": 2 * _FLOAT * model,
        "the value function": 2 * _FLOAT * critic,
        "the policy": 2 * _FLOAT * actor,
        "the real data": _FLOAT * config.real_steps * (2 * state_dim + action_dim),
    }


def _size(n: int) -> str:
    for unit, scale in (("TB", 1 << 40), ("GB", 1 << 30), ("MB", 1 << 20)):
        if n >= scale:
            return f"{n / scale:,.1f} {unit}"
    return f"{n:,} bytes"


def memory_problem(config: TrainConfig, check: Spaces) -> str | None:
    """Why a run of ``config`` on an env of the spaces ``check`` describes cannot fit in this
    process's memory (physical memory, capped by ``ulimit -v``), naming the largest part; None
    when it may."""
    state_dim, action_dim = check.state_dim, check.action_dim
    if state_dim is None or action_dim is None:
        return None  # the spaces are refused for what they are
    outputs = check.n_actions or action_dim
    parts = least_memory(config, state_dim, action_dim, outputs)
    need, ceiling = sum(parts.values()), memory_ceiling()
    if need <= ceiling:
        return None
    largest = max(parts, key=parts.__getitem__)
    return (
        f"a run on it (observations of {state_dim:,} values, actions of "
        f"{action_dim:,}) needs at least {_size(need)} of memory ({largest}: "
        f"{_size(parts[largest])}), more than the {_size(ceiling)} this process may use; "
        "Plasma trains on state vectors, not raw high-dimensional data: reduce the env's "
        "spaces or the settings' widths and real_steps"
    )


def check_memory(config: TrainConfig, env: Spaces) -> None:
    """Refuse a run of ``config`` on ``env`` that cannot fit in memory (:func:`memory_problem`).

    Raises:
        EnvNotSupportedError: naming the env (``config.env``) and the largest part.
    """
    problem = memory_problem(config, env)
    if problem is not None:
        raise EnvNotSupportedError(f"env {config.env!r}: {problem}")
