"""Tables for this folder's README from ``judge.json``: each judge's agreeing clear calls and
points lost, pooled and per env; each member-aware judge against the imagined mean where their
calls differ (exact two-sided sign test over the clear ones); and, per env, how many members side
with the truth when the imagined mean is right or wrong.

    python benches/results/judge_members/members_table.py benches/results/judge_members/judge.json
"""

from __future__ import annotations

import json
import math
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import numpy as np

JUDGES = ("loop", "imagined_50_mean", "members_min", "members_lcb", "members_ucb", "agree")
MEAN = "imagined_50_mean"


def clear(d: dict[str, Any]) -> bool:
    """As the bench counts it: the real difference over 2% of the returns' mean magnitude."""
    scale = (abs(d["real_new"]) + abs(d["real_old"])) / 2
    return bool(abs(d["real_diff"]) > max(0.02 * scale, 1e-9))


def right(d: dict[str, Any], judge: str) -> bool:
    return bool(d["calls"][judge]) == bool(d["real_diff"] > 0)


def sign_test(wins: int, losses: int) -> float:
    """Exact two-sided binomial p-value of ``wins`` against ``losses`` at even odds."""
    n = wins + losses
    if n == 0:
        return 1.0
    tail = sum(math.comb(n, i) for i in range(min(wins, losses) + 1)) / 2**n
    return min(1.0, 2 * tail)


def main(path: str) -> None:
    report = json.loads(Path(path).read_text())
    pooled, decisions = report["pooled"], report["decisions"]
    judges = [j for j in (*JUDGES, "real_5") if j in pooled["all"]["judges"]]
    envs = ["all", *sorted({d["env"] for d in decisions})]
    print("judge".ljust(18) + "".join(e.split("-")[0][:12].rjust(14) for e in envs))
    for j in judges:
        cells = []
        for e in envs:
            v = pooled[e]["judges"][j]
            cells.append(f"{v['agree']}/{v['of']}, {v['points_lost']:.0f}")
        print(j.ljust(18) + "".join(c.rjust(14) for c in cells))
    print(
        "decisions (clear): "
        + ", ".join(f"{e} {pooled[e]['decisions']} ({pooled[e]['clear']})" for e in envs)
    )
    print("kept new: " + ", ".join(f"{j} {pooled['all']['judges'][j]['kept_new']}" for j in judges))
    print()
    for j in JUDGES[2:]:
        differ = [d for d in decisions if d["calls"][j] != d["calls"][MEAN]]
        gained = sum(d["real_diff"] if d["calls"][j] else -d["real_diff"] for d in differ)
        wins = sum(right(d, j) for d in differ if clear(d))
        losses = sum(not right(d, j) for d in differ if clear(d))
        print(
            f"{j} vs {MEAN}: differ on {len(differ)}; clear: {j} right {wins}, wrong {losses} "
            f"(sign test p = {sign_test(wins, losses):.2f}); real points {gained:+.0f}"
        )
    print()
    shares: dict[tuple[str, bool], list[float]] = defaultdict(list)
    for d in filter(clear, decisions):
        diffs = np.asarray(d["members_new"]) - np.asarray(d["members_old"])
        truth = d["real_diff"] > 0
        shares[(d["env"], right(d, MEAN))].append(float(np.mean((diffs > 0) == truth)))
    for (env, ok), v in sorted(shares.items()):
        print(
            f"{env}, mean {'right' if ok else 'wrong'}: {len(v)} clear calls, members siding with "
            f"the truth {np.mean(v):.2f} on average, none in {sum(x == 0 for x in v)}"
        )


if __name__ == "__main__":
    main(sys.argv[1])
