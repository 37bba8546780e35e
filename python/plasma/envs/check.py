"""Up-front check of whether Plasma can work with a Gymnasium environment, and why not."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

import gymnasium as gym
import numpy as np
from gymnasium import spaces
from gymnasium.envs.registration import EnvSpec
from pydantic import BaseModel, ConfigDict, Field

from plasma import _core
from plasma.envs.mujoco_state import is_mujoco
from plasma.envs.registry import find_known_env, generic_state_names
from plasma.errors import EnvNotSupportedError

if TYPE_CHECKING:
    from typing import Self

__all__ = ["Checked", "EnvCheck", "inspect_gym_env", "make_gym_env", "registered_spec"]

GymEnv = gym.Env[Any, Any]


class EnvCheck(BaseModel):
    """What Plasma found when it inspected an environment.

    ``supported`` is true when ``problems`` is empty. ``notes`` lists limitations that do not stop
    Plasma from working with the env (for example that reset-to-state is not available).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    env_id: str
    """The Gymnasium id (or the class name of an env that has none)."""
    supported: bool
    """True when Plasma can collect data from and train on this env."""
    problems: list[str] = Field(default_factory=list)
    """Everything that stops Plasma from using the env, each in plain words."""
    notes: list[str] = Field(default_factory=list)
    """Limitations that do not stop Plasma from using the env."""
    observation_space: str = ""
    """The observation space as Gymnasium prints it."""
    action_space: str = ""
    """The action space as Gymnasium prints it."""
    state_dim: int | None = None
    """Size of the observation vector (None when the observation space is not supported)."""
    action_dim: int | None = None
    """Size of the action vector: a Box's size, 1 for Discrete (None when not supported)."""
    is_discrete: bool | None = None
    """True for a Discrete action space, False for a Box, None when neither."""
    n_actions: int | None = None
    """Number of actions of a Discrete action space, else None."""
    state_names: list[str] = Field(default_factory=list)
    """Names of the observation variables (``x0``, ``x1``, ... for envs Plasma does not know)."""
    supports_set_state: bool = False
    """Whether Plasma can put the env into a given state (needed to replay imagined paths)."""
    known_env: str | None = None
    """Family of a classic-control env Plasma knows (e.g. ``"Pendulum"``), else None."""
    variant_parameters: dict[str, str] = Field(default_factory=dict)
    """Physical constants a variant may change: name -> description."""
    max_episode_steps: int | None = None
    """The registered time limit of the env, if any."""

    def raise_for_problems(self) -> Self:
        """Raise :class:`~plasma.errors.EnvNotSupportedError` listing every problem.

        Returns ``self`` when there is none, so calls can be chained.
        """
        if self.problems:
            listed = "\n".join(f"  - {p}" for p in self.problems)
            raise EnvNotSupportedError(
                f"Plasma cannot use env {self.env_id!r}:\n{listed}"
                if len(self.problems) > 1
                else f"Plasma cannot use env {self.env_id!r}: {self.problems[0]}"
            )
        return self


def make_gym_env(env_id: str, **kwargs: Any) -> GymEnv:
    """``gymnasium.make`` with its failures turned into :class:`EnvNotSupportedError`.

    ``env_id`` is a registered id (``"Pendulum-v1"``) or Gymnasium's ``"module:Name-v0"`` form,
    which imports ``module`` (that registers the env) first. ``kwargs`` go to
    ``gymnasium.make``; an env whose constructor fails (a keyword it does not take, a bug) is
    reported with the constructor's error.
    """
    if not isinstance(env_id, str) or not env_id.strip():
        raise EnvNotSupportedError(f"env id must be a non-empty string, got {env_id!r}")
    _refuse_render_mode(env_id, kwargs.get("render_mode"))
    try:
        return gym.make(env_id, **kwargs)
    except gym.error.DependencyNotInstalled as exc:
        raise EnvNotSupportedError(
            f"env {env_id!r} needs a package that is not installed: {exc}"
        ) from exc
    except gym.error.Error as exc:
        raise EnvNotSupportedError(
            f"unknown Gymnasium env id {env_id!r}: {exc} (ids look like 'Pendulum-v1', or "
            f"'my_package.module:MyEnv-v0' to import the module that registers it; "
            f"gymnasium.pprint_registry() lists them)"
        ) from exc
    except ImportError as exc:
        raise EnvNotSupportedError(
            f"env {env_id!r} could not be imported ({exc}); is its package installed?"
        ) from exc
    except (Exception, SystemExit) as exc:  # the env's own code (its module, its constructor):
        # bad keyword arguments, its bugs, a sys.exit() that would end the process silently
        shown = ", ".join(f"{k}={v!r}" for k, v in kwargs.items() if k not in _MAKE_OPTIONS)
        raise EnvNotSupportedError(
            f"env {env_id!r} could not be made{f' with {shown}' if shown else ''}: "
            f"{type(exc).__name__}: {exc}"
        ) from exc


