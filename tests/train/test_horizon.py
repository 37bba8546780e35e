"""The planning horizon a run derives from its data (plasma.train.recipe.lookahead_horizon): the
lookahead that best predicts the real returns of fresh real steps, at most the configured one.

Real env, real ensemble, real value, real runs; small budgets."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from plasma.envs import Transitions, collect, make_env, random_policy
from plasma.simulator import (
    PlannerConfig,
    ValueConfig,
    ValueFunction,
    WorldModel,
    WorldModelConfig,
    real_returns,
)
from plasma.train.recipe import (
    HORIZON_CANDIDATES,
    discount_for,
    extended_horizon,
    extension,
    longest_not_worse,
    lookahead_errors,
    lookahead_horizon,
    resumed_planner,
)

from .conftest import train_small

ENV = "Pendulum-v1"
GAMMA = discount_for(200)
Setup = tuple[WorldModel, ValueFunction, Transitions]


@pytest.fixture(scope="module")
def pendulum() -> Setup:
    """A model fitted on random steps, a value that knows nothing (fitted to 0 everywhere, while
    every real return is below -100) and fresh random steps neither saw."""
    env = make_env(ENV, seed=0)
    train = collect(env, 1200, policy=random_policy(env, 0), seed=0)
    fresh = collect(env, 400, policy=random_policy(env, 1), seed=1)
    model = WorldModel.for_env(env, WorldModelConfig(hidden=[32, 32], max_epochs=40, patience=5))
    model.fit(train)
    blind = ValueFunction(env.state_dim, ValueConfig(updates=300))
    blind.fit(train.obs, np.zeros(len(train)))
    return model, blind, fresh


def test_a_good_model_with_a_value_that_knows_nothing_keeps_the_longest(pendulum: Setup) -> None:
    model, blind, fresh = pendulum
    horizon, errors = lookahead_horizon(model, blind, fresh, gamma=GAMMA, longest=12)
    assert sorted(errors) == [0] + [h for h in HORIZON_CANDIDATES if h <= 12]
    assert horizon == 12, errors
    # each step of lookahead replaces a discounted share of the value's error with real rewards
    assert errors[12] < errors[6] < errors[1], errors
    returns = real_returns(
        fresh.obs, fresh.reward, fresh.next_obs, fresh.terminated, fresh.truncated,
        np.zeros(len(fresh)), gamma=GAMMA,
    )  # fmt: skip
    # measured against the real returns: the value's own error is about their size
    assert errors[1] > 0.5 * float(np.sqrt(np.mean(returns**2)))


def test_the_configured_horizon_is_the_longest_candidate(pendulum: Setup) -> None:
    model, blind, fresh = pendulum
    horizon, errors = lookahead_horizon(model, blind, fresh, gamma=GAMMA, longest=5)
    assert sorted(errors) == [0, 1, 2, 3, 4, 5]
    assert horizon == 5


def test_a_value_that_knows_nothing_extends_the_horizon(
    pendulum: Setup,
) -> None:
    model, blind, fresh = pendulum
    horizon, errors = extended_horizon(model, blind, fresh, gamma=GAMMA, base=4, longest=12)
    assert sorted(errors) == [0, 4, 6, 8, 12]
    # the value is the weaker part, and each step of a good model's lookahead predicts better
    assert errors[0] > errors[4] > errors[12], errors
    assert 4 < horizon <= 12, errors
    # too few states to tell, or no room beyond the base: the base
    few = fresh.take(np.arange(20))
    assert extended_horizon(model, blind, few, gamma=GAMMA, base=4, longest=12)[0] == 4
    assert extended_horizon(model, blind, fresh, gamma=GAMMA, base=4, longest=4)[0] == 4


def test_states_need_the_longest_horizon_ahead_of_them_in_their_episode(pendulum: Setup) -> None:
    model, blind, fresh = pendulum
    # 400 steps: two episodes cut at 200 steps (time limit); 12 steps ahead: 189 starts each
    errors = lookahead_errors(model, blind, fresh, [1, 12], gamma=GAMMA)
    assert len(errors[1]) == len(errors[12]) == 2 * (200 - 12 + 1)
    few = fresh.take(np.arange(20))
    horizon, _ = lookahead_horizon(model, blind, few, gamma=GAMMA, longest=12)
    assert horizon == 12  # too few states to tell: the configured horizon


def test_a_resumed_run_plans_with_the_horizon_its_last_iteration_chose() -> None:
    planner = PlannerConfig(horizon=12)
    rows = [{"iteration": 0, "plan_horizon": 12}, {"iteration": 1, "plan_horizon": 3}, {}]
    assert resumed_planner(planner, rows).horizon == 3
    assert resumed_planner(planner, [{"iteration": 0}]).horizon == 12
    assert planner.horizon == 12  # not changed in place


def test_a_run_records_the_horizon_it_chose_from_its_errors(uninterrupted_run: Path) -> None:
    rows = [
        json.loads(line)
        for line in (uninterrupted_run / "metrics.jsonl").read_text().splitlines()
        if line.strip()
    ]
    config = json.loads((uninterrupted_run / "config.json").read_text())
    longest = config["planner"]["horizon"]
    assert rows[0]["plan_horizon"] == longest  # no model or value before the first collection
    judged = 0
    for k, row in enumerate(rows):
        # judged once the model has seen planned steps (an earlier iteration's collection)
        if all(r["collect_mode"] == "random" for r in rows[:k]):
            assert "horizon_errors" not in row
            assert row["plan_horizon"] == longest
            continue
        judged += 1
        errors = {int(h): e for h, e in row["horizon_errors"].items()}
        assert max(errors) == longest
        assert min(errors) == 0  # the value alone
        assert row["plan_horizon"] in errors
        # never shorter than the lookahead that predicted best
        planned = {h: e for h, e in errors.items() if h > 0}
        assert row["plan_horizon"] >= min(planned, key=lambda h: (planned[h], -h))
    assert judged >= 1


def test_the_horizon_extends_only_past_a_weaker_value_and_a_clearly_better_lookahead() -> None:
    rng = np.random.default_rng(0)
    size = rng.normal(0.0, 10.0, 480)
    wobble = 1.0 + 0.01 * rng.normal(size=480)
    # the value predicts better than the base lookahead: the base, however good longer ones are
    errors = {0: size, 12: 1.2 * size, 16: 0.5 * size, 24: 0.3 * size}
    assert extension(errors, base=12, block=24) == 12
    # an optimistic value is weaker, and longer lookaheads are clearly better: the shortest of
    # those not clearly worse than the best
    optimistic = 2.0 * size + 15.0
    errors = {0: optimistic, 12: size, 16: 0.5 * size, 24: 0.5 * size * wobble}
    assert extension(errors, base=12, block=24) == 16
    # the same errors of a pessimistic value: the base
    assert extension({**errors, 0: 2.0 * size - 15.0}, base=12, block=24) == 12
    # an optimistic value is weaker but nothing longer is clearly better than the base: the base
    noisy = {h: size * (1.0 + 0.01 * rng.normal(size=480)) for h in (12, 16, 24)}
    assert extension({0: optimistic, **noisy}, base=12, block=24) == 12


def test_noise_alone_never_shortens_the_lookahead() -> None:
    rng = np.random.default_rng(0)
    base = rng.normal(0.0, 10.0, 480)
    # the same errors up to noise of 1%: the longest, whichever is least by chance
    noisy = {h: base * (1.0 + 0.01 * rng.normal(size=480)) for h in (1, 2, 4, 12)}
    assert longest_not_worse(noisy, block=12) == 12


def test_a_clearly_worse_longer_lookahead_is_not_taken() -> None:
    rng = np.random.default_rng(1)
    base = rng.normal(0.0, 10.0, 480)
    # compounding: the error grows with the horizon beyond 3 steps, state by state
    growing = {h: base * (1.0 + 0.3 * max(0, h - 3)) for h in (1, 2, 3, 4, 6, 12)}
    assert longest_not_worse(growing, block=12) == 3
    # one block of states: nothing to measure the noise with, the best one
    assert longest_not_worse({1: base[:12], 12: 2 * base[:12]}, block=12) == 1


def test_a_run_with_the_extension_plans_between_the_horizon_and_its_extension(
    tmp_path: Path,
) -> None:
    run_dir, state = train_small(tmp_path, horizon_extension=2.0, iterations=4, real_steps=240)
    rows = [json.loads(line) for line in (run_dir.path / "metrics.jsonl").read_text().splitlines()]
    assert state.completed_iterations == 4
    judged = [row for row in rows if "horizon_errors" in row]
    assert judged, rows  # every iteration after a planned collection is judged
    for row in judged:
        assert {0, 5, 10} <= {int(h) for h in row["horizon_errors"]} <= {0, 5, 6, 8, 10}
        assert 5 <= row["plan_horizon"] <= 10
