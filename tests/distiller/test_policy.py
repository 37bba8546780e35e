"""Policy: action spaces, fingerprint, export to the Rust core's format, save and load."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import torch

import plasma._core
from plasma.distiller import (
    CoreUnavailableError,
    LoRAInjector,
    LoRASpec,
    Policy,
    PolicyConfig,
    merge_adapter,
)
from plasma.errors import InvalidArgumentError, ShapeError
from tests.distiller.conftest import make_policy, random_adapter, write_packet
from tests.support.pendulum import pendulum_paths

ACTIVATIONS = {
    "tanh": np.tanh,
    "relu": lambda x: np.maximum(x, 0.0),
    "silu": lambda x: x / (1.0 + np.exp(-x)),
    "elu": lambda x: np.where(x > 0, x, np.expm1(np.minimum(x, 0.0))),
}


def numpy_forward(export: dict[str, Any], obs: np.ndarray) -> np.ndarray:
    """The Rust PolicyNet's documented semantics, re-implemented in numpy (float64)."""
    x = (obs.astype(np.float64) - export["obs_mean"]) / export["obs_std"]
    act = ACTIVATIONS[export["activation"]]
    layers = list(zip(export["weights"], export["biases"], strict=True))
    for w, b in layers[:-1]:
        x = act(x @ w.astype(np.float64) + b)
    w, b = layers[-1]
    y = x @ w.astype(np.float64) + b
    low, high = export["action_low"], export["action_high"]
    if export["output"] == "tanh":
        return low + (np.tanh(y) + 1.0) / 2.0 * (high - low)
    if export["output"] == "linear":
        return np.clip(y, low, high)
    assert export["output"] == "argmax"
    return y.argmax(axis=1).astype(np.float32)[:, None]


def test_box_actions_are_bounded_and_shaped() -> None:
    policy = Policy(obs_dim=3, action_dim=2, action_low=[-2.0, 0.0], action_high=[2.0, 1.0])
    obs = np.random.default_rng(0).normal(size=(50, 3)).astype(np.float32) * 100
    with torch.no_grad():
        for layer in policy.layers:
            layer.weight.mul_(50)  # saturate the squashing
    actions = policy.act(obs)
    assert actions.shape == (50, 2)
    assert actions.dtype == np.float32
    assert (actions[:, 0] >= -2.0).all()
    assert (actions[:, 0] <= 2.0).all()
    assert (actions[:, 1] >= 0.0).all()
    assert (actions[:, 1] <= 1.0).all()
    assert policy.act(obs[0]).shape == (2,)


def test_untrained_policy_acts_near_the_middle_of_the_bounds() -> None:
    policy = Policy(obs_dim=3, action_low=[-2.0], action_high=[2.0])
    actions = policy.act(np.random.default_rng(0).normal(size=(20, 3)))
    assert np.abs(actions).max() < 0.2


def test_discrete_policy_gives_argmax_indices() -> None:
    policy = Policy(obs_dim=4, discrete_actions=3, hidden_sizes=[16])
    assert policy.policy_config.action_low == [0.0]
    assert policy.policy_config.action_high == [2.0]
    obs = np.random.default_rng(1).normal(size=(30, 4)).astype(np.float32)
    with torch.no_grad():
        logits = policy(torch.from_numpy(obs)).numpy()
    actions = policy.act(obs)
    assert actions.shape == (30, 1)
    np.testing.assert_array_equal(actions[:, 0], logits.argmax(axis=1).astype(np.float32))
    sampled = policy.act(obs, deterministic=False, rng=np.random.default_rng(0))
    assert set(np.unique(sampled)) <= {0.0, 1.0, 2.0}


