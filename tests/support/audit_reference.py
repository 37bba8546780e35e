"""Reference implementations of the auditor's scans, for agreement checks and benchmarks.

- :func:`reference_scan`: the numeric detectors, vectorised with numpy, from the same
  :class:`~plasma.auditor.ScanLimits` as the Rust scanner, returning the same arrays (float32
  arithmetic in the same order, the same cell hashing), so results can be compared exactly.
- :class:`ReferenceRules`: the text rules with Python ``re`` (one compiled pattern per rule
  pattern; literals escaped), the same step semantics as the Rust engine.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np

from plasma.auditor import Calibration, DetectorConfig, default_invariants
from plasma.auditor.numeric import DETECTORS, ScanLimits
from plasma.auditor.rules import CompiledRules
from plasma.simulator.paths import PhantomPaths

__all__ = ["ReferenceRules", "cell_keys", "pendulum_limits", "reference_scan"]


def pendulum_limits(cal: Calibration, threshold: float | None = 0.5) -> ScanLimits:
    """The numeric scan's limits for Pendulum-v1 from ``cal``: the default detectors and
    invariants, the env's torque bounds and the disagreement threshold ``threshold``."""
    return ScanLimits.build(
        state_dim=3,
        action_dim=1,
        state_names=cal.state_names,
        calibration=cal,
        config=DetectorConfig(),
        invariants=default_invariants("Pendulum-v1"),
        action_low=np.array([-2.0]),
        action_high=np.array([2.0]),
        uncertainty_threshold=threshold,
    )


KEY_START = np.uint64(0xCBF29CE484222325)
GOLDEN = np.uint64(0x9E3779B97F4A7C15)
MIX = np.uint64(0xFF51AFD7ED558CCD)
LIMIT = np.float32(1.0e9)
D = len(DETECTORS)
COL = {name: i for i, name in enumerate(DETECTORS)}


def cell_coords(x: np.ndarray, origin: np.ndarray, width: np.ndarray) -> np.ndarray:
    """Integer cell coordinates (float32 arithmetic, clamped to +-1e9), ``[..., S]`` int64."""
    with np.errstate(invalid="ignore", over="ignore"):
        c = np.floor((x - origin) / width)
    return np.clip(np.nan_to_num(c, nan=0.0), -LIMIT, LIMIT).astype(np.int64)


