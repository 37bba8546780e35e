"""Issue 12, round 16: the witnesses are steps that go on, and a termination witness.

A step that ends the episode pays another reward (no alive bonus) and has no next step: mixed
into the neighbours of a live step near the failure boundary, it is a jump the local fit cannot
follow, and its leave-one-out error widens every bound there. The witnesses (the index's fits,
their bounds, the linear law, the models' errors) are made of the transitions that go on; the
line (the allowance) is still drawn from every transition, as the ground truth draws it. The
ends themselves are a witness of their own: where the real transitions near a step more likely
end than go on, a path that goes on from it has the failure boundary wrong
(``local_termination``)."""

from __future__ import annotations

import numpy as np

from plasma.auditor import AdversarialChecker, AuditorConfig, calibrate
from plasma.auditor.local import LocalValidation
from plasma.envs import Transitions
from plasma.simulator.paths import PhantomPaths

BOUND = 1.0
"""The toy's failure boundary: an episode ends when the position's next value passes it."""


def _step(q: np.ndarray, v: np.ndarray, a: np.ndarray) -> tuple[np.ndarray, ...]:
    """q' = q + 0.1 v, v' = v + 0.1 a; the reward 5 - q'^2 while alive, 0 at the end (the
    alive bonus lost); the episode ends when |q'| > BOUND."""
    nq, nv = q + 0.1 * v, v + 0.1 * a
    ended = np.abs(nq) > BOUND
    reward = np.where(ended, 0.0, 5.0 - nq**2)
    return nq, nv, reward, ended


def _toy(n: int = 4000, seed: int = 0) -> Transitions:
    """Random states over and just beyond the live range (a sixth of them end)."""
    rng = np.random.default_rng(seed)
    q = rng.uniform(-1.15, 1.15, n)
    v = rng.uniform(-1, 1, n)
    a = rng.uniform(-1, 1, n)
    nq, nv, reward, ended = _step(q, v, a)
    boundary = ended.copy()
    boundary[99::100] = True
    return Transitions(
        np.stack([q, v], 1).astype(np.float32),
        a[:, None].astype(np.float32),
        reward.astype(np.float32),
        np.stack([nq, nv], 1).astype(np.float32),
        ended,
        boundary & ~ended,
        env_id="ToyEnds",
        state_names=["q", "q_dot"],
    )


def _paths(q0: np.ndarray, v0: np.ndarray, steps: int, reward_offset: float = 0.0) -> PhantomPaths:
    """Paths of the toy's true dynamics from (q0, v0) with zero action that never end (the
    model's view), each reward off by ``reward_offset``."""
    p = len(q0)
    states = np.zeros((p, steps + 1, 2), np.float32)
    rewards = np.zeros((p, steps), np.float32)
    q, v = q0.astype(np.float64), v0.astype(np.float64)
    states[:, 0] = np.stack([q, v], 1)
    for h in range(steps):
        nq, nv, _, _ = _step(q, v, np.zeros(p))
        rewards[:, h] = 5.0 - nq**2 + reward_offset
        q, v = nq, nv
        states[:, h + 1] = np.stack([q, v], 1)
    return PhantomPaths(states=states, actions=np.zeros((p, steps, 1), np.float32), rewards=rewards)


def test_the_reward_witness_leaves_out_the_ends_but_keeps_the_line() -> None:
    real = _toy()
    lv = LocalValidation(real, allowance=0.3, false_alarm=0.05)
    live = ~real.terminated
    assert lv._witness_ended
    # The state outcomes keep every transition; the reward witness has those that go on.
    assert len(lv) == len(live)
    other = lv._reward_witness
    assert other is not None
    assert len(other) == int(live.sum())
    # One line: every transition's reward spread (the drop to 0 at the ends in it).
    np.testing.assert_allclose(other.allowance, lv.allowance)
    np.testing.assert_allclose(other.allowance_bound, lv.allowance_bound)
    assert lv.allowance[-1] > 0.3 * 0.9 * float(real.reward.std())
    assert float(real.reward.std()) > 3 * float(real.reward[live].std())
    # Near the boundary the reward's leave-one-out error is the jump with the ends mixed in,
    # small without them.
    near = np.abs(real.next_obs[:, 0]) > 0.85
    mixed = float(np.quantile(lv._resid[live & near, -1], 0.95))
    alone = float(np.quantile(other._resid[near[live], -1], 0.95))
    assert alone < 0.1 * float(lv.allowance[-1]) < mixed
    # A line drawn from more episodes reaches the reward witness too.
    assert lv.pool_line(_toy(2000, seed=1))
    np.testing.assert_allclose(other.allowance, lv.allowance)


def test_the_reward_witness_can_be_left_out_and_the_training_loop_leaves_it_out() -> None:
    from plasma.train.config import TrainConfig

    lv = LocalValidation(_toy(), allowance=0.3, false_alarm=0.05, reward_witness=False)
    assert lv._witness_ended
    assert lv._reward_witness is None  # every transition judges the reward, as before round 16
    assert AuditorConfig().detectors.local_reward_witness
    assert not TrainConfig().auditor.detectors.local_reward_witness


