"""``AdversarialChecker``: runs the numeric detectors over paths and the text rules over
trajectories, and returns findings."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from plasma._config import coerce_config
from plasma.auditor.calibration import Calibration
from plasma.auditor.config import DEFAULT_MODEL_MARGIN, AuditorConfig, DetectorConfig
from plasma.auditor.errors import CalibrationError
from plasma.auditor.findings import Finding, lower_severity
from plasma.auditor.invariants import Invariant, default_invariants
from plasma.auditor.numeric import NumericResult, ScanLimits, numeric_findings, scan_paths
from plasma.auditor.rules import CompiledRules
from plasma.auditor.trajectories import TrajectoryBatch
from plasma.errors import ShapeError
from plasma.simulator.paths import PhantomPaths

__all__ = ["AdversarialChecker", "PathCheck"]


@dataclass
class PathCheck:
    """What the checker found on a batch of paths."""

    findings: list[Finding]
    """One finding per path and detector that fired."""
    result: NumericResult
    """The raw scan arrays."""
    limits: ScanLimits
    """The limits the scan compared against."""
    notes: list[str] = field(default_factory=list)
    """How the limits were chosen (fallbacks, disabled detectors)."""


def manifold_misses(
    scores: Any,
    paths: PhantomPaths,
    invariants: Sequence[Invariant],
    names: list[str],
    line: np.ndarray,
) -> np.ndarray:
    """Every step's least error implied by the set the real states lie in
    (:func:`manifold_distance`), folded into ``scores.physics`` (``local_physics``; returned as
    ``[P, H]``, in lines)."""
    out, which = manifold_distance(paths, invariants, names, line)
    if out.any():
        worse = out > scores.physics
        scores.physics_var = np.where(worse, which, scores.physics_var)
        scores.physics = np.maximum(scores.physics, out)
    return out


def manifold_distance(
    paths: PhantomPaths,
    invariants: Sequence[Invariant],
    names: list[str],
    line: np.ndarray,
    *,
    above: float | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Every step's least error implied by the set the real states lie in: ``[P, H]`` in lines,
    and per step the variable that carries it. With ``above``, a norm's exact distance is
    computed only where a cheap upper bound of it (the radial one: the point of the sphere on
    the ray through the state) exceeds ``above``, and only values beyond ``above`` are kept
    (0 elsewhere): what is flagged beyond ``above`` is the same, at tens of millions of steps a
    second (``benches/bench_manifold_drift.py``).

    The invariants on the state (declared, or discovered on the real states: cos² + sin² = 1,
    a quaternion's norm, a clipped speed) hold on every real state, so a real step ends inside
    them whatever state it started from: an env that derives cos and sin from an angle puts a
    state off the circle back on it, an env that clips a speed clips it. An imagined next state
    at (scaled) distance ``t`` from that set therefore misses the real next state by at least
    ``t`` lines (``line``: ``LocalValidation.allowance_bound``, the line of "correct" at its
    upper confidence bound) in some variable (:func:`~plasma.auditor.local.norm_distance`),
    however it got there: the deviation a path accumulates a little at every step (the per-step
    copies of the invariants do not count it) is an error of the step that carries it beyond
    the line. A termination bound (``exempt_at_done``) counts only at a step the path goes on
    from: beyond it, either the real step ends the episode too (and the path should end) or it
    stays inside (and misses by the distance). A lower bound: no model, neighbour or reference
    error enters. Per-step invariants (``per_step``) are skipped."""
    from plasma.auditor.invariants import BoundsInvariant, NormInvariant, resolve_variable
    from plasma.auditor.local import linear_distance, norm_distance

    p, h, s = paths.num_paths, paths.horizon, paths.state_dim
    out = np.zeros((p, h))
    which = np.zeros((p, h), np.int64)
    line = np.asarray(line, np.float64)[:s]
    nxt = paths.states[:, 1:]
    mask = paths.step_mask()
    lengths = mask.sum(axis=1)
    goes_on = np.arange(h)[None, :] < (lengths[:, None] - 1)
    dtype = nxt.dtype.type
    for inv in invariants:
        if getattr(inv, "per_step", False):
            continue
        rows = mask & goes_on if getattr(inv, "exempt_at_done", False) else mask
        exact: Any = None
        if isinstance(inv, BoundsInvariant):
            idx = [resolve_variable(inv.variable, names, s)]
            x = nxt[..., idx[0]]
            t = np.maximum(np.maximum(inv.low - x, x - inv.high), 0.0) * dtype(1 / line[idx[0]])
        elif isinstance(inv, NormInvariant):
            idx = [resolve_variable(v, names, s) for v in inv.variables]
            # Column by column (views of the states, no copy of the path array): the radial
            # bound |1 - R / |x|| max_v |x_v| / line_v first.
            square = np.zeros((p, h), nxt.dtype)
            widest = np.zeros((p, h), nxt.dtype)
            for v in idx:
                col = nxt[..., v]
                square += col * col
                np.maximum(widest, np.abs(col) * dtype(1 / line[v]), out=widest)
            radius = float(np.sqrt(max(float(inv.value), 0.0)))
            with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
                t = np.abs(1.0 - radius / np.sqrt(square)) * widest
            # The exact distance where the bound does not settle it.
            exact = ~(t <= above) & rows if above is not None else rows
            value = float(inv.value)

            def exact_at(where: np.ndarray, idx: list[int] = idx, value: float = value) -> Any:
                pts = nxt[where][:, idx].astype(np.float64)
                return norm_distance(pts, value, line[idx])
        else:
            idx = [resolve_variable(v, names, s) for v in inv.coefficients]
            coefs = np.asarray([float(c) for c in inv.coefficients.values()], np.float64)
            pts = nxt[..., idx].astype(np.float64)
            t = linear_distance(pts.reshape(-1, len(idx)), coefs, float(inv.value), line[idx])
            t = t.reshape(p, h)
        # Only what can be flagged matters beyond ``above``: the rest stays at 0 (at most it).
        hit = ~(t <= (0.0 if above is None else above)) & rows
        if exact is not None and exact.any():
            t = t.astype(np.float64)
            t[exact] = exact_at(exact)
            hit = ~(t <= (0.0 if above is None else above)) & rows
        if not hit.any():
            continue
        value_at = np.where(np.isfinite(t[hit]), t[hit], 0.0)
        worse = value_at > out[hit]
        if worse.any():
            cells = tuple(ix[worse] for ix in np.nonzero(hit))
            pick = nxt[cells][:, idx].astype(np.float64)
            which[cells] = np.asarray(idx)[np.argmax(np.abs(pick) / line[idx], axis=1)]
            out[cells] = value_at[worse]
    return out, which


