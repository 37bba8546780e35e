"""Real experience: :class:`Transitions`, validated arrays with an atomic ``.npz`` format."""

from __future__ import annotations

import json
import math
import os
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

import numpy as np

from plasma._arrays import check_finite
from plasma._io import atomic_write, existing_file, npz_arrays
from plasma.errors import InvalidArgumentError, ShapeError

__all__ = ["Transitions", "generic_state_names"]

F32Array = np.ndarray[Any, np.dtype[np.float32]]
BoolArray = np.ndarray[Any, np.dtype[np.bool_]]


def generic_state_names(state_dim: int) -> list[str]:
    """Names for the variables of an env Plasma has no knowledge of: ``x0``, ``x1``, ..."""
    return [f"x{i}" for i in range(state_dim)]


F64Array = np.ndarray[Any, np.dtype[np.float64]]

FORMAT = "plasma.transitions"
FORMAT_VERSION = 1
ARRAY_NAMES = ("obs", "action", "reward", "next_obs", "terminated", "truncated")
_META_KEY = "meta"


def _read_array(name: str, value: object) -> np.ndarray:
    try:
        return np.asarray(value)
    except Exception as exc:  # ragged lists and the like
        raise ShapeError(f"{name} cannot be read as an array: {exc}") from None


def _float_array(name: str, value: object, shape: tuple[int, ...] | None = None) -> F32Array:
    """``value`` as float32; of ``shape`` when given."""
    arr = _read_array(name, value)
    if arr.dtype == np.bool_ or not (
        np.issubdtype(arr.dtype, np.floating) or np.issubdtype(arr.dtype, np.integer)
    ):
        raise ShapeError(f"{name} has dtype {arr.dtype}; expected float32 (or a real number type)")
    with np.errstate(over="ignore"):
        return _of_shape(name, np.ascontiguousarray(arr, dtype=np.float32), shape)


def _bool_array(name: str, value: object, shape: tuple[int, ...] | None = None) -> BoolArray:
    """``value`` as bool (from bools or integers 0/1); of ``shape`` when given."""
    arr = _read_array(name, value)
    if arr.dtype == np.bool_:
        out = np.ascontiguousarray(arr)
    elif np.issubdtype(arr.dtype, np.integer) and np.all((arr == 0) | (arr == 1)):
        out = np.ascontiguousarray(arr, dtype=np.bool_)
    else:
        raise ShapeError(f"{name} has dtype {arr.dtype}; expected bool (or integers 0/1)")
    return _of_shape(name, out, shape)


_Arr = TypeVar("_Arr", bound=np.ndarray)


def _of_shape(name: str, arr: _Arr, shape: tuple[int, ...] | None) -> _Arr:
    if shape is not None and arr.shape != shape:
        raise ShapeError(f"{name} has shape {arr.shape}; expected {shape}")
    return arr


