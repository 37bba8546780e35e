"""Every public loader refuses a path it cannot use with one PlasmaError naming the path
(plasma._io.existing_file, existing_dir): nothing there, a file where a directory is expected
or the reverse, an empty file, a directory without one of its parts.

Before: a bare FileNotFoundError, IsADirectoryError or "does not exist" for a directory; an
empty policy header was read as a policy; a directory missing its weights, a FileNotFoundError.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from plasma.distiller import InstructionPacket, LoRAInjector, Policy
from plasma.envs import Transitions
from plasma.errors import InvalidArgumentError, MissingFileError, PlasmaError
from plasma.simulator import PhantomPaths, WorldModel
from plasma.simulator.value import ValueFunction
from plasma.trace import read_spans, read_traces
from plasma.train.config import load_config_file

FILE_LOADERS: dict[str, Callable[[Path], Any]] = {
    "WorldModel.load": WorldModel.load,
    "ValueFunction.load": ValueFunction.load,
    "Transitions.load": Transitions.load,
    "PhantomPaths.load": PhantomPaths.load,
    "load_config_file": load_config_file,
    "read_spans": read_spans,
    "read_traces": read_traces,
}
DIR_LOADERS: dict[str, Callable[[Path], Any]] = {
    "Policy.load": Policy.load,
    "InstructionPacket.load": InstructionPacket.load,
}


def _policy(root: Path) -> Path:
    return Policy(obs_dim=3, action_low=[-2.0], action_high=[2.0]).save(root / "policy")


def _refused(load: Callable[[Path], Any], path: Path, named: Path) -> PlasmaError:
    with pytest.raises(PlasmaError) as caught:
        load(path)
    message = str(caught.value)
    assert "\n" not in message, message
    assert str(named) in message, message
    return caught.value


@pytest.mark.parametrize("name", [*FILE_LOADERS, *DIR_LOADERS])
def test_nothing_there_is_a_missing_file_error_naming_the_path(tmp_path: Path, name: str) -> None:
    load = {**FILE_LOADERS, **DIR_LOADERS}[name]
    path = tmp_path / "nowhere" / "saved"
    err = _refused(load, path, path)
    assert isinstance(err, MissingFileError)
    assert isinstance(err, FileNotFoundError)  # what these loaders raised before
    assert "does not exist" in str(err)


@pytest.mark.parametrize("name", FILE_LOADERS)
def test_a_directory_given_for_a_file_is_refused(tmp_path: Path, name: str) -> None:
    err = _refused(FILE_LOADERS[name], tmp_path, tmp_path)
    assert "is a directory, not a file" in str(err)


@pytest.mark.parametrize(
    "name", [n for n in FILE_LOADERS if n != "read_spans" and "trace" not in n]
)
def test_an_empty_file_is_refused(tmp_path: Path, name: str) -> None:
    path = tmp_path / "empty.bin"
    path.write_bytes(b"")
    err = _refused(FILE_LOADERS[name], path, path)
    assert isinstance(err, InvalidArgumentError)
    assert "empty" in str(err)


def test_an_empty_trace_is_a_trace_with_no_span(tmp_path: Path) -> None:
    path = tmp_path / "trace.jsonl"
    path.write_bytes(b"")
    assert read_spans(path) == []


@pytest.mark.parametrize("name", DIR_LOADERS)
def test_a_file_given_for_a_directory_is_refused(tmp_path: Path, name: str) -> None:
    path = tmp_path / "a-file"
    path.write_text("{}")
    err = _refused(DIR_LOADERS[name], path, path)
    assert "is a file, not a directory" in str(err)


@pytest.mark.parametrize(
    ("part", "damage"),
    [
        ("policy.safetensors", "missing"),
        ("policy.json", "missing"),
        ("policy.json", "empty"),
        ("policy.safetensors", "a directory"),
    ],
)
def test_a_policy_directory_without_a_part_names_it(tmp_path: Path, part: str, damage: str) -> None:
    saved = _policy(tmp_path)
    (saved / part).unlink()
    if damage == "empty":
        (saved / part).write_bytes(b"")
    elif damage == "a directory":
        (saved / part).mkdir()
    err = _refused(Policy.load, saved, saved / part)
    assert isinstance(err, MissingFileError) == (damage == "missing")


def test_a_packet_directory_without_its_weights_names_them(tmp_path: Path) -> None:
    from tests.distiller.conftest import write_packet

    policy = Policy(obs_dim=3, action_low=[-2.0], action_high=[2.0])
    packet = write_packet(tmp_path, policy)
    weights = packet.path / "adapter_model.safetensors"
    weights.unlink()
    weights.mkdir()
    _refused(LoRAInjector(policy).inject, packet.path, weights)
