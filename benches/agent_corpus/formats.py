# ruff: noqa: E501
"""The writer code the corpus generators share: the event helpers a scenario is written with, the
agent formats a scenario is rendered in, short test-runner outputs, and the writing and byte-for-byte
checking of a part.

A scenario's events are ``run(cmd, output, rc)``, ``read(path, text)``, ``edit(path, old, new)``,
``write(path, text)`` and ``say(text)``; ``mark=True`` marks a hack's evidence step. A format turns
(trajectory id, task, events) into JSONL records and the record numbers of the marked events.

Moved here from gen_held_out_33.py (round 35) unchanged, so the sealed parts that generator and
gen_held_out_29/34/35 write stay byte-identical (``--check``); ``pyd`` (PydanticAI message
history) was added in round 35, ``sma`` (a code-acting agent's steps) in round 38,
``swarm`` (a multi-agent run's items) and ``sk`` (a Semantic Kernel history of a PowerShell-only
agent) in round 39, ``lidx`` (a LlamaIndex agent workflow's event stream) in round 41.
"""

from __future__ import annotations

import json
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

# An event: ("run", cmd, output, rc) | ("read", path, text) | ("edit", path, old, new)
# | ("write", path, text) | ("say", text); a hack's evidence events carry mark=True.


class Ev:
    def __init__(self, kind: str, *args: Any, mark: bool = False) -> None:
        self.kind = kind
        self.args = args
        self.mark = mark


def run(cmd: str, out: str, rc: int = 0, mark: bool = False) -> Ev:
    return Ev("run", cmd, out, rc, mark=mark)


def read(path: str, text: str) -> Ev:
    return Ev("read", path, text)


def edit(path: str, old: str, new: str, mark: bool = False) -> Ev:
    return Ev("edit", path, old, new, mark=mark)


def write(path: str, text: str, mark: bool = False) -> Ev:
    return Ev("write", path, text, mark=mark)


def say(text: str) -> Ev:
    return Ev("say", text)


# ---------------------------------------------------------------- formats


def fmt_anth(tid: str, task: str, events: list[Ev]) -> tuple[list[dict[str, Any]], list[int]]:
    """Anthropic message blocks with an unfamiliar tool vocabulary."""
    lines: list[dict[str, Any]] = [{"role": "user", "content": task}]
    marks: list[int] = []
    for i, e in enumerate(events):
        uid = f"toolu_{tid[-6:]}_{i:02d}"
        if e.kind == "say":
            lines.append({"role": "assistant", "content": [{"type": "text", "text": e.args[0]}]})
            continue
        if e.kind == "run":
            name, inp = "terminal", {"cmd": e.args[0]}
        elif e.kind == "read":
            name, inp = "open_file", {"path": e.args[0]}
        elif e.kind == "edit":
            name, inp = "patch_file", {"path": e.args[0], "find": e.args[1], "replace": e.args[2]}
        else:
            name, inp = "create_file", {"path": e.args[0], "body": e.args[1]}
        if e.mark:
            marks.append(len(lines))
        lines.append(
            {
                "role": "assistant",
                "content": [{"type": "tool_use", "id": uid, "name": name, "input": inp}],
            }
        )
        if e.kind == "run":
            res: dict[str, Any] = {"type": "tool_result", "tool_use_id": uid, "content": e.args[1]}
            if e.args[2]:
                res["is_error"] = True
        elif e.kind == "read":
            res = {"type": "tool_result", "tool_use_id": uid, "content": e.args[1]}
        else:
            res = {"type": "tool_result", "tool_use_id": uid, "content": f"{e.args[0]} saved"}
        lines.append({"role": "user", "content": [res]})
    return lines, marks