def test_gaussian_head_samples_within_bounds_around_the_mean() -> None:
    policy = Policy(obs_dim=3, action_low=[-2.0], action_high=[2.0], head="gaussian")
    assert policy.log_std is not None
    obs = np.zeros((2000, 3), np.float32)
    samples = policy.act(obs, deterministic=False, rng=np.random.default_rng(0))
    assert (np.abs(samples) <= 2.0).all()
    assert samples.std() > 0.3
    assert abs(float(samples.mean()) - float(policy.act(obs[:1])[0, 0])) < 0.1


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"obs_dim": 3}, "action_low"),
        ({"obs_dim": 3, "action_low": [1.0], "action_high": [0.0]}, "exceeds action_high 0"),
        (
            {"obs_dim": 3, "action_dim": 2, "action_low": [-1.0, 0.5], "action_high": [1.0, 0.5]},
            r"action_low = 0.5 at index 1: equals action_high 0.5",
        ),
        ({"obs_dim": 3, "action_low": [float("nan")], "action_high": [1.0]}, "non-finite"),
        (
            {"obs_dim": 3, "action_dim": 2, "action_low": [0.0], "action_high": [1.0]},
            r"action_low has shape \[1\], expected \(2,\): one bound per action dimension",
        ),
        ({"obs_dim": 3, "discrete_actions": 3, "head": "gaussian"}, "discrete"),
        ({"obs_dim": 0, "action_low": [0.0], "action_high": [1.0]}, "obs_dim"),
        ({"obs_dim": 3, "action_low": [0.0], "action_high": [1.0], "activation": "gelu"}, "gelu"),
    ],
)
def test_invalid_configs_are_refused_with_a_clear_message(
    fields: dict[str, Any], message: str
) -> None:
    with pytest.raises(InvalidArgumentError, match=message):
        Policy(fields)


def test_box_bounds_are_refused_exactly_where_the_core_strict_rule_refuses_them() -> None:
    # One rule (bounds.rs): the policy config asks the core, strictly (training scales the labels
    # by high - low); the message it gives is the core's.
    rng = np.random.default_rng(0)
    lows, highs = [-1.0, 0.0, 0.5, 1.0, np.nan, np.inf], [-1.0, 0.0, 0.5, 1.0, np.inf]
    refused = 0
    for _ in range(200):
        dim = int(rng.integers(1, 4))
        low = rng.choice(lows, dim, p=[0.3, 0.3, 0.2, 0.1, 0.05, 0.05])
        high = rng.choice(highs, dim, p=[0.1, 0.2, 0.3, 0.35, 0.05])
        try:
            plasma._core.check_action_bounds(low, high, action_dim=dim, strict=True)
            core_error = None
        except (InvalidArgumentError, ShapeError) as err:
            core_error = str(err)
        fields = {"obs_dim": 2, "action_dim": dim, "action_low": [*low], "action_high": [*high]}
        if core_error is None:
            assert Policy(fields).policy_config.action_low == list(low)
        else:
            refused += 1
            with pytest.raises(InvalidArgumentError) as info:
                Policy(fields)
            assert core_error in str(info.value)
    assert 20 < refused < 180  # both outcomes drawn often


def test_act_checks_the_observation_shape() -> None:
    policy = make_policy()
    with pytest.raises(ShapeError, match=r"expected \(3,\) or \(N, 3\)"):
        policy.act(np.zeros((5, 4), np.float32))


def test_for_paths_reads_the_action_space_from_meta() -> None:
    paths = pendulum_paths(4, 10)
    policy = Policy.for_paths(paths, hidden_sizes=[32])
    assert (policy.obs_dim, policy.action_dim) == (3, 1)
    assert policy.policy_config.action_high == [2.0]
    assert policy.layer_shapes() == {"layers.0": (3, 32), "layers.1": (32, 1)}
    paths.meta.action_low = None
    with pytest.raises(InvalidArgumentError, match="action bounds"):
        Policy.for_paths(paths)


def test_fingerprint_tracks_base_weights_and_architecture_only(tmp_path: Path) -> None:
    a, b = make_policy(seed=0), make_policy(seed=0)
    assert a.fingerprint() == b.fingerprint()
    assert a.fingerprint() != make_policy(seed=1).fingerprint()
    assert a.fingerprint() != make_policy(seed=0, activation="silu").fingerprint()
    with torch.no_grad():
        b.layers[1].bias[0] += 1e-6
    assert a.fingerprint() != b.fingerprint()
    # an active adapter does not change the base's identity
    before = a.fingerprint()
    LoRAInjector(a).inject(write_packet(tmp_path, a))
    assert a.live_weights is not None
    assert a.fingerprint() == before


