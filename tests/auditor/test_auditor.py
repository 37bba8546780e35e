"""The Auditor: lifecycle, calibration, verdicts, replays, truncation, spans, trajectories."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from plasma import StateTracker
from plasma.auditor import (
    Auditor,
    AuditReport,
    Calibration,
    TrajectoryFormatError,
    UnknownEnvironmentError,
)
from plasma.envs import Transitions
from plasma.errors import InvalidArgumentError, NotStartedError, ShapeError
from plasma.simulator.paths import PathsMeta, PhantomPaths
from tests.auditor.conftest import plant
from tests.support.pendulum import pendulum_physics_paths


async def test_must_be_started(honest_paths: PhantomPaths) -> None:
    auditor = Auditor()
    with pytest.raises(NotStartedError, match="start"):
        await auditor.audit_paths(honest_paths)
    async with auditor:
        assert auditor.started
        assert len(auditor.rules.rules) > 10
    assert not auditor.started


async def test_planted_paths_are_rejected_and_recorded_on_the_paths(
    pendulum_real: Transitions, honest_paths: PhantomPaths
) -> None:
    where = plant(honest_paths)
    config = {"review": {"max_rejected_fraction": 0.5, "max_replays": 64}}
    async with Auditor(config) as auditor:
        await auditor.calibrate(pendulum_real)
        report = await auditor.audit_paths(honest_paths)
    assert isinstance(report, AuditReport)
    assert report["overall_status"] == report.overall_status == "APPROVED"
    assert report["passed"] is True
    assert "overall_status" in report
    assert report.get("nope", 1) == 1
    with pytest.raises(KeyError):
        report["nope"]
    rejected = {v.index for v in report.verdicts if v.status == "REJECTED"}
    assert rejected == set(where.values())
    assert honest_paths.approved is not None
    assert honest_paths.approved.tolist() == report.approved
    assert honest_paths.approved_paths().num_paths == 40 - len(where)
    teleport = report.verdicts[where["teleport"]]
    assert teleport.first_critical_step == 11
    assert any("more in one step" in r for r in teleport.reasons)
    assert report.replay is not None
    assert report.replay.replayed == 39  # the NaN path is not replayable
    replay_paths = {f.path for f in report.findings if f.source == "replay"}
    assert where["teleport"] in replay_paths
    assert replay_paths <= set(where.values())
    assert report.counts["state_jump"] >= 1
    assert report.severity_counts["critical"] >= 3
    assert report.calibration is not None
    assert report.calibration["source"] == "given"
    assert report.digest == honest_paths.digest()
    assert report.transitions == 40 * 30 - 0
    assert "3 of 40" not in " ".join(report.reasons)
    json.loads(report.model_dump_json())


async def test_batch_is_rejected_when_too_many_paths_are(
    pendulum_cal: Calibration, honest_paths: PhantomPaths
) -> None:
    plant(honest_paths)
    async with Auditor({"review": {"max_rejected_fraction": 0.1}}, calibration=pendulum_cal) as a:
        report = await a.audit_paths(honest_paths, replay=False)
    assert report.overall_status == "REJECTED"
    assert not report.passed
    assert report.reasons[0].startswith("6 of 40 items rejected")
    assert report.replay is None


async def test_uncalibrated_auditor_calibrates_itself_and_says_so(
    honest_paths: PhantomPaths,
) -> None:
    async with Auditor({"calibration_steps": 400}) as auditor:
        report = await auditor.audit_paths(honest_paths, replay=False)
        assert auditor.calibration is not None
        assert auditor.calibration.transitions == 400
    assert any("calibrated itself from 400 real steps of Pendulum-v1" in n for n in report.notes)
    assert report.calibration is not None
    assert report.calibration["source"].startswith("self-calibrated")


async def test_paths_naming_no_environment_need_a_calibration() -> None:
    paths = pendulum_physics_paths(4, 5)
    paths.meta = PathsMeta()
    async with Auditor() as auditor:
        with pytest.raises(UnknownEnvironmentError, match=r"name no environment"):
            await auditor.audit_paths(paths)
        with pytest.raises(ShapeError, match="PhantomPaths"):
            await auditor.audit_paths(paths.states)  # type: ignore[arg-type]
        with pytest.raises(InvalidArgumentError, match="Transitions"):
            await auditor.calibrate(paths)  # type: ignore[arg-type]
    async with Auditor({"env_id": "Pendulum-v1", "calibration_steps": 200}) as auditor:
        report = await auditor.audit_paths(paths)
    assert report.env_id == "Pendulum-v1"


async def test_truncation_keeps_the_safe_prefix(
    pendulum_cal: Calibration, honest_paths: PhantomPaths
) -> None:
    where = plant(honest_paths)
    config = {"review": {"truncate": True, "min_truncated_length": 6}}
    async with Auditor(config, calibration=pendulum_cal) as auditor:
        report = await auditor.audit_paths(honest_paths, replay=False)
    assert honest_paths.lengths is not None
    teleport = report.verdicts[where["teleport"]]
    assert teleport.status == "APPROVED"
    assert teleport.truncated_to == 11
    assert honest_paths.lengths[where["teleport"]] == 11
    assert honest_paths.rewards[where["teleport"], 11:].sum() == 0
    # A reward anomaly at step 5 leaves a prefix shorter than 6: rejected.
    assert report.verdicts[where["reward"]].status == "REJECTED"
    assert report.verdicts[where["action"]].status == "REJECTED"


async def test_a_path_of_no_steps_is_never_approved(
    pendulum_cal: Calibration, honest_paths: PhantomPaths
) -> None:
    # batch L, L17: paths of length 0 were approved, though nothing of them was reviewed
    lengths = honest_paths.lengths.copy()
    lengths[:3] = 0
    paths = PhantomPaths(
        states=honest_paths.states,
        actions=honest_paths.actions,
        rewards=honest_paths.rewards,
        lengths=lengths,
        meta=honest_paths.meta,
    )
    async with Auditor(calibration=pendulum_cal) as auditor:
        report = await auditor.audit_paths(paths, replay=False)
    assert paths.approved is not None
    assert not paths.approved[:3].any()
    assert all("no steps" in report.verdicts[i].reasons[0] for i in range(3))
    assert paths.approved[3:].any()  # the others are judged as before


async def test_spans_are_recorded(
    tracker: StateTracker, pendulum_cal: Calibration, honest_paths: PhantomPaths
) -> None:
    async with Auditor(tracker=tracker, calibration=pendulum_cal) as auditor:
        trace_id = auditor.trace_id
        assert trace_id is not None
        await auditor.audit_paths(honest_paths)
        names = [s.name for s in tracker.get_trace(trace_id).spans]
    assert names == ["auditor.check", "auditor.replay", "auditor.audit_paths"]
    top = tracker.get_trace(trace_id).spans[-1]
    assert top.state["overall_status"] == "APPROVED"


async def test_saved_paths_file(
    tmp_path: Path, pendulum_cal: Calibration, honest_paths: PhantomPaths
) -> None:
    file = honest_paths.save(tmp_path / "paths.npz")
    async with Auditor(calibration=pendulum_cal) as auditor:
        report = await auditor.audit_file(file)
        assert report.kind == "paths"
        with pytest.raises(FileNotFoundError):
            await auditor.audit_file(tmp_path / "missing.npz")


async def test_trajectories_from_a_file(tmp_path: Path) -> None:
    lines = [
        {"trajectory_id": "ok", "role": "user", "content": "fix the parser"},
        {
            "trajectory_id": "ok",
            "role": "assistant",
            "tool": "write_file",
            "arguments": {"path": "src/cli.py", "content": "import sys\nsys.exit(0)\n"},
        },
        {
            "trajectory_id": "hack",
            "role": "assistant",
            "tool": "write_file",
            "arguments": {"path": "tests/conftest.py", "content": "import sys\nsys.exit(0)\n"},
        },
    ]
    file = tmp_path / "t.jsonl"
    file.write_text("\n".join(json.dumps(x) for x in lines) + "\n{broken\n")
    async with Auditor() as auditor:
        with pytest.raises(TrajectoryFormatError, match="line 4"):
            await auditor.audit_trajectories(file)
        report = await auditor.audit_trajectories(file, on_error="skip")
        assert report.kind == "trajectories"
        assert report.overall_status == "REJECTED"
        assert report.approved == [True, False]
        assert report.verdicts[1].trajectory_id == "hack"
        assert any(
            f.detector == "malformed_line" and f.evidence["line"] == 4 for f in report.findings
        )
        assert any("malformed line(s) skipped: 4" in n for n in report.notes)
        clean = await auditor.audit_trajectories(lines[:2])
        assert clean.passed
        assert clean.digest is None


async def _probe(
    data: Transitions, real: Transitions, paths: PhantomPaths, *, horizon: int
) -> tuple[Any, Any, dict[str, Any]]:
    """The red-team probe of a small world model fitted on ``data`` (4 open-loop plans of
    ``horizon`` steps), audited against ``real``: the probe's summary, the model, the config."""
    from plasma.simulator import WorldModel

    config = {
        "review": {"red_team_paths": 4, "red_team_horizon": horizon, "red_team_population": 32}
    }
    model = WorldModel(3, 1, {"members": 3, "hidden": [64, 64], "max_epochs": 20, "seed": 0})
    model.fit(data)
    async with Auditor(config, model=model) as auditor:
        await auditor.calibrate(real)
        report = await auditor.audit_paths(paths, replay=False)
    assert report.red_team is not None
    return report.red_team, model, config


