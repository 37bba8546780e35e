"""``PhantomPathGenerator``: rolls out diverse phantom paths in the Rust core.

Diversity comes from three sources: which ensemble member drives each path (or every step), the
model's own sampled noise, and Gaussian action noise. The actions come from a planner (CEM or MPPI
for continuous actions, a categorical CEM for discrete ones; the default, which also returns the
planner's action labels for the distiller), a policy network in the loop, given action sequences,
or uniform random actions.
"""

from __future__ import annotations

from typing import Any, Literal, Required, TypedDict

import numpy as np
from pydantic import ConfigDict, Field, model_validator

from plasma import _core
from plasma._config import ConfigModel, coerce_config
from plasma.errors import InvalidArgumentError
from plasma.simulator.paths import PathsMeta, PhantomPaths

__all__ = ["GeneratorConfig", "PhantomPathGenerator", "PlannerConfig", "RolloutRequest"]

Mode = Literal["planner", "policy", "actions", "random"]


_CORE = _core.planner_defaults()
"""The core's planner defaults (``PlannerConfig::default`` in ``planner.rs``): their one home."""


class PlannerConfig(ConfigModel):
    """Model-predictive planner run at every step of a path (every field defaults to the core's
    setting, ``plasma._core.planner_defaults()``).

    The bounds of the values are the Rust core's (``PlannerConfig::validate``), checked when the
    config is made: a bad value fails then, naming its key (``planner["population"] = 0: must be
    positive``)."""

    model_config = ConfigDict(extra="forbid")

    kind: Literal["cem", "mppi", "discrete"] | None = None
    """"cem" or "mppi" for continuous actions, "discrete" for discrete ones; None picks cem or
    discrete from the action space."""
    horizon: int = _CORE["horizon"]
    """Steps each candidate action sequence looks ahead."""
    population: int = _CORE["population"]
    """Candidate sequences per iteration."""
    particles: int = _CORE["particles"]
    """Model rollouts per candidate (particle j uses ensemble member j mod E)."""
    iterations: int = _CORE["iterations"]
    """Refinement iterations per decision."""
    elite_frac: float = _CORE["elite_frac"]
    """CEM: share of candidates refitted on."""
    alpha: float = _CORE["alpha"]
    """Smoothing between successive distributions (0: none)."""
    init_std: float = _CORE["init_std"]
    """Initial standard deviation, as a share of the action range."""
    temperature: float = _CORE["temperature"]
    """MPPI: temperature of the exponential weighting of returns."""
    noise_std: float = _CORE["noise_std"]
    """MPPI: standard deviation of the perturbations, as a share of the action range."""
    discount: float | None = None
    """Discount of predicted rewards (and of the learned value after the horizon); None: the
    core's (0.99), or in a training run the run's discount (derived from the episode length)."""
    uncertainty_penalty: float | None = None
    """Subtracted per unit of ensemble disagreement above ``uncertainty_floor`` (MOPO-style
    pessimism); negative: added, an optimism bonus that drives exploration. Not 0 costs a forward
    pass of every member. None: 0, or in a training run derived from the data (pessimistic
    where the run imagines, optimistic where it collects)."""
    uncertainty_floor: float = _CORE["uncertainty_floor"]
    """Disagreement that costs (or earns) nothing, e.g. the ensemble's typical disagreement on
    real data: only what lies beyond it counts."""
    margin_penalty: float = _CORE["margin_penalty"]
    """Subtracted per step times the closeness to the model's termination box (sum over bounded
    variables of ((s - centre) / half-width)^2: 0 at the centre, 1 at a bound). Where every
    surviving step pays the same reward (CartPole) it keeps plans central, which a short horizon
    would not see the value of. 0: off."""
    resample_members: bool = _CORE["resample_members"]
    """Every particle draws its ensemble member anew at each step (trajectory sampling), so the
    ensemble's spread reaches every candidate's score; False: particle j keeps member j mod E."""
    sample_noise: bool = _CORE["sample_noise"]
    """Sample the model's predicted noise in the rollouts that score candidates (False: each
    member's mean prediction; the ensemble's spread still enters through the members)."""
    prior_fraction: float = _CORE["prior_fraction"]
    """With a prior policy: share of the candidates that are its own action sequences."""
    prior_noise: float = _CORE["prior_noise"]
    """Noise of the prior's candidates but the first: standard deviation as a share of the
    action range (continuous), or the probability of a random action (discrete)."""
    execute_best: bool = _CORE["execute_best"]
    """Return (and execute) the best-scoring candidate of all the decision's rounds, every round
    scored under the same common random numbers, and warm-start the next decision from it;
    False: the refitted mean (CEM, MPPI) or most likely sequence (discrete). For an unstable
    system the mean of good but different sequences can be a poor one (iCEM, Pinneri et al.
    2020). ``plan_value`` keeps its meaning (the score of the last round's mean, a target for
    the value); ``expected_return`` becomes the returned plan's score."""
    keep_elites: int = _CORE["keep_elites"]
    """CEM and discrete: the best candidates of a round that reappear in the next (at most the
    elite count); 0: none."""
    finalists: int = _CORE["finalists"]
    """With ``execute_best``: how many of the best-scoring candidates are scored again, with the
    refitted mean, under every ensemble member in turn (each member along the whole path); the
    decision returns the refitted mean unless a finalist beats it by more than two standard
    errors of the members' paired differences, so that a plan whose score one member's error
    inflates (the optimiser's curse) is not the one executed, and where good plans score alike
    the elites' consensus is. 0: the best-scoring candidate itself."""

    @model_validator(mode="after")
    def _check_in_core(self) -> PlannerConfig:
        values = {k: v for k, v in self.model_dump().items() if v is not None}
        _core.check_planner(values, discrete=values.get("kind") == "discrete")
        return self

    def to_core(self, discrete: bool) -> dict[str, Any]:
        """The planner dict of ``plasma._core.rollout`` (a field left at None takes the core's
        default there)."""
        values = {k: v for k, v in self.model_dump().items() if v is not None}
        kind = values.pop("kind", None) or ("discrete" if discrete else "cem")
        if discrete != (kind == "discrete"):
            space = "discrete" if discrete else "continuous"
            raise InvalidArgumentError(f"planner kind {kind!r} does not fit a {space} action space")
        return {"kind": kind, **values}


