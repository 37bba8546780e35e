"""Plasma: train and adapt agent policies from audited, imagined experience.

Users import from here; the submodules are the implementation.
"""

from typing import TYPE_CHECKING

from plasma._cli import screen_before_core
from plasma._lazy import attach
from plasma.errors import PlasmaError as PlasmaError

screen_before_core()  # before the Rust core reads PLASMA_NUM_THREADS

from plasma._core import __version__ as __version__  # noqa: E402

if TYPE_CHECKING:
    from plasma.auditor import AdversarialChecker as AdversarialChecker
    from plasma.auditor import Auditor as Auditor
    from plasma.auditor import AuditorConfig as AuditorConfig
    from plasma.auditor import AuditReport as AuditReport
    from plasma.auditor import ReviewEngine as ReviewEngine
    from plasma.distiller import Distiller as Distiller
    from plasma.distiller import DistillerConfig as DistillerConfig
    from plasma.distiller import InstructionPacket as InstructionPacket
    from plasma.distiller import LoRAInjector as LoRAInjector
    from plasma.distiller import Policy as Policy
    from plasma.envs import PlasmaEnv as PlasmaEnv
    from plasma.envs import Transitions as Transitions
    from plasma.envs import check_env as check_env
    from plasma.envs import collect as collect
    from plasma.envs import make_env as make_env
    from plasma.simulator import PhantomPathGenerator as PhantomPathGenerator
    from plasma.simulator import PhantomPaths as PhantomPaths
    from plasma.simulator import Simulator as Simulator
    from plasma.simulator import SimulatorConfig as SimulatorConfig
    from plasma.simulator import WorldModel as WorldModel
    from plasma.simulator import WorldModelConfig as WorldModelConfig
    from plasma.trace import AtomicSpan as AtomicSpan
    from plasma.trace import SpanMetadata as SpanMetadata
    from plasma.trace import StateTracker as StateTracker
    from plasma.trace import TraceState as TraceState
    from plasma.trace import TrackerConfig as TrackerConfig

# Public names, imported when first read (PEP 562): see plasma._lazy.
__getattr__, __dir__, __all__ = attach(__name__, eager=["PlasmaError", "__version__"])
