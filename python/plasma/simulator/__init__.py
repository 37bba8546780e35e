"""The simulator: a learned world model and a Rust engine that rolls out phantom paths in it."""

from typing import TYPE_CHECKING

from plasma._lazy import attach

if TYPE_CHECKING:
    from plasma.simulator.generator import GeneratorConfig as GeneratorConfig
    from plasma.simulator.generator import PhantomPathGenerator as PhantomPathGenerator
    from plasma.simulator.generator import PlannerConfig as PlannerConfig
    from plasma.simulator.paths import PathsMeta as PathsMeta
    from plasma.simulator.paths import PhantomPaths as PhantomPaths
    from plasma.simulator.simulator import Simulator as Simulator
    from plasma.simulator.simulator import SimulatorConfig as SimulatorConfig
    from plasma.simulator.value import ValueConfig as ValueConfig
    from plasma.simulator.value import ValueFunction as ValueFunction
    from plasma.simulator.value import ValueReport as ValueReport
    from plasma.simulator.value import real_returns as real_returns
    from plasma.simulator.world_model import FitReport as FitReport
    from plasma.simulator.world_model import WorldModel as WorldModel
    from plasma.simulator.world_model import WorldModelConfig as WorldModelConfig

# Public names, imported when first read (PEP 562): see plasma._lazy.
__getattr__, __dir__, __all__ = attach(
    __name__,
    {
        "plasma.simulator.generator": ["GeneratorConfig", "PhantomPathGenerator", "PlannerConfig"],
        "plasma.simulator.paths": ["PathsMeta", "PhantomPaths"],
        "plasma.simulator.simulator": ["Simulator", "SimulatorConfig"],
        "plasma.simulator.value": ["ValueConfig", "ValueFunction", "ValueReport", "real_returns"],
        "plasma.simulator.world_model": ["FitReport", "WorldModel", "WorldModelConfig"],
    },
)
