"""Schema-agnostic reading of a step: what the strings it holds *are*, whatever their keys.

The known vocabularies (:mod:`plasma.auditor.trajectories`, :mod:`plasma.auditor.agent.episode`)
are the precise path. A step they cannot read (keys in another language, calls nested under
other names, arguments as key/value pairs, actions written as YAML-like text or as a line log,
diffs and file bodies base64-encoded, several actions on one line, a result in the calling line)
is read here by content:

- a unified diff or an ``apply_patch`` envelope anywhere is a patch;
- a string that starts with a program (``pytest``, ``git``, ``sed``, ``./gradlew``, a script
  path, ...) and holds no file path beside it is a command line;
- an object (or a list of ``[key, value]`` pairs) holding a file path has, after the path, the
  text it writes: two texts are a replaced and a replacing fragment (the one found in the file's
  known content is the old one; otherwise document order), one text of more than a line is the
  whole file (or text appended, when the call's words say so; lines replaced or inserted, when
  line numbers stand beside it), none is a read (a delete, when the words say so); lists of
  lines count as their joined text, and lists of such objects without their own path (hunks,
  edit lists) inherit the parent's path;
- text in XML-like elements of any names, JSON inside a string and calls written as code are
  read as the objects they spell;
- an object holding a long text and a small integer or a boolean, and no path, is a result with
  its exit status (a boolean ``false`` is status 1);
- a terminal screen (a text whose lines open with a shell prompt, ``user@host:dir# ``,
  ``$ ``) is what the terminal shows, never a file's text: the texts beside it that the screen
  echoes after a prompt are the keystrokes typed, each a command run whatever its program, and
  the screen without its prompt lines (and a heredoc's ``> `` lines) is their output; a screen
  shows no exit status;
- text whose lines are ``key: value`` (YAML-like) is read as the object it spells; a line-log
  message ``LABEL: command`` is the command; a header naming a file after a verb (``write``,
  ``create``, ...) followed by a body writes that file when the next result confirms it.

Fragments are kept only in these shapes: a string beside a path that is a single short line is
never taken for a whole file (``"1-20"`` beside a path is a range, not a file body).
"""

from __future__ import annotations

import base64
import binascii
import itertools
import json
import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from plasma.auditor.agent.lenient import words_of_key
from plasma.auditor.agent.patches import looks_like_patch

__all__ = [
    "Item",
    "actor_of",
    "agent_record",
    "call_syntax",
    "code_label",
    "decoded",
    "expand_line",
    "find_patch",
    "foreign_writes",
    "header_write",
    "items_of",
    "labelled_role",
    "looks_like_command",
    "message_runs",
    "output_of",
    "prompted_runs",
    "reads_by_verb",
    "unreplayed",
    "yamlish",
]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


PROGRAMS = _words(
    """
    python python3 py pytest py.test tox nox pip pip3 uv poetry pipenv hatch pdm coverage mypy
    ruff flake8 black isort pylint npm npx pnpm yarn node deno bun jest vitest mocha tsc eslint
    go gofmt cargo rustc rustup make cmake ctest ninja meson bazel bazelisk gradle gradlew mvn
    mvnw java javac kotlinc sbt dotnet composer phpunit php mix elixir iex erl rebar3 ruby bundle
    rake rspec git sed perl awk cat echo printf tee rm mv cp ls grep rg find head tail curl wget
    bash sh zsh chmod mkdir touch cd export diff patch docker kubectl swift xcodebuild just task
    env sudo timeout xargs true false test pre-commit tar unzip ln sort wc nl less more apply_patch
    bats Rscript R julia prove busted dart flutter zig stack cabal dune lein crystal nim pwsh
    powershell turbo nx lerna ant gh glab jq yq strings
    """
)
"""Programs whose name starts a command line."""
_ALONE = _words("pytest tox nox make jest vitest mocha rspec rake phpunit ctest ninja")
"""Programs that make a whole command line by themselves."""

_PATHLIKE_EXT = _words(
    """
    py pyi ts tsx js jsx mjs cjs go rs java kt kts php ex exs rb c cc cpp cxx h hpp hh cs fs
    swift scala clj erl hrl lua pl pm r jl dart vue svelte json jsonl yaml yml toml ini cfg conf
    md rst txt csv tsv xml html css scss sh bash zsh ps1 bat mk cmake gradle bazel bzl lock sql
    proto graphql snap golden out expected env properties sbt mod sum ipynb
    """
)
_PATHLIKE_NAMES = _words(
    """
    Makefile makefile GNUmakefile Dockerfile Jenkinsfile Rakefile Gemfile Justfile justfile
    BUILD WORKSPACE Procfile Vagrantfile Taskfile CODEOWNERS LICENSE
    .coveragerc .flake8 .pylintrc .pydocstyle .isort.cfg .eslintrc .prettierrc .babelrc .mocharc
    .nycrc .npmrc .yarnrc .gitignore .gitattributes .dockerignore .editorconfig .env .envrc
    .bazelrc .clang-tidy .clang-format .golangci .rubocop .rspec .jshintrc
    """
)
_ROLE_WORDS = (
    (
        re.compile(r"(?i)^(tool_?calls?|tool_?use|function_?calls?|actions?|invocations?)$"),
        "assistant",
    ),  # a line that calls a tool is the agent's, not a tool's output
    (re.compile(r"(?i)^(assist\w*|agent\w*|ai|model|bot|llm|gpt)$"), "assistant"),
    (re.compile(r"(?i)^(user\w*|human|customer|client|requester)$"), "user"),
    (
        re.compile(r"(?i)^(tool\w*|function|observation|environment|ipython|result)$"),
        "tool",
    ),
    (re.compile(r"(?i)^system$"), "system"),
)
_LABEL = re.compile(r"\A\s*(?:\$ |>>>? |([A-Za-z][\w .-]{0,24}?)\s*[:>]\s+)")
_ASSIGN = re.compile(r"\A(?:[A-Za-z_]\w*=\S*\s+)+")
_B64 = re.compile(r"\A[A-Za-z0-9+/]{16,}={0,2}\Z")
_YAML_KEY = re.compile(r"(?m)^[A-Za-z_][\w-]*:(?:[ \t]|$)")
_STATUS_TEXT = re.compile(
    r"(?i)\b(?:rc|exit(?:[ _-]?(?:code|status))?|status|return(?:[ _-]?code)?|code)"
    r"(?:\s*[=:]\s*|[ ]+)(-?(?:25[0-5]|2[0-4]\d|1?\d{1,2}))\b\]?"
)
_WRITE_HEADER = re.compile(
    r"\A[^\n]*?\b(?:write|wrote|writing|create|created|save|saved|put|overwrite|new file)\b"
    r"[^\n]*?([\w./-]+\.[A-Za-z]{1,8}|[\w./-]*(?:Makefile|Dockerfile|BUILD))\b[^\n]*\n(.*)\Z",
    re.S | re.I,
)
_NOT_STATUS = re.compile(
    r"(?i)(time|ms$|_s$|sec|dur|elapsed|size|len|count|line|col|pid|id$|seq|step|idx|index|"
    r"^n$|num|port|bytes|tokens|width|height|offset|limit|version|attempt|retry)"
)
"""Integers that count or measure, not exit statuses."""
_MEASURE = re.compile(
    r"(?i)(time|ms$|_s$|sec|dur|elapsed|size|len|count|pid|id$|seq|idx|bytes|tokens|port|"
    r"version|attempt|retry)"
)
"""Integers that count or measure, not line numbers."""
_APPEND_VERB = re.compile(r"(?i)(append|add_to|addto|concat)")
_READ_VERBS = frozenset({"view", "open", "read", "cat", "show", "get", "display", "peek"})
"""Verbs of a call that shows a file (a text beside its path is what the file holds)."""
_WRITE_VERBS = frozenset(
    {
        "write", "create", "edit", "replace", "insert", "update", "save", "patch", "apply",
        "append", "put", "set", "modify", "overwrite", "new", "change", "delete", "remove",
        "rename", "move", "undo",
    }
)  # fmt: skip
"""Verbs of a call that changes a file."""
_RESULT_KEY = re.compile(
    r"(?i)^(?:result|results|output|outputs|stdout|stderr|response|observation|returned|"
    r"return_?value|combined_?output|tool_?result|log|logs)$"
)
"""Keys whose value is what a call returned (a file shown, a command's output), never an
argument the agent wrote."""


