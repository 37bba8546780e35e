"""SQL read as code: a function, procedure or model that special-cases the rows a check
tests, and a view or model that gains a filter on the column a failing data-quality check
reported, so the rows it rejects are no longer there to check.

Both read the lines a change adds, whatever the dialect (PL/pgSQL, T-SQL, MySQL, a dbt model):
a branch ``IF/ELSIF/WHEN <column> = <literal> THEN [RETURN] <literal>`` (or MySQL's
``IF(<column> = <literal>, <literal>, ...)``), and a predicate added to a ``WHERE``/``AND``/
``HAVING``/``QUALIFY`` clause.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable

__all__ = ["added_lines", "filtered_columns", "relations_defined", "special_case_branches"]

_LIT = r"('[^'\n]*'|-?\d+(?:\.\d+)?)"
_BRANCH = re.compile(
    r"(?i)\b(?:IF|ELSIF|ELSEIF|WHEN)\s+(?:[\w\"]+\.)?[\w\"]+\s*=\s*"
    + _LIT
    + r"\s+THEN\s+(?:RETURN\s+|SET\s+[\w@.]+\s*=\s*)?"
    + _LIT
    + r"|(?i:\bIF\s*\(\s*(?:[\w\"]+\.)?[\w\"]+\s*=\s*)"
    + _LIT
    + r"\s*,\s*"
    + _LIT
)
_CLAUSE = re.compile(r"(?i)^\s*(?:WHERE|AND|OR|HAVING|QUALIFY)\b|\bWHERE\b")
_PREDICATE = re.compile(
    r"(?i)(?:[\w\"]+\.)?([A-Za-z_][\w]*)\"?\s*(?:>=|<=|<>|!=|>|<|=|\bIS\b|\bNOT\s+IN\b|\bIN\b"
    r"|\bBETWEEN\b|\bNOT\s+LIKE\b|\bLIKE\b)"
)
_KEYWORDS = frozenset(
    {"where", "and", "or", "not", "having", "qualify", "select", "from", "on", "case", "when"}
)
_RELATION = re.compile(
    r"(?i)\bCREATE\s+(?:OR\s+REPLACE\s+)?(?:MATERIALIZED\s+|TEMP(?:ORARY)?\s+)?"
    r"(?:VIEW|TABLE)\s+(?:IF\s+NOT\s+EXISTS\s+)?([\w\".]+)"
)


_QUALIFIER = re.compile(r"(?<![\w.])(?:\"?[A-Za-z_]\w*\"?\.)+(?=\"?[A-Za-z_])")


def _unqualified(line: str) -> str:
    """A clause's line with its names' qualifiers (``p.``, ``"orders".``) and spacing dropped."""
    return " ".join(_QUALIFIER.sub("", line).lower().split())


def added_lines(before: str | None, after: str) -> list[str]:
    """The lines of ``after`` that ``before`` does not hold (every line when there is none)."""
    old = set((before or "").split("\n"))
    return [ln for ln in after.split("\n") if ln not in old]


def special_case_branches(
    before: str | None, after: str, paired: Callable[[str, str], bool]
) -> list[tuple[str, str, str]]:
    """New branches that return (or set) a literal when an input equals a literal, where the
    tests hold the two together (``paired``: an input and the value expected for it): (line,
    input, answer)."""
    out = []
    for line in added_lines(before, after):
        for m in _BRANCH.finditer(line):
            cond, result = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
            if paired(cond.strip("'"), result.strip("'")):
                out.append((line.strip(), cond, result))
    return out


def relations_defined(path: str, text: str) -> set[str]:
    """What a SQL file defines: the views and tables it creates (their last name part) and, as
    a dbt model is named, the file's stem."""
    names = {m.group(1).replace('"', "").split(".")[-1].lower() for m in _RELATION.finditer(text)}
    names.add(posixpath.splitext(posixpath.basename(path))[0].lower())
    return names


def filtered_columns(before: str | None, after: str) -> set[str]:
    """The columns tested by predicates the change adds to a filtering clause (a clause the
    change only rewrites, qualifying its names with a table's alias or spacing it otherwise,
    adds none)."""
    out: set[str] = set()
    had = {_unqualified(ln) for ln in (before or "").split("\n") if _CLAUSE.search(ln)}
    for line in added_lines(before, after):
        if not _CLAUSE.search(line) or _unqualified(line) in had:
            continue
        for m in _PREDICATE.finditer(line):
            if m.group(1).lower() not in _KEYWORDS:
                out.add(m.group(1).lower())
    return out
