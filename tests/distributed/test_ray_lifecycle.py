"""Starting, sharing and stopping Ray: a local instance Plasma owns (shut down with every process
it started), an existing cluster (used, never shut down), an unreachable address."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest
import ray

from plasma.auditor import Auditor
from plasma.envs import collect
from plasma.errors import ClusterConnectionError
from plasma.simulator import Simulator
from plasma.trace import StateTracker
from tests.conftest import REPO
from tests.distributed.conftest import (
    PLANNER,
    random_model,
    ray_processes,
    wait_gone,
)
from tests.support.processes import run_python


@pytest.fixture(autouse=True)
def no_ray_yet() -> None:
    """Each test starts without Ray in this process or under it, whatever ran before (another
    module's instance, or one a failed test left behind), so each test checks only its own."""
    if ray.is_initialized():
        ray.shutdown()
    assert wait_gone(ray_processes()) == []


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def test_unreachable_address_fails_clearly_before_any_work() -> None:
    # How soon it gives up (connect_timeout_s) is measured by benches/bench_ray.py.
    port = free_port()
    sim = Simulator(
        {"backend": "ray", "ray": {"address": f"127.0.0.1:{port}", "connect_timeout_s": 2}}
    )
    with pytest.raises(
        ClusterConnectionError, match=rf"cannot reach the Ray cluster at 127\.0\.0\.1:{port}"
    ):
        await sim.start()
    assert sim.env is None  # failed before collecting and fitting anything
    assert sim.transitions is None
    assert sim.model is None
    assert not ray.is_initialized()


async def test_local_instance_is_shared_then_shut_down_with_all_its_processes() -> None:
    assert not ray.is_initialized()
    environ = dict(os.environ)
    ray_cfg = {"num_cpus": 2, "workers": 2}
    sim = Simulator(
        {"backend": "ray", "ray": ray_cfg, "generator": {"planner": PLANNER}}, model=random_model()
    )
    auditor = Auditor({"backend": "ray", "ray": ray_cfg, "env_id": "Pendulum-v1"})
    await sim.start()
    await auditor.start()
    try:
        assert ray.is_initialized()
        assert sim._ray is not None
        assert auditor._ray is not None
        assert sim._ray.worker_pids() == auditor._ray.worker_pids()  # one pool of workers
        started = ray_processes()
        lines = " ".join(" ".join(p.cmdline()) for p in started)
        assert "raylet" in lines
        assert "gcs_server" in lines
        assert "ray::PlasmaWorker" in lines
        paths = await sim.simulate(None, num_paths=20, path_length=3)
        await auditor.calibrate(collect("Pendulum-v1", 300, seed=0))
        report = await auditor.audit_paths(paths, replay=True, red_team=False)
        assert report.num_items == 20
    finally:
        await sim.stop()
        assert ray.is_initialized()  # the auditor still uses the instance
        await auditor.stop()
    assert not ray.is_initialized()
    assert wait_gone(started) == []
    assert ray_processes() == []
    assert dict(os.environ) == environ  # ray.init's RAY_AUTH_MODE etc. removed again


async def test_auditor_that_fails_to_start_lets_go_of_ray(tmp_path: Path) -> None:
    # Ray is acquired first, then the tracker starts and fails: its trace file is a directory.
    tracker = StateTracker({"jsonl_path": tmp_path})
    auditor = Auditor(
        {"backend": "ray", "ray": {"num_cpus": 2, "workers": 1}, "env_id": "Pendulum-v1"},
        tracker=tracker,
    )
    with pytest.raises(IsADirectoryError):
        await auditor.start()
    assert not auditor.started
    assert auditor._ray is None
    assert not ray.is_initialized()
    assert wait_gone(ray_processes()) == []


@pytest.fixture
def cluster(tmp_path: Path) -> Iterator[str]:
    """A Ray head started like a user would (``ray start --head --block``), 2 CPUs; stopped, with
    every process it started, at the end."""
    port = free_port()
    head = subprocess.Popen(
        [
            sys.executable,  # the `ray` command of this interpreter's Ray
            "-m",
            "ray.scripts.scripts",
            "start",
            "--head",
            f"--port={port}",
            "--num-cpus=2",
            "--include-dashboard=false",
            "--disable-usage-stats",
            "--block",
        ],
        stdout=(tmp_path / "head.log").open("w"),
        stderr=subprocess.STDOUT,
        env={**os.environ, "RAY_AUTH_MODE": "disabled"},
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and head.poll() is None:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        assert head.poll() is None, (tmp_path / "head.log").read_text()
        yield f"127.0.0.1:{port}"
        assert head.poll() is None, "Plasma must not shut an existing cluster down"
    finally:
        try:
            children = psutil.Process(head.pid).children(recursive=True)
        except psutil.NoSuchProcess:  # the head failed to start: its assertion says why
            children = []
        head.send_signal(signal.SIGTERM)
        head.wait(60)
        assert wait_gone(children) == []


# Run in a fresh process, as a user's script would: Ray cannot connect one process to a cluster
# after it ran a local instance (ray-project/ray#54841), and the other tests here start some.
CLUSTER_SCRIPT = """
import asyncio, json, sys
import ray
from plasma.simulator import Simulator
from tests.distributed.conftest import PLANNER, assert_same_paths, random_model

async def main(address):
    model = random_model()
    local = await Simulator({"generator": {"planner": PLANNER}}, model=model).start()
    cfg = {"backend": "ray", "ray": {"address": address}, "generator": {"planner": PLANNER}}
    sim = await Simulator(cfg, model=model).start()
    try:
        pids, workers, owned = sim._ray.worker_pids(), sim._ray.workers, sim._ray.owns_ray
        a = await local.simulate(None, num_paths=40, path_length=3, seed=1)
        b = await sim.simulate(None, num_paths=40, path_length=3, seed=1)
        assert_same_paths(a, b)
    finally:
        await sim.stop()
        await local.stop()
    print(json.dumps({"pids": pids, "workers": workers, "connected": ray.is_initialized()}))

asyncio.run(main(sys.argv[1]))
"""


def test_existing_cluster_is_used_and_left_running(cluster: str) -> None:
    out = run_python(["-c", CLUSTER_SCRIPT, cluster], cwd=REPO, timeout=180)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["workers"] == 2  # the cluster's CPUs
    assert not result["connected"]  # disconnected at stop()
    # Plasma's workers are gone; the cluster runs on (the fixture checks it at the end).
    alive = [pid for pid in result["pids"] if psutil.pid_exists(pid)]
    assert wait_gone([psutil.Process(pid) for pid in alive]) == []
