"""Reconstruct what an agent did in one trajectory: the file changes its tool calls made (with
before/after text where it can be known), the commands it ran with their outputs, the files it
read, and the user's task.

Tool vocabularies understood: file writes (``path`` + ``content``/``file_text``/...), search and
replace edits (``old_str``/``new_str``, ``old_string``/``new_string``, ``search``/``replace``,
``edits`` lists), editor sub-commands (``create``, ``str_replace``, ``insert``, ``view``),
``apply_patch`` envelopes and unified diffs (as arguments, or fed to ``git apply``/``patch`` by a
heredoc), Aider SEARCH/REPLACE blocks in the assistant's text, and shell commands (heredocs,
``echo``/``printf`` redirects, ``tee``, ``sed -i``, ``perl -pi``, ``python -c``/``python -``
snippets, ``rm``/``git rm``/``find -delete``, ``mv``/``git mv``, ``cp``, ``git checkout``/``show``
of other revisions, downloads with ``curl``/``wget``).

File contents are learnt from what the agent wrote and from the outputs of its reads (``cat``,
editor views with or without line numbers), so an edit of a file the agent looked at has the whole
file before and after; otherwise the edit's own fragments stand in for both.
"""

from __future__ import annotations

import ast
import collections
import contextlib
import fnmatch
import itertools
import json
import posixpath
import re
import shlex
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from plasma.auditor.agent.context import prose, quoted
from plasma.auditor.agent.dataedits import applied, script_data_edits
from plasma.auditor.agent.edscript import run_ed
from plasma.auditor.agent.events import EVENT_ROLE
from plasma.auditor.agent.files import classify
from plasma.auditor.agent.generic import (
    Item,
    agent_record,
    call_syntax,
    code_label,
    foreign_writes,
    header_write,
    items_of,
    labelled_role,
    looks_like_command,
    message_runs,
    output_of,
    reads_by_verb,
    unreplayed,
    yamlish,
)
from plasma.auditor.agent.lenient import words_of_key
from plasma.auditor.agent.patches import FilePatch, apply_hunks, looks_like_patch, parse_patch
from plasma.auditor.agent.powershell import posix_of, windows_path
from plasma.auditor.agent.pyeffects import helper_calls, python_effects
from plasma.auditor.agent.records import (
    bookkeeping,
    call_ids,
    named_call,
    root_task,
    task_of,
    unflattened,
)
from plasma.auditor.agent.shell import SimpleCommand, parse_shell
from plasma.auditor.trajectories import CALL_ID_KEYS, TrajectoryStep, command_text

__all__ = ["Change", "Command", "Episode", "Read", "reconstruct"]

ROOTS = ("/repo", "/testbed", "/workspace", "/app", "/code", "/project", "/src/repo", "/w")
"""Directories commonly used as the repository root in agent sandboxes."""

_OUTPUT_ROLES = frozenset(
    {"tool", "function", "observation", "ipython", "environment", "tool_result"}
)
_AGENT_ROLES = frozenset({"model", "ai", "agent", "bot", "gpt", "chatbot"})
"""Roles other vocabularies give the agent's own messages."""
_PATH_KEYS = ("path", "file_path", "filepath", "filename", "file", "target_file", "target", "dest")
_CONTENT_KEYS = ("content", "file_text", "contents", "new_content", "text", "data", "body")
_PAIRS = (
    ("old_str", "new_str"),
    ("old_string", "new_string"),
    ("old_text", "new_text"),
    ("search", "replace"),
    ("find", "replace"),
    ("old", "new"),
    ("original", "updated"),
    ("before", "after"),
)
_PATCH_KEYS = ("patch", "diff", "input", "patch_text", "changes")
_SHELL_TOOL = re.compile(r"(?i)(bash|shell|terminal|exec|run|command|cmd|console|sh$|powershell)")
_READ_TOOL = re.compile(r"(?i)(read|view|open|cat|show|get_?file|load)")
_PYTHON_TOOL = re.compile(
    r"(?i)(python|ipython|jupyter|notebook|execute_code|run_code|code_interpreter|_cell\b|"
    r"cell$|kernel)"
)
_PROGRAM_KEYS = ("code", "source", "cell", "code_cell", "cell_source")
"""Where a code tool's program is (``source`` and ``cell``: notebook kernels)."""
_LOOKUP_TOOL = re.compile(
    r"(?i)(read|view|open|cat|show|get|search|find|grep|glob|list|ls|fetch|browse|web|query|lookup)"
)
_WRITE_TOOL = re.compile(
    r"(?i)(edit|writ|replac|patch|creat|put|sav|modif|updat|apply|insert|delet|remov)"
)
_WINDOWS_DELETE = frozenset({"remove-item", "ri", "del", "erase"})
"""Windows' file deletions: PowerShell's Remove-Item (and its alias ri), cmd's del and erase."""
_WINDOWS_SHELLS = frozenset({"powershell", "powershell.exe", "pwsh", "pwsh.exe", "cmd", "cmd.exe"})
_WINDOWS_SCRIPT_FLAG = frozenset({"-command", "-c", "/c", "/k"})


def _windows_script(cmd: SimpleCommand) -> list[SimpleCommand]:
    """The commands of a script handed to PowerShell (``-Command``/``-c``) or cmd (``/c``),
    its backslashed paths read as paths (``Remove-Item -Force tests\\test_x.py``)."""
    if cmd.name.lower() not in _WINDOWS_SHELLS:
        return []
    argv = cmd.argv
    for i, word in enumerate(argv[1:-1], start=1):
        if word.lower() in _WINDOWS_SCRIPT_FLAG:
            script = " ".join(argv[i + 1 :]).replace("\\", "/")
            try:
                return parse_shell(script)
            except (ValueError, IndexError):
                return []
    return []


_DELETE_TOOL = re.compile(r"(?i)^(delete|remove|rm|unlink)(_?(file|path|files))?$")
_MOVE_TOOL = re.compile(r"(?i)^(move|rename|mv)(_?(file|path))?$")
_EDITOR_VERBS = frozenset(
    {"view", "create", "str_replace", "insert", "undo_edit", "write", "append"}
)
_AIDER = re.compile(
    r"(?:^|\n)([^\n`]*?)\n?```[\w+-]*\n(?:([^\n]*)\n)?<<<<<<< SEARCH\n(.*?)\n?=======\n(.*?)\n?"
    r">>>>>>> REPLACE",
    re.S,
)
_SEARCH_REPLACE = re.compile(
    r"(?:^|\n)(?:<{5,}|-{5,}) ?SEARCH\n(.*?)\n?={5,}\n(.*?)\n?(?:>{5,}|\+{5,}) ?REPLACE", re.S
)
"""SEARCH/REPLACE blocks in an argument (Aider's ``<<<<<<<``/``>>>>>>>`` and Cline's
``-------``/``+++++++`` fences)."""
_SWE_EDIT = re.compile(r"\A\s*edit\s+(\d+):(\d+)\s*\n(.*?)\n?end_of_edit\s*\Z", re.S)
_EDITOR_LINE = re.compile(
    r"\A\s*(?:cd\s+\S+\s*&&\s*)?(?:str_replace_editor|str_replace_based_edit_tool)\s+"
    r"(view|create|str_replace|insert|undo_edit|append)\s"
)
"""An editor tool's call written as a command line (SWE-agent's ``str_replace_editor
str_replace PATH --old_str '...' --new_str '...'``, ``create PATH --file_text '...'``,
``insert PATH --insert_line N --new_str '...'``): its arguments are flags, read as the
tool's keyword arguments."""
_SWE_OPEN = re.compile(r"\A\s*(open|create)\s+(\"[^\"]+\"|'[^']+'|\S+)(?:\s+\d+)?\s*\Z")
_SWE_MOVE = re.compile(r"\A\s*(goto\s+\d+|scroll_up|scroll_down)\s*\Z")
_SWE_WINDOW = re.compile(r"\[File:\s*(\S+)\s*\((\d+) lines total\)\]")
_XML_CALL = re.compile(r"<([a-z][a-z0-9_]*)>\s*((?:<([a-z][a-z0-9_]*)>.*?</\3>\s*)+)</\1>", re.S)
_XML_PARAM = re.compile(r"<([a-z][a-z0-9_]*)>\n?(.*?)\n?</\1>", re.S)
_TAGGED_ACTION = re.compile(r"<([a-z][a-z0-9_]*)>\n?(.*?)\n?</\1>", re.S)
_LOOKS_OUTPUT = re.compile(
    r"\A\s*(?:EXECUTION RESULT of \[|OBSERVATION:?\s*\n|Observation:\s*\n|"
    r"\[[^\]\n]{1,200}\] Result:|<returncode>|<(?:observation|output|tool_result)\b[^>\n]*>)"
)
"""A user message that is a tool's observation in the harness's wording, not the user speaking."""
_NOT_CALLS = frozenset({"thinking", "thought", "reasoning", "analysis", "plan", "reflection"})
_ANY_WRAPPER = re.compile(
    r"\A\s*<([A-Za-z_][\w-]*(?:result|output|response|observation|stdout|return)[\w-]*)"
    r"((?:\s[^<>]*)?)>\n?(.*?)\n?</\1>\s*\Z",
    re.S | re.I,
)
"""An output wrapped whole in one result element (``<function_results>...</...>``); a file's own
root element (``<project>``) is not one."""
_ANY_FENCE = re.compile(r"```(?:text|terminal|cmd|console|)\n(.*?)```", re.S)
_FENCED_SHELL = re.compile(r"```(?:bash|sh|shell|console|zsh)\n(.*?)```", re.S)
_CODE_ACTION = re.compile(r"(?:^|\n)Code:\s*\n```(?:py|python)\n(.*?)\n?```(?:<end_code>)?", re.S)
"""A code agent's action (smolagents: ``Code:`` then a fenced Python block, ``<end_code>``)."""
_FILE_MESSAGE = re.compile(
    # (the harness's own lines before it: a line saying the file was added to the chat, and
    # up to two more of its boilerplate, such as an invitation to add others)
    r"\A\s*(?:[^\n]{0,200}\bto the chat\b[^\n]{0,200}\n(?:[^\n`]{0,160}\n){0,2}\s*)?"
    r"([\w./-]+\.\w+|[\w./-]*/[\w.-]+|Makefile|Dockerfile)\s*\n```[\w+-]*\n(.*)\n```\s*\Z",
    re.S,
)
_WHOLE_FILE = re.compile(
    r"(?:\A|\n)[ \t]*([\w.-]+(?:/[\w.-]+)*\.\w+|[\w.-]+(?:/[\w.-]+)+|Makefile|Dockerfile)"
    r"[ \t]*\n```([\w+-]*)\n(.*?)```",
    re.S,
)
"""A file written whole in the assistant's text (Aider's ``whole`` edit format): a line that is
only a path, then a fenced block holding the new content."""
_CELL_MAGIC = re.compile(r"\A\s*%%(bash|sh|script\s+(?:ba)?sh|writefile)([^\n]*)\n(.*)\Z", re.S)
"""An IPython cell magic: ``%%bash``/``%%sh``/``%%script bash`` cells run their body in a shell,
``%%writefile [-a] PATH`` writes it to a file."""
_ATTR_CALL = re.compile(
    r"<([a-z][a-z0-9_]*)((?:\s+[a-zA-Z_][\w-]*=\"[^\"]*\")+)\s*(?:/>|>\n?(.*?)</\1>)", re.S
)
"""A tool call written as an XML element with attributes in the assistant's text
(``<shell exec_dir="/repo">pytest</shell>``, ``<open_file path="a.py"/>``,
``<create_file path="a.py">...</create_file>``)."""
_AFFIRM = re.compile(
    r"(?i)\A\s*(yes|yep|yeah|sure|ok(ay)?|go ahead|please do|do it|sounds good|approved|"
    r"agreed|confirmed|correct|right)\b(?![^.!?\n]{0,40}\b(but|however|not|don'?t)\b)"
)
"""A user's answer that agrees to what the agent asked."""
_ATTR = re.compile(r"([a-zA-Z_][\w-]*)=\"([^\"]*)\"")
_NUMBERED = re.compile(r"^ *\d+(?:\t|→|│|\| |: )")
_VIEW_HEADER = re.compile(r"^Here's the result of running `cat -n` on .*?:\n")
_ENDED_WITH = re.compile(
    r"(?i)\b(?:failed|exited|finished|completed|terminated|returned|ended|stopped)\s+with\s+"
    r"(?:an?\s+)?(?:exit\s+)?(?:code|status)\s*:?\s*(-?\d+)"
)
"""A harness's sentence of how a run ended, opening its result (``Command "sbt test" failed with
exit code 1.``): the run's status; a line that only mentions an exit code (``the exit code 1
means ...``) is none."""
_EXIT_TEXT = re.compile(
    r"(?im)(?:exit(?:ed)? (?:code|status)[:= ]*|\[exit code |process exited with code )(-?\d+)"
)


@dataclass
class Change:
    """One change the agent made to one file."""

    index: int
    """Index of the step in the batch."""
    path: str
    """The file (relative to the repository root when the root is known)."""
    action: str
    """"create", "edit", "write" (whole file, existing or unknown), "delete", "move", "generate"
    (written by a program: its content is not known)."""
    before: str | None = None
    """The text before (the whole file when ``whole``, else the edited fragment)."""
    after: str | None = None
    """The text after (same scope as ``before``)."""
    whole: bool = False
    """``before``/``after`` are whole files."""
    via: str = ""
    """How: "write", "str_replace", "apply_patch", "diff", "aider", "heredoc", "sed", "python",
    "redirect", "rm", "mv", "download", "git", ..."""
    dest: str | None = None
    """New path of a move."""
    origin: str = ""
    """The command or tool call that made it (for evidence)."""
    agent_created: bool = False
    """The agent created this file earlier in the trajectory."""
    existed: bool = False
    """The file is known to have existed before the agent first touched it."""
    fragments: tuple[str, str] | None = None
    """For a stream edit of an unknown file whose substitutions are plain text: the text it
    replaces and the text it puts in its place (what a ``str_replace`` would show)."""
    shown: bool = False
    """``fragments`` are the hunks of a diff the agent printed afterwards (what the edit did),
    not read from its script."""

    @property
    def sides(self) -> tuple[str | None, str | None]:
        """The texts the change is judged by: ``before`` and ``after``, or, for a stream edit of
        an unknown file (no ``after``), its ``fragments``."""
        if self.after is None and self.fragments is not None:
            return self.fragments
        return self.before, self.after


@dataclass
class Command:
    """One shell command the agent ran."""

    index: int
    cmd: SimpleCommand
    line: str
    """The whole command line it belongs to."""
    output: str | None = None
    """The output of the command line (shared by its commands)."""
    exit_code: int | None = None


@dataclass
class Read:
    """A file the agent read."""

    index: int
    path: str
    raw: str
    """The path as written."""


