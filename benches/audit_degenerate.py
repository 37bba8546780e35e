"""The auditor on a degenerate reward distribution: honest imagined paths of a real MuJoCo env
(InvertedPendulum-v5 pays exactly 1.0 a step, 0 on the falling step), before and after the
resolution floors of the calibration.

``python -m benches.audit_degenerate [ENV] [SEED] [ROUNDS]``

- fit a ``WorldModel`` on 3,000 random-action steps; with ``ROUNDS=1`` also collect 1,500 real
  steps with the planner on that model and refit on both (as a training loop does after its
  first iteration), and calibrate on 1,000 held-out planner steps (else 1,000 random steps);
- plan 200 paths of 30 steps in the model from held-out real states (the training loop's
  planner settings);
- ground truth, independent of the auditor: a path is honest when the real env, put into each
  imagined state (MuJoCo reset-to-state), reproduces each imagined step within 10% of every
  variable's real range and the reward within a quarter of the reward scale;
- the checker (all numeric detectors) with the calibration as it is ("after") and with its
  resolution floors removed ("before", the previous behaviour); pass rates of all paths and of
  the honest ones, the rejecting detectors on honest paths, and whether a planted reward of the
  real maximum + 0.5 (1.5 where every real reward is at most 1.0) on 50 paths is caught.
"""

from __future__ import annotations

import collections
import sys
import time
from typing import Any

import numpy as np
from tests.support.replay import replay_confirmed

from plasma.auditor.calibration import Calibration, calibrate
from plasma.auditor.checker import AdversarialChecker
from plasma.auditor.config import AuditorConfig
from plasma.envs import Transitions, collect, make_env
from plasma.simulator.generator import GeneratorConfig, PhantomPathGenerator, PlannerConfig
from plasma.simulator.paths import PathsMeta, PhantomPaths
from plasma.simulator.world_model import WorldModel, WorldModelConfig

PLANNER = PlannerConfig(
    horizon=12, population=100, iterations=3, elite_frac=0.1, sample_noise=False
)


def _model(data: Transitions, seed: int, n_actions: int | None) -> WorldModel:
    config = WorldModelConfig(hidden=[128, 128], max_epochs=80, patience=8, seed=seed)
    model = WorldModel(data.obs.shape[1], data.action.shape[1], config, discrete_actions=n_actions)
    model.fit(data)
    return model


def _generator(model: WorldModel, env: Any, env_id: str) -> PhantomPathGenerator:
    return PhantomPathGenerator(
        model.to_core(),
        action_low=env.action_low,
        action_high=env.action_high,
        discrete_actions=env.n_actions,
        config=GeneratorConfig(mode="planner", planner=PLANNER, action_noise_std=0.1),
        meta=PathsMeta(env_id=env_id),
    )


def _planner_steps(model: WorldModel, env_id: str, n: int, seed: int) -> Transitions:
    with make_env(env_id, seed=seed) as env:
        gen = _generator(model, env, env_id)

        def policy(obs: np.ndarray) -> np.ndarray:
            row = np.asarray(obs, dtype=np.float32)[None]
            return np.asarray(gen.generate(row, 1, seed=seed).actions[0, 0])

        return collect(env, n, policy=policy, seed=seed)


def _honest(paths: PhantomPaths, cal: Calibration, env_id: str) -> np.ndarray:
    reward_scale = max(cal.reward_max - cal.reward_min, abs(cal.reward_max))
    spread = np.subtract(cal.state_high, cal.state_low)
    return replay_confirmed(paths, env_id, spread=spread, reward_tol=0.25 * reward_scale)


def measure(env_id: str, seed: int, rounds: int) -> dict[str, Any]:
    """One run (see the module docstring)."""
    with make_env(env_id, seed=seed) as env:
        train = collect(env, 3000, seed=seed)
        held = collect(env, 1000, seed=seed + 100)
        model = _model(train, seed, env.n_actions)
        if rounds:
            train = train.concat(_planner_steps(model, env_id, 1500, seed + 7))
            model = _model(train, seed, env.n_actions)
            held = _planner_steps(model, env_id, 1000, seed + 11)
        cfg = AuditorConfig()
        cal = calibrate(held, cfg.detectors, model=model, seed=seed)
        gen = _generator(model, env, env_id)
    starts = held.obs[np.random.default_rng(seed).choice(len(held), 200, replace=False)]
    paths = gen.generate(starts, 30, seed=seed)
    honest = _honest(paths, cal, env_id)
    planted = gen.generate(starts[:50], 30, seed=seed + 1)
    assert planted.lengths is not None
    for p in range(planted.num_paths):
        planted.rewards[p, min(3, int(planted.lengths[p]) - 1)] = cal.reward_max + 0.5
    before = cal.model_copy(update={"state_resolution": [], "reward_excess": 0.0})
    before._points = cal.support_points
    out: dict[str, Any] = {
        "env": env_id,
        "seed": seed,
        "rounds": rounds,
        "honest_paths": int(honest.sum()),
        "reward_excess": cal.reward_excess,
        "state_resolution": [round(r, 4) for r in cal.state_resolution],
    }
    for label, c in (("before", before), ("after", cal)):
        checker = AdversarialChecker(cfg, calibration=c)
        rejected = np.zeros(paths.num_paths, dtype=bool)
        on_honest: collections.Counter[str] = collections.Counter()
        for f in checker.check_paths(paths).findings:
            if f.severity in ("high", "critical"):
                rejected[f.path] = True
                on_honest[f.detector] += int(honest[f.path])
        caught = {
            f.path
            for f in checker.check_paths(planted).findings
            if f.detector == "reward_above_max"
        }
        out[label] = {
            "pass_rate_all": round(1 - float(rejected.mean()), 3),
            "pass_rate_honest": round(1 - float(rejected[honest].mean()), 3),
            "rejecting_on_honest": dict(on_honest),
            "planted_caught": f"{len(caught)}/{planted.num_paths}",
        }
    return out


def main() -> None:  # pragma: no cover - a measurement script
    env_id = sys.argv[1] if len(sys.argv) > 1 else "InvertedPendulum-v5"
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    began = time.perf_counter()
    print(measure(env_id, seed, rounds), f"({time.perf_counter() - began:.0f} s)")


if __name__ == "__main__":
    main()
