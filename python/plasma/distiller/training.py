"""Behaviour cloning of the planner's action labels on audited phantom paths.

:func:`distill` trains a policy to imitate ``paths.action_labels`` on the steps before each path's
end, each path weighted by its imagined return ("uniform", "softmax" of standardized returns, or
"rank"). Paths are split into training and held-out paths (by path, not by step, so the held-out
error measures generalization to unseen trajectories). Two modes:

- ``"full"``: a copy of the base policy is trained (all weights); it is the new base.
- ``"lora"``: the base is frozen and a peft LoRA adapter is trained on it; the adapter is what an
  instruction packet ships.

``extra`` adds labelled states beside the paths' own labels (:class:`LabelledStates`: e.g. the
planner's decisions at the real states it collected, or its relabelling of states the policy
visits in imagination); with extra states, a batch without approved paths still trains on them.

Optional DAgger in imagination: give ``rollout(policy) -> PhantomPaths`` (roll the current policy
out in the world model) and ``relabel(states [N, S]) -> labels [N, A]`` (the planner's actions for
those states); each round adds the relabelled states to the data and trains further.
"""

from __future__ import annotations

import copy
import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import torch
import torch.nn.functional as F
from pydantic import ConfigDict, Field, PositiveInt
from torch import nn

from plasma._config import ConfigModel
from plasma.distiller.errors import (
    DistillationInputError,
    MissingLabelsError,
    NoApprovedPathsError,
    NotAuditedError,
)
from plasma.distiller.injector import merge_adapter
from plasma.distiller.packet import LoRASpec
from plasma.distiller.policy import Policy
from plasma.distiller.reports import DistillReport
from plasma.errors import InvalidArgumentError, ShapeError
from plasma.simulator.networks import adam, torch_threads
from plasma.simulator.paths import PhantomPaths

__all__ = [
    "DistillMode",
    "DistillOutcome",
    "LabelledStates",
    "LoRASettings",
    "Refinement",
    "RelabelFn",
    "RolloutFn",
    "TrainingConfig",
    "Weighting",
    "distill",
    "path_weights",
    "select_paths",
]

DistillMode = Literal["full", "lora"]
Weighting = Literal["uniform", "softmax", "rank"]
RelabelFn = Callable[[np.ndarray], np.ndarray]
"""``relabel(states [N, S]) -> labels [N, A]``: the planner's actions for the given states."""
RolloutFn = Callable[[Policy], PhantomPaths]
"""``rollout(policy) -> PhantomPaths``: the policy rolled out in the world model."""
ActFn = Callable[[torch.Tensor], torch.Tensor]
"""``act(states [..., S]) -> actions [..., A]``: a policy's actions, differentiable."""


@dataclass(frozen=True, eq=False)
class Refinement:
    """How a distilled policy is improved beyond its labels (``TrainingConfig.refine_updates``
    gradient steps): ``objective(act, states [N, S]) -> [N]`` scores acting with ``act`` from
    each state, differentiably (e.g. an imagined return through a world model and a value);
    ``judge(policy) -> float`` scores a whole policy (e.g. its mean imagined episode return):
    the refined policy is kept only where the judge scores it above the policy as distilled."""

    objective: Callable[[ActFn, torch.Tensor], torch.Tensor]
    judge: Callable[[Policy], float]


_ATANH_CLIP = 1.0 - 1e-3


class LoRASettings(ConfigModel):
    """LoRA adapter settings for ``mode="lora"``."""

    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)

    rank: PositiveInt = 8
    """LoRA rank ``r``."""
    alpha: float = Field(default=16.0, gt=0)
    """``lora_alpha``: the update is scaled by ``alpha / rank``."""
    dropout: float = Field(default=0.0, ge=0.0, lt=1.0)
    """Dropout on the LoRA input during training."""
    target_layers: list[str] | None = None
    """Layers to adapt, e.g. ["layers.0", "layers.2"] (None: every linear layer)."""
    use_rslora: bool = False
    """Rank-stabilized scaling ``alpha / sqrt(rank)``."""

    def spec(self, policy: Policy) -> LoRASpec:
        """The packet's LoRA spec for ``policy`` (checks the target layers exist)."""
        names = policy.layer_names()
        targets = list(self.target_layers) if self.target_layers is not None else names
        unknown = [t for t in targets if t not in names]
        if unknown or not targets:
            raise InvalidArgumentError(
                f"LoRA target_layers {targets} must be a non-empty subset of the policy's layers "
                f"{names}"
            )
        return LoRASpec(
            rank=self.rank,
            alpha=self.alpha,
            dropout=self.dropout,
            target_modules=targets,
            use_rslora=self.use_rslora,
        )


