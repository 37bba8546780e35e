"""What "normal" looks like, measured on real transitions: the limits the detectors compare to."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from plasma.auditor.config import DetectorConfig
from plasma.auditor.errors import CalibrationError
from plasma.auditor.invariants import NormInvariant, discover_norms
from plasma.auditor.reference import (
    DisagreementFn,
    OwnReference,
    fit_reference,
    model_disagreement,
)
from plasma.envs import Transitions

__all__ = ["Calibration", "DisagreementFn", "calibrate", "model_disagreement"]

MAX_SUPPORT_POINTS = 200_000
"""Real states kept for the support grid (a seeded subsample beyond this)."""
RESOLUTION_EPSILON = 1e-3
"""Without a model, a variable's resolution is this share of its spread or mean magnitude
(whichever is larger): constant variables still get a range of nonzero width."""


class Calibration(BaseModel):
    """Limits measured on real data (per-variable lists have one entry per state variable)."""

    model_config = ConfigDict(extra="forbid")

    env_id: str
    """Environment the real data came from."""
    variant: dict[str, float] = Field(default_factory=dict)
    """Its physical variant."""
    state_names: list[str]
    """Names of the state variables."""
    state_dim: int
    """S."""
    action_dim: int
    """A."""
    transitions: int
    """Real transitions measured."""
    source: str = "given"
    """"given" (``calibrate()`` was called) or how the auditor collected the data itself."""
    state_low: list[float]
    """Lowest real value of each variable."""
    state_high: list[float]
    """Highest real value of each variable."""
    state_mean: list[float]
    """Mean of each variable."""
    state_std: list[float]
    """Standard deviation of each variable (floored to stay positive)."""
    reward_min: float
    """Lowest real reward."""
    reward_max: float
    """Highest real reward."""
    reward_quantile: float
    """The ``cycle_rate_quantile`` quantile of real rewards."""
    reward_std: float = 0.0
    """Standard deviation of the real rewards (the reward's allowance is
    ``local_allowance`` x this; 0: older calibrations)."""
    max_reward_change: float
    """Largest change between consecutive real rewards of one episode."""
    max_state_change: list[float]
    """Largest one-step change of each variable."""
    uncertainty_threshold: float | None = None
    """Disagreement threshold, when a model measured disagreement on the real data."""
    uncertainty_source: Literal["model", "reference", "own_reference", "fixed", "none"] = "none"
    """Where the threshold came from. "own_reference": the auditor's own reference model
    (``plasma.auditor.reference``), fitted on part of these transitions: the threshold is a
    quantile of its disagreement on the rest, and the checker scores the imagined steps with
    its disagreement, not with the disagreement the paths record."""
    own_reference: dict[str, float] | None = None
    """With ``uncertainty_source`` "own_reference": its real steps fitted on and held out, and
    the CPU seconds of the fit."""
    uncertainty_scale: float | None = None
    """With a trusted reference: the median disagreement of the model under audit on the real
    data over the reference's (how much less certain it is in general; None without both)."""
    state_resolution: list[float] = Field(default_factory=list)
    """Smallest meaningful difference of each variable, in its own units: the larger of the
    model's honest one-step error on the real data (its ``error_quantile`` quantile) and a
    relative epsilon of the variable's scale. Ranges, scales and step limits are never narrower
    than this, so a constant or near-constant variable does not turn model noise into findings
    (empty: older calibrations, no floor)."""
    reward_excess: float = 0.0
    """How far the model's honest one-step rewards at the real transitions go above the largest
    real reward (the ``error_quantile`` quantile; 0 without a model): the reward limits are never
    tighter than this, so a constant reward does not turn model noise into findings."""
    resolution_source: Literal["model", "reference", "data"] = "data"
    """Where ``state_resolution`` and ``reward_excess`` came from: the trusted reference model
    when ``calibrate`` got one (a model wrong in a region would otherwise widen its own floors
    by its own errors), else the model, else the data alone."""

    replay_tolerance: list[float] = Field(default_factory=list)
    """Per state variable, then the reward (own units): the ``error_quantile`` quantile of the
    honest one-step error of a good model's mean prediction on these real transitions (the
    trusted reference when given, else the model), at least the relative epsilon of the
    variable's scale. Replays measure each step's error in these units (empty: no model, the
    replays fall back to standard deviations)."""
    replay_tolerance_source: Literal["model", "reference", "none"] = "none"
    """Which model ``replay_tolerance`` was measured with."""
    norms: list[NormInvariant] = Field(default_factory=list)
    """Groups of variables whose sum of squares is constant on every real state, found on these
    transitions (``plasma.auditor.invariants.discover_norms``; by index): the checker adds those
    no declared invariant covers (``AuditorConfig.discovered_invariants``)."""

    _points: np.ndarray | None = PrivateAttr(default=None)
    _local: Any = PrivateAttr(default=None)
    _own: Any = PrivateAttr(default=None)

    @property
    def reference_model(self) -> Any:
        """The auditor's own reference (``plasma.auditor.reference.OwnReference``) that scores
        imagined steps for the uncertainty detector (None without one, and after a JSON round
        trip)."""
        return self._own

    @property
    def local(self) -> Any:
        """The local validation index (``plasma.auditor.local.LocalValidation``; None after a
        JSON round trip or when both local detectors are disabled)."""
        return self._local

    @property
    def support_points(self) -> np.ndarray | None:
        """Real states ``[N, S]`` (float32) behind the support grid (None after a JSON round
        trip: the grid then uses the per-variable ranges only)."""
        return self._points

    def summary(self) -> dict[str, Any]:
        """A short description for reports."""
        return {
            "env_id": self.env_id,
            "transitions": self.transitions,
            "source": self.source,
            "reward_range": [self.reward_min, self.reward_max],
            "uncertainty_threshold": self.uncertainty_threshold,
            "uncertainty_source": self.uncertainty_source,
            "uncertainty_scale": self.uncertainty_scale,
            "own_reference": self.own_reference,
            "reward_excess": self.reward_excess,
            "resolution_source": self.resolution_source,
        }


