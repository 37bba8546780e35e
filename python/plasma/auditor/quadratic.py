"""Quadratic features of centred, scaled points: the design of the auditor's quadratic fits (the
termination witness of ``plasma.auditor.local`` and the reward's trend in
``plasma.auditor.reads``), in one module both import."""

from __future__ import annotations

import numpy as np

__all__ = ["END_PAIRS", "quadratic"]

END_PAIRS = 16
"""Every product of two variables up to this many variables, only their squares beyond (a wide
state's products outnumber the calibration's ends)."""


def quadratic(z: np.ndarray) -> np.ndarray:
    """``[1, z, z_i z_j]`` per row (``i <= j``; squares only beyond ``END_PAIRS`` variables)."""
    s = z.shape[1]
    if s <= END_PAIRS:
        i, j = np.triu_indices(s)
        second = z[:, i] * z[:, j]
    else:
        second = z * z
    return np.concatenate([np.ones((len(z), 1)), z, second], axis=1)
