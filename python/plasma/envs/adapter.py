"""The Gymnasium adapter: :class:`PlasmaEnv` and :func:`make_env`."""

from __future__ import annotations

import contextlib
import math
import numbers
import threading
import warnings
from collections.abc import Callable, Mapping
from types import TracebackType
from typing import Any

import gymnasium as gym
import numpy as np
from gymnasium import spaces

from plasma.envs.check import (
    Checked,
    EnvCheck,
    inspect_gym_env,
    make_gym_env,
    registered_spec,
)
from plasma.envs.mujoco_state import ResetToState, is_mujoco, probe_mujoco
from plasma.envs.registry import KNOWN_ENVS, apply_variant, find_known_env, parse_variant
from plasma.errors import (
    EnvError,
    EnvNotSupportedError,
    InvalidArgumentError,
    NotStartedError,
    PlasmaError,
    PlasmaWarning,
    ShapeError,
)

__all__ = ["PlasmaEnv", "check_env", "make_env"]

GymEnv = gym.Env[Any, Any]
F32Array = np.ndarray[Any, np.dtype[np.float32]]
StepResult = tuple[F32Array, float, bool, bool, dict[str, Any]]

_STEP_KEY = "step"

REWARD_SCALE = 1e6
"""A reward past this size (either sign) is warned about once per env id and process: far
outside the range the world model, the planner and the value are tuned for (Pendulum's rewards
lie between -16.3 and 0), it trains to finite but meaningless figures."""
_scale_warned: set[str] = set()
_close_warned: set[str] = set()  # the env ids whose failing close() was warned about
_scale_lock = threading.Lock()


