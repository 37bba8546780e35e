"""Agent trajectories as JSONL, one step per line, and the text fields the rules read.

Schema of one line (a JSON object; keys not listed are allowed and ignored)::

    {
      "trajectory_id": "run-17",          # optional str|int; default "default" (one trajectory)
      "step": 3,                          # optional int >= 0; default: order within the trajectory
      "role": "assistant",                # REQUIRED non-empty str: system|user|assistant|tool|...
      "content": "I'll run the tests.",   # str|list|null: the message text, or a tool's output
      "tool": "bash",                     # str|null: the tool the step calls
      "arguments": {"command": "pytest"}, # object|str|null: the tool call's arguments
      "tool_calls": [...],                # optional list: more calls (OpenAI style, see below)
      "output": "3 passed in 0.1s",       # optional str: the call's output, on the same line
      "task": "Fix the date parser ...",  # optional str: the user's task (see below)
      "reward": 1.0,                      # optional number|null: a reward signal, if any
      "metadata": {}                      # optional object
    }

A line needs ``role`` and at least one of ``content``, ``tool``, ``arguments`` and
``tool_calls`` — unless it is in another format: a line with keys outside this schema keeps them
in :attr:`TrajectoryStep.unread` (read by :mod:`plasma.auditor.agent.generic`), takes the role its
values name when it has no ``role`` (else ``"unknown"``), and needs nothing else. A line holding
a whole conversation (a JSON array of steps, or one list of steps under any key) is read as its
steps. Blank lines are skipped. A malformed line (bad JSON, a missing or mistyped field)
raises :class:`~plasma.auditor.errors.TrajectoryFormatError` naming its line number, or, with
``on_error="skip"``, is recorded in :attr:`TrajectoryBatch.errors` and skipped.

**Tool calls in other vocabularies.** ``arguments`` may be a JSON object or a string; a string
holding a JSON object (OpenAI function calling) is read as that object. ``content`` may be a list
of content blocks (Anthropic): ``text`` blocks make the text, ``tool_result`` blocks the tool
output, and each ``tool_use`` block (``name``, ``input``) is a tool call; Bedrock's untyped blocks
(``{"text": ...}``, ``{"toolUse": {...}}``, ``{"toolResult": {...}}``) and Gemini's ``parts``
(``{"functionCall": {"name", "args"}}``, ``{"functionResponse": {...}}``) are read the same way.
``tool_calls`` (OpenAI, also its legacy ``function_call`` object:
``[{"function": {"name": ..., "arguments": "..."}}]``, or ``[{"name": ..., "arguments": ...}]``,
the arguments also read from ``args`` (LangChain), ``input`` or ``parameters``) adds calls. A
line with ``name`` but no ``tool`` (OpenAI Responses items: ``{"type": "function_call", "name":
..., "arguments": ...}``) calls ``name``, unless its role is a tool output's; hook records
(``tool_name``, ``tool_input``, ``tool_response``) are a call with its output. The first call
fills ``tool``/``arguments`` when those are absent; the others are in
:attr:`TrajectoryStep.extra_calls`; :meth:`TrajectoryStep.calls` lists them all.

**Other event formats.** A line without ``tool``/``arguments`` may carry ``action``: a string
with ``args`` (OpenHands: ``{"action": "run", "args": {"command": "pytest"}}``) is a call of tool
``action`` with those arguments; a string alone (SWE-agent) is a command line, including the
windowed editor's ``open``, ``goto`` and ``edit N:M`` ... ``end_of_edit``. ``source``
(``agent``/``user``/``environment``) stands for a missing ``role``, and an ``observation`` that
only names its kind (``"run"``) leaves the output to ``content``.

**The user's task.** ``task`` (on any line of a trajectory, usually the first) carries the task
the user gave the agent. The semantic stage (:mod:`plasma.auditor.agent`) reads it, together with
the user's own messages, to tell a change the user asked for (removing an API and its tests,
marking a test xfail, regenerating golden files, ...) from tampering. ``instruction`` and
``problem_statement`` are read as ``task``; ``observation``, ``observations`` (a code-acting
agent's execution log), ``tool_output`` and ``stdout`` as
``output`` (a tool's output is otherwise the ``content`` of the next step with role ``tool``,
``function`` or ``observation``, or of a ``user`` step that follows a call).

Text fields the rules read (see :data:`BASE_FIELDS`): ``content``; ``arguments`` (the string
values of every call's arguments, raw, one per line; other values as JSON); ``tool``; ``role``;
``file`` (the path the step touches: the first of the arguments ``path``, ``file_path``,
``filename``, ``file``, ``target_file``, ``target``, plus shell redirect and ``tee`` targets of the
command); ``command`` (the arguments ``command``, ``cmd``, ``script`` or ``shell``; an argv list
such as ``["bash", "-lc", "pytest"]`` gives its script); and ``arguments.KEY`` for any single
argument.
"""

from __future__ import annotations

import json
import os
import re
import shlex
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from plasma._io import TEXT_ENCODING
from plasma.auditor.errors import TrajectoryFormatError

