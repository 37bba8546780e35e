"""``plasma-audit`` in a subprocess (``python -m plasma.auditor.cli``)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from plasma.auditor.cli import main
from tests.support.pendulum import pendulum_physics_paths

ROOT = Path(__file__).resolve().parents[2]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "plasma.auditor.cli", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )


def _jsonl(path: Path, steps: list[dict[str, object]]) -> Path:
    path.write_text("\n".join(json.dumps(s) for s in steps) + "\n")
    return path


def test_rejected_trajectories_exit_1_with_a_table(tmp_path: Path) -> None:
    file = _jsonl(
        tmp_path / "hack.jsonl",
        [
            {"role": "assistant", "tool": "bash", "arguments": {"command": "rm tests/test_a.py"}},
            {"role": "assistant", "tool": "bash", "arguments": {"command": "pytest || true"}},
        ],
    )
    done = _run(str(file))
    assert done.returncode == 1, done.stderr
    assert "REJECTED" in done.stdout
    assert "delete-test-files" in done.stdout
    assert "exit-code-masked" in done.stdout


def test_json_report_and_exit_0_when_approved(tmp_path: Path) -> None:
    file = _jsonl(tmp_path / "ok.jsonl", [{"role": "user", "content": "hello"}])
    done = _run(str(file), "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["overall_status"] == "APPROVED"
    assert report["kind"] == "trajectories"


def test_bad_input_exits_2(tmp_path: Path) -> None:
    missing = _run(str(tmp_path / "missing.jsonl"))
    assert missing.returncode == 2
    assert "does not exist" in missing.stderr
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"role": "user", "content": "a"}\n{"content": 1}\n')
    done = _run(str(bad))
    assert done.returncode == 2
    assert "line 2" in done.stderr
    skipped = _run(str(bad), "--on-bad-line", "skip", "--json")
    assert skipped.returncode == 0
    assert json.loads(skipped.stdout)["notes"]
    pack = tmp_path / "pack.yaml"
    pack.write_text("rules:\n  - id: x\n    severity: high\n    regexes: ['(']\n")
    done = _run(str(bad), "--rules", str(pack))
    assert done.returncode == 2
    assert 'rule "x" regex' in done.stderr


def test_paths_file_in_process(tmp_path: Path, capsys: object) -> None:
    paths = pendulum_physics_paths(8, 10, seed=2)
    file = paths.save(tmp_path / "p.npz")
    status = main([str(file), "--calibration-steps", "300", "--no-replay"])
    assert status == 0
    paths.rewards[0, 3] = 50.0
    file = paths.save(tmp_path / "bad.npz")
    status = main(
        [str(file), "--calibration-steps", "300", "--json", "--config", str(_config(tmp_path))]
    )
    assert status == 1


def _config(tmp_path: Path) -> Path:
    config = tmp_path / "auditor.yaml"
    config.write_text("review:\n  max_rejected_fraction: 0.0\n  replay: false\n")
    return config


def test_help_shows_the_config_docs() -> None:
    done = _run("--help")
    assert done.returncode == 0
    assert "Real steps collected" in done.stdout


def test_a_reader_that_goes_away_ends_the_audit_quietly(tmp_path: Path) -> None:
    # Before: `plasma-audit --json | head -c0` printed a BrokenPipeError traceback (status 1,
    # which plasma-audit means as "rejected").
    file = _jsonl(
        tmp_path / "run.jsonl",
        [{"role": "assistant", "tool": "bash", "arguments": {"command": "pytest -q"}}],
    )
    proc = subprocess.Popen(
        [sys.executable, "-m", "plasma.auditor.cli", str(file), "--json"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None
    proc.stdout.close()  # the reader is gone before the command writes
    _, err = proc.communicate(timeout=120)
    assert err.decode() == ""
    assert proc.returncode == 141


def test_an_output_on_a_full_disk_is_one_line_and_not_a_rejection(tmp_path: Path) -> None:
    file = _jsonl(
        tmp_path / "run.jsonl",
        [{"role": "assistant", "tool": "bash", "arguments": {"command": "pytest -q"}}],
    )
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "plasma.auditor.cli", str(file), "--json"],
            cwd=ROOT,
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
            check=False,
        )
    assert done.returncode == 3  # the audit could not run: not 1, "rejected"
    assert done.stderr.splitlines() == ["plasma-audit: error: [Errno 28] No space left on device"]
