"""One rule for the numbers a user hands Plasma as an array (observations to act on, real
transitions, start states): NaN or infinity is refused where it comes in, naming the argument
and the first bad entry, not carried on into silent NaN actions, paths or losses."""

from __future__ import annotations

import numpy as np

from plasma.errors import InvalidArgumentError

__all__ = ["check_finite"]


def check_finite(name: str, arr: np.ndarray) -> None:
    """Raise :class:`~plasma.errors.InvalidArgumentError` when ``arr`` (the argument ``name``)
    holds NaN or an infinity: how many, and the first one's index and value."""
    finite = np.isfinite(arr)
    if not finite.all():
        bad = np.argwhere(~finite)
        first = tuple(int(i) for i in bad[0])
        raise InvalidArgumentError(
            f"{name} has {len(bad)} non-finite value(s) (NaN or Inf); the first at index "
            f"{first[0] if len(first) == 1 else first} is {float(arr[first])!r}"
        )
