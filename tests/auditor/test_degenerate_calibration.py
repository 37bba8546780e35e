"""Calibration of degenerate distributions on a real MuJoCo env: InvertedPendulum pays exactly
1.0 a step (0 on the falling step), and a constant observation variable is appended. Honest
imagined paths (confirmed step by step by the real env, through MuJoCo reset-to-state) must not
be flagged for model noise on the constant reward or the constant variable; a planted reward
above the real maximum must still be caught."""

from __future__ import annotations

from typing import Any

import gymnasium as gym
import numpy as np
import pytest
from gymnasium import spaces

from plasma.auditor import AuditorConfig
from plasma.auditor.calibration import Calibration, calibrate
from plasma.auditor.checker import AdversarialChecker
from plasma.envs import Transitions, collect, make_env
from plasma.simulator.generator import GeneratorConfig, PhantomPathGenerator, PlannerConfig
from plasma.simulator.paths import PathsMeta, PhantomPaths
from plasma.simulator.world_model import WorldModel, WorldModelConfig
from tests.support.replay import replay_confirmed

pytest.importorskip("mujoco")

ENV_ID = "PlasmaTest/InvertedPendulumConstant-v0"
CONSTANT = 0.5


def _with_constant() -> gym.Env:
    """InvertedPendulum with a fifth observation variable that is always 0.5 (as MuJoCo envs
    observe contact forces of bodies that never touch anything)."""
    env = gym.make("InvertedPendulum-v5", disable_env_checker=True)
    box = spaces.Box(-np.inf, np.inf, (5,), np.float64)
    return gym.wrappers.TransformObservation(env, lambda obs: np.append(obs, CONSTANT), box)


if ENV_ID not in gym.registry:
    gym.register(ENV_ID, entry_point=_with_constant, max_episode_steps=1000)


def _before(cal: Calibration) -> Calibration:
    """The same calibration without the degenerate-distribution floors (the old behaviour; nor
    the reward's allowance, which came later)."""
    old = cal.model_copy(update={"state_resolution": [], "reward_excess": 0.0, "reward_std": 0.0})
    old._points = cal.support_points
    return old


def _confirmed(paths: PhantomPaths, cal: Calibration) -> np.ndarray:
    """Ground truth, independent of the auditor: every imagined step matches the real env's step
    from the imagined state and action (each variable within 10% of its real range; the reward
    within 0.25, a quarter of the real reward range)."""
    spread = np.maximum(np.subtract(cal.state_high, cal.state_low), 1e-3)
    return replay_confirmed(paths, ENV_ID, spread=spread, reward_tol=0.25)


@pytest.fixture(scope="module", params=[0.0, 0.5], ids=["nll", "beta_nll"])
def setting(request: pytest.FixtureRequest) -> dict[str, Any]:
    """Fitted with plain likelihood and with beta-NLL (``nll_beta`` 0.5: more precise at the
    real transitions, so the honest one-step reward error the floor was once drawn from alone
    narrows, while a planner still selects the model's upward reward noise)."""
    with make_env(ENV_ID, seed=0) as env:
        train = collect(env, 2000, seed=0)
        held = collect(env, 600, seed=1)
        low, high = env.action_low, env.action_high
    config = WorldModelConfig(
        hidden=[64, 64], max_epochs=40, patience=5, seed=0, nll_beta=request.param
    )
    model = WorldModel(5, 1, config)
    model.fit(train)
    cfg = AuditorConfig()
    cal = calibrate(held, cfg.detectors, model=model)
    paths = _planned(model, held, low, high)
    return {
        "held": held,
        "cal": cal,
        "cfg": cfg,
        "paths": paths,
        "honest": _confirmed(paths, cal),
        "model": model,
    }


def _planned(
    model: WorldModel, real: Transitions, low: np.ndarray, high: np.ndarray
) -> PhantomPaths:
    """20-step paths a planner finds in ``model`` from 96 of ``real``'s states."""
    gen = PhantomPathGenerator(
        model.to_core(),
        action_low=low,
        action_high=high,
        config=GeneratorConfig(
            mode="planner",
            planner=PlannerConfig(horizon=10, population=64, iterations=2, sample_noise=False),
        ),
        meta=PathsMeta(env_id=ENV_ID),
    )
    starts = real.obs[np.random.default_rng(0).choice(len(real), 96, replace=False)]
    return gen.generate(starts, 20, seed=0)


def _flagged(paths: PhantomPaths, cal: Calibration, cfg: AuditorConfig) -> dict[str, np.ndarray]:
    """Per detector, the paths it flags at a rejecting severity; "x4" for any finding naming
    the constant variable."""
    out: dict[str, np.ndarray] = {}
    for f in AdversarialChecker(cfg, calibration=cal).check_paths(paths).findings:
        if f.severity in ("high", "critical"):
            out.setdefault(f.detector, np.zeros(paths.num_paths, dtype=bool))[f.path] = True
        if f.evidence.get("variable") == "x4":
            out.setdefault("x4", np.zeros(paths.num_paths, dtype=bool))[f.path] = True
    return out


