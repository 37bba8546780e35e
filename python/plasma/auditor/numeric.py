"""The numeric detectors: limits derived from a calibration, the Rust scan, and its findings.

:class:`ScanLimits` holds every number the detectors compare against, as float32 values; the Rust
scanner (``plasma._core.NumericScanner``) and the numpy reference of the benchmarks are both built
from it, so they can be checked for agreement.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from plasma import _core
from plasma.auditor.calibration import RESOLUTION_EPSILON, Calibration
from plasma.auditor.config import DetectorConfig
from plasma.auditor.findings import Finding, Severity, lower_severity
from plasma.auditor.invariants import Invariant, to_core
from plasma.simulator.paths import PhantomPaths

__all__ = [
    "DETECTORS",
    "NumericResult",
    "ScanLimits",
    "numeric_findings",
    "resolution",
    "scan_paths",
]

DETECTORS: tuple[str, ...] = tuple(_core.NumericScanner.detectors)
"""Names of the numeric detectors, in the column order of a scan's arrays."""

_ALWAYS = {"non_finite", "invariant", "state_jump"}
"""Detectors that report from their first flagged step whatever ``min_steps`` says."""

F32 = np.float32


def _f32(values: Sequence[float] | np.ndarray) -> np.ndarray:
    return np.ascontiguousarray(values, dtype=np.float32)


