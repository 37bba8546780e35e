"""``ValueFunction``: a learned state value ``V(s)`` that lets a short planning horizon see what
lies beyond it.

``V`` is a small ensemble of MLPs on the normalised state, fitted by regression on two kinds of
targets:

- the planner's own value estimates at imagined states (``plan_values``: the return of the plan it
  settled on over its horizon plus the discounted ``V`` of where that plan ends). Each fit is one
  round of value iteration with an H-step lookahead (as POLO learns its value from trajectory
  optimisation): the planner's estimates improve on ``V`` wherever a better plan exists within its
  horizon, and the next fit carries that improvement H steps further back;
- lambda-returns along the real episodes (:func:`real_returns`), which carry what really followed
  each state however far beyond any horizon (a cart that drifts off its track, a crash), where the
  model cannot be trusted to see it.

A termination carries exactly the consequence the rewards give it: nothing follows it. The outputs
are normalised by the targets' mean and standard deviation, so that one learning rate suits
rewards of any scale, and kept within the range of every target ``V`` was fitted on
(``bounds``): away from the states it was taught a network extrapolates freely, and a planner
that maximises ``V`` seeks out exactly the states where it extrapolates highest.

``to_core()`` gives the Rust planner the network (``plasma._core.ValueNet``); ``save``/``load``
use safetensors (no pickle).
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import numpy as np
import torch
from pydantic import BaseModel, ConfigDict, Field, PositiveInt
from safetensors.torch import save as save_safetensors

from plasma import _core
from plasma._config import ConfigModel, coerce_config
from plasma._io import atomic_write_bytes
from plasma.errors import InvalidArgumentError, ModelNotFittedError, ShapeError
from plasma.simulator.networks import (
    EnsembleMLP,
    adam,
    check_saved_tensors,
    frozen,
    read_safetensors,
    reading_header,
    torch_threads,
)

__all__ = ["ValueConfig", "ValueFunction", "ValueReport", "real_returns", "recency_weights"]

_FORMAT = "plasma.value/1"


class ValueConfig(ConfigModel):
    """Architecture and training of a :class:`ValueFunction` (the defaults suit every task)."""

    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)

    members: int = Field(default=4, ge=1, le=16)
    """Networks in the ensemble; V is their mean. Fits that differ only in their seed decide
    between states whose values differ by less than a fit's error (MountainCar's value near rest,
    where an extra swing costs about 2 in V at the discount of 200-step episodes), and a planner
    follows whichever way its one fit leans: the greedy planner of one run's last model, on values
    refitted from that run's data with 4 seeds, scored -99.6 / -164.0 / -104.6 / -198.4 with 2
    members, -109.2 / -105.0 / -102.0 / -99.6 with 4, -104.6 / -99.2 / -100.6 / -99.2 with 6
    (stop 48; the same model, discount and data throughout: the value's own noise was the
    difference between MountainCar's seeds). A fit of 4 members takes about 1.2x the CPU of 2
    (small networks: a step's overhead is most of it), 6 about 1.7x."""
    hidden: list[PositiveInt] = Field(default_factory=lambda: [128, 128], min_length=1)
    """Widths of the hidden layers."""
    learning_rate: float = Field(default=1e-3, gt=0)
    """Adam learning rate."""
    batch_size: int = Field(default=256, ge=1)
    """States per gradient step."""
    updates: int = Field(default=4000, ge=1)
    """Gradient steps per fit from fresh weights, whatever the number of states (a fit of 500
    states makes 2,000 passes over them; a fit that continues takes ``continued_updates``). The
    value's fits were the largest share of a run's CPU time; tried and not kept (stop 43,
    branch vfast): 100 passes over the states within 1,000 and 4,000 steps cut a run's CPU time
    by 9-20% (Reacher seed 0 -4.2, MountainCar seed 0 -103.2, at the goal), but Acrobot seeds
    0 / 1 fell to -98.0 / -151.8 (-85.9 / -89.6 with 4,000)."""
    continued_updates: int = Field(default=1000, ge=1)
    """Gradient steps of a fit that continues from the previous iteration's value (a training
    run's ``fresh_value``): it starts near the answer. On one Reacher run's data (stop 52,
    iterations 3 and 12), 1,000 steps from the previous value reached the held-out error of a
    fresh fit of 4,000 steps (2.12 and 1.37 against 2.13 and 1.38; a fresh fit of 1,000 or 2,000
    steps: 2.29 / 2.21 and 1.50 / 1.43) in a quarter of the time."""
    seed: int = 0
    """Seed of the initialisation and the minibatches."""
    torch_threads: int | None = Field(default=1, ge=1)
    """torch intra-op threads while fitting (process-wide, restored afterwards)."""
    real_half_life: float | None = Field(default=2.0, gt=0)
    """How fast the weight of a real return fades with the age of its transition, in
    iterations' worth of real steps (None: every real return weighs the same). A real return is
    the value of the policy that collected it: the random warm-up's returns near the start
    state are a few steps, a later planner's are hundreds, and a value fitted on all of them
    alike ranks states by which policy visited them (a pole-balancing cart was steered off
    centre, towards states only later policies reached, and into the end of its rail)."""
    real_lambda: float = Field(default=1.0, ge=0, le=1)
    """Lambda of the returns along real episodes (:func:`real_returns`) a training run fits V
    on: 1 takes what really followed each state, bootstrapped with V only where an episode was
    cut; below 1 mixes in V at every step (less variance, V's errors carried into the
    targets). A return of 1 values the collecting planner with its exploration, not the planner
    that V's lookahead targets improve. Seeds 0-2 at 0.9 against 1 (stop 34): Acrobot -87.4 /
    -87.7 / -85.8 (-89.3 / -123.6 / -113.6), Pendulum -124.2 / -124.8 / -124.1 (-133.5 / -141.7 /
    -154.5), but CartPole 500 / 500 / 441.1 (500 x3) and InvertedPendulum 1,000 / 417.9 (1,000
    x2). Stop 38's code at 0.9: Acrobot -91.3 / -101.6 / -79.5, CartPole 434.5 / 500 / 500,
    InvertedPendulum 1,000 / 1,000 (seeds 0, 1), Pendulum -124.7, Reacher -3.7 and MountainCar
    -121.9 (seed 0 each; -100.1 once the exploration value kept lambda 1): not the default while
    CartPole seed 0 fails (two of ten episodes fall early; the collecting planner fell from
    429 to 72-104 in the later iterations: a guess, not checked, is that V carried into the
    targets is smooth across the cliff of a fall)."""


class ValueReport(BaseModel):
    """What a fit did."""

    states: int
    """States regressed on."""
    updates: int
    """Gradient steps taken."""
    error_before: float
    """Root mean squared gap between V and the targets before the fit (reward units)."""
    error_after: float
    """The same gap after the fit."""
    value_mean: float
    """Mean of V over the states."""
    seconds: float
    """Wall-clock time."""


def real_returns(
    obs: np.ndarray,
    reward: np.ndarray,
    next_obs: np.ndarray,
    terminated: np.ndarray,
    truncated: np.ndarray,
    next_values: np.ndarray,
    *,
    gamma: float,
    lam: float = 0.95,
) -> np.ndarray:
    """The lambda-return of every real transition, in collection order: ``r + gamma * ((1 - lam)
    * V(s') + lam * G')`` where ``G'`` is the next row's return, 0 after a termination and
    ``V(s')`` (``next_values``) where the episode was cut (a time limit, the end of a collection:
    wherever the next row does not start from this row's next observation)."""
    n = len(obs)
    out = np.empty(n, dtype=np.float64)
    cut = np.ones(n, dtype=bool)
    if n > 1:
        cut[:-1] = ~np.all(next_obs[:-1] == obs[1:], axis=1)
    cut |= truncated
    following = 0.0
    for i in range(n - 1, -1, -1):
        if terminated[i]:
            following = float(reward[i])
        elif cut[i]:
            following = float(reward[i]) + gamma * float(next_values[i])
        else:
            mix = (1.0 - lam) * float(next_values[i]) + lam * following
            following = float(reward[i]) + gamma * mix
        out[i] = following
    return out


def recency_weights(rows: int, half_life: float) -> np.ndarray:
    """Weights of ``rows`` real returns in collection order (oldest first) that halve every
    ``half_life`` rows back from the newest, scaled to a mean of 1: the returns of the policies
    that collected them count by how recent those policies are, and together they weigh as much
    as equal weights would against other targets."""
    if half_life <= 0:
        raise InvalidArgumentError(f"half_life = {half_life}: must be positive")
    if rows == 0:
        return np.ones(0)
    weights = 0.5 ** (np.arange(rows - 1, -1, -1, dtype=np.float64) / half_life)
    return np.asarray(weights * rows / weights.sum())


class ValueFunction:
    """``V(s)`` for one state space; see the module docstring.

    >>> value = ValueFunction(state_dim=3)
    >>> report = value.fit(states, paths.plan_values[mask])   # targets from the planner
    >>> value.to_core()   # plasma._core.ValueNet for the planner
    """

    def __init__(self, state_dim: int, config: ValueConfig | dict[str, Any] | None = None) -> None:
        if state_dim < 1:
            raise InvalidArgumentError(f"state_dim = {state_dim}: must be positive")
        self.config = coerce_config(ValueConfig, config)
        self.state_dim = state_dim
        generator = torch.Generator().manual_seed(self.config.seed)
        self.net = EnsembleMLP(
            self.config.members, [state_dim, *self.config.hidden, 1], "silu", generator
        )
        self.obs_mean = torch.zeros(state_dim)
        self.obs_std = torch.ones(state_dim)
        self.scale = 1.0
        self.shift = 0.0
        self.bounds: tuple[float, float] | None = None
        """The lowest and highest target of every fit so far: ``V`` stays within them."""
        self.fitted = False

    # ----------------------------------------------------------------------------- prediction
    def _forward(self, x: torch.Tensor) -> torch.Tensor:
        """Normalised states [N, S] -> every member's normalised value [E, N]."""
        members = self.config.members
        out: torch.Tensor = self.net(x.unsqueeze(0).expand(members, -1, -1))
        return out[..., 0]

    def _norm(self, states: np.ndarray | torch.Tensor) -> torch.Tensor:
        x = torch.as_tensor(states, dtype=torch.float32)
        return (x - self.obs_mean) / self.obs_std

    @torch.no_grad()
    def values(self, states: np.ndarray) -> np.ndarray:
        """``V`` of states ``[N, S]`` as float64 ``[N]`` (0 before the first fit)."""
        arr = np.asarray(states, dtype=np.float32)
        if arr.ndim != 2 or arr.shape[1] != self.state_dim:
            raise ShapeError(f"states has shape {arr.shape}, expected (N, {self.state_dim})")
        if not self.fitted:
            return np.zeros(len(arr))
        out = (self._forward(self._norm(arr)).mean(0) * self.scale + self.shift).double().numpy()
        return out if self.bounds is None else np.clip(out, *self.bounds)

    def value_tensor(self, states: torch.Tensor) -> torch.Tensor:
        """``V`` of states ``[N, S]`` as a differentiable float32 tensor ``[N]`` (clamped into
        ``bounds``; 0 before the first fit), for gradients of a lookahead through it."""
        if not self.fitted:
            return torch.zeros(states.shape[0])
        with frozen(self.net.parameters()):
            out = self._forward(self._norm(states)).mean(0) * self.scale + self.shift
        return out if self.bounds is None else out.clamp(*self.bounds)

    def copy(self, config: ValueConfig | None = None) -> ValueFunction:
        """An independent copy (weights, normalisation, scale) that trains on with ``config``
        (default: this value's)."""
        twin = ValueFunction(self.state_dim, config or self.config)
        if twin.config.members != self.config.members or twin.config.hidden != self.config.hidden:
            raise InvalidArgumentError("a copy keeps the network: members and hidden must match")
        twin.net.load_state_dict(self.net.state_dict())
        twin.obs_mean, twin.obs_std = self.obs_mean.clone(), self.obs_std.clone()
        twin.scale, twin.shift, twin.fitted = self.scale, self.shift, self.fitted
        twin.bounds = self.bounds
        return twin

    # ----------------------------------------------------------------------------- training
    def renormalize(self, states: np.ndarray) -> None:
        """Refit the input normalization to ``states [N, S]`` without changing ``V``: the first
        layer absorbs the new centre and scale (``(x - m) / s = ((x - m') / s') * s' / s +
        (m' - m) / s``), so a value trained on from earlier data sees the new data's scale.
        Before the first fit it only sets the normalization."""
        x = np.asarray(states, dtype=np.float32)
        if x.ndim != 2 or x.shape[1] != self.state_dim:
            raise ShapeError(f"states has shape {x.shape}, expected (N, {self.state_dim})")
        x = x[np.isfinite(x).all(axis=1)]
        if len(x) == 0:
            raise InvalidArgumentError("no finite state to normalize by")
        std = x.std(0)
        mean = torch.as_tensor(x.mean(0), dtype=torch.float32)
        scale = torch.as_tensor(np.where(std < 1e-6, 1.0, std), dtype=torch.float32)
        if self.fitted:
            with torch.no_grad():
                w, b = self.net.weights[0], self.net.biases[0]  # [E, S, H], [E, 1, H]
                b.add_(torch.einsum("s,esh->eh", (mean - self.obs_mean) / self.obs_std, w)[:, None])
                w.mul_((scale / self.obs_std)[None, :, None])
        self.obs_mean, self.obs_std = mean, scale

    def fit(
        self,
        states: np.ndarray,
        targets: np.ndarray,
        *,
        seed: int | None = None,
        weights: np.ndarray | None = None,
    ) -> ValueReport:
        """Regress ``V`` on ``targets [N]`` at ``states [N, S]`` (continuing from the current
        weights); ``seed`` (default: the config's) draws the minibatches, so a fit is reproducible
        from the weights it starts from. ``weights [N]`` (non-negative, default equal) are how
        often each state is drawn into a minibatch, relative to the others."""
        with torch_threads(self.config.torch_threads):
            return self._fit(states, targets, seed, weights)

    def _fit(
        self,
        states: np.ndarray,
        targets: np.ndarray,
        seed: int | None,
        weights: np.ndarray | None,
    ) -> ValueReport:
        started = time.perf_counter()
        cfg = self.config
        x = np.asarray(states, dtype=np.float32)
        y = np.asarray(targets, dtype=np.float64)
        if x.ndim != 2 or x.shape[1] != self.state_dim or y.shape != (len(x),):
            raise ShapeError(
                f"states {x.shape} and targets {y.shape}: expected (N, {self.state_dim}) and (N,)"
            )
        if len(x) == 0:
            raise InvalidArgumentError("no states to fit the value on")
        w = np.ones(len(x)) if weights is None else np.asarray(weights, dtype=np.float64)
        if w.shape != y.shape or not np.all(np.isfinite(w)) or np.any(w < 0):
            raise InvalidArgumentError(
                f"weights must be {len(x)} finite non-negative numbers (one per state)"
            )
        keep = np.isfinite(y) & np.isfinite(x).all(axis=1) & (w > 0)
        x, y, w = x[keep], y[keep], w[keep]
        if len(x) == 0:
            raise InvalidArgumentError("no state with a finite target and a positive weight")
        if not self.fitted:
            self.obs_mean = torch.as_tensor(x.mean(0), dtype=torch.float32)
            std = x.std(0)
            constant = std < 1e-6
            self.obs_std = torch.as_tensor(np.where(constant, 1.0, std), dtype=torch.float32)
            with torch.no_grad():  # ignored until the data shows it vary (see WorldModel)
                self.net.weights[0][:, torch.from_numpy(constant), :] = 0.0
        before = self._error(x, y)
        # Normalise targets: one learning rate for rewards of any scale. The first fit sets the
        # scale; later fits keep it unless the targets outgrow it (V is then rescaled so that its
        # outputs do not jump).
        self._rescale(y)
        tg = torch.as_tensor((y - self.shift) / self.scale, dtype=torch.float32)
        inputs = self._norm(x)
        optimizer = adam(self.net.parameters(), lr=cfg.learning_rate)
        rng = np.random.default_rng(cfg.seed if seed is None else seed)
        # Equal weights draw exactly as before weights existed (same stream of indices).
        cdf = None if np.all(w == w[0]) else np.cumsum(w) / w.sum()
        for _ in range(cfg.updates):
            if cdf is None:
                drawn = rng.integers(0, len(x), cfg.batch_size)
            else:
                drawn = np.minimum(np.searchsorted(cdf, rng.random(cfg.batch_size)), len(x) - 1)
            idx = torch.as_tensor(drawn)
            pred = self._forward(inputs[idx])  # [E, B]
            loss = ((pred - tg[idx]) ** 2).mean()
            optimizer.zero_grad(set_to_none=True)
            loss.backward()  # type: ignore[no-untyped-call]
            optimizer.step()
        low, high = float(y.min()), float(y.max())
        if self.bounds is not None:
            low, high = min(low, self.bounds[0]), max(high, self.bounds[1])
        self.bounds = (low, high)
        self.fitted = True
        return ValueReport(
            states=len(x),
            updates=cfg.updates,
            error_before=before,
            error_after=self._error(x, y),
            value_mean=float(self.values(x).mean()),
            seconds=time.perf_counter() - started,
        )

    def _rescale(self, targets: np.ndarray) -> None:
        mean, std = float(targets.mean()), float(targets.std())
        scale = max(std, 1e-3 * max(1.0, abs(mean)))
        if not self.fitted:
            self.scale, self.shift = scale, mean
            return
        if scale <= 2.0 * self.scale and abs(mean - self.shift) <= 3.0 * self.scale:
            return
        # Keep V's outputs as they are under the new normalisation: adjust the last layer.
        with torch.no_grad():
            w, b = self.net.weights[-1], self.net.biases[-1]
            ratio = self.scale / scale
            w.mul_(ratio)
            b.mul_(ratio).add_((self.shift - mean) / scale)
        self.scale, self.shift = scale, mean

    def _error(self, states: np.ndarray, targets: np.ndarray) -> float:
        return float(np.sqrt(np.mean((self.values(states) - targets) ** 2)))

    # ----------------------------------------------------------------------------- export, files
    def _require_fitted(self) -> None:
        if not self.fitted:
            raise ModelNotFittedError("the value function is not fitted: call fit(...) first")

    def export(self) -> dict[str, Any]:
        """The keyword arguments of ``plasma._core.ValueNet``."""
        self._require_fitted()

        def arr(t: torch.Tensor) -> np.ndarray:
            return np.ascontiguousarray(t.detach().numpy(), dtype=np.float32)

        return {
            "weights": [arr(w) for w in self.net.weights],
            "biases": [arr(b[:, 0, :]) for b in self.net.biases],
            "activation": "silu",
            "obs_mean": arr(self.obs_mean),
            "obs_std": arr(self.obs_std),
            "scale": float(self.scale),
            "shift": float(self.shift),
            "low": None if self.bounds is None else self.bounds[0],
            "high": None if self.bounds is None else self.bounds[1],
        }

    def to_core(self) -> Any:
        """The value as a ``plasma._core.ValueNet`` for the Rust planner."""
        return _core.ValueNet(**self.export())

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the value function to one safetensors file (atomically)."""
        self._require_fitted()
        tensors = {f"weights.{i}": w.detach().clone() for i, w in enumerate(self.net.weights)}
        tensors |= {f"biases.{i}": b.detach().clone() for i, b in enumerate(self.net.biases)}
        tensors |= {"obs_mean": self.obs_mean.clone(), "obs_std": self.obs_std.clone()}
        meta = {
            "format": _FORMAT,
            "config": self.config.model_dump_json(),
            "state_dim": str(self.state_dim),
            "scale": repr(self.scale),
            "shift": repr(self.shift),
        }
        if self.bounds is not None:
            meta["bounds"] = f"{self.bounds[0]!r},{self.bounds[1]!r}"
        return atomic_write_bytes(path, save_safetensors(tensors, metadata=meta))

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> ValueFunction:
        """Read a value function written by :meth:`save`."""
        meta, tensors = read_safetensors(path, "value function")
        if meta.get("format") != _FORMAT:
            raise InvalidArgumentError(
                f"{path} is not a Plasma value function (format {meta.get('format')!r})"
            )
        with reading_header(path, "value function"):
            value = cls(int(meta["state_dim"]), ValueConfig.model_validate_json(meta["config"]))
            scale, shift = float(meta["scale"]), float(meta["shift"])
            bounds = None
            if "bounds" in meta:  # files written before the bounds existed are unbounded
                low, high = (float(b) for b in meta["bounds"].split(","))
                bounds = (low, high)
        expected = {f"weights.{i}": w for i, w in enumerate(value.net.weights)}
        expected |= {f"biases.{i}": b for i, b in enumerate(value.net.biases)}
        expected |= {"obs_mean": value.obs_mean, "obs_std": value.obs_std}
        check_saved_tensors(path, "value function", tensors, expected)
        with torch.no_grad():
            for i, w in enumerate(value.net.weights):
                w.copy_(tensors[f"weights.{i}"])
            for i, b in enumerate(value.net.biases):
                b.copy_(tensors[f"biases.{i}"])
        value.obs_mean = tensors["obs_mean"]
        value.obs_std = tensors["obs_std"]
        value.scale, value.shift = scale, shift
        if bounds is not None:
            value.bounds = bounds
        value.fitted = True
        return value
