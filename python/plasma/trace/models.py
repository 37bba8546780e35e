"""Pydantic models of traces and spans, shaped like OpenTelemetry's.

A trace id is 16 random bytes and a span id 8 random bytes, both written as lowercase hex, as in the
W3C trace-context and OTLP/JSON formats. Times are integer nanoseconds since the Unix epoch.
Beside OpenTelemetry's fields each span carries Plasma's ``state`` (the merged result of every
``update_state`` call) and ``sequence``, a number that grows by one with every span a tracker
starts, so the order of spans never depends on clocks.
"""

from __future__ import annotations

from enum import Enum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, JsonValue, field_validator

__all__ = [
    "SpanEvent",
    "SpanKind",
    "SpanMetadata",
    "SpanStatus",
    "StatusCode",
    "TraceState",
    "TraceStatus",
]

TraceId = Annotated[str, Field(pattern=r"^[0-9a-f]{32}$", description="16 bytes as lowercase hex")]
SpanId = Annotated[str, Field(pattern=r"^[0-9a-f]{16}$", description="8 bytes as lowercase hex")]

_MODEL_CONFIG = ConfigDict(
    extra="forbid",
    # Training metrics can be NaN or infinite; keep them rather than turning them into null.
    ser_json_inf_nan="constants",
)


def _nonzero_id(value: str) -> str:
    if value.strip("0") == "":
        raise ValueError("an all-zero id is invalid in OpenTelemetry")
    return value


class StatusCode(str, Enum):
    """Outcome of a span, as in OpenTelemetry: UNSET until it ends, then OK or ERROR."""

    UNSET = "UNSET"
    OK = "OK"
    ERROR = "ERROR"


class SpanKind(str, Enum):
    """OpenTelemetry span kind. Plasma's own spans are INTERNAL."""

    INTERNAL = "INTERNAL"
    SERVER = "SERVER"
    CLIENT = "CLIENT"
    PRODUCER = "PRODUCER"
    CONSUMER = "CONSUMER"


class TraceStatus(str, Enum):
    """Lifecycle of a trace."""

    ACTIVE = "ACTIVE"
    """Created and not yet completed."""
    COMPLETED = "COMPLETED"
    """``complete_trace`` was called."""
    INCOMPLETE = "INCOMPLETE"
    """Read back from a file without its completion record (the writer stopped or crashed first)."""


class SpanStatus(BaseModel):
    """Status of a span: its code and, for an error, what went wrong."""

    model_config = _MODEL_CONFIG

    code: StatusCode = StatusCode.UNSET
    """UNSET while running, OK when it ended normally, ERROR when an exception left it."""
    message: str = ""
    """For ERROR: the exception type and message."""


class SpanEvent(BaseModel):
    """A timestamped event inside a span (a state update, an exception, a user event)."""

    model_config = _MODEL_CONFIG

    name: str
    """What happened, e.g. ``"state_update"`` or ``"exception"``."""
    time_unix_nano: int = Field(ge=0)
    """When it happened, in ns since the Unix epoch."""
    attributes: dict[str, JsonValue] = Field(default_factory=dict)
    """Details of the event."""


class SpanMetadata(BaseModel):
    """One span: a named, timed unit of work inside a trace."""

    model_config = _MODEL_CONFIG

    trace_id: TraceId
    """The trace this span belongs to."""
    span_id: SpanId
    """This span's id."""
    parent_span_id: SpanId | None = None
    """The enclosing span, or None for a root span."""
    name: str = Field(min_length=1)
    """What the span measures, e.g. ``"simulate"``."""
    kind: SpanKind = SpanKind.INTERNAL
    """OpenTelemetry span kind."""
    start_time_unix_nano: int = Field(ge=0)
    """When the span was entered, in ns since the Unix epoch."""
    end_time_unix_nano: int | None = Field(default=None, ge=0)
    """When it ended; None while it is in flight."""
    attributes: dict[str, JsonValue] = Field(default_factory=dict)
    """Attributes set at creation or with ``set_attribute``."""
    events: list[SpanEvent] = Field(default_factory=list)
    """Events in the order they happened."""
    status: SpanStatus = Field(default_factory=SpanStatus)
    """Outcome of the span."""
    state: dict[str, JsonValue] = Field(default_factory=dict)
    """Plasma's state: the merged result of every ``update_state`` call (later keys win)."""
    sequence: int = Field(ge=0)
    """Order in which the tracker started its spans (0, 1, 2, ...); independent of clocks."""

    _check_trace_id = field_validator("trace_id")(_nonzero_id)
    _check_span_id = field_validator("span_id")(_nonzero_id)

    @property
    def duration_ns(self) -> int | None:
        """End minus start, in ns; None while in flight."""
        if self.end_time_unix_nano is None:
            return None
        return self.end_time_unix_nano - self.start_time_unix_nano


class TraceState(BaseModel):
    """A trace: its metadata, its lifecycle and the spans recorded in it so far."""

    model_config = _MODEL_CONFIG

    trace_id: TraceId
    """16-byte trace id as lowercase hex."""
    metadata: dict[str, JsonValue] = Field(default_factory=dict)
    """What the trace is about, given to ``create_trace``."""
    status: TraceStatus = TraceStatus.ACTIVE
    """ACTIVE, COMPLETED, or INCOMPLETE (read back from a file without its completion record)."""
    created_unix_nano: int = Field(ge=0)
    """When the trace was created."""
    completed_unix_nano: int | None = Field(default=None, ge=0)
    """When it was completed."""
    spans: list[SpanMetadata] = Field(default_factory=list)
    """Ended spans, in the order they ended (at most the tracker's ``max_spans_per_trace``)."""
    dropped_spans: int = Field(default=0, ge=0)
    """Spans that ended but were dropped from memory to bound it (they are still in the sinks)."""

    _check_trace_id = field_validator("trace_id")(_nonzero_id)

    def roots(self) -> list[SpanMetadata]:
        """Spans without a parent in this trace, by sequence."""
        ids = {s.span_id for s in self.spans}
        return sorted(
            (s for s in self.spans if s.parent_span_id is None or s.parent_span_id not in ids),
            key=lambda s: s.sequence,
        )

    def children(self, span_id: str) -> list[SpanMetadata]:
        """Direct children of ``span_id``, by sequence."""
        return sorted(
            (s for s in self.spans if s.parent_span_id == span_id), key=lambda s: s.sequence
        )

    def find(self, name: str) -> list[SpanMetadata]:
        """Spans named ``name``, by sequence."""
        return sorted((s for s in self.spans if s.name == name), key=lambda s: s.sequence)
