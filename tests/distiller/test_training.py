"""Behaviour cloning: it imitates, it refuses what it must, weights, splits, DAgger."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from plasma.distiller import (
    DistillationInputError,
    DistillOutcome,
    LoRASettings,
    MissingLabelsError,
    NoApprovedPathsError,
    NotAuditedError,
    Policy,
    Refinement,
    TrainingConfig,
    distill,
    path_weights,
    select_paths,
)
from plasma.errors import InvalidArgumentError, ShapeError
from plasma.simulator.paths import PathsMeta, PhantomPaths
from tests.distiller.conftest import FAST, make_policy
from tests.support.pendulum import pendulum_paths, swing_up


def policy_rollout(num_paths: int = 8, horizon: int = 40, seed: int = 1):  # type: ignore[no-untyped-def]
    """rollout(policy) -> PhantomPaths: the policy driving the Pendulum dynamics (no labels)."""

    def rollout(policy: Policy) -> PhantomPaths:
        return pendulum_paths(
            num_paths,
            horizon,
            seed=seed,
            noise=0.0,
            controller=policy.act,
            approved=None,
            labels=False,
        )

    return rollout


# --------------------------------------------------------------------------------- imitation


def test_lora_distillation_imitates_the_planner(distilled: DistillOutcome) -> None:
    report = distilled.report
    assert report.mode == "lora"
    assert report.error_metric == "normalized_mse"
    assert report.initial_heldout_error is not None
    assert report.heldout_error is not None
    assert report.heldout_error < 0.35 * report.initial_heldout_error
    assert (report.train_paths, report.heldout_paths) == (19, 5)  # split by path
    assert (report.train_steps, report.heldout_steps) == (19 * 60, 5 * 60)
    assert report.updates == FAST.updates
    assert report["heldout_error"] == report.heldout_error  # readable as a mapping
    # the adapter is what changed: base untouched, a stand-alone distilled policy acts like it
    assert distilled.adapter is not None
    assert sorted(distilled.adapter) == sorted(
        f"base_model.model.layers.{i}.lora_{w}.weight" for i in range(3) for w in "AB"
    )
    assert distilled.policy.live_weights is None
    assert distilled.distilled.fingerprint() == distilled.policy.fingerprint()


def test_distilled_policy_tracks_the_controller_on_new_states(distilled: DistillOutcome) -> None:
    fresh = pendulum_paths(10, 50, seed=123)
    obs = fresh.states[:, :-1].reshape(-1, 3)
    target = swing_up(obs)
    untrained = distilled.policy.act(obs)
    learned = distilled.distilled.act(obs)
    assert np.mean((learned - target) ** 2) < 0.35 * np.mean((untrained - target) ** 2)


def test_full_distillation_imitates_and_leaves_the_input_policy_alone() -> None:
    paths = pendulum_paths(24, 60)
    base = Policy.for_paths(paths).fit_normalization(paths.states.reshape(-1, 3))
    fingerprint = base.fingerprint()
    out = distill(base, paths, mode="full", training=TrainingConfig(updates=400, batch_size=128))
    assert base.fingerprint() == fingerprint
    assert out.policy is not base
    assert out.policy.fingerprint() != fingerprint
    assert out.adapter is None
    assert out.report.heldout_error is not None
    assert out.report.initial_heldout_error is not None
    assert out.report.heldout_error < 0.35 * out.report.initial_heldout_error


@pytest.mark.parametrize("mode", ["full", "lora"])
def test_refinement_raises_its_objective_and_is_kept_only_where_its_judge_prefers_it(
    mode: str, paths: PhantomPaths
) -> None:
    base = make_policy()
    probe = pendulum_paths(6, 30, seed=7).states[:, :-1].reshape(-1, 3)

    def objective(act, states: torch.Tensor) -> torch.Tensor:  # type: ignore[no-untyped-def]
        return -((act(states) - 1.5) ** 2).sum(dim=-1)  # best: +1.5 everywhere, unlike the labels

    def closeness(policy: Policy) -> float:
        return -float(np.mean((policy.act(probe) - 1.5) ** 2))

    refining = FAST.model_copy(update={"refine_updates": 150})
    plain = distill(base, paths, mode=mode, training=FAST)  # type: ignore[arg-type]
    assert plain.report.refine_judged is None
    refined = distill(
        base,
        paths,
        mode=mode,
        training=refining,
        refinement=Refinement(objective, closeness),  # type: ignore[arg-type]
    )
    assert refined.report.refine_judged is not None
    before, after = refined.report.refine_judged
    assert before == pytest.approx(closeness(plain.distilled))  # judged: the plain distillation
    assert after > before
    assert after == pytest.approx(closeness(refined.distilled))  # and it was kept
    assert refined.report.updates == plain.report.updates + 150
    # A judge that prefers the policy as distilled: refinement is undone, exactly.
    undone = distill(
        base,
        paths,
        mode=mode,  # type: ignore[arg-type]
        training=refining,
        refinement=Refinement(objective, lambda policy: -closeness(policy)),
    )
    assert undone.report.refine_judged is not None
    assert undone.report.refine_judged[1] < undone.report.refine_judged[0]
    np.testing.assert_array_equal(undone.distilled.act(probe), plain.distilled.act(probe))


def test_gaussian_head_distills() -> None:
    paths = pendulum_paths(16, 40)
    base = make_policy(head="gaussian")
    out = distill(base, paths, mode="full", training=FAST)
    assert out.report.heldout_error is not None
    assert out.report.initial_heldout_error is not None
    assert out.report.heldout_error < 0.5 * out.report.initial_heldout_error
    assert not torch.equal(out.policy.log_std, base.log_std)  # type: ignore[arg-type]


def test_discrete_distillation_imitates() -> None:
    rng = np.random.default_rng(0)
    p, h = 30, 20
    states = rng.normal(size=(p, h + 1, 4)).astype(np.float32)
    w = np.array([[1.0, -1.0, 0.0], [0.5, 0.5, -1.0], [0.0, 1.0, 1.0], [-1.0, 0.0, 0.5]])
    labels = (states[:, :-1] @ w).argmax(axis=-1)[..., None].astype(np.float32)
    paths = PhantomPaths(
        states=states,
        actions=labels,
        rewards=rng.normal(size=(p, h)).astype(np.float32),
        action_labels=labels,
        approved=np.ones(p, bool),
        meta=PathsMeta(discrete_actions=3),
    )
    base = Policy.for_paths(paths, hidden_sizes=[32, 32])
    out = distill(base, paths, mode="lora", training=FAST)
    assert out.report.error_metric == "error_rate"
    assert out.report.heldout_error is not None
    assert out.report.heldout_error < 0.15
    assert out.report.initial_heldout_error is not None
    assert out.report.initial_heldout_error > 0.4


def test_lora_target_layers_and_rank_are_configurable(paths: PhantomPaths) -> None:
    settings = LoRASettings(rank=2, alpha=4.0, target_layers=["layers.1", "layers.2"])
    out = distill(make_policy(), paths, training=TrainingConfig(updates=20), lora=settings)
    assert out.lora is not None
    assert out.lora.target_modules == ["layers.1", "layers.2"]
    assert out.lora.scaling == 2.0
    assert out.adapter is not None
    assert out.adapter["base_model.model.layers.1.lora_A.weight"].shape == (2, 64)
    with pytest.raises(InvalidArgumentError, match="target_layers"):
        distill(make_policy(), paths, lora=LoRASettings(target_layers=["layers.9"]))


def test_distillation_is_reproducible(paths: PhantomPaths) -> None:
    cfg = TrainingConfig(updates=30, seed=3)
    a = distill(make_policy(), paths, training=cfg)
    b = distill(make_policy(), paths, training=cfg)
    assert a.adapter is not None
    assert b.adapter is not None
    for key, value in a.adapter.items():
        assert torch.equal(value, b.adapter[key])


def test_training_restores_torch_threads(paths: PhantomPaths) -> None:
    torch.set_num_threads(2)
    try:
        distill(make_policy(), paths, training=TrainingConfig(updates=5, torch_threads=1))
        assert torch.get_num_threads() == 2
    finally:
        torch.set_num_threads(1)


# --------------------------------------------------------------------------------- refusals


def test_refuses_paths_without_labels() -> None:
    with pytest.raises(MissingLabelsError, match="no action_labels"):
        distill(make_policy(), pendulum_paths(4, 10, labels=False))
    with pytest.raises(MissingLabelsError):
        select_paths(pendulum_paths(4, 10, labels=False), require_audit=False)


def test_refuses_unaudited_paths_unless_told_otherwise() -> None:
    paths = pendulum_paths(6, 20, approved=None)
    with pytest.raises(NotAuditedError, match="never audited") as info:
        distill(make_policy(), paths)
    assert isinstance(info.value, ValueError)
    out = distill(make_policy(), paths, require_audit=False, training=TrainingConfig(updates=5))
    assert out.report.paths_used == 6


def test_refuses_when_no_path_is_approved_unless_told_otherwise() -> None:
    paths = pendulum_paths(6, 20, approved=False)
    with pytest.raises(NoApprovedPathsError, match="approved none of the 6"):
        distill(make_policy(), paths)
    out = distill(make_policy(), paths, require_audit=False, training=TrainingConfig(updates=5))
    assert out.report.paths_used == 6


def test_uses_only_the_approved_paths() -> None:
    mask = np.array([True, False, True, False, True, True, False, True])
    paths = pendulum_paths(8, 10, approved=mask)
    out = distill(make_policy(), paths, training=TrainingConfig(updates=5))
    assert (out.report.paths_total, out.report.paths_used) == (8, 5)
    assert out.report.train_steps + out.report.heldout_steps == 5 * 10


def test_only_steps_before_each_path_end_are_used() -> None:
    paths = pendulum_paths(6, 20)
    assert paths.lengths is not None
    paths.lengths[:] = [20, 5, 0, 10, 20, 1]
    assert paths.action_labels is not None
    paths.action_labels[1, 5:] = np.nan  # after the end: ignored
    out = distill(make_policy(), paths, training=TrainingConfig(updates=5, holdout_fraction=0))
    assert out.report.train_steps == 56
    assert out.report.heldout_error is None


def test_refuses_non_finite_labels_and_mismatched_shapes() -> None:
    paths = pendulum_paths(4, 10)
    assert paths.action_labels is not None
    paths.action_labels[2, 3, 0] = np.inf
    with pytest.raises(InvalidArgumentError, match="NaN or infinite"):
        distill(make_policy(), paths)
    wide = Policy(obs_dim=5, action_low=[-2.0], action_high=[2.0])
    with pytest.raises(ShapeError, match="state_dim=3"):
        distill(wide, pendulum_paths(4, 10))
    with pytest.raises(InvalidArgumentError, match="PhantomPaths"):
        distill(make_policy(), {"states": []})  # type: ignore[arg-type]


def test_all_empty_paths_are_refused() -> None:
    paths = pendulum_paths(3, 10)
    assert paths.lengths is not None
    paths.lengths[:] = 0
    with pytest.raises(DistillationInputError, match="no steps"):
        distill(make_policy(), paths, training=TrainingConfig(holdout_fraction=0))


# --------------------------------------------------------------------------------- weights


def test_path_weights() -> None:
    r = np.array([-300.0, -100.0, -200.0, -50.0])
    np.testing.assert_array_equal(path_weights(r, "uniform"), np.ones(4))
    for scheme in ("softmax", "rank"):
        w = path_weights(r, scheme)
        assert w.mean() == pytest.approx(1.0)
        assert list(np.argsort(w)) == list(np.argsort(r))  # better paths weigh more
    np.testing.assert_allclose(path_weights(r, "rank"), np.array([1, 3, 2, 4]) / 2.5)
    hot = path_weights(r, "softmax", temperature=100.0)
    assert hot.max() / hot.min() < 1.1
    capped = path_weights(np.array([0.0] * 99 + [1e6]), "softmax", temperature=0.01, max_weight=5)
    assert capped.max() <= 5.0 + 1e-9
    assert path_weights(np.array([3.0, 3.0]), "softmax").tolist() == [1.0, 1.0]
    with pytest.raises(InvalidArgumentError):
        path_weights(np.array([1.0, np.nan]))


def test_quality_weighting_prefers_the_better_paths() -> None:
    """Two controllers label different paths; the higher-return paths' labels win."""
    good = pendulum_paths(12, 40, seed=1)
    bad = pendulum_paths(12, 40, seed=2, controller=lambda o: -swing_up(o))
    assert bad.rewards is not None
    bad.rewards[:] -= 5.0  # the bad controller's paths earn less
    paths = PhantomPaths(
        states=np.concatenate([good.states, bad.states]),
        actions=np.concatenate([good.actions, bad.actions]),
        rewards=np.concatenate([good.rewards, bad.rewards]),
        action_labels=np.concatenate([good.action_labels, bad.action_labels]),  # type: ignore[list-item]
        approved=np.ones(24, bool),
        meta=good.meta,
    )
    obs = pendulum_paths(6, 30, seed=9).states.reshape(-1, 3)
    target = swing_up(obs)
    errors = {}
    for scheme in ("uniform", "softmax"):
        cfg = TrainingConfig(updates=300, weighting=scheme, temperature=0.5, holdout_fraction=0)
        out = distill(make_policy(), paths, mode="full", training=cfg)
        errors[scheme] = float(np.mean((out.distilled.act(obs) - target) ** 2))
    assert errors["softmax"] < 0.5 * errors["uniform"]