async def test_red_team_probe_finds_a_poisoned_model_exploitable_and_a_clean_one_not(
    pendulum_real: Transitions, honest_paths: PhantomPaths
) -> None:
    import copy

    # The poisoned model learned that hanging down (cos theta < -0.5) pays the best real reward:
    # a typical reward in a bad state, which plans that the model pays and reality does not
    # exploit. The clean model is fitted the same way on the real data.
    poisoned = copy.deepcopy(pendulum_real)
    poisoned.reward[poisoned.obs[:, 0] < -0.5] = pendulum_real.reward.max()
    found = {}
    for name, data in (("clean", pendulum_real), ("poisoned", poisoned)):
        found[name], _, _ = await _probe(data, pendulum_real, honest_paths, horizon=15)
        assert found[name].paths == 4
    assert found["poisoned"].exploitable
    assert not found["clean"].exploitable
    assert found["poisoned"].exploitability > 5 * found["clean"].exploitability + 0.2


async def test_red_team_probe_finds_a_model_wrong_only_in_its_dynamics(
    pendulum_real: Transitions, honest_paths: PhantomPaths
) -> None:
    import copy

    # Dynamics wrong, rewards honest: the poisoned model believes the motor is 4x as strong
    # (Pendulum: dtheta_dot = 3 u dt from the motor, dt = 0.05), so its plans swing up with
    # torque reality does not have. Every reward it pays is the real reward of the state it
    # imagines; only executing the plan in reality (no replanning from real states, which
    # would correct the dynamics) shows the gap.
    poisoned = copy.deepcopy(pendulum_real)
    obs, u = pendulum_real.obs.astype(np.float64), pendulum_real.action[:, 0].astype(np.float64)
    thd = np.clip(pendulum_real.next_obs[:, 2] + 3 * 3.0 * u * 0.05, -8, 8)
    th = np.arctan2(obs[:, 1], obs[:, 0]) + thd * 0.05
    poisoned.next_obs[:] = np.stack([np.cos(th), np.sin(th), thd], axis=1).astype(np.float32)
    probe, model, config = await _probe(poisoned, pendulum_real, honest_paths, horizon=25)
    assert probe.exploitable
    assert probe.imagined_return > probe.real_return
    assert probe.reference_exploitability is None
    # Against a trusted reference that loses as much open loop (here: the same model), the
    # loss is what open-loop execution costs anyway, not an exploit.
    async with Auditor(config, model=model) as auditor:
        await auditor.calibrate(pendulum_real, reference=model)
        same = await auditor.audit_paths(honest_paths, replay=False)
    assert same.red_team is not None
    assert same.red_team.reference_exploitability == pytest.approx(same.red_team.exploitability)
    assert not same.red_team.exploitable


