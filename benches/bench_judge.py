"""Judging the judge: do ``keep_best``'s keep-or-roll-back calls pick the policy that is better
in the real env? Reads finished ``plasma-train`` run directories and nothing else.

    python -m benches.bench_judge RUN_DIR [RUN_DIR ...] --real-episodes 30 --out benches/results

For every iteration that deployed something new (a retrained policy or a LoRA packet) while a
policy was deployed, the bench rebuilds the two policies the loop compared, as the loop loads
them (:mod:`plasma.train.loop`):

* the **candidate**: a "full" iteration's ``iterations/NNNN/policy`` (kept on disk, and
  checksummed, even when the loop rolled it back), else the incumbent's base policy directory
  with the iteration's packet ``packets/<row packet>`` (LoRA adapters train on the bare base);
* the **incumbent**: the deployment committed before the iteration, the previous row's
  ``policy_dir`` plus its ``active_packet``;
* **what the loop deployed**: the row's ``rolled_back_to`` (a rollback keeps the incumbent); the
  row's own ``policy_dir`` / ``active_packet`` must then name the same deployment (checked).

The truth is ``--real-episodes`` real episodes of each (the same reset seeds for every policy of
a run, full episodes up to the env's time limit): the paired real return difference. The judges:

* ``loop``: the decision the run recorded;
* ``imagined_10`` / ``imagined_50``: stop 40's rule for imagined evaluations
  (:class:`DoubtingRule`: a new policy rolled back only when surely worse, up to four batches,
  seeded as stop 40's loop seeded them, five starts apart), imagined episodes in the iteration's
  world model from 10 or 50 real reset states per batch;
* ``imagined_10_mean`` / ``imagined_50_mean``: the first batch's imagined means compared (a tie
  keeps the new one), no further batches: since this bench, the loop's rule for imagined
  evaluations (:meth:`plasma.train.deploy.KeepBest.for_evaluations`) at 50 starts;
* ``members_min`` / ``members_lcb`` / ``members_ucb`` / ``agree``: the ensemble as an ensemble,
  from the same 50-start imagined episodes as ``imagined_50_mean`` (each member's mean return
  over the starts, per policy; see :func:`member_calls`): the lowest member's mean compared; the
  new one kept only when the members' paired differences are above zero by one standard error
  over members, or (``members_ucb``) rolled back only when below zero by one; the new one kept
  only when most members prefer it;
* ``real_5``: ``KeepBest`` with the plain rule on real episodes (``eval_episodes`` per batch, the
  loop's default before evaluation moved into the model);
* ``counted_1_full`` / ``counted_1`` / ``counted_2``: real episodes that would count in the budget
  (``COUNTED``): one or two paired real episodes of each policy, full or cut at a share of the
  iteration's collection, an exact tie going to ``imagined_50_mean``;
* ``replay`` (a check, not a judge): the rule and evaluation of the loop the bench runs with,
  run again; on a run made by the same code it must reproduce the recorded decision and the
  recorded returns (runs of stop 40's loop replay with :class:`DoubtingRule` and its seeding
  instead: ``--replay-rule doubting``).

A call is right when it keeps the policy whose real return is higher. "Agreeing" counts the
decisions whose real difference is clear (over 2% of the two returns' mean magnitude, as the
stop-40 script counted); "points lost" sums, over every decision, the real return the call gave
up. Spearman correlates each policy's imagined return (first batch, in the model of the iteration
that compared it) with its real return, per run and pooled per env.

Writes ``OUT/judge.json`` and ``OUT/judge.md``. Set ``OMP_NUM_THREADS=1`` on a shared machine.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import json
import math
import platform
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from plasma.distiller import LoRAInjector, Policy
from plasma.envs import PlasmaEnv, Transitions, make_env
from plasma.simulator import WorldModel
from plasma.train.config import TrainConfig
from plasma.train.deploy import Challenge, KeepBest
from plasma.train.evaluate import (
    DataSupport,
    EvalResult,
    evaluate,
    evaluate_in_model,
    policy_actor,
)
from plasma.train.loop import IMAGINED_STARTS_PER_EPISODE
from plasma.train.rundir import RunDir, RunState

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benches" / "results"

TRUTH_SEED = 10_000_000
"""Reset seed of the first truth episode (episode k: TRUTH_SEED + k), far from the loop's."""
EVAL_SEED_OFFSET = 3
"""An iteration seeded s runs its evaluation episodes from reset seed s + 3 (``_run_episodes``)."""
CLEAR_SHARE = 0.02
"""A real difference is clear above this share of the two real returns' mean magnitude."""
COUNTED = {"counted_1_full": (1, None), "counted_1": (1, 4), "counted_2": (2, 8)}
"""Counted real evaluation, as judges: ``(episodes, share)``: each policy runs that many real
episodes (the same reset seeds for both, the loop's first evaluation seeds), each cut at the
iteration's collection share divided by ``share`` (None: full episodes), so that both policies'
episodes together take at most half the share; the paired mean difference decides, an exact tie
(both survived the cut, or both sat at the same floor) goes to ``imagined_50_mean``."""
MEMBER_STARTS = 50
"""Starts of the imagined episodes the member-aware judges read (``imagined_50_mean``'s)."""
JUDGES = (
    "loop",
    "imagined_10",
    "imagined_50",
    "imagined_10_mean",
    "imagined_50_mean",
    "members_min",
    "members_lcb",
    "members_ucb",
    "agree",
    "real_5",
    *COUNTED,
)