def _core_rollout(model: Any) -> Callable[..., dict[str, Any]] | None:
    """``fn(obs[N,S], horizon, seed=0, actions=None, **options)``: a sampled rollout of
    ``model`` as imagined paths are made (``plasma._core.rollout``): with ``actions[N,H,A]``
    given, or chosen by a planner named in ``options``; None for models it cannot run."""
    if model is None:
        return None
    core_model = model.to_core() if hasattr(model, "to_core") else model
    from plasma import _core

    rollout = getattr(_core, "rollout", None)
    if rollout is None:
        return None

    def run(
        obs: np.ndarray,
        horizon: int,
        seed: int = 0,
        actions: np.ndarray | None = None,
        **options: Any,
    ) -> dict[str, Any]:
        if actions is not None:
            options["actions"] = np.ascontiguousarray(actions, dtype=np.float32)
        obs = np.ascontiguousarray(obs, dtype=np.float32)
        return dict(rollout(core_model, obs, int(horizon), int(seed), **options))

    return run


def _path_rewards(out: dict[str, Any], n: int, horizon: int) -> np.ndarray | None:
    """``[n, horizon]``: the rewards of a rollout's ``n`` paths, NaN past where each ended;
    None when the rollout's arrays do not have that shape."""
    rewards = np.asarray(out["rewards"], dtype=np.float64).reshape(n, -1)
    lengths = np.asarray(out.get("lengths", np.full(n, horizon))).reshape(-1)
    if rewards.shape != (n, horizon) or lengths.shape != (n,):
        return None
    rewards[np.arange(horizon)[None, :] >= lengths[:, None]] = np.nan
    return rewards


def _finite(values: Any) -> np.ndarray:
    out = np.asarray(values, dtype=np.float64).reshape(-1)
    return out[np.isfinite(out)]


def _episode_pairs(t: Transitions) -> np.ndarray:
    """Indices i where transition i+1 continues transition i's episode."""
    if len(t) < 2:
        return np.zeros(0, dtype=np.int64)
    ended = t.terminated[:-1] | t.truncated[:-1]
    same = np.all(t.obs[1:] == t.next_obs[:-1], axis=1)
    return np.flatnonzero(~ended & same)


def _honest_step(model: Any, t: Transitions) -> tuple[np.ndarray, np.ndarray] | None:
    """The model's sampled one-step predictions (next states, rewards) at the real transitions,
    taken the way rollouts take them; None without a core model."""
    run = _core_rollout(model)
    if run is None:
        return None
    try:
        out = run(t.obs, 1, actions=t.action[:, None, :])
    except (TypeError, ValueError, RuntimeError):
        return None
    states = np.asarray(out["states"], dtype=np.float64)
    rewards = np.asarray(out["rewards"], dtype=np.float64)
    if states.ndim != 3 or states.shape[0] != len(t) or states.shape[1] < 2:
        return None
    return states[:, 1], rewards.reshape(len(t), -1)[:, 0]


