"""Terminal recordings: a file of output events (``[time, "o", text]`` arrays, as terminal
recorders write them) read as what the terminal showed, then as the runs it shows.

The events' texts joined (escape sequences and carriage returns taken out) are the screen's
transcript. In it:

- a line that opens with a shell prompt (``user@host:dir$ ``) shows the keystrokes typed after
  it: a command run, its output the lines up to the next prompt; an agent's command line whose
  argument is a request in words (``agent-cli 'Please fix ...'``) states the user's task;
- a log line that opens with a stamp in brackets (``[2026-12-03T09:17:02]``, ``[12:01:07]``)
  and names a command with how it ended (``... exited 1``, ``... exit code 2``, ``...
  succeeded``, ``... failed``) reports a run: its output the lines up to the next stamped line;
- a stamped line ending with ``:`` above a patch (a unified diff, an ``apply_patch`` envelope,
  or files listed with git's status letters, ``A path`` / ``M path`` / ``D path``, each above
  its ``+`` / ``-`` lines) reports that patch.

The runs a stamped log reports stand for the keystrokes of the command that printed it (the
agent's own runs inside the agent's session); a screen with no such log is read by its prompts.
"""

from __future__ import annotations

import re
from typing import Any

from plasma.auditor.agent.generic import find_patch, looks_like_command

__all__ = ["is_event", "log_key", "log_steps", "recording_steps"]

_ESCAPE = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])")
_PROMPT = re.compile(r"^(?:[\w.-]+@[\w.-]+(?::[^\s#$]*)?\s?[#$%]|[\w.~/-]*\s?\$) (.*)$")
_STAMP = re.compile(r"^\[[^\]\n]{4,40}\]\s+(.*)$")
_ENDED = re.compile(
    r"(?i)\s+(?:(?:exited|exit(?:ed)? with(?: code| status)?|exit (?:code|status)|returned)"
    r"\s*:?\s*(-?\d{1,3})|(succeeded|failed))\b[^\n]*$"
)
_SHELL_WRAP = re.compile(r"^(?:/\S*/)?(?:ba|z|da)?sh\s+-l?c\s+(.+)$", re.S)
_STATUS_FILE = re.compile(r"^([AMD]) (\S+)$")
_PROSE_ARG = re.compile(r"""['"]([^'"\n]{30,})['"]""")
_LEVELLED = re.compile(
    r"^(?:\d{4}-\d\d-\d\d[T ][\d:.,]+Z?\s+|\d\d:\d\d:\d\d[.,\d]*\s+)?"
    r"(?:TRACE|DEBUG|INFO|NOTICE|WARN|WARNING|ERROR|CRITICAL|FATAL)\b:?\s+"
    r"(?:[A-Za-z_][\w.\-/\[\]]*:\s+)?(.*)$"
)
"""A log line under a level (and a logger's name): ``INFO runner.tools: ...``."""
_COUNTER = re.compile(r"^(?:turn|step|iteration|round|action)\s*#?\d+\s*[:.)-]\s*", re.I)
_SAID = re.compile(r"^([\w.$-]{1,24})\s*:\s+(.+)$", re.S)
"""``who: text`` (``task: ...``, ``assistant: ...``, ``bash: make test``)."""
_ASKERS = frozenset({"task", "prompt", "instruction", "instructions", "request", "user", "issue"})
_SPEAKERS = frozenset({"assistant", "agent", "model", "reply", "answer", "final", "response"})
_SHELL_TOOL = re.compile(
    r"(?i)(?:ba|z|da)?sh|shell|bash_tool|terminal|run(?:_command|_shell|_terminal_cmd)?"
    r"|exec(?:ute)?(?:_command)?|command|cmd"
)
"""The names a shell tool goes by in a log (``bash: make test``)."""
_HEREDOC = re.compile(r"<<-?\s*['\"]?([A-Za-z_]\w*)['\"]?")
_EDITS = re.compile(r"(?i)^\w*(?:edit|write|patch|replace|create|apply)\w*\b")
"""A log line naming an edit tool, above the diff of its edit."""


def is_event(raw: Any) -> bool:
    """Whether a JSON line is a recorder's event: ``[time, code, text]``."""
    return (
        isinstance(raw, list)
        and len(raw) == 3
        and isinstance(raw[0], int | float)
        and not isinstance(raw[0], bool)
        and isinstance(raw[1], str)
        and len(raw[1]) <= 2
        and isinstance(raw[2], str)
    )


