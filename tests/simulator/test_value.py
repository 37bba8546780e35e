"""The learned state value: lambda-returns on real data, fitting, and files."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import torch

from plasma.envs import Transitions, collect, make_env
from plasma.errors import InvalidArgumentError, ShapeError
from plasma.simulator import ValueFunction, real_returns, recency_weights
from plasma.simulator.value import ValueConfig

GAMMA = 0.9


def _reference_returns(rewards: list[float], gamma: float) -> list[float]:
    """Discounted returns of one episode that ends in a termination (lam = 1)."""
    out, following = [], 0.0
    for r in reversed(rewards):
        following = r + gamma * following
        out.append(following)
    return out[::-1]


def test_lambda_returns_end_at_terminations_and_bootstrap_where_episodes_are_cut() -> None:
    obs = np.array([[0.0], [1.0], [2.0], [10.0], [11.0]], dtype=np.float32)
    next_obs = np.array([[1.0], [2.0], [3.0], [11.0], [12.0]], dtype=np.float32)
    reward = np.array([1.0, 2.0, 3.0, 4.0, 5.0])
    terminated = np.array([False, False, True, False, False])
    truncated = np.array([False, False, False, False, True])
    next_values = np.array([100.0, 100.0, 100.0, 100.0, 7.0])
    got = real_returns(
        obs, reward, next_obs, terminated, truncated, next_values, gamma=GAMMA, lam=1
    )
    # Rows 0-2: one terminated episode; rows 3-4: cut by the time limit, bootstrapped with V = 7.
    assert got[:3] == pytest.approx(_reference_returns([1.0, 2.0, 3.0], GAMMA))
    assert got[4] == pytest.approx(5.0 + GAMMA * 7.0)
    assert got[3] == pytest.approx(4.0 + GAMMA * got[4])
    # lam = 0 is the one-step TD target everywhere but at the termination.
    td = real_returns(obs, reward, next_obs, terminated, truncated, next_values, gamma=GAMMA, lam=0)
    assert td == pytest.approx(
        [1 + GAMMA * 100, 2 + GAMMA * 100, 3.0, 4 + GAMMA * 100, 5 + GAMMA * 7]
    )


def _td_residual(value: ValueFunction, data: Transitions, gamma: float) -> float:
    """Mean one-step TD residual ``r + gamma V(s') - V(s)`` (0 after terminations): 0 at the
    random policy's value, whose per-sample residual only averages out."""
    v, v_next = value.values(data.obs), value.values(data.next_obs)
    target = data.reward + gamma * np.where(data.terminated, 0.0, v_next)
    keep = ~data.truncated
    return float(np.mean((target - v)[keep]))


def test_value_iteration_on_real_data_reduces_the_td_error() -> None:
    # CartPole under random actions: short episodes that end in terminations, so the true value
    # (discounted steps to the end) varies strongly over the states.
    with make_env("CartPole-v1", seed=0) as env:
        data = collect(env, 1500, seed=0)
    gamma = 0.95
    monte_carlo = real_returns(
        data.obs,
        data.reward,
        data.next_obs,
        data.terminated,
        data.truncated,
        np.zeros(len(data)),
        gamma=gamma,
        lam=1.0,
    )
    complete = np.zeros(len(data), dtype=bool)  # rows of episodes that terminated
    for end in np.flatnonzero(data.terminated):
        start = end
        while start > 0 and not (data.terminated[start - 1] or data.truncated[start - 1]):
            start -= 1
        complete[start : end + 1] = True
    value = ValueFunction(env.state_dim, {"updates": 300, "hidden": [64, 64], "seed": 0})
    residuals = [_td_residual(value, data, gamma)]
    errors = [float(np.sqrt(np.mean((value.values(data.obs) - monte_carlo)[complete] ** 2)))]
    for k in range(4):
        targets = real_returns(
            data.obs,
            data.reward,
            data.next_obs,
            data.terminated,
            data.truncated,
            value.values(data.next_obs),
            gamma=gamma,
        )
        report = value.fit(data.obs, targets, seed=k)
        assert report.error_after < report.error_before
        residuals.append(_td_residual(value, data, gamma))
        errors.append(
            float(np.sqrt(np.mean((value.values(data.obs) - monte_carlo)[complete] ** 2)))
        )
    assert abs(residuals[-1]) < 0.25 * abs(residuals[0]), residuals
    assert errors[-1] < 0.3 * errors[0], errors
    # States about to fall are worth less than states just after a reset.
    ends = data.terminated
    starts = np.r_[True, ends[:-1] | data.truncated[:-1]]
    assert value.values(data.obs[ends]).mean() < value.values(data.obs[starts]).mean() - 3.0


def test_value_files_round_trip_exactly_and_bad_input_is_refused(tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    states = rng.normal(size=(400, 3))
    value = ValueFunction(3, {"updates": 50, "hidden": [16], "seed": 1})
    with pytest.raises(Exception, match="not fitted"):
        value.save(tmp_path / "early.safetensors")
    value.fit(states, states.sum(1) * 10.0 - 40.0)
    loaded = ValueFunction.load(value.save(tmp_path / "v.safetensors"))
    assert np.array_equal(loaded.values(states), value.values(states))
    core = loaded.to_core()
    assert core is not None
    with pytest.raises(ShapeError):
        value.fit(states, states.sum(1)[:-1])
    with pytest.raises(ShapeError):
        value.values(states[:, :2])
    (tmp_path / "bad.safetensors").write_bytes(b"not a safetensors file")
    with pytest.raises(InvalidArgumentError):
        ValueFunction.load(tmp_path / "bad.safetensors")


def test_a_copy_starts_where_its_source_is_and_trains_on_alone() -> None:
    rng = np.random.default_rng(0)
    states = rng.normal(size=(300, 3)).astype(np.float32)
    value = ValueFunction(3, {"updates": 50})
    value.fit(states, states[:, 0].astype(np.float64))
    twin = value.copy(value.config.model_copy(update={"updates": 20}))
    assert twin.config.updates == 20
    np.testing.assert_array_equal(twin.values(states), value.values(states))
    before = value.values(states)
    twin.fit(states, -states[:, 0].astype(np.float64))
    np.testing.assert_array_equal(value.values(states), before)  # the source is untouched
    assert not np.allclose(twin.values(states), before)
    with pytest.raises(InvalidArgumentError, match="members and hidden"):
        value.copy(value.config.model_copy(update={"hidden": [16]}))


def test_weights_decide_which_of_two_conflicting_targets_the_value_learns() -> None:
    # The same states twice: returns of an old policy (0) and of a newer one (10). Equal weights
    # meet in the middle; weighting the newer rows learns the newer policy's value.
    rng = np.random.default_rng(0)
    states = rng.normal(size=(300, 2))
    both = np.concatenate([states, states])
    targets = np.r_[np.zeros(300), np.full(300, 10.0)]
    config = {"updates": 400, "hidden": [32], "seed": 0}
    equal = ValueFunction(2, config)
    equal.fit(both, targets)
    recent = ValueFunction(2, config)
    recent.fit(both, targets, weights=np.r_[np.full(300, 0.05), np.ones(300)])
    assert abs(equal.values(states).mean() - 5.0) < 1.5
    assert recent.values(states).mean() > 8.5
    # Equal weights of any size draw the same minibatches as no weights.
    same = ValueFunction(2, config)
    same.fit(both, targets, weights=np.full(600, 3.0))
    np.testing.assert_array_equal(same.values(states), equal.values(states))
    for bad in (np.ones(599), np.r_[-1.0, np.ones(599)], np.zeros(600)):
        with pytest.raises(InvalidArgumentError):
            ValueFunction(2, config).fit(both, targets, weights=bad)


def test_recency_weights_halve_every_half_life_back_from_the_newest_row() -> None:
    weights = recency_weights(9, half_life=4.0)
    assert weights.mean() == pytest.approx(1.0)
    assert weights[-1] / weights[-5] == pytest.approx(2.0)
    assert weights[0] / weights[-1] == pytest.approx(0.25)
    assert np.all(np.diff(weights) > 0)
    assert recency_weights(0, 1.0).shape == (0,)
    with pytest.raises(InvalidArgumentError):
        recency_weights(3, 0.0)


def test_the_value_stays_within_the_targets_it_was_fitted_on(tmp_path: Path) -> None:
    """Far from its states a network extrapolates freely; V does not leave the range of its
    targets, in Python, in the planner's network and after a file round trip, and a later fit
    widens that range."""
    rng = np.random.default_rng(0)
    states = rng.uniform(-1.0, 1.0, size=(400, 2))
    value = ValueFunction(2, {"updates": 300, "hidden": [32], "seed": 3})
    value.fit(states, np.clip(states[:, 0] * 50.0, -20.0, 30.0))
    assert value.bounds == (-20.0, 30.0)
    far = np.array([[40.0, 0.0], [-40.0, 0.0], [0.0, 60.0]], dtype=np.float32)
    raw = value._forward(value._norm(far)).mean(0).detach().double().numpy()
    raw = raw * value.scale + value.shift
    assert raw.max() > 30.0 or raw.min() < -20.0  # the network alone leaves the range
    inside = value.values(far)
    assert inside.min() >= -20.0
    assert inside.max() <= 30.0
    np.testing.assert_allclose(value.to_core().values(far), inside, rtol=1e-5, atol=1e-4)
    loaded = ValueFunction.load(value.save(tmp_path / "v.safetensors"))
    assert loaded.bounds == value.bounds
    np.testing.assert_array_equal(loaded.values(far), inside)
    value.fit(states, states[:, 0] * 10.0 + 70.0)
    assert value.bounds is not None
    assert value.bounds[0] == -20.0
    assert value.bounds[1] > 75.0


def test_a_state_variable_constant_in_the_first_fit_does_not_move_the_value() -> None:
    rng = np.random.default_rng(1)
    states = np.column_stack([rng.normal(size=(300, 2)), np.zeros(300)]).astype(np.float32)
    value = ValueFunction(3, {"updates": 50})
    value.fit(states, states[:, 0].astype(np.float64))
    hit = states.copy()
    hit[:, 2] = 10.0  # a limit force the first data never showed
    np.testing.assert_array_equal(value.values(hit), value.values(states))


def test_renormalizing_keeps_the_value_and_takes_the_new_states_scale() -> None:
    rng = np.random.default_rng(2)
    first = np.column_stack([rng.normal(size=(400, 2)), np.zeros(400)]).astype(np.float32)
    value = ValueFunction(3, {"updates": 100})
    value.fit(first, first[:, 0].astype(np.float64) ** 2)
    # later data: moved, wider on one axis, narrower on another; the third variable still constant
    later = (first * [4.0, 0.25, 1.0] + [3.0, -1.0, 0.0]).astype(np.float32)
    probe = np.concatenate([first, later])
    before = value.values(probe)
    value.renormalize(later)
    np.testing.assert_allclose(value.values(probe), before, rtol=1e-4, atol=1e-4)
    np.testing.assert_allclose(value.obs_mean.numpy(), later.mean(0), atol=1e-5)
    np.testing.assert_allclose(value.obs_std.numpy(), [*later.std(0)[:2], 1.0], rtol=1e-5)
    hit = later.copy()
    hit[:, 2] = 10.0  # still ignored: the constant variable's weights stay zero
    np.testing.assert_array_equal(value.values(hit), value.values(later))
    with pytest.raises(ShapeError):
        value.renormalize(later[:, :2])
    with pytest.raises(InvalidArgumentError):
        value.renormalize(np.full((3, 3), np.nan, dtype=np.float32))


def test_the_value_as_a_tensor_is_the_value_and_passes_gradients_to_the_states_only() -> None:
    rng = np.random.default_rng(0)
    states = rng.normal(size=(300, 3)).astype(np.float32)
    value = ValueFunction(3, ValueConfig(updates=300, members=2))
    assert float(value.value_tensor(torch.as_tensor(states[:2])).abs().sum()) == 0.0  # unfitted
    value.fit(states, states[:, 0] * 2.0 - states[:, 1])
    for p in value.net.parameters():
        p.grad = None  # (fitting leaves its last gradients)
    x = torch.as_tensor(states[:50], dtype=torch.float32).requires_grad_(True)
    out = value.value_tensor(x)
    np.testing.assert_allclose(
        out.detach().numpy(), value.values(states[:50]), rtol=1e-5, atol=1e-5
    )
    out.sum().backward()
    assert x.grad is not None
    assert float(x.grad[:, 0].mean()) > 0  # V rises with the first variable
    assert all(p.grad is None for p in value.net.parameters())
