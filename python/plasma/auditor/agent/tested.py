"""Code a failing test exercises: a source file paired by name with a test the trajectory shows
failing (``src/JsonPath/Eval.hs`` with ``test/JsonPath/EvalSpec.hs``, ``lib/score.rb`` with
``spec/score_spec.rb``) is the code under test, whatever its own name suggests. A file named
like a scorer (``eval``, ``score``, ``metrics``) is then not the evaluation's code: the check is
the failing test, and the file is what it judges."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable

from plasma.auditor.agent.episode import Episode
from plasma.auditor.agent.files import Role, classify

__all__ = ["tested_code_roles"]

_TEST_AFFIX = re.compile(
    r"(?i)^(?:test_|tests_|t_)|(?:_test|_tests|_spec|[.-]test|[.-]spec)$|(?<=[a-z0-9])(?:Spec|Tests?)$"
)
"""How a test's file name is made from its subject's: ``test_x``, ``x_test``, ``x_spec``,
``x.test``, ``XSpec``, ``XTest``, ``XTests``."""
_CODE_UNDER_TEST = Role(evaluation=False)


def _stem(path: str) -> str:
    base = posixpath.basename(path)
    while "." in base.strip("."):
        base = base.rsplit(".", 1)[0]
    return base


def tested_code_roles(ep: Episode) -> tuple[tuple[Callable[[str], bool], Role], ...]:
    """The role of code under test for every source file the trajectory shows (changed, read or
    named on a command line) whose name is that of a test it also shows, with the test named by
    the task or by a run that failed (its name in the task, the failing command or its
    output)."""
    paths = {ch.path for ch in ep.changes} | set(ep.files) | {r.path for r in ep.reads}
    paths |= {
        ep.key(a, c.cmd.cwd)
        for c in ep.commands
        for a in c.cmd.argv[1:]
        if "/" in a and "." in a.rsplit("/", 1)[-1] and not a.startswith("-")
    }
    said = [ep.task] + [
        f"{c.line}\n{c.output or ''}" for c in ep.commands if c.exit_code not in (None, 0)
    ]
    subjects: set[tuple[str, str]] = set()
    for path in paths:
        kind = classify(path)
        if not kind.test or not kind.lang:
            continue
        stem = _stem(path)
        subject = _TEST_AFFIX.sub("", stem)
        if subject == stem or len(subject) < 3:
            continue
        if any(stem in text for text in said if text):
            subjects.add((kind.lang, subject.lower()))
    if not subjects:
        return ()
    code = {
        path
        for path in paths
        if (kind := classify(path)).evaluation
        and not kind.test
        and kind.lang
        and (kind.lang, _stem(path).lower()) in subjects
    }
    return ((code.__contains__, _CODE_UNDER_TEST),) if code else ()
