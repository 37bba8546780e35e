"""JSONL and OTLP/JSON sinks, and reading trace files back."""

from __future__ import annotations

import base64
import copy
import errno
import json
import logging
import math
import os
import re
import threading
import warnings
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any

import pytest
from google.protobuf import json_format
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest
from opentelemetry.proto.common.v1.common_pb2 import AnyValue, KeyValue
from opentelemetry.proto.trace.v1.trace_pb2 import Span, Status

from plasma.errors import TraceFileError
from plasma.trace import (
    OtlpJsonSink,
    SpanMetadata,
    StateTracker,
    StatusCode,
    TornLineWarning,
    TraceStatus,
    read_spans,
    read_traces,
    sinks,
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
    with pytest.raises(TraceFileError, match=r"trace.jsonl:2: not a valid") as caught:
        read_spans(path)
    assert "\n" not in str(caught.value).strip()  # batch L: pydantic's text was several lines
    with pytest.raises(TraceFileError, match=r"trace.jsonl:2: not a valid") as caught:
        read_traces(path)
    assert "\n" not in str(caught.value).strip()


def test_missing_trace_file_names_the_path(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match=r"nothing\.jsonl does not exist"):
        read_traces(tmp_path / "nothing.jsonl")


# ------------------------------------------------------------------- OTLP, read with its schema
# The OTLP/JSON documents are parsed into opentelemetry-proto's ExportTraceServiceRequest with
# protobuf's json_format, so every field name, nesting and type is checked against the real schema
# (an unknown or misspelt field, or a wrong type, is a ParseError). One deliberate difference:
# OTLP/JSON writes trace and span ids as lowercase hex, where protobuf's JSON mapping of `bytes`
# expects base64 (it would read a 16-hex-char span id as 12 bytes), so ids are converted first.

ID_HEX_CHARS = {"traceId": 32, "spanId": 16, "parentSpanId": 16}


def parse_otlp(document: dict[str, Any]) -> ExportTraceServiceRequest:
    """An OTLP/JSON export request as the protobuf message, ids checked and converted."""
    document = copy.deepcopy(document)
    for resource in document.get("resourceSpans", []):
        for scope in resource.get("scopeSpans", []):
            for span in scope.get("spans", []):
                for key, chars in ID_HEX_CHARS.items():
                    hex_id = span.get(key, "")
                    if key == "parentSpanId" and hex_id == "":
                        continue  # a root span
                    assert re.fullmatch(f"[0-9a-f]{{{chars}}}", hex_id), (key, hex_id)
                    span[key] = base64.b64encode(bytes.fromhex(hex_id)).decode()
    return json_format.ParseDict(document, ExportTraceServiceRequest())


def schema_spans(request: ExportTraceServiceRequest) -> list[Span]:
    return [s for rs in request.resource_spans for ss in rs.scope_spans for s in ss.spans]


def any_value(value: AnyValue) -> Any:
    """A parsed AnyValue as plain Python."""
    kind = value.WhichOneof("value")
    if kind is None:
        return None
    if kind == "kvlist_value":
        return key_values(value.kvlist_value.values)
    if kind == "array_value":
        return [any_value(v) for v in value.array_value.values]
    return getattr(value, kind)


def key_values(pairs: Any) -> dict[str, Any]:
    out = {}
    for pair in pairs:
        assert isinstance(pair, KeyValue)
        out[pair.key] = any_value(pair.value)
    return out


def same_json(a: Any, b: Any) -> bool:
    """Equal, with NaN equal to NaN."""
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a):
        return math.isnan(b)
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same_json(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same_json(x, y) for x, y in zip(a, b, strict=True))
    return type(a) is type(b) and a == b


