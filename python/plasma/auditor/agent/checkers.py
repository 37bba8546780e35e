"""Roles from what checks a file: a file is a check's oracle, configuration or test because a
checker the trajectory runs (in a command, in a CI or build file it shows, or in the task's own
description of the failing check) reads it, not because of its extension.

One table (:data:`CHECKERS`) says, for each kind of checker command, which files it reads by
default and what they are to it; the files a checker's command line names take the same role.
A test runner's target is read the same way: the scripts a shell test suite exercises are code
under test, not run scripts. :func:`checked_roles` gathers the roles of one trajectory and
:func:`~plasma.auditor.agent.files.roles_in_force` puts them in force while it is judged."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from plasma.auditor.agent.episode import Episode
from plasma.auditor.agent.files import Role, classify

__all__ = ["CHECKERS", "Checker", "checked_roles"]


@dataclass(frozen=True)
class Checker:
    """A kind of checker: the commands that run it, the files it reads by default and what they
    are to the check (a :class:`~plasma.auditor.agent.files.Role`)."""

    command: re.Pattern[str]
    reads: re.Pattern[str]
    role: Role
    named: re.Pattern[str] | None = None
    """Which of the files named on its command line it reads as that role (None: none)."""


_ORACLE = Role(golden=True, support=True)
"""The check's oracle: what the system's behaviour is compared against (a contract, a
schema), as expected outputs are to a test."""
_GATE = Role(gate=True)
"""The check's configuration: what it reports and what it lets through."""
_SPEC_FILE = re.compile(r"\.(ya?ml|json)$")

CHECKERS: tuple[Checker, ...] = (
    # API contract testers and schema validators: the API description is the oracle
    Checker(
        re.compile(
            r"(?i)\b(schemathesis|st run|dredd|prism|oasdiff|openapi-diff|optic|spectral"
            r"|openapi-spec-validator|swagger-cli|redocly\s+lint|vacuum|pact-verifier"
            r"|pact_verifier|asyncapi\s+validate)\b"
        ),
        re.compile(
            r"(?i)(^|/)[^/]*(openapi|swagger|asyncapi|api-spec|apispec)[^/]*\.(ya?ml|json)$"
        ),
        _ORACLE,
        _SPEC_FILE,
    ),
    # breaking-change and schema-compatibility checkers: their configuration decides what
    # counts as a break
    Checker(
        re.compile(
            r"(?i)\b(buf\s+(breaking|lint)|cargo[- ]semver-checks|api-extractor|japicmp|revapi"
            r"|gorelease|apidiff)\b"
        ),
        re.compile(
            r"(^|/)(buf(\.work)?\.ya?ml|api-extractor\.json|\.?revapi[\w.-]*\.json"
            r"|japicmp[\w.-]*\.(xml|json))$"
        ),
        _GATE,
        _SPEC_FILE,
    ),
    # migration drift checks: the migration environment decides which tables are compared
    Checker(
        re.compile(
            r"(?i)\b(alembic\s+(check|revision|upgrade)|makemigrations\s+(--check|--dry-run)"
            r"|atlas\s+(migrate|schema)|prisma\s+migrate\s+diff|flyway\s+validate"
            r"|sqitch\s+verify)\b"
        ),
        re.compile(
            r"(^|/)(alembic\.ini|(alembic|migrations?|migrate|db)/env\.py|atlas\.hcl"
            r"|flyway\.(conf|toml))$"
        ),
        # (the environment the check loads, not the code it checks: its support)
        Role(gate=True, support=True),
        re.compile(r"\.(ini|py|hcl|conf|toml)$"),
    ),
    # TAP harnesses: what ``prove`` runs is a test whatever its name
    Checker(
        re.compile(r"(?i)(^|[;&|(\s])(prove|yath|tap-harness)\b"),
        re.compile(r"(^|/)t/([^/]+/)*[^/]+\.t$|(^|/)xt/([^/]+/)*[^/]+\.t$"),
        Role(test=True, lang="perl"),
        re.compile(r"\.t$"),
    ),
    # LLM-eval harnesses: their configuration holds the assertions and the pass threshold
    Checker(
        re.compile(r"(?i)\b(promptfoo|deepeval|inspect\s+eval|openai\s+evals|oaieval)\b"),
        re.compile(r"(^|/)(promptfooconfig|promptfoo\.config)[\w.-]*\.(ya?ml|json|[cm]?[jt]s)$"),
        Role(gate=True, evaluation=True),
        _SPEC_FILE,
    ),
)
"""Checker commands and what they read (see :class:`Checker`)."""

