"""Span and trace models: validation, JSON round trips and OTLP/JSON encoding."""

from __future__ import annotations

import json
import math
import re
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from plasma.trace import (
    SpanEvent,
    SpanKind,
    SpanMetadata,
    SpanStatus,
    StatusCode,
    TraceState,
    TraceStatus,
    span_to_otlp,
    to_otlp_request,
)

HEX32 = st.integers(1, 2**128 - 1).map(lambda v: f"{v:032x}")
HEX16 = st.integers(1, 2**64 - 1).map(lambda v: f"{v:016x}")
KEYS = st.text(min_size=1, max_size=12)
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(-(2**63), 2**63 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20)
)
JSON_VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=4),
    max_leaves=12,
)
TIMES = st.integers(0, 2**63 - 1)


@st.composite
def spans(draw: st.DrawFn) -> SpanMetadata:
    start = draw(TIMES)
    return SpanMetadata(
        trace_id=draw(HEX32),
        span_id=draw(HEX16),
        parent_span_id=draw(st.none() | HEX16),
        name=draw(st.text(min_size=1, max_size=20)),
        kind=draw(st.sampled_from(SpanKind)),
        start_time_unix_nano=start,
        end_time_unix_nano=draw(st.none() | st.integers(start, 2**63 - 1)),
        attributes=draw(st.dictionaries(KEYS, JSON_VALUES, max_size=4)),
        events=draw(
            st.lists(
                st.builds(
                    SpanEvent,
                    name=st.text(min_size=1, max_size=10),
                    time_unix_nano=TIMES,
                    attributes=st.dictionaries(KEYS, JSON_VALUES, max_size=3),
                ),
                max_size=3,
            )
        ),
        status=draw(st.builds(SpanStatus, code=st.sampled_from(StatusCode), message=st.text())),
        state=draw(st.dictionaries(KEYS, JSON_VALUES, max_size=4)),
        sequence=draw(st.integers(0, 2**40)),
    )


@given(spans())
def test_span_round_trips_through_json(span: SpanMetadata) -> None:
    assert SpanMetadata.model_validate_json(span.model_dump_json()) == span


@given(spans())
def test_span_round_trips_through_plain_json_module(span: SpanMetadata) -> None:
    assert SpanMetadata.model_validate(json.loads(span.model_dump_json())) == span


def _decode_any(value: dict[str, Any]) -> Any:
    """Decode an OTLP AnyValue back into a JSON value (the test's own independent reader)."""
    if not value:
        return None
    ((kind, payload),) = value.items()
    if kind == "intValue":
        assert isinstance(payload, str)
        assert re.fullmatch(r"-?\d+", payload)
        return int(payload)
    if kind == "doubleValue":
        return float(payload)
    if kind == "arrayValue":
        return [_decode_any(v) for v in payload["values"]]
    if kind == "kvlistValue":
        return {kv["key"]: _decode_any(kv["value"]) for kv in payload["values"]}
    assert kind in {"boolValue", "stringValue"}
    return payload


@given(spans())
def test_span_to_otlp_json_has_valid_ids_enums_and_times(span: SpanMetadata) -> None:
    doc = json.loads(json.dumps(to_otlp_request([span], service_name="svc")))
    resource = doc["resourceSpans"][0]
    assert resource["resource"]["attributes"][0] == {
        "key": "service.name",
        "value": {"stringValue": "svc"},
    }
    (otlp,) = resource["scopeSpans"][0]["spans"]
    assert re.fullmatch(r"[0-9a-f]{32}", otlp["traceId"])
    assert otlp["traceId"] == span.trace_id
    assert re.fullmatch(r"[0-9a-f]{16}", otlp["spanId"])
    assert otlp["spanId"] == span.span_id
    assert otlp["parentSpanId"] == (span.parent_span_id or "")
    assert otlp["kind"] == list(SpanKind).index(span.kind) + 1
    assert otlp["status"]["code"] == list(StatusCode).index(span.status.code)
    assert otlp["status"].get("message", "") == span.status.message
    assert int(otlp["startTimeUnixNano"]) == span.start_time_unix_nano
    assert isinstance(otlp["endTimeUnixNano"], str)
    attributes = {kv["key"]: _decode_any(kv["value"]) for kv in otlp["attributes"]}
    assert attributes["plasma.sequence"] == span.sequence
    for key, value in span.state.items():
        assert attributes[f"plasma.state.{key}"] == value
    for key, value in span.attributes.items():
        assert attributes[key] == value
    decoded_events = [
        (
            e["name"],
            int(e["timeUnixNano"]),
            {kv["key"]: _decode_any(kv["value"]) for kv in e["attributes"]},
        )
        for e in otlp["events"]
    ]
    assert decoded_events == [(e.name, e.time_unix_nano, e.attributes) for e in span.events]


def test_otlp_spells_non_finite_doubles_as_strings() -> None:
    span = SpanMetadata(
        trace_id="1" * 32,
        span_id="2" * 16,
        name="fit",
        start_time_unix_nano=1,
        sequence=0,
        state={"nan": math.nan, "inf": math.inf, "ninf": -math.inf},
    )
    attrs = {kv["key"]: kv["value"] for kv in span_to_otlp(span)["attributes"]}
    assert attrs["plasma.state.nan"] == {"doubleValue": "NaN"}
    assert attrs["plasma.state.inf"] == {"doubleValue": "Infinity"}
    assert attrs["plasma.state.ninf"] == {"doubleValue": "-Infinity"}


def test_nan_in_state_survives_a_json_round_trip() -> None:
    span = SpanMetadata(
        trace_id="1" * 32, span_id="2" * 16, name="fit", start_time_unix_nano=1, sequence=0,
        state={"loss": math.nan},
    )  # fmt: skip
    back = SpanMetadata.model_validate_json(span.model_dump_json())
    assert math.isnan(back.state["loss"])  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("trace_id", "ABCDEF" + "0" * 26),  # upper case
        ("trace_id", "0" * 32),  # all zero
        ("trace_id", "1" * 31),  # too short
        ("span_id", "0" * 16),
        ("span_id", "g" * 16),
        ("parent_span_id", "1" * 15),
        ("name", ""),
        ("start_time_unix_nano", -1),
    ],
)
def test_invalid_span_fields_are_rejected(field: str, value: object) -> None:
    fields: dict[str, object] = {
        "trace_id": "1" * 32,
        "span_id": "2" * 16,
        "name": "fit",
        "start_time_unix_nano": 1,
        "sequence": 0,
    }
    fields[field] = value
    with pytest.raises(ValidationError, match=field):
        SpanMetadata.model_validate(fields)


def test_trace_state_tree_helpers() -> None:
    def span(span_id: str, parent: str | None, seq: int, name: str) -> SpanMetadata:
        return SpanMetadata(
            trace_id="a" * 32, span_id=span_id * 16, parent_span_id=parent and parent * 16,
            name=name, start_time_unix_nano=seq, sequence=seq,
        )  # fmt: skip

    trace = TraceState(
        trace_id="a" * 32,
        created_unix_nano=0,
        status=TraceStatus.COMPLETED,
        spans=[span("3", "1", 2, "b"), span("1", None, 0, "root"), span("2", "1", 1, "a")],
    )
    assert [s.name for s in trace.roots()] == ["root"]
    assert [s.name for s in trace.children("1" * 16)] == ["a", "b"]
    assert [s.span_id for s in trace.find("a")] == ["2" * 16]
