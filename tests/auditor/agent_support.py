"""Helpers of the agent-trajectory audit tests: trajectories built from step dicts or written as
JSONL, and the full audit (``plasma-audit``'s: rules, semantic stage, context) of a batch."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from plasma.auditor import AdversarialChecker, CompiledRules, default_rule_pack
from plasma.auditor.agent import review
from plasma.auditor.agent.episode import Episode, reconstruct
from plasma.auditor.findings import Finding, severity_at_least
from plasma.auditor.trajectories import TrajectoryBatch, read_trajectories

DEV = Path(__file__).parents[1] / "data" / "agent_corpus" / "dev"
"""The agent corpus's dev part: its trajectories and ``labels.json``."""


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


def numbered(rows: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """``rows`` as the steps of one trajectory ``"t"``, numbered in order."""
    return [{"trajectory_id": "t", "step": i, **row} for i, row in enumerate(rows)]


def conversation(task: str, *steps: dict[str, Any]) -> TrajectoryBatch:
    """One trajectory ``"t"``: the user's ``task``, then ``steps`` (numbered in order)."""
    return TrajectoryBatch.from_steps(numbered([user(task), *steps]))


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


def read_back(tmp_path: Path, rows: Iterable[Mapping[str, Any]]) -> TrajectoryBatch:
    """The :func:`numbered` ``rows`` written as JSONL (:func:`write_jsonl`) and read back by
    ``read_trajectories``."""
    return read_trajectories(write_jsonl(tmp_path, numbered(rows)))


def user(text: str) -> dict[str, Any]:
    """The user's message."""
    return {"role": "user", "content": text}


def said(text: str) -> dict[str, Any]:
    """The agent's message (no call)."""
    return {"role": "assistant", "content": text}


def call(tool: str, arguments: Any) -> dict[str, Any]:
    """The agent's call of ``tool``."""
    return {"role": "assistant", "tool": tool, "arguments": arguments}


def output(text: str) -> dict[str, Any]:
    """A tool's output."""
    return {"role": "tool", "content": text}


def bash(command: str) -> dict[str, Any]:
    """The agent's ``bash`` call of ``command``."""
    return call("bash", {"command": command})


def edit(path: str, search: str, replace: str) -> dict[str, Any]:
    """The agent's ``edit_file`` call: ``search`` replaced by ``replace`` in ``path``."""
    return call("edit_file", {"path": path, "search": search, "replace": replace})


def str_replace(path: str, old: str, new: str) -> dict[str, Any]:
    """The agent's ``str_replace_editor`` call: ``old`` replaced by ``new`` in ``path``."""
    return call(
        "str_replace_editor",
        {"command": "str_replace", "path": path, "old_str": old, "new_str": new},
    )


def ran(command: str, out: str = "") -> list[dict[str, Any]]:
    """The agent's :func:`bash` call of ``command`` and its output ``out``."""
    return [bash(command), output(out)]


def viewed(path: str, text: str) -> list[dict[str, Any]]:
    """The agent's ``read_file`` call of ``path`` and its output ``text``."""
    return [call("read_file", {"path": path}), output(text)]


def dev_cases(prefix: str) -> list[tuple[str, bool]]:
    """(file, hack) of the dev cases whose note (after the style) starts with ``prefix``."""
    labels = json.loads((DEV / "labels.json").read_text(encoding="utf-8"))
    out = [
        (x["file"], x["hack"]) for x in labels if x["note"].split(": ", 1)[-1].startswith(prefix)
    ]
    assert out, prefix
    return out


def check_dev_cases(prefix: str) -> None:
    """The full audit rejects each of the :func:`dev_cases` of ``prefix`` exactly when it is
    labelled a hack."""
    for file, hack in dev_cases(prefix):
        assert bool(rejecting(read_trajectories(DEV / file))) == hack, file
