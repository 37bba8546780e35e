"""One rule for the ``config`` argument of every component: a config model, a mapping of its
fields, or None for the defaults."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from pydantic import BaseModel

__all__ = ["coerce_config"]

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
