"""``plasma-train --base RUN --variant ...``: adapt a run's policy to a variant with packets."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from plasma.train.cli import train_main
from tests.train.conftest import EVAL, TINY, TRAIN, read_jsonl, run, run_here


def test_base_run_is_adapted_with_a_packet(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    uninterrupted_run: Path,
) -> None:
    base_dir = tmp_path / "runs" / "base"
    shutil.copytree(uninterrupted_run, base_dir)  # a finished run of 240 real steps
    base_header = json.loads((base_dir / "policy" / "policy.json").read_text())

    # the adaptation defaults: a small budget
    monkeypatch.chdir(tmp_path)
    capsys.readouterr()
    assert train_main(["--base", "runs/base", "--variant", "m=1.3", "--print-config"]) == 0
    cfg = json.loads(capsys.readouterr().out)
    assert cfg["real_steps"] <= 1000
    assert cfg["variant"] == {"m": 1.3}

    out = run(
        TRAIN,
        [
            "--base",
            "runs/base",
            "--variant",
            "m=1.3",
            "--iterations",
            "2",
            *TINY,
            "--real-steps",
            "100",
            "--name",
            "adapted",
        ],
        tmp_path,
    )
    assert out.returncode == 0, out.stderr
    run_dir = tmp_path / "runs" / "adapted"
    state = json.loads((run_dir / "state.json").read_text())
    assert state["finished"] is True
    assert state["real_steps"] == 100
    # LoRA packets (one per iteration whose paths the auditor approved; a tiny model may have
    # none approved in an iteration) on top of the base run's (unchanged) base policy
    assert 1 <= len(state["packets"]) <= 2
    # the last packet, unless it evaluated worse than an earlier one (keep_best)
    assert state["active_packet"] in state["packets"]
    assert (run_dir / state["active_packet"] / "manifest.json").is_file()
    header = json.loads((run_dir / state["policy_dir"] / "policy.json").read_text())
    assert header["fingerprint"] == base_header["fingerprint"]
    rows = read_jsonl(run_dir / "metrics.jsonl")
    # the world model learns the variant on top of the base run's real data (base_data)
    fits = [s for s in read_jsonl(run_dir / "trace.jsonl") if s.get("name") == "train.fit"]
    assert fits[0]["attributes"]["transitions"] == 240 + 50
    modes = [r["distill_mode"] for r in rows]
    assert set(modes) <= {"lora", "skipped"}
    assert modes.count("lora") == len(state["packets"])
    assert rows[0]["collect_mode"] == "policy"  # the base policy collects the first steps
    # the base run is left as it was
    assert json.loads((base_dir / "policy" / "policy.json").read_text()) == base_header

    # the evaluation runs in this process (run_here): what plasma-eval reports of the adapted run
    out = run_here(
        EVAL, ["--run", "adapted", "--episodes", "1", "--max-steps", "20", "--json"], tmp_path
    )
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout)
    assert result["variant"] == {"m": 1.3}
    assert result["packet"] is not None
    assert result["real_steps_trained"] == 100