def _mean_step_error(model: Any, t: Transitions) -> np.ndarray | None:
    """``[N, S + 1]``: the absolute one-step error of ``model``'s mean prediction (next state,
    then reward) at the real transitions; None for models without ``predict_mean``."""
    predict = getattr(model, "predict_mean", None)
    if not callable(predict):
        return None
    try:
        nxt, rew = predict(t.obs, t.action)
    except (TypeError, ValueError, RuntimeError):
        return None
    pred = np.concatenate(
        [np.asarray(nxt, np.float64), np.asarray(rew, np.float64).reshape(-1, 1)], axis=1
    )
    real = np.concatenate(
        [t.next_obs.astype(np.float64), t.reward.astype(np.float64).reshape(-1, 1)], axis=1
    )
    if pred.shape != real.shape:
        return None
    err = np.abs(pred - real)
    err = err[np.isfinite(err).all(axis=1)]
    return err if len(err) else None


def _honest_path_rewards(model: Any, t: Transitions, horizon: int) -> np.ndarray | None:
    """Rewards of honest imagined paths: from each real state the model is rolled out with the
    real actions that followed it (up to ``horizon`` steps, within its episode). Returns the
    imagined rewards of the steps reality also took (flat), None without a core model."""
    run = _core_rollout(model)
    if run is None or horizon < 1:
        return None
    n = len(t)
    ended = t.terminated | t.truncated
    follows = np.zeros(n, dtype=bool)
    follows[_episode_pairs(t)] = True  # transition i+1 continues transition i
    valid = np.zeros((n, horizon), dtype=bool)
    valid[:, 0] = True
    index = np.arange(n)[:, None] + np.arange(horizon)[None, :]
    for k in range(1, horizon):
        prev = np.minimum(index[:, k - 1], n - 1)
        valid[:, k] = valid[:, k - 1] & (index[:, k] < n) & follows[prev] & ~ended[prev]
    actions = t.action[np.minimum(index, n - 1)] * valid[..., None]
    try:
        rewards = _path_rewards(run(t.obs, horizon, actions=actions), n, horizon)
    except (TypeError, ValueError, RuntimeError):
        return None
    if rewards is None:
        return None
    steps: np.ndarray = rewards[valid & ~np.isnan(rewards)]
    return steps


PLANNED_POPULATION = 64
"""Candidates per round of the planner the reward floor's planned paths are made with."""
PLANNED_ITERATIONS = 2
"""Rounds per decision of that planner."""


def _robust_scale(values: np.ndarray) -> float:
    """The standard deviation of ``values``' bulk (1.4826 x the median absolute deviation): a
    minority of large errors (a region the model is wrong in, terminal steps) does not move it."""
    values = values[np.isfinite(values)]
    if not values.size:
        return 0.0
    return float(1.4826 * np.median(np.abs(values - np.median(values))))


def _planned_path_rewards(
    model: Any, t: Transitions, horizon: int, starts: int, seed: int
) -> np.ndarray | None:
    """Rewards of paths a planner selects in ``model``: from ``starts`` real states (a seeded
    draw) the core's planner (CEM within the real actions' range, or the discrete planner)
    plans ``horizon``-step paths, rolled out as imagined paths are (sampled, one member a
    path). Returns the imagined rewards of their steps (flat), None without a core model."""
    run = _core_rollout(model)
    if run is None or horizon < 1 or starts < 1:
        return None
    rng = np.random.default_rng(seed)
    pick = np.sort(rng.choice(len(t), min(starts, len(t)), replace=False))
    discrete = t.n_actions is not None
    planner: dict[str, Any] = {
        "kind": "discrete" if discrete else "cem",
        "horizon": int(horizon),
        "population": PLANNED_POPULATION,
        "iterations": PLANNED_ITERATIONS,
    }
    options: dict[str, Any] = {"planner": planner, "compute_uncertainty": False}
    if not discrete:
        options["action_low"] = np.ascontiguousarray(t.action.min(axis=0), dtype=np.float32)
        options["action_high"] = np.ascontiguousarray(t.action.max(axis=0), dtype=np.float32)
    try:
        rewards = _path_rewards(run(t.obs[pick], horizon, seed, **options), len(pick), horizon)
    except (TypeError, ValueError, RuntimeError):
        return None
    return None if rewards is None else rewards[~np.isnan(rewards)]