Episodes = Callable[[Sequence[int]], list[float]]
"""Returns of a policy's episodes reset with the given seeds."""


class DoubtingRule(KeepBest):
    """Stop 40's rule for imagined evaluations: a new deployment rolled back only when surely
    worse (the paired differences' mean below zero by ``confidence`` standard errors, or all the
    same and negative), up to ``batches`` batches. Replaced by
    :meth:`~plasma.train.deploy.KeepBest.for_evaluations` after this bench measured it."""

    def keeps_new(self, differences: np.ndarray) -> bool:
        return not (float(differences.mean()) < 0 and self.settled(differences))


class RunDirError(Exception):
    """A run directory lacks what the bench needs (said, not guessed around)."""


@dataclass(frozen=True)
class Spec:
    """A deployment as the loop names it: a policy directory and, optionally, a packet on it
    (paths relative to the run directory)."""

    policy_dir: str
    packet: str | None = None

    @property
    def name(self) -> str:
        return self.packet or self.policy_dir


@dataclass
class Decision:
    """One keep-or-roll-back decision of a run."""

    iteration: int
    seed: int
    mode: str
    candidate: Spec
    incumbent: Spec
    kept_new: bool
    """What the loop recorded: the candidate stayed deployed (no ``rolled_back_to``)."""
    compared: bool
    """The loop compared the two (``incumbent_return`` recorded); otherwise it kept the new one
    uncompared (``keep_best`` off)."""
    row: dict[str, Any]
    last_row: dict[str, Any] | None


@dataclass
class Run:
    """A finished run directory, read."""

    path: Path
    run: RunDir
    state: RunState
    config: TrainConfig
    rows: list[dict[str, Any]]
    decisions: list[Decision] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"{self.config.env} s{self.config.seed}"


def run_dirs(paths: Sequence[str]) -> list[Path]:
    """The run directories named (a run directory, or a folder whose ``runs/*`` hold them)."""
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if (path / "state.json").is_file():
            out.append(path)
            continue
        found = sorted(p for p in path.glob("runs/*") if (p / "state.json").is_file())
        if not found:
            raise RunDirError(f"{path}: no state.json here nor in runs/*: not a run directory")
        out.extend(found)
    return out


def _deployed(row: dict[str, Any]) -> Spec:
    if not row.get("policy_dir"):
        raise RunDirError(f"iteration {row.get('iteration')}: the row names no deployed policy")
    return Spec(str(row["policy_dir"]), row.get("active_packet"))


