"""``PhantomPaths``: imagined trajectories as a structure of numpy arrays.

Shapes (P paths, H steps, S state variables, A action dimensions):
``states[P,H+1,S]``, ``actions[P,H,A]``, ``rewards[P,H]``, ``dones[P,H]`` (bool),
``uncertainty[P,H]`` (ensemble disagreement of the predicted next state), ``lengths[P]`` (steps
up to and including the first done, H if none), ``members[P]`` (ensemble member that drove the
path, -1 when members were redrawn every step), optional ``action_labels[P,H,A]`` (the
planner's actions), ``plan_values[P,H]`` (the planner's estimate of the value of each step's
state, a target for learning a value) and ``start_step[P]``. After ``lengths[p]`` a path is
frozen: its state repeats and its rewards are 0. The auditor records its verdict in
``approved[P]``. Non-finite values are kept (the auditor's job is to find them), never silently
dropped.
"""

from __future__ import annotations

import hashlib
import json
import os
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from plasma._io import atomic_write, existing_file, npz_arrays
from plasma.errors import InvalidArgumentError, ShapeError

__all__ = ["PathsMeta", "PhantomPaths"]

_FORMAT = "plasma.phantom_paths/1"


class PathsMeta(BaseModel):
    """Where a batch of paths came from."""

    model_config = ConfigDict(extra="forbid")

    env_id: str | None = None
    """Gymnasium id of the environment the model imitates (None for user-built paths)."""
    variant: dict[str, float] = Field(default_factory=dict)
    """Physical variant of the environment."""
    state_names: list[str] = Field(default_factory=list)
    """Names of the state variables (empty: unnamed)."""
    discrete_actions: int | None = None
    """Number of discrete actions (actions hold the index), or None for continuous actions."""
    action_low: list[float] | None = None
    """Lower bounds of the actions."""
    action_high: list[float] | None = None
    """Upper bounds of the actions."""
    mode: str = "custom"
    """How the actions were chosen: "planner", "policy", "actions", "random" or "custom"."""
    model_id: str | None = None
    """Identifier of the world model that imagined the paths."""
    seed: int | None = None
    """Seed of the rollout."""


def _array(name: str, value: Any, dtype: Any) -> np.ndarray:
    try:
        return np.ascontiguousarray(value, dtype=dtype)
    except (TypeError, ValueError) as err:
        raise ShapeError(f"{name} cannot be read as a {np.dtype(dtype).name} array: {err}") from err


