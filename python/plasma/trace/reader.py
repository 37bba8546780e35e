"""Read back the JSONL files that :class:`~plasma.trace.JsonlSink` writes."""

from __future__ import annotations

import os
import warnings
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from plasma._config import validation_message
from plasma._io import existing_file, loads_json, memory_budget
from plasma.errors import PlasmaWarning, TraceFileError
from plasma.trace.models import SpanMetadata, TraceState, TraceStatus

__all__ = ["TornLineWarning", "read_spans", "read_traces"]


class TornLineWarning(PlasmaWarning):
    """A line of a trace file was cut short (its writer was killed mid-write) and was skipped:
    the last line, or a torn record that a later writer's line was appended to."""


def _after_torn_prefix(line: bytes) -> tuple[int, dict[str, Any]] | None:
    """A whole record at the end of ``line`` after a torn one (a writer killed mid-line, then
    another appending to the same line): its offset and the record, or None."""
    start = line.find(b'{"', 1)
    while start > 0:
        try:
            record = loads_json(line[start:])
        except ValueError:
            start = line.find(b'{"', start + 1)
            continue
        return (start, record) if isinstance(record, dict) else None
    return None


def _records(path: Path) -> list[tuple[int, dict[str, Any]]]:
    existing_file(path, "trace file", wrong=TraceFileError, empty_ok=True)
    try:
        size, budget = path.stat().st_size, memory_budget()
        if size > budget // 4:
            raise TraceFileError(
                f"trace file {path} is {size:,} bytes, more than a quarter of the "
                f"{budget:,} bytes of memory this process can use to read it"
            )
        raw = path.read_bytes()
    except OSError as err:
        raise TraceFileError(f"trace file {path} cannot be read: {err.strerror}") from None
    lines = raw.split(b"\n")
    last = max((i for i, line in enumerate(lines) if line.strip()), default=-1)
    records = []
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        try:
            record = loads_json(line)
            if not isinstance(record, dict):
                raise ValueError("a line must hold a JSON object")
        except ValueError as err:
            if index == last:
                warnings.warn(
                    f"{path}:{index + 1}: skipped a torn last line ({len(line)} bytes): {err}",
                    TornLineWarning,
                    stacklevel=3,
                )
                continue
            recovered = _after_torn_prefix(line)
            if recovered is None:
                raise TraceFileError(f"{path}:{index + 1}: not a JSON object: {err}") from None
            offset, record = recovered
            warnings.warn(
                f"{path}:{index + 1}: skipped a torn record ({offset} bytes) at the start of "
                "the line",
                TornLineWarning,
                stacklevel=3,
            )
        records.append((index + 1, record))
    return records


def read_spans(path: str | os.PathLike[str]) -> list[SpanMetadata]:
    """Every span in a JSONL trace file, in file order (the order they ended)."""
    path = Path(path)
    spans = []
    for lineno, record in _records(path):
        if "trace" in record:
            continue
        try:
            spans.append(SpanMetadata.model_validate(record))
        except ValidationError as err:
            raise TraceFileError(
                f"{path}:{lineno}: not a valid span: {validation_message(err, 'span')}"
            ) from None
    return spans


def read_traces(path: str | os.PathLike[str]) -> list[TraceState]:
    """Every trace in a JSONL trace file, with its spans, in order of first appearance.

    A trace whose completion record is missing (its writer stopped or crashed first) is returned
    with status INCOMPLETE.
    """
    path = Path(path)
    traces: dict[str, TraceState] = {}
    for lineno, record in _records(path):
        try:
            if "trace" in record:
                header = TraceState.model_validate(record["trace"])
                known = traces.get(header.trace_id)
                header.spans = known.spans if known else []
                traces[header.trace_id] = header
            else:
                span = SpanMetadata.model_validate(record)
                trace = traces.get(span.trace_id)
                if trace is None:
                    trace = traces[span.trace_id] = TraceState(
                        trace_id=span.trace_id,
                        status=TraceStatus.INCOMPLETE,
                        created_unix_nano=span.start_time_unix_nano,
                    )
                trace.spans.append(span)
                if trace.status is TraceStatus.INCOMPLETE:
                    trace.created_unix_nano = min(
                        trace.created_unix_nano, span.start_time_unix_nano
                    )
        except ValidationError as err:
            raise TraceFileError(
                f"{path}:{lineno}: not a valid trace record: "
                f"{validation_message(err, 'trace record')}"
            ) from None
    return list(traces.values())
