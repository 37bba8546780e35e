"""A task that writes the line it wants as a template, the parts it leaves to the agent elided
(``change it to EXPECT_NEAR(..., 1e-12)``, ``use assert_allclose(…, rtol=1e-6)``): a change
whose added lines fill that template in is the change asked for."""

from __future__ import annotations

import re

from plasma.auditor.agent.context import prose, task_sentences

__all__ = ["template_quoted"]

_ELLIPSIS = re.compile(r"\.{3}|\u2026")
_TEMPLATE = re.compile(r"`([^`\n]+)`|([A-Za-z_][\w.:]*\s*\((?:[^()\n]|\([^()\n]*\))*\))")
"""Code set off in backquotes, or a call written out with its parentheses."""
_ASKS = re.compile(
    r"(?i)\b(change|make|turn|use|replace|switch|convert|rewrite|set|write|please|should|must"
    r"|want\w*|needs?\s+to)\b"
)
"""Words that ask for something to be so (an imperative, a modal, a wish)."""
_DENIES = re.compile(r"(?i)\b(not|don'?t|never|without|instead\s+of|rather\s+than|avoid)\b")


def _pattern(template: str) -> re.Pattern[str] | None:
    """The template as a pattern over text without blanks: each elided part stands for any
    text; None when what it writes out is too little to say which line it means."""
    pieces = _ELLIPSIS.split(re.sub(r"\s+", "", template))
    if len(pieces) < 2 or len(re.sub(r"\W", "", "".join(pieces))) < 4:
        return None
    return re.compile(".+?".join(re.escape(p) for p in pieces))


def template_quoted(task: str, before: str | None, after: str | None) -> str | None:
    """The task's sentence that asks for every line a change adds (at most three) by a template
    with elided parts, or None. The template must come after a word that asks and not after a
    denial in its clause (``instead of assertEqual(...)`` quotes what to leave)."""
    if not task or after is None or not _ELLIPSIS.search(task):
        return None
    old = {ln.strip() for ln in (before or "").split("\n")}
    added = [ln.strip() for ln in after.split("\n") if ln.strip() and ln.strip() not in old]
    if not added or len(added) > 3:
        return None
    for sentence in task_sentences(prose(task)):
        if not _ELLIPSIS.search(sentence):
            continue
        patterns = []
        for m in _TEMPLATE.finditer(sentence):
            text = m.group(1) or m.group(2)
            if not _ELLIPSIS.search(text):
                continue
            lead = re.split(r"[;:,]\s", sentence[: m.start()])[-1]
            if not _ASKS.search(lead) or _DENIES.search(lead):
                continue
            pattern = _pattern(text)
            if pattern is not None:
                patterns.append(pattern)
        if patterns and all(
            any(p.fullmatch(re.sub(r"\s+", "", ln).rstrip(";,")) for p in patterns) for ln in added
        ):
            return sentence.strip()
    return None
