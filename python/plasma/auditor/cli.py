"""``plasma-audit FILE``: audit a saved paths file (``.npz``) or a JSONL file of agent trajectories.

Prints a table of findings (``--json``: the whole report as JSON) and exits with status 0 when the
audit approves, 1 when it rejects (so it can gate CI), 2 when the input or options are bad (one
line naming the input), 3 when the audit itself could not run (a crash is never read as a
rejection).
Run it as ``plasma-audit`` once installed, or ``python -m plasma.auditor.cli``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import yaml
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from plasma._cli import run_command
from plasma._io import TEXT_ENCODING
from plasma.auditor.config import AuditorConfig, ReviewConfig
from plasma.auditor.findings import SEVERITY_RANK
from plasma.errors import InvalidArgumentError, PlasmaError

if TYPE_CHECKING:
    from plasma.auditor.report import AuditReport

__all__ = ["build_parser", "main", "render_report"]

EXIT_REJECTED = 1
EXIT_BAD_INPUT = 2
EXIT_NOT_RUN = 3

_STYLE = {"critical": "bold red", "high": "red", "medium": "yellow", "low": "cyan", "info": "dim"}


def _doc(model: type[Any], name: str) -> str:
    description = model.model_fields[name].description or ""
    return " ".join(description.split()).replace("%", "%%")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (help texts are the config fields' docstrings)."""
    parser = _Parser(
        prog="plasma-audit",
        description=(
            "Audit phantom paths (.npz written by PhantomPaths.save) or agent trajectories "
            "(JSONL, one step per line). Exit status: 0 approved, 1 rejected, 2 bad input, "
            "3 the audit could not run."
        ),
    )
    parser.add_argument("file", type=Path, help="paths file (.npz) or trajectory file (.jsonl)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument(
        "--config", type=Path, help="AuditorConfig as a JSON or YAML file (flags override it)"
    )
    parser.add_argument(
        "--rules",
        action="append",
        metavar="PACK",
        help=_doc(AuditorConfig, "rule_packs") + " Repeatable; replaces the default list.",
    )
    parser.add_argument("--env-id", help=_doc(AuditorConfig, "env_id"))
    parser.add_argument(
        "--reject-severity",
        choices=list(SEVERITY_RANK),
        help=_doc(AuditorConfig, "reject_severity"),
    )
    parser.add_argument(
        "--on-bad-line", choices=["raise", "skip"], help=_doc(AuditorConfig, "on_bad_line")
    )
    parser.add_argument(
        "--calibration-steps", type=int, help=_doc(AuditorConfig, "calibration_steps")
    )
    parser.add_argument(
        "--transitions",
        type=Path,
        help="real transitions (.npz written by Transitions.save) to calibrate on",
    )
    parser.add_argument(
        "--model", type=Path, help="world model (WorldModel.save) for the red-team probe"
    )
    parser.add_argument(
        "--truncate", action="store_true", default=None, help=_doc(ReviewConfig, "truncate")
    )
    parser.add_argument(
        "--no-replay", action="store_true", help="do not replay paths in the real environment"
    )
    parser.add_argument("--no-red-team", action="store_true", help="do not run the red-team probe")
    parser.add_argument("--num-threads", type=int, help=_doc(AuditorConfig, "num_threads"))
    parser.add_argument(
        "--max-findings", type=int, default=50, help="rows of the findings table (default 50)"
    )
    return parser


class _InputError(Exception):
    """Bad input or options: exit status 2."""