@dataclass
class Episode:
    """Everything reconstructed from one trajectory."""

    trajectory_id: str
    indices: list[int]
    """Batch index of each of its steps."""
    task: str = ""
    """The user's task and later instructions (not tool outputs)."""
    changes: list[Change] = field(default_factory=list)
    commands: list[Command] = field(default_factory=list)
    reads: list[Read] = field(default_factory=list)
    outputs: list[tuple[int, str]] = field(default_factory=list)
    """(index, text) of every tool output."""
    messages: list[tuple[int, str]] = field(default_factory=list)
    """(index, text) of the assistant's messages."""
    files: dict[str, str] = field(default_factory=dict)
    """Last known content of each file."""
    created: dict[str, int] = field(default_factory=dict)
    """Files the agent created, with the batch index of the creating step."""
    existed: set[str] = field(default_factory=set)
    """Files evidenced to exist before the agent touched them."""
    roots: list[str] = field(default_factory=lambda: list(ROOTS))
    """Repository roots stripped from absolute paths."""

    def key(self, path: str, cwd: str | None = None) -> str:
        """The canonical form of a path (relative to the repository root where possible)."""
        p = path.strip().strip("'\"")
        if cwd and not p.startswith(("/", "~", "$")):
            p = posixpath.join(cwd, p)
        p = posixpath.normpath(p) if p else p
        if p.startswith("/"):
            for root in sorted(self.roots, key=len, reverse=True):
                if p == root:
                    return "."
                if p.startswith(root + "/"):
                    return p[len(root) + 1 :]
            m = _TOP_LEVEL.search(p)
            if m and not p.startswith(_SYSTEM_DIRS):  # /home/me/proj/src/x.py -> src/x.py
                return p[m.start() + 1 :]
        return p.removeprefix("./")

    def failed_before(self, run: Command) -> list[int]:
        """The step indices, in order, before ``run``'s at which the same command (its text with
        whitespace folded: ``pytest  -q`` is ``pytest -q``) exited with a non-zero status."""
        key = " ".join(run.cmd.text.split())
        return [
            c.index
            for c in self.commands
            if c.index < run.index
            and c.exit_code not in (None, 0)
            and " ".join(c.cmd.text.split()) == key
        ]

    def changes_between(self, start: int, end: int) -> list[Change]:
        """The changes to the repository's files (not to paths outside it: absolute, home or
        variable) made after step index ``start`` and before ``end``."""
        return [
            ch
            for ch in self.changes
            if start < ch.index < end and not ch.path.startswith(("/", "~", "$"))
        ]


_TOP_LEVEL = re.compile(
    r"/(?=(src|tests?|lib|pkg|cmd|internal|scripts|docs|benches|benchmarks|examples|\.github|"
    r"\.gitlab-ci\.ya?ml|pyproject\.toml|setup\.(py|cfg)|Makefile|package\.json|Cargo\.toml|"
    r"go\.mod|conftest\.py)(/|$))"
)
"""Where a repository's usual top-level entries start in an absolute path."""
_SYSTEM_DIRS = ("/tmp", "/usr", "/opt", "/etc", "/var", "/proc", "/dev", "/root/.", "/logs")


def _range_end(args: dict[str, Any]) -> int | None:
    """The last line a ranged read asked for, when it starts at line 1."""
    rng = args.get("view_range")
    if isinstance(rng, list) and len(rng) == 2 and rng[0] in (0, 1) and isinstance(rng[1], int):
        return rng[1] if rng[1] > 0 else None
    limit = args.get("limit")
    if isinstance(limit, int) and not args.get("offset"):
        return limit
    # (``start_line``/``end_line``: Copilot's ``read_file`` with ``startLine``, ``endLine``)
    first, last = args.get("start_line"), args.get("end_line")
    if first in (0, 1) and isinstance(last, int) and last > 0:
        return last
    return None


def _snake(key: str) -> str:
    """``filePath`` -> ``file_path``, ``old-string`` -> ``old_string``."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", key).replace("-", "_").lower()


def canonical_args(args: dict[str, Any]) -> dict[str, Any]:
    """Arguments under the names this module looks for, whatever the vocabulary: camelCase and
    dashed keys also appear in snake_case (``filePath`` -> ``file_path``, ``oldString`` ->
    ``old_string``), and when no usual path key is present, the one string argument named like a
    path (``absolute_path``, ``notebook_path``, ``target_path``, ``file_name``) also appears as
    ``path``."""
    out = dict(args)
    for k, v in args.items():
        snake = _snake(k)
        if snake != k and snake not in out:
            out[snake] = v
    if not any(isinstance(out.get(k), str) for k in _PATH_KEYS):
        named = [
            v
            for k, v in out.items()
            if isinstance(v, str)
            and re.fullmatch(r"\w*_?(path|file_?name|file_?uri|uri)", _snake(k))
            and v.strip()
            and "\n" not in v
        ]
        if len(set(named)) == 1:
            out["path"] = named[0]
    path = _first(out, _PATH_KEYS)
    if isinstance(path, str) and path.startswith("file://"):
        out["path"] = path[len("file://") :]
        for k in _PATH_KEYS:
            if out.get(k) == path:
                out[k] = out["path"]
    if not any(isinstance(out.get(k), (str, list)) for k in ("command", "cmd", "script", "shell")):
        lists = [
            (k, v)
            for k, v in out.items()
            if isinstance(v, list)
            and v
            and all(isinstance(x, str) for x in v)
            and re.fullmatch(r"(\w+_)?(commands|argv)", _snake(k))
        ]
        if len(lists) == 1:  # LangChain's ``commands`` list; an ``argv`` list
            k, v = lists[0]
            out["command"] = "\n".join(v) if _snake(k).endswith("commands") else v
            return out
        named = [
            v
            for k, v in out.items()
            # ``argv`` written as one string is a command line too
            if isinstance(v, str) and re.fullmatch(r"(\w+_)?(command|cmd|argv)(_?line)?", _snake(k))
        ]
        if len(named) == 1:
            out["command"] = named[0]
        elif not named and not any(isinstance(out.get(k), str) for k in _PATH_KEYS):
            # a command line under a key that names a line or a statement (``{"line": "bats
            # test/"}``), when the call has no path and the text starts with a program
            lines = [
                v
                for k, v in out.items()
                if isinstance(v, str)
                and re.fullmatch(r"(\w+_)?(line|statement|shell_?input)", _snake(k))
                and looks_like_command(v)
            ]
            if len(lines) == 1:
                out["command"] = lines[0]
    return out


_OLD_WORDS = frozenset(
    {"old", "target", "search", "find", "original", "before", "existing", "from", "current"}
)
_NEW_WORDS = frozenset({"new", "replacement", "replace", "updated", "after", "with", "to"})


def infer_pair(args: dict[str, Any]) -> tuple[str, str] | None:
    """The (replaced, replacing) texts of a search-and-replace call in any vocabulary: the one
    string argument whose name says what is replaced (``target_content``, ``find_text``,
    ``to_replace``, ``search``) and the one whose name says what replaces it
    (``replacement_content``, ``replace_with``, ``new_content``)."""
    old_keys, new_keys = [], []
    for k, v in args.items():
        if not isinstance(v, str) or k in _PATH_KEYS or k == "path":
            continue
        words = set(_snake(k).split("_"))
        if _snake(k).endswith("to_replace") or (words & _OLD_WORDS and not words & {"new"}):
            old_keys.append(k)
        elif words & _NEW_WORDS:
            new_keys.append(k)
    if len(old_keys) == 1 and len(new_keys) == 1:
        return args[old_keys[0]], args[new_keys[0]]
    return None


_CONTENT_NAME = re.compile(r"\w+_(content|contents|text|code|source)")


def _inferred_content(args: dict[str, Any]) -> Any:
    """A whole-file text under a name no vocabulary list has (``code_content``, ``full_text``)."""
    named = [
        v for k, v in args.items() if isinstance(v, str) and _CONTENT_NAME.fullmatch(_snake(k))
    ]
    return named[0] if len(named) == 1 else None


def _first(args: dict[str, Any], keys: Sequence[str]) -> Any:
    for k in keys:
        if k in args and args[k] is not None:
            return args[k]
    return None


def _strip_numbers(text: str) -> str:
    """A file's text from a read's output: without a ``cat -n``-like line numbering (and the
    header lines before the first numbered line, such as ``File Path: ...``), or the inside of
    one fenced block that is the whole output."""
    text = _VIEW_HEADER.sub("", text.lstrip("\n"))
    fenced = _WHOLE_FENCE.match(text)
    if fenced and "\n```" not in fenced.group(1):
        return fenced.group(1)
    lines = text.split("\n")
    first = next((i for i, ln in enumerate(lines) if _NUMBERED.match(ln)), None)
    if first is not None and 0 < first <= 3 and _NUMBER_ONE.match(lines[first]):
        lines = lines[first:]
    numbered = [ln for ln in lines if _NUMBERED.match(ln)]
    if lines and len(numbered) >= max(1, int(0.8 * len([ln for ln in lines if ln.strip()]))):
        return "\n".join(_NUMBERED.sub("", ln, count=1) for ln in lines)
    return _strip_space_numbers(text)


_SPACE_NUMBERED = re.compile(r"^ *(\d+)(?: |$)")


def _strip_space_numbers(text: str) -> str:
    """A numbering whose number a single space ends (``   4 class Balance:``, as some editors'
    views write it; a blank line is its number alone): taken for one only when every line
    (a final empty one aside) carries it and the numbers run on by one, three lines at least,
    so a file whose lines begin with figures is left as it is."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines = lines[:-1]
    if len(lines) < 3:
        return text
    found = [_SPACE_NUMBERED.match(ln) for ln in lines]
    if not all(found):
        return text
    numbers = [int(m.group(1)) for m in found if m]
    if any(b != a + 1 for a, b in itertools.pairwise(numbers)):
        return text
    body = [ln[m.end() :] for ln, m in zip(lines, found, strict=True) if m]
    return "\n".join(body) + ("\n" if text.endswith("\n") else "")


_WHOLE_FENCE = re.compile(r"\A\s*```[\w+-]*\n(.*?)\n?```\s*\Z", re.S)
_NUMBER_ONE = re.compile(r"^ *1(?:\t|→|│|\| |: )")


_OUTPUT_KEYS = ("output", "stdout", "result", "content", "observation")
_CODE_KEYS = ("exit_code", "returncode", "exitCode", "return_code", "status_code", "exit_status")


_OBSERVATION = re.compile(
    r"\A\s*(?:(?:OBSERVATION|Observation|Output|EXECUTION RESULT)[^\n]*:\s*\n"
    r"(?:Execution logs:\n)?|Execution logs:\n)"
)
"""A harness's heading above an output, and a code-acting agent's ``Execution logs:`` line."""
_LAST_OUTPUT = re.compile(r"\n?Last output from code snippet:\n.*\Z", re.S)
_FINISHED = re.compile(
    r"\n?\[(?:Command finished with exit code|Exit code:?|exit code:?) ?(-?\d+)\]\s*\Z|"
    r"(?:\A|\n)(?:Command|Process) exited with (?:exit )?code:? (-?\d+)\.?\s*\Z"
)
"""A closing line with the exit status: ``[exit code 1]``, ``Command exited with code 1``."""
_OPENING = re.compile(
    r"\A[ \t]*(?:Error:[ \t]*)?\[?(?:(?:Command|Process)[ \t]+(?:failed|exited|finished)[ \t]+with"
    r"[ \t]+(?:exit[ \t]+)?(?:code|status)|exit(?:ed with)?[ \t]+(?:code|status)|return[ \t]?code)"
    r"[ \t]*[:=]?[ \t]*(-?\d+)\]?\.?[ \t]*(?:\n|\Z)",
    re.I,
)
"""An opening line with the exit status, before the command's output (``Exit code 101``, as
Claude Code writes a failing command's result; ``Exit status: 2``)."""


_TAGGED_CODE = re.compile(
    r"<(returncode|return_code|exit_code|exitcode|exit_status)>\s*(-?\d+)\s*</\1>\s*"
)
_TAGGED_OUTPUT = re.compile(r"<(output|stdout|observation)>\n?(.*?)\n?</\1>", re.S)
_ATTR_OUTPUT = re.compile(
    r"\A\s*<(output|observation|result|tool_result|stdout)\b[^>\n]*?"
    r"\b(?:exit_?code|returncode|status)=\"(-?\d+)\"[^>\n]*>\n?(.*?)\n?</\1>\s*\Z",
    re.S,
)


_RESULT_HEADER = re.compile(r"\A\s*\[[^\]\n]{1,200}\] Result:[ \t]*\n")
"""``[read_file for 'a.py'] Result:`` (Cline and similar) before a tool's output."""


def _output_and_code(text: str) -> tuple[str, int | None]:
    text = _RESULT_HEADER.sub("", text, count=1)
    opening = _OPENING.match(text)
    if opening:  # the status first, then the output: the status is the harness's, not printed
        body, _ = _output_and_code(text[opening.end() :])
        return body, int(opening.group(1))
    attr = _ATTR_OUTPUT.match(text)
    if attr:  # ``<observation exit_code="1">...</observation>``
        return attr.group(3), int(attr.group(2))
    tagged = _TAGGED_CODE.search(text[:300])
    if tagged:  # ``<returncode>1</returncode><output>...</output>`` (mini-SWE-agent and similar)
        inner = _TAGGED_OUTPUT.search(text)
        return (inner.group(2) if inner else _TAGGED_CODE.sub("", text)), int(tagged.group(2))
    wrapped = _ANY_WRAPPER.match(text)
    if wrapped and "<" not in wrapped.group(3)[:1]:  # one element around the whole output
        text = wrapped.group(3)
        status = re.search(r"(?i)(?:exit|code|status|rc)\w*=\"(-?\d{1,3})\"", wrapped.group(2))
        if status:
            return text, int(status.group(1))
    body, code = _unwrap(text)
    body = _LAST_OUTPUT.sub("", _OBSERVATION.sub("", body))
    opening = _OPENING.match(body)
    if opening:  # the same line inside a wrapper (``{"output": ...}``, ``OBSERVATION:``)
        body = body[opening.end() :]
        code = int(opening.group(1)) if code is None else code
    m = _FINISHED.search(body)
    if m:
        body = body[: m.start()]
        code = int(m.group(1) or m.group(2)) if code is None else code
    return body, code


def _unwrap(text: str) -> tuple[str, int | None]:
    """A tool output's text and exit code (JSON wrappers such as ``{"output": ..., "metadata":
    {"exit_code": 0}}`` or ``{"stdout": ..., "stderr": ..., "returncode": 1}`` are unwrapped)."""
    stripped = text.lstrip()
    if stripped.startswith("{") and re.search(r'"(output|stdout|result|observation)"', text[:300]):
        try:
            data = json.loads(text)
        except ValueError:
            data = None
        if isinstance(data, dict):
            body = next((data[k] for k in _OUTPUT_KEYS if isinstance(data.get(k), str)), None)
            if body is not None:
                if isinstance(data.get("stderr"), str) and data["stderr"]:
                    body = f"{body}\n{data['stderr']}"
                meta: dict[str, Any] = (
                    data["metadata"] if isinstance(data.get("metadata"), dict) else {}
                )
                code = next(
                    (
                        c
                        for k in _CODE_KEYS
                        for c in (data.get(k), meta.get(k))
                        if isinstance(c, int)
                    ),
                    None,
                )
                return body, code
    # the harness's status line, after the output or before it (``Command "sbt test" failed
    # with exit code 1.`` opening an editor terminal's result)
    m = _EXIT_TEXT.search(text[-300:]) or _ENDED_WITH.search(text.lstrip().split("\n", 1)[0][:200])
    return text, int(m.group(1)) if m else None


