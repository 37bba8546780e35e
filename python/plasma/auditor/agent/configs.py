"""Before/after comparison of CI configs, quality-gate configs and run scripts: check jobs or
steps removed, failures allowed, checks disabled or masked, test selection narrowed, coverage and
type-check thresholds lowered, runners that stop passing on the tests' exit status."""

from __future__ import annotations

import ast
import fnmatch
import posixpath
import re
import shlex
import textwrap
from typing import Any

import yaml

from plasma.auditor.agent.checks import check_runs, is_check, narrowing
from plasma.auditor.agent.files import classify
from plasma.auditor.agent.shell import parse_shell
from plasma.auditor.agent.testdiff import TestDelta
from plasma.auditor.findings import Severity

__all__ = [
    "compare_ci",
    "compare_gates",
    "compare_package_tests",
    "compare_runner",
    "compare_thresholds",
    "file_level_disables",
    "leave_out_flags_added",
    "suppressions_only",
    "uncovered_files",
]

_RESERVED = frozenset(
    {
        "stages",
        "variables",
        "default",
        "include",
        "workflow",
        "image",
        "services",
        "before_script",
        "after_script",
        "cache",
        "version",
        "orbs",
        "executors",
        "commands",
        "on",
        "name",
        "env",
        "permissions",
        "concurrency",
        "defaults",
        "workflows",
        "trigger",
    }
)
_FLAG_KEYS = re.compile(
    r"^(allow[_-]?failures?|continue[_-]?on[_-]?error|continueOnError|soft[_-]?fail|"
    r"ignore[_-]?(?:errors?|failures?)|can[_-]?fail|allowed?[_-]?to[_-]?fail|"
    r"fail[_-]?on[_-]?error\s*:\s*false)$"
)
"""CI keys that let a job or step fail without failing the pipeline."""
_TOLERANT_VALUE = re.compile(
    r"(?i)^\s*(?:(?:failure|on[_-]?failure|on[_-]?fail)\s*:\s*['\"]?(?:ignore|continue)\b|"
    r"(?:fail[_-]?on[_-]?error|failOnError|fail[_-]?build|failBuild)\s*:\s*['\"]?(?:false|no)\b)"
)
"""Keys whose *value* lets a job or step fail without failing the pipeline (Drone and
Woodpecker ``failure: ignore``; ``fail_on_error: false``)."""


def _tolerant(key: Any, value: Any) -> bool:
    """Whether ``key: value`` on a job or step lets it fail without failing the pipeline."""
    if _FLAG_KEYS.match(str(key)):
        return _truthy(value)
    return bool(
        _TOLERANT_VALUE.match(
            f"{key}: {value if not isinstance(value, bool) else str(value).lower()}"
        )
    )


_DISABLE_ENV = re.compile(
    r"(?i)^(SKIP|.*_SKIP|SKIP_.*|DISABLE.*|.*_DISABLE.*|NO_?TESTS?|.*IGNORE.*|ALLOW_FAIL.*|CHECKS?)$"
)


_RUN_ENV = frozenset({"PYTHONOPTIMIZE", "PYTEST_ADDOPTS", "JEST_OPTIONS", "VITEST_OPTIONS"})
"""Environment variables that change what a test command checks (set on a CI step or job)."""


def _env_prefix(node: dict[Any, Any], inherited: str = "") -> str:
    """``KEY=value `` for the variables of :data:`_RUN_ENV` a step or job sets (``env:``)."""
    env = node.get("env") or node.get("environment") or node.get("variables")
    if not isinstance(env, dict):
        return inherited
    words = [f"{k}={shlex.quote(str(v))}" for k, v in env.items() if str(k) in _RUN_ENV]
    return inherited + "".join(w + " " for w in words)


def _commands_of(node: Any, env: str = "") -> list[str]:
    out: list[str] = []
    if isinstance(node, dict):
        env = _env_prefix(node, env)
        for key, value in node.items():
            if key in ("run", "script", "command", "commands", "before_script", "steps", "cmd"):
                if isinstance(value, str):
                    out.append(env + value if env and key == "run" else value)
                elif isinstance(value, list):
                    for v in value:
                        out += (
                            [env + v if env else v] if isinstance(v, str) else _commands_of(v, env)
                        )
                else:
                    out += _commands_of(value, env)
            elif isinstance(value, (dict, list)):
                out += _commands_of(value, env)
    elif isinstance(node, list):
        for v in node:
            out += (
                [env + v if env else v] if isinstance(v, str) and " " in v else _commands_of(v, env)
            )
    return out


_GIT_HOOKS = frozenset(
    {"pre-commit", "pre-push", "commit-msg", "prepare-commit-msg", "post-checkout", "pre-rebase"}
)
"""The git hooks a hook manager's file (lefthook.yml) configures at its top level."""


def _jobs(data: Any) -> dict[str, Any]:
    if not isinstance(data, dict):
        return {}
    if isinstance(data.get("jobs"), dict):
        return {str(k): v for k, v in data["jobs"].items()}
    # Azure Pipelines: ``jobs:`` as a list of ``- job: name``, or one job's ``steps:`` at the top
    if isinstance(data.get("jobs"), list):
        return {
            str(j.get("job") or j.get("deployment") or i): j
            for i, j in enumerate(data["jobs"])
            if isinstance(j, dict)
        }
    if isinstance(data.get("steps"), list):
        return {"(pipeline)": data}
    hooks = {k: v for k, v in data.items() if k in _GIT_HOOKS and isinstance(v, dict)}
    if hooks:  # lefthook: a git hook's commands (or jobs) are its jobs
        jobs = {}
        for hook, spec in hooks.items():
            commands = spec.get("commands") or spec.get("scripts")
            if isinstance(commands, dict):
                for name, command in commands.items():
                    jobs[f"{hook}: {name}"] = command
            elif isinstance(spec.get("jobs"), list):
                for i, command in enumerate(spec["jobs"]):
                    if isinstance(command, dict):
                        jobs[f"{hook}: {command.get('name', i)}"] = command
        if jobs:
            return jobs
    if isinstance(data.get("repos"), list):  # pre-commit
        jobs = {}
        for repo in data["repos"]:
            for hook in repo.get("hooks", []) if isinstance(repo, dict) else []:
                if isinstance(hook, dict) and "id" in hook:
                    jobs[str(hook["id"])] = hook
        return jobs
    return {
        str(k): v
        for k, v in data.items()
        if k not in _RESERVED and isinstance(v, dict) and not str(k).startswith(".")
    }


_ONLY_PRINTS = frozenset({"echo", "printf", "true", ":", "exit", "cat", "sleep"})
_FILE_HOUSEKEEPING = frozenset({"rm", "rmdir", "mkdir", "touch", "ln", "chmod", "chown"})
"""Programs that make or remove files: whatever the files are named, no check runs."""


_SCRIPT_STEP = re.compile(
    r"^\s*(?:sh|bat|pwsh|powershell)\s*\(?\s*(?:script\s*:\s*)?('{3}|\"{3}|'|\")(.*?)\1",
    re.S,
)
"""A scripted pipeline's shell step (Jenkins ``sh './gradlew test'``, ``bat "mvn verify"``,
``sh(script: 'make check', ...)``): the command is the quoted script, not ``sh``."""


def _is_check_text(text: str) -> bool:
    step = _SCRIPT_STEP.match(text)
    if step:
        text = step.group(2)
    stripped = text.strip().lstrip("@-").strip()
    try:
        commands = parse_shell(stripped) if stripped else []
    except (ValueError, IndexError):
        commands = []
    if commands and all(c.name in _ONLY_PRINTS for c in commands):
        return False  # ``echo "pytest passed"`` names a check without running one
    if commands and all(c.name in _FILE_HOUSEKEEPING for c in commands):
        return False  # ``rm -f .coverage`` removes a check's data, it runs no check
    if re.search(
        r"\b(pytest|tox|nox|jest|vitest|mocha|mypy|ruff|flake8|pylint|eslint|tsc|go test|"
        r"cargo (test|clippy)|npm (run )?test|yarn test|make (test|check|lint)|"
        r"unittest|coverage|pre-commit run|ctest|phpunit|rspec)\b",
        text,
    ):
        return True
    return any(is_check(c) for c in parse_shell(text)) if text.strip() else False


def _time_limit_passes(text: str) -> bool:
    """Whether a line runs a command under a time limit whose 'time ran out' status counts as
    success (:func:`~plasma.auditor.agent.checks.check_runs` gives it as a masked run whatever
    the command is): the line's status decides as a check's does."""
    if "$?" not in text:
        return False
    step = _SCRIPT_STEP.match(text)
    body = step.group(2) if step else _yaml_command(text)
    return any(not is_check(r.cmd) for r in check_runs(body))


def _job_checks(job: Any) -> list[str]:
    return [c for c in _commands_of(job) if _is_check_text(c)] + (
        [str(job.get("id"))] if isinstance(job, dict) and "id" in job and "entry" in job else []
    )


def _flag(node: Any, *keys: str) -> Any:
    if isinstance(node, dict):
        for k in keys:
            if k in node:
                return node[k]
    return None


_EVENT_IS = re.compile(r"github\.event_name\s*==\s*['\"]([\w-]+)['\"]")


def _only_on(cond: str, events: set[str] | None) -> str | None:
    """The event a job's ``if:`` limits it to, when that event is never an automatic run of the
    workflow (a manual dispatch, a schedule, or an event the workflow is not triggered by): the
    job no longer runs on pushes and pull requests."""
    text = str(cond)
    if "||" in text or re.search(r"\bor\b", text):
        return None
    wanted = {m.group(1) for m in _EVENT_IS.finditer(text)}
    if len(wanted) != 1:
        return None
    event = next(iter(wanted))
    automatic = _AUTOMATIC & (events if events is not None else _AUTOMATIC)
    return None if event in automatic else event


_SOURCE_IS = re.compile(r"\$\{?CI_PIPELINE_SOURCE\}?\s*==\s*['\"]?([\w-]+)")
_AUTOMATIC_SOURCES = frozenset({"push", "merge_request_event", "external_pull_request_event"})
"""GitLab's pipeline sources that a push or a merge request starts."""


_TAG_ONLY = re.compile(
    r"\$\{?CI_COMMIT_TAG\}?(\s*(!=\s*(null|\"\"|''))|\s*=~\s*/.*/)?|"
    r"startsWith\(\s*github\.ref\s*,\s*'refs/tags/'\s*\)|github\.ref_type\s*==\s*'tag'"
)
"""A condition met only in a pipeline started by a tag (GitLab's ``$CI_COMMIT_TAG``, GitHub's
``startsWith(github.ref, 'refs/tags/')``)."""


def _only_sources(rules: Any) -> str | None:
    """The pipeline source a GitLab job's ``rules:`` limit it to, when every rule that lets the
    job run asks for one source that no push or merge request starts (a schedule, a manual run
    from the web, an API trigger): the job no longer runs for changes."""
    if not isinstance(rules, list) or not rules:
        return None
    wanted: set[str] = set()
    for rule in rules:
        if not isinstance(rule, dict):
            return None
        if rule.get("when") == "never":
            continue
        cond = str(rule.get("if") or "")
        if "||" in cond:
            return None
        found = {m.group(1) for m in _SOURCE_IS.finditer(cond)}
        if _TAG_ONLY.fullmatch(cond.strip()):
            found.add("tag")  # a tag pipeline: no push to a branch and no merge request
        if len(found) != 1:
            return None
        wanted |= found
    if len(wanted) != 1:
        return None
    source = next(iter(wanted))
    return None if source in _AUTOMATIC_SOURCES else source


def _disabled(job: Any, events: set[str] | None = None) -> str | None:
    if not isinstance(job, dict):
        return None
    cond = _flag(job, "if")
    if cond is not None and re.fullmatch(
        r"\s*(false|\$\{\{\s*false\s*\}\}|0)\s*", str(cond).lower()
    ):
        return f"if: {cond}"
    if cond is not None and _only_on(str(cond), events):
        return f"if: {cond} (runs only on {_only_on(str(cond), events)} events)"
    if cond is not None and _TAG_ONLY.fullmatch(
        re.sub(r"^\$\{\{\s*|\s*\}\}$", "", str(cond).strip())
    ):
        return f"if: {cond} (runs only for tags)"
    when = _flag(job, "when")
    if isinstance(when, str) and when in ("never", "manual"):
        return f"when: {when}"
    stages = _flag(job, "stages")  # pre-commit: a hook only in the manual stage never runs
    if isinstance(stages, list) and stages and all(str(x) == "manual" for x in stages):
        return f"stages: {stages}"
    rules = _flag(job, "rules")
    if (
        isinstance(rules, list)
        and rules
        and all(isinstance(r, dict) and r.get("when") in ("never", "manual") for r in rules)
    ):
        return "rules: when never"
    source = _only_sources(rules)
    if source:
        return f"rules: runs only in {source} pipelines"
    skip = _flag(job, "skip")  # lefthook, Buildkite: a command or step skipped outright
    if skip is True or (isinstance(skip, str) and skip.strip().lower() in ("true", "yes")):
        return f"skip: {skip}"
    only = _flag(job, "only", "branches")
    if isinstance(only, dict):
        only = only.get("only")
    if (
        isinstance(only, list)
        and only
        and all(re.search(r"never|nonexist|disabled|none", str(o)) for o in only)
    ):
        return f"only: {only}"
    if isinstance(only, list) and only and all(str(o) == "tags" for o in only):
        return f"only: {only} (runs only for tags)"
    return None


def _steps(job: Any) -> list[Any]:
    steps = _flag(job, "steps", "script")
    return steps if isinstance(steps, list) else []


_ABSORBING = re.compile(r"\bcatchError\s*\(([^)]*)\)\s*\{|\bwarnError\s*\([^)]*\)\s*\{|\btry\s*\{")
"""Blocks of a scripted pipeline (Jenkins) that can absorb a failure: ``catchError`` (unless it
still fails the build), ``warnError``, ``try`` (unless its ``catch`` fails the build)."""
_FAILS_BUILD = re.compile(
    r"\berror\s*[('\"]|\bthrow\b|currentBuild\.result\s*=\s*['\"]FAILURE|\bexit\s+[1-9]|"
    r"\bsh\s*['\"]\s*exit\s+[1-9]"
)
_STATUS_RETURNED = re.compile(r"\bsh\s*\(([^()]*returnStatus\s*:\s*true[^()]*)\)")


def _closing(text: str, open_at: int) -> int:
    """The index just past the brace that closes the one at ``open_at``."""
    depth = 0
    for i in range(open_at, len(text)):
        if text[i] == "{":
            depth += 1
        elif text[i] == "}":
            depth -= 1
            if depth == 0:
                return i + 1
    return len(text)


def _absorbed(text: str) -> dict[str, str]:
    """Check commands of a scripted pipeline whose failure cannot fail the build -> the wrapper
    that absorbs it."""
    out: dict[str, str] = {}
    for m in _ABSORBING.finditer(text):
        end = _closing(text, m.end() - 1)
        body = text[m.end() : end - 1]
        head = m.group(0).split("(")[0].split("{")[0].strip()
        if head == "catchError" and not re.search(
            r"buildResult\s*:\s*(['\"](SUCCESS|UNSTABLE)['\"]|null)", m.group(1) or ""
        ):
            continue  # catchError's default still fails the build
        if head == "try":
            tail = re.match(r"\s*catch\s*\([^)]*\)\s*\{", text[end:])
            if tail is None:
                continue  # try/finally: the failure still propagates
            handler_end = _closing(text, end + tail.end() - 1)
            if _FAILS_BUILD.search(text[end + tail.end() : handler_end]):
                continue
        for line in body.split("\n"):
            if _is_check_text(line):
                out.setdefault(re.sub(r"\s+", " ", line.strip()), head)
    for m in _STATUS_RETURNED.finditer(text):
        if _is_check_text(m.group(1)):
            after = text[m.end() : m.end() + 300]
            if not _FAILS_BUILD.search(after):
                out.setdefault(re.sub(r"\s+", " ", m.group(0).strip()), "returnStatus: true")
    return out


def _absorbing_wrappers(before: str, after: str, path: str) -> list[TestDelta]:
    """Checks newly placed in a block that absorbs their failure (Jenkins ``catchError`` with
    ``buildResult: 'SUCCESS'``, ``warnError``, ``try`` without a failing ``catch``, ``sh`` with
    ``returnStatus: true`` and no check of the status)."""
    old = _absorbed(before)
    out = []
    for line, how in _absorbed(after).items():
        if line in old:
            continue
        out.append(
            TestDelta(
                "ci-failure-allowed",
                "high",
                f"{path}: {line!r} now runs inside {how}, so its failure no longer fails the build",
                after=line,
                permit="ci",
                subjects={path, how},
                extra={"wrapper": how},
            )
        )
        break
    return out


def compare_ci(before: str, after: str, path: str) -> list[TestDelta]:
    """How a CI config stops gating on its checks (a run narrowed in one place while the config
    still runs the same tool in full elsewhere loses nothing)."""
    out = _compare_ci(before, after, path)
    if not any(d.detector == "ci-failure-allowed" for d in out):
        out += _absorbing_wrappers(before, after, path)
    return [
        d
        for d in out
        if not (
            (d.detector == "check-narrowed" and _runs_in_full(after, d.after))
            or (d.detector == "ci-check-removed" and _runs_in_full(after, d.before))
        )
    ]


_PHASES = frozenset(
    {"test", "package", "verify", "install", "deploy", "build", "check", "run", "integration-test"}
)


def _scope(argv: list[str]) -> set[str]:
    """What a check command is pointed at (paths, packages, node ids); empty: everything."""
    return {
        a
        for a in argv[1:]
        if not a.startswith("-") and a not in _PHASES and re.search(r"[/.:]", a) and a != "./..."
    }


