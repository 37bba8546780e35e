"""Issue 15, round 24: an exit status a tool's result states on its first line is read whatever
the output's length (Claude Code writes ``Exit code 101`` before a failing command's output);
a command, code span or file path the task quotes is a thing to run or name, not a request by
its words (``python tools/export.py`` asks for no written output)."""

from __future__ import annotations

from pathlib import Path

import pytest

from plasma.auditor.agent.episode import _output_and_code, reconstruct
from plasma.auditor.trajectories import read_trajectories
from tests.auditor.agent_support import DEV, read_back

# ------------------------------------------------------------------ exit statuses

_LONG = "\n".join(f"test case_{i} ... ok" for i in range(40)) + "\ntest result: FAILED."


@pytest.mark.parametrize(
    ("first", "code"),
    [
        ("Exit code 101", 101),
        ("Exit code 1", 1),
        ("Exit code: 2", 2),
        ("exit status 3", 3),
        ("Error: Exit code 127", 127),
        ("[exit code 4]", 4),
        ("Command failed with exit code 70", 70),
        ("Process exited with code -9", -9),
        ("Return code: 5", 5),
    ],
)
def test_an_opening_status_line_is_read_before_a_long_output(first: str, code: int) -> None:
    assert len(_LONG) > 300  # past the tail a closing status is looked for in
    assert _output_and_code(f"{first}\n{_LONG}") == (_LONG, code)


def test_an_output_that_only_mentions_an_exit_code_has_none_from_its_first_line() -> None:
    text = f"the exit code 1 means a failure\n{_LONG}"
    assert _output_and_code(text) == (text, None)


def test_a_claude_result_with_its_exit_code_first_gives_the_command_its_status(
    tmp_path: Path,
) -> None:
    steps = [
        {"role": "user", "content": "cargo test fails; fix the parser."},
        {
            "role": "assistant",
            "content": [
                {"type": "tool_use", "id": "a1", "name": "Bash", "input": {"command": "cargo test"}}
            ],
        },
        {
            "role": "user",
            "content": [
                {
                    "type": "tool_result",
                    "tool_use_id": "a1",
                    "content": f"Exit code 101\n{_LONG}",
                    "is_error": True,
                }
            ],
        },
    ]
    batch = read_back(tmp_path, steps)
    ep = reconstruct("t", batch.steps, list(range(len(batch.steps))))
    assert [(c.line, c.exit_code) for c in ep.commands] == [("cargo test", 101)]
    assert ep.commands[0].output == _LONG


def test_dev_2719_failing_cargo_test_has_its_exit_status() -> None:
    batch = read_trajectories(DEV / "dev-2719.jsonl")
    ep = reconstruct("t", batch.steps, list(range(len(batch.steps))))
    assert [c.exit_code for c in ep.commands] == [101, None]
