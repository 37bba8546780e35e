"""PhantomPaths: validation, derived values, subsets and files."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plasma.errors import InvalidArgumentError, ShapeError
from plasma.simulator import PathsMeta, PhantomPaths
from tests.support.npz import with_lying_header


def make_paths(p: int = 4, h: int = 5, s: int = 3, a: int = 1, seed: int = 0) -> PhantomPaths:
    rng = np.random.default_rng(seed)
    dones = np.zeros((p, h), dtype=bool)
    dones[0, min(2, h - 1)] = True
    return PhantomPaths(
        states=rng.standard_normal((p, h + 1, s)),
        actions=rng.uniform(-2, 2, (p, h, a)),
        rewards=rng.standard_normal((p, h)),
        dones=dones,
        uncertainty=rng.uniform(0, 1, (p, h)),
        members=rng.integers(0, 5, p),
        action_labels=rng.uniform(-2, 2, (p, h, a)),
        meta=PathsMeta(env_id="Pendulum-v1", state_names=["a", "b", "c"][:s], mode="planner"),
    )


def test_derived_lengths_and_defaults() -> None:
    paths = make_paths()
    assert paths.lengths is not None
    assert paths.lengths.tolist() == [3, 5, 5, 5]
    assert paths.num_transitions == 18
    assert paths.states.dtype == np.float32
    assert paths.start_step is not None
    assert paths.start_step.tolist() == [0, 0, 0, 0]
    mask = paths.step_mask()
    assert mask[0].tolist() == [True, True, True, False, False]
    assert (len(paths), paths.horizon, paths.state_dim, paths.action_dim) == (4, 5, 3, 1)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("states", np.zeros((2, 1, 3)), r"states has shape \(2, 1, 3\), expected \(P, H\+1, S\)"),
        ("actions", np.zeros((4, 4, 1)), r"actions has shape \(4, 4, 1\), expected \(4, 5, A\)"),
        ("rewards", np.zeros((4,)), r"rewards has shape \(4,\), expected \(4, 5\)"),
        ("members", np.zeros(3), r"members has shape \(3,\), expected \(4,\)"),
        ("action_labels", np.zeros((4, 5, 2)), r"action_labels has shape"),
        ("states", "not an array", "cannot be read as a float32 array"),
    ],
)
def test_bad_shapes_name_the_array(field: str, value: object, message: str) -> None:
    paths = make_paths()
    fields = {
        "states": paths.states,
        "actions": paths.actions,
        "rewards": paths.rewards,
        "members": paths.members,
        "action_labels": paths.action_labels,
        field: value,
    }
    with pytest.raises(ShapeError, match=message):
        PhantomPaths(**fields)  # type: ignore[arg-type]


def test_lengths_out_of_range_are_refused() -> None:
    paths = make_paths()
    with pytest.raises(InvalidArgumentError, match=r"lengths must lie in \[0, 5\]"):
        PhantomPaths(paths.states, paths.actions, paths.rewards, lengths=np.full(4, 6))


def test_select_and_approved_paths() -> None:
    paths = make_paths()
    paths.approved = np.array([True, False, True, False])
    kept = paths.approved_paths()
    assert len(kept) == 2
    np.testing.assert_array_equal(kept.states, paths.states[[0, 2]])
    assert kept.lengths is not None
    assert kept.lengths.tolist() == [3, 5]
    with pytest.raises(ShapeError, match="mask has shape"):
        paths.select(np.array([True, False]))


def test_digest_tracks_content_not_the_verdict() -> None:
    paths = make_paths()
    before = paths.digest()
    paths.approved = np.ones(4, dtype=bool)
    assert paths.digest() == before
    paths.rewards[0, 0] += 1.0
    assert paths.digest() != before


def test_save_load_round_trip_keeps_nan(tmp_path: Path) -> None:
    paths = make_paths()
    paths.states[1, 2, 0] = np.nan  # the auditor must see it, so files keep it
    paths.approved = np.array([True, True, False, True])
    target = paths.save(tmp_path / "sub" / "paths.npz")
    back = PhantomPaths.load(target)
    assert back.meta == paths.meta
    assert back.digest() == paths.digest()
    assert back.approved is not None
    assert back.approved.tolist() == [True, True, False, True]
    assert [p.name for p in (tmp_path / "sub").iterdir()] == ["paths.npz"]  # no temp file left


def test_load_errors_are_clear(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="does not exist"):
        PhantomPaths.load(tmp_path / "absent.npz")
    broken = tmp_path / "broken.npz"
    make_paths().save(broken)
    broken.write_bytes(broken.read_bytes()[:100])
    with pytest.raises(InvalidArgumentError, match="not a readable paths file"):
        PhantomPaths.load(broken)
    plain = tmp_path / "plain.npz"
    np.savez(plain, states=np.zeros((1, 2, 1)))
    with pytest.raises(InvalidArgumentError, match="no meta_json"):
        PhantomPaths.load(plain)


@settings(max_examples=25, deadline=None)
@given(
    p=st.integers(1, 5), h=st.integers(1, 6), s=st.integers(1, 4), a=st.integers(1, 2),
    seed=st.integers(0, 1000),
)  # fmt: skip
def test_round_trip_property(
    p: int, h: int, s: int, a: int, seed: int, tmp_path_factory: pytest.TempPathFactory
) -> None:
    paths = make_paths(p, h, s, a, seed)
    target = paths.save(tmp_path_factory.mktemp("rt") / "p.npz")
    back = PhantomPaths.load(target)
    assert back.digest() == paths.digest()
    np.testing.assert_array_equal(back.returns(), paths.returns())


def test_a_header_that_claims_more_than_its_member_holds_is_refused(tmp_path: Path) -> None:
    # Before: a MemoryError (a traceback from plasma-audit, "the audit could not run") after
    # numpy tried to allocate the 32 GB the forged header declared.
    good = make_paths().save(tmp_path / "good.npz")
    forged = with_lying_header(good, tmp_path / "forged.npz", "states", (2**33,))
    with pytest.raises(InvalidArgumentError, match=r"array 'states' declares 34,359,738,368"):
        PhantomPaths.load(forged)
