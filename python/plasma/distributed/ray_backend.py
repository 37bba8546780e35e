"""The Ray backend: an executor that maps tasks over shards on a pool of worker actors shared by
the process's components. It knows no component: each component cuts its own work into shards and
names the task that runs one (:mod:`plasma.simulator.sharded`, :mod:`plasma.auditor.sharded`);
the backend runs them, retries the shards of dead workers and owns the Ray session's lifecycle.

Lifecycle. ``RayBackend.acquire(config)`` is called by ``Simulator.start()`` / ``Auditor.start()``
and ``release()`` by their ``stop()``. The first acquire of the process connects: with no address
it starts a local Ray instance that Plasma owns (``ray.init(address="local", num_cpus=...)``); with
an address it connects to that cluster (after checking that it answers); if the process already
called ``ray.init`` itself, that instance is used as it is. It then starts the worker actors and
waits until they are placed. Later acquires share the instance and the actors (a simulator and an
auditor in one process use the same workers). The last release kills Plasma's actors and, when
Plasma connected, calls ``ray.shutdown()``: a local instance Plasma started is stopped with all its
processes; a cluster is only disconnected from, never shut down. The ``RAY_*`` environment
variables ``ray.init`` sets in the process are restored too. (Ray itself cannot connect a process
to a cluster after it ran a local instance, ray-project/ray#54841: use one or the other per
process.)

Identity. The components cut their shards so that the merged result equals the local backend's
(see their sharding modules); the backend returns the shards' results in job order.

Failures. A worker that dies (its process killed, its node lost) fails its shard with a Ray
error; the shard is queued again and runs on the next free worker (a dead one is replaced by a
fresh actor before its slot is used again, in this call or the next), at most ``max_retries``
times per shard; then the call raises :class:`~plasma.errors.DistributedError`. Retries are
Plasma's (the actors have no Ray-level restarts or task retries), so the bound is exact and
every retry is counted in the span state. An error raised by Plasma inside a worker (a bad value)
is raised again in the caller, as itself, without retries. A merged result is checked to hold
every path before it is returned.

Costs (``benches/bench_ray.py``): a call costs about 2 ms more than locally on one machine (an
empty round trip to a worker is about 0.5 ms); the model is shipped once per refit; results come
back through the object store (about 30 bytes per Pendulum transition).
"""

from __future__ import annotations

import importlib
import logging
import os
import socket
import threading
import time
from collections import deque
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from plasma._config import coerce_config
from plasma.distributed.config import RayConfig
from plasma.distributed.worker import ECHO, PlasmaWorker
from plasma.errors import (
    BackendUnavailableError,
    ClusterConnectionError,
    DistributedError,
    InvalidArgumentError,
)

__all__ = ["CallStats", "RayBackend", "check_available", "import_ray", "measure_overhead"]

log = logging.getLogger("plasma.distributed")

INSTALL_HINT = 'pip install "plasma-agents[ray]"'


def import_ray() -> Any:
    """The ``ray`` module, or :class:`~plasma.errors.BackendUnavailableError` naming the extra."""
    try:
        return importlib.import_module("ray")
    except ImportError as err:
        raise BackendUnavailableError(
            f'backend="ray" needs the optional package ray, which is not installed: {INSTALL_HINT} '
            '(or pip install "ray>=2.9"); backend="local" needs no service'
        ) from err


@dataclass(frozen=True)
class CallStats:
    """How one distributed call ran (recorded in the component's span state)."""

    workers: int
    """Workers the call could use."""
    shards: int
    """Shards the work was cut into."""
    retries: int
    """Shards run again after their worker died."""

    def state(self) -> dict[str, Any]:
        """The span state of the call."""
        return {
            "backend": "ray",
            "workers": self.workers,
            "shards": self.shards,
            "retries": self.retries,
        }


# ------------------------------------------------------------------------------------ the pool
def _split_address(address: str) -> tuple[str, int] | None:
    """(host, port) of an address to probe, or None for "auto"/"local" (Ray resolves those)."""
    if address in ("auto", "local"):
        return None
    rest = address.split("://", 1)[1] if "://" in address else address
    host, sep, port = rest.rpartition(":")
    if not sep or not host or not port.isdigit():
        raise InvalidArgumentError(
            f"ray address {address!r}: expected host:port, ray://host:port or auto"
        )
    return host.strip("[]"), int(port)