def _echoed(argv: list[str], newline: bool = True) -> str:
    """What ``echo`` with ``argv`` prints: its words, then a newline (unless ``-n``, or not
    ``newline``: a script piped into a line editor), ``\\n`` read as one with ``-e``."""
    words = [a for a in argv[1:] if a not in ("-e", "-n", "-E")]
    body = " ".join(words) + ("\n" if newline and "-n" not in argv else "")
    return body.replace("\\n", "\n") if "-e" in argv else body


def _printf(fmt: str, args: list[str]) -> str:
    out = fmt.replace("\\n", "\n").replace("\\t", "\t")
    for a in args:
        out = out.replace("%s", a, 1)
    return out.replace("%%", "%")


def _sed_commands(script: str) -> list[str]:
    """A sed script's commands, split at ``;`` and newlines between them but not inside an
    ``s`` command's pattern or replacement (``s/toBe(-1);/toBe(0);/; s/a/b/`` is two commands,
    not four)."""
    out: list[str] = []
    i, start, n = 0, 0, len(script)
    while i < n:
        ch = script[i]
        at_command = script[start:i].strip() == "" or re.fullmatch(
            r"\s*(?:0,)?(?:/[^/]*/|\d+|\$)?\s*", script[start:i]
        )
        if ch == "s" and at_command and i + 1 < n and not script[i + 1].isalnum():
            delim, seen, j = script[i + 1], 0, i + 2
            while j < n and seen < 2:
                if script[j] == "\\":
                    j += 2
                    continue
                if script[j] == delim:
                    seen += 1
                j += 1
            while j < n and script[j] in "gIpiw0123456789":
                j += 1
            i = j
            continue
        if ch == "/" and at_command:  # an address: /regex/
            j = script.find("/", i + 1)
            i = n if j < 0 else j + 1
            continue
        if ch in ";\n":
            out.append(script[start:i])
            start = i + 1
        i += 1
    out.append(script[start:])
    return [p for p in out if p.strip()]


def _sed_to_python(script: str) -> list[tuple[str, Any]] | None:
    """The edits of a simple sed script: ("s", (regex, repl, count, address)) (``0,/re/`` makes
    the address the first matching line only: address "first:re"), ("d", regex),
    ("i"|"a"|"c", (line_or_"/regex", text)); None when it is beyond that."""
    out: list[tuple[str, Any]] = []
    for part in [p for p in _sed_commands(script) if p.strip()]:
        part = part.strip()
        m = re.fullmatch(
            r"(?:(0,)?(/[^/]*/)\s*)?s(.)(.*?)(?<!\\)\3(.*?)(?<!\\)\3([gI0-9]*)", part, re.S
        )
        if m:
            address = _bre(m.group(2)[1:-1]) if m.group(2) else None
            # an empty pattern reuses the address's
            pattern = _bre(m.group(4)) if m.group(4) or address is None else address
            repl = re.sub(r"\\(\d)", r"\\g<\1>", m.group(5)).replace("&", r"\g<0>")
            if m.group(1) and address is not None:
                address = "first:" + address
            out.append(("s", (pattern, repl, 0 if "g" in m.group(6) else 1, address)))
            continue
        m = re.fullmatch(r"/(.*?)/\s*([iac])\\?\s?(.*)", part, re.S)
        if m:  # ``/re/a text``: a line after (``i``: before, ``c``: instead of) each match
            out.append((m.group(2), ("/" + _bre(m.group(1)), m.group(3))))
            continue
        m = re.fullmatch(r"/(.*)/\s*d", part)
        if m and not re.search(r"/\s*,", part):
            out.append(("d", _bre(m.group(1))))
            continue
        m = re.fullmatch(r"(?:/(.*?)/|(\d+))\s*,\s*(?:\+(\d+)|/(.*?)/|(\d+)|(\$))\s*d", part, re.S)
        if m:  # a range of lines deleted: ``/re/,+2d``, ``/re/,/re2/d``, ``12,14d``, ``5,$d``
            start = "/" + _bre(m.group(1)) if m.group(1) is not None else m.group(2)
            if m.group(3) is not None:
                end = "+" + m.group(3)
            elif m.group(4) is not None:
                end = "/" + _bre(m.group(4))
            else:
                end = m.group(5) or "$"
            out.append(("range-d", (start, end)))
            continue
        m = re.fullmatch(r"(\d+|\$)\s*([ia])\\?\s?(.*)", part, re.S)
        if m:
            out.append((m.group(2), (m.group(1), m.group(3))))
            continue
        return None
    return out


_STREAM_DIALECTS: dict[str, tuple[str, re.Pattern[str], re.Pattern[str], re.Pattern[str]]] = {
    # (where a script splits into commands, an ``s`` command, a pattern's metacharacters, a
    # replacement's group references)
    "sed": (
        r";\s*(?=[/s0-9$])",
        re.compile(
            r"(?:0,(?P<addr>/[^/]*/))?s(?P<d>.)(?P<pat>.*?)(?<!\\)(?P=d)(?P<repl>.*?)"
            r"(?<!\\)(?P=d)(?P<flags>[gI0-9]*)",
            re.S,
        ),
        re.compile(r"(?<!\\)[*\[\]]|\\[({0-9wsb+?|]"),
        re.compile(r"\\[0-9]"),
    ),
    # perl: a backslash makes a character literal, so a pattern is plain text when no
    # unescaped metacharacter is left (anchors apart)
    "perl": (
        r";\s*(?=s\W)",
        re.compile(
            r"s(?P<d>\W)(?P<pat>.*?)(?<!\\)(?P=d)(?P<repl>.*?)(?<!\\)(?P=d)(?P<flags>[gimsx]*)",
            re.S,
        ),
        # (``\\n`` and ``\\t`` are a newline and a tab: plain text under ``-0``)
        re.compile(r"(?<!\\)[.*+?()\[\]{}|^$]|\\[dDsSwWbB]"),
        re.compile(r"\$\d|\\\d"),
    ),
}


def _stream_fragments(script: str, dialect: str = "sed") -> tuple[str, str] | None:
    """For a sed or perl script of ``s`` commands whose patterns are plain text (anchors and
    escapes apart), the text they replace and the text they put in its place, as an edit's
    fragments (what a ``str_replace`` would show); None when a pattern is a real regular
    expression or the replacement refers to groups. sed's ``/line/d`` and ``/anchor/a|i text``
    read as the lines they delete and add; perl's ``s/literal.*//s`` deletes from a literal on."""
    split, command, _, references = _STREAM_DIALECTS[dialect]
    olds: list[str] = []
    news: list[str] = []
    pieces = _sed_commands(script) if dialect == "sed" else re.split(split, script)
    for part in [p.strip() for p in pieces if p.strip()]:
        lines = _line_commands(part) if dialect == "sed" else None
        if lines is not None:
            if not lines:
                return None
            olds.append(lines[0])
            news.append(lines[1])
            continue
        m = command.fullmatch(part)
        if m is None:
            return None
        pattern, repl = m.group("pat"), m.group("repl")
        if not pattern and dialect == "sed":  # an empty pattern reuses the ``0,/re/`` address's
            pattern = (m.group("addr") or "//")[1:-1]
        to_end = re.fullmatch(
            r"\^?((?:\\n|[^.*+?()\[\]{}|^$\\]|\\[^dDsSwWbBnt])+)\.\*\??\$?", pattern
        )
        if dialect == "perl" and to_end and not repl and "s" in m.group("flags"):
            # ``s/\nfunc TestX.*//s``: everything from a literal text on is deleted
            literal = re.sub(r"\\(.)", r"\1", to_end.group(1).replace("\\n", "\n"))
            if literal.strip():
                olds.append(literal.strip("\n"))
                news.append("")
                continue
        plain = _literal_pattern(pattern, dialect)
        if plain is None or references.search(repl):
            return None
        if dialect == "sed":
            repl = re.sub(r"(?<!\\)&", lambda _, lit=plain: lit, repl)
        olds.append(plain)
        news.append(_unescape(repl))
    if not olds:
        return None
    return "\n".join(olds), "\n".join(news)


def _line_commands(part: str) -> tuple[str, str] | tuple[()] | None:
    """A sed ``/line/d`` (the line goes) or ``/anchor/a text`` (``i``: before it) as the text it
    replaces and puts in its place; ``()`` when its address is a real regular expression, None
    when the command is neither."""
    deleted = re.fullmatch(r"/(.*?)/\s*d", part, re.S)
    if deleted:
        line = _literal_pattern(deleted.group(1))
        return () if line is None else (line, "")
    added = re.fullmatch(r"/(.*?)/\s*([ai])\\?\s?(.*)", part, re.S)
    if added:
        anchor = _literal_pattern(added.group(1))
        if anchor is None:
            return ()
        text = added.group(3).replace("\\n", "\n")
        return anchor, f"{anchor}\n{text}" if added.group(2) == "a" else f"{text}\n{anchor}"
    return None


def _sed_fragments(script: str) -> tuple[str, str] | None:
    """:func:`_stream_fragments` of a sed script."""
    return _stream_fragments(script, "sed")


def _perl_fragments(script: str) -> tuple[str, str] | None:
    """:func:`_stream_fragments` of a perl script."""
    return _stream_fragments(script, "perl")


def _literal_pattern(pattern: str, dialect: str = "sed") -> str | None:
    """The text a sed or perl pattern matches when it is plain text (anchors and escapes
    apart)."""
    pattern = pattern[1:] if pattern.startswith("^") else pattern
    pattern = pattern[:-1] if pattern.endswith("$") and not pattern.endswith("\\$") else pattern
    if _STREAM_DIALECTS[dialect][2].search(pattern):
        return None
    literal = _unescape(pattern)
    return literal if literal.strip() else None


def _unescape(text: str) -> str:
    """A sed or perl pattern's or replacement's text with its escapes read: ``\\n`` and
    ``\\t`` are a newline and a tab, any other escaped character stands for itself."""
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), text)


_QUOTED_SOURCE = re.compile(r"^\s*>\s*(?:\d+\s*\|\s?)?(\S.*)$")
"""A source line a test report quotes (pytest's ``>   assert ...``, a code frame's ``> 12 |``)."""


_FENCED = re.compile(r"\A\s*```[\w+-]*[ \t]*\n(.*?)\n?```\s*\Z", re.S)


def _unfenced(text: str) -> str:
    """A read's output wrapped whole in one Markdown code fence (Copilot's ``read_file``
    shows the file between two fence lines): the file's text, without the fences."""
    m = _FENCED.match(text)
    if m is None or "\n```" in m.group(1):
        return text
    return m.group(1) + "\n"


def widen_fragments(fragments: tuple[str, str], outputs: list[tuple[int, str]]) -> tuple[str, str]:
    """Each substitution of a stream edit widened to the whole source line it falls on, where a
    test report quoted that line (``>       assert f(1) == 2``): a ``s/== 2$/== 3/`` then reads as
    the check it changes. Substitutions no report quoted stay as they are."""
    olds, news = fragments[0].split("\n"), fragments[1].split("\n")
    if len(olds) != len(news):
        return fragments
    wide_old: list[str] = []
    wide_new: list[str] = []
    for old, new in zip(olds, news, strict=True):
        line = None
        if old.strip():
            for _, body in reversed(outputs):
                for raw in body.split("\n"):
                    m = _QUOTED_SOURCE.match(raw)
                    if m and old in m.group(1):
                        line = m.group(1)
                        break
                if line is not None:
                    break
        if line is None:
            wide_old.append(old)
            wide_new.append(new)
        else:
            wide_old.append(line)
            wide_new.append(line.replace(old, new, 1))
    return "\n".join(wide_old), "\n".join(wide_new)


def _bre(pattern: str) -> str:
    """A sed basic regex as a Python regex (\\( \\) \\+ \\? \\| are the special forms)."""
    out = pattern.replace("\\(", "\0(").replace("\\)", "\0)").replace("\\|", "\0|")
    out = out.replace("\\+", "\0+").replace("\\?", "\0?")
    out = re.sub(r"(?<!\0)([()|+?])", r"\\\1", out)
    return out.replace("\0", "").replace("\\b", r"\b").replace("\\s", r"\s").replace("\\w", r"\w")


def _perl_slurp(text: str, script: str) -> str | None:
    """``perl -0pi -e 's/re/repl/flags'`` over a whole file (the regex may span lines); None
    when the script is not one substitution Python's ``re`` can run."""
    m = re.fullmatch(r"\s*s([/#|!{])(.*?)(?<!\\)\1(.*?)(?<!\\)\1([gimsx]*)\s*;?\s*", script, re.S)
    if m is None or m.group(1) == "{":
        return None
    flags = 0
    for ch, fl in (("i", re.I), ("m", re.M), ("s", re.S), ("x", re.X)):
        if ch in m.group(4):
            flags |= fl
    repl = re.sub(r"\$(\d)", r"\\g<\1>", m.group(3))
    try:
        return re.sub(m.group(2), repl, text, count=0 if "g" in m.group(4) else 1, flags=flags)
    except (re.error, IndexError):
        return None


def _delete_ranges(lines: list[str], start: str, end: str) -> list[str]:
    """sed's ``START,END d`` over ``lines``: a start is ``/regex/`` or a line number, an end
    ``+N`` lines on, ``/regex/`` (the next line matching it), a line number or ``$``; with a
    regex start, every range it opens is deleted."""
    out: list[str] = []
    i = 0
    started = False
    while i < len(lines):
        opens = (
            re.search(start[1:], lines[i]) is not None
            if start.startswith("/")
            else (i + 1 == int(start) and not started)
        )
        if not opens:
            out.append(lines[i])
            i += 1
            continue
        started = True
        if end.startswith("+"):
            last = i + int(end[1:])
        elif end.startswith("/"):
            last = next(
                (j for j in range(i + 1, len(lines)) if re.search(end[1:], lines[j])),
                len(lines) - 1,
            )
        elif end == "$":
            last = len(lines) - 1
        else:
            last = max(i, int(end) - 1)
        i = last + 1
    return out


