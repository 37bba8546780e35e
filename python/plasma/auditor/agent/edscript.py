"""Line-editor scripts (``ed``, ``ex``, ``vim -Es``) run over a known file's text.

An agent may edit a file with ``ed -s run.sh <<'EOF' ... w q EOF``, ``printf '%s\\n' ... | ed
file`` or ``ex -sc '%s/a/b/|x' file``; like a ``sed -i`` the script is reconstructed into the
file's text before and after, so the semantic stage compares the two as for any other edit.
Only what such scripts commonly do is run: addresses (line numbers, ``.``, ``$``, ``/re/``,
``?re?``, ranges, ``%``), ``s``, ``d``, ``a``/``i``/``c`` with their text up to a line ``.``,
``g/re/`` with one of those commands, ``m``/``t`` are not; anything else makes the script
unknown (None), and the edit is then recorded without its text.
"""

from __future__ import annotations

import re

__all__ = ["ed_commands", "run_ed"]

_ADDRESS = re.compile(r"\d+|\.|\$|/(?:\\.|[^/\\])*/?|\?(?:\\.|[^?\\])*\??|[+-]\d*")
_INPUT_MODE = re.compile(
    rf"\s*(?:%|(?:{_ADDRESS.pattern})?(?:[,;](?:{_ADDRESS.pattern})?)?)\s*[aic]\s*"
)
"""A command that reads text up to a line ``.`` (``$a``, ``/re/i``, ``3,5c``)."""
_QUIT = re.compile(r"(?:w|wq|x|q|Q|wq!|q!|w!|x!|wqa|xa)(?:\s+\S*)?")


def _bre(pattern: str) -> str:
    """An ed/ex basic regular expression as a Python one (``\\(``, ``\\)``, ``\\+``, ``\\?``,
    ``\\|`` are the special forms; ``(`` and friends are literal)."""
    out = pattern.replace("\\(", "\0(").replace("\\)", "\0)").replace("\\|", "\0|")
    out = (
        out.replace("\\+", "\0+").replace("\\?", "\0?").replace("\\<", r"\b").replace("\\>", r"\b")
    )
    out = re.sub(r"(?<!\0)(?<!\\)([()|+?{}])", r"\\\1", out)
    return out.replace("\0", "")


def _replacement(repl: str) -> str:
    """An ``s`` command's replacement as Python's (``&`` the match, ``\\1`` a group)."""
    out, i = [], 0
    while i < len(repl):
        ch = repl[i]
        if ch == "\\" and i + 1 < len(repl):
            nxt = repl[i + 1]
            out.append(f"\\g<{nxt}>" if nxt.isdigit() else ("\n" if nxt == "n" else nxt))
            i += 2
            continue
        out.append("\\g<0>" if ch == "&" else ch.replace("\\", "\\\\"))
        i += 1
    return "".join(out)


def ed_commands(script: str, ex: bool = False) -> list[str]:
    """A script's commands, one a line (``ex``: also split at ``|``), input text of ``a``,
    ``i`` and ``c`` kept with its command up to the line ``.``."""
    out: list[str] = []
    lines = script.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        parts = re.split(r"\s*\|\s*(?=[%0-9.$/?gvswxqdaicWQ]|$)", line) if ex else [line]
        for part in parts:
            if _INPUT_MODE.fullmatch(part) and not ex:
                body = []
                i += 1
                while i < len(lines) and lines[i] != ".":
                    body.append(lines[i])
                    i += 1
                out.append(part.strip() + "\n" + "\n".join(body))
            elif part.strip():
                out.append(part.strip())
        i += 1
    return out