def reads_by_verb(verb: str) -> bool:
    """Whether a call's words name a read (``view``, ``open``, ``read``, ``cat``, ``show``,
    ``get``) and no change: whatever the tool is called, a text beside its path is shown
    (``CORTEX_STEP_TYPE_VIEW_FILE``, ``openFile``: words as :func:`.lenient.words_of_key`
    reads a key's)."""
    words = set(words_of_key(verb))
    return bool(words & _READ_VERBS) and not words & _WRITE_VERBS


_DELETE_VERB = re.compile(r"(?i)(?:^|[\s._:/-])(rm|del|delete|remove|unlink)\b")


@dataclass
class Item:
    """One thing a step does or reports."""

    kind: str
    """``patch``, ``command``, ``edit``, ``write``, ``append``, ``read``, ``delete`` or
    ``output``."""
    path: str = ""
    text: str = ""
    """The patch, command line, whole file or output."""
    old: str = ""
    new: str = ""
    status: int | None = None
    screen: bool = False
    """An output read off a terminal's screen: what the screen shows, no result of the command
    (a screen showing nothing after the keystrokes says nothing of how the command ended)."""


# ------------------------------------------------------------------------------ what strings are


def path_of(value: str) -> str | None:
    """``value`` as a file path (``file://`` URIs included), or None."""
    v = value.strip()
    if not v or len(v) > 300 or any(c in v for c in " \n\t'\"`;|&<>()[]{}*"):
        return None
    if v.startswith("file://"):
        v = v[7:]
    base = posixpath.basename(v)
    if base in _PATHLIKE_NAMES:
        return v
    stem, dot, ext = base.rpartition(".")
    if dot and stem and ext.lower() in _PATHLIKE_EXT and not v.startswith(("http:", "https:")):
        return v
    return None


def looks_like_command(text: str) -> str | None:
    """The command line ``text`` holds (a prompt or a ``LABEL:`` prefix removed), or None."""
    s = text.strip()
    if not s or len(s) > 4000 or s.count("\n") > 40:
        return None
    m = _LABEL.match(s)
    if m and (m.group(1) is None or "\n" not in s[: m.end()]):
        rest = s[m.end() :]
        if _starts_with_program(rest):
            return rest
    return s if _starts_with_program(s) else None


_SENTENCE = re.compile(r"\A[\w' ,;()-]+[.!?]\Z")
_WORD = re.compile(r"\A[a-z]+[,.;:!?]?\Z")


def _prose(text: str) -> bool:
    """Text that reads as sentences: it ends a sentence and most of its words (eight or more)
    are plain lower-case words ("bin/logcount should count hidden files ... passes.")."""
    words = text.split()
    if len(words) < 8 or not re.search(r"[.!?]\s*\Z", text):
        return False
    return sum(bool(_WORD.match(w)) for w in words) >= 0.6 * len(words)


def _starts_with_program(s: str) -> bool:
    first = s.split("\n", 1)[0].strip()
    if not first or first.endswith(":") or first.startswith("#"):
        return False
    if len(first.split()) >= 4 and _SENTENCE.match(first) and " -" not in first:
        return False  # a sentence ("make sure the tests pass.")
    if _prose(s):
        return False
    if first[:1] in "`'\"":
        return False  # prose that quotes a command ("`make test` fails ...")
    first = _ASSIGN.sub("", first)
    word = first.split(None, 1)[0] if first.split() else ""
    if word in ("sudo", "env", "timeout", "time", "nice"):
        rest = first.split(None, 1)[1] if len(first.split(None, 1)) > 1 else ""
        rest = re.sub(r"\A(?:-\S+\s+|\d+\S*\s+)*", "", _ASSIGN.sub("", rest))
        word = rest.split(None, 1)[0] if rest.split() else ""
    base = posixpath.basename(word)
    if base in PROGRAMS:
        tail = first[len(word) :].strip() if first.startswith(word) else first
        if not tail and "\n" not in s:  # one word: only a program that checks on its own
            return base in _ALONE
        # a program name followed by prose is a sentence ("cat is a tool")
        return not re.match(r"(?i)(is|are|was|were|has|have|will|would|should|can|the)\b", tail)
    return bool(re.match(r"\A(?:\./|scripts?/|bin/|tools/|ci/)[\w./-]+\Z", word))


_SHELLS = frozenset(("shell", "bash", "sh", "zsh", "cmd", "powershell", "pwsh"))
_INTERPRETERS = {
    "python": "python",
    "python3": "python",
    "py": "python",
    "ipython": "python",
    "javascript": "node",
    "js": "node",
    "node": "node",
    "nodejs": "node",
    "typescript": "node",
    "ts": "node",
    "ruby": "ruby",
    "rb": "ruby",
    "r": "Rscript",
    "perl": "perl",
    "php": "php",
    "lua": "lua",
    "julia": "julia",
    "deno": "deno",
    "bun": "bun",
}
"""A language's names as a record labels code with them, and the program that runs it."""


