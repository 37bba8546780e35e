"""Shared helpers of the benchmarks (collected by `python benches/run.py`)."""

from __future__ import annotations

from typing import Any


def record(benchmark: Any, *, role: str, ops_per_call: int = 1, **info: Any) -> None:
    """Tag a benchmark for the report.

    role: "plasma" or "reference"; the report gives each plasma row its speed-up over the
    reference row of its group. ops_per_call: how many operations one timed call performs.
    Other keywords (agreement checks, goals) are copied into the report.
    """
    benchmark.extra_info.update(role=role, ops_per_call=ops_per_call, **info)


def per_second(benchmark: Any, ops: float, unit: float = 1e6) -> float:
    """``ops`` per second of the benchmark's median call, in ``unit``s (millions by default)."""
    return float(ops / benchmark.stats.stats.median / unit)