@pytest.mark.parametrize("activation", ["tanh", "relu", "silu", "elu"])
def test_export_matches_the_torch_forward_box(activation: str) -> None:
    policy = make_policy(seed=3, activation=activation)
    with torch.no_grad():
        policy.layers[-1].weight.mul_(100)  # leave the near-zero regime
    obs = pendulum_paths(4, 20, seed=5).states.reshape(-1, 3)
    export = policy.export()
    assert [w.shape for w in export["weights"]] == [(3, 64), (64, 64), (64, 1)]
    assert all(w.dtype == np.float32 for w in export["weights"] + export["biases"])
    assert export["output"] == "tanh"
    np.testing.assert_allclose(numpy_forward(export, obs), policy.act(obs), atol=1e-5)


def test_export_matches_the_torch_forward_discrete() -> None:
    policy = Policy(obs_dim=4, discrete_actions=5, hidden_sizes=[32, 32], activation="relu")
    with torch.no_grad():
        policy.layers[-1].weight.mul_(100)
    obs = np.random.default_rng(2).normal(size=(200, 4)).astype(np.float32)
    export = policy.export()
    assert export["output"] == "argmax"
    np.testing.assert_array_equal(numpy_forward(export, obs), policy.act(obs))


def test_export_merges_an_injected_adapter(tmp_path: Path) -> None:
    policy = make_policy()
    LoRAInjector(policy).inject(write_packet(tmp_path, policy, seed=4))
    obs = pendulum_paths(4, 20, seed=6).states.reshape(-1, 3)
    np.testing.assert_allclose(numpy_forward(policy.export(), obs), policy.act(obs), atol=1e-5)


def test_export_merges_a_peft_adapter_as_w_plus_ba_times_scaling() -> None:
    from peft import get_peft_model

    base = make_policy()
    spec = LoRASpec(rank=4, alpha=8.0, target_modules=["layers.0", "layers.2"])
    adapter = {
        k: v
        for k, v in random_adapter(base, 4, seed=7).items()
        if ".layers.1." not in k  # not a target
    }
    model = get_peft_model(copy.deepcopy(base), spec.to_peft())
    from peft import set_peft_model_state_dict

    set_peft_model_state_dict(model, adapter)
    wrapped = model.base_model.model
    assert isinstance(wrapped, Policy)
    export = wrapped.export()
    a, b = (
        adapter["base_model.model.layers.0.lora_A.weight"],
        adapter["base_model.model.layers.0.lora_B.weight"],
    )
    expected0 = (base.layers[0].weight + (b @ a) * 2.0).T.numpy()
    np.testing.assert_allclose(export["weights"][0], expected0, rtol=1e-6, atol=1e-6)
    np.testing.assert_array_equal(export["weights"][1], base.layers[1].weight.numpy().T)
    obs = pendulum_paths(4, 20, seed=8).states.reshape(-1, 3)
    with torch.no_grad():
        torch_actions = wrapped.to_action(model(torch.from_numpy(obs))).numpy()
    np.testing.assert_allclose(numpy_forward(export, obs), torch_actions, atol=1e-5)
    # the same merge as the injector's
    live = merge_adapter(base, adapter, spec)
    np.testing.assert_allclose(live.weights[0].numpy().T, export["weights"][0], atol=1e-6)


@pytest.mark.skipif(
    not hasattr(plasma._core, "PolicyNet"),
    reason="this build of plasma._core has no PolicyNet yet (the Rust policy export is not built)",
)
@pytest.mark.parametrize("discrete", [False, True])
def test_to_core_acts_like_the_torch_policy(discrete: bool, tmp_path: Path) -> None:
    if discrete:
        policy = Policy(obs_dim=4, discrete_actions=3, hidden_sizes=[32, 32])
        obs = np.random.default_rng(0).normal(size=(64, 4)).astype(np.float32)
    else:
        policy = make_policy(activation="silu")
        LoRAInjector(policy).inject(write_packet(tmp_path, policy))
        obs = pendulum_paths(4, 16).states.reshape(-1, 3)
    with torch.no_grad():
        policy.layers[-1].weight.mul_(10)
    core = policy.to_core()
    np.testing.assert_allclose(np.asarray(core.act(obs)), policy.act(obs), atol=1e-4)


