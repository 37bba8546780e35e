"""Run Python in a fresh interpreter (a script, or code whose last printed line is read back as
JSON): for checks that need a process of their own (the examples, what an import loads, a thread
pool sized at import)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

__all__ = ["python_json", "run_python"]


def run_python(
    args: Sequence[str],
    *,
    cwd: Path | None = None,
    env: Mapping[str, str] | None = None,
    timeout: float = 300,
) -> subprocess.CompletedProcess[str]:
    """``python ARGS`` in a fresh interpreter, its output captured as text; fails the test (showing
    stderr) if the process fails."""
    done = subprocess.run(
        [sys.executable, *args],
        cwd=cwd,
        env=None if env is None else dict(env),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done


def python_json(code: str, *, cwd: Path, env: Mapping[str, str] | None = None) -> Any:
    """The last line ``code`` printed, parsed as JSON; fails the test if the process fails."""
    done = run_python(["-c", code], cwd=cwd, env=env)
    return json.loads(done.stdout.strip().splitlines()[-1])