def project_states(
    states: np.ndarray, invariants: Sequence[Invariant], names: list[str]
) -> np.ndarray:
    """``states`` (``[N, S]``) put on the set every real state lies in, as an env that derives
    its state from an angle (or clips a speed) takes them: each norm invariant's variables
    scaled to its radius, each linear invariant's projected onto its plane, each bounds
    invariant that holds at every step (not a termination bound) clipped to it. Per-step
    invariants are skipped."""
    from plasma.auditor.invariants import BoundsInvariant, NormInvariant, resolve_variable

    out = np.array(states, np.float64, copy=True)
    s = out.shape[1]
    for inv in invariants:
        if getattr(inv, "per_step", False):
            continue
        if isinstance(inv, BoundsInvariant):
            if inv.exempt_at_done:
                continue
            v = resolve_variable(inv.variable, names, s)
            out[:, v] = np.clip(out[:, v], inv.low, inv.high)
        elif isinstance(inv, NormInvariant):
            idx = [resolve_variable(v, names, s) for v in inv.variables]
            norm = np.sqrt((out[:, idx] ** 2).sum(axis=1))
            radius = float(np.sqrt(max(inv.value, 0.0)))
            scale = np.where(norm > 0, radius / np.maximum(norm, 1e-300), 1.0)
            out[:, idx] *= scale[:, None]
        else:
            idx = [resolve_variable(v, names, s) for v in inv.coefficients]
            c = np.asarray([float(x) for x in inv.coefficients.values()], np.float64)
            gap = (out[:, idx] @ c - float(inv.value)) / max(float(c @ c), 1e-300)
            out[:, idx] -= gap[:, None] * c[None, :]
    return out


def drift_cuts(
    local: Any,
    paths: PhantomPaths,
    invariants: Sequence[Invariant],
    names: list[str],
    proven: dict[int, int],
    *,
    bounds: tuple[np.ndarray, np.ndarray] | None = None,
) -> dict[int, int]:
    """Per path with a proven drift (``proven``: path -> the first step that lies beyond the
    line), the first step not shown right: the first step not *shown* within the allowance in
    every outcome, or the proven step. The estimate is what the step would have to be in the
    real env: the env takes the state for its projection onto the real states' set
    (:func:`project_states`, the deviation the path inherited), and the real transitions near
    the projection (the local index's fit, ``LocalValidation.estimate``) say what it does from
    there; the imagined next state and reward against that. A step is shown right when that
    error plus the estimate's own bound (the fit's calibrated error there and the line's
    uncertainty, in quadrature: ``score``'s limit less the allowance) stays within the
    allowance: the mirror of the proof a flag needs. The path is already proven wrong, so its
    prefix is kept only where each step is shown right, not merely more likely right than wrong
    (the ground truth's line lies within the line's uncertainty of the allowance, and a drift
    grows smoothly: a step estimated just under the allowance is often just over the ground
    truth's line). A path whose drift is never proven is not cut:
    below the line, a step's estimate is judged against a line the calibration knows only to
    its sampling error, and the ground truth's line is itself a sample's (see
    ``benches/results/exploits.md``, stop 36)."""
    if not proven:
        return {}
    rows = np.asarray(sorted(proven), np.int64)
    s = paths.state_dim
    start = paths.states[rows, :-1].astype(np.float64)
    nxt = paths.states[rows, 1:].astype(np.float64)
    n, h = len(rows), paths.horizon
    here = project_states(start.reshape(-1, s), invariants, names)
    fitted, bound = local.estimate(here, paths.actions[rows].reshape(n * h, -1), bounds=bounds)
    predicted = np.concatenate([here + fitted[:, :s], fitted[:, s : s + 1]], axis=1).reshape(
        n, h, s + 1
    )
    actual = np.concatenate([nxt, paths.rewards[rows][..., None].astype(np.float64)], axis=2)
    allowance = np.asarray(local.allowance, np.float64)[: s + 1]
    shown = np.abs(actual - predicted) + bound.reshape(n, h, -1)[..., : s + 1]
    est = (shown / allowance).max(axis=2)
    est = np.where(np.isfinite(est), est, np.inf)
    out: dict[int, int] = {}
    for i, p in enumerate(rows.tolist()):
        k = proven[p]
        over = np.flatnonzero(est[i, :k] > 1.0)
        out[p] = int(over[0]) if len(over) else k
    return out


