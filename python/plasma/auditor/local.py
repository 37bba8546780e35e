"""Local validation against real data: is each imagined transition what real transitions near it
do, and is the model right near it?

Built once at calibration from real transitions the model was not fitted on: a k-d tree (Rust,
``plasma._core.LocalIndex``) over their features ``(state, action)``, each scaled by its standard
deviation, with their outcomes ``(next_state - state, reward)``. For an imagined transition the
index fits the outcomes of its ``k`` nearest real transitions with a locally weighted linear
regression and predicts the outcome at the imagined state and action: a reference the auditor
owns, made of real data only, so a bad model cannot loosen it. Where real episodes end, the
reward of a step a path goes on from is judged by a second index of the transitions that go on
(round 16, ``_reward_witness``): a step that ends pays another reward (no alive bonus), a jump
in a live step's neighbourhood near the failure boundary that no local fit follows (the inverted
double pendulum's reward: its fit's 95% leave-one-out error on live steps 2.97 allowances with
the ends mixed in, 0.03 without). The state outcomes keep every transition (the dynamics do not
change at an end; without the ends' states the fits near the boundary extrapolate), and the line
of "correct" is drawn from every transition, as the ground truth draws it.

- ``local_termination`` (round 16): the ends are a witness of their own, a logistic
  regression of every calibration transition's 0/1 end on its *next state*'s quadratic
  features (an env decides an end from the state a step reaches; a quadratic boundary holds a
  bound on a variable, a tip's height near upright, a health range). A path that goes on from a
  step (to a next step of its own: not its last step, not a done) whose next state lies where
  a real step more likely ends than not (the fitted probability above ``END_LINE``, 1/2) has
  the failure boundary wrong: the ground truth's "the real env ends where the path goes on".
  (The nearest real next states were tried first: on 20,000 fresh random steps of CartPole,
  InvertedPendulum and the inverted double pendulum their local fit put 1.1-1.5% of the live
  steps over the line, the logistic 0.09-0.7%, and found 84-95% of the ends, the logistic
  91-97%: the neighbours' distance weighs every variable alike, the velocities too, which do
  not decide an end.)

- ``local_physics``: the imagined outcome misses the local real prediction by more than the
  error that matters plus the reference's own error there: per outcome, the *allowance*
  (``local_allowance`` x the std of the variable's real one-step change over the steps that go
  on, not those that end the episode, or of the real reward;
  an outcome with no real spread of its own is degenerate (a constant variable or reward) and
  gets its tolerance instead, at least the calibration's resolution of it)
  plus ``LOCAL_SPREAD`` x the neighbours' mean leave-one-out error (the local noise floor of
  the real-data reference, wider in proportion where the neighbours are farther than usual),
  plus the batch's sampling noise. A path's model may be off by less than the allowance
  everywhere and no noise of the reference counts against it; an error the size of the
  allowance is flagged wherever the reference is precise. A second real-data prediction is
  judged the same way: the *linear law* of the real transitions, one least-squares fit of each
  outcome on ``(1, state, action)`` over all of them (the transitions that go on), with its own
  error near the step (``LOCAL_SPREAD`` x its neighbours' mean absolute residual). Where an
  outcome is a linear function of the state and action (a position integrates its velocity:
  CartPole's ``x' = x + tau x_dot``, a MuJoCo joint's position over a step), the law is exact
  everywhere, also in the directions the ``k`` nearest neighbours do not span (a state whose
  velocities break the correlation they have in the data, where the local fit extrapolates
  along an ill-conditioned direction); where it is not, its residual near the step is large
  and it proves nothing.
  The reward has a witness of its own where the real reward reads fewer features than all
  (round 22, ``plasma.auditor.reads``, ``reward_reads``): a second index over the features it
  reads fits it, and its prediction and calibrated bound replace the full fit's for the reward
  (features it does not read only push the neighbours away along those it does, and a
  planner's paths go where a curved reward peaks, where such a fit is worst); ``reference_gap``'s
  reward correction and the loop check's reward (``predict``) come from that witness too
  (round 22b). Where a few real transitions jump (``_jump_rows``: a puck's impact on a wall),
  a state outcome is proven wrong only where it also misses the same fit over the transitions
  without them (``_smooth_witness``, ``smooth_witness``): one jump among a step's neighbours
  levers their linear fit far off. With a trusted reference, a step whose neighbours lie beyond
  the usual distance is proven wrong in an outcome only where the reference's corrected
  prediction misses it too (round 23, ``far_agreement``): the local fit extrapolates there.
- ``path_evidence`` (opt-in, round 23, ``path_evidence``): a run of consecutive steps whose
  signed misses of the local fit add up to more than the line at each step could, by more than
  the fit's errors add up to on runs of real episodes (``evidence``, ``_calibrate_evidence``).
- ``local_model_error``: the model under audit (given to ``calibrate``) misses the real
  transitions nearest to the imagined one: the weighted mean of its errors there (the largest
  over the outcomes, in allowances: measured against real outcomes, no reference error enters)
  exceeds ``local_model_margin`` (with a stated false-alarm rate, a margin calibrated on the
  real data: ``model_margin``). A confident model that is wrong near real data is the signal.
- ``reference_gap`` (with a trusted ``reference`` model given to ``calibrate``, e.g. the last
  approved one): the imagined outcome misses the reference's *locally corrected* prediction at
  the same state and action by more than the allowance plus the corrected prediction's own
  error. A second witness, often more precise than the local linear fit inside the support. The
  reference's errors on the real transitions (signed, per outcome) are known at calibration;
  near a step they are smooth (a model's bias in a region, not the dynamics' curvature), so the
  index fits them too, with the same locally weighted linear regression (the same neighbours
  and factorisation as the outcomes'), and the step's prediction is the reference's minus that
  fitted error. The fitted error is limited to the
  reference's error bound there (``LOCAL_SPREAD`` x its mean error on the step's neighbours: a
  larger correction is the fit's extrapolation across a kink, not the reference's error), and
  the corrected prediction's error is ``LOCAL_SPREAD`` x the neighbours' mean leave-one-out
  error of that fit (measured against real outcomes, as the real-data reference's).

The allowance is the line of "correct" (``local_allowance`` 0.3 std: the exploit benchmark's
ground truth draws the same line): a step flagged by these detectors is off by more than the
allowance *whatever* the reference's error (within its 99% bound), so a step the ground truth
calls correct is not flagged because the detector draws a tighter line; one such step suffices.

The tolerance of an outcome (``tolerance``) is the ``local_quantile`` quantile of the
reference's own leave-one-out error on the real data, in the variable's units (plus the same
quantile of a trusted model's honest one-step error when ``calibrate`` gets a ``reference``; at
least ``local_tolerance_floor`` x the std of the variable's real one-step change): it is what a
degenerate outcome is allowed, the unit of the loop check and of ``sampling_noise``.

The allowance is a share of a spread estimated on the calibration data, and steps of one
episode are alike, so the estimate is only as precise as the number of episodes allows (2,000
steps of Acrobot are four episodes): its relative standard error is bootstrapped over whole
episodes at calibration, and a step is judged against the allowance widened by
``local_allowance_confidence`` of them (``allowance_bound``; in quadrature with the reference's
own error, two independent uncertainties).

A path is reported when at least ``local_min_steps`` of its steps are flagged.

Wide features: the local fit needs about ``2 (F + 1)`` neighbours for its ``F + 1``
coefficients, so a query costs about ``F^3`` (Humanoid's 365 state + action variables: 732
neighbours, minutes for a thousand steps). Above ``local_fit_dims`` (64) features, the index
(neighbour search, weights, distances and fits) works in a projection of the scaled features
(:func:`_fit_basis`: the action's own directions, then the real state's principal ones), so its
cost stops growing with the width; every tolerance, bound and floor is measured on the real data
in that same space, so the reference's lost precision shows as a larger noise floor, never as a
false alarm. The linear law keeps every feature. Narrower features are used as they are.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from plasma.auditor.folds import episode_folds, held_out_query
from plasma.auditor.quadratic import quadratic
from plasma.envs import Transitions
from plasma.simulator.paths import PhantomPaths

__all__ = ["LocalScores", "LocalValidation", "linear_distance", "norm_distance"]

END_LINE = 0.5
"""``local_termination``: a step a path goes on from is flagged where the real transitions near
it say the real env more likely ends there than not (their fitted end rate above this)."""

METRIC_SAMPLE = 2000
"""Real points whose local slopes give the learned metric (``LocalValidation._metric``)."""
METRIC_STEP = 0.05
"""The learned metric's central differences: this share of each coordinate's std."""
METRIC_FLOOR = 0.1
"""The learned metric's least eigenvalue, a share of its mean: no direction is dropped."""
LOCAL_SPREAD = 3.0
"""A tolerance widens to this multiple of the neighbours' mean leave-one-out error (a 99%
quantile is about three mean absolute errors for light-tailed errors)."""


def _change_spread(targets: np.ndarray, ended: np.ndarray) -> np.ndarray:
    """Per outcome: the std the allowance is a share of. A state variable's is the std of its
    real one-step change over the transitions that go on (a step that ends the episode, such as
    a fall past the termination bound, has no next step to be judged by: its change, often the
    largest of the data, is no measure of an ordinary step); the reward's is over every
    transition (a terminal reward is paid). Every transition when none goes on."""
    out = targets.std(axis=0).astype(np.float64)
    live = ~np.asarray(ended, bool)
    if live.sum() >= 2 and not live.all():
        out[:-1] = targets[live, :-1].std(axis=0)
    return np.asarray(out, np.float64)


JUMP_SPREADS = 4.0
"""``_jump_rows``: a real transition jumps where some state variable's change misses the
real transitions' linear law by more than this many spreads of that change."""
JUMP_SHARE = 0.05
"""``_jump_rows``: jumps are rare events (an impact), at most this share of the transitions;
more are the dynamics themselves, and none are set apart."""


def _jump_rows(law_resid: np.ndarray, spread: np.ndarray, state_dim: int) -> np.ndarray:
    """The calibration transitions the smooth witness leaves out (``_smooth_witness``): those
    whose change of some state variable misses the linear law by more than ``JUMP_SPREADS``
    spreads of that change (an impact reverses a velocity); none where they are more than
    ``JUMP_SHARE`` of them or the law left nothing (an outcome without spread)."""
    scale = np.asarray(spread, np.float64)[:state_dim]
    resid = np.asarray(law_resid, np.float64)[:, :state_dim]
    with np.errstate(divide="ignore", invalid="ignore"):
        far = np.where(scale > 0, resid / scale, 0.0) > JUMP_SPREADS
    jumps = np.asarray(far.any(axis=1), bool)
    if jumps.sum() > JUMP_SHARE * len(jumps):
        return np.zeros(len(jumps), bool)
    return jumps


def _witness_rows(ended: np.ndarray, least: int) -> np.ndarray:
    """The calibration transitions the reward witness is made of (``_reward_witness``): those
    that go on; every transition when fewer than ``least`` go on."""
    live = ~np.asarray(ended, bool)
    if live.sum() < least:
        return np.ones(len(live), bool)
    return live


def _fit_ends(
    next_obs: np.ndarray, ended: np.ndarray, ridge: float = 1e-3, iterations: int = 50
) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """The termination witness: a logistic regression of the 0/1 ends on the next state's
    quadratic features (the variables centred on their median and scaled by their std), by
    Newton's method with a ridge of ``ridge`` x the number of transitions on every weight but
    the intercept (an env's boundary separates its ends exactly, and the ridge keeps the
    weights finite). A quadratic boundary holds the usual failure sets: a bound on a variable
    (a cart's position, a pole's angle: ``x^2 > b^2``), a tip's height (a sum of cosines of
    angles, quadratic near upright), a health range. None without ends or without steps that
    go on."""
    y = np.asarray(ended, np.float64)
    if y.sum() < 1 or y.sum() >= len(y):
        return None
    x = np.asarray(next_obs, np.float64)
    centre = np.median(x, axis=0)
    scale = x.std(axis=0) + 1e-9
    design = quadratic((x - centre) / scale)
    penalty = ridge * len(y) * np.r_[0.0, np.ones(design.shape[1] - 1)]
    w = np.zeros(design.shape[1])
    w[0] = np.log(y.mean() / (1 - y.mean()))
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-np.clip(design @ w, -30, 30)))
        grad = design.T @ (p - y) + penalty * w
        hess = (design * (p * (1 - p))[:, None]).T @ design + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-6:
            break
    return centre, scale, w


