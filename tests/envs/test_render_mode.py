"""Plasma never renders the envs it makes, so a render mode is refused up front (batch H, I24).

``render_mode="human"`` with no display let pygame's SDL end ``plasma-train`` by SIGSEGV; the
other modes only cost time. Every env Plasma makes from an id goes through ``make_gym_env``,
where the rule lives.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from plasma.envs import check_env, make_env
from plasma.envs.check import make_gym_env
from plasma.errors import EnvNotSupportedError

REPO = Path(__file__).resolve().parents[2]
MODES = ["human", "rgb_array", "rgb_array_list", "ansi", "depth_array"]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    "make",
    [
        lambda mode: make_gym_env("Pendulum-v1", render_mode=mode),
        lambda mode: make_env("Pendulum-v1", env_kwargs={"render_mode": mode}),
        lambda mode: make_env("CartPole-v1", seed=1, env_kwargs={"render_mode": mode}),
    ],
    ids=["make_gym_env", "make_env", "make_env-discrete"],
)
def test_a_render_mode_is_refused_on_one_line(make, mode: str) -> None:
    with pytest.raises(EnvNotSupportedError) as caught:
        make(mode)
    text = str(caught.value)
    assert "\n" not in text
    assert f"render_mode={mode!r}" in text
    assert "never renders" in text


@pytest.mark.parametrize("mode", MODES)
def test_check_env_reports_it_as_a_problem(mode: str) -> None:
    result = check_env("Pendulum-v1", env_kwargs={"render_mode": mode})
    assert not result.supported
    assert any("render_mode" in p for p in result.problems)


def test_no_render_mode_is_accepted() -> None:
    with make_env("Pendulum-v1", env_kwargs={"render_mode": None}) as env:
        assert env.observation_space.shape == (3,)


def test_plasma_train_refuses_before_anything_is_made(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["PYTHONPATH"] = os.pathsep.join([str(REPO / "python"), str(REPO)])
    run = tmp_path / "run"
    args = ["--run-dir", str(run), "--env-kwargs", '{"render_mode": "human"}', "--quiet"]
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "train.py"), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert result.returncode == 2, result.stderr
    assert len(lines) == 1, result.stderr
    assert "render_mode='human'" in lines[0]
    assert not run.exists()
