"""Configuration of a :class:`~plasma.trace.StateTracker`."""

from __future__ import annotations

from pydantic import ConfigDict, Field, HttpUrl

from plasma._config import ConfigModel, OsPath

__all__ = ["TrackerConfig"]


class TrackerConfig(ConfigModel):
    """Where spans go and how much a tracker keeps in memory.

    With no options the tracker keeps traces in memory only (a bounded ring of recent spans in a
    :class:`~plasma.trace.MemorySink`); give ``jsonl_path`` to keep them on disk.
    """

    model_config = ConfigDict(extra="forbid")

    jsonl_path: OsPath | None = None
    """Append each span to this JSONL file as it ends (one span per line, plus one line per
    completed trace). A crash loses at most the spans still in flight."""
    fsync: bool = False
    """fsync the JSONL file after each span: survives a power cut too, at the cost of a disk sync
    per span. Without it a killed process still loses nothing already written."""
    otlp_path: OsPath | None = None
    """Append OTLP/JSON export requests (one per line) to this file."""
    otlp_endpoint: HttpUrl | None = None
    """POST OTLP/JSON export requests to this collector URL, e.g. http://localhost:4318/v1/traces.
    Posting happens on a background thread; failures are logged and counted, never raised."""
    otlp_timeout_s: float = Field(default=5.0, gt=0)
    """Timeout of one POST to the collector."""
    otlp_batch_size: int = Field(default=512, ge=1)
    """Export a batch when this many spans are waiting (and always when a trace completes)."""
    memory_capacity: int = Field(default=10_000, ge=0)
    """How many recent spans the in-memory sink keeps (0: no in-memory sink)."""
    max_completed_traces: int = Field(default=64, ge=0)
    """Completed traces kept in memory for ``get_trace``; older ones are evicted (they are in the
    sinks already)."""
    max_spans_per_trace: int = Field(default=10_000, ge=1)
    """Ended spans kept in memory per trace; older ones are dropped from memory (not from the
    sinks) and counted in ``TraceState.dropped_spans``."""
    service_name: str = "plasma"
    """``service.name`` resource attribute of OTLP exports."""
