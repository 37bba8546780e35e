"""The auditor's own reference model: a small world model it fits on part of its real calibration
data, so that the uncertainty detector's limit is not taken from the model under audit.

Ensemble disagreement has no common unit across ensembles (members, epochs, data and loss set
each model's level), so a limit measured with one model means nothing for another's
disagreement. The reference is therefore used whole: its limit is a quantile of its *own*
disagreement on real transitions it was not fitted on, and the imagined transitions of a batch
(each step's state and action) are scored with its *own* disagreement. A step above the limit
is one where "a model fitted on real data is unsure, as it is almost nowhere on held-out real
data": the path went where real data does not pin the dynamics down. Neither the audited
model's disagreement nor its self-confidence enters: a model that is overconfident (its members
agree everywhere) cannot loosen the limit, nor an honest but unsure one tighten it.

The reference is a compact ensemble (``REFERENCE_MODEL``: two hidden layers of 64, 5 members,
at most 30 epochs, plain likelihood, no outcome head) with a fixed seed, fitted on whole
episodes of the calibration data (``fit_share`` of them, drawn with the calibration's seed);
the other episodes are held out. Its disagreement is computed by the Rust core (a one-step
``plasma._core.rollout``). Fitting it costs a few CPU seconds once per calibration (3-4 s on
3,500 Pendulum steps); see ``OwnReference.cpu_seconds``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from plasma.envs import Transitions

__all__ = [
    "MIN_FIT_STEPS",
    "MIN_HELD_OUT_STEPS",
    "REFERENCE_MODEL",
    "DisagreementFn",
    "OwnReference",
    "fit_reference",
    "model_disagreement",
]

REFERENCE_MODEL: dict[str, object] = {
    "members": 5,
    "hidden": [64, 64],
    "max_epochs": 30,
    "patience": 5,
    "nll_beta": 0.0,
    "outcome_head": False,
    "predict_done": False,
    "torch_threads": 1,
}
"""The reference's ``WorldModelConfig`` (its seed is the calibration's). Every setting is fixed
here, not inherited from ``WorldModelConfig``'s defaults, so a change of those (a loss, a size)
does not move the auditor's limit."""

DisagreementFn = Callable[[np.ndarray, np.ndarray], np.ndarray]
"""``fn(obs[N,S], action[N,A]) -> disagreement[N]``: a model's ensemble disagreement."""


def model_disagreement(model: Any) -> DisagreementFn | None:
    """A disagreement function for ``model`` if it has one: ``model.disagreement(obs, action)``
    (a ``WorldModel`` or any object), or a one-step ``plasma._core.rollout`` of a core model."""
    if model is None:
        return None
    fn = getattr(model, "disagreement", None)
    if callable(fn):
        return lambda obs, act: np.asarray(fn(obs, act), dtype=np.float64).reshape(-1)
    core_model = model.to_core() if hasattr(model, "to_core") else model
    from plasma import _core

    rollout = getattr(_core, "rollout", None)
    if rollout is None:
        return None

    def one_step(obs: np.ndarray, act: np.ndarray) -> np.ndarray:
        out = rollout(
            core_model,
            np.ascontiguousarray(obs, dtype=np.float32),
            1,
            0,
            actions=np.ascontiguousarray(act[:, None, :], dtype=np.float32),
        )
        return np.asarray(out["uncertainty"], dtype=np.float64).reshape(-1)

    return one_step


MIN_FIT_STEPS = 200
"""Fewer real steps to fit on and no reference is fitted."""
MIN_HELD_OUT_STEPS = 100
"""Fewer held-out real steps and no reference is fitted (a 99% quantile needs some)."""