class TrainingConfig(ConfigModel):
    """How behaviour cloning trains."""

    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)

    updates: PositiveInt = 1000
    """Gradient steps."""
    batch_size: PositiveInt = 256
    """Labelled steps per gradient step (sampled with replacement)."""
    lr: float = Field(default=3e-3, gt=0)
    """Adam learning rate."""
    weight_decay: float = Field(default=0.0, ge=0)
    """Adam weight decay."""
    grad_clip: float | None = Field(default=1.0, gt=0)
    """Clip the gradient norm to this (None: no clipping)."""
    holdout_fraction: float = Field(default=0.2, ge=0.0, lt=1.0)
    """Fraction of paths held out to measure imitation error (at least one path when > 0)."""
    weighting: Weighting = "softmax"
    """Path weights from imagined returns: "uniform", "softmax" (of standardized returns divided
    by ``temperature``) or "rank" (proportional to the rank)."""
    temperature: float = Field(default=1.0, gt=0)
    """Temperature of the "softmax" weighting (larger: closer to uniform)."""
    max_weight: float = Field(default=20.0, ge=1.0)
    """Cap of a path's weight relative to the mean weight (reached by mixing in uniform weights)."""
    dagger_iterations: int = Field(default=0, ge=0)
    """DAgger rounds (needs ``rollout`` and ``relabel`` callables)."""
    dagger_updates: PositiveInt | None = None
    """Gradient steps after each DAgger round (None: ``updates``)."""
    refine_updates: int = Field(default=0, ge=0)
    """Gradient steps that raise a :class:`Refinement`'s objective after the labels are learned,
    the labels' loss kept beside it (0, or no refinement given: none)."""
    refine_weight: float = Field(default=2.5, gt=0)
    """The objective's weight against the labels' loss in refinement, relative to the objective's
    own mean magnitude in each batch (so it is free of the reward's scale)."""
    refine_lr: float = Field(default=1e-3, gt=0)
    """Adam learning rate of refinement."""
    refine_batch: PositiveInt = 640
    """States at which each refinement step raises the objective (the labels' loss keeps
    ``batch_size``). Offline on a double pendulum's run (benches/results/learning.md, issue 16),
    200 steps raised the real return as far with 640 states, each through one world-model
    member, as with 256 states through all five, at half the rows; 256 through one member each
    reached half as far."""
    seed: int = 0
    """Seed of the split, the batches and the LoRA initialization."""
    torch_threads: PositiveInt | None = 1
    """torch intra-op threads while training (process-wide, restored afterwards). Small MLPs
    train fastest on one thread, and more threads slow to a crawl on a busy machine; None leaves
    torch's setting alone."""


@dataclass(frozen=True, eq=False)
class LabelledStates:
    """States ``[N, S]`` with the actions to imitate there, ``labels [N, A]`` (discrete: the
    index as a float)."""

    states: np.ndarray
    labels: np.ndarray

    def __post_init__(self) -> None:
        states = np.ascontiguousarray(self.states, dtype=np.float32)
        labels = np.ascontiguousarray(self.labels, dtype=np.float32)
        if states.ndim != 2 or labels.ndim != 2 or len(states) != len(labels):
            raise ShapeError(
                f"LabelledStates takes states (N, S) and labels (N, A); got {states.shape} and "
                f"{labels.shape}"
            )
        if not np.isfinite(states).all():
            raise InvalidArgumentError("LabelledStates.states contain NaN or infinite values")
        object.__setattr__(self, "states", states)
        object.__setattr__(self, "labels", labels)

    def __len__(self) -> int:
        return len(self.states)

    @classmethod
    def concat(cls, parts: list[LabelledStates]) -> LabelledStates | None:
        """All ``parts`` in one (None when there are none or all are empty)."""
        parts = [p for p in parts if len(p)]
        if not parts:
            return None
        return cls(
            np.concatenate([p.states for p in parts]), np.concatenate([p.labels for p in parts])
        )


