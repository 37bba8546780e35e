"""What a record of an unknown format is, before what it holds is read (:mod:`.generic`).

Workflow engines, tracers and job logs write many records around each of the agent's actions:
a task scheduled, a worker started, a span opened. Two kinds say nothing new:

- bookkeeping: a record whose every text is a token (an id, a time, an enum's name, a queue's
  name: no whitespace in any string at any depth) and whose keys name no result or message. It
  carries no step: it is neither the output a call awaits nor the user's words;
- a restatement: a record naming the id of a call an earlier record made (``tool_call_id``,
  ``callId`` beside the call's input, as a dispatcher hands the call to the tool that runs it).
  One call id is one call: the record's actions are that call's again, never a second call;
  only a result it holds is new.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from plasma.auditor.agent.generic import path_of

__all__ = ["bookkeeping", "call_ids", "named_call", "root_task", "task_of", "unflattened"]

_RESULT_KEY = re.compile(
    r"(?i)output|result|stdout|stderr|content|text|message|response|observation|error|exit|"
    r"return|status|code|state|outcome|verdict|pass|fail|success|\bok\b|\brc\b|answer|reward|"
    r"score|command|cmd|args|arguments|input|path|file|patch|diff"
)
"""Keys whose value, however short, is what a call or a message produced or what it was
asked (``"result": "ok"``, ``"exit": 1``, ``"status": "failed"``, ``"cmd": "make"``)."""


_MACHINERY = re.compile(
    r"[0-9a-fA-F][0-9a-fA-F-]{7,}|\d+|(?=[\w-]*\d)[A-Za-z0-9_-]{16,}"  # ids
    r"|\d{4}-\d\d-\d\d[T ][\d:.]+(?:Z|[+-]\d\d:?\d\d)?|\d+(?:\.\d+)?(?:ns|us|ms|s|m|h)"  # times
    r"|[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+"  # an enum's constant
    r"|[\w.-]+@[\w.-]+"  # a worker's identity
    r"|[a-z0-9]+(?:-[a-z0-9]+)+"  # a queue's or a host's name
)
"""The tokens an engine's own records hold: ids, times, enum constants, identities, names."""


def bookkeeping(node: Any, depth: int = 0) -> bool:
    """Whether ``node`` holds no text of substance (see the module docstring): every string a
    token of the machinery (an id, a time, an enum's constant, a worker's identity or a queue's
    name), no key naming a result, a message, a status or a call's input."""
    if depth > 12:
        return True
    if isinstance(node, str):
        return not node or bool(_MACHINERY.fullmatch(node))
    if isinstance(node, dict):
        return all(
            not _RESULT_KEY.search(str(k)) and bookkeeping(v, depth + 1) for k, v in node.items()
        )
    if isinstance(node, list):
        return all(bookkeeping(v, depth + 1) for v in node)
    return True


_ID_KEY = re.compile(r"(?i)^(?:id|call_?id|tool_?call_?id|tool_?use_?id|function_?call_?id)$")
_NAMING_KEY = re.compile(r"(?i)^(?:call_?id|tool_?call_?id|tool_?use_?id|function_?call_?id)$")
_TOKEN = re.compile(r"[\w.:-]{8,128}")


def _ids(node: Any, keys: re.Pattern[str], out: set[str], depth: int = 0) -> set[str]:
    if depth > 10:
        return out
    if isinstance(node, dict):
        for k, v in node.items():
            if isinstance(v, str) and keys.match(str(k)) and _TOKEN.fullmatch(v):
                out.add(v)
            elif isinstance(v, dict | list):
                _ids(v, keys, out, depth + 1)
            elif isinstance(v, str) and v[:1] in "{[" and len(v) < 200_000:
                # (a call's arguments written as JSON text)
                import json

                try:
                    parsed = json.loads(v)
                except ValueError:
                    continue
                _ids(parsed, keys, out, depth + 1)
    elif isinstance(node, list):
        for e in node:
            _ids(e, keys, out, depth + 1)
    return out


def call_ids(node: Any) -> set[str]:
    """The ids a record gives the calls it makes or names (``id`` of a call, ``tool_call_id``,
    ``call_id``, ...): tokens of eight characters or more."""
    return _ids(node, _ID_KEY, set())


def named_call(node: Any, made: set[str]) -> bool:
    """Whether a record names (under a key that names a call it answers or runs) the id of a
    call an earlier record made: a restatement of that call or its result."""
    if not made:
        return False
    return bool(_ids(node, _NAMING_KEY, set()) & made)


_TASK_KEY = re.compile(
    r"(?i)^(?:task|user_?task|instructions?|problem_?statement|goal|objective|user_?request)$"
)


