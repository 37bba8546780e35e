"""The settings a run derives from its environment and its budget, in code that works for every
environment: nothing here names one.

A :class:`TrainConfig` leaves these to the recipe (fields left at None, or planner fields not set):

- **discount** from the episode length ``T`` (the time limit; 1,000 when the env has none):
  ``1 - 5 / T``, within ``[0.95, 0.995]`` — the horizon of the discount is a fifth of an episode,
  as TD-MPC2 chooses it across its tasks.
- **iterations** from the real-step budget: one iteration per ``STEPS_PER_ITERATION`` real steps,
  between ``MIN_ITERATIONS`` and ``MAX_ITERATIONS``, so that the model, the value and the policy are
  refreshed often enough to steer the next collection, and a large budget is not spent in tiny
  slices.
- **the planner's discount and kind** from the discount and the action space.

Quantities that depend on the data (the scale of the rewards, the ensemble's disagreement on real
data; with ``adaptive_horizon``, how far ahead the model can be trusted: :func:`lookahead_horizon`)
are measured each iteration by the loop.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import numpy as np
from pydantic import BaseModel, ConfigDict

from plasma.simulator import PlannerConfig
from plasma.train.config import split_steps

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from plasma.envs import PlasmaEnv, Transitions
    from plasma.simulator import ValueFunction, WorldModel
    from plasma.train.config import TrainConfig

__all__ = [
    "HORIZON_CANDIDATES",
    "EnvFacts",
    "Recipe",
    "derive",
    "disagreement_reference",
    "discount_for",
    "extended_horizon",
    "extension",
    "longest_not_worse",
    "lookahead_errors",
    "lookahead_horizon",
    "refinement_due",
    "resumed_planner",
    "reward_scale",
    "split_steps",
    "value_bounds",
    "with_uncertainty",
]

STEPS_PER_ITERATION = 500
"""Real steps per iteration the recipe aims at."""
MIN_ITERATIONS = 4
"""Fewest iterations of a derived schedule."""
MAX_ITERATIONS = 40
"""Most iterations of a derived schedule."""
DEFAULT_EPISODE_STEPS = 1000
"""Episode length assumed for an env without a time limit."""


class EnvFacts(BaseModel):
    """What the recipe reads off an environment: its spaces and its episode structure."""

    model_config = ConfigDict(extra="forbid")

    state_dim: int
    """Width of an observation."""
    action_dim: int
    """Width of an action (1 for discrete actions)."""
    discrete_actions: int | None
    """Number of discrete actions, or None for a Box action space."""
    episode_steps: int | None
    """The time limit of an episode, or None."""

    @classmethod
    def of(cls, env: PlasmaEnv) -> EnvFacts:
        """The facts of ``env``."""
        return cls(
            state_dim=env.state_dim,
            action_dim=env.action_dim,
            discrete_actions=env.n_actions,
            episode_steps=env.max_episode_steps,
        )


class Recipe(BaseModel):
    """The derived settings of a run (see the module docstring)."""

    model_config = ConfigDict(extra="forbid")

    discount: float
    """Discount of rewards, for planning and for the value."""
    iterations: int
    """Training iterations."""
    steps_per_iteration: list[int]
    """Real steps collected in each iteration."""
    planner: PlannerConfig
    """The planner, its unset fields derived."""


def discount_for(episode_steps: int | None) -> float:
    """``1 - 5 / T`` within ``[0.95, 0.995]`` for episodes of ``T`` steps."""
    t = episode_steps or DEFAULT_EPISODE_STEPS
    return float(np.clip(1.0 - 5.0 / max(t, 1), 0.95, 0.995))


def reward_scale(rewards: np.ndarray) -> float:
    """A typical size of one step's reward: the standard deviation of the real rewards, or their
    mean magnitude where they hardly vary (a constant cost or bonus per step), or 1."""
    r = np.asarray(rewards, dtype=np.float64)
    if r.size == 0:
        return 1.0
    std, mag = float(r.std()), float(np.abs(r).mean())
    if std > 1e-3 * max(mag, 1e-12):
        return std
    return mag if mag > 0 else 1.0


def derive(config: TrainConfig, facts: EnvFacts) -> Recipe:
    """The recipe of a run of ``config`` on an env with ``facts``."""
    discount = config.discount if config.discount is not None else discount_for(facts.episode_steps)
    iterations = config.iterations
    if iterations is None:
        wanted = math.ceil(config.real_steps / STEPS_PER_ITERATION)
        iterations = int(np.clip(wanted, MIN_ITERATIONS, MAX_ITERATIONS))
        iterations = min(iterations, max(1, config.real_steps // 10))
    planner = config.planner.model_copy()
    if planner.discount is None:
        planner.discount = discount
    if planner.kind is None:
        planner.kind = "discrete" if facts.discrete_actions is not None else "cem"
    return Recipe(
        discount=discount,
        iterations=iterations,
        steps_per_iteration=split_steps(config.real_steps, iterations, config.initial_random_steps),
        planner=planner,
    )


def value_bounds(rewards: np.ndarray, discount: float) -> tuple[float, float]:
    """Where no state's value can lie, given the real ``rewards``: between ``min(0, r_min) /
    (1 - gamma)`` and ``max(0, r_max) / (1 - gamma)`` (0: a termination ends the rewards)."""
    r = np.asarray(rewards, dtype=np.float64)
    horizon = 1.0 / (1.0 - discount)
    return min(0.0, float(r.min())) * horizon, max(0.0, float(r.max())) * horizon


def disagreement_reference(model: WorldModel, data: Transitions, rows: int = 2000) -> float:
    """The ensemble's typical disagreement on real transitions (90% quantile): the unit of the
    planner's uncertainty term (measured as the auditor measures it)."""
    from plasma.auditor.calibration import model_disagreement

    pick = np.linspace(0, len(data) - 1, min(rows, len(data))).astype(np.int64)
    disagreement = model_disagreement(model)
    assert disagreement is not None  # a WorldModel has a core model
    return float(np.quantile(disagreement(data.obs[pick], data.action[pick]), 0.9))


