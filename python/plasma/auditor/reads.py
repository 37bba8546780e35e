"""The reward's own local witness, in the features the reward reads (round 22).

``local_physics`` judges every outcome of an imagined step (each variable's change, the reward)
against a locally weighted linear fit of the real transitions nearest to the step in *all* the
state and action features. A reward is a designed function of a few of them (a distance to a
target, a control cost, an angle from upright): the features it does not read (velocities,
mostly) only push the neighbours away along the ones it does, and the fit then extrapolates a
curved reward across a wide neighbourhood. A planner's paths go where the reward peaks, where
that fit is worst: the wall puck's honest paths near its target (reward minus the distance to
it) were flagged for the reward (held_out_20, round 21: 73 of 99 confirmed paths; the fit's
neighbours 1-1.6 usual distances away in the six features, spread 0.1-0.35 in position around
a target 0.16 away, its prediction 0.1 below the real reward where the allowance is 0.06).

:class:`RewardReads` finds at calibration which features the real reward reads: starting from
all of them, a feature is dropped when the reward's leave-one-out error over the real points
does not grow without it (one pass ranks the features by that error without each; they are then
dropped in that order while the error does not grow). Where it reads fewer than all, a second
index over those features alone fits the reward; its leave-one-out error, calibrated like the
full fit's (``local_false_alarm``), is its noise floor, and it replaces the full fit as the
reward's witness. A reward that reads every feature keeps the full fit; so does a reward that
does not vary (its tolerance is its line), and an index that works in a projection
(``local_fit_dims``) or a learned metric.

A linear fit of a curved reward is biased where its neighbours lie around the step rather than
along it: at a concave reward's peak, where a planner holds a path, the neighbours (on other
paths) all pay less, and the fit predicts less than the real reward there (held_out_22's bowl,
round 28: its honest paths flagged for the reward at 1.5-3.3 allowances *below* the real one).
The leave-one-out error does not see that bias where a real point's nearest neighbours are the
steps of its own path on either side of it. With ``trend`` (round 33), a quadratic in the read
features (every square and product, centred and scaled; squares only beyond ``END_PAIRS``
of them), fitted by least squares to every real point, is taken out first: the local fit works
on what it leaves and the trend is added back at the step, so the curvature a quadratic holds
(a distance to a target, a control cost, a height) no longer biases the fit. It is kept only
where it is the reward's form: it holds the reward at every real point within the reward's
allowance (the line of "correct"), and it lowers the reward's leave-one-out error. A quadratic
that leaves more explains the reward only in the bulk of the data, and where a planner goes
beyond it (Pendulum upright, the reward an angle's square, not a quadratic of its cosine and
sine: the quadratic misses it by up to 1.3 allowances; the wall puck's cone, 2.0) what the
local fit must follow is the difference's curvature (held_out_22's Pendulum honest paths:
flagged 47 more with such a trend kept). Every error bound is calibrated on the detrended fit.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from plasma.auditor.folds import held_out_query
from plasma.auditor.quadratic import quadratic

__all__ = ["ReadFit", "RewardReads"]

READS_SAMPLE = 4000
"""Real points (at most) whose leave-one-out errors choose the features (a seeded sample)."""


@dataclass
class ReadFit:
    """The read-feature fit at a batch of steps (``RewardReads.fit``), per step."""

    reward: np.ndarray
    """The reward the real neighbours in the read features predict."""
    bound: np.ndarray
    """That prediction's error bound (own units)."""
    distance: np.ndarray
    """The neighbour distance it was widened by (usual distances; at least ``farther``)."""
    correction: np.ndarray | None = None
    """With a reference: the fit of its signed reward error (own units)."""
    reference_error: np.ndarray | None = None
    """With a reference: the neighbours' mean of its reward error (allowances)."""
    correction_error: np.ndarray | None = None
    """With a reference: the neighbours' mean leave-one-out error of ``correction``
    (allowances)."""


