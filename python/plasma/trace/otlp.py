"""OTLP/JSON encoding of spans (the OpenTelemetry protocol's JSON form).

Layout: ``{"resourceSpans": [{"resource", "scopeSpans": [{"scope", "spans": [...]}]}]}``. Ids are
lowercase hex, enums are integers, 64-bit integers (times included) are decimal strings, as the
protobuf JSON mapping requires. Plasma's ``state`` goes into attributes named ``plasma.state.<key>``
and the sequence number into ``plasma.sequence``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

from plasma.trace.models import SpanKind, SpanMetadata, StatusCode

__all__ = ["OTLP_SPAN_KIND", "OTLP_STATUS_CODE", "any_value", "span_to_otlp", "to_otlp_request"]

OTLP_SPAN_KIND = {
    SpanKind.INTERNAL: 1,
    SpanKind.SERVER: 2,
    SpanKind.CLIENT: 3,
    SpanKind.PRODUCER: 4,
    SpanKind.CONSUMER: 5,
}
OTLP_STATUS_CODE = {StatusCode.UNSET: 0, StatusCode.OK: 1, StatusCode.ERROR: 2}


def any_value(value: Any) -> dict[str, Any]:
    """Encode a JSON value as an OTLP ``AnyValue``."""
    if value is None:
        return {}
    if isinstance(value, bool):
        return {"boolValue": value}
    if isinstance(value, int):
        return {"intValue": str(value)}
    if isinstance(value, float):
        if math.isfinite(value):
            return {"doubleValue": value}
        return {
            "doubleValue": "NaN"
            if math.isnan(value)
            else ("Infinity" if value > 0 else "-Infinity")
        }
    if isinstance(value, str):
        return {"stringValue": value}
    if isinstance(value, Mapping):
        return {"kvlistValue": {"values": key_values(value)}}
    if isinstance(value, (list, tuple)):
        return {"arrayValue": {"values": [any_value(v) for v in value]}}
    return {"stringValue": str(value)}


def key_values(mapping: Mapping[str, Any], prefix: str = "") -> list[dict[str, Any]]:
    """Encode a mapping as a list of OTLP ``KeyValue``."""
    return [{"key": prefix + key, "value": any_value(value)} for key, value in mapping.items()]


def span_to_otlp(span: SpanMetadata) -> dict[str, Any]:
    """Encode one span as an OTLP/JSON ``Span``."""
    attributes = key_values(span.attributes)
    attributes.append({"key": "plasma.sequence", "value": {"intValue": str(span.sequence)}})
    attributes.extend(key_values(span.state, prefix="plasma.state."))
    out: dict[str, Any] = {
        "traceId": span.trace_id,
        "spanId": span.span_id,
        "parentSpanId": span.parent_span_id or "",
        "name": span.name,
        "kind": OTLP_SPAN_KIND[span.kind],
        "startTimeUnixNano": str(span.start_time_unix_nano),
        "endTimeUnixNano": str(span.end_time_unix_nano or span.start_time_unix_nano),
        "attributes": attributes,
        "events": [
            {
                "timeUnixNano": str(event.time_unix_nano),
                "name": event.name,
                "attributes": key_values(event.attributes),
            }
            for event in span.events
        ],
        "status": {"code": OTLP_STATUS_CODE[span.status.code]},
    }
    if span.status.message:
        out["status"]["message"] = span.status.message
    return out


def to_otlp_request(
    spans: Iterable[SpanMetadata],
    *,
    service_name: str = "plasma",
    scope_version: str = "",
) -> dict[str, Any]:
    """An OTLP/JSON ``ExportTraceServiceRequest`` holding ``spans``."""
    return {
        "resourceSpans": [
            {
                "resource": {
                    "attributes": [{"key": "service.name", "value": {"stringValue": service_name}}]
                },
                "scopeSpans": [
                    {
                        "scope": {"name": "plasma.trace", "version": scope_version},
                        "spans": [span_to_otlp(s) for s in spans],
                    }
                ],
            }
        ]
    }