def _transcript(events: list[list[Any]]) -> list[str]:
    text = "".join(e[2] for e in events if e[1] == "o")
    text = _ESCAPE.sub("", text).replace("\r\n", "\n")
    lines = []
    for ln in text.split("\n"):
        if "\r" in ln:  # a line rewritten in place: what it shows last
            ln = next((p for p in reversed(ln.split("\r")) if p), "")
        lines.append(ln.rstrip())
    return lines


def _unwrapped(command: str) -> str:
    """A command handed to a shell (``bash -lc 'cmd'``) as the command itself."""
    m = _SHELL_WRAP.match(command.strip())
    if m is None:
        return command.strip()
    inner = m.group(1).strip()
    if len(inner) >= 2 and inner[0] == inner[-1] == "'":
        return inner[1:-1].replace("'\\''", "'")
    if len(inner) >= 2 and inner[0] == inner[-1] == '"':
        return inner[1:-1].replace('\\"', '"')
    return inner


def _status_patch(lines: list[str]) -> str | None:
    """Files listed with git's status letters above their ``+`` / ``-`` lines, as an
    ``apply_patch`` envelope; None when the lines are not that."""
    out: list[str] = []
    current = ""
    for ln in lines:
        m = _STATUS_FILE.match(ln)
        if m is not None:
            letter, path = m.groups()
            current = letter
            out.append(
                {"A": "*** Add File: ", "M": "*** Update File: ", "D": "*** Delete File: "}[letter]
                + path
            )
            continue
        if not current or not ln:
            continue
        if ln.startswith(("+", "-", " ", "@@")):
            out.append(ln)
        else:
            return None
    if not out or not any(ln.startswith("*** ") for ln in out):
        return None
    return "*** Begin Patch\n" + "\n".join(out) + "\n*** End Patch\n"


def _head(line: str) -> str | None:
    """What a log line says after its stamp or its logger's prefix (``[12:01:07] ...``,
    ``INFO runner.tools: ...``, ``2026-12-03 09:17:02 WARN ...``), a turn's counter taken off
    (``turn 4: ...``); None for a line the log passes through (a command's output)."""
    m = _STAMP.match(line) or _LEVELLED.match(line)
    if m is None:
        return None
    return _COUNTER.sub("", m.group(1), count=1)


def _with_heredoc(command: str, body: list[str]) -> tuple[str, list[str]]:
    """A command whose heredoc's lines the log shows below it, joined to them (up to the
    delimiter); the rest of the lines are its output."""
    m = _HEREDOC.search(command)
    if m is None:
        return command, body
    for k, ln in enumerate(body):
        if ln.strip() == m.group(1):
            return "\n".join([command, *body[: k + 1]]), body[k + 1 :]
    return command, body


