"""The Ray backend against a real local Ray instance (2 CPUs, 2 workers), shared by the module:
results identical to the local backend, worker deaths retried, bounded retries, bad input."""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np
import pytest

from plasma.auditor import Auditor, AuditorConfig
from plasma.distiller import Policy
from plasma.distributed import RayConfig
from plasma.distributed.ray_backend import RayBackend
from plasma.envs import collect
from plasma.errors import DistributedError, InvalidArgumentError, ShapeError
from plasma.simulator import Simulator
from plasma.trace import StateTracker
from tests.auditor.conftest import plant
from tests.distributed.conftest import PLANNER, assert_same_paths, random_model
from tests.support.pendulum import pendulum_physics_paths

RAY = {"num_cpus": 2, "workers": 2}


@pytest.fixture(scope="module")
def backend() -> Iterator[RayBackend]:
    """Plasma's local Ray instance (2 CPUs, 2 workers), held for the module; the simulators and
    auditors of the tests share it."""
    held = RayBackend.acquire(RayConfig(**RAY))
    assert held.owns_ray
    yield held
    held.release()


def sim_config(backend: str, **ray: Any) -> dict[str, Any]:
    return {
        "backend": backend,
        "ray": {**RAY, **ray},
        "generator": {"planner": PLANNER},
    }


async def pair(
    model: Any = None, tracker: StateTracker | None = None, **ray: Any
) -> tuple[Simulator, Simulator]:
    """A local and a Ray simulator on the same model."""
    model = model or random_model()
    local = await Simulator(sim_config("local"), model=model).start()
    remote = await Simulator(sim_config("ray", **ray), model=model, tracker=tracker).start()
    return local, remote


async def stop(*components: Any) -> None:
    for component in components:
        await component.stop()


# ----------------------------------------------------------------------------- identity
async def test_planner_mode_equals_local_array_for_array(backend: RayBackend) -> None:
    async with StateTracker() as tracker:
        local, remote = await pair(tracker=tracker)
        try:
            # 37 paths: chunks of 16 (the last short), so the shards are 16 + 21 paths.
            a = await local.simulate({"step": 2}, num_paths=37, path_length=5, seed=11)
            b = await remote.simulate({"step": 2}, num_paths=37, path_length=5, seed=11)
            trace_id = remote.trace_id
        finally:
            await stop(local, remote)
        assert trace_id is not None
        span = tracker.get_trace(trace_id).find("simulator.simulate")[0]
    assert b.action_labels is not None
    assert_same_paths(a, b)
    assert span.state["backend"] == "ray"
    assert span.state["workers"] == 2
    assert span.state["shards"] == 2
    assert span.state["retries"] == 0
    assert span.state["num_paths"] == 37


async def test_policy_mode_equals_local(backend: RayBackend) -> None:
    policy = Policy(obs_dim=3, action_low=[-2.0], action_high=[2.0], seed=1)
    local, remote = await pair()
    try:
        a = await local.simulate(None, num_paths=40, path_length=6, seed=3, policy=policy)
        b = await remote.simulate(None, num_paths=40, path_length=6, seed=3, policy=policy)
        # The policy's exported weights as a dict are accepted too.
        c = await remote.simulate(None, num_paths=40, path_length=6, seed=3, policy=policy.export())
        # A native PolicyNet cannot travel to other processes: a clear error, not a pickle trace.
        with pytest.raises(InvalidArgumentError, match=r"plasma\.distiller\.Policy"):
            await remote.simulate(None, num_paths=4, path_length=2, policy=policy.to_core())
    finally:
        await stop(local, remote)
    assert a.meta.mode == "policy"
    assert_same_paths(a, b)
    assert_same_paths(a, c)


@pytest.mark.parametrize("mode", ["actions", "random"])
async def test_actions_and_random_modes_equal_local(backend: RayBackend, mode: str) -> None:
    p, h = 50, 7  # 50 paths: chunks of 16, not a multiple of it
    actions = np.random.default_rng(0).uniform(-2, 2, (p, h, 1)).astype(np.float32)
    kwargs: dict[str, Any] = {"actions": actions} if mode == "actions" else {"mode": "random"}
    starts = np.random.default_rng(1).uniform(-1, 1, (p, 3)).astype(np.float32)
    local, remote = await pair(shards_per_worker=3)  # 4 chunks over up to 6 shards
    try:
        a = await local.simulate(starts, num_paths=p, path_length=h, seed=4, **kwargs)
        b = await remote.simulate(starts, num_paths=p, path_length=h, seed=4, **kwargs)
    finally:
        await stop(local, remote)
    assert b.meta.mode == mode
    assert b.action_labels is None
    assert_same_paths(a, b)


async def test_new_model_is_shipped_after_set_model(backend: RayBackend) -> None:
    local, remote = await pair()
    try:
        first = await remote.simulate(None, num_paths=20, path_length=3, seed=1)
        other = random_model(seed=5)
        local.set_model(other)
        remote.set_model(other)
        a = await local.simulate(None, num_paths=20, path_length=3, seed=1)
        b = await remote.simulate(None, num_paths=20, path_length=3, seed=1)
    finally:
        await stop(local, remote)
    assert_same_paths(a, b)
    assert not np.array_equal(first.states, b.states)  # the workers use the new model


