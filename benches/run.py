"""Run the benchmarks and write benches/results/latest.json and latest.md.

    python benches/run.py                 # everything
    python benches/run.py -k trace        # a subset (any pytest arguments)

Each benchmark file compares Plasma against a reference implementation in the same run; the markdown
table gives each Plasma row its time per operation and its speed-up over the reference of its group
(> 1 means Plasma is faster), with the agreement checks and goals the benchmark recorded.

The run prints one line per benchmark as it ends (its time per operation) and, at the end, each
group's speed-ups and the files written; failures and warnings as pytest reports them. A subset
(any pytest arguments) writes ``subset.json`` / ``subset.md`` instead, so that it never replaces the
results of a whole run.
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import time
from collections.abc import Generator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
BENCHES = ROOT / "benches"
RESULTS = BENCHES / "results"


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


def _per_op(bench: dict[str, Any]) -> float:
    return float(bench["stats"]["median"]) / bench["extra_info"].get("ops_per_call", 1)


def speedups(data: dict[str, Any]) -> list[str]:
    """One line per group: each Plasma row's speed-up over the group's reference."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for bench in data["benchmarks"]:
        groups.setdefault(bench.get("group") or bench["name"], []).append(bench)
    lines = []
    for group, benches in groups.items():
        ref = next((b for b in benches if b["extra_info"].get("role") == "reference"), None)
        rows = [
            f"{b['name']} {_format_seconds(_per_op(b))}"
            + (f" ({_per_op(ref) / _per_op(b):.2f}x)" if ref is not None else "")
            for b in benches
            if b is not ref
        ]
        against = f" vs reference {_format_seconds(_per_op(ref))}" if ref is not None else ""
        lines.append(f"{group}{against}: " + ", ".join(rows))
    return lines


class Progress:
    """A pytest plugin: one line per benchmark as it ends, instead of pytest's dots and
    pytest-benchmark's tables."""

    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        self.total = 0
        self.done = 0

    def _line(self, text: str) -> None:
        # Looked up when used: the terminal reporter registers after this plugin.
        reporter = self.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.write_line(text)

    @pytest.hookimpl
    def pytest_collection_finish(self, session: pytest.Session) -> None:
        self.total = len(session.items)
        self._line(f"{self.total} benchmarks")

    @pytest.hookimpl
    def pytest_report_teststatus(self, report: pytest.TestReport) -> tuple[str, str, str] | None:
        # No dots: the line below is the progress.
        if report.passed and report.when in ("setup", "call", "teardown"):
            return "passed" if report.when == "call" else "", "", ""
        return None

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_makereport(
        self, item: pytest.Item, call: pytest.CallInfo[None]
    ) -> Generator[None, pytest.TestReport, pytest.TestReport]:
        report = yield
        if call.when == "call":
            self.done += 1
            fixture = getattr(item, "funcargs", {}).get("benchmark")
            stats = getattr(getattr(fixture, "stats", None), "stats", None)
            if report.passed and stats is not None:
                info = fixture.extra_info  # type: ignore[union-attr]
                per_op = stats.median / info.get("ops_per_call", 1)
                what = (
                    f"{_format_seconds(per_op)} per op ({info.get('role', '?')}, "
                    f"{stats.rounds} rounds, {call.duration:.1f} s)"
                )
            else:
                what = report.outcome.upper()
            width = len(str(self.total))
            self._line(f"[{self.done:>{width}}/{self.total}] {item.nodeid}: {what}")
        return report


def pytest_configure(config: pytest.Config) -> None:
    """Loaded by ``-p benches.run`` in the run's pytest process."""
    config.pluginmanager.register(Progress(config), "plasma-bench-progress")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog="Other arguments go to pytest.",
        allow_abbrev=False,  # --bench... stays pytest-benchmark's
    )
    parser.add_argument("--benches", type=Path, default=BENCHES, help=argparse.SUPPRESS)
    parser.add_argument("--results", type=Path, default=RESULTS, help=argparse.SUPPRESS)
    args, pytest_args = parser.parse_known_args(argv)
    results: Path = args.results
    results.mkdir(parents=True, exist_ok=True)
    stem = "subset" if pytest_args else "latest"
    json_path = results / f"{stem}.json"
    json_path.unlink(missing_ok=True)
    command = [
        sys.executable,
        "-m",
        "pytest",
        str(args.benches),
        "--rootdir",
        str(ROOT),
        "-c",
        str(ROOT / "pyproject.toml"),
        # The project's addopts (-ra, slowest durations) are for the test suite.
        "-o",
        "addopts=--strict-markers",
        "-o",
        "python_files=bench_*.py",
        "-p",
        "no:cacheprovider",
        "-p",
        "benches.run",
        "-q",
        "--no-header",
        "-rfE",
        "--tb=short",
        "--benchmark-quiet",
        f"--benchmark-json={json_path}",
        *pytest_args,
    ]
    start = time.monotonic()
    print("collecting the benchmarks (their modules load torch and Ray) ...", flush=True)
    status = subprocess.call(command, cwd=ROOT)
    if status != 0 or not json_path.exists():
        return status or 1
    data = json.loads(json_path.read_text())
    data.setdefault("machine_info", {}).setdefault("platform", platform.platform())
    md_path = results / f"{stem}.md"
    md_path.write_text(to_markdown(data) + "\n")
    print()
    for line in speedups(data):
        print(line)
    print(
        f"{len(data['benchmarks'])} benchmarks in {time.monotonic() - start:.0f} s: wrote "
        f"{json_path} and {md_path.name}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