def _bounds_problem(act_space: spaces.Box, action_dim: int) -> list[str]:
    """The policy's rule on action bounds (the core's ``check_action_bounds``, strict: its
    training scales by ``high - low``), applied to the env's Box when the env is checked, so an
    env whose bound is low == high in a dimension is refused before a run starts, not by the
    policy's config after the first iteration's collection and fit."""
    try:
        _core.check_action_bounds(
            act_space.low.astype(np.float64).tolist(),
            act_space.high.astype(np.float64).tolist(),
            action_dim=action_dim,
            strict=True,
        )
    except ValueError as err:
        return [f"action space {_space_text(act_space)}: {' '.join(str(err).split())}"]
    return []


def _refuse_render_mode(env_id: str, render_mode: object) -> None:
    """Plasma never renders the envs it makes (training, evaluation, the auditor's replays and
    the simulator step them headless and never call ``render()``), so no render mode can be
    honoured: ``"human"`` would draw a window at every step (and, with no display, SDL ends the
    process by SIGSEGV before Plasma could say why), the others only cost time. Refused up
    front, on one line, before the env is made."""
    if render_mode is None:
        return
    raise EnvNotSupportedError(
        f"env {env_id!r}: render_mode={render_mode!r} cannot be honoured: Plasma steps its envs "
        "headless and never renders them (remove render_mode from env_kwargs; to watch a "
        "policy, load it with plasma.Policy.load and step your own rendering env)"
    )


# Keywords of gymnasium.make itself (not passed to the env's constructor).
_MAKE_OPTIONS = ("max_episode_steps", "disable_env_checker", "autoreset", "render_mode")


def registered_spec(env_id: str) -> EnvSpec:
    """Gymnasium's registered spec of ``env_id``, in either form ``make_gym_env`` takes.

    Raises:
        EnvNotSupportedError: the id is not registered (or its module cannot be imported).
    """
    module, sep, name = env_id.partition(":")
    try:
        if sep:
            importlib.import_module(module)
        return gym.spec(name if sep else env_id)
    except (gym.error.Error, ImportError) as exc:
        raise EnvNotSupportedError(f"unknown Gymnasium env id {env_id!r}: {exc}") from exc


def _env_id_of(env: GymEnv) -> str:
    spec = env.spec
    if spec is not None and spec.id:
        return str(spec.id)
    return type(env.unwrapped).__name__


def _space_text(space: object) -> str:
    try:
        return str(space)
    except Exception:  # a broken __repr__ must not hide the real problems
        return type(space).__name__


def _is_numeric(dtype: np.dtype[Any] | None) -> bool:
    return dtype is not None and (
        np.issubdtype(dtype, np.floating) or np.issubdtype(dtype, np.integer)
    )