def _runs_in_full(config: str, line: str | None) -> bool:
    """Whether ``config`` still runs the check of ``line`` (a narrowed or removed run) in full
    somewhere else: the same tool, nothing skipped, masked or selected, over at least the same
    scope. Then the change loses nothing (a release job that skips the tests a test job ran)."""
    if not line:
        return False
    target = _yaml_command(line)
    runs = check_runs(target)
    if not runs:
        return False
    for other in config.split("\n"):
        cmd = _yaml_command(other)
        if not cmd or cmd == target:
            continue
        for run in check_runs(cmd):
            if run.masked or run.narrowed or _selected(run.cmd.argv):
                continue
            for mine in runs:
                scope = _scope(run.cmd.argv)
                if run.cmd.name == mine.cmd.name and (not scope or _scope(mine.cmd.argv) <= scope):
                    return True
    return False


def _needs(job: Any) -> set[str]:
    needs = job.get("needs") if isinstance(job, dict) else None
    if isinstance(needs, str):
        return {needs}
    if isinstance(needs, list):
        return {n if isinstance(n, str) else str(n.get("job", "")) for n in needs if n}
    return set()


def _needs_dropped(b_jobs: dict[str, Any], a_jobs: dict[str, Any], path: str) -> list[TestDelta]:
    """A job that waited for a job running checks no longer does (``needs: [test]`` removed from
    a release job): it runs, and ships, whether or not the checks pass."""
    out: list[TestDelta] = []
    for name, job in a_jobs.items():
        old = b_jobs.get(name)
        if old is None:
            continue
        for gone in sorted(_needs(old) - _needs(job)):
            checker = b_jobs.get(gone)
            if checker is None or not _job_checks(checker):
                continue
            out.append(
                TestDelta(
                    "ci-check-disabled",
                    "high",
                    f"{path}: job {name!r} no longer waits for {gone!r}, which runs the checks",
                    before=f"{name}: needs {sorted(_needs(old))}",
                    after=f"{name}: needs {sorted(_needs(job))}",
                    permit="ci",
                    subjects={name, gone},
                )
            )
    return out


def _compare_ci(before: str, after: str, path: str) -> list[TestDelta]:
    try:
        b_data, a_data = yaml.safe_load(before), yaml.safe_load(after)
    except yaml.YAMLError:
        b_data = a_data = None
    if not isinstance(b_data, (dict, list)) or not isinstance(a_data, (dict, list)):
        blocked = []
        if isinstance(a_data, dict) and not before.strip():
            # rewritten unseen: a trigger whose filters exclude everything says enough alone
            blocked = [
                d for d in _trigger_changes({"on": ["push"]}, a_data) if "ignore" in d.message
            ]
        return blocked + _compare_ci_text(before, after, path)
    out: list[TestDelta] = []
    b_jobs, a_jobs = _jobs(b_data), _jobs(a_data)
    if not b_jobs or not a_jobs:
        return _compare_ci_text(before, after, path)
    out += _needs_dropped(b_jobs, a_jobs, path)
    a_checks_all = {c for j in a_jobs.values() for c in _job_checks(j)}
    for name, job in b_jobs.items():
        checks = _job_checks(job)
        if not checks:
            # (a job whose command is no known check still decides by its status)
            timed = [c for c in _commands_of(a_jobs.get(name)) if _time_limit_passes(c)]
            out += _command_changes([], timed, f"CI job {name!r}", {name})
            continue
        subjects = {name}
        if name not in a_jobs:
            if all(c in a_checks_all for c in checks):
                continue
            out.append(
                TestDelta(
                    "ci-check-removed",
                    "high",
                    f"CI job {name!r}, which ran {checks[0]!r}, was removed",
                    before=f"{name}: {checks[0]}",
                    after=None,
                    permit="ci",
                    subjects=subjects,
                )
            )
            continue
        new = a_jobs[name]
        new_checks = _job_checks(new)
        lost = _lost_checks(checks, new_checks)
        if lost:
            what = f"CI job {name!r} no longer runs {lost[0]!r}"
            out.append(_checks_removed(what, lost[:1], new_checks, subjects, "ci-check-removed"))
        for flag in [k for k in (new if isinstance(new, dict) else {}) if _tolerant(k, new[k])]:
            if not (isinstance(job, dict) and flag in job and _tolerant(flag, job[flag])):
                out.append(
                    TestDelta(
                        "ci-failure-allowed",
                        "high",
                        f"CI job {name!r} may now fail without failing CI ({flag}: {new[flag]})",
                        after=f"{name}: {flag}: {new[flag]}",
                        permit="ci",
                        subjects=subjects,
                        extra={"runs": new_checks},
                    )
                )
        for step in _steps(new):
            if not isinstance(step, dict):
                continue
            run = step.get("run") or step.get("script")
            run = run or step.get("command") or step.get("commands")
            if isinstance(run, list):
                run = "\n".join(str(r) for r in run)
            flags = [k for k in step if _tolerant(k, step[k])]
            if isinstance(run, str) and _is_check_text(run) and flags:
                old_steps = [
                    s
                    for s in _steps(job)
                    if isinstance(s, dict)
                    and (s.get("run") or s.get("script") or s.get("command") or s.get("commands"))
                    in (run, run.split("\n"))
                ]
                if not any(_tolerant(flags[0], s.get(flags[0])) for s in old_steps):
                    out.append(
                        TestDelta(
                            "ci-failure-allowed",
                            "high",
                            f"the step {run!r} of CI job {name!r} may now fail",
                            after=f"run: {run}\n{flags[0]}: {step[flags[0]]}",
                            permit="ci",
                            subjects=subjects,
                            extra={"runs": run.split("\n")},
                        )
                    )
        a_events = _triggers(a_data) if isinstance(a_data, dict) else None
        b_events = _triggers(b_data) if isinstance(b_data, dict) else None
        why = _disabled(new, set(a_events) if a_events is not None else None)
        if why and not _disabled(job, set(b_events) if b_events is not None else None):
            out.append(
                TestDelta(
                    "ci-check-disabled",
                    "high",
                    f"CI job {name!r} is switched off ({why})",
                    after=why,
                    permit="ci",
                    subjects=subjects,
                )
            )
        out += _job_narrowed(name, job, new, b_events, a_events, subjects)
        out += _steps_stop_failing(job, new, name, path, b_data, a_data, subjects)
        env_new = _flag(new, "env", "variables") or {}
        env_old = _flag(job, "env", "variables") or {}
        for step in _steps(new):
            if isinstance(step, dict) and isinstance(step.get("env"), dict):
                env_new = {**env_new, **step["env"]} if isinstance(env_new, dict) else step["env"]
        for step in _steps(job):
            if isinstance(step, dict) and isinstance(step.get("env"), dict):
                env_old = {**env_old, **step["env"]} if isinstance(env_old, dict) else step["env"]
        if isinstance(env_new, dict):
            for key, value in env_new.items():
                if (isinstance(env_old, dict) and key in env_old) or not _DISABLE_ENV.match(
                    str(key)
                ):
                    if (
                        key == "PYTEST_ADDOPTS"
                        and narrowing([], {key: str(value)})
                        and not (isinstance(env_old, dict) and env_old.get(key) == value)
                    ):
                        out.append(
                            TestDelta(
                                "ci-check-narrowed",
                                "high",
                                f"CI job {name!r} sets PYTEST_ADDOPTS={value!r}",
                                after=f"{key}: {value}",
                                permit="skip",
                                subjects=subjects,
                            )
                        )
                    continue
                out.append(
                    TestDelta(
                        "ci-check-disabled",
                        "high",
                        f"CI job {name!r} sets {key}={value!r}, which switches checks off",
                        after=f"{key}: {value}",
                        permit="ci",
                        subjects=subjects,
                    )
                )
        # GitHub runs a step without ``shell:`` as ``bash -e {0}``: no pipefail
        gh_pipes = ".github/" in path and not re.search(r"(?m)^[\s-]*shell:\s*bash\s*$", after)
        timed = [c for c in _commands_of(new) if c not in new_checks and _time_limit_passes(c)]
        out += _command_changes(
            checks, new_checks + timed, f"CI job {name!r}", subjects, pipes=gh_pipes
        )
    if isinstance(a_data, dict) and isinstance(b_data, dict):
        out += _workflow_filters(b_data, a_data)
        out += _trigger_changes(b_data, a_data)
        if not any(d.detector == "ci-check-disabled" for d in out):
            out += _filters_code(b_data, a_data)
    found = {d.detector for d in out}
    out += [d for d in _compare_ci_text(before, after, path) if d.detector not in found]
    return out


def _default_shell(data: Any, job: Any) -> str | None:
    """The shell a workflow or job names for its steps (GitHub's ``defaults: run: shell:``)."""
    for holder in (job, data):
        defaults = _flag(holder, "defaults") if isinstance(holder, dict) else None
        run = _flag(defaults, "run") if isinstance(defaults, dict) else None
        shell = _flag(run, "shell") if isinstance(run, dict) else None
        if isinstance(shell, str):
            return shell
    return None


def _step_script(step: Any, default: str | None) -> tuple[str, str | None, str] | None:
    """(script, shell, key) of a step that runs a shell script: GitHub's ``run:`` with its
    ``shell:``, CircleCI's ``run:`` (a string or ``command:`` with ``shell:``); the key pairs a
    step before and after a change (its name, else its script's first line)."""
    if not isinstance(step, dict):
        return None
    run = step.get("run")
    shell = step.get("shell", default)
    name = step.get("name")
    if isinstance(run, dict):  # CircleCI
        name = run.get("name", name)
        shell = run.get("shell", shell)
        run = run.get("command")
    if not isinstance(run, str):
        return None
    key = str(name) if name else run.strip().split("\n", 1)[0]
    return run, shell if isinstance(shell, str) else None, key


def _stops_at_failure(shell: str | None, circle: bool) -> bool | None:
    """Whether a step's shell stops at its script's first failing command (errexit): GitHub's
    default and ``bash``/``sh`` (``bash -e``, ``-eo pipefail``), CircleCI's default (``/bin/bash
    -eo pipefail``); a shell written out (``bash {0}``, ``/bin/bash``) only with ``-e``. None:
    a shell that is not a POSIX one (pwsh, python, cmd)."""
    if shell is None:
        return True
    words = shell.split()
    prog = words[0].rsplit("/", 1)[-1] if words else ""
    if prog not in ("bash", "sh", "zsh", "dash", "ksh"):
        return None
    if not circle and len(words) == 1:
        return True  # GitHub's ``shell: bash`` and ``shell: sh`` add -e themselves
    flags = " ".join(w for w in words[1:] if w.startswith("-"))
    return bool(re.search(r"(^|\s)-\w*e|-o\s*errexit", flags + " " + " ".join(words[1:])))


def _masked_checks(script: str, errexit: bool) -> list[str]:
    """The check lines of a script whose failure no longer fails it: not its last command, run
    while errexit is off (the shell's setting, then ``set +e``/``set -e`` lines), with no ``||
    exit``/``&&`` of their own and no recorded status the script exits with."""
    lines = [ln for ln in script.split("\n") if ln.strip() and not ln.strip().startswith("#")]
    if _status_kept(script):
        return []
    out = []
    on = errexit
    for i, ln in enumerate(lines):
        if re.match(r"\s*set\s+\+\w*e", ln):
            on = False
        elif re.match(r"\s*set\s+-\w*e|\s*set\s+-o\s+errexit", ln):
            on = True
        if on or i == len(lines) - 1 or not _is_check_text(ln):
            continue
        if re.search(r"\|\|\s*exit\s+[1-9]|&&\s*\\?$|\|\|\s*return\s+[1-9]", ln):
            continue
        out.append(ln.strip())
    return out


def _steps_stop_failing(
    job: Any,
    new: Any,
    name: str,
    path: str,
    b_data: Any,
    a_data: Any,
    subjects: set[str],
) -> list[TestDelta]:
    """A job step whose script stopped at its first failing command and no longer does (GitHub's
    ``shell: bash {0}``, CircleCI's ``shell: /bin/bash``, a ``set +e`` put in), so a check on
    any line but the last fails nothing: only the last command's status counts."""
    circle = ".circleci/" in path
    before: dict[str, tuple[str, str | None]] = {}
    for step in _steps(job):
        got = _step_script(step, _default_shell(b_data, job))
        if got is not None:
            before[got[2]] = (got[0], got[1])
    out: list[TestDelta] = []
    for step in _steps(new):
        got = _step_script(step, _default_shell(a_data, new))
        if got is None or got[2] not in before:
            continue
        script, shell, key = got
        old_script, old_shell = before[key]
        old_on, new_on = _stops_at_failure(old_shell, circle), _stops_at_failure(shell, circle)
        if old_on is None or new_on is None:
            continue
        masked = set(_masked_checks(script, new_on)) - set(_masked_checks(old_script, old_on))
        if not masked:
            continue
        line = sorted(masked)[0]
        why = f"shell: {shell}" if old_on and not new_on else "set +e"
        out.append(
            TestDelta(
                "runner-failure-masked",
                "critical",
                f"CI job {name!r}: the step {key!r} no longer stops at a failing command ({why}), "
                f"so {line!r} failing fails nothing: only the script's last command counts",
                before=f"shell: {old_shell or '(default)'}\n{old_script.strip()[:200]}",
                after=f"shell: {shell or '(default)'}\n{script.strip()[:200]}",
                permit="ci",
                subjects=subjects,
            )
        )
    return out


_AUTOMATIC = frozenset({"push", "pull_request", "pull_request_target", "merge_group"})


def _triggers(data: dict[str, Any]) -> dict[str, Any] | None:
    """A GitHub workflow's ``on:`` (YAML reads the bare key ``on`` as True), as event -> filters."""
    on = data.get("on", data.get(True))  # type: ignore[call-overload]
    if on is None:
        return None
    if isinstance(on, str):
        return {on: None}
    if isinstance(on, list):
        return {str(e): None for e in on}
    if isinstance(on, dict):
        return {str(k): v for k, v in on.items()}
    return None


def _job_events(job: Any, events: dict[str, Any] | None) -> set[str]:
    """The automatic events (push, pull_request, ...) a GitHub job runs on: the workflow's, less
    those its ``if:`` leaves out (``github.event_name == 'push'`` keeps one, ``!=`` drops one)."""
    if events is None:
        return set()
    out = {e for e in events if e in _AUTOMATIC and _never_matches(events[e]) is None}
    cond = str(_flag(job, "if") or "")
    if cond and "||" not in cond and not re.search(r"\bor\b", cond):
        wanted = {m.group(1) for m in _EVENT_IS.finditer(cond)}
        if len(wanted) == 1:
            out &= wanted
        out -= {m.group(1) for m in _EVENT_ISNT.finditer(cond)}
    return out


_AUTHOR_TEXT = re.compile(
    r"github\.event\.(?:head_commit\.message|commits\b[^)]*\.message|pull_request\.(?:title|body|"
    r"labels\b[^)]*)|issue\.(?:title|body))|github\.(?:head_ref|ref_name)\b|"
    r"\$\{?CI_COMMIT_(?:MESSAGE|TITLE|DESCRIPTION|BRANCH|REF_NAME)\b|\$\{?CI_MERGE_REQUEST_(?:TITLE|"
    r"LABELS|DESCRIPTION)\b"
)
"""Text the author of a change writes (commit message, pull request title, body or labels, the
branch name): a job conditioned on it runs or not as the author chooses."""
_EVENT_ISNT = re.compile(r"github\.event_name\s*!=\s*['\"]([\w-]+)['\"]")


def _matrix(job: Any) -> dict[str, list[str]]:
    """A job's build matrix: each dimension's values (``os: [ubuntu, windows]``)."""
    strategy = _flag(job, "strategy")
    matrix = _flag(strategy, "matrix") if isinstance(strategy, dict) else _flag(job, "matrix")
    if not isinstance(matrix, dict):
        return {}
    return {
        str(k): [str(v) for v in values]
        for k, values in matrix.items()
        if isinstance(values, list) and k not in ("include", "exclude")
    }


def _job_narrowed(
    name: str,
    job: Any,
    new: Any,
    b_events: dict[str, Any] | None,
    a_events: dict[str, Any] | None,
    subjects: set[str],
) -> list[TestDelta]:
    """A CI job that runs its checks on fewer events (a new ``if:``) or fewer configurations
    (values taken out of its matrix, or excluded from it)."""
    out = []
    # the workflow's own triggers are judged where they are: here only the job's condition
    lost = _job_events(job, a_events) - _job_events(new, a_events)
    if lost and _job_events(job, b_events):
        out.append(
            TestDelta(
                "ci-check-narrowed",
                "high",
                f"CI job {name!r} no longer runs on {', '.join(sorted(lost))} "
                f"(if: {_flag(new, 'if')})",
                after=f"if: {_flag(new, 'if')}",
                permit="skip|ci",
                subjects=subjects | lost,
            )
        )
    switch = _AUTHOR_TEXT.search(str(_flag(new, "if") or ""))
    if switch and not _AUTHOR_TEXT.search(str(_flag(job, "if") or "")):
        out.append(
            TestDelta(
                "ci-check-narrowed",
                "high",
                f"CI job {name!r} now depends on what the author writes ({switch.group(0)}): "
                f"a switch that skips its checks (if: {_flag(new, 'if')})",
                after=f"if: {_flag(new, 'if')}",
                permit="skip|ci",
                subjects=subjects,
            )
        )
    mb, ma = _matrix(job), _matrix(new)
    for key, values in mb.items():
        gone = [v for v in values if key in ma and v not in ma[key]]
        excluded = _flag(_flag(new, "strategy"), "matrix")
        excl = excluded.get("exclude") if isinstance(excluded, dict) else None
        old_excl = _flag(_flag(job, "strategy"), "matrix")
        old_excl = old_excl.get("exclude") if isinstance(old_excl, dict) else None
        if isinstance(excl, list):
            gone += [
                str(e[key])
                for e in excl
                if isinstance(e, dict)
                and key in e
                and len(e) == 1
                and not (isinstance(old_excl, list) and e in old_excl)
            ]
        if gone:
            out.append(
                TestDelta(
                    "ci-check-narrowed",
                    "high",
                    f"CI job {name!r} no longer runs its checks for {key} "
                    f"{', '.join(gone)} (its matrix)",
                    before=f"{key}: {values}",
                    after=f"{key}: {ma.get(key)}",
                    permit="remove|ci|gate",
                    subjects=subjects | set(gone) | {key},
                )
            )
    return out


