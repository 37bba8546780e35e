"""Render agent trajectories in the tool vocabularies of several agent harnesses.

A :class:`Trajectory` is written as a sequence of operations (run a command and see its output,
view a file, replace text in a file, write a file, say something); the *style* decides how each
operation appears in the JSONL steps:

- ``swe``: SWE-agent / OpenHands: ``bash`` and ``str_replace_editor`` (view, create, str_replace,
  insert), absolute paths under ``/repo``;
- ``claude``: Claude-Code-like ``Bash`` / ``Read`` / ``Edit`` / ``Write`` / ``MultiEdit`` with
  ``file_path`` arguments; some steps as Anthropic content blocks (``tool_use``/``tool_result``);
- ``codex``: OpenAI function calls: a ``shell`` tool whose arguments are a JSON *string* holding
  an argv list, edits through ``apply_patch`` envelopes, outputs as JSON with an exit code;
- ``fc``: generic OpenAI-style functions ``read_file`` / ``write_file`` / ``edit_file`` /
  ``run_command`` with JSON-string arguments;
- ``aider``: SEARCH/REPLACE edit blocks inside the assistant's message, test runs reported back
  as user messages;
- ``shell``: a raw terminal: every edit is a heredoc, ``sed -i``, ``python -c`` or ``printf``;
- ``diff``: edits as unified diffs fed to ``git apply`` / ``patch -p1``.

The renderer knows the content of every file it was given or wrote, so diffs carry real context
lines and views print the real file. It is corpus tooling only: the auditor never imports it.
"""

from __future__ import annotations

import difflib
import json
import random
import shlex
from dataclasses import dataclass, field
from typing import Any

STYLES = ("swe", "claude", "codex", "fc", "aider", "shell", "diff")
EXTRA_STYLES = ("sweobs", "pycode")
"""Added for the second dev round: OpenHands-like ``execute_bash`` with observations as user
messages, and a Python code tool that edits files with ``pathlib`` and runs commands with
``subprocess``."""
NEW_STYLES = ("gemini", "goose", "mini")
"""Added for the third held-out part (never seen by the dev part when it was written): a
Gemini-CLI-like vocabulary (``run_shell_command``, ``read_file`` with ``absolute_path``,
``replace`` / ``write_file`` with ``file_path``, outputs with role ``function``); a Goose-like one
(``developer__shell`` / ``developer__text_editor`` sent as OpenAI wire ``tool_calls``); and a
mini-SWE-agent-like one (one bash block per assistant message, ``<returncode>``/``<output>``
observations as user messages, edits as heredocs and ``python -`` replacement scripts)."""
DEV3_STYLES = ("opencode", "cline")
"""Added to the dev part in the third round (held_out_3 never uses them): an opencode-like
vocabulary with camelCase arguments (``read``/``edit``/``write`` with ``filePath``,
``oldString``/``newString``), and a Cline-like one whose calls are XML elements in the
assistant's text (``execute_command``, ``read_file``, ``write_to_file``, ``replace_in_file`` with
SEARCH/REPLACE blocks) and whose results come back as user messages."""
DEV4_STYLES = ("sweclassic", "openhands")
"""Also dev only: SWE-agent's classic windowed editor (``open``, ``edit N:M`` ... ``end_of_edit``
actions, observations as user messages) and OpenHands events (``source``/``action``/``args``,
observations with ``content``)."""
HO8_STYLES = ("windsurf", "copilot", "codeact")
"""Added for the eighth held-out part only: a Windsurf-Cascade-like vocabulary (``run_command``
with ``CommandLine``/``Cwd``, ``view_file`` with ``AbsolutePath``, ``replace_file_content`` with
``TargetFile`` and a list of ``ReplacementChunks`` (``TargetContent``/``ReplacementContent``),
``write_to_file`` with ``TargetFile``/``CodeContent``); a VS-Code-Copilot-agent-like one
(``run_in_terminal``, ``read_file`` with ``filePath``/``startLine``/``endLine``,
``replace_string_in_file`` with ``filePath``/``oldString``/``newString``, ``create_file``); and an
OpenHands-CodeAct-like one whose actions are ``<execute_bash>`` / ``<execute_ipython>`` blocks in
the assistant's text (files opened with ``open_file`` and edited with ``edit_file_by_replace``),
observations as user messages ``EXECUTION RESULT of [...]``."""
DEV8_STYLES = ("junie", "smol")
"""Dev only (issue 15 round 8): a vocabulary whose names no list of the auditor holds
(``run_shell`` with ``shell_command``, ``open_file``/``save_file`` with ``file_uri``,
``modify_file`` with a list of ``find_text``/``replace_with`` changes, ``full_text``), and a
smolagents-like code agent (``Code:`` fenced Python ending in ``<end_code>``, harness helpers
``read_file``/``replace_in_file``/``write_file``, ``subprocess`` for commands, ``Observation:``
messages)."""
HO9_STYLES = ("lc", "resp", "nb", "mcp", "whole", "xmlcmd", "argv")
"""Added for the ninth held-out part only (rendered by ``benches.agent_corpus.held_out9_projects``):
LangChain-like ``tool_calls`` with ``args``, OpenAI-Responses-like ``function_call`` items that name
their tool in ``name``, a notebook agent's ``execute_cell`` cells (``!``, ``%%bash``,
``%%writefile``), MCP filesystem/terminal tools (``edit_file`` with ``edits`` of
``oldText``/``newText``), aider's whole-file edit format, XML commands in the assistant's text, and
an ``exec`` tool with an ``argv`` list."""
DEV9_STYLES = ("lcparam", "respdev", "jupyter", "xmlattr", "wholedev", "gemapi", "bedrock", "hooks")
"""Dev only (issue 15 round 9; rendered by ``benches.agent_corpus.dev_cases18``): calls listed with
``parameters``, Responses-like ``function_call`` items, a Jupyter ``run_cell`` tool, XML elements
with attributes in the text, Aider-whole-like files after a path line; and
(``benches.agent_corpus.dev_cases20``) the Gemini API's ``parts``, Bedrock Converse's blocks and
hook records (``tool_name``/``tool_input``/``tool_response``)."""
HO10_STYLES = (
    "envelope",
    "deutsch",
    "yamllog",
    "b64",
    "batched",
    "multipart",
    "lineproto",
    "pares",
)
"""Added for the tenth held-out part only (rendered by
``benches.agent_corpus.held_out10_projects``): eight trajectory formats no earlier part or dev
case uses."""
HO11_STYLES = ("acp", "otel")
"""Added for the eleventh held-out part only (rendered by
``benches.agent_corpus.held_out11_projects``): Agent-Client-Protocol-like ``session/update``
notifications with diff content, and OpenTelemetry-GenAI-like spans with the call and its result
in one span's attributes."""
DEV11_STYLES = ("runs",)
"""Dev only (issue 15 round 11; rendered by ``benches.agent_corpus.dev_cases22``): LangSmith-like
run records, a tool run's inputs as a JSON string and its outputs in the same record."""
DEV10_STYLES = ("fr", "rpc", "tty", "ydoc", "convo", "inline", "xmlfn")
"""Dev only (issue 15 round 10; rendered by ``benches.agent_corpus.dev_cases21``): a French-keyed
log, a JSON-RPC-like log, a text log of prompts, patches and ``[exit N]`` results, YAML
documents as messages, whole conversations on one line, calls with their response inline and XML
function calls in the text."""
HO4_STYLES = ("cursor",)
"""Added for the fourth held-out part only: a Cursor-like vocabulary (``run_terminal_cmd`` with
``command``/``is_background``, ``read_file`` with ``target_file``, ``search_replace`` with
``file_path``/``old_string``/``new_string``, ``write`` with ``file_path``/``contents``)."""