def drift_findings(
    distance: np.ndarray,
    which: np.ndarray,
    names: list[str],
    *,
    margin: float,
    severity: str,
    cuts: dict[int, int] | None = None,
    projected: np.ndarray | None = None,
) -> list[Finding]:
    """``manifold_drift``: per path, the first step whose next state lies more than ``margin``
    lines from the set every real state lies in (:func:`manifold_distance`): that step and
    every later one miss the real next state by more than the line in some variable, whatever
    the steps did (a deviation accumulated a little at a time counts); or, with ``projected``
    (``LocalScores.projected``), whose next state misses what the real transitions near the
    state the env would take do from there by more than ``margin`` limits (the inherited
    deviation plus the step's own error, each below the line, beyond it together). The
    finding says where
    the path stops being shown right (``cuts``, from :func:`drift_cuts`; the proven step
    without it): the review keeps the prefix before it (``PathVerdict.truncated_to``) when no
    other detector rejects the path, so a weak but honest model's long paths keep their right
    part and the drifted rest is never passed on."""
    out: list[Finding] = []
    far = distance > margin
    missed = np.zeros_like(far) if projected is None else projected > margin
    flagged = far | missed
    for p in np.flatnonzero(flagged.any(axis=1)).tolist():
        first = int(np.argmax(flagged[p]))
        cut = first if cuts is None else min(cuts.get(p, first), first)
        evidence: dict[str, Any] = {"first_step": first, "limit": margin, "truncate_at": cut}
        if far[p, first]:
            worst = int(np.argmax(distance[p]))
            var = int(which[p, first])
            label = names[var] if var < len(names) else str(var)
            message = (
                f"the state reached at step {first} lies {distance[p, first]:.1f}x the "
                f"line of correct from the states real data lies on ({label}); "
                f"worst {distance[p, worst]:.1f}x at step {worst}: the path is shown right "
                f"only up to step {cut}"
            )
            evidence.update(worst_step=worst, worst_value=float(distance[p, worst]))
        else:
            assert projected is not None
            worst = int(np.argmax(projected[p]))
            message = (
                f"the state reached at step {first} misses what real transitions do from the "
                f"state the env would take at step {first} by {projected[p, first]:.1f}x what "
                f"matters there (the deviation the path inherited and the step's own error); "
                f"worst {projected[p, worst]:.1f}x at step {worst}: the path is shown right "
                f"only up to step {cut}"
            )
            evidence.update(
                worst_step=worst, worst_value=float(projected[p, worst]), projected=True
            )
        out.append(
            Finding(
                detector="manifold_drift",
                source="numeric",
                path=p,
                step=cut,
                severity=severity,
                message=message,
                evidence=evidence,
            )
        )
    return out


