"""JSONL and OTLP/JSON sinks, and reading trace files back."""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest

from plasma.errors import TraceFileError
from plasma.trace import (
    OtlpJsonSink,
    StateTracker,
    StatusCode,
    TornLineWarning,
    TraceStatus,
    read_spans,
    read_traces,
)


async def _record(tracker: StateTracker, spans: int = 3) -> str:
    trace_id = tracker.create_trace(metadata={"type": "test"})
    async with tracker.span(trace_id, "root") as root:
        for i in range(spans - 1):
            async with tracker.span(trace_id, f"child-{i}") as child:
                child.update_state({"i": i})
        root.update_state({"children": spans - 1})
    await tracker.complete_trace(trace_id)
    return trace_id


async def test_jsonl_file_reads_back_exactly(tmp_path: Path) -> None:
    path = tmp_path / "runs" / "trace.jsonl"  # parent directories are created
    async with StateTracker({"jsonl_path": path}) as tracker:
        trace_id = await _record(tracker)
        in_memory = tracker.get_trace(trace_id)

    lines = path.read_text().splitlines()
    assert len(lines) == 4  # three spans, then the trace record
    assert json.loads(lines[-1])["trace"]["status"] == "COMPLETED"
    (trace,) = read_traces(path)
    assert trace == in_memory
    assert [s.name for s in read_spans(path)] == ["child-0", "child-1", "root"]


async def test_a_second_tracker_appends(tmp_path: Path) -> None:
    path = tmp_path / "trace.jsonl"
    for _ in range(2):
        async with StateTracker({"jsonl_path": path}) as tracker:
            await _record(tracker)
    assert [t.status for t in read_traces(path)] == [TraceStatus.COMPLETED] * 2


async def test_unfinished_trace_reads_back_as_incomplete(tmp_path: Path) -> None:
    path = tmp_path / "trace.jsonl"
    async with StateTracker({"jsonl_path": path, "fsync": True}) as tracker:
        trace_id = tracker.create_trace()
        with tracker.span(trace_id, "only"):
            pass
    (trace,) = read_traces(path)
    assert trace.status is TraceStatus.INCOMPLETE
    assert [s.name for s in trace.spans] == ["only"]


async def test_torn_last_line_is_skipped_with_a_warning(file_tracker: StateTracker) -> None:
    await _record(file_tracker)
    path = file_tracker.config.jsonl_path
    assert path is not None
    with path.open("a") as handle:
        handle.write('{"trace_id": "abc", "span')  # a write cut short by kill -9
    with pytest.warns(TornLineWarning, match=r"trace.jsonl:5: skipped a torn last line"):
        (trace,) = read_traces(path)
    assert len(trace.spans) == 3


async def test_corruption_before_the_last_line_is_an_error(file_tracker: StateTracker) -> None:
    await _record(file_tracker)
    path = file_tracker.config.jsonl_path
    assert path is not None
    lines = path.read_text().splitlines()
    lines[1] = lines[1][:20]
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(TraceFileError, match=r"trace.jsonl:2: not a JSON object"):
        read_traces(path)
    lines[1] = json.dumps({"span_id": "x"})
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(TraceFileError, match=r"trace.jsonl:2: not a valid"):
        read_spans(path)


def test_missing_trace_file_names_the_path(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match=r"nothing\.jsonl does not exist"):
        read_traces(tmp_path / "nothing.jsonl")


async def test_otlp_file_holds_one_export_request_per_batch(tmp_path: Path) -> None:
    path = tmp_path / "otlp.jsonl"
    config = {"otlp_path": path, "otlp_batch_size": 2, "service_name": "unit"}
    async with StateTracker(config) as tracker:
        trace_id = await _record(tracker, spans=3)
    requests = [json.loads(line) for line in path.read_text().splitlines()]
    assert len(requests) == 2  # a full batch of 2, then the rest when the trace completed
    spans = [
        span
        for request in requests
        for resource in request["resourceSpans"]
        for scope in resource["scopeSpans"]
        for span in scope["spans"]
    ]
    assert [s["name"] for s in spans] == ["child-0", "child-1", "root"]
    assert {s["traceId"] for s in spans} == {trace_id}
    root = spans[-1]
    assert all(s["parentSpanId"] == root["spanId"] for s in spans[:2])
    assert root["status"] == {"code": 1}
    resource = requests[0]["resourceSpans"][0]["resource"]
    assert resource["attributes"] == [{"key": "service.name", "value": {"stringValue": "unit"}}]


class _Collector(BaseHTTPRequestHandler):
    bodies: list[dict[str, object]]

    def do_POST(self) -> None:
        length = int(self.headers["Content-Length"])
        assert self.headers["Content-Type"] == "application/json"
        self.bodies.append(json.loads(self.rfile.read(length)))
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def collector() -> Iterator[tuple[str, list[dict[str, object]]]]:
    bodies: list[dict[str, object]] = []
    handler = type("Handler", (_Collector,), {"bodies": bodies})
    server = HTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/v1/traces", bodies
    server.shutdown()
    server.server_close()


async def test_otlp_export_is_posted_to_a_collector(
    collector: tuple[str, list[dict[str, object]]],
) -> None:
    url, bodies = collector
    async with StateTracker({"otlp_endpoint": url}) as tracker:
        trace_id = await _record(tracker)
    (body,) = bodies  # stop() waits for the poster
    spans = body["resourceSpans"][0]["scopeSpans"][0]["spans"]  # type: ignore[index]
    assert {s["traceId"] for s in spans} == {trace_id}
    assert len(spans) == 3


def test_a_collector_that_is_down_is_logged_not_raised(caplog: pytest.LogCaptureFixture) -> None:
    from plasma.trace.models import SpanMetadata

    sink = OtlpJsonSink(endpoint="http://127.0.0.1:9/v1/traces", timeout_s=1.0)
    sink.write_span(
        SpanMetadata(
            trace_id="1" * 32, span_id="2" * 16, name="x", start_time_unix_nano=1, sequence=0
        )
    )
    with caplog.at_level(logging.WARNING, logger="plasma.trace"):
        sink.close()
    assert sink.export_failures == 1
    assert "OTLP export to http://127.0.0.1:9/v1/traces failed" in caplog.text


def test_otlp_sink_needs_somewhere_to_go() -> None:
    with pytest.raises(ValueError, match="path, an endpoint"):
        OtlpJsonSink()


async def test_error_spans_keep_their_status_on_disk(file_tracker: StateTracker) -> None:
    trace_id = file_tracker.create_trace()
    with pytest.raises(RuntimeError), file_tracker.span(trace_id, "boom"):
        raise RuntimeError("bad")
    path = file_tracker.config.jsonl_path
    assert path is not None
    (span,) = read_spans(path)
    assert span.status.code is StatusCode.ERROR
    assert span.status.message == "RuntimeError: bad"
