"""The Rust dynamics models of ``plasma._core`` against independent references: a torch ensemble
MLP, Gymnasium's Pendulum-v1 and CartPole-v1, and numpy formulas for the ensemble's prediction."""

from __future__ import annotations

import itertools
from typing import Any

import gymnasium as gym
import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from plasma import _core
from plasma.errors import InvalidArgumentError, ShapeError

ACTIVATIONS = {
    "silu": torch.nn.functional.silu,
    "relu": torch.relu,
    "tanh": torch.tanh,
    "elu": torch.nn.functional.elu,
}


def random_layers(
    rng: np.random.Generator, members: int, sizes: list[int]
) -> tuple[list[np.ndarray], list[np.ndarray]]:
    weights = [
        (rng.standard_normal((members, i, o)) / np.sqrt(i)).astype(np.float32)
        for i, o in itertools.pairwise(sizes)
    ]
    biases = [(0.3 * rng.standard_normal((members, o))).astype(np.float32) for o in sizes[1:]]
    return weights, biases


def torch_forward(
    x: np.ndarray, weights: list[np.ndarray], biases: list[np.ndarray], activation: str
) -> np.ndarray:
    """Reference: ``x @ W[e] + b[e]`` per member with the activation between layers, in float64."""
    act = ACTIVATIONS[activation]
    h = torch.from_numpy(x).double().unsqueeze(0).expand(weights[0].shape[0], -1, -1)
    for i, (w, b) in enumerate(zip(weights, biases, strict=True)):
        h = torch.bmm(h, torch.from_numpy(w).double()) + torch.from_numpy(b).double()[:, None, :]
        if i + 1 < len(weights):
            h = act(h)
    return h.numpy()


def make_ensemble(
    rng: np.random.Generator,
    *,
    members: int = 3,
    state_dim: int = 3,
    action_dim: int = 1,
    hidden: tuple[int, ...] = (16, 16),
    done_head: bool = False,
    discrete_actions: int | None = None,
    **extra: Any,
) -> tuple[_core.EnsembleModel, dict[str, Any]]:
    width = discrete_actions or action_dim
    t = state_dim + 1
    sizes = [state_dim + width, *hidden, 2 * t + int(done_head)]
    weights, biases = random_layers(rng, members, sizes)
    kwargs: dict[str, Any] = {
        "weights": weights,
        "biases": biases,
        "activation": "silu",
        "state_dim": state_dim,
        "action_dim": 1 if discrete_actions else action_dim,
        "input_mean": (0.1 * rng.standard_normal(state_dim + width)).astype(np.float32),
        "input_std": rng.uniform(0.5, 2.0, state_dim + width).astype(np.float32),
        "output_mean": (0.01 * rng.standard_normal(t)).astype(np.float32),
        "output_std": rng.uniform(0.05, 0.2, t).astype(np.float32),
        "max_logvar": np.full(t, 0.5, np.float32),
        "min_logvar": np.full(t, -6.0, np.float32),
        "done_head": done_head,
        "discrete_actions": discrete_actions,
        **extra,
    }
    return _core.EnsembleModel(**kwargs), kwargs


@settings(max_examples=25, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    members=st.integers(1, 4),
    sizes=st.lists(st.integers(1, 40), min_size=2, max_size=5),
    rows=st.integers(1, 30),
    activation=st.sampled_from(sorted(ACTIVATIONS)),
)
def test_ensemble_forward_equals_torch(
    seed: int, members: int, sizes: list[int], rows: int, activation: str
) -> None:
    rng = np.random.default_rng(seed)
    weights, biases = random_layers(rng, members, sizes)
    state_dim = 1
    action_dim = sizes[0] - state_dim
    if action_dim < 1:
        return  # an ensemble model needs a state and an action column
    sizes[-1] = 2 * (state_dim + 1)
    weights, biases = random_layers(rng, members, sizes)
    model = _core.EnsembleModel(
        weights,
        biases,
        activation,
        state_dim,
        action_dim,
        np.zeros(sizes[0], np.float32),
        np.ones(sizes[0], np.float32),
        np.zeros(2, np.float32),
        np.ones(2, np.float32),
        np.zeros(2, np.float32),
        np.full(2, -5.0, np.float32),
    )
    x = (2.0 * rng.standard_normal((rows, sizes[0]))).astype(np.float32)
    got = model.forward(x)
    want = torch_forward(x, weights, biases, activation)
    assert got.shape == (members, rows, sizes[-1])
    assert got.dtype == np.float32
    np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-5 * max(1.0, np.abs(want).max()))


