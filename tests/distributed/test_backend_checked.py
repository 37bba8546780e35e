"""A Ray backend that cannot be used is bad input, found before anything is made (batch I, J27).

``plasma-train --backend ray`` with Ray not importable, or with a ``--ray-address`` where nothing
listens, created the run directory and failed with status 1 at the first stage that used Ray.
``plasma.distributed.ray_backend.check_available`` is now one of the command's input checks.
"""

from __future__ import annotations

import socket
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from plasma.distributed import RayConfig
from plasma.distributed.ray_backend import check_available
from plasma.errors import BackendUnavailableError, ClusterConnectionError, InvalidArgumentError
from tests.train.conftest import TINY, TRAIN, error_line, run_here


def _closed_port() -> int:
    """A local port nothing listens on (bound, then closed)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _no_ray(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)  # `import ray` raises ImportError


def _nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    pass


CASES: list[tuple[str, Callable[[pytest.MonkeyPatch], None], list[str], type[Exception], str]] = [
    ("ray not importable", _no_ray, [], BackendUnavailableError, "ray"),
    (
        "nothing listens at the address",
        _nothing,
        ["--ray-address", "127.0.0.1:{port}"],
        ClusterConnectionError,
        "cannot reach the Ray cluster",
    ),
    (
        "an address that is not host:port",
        _nothing,
        ["--ray-address", "no-port-here"],
        InvalidArgumentError,
        "expected host:port",
    ),
]


@pytest.mark.parametrize(
    ("case", "setup", "flags", "error", "says"), CASES, ids=[c[0] for c in CASES]
)
def test_check_available_refuses(
    monkeypatch: pytest.MonkeyPatch,
    case: str,
    setup: Callable[[pytest.MonkeyPatch], None],
    flags: list[str],
    error: type[Exception],
    says: str,
) -> None:
    setup(monkeypatch)
    address = flags[1].format(port=_closed_port()) if flags else None
    with pytest.raises(error) as caught:
        check_available(RayConfig(address=address, connect_timeout_s=2))
    assert says in str(caught.value)


@pytest.mark.parametrize(
    ("case", "setup", "flags", "error", "says"), CASES, ids=[c[0] for c in CASES]
)
def test_plasma_train_refuses_before_anything_is_made(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    case: str,
    setup: Callable[[pytest.MonkeyPatch], None],
    flags: list[str],
    error: type[Exception],
    says: str,
) -> None:
    setup(monkeypatch)
    args = [f.format(port=_closed_port()) for f in flags]
    run = tmp_path / "run"
    result = run_here(TRAIN, ["--run-dir", str(run), *TINY, "--backend", "ray", *args], tmp_path)
    assert result.returncode == 2, result.stderr
    assert says in error_line(result)
    assert not run.exists()