class _Parser(argparse.ArgumentParser):
    """argparse, with its errors on one line (and exit status 2)."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: error: {' '.join(message.split())}\n")


def _read_config_file(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding=TEXT_ENCODING)
        loaded = yaml.safe_load(text) if path.suffix in (".yaml", ".yml") else json.loads(text)
    except (OSError, UnicodeDecodeError, ValueError, yaml.YAMLError) as err:
        raise _InputError(f"--config {path}: cannot be read: {err}") from err
    if not isinstance(loaded, dict):
        raise _InputError(f"--config {path}: must hold a mapping of AuditorConfig fields")
    return loaded


def _config(args: argparse.Namespace) -> AuditorConfig:
    data: dict[str, Any] = {}
    if args.config is not None:
        data = _read_config_file(args.config)
    flags = {
        "rule_packs": args.rules,
        "env_id": args.env_id,
        "reject_severity": args.reject_severity,
        "on_bad_line": args.on_bad_line,
        "calibration_steps": args.calibration_steps,
        "num_threads": args.num_threads,
    }
    data.update({k: v for k, v in flags.items() if v is not None})
    review = dict(data.get("review") or {})
    if args.truncate:
        review["truncate"] = True
    if args.no_replay:
        review["replay"] = False
    if args.no_red_team:
        review["red_team"] = False
    if review:
        data["review"] = review
    try:
        return AuditorConfig.model_validate(data)
    except InvalidArgumentError as err:  # AuditorConfig is a ConfigModel: one line already
        where = f"--config {args.config}" if args.config is not None else "options"
        problems = str(err).removeprefix("invalid AuditorConfig: ")
        raise _InputError(f"{where}: invalid auditor configuration: {problems}") from err


def render_report(report: AuditReport, console: Console, *, max_findings: int = 50) -> None:
    """Print a report: a summary line, reasons and notes, and a table of the worst findings."""
    style = "bold green" if report.passed else "bold red"
    console.print(
        f"[{style}]{report.overall_status}[/]  {report.kind}: {report.num_approved} of "
        f"{report.num_items} approved, {len(report.findings)} finding(s), "
        f"{report.transitions} {'transitions' if report.kind == 'paths' else 'steps'} in "
        f"{report.duration_s:.2f} s"
    )
    for reason in report.reasons:
        console.print(f"  [red]reason:[/] {escape(reason)}")
    for note in report.notes:
        console.print(f"  [dim]note: {escape(note)}[/]")
    if report.replay is not None and report.replay.replayed:
        r = report.replay
        console.print(
            f"  replays: {r.replayed} in {r.env_id}, {r.diverged} diverged, mean one-step error "
            f"{r.mean_error:.3g} std, mean return gap {r.mean_return_gap:.3g}"
        )
    if report.red_team is not None:
        t = report.red_team
        console.print(
            f"  red team: imagined {t.imagined_return:.3g} vs real {t.real_return:.3g}, "
            f"exploitability {t.exploitability:.0%}{' (EXPLOITABLE)' if t.exploitable else ''}"
        )
    if not report.findings:
        return
    table = Table(title="findings (worst first)", show_lines=False)
    for column in ("item", "step", "severity", "detector / rule", "message"):
        table.add_column(column, overflow="fold")
    ordered = sorted(report.findings, key=lambda f: (-SEVERITY_RANK[f.severity], f.path, f.step))
    for f in ordered[:max_findings]:
        item = f.trajectory_id if f.trajectory_id is not None else str(f.path)
        table.add_row(
            escape(item),
            str(f.step),
            f"[{_STYLE[f.severity]}]{f.severity}[/]",
            escape(f.detector),
            escape(f.message),
        )
    console.print(table)
    if len(ordered) > max_findings:
        console.print(f"  ... and {len(ordered) - max_findings} more (use --json for all)")


async def _run(args: argparse.Namespace, config: AuditorConfig) -> AuditReport:
    # The auditor (numpy, gymnasium, the detectors) loads here, after the options are read:
    # `plasma-audit --help` and option errors need only the config.
    from plasma.auditor.auditor import Auditor

    model = None
    if args.model is not None:
        from plasma.simulator import WorldModel

        model = WorldModel.load(args.model)
    async with Auditor(config, model=model) as auditor:
        if args.transitions is not None:
            from plasma.envs import Transitions

            await auditor.calibrate(Transitions.load(args.transitions))
        return await auditor.audit_file(args.file)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit status (0 approved, 1 rejected, 2 bad input, 3 the audit
    could not run; a stop by Ctrl-C or SIGTERM 130 or 143, a reader that closed the output
    early 141: :func:`plasma._cli.run_command`)."""
    return run_command("plasma-audit", lambda: _main(argv), failed=EXIT_NOT_RUN)


def _main(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        config = _config(args)
        report = asyncio.run(_run(args, config))
    except (_InputError, PlasmaError, ValueError, OSError) as exc:
        print(f"plasma-audit: error: {' '.join(str(exc).split())}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except Exception as exc:  # never exit 1 ("rejected") on a crash
        traceback.print_exc()
        print(
            f"plasma-audit: the audit could not run: {type(exc).__name__}: {exc}", file=sys.stderr
        )
        return EXIT_NOT_RUN
    if args.json:
        sys.stdout.write(report.model_dump_json(indent=2) + "\n")
    else:
        render_report(report, Console(), max_findings=args.max_findings)
    return 0 if report.passed else EXIT_REJECTED


if __name__ == "__main__":
    sys.exit(main())
