"""Bringing your own env, tried as a new user would: a package on the path that registers an id,
``plasma-train --env package.module:Id-v0 --env-kwargs JSON``, then ``plasma-eval``."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from plasma.train.cli import train_main
from tests.envs.user_env import write_user_package
from tests.train.conftest import EVAL, TINY, TRAIN, run, run_here


def _speeds(log: Path) -> list[str]:
    return [line.split()[1] for line in log.read_text().splitlines()]


def test_train_and_eval_a_user_env_with_keyword_arguments(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = write_user_package(tmp_path / "project")
    env_id = f"{ids}Drift-v0"
    log = tmp_path / "constructions.log"
    path = os.pathsep.join([str(tmp_path / "project"), os.environ.get("PYTHONPATH", "")])
    user = {"PYTHONPATH": path, "USER_ENV_LOG": str(log)}
    args = ["--env", env_id, "--env-kwargs", '{"speed": 0.3}', "--iterations", "1", *TINY]
    done = run(TRAIN, [*args, "--name", "mine"], tmp_path, **user)
    assert done.returncode == 0, done.stderr
    config = json.loads((tmp_path / "runs" / "mine" / "config.json").read_text())
    assert config["env"] == env_id
    assert config["env_kwargs"] == {"speed": 0.3}
    # every env the run made (training, the simulator's, the auditor's, evaluation) got them
    speeds = _speeds(log)
    assert len(speeds) >= 4, speeds
    assert set(speeds) == {"speed=0.3"}

    # The evaluations run in this process (run_here), with the package on its path as PYTHONPATH
    # put it on the training's: what plasma-eval makes of the run's env and its keyword arguments
    # needs no interpreter start-up of its own.
    monkeypatch.syspath_prepend(str(tmp_path / "project"))
    log.unlink()
    evaluated = run_here(
        EVAL, ["--run", "runs/mine", "--episodes", "2", "--json"], tmp_path, **user
    )
    assert evaluated.returncode == 0, evaluated.stderr
    assert json.loads(evaluated.stdout)["env"] == env_id
    assert set(_speeds(log)) == {"speed=0.3"}
    log.unlink()
    other = ["--run", "runs/mine", "--episodes", "1", "--env-kwargs", '{"speed": 0.5}']
    assert run_here(EVAL, other, tmp_path, **user).returncode == 0
    assert set(_speeds(log)) == {"speed=0.5"}


def test_a_user_env_that_cannot_be_used_is_refused_up_front(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    ids = write_user_package(tmp_path / "project", "refused_user_envs")
    monkeypatch.syspath_prepend(str(tmp_path / "project"))
    monkeypatch.chdir(tmp_path)
    for bad, why in (
        (f"{ids}Nope-v0", "unknown Gymnasium env id"),
        (f"{ids}BrokenReset-v0", "RuntimeError in reset()"),
        (f"{ids}WrongShape-v0", "an observation of shape (3,)"),
        (f"{ids}Unbounded-v0", "the action Box has infinite bounds"),
    ):
        for extra in (["--print-config"], ["--name", "never"]):
            assert train_main(["--env", bad, *extra]) == 2
            out = capsys.readouterr()
            assert out.out == ""
            (line,) = out.err.splitlines()
            assert line.startswith(f"plasma-train: error: --env {bad}: ")
            assert why in line
    assert list(tmp_path.iterdir()) == [tmp_path / "project"]  # no run directory
