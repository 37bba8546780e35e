"""``ReviewEngine``: the judicial review of imagined paths.

Three kinds of evidence, combined into per-path and overall verdicts:

- the checker's findings (numeric detectors);
- **replays** in the real environment (where it supports reset-to-state). Each sampled path is
  checked step by step: the real env is put into the imagined state ``s_t``, takes the imagined
  action ``a_t``, and its ``s_{t+1}`` and reward are compared with the imagined ones (the per-step
  error, free of compounding drift, per variable and for the reward in the calibration's absolute
  replay tolerances: a good model's honest one-step error; in standard deviations of the real
  data without them); a real episode that ends where the path goes on diverges too. With the
  local index the line of each outcome is an estimate known to a standard error (on the
  calibration pooled with real episodes the review collects: ``prepare_line``): outcomes each
  over their line but within their bound diverge together when all their lines lying above the
  path's errors is less likely than one line at its bound. The path's
  actions are also replayed open-loop from its start state, for the real return of the same
  actions;
- the **red-team probe**: a planner run against the model with *no* uncertainty penalty, from
  real start states; the plans it finds are then executed open loop in the real env from the same
  states (the same actions, no replanning: it tests the model, not the planner), and replayed
  step by step as above. What a plan loses after its first wrong step, re-simulated from the
  real state the open-loop execution reached there (reality against the model's prediction of
  the remaining actions from that same state), as a share of the return, is the model's
  *exploitability*: open loop, the honest one-step errors of a good model compound on unstable
  dynamics (a pole balanced blind falls), which loses return without any exploit.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

from plasma.auditor.calibration import Calibration
from plasma.auditor.config import REPLAY_LINE_STEPS, AuditorConfig
from plasma.auditor.findings import SEVERITY_RANK, Finding, max_severity, severity_at_least
from plasma.auditor.numeric import resolution
from plasma.auditor.report import (
    PathVerdict,
    RedTeamSummary,
    ReplayRecord,
    ReplaySummary,
    Verdict,
)
from plasma.envs import PlasmaEnv, Transitions
from plasma.errors import EnvError
from plasma.simulator.paths import PhantomPaths

if TYPE_CHECKING:
    from plasma.simulator.generator import GeneratorConfig, PhantomPathGenerator

__all__ = ["ReviewEngine", "Verdict"]


def _scale(returns: np.ndarray, calibration: Calibration | None, steps: float) -> float:
    rng = 0.0 if calibration is None else calibration.reward_max - calibration.reward_min
    magnitude = 0.0 if calibration is None else max(abs(calibration.reward_max), rng)
    return max(float(np.mean(np.abs(returns))), 0.05 * magnitude * steps, 1e-6)


def _joint_doubt(worst: np.ndarray, line: np.ndarray, spread: np.ndarray) -> float:
    """The probability that every outcome's line of "correct" lies above the path's largest
    error of that outcome: the line of outcome ``v`` is known as ``line[v]`` give or take a
    normal error of ``spread[v]`` (0: exact), the outcomes' lines independently. One outcome
    alone is below ``Phi(-z)`` exactly when its error passes ``line + z spread`` (the bound)."""
    log_p = 0.0
    for err, at, sd in zip(worst.tolist(), line.tolist(), spread.tolist(), strict=True):
        if sd <= 0.0:
            if err > at:
                return 0.0
            continue
        log_p += math.log(max(0.5 * math.erfc((err - at) / (sd * math.sqrt(2.0))), 1e-300))
    return math.exp(log_p)


_UNSTABLE_MISS = 1e30
"""A miss, or a reward, whose numbers are not finite, in its place (records stay JSON)."""


def _finite(values: np.ndarray) -> np.ndarray:
    """``values`` with NaN and infinities replaced by ``±_UNSTABLE_MISS``."""
    big = _UNSTABLE_MISS
    return np.asarray(np.nan_to_num(values, nan=big, posinf=big, neginf=-big), np.float64)


def _step_error(
    obs: np.ndarray,
    reward: float,
    state: np.ndarray,
    imagined_reward: float,
    unit: np.ndarray,
    reward_unit: float | None,
) -> tuple[np.ndarray, float]:
    """How far a real step (``obs``, ``reward``) lands from the path's (``state``,
    ``imagined_reward``), per outcome (state variables, then the reward), and the largest of
    those in the replay's units (the reward's only with a ``reward_unit``)."""
    miss = np.append(np.abs(obs.astype(np.float64) - state), abs(float(reward) - imagined_reward))
    # A simulation that went unstable (NaN, overflow), or a path that did, misses by far.
    miss = _finite(miss)
    error = float((miss[:-1] / unit).max())
    if reward_unit is not None:
        error = max(error, float(miss[-1]) / reward_unit)
    return miss, error


def _shown_wrong(record: ReplayRecord) -> bool:
    """Whether a probe plan's replay shows the model wrong before reality, executing the plan
    open loop, leaves it (reported as ``RedTeamSummary.shown_wrong``)."""
    first, departure = record.first_divergence, record.open_loop_departure
    return first is not None and (departure is None or first <= departure)


_LINE_DATA: dict[tuple[str, tuple[tuple[str, float], ...], int, int], Transitions] = {}
"""Real random-action transitions per (env, variant, steps, seed): ``_line_data``'s cache."""