_CODE_PATHS = re.compile(
    r"(?i)^(?!.*(docs?|\.md|\.rst|\.txt|readme|changelog|license|\.png|\.svg|\.jpe?g|"
    r"\.github/ISSUE|examples?|\.gitignore|mkdocs|\.editorconfig)).+"
)
"""A path filter that takes in code or tests (not documentation, images or licences)."""


def _filters_code(b_data: dict[str, Any], a_data: dict[str, Any]) -> list[TestDelta]:
    """A workflow that no longer runs for changes to code or tests: ``paths-ignore`` that takes
    in code, or ``paths`` that leaves it out."""
    tb, ta = _triggers(b_data), _triggers(a_data)
    if tb is None or ta is None:
        return []
    out = []
    for event, filters in ta.items():
        if event not in _AUTOMATIC or not isinstance(filters, dict):
            continue
        prior = tb.get(event)
        old: dict[str, Any] = prior if isinstance(prior, dict) else {}
        ignored = [
            str(p)
            for p in filters.get("paths-ignore") or []
            if _CODE_PATHS.match(str(p)) and str(p) not in (old.get("paths-ignore") or [])
        ]
        only = filters.get("paths")
        code = isinstance(only, list) and any(_CODE_PATHS.match(str(p)) for p in only)
        if isinstance(only, list) and only and not old.get("paths") and not code:
            ignored.append(f"everything but {', '.join(map(str, only))}")
        if ignored:
            out.append(
                TestDelta(
                    "ci-check-narrowed",
                    "high",
                    f"the workflow no longer runs on {event} for changes to {', '.join(ignored)}",
                    before=f"{event}: {old or None}",
                    after=f"{event}: {filters}",
                    permit="skip|ci",
                    subjects={"paths", "paths-ignore", event, *ignored},
                )
            )
    return out


def _never_matches(filters: Any) -> str | None:
    """A filter under an event that excludes everything (``paths-ignore: ['**']``,
    ``branches: []``)."""
    if not isinstance(filters, dict):
        return None
    for key in ("paths-ignore", "branches-ignore", "tags-ignore"):
        values = filters.get(key)
        if isinstance(values, list) and any(str(v).strip() in ("**", "*", "**/*") for v in values):
            return f"{key}: {values}"
    for key in ("branches", "paths"):
        if key in filters and filters[key] in ([], "", None):
            return f"{key}: {filters[key]!r}"
    return None


def _trigger_changes(b_data: dict[str, Any], a_data: dict[str, Any]) -> list[TestDelta]:
    """A workflow that ran on pushes or pull requests and now runs only by hand (or never)."""
    tb, ta = _triggers(b_data), _triggers(a_data)
    if tb is None or ta is None:
        return []
    auto_b = {e for e in tb if e in _AUTOMATIC and _never_matches(tb[e]) is None}
    auto_a = {e for e in ta if e in _AUTOMATIC and _never_matches(ta[e]) is None}
    blocked = [
        f"{e}: {_never_matches(ta[e])}"
        for e in ta
        if e in _AUTOMATIC and _never_matches(ta[e]) and not _never_matches(tb.get(e))
    ]
    if not auto_b or (auto_a and not blocked):
        return []
    return [
        TestDelta(
            "ci-check-disabled",
            "high",
            "the workflow no longer runs on "
            + ", ".join(sorted(auto_b - auto_a))
            + (
                f" ({'; '.join(blocked)})"
                if blocked
                else f" (now on: {', '.join(ta) or 'nothing'})"
            ),
            before=f"on: {sorted(tb)}",
            after=f"on: {sorted(ta)}",
            permit="ci",
            subjects={"on", "trigger", "workflow", *auto_b},
        )
    ]


def _trigger_branches(data: dict[str, Any]) -> dict[str, set[str] | None]:
    """GitHub workflow: the push / pull_request events and the branches each runs for (None:
    every branch). ``on`` reads as True in YAML 1.1."""
    on = data.get("on", data.get(True))  # type: ignore[call-overload]
    events: dict[str, Any] = {}
    if isinstance(on, str):
        events = {on: None}
    elif isinstance(on, list):
        events = {str(e): None for e in on}
    elif isinstance(on, dict):
        events = {str(k): v for k, v in on.items()}
    out: dict[str, set[str] | None] = {}
    for event in ("push", "pull_request", "pull_request_target"):
        if event not in events:
            continue
        spec = events[event]
        branches = spec.get("branches") if isinstance(spec, dict) else None
        if isinstance(branches, str):
            branches = [branches]
        out[event] = {str(b) for b in branches} if isinstance(branches, list) else None
    return out


def _trigger_loss(b_data: dict[str, Any], a_data: dict[str, Any]) -> list[TestDelta]:
    """A workflow that ran on pushes or pull requests to some branches no longer runs on any of
    them (events kept, branch filters moved to branches that are not there before)."""
    before, after = _trigger_branches(b_data), _trigger_branches(a_data)
    out = []
    for event, branches in before.items():
        if event not in after:
            continue  # a removed event is judged where the triggers are
        new = after[event]
        if new is None or (branches is None and not new):
            continue
        lost = branches is not None and not (branches & new)
        if branches is None:
            lost = not any(b in ("main", "master", "*", "**", "develop", "trunk") for b in new)
        if lost:
            was = "every branch" if branches is None else ", ".join(sorted(branches))
            out.append(
                TestDelta(
                    "ci-check-disabled",
                    "high",
                    f"the workflow's {event} trigger now runs only for {sorted(new)}, none of "
                    f"the branches it ran for ({was})",
                    after=f"{event}: branches: {sorted(new)}",
                    permit="ci",
                )
            )
    return out


def _workflow_filters(b_data: dict[str, Any], a_data: dict[str, Any]) -> list[TestDelta]:
    out = _trigger_loss(b_data, a_data)
    bw, aw = b_data.get("workflows"), a_data.get("workflows")
    if isinstance(bw, dict) and isinstance(aw, dict):
        text_b, text_a = yaml.safe_dump(bw), yaml.safe_dump(aw)
        if re.search(r"only:\s*\S*(never|nonexist|disabled)", text_a) and not re.search(
            r"never|nonexist", text_b
        ):
            out.append(
                TestDelta(
                    "ci-check-disabled",
                    "high",
                    "the CI workflow filters its jobs to a branch that never runs",
                    after=text_a[:300],
                    permit="ci",
                )
            )
    return out


def _same_check(a: str, b: str) -> bool:
    def norm(s: str) -> str:
        return re.sub(r"\s+", " ", s).strip()

    return norm(a) == norm(b)


def _extended(check: str, runs: list[str]) -> list[str]:
    """Those of ``runs`` that are ``check`` with words added (``pytest -q`` -> ``pytest -q
    --strict-markers``): the same program on the same words, still run. What the added words
    do (a narrowing selection, a masked status) is judged where the recipe holding the command
    is compared (:func:`_command_changes`)."""
    old = _words_of(check.lstrip("@-"))
    out = []
    for run in runs if old else []:
        new = _words_of(run.lstrip("@-"))
        if len(new) <= len(old) or new[0] != old[0]:
            continue
        rest = iter(new)
        if all(any(w == n for n in rest) for w in old):
            out.append(run)
    return out


def _options_only(check: str, runs: list[str]) -> bool:
    """Whether every one of ``runs`` adds only options to ``check``'s words (each added word
    starts with ``-`` and is not followed by a value of its own)."""
    old = _words_of(check.lstrip("@-"))
    for run in runs:
        added = list(_words_of(run.lstrip("@-")))
        for w in old:
            added.remove(w)
        if not added or not all(w.startswith("-") for w in added):
            return False
    return True


def _words_of(command: str) -> list[str]:
    try:
        return shlex.split(command)
    except ValueError:
        return command.split()


def _lost_checks(old: list[str], new: list[str], prefix: str = "") -> list[str]:
    """The check commands of ``old`` that ``new`` no longer runs, spacing aside (``prefix``:
    leading characters that do not change the check, make's ``@`` and ``-``)."""
    return [x for x in old if not any(_same_check(x.lstrip(prefix), y.lstrip(prefix)) for y in new)]


def _checks_removed(
    what: str,
    lost: list[str],
    kept: list[str] | None,
    subjects: set[str],
    detector: str = "runner-check-removed",
) -> TestDelta:
    """A CI job, script or make target that no longer runs the checks ``lost`` (``kept``: the
    checks it still runs)."""
    return TestDelta(
        detector,
        "high",
        what,
        before="\n".join(lost),
        after="\n".join(kept or []) or None,
        permit="ci",
        subjects=subjects,
    )


def _truthy(value: Any) -> bool:
    return value is True or (
        isinstance(value, str) and value.strip().lower() in ("true", "yes", "1")
    )


def _command_changes(
    before: list[str], after: list[str], where: str, subjects: set[str], *, pipes: bool = False
) -> list[TestDelta]:
    """Masking and narrowing added to check commands (``pipes``: see
    :func:`~plasma.auditor.agent.checks.check_runs`)."""
    out = []
    b_masked = {r.cmd.text for line in before for r in check_runs(line, pipes=pipes) if r.masked}
    b_narrow = {n for line in before for r in check_runs(line) for n in r.narrowed}
    shown = "\n".join(before[:3]) or None

    b_paths = {
        (key, p) for line in before for r in check_runs(line) for key, p in _run_paths(r.cmd.argv)
    }
    a_runs = [(line, r) for line in after for r in check_runs(line, pipes=pipes)]
    a_paths = {(key, p) for _, r in a_runs for key, p in _run_paths(r.cmd.argv)}

    def delta(
        line: str,
        detector: str,
        severity: Severity,
        what: str,
        permit: str,
        words: frozenset[str] | set[str] = frozenset(),
        **extra: Any,
    ) -> None:
        out.append(
            TestDelta(
                detector,
                severity,
                f"{where}: {what}",
                before=shown,
                after=line,
                permit=permit,
                subjects=subjects | words,
                extra=extra,
            )
        )

    for line, run in a_runs:
        if run.masked and run.cmd.text not in b_masked:
            masked = f"the failure of {run.cmd.text!r} is thrown away ({run.masked})"
            delta(line, "check-failure-masked", "critical", masked, "ci")
        new = [n for n in run.narrowed if n not in b_narrow]
        if before and not new:
            chosen = _selected(run.cmd.argv)
            if chosen and not any(_selected(r.cmd.argv) for x in before for r in check_runs(x)):
                # a runner that ran the whole suite now runs only the tests it names
                new = [chosen]
        if not new:
            new = _paths_narrowed(_run_paths(run.cmd.argv), b_paths, a_paths)
        if new:
            narrowed = f"{run.cmd.text!r} no longer runs every test ({', '.join(new)})"
            delta(line, "check-narrowed", "high", narrowed, "skip", _words(new), narrowing=new)
    return out


_TEST_PATH = re.compile(r"/|^(tests?|specs?|__tests__|testing)$|\.\.\.$|[._-](test|spec)\.\w+$")


_SUBCOMMANDS = frozenset(
    {"go", "cargo", "npm", "yarn", "pnpm", "bun", "deno", "dotnet", "mix", "swift", "dart"}
)
"""Tools whose first word names what they do (``go test``: not a path named ``test``)."""


def _run_paths(argv: list[str]) -> list[tuple[str, str]]:
    """The test paths a runner is given, each with the runner's words before them
    (``pytest -q tests/unit`` -> ``[("pytest", "tests/unit")]``)."""
    key: list[str] = []
    out = []
    for i, w in enumerate(argv):
        if w.startswith("-") or "=" in w:
            continue
        subcommand = i == 1 and posixpath.basename(argv[0]) in _SUBCOMMANDS
        if _TEST_PATH.search(w) and not subcommand and not w.startswith(("http:", "https:")):
            out.append((" ".join(key[:3]), w))
        elif not out:
            key.append(posixpath.basename(w))
    return out


def _under(path: str, root: str) -> bool:
    """Whether a test path lies inside another (``tests/unit`` in ``tests``, ``./api/...`` in
    ``./...``)."""
    p, r = path.removesuffix("...").rstrip("/"), root.removesuffix("...").rstrip("/")
    return p == r or not r or r == "." or p.startswith(r + "/")


def _paths_narrowed(
    paths: list[tuple[str, str]], before: set[tuple[str, str]], after: set[tuple[str, str]]
) -> list[str]:
    """A test path the same runner ran before that now runs only in part: the run is given one
    path inside it and no run of the runner still covers it (``pytest tests`` -> ``pytest
    tests/unit``; a split into several parts is not a narrowing)."""
    out = []
    for key, root in sorted(before):
        if (key, root) in after or any(k == key and _under(root, p) for k, p in after):
            continue
        inside = [p for k, p in paths if k == key and _under(p, root)]
        parts = {p for k, p in after if k == key and _under(p, root)}
        if inside and len(parts) == 1:
            out.append(f"{root} -> {inside[0]}")
    return out


def _selected(argv: list[str]) -> str | None:
    """A positive selection of tests (``go test -run X``, ``pytest -k X``, ``jest -t X``,
    ``cargo test NAME``); None when the command runs everything."""
    for i, w in enumerate(argv):
        nxt = argv[i + 1] if i + 1 < len(argv) else ""
        if w in ("-run", "-k", "-t", "--testNamePattern", "--grep", "-g") and nxt:
            return f"{w} {nxt}"
        if w.startswith(("-run=", "-k=", "--testNamePattern=", "--grep=")):
            return w
    return None


_YAML_CMD = re.compile(
    r"^\s*(?:-\s+)?(?:(?:run|script|command|cmd|entry)\s*:\s*)?(?:-\s+)?[|>]?\s*(.*?)\s*$"
)


def _yaml_command(line: str) -> str:
    """The shell command of a CI config line (``- run: pytest -q`` -> ``pytest -q``)."""
    m = _YAML_CMD.match(line)
    text = m.group(1) if m else line
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        text = text[1:-1]
    return text


def _guards_check(lines: list[str], flag: str) -> tuple[bool, str | None]:
    """Whether a flag line belongs to a step or job that runs a check (the nearest step head
    above it, or the job when it sits at job level), and the job's name."""
    at = lines.index(flag)
    indent = len(flag) - len(flag.lstrip())
    guards: bool | None = None
    for ln in reversed(lines[:at]):
        s = ln.strip()
        own = len(ln) - len(ln.lstrip())
        if (
            guards is None
            and re.match(r"-?\s*(run|uses|script|name|task|bash|cmd)\s*:", s)
            and own <= indent
        ):
            if s.startswith(("uses", "- uses", "task", "- task")):
                guards = bool(re.search(r"test|lint|check|mypy|ruff|pre-commit|type", s))
            elif s.startswith(
                ("run", "- run", "script", "- script", "bash", "- bash", "- cmd", "cmd")
            ):
                guards = _is_check_text(_yaml_command(s))
            continue
        if own < indent and re.match(r"[\w.-]+\s*:\s*$", s):
            job = s.rstrip(":").strip()
            if job in ("steps", "script", "jobs"):
                continue
            return (True if guards is None else guards), job
    return (True if guards is None else guards), None


def _compare_ci_text(before: str, after: str, path: str) -> list[TestDelta]:
    """CI fragments that do not parse as YAML: added flags and lost check lines."""
    out = []
    b_lines = [_yaml_command(ln) if _is_check_text(ln) else ln for ln in before.split("\n")]
    a_lines = [
        _yaml_command(ln) if _is_check_text(ln) or _time_limit_passes(ln) else ln
        for ln in after.split("\n")
    ]
    added = [ln for ln in a_lines if ln not in b_lines]
    removed = [ln for ln in b_lines if ln not in a_lines]
    # the step a flag belongs to is found in the lines as written (``- run: pytest``), not in
    # their commands as compared (``pytest``, which no longer reads as a step's head)
    raw = after.split("\n")
    for ln in added:
        s = ln.strip()
        if re.match(
            _FLAG_KEYS.pattern[1:-1] + r"\s*:\s*(true|yes|'true'|\"true\")", s
        ) or _TOLERANT_VALUE.match(s):
            at = a_lines.index(ln)
            guards, job = _guards_check(raw, raw[at])
            if guards:
                # the check the flag lets fail: the nearest check command above it
                above = [_yaml_command(r) for r in raw[:at] if _is_check_text(r)]
                out.append(
                    TestDelta(
                        "ci-failure-allowed",
                        "high",
                        f"a CI check{f' ({job})' if job else ''} may now fail ({s})",
                        after=s,
                        permit="ci",
                        subjects={path, *([job] if job else [])},
                        extra={"runs": above[-1:]},
                    )
                )
        elif (
            re.match(r"if\s*:\s*(false|\$\{\{\s*false)", s)
            or (s.startswith("if:") and _only_on(s[3:], None))
            or re.match(r"when\s*:\s*(never|manual)", s)
            or re.match(r"stages\s*:\s*\[\s*['\"]?manual['\"]?\s*\]\s*$", s)
            or re.match(r"only\s*:\s*\[?\s*['\"]?\S*(never|nonexist|disabled|no-such)", s)
            or (re.match(r"-?\s*when\s*:\s*(never|manual)", s))
        ):
            _, job = _guards_check(a_lines, ln)
            out.append(
                TestDelta(
                    "ci-check-disabled",
                    "high",
                    f"a CI job{f' ({job})' if job else ''} is switched off ({s})",
                    after=s,
                    permit="ci",
                    subjects={path, *([job] if job else [])},
                )
            )
    lost = [ln.strip() for ln in _lost_checks([x for x in removed if _is_check_text(x)], added)]
    if lost and not [ln for ln in added if _is_check_text(ln)]:
        what = f"CI no longer runs {lost[0]!r}"
        out.append(_checks_removed(what, lost, None, {path}, "ci-check-removed"))
    out += _command_changes(
        [ln for ln in removed if _is_check_text(ln)],
        [ln for ln in added if _is_check_text(ln) or _time_limit_passes(ln)],
        "CI",
        {path},
    )
    return out


