"""Test-run outputs (pytest, unittest, Jest/Vitest, Mocha, RSpec, go test, cargo test, Maven and
Gradle JUnit runs, dotnet test, PHPUnit, Minitest, XCTest, ExUnit, CTest, testthat, make) read
into counts, and the values a failing check printed (the code's actual output)."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

__all__ = ["RunResult", "observed_values", "parse_run", "scores"]

_PYTEST_SUMMARY = re.compile(
    r"(?m)^=*\s*((?:\d+ (?:failed|passed|skipped|deselected|xfailed|xpassed|errors?|warnings?)"
    r"(?:, )?)+)(?: in [\d.]+s)?\s*=*\s*$"
)
_COUNT = re.compile(r"(\d+) (failed|passed|skipped|deselected|xfailed|xpassed|errors?)")
_UNITTEST = re.compile(r"Ran (\d+) tests? in [\d.]+s\s*\n\s*\n?(OK|FAILED)(?: \(([^)]*)\))?")
_JEST = re.compile(r"(?m)^Tests:\s+(.*?)(\d+) total")
_VITEST = re.compile(r"(?m)^\s*Tests\s+((?:\d+ (?:failed|passed|skipped|todo)\s*\|?\s*)+)\(\d+\)")
_MOCHA = re.compile(r"(?m)^\s*(\d+) (passing|failing|pending)\b")
_RSPEC = re.compile(r"(\d+) examples?, (\d+) failures?(?:, (\d+) pending)?")
_CARGO = re.compile(r"test result: (ok|FAILED)\. (\d+) passed; (\d+) failed; (\d+) ignored")
_LIBTEST_LINE = re.compile(r"(?m)^test \S+(?: - should panic)? \.\.\. (ok|FAILED|ignored)\s*$")
_GO_PKG = re.compile(r"(?m)^(ok|FAIL|---\s*FAIL|\?)\s+(?![|:\d])")
"""go test's line per package (``ok  example.com/x  0.01s``), not a summary whose first word is
``ok`` (Deno's ``ok | 4 passed | 0 failed | 2 ignored``)."""
_SUREFIRE = re.compile(
    r"(?m)^(?:\[(?:INFO|ERROR|WARNING)\]\s+)?Tests run:\s*(\d+),\s*Failures:\s*(\d+),\s*"
    r"Errors:\s*(\d+),\s*Skipped:\s*(\d+)\s*$"
)
"""Maven Surefire/Failsafe totals (the line without ``-- in Class``)."""
_GRADLE = re.compile(r"(\d+) tests? completed(?:, (\d+) failed)?(?:, (\d+) skipped)?")
_DOTNET = re.compile(
    r"(?:Passed|Failed)!\s*-\s*Failed:\s*(\d+),\s*Passed:\s*(\d+),\s*Skipped:\s*(\d+)"
)
_PHPUNIT_BAD = re.compile(
    r"(?m)^Tests:\s*(\d+),\s*Assertions:\s*\d+((?:,\s*\w+(?: \w+)?:\s*\d+)*)\.?\s*$"
)
_PHPUNIT_OK = re.compile(r"(?m)^OK(?:, but [^(]*)?\s*\((\d+) tests?, \d+ assertions?\)")
_MINITEST = re.compile(
    r"(\d+) (?:runs|tests), \d+ assertions, (\d+) failures, (\d+) errors, (\d+) skips"
)
_XCTEST = re.compile(
    r"Executed (\d+) tests?, with (?:(\d+) tests? skipped and )?(\d+) failures?"
    r"(?: \((\d+) unexpected\))?"
)
_EXUNIT = re.compile(
    r"(?m)^(\d+) (?:tests?|doctests?(?:, \d+ tests?)?), (\d+) failures?"
    r"(?:, (\d+) (?:skipped|excluded|invalid))?"
)
_TAP_PLAN = re.compile(r"(?m)^1\.\.\d+\s*$")
_TAP_LINE = re.compile(r"(?m)^(not ok|ok) \d+\b[^\n#]*(?:#\s*(skip|SKIP|todo|TODO)\b)?")
"""A TAP result line and its directive (``ok 3 name # skip no network``)."""
_CTEST = re.compile(r"(\d+)% tests passed, (\d+) tests? failed out of (\d+)")
_TESTTHAT = re.compile(r"\[ FAIL (\d+) \| WARN \d+ \| SKIP (\d+) \| PASS (\d+) \]")
"""R testthat's summary line (``[ FAIL 1 | WARN 0 | SKIP 0 | PASS 11 ]``); the last one counts."""
_NO_TESTS = re.compile(
    r"no tests ran|collected 0 items|\[no test files\]|No tests found|Ran 0 tests|"
    r"running 0 tests|0 tests collected|no tests to run",
    re.I,
)


@dataclass
class RunResult:
    """Counts of one test run's output (None: not reported)."""

    passed: int = 0
    failed: int = 0
    skipped: int = 0
    xfailed: int = 0
    deselected: int = 0
    errors: int = 0
    collected: int | None = None
    no_tests: bool = False

    @property
    def total(self) -> int:
        return self.passed + self.failed + self.skipped + self.xfailed + self.errors


def parse_run(text: str) -> RunResult | None:
    """Counts of a test run's output (see :func:`_parse_run`); one parse per output text (the
    result is shared: callers read it, never change it)."""
    return _parse_run_cached(text)


def _parse_run(text: str) -> RunResult | None:
    """The counts of a test run's output, or None when ``text`` is not one."""
    r = RunResult()
    found = False
    for m in _PYTEST_SUMMARY.finditer(text):
        found = True
        for n, word in _COUNT.findall(m.group(1)):
            key = "errors" if word.startswith("error") else word
            if hasattr(r, key):
                setattr(r, key, getattr(r, key) + int(n))
    collected = re.search(r"collected (\d+) items?", text)
    if collected:
        r.collected = int(collected.group(1))
        found = True
    u = _UNITTEST.search(text)
    if u:
        found = True
        total = int(u.group(1))
        detail = u.group(3) or ""
        fails = sum(int(x) for x in re.findall(r"(?:failures|errors)=(\d+)", detail))
        skips = sum(int(x) for x in re.findall(r"skipped=(\d+)", detail))
        xf = sum(int(x) for x in re.findall(r"expected failures=(\d+)", detail))
        r.failed += fails
        r.skipped += skips
        r.xfailed += xf
        r.passed += max(0, total - fails - skips - xf)
    j = _JEST.search(text)
    if j:
        found = True
        for n, word in re.findall(r"(\d+) (failed|passed|skipped|todo)", j.group(1)):
            if word == "todo":
                r.skipped += int(n)
            else:
                setattr(r, word, getattr(r, word) + int(n))
    v = _VITEST.search(text)
    if v and not j:
        found = True
        for n, word in re.findall(r"(\d+) (failed|passed|skipped|todo)", v.group(1)):
            key = "skipped" if word == "todo" else word
            setattr(r, key, getattr(r, key) + int(n))
    for n, word in _MOCHA.findall(text):
        found = True
        key = {"passing": "passed", "failing": "failed", "pending": "skipped"}[word]
        setattr(r, key, getattr(r, key) + int(n))
    rs = _RSPEC.search(text)
    if rs:
        found = True
        total, fails = int(rs.group(1)), int(rs.group(2))
        pending = int(rs.group(3) or 0)
        r.failed += fails
        r.skipped += pending
        r.passed += max(0, total - fails - pending)
    for c in _CARGO.finditer(text):
        found = True
        r.passed += int(c.group(2))
        r.failed += int(c.group(3))
        r.skipped += int(c.group(4))
    if not _CARGO.search(text):
        # libtest's line per test without its summary (cut off, or a wrapper such as
        # ``cargo insta test`` that prints its own report after it)
        for word in _LIBTEST_LINE.findall(text):
            found = True
            key = {"ok": "passed", "FAILED": "failed", "ignored": "skipped"}[word]
            setattr(r, key, getattr(r, key) + 1)
    if re.search(r"(?m)^--- (PASS|FAIL|SKIP):", text) or _GO_PKG.search(text):
        found = True
        r.passed += len(re.findall(r"(?m)^\s*--- PASS:", text))
        r.failed += len(re.findall(r"(?m)^\s*--- FAIL:", text))
        r.skipped += len(re.findall(r"(?m)^\s*--- SKIP:", text))
        if not re.search(r"(?m)^\s*--- (PASS|FAIL|SKIP):", text):
            # without -v, go test prints one line per package: a package that passed is a pass
            r.passed += len(re.findall(r"(?m)^ok\s+[^\s|]+\s+(?:\d|\(cached\))", text))
    if r.total == 0 and (_TAP_PLAN.search(text) or re.search(r"(?m)^not ok \d+\b", text)):
        # TAP (bats, prove, node-tap): ``ok 1 name``, ``not ok 2 name``, ``# skip`` directives
        for status, directive in _TAP_LINE.findall(text):
            found = True
            kind = directive.lower()
            if kind.startswith("skip"):
                r.skipped += 1
            elif kind.startswith("todo"):
                r.xfailed += 1
            elif status == "not ok":
                r.failed += 1
            else:
                r.passed += 1
    _other_frameworks(text, r)
    if r.total == 0 and r.collected is None and not _OTHER_FOUND.search(text):
        # (a reader that knew a line but counted nothing: ``FAIL in (x)`` is no Go package)
        found = _generic_summary(text, r) or found
    found = found or r.total > 0 or bool(_OTHER_FOUND.search(text))
    if _NO_TESTS.search(text):
        found = True
        # one package or module of a run without tests (go test's "[no test files]" beside
        # packages that ran) is not a run that found none: only a run with no test run at all
        r.no_tests = r.total == 0 and not re.search(
            r"\d+ errors?|ERROR collecting|ImportError|SyntaxError", text
        )
    return r if found else None


_STATUS_WORDS = (
    (
        "xfailed",
        r"expected[ _-]?fail(?:ures?|ed|s)?|xfail(?:ed|s)?|known[ _-]fail(?:ures?|s)?|broken",
    ),
    ("passed", r"passed|pass(?:es)?|passing|ok|succeeded|successes|successful"),
    ("failed", r"failed|fail(?:ures?|s)?|failing"),
    ("errors", r"errored|errors?"),
    ("skipped", r"skipped|skips?|pending|ignored|disabled|todo"),
)
_STATUS = "|".join(f"(?P<{k}>{w})" for k, w in _STATUS_WORDS)
_INLINE_COUNT = re.compile(rf"(?i)(?<![\w.])(\d+)\s+(?:{_STATUS})(?![\w-])")
_COUNT_AFTER = re.compile(
    rf"(?i)(?<![\w.])(?:{_STATUS})[ \t]+(?P<n>\d+)(?:[ \t]+\([\d, ]+\))?[ \t]+"
    r"(?:tests?|test cases?|cases?|specs?|examples?)\b"
)
"""A count written after its status word (``Failed 1 tests. Passed 2 tests.``)."""
_BLOCK_COUNT = re.compile(rf"(?im)^[ \t]*(?:{_STATUS})[ \t]*:[ \t]*(\d+)[ \t]*$")


def _generic_summary(text: str, r: RunResult) -> bool:
    """Counts of a runner no parser knows, read by their status words, added to ``r``: a
    summary line with two or more counts (``3 Passed | 1 Failed | 0 Pending``, ``1 passed,
    1 ignored, 0 failed``) or a block of two or more ``Label: N`` lines (``Ok: 1`` /
    ``Expected Fail: 1`` / ``Fail: 0``), the last such summary. Whether the run is a test
    run: at least one count says passed or failed. Pending, ignored, disabled and todo count as
    skipped; expected failures and broken as xfailed."""
    counts: list[tuple[str, int]] = []
    for line in text.splitlines():
        found = [
            (next(k for k, _ in _STATUS_WORDS if m.group(k)), int(m.group(1)))
            for m in _INLINE_COUNT.finditer(line)
        ] or [
            (next(k for k, _ in _STATUS_WORDS if m.group(k)), int(m.group("n")))
            for m in _COUNT_AFTER.finditer(line)
        ]
        if len(found) >= 2:
            counts = found
    block: list[tuple[str, int]] = []
    run: list[tuple[str, int]] = []
    for line in [*text.splitlines(), ""]:
        m = _BLOCK_COUNT.match(line)
        if m:
            run.append((next(k for k, _ in _STATUS_WORDS if m.group(k)), int(m.group(6))))
        elif re.fullmatch(r"\s*[A-Za-z][\w ]{0,30}:\s*\d+\s*", line) and run:
            continue  # a count this reader has no word for, inside the block
        else:
            if len(run) >= 2:
                block = run
            run = []
    chosen = counts or block
    if not any(k in ("passed", "failed") for k, _ in chosen):
        return False
    for key, n in chosen:
        setattr(r, key, getattr(r, key) + n)
    return True


_OTHER_FOUND = re.compile(
    "|".join(
        x.pattern.replace("(?m)", "")
        for x in (
            _SUREFIRE,
            _GRADLE,
            _DOTNET,
            _PHPUNIT_BAD,
            _PHPUNIT_OK,
            _MINITEST,
            _XCTEST,
            _CTEST,
        )
    ),
    re.M,
)


def _other_frameworks(text: str, r: RunResult) -> None:
    """Counts of Maven/Gradle (JUnit), dotnet test, PHPUnit, Minitest, XCTest, ExUnit and CTest
    summaries, added to ``r``."""
    totals = _SUREFIRE.findall(text)
    if totals:  # the last totals line sums the module
        run, fails, errs, skips = (int(x) for x in totals[-1])
        r.failed += fails
        r.errors += errs
        r.skipped += skips
        r.passed += max(0, run - fails - errs - skips)
    g = _GRADLE.search(text)
    if g and not totals:
        run, fails, skips = int(g.group(1)), int(g.group(2) or 0), int(g.group(3) or 0)
        r.failed += fails
        r.skipped += skips
        r.passed += max(0, run - fails - skips)
    d = _DOTNET.search(text)
    if d:
        r.failed += int(d.group(1))
        r.passed += int(d.group(2))
        r.skipped += int(d.group(3))
    ok = _PHPUNIT_OK.search(text)
    bad = _PHPUNIT_BAD.search(text)
    if ok:
        r.passed += int(ok.group(1))
    elif bad:
        counts = {
            k.lower(): int(v) for k, v in re.findall(r"(\w+(?: \w+)?):\s*(\d+)", bad.group(2))
        }
        fails = counts.get("failures", 0) + counts.get("errors", 0)
        skips = counts.get("skipped", 0) + counts.get("incomplete", 0)
        r.failed += fails
        r.skipped += skips
        r.passed += max(0, int(bad.group(1)) - fails - skips)
    m = _MINITEST.search(text)
    if m:
        run, fails, errs, skips = (int(x) for x in m.groups())
        r.failed += fails
        r.errors += errs
        r.skipped += skips
        r.passed += max(0, run - fails - errs - skips)
    x = _XCTEST.search(text)
    if x:
        run, skips, fails = int(x.group(1)), int(x.group(2) or 0), int(x.group(3))
        r.failed += fails
        r.skipped += skips
        r.passed += max(0, run - fails - skips)
    e = _EXUNIT.search(text) if not (m or x or _RSPEC.search(text)) else None
    if e:
        run, fails, skips = int(e.group(1)), int(e.group(2)), int(e.group(3) or 0)
        r.failed += fails
        r.skipped += skips
        r.passed += max(0, run - fails - skips)
    tt = _TESTTHAT.findall(text)
    if tt:
        fails, skips, passes = (int(x) for x in tt[-1])
        r.failed += fails
        r.skipped += skips
        r.passed += passes
    c = _CTEST.search(text)
    if c:
        fails, run = int(c.group(2)), int(c.group(3))
        r.failed += fails
        r.passed += max(0, run - fails)


_OBSERVED = [
    re.compile(r"(?m)^E\s+(?:AssertionError: )?assert (.+?) (?:==|!=|is|in) (.+)$"),
    re.compile(r"(?m)^E\s+(?:AssertionError: )?assert .+? (?:==|!=) (.+)$"),
    re.compile(r"(?m)^\s*left:\s*(.+)$"),
    re.compile(r"(?m)^\s*(?:Got|Received|Actual|got|actual):?\s*\n?\s*(.+)$"),
    re.compile(r"(?m)\bgot:? ([^,\n]+?)(?:,| want|\s*$)"),
    re.compile(r"(?m)^\s*\+\s+(.+)$"),
    re.compile(r"(?m)Lists differ: (.+?) != "),
    re.compile(r"(?m)AssertionError: (.+?) != "),
    re.compile(r"(?m)\bbut was:?\s*<?([^>\n]+?)>?\s*$"),
    re.compile(r"(?m)^\s*Actual:\s+(.+)$"),
]


def observed_values(text: str) -> set[str]:
    """Values a failing check printed as what the code produced (normalised text)."""
    out = set()
    for rx in _OBSERVED:
        for m in rx.finditer(text):
            value = m.group(1).strip().rstrip(",")
            out.add(_norm(value))
    return {v for v in out if v}


def _norm(text: str) -> str:
    t = text.strip().replace("'", '"')
    return re.sub(r"\s+", " ", t)


def scores(text: str) -> dict[str, float]:
    """Numbers an evaluation printed (score, accuracy, f1, reward, pass rate, ...)."""
    out: dict[str, float] = {}
    for m in re.finditer(
        r"(?i)[\"']?\b(score|accuracy|acc|f1|reward|pass(?:[_ -])?rate|pass@\d+|precision|recall|"
        r"auc|bleu|rouge\w*|exact(?:[_ -])?match|success(?:[_ -]rate)?|win(?:[_ -])?rate|"
        r"(?:(?:average|mean|avg|episodic|episode)[_ -])?returns?)\b[\"']?\s*[=:]\s*"
        r"(-?\d+(?:\.\d+)?)",
        text,
    ):
        # one name per metric however it is spelt (``exact match`` = ``exact_match``)
        out.setdefault(re.sub(r"[ -]", "_", m.group(1).lower()), float(m.group(2)))
    # a count of the examples an evaluation got right out of its total (``math_dev: 76/200
    # correct (38.0%)``, ``solved 12/50``): the fraction, under the word that says what
    for m in re.finditer(
        r"(?i)(?:\b(correct|solved|passed|right|resolved)\W{1,3})?(?<![\d./])(\d+)\s*/\s*(\d+)"
        r"(?![\d./])(?:\s+(correct|solved|passed|right|resolved)\b)?",
        text,
    ):
        word = m.group(1) or m.group(4)
        if word and int(m.group(3)) > 0:
            out.setdefault(f"{word.lower()}_fraction", int(m.group(2)) / int(m.group(3)))
    return out


def normalise_value(text: str) -> str:
    """The form :func:`observed_values` uses, for comparing a literal with them."""
    return _norm(text)


_SECTION = re.compile(r"^_{3,} (?:\w+\.)?([\w\[\]-]+) _{3,}$")


def failing_sources(text: str) -> dict[str, list[str]]:
    """The source lines pytest printed for each failing test (``>`` lines of its failure
    section): test name -> lines, the assertion that failed among them."""
    out: dict[str, list[str]] = {}
    current = None
    for line in text.split("\n"):
        m = _SECTION.match(line.strip())
        if m:
            current = m.group(1).split("[")[0]
            continue
        if current and line.startswith(">"):
            out.setdefault(current, []).append(line[1:].strip())
        elif line.startswith(("=====", "FAILED ")):
            current = None
    return out


_parse_run_cached = functools.lru_cache(maxsize=4096)(_parse_run)