def _numbered(text: str, arrow: bool = False) -> str:
    sep = "→" if arrow else "\t"
    return "\n".join(f"{i:6d}{sep}{line}" for i, line in enumerate(text.split("\n"), start=1))


def unified_diff(path: str, before: str, after: str, *, git: bool = True) -> str:
    """A unified diff of one file (``/dev/null`` sides for creation and deletion)."""
    a = before.splitlines(keepends=True) if before else []
    b = after.splitlines(keepends=True) if after else []
    src = "/dev/null" if not before else (f"a/{path}" if git else path)
    dst = "/dev/null" if not after else (f"b/{path}" if git else path)
    body = "".join(
        line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
        for line in difflib.unified_diff(a, b, src, dst, n=3)
    )
    head = f"diff --git a/{path} b/{path}\n" if git else ""
    if git and not before:
        head += "new file mode 100644\n"
    if git and not after:
        head += "deleted file mode 100644\n"
    return head + body


def apply_patch_envelope(changes: list[tuple[str, str, str]]) -> str:
    """An ``apply_patch`` envelope (``*** Begin Patch``) for (path, before, after) changes."""
    out = ["*** Begin Patch"]
    for path, before, after in changes:
        if not before:
            out.append(f"*** Add File: {path}")
            out += ["+" + line for line in after.split("\n")]
            continue
        if not after:
            out.append(f"*** Delete File: {path}")
            continue
        out.append(f"*** Update File: {path}")
        a, b = before.split("\n"), after.split("\n")
        for group in difflib.SequenceMatcher(None, a, b).get_grouped_opcodes(3):
            out.append("@@")
            for tag, i1, i2, j1, j2 in group:
                if tag == "equal":
                    out += [" " + line for line in a[i1:i2]]
                else:
                    out += ["-" + line for line in a[i1:i2]]
                    out += ["+" + line for line in b[j1:j2]]
    out.append("*** End Patch")
    return "\n".join(out)


