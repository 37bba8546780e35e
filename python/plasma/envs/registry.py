"""What Plasma knows about specific Gymnasium environments.

For the classic-control environments Plasma knows the meaning of every observation variable
(named state variables), how to put the simulator into the state an observation describes
(reset-to-state, needed to replay imagined paths in the real env), which physical constants can be
changed (variants) and which per-variable bounds end an episode. Any other environment still works
through the generic adapter, with variables named ``x0``, ``x1``, ... (MuJoCo envs may still get
reset-to-state, found from real steps: :mod:`plasma.envs.mujoco_state`).
"""

from __future__ import annotations

import importlib
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from gymnasium.envs.classic_control import (
    AcrobotEnv,
    CartPoleEnv,
    Continuous_MountainCarEnv,
    MountainCarEnv,
    PendulumEnv,
)

from plasma.envs.transitions import generic_state_names
from plasma.errors import InvalidArgumentError

__all__ = [
    "KNOWN_ENVS",
    "AnglePair",
    "KnownEnv",
    "apply_variant",
    "find_known_env",
    "generic_state_names",
    "parse_variant",
    "variant_parameters",
]

FloatArray = np.ndarray[Any, np.dtype[np.float64]]


@dataclass(frozen=True)
class AnglePair:
    """An angle that the observation encodes as a (cos, sin) pair.

    State dicts may give the angle itself (radians) instead of the two components.
    """

    angle: str
    """Name users may give instead of the pair, e.g. ``"theta"``."""
    cos: str
    """Name of the cosine component among the state names."""
    sin: str
    """Name of the sine component among the state names."""


@dataclass(frozen=True)
class KnownEnv:
    """Plasma's knowledge of one environment class."""

    name: str
    """Short family name used in messages, e.g. ``"Pendulum"``."""
    env_class: type[Any]
    """The unwrapped Gymnasium class this entry describes."""
    state_names: tuple[str, ...]
    """Names of the observation variables, in order."""
    variant_params: Mapping[str, str]
    """Physical constants a variant may set: canonical attribute name -> description."""
    obs_to_state: Callable[[FloatArray], FloatArray]
    """Maps an observation vector to the value of ``unwrapped.state``."""
    state_to_obs: Callable[[FloatArray], FloatArray]
    """Maps ``unwrapped.state`` back to the observation the env reports."""
    state_dtype: type[np.floating[Any]] = np.float64
    """dtype of ``unwrapped.state`` after a step of the real env (numerics depend on it)."""
    angle_pairs: tuple[AnglePair, ...] = ()
    """Angles encoded as (cos, sin) pairs in the observation."""
    after_variant: Callable[[Any], None] | None = None
    """Recomputes derived attributes after a variant changed the constants."""
    after_set_state: Callable[[Any], None] | None = None
    """Clears per-episode bookkeeping after the state was set by hand."""
    aliases: Mapping[str, str] = field(default_factory=dict)
    """Extra accepted variant keys (already lower-case) -> canonical name."""


def _identity(x: FloatArray) -> FloatArray:
    return np.asarray(x, dtype=np.float64).copy()


def _pendulum_obs_to_state(obs: FloatArray) -> FloatArray:
    return np.array([math.atan2(obs[1], obs[0]), obs[2]], dtype=np.float64)


def _pendulum_state_to_obs(state: FloatArray) -> FloatArray:
    return np.array([math.cos(state[0]), math.sin(state[0]), state[1]], dtype=np.float64)


def _acrobot_obs_to_state(obs: FloatArray) -> FloatArray:
    return np.array(
        [math.atan2(obs[1], obs[0]), math.atan2(obs[3], obs[2]), obs[4], obs[5]],
        dtype=np.float64,
    )


def _acrobot_state_to_obs(state: FloatArray) -> FloatArray:
    t1, t2, d1, d2 = (float(v) for v in state)
    return np.array(
        [math.cos(t1), math.sin(t1), math.cos(t2), math.sin(t2), d1, d2], dtype=np.float64
    )


def _cartpole_after_variant(env: Any) -> None:
    # CartPole caches these at construction; step() reads the cached values.
    env.total_mass = env.masspole + env.masscart
    env.polemass_length = env.masspole * env.length


