"""Rescore ``judge.json`` beside this file with gated judges (see README.md here).

python benches/results/judge_counted/gate_rules.py
"""

import collections
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

Record = dict[str, Any]
RECORDS: list[Record] = json.loads((Path(__file__).parent / "judge.json").read_text())["decisions"]
ENVS = [
    "all", "all-but-hopper", "Hopper-v5", "Acrobot-v1", "MountainCar-v0", "CartPole-v1",
    "Pendulum-v1", "InvertedPendulum-v5", "InvertedDoublePendulum-v5", "Reacher-v5",
]  # fmt: skip


def clear(r: Record) -> bool:
    scale = (abs(r["real_new"]) + abs(r["real_old"])) / 2
    return abs(r["real_diff"]) > max(0.02 * scale, 1e-9)


def score(call: Callable[[Record], bool]) -> dict[str, list[float]]:
    """Per env: [clear calls right, clear calls, points lost over every call]."""
    out: dict[str, list[float]] = collections.defaultdict(lambda: [0, 0, 0.0])
    for r in RECORDS:
        kept_new = call(r)
        keys = [r["env"], "all"] + (["all-but-hopper"] if r["env"] != "Hopper-v5" else [])
        for k in keys:
            if clear(r):
                out[k][1] += 1
                out[k][0] += kept_new == (r["real_diff"] > 0)
            out[k][2] += max(0, -r["real_diff"]) if kept_new else max(0, r["real_diff"])
    return out


def real_pair(r: Record) -> tuple[float, float, float]:
    """The paired real returns of ``counted_1_full`` and their scale."""
    detail = r["detail"]["counted_1_full"]
    new, old = float(np.mean(detail["new"])), float(np.mean(detail["old"]))
    return new, old, (abs(new) + abs(old)) / 2 + 1e-9


def imagined(r: Record) -> bool:
    return bool(r["imagined_50_new"] >= r["imagined_50_old"])


def gate(t: float) -> Callable[[Record], bool]:
    """Real decides where the paired real difference exceeds ``t`` of the returns."""

    def call(r: Record) -> bool:
        new, old, scale = real_pair(r)
        return new > old if abs(new - old) > t * scale else imagined(r)

    return call


def gate_model(t: float) -> Callable[[Record], bool]:
    """Real decides where either policy's imagined return misses its real one by ``t``."""

    def call(r: Record) -> bool:
        new, old, scale = real_pair(r)
        miss = max(abs(r["imagined_50_new"] - new), abs(r["imagined_50_old"] - old))
        return new > old if miss > t * scale and new != old else imagined(r)

    return call


def main() -> None:
    rows: list[tuple[str, Callable[[Record], bool]]] = [
        ("imagined", imagined),
        ("real_5", lambda r: bool(r["calls"]["real_5"])),
        ("c1", lambda r: bool(r["calls"]["counted_1_full"])),
    ]
    rows += [(f"gate{t}", gate(t)) for t in (0.1, 0.2, 0.3, 0.5, 1.0)]
    rows += [(f"model{t}", gate_model(t)) for t in (0.2, 0.3, 0.5, 1.0)]
    print("judge".ljust(12), " ".join(e[:10].rjust(14) for e in ENVS))
    for name, call in rows:
        s = score(call)
        cells = (f"{s[e][0]}/{s[e][1]},{s[e][2]:.0f}".rjust(14) for e in ENVS)
        print(name.ljust(12), " ".join(cells))


if __name__ == "__main__":
    main()