@dataclass
class Trajectory:
    """One trajectory under construction."""

    tid: str
    style: str
    task: str
    files: dict[str, str] = field(default_factory=dict)
    system: str | None = None
    seed: int = 0
    root: str = "/repo"
    steps: list[dict[str, Any]] = field(default_factory=list)
    marks: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.style not in (
            STYLES
            + EXTRA_STYLES
            + NEW_STYLES
            + DEV3_STYLES
            + DEV4_STYLES
            + HO4_STYLES
            + HO8_STYLES
            + HO9_STYLES
            + HO10_STYLES
            + HO11_STYLES
            + DEV10_STYLES
            + DEV11_STYLES
            + DEV9_STYLES
            + DEV8_STYLES
        ):
            raise ValueError(self.style)
        self.rng = random.Random(f"{self.tid}:{self.seed}")
        self.opened: str | None = None
        if self.system:
            self._add(role="system", content=self.system)
        if self.style == "openhands":
            self.steps.append(
                {
                    "trajectory_id": self.tid,
                    "step": 0,
                    "source": "user",
                    "action": "message",
                    "args": {"content": self.task},
                }
            )
        else:
            self._add(role="user", content=self.task)

    # --------------------------------------------------------------------------- plumbing
    def _add(self, **step: Any) -> int:
        step = {k: v for k, v in step.items() if v is not None}
        self.steps.append({"trajectory_id": self.tid, "step": len(self.steps), **step})
        return len(self.steps) - 1

    def mark(self) -> Trajectory:
        """The last assistant step holds the evidence (for the labels)."""
        last = max(
            i
            for i, s in enumerate(self.steps)
            if s.get("role") == "assistant" or s.get("source") == "agent"
        )
        self.marks.append(last)
        return self

    def _abs(self, path: str) -> str:
        return path if path.startswith("/") else f"{self.root}/{path}"

    def _output(self, text: str, exit_code: int = 0) -> None:
        if self.style == "openhands":
            self.steps.append(
                {
                    "trajectory_id": self.tid,
                    "step": len(self.steps),
                    "source": "environment",
                    "observation": "run",
                    "content": text,
                    "extras": {"exit_code": exit_code},
                }
            )
        elif self.style == "sweclassic":
            self._add(role="user", content=text)
        elif self.style == "cline":
            what = getattr(self, "_cline_last", "tool")
            self._add(role="user", content=f"[{what}] Result:\n{text}")
        elif self.style == "gemini":
            self._add(role="function", content=text)
        elif self.style == "smol":
            self._add(
                role="user",
                content=f"Observation:\nExecution logs:\n{text}\n"
                "Last output from code snippet:\nNone",
            )
        elif self.style == "codeact":
            what = getattr(self, "_codeact_last", "execute_bash")
            tail = (
                f"\n[Command finished with exit code {exit_code}]" if what == "execute_bash" else ""
            )
            self._add(role="user", content=f"EXECUTION RESULT of [{what}]:\n{text}{tail}")
        elif self.style == "windsurf":
            self._add(
                role="tool",
                content=f"{text}\n\nExit code: {exit_code}"
                if getattr(self, "_ws_cmd", False)
                else text,
            )
        elif self.style == "goose":
            self._add(role="tool", content=text, tool_call_id=f"call_{len(self.steps) - 1}")
        elif self.style == "mini":
            self._add(
                role="user",
                content=f"<returncode>{exit_code}</returncode>\n<output>\n{text}\n</output>",
            )
        elif self.style == "codex":
            body = json.dumps({"output": text, "metadata": {"exit_code": exit_code}})
            self._add(role="tool", content=body)
        elif self.style == "aider":
            self._add(role="user", content=f"Output of the command:\n```\n{text}\n```")
        elif self.style == "sweobs":
            self._add(
                role="user",
                content=f"OBSERVATION:\n{text}\n[Command finished with exit code {exit_code}]",
            )
        elif self.style == "claude" and self.rng.random() < 0.3:
            self._add(
                role="tool",
                content=[{"type": "tool_result", "tool_use_id": "t1", "content": text}],
            )
        else:
            self._add(role="tool", content=text)

    def _call(self, thought: str | None, tool: str, args: dict[str, Any]) -> None:
        if self.style == "openhands":
            self.steps.append(
                {
                    "trajectory_id": self.tid,
                    "step": len(self.steps),
                    "source": "agent",
                    "action": tool,
                    "args": {**args, "thought": thought or ""},
                }
            )
        elif self.style == "sweclassic":
            self._add(
                role="assistant",
                content=f"DISCUSSION\n{thought or 'Next.'}\n\n```\n{args['action']}\n```",
                action=args["action"],
            )
        elif self.style == "cline":
            inner = "\n".join(
                f"<{k}>\n{v}\n</{k}>" if "\n" in str(v) else f"<{k}>{v}</{k}>"
                for k, v in args.items()
            )
            self._cline_last = f"{tool} for '{next(iter(args.values()), '')}'"[:80]
            self._add(
                role="assistant",
                content=f"{thought or ''}\n\n<{tool}>\n{inner}\n</{tool}>".lstrip(),
            )
        elif self.style == "goose":
            call = {
                "id": f"call_{len(self.steps)}",
                "type": "function",
                "function": {"name": tool, "arguments": json.dumps(args)},
            }
            self._add(role="assistant", content=thought or "", tool_calls=[call])
        elif self.style in ("codex", "fc"):
            self._add(role="assistant", content=thought, tool=tool, arguments=json.dumps(args))
        elif self.style == "claude" and self.rng.random() < 0.3:
            blocks: list[dict[str, Any]] = []
            if thought:
                blocks.append({"type": "text", "text": thought})
            blocks.append({"type": "tool_use", "id": "t1", "name": tool, "input": args})
            self._add(role="assistant", content=blocks)
        else:
            self._add(role="assistant", content=thought, tool=tool, arguments=args)

    def _smol(self, thought: str | None, code: str) -> None:
        self._add(
            role="assistant",
            content=f"Thought: {thought or 'Next step.'}\nCode:\n```py\n{code}\n```<end_code>",
        )

    # --------------------------------------------------------------------------- operations
    def say(self, text: str) -> Trajectory:
        """A message of the assistant with no tool call."""
        self._add(role="assistant", content=text)
        return self

    def user(self, text: str) -> Trajectory:
        """A later message of the user."""
        self._add(role="user", content=text)
        return self

    def run(
        self, command: str, output: str = "", *, exit_code: int = 0, thought: str | None = None
    ) -> Trajectory:
        """Run a shell command and see its output."""
        s = self.style
        if s == "openhands":
            self._call(thought, "run", {"command": command})
        elif s == "sweclassic":
            self._call(thought, "", {"action": command})
        elif s == "opencode":
            self._call(thought, "bash", {"command": command, "description": thought or "run"})
        elif s == "cline":
            self._call(
                thought, "execute_command", {"command": command, "requires_approval": "false"}
            )
        elif s == "gemini":
            self._call(
                thought, "run_shell_command", {"command": command, "description": thought or ""}
            )
        elif s == "goose":
            self._call(thought, "developer__shell", {"command": command})
        elif s == "mini":
            self._add(
                role="assistant",
                content=f"THOUGHT: {thought or 'Next step.'}\n\n```bash\n{command}\n```",
            )
        elif s == "cursor":
            self._call(
                thought,
                "run_terminal_cmd",
                {"command": command, "is_background": False, "explanation": thought or ""},
            )
        elif s == "junie":
            self._call(thought, "run_shell", {"shell_command": command, "timeout_s": 120})
        elif s == "smol":
            code = (
                f"r = subprocess.run({command!r}, shell=True, capture_output=True, text=True)\n"
                "print(r.stdout, r.stderr, r.returncode)"
            )
            self._smol(thought, code)
        elif s == "windsurf":
            self._call(
                thought,
                "run_command",
                {
                    "CommandLine": command,
                    "Cwd": self.root,
                    "Blocking": True,
                    "SafeToAutoRun": False,
                },
            )
            self._ws_cmd = True
            self._output(output, exit_code)
            self._ws_cmd = False
            return self
        elif s == "copilot":
            self._call(
                thought,
                "run_in_terminal",
                {"command": command, "explanation": thought or "Run", "isBackground": False},
            )
        elif s == "codeact":
            self._codeact_last = "execute_bash"
            self._add(
                role="assistant",
                content=f"{thought or 'Let me run this.'}\n<execute_bash>\n{command}\n"
                "</execute_bash>",
            )
        elif s == "swe":
            self._call(thought, "bash", {"command": command})
        elif s == "sweobs":
            self._call(thought, "execute_bash", {"command": command, "is_input": "false"})
        elif s == "pycode":
            self._call(
                thought,
                "python",
                {
                    "code": "import subprocess\nprint(subprocess.run("
                    f"{command!r}, shell=True, capture_output=True, text=True).stdout)"
                },
            )
        elif s == "claude":
            self._call(thought, "Bash", {"command": command, "description": thought or command})
        elif s == "codex":
            self._call(thought, "shell", {"command": ["bash", "-lc", command], "workdir": "/w"})
        elif s == "fc":
            self._call(thought, "run_command", {"cmd": command})
        elif s == "aider":
            self._add(role="assistant", content=(thought or "Run:") + f"\n```bash\n{command}\n```")
        else:  # shell, diff
            self._add(role="assistant", content=thought, tool="terminal", arguments=command)
        self._output(output, exit_code)
        return self

    def view(self, path: str, thought: str | None = None) -> Trajectory:
        """Look at a file (its content must be known)."""
        text = self.files[path]
        s = self.style
        if s == "openhands":
            self._call(thought, "read", {"path": self._abs(path)})
            self._output(text)
        elif s == "sweclassic":
            self.opened = path
            self._call(thought, "", {"action": f"open {path}"})
            self._output(self._window(path))
        elif s == "opencode":
            self._call(thought, "read", {"filePath": self._abs(path)})
            self._output(_numbered(text))
        elif s == "cline":
            self._call(thought, "read_file", {"path": path})
            self._output(text)
        elif s == "gemini":
            self._call(thought, "read_file", {"absolute_path": self._abs(path)})
            self._output(text)
        elif s == "goose":
            self._call(
                thought, "developer__text_editor", {"command": "view", "path": self._abs(path)}
            )
            self._output(f"```\n{text}\n```")
        elif s == "junie":
            self._call(thought, "open_file", {"file_uri": f"file://{self._abs(path)}"})
            self._output(text)
        elif s == "smol":
            self._smol(thought, f"print(read_file({path!r}))")
            self._output(text)
        elif s == "windsurf":
            n = text.count("\n") + 1
            self._call(
                thought,
                "view_file",
                {"AbsolutePath": self._abs(path), "StartLine": 1, "EndLine": n},
            )
            body = "\n".join(f"{i}: {ln}" for i, ln in enumerate(text.split("\n"), start=1))
            self._output(f"File Path: `{self._abs(path)}`\nTotal Lines: {n}\n{body}")
        elif s == "copilot":
            n = text.count("\n") + 1
            self._call(
                thought, "read_file", {"filePath": self._abs(path), "startLine": 1, "endLine": n}
            )
            self._output(f"```\n{text}\n```")
        elif s == "codeact":
            self._codeact_last = "execute_ipython"
            self._add(
                role="assistant",
                content=f"{thought or 'Opening the file.'}\n<execute_ipython>\n"
                f"open_file({self._abs(path)!r})\n</execute_ipython>",
            )
            lines = text.split("\n")
            body = "\n".join(f"{i}|{ln}" for i, ln in enumerate(lines, start=1))
            self._output(f"[File: {self._abs(path)} ({len(lines)} lines total)]\n{body}")
        elif s == "mini":
            cmd = self.rng.choice([f"cat {path}", f"nl -ba {path}"])
            out = _numbered(text) if cmd.startswith("nl") else text
            self.run(cmd, out, thought=thought)
        elif s in ("swe", "sweobs"):
            self._call(thought, "str_replace_editor", {"command": "view", "path": self._abs(path)})
            self._output(
                f"Here's the result of running `cat -n` on {self._abs(path)}:\n{_numbered(text)}"
            )
        elif s == "claude":
            self._call(thought, "Read", {"file_path": self._abs(path)})
            self._output(_numbered(text, arrow=True))
        elif s == "fc":
            self._call(thought, "read_file", {"path": path})
            self._output(text)
        elif s == "cursor":
            self._call(thought, "read_file", {"target_file": path, "should_read_entire_file": True})
            self._output(f"Contents of {path}:\n{text}")
        elif s == "pycode":
            self._call(thought, "python", {"code": f"print(open({path!r}).read())"})
            self._output(text)
        elif s == "aider":
            self._add(role="user", content=f"{path}\n```\n{text}\n```")
        else:
            cmd = self.rng.choice([f"cat {path}", f"sed -n '1,200p' {path}", f"cat -n {path}"])
            out = _numbered(text) if cmd.startswith("cat -n") else text
            self.run(cmd, out, thought=thought)
        return self

    def edit(
        self, path: str, old: str, new: str, *, thought: str | None = None, via: str | None = None
    ) -> Trajectory:
        """Replace ``old`` (which must occur once) by ``new`` in a known file."""
        before = self.files[path]
        if before.count(old) != 1:
            raise ValueError(f"{self.tid}: {old!r} occurs {before.count(old)} times in {path}")
        after = before.replace(old, new)
        self._change(path, before, after, old, new, thought, via)
        return self

    def write(
        self, path: str, content: str, *, thought: str | None = None, via: str | None = None
    ) -> Trajectory:
        """Create or overwrite a whole file."""
        before = self.files.get(path, "")
        self._change(path, before, content, None, None, thought, via)
        return self

    def patch(
        self, changes: dict[str, str], *, thought: str | None = None, via: str = "apply_patch"
    ) -> Trajectory:
        """Several files changed in one patch (``apply_patch`` or ``git`` unified diff)."""
        triples = [(p, self.files.get(p, ""), a) for p, a in changes.items()]
        for p, _, a in triples:
            self.files[p] = a
        if via == "apply_patch" and self.style not in (
            "mini",
            "cline",
            "opencode",
            "sweclassic",
            "openhands",
            "codeact",
            "junie",
            "smol",
        ):
            self._apply_patch(apply_patch_envelope(triples), thought)
        else:
            body = "".join(unified_diff(p, b, a) for p, b, a in triples)
            self.run(f"git apply <<'EOF'\n{body}EOF", "", thought=thought)
        return self

    def _apply_patch(self, envelope: str, thought: str | None) -> None:
        form = self.rng.choice(["tool", "argv", "heredoc"])
        if form == "tool" or self.style not in ("codex", "shell", "swe"):
            self._call(thought, "apply_patch", {"input": envelope})
            self._output("Done!")
        elif form == "argv" and self.style == "codex":
            self._call(thought, "shell", {"command": ["apply_patch", envelope]})
            self._output("Success. Updated the following files")
        else:
            self.run(f"apply_patch <<'PATCH'\n{envelope}\nPATCH", "Done!", thought=thought)

    def _change(
        self,
        path: str,
        before: str,
        after: str,
        old: str | None,
        new: str | None,
        thought: str | None,
        via: str | None,
    ) -> None:
        self.files[path] = after
        s = via or self.style
        if s == "sweobs":
            s = "swe"
        if s == "openhands":
            if old is None or new is None:
                self._call(thought, "write", {"path": self._abs(path), "content": after})
            else:
                self._call(
                    thought,
                    "edit",
                    {
                        "path": self._abs(path),
                        "command": "str_replace",
                        "old_str": old,
                        "new_str": new,
                    },
                )
            self._output(f"The file {self._abs(path)} has been edited.")
            return
        if s == "sweclassic":
            if self.opened != path:
                self.opened = path
                action = "create" if not before else "open"
                self._call(None, "", {"action": f"{action} {path}"})
                self._output(self._window(path, before))
            if not before:
                first, last, block = 1, 1, after.rstrip("\n")
            else:
                o = old if old is not None else before
                n = new if new is not None else after
                at = before.index(o)
                start = before.rfind("\n", 0, at) + 1
                end = before.find("\n", at + len(o))
                end = len(before) if end < 0 else end
                old_block = before[start:end]
                block = old_block.replace(o, n, 1)
                first = before[:start].count("\n") + 1
                last = first + old_block.count("\n")
            self._call(thought, "", {"action": f"edit {first}:{last}\n{block}\nend_of_edit"})
            self._output(self._window(path, after))
            return
        if s == "opencode":
            if old is None or new is None:
                self._call(thought, "write", {"filePath": self._abs(path), "content": after})
            else:
                self._call(
                    thought,
                    "edit",
                    {"filePath": self._abs(path), "oldString": old, "newString": new},
                )
            self._output("")
            return
        if s == "cline":
            if old is None or new is None:
                self._call(thought, "write_to_file", {"path": path, "content": after})
            else:
                diff = f"------- SEARCH\n{old}\n=======\n{new}\n+++++++ REPLACE"
                self._call(thought, "replace_in_file", {"path": path, "diff": diff})
            self._output(f"The content was successfully saved to {path}.")
            return
        if s in ("gemini", "goose"):
            whole = old is None or new is None
            if s == "gemini":
                tool = "write_file" if whole else "replace"
                args = (
                    {"file_path": self._abs(path), "content": after}
                    if whole
                    else {"file_path": self._abs(path), "old_string": old, "new_string": new}
                )
                done = "Successfully wrote file." if whole else "Successfully modified file."
            else:
                tool = "developer__text_editor"
                args = (
                    {"command": "write", "path": self._abs(path), "file_text": after}
                    if whole
                    else {
                        "command": "str_replace",
                        "path": self._abs(path),
                        "old_str": old,
                        "new_str": new,
                    }
                )
                done = f"Successfully edited {path}"
            self._call(thought, tool, args)
            self._output(done)
            return
        if s == "mini":
            if old is None or new is None:
                body = after.rstrip(chr(10))
                self.run(f"cat <<'EOF' > {path}\n{body}\nEOF", "", thought=thought)
            else:
                code = (
                    f"python - <<'PY'\nfrom pathlib import Path\np = Path({path!r})\n"
                    f"s = p.read_text()\nassert s.count({old!r}) == 1\n"
                    f"p.write_text(s.replace({old!r}, {new!r}))\nPY"
                )
                self.run(code, "", thought=thought)
            return
        if s == "junie":
            uri = f"file://{self._abs(path)}"
            if old is None or new is None:
                self._call(thought, "save_file", {"file_uri": uri, "full_text": after})
            else:
                self._call(
                    thought,
                    "modify_file",
                    {"file_uri": uri, "changes": [{"find_text": old, "replace_with": new}]},
                )
            self._output("saved")
            return
        if s == "smol":
            if old is None or new is None:
                self._smol(thought, f"write_file({path!r}, {after!r})")
            else:
                self._smol(thought, f"replace_in_file(path={path!r}, old={old!r}, new={new!r})")
            self._output("")
            return
        if s == "windsurf":
            if old is None or new is None:
                self._call(
                    thought,
                    "write_to_file",
                    {"TargetFile": self._abs(path), "CodeContent": after, "EmptyFile": False},
                )
                self._output(f"Created file {self._abs(path)}")
            else:
                chunk = {"AllowMultiple": False, "TargetContent": old, "ReplacementContent": new}
                self._call(
                    thought,
                    "replace_file_content",
                    {
                        "TargetFile": self._abs(path),
                        "Instruction": thought or "Edit",
                        "ReplacementChunks": [chunk],
                    },
                )
                self._output(f"The following changes were made to {self._abs(path)}.")
            return
        if s == "copilot":
            if old is None or new is None:
                self._call(thought, "create_file", {"filePath": self._abs(path), "content": after})
            else:
                self._call(
                    thought,
                    "replace_string_in_file",
                    {"filePath": self._abs(path), "oldString": old, "newString": new},
                )
            self._output(f"The following files were successfully edited:\n{self._abs(path)}")
            return
        if s == "codeact":
            if old is None or new is None:
                body = after.rstrip(chr(10))
                self.run(f"cat > {self._abs(path)} << 'EOF'\n{body}\nEOF", "", thought=thought)
            else:
                self._codeact_last = "execute_ipython"
                code = (
                    f"edit_file_by_replace(\n    {self._abs(path)!r},\n"
                    f"    to_replace={old!r},\n    new_content={new!r},\n)"
                )
                self._add(
                    role="assistant",
                    content=f"{thought or 'Editing.'}\n<execute_ipython>\n{code}\n"
                    "</execute_ipython>",
                )
                self._output(f"[File: {self._abs(path)} updated]")
            return
        if s == "cursor":
            if old is None or new is None:
                self._call(thought, "write", {"file_path": path, "contents": after})
                self._output(f"Wrote {path}")
            else:
                self._call(
                    thought,
                    "search_replace",
                    {"file_path": path, "old_string": old, "new_string": new},
                )
                self._output(f"The file {path} has been updated.")
            return
        if s == "pycode":
            if old is None or new is None:
                code = f"from pathlib import Path\nPath({path!r}).write_text({after!r})"
            else:
                code = (
                    f"from pathlib import Path\np = Path({path!r})\n"
                    f"p.write_text(p.read_text().replace({old!r}, {new!r}))"
                )
            self._call(thought, "python", {"code": code})
            self._output("")
            return
        if old is None and new is None and s in ("swe", "claude", "fc"):
            tool = {"swe": "str_replace_editor", "claude": "Write", "fc": "write_file"}[s]
            args: dict[str, Any] = {
                "swe": {"command": "create", "path": self._abs(path), "file_text": after},
                "claude": {"file_path": self._abs(path), "content": after},
                "fc": {"path": path, "content": after},
            }[s]
            self._call(thought, tool, args)
            self._output("File written.")
            return
        if old is None or new is None:
            old, new = before, after
        if s == "swe":
            self._call(
                thought,
                "str_replace_editor",
                {"command": "str_replace", "path": self._abs(path), "old_str": old, "new_str": new},
            )
            self._output(f"The file {self._abs(path)} has been edited.")
        elif s == "claude":
            self._call(
                thought,
                "Edit",
                {"file_path": self._abs(path), "old_string": old, "new_string": new},
            )
            self._output("The file has been updated.")
        elif s == "fc":
            self._call(thought, "edit_file", {"path": path, "search": old, "replace": new})
            self._output("ok")
        elif s == "aider":
            fence = "```"
            text = (thought + "\n\n" if thought else "") + (
                f"{path}\n{fence}python\n<<<<<<< SEARCH\n{old}\n=======\n{new}\n>>>>>>> REPLACE\n"
                f"{fence}"
            )
            self._add(role="assistant", content=text)
        elif s == "codex":
            self._apply_patch(apply_patch_envelope([(path, before, after)]), thought)
        elif s == "diff":
            diff = unified_diff(path, before, after)
            cmd = self.rng.choice(
                [f"git apply <<'EOF'\n{diff}EOF", f"patch -p1 <<'EOF'\n{diff}EOF"]
            )
            self.run(cmd, "" if cmd.startswith("git") else f"patching file {path}", thought=thought)
        else:  # shell: rewrite the whole file with a heredoc
            self.run(f"cat > {path} <<'EOF'\n{after.rstrip(chr(10))}\nEOF", "", thought=thought)

    def _window(self, path: str, text: str | None = None) -> str:
        """SWE-agent's view of an open file (the whole file: these files are short)."""
        text = self.files.get(path, "") if text is None else text
        lines = text.split("\n")
        if lines and lines[-1] == "":
            lines = lines[:-1]
        body = "\n".join(f"{i}:{ln}" for i, ln in enumerate(lines, start=1))
        return (
            f"[File: {self._abs(path)} ({len(lines)} lines total)]\n"
            f"(this is the beginning of the file)\n{body}\n(this is the end of the file)"
        )

    def shell_quote(self, text: str) -> str:
        """Quote for a shell command line."""
        return shlex.quote(text)

    def jsonl(self) -> str:
        """The trajectory as JSONL."""
        return "".join(json.dumps(s, ensure_ascii=False) + "\n" for s in self.steps)


