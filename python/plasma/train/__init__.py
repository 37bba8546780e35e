"""The training loop and its commands.

- :class:`TrainConfig`: every setting of a run (pydantic; the CLI help comes from its docs).
- :class:`Trainer`: the async loop — collect real steps, fit the world model, imagine phantom
  paths, audit them, distil the approved ones, deploy the packet, evaluate — committed to a
  :class:`RunDir` after every iteration so a run can be resumed.
- :func:`evaluate` / :func:`load_deployed_policy`: real-environment evaluation of a run.
- ``plasma-train`` / ``plasma-eval`` (:mod:`plasma.train.cli`).
"""

from typing import TYPE_CHECKING

from plasma._lazy import attach
from plasma.train.evaluate import evaluate as evaluate

if TYPE_CHECKING:
    from plasma.train.config import TrainConfig as TrainConfig
    from plasma.train.config import load_config_file as load_config_file
    from plasma.train.evaluate import EvalResult as EvalResult
    from plasma.train.evaluate import load_deployed_policy as load_deployed_policy
    from plasma.train.loop import Trainer as Trainer
    from plasma.train.loop import exploration_value as exploration_value
    from plasma.train.loop import iteration_seed as iteration_seed
    from plasma.train.loop import new_run_dir as new_run_dir
    from plasma.train.rundir import RunDir as RunDir
    from plasma.train.rundir import RunState as RunState
    from plasma.train.rundir import find_latest_run as find_latest_run

# Public names, imported when first read (PEP 562): see plasma._lazy.
__getattr__, __dir__, __all__ = attach(__name__, eager=["evaluate"])
