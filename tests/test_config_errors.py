"""A bad config value, however it is given, is one InvalidArgumentError naming the field and the
reason on one line (plasma._config.ConfigModel, coerce_config).

Before: pydantic's ValidationError (several lines, not a PlasmaError) from every component and
config class; Policy's own wrapper kept pydantic's lines."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pydantic
import pytest

import plasma
from plasma._config import ConfigModel
from plasma.distiller import Distiller, DistillerConfig, LoRASettings, Policy, TrainingConfig
from plasma.distributed import RayConfig
from plasma.errors import InvalidArgumentError
from plasma.simulator import (
    GeneratorConfig,
    PlannerConfig,
    Simulator,
    SimulatorConfig,
    WorldModel,
    WorldModelConfig,
)
from plasma.simulator.value import ValueConfig
from plasma.trace import StateTracker, TrackerConfig
from plasma.train.config import TrainConfig

CASES: list[tuple[str, Callable[[], Any], str]] = [
    ("StateTracker, a malformed URL", lambda: StateTracker({"otlp_endpoint": "http//x:1"}), "otlp"),
    ("StateTracker, a negative count", lambda: StateTracker({"memory_capacity": -1}), "memory"),
    ("Simulator, a wrong type", lambda: Simulator({"warmup_steps": "many"}), "warmup_steps"),
    ("Simulator, not a mapping", lambda: Simulator("fast"), "SimulatorConfig"),  # type: ignore[arg-type]
    ("WorldModel, an unknown field", lambda: WorldModel(3, 1, {"zz": 1}), "zz"),
    (
        "Distiller, nested",
        lambda: Distiller({"training": {"batch_size": -4}}),
        "training.batch_size",
    ),
    ("Policy, keywords", lambda: Policy(obs_dim=0, action_low=[0.0], action_high=[1.0]), "obs_dim"),
    ("SimulatorConfig()", lambda: SimulatorConfig(warmup_steps=-1), "warmup_steps"),
    (
        "WorldModelConfig JSON",
        lambda: WorldModelConfig.model_validate_json("{]"),
        "WorldModelConfig",
    ),
    ("PlannerConfig()", lambda: PlannerConfig(population=0), "population"),
    ("GeneratorConfig.model_validate", lambda: GeneratorConfig.model_validate({"x": 1}), "x"),
    ("ValueConfig()", lambda: ValueConfig(hidden_sizes="wide"), "hidden_sizes"),
    ("RayConfig()", lambda: RayConfig(max_retries=-1), "max_retries"),
    ("LoRASettings()", lambda: LoRASettings(rank=0), "rank"),
    ("TrainingConfig()", lambda: TrainingConfig(lr=-1.0), "lr"),
    ("DistillerConfig()", lambda: DistillerConfig(mode="nope"), "mode"),
    ("TrainConfig.model_validate", lambda: TrainConfig.model_validate({"seed": "x"}), "seed"),
    ("TrackerConfig()", lambda: TrackerConfig(otlp_batch_size=0), "otlp_batch_size"),
]


@pytest.mark.parametrize(("call", "field"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_a_bad_value_is_one_line_naming_the_field(call: Callable[[], Any], field: str) -> None:
    with pytest.raises(InvalidArgumentError) as caught:
        call()
    message = str(caught.value)
    assert "\n" not in message, message
    assert field in message, message
    assert message.startswith("invalid ") or "config must be" in message


def test_a_secret_setting_is_not_echoed() -> None:
    with pytest.raises(InvalidArgumentError) as caught:
        DistillerConfig(signing_key=12345678901234567890, signing_algorithm="ed25519")
    assert "12345678901234567890" not in str(caught.value)


def _public_configs() -> list[type[pydantic.BaseModel]]:
    names = [n for n in plasma.__all__ if n.endswith("Config")]
    found = [getattr(plasma, n) for n in names]
    found += [DistillerConfig, LoRASettings, TrainingConfig, RayConfig, PlannerConfig, ValueConfig]
    found += [GeneratorConfig, TrainConfig]
    return found


@pytest.mark.parametrize("cls", _public_configs(), ids=lambda c: c.__name__)
def test_every_public_config_has_the_rule(cls: type[pydantic.BaseModel]) -> None:
    assert issubclass(cls, ConfigModel)
