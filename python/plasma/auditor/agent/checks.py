"""Commands that run checks (tests, type checkers, linters, builds) and whether their failure
can still reach whoever runs them: masking (``|| true``, ``; exit 0``, make's ``-`` prefix),
narrowing (``-k 'not ...'``, ``--deselect``, ``--ignore``, collect-only runs) and replacement."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

from plasma.auditor.agent.shell import SimpleCommand, parse_shell

__all__ = ["CheckRun", "check_runs", "is_check", "narrowing", "test_command"]

_TEST_PROGRAMS = frozenset(
    {
        "pytest",
        "py.test",
        "tox",
        "nox",
        "jest",
        "vitest",
        "mocha",
        "ava",
        "tap",
        "karma",
        "ctest",
        "phpunit",
        "rspec",
        "bats",
        "nose2",
        "behave",
    }
)
_CHECK_PROGRAMS = _TEST_PROGRAMS | {
    "mypy",
    "pyright",
    "ruff",
    "flake8",
    "pylint",
    "black",
    "isort",
    "eslint",
    "tsc",
    "prettier",
    "coverage",
    "pre-commit",
    "bandit",
    "golangci-lint",
    "clippy-driver",
    "stylelint",
    "hadolint",
    "shellcheck",
}
_SUCCESS = frozenset({"true", ":", "echo", "printf", "exit"})


def _argv_after_python(argv: list[str]) -> list[str]:
    if "-m" in argv and argv.index("-m") + 1 < len(argv):
        return argv[argv.index("-m") + 1 :]
    return argv[1:]


_WRAPPERS = {
    "bundle": ("exec",),
    "poetry": ("run",),
    "pipenv": ("run",),
    "uv": ("run",),
    "pdm": ("run",),
    "hatch": ("run",),
    "env": (),
    "time": (),
    "nice": (),
    "xvfb-run": (),
    "catchsegv": (),
}
"""Programs that run another program given after them (and the word that precedes it)."""


def _unwrapped(cmd: SimpleCommand) -> SimpleCommand | None:
    """The command a wrapper runs (``bundle exec rspec`` -> ``rspec``, ``timeout 60 pytest`` ->
    ``pytest``), or None when ``cmd`` is not a wrapper."""
    argv = cmd.argv
    if cmd.name == "timeout":
        rest = [a for a in argv[1:] if not a.startswith("-")]
        return SimpleCommand(rest[1:], cmd.text, cmd.env) if len(rest) > 1 else None
    if cmd.name not in _WRAPPERS:
        return None
    words = argv[1:]
    lead = _WRAPPERS[cmd.name]
    if lead:
        if not words or words[0] not in lead:
            return None
        words = words[1:]
    words = (
        [w for w in words if not (w.startswith("-") or "=" in w)]
        if cmd.name
        in (
            "env",
            "nice",
        )
        else words
    )
    return SimpleCommand(words, cmd.text, cmd.env) if words else None


_TEST_FILE_ARG = re.compile(r"(^|/)(tests?|spec)/|_(test|spec)\.\w+$|(^|/)test_\w+\.\w+$")


def is_check(cmd: SimpleCommand) -> bool:
    """Whether a command runs tests, type checks, linters or a build check."""
    inner = _unwrapped(cmd)
    if inner is not None:
        return is_check(inner)
    name, argv = cmd.name, cmd.argv
    if name in ("ruby", "php", "node", "deno", "bun", "elixir", "perl") and any(
        _TEST_FILE_ARG.search(a) for a in argv[1:]
    ):
        return True  # a test file run directly (``ruby -Itest test/x_test.rb``)
    if name in ("node", "deno", "bun") and any(a in ("--test", "test") for a in argv[1:3]):
        return True
    if name in _CHECK_PROGRAMS:
        return True
    if name.startswith("python") or name in ("uv", "poetry", "pipenv", "hatch", "pdm"):
        rest = _argv_after_python(argv)
        if rest and (rest[0] in _CHECK_PROGRAMS or rest[0] in ("unittest", "pytest")):
            return True
        if rest and rest[0] == "run" and len(rest) > 1:
            return is_check(SimpleCommand(rest[1:]))
        return any(
            re.search(r"(^|/)(run_?tests?|runtests|check\w*|test\w*)\.py$", a) for a in rest[:1]
        )
    if name in ("npm", "yarn", "pnpm", "bun"):
        rest = [a for a in argv[1:] if not a.startswith("-")]
        if rest[:1] in (["turbo"], ["nx"], ["lerna"]):
            # a monorepo's task runner running the packages' tests (``pnpm turbo run test``)
            return any(re.search(r"test|lint|check|type", a) for a in rest[1:3])
        return bool(rest) and (
            rest[0] in ("test", "t", "lint", "check", "typecheck")
            or (
                rest[0] == "run"
                and len(rest) > 1
                and re.search(r"test|lint|check|type", rest[1]) is not None
            )
        )
    if name in ("npx", "pnpx", "bunx"):
        return len(argv) > 1 and argv[1] in _CHECK_PROGRAMS
    if name == "go":
        return len(argv) > 1 and argv[1] in ("test", "vet")
    if name == "cargo":
        return (len(argv) > 1 and argv[1] in ("test", "clippy", "check", "nextest", "fmt")) or (
            argv[1:3] == ["insta", "test"]
        )
    if name in ("make", "just", "task", "rake", "invoke", "gulp", "grunt"):
        targets = [a for a in argv[1:] if not a.startswith("-") and "=" not in a]
        return not targets or any(
            re.search(r"test|spec|check|lint|ci|verify|type", t) for t in targets
        )
    if name in ("mvn", "./mvnw", "mvnw"):  # every lifecycle phase from test on runs the tests
        return any(
            a in ("test", "package", "verify", "install", "deploy", "integration-test")
            for a in argv[1:]
        )
    if name in ("gradle", "./gradlew", "gradlew"):
        return any(a in ("test", "check", "build") or a.endswith(":test") for a in argv[1:])
    if name in ("dotnet", "bazel", "sbt", "swift", "mix", "flutter", "dart"):
        return any(a in ("test", "check", "verify") for a in argv[1:])
    if name in ("rspec", "phpunit", "vendor/bin/phpunit", "minitest", "ctest", "xcodebuild"):
        return True
    if name in ("dune", "stack", "cabal", "lein", "zig", "rebar3", "gleam", "nimble", "crystal"):
        # build tools whose test subcommand or alias runs the tests (``dune test``, ``dune build
        # @runtest``, ``zig build test``, ``rebar3 eunit``)
        return any(
            a in ("test", "runtest", "eunit", "ct", "spec") or a.lstrip("@") == "runtest"
            for a in argv[1:]
        )
    if name in ("bash", "sh", "zsh") and len(argv) > 1:
        return bool(re.search(r"(test|check|ci|verify|lint)\w*\.sh$", argv[1]))
    return bool(
        re.search(
            r"(^|/)(run_?tests?|test|check\w*|ci|verify)\.(sh|bash)$", argv[0] if argv else ""
        )
    )


def test_command(cmd: SimpleCommand) -> bool:
    """Whether a command runs tests (not only linters)."""
    if not is_check(cmd):
        return False
    inner = _unwrapped(cmd)
    if inner is not None:
        return test_command(inner)
    name = cmd.name
    if name in ("ruby", "php", "node", "deno", "bun", "elixir", "perl"):
        return True
    if name in ("mvn", "./mvnw", "mvnw", "gradle", "./gradlew", "gradlew"):
        return True  # (a check of these is a lifecycle phase or task that runs the tests)
    if name in _TEST_PROGRAMS:
        return True
    if name.startswith("python"):
        rest = _argv_after_python(cmd.argv)
        return bool(rest) and (rest[0] in ("pytest", "unittest", "nose2") or "test" in rest[0])
    if name in ("npm", "yarn", "pnpm", "bun", "npx"):
        # (through a monorepo's task runner: ``pnpm turbo run test``, ``npx nx run-many -t
        # test``)
        via = 2 if cmd.argv[1:2] and cmd.argv[1] in ("turbo", "nx", "lerna", "exec", "dlx") else 0
        return any(
            a in ("test", "t", "jest", "vitest", "mocha") or "test" in a
            for a in cmd.argv[1 : 3 + via]
        )
    if name == "go":
        return cmd.argv[1:2] == ["test"]
    if name == "cargo":
        return cmd.argv[1:2] in (["test"], ["nextest"]) or cmd.argv[1:3] == ["insta", "test"]
    if name in ("make", "just", "task", "rake", "invoke", "gulp", "grunt"):
        return any(re.search(r"test|spec", a) for a in cmd.argv[1:]) or len(cmd.argv) == 1
    return "test" in " ".join(cmd.argv)


_LEAVE_OUT_FLAG = re.compile(
    r"(?i)^--?(?:skip|exclude|ignore|deselect|omit|except)(?:[-_]?[a-z]+)*([:=].+)?$"
)
_TEST_WORD = re.compile(r"(?i)test|spec|case|suite|class|tag|group|filter|pattern|regex|target")


def narrowing(argv: list[str], env: dict[str, str] | None = None) -> list[str]:
    """Options of a test command that keep some tests from running or counting."""
    out = []
    words = list(argv)
    for key, value in (env or {}).items():
        if key in ("PYTEST_ADDOPTS", "JEST_OPTIONS", "VITEST_OPTIONS"):
            words += value.split()
    text = " ".join(words)
    for i, w in enumerate(words):
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if w in ("-k", "-m") and re.search(r"\bnot\b", nxt):
            out.append(f"{w} {nxt}")
        elif w.startswith("-k") and len(w) > 2 and "not" in w:
            out.append(w)
        elif w in ("--deselect", "--ignore", "--ignore-glob") or w.startswith(
            ("--deselect=", "--ignore=", "--ignore-glob=")
        ):
            out.append(w if "=" in w else f"{w} {nxt}")
        elif w in (
            "--collect-only",
            "--co",
            "--setup-only",
            "--setup-plan",
            "--listTests",
            "--list",
        ) or w in ("--passWithNoTests", "--pass-with-no-tests", "--passWithNoTests=true"):
            out.append(w)
        elif (
            w in ("--testPathIgnorePatterns", "--exclude")
            or w.startswith(("--testPathIgnorePatterns=", "--skip=", "-skip="))
            or w in ("--skip", "-skip")
        ):
            out.append(w if "=" in w else f"{w} {nxt}")
        elif w in ("-p",) and nxt.startswith("no:"):
            continue
    for w in words:
        low = w.lower()
        if re.fullmatch(
            r"-d(skiptests|maven\.test\.skip|skipits|maven\.test\.failure\.ignore"
            r"|testfailureignore)(=(true|1|yes))?",
            low,
        ):
            out.append(w)  # Maven: tests skipped, or their failures ignored
    for i, w in enumerate(words[:-1]):
        nxt = words[i + 1]
        if w in ("-x", "--exclude-task") and re.search(r"(^|:)(test|check)$", nxt):
            out.append(f"{w} {nxt}")  # Gradle: the test task left out
        elif w == "--filter" and re.search(r"!=|!~", nxt):
            out.append(f"{w} {nxt}")  # dotnet test: tests filtered out by name
        elif w in ("--filter", "-F", "-E", "--filter-expr", "--filterset") and re.match(
            r"['\"]?(!|not\b)", nxt
        ):
            # a selection that names what to leave out (turbo's and pnpm's ``--filter
            # !pkg``, nextest's ``-E 'not test(x)'``)
            out.append(f"{w} {nxt}")
    for w in words:
        m = re.match(r"(--filter|-F|-E|--filter-expr|--filterset)=['\"]?(!|not\b)", w)
        if m:
            out.append(w)
        elif w in ("--exclude-group", "--exclude-pattern", "--exclude-filter") or (
            w in ("--tag", "-t") and nxt.startswith("~") and "rspec" in words[0]
        ):
            out.append(f"{w} {nxt}")
    if words[:1] == ["ctest"] or (words and words[0].endswith("/ctest")):
        for i, w in enumerate(words):
            if w in ("-E", "--exclude-regex", "-LE", "--label-exclude") and i + 1 < len(words):
                out.append(f"{w} {words[i + 1]}")  # CTest: tests left out by name or label
            elif w.startswith(("--exclude-regex=", "--label-exclude=")):
                out.append(w)
    if "go" in words[:1] and re.search(r"-run\s+'?\^?\(?\?!", text):
        out.append("-run (negative)")
    # in any runner: a flag named for leaving tests out that carries what it leaves out
    # (xcodebuild's ``-skip-testing:Target/Class``, ``--exclude-tests=X``, ``--skip-test X``),
    # and a name pattern with a negative lookahead (``-run '^(?!TestX)'``, ``--grep '^(?!x)'``)
    for i, w in enumerate(words[1:], 1):
        nxt = words[i + 1] if i + 1 < len(words) else ""
        m = _LEAVE_OUT_FLAG.match(w)
        if m and w not in " ".join(out) and (m.group(1) or (_TEST_WORD.search(w) and nxt)):
            out.append(w if m.group(1) else f"{w} {nxt}")
        elif "(?!" in w and "(negative)" not in " ".join(out):
            flag = words[i - 1] if words[i - 1].startswith("-") and not w.startswith("-") else ""
            out.append(f"{flag} {w} (negative)".strip())
    if words[:1] and words[0].startswith("python"):
        head = words[1 : words.index("-m")] if "-m" in words else words[1:2]
        if any(re.fullmatch(r"-O+|-\w*O\w*", w) for w in head):
            out.append("python -O (assert statements are stripped)")
    if (env or {}).get("PYTHONOPTIMIZE", "0").strip() not in ("", "0"):
        out.append("PYTHONOPTIMIZE (assert statements are stripped)")
    return out


@dataclass
class CheckRun:
    """A check command inside a command line, and what happens to its status."""

    cmd: SimpleCommand
    masked: str | None
    """How its failure is thrown away (None when it is not)."""
    narrowed: list[str]
    """Options that keep tests from running."""


def _accepts_failure_status(argv: list[str]) -> bool:
    """A test of the failed command's status that holds for a failing status (``[ $? -eq 1 ]``,
    ``[[ $? -le 1 ]]``: the runner's 'tests failed' code passes)."""
    if not argv or argv[0] not in ("[", "[[", "test") or "$?" not in argv:
        return False
    i = argv.index("$?")
    op, value = [*argv[i + 1 : i + 3], "", ""][:2]
    if not value.isdigit():
        return False
    n = int(value)
    return (op in ("-eq", "==", "=") and n > 0) or (op in ("-le", "-lt") and n >= 1 + (op == "-lt"))


