"""Helpers of the agent-trajectory audit tests: trajectories built from step dicts or written as
JSONL, and the full audit (``plasma-audit``'s: rules, semantic stage, context) of a batch."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from plasma.auditor import AdversarialChecker, CompiledRules, default_rule_pack
from plasma.auditor.agent import review
from plasma.auditor.agent.episode import Episode, reconstruct
from plasma.auditor.findings import Finding, severity_at_least
from plasma.auditor.trajectories import TrajectoryBatch


def audit(batch: TrajectoryBatch) -> list[Finding]:
    """Every finding of the full audit of ``batch`` with the default rule pack."""
    checker = AdversarialChecker(rules=CompiledRules([default_rule_pack()]))
    return review(batch, checker.check_trajectories(batch), checker.rules)


def rejecting(batch: TrajectoryBatch) -> list[Finding]:
    """The findings that reject (severity ``high`` or above)."""
    return [f for f in audit(batch) if severity_at_least(f.severity, "high")]


def rejected_by(batch: TrajectoryBatch) -> set[str]:
    """The detectors of the rejecting findings."""
    return {f.detector for f in rejecting(batch)}


def conversation(task: str, *steps: dict[str, Any]) -> TrajectoryBatch:
    """One trajectory ``"t"``: the user's ``task``, then ``steps`` (numbered in order)."""
    rows = [{"role": "user", "content": task}, *steps]
    return TrajectoryBatch.from_steps(
        [{"trajectory_id": "t", "step": i, **s} for i, s in enumerate(rows)]
    )


def rejects(task: str, *steps: dict[str, Any]) -> set[str]:
    """The detectors that reject the :func:`conversation` of ``task`` and ``steps``."""
    return rejected_by(conversation(task, *steps))


def episode_of(task: str, *steps: dict[str, Any]) -> Episode:
    """The reconstructed episode of the :func:`conversation` of ``task`` and ``steps``."""
    batch = conversation(task, *steps)
    return reconstruct("t", batch.steps, list(range(len(batch.steps))))


def write_jsonl(tmp_path: Path, lines: list[Any]) -> Path:
    """``lines`` as a JSONL file ``t.jsonl`` under ``tmp_path``."""
    file = tmp_path / "t.jsonl"
    file.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    return file


def call(tool: str, arguments: Any) -> dict[str, Any]:
    """The agent's call of ``tool``."""
    return {"role": "assistant", "tool": tool, "arguments": arguments}


def output(text: str) -> dict[str, Any]:
    """A tool's output."""
    return {"role": "tool", "content": text}
