"""collect: exact step counts, episode boundaries, seeding, policies and the progress bar."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from plasma.envs import Transitions, collect, make_env, random_policy
from plasma.envs.collect import pink_noise
from plasma.errors import InvalidArgumentError, ShapeError
from tests.envs.helpers import LineEnv


def _assert_stream_consistent(t: Transitions) -> None:
    """Within an episode next_obs[i] is obs[i+1]; after an episode end a new one starts."""
    done = t.done[:-1]
    same = np.all(t.next_obs[:-1] == t.obs[1:], axis=1)
    assert np.all(same[~done])


def test_collect_counts_steps_exactly_and_resets_at_episode_ends() -> None:
    with make_env("CartPole-v1") as env:
        t = collect(env, 777, seed=0)
    assert len(t) == 777
    assert t.env_id == "CartPole-v1"
    assert t.n_actions == 2
    assert t.state_names[0] == "cart_position"
    assert t.action.shape == (777, 1)
    assert set(np.unique(t.action).tolist()) == {0.0, 1.0}
    assert t.terminated.sum() > 10  # random CartPole episodes are short
    _assert_stream_consistent(t)
    # After a termination the next obs is a fresh start state, not the terminal one.
    ends = np.flatnonzero(t.terminated[:-1])
    assert np.all(np.abs(t.obs[ends + 1]) <= 0.05)
    # Every complete CartPole episode returns its length (+1 per step), one by one.
    lengths = np.diff(np.flatnonzero(t.done), prepend=-1)
    np.testing.assert_array_equal(t.episode_returns(), lengths.astype(np.float64))


def test_collect_truncates_at_the_time_limit() -> None:
    with make_env("Pendulum-v1", max_episode_steps=10) as env:
        t = collect(env, 35, seed=1)
    assert np.flatnonzero(t.truncated).tolist() == [9, 19, 29]
    assert not t.terminated.any()
    assert len(t.episode_returns()) == 3
    _assert_stream_consistent(t)
    np.testing.assert_allclose(t.episode_returns()[0], t.reward[:10].sum(dtype=np.float64))


def test_collect_continues_a_running_episode() -> None:
    """From the last observation of a collection, 190 steps into a 200-step Pendulum episode,
    the next collection takes the steps the first would have taken next, and the episode meets
    its time limit 10 steps later."""
    env = make_env("Pendulum-v1", seed=0)
    act = random_policy(env, 1)
    whole = collect(env, 195, policy=act, seed=3)
    act = random_policy(env, 1)
    head = collect(env, 190, policy=act, seed=3)
    tail = collect(env, 30, policy=act, seed=4, start=head.next_obs[-1], start_step=190)
    np.testing.assert_array_equal(tail.obs[0], head.next_obs[-1])
    np.testing.assert_allclose(tail.obs[:5], whole.obs[190:], atol=1e-5)
    assert np.flatnonzero(tail.done).tolist() == [9]
    assert tail.truncated[9]
    with pytest.raises(InvalidArgumentError):
        collect(env, 5, seed=4, start=head.next_obs[-1], start_step=200)


def test_collect_is_reproducible_with_a_seed() -> None:
    a = collect("Pendulum-v1", 50, seed=3)
    b = collect("Pendulum-v1", 50, seed=3)
    c = collect("Pendulum-v1", 50, seed=4)
    np.testing.assert_array_equal(a.obs, b.obs)
    np.testing.assert_array_equal(a.action, b.action)
    assert not np.array_equal(a.action, c.action)
    assert np.all(np.abs(a.action) <= 2.0)


def test_collect_records_variant_and_uses_policy(tmp_path: Path) -> None:
    seen: list[np.ndarray] = []

    def push_right(obs: np.ndarray) -> int:
        seen.append(obs)
        return 2

    with make_env("MountainCar-v0", {"force": 0.002}) as env:
        t = collect(env, 40, policy=push_right, seed=0)
    assert len(seen) == 40
    assert all(o.dtype == np.float32 and o.shape == (2,) for o in seen)
    np.testing.assert_array_equal(t.action, 2.0)
    assert t.variant == {"force": 0.002}
    loaded = Transitions.load(t.save(tmp_path / "car.npz"))
    assert loaded.variant == {"force": 0.002}
    assert loaded.state_names == ["position", "velocity"]


def test_collect_rejects_bad_policy_output_and_counts() -> None:
    with make_env("CartPole-v1") as env:
        with pytest.raises(InvalidArgumentError, match=r"integer in 0\.\.1"):
            collect(env, 5, policy=lambda obs: 3)
        with pytest.raises(ShapeError):
            collect(env, 5, policy=lambda obs: [0, 1])
        for bad in (0, -3, 2.5, True):
            with pytest.raises(InvalidArgumentError, match="n_steps"):
                collect(env, bad)  # type: ignore[arg-type]


def test_collect_generic_env() -> None:
    with make_env(LineEnv(), max_episode_steps=20) as env:
        t = collect(env, 45, seed=0)
    assert t.state_names == ["x0", "x1"]
    assert t.n_actions is None
    assert np.flatnonzero(t.truncated).tolist() == [19, 39]
    assert np.all((t.action >= -1.0) & (t.action <= 1.0))


def test_random_policy_unbounded_dims() -> None:
    from gymnasium import spaces

    class Unbounded(LineEnv):
        def __init__(self) -> None:
            super().__init__()
            self.action_space = spaces.Box(
                np.array([-np.inf, 0.0, -np.inf], dtype=np.float32),
                np.array([np.inf, np.inf, 1.0], dtype=np.float32),
                dtype=np.float32,
            )

    with make_env(Unbounded()) as env:
        policy = random_policy(env, seed=0)
        draws = np.stack([policy(np.zeros(2, np.float32)) for _ in range(200)])
    assert draws.dtype == np.float32
    assert np.all(np.isfinite(draws))
    assert np.all(draws[:, 1] >= 0.0)
    assert np.all(draws[:, 2] <= 1.0)


def test_collect_progress_bar(capsys: pytest.CaptureFixture[str]) -> None:
    t = collect("CartPole-v1", 30, seed=0, progress=True)
    assert len(t) == 30
    out = capsys.readouterr()
    assert "collect CartPole-v1" in out.out + out.err


def test_correlated_random_actions_keep_the_uniform_draw_and_a_direction() -> None:
    with make_env("MountainCarContinuous-v0", seed=0) as env:
        white = random_policy(env, seed=1)
        pink = random_policy(env, seed=1, correlated_steps=500)
        obs = np.zeros(env.state_dim, dtype=np.float32)
        a_white = np.array([white(obs)[0] for _ in range(5000)])
        a_pink = np.array([pink(obs)[0] for _ in range(5000)])
    for a in (a_white, a_pink):
        assert a.min() >= -1.0
        assert a.max() <= 1.0
        # uniform on [-1, 1]: each fifth of the range holds a fifth of the draws
        shares = np.histogram(a, bins=5, range=(-1.0, 1.0))[0] / a.size
        assert np.abs(shares - 0.2).max() < 0.05
    lag1 = [float(np.corrcoef(a[:-1], a[1:])[0, 1]) for a in (a_white, a_pink)]
    assert abs(lag1[0]) < 0.1
    assert lag1[1] > 0.5


def test_correlated_random_discrete_actions_are_uniform_and_persist() -> None:
    with make_env("MountainCar-v0", seed=0) as env:
        pink = random_policy(env, seed=2, correlated_steps=300)
        obs = np.zeros(env.state_dim, dtype=np.float32)
        a = np.array([pink(obs) for _ in range(6000)])
    assert set(np.unique(a)) == {0, 1, 2}
    assert np.abs(np.bincount(a) / a.size - 1 / 3).max() < 0.06
    assert np.mean(a[1:] == a[:-1]) > 0.5  # white draws repeat a third of the time


def test_correlated_random_steps_reach_further_up_the_valley() -> None:
    # The continuous mountain car: pushing one way for long enough is what gets the car up.
    reached = {}
    for steps in (None, 500):
        tops = []
        for seed in range(4):
            policy = random_policy(
                make_env("MountainCarContinuous-v0"), seed, correlated_steps=steps
            )
            data = collect("MountainCarContinuous-v0", 500, policy=policy, seed=seed)
            tops.append(float(data.next_obs[:, 0].max()))
        reached[steps] = float(np.mean(tops))
    assert reached[500] > reached[None] + 0.2


def test_pink_noise_is_standard_normal_at_every_length() -> None:
    rng = np.random.default_rng(0)
    for steps in (1, 2, 9, 64, 501):
        x = np.concatenate([pink_noise(steps, 2, rng) for _ in range(max(40, 4000 // steps))])
        assert x.shape[1] == 2
        assert abs(float(x.mean())) < 0.1
        assert abs(float(x.std()) - 1.0) < 0.06