def read_run(path: Path) -> Run:
    """The run's decisions, rebuilt from its rows and files as the loop made them.

    Raises:
        RunDirError: the run is unfinished, adapts a base run, or lacks a file the loop would
            have written (a candidate policy or packet).
    """
    run = RunDir(path)
    state = run.read_state()
    config = TrainConfig.model_validate(run.read_config_dict())
    rows = sorted(run.read_metrics(), key=lambda r: int(r["iteration"]))
    if not state.finished:
        raise RunDirError(f"{path}: the run has not finished (state.json: finished false)")
    if config.base_run is not None:
        raise RunDirError(
            f"{path}: an adaptation run (--base): its first incumbent is another run's policy; "
            "not supported"
        )
    if [int(r["iteration"]) for r in rows] != list(range(state.completed_iterations)):
        raise RunDirError(f"{path}: metrics.jsonl does not hold one row per completed iteration")
    out = Run(path, run, state, config, rows)
    before: Spec | None = None
    last_row: dict[str, Any] | None = None
    for row in rows:
        index = int(row["iteration"])
        mode = str(row.get("distill_mode"))
        own = run.iteration_dir(index) / "policy"
        saved = (own / "policy.json").is_file()
        packet = f"packets/{row['packet']}" if row.get("packet") else None
        if mode == "full" and not saved:
            raise RunDirError(
                f"{path}: iteration {index} distilled a full policy but {own} is missing"
            )
        if packet is not None and not (run.path / packet).is_dir():
            raise RunDirError(f"{path}: iteration {index}'s packet {packet} is missing")
        candidate: Spec | None = None
        if saved:
            candidate = Spec(str(own.relative_to(run.path)), packet)
        elif packet is not None:
            if before is None:
                raise RunDirError(f"{path}: iteration {index} has a packet but no base policy")
            candidate = Spec(before.policy_dir, packet)
        deployed = _deployed(row)
        rolled_back = row.get("rolled_back_to") is not None
        if candidate is None:  # nothing new: the incumbent acted again
            if before is not None and deployed != before:
                raise RunDirError(f"{path}: iteration {index} deployed nothing new but changed")
        elif before is not None:
            expected = before if rolled_back else candidate
            if deployed != expected:
                raise RunDirError(
                    f"{path}: iteration {index}: the row deploys {deployed.name}, but the loop's "
                    f"rule gives {expected.name} (candidate {candidate.name}, incumbent "
                    f"{before.name}, rolled back: {rolled_back})"
                )
            out.decisions.append(
                Decision(
                    index,
                    int(row["seed"]),
                    mode,
                    candidate,
                    before,
                    kept_new=not rolled_back,
                    compared=row.get("incumbent_return") is not None,
                    row=row,
                    last_row=last_row,
                )
            )
        before, last_row = deployed, row
    return out


