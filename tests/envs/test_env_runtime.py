"""A user's env that misbehaves while Plasma steps it: every way its reset() or step() can return
something Plasma cannot store is refused in the one place env calls go through
(``PlasmaEnv.reset``/``step``), as a one-line PlasmaError naming the env and the call, instead of
being cast silently (a complex or string observation, a string reward, ``"False"`` read as
true) or failing as a bare ValueError/TypeError. Table-driven; real Gymnasium envs."""

from __future__ import annotations

from typing import Any

import gymnasium as gym
import numpy as np
import pytest
from gymnasium import spaces

from plasma.envs import PlasmaEnv, collect
from plasma.errors import PlasmaError


class _Env(gym.Env[Any, Any]):
    """A 3-wide env whose ``reset``/``step`` results pass through ``edit`` (a fault) from its
    ``after``-th step on."""

    def __init__(self, edit_step: Any = None, edit_reset: Any = None, after: int = 2) -> None:
        self.observation_space = spaces.Box(-5.0, 5.0, shape=(3,), dtype=np.float32)
        self.action_space = spaces.Box(-1.0, 1.0, shape=(1,), dtype=np.float32)
        self.edit_step, self.edit_reset, self.after, self.n = edit_step, edit_reset, after, 0

    def reset(self, *, seed: int | None = None, options: Any = None) -> Any:
        super().reset(seed=seed)
        out = (np.zeros(3, dtype=np.float32), {})
        return self.edit_reset(out) if self.edit_reset else out

    def step(self, action: Any) -> Any:
        self.n += 1
        out = (np.full(3, 0.5, dtype=np.float32), 1.0, False, False, {})
        return self.edit_step(out) if self.edit_step and self.n >= self.after else out


def _put(i: int, value: Any) -> Any:
    return lambda out: (*out[:i], value, *out[i + 1 :])


STEP_FAULTS = {
    "complex observation": (_put(0, np.full(3, 1 + 1j, dtype=np.complex64)), "complex64"),
    "string observation": (_put(0, np.array(["1", "2", "3"])), "dtype"),
    "observation of shape (1, 3)": (_put(0, np.zeros((1, 3), dtype=np.float32)), "(1, 3)"),
    "reward a string": (_put(1, "0.5"), "reward"),
    "reward of shape (1,)": (_put(1, np.array([0.5])), "reward"),
    "reward None": (_put(1, None), "reward"),
    "terminated the string 'False'": (_put(2, "False"), "terminated"),
    "terminated the integer 2": (_put(2, 2), "terminated"),
    "terminated an array": (_put(2, np.array([False, True])), "terminated"),
    "truncated None": (_put(3, None), "truncated"),
    "info None": (_put(4, None), "info"),
    "4 values (old gym API)": (lambda out: (out[0], out[1], False, {}), "4 values"),
    "not a tuple": (lambda out: out[0], "ndarray"),
}

RESET_FAULTS = {
    "a bare array (old gym API)": (lambda out: out[0], "ndarray"),
    "3 values": (lambda out: (*out, None), "3 values"),
    "info a list": (lambda out: (out[0], []), "info"),
}


def _refused(call: Any, *words: str) -> str:
    with pytest.raises(PlasmaError) as caught:
        call()
    text = str(caught.value)
    assert "\n" not in text.strip(), text
    for word in words:
        assert word in text, text
    return text


@pytest.mark.parametrize("name", list(STEP_FAULTS))
def test_a_bad_step_result_is_refused_naming_env_and_call(name: str) -> None:
    edit, says = STEP_FAULTS[name]
    env = PlasmaEnv(_Env(edit_step=edit), env_id="user/Bad-v0")
    env.reset(seed=0)
    env.step([0.0])  # the first step is sound: the fault comes mid-episode
    _refused(lambda: env.step([0.0]), "user/Bad-v0", "step()", "step 2", says)


@pytest.mark.parametrize("name", list(RESET_FAULTS))
def test_a_bad_reset_result_is_refused_naming_env_and_call(name: str) -> None:
    edit, says = RESET_FAULTS[name]
    env = PlasmaEnv(_Env(edit_reset=edit), env_id="user/Bad-v0")
    _refused(lambda: env.reset(seed=0), "user/Bad-v0", "reset()", says)
    _refused(lambda: env.sample_start_states(2, seed=0), "user/Bad-v0", "reset()")


def test_collect_stops_on_the_step_that_went_wrong() -> None:
    env = PlasmaEnv(_Env(edit_step=_put(2, np.array([False, True])), after=7), env_id="user/B-v0")
    _refused(lambda: collect(env, 20, seed=0), "user/B-v0", "step 7")


SOUND = {
    "float64 observation": _put(0, np.full(3, 0.25)),
    "int observation": _put(0, np.array([1, 2, 3])),
    "list observation": _put(0, [0.1, 0.2, 0.3]),
    "numpy float32 reward": _put(1, np.float32(0.5)),
    "0-d array reward": _put(1, np.array(0.5)),
    "int reward": _put(1, 2),
    "numpy bool flags": lambda out: (*out[:2], np.bool_(False), np.bool_(False), out[4]),
    "int 0 flags (an env from before Gymnasium's checker)": lambda out: (*out[:2], 0, 0, out[4]),
    "bool observation": _put(0, np.array([False, False, False])),
}


@pytest.mark.parametrize("name", list(SOUND))
def test_what_gymnasium_allows_is_still_taken(name: str) -> None:
    env = PlasmaEnv(_Env(edit_step=SOUND[name], after=1), env_id="user/Ok-v0")
    env.reset(seed=0)
    obs, reward, terminated, truncated, _info = env.step([0.0])
    assert obs.dtype == np.float32
    assert obs.shape == (3,)
    assert isinstance(reward, float)
    assert terminated is False
    assert truncated is False