def assert_schema_span_is(parsed: Span, span: SpanMetadata) -> None:
    """The parsed OTLP span says what the recorded span says, field by field."""
    assert parsed.trace_id.hex() == span.trace_id
    assert parsed.span_id.hex() == span.span_id
    assert parsed.parent_span_id.hex() == (span.parent_span_id or "")
    assert parsed.name == span.name
    assert parsed.kind == Span.SpanKind.Value(f"SPAN_KIND_{span.kind.value}")
    assert parsed.start_time_unix_nano == span.start_time_unix_nano
    assert parsed.end_time_unix_nano == span.end_time_unix_nano
    assert parsed.status.code == Status.StatusCode.Value(f"STATUS_CODE_{span.status.code.value}")
    assert parsed.status.message == (span.status.message or "")
    expected = {
        **span.attributes,
        "plasma.sequence": span.sequence,
        **{f"plasma.state.{k}": v for k, v in span.state.items()},
    }
    assert same_json(key_values(parsed.attributes), expected)
    assert len(parsed.events) == len(span.events)
    for got, event in zip(parsed.events, span.events, strict=True):
        assert (got.name, got.time_unix_nano) == (event.name, event.time_unix_nano)
        assert same_json(key_values(got.attributes), event.attributes)


async def test_otlp_file_holds_one_export_request_per_batch(tmp_path: Path) -> None:
    path = tmp_path / "otlp.jsonl"
    config = {"otlp_path": path, "otlp_batch_size": 2, "service_name": "unit"}
    async with StateTracker(config) as tracker:
        trace_id = await _record(tracker, spans=3)
        recorded = tracker.get_trace(trace_id).spans
    requests = [parse_otlp(json.loads(line)) for line in path.read_text().splitlines()]
    # A full batch of 2, then the rest when the trace completed.
    assert [len(schema_spans(r)) for r in requests] == [2, 1]
    spans = [span for request in requests for span in schema_spans(request)]
    assert [s.name for s in spans] == ["child-0", "child-1", "root"]
    for parsed, span in zip(spans, recorded, strict=True):
        assert_schema_span_is(parsed, span)
    root = spans[-1]
    assert all(s.parent_span_id == root.span_id for s in spans[:2])
    assert root.status.code == Status.STATUS_CODE_OK
    for request in requests:
        (resource,) = request.resource_spans
        assert key_values(resource.resource.attributes) == {"service.name": "unit"}
        (scope,) = resource.scope_spans
        assert scope.scope.name == "plasma.trace"


async def test_otlp_encodes_every_value_kind_status_and_event_by_the_schema(
    tmp_path: Path,
) -> None:
    path = tmp_path / "otlp.jsonl"
    state = {
        "flag": True,
        "count": 2**62,  # past a double's exact integers: int64 travels as a decimal string
        "loss": 0.25,
        "nan": float("nan"),
        "inf": float("inf"),
        "neg_inf": float("-inf"),
        "label": 'ünïcode "quoted"',
        "missing": None,
        "nested": {"list": [1, 2.5, "x", False, None, {"deep": []}], "empty": {}},
    }
    async with StateTracker({"otlp_path": path}) as tracker:
        trace_id = tracker.create_trace()
        with tracker.span(trace_id, "outer", attributes={"env": "Pendulum-v1"}) as outer:
            outer.update_state(state)
            outer.add_event("checkpoint", {"step": 5, "tags": ["a", "b"]})
            with pytest.raises(ValueError, match="bad"), tracker.span(trace_id, "failing"):
                raise ValueError("bad")
        await tracker.complete_trace(trace_id)
        recorded = tracker.get_trace(trace_id).spans
    (request,) = [parse_otlp(json.loads(line)) for line in path.read_text().splitlines()]
    spans = schema_spans(request)
    assert [s.name for s in spans] == ["failing", "outer"]
    for parsed, span in zip(spans, recorded, strict=True):
        assert_schema_span_is(parsed, span)
    failing, outer_span = spans
    assert failing.status.code == Status.STATUS_CODE_ERROR
    assert failing.status.message == "ValueError: bad"
    assert failing.parent_span_id == outer_span.span_id
    assert outer_span.parent_span_id == b""
    attributes = key_values(outer_span.attributes)
    assert attributes["plasma.state.count"] == 2**62
    assert math.isnan(attributes["plasma.state.nan"])
    assert attributes["plasma.state.neg_inf"] == float("-inf")
    assert attributes["plasma.state.missing"] is None