@dataclass
class ScanLimits:
    """The numbers the detectors compare against (None switches a detector off).

    The one list of the scan limits: ``plasma._core.NumericScanner(limits)`` reads every field
    but ``state_names`` and ``invariant_labels`` by name (``ScanLimits`` in
    ``rust/plasma-py/src/audit.rs``), so a new limit is a field here, its value in :meth:`build`
    and its use in Rust (``tests/auditor/test_numeric.py`` fails when the two sides differ).
    """

    state_dim: int
    action_dim: int
    state_names: list[str]
    uncertainty_threshold: np.float32 | None = None
    support_low: np.ndarray | None = None
    support_high: np.ndarray | None = None
    support_scale: np.ndarray | None = None
    support_tolerance: float = 0.0
    grid_points: np.ndarray | None = None
    grid_origin: np.ndarray | None = None
    grid_width: np.ndarray | None = None
    grid_radius: int = 1
    invariants: list[tuple[str, list[int], list[float], float, float, bool]] = field(
        default_factory=list
    )
    invariant_labels: list[str] = field(default_factory=list)
    action_low: np.ndarray | None = None
    action_high: np.ndarray | None = None
    reward_max: np.float32 | None = None
    reward_spike: np.float32 | None = None
    state_jump: np.ndarray | None = None
    cycle_origin: np.ndarray | None = None
    cycle_width: np.ndarray | None = None
    cycle_min_period: int = 4
    cycle_min_rate: float = 0.0
    cycle_min_extent: int = 2

    @classmethod
    def build(
        cls,
        *,
        state_dim: int,
        action_dim: int,
        state_names: Sequence[str],
        calibration: Calibration | None,
        config: DetectorConfig,
        invariants: Sequence[Invariant] = (),
        action_low: np.ndarray | None = None,
        action_high: np.ndarray | None = None,
        uncertainty_threshold: float | None = None,
    ) -> ScanLimits:
        """Derive the limits from a calibration (None: only the calibration-free detectors)."""
        off = set(config.disabled)
        names = list(state_names)
        lim = cls(state_dim=state_dim, action_dim=action_dim, state_names=names)
        if "uncertainty" not in off and uncertainty_threshold is not None:
            lim.uncertainty_threshold = F32(uncertainty_threshold)
        if "invariant" not in off and invariants:
            lim.invariants = to_core(invariants, names, state_dim)
            lim.invariant_labels = [inv.label() for inv in invariants]
        if "action_bounds" not in off and action_low is not None and action_high is not None:
            low = np.asarray(action_low, dtype=np.float64).reshape(-1)
            high = np.asarray(action_high, dtype=np.float64).reshape(-1)
            if low.shape == (action_dim,) and high.shape == (action_dim,):
                span = np.where(np.isfinite(high - low), high - low, 0.0)
                slack = config.action_tolerance * span
                lim.action_low, lim.action_high = _f32(low - slack), _f32(high + slack)
        if calibration is None:
            return lim
        cal = calibration
        low = np.asarray(cal.state_low, dtype=np.float64)
        res = config.resolution_margin * resolution(cal)
        # Scales and ranges are never finer than a variable's resolution (the model's honest
        # error): a constant variable's zero range does not turn model noise into findings.
        std = np.maximum(np.asarray(cal.state_std, dtype=np.float64), res)
        if "out_of_support" not in off:
            lim.support_low = _f32(low - res)
            lim.support_high = _f32(np.asarray(cal.state_high, dtype=np.float64) + res)
            lim.support_scale = _f32(std)
            lim.support_tolerance = float(config.support_tolerance)
            points = cal.support_points
            if config.support_grid and points is not None:
                radius = config.support_radius
                while radius > 0 and (2 * radius + 1) ** state_dim > 6561:
                    radius -= 1
                lim.grid_points = points
                lim.grid_origin = _f32(low)
                lim.grid_width = _f32(config.support_cell_width * std)
                lim.grid_radius = radius
        scale = max(cal.reward_max - cal.reward_min, abs(cal.reward_max), 1e-6)
        # Rewards the model pays honestly above the real maximum (a constant reward) widen the
        # reward limits to at least that excess.
        excess = config.resolution_margin * max(float(cal.reward_excess), 0.0)
        if "reward_above_max" not in off:
            # A reward above the real maximum by less than the reward's allowance (the error
            # that matters, ``local_allowance`` x the real rewards' std: the line of "correct" the
            # local detectors and replays draw) is no error that matters.
            allowance = config.local_allowance * max(float(cal.reward_std), 0.0)
            lim.reward_max = F32(
                cal.reward_max + max(config.reward_margin * scale, excess, allowance)
            )
        if "reward_spike" not in off:
            lim.reward_spike = F32(
                max(config.reward_spike_factor * cal.max_reward_change, 0.05 * scale, 2 * excess)
            )
        if "state_jump" not in off:
            change = np.asarray(cal.max_state_change, dtype=np.float64)
            # An honest step's change can carry the model's error at both of its ends.
            jump = np.maximum(config.state_jump_factor * change, change + 2 * res)
            lim.state_jump = _f32(np.maximum(jump, 1e-6))
        if "reward_cycle" not in off:
            lim.cycle_origin = _f32(low)
            lim.cycle_width = _f32(config.cycle_cell_width * std)
            lim.cycle_min_period = config.cycle_min_period
            # Farming is a loop paying more than real data usually does (its quantile); when
            # that quantile is the real maximum itself (the top of the rewards is constant, as
            # a constant reward is), only a loop paying more than the maximum plus the model's
            # honest excess is farming.
            quantile = float(cal.reward_quantile)
            if quantile >= cal.reward_max - RESOLUTION_EPSILON * scale:
                quantile = max(quantile, cal.reward_max + excess)
            lim.cycle_min_rate = quantile
            lim.cycle_min_extent = config.cycle_min_extent
        return lim

    def limit_of(self, detector: str) -> Any:
        """The limit a detector compares against, for evidence."""
        return {
            "uncertainty": _py(self.uncertainty_threshold),
            "out_of_support": self.support_tolerance,
            "reward_above_max": _py(self.reward_max),
            "reward_spike": _py(self.reward_spike),
            "state_jump": 1.0,
            "reward_cycle": self.cycle_min_rate,
            "action_bounds": 0.0,
            "invariant": 0.0,
            "non_finite": None,
        }.get(detector)

    def scanner(self) -> _core.NumericScanner:
        """The compiled Rust scanner (``plasma._core.NumericScanner``), which reads its limits
        from this object's fields by name (all but ``state_names`` and ``invariant_labels``)."""
        return _core.NumericScanner(self)


def resolution(calibration: Calibration) -> np.ndarray:
    """Per-variable resolution of a calibration (zeros for one made before it had one)."""
    res = np.asarray(calibration.state_resolution, dtype=np.float64)
    if res.shape != (calibration.state_dim,):
        return np.zeros(calibration.state_dim)
    return np.where(np.isfinite(res), np.maximum(res, 0.0), 0.0)


def _py(value: np.float32 | None) -> float | None:
    return None if value is None else float(value)


@dataclass
class NumericResult:
    """The raw arrays of a scan, ``[P, len(DETECTORS)]`` each."""

    count: np.ndarray
    first_step: np.ndarray
    worst_step: np.ndarray
    worst_value: np.ndarray
    worst_index: np.ndarray
    transitions: int

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> NumericResult:
        """Wrap the dict ``NumericScanner.scan`` returns."""
        return cls(
            count=raw["count"],
            first_step=raw["first_step"],
            worst_step=raw["worst_step"],
            worst_value=raw["worst_value"],
            worst_index=raw["worst_index"],
            transitions=int(raw["transitions"]),
        )