@dataclass(eq=False)
class DistillOutcome:
    """What :func:`distill` produced."""

    report: DistillReport
    """Metrics of the run."""
    policy: Policy
    """The base: the newly trained policy (full mode) or the unchanged base (LoRA mode)."""
    distilled: Policy
    """A stand-alone policy that acts as the distilled one (LoRA merged in, for rollouts)."""
    adapter: dict[str, torch.Tensor] | None = None
    """LoRA tensors under peft's key names (LoRA mode)."""
    lora: LoRASpec | None = None
    """The adapter's LoRA config (LoRA mode)."""
    peft_model: nn.Module | None = None
    """The trained peft model (LoRA mode), for comparisons with peft."""


def select_paths(paths: PhantomPaths, *, require_audit: bool = True) -> PhantomPaths:
    """The paths distillation may use, or a clear error.

    Needs ``action_labels``. With ``require_audit`` (the default) the paths must carry an
    auditor verdict and only the approved ones are used; without it every path is used.
    """
    if not isinstance(paths, PhantomPaths):
        raise InvalidArgumentError(
            f"paths must be a plasma.simulator.PhantomPaths (what Simulator.simulate returns), "
            f"not {type(paths).__name__}"
        )
    if paths.action_labels is None:
        raise MissingLabelsError(
            "the paths carry no action_labels, so there is nothing to imitate: generate them in "
            "planner mode (the planner labels each step) or set action_labels yourself"
        )
    if not require_audit:
        return paths
    if paths.approved is None:
        raise NotAuditedError(
            f"the {paths.num_paths} paths were never audited (approved is None): audit them "
            "first (Auditor.audit_paths), or pass require_audit=False to distill unaudited paths"
        )
    if not paths.approved.any():
        raise NoApprovedPathsError(
            f"the auditor approved none of the {paths.num_paths} paths; nothing to distill "
            "(pass require_audit=False to distill them anyway)"
        )
    return paths.approved_paths()


def path_weights(
    returns: np.ndarray,
    weighting: Weighting = "softmax",
    *,
    temperature: float = 1.0,
    max_weight: float = 20.0,
) -> np.ndarray:
    """Weights [P] (mean 1) of paths from their returns [P]; better paths weigh more."""
    r = np.asarray(returns, dtype=np.float64)
    if r.ndim != 1 or r.size == 0:
        raise ShapeError(f"returns has shape {r.shape}, expected (P,) with P >= 1")
    if not np.isfinite(r).all():
        raise InvalidArgumentError("path returns contain NaN or infinite values")
    if weighting == "uniform" or r.size == 1:
        return np.ones_like(r)
    if weighting == "softmax":
        spread = r.std()
        z = (r - r.mean()) / spread if spread > 0 else np.zeros_like(r)
        w = np.exp((z - z.max()) / temperature)
    elif weighting == "rank":
        w = np.argsort(np.argsort(r, kind="stable"), kind="stable").astype(np.float64) + 1.0
    else:
        raise InvalidArgumentError(f"weighting = {weighting!r}: expected uniform, softmax or rank")
    w = w / w.mean()
    top = float(w.max())
    if top > max_weight:  # mix with uniform weights until the largest is max_weight (mean stays 1)
        mix = (top - max_weight) / (top - 1.0)
        w = (1.0 - mix) * w + mix
    out: np.ndarray = w.astype(np.float64)
    return out


@dataclass
class _Data:
    obs: np.ndarray  # [N, S] float32
    targets: np.ndarray  # [N, A] in [-1, 1] (Box) or [N] int64 (discrete)
    weights: np.ndarray  # [N] float32

    def __len__(self) -> int:
        return int(self.obs.shape[0])

    def extend(self, other: _Data) -> _Data:
        """Both data sets, concatenated."""
        return _Data(
            np.concatenate([self.obs, other.obs]),
            np.concatenate([self.targets, other.targets]),
            np.concatenate([self.weights, other.weights]),
        )