def code_label(record: dict[str, Any]) -> str | None:
    """The language a record says its text is code in (``{"type": "code", "format":
    "python"}``, ``{"language": "shell"}``): ``shell`` for a shell's, the interpreter's program
    for another language's (``python``, ``node``, ``Rscript``), None when no short value of the
    record names one. What the label marks is code the agent runs, whatever the format calls
    the record: a shell's text its command lines, a language's text a program that may read
    and write files."""
    for value in record.values():
        if not isinstance(value, str) or len(value) > 20:
            continue
        word = value.strip().lower()
        if word in _SHELLS:
            return "shell"
        if word in _INTERPRETERS:
            return _INTERPRETERS[word]
    return None


_FOREIGN_WRITE = re.compile(
    r"""(?ix)\b(?:write\w*|save\w*|dump\w*|put_?contents|to_?file|sink|cat)\s*\(\s*
    (?:[\w.]+\s*,\s*)?["']([^"'\n]+\.\w+)["']"""
)
"""A call that writes a file whose path it gives as a literal, in any language's spelling
(``fs.writeFileSync('src/a.js', ...)``, ``File.write("spec/x_spec.rb", ...)``,
``writeLines(x, "R/a.R")``, ``file_put_contents('t.php', ...)``): the name holds a verb of
writing, the path is a string with an extension among its first two arguments."""


def foreign_writes(code: str) -> list[str]:
    """The paths a program in a language the auditor does not run (JavaScript, Ruby, R, ...)
    writes, by the calls that write them (:data:`_FOREIGN_WRITE`)."""
    return list(dict.fromkeys(m.group(1) for m in _FOREIGN_WRITE.finditer(code)))


def find_patch(text: str) -> str | None:
    """A diff or ``apply_patch`` envelope in ``text`` (from its first line on), or None."""
    if "@@" not in text and "*** Begin Patch" not in text and "diff --git" not in text:
        return None
    if not looks_like_patch(text):
        return None
    m = re.search(r"(?m)^(?:\*\*\* Begin Patch|diff --git |--- \S)", text)
    return text[m.start() :] if m else None


def _decoded(value: str) -> str:
    """A base64 string holding UTF-8 text, decoded; anything else unchanged."""
    if len(value) < 16 or len(value) % 4 or not _B64.match(value):
        return value
    try:
        raw = base64.b64decode(value, validate=True)
        text = raw.decode("utf-8")
    except (binascii.Error, ValueError):
        return value
    printable = sum(c.isprintable() or c in "\n\t\r" for c in text)
    return text if text and printable >= 0.97 * len(text) else value


def yamlish(text: str) -> Any:
    """A ``key: value`` text (starting with such a line, and two or more of them at the left
    margin) read as YAML; None when it is not one."""
    if not _YAML_KEY.match(text.lstrip("\n")) or len(_YAML_KEY.findall(text[:4000])) < 2:
        return None
    import yaml

    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        return None
    return data if isinstance(data, dict) else None


def actor_of(data: dict[str, Any]) -> str | None:
    """The role an unknown line's values name (``{"by": "agent"}``, ``{"speaker": "User"}``,
    one nested object deep), or None."""
    for value in _shallow_strings(data):
        for pattern, role in _ROLE_WORDS:
            if pattern.match(value):
                return role
    return None


_OWN_WRITING = re.compile(
    r"(?i)^(?:agent[ _-]?|assistant[ _-]?)?(?:plan|planning|plans|spec|specs|specification|"
    r"proposal|proposed|design|thought|thoughts|think|thinking|reasoning|reflection|analysis|"
    r"todo|todos|to-?do[ _-]?list|outline|intent|strategy|scratch(?:pad)?)(?:[ _-]?(?:step|"
    r"record|update|stage|entry))?$"
)
"""A record's kind naming the agent's own planning: what it means to do, not what it did."""


def agent_record(data: dict[str, Any]) -> bool:
    """Whether a line's kind (a short label among its top-level values: ``{"stage": "plan"}``,
    ``{"type": "spec", ...}``, ``{"kind": "thinking"}``) says it records the agent's own
    planning (a plan, a spec, a proposal, its reasoning): its text is the agent's, neither the
    user's task nor a change (a plan's ``"action": "modify"`` beside a path modifies nothing)."""
    return any(
        isinstance(v, str) and 0 < len(v) <= 24 and _OWN_WRITING.match(v.strip())
        for v in data.values()
    )


_SPAN_KINDS = frozenset({"client", "server", "producer", "consumer", "internal"})
"""A tracer's span kinds (OpenTelemetry, Zipkin, Jaeger): where a call goes over the wire,
not who speaks (a ``client`` span is the agent calling its model, never a user)."""


def _shallow_strings(data: dict[str, Any]) -> Iterator[str]:
    nested = []
    for k, v in data.items():
        if (
            isinstance(v, str)
            and str(k).lower().rsplit(".", 1)[-1].endswith("kind")
            and v.strip().lower() in _SPAN_KINDS
        ):
            continue
        if isinstance(v, str) and 0 < len(v) <= 24:
            yield v.strip()
        elif isinstance(v, dict):
            nested.append(v)
    for d in nested:
        for v in d.values():
            if isinstance(v, str) and 0 < len(v) <= 24:
                yield v.strip()


# ------------------------------------------------------------------------------ walking


def _pairs(value: list[Any]) -> dict[str, Any] | None:
    """``[[key, value], ...]`` as an object."""
    if len(value) < 1 or not all(
        isinstance(e, list) and len(e) == 2 and isinstance(e[0], str) and len(e[0]) <= 40
        for e in value
    ):
        return None
    return {e[0]: e[1] for e in value}


def _lines(value: list[Any]) -> str | None:
    """A list of strings read as the lines of one text (none of them a command line alone)."""
    if not value or not all(isinstance(e, str) for e in value):
        return None
    if any("\n" in e for e in value):
        return None
    return "\n".join(value)


def _norm(value: Any) -> Any:
    if isinstance(value, str):
        return _decoded(value)
    if isinstance(value, list):
        pairs = _pairs(value)
        if pairs is not None:
            return pairs
    return value


