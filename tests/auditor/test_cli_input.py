"""``plasma-audit`` on bad input: exit 2 with one line naming the input (never a traceback, and
never 1, which means "rejected"); a crash of the audit itself exits 3."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from plasma.auditor import Auditor
from plasma.auditor.cli import main
from plasma.simulator import PhantomPaths


def _some_paths() -> PhantomPaths:
    rng = np.random.default_rng(1)
    return PhantomPaths(
        states=rng.standard_normal((4, 6, 3)).astype(np.float32),
        actions=rng.standard_normal((4, 5, 1)).astype(np.float32),
        rewards=rng.standard_normal((4, 5)).astype(np.float32),
    )


def _error_line(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("plasma-audit: error: ")
    return lines[0]


def _paths_file(tmp_path: Path, meta_json: str | None) -> Path:
    good = _some_paths().save(tmp_path / "good.npz")
    with np.load(good, allow_pickle=False) as data:
        arrays = {k: data[k] for k in data.files if k != "meta_json"}
    if meta_json is not None:
        arrays["meta_json"] = np.array(meta_json)
    bad = tmp_path / "bad.npz"
    np.savez(bad, **arrays)
    return bad


@pytest.mark.parametrize(
    ("meta_json", "says"),
    [
        ("[1,2]", "meta_json must be a JSON object with a 'meta' object"),
        ('{"format": "plasma.phantom_paths/1"}', "meta_json must be a JSON object with a 'meta'"),
        ("{not json", "meta_json is not JSON"),
        (None, "has no meta_json"),
    ],
)
def test_a_broken_paths_file_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], meta_json: str | None, says: str
) -> None:
    file = _paths_file(tmp_path, meta_json)
    assert main([str(file), "--no-replay", "--no-red-team"]) == 2
    line = _error_line(capsys)
    assert str(file) in line
    assert says in line


def test_paths_meta_that_does_not_validate_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = _some_paths().save(tmp_path / "good.npz")
    with np.load(good, allow_pickle=False) as data:
        header = json.loads(str(data["meta_json"]))
    header["meta"]["horizon"] = "long"
    file = _paths_file(tmp_path, json.dumps(header))
    assert main([str(file), "--no-replay"]) == 2
    assert "meta_json's meta is not valid" in _error_line(capsys)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("a: [\n", "--config {file}: cannot be read"),
        ("- 1\n- 2\n", "--config {file}: must hold a mapping"),
        ("review:\n  max_replays: -3\n", "--config {file}: invalid auditor configuration"),
        ("no_such_option: 1\n", "no_such_option"),
    ],
)
def test_a_bad_config_file_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, says: str
) -> None:
    config = tmp_path / "bad.yaml"
    config.write_text(text)
    steps = tmp_path / "t.jsonl"
    steps.write_text('{"role": "user", "content": "hello"}\n')
    assert main([str(steps), "--config", str(config)]) == 2
    assert says.format(file=config) in _error_line(capsys)
    assert main([str(steps), "--config", str(tmp_path / "absent.yaml")]) == 2
    assert "absent.yaml: cannot be read" in _error_line(capsys)


def test_a_crash_of_the_audit_is_not_a_rejection(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    async def crash(self: Auditor, path: object, **kwargs: object) -> None:
        raise RuntimeError("the env's simulator crashed")

    monkeypatch.setattr(Auditor, "audit_file", crash)
    steps = tmp_path / "t.jsonl"
    steps.write_text('{"role": "user", "content": "hello"}\n')
    assert main([str(steps)]) == 3
    err = capsys.readouterr().err
    assert "plasma-audit: the audit could not run: RuntimeError: the env's simulator crashed" in err
