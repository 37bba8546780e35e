"""``python -m benches.bench_judge``: from a finished run directory alone, it rebuilds the policies
each keep-or-roll-back decision compared, as the loop loaded them (run in a subprocess: the tests
do not import the benchmarks)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from plasma.train.evaluate import load_deployed_policy
from plasma.train.loop import Trainer
from plasma.train.rundir import RunDir
from tests.conftest import REPO
from tests.train.conftest import TINY, TRAIN, run
from tests.train.test_keep_best import scripted
from tests.train.test_keep_best import train_small as train_small_real_eval


def _bench(out: Path, *runs: Path, episodes: int = 3) -> dict[str, Any]:
    command = [
        *(sys.executable, "-m", "benches.bench_judge", *map(str, runs)),
        *("--real-episodes", str(episodes), "--out", str(out), "--probe-states", "16"),
    ]
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert (out / "judge.md").is_file()
    report: dict[str, Any] = json.loads((out / "judge.json").read_text())
    return report


def _loop_loaded(path: Path, row: dict[str, Any]) -> Any:
    """The deployment the row records, loaded by the loop's own loader (as the next iteration
    loads its incumbent)."""
    rundir = RunDir(path)
    state = rundir.read_state()
    state = state.model_copy(
        update={"policy_dir": row["policy_dir"], "active_packet": row["active_packet"]}
    )
    policy, _ = load_deployed_policy(rundir, state)
    return policy


def _check_probes(path: Path, report: dict[str, Any]) -> list[dict[str, Any]]:
    """Every decision's rebuilt deployed policy acts as the loop's loader's; returns the probes."""
    rows = RunDir(path).read_metrics()
    probes = report["probes"][str(path)]
    states = np.asarray(probes["states"], np.float32)
    assert len(states) == 16
    for p in probes["decisions"]:
        loaded = _loop_loaded(path, rows[p["iteration"]])
        np.testing.assert_allclose(p["deployed"], loaded.act(states), rtol=1e-5, atol=1e-6)
    return list(probes["decisions"])


@pytest.fixture(scope="module")
def cartpole_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real short run of CartPole: three "full" iterations and a LoRA one (the "auto"
    schedule), evaluated in the model (the default)."""
    root = tmp_path_factory.mktemp("judge")
    args = ["--env", "CartPole-v1", "--iterations", "4", "--seed", "3", "--run-dir", "run"]
    done = run(TRAIN, [*args, *TINY, "--set", "eval_max_steps=120"], root)
    assert done.returncode == 0, done.stderr
    return root / "run"


def test_a_real_run_is_rebuilt_and_its_evaluations_replayed(
    cartpole_run: Path, tmp_path: Path
) -> None:
    report = _bench(tmp_path, cartpole_run)
    rows = RunDir(cartpole_run).read_metrics()
    decisions = report["decisions"]
    assert [d["iteration"] for d in decisions] == [1, 2, 3]  # iteration 0 has no incumbent
    assert [d["mode"] for d in decisions] == ["full", "full", "lora"]
    lora = decisions[-1]
    assert lora["candidate"] == f"packets/{rows[3]['packet']}"
    # the rebuilt candidate and incumbent are the ones the loop evaluated: its imagined
    # evaluation, run again, gives the returns it recorded and the same call
    for d in decisions:
        assert d["replay"]["kept_new"] == d["calls"]["loop"]
        assert d["replay"]["new"] == pytest.approx(d["loop_new"], rel=1e-4, abs=1e-4)
        assert d["replay"]["old"] == pytest.approx(d["loop_old"], rel=1e-4, abs=1e-4)
    assert report["pooled"]["all"]["replay_returns_match"] == 3
    probes = _check_probes(cartpole_run, report)
    # the last decision's deployment is what plasma-eval loads
    final, _ = load_deployed_policy(RunDir(cartpole_run))
    states = np.asarray(report["probes"][str(cartpole_run)]["states"], np.float32)
    np.testing.assert_allclose(probes[-1]["deployed"], final.act(states), rtol=1e-5, atol=1e-6)
    # the truth: real episodes of each, the same for both; its difference is what is scored
    for d in decisions:
        assert d["real_diff"] == pytest.approx(d["real_new"] - d["real_old"])
        assert set(d["calls"]) >= {"loop", "imagined_10", "imagined_50", "real_5"}


def test_a_run_missing_a_candidate_is_refused_not_guessed(
    cartpole_run: Path, tmp_path: Path
) -> None:
    broken = tmp_path / "broken"
    shutil.copytree(cartpole_run, broken)
    shutil.rmtree(broken / "iterations" / "0002" / "policy")
    out = tmp_path / "out"
    command = [sys.executable, "-m", "benches.bench_judge", str(broken), "--out", str(out)]
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    report = json.loads((out / "judge.json").read_text())
    assert report["decisions"] == []
    (skipped,) = report["skipped"]
    assert "iteration 2" in skipped["why"]
    assert "missing" in skipped["why"]


def test_a_rolled_back_packet_is_the_candidate_and_the_incumbent_stays_deployed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the real loop (a base policy, then a LoRA packet per iteration) with scripted evaluations:
    # iteration 1's packet beats the base, iteration 2's is worse and is rolled back
    monkeypatch.setattr(
        Trainer, "_run_episodes", scripted([-500.0, -100.0, -480.0, -900.0, -110.0])
    )
    rundir, _ = train_small_real_eval(tmp_path)
    rows = rundir.read_metrics()
    assert rows[2]["rolled_back_to"] == rows[1]["active_packet"]
    report = _bench(tmp_path / "out", rundir.path, episodes=2)
    first, second = report["decisions"]
    assert first["calls"]["loop"] is True
    assert first["candidate"] == rows[1]["active_packet"]
    assert first["incumbent"] == rows[0]["policy_dir"]
    assert second["calls"]["loop"] is False
    assert second["candidate"] == f"packets/{rows[2]['packet']}"
    assert second["incumbent"] == rows[1]["active_packet"]
    probes = _check_probes(rundir.path, report)
    # the rolled-back packet is a different policy from the one that stayed deployed
    rolled = probes[1]
    assert not np.allclose(rolled["candidate"], rolled["deployed"])
    np.testing.assert_array_equal(rolled["incumbent"], rolled["deployed"])
    # scripted returns are not the real ones: the replay cannot reproduce them, and says so
    assert report["pooled"]["all"]["replay_returns_match"] < 2
