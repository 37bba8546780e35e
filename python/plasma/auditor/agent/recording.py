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

from plasma.auditor.agent.generic import find_patch

__all__ = ["is_event", "recording_steps"]

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


def _logged(lines: list[str]) -> list[dict[str, Any]]:
    """The runs and patches a stamped log reports (see the module docstring)."""
    stamps = [i for i, ln in enumerate(lines) if _STAMP.match(ln)]
    steps: list[dict[str, Any]] = []
    for n, i in enumerate(stamps):
        m = _STAMP.match(lines[i])
        assert m is not None
        head = m.group(1)
        end = stamps[n + 1] if n + 1 < len(stamps) else len(lines)
        body = [ln for ln in lines[i + 1 : end] if not _PROMPT.match(ln)]
        ended = _ENDED.search(head)
        if ended is not None:
            command = _unwrapped(head[: ended.start()])
            if not command or command.split("(", 1)[0].split()[0] in ("apply_patch",):
                continue  # (a patch's own report: the patch is read where it is shown)
            status = (
                int(ended.group(1))
                if ended.group(1) is not None
                else (0 if (ended.group(2) or "").lower() == "succeeded" else 1)
            )
            steps.append({"role": "assistant", "tool": "bash", "arguments": {"command": command}})
            out = "\n".join(body).strip("\n")
            steps.append(
                {
                    "role": "tool",
                    "content": out + "\n" if out else "",
                    "metadata": {"exit_code": status},
                }
            )
        elif head.rstrip().endswith(":") and body:
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
