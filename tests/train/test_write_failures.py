"""A command whose file cannot be written (``ulimit -f``, a full disk) ends with one line naming
the file and the system's reason and status 1 (the system failed it; the input was fine),
wherever the write happens: before the run starts or while it runs."""

from __future__ import annotations

import contextlib
import errno
import os
import resource
from collections.abc import Iterator
from pathlib import Path

import pytest

from plasma.errors import RunDirError, WriteError
from plasma.train.rundir import RunDir
from tests.train.conftest import TINY, TRAIN, error_line, run_here


@contextlib.contextmanager
def file_size_limit(limit: int) -> Iterator[None]:
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (soft if limit < 0 else limit, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))


@pytest.mark.parametrize("limit", [300, 6000])
def test_a_new_run_that_cannot_write_says_which_file_and_why(tmp_path: Path, limit: int) -> None:
    with file_size_limit(limit):
        result = run_here(TRAIN, ["--run-dir", "run", *TINY], tmp_path)
    assert result.returncode == 1, result.stderr
    lines = [x for x in result.stderr.splitlines() if not x.startswith("plasma-train: run dir")]
    line = error_line(result.__class__(result.args, 1, "", "\n".join(lines)))
    assert "File too large" in line, line
    assert f"cannot write {tmp_path / 'run'}/" in line, line
    assert not [p for p in (tmp_path / "run").rglob("*") if ".tmp" in p.name]


def _refuse(err: int) -> object:
    real = os.open

    def refused(path: object, *args: object, **kwargs: object) -> int:
        if str(path).endswith(".plasma-run"):
            raise OSError(err, os.strerror(err), str(path))
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    return refused


# (how the run directory refuses the lock file's write, the error, what its line says)
CLAIM_CASES = [
    ("file-size limit 0", None, WriteError, "cannot write {marker}: File too large"),
    ("read-only file system", errno.EROFS, WriteError, "cannot write {marker}: Read-only file"),
    ("permission denied", errno.EACCES, WriteError, "cannot write {marker}: Permission denied"),
    ("a full disk", errno.ENOSPC, WriteError, "cannot write {marker}: No space left"),
    ("a link where the marker is", errno.ELOOP, RunDirError, "{marker} cannot be opened: Too many"),
]


@pytest.mark.parametrize(("how", "err", "kind", "says"), CLAIM_CASES)
@pytest.mark.parametrize("existing", [False, True])
def test_a_run_directory_that_refuses_writes_is_a_failed_write_naming_the_lock_file(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    how: str,
    err: int | None,
    kind: type[Exception],
    says: str,
    existing: bool,
) -> None:
    # Before: a read-only run directory was a usage error (status 2); under ulimit -f 0 the
    # lock file's write was "[Errno 27] File too large", naming no file, and emptied it.
    run = RunDir(tmp_path / "run")
    if existing:
        run.path.mkdir()
        run.marker_file.write_text('{"format": "plasma.run/1", "pid": 1}\n')
    before = run.marker_file.read_bytes() if existing else None
    if err is not None:
        monkeypatch.setattr(os, "open", _refuse(err))
    with pytest.raises(kind) as caught, file_size_limit(0 if err is None else -1):
        run.claim()
    assert str(caught.value).startswith(says.format(marker=run.marker_file)), how
    if existing:
        assert run.marker_file.read_bytes() == before


def test_a_run_directory_that_cannot_be_made_is_a_failed_write_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = Path.mkdir

    def read_only(self: Path, *args: object, **kwargs: object) -> None:
        if self.name == "run":
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(self))
        real(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "mkdir", read_only)
    with pytest.raises(WriteError, match=r"cannot write .*run: Read-only file system"):
        RunDir(tmp_path / "run").claim()
