"""The state outcomes' smooth witness: real transitions that jump set apart (round 22b)."""

from __future__ import annotations

import numpy as np
import pytest

from plasma.auditor.local import LocalValidation, _jump_rows
from plasma.envs import Transitions, collect
from plasma.simulator.paths import PhantomPaths

from .exploits import WALL_PUCK

OPTIONS = {"allowance": 0.3, "false_alarm": 0.05}


def one_step(t: Transitions, next_obs: np.ndarray | None = None) -> PhantomPaths:
    nxt = t.next_obs if next_obs is None else next_obs
    return PhantomPaths(
        states=np.stack([t.obs, nxt], 1), actions=t.action[:, None], rewards=t.reward[:, None]
    )


@pytest.fixture(scope="module")
def puck() -> tuple[Transitions, Transitions]:
    """Random-action data of the wall puck (the puck bounces off its walls now and then), and
    held-out steps of the same kind."""
    return collect(WALL_PUCK, 2000, seed=5), collect(WALL_PUCK, 3000, seed=11)


def _velocity_flags(local: LocalValidation, steps: PhantomPaths) -> np.ndarray:
    scores = local.score(steps)
    return (scores.physics[:, 0] > 1.0) & np.isin(scores.physics_var[:, 0], (2, 3))


def _impacts(local: LocalValidation, t: Transitions) -> np.ndarray:
    """Held-out steps that jump by the calibration's own rule (the linear law's residual)."""
    law = local._law
    assert law is not None
    feats = np.concatenate([t.obs, t.action], 1).astype(np.float64)
    change = np.concatenate([t.next_obs - t.obs, t.reward[:, None]], 1)
    resid = np.abs(change - (law[0] + feats @ law[1:]))
    return _jump_rows(resid, local._spread, local.state_dim)


def test_the_puck_impacts_are_few_and_set_apart(puck: tuple[Transitions, Transitions]) -> None:
    real, _ = puck
    local = LocalValidation(real, **OPTIONS)
    assert local._smooth_witness is not None
    left = len(real.obs) - len(local._smooth_witness._features)
    # A bounce reverses a velocity: a change several spreads off the linear law, rare.
    assert 0 < left <= 0.05 * len(real.obs)
    assert LocalValidation(real, smooth_witness=False, **OPTIONS)._smooth_witness is None


def test_free_steps_near_an_impact_are_not_flagged_for_their_velocity(
    puck: tuple[Transitions, Transitions],
) -> None:
    # Exact real steps: with every transition, some free steps are flagged for a velocity's
    # change (an impact among their neighbours levers the local fit); with the smooth witness
    # as well, fewer, and the impacts themselves no more than before.
    real, held = puck
    every = LocalValidation(real, smooth_witness=False, **OPTIONS)
    both = LocalValidation(real, **OPTIONS)
    steps = one_step(held)
    impact = _impacts(both, held)
    before, after = _velocity_flags(every, steps), _velocity_flags(both, steps)
    # (On 2,978 held-out free steps: 56 -> 33.)
    assert before[~impact].sum() >= 40
    assert after[~impact].sum() <= 0.7 * before[~impact].sum()
    assert after[impact].sum() <= before[impact].sum()
    assert not (after & ~before).any()


def test_a_velocity_error_on_a_free_step_is_still_flagged(
    puck: tuple[Transitions, Transitions],
) -> None:
    # A y-velocity change three lines off: flagged on nearly every free step, as with every
    # transition alone (the smooth witness's own bound is calibrated the same way).
    real, held = puck
    every = LocalValidation(real, smooth_witness=False, **OPTIONS)
    both = LocalValidation(real, **OPTIONS)
    impact = _impacts(both, held)
    nxt = held.next_obs.copy()
    nxt[:, 3] += 3.0 * float(both.allowance_bound[3])
    wrong = one_step(held, nxt)
    after = _velocity_flags(both, wrong)[~impact].mean()
    before = _velocity_flags(every, wrong)[~impact].mean()
    assert after > 0.85
    assert after >= before - 0.03
