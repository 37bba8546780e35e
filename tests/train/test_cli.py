"""plasma-train / plasma-eval: real envs, real files, tiny budgets; a run and its evaluation in
subprocesses, what the commands print or refuse in this process (``run_here``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.train.conftest import EVAL, TINY, TRAIN, run, run_here


def test_train_help_documents_every_flag(tmp_path: Path) -> None:
    out = run_here(TRAIN, ["--help"], tmp_path, COLUMNS="80")  # a pipe's width
    assert out.returncode == 0, out.stderr
    for flag in (
        "--iterations",
        "--num-paths",
        "--path-length",
        "--env",
        "--variant",
        "--seed",
        "--run-dir",
        "--config",
        "--real-steps",
        "--resume",
        "--base",
    ):
        assert flag in out.stdout
    assert "Phantom paths the planner imagines per iteration" in out.stdout  # field docstring


def test_eval_help(tmp_path: Path) -> None:
    out = run_here(EVAL, ["--help"], tmp_path, COLUMNS="80")
    assert out.returncode == 0
    for flag in ("--episodes", "--max-steps", "--run", "--packet", "--mode", "--json"):
        assert flag in out.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--iterations", "abc"], "invalid int value"),
        (["--bogus"], "unrecognized arguments"),
        (["--iterations", "0"], "iterations"),
        (["--set", "num_paths=-3"], "num_paths"),
        (["--set", "no_such_setting=1"], "no_such_setting"),
        (["--variant", "g"], "NAME=VALUE"),
        (["--config", "missing.toml"], "does not exist"),
        (["--resume", "nowhere"], "not found"),
        (["--base", "nowhere"], "not found"),
    ],
)
def test_bad_flags_exit_2(tmp_path: Path, args: list[str], message: str) -> None:
    out = run_here(TRAIN, args, tmp_path)
    assert out.returncode == 2, (out.stdout, out.stderr)
    assert message in out.stderr


def test_bad_config_file_exit_2(tmp_path: Path) -> None:
    (tmp_path / "bad.json").write_text('{"iterations": "many"}')
    out = run_here(TRAIN, ["--config", "bad.json"], tmp_path)
    assert out.returncode == 2
    assert "iterations" in out.stderr
    (tmp_path / "broken.toml").write_text("iterations = = 3")
    out = run_here(TRAIN, ["--config", "broken.toml"], tmp_path)
    assert out.returncode == 2
    assert "cannot be read" in out.stderr


def test_toml_config_and_precedence(tmp_path: Path) -> None:
    (tmp_path / "c.toml").write_text(
        'env = "CartPole-v1"\niterations = 4\n[world_model]\nmax_epochs = 7\n'
    )
    out = run_here(TRAIN, ["--config", "c.toml", "--iterations", "5", "--print-config"], tmp_path)
    assert out.returncode == 0, out.stderr
    cfg = json.loads(out.stdout)
    assert cfg["env"] == "CartPole-v1"
    assert cfg["iterations"] == 5  # the flag wins over the file
    assert cfg["world_model"]["max_epochs"] == 7


def test_eval_without_runs_exit_2(tmp_path: Path) -> None:
    out = run_here(EVAL, ["--episodes", "1"], tmp_path)
    assert out.returncode == 2
    assert "no run found" in out.stderr


def test_train_then_eval(tmp_path: Path) -> None:
    out = run(
        TRAIN,
        ["--iterations", "2", "--num-paths", "5", "--path-length", "8", *TINY, "--name", "tiny"],
        tmp_path,
    )
    assert out.returncode == 0, out.stderr
    run_dir = tmp_path / "runs" / "tiny"
    for name in (
        "config.json",
        "state.json",
        "trace.jsonl",
        "transitions.npz",
        "world_model.safetensors",
        "metrics.jsonl",
        "metrics.csv",
        "report.md",
        "policy/policy.safetensors",
    ):
        assert (run_dir / name).exists(), name
    state = json.loads((run_dir / "state.json").read_text())
    assert state["completed_iterations"] == 2
    assert state["real_steps"] == 240
    assert state["finished"] is True
    # evaluation runs in the world model by default: no real step besides the budget, and the
    # last return is said to be the model's
    assert state["eval_steps"] == 0
    assert "240 real steps trained on, " in out.stderr
    assert "(in the world model); evaluate with: plasma-eval" in out.stderr
    rows = [json.loads(x) for x in (run_dir / "metrics.jsonl").read_text().splitlines()]
    assert [r["iteration"] for r in rows] == [0, 1]
    # the last iteration ships a LoRA packet (the "auto" schedule); it stays deployed unless it
    # evaluated worse than the bare base policy (keep_best)
    assert state["packets"] == [f"packets/{rows[1]['packet']}"]
    assert (run_dir / state["packets"][0] / "manifest.json").is_file()
    if rows[1].get("rolled_back_to") == rows[0]["policy_dir"]:
        assert state["active_packet"] is None
        # compared on the same episodes, in iteration 1's model (test_keep_best: the rule)
        assert rows[1]["incumbent_return"] is not None
    else:
        assert state["active_packet"] == state["packets"][0]
    assert len((run_dir / "metrics.csv").read_text().splitlines()) == 3
    spans = [json.loads(x) for x in (run_dir / "trace.jsonl").read_text().splitlines()]
    names = {s.get("name") for s in spans}
    assert {"train.iteration", "train.collect", "train.fit", "train.evaluate"} <= names

    # The evaluations run in this process (run_here: what plasma-eval prints and returns, without
    # three more interpreter start-ups); the training above is a process of its own.
    # plasma-eval with no --run takes the most recent run under ./runs
    out = run_here(EVAL, ["--episodes", "2", "--max-steps", "20", "--json"], tmp_path)
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout)
    for key in ("mean_return", "std_return", "episodes", "real_steps_trained"):
        assert key in result
    assert result["episodes"] == 2
    assert result["terminated_rate"] == 0.0  # cut by --max-steps: the task did not end them
    assert result["real_steps_trained"] == 240
    assert (result["packet"] is None) == (state["active_packet"] is None)

    out = run_here(
        EVAL, ["--episodes", "1", "--max-steps", "10", "--mode", "plan", "--run", "tiny"], tmp_path
    )
    assert out.returncode == 0, out.stderr
    assert "return:" in out.stdout
    # planning uses the run's last value (checked against its checksum like every file it reads)
    value_file = run_dir / "iterations" / "0001" / "value.safetensors"
    value_file.write_bytes(value_file.read_bytes()[:-8] + b"tampered")
    out = run_here(
        EVAL, ["--episodes", "1", "--max-steps", "10", "--mode", "plan", "--run", "tiny"], tmp_path
    )
    assert out.returncode == 2
    assert "value.safetensors" in out.stderr


def test_a_bug_is_reported_with_the_way_to_its_traceback(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Bad input is one line; an error that is not Plasma's own (a bug) also says how to see
    where it happened, and with logging at INFO (--verbose) prints the traceback."""
    import logging

    from plasma.errors import InvalidArgumentError
    from plasma.train.cli import _fail

    assert _fail("plasma-train", InvalidArgumentError("bad value"), 3) == 3
    assert capsys.readouterr().err == "plasma-train: error: bad value\n"
    try:
        raise ValueError("operands could not be broadcast")
    except ValueError as err:
        bug = err
    _fail("plasma-train", bug)
    err = capsys.readouterr().err
    assert err.endswith("broadcast (run with --verbose for the traceback)\n")
    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.INFO)
    try:
        _fail("plasma-train", bug)
    finally:
        root.setLevel(level)
    err = capsys.readouterr().err
    assert err.startswith("Traceback (most recent call last):")
    assert "test_a_bug_is_reported" in err
    assert err.endswith("plasma-train: error: operands could not be broadcast\n")
