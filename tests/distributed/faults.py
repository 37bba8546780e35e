"""Fault injection for the Ray tests: worker tasks that die mid-job on demand.

The ``crash`` fixture points the components' task names (``plasma.simulator.sharded.ROLLOUT``,
``plasma.auditor.sharded.SCAN`` / ``REPLAY``) at the tasks here, which run the real ones unless
the crash file (named by ``CRASH_FILE_ENV``, which the workers inherit) holds
``"<task> <count>"``: then the next ``count`` such tasks on any worker kill their worker process
(``os._exit``) as they begin. The workers import this module by name (Ray puts the driver's
working directory, the repository root, on their path).
"""

from __future__ import annotations

import fcntl
import os
from typing import Any

from plasma.auditor import sharded as audit_tasks
from plasma.distributed.worker import PlasmaWorker
from plasma.simulator import sharded as rollout_tasks

CRASH_FILE_ENV = "PLASMA_RAY_TEST_CRASH_FILE"

TASKS = {
    (rollout_tasks, "ROLLOUT"): f"{__name__}:rollout",
    (audit_tasks, "SCAN"): f"{__name__}:scan",
    (audit_tasks, "REPLAY"): f"{__name__}:replay",
}
"""(module, task-name constant) -> the task here that stands in for it."""


def maybe_crash(task: str) -> None:
    """Kill this worker process if the crash plan says so."""
    path = os.environ.get(CRASH_FILE_ENV)
    if not path or not os.path.isfile(path):
        return
    with open(path, "r+", encoding="utf-8") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        target, _, count = handle.read().partition(" ")
        if target != task or int(count or 0) <= 0:
            return
        handle.seek(0)
        handle.truncate()
        handle.write(f"{target} {int(count) - 1}")
        handle.flush()
        os.fsync(handle.fileno())
    os._exit(1)


def rollout(worker: PlasmaWorker, *args: Any) -> Any:
    maybe_crash("rollout")
    return rollout_tasks.rollout(worker, *args)


def scan(worker: PlasmaWorker, *args: Any) -> Any:
    maybe_crash("scan")
    return audit_tasks.scan(worker, *args)


def replay(worker: PlasmaWorker, *args: Any) -> Any:
    maybe_crash("replay")
    return audit_tasks.replay(worker, *args)
