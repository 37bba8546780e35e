"""The simulator: a learned world model and a Rust engine that rolls out phantom paths in it."""

from typing import TYPE_CHECKING

from plasma._lazy import attach

if TYPE_CHECKING:
    from plasma.simulator.generator import *  # noqa: F403
    from plasma.simulator.paths import *  # noqa: F403
    from plasma.simulator.simulator import *  # noqa: F403
    from plasma.simulator.value import *  # noqa: F403
    from plasma.simulator.world_model import *  # noqa: F403

# Public names, imported when first read (PEP 562): see plasma._lazy.
__getattr__, __dir__, __all__ = attach(__name__)
