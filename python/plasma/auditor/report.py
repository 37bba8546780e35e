"""``AuditReport``: the auditor's verdict, readable as attributes and as a mapping."""

from __future__ import annotations

from collections import Counter
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from plasma._mapping import MappingModel
from plasma.auditor.findings import SEVERITY_RANK, Finding

__all__ = [
    "AuditReport",
    "PathVerdict",
    "RedTeamSummary",
    "ReplayRecord",
    "ReplaySummary",
    "Verdict",
]

Status = Literal["APPROVED", "REJECTED"]


class PathVerdict(BaseModel):
    """The verdict on one path (or trajectory)."""

    model_config = ConfigDict(extra="forbid")

    index: int
    """Index in the audited batch."""
    status: Status
    """APPROVED or REJECTED."""
    reasons: list[str] = Field(default_factory=list)
    """Why it was rejected (the findings at or above the reject severity), or notes."""
    worst_severity: str | None = None
    """Worst severity among its findings."""
    first_critical_step: int | None = None
    """First step of a critical finding."""
    truncated_to: int | None = None
    """When truncation is on and it kept a safe prefix: the new length (the path is approved)."""
    trajectory_id: str | None = None
    """For agent trajectories: the trajectory id."""


class Verdict:
    """The outcome of :meth:`plasma.auditor.review.ReviewEngine.decide`."""

    def __init__(
        self,
        verdicts: list[PathVerdict],
        approved: list[bool],
        overall: Literal["APPROVED", "REJECTED"],
        reasons: list[str],
    ) -> None:
        self.verdicts = verdicts
        self.approved = approved
        self.overall = overall
        self.reasons = reasons


class ReplayRecord(BaseModel):
    """One path replayed in the real environment from its start state with its actions."""

    model_config = ConfigDict(extra="forbid")

    path: int
    """Index of the path."""
    steps: int
    """Steps replayed (stops early when the real env terminates)."""
    max_error: float
    """Largest per-step error, in ``unit``."""
    mean_error: float
    """Mean per-step error (same unit)."""
    unit: Literal["std", "tolerance"] = "std"
    """"tolerance": the next state's and the reward's error per variable over the calibration's
    absolute replay tolerance (a good model's honest one-step error); "std": the next state's
    error in standard deviations of the real data (no model measured tolerances)."""
    limit: float = 1.0
    """A step diverges above this error (same unit)."""
    first_divergence: int | None
    """First step whose error exceeds the limit, or where the real episode ends while the path
    goes on."""
    real_ended_at: int | None = None
    """Step (replayed from the imagined state) at which the real env terminates while the path
    goes on."""
    imagined_return: float
    """Return the model promised over the replayed steps."""
    real_return: float
    """Return the real env paid."""
    return_gap: float
    """``imagined_return - real_return``."""
    relative_gap: float
    """The gap as a share of the return scale (see ``ReviewConfig.return_gap_tolerance``)."""
    real_terminated_at: int | None = None
    """Step at which the real episode terminated, when it did."""
    open_loop_departure: int | None = None
    """First step at which the path's actions, executed open loop from its start state, take
    reality off the path (a next state or reward beyond the limit, or the real episode ending
    while the path goes on); None when reality follows the path to its end."""


class ReplaySummary(BaseModel):
    """All replays of an audit."""

    model_config = ConfigDict(extra="forbid")

    env_id: str
    """The real environment."""
    replayed: int
    """Paths replayed."""
    diverged: int
    """Replays whose error or return gap exceeded the tolerance."""
    mean_error: float
    """Mean of the replays' mean per-step errors."""
    mean_return_gap: float
    """Mean imagined-minus-real return."""
    mean_relative_gap: float
    """Mean relative gap."""
    records: list[ReplayRecord] = Field(default_factory=list)
    """Each replay."""
    skipped_reason: str | None = None
    """Why no replay ran (env without reset-to-state, disabled, ...)."""