def with_uncertainty(
    planner: PlannerConfig, model: WorldModel, data: Transitions, weight: float
) -> PlannerConfig:
    """``planner`` with an uncertainty term of ``weight`` reward scales per step and per unit of
    the ensemble's disagreement beyond its typical disagreement on real data (which costs
    nothing, so that surviving longer where the model is as good as its data is never
    penalised): positive, pessimism (plans and value estimates keep to where the model is
    trustworthy); negative, optimism (real collection goes where the model knows least). A
    penalty the user set (not None) is kept."""
    planner = planner.model_copy()
    if planner.uncertainty_penalty is not None:
        return planner
    planner.uncertainty_penalty = 0.0
    if weight == 0 or model.config.members < 2:
        return planner
    reference = disagreement_reference(model, data)
    if reference > 0:
        planner.uncertainty_penalty = weight * reward_scale(data.reward) / reference
        planner.uncertainty_floor = reference
    return planner


HORIZON_CANDIDATES = (1, 2, 3, 4, 6, 8, 12, 16, 24, 32)
"""The planning horizons :func:`lookahead_horizon` chooses among (up to the configured one)."""
MIN_HORIZON_STARTS = 32
"""Fewest real start states that :func:`lookahead_horizon` decides on."""


def lookahead_errors(
    model: WorldModel,
    value: ValueFunction,
    fresh: Transitions,
    horizons: list[int],
    *,
    gamma: float,
    bounds: tuple[float, float] = (-np.inf, np.inf),
) -> dict[int, np.ndarray]:
    """How well the planner's estimate of a state's worth predicts what really followed it, for
    each lookahead horizon ``H``: at each real state of ``fresh`` (data that neither ``model`` nor
    ``value`` was fitted on), ``sum_{t<H} gamma^t r_t + gamma^H V(s_H)`` along each member's own
    path with the real actions (a predicted termination ends it; the mean over members), minus
    the real discounted return from there (bootstrapped with ``value`` where the episode was
    cut). A longer horizon leans less on the value and more on the model, whose errors compound.
    The states are those, in collection order, whose episode runs ``max(horizons)`` more steps or
    terminates before (after a termination the last real action repeats; a model that misses the
    termination is wrong by the rewards it adds). The value is read within ``bounds`` (see
    :func:`value_bounds`): far from its data a value network can extrapolate to any number.
    Returns each horizon's errors, one per state."""
    from plasma.simulator.value import real_returns

    def worth(at: np.ndarray) -> np.ndarray:
        out: np.ndarray = np.clip(value.values(at), *bounds)
        return out

    longest = max(horizons)
    obs, act = fresh.obs, fresh.action
    if len(obs) == 0:
        return {h: np.zeros(0) for h in horizons}
    ends_here = fresh.episode_ends()
    ends_here[-1] = True  # the data stops there
    rows = np.arange(len(obs))
    last_rows = np.flatnonzero(ends_here)
    end = last_rows[np.searchsorted(last_rows, rows)]  # the last row of each row's segment
    starts = rows[(end - rows + 1 >= longest) | fresh.terminated[end]]
    if len(starts) == 0:
        return {h: np.zeros(0) for h in horizons}
    returns = real_returns(
        obs,
        fresh.reward,
        fresh.next_obs,
        fresh.terminated,
        fresh.truncated,
        worth(fresh.next_obs),
        gamma=gamma,
        lam=1.0,
    )[starts]
    members = model.config.members
    b = len(starts)
    total = np.zeros(members * b)
    alive = np.ones(members * b)
    errors: dict[int, np.ndarray] = {}
    if 0 in horizons:  # the value alone
        errors[0] = worth(obs[starts]) - returns

    def real_actions(t: int, _: np.ndarray) -> np.ndarray:
        return np.tile(act[np.minimum(starts + t, end[starts])], (members, 1))

    paths = model.member_paths(obs[starts], longest, real_actions)
    for t, (reward, done, states) in enumerate(paths):
        total += alive * gamma**t * reward
        if done is not None:
            alive *= 1.0 - done.astype(np.float64)
        if t + 1 in horizons:
            estimate = total + alive * gamma ** (t + 1) * worth(states)
            errors[t + 1] = estimate.reshape(members, b).mean(axis=0) - returns
    return errors