def _logged(lines: list[str]) -> list[dict[str, Any]]:
    """The runs and patches a stamped or levelled log reports (see the module docstring)."""
    stamps = [i for i, ln in enumerate(lines) if _head(ln) is not None]
    steps: list[dict[str, Any]] = []
    waiting: dict[str, Any] | None = None  # a run whose status a later line reports
    for n, i in enumerate(stamps):
        head = _head(lines[i])
        assert head is not None
        end = stamps[n + 1] if n + 1 < len(stamps) else len(lines)
        body = [ln for ln in lines[i + 1 : end] if not _PROMPT.match(ln)]
        ended = _ENDED.search(head)
        if (
            ended is not None
            and waiting is not None
            and _SHELL_TOOL.fullmatch(head[: ended.start()].strip())
        ):  # ``bash exited with status 2``: how the run above ended
            waiting["metadata"] = {"exit_code": _status(ended)}
            waiting = None
            continue
        said = _SAID.match(head)
        who = said.group(1).lower() if said is not None else ""
        if said is not None and who in _ASKERS | _SPEAKERS:
            # the task the log records, or what the agent said (whatever words it uses)
            role = "user" if who in _ASKERS else "assistant"
            steps.append({"role": role, "content": said.group(2).strip()})
            continue
        command = looks_like_command(said.group(2)) if ended is None and said else None
        if command is not None and _SHELL_TOOL.fullmatch(who):
            # ``bash: make test``: a run, its output the lines below, its status reported later
            command, body = _with_heredoc(command, body)
            out = "\n".join(body).strip("\n")
            steps.append({"role": "assistant", "tool": "bash", "arguments": {"command": command}})
            waiting = {"role": "tool", "content": out + "\n" if out else ""}
            steps.append(waiting)
            continue
        if ended is not None:
            command = _unwrapped(head[: ended.start()])
            if not command or command.split("(", 1)[0].split()[0] in ("apply_patch",):
                continue  # (a patch's own report: the patch is read where it is shown)
            status = _status(ended)
            steps.append({"role": "assistant", "tool": "bash", "arguments": {"command": command}})
            out = "\n".join(body).strip("\n")
            steps.append(
                {
                    "role": "tool",
                    "content": out + "\n" if out else "",
                    "metadata": {"exit_code": status},
                }
            )
        elif body and (head.rstrip().endswith(":") or _EDITS.match(head)):
            text = "\n".join(body)
            patch = find_patch(text) or _status_patch(body)
            if patch is not None:
                steps.append(
                    {"role": "assistant", "tool": "apply_patch", "arguments": {"input": patch}}
                )
                steps.append(
                    {"role": "tool", "content": "Success.\n", "metadata": {"exit_code": 0}}
                )
    return steps


def _status(ended: re.Match[str]) -> int:
    if ended.group(1) is not None:
        return int(ended.group(1))
    return 0 if (ended.group(2) or "").lower() == "succeeded" else 1


def log_key(records: list[dict[str, Any]]) -> str | None:
    """The key of a log export's records that holds the lines written (journald's, a
    container runtime's, a collector's record a line): the one whose values are most often
    words (text with a space) and differ from line to line, as written lines do and a
    record's labels (a host, a unit, a command line, a time) do not; None when no key holds
    words on most lines."""
    best, best_count = None, 0
    keys = {k for r in records for k, v in r.items() if isinstance(v, str)}
    for key in sorted(keys):
        values = [r.get(key) for r in records]
        worded = {v for v in values if isinstance(v, str) and " " in v.strip()}
        if len(worded) > best_count:
            best, best_count = key, len(worded)
    if best is None or best_count < max(3, len(records) // 2):
        return None
    return best


def log_steps(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The steps a log export's records report (their written lines, in order, read as a
    stamped or levelled log: see the module docstring); none when they report no run."""
    key = log_key(records)
    if key is None:
        return []
    lines = [
        ln.rstrip()
        for r in records
        if isinstance(r.get(key), str)
        for ln in _ESCAPE.sub("", str(r[key])).split("\n")
    ]
    steps = _logged(lines)
    return steps if any(s.get("tool") for s in steps) else []


def recording_steps(events: list[list[Any]]) -> list[dict[str, Any]]:
    """The steps a terminal recording shows (see the module docstring), in order."""
    lines = _transcript(events)
    prompts = [i for i, ln in enumerate(lines) if _PROMPT.match(ln)]
    steps: list[dict[str, Any]] = []
    for n, i in enumerate(prompts):
        m = _PROMPT.match(lines[i])
        assert m is not None
        typed = m.group(1).strip()
        end = prompts[n + 1] if n + 1 < len(prompts) else len(lines)
        shown = lines[i + 1 : end]
        while typed.endswith("\\") or (shown and shown[0].startswith("> ")):
            # a command continued on the next lines (a heredoc's ``> `` lines, a backslash)
            if not shown:
                break
            typed = typed.rstrip("\\") + "\n" + shown[0].removeprefix("> ")
            shown = shown[1:]
        if not typed:
            continue
        asked = _PROSE_ARG.search(typed)
        if asked is not None and len(asked.group(1).split()) >= 6:
            steps.append({"role": "user", "content": asked.group(1)})
        inner = _logged(shown)
        if inner:
            steps += inner  # (the agent's own runs, inside the session the command started)
            continue
        steps.append({"role": "assistant", "tool": "bash", "arguments": {"command": typed}})
        out = "\n".join(shown).strip("\n")
        steps.append({"role": "tool", "content": out + "\n" if out else ""})
    if not prompts:
        steps = _logged(lines)
    return steps