__all__ = [
    "BASE_FIELDS",
    "CALL_ID_KEYS",
    "LineError",
    "ToolCall",
    "TrajectoryBatch",
    "TrajectoryStep",
    "command_text",
    "field_text",
    "read_trajectories",
]

BASE_FIELDS: tuple[str, ...] = ("content", "arguments", "tool", "role", "file", "command")
"""Fields every step has (empty when absent); ``arguments.KEY`` reads one argument."""

_FILE_KEYS = ("path", "file_path", "filename", "file", "target_file", "target")
_COMMAND_KEYS = ("command", "cmd", "script", "shell")
_REDIRECT = re.compile(r"(?:>{1,2}|\btee\s+(?:-a\s+)?)\s*([^\s;|&<>]+)")
_SHELLS = frozenset({"bash", "sh", "zsh", "dash", "/bin/bash", "/bin/sh", "/usr/bin/bash"})


class ToolCall(BaseModel):
    """One tool call: the tool's name and its arguments."""

    model_config = ConfigDict(extra="ignore")

    tool: str | None = None
    """Tool called."""
    arguments: dict[str, Any] | str | None = None
    """Its arguments (a string holding a JSON object is read as the object)."""

    @field_validator("arguments", mode="before")
    @classmethod
    def _json_arguments(cls, value: Any) -> Any:
        return _json_object(value)


def _json_object(value: Any) -> Any:
    """A string holding a JSON object, as the object; anything else unchanged."""
    if isinstance(value, str) and value.lstrip().startswith("{"):
        try:
            parsed = json.loads(value)
        except ValueError:
            return value
        if isinstance(parsed, dict):
            return parsed
    return value


def _block_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return "\n".join(_block_text(v) for v in value)
    if isinstance(value, dict):
        for key in ("text", "content", "output"):
            if key in value:
                return _block_text(value[key])
    return ""


def _payload(body: Any, depth: int = 0) -> tuple[str, int | None]:
    """The text and exit status a tool result carries, however it is wrapped: a string, a list
    of parts, or an object holding the text under ``stdout``/``output``/``text``/``content``/
    ``result``/``data``/``document`` beside an exit code (``exitCode``, ``exit_code``,
    ``returncode``) or an error flag (``isError``). A JSON object in a string is opened only
    where it is the wrapper (the whole result, or a document's ``data``), never in the text it
    wraps: a file that holds JSON stays as written."""
    body = _json_object(body) if isinstance(body, str) and depth == 0 else body
    if isinstance(body, str):
        return body, None
    if depth > 4:
        return "", None
    if isinstance(body, list):
        got = [_payload(part, depth + 1) for part in body]
        codes = [c for _, c in got if c is not None]
        return "\n".join(t for t, _ in got if t), (codes[0] if len(codes) == 1 else None)
    if not isinstance(body, dict):
        return ("" if body is None else json.dumps(body)), None
    code = next(
        (
            body[k]
            for k in _PAYLOAD_CODES
            if isinstance(body.get(k), int) and not isinstance(body.get(k), bool)
        ),
        None,
    )
    texts: list[str] = []
    for key in _PAYLOAD_TEXT:
        if key in body:
            inner_body = body[key]
            if key == "data" and isinstance(inner_body, str):  # Cohere: a JSON document
                inner_body = _json_object(inner_body)
            text, inner = _payload(inner_body, depth + 1)
            texts.append(text)
            code = inner if code is None else code
            break
    if isinstance(body.get("stderr"), str) and body["stderr"]:
        texts.append(body["stderr"])
    if code is None and (body.get("is_error") is True or body.get("isError") is True):
        code = 1
    if not texts:
        keep = {k: v for k, v in body.items() if k not in _PAYLOAD_CODES}
        return (json.dumps(keep) if keep else ""), code
    return "\n".join(t for t in texts if t), code


def _typed_result(block: dict[str, Any]) -> tuple[str, int | None] | None:
    """A result block of a format that types its blocks (Vercel AI SDK ``tool-result``, Cohere's
    ``document``) or of one that names the call it answers (AutoGen's FunctionExecutionResult
    ``{"call_id", "content", "is_error"}``): its text and status; None for another block."""
    kind = block.get("type")
    if kind in _RESULT_BLOCKS and kind != "tool_result":
        status = 1 if block.get("isError") is True or block.get("is_error") is True else None
        for key in ("result", "output", "content", "document"):
            if key in block:
                text, code = _payload(block[key])
                return text, code if code is not None else status
        return "", status
    if (
        kind is None
        and any(k in block for k in CALL_ID_KEYS)
        and ("content" in block or "output" in block or "result" in block)
    ):
        body = block.get("content", block.get("output", block.get("result")))
        text, code = _payload(body)
        if code is None and block.get("is_error") is True:
            code = 1
        return text, code
    return None


