"""The auditor's configs keep the one rule of every public config (plasma._config.ConfigModel): a
bad value, however it is given (keywords, a mapping, JSON, nested), is one InvalidArgumentError
naming the field (its full path) and the reason on one line.

Before: AuditorConfig, DetectorConfig, ReviewConfig and the invariants a user writes raised
pydantic's ValidationError (several lines, not a PlasmaError) when built directly."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from plasma._config import ConfigModel
from plasma.auditor import (
    AuditorConfig,
    BoundsInvariant,
    DetectorConfig,
    LinearInvariant,
    NormInvariant,
    ReviewConfig,
)
from plasma.errors import InvalidArgumentError

CASES: list[tuple[str, Callable[[], Any], str]] = [
    (
        "AuditorConfig(), an unknown field",
        lambda: AuditorConfig(no_such_option=1),
        "no_such_option",
    ),
    (
        "AuditorConfig.model_validate, nested",
        lambda: AuditorConfig.model_validate({"review": {"max_replays": -3}}),
        "review.max_replays",
    ),
    (
        "AuditorConfig.model_validate, the ray address",
        lambda: AuditorConfig.model_validate({"ray": {"adress": "x:1"}}),
        "ray.adress",
    ),
    (
        "AuditorConfig.model_validate_json",
        lambda: AuditorConfig.model_validate_json('{"detectors": {"min_steps": 0}}'),
        "detectors.min_steps",
    ),
    (
        "AuditorConfig JSON, malformed",
        lambda: AuditorConfig.model_validate_json("{]"),
        "AuditorConfig",
    ),
    (
        "DetectorConfig(), out of range",
        lambda: DetectorConfig(uncertainty_quantile=2.0),
        "uncertainty_quantile",
    ),
    (
        "DetectorConfig(), a wrong type",
        lambda: DetectorConfig(error_horizon="long"),
        "error_horizon",
    ),
    ("ReviewConfig(), a negative count", lambda: ReviewConfig(max_replays=-1), "max_replays"),
    (
        "BoundsInvariant(), a negative slack",
        lambda: BoundsInvariant(variable=0, tolerance=-1.0),
        "tolerance",
    ),
    ("NormInvariant(), no variables", lambda: NormInvariant(variables=[]), "variables"),
    (
        "LinearInvariant(), no coefficients",
        lambda: LinearInvariant(coefficients={}),
        "coefficients",
    ),
    (
        "AuditorConfig.model_validate, an invariant inside",
        lambda: AuditorConfig.model_validate({"invariants": [{"kind": "norm", "variables": []}]}),
        "invariants.0.norm.variables",
    ),
]


@pytest.mark.parametrize(("call", "field"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_a_bad_auditor_setting_is_one_line_naming_the_field(
    call: Callable[[], Any], field: str
) -> None:
    with pytest.raises(InvalidArgumentError) as caught:
        call()
    message = str(caught.value)
    assert "\n" not in message, message
    assert field in message, message
    assert message.startswith("invalid "), message


@pytest.mark.parametrize(
    "cls",
    [AuditorConfig, DetectorConfig, ReviewConfig, BoundsInvariant, NormInvariant, LinearInvariant],
    ids=lambda c: c.__name__,
)
def test_every_auditor_config_has_the_rule(cls: type) -> None:
    assert issubclass(cls, ConfigModel)


def test_good_settings_still_build() -> None:
    cfg = AuditorConfig.model_validate(
        {
            "detectors": {"min_steps": 2},
            "invariants": [{"kind": "bounds", "variable": 0, "low": 0, "high": 1}],
        }
    )
    assert cfg.detectors.min_steps == 2
    assert isinstance(cfg.invariants[0], BoundsInvariant)
    assert AuditorConfig.model_validate_json(cfg.model_dump_json()) == cfg
