"""The run's report: ``report.md`` (summary and learning curve table) and ``learning_curve.png``."""

from __future__ import annotations

import io
import json
from typing import Any

import numpy as np
from pydantic import BaseModel

from plasma._io import atomic_write_bytes
from plasma._names import os_text
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
    "deployed_return",
    "iteration_seconds",
)


def write_report(run: RunDir, config: BaseModel, rows: list[dict[str, Any]]) -> None:
    """Write ``report.md`` and ``learning_curve.png`` (once an iteration was evaluated)."""
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
    text = os_text("\n".join(lines) + "\n")  # a run name the locale cannot decode, as text
    atomic_write_bytes(run.path / "report.md", text.encode())


def _plot(run: RunDir, rows: list[dict[str, Any]]) -> bool:
    """Learning curves: evaluation return against real steps; audit pass rate and the world
    model's held-out error per iteration. Written atomically; False when nothing to plot."""
    evaluated = [r for r in rows if r.get("eval_mean_return") is not None]
    if not evaluated:
        return False
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    fig = Figure(figsize=(10, 4), layout="constrained")
    ret, audit = fig.subplots(1, 2)
    steps = [r["real_steps"] for r in evaluated]
    mean = np.array([r["eval_mean_return"] for r in evaluated], dtype=float)
    std = np.array([r.get("eval_std_return") or 0.0 for r in evaluated], dtype=float)
    ret.plot(steps, mean, marker="o", label="distilled policy")
    ret.fill_between(steps, mean - std, mean + std, alpha=0.2)
    ret.set_xlabel("real environment steps")
    ret.set_ylabel("evaluation return (mean ± std)")
    ret.grid(alpha=0.3)
    iterations = [r["iteration"] for r in rows]
    audit.plot(iterations, [r.get("audit_pass_rate") or 0.0 for r in rows], marker="o", color="C2")
    audit.set_xlabel("iteration")
    audit.xaxis.set_major_locator(MaxNLocator(integer=True))
    audit.set_ylabel("audit pass rate", color="C2")
    audit.set_ylim(0, 1.05)
    mse = [(r["iteration"], r["fit_holdout_mse"]) for r in rows if r.get("fit_holdout_mse")]
    if mse:
        error = audit.twinx()
        error.semilogy([m[0] for m in mse], [m[1] for m in mse], marker="s", color="C3")
        error.set_ylabel("world model held-out MSE", color="C3")
    audit.grid(alpha=0.3)
    fig.suptitle(f"{os_text(run.path.name)}: learning curves")
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=100)
    atomic_write_bytes(run.path / "learning_curve.png", buffer.getvalue())
    return True
