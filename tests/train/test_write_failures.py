"""A command whose file cannot be written (``ulimit -f``, a full disk) ends with one line naming
the file and the system's reason and status 1 (the system failed it; the input was fine),
wherever the write happens: before the run starts or while it runs."""

from __future__ import annotations

import contextlib
import resource
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.train.conftest import TINY, TRAIN, error_line, run_here


@contextlib.contextmanager
def file_size_limit(limit: int) -> Iterator[None]:
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, hard))
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
    assert "cannot write run/" in line, line
    assert not [p for p in (tmp_path / "run").rglob("*") if ".tmp" in p.name]
