"""``evaluate``: real episodes, counted the way the task ends them."""

from __future__ import annotations

import numpy as np

from plasma.envs import make_env
from plasma.train.evaluate import evaluate


def test_terminated_rate_counts_the_episodes_the_task_ended() -> None:
    # Pushing the cart one way drops the pole within a few dozen steps: the task ends every
    # episode. Cut after 3 steps, none is ended by the task.
    with make_env("CartPole-v1", seed=0) as env:
        push = evaluate(env, lambda obs: np.array([1]), 3, seed=0)
        cut = evaluate(env, lambda obs: np.array([1]), 3, seed=0, max_steps=3)
    assert push.terminated_rate == 1.0
    assert max(push.lengths) < 60
    assert cut.terminated_rate == 0.0
    assert cut.lengths == [3, 3, 3]