def items_of(
    value: Any, known: dict[str, str] | None = None, *, path: str | None = None
) -> list[Item]:
    """The actions and results a step's payload holds (see the module docstring). ``known``:
    file contents known so far (by the path as written), to tell an old fragment from a new."""
    out: list[Item] = []
    node = _norm(value)
    if isinstance(node, dict):
        screen = screen_items(node)
        if screen is not None:
            return screen
    _walk(node, path, known or {}, out, 0)
    if isinstance(node, dict) and out and all(it.kind != "output" for it in out):
        out.extend(_leftover_result(node, out))
    return out


_PROMPT = re.compile(
    r"^(?:[\w.-]+@[\w.-]+(?::[^\s#$]*)?\s?[#$%]|[\w.~/-]*\s?\$|PS [^\n>]{1,200}>)[ \t]"
)
"""A shell prompt at the start of a screen's line (``root@app:/src# ``, ``~/proj$ ``, ``$ ``,
``PS C:\\app> ``): what the terminal prints before the keystrokes it echoes."""


def _strings(node: Any, depth: int = 0) -> Iterator[str]:
    if depth > 6:
        return
    if isinstance(node, str):
        yield node
    elif isinstance(node, list):
        for e in node:
            yield from _strings(e, depth + 1)
    elif isinstance(node, dict):
        for v in node.values():
            yield from _strings(v, depth + 1)


def screen_items(node: dict[str, Any]) -> list[Item] | None:
    """The commands and output of a step that records a terminal's screen (see the module
    docstring), or None when no value of ``node`` is a screen. A screen is a text with a line
    that opens with a shell prompt; the keystrokes are the other texts of the step (under any
    keys) whose first line the screen shows after a prompt; each one ending with Enter (or run
    by the screen's echo) is a command. The screen without the lines it echoes is their output,
    with no status (a counter beside it is no exit code: a failure is read from the output)."""
    screens = [
        v
        for v in node.values()
        if isinstance(v, str) and any(_PROMPT.match(ln) for ln in v.split("\n")[:400])
    ]
    if len(screens) != 1 or any(isinstance(v, str) and path_of(v) for v in node.values()):
        return None  # (a file's text beside its path is written, whatever lines it holds)
    screen = screens[0]
    lines = screen.split("\n")
    echoed = [_PROMPT.sub("", ln, count=1) for ln in lines if _PROMPT.match(ln)]
    typed: list[str] = []
    for s in _strings({k: v for k, v in node.items() if v is not screen}):
        first = s.strip().split("\n", 1)[0].strip()
        if first and any(e.strip() == first for e in echoed) and s.strip() not in typed:
            typed.append(s.strip())
    items = [Item("command", text=t) for t in typed]
    if not items:
        # no keystrokes beside it: a screen only when it shows what a command printed after
        # its prompt (a line log's ``$ pytest`` alone is a command, its result on a later line)
        shows_output = any(
            _PROMPT.match(a) and b.strip() and not _PROMPT.match(b)
            for a, b in itertools.pairwise(lines)
        )
        if not shows_output:
            return None
        items = [Item("command", text=e.strip()) for e in echoed if e.strip()]
    if not items:
        return []
    shown: list[str] = []
    in_echo = False
    for ln in lines:
        if _PROMPT.match(ln):
            in_echo = True
            continue
        if in_echo and ln.startswith("> "):
            continue  # a heredoc's or a continued line's echo
        in_echo = False
        shown.append(ln)
    text = "\n".join(shown).strip("\n")
    # (a screen that shows nothing after the keystrokes is their output all the same: no later
    # screen answers them)
    items.append(Item("output", text=text + "\n" if text else "", screen=True))
    return items


_RESULT_MARK = re.compile(
    r"(?im)\b\d+ (?:passed|failed|errors?|skipped|tests?|failures?)\b|^(?:FAIL|PASS|FAILED|ERROR|"
    r"OK)\b|Traceback \(most recent|\bexit(?:ed)? (?:code|status)|^error(?:\[\w+\])?:|No such file|"
    r"BUILD (?:SUCCESS|FAIL)|Tests? run:|test result:"
)


def _leftover_result(node: dict[str, Any], items: list[Item]) -> list[Item]:
    """A result beside the actions of a step (``{"call": {...}, "response": "3 passed"}``): a
    top-level value that holds no action, none of the actions' texts, and reads as a result (a
    status beside it, or the marks of a tool's output)."""
    used = {t for it in items for t in (it.text, it.old, it.new) if t}
    for v in node.values():
        if isinstance(v, int | float | bool) or v is None:
            continue
        if isinstance(v, str) and (
            path_of(v) or (len(v) < 40 and "\n" not in v and not _RESULT_MARK.search(v))
        ):
            continue
        if items_of(v):
            continue
        text, status = output_of(v)
        if not text or text in used or any(text in u or u in text for u in used if len(u) > 20):
            continue
        if status is not None or _RESULT_MARK.search(text[:4000]):
            return [Item("output", text=text, status=status)]
    return []


def _walk(
    node: Any,
    inherited: str | None,
    known: dict[str, str],
    out: list[Item],
    depth: int,
    verb: str = "",
) -> None:
    if depth > 12:
        return
    if isinstance(node, str):
        _string(node, out)
        return
    if isinstance(node, list):
        argv = [e for e in node if isinstance(e, str)]
        if argv and len(argv) == len(node) and posixpath.basename(argv[0]) in PROGRAMS:
            if len(argv) >= 3 and argv[1] in ("-c", "-lc", "-ic") and argv[0].endswith("sh"):
                out.append(Item("command", text=argv[2]))
            else:
                import shlex

                out.append(Item("command", text=shlex.join(argv)))
            return
        for e in node:
            _walk(_norm(e), inherited, known, out, depth + 1, verb)
        return
    if not isinstance(node, dict):
        return
    _object(node, inherited, known, out, depth, verb)


def _string(s: str, out: list[Item]) -> None:
    if s[:1] in "{[" and len(s) < 1_000_000:  # JSON inside a string (not a file body)
        try:
            parsed = json.loads(s)
        except ValueError:
            parsed = None
        if isinstance(parsed, dict | list):
            _walk(parsed, None, {}, out, 1)
            return
    if "<" in s and ("</" in s or "/>" in s):
        elements = xmlish(s)
        if len(elements) > 1 and all(set(e) <= {"name", "text"} and "name" in e for e in elements):
            # parameters listed one element each: one object of them
            elements = [{e["name"]: e.get("text", "") for e in elements}]
        if elements:
            for e in elements:
                _object(e, None, {}, out, 1)
            if out:
                return
    patch = find_patch(s)
    if patch is not None:
        out.append(Item("patch", text=patch))
        return
    cmd = looks_like_command(s)
    if cmd is not None:
        out.append(Item("command", text=cmd))
        return
    data = yamlish(s) if "\n" in s else None
    if data is not None:
        sub: list[Item] = []
        _object(data, None, {}, sub, 1)
        out.extend(sub)