def _check_reachable(address: str, timeout: float) -> None:
    target = _split_address(address)
    if target is None:
        return
    try:
        with socket.create_connection(target, timeout=timeout):
            pass
    except OSError as err:
        raise ClusterConnectionError(
            f"cannot reach the Ray cluster at {address}: {err}. Start one with "
            "`ray start --head` (and pass the address it prints), or leave the address unset to "
            "start a local Ray instance"
        ) from err


def check_available(config: RayConfig) -> None:
    """What can be known of a Ray backend before any work, cheaply (no ``ray.init``): the
    package imports, and the cluster at ``config.address``, when one is named, accepts a
    connection within ``connect_timeout_s``. A command checks this with the rest of its input,
    before it creates anything, so a backend it cannot use is bad input (status 2), not a run
    that fails after its directory was made.

    Raises:
        BackendUnavailableError: ray is not installed (or fails to import).
        ClusterConnectionError: nothing accepts a connection at the address.
        InvalidArgumentError: the address is not host:port, ray://host:port or auto.
    """
    import_ray()
    if config.address is not None:
        _check_reachable(config.address, config.connect_timeout_s)


class _Pool:
    """Worker actors of one process (shared by its components); use it through RayBackend."""

    def __init__(self, ray: Any, config: RayConfig) -> None:
        self.ray = ray
        self.cpus_per_worker = config.cpus_per_worker
        self.start_timeout_s = config.start_timeout_s
        self.actors: list[Any] = []
        exc = ray.exceptions
        self.retryable: tuple[type[BaseException], ...] = (
            exc.RayActorError,
            exc.WorkerCrashedError,
            exc.ObjectLostError,
            exc.NodeDiedError,
        )
        self._lock = threading.Lock()
        self._dead: set[int] = set()  # slots whose worker died; replaced before their next use
        self._cls = ray.remote(PlasmaWorker).options(
            num_cpus=config.cpus_per_worker,
            max_restarts=0,
            max_task_retries=0,
            scheduling_strategy="SPREAD",
        )

    def cluster_cpus(self) -> int:
        return int(self.ray.cluster_resources().get("CPU", 0))

    def _start(self, count: int) -> list[Any]:
        actors = [self._cls.remote(self.cpus_per_worker) for _ in range(count)]
        try:
            self.ray.get([a.ready.remote() for a in actors], timeout=self.start_timeout_s)
        except Exception as err:
            for actor in actors:
                self._kill(actor)
            total = self.cluster_cpus()
            free = int(self.ray.available_resources().get("CPU", 0))
            raise DistributedError(
                f"could not start {count} Ray worker(s) of {self.cpus_per_worker} CPU(s) each "
                f"within {self.start_timeout_s:g} s (cluster CPUs: {total}, free: {free}): "
                f"{type(err).__name__}: {err}. Ask for fewer workers (ray.workers) or CPUs per "
                "worker (ray.cpus_per_worker)"
            ) from err
        return actors

    def ensure(self, count: int) -> None:
        """Start workers until the pool has ``count``."""
        with self._lock:
            if count > len(self.actors):
                self.actors.extend(self._start(count - len(self.actors)))

    def _kill(self, actor: Any) -> None:
        try:
            self.ray.kill(actor, no_restart=True)
        except Exception:  # already dead, or Ray is shutting down
            log.debug("killing a Ray worker failed", exc_info=True)

    def mark_dead(self, slot: int, failed: Any) -> None:
        """The worker ``failed`` died: its slot gets a fresh worker before its next use (unless a
        concurrent call already replaced it)."""
        with self._lock:
            if self.actors[slot] is failed:
                self._dead.add(slot)

    def worker(self, slot: int) -> Any:
        """The worker in ``slot``, started afresh if the previous one died."""
        with self._lock:
            if slot in self._dead:
                self._kill(self.actors[slot])
                self.actors[slot] = self._start(1)[0]
                self._dead.discard(slot)
            return self.actors[slot]

    def pids(self) -> list[int]:
        actors = [self.worker(slot) for slot in range(len(self.actors))]
        return [int(pid) for pid in self.ray.get([a.ready.remote() for a in actors])]

    def close(self) -> None:
        for actor in self.actors:
            self._kill(actor)
        self.actors = []
        self._dead.clear()

    def map(
        self,
        task: str,
        jobs: Sequence[tuple[Any, ...]],
        *,
        common: tuple[Any, ...] = (),
        workers: int,
        max_retries: int,
    ) -> tuple[list[Any], CallStats]:
        """Run ``task(worker, *common, *job)`` for every job on the first ``workers`` workers (one
        job in flight per worker, the next one as soon as it is free); results in job order."""
        ray = self.ray
        results: list[Any] = [None] * len(jobs)
        failures = [0] * len(jobs)
        queue = deque(range(len(jobs)))
        idle = deque(range(min(workers, len(self.actors), len(jobs))))
        inflight: dict[Any, tuple[int, int, Any]] = {}
        retries = 0
        try:
            while queue or inflight:
                while queue and idle:
                    job, slot = queue.popleft(), idle.popleft()
                    actor = self.worker(slot)
                    ref = actor.run.remote(task, *common, *jobs[job])
                    inflight[ref] = (job, slot, actor)
                ready, _ = ray.wait(list(inflight), num_returns=1)
                job, slot, actor = inflight.pop(ready[0])
                try:
                    results[job] = ray.get(ready[0])
                except self.retryable as err:
                    self.mark_dead(slot, actor)
                    failures[job] += 1
                    reason = f"{type(err).__name__}: {str(err).splitlines()[0] if str(err) else ''}"
                    if failures[job] > max_retries:
                        raise DistributedError(
                            f"shard {job + 1} of {len(jobs)} ({task}) failed: its worker died "
                            f"{failures[job]} time(s), more than max_retries={max_retries} "
                            f"allows; no result is returned. Last error: {reason}"
                        ) from err
                    retries += 1
                    log.warning(
                        "Ray worker died running shard %d of %d (%s): %s; retrying it on a "
                        "fresh worker (%d of %d)",
                        job + 1,
                        len(jobs),
                        task,
                        reason,
                        failures[job],
                        max_retries,
                    )
                    queue.appendleft(job)
                except ray.exceptions.RayTaskError as err:
                    cause = err.cause if isinstance(err.cause, Exception) else None
                    if cause is None:
                        raise DistributedError(f"a Ray worker failed: {err}") from err
                    raise cause from err
                idle.append(slot)
        finally:
            for ref in inflight:  # a failed call: drop the other shards' work
                try:
                    ray.cancel(ref)
                except Exception:
                    log.debug("cancelling a shard failed", exc_info=True)
        used = min(workers, len(self.actors))
        return results, CallStats(workers=used, shards=len(jobs), retries=retries)


