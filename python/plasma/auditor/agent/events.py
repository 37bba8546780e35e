"""Event logs whose lines are envelopes around a step: read as the step they carry.

Some harnesses do not write messages but events: a telemetry span, a JSON-RPC notification, a
session file's typed record, a hook's record. The step is inside, under names that say what the
event is, and several events carry no step at all (a session's settings, a status change, a token
count). Read by their content alone, such lines lose what they are: a span's call and its result
are one object, a notification's prompt reads as a command line, a session's id as the task.

Each envelope below is turned into one step of the schema (:mod:`plasma.auditor.trajectories`);
a line that carries no step becomes a step of role ``"event"`` with no content, so the lines
keep their numbers (a finding's step is its line's) and nothing reads it:

- **OpenTelemetry GenAI spans** (``attributes`` holding ``gen_ai.*`` keys, as an object or as
  OTLP's ``[{"key", "value": {"stringValue": ...}}]`` list): an ``execute_tool`` span is a call
  (``gen_ai.tool.name``, ``gen_ai.tool.call.arguments``) with its result
  (``gen_ai.tool.call.result``) and exit status (``process.exit.code``, ``exit_code``); a chat
  span's newest user turn (the last ``user`` message of ``gen_ai.input.messages`` with nothing
  after it) and its answer (``gen_ai.output.messages``) are messages;
- **Codex session files** (``{"type": "response_item" | "event_msg" | "session_meta" | ...,
  "payload": {...}}``): a response item is its payload (a message, a ``function_call`` or
  ``custom_tool_call``, a ``local_shell_call``, their outputs with the exit status of
  ``{"output", "metadata": {"exit_code"}}``); the session's settings and the event copies of the
  messages carry no step;
- **Agent Client Protocol** (JSON-RPC ``session/prompt`` and ``session/update``): a prompt is the
  user's message, a ``tool_call`` is a call (its ``rawInput``, else the diff it shows), a
  ``tool_call_update`` with content is that call's output (exit status from ``rawOutput``),
  message chunks are messages; status-only updates, plans and thoughts carry no step;
- **hook records** (``hook_event_name``): ``UserPromptSubmit`` is the user's message, ``Stop``
  the agent's last message when it records one; a tool's record is read by the schema's own
  ``tool_name``/``tool_input``/``tool_response`` reading.
"""

from __future__ import annotations

import json
from typing import Any

__all__ = ["EVENT_ROLE", "event_step"]

EVENT_ROLE = "event"
"""The role of a line that carries no step."""


def _event(data: dict[str, Any]) -> dict[str, Any]:
    return {"role": EVENT_ROLE, "content": "", "metadata": {"event": _kind(data)}}


def _kind(data: dict[str, Any]) -> str:
    for key in ("type", "method", "hook_event_name", "name"):
        value = data.get(key)
        if isinstance(value, str):
            return value
    return ""


def _json(value: Any) -> Any:
    if isinstance(value, str) and value.lstrip()[:1] in "[{":
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def _text(value: Any) -> str:
    """The text of a message's content, whatever its blocks are called."""
    value = _json(value) if isinstance(value, str) and value.lstrip()[:1] == "[" else value
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return "\n".join(t for t in (_text(v) for v in value) if t)
    if isinstance(value, dict):
        kind = value.get("type")
        if kind in ("tool_call", "tool_call_response", "function_call", "diff", "reasoning"):
            return ""
        for key in ("text", "content", "parts", "output", "message"):
            if key in value:
                return _text(value[key])
    return ""


def _status(*values: Any) -> int | None:
    for value in values:
        if isinstance(value, bool):
            return 0 if value else 1
        if isinstance(value, int):
            return value
        if isinstance(value, str) and value.strip().lstrip("-").isdigit():
            return int(value)
    return None


def _with_status(step: dict[str, Any], status: int | None) -> dict[str, Any]:
    if status is not None:
        step["metadata"] = {"exit_code": status}
    return step


