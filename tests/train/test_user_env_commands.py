"""``plasma-train`` and ``plasma-eval`` on a user's own env that misbehaves as a process (batch
K), each command a real process:

- an env that calls ``sys.exit(0)`` mid-run ended ``plasma-train`` with status 0 and no word: it
  fails now (status 1, one line naming the env);
- an env whose every ``reset()`` returns an info that is not a dict made a run directory and
  failed at the run's first reset: the check refuses it (status 2, nothing created);
- an env that prints on stdout (when made, at every step) mixed its lines into the output other
  programs read (``--print-config``, ``plasma-eval --json``): stdout holds the result alone
  (``plasma._cli.stdout_held``), the env's lines go to stderr;
- an env whose ``reset()`` changes the process's working directory moved a run given by a
  relative ``--runs-dir`` there: paths are anchored where the command started (``RunDir``, the
  commands' path flags);
- an env that leaves a non-daemon thread running kept ``plasma-train`` from ever exiting after
  its run committed: the console scripts end the process after a grace (``plasma._commands``);
- an env whose ``close()`` raises ended ``plasma-eval`` with a traceback after the evaluation:
  leaving a completed ``with env:`` block makes it a warning (``PlasmaEnv.__exit__``).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.train.conftest import EVAL, REPO, TINY, env

ENVS = """
import os, sys, threading, time
import gymnasium as gym
import numpy as np
from gymnasium import spaces

class U(gym.Env):
    def __init__(self, fault="", after=50):
        if fault == "wander":
            print("U: simulator ready")
        self.observation_space = spaces.Box(-5.0, 5.0, shape=(3,), dtype=np.float32)
        self.action_space = spaces.Box(-2.0, 2.0, shape=(1,), dtype=np.float32)
        self.fault, self.after, self.n = fault, after, 0
        if fault == "linger":  # a thread that never ends, left running (not a daemon)
            threading.Thread(target=time.sleep, args=(3600,), name="u-link").start()
    def close(self):
        if self.fault == "close-raises":
            raise RuntimeError("simulator link already closed")
    def reset(self, *, seed=None, options=None):
        super().reset(seed=seed)
        if self.fault == "wander":
            os.chdir(os.environ["U_ELSEWHERE"])
        info = None if self.fault == "reset-info-none" else {}
        return self.np_random.uniform(-1, 1, 3).astype(np.float32), info
    def step(self, action):
        self.n += 1
        if self.fault == "exit" and self.n >= self.after:
            sys.exit(0)
        if self.fault == "wander":
            print("U: step", self.n)
        obs = self.np_random.uniform(-1, 1, 3).astype(np.float32)
        return obs, float(-np.sum(obs**2)), False, False, {}

for name, fault in [("Exit", "exit"), ("InfoNone", "reset-info-none"), ("Wander", "wander"),
                    ("Linger", "linger"), ("CloseRaises", "close-raises")]:
    gym.register(f"uenv/{name}-v0", entry_point=__name__ + ":U", kwargs={"fault": fault},
                 max_episode_steps=40)
