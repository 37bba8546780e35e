"""The Trainer's arguments are checked where they come in, as every component's config is: a
wrong type is one InvalidArgumentError line naming what is accepted, not an AttributeError from
deep in the loop (reliability batch H, I14)."""

from __future__ import annotations

from pathlib import Path

import pytest

from plasma.errors import InvalidArgumentError
from plasma.train import TrainConfig, Trainer
from plasma.train.rundir import RunDir


@pytest.mark.parametrize(
    ("config", "run", "says"),
    [
        ("Pendulum-v1", "run", "config must be a TrainConfig"),
        (42, "run", "config must be a TrainConfig"),
        ({"no_such_field": 1}, "run", "no_such_field"),
        (TrainConfig(), 42, "run must be a RunDir or a path"),
    ],
)
def test_a_wrong_argument_is_one_clear_line(
    tmp_path: Path, config: object, run: object, says: str
) -> None:
    where = tmp_path / "run" if run == "run" else run
    with pytest.raises(InvalidArgumentError, match=says):
        Trainer(config, where)  # type: ignore[arg-type]
    assert not (tmp_path / "run").exists()


@pytest.mark.parametrize("run_as", [str, Path, RunDir])
def test_a_mapping_and_a_path_are_taken_as_the_seed_writes_them(
    tmp_path: Path, run_as: type
) -> None:
    trainer = Trainer({"env": "CartPole-v1", "real_steps": 200}, run_as(tmp_path / "run"))
    assert isinstance(trainer.config, TrainConfig)
    assert trainer.config.env == "CartPole-v1"
    assert trainer.run_dir.path == tmp_path / "run"