def _line_data(env: PlasmaEnv, steps: int, seed: int) -> Transitions | None:
    """``steps`` real transitions of random-action episodes of ``env`` (reset with a seed of
    their own, cached per env, variant, steps and seed); None when the env cannot be stepped
    so."""
    from plasma.envs import collect

    variant = tuple(sorted((str(k), float(v)) for k, v in (env.variant or {}).items()))
    key = (env.env_id, variant, int(steps), int(seed))
    if key not in _LINE_DATA:
        try:
            _LINE_DATA[key] = collect(env, int(steps), seed=LINE_SEED + int(seed))
        except (RuntimeError, ValueError, TypeError, NotImplementedError):
            return None
        while len(_LINE_DATA) > 16:
            del _LINE_DATA[next(iter(_LINE_DATA))]
    return _LINE_DATA[key]


LINE_SEED = 7_919
"""Added to the review's seed for the episodes ``_line_data`` collects (a stream of their own,
apart from the ones data is usually collected with)."""


class ReviewEngine:
    """Replays, red-team probe and verdicts (see the module docstring)."""

    def __init__(
        self,
        config: AuditorConfig,
        calibration: Calibration | None = None,
        *,
        line: tuple[np.ndarray, np.ndarray] | None = None,
    ) -> None:
        self.config = config
        self.calibration = calibration
        self._line: tuple[np.ndarray, np.ndarray] | None = line
        """The replays' line of "correct" per outcome, (allowance, bound), once ``prepare_line``
        pooled the calibration with episodes of the env (or as another engine prepared it:
        ``line``, how the workers of a sharded replay get the driver's); None: the
        calibration's."""

    @property
    def prepared_line(self) -> tuple[np.ndarray, np.ndarray] | None:
        """The pooled line ``prepare_line`` made (None: none; the calibration's applies)."""
        return self._line

    # ----------------------------------------------------------------------------- the line
    def prepare_line(self, env: PlasmaEnv) -> None:
        """Estimate the replays' line of "correct" on the calibration's real transitions pooled
        with ``review.replay_line_steps`` real steps of random-action episodes of ``env`` (see
        ``ReviewConfig.replay_line_steps``; collected once per env, variant and seed in this
        process). Nothing without the local index or with 0 steps; idempotent."""
        cal = self.calibration
        steps = self.config.review.replay_line_steps
        if steps is None:
            steps = REPLAY_LINE_STEPS
        if self._line is not None or cal is None or cal.local is None or steps <= 0:
            return
        extra = _line_data(env, steps, self.config.review.seed)
        if extra is not None:
            self._line = cal.local.pooled_line(extra)

    def line(self) -> tuple[np.ndarray, np.ndarray]:
        """Per outcome, the replays' allowance and its bound (own units; needs the local
        index): pooled by ``prepare_line``, else the calibration's."""
        if self._line is not None:
            return self._line
        cal = self.calibration
        assert cal is not None
        assert cal.local is not None
        return (
            np.asarray(cal.local.allowance, np.float64),
            np.asarray(cal.local.allowance_bound, np.float64),
        )

    # ----------------------------------------------------------------------------- replays
    def sample(self, paths: PhantomPaths) -> list[int]:
        """The paths to replay: all, or a seeded sample of ``max_replays`` (finite ones only)."""
        cfg = self.config.review
        assert paths.lengths is not None
        finite = np.isfinite(paths.states).all(axis=(1, 2)) & np.isfinite(paths.actions).all(
            axis=(1, 2)
        )
        candidates = np.flatnonzero(finite & (paths.lengths > 0))
        if len(candidates) <= cfg.max_replays:
            return candidates.tolist()
        rng = np.random.default_rng(cfg.seed)
        picked: list[int] = np.sort(rng.choice(candidates, cfg.max_replays, replace=False)).tolist()
        return picked

    def _std(self, state_dim: int) -> np.ndarray:
        cal = self.calibration
        if cal is not None and len(cal.state_std) == state_dim:
            # Never finer than a variable's resolution (a constant variable's std is ~0).
            std = np.maximum(np.asarray(cal.state_std, dtype=np.float64), resolution(cal))
            return np.asarray(std, dtype=np.float64)
        return np.ones(state_dim)

    def replay_units(
        self, paths: PhantomPaths, indices: Sequence[int]
    ) -> tuple[np.ndarray, float | None, float]:
        """Per-variable units of a replay's step error, the reward's unit (None: rewards are not
        compared step by step) and the divergence limit in those units: with the local index,
        its allowance (``local_allowance`` x the std of each variable's real one-step change:
        what "correct" means) with a limit of 1; else the calibration's absolute tolerances (a
        good model's honest one-step error) with ``replay_margin``; either plus the sampling
        noise the replayed paths carry (``LocalValidation.sampling_noise``); without a model's
        calibration, standard deviations with ``replay_error_tolerance``."""
        cfg = self.config.review
        cal = self.calibration
        state_dim = paths.state_dim
        if cal is not None and len(cal.replay_tolerance) == state_dim + 1:
            tol = np.asarray(cal.replay_tolerance, dtype=np.float64)
            margin = cfg.replay_margin
            if cal.local is not None and len(cal.local.allowance) == state_dim + 1:
                # The line of "correct" (the allowance, in own units): a replay measures the
                # step's real error exactly, so a step off by more than the allowance is wrong,
                # the ground truth's own definition (no margin over a model's usual error).
                tol, margin = self.line()[1], 1.0
            if cal.local is not None and len(indices):
                sub = paths.select(np.asarray(indices, dtype=np.int64))
                mask = sub.step_mask() & np.isfinite(sub.states[:, 1:]).all(axis=2)
                mask &= np.isfinite(sub.states[:, :-1]).all(axis=2)
                before, after = sub.states[:, :-1][mask], sub.states[:, 1:][mask]
                outcome = np.concatenate([after - before, sub.rewards[mask][:, None]], axis=1)
                tol = tol + cal.local.sampling_noise(
                    before.astype(np.float64),
                    sub.actions[mask].astype(np.float64),
                    outcome.astype(np.float64),
                )
            return tol[:state_dim], float(tol[state_dim]), margin
        return self._std(state_dim), None, cfg.replay_error_tolerance

    def replay(self, paths: PhantomPaths, env: PlasmaEnv, indices: Sequence[int]) -> ReplaySummary:
        """Replay ``indices`` in ``env`` (blocking). See the module docstring."""
        if not env.supports_set_state:
            return ReplaySummary(
                env_id=env.env_id,
                replayed=0,
                diverged=0,
                mean_error=0.0,
                mean_return_gap=0.0,
                mean_relative_gap=0.0,
                skipped_reason=(f"{env.env_id} has no reset-to-state: {env.reset_to_state.reason}"),
            )
        self.prepare_line(env)
        return self.summarize_replays(env.env_id, self.replay_records(paths, env, indices))

    def replay_records(
        self,
        paths: PhantomPaths,
        env: PlasmaEnv,
        indices: Sequence[int],
        *,
        numbers: Sequence[int] | None = None,
        units: tuple[np.ndarray, float | None, float] | None = None,
    ) -> list[ReplayRecord]:
        """One record per replayed path (blocking; ``env`` must support reset-to-state). Each
        replay starts from ``set_state``, so records do not depend on each other and the paths can
        be replayed in any grouping (the distributed backend replays shards of them on workers);
        ``numbers`` are the path numbers the records carry (default: ``indices``); ``units``
        (``replay_units`` of the whole sample) keep shards on the units of the whole batch."""
        assert paths.lengths is not None
        if units is None:
            units = self.replay_units(paths, indices)
        unit, reward_unit, limit = units
        cfg = self.config.review
        cal = self.calibration
        by_allowance = cal is not None and cal.local is not None and limit == 1.0
        joint = self._joint_line(unit, reward_unit) if by_allowance else None
        records = []
        numbers = list(indices) if numbers is None else list(numbers)
        for p, number in zip(indices, numbers, strict=True):
            length = int(paths.lengths[p])
            errors = np.zeros(length)
            misses = np.zeros((length, paths.state_dim + 1))
            imagined = _finite(paths.rewards[p, :length].astype(np.float64))
            anchored = np.zeros(length)
            ended: int | None = None
            finite = np.isfinite(paths.states[p, : length + 1]).all(axis=1)
            for t in range(length):
                if not finite[t]:
                    # No real state has these numbers (a model that diverged): the path is
                    # wrong from here on, and nothing can be replayed from it.
                    errors[t:], misses[t:] = _UNSTABLE_MISS, _UNSTABLE_MISS
                    break
                env.set_state(paths.states[p, t])
                try:
                    obs, reward, terminated, *_ = env.step(paths.actions[p, t])
                except EnvError:
                    # The real env cannot go on from this state (its physics diverged to
                    # NaN): the imagined state is one reality does not follow.
                    errors[t:], misses[t:] = _UNSTABLE_MISS, _UNSTABLE_MISS
                    break
                if terminated and t < length - 1 and ended is None:
                    # The real episode ends here but the path goes on: a dynamics error too.
                    ended = t
                misses[t], errors[t] = _step_error(
                    obs, reward, paths.states[p, t + 1], imagined[t], unit, reward_unit
                )
                anchored[t] = reward
            # Open loop: the same actions from the same start state.
            real_return, terminated_at, departure = 0.0, None, None
            if finite[0]:
                env.set_state(paths.states[p, 0])
            else:
                departure = 0
            for t in range(length if finite[0] else 0):
                try:
                    obs, reward, terminated, truncated, _ = env.step(paths.actions[p, t])
                except EnvError:
                    departure = t if departure is None else departure
                    break
                real_return += reward
                if departure is None:
                    _, error = _step_error(
                        obs, reward, paths.states[p, t + 1], imagined[t], unit, reward_unit
                    )
                    if error > limit or (terminated and t < length - 1):
                        departure = t
                if terminated or truncated:
                    terminated_at = t if terminated else None
                    break
            gap = float(imagined.sum() - anchored.sum())
            scale = _scale(anchored, self.calibration, 1.0) * length
            if by_allowance and reward_unit is not None and cfg.return_gap_tolerance > 0:
                # In allowances, a gap within the path's summed reward allowance is a sum of
                # step errors each within what matters (the line of "correct"): no finding.
                scale = max(scale, length * reward_unit * limit / cfg.return_gap_tolerance)
            over = np.flatnonzero(errors > limit)
            first = int(over[0]) if over.size else None
            if first is None and joint is not None and length:
                # No outcome alone passes its bound, but several may each pass their line by
                # less: the path is wrong unless every line lies above its largest error.
                line, spread, level = joint
                if _joint_doubt(misses.max(axis=0), line, spread) < level:
                    first = int(np.flatnonzero((misses > line).any(axis=1))[0])
            if ended is not None and (first is None or ended < first):
                first = ended
            records.append(
                ReplayRecord(
                    path=int(number),
                    steps=length,
                    unit="std" if reward_unit is None else "tolerance",
                    limit=float(limit),
                    max_error=float(errors.max()) if length else 0.0,
                    mean_error=float(errors.mean()) if length else 0.0,
                    first_divergence=first,
                    real_ended_at=ended,
                    imagined_return=float(imagined.sum()),
                    real_return=float(real_return),
                    return_gap=gap,
                    relative_gap=gap / scale,
                    real_terminated_at=terminated_at,
                    open_loop_departure=departure,
                )
            )
        return records

    def _joint_line(
        self, unit: np.ndarray, reward_unit: float | None
    ) -> tuple[np.ndarray, np.ndarray, float] | None:
        """Per outcome (state variables, then the reward), the line of "correct" of a replay in
        own units (the allowance plus the paths' sampling noise), the standard error of its
        estimate (``allowance_bound`` - ``allowance`` over the index's ``line_confidence``:
        ``local_allowance_confidence``, or the one ``local_false_alarm`` sets), and
        the level one outcome at its bound has (``Phi(-confidence)``): a path is wrong when the
        lines of all its outcomes together are that unlikely to lie above its errors (see
        ``_joint_doubt``). None without a reward unit or a confidence."""
        cal = self.calibration
        assert cal is not None
        assert cal.local is not None
        z = float(cal.local.line_confidence)
        if reward_unit is None or z <= 0:
            return None
        allowance, bound = self.line()
        width = bound - allowance
        units = np.append(np.asarray(unit, np.float64), reward_unit)
        if units.shape != width.shape:
            return None
        level = 0.5 * math.erfc(z / math.sqrt(2.0))
        return units - width, width / z, level

    def summarize_replays(self, env_id: str, records: Sequence[ReplayRecord]) -> ReplaySummary:
        """The summary of replay records (in path order)."""
        cfg = self.config.review
        records = list(records)
        diverged = sum(
            1
            for r in records
            if r.first_divergence is not None or r.relative_gap > cfg.return_gap_tolerance
        )
        return ReplaySummary(
            env_id=env_id,
            replayed=len(records),
            diverged=diverged,
            mean_error=float(np.mean([r.mean_error for r in records])) if records else 0.0,
            mean_return_gap=float(np.mean([r.return_gap for r in records])) if records else 0.0,
            mean_relative_gap=float(np.mean([r.relative_gap for r in records])) if records else 0.0,
            records=records,
        )

    def replay_findings(self, summary: ReplaySummary) -> list[Finding]:
        """Findings of replays that diverged (severity high: reality disagrees with the model)."""
        cfg = self.config.review
        out = []
        for r in summary.records:
            if r.first_divergence is not None:
                out.append(
                    Finding(
                        detector="replay_error",
                        source="replay",
                        path=r.path,
                        step=r.first_divergence,
                        severity="high",
                        message=(
                            f"the real env disagrees with the model from step {r.first_divergence}"
                            f": one-step error up to {r.max_error:.2f} {r.unit} (limit "
                            f"{r.limit:g})"
                            + (
                                f"; the real episode ends at step {r.real_ended_at} where the "
                                "path goes on"
                                if r.real_ended_at is not None
                                else ""
                            )
                        ),
                        evidence=r.model_dump(),
                    )
                )
            if r.relative_gap > cfg.return_gap_tolerance:
                out.append(
                    Finding(
                        detector="return_gap",
                        source="replay",
                        path=r.path,
                        step=-1,
                        severity="high",
                        message=(
                            f"the model pays {r.return_gap:.3g} more reward along the path than "
                            f"the real env does ({r.relative_gap:.0%} of the return scale; "
                            f"tolerance {cfg.return_gap_tolerance:.0%})"
                        ),
                        evidence=r.model_dump(),
                    )
                )
        return out

    # ----------------------------------------------------------------------------- red team
    def red_team(
        self, model: Any, env: PlasmaEnv, starts: np.ndarray, reference: Any = None
    ) -> RedTeamSummary:
        """Plan against ``model`` with no uncertainty penalty from ``starts``, execute the plans
        open loop in ``env`` from the same states and replay them step by step (blocking). The
        return counted against the model is only what a plan loses *after its first wrong step*
        (its next state or reward beyond the replay limit, or the real episode ending where the
        plan goes on), re-simulated from the real state the open-loop execution reached there:
        the plan's remaining actions executed in reality from that state, against the model's
        mean prediction of the same actions from the same state (``_tail_losses``). A plan
        with no wrong step, or whose open-loop execution ends before it, loses nothing: the
        compounding of errors within the limit (a pole balanced blind falls) is no exploit, and
        restarting the model from the real state removes what compounded before. With
        ``reference`` (a model the auditor trusts), the same probe runs against it too, and the
        model is exploitable when it loses more than ``exploitability_tolerance`` beyond what
        the reference loses."""
        cfg = self.config.review
        horizon = cfg.red_team_horizon
        self.prepare_line(env)
        imagined, real, lost, shown = self._probe(model, env, starts)
        unconfirmed = float(np.mean(imagined - real))
        exploitability = self._exploitability(imagined, real, lost, horizon)
        baseline: float | None = None
        if reference is not None:
            ref_imagined, ref_real, ref_lost, _ = self._probe(reference, env, starts)
            baseline = self._exploitability(ref_imagined, ref_real, ref_lost, horizon)
        excess = exploitability - (baseline or 0.0)
        return RedTeamSummary(
            paths=len(starts),
            horizon=horizon,
            imagined_return=float(imagined.mean()),
            real_return=float(real.mean()),
            unconfirmed_return=unconfirmed,
            shown_wrong=int(shown.sum()),
            exploitability=exploitability,
            reference_exploitability=baseline,
            exploitable=excess > cfg.exploitability_tolerance,
        )

    def _exploitability(
        self, imagined: np.ndarray, real: np.ndarray, lost: np.ndarray, horizon: int
    ) -> float:
        """The return the plans lose after their first wrong step (``lost``, per plan), per
        plan (``red_team_aggregate``: their mean, or the worst plan's), as a share of the larger
        of the promised and the paid return (a share of the promise where rewards are positive,
        of the real cost where they are negative)."""
        if not len(lost):
            return 0.0
        worst = self.config.review.red_team_aggregate == "worst"
        loss = max(float(np.max(lost) if worst else np.mean(lost)), 0.0)
        scale = max(_scale(real, self.calibration, float(horizon)), float(np.abs(imagined).mean()))
        return loss / scale

    def _probe(
        self, model: Any, env: PlasmaEnv, starts: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """The imagined and the open-loop real returns of the probe's plans for ``model``, the
        return each loses after its first wrong step (``_tail_losses``), and which plans their
        step-by-step replay shows wrong before the open-loop execution leaves them
        (``_shown_wrong``, reported)."""
        from plasma.simulator.generator import GeneratorConfig, PlannerConfig

        cfg = self.config.review
        horizon = cfg.red_team_horizon
        core = model.to_core() if hasattr(model, "to_core") else model
        planner = PlannerConfig(
            uncertainty_penalty=0.0,
            population=cfg.red_team_population,
            horizon=min(15, horizon),
        )
        gen = _env_generator(
            core,
            env,
            GeneratorConfig(
                mode="planner",
                planner=planner,
                action_noise_std=0.0,
                num_threads=self.config.num_threads,
            ),
        )
        starts = np.ascontiguousarray(starts, dtype=np.float32)
        probe = gen.generate(starts, horizon, seed=cfg.seed)
        # The plans are executed open loop in reality (each record's real return: the path's
        # actions from its real start state; replanning from real states would correct the very
        # model errors the probe is meant to expose) and replayed step by step, which finds each
        # plan's first wrong step.
        records = self.replay_records(probe, env, range(len(starts)))
        real = np.array([r.real_return for r in records])
        shown = np.array([_shown_wrong(r) for r in records], dtype=bool)
        follow = _env_generator(
            core,
            env,
            GeneratorConfig(
                mode="actions",
                action_noise_std=0.0,
                deterministic=True,
                compute_uncertainty=False,
                num_threads=self.config.num_threads,
            ),
        )
        lost = self._tail_losses(probe, records, env, follow)
        return probe.returns(), real, lost, shown

    def _tail_losses(
        self, probe: PhantomPaths, records: Sequence[ReplayRecord], env: PlasmaEnv, follow: Any
    ) -> np.ndarray:
        """Per probe plan: what the model promises for the plan's actions from its first wrong
        step ``k`` on, started from the real state the open-loop execution reached at ``k``
        (``follow``: the model in "actions" mode, mean predictions), minus what reality pays
        for the same actions from the same state. 0 for a plan with no wrong step or whose
        open-loop execution ends before ``k``."""
        assert probe.lengths is not None
        lost = np.zeros(len(records))
        cfg = self.config.review
        for i, record in enumerate(records):
            k, length = record.first_divergence, int(probe.lengths[i])
            if k is None or k >= length:
                continue
            env.set_state(probe.states[i, 0])
            obs, alive = probe.states[i, 0], True
            for t in range(k):
                obs, _r, terminated, truncated, _ = env.step(probe.actions[i, t])
                if terminated or truncated:
                    alive = False
                    break
            if not alive:
                continue
            point = np.asarray(obs, np.float32).copy()
            paid = 0.0
            for t in range(k, length):
                _o, reward, terminated, truncated, _ = env.step(probe.actions[i, t])
                paid += float(reward)
                if terminated or truncated:
                    break
            tail = np.ascontiguousarray(probe.actions[i : i + 1, k:length], dtype=np.float32)
            promised = follow.generate(
                point[None], length - k, seed=cfg.seed, mode="actions", actions=tail
            ).returns()
            lost[i] = float(promised[0]) - paid
        return lost

    # ----------------------------------------------------------------------------- verdicts
    def decide(
        self,
        num_items: int,
        findings: Sequence[Finding],
        *,
        lengths: np.ndarray | None = None,
        red_team: RedTeamSummary | None = None,
        max_rejected: float | None = None,
        ids: Sequence[str] | None = None,
        truncate: bool | None = None,
    ) -> Verdict:
        """Per-item verdicts and the overall verdict, with reasons.

        An item is rejected when it has a finding at or above ``reject_severity``. With
        truncation on (and ``lengths`` given), a rejected path whose first rejecting finding
        comes at step ``k >= min_truncated_length`` keeps its first ``k`` steps and is approved
        (``truncated_to = k``); with truncation off, only when every rejecting finding marks
        the step where the path stops being right (evidence ``truncate_at``:
        ``manifold_drift``). A path of length 0 is rejected: nothing of it was reviewed. The
        batch is rejected when more than ``max_rejected`` of its
        items are, when none is approved, or when the red-team probe finds the model exploitable.
        """
        cfg = self.config.review
        threshold = self.config.reject_severity
        truncate = cfg.truncate if truncate is None else truncate
        max_rejected = cfg.max_rejected_fraction if max_rejected is None else max_rejected
        per_item: list[list[Finding]] = [[] for _ in range(num_items)]
        batch_level = []
        for f in findings:
            if 0 <= f.path < num_items:
                per_item[f.path].append(f)
            else:
                batch_level.append(f)
        verdicts, approved = [], []
        for i, fs in enumerate(per_item):
            reasons: list[str]
            rejecting = [f for f in fs if severity_at_least(f.severity, threshold)]
            critical = [f.step for f in fs if f.severity == "critical" and f.step >= 0]
            first_critical = min(critical) if critical else None
            reasons = [
                f"{f.severity}: {f.message}"
                for f in sorted(rejecting, key=lambda f: -SEVERITY_RANK[f.severity])
            ]
            status: Literal["APPROVED", "REJECTED"] = "REJECTED" if rejecting else "APPROVED"
            truncated_to: int | None = None
            steps = [f.step for f in rejecting]
            cut = min(steps) if steps and all(s >= 0 for s in steps) else -1
            # Findings that only say where the path stops being right (``truncate_at``: a
            # state drifted off the real states' manifold) cut the path even with truncation
            # off, when no other finding rejects it: the steps before the cut are flagged by
            # nothing. A path another detector rejects anywhere stays rejected (its prefix is
            # suspect too: the model is wrong somewhere along it).
            cuts = all(f.evidence.get("truncate_at") == f.step for f in rejecting)
            if (
                rejecting
                and (truncate or cuts)
                and lengths is not None
                and cfg.min_truncated_length <= cut < int(lengths[i])
            ):
                status, truncated_to = "APPROVED", cut
                reasons.insert(0, f"truncated to its first {cut} steps (safe prefix)")
            if lengths is not None and int(lengths[i]) <= 0:
                # a path of no steps had nothing reviewed: nothing vouches for it
                status, truncated_to = "REJECTED", None
                reasons.insert(0, "the path has no steps (length 0): nothing to review")
            verdicts.append(
                PathVerdict(
                    index=i,
                    status=status,
                    reasons=reasons,
                    worst_severity=max_severity([f.severity for f in fs]),
                    first_critical_step=first_critical,
                    truncated_to=truncated_to,
                    trajectory_id=None if ids is None else ids[i],
                )
            )
            approved.append(status == "APPROVED")
        rejected = num_items - sum(approved)
        reasons = []
        if num_items == 0:
            reasons.append("nothing to audit")
        elif rejected / num_items > max_rejected:
            reasons.append(
                f"{rejected} of {num_items} items rejected ({rejected / num_items:.0%} > "
                f"{max_rejected:.0%} allowed)"
            )
        elif not any(approved):
            reasons.append("no item approved")
        if red_team is not None and red_team.exploitable:
            reasons.append(
                f"red-team probe: the model is exploitable (its plans lose "
                f"{red_team.exploitability:.0%} of their return in the real env, "
                f"{red_team.shown_wrong} of {red_team.paths} shown wrong step by step; "
                f"tolerance {cfg.exploitability_tolerance:.0%})"
            )
        for f in batch_level:
            if severity_at_least(f.severity, threshold):
                reasons.append(f"{f.severity}: {f.message}")
        overall: Literal["APPROVED", "REJECTED"] = "REJECTED" if reasons else "APPROVED"
        if overall == "APPROVED" and rejected:
            reasons.append(f"{rejected} of {num_items} items rejected (within the allowed share)")
        return Verdict(verdicts, approved, overall, reasons)


def _env_generator(core: Any, env: PlasmaEnv, config: GeneratorConfig) -> PhantomPathGenerator:
    """A generator of ``core``'s paths with ``env``'s action space (the simulator is imported
    only when a probe runs)."""
    from plasma.simulator.generator import PhantomPathGenerator

    return PhantomPathGenerator(
        core,
        action_low=env.action_low,
        action_high=env.action_high,
        discrete_actions=env.n_actions,
        config=config,
    )
