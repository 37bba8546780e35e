"""A deployment (a packet or a retrained policy) that evaluates no better than the deployed one
on the same episodes is rolled back (``keep_best``).

The evaluation is scripted (a regression on purpose); everything else is the real loop."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from plasma.train.config import TrainConfig
from plasma.train.evaluate import EvalResult, load_deployed_policy
from plasma.train.loop import Trainer

from .conftest import train_small as _train_small


def train_small(tmp_path: Path, **settings: Any) -> Any:
    """The scripted evaluations stand for real episodes here: the rule for those (a tie keeps the
    incumbent; ``eval_in_model``'s rule is in test_deploy_rule)."""
    return _train_small(tmp_path, eval_in_model=False, **settings)


def scripted(returns: list[float | list[float]], batches: list[int] | None = None) -> Any:
    """Evaluations that return, in call order, the given episode returns (a number: two equal
    episodes, so that keep-best's comparison is settled at once); ``batches`` records the batch
    of each call."""
    calls = iter(returns)

    def evaluate(self: Trainer, policy: Any, seed: int, batch: int = 0) -> EvalResult:
        value = next(calls)
        episodes = [value, value] if isinstance(value, float) else value
        if batches is not None:
            batches.append(batch)
        return EvalResult(
            episodes=len(episodes), mean_return=float(np.mean(episodes)), std_return=0.0,
            mean_length=1.0, returns=episodes, lengths=[1] * len(episodes), steps=1,
            terminated_rate=0.0,
        )  # fmt: skip

    return evaluate


@pytest.mark.parametrize("keep_best", [True, False])
def test_a_worse_packet_is_rolled_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, keep_best: bool
) -> None:
    # with keep_best the deployed policy runs the challenger's episodes again after it
    script: list[float | list[float]] = (
        [-500.0, -100.0, -480.0, -900.0, -110.0] if keep_best else [-500.0, -100.0, -900.0]
    )
    monkeypatch.setattr(Trainer, "_run_episodes", scripted(script))
    run, state = train_small(tmp_path, keep_best=keep_best)
    rows = run.read_metrics()
    assert [r["eval_mean_return"] for r in rows] == [-500.0, -100.0, -900.0]
    # the "lora" schedule: a base policy first, then a packet per iteration
    assert rows[0]["packet"] is None
    assert rows[1]["packet"]
    assert rows[2]["packet"]
    assert len(state.packets) == 2
    if keep_best:
        assert "rolled_back_to" not in rows[1]  # better than the bare base: kept
        assert rows[2]["rolled_back_to"] == rows[1]["active_packet"] == state.active_packet
        assert [r.get("incumbent_return") for r in rows] == [None, -480.0, -110.0]
        # the kept packet's return pools its two measurements
        assert [r["deployed_return"] for r in rows] == [-500.0, -100.0, -105.0]
        assert [r["deployed_episodes"] for r in rows] == [2, 2, 4]
        assert state.last_eval_return == -105.0
    else:
        assert state.active_packet == state.packets[-1]
        assert state.last_eval_return == -900.0
    # what plasma-eval loads is the deployed packet on the base
    deployed, packet_dir = load_deployed_policy(run)
    assert packet_dir is not None
    assert packet_dir.endswith(str(state.active_packet))
    obs = np.array([0.3, -0.9, 0.5], np.float32)
    assert deployed.act(obs).shape == (1,)


def test_a_worse_retrained_policy_is_rolled_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the "full" schedule retrains the policy every iteration: no packets, a new policy each time
    monkeypatch.setattr(
        Trainer, "_run_episodes", scripted([-500.0, -100.0, -500.0, -900.0, -100.0])
    )
    run, state = train_small(tmp_path, distill_schedule="full")
    rows = run.read_metrics()
    assert len({r["policy_dir"] for r in rows[:2]}) == 2
    assert "rolled_back_to" not in rows[1]
    assert rows[2]["rolled_back_to"] == rows[1]["policy_dir"] == state.policy_dir
    assert rows[2]["policy_dir"] == rows[1]["policy_dir"]
    assert state.packets == []
    assert state.last_eval_return == -100.0
    assert state.eval_steps == 5  # the incumbent's episodes count as real steps too
    # plasma-eval loads the policy of iteration 1, also mirrored at the top of the run
    _, packet_dir = load_deployed_policy(run)
    assert packet_dir is None
    iteration_1 = (run.path / rows[1]["policy_dir"] / "policy.safetensors").read_bytes()
    assert (run.path / "policy" / "policy.safetensors").read_bytes() == iteration_1


def test_a_tie_keeps_the_earlier_deployment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a challenger that only ties the best (a task's maximum return, say) is not swapped in
    monkeypatch.setattr(Trainer, "_run_episodes", scripted([500.0, 500.0, 500.0]))
    run, state = train_small(tmp_path, iterations=2, real_steps=120, distill_schedule="full")
    rows = run.read_metrics()
    assert rows[1]["rolled_back_to"] == rows[0]["policy_dir"] == state.policy_dir


def test_a_lucky_earlier_draw_does_not_keep_the_incumbent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # iteration 1's policy drew -100 once; run again on iteration 2's episodes it makes -200,
    # and the challenger's -150 on those same episodes is better: it is deployed, though it is
    # below the incumbent's first (lucky) draw
    script: list[float | list[float]] = [-500.0, -100.0, -500.0, -150.0, -200.0]
    monkeypatch.setattr(Trainer, "_run_episodes", scripted(script))
    run, state = train_small(tmp_path, distill_schedule="full")
    rows = run.read_metrics()
    assert "rolled_back_to" not in rows[2]
    assert state.policy_dir == rows[2]["policy_dir"] != rows[1]["policy_dir"]
    assert state.last_eval_return == -150.0


def test_a_comparison_within_the_noise_runs_more_batches_of_episodes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # iteration 1: the challenger and the incumbent differ by +12 and +4 on their two paired
    # episodes (a mean of 2 standard errors: not settled); on the next batch by +10 and +9: the
    # mean of the four, 8.75, is 5 standard errors, so the challenger is deployed
    batches: list[int] = []
    script: list[float | list[float]] = [
        [-500.0, -500.0],  # iteration 0
        [-100.0, -110.0], [-112.0, -114.0],  # iteration 1, batch 0: challenger, incumbent
        [-100.0, -101.0], [-110.0, -110.0],  # batch 1
    ]  # fmt: skip
    monkeypatch.setattr(Trainer, "_run_episodes", scripted(script, batches))
    run, state = train_small(tmp_path, iterations=2, real_steps=120, distill_schedule="full")
    rows = run.read_metrics()
    assert batches == [0, 0, 0, 1, 1]
    assert "rolled_back_to" not in rows[1]
    assert rows[1]["compared_episodes"] == 4
    assert rows[1]["deployed_return"] == pytest.approx(np.mean([-100, -110, -100, -101]))
    assert rows[1]["incumbent_return"] == pytest.approx(np.mean([-112, -114, -110, -110]))
    assert state.eval_steps == 5  # every evaluation's steps count, the further batches too


def test_the_old_name_of_the_setting_is_accepted() -> None:
    assert TrainConfig.model_validate({"keep_best_packet": False}).keep_best is False
