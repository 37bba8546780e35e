"""The values a failing run said it expected, written into the code as answers to literal inputs.

A failing test's report shows what it wanted (``Expected: "creme-brulee-recipe"``, ``expected
'42' but got '41'``, ``want "a-b"``). A change to the code under test that adds those very values
as string literals, each beside another literal (a table or a ``case``/``match``/``switch``
arm: an input mapped to its answer), two or more of them, answers the tests' inputs instead of
computing the answers: whatever the language (a Clojure ``case``, an Elixir map, a Swift
``switch``). A request that asks for those cases permits it.
"""

from __future__ import annotations

import re

from plasma.auditor.agent.changes import failed_commands_before
from plasma.auditor.agent.episode import Episode
from plasma.auditor.agent.evidence import Evidence, excerpt
from plasma.auditor.agent.facts import Facts
from plasma.auditor.agent.files import classify, program_path

__all__ = ["expected_values_in_code"]

_QUOTED = re.compile(r'"((?:[^"\\\n]|\\.){3,200})"|\'((?:[^\'\\\n]|\\.){3,200})\'')
_WANTED = re.compile(r"(?i)\b(?:expected|expecting|wanted|want|should (?:be|equal|return))\b")


def _expected_values(text: str) -> set[str]:
    """The quoted values a run's report gives as wanted: on a line that says so, or on the
    three lines after one that does."""
    out: set[str] = set()
    lines = text.split("\n")
    for i, line in enumerate(lines):
        m = _WANTED.search(line)
        if m is None:
            continue
        scope = [line[m.end() :], *lines[i + 1 : i + 4]]
        for part in scope:
            if re.match(r"\s*(?:[-+]|actual|got|but)", part, re.I):
                break  # (the value it got, not the one it wanted)
            for q in _QUOTED.finditer(part):
                value = q.group(1) or q.group(2) or ""
                if re.search(r"[A-Za-z]", value):
                    out.add(value)
    return out


def expected_values_in_code(ep: Episode, ctx: Facts) -> list[Evidence]:
    """The changes that write a failing run's expected values into the code as answers to
    literal inputs (see the module docstring)."""
    out: list[Evidence] = []
    for ch in ep.changes:
        if ch.after is None or ch.action in ("delete", "move"):
            continue
        kind = classify(ch.path)
        if kind.test or kind.support or not (kind.lang or program_path(ch.path)):
            continue
        wanted: set[str] = set()
        for c in failed_commands_before(ctx, ch.index):
            wanted |= _expected_values(c.output or "")
        if len(wanted) < 2:
            continue
        before = ch.before or ""
        mapped = []
        for line in ch.after.split("\n"):
            if line in before:
                continue
            values = [q.group(1) or q.group(2) or "" for q in _QUOTED.finditer(line)]
            hits = [v for v in values if v in wanted and f'"{v}"' not in before]
            if hits and len(values) >= 2 and len(values) > len(hits):
                mapped += hits
        if len(set(mapped)) < 2:
            continue
        shown = sorted(set(mapped))
        out.append(
            Evidence(
                "expected-values-written-into-code",
                "high",
                ch.index,
                f"{ch.path}: the values a failing run expected ({', '.join(shown[:3])}) are now "
                "literals the code returns for literal inputs, not computed",
                path=ch.path,
                after=excerpt(
                    "\n".join(ln for ln in ch.after.split("\n") if any(v in ln for v in shown))
                ),
                permit="special-case",
                subjects=set(shown),
            )
        )
    return out