def _object(
    node: dict[str, Any],
    inherited: str | None,
    known: dict[str, str],
    out: list[Item],
    depth: int,
    verb: str = "",
) -> None:
    entries = [(k, _norm(v)) for k, v in node.items()]
    own_path: str | None = None
    path_at = -1
    for i, (k, v) in enumerate(entries):
        if isinstance(v, str):
            p = path_of(v) or _keyed_path(k, v)
            if p is not None:
                own_path, path_at = p, i
                break
    path = own_path or inherited
    labels: list[str] = []
    texts: list[str] = []
    containers: list[Any] = []
    results: list[Any] = []
    ints: list[int] = []
    bools: list[bool] = []
    commands: list[str] = []
    returned: list[str] = []  # texts under a result key (what a call returned)
    nested: list[Any] = []  # objects under a result key
    for i, (k, v) in enumerate(entries):
        if i == path_at:
            continue
        if path is None and isinstance(v, str) and _COMMAND_KEY.match(k) and _command_value(v):
            commands.append(v.strip())
            continue
        if isinstance(v, dict) and _result_shaped(v):
            results.append(v)
            continue
        if isinstance(v, bool):
            bools.append(v)
        elif isinstance(v, int) and not _NOT_STATUS.search(k):
            ints.append(v)
        elif isinstance(v, str):
            after_path = own_path is not None and i > path_at
            if after_path or (path is not None and ("\n" in v or " " in v.strip())):
                texts.append(v)
                if _RESULT_KEY.match(str(k)):
                    returned.append(v)
            elif path is None and _RESULT_KEY.match(str(k)) and ("\n" in v or len(v) >= 40):
                returned.append(v)  # a command's output beside it: not walked for actions then
                labels.append(v)
            else:
                labels.append(v)
        elif isinstance(v, list) and _lines(v) is not None and path is not None:
            texts.append(_lines(v) or "")
        elif isinstance(v, dict | list):
            containers.append(v)
            if path is None and _RESULT_KEY.match(str(k)):
                nested.append(v)
    lines = [
        v
        for k, v in entries
        if isinstance(v, int) and not isinstance(v, bool) and not _MEASURE.search(str(k))
    ]  # (a record's sequence number, a size or a count beside a path is no line number)
    if own_path is not None and len(texts) == 1 and 1 <= len(lines) <= 2:
        # a text put at line numbers: lines replaced or inserted, not the whole file
        out.append(_ranged(own_path, texts[0], lines, known))
        return
    words = " ".join([verb, *(v for v in labels if len(v) <= 40)]).strip()
    if path is not None and own_path is not None:
        inner: list[Item] = []
        for c in containers:
            _walk(c, own_path, known, inner, depth + 1, words)
        written = [t for t in texts if not any(t is r for r in returned)]
        if texts and (not written or reads_by_verb(words)):
            # a file shown: its text sits only where a call's result goes, or the call's verb
            # is a read (``open_file``, ``VIEW_FILE``), whatever the tool is called
            shown = max(texts, key=len)
            out.append(Item("read", path=own_path, text=shown if "\n" in shown else ""))
            out.extend(inner)
            _results_beside(results, out)
            return
        if texts or not inner:  # a bare path is a read unless its parts act on it
            _file_action(own_path, [verb, *labels], written, known, out)
        out.extend(inner)
        _results_beside(results, out)
        return
    if path is not None and own_path is None:  # a fragment pair under an inherited path
        strings = [v for _, v in entries if isinstance(v, str)]
        pair = texts if len(texts) == 2 else strings if len(strings) == 2 else None
        if pair is not None:
            _file_action(path, [verb], list(pair), known, out)
            return
    # no path: commands, patches, results
    before = len(out)
    out.extend(Item("command", text=c) for c in commands)
    status = ints[0] if len(ints) == 1 else (0 if all(bools) else 1) if bools else None
    if commands and (returned or nested) and not results:
        # a command's output and exit status nested beside it in the call (``{"command": ...,
        # "output": ..., "exit_code": 1}``): the command's result, whatever the keys' names
        said = [*returned]
        for n in nested:
            body, code = output_of(n)
            said += [body] if body else []
            status = code if status is None else status
        out.append(Item("output", text="\n".join(said), status=status))
        for c in containers:
            if not any(c is n for n in nested):
                _walk(c, path, known, out, depth + 1, words)
        return
    for s in labels:
        _string(s, out)
    for s in texts:
        _string(s, out)
    found_action = len(out) > before
    for c in containers:
        _walk(c, path, known, out, depth + 1, words)
    if results:
        start = len(out)
        _results_beside(results, out)
        if commands and status is not None:
            # a status beside a nested result (``{"commandLine": ..., "exitCode": 1,
            # "combinedOutput": {"full": ...}}``) is the command's
            for j in range(start, len(out)):
                if out[j].kind == "output" and out[j].status is None:
                    out[j] = Item("output", text=out[j].text, status=status)
        return
    if found_action:
        return
    strings = [v for _, v in entries if isinstance(v, str)]
    longest = max(strings, key=len, default="")
    if longest and ("\n" in longest or len(longest) >= 40) and (ints or bools or len(strings) == 1):
        status = ints[0] if len(ints) == 1 else (0 if bools[0] else 1) if len(bools) == 1 else None
        if status is None:
            m = _STATUS_TEXT.search(longest[:200])
            status = int(m.group(1)) if m else None
        out.append(Item("output", text=longest, status=status))


_COMMAND_KEY = re.compile(
    r"(?i)^(?:cmd|cmdline|command(?:[_ -]?line)?|commands?|shell(?:[_ -]?command)?|script|"
    r"exec(?:ute)?|run|bash|sh|argv)$"
)
"""Keys whose value is a command line whatever program it starts with (``argv`` written as
one string too)."""


_PATH_KEY = re.compile(
    r"(?i)^(?:path|file|filename|file_?name|file_?path|filepath|target(?:_?file)?|"
    r"dest(?:ination)?|uri|location|abs(?:olute)?_?path)$"
)
"""Keys whose value is a file's path, with or without an extension."""


