"""The training loop, one iteration at a time, committed to the run directory at the end of each:

1. **collect** real steps: random at first, then model-predictive control — the planner on the
   latest world model, seeing past its horizon with the learned value, proposing the policy's own
   plans, and (decaying over the run) optimistic where the ensemble disagrees, so that it goes
   where its model knows least (past its horizon it sees the exploration value, see
   :func:`exploration_value`);
2. **fit** the world model (ensemble dynamics and the outcome head for rewards and terminations);
3. learn the **value** from what really followed each real state and from the planner's value
   estimates at the states it imagined in earlier iterations (one round of value iteration with
   the planner's lookahead, see :mod:`plasma.simulator.value`), before anything is imagined with
   it;
4. **imagine** paths of the deployed policy from real states, and **audit** them;
5. **label**: the planner (pessimistic where the ensemble disagrees, with ``pessimism``)
   imagines paths from real states and relabels states the policy visits in imagination (DAgger)
   and the real states of this iteration's collection; its paths are audited too;
6. **distil** the planner's decisions (at real and approved imagined states) into the policy
   (each full distillation trains a new one, ``fresh_policy``); a policy that never acted before
   gets one DAgger round at once (its imagined paths relabelled, distilled again); the last
   iteration ships a LoRA packet;
7. **evaluate** the deployed policy in the real environment (one no better than the best so far
   is rolled back);
8. **commit**.

Every random choice of iteration ``i`` derives from ``(seed, i)`` and every model is refitted or
reloaded from what the previous iteration committed, so ``--resume`` after a crash redoes the
interrupted iteration exactly as an uninterrupted run would have done it. A batch the auditor
rejects is not learned from (the iteration says so in its metrics and the log).
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import functools
import logging
import os
import time
from collections.abc import AsyncIterator, Callable, Mapping
from concurrent.futures import Executor, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import torch

from plasma._config import coerce_config
from plasma._io import atomic_write_bytes, npz_arrays
from plasma.auditor import Auditor, AuditReport
from plasma.distiller import Distiller, LabelledStates, NoApprovedPathsError, Policy, Refinement
from plasma.envs import PlasmaEnv, Transitions, collect, make_env, random_policy
from plasma.errors import InvalidArgumentError, RunDirError
from plasma.simulator import (
    GeneratorConfig,
    PhantomPaths,
    PlannerConfig,
    Simulator,
    SimulatorConfig,
    ValueConfig,
    ValueFunction,
    WorldModel,
    real_returns,
    recency_weights,
)
from plasma.simulator.networks import torch_threads
from plasma.simulator.value import ValueReport
from plasma.trace import StateTracker
from plasma.trace.component import ComponentTracing
from plasma.train.budget import check_memory
from plasma.train.config import TrainConfig
from plasma.train.deploy import Challenge, Deployment, DeploymentRule, KeepBest
from plasma.train.evaluate import (
    DataSupport,
    EvalResult,
    evaluate,
    evaluate_in_model,
    load_deployed_policy,
    planner_actor,
    policy_actor,
)
from plasma.train.faults import fault_point
from plasma.train.keys import packet_keyring
from plasma.train.progress import NullProgress, ProgressSink
from plasma.train.recipe import (
    EnvFacts,
    Recipe,
    derive,
    extended_horizon,
    lookahead_horizon,
    refinement_due,
    resumed_planner,
    reward_scale,
    value_bounds,
    with_uncertainty,
)
from plasma.train.report import write_report
from plasma.train.row import IterationRow, check_row
from plasma.train.rundir import (
    DECISIONS_FILE,
    VALUE_FILE,
    RunDir,
    RunState,
    copy_dir_atomic,
)

__all__ = ["Trainer", "exploration_value", "iteration_seed", "new_run_dir", "novelty_value"]

log = logging.getLogger("plasma.train")

IMAGINED_STARTS_PER_EPISODE = 10
"""Start states of in-model evaluation per ``eval_episodes`` (see ``TrainConfig.eval_in_model``):
imagined episodes take no real step, and more of them judge keep-best's comparisons better."""


def iteration_seed(seed: int, iteration: int) -> int:
    """The seed of everything random in iteration ``iteration`` of a run seeded ``seed``."""
    return (seed * 1_000_003 + iteration * 7_919 + 17) % (2**31 - 1)


def new_run_dir(config: TrainConfig) -> RunDir:
    """The directory a new run with ``config`` uses (``runs_dir/name``; a name is made up)."""
    name = config.name
    if name is None:
        stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
        name = f"{config.env.replace('/', '_').replace(':', '_')}-s{config.seed}-{stamp}"
        candidate, k = name, 1
        while (config.runs_dir / candidate).exists():
            k += 1
            candidate = f"{name}-{k}"
        name = candidate
    return RunDir(config.runs_dir / name)


# --------------------------------------------------------------------------------- stage records
@dataclass
class Decisions:
    """The planner's decisions at states: actions to imitate, value estimates to learn from."""

    states: np.ndarray
    labels: np.ndarray
    values: np.ndarray

    def split(self, at: int) -> tuple[Decisions | None, Decisions | None]:
        """The first ``at`` decisions and the rest (None where empty)."""
        head = Decisions(self.states[:at], self.labels[:at], self.values[:at])
        tail = Decisions(self.states[at:], self.labels[at:], self.values[at:])
        return (head if at else None), (tail if at < len(self.states) else None)

    def labelled(self) -> LabelledStates:
        return LabelledStates(self.states, self.labels)

    @staticmethod
    def of_paths(paths: PhantomPaths) -> Decisions | None:
        """The decisions along the (approved) planner paths."""
        if paths.action_labels is None or paths.plan_values is None:
            return None
        mask = paths.step_mask()
        if paths.approved is not None:
            mask &= paths.approved[:, None]
        if not mask.any():
            return None
        return Decisions(
            paths.states[:, :-1][mask], paths.action_labels[mask], paths.plan_values[mask]
        )


@dataclass
class Collected:
    """Real steps of one iteration."""

    transitions: Transitions
    mode: str
    seconds: float


@dataclass
class Fitted:
    """The world model of one iteration."""

    model: WorldModel
    seconds: float


def exploitable(report: AuditReport) -> bool:
    """Whether the auditor found the model exploitable (its red-team probe: plans that the model
    pays and reality does not). Nothing of such a batch is learned from; a batch rejected only
    for the share of its paths that failed still teaches its approved paths."""
    return report.red_team is not None and report.red_team.exploitable


@dataclass
class Audited:
    """Paths and the auditor's verdict on them; ``usable`` is False when the auditor found the
    model exploitable (nothing of the batch is learned from)."""

    paths: PhantomPaths
    report: AuditReport
    seconds: float

    @property
    def usable(self) -> bool:
        return not exploitable(self.report)

    def approved(self) -> PhantomPaths | None:
        """The approved paths (None when there are none: a rejected batch approves none)."""
        return _approved(self.paths)


@dataclass
class Labelled:
    """The planner's decisions of one iteration: audited paths, relabelled states the policy
    visited in imagination (DAgger), and relabelled real states of this iteration's
    collection."""

    paths: Audited
    dagger: Decisions | None
    real: Decisions | None
    planner: PlannerConfig
    """The planner that made these decisions."""
    seconds: float


@dataclass
class Distilled:
    """The policy after distillation, and the packet it shipped (LoRA iterations)."""

    policy: Policy | None
    packet_rel: str | None
    row: IterationRow = field(default_factory=IterationRow)
    seconds: float = 0.0
    policy_saved: bool = False
    """The policy was saved in the iteration's directory (a new base: a retrained policy)."""


