"""``evaluate``: real episodes, counted the way the task ends them."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from plasma.distiller import Policy
from plasma.envs import Transitions, collect, make_env, random_policy
from plasma.simulator import WorldModel, WorldModelConfig
from plasma.train.evaluate import DataSupport, evaluate, evaluate_in_model, policy_actor

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


@pytest.fixture(scope="module")
def cartpole() -> tuple[Transitions, WorldModel]:
    """3,000 random CartPole steps and a small model fitted on them."""
    env = make_env("CartPole-v1", seed=0)
    data = collect(env, 3000, policy=random_policy(env, 0), seed=0)
    model = WorldModel.for_env(env, WorldModelConfig(hidden=[64, 64], max_epochs=30))
    model.fit(data)
    return data, model


def test_imagined_episodes_follow_the_real_ones_and_take_no_real_step(
    cartpole: tuple[Transitions, WorldModel],
) -> None:
    env = make_env("CartPole-v1", seed=0)
    _, model = cartpole
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


def test_imagined_episodes_can_give_each_members_own_returns(
    cartpole: tuple[Transitions, WorldModel],
) -> None:
    env = make_env("CartPole-v1", seed=0)
    _, model = cartpole
    policy = Policy(obs_dim=env.state_dim, discrete_actions=env.n_actions, seed=0)
    plain = evaluate_in_model(model, env, policy, 6, seed=100)
    split = evaluate_in_model(model, env, policy, 6, seed=100, per_member=True)
    assert plain.member_returns is None
    assert split.member_returns is not None
    by_member = np.asarray(split.member_returns)
    assert by_member.shape == (model.config.members, 6)
    # the episode's return is the members' mean, and asking for them changes nothing else
    np.testing.assert_allclose(by_member.mean(axis=0), split.returns, rtol=1e-9)
    assert split.model_dump(exclude={"member_returns"}) == plain.model_dump(
        exclude={"member_returns"}
    )


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


def test_the_support_checks_only_what_the_observation_space_leaves_unbounded(
    cartpole: tuple[Transitions, WorldModel],
) -> None:
    data, model = cartpole
    support = DataSupport.of(data, model.obs_low, model.obs_high)
    states = np.concatenate([data.obs, data.next_obs])
    lo, hi = states.min(axis=0), states.max(axis=0)
    bounded = np.isfinite(model.obs_low) & np.isfinite(model.obs_high)
    assert bounded.any()
    assert not bounded.all()
    assert np.all(np.isinf(support.low[bounded]))
    assert np.all(np.isinf(support.high[bounded]))
    np.testing.assert_allclose(support.high[~bounded], (2 * hi - lo)[~bounded], rtol=1e-6)
    assert not support.outside(states).any()
    far = data.obs[:3].copy()
    far[:, np.flatnonzero(~bounded)[0]] = 1e9
    far[2, np.flatnonzero(~bounded)[0]] = np.nan
    assert support.outside(far).all()
    # CartPole's data ends and pays +1: beyond the support a path ends
    assert support.ends
    assert support.ends_first
    assert support.worst_rest(np.array([5, 50])).tolist() == [0.0, 0.0]
    never_ends = DataSupport(
        support.low, support.high, worst_reward=-2.0, mean_reward=1.0, ends=False
    )
    assert never_ends.worst_rest(np.array([5, 50])).tolist() == [-10.0, -100.0]


def test_an_imagined_path_that_leaves_the_support_is_scored_at_the_worst(
    cartpole: tuple[Transitions, WorldModel],
) -> None:
    data, model = cartpole
    env = make_env("CartPole-v1", seed=0)
    policy = Policy(obs_dim=env.state_dim, discrete_actions=env.n_actions, seed=0)
    plain = evaluate_in_model(model, env, policy, 10, seed=100)
    # the data's own support: the model's paths stay in it, nothing changes
    wide = DataSupport.of(data, model.obs_low, model.obs_high)
    within = evaluate_in_model(model, env, policy, 10, seed=100, support=wide)
    assert within.left_support_rate == 0.0
    assert within.returns == plain.returns
    # a support no next state can stay in: every path leaves at its first step
    starts = np.stack([env.reset(seed=100 + k) for k in range(10)])
    tight = DataSupport(
        starts.min(0) - 1e-7, starts.max(0) + 1e-7, worst_reward=-1.0, mean_reward=-1.0, ends=True
    )
    gone = evaluate_in_model(model, env, policy, 10, seed=100, support=tight, max_steps=40)
    assert gone.left_support_rate == 1.0
    assert gone.returns == [-40.0] * 10  # the worst reward for every step to the limit
    assert gone.lengths == [40] * 10
    assert gone.terminated_rate == 0.0
    # alive-bonus data (positive on average, with ends) whose worst step costs: a path ends
    ending = DataSupport(tight.low, tight.high, worst_reward=-1.7, mean_reward=9.0, ends=True)
    fallen = evaluate_in_model(model, env, policy, 10, seed=100, support=ending, max_steps=40)
    assert fallen.returns == [0.0] * 10
    assert fallen.lengths == [1] * 10
    assert fallen.terminated_rate == 1.0


@pytest.mark.parametrize(
    ("end_reward", "step_rewards", "ends_first", "rest"),
    [
        # an ending below every step's reward (a crash penalty): a path beyond the support ends,
        # paying it, whatever the steps pay on average
        (-100.0, (-3.0, 2.0), True, [-100.0, -100.0]),
        # an ending that is the goal of a cost per step: the worst step's cost to the limit
        (0.0, (-1.0, -1.0), False, [-5.0, -50.0]),
        # an ending no worse than the worst step, steps negative on average: not a penalty
        (-3.0, (-3.0, 1.0), False, [-15.0, -150.0]),
        # an alive bonus: an ending costs nothing more
        (1.0, (1.0, 1.0), True, [0.0, 0.0]),
    ],
)
def test_a_path_beyond_the_support_fails_as_the_data_shows_failure(
    cartpole: tuple[Transitions, WorldModel],
    end_reward: float,
    step_rewards: tuple[float, float],
    ends_first: bool,
    rest: list[float],
) -> None:
    data, model = cartpole
    ended = data.terminated.astype(bool)
    assert ended.any()
    assert not ended.all()
    steps = np.where(np.arange(len(data)) % 2 == 0, *step_rewards)
    reward = np.where(ended, end_reward, steps).astype(np.float32)
    relabelled = Transitions(
        data.obs, data.action, reward, data.next_obs, data.terminated, data.truncated
    )
    support = DataSupport.of(relabelled, model.obs_low, model.obs_high)
    assert support.ends_first is ends_first
    assert support.worst_rest(np.array([5, 50])).tolist() == rest
