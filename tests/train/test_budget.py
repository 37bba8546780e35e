"""The memory a run needs at the least (``plasma.train.budget``), checked before the env is
reset or stepped and before anything is created. Before: an env of 10**8 action dimensions was
reset and stepped and failed as a MemoryError from wherever the first large array was made (the
env check, or minutes later while fitting), naming neither the cause nor the setting."""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path

import pytest

from plasma.train import budget
from plasma.train.cli import train_main

SIZED_ENV = """
import os
import gymnasium as gym
import numpy as np
from gymnasium import spaces


class Sized(gym.Env):
    def __init__(self, obs=3, act=1):
        self.observation_space = spaces.Box(-1.0, 1.0, shape=(obs,), dtype=np.float32)
        self.action_space = spaces.Box(-1.0, 1.0, shape=(act,), dtype=np.float32)

    def reset(self, *, seed=None, options=None):
        open(os.environ["SIZED_TOUCHED"], "w").close()
        return np.zeros(self.observation_space.shape, np.float32), {}

    def step(self, action):
        open(os.environ["SIZED_TOUCHED"], "w").close()
        return np.zeros(self.observation_space.shape, np.float32), 0.0, False, False, {}


gym.register("sized/Sized-v0", entry_point=__name__ + ":Sized", max_episode_steps=10)
"""

# (env kwargs, --set settings, the part the refusal names; None: the run fits)
CASES: list[tuple[str, list[str], str | None]] = [
    ('{"act": 5000000}', ["real_steps=10"], "the world model"),
    ('{"act": 5000000}', [], "the real data"),
    ('{"obs": 2000000}', ["real_steps=10"], "the world model"),
    ("{}", ["value.hidden=[17179869184]"], "the value function"),
    ("{}", ["distiller.hidden_sizes=[64, 17179869184]"], "the policy"),
    ("{}", ["real_steps=100000000000000"], "the real data"),
    ("{}", [], None),
    ('{"obs": 376, "act": 17}', ["real_steps=100000"], None),  # a Humanoid-sized run fits
]


@pytest.mark.parametrize(("kwargs", "settings", "names"), CASES)
def test_a_run_too_large_for_memory_is_refused_before_the_env_runs(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    kwargs: str,
    settings: list[str],
    names: str | None,
) -> None:
    monkeypatch.setattr(budget, "memory_ceiling", lambda: 16 << 30)  # any machine: 16 GB
    (tmp_path / "sized_env.py").write_text(SIZED_ENV)
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "sized_env", raising=False)
    touched = tmp_path / "touched"
    monkeypatch.setenv("SIZED_TOUCHED", str(touched))
    argv = ["--env", "sized_env:sized/Sized-v0", "--env-kwargs", kwargs]
    argv += ["--runs-dir", str(tmp_path / "runs"), "--print-config"]
    for item in settings:
        argv += ["--set", item]
    status = train_main(argv)
    err = capsys.readouterr().err.strip().splitlines()
    if names is None:
        assert status == 0, err
        return
    assert status == 2
    assert len(err) == 1, err
    assert "sized_env:sized/Sized-v0" in err[0]
    assert "needs at least" in err[0]
    assert f"({names}: " in err[0]
    assert not touched.exists()  # refused from the spaces: never reset or stepped
    assert not (tmp_path / "runs").exists()


def _nested(settings: list[str]) -> dict[str, object]:
    """``--set`` items (``a.b=JSON``) as the nested mapping a TrainConfig takes."""
    out: dict[str, object] = {}
    for item in settings:
        key, _, value = item.partition("=")
        *parents, leaf = key.split(".")
        node = out
        for part in parents:
            node = node.setdefault(part, {})  # type: ignore[assignment]
        node[leaf] = json.loads(value)
    return out


@pytest.mark.parametrize(("kwargs", "settings", "names"), [c for c in CASES if c[2]])
def test_the_library_trainer_applies_the_same_rule_before_its_run_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kwargs: str, settings: list[str], names: str
) -> None:
    # Before: the rule held for plasma-train only; Trainer.run() claimed the run directory,
    # wrote its config, reset and stepped the env, and failed as a MemoryError (or ran out of
    # memory) wherever the first large array was made.
    from plasma.errors import EnvNotSupportedError
    from plasma.train import RunDir, TrainConfig, Trainer

    monkeypatch.setattr(budget, "memory_ceiling", lambda: 16 << 30)
    (tmp_path / "sized_env.py").write_text(SIZED_ENV)
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "sized_env", raising=False)
    touched = tmp_path / "touched"
    monkeypatch.setenv("SIZED_TOUCHED", str(touched))
    config = TrainConfig.model_validate(
        {"env": "sized_env:sized/Sized-v0", "env_kwargs": json.loads(kwargs), **_nested(settings)}
    )
    with pytest.raises(EnvNotSupportedError) as caught:
        asyncio.run(Trainer(config, RunDir(tmp_path / "run")).run())
    message = str(caught.value)
    assert "\n" not in message
    assert "sized_env:sized/Sized-v0" in message
    assert f"({names}: " in message
    assert not touched.exists()  # never reset or stepped
    assert not (tmp_path / "run").exists()  # nothing created