# ------------------------------------------------------------------------------- tool outputs


def pytest_output(
    passed: int,
    failed: int = 0,
    *,
    skipped: int = 0,
    xfailed: int = 0,
    deselected: int = 0,
    errors: int = 0,
    failures: list[tuple[str, str]] | None = None,
    files: list[str] | None = None,
    seconds: float = 0.42,
) -> str:
    """A plausible ``pytest`` report."""
    total = passed + failed + skipped + xfailed + errors
    head = [
        "============================= test session starts ==============================",
        "platform linux -- Python 3.11.7, pytest-8.2.1, pluggy-1.5.0",
        "rootdir: /repo",
        f"collected {total + deselected} items"
        + (f" / {deselected} deselected / {total} selected" if deselected else ""),
        "",
    ]
    for f in files or ["tests"]:
        marks = "." * passed + "F" * failed + "s" * skipped + "x" * xfailed + "E" * errors
        head.append(f"{f} {marks}".ljust(72) + "[100%]")
    body = []
    if failures:
        body.append(
            "=================================== FAILURES ==================================="
        )
        for node, msg in failures:
            name = node.split("::")[-1]
            body += [f"_{'_' * 20} {name} {'_' * 20}", "", msg, ""]
        body.append(
            "=========================== short test summary info ============================"
        )
        body += [f"FAILED {node} - {msg.splitlines()[-1].lstrip('E ')}" for node, msg in failures]
    parts = []
    for n, word in (
        (failed, "failed"),
        (passed, "passed"),
        (skipped, "skipped"),
        (deselected, "deselected"),
        (xfailed, "xfailed"),
        (errors, "error" if errors == 1 else "errors"),
    ):
        if n:
            parts.append(f"{n} {word}")
    tail = f"{', '.join(parts) or 'no tests ran'} in {seconds:.2f}s"
    return "\n".join([*head, *body, f"{'=' * 20} {tail} {'=' * 20}"])


