"""CPU time of the whole audit (reading, rule stage, semantic stage) of one 1,000-step
trajectory file, after start-up, side by side with another checkout's code.

    python -m benches.bench_audit_cpu                       # this checkout
    python -m benches.bench_audit_cpu --against /work/main/python --rounds 2

The file is the first 1,000 lines of the dev part's files in name order, relabelled as one
trajectory (``long``). Each measurement runs in a fresh process: one warm-up audit (imports,
compiled expressions), then ``--reps`` audits with the caches cleared, timed by the process's
CPU clock (what the audit costs, not what a loaded machine lets it have) and by the wall clock.
With ``--against``, the two code trees alternate ``--rounds`` times. Prints JSON rows (best and
median seconds) and the load average; it asserts nothing about speed.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "tests" / "data" / "agent_corpus" / "dev"

_CHILD = """
import json, sys, time
from plasma.auditor import AdversarialChecker, CompiledRules, default_rule_pack
from plasma.auditor.agent import review
from plasma.auditor.trajectories import read_trajectories
try:
    from plasma.auditor.agent.stage import clear_caches
except ImportError:
    clear_caches = lambda: None
path, reps = sys.argv[1], int(sys.argv[2])
rules = CompiledRules([default_rule_pack()])
checker = AdversarialChecker(rules=rules)
batch = read_trajectories(path)
review(batch, checker.check_trajectories(batch), rules)  # warm-up
cpu, wall = [], []
for _ in range(reps):
    clear_caches()
    c0, t0 = time.process_time(), time.perf_counter()
    batch = read_trajectories(path)
    review(batch, checker.check_trajectories(batch), rules)
    cpu.append(time.process_time() - c0)
    wall.append(time.perf_counter() - t0)
print(json.dumps({"cpu": cpu, "wall": wall}))
"""


def thousand_steps(out: Path) -> Path:
    """The 1,000-step file: the first 1,000 lines of the dev part's files in name order."""
    lines: list[str] = []
    for f in sorted(DEV.glob("*.jsonl")):
        for raw in f.read_text(encoding="utf-8").splitlines():
            if len(lines) >= 1000:
                break
            if raw.strip():
                row = json.loads(raw)
                if isinstance(row, dict):
                    row = {**row, "trajectory_id": "long", "step": len(lines)}
                lines.append(json.dumps(row))
        if len(lines) >= 1000:
            break
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


def measure(python_dir: str, path: Path, reps: int) -> dict[str, float]:
    """Best and median CPU and wall seconds of ``reps`` audits under ``python_dir``'s code."""
    env = {**os.environ, "PYTHONPATH": python_dir, "OMP_NUM_THREADS": "1"}
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(path), str(reps)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    got = json.loads(done.stdout.strip().splitlines()[-1])
    cpu, wall = sorted(got["cpu"]), sorted(got["wall"])
    return {
        "cpu_best_s": round(cpu[0], 3),
        "cpu_median_s": round(cpu[len(cpu) // 2], 3),
        "wall_best_s": round(wall[0], 3),
        "wall_median_s": round(wall[len(wall) // 2], 3),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--against", help="another checkout's python/ directory")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--reps", type=int, default=5)
    args = parser.parse_args(argv)
    mine = str(ROOT / "python")
    with tempfile.TemporaryDirectory() as tmp:
        path = thousand_steps(Path(tmp) / "long.jsonl")
        rows = []
        for _ in range(args.rounds):
            for name, where in (("this", mine), ("against", args.against)):
                if where is None:
                    continue
                rows.append({"code": name, **measure(where, path, args.reps)})
        print(
            json.dumps(
                {
                    "file_bytes": path.stat().st_size,
                    "rows": rows,
                    "load_average": [round(x, 1) for x in os.getloadavg()],
                },
                indent=1,
            )
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