# ------------------------------------------------------------------------ OpenTelemetry GenAI


def _attributes(data: dict[str, Any]) -> dict[str, Any] | None:
    attrs = data.get("attributes")
    if isinstance(attrs, list):  # OTLP JSON: [{"key": ..., "value": {"stringValue": ...}}]
        flat: dict[str, Any] = {}
        for a in attrs:
            if isinstance(a, dict) and isinstance(a.get("key"), str):
                v = a.get("value")
                if isinstance(v, dict) and len(v) == 1:
                    v = next(iter(v.values()))
                flat[a["key"]] = v
        attrs = flat
    if isinstance(attrs, dict) and any(str(k).startswith("gen_ai.") for k in attrs):
        return attrs
    return None


def _span(data: dict[str, Any], attrs: dict[str, Any]) -> dict[str, Any]:
    op = str(attrs.get("gen_ai.operation.name") or "")
    name = str(data.get("name") or "")
    tool = attrs.get("gen_ai.tool.name")
    if op == "execute_tool" or (not op and isinstance(tool, str)):
        args = _json(attrs.get("gen_ai.tool.call.arguments"))
        result = attrs.get("gen_ai.tool.call.result")
        step: dict[str, Any] = {
            "role": "assistant",
            "tool": tool if isinstance(tool, str) else name.removeprefix("execute_tool "),
            "arguments": args if isinstance(args, dict) else {"input": args or ""},
        }
        if result is not None:
            step["output"] = result if isinstance(result, str) else json.dumps(result)
        status = _status(
            attrs.get("process.exit.code"),
            attrs.get("exit_code"),
            attrs.get("gen_ai.tool.exit_code"),
        )
        return _with_status(step, status)
    said = _text(_json(attrs.get("gen_ai.output.messages")) or attrs.get("gen_ai.completion"))
    if said:
        return {"role": "assistant", "content": said}
    messages = _json(attrs.get("gen_ai.input.messages"))
    if isinstance(messages, list) and messages:
        last = messages[-1]
        if isinstance(last, dict) and last.get("role") == "user":
            text = _text(last.get("parts", last.get("content")))
            if text:
                return {"role": "user", "content": text}
    prompt = attrs.get("gen_ai.prompt")
    if isinstance(prompt, str) and prompt.strip():
        return {"role": "user", "content": prompt}
    return _event(data)


# ------------------------------------------------------------------------ Codex session files

_CODEX_TYPES = frozenset(
    {"response_item", "event_msg", "session_meta", "turn_context", "compacted"}
)


def _codex(data: dict[str, Any]) -> dict[str, Any]:
    payload = data["payload"]
    if data["type"] != "response_item" or not isinstance(payload, dict):
        return _event(data)
    kind = payload.get("type")
    if kind == "message" and isinstance(payload.get("role"), str):
        text = _text(payload.get("content"))
        return {"role": payload["role"], "content": text} if text else _event(data)
    if kind in ("function_call", "custom_tool_call"):
        args = _json(payload.get("arguments", payload.get("input")))
        if not isinstance(args, dict):
            args = {"input": args or ""}
        return {"role": "assistant", "tool": str(payload.get("name") or kind), "arguments": args}
    if kind == "local_shell_call":
        action = payload.get("action")
        command = action.get("command") if isinstance(action, dict) else None
        return {"role": "assistant", "tool": "shell", "arguments": {"command": command or ""}}
    if kind in ("function_call_output", "custom_tool_call_output", "local_shell_call_output"):
        out = _json(payload.get("output"))
        status = None
        if isinstance(out, dict):
            meta = out.get("metadata")
            status = _status(meta.get("exit_code")) if isinstance(meta, dict) else None
            out = out.get("output", json.dumps(out))
        return _with_status({"role": "tool", "content": _text(out) or str(out or "")}, status)
    return _event(data)


# ------------------------------------------------------------------------ Agent Client Protocol


