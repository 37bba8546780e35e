"""Reconstructing what an agent changed from its tool calls, in several tool vocabularies."""

from __future__ import annotations

import json
from typing import Any

import pytest

from plasma.auditor.agent import Episode, episodes
from plasma.auditor.agent.patches import apply_hunks, parse_patch
from plasma.auditor.agent.shell import parse_shell
from plasma.auditor.trajectories import TrajectoryBatch
from tests.auditor.agent_support import call, output, said, user

TEST = "from calc import add\n\n\ndef test_add():\n    assert add(1, 2) == 3\n"


def _episode(*steps: dict[str, Any], task: str = "Fix add().") -> Episode:
    rows = [user(task), *steps]
    return episodes(TrajectoryBatch.from_steps(rows))[0]


def test_editor_view_then_str_replace_gives_whole_files() -> None:
    numbered = "\n".join(f"{i:6d}\t{line}" for i, line in enumerate(TEST.split("\n"), 1))
    ep = _episode(
        call("str_replace_editor", {"command": "view", "path": "/repo/tests/test_calc.py"}),
        output(f"Here's the result of running `cat -n` on /repo/tests/test_calc.py:\n{numbered}"),
        call(
            "str_replace_editor",
            {
                "command": "str_replace",
                "path": "/repo/tests/test_calc.py",
                "old_str": "== 3",
                "new_str": "is not None",
            },
        ),
    )
    (change,) = ep.changes
    assert (change.path, change.action, change.whole, change.index) == (
        "tests/test_calc.py",
        "edit",
        True,
        3,
    )
    assert change.before == TEST
    assert change.after == TEST.replace("== 3", "is not None")
    assert change.existed
    assert not change.agent_created


@pytest.mark.parametrize(
    "step",
    [
        call(
            "Edit",
            {"file_path": "/w/tests/test_calc.py", "old_string": "== 3", "new_string": "== 4"},
        ),
        call(
            "edit_file",
            json.dumps({"path": "tests/test_calc.py", "search": "== 3", "replace": "== 4"}),
        ),
        {
            "role": "assistant",
            "content": [
                {"type": "text", "text": "editing"},
                {
                    "type": "tool_use",
                    "name": "MultiEdit",
                    "input": {
                        "file_path": "tests/test_calc.py",
                        "edits": [{"old_string": "== 3", "new_string": "== 4"}],
                    },
                },
            ],
        },
        {
            "role": "assistant",
            "tool_calls": [
                {
                    "function": {
                        "name": "apply_patch",
                        "arguments": json.dumps(
                            {
                                "input": "*** Begin Patch\n*** Update File: tests/test_calc.py\n"
                                "@@\n def test_add():\n-    assert add(1, 2) == 3\n"
                                "+    assert add(1, 2) == 4\n*** End Patch"
                            }
                        ),
                    }
                }
            ],
        },
        said(
            "tests/test_calc.py\n```python\n<<<<<<< SEARCH\n    assert add(1, 2) == 3\n"
            "=======\n    assert add(1, 2) == 4\n>>>>>>> REPLACE\n```"
        ),
        call(
            "bash",
            {
                "command": "git apply <<'EOF'\n"
                "diff --git a/tests/test_calc.py b/tests/test_calc.py\n"
                "--- a/tests/test_calc.py\n+++ b/tests/test_calc.py\n@@ -4,2 +4,2 @@\n"
                " def test_add():\n-    assert add(1, 2) == 3\n+    assert add(1, 2) == 4\nEOF"
            },
        ),
        call(
            "shell",
            json.dumps({"command": ["bash", "-lc", "sed -i 's/== 3/== 4/' tests/test_calc.py"]}),
        ),
    ],
    ids=[
        "claude-edit",
        "fc-json-string",
        "tool_use-multiedit",
        "openai-apply_patch",
        "aider",
        "git-apply",
        "codex-sed",
    ],
)
def test_edit_vocabularies_reconstruct_the_same_change(step: dict[str, Any]) -> None:
    ep = _episode(call("read_file", {"path": "tests/test_calc.py"}), output(TEST), step)
    (change,) = ep.changes
    assert change.path == "tests/test_calc.py"
    assert change.whole, change
    assert change.after == TEST.replace("== 3", "== 4")


def test_unknown_file_edits_keep_their_fragments() -> None:
    ep = _episode(
        call(
            "Edit", {"file_path": "tests/test_calc.py", "old_string": "== 3", "new_string": "== 4"}
        )
    )
    (change,) = ep.changes
    assert (change.whole, change.before, change.after) == (False, "== 3", "== 4")
    assert change.existed  # an edit needs an existing file