def _end_rate(fit: tuple[np.ndarray, np.ndarray, np.ndarray], next_obs: np.ndarray) -> np.ndarray:
    """The termination witness's end probability at each next state (``_fit_ends``)."""
    centre, scale, w = fit
    logit = quadratic((np.asarray(next_obs, np.float64) - centre) / scale) @ w
    return np.asarray(1.0 / (1.0 + np.exp(-np.clip(logit, -30, 30))), np.float64)


EVIDENCE_WINDOWS = (4, 8, 16, 32)
"""``path_evidence``'s windows: the runs of consecutive steps whose errors it adds up."""
EVIDENCE_RATE = 0.01
"""``path_evidence``'s bound per window length and outcome: the ``1 - EVIDENCE_RATE`` quantile
of a real window's summed fit error over the root of its summed squared local noise."""
EVIDENCE_MIN_WINDOWS = 50
"""Fewer real windows of a length than this calibrate no bound for it (the length is not
judged)."""


RATIO_SAMPLE = 4000
"""Real points (at most) whose leave-one-out error ratios calibrate the bounds at a stated
false-alarm rate (``LocalValidation(false_alarm=...)``)."""

MIN_MARGIN_POINTS = 50
"""Real points (at least) near ``local_model_error``'s margin that calibrate it
(``LocalValidation._calibrated_model_margin``)."""

SPREAD_RESAMPLES = 200
"""Bootstrap resamples of the calibration's episodes that measure the spread's sampling error."""


