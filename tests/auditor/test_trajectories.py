"""The JSONL trajectory format: schema, field texts, malformed lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from plasma.auditor import TrajectoryFormatError, read_trajectories
from plasma.auditor.trajectories import TrajectoryBatch, TrajectoryStep, field_text


def _write(path: Path, lines: list[object]) -> Path:
    path.write_text(
        "\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n",
        encoding="utf-8",
    )
    return path


def test_reads_steps_of_several_trajectories(tmp_path: Path) -> None:
    file = _write(
        tmp_path / "t.jsonl",
        [
            {"trajectory_id": 7, "role": "user", "content": "hi"},
            "",
            {"trajectory_id": "b", "role": "assistant", "tool": "bash", "arguments": "ls"},
            {"trajectory_id": 7, "step": 5, "role": "assistant", "content": "done", "x": 1},
        ],
    )
    batch = read_trajectories(file)
    assert len(batch) == 3
    assert batch.lines == [1, 3, 4]
    assert batch.trajectory_ids == ["7", "b"]
    assert batch.trajectory_index() == [0, 1, 0]
    assert batch.step_numbers() == [0, 0, 5]
    assert batch.source == str(file)


@pytest.mark.parametrize(
    ("line", "match"),
    [
        ("{not json", "line 2: not valid JSON"),
        ('["a"]', "line 2: expected a JSON object"),
        ('{"content": "x"}', "line 2: missing field 'role'"),
        ('{"role": "user"}', "line 2: a step needs at least one of content"),
        ('{"role": "user", "content": 3}', "line 2: content"),
        ('{"role": "user", "content": "x", "step": -1}', "line 2: step"),
        ('{"role": "", "content": "x"}', "line 2: role"),
    ],
)
def test_malformed_lines_name_their_line(tmp_path: Path, line: str, match: str) -> None:
    file = _write(tmp_path / "t.jsonl", [{"role": "user", "content": "ok"}, line])
    with pytest.raises(TrajectoryFormatError, match=match) as info:
        read_trajectories(file)
    assert info.value.line == 2
    skipped = read_trajectories(file, on_error="skip")
    assert len(skipped) == 1
    assert [e.line for e in skipped.errors] == [2]


def test_non_utf8_and_missing_files(tmp_path: Path) -> None:
    bad = tmp_path / "bin.jsonl"
    bad.write_bytes(b'{"role": "user", "content": "\xff"}\n')
    with pytest.raises(TrajectoryFormatError, match="UTF-8"):
        read_trajectories(bad)
    with pytest.raises(FileNotFoundError):
        read_trajectories(tmp_path / "none.jsonl")
    with pytest.raises(TrajectoryFormatError, match="on_error"):
        read_trajectories(bad, on_error="ignore")  # type: ignore[arg-type]


def test_field_texts() -> None:
    step = TrajectoryStep(
        role="assistant",
        tool="bash",
        arguments={"command": "cat a.txt > tests/out.py | tee -a log.txt", "n": 3},
        content=None,
    )
    assert field_text(step, "command").startswith("cat a.txt")
    assert field_text(step, "file").split("\n") == ["tests/out.py", "log.txt"]
    assert field_text(step, "arguments").endswith("\n3")
    assert field_text(step, "arguments.n") == "3"
    assert field_text(step, "arguments.missing") == ""
    assert field_text(step, "content") == ""
    write = TrajectoryStep(role="assistant", tool="write", arguments={"file_path": "x.py"})
    assert field_text(write, "file") == "x.py"
    with pytest.raises(KeyError):
        field_text(step, "nope")


def test_from_steps_validates_dicts() -> None:
    batch = TrajectoryBatch.from_steps(
        [{"role": "user", "content": "a"}, {"content": "b"}], on_error="skip"
    )
    assert len(batch) == 1
    assert "step 2" in batch.errors[0].message
    with pytest.raises(TrajectoryFormatError, match="step 2"):
        TrajectoryBatch.from_steps([{"role": "user", "content": "a"}, {"content": "b"}])
