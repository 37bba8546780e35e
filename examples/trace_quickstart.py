"""Record a small traced job to runs/quickstart/trace.jsonl and print it as a tree.

Run: python examples/trace_quickstart.py
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from rich.console import Console

from plasma import StateTracker
from plasma.trace import read_traces
from plasma.trace.cli import render_trace


async def stage(tracker: StateTracker, trace_id: str, name: str, seconds: float) -> float:
    async with await tracker.create_span(trace_id, name) as span:
        await asyncio.sleep(seconds)
        span.update_state({"seconds": seconds})
    return seconds


async def main(path: Path) -> None:
    async with StateTracker({"jsonl_path": path}) as tracker:
        trace_id = tracker.create_trace(metadata={"type": "training", "example": "quickstart"})
        async with await tracker.create_span(trace_id, "iteration") as outer:
            waited = await asyncio.gather(
                stage(tracker, trace_id, "simulate", 0.02),
                stage(tracker, trace_id, "audit", 0.01),
            )
            outer.update_state({"stages": len(waited)})
        await tracker.complete_trace(trace_id)
    for trace in read_traces(path):
        Console().print(render_trace(trace, show_state=True))


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("runs/quickstart/trace.jsonl")
    target.unlink(missing_ok=True)
    asyncio.run(main(target))
