"""Findings: what a detector, rule, replay or probe found, with its evidence."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "SEVERITY_RANK",
    "Finding",
    "Severity",
    "lower_severity",
    "max_severity",
    "severity_at_least",
]

Severity = Literal["info", "low", "medium", "high", "critical"]
"""How bad a finding is; paths with a finding at or above ``reject_severity`` are rejected."""

SEVERITY_RANK: dict[str, int] = {"info": 0, "low": 1, "medium": 2, "high": 3, "critical": 4}

Source = Literal["numeric", "rule", "semantic", "replay", "red_team"]


def severity_at_least(severity: str, threshold: str) -> bool:
    """Whether ``severity`` ranks at or above ``threshold``."""
    return SEVERITY_RANK[severity] >= SEVERITY_RANK[threshold]


def lower_severity(severity: Severity) -> Severity:
    """One level below ``severity`` (``info`` stays ``info``)."""
    lower: dict[str, Severity] = {"critical": "high", "high": "medium", "medium": "low"}
    return lower.get(severity, "info")


def max_severity(severities: list[str]) -> str | None:
    """The worst of ``severities`` (None for none)."""
    return max(severities, key=SEVERITY_RANK.__getitem__) if severities else None


class Finding(BaseModel):
    """One thing found on one path (or trajectory)."""

    model_config = ConfigDict(extra="forbid")

    detector: str
    """Numeric detector name (``uncertainty``, ``state_jump``, ...), rule id, ``replay`` or
    ``red_team``."""
    source: Source
    """Which part of the auditor found it."""
    path: int
    """Index of the path (or trajectory) in the audited batch; -1 for batch-level findings."""
    step: int
    """First step where it was found (-1 when not about one step)."""
    severity: Severity
    """How bad it is."""
    message: str
    """One sentence for a human."""
    evidence: dict[str, Any] = Field(default_factory=dict)
    """The values behind the finding (counts, worst value and step, limits, matched text)."""
    trajectory_id: str | None = None
    """For agent trajectories: the trajectory's id."""
