"""``evaluate``: real episodes, counted the way the task ends them."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from plasma.distiller import Policy
from plasma.envs import collect, make_env, random_policy
from plasma.simulator import WorldModel, WorldModelConfig
from plasma.train.evaluate import evaluate, evaluate_in_model, policy_actor

from .conftest import train_small


def test_terminated_rate_counts_the_episodes_the_task_ended() -> None:
    # Pushing the cart one way drops the pole within a few dozen steps: the task ends every
    # episode. Cut after 3 steps, none is ended by the task.
    with make_env("CartPole-v1", seed=0) as env:
        push = evaluate(env, lambda obs: np.array([1]), 3, seed=0)
        cut = evaluate(env, lambda obs: np.array([1]), 3, seed=0, max_steps=3)
    assert push.terminated_rate == 1.0
    assert max(push.lengths) < 60
    assert cut.terminated_rate == 0.0
    assert cut.lengths == [3, 3, 3]


def test_imagined_episodes_follow_the_real_ones_and_take_no_real_step() -> None:
    env = make_env("CartPole-v1", seed=0)
    data = collect(env, 3000, policy=random_policy(env, 0), seed=0)
    model = WorldModel(
        env.state_dim,
        env.action_dim,
        WorldModelConfig(hidden=[64, 64], max_epochs=30),
        discrete_actions=env.n_actions,
    )
    model.fit(data)
    for seed in range(3):
        policy = Policy(obs_dim=env.state_dim, discrete_actions=env.n_actions, seed=seed)
        imagined = evaluate_in_model(model, env, policy, 10, seed=100)
        real = evaluate(env, policy_actor(policy), 10, seed=100)
        assert imagined.steps == 0
        assert imagined.episodes == 10
        # a pole balanced by an untrained policy falls within tens of steps: the model, fitted
        # on random steps, predicts how long it stays up within a few steps on average
        assert abs(imagined.mean_length - real.mean_length) <= 0.15 * real.mean_length + 1
        assert imagined.terminated_rate == 1.0


@pytest.mark.parametrize("in_model", [True, False])
def test_a_run_evaluating_in_its_model_takes_no_real_evaluation_step(
    tmp_path: Path, in_model: bool
) -> None:
    run, state = train_small(tmp_path, eval_in_model=in_model, eval_episodes=2)
    rows = [json.loads(line) for line in (run.path / "metrics.jsonl").read_text().splitlines()]
    assert all(row["eval_mean_return"] is not None for row in rows)
    assert all(row["eval_imagined"] is in_model for row in rows)
    if in_model:
        assert state.eval_steps == 0
    else:  # real episodes: their steps are counted, apart from the budget
        assert state.eval_steps >= 2 * len(rows)
