"""``AtomicSpan``: one timed unit of work, used as ``async with span:`` or ``with span:``.

The span that is running in the current context is kept in a context variable, so a span entered
inside another one gets it as its parent automatically, across ``await`` and in the tasks that
``asyncio.gather`` starts (they copy the context of the code that created them). Threads do not
inherit context variables: ``asyncio.to_thread`` copies them, a bare ``threading.Thread`` does not
(pass ``parent=`` explicitly there).
"""

from __future__ import annotations

import contextlib
import time
import traceback
from collections.abc import Mapping
from contextvars import ContextVar, Token
from types import TracebackType
from typing import Any, Literal, Protocol

from pydantic import JsonValue

from plasma.errors import SpanReuseError, TraceError
from plasma.trace._json import to_json_object, to_json_value
from plasma.trace.models import SpanEvent, SpanKind, SpanMetadata, SpanStatus, StatusCode

__all__ = ["AtomicSpan", "NonRecordingSpan", "Span", "SpanProcessor", "current_span"]

_CURRENT_SPAN: ContextVar[AtomicSpan | None] = ContextVar("plasma_current_span", default=None)

_CREATED, _RUNNING, _ENDED = 0, 1, 2
_PHASE_NAMES = {_CREATED: "created", _RUNNING: "running", _ENDED: "ended"}


def current_span() -> AtomicSpan | None:
    """The span running in the current context (task or thread), if any."""
    return _CURRENT_SPAN.get()


class SpanProcessor(Protocol):
    """Where a span reports its start and its end (the :class:`~plasma.trace.StateTracker` that
    made it), as OpenTelemetry's span processors."""

    def span_started(self, span: AtomicSpan) -> int:
        """Register ``span`` as running; return its sequence number (the order spans started)."""
        ...

    def span_ended(self, span: AtomicSpan, *, failing: bool) -> None:
        """Record ``span``, which has ended (``failing``: an exception is leaving it)."""
        ...