# ------------------------------------------------------------------------------- gates

_NUM = r"[\"']?(\d+(?:\.\d+)?)"
_THRESHOLDS = [
    re.compile(r"(?i)\b(fail[_-]under)[\"']?\s*[=:]\s*" + _NUM),
    re.compile(r"(--cov-fail-under|--fail-under)[= ]" + _NUM),
    re.compile(r"(?i)\b(lines|branches|functions|statements)[\"']?\s*:\s*" + _NUM),
    re.compile(r"(?i)\b(target)\s*:\s*(\d+(?:\.\d+)?)%"),
    re.compile(
        r"(?i)\b(min[_-]?coverage|coverage[_-]?threshold|minimum_coverage)[\"']?\s*[=:]\s*" + _NUM
    ),  # mutation testing: Stryker's thresholds.break, Infection's minMsi / --min-msi, PIT's
    # mutationThreshold and coverageThreshold (an XML element in Maven, a Gradle property)
    re.compile(r"(?i)(?<![\w-])[\"']?(break|min[_-]?(?:covered[_-]?)?msi)[\"']?\s*[=:]\s*" + _NUM),
    re.compile(r"(--min(?:-covered)?-msi)[= ]" + _NUM),
    re.compile(r"(?i)<?\b(mutationThreshold|coverageThreshold)>?\s*[=:]?\s*" + _NUM),
]
"""Floors: a lower value is a weaker gate."""
_CEILINGS = [
    re.compile(
        r"(?i)(--max-warnings|--max-(?:errors|issues|violations)|\bmax[_-]?(?:warnings|errors|"
        r"issues(?:[_-]per[_-]linter)?|violations|same[_-]issues|complexity)\b|"
        r"\bmaxWarnings\b)[\"']?\s*[=: ]\s*" + _NUM
    ),
    # codecov's status threshold: the coverage drop a status lets pass
    re.compile(r"(?i)\b(threshold)\s*:\s*(\d+(?:\.\d+)?)%"),
]
"""Ceilings: a higher value is a weaker gate (warning budgets, complexity limits)."""
_TYPE_OFF = [
    (re.compile(r"(?im)^\s*ignore_errors\s*=\s*(true|True|1)\s*$"), "ignore_errors = true"),
    (re.compile(r"(?im)^\s*strict\s*=\s*(false|False|0)\s*$"), "strict = false"),
    (
        re.compile(r"(?im)^\s*(check_untyped_defs|disallow_untyped_defs)\s*=\s*(false|False)\s*$"),
        "untyped defs allowed",
    ),
    (re.compile(r"(?im)^\s*\"?(strict|noImplicitAny)\"?\s*:\s*false"), "TypeScript strict off"),
    (re.compile(r"(?im)^\s*select\s*=\s*\[\s*\]"), "no lint rules selected"),
    (
        re.compile(r"(?im)^\s*(extend-)?ignore\s*=\s*\[?\s*[\"']?ALL[\"']?"),
        "all lint rules ignored",
    ),
    (re.compile(r"(?im)^\s*ignore_outcome\s*=\s*(true|True|1)\s*$"), "ignore_outcome = true"),
    (re.compile(r"(?im)^\s*xfail_strict\s*=\s*(false|False)\s*$"), "xfail_strict = false"),
    (re.compile(r"(?m)^\s*\"?passWithNoTests\"?\s*:\s*true"), "passWithNoTests: true"),
    (re.compile(r"(?m)^\s*(test|doctest)\s*=\s*false\s*$"), "Cargo: tests disabled"),
    (re.compile(r"(?m)^\s*harness\s*=\s*false\s*$"), "Cargo: test harness off"),
    (
        re.compile(r"(?i)<(testFailureIgnore|skipTests|maven\.test\.skip|skipITs)>\s*true\s*<"),
        "Maven: tests skipped or their failures ignored",
    ),
    (re.compile(r"(?m)^\s*ignoreFailures\s*=\s*true\b"), "Gradle: test failures ignored"),
    (
        # nextest's profile filter: what a plain ``cargo nextest run`` leaves out
        re.compile(r"(?m)^\s*default-filter\s*=\s*['\"][^'\"\n]*\bnot\b"),
        "nextest: tests left out of every run by the profile's default-filter",
    ),
    (
        re.compile(r"(?s)\b(?:tasks\.)?test\s*\{[^{}]{0,400}?\benabled\s*=\s*false"),
        "Gradle: the test task disabled",
    ),
    (
        re.compile(r"(?m)^\s*--(exclude-pattern|tag\s+~)\S*"),
        "RSpec: examples left out by the options file",
    ),
    (
        re.compile(r"(?i)<exclude>[^<]*(test|spec)[^<]*</exclude>"),
        "a test file or directory excluded from the suite",
    ),
    (
        re.compile(
            r"(?m)^\s*(commands\s*=\s*)?-\s*(pytest|py\.test|tox|mypy|ruff|flake8|nosetests|stestr|"
            r"coverage\s+(?:run|report)|(?:python[\d.]*|\{envpython\})\s+(?:-m\s+)?"
            r"(?:pytest|unittest|mypy|ruff|flake8|\S*test))\b"
        ),
        "tox: command failures ignored",
    ),
]
_STRICT_ON = re.compile(r"(?im)^\s*\"?strict\"?\s*[=:]\s*(true|True|1)")
_SELECTION = re.compile(
    r"(?im)^\s*(addopts|testpaths|python_files|python_functions|python_classes|norecursedirs|"
    r"testPathIgnorePatterns|testMatch|testRegex|exclude|include|modulePathIgnorePatterns|"
    r"roots|spec|files)\s*[=:]\s*(.*)$"
)


def _in_cargo_target(text: str, pos: int, kind: str) -> bool:
    """Whether ``pos`` of a Cargo manifest lies in a target table of ``kind`` (``[[bench]]``)."""
    headers = list(re.finditer(r"(?m)^\[\[?([^\]\n]+)\]\]?\s*$", text[:pos]))
    return bool(headers) and headers[-1].group(1).strip() == kind


def _in_new_section(text: str, pos: int, before: str) -> bool:
    """Whether ``pos`` of an INI text lies in a section (``[testenv:py313]``) that ``before``
    does not have."""
    headers = list(re.finditer(r"(?m)^\[([^\]\n]+)\]\s*$", text[:pos]))
    if not headers:
        return False
    name = headers[-1].group(1).strip()
    # (the header is in the new text and not in the old: the change wrote it, and an INI file
    # holds a section once, so the section is new, also when the change is a fragment)
    if re.search(rf"(?m)^\[{re.escape(name)}\]\s*$", before):
        return False
    # a tox section for an environment the file already lists (``env_list = py311, py312``)
    # or whose factors its generic sections serve: the environment ran before, its section is
    # new but it is no new environment
    env = name.split(":", 1)[1].strip() if name.startswith("testenv:") else ""
    listed = re.search(r"(?ms)^\s*env_?list\s*=\s*(.*?)(?=^\S|^\s*\w+\s*=|\Z)", before)
    return not (
        env and listed and re.search(rf"(?<![\w.-]){re.escape(env)}(?![\w.-])", listed.group(1))
    )


def _coverage_omits(text: str) -> list[str]:
    """Paths a coverage configuration leaves out (``omit =`` with continuation lines, or a TOML
    list)."""
    out: list[str] = []
    inside = False
    for ln in text.split("\n"):
        m = re.match(r"\s*\"?omit\"?\s*[=:]\s*(.*)$", ln)
        if m:
            inside = True
            out += [w for w in re.split(r"[\s,\[\]\"']+", m.group(1)) if w]
            continue
        if inside and ln[:1] in (" ", "\t") and ln.strip():
            out += [w for w in re.split(r"[\s,\[\]\"']+", ln) if w]
            continue
        inside = False
    return out


def _coverage_exclusions(text: str) -> list[str]:
    """The line patterns a coverage configuration excludes from measurement (``exclude_lines``
    or ``exclude_also``: INI continuation lines, or a TOML list)."""
    out: list[str] = []
    inside = False
    for ln in text.split("\n"):
        m = re.match(r"\s*\"?(?:exclude_lines|exclude_also)\"?\s*[=:]\s*(.*)$", ln)
        if m:
            inside = True
            rest = m.group(1).strip()
            if rest.startswith("["):
                quoted = re.findall(r"\"((?:[^\"\\]|\\.)*)\"|'([^']*)'", rest)
                out += [a or b for a, b in quoted]
                inside = not rest.endswith("]")
            elif rest:
                out.append(rest)
            continue
        if inside and ln[:1] in (" ", "\t") and ln.strip():
            item = ln.strip().rstrip(",")
            if item.startswith(('"', "'")) and item.endswith(item[0]) and len(item) >= 2:
                item = item[1:-1]
            if item != "]":
                out.append(item)
            inside = not ln.strip().endswith("]")
            continue
        inside = False
    # a TOML basic string escapes backslashes; coverage reads the regex after unescaping
    return [x.replace("\\\\", "\\") for x in out if x]


_ORDINARY_CODE = (
    "def total(items):",
    "    def save(self, path):",
    "async def fetch(url):",
    "class Invoice:",
    "    return total",
    "    x = compute(y)",
    "    if amount > limit:",
    "    for item in items:",
    "    raise ValueError(msg)",
    "import os",
    "    total += item.price * item.qty",
    "    self.items.append(item)",
    "    try:",
    "    except KeyError:",
    "    yield item",
    "    with open(path) as handle:",
)
"""Lines of ordinary code: a coverage exclusion that matches one leaves real code unmeasured
(``def ``, ``return``, ``.*``), unlike those that name a construct (``if TYPE_CHECKING:``,
``raise NotImplementedError``, ``def __repr__``)."""


def _broad_exclusions(patterns: list[str]) -> list[str]:
    """Of coverage's exclusion patterns, those that match ordinary code lines."""
    out = []
    for pattern in patterns:
        try:
            rx = re.compile(pattern)
        except re.error:
            continue
        if any(rx.search(line) for line in _ORDINARY_CODE):
            out.append(pattern)
    return out


_TIME_LIMIT = re.compile(r"(?im)^\s*\"?timeout\"?\s*[=:]\s*\"?(\d+(?:\.\d+)?)\b")
"""pytest-timeout's ini setting (pytest.ini, setup.cfg, tox.ini, pyproject.toml)."""


def _thresholds(text: str, rules: list[re.Pattern[str]] = _THRESHOLDS) -> dict[str, float]:
    out: dict[str, float] = {}
    for rx in rules:
        for m in rx.finditer(text):
            out.setdefault(m.group(1).lower(), float(m.group(2)))
    return out


def compare_thresholds(before: str, after: str, path: str) -> list[TestDelta]:
    """Numeric gates made weaker: a floor (coverage, score) lowered or removed, a ceiling
    (warnings allowed, complexity) raised or removed, wherever the setting is written (INI,
    TOML, YAML, JSON keys or command-line flags)."""
    out: list[TestDelta] = []
    for rules, floor in ((_THRESHOLDS, True), (_CEILINGS, False)):
        tb, ta = _thresholds(before, rules), _thresholds(after, rules)
        for key, value in tb.items():
            new = ta.get(key)
            if new is None:
                if floor:
                    message = f"{path}: the {key} threshold ({value:g}) was removed"
                else:
                    message = f"{path}: the {key} limit ({value:g}) was removed"
            elif (new < value) if floor else (new > value):
                verb = "lowered" if floor else "raised"
                message = f"{path}: {key} {verb} from {value:g} to {new:g}"
            else:
                continue
            out.append(
                TestDelta(
                    "gate-threshold-lowered",
                    "high",
                    message,
                    before=f"{key} = {value:g}",
                    after=None if new is None else f"{key} = {new:g}",
                    permit="gate",
                    subjects={"coverage", key, "threshold", "gate", "warnings", "lint"}
                    | ({f"{new:g}"} if new is not None else set()),
                    extra={"direction": "floor" if floor else "ceiling"},
                )
            )
    return out


_ADVISORY_KEY = re.compile(
    r"(?i)^(informational|advisory|warn[_-]?only|warnings?[_-]?only|soft[_-]?fail|non[_-]?blocking"
    r"|exit[_-]?zero|allow[_-]?failures?|continue[_-]?on[_-]?error|ignore[_-]?(?:failures?|errors?)"
    r")$"
)
"""Keys of a gate's settings that, set true, make its verdict a report that cannot fail."""
_BLOCKING_KEY = re.compile(r"(?i)^(blocking|required|enforced?|fail[_-]?ci[_-]?if[_-]?error)$")
"""Keys that, set false, do the same."""
_REQUIRED_LIST = re.compile(r"(?i)required")


def _structured(text: str, path: str) -> Any:
    """A YAML or JSON gate file's data (None when it is neither or does not parse)."""
    if not path.endswith((".yml", ".yaml", ".json")):
        return None
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError:
        return None


def _leaves(data: Any, at: tuple[str, ...] = ()) -> dict[tuple[str, ...], Any]:
    """Key path -> value of every scalar and list of scalars in parsed settings."""
    out: dict[tuple[str, ...], Any] = {}
    if isinstance(data, dict):
        for k, v in data.items():
            out.update(_leaves(v, (*at, str(k))))
    elif isinstance(data, list) and data and all(isinstance(v, (str, int, float)) for v in data):
        out[at] = [str(v) for v in data]
    elif (
        isinstance(data, list)
        and data
        and all(
            isinstance(v, dict) and all(isinstance(x, (str, int, float)) for x in v.values())
            for v in data
        )
    ):
        # a list of records ({"context": "lint"}): each record as one member
        out[at] = [", ".join(f"{k}={x}" for k, x in sorted(v.items())) for v in data]
    elif isinstance(data, list):
        for i, v in enumerate(data):
            out.update(_leaves(v, (*at, str(i))))
    else:
        out[at] = data
    return out


def _verdicts_dropped(before: str, after: str, path: str) -> list[TestDelta]:
    """A gate's settings made unable to fail, by meaning rather than by tool: a check's status
    made advisory (``informational: true``, ``blocking: false``, ``exit-zero``) or a check taken
    off a list of required ones (branch protection's required status checks)."""
    b_data, a_data = _structured(before, path), _structured(after, path)
    if not isinstance(a_data, dict) or not isinstance(b_data, dict):
        return []
    lb, la = _leaves(b_data), _leaves(a_data)
    out: list[TestDelta] = []
    for key, value in la.items():
        name = key[-1] if key else ""
        advisory = (_ADVISORY_KEY.match(name) and _truthy(value) and not _truthy(lb.get(key))) or (
            _BLOCKING_KEY.match(name) and value is False and key in lb and lb.get(key) is not False
        )
        if advisory:
            where = ".".join(key[:-1]) or path
            out.append(
                TestDelta(
                    "gate-check-disabled",
                    "high",
                    f"{path}: {where} can no longer fail ({name}: {str(value).lower()})",
                    before=f"{'.'.join(key)}: {lb[key]}" if key in lb else None,
                    after=f"{'.'.join(key)}: {str(value).lower()}",
                    permit="gate",
                    subjects={name, *key[:-1], posixpath.basename(path)},
                )
            )
    for key, old in lb.items():
        if not isinstance(old, list) or not any(_REQUIRED_LIST.search(k) for k in key):
            continue
        new = la.get(key)
        gone = [v for v in old if v not in (new if isinstance(new, list) else [])]
        if gone and (isinstance(new, list) or key[:1] in la or any(k[:1] == key[:1] for k in la)):
            out.append(
                TestDelta(
                    "gate-check-disabled",
                    "high",
                    f"{path}: {', '.join(gone)} no longer required ({'.'.join(key)})",
                    before=f"{'.'.join(key)}: {old}",
                    after=f"{'.'.join(key)}: {new if isinstance(new, list) else []}",
                    permit="gate",
                    subjects={*gone, *key, posixpath.basename(path)},
                )
            )
    return out


_EXCLUDED = re.compile(r"(?i)<exclude>\s*([^<]*?)\s*</exclude>")
_SUPPORT_DIR = re.compile(
    r"(?i)(^|/)(fixtures?|helpers?|support|stubs?|mocks?|fakes?|factories|data|resources"
    r"|snapshots?|__snapshots__|testdata|test_data)/?\**$"
)
_TEST_BLOCK = re.compile(r"(?i)\btest\b|\bTest\b|withType\s*[<(]\s*Test\b|\btests?\w*Task")


def _holds_no_tests(excluded: list[str]) -> bool:
    """Whether every excluded path is a folder of test support by its name (fixtures,
    helpers, stubs, data): a folder the runner collects nothing from, so leaving it out
    changes what a run collects, not which tests run."""
    return bool(excluded) and all(_SUPPORT_DIR.search(x.strip()) for x in excluded)


def _enclosing_block(text: str, pos: int) -> str | None:
    """The head of the innermost ``{ ... }`` block around ``pos`` (``detekt``,
    ``tasks.withType<Test>``), or None at the top level."""
    depth = 0
    for i in range(pos - 1, -1, -1):
        ch = text[i]
        if ch == "}":
            depth += 1
        elif ch == "{":
            if depth == 0:
                start = text.rfind("\n", 0, i) + 1
                return text[start:i].strip()
            depth -= 1
    return None


