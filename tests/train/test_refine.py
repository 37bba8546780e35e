"""Each distillation of a run with Box actions refines the policy by the gradient of its imagined
return, and keeps the refined policy only where imagined episodes judge it better; a discrete
action space has no gradient to follow, so there is no refinement."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from plasma.train import loop
from plasma.train.recipe import refinement_due

from .conftest import train_small


def test_a_box_action_run_judges_a_refinement_when_one_is_due(tmp_path: Path) -> None:
    run, _ = train_small(tmp_path, iterations=3, real_steps=180)
    rows = run.read_metrics()
    assert len(rows) == 3
    for i, row in enumerate(rows):
        assert ("refine_judged" in row) == refinement_due(rows[:i], i)
        if "refine_judged" in row:
            before, after = row["refine_judged"]
            assert math.isfinite(before)
            assert math.isfinite(after)
    assert "refine_judged" in rows[0]


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


def _rows(*judged: tuple[int, bool]) -> list[dict[str, object]]:
    """Committed rows: (iteration, whether its refinement was kept)."""
    return [
        {"iteration": i, "refine_judged": [0.0, 1.0] if kept else [1.0, 0.0]} for i, kept in judged
    ]


def test_refinement_waits_longer_after_each_one_undone_and_resumes_after_one_kept() -> None:
    assert refinement_due([], 0)
    assert refinement_due(_rows((0, True)), 1)
    undone_once = _rows((0, True), (1, False))
    assert [refinement_due(undone_once, i) for i in (2, 3)] == [False, True]
    undone_twice = [*undone_once, *_rows((3, False))]
    assert [refinement_due(undone_twice, i) for i in (4, 5, 6, 7)] == [False, False, False, True]
    kept_again = [*undone_twice, *_rows((7, True))]
    assert refinement_due(kept_again, 8)
    # rows of iterations that did not refine (no "refine_judged") do not count either way
    assert refinement_due([*kept_again, {"iteration": 8}], 9)


def test_a_model_the_auditor_found_exploitable_is_not_refined_against(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Isolates the path: every batch's red-team probe reports the model exploitable.
    monkeypatch.setattr(loop, "exploitable", lambda report: True)
    run, _ = train_small(tmp_path, iterations=1, real_steps=60)
    (row,) = run.read_metrics()
    assert row["distill_note"].startswith("the auditor found the model exploitable")
    assert "refine_judged" not in row