def task_of(node: Any, depth: int = 0) -> str | None:
    """The user's task a record states under a key that names it (``{"input": {"task":
    "..."}}``, also inside JSON text), in words (four or more): the record is the run's own
    (a root span, a workflow's start), its other texts the run's summary, not an action."""
    if depth > 4:
        return None
    if isinstance(node, str):
        if node[:1] == "{" and len(node) < 200_000:
            import json

            try:
                return task_of(json.loads(node), depth + 1)
            except ValueError:
                return None
        return None
    if isinstance(node, dict):
        for k, v in node.items():
            if isinstance(v, str) and _TASK_KEY.match(str(k)) and len(v.split()) >= 4:
                return v
        for v in node.values():
            if isinstance(v, dict | str):
                found = task_of(v, depth + 1)
                if found is not None:
                    return found
    return None


_DOTTED = re.compile(r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+")


def unflattened(node: Any, depth: int = 0) -> Any:
    """``node`` with flattened keys nested again (``{"attributes.input.value": ...}`` as
    ``{"attributes": {"input": {"value": ...}}}``), as dataframe and span exporters flatten
    them: only where two or more dotted keys of identifiers share their first part and none
    names a file (``setup.py`` stays a key)."""
    if depth > 8:
        return node
    if isinstance(node, list):
        return [unflattened(e, depth + 1) for e in node]
    if not isinstance(node, dict):
        return node
    dotted = [k for k in node if isinstance(k, str) and _DOTTED.fullmatch(k) and not path_of(k)]
    heads = [k.split(".", 1)[0] for k in dotted]
    shared = {h for h in heads if heads.count(h) >= 2}
    out: dict[str, Any] = {}
    for k, v in node.items():
        v = unflattened(v, depth + 1)
        if k in dotted and k.split(".", 1)[0] in shared:
            parts = k.split(".")
            where = out
            for p in parts[:-1]:
                nxt = where.get(p)
                if not isinstance(nxt, dict):
                    nxt = {}
                    where[p] = nxt
                where = nxt
            where[parts[-1]] = v
        else:
            out[k] = v
    return out


_PARENT_KEY = re.compile(r"(?i)^(?:parent(?:_?span)?_?ids?|span_?parents|parent)$")
_SPAN_KEY = re.compile(r"(?i)^span_?id$")
_INPUT_KEY = re.compile(r"(?i)^(?:input|inputs|input_?value|request)$")


def root_task(node: Any) -> str | None:
    """The task of a trace's root record: a record that names no parent (its parent key null
    or empty) and whose input is a text in words (four or more, not JSON): the run itself,
    the user's request its input, its output the run's summary."""
    if not isinstance(node, dict):
        return None
    parents = [v for k, v in node.items() if _PARENT_KEY.match(str(k))]
    spans = [k for k in node if _SPAN_KEY.match(str(k))]
    for v in node.values():
        if isinstance(v, dict):
            parents += [w for k, w in v.items() if _PARENT_KEY.match(str(k))]
            spans += [k for k in v if _SPAN_KEY.match(str(k))]
    if not parents and spans:
        parents = [None]  # a span that names its own id and no parent at all: the trace's root
    if not parents or any(p not in (None, "", [], {}) for p in parents):
        return None

    def inputs(n: Any, depth: int) -> Iterator[str]:
        if depth > 3 or not isinstance(n, dict):
            return
        for k, v in n.items():
            if _INPUT_KEY.match(str(k)):
                if isinstance(v, dict):
                    v = next((w for w in v.values() if isinstance(w, str)), None)
                if isinstance(v, str):
                    yield v
            elif isinstance(v, dict):
                yield from inputs(v, depth + 1)

    for text in inputs(node, 0):
        if text[:1] in "{[":
            text = _users_words(text) or ""
        if len(text.split()) >= 4:
            return text
    return None


def _users_words(text: str) -> str | None:
    """The user's words in an input written as JSON messages (``[{"role": "user", "parts" or
    "content": ...}]``): the texts of the messages whose role is the user's; None when it
    holds no such message."""
    import json

    try:
        data = json.loads(text)
    except ValueError:
        return None
    found: list[str] = []
    for m in data if isinstance(data, list) else [data]:
        if not isinstance(m, dict) or str(m.get("role", "")).lower() not in ("user", "human"):
            continue
        body = m.get("content", m.get("parts"))
        for part in body if isinstance(body, list) else [body]:
            if isinstance(part, str):
                found.append(part)
            elif isinstance(part, dict) and part.get("type", "text") == "text":
                words = part.get("text", part.get("content"))
                if isinstance(words, str):
                    found.append(words)
    return "\n".join(found) or None
