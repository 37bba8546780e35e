"""Issue 12, stop 36: the checker's line of "correct" drawn from more real episodes than the
calibration's (``calibrate(line_data=...)``, ``LocalValidation.pool_line``). The line is a share
of a spread a few episodes know only roughly; the local detectors flag a step only beyond the
line's upper bound, which more episodes bring in. Only the line moves: the index and its fits
stay the calibration's."""

from __future__ import annotations

import numpy as np

from plasma.auditor.calibration import calibrate
from plasma.auditor.local import LocalValidation
from plasma.simulator.paths import PhantomPaths
from tests.support.episodes import pushed_episodes

RES = np.array([1e-4, 1e-4])


def _few() -> LocalValidation:
    return LocalValidation(pushed_episodes([2.0, 1.5], 500), resolution=RES, allowance=0.3)


def test_pool_line_keeps_the_pooled_line_and_nothing_else() -> None:
    local = LocalValidation(
        pushed_episodes([2.0, 1.5], 500), resolution=RES, allowance=0.3, confidence=2.33
    )
    many = pushed_episodes(list(np.tile([0.5, 1.0, 1.5, 2.0], 60)), 100, seed=1)
    expect = local.pooled_line(many)
    tolerance = local.tolerance.copy()
    assert local.pool_line(many)
    # From now on the line is the pooled one (the same rule as the replays' line)...
    np.testing.assert_allclose(local.allowance, expect[0])
    np.testing.assert_allclose(local.allowance_bound, expect[1])
    truth = 0.3 * float(np.std(many.next_obs - many.obs))
    assert abs(float(local.allowance[0]) - truth) < 0.05 * truth
    # ...and nothing else moved.
    np.testing.assert_array_equal(local.tolerance, tolerance)
    # Transitions of another state size are refused, the line kept.
    other = pushed_episodes([1.0], 50)
    other.obs = np.concatenate([other.obs, other.obs], 1)
    other.next_obs = np.concatenate([other.next_obs, other.next_obs], 1)
    assert not local.pool_line(other)
    np.testing.assert_allclose(local.allowance, expect[0])


def test_calibrate_draws_the_local_line_from_the_line_data() -> None:
    few = pushed_episodes([2.0, 1.5], 500)
    many = pushed_episodes(list(np.tile([0.5, 1.0, 1.5, 2.0], 60)), 100, seed=1)
    alone = calibrate(few)
    pooled = calibrate(few, line_data=many)
    assert alone.local is not None
    assert pooled.local is not None
    np.testing.assert_allclose(pooled.local.allowance, alone.local.pooled_line(many)[0])
    assert not np.allclose(pooled.local.allowance, alone.local.allowance)
    # The index's tolerances are the calibration's.
    np.testing.assert_array_equal(pooled.local.tolerance, alone.local.tolerance)


def test_a_step_off_by_more_than_the_known_line_is_flagged_only_once_the_line_is_known() -> None:
    # Two strong-push episodes: the calibration's line is drawn high. Steps off by
    # 1.3 of the population's line are within it; with the line drawn from many episodes they
    # are flagged.
    few = pushed_episodes([2.0, 2.0], 500)
    many = pushed_episodes(list(np.tile([0.5, 1.0, 1.5, 2.0], 60)), 100, seed=1)
    truth = 0.3 * float(np.std(many.next_obs - many.obs))
    rng = np.random.default_rng(3)
    n = 40
    obs = rng.normal(size=(n, 1)).astype(np.float32)
    act = rng.uniform(-1, 1, (n, 1)).astype(np.float32)
    nxt = obs + 0.1 * act + np.float32(1.3 * truth)
    paths = PhantomPaths(
        states=np.stack([obs, nxt], axis=1),
        actions=act[:, None, :],
        rewards=np.zeros((n, 1), np.float32),
    )
    alone = calibrate(few)
    pooled = calibrate(few, line_data=many)
    assert alone.local is not None
    assert pooled.local is not None
    before = alone.local.score(paths).physics
    after = pooled.local.score(paths).physics
    assert (before <= 1.0).mean() > 0.9
    assert (after > 1.0).mean() > 0.9