# --------------------------------------------------------------------------------- DAgger


def test_dagger_rolls_out_relabels_and_reports_the_imagined_return(paths: PhantomPaths) -> None:
    calls: list[int] = []
    rollout = policy_rollout(num_paths=6, horizon=30)

    def relabel(states: np.ndarray) -> np.ndarray:
        calls.append(len(states))
        return swing_up(states)

    cfg = TrainingConfig(updates=100, dagger_iterations=2, dagger_updates=50)
    out = distill(make_policy(), paths, training=cfg, relabel=relabel, rollout=rollout)
    assert calls == [180, 180]
    assert out.report.dagger_iterations == 2
    assert out.report.dagger_steps == 360
    assert out.report.updates == 200
    assert out.report.train_steps == 19 * 60 + 360
    assert out.report.imagined_return is not None
    expected = float(rollout(out.distilled).returns().mean())
    assert out.report.imagined_return == pytest.approx(expected)


def test_dagger_needs_both_callables_and_checks_them(paths: PhantomPaths) -> None:
    cfg = TrainingConfig(updates=5, dagger_iterations=1)
    with pytest.raises(InvalidArgumentError, match="rollout"):
        distill(make_policy(), paths, training=cfg, relabel=swing_up)
    with pytest.raises(ShapeError, match="relabel returned"):
        distill(
            make_policy(),
            paths,
            training=cfg,
            rollout=policy_rollout(2, 5),
            relabel=lambda s: np.zeros((len(s), 2), np.float32),
        )
    with pytest.raises(InvalidArgumentError, match="must return PhantomPaths"):
        distill(
            make_policy(),
            paths,
            training=TrainingConfig(updates=5),
            rollout=lambda p: None,  # type: ignore[arg-type,return-value]
        )