_SWE_WORDS = frozenset({"submit", "scroll_up", "scroll_down", "exit", "exit_forfeit"})
"""SWE-agent commands of one word."""
_SOURCE_ROLES = {"agent": "assistant", "user": "user", "environment": "tool"}
_ROLES = frozenset(
    {"user", "assistant", "system", "developer", "model", "human", "ai", "tool", "function"}
    | {"observation", "ipython", "environment"}
)
"""Role names harnesses write; any other ``source`` names an agent (AutoGen's agent names)."""
_NAME_KEYS = ("name", "toolName", "tool_name")
_CALL_BLOCKS = frozenset({"tool-call", "tool_call", "function_call"})
_RESULT_BLOCKS = frozenset({"tool-result", "tool_result", "function_call_output", "document"})
CALL_ID_KEYS = ("call_id", "tool_call_id", "toolCallId", "tool_use_id")
"""Keys under which a tool's result names the call it answers (a call carries its own ``id``)."""
_RESULT_KEYS = (*CALL_ID_KEYS, "is_error", "isError")
"""Keys a result block has and a call block has not."""
_PAYLOAD_TEXT = ("stdout", "output", "text", "content", "result", "data", "document")
_PAYLOAD_CODES = ("exit_code", "exitCode", "returncode", "return_code", "exit_status")
_OUTPUT_ROLES = frozenset({"tool", "function", "observation", "ipython", "environment"})


def _block_call(block: dict[str, Any]) -> dict[str, Any] | None:
    """A tool call in a content block: Anthropic ``{"type": "tool_use", "name", "input"}``,
    Bedrock ``{"toolUse": {"name", "input"}}``, Gemini ``{"functionCall": {"name", "args"}}``."""
    if block.get("type") == "tool_use":
        return {"tool": block.get("name"), "arguments": block.get("input")}
    kind = block.get("type")
    name = next((block[k] for k in _NAME_KEYS if isinstance(block.get(k), str)), None)
    if name is not None and (
        kind in _CALL_BLOCKS
        or (
            kind is None
            and _call_arguments(block) is not None
            and not any(k in block for k in _RESULT_KEYS)
        )
    ):  # Vercel AI SDK ``{"type": "tool-call", "toolName", "args"}``; a bare function call
        # ``{"id", "name", "arguments"}`` (AutoGen's FunctionCall, LangChain's tool_calls)
        return {"tool": name, "arguments": _call_arguments(block)}
    for key in ("toolUse", "functionCall", "function_call", "tool_call"):
        inner = block.get(key)
        if isinstance(inner, dict) and isinstance(inner.get("name"), str):
            return {"tool": inner["name"], "arguments": _call_arguments(inner)}
    inner = _keyed_part(block)
    if inner is not None and not _result_part(inner):
        # a part keyed by its kind, whatever the key: ``{"<kind>": {"tool_name", "arguments"}}``
        name = next((inner[k] for k in _NAME_KEYS if isinstance(inner.get(k), str)), None)
        if name is not None and _call_arguments(inner) is not None:
            return {"tool": name, "arguments": _call_arguments(inner)}
    return None


def _keyed_part(block: dict[str, Any]) -> dict[str, Any] | None:
    """The body of an untyped part that holds one object under one key (the part's kind:
    ``{"tool_call": {...}}``, ``{"toolResult": {...}}``); None for any other part."""
    if len(block) != 1:
        return None
    inner = next(iter(block.values()))
    return inner if isinstance(inner, dict) else None


def _result_part(inner: dict[str, Any]) -> bool:
    """Whether a keyed part's body is a tool's result: it holds a result's text (``result``,
    ``output``, ``stdout``, ``response``) or names the call it answers (its id, or the whole
    call under another key), not a call's arguments alone."""
    if any(k in inner for k in (*_RESULT_KEYS, "result", "output", "stdout", "response")):
        return True
    return any(
        isinstance(v, dict) and any(isinstance(v.get(k), str) for k in _NAME_KEYS)
        for v in inner.values()
    )


def _block_result(block: dict[str, Any]) -> str | None:
    """The text of an untyped block: Bedrock ``{"text": ...}`` and ``{"toolResult": {"content":
    [...]}}``, Gemini ``{"functionResponse": {"name", "response": {...}}}``."""
    if isinstance(block.get("text"), str):
        return str(block["text"])
    for key in ("toolResult", "functionResponse", "function_response", "tool_result"):
        inner = block.get(key)
        if isinstance(inner, dict):
            body = inner.get("content", inner.get("response", inner.get("output")))
            if isinstance(body, dict) and not any(k in body for k in ("text", "content", "output")):
                return json.dumps(body)
            text = _block_text(body)
            return text or (json.dumps(body) if body is not None else "")
    inner = _keyed_part(block)
    if inner is not None and _result_part(inner):  # a result part keyed by its kind
        for key in ("result", "output", "stdout", "content", "response", "text"):
            if key in inner:
                return _payload(inner[key])[0]
    return None