def cell_keys(coords: np.ndarray) -> np.ndarray:
    """64-bit keys of cell coordinates ``[..., S]`` (the Rust grid's hash)."""
    h = np.full(coords.shape[:-1], KEY_START, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(coords.shape[-1]):
            h = (h ^ coords[..., j].astype(np.uint64)) * GOLDEN
            h ^= h >> np.uint64(29)
        h ^= h >> np.uint64(33)
        h = h * MIX
        h ^= h >> np.uint64(33)
    return h


def grid_keys(lim: ScanLimits) -> np.ndarray | None:
    """Sorted keys of the occupied (dilated) cells, or None without a grid."""
    if lim.grid_points is None:
        return None
    assert lim.grid_origin is not None
    assert lim.grid_width is not None
    pts = lim.grid_points[np.isfinite(lim.grid_points).all(axis=1)]
    coords = np.unique(cell_coords(pts, lim.grid_origin, lim.grid_width), axis=0)
    r, s = lim.grid_radius, lim.state_dim
    offsets = np.stack(np.meshgrid(*[np.arange(-r, r + 1)] * s, indexing="ij"), axis=-1).reshape(
        -1, s
    )
    keys = cell_keys((coords[:, None, :] + offsets[None, :, :]).reshape(-1, s))
    return np.unique(keys)


def _reduce(
    flag: np.ndarray, value: np.ndarray, index: np.ndarray | int, out: dict[str, np.ndarray], d: int
) -> None:
    count = flag.sum(axis=1)
    anyf = count > 0
    first = np.where(anyf, flag.argmax(axis=1), -1)
    masked = np.where(flag, value, np.float32(-np.inf)).astype(np.float32)
    worst = np.where(anyf, masked.argmax(axis=1), -1)
    rows = np.arange(flag.shape[0])
    safe = np.maximum(worst, 0)
    idx = np.broadcast_to(np.asarray(index, dtype=np.int64), flag.shape)
    out["count"][:, d] = count
    out["first_step"][:, d] = first
    out["worst_step"][:, d] = worst
    out["worst_value"][:, d] = np.where(anyf, masked[rows, safe], np.float32(np.nan))
    out["worst_index"][:, d] = np.where(anyf, idx[rows, safe], -1)


def _combine_start(
    viol: np.ndarray, value: np.ndarray, index: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per step t: the violation of s_{t+1}, and at t = 0 the larger of s_0's and s_1's."""
    flag = viol[:, 1:].copy()
    val = value[:, 1:].copy()
    idx = index[:, 1:].copy()
    v0, v1 = viol[:, 0], viol[:, 1]
    take1 = v1 & (~v0 | (value[:, 1] > value[:, 0]))
    flag[:, 0] = v0 | v1
    val[:, 0] = np.where(take1, value[:, 1], value[:, 0])
    idx[:, 0] = np.where(take1, index[:, 1], index[:, 0])
    return flag, val, idx


def _cycles(
    lim: ScanLimits,
    states: np.ndarray,
    rewards: np.ndarray,
    lengths: np.ndarray,
    ok: np.ndarray,
    out: dict[str, np.ndarray],
) -> None:
    assert lim.cycle_origin is not None
    assert lim.cycle_width is not None
    p_all, h1, _s = states.shape
    d = COL["reward_cycle"]
    k = np.arange(h1)
    valid = (k[None, :] <= lengths[:, None]) & ok[:, None]
    coords = cell_coords(states, lim.cycle_origin, lim.cycle_width)
    keys = cell_keys(coords)
    cum = np.zeros((p_all, h1), dtype=np.float64)
    r64 = rewards.astype(np.float64)
    cum[:, 1:] = np.cumsum(np.where(k[None, :-1] < lengths[:, None], r64, 0.0), axis=1)
    pp, kk = np.nonzero(valid)
    kv = keys[pp, kk]
    order = np.lexsort((kk, kv, pp))
    pp, kk, kv = pp[order], kk[order], kv[order]
    same = np.zeros(len(pp), dtype=bool)
    same[1:] = (pp[1:] == pp[:-1]) & (kv[1:] == kv[:-1])
    prev = np.where(same, np.concatenate([[0], kk[:-1]]), -1)
    cand = same & (kk - prev >= lim.cycle_min_period)
    cp, ck, cu = pp[cand], kk[cand], prev[cand]
    rate = (cum[cp, ck] - cum[cp, cu]) / (ck - cu).astype(np.float64)
    keep = rate > lim.cycle_min_rate
    cp, ck, cu, rate = cp[keep], ck[keep], cu[keep], rate[keep]
    if len(cp):
        # Range max/min of the cell coordinates over [u, k] with a sparse table.
        paths = np.unique(cp)
        row = np.searchsorted(paths, cp)
        sub = coords[paths].astype(np.int64)
        hi_t, lo_t = [sub], [sub]
        width = 1
        while width * 2 <= h1:
            prev_hi, prev_lo = hi_t[-1], lo_t[-1]
            n = h1 - 2 * width + 1
            hi_t.append(np.maximum(prev_hi[:, :n], prev_hi[:, width : width + n]))
            lo_t.append(np.minimum(prev_lo[:, :n], prev_lo[:, width : width + n]))
            width *= 2
        span = ck - cu + 1
        level = np.floor(np.log2(span)).astype(np.int64)
        extent = np.zeros(len(cp), dtype=np.int64)
        for lv in np.unique(level):
            m = level == lv
            w = 1 << int(lv)
            r, u, kq = row[m], cu[m], ck[m]
            hi = np.maximum(hi_t[lv][r, u], hi_t[lv][r, kq - w + 1])
            lo = np.minimum(lo_t[lv][r, u], lo_t[lv][r, kq - w + 1])
            extent[m] = (hi - lo).max(axis=1)
        keep = extent >= lim.cycle_min_extent
        cp, ck, cu, rate = cp[keep], ck[keep], cu[keep], rate[keep]
    flag = np.zeros((p_all, h1 - 1), dtype=bool)
    value = np.zeros((p_all, h1 - 1), dtype=np.float32)
    index = np.full((p_all, h1 - 1), -1, dtype=np.int64)
    flag[cp, ck - 1] = True
    value[cp, ck - 1] = rate.astype(np.float32)
    index[cp, ck - 1] = cu
    _reduce(flag, value, index, out, d)


def reference_scan(
    lim: ScanLimits, paths: PhantomPaths, *, keys: np.ndarray | None = None
) -> dict[str, Any]:
    """The numeric detectors in numpy over ``paths`` (what ``scan_paths`` computes); ``keys`` from
    :func:`grid_keys` (computed if None)."""
    assert paths.dones is not None
    assert paths.uncertainty is not None
    assert paths.lengths is not None
    states, actions, rewards = paths.states, paths.actions, paths.rewards
    dones, uncertainty, lengths = paths.dones, paths.uncertainty, paths.lengths
    p, h1, _s = states.shape
    h = h1 - 1
    out: dict[str, Any] = {
        "count": np.zeros((p, D), dtype=np.int64),
        "first_step": np.full((p, D), -1, dtype=np.int32),
        "worst_step": np.full((p, D), -1, dtype=np.int32),
        "worst_value": np.full((p, D), np.nan, dtype=np.float32),
        "worst_index": np.full((p, D), -1, dtype=np.int32),
        "transitions": int(lengths.sum()),
    }
    t = np.arange(h)
    mask = t[None, :] < lengths[:, None]
    sfin = np.isfinite(states).all(axis=2)
    afin = np.isfinite(actions).all(axis=2)
    rfin, ufin = np.isfinite(rewards), np.isfinite(uncertainty)

    bad0 = ~sfin[:, 1:]
    bad0[:, 0] |= ~sfin[:, 0]
    idx = np.where(bad0, 0, np.where(~afin, 1, np.where(~rfin, 2, np.where(~ufin, 3, -1))))
    _reduce(mask & (idx >= 0), np.ones((p, h), np.float32), idx, out, COL["non_finite"])

    if lim.uncertainty_threshold is not None:
        with np.errstate(invalid="ignore"):
            flag = mask & (uncertainty > lim.uncertainty_threshold)
        _reduce(flag, uncertainty, -1, out, COL["uncertainty"])

    if lim.support_low is not None:
        assert lim.support_high is not None
        assert lim.support_scale is not None
        with np.errstate(invalid="ignore", over="ignore"):
            d = np.maximum(
                (lim.support_low - states) / lim.support_scale,
                (states - lim.support_high) / lim.support_scale,
            )
        dmax = d.max(axis=2)
        var = np.where(dmax > 0, d.argmax(axis=2), -1)
        dist = np.maximum(dmax, np.float32(0.0))
        with np.errstate(invalid="ignore"):
            viol = dist > np.float32(lim.support_tolerance)
        gk = keys if keys is not None else grid_keys(lim)
        if gk is not None:
            assert lim.grid_origin is not None
            assert lim.grid_width is not None
            sk = cell_keys(cell_coords(states, lim.grid_origin, lim.grid_width))
            pos = np.clip(np.searchsorted(gk, sk), 0, len(gk) - 1)
            viol |= gk[pos] != sk
        viol &= sfin
        flag, val, ix = _combine_start(viol, dist, var)
        _reduce(mask & flag, val, ix, out, COL["out_of_support"])

    if lim.invariants:
        excess = np.zeros((p, h1, len(lim.invariants)), dtype=np.float32)
        with np.errstate(invalid="ignore", over="ignore"):
            for i, (kind, vars_, coefs, a, b, _exempt) in enumerate(lim.invariants):
                a32, b32 = np.float32(a), np.float32(b)
                if kind == "bounds":
                    v = states[:, :, vars_[0]]
                    e = np.maximum(np.maximum(a32 - v, v - b32), np.float32(0))
                else:
                    acc = np.zeros((p, h1), dtype=np.float32)
                    for j, var_i in enumerate(vars_):
                        x = states[:, :, var_i]
                        acc = acc + (x * x if kind == "norm" else np.float32(coefs[j]) * x)
                    e = np.maximum(np.abs(acc - a32) - b32, np.float32(0))
                excess[:, :, i] = e
            exempt = np.array([inv[5] for inv in lim.invariants])
            if exempt.any():
                last = lengths.astype(np.int64)
                done_end = (last > 0) & dones[np.arange(p), np.maximum(last - 1, 0)]
                rows = np.flatnonzero(done_end)
                excess[rows[:, None], last[rows][:, None], np.flatnonzero(exempt)[None, :]] = 0
        emax = excess.max(axis=2)
        inv_idx = excess.argmax(axis=2)
        viol = (emax > 0) & sfin
        flag, val, ix = _combine_start(viol, emax, inv_idx)
        _reduce(mask & flag, val, ix, out, COL["invariant"])

    if lim.action_low is not None:
        assert lim.action_high is not None
        with np.errstate(invalid="ignore"):
            e = np.maximum(lim.action_low - actions, actions - lim.action_high)
        emax = e.max(axis=2)
        _reduce(mask & afin & (emax > 0), emax, e.argmax(axis=2), out, COL["action_bounds"])

    if lim.reward_max is not None:
        with np.errstate(invalid="ignore"):
            flag = mask & (rewards > lim.reward_max)
        _reduce(flag, rewards, -1, out, COL["reward_above_max"])

    if lim.reward_spike is not None:
        jump = np.zeros((p, h), dtype=np.float32)
        with np.errstate(invalid="ignore"):
            jump[:, 1:] = np.abs(rewards[:, 1:] - rewards[:, :-1])
            flag = mask & (t[None, :] > 0) & (jump > lim.reward_spike)
        _reduce(flag, jump, -1, out, COL["reward_spike"])

    if lim.state_jump is not None:
        with np.errstate(invalid="ignore", over="ignore"):
            ratio = np.abs(states[:, 1:] - states[:, :-1]) / lim.state_jump
        rmax = ratio.max(axis=2)
        both = sfin[:, :-1] & sfin[:, 1:]
        flag = mask & both & (rmax > 1)
        _reduce(flag, rmax, ratio.argmax(axis=2), out, COL["state_jump"])

    if lim.cycle_origin is not None:
        ok = out["count"][:, COL["non_finite"]] == 0
        _cycles(lim, states, rewards, lengths, ok, out)
    return out


class ReferenceRules:
    """The compiled rules of a :class:`CompiledRules`, with Python ``re``."""

    def __init__(self, rules: CompiledRules) -> None:
        self.rules = rules
        self.fields = rules.fields
        compiled = []
        for rule in rules.rules:
            groups: list[tuple[str, list[tuple[int, re.Pattern[bytes]]]]] = []

            def patterns(group: Any) -> list[tuple[int, re.Pattern[bytes]]]:
                flags = re.IGNORECASE if group.case_insensitive else 0
                out = []
                for kind, text in group.patterns():
                    source = re.escape(text) if kind == "literal" else text
                    pat = re.compile(source.encode(), flags)
                    out.extend((self.fields.index(f), pat) for f in group.fields)
                return out

            groups.append(("primary", patterns(rule)))
            for g in rule.require:
                groups.append(("require", patterns(g)))
            if rule.roles is not None:
                roles = "|".join(re.escape(x) for x in rule.roles)
                groups.append(
                    (
                        "require",
                        [(self.fields.index("role"), re.compile(f"^(?:{roles})$".encode()))],
                    )
                )
            for g in rule.exclude:
                groups.append(("exclude", patterns(g)))
            compiled.append(groups)
        self.compiled = compiled

    def scan_texts(self, texts: list[tuple[bytes, np.ndarray]]) -> list[tuple[int, int]]:
        """``(step, rule)`` of every hit, in step then rule order."""
        n = len(texts[0][1]) - 1 if texts else 0
        segs = [[buf[off[i] : off[i + 1]] for i in range(n)] for buf, off in texts]
        hits = []
        for step in range(n):
            for r, groups in enumerate(self.compiled):
                fired = True
                for role, pats in groups:
                    matched = any(segs[f][step] and pat.search(segs[f][step]) for f, pat in pats)
                    if (role == "exclude" and matched) or (role != "exclude" and not matched):
                        fired = False
                        break
                if fired:
                    hits.append((step, r))
        return hits
