"""Reset-to-state for MuJoCo envs: found from real steps, verified, refused where the observation
does not determine the step (real Gymnasium MuJoCo envs)."""

from __future__ import annotations

import gymnasium as gym
import numpy as np
import pytest
from gymnasium import spaces

from plasma.auditor import Auditor
from plasma.envs import make_env
from plasma.envs.adapter import PlasmaEnv
from plasma.errors import EnvNotSupportedError
from plasma.simulator.paths import PathsMeta, PhantomPaths

pytest.importorskip("mujoco")

NO_VELOCITY_ID = "PlasmaTest/InvertedPendulumNoVelocity-v0"


def _no_velocity() -> gym.Env:
    """InvertedPendulum observing its positions only: the velocities that drive the next step
    are not in the observation."""
    env = gym.make("InvertedPendulum-v5", disable_env_checker=True)
    box = spaces.Box(-np.inf, np.inf, (2,), np.float64)
    return gym.wrappers.TransformObservation(env, lambda obs: obs[:2], box)


if NO_VELOCITY_ID not in gym.registry:
    gym.register(NO_VELOCITY_ID, entry_point=_no_velocity, max_episode_steps=1000)


Step = tuple[np.ndarray, np.ndarray, np.ndarray, float, bool]


def _real_steps(env_id: str, n: int, seed: int) -> list[Step]:
    """``n`` real transitions ``(obs, action, next_obs, reward, terminated)``, random actions."""
    out = []
    with make_env(env_id, seed=seed) as env:
        rng = np.random.default_rng(seed)
        obs = env.reset(seed=seed)
        while len(out) < n:
            action = rng.uniform(env.action_low, env.action_high).astype(np.float32)
            nxt, reward, terminated, truncated, _ = env.step(action)
            out.append((obs, action, nxt, reward, terminated))
            obs = env.reset() if terminated or truncated else nxt
    return out


def test_mujoco_reset_to_state_replays_a_real_step_exactly() -> None:
    steps = _real_steps("InvertedPendulum-v5", 200, seed=3)
    with make_env("InvertedPendulum-v5", seed=11) as env:
        support = env.reset_to_state
        assert env.supports_set_state
        assert support.method == "mujoco"
        assert support.verified > 0
        assert "reproduced" in support.reason
        env.reset()
        for obs, action, nxt, reward, terminated in steps:
            reported = env.set_state(obs)
            np.testing.assert_array_equal(reported, obs)  # obs = qpos + qvel, nothing derived
            replayed, r, term, _trunc, _ = env.step(action)
            # Exactly the real step, up to the float32 rounding of the stored observation.
            np.testing.assert_allclose(replayed, nxt, rtol=1e-5, atol=1e-6)
            assert r == reward
            assert term == terminated


def test_mujoco_hidden_coordinate_is_accepted_only_when_steps_do_not_depend_on_it() -> None:
    # HalfCheetah drops its x position; the probe shows real steps (next observation and the
    # x-velocity reward) do not depend on it, so the replay of a real step still matches.
    steps = _real_steps("HalfCheetah-v5", 40, seed=5)
    with make_env("HalfCheetah-v5", seed=1) as env:
        support = env.reset_to_state
        assert support.supported, support.reason
        assert support.state_map is not None
        hidden = [support.state_map.names[i] for i in support.state_map.hidden]
        assert hidden == ["qpos[0] (rootx)"]
        assert "not observed" in support.reason
        env.reset()
        for obs, action, nxt, reward, terminated in steps:
            env.set_state(obs)
            replayed, r, term, _trunc, _ = env.step(action)
            np.testing.assert_allclose(replayed, nxt, rtol=1e-4, atol=1e-4)
            assert r == pytest.approx(reward, rel=1e-4, abs=1e-5)
            assert term == terminated


def test_mujoco_env_whose_observation_misses_the_state_refuses_set_state() -> None:
    with make_env(NO_VELOCITY_ID, seed=0) as env:
        support = env.reset_to_state
        assert not env.supports_set_state
        assert support.method == "none"
        assert "does not give qvel[0]" in support.reason
        assert "real steps depend on" in support.reason
        with pytest.raises(EnvNotSupportedError, match="does not give qvel"):
            env.set_state(np.zeros(2, dtype=np.float32))


def test_probe_of_a_built_env_leaves_it_needing_a_reset() -> None:
    env = PlasmaEnv(gym.make("InvertedPendulum-v5"), seed=0)
    with env:
        env.reset()
        assert env.supports_set_state
        with pytest.raises(Exception, match="reset"):
            env.step(np.zeros(1, dtype=np.float32))


async def test_audit_report_says_replays_are_unavailable_and_why() -> None:
    rng = np.random.default_rng(0)
    states = rng.normal(0.0, 0.05, (4, 6, 2)).astype(np.float32)
    paths = PhantomPaths(
        states=states,
        actions=rng.uniform(-1, 1, (4, 5, 1)).astype(np.float32),
        rewards=np.ones((4, 5), dtype=np.float32),
        meta=PathsMeta(env_id=NO_VELOCITY_ID),
    )
    auditor = Auditor({"calibration_steps": 200, "review": {"red_team": False}})
    await auditor.start()
    try:
        report = await auditor.audit_paths(paths)
    finally:
        await auditor.stop()
    assert report.replay is not None
    assert report.replay.replayed == 0
    reason = report.replay.skipped_reason or ""
    assert "no reset-to-state" in reason
    assert "does not give qvel" in reason
    assert any(n.startswith("no replays:") and "does not give qvel" in n for n in report.notes)