class GeneratorConfig(ConfigModel):
    """How phantom paths are produced."""

    model_config = ConfigDict(extra="forbid")

    mode: Mode = "planner"
    """Where actions come from: "planner" (default; also labels actions), "policy", "actions"
    (given sequences) or "random"."""
    planner: PlannerConfig = Field(default_factory=PlannerConfig)
    """Planner settings (planner mode)."""
    action_noise_std: float = Field(default=0.1, ge=0)
    """Gaussian noise added to executed actions, as a share of the action range (diversity)."""
    member_mode: Literal["per_path", "per_step"] = "per_path"
    """Draw the driving ensemble member once per path, or anew at every step."""
    deterministic: bool = False
    """Use the model's mean prediction instead of sampling its predicted noise."""
    compute_uncertainty: bool = True
    """Record ensemble disagreement per step (the auditor needs it)."""
    num_threads: int | None = Field(default=None, ge=1)
    """Threads of the Rust core (None: all cores, or PLASMA_NUM_THREADS)."""


class RolloutRequest(TypedDict, total=False):
    """What a rollout is asked for besides its starts and horizon: the keyword arguments of
    ``PhantomPathGenerator.generate`` (less ``shard``), which ``Simulator.simulate`` passes on and
    the Ray path (``plasma.simulator.sharded.generate_sharded``) takes as they are."""

    seed: Required[int]
    mode: Mode | None
    policy: Any
    actions: np.ndarray | None
    start_step: int | np.ndarray
    value: Any
    prior: Any
    planner: PlannerConfig | None