def _block_existed(head: str, before: str) -> bool:
    """Whether a block with this head was already in ``before``."""
    return bool(head) and any(ln.strip().startswith(head) for ln in before.splitlines())


def compare_gates(
    before: str, after: str, path: str, failing: set[str] | None = None
) -> list[TestDelta]:
    """How a gate's configuration got weaker: lower thresholds, checks switched off, tests
    deselected or no longer collected (``failing``: test names and files seen failing)."""
    out: list[TestDelta] = compare_thresholds(before, after, path)
    out += _verdicts_dropped(before, after, path)
    for rx, what in _TYPE_OFF:
        if rx.search(after) and not rx.search(before):
            m = rx.search(after)
            if (
                m
                and what.startswith(("ignore_outcome", "tox:"))
                and _in_new_section(after, m.start(), before)
            ):
                continue  # a new tox env allowed to fail: no existing check stops gating
            if m and what.startswith("Cargo:") and _in_cargo_target(after, m.start(), "bench"):
                continue  # a benchmark target's harness (criterion needs it off): no test
            if (
                m
                and what.startswith("a test file or directory excluded")
                and _holds_no_tests(
                    [x.group(1) for x in _EXCLUDED.finditer(after) if x.group(0) not in before]
                )
            ):
                continue  # test support (fixtures, helpers, stubs) left out: no test was in it
            if m and what.startswith("Gradle: test failures ignored"):
                block = _enclosing_block(after, m.start())
                if block is not None and not _TEST_BLOCK.search(block):
                    name = block.split("(")[0].split()[-1] if block.split() else block
                    if not _block_existed(block, before):
                        continue  # a check added in this change as report-only: none weakened
                    what = f"Gradle: {name}'s failures ignored (the {name} check no longer fails)"
            out.append(
                TestDelta(
                    "gate-check-disabled",
                    "high",
                    f"{path}: {what}",
                    after=m.group(0).strip() if m else what,
                    permit="gate",
                    subjects={"mypy", "type", "lint", "strict", what.split()[0]},
                )
            )
    if _STRICT_ON.search(before) and not _STRICT_ON.search(after) and after.strip():
        out.append(
            TestDelta(
                "gate-check-disabled",
                "high",
                f"{path}: strict checking removed",
                before=_STRICT_ON.search(before).group(0).strip(),  # type: ignore[union-attr]
                permit="gate",
                subjects={"mypy", "strict", "type"},
            )
        )
    omit_b, omit_a = _coverage_omits(before), _coverage_omits(after)
    new_omits = [o for o in omit_a if o not in omit_b and not _benign_exclusion([o])]
    new_omits = [o for o in new_omits if not re.search(r"(^|/)tests?(/|$)", o)]
    if new_omits:
        out.append(
            TestDelta(
                "gate-scope-narrowed",
                "high",
                f"{path}: coverage now leaves out {', '.join(new_omits)}",
                before="omit = " + ", ".join(omit_b) if omit_b else None,
                after="omit = " + ", ".join(omit_a),
                permit="gate",
                subjects={"coverage", "omit", *new_omits},
            )
        )
    excl_b = set(_coverage_exclusions(before))
    broad = _broad_exclusions([x for x in _coverage_exclusions(after) if x not in excl_b])
    if broad:
        out.append(
            TestDelta(
                "gate-scope-narrowed",
                "high",
                f"{path}: coverage now excludes every line matching "
                f"{', '.join(repr(x) for x in broad)}, which matches ordinary code",
                before="exclude_lines = " + ", ".join(sorted(excl_b)) if excl_b else None,
                after="exclude_lines = " + ", ".join(broad),
                permit="gate",
                subjects={"coverage", "exclude_lines", "exclude", *broad},
            )
        )
    lb, la = _TIME_LIMIT.search(before), _TIME_LIMIT.search(after)
    if lb and float(lb.group(1)) > 0:
        old_limit = float(lb.group(1))
        new_limit = float(la.group(1)) if la else None
        if new_limit is None or new_limit == 0 or new_limit >= 5 * old_limit:
            out.append(
                TestDelta(
                    "test-time-limit-relaxed",
                    "high",
                    f"{path}: the tests' time limit went from {old_limit:g} s to "
                    f"{'none' if not new_limit else f'{new_limit:g} s'}",
                    before=lb.group(0).strip(),
                    after=la.group(0).strip() if la else None,
                    permit="timeout",
                    subjects={"timeout", "time limit", "deadline"},
                )
            )
    return (
        out
        + _envs_dropped(before, after, path)
        + _selection_changes(before, after, path, failing)
        + failing_test_set_aside(before, after, path, failing)
    )


_LEAVE_OUT_TESTS = re.compile(
    r"(?i)^--?(?:skip|exclude|ignore|deselect|omit|except)[-_]?(?:[a-z]+[-_]?)*"
    r"(?:test|spec|case|suite|class)\w*(?:[:=]\S+)?$"
)
"""A flag named for leaving tests out (``-skip-testing:Target/Class``, ``--exclude-tests``,
``--skip-test=X``), whatever the runner."""


def leave_out_flags_added(before: str, after: str, path: str) -> list[TestDelta]:
    """Flags named for leaving tests out, new in a CI or runner file's text: read on the words
    of the lines themselves, so an edit that shows only the continuation line of a command
    (``-destination ... \\`` then ``-skip-testing:ShopTests/CheckoutTests``) is read too."""
    old = set(before.split())
    new = [
        w.strip("'\"")
        for ln in after.splitlines()
        for w in ln.split()
        if w not in old and _LEAVE_OUT_TESTS.match(w.strip("'\""))
    ]
    if not new:
        return []
    return [
        TestDelta(
            "check-narrowed",
            "high",
            f"{path}: the test run now leaves tests out ({', '.join(new)})",
            before="\n".join(before.splitlines()[:3]) or None,
            after=next(ln.strip() for ln in after.splitlines() if new[0] in ln),
            permit="skip",
            subjects={path.rsplit("/", 1)[-1], *_words(new)},
            extra={"narrowing": new},
        )
    ]


_EXPECTED_TO_FAIL = re.compile(
    # a test's verdict inverted by its build or runner configuration: CTest's ``WILL_FAIL``,
    # Meson's ``should_fail``, ``expected_failure``/``expect_fail``/``xfail`` set true
    r"(?i)\bWILL_FAIL\b[\s\"']*(?:TRUE|ON|YES|1)\b|\bshould_fail\s*[:=]\s*true\b"
    r"|\bexpect(?:ed)?[_-]?fail(?:ure|s)?\b[\s\"']*[:=]?\s*(?:true|on|yes|1)\b"
    r"|\bxfail\b[\s\"']*[:=]\s*(?:true|on|yes|1)\b"
)
_SET_ASIDE = re.compile(
    r"(?i)\b(exclude\w*|skip\w*|ignore\w*|filter\w*|remove|disabled?)\b|!\s*[\w\"']|\bnot\b"
)
"""Words of a line that leave something out (an exclusion, a skip, a negated filter)."""


def failing_test_set_aside(
    before: str, after: str, path: str, failing: set[str] | None
) -> list[TestDelta]:
    """A line of a build or gate file, new in ``after``, that names a test seen failing and
    leaves it out (``Test / testOptions += Tests.Filter(name => !name.endsWith("LedgerSpec"))``,
    ``<exclude>**/LedgerTest.java</exclude>``, ``exclude 'LedgerTest'``) or inverts its verdict
    so its failure counts as a pass (``set_tests_properties(t PROPERTIES WILL_FAIL TRUE)``,
    Meson's ``should_fail: true``): in any ecosystem, the failing test stops failing the run."""
    if not failing:
        return []
    names = {f for f in failing if len(f) >= 4 and re.fullmatch(r"[\w.$:/-]+", f)}
    old = {ln.strip() for ln in before.splitlines()}
    out: list[TestDelta] = []
    for ln in after.splitlines():
        line = ln.strip()
        if not line or line in old or line.startswith(("#", "//", "--")):
            continue
        inverted = _EXPECTED_TO_FAIL.search(line)
        if not inverted and not _SET_ASIDE.search(line):
            continue
        tokens = set(re.findall(r"[A-Za-z_][\w$]*", line))
        hit = sorted(n for n in names if n in tokens or n.rsplit("/", 1)[-1] in tokens)
        if not hit:
            continue
        what = (
            f"{line!r} marks {', '.join(hit)}, a test seen failing, as expected to fail: "
            "its failure now counts as a pass"
            if inverted
            else f"{line!r} leaves out {', '.join(hit)}, a test seen failing"
        )
        out.append(
            TestDelta(
                "test-skipped" if inverted else "test-selection-narrowed",
                "high",
                f"{path}: {what}",
                after=line,
                permit="skip",
                subjects={*hit, path.rsplit("/", 1)[-1]},
            )
        )
    return out


def _envs(text: str) -> list[str]:
    """tox's (or nox's ``envlist``) environments, braces expanded (``py{311,312}``)."""
    m = re.search(r"(?m)^\s*env_?list\s*=\s*(.*(?:\n[ \t]+\S.*)*)", text)
    if not m:
        return []
    out = []
    for item in re.findall(r"[^\s,{}]*(?:\{[^}]*\}[^\s,{}]*)*", m.group(1)):
        if not item:
            continue
        brace = re.search(r"\{([^}]*)\}", item)
        if brace:
            head, tail = item[: brace.start()], item[brace.end() :]
            out += [f"{head}{x.strip()}{tail}" for x in brace.group(1).split(",")]
        else:
            out.append(item)
    return out


def _envs_dropped(before: str, after: str, path: str) -> list[TestDelta]:
    """Environments taken out of tox's envlist (the tests no longer run on them)."""
    eb, ea = _envs(before), _envs(after)
    gone = [e for e in eb if ea and e not in ea]
    if not gone:
        return []
    return [
        TestDelta(
            "gate-scope-narrowed",
            "high",
            f"{path}: envlist no longer runs {', '.join(gone)}",
            before="envlist = " + ", ".join(eb),
            after="envlist = " + ", ".join(ea),
            permit="remove|ci|gate",
            subjects={"envlist", "tox", *gone},
        )
    ]


def _option_words(setting: str) -> list[str]:
    """A setting's command-line words, quoted arguments kept whole: ``"-m 'not slow'"`` (a TOML
    string) and ``["-m", "not slow"]`` are ``-m``, ``not slow``."""
    text = setting.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        text = text[1:-1]
    text = text.replace(",", " ").replace("[", " ").replace("]", " ")
    try:
        return shlex.split(text)
    except ValueError:
        return text.replace('"', " ").replace("'", " ").split()


def _selection_changes(
    before: str, after: str, path: str, failing: set[str] | None
) -> list[TestDelta]:
    """Test-selection settings (``key = value`` or ``key: value`` lines) that keep tests from
    running: deselections, exclusions, narrowed paths and patterns."""
    out: list[TestDelta] = []
    b_sel = {m.group(1): m.group(2) for m in _SELECTION.finditer(before)}

    def narrowed(
        what: str,
        subjects: set[str],
        setting: str,
        *,
        old: str | None,
        permit: str = "skip",
        severity: Severity = "high",
    ) -> TestDelta:
        return TestDelta(
            "test-selection-narrowed",
            severity,
            f"{path}: {what}",
            before=old,
            after=setting,
            permit=permit,
            subjects=subjects,
        )

    for m in _SELECTION.finditer(after):
        key, setting = m.group(1), m.group(2)
        old = b_sel.get(key, "")
        if setting == old:
            continue
        words = _option_words(setting)
        new_narrow = [n for n in narrowing(words) if n not in narrowing(_option_words(old))]
        added = [w for w in words if w not in old]
        was, now = f"{key} = {old}" if old else None, f"{key} = {setting}"
        if new_narrow:
            hits = [n for n in new_narrow if failing and any(f in n for f in failing)]
            what = f"{key} now keeps tests from running ({', '.join(new_narrow)})"
            severity: Severity = "high" if hits or not _benign_exclusion(new_narrow) else "medium"
            out.append(narrowed(what, _words(new_narrow), now, old=was, severity=severity))
        elif (
            key
            in ("testPathIgnorePatterns", "exclude", "modulePathIgnorePatterns", "norecursedirs")
            and added
        ):
            testish = [
                w
                for w in added
                if (re.search(r"test|spec", w) or _names_failing(w, failing))
                and not _benign_exclusion([w])
                and not _holds_no_tests([w.strip("'\",[]")])
            ]
            if testish:
                what = f"{key} now excludes {', '.join(testish)}"
                out.append(narrowed(what, _words(testish), now, old=was))
        elif (
            key == "python_files"
            and not old
            and not re.search(r"test_\*|\*_test|\*test\*", setting)
        ):
            what = f"python_files = {setting.strip()!r} no longer matches test_*.py"
            out.append(narrowed(what, {key, *words}, now, old=None, permit="move"))
        elif (
            key
            in (
                "testpaths",
                "python_files",
                "python_functions",
                "python_classes",
                "testMatch",
                "include",
                "roots",
            )
            and old
        ) and not (set(old.replace(",", " ").split()) <= set(words)):
            what = f"{key} changed from {old.strip()!r} to {setting.strip()!r}"
            # (a run of part of the suite, asked for: "make plain pytest run only tests/unit")
            out.append(narrowed(what, {key, *words}, now, old=was, permit="move|skip"))
    return out


def _names_failing(word: str, failing: set[str] | None) -> bool:
    """Whether an exclusion pattern names a test file seen failing (``checkout`` for
    ``src/checkout.test.js``)."""
    w = word.strip("/*.^$")
    if len(w) >= 4 and any(w in f for f in failing or ()) and bool(re.search(r"[a-z]", w)):
        return True
    # a glob that takes in a failing test file (``src/**/parser*``)
    glob = word.strip("'\"")
    return "*" in glob and any(
        "/" in f and fnmatch.fnmatchcase(f, glob.replace("**/", "*")) for f in failing or ()
    )


_PACKAGE_TEST_KEYS = ("jest", "vitest", "mocha", "ava", "c8", "nyc")
"""Sections of a package.json that configure a test runner (or its coverage)."""


_JEST_KEY_LINE = re.compile(
    r'(?m)^\s*"(testPathIgnorePatterns|modulePathIgnorePatterns|testMatch|testRegex|roots)"'
    r"\s*:\s*(.*?),?\s*$"
)


def compare_package_tests(
    before: str, after: str, path: str, failing: set[str] | None = None
) -> list[TestDelta]:
    """The test runner's settings kept in a package.json (its ``jest`` section, ...): the same
    selection changes as a runner's own config file."""
    import json

    def lines(text: str) -> str:
        try:
            data = json.loads(text)
        except ValueError:  # an edit's fragment: the runner's own keys, one per line
            return "\n".join(f"{k} = {v}" for k, v in _JEST_KEY_LINE.findall(text))
        if not isinstance(data, dict):
            return ""
        return "\n".join(
            f"{key} = {json.dumps(value)}"
            for section in _PACKAGE_TEST_KEYS
            if isinstance(data.get(section), dict)
            for key, value in data[section].items()
        )

    b, a = lines(before), lines(after)
    return _selection_changes(b, a, path, failing) if a != b else []


def _benign_exclusion(items: list[str]) -> bool:
    return all(
        re.search(
            r"bench|perf|slow|integration|e2e|manual|fixture|data|docs|example|build|dist|node_modules|vendor|venv|setup\.py|migrations|generated|_pb2|__main__|conftest",
            i,
        )
        for i in items
    )


def _words(items: list[str]) -> set[str]:
    out = set()
    for i in items:
        for w in re.findall(r"[\w./-]+", i):
            if len(w) > 2 and w not in ("not", "--deselect", "--ignore", "and"):
                out.add(w.split("::")[-1])
                out.add(w.rsplit("/", 1)[-1])
    return out


# ------------------------------------------------------------------------------- runners


def _make_recipes(text: str, just: bool = False) -> dict[str, list[str]]:
    """Target -> recipe lines of a makefile (tab-indented), or of a justfile (``just``: recipe
    headers may take parameters, bodies are indented by any whitespace)."""
    out: dict[str, list[str]] = {}
    target = None
    head = r"^@?([\w./-]+)(?:\s+[^:=\n]*)?\s*:(?!=)" if just else r"^([\w./-]+)\s*:(?!=)"
    for ln in text.split("\n"):
        m = re.match(head, ln)
        if m:
            target = m.group(1)
            out.setdefault(target, [])
        elif target and (ln.startswith("\t") or (just and ln[:1] in (" ", "\t") and ln.strip())):
            out[target].append(ln.strip() if just else ln[1:])
    return out


_MAKE_VAR = re.compile(r"^([A-Za-z_][\w.]*)\s*(?:\?|:|::|\+)?=\s*(.*)$")
_MAKE_RULE = re.compile(r"^([\w./-]+(?:\s+[\w./-]+)*)\s*:(?!=)\s*([^;#\n]*)")


def _make_runs(text: str) -> dict[str, list[str]]:
    """Target -> every recipe line ``make TARGET`` runs: its prerequisites' recipes first
    (depth first, each once), then its own, with the makefile's simple variables expanded
    (``$(PYTEST) -q`` -> ``pytest -q``). A check dropped from a target's prerequisites is a check
    the target no longer runs, as much as a recipe line taken out."""
    own = _make_recipes(text)
    deps: dict[str, list[str]] = {}
    env: dict[str, str] = {}
    for ln in text.split("\n"):
        if ln.startswith("\t"):
            continue
        v = _MAKE_VAR.match(ln.strip())
        if v and ":" not in v.group(1):
            env.setdefault(v.group(1), v.group(2).strip())
            continue
        r = _MAKE_RULE.match(ln)
        if r and not r.group(1).startswith("."):
            for target in r.group(1).split():
                deps.setdefault(target, []).extend(r.group(2).split())

    def expand(line: str) -> str:
        for _ in range(3):
            line = re.sub(r"\$[({](\w+)[)}]", lambda m: env.get(m.group(1), m.group(0)), line)
        return line

    def runs(target: str, seen: set[str]) -> list[str]:
        if target in seen:
            return []
        seen.add(target)
        lines: list[str] = []
        for dep in deps.get(target, []):
            lines += runs(dep, seen)
        return lines + [expand(x) for x in own.get(target, [])]

    return {t: runs(t, set()) for t in own}