@dataclass
class Iteration:
    """The records of one iteration's stages, from which the commit builds the new state."""

    index: int
    began: float
    dir: Path
    row: IterationRow
    collected: Collected
    data: Transitions
    """All real data so far, this iteration's included."""
    fitted: Fitted
    value: ValueFunction
    labelled: Labelled
    distilled: Distilled
    imagined: int
    """Imagined steps of the iteration."""
    result: EvalResult | None
    deployment: Deployment
    policy: Policy | None
    """The policy deployed after the iteration (the incumbent on a rollback)."""


class Trainer:
    """Runs (or resumes) a training run in a run directory.

    >>> trainer = Trainer(TrainConfig(iterations=3), RunDir("runs/demo"))
    >>> state = await trainer.run()

    ``deploy_rule``: decides after each evaluation which deployment stays (see
    :mod:`plasma.train.deploy`); the default keeps the best one (``keep_best``), rolling back
    one that is no better.
    """

    def __init__(
        self,
        config: TrainConfig | Mapping[str, Any] | None,
        run: RunDir | str | os.PathLike[str],
        *,
        progress: ProgressSink | None = None,
        deploy_rule: DeploymentRule | None = None,
    ) -> None:
        # Checked as every component checks its config: a wrong type is one line, not an
        # AttributeError deep in the loop.
        self.config = config = coerce_config(TrainConfig, config)
        if isinstance(run, (str, os.PathLike)):
            run = RunDir(run)
        elif not isinstance(run, RunDir):
            raise InvalidArgumentError(f"run must be a RunDir or a path, not {type(run).__name__}")
        self.run_dir = run
        self.progress: ProgressSink = progress or NullProgress()
        self.deploy_rule: DeploymentRule = deploy_rule or KeepBest.for_evaluations(
            in_model=config.eval_in_model, enabled=config.keep_best
        )
        self.state = RunState()
        self.recipe: Recipe | None = None
        self.transitions: Transitions | None = None
        self.prior: Transitions | None = None  # the base run's real data (--base, base_data)
        self.decisions: list[
            Decisions
        ] = []  # the planner's decisions at real states, per iteration
        self.model: WorldModel | None = None
        self.value: ValueFunction | None = None
        self.policy: Policy | None = None
        self.base_frozen = False
        self.path_buffer: list[PhantomPaths] = []
        self.rows: list[dict[str, Any]] = []
        self.tracker: StateTracker | None = None
        self.trace_id: str | None = None
        self.tracer = ComponentTracing(None, None, "train")
        self.env: PlasmaEnv | None = None
        self.simulator: Simulator | None = None
        self.auditor: Auditor | None = None
        self._calibrated_for: WorldModel | None = None
        self.keyring = packet_keyring(config)  # the keys whose packets this run activates

    # ----------------------------------------------------------------------------- setup
    @property
    def iterations(self) -> int:
        assert self.recipe is not None
        return self.recipe.iterations

    def _prepare(self) -> None:
        """Create the run directory, or pick up what a previous process committed."""
        run, cfg = self.run_dir, self.config
        run.claim()  # create, lock (one process per run directory) and mark as Plasma's
        run.write_config(cfg)
        self.state = run.read_state()
        removed = run.discard_uncommitted(self.state)
        if removed:
            log.info("resume: discarded uncommitted %s", ", ".join(removed))
        self.rows = run.read_metrics()
        done = self.state.completed_iterations
        self.transitions = run.load_transitions(self.state)
        for i in range(max(0, done - cfg.path_buffer), done):
            decisions = self._load_decisions(i)
            if decisions is not None:
                self.decisions.append(decisions)
        if self.state.world_model is not None:
            self.model = WorldModel.load(run.verified(self.state, self.state.world_model))
        value_file = self.run_dir.committed(self.state, done - 1, VALUE_FILE) if done else None
        if value_file is not None:
            self.value = ValueFunction.load(value_file)
        if self.state.policy_dir is not None:
            self.policy, _ = load_deployed_policy(run, self.state, keyring=self.keyring)
        elif cfg.base_run is not None:
            try:  # the rule of every reader of a run (RunDir.find)
                base = RunDir.find(cfg.base_run)
                base_state = base.committed_state()
            except RunDirError as err:
                raise InvalidArgumentError(f"--base {cfg.base_run}: {err}") from err
            if base_state.policy_dir is None:
                raise InvalidArgumentError(f"--base {cfg.base_run}: that run deployed no policy")
            self.policy = Policy.load(base.verified(base_state, base_state.policy_dir))
        if cfg.base_run is not None and cfg.base_data:
            self.prior = RunDir(cfg.base_run).load_transitions()
            if self.prior is not None:
                # Data of the base variant, used as the prior of the new variant's model.
                self.prior.variant = dict(cfg.variant)
        self.base_frozen = cfg.base_run is not None
        for i in range(max(0, done - cfg.path_buffer), done):
            file = self.run_dir.committed(self.state, i, "paths.npz")
            if file is not None:
                self.path_buffer.append(PhantomPaths.load(file))

    def _load_decisions(self, index: int) -> Decisions | None:
        file = self.run_dir.committed(self.state, index, DECISIONS_FILE)
        if file is None:
            return None
        with np.load(file, allow_pickle=False) as data:
            arrays = npz_arrays(data, ("states", "labels", "values"), file)
            return Decisions(arrays["states"], arrays["labels"], arrays["values"])

    @contextlib.asynccontextmanager
    async def _components(self) -> AsyncIterator[None]:
        cfg, run = self.config, self.run_dir
        if cfg.trace:
            self.tracker = StateTracker({"jsonl_path": run.trace_file})
            await self.tracker.start()
            self.trace_id = self.tracker.create_trace(
                metadata={"type": "train", "run": str(run.path), "env": cfg.env}
            )
            self.state.trace_id = self.trace_id
            self.tracer = ComponentTracing(self.tracker, self.trace_id, "train")
        assert self.env is not None  # made by run(), before the run directory
        self.recipe = derive(cfg, EnvFacts.of(self.env))
        self.recipe.planner = resumed_planner(self.recipe.planner, self.rows)
        self.auditor = Auditor(cfg.auditor_config(), tracker=self.tracker, trace_id=self.trace_id)
        await self.auditor.start()
        try:
            # The run (resumed) and its base must have been trained on spaces like this env's:
            # refused here, before any work (plasma-train refuses it before anything is made).
            self.run_dir.check_env_fits(self.state, self.env)
            if cfg.base_run is not None:
                base = RunDir(cfg.base_run)
                base.check_env_fits(base.read_state(), self.env, "with base_run")
            yield
        finally:
            if self.simulator is not None:
                await self.simulator.stop()
            await self.auditor.stop()
            if self.tracker is not None:
                if self.trace_id is not None:
                    with contextlib.suppress(Exception):
                        await self.tracker.complete_trace(self.trace_id, force=True)
                await self.tracker.stop()

    # ----------------------------------------------------------------------------- run
    async def run(self) -> RunState:
        """Run the remaining iterations; returns the final committed state.

        Raises:
            EnvNotSupportedError: a run on the env's spaces cannot fit in memory
                (:func:`plasma.train.budget.check_memory`, the rule ``plasma-train`` applies),
                before the run directory is created or read.
        """
        cfg = self.config
        # The env first: its spaces decide whether the run can fit in memory at all, before
        # anything is created (the env is not reset or stepped here).
        self.env = await asyncio.to_thread(
            make_env, cfg.env, cfg.variant or None, seed=cfg.seed, env_kwargs=cfg.env_kwargs
        )
        # leaving the block closes the env (PlasmaEnv.close_after: once the run is committed,
        # a close() that fails warns)
        with self.env:
            check_memory(cfg, self.env)
            await asyncio.to_thread(self._prepare)
            try:
                async with self._components():
                    total = self.iterations
                    self.progress.begin(total, min(self.state.completed_iterations, total))
                    await asyncio.to_thread(self._refresh_top_level)
                    while self.state.completed_iterations < total:
                        await self._iteration(self.state.completed_iterations)
                    if not self.state.finished:
                        self.state.finished = True
                        await asyncio.to_thread(self.run_dir.write_state, self.state)
                    await asyncio.to_thread(write_report, self.run_dir, self.config, self.rows)
            finally:
                self.progress.end()
        return self.state

    async def _iteration(self, index: int) -> None:
        cfg, run = self.config, self.run_dir
        began = time.perf_counter()
        seed = iteration_seed(cfg.seed, index)
        row: IterationRow = {"iteration": index, "seed": seed}
        it_dir = run.iteration_dir(index)
        it_dir.mkdir(parents=True, exist_ok=True)

        async with self.tracer.span("train.iteration", {"iteration": index, "seed": seed}) as span:
            collected = await self._collect(index, seed, row)
            data = (
                collected.transitions
                if self.transitions is None
                else self.transitions.concat(collected.transitions)
            )
            await self._choose_horizon(collected.transitions, data, row)
            # Independent of each other, the world model and the value train side by side, on
            # threads of their own: torch's thread settings are per thread, and these threads
            # end with them instead of carrying into whatever the shared pool runs next. Not
            # waited for when the run is interrupted (what they fit is uncommitted).
            pool = ThreadPoolExecutor(2, thread_name_prefix="plasma-fit")
            try:
                fitted, value = await asyncio.gather(
                    self._fit(seed, data, row, pool),
                    self._learn_value(index, seed, data, row, pool),
                )
            finally:
                pool.shutdown(wait=False)
            simulator = await self._simulator(fitted.model, data)
            explored = await self._imagine_policy(
                simulator, fitted.model, data, self.policy, seed, row
            )
            labelled = await self._label(
                simulator, fitted.model, data, value, explored, collected, seed, row
            )
            distilled = await self._distill(
                index,
                seed,
                collected,
                labelled,
                row,
                # refined once an iteration: where a DAgger round follows, there
                refinement=None if explored is None else self._refinement(index, value, seed),
            )
            imagined = labelled.paths.paths.num_transitions
            imagined += 0 if explored is None else explored.paths.num_transitions
            if explored is None and distilled.policy is not None:
                # A new policy was never seen acting: one DAgger round on where it goes.
                distilled, steps = await self._dagger_round(
                    index,
                    seed,
                    simulator,
                    fitted.model,
                    data,
                    value,
                    collected,
                    labelled,
                    distilled,
                    row,
                )
                imagined += steps
            result = await self._evaluate(distilled.policy, seed, row)
            deployment, policy = await self._deploy(index, seed, result, distilled, row)
            done = Iteration(
                index, began, it_dir, row, collected, data, fitted, value, labelled, distilled,
                imagined, result, deployment, policy,
            )  # fmt: skip
            state, rows = await self._commit(done)
            span.update_state({k: v for k, v in row.items() if not isinstance(v, dict)})
        await self._advance(done, state, rows)

    # ----------------------------------------------------------------------------- 8. commit
    def _next_state(self, it: Iteration) -> RunState:
        """The run's state once ``it`` is committed."""
        run = self.run_dir
        state = self.state.model_copy(deep=True)
        state.completed_iterations = it.index + 1
        state.real_steps += len(it.collected.transitions)
        state.eval_steps += 0 if it.result is None else it.result.steps
        state.imagined_steps += it.imagined
        state.world_model = str((it.dir / "world_model.safetensors").relative_to(run.path))
        if it.distilled.policy_saved:
            state.policy_dir = str((it.dir / "policy").relative_to(run.path))
            state.active_packet = None
        if it.distilled.packet_rel is not None:
            state.active_packet = it.distilled.packet_rel
            state.packets.append(it.distilled.packet_rel)
        state.eval_steps += it.deployment.incumbent_eval_steps + it.deployment.challenger_eval_steps
        if it.deployment.keep_incumbent:  # rolled back: the incumbent stays deployed
            state.policy_dir = self.state.policy_dir
            state.active_packet = self.state.active_packet
        if it.deployment.deployed_return is not None:
            state.last_eval_return = it.deployment.deployed_return
        return state

    async def _commit(self, it: Iteration) -> tuple[RunState, list[dict[str, Any]]]:
        """Write the iteration's files, its row and the new state (last: the commit point);
        returns the new state and the committed rows."""
        run, index, it_dir, row = self.run_dir, it.index, it.dir, it.row
        self._enter("commit", index)
        state = self._next_state(it)
        row["policy_dir"] = state.policy_dir
        row["active_packet"] = state.active_packet
        row["real_steps"] = state.real_steps
        row["imagined_steps"] = state.imagined_steps
        row["eval_steps"] = state.eval_steps
        row["iteration_seconds"] = time.perf_counter() - it.began
        check_row(row)
        rows = [*self.rows, dict(row)]
        collected, fitted, value = it.collected, it.fitted, it.value
        label_paths, real_decisions = it.labelled.paths.paths, it.labelled.real

        def commit() -> None:
            collected.transitions.save(it_dir / "real.npz")
            if real_decisions is not None:
                atomic_write_bytes(it_dir / DECISIONS_FILE, _npz_bytes(real_decisions))
            fitted.model.save(it_dir / "world_model.safetensors")
            if value is not None and value.fitted:
                value.save(it_dir / VALUE_FILE)
            label_paths.save(it_dir / "paths.npz")
            run.write_metrics(rows)
            fault_point("state", index)
            run.write_state(state)

        await asyncio.to_thread(commit)
        return state, rows

    async def _advance(self, it: Iteration, state: RunState, rows: list[dict[str, Any]]) -> None:
        """Carry the committed iteration's state, models and data into the next one."""
        cfg = self.config
        self.state = state
        self.rows = rows
        self.transitions = it.data
        self.model = it.fitted.model
        self.value = it.value
        self.policy = it.policy
        if it.labelled.real is not None:
            self.decisions.append(it.labelled.real)
        self.decisions = self.decisions[-cfg.path_buffer :]
        self.path_buffer = [*self.path_buffer, it.labelled.paths.paths][-cfg.path_buffer :]
        fault_point("refresh", it.index)
        await asyncio.to_thread(self._refresh_top_level)
        self.progress.iteration_done(rows[-1])

    # ----------------------------------------------------------------------------- 1. collect
    async def _choose_horizon(
        self, fresh: Transitions, data: Transitions, row: IterationRow
    ) -> None:
        """The planner's horizon from this iteration on, judged by how well the last model's and
        value's lookahead predicts what really followed the states just collected (``fresh``,
        which neither was fitted on; ``data``: all real steps, whose rewards bound the value):
        with ``adaptive_horizon`` the longest not clearly worse than the best, up to the
        configured one (:func:`plasma.train.recipe.lookahead_horizon`); otherwise the configured
        one, or longer (up to ``horizon_extension`` times) while the value is the weaker part of
        the lookahead (:func:`plasma.train.recipe.extended_horizon`). Recorded in the row
        either way."""
        assert self.recipe is not None
        cfg = self.config
        model, value = self.model, self.value
        # Only a model that has seen what a planner collects is judged on it: the first model,
        # fitted on random steps alone, errs on the first planned steps because they lie where
        # random steps never went, which the next fit mends; judged then, a short CartPole run
        # planned 3 steps ahead instead of 10 and deployed 76 instead of 175.
        planned = any(r.get("collect_mode", "random") != "random" for r in self.rows)
        base = cfg.planner.horizon
        longest = int(base * cfg.horizon_extension)
        judged = cfg.adaptive_horizon or longest > base
        if planned and judged and model is not None and value is not None and value.fitted:
            t0 = time.perf_counter()
            bounds = value_bounds(data.reward, self.recipe.discount)
            gamma = self.recipe.discount
            if cfg.adaptive_horizon:
                choose = functools.partial(lookahead_horizon, longest=base)
            else:
                choose = functools.partial(extended_horizon, base=base, longest=longest)
            horizon, errors = await asyncio.to_thread(
                choose, model, value, fresh, gamma=gamma, bounds=bounds
            )
            self.recipe.planner = self.recipe.planner.model_copy(update={"horizon": horizon})
            row["horizon_errors"] = {str(h): e for h, e in errors.items()}
            row["horizon_seconds"] = time.perf_counter() - t0
        row["plan_horizon"] = self.recipe.planner.horizon

    def _planner(self, model: WorldModel, data: Transitions, weight: float) -> PlannerConfig:
        """The recipe's planner with an uncertainty term of ``weight`` (see
        :func:`plasma.train.recipe.with_uncertainty`)."""
        assert self.recipe is not None
        return with_uncertainty(self.recipe.planner, model, data, weight)

    def _exploration_share(self, index: int) -> float:
        """How much of the configured optimism collection ``index`` has: all of it at first,
        decaying linearly to none by the last iteration."""
        return 1.0 - index / max(self.iterations - 1, 1)

    def _collection_planner(self, index: int) -> PlannerConfig:
        """The planner of real collection: optimistic where the ensemble disagrees, decaying
        linearly to plain planning by the last iteration; while it explores it looks
        ``exploration_horizon`` times further ahead."""
        assert self.model is not None
        assert self.transitions is not None
        cfg = self.config
        share = self._exploration_share(index)
        planner = self._planner(self.model, self.transitions, -cfg.exploration * share)
        if share > 0 and cfg.exploration > 0 and cfg.exploration_horizon > 1:
            # Of the configured horizon, not of a chosen one (which may be extended already).
            longer = round(cfg.planner.horizon * cfg.exploration_horizon)
            planner = planner.model_copy(update={"horizon": max(planner.horizon, longer)})
        return planner

    def _exploration_value(
        self, planner: PlannerConfig, index: int, seed: int
    ) -> ValueFunction | None:
        """The value the optimistic collection ``planner`` sees past its horizon (see
        :func:`exploration_value` and :func:`novelty_value`); the plain value when the planner
        is not optimistic."""
        if self.value is None or not self.value.fitted or self.model is None:
            return self.value
        assert self.transitions is not None
        assert self.recipe is not None
        if self.config.exploration_target == "novelty":
            share = self._exploration_share(index)
            if share <= 0 or self.config.exploration <= 0:
                return self.value
            rate = self.config.exploration * share * reward_scale(self.transitions.reward)
            return novelty_value(
                self.value,
                self.transitions,
                bonus=rate * self.recipe.planner.horizon,
                config=self.config.value.model_copy(update={"seed": seed}),
                seed=seed + 14,
            )
        explore = exploration_value(
            self.model,
            self.value,
            self.transitions,
            planner,
            discount=self.recipe.discount,
            config=self.config.value.model_copy(update={"seed": seed}),
            seed=seed + 14,
        )
        return explore or self.value

    async def _collect(self, index: int, seed: int, row: IterationRow) -> Collected:
        cfg, env = self.config, self.env
        assert env is not None
        assert self.recipe is not None
        self._enter("collect", index)
        steps = self.recipe.steps_per_iteration[min(index, self.iterations - 1)]
        mode = cfg.collect_mode
        if mode == "planner" and self.model is None:
            mode = "policy"
        if mode == "policy" and self.policy is None:
            mode = "random"
        if index == 0 and not self.base_frozen:
            mode = "random"
        t0 = time.perf_counter()
        if mode == "random":
            act: Callable[[np.ndarray], Any] = random_policy(
                env, seed, correlated_steps=steps if cfg.correlated_random else None
            )
        else:
            if mode == "planner":
                assert self.model is not None
                planner = self._collection_planner(index)
                row["collect_horizon"] = planner.horizon
                inner = planner_actor(
                    self.model,
                    env,
                    planner,
                    seed=seed,
                    num_threads=cfg.num_threads,
                    value=await asyncio.to_thread(self._exploration_value, planner, index, seed),
                    prior=self.policy,
                )
            else:
                assert self.policy is not None
                inner = policy_actor(self.policy)
            act = _noisy(inner, env, cfg.exploration_noise, seed)
        running = self._episode_in_progress()
        start, start_step = (None, 0) if running is None else running
        async with self.tracer.span("train.collect", {"steps": steps, "mode": mode}):
            new = await asyncio.to_thread(
                collect, env, steps, policy=act, seed=seed, start=start, start_step=start_step
            )
        row["collect_mode"] = mode
        row["collect_seconds"] = time.perf_counter() - t0
        episode_returns = new.episode_returns()
        if running is not None and new.done.any():
            # The first episode that ended began in earlier collections: its return counts
            # their rewards too.
            assert self.transitions is not None
            episode_returns[0] += float(self.transitions.reward[-start_step:].sum())
        row["collect_return"] = float(np.mean(episode_returns)) if len(episode_returns) else None
        return Collected(new, mode, row["collect_seconds"])

    def _episode_in_progress(self) -> tuple[np.ndarray, int] | None:
        """The last observation of the episode the committed collections left running, and how
        many steps into its episode it is; None where the next collection starts new episodes
        (``continue_episodes`` off, no data, the last episode ended, or no reset-to-state). Read
        from the committed data, so a resumed run continues where the uninterrupted one
        would."""
        data, env = self.transitions, self.env
        assert env is not None
        if not self.config.continue_episodes or data is None or len(data) == 0:
            return None
        if data.done[-1] or not env.supports_set_state:
            return None
        ends = data.episode_ends()[:-1]
        began = int(np.flatnonzero(ends)[-1]) + 1 if ends.any() else 0
        return data.next_obs[-1].copy(), len(data) - began

    # ----------------------------------------------------------------------------- 2. fit
    async def _fit(
        self, seed: int, data: Transitions, row: IterationRow, pool: Executor | None = None
    ) -> Fitted:
        """This iteration's world model, fitted on ``pool`` (default: asyncio's)."""
        cfg, env = self.config, self.env
        assert env is not None
        self._enter("fit", int(row["iteration"]))
        t0 = time.perf_counter()
        wm_cfg = cfg.world_model.model_copy(update={"seed": cfg.world_model.seed + seed})
        model = WorldModel.for_env(env, wm_cfg)
        fit_data = data if self.prior is None else self.prior.concat(data)
        async with self.tracer.span("train.fit", {"transitions": len(fit_data)}) as fit_span:
            start = None if self._fits_afresh(len(fit_data)) else self.model
            fit = await asyncio.get_running_loop().run_in_executor(
                pool, functools.partial(model.fit, fit_data, start=start)
            )
            fit_span.update_state(fit.model_dump())
        row["fit_holdout_mse"] = fit.holdout_mse
        row["fit_no_change_mse"] = fit.no_change_mse
        row["fit_reward_mse"] = fit.reward_mse
        row["fit_done_recall"] = fit.done_recall
        row["fit_epochs"] = fit.epochs
        row["fit_rows"] = len(fit_data)
        row["fit_continued"] = fit.continued
        row["fit_seconds"] = time.perf_counter() - t0
        return Fitted(model, row["fit_seconds"])

    def _fits_afresh(self, rows: int) -> bool:
        """Whether this iteration's world model fits from scratch (``fresh_fit_growth``): the
        first fit, and any fit whose data has grown enough since the last one from scratch (read
        from the committed rows, so a resumed run decides as the uninterrupted one would)."""
        fresh = [r["fit_rows"] for r in self.rows if "fit_rows" in r and not r["fit_continued"]]
        if self.model is None or not fresh:
            return True
        return bool(rows >= self.config.fresh_fit_growth * fresh[-1])

    async def _simulator(self, model: WorldModel, data: Transitions) -> Simulator:
        cfg = self.config
        assert self.recipe is not None
        if self.simulator is None:
            sim_cfg = SimulatorConfig(
                env_id=cfg.env,
                variant=dict(cfg.variant),
                env_kwargs=dict(cfg.env_kwargs),
                seed=cfg.seed,
                world_model=cfg.world_model,
                generator=GeneratorConfig(
                    mode="planner",
                    planner=self.recipe.planner,
                    action_noise_std=cfg.action_noise_std,
                    num_threads=cfg.num_threads,
                ),
                **cfg.backend_settings(),
            )
            self.simulator = Simulator(
                sim_cfg, model=model, transitions=data, tracker=self.tracker, trace_id=self.trace_id
            )
            await self.simulator.start()
        else:
            self.simulator.set_model(model)
            self.simulator.transitions = data
        return self.simulator

    # ----------------------------------------------------------------------------- 4. imagine
    async def _audit(
        self, paths: PhantomPaths, model: WorldModel, data: Transitions
    ) -> tuple[AuditReport, float]:
        assert self.auditor is not None
        t0 = time.perf_counter()
        if self.auditor.calibration is None or self._calibrated_for is not model:
            await self.auditor.calibrate(data, model=model)
            self._calibrated_for = model
        report = await self.auditor.audit_paths(paths, model=model)
        if exploitable(report):
            # A batch of an exploitable model approves nothing: none of it is learned from, now
            # or later.
            assert paths.approved is not None
            paths.approved[:] = False
            log.warning(
                "the auditor found the model exploitable on a batch of %d paths (%s): not "
                "learned from",
                paths.num_paths,
                "; ".join(report.reasons) or "see the report",
            )
        return report, time.perf_counter() - t0

    async def _imagine_policy(
        self,
        simulator: Simulator,
        model: WorldModel,
        data: Transitions,
        policy: Policy | None,
        seed: int,
        row: IterationRow,
    ) -> Audited | None:
        """``policy``'s paths from real states (where it goes: DAgger's states), audited."""
        cfg = self.config
        if policy is None or cfg.value_paths == 0:
            return None
        self._enter("imagine", int(row["iteration"]))
        t0 = time.perf_counter()
        rng = np.random.default_rng(seed + 5)
        starts = data.obs[rng.integers(0, len(data), cfg.value_paths)]
        paths = await simulator.simulate(
            starts,
            cfg.value_paths,
            cfg.value_path_length,
            mode="policy",
            policy=policy,
            seed=seed + 6,
        )
        row["imagine_seconds"] = time.perf_counter() - t0
        report, seconds = await self._audit(paths, model, data)
        row["policy_paths_pass_rate"] = float(np.mean(report.approved)) if report.approved else 0.0
        row["policy_paths_status"] = report.overall_status
        row["imagined_policy_return"] = float(paths.returns().mean())
        return Audited(paths, report, seconds)

    # ----------------------------------------------------------------------------- 5. label
    async def _label(
        self,
        simulator: Simulator,
        model: WorldModel,
        data: Transitions,
        value: ValueFunction,
        explored: Audited | None,
        collected: Collected,
        seed: int,
        row: IterationRow,
    ) -> Labelled:
        cfg = self.config
        self._enter("label", int(row["iteration"]))
        t0 = time.perf_counter()
        rng = np.random.default_rng(seed + 2)
        starts = data.obs[rng.integers(0, len(data), cfg.num_paths)]
        planner = self._planner(model, data, cfg.pessimism)
        paths = await simulator.simulate(
            starts,
            cfg.num_paths,
            cfg.path_length,
            mode="planner",
            seed=seed,
            value=value if value.fitted else None,
            prior=self.policy,
            planner=planner,
        )
        row["simulate_seconds"] = time.perf_counter() - t0
        row["imagined_return"] = float(paths.returns().mean())
        report, audit_seconds = await self._audit(paths, model, data)
        approved = int(np.sum(report.approved))
        row["audit_status"] = report.overall_status
        row["paths"] = paths.num_paths
        row["approved_paths"] = approved
        row["audit_pass_rate"] = approved / paths.num_paths
        row["audit_findings"] = len(report.findings)
        row["audit_counts"] = dict(report.counts)
        row["audit_seconds"] = audit_seconds

        visited = explored.approved() if explored is not None else None
        dagger, real = await self._relabel(
            simulator, planner, value, visited, collected.transitions.obs, seed
        )
        row["dagger_states"] = 0 if dagger is None else len(dagger.states)
        row["relabelled_real_states"] = 0 if real is None else len(real.states)
        row["label_seconds"] = time.perf_counter() - t0
        return Labelled(
            Audited(paths, report, audit_seconds), dagger, real, planner, row["label_seconds"]
        )

    async def _relabel(
        self,
        simulator: Simulator,
        planner: PlannerConfig,
        value: ValueFunction,
        visited: PhantomPaths | None,
        real_states: np.ndarray | None,
        seed: int,
    ) -> tuple[Decisions | None, Decisions | None]:
        """The planner's decisions, with the current model and value, at up to ``dagger_states``
        states from each of two pools: where the policy went in imagination (``visited``,
        DAgger) and where this iteration's collection went in reality."""
        rng = np.random.default_rng(seed + 9)
        pools = [] if visited is None else [visited.states[:, :-1][visited.step_mask()]]
        if real_states is not None:
            pools.append(real_states)
        chosen = []
        for pool in pools:
            pick = rng.choice(len(pool), min(self.config.dagger_states, len(pool)), replace=False)
            chosen.append(np.ascontiguousarray(pool[np.sort(pick)]))
        states = np.concatenate(chosen) if chosen else np.zeros((0, 0), np.float32)
        if len(states) == 0:
            return None, None
        relabel = await simulator.simulate(
            states,
            len(states),
            1,
            mode="planner",
            seed=seed + 8,
            value=value if value.fitted else None,
            prior=self.policy,
            planner=planner,
        )
        assert relabel.action_labels is not None
        assert relabel.plan_values is not None
        found = Decisions(states, relabel.action_labels[:, 0], relabel.plan_values[:, 0])
        return found.split(len(chosen[0]) if visited is not None else 0)

    def _imagined_decisions(self) -> list[Decisions]:
        """The planner's decisions along the approved paths of the buffered iterations."""
        found = [Decisions.of_paths(p) for p in self.path_buffer]
        return [d for d in found if d is not None]

    # ----------------------------------------------------------------------------- 3. value
    async def _learn_value(
        self,
        index: int,
        seed: int,
        data: Transitions,
        row: IterationRow,
        pool: Executor | None = None,
    ) -> ValueFunction:
        """The value the planner uses from this iteration on, fitted before anything is imagined
        with it: on what really followed each real state (the returns of the real episodes,
        bootstrapped with the previous value only where an episode was cut) and, with
        ``value_from_plans``, on the planner's lookahead estimates at the states it imagined in
        earlier iterations. A new network when :meth:`_value_afresh` says so, else the previous
        one trained on (``value.continued_updates`` steps, its input normalization refitted). It
        needs nothing of this iteration's world model, and fits while that one does (on
        ``pool``, default: asyncio's)."""
        cfg, env = self.config, self.env
        assert env is not None
        assert self.recipe is not None
        self._enter("value", index)
        t0 = time.perf_counter()
        imagined = self._imagined_decisions() if cfg.value_from_plans else []
        n_states = len(data) + sum(len(d.states) for d in imagined)
        if self.value is None or self._value_afresh(n_states):
            value_cfg = cfg.value.model_copy(update={"seed": cfg.value.seed + seed})
            value, continued = ValueFunction(env.state_dim, value_cfg), False
        else:
            steps = {"updates": cfg.value.continued_updates}
            value, continued = self.value.copy(cfg.value.model_copy(update=steps)), True
        discount = self.recipe.discount

        def learn() -> ValueReport:
            # All of it on the value's torch threads (a matrix product's result depends on
            # their number), whatever the thread it runs on was left with.
            with torch_threads(cfg.value.torch_threads):
                if self.value is not None:
                    next_values = self.value.values(data.next_obs)
                else:
                    # No value yet: where an episode was cut, what follows is worth the data's
                    # mean reward for ever (0 would make the states just before a time limit
                    # look the best).
                    next_values = np.full(len(data), float(data.reward.mean()) / (1.0 - discount))
                real = real_returns(
                    data.obs,
                    data.reward,
                    data.next_obs,
                    data.terminated,
                    data.truncated,
                    next_values,
                    gamma=discount,
                    lam=cfg.value.real_lambda,
                )
                states = np.concatenate([data.obs, *(d.states for d in imagined)])
                # The targets are clipped to what the rewards allow (value_bounds), so that an
                # optimistic estimate cannot inflate the value beyond it, however often it is
                # bootstrapped.
                low, high = value_bounds(data.reward, discount)
                targets = np.clip(np.concatenate([real, *(d.values for d in imagined)]), low, high)
                weights = np.concatenate(
                    [self._recency(len(data)), *(np.ones(len(d.states)) for d in imagined)]
                )
                if continued:
                    value.renormalize(states)
                return value.fit(states, targets, seed=seed + 7, weights=weights)

        async with self.tracer.span("train.value", {"states": n_states}) as span:
            report = await asyncio.get_running_loop().run_in_executor(pool, learn)
            span.update_state(report.model_dump())
        row["value_states"] = report.states
        row["value_continued"] = continued
        row["value_error"] = report.error_after
        row["value_mean"] = report.value_mean
        row["value_seconds"] = time.perf_counter() - t0
        return value

    def _value_afresh(self, states: int) -> bool:
        """Whether this iteration's value is a new network (``fresh_value``): as the world
        model's fits (:meth:`_fits_afresh`), whenever its states have grown ``fresh_fit_growth``
        times since its last fresh fit (read from the committed rows, so a resumed run decides
        as the uninterrupted one would)."""
        if not self.config.fresh_value:
            return False
        fresh = [
            r["value_states"]
            for r in self.rows
            if "value_states" in r and not r.get("value_continued", False)
        ]
        return not fresh or bool(states >= self.config.fresh_fit_growth * fresh[-1])

    def _enter(self, stage: str, index: int) -> None:
        """Iteration ``index`` enters ``stage``: shown in the progress, and a fault point (see
        :mod:`plasma.train.faults`)."""
        self.progress.stage(index, stage)
        fault_point(stage, index)

    def _recency(self, rows: int) -> np.ndarray:
        """The weights of ``rows`` real returns (see :func:`recency_weights`), halved every
        ``value.real_half_life`` iterations' worth of real steps."""
        half_life = self.config.value.real_half_life
        assert self.recipe is not None
        if half_life is None:
            return np.ones(rows)
        return recency_weights(rows, half_life * float(np.mean(self.recipe.steps_per_iteration)))

    # ----------------------------------------------------------------------------- 6. distil
    def _schedule(self, index: int) -> str:
        cfg = self.config
        if self.base_frozen:
            return "lora"
        if self.policy is None:
            return "full"
        if cfg.distill_schedule == "auto":
            return "lora" if index == self.iterations - 1 else "full"
        return cfg.distill_schedule

    def _refinement(self, index: int, value: ValueFunction, seed: int) -> Refinement | None:
        """How distillation improves the policy beyond the planner's labels: the gradient of
        its imagined return (``refine_horizon`` steps of the iteration's world model, each
        start state along one member's path, then the learned value), judged by the policy's
        mean return over imagined episodes (as the evaluation's, from other start states): see
        ``TrainConfig.refine_horizon``. None where it does not apply: no refinement steps, a
        discrete action space (no gradient), no model yet, or an iteration it sits out
        (:func:`plasma.train.recipe.refinement_due`). A model the auditor found exploitable
        this iteration is not refined against either (see :meth:`_distill`)."""
        cfg = self.config
        sim = self.simulator
        if not cfg.distiller.training.refine_updates or sim is None or sim.model is None:
            return None
        if not refinement_due(self.rows, index):
            return None
        model = sim.model
        if model.discrete_actions is not None or not model.fitted:
            return None
        assert self.recipe is not None
        discount, horizon = self.recipe.discount, cfg.refine_horizon
        terminal = value.value_tensor if value.fitted else None

        def objective(
            act: Callable[[torch.Tensor], torch.Tensor], states: torch.Tensor
        ) -> torch.Tensor:
            return model.lookahead(states, act, horizon, discount, terminal, one_member_each=True)

        starts = max(cfg.eval_episodes, 1) * IMAGINED_STARTS_PER_EPISODE

        def judge(policy: Policy) -> float:
            return self._imagined_episodes(policy, seed + 32, starts).mean_return

        return Refinement(objective, judge)

    async def _dagger_round(
        self,
        index: int,
        seed: int,
        simulator: Simulator,
        model: WorldModel,
        data: Transitions,
        value: ValueFunction,
        collected: Collected,
        labelled: Labelled,
        distilled: Distilled,
        row: IterationRow,
    ) -> tuple[Distilled, int]:
        """The new policy's paths in imagination, the planner's decisions where it went, and the
        policy distilled again with them (states a policy trained on the planner's paths alone
        drifts into and never saw labelled). Returns the policy and the imagined steps."""
        explored = await self._imagine_policy(
            simulator, model, data, distilled.policy, seed + 11, row
        )
        visited = explored.approved() if explored is not None else None
        if explored is None or visited is None:
            return distilled, 0 if explored is None else explored.paths.num_transitions
        dagger, _ = await self._relabel(
            simulator, labelled.planner, value, visited, None, seed + 12
        )
        again = dataclasses.replace(labelled, dagger=dagger)
        row["dagger_rounds"] = 1
        out = await self._distill(
            index,
            seed + 13,
            collected,
            again,
            row,
            base=distilled.policy,
            refinement=self._refinement(index, value, seed + 13),
        )
        return out, explored.paths.num_transitions

    async def _distill(
        self,
        index: int,
        seed: int,
        collected: Collected,
        labelled: Labelled,
        row: IterationRow,
        *,
        base: Policy | None = None,
        refinement: Refinement | None = None,
    ) -> Distilled:
        """The policy distilled from the planner's decisions; ``base`` (default: the deployed
        policy) is where training starts; ``refinement`` (see :meth:`_refinement`) improves it
        beyond its labels."""
        cfg, run = self.config, self.run_dir
        self._enter("distill", index)
        t0 = time.perf_counter()
        mode = self._schedule(index)
        training = cfg.distiller.training.model_copy(update={"seed": seed})
        dcfg = cfg.distiller.model_copy(
            update={
                "packet_dir": run.packets_dir,
                "require_audit": cfg.audit_required,
                "training": training,
                "mode": mode,
                "policy_seed": cfg.distiller.policy_seed + seed,
            }
        )
        base = base or self.policy
        if mode == "full" and cfg.fresh_policy:
            base = None  # the distiller creates a new policy (see TrainConfig.fresh_policy)
        if base is not None and mode == "lora":
            # LoRA adapters train on the bare base, whatever packet is active now.
            base = Policy.load(self._base_policy_dir()) if self.state.policy_dir else base
            base._set_live(None)
        distiller = Distiller(
            dcfg, policy=base, tracker=self.tracker, trace_id=self.trace_id, verifier=self.keyring
        )
        await distiller.start()
        out = Distilled(self.policy, None, {"distill_mode": mode, "packet": None})
        try:
            paths = labelled.paths.paths
            earlier = [b for b in self.path_buffer if b.horizon == paths.horizon]
            earlier = earlier[-(cfg.path_buffer - 1) :] if cfg.path_buffer > 1 else []
            batch = PhantomPaths.concatenate([*earlier, paths])
            if not labelled.paths.usable:
                out.row["distill_note"] = "the auditor found the model exploitable: paths unused"
                refinement = None  # nor is the policy optimised against that model
            at_states = [*self.decisions, labelled.real, labelled.dagger]
            extra = LabelledStates.concat([d.labelled() for d in at_states if d is not None])
            try:
                packets = await distiller.distill_from_paths(
                    batch, extra=extra, refinement=refinement
                )
            except NoApprovedPathsError as err:
                log.warning("iteration %d: nothing to distil (%s); keeping the policy", index, err)
                out.row["distill_mode"] = "skipped"
                return out
            report = distiller.last_report
            if report is not None:
                out.row["distill_heldout_error"] = report.heldout_error
                out.row["distill_train_loss"] = report.train_loss
                out.row["distill_paths"] = report.paths_used
                out.row["distill_steps"] = report.train_steps
                out.row["label_return"] = report.label_return
                if report.refine_judged is not None:
                    out.row["refine_judged"] = list(report.refine_judged)
            policy = distiller.policy
            assert policy is not None
            it_dir = run.iteration_dir(index)
            if mode == "full" or self.state.policy_dir is None:
                await asyncio.to_thread(policy.save, it_dir / "policy", overwrite=True)
                out.policy_saved = True
            out.policy = policy
            if packets:
                deploy = await distiller.deploy_packets(packets, model=policy)
                if deploy.failed:
                    raise InvalidArgumentError(
                        f"deploying packet {packets[0].id} failed: {deploy.failed[0].reason}"
                    )
                out.packet_rel = f"packets/{Path(packets[0].path).name}"
                out.row["packet"] = packets[0].id
                out.row["swap_latency_s"] = deploy.swap_latency_s
            return out
        finally:
            await distiller.stop()
            out.seconds = time.perf_counter() - t0
            row.update(out.row)
            row["distill_seconds"] = out.seconds

    # ----------------------------------------------------------------------------- 7. evaluate
    async def _evaluate(
        self, policy: Policy | None, seed: int, row: IterationRow
    ) -> EvalResult | None:
        cfg = self.config
        row.update({"eval_mean_return": None, "eval_std_return": None})
        if cfg.eval_episodes == 0 or policy is None:
            return None
        self._enter("evaluate", int(row["iteration"]))
        t0 = time.perf_counter()
        async with self.tracer.span("train.evaluate", {"episodes": cfg.eval_episodes}) as es:
            result = await asyncio.to_thread(self._run_episodes, policy, seed)
            if es is not None:
                es.update_state(result.model_dump())
        row.update(
            {
                "eval_mean_return": result.mean_return,
                "eval_std_return": result.std_return,
                "eval_mean_length": result.mean_length,
                "eval_imagined": cfg.eval_in_model and result.steps == 0,
                "eval_left_support": result.left_support_rate,
                "eval_seconds": time.perf_counter() - t0,
            }
        )
        return result

    def _run_episodes(self, policy: Policy, seed: int, batch: int = 0) -> EvalResult:
        """Batch ``batch`` of the evaluation episodes of the iteration seeded ``seed``: every
        policy evaluated in an iteration runs the same ones (keep-best compares on them)."""
        cfg = self.config
        # The simulator holds the iteration's world model (set before anything is imagined).
        sim = self.simulator
        in_model = cfg.eval_in_model and sim is not None and sim.model is not None
        episodes = cfg.eval_episodes * (IMAGINED_STARTS_PER_EPISODE if in_model else 1)
        seed += 3 + batch * episodes  # apart from the iteration's other seeded draws and batches
        if in_model:
            return self._imagined_episodes(policy, seed, episodes)
        with make_env(cfg.env, cfg.variant or None, seed=seed, env_kwargs=cfg.env_kwargs) as env:
            return evaluate(
                env,
                policy_actor(policy),
                cfg.eval_episodes,
                seed=seed,
                max_steps=cfg.eval_max_steps,
            )

    def _imagined_episodes(self, policy: Policy, seed: int, episodes: int) -> EvalResult:
        """``episodes`` imagined episodes of ``policy`` in the iteration's world model, from the
        start states of the real episodes seeded ``seed`` (see :func:`evaluate_in_model`), paths
        that leave the real data's support scored by :class:`DataSupport`."""
        cfg = self.config
        sim = self.simulator
        assert sim is not None
        assert sim.model is not None
        model, data = sim.model, sim.transitions
        support = (
            None
            if data is None or len(data) == 0
            else DataSupport.of(data, model.obs_low, model.obs_high)
        )
        with make_env(cfg.env, cfg.variant or None, seed=seed, env_kwargs=cfg.env_kwargs) as env:
            return evaluate_in_model(
                model,
                env,
                policy,
                episodes,
                seed=seed,
                max_steps=cfg.eval_max_steps,
                support=support,
            )

    # ----------------------------------------------------------------------------- 8. deploy
    async def _deploy(
        self,
        index: int,
        seed: int,
        result: EvalResult | None,
        distilled: Distilled,
        row: IterationRow,
    ) -> tuple[Deployment, Policy | None]:
        """The deployment rule's decision on what the iteration deployed (a retrained policy or
        a packet is new), recorded in ``row``, and the policy deployed from now on."""
        incumbent = _Incumbent(self, seed)
        deployment = await self.deploy_rule(
            Challenge(
                result,
                deployed_new=distilled.policy_saved or distilled.packet_rel is not None,
                last_row=self.rows[-1] if self.rows else None,
                incumbent=incumbent,
                challenger=_Evaluated(self, seed, distilled.policy),
            )
        )
        deployment.record(row)
        if not deployment.keep_incumbent:
            return deployment, distilled.policy
        log.info(
            "iteration %d: the new deployment evaluated %s, the deployed one %s on the same "
            "episodes: kept %s",
            index,
            _fmt(None if result is None else result.mean_return),
            _fmt(deployment.incumbent_return),
            deployment.rolled_back_to,
        )
        return deployment, incumbent.policy or await incumbent.load()

    def _base_policy_dir(self) -> Path:
        assert self.state.policy_dir is not None
        return self.run_dir.path / self.state.policy_dir

    # ----------------------------------------------------------------------------- files
    def _refresh_top_level(self) -> None:
        """Mirror the committed state's latest artifacts at the top of the run directory."""
        run, state = self.run_dir, self.state
        if self.transitions is not None:
            self.transitions.save(run.path / "transitions.npz")
        if state.world_model is not None:
            source = run.path / state.world_model
            atomic_write_bytes(run.path / "world_model.safetensors", source.read_bytes())
        if state.policy_dir is not None:
            copy_dir_atomic(run.path / state.policy_dir, run.path / "policy")


