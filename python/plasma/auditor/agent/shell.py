"""A small shell parser: heredocs, quoting, operators, redirects and environment assignments,
enough to see what a command line an agent ran does to files.

It does not run anything and does not try to be a full POSIX parser: command substitutions stay
inside their words, control-flow keywords (``for ... do``, ``if ... then``) are dropped from the
front of the commands they introduce.
"""

from __future__ import annotations

import posixpath
import re
import shlex
from dataclasses import dataclass, field

__all__ = ["SimpleCommand", "parse_shell", "program"]

_HEREDOC = re.compile(r"<<(-?)[ \t]*(?:'([^'\n]+)'|\"([^\"\n]+)\"|\\?([A-Za-z_][\w.-]*))")
_KEYWORDS = frozenset(
    {"do", "then", "else", "elif", "{", "}", "!", "time", "exec", "nohup", "sudo", "command"}
)
_STOP = frozenset({"done", "fi", "esac", "}", "if", "while", "until"})
_ASSIGN = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*=")
_OPERATORS = ("&&", "||", ";;", "|&", ";", "|", "&", "\n", "(", ")")
_REDIRECTS = ("&>>", "&>", ">>", ">|", ">&", "<<<", "<>", ">", "<")


@dataclass
class SimpleCommand:
    """One command of a command line."""

    argv: list[str]
    """Its words, unquoted (environment assignments and keywords removed)."""
    text: str = ""
    """The command as written (for evidence)."""
    env: dict[str, str] = field(default_factory=dict)
    """``VAR=value`` assignments in front of it (or ``export VAR=value``)."""
    redirects: list[tuple[str, str]] = field(default_factory=list)
    """(operator, target) pairs: ``>``, ``>>``, ``2>``, ``<``, ..."""
    stdin: str | None = None
    """Text fed on standard input by a heredoc or here-string."""
    then: str | None = None
    """The operator after it: ``&&``, ``||``, ``;``, ``|``, newline or None at the end."""
    cwd: str | None = None
    """The directory of the last ``cd`` before it on the same command line."""

    @property
    def name(self) -> str:
        """The program (basename), or empty."""
        return program(self.argv[0]) if self.argv else ""

    def outputs(self) -> list[tuple[str, bool]]:
        """Files its standard output goes to: (path, append)."""
        out = []
        for op, target in self.redirects:
            if op in (">", ">|", "1>", "&>", ">>", "1>>", "&>>") and target not in (
                "/dev/null",
                "&1",
                "&2",
            ):
                out.append((target, ">>" in op))
        return out


def program(word: str) -> str:
    """The basename of a program word (``/usr/bin/python3`` -> ``python3``)."""
    return word.rsplit("/", 1)[-1]


def _cut_heredocs(text: str) -> tuple[str, list[str]]:
    """The text with heredoc bodies removed (markers become ``__HEREDOC_n__``) and the bodies."""
    bodies: list[str] = []
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        pending: list[tuple[str, bool]] = []

        def mark(m: re.Match[str], pending: list[tuple[str, bool]] = pending) -> str:
            word = m.group(2) or m.group(3) or m.group(4) or ""
            pending.append((word, m.group(1) == "-"))
            return f" __HEREDOC_{len(bodies) + len(pending) - 1}__ "

        if "<<" in line and "<<<" not in line:
            line = _HEREDOC.sub(mark, line)
        out.append(line)
        i += 1
        for word, strip_tabs in pending:
            body: list[str] = []
            while i < len(lines):
                candidate = lines[i].lstrip("\t") if strip_tabs else lines[i]
                if candidate.strip() == word:
                    i += 1
                    break
                body.append(candidate)
                i += 1
            bodies.append("\n".join(body) + ("\n" if body else ""))
    return "\n".join(out), bodies


def _lex(text: str) -> list[tuple[str, str]]:
    """Tokens: ("word", text) with quotes removed, ("op", operator), ("redir", operator)."""
    tokens: list[tuple[str, str]] = []
    i, n = 0, len(text)
    word: list[str] = []
    in_word = False

    def flush() -> None:
        nonlocal in_word
        if in_word:
            tokens.append(("word", "".join(word)))
            word.clear()
            in_word = False

    while i < n:
        c = text[i]
        if c == "\\" and i + 1 < n:
            if text[i + 1] == "\n":
                i += 2
                continue
            word.append(text[i + 1])
            in_word = True
            i += 2
        elif c == "'":
            end = text.find("'", i + 1)
            end = n if end < 0 else end
            word.append(text[i + 1 : end])
            in_word = True
            i = end + 1
        elif c == '"':
            j = i + 1
            buf = []
            while j < n and text[j] != '"':
                if text[j] == "\\" and j + 1 < n and text[j + 1] in '"\\$`\n':
                    buf.append(text[j + 1])
                    j += 2
                    continue
                buf.append(text[j])
                j += 1
            word.append("".join(buf))
            in_word = True
            i = j + 1
        elif c == "$" and i + 1 < n and text[i + 1] == "(":
            depth, j = 0, i + 1
            while j < n:
                if text[j] == "(":
                    depth += 1
                elif text[j] == ")":
                    depth -= 1
                    if depth == 0:
                        break
                j += 1
            word.append(text[i : j + 1])
            in_word = True
            i = j + 1
        elif c == "`":
            end = text.find("`", i + 1)
            end = n if end < 0 else end
            word.append(text[i : end + 1])
            in_word = True
            i = end + 1
        elif c == "#" and not in_word:
            end = text.find("\n", i)
            i = n if end < 0 else end
        elif c in " \t":
            flush()
            i += 1
        else:
            redir = next((r for r in _REDIRECTS if text.startswith(r, i)), None)
            if redir is not None:
                fd = "".join(word) if in_word and "".join(word).isdigit() else ""
                if fd:
                    word.clear()
                    in_word = False
                flush()
                tokens.append(("redir", fd + redir))
                i += len(redir)
                continue
            op = next((o for o in _OPERATORS if text.startswith(o, i)), None)
            if op is not None:
                flush()
                tokens.append(("op", op))
                i += len(op)
                continue
            word.append(c)
            in_word = True
            i += 1
    flush()
    return tokens