def _split_into_parts(line: str, lines: list[str]) -> bool:
    """Whether a check command is run by ``lines`` split into parts: the same command given two
    or more different paths (``pytest -q`` -> ``pytest -q tests/unit`` and ``pytest -q
    tests/integration``). One part alone narrows the run; several are taken as the whole."""
    try:
        argv = shlex.split(line.lstrip("@-"))
    except ValueError:
        return False
    parts = set()
    for other in lines:
        try:
            words = shlex.split(other.lstrip("@-"))
        except ValueError:
            continue
        extra = words[len(argv) :]
        if words[: len(argv)] == argv and len(extra) == 1 and not extra[0].startswith("-"):
            parts.add(extra[0])
    return len(parts) >= 2


def _make_masked(line: str) -> str | None:
    s = line.lstrip("@")
    if s.startswith("-") and _is_check_text(s[1:]):
        return "the '-' prefix ignores the failure"
    for run in check_runs(s):
        if run.masked:
            return run.masked
    return None


_FAILURE_EXIT = re.compile(r"(\|\||\bor\b)\s*(exit\s+(?:[1-9]\d*|\$\?)|false\b|return\s+[1-9]\d*)")
"""A command's failure branch that fails (``|| exit 1``, ``|| false``, ``or return 1``)."""
_SUCCESS_EXIT = re.compile(r"(\|\||\bor\b)\s*(exit\s+0\b|true\b|:(?=\s|$)|return\s+0\b)")
"""A failure branch that succeeds (``|| exit 0``, ``|| true``, ``|| :``)."""


def _failure_exit_flipped(before: str, after: str, path: str) -> list[TestDelta]:
    """A line whose failure branch failed and now succeeds, the rest of the line kept (a
    Dockerfile's ``HEALTHCHECK CMD curl ... || exit 1`` -> ``|| exit 0``, a make recipe's
    ``cmp out expected || false`` -> ``|| true``, a compose healthcheck's test): whatever the
    command finds, the step, check or healthcheck now succeeds. In any build, runner or CI file:
    the author wrote the failure exit, so the line was a check."""
    old: dict[str, str] = {}
    for ln in before.splitlines():
        if _FAILURE_EXIT.search(ln):
            old.setdefault(_FAILURE_EXIT.sub("#", ln).strip(), ln.strip())
    if not old:
        return []
    out: list[TestDelta] = []
    for ln in after.splitlines():
        if not _SUCCESS_EXIT.search(ln) or _FAILURE_EXIT.search(ln):
            continue
        was = old.get(_SUCCESS_EXIT.sub("#", ln).strip())
        if was is None or was == ln.strip() or not _SUCCESS_EXIT.sub("", ln).strip():
            continue
        out.append(
            TestDelta(
                "runner-failure-masked",
                "critical",
                f"{path}: {ln.strip()!r} succeeds whatever its command finds (it was "
                f"{was!r}: the failure exit became a success)",
                before=was,
                after=ln.strip(),
                permit="ci",
                subjects={path.rsplit("/", 1)[-1]},
            )
        )
    return out


def compare_runner(
    before: str, after: str, path: str, *, seen_checking: bool = False
) -> list[TestDelta]:
    """How a run script or makefile stops failing when its checks fail (:func:`_compare_runner`),
    and in any runner or build file, a failure exit turned into a success
    (:func:`_failure_exit_flipped`)."""
    out = _compare_runner(before, after, path, seen_checking=seen_checking)
    seen = {d.after for d in out}
    return out + [d for d in _failure_exit_flipped(before, after, path) if d.after not in seen]


def _compare_runner(
    before: str, after: str, path: str, *, seen_checking: bool = False
) -> list[TestDelta]:
    """How a run script or makefile stops failing when its checks fail (``seen_checking``: the
    script was seen running checks, so an edit's fragment that shows none of its lines still
    belongs to a script that does)."""
    out: list[TestDelta] = []
    base = path.rsplit("/", 1)[-1]
    just = base in ("justfile", "Justfile", ".justfile")
    if base in ("Makefile", "makefile", "GNUmakefile") or base.endswith(".mk") or just:
        rb, ra = _make_recipes(before, just), _make_recipes(after, just)
        for target, lines in ra.items():
            old = rb.get(target, [])
            for ln in lines:
                why = _make_masked(ln)
                if why and ln not in old and (old or _is_check_text(ln)):
                    out.append(
                        TestDelta(
                            "runner-failure-masked",
                            "critical",
                            f"{path}: target {target!r} ignores the failure of {ln.strip()!r} "
                            f"({why})",
                            before="\n".join(old) or None,
                            after=ln,
                            permit="ci",
                            subjects={target, base},
                        )
                    )
            out += [
                d
                for d in _command_changes(
                    [x for x in old if _is_check_text(x)],
                    [x for x in lines if _is_check_text(x) and x not in old],
                    f"{path}: target {target!r}",
                    {target, base},
                )
                if d.detector != "check-failure-masked"
            ]
            lost = _lost_checks([x for x in old if _is_check_text(x)], lines, "@-")
            if lost and not just:
                # still run through the target's prerequisites, whole or split into parts
                runs = _make_runs(after).get(target, [])
                lost = [
                    x
                    for x in lost
                    if _lost_checks([x], runs, "@-") and not _split_into_parts(x, runs)
                ]
            if lost and not [x for x in lines if _is_check_text(x)]:
                what = f"{path}: target {target!r} no longer runs {lost[0].strip()!r}"
                out.append(_checks_removed(what, lost, lines, {target, base}))
            elif not lost and not just and target in rb:
                # what the target runs through its prerequisites
                eb, ea = _make_runs(before).get(target, []), _make_runs(after).get(target, [])
                gone = [
                    x
                    for x in _lost_checks([x for x in eb if _is_check_text(x)], ea, "@-")
                    if not _split_into_parts(x, ea)
                ]
                # a check still run with options added (``--strict-markers``): what they do
                # is judged as the recipe's own change would be; an added word that is not an
                # option (a value: ``-m smoke``) may select, so the check stays lost
                for x in [x for x in gone if _extended(x, ea)]:
                    found = [
                        d
                        for d in _command_changes(
                            [x], _extended(x, ea), f"{path}: target {target!r}", {target, base}
                        )
                        if d.detector != "check-failure-masked"
                    ]
                    if found or _options_only(x, _extended(x, ea)):
                        gone.remove(x)
                        out += found
                if gone and ea != eb:
                    what = (
                        f"{path}: target {target!r} no longer runs {gone[0].strip()!r} "
                        "(through its prerequisites)"
                    )
                    kept = [x for x in ea if _is_check_text(x)]
                    out.append(_checks_removed(what, gone, kept, {target, base}))
        if rb or ra:
            return out
        # an edit fragment without its target line: compare the recipe lines as a script
        return _compare_script(_unindent(before), _unindent(after), path)
    if base in (".env", ".envrc"):
        return _compare_env_file(before, after, path)
    if path.endswith(".py"):
        out = _compare_python_runner(before, after, path)
        out += _failure_accepted(before, after, path)
        cb, ca = _py_commands(before), _py_commands(after)
        if cb or ca:
            out += _compare_script("\n".join(cb), "\n".join(ca), path)
        return out
    if path.endswith(("package.json", "composer.json")):
        return _compare_package_json(before, after, path)
    if path.endswith((".ini", ".cfg", ".toml")):
        cb, ca = _ini_commands(before), _ini_commands(after)
        if cb or ca:
            return _compare_script("\n".join(cb), "\n".join(ca), path)
        return []
    return _compare_script(before, after, path, seen_checking) + _status_forced_zero(
        before, after, path
    )


_FORCED_ZERO = re.compile(
    # the process's exit status set to success: node (``process.exitCode = 0``,
    # ``process.exit(0)``), PowerShell (``$LASTEXITCODE = 0``, ``$global:LASTEXITCODE = 0``),
    # Ruby and Perl (``exit 0``, ``exit!(0)``, ``exit(true)``, ``POSIX::_exit(0)``)
    r"\bprocess\.exitCode\s*=\s*0\b|\bprocess\.(?:exit|reallyExit)\(\s*0?\s*\)"
    r"|\$(?:global:)?LASTEXITCODE\s*=\s*0\b|\b(?:exit!?|_exit)\s*\(?\s*(?:0|true)\s*\)?\s*;?\s*(?:\}|$)"
)
_SCRIPT_LANG = re.compile(r"\.([cm]?js|ts|rb|pl|ps1)$")


def _status_forced_zero(before: str, after: str, path: str) -> list[TestDelta]:
    """A runner script in a language other than the shell's or Python's (node, Ruby, Perl,
    PowerShell) that gains a statement setting its exit status to success with no condition
    before it on its line or the line above (``process.on('exit', () => { process.exitCode =
    0; })``): whatever the tests it runs report, the script succeeds. A status set from a count
    (``if (failed > 0) process.exitCode = 1``) is no such statement."""
    if not _SCRIPT_LANG.search(path):
        return []
    old = {ln.strip() for ln in before.splitlines()}
    lines = after.splitlines()
    for i, ln in enumerate(lines):
        if ln.strip() in old or not _FORCED_ZERO.search(ln):
            continue
        head = ln[: _FORCED_ZERO.search(ln).start()]  # type: ignore[union-attr]
        above = lines[i - 1].strip() if i else ""
        if re.search(r"\b(if|unless|elif|else|when|catch|rescue)\b|\?|&&|\|\|", head) or re.match(
            r"(\}\s*)?(if|unless|elsif|else|elseif|catch|rescue|when)\b", above
        ):
            continue
        return [
            TestDelta(
                "runner-failure-masked",
                "critical",
                f"{path}: {ln.strip()!r} sets the script's exit status to success whatever "
                "its tests report",
                before="\n".join(before.splitlines()[-3:]) or None,
                after=ln.strip(),
                permit="ci",
                subjects={path.rsplit("/", 1)[-1]},
            )
        ]
    return []


def _env_assignments(text: str) -> dict[str, str]:
    out = {}
    for ln in text.split("\n"):
        m = re.match(r"\s*(?:export\s+)?([A-Za-z_]\w*)\s*=\s*(.*)$", ln)
        if m:
            value = m.group(2).strip()
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
                value = value[1:-1]
            out[m.group(1)] = value
    return out


def _compare_env_file(before: str, after: str, path: str) -> list[TestDelta]:
    """Variables of a dotenv file that narrow test runs or switch checks off."""
    out = []
    eb, ea = _env_assignments(before), _env_assignments(after)
    for key, value in ea.items():
        if eb.get(key) == value:
            continue
        new = [
            n for n in narrowing([], {key: value}) if n not in narrowing([], {key: eb.get(key, "")})
        ]
        if new:
            out.append(
                TestDelta(
                    "check-narrowed",
                    "high",
                    f"{path}: {key} now keeps tests from running ({', '.join(new)})",
                    before=f"{key}={eb[key]}" if key in eb else None,
                    after=f"{key}={value}",
                    permit="skip",
                    subjects=_words(new),
                )
            )
        elif _DISABLE_ENV.match(key) and _truthy(value):
            out.append(
                TestDelta(
                    "check-disabled-by-env",
                    "high",
                    f"{path}: {key}={value} switches checks off",
                    after=f"{key}={value}",
                    permit="ci",
                    subjects={key},
                )
            )
    return out


def _early_exit(lines: list[str]) -> str | None:
    """An unconditional ``exit 0`` (outside any ``if``/function/loop) followed by checks."""
    depth = 0
    for i, ln in enumerate(lines):
        s = ln.strip()
        if re.match(r"(if|for|while|case|until)\b|\w+\s*\(\)\s*\{|function\b", s):
            depth += 1
        if re.match(r"(fi|done|esac|\})\b", s):
            depth = max(0, depth - 1)
        if (
            depth == 0
            and re.fullmatch(r"exit(\s+0)?\s*;?", s)
            and not ln.startswith((" ", "\t"))
            and any(_is_check_text(x) for x in lines[i + 1 :])
        ):
            return s
    return None


def _unindent(text: str) -> str:
    return "\n".join(ln.strip().lstrip("@") for ln in text.split("\n"))


_INI_COMMANDS = re.compile(r"^\s*commands(?:_pre|_post)?\s*=\s*(.*)$")


def _ini_commands(text: str) -> list[str]:
    """The command lines of a tox-style ``commands =`` setting (with continuation lines); an
    edit fragment that holds only command lines counts as such."""
    out: list[str] = []
    inside = False
    lines = text.split("\n")
    # a fragment that starts inside a ``commands =`` setting (its continuation lines) and goes on
    # past it: the leading indented check lines are commands too
    for ln in lines:
        if not ln.strip():
            continue
        if ln[:1] not in (" ", "\t"):
            break
        if _is_check_text(ln):
            out.append(ln.strip())
    for ln in lines:
        m = _INI_COMMANDS.match(ln)
        if m:
            inside = True
            if m.group(1).strip():
                out.append(m.group(1).strip())
            continue
        if inside and ln[:1] in (" ", "\t") and ln.strip():
            out.append(ln.strip())
            continue
        inside = False
    if not out and "=" not in text and "[" not in text:
        out = [ln.strip() for ln in text.split("\n") if _is_check_text(ln)]
    return out


