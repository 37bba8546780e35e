"""A command started in a working directory that was deleted (batch I, J25): ``import torch``
ended ``plasma-eval`` there (Intel oneMKL: "Cannot load libtorch_cpu.so", status 2) before
Plasma's code ran. The console scripts now check first (``plasma._commands``,
``plasma._cli.start_problem``) and say so on one line of their own, status 2; every command run
through ``run_command`` (``plasma-audit`` too) applies the same rule."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def _in_deleted_cwd(tmp_path: Path, *cmd: str) -> subprocess.CompletedProcess[str]:
    gone = tmp_path / "gone"
    gone.mkdir()
    environ = {k: v for k, v in os.environ.items() if not k.startswith("PLASMA_")}
    environ["PYTHONPATH"] = os.pathsep.join([str(REPO / "python"), str(REPO)])
    script = 'cd "$1" && rmdir "$1" && shift && exec "$@"'
    return subprocess.run(
        ["sh", "-c", script, "sh", str(gone), *cmd],
        capture_output=True,
        text=True,
        env=environ,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize(
    ("prog", "cmd"),
    [
        ("plasma-eval", [str(REPO / "scripts" / "eval.py"), "--run", "/nonexistent/run"]),
        ("plasma-train", [str(REPO / "scripts" / "train.py"), "--print-config"]),
        ("plasma-audit", ["-m", "plasma.auditor.cli", "/nonexistent/file.jsonl"]),
    ],
)
def test_a_command_in_a_deleted_directory_says_so(
    tmp_path: Path, prog: str, cmd: list[str]
) -> None:
    result = _in_deleted_cwd(tmp_path, sys.executable, *cmd)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert result.returncode == 2, result.stderr
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"{prog}: error: the working directory"), lines[0]
