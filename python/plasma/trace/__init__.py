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

from typing import TYPE_CHECKING

from plasma._lazy import attach

if TYPE_CHECKING:
    from plasma.trace.config import TrackerConfig as TrackerConfig
    from plasma.trace.models import SpanEvent as SpanEvent
    from plasma.trace.models import SpanKind as SpanKind
    from plasma.trace.models import SpanMetadata as SpanMetadata
    from plasma.trace.models import SpanStatus as SpanStatus
    from plasma.trace.models import StatusCode as StatusCode
    from plasma.trace.models import TraceState as TraceState
    from plasma.trace.models import TraceStatus as TraceStatus
    from plasma.trace.otlp import span_to_otlp as span_to_otlp
    from plasma.trace.otlp import to_otlp_request as to_otlp_request
    from plasma.trace.reader import TornLineWarning as TornLineWarning
    from plasma.trace.reader import read_spans as read_spans
    from plasma.trace.reader import read_traces as read_traces
    from plasma.trace.sinks import JsonlSink as JsonlSink
    from plasma.trace.sinks import MemorySink as MemorySink
    from plasma.trace.sinks import OtlpJsonSink as OtlpJsonSink
    from plasma.trace.sinks import SpanSink as SpanSink
    from plasma.trace.span import AtomicSpan as AtomicSpan
    from plasma.trace.span import NonRecordingSpan as NonRecordingSpan
    from plasma.trace.span import current_span as current_span
    from plasma.trace.tracker import StateTracker as StateTracker

# Public names, imported when first read (PEP 562): see plasma._lazy.
__getattr__, __dir__, __all__ = attach(
    __name__,
    {
        "plasma.trace.config": ["TrackerConfig"],
        "plasma.trace.models": [
            "SpanEvent",
            "SpanKind",
            "SpanMetadata",
            "SpanStatus",
            "StatusCode",
            "TraceState",
            "TraceStatus",
        ],
        "plasma.trace.otlp": ["span_to_otlp", "to_otlp_request"],
        "plasma.trace.reader": ["TornLineWarning", "read_spans", "read_traces"],
        "plasma.trace.sinks": ["JsonlSink", "MemorySink", "OtlpJsonSink", "SpanSink"],
        "plasma.trace.span": ["AtomicSpan", "NonRecordingSpan", "current_span"],
        "plasma.trace.tracker": ["StateTracker"],
    },
)
