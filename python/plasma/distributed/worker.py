"""The worker actor: one per Ray worker process, holding what its shards need between calls.

:class:`PlasmaWorker` is a plain class; :mod:`plasma.distributed.ray_backend` turns it into a Ray
actor (``ray.remote(PlasmaWorker)``), so this module never imports Ray and the workers import it
by name (Plasma must be installed on every node of the cluster).

A worker keeps the world models it was sent, built once into the Rust core per model version
(the exported weights travel once through the object store, not with every call), and the
real environments it replays paths in.
"""

from __future__ import annotations

import json
import os
from collections import OrderedDict
from typing import Any

import numpy as np

__all__ = ["CRASH_FILE_ENV", "PlasmaWorker"]

CRASH_FILE_ENV = "PLASMA_RAY_TEST_CRASH_FILE"
"""Test-only fault injection: when this environment variable names a file holding
``"<method> <count>"``, the next ``count`` calls of ``method`` on any worker kill their worker
process (``os._exit``) as they begin — a worker dying mid-job. Unset (the default), nothing
happens."""

_MODELS_KEPT = 4
"""Built world models a worker keeps (several simulators may share the workers)."""


def _maybe_crash(method: str) -> None:
    """Kill this worker process if the test-only crash plan says so (see ``CRASH_FILE_ENV``)."""
    path = os.environ.get(CRASH_FILE_ENV)
    if not path or not os.path.isfile(path):
        return
    import fcntl  # POSIX only; only reached in tests

    with open(path, "r+", encoding="utf-8") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        target, _, count = handle.read().partition(" ")
        if target != method or int(count or 0) <= 0:
            return
        handle.seek(0)
        handle.truncate()
        handle.write(f"{target} {int(count) - 1}")
        handle.flush()
        os.fsync(handle.fileno())
    os._exit(1)


class PlasmaWorker:
    """Runs shards of rollouts and audits (see the module docstring)."""

    def __init__(self, num_threads: int) -> None:
        self.num_threads = num_threads
        self._generators: OrderedDict[str, Any] = OrderedDict()
        self._envs: dict[tuple[Any, ...], Any] = {}

    def ready(self) -> int:
        """The worker's process id (the pool waits on this to know the worker is up)."""
        return os.getpid()

    # ----------------------------------------------------------------------------- rollouts
    def _generator(self, version: str, payload_box: list[Any]) -> Any:
        generator = self._generators.get(version)
        if generator is not None:
            self._generators.move_to_end(version)
            return generator
        import ray  # a worker process always has Ray

        from plasma import _core
        from plasma.simulator.generator import GeneratorConfig, PhantomPathGenerator

        payload = ray.get(payload_box[0])
        config = GeneratorConfig.model_validate(payload["generator"]).model_copy(
            update={"num_threads": self.num_threads}
        )
        generator = PhantomPathGenerator(
            _core.EnsembleModel(**payload["model"]),
            action_low=payload["action_low"],
            action_high=payload["action_high"],
            discrete_actions=payload["discrete_actions"],
            config=config,
        )
        self._generators[version] = generator
        while len(self._generators) > _MODELS_KEPT:
            self._generators.popitem(last=False)
        return generator

    def rollout(self, version: str, payload_box: list[Any], job: dict[str, Any]) -> Any:
        """Roll out one shard: ``job`` holds the shard's starts (and actions), the batch's
        horizon, seed, mode and size, and the shard's offset. ``payload_box`` wraps the object
        reference of the exported model (in a list, so Ray does not fetch it unless this worker
        has not built model ``version`` yet)."""
        _maybe_crash("rollout")
        generator = self._generator(version, payload_box)
        from plasma import _core
        from plasma.simulator.generator import PlannerConfig

        policy, value, prior = job.get("policy"), job.get("value"), job.get("prior")
        policy = None if policy is None else _core.PolicyNet(**policy)
        value = None if value is None else _core.ValueNet(**value)
        prior = None if prior is None else _core.PolicyNet(**prior)
        return generator.generate(
            job["starts"],
            job["horizon"],
            seed=job["seed"],
            mode=job["mode"],
            policy=policy,
            actions=job.get("actions"),
            start_step=job["start_step"],
            shard=job["shard"],
            value=value,
            prior=prior,
            planner=None if job.get("planner") is None else PlannerConfig(**job["planner"]),
        )

    # ----------------------------------------------------------------------------- audits
    def scan(self, limits: Any, paths: Any) -> Any:
        """The numeric scan of a shard of paths (``NumericResult`` of its rows)."""
        _maybe_crash("scan")
        from plasma.auditor.numeric import scan_paths

        return scan_paths(limits.scanner(), paths, num_threads=self.num_threads)

    def replay(self, common: dict[str, Any], paths: Any, numbers: list[int]) -> Any:
        """Replay every path of ``paths`` (the sampled paths of one shard) in the real env; the
        ``ReplayRecord`` list carries the paths' ``numbers`` in the whole batch. ``common`` holds
        the auditor config, the calibration and the environment (id, variant, seed)."""
        _maybe_crash("replay")
        from plasma.auditor.review import ReviewEngine
        from plasma.envs import make_env

        env_kwargs = common["config"].env_kwargs
        key = (
            common["env_id"],
            tuple(sorted(common["variant"].items())),
            common["seed"],
            json.dumps(env_kwargs, sort_keys=True, default=repr),
        )
        env = self._envs.get(key)
        if env is None:
            env = make_env(
                common["env_id"],
                common["variant"] or None,
                seed=common["seed"],
                env_kwargs=env_kwargs,
            )
            self._envs[key] = env
        review = ReviewEngine(common["config"], common["calibration"])
        return review.replay_records(paths, env, range(len(numbers)), numbers=numbers)

    def echo(self, value: np.ndarray | None = None) -> int:
        """A no-op round trip (overhead measurements)."""
        return 0 if value is None else int(np.asarray(value).size)
