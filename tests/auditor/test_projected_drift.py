"""``manifold_drift`` judges a drifted step from the state the env would take
(``LocalValidation.score(taken=...)``, ``LocalScores.projected``): a deviation the path
inherited below the line, plus the step's own error below it, can miss the real next state by
more than the line together; and a path already proven wrong keeps only the prefix whose steps
are *shown* right (``drift_cuts``)."""

from __future__ import annotations

import numpy as np
import pytest

from plasma.auditor import AdversarialChecker, Calibration, calibrate
from plasma.auditor.checker import project_states
from plasma.auditor.findings import Finding
from plasma.auditor.invariants import NormInvariant
from plasma.envs import Transitions
from plasma.simulator.paths import PathsMeta, PhantomPaths
from tests.support.pendulum import NAMES, PENDULUM, pendulum_step

from .physics import PendulumPhysics


class ChangeModel(PendulumPhysics):
    """The true equations' *change* of state, added to the state as given: what a model fitted
    on real transitions predicts off the circle (it has learned the change, smooth in cos and
    sin, and does not put the state back on the circle as the equations' angle does)."""

    def predict_mean(self, obs: np.ndarray, action: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        obs = np.asarray(obs, np.float64)
        nxt, reward = super().predict_mean(obs, action)
        on = obs.copy()
        on[:, :2] /= np.hypot(obs[:, 0], obs[:, 1])[:, None]
        return (obs + (nxt - on)).astype(np.float32), reward


@pytest.fixture(scope="module")
def trusted(held_out: Transitions) -> Calibration:
    """A calibration with the true equations' change as the model under audit and as the
    trusted reference (two precise witnesses)."""
    return calibrate(held_out, model=ChangeModel(), reference=ChangeModel())


def _steps(cal: Calibration, drift: float, error: float, n: int = 40) -> PhantomPaths:
    """One-step Pendulum paths near 45 degrees (where a radial deviation and a tangential error
    share both variables): the step starts ``drift`` x its line off the circle (radially, per
    variable), and its next state is the true one from the state the env takes (the angle's),
    as far off the circle, plus a tangential error of ``error`` x the line per variable. The
    step's change is then off by the tangential error only; the next state lies ``drift`` lines
    off the circle; from the taken state it misses by the two together in ``sin``."""
    rng = np.random.default_rng(5)
    th = np.pi / 4 + rng.uniform(-0.1, 0.1, n)
    dot = rng.uniform(-0.5, 0.5, n)
    u = rng.uniform(-1.0, 1.0, n)
    nth, ndot, reward = pendulum_step(th, dot, u)
    line = float(np.asarray(cal.local.allowance_bound)[:2].min())
    radial = np.sqrt(2.0) * drift * line
    start = np.stack([(1 + radial) * np.cos(th), (1 + radial) * np.sin(th), dot], axis=1)
    tangent = np.stack([-np.sin(nth), np.cos(nth)], axis=1)
    nxt = np.stack([(1 + radial) * np.cos(nth), (1 + radial) * np.sin(nth), ndot], axis=1)
    nxt[:, :2] += np.sqrt(2.0) * error * line * tangent
    states = np.stack([start, nxt], axis=1).astype(np.float32)
    return PhantomPaths(
        states,
        u.reshape(n, 1, 1).astype(np.float32),
        reward.reshape(n, 1).astype(np.float32),
        uncertainty=np.full((n, 1), 1e-3, np.float32),
        meta=PathsMeta(
            env_id=PENDULUM, state_names=NAMES, action_low=[-2.0], action_high=[2.0], mode="random"
        ),
    )


def _findings(paths: PhantomPaths, cal: Calibration) -> dict[str, set[int]]:
    out: dict[str, set[int]] = {}
    found: list[Finding] = AdversarialChecker(calibration=cal).check_paths(paths).findings
    for f in found:
        out.setdefault(f.detector, set()).add(f.path)
        if f.detector == "manifold_drift" and f.evidence.get("projected"):
            out.setdefault("projected", set()).add(f.path)
    return out


def test_an_inherited_drift_and_a_step_error_below_the_line_miss_by_more_together(
    trusted: Calibration,
) -> None:
    both = _findings(_steps(trusted, 0.6, 0.6), trusted)
    # Neither the step's change (a tangential error of 0.6 lines) nor the next state's distance
    # from the circle (0.6 lines) is beyond the line: no other detector sees the step.
    assert not both.keys() - {"manifold_drift", "projected"}
    # From the state the env takes, the next state misses by 1.2 lines in sin: every step is
    # proven wrong, and said to be so by the projected judgement.
    assert both["projected"] == set(range(40))
    # Either part alone is no proof.
    assert not _findings(_steps(trusted, 0.6, 0.0), trusted)
    assert not _findings(_steps(trusted, 0.0, 0.6), trusted)


def test_the_projected_judgement_needs_a_trusted_reference(
    trusted: Calibration, cal: Calibration
) -> None:
    # The same steps with one witness (the real data, no trusted reference): not judged so
    # (one witness's per-step tail, met at every step of a drifted path, would cut confirmed
    # paths); nothing else sees them either.
    paths = _steps(cal, 0.6, 0.6)
    assert not _findings(paths, cal)
    taken = project_states(
        paths.states[:, :-1].reshape(-1, 3).astype(np.float64),
        [NormInvariant(variables=["cos_theta", "sin_theta"], value=1.0)],
        NAMES,
    ).reshape(paths.num_paths, paths.horizon, 3)
    assert cal.local.score(paths, taken=taken).projected is None
    scores = trusted.local.score(paths, taken=taken)
    assert scores.projected is not None
    assert (scores.projected > 1.0).all()
    # The projected score is the step judged from the taken state: the same path rebased there
    # (its compounding-free score from the taken state) gives the same miss in the state
    # variables, the smaller of the two witnesses'.
    rebased = PhantomPaths(
        np.stack([taken[:, 0], paths.states[:, 1]], axis=1).astype(np.float32),
        paths.actions,
        paths.rewards,
        meta=paths.meta,
    )
    again = trusted.local.score(rebased)
    assert again.reference is not None
    expect = np.minimum(again.physics, again.reference)
    np.testing.assert_allclose(scores.projected, expect, rtol=1e-4)


def _true_miss(paths: PhantomPaths, allowance: np.ndarray) -> np.ndarray:
    """Per step of true Pendulum paths scaled off the circle: the next state's miss of the real
    one from the state the env takes (its radial offset, per variable), in allowances."""
    x = paths.states[:, 1:, :2].astype(np.float64)
    on = x / np.linalg.norm(x, axis=2, keepdims=True)
    return np.asarray((np.abs(x - on) / allowance[:2]).max(axis=2), np.float64)


def test_a_proven_path_keeps_only_steps_shown_right(cal: Calibration) -> None:
    from .test_manifold_drift import _drift, _drifting

    allowance = np.asarray(cal.local.allowance, np.float64)
    line = float(np.asarray(cal.local.allowance_bound[:2]).min())
    paths = _drifting(line / 7)
    miss = _true_miss(paths, allowance)
    drift = _drift(paths, cal)
    assert {f.path for f in drift} == set(range(30))
    kept = [miss[f.path, : f.step].max() for f in drift]
    # Each kept step is shown right: its miss plus the estimate's own bound (the fit's error
    # there and the line's uncertainty) within the allowance, so no kept step comes near the
    # line (a step estimated just under the allowance is kept by "more likely right").
    assert max(kept) < 0.9
    # The cut still keeps the steps that are right: the drift starts after the fifth step, and
    # every path keeps at least those.
    assert all(f.step >= 5 for f in drift)
    # The estimate's bound is the part of the score's limit beyond the allowance.
    fitted, bound = cal.local.estimate(
        paths.states[:, 0].astype(np.float64), paths.actions[:, 0].astype(np.float64)
    )
    assert fitted.shape == bound.shape == (30, 4)
    assert (bound > 0).all()
    assert (bound[:, :3] < allowance[:3]).all()
