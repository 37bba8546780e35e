"""The backend settings and the missing-Ray path (no Ray instance needed)."""

from __future__ import annotations

import json
import sys

import pytest

from plasma.auditor import Auditor, AuditorConfig
from plasma.distributed import RayConfig
from plasma.distributed.ray_backend import _split_address
from plasma.errors import BackendUnavailableError, InvalidArgumentError
from plasma.simulator import Simulator, SimulatorConfig
from plasma.train.cli import train_main
from plasma.train.config import TrainConfig


async def test_missing_ray_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)  # `import ray` now fails as if not installed
    sim = Simulator({"backend": "ray"})
    with pytest.raises(BackendUnavailableError, match=r'pip install "plasma-agents\[ray\]"'):
        await sim.start()
    assert sim.env is None  # failed before opening or fitting anything
    with pytest.raises(ImportError, match=r"plasma-agents\[ray\]"):  # also an ImportError
        await Auditor({"backend": "ray"}).start()


def test_local_backend_is_the_default_and_needs_no_ray(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)
    assert SimulatorConfig().backend == "local"
    assert AuditorConfig().backend == "local"
    assert TrainConfig().backend_settings() == {}


def test_bad_settings_are_rejected() -> None:
    with pytest.raises(InvalidArgumentError, match="backend"):
        SimulatorConfig.model_validate({"backend": "dask"})
    with pytest.raises(InvalidArgumentError, match="max_retries"):
        RayConfig(max_retries=-1)
    with pytest.raises(InvalidArgumentError, match="adress"):
        AuditorConfig.model_validate({"ray": {"adress": "x:1"}})
    for bad in ("nonsense", "host:", ":6379", "ray://host"):
        with pytest.raises(InvalidArgumentError, match="host:port"):
            _split_address(bad)
    assert _split_address("10.0.0.1:6379") == ("10.0.0.1", 6379)
    assert _split_address("ray://head:10001") == ("head", 10001)
    assert _split_address("auto") is None


def test_train_flags_set_the_backend(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["--backend", "ray", "--ray-address", "10.0.0.1:6379", "--set", "ray.workers=8"]
    assert train_main([*argv, "--print-config"]) == 0
    cfg = json.loads(capsys.readouterr().out)
    assert cfg["backend"] == "ray"
    assert cfg["ray"]["address"] == "10.0.0.1:6379"
    assert cfg["ray"]["workers"] == 8
    settings = TrainConfig.model_validate(cfg).backend_settings()
    assert settings["backend"] == "ray"
    assert settings["ray"].address == "10.0.0.1:6379"