def _vouch_support(
    findings: list[Finding], scores: Any, paths: PhantomPaths, limits: ScanLimits
) -> list[Finding]:
    """``out_of_support`` range excesses one severity level lower where the trusted reference
    shows right every step that starts or lands outside the real range (``support_vouched``):
    outside the data is where a model is unchecked, and a path the reference's corrected
    prediction shows right there step by step (its every outcome within the allowance less
    the prediction's own uncertainty, which widens with the distance from the real data) is
    checked. Grid-only findings (already lowered) and paths without such a reference keep
    theirs."""
    vouched = getattr(scores, "vouched", None)
    if vouched is None or limits.support_low is None or limits.support_high is None:
        return findings
    # Only the paths with a range excess are judged (the rest cost nothing).
    rows = sorted(
        {
            f.path
            for f in findings
            if f.detector == "out_of_support"
            and not f.evidence.get("grid_only")
            and 0 <= f.path < paths.num_paths
        }
    )
    if not rows:
        return findings
    low = np.asarray(limits.support_low, np.float64)
    high = np.asarray(limits.support_high, np.float64)
    scale = np.asarray(limits.support_scale, np.float64)
    states = np.asarray(paths.states[rows], np.float64)
    excess = np.maximum((low - states) / scale, (states - high) / scale).max(axis=2)
    outside = excess > limits.support_tolerance  # [R, H + 1]
    steps = np.arange(paths.horizon)[None, :]
    lengths = np.asarray(paths.lengths, np.int64)[rows][:, None]
    judged = (outside[:, :-1] | outside[:, 1:]) & (steps < lengths)
    ok = np.all(~judged | (np.asarray(vouched)[rows] <= 1.0), axis=1) & judged.any(axis=1)
    shown = {p for p, y in zip(rows, ok.tolist(), strict=True) if y}
    out: list[Finding] = []
    for f in findings:
        if f.detector == "out_of_support" and not f.evidence.get("grid_only") and f.path in shown:
            f = f.model_copy(
                update={
                    "severity": lower_severity(f.severity),
                    "evidence": {**f.evidence, "vouched": True},
                    "message": f.message
                    + "; every step outside it shown right by the trusted reference",
                }
            )
        out.append(f)
    return out


def _model_margin(cfg: DetectorConfig, local: Any) -> float:
    """``local_model_error``'s margin: the configured one, else the calibrated one, else the
    default."""
    if cfg.local_model_margin is not None:
        return cfg.local_model_margin
    return getattr(local, "model_margin", None) or DEFAULT_MODEL_MARGIN