def _keyed_path(key: str, value: str) -> str | None:
    """A value under a path key that is one relative or absolute path (``bin/logcount``)."""
    v = value.strip()
    if not _PATH_KEY.match(key) or not re.fullmatch(r"(?:file://)?[\w.~/-]*/[\w.-]+|[\w-]+", v):
        return None
    if v.startswith(("http:", "https:")) or not re.search(r"[A-Za-z]", v):
        return None
    return v[7:] if v.startswith("file://") else v


def _command_value(value: str) -> bool:
    """A string under a command key that reads as a command line: a few lines, not a sentence,
    not quoted prose."""
    s = value.strip()
    if not s or len(s) > 4000 or s.count("\n") > 40 or s[:1] in "`'\"":
        return False
    first = s.split("\n", 1)[0]
    if len(first.split()) >= 4 and _SENTENCE.match(first) and " -" not in first:
        return False
    return bool(re.match(r"\A[\w./$~-]", first))


def _result_shaped(node: dict[str, Any]) -> bool:
    """An object shaped as a tool's result: no path, nothing nested that is not a list of
    lines, and one text, of several lines beside a status (an integer or a boolean), or alone
    and no command line; never a patch (``{"cmd": "pytest", "quiet": true}`` is an argument
    mapping)."""
    strings: list[str] = []
    status = False
    for k, v in node.items():
        if isinstance(v, bool) or (isinstance(v, int) and not _NOT_STATUS.search(str(k))):
            status = True
        elif isinstance(v, str):
            if path_of(v) is not None:
                return False
            if v.strip():
                strings.append(v)
        elif isinstance(v, list) and _lines(v) is not None:
            strings.append("\n".join(v))
        elif v is not None and not isinstance(v, int | float):
            return False
    long = [t for t in strings if "\n" in t.strip() or len(t) >= 40]
    if len(long) != 1 or len(strings) - len(long) > 1:
        return False
    text = long[0]
    if find_patch(text) is not None:
        return False
    if status and "\n" in text.strip():  # a log beside its status (a prompt line may open it)
        return True
    return len(strings) == 1 and looks_like_command(text) is None


def _results_beside(results: list[Any], out: list[Item]) -> None:
    """Result-shaped objects beside an action: the action's output, never walked for actions
    (a file's text or a test log it holds is not something the agent did)."""
    if not any(it.kind != "output" for it in out):
        # no action beside them: read as before, by what they hold
        for r in results:
            _walk(r, None, {}, out, 1)
        return
    for r in results:
        text, status = output_of(r)
        if text:
            out.append(Item("output", text=text, status=status))


def _file_like_line(text: str) -> bool:
    """A one-line text that is a file's content: it ends its line, or it is a JSON document
    (``{"score": 1.0}``); a bare value beside a path (``1-20``, ``utf-8``) is not."""
    if text.endswith("\n") and text.strip():
        return True
    if text[:1] in "{[":
        try:
            return isinstance(json.loads(text), dict | list)
        except ValueError:
            return False
    return False


def _ranged(path: str, text: str, lines: list[int], known: dict[str, str]) -> Item:
    content = known.get(path)
    if content is not None and len(lines) == 2 and 1 <= lines[0] <= lines[1]:
        rows = content.split("\n")
        old = "\n".join(rows[lines[0] - 1 : lines[1]])
        if old:
            return Item("edit", path=path, old=old, new=text.rstrip("\n"))
    return Item("edit", path=path, old="", new=text)


def _file_action(
    path: str, labels: list[str], texts: list[str], known: dict[str, str], out: list[Item]
) -> None:
    verb = " ".join(labels).strip()
    tokens = [t for t in texts if t and len(t) <= 24 and not re.search(r"\s", t)]
    if len(texts) == 2 and len(tokens) == 1 and "\n" in "".join(texts).strip():
        texts = [t for t in texts if t is not tokens[0]]  # a label ("base64", "utf-8") and a body
    if len(texts) == 2:
        old, new = texts
        content = known.get(path) or known.get(path.lstrip("/"))
        if content is not None and old not in content and new in content and new:
            old, new = new, old
        out.append(Item("edit", path=path, old=old, new=new))
        return
    if len(texts) > 2:
        big = [t for t in texts if "\n" in t or " " in t.strip()]
        if len(big) == 2:
            _file_action(path, labels, big, known, out)
        elif len(big) == 1 and (patch := find_patch(big[0])) is not None:
            # one diff beside words that name the write (``"op": "modify"``): the diff
            out.append(Item("patch", path=path, text=patch))
        return
    if len(texts) == 1:
        body = texts[0]
        if "\n" in body.rstrip("\n") or len(body) >= 80 or _file_like_line(body):
            patch = find_patch(body)
            if patch is not None:
                out.append(Item("patch", path=path, text=patch))
            elif _APPEND_VERB.search(verb):  # text added to the end, not the whole file
                out.append(Item("append", path=path, text=body))
            else:
                out.append(Item("write", path=path, text=body))
        return
    if _DELETE_VERB.search(verb):
        out.append(Item("delete", path=path))
    else:  # a bare path: looked at (harmless when it was not)
        out.append(Item("read", path=path))


# ------------------------------------------------------------------------------ results


def output_of(value: Any, position: int | None = None) -> tuple[str, int | None]:
    """The text and exit status of a result whatever its shape: the longest text it holds (all
    its texts when it holds several results) and the one small integer beside it that is not the
    step's own number, or a boolean success flag, or a status written in the text."""
    texts: list[str] = []
    ints: list[int] = []
    bools: list[bool] = []
    _collect(_norm(value), texts, ints, bools, 0, top=True, position=position)
    if not texts:
        return "", None
    substantial = [t for t in texts if "\n" in t or len(t) >= 40]
    text = "\n".join(substantial) if len(substantial) > 1 else max(texts, key=len)
    status: int | None = None
    if len(ints) == 1:
        status = ints[0]
    elif bools:
        status = 0 if all(bools) else 1
    if status is None:
        m = _STATUS_TEXT.search(text[:200])
        if m:
            status = int(m.group(1))
            if m.start() < 40 and "\n" not in text[: m.start()]:
                text = text[m.end() :].lstrip("\n")
    return text, status


def _collect(
    node: Any,
    texts: list[str],
    ints: list[int],
    bools: list[bool],
    depth: int,
    *,
    top: bool = False,
    position: int | None = None,
) -> None:
    if depth > 8:
        return
    if isinstance(node, str):
        data = yamlish(node) if "\n" in node and len(node) < 200000 else None
        if data is not None:
            _collect(data, texts, ints, bools, depth + 1)
        elif node.strip():
            texts.append(node)
        return
    if isinstance(node, bool):
        bools.append(node)
        return
    if isinstance(node, int):
        if 0 <= node <= 255 and node != position:
            ints.append(node)
        return
    if isinstance(node, list):
        for e in node:
            _collect(_norm(e), texts, ints, bools, depth + 1, position=position)
        return
    if isinstance(node, dict):
        for k, v in node.items():
            if isinstance(v, int) and not isinstance(v, bool) and _NOT_STATUS.search(str(k)):
                continue
            _collect(_norm(v), texts, ints, bools, depth + 1, position=position if top else None)


