"""PlasmaEnv on real Gymnasium envs: names, partial state dicts, reset-to-state, time limits."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import gymnasium as gym
import numpy as np
import pytest

from plasma.envs import PlasmaEnv, make_env, random_policy
from plasma.errors import (
    EnvNotSupportedError,
    InvalidArgumentError,
    NotStartedError,
    PlasmaError,
    ShapeError,
)
from tests.envs.helpers import LineEnv

NAMES = {
    "Pendulum-v1": ["cos_theta", "sin_theta", "theta_dot"],
    "CartPole-v1": ["cart_position", "cart_velocity", "pole_angle", "pole_angular_velocity"],
    "Acrobot-v1": [
        "cos_theta1",
        "sin_theta1",
        "cos_theta2",
        "sin_theta2",
        "theta1_dot",
        "theta2_dot",
    ],
    "MountainCar-v0": ["position", "velocity"],
    "MountainCarContinuous-v0": ["position", "velocity"],
}


def _by_hand_state(env_id: str, obs: np.ndarray) -> np.ndarray:
    """The simulator state an observation describes, written out independently of Plasma."""
    o = obs.astype(np.float64)
    if env_id == "Pendulum-v1":
        return np.array([math.atan2(o[1], o[0]), o[2]])
    if env_id == "Acrobot-v1":
        return np.array([math.atan2(o[1], o[0]), math.atan2(o[3], o[2]), o[4], o[5]])
    if env_id == "MountainCarContinuous-v0":
        return obs.astype(np.float32)  # its step() keeps the state in float32
    return o  # CartPole, MountainCar


@pytest.mark.parametrize("env_id", sorted(NAMES))
def test_named_state_variables_and_spaces(env_id: str) -> None:
    with make_env(env_id) as env:
        assert env.env_id == env_id
        assert env.state_names == NAMES[env_id]
        assert env.state_dim == len(NAMES[env_id])
        assert env.supports_set_state
        assert env.obs_low.dtype == np.float32
        assert env.obs_low.shape == env.obs_high.shape == (env.state_dim,)
        assert env.action_low.dtype == env.action_high.dtype == np.float32
        assert env.action_low.shape == (env.action_dim,)
        obs = env.reset(seed=0)
        assert obs.dtype == np.float32
        assert obs.shape == (env.state_dim,)
        assert env.max_episode_steps == gym.spec(env_id).max_episode_steps


def test_discrete_and_box_action_properties() -> None:
    with make_env("CartPole-v1") as cartpole:
        assert cartpole.is_discrete
        assert cartpole.n_actions == 2
        assert cartpole.action_dim == 1
        np.testing.assert_array_equal(cartpole.action_low, [0.0])
        np.testing.assert_array_equal(cartpole.action_high, [1.0])
    with make_env("Acrobot-v1") as acrobot:
        np.testing.assert_array_equal(acrobot.action_high, [2.0])
    with make_env() as pendulum:
        assert pendulum.env_id == "Pendulum-v1"
        assert not pendulum.is_discrete
        assert pendulum.n_actions is None
        np.testing.assert_array_equal(pendulum.action_low, [-2.0])
        np.testing.assert_array_equal(pendulum.action_high, [2.0])
        np.testing.assert_array_equal(pendulum.obs_low, [-1.0, -1.0, -8.0])
        np.testing.assert_array_equal(pendulum.obs_high, [1.0, 1.0, 8.0])


def test_generic_env_gets_x_names_and_no_reset_to_state() -> None:
    with make_env(LineEnv(), max_episode_steps=7) as env:
        assert env.state_names == ["x0", "x1"]
        assert not env.supports_set_state
        assert env.max_episode_steps == 7
        with pytest.raises(EnvNotSupportedError, match="reset-to-state is not available"):
            env.set_state([0.0, 0.0])
        starts = env.sample_start_states(5, seed=1)
        assert starts.shape == (5, 2)
        assert np.all(np.abs(starts) <= 0.1)
        # Sampling used the env itself (it has no separate instance), so it must be reset again.
        with pytest.raises(NotStartedError):
            env.step([0.0])
        env.reset(seed=0)
        for _ in range(6):
            *_, truncated, _info = env.step([0.0])
            assert not truncated
        assert env.step([0.0])[3] is True
        vector, step = env.state_from_dict({"x1": 0.5, "step": 2}, seed=0)
        assert vector[1] == np.float32(0.5)
        assert step == 2


def test_step_before_reset_and_after_close() -> None:
    env = make_env("CartPole-v1")
    with pytest.raises(NotStartedError, match="reset"):
        env.step(0)
    env.close()
    env.close()  # twice is fine
    with pytest.raises(NotStartedError, match="closed"):
        env.reset()


def test_step_returns_plain_types_and_validates_actions() -> None:
    with make_env("CartPole-v1", seed=0) as env:
        env.reset()
        obs, reward, terminated, truncated, info = env.step(np.array([1.0], dtype=np.float32))
        assert obs.dtype == np.float32
        assert type(reward) is float
        assert type(terminated) is bool
        assert type(truncated) is bool
        assert isinstance(info, dict)
        env.step(np.int64(0))
        with pytest.raises(InvalidArgumentError, match=r"integer in 0\.\.1"):
            env.step(2)
        with pytest.raises(InvalidArgumentError, match="integer"):
            env.step(0.5)
        with pytest.raises(ShapeError, match=r"expected \(1,\)"):
            env.step([0, 1])
    with make_env("Pendulum-v1", seed=0) as env:
        env.reset()
        with pytest.raises(InvalidArgumentError, match="not finite"):
            env.step([float("nan")])
        with pytest.raises(ShapeError, match="shape"):
            env.step([0.0, 0.0])
        # Out-of-range torques are passed on; Pendulum clips them itself.
        env.step([5.0])


def test_seed_makes_reset_reproducible() -> None:
    with make_env("Pendulum-v1", seed=42) as a, make_env("Pendulum-v1", seed=42) as b:
        np.testing.assert_array_equal(a.reset(), b.reset())
        np.testing.assert_array_equal(a.reset(), b.reset())
    with make_env("Pendulum-v1") as c:
        np.testing.assert_array_equal(c.reset(seed=5), c.reset(seed=5))


def test_max_episode_steps_truncates() -> None:
    with make_env("Pendulum-v1", max_episode_steps=3, seed=0) as env:
        env.reset()
        flags = [env.step([0.0])[3] for _ in range(3)]
        assert flags == [False, False, True]
        assert env.elapsed_steps == 3
    with pytest.raises(InvalidArgumentError, match="max_episode_steps"):
        make_env("Pendulum-v1", max_episode_steps=0)


# ----------------------------------------------------------------------- reset-to-state


@pytest.mark.parametrize("env_id", sorted(NAMES))
def test_set_state_round_trip(env_id: str) -> None:
    """After set_state(obs), stepping equals stepping a fresh env whose state was set by hand."""
    with make_env(env_id, seed=3) as live, make_env(env_id) as replay:
        policy = random_policy(live, seed=11)
        obs = live.reset()
        for _ in range(5):
            obs, *_ = live.step(policy(obs))
        action = live.action_to_array(policy(obs))
        live_next, live_reward, *_ = live.step(action)

        returned = replay.set_state(obs)
        np.testing.assert_allclose(returned, obs, atol=1e-6)
        got, got_reward, got_term, got_trunc, _ = replay.step(action)

        reference = gym.make(env_id)
        reference.reset(seed=0)
        reference.unwrapped.state = _by_hand_state(env_id, obs)  # type: ignore[attr-defined]
        env_action: Any = int(action[0]) if replay.is_discrete else action
        ref_next, ref_reward, ref_term, ref_trunc, _ = reference.step(env_action)
        reference.close()

        np.testing.assert_array_equal(got, np.asarray(ref_next, dtype=np.float32))
        assert got_reward == float(ref_reward)
        assert got_term == ref_term
        assert got_trunc == ref_trunc
        # And it continues the live trajectory (up to the float32 rounding of the observation).
        np.testing.assert_allclose(got, live_next, atol=1e-4)
        assert got_reward == pytest.approx(live_reward, abs=1e-3)


def test_set_state_is_exact_for_mountain_car_continuous() -> None:
    """Its state is float32, so the observation holds all of it and the replay is bit-exact."""
    with (
        make_env("MountainCarContinuous-v0", seed=0) as live,
        make_env("MountainCarContinuous-v0") as replay,
    ):
        obs = live.reset()
        obs, *_ = live.step([1.0])
        replay.set_state(obs)
        for action in ([1.0], [-0.3], [0.7]):
            np.testing.assert_array_equal(replay.step(action)[0], live.step(action)[0])


def test_set_state_sets_time_index() -> None:
    with make_env("Pendulum-v1") as env:
        env.set_state([1.0, 0.0, 0.0], step=198)
        assert env.elapsed_steps == 198
        assert env.step([0.0])[3] is False
        assert env.step([0.0])[3] is True
        with pytest.raises(InvalidArgumentError, match="past the episode limit"):
            env.set_state([1.0, 0.0, 0.0], step=200)


def test_set_state_validates_input() -> None:
    with make_env("CartPole-v1") as env:
        with pytest.raises(ShapeError, match=r"expected \(4,\)"):
            env.set_state([0.0, 0.0])
        with pytest.raises(InvalidArgumentError, match="pole_angle"):
            env.set_state([0.0, 0.0, float("inf"), 0.0])


def test_pendulum_set_state_uses_the_angle() -> None:
    with make_env("Pendulum-v1") as env:
        env.set_state([0.0, 1.0, 0.5])
        state = env.gym_env.unwrapped.state  # type: ignore[attr-defined]
        np.testing.assert_allclose(state, [math.pi / 2, 0.5])


# ----------------------------------------------------------------------- start states


def test_sample_start_states_matches_reset_distribution() -> None:
    with make_env("CartPole-v1") as env:
        starts = env.sample_start_states(200, seed=0)
        assert starts.shape == (200, 4)
        assert starts.dtype == np.float32
        assert np.all(np.abs(starts) <= 0.05)
        assert np.unique(starts[:, 0]).size == 200
        np.testing.assert_array_equal(starts, env.sample_start_states(200, seed=0))
        assert env.sample_start_states(0).shape == (0, 4)
        # The adapter's own episode is not disturbed.
        env.reset(seed=1)
        env.sample_start_states(3, seed=2)
        env.step(0)
    with make_env("MountainCar-v0") as car:
        starts = car.sample_start_states(50, seed=1)
        assert np.all((starts[:, 0] >= -0.6) & (starts[:, 0] <= -0.4))
        np.testing.assert_array_equal(starts[:, 1], 0.0)


def test_state_from_dict_full_and_partial() -> None:
    with make_env("CartPole-v1") as env:
        full = {name: 0.01 * (i + 1) for i, name in enumerate(NAMES["CartPole-v1"])}
        vector, step = env.state_from_dict(full)
        np.testing.assert_allclose(vector, [0.01, 0.02, 0.03, 0.04], rtol=1e-6)
        assert step == 0
        vector, step = env.state_from_dict({"pole_angle": 0.1, "step": 17}, seed=3)
        assert step == 17
        assert vector.dtype == np.float32
        assert vector[2] == np.float32(0.1)
        # The missing variables come from the start distribution, reproducibly.
        start = env.sample_start_states(1, seed=3)[0]
        np.testing.assert_array_equal(np.delete(vector, 2), np.delete(start, 2))
        again, _ = env.state_from_dict({"pole_angle": 0.1}, seed=3)
        np.testing.assert_array_equal(vector, again)
        with_rng, _ = env.state_from_dict({"pole_angle": 0.1}, seed=np.random.default_rng(0))
        assert np.all(np.abs(np.delete(with_rng, 2)) <= 0.05)


def test_state_from_dict_pendulum_theta() -> None:
    with make_env("Pendulum-v1") as env:
        vector, step = env.state_from_dict({"theta": math.pi / 3, "theta_dot": -1.5, "step": 4})
        np.testing.assert_allclose(vector, [0.5, math.sqrt(3) / 2, -1.5], rtol=1e-6)
        assert step == 4
        vector, _ = env.state_from_dict({"cos_theta": 0.0, "sin_theta": -1.0}, seed=0)
        assert abs(vector[2]) <= 1.0
        with pytest.raises(InvalidArgumentError, match="not both"):
            env.state_from_dict({"theta": 0.0, "cos_theta": 1.0})
        with pytest.raises(InvalidArgumentError, match="give both"):
            env.state_from_dict({"cos_theta": 1.0})
        with pytest.raises(InvalidArgumentError, match="theta"):
            env.state_from_dict({"cos_theta": 1.0, "sin_theta": 1.0})


def test_state_from_dict_acrobot_angles() -> None:
    with make_env("Acrobot-v1") as env:
        vector, _ = env.state_from_dict({"theta1": math.pi, "theta2": 0.0}, seed=0)
        np.testing.assert_allclose(vector[:4], [-1.0, 0.0, 1.0, 0.0], atol=1e-6)


def test_state_from_dict_errors() -> None:
    with make_env("Pendulum-v1") as env:
        with pytest.raises(InvalidArgumentError) as info:
            env.state_from_dict({"angle": 1.0})
        message = str(info.value)
        assert "'angle'" in message
        for name in ("cos_theta", "sin_theta", "theta_dot", "theta", "step"):
            assert name in message
        with pytest.raises(InvalidArgumentError, match="not finite"):
            env.state_from_dict({"theta_dot": float("nan")})
        with pytest.raises(InvalidArgumentError, match="must be a number"):
            env.state_from_dict({"theta_dot": "fast"})  # type: ignore[dict-item]
        with pytest.raises(InvalidArgumentError, match="step"):
            env.state_from_dict({"step": -1})
        with pytest.raises(InvalidArgumentError, match="step"):
            env.state_from_dict({"step": 1.5})
        with pytest.raises(InvalidArgumentError, match="past the episode limit"):
            env.state_from_dict({"step": 200})
        # The error classes are also ValueError, so plain `except ValueError` works.
        with pytest.raises(ValueError, match="unknown state variable"):
            env.state_from_dict({"x0": 1.0})


def test_state_to_dict() -> None:
    with make_env("MountainCar-v0") as env:
        assert env.state_to_dict([-0.5, 0.01]) == pytest.approx(
            {"position": -0.5, "velocity": 0.01}
        )


# ----------------------------------------------------------------------- variants


def _pendulum_step(variant: dict[str, float] | str | None, u: float) -> np.ndarray:
    with make_env("Pendulum-v1", variant) as env:
        env.set_state([math.cos(0.7), math.sin(0.7), 0.3])
        return env.step([u])[0]


def test_pendulum_variant_changes_dynamics() -> None:
    default = _pendulum_step(None, 0.5)
    np.testing.assert_array_equal(default, _pendulum_step({"g": 10.0}, 0.5))
    heavier_gravity = _pendulum_step({"g": 12.0}, 0.5)
    assert not np.allclose(default, heavier_gravity)
    # Exactly Gymnasium's update with the new constants.
    g, m, length, dt, u, th, thdot = 12.0, 1.2, 0.8, 0.05, 0.5, 0.7, 0.3
    new_thdot = thdot + (3 * g / (2 * length) * math.sin(th) + 3.0 / (m * length**2) * u) * dt
    new_th = th + new_thdot * dt
    expected = [math.cos(new_th), math.sin(new_th), new_thdot]
    got = _pendulum_step("g=12.0, m=1.2, l=0.8", u)
    np.testing.assert_allclose(got, expected, rtol=1e-5)


def _first_step(env_id: str, variant: dict[str, float] | None, action: object) -> np.ndarray:
    with make_env(env_id, variant) as env:
        start = env.sample_start_states(1, seed=7)[0]
        if env_id.startswith("MountainCar"):
            start = np.array([-0.3, 0.02], dtype=np.float32)
        env.set_state(start)
        return env.step(action)[0]


@pytest.mark.parametrize(
    ("env_id", "variant", "action"),
    [
        ("CartPole-v1", {"gravity": 20.0}, 1),
        ("CartPole-v1", {"masscart": 2.0}, 1),
        ("CartPole-v1", {"masspole": 0.5}, 1),
        ("CartPole-v1", {"length": 1.0}, 1),
        ("CartPole-v1", {"force_mag": 20.0}, 1),
        ("MountainCar-v0", {"force": 0.002}, 2),
        ("MountainCar-v0", {"gravity": 0.005}, 1),
        ("MountainCarContinuous-v0", {"power": 0.003}, [1.0]),
        ("Acrobot-v1", {"LINK_MASS_1": 2.0}, 2),
        ("Acrobot-v1", {"link_length_1": 1.5}, 2),
        ("Acrobot-v1", {"LINK_MASS_2": 0.5}, 2),
        ("Acrobot-v1", {"LINK_COM_POS_2": 0.8}, 2),
    ],
)
def test_variants_change_dynamics(env_id: str, variant: dict[str, float], action: object) -> None:
    base = _first_step(env_id, None, action)
    changed = _first_step(env_id, variant, action)
    assert not np.array_equal(base, changed), f"{variant} did not change {env_id}"


def test_cartpole_variant_keeps_derived_attributes_consistent() -> None:
    with make_env("CartPole-v1", {"masspole": 0.3, "masscart": 2.0, "length": 0.8}) as env:
        unwrapped: Any = env.gym_env.unwrapped
        assert unwrapped.total_mass == pytest.approx(2.3)
        assert unwrapped.polemass_length == pytest.approx(0.24)
        assert env.variant == {"masspole": 0.3, "masscart": 2.0, "length": 0.8}


def test_acrobot_variant_lower_case_aliases() -> None:
    with make_env("Acrobot-v1", "link_length_2=1.5,link_mass_2=2") as env:
        assert env.variant == {"LINK_LENGTH_2": 1.5, "LINK_MASS_2": 2.0}
        unwrapped: Any = env.gym_env.unwrapped
        assert unwrapped.LINK_LENGTH_2 == 1.5
        assert unwrapped.LINK_MASS_2 == 2.0
    # Instance attributes: other Acrobot envs keep the class defaults.
    with make_env("Acrobot-v1") as other:
        assert other.gym_env.unwrapped.LINK_MASS_2 == 1.0  # type: ignore[attr-defined]


def test_variant_also_applies_to_start_state_sampler() -> None:
    with make_env("CartPole-v1", {"gravity": 3.0}) as env:
        env.sample_start_states(1, seed=0)
        assert env._sampler is not None
        assert env._sampler.unwrapped.gravity == 3.0  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("env_id", "variant", "match"),
    [
        ("Pendulum-v1", {"gravity": 12.0}, r"unknown variant parameter 'gravity'.*g, m, l"),
        ("CartPole-v1", {"g": 12.0}, "gravity, masscart, masspole, length, force_mag"),
        ("MountainCarContinuous-v0", {"force": 1.0}, "valid parameters: power"),
        ("Pendulum-v1", {"g": 0.0}, "finite positive"),
        ("Pendulum-v1", {"m": -1.0}, "finite positive"),
        ("Pendulum-v1", {"l": float("nan")}, "finite positive"),
        ("Pendulum-v1", {"g": True}, "must be a number"),
        ("Pendulum-v1", {"g": "12"}, "must be a number"),
        ("Pendulum-v1", "g=12,,m", "name=value"),
        ("Pendulum-v1", "g=twelve", "not a number"),
        ("Pendulum-v1", "g=1,g=2", "twice"),
        ("Acrobot-v1", {"LINK_MASS_1": 1.0, "link_mass_1": 2.0}, "twice"),
        ("Pendulum-v1", 12.0, "mapping"),
    ],
)
def test_bad_variants(env_id: str, variant: Any, match: str) -> None:
    with pytest.raises(InvalidArgumentError, match=match):
        make_env(env_id, variant)


def test_variant_on_generic_env_is_rejected() -> None:
    with pytest.raises(InvalidArgumentError, match="no physical parameters"):
        make_env(LineEnv(), {"g": 1.0})


def test_empty_variant_forms() -> None:
    variants: list[dict[str, float] | str | None] = [None, {}, "", " , "]
    for variant in variants:
        with make_env("Pendulum-v1", variant) as env:
            assert env.variant == {}


# ----------------------------------------------------------------------- unsupported ids


def test_unknown_env_id_is_a_clear_error() -> None:
    with pytest.raises(EnvNotSupportedError, match="unknown Gymnasium env id 'NoSuchEnv-v0'"):
        make_env("NoSuchEnv-v0")
    with pytest.raises(EnvNotSupportedError, match=r"v0.*v1"):
        make_env("CartPole-v9")


def test_unsupported_env_id_lists_what_is_missing() -> None:
    with pytest.raises(EnvNotSupportedError, match="observation space is Tuple"):
        make_env("Blackjack-v1")


def test_errors_are_plasma_errors() -> None:
    factories: list[Callable[[], object]] = [
        lambda: make_env("NoSuchEnv-v0"),
        lambda: make_env("Pendulum-v1", {"q": 1.0}),
    ]
    for factory in factories:
        with pytest.raises(PlasmaError):
            factory()


def test_repr_and_wrapping_constructor() -> None:
    env = PlasmaEnv(gym.make("Pendulum-v1"), variant={"g": 9.0})
    with env:
        assert "Pendulum-v1" in repr(env)
        assert "g" in repr(env)
        assert env.max_episode_steps == 200
