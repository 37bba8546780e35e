"""The simulator's rollouts sharded over the Ray workers (``backend="ray"``).

Rollout shards are cut on the Rust core's chunk boundaries and rolled out with
``shard=(offset, total)``, so every path gets the random streams it gets in the whole batch: the
merged ``PhantomPaths`` equals the local backend's array for array. The model travels once per
version through the object store (:class:`ModelHandle`); each worker builds it into the Rust core
once and keeps the last few (:func:`rollout`, the task the workers run).
"""

from __future__ import annotations

import uuid
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Unpack

import numpy as np

from plasma.distributed.sharding import rollout_shards
from plasma.errors import DistributedError, InvalidArgumentError
from plasma.simulator.generator import (
    GeneratorConfig,
    PhantomPathGenerator,
    PlannerConfig,
    RolloutRequest,
)
from plasma.simulator.paths import PhantomPaths

if TYPE_CHECKING:
    from plasma.distributed.ray_backend import CallStats, RayBackend
    from plasma.distributed.worker import PlasmaWorker
    from plasma.simulator.world_model import WorldModel

__all__ = ["ROLLOUT", "ModelHandle", "generate_sharded", "rollout"]

ROLLOUT = f"{__name__}:rollout"
"""The task name of :func:`rollout` (what ``RayBackend.map`` runs on the workers)."""

_MODELS_KEPT = 4
"""Built world models a worker keeps (several simulators may share the workers)."""


@dataclass
class ModelHandle:
    """A world model in the object store: exported once, fetched once per worker."""

    version: str
    ref: Any

    @classmethod
    def put(
        cls, backend: RayBackend, model: WorldModel, generator: PhantomPathGenerator
    ) -> ModelHandle:
        """Export ``model`` and the generator's settings into the object store."""
        payload = {
            "model": model.export(),
            "action_low": generator.action_low,
            "action_high": generator.action_high,
            "discrete_actions": generator.discrete_actions,
            "generator": generator.config.model_dump(),
        }
        return cls(version=uuid.uuid4().hex, ref=backend.put(payload))


def _policy_payload(policy: Any) -> dict[str, Any]:
    if isinstance(policy, Mapping):
        return dict(policy)
    export = getattr(policy, "export", None)
    if callable(export):
        payload = export()
        if isinstance(payload, Mapping):
            return dict(payload)
    raise InvalidArgumentError(
        f'backend="ray" ships the policy to its workers as weights: pass a plasma.distiller.Policy '
        f"(anything with export()) or the keyword arguments of plasma._core.PolicyNet as a dict, "
        f"not a {type(policy).__name__} (native objects cannot be sent to other processes)"
    )


def generate_sharded(
    backend: RayBackend,
    generator: PhantomPathGenerator,
    model: ModelHandle,
    starts: np.ndarray,
    horizon: int,
    **request: Unpack[RolloutRequest],
) -> tuple[PhantomPaths, CallStats]:
    """``generator.generate(starts, horizon, **request)`` with the paths sharded over the workers
    (blocking); the result equals the local one array for array."""
    seed = request["seed"]
    policy, actions = request.get("policy"), request.get("actions")
    value, prior, planner = request.get("value"), request.get("prior"), request.get("planner")
    mode, starts = generator.check_request(
        starts, mode=request.get("mode"), policy=policy, actions=actions
    )
    start_step = request.get("start_step", 0)
    p = starts.shape[0]
    steps = np.broadcast_to(np.asarray(start_step, dtype=np.int64), (p,))
    shared: dict[str, Any] = {"horizon": int(horizon), "seed": int(seed), "mode": mode}
    if mode == "policy":
        shared["policy"] = _policy_payload(policy)
    if mode == "planner" and value is not None:
        shared["value"] = _policy_payload(value)
    if mode == "planner" and prior is not None:
        shared["prior"] = _policy_payload(prior)
    if mode == "planner" and planner is not None:
        shared["planner"] = planner.model_dump()
    if mode == "actions":
        actions = np.ascontiguousarray(actions, dtype=np.float32)
    jobs = []
    for offset, count in rollout_shards(p, backend.parts):
        rows = slice(offset, offset + count)
        job = dict(shared, starts=starts[rows], start_step=steps[rows].copy(), shard=(offset, p))
        if mode == "actions":
            assert actions is not None
            job["actions"] = actions[rows]
        jobs.append((job,))
    parts, stats = backend.map(ROLLOUT, jobs, common=(model.version, [model.ref]))
    paths = PhantomPaths.concatenate(parts, meta=generator.paths_meta(mode, seed))
    if paths.num_paths != p:
        raise DistributedError(f"the workers returned {paths.num_paths} of {p} paths")
    return paths, stats


# ------------------------------------------------------------------------------------ worker side
def _generator(worker: PlasmaWorker, version: str, payload_box: list[Any]) -> PhantomPathGenerator:
    generators: OrderedDict[str, PhantomPathGenerator] = worker.cache.setdefault(
        ROLLOUT, OrderedDict()
    )
    generator = generators.get(version)
    if generator is not None:
        generators.move_to_end(version)
        return generator
    import ray  # a worker process always has Ray

    from plasma import _core

    payload = ray.get(payload_box[0])
    config = GeneratorConfig.model_validate(payload["generator"]).model_copy(
        update={"num_threads": worker.num_threads}
    )
    generator = PhantomPathGenerator(
        _core.EnsembleModel(**payload["model"]),
        action_low=payload["action_low"],
        action_high=payload["action_high"],
        discrete_actions=payload["discrete_actions"],
        config=config,
    )
    generators[version] = generator
    while len(generators) > _MODELS_KEPT:
        generators.popitem(last=False)
    return generator


def rollout(
    worker: PlasmaWorker, version: str, payload_box: list[Any], job: dict[str, Any]
) -> PhantomPaths:
    """Roll out one shard (a worker task): ``job`` holds the shard's starts (and actions), the
    batch's horizon, seed, mode and size, and the shard's offset. ``payload_box`` wraps the object
    reference of the exported model (in a list, so Ray does not fetch it unless this worker has
    not built model ``version`` yet)."""
    from plasma import _core

    generator = _generator(worker, version, payload_box)
    policy, value, prior = job.get("policy"), job.get("value"), job.get("prior")
    return generator.generate(
        job["starts"],
        job["horizon"],
        seed=job["seed"],
        mode=job["mode"],
        policy=None if policy is None else _core.PolicyNet(**policy),
        actions=job.get("actions"),
        start_step=job["start_step"],
        shard=job["shard"],
        value=None if value is None else _core.ValueNet(**value),
        prior=None if prior is None else _core.PolicyNet(**prior),
        planner=None if job.get("planner") is None else PlannerConfig(**job["planner"]),
    )
