"""The real points' own errors measured across groups of whole episodes (round 28,
``DetectorConfig.local_episode_out``): the groups (``episode_folds``) and the local fit at real
points from the other groups' points (``held_out_query``), for the local fits of
``plasma.auditor.local`` and the reward's read-feature fit of ``plasma.auditor.reads``."""

from __future__ import annotations

from typing import Any

import numpy as np

__all__ = ["EPISODE_FOLDS", "episode_folds", "held_out_query"]


EPISODE_FOLDS = 10
"""Groups of whole episodes the local fits' own errors are measured across (``episode_folds``):
each real point's error is its fit's from the points of the other groups."""


def episode_folds(boundary: np.ndarray, folds: int = EPISODE_FOLDS) -> np.ndarray | None:
    """Per real transition, the group of whole episodes it belongs to (``boundary``: the
    transitions that end one, terminated or truncated): episode ``e`` falls in group
    ``e % folds``. With one episode (a single long run), ``folds`` contiguous blocks of it.
    None with too few transitions to leave a group out.

    Why: a real point's leave-one-out neighbours include its own episode's adjacent steps, a
    few hundredths of a usual distance along its path, so its fit interpolates where an
    imagined step's (whose neighbours all come from other episodes) extrapolates between
    paths; errors measured leaving one point out understate an imagined step's by 1.6-2.4x
    (the bowl of held_out_22, round 28), and every bound calibrated on them with it."""
    b = np.asarray(boundary, bool)
    n = len(b)
    if n < 2 * folds:
        return None
    episode = np.concatenate([[0], np.cumsum(b)[:-1]]).astype(np.int64)
    if episode[-1] >= 1:
        return np.asarray(episode % min(folds, int(episode[-1]) + 1), np.int64)
    return np.asarray(np.arange(n) * folds // n, np.int64)


def held_out_query(
    points: np.ndarray,
    targets: np.ndarray,
    scale: np.ndarray,
    folds: np.ndarray,
    *,
    k: int,
    ridge: float,
    rows: np.ndarray | None = None,
    values: np.ndarray | None = None,
) -> dict[str, np.ndarray]:
    """The local fit at real points ``rows`` (all by default) from the real points of the
    *other* groups of ``folds`` only (``episode_folds``), as an index query would answer it:
    ``prediction`` ``[R, T]``, ``distance`` ``[R]`` and, with ``values`` (one row per real
    point), the neighbours' weighted mean ``values`` ``[R, W]``. One index per group (a k-d
    tree build each, over the points the group leaves). A group whose complement has too few
    points for ``k`` neighbours leaves its rows self-excluded only."""
    from plasma import _core

    rows = np.arange(len(points)) if rows is None else np.asarray(rows, np.int64)
    t = targets.shape[1]
    prediction = np.zeros((len(rows), t), np.float64)
    distance = np.zeros(len(rows), np.float64)
    mean = None if values is None else np.zeros((len(rows), values.shape[1]), np.float64)
    at = np.asarray(folds, np.int64)[rows]
    for g in np.unique(at).tolist():
        mine = np.flatnonzero(at == g)
        others = np.flatnonzero(np.asarray(folds) != g)
        if len(others) <= k:
            index = _core.LocalIndex(points, targets, scale)
            extra: dict[str, Any] = {"exclude": rows[mine].astype(np.uint32)}
            vals = values
        else:
            index = _core.LocalIndex(
                np.ascontiguousarray(points[others]),
                np.ascontiguousarray(targets[others]),
                scale,
            )
            extra = {}
            vals = None if values is None else np.ascontiguousarray(values[others])
        if vals is not None:
            extra["values"] = vals
        out = index.query(np.ascontiguousarray(points[rows[mine]]), k=k, ridge=ridge, **extra)
        prediction[mine] = np.asarray(out["prediction"], np.float64)
        distance[mine] = np.asarray(out["distance"], np.float64)
        if mean is not None:
            mean[mine] = np.asarray(out["values"], np.float64)
    result = {"prediction": prediction, "distance": distance}
    if mean is not None:
        result["values"] = mean
    return result