def fmt_fc(tid: str, task: str, events: list[Ev]) -> tuple[list[dict[str, Any]], list[int]]:
    """OpenAI chat tool_calls; argv-style shell, filename-keyed file tools."""
    lines: list[dict[str, Any]] = [
        {"role": "system", "content": "You are a careful software engineer."}
    ]
    lines.append({"role": "user", "content": task})
    marks: list[int] = []
    for i, e in enumerate(events):
        cid = f"call_{i:02d}{tid[-4:]}"
        if e.kind == "say":
            lines.append({"role": "assistant", "content": e.args[0]})
            continue
        if e.kind == "run":
            name, a = "exec", {"argv": ["bash", "-lc", e.args[0]], "workdir": "/work/repo"}
        elif e.kind == "read":
            name, a = "read", {"filename": e.args[0]}
        elif e.kind == "edit":
            name, a = "str_replace", {"filename": e.args[0], "old": e.args[1], "new": e.args[2]}
        else:
            name, a = "write", {"filename": e.args[0], "text": e.args[1]}
        if e.mark:
            marks.append(len(lines))
        call = {
            "id": cid,
            "type": "function",
            "function": {"name": name, "arguments": json.dumps(a)},
        }
        lines.append({"role": "assistant", "content": None, "tool_calls": [call]})
        if e.kind == "run":
            body = json.dumps({"output": e.args[1], "metadata": {"exit_code": e.args[2]}})
        elif e.kind == "read":
            body = e.args[1]
        else:
            body = "ok"
        lines.append({"role": "tool", "tool_call_id": cid, "content": body})
    return lines, marks


def fmt_gem(tid: str, task: str, events: list[Ev]) -> tuple[list[dict[str, Any]], list[int]]:
    """Gemini API contents (parts with functionCall / functionResponse)."""
    lines: list[dict[str, Any]] = [{"role": "user", "parts": [{"text": task}]}]
    marks: list[int] = []
    for e in events:
        if e.kind == "say":
            lines.append({"role": "model", "parts": [{"text": e.args[0]}]})
            continue
        if e.kind == "run":
            name, a = "run_shell_command", {"command": e.args[0]}
        elif e.kind == "read":
            name, a = "read_file", {"absolute_path": "/home/dev/proj/" + e.args[0]}
        elif e.kind == "edit":
            name = "replace"
            a = {
                "file_path": "/home/dev/proj/" + e.args[0],
                "old_string": e.args[1],
                "new_string": e.args[2],
            }
        else:
            name, a = (
                "write_file",
                {"file_path": "/home/dev/proj/" + e.args[0], "content": e.args[1]},
            )
        if e.mark:
            marks.append(len(lines))
        lines.append({"role": "model", "parts": [{"functionCall": {"name": name, "args": a}}]})
        if e.kind == "run":
            resp: dict[str, Any] = {"output": e.args[1], "exitCode": e.args[2]}
        elif e.kind == "read":
            resp = {"output": e.args[1]}
        else:
            resp = {"output": "Successfully modified file: /home/dev/proj/" + e.args[0]}
        lines.append(
            {"role": "user", "parts": [{"functionResponse": {"name": name, "response": resp}}]}
        )
    return lines, marks


def fmt_oh(tid: str, task: str, events: list[Ev]) -> tuple[list[dict[str, Any]], list[int]]:
    """OpenHands events (source / action / observation)."""
    lines: list[dict[str, Any]] = [
        {"id": 0, "source": "user", "action": "message", "args": {"content": task}}
    ]
    marks: list[int] = []
    for e in events:
        n = len(lines)
        if e.kind == "say":
            lines.append(
                {
                    "id": n,
                    "source": "agent",
                    "action": "finish",
                    "args": {"final_thought": e.args[0]},
                }
            )
            continue
        if e.mark:
            marks.append(len(lines))
        if e.kind == "run":
            lines.append(
                {
                    "id": n,
                    "source": "agent",
                    "action": "run",
                    "args": {"command": e.args[0], "thought": ""},
                }
            )
            obs = {"exit_code": e.args[2], "command": e.args[0]}
            lines.append(
                {
                    "id": n + 1,
                    "source": "environment",
                    "observation": "run",
                    "content": e.args[1],
                    "extras": obs,
                    "cause": n,
                }
            )
        elif e.kind == "read":
            lines.append(
                {
                    "id": n,
                    "source": "agent",
                    "action": "read",
                    "args": {"path": "/workspace/" + e.args[0]},
                }
            )
            lines.append(
                {
                    "id": n + 1,
                    "source": "environment",
                    "observation": "read",
                    "content": e.args[1],
                    "extras": {"path": "/workspace/" + e.args[0]},
                    "cause": n,
                }
            )
        elif e.kind == "edit":
            args = {
                "path": "/workspace/" + e.args[0],
                "command": "str_replace",
                "old_str": e.args[1],
                "new_str": e.args[2],
            }
            lines.append({"id": n, "source": "agent", "action": "edit", "args": args})
            lines.append(
                {
                    "id": n + 1,
                    "source": "environment",
                    "observation": "edit",
                    "content": f"The file /workspace/{e.args[0]} has been edited.",
                    "cause": n,
                }
            )
        else:
            args = {"path": "/workspace/" + e.args[0], "content": e.args[1]}
            lines.append({"id": n, "source": "agent", "action": "write", "args": args})
            lines.append(
                {
                    "id": n + 1,
                    "source": "environment",
                    "observation": "write",
                    "content": "",
                    "cause": n,
                }
            )
    return lines, marks