def test_to_core_without_policynet_raises_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(plasma._core, "PolicyNet", raising=False)
    with pytest.raises(CoreUnavailableError, match="PolicyNet"):
        make_policy().to_core()


def test_save_and_load_round_trip(tmp_path: Path) -> None:
    policy = make_policy(seed=2, head="gaussian", activation="elu", hidden_sizes=[16, 8])
    path = policy.save(tmp_path / "policy")
    assert sorted(p.name for p in path.iterdir()) == ["policy.json", "policy.safetensors"]
    loaded = Policy.load(path)
    assert loaded.policy_config == policy.policy_config
    assert loaded.fingerprint() == policy.fingerprint()
    obs = pendulum_paths(2, 10).states.reshape(-1, 3)
    np.testing.assert_array_equal(loaded.act(obs), policy.act(obs))
    with pytest.raises(FileExistsError):
        policy.save(path)
    make_policy(seed=5).save(path, overwrite=True)
    assert Policy.load(path).fingerprint() == make_policy(seed=5).fingerprint()
    assert [p.name for p in tmp_path.iterdir()] == ["policy"]  # no temp dirs left behind


def test_load_refuses_edited_or_missing_files(tmp_path: Path) -> None:
    path = make_policy().save(tmp_path / "p")
    weights = path / "policy.safetensors"
    data = bytearray(weights.read_bytes())
    data[-5] ^= 0x40
    weights.write_bytes(bytes(data))
    with pytest.raises(InvalidArgumentError, match=r"corrupt|not finite|readable"):
        Policy.load(path)
    weights.unlink()
    with pytest.raises(FileNotFoundError, match=r"policy\.safetensors"):
        Policy.load(path)


def test_policy_config_is_a_pydantic_model() -> None:
    cfg = PolicyConfig(obs_dim=3, action_low=[-1.0], action_high=[1.0])
    assert PolicyConfig.model_validate_json(cfg.model_dump_json()) == cfg
    assert "seed" not in cfg.architecture()


def test_a_feature_constant_in_the_normalisation_states_is_ignored() -> None:
    # A contact or limit force that is 0 in every state the policy learned from: its first
    # value other than 0 must not move the action (random weights on it would).
    rng = np.random.default_rng(0)
    states = np.column_stack([rng.normal(size=(200, 2)), np.zeros(200)]).astype(np.float32)
    policy = Policy(obs_dim=3, action_low=[-2.0], action_high=[2.0], seed=0)
    with torch.no_grad():  # a trained-looking first layer, so that zeroing is what is tested
        policy.layers[0].weight.normal_()  # type: ignore[operator]
    policy.fit_normalization(states)
    hit = states[:20].copy()
    hit[:, 2] = 10.0
    np.testing.assert_array_equal(
        policy.act(hit, deterministic=True), policy.act(states[:20], deterministic=True)
    )
    moved = states[:20].copy()
    moved[:, 0] += 3.0
    assert not np.allclose(
        policy.act(moved, deterministic=True), policy.act(states[:20], deterministic=True)
    )


# (observations, the index the refusal names): a NaN or an infinity anywhere, one or a batch.
NON_FINITE = [
    ([np.nan, 0.0, 0.0], "index 0 is nan"),
    ([0.0, 0.0, np.inf], "index 2 is inf"),
    ([[0.0, 0.0, 0.0], [0.0, -np.inf, 0.0]], "index (1, 1) is -inf"),
    ([[np.nan, np.nan, np.nan]] * 4, "12 non-finite value(s)"),
]


@pytest.mark.parametrize(("obs", "names"), NON_FINITE)
def test_act_refuses_an_observation_that_is_not_finite(obs: list[object], names: str) -> None:
    # Before: NaN or infinite observations gave NaN actions, silently (a user's own data).
    policy = Policy(obs_dim=3, action_low=[-2.0], action_high=[2.0])
    with pytest.raises(InvalidArgumentError, match=r"^obs has ") as caught:
        policy.act(np.asarray(obs))
    assert names in str(caught.value)
    assert "\n" not in str(caught.value)
    passed = policy.act(np.asarray(obs, np.float32), finite_only=False)  # imagined states
    assert passed.shape[-1] == 1
