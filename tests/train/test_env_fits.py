"""A run used with an env of other spaces is refused up front (RunDir.check_env_fits).

Before: plasma-eval, a resume and ``--base`` started work with the other env and ended with the
core's shape error (status 1), or planned with actions of the wrong kind."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from plasma.distiller import Policy
from plasma.envs import make_env
from plasma.errors import EnvNotSupportedError
from plasma.train.config import TrainConfig
from plasma.train.rundir import RunDir, RunState, public_json
from tests.train.conftest import EVAL, TINY, TRAIN, error_line, run_here, tree_digest


def _pendulum_run(root: Path) -> Path:
    """A run directory as a finished Pendulum run leaves it, as far as these checks read it:
    its config, its state and its deployed policy (3-wide observations, one Box action)."""
    path = root / "run"
    path.mkdir(parents=True)
    (path / ".plasma-run").touch()
    config = TrainConfig.model_validate({"env": "Pendulum-v1", "runs_dir": root, "name": "run"})
    (path / "config.json").write_bytes(public_json(config))
    Policy(obs_dim=3, action_low=[-2.0], action_high=[2.0]).save(
        path / "iterations" / "0000" / "policy"
    )
    state = RunState(completed_iterations=1, policy_dir="iterations/0000/policy")
    (path / "state.json").write_text(state.model_dump_json())
    return path


def _name_env(run: Path, env: str) -> None:
    config = json.loads((run / "config.json").read_text())
    config["env"] = env
    (run / "config.json").write_text(json.dumps(config))


@pytest.mark.parametrize(
    ("env", "words"),
    [
        ("MountainCarContinuous-v0", "2-wide observations and 1-wide actions"),
        ("CartPole-v1", "4-wide observations and 2 discrete actions"),
        ("Acrobot-v1", "6-wide observations and 3 discrete actions"),
    ],
)
def test_the_library_check_names_both_spaces(tmp_path: Path, env: str, words: str) -> None:
    run = RunDir(_pendulum_run(tmp_path))
    state = run.read_state()
    with make_env("Pendulum-v1") as same:
        run.check_env_fits(state, same)
    with make_env(env) as other, pytest.raises(EnvNotSupportedError) as caught:
        run.check_env_fits(state, other)
    message = str(caught.value)
    assert "\n" not in message
    assert words in message
    assert "3-wide observations and 1-wide actions" in message
    assert "policy.json" in message


@pytest.mark.parametrize(
    ("command", "env", "extra"),
    [
        ("eval", "MountainCarContinuous-v0", ()),
        ("eval", "CartPole-v1", ("--json",)),
        ("eval plan", "CartPole-v1", ("--mode", "plan")),
        ("resume", "MountainCarContinuous-v0", ()),
        ("resume", "CartPole-v1", ()),
        ("base", "MountainCarContinuous-v0", ()),
    ],
)
def test_a_run_with_another_env_is_refused_before_any_work(
    tmp_path: Path, command: str, env: str, extra: tuple[str, ...]
) -> None:
    run = _pendulum_run(tmp_path)
    if command == "base":
        args = ["--env", env, "--base", str(run), "--runs-dir", "new", *TINY]
        result = run_here(TRAIN, args, tmp_path)
        assert not (tmp_path / "new").exists()
    else:
        _name_env(run, env)
        before = tree_digest(run, skip=(".plasma-run",))
        if command == "resume":
            result = run_here(TRAIN, ["--resume", str(run), "--iterations", "2"], tmp_path)
        else:
            args = ["--run", str(run), "--episodes", "1", "--max-steps", "3", *extra]
            result = run_here(EVAL, args, tmp_path)
        assert tree_digest(run, skip=(".plasma-run",)) == before
    assert result.returncode == 2
    assert result.stdout == ""
    line = error_line(result)
    assert f"env {env!r}" in line
    assert "does not fit run" in line
    assert "3-wide observations" in line


@pytest.mark.parametrize("how", ["resume", "base_run"])
def test_the_trainer_refuses_another_env_before_any_iteration(tmp_path: Path, how: str) -> None:
    import asyncio

    from plasma.train.loop import Trainer, new_run_dir

    pendulum = _pendulum_run(tmp_path / "old")
    settings: dict[str, Any] = {"env": "MountainCarContinuous-v0", "trace": False}
    if how == "resume":
        _name_env(pendulum, "MountainCarContinuous-v0")
        settings |= {"runs_dir": pendulum.parent, "name": pendulum.name}
    else:
        settings |= {"runs_dir": tmp_path / "new", "name": "run", "base_run": pendulum}
    config = TrainConfig.model_validate(settings)
    run = new_run_dir(config)
    with pytest.raises(EnvNotSupportedError, match="does not fit run"):
        asyncio.run(Trainer(config, run).run())
    assert RunDir(run.path).read_state().completed_iterations == (1 if how == "resume" else 0)
