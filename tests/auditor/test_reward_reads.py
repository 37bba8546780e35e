"""The reward's own local witness in the features it reads (``plasma.auditor.reads``, round 22)."""

from __future__ import annotations

import copy

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


def test_the_loop_check_predicts_the_reward_by_the_read_fit(
    puck: tuple[Transitions, PhantomPaths],
) -> None:
    # ``predict`` is what ``reward_cycle``'s loop check compares a loop's pay with: the reward
    # of exact steps onto the peak, by the fit over every feature, misses the real one by many
    # allowances somewhere; by the fit over what the reward reads (as ``local_physics`` judges
    # it), it does not. Off (the training loop's setting), the full fit stays.
    real, paths = puck
    steps = paths.states[:, :-1].reshape(-1, 4)
    actions = paths.actions.reshape(-1, 2)
    paid = paths.rewards.reshape(-1).astype(np.float64)
    full = LocalValidation(real, allowance=0.3, false_alarm=0.05, reward_reads=False)
    read = LocalValidation(real, allowance=0.3, false_alarm=0.05)
    line = float(read.allowance[-1])
    before = np.abs(full.predict(steps, actions)[:, -1] - paid) / line
    after = np.abs(read.predict(steps, actions)[:, -1] - paid) / line
    assert before.max() > 4.0
    assert after.max() < 2.0
    assert after.mean() < 0.5 * before.mean()
    # The state outcomes are the full fit's either way.
    np.testing.assert_allclose(
        read.predict(steps, actions)[:, :-1], full.predict(steps, actions)[:, :-1], rtol=1e-6
    )


class _HalfCone:
    """A trusted reference whose reward is a smoothed one: half the slope of the real reward's
    cone around the target (its error, half the distance, peaks where the paths go), its next
    state the real data's local fit."""

    def __init__(self, real: Transitions) -> None:
        self._states = LocalValidation(real, allowance=0.3, reward_reads=False)

    def predict_mean(self, obs: np.ndarray, act: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        obs, act = np.asarray(obs, np.float64), np.asarray(act, np.float64)
        nxt = obs + self._states.predict(obs, act)[:, :-1]
        gap = np.linalg.norm(obs[:, :2] - np.asarray(WALL_PUCK_TARGET), axis=1)
        return nxt, -0.5 * gap - 0.1 * (act**2).sum(axis=1)


def _reference_reward_flags(local: LocalValidation, paths: PhantomPaths) -> np.ndarray:
    scores = local.score(paths)
    assert scores.reference is not None
    assert scores.reference_var is not None
    return (scores.reference > 1.0) & (scores.reference_var == paths.state_dim)


def test_reference_gap_corrects_the_reward_in_the_features_it_reads(
    puck: tuple[Transitions, PhantomPaths],
) -> None:
    # The reference's reward error, fitted over every feature, is extrapolated across the
    # peak as the reward itself was: exact steps are flagged for the reward. Fitted over the
    # features the reward reads, its correction holds there.
    real, paths = puck
    reference = _HalfCone(real)
    full = LocalValidation(real, allowance=0.3, false_alarm=0.05, reward_reads=False)
    read = LocalValidation(real, allowance=0.3, false_alarm=0.05)
    assert full.set_reference(reference)
    assert read.set_reference(reference)
    assert _reference_reward_flags(full, paths).any(axis=1).sum() >= 3
    assert _reference_reward_flags(read, paths).sum() == 0
    assert read._reads is not None
    assert read._reads.has_reference
    # A reward raised by three lines is still wrong by the corrected reference.
    raised = paths.select(slice(None))
    raised.rewards = (raised.rewards + 3.0 * float(read.allowance_bound[-1])).astype(np.float32)
    assert _reference_reward_flags(read, raised).mean() > 0.9
    # The witness's Rust index is rebuilt with the reference's errors when it is transported
    # (Ray's transport of a calibration goes through the same state).
    feats = np.concatenate([paths.states[:, :-1].reshape(-1, 4), paths.actions.reshape(-1, 2)], 1)
    here, moved = read._reads.fit(feats), copy.deepcopy(read._reads).fit(feats)
    assert here.correction is not None
    assert moved.correction is not None
    np.testing.assert_allclose(moved.correction, here.correction)
    np.testing.assert_allclose(moved.bound, here.bound)