_EDIT_KEYS = frozenset(
    {
        "old_string",
        "new_string",
        "oldText",
        "newText",
        "old_str",
        "new_str",
        "content",
        "contents",
        "text",
        "patch",
        "diff",
        "edits",
        "input",
    }
)
"""Keys by which a tool call's input carries the edit or the text it writes."""


def _acp(data: dict[str, Any]) -> dict[str, Any]:
    method = data.get("method")
    params = data["params"] if isinstance(data.get("params"), dict) else {}
    if method == "session/prompt":
        text = _text(params.get("prompt"))
        return {"role": "user", "content": text} if text else _event(data)
    update = params.get("update") if method == "session/update" else None
    if not isinstance(update, dict):
        return _event(data)
    kind = update.get("sessionUpdate")
    if kind in ("user_message_chunk", "agent_message_chunk"):
        text = _text(update.get("content"))
        role = "user" if kind == "user_message_chunk" else "assistant"
        return {"role": role, "content": text} if text else _event(data)
    if kind == "tool_call":
        args = update.get("rawInput")
        diffs = [
            c
            for c in update.get("content") or []
            if isinstance(c, dict) and c.get("type") == "diff"
        ]
        # the diff a call carries is its edit when its raw input holds none (only a path:
        # ``{"abs_path": ...}``, or no input at all)
        if diffs and (not isinstance(args, dict) or not _EDIT_KEYS & set(args)):
            d = diffs[0]
            args = (
                {"path": d.get("path"), "old_string": d["oldText"], "new_string": d.get("newText")}
                if d.get("oldText")
                else {"path": d.get("path"), "content": d.get("newText") or ""}
            )
        tool = str(update.get("kind") or update.get("title") or "tool")
        return {"role": "assistant", "tool": tool, "arguments": args if args is not None else {}}
    if kind == "tool_call_update":
        text = _text([c for c in update.get("content") or [] if isinstance(c, dict)]) or _text(
            update.get("rawOutput")
        )
        raw = update.get("rawOutput")
        status = None
        if isinstance(raw, dict):
            status = _status(raw.get("exit_code"), raw.get("exitCode"), raw.get("status"))
        if not text and status is None:
            return _event(data)
        return _with_status({"role": "tool", "content": text}, status)
    return _event(data)


# ------------------------------------------------------------------------ hook records


def _hook(data: dict[str, Any]) -> dict[str, Any] | None:
    event = data.get("hook_event_name")
    if event == "UserPromptSubmit" and isinstance(data.get("prompt"), str):
        return {"role": "user", "content": data["prompt"]}
    if event in ("Stop", "SubagentStop"):
        said = data.get("last_assistant_message")
        return {"role": "assistant", "content": said} if isinstance(said, str) else _event(data)
    if event in ("SessionStart", "SessionEnd", "Notification", "PreCompact"):
        return _event(data)
    return None  # a tool's record: the schema reads tool_name/tool_input/tool_response


def event_step(data: Any) -> dict[str, Any] | None:
    """The step an event envelope carries (see the module docstring), or None when the line is
    no such envelope."""
    if not isinstance(data, dict) or "role" in data:
        return None
    attrs = _attributes(data)
    if attrs is not None:
        step = _span(data, attrs)
    elif data.get("type") in _CODEX_TYPES and "payload" in data:
        step = _codex(data)
    elif data.get("jsonrpc") == "2.0" and data.get("method") in (
        "session/prompt",
        "session/update",
    ):
        step = _acp(data)  # other methods and results: read by their content
    elif isinstance(data.get("hook_event_name"), str):
        found = _hook(data)
        if found is None:
            return None
        step = found
    else:
        return None
    if attrs is not None and isinstance(data.get("trace_id"), str):
        step["trajectory_id"] = data["trace_id"]  # a trace is one trajectory
    for key in ("trajectory_id", "step"):
        if key in data:
            step[key] = data[key]
    return step