@dataclass
class OwnReference:
    """A reference model the auditor fitted itself, with the real data it was measured on."""

    model: object
    """The fitted ``plasma.simulator.WorldModel``."""
    fit_steps: int
    """Real transitions it was fitted on."""
    held_out: np.ndarray
    """Its disagreement on the held-out real transitions (float64, finite)."""
    cpu_seconds: float
    """CPU time of the fit (this process, all threads)."""

    def __post_init__(self) -> None:
        fn = model_disagreement(self.model)
        if fn is None:
            raise RuntimeError("the reference model has no disagreement (no Rust core)")
        self._disagreement = fn

    @property
    def held_out_steps(self) -> int:
        """Held-out real transitions its limit is measured on."""
        return int(self.held_out.size)

    def threshold(self, quantile: float, margin: float) -> float:
        """``margin`` x the ``quantile`` quantile of its held-out disagreement."""
        return max(float(np.quantile(self.held_out, quantile)), 1e-9) * margin

    def disagreement(self, obs: np.ndarray, action: np.ndarray) -> np.ndarray:
        """Its disagreement at each (state, action), float64 ``[N]`` (non-finite inputs give
        non-finite values, as the scan reports non-finite states on their own)."""
        obs = np.asarray(obs, dtype=np.float32)
        action = np.asarray(action, dtype=np.float32)
        out = np.full(len(obs), np.nan)
        ok = np.isfinite(obs).all(axis=1) & np.isfinite(action).all(axis=1)
        if ok.any():
            out[ok] = self._disagreement(obs[ok], action[ok])
        return out

    def score_paths(
        self, states: np.ndarray, actions: np.ndarray, lengths: np.ndarray
    ) -> np.ndarray:
        """``[P, H]`` float32: its disagreement at every imagined step's state and action (0 past
        a path's length)."""
        p, h = actions.shape[:2]
        live = np.arange(h)[None, :] < np.asarray(lengths)[:, None]
        out = np.zeros((p, h), dtype=np.float32)
        if live.any():
            values = self.disagreement(states[:, :-1][live], actions[live])
            out[live] = np.where(np.isfinite(values), values, 0.0)
        return out

    def summary(self) -> dict[str, float | int]:
        """For reports."""
        return {
            "fit_steps": self.fit_steps,
            "held_out_steps": self.held_out_steps,
            "cpu_seconds": round(self.cpu_seconds, 2),
        }


def _episodes(t: Transitions) -> np.ndarray:
    """Episode number of each transition (``Transitions.episode_ends`` separates them)."""
    ends = t.episode_ends()
    return np.concatenate([[0], np.cumsum(ends[:-1])]).astype(np.int64)


def split_episodes(t: Transitions, fit_share: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Indices ``(fit, held_out)``: whole episodes, drawn at random (``seed``) until ``fit_share``
    of the steps are in the fit part. With fewer than 4 episodes the data is cut in time
    instead (the first ``fit_share`` of the steps are fitted on): neighbouring steps of one
    episode are nearly the same transition, and a random split of them would hold out nothing."""
    n = len(t)
    episode = _episodes(t)
    count = int(episode[-1]) + 1 if n else 0
    if count < 4:
        cut = round(fit_share * n)
        return np.arange(cut), np.arange(cut, n)
    sizes = np.bincount(episode, minlength=count)
    order = np.random.default_rng(seed).permutation(count)
    taken = np.cumsum(sizes[order]) <= fit_share * n
    taken[0] = True  # at least one episode is fitted on
    fit_episodes = np.zeros(count, dtype=bool)
    fit_episodes[order[taken]] = True
    if fit_episodes.all():
        fit_episodes[order[-1]] = False
    mask = fit_episodes[episode]
    return np.flatnonzero(mask), np.flatnonzero(~mask)


def fit_reference(
    transitions: Transitions, *, seed: int = 0, fit_share: float = 0.7
) -> OwnReference | None:
    """Fit the auditor's reference on ``fit_share`` of ``transitions`` (whole episodes) and
    measure its disagreement on the rest. None when there is too little data for either part
    (``MIN_FIT_STEPS``, ``MIN_HELD_OUT_STEPS``)."""
    from plasma.simulator.world_model import WorldModel, WorldModelConfig

    if not 0.0 < fit_share < 1.0:
        raise ValueError(f"fit_share must be strictly between 0 and 1, got {fit_share!r}")
    fit_idx, held_idx = split_episodes(transitions, fit_share, seed)
    if fit_idx.size < MIN_FIT_STEPS or held_idx.size < MIN_HELD_OUT_STEPS:
        return None
    fit, held = transitions.take(fit_idx), transitions.take(held_idx)
    model = WorldModel(
        transitions.state_dim,
        transitions.action_dim,
        WorldModelConfig(**REFERENCE_MODEL, seed=seed),
        discrete_actions=transitions.n_actions,
    )
    began = time.process_time()
    model.fit(fit)
    cpu = time.process_time() - began
    ref = OwnReference(model=model, fit_steps=len(fit), held_out=np.zeros(0), cpu_seconds=cpu)
    values = ref.disagreement(held.obs, held.action)
    ref.held_out = values[np.isfinite(values)]
    if ref.held_out.size < MIN_HELD_OUT_STEPS:
        return None
    return ref
