"""Evaluation in the real environment, and loading what a run deployed."""

from __future__ import annotations

import contextlib
import dataclasses
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from pydantic import BaseModel

from plasma import _core
from plasma.distiller import LoRAInjector, PacketVerifier, Policy
from plasma.envs import PlasmaEnv, Transitions
from plasma.errors import InvalidArgumentError
from plasma.simulator import PlannerConfig, WorldModel
from plasma.simulator.value import ValueFunction
from plasma.train.config import TrainConfig
from plasma.train.recipe import DEFAULT_EPISODE_STEPS, EnvFacts, derive, resumed_planner
from plasma.train.rundir import VALUE_FILE, RunDir, RunState

__all__ = [
    "DataSupport",
    "EvalResult",
    "episode_limit",
    "evaluate",
    "evaluate_in_model",
    "load_deployed_policy",
    "planner_actor",
    "policy_actor",
    "run_planner_actor",
]

Actor = Callable[[np.ndarray], Any]

FLOOR_SHARE = 0.01
"""An imagined mean return within this share of the worst the data allows is at the floor."""


class EvalResult(BaseModel):
    """Returns of evaluation episodes: real ones (:func:`evaluate`) or imagined ones
    (:func:`evaluate_in_model`)."""

    episodes: int
    """Episodes run."""
    mean_return: float
    """Mean undiscounted return."""
    std_return: float
    """Standard deviation of the returns."""
    mean_length: float
    """Mean episode length, in steps."""
    returns: list[float]
    """Return of each episode."""
    lengths: list[int]
    """Length of each episode."""
    terminated_rate: float
    """Share of episodes the task itself ended (not a time limit or ``max_steps``): the goal
    reached in a goal-reaching task, a fall in a balancing one."""
    steps: int
    """Real steps taken."""
    left_support_rate: float = 0.0
    """Imagined episodes only: share of the member paths that left the real data's support (see
    :class:`DataSupport`) and were scored pessimistically from there on."""
    worst_return: float | None = None
    """Imagined episodes judged by a support only: the lowest return the data allows an episode
    (:meth:`DataSupport.worst_rest` over the whole step limit)."""
    member_returns: list[list[float]] | None = None
    """Imagined episodes asked for them only (``per_member``): each ensemble member's return of
    each episode, ``[member][episode]``; an episode's return in :attr:`returns` is their mean."""

    @property
    def at_floor(self) -> bool:
        """Whether the mean return is the worst the data allows, to 1% of it: every imagined
        episode failing for its whole length (a model that sees no way to the goal)."""
        if self.worst_return is None:
            return False
        return abs(self.mean_return - self.worst_return) <= FLOOR_SHARE * abs(self.worst_return)


@dataclasses.dataclass(frozen=True)
class DataSupport:
    """Where the real data lies, for judging imagined episodes: a state more than ``margin``
    times the data's span beyond the data's range, in a variable the observation space does not
    bound, is the model's guess, not a prediction (an ensemble fitted on the data diverges there:
    HalfCheetah's first model, 1,250 random steps, imagined a 1,000-step return of -4e10). A
    path that gets there is taken as failing, as the data shows failure: where its episodes end
    and either its rewards are positive on average (staying alive is what pays, a fall ends the
    episode) or an ending costs more than any step does (a crash penalty), it ends there, paying
    that penalty if there is one; otherwise (no ends, or ends that are the goal: a cost per step
    until it is reached) it earns the lowest real reward every step to the limit."""

    low: np.ndarray
    """Lowest allowed value of each variable (-inf where it is not checked)."""
    high: np.ndarray
    """Highest allowed value of each variable (inf where it is not checked)."""
    worst_reward: float
    """The lowest real reward."""
    mean_reward: float
    """The mean real reward."""
    ends: bool
    """Whether the data has episodes the task ended."""
    end_penalty: float = 0.0
    """The lowest reward of a step that ended its episode where it is below every other step's
    reward (an ending the task penalises), else 0."""

    @classmethod
    def of(
        cls,
        data: Transitions,
        obs_low: np.ndarray,
        obs_high: np.ndarray,
        *,
        margin: float = 1.0,
    ) -> DataSupport:
        """The support of ``data``'s states (``obs`` and ``next_obs``), checked in the variables
        whose observation-space bounds (``obs_low``, ``obs_high``) are not both finite: the
        model clips the others into their bounds already."""
        if len(data) == 0:
            raise InvalidArgumentError("no transitions to take a support from")
        states = np.concatenate([data.obs, data.next_obs]).astype(np.float64)
        lo, hi = states.min(axis=0), states.max(axis=0)
        span = np.maximum(hi - lo, 1e-6 * np.maximum(1.0, np.abs(hi)))
        bounded = np.isfinite(obs_low) & np.isfinite(obs_high)
        ended = data.terminated.astype(bool)
        penalty = 0.0
        if ended.any() and not ended.all():
            worst_end = float(data.reward[ended].min())
            penalty = min(worst_end, 0.0) if worst_end < float(data.reward[~ended].min()) else 0.0
        return cls(
            low=np.where(bounded, -np.inf, lo - margin * span),
            high=np.where(bounded, np.inf, hi + margin * span),
            worst_reward=float(data.reward.min()),
            mean_reward=float(data.reward.mean()),
            ends=bool(ended.any()),
            end_penalty=penalty,
        )

    def outside(self, states: np.ndarray) -> np.ndarray:
        """Whether each of ``states [N, S]`` lies beyond the support (NaN counts as beyond)."""
        within = (states >= self.low) & (states <= self.high)
        return np.logical_not(within.all(axis=1))

    @property
    def ends_first(self) -> bool:
        """Whether a path beyond the support ends there (the data has ends, and pays positive
        rewards on average or penalises an ending) rather than earning the lowest reward to the
        time limit."""
        return self.ends and (self.mean_reward > 0 or self.end_penalty < 0)

    def worst_rest(self, steps: np.ndarray) -> np.ndarray:
        """The pessimistic return of ``steps`` more steps beyond the support."""
        rest: np.ndarray = self.worst_reward * steps.astype(np.float64)
        return np.full_like(rest, self.end_penalty) if self.ends_first else rest