def _spread_error(targets: np.ndarray, ended: np.ndarray, boundary: np.ndarray) -> np.ndarray:
    """Per outcome: the relative standard error of :func:`_change_spread`'s estimate, from a
    bootstrap over whole episodes (``boundary``: the transitions that end one, terminated or
    truncated). Steps of one episode are alike (a pendulum that starts low swings wide all
    episode), so the spread of 2,000 steps of ten episodes is known to about the precision of
    ten numbers, not of 2,000: resampling steps alone would hide it. Zeros with fewer than two
    episodes (nothing to resample)."""
    n, width = targets.shape
    stops = np.flatnonzero(np.asarray(boundary, bool))
    if not len(stops) or stops[-1] != n - 1:
        stops = np.append(stops, n - 1)
    if len(stops) < 2:
        return np.zeros(width)
    episode = np.repeat(np.arange(len(stops)), np.diff(np.r_[-1, stops]))
    live = ~np.asarray(ended, bool)
    x = targets.astype(np.float64)
    # Per episode: counts, sums and sums of squares over every step (the reward's) and over the
    # steps that go on (the state variables'), as _change_spread takes them.
    e = len(stops)

    def sums(rows: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        count = np.bincount(episode[rows], minlength=e).astype(np.float64)
        first = np.stack([np.bincount(episode[rows], x[rows, j], e) for j in range(width)], 1)
        second = np.stack([np.bincount(episode[rows], x[rows, j] ** 2, e) for j in range(width)], 1)
        return count, first, second

    every = np.ones(n, bool)
    split = live.sum() >= 2 and not live.all()
    rng = np.random.default_rng(0)
    draws = rng.multinomial(e, np.full(e, 1.0 / e), size=SPREAD_RESAMPLES).astype(np.float64)

    def spread(rows: np.ndarray) -> np.ndarray:
        count, first, second = sums(rows)
        c = draws @ count
        ok = c >= 2
        mean = (draws @ first) / np.maximum(c, 1.0)[:, None]
        var = (draws @ second) / np.maximum(c, 1.0)[:, None] - mean**2
        return np.asarray(np.sqrt(np.maximum(var, 0.0))[ok], np.float64)

    boot = spread(every)
    if split:
        state = spread(live)
        k = min(len(state), len(boot))
        boot = np.concatenate([state[:k, :-1], boot[:k, -1:]], axis=1)
    if len(boot) < 2:
        return np.zeros(width)
    base = _change_spread(targets, ended)
    rel = boot.std(axis=0) / np.maximum(base, 1e-12)
    return np.asarray(np.where(base > 0, rel, 0.0), np.float64)


def _linear_law(
    feats: np.ndarray, targets: np.ndarray, ended: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """The least-squares fit of each outcome on ``(1, features)`` over the transitions that go
    on (every transition when too few do), and every point's absolute residual: ``[1 + F, T]``
    and ``[N, T]`` (float32, own units)."""
    design = np.concatenate([np.ones((len(feats), 1)), feats.astype(np.float64)], axis=1)
    rows = ~np.asarray(ended, bool)
    if rows.sum() <= design.shape[1]:
        rows = np.ones(len(feats), bool)
    law, *_ = np.linalg.lstsq(design[rows], targets[rows].astype(np.float64), rcond=None)
    resid = np.abs(targets.astype(np.float64) - design @ law)
    return np.asarray(law, np.float64), np.ascontiguousarray(resid, dtype=np.float32)


def norm_distance(points: np.ndarray, value: float, line: np.ndarray) -> np.ndarray:
    """Per row of ``points`` (``[N, n]``, the variables of a norm invariant ``sum x^2 =
    value``): the least error, in units of ``line`` (``[n]``, per variable), that some variable
    of the row has against *every* point of the manifold: the smallest ``t`` for which the box
    ``|y - x| <= t line`` meets the sphere. An env whose states all lie on the sphere (it
    derives cos and sin from an angle) ends every step on it, so a next state at ``t`` from it
    misses the real next state by at least ``t`` lines in some variable, whatever the step did:
    a lower bound of the step's error that needs no model and no neighbour. Inside the sphere
    ``sum (|x| + t line)^2 = value`` (a quadratic); outside ``sum max(|x| - t line, 0)^2 =
    value`` (decreasing in ``t``: a quadratic between the breakpoints ``|x_v| / line_v``)."""
    x = np.abs(np.asarray(points, np.float64))
    a = np.maximum(np.asarray(line, np.float64), 1e-300)
    out = np.zeros(len(x))
    if not len(x) or value < 0:
        return out
    q = (x**2).sum(axis=1)
    inside = q < value
    if inside.any():
        xi = x[inside]
        aa, b = float((a**2).sum()), 2.0 * (xi * a).sum(axis=1)
        c = q[inside] - value
        out[inside] = (-b + np.sqrt(np.maximum(b**2 - 4.0 * aa * c, 0.0))) / (2.0 * aa)
    outside = q > value
    if outside.any():
        # f(t) = sum over the variables still beyond t lines (x_v > t a_v, the largest
        # breakpoints x_v / a_v first) of (x_v - t a_v)^2: a quadratic on each segment between
        # breakpoints, decreasing; its root lies on the segment whose ends bracket it.
        xo = x[outside]
        order = np.argsort(-(xo / a), axis=1)
        xs = np.take_along_axis(xo, order, axis=1)
        as_ = a[order]
        stops = np.concatenate([xs / as_, np.zeros((len(xs), 1))], axis=1)
        w, m = np.cumsum(as_**2, 1), np.cumsum(xs * as_, 1)
        rest = np.cumsum(xs**2, 1) - value
        root = (m - np.sqrt(np.maximum(m**2 - w * rest, 0.0))) / w
        found = np.full(len(xo), np.nan)
        for k in range(xs.shape[1]):
            inside_k = (root[:, k] <= stops[:, k] + 1e-12) & (root[:, k] >= stops[:, k + 1] - 1e-12)
            found = np.where(np.isnan(found) & inside_k, root[:, k], found)
        out[outside] = np.where(np.isnan(found), 0.0, found)
    return out


def linear_distance(
    points: np.ndarray, coefficients: np.ndarray, value: float, line: np.ndarray
) -> np.ndarray:
    """Per row of ``points`` (``[N, n]``): the least error, in units of ``line``, that some
    variable has against every point of the plane ``coefficients . x = value`` (see
    :func:`norm_distance`): ``|c . x - value| / sum |c| line``."""
    c = np.asarray(coefficients, np.float64)
    scale = float((np.abs(c) * np.asarray(line, np.float64)).sum())
    if scale <= 0:
        return np.zeros(len(points))
    return np.asarray(np.abs(np.asarray(points, np.float64) @ c - value) / scale, np.float64)


def _quantile_ratio(own: np.ndarray, mean: np.ndarray, rate: float) -> np.ndarray:
    """Per column: the ``1 - rate`` quantile over the rows of ``own / mean`` (a real point's
    error over its neighbours' mean error), where defined; ``LOCAL_SPREAD`` for a column with no
    defined ratio (no error anywhere: a constant)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(mean > 0, own / mean, np.nan)
    factor = np.full(own.shape[1], LOCAL_SPREAD)
    for c in range(own.shape[1]):
        col = ratio[:, c][np.isfinite(ratio[:, c])]
        if col.size:
            factor[c] = float(np.quantile(col, 1.0 - rate))
    return factor


def _project(
    state: np.ndarray, change: np.ndarray, bounds: tuple[np.ndarray, np.ndarray] | None
) -> np.ndarray:
    """A predicted change of state whose next state is projected into ``bounds`` (the bounds
    every real next state keeps; None: unchanged), per variable, from a state inside them: a
    state already beyond a bound inherited that from earlier steps, which the compounding-free
    default does not count (``manifold_invariants="state"`` does, by its own bound)."""
    if bounds is None:
        return change
    low, high = (np.asarray(b, np.float64)[: state.shape[1]] for b in bounds)
    inside = (state >= low) & (state <= high)
    clipped = np.clip(state + change, low, high) - state
    return np.asarray(np.where(inside, clipped, change), np.float64)


def _features(obs: np.ndarray, action: np.ndarray) -> np.ndarray:
    return np.ascontiguousarray(
        np.concatenate([obs.astype(np.float32), action.astype(np.float32)], axis=1)
    )


FIT_DIMS = 64
"""The most dimensions the local index works in (its neighbour search and its local fits):
wider features (state and action) are projected onto this many directions (:func:`_fit_basis`);
narrower ones are used as they are, untouched."""


def _fit_basis(
    feats: np.ndarray, scale: np.ndarray, action_dim: int, dims: int
) -> tuple[np.ndarray, np.ndarray] | None:
    """For features wider than ``dims``: ``(center, basis)`` (``[F]``, ``[F, r]`` with
    orthonormal columns, ``r <= dims``), the projection of the scaled, centred features the
    index works in; None for ``F <= dims`` (no projection).

    A local linear fit needs about twice as many neighbours as it has slopes, so its cost grows
    with the cube of the width (365 features: 0.1 s a query); in few dimensions it costs little
    whatever the width. The action keeps its own directions (the planner chooses it, and its
    effect on the outcome is what a plan exploits): all of them up to half the budget, else
    the principal directions of the scaled actions. The rest goes to the principal directions
    of the scaled state: a wide observation is mostly functions of fewer degrees of freedom (a
    MuJoCo body's positions, velocities and derived quantities), and the directions in which the
    real data barely varies are the ones ``k`` neighbours could not fit a slope in anyway. What
    the projection drops is no error of the detectors': it raises the fit's leave-one-out error
    on the real data, which is the reference's measured noise floor."""
    f = feats.shape[1]
    if f <= dims:
        return None
    x = feats.astype(np.float64) / scale.astype(np.float64)
    center = x.mean(axis=0)
    x = x - center
    state = f - action_dim
    keep_a = min(action_dim, dims // 2)
    act = np.eye(action_dim) if keep_a == action_dim else _principal(x[:, state:], keep_a)
    own = _principal(x[:, :state], dims - act.shape[1])
    basis = np.zeros((f, act.shape[1] + own.shape[1]))
    basis[state:, : act.shape[1]] = act
    basis[:state, act.shape[1] :] = own
    return center, np.ascontiguousarray(basis)


def _principal(x: np.ndarray, r: int) -> np.ndarray:
    """At most ``r`` principal directions of centred rows ``x`` (``[n, m]``): ``[m, <= r]``,
    the leading eigenvectors of their covariance (largest first; sign fixed by the largest
    entry), without those the data does not vary along (variance below 1e-9 of the largest: a
    constant feature, one that is an exact linear function of others). A fit has no slope to
    find there, and fewer dimensions mean fewer, nearer neighbours."""
    values, vectors = np.linalg.eigh(x.T @ x)
    order = np.argsort(values)[::-1]
    varies = values[order] > 1e-9 * max(float(values.max(initial=0.0)), 1e-300)
    top = vectors[:, order[: min(r, int(varies.sum()))]]
    flip = np.sign(top[np.abs(top).argmax(axis=0), np.arange(top.shape[1])])
    return np.asarray(top * np.where(flip == 0, 1.0, flip), np.float64)


def _window_sums(
    x: np.ndarray, y: np.ndarray, size: int, axis: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """The sums of ``x`` and of ``y`` over every run of ``size`` consecutive entries along
    ``axis`` (the run ending at entry ``i`` at position ``i - size + 1``)."""
    out = []
    for v in (x, y):
        c = np.cumsum(np.asarray(v, np.float64), axis=axis)
        zero = np.zeros_like(np.take(c, [0], axis=axis))
        c = np.concatenate([zero, c], axis=axis)
        n = c.shape[axis]
        out.append(
            np.take(c, np.arange(size, n), axis=axis) - np.take(c, np.arange(n - size), axis=axis)
        )
    return out[0], out[1]


@dataclass
class LocalScores:
    """Per step of every path (0 where a step does not exist)."""

    physics: np.ndarray
    """``[P, H]``: the largest miss of the imagined outcome, in tolerances."""
    physics_var: np.ndarray
    """``[P, H]``: which outcome missed most (a state variable's index, or S for the reward)."""
    model_error: np.ndarray | None
    """``[P, H]``: the model's mean error on the nearest real transitions, in tolerances."""
    distance: np.ndarray
    """``[P, H]``: mean distance to the neighbours, in multiples of the usual one."""
    reference: np.ndarray | None = None
    """``[P, H]``: the largest miss of the imagined outcome against the trusted reference
    model's prediction, in units of (allowance + the reference's local error + sampling noise);
    None without a reference."""
    reference_var: np.ndarray | None = None
    """``[P, H]``: which outcome missed the reference most."""
    projected: np.ndarray | None = None
    """``[P, H]``: with the states the env would take (``score(taken=...)``) and a trusted
    reference, the imagined next state's miss against the predictions from there (state
    variables; the smaller of the real-data and the trusted reference's miss, each its largest
    over the variables), in the same units as ``physics``; 0 where the env takes the state as
    it is; None without them."""
    vouched: np.ndarray | None = None
    """``[P, H]``: with a trusted reference, how far the step is from being *shown right* by
    its corrected prediction: per outcome, (the miss + the prediction's uncertainty beyond
    the allowance) over the allowance, the largest over the outcomes; at most 1, every outcome
    lies within the allowance whatever the reference's error (within its bound); infinite
    where a step does not exist; None without a reference."""
    evidence: np.ndarray | None = None
    """``[P, H]``: ``path_evidence`` (``LocalValidation.evidence``): the largest excess of a
    run of steps ending at the step, in units of its calibrated bound; above 1 the run's
    errors add up to more than its line; None without it."""
    ending: np.ndarray | None = None
    """``[P, H]``: with transitions that end among the calibration's, for each step a path goes
    on from to a next step, how likely a real step landing at its next state ends the episode
    (``ending``) over ``END_LINE``: above 1, the path goes on where a real step more likely
    ends (a failure boundary the model has wrong); 0 at a path's last step and where it ends;
    None without such transitions."""


class LocalValidation:
    """The index and its tolerances (see the module docstring)."""

    index: Any
    """The Rust index over the real points (``_build_index``)."""

    def __init__(
        self,
        transitions: Transitions,
        *,
        k: int = 24,
        ridge: float = 1e-3,
        quantile: float = 0.99,
        floor: float = 0.1,
        max_points: int = 200_000,
        seed: int = 0,
        resolution: np.ndarray | None = None,
        allowance: float = 0.25,
        reward_floor: float = 0.0,
        confidence: float = 0.0,
        false_alarm: float | None = None,
        fit_dims: int = FIT_DIMS,
        reward_witness: bool = True,
        learned_metric: bool = False,
        termination_witness: bool = True,
        reward_reads: bool = True,
        smooth_witness: bool = True,
        path_evidence: bool = False,
        far_agreement: bool = False,
        model_agreement: bool = False,
        far_vouched: bool = False,
        smooth_model_error: bool = False,
        evidence_line: float = 1.0,
        episode_out: bool = False,
        contact_evidence: bool = False,
        law_overrule: bool = False,
        reward_trend: bool = False,
        far_curvature: bool = False,
    ) -> None:

        obs, act = transitions.obs, transitions.action
        nxt, rew = transitions.next_obs, transitions.reward
        ended = np.asarray(transitions.terminated, bool)
        boundary = ended | np.asarray(transitions.truncated, bool)
        folds = episode_folds(boundary) if episode_out else None
        if len(obs) > max_points:
            pick = np.sort(np.random.default_rng(seed).choice(len(obs), max_points, replace=False))
            obs, act, nxt, rew = obs[pick], act[pick], nxt[pick], rew[pick]
            ended, boundary = ended[pick], boundary[pick]
            folds = None if folds is None else folds[pick]
        self._folds: np.ndarray | None = folds
        """Per real point, its group of whole episodes (``episode_folds``): with it, the local
        fits' own errors (the noise floors and their calibrated multiples) are measured from
        the other groups' points, as an imagined step meets them; None: leaving one point out
        (before round 28)."""
        targets = np.ascontiguousarray(
            np.concatenate([(nxt - obs).astype(np.float32), rew.astype(np.float32)[:, None]], 1)
        )
        live = _witness_rows(ended, 2 * (obs.shape[1] + act.shape[1] + 1) + 2)
        self._witness_ended = bool(live.sum() < len(live))
        """Whether transitions end the episode (and enough go on): the reward of a step a path
        goes on from is then judged by those that go on (``_reward_witness``), and the
        termination witness is fitted (``_end_model``)."""
        live_data = (obs[live], act[live], nxt[live], rew[live], boundary[live])
        every_next = np.ascontiguousarray(nxt, dtype=np.float32)
        feats = _features(obs, act)
        spread = feats.max(axis=0) - feats.min(axis=0)
        scale = np.maximum(feats.std(axis=0), np.maximum(1e-3 * spread, 1e-6)).astype(np.float32)
        self._scale = scale
        self._basis = _fit_basis(feats, scale, act.shape[1], int(fit_dims))
        """Wide features: the projection the index works in (``_points``); None: none."""
        self._features = feats
        self._real_points = self._points(feats)
        """The real features as the index sees them (see ``_points``), computed once."""
        self._learned_metric = bool(learned_metric)
        """Whether the index works in the metric the outcomes' local slopes give
        (``_metric``), not in the scaled features."""
        self._end_model: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None
        """Where transitions end: the termination witness (``ending``), a logistic regression
        of the 0/1 ends of every calibration transition on its next state's quadratic features
        (``plasma.auditor.quadratic.quadratic``): the centre and scale of the next states, and the
        weights. None without ends, or with ``termination_witness`` off (``local_termination``
        disabled)."""
        if self._witness_ended and termination_witness:
            # Off when local_termination is: its Newton fit on quadratic features was a tenth
            # of a MuJoCo training run's CPU time, for a detector the run leaves out.
            self._end_model = _fit_ends(every_next, ended)
        self.k = int(min(max(k, 2 * (self._real_points.shape[1] + 1)), len(feats) - 1))
        self.ridge = float(ridge)
        self.state_dim = int(obs.shape[1])
        self._targets = targets
        self._build_index(targets)
        if self._learned_metric:
            self._metric(targets, allowance * _change_spread(targets, ended), seed)
        loo = self.index.query(
            self._real_points,
            k=self.k,
            ridge=self.ridge,
            exclude=np.arange(len(feats), dtype=np.uint32),
        )
        resid = np.abs(targets - loo["prediction"]).astype(np.float64)
        # Floor: a hundredth of the outcome's spread (or of a tenth of its size, for outcomes
        # that barely vary, like a constant reward), so float noise is no miss.
        tspread = targets.std(axis=0) + 0.1 * np.abs(targets).mean(axis=0)
        self.tolerance = np.maximum(
            np.quantile(resid, quantile, axis=0), 1e-2 * tspread.astype(np.float64) + 1e-9
        )
        # The precision that matters: ``floor`` x the std of each outcome over the real data
        # (a variable's one-step change, the reward).
        self.tolerance = np.maximum(self.tolerance, floor * targets.std(axis=0).astype(np.float64))
        # Degenerate outcomes have no spread of their own (a constant variable or reward: a
        # hundredth of the floor's scale at most), so a share of it means nothing and any model
        # noise would miss: their allowance is the tolerance. Whether the calibration's
        # resolution (a witness's sampled error) resolves an outcome is no property of the
        # outcome: a poor trusted reference would otherwise mark outcomes that vary degenerate
        # and widen their line of "correct" to its own error.
        degenerate = targets.std(axis=0).astype(np.float64) <= 1e-2 * tspread
        if resolution is not None:
            # Degenerate outcomes are never finer than the calibration's resolution of the
            # variable or its reward floor. Other outcomes keep the scale their real data gives
            # them (the resolution is a sampled rollout's error, far coarser than a mean
            # prediction's).
            res = np.asarray(resolution, dtype=np.float64)
            self.tolerance = np.where(degenerate, np.maximum(self.tolerance, res), self.tolerance)
        self._degenerate = np.asarray(degenerate, bool)
        self._allowance_share = float(allowance)
        law, law_resid = _linear_law(feats, targets, ended)
        self._law: np.ndarray | None = law
        """The real transitions' linear law (``[1 + F, T]``: intercept, then per feature)."""
        self._law_resid: np.ndarray = law_resid
        """Each real point's absolute residual from the linear law (own units)."""
        self._spread = _change_spread(targets, ended)
        self._ended = np.asarray(ended, bool)
        self._boundary = np.asarray(boundary, bool)
        """Which calibration transitions end the episode, and which end one at all (terminated
        or truncated): ``pooled_line`` re-estimates the spread with more episodes."""
        self._spread_error = _spread_error(targets, ended, boundary)
        """Per outcome: the relative standard error of the spread's estimate (a bootstrap over
        the calibration's episodes)."""
        self._confidence = float(confidence)
        self._reward_floor = float(reward_floor) * float(np.abs(rew).max(initial=0.0))
        """The least reward allowance: ``reward_floor`` x the largest real reward magnitude."""
        self.resolution = None if resolution is None else np.asarray(resolution, np.float64)
        """Per outcome: the calibration's resolution (a sampled rollout's honest error), the most
        sampling noise a path's steps are allowed (see ``sampling_noise``)."""
        self._predict_fn: Any = None
        """Per outcome (state variables, then the reward): the reference's error quantile."""
        self._quantile = quantile
        if folds is not None:
            # The noise floors from the other episodes' points (the tolerance above keeps the
            # leave-one-out errors: it is a unit and a degenerate outcome's line, not a bound).
            held = held_out_query(
                self._real_points, targets, self._index_scale(), folds, k=self.k, ridge=self.ridge
            )
            resid = np.abs(targets - held["prediction"]).astype(np.float64)
        self._resid = resid
        self.reference_tolerance: np.ndarray | None = None
        """Per outcome: the trusted reference model's error quantile (``set_reference``)."""
        self.distance_ref = max(float(np.quantile(loo["distance"], quantile)), 1e-9)
        """The usual neighbour distance (same quantile of the leave-one-out distances)."""
        self.model_errors: np.ndarray | None = None
        self.model_margin: float | None = None
        """``local_model_error``'s margin calibrated at ``false_alarm`` (``set_model``); None:
        the configured one."""
        self.reference_errors: np.ndarray | None = None
        """Per real point and outcome: the trusted reference model's error, in allowances."""
        self.correction_errors: np.ndarray | None = None
        """Per real point and outcome: the leave-one-out error of the local fit of the trusted
        reference model's signed error (its correction), in allowances."""
        self._correction_targets: np.ndarray | None = None
        """Per real point and outcome: the trusted reference model's signed error (with a
        reference, the index fits these after the outcomes: one neighbour search and one
        factorisation per query for both)."""
        self._reference_fn: Any = None
        self._set_values()
        self.false_alarm = None if false_alarm is None else float(false_alarm)
        """The stated false-alarm rate the bounds are calibrated to (None: the fixed ones)."""
        self.spread_factors: np.ndarray | None = None
        """``[2, T]``: per outcome, the multiple of the neighbours' mean leave-one-out error that
        bounds the local fit's error (row 0) and the linear law's (row 1) at ``false_alarm``;
        None: ``LOCAL_SPREAD`` for both."""
        self.reference_factors: np.ndarray | None = None
        """``[T]``: with a trusted reference, per outcome, the multiple of the neighbours' mean
        leave-one-out error of its locally corrected prediction that bounds that prediction's
        error at ``false_alarm`` (``set_reference``); None: ``LOCAL_SPREAD``."""
        if self.false_alarm is not None:
            from statistics import NormalDist

            self._confidence = NormalDist().inv_cdf(1.0 - self.false_alarm)
            self.spread_factors = self._calibrated_spreads(self.false_alarm)
        self._reads: Any = None
        """The reward's own witness in the features it reads (``plasma.auditor.reads``), which
        replaces the full fit's for the reward; None: the full fit (a reward that reads every
        feature or does not vary, a projected or learned metric, or ``reward_reads`` off)."""
        if (
            reward_reads
            and self._basis is None
            and not self._learned_metric
            and not bool(self._degenerate[-1])
        ):
            from plasma.auditor.reads import RewardReads, read_features

            keep = read_features(feats, scale, rew, k=self.k, ridge=self.ridge)
            if len(keep) < feats.shape[1]:
                self._reads = RewardReads(
                    feats,
                    scale,
                    rew,
                    keep,
                    k=self.k,
                    ridge=self.ridge,
                    tolerance=float(self.tolerance[-1]),
                    quantile=quantile,
                    factor=None,
                    rate=self.false_alarm,
                    seed=seed,
                    folds=folds,
                    trend=float(self.allowance[-1]) if reward_trend else None,
                )

        def sibling(rows: tuple[np.ndarray, ...], **own: Any) -> LocalValidation:
            """A witness of the real transitions ``rows`` (obs, action, reward, next obs,
            ended, boundary) with this one's settings, but ``own``."""
            o, a, r, n, e, b = rows
            data = Transitions(
                o,
                a,
                r,
                n,
                e,
                b,
                env_id=transitions.env_id,
                state_names=list(transitions.state_names),
                n_actions=transitions.n_actions,
            )
            return LocalValidation(
                data,
                k=k,
                ridge=ridge,
                quantile=quantile,
                floor=floor,
                max_points=max_points,
                seed=seed,
                resolution=resolution,
                allowance=allowance,
                reward_floor=reward_floor,
                confidence=confidence,
                false_alarm=false_alarm,
                fit_dims=fit_dims,
                learned_metric=learned_metric,
                episode_out=episode_out,
                contact_evidence=contact_evidence,
                law_overrule=law_overrule,
                reward_trend=reward_trend,
                far_curvature=far_curvature,
                **{"path_evidence": path_evidence, "evidence_line": evidence_line, **own},
            )

        self._reward_witness: LocalValidation | None = None
        """Where transitions end: the same witness made of those that go on, for the reward of
        a step a path goes on from (its line is this one's, ``_sync_reward_witness``). A step
        that ends pays another reward (no alive bonus: the inverted double pendulum's, 9.17 on
        average where a step goes on, -1.28 where it ends, 67 times the spread of the rewards of
        the steps that go on); mixed into a live step's neighbours it is a jump the local fit
        cannot follow, and its leave-one-out error widens the reward's bound near the failure
        boundary. The state outcomes keep every
        transition (the dynamics do not change at an end, and the ends' states hold the fits
        near the boundary)."""
        if reward_witness and self._witness_ended and not bool(self._degenerate[-1]):
            o, a, n, r, b = live_data
            self._reward_witness = sibling(
                (o, a, r, n, np.zeros(len(o), bool), b),
                reward_reads=reward_reads,
                path_evidence=False,
            )
        self._smooth_witness: LocalValidation | None = None
        """Where a few real transitions jump (``_jump_rows``: a puck's impact on a wall), the
        same witness made of the others, for the state outcomes: a step is proven wrong in a
        state variable only where it misses both (``score``). One impact among a free-flying
        step's 24 neighbours, at the neighbourhood's edge, levers the weighted linear fit of the
        velocity's change 5-12 allowances off (the wall puck's confirmed paths, round 22b:
        every velocity flag on them had one, 11% of their other steps); a step that is itself
        an impact keeps every transition's judgement."""
        jumps = _jump_rows(law_resid, self._spread, self.state_dim)
        if smooth_witness and jumps.any():
            keep = ~jumps
            self._smooth_witness = sibling(
                (obs[keep], act[keep], rew[keep], nxt[keep], ended[keep], boundary[keep]),
                reward_witness=False,
                termination_witness=False,
                reward_reads=False,
                smooth_witness=False,
            )
        self._contact_values: np.ndarray | None = None
        """``[N, 2]`` with ``contact_evidence`` and a smooth witness: per real point, 1 for a
        jump (0 otherwise), then the jump's size (0 otherwise): its largest state change's miss
        of the smooth witness's fit, in spreads of that change (``_contact_like``). None: a
        step is judged by both witnesses, the smaller miss (before round 29)."""
        if contact_evidence and self._smooth_witness is not None:
            self._contact_values = self._contact_sizes(jumps)
        self._law_overrule = bool(law_overrule)
        """Whether, beyond the usual neighbour distance, the linear law alone judges an outcome
        it explains near the step (its local noise floor within the allowance) instead of the
        larger of its miss and the local fit's (``_misses``; round 31, opt-in)."""
        self._far_curvature = bool(far_curvature)
        """Whether, beyond the usual neighbour distance, the local fit's noise floor widens with
        the square of the distance (``_misses``; round 34, opt-in)."""
        self._far_agreement = bool(far_agreement)
        """Whether, with a trusted reference, a step whose neighbours lie beyond the usual
        distance is proven wrong in an outcome only where the reference's corrected prediction
        misses too (``score``)."""
        self._smooth_model_error = bool(smooth_model_error)
        """Whether ``local_model_error`` flags a step only where the model misses both its real
        neighbours and its neighbours among the transitions without jumps (``score``; the
        smooth witness measures the model too, ``set_model``)."""
        self.evidence_line = float(evidence_line)
        """``path_evidence``: the share of the run's summed line taken off its summed error
        before the calibrated bound judges it (1: the mean error must exceed the line; 0: the
        run's error against the fit's own errors on real runs alone)."""
        self._far_vouched = bool(far_vouched)
        """Whether, with a trusted reference, a step whose neighbours lie beyond the usual
        distance is not proven wrong by the local fit in an outcome the reference shows right
        (``score``)."""
        self._model_agreement = bool(model_agreement)
        """Whether ``local_model_error`` flags a step only where the step bears its neighbours'
        mean signed error of the model (``score``; the signed errors are index values,
        ``_set_values``)."""
        self.model_signed: np.ndarray | None = None
        """``[N, S + 1]``: the model's signed error per real point and outcome, in allowances
        (``set_model``, with ``model_agreement``); None otherwise."""
        self._evidence: np.ndarray | None = None
        """``[W, S]``: ``path_evidence``'s bound per window of ``EVIDENCE_WINDOWS`` and state
        outcome (``_calibrate_evidence``; infinite where too few real windows); None: off."""
        if path_evidence:
            self._evidence = self._calibrate_evidence()
        self._sync_reward_witness()

    def _contact_sizes(self, jumps: np.ndarray) -> np.ndarray:
        """Per real point: whether it jumps (1 or 0), and its jump's size, its largest state
        change's miss of the smooth witness's fit (which never saw it) in spreads of that
        change (0 for the others): the index averages both over a step's neighbours, and their
        ratio is the mean size of the contacts among them (``_contact_like``)."""
        smooth = self._smooth_witness
        assert smooth is not None
        s = self.state_dim
        out = np.zeros((len(jumps), 2), np.float32)
        rows = np.flatnonzero(jumps)
        if len(rows):
            fit = smooth.index.query(
                np.ascontiguousarray(smooth._points(self._features[rows])),
                k=smooth.k,
                ridge=smooth.ridge,
            )
            miss = np.abs(
                self._targets[rows, :s] - np.asarray(fit["prediction"], np.float64)[:, :s]
            )
            scale = np.where(self._spread[:s] > 0, self._spread[:s], np.inf)
            out[rows, 0] = 1.0
            out[rows, 1] = (miss / scale).max(axis=1)
        return out

    def _contact_like(self, contact: np.ndarray, smooth_residual: np.ndarray) -> np.ndarray:
        """Per step: whether its outcome could be a contact (round 29, ``contact_evidence``).
        ``contact``: the neighbours' weighted means of ``_contact_values`` (the share of jumps
        among them, and that share x their mean size); ``smooth_residual``: the step's state
        outcomes' misses of the smooth witness's fit. A step is explained by a contact only
        where its largest miss of the smooth fit (in spreads) is nearer the size of the
        contacts among its neighbours than to none (at least half their mean size), or where
        no neighbour jumps; elsewhere it is free flight and the smooth witness alone judges it.
        Why: the full fit's noise floor is its neighbours' mean leave-one-out error, and a
        single impact among them (tens of allowances off any fit) multiplies it whatever the
        step's own error; a step that misses the free-flight fit by a fraction of a contact is
        wrong whether the real step is free (by that miss) or a contact (by about a contact)."""
        s = self.state_dim
        share = np.asarray(contact[:, 0], np.float64)
        with np.errstate(divide="ignore", invalid="ignore"):
            size = np.where(share > 0, np.asarray(contact[:, 1], np.float64) / share, 0.0)
            scale = np.where(self._spread[:s] > 0, self._spread[:s], np.inf)
        own = (np.abs(np.asarray(smooth_residual, np.float64)[:, :s]) / scale).max(axis=1)
        return np.asarray((share <= 0) | (own >= 0.5 * size), bool)

    def _calibrate_evidence(self) -> np.ndarray | None:
        """``path_evidence``'s bounds (see ``evidence``): the calibration's episodes split in two
        halves (even and odd), each half's transitions fitted by an index over the other half's
        alone (a real step is judged by neighbours none of which come from its own episode, as
        an imagined step's are none of its own), and along every run of ``W`` consecutive steps
        of an episode, per state outcome, the summed signed fit error over the root of the
        summed squared local noise (``_signed_parts``); the bound is its ``1 - EVIDENCE_RATE``
        quantile over the runs. The fit errors of neighbouring steps are correlated (a local
        fit's bias is smooth along an episode), and the quantile is that of the sum with its
        correlation, not of independent errors. None where the halves are too small to fit."""
        from plasma import _core

        s = self.state_dim
        boundary = np.asarray(self._boundary, bool)
        episode = np.concatenate([[0], np.cumsum(boundary[:-1])]).astype(np.int64)
        windows = np.asarray(EVIDENCE_WINDOWS, np.int64)
        ratios: list[list[np.ndarray]] = [[] for _ in windows]
        targets = self._targets.astype(np.float64)
        for half in (0, 1):
            fit = np.flatnonzero(episode % 2 == half)
            judged = np.flatnonzero(episode % 2 != half)
            if len(fit) <= 2 * self.k or not len(judged):
                return None
            index = _core.LocalIndex(
                np.ascontiguousarray(self._real_points[fit]),
                np.ascontiguousarray(self._targets[fit]),
                self._index_scale(),
            )
            out = index.query(
                np.ascontiguousarray(self._real_points[judged]),
                k=self.k,
                ridge=self.ridge,
                values=np.ascontiguousarray(self._values[fit]),
            )
            err, noise = self._signed_parts(out, targets[judged])
            # The judged half's episodes are contiguous runs of its rows.
            cuts = np.flatnonzero(np.diff(episode[judged])) + 1
            starts = np.concatenate([[0], cuts])
            stops = np.concatenate([cuts, [len(judged)]])
            for w, size in enumerate(windows.tolist()):
                for lo, hi in zip(starts.tolist(), stops.tolist(), strict=True):
                    if hi - lo < size:
                        continue
                    total, var = _window_sums(err[lo:hi], noise[lo:hi] ** 2, size)
                    ratios[w].append(np.abs(total) / np.sqrt(np.maximum(var, 1e-300)))
        bound = np.full((len(windows), s), np.inf)
        for w, parts in enumerate(ratios):
            if not parts:
                continue
            r = np.concatenate(parts)
            if len(r) >= EVIDENCE_MIN_WINDOWS:
                bound[w] = np.quantile(r, 1.0 - EVIDENCE_RATE, axis=0)
        return bound

    def _signed_parts(
        self,
        out: dict[str, Any],
        outcome: np.ndarray,
        here: np.ndarray | None = None,
        bounds: tuple[np.ndarray, np.ndarray] | None = None,
    ) -> tuple[np.ndarray, np.ndarray]:
        """From an index query's answer: per step and state outcome, the signed error of the
        outcome against the local fit (own units; the fit projected into ``bounds`` from
        ``here``, as ``_misses`` does) and the local noise, the neighbours' mean leave-one-out
        error widened where they are farther than usual (one multiple: ``path_evidence``'s
        bound is the multiple)."""
        s = self.state_dim
        fitted = np.asarray(out["prediction"], np.float64)[:, :s]
        if here is not None:
            fitted = _project(here, fitted, bounds)
        d = np.asarray(out["distance"], np.float64) / self.distance_ref
        near = np.asarray(out["values"], np.float64)[:, :s] * self.tolerance[:s]
        noise = near * np.maximum(d[:, None], 1.0)
        return np.asarray(outcome[:, :s] - fitted), np.asarray(noise, np.float64)

    def evidence(
        self,
        feats: np.ndarray,
        outcome: np.ndarray,
        noise: np.ndarray,
        where: tuple[np.ndarray, ...],
        shape: tuple[int, int],
        bounds: tuple[np.ndarray, np.ndarray] | None,
        num_threads: int | None,
    ) -> np.ndarray | None:
        """``path_evidence`` per step (``[P, H]``, the steps at ``where``): over every run of
        ``EVIDENCE_WINDOWS`` consecutive steps of a path ending at the step, and every state
        outcome, ``(|sum e| - sum line) / (c sqrt(sum n^2))``: ``e`` the outcome's signed miss
        of the local fit, ``line`` the allowance's bound plus the step's sampling noise, ``n``
        its local noise, ``c`` the run length's calibrated bound (``_calibrate_evidence``); the
        largest. Above 1 the errors of the run add up to more than the line at every step of it
        could, by more than the fit's own errors add up to on real runs at the stated rate: the
        mean error over the run exceeds the line, so some step's does (a small error repeated
        at every step, each step within its own bound). None: not calibrated."""
        bound = getattr(self, "_evidence", None)
        if bound is None:
            return None
        s = self.state_dim
        out = self.index.query(
            self._points(feats),
            k=self.k,
            ridge=self.ridge,
            values=self._values,
            num_threads=num_threads,
        )
        here = feats[:, :s].astype(np.float64)
        err, near = self._signed_parts(out, outcome, here, bounds)
        p, h = shape
        line = np.asarray(self.allowance_bound[:s] + np.asarray(noise)[..., :s], np.float64)
        grid = np.zeros((3, p, h, s))
        grid[0][where], grid[1][where], grid[2][where] = err, near**2, line
        valid = np.zeros((p, h))
        valid[where] = 1.0
        value = np.zeros((p, h))
        for w, size in enumerate(EVIDENCE_WINDOWS):
            if size > h or not np.isfinite(bound[w]).any():
                continue
            total, var = _window_sums(grid[0], grid[1], size, axis=1)
            lines = _window_sums(grid[2], grid[2], size, axis=1)[0]
            full = _window_sums(valid, valid, size, axis=1)[0] >= size - 0.5
            excess = (np.abs(total) - self.evidence_line * lines) / (
                bound[w] * np.sqrt(np.maximum(var, 1e-300))
            )
            excess = np.where(np.isfinite(excess), excess, 0.0).max(axis=2)
            excess = np.where(full, excess, 0.0)
            value[:, size - 1 :] = np.maximum(value[:, size - 1 :], excess)
        return value

    def _sync_reward_witness(self) -> None:
        """The reward witness and the smooth witness judge by this witness's line (every
        transition's spread, its sampling error, the reward floor, which outcomes are
        degenerate)."""
        for name in ("_reward_witness", "_smooth_witness"):
            other = getattr(self, name, None)
            if other is None:
                continue
            other._spread = np.array(self._spread, copy=True)
            other._spread_error = np.array(self._spread_error, copy=True)
            other._degenerate = np.array(self._degenerate, copy=True)
            other._reward_floor = self._reward_floor
            other._confidence = self._confidence

    def _points(self, feats: np.ndarray) -> np.ndarray:
        """What the index sees of raw features ``[N, F]``: the features themselves, or (wide
        features) their scaled, centred projection onto ``_basis``."""
        basis = getattr(self, "_basis", None)
        if basis is None:
            return feats
        center, directions = basis
        x = feats.astype(np.float64) / self._scale.astype(np.float64) - center
        return np.ascontiguousarray(x @ directions, dtype=np.float32)

    def _metric(self, targets: np.ndarray, unit: np.ndarray, seed: int) -> None:
        """Rebuild the index in a learned metric: the features as the index sees them
        (``_points``), times the square root of the average outer product of the outcomes'
        local slopes (each outcome's slope in its allowances ``unit`` per feature unit, from
        the local fit at a seeded sample of ``METRIC_SAMPLE`` real points by central
        differences), normalised to the features' width and floored at ``METRIC_FLOOR`` of
        its mean eigenvalue. Neighbours are then near along the directions the outcomes change
        in and may lie farther along those they barely depend on (a MuJoCo body's angle that
        no force depends on), so the local fits' own error, the local noise floor, is smaller
        where the outcomes depend on few directions. The metric is a linear map of the
        features: each local fit is the same linear model in other coordinates, and every
        bound is calibrated on the real points in the same metric."""
        if getattr(self, "_basis", None) is None:
            # The scaled, centred features themselves: the same neighbours and fits as the
            # index over the features with their scale, in coordinates the metric can map.
            center = (self._features.astype(np.float64) / self._scale).mean(axis=0)
            self._basis = (center, np.eye(self._features.shape[1]))
            self._real_points = self._points(self._features)
            self._build_index(targets)
        x = self._real_points.astype(np.float64)
        n, f = x.shape
        t = targets.shape[1]
        unit = np.asarray(unit, np.float64)
        # Outcomes without a spread of their own (a constant reward) carry no slope.
        weight = np.where(unit > 1e-9 * max(float(unit.max(initial=0.0)), 1e-300), 1.0, 0.0)
        unit = np.where(weight > 0, unit, 1.0)
        rows = np.arange(n)
        if n > METRIC_SAMPLE:
            rows = np.sort(np.random.default_rng(seed).choice(n, METRIC_SAMPLE, replace=False))
        at = x[rows]
        step = METRIC_STEP * np.maximum(at.std(axis=0), 1e-6)
        slopes = np.zeros((len(rows), t, f))
        for j in range(f):
            shift = np.zeros(f)
            shift[j] = step[j]
            up = self.index.query(np.asarray(at + shift, np.float32), k=self.k, ridge=self.ridge)
            dn = self.index.query(np.asarray(at - shift, np.float32), k=self.k, ridge=self.ridge)
            diff = np.asarray(up["prediction"], np.float64) - np.asarray(dn["prediction"])
            slopes[:, :, j] = diff[:, :t] / (2.0 * step[j]) / unit * weight
        slopes = np.where(np.isfinite(slopes), slopes, 0.0)
        outer = np.einsum("nti,ntj->ij", slopes, slopes) / max(len(rows), 1)
        size = float(np.trace(outer))
        if not np.isfinite(size) or size <= 0:
            return
        outer = outer / size * f + METRIC_FLOOR * np.eye(f)
        values, vectors = np.linalg.eigh(outer)
        root = vectors @ np.diag(np.sqrt(np.maximum(values, 0.0))) @ vectors.T
        before = self._basis, self._real_points, self.index
        plain = self._loo_error(targets, unit, weight)
        if self._basis is None:
            return
        center, directions = self._basis
        self._basis = (center, np.ascontiguousarray(directions @ root))
        self._real_points = self._points(self._features)
        self._build_index(targets)
        learned = self._loo_error(targets, unit, weight)
        # Kept only where it makes the local fits more precise on the real data itself: the
        # outcomes' leave-one-out errors (in allowances), by their geometric mean. One metric
        # serves every outcome; where the outcomes depend on different directions (a MuJoCo
        # arm's reward on its angles, its velocities on the torques) it can help some and
        # hurt others, and the plain metric stays.
        used = weight > 0
        ratio = np.log(np.maximum(learned[used], 1e-12) / np.maximum(plain[used], 1e-12))
        self.metric_gain = float(np.exp(-ratio.mean())) if used.any() else 1.0
        """The learned metric's gain: the geometric mean over the outcomes of the plain
        metric's leave-one-out error over the learned one's (above 1: kept)."""
        if not self.metric_gain > 1.0:
            self._basis, self._real_points = before[0], before[1]
            self.index = before[2]
            self._learned_metric = False

    def _loo_error(self, targets: np.ndarray, unit: np.ndarray, weight: np.ndarray) -> np.ndarray:
        """Per outcome: the index's mean leave-one-out error on the real points, in ``unit``
        (zero where ``weight`` is)."""
        everyone = np.arange(len(self._real_points), dtype=np.uint32)
        out = self.index.query(self._real_points, k=self.k, ridge=self.ridge, exclude=everyone)
        miss = np.abs(targets - np.asarray(out["prediction"], np.float64)[:, : targets.shape[1]])
        return np.asarray((miss / unit).mean(axis=0) * weight, np.float64)

    def _build_index(self, targets: np.ndarray) -> None:
        """The Rust index over the real points, fitting ``targets`` (one row per real point)."""
        from plasma import _core

        self.index = _core.LocalIndex(self._real_points, targets, self._index_scale())

    def ending(self, next_obs: np.ndarray) -> np.ndarray | None:
        """Per next state: how likely a real transition that lands there ends the episode (the
        termination witness, ``_fit_ends``: an env decides whether an episode ends from the
        state a step reaches); None without transitions that end. Above ``END_LINE`` a real
        step landing there more likely ends than goes on."""
        fit = getattr(self, "_end_model", None)
        if fit is None:
            return None
        x = np.asarray(next_obs, np.float64)
        if not len(x):
            return np.zeros(0)
        return _end_rate(fit, x)

    def _index_scale(self) -> np.ndarray:
        """The index's per-feature divisor: the features' scale, or ones for a projection (its
        coordinates are already scaled)."""
        basis = getattr(self, "_basis", None)
        if basis is None:
            return np.asarray(self._scale, np.float32)
        return np.ones(basis[1].shape[1], np.float32)

    def _ratio_rows(self) -> np.ndarray:
        """The real points whose error ratios calibrate the bounds: all of them, or a seeded
        sample of ``RATIO_SAMPLE`` (a quantile needs a few thousand; a leave-one-out query of
        every point would double a large calibration's time)."""
        n = len(self._features)
        if n <= RATIO_SAMPLE:
            return np.arange(n, dtype=np.uint32)
        pick = np.random.default_rng(0).choice(n, RATIO_SAMPLE, replace=False)
        return np.sort(pick).astype(np.uint32)

    def _ratio_query(self) -> tuple[np.ndarray, dict[str, Any]]:
        """The ``_ratio_rows`` real points, and the index queried at them, each leaving itself
        out, with the per-point values: what the bounds' error ratios are calibrated on."""
        rows = self._ratio_rows()
        return rows, self._left_out(rows, values=self._values)

    def _left_out(
        self, rows: np.ndarray | None = None, *, values: np.ndarray | None = None
    ) -> dict[str, Any]:
        """The index queried at the real points ``rows`` (uint32; all by default) without
        themselves: each leaving itself out or, with episode groups (``local_episode_out``),
        fitted from the other groups' points only (``held_out_query``); with ``values``, the
        neighbours' weighted mean of them too."""
        folds = getattr(self, "_folds", None)
        if folds is not None:
            return held_out_query(
                self._real_points,
                self._index_targets(),
                self._index_scale(),
                folds,
                k=self.k,
                ridge=self.ridge,
                rows=rows,
                values=values,
            )
        if rows is None:
            rows = np.arange(len(self._features), dtype=np.uint32)
        out: dict[str, Any] = self.index.query(
            self._real_points[rows], k=self.k, ridge=self.ridge, values=values, exclude=rows
        )
        return out

    def _calibrated_spreads(self, rate: float) -> np.ndarray:
        """Row 0, per outcome: the ``1 - rate`` quantile over the real points of the local
        fit's leave-one-out error over the mean of its neighbours' (widened by their distance,
        as a query widens it): the multiple of that mean which a real error exceeds with
        probability ``rate``. An outcome whose ratios are all undefined (no error anywhere: a
        constant) keeps ``LOCAL_SPREAD``. Row 1, the linear law's: ``LOCAL_SPREAD``. The law's
        residual is a smooth function of the state, which a real point's neighbours share, so
        its ratio on the real points is light-tailed (1.2-1.6 at 95% on Pendulum) but not at
        imagined states between or beyond them: with it calibrated, paths of Pendulum's exact
        equations were flagged 17 times in 600 (7 with the fixed bound, as with every bound
        fixed), and the ratio is no measure of its error there."""
        t = self._targets.shape[1]
        rows, out = self._ratio_query()
        near = np.asarray(out["values"], np.float64)[:, :t]
        wide = np.maximum(np.asarray(out["distance"], np.float64) / self.distance_ref, 1.0)
        fit = _quantile_ratio((self._resid / self.tolerance)[rows], near * wide[:, None], rate)
        return np.asarray([fit, np.full(t, LOCAL_SPREAD)], np.float64)

    @property
    def allowance(self) -> np.ndarray:
        """Per outcome: the error that matters (own units): ``local_allowance`` x the std of the
        outcome over the real data, the tolerance for degenerate outcomes; the reward's at least
        ``local_reward_floor`` x the largest real reward magnitude (a share of a spread means
        nothing for a reward that barely varies: CartPole pays 1.0 a step, its spread is 0, and
        a share of it would make a float's rounding an error; what a step pays is the scale
        there, the ground truth's own rule)."""
        spread = getattr(self, "_spread", None)
        if spread is None:  # an index pickled before allowances existed
            return np.asarray(self.tolerance, np.float64)
        return self._line(spread, None)[0]

    @property
    def line_confidence(self) -> float:
        """How many standard errors of the spread's estimate ``allowance_bound`` lies above the
        allowance: ``local_allowance_confidence``, or ``Phi^-1(1 - false_alarm)`` when the
        bounds are calibrated to a stated rate."""
        return float(getattr(self, "_confidence", 0.0))

    @property
    def allowance_bound(self) -> np.ndarray:
        """Per outcome: the allowance at the upper end of its estimate's sampling error
        (``local_allowance_confidence`` standard errors of the spread, from a bootstrap over
        the calibration's episodes): the line of "correct" is a share of a spread the
        calibration data only estimates, and a step is flagged when it is off by more than the
        line *whatever* the line within that bound (as the reference's own error is bounded).
        Degenerate outcomes and the reward floor keep their values."""
        spread = getattr(self, "_spread", None)
        if spread is None:
            return self.allowance
        return self._line(spread, getattr(self, "_spread_error", None))[1]

    def _line(
        self, spread: np.ndarray, spread_error: np.ndarray | None
    ) -> tuple[np.ndarray, np.ndarray]:
        """The allowance and its bound (see ``allowance``, ``allowance_bound``) for a spread per
        outcome and its relative standard error (None: none known)."""
        share = getattr(self, "_allowance_share", 0.25)
        out = np.where(
            self._degenerate, self.tolerance, np.maximum(share * spread, 1e-2 * self.tolerance)
        ).astype(np.float64)
        out[-1] = max(float(out[-1]), getattr(self, "_reward_floor", 0.0))
        z = getattr(self, "_confidence", 0.0)
        if spread_error is None or z <= 0:
            return out, out.copy()
        widened = np.where(self._degenerate, out, share * spread * (1.0 + z * spread_error))
        return out, np.asarray(np.maximum(out, widened), np.float64)

    def pooled_line(self, extra: Transitions) -> tuple[np.ndarray, np.ndarray]:
        """The allowance and its bound with the spread estimated on the calibration's real
        transitions pooled with ``extra`` real ones of the same env (more episodes: the
        estimate, and its bootstrap over episodes, get as precise as the pooled data allows;
        each block's last transition ends an episode, so none runs across blocks). Degenerate
        outcomes, tolerances and the reward floor stay the calibration's."""
        pooled = self._pooled_spread(extra)
        if pooled is None:
            return self.allowance, self.allowance_bound
        return self._line(*pooled)

    def pool_line(self, extra: Transitions) -> bool:
        """Draw the line (``allowance``, ``allowance_bound``) from the spread of the calibration's
        real transitions pooled with ``extra`` real ones of the same env, as ``pooled_line``
        does, from now on: the index, its fits and tolerances stay the calibration's. Call it
        before ``set_reference`` and ``set_model`` (their errors are kept in allowances). False
        (nothing changed) when ``extra`` does not fit."""
        pooled = self._pooled_spread(extra)
        if pooled is None:
            return False
        self._spread, self._spread_error = pooled
        self._sync_reward_witness()
        return True

    def _pooled_spread(self, extra: Transitions) -> tuple[np.ndarray, np.ndarray] | None:
        """The spread and its relative standard error over the calibration's real transitions
        pooled with ``extra`` (see ``pooled_line``); None when either is missing or ``extra``
        has another state size or no transition."""
        if getattr(self, "_spread", None) is None or getattr(self, "_ended", None) is None:
            return None
        nxt, obs = np.asarray(extra.next_obs), np.asarray(extra.obs)
        if obs.shape[1:] != (self.state_dim,) or not len(obs):
            return None
        more = np.concatenate(
            [(nxt - obs).astype(np.float32), np.asarray(extra.reward, np.float32)[:, None]], 1
        )
        ended = np.asarray(extra.terminated, bool)
        boundary = ended | np.asarray(extra.truncated, bool)
        mine = self._boundary.copy()
        mine[-1] = True
        boundary = boundary.copy()
        boundary[-1] = True
        targets = np.concatenate([self._targets[:, : more.shape[1]], more])
        ends = np.concatenate([self._ended, ended])
        bounds = np.concatenate([mine, boundary])
        return _change_spread(targets, ends), _spread_error(targets, ends, bounds)

    def _limit(self, floor: np.ndarray) -> np.ndarray:
        """The allowance plus the two independent uncertainties of a judgement against a
        reference: the reference's own error (``floor``, a 99% bound) and the allowance's
        (``allowance_bound`` - ``allowance``, a bound of the same level), combined in quadrature:
        both at their bound at once is far less likely than either."""
        allowance = self.allowance
        line = self.allowance_bound - allowance
        return np.asarray(allowance + np.sqrt(line**2 + floor**2), np.float64)

    def _set_values(self) -> None:
        """Per real point, what queries average over its neighbours: the reference's own
        leave-one-out error per outcome (in tolerances), then the linear law's residual per
        outcome (own units), then the model's error (if any), then
        the trusted reference model's error per outcome and its correction's leave-one-out
        error per outcome (in allowances, if any), then the model's signed error per outcome
        (in allowances, with ``model_agreement``)."""
        cols = [self._resid / self.tolerance]
        if getattr(self, "_law", None) is not None:
            cols.append(self._law_resid)
        if self.model_errors is not None:
            cols.append(self.model_errors)
        if getattr(self, "reference_errors", None) is not None:
            cols.append(self.reference_errors)
            if getattr(self, "correction_errors", None) is not None:
                cols.append(self.correction_errors)
        if getattr(self, "model_signed", None) is not None:
            cols.append(self.model_signed)
        self._values = np.ascontiguousarray(np.concatenate(cols, axis=1), dtype=np.float32)

    def _read_reward(
        self,
        feats: np.ndarray,
        fitted: np.ndarray,
        floor: np.ndarray,
        distance: np.ndarray,
        num_threads: int | None,
    ) -> Any:
        """With the reward's own witness (``_reads``): its prediction and error bound replace
        the full fit's reward column of ``fitted`` and ``floor`` (in place), and its fit
        (``plasma.auditor.reads.ReadFit``) is returned for ``reference_gap``'s reward; None
        without the witness. The bound is
        widened by the step's distance from the real data in *every* feature too (``distance``,
        in usual distances, the full fit's), where that is the larger: a feature the reward did
        not read in the real data may matter where the real data never went (an arm that hangs
        in every real episode and that a planner lifts), and only real data near the step in
        all features shows it does not."""
        reads = getattr(self, "_reads", None)
        if reads is None or not len(feats):
            return None
        t = self._targets.shape[1]
        read = reads.fit(feats, num_threads, farther=distance)
        fitted[:, t - 1], floor[:, t - 1] = read.reward, read.bound
        return read

    def __len__(self) -> int:
        return len(self.index)

    def __getstate__(self) -> dict[str, Any]:
        """For Ray's transport of a calibration: the Rust index is rebuilt on arrival."""
        state = dict(self.__dict__)
        del state["index"]
        # The model stays here: workers get the replay units and scores computed in this process.
        state["_predict_fn"] = None
        state["_reference_fn"] = None
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:

        self.__dict__.update(state)
        self._build_index(self._index_targets())

    def _index_targets(self) -> np.ndarray:
        """What the index fits: the outcomes, then (with a reference) its signed errors."""
        signed = getattr(self, "_correction_targets", None)
        if signed is None:
            return self._targets
        return np.ascontiguousarray(np.concatenate([self._targets, signed], 1), dtype=np.float32)

    def _predict(self, model: Any) -> np.ndarray | None:
        predict = getattr(model, "predict_mean", None)
        if not callable(predict):
            return None
        s = self.state_dim
        obs, act = self._features[:, :s], self._features[:, s:]
        nxt, rew = predict(obs, act)
        return np.concatenate([np.asarray(nxt) - obs, np.asarray(rew).reshape(-1, 1)], axis=1)

    def set_reference(self, model: Any) -> bool:
        """Widen every tolerance by the honest one-step error of a trusted model (the
        ``quantile`` quantile of its error on the real points, per outcome): an imagined outcome
        is compared with a real-data prediction, and a good model is allowed its usual error."""

        pred = self._predict(model)
        if pred is None:
            return False
        other = getattr(self, "_reward_witness", None)
        if other is not None:
            other.set_reference(model)
        signed = np.ascontiguousarray(pred - self._targets, dtype=np.float32)
        err = np.abs(signed).astype(np.float64)
        self.reference_tolerance = np.quantile(err, self._quantile, axis=0)
        self.tolerance = self.tolerance + self.reference_tolerance
        # ``reference_gap``: the reference's own error per real point, averaged over a step's
        # neighbours at query time, is its local noise floor; the local fit of its signed error
        # corrects its prediction, and that fit's leave-one-out error is the corrected
        # prediction's noise floor.
        self._reference_fn = model.predict_mean
        self.reference_errors = np.ascontiguousarray(err / self.allowance, dtype=np.float32)
        self._correction_targets = signed
        self._build_index(self._index_targets())
        loo = self._left_out()
        t = self._targets.shape[1]
        miss = np.abs(signed - np.asarray(loo["prediction"], np.float32)[:, t:])
        self.correction_errors = np.ascontiguousarray(miss / self.allowance, dtype=np.float32)
        self._set_values()
        rate = getattr(self, "false_alarm", None)
        reads = getattr(self, "_reads", None)
        if reads is not None:
            # The reward's correction, as its prediction, in the features the reward reads.
            reads.set_reference(signed[:, t - 1], float(self.allowance[t - 1]), rate)
        if rate is not None:
            # The corrected prediction's bound, calibrated like the local fit's: the correction's
            # leave-one-out error at each real point over its neighbours' mean.
            rows, out = self._ratio_query()
            start = self._values.shape[1] - t
            near = np.asarray(out["values"], np.float64)[:, start:]
            wide = np.maximum(np.asarray(out["distance"], np.float64) / self.distance_ref, 1.0)
            self.reference_factors = _quantile_ratio(
                self.correction_errors[rows].astype(np.float64), near * wide[:, None], rate
            )
        return True

    @property
    def has_reference(self) -> bool:
        """Whether a trusted reference model was given (``set_reference``): the second witness
        ``score(taken=...)`` needs."""
        return getattr(self, "_reference_fn", None) is not None and (
            getattr(self, "reference_errors", None) is not None
        )

    def set_model(self, model: Any) -> bool:
        """Measure ``model``'s errors on the real points (``model.predict_mean(obs, action)``
        returning next states and rewards); False when it cannot predict."""
        pred = self._predict(model)
        if pred is None:
            self.model_errors = None
            self.model_signed = None
            self._predict_fn = None
            self._set_values()
            return False
        members = getattr(model, "predict_members", None)
        self._predict_fn = members if callable(members) else None
        signed = (pred - self._targets) / self.allowance
        err = np.abs(signed)
        self.model_errors = np.ascontiguousarray(err.max(axis=1, keepdims=True), dtype=np.float32)
        smooth = getattr(self, "_smooth_witness", None)
        if smooth is not None and getattr(self, "_smooth_model_error", False):
            smooth.set_model(model)
        self.model_signed = None
        if getattr(self, "_model_agreement", False):
            self.model_signed = np.ascontiguousarray(signed, dtype=np.float32)
        self._set_values()
        self.model_margin = None
        rate = getattr(self, "false_alarm", None)
        if rate is not None:
            self.model_margin = self._calibrated_model_margin(rate)
        return True

    def _calibrated_model_margin(self, rate: float) -> float | None:
        """``local_model_error``'s margin at a stated false-alarm rate: how far the model's mean
        error over a point's real neighbours must exceed the allowance for its own error there
        to exceed the line too. Over the calibration's real points (``_ratio_rows``, each
        leaving itself out) where that mean is at least half an allowance (near the margin),
        the ``rate`` quantile ``q`` of the point's own error over its neighbours' mean: a model
        whose error is smooth (a bias over a region) is shown wrong at a mean just over the
        allowance, one whose error varies from point to point needs more (``1 / q``). The
        line's own uncertainty (``allowance_bound`` over ``allowance``, the widest outcome's)
        is added in quadrature, as every other local limit adds it: ``1 + hypot(1 / q - 1,
        bound / allowance - 1)``. None (the configured margin) with fewer than
        ``MIN_MARGIN_POINTS`` such points (a model right nearly everywhere: the margin is
        seldom reached)."""
        if self.model_errors is None:
            return None
        t = self._targets.shape[1]
        column = 2 * t if getattr(self, "_law", None) is not None else t
        rows, out = self._ratio_query()
        near = np.asarray(out["values"], np.float64)[:, column]
        own = self.model_errors[rows, 0].astype(np.float64)
        keep = near >= 0.5
        if keep.sum() < MIN_MARGIN_POINTS:
            return None
        low = float(np.quantile(own[keep] / near[keep], rate))
        spread = max(1.0 / max(low, 1e-9) - 1.0, 0.0)
        # The line's own uncertainty (its bound over the allowance, the widest outcome's), in
        # quadrature with the error's spread, as every other local limit adds it: a step is
        # shown wrong beyond the line wherever the line lies within its bound.
        line = max(float(np.max(self.allowance_bound / self.allowance)) - 1.0, 0.0)
        return float(1.0 + np.hypot(spread, line))

    def estimate(
        self,
        obs: np.ndarray,
        action: np.ndarray,
        *,
        bounds: tuple[np.ndarray, np.ndarray] | None = None,
    ) -> tuple[np.ndarray, np.ndarray]:
        """``[N, S + 1]`` each: what the real transitions nearest to each (state, action) do
        (``predict``, projected into ``bounds`` as ``score`` does), and how far that can be from
        the real outcome together with the line's own uncertainty: ``sqrt(line^2 + floor^2)``,
        the part of ``score``'s limit beyond the allowance (``floor``: the local fit's calibrated
        bound there; ``line``: ``allowance_bound - allowance``). An outcome within the
        allowance less this is shown right; beyond the allowance plus it, proven wrong."""
        feats = _features(np.asarray(obs), np.asarray(action))
        t = self._targets.shape[1]
        if not len(feats):
            return np.zeros((0, t)), np.zeros((0, t))
        out = self.index.query(self._points(feats), k=self.k, ridge=self.ridge, values=self._values)
        local = np.asarray(out["values"], np.float64)
        d = np.asarray(out["distance"], np.float64) / self.distance_ref
        factors = getattr(self, "spread_factors", None)
        spread = np.full((2, t), LOCAL_SPREAD) if factors is None else factors
        floor = spread[0] * local[:, :t] * self.tolerance * np.maximum(d[:, None], 1.0)
        fitted = np.asarray(out["prediction"], np.float64)[:, :t]
        self._read_reward(feats, fitted, floor, d, None)
        here = feats[:, : self.state_dim].astype(np.float64)
        fitted[:, : self.state_dim] = _project(here, fitted[:, : self.state_dim], bounds)
        return fitted, self._limit(floor) - self.allowance

    def predict(self, obs: np.ndarray, action: np.ndarray) -> np.ndarray:
        """``[N, S + 1]``: what the real transitions nearest to each (state, action) do (the
        locally weighted linear fit of their change of each variable, then their reward: with
        the reward's own witness, ``_reads``, its fit over the features the reward reads)."""
        feats = _features(np.asarray(obs), np.asarray(action))
        if not len(feats):
            return np.zeros((0, self._targets.shape[1]))
        out = self.index.query(self._points(feats), k=self.k, ridge=self.ridge)
        fitted = np.asarray(out["prediction"], np.float64)[:, : self._targets.shape[1]]
        reads = getattr(self, "_reads", None)
        if reads is not None:
            # The reward by its own witness in the features it reads, as ``score`` judges it.
            fitted[:, -1] = reads.fit(feats).reward
        return fitted

    def sampling_noise(
        self, obs: np.ndarray, action: np.ndarray, outcome: np.ndarray, *, sample: int = 4096
    ) -> np.ndarray:
        """Per outcome: how far the steps' outcomes lie from the nearest member's mean
        prediction of the model under audit (``predict_members``; the ``quantile`` quantile over a
        seeded sample of at most ``sample`` steps), capped at the calibration's resolution.
        Paths drawn from the model's predictive distribution carry this noise in every step;
        paths made with a member's mean carry none, whatever the members' disagreement (so a
        model unsure of itself does not widen its own tolerances). Zeros without such a
        model."""
        width = outcome.shape[1]
        if self._predict_fn is None or self.resolution is None or not len(obs):
            return np.zeros(width)
        pick = np.arange(len(obs))
        if len(pick) > sample:
            pick = np.sort(np.random.default_rng(0).choice(len(obs), sample, replace=False))
        try:
            nxt, rew = self._predict_fn(obs[pick], action[pick])
        except (TypeError, ValueError, RuntimeError):
            return np.zeros(width)
        nxt, rew = np.asarray(nxt, np.float64), np.asarray(rew, np.float64)
        if nxt.ndim != 3 or nxt.shape[1:] != (len(pick), width - 1) or rew.shape != nxt.shape[:2]:
            return np.zeros(width)
        members = np.concatenate([nxt - obs[pick][None], rew[..., None]], axis=2)
        gap = np.abs(outcome[pick][None] - members)  # [M, n, width]
        nearest = np.argmin((gap / self.tolerance).max(axis=2), axis=0)
        residual = gap[nearest, np.arange(len(pick))]
        noise = np.quantile(residual, self._quantile, axis=0)
        return np.minimum(np.where(np.isfinite(noise), noise, 0.0), self.resolution)

    def score(
        self,
        paths: PhantomPaths,
        *,
        num_threads: int | None = None,
        bounds: tuple[np.ndarray, np.ndarray] | None = None,
        taken: np.ndarray | None = None,
    ) -> LocalScores:
        """Score every step of every path: ``physics`` is the largest miss over the outcomes in
        units of (allowance + local noise floor + sampling noise); see the module docstring.
        The sampling noise (``sampling_noise``): the outcome of a sampled step is the model's
        mean plus noise it declares, which real data cannot be expected to match.

        ``bounds`` (``[S]`` lows and highs, infinite where none): bounds every real next state
        keeps (an env that clips a speed). From a state inside them, each reference's predicted
        next state is projected into them: the real next state lies inside, so the projection
        is never farther from it than the prediction, and a reference that extrapolates across
        the clip (its neighbours speed up, the env holds the speed at the bound) no longer
        counts against a step that stops there.

        ``taken`` (``[P, H, S]``): per step, the state the env would take the step's state for
        (its projection onto the set every real state lies in: an env that derives cos and sin
        from an angle puts a state off the circle back on it). Where it differs from the
        step's state, ``projected`` scores the imagined *next state* against what the
        references predict from there, by the same rule and limit: the real step starts from
        the taken state, so the next state misses the real one by the deviation the path
        inherited plus the step's own error, which the compounding-free ``physics`` does not
        count (a drift below the line plus a change error below it can miss by more than
        it). The step is proven wrong there only where both witnesses, the real transitions
        near the taken state and the trusted reference's corrected prediction, say so: without
        a trusted reference, ``projected`` is None (one witness's per-step tail, met at every
        step of a drifted path, would cut confirmed paths)."""
        p, h, s = paths.num_paths, paths.horizon, paths.state_dim
        states = paths.states
        valid = paths.step_mask() & np.isfinite(states[:, 1:]).all(axis=2)
        valid &= np.isfinite(states[:, :-1]).all(axis=2) & np.isfinite(paths.rewards)
        valid &= np.isfinite(paths.actions).all(axis=2)
        feats = _features(states[:, :-1][valid], paths.actions[valid])
        outcome = np.concatenate(
            [states[:, 1:][valid] - states[:, :-1][valid], paths.rewards[valid][:, None]], axis=1
        )
        physics = np.zeros((p, h))
        which = np.zeros((p, h), np.int64)
        dist = np.zeros((p, h))
        model_error = None if self.model_errors is None else np.zeros((p, h))
        reference: np.ndarray | None = None
        reference_var: np.ndarray | None = None
        projected: np.ndarray | None = None
        evidence: np.ndarray | None = None
        vouched: np.ndarray | None = None
        if len(feats):
            s_ = self.state_dim
            noise = self.sampling_noise(
                feats[:, :s_].astype(np.float64), feats[:, s_:].astype(np.float64), outcome
            )
            residual: list[np.ndarray] = []
            vouch: list[np.ndarray] = []
            contact: list[np.ndarray] = []
            miss, ref, local, d = self._misses(
                feats,
                outcome,
                noise,
                bounds,
                num_threads,
                residual=residual,
                vouch=vouch,
                contact=contact,
            )
            if vouch:
                vouched = np.full((p, h), np.inf)
                vouched[valid] = vouch[0].max(axis=1)
            other = getattr(self, "_reward_witness", None)
            if other is not None:
                # The reward of a step the path goes on from, by the real steps that go on (a
                # step that ends the path keeps every transition's judgement).
                on = np.ones(len(feats), bool)
                if paths.dones is not None:
                    on = ~np.asarray(paths.dones, bool)[valid]
                live_miss, live_ref, _, _ = other._misses(
                    feats, outcome, noise, bounds, num_threads
                )
                miss[on, -1] = live_miss[on, -1]
                if ref is not None and live_ref is not None:
                    ref[on, -1] = live_ref[on, -1]
            smooth = getattr(self, "_smooth_witness", None)
            if smooth is not None:
                # A state outcome is proven wrong only where it misses the real transitions
                # with their few jumps and without them: the step may be a jump or not. With
                # contact evidence (round 29), a step whose outcome lies nearer free flight than
                # the contacts among its neighbours is judged by the smooth witness alone.
                smooth_residual: list[np.ndarray] = []
                smooth_miss, _, smooth_local, _ = smooth._misses(
                    feats, outcome, noise, bounds, num_threads, residual=smooth_residual
                )
                either = np.minimum(miss[:, :s_], smooth_miss[:, :s_])
                if contact:
                    like = self._contact_like(contact[0], smooth_residual[0])
                    either = np.where(like[:, None], either, smooth_miss[:, :s_])
                miss[:, :s_] = either
            if ref is not None and getattr(self, "_far_agreement", False):
                # Beyond the usual neighbour distance the local fit extrapolates (a curved
                # outcome's error grows faster than the bound's widening with the distance):
                # an outcome is proven wrong there only where the trusted reference's
                # corrected prediction says so too.
                far = d > 1.0
                miss[far] = np.minimum(miss[far], ref[far])
            if vouch and getattr(self, "_far_vouched", False):
                # Beyond the usual neighbour distance the local fit extrapolates and proves
                # nothing against an outcome the trusted reference's corrected prediction
                # shows right (within the allowance less its own uncertainty there).
                shown_right = (d > 1.0)[:, None] & (vouch[0] <= 1.0)
                miss = np.where(shown_right, np.minimum(miss, vouch[0]), miss)
            physics[valid] = miss.max(axis=1)
            which[valid] = miss.argmax(axis=1)
            where = np.nonzero(valid)
            evidence = self.evidence(feats, outcome, noise, where, (p, h), bounds, num_threads)
            if evidence is not None and smooth is not None:
                # Proven only where the run misses the real transitions with their few jumps
                # and without them, as a step is.
                other_evidence = smooth.evidence(
                    feats, outcome, noise, where, (p, h), bounds, num_threads
                )
                if other_evidence is not None:
                    evidence = np.minimum(evidence, other_evidence)
            dist[valid] = d
            if model_error is not None:
                t = self._targets.shape[1]
                law = getattr(self, "_law", None)
                mean_error = local[:, 2 * t if law is not None else t]
                if getattr(self, "model_signed", None) is not None:
                    # The model's error at the step's real neighbours says the model is wrong
                    # *there*; the step is the model's prediction here, and bears that error
                    # only where its own miss of the real-data fit lies nearer the neighbours'
                    # mean signed error than none (in allowances, over the outcomes). A step
                    # right where its neighbours are not is not flagged; errors of no common
                    # sign (a mean near zero) exonerate nothing.
                    signed = local[:, -t:]
                    own = residual[0] / self.allowance
                    bears = (own * signed).sum(axis=1) >= 0.5 * (signed**2).sum(axis=1)
                    mean_error = np.where(bears, mean_error, 0.0)
                if (
                    smooth is not None
                    and getattr(self, "_smooth_model_error", False)
                    and smooth.model_errors is not None
                ):
                    # The model's error at the real jumps (a puck's impacts, which a model
                    # smooths over) says nothing of a free step beside them, as the jumps' own
                    # outcomes say nothing of its physics: the model is shown wrong near the
                    # step only where it misses the neighbours with and without them.
                    at = 2 * t if getattr(smooth, "_law", None) is not None else t
                    mean_error = np.minimum(mean_error, smooth_local[:, at])
                model_error[valid] = mean_error
            if ref is not None:
                reference, reference_var = np.zeros((p, h)), np.zeros((p, h), np.int64)
                reference[valid] = ref.max(axis=1)
                reference_var[valid] = ref.argmax(axis=1)
            if taken is not None and ref is not None:
                projected = np.zeros((p, h))
                start = np.asarray(taken, np.float64)[valid]
                offset = states[:, :-1][valid].astype(np.float64) - start
                # Only steps whose state the env would move (beyond a thousandth of the line).
                moved = (np.abs(offset) > 1e-3 * self.allowance[:s_]).any(axis=1)
                if moved.any():
                    at = np.concatenate(
                        [start[moved], feats[moved, s_:].astype(np.float64)], axis=1
                    ).astype(np.float32)
                    out_at = outcome[moved].copy()
                    out_at[:, :s_] += offset[moved]
                    pm, pr, _, _ = self._misses(at, out_at, noise, bounds, num_threads)
                    # Two witnesses (the real data near the taken state, the trusted
                    # reference's corrected prediction there): the step is proven wrong only
                    # where both say so. Each is bounded at the stated rate per step; this
                    # judgement adds the inherited deviation to every step of a drifted path,
                    # so one witness's tail would cut confirmed paths.
                    worst = pm[:, :s_].max(axis=1)
                    if pr is not None:
                        worst = np.minimum(worst, pr[:, :s_].max(axis=1))
                    cells = tuple(ix[moved] for ix in np.nonzero(valid))
                    projected[cells] = worst
        ending: np.ndarray | None = None
        if getattr(self, "_end_model", None) is not None:
            # Steps the path goes on from to a next step of its own (not the last, not a done):
            # the ground truth's "the real env ends where the path goes on".
            steps = np.arange(h)[None, :]
            lengths = np.asarray(paths.lengths, np.int64)[:, None]
            on = valid & (steps < lengths - 1)
            if paths.dones is not None:
                on &= ~np.asarray(paths.dones, bool)
            ending = np.zeros((p, h))
            if on.any():
                rate = self.ending(states[:, 1:][on])
                if rate is not None:
                    ending[on] = np.where(np.isfinite(rate), rate, 0.0) / END_LINE
        del s
        return LocalScores(
            physics=physics,
            physics_var=which,
            model_error=model_error,
            distance=dist,
            reference=reference,
            reference_var=reference_var,
            projected=projected,
            ending=ending,
            evidence=evidence,
            vouched=vouched,
        )

    def _misses(
        self,
        feats: np.ndarray,
        outcome: np.ndarray,
        noise: np.ndarray,
        bounds: tuple[np.ndarray, np.ndarray] | None,
        num_threads: int | None,
        residual: list[np.ndarray] | None = None,
        vouch: list[np.ndarray] | None = None,
        contact: list[np.ndarray] | None = None,
    ) -> tuple[np.ndarray, np.ndarray | None, np.ndarray, np.ndarray]:
        """Per step (``feats``, ``outcome``) and outcome: the miss against the real-data
        references (the local fit and the linear law, the larger), against the trusted
        reference (None without one), both in units of their limits; the neighbours' mean
        values and the neighbour distance (in usual distances). With ``contact`` and contact
        values (``_contact_values``), their neighbours' means are appended to it (the same
        query)."""
        extra = getattr(self, "_contact_values", None) if contact is not None else None
        values = self._values
        if extra is not None:
            values = np.ascontiguousarray(np.concatenate([values, extra], 1), dtype=np.float32)
        out = self.index.query(
            self._points(feats),
            k=self.k,
            ridge=self.ridge,
            values=values,
            num_threads=num_threads,
        )
        t = self._targets.shape[1]
        local = np.asarray(out["values"], np.float64)
        if extra is not None and contact is not None:
            contact.append(local[:, -extra.shape[1] :])
            local = local[:, : -extra.shape[1]]
        d = np.asarray(out["distance"], np.float64) / self.distance_ref
        # The reference's own error near the step (the neighbours' mean leave-one-out error,
        # in own units: high at kinks such as a speed limit), LOCAL_SPREAD x, wider in
        # proportion where the neighbours are farther than usual, is noise on top of the
        # allowance.
        factors = getattr(self, "spread_factors", None)
        spread = np.full((2, t), LOCAL_SPREAD) if factors is None else factors
        widen = np.maximum(d[:, None], 1.0)
        if getattr(self, "_far_curvature", False):
            # A linear fit's error outside its data is its outcome's curvature times the
            # distance squared (the Taylor remainder), the local fit's and the linear law's
            # alike; at real points, the distance is usual.
            widen = widen**2
        floor = spread[0] * local[:, :t] * self.tolerance * widen
        fitted = np.asarray(out["prediction"], np.float64)
        read = self._read_reward(feats, fitted, floor, d, num_threads)
        limit = self._limit(floor) + noise
        here = feats[:, : self.state_dim].astype(np.float64)
        fitted[:, : self.state_dim] = _project(here, fitted[:, : self.state_dim], bounds)
        miss = np.abs(outcome - fitted[:, :t]) / limit
        if residual is not None:
            residual.append(outcome - fitted[:, :t])
        start = t
        law = getattr(self, "_law", None)
        if law is not None:
            # The linear law, with its own error near the step (widened alike).
            law_floor = spread[1] * local[:, t : 2 * t] * widen
            predicted = law[0] + feats.astype(np.float64) @ law[1:]
            predicted[:, : self.state_dim] = _project(here, predicted[:, : self.state_dim], bounds)
            law_miss = np.abs(outcome - predicted) / (self._limit(law_floor) + noise)
            finite = np.isfinite(law_miss)
            both = np.maximum(miss, np.where(finite, law_miss, 0.0))
            if getattr(self, "_law_overrule", False):
                # Beyond the usual distance the local fit extrapolates from neighbours on one
                # side; where the law predicts those neighbours within the line (its local
                # floor at most the allowance), the law's judgement stands alone there.
                explains = spread[1] * local[:, t : 2 * t] <= self.allowance
                alone = (d[:, None] > 1.0) & explains & finite
                both = np.where(alone, law_miss, both)
            miss = both
            start = 2 * t
        ref = None
        if self._reference_fn is not None and self.reference_errors is not None:
            start += 0 if self.model_errors is None else 1
            correction = fitted[:, t:] if fitted.shape[1] >= 2 * t else None
            ref = self._reference_gap(
                feats, outcome, local[:, start:], d, noise, correction, bounds, read, vouch
            )
        return miss, ref, local, d

    def _reference_gap(
        self,
        feats: np.ndarray,
        outcome: np.ndarray,
        ref_error: np.ndarray,
        distance: np.ndarray,
        noise: np.ndarray,
        correction: np.ndarray | None,
        bounds: tuple[np.ndarray, np.ndarray] | None = None,
        read: Any = None,
        vouch: list[np.ndarray] | None = None,
    ) -> np.ndarray | None:
        """Per step and outcome: the miss of the imagined outcome against the trusted reference
        model's locally corrected prediction at the same state and action, in units of
        (allowance + its local error + sampling noise). ``ref_error``: per step, the
        neighbours' mean of the reference's error, then (with a correction) of its correction's
        leave-one-out error (in allowances). The reference's own local error is
        ``LOCAL_SPREAD`` x its mean error on the step's real neighbours, wider in proportion
        where the neighbours are farther than usual; the correction (the local fit of its
        signed error) is limited to that, and the corrected prediction's error is
        ``LOCAL_SPREAD`` x the fit's mean leave-one-out error there, widened alike: where the
        reference is precise, an outcome off by more than the allowance is wrong; where it is
        not, it proves nothing. ``read`` (the reward's own witness's fit, ``_read_reward``,
        with the reference's reward error fitted in the features the reward reads): the
        reward's correction, mean errors, neighbour distance and calibrated multiple are its
        own, as the reward's prediction is in ``local_physics``."""
        s_ = self.state_dim
        try:
            nxt, rew = self._reference_fn(feats[:, :s_], feats[:, s_:])
        except (TypeError, ValueError, RuntimeError):
            return None
        nxt, rew = np.asarray(nxt, np.float64), np.asarray(rew, np.float64).reshape(-1)
        if nxt.shape != (len(feats), s_) or rew.shape != (len(feats),):
            return None
        pred = np.concatenate([nxt - feats[:, :s_].astype(np.float64), rew[:, None]], axis=1)
        allowance = self.allowance
        t = pred.shape[1]
        dist = np.repeat(np.asarray(distance, np.float64)[:, None], t, axis=1)
        factors = getattr(self, "reference_factors", None)
        factors = np.full(t, LOCAL_SPREAD) if factors is None else np.array(factors, np.float64)
        if (
            read is not None
            and read.correction is not None
            and correction is not None
            and ref_error.shape[1] >= 2 * t
        ):
            ref_error, correction = np.array(ref_error, np.float64), np.array(correction)
            ref_error[:, t - 1] = read.reference_error
            ref_error[:, 2 * t - 1] = read.correction_error
            correction[:, t - 1] = read.correction
            dist[:, t - 1] = read.distance
            factors[t - 1] = self._reads.reference_factor
        wider = LOCAL_SPREAD * allowance * np.maximum(dist, 1.0)
        floor = ref_error[:, :t] * wider
        if correction is not None and ref_error.shape[1] >= 2 * t:
            pred = pred - np.clip(correction, -floor, floor)
            wider = wider * (factors / LOCAL_SPREAD)
            floor = ref_error[:, t : 2 * t] * wider
        here = feats[:, :s_].astype(np.float64)
        pred[:, :s_] = _project(here, pred[:, :s_], bounds)
        limit = self._limit(floor) + noise
        gap = np.abs(outcome - pred)
        if vouch is not None:
            # Shown right: within the allowance less the prediction's uncertainty beyond it.
            shown = (gap + (limit - allowance)) / allowance
            vouch.append(np.where(np.isfinite(shown), shown, np.inf))
        miss = gap / limit
        return np.asarray(np.where(np.isfinite(miss), miss, 0.0))


MESSAGES = {
    "reference_gap": "{count} steps do not do what the trusted reference model predicts: worst "
    "{variable} off by {worst_value:.1f}x what matters there (the allowance plus the "
    "reference's local error) at step {worst_step}",
    "local_physics": "{count} steps do not do what real transitions near them do: worst "
    "{variable} off by {worst_value:.1f}x what matters there (the allowance plus the real-data "
    "reference's local error) at step {worst_step}",
    "local_model_error": "{count} steps where the model misses the real transitions nearest to "
    "them: worst {worst_value:.1f} allowances at step {worst_step}",
    "path_evidence": "{count} runs of steps whose errors against the real transitions near "
    "them add up to more than the allowance at each could: worst {worst_value:.1f}x the "
    "bound, the run ending at step {worst_step}",
    "local_termination": "{count} steps where the path goes on but the real transitions near "
    "them more likely end the episode: worst {worst_value:.1f}x the line at step {worst_step}",
}
"""Per local detector: its finding's message, from its evidence."""


def local_findings(
    scores: LocalScores,
    *,
    names: list[str],
    margin: float,
    min_steps: int,
    model_margin: float | None = None,
    severities: dict[str, str],
    disabled: set[str],
) -> list[Any]:
    """One finding per path and local detector with at least ``min_steps`` flagged steps."""
    from plasma.auditor.findings import Finding

    out: list[Finding] = []
    checks: list[tuple[str, np.ndarray | None, float]] = [
        ("local_physics", scores.physics, margin),
        ("local_model_error", scores.model_error, margin if model_margin is None else model_margin),
        ("reference_gap", scores.reference, margin),
        ("local_termination", getattr(scores, "ending", None), 1.0),
        ("path_evidence", getattr(scores, "evidence", None), 1.0),
    ]
    variables = {"reference_gap": scores.reference_var, "local_physics": scores.physics_var}
    for det, values, limit in checks:
        if values is None or det in disabled:
            continue
        flagged = values > limit
        counts = flagged.sum(axis=1)
        for p in np.flatnonzero(counts >= min_steps).tolist():
            first = int(np.argmax(flagged[p]))
            worst = int(np.argmax(values[p]))
            ev: dict[str, Any] = {
                "count": int(counts[p]),
                "first_step": first,
                "worst_step": worst,
                "worst_value": float(values[p, worst]),
                "limit": limit,
                "neighbour_distance": float(scores.distance[p, worst]),
            }
            which = variables.get(det)
            if which is not None:
                var = int(which[p, worst])
                ev["variable"] = names[var] if var < len(names) else "reward"
            message = MESSAGES[det].format(**{"variable": "an outcome", **ev})
            out.append(
                Finding(
                    detector=det,
                    source="numeric",
                    path=p,
                    step=first,
                    severity=severities[det],
                    message=message,
                    evidence=ev,
                )
            )
    return out