def _targets(policy: Policy, labels: np.ndarray, what: str) -> np.ndarray:
    """Labels [N, A] as training targets: scaled to [-1, 1] (Box) or class indices (discrete)."""
    if labels.ndim != 2 or labels.shape[1] != policy.action_dim:
        raise ShapeError(f"{what} have shape {labels.shape}, expected (N, {policy.action_dim})")
    if not np.isfinite(labels).all():
        bad = int((~np.isfinite(labels)).any(axis=1).sum())
        raise InvalidArgumentError(f"{bad} of the {what} are NaN or infinite")
    if policy.discrete:
        n = policy.num_outputs
        idx = np.rint(labels[:, 0])
        if (np.abs(labels[:, 0] - idx) > 1e-3).any() or (idx < 0).any() or (idx >= n).any():
            raise InvalidArgumentError(f"{what} must be action indices in [0, {n - 1}]")
        indices: np.ndarray = idx.astype(np.int64)
        return indices
    low = np.asarray(policy.policy_config.action_low, dtype=np.float64)
    high = np.asarray(policy.policy_config.action_high, dtype=np.float64)
    scaled = 2.0 * (labels.astype(np.float64) - low) / (high - low) - 1.0
    return np.clip(scaled, -1.0, 1.0).astype(np.float32)


def _labelled_steps(policy: Policy, paths: PhantomPaths, path_w: np.ndarray, what: str) -> _Data:
    assert paths.action_labels is not None
    if paths.state_dim != policy.obs_dim or paths.action_dim != policy.action_dim:
        raise ShapeError(
            f"the paths have state_dim={paths.state_dim}, action_dim={paths.action_dim} but the "
            f"policy takes obs_dim={policy.obs_dim}, action_dim={policy.action_dim}"
        )
    mask = paths.step_mask()
    obs = paths.states[:, :-1][mask]
    if not np.isfinite(obs).all():
        bad = int((~np.isfinite(obs)).any(axis=1).sum())
        raise InvalidArgumentError(
            f"{bad} labelled steps of the {what} have NaN or infinite states"
        )
    targets = _targets(policy, paths.action_labels[mask], f"action labels of the {what}")
    rows = np.nonzero(mask)[0]
    return _Data(
        np.ascontiguousarray(obs, dtype=np.float32),
        targets,
        path_w[rows].astype(np.float32),
    )


def _per_sample_loss(
    module: nn.Module, policy: Policy, obs: torch.Tensor, targets: torch.Tensor
) -> torch.Tensor:
    raw: torch.Tensor = module(obs)
    if policy.discrete:
        ce: torch.Tensor = F.cross_entropy(raw, targets, reduction="none")
        return ce
    if policy.log_std is not None:  # squashed Gaussian: NLL of the pre-squash target
        pre = torch.atanh(targets.clamp(-_ATANH_CLIP, _ATANH_CLIP))
        log_std = policy.log_std
        nll: torch.Tensor = 0.5 * ((pre - raw) / log_std.exp()) ** 2 + log_std
        return nll.mean(dim=-1)
    return ((torch.tanh(raw) - targets) ** 2).mean(dim=-1)


def _imitation_error(module: nn.Module, policy: Policy, data: _Data) -> float | None:
    if len(data) == 0:
        return None
    was_training = module.training
    module.eval()
    with torch.no_grad():
        raw = module(torch.from_numpy(data.obs))
        if policy.discrete:
            wrong = raw.argmax(dim=-1) != torch.from_numpy(data.targets)
            err = float(wrong.to(torch.float64).mean())
        else:
            diff = torch.tanh(raw).double() - torch.from_numpy(data.targets).double()
            err = float((diff**2).mean())
    module.train(was_training)
    return err