def episode_limit(env: PlasmaEnv, max_steps: int | None = None) -> int:
    """Steps after which an evaluation episode is cut, real or imagined: ``max_steps`` when
    given, else the env's time limit, else :data:`DEFAULT_EPISODE_STEPS` (an env registered
    without a time limit may never end an episode: its evaluation would never return)."""
    return max_steps or env.max_episode_steps or DEFAULT_EPISODE_STEPS


def evaluate(
    env: PlasmaEnv,
    act: Actor,
    episodes: int,
    *,
    seed: int,
    max_steps: int | None = None,
) -> EvalResult:
    """Run ``episodes`` real episodes with ``act(obs)``, seeded (episode k resets with seed+k),
    each ended by the env, or cut after :func:`episode_limit` steps."""
    if episodes < 1:
        raise InvalidArgumentError(f"episodes = {episodes}: must be at least 1")
    limit = episode_limit(env, max_steps)
    returns: list[float] = []
    lengths: list[int] = []
    terminations = 0
    for k in range(episodes):
        obs = env.reset(seed=seed + k)
        total, steps, done = 0.0, 0, False
        while not done:
            obs, reward, terminated, truncated, _ = env.step(act(obs))
            total += reward
            steps += 1
            done = terminated or truncated or steps >= limit
            if terminated:
                terminations += 1
        returns.append(total)
        lengths.append(steps)
    arr = np.asarray(returns, dtype=np.float64)
    return EvalResult(
        episodes=episodes,
        mean_return=float(arr.mean()),
        std_return=float(arr.std()),
        mean_length=float(np.mean(lengths)),
        returns=[float(r) for r in returns],
        lengths=lengths,
        terminated_rate=terminations / episodes,
        steps=int(sum(lengths)),
    )


def evaluate_in_model(
    model: WorldModel,
    env: PlasmaEnv,
    policy: Policy,
    episodes: int,
    *,
    seed: int,
    max_steps: int | None = None,
    support: DataSupport | None = None,
    per_member: bool = False,
) -> EvalResult:
    """``episodes`` imagined episodes of ``policy`` in ``model``, from the start states of the
    real episodes :func:`evaluate` would run (episode k resets with seed+k; a reset steps
    nothing): each one under every ensemble member in turn, its return the members' mean, a
    path ending where the model predicts termination or after ``max_steps`` (default: the env's
    time limit, else ``DEFAULT_EPISODE_STEPS``). With ``support``, a path that leaves it is
    scored from that step on as :class:`DataSupport` says. No real step is taken (``steps``
    0). ``per_member`` also returns each member's own returns (``member_returns``), for judging
    the members' agreement rather than only their mean."""
    if episodes < 1:
        raise InvalidArgumentError(f"episodes = {episodes}: must be at least 1")
    limit = episode_limit(env, max_steps)
    starts = np.stack([env.reset(seed=seed + k) for k in range(episodes)]).astype(np.float32)
    members = model.config.members
    total = np.zeros(members * episodes)
    alive = np.ones(members * episodes, dtype=bool)
    length = np.zeros(members * episodes, dtype=np.int64)
    terminated = np.zeros(members * episodes, dtype=bool)
    left = np.zeros(members * episodes, dtype=bool)
    paths = model.member_paths(starts, limit, lambda _, s: policy.act(s, finite_only=False))
    for t, (rewards, done, states) in enumerate(paths):
        if support is not None:
            gone = alive & support.outside(states)
            if gone.any():  # this step and the rest of the episode at the worst the data allows
                total[gone] += support.worst_rest(np.full(int(gone.sum()), limit - t))
                ends_here = support.ends_first
                length[gone] += 1 if ends_here else limit - t
                if ends_here:
                    terminated |= gone
                left |= gone
                alive &= ~gone
        total += np.where(alive, rewards, 0.0)
        length += alive
        if done is not None:
            ended = alive & done.astype(bool)
            terminated |= ended
            alive &= ~ended
        if not alive.any():
            break
    by_member = total.reshape(members, episodes)
    returns = by_member.mean(axis=0)
    lengths = np.rint(length.reshape(members, episodes).mean(axis=0)).astype(int)
    return EvalResult(
        episodes=episodes,
        mean_return=float(returns.mean()),
        std_return=float(returns.std()),
        mean_length=float(lengths.mean()),
        returns=[float(r) for r in returns],
        lengths=[int(n) for n in lengths],
        terminated_rate=float(terminated.reshape(members, episodes).mean()),
        steps=0,
        left_support_rate=float(left.mean()),
        worst_return=None if support is None else float(support.worst_rest(np.array([limit]))[0]),
        member_returns=by_member.tolist() if per_member else None,
    )