def _block_status(block: dict[str, Any]) -> int | None:
    """The exit status a result block records: Anthropic's ``is_error: true`` and Bedrock's
    ``status: "error"`` say the call failed (1); a Gemini ``functionResponse`` whose response
    holds an exit code gives it. None for a result block that records none; -1 for a block
    that is no result."""
    if block.get("type") == "tool_result":
        return 1 if block.get("is_error") is True else None
    for key in ("toolResult", "functionResponse", "function_response"):
        inner = block.get(key)
        if not isinstance(inner, dict):
            continue
        if inner.get("status") == "error":
            return 1
        body = inner.get("response")
        if isinstance(body, dict):
            for name in ("exit_code", "exitCode", "returncode", "return_code"):
                code = body.get(name)
                if isinstance(code, int) and not isinstance(code, bool):
                    return code
        return None
    inner = _keyed_part(block)
    if inner is not None and _result_part(inner) and "type" not in block:
        error = inner.get("error", inner.get("is_error", inner.get("isError")))
        return 1 if error is True else None
    return -1


_PART_KINDS = {
    "user-prompt": ("user", "text"),
    "system-prompt": ("system", "text"),
    "instructions": ("system", "text"),
    "text": ("assistant", "text"),
    "thinking": ("assistant", None),
    "tool-call": ("assistant", "tool-call"),
    "builtin-tool-call": ("assistant", "tool-call"),
    "tool-return": ("tool", "tool-result"),
    "builtin-tool-return": ("tool", "tool-result"),
    "retry-prompt": ("tool", "tool-result"),
}
"""What a part typed under a ``*kind`` key is (PydanticAI's ``part_kind``): the speaker a line
of such parts is, and the block type the reader knows it by (None: a part nobody reads)."""


def _kinded_parts(data: dict[str, Any]) -> dict[str, Any]:
    """A message of typed parts with no ``role`` (PydanticAI's ``{"kind": "request" |
    "response", "parts": [{"part_kind": ...}]}``): the parts become blocks of the types the
    reader knows and the line takes the speaker its parts name (a user's prompt over the system
    prompt beside it, whose text is then left out). A line whose parts carry no such kind is
    returned as it was."""
    parts = data["parts"]
    kinds: list[str | None] = []
    for part in parts:
        kind = None
        if isinstance(part, dict):
            key = next((k for k in part if k.endswith("kind") and isinstance(part[k], str)), None)
            kind = part[key] if key is not None else None
        kinds.append(kind if kind in _PART_KINDS else None)
    if not parts or None in kinds:
        return data
    speakers = {_PART_KINDS[k][0] for k in kinds if k is not None}
    role = next(r for r in ("user", "tool", "assistant", "system") if r in speakers)
    blocks: list[dict[str, Any]] = []
    for part, kind in zip(parts, kinds, strict=True):
        speaker, block_type = _PART_KINDS[kind or ""]
        if block_type is None or (speaker == "system" and role != "system"):
            continue
        block = {k: v for k, v in part.items() if not k.endswith("kind")}
        block["type"] = block_type
        if block_type == "tool-result" and "content" in block and "result" not in block:
            block["result"] = block.pop("content")
        elif block_type == "text" and "text" not in block:
            block["text"] = _block_text(block.get("content"))
        blocks.append(block)
    out = {k: v for k, v in data.items() if k != "parts"}
    out["role"] = role
    out["content"] = blocks
    return out


def _call_arguments(call: dict[str, Any]) -> Any:
    """A call's arguments under the names harnesses give them: ``arguments`` (OpenAI), ``args``
    (LangChain, Gemini), ``input`` (Anthropic, Bedrock), ``parameters``."""
    for key in ("arguments", "args", "input", "parameters"):
        if call.get(key) is not None:
            return call[key]
    return None


_SCHEMA = frozenset(
    {"trajectory_id", "step", "role", "content", "tool", "arguments", "reward", "metadata"}
    | {"task", "output", "unread"}
)