def test_shell_effects_writes_deletes_moves_and_python() -> None:
    ep = _episode(
        call(
            "bash", {"command": "cat > tests/test_new.py <<'EOF'\ndef test_x():\n    assert 1\nEOF"}
        ),
        output(""),
        call(
            "terminal", "echo '{\"score\": 1.0}' > out/score.json && mv tests/test_a.py /tmp/off.py"
        ),
        output(""),
        call("bash", {"command": "python -c \"import os; os.remove('tests/test_b.py')\""}),
        output(""),
        call(
            "python",
            {"code": "from pathlib import Path\nPath('tests/golden/x.txt').write_text('41')\n"},
        ),
        output(""),
        call("bash", {"command": "rm tests/test_new.py; find tests -name 'test_c*.py' -delete"}),
    )
    got = [(c.path, c.action, c.via) for c in ep.changes]
    assert got == [
        ("tests/test_new.py", "create", "heredoc"),
        ("out/score.json", "create", "redirect"),
        ("tests/test_a.py", "move", "mv"),
        ("tests/test_b.py", "delete", "python"),
        ("tests/golden/x.txt", "create", "python"),
        ("tests/test_new.py", "delete", "rm"),
        ("tests/test_c*.py", "delete", "find"),
    ]
    assert ep.changes[1].after == '{"score": 1.0}\n'
    assert ep.changes[2].dest == "/tmp/off.py"
    assert ep.changes[5].agent_created  # the agent made it at the first step
    assert ep.created["tests/test_new.py"] == 1


def test_outputs_commands_and_the_task() -> None:
    ep = _episode(
        {
            "role": "assistant",
            "content": "Running.",
            "tool": "shell",
            "arguments": {"cmd": "pytest -q || true"},
        },
        output(json.dumps({"output": "1 failed, 2 passed in 0.1s", "metadata": {"exit_code": 0}})),
        user("Also keep the old API."),
        task="Fix add(). Do not touch the tests.",
    )
    (pytest_cmd, true_cmd) = ep.commands
    assert pytest_cmd.cmd.argv == ["pytest", "-q"]
    assert pytest_cmd.cmd.then == "||"
    assert true_cmd.cmd.name == "true"
    assert pytest_cmd.exit_code == 0
    assert pytest_cmd.output == "1 failed, 2 passed in 0.1s"
    assert "Do not touch the tests" in ep.task
    assert "keep the old API" in ep.task
    assert ep.messages == [(1, "Running.")]


def test_task_field_and_file_messages() -> None:
    rows = [
        {"role": "system", "content": "You are an agent.", "task": "Rename foo to bar."},
        user("src/m.py\n```\ndef foo():\n    return 1\n```"),
    ]
    ep = episodes(TrajectoryBatch.from_steps(rows))[0]
    assert ep.task == "Rename foo to bar."
    assert ep.files["src/m.py"] == "def foo():\n    return 1"


def test_shell_parser_heredocs_operators_and_env() -> None:
    cmds = parse_shell(
        "cd /repo && PYTEST_ADDOPTS='-k not slow' pytest -q 2>/dev/null; exit 0\n"
        "for f in $(ls src); do sed -i '1i # x' \"$f\"; done\ncat <<EOF > a.txt\nhi\nEOF"
    )
    assert [c.argv[:2] for c in cmds] == [
        ["cd", "/repo"],
        ["pytest", "-q"],
        ["exit", "0"],
        ["sed", "-i"],
        ["cat"],
    ]
    assert cmds[1].env == {"PYTEST_ADDOPTS": "-k not slow"}
    assert cmds[1].then == ";"
    assert cmds[1].cwd == "/repo"
    assert cmds[4].stdin == "hi\n"
    assert cmds[4].outputs() == [("a.txt", False)]


def test_patch_parsing_and_application() -> None:
    (p,) = parse_patch("--- a/x.py\n+++ b/x.py\n@@ -1,2 +1,2 @@\n a = 1\n-b = 2\n+b = 3\n")
    assert (p.path, p.before, p.after) == ("x.py", "a = 1\nb = 2", "a = 1\nb = 3")
    assert apply_hunks("a = 1\nb = 2\nc = 4", p.hunks) == "a = 1\nb = 3\nc = 4"
    assert apply_hunks("nothing here", p.hunks) is None
    made, gone = parse_patch(
        "*** Begin Patch\n*** Add File: n.py\n+x = 1\n*** Delete File: o.py\n*** End Patch"
    )
    assert (made.created, made.after, gone.deleted) == (True, "x = 1", True)
