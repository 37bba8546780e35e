"""Where ended spans go: memory, a JSONL file, OTLP/JSON (file and/or collector).

A sink gets every span when it ends (``write_span``) and a header of every trace when it completes
or when the tracker stops with it unfinished (``write_trace``). The tracker calls sinks under its
lock, so a sink sees spans in the order they ended and needs no locking of its own.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import queue
import threading
import urllib.request
from collections import deque
from pathlib import Path
from typing import Protocol, runtime_checkable

from plasma._core import __version__
from plasma.trace.models import SpanMetadata, TraceState
from plasma.trace.otlp import to_otlp_request

__all__ = ["JsonlSink", "MemorySink", "OtlpJsonSink", "SpanSink"]

log = logging.getLogger("plasma.trace")


@runtime_checkable
class SpanSink(Protocol):
    """What a tracker writes to."""

    def write_span(self, span: SpanMetadata) -> None:
        """Record a span that just ended."""

    def write_trace(self, trace: TraceState) -> None:
        """Record a trace's header (its spans were already written one by one)."""

    def close(self) -> None:
        """Flush and release resources."""


class MemorySink:
    """Keeps the most recent ``capacity`` spans and trace headers in memory."""

    def __init__(self, capacity: int = 10_000) -> None:
        self._spans: deque[SpanMetadata] = deque(maxlen=capacity)
        self._traces: deque[TraceState] = deque(maxlen=capacity)

    def write_span(self, span: SpanMetadata) -> None:
        self._spans.append(span)

    def write_trace(self, trace: TraceState) -> None:
        self._traces.append(trace.model_copy(update={"spans": []}))

    def close(self) -> None:
        pass

    @property
    def spans(self) -> list[SpanMetadata]:
        """The recent spans, oldest first."""
        return list(self._spans)

    @property
    def traces(self) -> list[TraceState]:
        """Headers (no spans) of the recently completed or abandoned traces, oldest first."""
        return list(self._traces)


def _append(fd: int, data: bytes) -> None:
    written = os.write(fd, data)
    if written < len(data):  # rare: a partial write (disk nearly full, signal); write the rest
        view = memoryview(data)[written:]
        while view:
            view = view[os.write(fd, view) :]


def _repair_torn_tail(fd: int, path: Path) -> None:
    """Cut a last line that does not end in a newline (a writer killed mid-line)."""
    size = os.fstat(fd).st_size
    if size == 0 or os.pread(fd, 1, size - 1) == b"\n":
        return
    end = size
    while end > 0:
        start = max(0, end - 65536)
        chunk = os.pread(fd, end - start, start)
        newline = chunk.rfind(b"\n")
        if newline >= 0:
            end = start + newline + 1
            break
        end = start
    os.ftruncate(fd, end)
    log.warning("%s: cut a torn last line (%d bytes) of an interrupted write", path, size - end)


def trace_header_line(trace: TraceState) -> bytes:
    """The JSONL line that records a trace's header: ``{"trace": {...}}``."""
    return b'{"trace":' + trace.model_dump_json(exclude={"spans"}).encode() + b"}\n"


