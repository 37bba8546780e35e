"""Writes that fail (a full disk, ``ulimit -f``, a parent that is not a directory): every writer
raises ``WriteError`` (an OSError and a PlasmaError) naming the file it was writing and the
system's reason on one line, the file keeps what it held before, and no temporary file is left.
A directory is swapped in one step, so a crash between two renames cannot leave it missing.
Table-driven, real files; the size limit is the process's own RLIMIT_FSIZE (Python ignores
SIGXFSZ, so a write past it fails with EFBIG)."""

from __future__ import annotations

import contextlib
import errno
import os
import resource
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import pytest

from plasma import _io
from plasma.envs import Transitions
from plasma.errors import PlasmaError, WriteError


@contextlib.contextmanager
def file_size_limit(limit: int) -> Iterator[None]:
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))


def _transitions(n: int) -> Transitions:
    rng = np.random.default_rng(0)
    obs = rng.normal(size=(n, 3)).astype(np.float32)
    return Transitions(
        obs,
        rng.normal(size=(n, 1)).astype(np.float32),
        rng.normal(size=n).astype(np.float32),
        obs + 0.1,
        np.zeros(n, dtype=bool),
        np.zeros(n, dtype=bool),
    )


def _write_file(target: Path, size: int) -> None:
    _io.atomic_write_bytes(target, b"x" * size)


def _write_with(target: Path, size: int) -> None:
    _io.atomic_write(target, lambda handle: handle.write(b"y" * size))


def _write_dir(target: Path, size: int) -> None:
    _io.write_dir_atomic(target, {"a.bin": b"z" * size, "b.json": b"{}"}, overwrite=True)


def _save_transitions(target: Path, size: int) -> None:
    _transitions(max(1, size // 40)).save(target)


WRITERS: dict[str, tuple[Callable[[Path, int], None], str]] = {
    "atomic_write_bytes": (_write_file, "state.json"),
    "atomic_write": (_write_with, "metrics.jsonl"),
    "write_dir_atomic": (_write_dir, "policy"),
    "Transitions.save": (_save_transitions, "transitions.npz"),
}


def _content(path: Path) -> dict[str, bytes]:
    if path.is_dir():
        return {p.name: p.read_bytes() for p in sorted(path.iterdir())}
    return {"": path.read_bytes()}


@pytest.mark.parametrize("name", list(WRITERS))
def test_a_write_past_the_file_size_limit_names_the_file_and_keeps_the_old(
    name: str, tmp_path: Path
) -> None:
    write, filename = WRITERS[name]
    target = tmp_path / "run" / filename
    write(target, 1000)
    before = _content(target)
    with file_size_limit(4096), pytest.raises(WriteError) as caught:
        write(target, 100_000)
    err = caught.value
    assert isinstance(err, OSError)
    assert isinstance(err, PlasmaError)
    assert err.errno == errno.EFBIG
    assert err.filename == str(target)
    text = str(err)
    assert "\n" not in text
    assert str(target) in text
    assert "too large" in text.lower(), text
    assert _content(target) == before
    assert sorted(p.name for p in target.parent.iterdir()) == [filename]  # no temp file left


@pytest.mark.parametrize("name", list(WRITERS))
def test_a_parent_that_is_a_file_names_the_file(name: str, tmp_path: Path) -> None:
    write, filename = WRITERS[name]
    (tmp_path / "run").write_text("not a directory")
    target = tmp_path / "run" / "iterations" / filename
    with pytest.raises(WriteError) as caught:
        write(target, 10)
    assert str(target) in str(caught.value), str(caught.value)
    assert caught.value.strerror


def test_a_directory_is_never_missing_between_the_renames(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A crash between moving the old directory aside and renaming the new one in is what a
    # rename failing there shows: the old code left no directory at the target.
    target = tmp_path / "policy"
    _io.write_dir_atomic(target, {"w.bin": b"old"})
    real_rename = os.rename
    calls: list[tuple[str, str]] = []

    def rename_then_die(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        calls.append((os.fspath(src), os.fspath(dst)))
        if len(calls) >= 2:
            raise OSError(errno.EIO, "simulated crash")
        real_rename(src, dst)

    monkeypatch.setattr(os, "rename", rename_then_die)
    with contextlib.suppress(OSError):
        _io.write_dir_atomic(target, {"w.bin": b"new"}, overwrite=True)
    monkeypatch.undo()
    assert (target / "w.bin").read_bytes() in (b"old", b"new")
    assert [p.name for p in tmp_path.iterdir()] == ["policy"]