_LOOP_VAR = re.compile(r"\$\{?([A-Za-z_]\w*)\}?")


def _loop_pattern(words: list[str]) -> str | None:
    """The path pattern a ``for`` loop's list stands for: a ``find DIR -name PAT`` substitution
    (``DIR/PAT``), else the first path or glob listed (``src/*.py``); None when the list holds no
    path (``for i in 1 2 3``)."""
    for w in words:
        found = re.fullmatch(r"[$`]\(?\s*find\s+(.*?)\)?`?", w.strip())
        if found is not None:
            try:
                parts = shlex.split(found.group(1))
            except ValueError:
                return None
            root = parts[0] if parts and not parts[0].startswith("-") else "."
            for i, p in enumerate(parts[:-1]):
                if p in ("-name", "-iname"):
                    return posixpath.join(root, parts[i + 1])
            return None
        if re.search(r"[/*]|\.\w+$", w) and not w.startswith("$"):
            return w
    return None


def parse_shell(text: str) -> list[SimpleCommand]:
    """The simple commands of a command line, in order, with heredoc bodies as stdin."""
    cut, bodies = _cut_heredocs(text)
    tokens = _lex(cut)
    commands: list[SimpleCommand] = []
    argv: list[str] = []
    loops: dict[str, str] = {}
    env: dict[str, str] = {}
    redirects: list[tuple[str, str]] = []
    stdin: str | None = None
    cwd: str | None = None
    start = 0
    pieces: list[str] = []

    def finish(then: str | None) -> None:
        nonlocal argv, env, redirects, stdin, pieces, cwd
        while argv and argv[0] in _KEYWORDS:
            argv.pop(0)
        if len(argv) >= 4 and argv[0] == "for" and argv[2] == "in":
            # the files a loop's variable runs over, as one path pattern its commands' ``$f``
            # stands for (``for f in $(find src -name '*.py')`` -> ``src/*.py``)
            rep = _loop_pattern(argv[3:])
            if rep is not None:
                loops[argv[1]] = rep
        if argv and argv[0] in ("for", "select", "case", "function"):
            argv = []  # a loop header or a function head does nothing by itself
        if loops and argv:
            argv = [loops.get(m.group(1), w) if (m := _LOOP_VAR.fullmatch(w)) else w for w in argv]
        if argv and argv[0] == "export":
            for word in argv[1:]:
                if _ASSIGN.match(word):
                    key, value = word.split("=", 1)
                    env[key] = value
            argv = []
        if argv or env or redirects:
            cmd = SimpleCommand(
                argv, " ".join(pieces), env, redirects, stdin, then, cwd if argv else None
            )
            commands.append(cmd)
            if cmd.name == "cd" and len(argv) > 1:
                cwd = argv[1]
        elif commands and then is not None and commands[-1].then in (None, "\n"):
            commands[-1].then = then
        argv, env, redirects, stdin, pieces = [], {}, [], None, []

    i = 0
    del start
    while i < len(tokens):
        kind, value = tokens[i]
        if kind == "op":
            finish(value if value not in ("(", ")") else ";")
        elif kind == "redir":
            target = tokens[i + 1][1] if i + 1 < len(tokens) and tokens[i + 1][0] == "word" else ""
            i += 1 if target else 0
            pieces.append(f"{value}{target}")
            heredoc = re.fullmatch(r"__HEREDOC_(\d+)__", target)
            if value == "<<" or heredoc:
                stdin = bodies[int(heredoc.group(1))] if heredoc else None
            elif value == "<<<":
                stdin = target + "\n"
            else:
                redirects.append((value, target))
        else:
            heredoc = re.fullmatch(r"__HEREDOC_(\d+)__", value)
            if heredoc:
                stdin = bodies[int(heredoc.group(1))]
                pieces.append("<<EOF")
            elif not argv and _ASSIGN.match(value):
                key, val = value.split("=", 1)
                env[key] = val
                pieces.append(value)
            elif not argv and value in _STOP:
                pieces.append(value)
            else:
                argv.append(value)
                pieces.append(value)
        i += 1
    finish(None)
    return commands