class RedTeamSummary(BaseModel):
    """The red-team probe: plan against the model without uncertainty penalty, check reality."""

    model_config = ConfigDict(extra="forbid")

    paths: int
    """Probe paths planned."""
    horizon: int
    """Steps per probe path."""
    imagined_return: float
    """Mean imagined return of the probe paths."""
    real_return: float
    """Mean real return of the same action sequences."""
    unconfirmed_return: float
    """Mean imagined-minus-real return (what the model promises and reality does not pay)."""
    shown_wrong: int = 0
    """Probe plans whose step-by-step replay shows the model wrong before reality, executing
    the plan open loop, leaves it."""
    exploitability: float
    """The return the plans lose after their first wrong step (per probe plan; the plan's
    remaining actions from the real state the open-loop execution reached there, in reality
    against the model's prediction), as a share of the larger of the imagined and the real
    return; above the tolerance the model is exploitable."""
    reference_exploitability: float | None = None
    """The same probe's exploitability of the trusted reference model (``calibrate(...,
    reference=)``), when there is one: what open-loop execution loses with a good model."""
    exploitable: bool
    """Whether exploitability exceeds ``ReviewConfig.exploitability_tolerance`` (beyond the
    reference's, when there is one)."""
    skipped_reason: str | None = None
    """Why the probe did not run."""


class AuditReport(MappingModel):
    """What an audit found and decided. ``report.passed`` and ``report["passed"]`` both work."""

    model_config = ConfigDict(extra="forbid")

    overall_status: Status
    """APPROVED or REJECTED."""
    passed: bool
    """``overall_status == "APPROVED"``."""
    kind: Literal["paths", "trajectories"]
    """What was audited."""
    reasons: list[str] = Field(default_factory=list)
    """Why the batch was rejected (or notes on an approval)."""
    num_items: int
    """Paths or trajectories audited."""
    approved: list[bool] = Field(default_factory=list)
    """Per-item approval mask (also recorded on the ``PhantomPaths``)."""
    verdicts: list[PathVerdict] = Field(default_factory=list)
    """Per-item verdicts."""
    findings: list[Finding] = Field(default_factory=list)
    """Everything found."""
    counts: dict[str, int] = Field(default_factory=dict)
    """Findings per detector or rule."""
    severity_counts: dict[str, int] = Field(default_factory=dict)
    """Findings per severity."""
    replay: ReplaySummary | None = None
    """Real-environment replays."""
    red_team: RedTeamSummary | None = None
    """The red-team probe."""
    calibration: dict[str, Any] | None = None
    """Where the limits came from (real data used, self-calibration)."""
    notes: list[str] = Field(default_factory=list)
    """Things a reader should know (self-calibration, disabled detectors, skipped lines)."""
    env_id: str | None = None
    """Environment of the paths."""
    digest: str | None = None
    """Digest of the audited paths (or of the trajectory file)."""
    transitions: int = 0
    """Transitions (or steps) examined."""
    duration_s: float = 0.0
    """Wall time of the audit."""

    # ----------------------------------------------------------------- helpers
    @property
    def num_approved(self) -> int:
        """Items approved."""
        return sum(self.approved)

    def findings_for(self, index: int) -> list[Finding]:
        """The findings of one path (or trajectory)."""
        return [f for f in self.findings if f.path == index]

    @classmethod
    def from_verdict(cls, verdict: Verdict, findings: list[Finding], **fields: Any) -> AuditReport:
        """The report of ``verdict`` on ``findings``: status, reasons, per-item verdicts, the
        findings and their counts; ``fields`` holds the rest (kind, num_items, notes, ...)."""
        by_detector, by_severity = cls.tally(findings)
        return cls(
            overall_status=verdict.overall,
            passed=verdict.overall == "APPROVED",
            reasons=verdict.reasons,
            approved=verdict.approved,
            verdicts=verdict.verdicts,
            findings=findings,
            counts=by_detector,
            severity_counts=by_severity,
            **fields,
        )

    @staticmethod
    def tally(findings: list[Finding]) -> tuple[dict[str, int], dict[str, int]]:
        """Counts per detector and per severity (worst first)."""
        by_detector = Counter(f.detector for f in findings)
        by_severity: Counter[str] = Counter(f.severity for f in findings)
        severities = dict(sorted(by_severity.items(), key=lambda kv: -SEVERITY_RANK[kv[0]]))
        return dict(by_detector.most_common()), severities