"""

TRAIN = str(REPO / "scripts" / "train.py")


@pytest.fixture
def user_pkg(tmp_path: Path) -> Path:
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "uenv_mod.py").write_text(textwrap.dedent(ENVS))
    return pkg


def _run(
    script: str, args: list[str], cwd: Path, pkg: Path, **extra: str
) -> subprocess.CompletedProcess[str]:
    environ = env(**extra)
    environ["PYTHONPATH"] = os.pathsep.join([str(pkg), str(REPO / "python"), str(REPO)])
    return subprocess.run(
        [sys.executable, script, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        env=environ,
        check=False,
    )


def _lines(stderr: str) -> list[str]:
    return [
        line
        for line in stderr.splitlines()
        if line.strip() and not line.startswith("plasma-train: run directory ")
    ]


def _completed(run: Path) -> int:
    state = run / "state.json"
    return int(json.loads(state.read_text())["completed_iterations"]) if state.is_file() else 0


def test_an_env_that_calls_sys_exit_fails_the_run(tmp_path: Path, user_pkg: Path) -> None:
    run = tmp_path / "run"
    args = ["--env", "uenv_mod:uenv/Exit-v0", "--run-dir", str(run), *TINY, "--iterations", "1"]
    result = _run(TRAIN, args, tmp_path, user_pkg)
    assert result.returncode == 1, result.stderr  # before: 0, nothing said
    lines = _lines(result.stderr)
    assert len(lines) == 1, result.stderr
    assert "uenv/Exit-v0" in lines[0]
    assert "SystemExit" in lines[0]
    assert _completed(run) == 0


def test_an_info_the_run_would_refuse_is_refused_first(tmp_path: Path, user_pkg: Path) -> None:
    run = tmp_path / "run"
    args = ["--env", "uenv_mod:uenv/InfoNone-v0", "--run-dir", str(run), *TINY]
    result = _run(TRAIN, args, tmp_path, user_pkg)
    assert result.returncode == 2, result.stderr  # before: 1, after the run was made
    lines = _lines(result.stderr)
    assert len(lines) == 1, result.stderr
    assert "uenv/InfoNone-v0" in lines[0]
    assert not run.exists()


def test_print_config_prints_the_config_alone(tmp_path: Path, user_pkg: Path) -> None:
    args = ["--env", "uenv_mod:uenv/Wander-v0", "--run-dir", str(tmp_path / "r"), "--print-config"]
    result = _run(TRAIN, args, tmp_path, user_pkg, U_ELSEWHERE=str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["env"] == "uenv_mod:uenv/Wander-v0"  # before: not JSON
    assert "U: simulator ready" in result.stderr


def test_an_env_that_prints_and_moves_the_cwd(tmp_path: Path, user_pkg: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    args = ["--env", "uenv_mod:uenv/Wander-v0", "--runs-dir", "runs", "--name", "r", *TINY]
    result = _run(
        TRAIN, [*args, "--iterations", "1"], tmp_path, user_pkg, U_ELSEWHERE=str(elsewhere)
    )
    assert result.returncode == 0, result.stderr
    assert _completed(tmp_path / "runs" / "r") == 1  # before: the run went to elsewhere/runs
    assert list(elsewhere.iterdir()) == []

    args = ["--run", "runs/r", "--episodes", "1", "--max-steps", "5", "--json"]
    out = _run(EVAL, args, tmp_path, user_pkg, U_ELSEWHERE=str(elsewhere))
    assert out.returncode == 0, out.stderr
    result_json = json.loads(out.stdout)  # before: the env's lines came first
    assert result_json["episodes"] == 1
    assert "U: step 1" in out.stderr


def test_a_lingering_thread_and_a_failing_close_do_not_cost_the_result(
    tmp_path: Path, user_pkg: Path
) -> None:
    run = tmp_path / "run"
    args = ["--env", "uenv_mod:uenv/Linger-v0", "--run-dir", str(run), *TINY, "--iterations", "1"]
    result = _run(TRAIN, args, tmp_path, user_pkg)  # before: never exited (TimeoutExpired)
    assert result.returncode == 0, result.stderr
    assert _completed(run) == 1
    assert "Traceback" not in result.stderr
    assert "u-link" in result.stderr  # the one warning names the thread it did not wait for

    config = json.loads((run / "config.json").read_text())
    config["env"] = "uenv_mod:uenv/CloseRaises-v0"
    (run / "config.json").write_text(json.dumps(config))
    args = ["--run", str(run), "--episodes", "1", "--max-steps", "5", "--json"]
    out = _run(EVAL, args, tmp_path, user_pkg)
    assert out.returncode == 0, out.stderr  # before: 1, an EnvError traceback, no result
    assert json.loads(out.stdout)["episodes"] == 1
    lines = _lines(out.stderr)
    assert len(lines) == 1, out.stderr
    assert "warning" in lines[0]
    assert "close()" in lines[0]
    assert "CloseRaises" in lines[0]


def test_a_failing_close_after_training_warns_and_keeps_the_run(
    tmp_path: Path, user_pkg: Path
) -> None:
    run = tmp_path / "run"
    args = ["--env", "uenv_mod:uenv/CloseRaises-v0", "--run-dir", str(run), *TINY]
    result = _run(TRAIN, [*args, "--iterations", "1"], tmp_path, user_pkg)
    assert result.returncode == 0, result.stderr  # before: 1, the run's own close() raised
    assert _completed(run) == 1
    assert "Traceback" not in result.stderr
    warned = [line for line in _lines(result.stderr) if "close()" in line]
    assert len(warned) == 1, result.stderr
    assert "warning" in warned[0]
    assert "CloseRaises" in warned[0]