def inspect_gym_env(env: GymEnv, env_id: str | None = None) -> EnvCheck:
    """Inspect a constructed Gymnasium env and report what Plasma can do with it."""
    env_id = env_id or _env_id_of(env)
    problems: list[str] = []
    notes: list[str] = []
    obs_space = env.observation_space
    act_space = env.action_space

    state_dim: int | None = None
    if not isinstance(obs_space, spaces.Box):
        problems.append(
            f"observation space is {type(obs_space).__name__}; Plasma needs a 1-D Box of floats"
        )
    elif len(obs_space.shape) != 1:
        problems.append(
            f"observation space is a Box of shape {obs_space.shape}"
            f"{' (an image?)' if len(obs_space.shape) >= 2 else ''}; "
            f"Plasma needs a 1-D Box of floats (if its entries are state variables, flatten it "
            f"with gymnasium.wrappers.FlattenObservation)"
        )
    elif obs_space.shape[0] == 0:
        problems.append("observation space is an empty Box; Plasma needs at least one variable")
    elif not _is_numeric(obs_space.dtype):
        problems.append(
            f"observation space has dtype {obs_space.dtype}; Plasma needs a 1-D Box of floats"
        )
    else:
        state_dim = int(obs_space.shape[0])

    action_dim: int | None = None
    is_discrete: bool | None = None
    n_actions: int | None = None
    if isinstance(act_space, spaces.Discrete):
        is_discrete, action_dim, n_actions = True, 1, int(act_space.n)
        if n_actions < 2:  # the bounds the adapter derives, [0, n - 1], would be empty
            problems.append(
                f"action space is Discrete({n_actions}): "
                f"{'a single action leaves' if n_actions == 1 else 'no action leaves'} nothing "
                "to choose or learn; Plasma needs at least 2 actions"
            )
    elif isinstance(act_space, spaces.Box):
        if len(act_space.shape) != 1 or act_space.shape[0] == 0:
            problems.append(
                f"action space is a Box of shape {act_space.shape}; Plasma needs a 1-D Box or a "
                f"Discrete space"
            )
        elif act_space.dtype is None or not np.issubdtype(act_space.dtype, np.floating):
            problems.append(
                f"action space is a Box of dtype {act_space.dtype}; Plasma needs a Box of floats "
                f"or a Discrete space"
            )
        else:
            is_discrete, action_dim = False, int(act_space.shape[0])
            if not (np.all(np.isfinite(act_space.low)) and np.all(np.isfinite(act_space.high))):
                notes.append(
                    "the action Box has infinite bounds; random actions are drawn from a standard "
                    "normal in the unbounded dimensions"
                )
            else:
                problems.extend(_bounds_problem(act_space, action_dim))
    else:
        problems.append(
            f"action space is {type(act_space).__name__}; Plasma needs a 1-D Box of floats or a "
            f"Discrete space"
        )

    known = find_known_env(env.unwrapped)
    if known is not None and (
        state_dim != len(known.state_names) or not _same_space(obs_space, env.unwrapped)
    ):
        notes.append(
            f"the env is a {known.name} env whose observations are changed by a wrapper, so Plasma "
            f"treats it as a generic env (no named variables, variants or reset-to-state)"
        )
        known = None
    supports_set_state = known is not None
    if known is None and state_dim is not None and is_mujoco(env.unwrapped):
        notes.append(
            "MuJoCo env: reset-to-state (replays of imagined paths) is available when real steps "
            "show that the observation determines the simulator state; PlasmaEnv.reset_to_state "
            "finds out on first use and says why not"
        )
    elif known is None and state_dim is not None:
        notes.append(
            "reset-to-state is not available for this env (Plasma only knows how to set the state "
            "of the classic-control envs), so imagined paths cannot be replayed in it"
        )
    state_names = (
        list(known.state_names)
        if known is not None
        else generic_state_names(state_dim)
        if state_dim is not None
        else []
    )
    spec = env.spec
    max_steps = spec.max_episode_steps if spec is not None else None
    return EnvCheck(
        env_id=env_id,
        supported=not problems,
        problems=problems,
        notes=notes,
        observation_space=_space_text(obs_space),
        action_space=_space_text(act_space),
        state_dim=state_dim,
        action_dim=action_dim,
        is_discrete=is_discrete,
        n_actions=n_actions,
        state_names=state_names,
        supports_set_state=supports_set_state,
        known_env=known.name if known is not None else None,
        variant_parameters=dict(known.variant_params) if known is not None else {},
        max_episode_steps=max_steps,
    )


def _same_space(outer: object, unwrapped: GymEnv) -> bool:
    inner = unwrapped.observation_space
    if not (isinstance(outer, spaces.Box) and isinstance(inner, spaces.Box)):
        return False
    return bool(
        outer.shape == inner.shape
        and np.array_equal(outer.low, inner.low)
        and np.array_equal(outer.high, inner.high)
    )


@runtime_checkable
class Checked(Protocol):
    """An environment that carries the check it passed when it was made (a
    :class:`~plasma.envs.PlasmaEnv`); :func:`check_env` returns that check."""

    @property
    def check(self) -> EnvCheck: ...