_SHELL_SUITE = re.compile(r"(?i)(^|[;&|(\s/])(bats|shellspec|shunit2|bashunit|roundup)\b")
"""Test runners of shell code: what they exercise is shell scripts."""
_SHELL_SCRIPT = re.compile(r"\.(sh|bash|zsh|ksh)$")
_NAMED_RUNNER = re.compile(
    r"(?i)(^|/)(run[_-]?tests?|runtests|tests?|check[^/]*|ci|validate[^/]*|verify[^/]*|lint[^/]*"
    r"|pre-commit|install|setup|bootstrap|build)(\.(sh|bash|ps1))?$"
    r"|(^|/)(ci|\.ci|\.github|\.circleci)/"
    # (helpers a suite loads live beside its tests: test support, not the code under test)
    r"|(^|/)(tests?|spec|specs|testing)/"
)
"""Scripts named for running the checks (or the build): still run scripts when a shell test
suite is around."""
_CONFIG_FLAG = re.compile(r"^-{1,2}(ruleset|rules|config|config-file|c|r|profile|template)$")
"""Flags whose value is the checker's configuration (``--ruleset .spectral.yaml``)."""
_PATH_ARG = re.compile(r"^[\w./@-]+\.[A-Za-z]{1,5}$")


def _searcher(pattern: re.Pattern[str]) -> Callable[[str], bool]:
    return lambda path: pattern.search(path) is not None


def _seen_texts(ep: Episode) -> list[str]:
    """Where a checker can be seen to run: every command line, the task's own description of
    the failing check, and the CI, build and runner files the trajectory shows."""
    texts = [c.line for c in ep.commands]
    if ep.task:
        texts.append(ep.task)
    for path, text in ep.files.items():
        kind = classify(path)
        if text and (kind.ci or kind.runner or kind.gate):
            texts.append(text)
    for ch in ep.changes:
        if ch.after and (classify(ch.path).ci or classify(ch.path).runner):
            texts.append(ch.after)
    return texts


_FIX_OF = re.compile(
    r"(?i)\b(?:fix|repair|correct|debug)\w*\s+(?:the\s+|our\s+)?(?:bug\s+in\s+)?[`'\"]?"
    r"(\.?/?[\w.-]+(?:/[\w.-]*[\w-])+|[\w-]+\.(?:sh|bash|ps1|bat|cmd))[`'\"]?"
)
"""A path the task asks to fix (``Fix bin/render.``, ``fix logrotate.sh``)."""
_FED = re.compile(
    r"(?:^|[|;&(`]|\$\()\s*(?:(?:do|then|else|exec|time|!)\s+)*([^\s<>|;&]+)[^<>|;&\n]*<\s*[^<\s]"
)
"""A command a script feeds an input file to (``./bin/render < "$t"``): its program."""


def _programs_under_test(ep: Episode) -> set[str]:
    """Scripts and programs that are what the checks exercise, by what runs them: the program a
    run script the trajectory shows feeds its test inputs to, and a script the task asks to
    fix. Only files the path alone calls run scripts are given this role."""
    named: set[str] = set()
    for path, text in ep.files.items():
        if text and classify(path).runner:
            for line in text.splitlines():
                named |= {ep.key(m.group(1)) for m in _FED.finditer(line.strip())}
    named |= {ep.key(m.group(1)) for m in _FIX_OF.finditer(ep.task)}
    return {
        p
        for p in named
        if (kind := classify(p)).runner
        and not (kind.ci or kind.gate or kind.lang)
        and not _NAMED_RUNNER.search(p)  # (a script named for running the checks stays one)
    }


def _exercised_script(path: str) -> bool:
    return bool(_SHELL_SCRIPT.search(path)) and not _NAMED_RUNNER.search(path)


def checked_roles(ep: Episode) -> tuple[tuple[Callable[[str], bool], Role], ...]:
    """The roles the checkers this trajectory runs give to files: (which paths, role) pairs,
    the files a checker reads by default and those its command lines name."""
    texts = _seen_texts(ep)
    out: list[tuple[Callable[[str], bool], Role]] = []
    for checker in CHECKERS:
        if not any(checker.command.search(t) for t in texts):
            continue
        out.append((_searcher(checker.reads), checker.role))
        if checker.named is None:
            continue
        named: set[str] = set()
        for c in ep.commands:
            if not checker.command.search(c.cmd.text):
                continue
            argv = c.cmd.argv
            for i, a in enumerate(argv[1:], 1):
                flag, _, value = a.partition("=") if a.startswith("-") else ("", "", a)
                if _CONFIG_FLAG.match(flag or argv[i - 1]) or not value:
                    continue  # (the checker's own configuration, not what it checks)
                base = value.rsplit("/", 1)[-1]
                if _PATH_ARG.match(value) and checker.named.search(value) and base[0] != ".":
                    named.add(ep.key(value, c.cmd.cwd))
        if named:
            alternatives = "|".join(re.escape(p) for p in sorted(named))
            out.append((_searcher(re.compile(rf"(^|/)({alternatives})$")), checker.role))
    targets = _programs_under_test(ep)
    if targets:
        # the program a run script feeds its inputs to, or that the task asks to fix: the code
        # under test, whatever folder or extension it has
        out.append((targets.__contains__, Role(lang="shell", runner=False, gate=False)))
    if any(_SHELL_SUITE.search(t) for t in texts):
        # a shell test suite's target: the scripts it exercises are the code under test
        out.append((_exercised_script, Role(lang="shell", runner=False, gate=False)))
    return tuple(out)
