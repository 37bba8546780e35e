"""Faults no earlier test named, found by a sweep of real processes and real files (see
docs/reliability.md): a budget too large to list, settings that are not numbers, an env that
fails in the middle of a run, SIGTERM, files an atomic write made private, a lost state file, and
trajectory files that are not what they claim.

Each test failed before its fix; none trains more than the smallest run that shows the fault.
"""

from __future__ import annotations

import json
import math
import os
import signal
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any, cast

import gymnasium as gym
import numpy as np
import pytest
from gymnasium import spaces

from plasma._io import atomic_write_bytes, write_dir_atomic
from plasma.auditor.cli import main as audit_main
from plasma.envs import make_env
from plasma.errors import EnvError, IntegrityError, ShapeError
from plasma.train.config import TrainConfig, split_steps
from plasma.train.rundir import RunDir
from tests.train.conftest import EVAL, TINY, TRAIN, error_line, run, run_here, tree_digest

# ------------------------------------------------------------------------------ settings


def test_a_huge_iteration_count_is_refused_at_once() -> None:
    # Before: the budget check listed every iteration's share, and --iterations 100000000000
    # hung (and filled the memory) instead of saying that 2400 steps do not go that far.
    code = (
        "from plasma.train.config import TrainConfig\n"
        "try:\n"
        "    TrainConfig(iterations=100_000_000_000)\n"
        "except ValueError as err:\n"
        "    print('refused:', err)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "refused:" in done.stdout
    assert "iterations=100000000000 gives 1 real steps to the first" in done.stdout
    # the check still agrees with the split the loop uses, where the split can be listed
    for total, parts, first in [(2400, 4, None), (30, 40, None), (100, 3, 60), (50, 3, 90)]:
        plan = split_steps(total, parts, first)
        fits = plan[0] >= 10 and min(plan) >= 1
        data = {"real_steps": total, "iterations": parts, "initial_random_steps": first}
        if fits:
            TrainConfig.model_validate(data)
        else:
            with pytest.raises(ValueError, match="raise real_steps or lower iterations"):
                TrainConfig.model_validate(data)


@pytest.mark.parametrize(
    ("setting", "says"),
    [
        ("distiller.training.lr=inf", "distiller.training.lr=inf: settings must be finite"),
        ("world_model.learning_rate=Infinity", "world_model.learning_rate=inf"),
        ("world_model.hidden=[0]", "world_model.hidden.0: Input should be greater than 0"),
        ("value.hidden=[64,-1]", "value.hidden.1: Input should be greater than 0"),
        (
            'auditor.invariants=[{"kind":"norm","variables":[0],"tolerance":1e999}]',
            "invariants[0].tolerance=inf",
        ),
    ],
)
def test_a_setting_that_is_not_a_usable_number_is_refused_up_front(
    tmp_path: Path, setting: str, says: str
) -> None:
    # Before: these passed --print-config, and a run failed minutes in (a ZeroDivisionError
    # traceback for a layer of width 0; "weights[0] = non-finite" after an inf learning rate).
    out = run_here(TRAIN, ["--set", setting, "--print-config"], tmp_path)
    assert out.returncode == 2, out.stdout
    assert says in error_line(out)


def test_an_open_bound_may_stay_infinite(tmp_path: Path) -> None:
    bound = '{"kind":"bounds","variable":0,"high":1e999}'  # what the default bound already is
    out = run_here(TRAIN, ["--set", f"auditor.invariants=[{bound}]", "--print-config"], tmp_path)
    assert out.returncode == 0, out.stderr
    assert math.isinf(json.loads(out.stdout)["auditor"]["invariants"][0]["high"])


# ------------------------------------------------------------------------------ envs


class _Faulty(gym.Env[np.ndarray, np.ndarray]):
    """A 2-D drift whose ``fault`` strikes from step ``at`` on (steps counted over episodes)."""

    def __init__(self, fault: str = "none", at: int = 0) -> None:
        self.observation_space = spaces.Box(-5.0, 5.0, shape=(2,), dtype=np.float32)
        self.action_space = spaces.Box(-1.0, 1.0, shape=(1,), dtype=np.float32)
        self.fault, self.at, self.steps = fault, at, 0
        self.x = np.zeros(2, dtype=np.float32)

    def reset(
        self, *, seed: int | None = None, options: Any = None
    ) -> tuple[np.ndarray, dict[str, Any]]:
        super().reset(seed=seed)
        if self.fault == "reset" and self.steps >= self.at:
            raise ConnectionError("the simulator server went away")
        self.x = self.np_random.uniform(-1, 1, size=2).astype(np.float32)
        return self.x.copy(), {}

    def step(self, action: np.ndarray) -> tuple[np.ndarray, Any, bool, bool, dict[str, Any]]:
        self.steps += 1
        self.x = np.clip(self.x + 0.1 * float(action[0]), -5, 5).astype(np.float32)
        obs, reward = self.x.copy(), cast(Any, -float(self.x[0] ** 2))
        if self.steps > self.at:
            if self.fault == "step":
                raise RuntimeError("solver diverged")
            if self.fault == "nan_obs":
                obs[1] = np.nan
            if self.fault == "inf_reward":
                reward = -math.inf
            if self.fault == "text_reward":
                reward = "high"
            if self.fault == "wide_obs":
                obs = np.zeros(3, dtype=np.float32)
        return obs, reward, False, self.steps % 20 == 0, {}


@pytest.mark.parametrize(
    ("fault", "says"),
    [
        ("step", "raised RuntimeError in step() (step 3 of its episode): solver diverged"),
        ("reset", "raised ConnectionError in reset() (at the episode start): the simulator"),
        ("nan_obs", "returned a non-finite observation from step() (step 3 of its episode)"),
        ("inf_reward", "returned the reward -inf from step() (step 3 of its episode)"),
        ("text_reward", "a reward that is not a number"),
        ("wide_obs", "returned an observation of shape (3,) from step() (step 3 of its episode)"),
    ],
)
def test_an_env_that_fails_midway_is_named_with_its_call_and_step(fault: str, says: str) -> None:
    # Before: the env's own exception came through bare (a traceback from plasma-train), and a
    # NaN observation or reward surfaced later as "state = NaN: must be finite", naming neither
    # the env nor the step.
    env = make_env(_Faulty(fault, at=2), seed=0)

    def drive() -> None:
        env.reset(seed=0)
        for _ in range(30):
            _obs, _reward, terminated, truncated, _info = env.step(np.zeros(1, dtype=np.float32))
            if terminated or truncated:
                env.reset()

    # A wrong shape stays a ShapeError (a ValueError), named the same way as the env's failures.
    with env, pytest.raises(ShapeError if fault == "wide_obs" else EnvError) as caught:
        drive()
    message = str(caught.value)
    assert says in message, message
    assert "_Faulty" in message  # the env, by its name
    if fault != "wide_obs":
        assert isinstance(caught.value, RuntimeError)  # code catching RuntimeError keeps working
    if fault in ("step", "reset"):
        assert caught.value.__cause__ is not None  # the env's own error, for a traceback


USER_ENV = '''
import os
import gymnasium as gym
import numpy as np
from gymnasium import spaces


class Flaky(gym.Env):
    """Fails in step() once FLAKY_AT steps were taken in this process (never when unset)."""

    def __init__(self):
        self.observation_space = spaces.Box(-5.0, 5.0, shape=(2,), dtype=np.float32)
        self.action_space = spaces.Box(-1.0, 1.0, shape=(1,), dtype=np.float32)
        self.x = np.zeros(2, dtype=np.float32)

    def reset(self, *, seed=None, options=None):
        super().reset(seed=seed)
        self.x = self.np_random.uniform(-1.0, 1.0, size=2).astype(np.float32)
        return self.x.copy(), {}

    def step(self, action):
        global TAKEN
        TAKEN += 1
        if TAKEN > int(os.environ.get("FLAKY_AT", "-1")) >= 0:
            raise RuntimeError("lost the connection to the robot")
        self.x = np.clip(self.x + 0.1 * float(action[0]) - 0.05 * self.x, -5, 5)
        return self.x.astype(np.float32), -float(self.x[0] ** 2), False, False, {}


TAKEN = 0
gym.register("flaky/Flaky-v0", entry_point=__name__ + ":Flaky", max_episode_steps=40)
'''


def test_a_run_whose_env_fails_midway_says_so_in_one_line_and_resumes(tmp_path: Path) -> None:
    (tmp_path / "flaky_env.py").write_text(USER_ENV)
    path = os.pathsep.join([str(tmp_path), os.environ.get("PYTHONPATH", "")])
    args = ["--env", "flaky_env:flaky/Flaky-v0", "--iterations", "2", *TINY, "--name", "f"]
    # iteration 0 collects 120 steps; the env fails during the collection of iteration 1
    failed = run(TRAIN, args, tmp_path, PYTHONPATH=path, FLAKY_AT="150")
    assert failed.returncode == 1, failed.stderr
    assert "Traceback" not in failed.stderr
    last = failed.stderr.strip().splitlines()[-1]
    assert last.startswith("plasma-train: error: env 'flaky_env:flaky/Flaky-v0' raised ")
    assert "RuntimeError in step()" in last
    assert "lost the connection to the robot" in last
    assert "its 1 completed iteration(s) are saved" in last
    assert last.endswith(f"plasma-train --resume {tmp_path / 'runs' / 'f'}")  # absolute
    resumed = run(TRAIN, ["--resume", "runs/f"], tmp_path, PYTHONPATH=path)
    assert resumed.returncode == 0, resumed.stderr
    state = json.loads((tmp_path / "runs" / "f" / "state.json").read_text())
    assert state["completed_iterations"] == 2


# ------------------------------------------------------------------------------ signals


def test_sigterm_stops_a_run_as_ctrl_c_does(tmp_path: Path) -> None:
    # Before: SIGTERM (a scheduler's preemption, `kill`, `docker stop`) killed the process with
    # no word on what was saved or how to continue.
    args = ["--iterations", "2", *TINY, "--name", "t"]
    stopped = run(TRAIN, args, tmp_path, PLASMA_FAULT="fit:1:terminate")
    assert stopped.returncode == 128 + signal.SIGTERM, stopped.stderr
    assert "plasma-fault: terminate at fit:1" in stopped.stderr
    assert "stopped by SIGTERM; completed iterations are saved" in stopped.stderr
    assert f"plasma-train --resume {tmp_path / 'runs' / 't'}" in stopped.stderr
    state = json.loads((tmp_path / "runs" / "t" / "state.json").read_text())
    assert state["completed_iterations"] == 1


# ------------------------------------------------------------------------------ files


def test_atomic_writes_give_files_the_permissions_a_plain_write_would(tmp_path: Path) -> None:
    # Before: every atomically written file was 0600 and every directory 0700 (the modes of
    # the temporary files they start as), whatever the umask: a run shared with a group, or
    # served to another user, could not be read.
    old = os.umask(0o027)
    try:
        file = atomic_write_bytes(tmp_path / "state.json", b"{}")
        folder = write_dir_atomic(tmp_path / "policy", {"policy.json": b"{}"})
    finally:
        os.umask(old)
    assert stat.S_IMODE(file.stat().st_mode) == 0o640
    assert stat.S_IMODE(folder.stat().st_mode) == 0o750
    os.chmod(file, 0o600)  # a file the user made private stays private when replaced
    atomic_write_bytes(file, b"{ }")
    assert stat.S_IMODE(file.stat().st_mode) == 0o600


def test_a_lost_state_file_is_refused_not_a_restart_over_committed_work(tmp_path: Path) -> None:
    # Before: with state.json gone, --resume took the run for one that never committed, removed
    # its iterations and packets and trained from scratch.
    run_dir = RunDir(tmp_path / "r").claim()
    run_dir.write_config(TrainConfig(name="r", runs_dir=tmp_path))
    for index in (0, 1):
        run_dir.iteration_dir(index).mkdir(parents=True)
        (run_dir.iteration_dir(index) / "real.npz").write_bytes(b"committed data")
    (run_dir.path / "transitions.npz").write_bytes(b"the copy a commit refreshes")
    run_dir.release()
    before = tree_digest(run_dir.path, skip=(".plasma-run",))
    with pytest.raises(IntegrityError, match=r"state\.json is missing"):
        run_dir.read_state()
    for script, args in ((TRAIN, ["--resume", "r"]), (EVAL, ["--run", "r"])):
        out = run_here(script, args, tmp_path)
        assert out.returncode == 2, out.stderr
        line = error_line(out)
        assert "state.json is missing, but the run holds work only a committed" in line
        assert "iterations/0001" in line
        assert "restore it" in line
    assert tree_digest(run_dir.path, skip=(".plasma-run",)) == before  # nothing removed

    # a crash before the first commit leaves no such work: that run starts over, as before
    fresh = RunDir(tmp_path / "fresh").claim()
    fresh.iteration_dir(0).mkdir(parents=True)
    assert fresh.read_state().completed_iterations == 0
    fresh.release()

    (run_dir.path / "state.json").write_text('{"completed_iterations": "two"}')
    with pytest.raises(IntegrityError, match=r"completed_iterations: .* restore it"):
        run_dir.read_state()


# ------------------------------------------------------------------------------ audit input


def test_audit_input_that_is_not_a_trajectory_file_is_bad_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Before: a line nested 100,000 deep crashed the reader (RecursionError: exit 3 and a
    # traceback, "the audit could not run"); a directory "does not exist".
    deep = tmp_path / "deep.jsonl"
    deep.write_text('{"role": "user", "content": "hi"}\n' + "[" * 100_000 + "]" * 100_000 + "\n")
    assert audit_main([str(deep)]) == 2
    (line,) = capsys.readouterr().err.splitlines()
    assert line.endswith(f"{deep}: line 2: not valid JSON (nested too deeply to read)")

    assert audit_main([str(tmp_path)]) == 2
    (line,) = capsys.readouterr().err.splitlines()
    assert f"{tmp_path} is not a regular file (a directory or a device)" in line
