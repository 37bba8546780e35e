"""Typed span tracking: every stage of Plasma is recorded as OpenTelemetry-shaped spans.

.. code-block:: python

    tracker = StateTracker({"jsonl_path": "runs/trace.jsonl"})
    await tracker.start()
    trace_id = tracker.create_trace(metadata={"type": "training"})
    span = await tracker.create_span(trace_id, "operation_name")
    async with span:
        span.update_state({"key": "value"})
    await tracker.complete_trace(trace_id)
    await tracker.stop()

Show a trace file as a tree with ``python -m plasma.trace show runs/trace.jsonl``.
"""

from plasma.trace.config import TrackerConfig
from plasma.trace.models import (
    SpanEvent,
    SpanKind,
    SpanMetadata,
    SpanStatus,
    StatusCode,
    TraceState,
    TraceStatus,
)
from plasma.trace.otlp import span_to_otlp, to_otlp_request
from plasma.trace.reader import TornLineWarning, read_spans, read_traces
from plasma.trace.sinks import JsonlSink, MemorySink, OtlpJsonSink, SpanSink
from plasma.trace.span import AtomicSpan, current_span
from plasma.trace.tracker import StateTracker

__all__ = [
    "AtomicSpan",
    "JsonlSink",
    "MemorySink",
    "OtlpJsonSink",
    "SpanEvent",
    "SpanKind",
    "SpanMetadata",
    "SpanSink",
    "SpanStatus",
    "StateTracker",
    "StatusCode",
    "TornLineWarning",
    "TraceState",
    "TraceStatus",
    "TrackerConfig",
    "current_span",
    "read_spans",
    "read_traces",
    "span_to_otlp",
    "to_otlp_request",
]
