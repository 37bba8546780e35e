"""Replays in absolute units (``ReviewEngine.replay_records``): each step from the imagined state,
its next state and reward against the real env's, per variable in a good model's honest one-step
error; a real episode that ends where the path goes on is a divergence too."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from plasma.auditor import AuditorConfig, calibrate
from plasma.auditor.calibration import Calibration
from plasma.auditor.review import ReviewEngine
from plasma.envs import PlasmaEnv, Transitions, collect, make_env
from plasma.errors import EnvError
from plasma.simulator.paths import PhantomPaths
from tests.support.pendulum import pendulum_physics_paths

from .physics import PendulumPhysics


@pytest.fixture(scope="module")
def real() -> Transitions:
    return collect("Pendulum-v1", 3000, seed=5)


@pytest.fixture(scope="module")
def absolute(real: Transitions) -> Calibration:
    return calibrate(real, model=PendulumPhysics())


def _replay(paths: PhantomPaths, cal: Calibration, env_id: str = "Pendulum-v1") -> list[Any]:
    engine = ReviewEngine(AuditorConfig(), cal)
    with make_env(env_id, seed=0) as env:
        return engine.replay_records(paths, env, list(range(paths.num_paths)))


def test_tolerances_are_a_good_models_honest_error_in_own_units(
    real: Transitions, absolute: Calibration
) -> None:
    assert absolute.replay_tolerance_source == "model"
    tol = np.asarray(absolute.replay_tolerance)
    assert tol.shape == (4,)  # cos, sin, theta_dot, reward
    # The true equations make (almost) no error, so the floor applies: 0.1 std of each
    # variable's real one-step change, and of the real reward.
    change = (real.next_obs - real.obs).std(axis=0)
    np.testing.assert_allclose(tol[:3], 0.1 * change, rtol=0.05)
    assert tol[3] == pytest.approx(0.1 * real.reward.std(), rel=0.05)
    assert calibrate(real).replay_tolerance == []


def test_honest_paths_replay_within_tolerance(absolute: Calibration) -> None:
    records = _replay(pendulum_physics_paths(6, 20, seed=1), absolute)
    assert all(r.unit == "tolerance" for r in records)
    assert all(r.first_divergence is None for r in records)


def test_a_small_velocity_error_diverges_in_absolute_units_not_in_std(
    real: Transitions, absolute: Calibration
) -> None:
    paths = pendulum_physics_paths(6, 20, seed=1)
    # 0.4 rad/s too fast from step 5 on: under a fifth of theta_dot's std over the real data.
    paths.states[:, 6:, 2] += 0.4
    assert float(real.obs[:, 2].std()) > 0.4 / 0.2
    by_std = _replay(paths, calibrate(real))
    assert all(r.unit == "std" and r.first_divergence is None for r in by_std)
    found = _replay(paths, absolute)
    assert [r.first_divergence for r in found] == [5] * 6


def test_a_reward_error_alone_diverges(absolute: Calibration) -> None:
    paths = pendulum_physics_paths(6, 20, seed=1)
    # The states stay exact; the reward is off by 5 tolerances (the limit is 3).
    paths.rewards[:, 8] += 5 * absolute.replay_tolerance[3]
    assert [r.first_divergence for r in _replay(paths, absolute)] == [8] * 6


def test_a_path_going_on_where_the_real_episode_ends_diverges() -> None:
    data = collect("CartPole-v1", 400, seed=2)
    i = int(np.flatnonzero(data.terminated)[0])
    states = np.stack([data.obs[i], data.next_obs[i], data.next_obs[i]])[None]
    actions = np.stack([data.action[i], data.action[i]])[None]
    paths = PhantomPaths(states, actions, np.ones((1, 2), np.float32))
    (record,) = _replay(paths, calibrate(data), "CartPole-v1")
    assert record.real_ended_at == 0
    assert record.first_divergence == 0
    # The same step as the path's last step is no divergence.
    short = PhantomPaths(states[:, :2], actions[:, :1], np.ones((1, 1), np.float32))
    (last,) = _replay(short, calibrate(data), "CartPole-v1")
    assert last.real_ended_at is None
    assert last.first_divergence is None


def test_sampled_paths_replay_within_their_sampling_noise(real: Transitions) -> None:
    from .test_local import TwoMembers, _member_paths

    # Paths of the true equations plus noise of std 0.1 rad/s on theta_dot at every step, as a
    # rollout that samples the model's predicted noise makes them.
    paths = _member_paths(PendulumPhysics(), 0.1, seed=4)
    plain = calibrate(real, model=PendulumPhysics())
    assert any(r.first_divergence is not None for r in _replay(paths, plain))
    # A model with members: what no member's mean explains is the paths' sampling noise, allowed
    # up to the calibration's resolution (set here as a sampled rollout of the model gives it).
    sampled = calibrate(real, model=TwoMembers(velocity_bias=0.0))
    assert sampled.local is not None
    sampled.local.resolution = np.array([0.5, 0.5, 0.5, 5.0])
    assert all(r.first_divergence is None for r in _replay(paths, sampled))
    # Paths of a member's mean carry no noise: the units stay the allowance (the line of
    # "correct", with the local index) at the upper end of its estimate's sampling error, with a
    # limit of one.
    engine = ReviewEngine(AuditorConfig(), sampled)
    exact = _member_paths(PendulumPhysics(), 0.0, seed=4)
    unit, reward_unit, limit = engine.replay_units(exact, range(exact.num_paths))
    bound = sampled.local.allowance_bound
    assert (bound >= sampled.local.allowance).all()
    np.testing.assert_allclose(unit, bound[:3], atol=1e-4)
    assert reward_unit == pytest.approx(bound[3], abs=1e-4)
    assert limit == 1.0


def test_a_replayed_step_is_wrong_beyond_the_allowance(real: Transitions) -> None:
    """The replay's line is the allowance (what the exploit benchmark's ground truth calls
    correct): 1.2 allowances of theta_dot error at one step diverges, 0.8 does not."""
    cal = calibrate(real, model=PendulumPhysics())
    assert cal.local is not None
    allowance = float(cal.local.allowance[2])
    for share, expected in ((1.2, 7), (0.8, None)):
        paths = pendulum_physics_paths(4, 20, seed=3)
        paths.states[:, 8, 2] += share * allowance
        assert [r.first_divergence for r in _replay(paths, cal)] == [expected] * 4


def test_a_return_gap_within_the_summed_reward_allowance_is_no_finding(real: Transitions) -> None:
    """Every step's reward off by 0.8 of the reward's allowance, all in the same direction: each
    step is correct (the ground truth's line), so neither the step nor the path's return gap is
    reported, however small the return tolerance; 1.5 allowances at every step is."""
    cal = calibrate(real, model=PendulumPhysics())
    assert cal.local is not None
    allowance = float(cal.local.allowance[-1])
    engine = ReviewEngine(AuditorConfig(review={"return_gap_tolerance": 0.05}), cal)
    for share, found in ((0.8, False), (1.5, True)):
        paths = pendulum_physics_paths(4, 20, seed=3)
        paths.rewards[:, :20] += share * allowance
        with make_env("Pendulum-v1", seed=0) as env:
            records = engine.replay_records(paths, env, list(range(paths.num_paths)))
        detectors = {
            f.detector
            for f in engine.replay_findings(engine.summarize_replays("Pendulum-v1", records))
        }
        assert ("return_gap" in detectors) is found
        assert ("replay_error" in detectors) is found


def test_outcomes_each_within_their_bound_can_be_wrong_together(absolute: Calibration) -> None:
    """The line of each outcome is an estimate (``allowance_bound``: ``line_confidence``, 1.645
    by default, of its standard errors above the allowance). One outcome ``z - 0.5`` standard
    errors over its line is no divergence (the line may lie that high: 13% likely at 1.645,
    above the 5% one outcome at its bound has); two independent outcomes both that far over
    are (both lines that high: 1.6%)."""
    local = absolute.local
    assert local is not None
    z = local.line_confidence
    assert z == pytest.approx(1.645, abs=1e-3)
    far = z - 0.5
    line = np.asarray(local.allowance, np.float64)
    sd = (np.asarray(local.allowance_bound, np.float64) - line) / z
    # theta_dot's and the reward's lines are estimates
    assert sd[2] > 0
    assert sd[3] > 0

    def over(velocity: bool, reward: bool) -> list[int | None]:
        paths = pendulum_physics_paths(4, 20, seed=3)
        if velocity:
            paths.states[:, 8, 2] += line[2] + far * sd[2]
        if reward:
            paths.rewards[:, 12] += line[3] + far * sd[3]
        return [r.first_divergence for r in _replay(paths, absolute)]

    assert over(True, False) == [None] * 4
    assert over(False, True) == [None] * 4
    assert over(True, True) == [7] * 4


def test_paths_that_leave_the_numbers_diverge_where_they_do(absolute: Calibration) -> None:
    """A model that diverged leaves non-finite states and rewards: those paths are wrong from
    the step that reaches them, the others replay as before, and every record stays finite."""
    paths = pendulum_physics_paths(4, 20, seed=1)
    paths.states[1, 7:, 2] = np.inf
    paths.states[3, 12, 0] = np.nan
    paths.rewards[3, 15] = -np.inf
    records = _replay(paths, absolute)
    assert [r.path for r in records] == [0, 1, 2, 3]
    assert [r.first_divergence for r in records] == [None, 6, None, 11]
    for record in records:
        assert all(np.isfinite(v) for v in record.model_dump().values() if isinstance(v, float))
        assert type(record).model_validate_json(record.model_dump_json()) == record


def test_a_real_env_that_fails_from_an_imagined_state_makes_that_path_wrong(
    absolute: Calibration, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A real env whose physics diverges from an imagined state (its step raises ``EnvError``
    on the NaN it reaches) cannot confirm the path from there: the path is wrong at that step,
    the replay goes on with the others."""
    paths = pendulum_physics_paths(3, 20, seed=1)
    bad = paths.states[1, 5].copy()
    real_step = PlasmaEnv.step
    real_set = PlasmaEnv.set_state

    def set_state(self: PlasmaEnv, state: np.ndarray) -> None:
        self._diverged = bool(np.array_equal(state, bad))  # type: ignore[attr-defined]
        real_set(self, state)

    def step(self: PlasmaEnv, action: Any) -> Any:
        if getattr(self, "_diverged", False):
            raise EnvError("env 'Pendulum-v1' returned a non-finite observation")
        return real_step(self, action)

    monkeypatch.setattr(PlasmaEnv, "set_state", set_state)
    monkeypatch.setattr(PlasmaEnv, "step", step)
    records = _replay(paths, absolute)
    assert [r.first_divergence for r in records] == [None, 5, None]
