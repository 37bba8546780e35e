"""``StateTracker``: creates traces and spans, keeps recent ones in memory, and feeds the sinks."""

from __future__ import annotations

import random
import threading
import time
import warnings
from collections import OrderedDict, deque
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from plasma._config import coerce_config
from plasma._lifecycle import Lifecycle
from plasma.errors import (
    PlasmaWarning,
    TraceAlreadyCompletedError,
    TraceError,
    TraceNotFoundError,
    TraceStillOpenError,
)
from plasma.trace._json import to_json_object
from plasma.trace.config import TrackerConfig
from plasma.trace.models import SpanMetadata, TraceState, TraceStatus
from plasma.trace.sinks import JsonlSink, MemorySink, OtlpJsonSink, SpanSink
from plasma.trace.span import AtomicSpan, current_span

__all__ = ["SpanNotWrittenWarning", "StateTracker"]


class SpanNotWrittenWarning(PlasmaWarning, RuntimeWarning):
    """A span that ended could not be written to a sink (the tracker had stopped, or the sink
    failed while the user's own exception was propagating)."""


def _new_id(nbytes: int) -> str:
    # `random` is reseeded in forked children, so workers never repeat their parent's ids.
    while True:
        value = random.getrandbits(nbytes * 8)
        if value:
            return f"{value:0{nbytes * 2}x}"


@dataclass(slots=True)
class _ActiveTrace:
    trace_id: str
    metadata: dict[str, Any]
    created_unix_nano: int
    spans: deque[SpanMetadata]
    dropped_spans: int = 0
    open_spans: dict[str, AtomicSpan] = field(default_factory=dict)

    def snapshot(self, status: TraceStatus, completed: int | None) -> TraceState:
        return TraceState.model_construct(
            trace_id=self.trace_id,
            metadata=dict(self.metadata),
            status=status,
            created_unix_nano=self.created_unix_nano,
            completed_unix_nano=completed,
            spans=list(self.spans),
            dropped_spans=self.dropped_spans,
        )