class RewardReads:
    """A local witness of the reward over the features it reads (see the module docstring)."""

    def __init__(
        self,
        feats: np.ndarray,
        scale: np.ndarray,
        reward: np.ndarray,
        keep: np.ndarray,
        *,
        k: int,
        ridge: float,
        tolerance: float,
        quantile: float,
        factor: float | None,
        rate: float | None,
        seed: int = 0,
        folds: np.ndarray | None = None,
        trend: float | None = None,
    ) -> None:
        """``trend``: the line (own units) a quadratic trend must hold the reward within at
        every real point to be taken out (see the module docstring); None: no trend."""
        self._folds = folds
        """Per real point, its group of whole episodes: with it, the fit's own errors are
        measured from the other groups' points (``plasma.auditor.folds.held_out_query``)."""
        self.keep = np.asarray(keep, np.int64)
        """The features the reward reads (indices into the state and action features)."""
        self._points = np.ascontiguousarray(feats[:, self.keep], dtype=np.float32)
        self._scale = np.ascontiguousarray(scale[self.keep], dtype=np.float32)
        self.k = int(min(max(k, 2 * (len(self.keep) + 1)), len(self._points) - 1))
        self.ridge = float(ridge)
        self.tolerance = float(tolerance)
        self._trend: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None
        """``(centre, scale, weights)`` of the quadratic trend taken out before the local fit
        (see the module docstring); None: the plain fit."""
        raw = np.asarray(reward, np.float64).reshape(-1)
        self._reward = np.ascontiguousarray(raw, dtype=np.float32).reshape(-1, 1)
        if trend is not None:
            fitted = _fit_trend(self._points.astype(np.float64), raw)
            detrended = raw - _trend_at(fitted, self._points)
            if np.abs(detrended).max() <= trend:
                kept = _loo_error(self._points, self._scale, detrended, None, self.k, ridge)
                if kept < _loo_error(self._points, self._scale, raw, None, self.k, ridge):
                    self._trend = fitted
                    self._reward = np.ascontiguousarray(detrended, np.float32).reshape(-1, 1)
        self._build()
        loo = self._held_out(self._reward)
        resid = np.abs(self._reward[:, 0] - np.asarray(loo["prediction"])[:, 0]).astype(np.float64)
        self._values = np.ascontiguousarray((resid / self.tolerance)[:, None], dtype=np.float32)
        if self._folds is not None:
            # The usual distance stays the leave-one-out one, as ``LocalValidation``'s.
            everyone = np.arange(len(self._points), dtype=np.uint32)
            loo = self.index.query(self._points, k=self.k, ridge=self.ridge, exclude=everyone)
        self.distance_ref = max(float(np.quantile(loo["distance"], quantile)), 1e-9)
        """The usual neighbour distance in these features (as ``LocalValidation``'s)."""
        self.factor = float(factor) if factor is not None else 3.0
        """The multiple of the neighbours' mean leave-one-out error that bounds the fit's error
        (calibrated at ``rate`` like the full fit's; the fixed 3 without a rate)."""
        if rate is not None:
            rows = _sample(len(self._points), seed)
            out = self._held_out(self._reward, rows, self._values)
            near = np.asarray(out["values"], np.float64)[:, 0]
            wide = np.maximum(np.asarray(out["distance"], np.float64) / self.distance_ref, 1.0)
            with np.errstate(divide="ignore", invalid="ignore"):
                ratio = np.where(near > 0, resid[rows] / self.tolerance / (near * wide), np.nan)
            ratio = ratio[np.isfinite(ratio)]
            if ratio.size:
                self.factor = float(np.quantile(ratio, 1.0 - rate))

    def _build(self) -> None:
        from plasma import _core

        targets = self._reward
        signed = getattr(self, "_signed", None)
        if signed is not None:
            targets = np.ascontiguousarray(np.concatenate([targets, signed], 1), dtype=np.float32)
        self.index = _core.LocalIndex(self._points, targets, self._scale)

    @property
    def has_reference(self) -> bool:
        """Whether the trusted reference's reward error is fitted here (``set_reference``)."""
        return getattr(self, "_signed", None) is not None

    def set_reference(self, signed: np.ndarray, allowance: float, rate: float | None) -> None:
        """``reference_gap``'s reward in the read features: the trusted reference's signed
        reward error at each real point (``[N]``, own units) is fitted by this index after the
        reward (its correction), and the per-point values gain the reference's error and the
        correction's leave-one-out error (in allowances), as ``LocalValidation`` does
        over every feature. ``reference_factor``: the multiple of the neighbours' mean
        correction error that bounds the corrected prediction's error, calibrated at ``rate``
        like the fit's own (None: ``LOCAL_SPREAD``'s 3)."""
        self._signed = np.ascontiguousarray(np.asarray(signed).reshape(-1, 1), dtype=np.float32)
        self._build()
        targets = np.ascontiguousarray(np.concatenate([self._reward, self._signed], 1))
        loo = self._held_out(targets)
        miss = np.abs(self._signed[:, 0] - np.asarray(loo["prediction"])[:, 1])
        err = np.abs(self._signed[:, 0]).astype(np.float64) / allowance
        corr = miss.astype(np.float64) / allowance
        self._values = np.ascontiguousarray(
            np.stack([self._values[:, 0], err, corr], axis=1), dtype=np.float32
        )
        self.reference_factor = 3.0
        if rate is not None:
            rows = _sample(len(self._points), 0)
            out = self._held_out(targets, rows, self._values)
            near = np.asarray(out["values"], np.float64)[:, 2]
            wide = np.maximum(np.asarray(out["distance"], np.float64) / self.distance_ref, 1.0)
            with np.errstate(divide="ignore", invalid="ignore"):
                ratio = np.where(near > 0, corr[rows] / (near * wide), np.nan)
            ratio = ratio[np.isfinite(ratio)]
            if ratio.size:
                self.reference_factor = float(np.quantile(ratio, 1.0 - rate))

    def _held_out(
        self,
        targets: np.ndarray,
        rows: np.ndarray | None = None,
        values: np.ndarray | None = None,
    ) -> Any:
        """The fit of ``targets`` (those of ``index``) at real points ``rows`` (all by
        default) without themselves: leaving each point out, or its group of episodes."""
        folds = getattr(self, "_folds", None)
        if folds is not None:
            return held_out_query(
                self._points,
                targets,
                self._scale,
                folds,
                k=self.k,
                ridge=self.ridge,
                rows=rows,
                values=values,
            )
        at = np.arange(len(self._points), dtype=np.uint32) if rows is None else rows
        extra: dict[str, Any] = {} if values is None else {"values": values}
        return self.index.query(
            self._points[at], k=self.k, ridge=self.ridge, exclude=at.astype(np.uint32), **extra
        )

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        del state["index"]
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._build()

    def fit(
        self,
        feats: np.ndarray,
        num_threads: int | None = None,
        *,
        farther: np.ndarray | None = None,
    ) -> ReadFit:
        """Per step (state and action features ``[M, F]``): the reward its real neighbours in
        the read features predict, and that prediction's error bound (own units): the factor x
        their mean leave-one-out error, wider in proportion where they are farther than usual,
        or where ``farther`` (``[M]``, in usual distances) is larger, as far as it says. With a
        reference (``set_reference``), the same neighbours' fit of its signed reward error and
        their mean errors, for ``reference_gap``."""
        out = self.index.query(
            np.ascontiguousarray(feats[:, self.keep], dtype=np.float32),
            k=self.k,
            ridge=self.ridge,
            values=self._values,
            num_threads=num_threads,
        )
        fitted = np.asarray(out["prediction"], np.float64)
        if self._trend is not None:
            fitted[:, 0] += _trend_at(self._trend, feats[:, self.keep])
        near = np.asarray(out["values"], np.float64)
        d = np.asarray(out["distance"], np.float64) / self.distance_ref
        if farther is not None:
            d = np.maximum(d, np.asarray(farther, np.float64))
        bound = self.factor * near[:, 0] * self.tolerance * np.maximum(d, 1.0)
        if not self.has_reference:
            return ReadFit(fitted[:, 0], bound, d)
        return ReadFit(fitted[:, 0], bound, d, fitted[:, 1], near[:, 1], near[:, 2])


