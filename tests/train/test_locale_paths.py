"""A run at a non-ASCII path under an ASCII-only locale (``LC_ALL=C``, no UTF-8 mode): trained,
evaluated and resumed like any other (the rule: :func:`plasma._names.os_text`,
tests/test_os_text.py).
Before, ``plasma-train`` failed writing its config.json (status 1, "surrogates not allowed")."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.train.conftest import EVAL, TINY, TRAIN, env

C_LOCALE = env(
    LC_ALL="C", LANG="C", PYTHONUTF8="0", PYTHONCOERCECLOCALE="0", PYTHONIOENCODING="ascii"
)


def _run(script: str, *args: str, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, script, *args], cwd=cwd, capture_output=True, env=C_LOCALE, check=False
    )


def test_a_non_ascii_run_directory_under_the_c_locale(tmp_path: Path) -> None:
    run = tmp_path / "rün é"  # its UTF-8 bytes on disk, as a UTF-8 shell names it
    name = bytes(run)
    where = name.decode("ascii", "surrogateescape")
    done = _run(TRAIN, "--run-dir", where, *TINY, "--iterations", "1", cwd=tmp_path)
    assert done.returncode == 0, done.stderr.decode("ascii", "replace")
    assert b"Traceback" not in done.stderr
    config = json.loads((run / "config.json").read_text(encoding="utf-8"))
    assert config["name"] == "rün é"
    assert "rün é" in (run / "report.md").read_text(encoding="utf-8")
    assert b"r\\xfcn \\xe9" in done.stderr + done.stdout  # shown as text, not as surrogates
    for line in (run / "trace.jsonl").read_text(encoding="utf-8").splitlines():
        json.loads(line)

    evaluated = _run(EVAL, "--run", where, "--episodes", "1", "--max-steps", "5", cwd=tmp_path)
    assert evaluated.returncode == 0, evaluated.stderr
    resumed = _run(TRAIN, "--resume", where, "--iterations", "2", "--quiet", cwd=tmp_path)
    assert resumed.returncode == 0, resumed.stderr
    assert json.loads((run / "state.json").read_text())["completed_iterations"] == 2
