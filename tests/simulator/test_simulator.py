"""Simulator: the public API (docs/architecture.md) end to end on real Pendulum data, bad input,
overlap, spans."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import numpy as np
import pytest
import pytest_asyncio

from plasma.errors import InvalidArgumentError, NotStartedError, ShapeError
from plasma.simulator import PhantomPaths, Simulator, SimulatorConfig
from plasma.trace import StateTracker

FAST = {
    "warmup_steps": 600,
    "world_model": {"members": 3, "hidden": [64, 64], "max_epochs": 60, "patience": 8},
    "generator": {"planner": {"population": 32, "iterations": 2, "horizon": 8}},
}


# One simulator (one fit) serves the module's tests, on one event loop.
pytestmark = pytest.mark.asyncio(loop_scope="module")


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def simulator() -> AsyncIterator[Simulator]:
    sim = Simulator(FAST)
    await sim.start()
    yield sim
    await sim.stop()


async def test_seed_example_gives_planner_paths_with_labels(simulator: Simulator) -> None:
    paths = await simulator.simulate(initial_state={"step": 0}, num_paths=10, path_length=100)
    assert isinstance(paths, PhantomPaths)
    assert paths.states.shape == (10, 101, 3)
    assert paths.actions.shape == (10, 100, 1)
    assert paths.action_labels is not None
    assert paths.action_labels.shape == (10, 100, 1)
    assert np.isfinite(paths.states).all()
    assert (np.abs(paths.actions) <= 2.0 + 1e-6).all()
    assert paths.meta.env_id == "Pendulum-v1"
    assert paths.meta.mode == "planner"
    assert paths.meta.state_names == ["cos_theta", "sin_theta", "theta_dot"]
    assert simulator.real_steps == 600
    # Member sampling and noise make the paths diverse.
    assert len({tuple(np.round(p[-1], 3)) for p in paths.states}) > 1


async def test_partial_dict_and_step(simulator: Simulator) -> None:
    paths = await simulator.simulate({"theta_dot": 1.5, "step": 7}, num_paths=4, path_length=5)
    np.testing.assert_allclose(paths.states[:, 0, 2], 1.5)
    assert paths.start_step is not None
    assert paths.start_step.tolist() == [7] * 4


async def test_array_starts(simulator: Simulator) -> None:
    one = np.array([1.0, 0.0, 0.0], np.float32)
    paths = await simulator.simulate(one, num_paths=3, path_length=4, mode="random")
    np.testing.assert_array_equal(paths.states[:, 0], np.tile(one, (3, 1)))
    per_path = np.array([[1, 0, 0], [0, 1, 0]], np.float32)
    paths = await simulator.simulate(per_path, num_paths=2, path_length=4, mode="random")
    np.testing.assert_array_equal(paths.states[:, 0], per_path)
    paths = await simulator.simulate(None, num_paths=5, path_length=3, mode="random")
    assert paths.states.shape == (5, 4, 3)


async def test_same_seed_same_paths_and_another_seed_other_paths(simulator: Simulator) -> None:
    hanging = np.array([-1.0, 0.0, 0.0], np.float32)
    a = await simulator.simulate(hanging, num_paths=3, path_length=10, seed=5)
    b = await simulator.simulate(hanging, num_paths=3, path_length=10, seed=5)
    c = await simulator.simulate(hanging, num_paths=3, path_length=10, seed=6)
    assert a.digest() == b.digest()
    assert not np.array_equal(a.actions, c.actions)
    assert not np.array_equal(a.states[:, 1:], c.states[:, 1:])


async def test_consecutive_seeds_draw_unrelated_start_states(simulator: Simulator) -> None:
    # theta is given, theta_dot drawn for each path from the seed's stream.
    drawn = [
        (await simulator.simulate({"theta": 3.0}, 4, 1, mode="random", seed=seed)).states[:, 0, 2]
        for seed in (5, 6)
    ]
    assert len(set(drawn[0].tolist())) == 4
    assert not set(drawn[0].tolist()) & set(drawn[1].tolist())


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        (
            {"initial_state": np.zeros(4)},
            ShapeError,
            r"initial_state has shape \(4,\), expected \(3,\)",
        ),
        (
            {"initial_state": np.zeros((2, 3)), "num_paths": 3},
            ShapeError,
            r"expected \(3,\) or \(3, 3\)",
        ),
        ({"initial_state": [np.nan, 0.0, 0.0]}, InvalidArgumentError, "NaN"),
        ({"initial_state": {"speed": 1.0}}, InvalidArgumentError, "speed"),
        ({"num_paths": 0}, InvalidArgumentError, "num_paths = 0"),
        ({"path_length": -1}, InvalidArgumentError, "path_length = -1"),
        ({"mode": "dream"}, InvalidArgumentError, "mode = 'dream'"),
    ],
)
async def test_bad_input_names_the_argument(
    simulator: Simulator, kwargs: dict[str, object], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        await simulator.simulate(**kwargs)  # type: ignore[arg-type]


async def test_simulate_before_start_says_so() -> None:
    with pytest.raises(NotStartedError, match=r"await simulator.start\(\)"):
        await Simulator().simulate()


async def test_async_with_starts_and_stops(simulator: Simulator) -> None:
    async with Simulator(FAST, model=simulator.model) as sim:
        assert sim.started
        paths = await sim.simulate(num_paths=2, path_length=3)
        assert paths.states.shape == (2, 4, 3)
    assert not sim.started
    assert sim.env is None
    with pytest.raises(NotStartedError, match=r"Simulator.simulate\(\) needs `await simulator"):
        await sim.simulate(num_paths=2, path_length=3)


async def test_simulate_runs_off_the_event_loop(simulator: Simulator) -> None:
    ticks = 0
    done = asyncio.Event()

    async def ticker() -> None:
        nonlocal ticks
        while not done.is_set():
            ticks += 1
            await asyncio.sleep(0)

    async def work() -> list[PhantomPaths]:
        try:
            return list(
                await asyncio.gather(
                    *(simulator.simulate(None, num_paths=8, path_length=60) for _ in range(2))
                )
            )
        finally:
            done.set()

    results, _ = await asyncio.gather(work(), ticker())
    assert len(results) == 2
    assert ticks > 10  # the loop kept running while both rollouts computed


async def test_spans_record_fit_and_simulate() -> None:
    async with StateTracker() as tracker:
        sim = Simulator({**FAST, "warmup_steps": 300}, tracker=tracker)
        await sim.start()
        trace_id = sim.trace_id
        assert trace_id is not None
        await sim.simulate({"step": 0}, num_paths=2, path_length=3)
        await sim.stop()
        trace = tracker.get_trace(trace_id)
    start, simulate = trace.find("simulator.start")[0], trace.find("simulator.simulate")[0]
    fit = start.state["fit"]
    assert isinstance(fit, dict)
    assert fit["holdout_mse"] < fit["no_change_mse"]
    assert start.state["warmup_real_steps"] == 300
    assert simulate.state["num_paths"] == 2
    assert simulate.attributes["path_length"] == 3


async def test_config_rejects_unknown_keys() -> None:
    with pytest.raises(ValueError, match="warmup"):
        SimulatorConfig.model_validate({"warmup": 10})
