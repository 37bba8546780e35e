"""``MappingModel``: a pydantic model whose fields also read like a mapping (``report["passed"]``),
as the examples of the public contract (docs/architecture.md) read the auditor's and the
distiller's reports."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, ConfigDict

__all__ = ["MappingModel"]


class MappingModel(BaseModel):
    """A pydantic model whose fields can also be read with ``model["name"]``."""

    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)

    def __getitem__(self, key: str) -> Any:
        if key not in type(self).model_fields:
            raise KeyError(key)
        return getattr(self, key)

    def __contains__(self, key: object) -> bool:
        return key in type(self).model_fields

    def keys(self) -> list[str]:
        """The field names."""
        return list(type(self).model_fields)

    def get(self, key: str, default: Any = None) -> Any:
        """The field's value, or ``default`` for an unknown name."""
        return getattr(self, key) if key in type(self).model_fields else default

    def items(self) -> Iterator[tuple[str, Any]]:
        """``(name, value)`` pairs, like ``dict.items()``."""
        return ((name, getattr(self, name)) for name in type(self).model_fields)

    def __iter__(self) -> Iterator[str]:  # type: ignore[override]
        """The field names, as iterating a mapping gives its keys."""
        return iter(self.keys())