def test_a_reward_off_by_the_line_is_caught_near_the_boundary() -> None:
    """Paths near the boundary whose reward is off by 1.5 allowances are flagged by the local
    fit of the steps that go on; the same paths with the true reward are not."""
    real = _toy()
    cal = calibrate(real)
    lv = cal.local
    assert lv is not None
    off = 1.5 * float(lv.allowance[-1])
    rng = np.random.default_rng(3)
    q0 = rng.uniform(0.82, 0.86, 20)
    v0 = rng.uniform(0.05, 0.15, 20)
    right = _paths(q0, v0, 3)
    wrong = _paths(q0, v0, 3, reward_offset=off)
    assert np.abs(right.states[:, :, 0]).max() < BOUND
    assert float(lv.score(right).physics.max()) < 1.0
    assert (lv.score(wrong).physics.max(axis=1) > 1.0).all()


def test_a_path_going_on_past_the_boundary_is_flagged_by_the_termination_witness() -> None:
    real = _toy()
    cal = calibrate(real)
    checker = AdversarialChecker(calibration=cal)
    rng = np.random.default_rng(4)
    # Inside: 10 steps well within the live range. Past: paths that cross the boundary at
    # step 3-5 and go on.
    inside = _paths(rng.uniform(-0.3, 0.3, 20), rng.uniform(-0.5, 0.5, 20), 10)
    past = _paths(rng.uniform(0.6, 0.7, 20), rng.uniform(0.9, 1.0, 20), 10)
    assert (np.abs(past.states[:, 6, 0]) > BOUND + 0.1).all()
    lv = cal.local
    assert lv is not None
    assert float(lv.score(inside).ending.max()) < 1.0
    ending = lv.score(past).ending
    assert ending is not None
    assert (ending.max(axis=1) > 1.0).all()
    findings = checker.check_paths(past).findings
    assert {f.path for f in findings if f.detector == "local_termination"} == set(range(20))
    assert not [
        f for f in checker.check_paths(inside).findings if f.detector == "local_termination"
    ]


def test_the_termination_witness_skips_ends_and_last_steps() -> None:
    """A path that ends where the real env ends (a done), or whose last step is the crossing,
    goes on nowhere the real env ends."""
    real = _toy()
    lv = LocalValidation(real, allowance=0.3, false_alarm=0.05)
    rng = np.random.default_rng(5)
    past = _paths(rng.uniform(0.6, 0.7, 10), rng.uniform(0.9, 1.0, 10), 10)
    first = (np.abs(past.states[:, 1:, 0]) > BOUND).argmax(axis=1)
    dones = np.zeros((10, 10), bool)
    dones[np.arange(10), first] = True
    ended = PhantomPaths(
        states=past.states, actions=past.actions, rewards=past.rewards, dones=dones
    )
    scores = lv.score(ended)
    assert scores.ending is not None
    assert float(scores.ending.max()) < 1.0
    # Cut just after the crossing: the crossing is the last step.
    cut = PhantomPaths(
        states=past.states, actions=past.actions, rewards=past.rewards, lengths=first + 1
    )
    cut_scores = lv.score(cut).ending
    assert cut_scores is not None
    assert float(cut_scores.max()) < 1.0


def test_no_ends_no_termination_witness_and_the_index_rebuilds_on_transport() -> None:
    real = _toy()
    never = Transitions(
        real.obs,
        real.action,
        real.reward,
        real.next_obs,
        np.zeros(len(real.obs), bool),
        real.truncated | real.terminated,
        env_id="ToyEnds",
        state_names=["q", "q_dot"],
    )
    plain = LocalValidation(never)
    assert not plain._witness_ended
    assert plain._end_model is None
    assert plain._reward_witness is None
    assert plain.score(_paths(np.zeros(3), np.zeros(3), 4)).ending is None
    lv = LocalValidation(real)
    copy = LocalValidation.__new__(LocalValidation)
    copy.__setstate__(lv.__getstate__())
    x = np.array([[1.1, 0.5], [0.0, 0.0]], np.float32)
    np.testing.assert_allclose(copy.ending(x), lv.ending(x))
    assert lv.ending(x)[0] > 0.9 > 0.1 > lv.ending(x)[1]


def test_the_termination_witness_alone_keeps_the_index_where_episodes_end() -> None:
    from plasma.auditor import DetectorConfig

    three = DetectorConfig(disabled=["local_physics", "local_model_error", "reference_gap"])
    kept = calibrate(_toy(), three).local
    assert kept is not None
    assert kept._end_model is not None
    four = DetectorConfig(
        disabled=["local_physics", "local_model_error", "reference_gap", "local_termination"]
    )
    assert calibrate(_toy(), four).local is None


def test_the_termination_witness_is_not_fitted_when_its_detector_is_off() -> None:
    """A run that leaves local_termination out (the training loop) does not pay for its fit,
    and the other local detectors score the same paths alike."""
    from plasma.auditor import DetectorConfig

    real = _toy()
    rng = np.random.default_rng(6)
    past = _paths(rng.uniform(0.6, 0.7, 8), rng.uniform(0.9, 1.0, 8), 10)
    on = calibrate(real).local
    off = calibrate(real, DetectorConfig(disabled=["local_termination"])).local
    assert on is not None
    assert off is not None
    assert on._end_model is not None
    assert off._end_model is None
    assert off.score(past).ending is None
    np.testing.assert_array_equal(off.score(past).physics, on.score(past).physics)