class _Buffer:
    def __init__(self, text: str) -> None:
        self.trailing = text.endswith("\n")
        self.lines = text.split("\n")[:-1] if self.trailing else text.split("\n")
        self.cur = len(self.lines)  # ed starts at the last line

    def text(self) -> str:
        return "\n".join(self.lines) + ("\n" if self.trailing or not self.lines else "")

    def find(self, pattern: str, forward: bool) -> int | None:
        rx = re.compile(_bre(pattern))
        n = len(self.lines)
        for k in range(1, n + 1):
            at = (self.cur - 1 + (k if forward else -k)) % n
            if rx.search(self.lines[at]):
                return at + 1
        return None

    def one(self, token: str) -> int | None:
        if token == ".":
            return self.cur
        if token == "$":
            return len(self.lines)
        if token.isdigit():
            return int(token)
        if token[0] in "/?":
            body = token[1:-1] if len(token) > 1 and token[-1] == token[0] else token[1:]
            return self.find(body, token[0] == "/")
        if token[0] in "+-":
            step = int(token[1:] or "1")
            return self.cur + (step if token[0] == "+" else -step)
        return None

    def address(self, cmd: str) -> tuple[int, int, str] | None:
        """The range a command's address names and the command after it; with no address,
        the current line."""
        if cmd.startswith(("%", ",")):
            end = _ADDRESS.match(cmd, 1) if cmd[0] == "," else None
            if end is None:
                return 1, len(self.lines), cmd[1:]
            last = self.one(end.group(0))
            return None if last is None else (1, last, cmd[end.end() :])
        m = _ADDRESS.match(cmd)
        if m is None:
            return self.cur, self.cur, cmd
        first = self.one(m.group(0))
        rest = cmd[m.end() :]
        last = first
        if rest.startswith((",", ";")):
            if rest[0] == ";" and first is not None:
                self.cur = first
            m2 = _ADDRESS.match(rest[1:])
            if m2 is None:
                last = len(self.lines)
                rest = rest[1:]
            else:
                last = self.one(m2.group(0))
                rest = rest[1 + m2.end() :]
        if first is None or last is None:
            return None
        return first, last, rest

    def run(self, cmd: str, ex: bool) -> bool:
        """One command; False when it is beyond what is run."""
        head, _, body = cmd.partition("\n")
        if ex:
            head = head.lstrip(":")
        if _QUIT.fullmatch(head.strip()):
            return True
        if re.fullmatch(r"[gv](.)(.*?)(?<!\\)\1(.*)", head):
            return self._global(head, ex)
        where = self.address(head)
        if where is None:
            return False
        a, b, op = where
        if not (0 <= a <= b <= len(self.lines)):
            return False
        op = op.strip()
        if op.startswith("s") and len(op) > 1 and not op[1].isalnum():
            return self._substitute(a, b, op)
        if op in ("d", "delete"):
            del self.lines[max(a, 1) - 1 : b]
            self.cur = min(max(a, 1), len(self.lines))
            return True
        m = re.fullmatch(r"(a|i|c|append|insert|change)!?\s*(.*)", op, re.S)
        if m:
            kind = m.group(1)[0]
            text = (m.group(2) + "\n" + body if m.group(2) else body).split("\n")
            if not body and not m.group(2):
                text = []
            if kind == "a":
                self.lines[b:b] = text
                self.cur = b + len(text)
            elif kind == "i":
                at = max(a, 1) - 1
                self.lines[at:at] = text
                self.cur = at + len(text)
            else:
                self.lines[max(a, 1) - 1 : b] = text
                self.cur = max(a, 1) - 1 + len(text)
            return True
        if op == "":
            self.cur = b
            return True
        return op in ("p", "n", "l", "=", "P", "H", "h")  # (printing: no change)

    def _substitute(self, a: int, b: int, op: str) -> bool:
        delim = op[1]
        m = re.fullmatch(
            rf"s{re.escape(delim)}((?:\\.|[^\\{re.escape(delim)}])*){re.escape(delim)}"
            rf"((?:\\.|[^\\{re.escape(delim)}])*)(?:{re.escape(delim)}([gip0-9]*))?",
            op,
            re.S,
        )
        if m is None:
            return False
        try:
            rx = re.compile(_bre(m.group(1)), re.I if "i" in (m.group(3) or "") else 0)
        except re.error:
            return False
        repl = _replacement(m.group(2))
        count = 0 if "g" in (m.group(3) or "") else 1
        hit = False
        for k in range(max(a, 1) - 1, b):
            try:
                new, n = rx.subn(repl, self.lines[k], count=count)
            except (re.error, IndexError):
                return False
            if n:
                self.lines[k : k + 1] = new.split("\n")
                self.cur, hit = k + 1, True
        return hit

    def _global(self, head: str, ex: bool) -> bool:
        m = re.fullmatch(r"([gv])(.)(.*?)(?<!\\)\2(.*)", head)
        if m is None:
            return False
        rx = re.compile(_bre(m.group(3)))
        inverse = m.group(1) == "v"
        marked = [ln for ln in self.lines if bool(rx.search(ln)) != inverse]
        sub = m.group(4).strip() or "p"
        for line in marked:
            at = next((k for k, ln in enumerate(self.lines) if ln is line), None)
            if at is None:
                continue
            self.cur = at + 1
            if not self.run(sub, ex):
                return False
        return True


def run_ed(text: str, script: str, ex: bool = False) -> str | None:
    """The text after an ed (``ex``: ex/vim) script runs over ``text``; None when the script
    does something beyond the commands read here or an address fails."""
    buf = _Buffer(text)
    for cmd in ed_commands(script, ex):
        try:
            if not buf.run(cmd, ex):
                return None
        except (re.error, IndexError, ValueError):
            return None
    return buf.text()