class _Collector(BaseHTTPRequestHandler):
    bodies: list[dict[str, Any]]

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
def collector() -> Iterator[tuple[str, list[dict[str, Any]]]]:
    bodies: list[dict[str, Any]] = []
    handler = type("Handler", (_Collector,), {"bodies": bodies})
    server = HTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/v1/traces", bodies
    server.shutdown()
    server.server_close()


async def test_otlp_export_is_posted_to_a_collector(
    collector: tuple[str, list[dict[str, Any]]],
) -> None:
    url, bodies = collector
    async with StateTracker({"otlp_endpoint": url}) as tracker:
        trace_id = await _record(tracker)
        recorded = tracker.get_trace(trace_id).spans
    (body,) = bodies  # stop() waits for the poster
    spans = schema_spans(parse_otlp(body))
    assert len(spans) == 3
    for parsed, span in zip(spans, recorded, strict=True):
        assert_schema_span_is(parsed, span)


def test_a_collector_that_is_down_is_logged_not_raised(caplog: pytest.LogCaptureFixture) -> None:
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


async def test_a_write_the_disk_refuses_halfway_is_taken_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A full disk accepts part of a line, then refuses the rest (ENOSPC): the sink must not leave
    # half a line behind, or every later line would be glued to it.
    path = tmp_path / "trace.jsonl"
    tracker = StateTracker({"jsonl_path": path})
    await tracker.start()
    await _record(tracker)
    whole = path.read_bytes()
    real_write = os.write
    calls = 0

    def disk_full(fd: int, data: bytes | memoryview) -> int:
        nonlocal calls
        calls += 1
        if calls == 1:
            return real_write(fd, bytes(data)[: len(data) // 2])
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(sinks.os, "write", disk_full)
    trace_id = tracker.create_trace()
    with pytest.raises(OSError, match="No space left"), tracker.span(trace_id, "lost"):
        pass
    assert calls == 2
    assert path.read_bytes() == whole  # taken back to the last whole line
    monkeypatch.setattr(sinks.os, "write", real_write)  # space is freed
    with tracker.span(trace_id, "kept"):
        pass
    await tracker.complete_trace(trace_id)
    await tracker.stop()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no torn line anywhere
        traces = read_traces(path)
    assert [[s.name for s in t.spans] for t in traces][-1] == ["kept"]


async def test_a_torn_last_line_is_cut_when_the_file_is_opened_again(tmp_path: Path) -> None:
    path = tmp_path / "trace.jsonl"
    async with StateTracker({"jsonl_path": path}) as tracker:
        await _record(tracker)
    whole = path.read_bytes()
    with path.open("ab") as handle:
        handle.write(b'{"trace_id": "abc", "span')  # a writer killed mid-line
    async with StateTracker({"jsonl_path": path}) as tracker:  # e.g. plasma-train --resume
        assert path.read_bytes() == whole
        await _record(tracker)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        traces = read_traces(path)
    assert [t.status for t in traces] == [TraceStatus.COMPLETED] * 2


async def test_a_torn_record_glued_to_the_next_one_is_skipped(tmp_path: Path) -> None:
    # What older versions left: a torn line, then a resumed writer appending on the same line.
    path = tmp_path / "trace.jsonl"
    async with StateTracker({"jsonl_path": path}) as tracker:
        await _record(tracker)
    lines_before = path.read_bytes().count(b"\n")
    later = tmp_path / "later.jsonl"
    async with StateTracker({"jsonl_path": later}) as tracker:
        await _record(tracker)
    with path.open("ab") as handle:  # the old sink appended right after the torn bytes
        handle.write(b'{"trace_id": "abc", "span' + later.read_bytes())
    with pytest.warns(TornLineWarning, match=rf"trace.jsonl:{lines_before + 1}: skipped a torn"):
        traces = read_traces(path)
    assert [t.status for t in traces] == [TraceStatus.COMPLETED] * 2
    assert [len(t.spans) for t in traces] == [3, 3]
