"""Each full-mode distillation trains a new policy (``fresh_policy``), fitted to the states it
learns from, instead of training on from the previous one, whose input scale is that of the
first (random) data."""

from __future__ import annotations

import asyncio
from pathlib import Path

import numpy as np
import pytest

from plasma.distiller import Policy
from plasma.train.config import TrainConfig
from plasma.train.loop import Trainer, new_run_dir
from plasma.train.rundir import RunDir

from .test_keep_best import SMALL


@pytest.mark.parametrize("fresh", [True, False])
def test_each_full_distillation_starts_a_new_policy(tmp_path: Path, fresh: bool) -> None:
    config = TrainConfig.model_validate(
        {
            **SMALL,
            "runs_dir": tmp_path,
            "name": "run",
            "iterations": 2,
            "real_steps": 120,
            "distill_schedule": "full",
            "keep_best": False,
            "fresh_policy": fresh,
        }
    )
    run = new_run_dir(config)
    asyncio.run(Trainer(config, run).run())
    rows = RunDir(run.path).read_metrics()
    policies = [Policy.load(run.path / r["policy_dir"]) for r in rows]
    first, last = policies[0], policies[-1]
    same_scale = np.allclose(first.obs_std.numpy(), last.obs_std.numpy())
    same_centre = np.allclose(first.obs_mean.numpy(), last.obs_mean.numpy())
    if fresh:
        # refitted to the later iterations' states (the planner's, not the random first ones)
        assert not (same_scale and same_centre)
        assert first.fingerprint() != last.fingerprint()
    else:
        # carried over: the normalization of the first iteration's data
        assert same_scale
        assert same_centre
