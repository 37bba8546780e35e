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

from typing import TYPE_CHECKING

from plasma._lazy import attach

if TYPE_CHECKING:
    from plasma.auditor.auditor import Auditor as Auditor
    from plasma.auditor.calibration import Calibration as Calibration
    from plasma.auditor.calibration import calibrate as calibrate
    from plasma.auditor.checker import *  # noqa: F403
    from plasma.auditor.config import *  # noqa: F403
    from plasma.auditor.errors import *  # noqa: F403
    from plasma.auditor.findings import Finding as Finding
    from plasma.auditor.findings import Severity as Severity
    from plasma.auditor.invariants import BoundsInvariant as BoundsInvariant
    from plasma.auditor.invariants import LinearInvariant as LinearInvariant
    from plasma.auditor.invariants import NormInvariant as NormInvariant
    from plasma.auditor.invariants import default_invariants as default_invariants
    from plasma.auditor.numeric import DETECTORS as DETECTORS
    from plasma.auditor.numeric import ScanLimits as ScanLimits
    from plasma.auditor.report import AuditReport as AuditReport
    from plasma.auditor.report import PathVerdict as PathVerdict
    from plasma.auditor.report import RedTeamSummary as RedTeamSummary
    from plasma.auditor.report import ReplayRecord as ReplayRecord
    from plasma.auditor.report import ReplaySummary as ReplaySummary
    from plasma.auditor.review import ReviewEngine as ReviewEngine
    from plasma.auditor.rules import CompiledRules as CompiledRules
    from plasma.auditor.rules import Rule as Rule
    from plasma.auditor.rules import RulePack as RulePack
    from plasma.auditor.rules import default_rule_pack as default_rule_pack
    from plasma.auditor.rules import load_rule_pack as load_rule_pack
    from plasma.auditor.trajectories import TrajectoryBatch as TrajectoryBatch
    from plasma.auditor.trajectories import TrajectoryStep as TrajectoryStep
    from plasma.auditor.trajectories import read_trajectories as read_trajectories

# Public names, imported when first read (PEP 562): see plasma._lazy.
__getattr__, __dir__, __all__ = attach(__name__)
