"""The keep-best deployment rule alone, without a training loop: scripted evaluations in, the
decision and what the row records out."""

from __future__ import annotations

import asyncio
from typing import Any

import numpy as np
import pytest

from plasma.train.deploy import Challenge, Deployment, KeepBest, Standing
from plasma.train.evaluate import EvalResult
from plasma.train.row import IterationRow, check_row


def result(
    mean: float, episodes: int = 2, steps: int = 7, returns: list[float] | None = None
) -> EvalResult:
    returns = [mean] * episodes if returns is None else returns
    return EvalResult(
        episodes=len(returns), mean_return=float(np.mean(returns)), std_return=0.0,
        mean_length=1.0, returns=returns, lengths=[1] * len(returns), steps=steps,
        terminated_rate=0.0,
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

    async def rerun(self, batch: int = 0) -> EvalResult:
        self.reruns += 1
        return result(self.mean, episodes=2, steps=11)


class Batches:
    """A contender whose batch ``b`` of episodes returns ``batches[b]``; records the batches."""

    def __init__(
        self, batches: list[list[float]], name: str = "policy", floor: float | None = None
    ) -> None:
        self.batches = batches
        self.ran: list[int] = []
        self.name = name
        self.floor = floor

    async def rerun(self, batch: int = 0) -> EvalResult:
        self.ran.append(batch)
        out = result(0.0, steps=10, returns=self.batches[batch])
        return out.model_copy(update={"worst_return": self.floor})


def decide(
    rule: KeepBest,
    challenger: EvalResult | None,
    incumbent: Scripted,
    *,
    deployed_new: bool = True,
    last_row: dict[str, Any] | None = None,
) -> Deployment:
    return asyncio.run(rule(Challenge(challenger, deployed_new, last_row, incumbent)))


NOISE = [[3.0, -3.0, 4.0], [-4.0, 2.0, -2.0], [5.0, -5.0, 1.0], [-1.0, 4.0, -4.0]]


def test_a_difference_within_the_noise_runs_more_episodes_until_it_is_settled_or_capped() -> None:
    # The challenger is 1 better on average, with a spread of about 4 per episode: no batch
    # settles it, so all four batches run, and the mean over the 12 paired episodes decides.
    incumbent = Batches([[-100.0 + n for n in b] for b in NOISE], name="packets/old.json")
    challenger = Batches([[-99.0 - n for n in b] for b in NOISE])
    first = asyncio.run(challenger.rerun(0))
    rule = KeepBest()
    d = asyncio.run(rule(Challenge(first, True, LAST, incumbent, challenger)))
    assert incumbent.ran == [0, 1, 2, 3]
    assert challenger.ran == [0, 1, 2, 3]
    assert d.compared_episodes == 12
    assert (d.incumbent_eval_steps, d.challenger_eval_steps) == (40, 30)
    assert not d.keep_incumbent
    assert d.deployed_episodes == 12
    # A clear difference is settled by the first batch; so are equal returns (a tie).
    for returns, keep in (([-80.0, -81.0, -79.0], False), ([-100.0] * 3, True)):
        flat = Batches([[-100.0, -100.0, -100.0]] * 4)
        d = asyncio.run(rule(Challenge(result(0.0, returns=returns), True, LAST, flat, flat)))
        assert flat.ran == [0]
        assert d.keep_incumbent is keep
        assert d.compared_episodes == 3
        assert d.challenger_eval_steps == 0


def test_the_rule_for_imagined_evaluations_compares_one_batch_and_a_tie_keeps_the_new() -> None:
    rule = KeepBest.for_evaluations(in_model=True)
    cases = (
        ([-100.0] * 3, False),  # a tie keeps the new deployment
        ([-101.0] * 3, True),  # lower on average: rolled back
        ([-99.0, -102.0, -100.0], True),  # lower mean, unclear: still rolled back, no rerun
        ([-80.0, -81.0, -79.0], False),
    )
    for returns, keep in cases:
        flat = Batches([[-100.0, -100.0, -100.0]] * 4)
        d = asyncio.run(rule(Challenge(result(0.0, returns=returns), True, LAST, flat, flat)))
        assert d.keep_incumbent is keep, returns
        assert flat.ran == [0]
        assert d.compared_episodes == 3
    # 1 worse on average with a spread of about 4: real episodes run every batch, imagined ones
    # decide on the first; both roll it back, and a tie is where they differ.
    for in_model, ran in ((True, [0]), (False, [0, 1, 2, 3])):
        incumbent = Batches([[-100.0 + n for n in b] for b in NOISE], name="packets/old.json")
        challenger = Batches([[-101.0 - n for n in b] for b in NOISE])
        first = asyncio.run(challenger.rerun(0))
        d = asyncio.run(
            KeepBest.for_evaluations(in_model=in_model)(
                Challenge(first, True, LAST, incumbent, challenger)
            )
        )
        assert incumbent.ran == ran
        assert d.keep_incumbent
    tie = Batches([[-100.0] * 3] * 4)
    for in_model, keep in ((True, False), (False, True)):
        d = asyncio.run(
            KeepBest.for_evaluations(in_model=in_model)(
                Challenge(result(0.0, returns=[-100.0] * 3), True, LAST, tie, tie)
            )
        )
        assert d.keep_incumbent is keep


def test_settled_reads_the_paired_differences_in_standard_errors() -> None:
    rule = KeepBest(confidence=2.0)
    assert not rule.settled(np.array([5.0]))
    assert rule.settled(np.array([0.0, 0.0, 0.0]))
    assert rule.settled(np.array([10.0, 11.0, 9.0]))
    assert not rule.settled(np.array([10.0, -8.0, 1.0]))


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


def test_imagined_evaluations_both_at_the_floor_are_a_tie() -> None:
    # Acrobot seed 1: every imagined episode of either policy at the 500-step floor, the new one
    # a point lower: the model sees neither reach the goal, so the newer policy stays.
    def at(mean: float, floor: float | None) -> EvalResult:
        return result(0.0, returns=[mean] * 3).model_copy(update={"worst_return": floor})

    rule = KeepBest.for_evaluations(in_model=True)
    for new, old, floor, keep in (
        (-501.9, -501.1, -500.0, False),  # both within 1% of the floor: a tie
        (-501.9, -470.0, -500.0, True),  # only the new one at the floor
        (-501.9, -501.1, None, True),  # no floor known: the means decide
    ):
        incumbent = Batches([[old] * 3] * 4, floor=floor)
        d = asyncio.run(rule(Challenge(at(new, floor), True, LAST, incumbent, incumbent)))
        assert d.keep_incumbent is keep, (new, old, floor)
    assert at(-495.0, -500.0).at_floor
    assert not at(-494.0, -500.0).at_floor
    assert not at(0.5, 0.0).at_floor
    assert at(0.0, 0.0).at_floor
