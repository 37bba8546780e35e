"""Plasma: train and adapt agent policies from audited, imagined experience.

Users import from here; the submodules are the implementation.
"""

from plasma._core import __version__
from plasma.errors import PlasmaError
from plasma.trace import AtomicSpan, SpanMetadata, StateTracker, TraceState, TrackerConfig

__all__ = [
    "AtomicSpan",
    "PlasmaError",
    "SpanMetadata",
    "StateTracker",
    "TraceState",
    "TrackerConfig",
    "__version__",
]
