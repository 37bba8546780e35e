"""Cost of one span: create + enter + update_state + exit, written to a file as it ends.

Plasma (JSONL sink, async and sync forms) against the OpenTelemetry SDK's span with a synchronous
file exporter (SimpleSpanProcessor + ConsoleSpanExporter writing one compact JSON line per span),
the equivalent durability. The OpenTelemetry span records the same data: an attribute pair and an
event (Plasma records each update_state call as an event too). Goal: <= 20 us per span and no
slower than the reference.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import ConsoleSpanExporter, SimpleSpanProcessor

from benches.conftest import record
from plasma.trace import StateTracker, read_spans

pytestmark = pytest.mark.benchmark(group="trace: one span (create, enter, update_state, exit)")

SPANS_PER_CALL = 1_000
GOAL = "<= 20 us per span and no slower than the reference"


@pytest.fixture
def event_loop_runner() -> Iterator[asyncio.Runner]:
    with asyncio.Runner() as runner:
        yield runner


def test_plasma_span_async_jsonl(
    benchmark: Any, tmp_path: Path, event_loop_runner: asyncio.Runner
) -> None:
    path = tmp_path / "trace.jsonl"
    tracker = StateTracker({"jsonl_path": path, "memory_capacity": 0})
    event_loop_runner.run(tracker.start())
    trace_id = tracker.create_trace()

    async def spans() -> None:
        for i in range(SPANS_PER_CALL):
            span = await tracker.create_span(trace_id, "operation_name")
            async with span:
                span.update_state({"key": "value", "i": i})

    benchmark.pedantic(lambda: event_loop_runner.run(spans()), rounds=30, warmup_rounds=2)
    event_loop_runner.run(tracker.stop())
    written = read_spans(path)
    record(
        benchmark,
        role="plasma",
        ops_per_call=SPANS_PER_CALL,
        goal=GOAL,
        spans_on_disk=len(written),
        complete=written[-1].state == {"key": "value", "i": SPANS_PER_CALL - 1},
    )


def test_plasma_span_sync_jsonl(benchmark: Any, tmp_path: Path) -> None:
    path = tmp_path / "trace.jsonl"
    tracker = StateTracker({"jsonl_path": path, "memory_capacity": 0})
    asyncio.run(tracker.start())
    trace_id = tracker.create_trace()

    def spans() -> None:
        for i in range(SPANS_PER_CALL):
            with tracker.span(trace_id, "operation_name") as span:
                span.update_state({"key": "value", "i": i})

    benchmark.pedantic(spans, rounds=30, warmup_rounds=2)
    asyncio.run(tracker.stop())
    record(benchmark, role="plasma", ops_per_call=SPANS_PER_CALL, goal=GOAL)


def test_opentelemetry_sdk_span_file_exporter(benchmark: Any, tmp_path: Path) -> None:
    path = tmp_path / "otel.jsonl"
    with path.open("w") as out:
        provider = TracerProvider()
        exporter = ConsoleSpanExporter(out=out, formatter=lambda s: s.to_json(indent=None) + "\n")
        provider.add_span_processor(SimpleSpanProcessor(exporter))
        tracer = provider.get_tracer("bench")

        def spans() -> None:
            for i in range(SPANS_PER_CALL):
                with tracer.start_as_current_span("operation_name") as span:
                    span.set_attributes({"key": "value", "i": i})
                    span.add_event("state_update", {"key": "value", "i": i})

        benchmark.pedantic(spans, rounds=30, warmup_rounds=2)
        provider.shutdown()
    last = json.loads(path.read_text().splitlines()[-1])
    record(
        benchmark,
        role="reference",
        ops_per_call=SPANS_PER_CALL,
        complete=last["attributes"] == {"key": "value", "i": SPANS_PER_CALL - 1},
    )
