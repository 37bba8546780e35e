"""PowerShell scripts read as the POSIX shell lines the episode already understands.

An agent on Windows whose shell is PowerShell reads files with ``Get-Content``, writes them with
``Set-Content`` / ``Add-Content`` / ``Out-File`` (often from a verbatim here-string ``@'...'@``),
edits them with ``.Replace(...)`` (or ``-replace``) on a file's text held in a variable, and
writes a command's output into a file through a pipeline (``cmd | Set-Content out.txt``).
:func:`posix_of` rewrites such a script statement by statement into the equivalent ``cat``,
heredoc writes, ``python3 -c`` replacements and ``>`` redirects, with Windows paths written
with forward slashes (a drive path ``C:\\src\\app`` as ``/c/src/app``), so a file's change is
reconstructed from what the script does, whatever the tool's name.
"""

from __future__ import annotations

import re
import shlex

__all__ = ["looks_powershell", "posix_of", "windows_path"]

_CMDLETS = re.compile(
    r"(?i)(?:^|[\s;|(])(set-content|add-content|out-file|get-content|set-location|"
    r"new-item|remove-item|copy-item|move-item)\b"
)
_HERE = re.compile(r"@(['\"])\r?\n(.*?)\r?\n\1@", re.S)
_QUOTED = re.compile(r"'((?:[^']|'')*)'|\"((?:[^\"`]|`.)*)\"")
_HOLE = re.compile(r"\x00(\d+)\x00")
_DRIVE = re.compile(r"\A([A-Za-z]):[\\/]")
_WIN_RELATIVE = re.compile(r"\A[\w.-]+(?:\\[\w.*-]+)+\\?\Z")
_ASSIGN = re.compile(r"\A\$(\w+)\s*=\s*(.+)\Z", re.S)
_REPLACE_CALL = re.compile(r"\A\$(\w+)\.Replace\(\s*(\S+?)\s*,\s*(\S+?)\s*\)\Z", re.I)
_REPLACE_OP = re.compile(r"\A\$(\w+)\s+-c?replace\s+(\S+?)\s*,\s*(\S+?)\Z", re.I)
_WRITERS = {"set-content": ">", "out-file": ">", "add-content": ">>"}
_PATH_PARAMS = frozenset({"-path", "-filepath", "-literalpath"})
_VALUE_PARAMS = frozenset({"-value", "-inputobject"})
_SWITCHES = frozenset({"-raw", "-nonewline", "-force", "-append"})
_VALUED = frozenset({"-encoding", "-width", "-delimiter", "-totalcount", "-tail", "-itemtype"})


def looks_powershell(line: str) -> bool:
    """Whether a command line is a PowerShell script with file cmdlets or here-strings."""
    return bool(_CMDLETS.search(line) or _HERE.search(line))


def windows_path(word: str) -> str:
    """A Windows path with forward slashes; a drive path ``C:\\a\\b`` as ``/c/a/b``."""
    m = _DRIVE.match(word)
    if m:
        return "/" + m.group(1).lower() + "/" + word[3:].replace("\\", "/")
    if _WIN_RELATIVE.match(word):
        return word.replace("\\", "/")
    return word


def _split_statements(text: str) -> list[str]:
    """Statements at ``;`` and line ends, not inside braces or parentheses."""
    out: list[str] = []
    depth = 0
    cur: list[str] = []
    for ch in text:
        if ch in "({":
            depth += 1
        elif ch in ")}" and depth:
            depth -= 1
        if ch in ";\n" and depth == 0:
            out.append("".join(cur).strip())
            cur = []
            continue
        cur.append(ch)
    out.append("".join(cur).strip())
    return [s for s in out if s]


class _Script:
    def __init__(self, line: str) -> None:
        self.strings: list[str] = []
        self.vars: dict[str, tuple[str, str]] = {}  # name -> ("text", value) | ("file", path)

        def hole(text: str) -> str:
            self.strings.append(text)
            return f"\x00{len(self.strings) - 1}\x00"

        text = _HERE.sub(lambda m: hole(m.group(2)), line)
        text = _QUOTED.sub(
            lambda m: hole(
                m.group(1).replace("''", "'")
                if m.group(1) is not None
                else re.sub(r"`(.)", r"\1", m.group(2))
            ),
            text,
        )
        self.text = text

    def value(self, word: str) -> tuple[str, str] | None:
        """What a word stands for: ("text", string) or ("file", path)."""
        m = _HOLE.fullmatch(word)
        if m:
            return "text", self.strings[int(m.group(1))]
        if word.startswith("$"):
            return self.vars.get(word[1:])
        return None

    def path(self, word: str) -> str:
        v = self.value(word)
        if v is not None:
            return windows_path(v[1])
        return windows_path(word)

    def words(self, stmt: str) -> list[str]:
        return stmt.split()

    def restore(self, word: str) -> str:
        m = _HOLE.fullmatch(word)
        if m:
            return shlex.quote(windows_path(self.strings[int(m.group(1))]))
        return windows_path(_HOLE.sub(lambda h: self.strings[int(h.group(1))], word))