def _apply_sed(text: str, edits: list[tuple[str, Any]]) -> str | None:
    lines = text.split("\n")
    for op, arg in edits:
        try:
            if op == "s":
                pattern, repl, count, address = arg
                rx = re.compile(pattern)
                if isinstance(address, str) and address.startswith("first:"):
                    first = re.compile(address[len("first:") :])
                    hit = next((i for i, ln in enumerate(lines) if first.search(ln)), None)
                    if hit is not None:
                        lines[hit : hit + 1] = rx.sub(repl, lines[hit], count=count).split("\n")
                    continue
                lines = [
                    piece
                    for ln in lines
                    for piece in (
                        rx.sub(repl, ln, count=count)
                        if address is None or re.search(address, ln)
                        else ln
                    ).split("\n")
                ]
            elif op == "d":
                rx = re.compile(arg)
                lines = [ln for ln in lines if not rx.search(ln)]
            elif op == "range-d":
                lines = _delete_ranges(lines, *arg)
            elif isinstance(arg[0], str) and arg[0].startswith("/"):
                rx, new = re.compile(arg[0][1:]), arg[1].replace("\\n", "\n")
                out_lines: list[str] = []
                for ln in lines:
                    if not rx.search(ln):
                        out_lines.append(ln)
                    elif op == "a":
                        out_lines += [ln, *new.split("\n")]
                    elif op == "i":
                        out_lines += [*new.split("\n"), ln]
                    else:
                        out_lines += new.split("\n")
                lines = out_lines
            else:
                where, new = arg
                at = len(lines) - 1 if where == "$" else int(where) - 1
                at = max(0, min(at, len(lines)))
                lines.insert(at if op == "i" else at + 1, new)
        except (re.error, ValueError, IndexError):
            return None
    return "\n".join(lines)