def test_forward_at_pets_size_equals_torch() -> None:
    rng = np.random.default_rng(1)
    weights, biases = random_layers(rng, 5, [5, 200, 200, 200, 10])
    model = _core.EnsembleModel(
        weights,
        biases,
        "silu",
        4,
        1,
        np.zeros(5, np.float32),
        np.ones(5, np.float32),
        np.zeros(5, np.float32),
        np.ones(5, np.float32),
        np.zeros(5, np.float32),
        np.full(5, -5.0, np.float32),
    )
    x = rng.standard_normal((300, 5)).astype(np.float32)
    want = torch_forward(x, weights, biases, "silu")
    np.testing.assert_allclose(model.forward(x), want, rtol=1e-5, atol=1e-5 * np.abs(want).max())


def softclamp(lv: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    lv = hi - np.logaddexp(0.0, hi - lv)
    return lo + np.logaddexp(0.0, lv - lo)


def test_predict_follows_the_pets_formulas() -> None:
    rng = np.random.default_rng(2)
    model, kw = make_ensemble(rng, members=4, done_head=True)
    n, s = 25, 3
    states = rng.standard_normal((n, s)).astype(np.float32)
    actions = rng.uniform(-1, 1, (n, 1)).astype(np.float32)
    x = (np.concatenate([states, actions], 1) - kw["input_mean"]) / kw["input_std"]
    raw = model.forward(x.astype(np.float32)).astype(np.float64)  # [E, N, 9]
    mu, lv, logit = raw[..., :4], raw[..., 4:8], raw[..., 8]
    lv = softclamp(lv, kw["min_logvar"], kw["max_logvar"])
    ostd, omean = kw["output_std"], kw["output_mean"]
    members = rng.integers(0, 4, n)
    rows = np.arange(n)

    out = model.predict(states, actions, members, seed=0, deterministic=True)
    target = mu[members, rows] * ostd + omean
    np.testing.assert_allclose(out["next_states"], states + target[:, :s], rtol=1e-5, atol=1e-5)
    np.testing.assert_allclose(out["rewards"], target[:, s], rtol=1e-5, atol=1e-5)
    np.testing.assert_array_equal(out["dones"], logit[members, rows] > 0)

    # Ensemble disagreement: max over members of the distance to the mean state change.
    delta = mu[..., :s] * ostd[:s] + omean[:s]
    spread = np.linalg.norm(delta - delta.mean(0), axis=-1).max(0)
    np.testing.assert_allclose(out["uncertainty"], spread, rtol=1e-4, atol=1e-6)

    # members=None: the ensemble mean (deterministic) / moment-matched mixture (sampled).
    mean = model.predict(states, actions, None, seed=0, deterministic=True)
    target = mu.mean(0) * ostd + omean
    np.testing.assert_allclose(mean["next_states"], states + target[:, :s], rtol=1e-5, atol=1e-5)

    # Sampling: t = (mu + exp(lv / 2) * eps) * std + mean; the same seed repeats, another differs.
    a = model.predict(states, actions, members, seed=7, deterministic=False)
    b = model.predict(states, actions, members, seed=7, deterministic=False)
    c = model.predict(states, actions, members, seed=8, deterministic=False)
    np.testing.assert_array_equal(a["next_states"], b["next_states"])
    assert not np.array_equal(a["next_states"], c["next_states"])
    eps = ((a["next_states"] - states - omean[:s]) / ostd[:s] - mu[members, rows, :s]) / np.exp(
        0.5 * lv[members, rows, :s]
    )
    assert np.all(np.abs(eps) < 6)
    assert 0.5 < eps.std() < 1.5


def test_discrete_ensemble_feeds_one_hot_actions_and_state_bounds_end_paths() -> None:
    rng = np.random.default_rng(3)
    low = np.array([-1.0, -np.inf], np.float32)
    high = np.array([1.0, np.inf], np.float32)
    model, kw = make_ensemble(
        rng, members=2, state_dim=2, discrete_actions=3, state_low=low, state_high=high
    )
    assert (model.action_dim, model.discrete_actions) == (1, 3)
    states = np.array([[0.0, 0.0], [5.0, 0.0]], np.float32)
    actions = np.array([[2.0], [0.0]], np.float32)
    onehot = np.array([[0, 0, 1], [1, 0, 0]], np.float32)
    x = (np.concatenate([states, onehot], 1) - kw["input_mean"]) / kw["input_std"]
    raw = model.forward(x.astype(np.float32))
    out = model.predict(states, actions, np.array([1, 0]), deterministic=True)
    target = raw[[1, 0], [0, 1], :3] * kw["output_std"] + kw["output_mean"]
    np.testing.assert_allclose(out["next_states"], states + target[:, :2], rtol=1e-5, atol=1e-5)
    assert bool(out["dones"][1])  # x = 5 is beyond state_high


def angles(n: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    return rng.uniform(-np.pi, np.pi, n), rng.uniform(-8.0, 8.0, n)


def test_pendulum_matches_gymnasium() -> None:
    rng = np.random.default_rng(4)
    env = gym.make("Pendulum-v1").unwrapped
    env.reset(seed=0)
    th, thdot = angles(200, rng)
    obs = np.stack([np.cos(th), np.sin(th), thdot], 1).astype(np.float32)
    act = rng.uniform(-3.0, 3.0, (200, 1)).astype(np.float32)  # beyond max_torque: clipped
    out = _core.PendulumModel().predict(obs, act)
    for i in range(200):
        env.state = np.array([np.arctan2(float(obs[i, 1]), float(obs[i, 0])), float(obs[i, 2])])
        next_obs, reward, terminated, _, _ = env.step(act[i])
        np.testing.assert_allclose(out["next_states"][i], next_obs, rtol=1e-5, atol=1e-5)
        assert out["rewards"][i] == pytest.approx(reward, rel=1e-5, abs=1e-5)
        assert not terminated
        assert not out["dones"][i]


def test_cartpole_matches_gymnasium() -> None:
    rng = np.random.default_rng(5)
    env = gym.make("CartPole-v1").unwrapped
    env.reset(seed=0)
    states = rng.uniform([-2.4, -2, -0.21, -3], [2.4, 2, 0.21, 3], (300, 4)).astype(np.float32)
    act = rng.integers(0, 2, (300, 1)).astype(np.float32)
    out = _core.CartPoleModel().predict(states, act)
    for i in range(300):
        env.state = states[i].astype(np.float64)
        env.steps_beyond_terminated = None
        next_obs, reward, terminated, _, _ = env.step(int(act[i, 0]))
        np.testing.assert_allclose(out["next_states"][i], next_obs, rtol=1e-5, atol=1e-6)
        assert out["rewards"][i] == reward
        assert bool(out["dones"][i]) == terminated
    assert out["dones"].any()
    assert not out["dones"].all()


def test_policy_net_matches_numpy() -> None:
    rng = np.random.default_rng(6)
    sizes = [3, 8, 2]
    weights = [rng.standard_normal((i, o)).astype(np.float32) for i, o in itertools.pairwise(sizes)]
    biases = [rng.standard_normal(o).astype(np.float32) for o in sizes[1:]]
    low, high = np.array([-2.0, 0.0], np.float32), np.array([2.0, 1.0], np.float32)
    mean, std = np.array([0.1, 0.2, 0.3], np.float32), np.array([1.0, 2.0, 0.5], np.float32)
    obs = rng.standard_normal((10, 3)).astype(np.float32)
    hidden = np.tanh(((obs - mean) / std) @ weights[0] + biases[0])
    y = hidden @ weights[1] + biases[1]
    tanh = _core.PolicyNet(weights, biases, "tanh", "tanh", low, high, mean, std)
    np.testing.assert_allclose(tanh.act(obs), low + (np.tanh(y) + 1) / 2 * (high - low), atol=1e-5)
    linear = _core.PolicyNet(weights, biases, "tanh", "linear", low, high, mean, std)
    np.testing.assert_allclose(linear.act(obs), np.clip(y, low, high), atol=1e-5)
    argmax = _core.PolicyNet(weights, biases, "tanh", "argmax", obs_mean=mean, obs_std=std)
    np.testing.assert_array_equal(argmax.act(obs)[:, 0], y.argmax(1))
    assert (argmax.action_dim, argmax.obs_dim, argmax.output) == (1, 3, "argmax")


def test_float64_inputs_are_converted() -> None:
    out = _core.PendulumModel().predict(np.array([[1.0, 0.0, 0.0]]), np.array([[0.5]]))
    assert out["next_states"].dtype == np.float32


def _set(**values: Any) -> Any:
    return lambda kw: kw.update(values)


def _drop_last_bias(kw: dict[str, Any]) -> None:
    kw["biases"] = kw["biases"][:-1]


def _break_chain(kw: dict[str, Any]) -> None:
    kw["weights"] = [kw["weights"][0], np.zeros((3, 5, 16), np.float32), kw["weights"][2]]


def _string_weights(kw: dict[str, Any]) -> None:
    kw["weights"] = [np.array([["a"]]), *kw["weights"][1:]]


@pytest.mark.parametrize(
    ("edit", "error", "match"),
    [
        (_set(state_dim=0), InvalidArgumentError, "state_dim = 0"),
        (_set(activation="gelu"), InvalidArgumentError, "activation"),
        (_set(input_std=np.zeros(4, np.float32)), InvalidArgumentError, "input_std"),
        (_set(output_mean=np.zeros(3, np.float32)), ShapeError, r"output_mean has shape \[3\]"),
        (_drop_last_bias, InvalidArgumentError, "biases"),
        (_break_chain, ShapeError, r"weights\[1\]"),
        (_string_weights, ShapeError, r"weights\[0\] has dtype <U1"),
        (
            _set(state_low=np.ones(3, np.float32), state_high=np.zeros(3, np.float32)),
            InvalidArgumentError,
            "state_low",
        ),
    ],
)
def test_bad_model_arguments_are_named(edit: Any, error: type[Exception], match: str) -> None:
    _, kw = make_ensemble(np.random.default_rng(7))
    edit(kw)
    with pytest.raises(error, match=match):
        _core.EnsembleModel(**kw)


def test_bad_predict_arguments_are_named() -> None:
    model, _ = make_ensemble(np.random.default_rng(8))
    s, a = np.zeros((2, 3), np.float32), np.zeros((2, 1), np.float32)
    with pytest.raises(ShapeError, match=r"states has shape \[2, 4\], expected \(N, 3\)"):
        model.predict(np.zeros((2, 4), np.float32), a)
    with pytest.raises(ShapeError, match="actions"):
        model.predict(s, np.zeros((3, 1), np.float32))
    with pytest.raises(InvalidArgumentError, match="states = NaN at row 1"):
        model.predict(np.array([[0, 0, 0], [0, np.nan, 0]], np.float32), a)
    with pytest.raises(InvalidArgumentError, match=r"members = 3: .*\[0, 3\)"):
        model.predict(s, a, np.array([0, 3]))
    with pytest.raises(ShapeError, match="members has dtype float"):
        model.predict(s, a, np.array([0.0, 1.0]))
    with pytest.raises(InvalidArgumentError, match="seed"):
        model.predict(s, a, seed=-1)
    with pytest.raises(InvalidArgumentError, match="actions = 2"):
        _core.CartPoleModel().predict(np.zeros((1, 4), np.float32), np.array([[2.0]], np.float32))
    with pytest.raises(InvalidArgumentError, match="l = 0"):
        _core.PendulumModel(l=0.0)