class PhantomPathGenerator:
    """Rolls a model out from given start states. ``model`` is a ``plasma._core`` dynamics model
    (``EnsembleModel`` from ``WorldModel.to_core()``, or a true-dynamics model for tests)."""

    def __init__(
        self,
        model: Any,
        *,
        action_low: np.ndarray,
        action_high: np.ndarray,
        discrete_actions: int | None = None,
        config: GeneratorConfig | dict[str, Any] | None = None,
        meta: PathsMeta | None = None,
    ) -> None:
        self.model = model
        self.config = coerce_config(GeneratorConfig, config)
        self.action_low = np.asarray(action_low, dtype=np.float32).reshape(-1)
        self.action_high = np.asarray(action_high, dtype=np.float32).reshape(-1)
        # The rollout's rule (the core's), checked when the generator is made.
        _core.check_action_bounds(self.action_low, self.action_high)
        self.discrete_actions = discrete_actions
        self.meta = meta or PathsMeta()

    @property
    def action_dim(self) -> int:
        """Width of an action (1 for discrete actions: the index)."""
        return int(self.action_low.shape[0])

    def resolve_mode(self, mode: Mode | None, policy: Any, actions: np.ndarray | None) -> Mode:
        """The mode a call runs in: ``mode``, else "actions" with actions, "policy" with a
        policy, else the configured mode."""
        return mode or (
            "actions"
            if actions is not None
            else "policy"
            if policy is not None
            else self.config.mode
        )

    def check_request(
        self,
        starts: np.ndarray,
        *,
        mode: Mode | None = None,
        policy: Any = None,
        actions: np.ndarray | None = None,
    ) -> tuple[Mode, np.ndarray]:
        """The mode a :meth:`generate` request runs in and the starts as contiguous float32.
        Only what this class adds to the core is checked here (the mode and what it needs); the
        Rust core checks the shapes and values when it rolls out.

        Raises:
            InvalidArgumentError: an unknown mode, or a mode without its policy/actions.
        """
        mode = self.resolve_mode(mode, policy, actions)
        if mode == "policy" and policy is None:
            raise InvalidArgumentError("mode='policy' needs a policy")
        if mode == "actions" and actions is None:
            raise InvalidArgumentError("mode='actions' needs actions of shape (P, H, A)")
        if mode not in ("planner", "policy", "actions", "random"):
            raise InvalidArgumentError(
                f"mode = {mode!r}: expected 'planner', 'policy', 'actions' or 'random'"
            )
        return mode, np.ascontiguousarray(starts, dtype=np.float32)

    def paths_meta(self, mode: Mode, seed: int) -> PathsMeta:
        """The metadata of the paths of one ``generate`` call: the generator's, with the call's
        ``mode`` and ``seed``."""
        return self.meta.model_copy(update={"mode": mode, "seed": seed})

    def generate(
        self,
        starts: np.ndarray,
        horizon: int,
        *,
        seed: int,
        mode: Mode | None = None,
        policy: Any = None,
        actions: np.ndarray | None = None,
        start_step: int | np.ndarray = 0,
        shard: tuple[int, int] | None = None,
        value: Any = None,
        prior: Any = None,
        planner: PlannerConfig | None = None,
    ) -> PhantomPaths:
        """Roll out ``len(starts)`` paths of ``horizon`` steps. Blocking; releases the GIL.

        In planner mode, ``value`` (a ``ValueFunction`` or ``plasma._core.ValueNet``) gives the
        planner the worth of a candidate's last state, ``prior`` (a policy or
        ``plasma._core.PolicyNet``) proposes candidates, and ``planner`` replaces the configured
        planner settings for this call.

        ``shard=(offset, total)``: the starts (and actions) are rows ``offset .. offset + P`` of a
        batch of ``total`` paths, and the result equals those rows of the batch rolled out at once
        (a shard starts on a multiple of ``plasma._core.rollout_chunk_size(total)`` and covers whole
        chunks unless it is the last; random-mode actions are drawn for the whole batch).
        """
        cfg = self.config
        mode, starts = self.check_request(starts, mode=mode, policy=policy, actions=actions)
        span = self.action_high - self.action_low
        noise = (
            float(cfg.action_noise_std * float(span.mean()))
            if self.discrete_actions is None
            else 0.0
        )
        kwargs: dict[str, Any] = {
            "action_low": self.action_low,
            "action_high": self.action_high,
            "member_mode": cfg.member_mode,
            "deterministic": cfg.deterministic,
            "compute_uncertainty": cfg.compute_uncertainty,
            "num_threads": cfg.num_threads,
        }
        if shard is not None:
            kwargs["shard"] = (int(shard[0]), int(shard[1]))
        if mode == "planner":
            kwargs["planner"] = (planner or cfg.planner).to_core(self.discrete_actions is not None)
            kwargs["action_noise_std"] = noise
            kwargs["value"] = _to_core(value)
            kwargs["prior"] = _to_core(prior)
        elif mode == "policy":
            kwargs["policy"] = _to_core(policy)
            kwargs["action_noise_std"] = noise
        else:
            if mode == "random":
                # Drawn for the rows of starts; their shape and the horizon are the core's to check.
                p = starts.shape[0] if starts.ndim else 0
                offset, total = (0, p) if shard is None else (int(shard[0]), int(shard[1]))
                draw = self._random_actions(total, max(int(horizon), 0), seed)
                actions = draw[offset : offset + p]
            kwargs["actions"] = np.ascontiguousarray(actions, dtype=np.float32)
        out = _core.rollout(self.model, starts, horizon, seed, **kwargs)
        p = out["lengths"].shape[0]
        meta = self.paths_meta(mode, seed)
        return PhantomPaths(
            states=out["states"],
            actions=out["actions"],
            rewards=out["rewards"],
            dones=out["dones"],
            uncertainty=out["uncertainty"],
            lengths=out["lengths"],
            members=out["members"],
            action_labels=out.get("action_labels"),
            plan_values=out.get("plan_values"),
            start_step=np.broadcast_to(np.asarray(start_step, dtype=np.int64), (p,)).copy(),
            meta=meta,
        )

    def _random_actions(self, p: int, horizon: int, seed: int) -> np.ndarray:
        rng = np.random.default_rng(seed)
        if self.discrete_actions is not None:
            return rng.integers(0, self.discrete_actions, (p, horizon, 1)).astype(np.float32)
        return rng.uniform(self.action_low, self.action_high, (p, horizon, self.action_dim)).astype(
            np.float32
        )


def _to_core(obj: Any) -> Any:
    """``obj.to_core()`` for Plasma objects that have one, else ``obj`` (a core object or None)."""
    return obj.to_core() if hasattr(obj, "to_core") else obj