def _cartpole_after_set_state(env: Any) -> None:
    env.steps_beyond_terminated = None


_MOUNTAIN_CAR_NAMES = ("position", "velocity")

KNOWN_ENVS: tuple[KnownEnv, ...] = (
    KnownEnv(
        name="Pendulum",
        env_class=PendulumEnv,
        state_names=("cos_theta", "sin_theta", "theta_dot"),
        variant_params={
            "g": "gravitational acceleration (default 10.0)",
            "m": "pendulum mass (default 1.0)",
            "l": "pendulum length (default 1.0)",
        },
        obs_to_state=_pendulum_obs_to_state,
        state_to_obs=_pendulum_state_to_obs,
        angle_pairs=(AnglePair("theta", "cos_theta", "sin_theta"),),
    ),
    KnownEnv(
        name="CartPole",
        env_class=CartPoleEnv,
        state_names=("cart_position", "cart_velocity", "pole_angle", "pole_angular_velocity"),
        variant_params={
            "gravity": "gravitational acceleration (default 9.8)",
            "masscart": "cart mass (default 1.0)",
            "masspole": "pole mass (default 0.1)",
            "length": "HALF the pole length (default 0.5)",
            "force_mag": "magnitude of the push of each action (default 10.0)",
        },
        obs_to_state=_identity,
        state_to_obs=_identity,
        after_variant=_cartpole_after_variant,
        after_set_state=_cartpole_after_set_state,
    ),
    KnownEnv(
        name="MountainCarContinuous",
        env_class=Continuous_MountainCarEnv,
        state_names=_MOUNTAIN_CAR_NAMES,
        variant_params={"power": "engine power scaling the action (default 0.0015)"},
        obs_to_state=_identity,
        state_to_obs=_identity,
        # Its step() stores the state as float32, so replays must use float32 arithmetic.
        state_dtype=np.float32,
    ),
    KnownEnv(
        name="MountainCar",
        env_class=MountainCarEnv,
        state_names=_MOUNTAIN_CAR_NAMES,
        variant_params={
            "force": "push of each action (default 0.001)",
            "gravity": "gravity term of the hill (default 0.0025)",
        },
        obs_to_state=_identity,
        state_to_obs=_identity,
    ),
    KnownEnv(
        name="Acrobot",
        env_class=AcrobotEnv,
        state_names=(
            "cos_theta1",
            "sin_theta1",
            "cos_theta2",
            "sin_theta2",
            "theta1_dot",
            "theta2_dot",
        ),
        variant_params={
            "LINK_LENGTH_1": "length of link 1 (default 1.0)",
            "LINK_LENGTH_2": (
                "length of link 2 (default 1.0); Gymnasium's dynamics do not read it (only the "
                "drawing does): set LINK_COM_POS_2 to move link 2's centre of mass"
            ),
            "LINK_MASS_1": "mass of link 1 (default 1.0)",
            "LINK_MASS_2": "mass of link 2 (default 1.0)",
            "LINK_COM_POS_1": "position of link 1's centre of mass (default 0.5)",
            "LINK_COM_POS_2": "position of link 2's centre of mass (default 0.5)",
            "LINK_MOI": "moment of inertia of both links (default 1.0)",
        },
        obs_to_state=_acrobot_obs_to_state,
        state_to_obs=_acrobot_state_to_obs,
        angle_pairs=(
            AnglePair("theta1", "cos_theta1", "sin_theta1"),
            AnglePair("theta2", "cos_theta2", "sin_theta2"),
        ),
    ),
)


def find_known_env(unwrapped: object) -> KnownEnv | None:
    """Return the entry describing ``unwrapped``'s class, or ``None`` for other envs."""
    for known in KNOWN_ENVS:
        if isinstance(unwrapped, known.env_class):
            return known
    return None


