"""Patches: unified diffs (``git diff``, ``diff -u``) and ``apply_patch`` envelopes
(``*** Begin Patch``), parsed into per-file hunks and applied to known file contents."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["FilePatch", "Hunk", "apply_hunks", "looks_like_patch", "parse_patch"]

_GIT_HEADER = re.compile(r"^diff --git a/(\S+) b/(\S+)")
_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+\d+(?:,\d+)? @@")


@dataclass
class Hunk:
    """One hunk: the lines it expects (context and removed) and the lines it leaves."""

    old: list[str] = field(default_factory=list)
    new: list[str] = field(default_factory=list)


@dataclass
class FilePatch:
    """The changes a patch makes to one file."""

    path: str
    """The file (its new name for a rename)."""
    old_path: str | None = None
    """Its old name when the patch moves it."""
    hunks: list[Hunk] = field(default_factory=list)
    created: bool = False
    deleted: bool = False

    @property
    def before(self) -> str:
        """The lines the hunks expect, joined (a fragment of the old file)."""
        return "\n".join("\n".join(h.old) for h in self.hunks)

    @property
    def after(self) -> str:
        """The lines the hunks leave, joined (a fragment of the new file)."""
        return "\n".join("\n".join(h.new) for h in self.hunks)


def looks_like_patch(text: str) -> bool:
    """Whether ``text`` holds a unified diff or an apply_patch envelope."""
    return "*** Begin Patch" in text or bool(
        re.search(r"^(?:--- \S.*\n\+\+\+ \S|diff --git )", text, re.M)
    )


def _strip_prefix(path: str) -> str:
    path = path.split("\t")[0].strip()
    if path.startswith(("a/", "b/")):
        return path[2:]
    return path


def _parse_apply_patch(text: str) -> list[FilePatch]:
    out: list[FilePatch] = []
    cur: FilePatch | None = None
    hunk: Hunk | None = None
    for line in text.split("\n"):
        if line.startswith("*** Add File: "):
            cur = FilePatch(line[14:].strip(), created=True, hunks=[Hunk()])
            hunk = cur.hunks[0]
            out.append(cur)
        elif line.startswith("*** Delete File: "):
            cur = FilePatch(line[17:].strip(), deleted=True)
            hunk = None
            out.append(cur)
        elif line.startswith("*** Update File: "):
            cur = FilePatch(line[17:].strip())
            hunk = None
            out.append(cur)
        elif line.startswith("*** Move to: ") and cur is not None:
            cur.old_path, cur.path = cur.path, line[13:].strip()
        elif (
            line.startswith(("*** End Patch", "*** Begin Patch", "*** End of File")) or cur is None
        ):
            continue
        elif line.startswith("@@"):
            hunk = Hunk()
            cur.hunks.append(hunk)
        else:
            if hunk is None:
                hunk = Hunk()
                cur.hunks.append(hunk)
            _hunk_line(hunk, line, created=cur.created)
    return out


def _hunk_line(hunk: Hunk, line: str, *, created: bool = False) -> None:
    if line.startswith("+"):
        hunk.new.append(line[1:])
    elif line.startswith("-"):
        hunk.old.append(line[1:])
    elif line.startswith("\\"):
        return
    elif not created:
        body = line[1:] if line.startswith(" ") else line
        hunk.old.append(body)
        hunk.new.append(body)


def _parse_unified(text: str) -> list[FilePatch]:
    out: list[FilePatch] = []
    cur: FilePatch | None = None
    hunk: Hunk | None = None
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        git = _GIT_HEADER.match(line)
        if git:
            cur = FilePatch(git.group(2), old_path=git.group(1))
            out.append(cur)
            hunk = None
        elif line.startswith("--- ") and i + 1 < len(lines) and lines[i + 1].startswith("+++ "):
            old, new = _strip_prefix(line[4:]), _strip_prefix(lines[i + 1][4:])
            if cur is None or cur.hunks:
                cur = FilePatch(new if new != "/dev/null" else old)
                out.append(cur)
            cur.created = old == "/dev/null"
            cur.deleted = new == "/dev/null"
            cur.path = old if cur.deleted else new
            cur.old_path = None if cur.created else old
            hunk = None
            i += 2
            continue
        elif cur is not None and line.startswith("rename to "):
            cur.path = line[10:].strip()
        elif cur is not None and line.startswith("new file mode"):
            cur.created = True
        elif cur is not None and line.startswith("deleted file mode"):
            cur.deleted = True
        elif cur is not None and _HUNK.match(line):
            hunk = Hunk()
            cur.hunks.append(hunk)
        elif hunk is not None and cur is not None and line[:1] in ("+", "-", " ", "\\"):
            _hunk_line(hunk, line, created=False)
        elif hunk is not None and line == "":
            hunk.old.append("")
            hunk.new.append("")
        i += 1
    for p in out:
        if p.old_path == p.path:
            p.old_path = None
        for h in p.hunks:  # a trailing blank line of the text is not part of the hunk
            while h.old and h.new and h.old[-1] == "" and h.new[-1] == "":
                h.old.pop()
                h.new.pop()
    return out


def parse_patch(text: str) -> list[FilePatch]:
    """The per-file changes of a unified diff or an apply_patch envelope (empty if neither)."""
    if "*** Begin Patch" in text or "*** Update File:" in text or "*** Add File:" in text:
        return _parse_apply_patch(text)
    return _parse_unified(text)


def _find(lines: list[str], block: list[str], start: int) -> int:
    n = len(block)
    for strip in (False, True):
        want = [b.strip() for b in block] if strip else block
        for i in range(start, len(lines) - n + 1):
            got = [x.strip() for x in lines[i : i + n]] if strip else lines[i : i + n]
            if got == want:
                return i
    return -1


def apply_hunks(before: str, hunks: list[Hunk]) -> str | None:
    """The file after the hunks, or None when a hunk's lines are not found in ``before``."""
    lines = before.split("\n")
    pos = 0
    for h in hunks:
        if not h.old:
            if not h.new:
                continue
            lines[pos:pos] = h.new
            pos += len(h.new)
            continue
        at = _find(lines, h.old, pos)
        if at < 0:
            at = _find(lines, h.old, 0)
        if at < 0:
            return None
        lines[at : at + len(h.old)] = h.new
        pos = at + len(h.new)
    return "\n".join(lines)
