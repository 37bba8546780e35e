"""The simulator: a learned world model and a Rust engine that rolls out phantom paths in it."""

from plasma.simulator.generator import GeneratorConfig, PhantomPathGenerator, PlannerConfig
from plasma.simulator.paths import PathsMeta, PhantomPaths
from plasma.simulator.simulator import Simulator, SimulatorConfig
from plasma.simulator.value import ValueConfig, ValueFunction, ValueReport, real_returns
from plasma.simulator.world_model import FitReport, WorldModel, WorldModelConfig

__all__ = [
    "FitReport",
    "GeneratorConfig",
    "PathsMeta",
    "PhantomPathGenerator",
    "PhantomPaths",
    "PlannerConfig",
    "Simulator",
    "SimulatorConfig",
    "ValueConfig",
    "ValueFunction",
    "ValueReport",
    "WorldModel",
    "WorldModelConfig",
    "real_returns",
]