def _normalise(data: Any) -> Any:
    """Content blocks and ``tool_calls`` into ``content``, ``tool``/``arguments`` and
    ``extra_calls`` (before validation; anything malformed is left for the validator). Keys
    outside the schema are kept in ``unread`` for the schema-agnostic reader; a line in another
    format (one with such keys) and no ``role`` takes the role its values name, else
    ``"unknown"``."""
    if not isinstance(data, dict):
        return data
    if "role" not in data and "source" not in data and isinstance(data.get("parts"), list):
        data = _kinded_parts(data)
    if "role" not in data and "source" not in data:
        # a step wrapped in an envelope ({"type": ..., "message": {"role": ..., ...}}): the
        # message is the step, the envelope's other keys stay readable
        inner = [v for v in data.values() if isinstance(v, dict) and isinstance(v.get("role"), str)]
        if len(inner) == 1:
            data = {**{k: v for k, v in data.items() if v is not inner[0]}, **inner[0]}
    unread = {k: v for k, v in data.items() if k not in _SCHEMA}
    data = {**data, "unread": unread}
    if "metadata" in data and not isinstance(data["metadata"], dict):
        # another format's field of that name (null, a text): read by content, not a line lost
        value = data.pop("metadata")
        if value is not None:
            unread["metadata"] = value
    tool = data.get("tool")
    if isinstance(tool, dict) and isinstance(tool.get("name"), str):  # {"tool": {"name", "input"}}
        data["tool"] = tool["name"]
        if data.get("arguments") is None:
            data["arguments"] = _call_arguments(tool)
    if isinstance(data.get("arguments"), list):  # an argv list
        data["arguments"] = {"argv": data["arguments"]}
    for key in ("content", "tool", "output"):
        # a shape of another format (an output object: {"stdout": ..., "returncode": 1}): read
        # by content, not a line lost to the schema
        if isinstance(data.get(key), dict) or (key == "output" and isinstance(data.get(key), list)):
            unread[key] = data.pop(key)
    if unread and "role" not in data and "source" not in data:
        from plasma.auditor.agent.generic import actor_of

        data["role"] = actor_of(unread) or "unknown"
    named_agent = False
    if "role" not in data and isinstance(data.get("source"), str):  # OpenHands events
        data = dict(data)
        source = data["source"]
        # any other source names an agent (AutoGen: ``"source": "coder"``)
        named_agent = source not in _SOURCE_ROLES and source.lower() not in _ROLES
        data["role"] = "assistant" if named_agent else _SOURCE_ROLES.get(source, source)
    if "task" not in data or "output" not in data:
        data = dict(data)
        for key in ("instruction", "problem_statement"):
            if "task" not in data and isinstance(data.get(key), str):
                data["task"] = data[key]
        observation = data.get("observation")
        if (
            isinstance(observation, str)
            and re.fullmatch(r"[a-z_]{1,20}", observation)
            and isinstance(data.get("content"), str)
        ):  # OpenHands: ``observation`` names the kind, ``content`` is the output
            data["output"] = data["content"]
            data.setdefault("role", "tool")
        for key in ("observation", "observations", "tool_output", "stdout"):
            if "output" not in data and isinstance(data.get(key), str):
                data["output"] = data[key]
    action = data.get("action")
    if (
        isinstance(action, str)
        and action.strip()
        and data.get("tool") is None
        and data.get("arguments") is None
        and data.get("tool_calls") is None
    ):
        data = dict(data)
        args = data.get("args")
        if action in ("message", "finish") and isinstance(args, dict):  # OpenHands messages
            text = args.get("content") or args.get("final_thought") or args.get("thought")
            if data.get("content") is None and isinstance(text, str):
                data["content"] = text
        elif isinstance(args, dict):  # OpenHands: {"action": "run", "args": {...}}
            data["tool"], data["arguments"] = action, args
        else:
            from plasma.auditor.agent.generic import looks_like_command

            rest = {
                k: v
                for k, v in unread.items()
                if k not in ("action", "observation", "thought", "args") and isinstance(v, str)
            }
            if (
                re.fullmatch(r"[A-Za-z_][\w.:-]*", action.strip())
                and looks_like_command(action) is None
                and action.strip() not in _SWE_WORDS
                and rest
            ):  # ReAct: {"action": "Shell", "action_input": "pytest -q"}: a tool and its input
                data["tool"], data["arguments"] = action.strip(), rest
            else:  # SWE-agent: the action is the command line
                data["tool"], data["arguments"] = "bash", {"command": action}
    if (
        data.get("tool") is None
        and isinstance(data.get("tool_name"), str)
        and str(data.get("role", "")).lower() not in _OUTPUT_ROLES
    ):  # hook and logger records: {"tool_name", "tool_input", "tool_response"} (a tool's
        # reply naming its tool, Ollama's ``{"role": "tool", "tool_name"}``, is no call)
        data = dict(data)
        data["tool"] = data["tool_name"]
        for key in ("tool_input", "tool_args", "tool_arguments"):
            if data.get("arguments") is None and data.get(key) is not None:
                data["arguments"] = data[key]
        response = data.get("tool_response", data.get("tool_result"))
        if "output" not in data and response is not None:
            text = _block_text(response) or (
                _block_text(response.get("stdout")) if isinstance(response, dict) else ""
            )
            data["output"] = (
                text if text or not isinstance(response, dict) else json.dumps(response)
            )
    if (
        data.get("tool") is None
        and isinstance(data.get("name"), str)
        and (data.get("arguments") is not None or str(data.get("type", "")).endswith("call"))
        and str(data.get("role", "")).lower() not in _OUTPUT_ROLES
    ):  # OpenAI Responses items: {"type": "function_call", "name": ..., "arguments": ...}
        data = dict(data)
        data["tool"] = data["name"]
        if data.get("arguments") is None and data.get("input") is not None:
            data["arguments"] = data["input"]
    if data.get("content") is None and isinstance(data.get("parts"), list):  # Gemini API
        data = dict(data)
        data["content"] = data["parts"]
    legacy = data.get("function_call")
    if isinstance(legacy, dict) and data.get("tool_calls") is None:  # OpenAI's legacy form
        data = dict(data)
        data["tool_calls"] = [legacy]
    content, raw_calls = data.get("content"), data.get("tool_calls")
    if not isinstance(content, list) and raw_calls is None:
        return data
    data = dict(data)
    calls: list[dict[str, Any]] = []
    if isinstance(content, list):
        texts: list[str] = []
        any_text = False
        typed_codes: list[int | None] = []
        for block in content:
            kind = block.get("type") if isinstance(block, dict) else None
            call = _block_call(block) if isinstance(block, dict) else None
            typed = _typed_result(block) if isinstance(block, dict) and call is None else None
            if call is not None:
                calls.append(call)
            elif typed is not None:
                texts.append(typed[0])
                typed_codes.append(typed[1])
                any_text = True
            elif kind in ("text", "tool_result", "output_text", "input_text") or isinstance(
                block, str
            ):
                texts.append(_block_text(block))
                any_text = True
            elif isinstance(block, dict) and kind is None:
                result = _block_result(block)
                if result is not None:
                    texts.append(result)
                    any_text = True
        data["content"] = "\n".join(t for t in texts if t) if any_text else None
        statuses = [_block_status(b) for b in content if isinstance(b, dict)]
        results = [st for st in statuses if st != -1] + typed_codes
        if named_agent and typed_codes and not calls:  # an agent's event carrying results
            data["role"] = "tool"
        metadata = data.get("metadata")
        if (
            len(results) == 1
            and results[0] is not None
            and (metadata is None or (isinstance(metadata, dict) and "exit_code" not in metadata))
        ):
            # one result block that records its status (an error flag or an exit code)
            data["metadata"] = {**(metadata or {}), "exit_code": results[0]}
    if isinstance(raw_calls, list):
        for call in raw_calls:
            if not isinstance(call, dict):
                continue
            fn = call["function"] if isinstance(call.get("function"), dict) else call
            calls.append({"tool": fn.get("name"), "arguments": _call_arguments(fn)})
        data.pop("tool_calls")
    if calls and data.get("tool") is None and data.get("arguments") is None:
        first = calls.pop(0)
        data["tool"], data["arguments"] = first["tool"], first["arguments"]
    data["extra_calls"] = calls
    return data


