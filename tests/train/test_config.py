"""Per-environment and adaptation defaults of ``TrainConfig``."""

from __future__ import annotations

from typing import Any

import pytest

from plasma.train import config as config_module
from plasma.train.config import ADAPT_DEFAULTS, ENV_DEFAULTS, TrainConfig


def test_pendulum_keeps_the_generic_defaults() -> None:
    assert "Pendulum-v1" not in ENV_DEFAULTS
    assert TrainConfig() == TrainConfig(env="Pendulum-v1")


def test_env_table_applies_under_user_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    table: dict[str, Any] = {"num_paths": 7, "planner": {"horizon": 9}}
    monkeypatch.setitem(config_module.ENV_DEFAULTS, "Acrobot-v1", table)
    cfg = TrainConfig(env="Acrobot-v1")
    assert cfg.num_paths == 7
    assert cfg.planner.horizon == 9
    # keys the table does not name keep the generic defaults, nested ones included
    generic = TrainConfig()
    assert cfg.planner.population == generic.planner.population
    assert cfg.world_model == generic.world_model
    # the user wins, key by key
    cfg = TrainConfig.model_validate(
        {"env": "Acrobot-v1", "num_paths": 3, "planner": {"population": 16}}
    )
    assert cfg.num_paths == 3
    assert cfg.planner.population == 16
    assert cfg.planner.horizon == 9
    # a saved config reads back unchanged
    assert TrainConfig.model_validate(cfg.model_dump(mode="json")) == cfg


def test_adaptation_defaults_only_with_a_base_run() -> None:
    cfg = TrainConfig.model_validate({"base_run": "runs/base", "variant": "m=1.3"})
    for key, value in ADAPT_DEFAULTS.items():
        assert getattr(cfg, key) == value
    assert cfg.real_steps <= 1000
    cfg = TrainConfig.model_validate({"base_run": "runs/base", "real_steps": 500})
    assert cfg.real_steps == 500
    assert TrainConfig().real_steps == 2400
