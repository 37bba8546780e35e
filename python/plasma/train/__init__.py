"""The training loop and its commands.

- :class:`TrainConfig`: every setting of a run (pydantic; the CLI help comes from its docs).
- :class:`Trainer`: the async loop — collect real steps, fit the world model, imagine phantom
  paths, audit them, distil the approved ones, deploy the packet, evaluate — committed to a
  :class:`RunDir` after every iteration so a run can be resumed.
- :func:`evaluate` / :func:`load_deployed_policy`: real-environment evaluation of a run.
- ``plasma-train`` / ``plasma-eval`` (:mod:`plasma.train.cli`).
"""

from plasma.train.config import TrainConfig, load_config_file
from plasma.train.evaluate import EvalResult, evaluate, load_deployed_policy
from plasma.train.loop import Trainer, iteration_seed, new_run_dir
from plasma.train.rundir import RunDir, RunState, find_latest_run

__all__ = [
    "EvalResult",
    "RunDir",
    "RunState",
    "TrainConfig",
    "Trainer",
    "evaluate",
    "find_latest_run",
    "iteration_seed",
    "load_config_file",
    "load_deployed_policy",
    "new_run_dir",
]