class AtomicSpan:
    """One timed unit of work: enter it once, record state and events, and it is written on exit.

    Created by :meth:`StateTracker.create_span` (async) or :meth:`StateTracker.span` (sync). On exit
    its status is OK, or ERROR with the exception's type and message if one left the block; the
    exception is always re-raised.
    """

    __slots__ = (
        "_attributes",
        "_events",
        "_explicit_parent",
        "_phase",
        "_start_ns",
        "_state",
        "_status",
        "_token",
        "_tracker",
        "end_time_unix_nano",
        "name",
        "parent_span_id",
        "sequence",
        "span_id",
        "trace_id",
    )

    def __init__(
        self,
        tracker: SpanProcessor,
        trace_id: str,
        span_id: str,
        name: str,
        *,
        parent_span_id: str | None = None,
        attributes: Mapping[str, Any] | None = None,
    ) -> None:
        self._tracker = tracker
        self.trace_id = trace_id
        self.span_id = span_id
        self.name = name
        self.parent_span_id = parent_span_id
        self._explicit_parent = parent_span_id is not None
        self._attributes: dict[str, JsonValue] = (
            to_json_object(attributes, f"span {name!r} attributes") if attributes else {}
        )
        self._events: list[SpanEvent] = []
        self._state: dict[str, JsonValue] = {}
        self._status = SpanStatus()
        self._phase = _CREATED
        self._start_ns = 0
        self.end_time_unix_nano: int | None = None
        self.sequence = -1
        self._token: Token[AtomicSpan | None] | None = None

    # ----------------------------------------------------------------------------- context protocol
    def __enter__(self) -> AtomicSpan:
        self._begin()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> Literal[False]:
        self._finish(exc)
        return False  # never swallow the exception

    async def __aenter__(self) -> AtomicSpan:
        return self.__enter__()

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> Literal[False]:
        return self.__exit__(exc_type, exc, tb)

    def _begin(self) -> None:
        if self._phase != _CREATED:
            raise SpanReuseError(
                f"span {self.name!r} ({self.span_id}) is already {_PHASE_NAMES[self._phase]}; "
                "a span measures one execution, so create a new span for each `with` block"
            )
        if not self._explicit_parent:
            outer = _CURRENT_SPAN.get()
            if outer is not None and outer.trace_id == self.trace_id and outer._phase == _RUNNING:
                self.parent_span_id = outer.span_id
        self._start_ns = time.time_ns()
        self.sequence = self._tracker.span_started(self)
        self._phase = _RUNNING
        self._token = _CURRENT_SPAN.set(self)

    def _finish(self, exc: BaseException | None) -> None:
        self.end_time_unix_nano = time.time_ns()
        self._phase = _ENDED
        if self._token is not None:
            # ValueError: exited in another context than it was entered in; nothing to restore.
            with contextlib.suppress(ValueError):
                _CURRENT_SPAN.reset(self._token)
            self._token = None
        if exc is None:
            if self._status.code is StatusCode.UNSET:
                self._status = SpanStatus(code=StatusCode.OK)
        else:
            kind = type(exc)
            self._status = SpanStatus(code=StatusCode.ERROR, message=f"{kind.__name__}: {exc}")
            self._events.append(
                SpanEvent.model_construct(
                    name="exception",
                    time_unix_nano=self.end_time_unix_nano,
                    attributes={
                        "exception.type": f"{kind.__module__}.{kind.__qualname__}",
                        "exception.message": str(exc),
                        "exception.stacktrace": "".join(traceback.format_exception(exc)),
                    },
                )
            )
        self._tracker.span_ended(self, failing=exc is not None)

    # ----------------------------------------------------------------------------- recording
    def update_state(self, updates: Mapping[str, Any] | None = None, /, **more: Any) -> AtomicSpan:
        """Merge ``updates`` (and keyword arguments) into the span's state; later keys win.

        Each call is also recorded as a ``state_update`` event with its time. Values must be JSON
        values (numpy scalars and arrays, tuples, enums and pydantic models are converted); anything
        else raises :class:`~plasma.errors.StateNotSerializableError` and records nothing.
        """
        self._check_not_ended("update_state")
        merged = dict(updates) if updates else {}
        merged.update(more)
        clean = to_json_object(merged, f"span {self.name!r} state")
        self._state.update(clean)
        self._events.append(
            SpanEvent.model_construct(
                name="state_update", time_unix_nano=time.time_ns(), attributes=clean
            )
        )
        return self

    def set_attribute(self, key: str, value: Any) -> AtomicSpan:
        """Set one attribute (a JSON value)."""
        self._check_not_ended("set_attribute")
        self._attributes[key] = to_json_value(value, f"span {self.name!r} attribute {key!r}")
        return self

    def add_event(self, name: str, attributes: Mapping[str, Any] | None = None) -> AtomicSpan:
        """Record a named, timestamped event."""
        self._check_not_ended("add_event")
        clean = to_json_object(attributes, f"event {name!r}") if attributes else {}
        self._events.append(
            SpanEvent.model_construct(name=name, time_unix_nano=time.time_ns(), attributes=clean)
        )
        return self

    def set_status(self, code: StatusCode | str, message: str = "") -> AtomicSpan:
        """Set the status explicitly (an exception leaving the span still makes it ERROR)."""
        self._check_not_ended("set_status")
        self._status = SpanStatus(code=StatusCode(code), message=message)
        return self

    def _check_not_ended(self, what: str) -> None:
        if self._phase == _ENDED:
            raise TraceError(
                f"{what} on span {self.name!r} ({self.span_id}) after it ended; "
                "record everything inside the `with` block"
            )

    # ----------------------------------------------------------------------------- reading
    @property
    def state(self) -> dict[str, JsonValue]:
        """A copy of the merged state."""
        return dict(self._state)

    @property
    def status(self) -> SpanStatus:
        """The span's status (UNSET while running)."""
        return self._status

    @property
    def is_running(self) -> bool:
        """True between enter and exit."""
        return self._phase == _RUNNING

    @property
    def has_ended(self) -> bool:
        """True once the span has exited."""
        return self._phase == _ENDED

    def to_metadata(self) -> SpanMetadata:
        """A snapshot of the span as a :class:`SpanMetadata`."""
        return SpanMetadata.model_construct(
            trace_id=self.trace_id,
            span_id=self.span_id,
            parent_span_id=self.parent_span_id,
            name=self.name,
            kind=SpanKind.INTERNAL,
            start_time_unix_nano=self._start_ns,
            end_time_unix_nano=self.end_time_unix_nano,
            attributes=dict(self._attributes),
            events=list(self._events),
            status=self._status,
            state=dict(self._state),
            sequence=max(self.sequence, 0),
        )

    def __repr__(self) -> str:
        return (
            f"AtomicSpan(name={self.name!r}, span_id={self.span_id!r}, "
            f"trace_id={self.trace_id!r}, {_PHASE_NAMES[self._phase]})"
        )


class NonRecordingSpan:
    """A span that records nothing, for code that records into a span whether or not a tracker is
    there (OpenTelemetry's non-recording span): ``ComponentTracing.span`` gives one when it has no
    started tracker. Its recording methods accept anything and do nothing; it has no trace."""

    __slots__ = ()

    trace_id: str | None = None
    """No trace (an :class:`AtomicSpan`'s is a str)."""
    is_recording = False
    """False: nothing given to this span is kept."""

    def __enter__(self) -> NonRecordingSpan:
        return self

    def __exit__(self, *exc: object) -> Literal[False]:
        return False

    async def __aenter__(self) -> NonRecordingSpan:
        return self

    async def __aexit__(self, *exc: object) -> Literal[False]:
        return False

    def update_state(
        self, updates: Mapping[str, Any] | None = None, /, **more: Any
    ) -> NonRecordingSpan:
        """Nothing (see :meth:`AtomicSpan.update_state`)."""
        return self

    def set_attribute(self, key: str, value: Any) -> NonRecordingSpan:
        """Nothing (see :meth:`AtomicSpan.set_attribute`)."""
        return self

    def add_event(self, name: str, attributes: Mapping[str, Any] | None = None) -> NonRecordingSpan:
        """Nothing (see :meth:`AtomicSpan.add_event`)."""
        return self

    def set_status(self, code: StatusCode | str, message: str = "") -> NonRecordingSpan:
        """Nothing (see :meth:`AtomicSpan.set_status`)."""
        return self

    def __repr__(self) -> str:
        return "NonRecordingSpan()"


Span = AtomicSpan | NonRecordingSpan
"""What a component records into: a real span, or one that records nothing."""
