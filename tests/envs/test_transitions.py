"""Transitions: validation, the .npz file format, combining and episode returns."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from plasma.envs import Transitions
from plasma.envs.transitions import ARRAY_NAMES
from plasma.errors import InvalidArgumentError, ShapeError
from tests.support.npz import with_lying_header


def _batch(n: int = 6, s: int = 3, a: int = 1, *, seed: int = 0) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    obs = rng.normal(size=(n, s)).astype(np.float32)
    next_obs = np.concatenate([obs[1:], rng.normal(size=(1, s))]).astype(np.float32)
    return {
        "obs": obs,
        "action": rng.uniform(-1, 1, size=(n, a)).astype(np.float32),
        "reward": rng.normal(size=n).astype(np.float32),
        "next_obs": next_obs,
        "terminated": np.zeros(n, dtype=bool),
        "truncated": np.zeros(n, dtype=bool),
    }


def _make(arrays: dict[str, Any], **meta: Any) -> Transitions:
    return Transitions(**arrays, **meta)


def _assert_same(a: Transitions, b: Transitions) -> None:
    for name in ARRAY_NAMES:
        x, y = getattr(a, name), getattr(b, name)
        assert x.dtype == y.dtype, name
        np.testing.assert_array_equal(x, y, err_msg=name)
    assert a.meta == b.meta


def test_construction_converts_and_describes() -> None:
    arrays = _batch()
    arrays["obs"] = arrays["obs"].astype(np.float64)
    arrays["terminated"] = np.array([0, 0, 1, 0, 0, 0])
    t = _make(arrays, env_id="Pendulum-v1", state_names=["a", "b", "c"], variant={"g": 12})
    assert len(t) == 6
    assert t.obs.dtype == np.float32
    assert t.terminated.dtype == np.bool_
    assert t.state_dim == 3
    assert t.action_dim == 1
    assert not t.is_discrete
    assert t.meta == {
        "env_id": "Pendulum-v1",
        "variant": {"g": 12.0},
        "state_names": ["a", "b", "c"],
        "n_actions": None,
    }
    assert t.done.tolist() == [False, False, True, False, False, False]
    assert "n=6" in repr(t)
    assert _make(_batch(s=2)).state_names == ["x0", "x1"]


@pytest.mark.parametrize(
    ("name", "value", "match"),
    [
        ("obs", np.zeros((6,), np.float32), r"obs has shape \(6,\); expected \(N, S\)"),
        ("obs", np.zeros((6, 0), np.float32), r"obs has shape \(6, 0\)"),
        (
            "action",
            np.zeros(6, np.float32),
            r"action has shape \(6,\); expected \(6, A\).*\[:, None\]",
        ),
        ("action", np.zeros((5, 1), np.float32), r"action has shape \(5, 1\); expected \(6, A\)"),
        ("reward", np.zeros((6, 1), np.float32), r"reward has shape \(6, 1\); expected \(6,\)"),
        (
            "next_obs",
            np.zeros((6, 2), np.float32),
            r"next_obs has shape \(6, 2\); expected \(6, 3\)",
        ),
        ("terminated", np.zeros(5, bool), r"terminated has shape \(5,\); expected \(6,\)"),
        ("truncated", np.zeros((6, 1), bool), r"truncated has shape \(6, 1\); expected \(6,\)"),
        ("terminated", np.full(6, 0.5), "terminated has dtype float64; expected bool"),
        ("terminated", np.full(6, 2), "expected bool"),
        ("obs", np.full((6, 3), "a"), "obs has dtype <U1; expected float32"),
        ("reward", np.ones(6, dtype=bool), "reward has dtype bool"),
        ("action", np.ones((6, 1), dtype=np.complex64), "action has dtype complex64"),
    ],
)
def test_shape_and_dtype_errors_name_the_array(name: str, value: Any, match: str) -> None:
    arrays = _batch()
    arrays[name] = value
    with pytest.raises(ShapeError, match=match):
        _make(arrays)


@pytest.mark.parametrize("name", ["obs", "action", "reward", "next_obs"])
@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_non_finite_values_are_rejected(name: str, bad: float) -> None:
    arrays = _batch()
    arrays[name] = arrays[name].copy()
    arrays[name].reshape(-1)[4] = bad
    with pytest.raises(InvalidArgumentError, match=f"{name} has 1 non-finite"):
        _make(arrays)


def test_float64_overflow_is_caught() -> None:
    arrays = _batch()
    arrays["reward"] = np.full(6, 1e300)
    with pytest.raises(InvalidArgumentError, match="reward has 6 non-finite"):
        _make(arrays)


def test_metadata_validation() -> None:
    with pytest.raises(InvalidArgumentError, match="state_names must be 3 strings"):
        _make(_batch(), state_names=["a", "b"])
    with pytest.raises(InvalidArgumentError, match="duplicates"):
        _make(_batch(), state_names=["a", "a", "b"])
    with pytest.raises(InvalidArgumentError, match="not finite"):
        _make(_batch(), variant={"g": float("nan")})
    with pytest.raises(InvalidArgumentError, match="n_actions"):
        _make(_batch(), n_actions=0)


def test_discrete_actions_must_be_indices() -> None:
    arrays = _batch()
    arrays["action"] = np.array([[0], [1], [1], [0], [1], [0]], dtype=np.float32)
    assert _make(arrays, n_actions=2).is_discrete
    arrays["action"] = np.array([[0], [1], [2], [0], [1], [0]], dtype=np.float32)
    with pytest.raises(InvalidArgumentError, match=r"action\[2\] = 2.0 is not a discrete"):
        _make(arrays, n_actions=2)
    arrays["action"] = np.full((6, 1), 0.5, dtype=np.float32)
    with pytest.raises(InvalidArgumentError, match="not a discrete action index"):
        _make(arrays, n_actions=2)
    arrays["action"] = np.zeros((6, 2), dtype=np.float32)
    with pytest.raises(ShapeError, match="for discrete actions"):
        _make(arrays, n_actions=2)


def test_empty_batch_is_allowed() -> None:
    t = Transitions(
        np.zeros((0, 2)), np.zeros((0, 1)), np.zeros(0), np.zeros((0, 2)), np.zeros(0, bool),
        np.zeros(0, bool),
    )  # fmt: skip
    assert len(t) == 0
    assert t.episode_returns().shape == (0,)


# ----------------------------------------------------------------------- files


def test_save_load_round_trip(tmp_path: Path) -> None:
    arrays = _batch(n=50, s=4, a=2)
    arrays["terminated"][[9, 30]] = True
    arrays["truncated"][40] = True
    t = _make(arrays, env_id="Foo-v0", variant={"g": 12.5}, state_names=list("abcd"))
    path = t.save(tmp_path / "data.npz")
    assert path == tmp_path / "data.npz"
    assert sorted(os.listdir(tmp_path)) == ["data.npz"]  # no temporary file left behind
    loaded = Transitions.load(path)
    _assert_same(t, loaded)
    # A plain numpy reader sees ordinary arrays and a JSON string, without pickle.
    with np.load(path, allow_pickle=False) as data:
        assert set(data.files) == {*ARRAY_NAMES, "meta"}
        assert data["meta"].dtype.kind == "U"


def test_save_load_discrete(tmp_path: Path) -> None:
    arrays = _batch()
    arrays["action"] = np.array([[0], [2], [1], [0], [1], [2]], dtype=np.float32)
    t = _make(arrays, n_actions=3)
    loaded = Transitions.load(t.save(str(tmp_path / "d.npz")))
    assert loaded.n_actions == 3
    _assert_same(t, loaded)


def test_save_replaces_atomically(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "data.npz"
    old = _make(_batch(seed=1))
    old.save(path)
    new = _make(_batch(seed=2))
    new.save(path)
    _assert_same(new, Transitions.load(path))

    def explode(*args: Any, **kwargs: Any) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(np, "savez", explode)
    with pytest.raises(OSError, match="disk full"):
        old.save(path)
    _assert_same(new, Transitions.load(path))  # the previous file is intact
    assert sorted(os.listdir(tmp_path)) == ["data.npz"]


def test_load_missing_file(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        Transitions.load(tmp_path / "nope.npz")


def test_load_truncated_file(tmp_path: Path) -> None:
    path = _make(_batch(n=200)).save(tmp_path / "data.npz")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(InvalidArgumentError, match=r"data\.npz is not a readable \.npz archive"):
        Transitions.load(path)


def test_load_corrupt_member(tmp_path: Path) -> None:
    path = _make(_batch(n=200)).save(tmp_path / "data.npz")
    data = bytearray(path.read_bytes())
    start = data.index(b"obs.npy") + 200  # inside the obs member's bytes
    data[start : start + 64] = bytes(64)
    path.write_bytes(bytes(data))
    with pytest.raises(InvalidArgumentError, match=r"corrupt|not a readable"):
        Transitions.load(path)


def test_load_garbage_and_other_formats(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.npz"
    garbage.write_bytes(b"this is not an archive at all")
    with pytest.raises(InvalidArgumentError, match="not a readable"):
        Transitions.load(garbage)

    single = tmp_path / "single.npy"
    np.save(single, np.zeros(3))
    with pytest.raises(InvalidArgumentError, match="single array"):
        Transitions.load(single)

    pickled = tmp_path / "pickled.npz"
    np.savez(pickled, obs=np.array([{"a": 1}], dtype=object))
    with pytest.raises(InvalidArgumentError, match="missing"):
        Transitions.load(pickled)


def test_load_object_array_is_refused_without_unpickling(tmp_path: Path) -> None:
    arrays: dict[str, Any] = dict(_batch())
    arrays["obs"] = np.array([object()] * 6, dtype=object)
    path = tmp_path / "objects.npz"
    np.savez(path, **arrays, meta=np.array("{}"))
    with pytest.raises(InvalidArgumentError, match="corrupt"):
        Transitions.load(path)


def test_load_missing_arrays(tmp_path: Path) -> None:
    path = tmp_path / "partial.npz"
    arrays = _batch()
    np.savez(path, obs=arrays["obs"], reward=arrays["reward"])
    with pytest.raises(InvalidArgumentError) as info:
        Transitions.load(path)
    message = str(info.value)
    for name in ("action", "next_obs", "terminated", "truncated", "meta"):
        assert name in message


def test_load_bad_meta(tmp_path: Path) -> None:
    arrays: dict[str, Any] = _batch()
    cases = {
        "notjson": np.array("{not json"),
        "wrongformat": np.array('{"format": "other"}'),
        "version": np.array('{"format": "plasma.transitions", "version": 99}'),
        "fields": np.array('{"format": "plasma.transitions", "version": 1, "env_id": 3}'),
        "numeric": np.array(3.0),
    }
    for name, meta in cases.items():
        path = tmp_path / f"{name}.npz"
        np.savez(path, **arrays, meta=meta)
        with pytest.raises(InvalidArgumentError, match=name + r"\.npz"):
            Transitions.load(path)


def test_load_bad_shapes_name_the_file(tmp_path: Path) -> None:
    t = _make(_batch())
    path = t.save(tmp_path / "t.npz")
    with np.load(path) as data:
        arrays: dict[str, Any] = {name: data[name] for name in data.files}
    arrays["reward"] = arrays["reward"][:3]
    bad = tmp_path / "bad.npz"
    np.savez(bad, **arrays)
    with pytest.raises(ShapeError, match=r"bad\.npz: reward has shape \(3,\)"):
        Transitions.load(bad)


_ROWS = st.integers(0, 12)


@st.composite
def _transitions(draw: st.DrawFn) -> Transitions:
    n = draw(_ROWS)
    s = draw(st.integers(1, 4))
    a = draw(st.integers(1, 3))
    finite = st.floats(-1e6, 1e6, allow_nan=False, width=32)
    obs = draw(hnp.arrays(np.float32, (n, s), elements=finite))
    next_obs = draw(hnp.arrays(np.float32, (n, s), elements=finite))
    action = draw(hnp.arrays(np.float32, (n, a), elements=finite))
    reward = draw(hnp.arrays(np.float32, (n,), elements=finite))
    terminated = draw(hnp.arrays(np.bool_, (n,)))
    truncated = draw(hnp.arrays(np.bool_, (n,)))
    names = draw(st.lists(st.text(min_size=1, max_size=8), min_size=s, max_size=s, unique=True))
    variant = draw(st.dictionaries(st.text(max_size=6), st.floats(0.1, 100.0), max_size=3))
    env_id = draw(st.text(max_size=20))
    return Transitions(
        obs, action, reward, next_obs, terminated, truncated,
        env_id=env_id, variant=variant, state_names=names,
    )  # fmt: skip


@settings(max_examples=40, deadline=None)
@given(_transitions())
def test_round_trip_property(t: Transitions) -> None:
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "t.npz"
        _assert_same(t, Transitions.load(t.save(path)))


# ----------------------------------------------------------------------- combining


def test_concat() -> None:
    a = _make(_batch(n=3, seed=1), env_id="E", state_names=["p", "q", "r"])
    b = _make(_batch(n=4, seed=2), env_id="E", state_names=["p", "q", "r"])
    c = _make(_batch(n=2, seed=3), env_id="E", state_names=["p", "q", "r"])
    joined = a.concat(b, c)
    assert len(joined) == 9
    np.testing.assert_array_equal(joined.obs, np.concatenate([a.obs, b.obs, c.obs]))
    assert joined.meta == a.meta
    assert len(Transitions.concat(a)) == 3
    with pytest.raises(InvalidArgumentError, match="env_id: 'E' vs 'F'"):
        a.concat(_make(_batch(n=2), env_id="F", state_names=["p", "q", "r"]))
    with pytest.raises(InvalidArgumentError, match="variant"):
        a.concat(_make(_batch(n=2), env_id="E", state_names=["p", "q", "r"], variant={"g": 1}))
    with pytest.raises(InvalidArgumentError, match="state_names"):
        a.concat(_make(_batch(n=2), env_id="E"))
    with pytest.raises(ShapeError, match=r"A=1.*A=2"):
        a.concat(_make(_batch(n=2, a=2), env_id="E", state_names=["p", "q", "r"]))
    with pytest.raises(InvalidArgumentError, match="takes Transitions"):
        a.concat("b")  # type: ignore[arg-type]


def test_split() -> None:
    t = _make(_batch(n=100))
    train, holdout = t.split(0.2, seed=0)
    assert len(train) == 80
    assert len(holdout) == 20
    # Disjoint, complete, each in the original order.
    all_rewards = np.sort(np.concatenate([train.reward, holdout.reward]))
    np.testing.assert_array_equal(all_rewards, np.sort(t.reward))
    positions = [int(np.flatnonzero(t.reward == r)[0]) for r in holdout.reward]
    assert positions == sorted(positions)
    again = t.split(0.2, seed=0)[1]
    np.testing.assert_array_equal(again.obs, holdout.obs)
    assert len(_make(_batch(n=2)).split(0.01)[1]) == 1
    assert len(_make(_batch(n=2)).split(0.99)[0]) == 1
    for bad in (0.0, 1.0, -0.1, float("nan")):
        with pytest.raises(InvalidArgumentError, match="between 0 and 1"):
            t.split(bad)
    with pytest.raises(InvalidArgumentError, match="at least 2"):
        _make(_batch(n=1)).split(0.5)


def test_take() -> None:
    t = _make(_batch(n=5))
    np.testing.assert_array_equal(t.take([4, 0]).obs, t.obs[[4, 0]])
    assert len(t.take(np.array([True, False, True, False, False]))) == 2
    assert len(t.take([])) == 0
    with pytest.raises(InvalidArgumentError, match="bad indices"):
        t.take([7])
    with pytest.raises(ShapeError, match="mask"):
        t.take(np.array([True, False]))


def _chain(rewards: list[float], done_at: dict[int, str]) -> Transitions:
    """A continuous stream (next_obs[i] == obs[i+1] unless an episode ended at i)."""
    n = len(rewards)
    obs = np.arange(n, dtype=np.float32)[:, None]
    next_obs = obs + 1
    terminated = np.zeros(n, bool)
    truncated = np.zeros(n, bool)
    for i, kind in done_at.items():
        (terminated if kind == "term" else truncated)[i] = True
        next_obs[i] = 1000 + i  # the final observation, not the next episode's first
    return Transitions(obs, np.zeros((n, 1)), np.array(rewards), next_obs, terminated, truncated)


def test_episode_returns() -> None:
    t = _chain([1, 2, 3, 4, 5, 6, 7], {1: "term", 4: "trunc"})
    np.testing.assert_array_equal(t.episode_returns(), [3.0, 12.0])  # 6 + 7 still running
    assert t.episode_returns().dtype == np.float64
    assert _chain([1, 1], {}).episode_returns().shape == (0,)
    np.testing.assert_array_equal(_chain([2, 2], {1: "term"}).episode_returns(), [4.0])


def test_episode_returns_split_where_batches_were_joined() -> None:
    first = _chain([1, 1, 1], {0: "term"})  # ends mid-episode after 2 steps
    second = _chain([5, 5], {1: "term"})
    second.obs += 50
    second.next_obs += 50
    joined = first.concat(second)
    # The unfinished piece of `first` must not be glued to the episode of `second`.
    np.testing.assert_array_equal(joined.episode_returns(), [1.0, 10.0])


def test_a_header_that_claims_more_than_its_member_holds_is_refused_unallocated(
    tmp_path: Path,
) -> None:
    # Before: numpy allocated what the forged header declared (32 GB: a MemoryError, or the
    # host's memory) before finding the data short.
    good = Transitions(**_batch()).save(tmp_path / "good.npz")
    forged = with_lying_header(good, tmp_path / "forged.npz", "obs", (2**33,))
    with pytest.raises(InvalidArgumentError, match=r"array 'obs' declares 34,359,738,368 bytes"):
        Transitions.load(forged)


@pytest.mark.parametrize(("name", "dtype"), [("obs", np.int64), ("terminated", np.float32)])
def test_an_array_of_another_dtype_is_refused_not_cast(
    tmp_path: Path, name: str, dtype: type
) -> None:
    # Before: an int64 `obs` (say, truncated by another program) was cast back and trained on.
    good = Transitions(**_batch()).save(tmp_path / "good.npz")
    with np.load(good) as data:
        arrays = {k: data[k] for k in data.files}
    arrays[name] = arrays[name].astype(dtype)
    np.savez(tmp_path / "other.npz", **arrays)
    with pytest.raises(InvalidArgumentError, match=rf"array '{name}' is {np.dtype(dtype)}, not"):
        Transitions.load(tmp_path / "other.npz")