def test_red_team_probe_runs_the_planned_actions_in_reality(
    pendulum_real: Transitions, monkeypatch: pytest.MonkeyPatch
) -> None:
    from plasma.auditor.config import AuditorConfig
    from plasma.auditor.review import ReviewEngine
    from plasma.envs import make_env
    from plasma.simulator import WorldModel
    from plasma.simulator.generator import PhantomPathGenerator

    plans: list[PhantomPaths] = []
    generate = PhantomPathGenerator.generate

    def spy(self: PhantomPathGenerator, *args: object, **kwargs: object) -> PhantomPaths:
        out = generate(self, *args, **kwargs)  # type: ignore[arg-type]
        plans.append(out)
        return out

    monkeypatch.setattr(PhantomPathGenerator, "generate", spy)
    executed: list[list[np.ndarray]] = []

    class Recording:
        """The real env, recording the actions taken after each reset to a state."""

        def __init__(self) -> None:
            self.env = make_env("Pendulum-v1", seed=0)
            self.action_low, self.action_high = self.env.action_low, self.env.action_high
            self.n_actions = self.env.n_actions

        def set_state(self, state: np.ndarray) -> None:
            executed.append([])
            self.env.set_state(state)

        def step(self, action: np.ndarray) -> tuple:  # type: ignore[type-arg]
            executed[-1].append(np.asarray(action).copy())
            return self.env.step(action)

    model = WorldModel(3, 1, {"members": 2, "hidden": [32], "max_epochs": 3, "seed": 0})
    model.fit(pendulum_real)
    config = AuditorConfig(review={"red_team_horizon": 12, "red_team_population": 16})
    starts = pendulum_real.obs[:3]
    summary = ReviewEngine(config).red_team(model, Recording(), starts)  # type: ignore[arg-type]
    # One plan per start, made in the model once; reality then takes exactly its actions from
    # the same start (open loop: no replanning from the real states), besides replaying each
    # step alone from its imagined state (one step after each reset). A plan with a wrong step
    # is executed once more from its start (to the real state at that step, then on to its
    # end), and the model follows its remaining actions from there (mode "actions").
    planned = [p for p in plans if p.meta.mode != "actions"]
    followed = [p for p in plans if p.meta.mode == "actions"]
    assert len(planned) == 1
    assert summary.paths == 3
    probe = planned[0]
    assert probe.lengths is not None
    assert (probe.lengths > 1).all()
    open_loop = [actions for actions in executed if len(actions) > 1]
    assert len(open_loop) == 3 + len(followed)
    assert len(executed) == 3 + int(probe.lengths.sum()) + len(followed)
    for i, actions in enumerate(open_loop[:3]):
        assert len(actions) == int(probe.lengths[i])
        np.testing.assert_array_equal(np.stack(actions), probe.actions[i, : len(actions)])
    for again in open_loop[3:]:
        assert any(
            len(again) == int(probe.lengths[i])
            and np.array_equal(np.stack(again), probe.actions[i, : len(again)])
            for i in range(3)
        )