def _measured(
    model: WorldModel,
    value: ValueFunction,
    fresh: Transitions,
    horizons: list[int],
    *,
    gamma: float,
    bounds: tuple[float, float],
) -> tuple[dict[int, np.ndarray], dict[int, float], bool]:
    """Each horizon's errors (:func:`lookahead_errors`), their root mean squares, and whether
    there are enough start states to decide on (``MIN_HORIZON_STARTS``, and two blocks of the
    longest horizon)."""
    errors = lookahead_errors(model, value, fresh, horizons, gamma=gamma, bounds=bounds)
    rmse = {h: float(np.sqrt(np.mean(e**2))) for h, e in errors.items() if len(e)}
    longest = max(horizons)
    return errors, rmse, len(errors[longest]) >= max(MIN_HORIZON_STARTS, 2 * longest)


def lookahead_horizon(
    model: WorldModel,
    value: ValueFunction,
    fresh: Transitions,
    *,
    gamma: float,
    longest: int,
    bounds: tuple[float, float] = (-np.inf, np.inf),
) -> tuple[int, dict[int, float]]:
    """The planning horizon, at most ``longest``, and each candidate's root mean square error
    (see :func:`lookahead_errors`). The horizon is the longest one whose estimates are not
    clearly worse than the best one's: its squared errors exceed the best's, state by state, by
    no more than two standard errors of their mean difference (from blocks of ``longest``
    consecutive states, as neighbouring states' errors are alike). So a model whose errors
    compound fast (an unstable system) gets a short horizon and leans on the value, while noise
    in the measurement never shortens the lookahead of a model that predicts as well as the
    value. It shortens only when the value alone (``H = 0``, also in the errors) predicts at
    least as well as the longest lookahead: the model's compounding errors, not the value's, are
    then the larger part. ``longest`` when ``fresh`` has too few states to tell. ``bounds``: see
    :func:`lookahead_errors`."""
    horizons = [0] + [h for h in HORIZON_CANDIDATES if h < longest] + [longest]
    errors, rmse, enough = _measured(model, value, fresh, horizons, gamma=gamma, bounds=bounds)
    if not enough:
        return longest, rmse
    if rmse[0] > rmse[longest]:
        # The whole lookahead predicts better than the value alone: the value is the weaker
        # part (early on, fitted on a few random steps), and the errors cannot say how far the
        # model can be trusted.
        return longest, rmse
    planned = {h: e for h, e in errors.items() if h > 0}
    return longest_not_worse(planned, block=longest), rmse


def extended_horizon(
    model: WorldModel,
    value: ValueFunction,
    fresh: Transitions,
    *,
    gamma: float,
    base: int,
    longest: int,
    bounds: tuple[float, float] = (-np.inf, np.inf),
) -> tuple[int, dict[int, float]]:
    """The planning horizon, between ``base`` and ``longest``, and each candidate's root mean
    square error (see :func:`lookahead_errors`): ``base`` unless the value is the weaker part of
    its lookahead (the value alone, ``H = 0``, predicts what really followed worse than ``base``
    steps of the model then the value) and a longer lookahead predicts clearly better than
    ``base`` steps (its squared errors lower by more than two standard errors of their mean
    difference, over blocks of ``longest`` consecutive states), and the value is optimistic
    (see :func:`extension`). Then the shortest horizon not
    clearly worse than the best: where the value has yet to learn what lies far ahead (a sparse
    reward found a few times, or a value that has grown optimistic), the planner sees further
    with the model, and its estimates, which the next value is fitted on, carry the real rewards
    further back. ``base`` when ``fresh`` has too few states to tell. ``bounds``: see
    :func:`lookahead_errors`."""
    longer = [h for h in HORIZON_CANDIDATES if base < h < longest]
    horizons = [0, base, *longer, longest] if longest > base else [0, base]
    errors, rmse, enough = _measured(model, value, fresh, horizons, gamma=gamma, bounds=bounds)
    if longest <= base or not enough:
        return base, rmse
    return extension(errors, base=base, block=longest), rmse


