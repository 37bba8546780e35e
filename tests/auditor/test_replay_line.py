"""Issue 12, stop 27: a replay measures a step's error exactly, so what it judges by is only as
good as its line of "correct", a share of a spread the calibration's episodes estimate. With
the env at hand the replays estimate it on more episodes (``review.replay_line_steps``). The
red-team probe counts only what a plan loses after its first wrong step, from the real state
reached there."""

from __future__ import annotations

import numpy as np
import pytest

from plasma.auditor.config import AuditorConfig
from plasma.auditor.local import LocalValidation
from plasma.simulator.paths import PhantomPaths
from tests.support.episodes import pushed_episodes


def test_more_episodes_pull_the_line_to_the_spread_and_narrow_its_bound() -> None:
    # Two unlike episodes: the calibration's spread is far from the population's (the
    # strengths 0.5 .. 2.0 equally likely), and its bound is wide.
    few = pushed_episodes([2.0, 1.5], 500)
    res = np.array([1e-4, 1e-4])
    local = LocalValidation(few, resolution=res, allowance=0.3, confidence=2.33)
    many = pushed_episodes(list(np.tile([0.5, 1.0, 1.5, 2.0], 60)), 100, seed=1)
    truth = 0.3 * float(np.std(many.next_obs - many.obs))
    allowance, bound = local.pooled_line(many)
    # The pooled line lies near the population's, the calibration's does not.
    assert abs(allowance[0] - truth) < 0.05 * truth
    assert abs(float(local.allowance[0]) - truth) > 0.15 * truth
    # Its bound is narrower than the calibration's, in proportion to the line.
    assert bound[0] / allowance[0] < 1.1
    assert float(local.allowance_bound[0] / local.allowance[0]) > bound[0] / allowance[0]
    # The calibration's own values are unchanged.
    again = LocalValidation(few, resolution=res, allowance=0.3, confidence=2.33)
    np.testing.assert_allclose(local.allowance, again.allowance)
    np.testing.assert_allclose(local.allowance_bound, again.allowance_bound)


async def test_replays_judge_by_the_pooled_line_only_with_steps_to_pool() -> None:
    from plasma.auditor import Auditor
    from plasma.auditor.review import ReviewEngine
    from plasma.envs import collect, make_env
    from plasma.simulator import WorldModel

    real = collect("Pendulum-v1", 400, seed=5)  # two episodes
    model = WorldModel(3, 1, {"members": 2, "hidden": [32], "max_epochs": 3, "seed": 0})
    model.fit(real)
    async with Auditor({"review": {"replay_line_steps": 4000}}) as auditor:
        await auditor.calibrate(real, model=model)
        cal = auditor.calibration
        config = auditor.config
    assert cal is not None
    assert cal.local is not None
    paths = PhantomPaths(
        states=np.stack([real.obs[:5], real.next_obs[:5]], axis=1),
        actions=real.action[:5][:, None, :],
        rewards=real.reward[:5][:, None],
    )
    env = make_env("Pendulum-v1", seed=0)
    try:
        pooled = ReviewEngine(config, cal)
        pooled.prepare_line(env)
        unit, _, limit = pooled.replay_units(paths, range(5))
        assert limit == 1.0
        extra = collect(env, 4000, seed=config.review.seed + 7_919)
        line = cal.local.pooled_line(extra)
        np.testing.assert_allclose(pooled.line()[1], line[1])
        np.testing.assert_allclose(pooled.line()[0], line[0])
        assert not np.allclose(line[1], np.asarray(cal.local.allowance_bound))
        review = config.review.model_copy(update={"replay_line_steps": 0})
        off = ReviewEngine(config.model_copy(update={"review": review}), cal)
        off.prepare_line(env)
        unit_off, _, _ = off.replay_units(paths, range(5))
        # The same sampling noise on top of either line.
        shift = line[1] - np.asarray(cal.local.allowance_bound)
        np.testing.assert_allclose(unit - unit_off, shift[:3], rtol=1e-6, atol=1e-9)
    finally:
        env.close()


class _Follow:
    """The model's promise from a state: a fixed return per call, recording the calls."""

    def __init__(self, promise: float) -> None:
        self.promise = promise
        self.calls: list[tuple[np.ndarray, int, np.ndarray]] = []

    def generate(
        self, starts: np.ndarray, horizon: int, *, seed: int, mode: str, actions: np.ndarray
    ) -> PhantomPaths:
        assert mode == "actions"
        self.calls.append((starts.copy(), horizon, actions.copy()))
        rewards = np.zeros((1, horizon), np.float32)
        rewards[0, 0] = self.promise
        states = np.repeat(starts[:, None], horizon + 1, axis=1)
        return PhantomPaths(states=states, actions=actions, rewards=rewards)


def test_the_probe_counts_the_loss_after_the_first_wrong_step_from_the_real_state() -> None:
    from plasma.auditor.report import ReplayRecord
    from plasma.auditor.review import ReviewEngine
    from plasma.envs import make_env

    env = make_env("CartPole-v1", seed=0)
    start = env.reset(seed=1)
    h = 30
    # Pushing one way only: the pole falls within about ten steps.
    actions = np.ones((3, h, 1), np.float32)
    states = np.repeat(start[None, None], 3, axis=0).repeat(h + 1, axis=1)
    probe = PhantomPaths(states=states, actions=actions, rewards=np.ones((3, h), np.float32))

    def record(first: int | None) -> ReplayRecord:
        return ReplayRecord(
            path=0,
            steps=h,
            unit="tolerance",
            limit=1.0,
            max_error=0.0,
            mean_error=0.0,
            first_divergence=first,
            imagined_return=float(h),
            real_return=0.0,
            return_gap=0.0,
            relative_gap=0.0,
        )

    follow = _Follow(promise=20.0)
    engine = ReviewEngine(AuditorConfig())
    lost = engine._tail_losses(probe, [record(None), record(3), record(25)], env, follow)
    # No wrong step: nothing counts. The episode ends before step 25: nothing counts.
    assert lost[0] == 0.0
    assert lost[2] == 0.0
    assert len(follow.calls) == 1
    # From step 3: the model is asked from the real state reached there, for the rest.
    point, horizon, rest = follow.calls[0]
    env.set_state(start)
    for _ in range(3):
        reached, *_ = env.step(actions[0, 0])
    np.testing.assert_allclose(point[0], reached, atol=1e-6)
    assert horizon == h - 3
    np.testing.assert_array_equal(rest[0], actions[1, 3:])
    paid = 0
    while True:
        _o, reward, terminated, truncated, _ = env.step(actions[0, 0])
        paid += int(reward)
        if terminated or truncated:
            break
    assert 0 < paid < h - 3
    assert lost[1] == pytest.approx(20.0 - paid)
    env.close()