class TrajectoryStep(BaseModel):
    """One step of an agent trajectory (one JSONL line)."""

    model_config = ConfigDict(extra="ignore")

    trajectory_id: str = "default"
    """Which trajectory the step belongs to."""
    step: int | None = Field(default=None, ge=0)
    """Position in the trajectory (default: line order)."""
    role: str = Field(min_length=1)
    """Who acts: system, user, assistant, tool, ..."""
    content: str | None = None
    """Message text or tool output."""
    tool: str | None = None
    """Tool called."""
    arguments: dict[str, Any] | str | None = None
    """Arguments of the tool call."""
    reward: float | None = None
    """Reward signal of the step, if any."""
    metadata: dict[str, Any] = Field(default_factory=dict)
    """Anything else."""
    task: str | None = None
    """The user's task, when the trajectory records it (usually on its first line; also read
    from ``instruction`` or ``problem_statement``)."""
    output: str | None = None
    """The output of this step's tool call, when it is recorded on the calling step (also read
    from ``observation``, ``tool_output`` or ``stdout``) rather than on a following tool step."""
    extra_calls: list[ToolCall] = Field(default_factory=list)
    """Tool calls after the first (content blocks or ``tool_calls`` with several calls)."""
    unread: dict[str, Any] = Field(default_factory=dict, repr=False, exclude=True)
    """The line's keys outside this schema, as written: what the schema-agnostic reader
    (:mod:`plasma.auditor.agent.generic`) reads when no known vocabulary explains the step."""

    @model_validator(mode="before")
    @classmethod
    def _blocks_and_calls(cls, data: Any) -> Any:
        return _normalise(data)

    @field_validator("trajectory_id", mode="before")
    @classmethod
    def _id_to_str(cls, value: Any) -> Any:
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)
        return value

    @field_validator("arguments", mode="before")
    @classmethod
    def _json_arguments(cls, value: Any) -> Any:
        return _json_object(value)

    @model_validator(mode="after")
    def _says_something(self) -> TrajectoryStep:
        if (
            self.content is None
            and self.tool is None
            and self.arguments is None
            and not self.extra_calls
            and not self.unread
        ):
            raise ValueError("a step needs at least one of content, tool and arguments")
        return self

    def calls(self) -> list[ToolCall]:
        """Every tool call of the step (none for a plain message)."""
        first = (
            [ToolCall(tool=self.tool, arguments=self.arguments)]
            if self.tool is not None or self.arguments is not None
            else []
        )
        return first + self.extra_calls


@dataclass(frozen=True)
class LineError:
    """A malformed line that was skipped."""

    line: int
    """1-based line number."""
    message: str
    """What was wrong."""


