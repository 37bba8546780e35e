"""Each full-mode distillation trains a new policy (``fresh_policy``) and each iteration a new
value whenever its states have grown enough (``fresh_value``, ``fresh_fit_growth``), fitted to the
states they learn from, instead of training on from the previous ones alone."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from plasma.distiller import Policy
from plasma.simulator.value import ValueFunction
from plasma.train.rundir import VALUE_FILE

from .conftest import train_small


@pytest.mark.parametrize("fresh", [True, False])
def test_each_full_distillation_starts_a_new_policy(tmp_path: Path, fresh: bool) -> None:
    run, _ = train_small(
        tmp_path,
        iterations=2,
        real_steps=120,
        distill_schedule="full",
        keep_best=False,
        fresh_policy=fresh,
    )
    rows = run.read_metrics()
    policies = [Policy.load(run.path / r["policy_dir"]) for r in rows]
    first, last = policies[0], policies[-1]
    same_scale = np.allclose(first.obs_std.numpy(), last.obs_std.numpy())
    same_centre = np.allclose(first.obs_mean.numpy(), last.obs_mean.numpy())
    if fresh:
        # refitted to the later iterations' states (the planner's, not the random first ones)
        assert not (same_scale and same_centre)
        assert first.fingerprint() != last.fingerprint()
    else:
        # carried over: the normalization of the first iteration's data
        assert same_scale
        assert same_centre


@pytest.mark.parametrize(("fresh", "growth"), [(True, 1.0), (True, 2.0), (False, 2.0)])
def test_the_value_is_fitted_afresh_as_its_states_grow(
    tmp_path: Path, fresh: bool, growth: float
) -> None:
    run, _ = train_small(
        tmp_path,
        iterations=4,
        real_steps=240,
        keep_best=False,
        fresh_value=fresh,
        fresh_fit_growth=growth,
        value={"updates": 50, "continued_updates": 20},
    )
    rows = run.read_metrics()
    states = [r["value_states"] for r in rows]
    continued = [r["value_continued"] for r in rows]
    assert continued[0] is False  # nothing to continue from
    if not fresh:
        assert continued[1:] == [True] * 3
    else:
        last_fresh = states[0]
        for n, went_on in zip(states[1:], continued[1:], strict=True):
            assert went_on == (n < growth * last_fresh), (states, continued)
            last_fresh = last_fresh if went_on else n
        assert any(continued) == (growth > 1.0), (states, continued)
    values = [ValueFunction.load(run.iteration_dir(i) / VALUE_FILE) for i in range(4)]
    for before, after, went_on in zip(values[:-1], values[1:], continued[1:], strict=True):
        # fresh or trained on, each value is normalized by the states it learned from, not the
        # first (random) ones alone
        assert not np.allclose(before.obs_mean.numpy(), after.obs_mean.numpy())
        # trained on: the same network's first layer, refitted to the new scale, not new weights
        drawn = before.net.weights[-1].detach().numpy(), after.net.weights[-1].detach().numpy()
        moved = np.abs(drawn[1] - drawn[0]).max()
        assert (moved < 0.5 * np.abs(drawn[0]).max()) == went_on, moved


@pytest.mark.parametrize("from_plans", [True, False])
def test_the_value_learns_from_plans_only_when_asked(tmp_path: Path, from_plans: bool) -> None:
    run, _ = train_small(
        tmp_path,
        iterations=2,
        real_steps=300,  # enough for the first model to have paths the auditor approves
        keep_best=False,
        value_from_plans=from_plans,
        value={"updates": 50},
    )
    rows = run.read_metrics()
    real_seen = [r["real_steps"] for r in rows]
    # the second iteration's value: every real transition so far, plus the first iteration's
    # approved planner decisions when learning from plans
    assert rows[0]["value_states"] == real_seen[0]
    if from_plans:
        assert rows[0]["approved_paths"] > 0
        assert rows[1]["value_states"] > real_seen[1]
    else:
        assert rows[1]["value_states"] == real_seen[1]


def test_a_first_value_does_not_prize_the_states_before_a_time_limit(tmp_path: Path) -> None:
    # MountainCar pays -1 every step and random actions never reach the flag: every state of the
    # first (random) iteration is worth the same. Cut episodes must not be bootstrapped with 0,
    # which would make the states just before the time limit look nearly free.
    run, _ = train_small(
        tmp_path, env="MountainCar-v0", iterations=1, real_steps=400, value={"updates": 300}
    )
    value = ValueFunction.load(run.iteration_dir(0) / VALUE_FILE)
    data = run.load_transitions()
    assert data is not None
    assert float(data.reward.std()) == 0.0
    assert not data.terminated.any()
    v = value.values(data.obs)
    episode_worth = -1.0 / (1.0 - 0.975)  # discount 1 - 5 / 200 for 200-step episodes
    assert np.abs(v - episode_worth).max() < 0.05 * abs(episode_worth)


@pytest.mark.parametrize(
    ("growth", "continued"), [(1.0, [False] * 4), (2.0, [False, False, True, False])]
)
def test_the_world_model_fits_from_scratch_each_time_its_data_doubles(
    tmp_path: Path, growth: float, continued: list[bool]
) -> None:
    run, _ = train_small(
        tmp_path, iterations=4, real_steps=240, keep_best=False, fresh_fit_growth=growth
    )
    rows = run.read_metrics()
    assert [row["fit_rows"] for row in rows] == [60, 120, 180, 240]
    assert [row["fit_continued"] for row in rows] == continued
