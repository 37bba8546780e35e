"""A saved world model or value function whose safetensors header lies (a file from another
version, or edited, its digest dropped) is refused with a Plasma error naming the file, never
loaded by broadcasting a tensor of another shape, nor failed with a bare KeyError."""

from __future__ import annotations

import json
import struct
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from plasma.envs import collect, make_env
from plasma.errors import InvalidArgumentError, PlasmaError, ShapeError
from plasma.simulator import ValueFunction, WorldModel, WorldModelConfig

Header = dict[str, Any]


@pytest.fixture(scope="module")
def saved(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("saved")
    with make_env("Pendulum-v1", seed=0) as env:
        data = collect(env, 200, seed=0)
    model = WorldModel(3, 1, WorldModelConfig(members=2, hidden=[8], max_epochs=2, seed=0))
    model.fit(data)
    value = ValueFunction(3, {"updates": 5, "hidden": [8], "seed": 1})
    value.fit(data.obs, data.reward)
    return {
        "world model": model.save(root / "wm.safetensors"),
        "value function": value.save(root / "v.safetensors"),
    }


def _rewrite(source: Path, target: Path, edit: Callable[[Header], None]) -> Path:
    """``source`` with its JSON header edited (and its digest, if any, dropped)."""
    data = source.read_bytes()
    (size,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8 : 8 + size])
    header["__metadata__"].pop("sha256", None)
    edit(header)
    raw = json.dumps(header).encode()
    target.write_bytes(struct.pack("<Q", len(raw)) + raw + data[8 + size :])
    return target


def _first_tensor(header: Header) -> str:
    return next(name for name in sorted(header) if name != "__metadata__")


def _reshape_first(header: Header) -> None:
    # Same bytes, another shape: [n] or [a, b] becomes [1, n*...], which torch would broadcast.
    entry = header[_first_tensor(header)]
    entry["shape"] = [1, int(np.prod(entry["shape"]))]


def _rename_first(header: Header) -> None:
    header["renamed"] = header.pop(_first_tensor(header))


def _drop(setting: str) -> Callable[[Header], None]:
    return lambda header: header["__metadata__"].pop(setting)


def _set(setting: str, value: str) -> Callable[[Header], None]:
    return lambda header: header["__metadata__"].__setitem__(setting, value)


LOADERS: dict[str, Callable[[Path], object]] = {
    "world model": WorldModel.load,
    "value function": ValueFunction.load,
}


@pytest.mark.parametrize("what", sorted(LOADERS))
@pytest.mark.parametrize(
    ("edit", "error", "says"),
    [
        (_reshape_first, ShapeError, "has shape (1, "),
        (_rename_first, InvalidArgumentError, "does not hold the tensors"),
        (_drop("config"), InvalidArgumentError, "lacks the setting 'config'"),
        (_drop("state_dim"), InvalidArgumentError, "lacks the setting 'state_dim'"),
        (_set("state_dim", "three"), InvalidArgumentError, "is not valid"),
        (_set("config", '{"hidden": "wide"}'), InvalidArgumentError, "is not valid"),
    ],
)
def test_a_header_that_lies_is_refused_naming_the_file(
    saved: dict[str, Path],
    tmp_path: Path,
    what: str,
    edit: Callable[[Header], None],
    error: type[PlasmaError],
    says: str,
) -> None:
    # Before: a reshaped tensor was broadcast into the model and loaded (no error); a missing
    # setting was a bare KeyError; an unparseable one a bare ValueError or ValidationError.
    path = _rewrite(saved[what], tmp_path / "edited.safetensors", edit)
    with pytest.raises(error) as caught:
        LOADERS[what](path)
    assert says in str(caught.value)
    assert str(path) in str(caught.value)
