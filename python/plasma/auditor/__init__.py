"""The auditor: adversarial review of imagined paths and of agent trajectories.

- :class:`Auditor`: orchestrates; ``await auditor.audit_paths(paths)`` returns an
  :class:`AuditReport` (``report["overall_status"]`` is "APPROVED" or "REJECTED") and records the
  approved mask on the paths; ``audit_trajectories`` audits agent trajectories (JSONL).
- :class:`AdversarialChecker`: numeric detectors in Rust (epistemic uncertainty, out-of-support
  states, invariants, reward above the real maximum, reward spikes, state jumps, reward-farming
  loops, non-finite values, action bounds) and text rule packs (Aho-Corasick + regex in Rust).
- :class:`ReviewEngine`: replays in the real env, the red-team probe, verdicts with reasons.
- Rule packs in YAML (:func:`load_rule_pack`; the shipped ``default`` pack targets the
  reward-hacking patterns of coding agents); trajectories as JSONL
  (:mod:`plasma.auditor.trajectories` documents the schema).
- ``plasma-audit FILE`` (:mod:`plasma.auditor.cli`): the same from a shell, for CI.
"""

from plasma.auditor.auditor import Auditor
from plasma.auditor.calibration import Calibration, calibrate
from plasma.auditor.checker import AdversarialChecker, PathCheck
from plasma.auditor.config import AuditorConfig, DetectorConfig, ReviewConfig
from plasma.auditor.errors import (
    AuditorError,
    CalibrationError,
    RulePackError,
    TrajectoryFormatError,
    UnknownEnvironmentError,
)
from plasma.auditor.findings import Finding, Severity
from plasma.auditor.invariants import (
    BoundsInvariant,
    LinearInvariant,
    NormInvariant,
    default_invariants,
)
from plasma.auditor.numeric import DETECTORS, ScanLimits
from plasma.auditor.report import (
    AuditReport,
    PathVerdict,
    RedTeamSummary,
    ReplayRecord,
    ReplaySummary,
)
from plasma.auditor.review import ReviewEngine
from plasma.auditor.rules import CompiledRules, Rule, RulePack, default_rule_pack, load_rule_pack
from plasma.auditor.trajectories import TrajectoryBatch, TrajectoryStep, read_trajectories

__all__ = [
    "DETECTORS",
    "AdversarialChecker",
    "AuditReport",
    "Auditor",
    "AuditorConfig",
    "AuditorError",
    "BoundsInvariant",
    "Calibration",
    "CalibrationError",
    "CompiledRules",
    "DetectorConfig",
    "Finding",
    "LinearInvariant",
    "NormInvariant",
    "PathCheck",
    "PathVerdict",
    "RedTeamSummary",
    "ReplayRecord",
    "ReplaySummary",
    "ReviewConfig",
    "ReviewEngine",
    "Rule",
    "RulePack",
    "RulePackError",
    "ScanLimits",
    "Severity",
    "TrajectoryBatch",
    "TrajectoryFormatError",
    "TrajectoryStep",
    "UnknownEnvironmentError",
    "calibrate",
    "default_invariants",
    "default_rule_pack",
    "load_rule_pack",
    "read_trajectories",
]