# ------------------------------------------------------------------------------- evaluation
class Evaluator:
    """Policies of a run, their real episodes and their imagined ones, each computed once."""

    def __init__(self, run: Run, real_episodes: int) -> None:
        self.run = run
        self.real_episodes = real_episodes
        cfg = run.config
        self.env: PlasmaEnv = make_env(
            cfg.env, cfg.variant or None, seed=cfg.seed, env_kwargs=cfg.env_kwargs
        )
        self._policies: dict[Spec, Policy] = {}
        self._real: dict[tuple[Spec, int, int | None], float] = {}
        self._imagined: dict[tuple[Spec, int], dict[int, float]] = {}
        self._members: dict[tuple[Spec, int], dict[int, list[float]]] = {}
        self._models: dict[int, WorldModel] = {}
        self._supports: dict[int, DataSupport] = {}
        self.real_steps = 0
        self.seconds = {"real": 0.0, "imagined": 0.0}

    def close(self) -> None:
        self.env.close()

    def policy(self, spec: Spec) -> Policy:
        """The deployment, loaded as the loop loads it (files checked against the run's
        checksums; the packet's base fingerprint checked by the injector)."""
        if spec not in self._policies:
            run, state = self.run.run, self.run.state
            policy = Policy.load(run.verified(state, spec.policy_dir))
            if spec.packet is not None:
                LoRAInjector(policy).inject(run.verified(state, spec.packet))
            self._policies[spec] = policy
        return self._policies[spec]

    def real(self, spec: Spec, seeds: Sequence[int], max_steps: int | None) -> list[float]:
        """Real returns of episodes reset with ``seeds``."""
        out = []
        for seed in seeds:
            key = (spec, seed, max_steps)
            if key not in self._real:
                t0 = time.perf_counter()
                result = evaluate(
                    self.env, policy_actor(self.policy(spec)), 1, seed=seed, max_steps=max_steps
                )
                self.real_steps += result.steps
                self.seconds["real"] += time.perf_counter() - t0
                self._real[key] = result.returns[0]
            out.append(self._real[key])
        return out

    def real_of(self, spec: Spec) -> Episodes:
        """``spec``'s real episodes as the loop's real evaluation runs them."""
        return lambda seeds: self.real(spec, seeds, self.run.config.eval_max_steps)

    def imagined_of(self, spec: Spec, iteration: int) -> Episodes:
        """``spec``'s imagined episodes in iteration ``iteration``'s model."""
        return lambda seeds: self.imagined(spec, iteration, seeds)

    def truth(self, spec: Spec) -> list[float]:
        return self.real(spec, range(TRUTH_SEED, TRUTH_SEED + self.real_episodes), None)

    def model(self, iteration: int) -> WorldModel:
        if iteration not in self._models:
            self._models.clear()  # one iteration at a time
            file = self.run.run.committed(self.run.state, iteration, "world_model.safetensors")
            if file is None:
                raise RunDirError(f"{self.run.path}: iteration {iteration} has no world model")
            self._models[iteration] = WorldModel.load(file)
        return self._models[iteration]

    def support(self, iteration: int) -> DataSupport:
        """The support of the real data iteration ``iteration``'s model was fitted on (its own
        collection and every earlier one), as the loop judges imagined paths by it."""
        if iteration not in self._supports:
            parts = []
            for it in range(iteration + 1):
                file = self.run.run.committed(self.run.state, it, "real.npz")
                if file is None:
                    raise RunDirError(f"{self.run.path}: iteration {it} has no real.npz")
                parts.append(Transitions.load(file))
            data = functools.reduce(Transitions.concat, parts)
            model = self.model(iteration)
            self._supports = {iteration: DataSupport.of(data, model.obs_low, model.obs_high)}
        return self._supports[iteration]

    def imagined(self, spec: Spec, iteration: int, seeds: Sequence[int]) -> list[float]:
        """Imagined returns (each the ensemble members' mean) from the reset states of
        ``seeds``, in iteration ``iteration``'s model, up to the loop's ``eval_max_steps``,
        judged by the support of its data."""
        cache = self._imagined.setdefault((spec, iteration), {})
        members = self._members.setdefault((spec, iteration), {})
        missing = sorted({s for s in seeds if s not in cache})
        if missing:
            t0 = time.perf_counter()
            for first, count in _runs_of(missing):
                result = evaluate_in_model(
                    self.model(iteration),
                    self.env,
                    self.policy(spec),
                    count,
                    seed=first,
                    max_steps=self.run.config.eval_max_steps,
                    support=self.support(iteration),
                    per_member=True,
                )
                seeds_run = range(first, first + count)
                cache.update(zip(seeds_run, result.returns, strict=True))
                by_seed = np.asarray(result.member_returns, dtype=np.float64).T
                members.update(zip(seeds_run, by_seed.tolist(), strict=True))
            self.seconds["imagined"] += time.perf_counter() - t0
        return [cache[s] for s in seeds]

    def imagined_members(self, spec: Spec, iteration: int, seeds: Sequence[int]) -> np.ndarray:
        """Each ensemble member's mean imagined return over the episodes reset with ``seeds``
        (``[members]``), from the episodes :meth:`imagined` runs."""
        self.imagined(spec, iteration, seeds)
        members = self._members[(spec, iteration)]
        return np.asarray([members[s] for s in seeds], dtype=np.float64).mean(axis=0)


def member_calls(new: np.ndarray, old: np.ndarray) -> dict[str, bool]:
    """The member-aware judges' calls (True: keep the new one) from each member's mean imagined
    return of the new and the old policy over the same starts (``[members]`` each).

    * ``members_min``: the lowest member's mean of each compared, a tie keeping the new one (as
      the imagined mean's tie does);
    * ``members_lcb``: the members' paired differences new - old, their mean less one standard
      error over members above zero (the new one surely better, else the old one stays);
    * ``members_ucb``: the same rolled back only when the mean plus one standard error is below
      zero (the old one surely better, else the new one goes on): the doubt the other way;
    * ``agree``: more than half the members' differences above zero.
    """
    diffs = np.asarray(new, np.float64) - np.asarray(old, np.float64)
    mean = float(diffs.mean())
    se = float(diffs.std(ddof=1) / math.sqrt(len(diffs))) if len(diffs) > 1 else 0.0
    return {
        "members_min": bool(new.min() >= old.min()),
        "members_lcb": mean - se > 0,
        "members_ucb": mean + se >= 0,
        "agree": int((diffs > 0).sum()) * 2 > len(diffs),
    }


def _runs_of(seeds: Sequence[int]) -> list[tuple[int, int]]:
    """Sorted distinct ``seeds`` as (first, count) runs of consecutive ones."""
    out: list[tuple[int, int]] = []
    for s in seeds:
        if out and out[-1][0] + out[-1][1] == s:
            out[-1] = (out[-1][0], out[-1][1] + 1)
        else:
            out.append((s, 1))
    return out