def _params(words: list[str]) -> tuple[dict[str, str], list[str], set[str]]:
    named: dict[str, str] = {}
    positional: list[str] = []
    switches: set[str] = set()
    i = 0
    while i < len(words):
        w = words[i]
        low = w.lower()
        if low in _SWITCHES:
            switches.add(low)
        elif low in _VALUE_PARAMS and i + 1 < len(words):  # the value: the rest, as written
            named[low] = " ".join(words[i + 1 :])
            break
        elif low.startswith("-") and i + 1 < len(words) and low not in _SWITCHES:
            named[low] = words[i + 1]
            i += 1
        else:
            positional.append(w)
        i += 1
    return named, positional, switches


def _heredoc(op: str, path: str, body: str) -> str:
    tag = "PS_EOF"
    while tag in body:
        tag += "_"
    return f"cat {op} {shlex.quote(path)} <<'{tag}'\n{body.removesuffix(chr(10))}\n{tag}"


def _python_replace(path: str, old: str, new: str) -> str:
    code = (
        "from pathlib import Path\n"
        f"p = Path({path!r})\n"
        f"p.write_text(p.read_text().replace({old!r}, {new!r}))\n"
    )
    return "python3 -c " + shlex.quote(code)


def _statement(sc: _Script, stmt: str) -> str | None:
    m = _ASSIGN.match(stmt)
    if m:
        name, expr = m.group(1), m.group(2).strip()
        words = sc.words(expr)
        if words and words[0].lower() in ("get-content", "gc", "cat", "type"):
            named, positional, _ = _params(words[1:])
            target = named.get("-path") or named.get("-literalpath") or (positional or [""])[0]
            if target:
                path = sc.path(target)
                sc.vars[name] = ("file", path)
                return f"cat {shlex.quote(path)}"
        v = sc.value(expr)
        if v is not None:
            sc.vars[name] = v
        return None
    low = stmt.lower()
    if low.startswith(("if ", "if(", "throw", "write-host", "write-output", "new-item")):
        return None
    pipeline = [p.strip() for p in stmt.split("|")]
    words = sc.words(pipeline[-1])
    if not words:
        return None
    head = words[0].lower()
    if head in _WRITERS:
        named, positional, switches = _params(words[1:])
        dest = next((named[k] for k in _PATH_PARAMS if k in named), None)
        if dest is None and positional:
            dest = positional.pop(0)
        if dest is None:
            return None
        path = sc.path(dest)
        op = ">>" if head == "add-content" or "-append" in switches else ">"
        if len(pipeline) > 1:  # a command's output written into the file
            source = " | ".join(" ".join(sc.restore(w) for w in sc.words(p)) for p in pipeline[:-1])
            return f"{source} {op} {shlex.quote(path)}"
        value = next((named[k] for k in _VALUE_PARAMS if k in named), None)
        if value is None and positional:
            value = " ".join(positional)
        if value is None:
            return None
        rep = _REPLACE_CALL.match(value) or _REPLACE_OP.match(value)
        if rep:
            src = sc.vars.get(rep.group(1))
            old, new = sc.value(rep.group(2)), sc.value(rep.group(3))
            if src and src[0] == "file" and old and new and old[0] == new[0] == "text":
                return _python_replace(src[1] if src[1] else path, old[1], new[1])
            return None
        v = sc.value(value)
        if v is None or v[0] != "text":
            return None
        body = v[1] if "-nonewline" in switches else v[1] + "\n"
        return _heredoc(op, path, body)
    if head in ("get-content", "gc", "type") and len(pipeline) == 1:
        named, positional, _ = _params(words[1:])
        target = named.get("-path") or named.get("-literalpath") or (positional or [""])[0]
        return f"cat {shlex.quote(sc.path(target))}" if target else None
    if head in ("set-location", "sl", "cd", "push-location", "pushd") and len(words) > 1:
        named, positional, _ = _params(words[1:])
        target = named.get("-path") or (positional or [""])[0]
        return f"cd {shlex.quote(sc.path(target))}" if target else None
    parts = [p for p in pipeline if p.lower() not in ("out-null", "out-default")]
    return " | ".join(" ".join(sc.restore(w) for w in sc.words(p)) for p in parts) or None


def posix_of(line: str) -> str | None:
    """The POSIX shell lines a PowerShell script amounts to (None: not such a script)."""
    if not looks_powershell(line):
        return None
    sc = _Script(line)
    out = [s for stmt in _split_statements(sc.text) if (s := _statement(sc, stmt))]
    return "\n".join(out) if out else None