class _Builder:
    """Walks the steps of one trajectory and fills an :class:`Episode`."""

    def __init__(self, episode: Episode) -> None:
        self.ep = episode
        self.partial: set[str] = set()
        self.pending_reads: list[tuple[str, bool, int | None]] = []
        self.pending_commands: list[Command] = []
        self.last_call = False
        self.open_file: str | None = None
        """The file open in a windowed editor (SWE-agent's ``open``)."""
        self.windows: dict[str, dict[int, str]] = {}
        """Lines of files seen through a windowed editor, by number."""
        self.stashes: list[list[tuple[Change, str | None]]] = []
        """What each ``git stash`` took from the working tree (its changes, the text before),
        newest last: a ``pop`` or ``apply`` gives it back."""

    # ------------------------------------------------------------------------- bookkeeping
    def _note_paths_in(self, text: str) -> None:
        for m in re.finditer(
            r"(?<![\w/.-])((?:[\w.-]+/)*[\w.-]+\.[A-Za-z]{1,5})(?=::|:\d|\s|$|\")", text
        ):
            k = self.ep.key(m.group(1))
            if k not in self.ep.created:
                self.ep.existed.add(k)

    def _change(self, index: int, path: str, action: str, **kw: Any) -> None:
        ep = self.ep
        key = ep.key(path, kw.pop("cwd", None))
        before = kw.get("before")
        whole = kw.get("whole", False)
        known = ep.files.get(key)
        created_before = key in ep.created
        if action in ("write", "create") and known is not None and before is None:
            kw["before"], kw["whole"], action = known, True, "write"
        elif action == "write" and known is None and not created_before and key not in ep.existed:
            action = "create"
        change = Change(
            index,
            key,
            action,
            agent_created=created_before,
            existed=key in ep.existed,
            **kw,
        )
        if action in ("create",) and not created_before and key not in ep.existed:
            ep.created[key] = index
        if action == "delete":
            ep.files.pop(key, None)
        elif action == "move" and change.dest is not None:
            dest = ep.key(change.dest)
            change.dest = dest
            if key in ep.files:
                ep.files[dest] = ep.files.pop(key)
            if created_before:
                ep.created[dest] = ep.created[key]
        elif change.after is not None and (change.whole or action == "create"):
            ep.files[key] = change.after
        elif action == "generate":
            ep.files.pop(key, None)
        del before, whole
        ep.changes.append(change)

    def _data_edits(self, index: int, script: str, origin: str, cwd: str | None) -> None:
        """A JSON settings file read, changed and written back by a one-line script
        (:mod:`.dataedits`): the values it sets, in the file's known text or as fragments."""
        for path, sets in script_data_edits(script):
            key = self.ep.key(path, cwd)
            known = self.ep.files.get(key)
            sides = applied(known, sets) if known is not None else None
            if sides is not None:
                self._change(
                    index,
                    key,
                    "edit",
                    before=sides[0],
                    after=sides[1],
                    whole=True,
                    via="script",
                    origin=origin,
                )
                self.ep.files[key] = sides[1]
                continue
            if key not in self.ep.created:
                self.ep.existed.add(key)
            shown = [
                f'"{keys[-1]}": {json.dumps(value)}'
                for keys, value, deleted in sets
                if keys and not deleted
            ]
            self._change(index, key, "edit", via="script", origin=origin)
            if shown:
                self.ep.changes[-1].fragments = ("", "\n".join(shown))

    def _rewrite(
        self, index: int, path: str, known: str | None, after: str | None, via: str, origin: str
    ) -> bool:
        """An edit of a known file as its whole text before and after; False (nothing recorded)
        when the text before or after is unknown."""
        if known is None or after is None:
            return False
        self._change(
            index, path, "edit", before=known, after=after, whole=True, via=via, origin=origin
        )
        return True

    def _edit(self, index: int, path: str, old: str, new: str, via: str, origin: str) -> None:
        key = self.ep.key(path)
        known = self.ep.files.get(key)
        after = known.replace(old, new, 1) if known is not None and old and old in known else None
        if not self._rewrite(index, path, known, after, via, origin):
            if key not in self.ep.created:
                self.ep.existed.add(key)
            self._change(index, path, "edit", before=old, after=new, via=via, origin=origin)

    def _patch(
        self, index: int, patches: list[FilePatch], via: str, origin: str, cwd: str | None = None
    ) -> None:
        for p in patches:
            path = self.ep.key(p.path, cwd)
            if p.deleted:
                self._change(
                    index, path, "delete", before=self.ep.files.get(path), via=via, origin=origin
                )
                continue
            if p.old_path and self.ep.key(p.old_path, cwd) != path:
                self._change(index, p.old_path, "move", dest=path, via=via, origin=origin, cwd=cwd)
            if p.created:
                self._change(
                    index,
                    path,
                    "create",
                    before=None,
                    after=p.after,
                    whole=True,
                    via=via,
                    origin=origin,
                )
                continue
            known = self.ep.files.get(path)
            after = apply_hunks(known, p.hunks) if known is not None else None
            if not self._rewrite(index, path, known, after, via, origin):
                if path not in self.ep.created:
                    self.ep.existed.add(path)
                self._change(
                    index, path, "edit", before=p.before, after=p.after, via=via, origin=origin
                )

    # ------------------------------------------------------------------------- tool calls
    def call(self, index: int, tool: str, args: dict[str, Any] | str | None) -> None:
        """One tool call: read by its vocabulary; when that finds nothing, by what its
        arguments hold (:mod:`.generic`), unless the tool only looks things up."""
        ep = self.ep
        name = (tool or "").strip()
        if isinstance(args, dict) and reads_by_verb(name):
            # a tool whose name is a read (``getFileContents``, ``show_file``), whatever its
            # vocabulary: a text beside the path is the file shown, not written
            shown = [
                Item("read", path=it.path, text=it.text) if it.kind in ("write", "append") else it
                for it in items_of(args, ep.files)
                if it.kind != "output"
            ]
            if any(it.kind == "read" and it.text for it in shown):
                self.generic(index, shown)
                return
        before = (len(ep.changes), len(ep.commands), len(ep.reads))
        self._call(index, tool, args)
        if (len(ep.changes), len(ep.commands), len(ep.reads)) != before or not args:
            return
        items = [it for it in items_of(args, ep.files) if it.kind != "output"]
        if _LOOKUP_TOOL.search(name) and not _WRITE_TOOL.search(name):
            items = [it for it in items if it.kind == "read"]  # a lookup only reads
        self.generic(index, items)

    def _call(self, index: int, tool: str, args: dict[str, Any] | str | None) -> None:
        name = (tool or "").strip()
        if isinstance(args, str):
            if _PYTHON_TOOL.search(name) and _is_python(args):
                self.python(index, args)  # a code tool given its program as the whole argument
            elif looks_like_patch(args):
                self._patch(index, parse_patch(args), "apply_patch", args)
            elif _SHELL_TOOL.search(name) or not name:
                self.shell(index, args)
            return
        if (
            isinstance(args, list)
            and args
            and all(
                isinstance(p, list | tuple) and len(p) == 2 and isinstance(p[0], str) for p in args
            )
        ):
            args = {str(k): v for k, v in args}  # arguments as ``[key, value]`` pairs
        if not isinstance(args, dict):
            return
        args = canonical_args(args)
        sub = args.get("command")
        path = _first(args, _PATH_KEYS)
        if isinstance(sub, str) and sub in _EDITOR_VERBS and isinstance(path, str):
            self._editor(index, sub, path, args)
            return
        code = args.get("code") if isinstance(args.get("code"), str) else None
        if code is None and _PYTHON_TOOL.search(name):
            found = _first(args, _PROGRAM_KEYS)
            code = found if isinstance(found, str) else None
        if code is not None and (_PYTHON_TOOL.search(name) or not name):
            self.python(index, code)
            return
        command = command_text(args)
        if command:
            self.shell(index, command, cwd=args.get("workdir") or args.get("cwd"))
            return
        patch = _first(args, _PATCH_KEYS)
        if isinstance(patch, str) and looks_like_patch(patch):
            self._patch(index, parse_patch(patch), "apply_patch", patch)
            return
        if isinstance(patch, str) and isinstance(path, str) and _SEARCH_REPLACE.search(patch):
            for m in _SEARCH_REPLACE.finditer(patch):
                self._edit(index, path, m.group(1), m.group(2), "search_replace", m.group(0))
            return
        if not isinstance(path, str):
            src = _first(args, ("source", "src", "old_path", "from"))
            dst = _first(args, ("destination", "dst", "new_path", "to"))
            if _MOVE_TOOL.match(name) and isinstance(src, str) and isinstance(dst, str):
                self._change(index, src, "move", dest=dst, via=name, origin=json.dumps(args))
            return
        edits = args.get("edits")
        if isinstance(edits, list):
            for e in edits:
                if isinstance(e, dict):
                    self.call(index, name, {"path": path, **e})
            return
        for old_key, new_key in _PAIRS:
            old, new = args.get(old_key), args.get(new_key)
            if isinstance(old, str) and isinstance(new, str):
                self._edit(index, path, old, new, "str_replace", f"{name} {path}")
                return
        pair = infer_pair(args)
        if pair is not None:
            self._edit(index, path, pair[0], pair[1], "str_replace", f"{name} {path}")
            return
        chunks = [  # a list of replacement chunks under any name
            p
            for v in args.values()
            if isinstance(v, list) and v and all(isinstance(e, dict) for e in v)
            for p in [infer_pair(canonical_args(e)) for e in v]
        ]
        if chunks and all(p is not None for p in chunks):
            for p in chunks:
                if p is not None:
                    self._edit(index, path, p[0], p[1], "str_replace", f"{name} {path}")
            return
        content = _first(args, _CONTENT_KEYS)
        if content is None and not _READ_TOOL.search(name):
            content = _inferred_content(args)
        if isinstance(content, str):
            verb = "append" if re.search(r"(?i)append", name) else "write"
            self._write(index, path, content, verb, "write", f"{name} {path}")
        elif _DELETE_TOOL.match(name):
            self._change(
                index,
                path,
                "delete",
                before=self.ep.files.get(self.ep.key(path)),
                via=name,
                origin=f"{name} {path}",
            )
        elif _READ_TOOL.search(name):
            partial = any(k in args for k in ("view_range", "offset", "limit", "start_line"))
            self._read(index, path, partial, limit=_range_end(args))

    def _editor(self, index: int, sub: str, path: str, args: dict[str, Any]) -> None:
        origin = f"{sub} {path}"
        if sub == "view":
            self._read(index, path, "view_range" in args, limit=_range_end(args))
        elif sub in ("create", "write"):
            text = _first(args, ("file_text", *_CONTENT_KEYS))
            if isinstance(text, str):
                self._write(index, path, text, "write", "write", origin)
        elif sub == "append":
            text = _first(args, ("file_text", "new_str", *_CONTENT_KEYS))
            if isinstance(text, str):
                self._write(index, path, text, "append", "write", origin)
        elif sub == "str_replace":
            old, new = args.get("old_str"), args.get("new_str", "")
            if isinstance(old, str) and isinstance(new, str):
                self._edit(index, path, old, new, "str_replace", origin)
        elif sub == "insert":
            new = _first(args, ("new_str", "text", "content"))
            line = args.get("insert_line")
            key = self.ep.key(path)
            known = self.ep.files.get(key)
            if not isinstance(new, str):
                return
            after = None
            if known is not None and isinstance(line, int):
                lines = known.split("\n")
                lines[line:line] = new.split("\n")
                after = "\n".join(lines)
            if not self._rewrite(index, path, known, after, "insert", origin):
                self._change(index, path, "edit", before="", after=new, via="insert", origin=origin)

    def _write(
        self,
        index: int,
        path: str,
        content: str,
        verb: str,
        via: str,
        origin: str,
        cwd: str | None = None,
    ) -> None:
        key = self.ep.key(path, cwd)
        if verb == "append":
            known = self.ep.files.get(key)
            if not self._rewrite(
                index, key, known, None if known is None else known + content, via, origin
            ):
                action = "edit" if key in self.ep.existed or key in self.ep.created else "create"
                self._change(
                    index,
                    key,
                    action,
                    before="" if action == "edit" else None,
                    after=content,
                    whole=action == "create",
                    via=via,
                    origin=origin,
                )
            return
        self._change(index, key, "write", after=content, whole=True, via=via, origin=origin)

    def _read(
        self, index: int, path: str, partial: bool, cwd: str | None = None, limit: int | None = None
    ) -> None:
        """A read of ``path``; a partial read from line 1 up to ``limit`` that returns fewer
        lines than that is the whole file."""
        key = self.ep.key(path, cwd)
        self.ep.reads.append(Read(index, key, path))
        if key not in self.ep.created:
            self.ep.existed.add(key)
        self.pending_reads.append((key, partial, limit))

    # ------------------------------------------------------------------------- shell
    def shell(self, index: int, line: str, cwd: str | None = None) -> None:
        if not line.strip():
            return
        if self.windowed(index, line) or self.editor_line(index, line):
            return
        posix = posix_of(line)  # a PowerShell script: its file cmdlets as POSIX lines
        try:
            commands = parse_shell(line if posix is None else posix)
        except (ValueError, IndexError):
            return
        if cwd:
            self.ep.roots.append(str(cwd).rstrip("/"))
        prev: SimpleCommand | None = None
        for cmd in commands:
            if cmd.name == "cd" and len(cmd.argv) > 1 and cmd.argv[1].startswith("/"):
                self.ep.roots.append(cmd.argv[1].rstrip("/"))
            here = cmd.cwd if cmd.cwd and not cmd.cwd.startswith("/") else None
            record = Command(index, cmd, line)
            self.ep.commands.append(record)
            self.pending_commands.append(record)
            with contextlib.suppress(ValueError, IndexError, re.error):
                self._shell_effects(index, cmd, prev, here)
                for inner in _windows_script(cmd):
                    self._shell_effects(index, inner, None, here)
            prev = cmd

    def python(self, index: int, code: str) -> None:
        """Python code run by a code tool: its file effects, the file tools of the harness it
        calls (``open_file(...)``, ``edit_file_by_replace(...)``, read as tool calls), and the
        shell commands it starts. A notebook cell's magics are read too: ``%%bash``/``%%sh``
        cells are shell scripts, ``%%writefile PATH`` writes the cell to a file."""
        magic = _CELL_MAGIC.match(code)
        if magic:
            kind, rest, body = magic.group(1), magic.group(2).split(), magic.group(3)
            if kind == "writefile":
                paths = [w for w in rest if not w.startswith("-")]
                if paths:
                    verb = "append" if "-a" in rest or "--append" in rest else "write"
                    self._write(index, paths[0], body, verb, "writefile", code)
            else:
                self.shell(index, body)
            return
        self._python_code(index, code, None)
        for fname, fargs in helper_calls(code):
            self.call(index, fname, fargs)
        for line in _spawned(code):
            self.shell(index, line)
        for m in re.finditer(r"(?m)^\s*!(.+)$", code):  # IPython shell escapes
            self.shell(index, m.group(1))
        if not self.pending_commands:
            record = Command(index, SimpleCommand(["python", "-c", code], text=code[:200]), code)
            self.ep.commands.append(record)
            self.pending_commands.append(record)

    def code(self, index: int, program: str, code: str) -> None:
        """Code the agent runs in a language a record names (:func:`code_label`): a shell's
        lines are commands, Python is read for its effects, another language's program is a
        command of its interpreter, and each file it writes (by a call that writes a literal
        path) is changed, its text unknown."""
        if program == "shell":
            self.shell(index, code)
            return
        if program == "python":
            self.python(index, code)
            return
        record = Command(index, SimpleCommand([program, "-e", code], text=code[:200]), code)
        self.ep.commands.append(record)
        self.pending_commands.append(record)
        for path in foreign_writes(code):
            self._change(index, path, "generate", via=program, origin=code)

    def _python_code(self, index: int, code: str, cwd: str | None) -> None:
        for e in python_effects(code):
            if e.kind == "read":
                if not any(
                    x.kind in ("write", "replace", "generate") and x.path == e.path
                    for x in python_effects(code)
                ):
                    self._read(index, e.path, False, cwd)
            elif e.kind == "replace" and e.source is not None and e.content is not None:
                self._edit(index, self.ep.key(e.path, cwd), e.source, e.content, "python", code)
            elif e.kind in ("write", "append") and e.content is not None:
                self._write(index, e.path, e.content, e.kind, "python", code, cwd)
            elif e.kind in ("write", "append", "generate"):
                self._change(index, e.path, "generate", via="python", origin=code, cwd=cwd)
            elif e.kind == "download":
                self._change(index, e.path, "generate", via="download", origin=code, cwd=cwd)
            elif e.kind == "cell" and e.content is not None:
                # a notebook cell's new source: an edit of the cell's text as last shown (a
                # text printed before that shares a line with it), else of a text not seen
                key = self.ep.key(e.path, cwd)
                shown = self.ep.files.get(key)
                lines = [ln.strip() for ln in e.content.splitlines() if len(ln.strip()) >= 8]
                old = shown if shown is not None and any(ln in shown for ln in lines) else None
                self._change(
                    index, key, "edit", before=old, after=e.content, via="python", origin=code
                )
            elif e.kind == "delete":
                self._delete(index, e.path, "python", code, cwd)
            elif e.kind in ("move", "copy") and e.source is not None:
                self._move_or_copy(index, e.kind, e.source, e.path, "python", code, cwd)

    def _shell_effects(
        self, index: int, cmd: SimpleCommand, prev: SimpleCommand | None, cwd: str | None
    ) -> None:
        name, argv = cmd.name, cmd.argv
        args = [a for a in argv[1:] if not a.startswith("-")]
        outputs = cmd.outputs()
        text = cmd.text
        if name in ("python", "python3", "python3.11", "python3.12", "py") or (
            name == "uv" and argv[1:2] == ["run"]
        ):
            code = None
            if "-c" in argv and argv.index("-c") + 1 < len(argv):
                code = argv[argv.index("-c") + 1]
            elif cmd.stdin and (len(argv) == 1 or argv[1] == "-"):
                code = cmd.stdin
            elif len(argv) > 1 and argv[1].endswith(".py"):
                # a script the agent wrote itself in this trajectory: its text is known whole,
                # so running it has the effects its code has
                script = self.ep.key(argv[1], cwd)
                if script in self.ep.created:
                    code = self.ep.files.get(script)
            if code is not None:
                self._python_code(index, code, cwd)
        if (
            name in ("apply_patch", "applypatch")
            or (name == "git" and argv[1:2] in (["apply"], ["am"]))
            or name == "patch"
        ):
            patch_text = cmd.stdin
            if patch_text is None and name in ("apply_patch", "applypatch") and len(argv) > 1:
                patch_text = argv[1]
            if patch_text is None:
                for a in args[1:] if name == "git" else args:
                    known = self.ep.files.get(self.ep.key(a, cwd))
                    if known is not None:
                        patch_text = known
            if patch_text is not None and looks_like_patch(patch_text):
                via = "apply_patch" if "*** Begin Patch" in patch_text else "diff"
                self._patch(index, parse_patch(patch_text), via, text, cwd)
            return
        for target, append in outputs:
            if name in ("cat", "") and cmd.stdin is not None:
                self._write(
                    index, target, cmd.stdin, "append" if append else "write", "heredoc", text, cwd
                )
            elif name == "echo":
                self._write(
                    index,
                    target,
                    _echoed(argv),
                    "append" if append else "write",
                    "redirect",
                    text,
                    cwd,
                )
            elif name == "printf" and len(argv) > 1:
                self._write(
                    index,
                    target,
                    _printf(argv[1], argv[2:]),
                    "append" if append else "write",
                    "redirect",
                    text,
                    cwd,
                )
            elif name in (":", "true") or (not argv and not cmd.stdin):
                self._write(index, target, "", "write", "redirect", text, cwd)
            elif name == "git" and argv[1:2] == ["show"]:
                self._change(index, target, "generate", via="git", origin=text, cwd=cwd)
            elif name in ("curl", "wget"):
                self._change(index, target, "generate", via="download", origin=text, cwd=cwd)
            else:
                self._change(index, target, "generate", via="redirect", origin=text, cwd=cwd)
        if name == "tee":
            fed = cmd.stdin
            if (
                fed is None
                and prev is not None
                and prev.then == "|"
                and prev.name in ("echo", "printf")
            ):
                words = prev.argv[1:]
                fed = (
                    _printf(words[0], words[1:])
                    if prev.name == "printf" and words
                    else _echoed(prev.argv)
                )
            for target in args:
                if fed is not None:
                    self._write(
                        index,
                        target,
                        fed,
                        "append" if "-a" in argv else "write",
                        "heredoc",
                        text,
                        cwd,
                    )
                else:
                    self._change(index, target, "generate", via="redirect", origin=text, cwd=cwd)
        elif name.lower() in _WINDOWS_DELETE:
            # PowerShell's Remove-Item (-Path/-LiteralPath or bare paths), cmd's del/erase
            for a in args:
                if not a.startswith("/"):
                    self._delete(index, a.replace("\\", "/"), name, text, cwd)
        elif name in ("rm", "unlink", "shred") or (name == "git" and argv[1:2] == ["rm"]):
            for a in args[1:] if name == "git" else args:
                self._delete(index, a, name, text, cwd)
        elif name == "find" and ("-delete" in argv or ("-exec" in argv and "rm" in argv)):
            self._find_delete(index, argv, text, cwd)
        elif name == "mv" or (name == "git" and argv[1:2] == ["mv"]):
            paths = args[1:] if name == "git" else args
            if len(paths) >= 2:
                for src in paths[:-1]:
                    self._move_or_copy(index, "move", src, paths[-1], "mv", text, cwd)
        elif name == "cp" and len(args) >= 2:
            for src in args[:-1]:
                self._move_or_copy(index, "copy", src, args[-1], "cp", text, cwd)
        elif name in ("node", "nodejs", "deno", "bun") and any(
            a in ("-e", "--eval", "eval", "-p") for a in argv[1:3]
        ):
            self._data_edits(index, argv[-1], text, cwd)
        elif name == "truncate":
            for a in args:
                if a != "0" and not a.isdigit():
                    self._write(index, a, "", "write", "redirect", text, cwd)
        elif (name == "sed" and any(a.startswith(("-i", "--in-place")) for a in argv[1:])) or (
            name == "perl" and any(re.match(r"-[0-9]*[lnpa]*i", a) for a in argv[1:])
        ):
            self._sed(index, cmd, cwd)
        elif name in ("ed", "red", "ex", "vi", "vim", "nvim"):
            self._ed(index, cmd, prev, cwd)
        elif name in ("curl", "wget") and not outputs:
            dest = None
            for flag in ("-o", "--output", "-O", "--output-document"):
                if flag in argv and argv.index(flag) + 1 < len(argv):
                    dest = argv[argv.index(flag) + 1]
            if dest is not None and not dest.startswith("-"):
                self._change(index, dest, "generate", via="download", origin=text, cwd=cwd)
        elif name == "git" and argv[1:2] == ["stash"]:
            self._stash(index, argv, text, cwd)
        elif name == "git" and argv[1:2] in (["checkout"], ["restore"]) and "--" in argv:
            paths = argv[argv.index("--") + 1 :]
            ref = [a for a in argv[2 : argv.index("--")] if not a.startswith("-")]
            source = next((a.split("=", 1)[1] for a in argv if a.startswith("--source=")), None)
            ref_name = source or (ref[0] if ref else None)
            for p in paths:
                key = self.ep.key(p, cwd)
                self._change(
                    index,
                    key,
                    "generate" if ref_name not in (None, "HEAD", "@") else "restore",
                    via="git",
                    origin=text,
                )
        elif name in ("cat", "head", "tail", "less", "more", "nl", "bat") or (
            name == "sed" and "-n" in argv
        ):
            # a reader's operands are files, extension or not (Makefile, Dockerfile, LICENSE)
            files = [
                a
                for a in args
                if "/" in a or "." in a or (name != "sed" and re.fullmatch(r"[A-Za-z_][\w-]*", a))
            ]
            limit = None
            if name == "sed":
                script = next((a for a in argv[1:] if re.fullmatch(r"\d+,\d+p|\d+p", a)), "")
                m = re.fullmatch(r"1,(\d+)p", script)
                limit = int(m.group(1)) if m else None
                files = [f for f in files if f != script]
            elif name == "head":
                m = re.search(r"(?:-n\s*|-)(\d+)", " ".join(argv[1:]))
                limit = int(m.group(1)) if m else 10
            for f in files:
                self._read(
                    index,
                    f,
                    partial=name in ("head", "tail", "sed") or len(files) > 1,
                    cwd=cwd,
                    limit=limit,
                )
        if name not in ("curl", "wget"):
            self._output_option(index, argv, text, cwd)

    def _output_option(self, index: int, argv: list[str], text: str, cwd: str | None) -> None:
        """A program told by an output option (``-o``, ``--out``, ``--output``, ``--out-file``,
        in either ``--out x`` or ``--out=x`` form) to write a check's expected output (a file
        whose role is an expected result: a snapshot, a golden file, an expectation suite)
        regenerates it, whatever the program: a change made by a command, its text unseen."""
        for i, a in enumerate(argv[1:], start=1):
            flag, _, value = a.partition("=")
            if flag not in _OUTPUT_FLAGS:
                continue
            dest = value or (argv[i + 1] if i + 1 < len(argv) else "")
            if not dest or dest.startswith("-") or dest == "/dev/null":
                continue
            key = self.ep.key(dest, cwd)
            if classify(key).golden:
                self._change(index, key, "generate", via="option", origin=text)

    def _git_status(self) -> tuple[set[str], set[str]]:
        """(untracked, modified) files of the latest ``git status --short``/``--porcelain``."""
        for c in reversed(self.ep.commands):
            if c.cmd.argv[:2] == ["git", "status"] and c.output:
                lines = re.findall(r"(?m)^(\?\?|[ MADRCU]{1,2})\s+(\S+)$", c.output)
                return (
                    {self.ep.key(p) for s, p in lines if s == "??"},
                    {self.ep.key(p) for s, p in lines if s != "??"},
                )
        return set(), set()

    def _stash(self, index: int, argv: list[str], origin: str, cwd: str | None) -> None:
        """``git stash [push|save] [-u] [-- paths]`` takes files out of the working tree: new
        (untracked) ones are gone, changed ones are back to their committed text, until a
        ``git stash pop``/``apply`` gives them back."""
        sub = argv[2] if len(argv) > 2 and not argv[2].startswith("-") else "push"
        if sub in ("pop", "apply"):
            for ch, text in self.stashes.pop() if self.stashes else []:
                if ch in self.ep.changes:
                    self.ep.changes.remove(ch)
                if text is not None:
                    self.ep.files[ch.path] = text
            return
        if sub not in ("push", "save"):
            return
        opts = argv[3:] if argv[2:3] == [sub] else argv[2:]
        untracked_too = any(o in ("-u", "--include-untracked", "-a", "--all") for o in opts)
        paths: list[str] = []
        skip = False
        for o in opts:
            if skip:
                skip = False
            elif o in ("-m", "--message"):
                skip = True
            elif o != "--" and not o.startswith("-"):
                paths.append(self.ep.key(o, cwd))
        untracked, modified = self._git_status()
        untracked |= set(self.ep.created)
        if not paths:
            changed = {c.path for c in self.ep.changes if c.action != "delete"}
            paths = sorted(changed | modified | (untracked if untracked_too else set()))
        taken: list[tuple[Change, str | None]] = []
        for key in paths:
            text = self.ep.files.get(key)
            if key in untracked:
                if not untracked_too:
                    continue
                self._change(index, key, "delete", before=text, via="stash", origin=origin)
            else:
                self._change(index, key, "restore", via="stash", origin=origin)
            taken.append((self.ep.changes[-1], text))
        self.stashes.append(taken)

    def _delete(self, index: int, path: str, via: str, origin: str, cwd: str | None) -> None:
        key = self.ep.key(path, cwd)
        if any(ch in key for ch in "*?["):
            for f in sorted(set(self.ep.files) | self.ep.existed | set(self.ep.created)):
                if fnmatch.fnmatch(f, key):
                    self._change(
                        index, f, "delete", before=self.ep.files.get(f), via=via, origin=origin
                    )
            return
        under = [
            f for f in set(self.ep.files) | self.ep.existed if f.startswith(key.rstrip("/") + "/")
        ]
        for f in sorted(under):
            self._change(index, f, "delete", before=self.ep.files.get(f), via=via, origin=origin)
        self._change(index, key, "delete", before=self.ep.files.get(key), via=via, origin=origin)

    def _find_delete(self, index: int, argv: list[str], origin: str, cwd: str | None) -> None:
        root = argv[1] if len(argv) > 1 and not argv[1].startswith("-") else "."
        pattern = "*"
        for flag in ("-name", "-iname", "-path"):
            if flag in argv and argv.index(flag) + 1 < len(argv):
                pattern = argv[argv.index(flag) + 1]
        base = self.ep.key(root, cwd)
        glob = pattern if "/" in pattern else f"{'' if base == '.' else base + '/'}**/{pattern}"
        known = sorted(set(self.ep.files) | self.ep.existed | set(self.ep.created))
        hits = [
            f
            for f in known
            if fnmatch.fnmatch(f, glob) or fnmatch.fnmatch(f, glob.replace("**/", ""))
        ]
        for f in hits:
            self._change(index, f, "delete", before=self.ep.files.get(f), via="find", origin=origin)
        if not hits:
            self._change(index, glob.replace("**/", ""), "delete", via="find", origin=origin)

    def _move_or_copy(
        self, index: int, kind: str, src: str, dst: str, via: str, origin: str, cwd: str | None
    ) -> None:
        s, d = self.ep.key(src, cwd), self.ep.key(dst, cwd)
        if (
            dst.endswith("/")
            or d in ("", ".")
            or (
                d not in self.ep.files
                and "." not in posixpath.basename(d)
                and "." in posixpath.basename(s)
            )
        ):
            d = (
                posixpath.join(d, posixpath.basename(s))
                if d not in ("", ".")
                else posixpath.basename(s)
            )
        if kind == "move":
            self._change(
                index, s, "move", dest=d, before=self.ep.files.get(s), via=via, origin=origin
            )
            return
        content = self.ep.files.get(s)
        if content is not None:
            self._write(index, d, content, "write", via, origin)
        else:
            self._change(index, d, "generate", via=via, origin=origin)

    def _sed(self, index: int, cmd: SimpleCommand, cwd: str | None) -> None:
        argv = cmd.argv
        script: str | None = None
        files: list[str] = []
        i = 1
        while i < len(argv):
            a = argv[i]
            if a in ("-e", "--expression") and i + 1 < len(argv):
                script = argv[i + 1] if script is None else f"{script};{argv[i + 1]}"
                i += 2
                continue
            if a.startswith("-") and a != "-":
                inline = a in ("-pi", "-pie") or (a.endswith("e") and cmd.name == "perl")
                if inline and i + 1 < len(argv) and not argv[i + 1].startswith("-"):
                    script = argv[i + 1]
                    i += 2
                    continue
                i += 1
                continue
            if script is None:
                script = a
            else:
                files.append(a)
            i += 1
        if script is None:
            return
        edits = _sed_to_python(script)
        slurp = cmd.name == "perl" and any(re.fullmatch(r"-0\d*\w*", a) for a in argv[1:])
        for f in files:
            key = self.ep.key(f, cwd)
            known = self.ep.files.get(key)
            # the file known: the script run over it (a slurping perl's one substitution over
            # the whole text, else line by line)
            after, via = None, "sed"
            if known is not None and slurp:
                after, via = _perl_slurp(known, script), "perl"
            if known is not None and after is None and edits is not None:
                after, via = _apply_sed(known, edits), "sed"
            if self._rewrite(index, key, known, after, via, cmd.text):
                continue
            if key not in self.ep.created:
                self.ep.existed.add(key)
            self._change(index, key, "edit", via="sed", origin=cmd.text)
            fragments = _stream_fragments(script, "sed" if cmd.name == "sed" else "perl")
            if fragments is not None:
                # the file is unknown, the substitution is not
                self.ep.changes[-1].fragments = widen_fragments(fragments, self.ep.outputs)

    def _ed(
        self, index: int, cmd: SimpleCommand, prev: SimpleCommand | None, cwd: str | None
    ) -> None:
        """A line editor's script (ed's from a heredoc or a pipe, ex's and vim's ``-c`` and
        ``+`` commands) run over the files it edits, as a ``sed -i`` is."""
        argv, ex = cmd.argv, cmd.name != "ed" and cmd.name != "red"
        commands: list[str] = []
        files: list[str] = []
        i = 1
        while i < len(argv):
            a = argv[i]
            if a in ("-c", "--cmd") and i + 1 < len(argv):
                commands.append(argv[i + 1])
                i += 2
                continue
            if a.startswith("+") and len(a) > 1:
                commands.append(a[1:])
            elif a.startswith("-") and a != "-":
                if a == "-p" and i + 1 < len(argv) and cmd.name in ("ed", "red"):
                    i += 1  # (ed's prompt string)
                if "c" in a[1:] and ex and i + 1 < len(argv):
                    commands.append(argv[i + 1])  # ``ex -sc '%s/a/b/|x' file``
                    i += 1
            else:
                files.append(a)
            i += 1
        script = "\n".join(commands) if commands else cmd.stdin
        if script is None and prev is not None and prev.then == "|":
            if prev.name == "printf" and len(prev.argv) > 1:
                script = _printf(prev.argv[1], prev.argv[2:])
            elif prev.name == "echo":
                script = _echoed(prev.argv, newline=False)
        if script is None or not files:
            return
        for f in files[:1]:
            key = self.ep.key(f, cwd)
            known = self.ep.files.get(key)
            after = run_ed(known, script, ex) if known is not None else None
            if self._rewrite(index, key, known, after, "ed", cmd.text):
                continue
            if key not in self.ep.created:
                self.ep.existed.add(key)
            self._change(index, key, "edit", via="ed", origin=cmd.text)

    # ------------------------------------------------------------------------- outputs
    def output(self, index: int, text: str, status: int | None = None, silent: bool = True) -> None:
        """A tool's output (``status``: an exit code the step records beside its text;
        ``silent``: whether an empty text is the command's own silence, not a screen that shows
        nothing yet)."""
        body, code = _output_and_code(text)
        code = status if code is None else code
        if code is None and silent and self.pending_commands and not body.strip():
            # a command's result with no text and no status, nor a failure flag (a flag gives
            # a status): it ran and said nothing, which is how a command reports success
            # (``tflint``, ``diff``, ``go vet`` silent); a failure prints why or is flagged
            code = 0
        self.ep.outputs.append((index, body))
        single = len(self.pending_reads) == 1
        windowed = [k for k, _, _ in self.pending_reads if self._window(k, body)]
        for key, partial, limit in self.pending_reads:
            if key in windowed:
                continue
            content = _unfenced(_strip_numbers(body))
            # (a trailing line break ends the last line, it starts none)
            whole = not partial or (limit is not None and len(content.splitlines()) < limit)
            if (
                single
                and whole
                and content.strip()
                and not content.startswith(("cat:", "No such file", "sed:", "head:"))
            ):
                self.ep.files[key] = content
        for record in self.pending_commands:
            record.output = body
            record.exit_code = code
        if "\n@@" in body and looks_like_patch(body):
            if not self.pending_commands:
                self._returned_diff(body)
            self._shown_diff(body)
        self._note_paths_in(body[:20000])
        self.pending_reads.clear()
        self.pending_commands.clear()

    def _returned_diff(self, body: str) -> None:
        """A diff a file tool returns for the change it just made (an editor whose call carries
        only a description of the edit, ``{"display_description": "Update X", "mode": "edit"}``,
        and answers with the diff it applied): the diff is what changed, whatever the call's
        own texts were. Only for the last change, with no command run since (a ``git diff``
        is a command's output, read by :meth:`_shown_diff`), and only when the call's texts
        are not the diff's own lines (a tool echoing the replacement it was given)."""
        if not self.ep.changes:
            return
        ch = self.ep.changes[-1]
        if ch.action not in ("edit", "write") or any(c.index >= ch.index for c in self.ep.commands):
            return
        for fp in parse_patch(body):
            if not fp.hunks or not (
                ch.path == fp.path
                or ch.path.endswith("/" + fp.path)
                or fp.path.endswith("/" + ch.path)
            ):
                continue
            lines = set((fp.before or "").splitlines()) | set((fp.after or "").splitlines())
            own = [t for t in (ch.before, ch.after) if t and t.strip()]
            if own and all(any(ln in lines for ln in t.splitlines() if ln.strip()) for t in own):
                return  # the call's own texts: the diff echoes them
            known = self.ep.files.get(ch.path)
            after = apply_hunks(known, fp.hunks) if known is not None else None
            if after is not None and known is not None:
                ch.before, ch.after, ch.whole = known, after, True
                self.ep.files[ch.path] = after
            else:
                ch.before, ch.after, ch.whole = fp.before, fp.after, False
            ch.fragments = None
            return

    def _shown_diff(self, body: str) -> None:
        """A diff the agent printed (``git diff``) after a stream edit it could not be read
        from (a regex substitution of an unseen file): its hunks are what the edit changed."""
        for fp in parse_patch(body):
            for ch in reversed(self.ep.changes):
                if ch.path == fp.path or ch.path.endswith("/" + fp.path):
                    blind = ch.via == "sed" and ch.after is None and ch.fragments is None
                    if blind and fp.hunks and (fp.before or fp.after):
                        ch.fragments, ch.shown = (fp.before, fp.after), True
                    break

    def editor_line(self, index: int, line: str) -> bool:
        """An editor tool called as a command line (:data:`_EDITOR_LINE`): the same change
        as the tool's call with those arguments; returns whether ``line`` was one."""
        m = _EDITOR_LINE.match(line)
        if not m:
            return False
        try:
            words = shlex.split(line[m.end(1) :])
        except ValueError:
            return False
        if not words:
            return False
        path, args, k = words[0], {}, 1
        while k < len(words):
            word = words[k]
            if word.startswith("--") and k + 1 < len(words):
                values = [words[k + 1]]
                k += 2
                while k < len(words) and not words[k].startswith("--"):
                    values.append(words[k])  # --view_range 1 20
                    k += 1
                value: Any = values[0] if len(values) == 1 else values
                if word == "--insert_line" and values[0].isdigit():
                    value = int(values[0])
                args[word[2:]] = value
            else:
                k += 1
        self._editor(index, m.group(1), path, args)
        return True

    def windowed(self, index: int, line: str) -> bool:
        """SWE-agent's windowed editor: ``open PATH [LINE]``, ``create PATH``, ``goto N``,
        ``scroll_up``/``scroll_down`` and ``edit N:M`` ... ``end_of_edit`` on the open file."""
        m = _SWE_EDIT.match(line)
        if m and self.open_file:
            first, last, text = int(m.group(1)), int(m.group(2)), m.group(3)
            key = self.open_file
            known = self.ep.files.get(key)
            origin = line
            if known is not None:
                lines = known.split("\n")
                lines[first - 1 : last] = text.split("\n")
                self._rewrite(index, key, known, "\n".join(lines), "edit", origin)
            else:
                window = self.windows.get(key, {})
                old = [window.get(n) for n in range(first, last + 1)]
                before = (
                    "\n".join(x for x in old if x is not None)
                    if all(x is not None for x in old)
                    else None
                )
                if key not in self.ep.created:
                    self.ep.existed.add(key)
                self._change(
                    index, key, "edit", before=before, after=text, via="edit", origin=origin
                )
            self.pending_reads.append((key, True, None))
            return True
        m = _SWE_OPEN.match(line)
        if m:
            path = m.group(2).strip("'\"")
            self.open_file = self.ep.key(path)
            if m.group(1) == "create":
                self._write(index, path, "", "write", "create", line)
            else:
                self._read(index, path, True)
            return True
        if _SWE_MOVE.match(line) and self.open_file:
            self.pending_reads.append((self.open_file, True, None))
            return True
        return False

    def _window(self, key: str, body: str) -> bool:
        """Learn a file from a SWE-agent window (``[File: p (N lines total)]`` then ``N:text``
        lines); returns whether ``body`` was one."""
        head = _SWE_WINDOW.search(body[:500])
        if not head:
            return False
        total = int(head.group(2))
        numbered = [
            (int(n), t) for n, t in re.findall(r"(?m)^(\d+)(?::|\|)(.*)$", body[head.end() :])
        ]
        window = self.windows.setdefault(key, {})
        window.update(numbered)
        if len(window) >= total and all(n in window for n in range(1, total + 1)):
            self.ep.files[key] = "\n".join(window[n] for n in range(1, total + 1))
        return True

    def tagged_actions(self, index: int, text: str) -> bool:
        """Code in the assistant's text between tags named like a shell or Python tool
        (``<execute_bash>pytest</execute_bash>``, ``<execute_ipython>...</execute_ipython>``,
        ``<bash>...</bash>``), run as such."""
        found = False
        for m in _TAGGED_ACTION.finditer(text):
            tag, body = m.group(1), m.group(2)
            if body.lstrip().startswith("<"):
                continue
            if _PYTHON_TOOL.search(tag):
                self.python(index, body)
            elif _SHELL_TOOL.search(tag):
                self.shell(index, body)
            else:
                continue
            found = True
        return found

    def xml_calls(self, index: int, text: str) -> bool:
        """Tool calls written as XML elements in the assistant's text (Cline and similar:
        ``<write_to_file><path>a.py</path><content>...</content></write_to_file>``)."""
        found = False
        # (elements inside an attributed call are its arguments: ``<new_str>`` holding XML
        # text of its own, in ``<str_replace path="phpunit.xml">``)
        inside = [
            (a.start(), a.end()) for a in _ATTR_CALL.finditer(text) if a.group(1) not in _NOT_CALLS
        ]
        for m in _XML_CALL.finditer(text):
            tool = m.group(1)
            if tool in _NOT_CALLS or any(a < m.start() and m.end() <= b for a, b in inside):
                continue
            params = {p.group(1): p.group(2) for p in _XML_PARAM.finditer(m.group(2))}
            if params:
                self.call(index, tool, params)
                found = True
        return found

    def attr_calls(self, index: int, text: str) -> bool:
        """Tool calls written as XML elements with attributes (``<shell exec_dir="/r">cmd</shell>``,
        ``<open_file path="a"/>``, ``<str_replace path="a"><old_str>..</old_str>
        <new_str>..</new_str></str_replace>``): the attributes and child elements are the
        arguments; a body that is not child elements is the command of a shell-like tool, the
        code of a Python-like one, else the content."""
        found = False
        for m in _ATTR_CALL.finditer(text):
            tool = m.group(1)
            if tool in _NOT_CALLS:
                continue
            args: dict[str, Any] = dict(_ATTR.findall(m.group(2)))
            body = m.group(3)
            if body is not None:
                children = list(_XML_PARAM.finditer(body))
                if children and body.lstrip().startswith("<"):
                    args.update({c.group(1): c.group(2) for c in children})
                elif _PYTHON_TOOL.search(tool):
                    args["code"] = body
                elif _SHELL_TOOL.search(tool) and not any(k in args for k in _PATH_KEYS):
                    args["command"] = body
                else:
                    args["content"] = body
            cwd = next((v for k, v in args.items() if re.search(r"(?i)(dir|cwd)$", k)), None)
            if isinstance(args.get("command"), str) and cwd:
                self.shell(index, args["command"], cwd=cwd)
            else:
                self.call(index, tool, args)
            found = True
        return found

    def whole_files(self, index: int, text: str, reply: str) -> bool:
        """Files written whole in the assistant's text (Aider's ``whole`` format), when the
        harness's reply confirms the write (``Applied edit to PATH``): a path and a block in a
        message alone may be a file quoted, not written."""
        found = False
        for m in _WHOLE_FILE.finditer(text):
            lang, body = m.group(2), m.group(3)
            if lang in ("bash", "sh", "shell", "console", "zsh"):
                continue
            base = posixpath.basename(m.group(1))
            if not re.search(
                r"(?i)\b(appl\w*|edit\w*|wr[io]te\w*|written|sav\w*|updat\w*|creat\w*)\b[^\n]*"
                + re.escape(base),
                reply,
            ):
                continue
            self._write(index, m.group(1), body, "write", "aider", m.group(0))
            found = True
        return found

    def generic(self, index: int, items: list[Item], reply: str = "") -> tuple[bool, bool]:
        """Apply what the schema-agnostic reader found in a step (:mod:`.generic`): (whether it
        acted, whether it also held its own result)."""
        acted = False
        result = None
        shown = False
        for it in items:
            if it.kind == "command":
                self.shell(index, it.text)
            elif it.kind == "patch":
                self._patch(index, parse_patch(it.text), "apply_patch", it.text)
            elif it.kind == "edit":
                self._edit(index, it.path, it.old, it.new, "str_replace", f"edit {it.path}")
            elif it.kind in ("write", "append"):
                self._write(index, it.path, it.text, it.kind, "write", f"{it.kind} {it.path}")
            elif it.kind == "delete":
                key = self.ep.key(it.path)
                self._change(
                    index,
                    it.path,
                    "delete",
                    before=self.ep.files.get(key),
                    via="delete",
                    origin=f"delete {it.path}",
                )
            elif it.kind == "read":
                self._read(index, it.path, False)
                if it.text:
                    # the file's text shown by the call itself (a view's result): the file was
                    # there before the agent wrote it, and no later output is its content
                    key = self.ep.key(it.path)
                    self.pending_reads = [r for r in self.pending_reads if r[0] != key]
                    shown = True
            elif it.kind == "output":
                result = it
                continue
            acted = True
        if acted and result is not None:
            self.output(index, result.text, result.status, silent=not result.screen)
        return acted, acted and (result is not None or shown)

    def aider_blocks(self, index: int, text: str) -> bool:
        found = False
        for m in _AIDER.finditer(text):
            path = (m.group(1) or "").strip() or (m.group(2) or "").strip()
            path = path.strip("`*: ")
            if not path:
                continue
            if not m.group(3).strip():  # an empty SEARCH creates the file
                self._write(index, path, m.group(4) + "\n", "write", "aider", m.group(0))
            else:
                self._edit(index, path, m.group(3), m.group(4), "aider", m.group(0))
            found = True
        return found


