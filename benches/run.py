"""Run the benchmarks and write benches/results/latest.json and latest.md.

    python benches/run.py                 # everything
    python benches/run.py -k trace        # a subset (any pytest arguments)

Each benchmark file compares Plasma against a reference implementation in the same run; the markdown
table gives each Plasma row its time per operation and its speed-up over the reference of its group
(> 1 means Plasma is faster), with the agreement checks and goals the benchmark recorded.
"""

from __future__ import annotations

import json
import platform
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benches" / "results"


def _format_seconds(seconds: float) -> str:
    for unit, scale in (("s", 1.0), ("ms", 1e-3), ("µs", 1e-6)):
        if seconds >= scale:
            return f"{seconds / scale:.3g} {unit}"
    return f"{seconds / 1e-9:.3g} ns"


def to_markdown(data: dict[str, Any]) -> str:
    """A markdown report of a pytest-benchmark JSON file."""
    machine = data.get("machine_info", {})
    lines = [
        "# Plasma benchmarks",
        "",
        f"- date: {data.get('datetime', '?')}",
        f"- machine: {machine.get('cpu', {}).get('brand_raw', machine.get('processor', '?'))}, "
        f"{machine.get('cpu', {}).get('count', '?')} logical CPUs, "
        f"Python {machine.get('python_version', '?')}",
        "",
    ]
    groups: dict[str, list[dict[str, Any]]] = {}
    for bench in data["benchmarks"]:
        groups.setdefault(bench.get("group") or bench["name"], []).append(bench)
    for group, benches in groups.items():
        reference = next((b for b in benches if b["extra_info"].get("role") == "reference"), None)
        ref_op = (
            reference["stats"]["median"] / reference["extra_info"].get("ops_per_call", 1)
            if reference
            else None
        )
        lines += [
            f"## {group}",
            "",
            "| benchmark | role | median per op | speed-up vs reference | notes |",
        ]
        lines.append("|---|---|---|---|---|")
        for bench in benches:
            info = dict(bench["extra_info"])
            role = info.pop("role", "?")
            per_op = bench["stats"]["median"] / info.pop("ops_per_call", 1)
            ratio = f"{ref_op / per_op:.2f}x" if ref_op and role != "reference" else "-"
            notes = ", ".join(f"{k}: {v}" for k, v in info.items())
            lines.append(
                f"| {bench['name']} | {role} | {_format_seconds(per_op)} | {ratio} | {notes} |"
            )
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    RESULTS.mkdir(parents=True, exist_ok=True)
    json_path = RESULTS / "latest.json"
    command = [
        sys.executable,
        "-m",
        "pytest",
        str(ROOT / "benches"),
        "-o",
        "python_files=bench_*.py",
        "-p",
        "no:cacheprovider",
        "-q",
        f"--benchmark-json={json_path}",
        "--benchmark-columns=median,iqr,rounds",
        *argv,
    ]
    status = subprocess.call(command, cwd=ROOT)
    if status != 0 or not json_path.exists():
        return status or 1
    data = json.loads(json_path.read_text())
    data.setdefault("machine_info", {}).setdefault("platform", platform.platform())
    markdown = to_markdown(data)
    (RESULTS / "latest.md").write_text(markdown + "\n")
    print(markdown)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
