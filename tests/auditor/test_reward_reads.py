"""The reward's own local witness in the features it reads (``plasma.auditor.reads``, round 22)."""

from __future__ import annotations

import numpy as np
import pytest

from plasma.auditor.local import LocalValidation
from plasma.envs import Transitions, collect
from plasma.simulator.paths import PathsMeta, PhantomPaths

from .exploits import WALL_PUCK, WALL_PUCK_TARGET, TrueStep


@pytest.fixture(scope="module")
def puck() -> tuple[Transitions, PhantomPaths]:
    """Real random-action data of the wall puck, and exact paths that steer it onto its target
    (a proportional push towards the target, damped by the velocity: the real env's own steps,
    the kind of path a planner makes where the reward, minus the distance, peaks)."""
    real = collect(WALL_PUCK, 2000, seed=5)
    truth = TrueStep(WALL_PUCK)
    starts = truth.env.sample_start_states(24, seed=6)
    horizon = 20
    states = np.zeros((len(starts), horizon + 1, 4), np.float32)
    actions = np.zeros((len(starts), horizon, 2), np.float32)
    rewards = np.zeros((len(starts), horizon), np.float32)
    target = np.asarray(WALL_PUCK_TARGET)
    rng = np.random.default_rng(7)
    for i, s in enumerate(starts.astype(np.float64)):
        states[i, 0] = s
        for t in range(horizon):
            push = 4.0 * (target - s[:2]) - 0.5 * s[2:] + rng.normal(0.0, 0.2, 2)
            a = np.clip(push, -1.0, 1.0).astype(np.float32)
            nxt, r, _ = truth.step(s, a)
            actions[i, t], rewards[i, t] = a, r
            states[i, t + 1] = nxt
            s = nxt
    truth.close()
    meta = PathsMeta(
        env_id=WALL_PUCK,
        state_names=list(real.state_names),
        action_low=[-1.0, -1.0],
        action_high=[1.0, 1.0],
    )
    return real, PhantomPaths(states, actions, rewards, meta=meta)


def _reward_flags(local: LocalValidation, paths: PhantomPaths) -> np.ndarray:
    scores = local.score(paths)
    return (scores.physics > 1.0) & (scores.physics_var == paths.state_dim)


def test_the_puck_reward_reads_its_position_and_push_only(
    puck: tuple[Transitions, PhantomPaths],
) -> None:
    real, _ = puck
    local = LocalValidation(real, allowance=0.3, false_alarm=0.05)
    assert local._reads is not None
    # (x, y, vx, vy, push x, push y): the reward is minus the distance to the target and a
    # control cost, no velocity.
    assert local._reads.keep.tolist() == [0, 1, 4, 5]


def test_exact_paths_onto_the_reward_peak_are_not_flagged_for_the_reward(
    puck: tuple[Transitions, PhantomPaths],
) -> None:
    real, paths = puck
    full = LocalValidation(real, allowance=0.3, false_alarm=0.05, reward_reads=False)
    read = LocalValidation(real, allowance=0.3, false_alarm=0.05)
    before = _reward_flags(full, paths)
    after = _reward_flags(read, paths)
    # The full fit (all six features) flags exact steps near the peak; the fit over what the
    # reward reads flags none.
    assert before.any(axis=1).sum() >= 3
    assert after.sum() == 0


def test_a_reward_raised_near_the_peak_is_still_flagged(
    puck: tuple[Transitions, PhantomPaths],
) -> None:
    real, paths = puck
    read = LocalValidation(real, allowance=0.3, false_alarm=0.05)
    line = float(read.allowance_bound[-1])
    raised = paths.select(slice(None))
    raised.rewards = (raised.rewards + 3.0 * line).astype(np.float32)
    flags = _reward_flags(read, raised)
    assert flags.mean() > 0.9


def test_a_reward_that_reads_every_feature_keeps_the_full_fit() -> None:
    # Pendulum: the reward reads the angle (cos, sin), its velocity and, a little, the push;
    # whatever is dropped, the full fit stays for a reward no feature can be dropped from.
    rng = np.random.default_rng(0)
    obs = rng.normal(size=(1500, 3)).astype(np.float32)
    act = rng.normal(size=(1500, 1)).astype(np.float32)
    rew = (-(obs**2).sum(axis=1) - act[:, 0] ** 2).astype(np.float32)
    nxt = (obs + 0.1 * rng.normal(size=obs.shape)).astype(np.float32)
    data = Transitions(
        obs,
        act,
        rew,
        nxt,
        np.zeros(1500, bool),
        (np.arange(1500) % 100 == 99),
        env_id="synthetic",
        state_names=["a", "b", "c"],
    )
    local = LocalValidation(data, allowance=0.3, false_alarm=0.05)
    assert local._reads is None


def test_the_read_fit_is_trusted_no_further_from_real_data_than_every_feature_allows() -> None:
    # The reward reads the push and the first variable only; the second varies in the real
    # data but the reward does not read it there. A step whose second variable lies far beyond
    # every real one is far from real data: its reward bound widens with that distance, as the
    # full fit's does, though its neighbours in the read features are as near as ever.
    rng = np.random.default_rng(1)
    n = 2000
    obs = rng.normal(size=(n, 2)).astype(np.float32)
    act = rng.uniform(-1, 1, size=(n, 1)).astype(np.float32)
    rew = (-np.abs(obs[:, 0]) - 0.5 * act[:, 0] ** 2).astype(np.float32)
    nxt = (obs + 0.05 * rng.normal(size=obs.shape)).astype(np.float32)
    data = Transitions(
        obs,
        act,
        rew,
        nxt,
        np.zeros(n, bool),
        (np.arange(n) % 100 == 99),
        env_id="synthetic",
        state_names=["a", "b"],
    )
    local = LocalValidation(data, allowance=0.3, false_alarm=0.05)
    assert local._reads is not None
    assert local._reads.keep.tolist() == [0, 2]
    near = np.array([[0.3, 0.0]])
    far = np.array([[0.3, 12.0]])
    push = np.array([[0.2]])
    _, bound_near = local.estimate(near, push)
    _, bound_far = local.estimate(far, push)
    assert bound_far[0, -1] > 3.0 * bound_near[0, -1]