def policy_actor(policy: Policy) -> Actor:
    """``act(obs)`` of a policy (deterministic)."""

    def act(obs: np.ndarray) -> np.ndarray:
        return policy.act(obs)

    return act


def planner_actor(
    model: WorldModel,
    env: PlasmaEnv,
    planner: PlannerConfig,
    *,
    seed: int,
    num_threads: int | None = None,
    value: ValueFunction | None = None,
    prior: Policy | None = None,
) -> Actor:
    """``act(obs)`` of model-predictive control: the planner on ``model``, one decision a step,
    each warm-started from the previous one's plan; ``value`` and ``prior`` guide it (see
    ``plasma._core.plan``)."""
    core = model.to_core()
    planner_dict = planner.to_core(env.n_actions is not None)
    rng = np.random.default_rng(seed)
    guides = {
        "value": None if value is None or not value.fitted else value.to_core(),
        "prior": None if prior is None else prior.to_core(),
    }
    memory: np.ndarray | None = None

    def act(obs: np.ndarray) -> np.ndarray:
        nonlocal memory
        out = _core.plan(
            core,
            np.asarray(obs, dtype=np.float32),
            planner_dict,
            int(rng.integers(0, 2**31 - 1)),
            action_low=env.action_low,
            action_high=env.action_high,
            num_threads=num_threads,
            memory=memory,
            **guides,
        )
        memory = out["memory"]
        action: np.ndarray = np.asarray(out["action"], dtype=np.float32)
        return action

    return act


def run_planner_actor(
    run: RunDir,
    state: RunState,
    config: TrainConfig,
    env: PlasmaEnv,
    *,
    seed: int,
    prior: Policy | None = None,
) -> Actor:
    """Model-predictive control as the run plans when it collects its last real steps: its
    latest world model, the planner settings derived for ``env`` (discount, kind) with the horizon
    its last iteration chose, the value of its last iteration past the horizon and ``prior`` (the
    deployed policy) among the plans.

    Raises:
        InvalidArgumentError: the run has no world model yet.
        EnvNotSupportedError: ``env``'s spaces are not those the run was trained on.
        IntegrityError: a file of the run differs from its recorded checksum.
    """
    if state.world_model is None:
        raise InvalidArgumentError(f"run {run.path} has no world model yet")
    run.check_env_fits(state, env)
    model = WorldModel.load(run.verified(state, state.world_model))
    value_file = run.committed(state, state.completed_iterations - 1, VALUE_FILE)
    value = None if value_file is None else ValueFunction.load(value_file)
    planner = resumed_planner(derive(config, EnvFacts.of(env)).planner, run.read_metrics())
    return planner_actor(model, env, planner, seed=seed, value=value, prior=prior)


def load_deployed_policy(
    run: RunDir,
    state: RunState | None = None,
    *,
    packet: str | os.PathLike[str] | None = None,
    keyring: PacketVerifier | None = None,
) -> tuple[Policy, str | None]:
    """The run's deployed policy (base + active packet) and the active packet's directory.

    ``packet`` replaces the run's active packet (a packet directory, or the id of one under the
    run's ``packets/``). Every file of the run is checked against the checksums its state
    records; the packet is activated only when ``keyring`` (see
    :func:`plasma.train.keys.packet_keyring`) accepts its signature (None: no signature check).

    Raises:
        InvalidArgumentError: the run has no deployed policy yet, or the packet is not found.
        IntegrityError: a file of the run differs from its recorded checksum.
        PacketError: the packet fails verification (signature, hashes, base, shapes).
    """
    state = state or run.read_state()
    if state.policy_dir is None:
        raise InvalidArgumentError(
            f"run {run.path} has no deployed policy yet (no iteration completed)"
        )
    policy = Policy.load(run.verified(state, state.policy_dir))
    chosen: Path | None = None
    if packet is not None:
        candidate = Path(packet)
        if not candidate.is_dir():
            candidate = run.packets_dir / str(packet)
        if not candidate.is_dir():
            raise InvalidArgumentError(f"packet {packet} not found (a directory or an id)")
        chosen = candidate
        rel: str | None = None
        with contextlib.suppress(ValueError):  # a packet from outside the run
            rel = candidate.resolve().relative_to(run.path.resolve()).as_posix()
        if rel in state.packets:
            run.verified(state, rel)
    elif state.active_packet is not None:
        chosen = run.verified(state, state.active_packet)
    if chosen is not None:
        LoRAInjector(policy, verifier=keyring).inject(chosen)
    return policy, None if chosen is None else str(chosen)