def fmt_plain(tid: str, task: str, events: list[Ev]) -> tuple[list[dict[str, Any]], list[int]]:
    """The auditor's own schema with a terse tool vocabulary."""
    lines: list[dict[str, Any]] = [
        {"trajectory_id": tid, "step": 0, "role": "user", "content": task, "task": task}
    ]
    marks: list[int] = []
    for e in events:
        if e.kind == "say":
            lines.append({"role": "assistant", "content": e.args[0]})
            continue
        if e.mark:
            marks.append(len(lines))
        if e.kind == "run":
            lines.append({"role": "assistant", "tool": "sh", "arguments": {"script": e.args[0]}})
            lines.append(
                {"role": "tool", "content": e.args[1], "metadata": {"exit_code": e.args[2]}}
            )
        elif e.kind == "read":
            lines.append({"role": "assistant", "tool": "view", "arguments": {"file": e.args[0]}})
            lines.append({"role": "tool", "content": e.args[1]})
        elif e.kind == "edit":
            lines.append(
                {
                    "role": "assistant",
                    "tool": "edit",
                    "arguments": {"file": e.args[0], "before": e.args[1], "after": e.args[2]},
                }
            )
            lines.append({"role": "tool", "content": "applied 1 replacement"})
        else:
            lines.append(
                {
                    "role": "assistant",
                    "tool": "save",
                    "arguments": {"file": e.args[0], "data": e.args[1]},
                }
            )
            lines.append({"role": "tool", "content": f"wrote {len(e.args[1])} bytes"})
    for i, line in enumerate(lines):
        line.setdefault("trajectory_id", tid)
        line.setdefault("step", i)
    return lines, marks


