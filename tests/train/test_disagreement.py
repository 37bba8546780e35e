"""One measure of the ensemble's disagreement on real data serves the run and the auditor: the
planner's unit (``recipe.disagreement_reference``, a 90% quantile) and the audit threshold
(``calibration.calibrate``, its own quantile) both take it from ``calibration.model_disagreement``,
and that is exactly the core model's ``predict(...)["uncertainty"]``, which the run used before."""

from __future__ import annotations

import numpy as np
import pytest

from plasma.auditor.calibration import calibrate, model_disagreement
from plasma.auditor.config import DetectorConfig
from plasma.envs import collect, make_env, random_policy
from plasma.simulator import WorldModel, WorldModelConfig
from plasma.train.recipe import disagreement_reference


@pytest.mark.parametrize("env_id", ["Pendulum-v1", "CartPole-v1"])
def test_the_planner_unit_and_the_audit_threshold_measure_one_disagreement(env_id: str) -> None:
    env = make_env(env_id, seed=0)
    data = collect(env, 2500, policy=random_policy(env, 0), seed=0)
    model = WorldModel(
        env.state_dim,
        env.action_dim,
        WorldModelConfig(hidden=[32, 32], max_epochs=3),
        discrete_actions=env.n_actions,
    )
    model.fit(data)
    # The direct measure: every member on every row, in one call.
    predicted = model.to_core().predict(data.obs, data.action)["uncertainty"].astype(np.float64)
    assert predicted.min() > 0

    # The shared helper (one-step rollouts, split into chunks over threads) gives the same bits.
    disagreement = model_disagreement(model)
    assert disagreement is not None
    np.testing.assert_array_equal(disagreement(data.obs, data.action), predicted)

    # The run's unit: its 90% quantile on 2000 evenly spaced rows.
    pick = np.linspace(0, len(data) - 1, 2000).astype(np.int64)
    assert disagreement_reference(model, data) == float(np.quantile(predicted[pick], 0.9))

    # The auditor's threshold: its own quantile (and margin) of the same values on every row.
    cfg = DetectorConfig()
    threshold = calibrate(data, cfg, model=model).uncertainty_threshold
    q = float(np.quantile(predicted, cfg.uncertainty_quantile))
    assert threshold == max(q, 1e-9) * cfg.uncertainty_margin
