"""Local validation (``plasma.auditor.local``): the Rust k-d tree + local linear fit against scipy.

Index: 50,000 real Pendulum transitions (state and action, 4 features; outcomes: the change of
the 3 state variables and the reward), built once. Queries: 200,000 imagined transitions (true
dynamics from random states and actions), k = 24 neighbours, locally weighted ridge regression
per query. Reference: ``scipy.spatial.cKDTree`` (C, one query call for the batch, all workers)
plus the same weighted regression batched in numpy (``np.linalg.solve`` over the queries); the
predictions must agree to 1e-3 of the outcomes' spread.

``python -m benches.bench_local --width`` (not a pytest benchmark): the cost of calibrating and
scoring as the features widen (HalfCheetah, Ant, Humanoid: 23, 113, 365 state + action
variables) on real transitions, and whether a planted error is still flagged; see
:func:`width_case`.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from tests.support.pendulum import pendulum_physics_paths, pendulum_step

from benches.conftest import per_second, record
from plasma import _core
from plasma.envs import collect

N_REAL, M, K, RIDGE = 50_000, 200_000, 24, 1e-3
GROUP = f"auditor: local validation, {M} queries against {N_REAL} real transitions, k={K}"


@pytest.fixture(scope="module")
def case() -> dict[str, Any]:
    pytest.importorskip("scipy", reason="the reference is scipy's cKDTree")
    real = collect("Pendulum-v1", N_REAL, seed=0)
    feats = np.concatenate([real.obs, real.action], 1).astype(np.float32)
    targets = np.concatenate([real.next_obs - real.obs, real.reward[:, None]], 1)
    paths = pendulum_physics_paths(M // 50, 50, seed=4)
    q = np.concatenate(
        [paths.states[:, :-1].reshape(-1, 3), paths.actions.reshape(-1, 1)], 1
    ).astype(np.float32)
    scale = feats.std(axis=0).astype(np.float32)
    return {
        "feats": feats,
        "targets": np.ascontiguousarray(targets, dtype=np.float32),
        "scale": scale,
        "queries": np.ascontiguousarray(q),
    }


def reference(c: dict[str, Any]) -> np.ndarray:
    """cKDTree neighbours + batched weighted ridge regression in numpy (same weights)."""
    from scipy.spatial import cKDTree

    x = c["feats"] / c["scale"]
    q = c["queries"] / c["scale"]
    tree = cKDTree(x)
    dist, idx = tree.query(q, k=K, workers=-1)
    far = dist[:, -1:] * 1.0001 + 1e-12
    w = np.maximum((1 - (dist / far) ** 2) ** 2, 1e-6)
    z = np.concatenate([np.ones((*idx.shape, 1)), x[idx] - q[:, None, :]], axis=2)
    wz = z * w[..., None]
    a = np.einsum("mki,mkj->mij", wz, z)
    p = a.shape[1]
    reg = RIDGE * w.sum(axis=1)
    a[:, np.arange(1, p), np.arange(1, p)] += reg[:, None]
    b = np.einsum("mki,mkt->mit", wz, c["targets"][idx].astype(np.float64))
    beta = np.linalg.solve(a, b)
    return np.asarray(beta[:, 0, :])


def test_local_rust(benchmark: Any, case: dict[str, Any]) -> None:
    benchmark.group = GROUP
    index = _core.LocalIndex(case["feats"], case["targets"], case["scale"])

    def run() -> dict[str, Any]:
        return dict(index.query(case["queries"], k=K, ridge=RIDGE))

    out = benchmark.pedantic(run, rounds=5, warmup_rounds=1)
    ref = reference(case)
    spread = case["targets"].std(axis=0)
    err = np.abs(out["prediction"] - ref) / spread
    agree = bool(np.quantile(err, 0.999) < 1e-3)
    record(
        benchmark,
        role="plasma",
        ops_per_call=M,
        queries_per_s=f"{per_second(benchmark, M):.2f} M",
        agree=agree,
        max_rel_err=f"{float(err.max()):.2g}",
        goal="faster than scipy cKDTree + numpy on the same queries",
        build=_core.build_profile,
    )
    assert agree


def test_local_scipy_reference(benchmark: Any, case: dict[str, Any]) -> None:
    benchmark.group = GROUP
    benchmark.pedantic(reference, args=(case,), rounds=2, warmup_rounds=0)
    record(
        benchmark,
        role="reference",
        ops_per_call=M,
        queries_per_s=f"{per_second(benchmark, M):.2f} M",
    )


SCORE_GROUP = (
    f"auditor: LocalValidation.score, {M} path steps against {N_REAL // 5} real transitions, "
    "without / with a trusted reference (reference_gap)"
)


class _PendulumEquations:
    """The true Pendulum equations as a trusted reference model (``predict_mean``)."""

    def predict_mean(self, obs: np.ndarray, action: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        th = np.arctan2(obs[:, 1], obs[:, 0]).astype(np.float64)
        nth, nthd, reward = pendulum_step(
            th, obs[:, 2].astype(np.float64), action[:, 0].astype(np.float64)
        )
        nxt = np.stack([np.cos(nth), np.sin(nth), nthd], 1)
        return nxt.astype(np.float32), reward.astype(np.float32)


@pytest.fixture(scope="module")
def score_case() -> dict[str, Any]:
    from plasma.auditor.local import LocalValidation

    real = collect("Pendulum-v1", N_REAL // 5, seed=0)
    plain = LocalValidation(real)
    trusted = LocalValidation(real)
    trusted.set_reference(_PendulumEquations())
    return {
        "plain": plain,
        "trusted": trusted,
        "paths": pendulum_physics_paths(M // 50, 50, seed=4),
    }


@pytest.mark.parametrize("reference", [False, True], ids=["plain", "reference"])
def test_local_score(benchmark: Any, score_case: dict[str, Any], reference: bool) -> None:
    """The whole per-step scoring (query, noise floors, and with a reference its prediction and
    local error): what ``reference_gap`` adds to an audit."""
    benchmark.group = SCORE_GROUP
    local = score_case["trusted" if reference else "plain"]
    scores = benchmark.pedantic(local.score, args=(score_case["paths"],), rounds=3, warmup_rounds=1)
    assert (scores.reference is not None) == reference
    record(
        benchmark,
        role="plasma" if reference else "reference",
        ops_per_call=M,
        steps_per_s=f"{per_second(benchmark, M):.2f} M",
        build=_core.build_profile,
    )


# --------------------------------------------------------------------------- wide inputs
# ``python -m benches.bench_local --width``: the cost of local validation as the features
# widen, on real transitions of Gymnasium MuJoCo envs (random actions): calibration on
# ``--real`` transitions of seed 0, scoring of ``--steps`` held-out real transitions of seed 1
# (one-step paths: honest), then the same with an error planted in a region (the steps whose
# first varying state variable lies above its median): ``--plant`` x the allowance bound added
# to the change of 5 varying state variables. Per variable of the plant, how often the scores
# flag it (its own miss above 1, the local fit's or the linear law's) on honest and on planted
# steps; per step, how often any outcome is flagged on honest steps.

WIDTH_ENVS = ("HalfCheetah-v5", "Ant-v5", "Humanoid-v5")


def _misses(local: Any, feats: np.ndarray, outcome: np.ndarray) -> np.ndarray:
    """Per step and outcome: the larger of the local fit's and the linear law's miss, in units
    of their limits, as ``LocalValidation.score`` computes them (no model, no reference)."""
    from plasma.auditor.local import LOCAL_SPREAD

    t = outcome.shape[1]
    out = local.index.query(
        local._points(feats), k=local.k, ridge=local.ridge, values=local._values
    )
    near = np.asarray(out["values"], np.float64)
    wide = np.maximum(np.asarray(out["distance"], np.float64) / local.distance_ref, 1.0)[:, None]
    spread = local.spread_factors
    if spread is None:
        spread = np.full((2, t), LOCAL_SPREAD)
    floor = spread[0] * near[:, :t] * local.tolerance * wide
    fit = np.abs(outcome - np.asarray(out["prediction"], np.float64)[:, :t]) / local._limit(floor)
    law = local._law[0] + feats.astype(np.float64) @ local._law[1:]
    law_floor = spread[1] * near[:, t : 2 * t] * wide
    law_miss = np.abs(outcome - law) / local._limit(law_floor)
    return np.asarray(np.maximum(fit, law_miss))


def width_case(
    env: str, real: int, steps: int, plant: float, fit_dims: int | None
) -> dict[str, Any]:
    import time

    from plasma.auditor.calibration import LOCAL_OPTIONS
    from plasma.auditor.config import DetectorConfig
    from plasma.auditor.local import LocalValidation, _features
    from plasma.simulator.paths import PhantomPaths

    cfg = DetectorConfig()
    opts = {arg: getattr(cfg, name) for arg, name in LOCAL_OPTIONS.items()}
    if fit_dims is not None:
        opts["fit_dims"] = fit_dims
    cal, held = collect(env, real, seed=0), collect(env, steps, seed=1)
    start = time.perf_counter()
    local = LocalValidation(cal, **opts)
    calibrated = time.perf_counter()
    paths = PhantomPaths(
        states=np.stack([held.obs, held.next_obs], 1),
        actions=held.action[:, None],
        rewards=held.reward[:, None],
    )
    scores = local.score(paths)
    scored = time.perf_counter()
    s = held.obs.shape[1]
    vary = np.flatnonzero(~local._degenerate[:s])
    region = held.obs[:, vary[0]] > np.median(held.obs[:, vary[0]])
    planted = np.random.default_rng(0).choice(vary, min(5, len(vary)), replace=False)
    feats = _features(held.obs, held.action)
    outcome = np.concatenate([held.next_obs - held.obs, held.reward[:, None]], 1).astype(np.float64)
    honest = _misses(local, feats, outcome)[np.ix_(region, planted)] > 1
    outcome[np.ix_(region, planted)] += plant * local.allowance_bound[planted]
    wrong = _misses(local, feats, outcome)[np.ix_(region, planted)] > 1
    return {
        "env": env,
        "features": int(feats.shape[1]),
        "index_dims": int(local._points(feats[:1]).shape[1]),
        "k": local.k,
        "real": real,
        "steps": steps,
        "calibrate_s": round(calibrated - start, 3),
        "score_s": round(scored - calibrated, 3),
        "honest_steps_flagged": round(float((scores.physics[:, 0] > 1).mean()), 3),
        "planted_vars_flagged_honest": round(float(honest.mean()), 3),
        "planted_vars_flagged_planted": round(float(wrong.mean()), 3),
    }


def _width_main() -> None:
    import argparse
    import json

    parser = argparse.ArgumentParser(description="local validation's cost as features widen")
    parser.add_argument("--width", action="store_true", required=True)
    parser.add_argument("--envs", default=",".join(WIDTH_ENVS))
    parser.add_argument("--real", type=int, default=1000)
    parser.add_argument("--steps", type=int, default=1000)
    parser.add_argument("--plant", type=float, default=2.0)
    parser.add_argument(
        "--fit-dims", type=int, help="local_fit_dims (default: the auditor's; large: no projection)"
    )
    args = parser.parse_args()
    for env in args.envs.split(","):
        print(json.dumps(width_case(env, args.real, args.steps, args.plant, args.fit_dims)))


if __name__ == "__main__":
    _width_main()