class _Trainer:
    def __init__(self, module: nn.Module, policy: Policy, cfg: TrainingConfig, seed: int) -> None:
        self.module, self.policy, self.cfg = module, policy, cfg
        params = [p for p in module.parameters() if p.requires_grad]
        if not params:
            raise InvalidArgumentError("nothing to train: the model has no trainable parameters")
        self.params = params
        self.optimizer = adam(params, lr=cfg.lr, weight_decay=cfg.weight_decay)
        self.generator = torch.Generator().manual_seed(seed)
        self.updates = 0

    def fit(self, data: _Data, updates: int) -> float:
        """Take ``updates`` gradient steps; returns the mean loss of the last tenth."""
        obs = torch.from_numpy(data.obs)
        targets = torch.from_numpy(data.targets)
        weights = torch.from_numpy(data.weights)
        n = len(data)
        batch = min(self.cfg.batch_size, n)
        tail = max(1, updates // 10)
        tail_loss = 0.0
        self.module.train()
        for step in range(updates):
            idx = torch.randint(0, n, (batch,), generator=self.generator)
            w = weights[idx]
            per = _per_sample_loss(self.module, self.policy, obs[idx], targets[idx])
            loss = (per * w).sum() / w.sum().clamp_min(1e-12)
            self.optimizer.zero_grad(set_to_none=True)
            loss.backward()  # type: ignore[no-untyped-call]
            if self.cfg.grad_clip is not None:
                torch.nn.utils.clip_grad_norm_(self.params, self.cfg.grad_clip)
            self.optimizer.step()
            if step >= updates - tail:
                tail_loss += float(loss.detach())
        self.module.eval()
        self.updates += updates
        return tail_loss / tail

    def refine(
        self, data: _Data, updates: int, objective: Callable[[ActFn, torch.Tensor], torch.Tensor]
    ) -> None:
        """``updates`` gradient steps on the labels' loss minus the weighted ``objective`` at the
        batch's states (its own Adam)."""
        policy, module, cfg = self.policy, self.module, self.cfg
        optimizer = adam(self.params, lr=cfg.refine_lr)
        obs = torch.from_numpy(data.obs)
        targets = torch.from_numpy(data.targets)
        weights = torch.from_numpy(data.weights)
        n, batch = len(data), min(cfg.batch_size, len(data))
        starts = min(cfg.refine_batch, n)

        def act(states: torch.Tensor) -> torch.Tensor:
            return policy.to_action(module(states))

        module.train()
        for _ in range(updates):
            idx = torch.randint(0, n, (batch,), generator=self.generator)
            w = weights[idx]
            labels = (_per_sample_loss(module, policy, obs[idx], targets[idx]) * w).sum()
            gain = objective(act, obs[torch.randint(0, n, (starts,), generator=self.generator)])
            scale = cfg.refine_weight / gain.detach().abs().mean().clamp_min(1e-6)
            loss = labels / w.sum().clamp_min(1e-12) - scale * gain.mean()
            optimizer.zero_grad(set_to_none=True)
            loss.backward()  # type: ignore[no-untyped-call]
            if cfg.grad_clip is not None:
                torch.nn.utils.clip_grad_norm_(self.params, cfg.grad_clip)
            optimizer.step()
        module.eval()
        self.updates += updates

    def snapshot(self) -> list[torch.Tensor]:
        """The trained parameters' values, to :meth:`restore`."""
        return [p.detach().clone() for p in self.params]

    def restore(self, values: list[torch.Tensor]) -> None:
        with torch.no_grad():
            for p, v in zip(self.params, values, strict=True):
                p.copy_(v)


def _split(num_paths: int, fraction: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    order = np.random.default_rng(seed).permutation(num_paths)
    if fraction <= 0 or num_paths < 2:
        return order, order[:0]
    held = min(max(round(num_paths * fraction), 1), num_paths - 1)
    return np.sort(order[held:]), np.sort(order[:held])


def _check_paths_result(value: Any, what: str) -> PhantomPaths:
    if not isinstance(value, PhantomPaths):
        raise InvalidArgumentError(f"{what} must return PhantomPaths, got {type(value).__name__}")
    return value


def distill(
    policy: Policy,
    paths: PhantomPaths,
    *,
    mode: DistillMode = "lora",
    training: TrainingConfig | None = None,
    lora: LoRASettings | None = None,
    require_audit: bool = True,
    relabel: RelabelFn | None = None,
    rollout: RolloutFn | None = None,
    extra: LabelledStates | None = None,
    refinement: Refinement | None = None,
) -> DistillOutcome:
    """Behaviour-clone the planner's labels in ``paths`` (and ``extra``) into ``policy`` (see
    the module doc), then, with ``refinement`` and ``training.refine_updates``, raise its
    objective (kept only where its judge prefers the result).

    ``policy`` is never modified: full mode trains a copy, LoRA mode trains an adapter on a
    frozen copy. Blocking (run it in a thread from async code).
    """
    cfg = training or TrainingConfig()
    with torch_threads(cfg.torch_threads):
        return _distill(
            policy, paths, mode, cfg, lora, require_audit, relabel, rollout, extra, refinement
        )


def _distill(
    policy: Policy,
    paths: PhantomPaths,
    mode: DistillMode,
    cfg: TrainingConfig,
    lora: LoRASettings | None,
    require_audit: bool,
    relabel: RelabelFn | None,
    rollout: RolloutFn | None,
    extra: LabelledStates | None = None,
    refinement: Refinement | None = None,
) -> DistillOutcome:
    started = time.perf_counter()
    lora_cfg = lora or LoRASettings()
    if mode not in ("full", "lora"):
        raise InvalidArgumentError(f"mode = {mode!r}: expected 'full' or 'lora'")
    if cfg.dagger_iterations and (relabel is None or rollout is None):
        raise InvalidArgumentError(
            f"dagger_iterations = {cfg.dagger_iterations} needs both a rollout(policy) and a "
            "relabel(states) callable"
        )
    used: PhantomPaths | None
    try:
        used = select_paths(paths, require_audit=require_audit)
    except NoApprovedPathsError:
        if extra is None or not len(extra):
            raise
        used = None  # no approved path: the extra labelled states are all there is
    returns = np.zeros(0) if used is None else used.returns()
    weights = (
        path_weights(returns, cfg.weighting, temperature=cfg.temperature, max_weight=cfg.max_weight)
        if len(returns)
        else np.zeros(0)
    )
    empty = _Data(
        np.zeros((0, policy.obs_dim), np.float32),
        _targets(policy, np.zeros((0, policy.action_dim), np.float32), "labels"),
        np.zeros(0, np.float32),
    )
    train_data, held_data = empty, empty
    train_idx = held_idx = np.zeros(0, dtype=np.int64)
    if used is not None:
        if used.num_paths > 1:
            train_idx, held_idx = _split(used.num_paths, cfg.holdout_fraction, cfg.seed)
        else:
            train_idx = np.arange(used.num_paths)
        train_data = _labelled_steps(
            policy, used.select(train_idx), weights[train_idx], "training paths"
        )
        if len(held_idx):
            held_data = _labelled_steps(
                policy, used.select(held_idx), weights[held_idx], "held-out paths"
            )
    if extra is not None and len(extra):
        if extra.states.shape[1] != policy.obs_dim:
            raise ShapeError(
                f"extra states have width {extra.states.shape[1]}, expected {policy.obs_dim}"
            )
        train_data = train_data.extend(
            _Data(
                extra.states,
                _targets(policy, extra.labels, "extra labels"),
                np.ones(len(extra), dtype=np.float32),
            )
        )
    if len(train_data) == 0:
        raise DistillationInputError(
            "the training paths have no steps before their end (all lengths are 0)"
        )
    train_w = weights[train_idx]
    effective = float(train_w.sum() ** 2 / (train_w**2).sum()) if len(train_w) else 0.0

    base = copy.deepcopy(policy)
    base._set_live(None)
    spec: LoRASpec | None = None
    peft_model: nn.Module | None = None
    if mode == "full":
        base.requires_grad_(True)
        module: nn.Module = base
    else:
        from peft import get_peft_model

        spec = lora_cfg.spec(policy)
        base.requires_grad_(False)
        with torch.random.fork_rng(devices=[]):
            torch.manual_seed(cfg.seed)
            peft_model = get_peft_model(base, spec.to_peft())
        module = peft_model
    module.eval()
    initial_error = _imitation_error(module, base, held_data)
    trainer = _Trainer(module, base, cfg, cfg.seed)
    train_loss = trainer.fit(train_data, cfg.updates)

    def current() -> Policy:
        """A stand-alone policy acting as the one being trained (LoRA merged)."""
        if peft_model is None:
            return base
        assert spec is not None
        standalone = copy.deepcopy(policy)
        standalone._set_live(merge_adapter(policy, _adapter_tensors(peft_model), spec))
        return standalone

    dagger_steps = 0
    for _ in range(cfg.dagger_iterations):
        assert rollout is not None
        assert relabel is not None
        visited = _check_paths_result(rollout(current()), "rollout")
        if visited.approved is not None:
            if not visited.approved.any():
                continue  # the auditor rejected every rollout: nothing to relabel this round
            visited = visited.approved_paths()
        mask = visited.step_mask()
        states = np.ascontiguousarray(visited.states[:, :-1][mask], dtype=np.float32)
        if states.shape[0] == 0:
            continue
        if states.shape[1] != policy.obs_dim:
            raise ShapeError(
                f"rollout states have width {states.shape[1]}, expected {policy.obs_dim}"
            )
        if not np.isfinite(states).all():
            raise InvalidArgumentError("the rollout visited NaN or infinite states")
        labels = np.asarray(relabel(states), dtype=np.float32)
        if labels.ndim == 1 and policy.action_dim == 1:
            labels = labels[:, None]
        if labels.shape != (states.shape[0], policy.action_dim):
            raise ShapeError(
                f"relabel returned shape {labels.shape}, expected "
                f"({states.shape[0]}, {policy.action_dim})"
            )
        relabelled = _Data(
            states,
            _targets(policy, labels, "relabelled actions"),
            np.ones(states.shape[0], dtype=np.float32),
        )
        train_data = train_data.extend(relabelled)
        dagger_steps += len(relabelled)
        train_loss = trainer.fit(train_data, cfg.dagger_updates or cfg.updates)

    judged: tuple[float, float] | None = None
    if refinement is not None and cfg.refine_updates:
        before = refinement.judge(current())
        kept = trainer.snapshot()
        trainer.refine(train_data, cfg.refine_updates, refinement.objective)
        judged = (before, refinement.judge(current()))
        if not judged[1] > judged[0]:
            trainer.restore(kept)  # the judge prefers the policy as distilled
    heldout_error = _imitation_error(module, base, held_data)
    distilled = current()
    imagined_return: float | None = None
    if rollout is not None:
        final = _check_paths_result(rollout(distilled), "rollout")
        value = float(final.returns().mean())
        imagined_return = value if math.isfinite(value) else None
    report = DistillReport(
        mode=mode,
        train_loss=train_loss,
        heldout_error=heldout_error,
        initial_heldout_error=initial_error,
        error_metric="error_rate" if policy.discrete else "normalized_mse",
        paths_total=paths.num_paths,
        paths_used=0 if used is None else used.num_paths,
        train_paths=len(train_idx),
        heldout_paths=len(held_idx),
        train_steps=len(train_data),
        heldout_steps=len(held_data),
        updates=trainer.updates,
        weighting=cfg.weighting,
        effective_paths=effective,
        dagger_iterations=cfg.dagger_iterations,
        dagger_steps=dagger_steps,
        label_return=float(returns.mean()) if len(returns) else None,
        imagined_return=imagined_return,
        refine_judged=judged,
        duration_s=time.perf_counter() - started,
    )
    if peft_model is None:
        base.requires_grad_(False)
        return DistillOutcome(report=report, policy=base, distilled=base)
    return DistillOutcome(
        report=report,
        policy=policy,
        distilled=distilled,
        adapter=_adapter_tensors(peft_model),
        lora=spec,
        peft_model=peft_model,
    )


def _adapter_tensors(peft_model: nn.Module) -> dict[str, torch.Tensor]:
    from peft import get_peft_model_state_dict

    state = get_peft_model_state_dict(peft_model)
    return {k: v.detach().to(torch.float32).clone().contiguous() for k, v in state.items()}