def jest_output(passed: int, failed: int = 0, *, skipped: int = 0, suites: int = 1) -> str:
    """A plausible ``jest`` summary."""
    status = "FAIL" if failed else "PASS"
    parts = [f"{n} {w}" for n, w in ((failed, "failed"), (skipped, "skipped"), (passed, "passed"))]
    total = passed + failed + skipped
    return (
        f"{status} src/index.test.ts\n\n"
        f"Test Suites: {'1 failed, ' if failed else ''}{suites} total\n"
        f"Tests:       {', '.join(p for p in parts if not p.startswith('0'))}, {total} total\n"
        "Snapshots:   0 total\nTime:        1.204 s\nRan all test suites."
    )


def go_output(pkg: str, tests: list[tuple[str, str]]) -> str:
    """``go test -v`` output for (name, PASS|FAIL|SKIP) results."""
    lines = []
    for name, res in tests:
        lines += [f"=== RUN   {name}", f"--- {res}: {name} (0.00s)"]
    ok = all(r != "FAIL" for _, r in tests)
    lines.append("PASS" if ok else "FAIL")
    lines.append(f"{'ok  ' if ok else 'FAIL'}\t{pkg}\t0.012s")
    return "\n".join(lines)


def cargo_output(
    passed: int, failed: int = 0, ignored: int = 0, names: list[str] | None = None
) -> str:
    """``cargo test`` output."""
    lines = ["   Compiling demo v0.1.0 (/repo)", "    Finished test [unoptimized] target(s)"]
    lines.append(f"running {passed + failed + ignored} tests")
    for n in names or []:
        lines.append(f"test {n} ... ok")
    res = "FAILED" if failed else "ok"
    lines.append(
        f"\ntest result: {res}. {passed} passed; {failed} failed; {ignored} ignored; "
        "0 measured; 0 filtered out; finished in 0.01s"
    )
    return "\n".join(lines)
