"""The training loop: collect real steps, fit the world model, imagine, audit, distil, deploy,
evaluate — one iteration at a time, committed to the run directory at the end of each.

Every random choice of iteration ``i`` derives from ``(seed, i)`` and every model is refitted or
reloaded from what the previous iteration committed, so ``--resume`` after a crash redoes the
interrupted iteration exactly as an uninterrupted run would have done it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from plasma._io import atomic_write_bytes
from plasma.auditor import Auditor
from plasma.distiller import Distiller, LoRAInjector, NoApprovedPathsError, Policy
from plasma.envs import PlasmaEnv, Transitions, collect, make_env, random_policy
from plasma.errors import InvalidArgumentError
from plasma.simulator import (
    GeneratorConfig,
    PhantomPaths,
    Simulator,
    SimulatorConfig,
    WorldModel,
)
from plasma.trace import StateTracker
from plasma.trace.component import ComponentTracing
from plasma.train.config import TrainConfig
from plasma.train.evaluate import evaluate, load_deployed_policy, planner_actor, policy_actor
from plasma.train.progress import NullProgress, ProgressSink
from plasma.train.report import write_report
from plasma.train.rundir import RunDir, RunState, copy_dir_atomic

__all__ = ["Trainer", "concat_paths", "iteration_seed", "new_run_dir"]

log = logging.getLogger("plasma.train")


def iteration_seed(seed: int, iteration: int) -> int:
    """The seed of everything random in iteration ``iteration`` of a run seeded ``seed``."""
    return (seed * 1_000_003 + iteration * 7_919 + 17) % (2**31 - 1)


def new_run_dir(config: TrainConfig) -> RunDir:
    """The directory a new run with ``config`` uses (``runs_dir/name``; a name is made up)."""
    name = config.name
    if name is None:
        stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
        name = f"{config.env.replace('/', '_')}-s{config.seed}-{stamp}"
        candidate, k = name, 1
        while (config.runs_dir / candidate).exists():
            k += 1
            candidate = f"{name}-{k}"
        name = candidate
    return RunDir(config.runs_dir / name)


def concat_paths(batches: list[PhantomPaths]) -> PhantomPaths:
    """One batch of all paths in ``batches`` (same horizon and width; meta of the last)."""
    if not batches:
        raise InvalidArgumentError("concat_paths needs at least one batch")
    if len(batches) == 1:
        return batches[0]

    def cat(name: str) -> np.ndarray | None:
        arrays = [getattr(b, name) for b in batches]
        if any(a is None for a in arrays):
            return None
        return np.concatenate(arrays, axis=0)

    last = batches[-1]
    states = cat("states")
    actions = cat("actions")
    rewards = cat("rewards")
    assert states is not None
    assert actions is not None
    assert rewards is not None
    return PhantomPaths(
        states=states,
        actions=actions,
        rewards=rewards,
        dones=cat("dones"),
        uncertainty=cat("uncertainty"),
        lengths=cat("lengths"),
        members=cat("members"),
        action_labels=cat("action_labels"),
        start_step=cat("start_step"),
        meta=last.meta.model_copy(deep=True),
        approved=cat("approved"),
    )


class Trainer:
    """Runs (or resumes) a training run in a run directory.

    >>> trainer = Trainer(TrainConfig(iterations=3), RunDir("runs/demo"))
    >>> state = await trainer.run()
    """

    def __init__(
        self,
        config: TrainConfig,
        run: RunDir,
        *,
        progress: ProgressSink | None = None,
    ) -> None:
        self.config = config
        self.run_dir = run
        self.progress: ProgressSink = progress or NullProgress()
        self.state = RunState()
        self.transitions: Transitions | None = None
        self.prior: Transitions | None = None  # the base run's real data (--base, base_data)
        self.model: WorldModel | None = None
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

    # ----------------------------------------------------------------------------- setup
    def _prepare(self) -> None:
        """Create the run directory, or pick up what a previous process committed."""
        run, cfg = self.run_dir, self.config
        run.path.mkdir(parents=True, exist_ok=True)
        run.write_config(cfg)
        self.state = run.read_state()
        removed = run.discard_uncommitted(self.state)
        if removed:
            log.info("resume: discarded uncommitted %s", ", ".join(removed))
        self.rows = run.read_metrics()
        done = self.state.completed_iterations
        parts = [
            Transitions.load(run.iteration_dir(i) / "real.npz")
            for i in range(done)
            if (run.iteration_dir(i) / "real.npz").is_file()
        ]
        if parts:
            self.transitions = parts[0].concat(*parts[1:]) if len(parts) > 1 else parts[0]
        if self.state.world_model is not None:
            self.model = WorldModel.load(run.path / self.state.world_model)
        if self.state.policy_dir is not None:
            self.policy = Policy.load(run.path / self.state.policy_dir)
            if self.state.active_packet is not None:
                LoRAInjector(self.policy).inject(run.path / self.state.active_packet)
        elif cfg.base_run is not None:
            base = RunDir(cfg.base_run)
            if not base.state_file.is_file():
                raise InvalidArgumentError(f"--base {cfg.base_run}: not a run directory")
            base_state = base.read_state()
            if base_state.policy_dir is None:
                raise InvalidArgumentError(f"--base {cfg.base_run}: that run deployed no policy")
            self.policy = Policy.load(base.path / base_state.policy_dir)
        if cfg.base_run is not None and cfg.base_data:
            prior = RunDir(cfg.base_run).path / "transitions.npz"
            if prior.is_file():
                self.prior = Transitions.load(prior)
                # Data of the base variant, used as the prior of the new variant's model.
                self.prior.variant = dict(cfg.variant)
        self.base_frozen = cfg.base_run is not None
        first = max(0, done - cfg.path_buffer)
        for i in range(first, done):
            file = run.iteration_dir(i) / "paths.npz"
            if file.is_file():
                self.path_buffer.append(PhantomPaths.load(file))

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
        self.env = await asyncio.to_thread(make_env, cfg.env, cfg.variant or None, seed=cfg.seed)
        auditor_cfg = cfg.auditor.model_copy(
            update={"env_id": cfg.env, "variant": dict(cfg.variant), **cfg.backend_settings()}
        )
        if cfg.num_threads is not None:
            auditor_cfg.num_threads = cfg.num_threads
        self.auditor = Auditor(auditor_cfg, tracker=self.tracker, trace_id=self.trace_id)
        await self.auditor.start()
        try:
            yield
        finally:
            if self.simulator is not None:
                await self.simulator.stop()
            await self.auditor.stop()
            self.env.close()
            if self.tracker is not None:
                if self.trace_id is not None:
                    with contextlib.suppress(Exception):
                        await self.tracker.complete_trace(self.trace_id, force=True)
                await self.tracker.stop()

    # ----------------------------------------------------------------------------- run
    async def run(self) -> RunState:
        """Run the remaining iterations; returns the final committed state."""
        await asyncio.to_thread(self._prepare)
        cfg = self.config
        self.progress.begin(cfg.iterations, min(self.state.completed_iterations, cfg.iterations))
        try:
            async with self._components():
                await asyncio.to_thread(self._refresh_top_level)
                while self.state.completed_iterations < cfg.iterations:
                    await self._iteration(self.state.completed_iterations)
                if not self.state.finished:
                    self.state.finished = True
                    await asyncio.to_thread(self.run_dir.write_state, self.state)
                await asyncio.to_thread(write_report, self.run_dir, self.config, self.rows)
        finally:
            self.progress.end()
        return self.state

    def _steps_for(self, index: int) -> int:
        plan = self.config.steps_per_iteration()
        return plan[index] if index < len(plan) else plan[-1]

    # ----------------------------------------------------------------------------- collect
    def _collector(self, index: int, seed: int) -> tuple[Callable[[np.ndarray], Any], str]:
        cfg, env = self.config, self.env
        assert env is not None
        if index == 0 and self.policy is None:
            return random_policy(env, seed), "random"
        mode = cfg.collect_mode
        if mode == "planner" and self.model is None:
            mode = "policy" if self.policy is not None else "random"
        if mode == "policy" and self.policy is None:
            mode = "random"
        if index == 0 and self.base_frozen:
            mode = "policy"
        if mode == "random":
            return random_policy(env, seed), "random"
        if mode == "planner":
            assert self.model is not None
            inner = planner_actor(
                self.model, env, cfg.planner, seed=seed, num_threads=cfg.num_threads
            )
        else:
            assert self.policy is not None
            inner = policy_actor(self.policy)
        rng = np.random.default_rng(seed + 1)
        noise = cfg.exploration_noise
        low, high = env.action_low, env.action_high
        n_actions = env.n_actions

        def act(obs: np.ndarray) -> Any:
            action = np.asarray(inner(obs), dtype=np.float32).reshape(-1)
            if n_actions is not None:
                if rng.random() < noise:
                    return int(rng.integers(0, n_actions))
                return round(float(action[0]))
            jitter = rng.standard_normal(action.shape) * noise * (high - low)
            return np.clip(action + jitter, low, high).astype(np.float32)

        return act, mode

    # ----------------------------------------------------------------------------- iteration
    async def _iteration(self, index: int) -> None:
        cfg, run, env = self.config, self.run_dir, self.env
        assert env is not None
        assert self.auditor is not None
        began = time.perf_counter()
        seed = iteration_seed(cfg.seed, index)
        row: dict[str, Any] = {"iteration": index, "seed": seed}
        it_dir = run.iteration_dir(index)
        it_dir.mkdir(parents=True, exist_ok=True)

        async with self.tracer.span("train.iteration", {"iteration": index, "seed": seed}) as span:
            # 1. collect real steps
            self.progress.stage(index, "collect")
            steps = self._steps_for(index)
            act, mode = self._collector(index, seed)
            t0 = time.perf_counter()
            async with self.tracer.span("train.collect", {"steps": steps, "mode": mode}):
                new = await asyncio.to_thread(collect, env, steps, policy=act, seed=seed)
            row["collect_mode"] = mode
            row["collect_seconds"] = time.perf_counter() - t0
            episode_returns = new.episode_returns()
            row["collect_return"] = (
                float(np.mean(episode_returns)) if len(episode_returns) else None
            )
            data = new if self.transitions is None else self.transitions.concat(new)

            # 2. fit the world model
            self.progress.stage(index, "fit")
            t0 = time.perf_counter()
            wm_cfg = cfg.world_model.model_copy(update={"seed": cfg.world_model.seed + seed})
            model = WorldModel(
                env.state_dim,
                env.action_dim,
                wm_cfg,
                discrete_actions=env.n_actions,
                state_low=env.termination_low,
                state_high=env.termination_high,
            )
            fit_data = data if self.prior is None else self.prior.concat(data)
            async with self.tracer.span("train.fit", {"transitions": len(fit_data)}) as fit_span:
                fit = await asyncio.to_thread(model.fit, fit_data)
                if fit_span is not None:
                    fit_span.update_state(fit.model_dump())
            row["fit_holdout_mse"] = fit.holdout_mse
            row["fit_no_change_mse"] = fit.no_change_mse
            row["fit_reward_mse"] = fit.reward_mse
            row["fit_epochs"] = fit.epochs
            row["fit_seconds"] = time.perf_counter() - t0

            # 3. imagine phantom paths from real start states
            self.progress.stage(index, "simulate")
            t0 = time.perf_counter()
            simulator = await self._simulator(model, data)
            rng = np.random.default_rng(seed + 2)
            starts = data.obs[rng.integers(0, len(data), cfg.num_paths)]
            paths = await simulator.simulate(
                starts, cfg.num_paths, cfg.path_length, mode="planner", seed=seed
            )
            row["simulate_seconds"] = time.perf_counter() - t0
            row["imagined_return"] = float(paths.returns().mean())

            # 4. audit
            self.progress.stage(index, "audit")
            t0 = time.perf_counter()
            await self.auditor.calibrate(data, model=model)
            report = await self.auditor.audit_paths(paths, model=model)
            approved = int(np.sum(report.approved))
            row["audit_status"] = report.overall_status
            row["paths"] = paths.num_paths
            row["approved_paths"] = approved
            row["audit_pass_rate"] = approved / paths.num_paths
            row["audit_findings"] = len(report.findings)
            row["audit_counts"] = dict(report.counts)
            row["audit_seconds"] = time.perf_counter() - t0

            # 5-6. distil and deploy
            self.progress.stage(index, "distill")
            t0 = time.perf_counter()
            buffer = [b for b in self.path_buffer if b.horizon == paths.horizon]
            buffer = [*buffer[-(cfg.path_buffer - 1) :], paths] if cfg.path_buffer > 1 else [paths]
            policy, packet_rel, distill_row = await self._distill(index, seed, buffer)
            row.update(distill_row)
            row["distill_seconds"] = time.perf_counter() - t0

            # 7. evaluate the deployed policy in the real env
            eval_row: dict[str, Any] = {"eval_mean_return": None, "eval_std_return": None}
            eval_steps = 0
            if cfg.eval_episodes > 0 and policy is not None:
                self.progress.stage(index, "evaluate")
                t0 = time.perf_counter()
                async with self.tracer.span(
                    "train.evaluate", {"episodes": cfg.eval_episodes}
                ) as es:
                    result = await asyncio.to_thread(self._evaluate, policy, seed + 3)
                    if es is not None:
                        es.update_state(result.model_dump())
                eval_steps = result.steps
                eval_row = {
                    "eval_mean_return": result.mean_return,
                    "eval_std_return": result.std_return,
                    "eval_mean_length": result.mean_length,
                    "eval_seconds": time.perf_counter() - t0,
                }
            row.update(eval_row)

            # 8. commit
            self.progress.stage(index, "commit")
            state = self.state.model_copy(deep=True)
            state.completed_iterations = index + 1
            state.real_steps += len(new)
            state.eval_steps += eval_steps
            state.imagined_steps += paths.num_transitions
            state.world_model = str((it_dir / "world_model.safetensors").relative_to(run.path))
            if distill_row.get("policy_saved"):
                state.policy_dir = str((it_dir / "policy").relative_to(run.path))
                state.active_packet = None
            if packet_rel is not None:
                state.active_packet = packet_rel
                state.packets.append(packet_rel)
            row["deployed_return"] = row["eval_mean_return"]
            rival = self._best_earlier_deployment(state.policy_dir)
            if (
                cfg.keep_best_packet
                and packet_rel is not None
                and row["eval_mean_return"] is not None
                and rival is not None
                and rival["deployed_return"] > row["eval_mean_return"]
            ):
                state.active_packet = rival["active_packet"]
                policy, _ = await asyncio.to_thread(load_deployed_policy, self.run_dir, state)
                row["rolled_back_to"] = state.active_packet or "base"
                row["deployed_return"] = rival["deployed_return"]
                log.info(
                    "iteration %d: packet %s evaluated %.1f, worse than %.1f: rolled back to %s",
                    index,
                    packet_rel,
                    row["eval_mean_return"],
                    rival["deployed_return"],
                    row["rolled_back_to"],
                )
            row["policy_dir"] = state.policy_dir
            row["active_packet"] = state.active_packet
            if row["deployed_return"] is not None:
                state.last_eval_return = row["deployed_return"]
            row["real_steps"] = state.real_steps
            row["imagined_steps"] = state.imagined_steps
            row["eval_steps"] = state.eval_steps
            row["iteration_seconds"] = time.perf_counter() - began
            row.pop("policy_saved", None)
            rows = [*self.rows, row]

            def commit() -> None:
                new.save(it_dir / "real.npz")
                model.save(it_dir / "world_model.safetensors")
                paths.save(it_dir / "paths.npz")
                run.write_metrics(rows)
                run.write_state(state)

            await asyncio.to_thread(commit)
            if span is not None:
                span.update_state({k: v for k, v in row.items() if not isinstance(v, dict)})

        self.state = state
        self.rows = rows
        self.transitions = data
        self.model = model
        self.policy = policy
        self.path_buffer = buffer
        await asyncio.to_thread(self._refresh_top_level)
        self.progress.iteration_done(row)

    async def _simulator(self, model: WorldModel, data: Transitions) -> Simulator:
        cfg = self.config
        if self.simulator is None:
            sim_cfg = SimulatorConfig(
                env_id=cfg.env,
                variant=dict(cfg.variant),
                seed=cfg.seed,
                world_model=cfg.world_model,
                generator=GeneratorConfig(
                    mode="planner",
                    planner=cfg.planner,
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

    def _schedule(self, index: int) -> str:
        cfg = self.config
        if self.base_frozen:
            return "lora"
        if self.policy is None:
            return "full"
        if cfg.distill_schedule == "auto":
            return "lora" if index == cfg.iterations - 1 else "full"
        return cfg.distill_schedule

    async def _distill(
        self, index: int, seed: int, buffer: list[PhantomPaths]
    ) -> tuple[Policy | None, str | None, dict[str, Any]]:
        cfg, run = self.config, self.run_dir
        mode = self._schedule(index)
        training = cfg.distiller.training.model_copy(update={"seed": seed})
        dcfg = cfg.distiller.model_copy(
            update={
                "packet_dir": run.packets_dir,
                "require_audit": cfg.audit_required,
                "training": training,
                "mode": mode,
            }
        )
        base = self.policy
        if base is not None and mode == "lora":
            # LoRA adapters train on the bare base, whatever packet is active now.
            base = Policy.load(self._base_policy_dir()) if self.state.policy_dir else base
            base._set_live(None)
        distiller = Distiller(dcfg, policy=base, tracker=self.tracker, trace_id=self.trace_id)
        await distiller.start()
        row: dict[str, Any] = {"distill_mode": mode, "packet": None, "policy_saved": False}
        try:
            data = concat_paths(buffer)
            try:
                packets = await distiller.distill_from_paths(data)
            except NoApprovedPathsError as err:
                log.warning("iteration %d: nothing to distil (%s); keeping the policy", index, err)
                row["distill_mode"] = "skipped"
                return self.policy, None, row
            report = distiller.last_report
            if report is not None:
                row["distill_heldout_error"] = report.heldout_error
                row["distill_train_loss"] = report.train_loss
                row["distill_paths"] = report.paths_used
                row["label_return"] = report.label_return
            policy = distiller.policy
            assert policy is not None
            it_dir = run.iteration_dir(index)
            if mode == "full" or self.state.policy_dir is None:
                await asyncio.to_thread(policy.save, it_dir / "policy", overwrite=True)
                row["policy_saved"] = True
            packet_rel: str | None = None
            if packets:
                deploy = await distiller.deploy_packets(packets, model=policy)
                if deploy.failed:
                    raise InvalidArgumentError(
                        f"deploying packet {packets[0].id} failed: {deploy.failed[0].reason}"
                    )
                packet_rel = f"packets/{Path(packets[0].path).name}"
                row["packet"] = packets[0].id
                row["swap_latency_s"] = deploy.swap_latency_s
            return policy, packet_rel, row
        finally:
            await distiller.stop()

    def _best_earlier_deployment(self, policy_dir: str | None) -> dict[str, Any] | None:
        """The best-evaluated earlier iteration whose deployment (packet or bare base) sits on
        ``policy_dir``, so that it can be restored; None if there is none."""
        rivals = [
            r
            for r in self.rows
            if r.get("policy_dir") == policy_dir and r.get("deployed_return") is not None
        ]
        return max(rivals, key=lambda r: float(r["deployed_return"]), default=None)

    def _base_policy_dir(self) -> Path:
        assert self.state.policy_dir is not None
        return self.run_dir.path / self.state.policy_dir

    def _evaluate(self, policy: Policy, seed: int) -> Any:
        cfg = self.config
        with make_env(cfg.env, cfg.variant or None, seed=seed) as env:
            return evaluate(
                env,
                policy_actor(policy),
                cfg.eval_episodes,
                seed=seed,
                max_steps=cfg.eval_max_steps,
            )

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


def load_run_policy(run: RunDir) -> Policy:
    """The deployed policy of a run (base + active packet)."""
    policy, _ = load_deployed_policy(run)
    return policy
