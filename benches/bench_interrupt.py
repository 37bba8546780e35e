"""Ctrl-C latency of plasma-train: how long a run takes to exit after SIGINT arrives mid-stage.

    python benches/bench_interrupt.py                   # 3 repeats each for fit and distill
    python benches/bench_interrupt.py --repeats 1 --stages fit

Each repeat starts ``plasma-train`` with its default settings (Pendulum-v1) and
``PLASMA_FAULT=STAGE:0:interrupt``: the process sends itself SIGINT as that stage of the first
iteration starts, so the stage's worker thread is busy when the interrupt is handled. The latency
is the time from that moment (the fault's line on stderr) to the process's exit. The reference,
in the same run, is the duration of that same stage in an uninterrupted one-iteration run
(``STAGE_seconds`` of its metrics): a CLI that waits for the stage's thread before exiting, as
``asyncio.run`` does, takes about that long.

Writes benches/results/interrupt.json and interrupt.md. Not a pytest-benchmark file.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benches" / "results"
TRAIN = str(ROOT / "scripts" / "train.py")


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PLASMA_")}
    env.update(extra)
    return env


def interrupt_latency(cwd: Path, name: str, stage: str) -> dict[str, Any]:
    """Seconds from the SIGINT (sent as ``stage`` of the first iteration starts) to the exit, and
    the exit status."""
    proc = subprocess.Popen(
        [sys.executable, TRAIN, "--quiet", "--name", name],
        cwd=cwd,
        env=_env(PLASMA_FAULT=f"{stage}:0:interrupt"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stderr is not None
    sent: float | None = None
    for line in proc.stderr:
        if line.startswith(f"plasma-fault: interrupt at {stage}:0"):
            sent = time.monotonic()
            break
    proc.stderr.read()
    status = proc.wait()
    ended = time.monotonic()
    if sent is None:
        raise RuntimeError(f"the fault never fired (exit status {status})")
    return {"latency_s": ended - sent, "exit_status": status}


def stage_seconds(cwd: Path, name: str, stage: str) -> float:
    """Duration of ``stage`` in an uninterrupted one-iteration run (the reference)."""
    args = ["--quiet", "--iterations", "1", "--real-steps", "300", "--name", name]
    subprocess.run(
        [sys.executable, TRAIN, *args],
        cwd=cwd,
        env=_env(),
        check=True,
        capture_output=True,
    )
    row = json.loads((cwd / "runs" / name / "metrics.jsonl").read_text().splitlines()[0])
    return float(row[f"{stage}_seconds"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument(
        "--stages", nargs="+", default=["fit", "distill"], choices=["fit", "distill"]
    )
    args = parser.parse_args()
    rows: dict[str, Any] = {}
    statuses: list[int] = []
    with tempfile.TemporaryDirectory(prefix="plasma-bench-interrupt-") as scratch:
        cwd = Path(scratch)
        for stage in args.stages:
            latencies, references = [], []
            for k in range(args.repeats):
                result = interrupt_latency(cwd, f"{stage}-interrupted-{k}", stage)
                latencies.append(result["latency_s"])
                statuses.append(result["exit_status"])
                references.append(stage_seconds(cwd, f"{stage}-reference-{k}", stage))
            latency, reference = statistics.median(latencies), statistics.median(references)
            rows[stage] = {
                "latency_s": latencies,
                "reference_s": references,
                "median_latency_s": latency,
                "median_reference_s": reference,
                "latency_over_reference": latency / reference,
            }
    out = {
        "date": datetime.now(UTC).isoformat(),
        "machine": f"{platform.processor() or platform.machine()}, {os.cpu_count()} CPUs",
        "repeats": args.repeats,
        "exit_status": statuses,
        "stages": rows,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "interrupt.json").write_text(json.dumps(out, indent=2) + "\n")
    lines = [
        "# Ctrl-C latency of plasma-train",
        "",
        f"- date: {out['date']}; machine: {out['machine']}; repeats: {args.repeats}; "
        f"exit statuses: {sorted(set(statuses))}",
        "",
        "| SIGINT as this stage starts | exit after (median) | the stage's duration "
        "(reference, median) | ratio | all latencies (s) |",
        "|---|---|---|---|---|",
    ]
    for stage, row in rows.items():
        lines.append(
            f"| {stage} (iteration 0) | {row['median_latency_s']:.2f} s | "
            f"{row['median_reference_s']:.2f} s | {row['latency_over_reference']:.3f} | "
            f"{', '.join(f'{x:.2f}' for x in row['latency_s'])} |"
        )
    lines.append("")
    (RESULTS / "interrupt.md").write_text("\n".join(lines))
    print("\n".join(lines))
    return 0 if all(s == 130 for s in statuses) else 1


if __name__ == "__main__":
    sys.exit(main())