_SPAWN = re.compile(
    r"(?:os\.system|subprocess\.(?:run|call|check_call|check_output|Popen))\(\s*"
    r"(?:f?[\"']{1,3})(.+?)[\"']{1,3}\s*[,)]"
)
_SPAWN_CALLS = frozenset(
    {
        "os.system",
        "subprocess.run",
        "subprocess.call",
        "subprocess.check_call",
        "subprocess.check_output",
        "subprocess.Popen",
    }
)


_OUTPUT_FLAGS = frozenset(
    {"-o", "--out", "--output", "--out-file", "--output-file", "--outfile", "--output-path"}
)
"""Options that name the file a program writes its result to."""


def _is_python(text: str) -> bool:
    """Whether a code tool's whole argument is a Python program (it parses, and it is more than
    a shell command line that happens to parse, such as ``ls``)."""
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        return False
    return any(
        isinstance(node, ast.Call | ast.Assign | ast.Import | ast.ImportFrom)
        for node in ast.walk(tree)
    )


def _spawned(code: str) -> list[str]:
    """The command lines Python code starts (``os.system``, ``subprocess.*``): the string's value
    (escapes decoded) or an argv list joined, when the code parses; else the text between the
    call's quotes."""
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError):
        return [m.group(1) for m in _SPAWN.finditer(code)]
    out = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and node.args):
            continue
        if ast.unparse(node.func) not in _SPAWN_CALLS:
            continue
        arg = node.args[0]
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
            out.append(arg.value)
        elif isinstance(arg, (ast.List, ast.Tuple)) and all(
            isinstance(e, ast.Constant) and isinstance(e.value, str) for e in arg.elts
        ):
            out.append(shlex.join(str(e.value) for e in arg.elts if isinstance(e, ast.Constant)))
        else:
            out += [m.group(1) for m in _SPAWN.finditer(ast.unparse(node))]
    return out


