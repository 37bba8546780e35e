"""``ComponentTracing``: where a component (Simulator, Auditor, Distiller, the training loop)
records its spans, so that each of them does not re-implement the same choice."""

from __future__ import annotations

from contextlib import AbstractAsyncContextManager
from typing import Any

from plasma.trace.span import NonRecordingSpan, Span, current_span
from plasma.trace.tracker import StateTracker

__all__ = ["ComponentTracing"]


_NO_SPAN = NonRecordingSpan()


class ComponentTracing:
    """Spans of one component.

    A span goes into the trace of the span running in the caller's context when there is one (a
    training loop's iteration span becomes its parent), else into ``trace_id``, else into a trace
    the component opens in :meth:`open` and completes in :meth:`close`. Without a started tracker
    ``async with tracing.span(...) as span`` gives a :class:`NonRecordingSpan`, so the caller
    records into ``span`` either way.
    """

    def __init__(self, tracker: StateTracker | None, trace_id: str | None, kind: str) -> None:
        self.tracker = tracker
        self.trace_id = trace_id
        self.kind = kind
        self._own_trace = False

    async def open(self, **metadata: Any) -> None:
        """Start the tracker if needed and open the component's own trace if it has none."""
        if self.tracker is None or self.trace_id is not None:
            return
        if not self.tracker.started:
            await self.tracker.start()
        self.trace_id = self.tracker.create_trace(metadata={"type": self.kind, **metadata})
        self._own_trace = True

    async def close(self) -> None:
        """Complete the component's own trace (spans still in flight are recorded when they end)."""
        if self._own_trace and self.tracker is not None and self.trace_id is not None:
            if self.tracker.started:
                await self.tracker.complete_trace(self.trace_id, force=True)
            self.trace_id, self._own_trace = None, False

    def span(
        self, name: str, attributes: dict[str, Any] | None = None
    ) -> AbstractAsyncContextManager[Span]:
        """A span named ``name`` in the trace chosen as the class docstring says."""
        tracker = self.tracker
        if tracker is None or not tracker.started:
            return _NO_SPAN
        running = current_span()
        trace_id = running.trace_id if running is not None else self.trace_id
        if trace_id is None:
            return _NO_SPAN
        return tracker.span(trace_id, name, attributes=attributes)