# --------------------------------------------------------------------------------- helpers
class _Incumbent:
    """The deployment committed before the iteration (see :class:`plasma.train.deploy.Incumbent`);
    ``policy`` is loaded when the rule runs it again."""

    def __init__(self, trainer: Trainer, seed: int) -> None:
        self._trainer = trainer
        self._seed = seed
        self.policy: Policy | None = None

    @property
    def name(self) -> str | None:
        state = self._trainer.state
        return state.active_packet or state.policy_dir

    async def load(self) -> Policy:
        t = self._trainer
        policy, _ = await asyncio.to_thread(
            load_deployed_policy, t.run_dir, t.state, keyring=t.keyring
        )
        self.policy = policy
        return policy

    async def rerun(self, batch: int = 0) -> EvalResult:
        policy = self.policy or await self.load()
        return await asyncio.to_thread(self._trainer._run_episodes, policy, self._seed, batch)


class _Evaluated:
    """The iteration's new deployment, evaluated again on further batches of episodes (see
    :class:`plasma.train.deploy.Contender`)."""

    def __init__(self, trainer: Trainer, seed: int, policy: Policy | None) -> None:
        self._trainer, self._seed, self._policy = trainer, seed, policy

    async def rerun(self, batch: int = 0) -> EvalResult:
        assert self._policy is not None  # a new deployment was evaluated
        return await asyncio.to_thread(self._trainer._run_episodes, self._policy, self._seed, batch)


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def exploration_value(
    model: WorldModel,
    value: ValueFunction,
    data: Transitions,
    planner: PlannerConfig,
    *,
    discount: float,
    config: ValueConfig,
    seed: int,
) -> ValueFunction | None:
    """The value an optimistic ``planner`` (negative ``uncertainty_penalty``) should see past its
    horizon: what really followed each real state under the planner's own objective, the reward
    plus its bonus for the ensemble's disagreement beyond the floor (``value`` bootstraps where
    an episode was cut). The rare transitions of thinly covered regions (the one swing that went
    far) earn that bonus, so the states that lead there are worth more, and the planner is drawn
    toward where its model knows least from further away than its horizon: a sparse reward
    gives a short horizon nothing else to follow. None when ``planner`` is not optimistic.

    It starts from ``value`` (fitted on the same real states, without the bonus) and trains on
    for a quarter of ``config.updates``: a fresh fit cost as much as the
    value's own, a fifth of a sparse-reward run."""
    bonus_rate = -(planner.uncertainty_penalty or 0.0)
    if bonus_rate <= 0:
        return None
    disagreement = model.to_core().predict(data.obs, data.action)["uncertainty"]
    bonus = bonus_rate * np.maximum(0.0, disagreement - planner.uncertainty_floor)
    targets = real_returns(
        data.obs,
        data.reward + bonus,
        data.next_obs,
        data.terminated,
        data.truncated,
        value.values(data.next_obs),
        gamma=discount,
        # Whatever ``config.real_lambda``: these targets bootstrap from ``value``, which has no
        # bonus, so a lambda below 1 would put it in the bonus's place at every step, and the
        # bonus of a far novel transition would fade by lambda a step on its way back
        # (MountainCar seed 0 with real_lambda 0.9: -121.9 with the exploration value at 0.9,
        # -100.1 with it at 1).
        lam=1.0,
    )
    explore = value.copy(config.model_copy(update={"updates": max(1, config.updates // 4)}))
    explore.fit(data.obs, targets, seed=seed)
    return explore


NOVELTY_NEIGHBOURS = 10
"""Real states whose mean distance measures how novel a state is (:func:`novelty_value`)."""


def novelty_value(
    value: ValueFunction,
    data: Transitions,
    *,
    bonus: float,
    config: ValueConfig,
    seed: int,
) -> ValueFunction:
    """``value`` plus up to ten times ``bonus`` for a state's novelty: its mean distance to its
    nearest real states of ``data`` (in units of each variable's spread), relative to the 90%
    quantile of that distance among the real states themselves. Learned at the real states and
    at as many states scattered around them (half of each variable's spread), where the novelty
    is: an exploring planner is drawn to where the data is thin however far that is, which a
    bonus learned from what really followed each real state cannot show while no real path has
    gone there (measured on MountainCar: from rest, the disagreement-driven collection stayed
    at the bottom; with this value and twice the horizon it reached the flag in the second
    iteration). It starts from ``value`` and trains on for a quarter of ``config.updates``.

    Raises:
        InvalidArgumentError: ``data`` holds fewer than ``NOVELTY_NEIGHBOURS`` transitions, or
            ``bonus`` is negative or not finite.
    """
    from plasma import _core

    if len(data) < NOVELTY_NEIGHBOURS:
        raise InvalidArgumentError(
            f"data has {len(data)} transitions; novelty is measured against the "
            f"{NOVELTY_NEIGHBOURS} nearest, so it needs at least that many"
        )
    if not (np.isfinite(bonus) and bonus >= 0):
        raise InvalidArgumentError(f"bonus={bonus}: it must be finite and not negative")
    obs = np.asarray(data.obs, dtype=np.float32)
    spread = obs.std(axis=0).astype(np.float32) + np.float32(1e-6)
    rng = np.random.default_rng(seed)
    around = obs + rng.normal(size=obs.shape).astype(np.float32) * (0.5 * spread)
    states = np.concatenate([obs, around]).astype(np.float32)
    index = _core.LocalIndex(obs, np.zeros((len(obs), 1), np.float32), spread)
    distance = np.asarray(index.query(states, k=NOVELTY_NEIGHBOURS)["distance"], np.float64)
    typical = max(float(np.quantile(distance[: len(obs)], 0.9)), 1e-6)
    targets = value.values(states) + bonus * np.minimum(distance / typical, 10.0)
    novel = value.copy(config.model_copy(update={"updates": max(1, config.updates // 4)}))
    novel.fit(states, targets.astype(np.float32), seed=seed)
    return novel


def _noisy(
    inner: Callable[[np.ndarray], np.ndarray], env: PlasmaEnv, noise: float, seed: int
) -> Callable[[np.ndarray], Any]:
    """``inner`` with exploration: Gaussian noise (a share of the action range) on Box actions,
    a random action with probability ``noise`` for discrete ones."""
    rng = np.random.default_rng(seed + 1)
    low, high = env.action_low, env.action_high
    n_actions = env.n_actions

    def act(obs: np.ndarray) -> Any:
        action = inner(obs)
        if n_actions is not None:
            if rng.random() < noise:
                return int(rng.integers(0, n_actions))
            return round(float(action[0]))
        jitter = rng.standard_normal(action.shape) * noise * (high - low)
        return np.clip(action + jitter, low, high).astype(np.float32)

    return act


def _approved(paths: PhantomPaths) -> PhantomPaths | None:
    """The approved paths of an audited batch, or None when there are none."""
    if paths.approved is None or not paths.approved.any():
        return None
    return paths.approved_paths()


def _npz_bytes(decisions: Decisions) -> bytes:
    import io

    buffer = io.BytesIO()
    np.savez(buffer, states=decisions.states, labels=decisions.labels, values=decisions.values)
    return buffer.getvalue()


def load_run_policy(run: RunDir) -> Policy:
    """The deployed policy of a run (base + active packet)."""
    policy, _ = load_deployed_policy(run)
    return policy