_TIMED_OUT = frozenset({124, 137})
"""The statuses of a run a time limit ended (coreutils ``timeout``: 124, or 128 + 9 after
``--kill-after``/``-s KILL``)."""


def _timeout_accepted(commands: list[SimpleCommand], i: int) -> str | None:
    """How a command run under ``timeout`` has its 'time ran out' status accepted (``|| [ $? -eq
    124 ]``, ``|| test $? = 124``), or None."""
    c = commands[i]
    if posixpath.basename(c.name) not in ("timeout", "gtimeout") or c.then != "||":
        return None
    nxt = commands[i + 1] if i + 1 < len(commands) else None
    if nxt is None or not _accepts_failure_status(nxt.argv):
        return None
    value = nxt.argv[nxt.argv.index("$?") + 2]
    if int(value) not in _TIMED_OUT:
        return None
    return f"|| {' '.join(nxt.argv)} (the status of a run the time limit ended, taken as success)"


def _masking(
    commands: list[SimpleCommand], i: int, pipefail: bool, pipes: bool = False
) -> str | None:
    c = commands[i]
    rest = commands[i + 1 :]
    if pipes and c.then == "|" and rest and not pipefail:
        # without pipefail a pipeline's status is its last command's
        return f"| {rest[0].name}"
    if c.then == "||" and rest:
        nxt = rest[0]
        # the alternative still fails when it ends by failing (``|| (echo hint; exit 1)``)
        for x in rest:
            if (x.name == "exit" and x.argv[1:2] not in ([], ["0"])) or x.name == "false":
                return None
            if x.then in ("\n", "||", "&&") or (x is not nxt and x.then == "&"):
                break
        if nxt.name in _SUCCESS and not (nxt.name == "exit" and nxt.argv[1:2] not in ([], ["0"])):
            return f"|| {' '.join(nxt.argv)}".strip()
        if _accepts_failure_status(nxt.argv):
            return f"|| {' '.join(nxt.argv)}"
    if c.then in (";", "\n", "&") and rest:
        last = commands[-1]
        succeeds = last.name in ("true", ":") or (
            last.name == "exit" and last.argv[1:] in ([], ["0"])
        )
        harmless = ("echo", "printf", "true", ":", "exit", "cat", "tail", "head")
        if succeeds and all(x.name in harmless for x in rest):
            return f"; {' '.join(last.argv)}"
    return None


