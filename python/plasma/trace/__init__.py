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
    from plasma.trace.models import *  # noqa: F403
    from plasma.trace.otlp import span_to_otlp as span_to_otlp
    from plasma.trace.otlp import to_otlp_request as to_otlp_request
    from plasma.trace.reader import *  # noqa: F403
    from plasma.trace.sinks import *  # noqa: F403
    from plasma.trace.span import AtomicSpan as AtomicSpan
    from plasma.trace.span import NonRecordingSpan as NonRecordingSpan
    from plasma.trace.span import current_span as current_span
    from plasma.trace.tracker import StateTracker as StateTracker

# Public names, imported when first read (PEP 562): see plasma._lazy.
__getattr__, __dir__, __all__ = attach(__name__)