class JsonlSink:
    """Appends one JSON line per ended span (and one ``{"trace": ...}`` line per trace header).

    Each line goes to the OS in a single ``write`` on a file opened in append mode, as the span
    ends, so a killed process loses at most the spans still in flight; ``fsync=True`` also
    survives a power cut. A write that fails (a full disk) is undone, so the file never keeps
    half a line; a file whose last line was torn by a killed writer is repaired when it is
    opened again (the torn bytes, an incomplete record, are cut), so that appending continues
    on a line of its own. Read it back with :func:`plasma.trace.read_traces`.
    """

    def __init__(self, path: str | os.PathLike[str], *, fsync: bool = False) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._fsync = fsync
        self._fd: int | None = os.open(self.path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            _repair_torn_tail(self._fd, self.path)
        except BaseException:
            os.close(self._fd)
            raise

    def _write(self, data: bytes) -> None:
        if self._fd is None:
            raise ValueError(f"JsonlSink({self.path}) is closed")
        size = os.fstat(self._fd).st_size
        try:
            _append(self._fd, data)
        except OSError:
            # Take back the part that was written: the file ends on a whole line again.
            with contextlib.suppress(OSError):
                os.ftruncate(self._fd, size)
            raise
        if self._fsync:
            os.fsync(self._fd)

    def write_span(self, span: SpanMetadata) -> None:
        self._write(span.model_dump_json().encode() + b"\n")

    def write_trace(self, trace: TraceState) -> None:
        self._write(trace_header_line(trace))

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def __repr__(self) -> str:
        return f"JsonlSink({str(self.path)!r})"


class OtlpJsonSink:
    """Exports spans as OTLP/JSON ``ExportTraceServiceRequest`` documents.

    Spans are batched; a batch is exported when ``batch_size`` spans wait, when a trace completes,
    and on close. Each batch is appended as one line to ``path`` and/or POSTed to ``endpoint`` on a
    background thread (failures are logged and counted in ``export_failures``, never raised, so a
    collector that is down cannot stop training).
    """

    def __init__(
        self,
        path: str | os.PathLike[str] | None = None,
        *,
        endpoint: str | None = None,
        service_name: str = "plasma",
        batch_size: int = 512,
        timeout_s: float = 5.0,
    ) -> None:
        if path is None and endpoint is None:
            raise ValueError("OtlpJsonSink needs a path, an endpoint, or both")
        self.path = Path(path) if path is not None else None
        if self.path is not None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self.endpoint = endpoint
        self.service_name = service_name
        self.batch_size = batch_size
        self.timeout_s = timeout_s
        self.export_failures = 0
        self.exported_batches = 0
        self._pending: list[SpanMetadata] = []
        self._queue: queue.Queue[bytes | None] = queue.Queue(maxsize=64)
        self._poster: threading.Thread | None = None

    def write_span(self, span: SpanMetadata) -> None:
        self._pending.append(span)
        if len(self._pending) >= self.batch_size:
            self.flush()

    def write_trace(self, trace: TraceState) -> None:
        self.flush()

    def flush(self) -> None:
        """Export the spans waiting, if any."""
        if not self._pending:
            return
        request = to_otlp_request(
            self._pending, service_name=self.service_name, scope_version=__version__
        )
        self._pending = []
        body = json.dumps(request, separators=(",", ":")).encode()
        if self.path is not None:
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
            try:
                _append(fd, body + b"\n")
            finally:
                os.close(fd)
        if self.endpoint is not None:
            self._start_poster()
            try:
                self._queue.put_nowait(body)
            except queue.Full:
                self.export_failures += 1
                log.warning("OTLP export queue to %s is full; dropped a batch", self.endpoint)
        self.exported_batches += 1

    def _start_poster(self) -> None:
        if self._poster is None:
            self._poster = threading.Thread(
                target=self._post_loop, name="plasma-otlp-export", daemon=True
            )
            self._poster.start()

    def _post_loop(self) -> None:
        assert self.endpoint is not None
        while (body := self._queue.get()) is not None:
            request = urllib.request.Request(
                self.endpoint,
                data=body,
                headers={"Content-Type": "application/json"},
                method="POST",
            )
            try:
                with urllib.request.urlopen(request, timeout=self.timeout_s) as response:
                    response.read()
            except OSError as err:  # URLError, HTTPError, timeouts
                self.export_failures += 1
                log.warning("OTLP export to %s failed: %s", self.endpoint, err)

    def close(self) -> None:
        self.flush()
        if self._poster is not None:
            self._queue.put(None)
            self._poster.join(timeout=self.timeout_s * (self._queue.qsize() + 1))
            self._poster = None

    def __repr__(self) -> str:
        return f"OtlpJsonSink(path={self.path!r}, endpoint={self.endpoint!r})"
