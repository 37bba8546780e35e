"""The keep-best deployment rule alone, without a training loop: scripted evaluations in, the
decision and what the row records out."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from plasma.train.deploy import Challenge, Deployment, KeepBest, Standing
from plasma.train.evaluate import EvalResult
from plasma.train.row import IterationRow, check_row


def result(mean: float, episodes: int = 2, steps: int = 7) -> EvalResult:
    return EvalResult(
        episodes=episodes, mean_return=mean, std_return=0.0, mean_length=1.0,
        returns=[mean] * episodes, lengths=[1] * episodes, steps=steps, terminated_rate=0.0,
    )  # fmt: skip


class Scripted:
    """An incumbent whose rerun returns ``mean``; counts its reruns."""

    def __init__(self, mean: float, name: str = "packets/p.json") -> None:
        self.mean = mean
        self.reruns = 0
        self._name = name

    @property
    def name(self) -> str | None:
        return self._name

    async def rerun(self) -> EvalResult:
        self.reruns += 1
        return result(self.mean, episodes=2, steps=11)


def decide(
    rule: KeepBest,
    challenger: EvalResult | None,
    incumbent: Scripted,
    *,
    deployed_new: bool = True,
    last_row: dict[str, Any] | None = None,
) -> Deployment:
    return asyncio.run(rule(Challenge(challenger, deployed_new, last_row, incumbent)))


LAST = {"deployed_return": -100.0, "deployed_episodes": 4}


def test_a_better_challenger_is_deployed_after_the_incumbent_runs_its_episodes() -> None:
    incumbent = Scripted(-120.0)
    d = decide(KeepBest(), result(-110.0), incumbent, last_row=LAST)
    assert incumbent.reruns == 1
    assert not d.keep_incumbent
    assert (d.deployed_return, d.deployed_episodes) == (-110.0, 2)
    assert (d.incumbent_return, d.incumbent_eval_steps) == (-120.0, 11)
    row: IterationRow = {}
    d.record(row)
    assert row == {
        "deployed_return": -110.0,
        "deployed_episodes": 2,
        "incumbent_return": -120.0,
        "incumbent_eval_steps": 11,
    }


@pytest.mark.parametrize("challenger", [-130.0, -120.0])  # worse, and a tie
def test_a_challenger_no_better_is_rolled_back_and_the_incumbent_pools(challenger: float) -> None:
    d = decide(KeepBest(), result(challenger), Scripted(-120.0), last_row=LAST)
    assert d.keep_incumbent
    assert d.rolled_back_to == "packets/p.json"
    # the incumbent's standing (-100 over 4 episodes) pooled with its rerun (-120 over 2)
    assert d.deployed_episodes == 6
    assert d.deployed_return == pytest.approx((-100.0 * 4 - 120.0 * 2) / 6)
    row: IterationRow = {}
    d.record(row)
    assert list(row) == [
        "deployed_return",
        "deployed_episodes",
        "incumbent_return",
        "incumbent_eval_steps",
        "rolled_back_to",
    ]


def test_the_incumbent_acting_again_is_one_more_measurement_of_it() -> None:
    incumbent = Scripted(0.0)
    d = decide(KeepBest(), result(-40.0, episodes=4), incumbent, deployed_new=False, last_row=LAST)
    assert incumbent.reruns == 0
    assert not d.keep_incumbent
    assert (d.deployed_return, d.deployed_episodes) == (-70.0, 8)
    assert d.incumbent_return is None


@pytest.mark.parametrize(
    ("rule", "last_row"), [(KeepBest(enabled=False), LAST), (KeepBest(), None), (KeepBest(), {})]
)
def test_without_the_rule_or_a_standing_the_challenger_is_deployed_unmeasured(
    rule: KeepBest, last_row: dict[str, Any] | None
) -> None:
    incumbent = Scripted(1e9)
    d = decide(rule, result(-500.0), incumbent, last_row=last_row)
    assert incumbent.reruns == 0
    assert not d.keep_incumbent
    assert (d.deployed_return, d.deployed_episodes) == (-500.0, 2)


def test_no_evaluation_records_no_return() -> None:
    d = decide(KeepBest(), None, Scripted(0.0), last_row=LAST)
    assert d == Deployment(False, None, 0)


def test_a_standing_without_episodes_counts_the_challengers() -> None:
    assert Standing.of_row({"deployed_return": -3.0}, 5) == Standing(-3.0, 5)
    assert Standing.of_row({"deployed_return": None}, 5) is None
    assert Standing.pooled(None, result(-8.0, episodes=3)) == Standing(-8.0, 3)


def test_a_row_with_an_undeclared_key_is_refused() -> None:
    check_row({"iteration": 0, "eval_mean_return": None, "rolled_back_to": "policy"})
    with pytest.raises(KeyError, match="eval_mean_retrun"):
        check_row({"iteration": 0, "eval_mean_retrun": None})