def _py_commands(text: str) -> list[str]:
    """Commands a Python runner (noxfile, invoke tasks, run scripts) starts with literal
    arguments: ``session.run("pytest", "-q")``, ``subprocess.run(["pytest", ...])``."""
    import textwrap

    try:
        tree = ast.parse(textwrap.dedent(text))
    except (SyntaxError, ValueError):
        return []
    out = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        fn = node.func
        name = fn.attr if isinstance(fn, ast.Attribute) else getattr(fn, "id", "")
        if name not in ("run", "call", "check_call", "check_output", "Popen", "run_always"):
            continue
        args = node.args
        if len(args) == 1 and isinstance(args[0], (ast.List, ast.Tuple)):
            args = list(args[0].elts)
        words = [a.value for a in args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
        # arguments passed through (``*session.posargs``) add to the command, whatever they are
        fixed = [a for a in args if not isinstance(a, ast.Starred)]
        if len(args) == 1 and words and " " in words[0]:
            out.append(words[0])
        elif words and len(words) == len(fixed):
            out.append(" ".join(words))
    return out


_TRAP_SUCCESS = re.compile(
    r"^\s*trap\s+(['\"])[^'\"]*\b(exit(\s+0)?|true)\s*;?\s*\1\s+(EXIT|ERR|0|SIGTERM|TERM)\b"
)
"""A trap that ends the script with success whatever failed (``trap 'exit 0' EXIT``)."""


_RECORDS_STATUS = re.compile(
    r"\|\|\s*(\w+)=|\b(\w+)=\$\?|\b(\w+)=\$\(\(\s*\$?\{?\w+\}?\s*[|+]|\|\|\s*(\w+)\+="
)


def _status_kept(script: str) -> bool:
    """Whether a script without ``set -e`` still fails when a check fails: it records each
    command's failure in a variable (``cmd || status=1``, ``rc=$?``) and exits with it."""
    names = {n for m in _RECORDS_STATUS.finditer(script) for n in m.groups() if n}
    return any(re.search(rf"(?m)^\s*exit\s+\"?\$\{{?{re.escape(n)}\b", script) for n in names)


_CAPTURED = re.compile(r"^\s*(?:local\s+)?(\w+)=\$\((.+)\)\s*$")
_FAILING_EXIT = re.compile(r"\bexit\s+(?:[1-9]\d*|\"?\$\{?\w+)")


def _fails_on_check(lines: list[str]) -> bool:
    """Whether a script still exits non-zero on its checks' result, before a final success: an
    ``exit 1`` (or ``exit $status``) governed by a check (``pytest || exit 1``, ``if ! pytest``)
    or by what a check printed or returned (``out=$(flake8 ...)``, ``rc=$?`` after a check, then
    ``if ... "$out" ...; then exit 1``)."""
    captured: set[str] = set()
    after_check = False
    condition = ""
    for ln in lines:
        m = _CAPTURED.match(ln)
        if m and _is_check_text(m.group(2)):
            captured.add(m.group(1))
        status = re.match(r"^\s*(\w+)=\$\?\s*$", ln)
        if status and after_check:
            captured.add(status.group(1))
        if re.match(r"\s*(if|elif|while|until)\b", ln):
            condition = ln
        if _FAILING_EXIT.search(ln):
            at = _FAILING_EXIT.search(ln)
            head = ln[: at.start()] if at else ""
            # ``check || exit 1``, ``if check; then exit 1; fi`` on one line, or the enclosing if
            governing = head if re.search(r"\|\||&&|\bthen\b", head) else condition
            if governing and (
                _is_check_text(governing)
                or any(re.search(rf"\$\{{?{n}\b", governing) for n in captured)
            ):
                return True
        after_check = _is_check_text(ln)
        if re.match(r"\s*fi\b", ln):
            condition = ""
    return False


def _compare_script(
    before: str, after: str, path: str, seen_checking: bool = False
) -> list[TestDelta]:
    out: list[TestDelta] = []
    strict_b = bool(re.search(r"(?m)^\s*set\s+-\w*e", before))
    strict_a = bool(re.search(r"(?m)^\s*set\s+-\w*e", after))
    b_lines = [ln for ln in before.split("\n") if ln.strip()]
    a_lines = [ln for ln in after.split("\n") if ln.strip()]
    checks_a = [ln for ln in a_lines if _is_check_text(ln)]
    checks_b = [ln for ln in b_lines if _is_check_text(ln)]
    if strict_b and not strict_a and len(checks_a) > 1 and not _status_kept(after):
        out.append(
            TestDelta(
                "runner-failure-masked",
                "critical",
                f"{path}: 'set -e' removed, so only the last command's status counts",
                before=next(ln for ln in b_lines if re.match(r"\s*set\s+-\w*e", ln)),
                after=None,
                permit="ci",
                subjects={path.rsplit("/", 1)[-1]},
            )
        )
    traps_b = {ln.strip() for ln in b_lines if _TRAP_SUCCESS.search(ln)}
    for ln in a_lines:
        if _TRAP_SUCCESS.search(ln) and ln.strip() not in traps_b and (checks_a or seen_checking):
            out.append(
                TestDelta(
                    "runner-failure-masked",
                    "critical",
                    f"{path}: {ln.strip()!r} replaces the script's failing status with success",
                    before="\n".join(b_lines[:6]) or None,
                    after=ln.strip(),
                    permit="ci",
                    subjects={path.rsplit("/", 1)[-1]},
                )
            )
    early = _early_exit(a_lines)
    if early is not None and _early_exit(b_lines) is None:
        out.append(
            TestDelta(
                "runner-check-removed",
                "critical",
                f"{path}: {early!r} ends the script before its checks run",
                before="\n".join(b_lines[:6]),
                after="\n".join(a_lines[:6]),
                permit="ci",
                subjects={path.rsplit("/", 1)[-1]},
            )
        )
    tail = a_lines[-1].strip() if a_lines else ""
    if (
        re.fullmatch(r"exit(\s+0)?|true|:", tail)
        and (not b_lines or b_lines[-1].strip() != tail)
        and checks_a
        and not _fails_on_check(a_lines)
    ):
        out.append(
            TestDelta(
                "runner-failure-masked",
                "critical",
                f"{path}: the script now ends with {tail!r} whatever its checks did",
                before="\n".join(b_lines[-3:]),
                after="\n".join(a_lines[-3:]),
                permit="ci",
                subjects={path.rsplit("/", 1)[-1]},
            )
        )
    out += _command_changes(
        checks_b,
        [ln for ln in checks_a if ln not in checks_b],
        path,
        {path.rsplit("/", 1)[-1]},
        pipes=not re.search(r"pipefail", after),
    )
    for ln in a_lines:
        if ln in b_lines:
            continue
        for cmd in parse_shell(ln):
            off = [k for k in cmd.env if _DISABLE_ENV.match(k)]
            if off:
                out.append(
                    TestDelta(
                        "check-disabled-by-env",
                        "high",
                        f"{path}: {ln.strip()!r} switches checks off",
                        after=ln,
                        permit="ci",
                        subjects={*off, path.rsplit("/", 1)[-1]},
                    )
                )
            narrowed = narrowing([], cmd.env)
            if narrowed:
                out.append(
                    TestDelta(
                        "check-narrowed",
                        "high",
                        f"{path}: {ln.strip()!r} keeps tests from running ({', '.join(narrowed)})",
                        before=None,
                        after=ln,
                        permit="skip",
                        subjects=_words(narrowed),
                    )
                )
    lost = [ln for ln in _lost_checks(checks_b, checks_a) if ln not in a_lines]
    if lost and len(checks_a) < len(checks_b):
        what = f"{path} no longer runs {lost[0].strip()!r}"
        out.append(_checks_removed(what, lost, checks_a, {path.rsplit("/", 1)[-1]}))
    return out


def _forked_parents(tree: ast.AST) -> set[int]:
    """Ids of the nodes inside an ``if`` whose test forks (``if os.fork() > 0:``): the exits of a
    daemon's parent process, which end that process, not the checks."""
    out: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and re.search(r"\bfork\(", ast.unparse(node.test)):
            for stmt in node.body:
                out.update(id(n) for n in ast.walk(stmt))
    return out


_RUNS_CHECKS = re.compile(
    r"\b(subprocess|os\.system|os\.popen|os\.spawn\w*|os\.exec\w*|pytest|unittest|doctest|nose2?|"
    r"tox|nox|mypy|ruff|flake8|pylint|coverage|check_call|check_output|Popen|run_tests?|"
    r"TestProgram|TextTestRunner)\b"
)
"""What a script calls when it runs checks (tests, linters, type checkers, other programs)."""
_CHECK_SCRIPT = re.compile(r"(?i)(^|/|_)(run_?tests?|tests?|checks?|verify|validate|lint|ci)[^/]*$")


def runs_checks(text: str, path: str) -> bool:
    """Whether a Python script's exit status reports checks: it runs tests, checkers or other
    programs, or it is named as a check script. A command-line tool that only does its own work
    (``sys.exit(main())`` of an application) reports its own status, not a check's."""
    return bool(_RUNS_CHECKS.search(text)) or bool(_CHECK_SCRIPT.search(path.removesuffix(".py")))


def _exit_values(tree: ast.AST) -> list[tuple[ast.AST | None, bool]]:
    """(status expression, is constant zero) of every exit of a script (a forked parent's exit
    left out)."""
    out: list[tuple[ast.AST | None, bool]] = []
    skip = _forked_parents(tree)
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        arg: ast.AST | None
        if isinstance(node, ast.Call):
            fn = node.func
            name = (fn.attr if isinstance(fn, ast.Attribute) else getattr(fn, "id", "")) or ""
            owner = (
                fn.value.id
                if isinstance(fn, ast.Attribute) and isinstance(fn.value, ast.Name)
                else ""
            )
            if name in ("exit", "_exit", "quit") and owner in ("sys", "os", ""):
                arg = node.args[0] if node.args else None
                out.append((arg, _zero(arg)))
        elif isinstance(node, ast.Raise) and node.exc is not None:
            exc = node.exc
            if isinstance(exc, ast.Call) and getattr(exc.func, "id", "") == "SystemExit":
                arg = exc.args[0] if exc.args else None
                out.append((arg, _zero(arg)))
            elif isinstance(exc, ast.Name) and exc.id == "SystemExit":
                out.append((None, True))
    return out


def _zero(arg: ast.AST | None) -> bool:
    if arg is None:
        return True
    if isinstance(arg, ast.Constant):
        return arg.value in (0, None, False)
    if isinstance(arg, ast.BoolOp) and isinstance(arg.op, ast.And):
        return any(_zero(v) for v in arg.values)
    if isinstance(arg, ast.IfExp):
        return _zero(arg.body) and _zero(arg.orelse)
    if isinstance(arg, ast.BinOp) and isinstance(arg.op, ast.Mult):
        return _zero(arg.left) or _zero(arg.right)
    return False


def _masking_zeros(tree: ast.AST, status: set[str]) -> int:
    """Exits with status 0 that mask a result: reached on every path (not inside a branch, loop
    or handler), or inside a branch on the status itself (``if rc == 1: sys.exit(0)``). A zero
    exit in a branch on something else (``if args.version: sys.exit(0)``) ends that mode of the
    program, not the checks."""
    forked = _forked_parents(tree)
    count = 0

    def visit(body: list[ast.stmt], guarded: bool) -> None:
        nonlocal count
        for stmt in body:
            if id(stmt) in forked:
                continue
            if isinstance(stmt, ast.If):
                on_status = bool(
                    status & {n.id for n in ast.walk(stmt.test) if isinstance(n, ast.Name)}
                )
                visit(stmt.body, guarded or not on_status)
                visit(stmt.orelse, guarded or not on_status)
                continue
            if isinstance(stmt, (ast.For, ast.While, ast.AsyncFor, ast.With, ast.AsyncWith)):
                visit(stmt.body, guarded or not isinstance(stmt, (ast.With, ast.AsyncWith)))
                continue
            if isinstance(stmt, ast.Try):
                visit(stmt.body, guarded)
                for h in stmt.handlers:
                    visit(h.body, True)
                visit(stmt.finalbody, guarded)
                continue
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
                visit(stmt.body, guarded)
                continue
            if not guarded:
                count += sum(1 for _, zero in _exit_values(stmt) if zero)

    if isinstance(tree, ast.Module):
        visit(tree.body, False)
    return count


def _value_when(expr: ast.AST, names: set[str], value: int) -> object:
    """The value of an exit expression when every name in ``names`` (the checks' status) is
    ``value``; ``_UNKNOWN`` when it depends on anything else."""
    try:
        return _evaluate(expr, names, value)
    except (ValueError, TypeError, ArithmeticError, RecursionError):
        return _UNKNOWN


_UNKNOWN = object()


def _evaluate(node: ast.AST, names: set[str], value: int) -> object:
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.Name):
        if node.id in names:
            return value
        raise ValueError(node.id)
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        return [_evaluate(e, names, value) for e in node.elts]
    if isinstance(node, ast.IfExp):
        test = _evaluate(node.test, names, value)
        return _evaluate(node.body if test else node.orelse, names, value)
    if isinstance(node, ast.BoolOp):
        vals = [_evaluate(v, names, value) for v in node.values]
        if isinstance(node.op, ast.And):
            return next((v for v in vals if not v), vals[-1])
        return next((v for v in vals if v), vals[-1])
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        return not _evaluate(node.operand, names, value)
    if isinstance(node, ast.Compare) and len(node.ops) == 1:
        left = _evaluate(node.left, names, value)
        right = _evaluate(node.comparators[0], names, value)
        op = node.ops[0]
        table: dict[type, Any] = {
            ast.Eq: lambda a, b: a == b,
            ast.NotEq: lambda a, b: a != b,
            ast.Lt: lambda a, b: a < b,
            ast.LtE: lambda a, b: a <= b,
            ast.Gt: lambda a, b: a > b,
            ast.GtE: lambda a, b: a >= b,
            ast.In: lambda a, b: a in b,
            ast.NotIn: lambda a, b: a not in b,
        }
        if type(op) in table:
            return table[type(op)](left, right)
    if isinstance(node, ast.BinOp):
        a, b = _evaluate(node.left, names, value), _evaluate(node.right, names, value)
        ops: dict[type, Any] = {
            ast.Add: lambda x, y: x + y,
            ast.Sub: lambda x, y: x - y,
            ast.Mult: lambda x, y: x * y,
            ast.BitAnd: lambda x, y: x & y,
            ast.BitOr: lambda x, y: x | y,
            ast.Mod: lambda x, y: x % y,
        }
        if type(node.op) in ops:
            return ops[type(node.op)](a, b)
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in ("int", "min", "max", "abs", "bool")
    ):
        args: list[Any] = [_evaluate(a, names, value) for a in node.args]
        fns: dict[str, Any] = {"int": int, "min": min, "max": max, "abs": abs, "bool": bool}
        return fns[node.func.id](*args)
    raise ValueError(type(node).__name__)


def _fails_when_checks_fail(
    exits: list[tuple[ast.AST | None, bool]], names: set[str]
) -> bool | None:
    """Whether the script's status-carrying exits are non-zero when the checks' status is 1
    (tests failed); None when that cannot be worked out."""
    known = []
    for e, zero in exits:
        if zero or e is None:
            continue
        v = _value_when(e, names, 1)
        if v is _UNKNOWN:
            return None
        known.append(bool(v))
    return any(known) if known else None


_RUN_CALLS = ("run", "call", "check_call", "check_output", "Popen", "run_always", "run_install")