def test_constant_reward_and_variable_are_calibrated_from_the_model(
    setting: dict[str, Any],
) -> None:
    cal, held = setting["cal"], setting["held"]
    assert isinstance(held, Transitions)
    assert cal.reward_max == 1.0
    assert set(np.unique(held.reward)) <= {0.0, 1.0}
    assert cal.state_low[4] == cal.state_high[4] == CONSTANT
    assert cal.resolution_source == "model"
    # The floors are measured, in the variables' own units, and stay small.
    assert 0.0 < cal.reward_excess < 0.25
    assert all(r > 0 for r in cal.state_resolution)
    assert cal.state_resolution[4] < 0.1


def test_a_trusted_reference_sets_the_floors(setting: dict[str, Any]) -> None:
    held, good = setting["held"], setting["model"]
    with make_env(ENV_ID, seed=0) as env:
        train = collect(env, 600, seed=3)
    # A model fitted for one epoch on little data: its honest error is large everywhere.
    bad = WorldModel(5, 1, WorldModelConfig(hidden=[16], max_epochs=1, seed=0))
    bad.fit(train)
    alone = calibrate(held, model=bad)
    trusted = calibrate(held, model=bad, reference=good)
    assert alone.resolution_source == "model"
    assert trusted.resolution_source == "reference"
    # The floors are the reference's, not loosened by the audited model's errors.
    np.testing.assert_allclose(trusted.state_resolution, setting["cal"].state_resolution)
    assert trusted.reward_excess == pytest.approx(setting["cal"].reward_excess)
    assert max(np.subtract(alone.state_resolution, trusted.state_resolution)) > 0


def test_honest_paths_are_not_flagged_for_model_noise(setting: dict[str, Any]) -> None:
    paths, cal, cfg, honest = setting["paths"], setting["cal"], setting["cfg"], setting["honest"]
    assert honest.sum() >= 10, "the fixture needs honest paths to judge"
    before, after = _flagged(paths, _before(cal), cfg), _flagged(paths, cal, cfg)
    none = np.zeros(paths.num_paths, dtype=bool)
    # Before: a zero-width range flags the noise on the constant variable and on the reward.
    assert before.get("x4", none)[honest].mean() > 0.2
    # After: the constant variable is never flagged, and the reward rarely on honest paths.
    assert not after.get("x4", none).any()
    above_before = before.get("reward_above_max", none)[honest].mean()
    above_after = after.get("reward_above_max", none)[honest].mean()
    assert above_after <= 0.2
    assert above_after < 0.25 * above_before
    rejected_before = np.any([v for k, v in before.items() if k != "x4"], axis=0)
    rejected_after = np.any([v for k, v in after.items() if k != "x4"], axis=0)
    assert rejected_after[honest].mean() < rejected_before[honest].mean()


def test_planted_reward_above_the_real_maximum_is_still_caught(setting: dict[str, Any]) -> None:
    paths, cal, cfg = setting["paths"], setting["cal"], setting["cfg"]
    planted = paths.select(np.arange(32))
    assert planted.lengths is not None
    for p in range(planted.num_paths):
        planted.rewards[p, min(2, int(planted.lengths[p]) - 1)] = 1.5
    caught = _flagged(planted, cal, cfg).get("reward_above_max")
    assert caught is not None
    assert caught.all()


def test_without_a_model_a_constant_variable_still_gets_a_range(setting: dict[str, Any]) -> None:
    cfg = setting["cfg"]
    cal = calibrate(setting["held"], cfg.detectors)
    assert cal.resolution_source == "data"
    assert cal.reward_excess == 0.0
    assert cal.state_resolution[4] == pytest.approx(1e-3 * CONSTANT)


def test_a_region_the_model_pays_too_much_in_does_not_widen_its_own_floor() -> None:
    """The reward floor counts what a planner selects, but only up to what the model's noise can
    reach under selection: a model that pays 1.6 (the real maximum is 1.0) where the cart is
    further right than the calibration data goes has its planner find that region from real
    states, and the paths that collect it are still flagged."""
    with make_env(ENV_ID, seed=0) as env:
        train = collect(env, 2000, seed=0)
        held = collect(env, 600, seed=1)
        low, high = env.action_low, env.action_high
    edge = float(np.quantile(train.obs[:, 0], 0.9))
    paid = train.reward.copy()
    paid[(train.obs[:, 0] > edge) & (paid > 0)] = 1.6
    poisoned = Transitions(
        train.obs,
        train.action,
        paid,
        train.next_obs,
        train.terminated,
        train.truncated,
        env_id=train.env_id,
        state_names=train.state_names,
    )
    model = WorldModel(5, 1, WorldModelConfig(hidden=[64, 64], max_epochs=40, patience=5, seed=0))
    model.fit(poisoned)
    real = held.take(np.flatnonzero(held.obs[:, 0] <= edge))
    cfg = AuditorConfig()
    cal = calibrate(real, cfg.detectors, model=model)
    paths = _planned(model, real, low, high)
    assert paths.lengths is not None
    live = np.arange(paths.horizon)[None, :] < paths.lengths[:, None]
    collects = (np.where(live, paths.rewards, -np.inf) >= 1.5).any(axis=1)
    assert collects.sum() >= 10, "the planner should find the region the model overpays in"
    caught = _flagged(paths, cal, cfg).get("reward_above_max")
    assert caught is not None
    assert caught[collects].mean() >= 0.9
