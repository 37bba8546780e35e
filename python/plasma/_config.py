"""One rule for the ``config`` argument of every component: a config model, a mapping of its
fields, or None for the defaults; one rule for a bad value in a config, however it is given (a
mapping, keyword arguments, JSON): :class:`ConfigModel`, the base of every public config, raises
:class:`~plasma.errors.InvalidArgumentError` naming the fields and the reasons on one line,
never pydantic's ValidationError; and one rule for the numbers of a config: every setting is a
finite number (:func:`check_finite_settings`)."""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Annotated, Any, Self, TypeVar

from pydantic import BaseModel, BeforeValidator, ValidationError

from plasma._names import os_name
from plasma.errors import InvalidArgumentError

__all__ = [
    "ConfigModel",
    "OsName",
    "OsPath",
    "check_finite_settings",
    "coerce_config",
    "validation_message",
]


def _named_by_os(value: Any) -> Any:
    return os_name(value) if isinstance(value, str) else value


OsPath = Annotated[Path, BeforeValidator(_named_by_os)]
"""A path a config holds. Given as text (a config.json written as text under another locale, a
mapping), it is the name the OS knows under this process's locale (:func:`plasma._names.os_name`):
``rün`` read back under ``LC_ALL=C`` names the directory ``rün`` was, not one Python cannot
encode. Written as JSON, every string a config holds is its text (:func:`plasma._names.os_text`)."""
OsName = Annotated[str, BeforeValidator(_named_by_os)]
"""A file name a config holds (a run's name), read as :data:`OsPath` is."""


def validation_message(err: ValidationError, what: str) -> str:
    """pydantic's report of ``err`` on one line: ``invalid WHAT: field.sub: reason (got
    VALUE); ...``. A value is shown short, and never for a field whose name says it holds a
    secret (a key, a token). Every message Plasma makes of a ``ValidationError`` (a config, a
    packet's manifest, a trace's record) is made here: pydantic's own text spans several lines,
    and an error is one line."""
    parts = []
    for e in err.errors(include_url=False):
        where = ".".join(str(p) for p in e["loc"]) or f"(the whole {what})"
        reason = " ".join(str(e["msg"]).split())
        given = e.get("input")
        secret = any(word in where.lower() for word in _SECRET_WORDS)
        if e["loc"] and not secret and isinstance(given, (str, int, float, bool)):
            shown = repr(given)
            reason += f" (got {shown if len(shown) <= 60 else shown[:57] + '...'})"
        parts.append(f"{where}: {reason}")
    return f"invalid {what}: " + "; ".join(parts)


_SECRET_WORDS = ("key", "secret", "token", "password")


class ConfigModel(BaseModel):
    """Base of Plasma's public configs. Built from keyword arguments, a mapping
    (``model_validate``) or JSON (``model_validate_json``), a bad value raises
    :class:`~plasma.errors.InvalidArgumentError` (a ValueError, as pydantic's error is) whose
    message names each bad field and why on one line; pydantic's error is its ``__cause__``.
    Nested configs are validated by the outer one, so the field path is the full one
    (``training.batch_size``)."""

    def __init__(self, /, **data: Any) -> None:
        try:
            super().__init__(**data)
        except ValidationError as err:
            raise InvalidArgumentError(validation_message(err, type(self).__name__)) from err

    # Validation inside pydantic (a nested config, model_validate) must not call this __init__:
    # its error would be wrapped into the outer ValidationError. The flag is how pydantic marks
    # an __init__ that only validates (BaseModel's, RootModel's).
    __init__.__pydantic_base_init__ = True  # type: ignore[attr-defined]

    @classmethod
    def model_validate(cls, obj: Any, **kwargs: Any) -> Self:
        try:
            return super().model_validate(obj, **kwargs)
        except ValidationError as err:
            raise InvalidArgumentError(validation_message(err, cls.__name__)) from err

    @classmethod
    def model_validate_json(cls, json_data: str | bytes | bytearray, **kwargs: Any) -> Self:
        try:
            return super().model_validate_json(json_data, **kwargs)
        except ValidationError as err:
            raise InvalidArgumentError(validation_message(err, cls.__name__)) from err


ConfigT = TypeVar("ConfigT", bound=BaseModel)


def coerce_config(cls: type[ConfigT], config: ConfigT | Mapping[str, Any] | None) -> ConfigT:
    """``config`` as a ``cls``: an instance of it as it is, a mapping validated into one, None as
    the defaults.

    Raises:
        InvalidArgumentError: ``config`` is none of these, or the mapping names an unknown
            field or holds a bad value (one line naming the fields and the reasons).
    """
    if isinstance(config, cls):
        return config
    if config is not None and not isinstance(config, Mapping):
        raise InvalidArgumentError(
            f"config must be a {cls.__name__}, a mapping of its fields or None, not "
            f"{type(config).__name__}"
        )
    try:
        return cls.model_validate(dict(config or {}))
    except ValidationError as err:  # a config class that is not a ConfigModel
        raise InvalidArgumentError(validation_message(err, cls.__name__)) from err


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