class _Session:
    """The process's use of Ray (one per process, guarded by ``_LOCK``)."""

    def __init__(self) -> None:
        self.users = 0
        self.owned = False
        self.address: str | None = None
        self.pool: _Pool | None = None
        self.environ: dict[str, str] | None = None


def _ray_environ() -> dict[str, str]:
    """The environment variables ``ray.init`` sets in the driver (and leaves after shutdown)."""
    return {k: v for k, v in os.environ.items() if k.startswith("RAY_") or k == "PYTHONBREAKPOINT"}


def _restore_environ(saved: dict[str, str]) -> None:
    for key in set(_ray_environ()) - set(saved):
        del os.environ[key]
    os.environ.update(saved)


_LOCK = threading.Lock()
_SESSION = _Session()


def _connect(ray: Any, config: RayConfig) -> bool:
    """Connect this process to Ray; True when Plasma called ``ray.init`` (and so shuts down)."""
    if ray.is_initialized():
        log.info("Plasma uses the Ray instance this process already started")
        return False
    # Ray's own INFO/WARNING lines (token auth, "not the main thread") would clutter the output
    # of plasma-train; errors still surface, as exceptions.
    kwargs: dict[str, Any] = {"log_to_driver": False, "logging_level": logging.ERROR}
    if config.address is None:
        log.info("starting a local Ray instance (CPUs: %s)", config.num_cpus or "all")
        kwargs |= {"address": "local", "include_dashboard": False}
        if config.num_cpus is not None:
            kwargs["num_cpus"] = config.num_cpus  # else Ray counts them (cgroup limits included)
    else:
        _check_reachable(config.address, config.connect_timeout_s)
        log.info("connecting to the Ray cluster at %s", config.address)
        kwargs["address"] = config.address
    try:
        ray.init(**kwargs)
    except (ConnectionError, RuntimeError, ValueError) as err:
        where = config.address or "a local instance"
        raise ClusterConnectionError(f"Ray could not start or connect to {where}: {err}") from err
    return True