async def test_bad_input_raises_the_local_errors(backend: RayBackend) -> None:
    _, remote = await pair()
    try:
        with pytest.raises(ShapeError, match="actions has shape"):
            await remote.simulate(None, num_paths=4, path_length=3, actions=np.zeros((4, 2, 1)))
        with pytest.raises(InvalidArgumentError, match="num_paths"):
            await remote.simulate(None, num_paths=0)
        # An error raised inside a worker comes back as itself, without retries.
        bad = {"weights": [np.zeros((3, 2), np.float32)], "biases": [np.zeros(5, np.float32)]}
        bad |= {"activation": "tanh", "output": "tanh", "action_low": [-2.0], "action_high": [2.0]}
        with pytest.raises(ShapeError):
            await remote.simulate(None, num_paths=4, path_length=2, policy=bad)
    finally:
        await stop(remote)


# ----------------------------------------------------------------------------- auditor
async def test_auditor_report_equals_local(backend: RayBackend) -> None:
    model = random_model()
    real = collect("Pendulum-v1", 1000, seed=0)
    review = {
        "max_replays": 12,
        "red_team_paths": 2,
        "red_team_horizon": 4,
        "red_team_population": 8,
        "truncate": True,
    }
    reports, paths, states = [], [], []
    async with StateTracker() as tracker:
        for backend_name in ("local", "ray"):
            batch = pendulum_physics_paths(40, 30, seed=3)
            plant(batch)
            config = AuditorConfig(
                env_id="Pendulum-v1", review=review, backend=backend_name, ray=RAY
            )
            auditor = await Auditor(config, tracker=tracker).start()
            try:
                await auditor.calibrate(real, model=model)
                reports.append(await auditor.audit_paths(batch, model=model))
                trace = tracker.get_trace(auditor.trace_id or "")
            finally:
                await auditor.stop()
            paths.append(batch)
            states.append({s.name: s.state for s in trace.spans})
    local, remote = reports
    assert local.overall_status == remote.overall_status
    assert local.findings
    assert local.replay is not None
    assert local.red_team is not None
    assert local.model_dump(exclude={"duration_s"}) == remote.model_dump(exclude={"duration_s"})
    assert_same_paths(paths[0], paths[1])  # approved and truncations recorded alike
    assert states[0]["auditor.check"]["backend"] == "local"
    assert states[1]["auditor.check"]["shards"] == 2
    assert states[1]["auditor.replay"]["shards"] == 2


# ----------------------------------------------------------------------------- failures
async def test_worker_dying_mid_job_is_retried(
    backend: RayBackend, crash: Callable[[str, int], None]
) -> None:
    async with StateTracker() as tracker:
        local, remote = await pair(tracker=tracker)
        try:
            a = await local.simulate(None, num_paths=40, path_length=4, seed=9)
            crash("rollout", 1)  # the first worker to start its shard exits mid-job
            b = await remote.simulate(None, num_paths=40, path_length=4, seed=9)
            trace_id = remote.trace_id
        finally:
            await stop(local, remote)
        span = tracker.get_trace(trace_id or "").find("simulator.simulate")[0]
    assert_same_paths(a, b)  # complete: all 40 paths, identical
    assert span.state["retries"] == 1


async def test_killed_worker_process_is_replaced(backend: RayBackend) -> None:
    local, remote = await pair()
    try:
        assert remote._ray is not None
        pids = remote._ray.worker_pids()
        os.kill(pids[0], signal.SIGKILL)
        a = await local.simulate(None, num_paths=40, path_length=4, seed=2)
        b = await remote.simulate(None, num_paths=40, path_length=4, seed=2)
        after = remote._ray.worker_pids()
    finally:
        await stop(local, remote)
    assert_same_paths(a, b)
    assert pids[0] not in after
    assert pids[1] in after


async def test_retries_exhausted_is_a_clear_error_not_a_short_result(
    backend: RayBackend, crash: Callable[[str, int], None]
) -> None:
    async with StateTracker() as tracker:
        local, remote = await pair(tracker=tracker, max_retries=1)
        try:
            crash("rollout", 100)
            with pytest.raises(DistributedError, match=r"max_retries=1 allows; no result"):
                await remote.simulate(None, num_paths=4, path_length=3, seed=1)  # one shard
            crash("rollout", 0)
            # The dead worker is replaced before its next use: the next call needs no retry.
            a = await local.simulate(None, num_paths=40, path_length=3, seed=1)
            b = await remote.simulate(None, num_paths=40, path_length=3, seed=1)
            trace_id = remote.trace_id
        finally:
            await stop(local, remote)
        spans = tracker.get_trace(trace_id or "").find("simulator.simulate")
    assert_same_paths(a, b)
    assert spans[0].status.code == "ERROR"
    assert spans[-1].state["retries"] == 0


async def test_auditor_replay_worker_death_is_retried(
    backend: RayBackend, crash: Callable[[str, int], None]
) -> None:
    reports = []
    for backend_name in ("local", "ray"):
        config = AuditorConfig(
            env_id="Pendulum-v1", review={"max_replays": 6}, backend=backend_name, ray=RAY
        )
        auditor = await Auditor(config).start()
        try:
            batch = pendulum_physics_paths(12, 10, seed=1)
            await auditor.calibrate(collect("Pendulum-v1", 500, seed=0))
            crash("replay", 1 if backend_name == "ray" else 0)
            reports.append(await auditor.audit_paths(batch))
        finally:
            await auditor.stop()
    local, remote = reports
    assert remote.replay is not None
    assert remote.replay.replayed == 6
    assert local.model_dump(exclude={"duration_s"}) == remote.model_dump(exclude={"duration_s"})
