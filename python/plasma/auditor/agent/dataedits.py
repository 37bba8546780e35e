"""A settings document edited by a one-line script: read, values set, written back.

Agents change a JSON settings file without an editor (``node -e``, ``deno eval``, ``bun -e``):
the script parses the file's text into a variable (``JSON.parse(fs.readFileSync(F))``), sets
values on it (``c.thresholds.break = 0``, ``c["coverage"]["min"] = 50``, ``delete c.x``) and
writes the variable back (``fs.writeFileSync(F, JSON.stringify(c, ...))``). Read as what it
does to the document: the file, and each value set (its key path and the JSON literal it is
set to, or None for a delete).
"""

from __future__ import annotations

import json
import re
from typing import Any

__all__ = ["applied", "script_data_edits"]

_READ = re.compile(
    r"""(?:const|let|var)?\s*([A-Za-z_$][\w$]*)\s*=\s*JSON\.parse\(\s*(?:[A-Za-z_$][\w$]*\.)?"""
    r"""read(?:File|TextFile)Sync\(\s*(['"`])([^'"`]+)\2"""
)
_WRITE = re.compile(
    r"""(?:[A-Za-z_$][\w$]*\.)?write(?:File|TextFile)Sync\(\s*(['"`])([^'"`]+)\1\s*,\s*JSON\.stringify\(\s*"""
    r"""([A-Za-z_$][\w$]*)"""
)
_KEY = r"""(?:\.[A-Za-z_$][\w$]*|\[\s*(?:'[^']*'|"[^"]*"|\d+)\s*\])"""
_SET = re.compile(
    rf"""(?<![\w$.])([A-Za-z_$][\w$]*)((?:{_KEY})+)\s*=(?!=)\s*"""
    r"""(-?\d+(?:\.\d+)?|true|false|null|'[^']*'|"[^"]*")"""
)
_DELETE = re.compile(rf"""\bdelete\s+([A-Za-z_$][\w$]*)((?:{_KEY})+)""")
_PART = re.compile(
    r"""\.([A-Za-z_$][\w$]*)|\[\s*'([^']*)'\s*\]|\[\s*"([^"]*)"\s*\]|\[\s*(\d+)\s*\]"""
)


def _keys(chain: str) -> list[str | int]:
    out: list[str | int] = []
    for m in _PART.finditer(chain):
        name = m.group(1) or m.group(2) or m.group(3)
        out.append(int(m.group(4)) if m.group(4) is not None else str(name))
    return out


def _literal(text: str) -> Any:
    if text[:1] == "'":
        return text[1:-1]
    return json.loads(text)


def script_data_edits(script: str) -> list[tuple[str, list[tuple[list[str | int], Any, bool]]]]:
    """(file, [(key path, value, deleted)]) for each JSON file the script reads, changes and
    writes back (see the module docstring)."""
    if "JSON.parse" not in script or "JSON.stringify" not in script:
        return []
    read = {m.group(1): m.group(3) for m in _READ.finditer(script)}
    out = []
    for m in _WRITE.finditer(script):
        path, var = m.group(2), m.group(3)
        if read.get(var) != path:
            continue
        sets: list[tuple[list[str | int], Any, bool]] = []
        for s in _SET.finditer(script[: m.start()]):
            if s.group(1) == var:
                try:
                    sets.append((_keys(s.group(2)), _literal(s.group(3)), False))
                except ValueError:
                    continue
        for d in _DELETE.finditer(script[: m.start()]):
            if d.group(1) == var:
                sets.append((_keys(d.group(2)), None, True))
        if sets:
            out.append((path, sets))
    return out


def applied(text: str, sets: list[tuple[list[str | int], Any, bool]]) -> tuple[str, str] | None:
    """The document's text before and after the values are set, both written the same way
    (two-space JSON) so that only the values differ; None when the text is not a JSON object."""
    try:
        data = json.loads(text)
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    before = json.dumps(data, indent=2)
    for keys, value, deleted in sets:
        node: Any = data
        for k in keys[:-1]:
            if isinstance(node, dict):
                node = node.setdefault(str(k), {})
            elif isinstance(node, list) and isinstance(k, int) and k < len(node):
                node = node[k]
            else:
                node = None
                break
        last = keys[-1] if keys else None
        if last is None or node is None:
            continue
        if isinstance(node, dict):
            if deleted:
                node.pop(str(last), None)
            else:
                node[str(last)] = value
        elif isinstance(node, list) and isinstance(last, int) and last < len(node) and not deleted:
            node[last] = value
    return before + "\n", json.dumps(data, indent=2) + "\n"