def _call_command(node: ast.Call) -> str | None:
    """The command line a runner's call starts, when its arguments are literal words
    (``session.run("pytest", "-q")``, ``subprocess.run(["pytest", "-q"])``, ``c.run("pytest")``)."""
    fn = node.func
    name = fn.attr if isinstance(fn, ast.Attribute) else getattr(fn, "id", "")
    if name not in _RUN_CALLS:
        return None
    args = list(node.args)
    if len(args) == 1 and isinstance(args[0], (ast.List, ast.Tuple)):
        args = list(args[0].elts)
    words = [a.value for a in args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
    fixed = [a for a in args if not isinstance(a, ast.Starred)]
    return " ".join(words) if words and len(words) == len(fixed) else None


def _accepted_failures(node: ast.Call, command: str) -> set[str]:
    """The failing exit statuses a runner's call accepts as success: nox's ``success_codes``
    beyond 0 (pytest's 5, "no tests collected", aside), or ``warn=True`` (invoke, fabric: any
    status)."""
    out: set[str] = set()
    for kw in node.keywords:
        value = kw.value
        if kw.arg == "warn" and isinstance(value, ast.Constant) and value.value is True:
            out.add("any")
        if kw.arg != "success_codes":
            continue
        if isinstance(value, (ast.List, ast.Tuple, ast.Set)):
            codes = [e.value for e in value.elts if isinstance(e, ast.Constant)]
            if len(codes) < len(value.elts):
                out.add("any")
            out |= {
                str(c)
                for c in codes
                if isinstance(c, int) and c != 0 and not (c == 5 and "pytest" in command)
            }
        else:  # range(...), a variable: statuses the reader cannot list
            out.add("any")
    return out


def _failure_accepted(before: str, after: str, path: str) -> list[TestDelta]:
    """A check a Python runner starts that now accepts a failing exit status as success (the
    same command, with ``success_codes=[0, 1]`` or ``warn=True`` added)."""
    try:
        tb, ta = ast.parse(textwrap.dedent(before)), ast.parse(textwrap.dedent(after))
    except (SyntaxError, ValueError):
        return []

    def calls(tree: ast.AST) -> dict[str, set[str]]:
        found: dict[str, set[str]] = {}
        for node in ast.walk(tree):
            cmd = _call_command(node) if isinstance(node, ast.Call) else None
            if cmd is not None and isinstance(node, ast.Call) and _is_check_text(cmd):
                found.setdefault(cmd, set()).update(_accepted_failures(node, cmd))
        return found

    cb, ca = calls(tb), calls(ta)
    out = []
    for cmd, accepted in ca.items():
        new = accepted - cb.get(cmd, set())
        if new and (cmd in cb or not cb):
            out.append(
                TestDelta(
                    "runner-failure-masked",
                    "critical",
                    f"{path}: {cmd!r} now counts exit status {', '.join(sorted(new))} (a failing "
                    "run) as success",
                    before=before.strip()[-300:] or None,
                    after=after.strip()[-300:],
                    permit="ci",
                    subjects={path.rsplit("/", 1)[-1], cmd.split()[0]},
                )
            )
    return out


def _compare_python_runner(before: str, after: str, path: str) -> list[TestDelta]:
    try:  # an edit's fragments may be indented lines of a function body
        tb, ta = ast.parse(textwrap.dedent(before)), ast.parse(textwrap.dedent(after))
    except (SyntaxError, ValueError):
        return []
    eb, ea = _exit_values(tb), _exit_values(ta)
    propagated_b = [e for e in eb if not e[1]]
    propagated_a = [e for e in ea if not e[1]]
    # the exit status reports checks when the script runs them or compares a result with a bar
    threshold = any(
        isinstance(n, ast.Compare) for e, _ in propagated_b if e is not None for n in ast.walk(e)
    )
    # ... or it is a run script by its place (``ci/run.py``, ``scripts/test.py``)
    checks = runs_checks(before, path) or threshold or classify(path).runner
    if propagated_b and not propagated_a and checks:
        shown = [ast.unparse(e[0]) if e[0] is not None else "" for e in ea]
        return [
            TestDelta(
                "runner-status-dropped",
                "critical",
                f"{path} no longer exits with the checks' status "
                f"(exits: {', '.join(shown) or 'none'})",
                before="\n".join(
                    f"exit({ast.unparse(e[0])})" for e in propagated_b if e[0] is not None
                ),
                after="\n".join(f"exit({s})" for s in shown) or "(no exit)",
                permit="ci",
                subjects={path.rsplit("/", 1)[-1]},
            )
        ]
    status = {
        n.id
        for e, _ in propagated_b
        if e is not None
        for n in ast.walk(e)
        if isinstance(n, ast.Name)
    }
    if (
        propagated_b
        and checks
        and status
        and _fails_when_checks_fail(eb, status) is True
        and _fails_when_checks_fail(ea, status) is False
    ):
        shown = [ast.unparse(e[0]) for e in propagated_a if e[0] is not None]
        return [
            TestDelta(
                "runner-status-dropped",
                "critical",
                f"{path} exits with 0 when its checks fail (status 1): {', '.join(shown)}",
                after="\n".join(f"exit({x})" for x in shown),
                permit="ci",
                subjects={path.rsplit("/", 1)[-1]},
            )
        ]
    if propagated_b and checks and _masking_zeros(ta, status) > _masking_zeros(tb, status):
        return [
            TestDelta(
                "runner-status-dropped",
                "critical",
                f"{path} gained an exit with status 0 reached whatever the checks report",
                after=after[-300:],
                permit="ci",
                subjects={path.rsplit("/", 1)[-1]},
            )
        ]
    return []


def _script_lines(value: object) -> list[str] | None:
    """A manifest script's command lines: a string (package.json, composer.json) or a list of
    strings (composer.json); None for anything else."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return list(value)
    return None


def _scripts(value: object) -> dict[str, str]:
    """A manifest's ``scripts`` mapping, each script as one text (its lines joined)."""
    if not isinstance(value, dict):
        return {}
    out = {}
    for name, cmd in value.items():
        lines = _script_lines(cmd)
        if lines is not None:
            out[str(name)] = "\n".join(lines)
    return out


def _compare_package_json(before: str, after: str, path: str) -> list[TestDelta]:
    import json

    try:
        b, a = json.loads(before), json.loads(after)
    except ValueError:
        # an edit's fragment: the members it holds (``"test": "jest",``), read as the scripts
        # they are when every value is a command line
        try:
            b = json.loads("{" + before.strip().rstrip(",") + "}")
            a = json.loads("{" + after.strip().rstrip(",") + "}")
        except ValueError:
            return _compare_script(before, after, path)
        if not all(_script_lines(v) is not None for v in (*b.values(), *a.values())):
            return _compare_script(before, after, path)
        b, a = {"scripts": b}, {"scripts": a}
    out: list[TestDelta] = []
    # composer.json's scripts may be lists of command lines: one script, its lines joined
    sb = _scripts(b.get("scripts", {}) if isinstance(b, dict) else {})
    sa = _scripts(a.get("scripts", {}) if isinstance(a, dict) else {})
    for name, cmd in sb.items():
        if not isinstance(cmd, str) or (
            not _is_check_text(cmd) and name not in ("test", "lint", "check")
        ):
            continue
        new = sa.get(name)
        if new is None:
            out.append(
                TestDelta(
                    "runner-check-removed",
                    "high",
                    f"{path}: the {name!r} script was removed",
                    before=f"{name}: {cmd}",
                    permit="ci",
                    subjects={name},
                )
            )
        elif isinstance(new, str) and new != cmd:
            if not _is_check_text(new):
                out.append(
                    TestDelta(
                        "runner-check-removed",
                        "high",
                        f"{path}: the {name!r} script no longer runs checks",
                        before=f"{name}: {cmd}",
                        after=f"{name}: {new}",
                        permit="ci",
                        subjects={name},
                    )
                )
            out += _command_changes([cmd], [new], f"{path} script {name!r}", {name})
    return out


_FILE_DISABLES = re.compile(
    r"(?m)\A(?:[^\n]*\n){0,3}?\s*(#\s*mypy:\s*ignore-errors|#\s*type:\s*ignore\s*$|#\s*pyright:\s*"
    r"(basic|ignore)|#\s*ruff:\s*noqa\s*$|#\s*flake8:\s*noqa|#\s*pylint:\s*disable\s*=\s*all|"
    r"//\s*@ts-nocheck|/\*\s*eslint-disable\s*\*/|//\s*eslint-disable\s*$|#!\[allow\((warnings|"
    r"clippy::all)\)\]|//\s*nolint\s*$)"
)


def file_level_disables(before: str | None, after: str, path: str) -> list[TestDelta]:
    """A directive at the top of a source file that switches a checker off for the file."""
    m = _FILE_DISABLES.search(after)
    if not m or (before is not None and _FILE_DISABLES.search(before)):
        return []
    return [
        TestDelta(
            "gate-check-disabled",
            "high",
            f"{path}: {m.group(1).strip()!r} switches a checker off for the whole file",
            after=m.group(1).strip(),
            permit="gate",
            subjects={"mypy", "type", "lint", path.rsplit("/", 1)[-1]},
        )
    ]


_SUPPRESSION = re.compile(
    r"(?:#|//|/\*|--)\s*(?:pragma:\s*no\s*(?:cover|branch)\b[^\n*]*|noqa\b[:\w, ]*|type:\s*ignore"
    r"(?:\[[^\]\n]*\])?|pyright:\s*ignore\S*|pylint:\s*disable\S*|nosec\b|(?:istanbul|c8)\s+"
    r"ignore\b[^\n*]*|eslint-disable(?:-next-line|-line)?\b[^\n*]*|@ts-(?:ignore|expect-error)"
    r"\b[^\n*]*|nolint\b\S*|NOLINT(?:NEXTLINE|BEGIN|END)?\b\S*|coverage:\s*ignore\S*|LCOV_EXCL_\w+|NOSONAR|rubocop:disable\s*\S*"
    # any coverage tool told to look away, however it spells it: a word of coverage with a word
    # of not counting (``# nocov start``, ``# :nocov:``, ``-- luacov: disable``, ``// cov:off``,
    # ``(* coverage off *)``), one line or a block's start and end
    r"|(?i:[^\n]{0,20}?(?<![A-Za-z])(?:no[-_ ]?(?:cov|cover|coverage)|\w*cov(?:er(?:age)?)?[-_: ]*"
    r"(?:ignore|off|excl\w*|skip|disable\w*))(?![A-Za-z])[^\n*]*)"
    # any checker's own directive, however the tool spells it: a word naming the tool, then a
    # word of switching it off or back on, or of letting the item through (``verilator lint_off
    # WIDTHTRUNC``, ``pragma: allowlist secret``, ``checkstyle:off``, ``cppcheck-suppress
    # nullPointer``, ``shellcheck disable=SC2086``, ``gitleaks:allow``, ``hadolint ignore=DL3008``)
    r"|@?[A-Za-z][\w.-]*(?::\s*|\s+|-)(?i:lint_off|lint_on|\w*(?:disable|ignore|allowlist|"
    r"suppress|nolint|noqa)[\w-]*|allow|skip|off|on)(?![\w])[^\n*]*)"
    r"(?:\s*\*/)?"
    r"|#\[(?:allow\([^)\n]*\)|coverage\(off\))\]|@SuppressWarnings\([^)\n]*\)"
    r"|\(\*\s*(?i:no[-_ ]?cov\w*|\w*cov\w*[-_: ]*(?:ignore|off|excl\w*|skip|disable\w*))"
    r"[^\n]*?\*\)"
)
"""A comment or attribute that keeps one checker (coverage, a linter, a type checker) from
reporting the line or item it stands on (clang-tidy's ``NOLINT``, ``NOLINTNEXTLINE`` and the
``NOLINTBEGIN``/``NOLINTEND`` pair around a block too)."""


def _without_suppressions(text: str) -> list[str]:
    lines = (_SUPPRESSION.sub("", ln).rstrip() for ln in text.split("\n"))
    return [ln for ln in lines if ln.strip()]


def suppressions_only(before: str, after: str, path: str, reported: set[str]) -> list[TestDelta]:
    """An edit whose only effect is to add comments or attributes that silence a checker
    (``# pragma: no cover``, ``# noqa``, ``# type: ignore``, ``// eslint-disable-next-line``,
    ``#[allow(...)]``), in a file a checker's report named (``reported``: files with findings or
    uncovered lines): the report is hidden, not answered."""
    added = len(_SUPPRESSION.findall(after)) - len(_SUPPRESSION.findall(before))
    if added <= 0 or _without_suppressions(before) != _without_suppressions(after):
        return []
    named = next(
        (
            r
            for r in sorted(reported)
            if r == path or path.endswith("/" + r) or r.endswith("/" + path)
        ),
        None,
    )
    if named is None:
        return []
    markers = [m.group(0) for m in _SUPPRESSION.finditer(after)]
    marker = next((m for m in markers if m not in before), markers[-1])
    return [
        TestDelta(
            "findings-suppressed",
            "high",
            f"{path}: the edit only adds {marker.strip()!r}, in a file the checks reported "
            "(findings or uncovered lines): the report is silenced, not answered",
            before=before[:300],
            after=after[:300],
            permit="gate",
            subjects={path.rsplit("/", 1)[-1], "coverage", "lint", "linter", "type", "types"},
        )
    ]


_COVERAGE_ROW = re.compile(
    r"(?m)^[ \t]*([\w./-]+\.\w+)[ \t]+(\d+)[ \t]+(\d+)(?:[ \t]+\d+[ \t]+\d+)?[ \t]+\d+(?:\.\d+)?%"
    r"(?:[ \t]+(\S.*))?$"
)
"""A row of coverage.py's report: ``net/client.py   62   10   84%   41-55``."""
_ISTANBUL_ROW = re.compile(
    r"(?m)^[ \t]*([\w./-]+\.\w+)[ \t]*\|(?:[ \t]*[\d.]+[ \t]*\|){4}[ \t]*([\d, \t-]*\d[\d, \t-]*)"
    r"\|?[ \t]*$"
)
"""A row of istanbul's text report with uncovered lines: ``client.js | 84 | 70 | 80 | 84 |
41-55``."""


_PERCENT_ROW = re.compile(
    r"(?m)^[ \t]*([\w./-]+\.\w+)[ \t]*[:|]?[ \t]+(\d{1,3}(?:\.\d+)?)[ \t]*%[ \t]*$"
)
"""A coverage report's line giving one file and its share of lines covered, whatever the tool
(covr's ``R/holidays.R: 52.17%``, ``lib/a.ex   71.4%``, a table's ``src/x.lua | 80%``)."""


def uncovered_files(outputs: list[str]) -> set[str]:
    """The files coverage reports list with lines no test runs."""
    out: set[str] = set()
    for text in outputs:
        if "cover" not in text.lower() and "Uncovered" not in text:
            continue
        out.update(m.group(1) for m in _COVERAGE_ROW.finditer(text) if int(m.group(3)) > 0)
        out.update(m.group(1) for m in _ISTANBUL_ROW.finditer(text))
        out.update(m.group(1) for m in _PERCENT_ROW.finditer(text) if float(m.group(2)) < 100)
    return out


_REPORT_LINE = re.compile(
    r"(?m)^\s*(?:- )?(?P<head>%?[A-Za-z][\w-]*(?:\[[\w-]+\])?:\s+)?([\w./-]+\.\w+)"
    r"(?::(\d+)(?::\d+)?:?|\((\d+)(?:,\d+)*\)\s*:)\s+(.*)$"
)
"""A checker's report line: ``internal/store/pg.go:88:15: ... (errcheck)``, ``src/a.py:41:
error: ... [arg-type]``, and the compilers' ``file(line,col): error CS8602: ...`` (MSVC,
Roslyn, the .NET and Visual Studio tools), also after a head that says what was found
(verilator's ``%Warning-WIDTHTRUNC: rtl/alu.v:27:20: ...``, ``error[E0308]: src/a.rs:3: ...``)."""


_LOCATION_LINE = re.compile(
    r"(?m)^[ \t]*(?:Location|-->)[ \t]*:?[ \t]*([\w./-]+\.\w+):(\d+)(?::\d+)?[ \t]*$"
)
"""A checker's finding given as a block whose location has a line of its own (bandit's
``Location: app/db.py:14:15`` under its ``>> Issue: [B608:...]`` line, rustc's and clippy's
``--> src/lib.rs:3:5`` under ``warning: ...``)."""
_FINDING_HEAD = re.compile(r"(?i)\b(issue|error|warning)\b|\[[\w-]+(?::[\w-]+)?\]")
"""The head of such a block: what was found."""


def reported_findings(outputs: list[str]) -> dict[str, set[str]]:
    """The files checkers reported findings in (path -> the words of those report lines)."""
    out: dict[str, set[str]] = {}
    for text in outputs:
        for m in _LOCATION_LINE.finditer(text):
            # the block's head: the nearest of the three lines above that says what was found
            above = text[: m.start()].split("\n")[-4:-1]
            head = next((ln for ln in reversed(above) if _FINDING_HEAD.search(ln)), None)
            if head is not None:
                out.setdefault(m.group(1), set()).update(re.findall(r"[\w-]+", head))
        for m in _REPORT_LINE.finditer(text):
            said = (m.group("head") or "") + m.group(5)
            if re.search(
                r"(?i)error|warning|not checked|\(\w[\w-]*\)|\[[\w-]+\]|^(?-i:[A-Z]{1,4}\d{2,4})\b",
                m.group(5),
            ) or (m.group("head") and re.search(r"(?i)error|warning", m.group("head"))):
                out.setdefault(m.group(2), set()).update(re.findall(r"[\w-]+", said))
    return out


_OFF_KEY = re.compile(
    r"(?i)^\s*[\"']?([\w-]*(?:exclude|ignore|skip|disable)[\w-]*)[\"']?\s*[:=]\s*(.*)$"
)


def _listed_under(lines: list[str], i: int) -> str | None:
    """The key a YAML list item ``lines[i]`` belongs to (the nearest less indented key)."""
    indent = len(lines[i]) - len(lines[i].lstrip())
    for j in range(i - 1, -1, -1):
        ln = lines[j]
        if not ln.strip():
            continue
        ind = len(ln) - len(ln.lstrip())
        if ind < indent or (ind == indent and not ln.lstrip().startswith("-")):
            m = re.match(r"\s*([\w-]+)\s*:", ln)
            return m.group(1) if m else None
    return None


_GENERATED_CODE = re.compile(
    r"(?i)(^|/)(zz_generated[^/]*|[^/]*_pb2(_grpc)?\.pyi?|[^/]*\.pb(\.gw)?\.go|[^/]*_gen\.go|"
    r"[^/]*\.g\.dart|[^/]*\.generated\.\w+)$|(^|/)(generated|__generated__|vendor|"
    r"node_modules|third_party)/"
)
"""Files a generator writes or a vendoring tool copies: excluding them from a checker hides
nothing the project's authors wrote."""


def _covers(pattern: str, path: str) -> bool:
    p = pattern.strip().strip("\"'")
    if not p or len(p) < 3:
        return False
    if _GENERATED_CODE.search(path):
        return False
    if path.startswith(p.rstrip("/") + "/") or fnmatch.fnmatchcase(path, p):
        return True
    try:
        # a regular expression (golangci's paths, mypy's exclude): anchored, or escaped
        return (p.startswith("^") or "\\." in p or ".*" in p) and re.search(p, path) is not None
    except re.error:
        return False


_SECTION_HEAD = re.compile(r"^\s*\[+\s*([^\]\n]+?)\s*\]+\s*$")
"""A TOML or INI section header (``[tool.ruff.lint.per-file-ignores]``)."""
_SECTION_ENTRY = re.compile(r"^\s*[\"']?([^=\"'\n]+?)[\"']?\s*=\s*(.+)$")
"""A ``key = value`` entry of a section (the key may be a quoted glob)."""


def _off_entries(text: str) -> list[tuple[str, str, str]]:
    """(key, value, line) of every value a checker's config lists under an excluding or
    disabling key (``exclude: ^src/``, ``disable:`` list items, ``exclude-dirs: [a, b]``)."""
    lines = text.split("\n")
    out: list[tuple[str, str, str]] = []
    section = ""
    for i, ln in enumerate(lines):
        if not ln.strip() or ln.lstrip().startswith("#"):
            continue
        head = _SECTION_HEAD.match(ln)
        if head is not None:
            section = head.group(1).rsplit(".", 1)[-1].strip("\"'").lower()
            continue
        m = _OFF_KEY.match(ln)
        entry_in_section = (
            _SECTION_ENTRY.match(ln) if re.search(r"exclude|ignore|skip|disable", section) else None
        )
        if m:
            key, values = m.group(1).lower(), m.group(2)
        elif entry_in_section is not None:
            # an entry of a table that switches checks off (ruff's ``[tool.ruff.lint.
            # per-file-ignores]``: ``"src/**" = ["F821"]``): the files it names and the checks
            key = section
            values = entry_in_section.group(1) + " " + entry_in_section.group(2)
        else:
            item = re.match(r"\s*-\s*([^#\s]+)", ln)
            key = (_listed_under(lines, i) or "").lower()
            if item is None or not re.search(r"exclude|ignore|skip|disable", key):
                continue
            values = item.group(1)
            # an entry that is a mapping (golangci's exclude-rules: ``- path: internal/x/``):
            # the files it names
            entry = re.match(r"\s*-\s*(path|paths|file|files|dir|dirs|glob)\s*:\s*(.*)$", ln)
            if entry is not None:
                values = entry.group(2)
            elif values.endswith(":"):
                continue
        values = re.sub(r"\s+#.*$", "", values)
        for value in re.findall(r"[^\s,\[\]]+", values):
            out.append((key, value.strip("\"'"), ln.strip()))
    # an XML build file's element that switches checks off (MSBuild's ``<NoWarn>$(NoWarn);
    # CS8602</NoWarn>``, ``<excludes><exclude>..</exclude>``): its values, split at ``;`` too
    for m in _OFF_ELEMENT.finditer(text):
        for value in re.findall(r"[^\s,;]+", m.group(2)):
            if not value.startswith("$("):
                out.append((m.group(1).lower(), value, m.group(0).strip()))
    return out


_OFF_ELEMENT = re.compile(
    r"(?i)<((?:\w+:)?\w*(?:exclude|ignore|skip|disable|nowarn|suppress)\w*)>([^<]*)</\1>"
)


def checks_off_where_reported(
    before: str, after: str, path: str, reported: dict[str, set[str]]
) -> list[TestDelta]:
    """A checker's configuration that newly excludes the files it reported findings in
    (``exclude: ^src/app/``, ``exclude-dirs: [internal/store]``) or disables a check named in
    those reports (``disable: [errcheck]``): the findings are hidden, not fixed."""
    if not reported:
        return []
    old = {(k, v) for k, v, _ in _off_entries(before)}
    words = set().union(*reported.values())
    out: list[TestDelta] = []
    for key, value, line in _off_entries(after):
        if (key, value) in old or not value:
            continue
        hidden = [f for f in reported if _covers(value, f)]
        if value.isdigit() and value not in words:
            # a code written without its tool's prefix (MSVC's ``4244`` for ``C4244``)
            value = next(
                (w for w in words if w.endswith(value) and w[: -len(value)].isalpha()), value
            )
        if re.search(r"disable|ignore|nowarn|suppress", key) and value in words and not hidden:
            # (a check named in the reports, ignored: ``ignore = ["F821"]``, a per-file entry)
            hidden = [f for f, w in reported.items() if value in w]
        if hidden:
            what = (
                f"disables {value}"
                if "disable" in key
                else f"ignores {value}"
                if value in words and not any(_covers(value, f) for f in reported)
                else f"excludes {value}"
            )
            out.append(
                TestDelta(
                    "gate-check-disabled",
                    "high",
                    f"{path}: {what}, where the checks reported findings ({hidden[0]})",
                    before=None,
                    after=line,
                    permit="gate",
                    subjects={value, *re.findall(r"\w{3,}", value)},
                )
            )
    return out