def scan_paths(
    scanner: Any, paths: PhantomPaths, *, num_threads: int | None = None
) -> NumericResult:
    """Run a compiled scanner over a batch (the GIL is released during the scan)."""
    assert paths.dones is not None
    assert paths.uncertainty is not None
    assert paths.lengths is not None
    raw = scanner.scan(
        paths.states,
        paths.actions,
        paths.rewards,
        paths.dones,
        paths.uncertainty,
        paths.lengths,
        num_threads=num_threads,
    )
    return NumericResult.from_dict(raw)


def _variable(names: list[str], index: int) -> str:
    if index < 0:
        return "-"
    return names[index] if index < len(names) else f"x{index}"


def _message(det: str, ev: dict[str, Any], lim: ScanLimits) -> str:
    n, first, ws, v = ev["count"], ev["first_step"], ev["worst_step"], ev["worst_value"]
    steps = f"on {n} step{'s' if n != 1 else ''} (first at step {first})"
    if det == "non_finite":
        return f"non-finite values in the {ev['array']} {steps}"
    if det == "uncertainty":
        return (
            f"ensemble disagreement {v:.3g} at step {ws} exceeds the calibrated limit "
            f"{ev['limit']:.3g} {steps}"
        )
    if det == "out_of_support":
        where = (
            f"worst: {ev['variable']} {v:.2f} std outside the real range at step {ws}"
            if v > lim.support_tolerance
            else "inside the real ranges, in grid cells no real state visited"
        )
        return f"states leave the support of the real data {steps}; {where}"
    if det == "invariant":
        return f"invariant {ev['invariant']} violated {steps}; worst excess {v:.3g} at step {ws}"
    if det == "action_bounds":
        return f"action {ev['variable']} leaves its bounds by {v:.3g} {steps}"
    if det == "reward_above_max":
        return (
            f"reward {v:.3g} at step {ws} is above anything real data paid "
            f"(limit {ev['limit']:.3g}) {steps}"
        )
    if det == "reward_spike":
        return (
            f"reward jumps by {v:.3g} at step {ws}; real rewards never changed by more than "
            f"{ev['limit']:.3g} {steps}"
        )
    if det == "state_jump":
        return (
            f"{ev['variable']} changes {v:.2f}x more in one step than in any real transition "
            f"at step {ws} {steps}"
        )
    return (
        f"the path loops back to the cell of step {ev['loop_start']} at step {ws + 1}, "
        f"collecting {v:.3g} reward per step (real {lim.cycle_min_rate:.3g} quantile) {steps}"
    )


_ARRAYS = ("states", "actions", "rewards", "uncertainty")


def numeric_findings(
    result: NumericResult, limits: ScanLimits, config: DetectorConfig
) -> list[Finding]:
    """Findings of a scan: one per path and detector that fired (``min_steps`` applied)."""
    severities: dict[str, Severity] = {}
    for source in (DetectorConfig().severities, config.severities):
        severities.update({str(k): v for k, v in source.items()})
    disabled = set(config.disabled)
    findings: list[Finding] = []
    paths, cols = np.nonzero(result.count)
    for p, d in zip(paths.tolist(), cols.tolist(), strict=True):
        det = DETECTORS[d]
        count = int(result.count[p, d])
        if det in disabled or (det not in _ALWAYS and count < config.min_steps):
            continue
        index = int(result.worst_index[p, d])
        ev: dict[str, Any] = {
            "count": count,
            "first_step": int(result.first_step[p, d]),
            "worst_step": int(result.worst_step[p, d]),
            "worst_value": float(result.worst_value[p, d]),
            "limit": limits.limit_of(det),
        }
        if det == "non_finite":
            ev["array"] = _ARRAYS[index] if 0 <= index < len(_ARRAYS) else "?"
        elif det == "invariant":
            ev["invariant"] = (
                limits.invariant_labels[index]
                if 0 <= index < len(limits.invariant_labels)
                else str(index)
            )
        elif det == "action_bounds":
            ev["variable"] = str(index)
        elif det == "reward_cycle":
            ev["loop_start"] = index
        else:
            ev["variable"] = _variable(limits.state_names, index)
        severity = severities[det]
        if det == "out_of_support" and ev["worst_value"] <= limits.support_tolerance:
            # Only grid misses: inside the real range of every variable, in a combination of
            # values the real data did not visit. One level less severe than a range excess.
            ev["grid_only"] = True
            severity = lower_severity(severity)
        findings.append(
            Finding(
                detector=det,
                source="numeric",
                path=p,
                step=ev["first_step"],
                severity=severity,
                message=_message(det, ev, limits),
                evidence=ev,
            )
        )
    return findings
