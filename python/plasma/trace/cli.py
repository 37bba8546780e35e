"""``python -m plasma.trace show FILE``: print a JSONL trace file as trees of spans."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from rich.console import Console
from rich.markup import escape
from rich.tree import Tree

from plasma._cli import run_command
from plasma.errors import TraceFileError
from plasma.trace.models import SpanMetadata, StatusCode, TraceState
from plasma.trace.reader import read_traces

__all__ = ["main", "render_trace"]

_STATUS_STYLE = {StatusCode.OK: "green", StatusCode.ERROR: "bold red", StatusCode.UNSET: "yellow"}


def _duration(span: SpanMetadata) -> str:
    ns = span.duration_ns
    if ns is None:
        return "in flight"
    if ns < 1_000_000:
        return f"{ns / 1_000:.1f} µs"
    if ns < 1_000_000_000:
        return f"{ns / 1_000_000:.1f} ms"
    return f"{ns / 1_000_000_000:.2f} s"


def _label(span: SpanMetadata, show_state: bool) -> str:
    style = _STATUS_STYLE[span.status.code]
    text = f"[bold]{escape(span.name)}[/]  {_duration(span)}  [{style}]{span.status.code.value}[/]"
    if span.status.message:
        text += f" [red]{escape(span.status.message)}[/]"
    if show_state and span.state:
        text += f"  [dim]{escape(json.dumps(span.state, default=str))}[/]"
    return text


def render_trace(trace: TraceState, *, show_state: bool = False) -> Tree:
    """A rich tree of one trace: spans nested under their parents, in start order."""
    meta = f"  {escape(json.dumps(trace.metadata))}" if trace.metadata else ""
    root = Tree(
        f"[bold cyan]trace {trace.trace_id}[/]  {trace.status.value}  "
        f"{len(trace.spans)} span(s){meta}"
    )
    ids = {s.span_id for s in trace.spans}
    by_parent: dict[str | None, list[SpanMetadata]] = {}
    for span in sorted(trace.spans, key=lambda s: s.sequence):
        parent = span.parent_span_id if span.parent_span_id in ids else None
        by_parent.setdefault(parent, []).append(span)

    def add(node: Tree, parent: str | None) -> None:
        for span in by_parent.get(parent, []):
            add(node.add(_label(span, show_state)), span.span_id)

    add(root, None)
    return root


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; returns the exit status (0 shown, 2 bad input: the error names it; a
    stop by a signal or a closed stdout as :mod:`plasma._cli` says)."""
    return run_command("python -m plasma.trace", lambda: _main(argv))


def _main(argv: Sequence[str] | None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m plasma.trace", description="Inspect Plasma trace files."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    show = commands.add_parser("show", help="print a JSONL trace file as trees of spans")
    show.add_argument(
        "file", help="a JSONL file written by JsonlSink / StateTracker(jsonl_path=...)"
    )
    show.add_argument("--trace", help="only the trace with this id (or id prefix)")
    show.add_argument("--state", action="store_true", help="also print each span's state")
    args = parser.parse_args(argv)

    console = Console()
    try:
        traces = read_traces(args.file)
        if args.trace:
            traces = [t for t in traces if t.trace_id.startswith(args.trace)]
            if not traces:
                raise TraceFileError(f"no trace with id {args.trace} in {args.file}")
    except (FileNotFoundError, TraceFileError) as err:
        print(f"python -m plasma.trace: error: {' '.join(str(err).split())}", file=sys.stderr)
        return 2
    for trace in traces:
        console.print(render_trace(trace, show_state=args.state))
    return 0
