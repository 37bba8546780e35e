"""An episode longer than one iteration's collection runs on into the next iteration's
(``continue_episodes``), so that the real data reaches the late steps of long episodes."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pytest

from plasma.envs import Transitions

from .conftest import train_small


@pytest.mark.parametrize("continued", [True, False])
def test_an_episode_runs_on_across_iterations(tmp_path: Path, continued: bool) -> None:
    # Pendulum's episodes last 200 steps; four iterations collect 70 steps each.
    run, _ = train_small(
        tmp_path, iterations=4, real_steps=280, keep_best=False, continue_episodes=continued
    )
    parts = [Transitions.load(run.iteration_dir(i) / "real.npz") for i in range(4)]
    joins = [np.array_equal(a.next_obs[-1], b.obs[0]) for a, b in itertools.pairwise(parts)]
    data = parts[0]
    for part in parts[1:]:
        data = data.concat(part)
    if continued:
        # One episode runs through the iterations and meets its time limit at its 200th step.
        assert joins == [True, True, True]
        assert np.flatnonzero(data.done).tolist() == [199]
        assert data.truncated[199]
        assert len(data.episode_returns()) == 1
        # The iteration the episode ended in reports its whole return.
        rows = run.read_metrics()
        assert [row["collect_return"] for row in rows[:2]] == [None, None]
        assert rows[2]["collect_return"] == pytest.approx(data.episode_returns()[0], rel=1e-5)
    else:
        assert joins == [False, False, False]
        assert not data.done.any()