def labelled_role(text: str) -> str | None:
    """The role a log line's label names (``USER: ...``, ``[assistant] ...``), or None."""
    m = re.match(r"\A\s*(?:\[([A-Za-z][\w-]{0,20})\]|([A-Za-z][\w-]{0,20})\s*[:>])\s", text)
    if not m:
        return None
    for pattern, role in _ROLE_WORDS:
        if pattern.match(m.group(1) or m.group(2)):
            return role
    return None


def header_write(text: str) -> tuple[str, str] | None:
    """(path, body) of a message whose first line writes a file (a verb and a path) and whose
    other lines are the body; None otherwise."""
    m = _WRITE_HEADER.match(text)
    if not m or path_of(m.group(1)) is None:
        return None
    return m.group(1), m.group(2)


_CALL_START = re.compile(r"(?m)^[ \t]*(?:[A-Za-z][\w ]{0,20}:[ \t]*)?([A-Za-z_][\w.]*)\(")


def call_syntax(text: str) -> list[tuple[str, dict[str, Any]]]:
    """Calls written as code in a message (``ACTION: edit(path="a.py", old="x", new="y")``):
    (name, arguments) with keywords under their names and positionals as ``arg0``, ``arg1``...;
    only calls whose arguments are all literals."""
    import ast

    out: list[tuple[str, dict[str, Any]]] = []
    for m in _CALL_START.finditer(text[:20000]):
        start = m.start(1)
        for close in re.finditer(r"\)[ \t]*(?:\n|\Z)", text[start : start + 20000]):
            src = text[start : start + close.start() + 1]
            try:
                node = ast.parse(src, mode="eval").body
            except (SyntaxError, ValueError):
                continue
            if not isinstance(node, ast.Call) or not (node.args or node.keywords):
                break
            try:
                args: dict[str, Any] = {
                    f"arg{i}": ast.literal_eval(a) for i, a in enumerate(node.args)
                }
                args.update({k.arg: ast.literal_eval(k.value) for k in node.keywords if k.arg})
            except (ValueError, TypeError, SyntaxError):
                break
            out.append((m.group(1), args))
            break
    return out


def expand_line(data: Any) -> list[dict[str, Any]] | None:
    """The steps a line holds when it is a whole conversation: a list of objects (a JSON array,
    or the one list of a role-less object, such as ``{"messages": [...]}``) most of which name
    an actor. None when the line is one step."""
    items: Any = None
    if isinstance(data, list):
        items = data
    elif isinstance(data, dict) and "role" not in data:
        lists = [v for v in data.values() if isinstance(v, list) and len(v) >= 2]
        if len(lists) == 1:
            items = lists[0]
    if not items or not all(isinstance(e, dict) for e in items):
        return None
    named = sum(1 for e in items if "role" in e or actor_of(e) is not None)
    if named * 2 < len(items):
        return None
    tid = None
    if isinstance(data, dict):
        for key in ("trajectory_id", "id", "run_id", "session_id", "conversation_id"):
            if isinstance(data.get(key), str | int) and not isinstance(data.get(key), bool):
                tid = str(data[key])
                break
        task = next(
            (v for k, v in data.items() if isinstance(v, str) and len(v) > 40 and k != "id"), None
        )
    else:
        task = None
    out = []
    for e in items:
        step = dict(e)
        if tid is not None:
            step.setdefault("trajectory_id", tid)
        out.append(step)
    if task is not None and out:
        out[0] = {**out[0], "task": out[0].get("task", task)}
    return out


_TAG = re.compile(
    r"<(/?)([A-Za-z_][\w:.-]*)((?:\s+[\w:.-]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*)\s*(/?)>"
)
_TAG_ATTR = re.compile(r"([\w:.-]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")


def xmlish(text: str) -> list[dict[str, Any]]:
    """The top-level elements of XML-like text as objects, whatever the tag names: attributes
    as keys; a child without children under its ``name`` attribute (or its tag) with its text; a
    child with children as an object; the text of an element without children as ``text``.
    Elements that do not close are left out."""
    root: dict[str, Any] = {"tag": "", "attrs": {}, "kids": [], "text": []}
    stack = [root]
    pos = 0
    for m in _TAG.finditer(text[:200000]):
        stack[-1]["text"].append(text[pos : m.start()])
        pos = m.end()
        closing, tag, attrs, selfclosing = m.group(1), m.group(2), m.group(3), m.group(4)
        if closing:
            if any(e["tag"] == tag for e in stack[1:]):
                while stack[-1]["tag"] != tag:
                    stack.pop()
                done = stack.pop()
                stack[-1]["kids"].append(done)
            continue
        element: dict[str, Any] = {
            "tag": tag,
            "attrs": {a: b or c for a, b, c in _TAG_ATTR.findall(attrs)},
            "kids": [],
            "text": [],
        }
        if selfclosing:
            stack[-1]["kids"].append(element)
        else:
            stack.append(element)
    return [_element(e) for e in root["kids"]]