class Transitions:
    """A batch of real environment transitions, as arrays.

    ``obs[N, S]``, ``action[N, A]``, ``reward[N]`` and ``next_obs[N, S]`` are float32;
    ``terminated[N]`` and ``truncated[N]`` are bool. A Discrete action is stored as its index,
    as a float, in ``action[N, 1]``. The metadata (``env_id``, ``variant``, ``state_names``,
    ``n_actions``) says where the data came from.

    The arrays are checked on construction (other real dtypes are converted to float32; integer
    0/1 arrays to bool) and kept as given; do not change them in place.
    """

    obs: F32Array
    """Observations before each step, ``[N, S]`` float32."""
    action: F32Array
    """Actions taken, ``[N, A]`` float32 (a Discrete action is its index in ``[N, 1]``)."""
    reward: F32Array
    """Rewards received, ``[N]`` float32."""
    next_obs: F32Array
    """Observations after each step, ``[N, S]`` float32 (the final one when the episode ended)."""
    terminated: BoolArray
    """Whether each step ended the episode by the env's own rule, ``[N]`` bool."""
    truncated: BoolArray
    """Whether each step ended the episode by a time limit, ``[N]`` bool."""
    env_id: str
    """Id of the env the data came from."""
    variant: dict[str, float]
    """Physical constants of the env that differed from its defaults."""
    state_names: list[str]
    """Names of the ``S`` observation variables."""
    n_actions: int | None
    """Number of discrete actions, or None for continuous actions."""

    def __init__(
        self,
        obs: object,
        action: object,
        reward: object,
        next_obs: object,
        terminated: object,
        truncated: object,
        *,
        env_id: str = "unknown",
        variant: Mapping[str, float] | None = None,
        state_names: Sequence[str] | None = None,
        n_actions: int | None = None,
    ) -> None:
        """Check and hold the arrays.

        Raises:
            ShapeError: an array has the wrong shape or dtype (the message names the array, its
                shape and the one expected).
            InvalidArgumentError: NaN or Inf in a float array, a discrete action that is not an
                index, or bad metadata.
        """
        obs_a = _float_array("obs", obs)
        if obs_a.ndim != 2 or obs_a.shape[1] < 1:
            raise ShapeError(f"obs has shape {obs_a.shape}; expected (N, S) with S >= 1")
        n, s = obs_a.shape
        action_a = _float_array("action", action)
        if action_a.ndim != 2 or action_a.shape[0] != n or action_a.shape[1] < 1:
            hint = " (for one action variable use action[:, None])" if action_a.ndim == 1 else ""
            raise ShapeError(f"action has shape {action_a.shape}; expected ({n}, A){hint}")
        reward_a = _float_array("reward", reward, (n,))
        next_obs_a = _float_array("next_obs", next_obs, (n, s))
        terminated_a = _bool_array("terminated", terminated, (n,))
        truncated_a = _bool_array("truncated", truncated, (n,))
        for name, arr in (
            ("obs", obs_a),
            ("action", action_a),
            ("reward", reward_a),
            ("next_obs", next_obs_a),
        ):
            check_finite(name, arr)

        if not isinstance(env_id, str):
            raise InvalidArgumentError(f"env_id must be a string, got {env_id!r}")
        names = generic_state_names(s) if state_names is None else list(state_names)
        if len(names) != s or not all(isinstance(x, str) for x in names):
            raise InvalidArgumentError(
                f"state_names must be {s} strings (one per obs column), got {names!r}"
            )
        if len(set(names)) != len(names):
            raise InvalidArgumentError(f"state_names has duplicates: {names!r}")
        variant_d: dict[str, float] = {}
        for key, value in (variant or {}).items():
            if not isinstance(key, str) or isinstance(value, bool):
                raise InvalidArgumentError(f"variant entry {key!r}: {value!r} is not name: number")
            number = float(value)
            if not math.isfinite(number):
                raise InvalidArgumentError(f"variant entry {key!r} is not finite: {number!r}")
            variant_d[key] = number
        if n_actions is not None:
            if isinstance(n_actions, bool) or not isinstance(n_actions, int) or n_actions < 1:
                raise InvalidArgumentError(f"n_actions must be a positive int, got {n_actions!r}")
            if action_a.shape[1] != 1:
                raise ShapeError(
                    f"action has shape {action_a.shape}; expected ({n}, 1) for discrete actions"
                )
            ok = (action_a == np.round(action_a)) & (action_a >= 0) & (action_a < n_actions)
            if not ok.all():
                bad = int(np.argwhere(~ok)[0][0])
                raise InvalidArgumentError(
                    f"action[{bad}] = {float(action_a[bad, 0])!r} is not a discrete action "
                    f"index in 0..{n_actions - 1}"
                )

        self.obs, self.action, self.reward, self.next_obs = obs_a, action_a, reward_a, next_obs_a
        self.terminated, self.truncated = terminated_a, truncated_a
        self.env_id = env_id
        self.variant = variant_d
        self.state_names = names
        self.n_actions = n_actions

    # ----------------------------------------------------------------- description

    def __len__(self) -> int:
        return int(self.obs.shape[0])

    def __repr__(self) -> str:
        return (
            f"Transitions(n={len(self)}, env_id={self.env_id!r}, state_dim={self.state_dim}, "
            f"action_dim={self.action_dim}, episodes_ended={int(self.done.sum())})"
        )

    @property
    def state_dim(self) -> int:
        """Number of observation variables ``S``."""
        return int(self.obs.shape[1])

    @property
    def action_dim(self) -> int:
        """Number of action variables ``A``."""
        return int(self.action.shape[1])

    @property
    def is_discrete(self) -> bool:
        """True when the actions are discrete indices."""
        return self.n_actions is not None

    @property
    def done(self) -> BoolArray:
        """``terminated | truncated``: where an episode ended, ``[N]`` bool."""
        return self.terminated | self.truncated

    @property
    def meta(self) -> dict[str, Any]:
        """The metadata as a JSON-ready dict."""
        return {
            "env_id": self.env_id,
            "variant": dict(self.variant),
            "state_names": list(self.state_names),
            "n_actions": self.n_actions,
        }

    @classmethod
    def _from(
        cls, arrays: Mapping[str, np.ndarray[Any, Any]], meta: Mapping[str, Any]
    ) -> Transitions:
        """A batch of ``arrays`` (by the names of ``ARRAY_NAMES``) and the metadata ``meta`` (the
        keys of :attr:`meta`)."""
        return cls(
            *(arrays[name] for name in ARRAY_NAMES),
            env_id=meta["env_id"],
            variant=meta["variant"],
            state_names=meta["state_names"],
            n_actions=meta["n_actions"],
        )

    def _with_arrays(self, arrays: Mapping[str, np.ndarray[Any, Any]]) -> Transitions:
        return Transitions._from(arrays, self.meta)

    # ----------------------------------------------------------------- combining

    def take(self, indices: object) -> Transitions:
        """A new batch with the transitions at ``indices`` (ints or a bool mask), in that order."""
        idx = np.asarray(indices)
        if idx.dtype != np.bool_ and not np.issubdtype(idx.dtype, np.integer) and idx.size:
            raise InvalidArgumentError(f"indices must be integers or a bool mask, not {idx.dtype}")
        if idx.dtype == np.bool_ and idx.shape != (len(self),):
            raise ShapeError(f"mask has shape {idx.shape}; expected ({len(self)},)")
        idx = idx.astype(np.int64) if idx.dtype != np.bool_ else idx
        try:
            return self._with_arrays({name: getattr(self, name)[idx] for name in ARRAY_NAMES})
        except IndexError as exc:
            raise InvalidArgumentError(f"bad indices for {len(self)} transitions: {exc}") from None

    def concat(self, *others: Transitions) -> Transitions:
        """Join this batch and ``others`` end to end; their metadata must match.

        Raises:
            InvalidArgumentError: an argument is not Transitions, or its metadata (env id,
                variant, state names, discrete actions) differs from this batch's.
        """
        for i, other in enumerate(others):
            if not isinstance(other, Transitions):
                raise InvalidArgumentError(
                    f"concat takes Transitions, argument {i} is {type(other).__name__}"
                )
            mine, theirs = self.meta, other.meta
            diff = [k for k in mine if mine[k] != theirs[k]]
            if diff:
                detail = "; ".join(f"{k}: {mine[k]!r} vs {theirs[k]!r}" for k in diff)
                raise InvalidArgumentError(
                    f"cannot concat Transitions with different metadata (argument {i}): {detail}"
                )
            if other.action_dim != self.action_dim or other.state_dim != self.state_dim:
                raise ShapeError(
                    f"cannot concat Transitions of shapes S={self.state_dim}, A={self.action_dim} "
                    f"and S={other.state_dim}, A={other.action_dim} (argument {i})"
                )
        batches = (self, *others)
        return self._with_arrays(
            {
                name: np.concatenate([getattr(b, name) for b in batches], axis=0)
                for name in ARRAY_NAMES
            }
        )

    def split(
        self, holdout_frac: float, seed: int | None = None
    ) -> tuple[Transitions, Transitions]:
        """Split at random into ``(train, holdout)``; each keeps the original order.

        ``holdout_frac`` (strictly between 0 and 1) of the transitions, rounded, at least one and
        leaving at least one, go to the holdout part.
        """
        if isinstance(holdout_frac, bool) or not isinstance(holdout_frac, (int, float)):
            raise InvalidArgumentError(f"holdout_frac must be a number, got {holdout_frac!r}")
        if not 0.0 < holdout_frac < 1.0:
            raise InvalidArgumentError(
                f"holdout_frac must be strictly between 0 and 1, got {holdout_frac!r}"
            )
        n = len(self)
        if n < 2:
            raise InvalidArgumentError(f"cannot split {n} transition(s); need at least 2")
        n_hold = min(n - 1, max(1, round(n * holdout_frac)))
        order = np.random.default_rng(seed).permutation(n)
        mask = np.zeros(n, dtype=np.bool_)
        mask[order[:n_hold]] = True
        return self.take(~mask), self.take(mask)

    def episode_ends(self) -> BoolArray:
        """Where an episode ends, ``[N]`` bool: a ``terminated | truncated`` row, or a row whose
        ``next_obs`` is not the following ``obs`` (where batches were joined, or taken out of
        order). The last row ends an episode only when it is done."""
        ends = self.done.copy()
        if len(self) > 1:
            ends[:-1] |= np.any(self.next_obs[:-1] != self.obs[1:], axis=1)
        return ends

    def episode_returns(self) -> F64Array:
        """Undiscounted returns of the complete episodes, in order, float64 ``[E]``.

        Episodes end where ``terminated | truncated``. A transition whose ``next_obs`` is not the
        following ``obs`` (where batches were joined, or taken out of order) also starts a new
        episode; the pieces cut off that way, and a last episode still running, are incomplete
        and left out.
        """
        n = len(self)
        if n == 0:
            return np.zeros(0, dtype=np.float64)
        done = self.done
        ends = self.episode_ends()
        ends[-1] = True
        end_idx = np.flatnonzero(ends)
        starts = np.concatenate(([0], end_idx[:-1] + 1))
        sums = np.add.reduceat(self.reward.astype(np.float64), starts)
        return sums[done[end_idx]]

    # ----------------------------------------------------------------- files

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the batch to ``path`` as an ``.npz`` archive, atomically; returns the path.

        The data goes to a temporary file in the same directory, is flushed to disk and then
        renamed over ``path``, so readers see the old file or the new one, never a torn one.
        The metadata is stored as a JSON string (no pickle).
        """
        target = Path(path)
        meta = {"format": FORMAT, "version": FORMAT_VERSION, **self.meta}
        arrays = {
            "obs": self.obs,
            "action": self.action,
            "reward": self.reward,
            "next_obs": self.next_obs,
            "terminated": self.terminated,
            "truncated": self.truncated,
            "meta": np.array(json.dumps(meta)),
        }
        return atomic_write(target, lambda handle: np.savez(handle, **arrays))  # type: ignore[arg-type]

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Transitions:
        """Read a batch written by :meth:`save` (with ``allow_pickle=False``).

        Raises:
            MissingFileError: there is no such file.
            InvalidArgumentError: the file is not a Transitions archive (a directory, empty), is
                corrupt or truncated,
                or lacks arrays (the message names them).
            ShapeError: an array in the file has the wrong shape.
        """
        source = existing_file(path, "transitions file")
        # Open the file here so it is closed on every path (np.load leaks it on a bad zip).
        with open(source, "rb") as handle:
            arrays, meta_raw = _read_archive(source, handle)
        meta = _parse_meta(source, meta_raw)
        try:
            return cls._from(arrays, meta)
        except ShapeError as exc:
            raise ShapeError(f"{source}: {exc}") from exc
        except InvalidArgumentError as exc:
            raise InvalidArgumentError(f"{source}: {exc}") from exc


def _read_archive(
    source: Path, handle: BinaryIO
) -> tuple[dict[str, np.ndarray[Any, Any]], np.ndarray[Any, Any]]:
    try:
        loaded = np.load(handle, allow_pickle=False)
    except (ValueError, OSError, EOFError, zipfile.BadZipFile) as exc:
        raise InvalidArgumentError(
            f"{source} is not a readable .npz archive (corrupt, truncated or another format): {exc}"
        ) from exc
    if not isinstance(loaded, np.lib.npyio.NpzFile):
        raise InvalidArgumentError(f"{source} holds a single array, not a Transitions archive")
    with loaded as data:
        missing = [name for name in (*ARRAY_NAMES, _META_KEY) if name not in data.files]
        if missing:
            raise InvalidArgumentError(
                f"{source} is not a complete Transitions archive: missing {missing} "
                f"(it has {sorted(data.files)})"
            )
        try:
            arrays = npz_arrays(data, [*ARRAY_NAMES, _META_KEY], source)
            meta_raw = arrays.pop(_META_KEY)
        except InvalidArgumentError:
            raise
        except Exception as exc:  # zlib/zip/format errors of a damaged member
            raise InvalidArgumentError(
                f"{source} is corrupt: cannot read its arrays ({type(exc).__name__}: {exc})"
            ) from exc
    for name, array in arrays.items():  # what save() writes; a cast would change the data
        want = "b" if name in ("terminated", "truncated") else "f"
        if array.dtype.kind != want:
            raise InvalidArgumentError(
                f"{source}: array {name!r} is {array.dtype}, not "
                f"{'bool' if want == 'b' else 'floating point'} as Plasma writes it (another "
                "program's file, or edited)"
            )
    return arrays, meta_raw


def _parse_meta(source: Path, raw: np.ndarray[Any, Any]) -> dict[str, Any]:
    if raw.shape != () or raw.dtype.kind != "U":
        raise InvalidArgumentError(f"{source}: 'meta' is not a JSON string")
    try:
        meta = json.loads(str(raw[()]))
    except json.JSONDecodeError as exc:
        raise InvalidArgumentError(f"{source}: 'meta' is not valid JSON: {exc}") from exc
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        raise InvalidArgumentError(f"{source} is not a Plasma Transitions archive")
    if meta.get("version") != FORMAT_VERSION:
        raise InvalidArgumentError(
            f"{source} has Transitions format version {meta.get('version')!r}; this Plasma reads "
            f"version {FORMAT_VERSION}"
        )
    expected = {"env_id": str, "variant": dict, "state_names": list}
    for key, kind in expected.items():
        if not isinstance(meta.get(key), kind):
            raise InvalidArgumentError(f"{source}: meta field {key!r} is missing or malformed")
    meta.setdefault("n_actions", None)
    return meta