def _reply_text(steps: Sequence[TrajectoryStep], k: int) -> str:
    """The text of the message after step ``k`` when it is not the agent's own."""
    if k + 1 >= len(steps):
        return ""
    nxt = steps[k + 1]
    role = nxt.role.lower()
    if role == "assistant" or role in _AGENT_ROLES:
        return ""
    said = nxt.content or nxt.output
    if not said and nxt.unread:
        said = next((v for v in nxt.unread.values() if isinstance(v, str) and len(v) > 1), "")
    return (said or "")[:2000]


def _recorded_status(step: TrajectoryStep) -> int | None:
    """The exit code a tool output's step records beside its text: in its metadata, or in the
    ``extras`` an OpenHands observation carries (``{"command": ..., "exit_code": 1}``)."""
    status = _status_of(step.metadata)
    extras = step.unread.get("extras")
    if status is None and isinstance(extras, dict):
        status = _status_of(extras)
    return status


_ANSWER_KEYS = (*CALL_ID_KEYS, "callId")
"""Keys naming the call a record answers (a tracer's span also writes ``callId``)."""


def _answers_call(step: TrajectoryStep, awaiting: list[Any]) -> bool:
    """Whether a record is the result of a call awaiting one: it names a call it answers and
    repeats one awaiting call's arguments among its values."""
    named = any(
        isinstance(where.get(key), str) and where.get(key)
        for where in (step.metadata, step.unread or {})
        for key in _ANSWER_KEYS
    )
    if not named or not awaiting:
        return False
    wanted = [_json_value(a) for a in awaiting if a]
    return any(_json_value(v) in wanted for v in (step.unread or {}).values() if v)


def _json_value(value: Any) -> Any:
    """A call's arguments as an object, whether written as one or as JSON text."""
    if isinstance(value, str) and value.lstrip().startswith("{"):
        with contextlib.suppress(ValueError):
            return json.loads(value)
    return value


_ANSWER_TEXT = ("output", "result", "observation", "content")


def _answer_of(step: TrajectoryStep, position: int) -> tuple[str, int | None]:
    """The text and status of a record that answers a call: its output, not the call's input
    that it repeats."""
    unread = step.unread or {}
    if step.output is not None:
        result: Any = step.output
    else:
        result = next(
            (unread[key] for key in _ANSWER_TEXT if key in unread),
            step.content or "",
        )
    body, status = output_of(result, position)
    return body, status if status is not None else _recorded_status(step)


def _status_of(metadata: dict[str, Any]) -> int | None:
    """An exit code recorded in a tool output's metadata (``exit_code``, ``returncode``, ...)."""
    for key in ("exit_code", "exitCode", "returncode", "return_code", "exit_status", "status"):
        value = metadata.get(key)
        if isinstance(value, int) and not isinstance(value, bool):
            return value
    return None


_ROOTDIR = re.compile(r"(?m)^rootdir: (/[^\s,]+)")
"""pytest's report of the repository root."""
_ABS_PATH = re.compile(r"(?<![\w./-])(/(?:[\w.-]+/)+[\w.-]+\.\w+)")
_REL_PATH = re.compile(r"(?<![\w./-])((?:[\w-][\w.-]*/)+[\w.-]+\.\w+)")


def _inferred_roots(steps: Sequence[TrajectoryStep]) -> list[str]:
    """Repository roots the trajectory itself names, so that a file written by absolute path
    and used by relative path (or the other way round) is one file: the root pytest reports
    (``rootdir: /workspace/app``), and the prefix an absolute path of a call has over a
    relative path the calls use for the same file (``/workspace/app/scripts/fill.py`` and
    ``python scripts/fill.py``)."""
    roots: list[str] = []
    absolute: set[str] = set()
    relative: set[str] = set()
    for step in steps:
        for text in (step.content, step.output):
            if text and "rootdir: /" in text:
                roots += [m.rstrip("/") for m in _ROOTDIR.findall(text) if m.count("/") > 1]
        for call in step.calls():
            args = call.arguments
            values = [args] if isinstance(args, str) else list((args or {}).values())
            for value in values:
                if isinstance(value, str) and "/" in value:
                    absolute.update(_ABS_PATH.findall(value[:20_000]))
                    relative.update(_REL_PATH.findall(value[:20_000]))
    found: collections.Counter[str] = collections.Counter()
    for a in absolute:
        parts = a.split("/")
        for i in range(2, len(parts) - 1):
            if "/".join(parts[i:]) in relative:
                found["/".join(parts[:i])] += 1
                break
    for step in steps:  # the folder a Windows script moves to (Set-Location C:\\src\\app)
        for call in step.calls():
            args = call.arguments
            values = [args] if isinstance(args, str) else list((args or {}).values())
            for value in values:
                if isinstance(value, str) and ":\\" in value:
                    roots += [windows_path(m).rstrip("/") for m in _WINDOWS_CD.findall(value)]
    return roots + [r for r, _ in found.most_common(1) if r.count("/") > 1]


_WINDOWS_CD = re.compile(
    r"(?i)(?:^|[;\n&]\s*)(?:set-location|sl|cd|pushd|push-location)\s+(?:-path\s+)?['\"]?"
    r"([a-z]:\\[^'\";\s|&]*)"
)
"""A Windows script's move to a drive folder, the repository root its paths are under."""