LOCAL_OPTIONS = {
    "k": "local_k",
    "quantile": "local_quantile",
    "floor": "local_tolerance_floor",
    "allowance": "local_allowance",
    "reward_floor": "local_reward_floor",
    "confidence": "local_allowance_confidence",
    "false_alarm": "local_false_alarm",
    "fit_dims": "local_fit_dims",
    "reward_witness": "local_reward_witness",
    "learned_metric": "local_learned_metric",
    "reward_reads": "local_reward_reads",
    "smooth_witness": "local_smooth_witness",
    "far_agreement": "local_far_agreement",
    "model_agreement": "local_model_agreement",
    "far_vouched": "local_far_vouched",
    "smooth_model_error": "local_smooth_model_error",
    "episode_out": "local_episode_out",
    "contact_evidence": "local_contact_evidence",
    "law_overrule": "local_law_overrule",
    "far_curvature": "local_far_curvature",
    "reward_trend": "local_reward_trend",
    "evidence_line": "local_path_evidence_line",
}
"""``LocalValidation``'s options and the detector settings that give them."""


def calibrate(
    transitions: Transitions,
    config: DetectorConfig | None = None,
    *,
    model: Any = None,
    disagreement: DisagreementFn | None = None,
    reference: Any = None,
    source: str = "given",
    seed: int = 0,
    line_data: Transitions | None = None,
    own_reference: bool | OwnReference = False,
) -> Calibration:
    """Measure the limits of the detectors on real ``transitions``.

    The disagreement threshold needs a model: ``model`` (anything :func:`model_disagreement`
    understands) or a ``disagreement`` function, evaluated on the real data; pass transitions the
    model was *not* fitted on for an honest threshold. Without one the threshold is left to the
    checker (``DetectorConfig.uncertainty_fallback``). ``reference`` (a model the auditor trusts,
    e.g. the last approved one) measures the disagreement threshold instead of ``model``, so a
    bad fit of the model under audit cannot loosen its own threshold; ``model`` is then only
    used for the local model error (``plasma.auditor.local``).

    ``own_reference``: True fits the auditor's own reference model on part of ``transitions``
    (whole episodes; ``plasma.auditor.reference.fit_reference`` with ``seed``; an
    ``OwnReference`` already fitted on them is used as given). The disagreement threshold is
    then drawn from it: a quantile of its disagreement on the held-out rest, and the checker
    scores the imagined steps with the same model's disagreement. Neither ``model`` nor
    ``reference`` moves that limit (``reference`` still sets the floors, tolerances and the
    local detectors' reference, and the model-level ``uncertainty_scale``). Too little data
    for a fit (``MIN_FIT_STEPS`` and ``MIN_HELD_OUT_STEPS`` of ``plasma.auditor.reference``)
    leaves the threshold to ``model`` / ``reference`` as without it.

    ``line_data``: more real transitions of the same env (other episodes, e.g. the real data a
    training run already holds) from which, pooled with ``transitions``, the local detectors'
    line of "correct" is drawn (``LocalValidation.pool_line``): the line is a share of a spread
    that a few episodes know only roughly (2,000 steps are two MountainCarContinuous episodes,
    its spread known to about 20%), and the bound a step must pass widens with that
    uncertainty. Only the line: the index, its fits and every other limit stay the
    ``transitions``'.

    Degenerate distributions (a constant reward, constant or near-constant variables, discrete
    values) give ranges of zero width, where any model noise would look like an exploit. Each
    variable therefore gets a resolution (``state_resolution``): the model's honest one-step error
    on these transitions (a sampled one-step rollout from each real state and action, its
    ``error_quantile`` quantile), at least a relative epsilon of the variable's scale; and the
    reward limits get the honest excess of the model's rewards over the real maximum
    (``reward_excess``). The detectors' limits are never tighter than these (see
    ``ScanLimits.build``).

    Raises:
        CalibrationError: fewer than 10 transitions.
    """
    cfg = config or DetectorConfig()
    n = len(transitions)
    if n < 10:
        raise CalibrationError(f"calibration needs at least 10 real transitions, got {n}")
    obs = transitions.obs.astype(np.float64)
    nxt = transitions.next_obs.astype(np.float64)
    states = np.concatenate([obs, nxt])
    rewards = transitions.reward.astype(np.float64)
    low, high = states.min(axis=0), states.max(axis=0)
    mean = states.mean(axis=0)
    spread = high - low
    std = np.maximum(states.std(axis=0), np.maximum(1e-3 * spread, 1e-6))
    change = np.abs(nxt - obs).max(axis=0)
    pairs = _episode_pairs(transitions)
    reward_change = float(np.abs(rewards[pairs + 1] - rewards[pairs]).max()) if pairs.size else 0.0

    threshold: float | None = None
    scale: float | None = None
    values = np.zeros(0)
    unc_source: Literal["model", "reference", "own_reference", "fixed", "none"] = "none"
    # The own reference first: where it sets the limit and no trusted reference is given, the
    # audited model's disagreement on the real data is not needed (its limit would be replaced,
    # and only a trusted reference's comparison with it gives the model-level scale).
    owned: OwnReference | None = None
    if cfg.uncertainty_threshold is None and own_reference is not False:
        owned = (
            own_reference
            if isinstance(own_reference, OwnReference)
            else fit_reference(transitions, seed=seed)
        )
    if cfg.uncertainty_threshold is not None:
        threshold, unc_source = float(cfg.uncertainty_threshold), "fixed"
    elif owned is None or reference is not None:
        fn = disagreement or model_disagreement(reference if reference is not None else model)
        if fn is not None:
            values = _finite(fn(transitions.obs, transitions.action))
            if values.size:
                q = float(np.quantile(values, cfg.uncertainty_quantile))
                threshold = max(q, 1e-9) * cfg.uncertainty_margin
                unc_source = (
                    "reference" if reference is not None and disagreement is None else "model"
                )
        if unc_source == "reference" and threshold is not None:
            # Disagreement has no common unit across ensembles (members, epochs and data set
            # each model's level), so the reference's threshold is moved to the audited model's
            # level: the ratio of the medians on the same real data. The tail (the quantile over
            # the median) stays the reference's, so a region where the audited model is unsure
            # of itself does not loosen it; how much less certain the model is in general is
            # kept for a model-level finding (``Calibration.uncertainty_scale``).
            own = model_disagreement(model)
            try:
                mine = _finite(own(transitions.obs, transitions.action)) if own else None
            except (TypeError, ValueError, RuntimeError, AttributeError):
                mine = None  # a model without disagreement keeps the reference's level
            if mine is not None and mine.size and values.size:
                ratio = float(np.median(mine)) / max(float(np.median(values)), 1e-12)
                scale = ratio if np.isfinite(ratio) and ratio > 0 else None
                if scale is not None:
                    threshold *= scale
    if owned is not None:
        threshold = owned.threshold(cfg.uncertainty_quantile, cfg.uncertainty_margin)
        unc_source = "own_reference"

    eps = np.maximum(RESOLUTION_EPSILON * np.maximum(spread, np.abs(states).mean(axis=0)), 1e-6)
    resolution = eps
    reward_excess = 0.0
    res_source: Literal["model", "reference", "data"] = "data"
    # The floors come from a trusted model when there is one: the 99% error of a model that is
    # wrong in a region is that region's error, and it would loosen every limit drawn from it.
    resolver = reference if reference is not None else model
    honest = _honest_step(resolver, transitions)
    if honest is not None:
        predicted, predicted_reward = honest
        error = np.abs(predicted - nxt)
        ok = np.isfinite(error).all(axis=1) & np.isfinite(predicted_reward)
        if ok.any():
            q = cfg.error_quantile
            resolution = np.maximum(resolution, np.quantile(error[ok], q, axis=0))
            paid = predicted_reward[ok]
            along = _honest_path_rewards(resolver, transitions, cfg.error_horizon)
            if along is not None and along.size:
                paid = np.concatenate([paid, along[np.isfinite(along)]])
            excess = np.maximum(paid - float(rewards.max()), 0.0)
            reward_excess = float(np.quantile(excess, q))
            # What a planner selects: honest paths carry the reward noise their planner picked
            # out of many candidates, which the real actions above do not; counted up to the
            # largest excess that noise reaches among every candidate step the planner scored,
            # so a region the model pays too much in does not widen its own floor.
            planned = _planned_path_rewards(
                resolver, transitions, cfg.error_horizon, cfg.error_planned_starts, seed
            )
            if planned is not None and np.isfinite(planned).any():
                chosen = np.maximum(planned[np.isfinite(planned)] - float(rewards.max()), 0.0)
                searched = (
                    min(cfg.error_planned_starts, n)
                    * cfg.error_horizon**2
                    * PLANNED_POPULATION
                    * PLANNED_ITERATIONS
                )
                live = ok & ~np.asarray(transitions.terminated, dtype=bool)
                noise = _robust_scale(predicted_reward[live] - rewards[live])
                reach = noise * float(np.sqrt(2.0 * np.log(max(searched, 2))))
                reward_excess = max(reward_excess, min(float(np.quantile(chosen, q)), reach))
            res_source = "reference" if reference is not None else "model"

    replay_tol: list[float] = []
    replay_source: Literal["model", "reference", "none"] = "none"
    mean_error = _mean_step_error(resolver, transitions)
    if mean_error is not None:
        # Errors below ``local_tolerance_floor`` x the std of a variable's real one-step change
        # (of the real reward) do not matter, however precise the model.
        live = ~transitions.terminated
        step_std = (nxt - obs)[live].std(axis=0) if live.any() else np.zeros(obs.shape[1])
        reward_eps = max(float(np.ptp(rewards)), float(np.abs(rewards).mean()), 1e-6)
        floor = np.maximum(
            np.append(eps, RESOLUTION_EPSILON * reward_eps),
            cfg.local_tolerance_floor * np.append(step_std, rewards.std()),
        )
        tol = np.maximum(np.quantile(mean_error, cfg.error_quantile, axis=0), floor)
        replay_tol = np.maximum(tol, 1e-6).tolist()
        replay_source = "reference" if reference is not None else "model"

    cal = Calibration(
        env_id=transitions.env_id,
        variant=dict(transitions.variant),
        state_names=list(transitions.state_names),
        state_dim=int(obs.shape[1]),
        action_dim=int(transitions.action.shape[1]),
        transitions=n,
        source=source,
        state_low=low.tolist(),
        state_high=high.tolist(),
        state_mean=mean.tolist(),
        state_std=std.tolist(),
        reward_min=float(rewards.min()),
        reward_max=float(rewards.max()),
        reward_std=float(rewards.std()),
        reward_quantile=float(np.quantile(rewards, cfg.cycle_rate_quantile)),
        max_reward_change=reward_change,
        max_state_change=np.maximum(change, 1e-6).tolist(),
        uncertainty_threshold=threshold,
        uncertainty_source=unc_source,
        uncertainty_scale=scale,
        own_reference=None if owned is None else owned.summary(),
        state_resolution=resolution.tolist(),
        reward_excess=reward_excess,
        resolution_source=res_source,
        replay_tolerance=replay_tol,
        replay_tolerance_source=replay_source,
        norms=discover_norms(states, seed=seed),
    )
    points = states.astype(np.float32)
    if len(points) > MAX_SUPPORT_POINTS:
        pick = np.random.default_rng(seed).choice(len(points), MAX_SUPPORT_POINTS, replace=False)
        points = points[np.sort(pick)]
    cal._points = np.ascontiguousarray(points)
    cal._own = owned
    # The index serves the three local detectors, and the termination witness where real
    # episodes end.
    witnesses = {"local_physics", "local_model_error", "reference_gap"}
    if cfg.local_path_evidence:
        witnesses.add("path_evidence")
    if bool(np.asarray(transitions.terminated).any()):
        witnesses.add("local_termination")
    if not witnesses <= set(cfg.disabled):
        from plasma.auditor.local import LocalValidation

        local = LocalValidation(
            transitions,
            seed=seed,
            resolution=cfg.resolution_margin
            * np.array([*resolution, reward_excess], dtype=np.float64),
            termination_witness="local_termination" not in cfg.disabled,
            path_evidence=cfg.local_path_evidence and "path_evidence" not in cfg.disabled,
            **{arg: getattr(cfg, name) for arg, name in LOCAL_OPTIONS.items()},
        )
        if line_data is not None:
            local.pool_line(line_data)
        if reference is not None:
            local.set_reference(reference)
        if model is not None:
            local.set_model(model)
        cal._local = local
    return cal
