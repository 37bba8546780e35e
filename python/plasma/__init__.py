"""Plasma: train and adapt agent policies from audited, imagined experience.

Users import from here; the submodules are the implementation.
"""

from plasma._core import __version__
from plasma.auditor import AdversarialChecker, Auditor, AuditorConfig, AuditReport, ReviewEngine
from plasma.distiller import Distiller, DistillerConfig, InstructionPacket, LoRAInjector, Policy
from plasma.envs import PlasmaEnv, Transitions, check_env, collect, make_env
from plasma.errors import PlasmaError
from plasma.simulator import (
    PhantomPathGenerator,
    PhantomPaths,
    Simulator,
    SimulatorConfig,
    WorldModel,
    WorldModelConfig,
)
from plasma.trace import AtomicSpan, SpanMetadata, StateTracker, TraceState, TrackerConfig

__all__ = [
    "AdversarialChecker",
    "AtomicSpan",
    "AuditReport",
    "Auditor",
    "AuditorConfig",
    "Distiller",
    "DistillerConfig",
    "InstructionPacket",
    "LoRAInjector",
    "PhantomPathGenerator",
    "PhantomPaths",
    "PlasmaEnv",
    "PlasmaError",
    "Policy",
    "ReviewEngine",
    "Simulator",
    "SimulatorConfig",
    "SpanMetadata",
    "StateTracker",
    "TraceState",
    "TrackerConfig",
    "Transitions",
    "WorldModel",
    "WorldModelConfig",
    "__version__",
    "check_env",
    "collect",
    "make_env",
]
