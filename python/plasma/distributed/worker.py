"""The worker actor: one per Ray worker process. It runs tasks by name and keeps, for the tasks,
what they cache between calls; it knows no component.

A task is a module-level function named ``"package.module:function"`` and called as
``function(worker, *args)``; the components define theirs beside their sharding
(:mod:`plasma.simulator.sharded`: rollouts, with the built world models cached per version;
:mod:`plasma.auditor.sharded`: numeric scans and real-env replays, with the envs cached).
:class:`PlasmaWorker` is a plain class; :mod:`plasma.distributed.ray_backend` turns it into a Ray
actor (``ray.remote(PlasmaWorker)``), so this module never imports Ray and the workers import it
by name (Plasma must be installed on every node of the cluster).
"""

from __future__ import annotations

import importlib
import os
from typing import Any

import numpy as np

__all__ = ["ECHO", "PlasmaWorker", "echo"]

ECHO = f"{__name__}:echo"
"""The task name of :func:`echo`."""


class PlasmaWorker:
    """Runs tasks (see the module docstring)."""

    def __init__(self, num_threads: int) -> None:
        self.num_threads = num_threads
        """Threads of the Rust core for this worker's tasks."""
        self.cache: dict[str, Any] = {}
        """What tasks keep between calls, by a key of their own (their task name)."""

    def ready(self) -> int:
        """The worker's process id (the pool waits on this to know the worker is up)."""
        return os.getpid()

    def run(self, task: str, *args: Any) -> Any:
        """Run ``task`` (``"package.module:function"``) as ``function(self, *args)``."""
        module, _, function = task.partition(":")
        return getattr(importlib.import_module(module), function)(self, *args)


def echo(worker: PlasmaWorker, value: np.ndarray | None = None) -> int:
    """A no-op round trip (overhead measurements): the size of ``value``."""
    return 0 if value is None else int(np.asarray(value).size)
