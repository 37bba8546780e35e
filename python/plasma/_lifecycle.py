"""The ``start()`` / ``stop()`` shape shared by Plasma's async components."""

from __future__ import annotations

from typing import Any, ClassVar, TypeVar

from plasma.errors import NotStartedError

__all__ = ["Lifecycle"]

_C = TypeVar("_C", bound="Lifecycle")


class Lifecycle:
    """``async with component:`` starts and stops it, ``started`` says whether it runs, and a
    call that needs it started names itself. A component defines ``start``/``stop``, sets
    ``_started`` and names itself in ``_role`` (the variable name its docs use)."""

    _role: ClassVar[str]
    _started: bool

    async def start(self) -> Any:
        raise NotImplementedError

    async def stop(self) -> None:
        raise NotImplementedError

    async def __aenter__(self: _C) -> _C:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    @property
    def started(self) -> bool:
        """True between ``start()`` and ``stop()``."""
        return self._started

    def _require_started(self, what: str) -> None:
        if not self._started:
            raise NotStartedError(
                f"{type(self).__name__}.{what}() needs `await {self._role}.start()` first"
            )