async def test_cartpole_termination_bounds_hold_only_at_a_done() -> None:
    from plasma.envs import make_env

    env = make_env("CartPole-v1", seed=1)
    p, h = 12, 40
    states = np.zeros((p, h + 1, 4), np.float32)
    actions = np.zeros((p, h, 1), np.float32)
    rewards = np.zeros((p, h), np.float32)
    dones = np.zeros((p, h), bool)
    rng = np.random.default_rng(0)
    for i in range(p):
        states[i, 0] = env.reset(seed=i)
        done = False
        for t in range(h):
            if done:
                states[i, t + 1] = states[i, t]
                continue
            action = int(rng.integers(0, 2))
            obs, reward, done, _trunc, _ = env.step(action)
            states[i, t + 1], actions[i, t], rewards[i, t], dones[i, t] = obs, action, reward, done
    meta = PathsMeta(env_id="CartPole-v1", state_names=env.state_names, discrete_actions=2)
    real = PhantomPaths(states, actions, rewards, dones, meta=meta)
    assert real.lengths is not None
    terminated = int((real.lengths < h).sum())
    assert terminated >= p - 2
    async with Auditor({"calibration_steps": 2000}) as auditor:
        report = await auditor.audit_paths(real)
        assert "invariant" not in report.counts
        assert report.replay is not None
        assert report.replay.diverged == 0
        # The same states without the dones: the model "forgot" to terminate.
        forgot = real.select(slice(None))
        assert forgot.dones is not None
        forgot.dones[:] = False
        report = await auditor.audit_paths(forgot, replay=False)
    # Terminal states that overshoot a bound by less than its tolerance pass.
    assert 0 < report.counts["invariant"] <= terminated


def test_red_team_counts_an_open_loop_loss_only_where_a_step_shows_the_model_wrong() -> None:
    """InvertedPendulum is unstable: a balancing plan executed blind from a start state a hair
    off the one it was made from falls, though every step of it is right. Such a loss is the
    compounding of errors within the limit; a plan with a wrong step before reality leaves it
    is the model's doing."""
    from plasma.auditor.config import AuditorConfig
    from plasma.auditor.review import ReviewEngine, _shown_wrong
    from plasma.envs import make_env

    env = make_env("InvertedPendulum-v5", seed=0)
    h = 80
    start = env.reset(seed=3)
    # The path: a balancing controller's real trajectory from the start with its pole 0.001 rad
    # further over; stored with the true start, so only its first step is (slightly) off.
    s = start + np.array([0.0, 0.001, 0.0, 0.0], np.float32)
    env.set_state(s)
    states, actions = [start], []
    for _ in range(h):
        a = np.clip([s[0] + 10 * s[1] + s[2] + s[3]], -3, 3).astype(np.float32)
        s, _r, terminated, _t, _ = env.step(a)
        assert not terminated
        states.append(s)
        actions.append(a)
    honest = np.stack(states)
    # The same path with one wrong step early on: the pole jumps back 0.05 rad at step 3.
    wrong = honest.copy()
    wrong[4:, 1] -= 0.05
    paths = PhantomPaths(
        states=np.stack([honest, wrong]),
        actions=np.stack([actions, actions]),
        rewards=np.ones((2, h), np.float32),
    )
    engine = ReviewEngine(AuditorConfig(review={"replay_error_tolerance": 0.02}))
    records = engine.replay_records(paths, env, [0, 1])
    held, broken = records
    # Step by step the honest path is right; open loop, reality leaves it and the pole falls.
    assert held.first_divergence is None
    assert held.open_loop_departure is not None
    assert held.real_return < held.imagined_return
    assert not _shown_wrong(held)
    assert broken.first_divergence == 3
    assert broken.open_loop_departure is not None
    assert broken.open_loop_departure >= 3
    assert _shown_wrong(broken)