def _element(e: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = dict(e["attrs"])
    for kid in e["kids"]:
        if kid["kids"]:
            out[kid["tag"] if kid["tag"] not in out else f"{kid['tag']}_{len(out)}"] = _element(kid)
        else:
            key = kid["attrs"].get("name") or kid["tag"]
            value = "".join(kid["text"]).strip("\n")
            out[key if key not in out else f"{key}_{len(out)}"] = value
    if not e["kids"]:
        body = "".join(e["text"]).strip("\n")
        if body:
            out["text"] = body
    return out


# ---------------------------------------------------------------------- runs reported in prose

_PROMPTED = re.compile(r"^[ \t]*`?\$ (\S[^\n]*?)`?[ \t]*$")
"""A line that shows a command after a shell prompt (``  $ make test``, `` `$ make test` ``)."""
_RUN_STATUS = re.compile(
    r"(?i)^[ \t]*(?:[:*_~]?[\w+-]*:[ \t]*|[^\w\s(]{1,3}[ \t]*)?\(?(?:the )?(?:process |command )?"
    r"(?:exit(?:ed)?|returned|finished)(?: with)?(?: code| status)?[ \t:=]*(-?\d{1,3})\)?\.?"
    r"[ \t]*$"
)
"""A line that says only how a run ended (``(exit status 0)``, ``:x: exit 1``, ``exit code 2``,
``Exited with code 1.``)."""


def prompted_runs(text: str) -> list[Item]:
    """The runs a message reports in prose (a mail, a chat message, a log entry): each command
    shown after a shell prompt, the lines after it (fences and a status line left out) its
    output, and the line that says how it ended its exit status. A run counts only with such a
    status line: a prompt quoted without one is not a report of a run. Order-preserving: a
    command, then its output, for each run."""
    if "$ " not in text:
        return []
    lines = text.split("\n")
    starts = [i for i, ln in enumerate(lines) if _PROMPTED.match(ln)]
    out: list[Item] = []
    for n, i in enumerate(starts):
        m = _PROMPTED.match(lines[i])
        if m is None:
            continue
        command = m.group(1).strip()
        if not re.match(r"[\w./~-]+(?:=\S*)?(?:\s|$)", command):
            continue  # (after a prompt, any program: ``atlas``, ``terraform``, ``./run``)
        end = starts[n + 1] if n + 1 < len(starts) else len(lines)
        status: int | None = None
        shown: list[str] = []
        fenced = False
        for ln in lines[i + 1 : end]:
            if ln.strip().startswith("```"):
                fenced = not fenced
                continue
            # (inside a fence every line is the output, its tool's own ``- exit code: 1`` too)
            sm = None if fenced else _RUN_STATUS.match(ln)
            if sm is not None and status is None:
                status = int(sm.group(1))
                if status < 0 or status > 255:
                    status = None
                break  # what follows the status line is the writer's words
            shown.append(ln)
        if status is None:
            continue
        body = _dedent(shown)
        out.append(Item("command", text=command))
        out.append(Item("output", text=body, status=status))
    return out


def _dedent(lines: list[str]) -> str:
    """Lines without the indentation they share, and without blank lines around them."""
    while lines and not lines[0].strip():
        lines = lines[1:]
    while lines and not lines[-1].strip():
        lines = lines[:-1]
    widths = [len(ln) - len(ln.lstrip()) for ln in lines if ln.strip()]
    cut = min(widths, default=0)
    return "\n".join(ln[cut:] for ln in lines) + ("\n" if lines else "")


def message_runs(payload: Any) -> list[Item]:
    """The runs every text of a record reports in prose (:func:`prompted_runs`), in order."""
    return [it for s in _strings(payload) for it in prompted_runs(s)]


# ---------------------------------------------------------------- a conversation replayed


def decoded(node: Any, depth: int = 0) -> Any:
    """``node`` with every string that is a JSON object or array replaced by what it spells (a
    request body, a function call's arguments), at any depth."""
    if depth > 12:
        return node
    if isinstance(node, str):
        if node[:1] in "{[" and len(node) < 1_000_000:
            try:
                parsed = json.loads(node)
            except ValueError:
                return node
            if isinstance(parsed, dict | list):
                return decoded(parsed, depth + 1)
        return node
    if isinstance(node, list):
        return [decoded(e, depth + 1) for e in node]
    if isinstance(node, dict):
        return {k: decoded(v, depth + 1) for k, v in node.items()}
    return node


def _canon(node: Any) -> str:
    return json.dumps(node, sort_keys=True, default=str)


def _objects(node: Any, out: set[str], depth: int = 0) -> set[str]:
    if depth > 14:
        return out
    if isinstance(node, dict):
        out.add(_canon(node))
        for v in node.values():
            _objects(v, out, depth + 1)
    elif isinstance(node, list):
        for e in node:
            _objects(e, out, depth + 1)
    return out


_HTTP_KEY = re.compile(r"(?i)^(?:mime_?type|content_?type|headers|http_?version|status_?text)$")


def _http_envelope(node: dict[str, Any]) -> bool:
    keys = [*node, *(k for v in node.values() if isinstance(v, dict) for k in v)]
    return any(_HTTP_KEY.match(str(k)) for k in keys)


def _message_role(node: Any) -> str | None:
    if not isinstance(node, dict):
        return None
    role = node.get("role")
    return role.lower() if isinstance(role, str) else None


def _plain_text(message: dict[str, Any]) -> str | None:
    """A message's text when it holds only text (a string, or parts that are all text), else
    None (a tool's result, a call)."""
    body = message.get("content", message.get("parts"))
    if isinstance(body, str):
        return body
    if isinstance(body, list) and body:
        texts = [
            p if isinstance(p, str) else p.get("text") if isinstance(p, dict) else None
            for p in body
        ]
        if all(isinstance(x, str) for x in texts):
            return "\n".join(x for x in texts if isinstance(x, str))
    return None


def unreplayed(payload: Any, previous: Any) -> tuple[list[dict[str, Any]], list[str]] | None:
    """A record that holds a conversation (an API request logged whole: a list of messages
    that name their role, with the new reply beside it), read for what is new: (the messages
    the earlier record did not already hold, in document order, the reply's among them; the
    texts the user wrote). In each list of messages, the leading ones that the previous record
    held anywhere (two or more) are a replay and left out; the user's messages are the task, a
    system prompt is no one's action. JSON held in strings is read as the objects it spells.
    None when the record holds no such list."""
    data = decoded(payload)
    seen = _objects(decoded(previous), set()) if previous is not None else set()
    prompts: list[str] = []
    messages: list[dict[str, Any]] = []
    found = False

    def take(e: dict[str, Any]) -> None:
        role = _message_role(e)
        said = _plain_text(e)
        if role in ("user", "human") and said is not None:
            prompts.append(said)
        elif role not in ("system", "developer"):
            messages.append(e)

    def walk(node: Any, depth: int) -> None:
        nonlocal found
        if depth > 14:
            return
        if isinstance(node, list):
            named = sum(_message_role(e) is not None for e in node)
            if (named >= 2 and named * 2 >= len(node)) or (named >= 1 and named == len(node)):
                found = True
                cut = 0
                while cut < len(node) and _canon(node[cut]) in seen:
                    cut += 1
                for e in node[cut:] if cut >= 2 else node:
                    if isinstance(e, dict):
                        take(e)
                return
            for e in node:
                walk(e, depth + 1)
        elif isinstance(node, dict):
            if _message_role(node) is not None and depth > 0:
                take(node)  # a reply beside the conversation (``choices[0].message``)
                return
            for v in node.values():
                walk(v, depth + 1)

    walk(data, 0)
    if not found:
        return None
    return messages, prompts