def _result(returns: Sequence[float], steps: int = 0) -> EvalResult:
    arr = np.asarray(returns, dtype=np.float64)
    return EvalResult(
        episodes=len(arr), mean_return=float(arr.mean()), std_return=float(arr.std()),
        mean_length=0.0, returns=[float(r) for r in arr], lengths=[0] * len(arr),
        terminated_rate=0.0, steps=steps,
    )  # fmt: skip


@dataclass
class _Contender:
    """A policy a :class:`KeepBest` rule evaluates in batches: batch b's episodes reset with
    ``first + b * stride + k`` for k < ``count`` (the loop's seeding)."""

    episodes: Episodes
    first: int
    stride: int
    count: int
    name: str | None = None

    async def rerun(self, batch: int = 0) -> EvalResult:
        start = self.first + batch * self.stride
        return _result(self.episodes(range(start, start + self.count)))


def _rule_call(
    rule: KeepBest,
    make: Callable[[Spec], Episodes],
    decision: Decision,
    count: int,
    stride: int,
    last_row: dict[str, Any] | None,
) -> tuple[bool, dict[str, Any]]:
    """Whether ``rule`` keeps the candidate, with the episodes ``make(spec)`` runs."""
    first = decision.seed + EVAL_SEED_OFFSET
    new = _Contender(make(decision.candidate), first, stride, count)
    old = _Contender(make(decision.incumbent), first, stride, count, decision.incumbent.name)
    result = asyncio.run(new.rerun(0))
    challenge = Challenge(result, True, last_row, old, new)
    deployment = asyncio.run(rule(challenge))
    return not deployment.keep_incumbent, {
        "new": result.mean_return,
        "old": deployment.incumbent_return,
        "compared_episodes": deployment.compared_episodes,
    }


def judge_run(
    run: Run, real_episodes: int, loop_real: bool, replay_rule: str = "current"
) -> list[dict[str, Any]]:
    """Every decision of ``run``: the truth and each judge's call."""
    cfg = run.config
    ev = Evaluator(run, real_episodes)
    out: list[dict[str, Any]] = []
    episodes = max(cfg.eval_episodes, 1)
    try:
        for d in run.decisions:
            imagined = functools.partial(ev.imagined_of, iteration=d.iteration)
            real = ev.real_of
            new_truth, old_truth = ev.truth(d.candidate), ev.truth(d.incumbent)
            diffs = np.asarray(new_truth) - np.asarray(old_truth)
            rec: dict[str, Any] = {
                "run": str(run.path),
                "env": cfg.env,
                "seed": cfg.seed,
                "iteration": d.iteration,
                "mode": d.mode,
                "candidate": d.candidate.name,
                "incumbent": d.incumbent.name,
                "real_new": float(np.mean(new_truth)),
                "real_old": float(np.mean(old_truth)),
                "real_diff": float(diffs.mean()),
                "real_diff_se": float(diffs.std(ddof=1) / math.sqrt(len(diffs)))
                if len(diffs) > 1
                else None,
                "loop_compared": d.compared,
                "loop_new": d.row.get("eval_mean_return"),
                "loop_old": d.row.get("incumbent_return"),
                "loop_imagined": bool(d.row.get("eval_imagined")),
                "calls": {"loop": d.kept_new},
                "detail": {},
            }
            # the loop's own rule and evaluation again (must reproduce the record)
            loop_eval: Callable[[Spec], Episodes] = imagined if cfg.eval_in_model else real
            loop_count = IMAGINED_STARTS_PER_EPISODE * episodes if cfg.eval_in_model else episodes
            if replay_rule == "doubting" and cfg.eval_in_model:
                rule, stride = DoubtingRule(enabled=cfg.keep_best), episodes
            else:
                rule = KeepBest.for_evaluations(in_model=cfg.eval_in_model, enabled=cfg.keep_best)
                stride = loop_count
            kept, detail = _rule_call(rule, loop_eval, d, loop_count, stride, d.last_row)
            rec["replay"] = {"kept_new": kept, **detail}
            doubting = DoubtingRule()
            forced = {"deployed_return": 0.0, "deployed_episodes": 1}  # always compare
            for starts in (10, 50):
                kept, detail = _rule_call(doubting, imagined, d, starts, episodes, forced)
                rec["calls"][f"imagined_{starts}"] = kept
                rec["detail"][f"imagined_{starts}"] = detail
                first = d.seed + EVAL_SEED_OFFSET
                seeds = range(first, first + starts)
                new_im = float(np.mean(ev.imagined(d.candidate, d.iteration, seeds)))
                old_im = float(np.mean(ev.imagined(d.incumbent, d.iteration, seeds)))
                rec["calls"][f"imagined_{starts}_mean"] = new_im >= old_im
                rec[f"imagined_{starts}_new"], rec[f"imagined_{starts}_old"] = new_im, old_im
            first = d.seed + EVAL_SEED_OFFSET
            seeds = range(first, first + MEMBER_STARTS)
            new_m = ev.imagined_members(d.candidate, d.iteration, seeds)
            old_m = ev.imagined_members(d.incumbent, d.iteration, seeds)
            rec["calls"].update(member_calls(new_m, old_m))
            rec["members_new"], rec["members_old"] = new_m.tolist(), old_m.tolist()
            share = cfg.real_steps / max(len(run.rows), 1)
            first = d.seed + EVAL_SEED_OFFSET
            for judge, (count, part) in COUNTED.items():
                cut = None if part is None else max(1, round(share / part))
                seeds = range(first, first + count)
                new_re = ev.real(d.candidate, seeds, cut)
                old_re = ev.real(d.incumbent, seeds, cut)
                diff = float(np.mean(new_re) - np.mean(old_re))
                rec["calls"][judge] = rec["calls"]["imagined_50_mean"] if diff == 0 else diff > 0
                rec["detail"][judge] = {"new": new_re, "old": old_re, "cut": cut}
            rec["truth_new"], rec["truth_old"] = new_truth, old_truth
            if loop_real:
                plain = KeepBest()
                kept, detail = _rule_call(plain, real, d, episodes, episodes, forced)
                rec["calls"]["real_5"] = kept
                rec["detail"]["real_5"] = detail
            out.append(rec)
            print(_progress_line(rec), flush=True)
    finally:
        ev.close()
    run.notes.append(
        f"{run.label}: {ev.real_steps} real steps, {ev.seconds['real']:.0f} s real, "
        f"{ev.seconds['imagined']:.0f} s imagined"
    )
    return out