def _parse_variant_string(text: str) -> dict[str, float]:
    out: dict[str, float] = {}
    for raw_piece in text.split(","):
        piece = raw_piece.strip()
        if not piece:
            continue
        name, sep, value = piece.partition("=")
        name, value = name.strip(), value.strip()
        if not sep or not name or not value:
            raise InvalidArgumentError(
                f"variant {text!r}: cannot read {piece!r}; write name=value pairs separated by "
                f"commas, e.g. 'g=12.0,m=1.2'"
            )
        try:
            number = float(value)
        except ValueError:
            raise InvalidArgumentError(
                f"variant {text!r}: value {value!r} of {name!r} is not a number"
            ) from None
        if name in out:
            raise InvalidArgumentError(f"variant {text!r}: {name!r} is given twice")
        out[name] = number
    return out


def parse_variant(
    variant: Mapping[str, float] | str | None, known: KnownEnv | None, env_id: str
) -> dict[str, float]:
    """Validate a variant and return it with canonical parameter names.

    ``variant`` is a mapping of parameter name to value or a string such as ``"g=12.0,m=1.2"``.
    Names are matched without regard to case. Every value must be a finite positive number.

    Raises:
        InvalidArgumentError: on an unknown name (the message lists the valid ones), a name given
            twice, a malformed string, or a value that is not a finite positive number.
    """
    if variant is None:
        return {}
    if isinstance(variant, str):
        items: Mapping[str, object] = _parse_variant_string(variant)
    elif isinstance(variant, Mapping):
        items = variant
    else:
        raise InvalidArgumentError(
            f"variant must be a mapping of name to value, a string like 'g=12.0' or None, "
            f"not {type(variant).__name__}"
        )
    if not items:
        return {}
    if known is None:
        supported = ", ".join(k.name for k in KNOWN_ENVS)
        raise InvalidArgumentError(
            f"env {env_id!r} has no physical parameters Plasma knows how to change, so it takes "
            f"no variant (got {sorted(items)}); variants are available for: {supported}"
        )
    lookup = {name.lower(): name for name in known.variant_params}
    lookup.update(known.aliases)
    out: dict[str, float] = {}
    for key, value in items.items():
        if not isinstance(key, str):
            raise InvalidArgumentError(f"variant keys must be strings, got {key!r}")
        canonical = lookup.get(key.strip().lower())
        if canonical is None:
            valid = ", ".join(known.variant_params)
            raise InvalidArgumentError(
                f"unknown variant parameter {key!r} for {env_id!r}; valid parameters: {valid}"
            )
        if canonical in out:
            raise InvalidArgumentError(
                f"variant parameter {canonical!r} is given twice (as {key!r} and another alias)"
            )
        if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
            raise InvalidArgumentError(
                f"variant parameter {canonical!r} must be a number, got {value!r}"
            )
        number = float(value)
        if not math.isfinite(number) or number <= 0.0:
            raise InvalidArgumentError(
                f"variant parameter {canonical!r} must be a finite positive number (a physical "
                f"constant), got {number!r}"
            )
        out[canonical] = number
    return out


def apply_variant(unwrapped: Any, known: KnownEnv, variant: Mapping[str, float]) -> None:
    """Set the (already validated) physical constants on the unwrapped env."""
    for name, value in variant.items():
        setattr(unwrapped, name, float(value))
    if variant and known.after_variant is not None:
        known.after_variant(unwrapped)


def variant_parameters(env_id: str) -> dict[str, str]:
    """The physical constants a variant may set for ``env_id``: name -> description.

    Empty for envs Plasma has no knowledge of. The env is looked up in Gymnasium's registry
    without being built.

    Raises:
        EnvNotSupportedError: ``env_id`` is not a registered Gymnasium id.
    """
    import gymnasium as gym

    from plasma.errors import EnvNotSupportedError

    try:
        spec = gym.spec(env_id)
    except gym.error.Error as exc:
        raise EnvNotSupportedError(f"unknown Gymnasium env id {env_id!r}: {exc}") from exc
    entry = spec.entry_point
    if not isinstance(entry, str):
        entry_cls: object = entry
    else:
        module_name, _, attr = entry.partition(":")
        entry_cls = getattr(importlib.import_module(module_name), attr, None)
    for known in KNOWN_ENVS:
        if isinstance(entry_cls, type) and issubclass(entry_cls, known.env_class):
            return dict(known.variant_params)
    return {}
