"""Each distillation of a run with Box actions refines the policy by the gradient of its imagined
return, and keeps the refined policy only where imagined episodes judge it better; a discrete
action space has no gradient to follow, so there is no refinement."""

from __future__ import annotations

import math
from pathlib import Path

from .conftest import train_small


def test_a_box_action_run_judges_a_refinement_in_every_distillation(tmp_path: Path) -> None:
    run, _ = train_small(tmp_path, iterations=2, real_steps=120)
    rows = run.read_metrics()
    assert len(rows) == 2
    for row in rows:
        before, after = row["refine_judged"]
        assert math.isfinite(before)
        assert math.isfinite(after)


def test_a_discrete_action_run_is_not_refined(tmp_path: Path) -> None:
    run, _ = train_small(tmp_path, env="CartPole-v1", iterations=2, real_steps=120)
    rows = run.read_metrics()
    assert len(rows) == 2
    assert all("refine_judged" not in row for row in rows)


def test_no_refinement_steps_no_refinement(tmp_path: Path) -> None:
    run, _ = train_small(
        tmp_path,
        iterations=1,
        real_steps=60,
        distiller={"training": {"updates": 20, "refine_updates": 0}},
    )
    assert all("refine_judged" not in row for row in run.read_metrics())