def _progress_line(rec: dict[str, Any]) -> str:
    calls = " ".join(f"{k}={'new' if v else 'old'}" for k, v in rec["calls"].items())
    return (
        f"{rec['env']} s{rec['seed']} it {rec['iteration']}: real {rec['real_new']:.1f} vs "
        f"{rec['real_old']:.1f}; {calls}"
    )


# ------------------------------------------------------------------------------- scoring
def clear(rec: dict[str, Any]) -> bool:
    """The real difference is beyond a tie (``CLEAR_SHARE`` of the returns' magnitude)."""
    scale = (abs(rec["real_new"]) + abs(rec["real_old"])) / 2
    return bool(abs(rec["real_diff"]) > max(CLEAR_SHARE * scale, 1e-9))


def replay_returns_match(rec: dict[str, Any]) -> bool:
    """The replayed evaluation gives the returns the loop recorded (to float precision)."""
    pairs = [(rec["replay"]["new"], rec["loop_new"]), (rec["replay"]["old"], rec["loop_old"])]
    return all(
        bool(a is None and b is None)
        or (a is not None and b is not None and abs(a - b) <= 1e-4 * max(1.0, abs(b)))
        for a, b in pairs
    )


def right(rec: dict[str, Any], judge: str) -> bool:
    return bool(rec["calls"][judge]) == bool(rec["real_diff"] > 0)


def lost(rec: dict[str, Any], judge: str) -> float:
    """Real return points the call gave up (0 when it kept the better one)."""
    diff = float(rec["real_diff"])
    return max(0.0, -diff) if rec["calls"][judge] else max(0.0, diff)


def spearman(x: Sequence[float], y: Sequence[float]) -> float | None:
    """Spearman's rank correlation (ties share their mean rank); None when undefined."""
    if len(x) < 3:
        return None
    rx, ry = _ranks(np.asarray(x, np.float64)), _ranks(np.asarray(y, np.float64))
    if rx.std() == 0 or ry.std() == 0:
        return None
    return float(np.corrcoef(rx, ry)[0, 1])


def _ranks(a: np.ndarray) -> np.ndarray:
    order = np.argsort(a, kind="stable")
    ranks = np.empty(len(a))
    ranks[order] = np.arange(len(a), dtype=np.float64)
    for value in np.unique(a):
        same = a == value
        ranks[same] = ranks[same].mean()
    return ranks


def _points(records: Sequence[dict[str, Any]], starts: int) -> tuple[list[float], list[float]]:
    """(imagined, real) returns of every policy compared, one point per policy and iteration."""
    im, re = [], []
    for r in records:
        im += [r[f"imagined_{starts}_new"], r[f"imagined_{starts}_old"]]
        re += [r["real_new"], r["real_old"]]
    return im, re


