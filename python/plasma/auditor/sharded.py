"""The auditor's per-path work sharded over the Ray workers (``backend="ray"``).

Audits shard the work that is per path and independent of the other paths: the numeric scan
(:func:`scan_sharded`) and the real-env replays (:func:`replay_sharded`, each replay starting from
``set_state``). The limits, the replay sample, the red-team probe (a fixed-size batch probe of the
model whose decisions depend on the whole probe batch) and the verdicts stay in the calling
process, so the merged ``AuditReport`` equals the local one. :func:`scan` and :func:`replay` are
the tasks the workers run.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from plasma.auditor.checker import AdversarialChecker, PathCheck
from plasma.auditor.numeric import NumericResult, ScanLimits, scan_paths
from plasma.auditor.report import ReplayRecord, ReplaySummary
from plasma.auditor.review import ReviewEngine
from plasma.distributed.sharding import even_shards
from plasma.errors import DistributedError
from plasma.simulator.paths import PhantomPaths

if TYPE_CHECKING:
    from plasma.distributed.ray_backend import CallStats, RayBackend
    from plasma.distributed.worker import PlasmaWorker

__all__ = ["REPLAY", "SCAN", "replay", "replay_sharded", "scan", "scan_sharded"]

SCAN = f"{__name__}:scan"
"""The task name of :func:`scan`."""
REPLAY = f"{__name__}:replay"
"""The task name of :func:`replay`."""


def scan_sharded(
    backend: RayBackend, checker: AdversarialChecker, paths: PhantomPaths
) -> tuple[PathCheck, CallStats]:
    """``checker.check_paths(paths)`` with the numeric scan sharded over the workers (the
    limits and the findings are computed here, from the whole batch; blocking)."""
    limits, notes = checker.limits_for(paths)
    limits_ref = backend.put(limits)
    shards = even_shards(paths.num_paths, backend.parts)
    scored = checker.scored(paths, limits)  # the auditor's own reference scores here
    jobs = [(scored.select(slice(offset, offset + count)),) for offset, count in shards]
    parts, stats = backend.map(SCAN, jobs, common=(limits_ref,))
    result = NumericResult(
        count=np.concatenate([r.count for r in parts]),
        first_step=np.concatenate([r.first_step for r in parts]),
        worst_step=np.concatenate([r.worst_step for r in parts]),
        worst_value=np.concatenate([r.worst_value for r in parts]),
        worst_index=np.concatenate([r.worst_index for r in parts]),
        transitions=sum(r.transitions for r in parts),
    )
    if result.count.shape[0] != paths.num_paths:
        raise DistributedError(
            f"the workers scanned {result.count.shape[0]} of {paths.num_paths} paths"
        )
    # Local validation runs here: its index lives in the calibration of this process.
    findings = checker.findings_of(result, limits, paths)
    return PathCheck(findings=findings, result=result, limits=limits, notes=notes), stats


def replay_sharded(
    backend: RayBackend,
    review: ReviewEngine,
    paths: PhantomPaths,
    indices: Sequence[int],
    *,
    env_id: str,
    variant: Mapping[str, float],
    seed: int,
) -> tuple[ReplaySummary, CallStats]:
    """``review.replay(paths, env, indices)`` with the replays sharded over the workers, each
    replaying in its own env (``env_id``, ``variant``, ``seed``); blocking."""
    indices = [int(i) for i in indices]
    common = backend.put(
        {
            "config": review.config,
            "calibration": review.calibration,
            "env_id": env_id,
            "variant": dict(variant),
            "seed": seed,
            # The replay units (the sampling noise among them) of the whole sample, here.
            "units": review.replay_units(paths, indices),
            # The line of "correct" pooled with real episodes here (the joint test uses it).
            "line": review.prepared_line,
        }
    )
    jobs = []
    for offset, count in even_shards(len(indices), backend.parts):
        numbers = indices[offset : offset + count]
        jobs.append((paths.select(numbers), numbers))
    parts, stats = backend.map(REPLAY, jobs, common=(common,))
    records = [record for part in parts for record in part]
    if [r.path for r in records] != indices:
        raise DistributedError(f"the workers replayed {len(records)} of {len(indices)} paths")
    return review.summarize_replays(env_id, records), stats


# ------------------------------------------------------------------------------------ worker side
def scan(worker: PlasmaWorker, limits: ScanLimits, paths: PhantomPaths) -> NumericResult:
    """The numeric scan of a shard of paths (a worker task)."""
    return scan_paths(limits.scanner(), paths, num_threads=worker.num_threads)


def replay(
    worker: PlasmaWorker, common: dict[str, Any], paths: PhantomPaths, numbers: list[int]
) -> list[ReplayRecord]:
    """Replay every path of ``paths`` (the sampled paths of one shard) in the real env (a worker
    task); the records carry the paths' ``numbers`` in the whole batch. ``common`` holds the
    auditor config, the calibration and the environment (id, variant, seed). The worker keeps
    its envs between calls."""
    from plasma.envs import make_env

    envs: dict[tuple[Any, ...], Any] = worker.cache.setdefault(REPLAY, {})
    env_kwargs = common["config"].env_kwargs
    key = (
        common["env_id"],
        tuple(sorted(common["variant"].items())),
        common["seed"],
        json.dumps(env_kwargs, sort_keys=True, default=repr),
    )
    env = envs.get(key)
    if env is None:
        env = make_env(
            common["env_id"],
            common["variant"] or None,
            seed=common["seed"],
            env_kwargs=env_kwargs,
        )
        envs[key] = env
    review = ReviewEngine(common["config"], common["calibration"], line=common.get("line"))
    return review.replay_records(
        paths, env, range(len(numbers)), numbers=numbers, units=common.get("units")
    )
