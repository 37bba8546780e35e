"""The local index's learned metric (round 19, ``LocalValidation._metric``): the scaled features
mapped by the root of the outcomes' average slope outer product, kept only where it lowers the
local fits' leave-one-out error on the real data."""

from __future__ import annotations

import numpy as np

from plasma.auditor import AuditorConfig
from plasma.auditor.calibration import LOCAL_OPTIONS
from plasma.auditor.local import LocalValidation
from plasma.envs import Transitions


def _data(n: int, seed: int, relevant: int, wide: int) -> Transitions:
    """A one-step system whose change depends nonlinearly on ``relevant`` state variables and
    not at all on the ``wide`` others (or the action)."""
    rng = np.random.default_rng(seed)
    obs = rng.uniform(-1, 1, (n, relevant + wide)).astype(np.float32)
    act = rng.uniform(-1, 1, (n, 1)).astype(np.float32)
    x = obs[:, :relevant].astype(np.float64)
    change = np.zeros_like(obs, dtype=np.float64)
    change[:, 0] = np.sin(3.0 * x.sum(axis=1))
    nxt = (obs + 0.1 * change).astype(np.float32)
    reward = np.cos(2.0 * x[:, 0]).astype(np.float32)
    done = np.zeros(n, bool)
    done[99::100] = True
    return Transitions(obs, act, reward, nxt, np.zeros(n, bool), done)


def _loo(local: LocalValidation) -> np.ndarray:
    return np.asarray((local._resid / local.allowance).mean(axis=0), np.float64)


def test_learned_metric_kept_where_it_sharpens_the_fits() -> None:
    data = _data(2000, 0, relevant=2, wide=4)
    plain = LocalValidation(data, allowance=0.3, learned_metric=False)
    learned = LocalValidation(data, allowance=0.3, learned_metric=True)
    assert learned._learned_metric
    assert learned.metric_gain > 1.0
    # The outcomes that vary (the first variable's change, the reward) are fitted better.
    for col in (0, -1):
        assert _loo(learned)[col] < 0.8 * _loo(plain)[col]
    # The plain index is the scaled features themselves: no basis, no gain recorded.
    assert plain._basis is None
    assert not hasattr(plain, "metric_gain")


def test_learned_metric_is_a_linear_map_of_the_features() -> None:
    data = _data(600, 1, relevant=1, wide=2)
    local = LocalValidation(data, allowance=0.3, learned_metric=True)
    center, directions = local._basis
    feats = local._features.astype(np.float64) / local._scale.astype(np.float64)
    np.testing.assert_allclose(local._real_points, (feats - center) @ directions, atol=1e-4)
    # The map is symmetric positive definite on the features' (narrow) space: no direction is
    # dropped, so a fit keeps a slope along every feature.
    assert np.linalg.eigvalsh((directions + directions.T) / 2).min() > 0


def test_learned_metric_reverted_where_it_does_not_help() -> None:
    # Every variable matters alike (a smooth isotropic change): no direction to favour, and
    # the metric is only kept if it lowers the leave-one-out error; either way the scores
    # use the index the gain names.
    rng = np.random.default_rng(2)
    n = 1500
    obs = rng.normal(size=(n, 3)).astype(np.float32)
    act = rng.uniform(-1, 1, (n, 1)).astype(np.float32)
    nxt = (obs + 0.05 * obs[:, ::-1]).astype(np.float32)
    reward = obs.sum(axis=1).astype(np.float32)
    done = np.zeros(n, bool)
    done[99::100] = True
    data = Transitions(obs, act, reward, nxt, np.zeros(n, bool), done)
    local = LocalValidation(data, allowance=0.3, learned_metric=True)
    assert (local.metric_gain > 1.0) == local._learned_metric
    if not local._learned_metric:
        plain = LocalValidation(data, allowance=0.3, learned_metric=False)
        np.testing.assert_allclose(_loo(local), _loo(plain), rtol=1e-6)


def test_flag_is_opt_in_and_reaches_the_index() -> None:
    # Measured and not adopted (round 19): off by default, on by the detector setting.
    assert not AuditorConfig().detectors.local_learned_metric
    assert LOCAL_OPTIONS["learned_metric"] == "local_learned_metric"
    on = AuditorConfig.model_validate({"detectors": {"local_learned_metric": True}})
    assert on.detectors.local_learned_metric
    data = _data(800, 3, relevant=1, wide=3)
    default = LocalValidation(data, allowance=0.3)
    assert not default._learned_metric
    assert default._basis is None