class AdversarialChecker:
    """Finds exploits: numeric detectors (Rust) over phantom paths, rule packs over trajectories.

    >>> checker = AdversarialChecker(config, calibration=calibration)
    >>> check = checker.check_paths(paths)        # or: await checker.acheck_paths(paths)
    >>> check.findings[0].message
    """

    def __init__(
        self,
        config: AuditorConfig | Mapping[str, Any] | None = None,
        *,
        calibration: Calibration | None = None,
        rules: CompiledRules | None = None,
    ) -> None:
        """Use ``calibration`` for the data-calibrated detectors (without one only the
        calibration-free detectors run: non-finite values, invariants, action bounds) and
        ``rules`` (default: the packs named in the config, compiled on first use)."""
        self.config = coerce_config(AuditorConfig, config)
        self.calibration = calibration
        self._rules = rules
        self._scanners: dict[tuple[Any, ...], Any] = {}

    @property
    def rules(self) -> CompiledRules:
        """The compiled rule packs."""
        if self._rules is None:
            self._rules = CompiledRules.load(self.config.rule_packs)
        return self._rules

    def set_calibration(self, calibration: Calibration | None) -> None:
        """Replace the calibration (drops the compiled scanners)."""
        self.calibration = calibration
        self._scanners.clear()

    # ----------------------------------------------------------------------------- paths
    def _state_names(self, paths: PhantomPaths) -> list[str]:
        s = paths.state_dim
        if len(paths.meta.state_names) == s:
            return list(paths.meta.state_names)
        cal = self.calibration
        if cal is not None and len(cal.state_names) == s:
            return list(cal.state_names)
        return [f"x{i}" for i in range(s)]

    def invariants_for(self, env_id: str | None) -> list[Invariant]:
        """The environment's default invariants (if enabled) plus the declared ones."""
        base = default_invariants(env_id) if self.config.default_invariants else []
        return [*base, *self.config.invariants]

    def limits_for(self, paths: PhantomPaths) -> tuple[ScanLimits, list[str]]:
        """The limits for a batch, and notes on how they were chosen.

        Raises:
            CalibrationError: the calibration has another state or action dimension.
        """
        cfg = self.config.detectors
        cal = self.calibration
        notes: list[str] = []
        if cal is not None and (
            cal.state_dim != paths.state_dim or cal.action_dim != paths.action_dim
        ):
            raise CalibrationError(
                f"the calibration ({cal.env_id}: {cal.state_dim} state and {cal.action_dim} "
                f"action variables) does not fit paths with {paths.state_dim} state and "
                f"{paths.action_dim} action variables"
            )
        env_id = paths.meta.env_id or self.config.env_id or (cal.env_id if cal else None)
        threshold: float | None = None
        if "uncertainty" not in cfg.disabled:
            if cfg.uncertainty_threshold is not None:
                threshold = cfg.uncertainty_threshold
            elif (
                cal is not None
                and cal.uncertainty_threshold is not None
                and (
                    cal.uncertainty_source != "own_reference"
                    or self._scoring_reference() is not None
                )
            ):
                threshold = cal.uncertainty_threshold
                ref = self._scoring_reference()
                if ref is not None:
                    notes.append(
                        f"uncertainty: the imagined steps are scored with the auditor's own "
                        f"reference model ({ref.fit_steps} real steps fitted on, limit "
                        f"{threshold:.3g} from {ref.held_out_steps} held out), not with the "
                        "disagreement the paths record"
                    )
            elif cfg.uncertainty_fallback == "first_step":
                if cal is not None and cal.uncertainty_source == "own_reference":
                    notes.append(
                        "the calibration's own reference model did not survive a JSON round "
                        "trip: its uncertainty threshold is not used"
                    )
                threshold = self._first_step_threshold(paths)
                if threshold is None:
                    notes.append(
                        "uncertainty detector off: no model measured disagreement on real data "
                        "and the paths record none"
                    )
                else:
                    notes.append(
                        f"uncertainty threshold {threshold:.3g} calibrated on the paths' first "
                        "steps (from real start states); pass a model to calibrate() for a "
                        "threshold measured on real data"
                    )
            else:
                notes.append("uncertainty detector off: no model to calibrate it")
        if cal is None:
            notes.append(
                "no calibration: only non-finite values, invariants and action bounds checked"
            )
        low, high = paths.meta.action_low, paths.meta.action_high
        if paths.meta.discrete_actions is not None and low is None:
            low, high = [0.0], [float(paths.meta.discrete_actions - 1)]
        names = self._state_names(paths)
        invariants = self.invariants_for(env_id)
        invariants += self.discovered_invariants(invariants, names, paths.state_dim)
        if cfg.manifold_invariants != "off":
            invariants = self.manifold_invariants(
                invariants, names, paths.state_dim, per_step=cfg.manifold_invariants == "step"
            )
        limits = ScanLimits.build(
            state_dim=paths.state_dim,
            action_dim=paths.action_dim,
            state_names=names,
            calibration=cal,
            config=cfg,
            invariants=invariants,
            action_low=None if low is None else np.asarray(low),
            action_high=None if high is None else np.asarray(high),
            uncertainty_threshold=threshold,
        )
        return limits, notes

    def discovered_invariants(
        self, invariants: list[Invariant], names: list[str], state_dim: int
    ) -> list[Invariant]:
        """The calibration's norms (``Calibration.norms``) whose group of variables no norm
        among ``invariants`` has (none when ``discovered_invariants`` is off)."""
        from plasma.auditor.invariants import NormInvariant, resolve_variable

        cal = self.calibration
        if cal is None or not self.config.discovered_invariants or cal.state_dim != state_dim:
            return []
        known = {
            frozenset(resolve_variable(v, names, state_dim) for v in inv.variables)
            for inv in invariants
            if isinstance(inv, NormInvariant)
        }
        return [
            inv
            for inv in cal.norms
            if frozenset(resolve_variable(v, names, state_dim) for v in inv.variables) not in known
        ]

    def manifold_invariants(
        self,
        invariants: list[Invariant],
        names: list[str],
        state_dim: int,
        *,
        per_step: bool = True,
    ) -> list[Invariant]:
        """Norm and linear invariants in the variables' own units: a state at distance
        ``delta`` from the invariant's manifold (a circle, a plane) is off by at least
        ``delta / sqrt(n)`` in one of its ``n`` variables, so ``delta`` may reach ``sqrt(n)`` x
        the smallest allowance (``LocalValidation.allowance``, the error that matters) of those
        variables. A norm ``sum s_v^2 = r^2`` allows ``(r + delta)^2 - r^2``; a linear relation
        ``c . s = v`` allows ``|c| delta``.

        ``per_step``: each such invariant is kept and gets a per-step copy with that tolerance:
        one step may move the state at most ``delta`` off the manifold. Compounding-free: the
        deviation a state inherited from earlier steps does not count, so a long path that
        drifts off a little at every step passes while a step that leaves the manifold is
        caught. Otherwise the declared tolerance on the state itself is tightened to ``delta``
        (when tighter). Without the local index the invariants are returned unchanged."""
        from plasma.auditor.invariants import LinearInvariant, NormInvariant, resolve_variable

        cal = self.calibration
        local = None if cal is None else cal.local
        if local is None:
            return invariants
        allowance = np.asarray(local.allowance, np.float64)[:state_dim]
        out: list[Invariant] = []
        for inv in invariants:
            if isinstance(inv, NormInvariant) and not inv.per_step:
                idx = [resolve_variable(v, names, state_dim) for v in inv.variables]
                delta = float(np.sqrt(len(idx)) * allowance[idx].min())
                radius = float(np.sqrt(max(inv.value, 0.0)))
                tol = (radius + delta) ** 2 - radius**2
            elif isinstance(inv, LinearInvariant) and not inv.per_step:
                idx = [resolve_variable(v, names, state_dim) for v in inv.coefficients]
                delta = float(np.sqrt(len(idx)) * allowance[idx].min())
                norm = float(np.linalg.norm([float(c) for c in inv.coefficients.values()]))
                tol = norm * delta
            else:
                out.append(inv)
                continue
            usable = bool(np.isfinite(tol) and tol > 0.0)
            if per_step:
                out.append(inv)
                if usable:
                    name = None if inv.name is None else f"{inv.name} (change per step)"
                    update = {"per_step": True, "tolerance": tol, "name": name}
                    out.append(inv.model_copy(update=update))
            elif usable and tol < inv.tolerance:
                out.append(inv.model_copy(update={"tolerance": tol}))
            else:
                out.append(inv)
        return out

    def _first_step_threshold(self, paths: PhantomPaths) -> float | None:
        assert paths.uncertainty is not None
        assert paths.lengths is not None
        first = paths.uncertainty[paths.lengths > 0, 0].astype(np.float64)
        first = first[np.isfinite(first)]
        if first.size < 4 or float(first.max()) <= 0.0:
            return None
        cfg = self.config.detectors
        return float(np.quantile(first, cfg.uncertainty_quantile)) * cfg.uncertainty_margin

    def _scanner(self, limits: ScanLimits) -> Any:
        key = (
            limits.state_dim,
            limits.action_dim,
            None if limits.uncertainty_threshold is None else float(limits.uncertainty_threshold),
            tuple(limits.state_names),
            None if limits.action_low is None else limits.action_low.tobytes(),
            None if limits.action_high is None else limits.action_high.tobytes(),
            repr(limits.invariants),
        )
        scanner = self._scanners.get(key)
        if scanner is None:
            scanner = limits.scanner()
            self._scanners[key] = scanner
        return scanner

    def check_paths(self, paths: PhantomPaths) -> PathCheck:
        """Run the numeric detectors over every path (blocking; the scan releases the GIL).

        Raises:
            ShapeError: ``paths`` is not a ``PhantomPaths``.
            CalibrationError: the calibration does not fit the paths.
        """
        if not isinstance(paths, PhantomPaths):
            raise ShapeError(
                f"the auditor takes PhantomPaths, got {type(paths).__name__}; build one with "
                "PhantomPaths(states=..., actions=..., rewards=...)"
            )
        limits, notes = self.limits_for(paths)
        result = scan_paths(
            self._scanner(limits), self.scored(paths, limits), num_threads=self.config.num_threads
        )
        findings = self.findings_of(result, limits, paths)
        return PathCheck(findings=findings, result=result, limits=limits, notes=notes)

    def _scoring_reference(self) -> Any:
        """The calibration's own reference model (``Calibration.reference_model``) where it
        scores the uncertainty detector: none when the config fixes the threshold."""
        cal = self.calibration
        if cal is None or self.config.detectors.uncertainty_threshold is not None:
            return None
        return cal.reference_model

    def scored(self, paths: PhantomPaths, limits: ScanLimits) -> PhantomPaths:
        """``paths`` as the numeric scan reads them: with the calibration's own reference model
        (``Calibration.reference_model``) and the uncertainty detector on, a shallow copy whose
        ``uncertainty`` is that model's disagreement at each imagined step's state and action
        (the unit its threshold was measured in); else ``paths`` itself."""
        ref = self._scoring_reference()
        if ref is None or limits.uncertainty_threshold is None:
            return paths
        assert paths.lengths is not None
        values = ref.score_paths(paths.states, paths.actions, paths.lengths)
        return dataclasses.replace(paths, uncertainty=values)

    def findings_of(
        self, result: NumericResult, limits: ScanLimits, paths: PhantomPaths
    ) -> list[Finding]:
        """All findings of a scan: the numeric detectors' (loops checked against what real data
        pays where they run), the local detectors' and the model-level ones."""
        findings = numeric_findings(result, limits, self.config.detectors)
        ref = self._scoring_reference()
        if ref is not None:
            findings = [_by_reference(f, ref) for f in findings]
        findings = self._check_loops(findings, paths)
        local, scores = self._local(paths, limits)
        if scores is not None and self.config.detectors.support_vouched:
            findings = _vouch_support(findings, scores, paths, limits)
        findings += local
        findings += self.model_findings()
        return findings

    def _check_loops(self, findings: list[Finding], paths: PhantomPaths) -> list[Finding]:
        """A ``reward_cycle`` loop pays more than real data usually does (a global quantile);
        a loop where the task itself pays that much (a pendulum held upright, a walker's gait)
        is no farming. With the local index, a loop is kept only when its mean reward exceeds
        what the real transitions nearest to its steps pay (the local reference's mean
        prediction over the loop) by more than ``local_margin`` reward tolerances; otherwise its
        finding is lowered to "info" and says why."""
        cal = self.calibration
        local = None if cal is None else cal.local
        if local is None or not any(f.detector == "reward_cycle" for f in findings):
            return findings
        margin = self.config.detectors.local_margin
        out = []
        for f in findings:
            if f.detector != "reward_cycle":
                out.append(f)
                continue
            start, end = int(f.evidence["loop_start"]), int(f.evidence["worst_step"]) + 1
            steps = np.arange(start, end)
            if steps.size == 0:
                out.append(f)
                continue
            real = local.predict(paths.states[f.path, steps], paths.actions[f.path, steps])
            real_rate = float(real[:, -1].mean())
            limit = real_rate + margin * float(local.tolerance[-1])
            rate = float(f.evidence["worst_value"])
            if rate > limit:
                out.append(f)
                continue
            out.append(
                f.model_copy(
                    update={
                        "severity": "info",
                        "message": f.message
                        + (
                            f"; real transitions near the loop pay {real_rate:.3g} per step "
                            f"(limit {limit:.3g}): the task pays this much there, no farming"
                        ),
                        "evidence": {**f.evidence, "real_rate": real_rate, "real_limit": limit},
                    }
                )
            )
        return out

    def model_findings(self) -> list[Finding]:
        """Batch-level findings about the model itself (``path = -1``): a model much less certain
        on the real data than the trusted reference (``DetectorConfig.uncertainty_scale_limit``)."""
        cfg = self.config.detectors
        cal = self.calibration
        if cal is None or cal.uncertainty_scale is None or "uncertainty" in cfg.disabled:
            return []
        scale = float(cal.uncertainty_scale)
        if scale <= cfg.uncertainty_scale_limit:
            return []
        severity = {**DetectorConfig().severities, **cfg.severities}["uncertainty"]
        return [
            Finding(
                detector="uncertainty",
                source="numeric",
                path=-1,
                step=-1,
                severity=severity,
                message=(
                    f"the model's median ensemble disagreement on the real data is {scale:.2g}x "
                    f"the trusted reference's (limit {cfg.uncertainty_scale_limit:g}x): it is "
                    "less certain everywhere, so none of its paths is as trustworthy as the "
                    "reference's"
                ),
                evidence={"uncertainty_scale": scale, "limit": cfg.uncertainty_scale_limit},
            )
        ]

    def local_findings(self, paths: PhantomPaths, limits: ScanLimits) -> list[Finding]:
        """The local validation detectors (``plasma.auditor.local``), when calibrated."""
        return self._local(paths, limits)[0]

    def _local(self, paths: PhantomPaths, limits: ScanLimits) -> tuple[list[Finding], Any]:
        """``local_findings`` and the scores they came from (None when not calibrated)."""
        cal = self.calibration
        if cal is None or cal.local is None:
            return [], None
        from plasma.auditor.local import local_findings

        cfg = self.config.detectors
        severities = {**DetectorConfig().severities, **cfg.severities}
        env_id = paths.meta.env_id or self.config.env_id or cal.env_id
        bounds = None
        if "invariant" not in cfg.disabled:
            bounds = self.kept_bounds(self.invariants_for(env_id), limits.state_names, paths)
        judge_drift = (
            cfg.manifold_invariants == "step"
            and "invariant" not in cfg.disabled
            and "manifold_drift" not in cfg.disabled
        )
        taken = None
        if judge_drift and cal.local.has_reference:
            # The states the env would take the steps' states for: the drift a path inherited
            # is judged with the step that carries it (``LocalScores.projected``; it needs the
            # trusted reference as a second witness).
            invariants = self.invariants_for(env_id)
            invariants += self.discovered_invariants(
                invariants, limits.state_names, paths.state_dim
            )
            if invariants:
                here = paths.states[:, :-1].reshape(-1, paths.state_dim)
                taken = project_states(here, invariants, limits.state_names).reshape(
                    paths.num_paths, paths.horizon, paths.state_dim
                )
        scores = cal.local.score(
            paths, num_threads=self.config.num_threads, bounds=bounds, taken=taken
        )
        if cfg.manifold_invariants == "state" and "invariant" not in cfg.disabled:
            # The deviation a path accumulates counts only in the "state" mode: by default
            # (compounding-free, as the replays judge) a long path that drifts off a little at
            # every step passes (the product's example: 10 paths of 100 steps of a model fitted
            # on 1,000 Pendulum steps keep 8 of 10 approved, 3 with this bound).
            names = limits.state_names
            invariants = self.invariants_for(env_id)
            invariants += self.discovered_invariants(invariants, names, paths.state_dim)
            line = np.asarray(cal.local.allowance_bound)
            manifold_misses(scores, paths, invariants, names, line)
        drift: list[Finding] = []
        if judge_drift:
            # Compounding-free by default, but the deviation a path accumulates still says
            # where the path stops being right: a manifold_drift finding there, which the
            # review turns into a cut (the prefix is kept) when nothing rejects earlier.
            names = limits.state_names
            invariants = self.invariants_for(env_id)
            invariants += self.discovered_invariants(invariants, names, paths.state_dim)
            line = np.asarray(cal.local.allowance_bound)
            margin = cfg.local_physics_margin
            distance, which = manifold_distance(paths, invariants, names, line, above=margin)
            flagged = distance > cfg.local_physics_margin
            if scores.projected is not None:
                flagged |= scores.projected > cfg.local_physics_margin
            proven = {
                int(p): int(np.argmax(flagged[p])) for p in np.flatnonzero(flagged.any(axis=1))
            }
            drift = drift_findings(
                distance,
                which,
                names,
                margin=cfg.local_physics_margin,
                severity=str(severities["manifold_drift"]),
                cuts=drift_cuts(cal.local, paths, invariants, names, proven, bounds=bounds),
                projected=scores.projected,
            )
        found = drift + local_findings(
            scores,
            names=limits.state_names,
            margin=cfg.local_physics_margin,
            model_margin=_model_margin(cfg, cal.local),
            min_steps=cfg.local_min_steps,
            severities={str(k): str(v) for k, v in severities.items()},
            disabled={str(d) for d in cfg.disabled},
        )
        return found, scores

    def kept_bounds(
        self, invariants: Sequence[Invariant], names: list[str], paths: PhantomPaths
    ) -> tuple[np.ndarray, np.ndarray] | None:
        """Per state variable, the bounds every real next state keeps (``[S]`` lows and highs,
        infinite where none; None when there are none): the declared bounds invariants that
        hold at every step (not a termination bound, ``exempt_at_done``) and that the
        calibration's real states never cross (an env's clip; a bound the real states cross is
        a limit of another kind, and is skipped). The local detectors project their references'
        predicted next states into them (``LocalValidation.score``)."""
        from plasma.auditor.invariants import BoundsInvariant, resolve_variable

        cal = self.calibration
        s = paths.state_dim
        low, high = np.full(s, -np.inf), np.full(s, np.inf)
        seen_low = None if cal is None else np.asarray(cal.state_low, np.float64)
        seen_high = None if cal is None else np.asarray(cal.state_high, np.float64)
        found = False
        for inv in invariants:
            if not isinstance(inv, BoundsInvariant) or inv.exempt_at_done:
                continue
            v = resolve_variable(inv.variable, names, s)
            lo, hi = float(inv.low), float(inv.high)
            if seen_low is None or seen_high is None or len(seen_low) != s:
                continue
            if seen_low[v] < lo or seen_high[v] > hi:
                continue
            low[v], high[v] = max(low[v], lo), min(high[v], hi)
            found = True
        return (low, high) if found else None

    async def acheck_paths(self, paths: PhantomPaths) -> PathCheck:
        """:meth:`check_paths` off the event loop."""
        return await asyncio.to_thread(self.check_paths, paths)

    # ----------------------------------------------------------------------------- trajectories
    def check_trajectories(self, batch: TrajectoryBatch | Sequence[Any]) -> list[Finding]:
        """Run the rule packs over every step; one finding per (step, rule) that fired, with
        ``path`` = the trajectory's index and ``step`` = the step's number in it."""
        if not isinstance(batch, TrajectoryBatch):
            batch = TrajectoryBatch.from_steps(batch)
        hits = self.rules.scan(batch.steps, num_threads=self.config.num_threads)
        index = batch.trajectory_index()
        numbers = batch.step_numbers()
        ids = batch.trajectory_ids
        findings = []
        for hit in hits:
            rule = hit.rule
            line = batch.lines[hit.step]
            findings.append(
                Finding(
                    detector=rule.id,
                    source="rule",
                    path=index[hit.step],
                    step=numbers[hit.step],
                    severity=rule.severity,
                    message=f"{rule.description or rule.id} [{hit.field}: {hit.excerpt}]",
                    evidence={
                        "rule": rule.id,
                        "category": rule.category,
                        "field": hit.field,
                        "match": hit.excerpt,
                        "start": hit.start,
                        "end": hit.end,
                        "line": line,
                    },
                    trajectory_id=ids[index[hit.step]],
                )
            )
        return findings

    async def acheck_trajectories(self, batch: TrajectoryBatch | Sequence[Any]) -> list[Finding]:
        """:meth:`check_trajectories` off the event loop."""
        return await asyncio.to_thread(self.check_trajectories, batch)


def _by_reference(finding: Finding, reference: Any) -> Finding:
    """An ``uncertainty`` finding scored by the auditor's own reference, said so."""
    if finding.detector != "uncertainty" or finding.path < 0:
        return finding
    return finding.model_copy(
        update={
            "message": finding.message.replace(
                "ensemble disagreement", "the auditor's reference model's disagreement", 1
            )
            + (
                f" (the reference was fitted on {reference.fit_steps} real steps; its limit is "
                f"drawn from {reference.held_out_steps} held out: the path goes where real "
                "data does not pin the dynamics down)"
            ),
            "evidence": {**finding.evidence, "scored_by": "own_reference"},
        }
    )
