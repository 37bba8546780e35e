"""WorldModel: learns real Pendulum/CartPole transitions, exports to Rust exactly, saves safely."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import torch

from plasma import _core
from plasma.envs import Transitions, collect, make_env
from plasma.errors import InvalidArgumentError, ModelNotFittedError, ShapeError
from plasma.simulator import WorldModel, WorldModelConfig

SMALL = WorldModelConfig(members=3, hidden=[64, 64], max_epochs=150, patience=10, seed=0)


@pytest.fixture(scope="module")
def pendulum_data() -> Transitions:
    with make_env("Pendulum-v1", seed=0) as env:
        return collect(env, 1500, seed=0)


@pytest.fixture(scope="module")
def pendulum_model(pendulum_data: Transitions) -> WorldModel:
    model = WorldModel(3, 1, SMALL)
    model.fit(pendulum_data)
    return model


def test_learns_pendulum_far_better_than_no_change(
    pendulum_model: WorldModel, pendulum_data: Transitions
) -> None:
    report = pendulum_model.last_report
    assert report is not None
    assert report.holdout_transitions == 225
    # The no-change baseline is what a model that learned nothing would score.
    assert report.improvement > 50, report
    # Rewards are explained to better than 98% of their variance.
    assert report.reward_mse < 0.02 * float(pendulum_data.reward.var()), report
    assert not pendulum_model.done_head  # Pendulum never terminates


def test_rust_forward_equals_torch_forward(pendulum_model: WorldModel) -> None:
    core = pendulum_model.to_core()
    x = torch.randn(37, pendulum_model.input_dim)
    expected = pendulum_model.net(x.unsqueeze(0).expand(SMALL.members, -1, -1)).detach().numpy()
    got = core.forward(x.numpy())
    assert got.shape == expected.shape
    np.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-5)


def test_rust_mean_prediction_equals_torch(
    pendulum_model: WorldModel, pendulum_data: Transitions
) -> None:
    core = pendulum_model.to_core()
    obs, act = pendulum_data.obs[:50], pendulum_data.action[:50]
    next_torch, reward_torch = pendulum_model.predict_mean(obs, act)
    out = core.predict(obs, act, None, seed=0, deterministic=True)
    np.testing.assert_allclose(out["next_states"], next_torch, rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(out["rewards"], reward_torch, rtol=1e-4, atol=1e-4)


def test_member_predictions_average_to_the_mean_prediction(
    pendulum_model: WorldModel, pendulum_data: Transitions
) -> None:
    obs, act = pendulum_data.obs[:40], pendulum_data.action[:40]
    states, rewards = pendulum_model.predict_members(obs, act)
    assert states.shape == (SMALL.members, 40, 3)
    assert rewards.shape == (SMALL.members, 40)
    mean_states, _ = pendulum_model.predict_mean(obs, act)
    np.testing.assert_allclose(states.mean(axis=0), mean_states, rtol=1e-5, atol=1e-5)
    # The members are different networks.
    assert np.abs(states[0] - states[1]).max() > 1e-6


def test_member_paths_follow_each_member_along_its_own_path(
    pendulum_model: WorldModel, pendulum_data: Transitions
) -> None:
    starts, steps, b = pendulum_data.obs[:4], 3, 4
    seen: list[np.ndarray] = []

    def torque(t: int, n: int) -> np.ndarray:
        return np.full((n, 1), 0.5 * t - 1.0, dtype=np.float32)

    def act(t: int, states: np.ndarray) -> np.ndarray:
        seen.append(states.copy())
        return torque(t, len(states))

    out = list(pendulum_model.member_paths(starts, steps, act))
    assert len(out) == steps
    for m in range(SMALL.members):  # member m's rows, rolled by hand with member m alone
        rows = slice(m * b, (m + 1) * b)
        state = starts.astype(np.float32)
        for t, (rewards, done, nxt) in enumerate(out):
            np.testing.assert_allclose(seen[t][rows], state, atol=1e-6)
            predicted, reward = pendulum_model.predict_members(state, torque(t, b))
            np.testing.assert_allclose(nxt[rows], predicted[m], atol=1e-5)
            np.testing.assert_allclose(rewards[rows], reward[m], atol=1e-5)
            assert done is None or not done.any()  # the pendulum never terminates
            state = predicted[m]
    # The members' paths part: they are different networks.
    assert np.abs(out[-1][2][:b] - out[-1][2][b : 2 * b]).max() > 1e-6


def test_save_load_round_trip(pendulum_model: WorldModel, tmp_path: Path) -> None:
    path = pendulum_model.save(tmp_path / "models" / "wm.safetensors")
    loaded = WorldModel.load(path)
    assert loaded.config == pendulum_model.config
    assert loaded.last_report == pendulum_model.last_report
    x = np.random.default_rng(0).standard_normal((8, 3)).astype(np.float32)
    a = np.zeros((8, 1), np.float32)
    np.testing.assert_array_equal(
        loaded.predict_mean(x, a)[0], pendulum_model.predict_mean(x, a)[0]
    )
    assert sorted(p.name for p in path.parent.iterdir()) == ["wm.safetensors"]
    assert b"pickle" not in path.read_bytes()[:2000]


def test_next_states_stay_in_the_observation_space_as_the_real_ones_do(tmp_path: Path) -> None:
    # MountainCar stops the car at x = -1.2; a model that never saw a push into the wall at speed
    # extrapolates past it. Clipped to the observation box, torch and Rust agree with the env.
    with make_env("MountainCar-v0", seed=0) as env:
        data = collect(env, 1000, seed=0)
        quick = WorldModelConfig(members=2, hidden=[32, 32], max_epochs=40, patience=5, seed=0)
        model = WorldModel.for_env(env, quick)
        low, high = env.obs_low, env.obs_high
    model.fit(data)
    states = np.array([[-1.195, -0.07], [-0.5, 0.0], [0.59, 0.07]], np.float32)
    actions = np.array([[0], [1], [2]], np.float32)
    unbounded = model.export() | {"obs_low": None, "obs_high": None}
    raw = _core.EnsembleModel(**unbounded).predict(states, actions, None, deterministic=True)
    assert raw["next_states"][0, 0] < low[0]  # the unclipped model runs through the wall
    clipped = model.to_core().predict(states, actions, None, deterministic=True)
    np.testing.assert_array_equal(
        clipped["next_states"], np.clip(raw["next_states"], low, high).astype(np.float32)
    )
    torch_next, _ = model.predict_mean(states, actions)
    assert np.all(torch_next >= low)
    assert np.all(torch_next <= high)
    np.testing.assert_allclose(torch_next, clipped["next_states"], atol=1e-5)
    loaded = WorldModel.load(model.save(tmp_path / "wm.safetensors"))
    np.testing.assert_array_equal(loaded.obs_low, low)
    np.testing.assert_array_equal(loaded.obs_high, high)
    with pytest.raises(InvalidArgumentError, match="obs_low"):
        WorldModel(2, 1, obs_low=np.array([0.0, 1.0]), obs_high=np.array([1.0, 0.0]))


def test_load_rejects_corrupt_and_foreign_files(tmp_path: Path, pendulum_model: WorldModel) -> None:
    with pytest.raises(FileNotFoundError):
        WorldModel.load(tmp_path / "absent.safetensors")
    path = pendulum_model.save(tmp_path / "wm.safetensors")
    path.write_bytes(path.read_bytes()[:64])
    with pytest.raises(InvalidArgumentError, match="not a readable safetensors file"):
        WorldModel.load(path)
    from safetensors.torch import save_file

    save_file({"x": torch.zeros(2)}, str(tmp_path / "other.safetensors"))
    with pytest.raises(InvalidArgumentError, match="not a Plasma world model"):
        WorldModel.load(tmp_path / "other.safetensors")


def test_unfitted_model_says_so() -> None:
    model = WorldModel(3, 1)
    with pytest.raises(ModelNotFittedError, match="not fitted"):
        model.export()
    with pytest.raises(ModelNotFittedError):
        model.predict_mean(np.zeros((1, 3), np.float32), np.zeros((1, 1), np.float32))


def test_bad_inputs(pendulum_data: Transitions) -> None:
    with pytest.raises(InvalidArgumentError, match="state_dim=0"):
        WorldModel(0, 1)
    model = WorldModel(4, 1, SMALL)
    with pytest.raises(
        ShapeError, match=r"transitions.obs has shape \(1500, 3\), expected \(N, 4\)"
    ):
        model.fit(pendulum_data)
    with pytest.raises(ValueError, match="members"):
        WorldModelConfig(members=0)


def test_cartpole_learns_termination_with_one_hot_actions() -> None:
    # No termination box is given: the outcome head alone must learn where episodes end.
    with make_env("CartPole-v1", seed=0) as env:
        data = collect(env, 2000, seed=0)
        fresh = collect(env, 2000, seed=1)
    model = WorldModel(4, 1, SMALL, discrete_actions=2)
    report = model.fit(data)
    assert model.outcome is not None
    assert report.improvement > 20, report
    predicted = model.predict_done(fresh.obs, fresh.action, fresh.next_obs)
    assert predicted is not None
    recall = predicted[fresh.terminated].mean()
    false_alarms = predicted[~fresh.terminated].mean()
    assert recall >= 0.9, (recall, report)
    assert false_alarms <= 0.02, (false_alarms, report)
    # The Rust core ends paths where the head says so: a state well inside the bounds continues,
    # one beyond the pole-angle bound is done.
    core = model.to_core()
    states = np.array([[0.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.5, 0.0]], np.float32)
    out = core.predict(states, np.zeros((2, 1), np.float32), None, seed=0, deterministic=True)
    assert out["dones"].tolist() == [False, True]


@pytest.mark.parametrize("seed", [2055456, 2055457])
def test_a_rare_termination_is_learned_whatever_the_reward_head_does(seed: int) -> None:
    # Real swing-up transitions from a training run (4,000 steps, 14 terminations, the reward -1
    # at every step but those). Two of the terminations are held out, so the reward network's
    # held-out error is the noise of two rows. With these seeds a shared early stop kept the
    # termination network from its first epoch: p about 0.35 at every state, and the planner,
    # whose survival is the product of 1 - p, saw every path end within a few steps.
    data = np.load(Path(__file__).parents[1] / "data" / "acrobot_rare_terminals.npz")
    transitions = Transitions(**{key: data[key] for key in data.files})
    config = WorldModelConfig(members=5, hidden=[128, 128], max_epochs=80, patience=8, seed=seed)
    model = WorldModel(6, 1, config, discrete_actions=3)
    model.fit(transitions)
    assert model.outcome is not None
    with torch.no_grad():
        logit = model.outcome.done_logit(model._norm_states(transitions.next_obs))
    p = torch.sigmoid(logit).numpy()
    ended = transitions.terminated
    assert p[~ended].mean() < 0.05, p[~ended].mean()
    assert p[ended].mean() > 0.5, p[ended].mean()


@pytest.mark.parametrize("env_id", ["Pendulum-v1", "CartPole-v1"])
def test_a_continued_fit_starts_from_exactly_the_model_it_continues(env_id: str) -> None:
    # The larger data moves every normaliser; a step of a negligible learning rate leaves the
    # continued model where it started, which must be the earlier model's predictions.
    with make_env(env_id, seed=0) as env:
        data = collect(env, 1200, seed=0)
        small = SMALL.model_copy(update={"max_epochs": 3, "outcome_hidden": [32]})
        earlier = WorldModel(env.state_dim, env.action_dim, small, discrete_actions=env.n_actions)
        earlier.fit(data.take(np.arange(400)))
        frozen = small.model_copy(update={"learning_rate": 1e-12, "max_epochs": 1})
        later = WorldModel(env.state_dim, env.action_dim, frozen, discrete_actions=env.n_actions)
        report = later.fit(data, start=earlier)
    assert report.continued
    assert not torch.allclose(later.input_std, earlier.input_std, rtol=1e-3)
    for before, after in zip(
        earlier.predict_mean(data.obs, data.action),
        later.predict_mean(data.obs, data.action),
        strict=True,
    ):
        np.testing.assert_allclose(after, before, atol=1e-4)
    members = earlier.predict_members(data.obs, data.action)[0]
    np.testing.assert_allclose(later.predict_members(data.obs, data.action)[0], members, atol=1e-4)
    # A fresh fit with the same settings is nowhere near the earlier model.
    fresh = WorldModel(env.state_dim, env.action_dim, frozen, discrete_actions=env.n_actions)
    assert not fresh.fit(data).continued
    assert not np.allclose(fresh.predict_mean(data.obs, data.action)[0], members.mean(0), atol=1e-2)


def test_a_start_of_another_architecture_is_not_continued(pendulum_data: Transitions) -> None:
    other = WorldModel(3, 1, SMALL.model_copy(update={"hidden": [32], "max_epochs": 2}))
    other.fit(pendulum_data)
    model = WorldModel(3, 1, SMALL.model_copy(update={"max_epochs": 2}))
    assert not model.fit(pendulum_data, start=other).continued
    assert not model.fit(pendulum_data, start=WorldModel(3, 1, SMALL)).continued  # not fitted


def test_a_row_stays_on_its_side_of_the_held_out_split_as_the_data_grows(
    pendulum_data: Transitions,
) -> None:
    from plasma.simulator.world_model import _row_keys

    keys = _row_keys(pendulum_data.obs, pendulum_data.action)
    order = np.random.default_rng(0).permutation(len(pendulum_data))
    shuffled = _row_keys(pendulum_data.obs[order], pendulum_data.action[order])
    np.testing.assert_array_equal(shuffled, keys[order])  # a row's key is its own
    assert len(np.unique(keys)) == len(keys)
    # Held out: the lowest keys. A prefix's held-out rows stay held out in the whole, mostly.
    part = keys[:500]
    held_part = set(np.argsort(part)[: round(0.15 * 500)])
    held_all = set(np.argsort(keys)[: round(0.15 * len(keys))])
    assert len(held_part & held_all) >= 0.8 * len(held_part)


def test_a_continued_fit_that_only_gets_worse_keeps_the_model_it_started_from(
    pendulum_data: Transitions,
) -> None:
    small = SMALL.model_copy(update={"max_epochs": 3, "outcome_hidden": [32]})
    earlier = WorldModel(3, 1, small)
    earlier.fit(pendulum_data.take(np.arange(600)))
    # A learning rate this large wrecks every network in its first step.
    wrecking = small.model_copy(update={"learning_rate": 3.0, "patience": 2})
    later = WorldModel(3, 1, wrecking)
    assert later.fit(pendulum_data, start=earlier).continued
    for before, after in zip(
        earlier.predict_mean(pendulum_data.obs, pendulum_data.action),
        later.predict_mean(pendulum_data.obs, pendulum_data.action),
        strict=True,
    ):
        np.testing.assert_allclose(after, before, atol=1e-4)


def test_no_fitted_weight_is_left_subnormal(pendulum_data: Transitions) -> None:
    # A start whose reward network decayed towards zero (a constant reward does that over a
    # run's continued fits): the continued fit must not carry the decay into subnormal floats.
    small = SMALL.model_copy(update={"max_epochs": 2, "outcome_hidden": [32]})
    earlier = WorldModel(3, 1, small)
    earlier.fit(pendulum_data.take(np.arange(600)))
    assert earlier.outcome is not None
    with torch.no_grad():
        for p in earlier.outcome.reward.parameters():
            p.mul_(1e-30)
    later = WorldModel(3, 1, small.model_copy(update={"learning_rate": 1e-12, "max_epochs": 1}))
    assert later.fit(pendulum_data, start=earlier).continued
    for p in later.parameters():
        small_values = p.detach().abs()
        assert not bool(((small_values > 0) & (small_values < 1e-20)).any())


def test_a_reward_that_starts_to_vary_is_learned_after_a_constant_one() -> None:
    # CartPole pays 1 at every step: a model continued from a fit on it must still learn a
    # reward that varies (here the cart's position), as well as a fresh fit does.
    with make_env("CartPole-v1", seed=0) as env:
        data = collect(env, 1500, seed=0)
    small = SMALL.model_copy(update={"max_epochs": 20, "outcome_hidden": [32]})
    constant = WorldModel(4, 1, small, discrete_actions=2)
    constant.fit(data)
    varying = Transitions(
        data.obs, data.action, data.obs[:, 0], data.next_obs, data.terminated, data.truncated
    )
    continued = WorldModel(4, 1, small, discrete_actions=2)
    assert continued.fit(varying, start=constant).continued
    fresh = WorldModel(4, 1, small, discrete_actions=2)
    fresh.fit(varying)
    errors = []
    for model in (continued, fresh):
        _, reward = model.predict_mean(varying.obs, varying.action)
        errors.append(float(np.mean((reward - varying.reward) ** 2)))
    assert errors[0] < 2 * errors[1] + 1e-4, errors
    assert errors[0] < 0.05 * float(varying.reward.var()), errors


def _rail_driving_data(rows: int, seed: int) -> Transitions:
    """InvertedPendulum driven by a balancing controller towards a point beyond the end of its
    rail, with noise: the pole stays up until the cart hits the rail, so a tenth of the rows are
    impacts at the rail's end (a velocity cut to nothing in one step) and the rest follow smooth,
    nearly linear dynamics (as a learning run's data does once its planner balances)."""
    import gymnasium as gym

    rng = np.random.default_rng(seed)
    env = gym.make("InvertedPendulum-v5")
    env.reset(seed=seed)
    sim = env.unwrapped

    def step(state: np.ndarray, force: float) -> np.ndarray:
        sim.set_state(state[:2].astype(np.float64), state[2:].astype(np.float64))  # type: ignore[attr-defined]
        return np.asarray(env.step(np.array([force]))[0])

    # The linearised dynamics at the top and a discrete LQR gain for them.
    eps, zero = 1e-4, np.zeros(4)
    a = np.stack(
        [(step(zero + eps * e, 0.0) - step(zero - eps * e, 0.0)) / (2 * eps) for e in np.eye(4)], 1
    )
    b = ((step(zero, eps) - step(zero, -eps)) / (2 * eps))[:, None]
    q, p = np.diag([1.0, 10.0, 0.1, 0.1]), np.diag([1.0, 10.0, 0.1, 0.1])
    for _ in range(2000):
        p = q + a.T @ p @ a - a.T @ p @ b @ np.linalg.solve(1.0 + b.T @ p @ b, b.T @ p @ a)
    gain = np.linalg.solve(1.0 + b.T @ p @ b, b.T @ p @ a)[0]
    obs, acts, nexts, ends = [], [], [], []
    state, _ = env.reset(seed=seed)
    target = np.array([rng.choice([-1.5, 1.5]), 0.0, 0.0, 0.0])
    while len(obs) < rows:
        force = float(np.clip(-gain @ (state - target) + rng.normal(0.0, 0.5), -3.0, 3.0))
        following, _, terminated, truncated, _ = env.step(np.array([force], dtype=np.float32))
        obs.append(state)
        acts.append([force])
        nexts.append(following)
        ends.append(terminated)
        state = following
        if terminated or truncated:
            state, _ = env.reset(seed=int(rng.integers(1 << 30)))
            target = np.array([rng.choice([-1.5, 1.5]), 0.0, 0.0, 0.0])
    env.close()
    n = len(obs)
    return Transitions(
        np.asarray(obs, np.float32),
        np.asarray(acts, np.float32),
        np.ones(n, np.float32),
        np.asarray(nexts, np.float32),
        np.asarray(ends, bool),
        np.zeros(n, bool),
    )


def test_with_log_early_stopping_transitions_a_network_cannot_fit_do_not_end_the_fit() -> None:
    # Impacts at the rail's end dominate a mean squared error: stopping on it (the default,
    # early_stopping="mean") ended this fit after about 16 epochs with the median error of the
    # smooth rows at 0.022 of their step's spread; the held-out log error goes on to about 45
    # epochs and 0.0025.
    data = _rail_driving_data(3000, seed=0)
    at_rail = np.abs(data.next_obs[:, 0]) > 0.95
    assert at_rail.mean() > 0.05  # the data has what the test is about
    config = WorldModelConfig(hidden=[128, 128], max_epochs=80, patience=8, early_stopping="log")
    model = WorldModel(4, 1, config)
    model.fit(data)
    smooth = (np.abs(data.next_obs[:, 0]) < 0.5) & ~data.terminated
    predicted, _ = model.predict_mean(data.obs[smooth], data.action[smooth])
    step = np.abs(data.next_obs[smooth] - data.obs[smooth]).std(0)
    error = np.abs(predicted - data.next_obs[smooth]) / step
    assert float(np.median(error)) < 0.008


def test_an_input_constant_in_the_data_is_ignored_where_it_first_differs() -> None:
    # InvertedDoublePendulum's constraint force is 0 until the cart first hits the end of its
    # rail: a model fitted before that must predict as if it were still 0 (its normaliser's
    # std is at the clamp, so random weights on it turned 10 into an input of 1e7).
    with make_env("Pendulum-v1", seed=0) as env:
        data = collect(env, 600, seed=0)
    zeros = np.zeros((len(data), 1), np.float32)
    padded = Transitions(
        np.hstack([data.obs, zeros]),
        data.action,
        data.reward,
        np.hstack([data.next_obs, zeros]),
        data.terminated,
        data.truncated,
    )
    model = WorldModel(4, 1, SMALL.model_copy(update={"max_epochs": 5}))
    model.fit(padded)
    hit = padded.obs.copy()
    hit[:, 3] = 10.0
    (next_hit, reward_hit), (next_was, reward_was) = (
        model.predict_mean(obs, padded.action) for obs in (hit, padded.obs)
    )
    np.testing.assert_array_equal(next_hit[:, :3], next_was[:, :3])
    np.testing.assert_array_equal(reward_hit, reward_was)
    np.testing.assert_allclose(next_hit[:, 3], 10.0, atol=1e-4)  # it stays where it is
    core = model.to_core()
    got, want = (
        core.predict(obs, padded.action, None, seed=0, deterministic=True)
        for obs in (hit, padded.obs)
    )
    np.testing.assert_allclose(got["next_states"][:, :3], want["next_states"][:, :3], atol=1e-5)
    np.testing.assert_allclose(got["rewards"], want["rewards"], atol=1e-5)


def test_weighting_the_likelihood_by_the_variance_fits_the_hard_transitions_means() -> None:
    # Acrobot's random data: the plain likelihood explains its hard transitions (fast swings)
    # by a large variance and leaves their means unfitted; nll_beta 0.5 fits them.
    with make_env("Acrobot-v1", seed=0) as env:
        data = collect(env, 2000, seed=0)
    train = Transitions(
        data.obs[:1500],
        data.action[:1500],
        data.reward[:1500],
        data.next_obs[:1500],
        data.terminated[:1500],
        data.truncated[:1500],
    )
    spread = (train.next_obs - train.obs).std(0)
    errors = {}
    for beta in (0.0, 0.5):
        config = SMALL.model_copy(update={"max_epochs": 60, "patience": 8, "nll_beta": beta})
        model = WorldModel(6, 1, config, discrete_actions=3)
        model.fit(train)
        predicted, _ = model.predict_mean(data.obs[1500:], data.action[1500:])
        rms = np.sqrt(((predicted - data.next_obs[1500:]) ** 2).mean(0))
        errors[beta] = float((rms / spread).mean())
    assert errors[0.5] < 0.75 * errors[0.0], errors


def test_projected_predictions_stay_on_the_circles_the_real_states_lie_on(tmp_path: Path) -> None:
    # Acrobot observes each joint as (cos, sin): every real state lies on two unit circles. With
    # project_norms (the default) the model finds them in its data and scales every prediction
    # back onto them (Rust and torch alike); without it, nothing is found and nothing is scaled.
    with make_env("Acrobot-v1", seed=0) as env:
        data = collect(env, 600, seed=0)
        quick = WorldModelConfig(members=2, hidden=[32, 32], max_epochs=20, patience=5, seed=0)
        plain = WorldModel.for_env(env, quick.model_copy(update={"project_norms": False}))
        model = WorldModel.for_env(env, quick)
    plain.fit(data)
    model.fit(data)
    assert plain.norm_groups == []
    assert "norm_groups" not in plain.export()
    assert [g for g, _ in model.norm_groups] == [[0, 1], [2, 3]]
    assert all(abs(v - 1.0) < 1e-3 for _, v in model.norm_groups)
    rng = np.random.default_rng(0)
    states = rng.uniform(-1.5, 1.5, (64, 6)).astype(np.float32)  # far off the circles too
    actions = rng.integers(0, 3, (64, 1)).astype(np.float32)

    def radii(s: np.ndarray) -> np.ndarray:
        return np.stack([s[:, 0] ** 2 + s[:, 1] ** 2, s[:, 2] ** 2 + s[:, 3] ** 2], axis=1)

    rust = model.to_core().predict(states, actions, None, deterministic=True)["next_states"]
    np.testing.assert_allclose(radii(rust), 1.0, atol=1e-4)
    torch_next, _ = model.predict_mean(states, actions)
    np.testing.assert_allclose(torch_next, rust, atol=1e-4)
    raw = plain.to_core().predict(states, actions, None, deterministic=True)["next_states"]
    assert np.abs(radii(raw) - 1.0).max() > 0.1  # the plain model leaves them
    for _, _, nxt in model.member_paths(states[:4], 5, lambda _, s: np.ones((len(s), 1))):
        np.testing.assert_allclose(radii(nxt), 1.0, atol=1e-4)
    loaded = WorldModel.load(model.save(tmp_path / "wm.safetensors"))
    assert loaded.norm_groups == model.norm_groups


def test_lookahead_is_the_members_discounted_return_and_its_gradient_reaches_only_the_actions(
    pendulum_model: WorldModel, pendulum_data: Transitions
) -> None:
    starts, steps, gamma = pendulum_data.obs[:7], 4, 0.9  # 7: not a multiple of the members
    gain = torch.tensor([0.7], requires_grad=True)

    def act(states: torch.Tensor) -> torch.Tensor:
        return torch.clamp(gain * states[..., 2:3], -2.0, 2.0)

    def terminal(states: torch.Tensor) -> torch.Tensor:
        return states[:, 0] * 10.0  # a value: ten times the cosine of the angle

    for p in pendulum_model.parameters():
        p.grad = None  # (fitting leaves its last gradients)
    total = pendulum_model.lookahead(torch.as_tensor(starts), act, steps, gamma, terminal)
    # By hand, from member_paths: the pendulum never ends, so every step counts in full.
    by_hand = np.zeros(SMALL.members * len(starts))
    states = np.tile(starts, (SMALL.members, 1))

    def act_np(t: int, s: np.ndarray) -> np.ndarray:
        return np.clip(0.7 * s[:, 2:3], -2.0, 2.0)

    for t, (rewards, done, nxt) in enumerate(pendulum_model.member_paths(starts, steps, act_np)):
        assert done is None or not done.any()
        by_hand += gamma**t * rewards
        states = nxt
    by_hand += gamma**steps * states[:, 0] * 10.0
    per_member = by_hand.reshape(SMALL.members, len(starts))
    np.testing.assert_allclose(total.detach().numpy(), per_member.mean(0), rtol=1e-4, atol=1e-3)
    # one member each: start i's return is member (i mod E)'s alone
    each = pendulum_model.lookahead(
        torch.as_tensor(starts), act, steps, gamma, terminal, one_member_each=True
    )
    mine = per_member[np.arange(len(starts)) % SMALL.members, np.arange(len(starts))]
    np.testing.assert_allclose(each.detach().numpy(), mine, rtol=1e-4, atol=1e-3)
    assert np.abs(mine - per_member.mean(0)).max() > 1e-3  # the members do differ
    total.sum().backward()
    assert gain.grad is not None
    assert float(gain.grad.abs()) > 0
    assert all(p.grad is None for p in pendulum_model.parameters())  # the model is not trained
    assert all(p.requires_grad for p in pendulum_model.parameters())  # and is left as it was


def test_lookahead_weighs_each_step_by_the_chance_the_path_goes_on() -> None:
    with pytest.raises(InvalidArgumentError, match="Box actions"):
        WorldModel(4, 1, SMALL, discrete_actions=2).lookahead(torch.zeros(1, 4), torch.sin, 3, 0.9)
    with make_env("CartPole-v1", seed=0) as env:
        data = collect(env, 1500, seed=0)
    continuous = WorldModel(4, 1, SMALL)  # CartPole's data with the action as a number
    continuous.fit(data)
    upright = torch.zeros(1, 4)
    fallen = torch.tensor([[0.0, 0.0, 0.5, 0.0]])  # beyond the pole's bound: the path has ended

    def push(states: torch.Tensor) -> torch.Tensor:
        return torch.ones((*states.shape[:-1], 1))

    # CartPole pays 1 a step while the pole is up: the first step counts whatever the state;
    # from a fallen pole nothing after it does.
    going = float(continuous.lookahead(upright, push, 5, 1.0))
    ended = float(continuous.lookahead(fallen, push, 5, 1.0))
    assert going > 3.0, going
    assert ended < 1.5, ended
