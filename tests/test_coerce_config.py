"""The one rule for a component's ``config`` argument (plasma._config.coerce_config)."""

from __future__ import annotations

import pytest

from plasma._config import coerce_config
from plasma.auditor import AdversarialChecker, Auditor, AuditorConfig
from plasma.distributed import RayConfig
from plasma.errors import InvalidArgumentError
from plasma.trace import StateTracker, TrackerConfig


def test_an_instance_passes_a_mapping_is_validated_none_is_the_defaults() -> None:
    given = TrackerConfig(max_completed_traces=3)
    assert coerce_config(TrackerConfig, given) is given
    assert coerce_config(TrackerConfig, {"max_completed_traces": 3}) == given
    assert coerce_config(TrackerConfig, None) == TrackerConfig()
    assert coerce_config(RayConfig, {}) == RayConfig()
    with pytest.raises(InvalidArgumentError, match="no_such_field"):
        coerce_config(TrackerConfig, {"no_such_field": 1})
    with pytest.raises(InvalidArgumentError):
        coerce_config(TrackerConfig, {"max_completed_traces": "many"})


def test_components_take_a_config_a_mapping_or_nothing() -> None:
    config = AuditorConfig(calibration_seed=5)
    assert Auditor(config).config is config
    assert Auditor({"calibration_seed": 5}).config == config
    assert AdversarialChecker({"calibration_seed": 5}).config == config
    assert StateTracker().config == TrackerConfig()
    with pytest.raises(InvalidArgumentError):
        Auditor({"calibration_seeds": 5})