@dataclass
class TrajectoryBatch:
    """Steps of one or more trajectories, in file order."""

    steps: list[TrajectoryStep] = field(default_factory=list)
    """The steps."""
    lines: list[int] = field(default_factory=list)
    """1-based line number of each step (its index in the list when not read from a file)."""
    errors: list[LineError] = field(default_factory=list)
    """Lines skipped with ``on_error="skip"``."""
    source: str | None = None
    """File the steps came from."""

    def __len__(self) -> int:
        return len(self.steps)

    @property
    def trajectory_ids(self) -> list[str]:
        """Ids in order of first appearance."""
        return list(dict.fromkeys(s.trajectory_id for s in self.steps))

    def trajectory_index(self) -> list[int]:
        """For each step, the index of its trajectory in :attr:`trajectory_ids`."""
        order = {tid: i for i, tid in enumerate(self.trajectory_ids)}
        return [order[s.trajectory_id] for s in self.steps]

    def step_numbers(self) -> list[int]:
        """For each step, its ``step`` or its position within its trajectory."""
        seen: dict[str, int] = {}
        out = []
        for s in self.steps:
            pos = seen.get(s.trajectory_id, 0)
            seen[s.trajectory_id] = pos + 1
            out.append(s.step if s.step is not None else pos)
        return out

    @classmethod
    def from_steps(
        cls, steps: Iterable[TrajectoryStep | Mapping[str, Any]], *, on_error: str = "raise"
    ) -> TrajectoryBatch:
        """Validate in-memory steps (dicts or models); positions stand in for line numbers."""
        batch = cls()
        for i, raw in enumerate(steps, start=1):
            if isinstance(raw, TrajectoryStep):
                batch.steps.append(raw)
                batch.lines.append(i)
                continue
            _add(batch, i, raw, on_error, what="step")
        return batch


def _describe(err: ValidationError) -> str:
    parts = []
    for e in err.errors():
        loc = ".".join(str(x) for x in e["loc"])
        msg = e["msg"].removeprefix("Value error, ")
        if e["type"] == "missing":
            parts.append(f"missing field {loc!r}")
        else:
            parts.append(f"{loc}: {msg}" if loc else msg)
    return "; ".join(parts)


def _add(batch: TrajectoryBatch, line: int, raw: Any, on_error: str, *, what: str) -> None:
    try:
        if not isinstance(raw, Mapping):
            raise TrajectoryFormatError(
                f"{what} {line}: expected a JSON object, got {type(raw).__name__}", line=line
            )
        step = TrajectoryStep.model_validate(raw)
    except ValidationError as err:
        problem = TrajectoryFormatError(f"{what} {line}: {_describe(err)}", line=line)
        if on_error == "raise":
            raise problem from None
        batch.errors.append(LineError(line, str(problem)))
        return
    except TrajectoryFormatError as problem:
        if on_error == "raise":
            raise
        batch.errors.append(LineError(line, str(problem)))
        return
    batch.steps.append(step)
    batch.lines.append(line)


_RECORD_KEYS = _SCHEMA | {"type", "name", "input", "args", "parameters", "event", "kind", "id"}
"""Keys a record of a trajectory itself carries (what it is, what it calls): a record with one
of them is read as it is, never as a wrapper."""


def _inner_record(raw: Any) -> Any:
    """The record a log collector's line carries: a line whose values are all plain scalars and
    exactly one of which is the text of a JSON object (Docker's json-file ``{"log": "{...}\\n",
    "stream": "stdout", "time": ...}``, a journald or fluentd export, a CI service's log line)
    holds another format's record in that text: that record is the step. Anything else is read
    as it is (a plain log line stays a line of text)."""
    if not isinstance(raw, dict) or not raw or _RECORD_KEYS & raw.keys():
        return raw
    texts = [v for v in raw.values() if isinstance(v, str) and v.lstrip().startswith("{")]
    if len(texts) != 1:
        return raw
    # (the line's other values are a collector's labels: numbers, flags, or tokens with no
    # space such as a time, a stream's name, an id; a record's command or message has words)
    if any(
        isinstance(v, (dict, list)) or (isinstance(v, str) and v is not texts[0] and v.split()[1:])
        for v in raw.values()
    ):
        return raw
    try:
        inner = json.loads(texts[0])
    except (json.JSONDecodeError, RecursionError):
        return raw
    # (and what it holds is a record: it says what it is or who speaks, not a file's data)
    if not isinstance(inner, dict) or not inner.keys() & (_RECORD_KEYS | {"message"}):
        return raw
    return inner


