"""A file or a value a user names is read within bounds: a huge file (sparse here, so it costs no
disk) is refused after a bounded read, and JSON nested too deeply for the parser is invalid JSON,
not a RecursionError. Each is one line, exit 2, from the command; a Plasma error from the API."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from plasma.distiller.signing import MAX_KEYRING_BYTES, Keyring
from plasma.errors import IntegrityError, InvalidArgumentError, PlasmaError
from plasma.train.config import load_config_file
from plasma.train.keys import MAX_KEY_FILE_BYTES, read_key_file
from plasma.train.rundir import MAX_CONFIG_BYTES, MAX_STATE_BYTES, RunDir
from tests.train.conftest import TRAIN, error_line, run_here


def _sparse(path: Path, size: int) -> Path:
    with open(path, "wb") as handle:
        handle.truncate(size)
    return path


READERS: list[tuple[str, int, Callable[[Path], object], type[PlasmaError]]] = [
    ("state.json", MAX_STATE_BYTES, lambda p: RunDir(p.parent).read_state(), IntegrityError),
    (
        "config.json",
        MAX_CONFIG_BYTES,
        lambda p: RunDir(p.parent).read_config_dict(),
        IntegrityError,
    ),
    ("train.json", MAX_CONFIG_BYTES, load_config_file, InvalidArgumentError),
    ("signing.key", MAX_KEY_FILE_BYTES, read_key_file, InvalidArgumentError),
    ("keyring", MAX_KEYRING_BYTES, Keyring.from_file, InvalidArgumentError),
]


@pytest.mark.parametrize(("name", "limit", "read", "error"), READERS, ids=[r[0] for r in READERS])
def test_a_huge_file_is_refused_after_a_bounded_read(
    tmp_path: Path,
    name: str,
    limit: int,
    read: Callable[[Path], object],
    error: type[PlasmaError],
) -> None:
    # Before: each was read whole (an 8 GB file: MemoryError and a traceback; /dev/zero: until
    # memory ran out).
    path = _sparse(tmp_path / name, 2 * limit)
    with pytest.raises(error, match=f"larger than the {limit:,} bytes"):
        read(path)


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("deep.json", '{"env_kwargs": ' + "[" * 50_000 + "]" * 50_000 + "}"),
        ("deep.toml", "x = " + "[" * 50_000 + "]" * 50_000 + "\n"),
    ],
)
def test_a_config_nested_too_deeply_is_invalid(tmp_path: Path, name: str, text: str) -> None:
    # Before: RecursionError (a traceback from plasma-train --config).
    path = tmp_path / name
    path.write_text(text)
    with pytest.raises(InvalidArgumentError, match="nested too deeply to read"):
        load_config_file(path)


@pytest.mark.parametrize("flag", ["--env-kwargs", "--set"])
def test_a_flag_nested_too_deeply_is_bad_input(tmp_path: Path, flag: str) -> None:
    # Before: RecursionError, a traceback and status 1.
    deep = "[" * 50_000 + "]" * 50_000
    value = deep if flag == "--env-kwargs" else f"env_kwargs={deep}"
    result = run_here(TRAIN, [flag, value, "--print-config"], tmp_path)
    assert result.returncode == 2
    line = error_line(result)
    assert len(line) < 400, line  # the value is cut, not echoed whole
