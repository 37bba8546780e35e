"""Local validation of wide features (``local_fit_dims``): above it the index works in a
projection of the scaled features (the action's directions, then the real state's principal
ones), so its cost stops growing with the width; narrower features are used as they are."""

from __future__ import annotations

import pickle

import numpy as np
import pytest

from plasma import _core
from plasma.auditor.local import FIT_DIMS, LocalValidation
from plasma.envs import Transitions
from plasma.simulator.paths import PhantomPaths

OPTIONS = {"allowance": 0.3, "confidence": 2.33, "false_alarm": 0.05, "reward_floor": 0.01}


def wide_system(n: int, seed: int, *, width: int = 100, smooth: bool = True) -> Transitions:
    """Two damped pendulums driven by 3 actions (latent ``[th1, th2, w1, w2]``), observed as the
    latent state and ``width - 4`` features of it: smooth ones (``tanh`` of random projections,
    as a MuJoCo body's derived quantities: the projection drops directions the data varies
    along) or linear ones (rank 4: nothing is dropped)."""
    rng = np.random.default_rng(seed)
    embed = np.random.default_rng(123).normal(size=(width - 4, 4))

    def observe(z: np.ndarray) -> np.ndarray:
        e = z @ embed.T / 2
        return np.concatenate([z, np.tanh(e) if smooth else e], 1)

    z = rng.uniform(-1, 1, (n, 4))
    u = rng.uniform(-1, 1, (n, 3))
    th, w = z[:, :2], z[:, 2:]
    w2 = w + 0.05 * (-np.sin(th) + 0.5 * u[:, :2] + 0.2 * u[:, 2:3] - 0.1 * w)
    z2 = np.concatenate([th + 0.05 * w2, w2], 1)
    ends = np.arange(n) % 50 == 49
    return Transitions(
        observe(z), u, -(z**2).sum(1), observe(z2), np.zeros(n, bool), ends, env_id="wide"
    )


def one_step(t: Transitions, next_obs: np.ndarray | None = None) -> PhantomPaths:
    nxt = t.next_obs if next_obs is None else next_obs
    return PhantomPaths(
        states=np.stack([t.obs, nxt], 1), actions=t.action[:, None], rewards=t.reward[:, None]
    )


@pytest.fixture(scope="module")
def smooth() -> tuple[LocalValidation, Transitions]:
    return LocalValidation(wide_system(1000, 0), **OPTIONS), wide_system(500, 1)


def test_wide_features_are_projected_and_the_neighbourhood_stops_growing(
    smooth: tuple[LocalValidation, Transitions],
) -> None:
    local, _ = smooth
    assert local._basis is not None
    _, basis = local._basis
    assert basis.shape == (103, FIT_DIMS)
    np.testing.assert_allclose(basis.T @ basis, np.eye(FIT_DIMS), atol=1e-9)
    # The three actions keep their own directions; the state gets the rest of the budget.
    np.testing.assert_array_equal(basis[100:, :3], np.eye(3))
    assert not basis[:100, :3].any()
    assert not basis[100:, 3:].any()
    assert local.k == 2 * (FIT_DIMS + 1)
    assert len(local.index) == 1000
    # Three times wider: the same index size and neighbourhood.
    wider = LocalValidation(wide_system(400, 0, width=300), **OPTIONS)
    assert wider._basis is not None
    assert wider._basis[1].shape == (303, FIT_DIMS)
    assert wider.k == local.k


def test_a_planted_error_is_flagged_and_honest_steps_pass_in_a_projection(
    smooth: tuple[LocalValidation, Transitions],
) -> None:
    local, held = smooth
    honest = local.score(one_step(held)).physics[:, 0]
    assert (honest > 1).mean() <= 0.08
    # A model wrong where the first action pushes one way: two velocities' changes off by 1.5
    # allowance bounds there.
    region = held.action[:, 0] > 0
    nxt = held.next_obs.copy()
    line = local.allowance_bound
    nxt[region, 2:4] += 1.5 * line[2:4]
    wrong = local.score(one_step(held, nxt)).physics[:, 0]
    assert (wrong[region] > 1).mean() >= 0.9
    np.testing.assert_array_equal(wrong[~region], honest[~region])


def test_features_that_do_not_vary_on_their_own_are_dropped() -> None:
    local = LocalValidation(wide_system(1000, 0, smooth=False), **OPTIONS)
    assert local._basis is not None
    assert local._basis[1].shape == (103, 7)  # 4 latent directions + 3 actions
    assert local.k == 24  # local_k: no more neighbours than a 7-dimensional fit needs
    held = wide_system(500, 1, smooth=False)
    assert (local.score(one_step(held)).physics > 1).mean() <= 0.05
    region = held.obs[:, 0] > 0
    nxt = held.next_obs.copy()
    nxt[region, 3] += 1.5 * local.allowance_bound[3]
    assert (local.score(one_step(held, nxt)).physics[region, 0] > 1).mean() >= 0.95


def test_narrow_features_are_used_as_they_are() -> None:
    cal = wide_system(600, 0, width=20)
    local = LocalValidation(cal, **OPTIONS)
    assert local._basis is None
    assert local.k == 2 * (23 + 1)
    feats = np.concatenate([cal.obs, cal.action], 1).astype(np.float32)
    targets = np.concatenate([cal.next_obs - cal.obs, cal.reward[:, None]], 1)
    raw = _core.LocalIndex(feats, np.ascontiguousarray(targets, np.float32), local._scale)
    held = wide_system(200, 1, width=20)
    q = np.concatenate([held.obs, held.action], 1).astype(np.float32)
    expected = raw.query(q, k=local.k, ridge=local.ridge)["prediction"][:, :21]
    # The state outcomes by the index over the raw features (the reward by its own witness
    # where the reward reads fewer features, round 22b).
    got = local.predict(held.obs, held.action)
    np.testing.assert_array_equal(got[:, :20], expected[:, :20])
    if local._reads is None:
        np.testing.assert_array_equal(got[:, 20], expected[:, 20])
    # A wide input with the projection switched off takes the same path.
    assert LocalValidation(wide_system(300, 0, width=70), fit_dims=1000, **OPTIONS)._basis is None


def test_a_projected_index_crosses_process_boundaries(
    smooth: tuple[LocalValidation, Transitions],
) -> None:
    local, held = smooth
    copy = pickle.loads(pickle.dumps(local))
    np.testing.assert_array_equal(
        copy.score(one_step(held)).physics, local.score(one_step(held)).physics
    )