def _teardown(session: _Session) -> None:
    ray = import_ray()
    try:
        if session.pool is not None:
            session.pool.close()
    finally:
        if session.owned and ray.is_initialized():
            ray.shutdown()
            if session.environ is not None:
                # ray.init leaves e.g. RAY_AUTH_MODE=token behind, which child processes (and
                # a later connection to another cluster) would inherit.
                _restore_environ(session.environ)
        session.pool, session.owned, session.address = None, False, None
        session.environ = None


class RayBackend:
    """One component's use of the process's Ray workers (see the module docstring).

    >>> backend = RayBackend.acquire(RayConfig(workers=2))
    >>> results, stats = backend.map("plasma.distributed.worker:echo", [(), ()])
    >>> backend.release()
    """

    def __init__(self, config: RayConfig, pool: _Pool, workers: int) -> None:
        self.config = config
        self._pool: _Pool | None = pool
        self.workers = workers

    @classmethod
    def acquire(cls, config: RayConfig | Mapping[str, Any] | None = None) -> RayBackend:
        """Connect (first user of the process) and make sure the workers run (blocking).

        Raises:
            BackendUnavailableError: Ray is not installed.
            ClusterConnectionError: the cluster at ``config.address`` cannot be reached.
            DistributedError: the workers cannot be placed, or the process already uses Ray
                with other settings.
        """
        config = coerce_config(RayConfig, config)
        ray = import_ray()
        with _LOCK:
            session = _SESSION
            if session.users and session.address != config.address:
                raise DistributedError(
                    f"this process already uses Ray at {session.address or 'a local instance'}; "
                    f"a component asked for {config.address or 'a local instance'}"
                )
            if session.pool is not None and session.pool.cpus_per_worker != config.cpus_per_worker:
                raise DistributedError(
                    f"this process's Ray workers reserve {session.pool.cpus_per_worker} CPU(s) "
                    f"each; a component asked for {config.cpus_per_worker}"
                )
            fresh = session.users == 0
            try:
                if fresh:
                    session.environ = _ray_environ()
                    session.owned = _connect(ray, config)
                    session.address = config.address
                    session.pool = _Pool(ray, config)
                pool = session.pool
                assert pool is not None
                workers = config.workers or max(1, pool.cluster_cpus() // config.cpus_per_worker)
                pool.ensure(workers)
            except BaseException:
                if fresh:
                    _teardown(session)
                raise
            session.users += 1
        return cls(config, pool, workers)

    def release(self) -> None:
        """Stop using the workers; the last user kills them and disconnects (see the module
        docstring). Idempotent."""
        if self._pool is None:
            return
        self._pool = None
        with _LOCK:
            _SESSION.users -= 1
            if _SESSION.users == 0:
                _teardown(_SESSION)

    @property
    def pool(self) -> _Pool:
        if self._pool is None:
            raise DistributedError("this Ray backend was released")
        return self._pool

    @property
    def owns_ray(self) -> bool:
        """Whether Plasma started (or connected) Ray in this process and will shut it down."""
        return _SESSION.owned

    def worker_pids(self) -> list[int]:
        """Process ids of this component's workers (for tests and diagnostics)."""
        return self.pool.pids()[: self.workers]

    def put(self, value: Any) -> Any:
        """Put ``value`` into the object store once; returns its object reference."""
        return self.pool.ray.put(value)

    def map(
        self, task: str, jobs: Sequence[tuple[Any, ...]], *, common: tuple[Any, ...] = ()
    ) -> tuple[list[Any], CallStats]:
        """Run the task ``task`` (``"module:function"``, see :mod:`plasma.distributed.worker`) as
        ``function(worker, *common, *job)`` for every job (blocking), retrying the
        shards of dead workers; results in job order."""
        return self.pool.map(
            task,
            jobs,
            common=common,
            workers=self.workers,
            max_retries=self.config.max_retries,
        )

    @property
    def parts(self) -> int:
        """Shards per call: workers times ``shards_per_worker``."""
        return self.workers * self.config.shards_per_worker


def measure_overhead(backend: RayBackend, calls: int = 20) -> float:
    """Median seconds of an empty round trip to one worker (diagnostics and benchmarks)."""
    times = []
    for _ in range(calls):
        began = time.perf_counter()
        backend.map(ECHO, [()])
        times.append(time.perf_counter() - began)
    return float(np.median(times))