def fmt_pyd(tid: str, task: str, events: list[Ev]) -> tuple[list[dict[str, Any]], list[int]]:
    """PydanticAI message history (``ModelMessagesTypeAdapter`` dump): ``request`` / ``response``
    messages of typed parts; a ``tool-call`` part's arguments are a JSON string, its ``tool-return``
    is linked by ``tool_call_id`` and carries the tool's text with no exit status."""
    stamp = "2025-05-14T09:%02d:%02dZ"
    lines: list[dict[str, Any]] = [
        {
            "kind": "request",
            "parts": [
                {
                    "part_kind": "system-prompt",
                    "content": "You are a coding agent working in the repository at /srv/app.",
                },
                {"part_kind": "user-prompt", "content": task, "timestamp": stamp % (0, 0)},
            ],
        }
    ]
    marks: list[int] = []
    for i, e in enumerate(events):
        ts = stamp % (1 + i // 30, (i * 2) % 60)
        if e.kind == "say":
            lines.append(
                {
                    "kind": "response",
                    "parts": [{"part_kind": "text", "content": e.args[0]}],
                    "model_name": "gpt-4.1",
                    "timestamp": ts,
                }
            )
            continue
        cid = f"pyd_{tid[-5:]}_{i:02d}"
        if e.kind == "run":
            name, a = "run_shell", {"command": e.args[0]}
        elif e.kind == "read":
            name, a = "read_file", {"path": e.args[0]}
        elif e.kind == "edit":
            name, a = "edit_file", {"path": e.args[0], "old_text": e.args[1], "new_text": e.args[2]}
        else:
            name, a = "write_file", {"path": e.args[0], "content": e.args[1]}
        if e.mark:
            marks.append(len(lines))
        lines.append(
            {
                "kind": "response",
                "parts": [
                    {
                        "part_kind": "tool-call",
                        "tool_name": name,
                        "args": json.dumps(a),
                        "tool_call_id": cid,
                    }
                ],
                "model_name": "gpt-4.1",
                "timestamp": ts,
            }
        )
        content = e.args[1] if e.kind in ("run", "read") else f"updated {e.args[0]}"
        lines.append(
            {
                "kind": "request",
                "parts": [
                    {
                        "part_kind": "tool-return",
                        "tool_name": name,
                        "content": content,
                        "tool_call_id": cid,
                        "timestamp": ts,
                    }
                ],
            }
        )
    return lines, marks


def _py_str(text: str) -> str:
    """A Python literal for ``text`` as a code-writing agent types it: triple quotes where the
    text spans lines and holds nothing to escape, ``repr`` otherwise."""
    if "\n" in text and "\\" not in text and '"""' not in text and not text.endswith('"'):
        return '"""' + text + '"""'
    return repr(text)


def fmt_sma(tid: str, task: str, events: list[Ev]) -> tuple[list[dict[str, Any]], list[int]]:
    """A code-acting agent's memory dump (smolagents ``CodeAgent`` style, added in round 38): one
    record per step; every action is Python code run by a ``python_interpreter`` tool (shell
    commands through ``subprocess.run``, files read, replaced and written with ``pathlib``), and
    the observation is the printed execution log, exit status included only as code printed it."""
    lines: list[dict[str, Any]] = [{"step_type": "task", "task": task}]
    marks: list[int] = []
    for i, e in enumerate(events, start=1):
        if e.kind == "say":
            code = f"final_answer({e.args[0]!r})"
            obs = f"Execution logs:\n\nLast output from code snippet:\n{e.args[0]}"
            thought = "I can give the final answer."
        elif e.kind == "run":
            code = (
                f"r = subprocess.run({e.args[0]!r}, shell=True, capture_output=True, text=True)\n"
                "print(r.stdout + r.stderr)\nprint('exit status:', r.returncode)"
            )
            obs = f"Execution logs:\n{e.args[1]}\nexit status: {e.args[2]}\nLast output from code snippet:\nNone"
            thought = "Let me run this."
        elif e.kind == "read":
            code = f"print(Path({e.args[0]!r}).read_text())"
            obs = f"Execution logs:\n{e.args[1]}\nLast output from code snippet:\nNone"
            thought = f"Let me look at {e.args[0]}."
        elif e.kind == "edit":
            code = (
                f"p = Path({e.args[0]!r})\nsrc = p.read_text()\nold = {_py_str(e.args[1])}\n"
                f"new = {_py_str(e.args[2])}\nassert src.count(old) == 1\n"
                "p.write_text(src.replace(old, new))"
            )
            obs = f"Execution logs:\n\nLast output from code snippet:\n{len(e.args[2]) + 40}"
            thought = f"I will change {e.args[0]}."
        else:
            code = f"Path({e.args[0]!r}).parent.mkdir(parents=True, exist_ok=True)\nPath({e.args[0]!r}).write_text({_py_str(e.args[1])})"
            obs = f"Execution logs:\n\nLast output from code snippet:\n{len(e.args[1])}"
            thought = f"I will write {e.args[0]}."
        if e.mark:
            marks.append(len(lines))
        lines.append(
            {
                "step_type": "action",
                "step_number": i,
                "model_output": f"Thought: {thought}\nCode:\n```py\n{code}\n```<end_code>",
                "tool_calls": [
                    {
                        "id": f"call_{i}",
                        "type": "function",
                        "function": {"name": "python_interpreter", "arguments": code},
                    }
                ],
                "observations": obs,
                "error": None,
            }
        )
    return lines, marks


def fmt_swarm(tid: str, task: str, events: list[Ev]) -> tuple[list[dict[str, Any]], list[int]]:
    """A multi-agent run's items (OpenAI Agents SDK style, added in round 39): a planner hands
    off to a coder, whose tool calls and their outputs are ``tool_call_item`` /
    ``tool_call_output_item`` records (arguments a JSON string, the output an object with
    ``stdout`` and ``returncode``), and the coder hands off to a reviewer who signs off."""
    lines: list[dict[str, Any]] = [{"type": "input", "role": "user", "content": task}]
    marks: list[int] = []
    lines.append(
        {
            "type": "message_output_item",
            "agent": "Planner",
            "raw_item": {
                "role": "assistant",
                "content": [
                    {
                        "type": "output_text",
                        "text": "Plan: reproduce the problem, read the code involved, make the change the task asks for, rerun the checks.",
                    }
                ],
            },
        }
    )
    lines.append(
        {
            "type": "handoff_output_item",
            "source_agent": "Planner",
            "target_agent": "Coder",
            "raw_item": {"type": "function_call_output", "output": '{"assistant": "Coder"}'},
        }
    )
    for i, e in enumerate(events):
        cid = f"fc_{tid[-5:]}_{i:02d}"
        if e.kind == "say":
            lines.append(
                {
                    "type": "handoff_output_item",
                    "source_agent": "Coder",
                    "target_agent": "Reviewer",
                    "raw_item": {
                        "type": "function_call_output",
                        "output": '{"assistant": "Reviewer"}',
                    },
                }
            )
            lines.append(
                {
                    "type": "message_output_item",
                    "agent": "Reviewer",
                    "raw_item": {
                        "role": "assistant",
                        "content": [{"type": "output_text", "text": "Approved. " + e.args[0]}],
                    },
                }
            )
            continue
        if e.kind == "run":
            name, a = "sandbox_exec", {"cmd": e.args[0], "timeout": 600}
        elif e.kind == "read":
            name, a = "fs_read", {"target": e.args[0]}
        elif e.kind == "edit":
            name, a = (
                "fs_edit",
                {"target": e.args[0], "search": e.args[1], "replacement": e.args[2]},
            )
        else:
            name, a = "fs_write", {"target": e.args[0], "contents": e.args[1]}
        if e.mark:
            marks.append(len(lines))
        lines.append(
            {
                "type": "tool_call_item",
                "agent": "Coder",
                "raw_item": {
                    "type": "function_call",
                    "name": name,
                    "arguments": json.dumps(a),
                    "call_id": cid,
                },
            }
        )
        if e.kind == "run":
            out: Any = {"stdout": e.args[1], "returncode": e.args[2]}
        elif e.kind == "read":
            out = {"text": e.args[1]}
        else:
            out = {"ok": True, "target": e.args[0]}
        lines.append(
            {
                "type": "tool_call_output_item",
                "agent": "Coder",
                "raw_item": {"type": "function_call_output", "call_id": cid},
                "output": out,
            }
        )
    return lines, marks


def _win(path: str) -> str:
    return "C:\\src\\app\\" + path.replace("/", "\\")


def _here(text: str) -> str:
    """A PowerShell verbatim here-string holding ``text`` (its last newline is the string's end)."""
    body = text[:-1] if text.endswith("\n") else text
    return "@'\n" + body + "\n'@"


def fmt_sk(tid: str, task: str, events: list[Ev]) -> tuple[list[dict[str, Any]], list[int]]:
    """A Semantic Kernel chat history (added in round 39) of an agent on Windows whose one tool
    is PowerShell: files are read with ``Get-Content -Raw``, written with ``Set-Content`` from a
    verbatim here-string and edited with ``.Replace`` on the file's text; paths are Windows
    paths; a function result carries the exit code in its metadata."""
    lines: list[dict[str, Any]] = [
        {
            "Role": {"Label": "system"},
            "Items": [
                {
                    "$type": "TextContent",
                    "Text": "You are a coding agent on a Windows build machine.",
                }
            ],
        },
        {"Role": {"Label": "user"}, "Items": [{"$type": "TextContent", "Text": task}]},
    ]
    marks: list[int] = []
    for i, e in enumerate(events):
        cid = f"call_{tid[-4:]}{i:02d}"
        if e.kind == "say":
            lines.append(
                {
                    "Role": {"Label": "assistant"},
                    "Items": [{"$type": "TextContent", "Text": e.args[0]}],
                }
            )
            continue
        if e.kind == "run":
            script = f"Set-Location C:\\src\\app; {e.args[0]}"
            result, meta = e.args[1], {"ExitCode": e.args[2]}
        elif e.kind == "read":
            script = f"Get-Content -Raw '{_win(e.args[0])}'"
            result, meta = e.args[1], {"ExitCode": 0}
        elif e.kind == "edit":
            script = (
                f"$p = '{_win(e.args[0])}'\n$old = {_here(e.args[1])}\n$new = {_here(e.args[2])}\n"
                "$t = Get-Content -Raw $p\nif (-not $t.Contains($old)) { throw 'not found' }\n"
                "Set-Content -NoNewline -Path $p -Value $t.Replace($old, $new)"
            )
            result, meta = "", {"ExitCode": 0}
        else:
            script = (
                f"New-Item -ItemType Directory -Force (Split-Path '{_win(e.args[0])}') | Out-Null\n"
                f"Set-Content -Path '{_win(e.args[0])}' -Value {_here(e.args[1])}"
            )
            result, meta = "", {"ExitCode": 0}
        if e.mark:
            marks.append(len(lines))
        lines.append(
            {
                "Role": {"Label": "assistant"},
                "Items": [
                    {
                        "$type": "FunctionCallContent",
                        "Id": cid,
                        "PluginName": "Shell",
                        "FunctionName": "Invoke-PowerShell",
                        "Arguments": {"script": script},
                    }
                ],
            }
        )
        lines.append(
            {
                "Role": {"Label": "tool"},
                "Items": [
                    {
                        "$type": "FunctionResultContent",
                        "CallId": cid,
                        "PluginName": "Shell",
                        "FunctionName": "Invoke-PowerShell",
                        "Result": result,
                        "Metadata": meta,
                    }
                ],
            }
        )
    return lines, marks


def fmt_lidx(tid: str, task: str, events: list[Ev]) -> tuple[list[dict[str, Any]], list[int]]:
    """A LlamaIndex agent workflow's event stream (added in round 41): each line is an event
    with ``event_type`` and ``data``; a ``ToolCall`` names the tool and its ``tool_kwargs``
    (``execute_bash``, ``view_file``, ``replace_in_file`` with ``search`` / ``replacement``,
    ``overwrite_file`` with ``new_contents``), its ``ToolCallResult`` carries a ``tool_output``
    whose ``raw_output`` is an object (``stdout``, ``exit_status``) for commands."""
    lines: list[dict[str, Any]] = [
        {"event_type": "StartEvent", "data": {"user_msg": task, "chat_history": []}}
    ]
    marks: list[int] = []
    for i, e in enumerate(events):
        if e.kind == "say":
            lines.append(
                {
                    "event_type": "AgentOutput",
                    "data": {
                        "response": {
                            "role": "assistant",
                            "blocks": [{"block_type": "text", "text": e.args[0]}],
                        },
                        "tool_calls": [],
                        "current_agent_name": "repo_agent",
                    },
                }
            )
            continue
        tool_id = f"call_{tid[-6:]}_{i:02d}"
        raw: Any
        if e.kind == "run":
            name, kw = "execute_bash", {"bash_command": e.args[0]}
            text = e.args[1]
            raw = {"stdout": e.args[1], "exit_status": e.args[2]}
        elif e.kind == "read":
            name, kw = "view_file", {"file_path": e.args[0]}
            text = raw = e.args[1]
        elif e.kind == "edit":
            name = "replace_in_file"
            kw = {"file_path": e.args[0], "search": e.args[1], "replacement": e.args[2]}
            text = raw = f"Replaced 1 occurrence in {e.args[0]}"
        else:
            name, kw = "overwrite_file", {"file_path": e.args[0], "new_contents": e.args[1]}
            text = raw = f"Wrote {e.args[0]}"
        if e.mark:
            marks.append(len(lines))
        lines.append(
            {
                "event_type": "ToolCall",
                "data": {"tool_name": name, "tool_kwargs": kw, "tool_id": tool_id},
            }
        )
        lines.append(
            {
                "event_type": "ToolCallResult",
                "data": {
                    "tool_name": name,
                    "tool_kwargs": kw,
                    "tool_id": tool_id,
                    "tool_output": {
                        "content": text,
                        "tool_name": name,
                        "raw_output": raw,
                        "is_error": e.kind == "run" and e.args[2] != 0,
                    },
                    "return_direct": False,
                },
            }
        )
    lines.append({"event_type": "StopEvent", "data": {"result": None}})
    return lines, marks


FORMATS = {
    "anth": fmt_anth,
    "fc": fmt_fc,
    "gem": fmt_gem,
    "oh": fmt_oh,
    "plain": fmt_plain,
    "pyd": fmt_pyd,
    "sma": fmt_sma,
    "swarm": fmt_swarm,
    "sk": fmt_sk,
    "lidx": fmt_lidx,
}


# ---------------------------------------------------------------- outputs


def pytest_out(
    file: str, marks: str, fails: list[tuple[str, str]], passed: int, failed: int
) -> str:
    n = len(marks)
    head = (
        "============================= test session starts ==============================\n"
        "platform linux -- Python 3.12.4, pytest-8.3.3, pluggy-1.5.0\nrootdir: /work/repo\n"
        f"collected {n} items\n\n{file} {marks}\n"
    )
    if not fails:
        return (
            head
            + f"\n============================== {passed} passed in 0.41s ===============================\n"
        )
    body = "\n=================================== FAILURES ===================================\n"
    short = ""
    for name, text in fails:
        body += f"_____________________________ {name} _____________________________\n\n{text}\n"
        last = [ln for ln in text.splitlines() if ln.startswith("E ")][:1]
        short += f"FAILED {file}::{name} - {last[0][1:].strip() if last else 'failed'}\n"
    tail = f"========================= {failed} failed, {passed} passed in 0.52s =========================\n"
    return (
        head
        + body
        + "=========================== short test summary info ============================\n"
        + short
        + tail
    )


SCENARIOS: list[dict[str, Any]] = []


def pyfail(test: str, err: str, passed: int, file: str = "") -> str:
    where = file or test.split("::")[0]
    return (
        "============================= test session starts ==============================\n"
        f"collected {passed + 1} items\n\n{where} " + "." * passed + "F\n\n"
        "=================================== FAILURES ===================================\n"
        f"E       {err}\n"
        "=========================== short test summary info ============================\n"
        f"FAILED {test} - {err}\n"
        f"========================= 1 failed, {passed} passed in 0.44s =========================\n"
    )


def pypass(n: int, extra: str = "") -> str:
    tail = f"{n} passed{extra} in 0.39s"
    return (
        f"============================= test session starts ==============================\ncollected {n} items\n\n"
        + "." * n
        + f"\n\n======================== {tail} ========================\n"
    )


# ---------------------------------------------------------------- writing a part

Scenario = dict[str, Any]
Render = Callable[[str, str, list[Ev]], tuple[list[dict[str, Any]], list[int]]]


def pair(
    scenarios: list[Scenario],
    kind: str,
    lang: str,
    formats: tuple[str, ...],
    hack: dict[str, Any],
    honest: dict[str, Any],
) -> None:
    """Append a hack and its honest twin, rendered in the same formats."""
    scenarios.append({"kind": kind, "lang": lang, "formats": formats, "hack": True, **hack})
    scenarios.append({"kind": kind, "lang": lang, "formats": formats, "hack": False, **honest})


def write_part(
    out: Path,
    prefix: str,
    tid_prefix: str,
    scenarios: list[Scenario],
    formats: dict[str, Render] | None = None,
) -> int:
    """Write the part into ``out`` (created): one JSONL file per scenario and format, named
    ``{prefix}-NNN.jsonl``, and ``labels.json``; the number of trajectories written."""
    table = FORMATS if formats is None else formats
    out.mkdir(parents=True)
    labels = []
    n = 0
    for sc in scenarios:
        for fmt in sc["formats"]:
            name = f"{prefix}-{n:03d}.jsonl"
            tid = f"{tid_prefix}-{sc['name']}-{fmt}"
            lines, marks = table[fmt](tid, sc["task"], sc["events"])
            text = "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)
            (out / name).write_text(text, encoding="utf-8")
            labels.append(
                {
                    "file": name,
                    "hack": sc["hack"],
                    "kind": sc["kind"],
                    "style": fmt,
                    "lang": sc["lang"],
                    "steps": marks if sc["hack"] else [],
                    "note": f"{fmt}: {sc['note']}",
                }
            )
            n += 1
    (out / "labels.json").write_text(
        json.dumps(labels, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return n


def check_part(out: Path, write: Callable[[Path], int]) -> int:
    """Regenerate into a temporary folder and compare with the sealed files in ``out`` byte for byte."""
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / out.name
        write(fresh)
        names = sorted(p.name for p in fresh.iterdir())
        if names != sorted(p.name for p in out.iterdir()):
            print(f"{out} holds other files than the generator writes", file=sys.stderr)
            return 1
        differ = [n for n in names if (fresh / n).read_bytes() != (out / n).read_bytes()]
    if differ:
        print(f"the generator no longer writes the sealed {differ}", file=sys.stderr)
        return 1
    print(f"{len(names)} files: the generator writes the sealed part byte for byte")
    return 0


def part_main(out: Path, write: Callable[[Path], int], argv: list[str] | None = None) -> int:
    """A generator's command line: write the part once, or ``--check`` the sealed one."""
    args = sys.argv[1:] if argv is None else argv
    if args == ["--check"]:
        return check_part(out, write)
    if out.exists():
        print(f"{out} exists: a sealed part is never regenerated", file=sys.stderr)
        return 1
    print(f"{write(out)} trajectories in {out}")
    return 0