@dataclass(eq=False)
class PhantomPaths:
    """A batch of imagined paths; see the module docstring for the arrays and their shapes."""

    states: np.ndarray
    actions: np.ndarray
    rewards: np.ndarray
    dones: np.ndarray | None = None
    uncertainty: np.ndarray | None = None
    lengths: np.ndarray | None = None
    members: np.ndarray | None = None
    action_labels: np.ndarray | None = None
    start_step: np.ndarray | None = None
    meta: PathsMeta = field(default_factory=PathsMeta)
    approved: np.ndarray | None = None
    plan_values: np.ndarray | None = None

    def __post_init__(self) -> None:
        self.states = _array("states", self.states, np.float32)
        if self.states.ndim != 3 or self.states.shape[1] < 2:
            raise ShapeError(
                f"states has shape {self.states.shape}, expected (P, H+1, S) with H >= 1"
            )
        p, h1, s = self.states.shape
        h = h1 - 1
        if p == 0 or s == 0:
            raise ShapeError(f"states has shape {self.states.shape}: P and S must be positive")
        self.actions = _array("actions", self.actions, np.float32)
        if self.actions.ndim != 3 or self.actions.shape[:2] != (p, h):
            raise ShapeError(f"actions has shape {self.actions.shape}, expected ({p}, {h}, A)")
        a = self.actions.shape[2]
        self.rewards = self._check("rewards", self.rewards, np.float32, (p, h))
        self.dones = self._check("dones", self.dones, np.bool_, (p, h), default=False)
        self.uncertainty = self._check("uncertainty", self.uncertainty, np.float32, (p, h), 0.0)
        if self.lengths is None:
            done_any = self.dones.any(axis=1)
            first = self.dones.argmax(axis=1) + 1
            self.lengths = np.where(done_any, first, h).astype(np.int64)
        self.lengths = self._check("lengths", self.lengths, np.int64, (p,))
        if ((self.lengths < 0) | (self.lengths > h)).any():
            raise InvalidArgumentError(f"lengths must lie in [0, {h}]")
        self.members = self._check("members", self.members, np.int64, (p,), default=-1)
        self.start_step = self._check("start_step", self.start_step, np.int64, (p,), default=0)
        if self.action_labels is not None:
            self.action_labels = self._check(
                "action_labels", self.action_labels, np.float32, (p, h, a)
            )
        if self.approved is not None:
            self.approved = self._check("approved", self.approved, np.bool_, (p,))
        if self.plan_values is not None:
            self.plan_values = self._check("plan_values", self.plan_values, np.float32, (p, h))

    @staticmethod
    def _check(
        name: str, value: Any, dtype: Any, shape: tuple[int, ...], default: Any = None
    ) -> np.ndarray:
        if value is None:
            if default is None:
                raise ShapeError(f"{name} is required, with shape {shape}")
            return np.full(shape, default, dtype=dtype)
        out = _array(name, value, dtype)
        if out.shape != shape:
            raise ShapeError(f"{name} has shape {out.shape}, expected {shape}")
        return out

    # ----------------------------------------------------------------------------- sizes
    @property
    def num_paths(self) -> int:
        """P."""
        return int(self.states.shape[0])

    @property
    def horizon(self) -> int:
        """H, the number of steps per path."""
        return int(self.actions.shape[1])

    @property
    def state_dim(self) -> int:
        """S."""
        return int(self.states.shape[2])

    @property
    def action_dim(self) -> int:
        """A."""
        return int(self.actions.shape[2])

    @property
    def num_transitions(self) -> int:
        """Imagined transitions before each path's end (the sum of ``lengths``)."""
        assert self.lengths is not None
        return int(self.lengths.sum())

    def __len__(self) -> int:
        return self.num_paths

    @property
    def has_labels(self) -> bool:
        """True when the planner's action labels are present."""
        return self.action_labels is not None

    def returns(self) -> np.ndarray:
        """Imagined return of each path [P] (rewards after the end are 0 by construction)."""
        returns: np.ndarray = self.rewards.sum(axis=1, dtype=np.float64)
        return returns

    def step_mask(self) -> np.ndarray:
        """[P, H] bool: True for the steps before each path's end."""
        assert self.lengths is not None
        return np.arange(self.horizon)[None, :] < self.lengths[:, None]

    # ----------------------------------------------------------------------------- subsets
    def select(self, index: np.ndarray | list[int] | slice) -> PhantomPaths:
        """The paths picked by a boolean mask [P], an index array or a slice (copies)."""
        idx = np.asarray(index) if not isinstance(index, slice) else index
        if isinstance(idx, np.ndarray) and idx.dtype == np.bool_ and idx.shape != (self.num_paths,):
            raise ShapeError(f"mask has shape {idx.shape}, expected ({self.num_paths},)")

        def pick(arr: np.ndarray | None) -> np.ndarray | None:
            return None if arr is None else np.array(arr[idx])

        return PhantomPaths(
            states=self.states[idx].copy(),
            actions=self.actions[idx].copy(),
            rewards=self.rewards[idx].copy(),
            dones=pick(self.dones),
            uncertainty=pick(self.uncertainty),
            lengths=pick(self.lengths),
            members=pick(self.members),
            action_labels=pick(self.action_labels),
            start_step=pick(self.start_step),
            meta=self.meta.model_copy(deep=True),
            approved=pick(self.approved),
            plan_values=pick(self.plan_values),
        )

    @classmethod
    def concatenate(
        cls, parts: Sequence[PhantomPaths], *, meta: PathsMeta | None = None
    ) -> PhantomPaths:
        """One batch of the paths of ``parts``, in order (copies); ``meta`` defaults to the first
        part's. The parts must agree on horizon, state and action width, and on which optional
        arrays they hold (``action_labels``, ``approved``, ``plan_values``).

        Raises:
            ShapeError: no parts, or parts that do not fit together.
        """
        if not parts:
            raise ShapeError("concatenate() needs at least one PhantomPaths")
        first = parts[0]
        shape = (first.horizon, first.state_dim, first.action_dim)
        for i, part in enumerate(parts):
            if not isinstance(part, PhantomPaths):
                raise ShapeError(f"part {i} is a {type(part).__name__}, not PhantomPaths")
            if (part.horizon, part.state_dim, part.action_dim) != shape:
                raise ShapeError(
                    f"part {i} has (horizon, state_dim, action_dim) = "
                    f"{(part.horizon, part.state_dim, part.action_dim)}; part 0 has {shape}"
                )

        def join(name: str) -> np.ndarray | None:
            arrays = [getattr(part, name) for part in parts]
            present = [a is not None for a in arrays]
            if not any(present):
                return None
            if not all(present):
                missing = present.index(False)
                raise ShapeError(f"part {missing} has no {name} but others do")
            return np.concatenate(arrays, axis=0)

        names = ("dones", "uncertainty", "lengths", "members", "action_labels", "start_step")
        optional = {name: join(name) for name in (*names, "approved", "plan_values")}
        return cls(
            states=np.concatenate([part.states for part in parts], axis=0),
            actions=np.concatenate([part.actions for part in parts], axis=0),
            rewards=np.concatenate([part.rewards for part in parts], axis=0),
            meta=(meta or first.meta).model_copy(deep=True),
            **optional,
        )

    def approved_paths(self) -> PhantomPaths:
        """The paths the auditor approved (all paths when no audit was recorded)."""
        if self.approved is None:
            return self
        return self.select(self.approved)

    # ----------------------------------------------------------------------------- identity, files
    def _arrays(self) -> dict[str, np.ndarray]:
        arrays = {
            "states": self.states,
            "actions": self.actions,
            "rewards": self.rewards,
            "dones": self.dones,
            "uncertainty": self.uncertainty,
            "lengths": self.lengths,
            "members": self.members,
            "start_step": self.start_step,
            "action_labels": self.action_labels,
            "approved": self.approved,
            "plan_values": self.plan_values,
        }
        return {k: v for k, v in arrays.items() if v is not None}

    def digest(self) -> str:
        """sha256 over the arrays that define the paths (not the audit verdict)."""
        h = hashlib.sha256()
        for name, arr in self._arrays().items():
            if name in ("approved", "plan_values"):
                continue
            h.update(name.encode())
            h.update(str(arr.shape).encode())
            h.update(np.ascontiguousarray(arr).tobytes())
        return h.hexdigest()

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write an .npz file atomically (temp file, fsync, rename); meta is stored as JSON."""
        payload = dict(self._arrays())
        payload["meta_json"] = np.array(
            json.dumps({"format": _FORMAT, "meta": self.meta.model_dump(mode="json")})
        )
        return atomic_write(path, lambda handle: np.savez(handle, **payload))  # type: ignore[arg-type]

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> PhantomPaths:
        """Read a file written by :meth:`save` (no pickle)."""
        path = existing_file(path, "paths file")
        try:
            with np.load(path, allow_pickle=False) as data:
                arrays = npz_arrays(data, data.files, path)
        except (ValueError, OSError, zipfile.BadZipFile, EOFError) as err:
            raise InvalidArgumentError(f"{path} is not a readable paths file: {err}") from err
        if "meta_json" not in arrays:
            raise InvalidArgumentError(f"{path} has no meta_json: not a Plasma paths file")
        try:
            header = json.loads(str(arrays.pop("meta_json")))
        except ValueError as err:
            raise InvalidArgumentError(f"{path}: meta_json is not JSON ({err})") from err
        if not isinstance(header, dict) or not isinstance(header.get("meta"), dict):
            raise InvalidArgumentError(
                f"{path}: meta_json must be a JSON object with a 'meta' object: not a Plasma "
                "paths file"
            )
        if header.get("format") != _FORMAT:
            raise InvalidArgumentError(f"{path} has format {header.get('format')!r}, not {_FORMAT}")
        missing = {"states", "actions", "rewards"} - arrays.keys()
        if missing:
            raise InvalidArgumentError(f"{path} lacks the arrays {sorted(missing)}")
        try:
            meta = PathsMeta.model_validate(header["meta"])
        except ValueError as err:
            message = " ".join(str(err).split())
            raise InvalidArgumentError(f"{path}: meta_json's meta is not valid: {message}") from err
        return cls(meta=meta, **arrays)

    def summary(self) -> dict[str, Any]:
        """A few numbers that describe the batch (for logs and spans)."""
        returns = self.returns()
        assert self.uncertainty is not None
        mask = self.step_mask()
        unc = self.uncertainty[mask]
        return {
            "num_paths": self.num_paths,
            "horizon": self.horizon,
            "transitions": self.num_transitions,
            "mean_return": float(returns.mean()),
            "max_return": float(returns.max()),
            "mean_uncertainty": float(unc.mean()) if unc.size else 0.0,
            "max_uncertainty": float(unc.max()) if unc.size else 0.0,
            "mode": self.meta.mode,
            "approved": None if self.approved is None else int(self.approved.sum()),
        }
