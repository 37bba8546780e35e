"""``Auditor``: calibrates, checks, reviews and decides; records spans; returns an AuditReport."""

from __future__ import annotations

import asyncio
import hashlib
import logging
import os
import time
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from plasma._config import coerce_config
from plasma._lifecycle import Lifecycle
from plasma.auditor.agent import review as review_trajectories
from plasma.auditor.calibration import Calibration, calibrate
from plasma.auditor.checker import AdversarialChecker
from plasma.auditor.config import AuditorConfig
from plasma.auditor.errors import UnknownEnvironmentError
from plasma.auditor.findings import Finding
from plasma.auditor.reference import OwnReference
from plasma.auditor.report import AuditReport, RedTeamSummary, ReplaySummary
from plasma.auditor.review import ReviewEngine
from plasma.auditor.rules import CompiledRules
from plasma.auditor.trajectories import TrajectoryBatch, read_trajectories
from plasma.envs import PlasmaEnv, Transitions, collect, make_env
from plasma.errors import InvalidArgumentError, ShapeError
from plasma.simulator.paths import PhantomPaths
from plasma.trace import StateTracker
from plasma.trace.component import ComponentTracing

if TYPE_CHECKING:
    from plasma.distributed.ray_backend import CallStats, RayBackend

__all__ = ["Auditor"]

log = logging.getLogger(__name__)


