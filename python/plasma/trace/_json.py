"""Turn user values into JSON values before they are recorded, naming any that cannot be."""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Mapping
from pathlib import PurePath
from typing import Any

from pydantic import BaseModel, JsonValue

from plasma._names import os_text
from plasma.errors import StateNotSerializableError

_EXACT_SCALARS = frozenset((int, float, bool, type(None)))
"""Recorded as they are; a str is recorded as :func:`plasma._names.os_text` gives it (a path the
locale could not decode is written as its text, which the JSON encoder accepts)."""


def to_json_value(value: Any, where: str) -> JsonValue:
    """Return ``value`` as a JSON value (dicts with str keys, lists, str, int, float, bool, None).

    numpy scalars and arrays, tuples, enums, pydantic models, paths and datetimes are converted;
    anything else raises :class:`StateNotSerializableError` naming ``where``.
    """
    kind = type(value)
    if kind in _EXACT_SCALARS:
        return value  # type: ignore[no-any-return]
    if kind is str:
        return os_text(value)
    if isinstance(value, Mapping):
        return to_json_object(value, where)
    if isinstance(value, (list, tuple)):
        return [to_json_value(v, f"{where}[{i}]") for i, v in enumerate(value)]
    if isinstance(value, enum.Enum):
        return to_json_value(value.value, where)
    for base in (int, float):  # subclasses of the JSON scalars (enums handled above)
        if isinstance(value, base):
            return base(value)
    if isinstance(value, str):
        return os_text(str(value))
    if hasattr(value, "dtype") and hasattr(value, "tolist"):  # numpy scalar or array
        return to_json_value(value.tolist(), where)
    if isinstance(value, BaseModel):
        return to_json_value(value.model_dump(mode="json"), where)
    if isinstance(value, PurePath):
        return os_text(value)
    if isinstance(value, (_dt.datetime, _dt.date)):
        return value.isoformat()
    raise StateNotSerializableError(
        f"{where} is a {kind.__module__}.{kind.__qualname__}, which cannot be recorded as JSON; "
        "use str, int, float, bool, None, or lists and dicts of them "
        "(numpy values, tuples, enums, pydantic models, paths and datetimes are converted)"
    )


def to_json_object(mapping: Mapping[Any, Any], where: str) -> dict[str, JsonValue]:
    """Return a mapping as a JSON object; every key must be a str."""
    out: dict[str, JsonValue] = {}
    for key, item in mapping.items():
        if not isinstance(key, str):
            raise StateNotSerializableError(
                f"{where} has the key {key!r} of type {type(key).__name__}; "
                "JSON object keys must be str"
            )
        out[os_text(key)] = (
            item if type(item) in _EXACT_SCALARS else to_json_value(item, f"{where}[{key!r}]")
        )
    return out
