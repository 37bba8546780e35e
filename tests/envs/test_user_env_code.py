"""A user's own env, in the library (batch K): its code runs inside Plasma's calls, and what it
does there is the env's error, refused where the env is checked when it can be.

- An env that calls ``sys.exit()`` in ``reset``/``step``/``close`` (or in its module or
  constructor) would end the whole process, with status 0 for a plain ``sys.exit()``: it is an
  :class:`EnvError` naming the env, like any other exception of the env (``PlasmaEnv._call``,
  ``make_gym_env``).
- ``check_env`` resets and steps the env through the adapter (``PlasmaEnv``), so what the first
  real reset or step of a run would refuse (an info that is not a dict) is a problem of the
  check, found before a run directory is made; a numpy bool reward is a number there (0 or 1),
  as a Python bool and a 0-d array already were.
- A ``Discrete(1)`` action space leaves nothing to choose: refused by the check, as an action
  Box with low == high is.
- A reward past ``REWARD_SCALE`` (batch I, J28: 1e30 trained to meaningless figures in
  silence) is warned about once, naming the env and the scale.
- ``evaluate`` cuts an episode of an env without a time limit (an env that never ends one would
  never return) where the in-model evaluation does: ``episode_limit``.

Real Gymnasium envs, registered from a module written to a temporary directory.
"""

from __future__ import annotations

import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from plasma.envs import check_env, make_env
from plasma.errors import EnvError, EnvNotSupportedError, PlasmaWarning
from plasma.train.evaluate import evaluate
from plasma.train.recipe import DEFAULT_EPISODE_STEPS

USER_ENVS = '''
import os, sys
import gymnasium as gym
import numpy as np
from gymnasium import spaces

class K(gym.Env):
    """3-wide observations; ``fault`` names what goes wrong."""
    def __init__(self, fault="", after=3, actions=0):
        if fault == "exit-made":
            sys.exit(0)
        self.observation_space = spaces.Box(-5.0, 5.0, shape=(3,), dtype=np.float32)
        self.action_space = (
            spaces.Discrete(actions) if actions else spaces.Box(-2.0, 2.0, (1,), np.float32)
        )
        self.fault, self.after, self.n = fault, after, 0
    def reset(self, *, seed=None, options=None):
        super().reset(seed=seed)
        info = None if self.fault == "reset-info-none" else {}
        return np.zeros(3, dtype=np.float32), info
    def step(self, action):
        self.n += 1
        if self.fault == "exit-step" and self.n >= self.after:
            sys.exit(0)
        if self.fault == "endless" and self.n > 5000:
            raise RuntimeError("still stepping: the evaluation never cut the episode")
        obs = np.full(3, 0.1 * (self.n % 7), dtype=np.float32)
        reward = np.bool_(self.n % 2) if self.fault == "bool-reward" else 1.0
        if self.fault == "huge-reward":
            reward = 1e30
        info = [] if self.fault == "step-info-list" else {}
        return obs, reward, False, False, info
    def close(self):
        if self.fault == "exit-close":
            sys.exit(4)

for name, kwargs, limit in [
    ("ExitStep", {"fault": "exit-step"}, 50),
    ("ExitMade", {"fault": "exit-made"}, 50),
    ("ExitClose", {"fault": "exit-close"}, 50),
    ("ResetInfoNone", {"fault": "reset-info-none"}, 50),
    ("StepInfoList", {"fault": "step-info-list"}, 50),
    ("BoolReward", {"fault": "bool-reward"}, 50),
    ("OneAction", {"actions": 1}, 50),
    ("TwoActions", {"actions": 2}, 50),
    ("Endless", {"fault": "endless"}, None),
    ("HugeReward", {"fault": "huge-reward"}, 50),
]:
    gym.register(f"kuser/{name}-v0", entry_point=__name__ + ":K", kwargs=kwargs,
                 max_episode_steps=limit)
'''


@pytest.fixture(scope="module")
def user_envs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("kuser")
    (root / "kuser_envs.py").write_text(textwrap.dedent(USER_ENVS))
    sys.path.insert(0, str(root))
    try:
        yield "kuser_envs:kuser/"
    finally:
        sys.path.remove(str(root))


def _one_line(err: BaseException, *words: str) -> None:
    text = str(err)
    assert "\n" not in text.strip(), text
    for word in words:
        assert word in text, text


def test_sys_exit_in_step_is_the_envs_error(user_envs: str) -> None:
    env = make_env(f"{user_envs}ExitStep-v0", seed=0)
    env.reset()
    env.step([0.0])
    env.step([0.0])
    with pytest.raises(EnvError) as caught:  # before: SystemExit(0) ended the process
        env.step([0.0])
    _one_line(caught.value, "kuser/ExitStep-v0", "SystemExit", "step()")
    env.close()