def summary(records: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Pooled scores of ``records`` per judge."""
    judges = [j for j in JUDGES if records and all(j in r["calls"] for r in records)]
    clear_ones = [r for r in records if clear(r)]
    out: dict[str, Any] = {
        "decisions": len(records),
        "clear": len(clear_ones),
        "sure": sum(
            1
            for r in records
            if r["real_diff_se"] is not None and abs(r["real_diff"]) > 2 * r["real_diff_se"]
        ),
        "replay_matches": sum(r["replay"]["kept_new"] == r["calls"]["loop"] for r in records),
        "replay_returns_match": sum(replay_returns_match(r) for r in records),
        "judges": {},
    }
    for j in judges:
        out["judges"][j] = {
            "agree": sum(right(r, j) for r in clear_ones),
            "of": len(clear_ones),
            "points_lost": sum(lost(r, j) for r in records),
            "kept_new": sum(bool(r["calls"][j]) for r in records),
        }
    for starts in (10, 50):
        out[f"spearman_{starts}"] = spearman(*_points(records, starts))
    return out


# ------------------------------------------------------------------------------- report
def _fmt(x: float | None, digits: int = 1) -> str:
    return "-" if x is None else f"{x:.{digits}f}"


def markdown(report: dict[str, Any]) -> str:
    recs = report["decisions"]
    lines = [
        "# Judging the judge: keep-or-roll-back calls against real returns",
        "",
        f"Made by `python -m benches.bench_judge` on {report['date']} ({report['machine']}). "
        f"Truth: {report['real_episodes']} real episodes of each policy, reset seeds "
        f"{TRUTH_SEED}+k, the same for both. A call is right when it keeps the policy with the "
        "higher real return; agreement counts the clear decisions (real difference over 2% of "
        "the returns' magnitude), points lost sum the real return the wrong calls gave up over "
        "every decision. Spearman: imagined (first batch, the comparing iteration's model) "
        "against real returns of every compared policy.",
        "",
        "## Pooled",
        "",
        "| runs | judge | agreeing (clear decisions) | points lost | kept new |",
        "|---|---|---|---|---|",
    ]
    for label, s in report["pooled"].items():
        for j, v in s["judges"].items():
            lines.append(
                f"| {label} | {j} | {v['agree']}/{v['of']} | {v['points_lost']:.1f} | "
                f"{v['kept_new']}/{s['decisions']} |"
            )
    lines += [
        "",
        "| runs | decisions | clear | sure (2 SE) | replay = record (call, returns) | "
        "Spearman 10 | Spearman 50 |",
        "|---|---|---|---|---|---|---|",
    ]
    for label, s in report["pooled"].items():
        lines.append(
            f"| {label} | {s['decisions']} | {s['clear']} | {s['sure']} | "
            f"{s['replay_matches']}, {s['replay_returns_match']} of {s['decisions']} | "
            f"{_fmt(s['spearman_10'], 2)} | {_fmt(s['spearman_50'], 2)} |"
        )
    lines += ["", "## Decisions", ""]
    judges = [j for j in JUDGES if recs and all(j in r["calls"] for r in recs)]
    lines.append(
        "| run | it | mode | real new | real old | diff ± SE | im50 new | im50 old | "
        + " | ".join(judges)
        + " |"
    )
    lines.append("|" + "---|" * (8 + len(judges)))
    for r in recs:
        marks = []
        for j in judges:
            call = "new" if r["calls"][j] else "old"
            mark = "" if not clear(r) else (" ✓" if right(r, j) else " ✗")
            marks.append(call + mark)
        lines.append(
            f"| {r['env']} s{r['seed']} {r.get('tag', '')} | {r['iteration']} | {r['mode']} | "
            f"{r['real_new']:.1f} | {r['real_old']:.1f} | {r['real_diff']:+.1f} ± "
            f"{_fmt(r['real_diff_se'])} | {r['imagined_50_new']:.1f} | "
            f"{r['imagined_50_old']:.1f} | " + " | ".join(marks) + " |"
        )
    if report["skipped"] or report["notes"]:
        lines += ["", "## Notes", ""]
        lines += [f"- skipped {s['run']}: {s['why']}" for s in report["skipped"]]
        lines += [f"- {n}" for n in report["notes"]]
    return "\n".join(lines) + "\n"


def write(
    out: Path,
    real_episodes: int,
    records: list[dict[str, Any]],
    skipped: list[dict[str, str]],
    notes: list[str],
    probes: dict[str, Any],
) -> None:
    """Write ``out/judge.json`` and ``out/judge.md`` (pooled over runs, per env, per run)."""
    by_env: dict[str, list[dict[str, Any]]] = {}
    for r in records:
        by_env.setdefault(r["env"], []).append(r)
    pooled = {"all": summary(records)}
    for env, recs in sorted(by_env.items()):
        pooled[env] = summary(recs)
        for key in sorted({(r.get("tag", ""), r["seed"]) for r in recs}):
            label = f"{env} s{key[1]}" + (f" [{key[0]}]" if key[0] else "")
            pooled[label] = summary([r for r in recs if (r.get("tag", ""), r["seed"]) == key])
    report: dict[str, Any] = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()} {platform.processor() or ''}".strip(),
        "real_episodes": real_episodes,
        "truth_seed": TRUTH_SEED,
        "pooled": pooled,
        "decisions": records,
        "skipped": skipped,
        "notes": notes,
    }
    if probes:
        report["probes"] = probes
    out.mkdir(parents=True, exist_ok=True)
    (out / "judge.json").write_text(json.dumps(report, indent=1) + "\n")
    (out / "judge.md").write_text(markdown(report))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("runs", nargs="*", help="run directories (or folders with runs/*)")
    parser.add_argument("--real-episodes", type=int, default=30)
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument(
        "--no-real-judge", action="store_true", help="leave out the real 5-episode judge"
    )
    parser.add_argument(
        "--probe-states",
        type=int,
        default=0,
        help="also record each rebuilt policy's actions at the first N real states of the run",
    )
    parser.add_argument(
        "--replay-rule",
        choices=("current", "doubting"),
        default="current",
        help="the rule the runs' loop used for imagined evaluations: this code's, or stop 40's",
    )
    parser.add_argument("--tag", default="", help="a name for these runs in the tables (a batch)")
    parser.add_argument(
        "--merge",
        nargs="*",
        type=Path,
        default=[],
        help="judge.json files of earlier runs of this bench: their decisions join these",
    )
    args = parser.parse_args(argv)
    if args.real_episodes < 2:
        parser.error("--real-episodes must be at least 2")
    records: list[dict[str, Any]] = []
    skipped: list[dict[str, str]] = []
    notes: list[str] = []
    probes: dict[str, Any] = {}
    for earlier in args.merge:
        old = json.loads(earlier.read_text())
        if old["real_episodes"] != args.real_episodes:
            parser.error(
                f"{earlier}: {old['real_episodes']} real episodes, not {args.real_episodes}"
            )
        records += old["decisions"]
        skipped += old["skipped"]
        notes += old["notes"]
    for path in run_dirs(args.runs):
        try:
            run = read_run(path)
        except RunDirError as err:
            print(f"skipped: {err}", file=sys.stderr)
            skipped.append({"run": str(path), "why": str(err)})
            continue
        recs = judge_run(run, args.real_episodes, not args.no_real_judge, args.replay_rule)
        for r in recs:
            r["tag"] = args.tag
        records += recs
        notes += run.notes
        if args.probe_states:
            probes[str(path)] = probe(run, args.probe_states)
        write(args.out, args.real_episodes, records, skipped, notes, probes)  # after every run
    write(args.out, args.real_episodes, records, skipped, notes, probes)
    print(f"wrote {args.out / 'judge.json'} and {args.out / 'judge.md'}")
    return 0


def probe(run: Run, n: int) -> dict[str, Any]:
    """Actions of every rebuilt policy (candidate, incumbent, and what the loop deployed) at the
    run's first ``n`` real states, per decision: for checking the rebuild against the loop's own
    loader."""
    with np.load(run.run.verified(run.state, "iterations/0000/real.npz")) as data:
        states = np.asarray(data["obs"][:n], dtype=np.float32)
    ev = Evaluator(run, 2)
    try:
        out = []
        for d in run.decisions:
            deployed = d.candidate if d.kept_new else d.incumbent
            out.append(
                {
                    "iteration": d.iteration,
                    "candidate": ev.policy(d.candidate).act(states).tolist(),
                    "incumbent": ev.policy(d.incumbent).act(states).tolist(),
                    "deployed": ev.policy(deployed).act(states).tolist(),
                }
            )
        return {"states": states.tolist(), "decisions": out}
    finally:
        ev.close()


if __name__ == "__main__":
    sys.exit(main())
