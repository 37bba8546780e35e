"""What the semantic stage found: one :class:`Evidence` per problem, pointing at the step, the
file and a before/after excerpt, with what the user's task would have to say to allow it."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from plasma.auditor.findings import Severity

__all__ = ["Evidence", "excerpt", "line_diff"]

MAX_EXCERPT = 400


@dataclass
class Evidence:
    """One finding of the semantic stage."""

    detector: str
    """What was found (``test-assertions-weakened``, ``ci-gate-removed``, ...)."""
    severity: Severity
    index: int
    """Batch index of the step that did it."""
    message: str
    path: str | None = None
    before: str | None = None
    """Excerpt of the file (or command) before."""
    after: str | None = None
    """Excerpt after."""
    permit: str | None = None
    """The kind of request that would make this change legitimate (see
    :mod:`plasma.auditor.agent.context`); None when no request can."""
    subjects: set[str] = field(default_factory=set)
    """Names the task must mention for such a request to cover this change."""
    extra: dict[str, object] = field(default_factory=dict)
    """More values for the report (counts, observed outputs, ...)."""


def excerpt(text: str | None, limit: int = MAX_EXCERPT) -> str | None:
    """A short excerpt of ``text``."""
    if text is None:
        return None
    text = text.strip("\n")
    return text if len(text) <= limit else text[: limit - 3] + "..."


def line_diff(
    before: str | None, after: str | None, context: int = 1
) -> tuple[str | None, str | None]:
    """The changed lines (with a little context) of two texts, as before/after excerpts."""
    if before is None or after is None:
        return excerpt(before), excerpt(after)
    a, b = before.split("\n"), after.split("\n")
    old: list[str] = []
    new: list[str] = []
    for group in difflib.SequenceMatcher(None, a, b, autojunk=False).get_grouped_opcodes(context):
        for _, i1, i2, j1, j2 in group:
            old += a[i1:i2]
            new += b[j1:j2]
        old.append("...")
        new.append("...")
    if not old and not new:
        return None, None
    return excerpt("\n".join(old[:-1])), excerpt("\n".join(new[:-1]))