def test_sys_exit_in_the_constructor_or_close_is_the_envs_error(user_envs: str) -> None:
    with pytest.raises(EnvNotSupportedError) as made:
        make_env(f"{user_envs}ExitMade-v0")
    _one_line(made.value, "ExitMade-v0", "SystemExit")
    env = make_env(f"{user_envs}ExitClose-v0")
    with pytest.raises(EnvError) as closed:
        env.close()
    _one_line(closed.value, "ExitClose-v0", "SystemExit", "close()")
    assert not check_env(f"{user_envs}ExitMade-v0").supported


@pytest.mark.parametrize(
    ("name", "says"),
    [("ResetInfoNone", "reset()"), ("StepInfoList", "step()"), ("OneAction", "Discrete(1)")],
)
def test_what_a_run_would_refuse_is_a_problem_of_the_check(
    user_envs: str, name: str, says: str
) -> None:
    check = check_env(f"{user_envs}{name}-v0")
    assert not check.supported  # before: supported, and the run failed after it was made
    assert len(check.problems) == 1, check.problems
    _one_line(EnvNotSupportedError(check.problems[0]), says)


def test_a_numpy_bool_reward_is_a_number(user_envs: str) -> None:
    assert check_env(f"{user_envs}BoolReward-v0").supported
    with make_env(f"{user_envs}BoolReward-v0", seed=0) as env:
        env.reset()
        rewards = [env.step([0.0])[1] for _ in range(4)]
    assert rewards == [1.0, 0.0, 1.0, 0.0]
    assert check_env(f"{user_envs}TwoActions-v0").supported


def test_an_episode_without_a_time_limit_is_cut(user_envs: str) -> None:
    from plasma.train.evaluate import episode_limit  # new: the rule's one home

    with make_env(f"{user_envs}Endless-v0", seed=0) as env:
        assert env.max_episode_steps is None
        assert episode_limit(env) == DEFAULT_EPISODE_STEPS
        result = evaluate(env, lambda obs: np.zeros(1, dtype=np.float32), 2, seed=0)
        assert result.lengths == [DEFAULT_EPISODE_STEPS] * 2
        assert result.terminated_rate == 0.0
        short = evaluate(env, lambda obs: np.zeros(1, dtype=np.float32), 1, seed=0, max_steps=7)
        assert short.lengths == [7]


def test_episode_limit_keeps_the_envs_own(tmp_path: Path) -> None:
    from plasma.train.evaluate import episode_limit

    with make_env("Pendulum-v1", seed=0) as env:
        assert episode_limit(env) == 200
        assert episode_limit(env, 5) == 5
        assert evaluate(env, lambda obs: np.zeros(1, dtype=np.float32), 1, seed=0).lengths == [200]


def test_a_reward_far_past_any_scale_is_warned_about_once(user_envs: str) -> None:
    import warnings

    from plasma.errors import PlasmaWarning

    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        for _ in range(2):  # two copies of the env: one warning for the id
            with make_env(f"{user_envs}HugeReward-v0", seed=0) as env:
                env.reset()
                assert [env.step([0.0])[1] for _ in range(3)] == [1e30] * 3
    ours = [w for w in seen if issubclass(w.category, PlasmaWarning)]
    assert len(ours) == 1, [str(w.message) for w in seen]
    text = str(ours[0].message)
    assert "kuser/HugeReward-v0" in text
    assert "1e+30" in text
    assert "TransformReward" in text


def _use_then_leave(env_id: str) -> object:
    with make_env(env_id, seed=0) as env:
        obs = env.reset()
        env.step([0.0])
    return obs


def _raise_inside(env_id: str) -> None:
    with make_env(env_id, seed=0):
        raise ValueError("the block's own")


def test_a_failing_close_after_a_completed_block_is_a_warning(user_envs: str) -> None:
    from plasma.envs.adapter import _close_warned

    _close_warned.clear()  # one warning per env id and process
    # batch K, K17: plasma-eval's result was lost to close()'s EnvError as its `with env:` ended
    with pytest.warns(PlasmaWarning, match=r"ExitClose-v0.*close\(\)"):  # before: EnvError
        obs = _use_then_leave(f"{user_envs}ExitClose-v0")
    assert obs is not None
    # an error in flight is the one raised, not close()'s
    with pytest.raises(ValueError, match="the block's own"):
        _raise_inside(f"{user_envs}ExitClose-v0")
    # close() called directly still raises: the caller asked for it
    env = make_env(f"{user_envs}ExitClose-v0", seed=0)
    with pytest.raises(EnvError):
        env.close()


def test_closing_after_work_is_one_warning_per_env_and_silent_under_an_error(
    user_envs: str,
) -> None:
    # the auditor's replay env and the simulator's env are closed by the same rule (close_after)
    import warnings

    from plasma.envs.adapter import _close_warned

    _close_warned.clear()  # an earlier test of this process may have warned about it
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        for _ in range(3):
            make_env(f"{user_envs}ExitClose-v0", seed=0).close_after(None)
        make_env(f"{user_envs}ExitClose-v0", seed=0).close_after(ValueError("in flight"))
    ours = [w for w in seen if issubclass(w.category, PlasmaWarning)]
    assert len(ours) == 1, [str(w.message) for w in ours]
    assert "ExitClose-v0" in str(ours[0].message)