def _sample(n: int, seed: int) -> np.ndarray:
    if n <= READS_SAMPLE:
        return np.arange(n, dtype=np.uint32)
    pick = np.random.default_rng(seed).choice(n, READS_SAMPLE, replace=False)
    return np.sort(pick).astype(np.uint32)


def _fit_trend(points: np.ndarray, reward: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The reward's least-squares quadratic in ``points`` (``[N, r]``): ``(centre, scale,
    weights)`` over :func:`plasma.auditor.quadratic.quadratic` of the centred, scaled points."""
    centre = points.mean(axis=0)
    scale = points.std(axis=0) + 1e-9
    design = quadratic((points - centre) / scale)
    weights = np.linalg.lstsq(design, reward, rcond=None)[0]
    return centre, scale, weights


def _trend_at(trend: tuple[np.ndarray, np.ndarray, np.ndarray], points: np.ndarray) -> np.ndarray:
    """The quadratic trend (``_fit_trend``) at ``points`` (``[M, r]``): ``[M]``."""
    centre, scale, weights = trend
    z = (np.asarray(points, np.float64) - centre) / scale
    return np.asarray(quadratic(z) @ weights, np.float64)


def _loo_error(
    feats: np.ndarray,
    scale: np.ndarray,
    reward: np.ndarray,
    keep: list[int] | None,
    k: int,
    ridge: float,
) -> float:
    """The reward's mean leave-one-out error (own units) of a local fit over features ``keep``
    (None: every column of ``feats``) at a seeded sample of the real points."""
    from plasma import _core

    keep = list(range(feats.shape[1])) if keep is None else keep
    points = np.ascontiguousarray(feats[:, keep], dtype=np.float32)
    target = np.ascontiguousarray(reward, dtype=np.float32).reshape(-1, 1)
    index = _core.LocalIndex(points, target, np.ascontiguousarray(scale[keep], dtype=np.float32))
    kk = int(min(max(k, 2 * (len(keep) + 1)), len(points) - 1))
    rows = _sample(len(points), 0)
    out = index.query(points[rows], k=kk, ridge=ridge, exclude=rows)
    return float(np.mean(np.abs(target[rows, 0] - np.asarray(out["prediction"])[:, 0])))


def read_features(
    feats: np.ndarray, scale: np.ndarray, reward: np.ndarray, *, k: int, ridge: float
) -> np.ndarray:
    """The features the reward reads (see the module docstring): all of them where none can be
    dropped without the reward's leave-one-out error growing."""
    f = feats.shape[1]
    everything = list(range(f))
    best = _loo_error(feats, scale, reward, everything, k, ridge)
    if f < 2:
        return np.asarray(everything, np.int64)
    without = [
        _loo_error(feats, scale, reward, [c for c in everything if c != j], k, ridge)
        for j in everything
    ]
    keep = list(everything)
    for j in np.argsort(without, kind="stable").tolist():
        if len(keep) == 1:
            break
        trial = [c for c in keep if c != j]
        err = without[j] if len(keep) == f else _loo_error(feats, scale, reward, trial, k, ridge)
        if err <= best:
            keep, best = trial, err
    return np.asarray(keep, np.int64)
