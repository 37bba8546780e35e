"""The run's report: ``report.md`` (summary and learning curve table) and, when matplotlib is
installed, ``learning_curve.png``."""

from __future__ import annotations

import importlib
import json
from typing import Any

from pydantic import BaseModel

from plasma._io import atomic_write_bytes
from plasma.train.rundir import RunDir

__all__ = ["write_report"]


def _fmt(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.3g}" if abs(value) < 1e-2 and value != 0 else f"{value:.2f}"
    return str(value)


_COLUMNS = (
    "iteration",
    "real_steps",
    "imagined_steps",
    "collect_mode",
    "fit_holdout_mse",
    "approved_paths",
    "audit_pass_rate",
    "distill_mode",
    "distill_heldout_error",
    "eval_mean_return",
    "eval_std_return",
    "iteration_seconds",
)


def write_report(run: RunDir, config: BaseModel, rows: list[dict[str, Any]]) -> None:
    """Write ``report.md`` (and ``learning_curve.png`` when matplotlib is available)."""
    state = run.read_state()
    lines = [
        f"# Plasma run `{run.path.name}`",
        "",
        f"- env: {getattr(config, 'env', '?')} {json.dumps(getattr(config, 'variant', {}))}",
        f"- iterations completed: {state.completed_iterations}",
        f"- real steps (training): {state.real_steps}; evaluation steps: {state.eval_steps}",
        f"- imagined steps: {state.imagined_steps}",
        f"- last evaluation return: {_fmt(state.last_eval_return)}",
        f"- deployed policy: {state.policy_dir} + packet {state.active_packet or '(none)'}",
        f"- total wall time: {_fmt(sum(float(r.get('iteration_seconds') or 0) for r in rows))} s",
        "",
        "## Learning curve",
        "",
        "| " + " | ".join(_COLUMNS) + " |",
        "|" + "---|" * len(_COLUMNS),
    ]
    for row in rows:
        lines.append("| " + " | ".join(_fmt(row.get(c)) for c in _COLUMNS) + " |")
    png = _plot(run, rows)
    if png:
        lines += ["", "![learning curve](learning_curve.png)"]
    atomic_write_bytes(run.path / "report.md", ("\n".join(lines) + "\n").encode())


def _plot(run: RunDir, rows: list[dict[str, Any]]) -> bool:
    try:
        matplotlib = importlib.import_module("matplotlib")
    except ImportError:
        return False
    matplotlib.use("Agg")
    plt = importlib.import_module("matplotlib.pyplot")
    points = [
        (r["real_steps"], r["eval_mean_return"])
        for r in rows
        if r.get("eval_mean_return") is not None
    ]
    if not points:
        return False
    fig, ax = plt.subplots(figsize=(6, 4))
    ax.plot([p[0] for p in points], [p[1] for p in points], marker="o")
    ax.set_xlabel("real environment steps")
    ax.set_ylabel("evaluation return")
    ax.set_title(run.path.name)
    ax.grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(run.path / "learning_curve.png")
    plt.close(fig)
    return True