class StateTracker(Lifecycle):
    """Records traces of spans. Thread-safe and async-safe.

    >>> tracker = StateTracker()            # in memory; StateTracker({"jsonl_path": "trace.jsonl"})
    >>> await tracker.start()
    >>> trace_id = tracker.create_trace(metadata={"type": "training"})
    >>> async with await tracker.create_span(trace_id, "fit") as span:
    ...     span.update_state({"loss": 0.1})
    >>> await tracker.complete_trace(trace_id)
    >>> await tracker.stop()
    """

    _role = "tracker"

    def __init__(
        self,
        config: TrackerConfig | Mapping[str, Any] | None = None,
        *,
        sinks: Sequence[SpanSink] = (),
    ) -> None:
        self.config = coerce_config(TrackerConfig, config)
        self._extra_sinks = list(sinks)
        self.sinks: list[SpanSink] = []
        self.memory: MemorySink | None = None
        self._lock = threading.RLock()
        self._active: dict[str, _ActiveTrace] = {}
        self._completed: OrderedDict[str, TraceState] = OrderedDict()
        self._sequence = 0
        self._started = False

    # ----------------------------------------------------------------------------- lifecycle
    async def start(self) -> StateTracker:
        """Open the sinks. Calling it on a started tracker does nothing."""
        with self._lock:
            if self._started:
                return self
            cfg = self.config
            sinks: list[SpanSink] = []
            if cfg.memory_capacity:
                self.memory = MemorySink(cfg.memory_capacity)
                sinks.append(self.memory)
            if cfg.jsonl_path is not None:
                sinks.append(JsonlSink(cfg.jsonl_path, fsync=cfg.fsync))
            if cfg.otlp_path is not None or cfg.otlp_endpoint is not None:
                sinks.append(
                    OtlpJsonSink(
                        path=cfg.otlp_path,
                        endpoint=str(cfg.otlp_endpoint) if cfg.otlp_endpoint else None,
                        service_name=cfg.service_name,
                        batch_size=cfg.otlp_batch_size,
                        timeout_s=cfg.otlp_timeout_s,
                    )
                )
            self.sinks = sinks + self._extra_sinks
            self._started = True
        return self

    async def stop(self) -> None:
        """Write traces still active as INCOMPLETE, then flush and close the sinks."""
        with self._lock:
            if not self._started:
                return
            for trace in self._active.values():
                header = trace.snapshot(TraceStatus.INCOMPLETE, None)
                for sink in self.sinks:
                    sink.write_trace(header)
            for sink in self.sinks:
                sink.close()
            self._started = False

    # ----------------------------------------------------------------------------- traces
    def create_trace(self, metadata: Mapping[str, Any] | None = None) -> str:
        """Start a trace and return its id (32 lowercase hex digits)."""
        self._require_started("create_trace")
        clean = to_json_object(metadata, "trace metadata") if metadata else {}
        trace_id = _new_id(16)
        with self._lock:
            self._active[trace_id] = _ActiveTrace(
                trace_id=trace_id,
                metadata=clean,
                created_unix_nano=time.time_ns(),
                spans=deque(maxlen=self.config.max_spans_per_trace),
            )
        return trace_id

    async def complete_trace(self, trace_id: str, *, force: bool = False) -> TraceState:
        """Mark a trace completed, write it to the sinks and return it.

        A trace with spans still in flight raises :class:`TraceStillOpenError` unless ``force``,
        which completes it anyway (the spans are still recorded when they end).
        """
        self._require_started("complete_trace")
        with self._lock:
            trace = self._active.get(trace_id)
            if trace is None:
                if trace_id in self._completed:
                    raise TraceAlreadyCompletedError(f"trace {trace_id} was already completed")
                raise self._not_found(trace_id)
            if trace.open_spans and not force:
                names = ", ".join(sorted(s.name for s in trace.open_spans.values()))
                raise TraceStillOpenError(
                    f"trace {trace_id} still has {len(trace.open_spans)} span(s) in flight "
                    f"({names}); end them first or pass force=True"
                )
            del self._active[trace_id]
            state = trace.snapshot(TraceStatus.COMPLETED, time.time_ns())
            for sink in self.sinks:
                sink.write_trace(state)
            if self.config.max_completed_traces:
                self._completed[trace_id] = state
                while len(self._completed) > self.config.max_completed_traces:
                    self._completed.popitem(last=False)
        return state.model_copy(deep=True)

    def get_trace(self, trace_id: str) -> TraceState:
        """A snapshot of an active or recently completed trace."""
        with self._lock:
            trace = self._active.get(trace_id)
            if trace is not None:
                return trace.snapshot(TraceStatus.ACTIVE, None).model_copy(deep=True)
            done = self._completed.get(trace_id)
            if done is not None:
                return done.model_copy(deep=True)
        raise self._not_found(trace_id)

    def list_traces(self) -> list[TraceState]:
        """Snapshots of the active traces, then of the completed ones still in memory."""
        with self._lock:
            active = [t.snapshot(TraceStatus.ACTIVE, None) for t in self._active.values()]
            done = list(self._completed.values())
        return [t.model_copy(deep=True) for t in active + done]

    def _not_found(self, trace_id: str) -> TraceNotFoundError:
        return TraceNotFoundError(
            f"unknown trace id {trace_id!r}: not created by this tracker, or completed and evicted "
            f"from memory (max_completed_traces={self.config.max_completed_traces}); completed "
            "traces are in the tracker's sinks"
        )

    # ----------------------------------------------------------------------------- spans
    def span(
        self,
        trace_id: str | None,
        name: str,
        *,
        attributes: Mapping[str, Any] | None = None,
        parent: AtomicSpan | str | None = None,
    ) -> AtomicSpan:
        """Create a span (synchronously) in ``trace_id``; enter it with ``with`` or ``async with``.

        ``trace_id=None`` takes the trace of the span running in this context. The parent is the
        span running when this one is entered, unless ``parent`` names one.
        """
        self._require_started("span")
        if not isinstance(name, str) or not name:
            raise TraceError(f"span name must be a non-empty str, got {name!r}")
        if trace_id is None:
            running = current_span()
            if running is None:
                raise TraceError("trace_id=None needs a span running in this context")
            trace_id = running.trace_id
        with self._lock:
            if trace_id not in self._active:
                if trace_id in self._completed:
                    raise TraceAlreadyCompletedError(
                        f"trace {trace_id} is completed and takes no new spans"
                    )
                raise self._not_found(trace_id)
        parent_id = parent.span_id if isinstance(parent, AtomicSpan) else parent
        return AtomicSpan(
            self, trace_id, _new_id(8), name, parent_span_id=parent_id, attributes=attributes
        )

    async def create_span(
        self,
        trace_id: str | None,
        name: str,
        *,
        attributes: Mapping[str, Any] | None = None,
        parent: AtomicSpan | str | None = None,
    ) -> AtomicSpan:
        """Create a span in ``trace_id`` (see :meth:`span`)."""
        return self.span(trace_id, name, attributes=attributes, parent=parent)

    # ----------------------------------------------------------------------------- SpanProcessor
    def span_started(self, span: AtomicSpan) -> int:
        """Called by ``span`` as it is entered: its trace's open spans gain it; its sequence."""
        with self._lock:
            trace = self._active.get(span.trace_id)
            if trace is None:
                raise TraceAlreadyCompletedError(
                    f"span {span.name!r} cannot start: trace {span.trace_id} is no longer active"
                )
            trace.open_spans[span.span_id] = span
            sequence = self._sequence
            self._sequence += 1
        return sequence

    def span_ended(self, span: AtomicSpan, *, failing: bool) -> None:
        """Called by ``span`` as it exits: keep its record and write it to the sinks."""
        record = span.to_metadata()
        with self._lock:
            trace = self._active.get(span.trace_id)
            if trace is not None:
                trace.open_spans.pop(span.span_id, None)
                if len(trace.spans) == trace.spans.maxlen:
                    trace.dropped_spans += 1
                trace.spans.append(record)
            if not self._started:
                warnings.warn(
                    f"span {span.name!r} ended after the tracker stopped; it is not written "
                    "to the sinks",
                    SpanNotWrittenWarning,
                    stacklevel=3,
                )
                return
            for sink in self.sinks:
                try:
                    sink.write_span(record)
                except Exception as err:
                    if not failing:
                        raise
                    # The user's exception is already propagating; do not replace it.
                    warnings.warn(
                        f"could not write span {span.name!r} to {sink!r}: {err}",
                        SpanNotWrittenWarning,
                        stacklevel=3,
                    )
