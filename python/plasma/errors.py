"""Plasma's exception hierarchy.

Every error Plasma raises on purpose is a :class:`PlasmaError`. Where the meaning is "you passed a
bad value" the class also inherits :class:`ValueError` (or :class:`TypeError`, :class:`LookupError`,
:class:`RuntimeError`), so code that already catches the standard exceptions keeps working.
"""

from __future__ import annotations

__all__ = [
    "NotStartedError",
    "PlasmaError",
    "SpanReuseError",
    "StateNotSerializableError",
    "TraceAlreadyCompletedError",
    "TraceError",
    "TraceFileError",
    "TraceNotFoundError",
    "TraceStillOpenError",
]


class PlasmaError(Exception):
    """Base class of every error Plasma raises on purpose."""


class NotStartedError(PlasmaError, RuntimeError):
    """A component was used before ``await component.start()`` (or after ``stop()``)."""


class TraceError(PlasmaError):
    """Base class of the errors of :mod:`plasma.trace`."""


class TraceNotFoundError(TraceError, LookupError):
    """The trace id is not known to this tracker (never created, or completed and evicted)."""

    def __str__(self) -> str:  # LookupError would quote the message like a key
        return str(self.args[0]) if self.args else ""


class TraceAlreadyCompletedError(TraceError, RuntimeError):
    """The trace was already completed: it cannot be completed again or take new spans."""


class TraceStillOpenError(TraceError, RuntimeError):
    """The trace still has spans in flight; end them first or complete it with ``force=True``."""


class SpanReuseError(TraceError, RuntimeError):
    """A span was entered a second time. A span measures one execution; create a new one."""


class StateNotSerializableError(TraceError, TypeError):
    """A value given to ``update_state`` (or as an attribute) cannot be represented as JSON."""


class TraceFileError(TraceError, ValueError):
    """A trace file is corrupt somewhere other than its last line (which a crash may tear)."""