def _check_count(value: object, what: str, *, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise InvalidArgumentError(f"{what} must be an integer, got {value!r}")
    number = int(value)
    if number < minimum:
        raise InvalidArgumentError(f"{what} must be >= {minimum}, got {number}")
    return number


def _as_seed(seed: int | np.random.Generator | None) -> int | None:
    if seed is None:
        return None
    if isinstance(seed, np.random.Generator):
        return int(seed.integers(0, 2**63 - 1))
    return _check_count(seed, "seed", minimum=0)


class PlasmaEnv:
    """A Gymnasium environment seen the way Plasma needs it.

    Observations are float32 vectors of ``state_dim`` named variables; actions are float32 vectors
    of ``action_dim`` (a Discrete action is its index, ``0 .. n_actions - 1``, passed as an int or a
    one-element array). The episode time limit is applied here (not by Gymnasium's ``TimeLimit``)
    so that :meth:`set_state` can start an episode at any time index.

    Build one with :func:`make_env`; the constructor wraps an env you already built (and closes it
    on :meth:`close`). Use it as a context manager to close it automatically.
    """

    def __init__(
        self,
        env: GymEnv,
        *,
        env_id: str | None = None,
        variant: Mapping[str, float] | str | None = None,
        seed: int | None = None,
        max_episode_steps: int | None = None,
    ) -> None:
        """Wrap ``env``, checking it and applying ``variant`` to its unwrapped simulator.

        Args:
            env: A constructed Gymnasium env.
            env_id: Name used in messages and metadata (default: the env's spec id).
            variant: Physical constants to change, see :func:`make_env`.
            seed: Seeds the first :meth:`reset` (when it is given no seed) and the action space.
            max_episode_steps: Time limit; default the env spec's limit, if any.

        Raises:
            EnvNotSupportedError: the env's spaces are not ones Plasma supports.
            InvalidArgumentError: a bad variant, seed or time limit.
        """
        check = inspect_gym_env(env, env_id)
        check.raise_for_problems()
        self._env = env
        self._env_id = check.env_id
        self._known = find_known_env(env.unwrapped) if check.supports_set_state else None
        self._variant = parse_variant(variant, self._known, self._env_id)
        if self._known is not None:
            apply_variant(env.unwrapped, self._known, self._variant)
        if max_episode_steps is None:
            spec = env.spec
            if spec is not None and spec.max_episode_steps is not None:
                max_episode_steps = spec.max_episode_steps if spec.max_episode_steps > 0 else None
        else:
            max_episode_steps = _check_count(max_episode_steps, "max_episode_steps", minimum=1)
        self._max_steps = max_episode_steps
        self._check = check.model_copy(update={"max_episode_steps": max_episode_steps})
        self._state_dim = int(check.state_dim or 0)
        self._action_dim = int(check.action_dim or 0)
        self._pending_seed = _as_seed(seed)
        if self._pending_seed is not None:
            env.action_space.seed(self._pending_seed)
        self._started = False
        self._closed = False
        self._elapsed = 0
        self._sampler: GymEnv | None = None
        self._sampler_factory: Callable[[], GymEnv] | None = None
        self._reset_to_state: ResetToState | None = None

        obs_space = env.observation_space
        assert isinstance(obs_space, spaces.Box)
        self._obs_low = np.asarray(obs_space.low, dtype=np.float32).reshape(-1).copy()
        self._obs_high = np.asarray(obs_space.high, dtype=np.float32).reshape(-1).copy()
        act_space = env.action_space
        if isinstance(act_space, spaces.Discrete):
            self._n_actions: int | None = int(act_space.n)
            self._discrete_start = int(act_space.start)
            self._action_low = np.zeros(1, dtype=np.float32)
            self._action_high = np.array([self._n_actions - 1], dtype=np.float32)
        else:
            assert isinstance(act_space, spaces.Box)
            self._n_actions = None
            self._discrete_start = 0
            self._action_low = np.asarray(act_space.low, dtype=np.float32).reshape(-1).copy()
            self._action_high = np.asarray(act_space.high, dtype=np.float32).reshape(-1).copy()
        for array in (self._obs_low, self._obs_high, self._action_low, self._action_high):
            array.flags.writeable = False

    # ----------------------------------------------------------------- description

    @property
    def env_id(self) -> str:
        """The Gymnasium id (or the class name of an env that has none)."""
        return self._env_id

    @property
    def variant(self) -> dict[str, float]:
        """The physical constants changed from the env's defaults (canonical names)."""
        return dict(self._variant)

    @property
    def check(self) -> EnvCheck:
        """The result of :func:`~plasma.envs.check_env` for this env."""
        return self._check

    @property
    def gym_env(self) -> GymEnv:
        """The wrapped Gymnasium env (without a ``TimeLimit``: the limit is applied here)."""
        return self._env

    @property
    def observation_space(self) -> spaces.Space[Any]:
        """The Gymnasium observation space."""
        return self._env.observation_space

    @property
    def action_space(self) -> spaces.Space[Any]:
        """The Gymnasium action space."""
        return self._env.action_space

    @property
    def state_dim(self) -> int:
        """Number of observation (state) variables."""
        return self._state_dim

    @property
    def action_dim(self) -> int:
        """Size of the action vector: the Box's size, or 1 for a Discrete space."""
        return self._action_dim

    @property
    def is_discrete(self) -> bool:
        """True when the action space is Discrete."""
        return self._n_actions is not None

    @property
    def n_actions(self) -> int | None:
        """Number of discrete actions, or None for a Box action space."""
        return self._n_actions

    @property
    def action_low(self) -> F32Array:
        """Lower action bound, shape ``[action_dim]`` (Discrete: ``[0]``)."""
        return self._action_low

    @property
    def action_high(self) -> F32Array:
        """Upper action bound, shape ``[action_dim]`` (Discrete: ``[n_actions - 1]``)."""
        return self._action_high

    @property
    def state_names(self) -> list[str]:
        """Names of the observation variables (``x0``, ``x1``, ... for other envs)."""
        return list(self._check.state_names)

    @property
    def obs_low(self) -> F32Array:
        """Lower bound of the observation space, shape ``[state_dim]`` (may hold ``-inf``)."""
        return self._obs_low

    @property
    def obs_high(self) -> F32Array:
        """Upper bound of the observation space, shape ``[state_dim]`` (may hold ``inf``)."""
        return self._obs_high

    @property
    def max_episode_steps(self) -> int | None:
        """Steps after which an episode is truncated, or None for no limit."""
        return self._max_steps

    @property
    def elapsed_steps(self) -> int:
        """Time index of the current episode (steps since reset, or the ``step`` of set_state)."""
        return self._elapsed

    @property
    def supports_set_state(self) -> bool:
        """Whether :meth:`set_state` can put this env into a given state (see
        :attr:`reset_to_state`)."""
        return self.reset_to_state.supported

    @property
    def reset_to_state(self) -> ResetToState:
        """Whether and how :meth:`set_state` works for this env, with the reason in words.

        Classic-control envs Plasma knows: always. MuJoCo envs: when the observation determines
        the simulator's ``(qpos, qvel)``, found and verified the first time this is asked, on
        real steps of a separate instance (see :mod:`plasma.envs.mujoco_state`; about a second).
        Other envs: never.
        """
        if self._reset_to_state is None:
            self._reset_to_state = self._find_reset_to_state()
        return self._reset_to_state

    def _find_reset_to_state(self) -> ResetToState:
        if self._known is not None:
            return ResetToState(
                True, "classic", f"Plasma sets the state of the {self._known.name} simulator"
            )
        if not is_mujoco(self._env.unwrapped):
            families = ", ".join(k.name for k in KNOWN_ENVS)
            return ResetToState(
                False,
                "none",
                f"Plasma can set the simulator state only of the classic-control envs "
                f"({families}) and of MuJoCo envs whose observation determines qpos and qvel; "
                f"{self._env_id} is neither",
            )
        if self._sampler_factory is not None:
            probe_env = self._sampler_factory()
            try:
                return probe_mujoco(
                    probe_env, state_dim=self._state_dim, sample_action=self._probe_action
                )
            finally:
                probe_env.close()
        # A built env given to the constructor: probe with the env itself (its episode ends).
        self._started = False
        return probe_mujoco(self._env, state_dim=self._state_dim, sample_action=self._probe_action)

    def _probe_action(self, rng: np.random.Generator) -> Any:
        if self._n_actions is not None:
            return self._env_action(int(rng.integers(0, self._n_actions)))
        low = np.where(np.isfinite(self._action_low), self._action_low, -1.0)
        high = np.where(np.isfinite(self._action_high), self._action_high, 1.0)
        return self._env_action(rng.uniform(low, high))

    def __repr__(self) -> str:
        variant = f", variant={self._variant}" if self._variant else ""
        return (
            f"PlasmaEnv({self._env_id!r}{variant}, state_dim={self._state_dim}, "
            f"action_dim={self._action_dim}, discrete={self.is_discrete})"
        )

    # ----------------------------------------------------------------- stepping

    def _live(self) -> GymEnv:
        if self._closed:
            raise NotStartedError(f"PlasmaEnv {self._env_id!r} is closed")
        return self._env

    def _call(self, call: str, function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """``function(*args, **kwargs)``, a call into the env's own code (its ``reset``,
        ``step`` or ``close``): whatever it raises becomes an :class:`EnvError` that names the
        env, the call and the step of the episode, with the env's error as its cause. That
        includes ``SystemExit``: an env that calls ``sys.exit()`` (or ``exit()``) would
        otherwise end the whole process, with its status (0 for a plain ``sys.exit()``) and no
        word of why, in the middle of a run; a stop by a signal (a KeyboardInterrupt) is not
        the env's error and goes through."""
        try:
            return function(*args, **kwargs)
        except (Exception, SystemExit) as exc:
            raise EnvError(
                f"env {self._env_id!r} raised {type(exc).__name__} in {call} "
                f"({self._where()}): {exc}; this is the env's own error: fix the env"
            ) from exc

    def _where(self) -> str:
        return f"step {self._elapsed} of its episode" if self._started else "at the episode start"

    def _bad(self, call: str, what: str) -> EnvError:
        """The error of an env whose ``call`` returned ``what`` (words), naming the env, the call
        and the step of the episode."""
        return EnvError(
            f"env {self._env_id!r} returned {what} from {call} ({self._where()}); "
            "this is the env's own error: fix the env"
        )

    def _obs(self, obs: object, call: str = "reset()") -> F32Array:
        """``obs`` as Plasma stores it, checked: an array of real numbers (bools, ints or floats) of
        the declared ``(state_dim,)`` shape, finite."""
        try:
            raw = np.asarray(obs)
        except (TypeError, ValueError) as exc:  # ragged nested lists
            raise self._bad(
                call, f"an observation that is not an array of numbers ({exc})"
            ) from None
        if raw.dtype.kind not in "fiub":
            raise self._bad(
                call,
                f"an observation of dtype {raw.dtype} ({type(obs).__name__}); its space declares "
                f"{self._env.observation_space.dtype}, and Plasma reads real numbers only",
            )
        if raw.shape != (self._state_dim,):
            raise ShapeError(
                f"env {self._env_id!r} returned an observation of shape {raw.shape} from {call} "
                f"({self._where()}); expected ({self._state_dim},) as its observation space "
                "declares: fix the env"
            )
        arr = raw.astype(np.float32)  # a copy: the env may reuse its buffer
        if not np.isfinite(arr).all():
            bad = [self._state_names_or_index(int(i)) for i in np.flatnonzero(~np.isfinite(arr))]
            raise EnvError(
                f"env {self._env_id!r} returned a non-finite observation from {call} "
                f"({self._where()}): {', '.join(bad[:5])}{' ...' if len(bad) > 5 else ''} "
                "NaN or infinite; Plasma learns from finite states only: fix the env (or end "
                "the episode before its state diverges)"
            )
        return arr

    def _reset_result(self, result: object) -> object:
        """The observation of what ``reset()`` returned, which must be ``(obs, info)``."""
        if not isinstance(result, tuple) or len(result) != 2:
            what = _returned(result)
            raise self._bad(
                "reset()",
                f"{what}, not the pair (obs, info) of Gymnasium's API (an env written for the "
                "old gym API, whose reset() returns the observation alone?)",
            )
        if not isinstance(result[1], Mapping):
            raise self._bad("reset()", f"an info of type {type(result[1]).__name__}, not a dict")
        return result[0]

    def _flag(self, value: object, name: str) -> bool:
        """``value`` as a bool: a bool, or an integer 0 or 1 (what envs written before Gymnasium's
        checker often return, and what it only warns about); anything else (a string, None, an
        array) would be read as true or false by accident."""
        if isinstance(value, (bool, np.bool_)):
            return bool(value)
        if isinstance(value, numbers.Integral) and int(value) in (0, 1):
            return bool(value)
        raise self._bad(
            "step()", f"{name}={_short(value)} ({type(value).__name__}); it must be a bool"
        )

    def _reward(self, reward: object) -> float:
        """``reward`` as a float, checked: one real number (a 0-d array is one), finite."""
        if isinstance(reward, (np.ndarray, np.generic)):  # a numpy scalar is a 0-d array
            reward = np.asarray(reward)
            if reward.ndim != 0 or reward.dtype.kind not in "fiub":
                raise self._bad(
                    "step()",
                    f"a reward of shape {reward.shape} and dtype {reward.dtype}; a reward is one "
                    "number",
                )
        elif not isinstance(reward, numbers.Real):
            raise self._bad(
                "step()",
                f"a reward that is not a number: {_short(reward)} ({type(reward).__name__})",
            )
        value = float(reward)
        if not math.isfinite(value):
            raise EnvError(
                f"env {self._env_id!r} returned the reward {value} from step() "
                f"({self._where()}); rewards must be finite: fix the env"
            )
        if abs(value) > REWARD_SCALE:
            self._warn_scale(value)
        return value

    def _warn_scale(self, value: float) -> None:
        with _scale_lock:
            if self._env_id in _scale_warned:
                return
            _scale_warned.add(self._env_id)
        warnings.warn(
            PlasmaWarning(
                f"env {self._env_id!r} returned the reward {value:.3g} from step() "
                f"({self._where()}): rewards past {REWARD_SCALE:.0e} are far outside the scale "
                "Plasma's world model, planner and value are tuned for, so what a run reports "
                "on them means little; scale them down (gymnasium.wrappers.TransformReward)"
            ),
            stacklevel=3,
        )

    def _state_names_or_index(self, i: int) -> str:
        names = self._check.state_names
        return f"{names[i]} (index {i})" if i < len(names) else f"index {i}"

    def reset(self, seed: int | None = None) -> F32Array:
        """Start an episode and return its first observation (float32, ``[state_dim]``).

        Without ``seed`` the first reset uses the ``seed`` given at construction, if any; later
        resets continue the env's random stream.
        """
        env = self._live()
        if seed is None:
            seed, self._pending_seed = self._pending_seed, None
        else:
            seed = _check_count(seed, "seed", minimum=0)
            self._pending_seed = None
        self._started = False
        self._elapsed = 0
        result = self._call("reset()", env.reset, seed=seed)
        self._started = True
        return self._obs(self._reset_result(result), "reset()")

    def action_to_array(self, action: object) -> F32Array:
        """Validate an action and return it as Plasma stores it: float32 ``[action_dim]``.

        A Discrete action may be an int, a numpy integer or a one-element array holding an
        integral value (a float such as ``1.0`` from a model is accepted); it must lie in
        ``0 .. n_actions - 1``.

        Raises:
            ShapeError: the action does not have ``action_dim`` entries.
            InvalidArgumentError: a non-finite value, or a discrete action that is not an
                integer in range.
        """
        try:
            arr = np.asarray(action, dtype=np.float64)
        except (TypeError, ValueError) as exc:
            raise InvalidArgumentError(
                f"action {action!r} cannot be read as numbers: {exc}"
            ) from None
        if arr.size != self._action_dim:
            raise ShapeError(
                f"action has shape {arr.shape}; expected ({self._action_dim},) for env "
                f"{self._env_id!r}"
            )
        arr = arr.reshape(self._action_dim)
        if not np.all(np.isfinite(arr)):
            raise InvalidArgumentError(f"action {arr.tolist()} is not finite")
        if self._n_actions is not None:
            value = float(arr[0])
            index = round(value)
            if abs(value - index) > 1e-6 or not 0 <= index < self._n_actions:
                raise InvalidArgumentError(
                    f"discrete action must be an integer in 0..{self._n_actions - 1}, got {value!r}"
                )
            return np.array([index], dtype=np.float32)
        return arr.astype(np.float32)

    def _env_action(self, action: object) -> Any:
        vector = self.action_to_array(action)
        if self._n_actions is not None:
            return round(float(vector[0])) + self._discrete_start
        space = self._env.action_space
        assert isinstance(space, spaces.Box)
        return vector.astype(space.dtype).reshape(space.shape)

    def step(self, action: object) -> StepResult:
        """Take one real step: ``(obs, reward, terminated, truncated, info)``.

        ``truncated`` is also set when the episode reaches ``max_episode_steps``.

        Raises:
            NotStartedError: neither :meth:`reset` nor :meth:`set_state` was called yet.
        """
        env = self._live()
        if not self._started:
            raise NotStartedError(
                f"call reset() or set_state() on env {self._env_id!r} before step()"
            )
        env_action = self._env_action(action)
        self._elapsed += 1  # the step being taken (what an error names)
        result = self._call("step()", env.step, env_action)
        if not isinstance(result, tuple) or len(result) != 5:
            what = _returned(result)
            old_api = " (an env written for the old gym API, (obs, reward, done, info)?)"
            raise self._bad(
                "step()",
                f"{what}, not the five (obs, reward, terminated, truncated, info) of Gymnasium's "
                f"API{old_api if isinstance(result, tuple) and len(result) == 4 else ''}",
            )
        obs, reward, terminated, truncated, info = result
        value = self._reward(reward)
        ended = self._flag(terminated, "terminated")
        truncated = self._flag(truncated, "truncated") or (
            self._max_steps is not None and self._elapsed >= self._max_steps
        )
        if not isinstance(info, Mapping):
            raise self._bad("step()", f"an info of type {type(info).__name__}, not a dict")
        return self._obs(obs, "step()"), value, ended, truncated, dict(info)

    # ----------------------------------------------------------------- states

    def _check_state(self, state: object, what: str = "state") -> F32Array:
        try:
            arr = np.asarray(state, dtype=np.float64)
        except (TypeError, ValueError) as exc:
            raise InvalidArgumentError(f"{what} cannot be read as numbers: {exc}") from None
        if arr.shape != (self._state_dim,):
            raise ShapeError(
                f"{what} has shape {arr.shape}; expected ({self._state_dim},) = "
                f"{self.state_names} for env {self._env_id!r}"
            )
        if not np.all(np.isfinite(arr)):
            bad = [n for n, v in zip(self.state_names, arr, strict=True) if not math.isfinite(v)]
            named = ", ".join(bad[:8]) + (f" and {len(bad) - 8} more" if len(bad) > 8 else "")
            raise InvalidArgumentError(f"{what} has non-finite values for {named}")
        return arr.astype(np.float32)

    def _check_start_step(self, step: object) -> int:
        if isinstance(step, float) and step.is_integer():
            step = int(step)
        start = _check_count(step, "step", minimum=0)
        if self._max_steps is not None and start >= self._max_steps:
            raise InvalidArgumentError(
                f"step {start} is past the episode limit of env {self._env_id!r} "
                f"(max_episode_steps={self._max_steps})"
            )
        return start

    def set_state(self, obs: object, *, step: int = 0) -> F32Array:
        """Put the env into the state the observation ``obs`` describes (reset-to-state).

        The next :meth:`step` then continues from exactly that state, so imagined paths can be
        replayed in the real env. ``step`` is the time index the episode continues from (it
        counts towards ``max_episode_steps``). Returns the observation the env now reports
        (Pendulum and Acrobot re-derive cos/sin from the angle, so it may differ from ``obs`` in
        the last bits).

        Classic-control envs Plasma knows, and MuJoCo envs whose observation determines the
        simulator state (see :attr:`reset_to_state`; the MuJoCo env reports the observation of
        the state it was put in, so parts derived from it may differ from ``obs``).

        Raises:
            EnvNotSupportedError: the env's state cannot be set (the message says why).
            ShapeError: ``obs`` is not a ``[state_dim]`` vector.
            InvalidArgumentError: ``obs`` has non-finite values, or ``step`` is out of range.
        """
        support = self.reset_to_state
        if not support.supported:
            raise EnvNotSupportedError(
                f"reset-to-state is not available for env {self._env_id!r}: {support.reason}"
            )
        vector = self._check_state(obs, "obs")
        start = self._check_start_step(step)
        env = self._live()
        if not self._started:
            seed, self._pending_seed = self._pending_seed, None
            self._call("reset()", env.reset, seed=seed)
        if support.state_map is not None:
            return self._set_mujoco_state(vector, start, support)
        known = self._known
        assert known is not None
        state = known.obs_to_state(vector.astype(np.float64)).astype(known.state_dtype)
        unwrapped = env.unwrapped
        unwrapped.state = state  # type: ignore[attr-defined]
        if known.after_set_state is not None:
            known.after_set_state(unwrapped)
        self._started = True
        self._elapsed = start
        return known.state_to_obs(state.astype(np.float64)).astype(np.float32)

    def _set_mujoco_state(self, vector: F32Array, start: int, support: ResetToState) -> F32Array:
        assert support.state_map is not None
        qpos, qvel = support.state_map.state(vector)
        unwrapped = self._env.unwrapped
        unwrapped.set_state(qpos, qvel)  # type: ignore[attr-defined]
        self._started = True
        self._elapsed = start
        get_obs = getattr(unwrapped, "_get_obs", None)
        if callable(get_obs) and self._env.observation_space == unwrapped.observation_space:
            current = np.asarray(get_obs(), dtype=np.float32).reshape(-1)
            if current.shape == (self._state_dim,):
                return current
        return vector.copy()

    def _start_sampler(self) -> GymEnv:
        if self._sampler is not None:
            return self._sampler
        if self._sampler_factory is None:
            # No separate instance can be built: sample with the env itself, ending its episode.
            self._started = False
            return self._live()
        sampler = self._sampler_factory()
        if self._known is not None:
            apply_variant(sampler.unwrapped, self._known, self._variant)
        self._sampler = sampler
        return sampler

    def sample_start_states(self, n: int, seed: int | None = None) -> F32Array:
        """Draw ``n`` states from the env's reset distribution: float32 ``[n, state_dim]``.

        The states come from resetting a separate instance of the env (for an env given to the
        constructor, the env itself: its current episode ends and :meth:`reset` is needed again).
        With a ``seed`` the draw is reproducible.
        """
        count = _check_count(n, "n", minimum=0)
        first_seed = _as_seed(seed)
        out = np.empty((count, self._state_dim), dtype=np.float32)
        if count == 0:
            return out
        sampler = self._start_sampler()
        if sampler is self._env:
            self._started = False
        for i in range(count):
            result = self._call("reset()", sampler.reset, seed=first_seed if i == 0 else None)
            out[i] = self._obs(self._reset_result(result), "reset()")
        return out

    def _names_help(self) -> str:
        names = list(self.state_names)
        if self._known is not None:
            names += [p.angle for p in self._known.angle_pairs]
        return ", ".join([*names, _STEP_KEY])

    def state_from_dict(
        self,
        values: Mapping[str, float],
        *,
        seed: int | np.random.Generator | None = None,
    ) -> tuple[F32Array, int]:
        """Build a state vector from named variables: ``(state [state_dim] float32, start_step)``.

        The dict may be partial: variables it leaves out are drawn from the env's start
        distribution (reproducibly with ``seed``). The key ``"step"`` is not a state variable but
        the time index the path starts at (default 0). For Pendulum the angle ``"theta"``
        (radians) may be given instead of ``cos_theta``/``sin_theta``; for Acrobot likewise
        ``"theta1"`` and ``"theta2"``. A cos/sin pair must be given whole (or as its angle).

        Raises:
            InvalidArgumentError: an unknown name (the message lists the valid ones), a value that
                is not a finite number, half of a cos/sin pair, or an angle given together with
                its cos/sin.
        """
        if not isinstance(values, Mapping):
            raise InvalidArgumentError(
                f"state must be a mapping of variable name to value, got {type(values).__name__}"
            )
        names = self.state_names
        index = {name: i for i, name in enumerate(names)}
        pairs = self._known.angle_pairs if self._known is not None else ()
        angles = {p.angle: p for p in pairs}
        given: dict[str, float] = {}
        start = 0
        for key, value in values.items():
            if key == _STEP_KEY:
                start = self._check_start_step(value)
                continue
            if key not in index and key not in angles:
                raise InvalidArgumentError(
                    f"unknown state variable {key!r} for env {self._env_id!r}; valid names: "
                    f"{self._names_help()}"
                )
            if isinstance(value, bool) or not isinstance(value, numbers.Real):
                raise InvalidArgumentError(
                    f"state variable {key!r} must be a number, not {value!r}"
                )
            number = float(value)
            if not math.isfinite(number):
                raise InvalidArgumentError(f"state variable {key!r} is not finite: {number!r}")
            given[key] = number

        for pair in pairs:
            has_cos, has_sin = pair.cos in given, pair.sin in given
            if pair.angle in given:
                if has_cos or has_sin:
                    raise InvalidArgumentError(
                        f"give either {pair.angle!r} or {pair.cos!r}/{pair.sin!r}, not both"
                    )
                angle = given.pop(pair.angle)
                given[pair.cos], given[pair.sin] = math.cos(angle), math.sin(angle)
            elif has_cos != has_sin:
                raise InvalidArgumentError(
                    f"give both {pair.cos!r} and {pair.sin!r} (or the angle {pair.angle!r} "
                    f"alone), not just one of them"
                )
            elif has_cos:
                norm = given[pair.cos] ** 2 + given[pair.sin] ** 2
                if abs(norm - 1.0) > 1e-3:
                    raise InvalidArgumentError(
                        f"{pair.cos}**2 + {pair.sin}**2 = {norm:.6g}, but a real state has 1; "
                        f"give the angle {pair.angle!r} instead"
                    )

        if len(given) < len(names):
            state = self.sample_start_states(1, seed=_as_seed(seed))[0].astype(np.float64)
        else:
            state = np.zeros(len(names), dtype=np.float64)
        for key, number in given.items():
            state[index[key]] = number
        return state.astype(np.float32), start

    def state_to_dict(self, state: object) -> dict[str, float]:
        """Name the entries of a ``[state_dim]`` state vector."""
        vector = self._check_state(state)
        return {name: float(v) for name, v in zip(self.state_names, vector, strict=True)}

    # ----------------------------------------------------------------- lifetime

    def close(self) -> None:
        """Close the env (and the instance used to sample start states). Safe to call twice."""
        if self._closed:
            return
        self._closed = True
        try:
            if self._sampler is not None:
                self._call("close()", self._sampler.close)
        finally:
            self._call("close()", self._env.close)

    def __enter__(self) -> PlasmaEnv:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close_after(exc)

    def close_after(self, error: BaseException | None) -> None:
        """Close the env at the end of a piece of work done with it (what leaving a ``with env:``
        block does), the one rule for an env whose ``close()`` fails then: with ``error`` (the
        work's own error, in flight) close()'s error is dropped, the work's says more; without
        it the work is done and its result safe (an evaluation computed, an audit decided), so
        close()'s error is a warning naming the env, once per env id and process, not an error
        raised over the result. ``close()`` called directly still raises."""
        if error is not None:
            with contextlib.suppress(EnvError):
                self.close()
            return
        try:
            self.close()
        except EnvError as err:
            with _scale_lock:
                if self._env_id in _close_warned:
                    return
                _close_warned.add(self._env_id)
            warnings.warn(f"{err}; what was done with it stands", PlasmaWarning, stacklevel=3)


def _returned(result: object) -> str:
    """What an env call returned, in words for an error: ``N values`` for a tuple, else its
    type's name."""
    return f"{len(result)} values" if isinstance(result, tuple) else type(result).__name__


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def make_env(
    env_id: str | GymEnv = "Pendulum-v1",
    variant: Mapping[str, float] | str | None = None,
    *,
    seed: int | None = None,
    max_episode_steps: int | None = None,
    env_kwargs: Mapping[str, Any] | None = None,
) -> PlasmaEnv:
    """Build a :class:`PlasmaEnv` for a Gymnasium env.

    Args:
        env_id: A Gymnasium id such as ``"Pendulum-v1"``, Gymnasium's ``"module:Name-v0"`` form
            (``module`` is imported first, so that it registers the env: how a user's own env
            is named), or an already built ``gymnasium.Env`` (which the adapter then owns: the
            variant is applied to it and ``close()`` closes it). The env needs a 1-D Box
            observation space and a 1-D Box or Discrete action space.
        variant: Physical constants to change, as a mapping or a string ``"g=12.0,m=1.2"``
            (names are case-insensitive; values must be finite and positive). Pendulum: ``g``,
            ``m``, ``l``. CartPole: ``gravity``, ``masscart``, ``masspole``, ``length`` (half the
            pole), ``force_mag``. MountainCar: ``force``, ``gravity``. MountainCarContinuous:
            ``power``. Acrobot: ``LINK_LENGTH_1``, ``LINK_LENGTH_2``, ``LINK_MASS_1``,
            ``LINK_MASS_2``, ``LINK_COM_POS_1``, ``LINK_COM_POS_2``, ``LINK_MOI``.
        seed: Seeds the first reset and the action space.
        max_episode_steps: Time limit; default the registered one (or ``env_kwargs``'s
            ``max_episode_steps``).
        env_kwargs: Keyword arguments of ``gymnasium.make`` (the env's constructor arguments),
            e.g. ``{"max_speed": 10.0}``; every copy of the env Plasma makes gets them.

    Raises:
        EnvNotSupportedError: an unknown id, a missing dependency, a constructor that fails
            (with these ``env_kwargs``), or spaces Plasma cannot use (the message lists every
            problem).
        InvalidArgumentError: a bad variant, seed, time limit or ``env_kwargs``.
    """
    kwargs = dict(env_kwargs or {})
    if not all(isinstance(k, str) for k in kwargs):
        raise InvalidArgumentError(f"env_kwargs keys must be strings, got {list(kwargs)}")
    if "max_episode_steps" in kwargs:
        limit = kwargs.pop("max_episode_steps")
        max_episode_steps = limit if max_episode_steps is None else max_episode_steps
    if isinstance(env_id, gym.Env):
        if kwargs:
            raise InvalidArgumentError("env_kwargs apply to an env id, not to a built env")
        return PlasmaEnv(env_id, variant=variant, seed=seed, max_episode_steps=max_episode_steps)
    gym_env = make_gym_env(env_id, max_episode_steps=-1, **kwargs)
    try:
        if max_episode_steps is None:
            max_episode_steps = registered_spec(env_id).max_episode_steps
        plasma_env = PlasmaEnv(
            gym_env,
            env_id=env_id,
            variant=variant,
            seed=seed,
            max_episode_steps=max_episode_steps,
        )
    except BaseException:
        gym_env.close()
        raise
    plasma_env._sampler_factory = lambda: make_gym_env(
        env_id, max_episode_steps=-1, disable_env_checker=True, **kwargs
    )
    return plasma_env


def check_env(
    env_or_id: str | GymEnv | Checked,
    *,
    env_kwargs: Mapping[str, Any] | None = None,
    needs: Callable[[EnvCheck], str | None] | None = None,
) -> EnvCheck:
    """Check whether Plasma can use an environment, explaining every problem; never raises.

    ``env_or_id`` is a Gymnasium id (``"Pendulum-v1"``, or ``"my_pkg.envs:MyEnv-v0"`` to import
    the module that registers it; the env is built with ``env_kwargs``, reset, stepped once with
    a random action and closed), a constructed ``gymnasium.Env`` or a
    :class:`~plasma.envs.PlasmaEnv`. An id that cannot be made, an env whose constructor, reset
    or step fails: each is reported as a problem. Call :meth:`EnvCheck.raise_for_problems` to
    turn problems into an error.

    ``needs`` is the caller's own rule on spaces Plasma supports (``plasma-train``: the memory a
    run on them needs); what it returns is a problem, found before the env is reset or stepped.
    """
    if isinstance(env_or_id, str):
        env_id = env_or_id
        try:
            env = make_gym_env(env_id, max_episode_steps=-1, **dict(env_kwargs or {}))
        except EnvNotSupportedError as exc:
            return EnvCheck(env_id=env_id, supported=False, problems=[str(exc)])
        try:
            result = _inspect_reporting(env, env_id)
            problem = needs(result) if result.supported and needs is not None else None
            if problem is not None:
                return result.model_copy(
                    update={"supported": False, "problems": [*result.problems, problem]}
                )
            if result.supported:
                result = _smoke(env, result)
            with contextlib.suppress(EnvNotSupportedError):
                steps = registered_spec(env_id).max_episode_steps
                result = result.model_copy(update={"max_episode_steps": steps})
            return result
        finally:
            with contextlib.suppress(Exception):
                env.close()
    if isinstance(env_or_id, gym.Env):
        return _inspect_reporting(env_or_id, None)
    if isinstance(env_or_id, Checked) and isinstance(env_or_id.check, EnvCheck):
        return env_or_id.check
    return EnvCheck(
        env_id=repr(env_or_id),
        supported=False,
        problems=[
            f"expected a Gymnasium env id, a gymnasium.Env or a PlasmaEnv, got "
            f"{type(env_or_id).__name__}"
        ],
    )


def _inspect_reporting(env: GymEnv, env_id: str | None) -> EnvCheck:
    try:
        return inspect_gym_env(env, env_id)
    except Exception as exc:  # a user env's spaces can fail in any way
        return EnvCheck(
            env_id=env_id or type(env).__name__,
            supported=False,
            problems=[f"inspecting the env failed: {type(exc).__name__}: {exc}"],
        )


def _smoke(env: GymEnv, check: EnvCheck) -> EnvCheck:
    """``check`` with the problems of one reset and one random step of ``env`` added, judged by
    the rules a run applies to every reset and step (the adapter's, :class:`PlasmaEnv`: the
    observation, the reward, the flags, the info; the env's own errors, ``sys.exit()``
    included), so that what the first real reset or step would refuse is refused here, before
    a run directory is made, with the same words."""
    problems: list[str] = []
    try:
        adapted = PlasmaEnv(env, env_id=check.env_id)
        adapted.reset(seed=0)
        rng = np.random.default_rng(0)
        if adapted.n_actions is not None:
            action: Any = int(rng.integers(0, adapted.n_actions))
        else:
            low = np.where(np.isfinite(adapted.action_low), adapted.action_low, -1.0)
            high = np.where(np.isfinite(adapted.action_high), adapted.action_high, 1.0)
            action = rng.uniform(low, high)
        adapted.step(action)
    except PlasmaError as exc:
        problems.append(" ".join(str(exc).split()))
    except Exception as exc:  # the user's env code outside the adapter's calls (its spaces)
        problems.append(f"checking the env failed: {type(exc).__name__}: {exc}")
    if not problems:
        return check
    return check.model_copy(update={"supported": False, "problems": check.problems + problems})
