"""A writer killed with SIGKILL loses nothing it had finished."""

from __future__ import annotations

import os
import signal
import subprocess
import textwrap
import warnings
from pathlib import Path

from plasma.trace import read_spans
from tests.conftest import PYTHON

WRITER = textwrap.dedent(
    """
    import asyncio, sys
    from plasma import StateTracker

    async def main(path):
        async with StateTracker({"jsonl_path": path}) as tracker:
            trace_id = tracker.create_trace()
            step = 0
            while True:
                async with tracker.span(trace_id, "step") as span:
                    span.update_state({"step": step, "payload": "x" * 2000})
                # The span is on disk now: tell the parent.
                print(step, flush=True)
                step += 1

    asyncio.run(main(sys.argv[1]))
    """
)


REPORTED_BEFORE_KILL = 200


def test_every_span_reported_written_survives_kill_9(tmp_path: Path) -> None:
    path, log = tmp_path / "trace.jsonl", tmp_path / "stderr.log"
    with log.open("w") as stderr:
        writer = subprocess.Popen(
            [PYTHON, "-c", WRITER, str(path)], stdout=subprocess.PIPE, stderr=stderr, text=True
        )
    assert writer.stdout is not None
    reported = []
    for line in writer.stdout:
        reported.append(int(line))
        if len(reported) == REPORTED_BEFORE_KILL:
            break
    # The writer was still writing when it was killed: it reported every span asked for, and
    # nothing else ended it before the kill.
    assert len(reported) == REPORTED_BEFORE_KILL, log.read_text()
    assert writer.poll() is None, log.read_text()
    os.kill(writer.pid, signal.SIGKILL)
    assert writer.wait(timeout=30) == -signal.SIGKILL
    reported.extend(int(line) for line in writer.stdout.read().split())
    writer.stdout.close()
    assert reported == list(range(len(reported)))

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a torn last line is allowed
        steps = [span.state["step"] for span in read_spans(path)]
    # Every span the writer reported is there, in order, and at most one more (in flight).
    assert steps[: len(reported)] == reported
    assert len(steps) - len(reported) <= 1