def read_trajectories(
    path: str | os.PathLike[str], *, on_error: Literal["raise", "skip"] = "raise"
) -> TrajectoryBatch:
    """Read a JSONL file of trajectory steps (see the module docstring for the schema).

    Raises:
        FileNotFoundError: no such file.
        TrajectoryFormatError: a malformed line (``on_error="raise"``), or a file that is not
            UTF-8 text.
    """
    if on_error not in ("raise", "skip"):
        raise TrajectoryFormatError(f"on_error must be 'raise' or 'skip', got {on_error!r}")
    file = Path(path)
    if not file.is_file():
        raise FileNotFoundError(f"trajectory file {file} does not exist")
    from plasma.auditor.agent.events import event_step
    from plasma.auditor.agent.generic import expand_line
    from plasma.auditor.agent.recording import is_event, log_steps, recording_steps

    recorded: list[list[Any]] = []
    recorded_at = 0
    logged: dict[int, dict[str, Any]] = {}  # a log export's records, by line
    lines_read = 0

    batch = TrajectoryBatch(source=str(file))
    try:
        with file.open(encoding=TEXT_ENCODING) as handle:
            for number, text in enumerate(handle, start=1):
                if not text.strip():
                    continue
                try:
                    raw = json.loads(text)
                except (json.JSONDecodeError, RecursionError) as err:
                    why = (
                        f"{err.msg} at column {err.colno}"
                        if isinstance(err, json.JSONDecodeError)
                        else "nested too deeply to read"
                    )
                    problem = TrajectoryFormatError(
                        f"{file}: line {number}: not valid JSON ({why})", line=number
                    )
                    if on_error == "raise":
                        raise problem from None
                    batch.errors.append(LineError(number, str(problem)))
                    continue
                if is_event(raw):  # a terminal recorder's event: read with the others, below
                    recorded.append(raw)
                    recorded_at = recorded_at or number
                    continue
                lines_read += 1
                raw = _inner_record(raw)  # (a log collector's line around a record)
                if _log_record(raw):
                    logged[number] = raw
                event = event_step(raw)
                if event is not None:  # an envelope around one step (a span, an event)
                    _add(batch, number, event, on_error, what=f"{file}: line")
                    continue
                steps = expand_line(raw)
                if steps is None:
                    _add(batch, number, raw, on_error, what=f"{file}: line")
                    continue
                for step in steps:  # a whole conversation on one line
                    _add(batch, number, step, on_error, what=f"{file}: line")
    except UnicodeDecodeError as err:
        raise TrajectoryFormatError(f"{file} is not UTF-8 text: {err}") from None
    if recorded:  # (the recording's header, its settings: no step)
        kept = [
            (n, st)
            for n, st in zip(batch.lines, batch.steps, strict=True)
            if not (n < recorded_at and st.role == "unknown")
        ]
        batch.lines, batch.steps = [n for n, _ in kept], [st for _, st in kept]
    for step in recording_steps(recorded) if recorded else []:
        # what a terminal recording shows: its commands, outputs, patches (.agent.recording)
        _add(batch, recorded_at, step, on_error, what=f"{file}: recording")
    reported = log_steps(list(logged.values())) if len(logged) * 5 >= lines_read * 4 else []
    if reported:  # a log export (a line written a record): the runs its lines report
        kept = [(n, st) for n, st in zip(batch.lines, batch.steps, strict=True) if n not in logged]
        batch.lines, batch.steps = [n for n, _ in kept], [st for _, st in kept]
        for step in reported:
            _add(batch, min(logged), step, on_error, what=f"{file}: log")
    return batch


def _log_record(raw: Any) -> bool:
    """Whether a line is a log collector's record of one written line: an object of plain
    values (a collector's labels, a time, the line's text; a label map at most one level
    deep) that names no part of a trajectory (``_RECORD_KEYS``)."""
    if not isinstance(raw, dict) or not raw or _RECORD_KEYS & raw.keys():
        return False
    for v in raw.values():
        if isinstance(v, list):
            return False
        if isinstance(v, dict) and any(isinstance(w, dict | list) for w in v.values()):
            return False
    return True


def _string(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, sort_keys=True, default=str)


def command_text(arguments: dict[str, Any] | str | None) -> str:
    """The shell command of a call's arguments (``command``, ``cmd``, ``script``, ``shell``; an
    argv list gives the script of ``bash -c``/``-lc``, else its words joined)."""
    if not isinstance(arguments, dict):
        return ""
    for key in _COMMAND_KEYS:
        value = arguments.get(key)
        if isinstance(value, str):
            return value
        if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
            if value[0] in _SHELLS and len(value) >= 3 and value[1].startswith("-"):
                return str(value[-1])
            if len(value) == 2 and value[0] in ("apply_patch", "applypatch"):
                return f"apply_patch <<'EOF'\n{value[1]}\nEOF"
            return shlex.join(value)
    return ""


def _call_field(call: ToolCall, name: str) -> str:
    args = call.arguments
    if name == "tool":
        return call.tool or ""
    if name == "arguments":
        if args is None:
            return ""
        if isinstance(args, str):
            return args
        return "\n".join(_string(v) for v in args.values())
    if name == "command":
        return command_text(args)
    if name == "file":
        found: list[str] = []
        if isinstance(args, dict):
            for key in _FILE_KEYS:
                if isinstance(args.get(key), str):
                    found.append(str(args[key]))
                    break
        command = command_text(args)
        if command:
            found.extend(m.group(1) for m in _REDIRECT.finditer(command))
        return "\n".join(found)
    key = name.split(".", 1)[1]
    if isinstance(args, dict) and key in args:
        return _string(args[key])
    return ""


def field_text(step: TrajectoryStep, name: str) -> str:
    """The text of one field of a step (empty when the step has none); fields of a step with
    several tool calls join the calls' texts with newlines."""
    if name == "content":
        return step.content or ""
    if name == "role":
        return step.role
    if name not in ("tool", "arguments", "command", "file") and not name.startswith("arguments."):
        raise KeyError(name)
    calls = step.calls()
    if len(calls) == 1:
        return _call_field(calls[0], name)
    return "\n".join(t for t in (_call_field(c, name) for c in calls) if t)
