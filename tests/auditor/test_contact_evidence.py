"""The smooth witness judges a step alone where its outcome is no contact (round 29)."""

from __future__ import annotations

import numpy as np
import pytest

from plasma.auditor.calibration import LOCAL_OPTIONS
from plasma.auditor.config import DetectorConfig
from plasma.auditor.local import LocalValidation
from plasma.envs import Transitions, collect

from .exploits import WALL_PUCK
from .test_smooth_witness import _impacts, one_step

OPTIONS = {"allowance": 0.3, "false_alarm": 0.05}


@pytest.fixture(scope="module")
def puck() -> tuple[LocalValidation, LocalValidation, Transitions, np.ndarray, np.ndarray]:
    """The wall puck's random-action data, its witnesses without and with contact evidence,
    held-out steps, which of them jump, and which have a jump among their real neighbours."""
    real, held = collect(WALL_PUCK, 2000, seed=5), collect(WALL_PUCK, 3000, seed=11)
    before = LocalValidation(real, **OPTIONS)
    after = LocalValidation(real, contact_evidence=True, **OPTIONS)
    assert after._contact_values is not None
    assert before._contact_values is None
    feats = np.concatenate([held.obs, held.action], 1).astype(np.float32)
    out = after.index.query(
        after._points(feats), k=after.k, ridge=after.ridge, values=after._contact_values
    )
    near = np.asarray(out["values"])[:, 0] > 0
    return before, after, held, _impacts(after, held), near


def test_contact_sizes_are_the_jumps_own(puck: tuple) -> None:
    _, after, _, _, _ = puck
    values = after._contact_values
    jump = values[:, 0] > 0
    assert 0 < jump.sum() <= 0.05 * len(values)
    # A jump misses the free-flight fit by several spreads; every other point has no size.
    assert (values[jump, 1] > 2.0).all()
    assert (values[~jump, 1] == 0).all()


@pytest.mark.parametrize("variable", [2, 3])
def test_a_velocity_error_beside_an_impact_is_flagged(puck: tuple, variable: int) -> None:
    # Free held-out steps with an impact among their real neighbours, a velocity's change 1.5
    # lines off: with both witnesses' smaller miss, the full fit's floor (its neighbours' mean
    # leave-one-out error, an impact's tens of allowances in it) lets most through (0.26-0.28
    # measured); judged by the smooth witness where the outcome is no contact, about 0.9.
    before, after, held, impact, near = puck
    free = near & ~impact
    assert free.sum() >= 100
    nxt = held.next_obs.copy()
    push = np.sign(held.next_obs[:, variable] - held.obs[:, variable] + 1e-9)
    nxt[:, variable] += 1.5 * float(after.allowance_bound[variable]) * push
    wrong = one_step(held, nxt)
    was = (before.score(wrong).physics[:, 0] > 1.0)[free].mean()
    now = (after.score(wrong).physics[:, 0] > 1.0)[free].mean()
    assert was < 0.5
    assert now > 0.8


def test_real_steps_are_not_flagged_more(puck: tuple) -> None:
    # Exact held-out steps, impacts and free steps beside them: no more flags than before.
    before, after, held, impact, near = puck
    steps = one_step(held)
    was = before.score(steps).physics[:, 0] > 1.0
    now = after.score(steps).physics[:, 0] > 1.0
    assert now[impact].sum() <= was[impact].sum()
    assert now[near & ~impact].sum() <= was[near & ~impact].sum() + 2
    assert now[~impact].mean() <= 0.05


def test_the_detectors_turn_it_on() -> None:
    assert LOCAL_OPTIONS["contact_evidence"] == "local_contact_evidence"
    assert DetectorConfig().local_contact_evidence is True
    assert DetectorConfig(local_contact_evidence=False).local_contact_evidence is False
