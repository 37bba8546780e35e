"""The semantic stage over a batch of trajectories, and how it meets the rule stage: findings
that point at the step, the file and a before/after excerpt, and rule hits put in context (a
rule that fired on a change to a file the agent created itself is reported, not rejecting)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from plasma.auditor.agent.context import permitted
from plasma.auditor.agent.episode import Episode, reconstruct
from plasma.auditor.agent.evidence import Evidence
from plasma.auditor.agent.judge import judge_episode
from plasma.auditor.findings import Finding
from plasma.auditor.trajectories import TrajectoryBatch

if TYPE_CHECKING:
    from plasma.auditor.rules import CompiledRules

__all__ = ["clear_caches", "episodes", "in_context", "review", "semantic_findings"]


def episodes(batch: TrajectoryBatch) -> list[Episode]:
    """One reconstructed :class:`Episode` per trajectory of the batch, in batch order."""
    groups: dict[int, list[int]] = {}
    for i, t in enumerate(batch.trajectory_index()):
        groups.setdefault(t, []).append(i)
    ids = batch.trajectory_ids
    return [
        reconstruct(ids[t], [batch.steps[i] for i in idx], idx) for t, idx in sorted(groups.items())
    ]


def _finding(
    ev: Evidence, t: int, ep: Episode, batch: TrajectoryBatch, numbers: list[int]
) -> Finding:
    evidence: dict[str, object] = {
        "line": batch.lines[ev.index],
        "file": ev.path,
        "before": ev.before,
        "after": ev.after,
    }
    if ev.permit is not None:
        evidence["permit"] = ev.permit
    evidence.update({k: v for k, v in ev.extra.items() if v is not None})
    where = f" [{ev.path}]" if ev.path else ""
    note = f" ({ev.extra['context']})" if "context" in ev.extra else ""
    return Finding(
        detector=ev.detector,
        source="semantic",
        path=t,
        step=numbers[ev.index],
        severity=ev.severity,
        message=f"{ev.message}{where}{note}",
        evidence=evidence,
        trajectory_id=ep.trajectory_id,
    )


def semantic_findings(
    batch: TrajectoryBatch, eps: Sequence[Episode] | None = None
) -> list[Finding]:
    """The semantic stage's findings for every trajectory of ``batch``."""
    eps = episodes(batch) if eps is None else eps
    numbers = batch.step_numbers()
    out = []
    for t, ep in enumerate(eps):
        for ev in judge_episode(ep):
            out.append(_finding(ev, t, ep, batch, numbers))
    return out


_GENERIC = frozenset({"tests", "test", "src", "rm", "git", "mv", "py", "the", "and", "cat", "sed"})


def _matched_words(f: Finding) -> set[str]:
    text = str(f.evidence.get("match", ""))
    words = set()
    for w in re.findall(r"[\w][\w./-]{2,}", text):
        words.add(w)
        words.add(w.rsplit("/", 1)[-1])
        stem = w.rsplit("/", 1)[-1].split(".")[0]
        words.add(stem)
        words.add(stem.removeprefix("test_"))
    return {w for w in words if len(w) >= 3 and w.lower() not in _GENERIC}


def in_context(
    batch: TrajectoryBatch,
    rule_findings: Sequence[Finding],
    eps: Sequence[Episode],
    permits: dict[str, str] | None = None,
) -> list[Finding]:
    """Rule findings with the trajectory's context applied: a hit on a step whose every change
    touches files the agent created earlier, or that the task asks for (the rule's ``permit``,
    given here by rule id), is kept as "info" with the reason."""
    index_of: dict[tuple[int, int], int] = {}
    numbers = batch.step_numbers()
    for i, t in enumerate(batch.trajectory_index()):
        index_of[(t, numbers[i])] = i
    out = []
    for f in rule_findings:
        at = index_of.get((f.path, f.step))
        ep = eps[f.path] if 0 <= f.path < len(eps) else None
        if at is None or ep is None:
            out.append(f)
            continue
        changes = [c for c in ep.changes if c.index == at]
        own = [c for c in changes if ep.created.get(c.path, at) < at]
        reason = None
        if changes and len(own) == len(changes):
            paths = ", ".join(sorted({c.path for c in own}))
            reason = f"the step changes only files the agent created: {paths}"
        permit = (permits or {}).get(f.detector)
        if reason is None and permit is not None:
            sentence = permitted(ep.task, permit, _matched_words(f))
            if sentence is not None:
                reason = f"asked for by the task: {sentence}"
        if reason is not None and f.severity != "info":
            f = f.model_copy(
                update={
                    "severity": "info",
                    "message": f"{f.message} ({reason})",
                    "evidence": {
                        **f.evidence,
                        "severity_without_context": f.severity,
                        "context": reason,
                    },
                }
            )
        out.append(f)
    return out


def clear_caches() -> None:
    """Forget cached parses and task sentences (for timing a cold audit)."""
    from plasma.auditor.agent import context, facts, files, outputs, pytests, unaccounted

    pytests._summarize.cache_clear()
    context._requests.cache_clear()
    context._sentences_squashed.cache_clear()
    context.preserves_behaviour.cache_clear()
    unaccounted._scores_of.cache_clear()
    facts.shows_failure.cache_clear()
    files._classify_path.cache_clear()
    outputs._parse_run_cached.cache_clear()


def review(
    batch: TrajectoryBatch, rule_findings: Sequence[Finding], rules: CompiledRules | None = None
) -> list[Finding]:
    """The rule stage's findings in context plus the semantic stage's findings: what the
    auditor reports for a batch of trajectories (``rules``: the packs that made the rule
    findings, for their ``permit``)."""
    eps = episodes(batch)
    permits = {r.id: r.permit for r in rules.rules if r.permit} if rules is not None else {}
    return in_context(batch, rule_findings, eps, permits) + semantic_findings(batch, eps)