class Auditor(Lifecycle):
    """Adversarial review of imagined paths (and of agent trajectories).

    >>> auditor = Auditor(config)                     # AuditorConfig or a dict, both optional
    >>> await auditor.start()
    >>> await auditor.calibrate(real_transitions)     # what "normal" looks like
    >>> audit = await auditor.audit_paths(paths)      # also sets paths.approved
    >>> audit["overall_status"]                       # "APPROVED" | "REJECTED"

    An auditor that was never calibrated calibrates itself from real data of the environment the
    paths name (``paths.meta.env_id``, else ``config.env_id``), collected with random actions, and
    says so in the report. Give ``model`` (a ``WorldModel``, here or per audit) to calibrate the
    disagreement threshold on real data and to run the red-team probe.
    """

    _role = "auditor"

    def __init__(
        self,
        config: AuditorConfig | Mapping[str, Any] | None = None,
        *,
        tracker: StateTracker | None = None,
        trace_id: str | None = None,
        model: Any = None,
        calibration: Calibration | None = None,
    ) -> None:
        self.config = coerce_config(AuditorConfig, config)
        self.tracer = ComponentTracing(tracker, trace_id, "auditor")
        self.model = model
        self.reference: Any = None
        """The trusted model ``calibrate`` was given (the red-team probe's baseline)."""
        self.checker = AdversarialChecker(self.config, calibration=calibration)
        self._started = False
        self._self_calibrated: str | None = None
        self._ray: RayBackend | None = None

    # ----------------------------------------------------------------------------- lifecycle
    @property
    def calibration(self) -> Calibration | None:
        """The current calibration."""
        return self.checker.calibration

    @property
    def rules(self) -> CompiledRules:
        """The compiled rule packs."""
        return self.checker.rules

    async def start(self) -> Auditor:
        """Compile the rule packs (errors in a pack surface here) and open a trace if a tracker
        was given."""
        if self._started:
            return self
        await asyncio.to_thread(lambda: self.checker.rules)
        if self.config.backend == "ray":
            from plasma.distributed.ray_backend import RayBackend

            self._ray = await asyncio.to_thread(RayBackend.acquire, self.config.ray)
        try:
            await self.tracer.open()
        except BaseException:
            await self._release_backend()
            raise
        self._started = True
        return self

    async def stop(self) -> None:
        """Let go of the Ray workers (backend "ray"; the last component of the process using
        them shuts down a Ray instance Plasma started) and close the auditor's own trace, if it
        opened one."""
        if not self._started:
            return
        self._started = False
        await self._release_backend()
        await self.tracer.close()

    async def _release_backend(self) -> None:
        if self._ray is not None:
            backend, self._ray = self._ray, None
            await asyncio.to_thread(backend.release)

    @property
    def trace_id(self) -> str | None:
        """The trace the auditor records into when no span is running in the caller."""
        return self.tracer.trace_id

    # ----------------------------------------------------------------------------- calibration
    async def calibrate(
        self,
        transitions: Transitions,
        *,
        model: Any = None,
        reference: Any = None,
        line_data: Transitions | None = None,
        own_reference: bool | OwnReference = False,
    ) -> Calibration:
        """Measure what "normal" looks like on real ``transitions`` (see
        :func:`~plasma.auditor.calibrate`). ``model`` (default: the auditor's) calibrates the
        disagreement threshold, unless ``reference`` (a model the auditor trusts) is given, and
        the local model error; pass transitions it was not fitted on. ``line_data``: more real
        transitions of the env the local detectors' line is also drawn from. ``own_reference``:
        fit the auditor's own reference model on part of ``transitions`` (or use one already
        fitted on them) and draw the uncertainty detector's limit from it (as self-calibration
        does; see
        :func:`~plasma.auditor.calibrate`)."""
        self._require_started("calibrate")
        if not isinstance(transitions, Transitions):
            raise InvalidArgumentError(
                f"calibrate() takes plasma.envs.Transitions, got {type(transitions).__name__}"
            )
        async with self.tracer.span("auditor.calibrate", {"transitions": len(transitions)}) as span:
            cal = await asyncio.to_thread(
                calibrate,
                transitions,
                self.config.detectors,
                model=model if model is not None else self.model,
                reference=reference,
                seed=self.config.calibration_seed,
                line_data=line_data,
                own_reference=own_reference,
            )
            span.update_state(cal.summary())
        self.checker.set_calibration(cal)
        self._self_calibrated = None
        self.reference = reference
        return cal

    def _env_id(self, paths: PhantomPaths) -> str | None:
        return paths.meta.env_id or self.config.env_id

    async def _self_calibrate(self, env_id: str, variant: dict[str, float], model: Any) -> None:
        steps, seed = self.config.calibration_steps, self.config.calibration_seed
        log.info("Auditor: not calibrated; collecting %d real steps of %s", steps, env_id)
        async with self.tracer.span("auditor.self_calibrate", {"env_id": env_id, "steps": steps}):

            def work() -> Calibration:
                with make_env(
                    env_id, variant or None, seed=seed, env_kwargs=self.config.env_kwargs
                ) as env:
                    data = collect(env, steps, seed=seed)
                return calibrate(
                    data,
                    self.config.detectors,
                    model=model,
                    source=f"self-calibrated: {steps} random-action steps of {env_id}",
                    seed=seed,
                    own_reference=self.config.own_reference,
                )

            cal = await asyncio.to_thread(work)
        self.checker.set_calibration(cal)
        self._self_calibrated = (
            f"the auditor was not calibrated; it calibrated itself from {steps} real steps of "
            f"{env_id} with random actions (call calibrate() with your real data for tighter "
            "limits)"
        )

    # ----------------------------------------------------------------------------- paths
    async def audit_paths(
        self,
        paths: PhantomPaths,
        *,
        model: Any = None,
        truncate: bool | None = None,
        replay: bool | None = None,
        red_team: bool | None = None,
    ) -> AuditReport:
        """Audit a batch of phantom paths and record the verdict in ``paths.approved``.

        Args:
            paths: The paths (``PhantomPaths``; nothing else is accepted).
            model: World model behind the paths (default: the auditor's); enables the red-team
                probe and, when self-calibrating, the disagreement threshold.
            truncate: Keep the safe prefix of rejected paths (default: ``review.truncate``);
                truncation shortens ``paths.lengths`` in place.
            replay: Replay paths in the real env (default: ``review.replay``).
            red_team: Run the red-team probe (default: ``review.red_team``, needs a model).

        Raises:
            NotStartedError: :meth:`start` was not awaited.
            ShapeError: ``paths`` is not a ``PhantomPaths``.
            UnknownEnvironmentError: the auditor is uncalibrated and neither the paths nor the
                config name an environment.
            CalibrationError: the calibration does not fit the paths.
        """
        self._require_started("audit_paths")
        if not isinstance(paths, PhantomPaths):
            raise ShapeError(
                f"audit_paths() takes PhantomPaths, got {type(paths).__name__}; build one with "
                "plasma.simulator.PhantomPaths(states=..., actions=..., rewards=...)"
            )
        began = time.perf_counter()
        model = model if model is not None else self.model
        cfg = self.config.review
        env_id = self._env_id(paths)
        variant = dict(paths.meta.variant or self.config.variant)
        notes: list[str] = []
        attrs = {"paths": paths.num_paths, "horizon": paths.horizon, "env_id": env_id or "-"}
        async with self.tracer.span("auditor.audit_paths", attrs) as span:
            cal = self.calibration
            if cal is not None and env_id is not None and cal.env_id not in (env_id, "unknown"):
                notes.append(
                    f"calibrated on {cal.env_id} but the paths name {env_id}; using the "
                    "calibration as given"
                )
            if cal is None:
                if env_id is None:
                    raise UnknownEnvironmentError(
                        "the auditor is not calibrated and the paths name no environment "
                        "(paths.meta.env_id is None): call await auditor.calibrate(transitions) "
                        "with real data, or set AuditorConfig(env_id=...)"
                    )
                await self._self_calibrate(env_id, variant, model)
            if self._self_calibrated:
                notes.append(self._self_calibrated)

            async with self.tracer.span("auditor.check") as check_span:
                backend_state: dict[str, Any] = {"backend": "local"}
                if self._ray is None:
                    check = await self.checker.acheck_paths(paths)
                else:
                    from plasma.auditor.sharded import scan_sharded

                    check, stats = await asyncio.to_thread(
                        scan_sharded, self._ray, self.checker, paths
                    )
                    backend_state = stats.state()
                check_span.update_state({"findings": len(check.findings), **backend_state})
            notes.extend(check.notes)
            findings: list[Finding] = list(check.findings)

            replay_summary: ReplaySummary | None = None
            red_summary: RedTeamSummary | None = None
            env: PlasmaEnv | None = None
            want_replay = cfg.replay if replay is None else replay
            want_red = cfg.red_team if red_team is None else red_team
            review = ReviewEngine(self.config, self.calibration)
            try:
                if (want_replay or (want_red and model is not None)) and env_id is not None:
                    env = await asyncio.to_thread(
                        make_env,
                        env_id,
                        variant or None,
                        seed=cfg.seed,
                        env_kwargs=self.config.env_kwargs,
                    )
                elif want_replay:
                    notes.append("no replays: the paths name no environment")
                if env is not None and env.supports_set_state:
                    # The replays' (and the probe's) line of "correct", on more real episodes.
                    await asyncio.to_thread(review.prepare_line, env)
                if want_replay and env is not None:
                    indices = review.sample(paths)
                    async with self.tracer.span("auditor.replay", {"paths": len(indices)}) as rspan:
                        backend_state = {"backend": "local"}
                        if self._ray is None or not env.supports_set_state:
                            summary = await asyncio.to_thread(review.replay, paths, env, indices)
                        else:
                            summary, stats = await asyncio.to_thread(
                                self._replay_ray, review, paths, env.env_id, variant, indices
                            )
                            backend_state = stats.state()
                        replay_summary = summary
                        rspan.update_state(
                            {
                                "replayed": replay_summary.replayed,
                                "diverged": replay_summary.diverged,
                                "mean_error": replay_summary.mean_error,
                                **backend_state,
                            },
                        )
                    if replay_summary.skipped_reason:
                        notes.append(f"no replays: {replay_summary.skipped_reason}")
                    findings.extend(review.replay_findings(replay_summary))
                if want_red and model is None:
                    notes.append("no red-team probe: no world model given")
                elif want_red and env is not None:
                    if not env.supports_set_state:
                        notes.append(
                            f"no red-team probe: {env_id} has no reset-to-state: "
                            f"{env.reset_to_state.reason}"
                        )
                    else:
                        starts = self._probe_starts(paths)
                        async with self.tracer.span(
                            "auditor.red_team", {"paths": len(starts)}
                        ) as rt:
                            red_summary = await asyncio.to_thread(
                                review.red_team, model, env, starts, self.reference
                            )
                            rt.update_state(red_summary.model_dump())
            except BaseException as exc:
                if env is not None:
                    env.close_after(exc)
                raise
            if env is not None:
                env.close_after(None)  # the replays and probe are done: a failing close warns

            verdict = review.decide(
                paths.num_paths,
                findings,
                lengths=paths.lengths,
                red_team=red_summary,
                truncate=truncate,
            )
            for v in verdict.verdicts:
                if v.truncated_to is not None:
                    _truncate(paths, v.index, v.truncated_to)
            paths.approved = np.asarray(verdict.approved, dtype=np.bool_)
            report = AuditReport.from_verdict(
                verdict,
                findings,
                kind="paths",
                num_items=paths.num_paths,
                replay=replay_summary,
                red_team=red_summary,
                calibration=None if self.calibration is None else self.calibration.summary(),
                notes=notes,
                env_id=env_id,
                digest=paths.digest(),
                transitions=check.result.transitions,
                duration_s=time.perf_counter() - began,
            )
            span.update_state(
                {
                    "overall_status": report.overall_status,
                    "approved": report.num_approved,
                    "findings": len(findings),
                    "counts": report.counts,
                },
            )
        return report

    def _replay_ray(
        self,
        review: ReviewEngine,
        paths: PhantomPaths,
        env_id: str,
        variant: dict[str, float],
        indices: list[int],
    ) -> tuple[ReplaySummary, CallStats]:
        from plasma.auditor.sharded import replay_sharded

        assert self._ray is not None
        return replay_sharded(
            self._ray,
            review,
            paths,
            indices,
            env_id=env_id,
            variant=variant,
            seed=self.config.review.seed,
        )

    def _probe_starts(self, paths: PhantomPaths) -> np.ndarray:
        n = self.config.review.red_team_paths
        starts = paths.states[:, 0]
        finite = np.flatnonzero(np.isfinite(starts).all(axis=1))
        rng = np.random.default_rng(self.config.review.seed)
        pick = rng.choice(finite, min(n, len(finite)), replace=False) if len(finite) else finite
        return np.ascontiguousarray(starts[np.sort(pick)], dtype=np.float32)

    # ----------------------------------------------------------------------------- trajectories
    async def audit_trajectories(
        self,
        source: str | os.PathLike[str] | TrajectoryBatch | Iterable[Mapping[str, Any]],
        *,
        on_error: str | None = None,
    ) -> AuditReport:
        """Audit agent trajectories: a JSONL file (see :mod:`plasma.auditor.trajectories`), a
        :class:`TrajectoryBatch`, or an iterable of step dicts.

        ``on_error`` ("raise" or "skip", default ``config.on_bad_line``): a malformed line fails
        the audit, or is reported (a finding with its line number) and skipped.
        """
        self._require_started("audit_trajectories")
        began = time.perf_counter()
        mode = on_error or self.config.on_bad_line
        if mode not in ("raise", "skip"):
            raise InvalidArgumentError(f"on_error must be 'raise' or 'skip', got {mode!r}")
        digest = None
        if isinstance(source, TrajectoryBatch):
            batch = source
        elif isinstance(source, (str, os.PathLike)):
            batch = await asyncio.to_thread(
                read_trajectories,
                source,
                on_error="skip" if mode == "skip" else "raise",
            )
            digest = await asyncio.to_thread(_file_digest, Path(source))
        else:
            batch = TrajectoryBatch.from_steps(list(source), on_error=mode)
        async with self.tracer.span("auditor.audit_trajectories", {"steps": len(batch)}) as span:
            rule_findings = await self.checker.acheck_trajectories(batch)
            findings = await asyncio.to_thread(
                review_trajectories, batch, rule_findings, self.checker.rules
            )
            ids = batch.trajectory_ids
            notes = []
            for err in batch.errors:
                findings.append(
                    Finding(
                        detector="malformed_line",
                        source="rule",
                        path=-1,
                        step=-1,
                        severity="medium",
                        message=f"skipped: {err.message}",
                        evidence={"line": err.line},
                    )
                )
            if batch.errors:
                notes.append(
                    f"{len(batch.errors)} malformed line(s) skipped: "
                    + ", ".join(str(e.line) for e in batch.errors[:20])
                )
            review = ReviewEngine(self.config, None)
            verdict = review.decide(
                len(ids),
                findings,
                max_rejected=self.config.review.max_rejected_trajectories,
                ids=ids,
                truncate=False,
            )
            report = AuditReport.from_verdict(
                verdict,
                findings,
                kind="trajectories",
                num_items=len(ids),
                notes=notes,
                digest=digest,
                transitions=len(batch),
                duration_s=time.perf_counter() - began,
            )
            span.update_state(
                {"overall_status": report.overall_status, "findings": len(findings)},
            )
        return report

    async def audit_file(self, path: str | os.PathLike[str], **kwargs: Any) -> AuditReport:
        """Audit a saved paths file (``.npz``, see ``PhantomPaths.save``) or a JSONL file of
        agent trajectories (any other extension)."""
        file = Path(path)
        if not await asyncio.to_thread(file.is_file):
            if await asyncio.to_thread(file.exists):
                raise InvalidArgumentError(
                    f"{file} is not a regular file (a directory or a device): give a paths file "
                    "(.npz) or a trajectory file (.jsonl)"
                )
            raise FileNotFoundError(f"{file} does not exist")
        if file.suffix == ".npz":
            paths = await asyncio.to_thread(PhantomPaths.load, file)
            return await self.audit_paths(paths, **kwargs)
        return await self.audit_trajectories(file, **kwargs)


def _truncate(paths: PhantomPaths, index: int, length: int) -> None:
    """Cut path ``index`` to its first ``length`` steps (frozen after, rewards 0)."""
    assert paths.lengths is not None
    assert paths.dones is not None
    assert paths.uncertainty is not None
    paths.lengths[index] = length
    paths.states[index, length + 1 :] = paths.states[index, length]
    paths.rewards[index, length:] = 0.0
    paths.dones[index, length:] = False
    paths.uncertainty[index, length:] = 0.0


def _file_digest(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()
