"""One rule for the ``config`` argument of every component: a config model, a mapping of its
fields, or None for the defaults; and one rule for the numbers of a config: every setting is a
finite number (:func:`check_finite_settings`)."""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from typing import Any, TypeVar

from pydantic import BaseModel

__all__ = ["check_finite_settings", "coerce_config"]

ConfigT = TypeVar("ConfigT", bound=BaseModel)


def coerce_config(cls: type[ConfigT], config: ConfigT | Mapping[str, Any] | None) -> ConfigT:
    """``config`` as a ``cls``: an instance of it as it is, a mapping validated into one, None as
    the defaults.

    Raises:
        pydantic.ValidationError: the mapping names an unknown field or holds a bad value.
    """
    if isinstance(config, cls):
        return config
    return cls.model_validate(dict(config or {}))


def _non_finite(value: Any, where: str, infinite_ok: bool = False) -> Iterator[str]:
    if isinstance(value, float):
        if math.isnan(value) or (math.isinf(value) and not infinite_ok):
            yield f"{where}={value}"
    elif isinstance(value, BaseModel):
        for name, field in type(value).model_fields.items():
            default = field.default
            # a field whose default is infinite (an open bound) may be set to infinity
            open_ended = isinstance(default, float) and math.isinf(default)
            inner = f"{where}.{name}" if where else name
            yield from _non_finite(getattr(value, name), inner, open_ended)
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            yield from _non_finite(item, f"{where}[{i}]", infinite_ok)


def check_finite_settings(config: BaseModel) -> None:
    """Raise ValueError naming every setting of ``config`` (nested configs included) that is NaN,
    or infinite where its default is finite: such a setting means nothing (a learning rate of
    ``inf`` poisons the weights after minutes of work). A setting whose default is infinite (an
    open bound) may be infinite. Free-form mappings (an env's keyword arguments) are the env's
    business and are not looked into.

    Raises:
        ValueError: one or more settings are not finite.
    """
    bad = list(_non_finite(config, ""))
    if bad:
        raise ValueError(f"{', '.join(bad)}: settings must be finite numbers (not NaN or infinity)")