def check_runs(line: str, *, pipes: bool = False) -> list[CheckRun]:
    """The check commands of a command line (or script) with their masking and narrowing
    (``pipes``: a check piped into another command without ``pipefail`` counts as masked, as it
    does in scripts and CI steps whose status decides; an agent's own ``pytest | tail`` is read
    by the agent, not by a gate)."""
    try:
        commands = parse_shell(line)
    except (ValueError, IndexError):
        return []
    pipefail = bool(re.search(r"set\s+-\w*o\s+pipefail|set\s+-o\s+pipefail", line))
    out = []
    for i, c in enumerate(commands):
        inner = _shell_script(c)
        if inner is not None:  # ``bash -c 'pytest || true'``: the checks of the inner script
            outer = _masking(commands, i, pipefail, pipes)
            for run in check_runs(inner, pipes=pipes):
                out.append(CheckRun(run.cmd, run.masked or outer, run.narrowed))
            continue
        if not is_check(c):
            timed_out = _timeout_accepted(commands, i)
            if timed_out is not None:
                # whatever it runs, a command under a time limit whose 'time ran out' status
                # counts as success: a hang now passes (``timeout 15m ./it.sh || [ $? -eq 124 ]``)
                out.append(CheckRun(c, timed_out, []))
            continue
        out.append(CheckRun(c, _masking(commands, i, pipefail, pipes), narrowing(c.argv, c.env)))
    return out


def _shell_script(cmd: SimpleCommand) -> str | None:
    """The script of ``bash -c SCRIPT`` (also ``sh -ec``, ``bash -lc``, ``zsh -c``)."""
    argv = cmd.argv
    if not argv or posixpath.basename(argv[0]) not in ("bash", "sh", "zsh", "dash"):
        return None
    for j, a in enumerate(argv[1:-1], start=1):
        if re.fullmatch(r"-[a-z]*c[a-z]*", a):
            return argv[j + 1]
    return None