def extension(errors: dict[int, np.ndarray], *, base: int, block: int) -> int:
    """The choice of :func:`extended_horizon` from each horizon's errors (at the same states, in
    order; ``0``: the value alone), compared over blocks of ``block`` consecutive states. Only
    an optimistic value (above what really followed, by more than two standard errors) extends
    the horizon: the planner maximises, so a value that promises too much is what it chases,
    while a value that promises too little (a balancing task's early on) only makes it careful,
    and a longer horizon there planned worse (CartPole seed 0: 500 -> 460)."""
    if np.mean(errors[0] ** 2) <= np.mean(errors[base] ** 2):
        return base
    if not _clearly_positive(errors[0], block=block):  # a value that is not optimistic
        return base
    planned = {h: e for h, e in errors.items() if h >= base}
    best = min(planned, key=lambda h: (float(np.mean(planned[h] ** 2)), -h))
    if not _clearly_worse(planned[base], planned[best], block=block):
        return base
    return min(h for h in planned if not _clearly_worse(planned[h], planned[best], block=block))


def _clearly_worse(errors: np.ndarray, best: np.ndarray, *, block: int) -> bool:
    """Whether ``errors`` square to more than ``best`` (errors at the same states, in order)
    clearly (see :func:`_clearly_positive`)."""
    squared = np.asarray(errors, np.float64) ** 2 - np.asarray(best, np.float64) ** 2
    return _clearly_positive(squared, block=block)


def _clearly_positive(values: np.ndarray, *, block: int) -> bool:
    """Whether the mean of ``values`` (in order) exceeds two standard errors, taken over blocks
    of ``block`` consecutive values (neighbouring states' errors are alike); False when there
    are fewer than two blocks."""
    blocks = len(values) // block
    if blocks < 2:
        return False
    means = np.asarray(values, np.float64)[: blocks * block].reshape(blocks, block).mean(1)
    return bool(means.mean() > 2.0 * means.std(ddof=1) / np.sqrt(blocks))


def longest_not_worse(errors: dict[int, np.ndarray], *, block: int) -> int:
    """The longest horizon of ``errors`` (each horizon's errors at the same states, in order)
    whose squared errors exceed those of the best horizon (least mean square; the longer of a
    tie) by no more than two standard errors of their mean difference, taken over blocks of
    ``block`` consecutive states (neighbouring states' errors are alike). The best one when
    there are fewer than two blocks."""
    squared = {h: np.asarray(e, dtype=np.float64) ** 2 for h, e in errors.items()}
    best = min(squared, key=lambda h: (float(squared[h].mean()), -h))
    blocks = len(squared[best]) // block
    if blocks < 2:
        return best
    return max(
        h for h in squared if h == best or not _clearly_worse(errors[h], errors[best], block=block)
    )


def resumed_planner(planner: PlannerConfig, rows: list[dict[str, Any]]) -> PlannerConfig:
    """``planner`` with the horizon the last committed iteration of ``rows`` (a run's metrics)
    chose (see :func:`lookahead_horizon`), or as it is when none chose one."""
    for row in reversed(rows):
        if "plan_horizon" in row:
            return planner.model_copy(update={"horizon": int(row["plan_horizon"])})
    return planner


def refinement_due(rows: Sequence[Mapping[str, Any]], index: int) -> bool:
    """Whether iteration ``index`` refines its distilled policy (``TrainConfig.refine_horizon``),
    from the committed ``rows``: after ``k`` refinements in a row that the judge undid, the
    next waits until ``2**k`` iterations after the last, and one that was kept ends the wait. A
    task whose planner already labels what the gradient would find spends a few refinements on
    it, not one per iteration; rows decide, so a resumed run decides as the uninterrupted one
    would."""
    tried = [(int(r["iteration"]), r["refine_judged"]) for r in rows if "refine_judged" in r]
    if not tried:
        return True
    undone = 0
    for _, (before, after) in reversed(tried):
        if after > before:
            break
        undone += 1
    return bool(index - tried[-1][0] >= 2**undone)
