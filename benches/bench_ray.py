"""Ray backend benchmark: phantom-path throughput and per-call overhead, against the local backend.

    python benches/bench_ray.py                 # everything (a few minutes on 2 cores)
    python benches/bench_ray.py --repeats 3     # fewer timed calls per row

In one run, on one machine, with the same default-size ensemble (5 members, 3 hidden layers of
200, SiLU; Pendulum's sizes; random weights, since speed does not depend on them):

- **planner**: planner-mode rollouts (the simulator's default: CEM, population 100, horizon 15,
  3 iterations) of 64 paths x 10 steps;
- **actions**: a given-actions rollout of 1000 paths x 100 steps (model evaluation only);
- **audit**: the auditor's per-path work on those 1000 x 100 paths (numeric scan and 64 real-env
  replays; limits, sample and verdicts stay local);
- **overhead**: a 2-path, 1-step rollout, and an empty round trip to a worker;
- **unreachable**: how long ``Simulator.start()`` takes to refuse a cluster address nothing listens
  on (``connect_timeout_s`` 2; goal: within ``UNREACHABLE_GOAL_S``).

Each workload runs on the local backend (the Rust core on all cores of this process) and on a
local Ray instance Plasma starts, with 1 worker and 2 workers of 1 CPU each (one Rust thread
each), and with 1 worker of 2 CPUs (two threads: the same compute as local, so the difference is
Ray's overhead). Every Ray result is checked to equal the local one (digest of all arrays, or the
report). Throughput is imagined transitions (paths x steps) per second of the median call. The
first call of a backend also ships the model to the workers; it is timed separately.

Writes benches/results/ray.json and ray.md. Not a pytest-benchmark file: nothing in it is
collected as a test (Ray is optional).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import socket
import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import torch

from plasma import _core
from plasma.auditor import Auditor, AuditorConfig
from plasma.distributed import RayConfig
from plasma.distributed.ray_backend import RayBackend, import_ray, measure_overhead
from plasma.envs import collect
from plasma.errors import ClusterConnectionError
from plasma.simulator import (
    GeneratorConfig,
    PathsMeta,
    PhantomPathGenerator,
    PhantomPaths,
    Simulator,
    WorldModel,
    WorldModelConfig,
)
from plasma.simulator.sharded import ModelHandle, generate_sharded

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benches" / "results"
MEMBERS, HIDDEN = 5, [200, 200, 200]
PLANNER_PATHS, PLANNER_STEPS = 64, 10
ACTION_PATHS, ACTION_STEPS = 1000, 100
CONNECT_TIMEOUT_S, UNREACHABLE_GOAL_S = 2.0, 10.0


def random_model(seed: int = 0) -> WorldModel:
    """A default-size ensemble with random weights and unit normalisers (speed only)."""
    model = WorldModel(3, 1, WorldModelConfig(members=MEMBERS, hidden=HIDDEN, seed=seed))
    model.fitted = True
    with torch.no_grad():  # small, finite outputs that keep rollouts bounded
        model.net.weights[-1].mul_(0.01)
    return model


def timed(fn: Callable[[], Any], repeats: int) -> tuple[list[float], Any]:
    times, out = [], None
    for _ in range(repeats):
        began = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - began)
    return times, out


def row(
    workload: str,
    backend: str,
    times: list[float],
    transitions: int,
    *,
    workers: int | None = None,
    threads: int | None = None,
    first_s: float | None = None,
    identical: bool | None = None,
) -> dict[str, Any]:
    median = statistics.median(times)
    return {
        "workload": workload,
        "backend": backend,
        "workers": workers,
        "threads_per_worker": threads,
        "median_s": median,
        "min_s": min(times),
        "max_s": max(times),
        "repeats": len(times),
        "first_call_s": first_s,
        "transitions_per_s": transitions / median if transitions else None,
        "identical_to_local": identical,
    }


class Workloads:
    """The inputs and local results every backend is compared with."""

    def __init__(self, repeats: int) -> None:
        self.repeats = repeats
        self.model = random_model()
        self.generator = PhantomPathGenerator(
            self.model.to_core(),
            action_low=np.array([-2.0], np.float32),
            action_high=np.array([2.0], np.float32),
            config=GeneratorConfig(),  # planner mode, default planner
            meta=PathsMeta(
                env_id="Pendulum-v1", state_names=["cos_theta", "sin_theta", "theta_dot"]
            ),
        )
        rng = np.random.default_rng(1)
        self.planner_starts = rng.uniform(-1, 1, (PLANNER_PATHS, 3)).astype(np.float32)
        self.action_starts = rng.uniform(-1, 1, (ACTION_PATHS, 3)).astype(np.float32)
        self.actions = rng.uniform(-2, 2, (ACTION_PATHS, ACTION_STEPS, 1)).astype(np.float32)
        self.tiny_starts = self.action_starts[:2]
        self.tiny_actions = self.actions[:2, :1]
        self.real = collect("Pendulum-v1", 2000, seed=0)
        self.reference: dict[str, Any] = {}

    # ------------------------------------------------------------------ the three rollouts
    def calls(self, run: Callable[..., PhantomPaths]) -> dict[str, Callable[[], PhantomPaths]]:
        return {
            "planner": lambda: run(self.planner_starts, PLANNER_STEPS, seed=3),
            "actions": lambda: run(self.action_starts, ACTION_STEPS, seed=3, actions=self.actions),
            "overhead": lambda: run(self.tiny_starts, 1, seed=3, actions=self.tiny_actions),
        }

    def repeats_of(self, workload: str) -> int:
        return {"planner": max(2, self.repeats // 2), "overhead": 10 * self.repeats}.get(
            workload, self.repeats
        )

    def audit_paths(self) -> PhantomPaths:
        paths = self.reference["actions"]
        return paths.select(slice(None))  # a copy: an audit records its verdict on the paths

    def auditor_config(self, backend: str, ray: RayConfig | None = None) -> AuditorConfig:
        return AuditorConfig(
            env_id="Pendulum-v1",
            review={"max_replays": 64, "red_team": False},
            backend=backend,  # type: ignore[arg-type]
            ray=ray or RayConfig(),
        )

    def audit(self, auditor: Auditor) -> Any:
        async def go() -> Any:
            return await auditor.audit_paths(self.audit_paths())

        return asyncio.run(go())


def run_local(w: Workloads) -> list[dict[str, Any]]:
    rows = []
    transitions = {
        "planner": PLANNER_PATHS * PLANNER_STEPS,
        "actions": ACTION_PATHS * ACTION_STEPS,
        "overhead": 2,
    }
    for name, call in w.calls(w.generator.generate).items():
        first, _ = timed(call, 1)
        times, out = timed(call, w.repeats_of(name))
        w.reference[name] = out
        rows.append(row(name, "local", times, transitions[name], first_s=first[0]))
        print(f"local {name}: {statistics.median(times):.4f} s", flush=True)

    auditor = Auditor(w.auditor_config("local"))
    asyncio.run(auditor.start())
    asyncio.run(auditor.calibrate(w.real))
    times, report = timed(lambda: w.audit(auditor), w.repeats)
    asyncio.run(auditor.stop())
    w.reference["audit"] = report
    rows.append(row("audit", "local", times, ACTION_PATHS * ACTION_STEPS))
    return rows


def run_ray(w: Workloads, workers: int, cpus: int) -> list[dict[str, Any]]:
    """One Ray session (Plasma starts a local instance with 2 CPUs and stops it at the end)."""
    config = RayConfig(num_cpus=2, workers=workers, cpus_per_worker=cpus)
    began = time.perf_counter()
    backend = RayBackend.acquire(config)
    start_s = time.perf_counter() - began
    rows: list[dict[str, Any]] = []
    try:
        handle = ModelHandle.put(backend, w.model, w.generator)

        def run(starts: np.ndarray, horizon: int, **kwargs: Any) -> PhantomPaths:
            return generate_sharded(backend, w.generator, handle, starts, horizon, **kwargs)[0]

        transitions = {
            "planner": PLANNER_PATHS * PLANNER_STEPS,
            "actions": ACTION_PATHS * ACTION_STEPS,
            "overhead": 2,
        }
        for name, call in w.calls(run).items():
            first, _ = timed(call, 1)  # the first call ships the model
            times, out = timed(call, w.repeats_of(name))
            same = out.digest() == w.reference[name].digest() and out.meta == w.reference[name].meta
            rows.append(
                row(
                    name,
                    "ray",
                    times,
                    transitions[name],
                    workers=workers,
                    threads=cpus,
                    first_s=first[0],
                    identical=same,
                )
            )
            print(
                f"ray {workers}x{cpus} {name}: {statistics.median(times):.4f} s {same}", flush=True
            )

        auditor = Auditor(w.auditor_config("ray", config))
        asyncio.run(auditor.start())
        asyncio.run(auditor.calibrate(w.real))
        times, report = timed(lambda: w.audit(auditor), w.repeats)
        asyncio.run(auditor.stop())
        ref = w.reference["audit"]
        same = report.model_dump(exclude={"duration_s"}) == ref.model_dump(exclude={"duration_s"})
        rows.append(
            row(
                "audit",
                "ray",
                times,
                ACTION_PATHS * ACTION_STEPS,
                workers=workers,
                threads=cpus,
                identical=same,
            )
        )
        echo = measure_overhead(backend, calls=10 * w.repeats)
        rows.append(
            row("round_trip", "ray", [echo], 0, workers=1, threads=cpus, identical=None)
            | {"ray_start_s": start_s}
        )
    finally:
        backend.release()
    return rows


def run_unreachable(repeats: int) -> dict[str, Any]:
    """Seconds until ``Simulator.start()`` refuses a Ray address that nothing listens on."""
    times = []
    for _ in range(repeats):
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        ray = {"address": f"127.0.0.1:{port}", "connect_timeout_s": CONNECT_TIMEOUT_S}
        sim = Simulator({"backend": "ray", "ray": ray})
        began = time.perf_counter()
        try:
            asyncio.run(sim.start())
        except ClusterConnectionError:
            times.append(time.perf_counter() - began)
        else:
            raise RuntimeError(f"Simulator.start() connected to {ray['address']}")
    return row("unreachable", "ray", times, 0) | {
        "goal": f"<= {UNREACHABLE_GOAL_S:g} s (connect_timeout_s {CONNECT_TIMEOUT_S:g})",
        "within_goal": max(times) <= UNREACHABLE_GOAL_S,
    }


def to_markdown(data: dict[str, Any]) -> str:
    lines = [
        "# Ray backend benchmark",
        "",
        f"{data['date']} · {data['machine']} · plasma._core {data['build']} build · "
        f"Ray {data['ray_version']} · median of repeated calls",
        "",
        "| workload | backend | workers x threads | median per call | first call | "
        "transitions/s | vs local | identical |",
        "|---|---|---|---|---|---|---|---|",
    ]
    local = {r["workload"]: r for r in data["rows"] if r["backend"] == "local"}
    for r in data["rows"]:
        base = local.get(r["workload"])
        ratio = (
            f"{base['median_s'] / r['median_s']:.2f}x"
            if base and r["backend"] == "ray" and r["median_s"] > 0
            else "-"
        )
        shape = "-" if r["workers"] is None else f"{r['workers']} x {r['threads_per_worker']}"
        tps = f"{r['transitions_per_s']:,.0f}" if r["transitions_per_s"] else "-"
        first = f"{r['first_call_s'] * 1e3:.1f} ms" if r["first_call_s"] is not None else "-"
        same = {True: "yes", False: "NO", None: "-"}[r["identical_to_local"]]
        lines.append(
            f"| {r['workload']} | {r['backend']} | {shape} | {r['median_s'] * 1e3:.2f} ms | "
            f"{first} | {tps} | {ratio} | {same} |"
        )
    for r in data["rows"]:
        if "goal" in r:
            met = "met" if r["within_goal"] else "NOT met"
            lines += ["", f"{r['workload']}: slowest {r['max_s']:.3f} s, goal {r['goal']}: {met}"]
    lines += ["", data.get("notes", "")]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=5, help="Timed calls per row (default 5).")
    parser.add_argument("--notes", default="", help="A note added to the markdown report.")
    args = parser.parse_args(argv)
    ray = import_ray()
    # First: an in-process connection to a cluster cannot follow a local instance (ray#54841).
    rows = [run_unreachable(args.repeats)]
    w = Workloads(args.repeats)
    rows += run_local(w)
    for workers, cpus in ((1, 1), (2, 1), (1, 2)):
        rows += run_ray(w, workers, cpus)
    data = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.system()}",
        "build": _core.build_profile,
        "ray_version": ray.__version__,
        "rows": rows,
        "notes": args.notes,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "ray.json").write_text(json.dumps(data, indent=2) + "\n")
    markdown = to_markdown(data)
    (RESULTS / "ray.md").write_text(markdown + "\n")
    print(markdown)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