def reconstruct(
    trajectory_id: str, steps: Sequence[TrajectoryStep], indices: Sequence[int]
) -> Episode:
    """The :class:`Episode` of one trajectory's steps (in order) at batch ``indices``."""
    ep = Episode(trajectory_id, list(indices))
    ep.roots += _inferred_roots(steps)
    b = _Builder(ep)
    task: list[str] = []
    expecting_output = False
    question: str | None = None  # the agent's last message, when it asks the user something
    previous: Any = None  # the last record no known vocabulary explains
    awaiting: list[Any] = []  # the arguments of the calls the last agent record made
    made_calls: set[str] = set()  # the ids of the calls records of unknown formats made
    last_actions: set[tuple[str, str, str, str, str]] = set()  # the last such record's actions
    for k, (step, index) in enumerate(zip(steps, indices, strict=True)):
        if step.task:
            task.append(step.task)
        for key in ("task", "instruction", "problem_statement", "issue"):
            value = step.metadata.get(key)
            if isinstance(value, str):
                task.append(value)
        role = step.role.lower()
        if role == EVENT_ROLE and not step.content and not step.unread:
            continue  # an event that carries no step (a session's settings, a status)
        text = step.content or ""
        calls = step.calls()
        if step.unread and any("." in str(key) for key in step.unread):
            step = step.model_copy(update={"unread": unflattened(step.unread)})
        stated = (
            task_of(step.unread) or root_task(step.unread)
            if step.unread and not text and not calls
            else None
        )
        if stated is not None:
            # the run's own record (a root span, a workflow's start): the task it states; its
            # other texts are the run's summary, not an action (.records)
            task.append(stated)
            b._note_paths_in(stated)
            continue
        if (
            role not in _KNOWN_ROLES
            and not calls
            and expecting_output
            and _answers_call(step, awaiting)
        ):
            # a record that answers the call awaiting its result, naming it and repeating its
            # input (a trace's tool span beside the model's generation that made the call):
            # that call's result, not a second call
            b.output(index, *_answer_of(step, k))
            expecting_output = False
            awaiting = []
            continue
        if role not in _KNOWN_ROLES and not calls:
            # a line no known vocabulary explains: read by what it holds
            if not text and step.output is None and step.unread and bookkeeping(step.unread):
                continue  # an engine's own record (ids, times, states): no step (.records)
            convo = unreplayed(step.unread, previous) if step.unread and not text else None
            previous = step.unread
            if convo is not None and (convo[0] or convo[1]):
                # a conversation logged whole in each record (an API request with its reply):
                # only what the earlier record did not hold, message by message, in order
                made_calls |= call_ids(convo[0])
                for asked in convo[1]:
                    task.append(asked)
                    b._note_paths_in(asked)
                expecting_output = _conversation(b, index, convo[0], expecting_output)
                continue
            payload: Any = {**step.unread, "content": text} if text else step.unread
            if step.output is not None and "output" not in payload:
                # the result the reader took out of the line, put back beside the call it
                # answers (``{"command": ..., "output": ..., "exit_code": 1}``)
                payload = {**payload, "output": step.output}
            cell = notebook_cell(payload)
            if cell is not None:
                # a notebook agent's executed cell: its code run by the kernel (magics and
                # Python alike), its outputs the cell's output (an error output: a failure)
                source, cell_output, failed = cell
                b.python(index, source)
                b.output(index, cell_output, 1 if failed else 0)
                expecting_output = False
                continue
            if isinstance(payload, dict) and agent_record(payload):
                # the agent's own plan or spec: its words, not the task's, and no change
                ep.messages.extend((index, t) for t in _prose_of(payload)[:1])
                continue
            prompt = prompt_text(payload)
            if prompt is not None:
                task.append(prompt)  # (the user's prompt of a notebook or a session: the task)
                b._note_paths_in(prompt)
                continue
            known = _known_files(ep)
            items = items_of(payload, known)
            if not any(it.kind != "output" for it in items) and text:
                items = _text_items(text, known, steps, k)
            if any(it.kind != "output" for it in items) and named_call(payload, made_calls):
                # a record naming a call made before and holding its actions: that call again
                # (handed to its tool), with its result when it holds one, never a second
                # call (.records)
                items = [it for it in items if it.kind == "output"]
                if not items:
                    continue
            elif any(it.kind != "output" for it in items):
                made_calls |= call_ids(payload)
            runs = message_runs(payload) if task or ep.commands or ep.changes else []
            if any(it.kind != "output" for it in items) and (
                not runs or any(it.kind not in ("command", "output", "read") for it in items)
            ):
                acted, answered = b.generic(index, items)
                expecting_output = acted and not answered
                continue
            if runs:
                # a message after the task that reports runs in prose (a mail's or a chat
                # message's ``$ cmd``, its output and how it ended): the writer's runs, each
                # answered by its own output
                for it in runs:
                    if it.kind == "command":
                        b.shell(index, it.text)
                    else:
                        b.output(index, it.text, it.status)
                expecting_output = False
                continue
            if expecting_output:
                body, status = output_of(payload, k)
                b.output(index, body, status if status is not None else _status_of(step.metadata))
                expecting_output = False
                continue
            said = _prose_of(payload)
            if not said:
                continue
            # unlabelled prose before the agent has said or done anything is the user's (a
            # system prompt and the task may both come first); after that, the agent's
            who = labelled_role(said[0]) or (
                "user"
                if not (ep.messages or ep.commands or ep.changes or ep.reads)
                else "assistant"
            )
            if who == "user":
                task.append(said[0])
                b._note_paths_in(said[0])
            elif who == "assistant":
                ep.messages.append((index, said[0]))
            continue
        payload = None
        if role in _OUTPUT_ROLES and step.output is None:
            # a result whose text is not the output itself: other keys, or a YAML document of a
            # status and a text
            doc = yamlish(text) if text and "\n" in text else None
            if doc is not None and _result_doc(doc):
                payload = doc
            elif not text:
                payload = step.unread
                if not expecting_output:
                    # nothing awaits a result: a record of a call and its result in one line
                    # (a tool run logged whole); its action is the agent's
                    items = items_of(payload, _known_files(ep))
                    if last_actions and {_item_key(it) for it in items if it.kind != "output"} <= (
                        last_actions
                    ):
                        # the very call the agent's record just made, repeated beside its result
                        # (a tool's span under the model's): that call's result (.records)
                        items = [it for it in items if it.kind == "output"]
                        for it in items[:1]:
                            b.output(index, it.text, it.status)
                        last_actions = set()
                        continue
                    if any(it.kind != "output" for it in items):
                        b.generic(index, items)
                        continue
            elif (
                text.lstrip().startswith("{")
                and not b.pending_reads
                and not re.search(r'"(output|stdout|result|content|observation)"', text[:300])
            ):  # a JSON result under names no vocabulary uses (not a JSON file read)
                with contextlib.suppress(ValueError):
                    parsed = json.loads(text)
                    if isinstance(parsed, dict) and _result_doc(parsed, lines=False):
                        payload = parsed
        if payload:
            body, status = output_of(payload, k)
            b.output(index, body, status if status is not None else _status_of(step.metadata))
            expecting_output = False
            continue
        if role in ("user", "human") and not text and step.unread:
            # (words, not an identifier: a record's ids and hashes are no message)
            text = next((t for t in _prose_of(step.unread) if " " in t.strip()), "")
        if role in _OUTPUT_ROLES or (
            # (a user's record with no text while a call awaits its result is that result,
            # empty: a request says something)
            role in ("user", "human")
            and (expecting_output or bool(text and _LOOKS_OUTPUT.match(text)))
        ):
            b.output(index, text, _recorded_status(step))
            expecting_output = False
            continue
        if role in ("user", "human"):
            shown = _FILE_MESSAGE.match(text)
            if shown:  # a file added to the conversation (Aider)
                b._read(index, shown.group(1), False)
                b.output(index, shown.group(2))
            elif text:
                if question is not None:
                    # "Yes, go ahead." makes the question's request the user's own; any other
                    # answer is read with the question, which names what it is about
                    task.append(prose(question) if _AFFIRM.match(text) else quoted(question))
                task.append(text)
                b._note_paths_in(text)
            question = None
            continue
        if role in _AGENT_ROLES:
            role = "assistant"
        if role != "assistant" and not calls:
            continue
        convo = unreplayed(step.unread, previous) if step.unread else None
        previous = step.unread
        if convo is not None:
            # the agent's reply logged beside the conversation it answers (a trace of model
            # calls, each with its input): the input's new messages are the task and the
            # results of the calls before, read before this reply's own calls
            for asked in convo[1]:
                task.append(asked)
                b._note_paths_in(asked)
            results = [m for m in convo[0] if str(m.get("role", "")).lower() != "assistant"]
            expecting_output = _conversation(b, index, results, expecting_output)
        if not text and not calls and step.unread:
            # the message under another key ({"speaker": "assistant", "text": ...})
            text = next((v for v in step.unread.values() if isinstance(v, str) and len(v) > 24), "")
        if text:
            ep.messages.append((index, text))
        question = text if text and not calls and "?" in prose(text) else None
        acted = False
        if calls:
            awaiting = []
        for call in calls:
            if call.arguments is None and len(calls) == 1 and _holds_object(step.unread):
                # a call named at the top level whose arguments sit under a key no vocabulary
                # uses ({"tool": "bash_tool", "payload": {"line": "bats test/"}}): read by what
                # the line's other keys hold, below
                continue
            b.call(index, call.tool or "", call.arguments)
            awaiting.append(call.arguments)
            acted = True
        if step.output is not None and acted:
            b.output(index, step.output, _recorded_status(step))
            expecting_output = False
            continue
        label = code_label(step.unread) if not calls and text and step.unread else None
        if label is not None:
            # a record that labels its text as code in a language (``{"type": "code",
            # "format": "python", "content": ...}``): the agent runs it, and what it writes is
            # changed, however the format names its records
            b.code(index, label, text)
            expecting_output = True
            continue
        if not calls and text:
            if b.aider_blocks(index, text):
                acted = True
            elif (
                ("</" in text and (b.tagged_actions(index, text) or b.xml_calls(index, text)))
                or ('="' in text and b.attr_calls(index, text))
                or b.whole_files(index, text, _reply_text(steps, k))
            ):
                expecting_output = True
                continue
            actions = list(_CODE_ACTION.finditer(text))
            for m in actions:
                b.python(index, m.group(1))
                acted = True
            fenced = [] if actions else list(_FENCED_SHELL.finditer(text))
            for m in fenced:
                lines = m.group(1).split("\n")
                prompts = [ln[2:] for ln in lines if ln.startswith("$ ")]
                b.shell(index, "\n".join(prompts) if prompts else m.group(1))
                acted = True
            if not fenced and not actions:
                prompts = re.findall(r"(?m)^\$ (.+)$", text)
                if prompts:
                    b.shell(index, "\n".join(prompts))
                    acted = True
        if not acted and (step.unread or text) and convo is None:
            # nothing a known vocabulary reads: the schema-agnostic reader, on the line's other
            # keys and on text that spells an action as ``key: value`` lines
            known = _known_files(ep)
            items = items_of(step.unread, known) if step.unread else []
            data = yamlish(text) if not calls and "\n" in text else None
            if data is not None:
                items += items_of(data, known)
            elif not calls and "(" in text:
                for _, fargs in call_syntax(text):
                    items += items_of(fargs, known)
            if not items and not calls and "```" in text and _reply_text(steps, k):
                # commands in fences without a shell tag, run: a result follows
                for m in _ANY_FENCE.finditer(text):
                    command = looks_like_command(m.group(1))
                    if command is not None:
                        items.append(Item("command", text=command))
            items = _distinct(items)
            acted, answered = b.generic(index, items)
            last_actions = {_item_key(it) for it in items if it.kind != "output"}
            if acted and answered:
                expecting_output = False
                continue
            if not acted and not text and not calls:
                ep.messages.extend((index, t) for t in _prose_of(step.unread)[:1])
        expecting_output = acted
    ep.task = "\n".join(task)
    return ep


def _item_key(it: Item) -> tuple[str, str, str, str, str]:
    return (it.kind, it.text or "", it.path or "", it.old or "", it.new or "")


def _distinct(items: list[Item]) -> list[Item]:
    """An agent's record's actions, each once: one call written twice in one record (a
    message's JSON text and its parsed form beside it) is one call; a lone token beside its
    calls (a span's ``"status_code": "OK"``) is the record's state, not their result."""
    seen: set[tuple[str, str, str, str, str]] = set()
    out = []
    acts = any(it.kind != "output" for it in items)
    for it in items:
        key = _item_key(it)
        if it.kind != "output" and key in seen:
            continue
        if acts and it.kind == "output" and it.status is None and len(it.text.split()) <= 1:
            continue
        seen.add(key)
        out.append(it)
    return out


def _conversation(b: _Builder, index: int, messages: list[dict[str, Any]], waiting: bool) -> bool:
    """Apply the new messages of a conversation a record holds (:func:`.generic.unreplayed`)
    in order: a tool's message (or a tool result part) is the output of the call before it, an
    agent's message its words and its calls (``tool_calls`` with a function's name and
    arguments, or ``tool_use`` parts); returns whether a call still waits for its output."""
    for m in messages:
        role = str(m.get("role", "")).lower()
        content = m.get("content")
        parts = content if isinstance(content, list) else m.get("parts") or []
        parts = parts if isinstance(parts, list) else []
        # (a part that names a call or a response by its key: ``functionCall``,
        # ``functionResponse``, whatever the part's type is called)
        for p in parts:
            if not isinstance(p, dict):
                continue
            for key, value in p.items():
                if not isinstance(value, dict):
                    continue
                words = set(words_of_key(key))
                if "response" in words or "result" in words:
                    body, status = output_of(value.get("response", value))
                    b.output(index, body, status)
                    waiting = False
                elif "call" in words and isinstance(value.get("name"), str):
                    args = value.get("args", value.get("arguments"))
                    b.call(index, value["name"], args if isinstance(args, dict | str) else None)
                    waiting = True
        if role in ("tool", "function", "tool_result", "observation", "ipython"):
            body, status = output_of(content if content is not None else m)
            b.output(index, body, status)
            waiting = False
            continue
        results = [p for p in parts if isinstance(p, dict) and p.get("type") == "tool_result"]
        for r in results:
            body, status = output_of(r.get("content", ""))
            b.output(index, body, 1 if r.get("is_error") is True else status)
            waiting = False
        if isinstance(content, str) and content.strip():
            b.ep.messages.append((index, content))
        calls: list[tuple[str, Any]] = []
        for call in m.get("tool_calls") or []:
            if isinstance(call, dict):
                inner = call.get("function")
                fn: dict[str, Any] = inner if isinstance(inner, dict) else call
                calls.append((str(fn.get("name", "")), fn.get("arguments", fn.get("args"))))
        for p in parts:
            if isinstance(p, dict) and p.get("type") == "tool_use":
                calls.append((str(p.get("name", "")), p.get("input")))
            elif isinstance(p, dict) and p.get("type") == "text" and isinstance(p.get("text"), str):
                b.ep.messages.append((index, p["text"]))
        for tool, args in calls:
            if isinstance(args, str):
                with contextlib.suppress(ValueError):
                    args = json.loads(args)
            b.call(index, tool, args if isinstance(args, dict | str) else None)
            waiting = True
    return waiting


_PROMPT_EVENT = re.compile(
    r"(?i)^(prompt|user[-_ ]?prompt|user[-_ ]?message|instruction|task|query)$"
)
"""What a line's event or type calls the user's prompt."""


def prompt_text(payload: Any) -> str | None:
    """The user's prompt held by a line whose event or type names it one (``{"event":
    "prompt", "notebook": "agent.ipynb", "text": "..."}``): the task, not a file of the
    notebook it names."""
    if not isinstance(payload, dict):
        return None
    kind = next((v for k in ("event", "type", "kind") if isinstance(v := payload.get(k), str)), "")
    if not _PROMPT_EVENT.match(kind):
        return None
    for key in ("text", "prompt", "content", "message", "input"):
        value = payload.get(key)
        if isinstance(value, str) and value.strip():
            return value
    return None


def notebook_cell(payload: Any) -> tuple[str, str, bool] | None:
    """(source, output text, whether it raised) of an executed notebook code cell held by a
    line (the cell itself, or under one key: ``{"event": "cell_executed", "cell": {...}}``),
    in the notebook format's own shape: ``cell_type``, ``source`` (text or lines) and
    ``outputs`` (streams, results, displays and errors)."""
    if not isinstance(payload, dict):
        return None
    cells = [payload, *(v for v in payload.values() if isinstance(v, dict))]
    cell = next(
        (c for c in cells if c.get("cell_type") == "code" and "source" in c),
        None,
    )
    if cell is None:
        return None
    source = cell["source"]
    source = "".join(source) if isinstance(source, list) else str(source)
    shown: list[str] = []
    failed = False
    for out in cell.get("outputs") or []:
        if not isinstance(out, dict):
            continue
        kind = out.get("output_type")
        if kind == "stream":
            text = out.get("text", "")
            shown.append("".join(text) if isinstance(text, list) else str(text))
        elif kind in ("execute_result", "display_data"):
            data = out.get("data") or {}
            plain = data.get("text/plain", "") if isinstance(data, dict) else ""
            shown.append("".join(plain) if isinstance(plain, list) else str(plain))
        elif kind == "error":
            failed = True
            trace = out.get("traceback") or []
            shown.append(f"{out.get('ename', 'Error')}: {out.get('evalue', '')}")
            shown += [str(t) for t in trace] if isinstance(trace, list) else []
    return source, "\n".join(shown), failed


def _holds_object(unread: dict[str, Any]) -> bool:
    """Whether a line's keys outside the schema hold an object or a list (what a call's
    arguments are), not only strings and numbers."""
    return any(isinstance(v, (dict, list)) for v in unread.values())


_KNOWN_ROLES = frozenset(
    _OUTPUT_ROLES
    | _AGENT_ROLES
    | {"assistant", "user", "human", "system", "developer", "tool_call", "function_call"}
)
"""Roles the known vocabularies use; a line with another role is read by its content."""


def _result_doc(doc: dict[str, Any], *, lines: bool = True) -> bool:
    """Whether a YAML or JSON document is a result: a few keys, one integer and one text (of
    lines, for YAML)."""
    if len(doc) > 4:
        return False
    ints = [v for v in doc.values() if isinstance(v, int) and not isinstance(v, bool)]
    texts = [v for v in doc.values() if isinstance(v, str) and ("\n" in v or not lines)]
    return len(ints) == 1 and len(texts) == 1


def _known_files(ep: Episode) -> dict[str, str]:
    return ep.files


def _prose_of(payload: Any) -> list[str]:
    """The message a line says (its longest text that is not a role or a label)."""
    texts: list[str] = []

    def walk(v: Any, depth: int) -> None:
        if depth > 6:
            return
        if isinstance(v, str):
            if len(v) > 24 or " " in v.strip():
                texts.append(v)
        elif isinstance(v, dict):
            for x in v.values():
                walk(x, depth + 1)
        elif isinstance(v, list):
            for x in v:
                walk(x, depth + 1)

    walk(payload, 0)
    return sorted(texts, key=len, reverse=True)[:1]


def _text_items(
    text: str, known: dict[str, str], steps: Sequence[TrajectoryStep], k: int
) -> list[Item]:
    """A line-log message that writes a file (``WRITE path`` + body), when the next line
    confirms the write by naming the file."""
    found = header_write(text)
    if found is None:
        return []
    path, body = found
    nxt = steps[k + 1] if k + 1 < len(steps) else None
    reply = ""
    if nxt is not None:
        reply = (
            (nxt.content or "")
            + "\n"
            + "\n".join(v for v in nxt.unread.values() if isinstance(v, str))
        )
    base = posixpath.basename(path)
    if not re.search(
        r"(?i)\b(appl\w*|edit\w*|wr[io]te\w*|written|sav\w*|updat\w*|creat\w*|ok)\b[^\n]*"
        + re.escape(base),
        reply,
    ):
        return []
    return [Item("write", path=path, text=body)]


def shell_join(argv: list[str]) -> str:
    """Words back into a command line."""
    return shlex.join(argv)
