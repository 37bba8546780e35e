"""Run Python code in a fresh interpreter and read back what it printed last, as JSON: for checks
that need a process of their own (what an import loads, a thread pool sized at import)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

__all__ = ["python_json"]


def python_json(code: str, *, cwd: Path, env: Mapping[str, str] | None = None) -> Any:
    """The last line ``code`` printed, parsed as JSON; fails the test if the process fails."""
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=cwd,
        env=None if env is None else dict(env),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])
