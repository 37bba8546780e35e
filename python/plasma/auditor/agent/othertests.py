"""Tests in JavaScript/TypeScript (Jest, Vitest, Mocha, node:assert), Go (``testing``) and Rust
(``#[test]``), read with brace matching and per-line patterns into the same
:class:`~plasma.auditor.agent.pytests.ModuleSummary` as Python tests: each test's checks and their
strength, skips however written, focused tests, and the literals checks compare against."""

from __future__ import annotations

import re

from plasma.auditor.agent.pytests import (
    FRAGMENT,
    TIGHT,
    Check,
    Marker,
    ModuleSummary,
    Tamper,
    TestUnit,
    weaken_fallbacks,
)
from plasma.auditor.agent.strength import (
    KNOWN_HELPERS,
    STRING_LITERAL,
    blank_comments,
    closing,
    count_items,
    dead_lines,
    helper_checks,
    line_of,
    mark_swallowed,
    matching,
    restore_sources,
    rows_after,
    swallowed_lines,
)

__all__ = [
    "RUST_FN",
    "summarize_generic",
    "summarize_go",
    "summarize_js",
    "summarize_rust",
    "summarize_tests",
]


_NUMBER = re.compile(r"(?<![\w.])-?\d+(?:\.\d+)?(?:e-?\d+)?(?![\w.])")


def _block_end(text: str, start: int) -> int:
    """Index after the brace block that opens at or after ``start`` (end of text if none):
    braces only, strings may span lines, ``//`` comments skipped."""
    i = text.find("{", start)
    if i < 0:
        return len(text)
    return closing(text, i, brackets="{", line_comments=True, multiline_strings=True)


def _literal_signature(line: str) -> tuple[str, str | None]:
    """(line with literals blanked, the literals) of a check line."""
    lits = STRING_LITERAL.findall(line) + _NUMBER.findall(STRING_LITERAL.sub("", line))
    subject = _NUMBER.sub("#", STRING_LITERAL.sub("$", line)).strip()
    return subject, ", ".join(lits) if lits else None


# ----------------------------------------------------------------------------- JavaScript

_JS_TEST = re.compile(
    r"(?m)(?<![\w.])(x?it|x?test|fit|ftest)(?:\.(only|skip|todo|failing|concurrent|fails|each\s*\(.*?\)|skipIf\s*\(.*?\)|runIf\s*\(.*?\)))?\s*\(\s*(['\"`])(.*?)\3"
)
_JS_DESCRIBE = re.compile(
    r"(?m)(?<![\w.])(x?describe|fdescribe|suite)(?:\.(only|skip|todo|each\s*\(.*?\)|skipIf\s*\(.*?\)|runIf\s*\(.*?\)))?\s*\(\s*(['\"`])(.*?)\3"
)
_JS_COND_SKIP = re.compile(
    r"\?\s*(it|test|describe)\s*:\s*(it|test|describe)\.skip|\?\s*(it|test|describe)\.skip\s*:"
)
_EXPECT = re.compile(
    r"expect\((.*)\)\s*((?:\.(?:resolves|rejects))?\s*(?:\.not)?(?:\.(?:resolves|rejects))?)"
    r"\s*\.(\w+)\((.*)\)"
)
_JS_STRONG = frozenset(
    {
        "toBe",
        "toEqual",
        "toStrictEqual",
        "toMatchObject",
        "toHaveBeenCalledWith",
        "toHaveBeenLastCalledWith",
        "toHaveBeenNthCalledWith",
        "toMatchSnapshot",
        "toMatchInlineSnapshot",
        "toThrowErrorMatchingSnapshot",
        "toHaveLength",
        "toBeNull",
        "toBeUndefined",
        "toBeNaN",
        "toBeCloseTo",
        "toHaveProperty",
        "toMatch",
        "toHaveReturnedWith",
        "toBeFalse",
        "toBeTrue",
        "rejects",
        "resolves",
    }
)
_JS_MEDIUM = frozenset(
    {
        "toContain",
        "toContainEqual",
        "toBeGreaterThan",
        "toBeGreaterThanOrEqual",
        "toBeLessThan",
        "toBeLessThanOrEqual",
        "toHaveBeenCalledTimes",
    }
)
_JS_LOOSE_ARG = re.compile(
    r"\bexpect\.(anything|any|stringContaining|stringMatching|arrayContaining|objectContaining)\("
)
"""Asymmetric matchers that accept any value, or any value containing the given part."""
_JS_TYPE_SUBJECT = re.compile(
    r"^\s*(?:typeof\b|!!|Boolean\(|Array\.isArray\(|Number\.isFinite\(|Number\.isInteger\()"
    r"|\binstanceof\b|[!=]==?\s*(?:null|undefined)\s*$"
)
"""Subjects that are a value's type or existence (``expect(typeof x).toBe("string")``)."""
_NODE_ASSERT = re.compile(
    r"\bassert\.(equal|strictEqual|deepEqual|deepStrictEqual|throws|rejects|match|notEqual|ok)\(|\bassert\("
)


def _js_check(line: str, lineno: int) -> Check | None:
    m = _EXPECT.search(line)
    if m:
        subject_arg, mods, matcher, arg = m.group(1), m.group(2), m.group(3), m.group(4)
        negated = ".not" in mods
        # equality within a tolerance checks the same thing as equality: one subject, so a
        # tolerance put in its place is compared with the exact check it replaces
        named = "toBe" if matcher == "toBeCloseTo" else matcher
        subject = f"{subject_arg.strip()}|{mods.replace(' ', '').lstrip('.')}.{named}".replace(
            "|.", "|"
        )
        literals = arg.strip() or None
        if re.fullmatch(r"\s*(true|1|'[^']*'|\"[^\"]*\"|\d+)\s*", subject_arg) or (
            arg.strip() and arg.replace(" ", "") == subject_arg.replace(" ", "")
        ):
            return Check(lineno, line.strip(), 0, subject, literals)
        loose_arg = _JS_LOOSE_ARG.search(arg)
        if _JS_TYPE_SUBJECT.search(subject_arg):
            return Check(lineno, line.strip(), 1, subject, literals)  # its type or existence
        if negated:
            strength = 1  # "is not this one value": almost anything passes
        elif loose_arg and loose_arg.group(1) in ("anything", "any"):
            strength = 1
        elif matcher in ("toMatch", "toMatchObject") or loose_arg:
            strength = 2  # a pattern, a substring or a subset of the value
        elif matcher == "toHaveProperty" and "," not in arg:
            strength = 1
        elif matcher in _JS_STRONG:
            strength = 3
        elif matcher in _JS_MEDIUM:
            strength = 2
        elif f"expect.{matcher}" in (KNOWN_HELPERS.get() or {}):
            # a matcher the suite defines with expect.extend: as strong as its own check
            strength = (KNOWN_HELPERS.get() or {})[f"expect.{matcher}"]
        elif matcher == "toThrow":
            strength = 3 if arg.strip() else 2
        else:
            strength = 1
        tol = None
        if matcher == "toBeCloseTo":
            # |expected - received| < 10**-digits / 2, relative to a literal expected value
            digits = re.search(r",\s*(\d+)\s*$", arg)
            tol = 10.0 ** -(int(digits.group(1)) if digits else 2) / 2
            value = re.match(r"\s*(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)\s*(,|$)", arg)
            if value and float(value.group(1)):
                tol /= abs(float(value.group(1)))
            literals = value.group(1) if value else literals
        return Check(lineno, line.strip(), strength, subject, literals, tol)
    m = _NODE_ASSERT.search(line)
    if m:
        kind = m.group(1) or "ok"
        subject, literals = _literal_signature(line)
        strength = 1 if kind in ("ok", "notEqual") or m.group(0) == "assert(" else 3
        return Check(lineno, line.strip(), strength, subject, literals)
    return None


_JS_PRESENCE_IF = re.compile(
    r"\s*if\s*\(((?:\s*\w+\s*(?:!==?\s*(?:undefined|null))?\s*&&)*\s*\w+\s*"
    r"(?:!==?\s*(?:undefined|null))?\s*)\)"
)
"""``if (x) {``, ``if (x !== undefined) {``, ``if (x != null && y) {``: a block that runs only
when the named values are there."""


def summarize_js(text: str) -> ModuleSummary:
    """Summary of a Jest/Vitest/Mocha test module (or fragment)."""
    out = ModuleSummary()
    skipped_ranges: list[tuple[int, int, Marker]] = []
    focus = False
    for m in _JS_DESCRIBE.finditer(text):
        fn, mod = m.group(1), (m.group(2) or "")
        end = _block_end(text, m.end())
        if (
            fn.startswith("x")
            or (mod.startswith("skip") and not mod.startswith("skipIf"))
            or mod == "todo"
        ):
            skipped_ranges.append(
                (m.start(), end, Marker("skip", m.group(0), line_of(text, m.start())))
            )
        elif mod.startswith(("skipIf", "runIf")):
            skipped_ranges.append(
                (
                    m.start(),
                    end,
                    Marker("skip", m.group(0), line_of(text, m.start()), conditional=True),
                )
            )
        if mod == "only" or fn == "fdescribe":
            focus = True
    spans: list[tuple[int, int]] = []
    for m in _JS_TEST.finditer(text):
        fn, mod, name = m.group(1), (m.group(2) or ""), m.group(4)
        end = _block_end(text, m.end())
        line = line_of(text, m.start())
        unit = TestUnit(name, line, source=text[m.start() : end])
        if fn.startswith("x") or mod in ("skip", "todo"):
            conditional = bool(_JS_COND_SKIP.search(text[max(0, m.start() - 80) : m.start() + 10]))
            unit.markers.append(Marker("skip", m.group(0), line, conditional=conditional))
        elif mod in ("failing", "fails"):
            unit.markers.append(Marker("xfail", m.group(0), line))
        elif mod.startswith(("skipIf", "runIf")):
            unit.markers.append(Marker("skip", m.group(0), line, conditional=True))
        if mod == "only" or fn in ("fit", "ftest"):
            focus = True
        for start, stop, marker in skipped_ranges:
            if start <= m.start() < stop:
                unit.markers.append(marker)
        before = text[max(0, m.start() - 60) : m.start()]
        if _JS_COND_SKIP.search(before + m.group(0)):
            unit.markers = [
                Marker("skip", mk.text, mk.line, conditional=True) for mk in unit.markers
            ] or [Marker("skip", m.group(0), line, conditional=True)]
        body = text[m.end() : end]
        offset = line_of(text, m.end())
        depth = 0
        guards: list[tuple[int, set[str]]] = []
        """(depth, names) of the enclosing ``if (x !== undefined) {`` blocks."""
        for i, ln in enumerate(body.split("\n")):
            guards = [g for g in guards if g[0] <= depth]
            check = _js_check(ln, offset + i)
            if check is not None:
                root = re.match(r"\w+", check.subject)
                guarded = any(root and root.group(0) in names for _, names in guards)
                if guarded and check.strength > 1:
                    check.strength = 1  # runs only when the value is there: its absence passes
                unit.checks.append(check)
            g = _JS_PRESENCE_IF.match(ln)
            if g and ln.rstrip().endswith("{"):
                guards.append(
                    (
                        depth + 1,
                        set(
                            re.findall(
                                r"(\w+)\s*(?:!==?\s*(?:undefined|null))?\s*(?:&&|\)\s*\{)",
                                g.group(1) + ") {",
                            )
                        ),
                    )
                )
            if _MOCHA_SKIP.search(ln):
                conditional = depth > 1 or bool(re.search(r"\bif\b", ln))
                unit.markers.append(Marker("skip", ln.strip(), offset + i, conditional=conditional))
            depth += ln.count("{") - ln.count("}")
        unit.empty = not unit.checks and not re.search(r"\w+\(", body.replace("=>", ""))
        key = name
        n = 2
        while key in out.units:
            key = f"{name} #{n}"
            n += 1
        out.units[key] = unit
        spans.append((m.start(), end))
    for m in _JS_EACH.finditer(text):
        if any(a <= m.start() < b for a, b in spans):
            continue
        opener = m.end() - 1
        if text[opener] == "`":
            close = text.find("`", opener + 1)
            table_end = len(text) if close < 0 else close + 1
        else:
            table_end = matching(text, opener)
        named = _JS_EACH_NAME.match(text, table_end)
        if not named:
            continue
        end = _block_end(text, named.end())
        line = line_of(text, m.start())
        unit = TestUnit(named.group(2), line, source=text[m.start() : end])
        unit.cases = _each_rows(text[opener:table_end])
        if m.group(1).startswith("x") or m.group(2) == ".skip":
            unit.markers.append(Marker("skip", m.group(0), line))
        offset = line_of(text, named.end())
        for i, ln in enumerate(text[named.end() : end].split("\n")):
            check = _js_check(ln, offset + i)
            if check is not None:
                unit.checks.append(check)
        key = named.group(2)
        while key in out.units:
            key += " #2"
        out.units[key] = unit
        spans.append((m.start(), end))
    definitions = _js_definitions(text)
    helper_spans = [(a, b) for _, a, b in definitions]
    loose = TestUnit(FRAGMENT, 0)
    pos = 0
    for i, ln in enumerate(text.split("\n"), start=1):
        at = pos
        pos += len(ln) + 1
        if any(a <= at < b for a, b in spans) or any(a <= at < b for a, b in helper_spans):
            continue
        check = _js_check(ln, i)
        if check is not None:
            loose.checks.append(check)
    if not spans:
        loose.source = text  # a fragment: helper calls in it are checks too
    out.units[FRAGMENT] = loose
    helper_checks(out, text, definitions, _js_check)
    if not loose.checks:
        del out.units[FRAGMENT]
    mark_swallowed(out, swallowed_lines(text, "javascript"))
    if focus:
        out.module_markers.append(Marker("focus", ".only", 0))
    out.fixture_mocks += _js_module_mocks(text)
    for m in _JS_EXIT.finditer(text):
        out.tampers.append(Tamper("exit-call", m.group(0).strip(), line_of(text, m.start())))
    return out


_JS_EACH = re.compile(r"(?<![\w.])(x?it|x?test|fit)(\.skip|\.only|\.concurrent)?\.each\s*[(`]")
_JS_EACH_NAME = re.compile(r"\s*\(\s*(['\"`])(.*?)\1")
_JS_FUNC = re.compile(
    r"(?m)^[ \t]*(?:export\s+)?(?:async\s+)?function\s*\*?\s*(\w+)\s*\("
    r"|^[ \t]*(?:export\s+)?(?:const|let)\s+(\w+)\s*=\s*(?:async\s*)?(?:\([^)\n]*\)|\w+)"
    r"\s*(?::\s*[^=\n]+)?=>\s*"
)


def _each_rows(table: str) -> int:
    """Rows of a ``test.each`` table: an array of cases or a tagged template's lines."""
    t = table.strip()
    if t.startswith("`"):
        rows = [ln for ln in t.strip("`").split("\n") if ln.strip()]
        return max(1, len(rows) - 1)
    t = t[1:].strip() if t.startswith("(") else t
    if t.startswith("["):
        return max(1, count_items(t[1 : matching(t, 0) - 1]))
    return 1


def _js_definitions(text: str) -> list[tuple[str, int, int]]:
    """(name, start, end) of the named functions of JS test code."""
    out = []
    for m in _JS_FUNC.finditer(text):
        name = m.group(1) or m.group(2)
        if m.group(1) or text.startswith("{", m.end()):
            end = _block_end(text, m.end())
        else:
            nl = text.find("\n", m.end())
            end = len(text) if nl < 0 else nl
        out.append((name, m.start(), end))
    return out


_MOCHA_SKIP = re.compile(r"\b(?:this|ctx|context|t)\.skip\s*\(")
"""Mocha's ``this.skip()`` (and node:test's ``t.skip()``) inside a test."""


_JS_EXIT = re.compile(
    r"\bprocess\.(?:exit\s*\(\s*0?\s*\)|exitCode\s*=\s*0\b|reallyExit\s*\(|kill\s*\(\s*process\.pid)"
)
"""Test code that ends the process with success (or sets the status the runner exits with)."""


_JS_IMPORT = re.compile(
    r"(?m)^\s*(?:import\s*\{([^}]*)\}\s*from|(?:const|let|var)\s*\{([^}]*)\}\s*=\s*require\()"
    r"\s*['\"]([^'\"]+)['\"]"
)
_JS_MOCK = re.compile(r"\b(?:jest|vi)\.(?:mock|doMock)\(\s*['\"]([^'\"]+)['\"]")
_JS_SPY = re.compile(
    r"\b(?:jest|vi)\.spyOn\(\s*(\w+)\s*,\s*['\"](\w+)['\"]\s*\)\s*\.mock"
    r"(?:ReturnValue|ReturnValueOnce|Implementation|ImplementationOnce|ResolvedValue)\b"
)


def _js_module_mocks(text: str) -> list[tuple[str, str, int]]:
    """Functions a JS test replaces that it also checks: ``jest.mock("./mod")`` / ``vi.mock``
    of the module it imports them from, ``jest.spyOn(mod, "f").mockReturnValue(...)``."""
    imported: dict[str, str] = {}
    for m in _JS_IMPORT.finditer(text):
        for part in (m.group(1) or m.group(2) or "").split(","):
            name = part.split(" as ")[-1].split(":")[-1].strip()
            if name:
                imported[name] = m.group(3)
    checked = set(re.findall(r"\bexpect\(\s*(?:await\s+)?(\w+)\s*\(", text))
    out = []
    for m in _JS_MOCK.finditer(text):
        for name, module in imported.items():
            if module == m.group(1) and name in checked:
                out.append((name, f"{module}.{name}", line_of(text, m.start())))
    for m in _JS_SPY.finditer(text):
        if m.group(2) in checked or f"{m.group(1)}.{m.group(2)}" in text.replace("expect(", " "):
            out.append((m.group(2), f"{m.group(1)}.{m.group(2)}", line_of(text, m.start())))
    return out


# ----------------------------------------------------------------------------- Go

_GO_TEST = re.compile(r"(?m)^func\s+(Test\w*|Example\w*|Fuzz\w*)\s*\(\s*\w+\s+\*testing\.[TF]\s*\)")
_GO_FAIL = re.compile(r"\b\w+\.(Error|Errorf|Fatal|Fatalf|Fail|FailNow)\(")
_GO_ASSERT = re.compile(r"\b(assert|require)\.(\w+)\(")
_GO_SKIP = re.compile(r"\b\w+\.(Skip|Skipf|SkipNow)\(")


_GO_CONSTRAINT = re.compile(r"(?m)^//\s*(go:build|\+build)\s+(.*)$")
_GO_PLATFORM = re.compile(
    r"^!?(linux|windows|darwin|freebsd|openbsd|netbsd|dragonfly|solaris|illumos|aix|plan9|js|"
    r"wasip1|wasm|android|ios|unix|amd64|386|arm|arm64|riscv64|ppc64le|ppc64|s390x|mips\w*|"
    r"loong64|cgo|gc|gccgo|race|go1\.\d+)$"
)


def _excluding_constraint(expr: str) -> bool:
    """Whether a build constraint leaves the file out of a plain ``go test`` (a custom tag that
    must be passed with ``-tags``; platform, architecture and version tags do not)."""
    tags = re.findall(r"!?[\w.]+", expr)
    return any(
        not _GO_PLATFORM.match(t) and not t.startswith("!") for t in tags
    ) or expr.strip() in ("ignore",)


_GO_DEAD_IF = re.compile(
    r"\bif\b(?:[^;\n]*;)?\s*(?:false\s*&&|[^\n]*&&\s*false\b|false\s*\{|1\s*==\s*0\b)"
)
"""An ``if`` whose condition is never true (``if false && ...``, ``...; false && ...``)."""


_GO_OFF_SWITCH = re.compile(
    r"testing\.(Verbose|Short)\(\)|os\.Getenv\([^()]*\)\s*(!=\s*\"\"|==\s*\"[^\"]+\")"
    r"|os\.LookupEnv\([^()]*\)|\*\w+"
)
"""Switches a plain ``go test`` run leaves off: ``-v``, ``-short``, a variable set in the
environment, a custom flag (``*slow``)."""


def _off_by_default(condition: str) -> bool:
    """Whether a failure condition holds only with a switch that is off by default (one of its
    ``&&`` terms is such a switch, not negated)."""
    return any(_GO_OFF_SWITCH.fullmatch(t.strip()) for t in condition.split("&&"))


_GO_NEVER_DIFFERS = re.compile(r"\bif\b[^{\n]*?(?<![\w.])([\w.]+)\s*!=\s*\1(?![\w.(\[])[^{\n]*\{")
"""``if got != got {``: a value always equals itself (NaN aside), so the block never runs."""


_GO_MAIN = re.compile(r"(?m)^func\s+TestMain\s*\(\s*(\w+)\s+\*testing\.M\s*\)")


def _go_main_tamper(text: str) -> Tamper | None:
    """A ``TestMain`` that exits with a status other than ``m.Run()``'s (``m.Run(); os.Exit(0)``,
    ``if code := m.Run(); code != 0 { os.Exit(0) }``). Returning without ``os.Exit`` is fine:
    since Go 1.15 the test binary then exits with ``m.Run()``'s status."""
    m = _GO_MAIN.search(text)
    if not m:
        return None
    end = _block_end(text, m.end())
    body = text[m.end() : end]
    zero = re.search(r"\bos\.Exit\(\s*0\s*\)", body)
    if zero:
        line = line_of(text, m.end() + zero.start())
        gate = _GO_GATE.search(body[: zero.start()])
        run = body.find(".Run()")
        if gate and (run < 0 or run > zero.start()) and "}" not in body[gate.end() : zero.start()]:
            # the tests run only when a variable says so: a switch, not a forced status
            return Tamper("switch-gate", gate.group(0).strip() + " os.Exit(0) }", line)
        return Tamper("exit-status", zero.group(0), line)
    return None


_GO_GATE = re.compile(r"\bif\s+[^{\n]*(os\.Getenv|os\.LookupEnv|testing\.Short\(\))[^{\n]*\{")
"""An ``if`` on an environment variable (or ``-short``) in ``TestMain``."""


_GO_FUNC = re.compile(r"(?m)^func\s+(\w+)\s*\(")
_ABS_TOL = re.compile(
    r"(?:math\.Abs\s*\((?P<go>[^()]*(?:\([^()]*\)[^()]*)*)\)\s*(?P<op>>=?|<=?)"
    r"|\((?P<rs>[^()]*(?:\([^()]*\)[^()]*)*)\)\s*\.abs\(\)\s*(?P<op2><=?|>=?))"
    r"\s*(?P<bound>\d+(?:\.\d*)?(?:[eE][-+]?\d+)?)(?:_?f(?:32|64))?"
    r"|\b(?:epsilon|max_relative|tolerance|delta)\s*=\s*(?P<kw>\d+(?:\.\d*)?(?:[eE][-+]?\d+)?)"
    r"|[<>]=?\s*(?P<var>(?i:eps\w*|tol\w*|delta|margin))\b"
    r"(?:\s*\*\s*(?P<factor>\d+(?:\.\d*)?(?:[eE][-+]?\d+)?))?"
)
"""A hand-written float comparison: Go ``math.Abs(got-want) > 1e-9``, Rust
``(got - want).abs() < 1e-9``, ``assert_abs_diff_eq!(.., epsilon = 1e-9)``, or a bound that is a
helper's tolerance argument (``d > eps``, ``d > eps*1e6``: the factor is the tolerance)."""


def _abs_tolerance(ln: str) -> tuple[str, float] | None:
    """(subject, relative tolerance) of a hand-written float comparison on a line."""
    m = _ABS_TOL.search(ln)
    if not m:
        return None
    if m.group("var"):
        # a bound given by the helper's tolerance argument, scaled by a factor or not
        subject = "tol:" + re.sub(r"\s+", "", ln[: m.start()]) + m.group("var")
        return subject, float(m.group("factor") or 1.0)
    bound = float(m.group("bound") or m.group("kw"))
    expr = m.group("go") or m.group("rs") or ln[: m.start()]
    lits = [float(x) for x in re.findall(r"(?<![\w.])\d+\.\d+(?:[eE][-+]?\d+)?", expr)]
    scale = max((abs(x) for x in lits), default=0.0)
    subject = "tol:" + re.sub(r"\s+", "", ln[: m.start()] + (m.group("go") or m.group("rs") or ""))
    return subject, bound / scale if scale else bound


def _go_check_line(ln: str, lineno: int) -> Check | None:
    """A check on one line of Go test code (for helpers; a hand-written float comparison is a
    check of its tolerance)."""
    tol = _abs_tolerance(ln)
    if tol is not None:
        return Check(lineno, ln.strip(), 0, tol[0], None, tol[1])
    if _GO_FAIL.search(ln):
        subject, lits = _literal_signature(ln)
        return Check(lineno, ln.strip(), 3, subject, lits)
    a = _GO_ASSERT.search(ln)
    if a:
        weak = a.group(2) in ("NotNil", "True", "NotEmpty", "NoError", "NotZero", "Nil")
        subject, lits = _literal_signature(ln)
        return Check(lineno, ln.strip(), 1 if weak else 3, subject, lits)
    return None


_GO_ERROR_ONLY = re.compile(r"\s*(?:[^;{]*;\s*)?err\s*!=\s*nil\s*$")
"""The condition of a Go check that fails exactly when there is an error."""
_GO_ONLY_WITHOUT_ERROR = re.compile(r"\berr\s*==\s*nil\s*&&|&&\s*err\s*==\s*nil\b")
"""The condition of a Go check that fails only when the code returned no error."""


def _go_rows(body: str, text: str) -> int:
    """Rows of the table a Go test ranges over (1 when it has none)."""
    m = re.search(r"\brange\s+(\[\]|map\[|(\w+)\s*\{)", body)
    if not m:
        return 1
    if m.group(2) is None:
        return max(1, rows_after(body, m.start(1)))
    pattern = re.compile(rf"\b{re.escape(m.group(2))}\s*:?=\s*")
    for src in (body, text):
        d = pattern.search(src)
        if d:
            return max(1, rows_after(src, d.end()))
    return 1


def summarize_go(text: str) -> ModuleSummary:
    """Summary of a Go ``_test.go`` file (or fragment)."""
    out = ModuleSummary()
    main = _go_main_tamper(text)
    if main is not None:
        out.tampers.append(main)
    constraint = _GO_CONSTRAINT.search(text)
    if constraint and _excluding_constraint(constraint.group(2)):
        out.module_markers.append(Marker("skip", constraint.group(0).strip(), 1))
    spans = []
    for m in _GO_TEST.finditer(text):
        end = _block_end(text, m.end())
        unit = TestUnit(m.group(1), line_of(text, m.start()), source=text[m.start() : end])
        body = text[m.end() : end]
        base = line_of(text, m.end())
        depth = 0
        ended = False
        dead_at: int | None = None
        """Depth of an ``if false && ...`` block the checks are in (they never run)."""
        for i, ln in enumerate(body.split("\n")):
            stripped = ln.strip()
            if dead_at is not None and depth < dead_at:
                dead_at = None
            if dead_at is None and (_GO_DEAD_IF.search(ln) or _GO_NEVER_DIFFERS.search(ln)):
                dead_at = depth + 1
            if _GO_SKIP.search(ln):
                context = body[: body.find(ln)][-200:] + ln
                env = bool(
                    re.search(
                        r"testing\.Short\(\)|runtime\.GOOS|os\.Getenv|LookupEnv|CI\b", context
                    )
                )
                cond = re.findall(r"if\s+([^{]*)\{", body[: body.find(ln)][-200:])
                unit.markers.append(
                    Marker(
                        "skip",
                        f"if {cond[-1].strip()} {{ {stripped} }}" if env and cond else stripped,
                        base + i,
                        conditional=depth > 1 and env,
                        on_failure=depth > 1 and not env,
                    )
                )
            if depth == 1 and stripped == "return" and i > 0:
                ended = True  # the checks after a bare return at the top of the body never run
            if _GO_FAIL.search(ln):
                subject, lits = _literal_signature(ln)
                dead = ended or (dead_at is not None and depth >= dead_at)
                # ``if err == nil && got != want { t.Errorf(...) }``: an error passes
                guard = re.findall(r"\bif\s+([^{]*)\{", body[: body.find(ln)][-200:])
                # ``if got != want && testing.Verbose() {``: a switch a plain ``go test`` leaves
                # off, so the check never fails in the run that gates
                dead = dead or (depth > 1 and bool(guard) and _off_by_default(guard[-1]))
                # ``if err != nil { t.Fatal(err) }`` checks only that there is no error, as
                # testify's require.NoError does: a weak check, whichever way it is written
                weak = (
                    depth > 1
                    and bool(guard)
                    and bool(
                        _GO_ONLY_WITHOUT_ERROR.search(guard[-1]) or _GO_ERROR_ONLY.match(guard[-1])
                    )
                )
                strength = 1 if weak else 3
                unit.checks.append(
                    Check(base + i, stripped, strength, subject, lits, unreachable=dead)
                )
            tol = _abs_tolerance(ln)
            if tol is not None:
                unit.checks.append(Check(base + i, stripped, 0, tol[0], None, tol[1]))
            a = _GO_ASSERT.search(ln)
            if a:
                weak = a.group(2) in ("NotNil", "True", "NotEmpty", "NoError", "NotZero", "Nil")
                subject, lits = _literal_signature(ln)
                unit.checks.append(Check(base + i, stripped, 1 if weak else 3, subject, lits))
            if re.search(r"\b(want|expected|exp)\b\s*:?=", ln) or re.search(
                r"(?<![!=])[!=]=\s*(\"|\d|-\d|\[\]|\w+\{)", ln
            ):
                subject, lits = _literal_signature(ln)
                if lits:
                    dead = dead_at is not None and depth + 1 >= dead_at
                    unit.checks.append(
                        Check(base + i, stripped, 0, "lit:" + subject, lits, unreachable=dead)
                    )
            depth += ln.count("{") - ln.count("}")
        unit.empty = not unit.checks
        unit.cases = _go_rows(body, text)
        out.units[unit.name] = unit
        spans.append((m.start(), end))
    definitions = []
    for d in _GO_FUNC.finditer(text):
        if not _GO_TEST.match(text, d.start()):
            definitions.append((d.group(1), d.start(), _block_end(text, d.end())))
    helper_checks(out, text, definitions, _go_check_line)
    ranges = swallowed_lines(text, "go")
    for unit in out.tests.values():
        # every Go test checks that the code under test does not panic; a deferred recover()
        # that fails nothing turns a panic into a pass
        last = unit.line + unit.source.count("\n")
        recovered = any(unit.line <= a <= last for a, _, _ in ranges)
        unit.checks.append(
            Check(unit.line, "(does not panic)", 1, "no-panic", None, swallowed=recovered)
        )
    mark_swallowed(out, ranges)
    if not spans:
        loose = TestUnit(FRAGMENT, 0)
        for i, ln in enumerate(text.split("\n"), start=1):
            if _GO_FAIL.search(ln) or _GO_ASSERT.search(ln):
                subject, lits = _literal_signature(ln)
                loose.checks.append(Check(i, ln.strip(), 3, subject, lits))
            elif re.search(r"\b(want|expected)\b\s*:?=|\[\]\w+\{", ln):
                subject, lits = _literal_signature(ln)
                if lits:
                    loose.checks.append(Check(i, ln.strip(), 0, "lit:" + subject, lits))
            tol = _abs_tolerance(ln)
            if tol is not None:
                loose.checks.append(Check(i, ln.strip(), 0, tol[0], None, tol[1]))
            if _GO_SKIP.search(ln):
                loose.markers.append(
                    Marker("skip", ln.strip(), i, conditional=ln.startswith("\t\t"))
                )
        loose.source = text
        out.units[FRAGMENT] = loose
        helper_checks(out, text, definitions, _go_check_line)
        if not (loose.checks or loose.markers):
            del out.units[FRAGMENT]
    return out


# ----------------------------------------------------------------------------- Rust

_RUST_TEST = re.compile(
    r"#\[(?:tokio::)?test(?:\([^)]*\))?\]\s*((?:#\[[^\]]*\]\s*)*)(?:pub\s+)?(?:async\s+)?fn\s+(\w+)"
)
_RUST_ASSERT = re.compile(
    r"\b(assert|assert_eq|assert_ne|debug_assert|debug_assert_eq|prop_assert|prop_assert_eq|assert_matches|assert_approx_eq)!\s*\("
)


def _split_args(inner: str) -> list[str]:
    """Top-level comma-separated arguments of a macro call's text after its ``(``."""
    out: list[str] = []
    cur: list[str] = []
    depth = 0
    for ch in inner:
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            if depth == 0:
                break
            depth -= 1
        if ch == "," and depth == 0:
            out.append("".join(cur).strip())
            cur = []
            continue
        cur.append(ch)
    if "".join(cur).strip():
        out.append("".join(cur).strip())
    return out


def _rust_check(ln: str, lineno: int) -> Check | None:
    m = _RUST_ASSERT.search(ln)
    if not m:
        return None
    macro = m.group(1)
    inner = ln[m.end() :]
    args = _split_args(inner)
    subject = args[0] if args else ln.strip()
    lits = (
        ", ".join(args[1:])
        if macro in ("assert_eq", "debug_assert_eq", "prop_assert_eq", "assert_ne")
        and len(args) > 1
        else None
    )
    if macro in ("assert", "debug_assert", "prop_assert"):
        if re.match(r"\s*(true|1\s*==\s*1)\s*[,)]", inner):
            strength = 0
        elif re.search(r"\.is_(some|ok|none|err|empty)\(\)|!\s*\w+\.is_empty", inner):
            strength = 1
        elif re.search(r"==|<=|>=|<|>|\.contains\(|\.starts_with|\.ends_with", inner):
            strength = 2 if "==" not in inner else 3
        else:
            strength = 1
    elif macro in ("assert_ne",):
        strength = 1
    else:
        strength = 3
        parts = inner.rstrip(");").split(",")
        if len(parts) >= 2 and parts[0].strip() == parts[1].strip():
            strength = 0
    if macro in ("assert", "debug_assert", "prop_assert") and args:
        sides = re.split(r"\s*==\s*", args[0])
        if len(sides) == 2 and sides[0].strip() == sides[1].strip() and sides[0].strip():
            strength = 0  # ``assert!(v == v)``: a value always equals itself
    check = Check(lineno, ln.strip(), strength, subject, lits)
    tol = _abs_tolerance(ln)
    if tol is not None:
        check.subject, check.tol = tol
        if tol[1] < TIGHT:
            # a float comparison within a tight tolerance is as strong as equality
            check.strength = max(check.strength, 3)
    if _HOLDS_WHEN_ABSENT.search(inner):
        # ``x.map_or(true, |v| v == 1500.0)``: holds when x is None or an Err, whatever it is
        check.strength = min(check.strength, 1)
    return check


_HOLDS_WHEN_ABSENT = re.compile(
    r"\.map_or\(\s*true\s*,|\.unwrap_or\(\s*true\s*\)|\.is_none_or\(|"
    r"\.map_or_else\(\s*\|[^|]*\|\s*true\s*,|\.unwrap_or_else\(\s*\|[^|]*\|\s*true\s*\)"
)
"""A Rust check whose value defaults to true when the Option or Result under check holds none."""


def _rust_rows(body: str) -> int:
    """Cases of a Rust test that loops over a literal table (``for (x, want) in [...]``)."""
    m = re.search(r"\bfor\s+[^{;]*?\bin\s+(?:&\s*)?(?:vec!\s*)?\[", body)
    if not m:
        return 1
    return max(1, count_items(body[m.end() : matching(body, m.end() - 1) - 1]))


RUST_FN = re.compile(r"(?m)^[ \t]*(?:pub(?:\([^)]*\))?\s+)?(?:async\s+)?fn\s+(\w+)")


_RUST_NEVER = re.compile(
    r"#\[cfg\((any\(\)|not\(test\)|all\(test,\s*not\(test\)\)|FALSE|false|feature\s*=\s*\"never\w*\")\)\]"
)
"""A ``cfg`` that is never true in a test build: the item is compiled out."""
_RUST_PLATFORM = re.compile(
    r"#\[cfg\([^\]\n]*\b(target_os|target_family|target_arch|target_env|unix|windows|"
    r"feature)\b[^\]\n]*\)\]"
)
"""A ``cfg`` on a test that holds on some builds only: the test is compiled out elsewhere."""


def summarize_rust(text: str) -> ModuleSummary:
    """Summary of Rust test code (``#[test]`` functions, in a module or in ``tests/``)."""
    out = ModuleSummary()
    if re.search(
        r"#\[cfg\((any\(\)|not\(test\)|FALSE|feature\s*=\s*\"never\w*\")\)\]\s*mod\s+tests", text
    ):
        out.module_markers.append(Marker("skip", "#[cfg(...)] mod tests", 1))
    spans = []
    for m in _RUST_TEST.finditer(text):
        attrs, name = m.group(1) or "", m.group(2)
        end = _block_end(text, m.end())
        line = line_of(text, m.start())
        unit = TestUnit(name, line, source=text[m.start() : end])
        if re.search(r"#\[ignore\b", attrs):
            unit.markers.append(Marker("skip", "#[ignore]", line))
        lead = re.search(
            r"((?:[ \t]*#\[[^\]\n]*\][ \t]*\n)*)[ \t]*\Z", text[max(0, m.start() - 400) : m.start()]
        )
        never = _RUST_NEVER.search((lead.group(1) if lead else "") + attrs)
        if never:
            unit.markers.append(Marker("skip", never.group(0), line))
        platform = _RUST_PLATFORM.search((lead.group(1) if lead else "") + attrs)
        if platform and not never:
            unit.markers.append(Marker("skip", platform.group(0), line, conditional=True))
        if re.search(r"#\[cfg_attr\([^\]]*ignore", attrs):
            unit.markers.append(Marker("skip", "#[cfg_attr(..., ignore)]", line, conditional=True))
        if re.search(r"#\[should_panic", attrs):
            unit.markers.append(Marker("xfail", "#[should_panic]", line))
        body = text[m.end() : end]
        base = line_of(text, m.end())
        for i, ln in enumerate(body.split("\n")):
            check = _rust_check(ln, base + i)
            if check is not None:
                unit.checks.append(check)
        unit.empty = not unit.checks and not re.search(r"\w+\(", body)
        unit.cases = _rust_rows(body)
        out.units[name] = unit
        spans.append((m.start(), end))
    tests_at = text.find("#[cfg(test)]")
    definitions = []
    for d in RUST_FN.finditer(text, max(tests_at, 0)):
        if d.group(1) not in out.units:
            definitions.append((d.group(1), d.start(), _block_end(text, d.end())))
    helper_checks(out, text, definitions, _rust_check)
    mark_swallowed(out, swallowed_lines(text, "rust"))
    if not spans:
        loose = TestUnit(FRAGMENT, 0)
        # a function that takes parameters and returns a value is neither a test (the runner
        # calls tests with no arguments) nor a check helper (which returns nothing): its
        # assert!s are the program's own invariants, not checks of a test body
        program = [
            (line_of(text, d.start()), line_of(text, _block_end(text, d.end())))
            for d in re.finditer(
                r"(?m)^\s*(?:pub(?:\([^)]*\))?\s+)?fn\s+\w+\s*(?:<[^>]*>)?\(\s*[^)\s][^)]*\)"
                r"\s*->\s*(?!\(\s*\))",
                text,
            )
        ]
        for i, ln in enumerate(text.split("\n"), start=1):
            if any(first < i <= last for first, last in program):
                continue
            check = _rust_check(ln, i)
            tol = None if check is not None else _abs_tolerance(ln)
            if tol is not None:
                check = Check(i, ln.strip(), 0, tol[0], None, tol[1])
            if check is not None:
                loose.checks.append(check)
            if re.search(r"#\[ignore\b", ln):
                loose.markers.append(Marker("skip", "#[ignore]", i))
            if re.search(r"#\[should_panic", ln):
                loose.markers.append(Marker("xfail", "#[should_panic]", i))
        loose.source = text
        out.units[FRAGMENT] = loose
        helper_checks(out, text, definitions, _rust_check)
        if not (loose.checks or loose.markers):
            del out.units[FRAGMENT]
    return out


def summarize_tests(text: str, lang: str) -> ModuleSummary | None:
    """The summary of test code in ``lang`` ("javascript", "go", "rust"; any other language by
    :func:`summarize_generic`; None for files that are not code)."""
    if not lang:
        return None
    code = blank_comments(text, lang)
    if lang == "javascript":
        out = summarize_js(code)
    elif lang == "go":
        out = summarize_go(code)
    elif lang == "rust":
        out = summarize_rust(code)
    else:
        out = summarize_generic(code, lang)
    weaken_fallbacks(out)
    dead_lines(out, code)
    restore_sources(out, code, text)
    return out


# ----------------------------------------------------------------------------- other languages
# JUnit 4/5 and TestNG (Java, Kotlin, Scala, Groovy), xUnit/NUnit/MSTest (C#, F#), PHPUnit, XCTest
# (Swift, Objective-C), Minitest and RSpec (Ruby), ExUnit (Elixir): one reader keyed on how each
# framework declares a test, skips one, and checks a value.

_ANNOTATED_TEST = re.compile(
    r"(?m)^[ \t]*(?P<attrs>(?:(?:@\w+(?:\([^)\n]*\))?|\[[^\]\n]*\])[ \t]*\n?[ \t]*)+)"
    r"(?:(?:public|private|protected|internal|static|async|override|open|final|suspend|virtual)\s+)*"
    r"(?:fun|def|void|func|function|Task|[\w<>\[\]]+)\s+`?(?P<name>[\w ]+?)`?\s*\("
)
_TEST_ATTR = re.compile(
    r"@(?:Test|ParameterizedTest|RepeatedTest|TestFactory|TestTemplate|Property|Example)\b"
    r"|\[\s*(?:Fact|Theory|Test|TestMethod|TestCase|DataTestMethod|Property)\b"
)
_NAMED_TEST = re.compile(
    r"(?m)^[ \t]*(?:public\s+|private\s+|protected\s+|final\s+|static\s+)*"
    r"(?:func|function|def)\s+(?P<name>test\w*)\s*(?:\(|$)"
)
_BLOCK_TEST = re.compile(
    r"(?m)^(?P<indent>[ \t]*)(?P<kw>x?it|x?specify|x?example|x?scenario|f?it|test|pending|skip)"
    r"\s*\(?\s*(?P<q>['\"])(?P<name>.*?)(?P=q)\s*\)?[^\n]*?\s(?:do|\{)\s*(?:\|[^|]*\|)?\s*$"
)
_BLOCK_GROUP = re.compile(
    r"(?m)^(?P<indent>[ \t]*)(?P<kw>x?describe|x?context|xfeature)\b[^\n]*\sdo\s*$"
)
_SKIP_CALL = re.compile(
    r"\b(?:markTestSkipped|markTestIncomplete|Assert\.Ignore|Assert\.Inconclusive|Skip\.If"
    r"|Skip\.Unless|assumeTrue|assumeFalse|Assume\.that|Assumptions\.assume\w*|abort"
    r"|XCTSkipIf|XCTSkipUnless)\s*\(|\bthrow\s+XCTSkip\b|(?m:^\s*(?:skip|omit)\b(?!\s*[=:]))"
)
_SKIP_ATTR = re.compile(
    r"@(?:Disabled\w*|Ignore|Ignored)\b|\[\s*(?:Ignore|Explicit|Skip)\b|\bSkip\s*=\s*\""
    r"|@(?:EnabledIf|DisabledIf|EnabledOn|DisabledOn)\w*|"
    + r"(?P<bounded>@\w*(?:Suppress|Skip|Ignore)\w*"
    r"\([^)\n]*?\b\w*(?:Sdk|Version|Api|Level|sdk|version|api|level)\w*\s*=\s*\d+[^)\n]*\))"
)
"""Attributes that keep a test from running (the last: one whose name says it suppresses, skips or
ignores the test and whose arguments bound the platform's version, ``@SdkSuppress(minSdkVersion =
35)``: the test runs on some versions only)."""
_EXPECTS_FAILURE = re.compile(
    r"\b(?:expected\s*=\s*|assertThrows\s*\(\s*|assertFailsWith\s*<\s*|shouldThrow\s*<\s*"
    r"|Assert\.Throws\s*<\s*|expectException\s*\(\s*|assert_raises\s*\(\s*)"
    r"(?:\w+\.)*(?:AssertionError|AssertionFailedError|AssertFailedException|XunitException"
    r"|ExpectationFailedException|Minitest::Assertion|AssertionFailedException)\b"
)
"""A test that expects the failure of its own checks (JUnit ``expected = AssertionError``,
``assertThrows(AssertionError...)`` around an assertion, and the like)."""
_XFAIL = re.compile(r"\bXCTExpectFailure\b|(?m:^\s*pending\b)|@ExpectedFailure|\[ExpectedException")

_EXACT = re.compile(
    r"\b(?:assert(?:Equals|Same|ArrayEquals|IterableEquals|LinesMatch|Throws|StrictEquals)"
    r"|assert_equal|assert_raises|assert_same|assert_in_delta|assert_in_epsilon"
    r"|Assert\.(?:Equal|AreEqual|Same|AreSame|Throws\w*|Exactly|Sequence\w*|StrictEqual)"
    r"|XCTAssert(?:Equal|Identical|ThrowsError)|expectException|shouldBe|shouldEqual"
    r"|assert_eq|assertIdentical|isEqualTo|containsExactly|hasSize)\b"
    r"|\.to(?:_not)?\s*\(?\s*(?:eq|eql|equal|be\s*\(|be ==|raise_error\s*\(\s*\w|match_array"
    r"|contain_exactly|be_within)\b|\bexpect\(.*\)\.to\s+eq\b|\bmust_equal\b|\bmust_raise\b"
    r"|\bassert\s*\(?[^\n]*==|\bassertTrue\s*\([^\n]*==|Assert\.True\s*\([^\n]*==|XCTAssertTrue\s*\([^\n]*=="
    # C/C++: GoogleTest, Catch2/doctest, Boost.Test
    r"|\b(?:EXPECT|ASSERT)_(?:EQ|STREQ|DOUBLE_EQ|FLOAT_EQ|THROW)\b|\bBOOST_(?:CHECK|REQUIRE)_EQUAL\b"
    r"|\b(?:REQUIRE|CHECK)(?:_THROWS_AS)?\s*\([^\n]*(?:==|,)"
)
_WEAK = re.compile(
    r"\b(?:assert(?:NotNull|NotEmpty|True|False|Null|Nil|NotNil|Instance\w*|IsType\w*|Count)"
    r"|assert_not_nil|refute_nil|refute_empty|assert_kind_of|assert_instance_of|assert_respond_to"
    r"|assert_match|assert_includes|assert_predicate|assert_operator|refute"
    r"|Assert\.(?:True|False|NotNull|Null|NotEmpty|Empty|IsType\w*|IsAssignableFrom|Contains"
    r"|DoesNotContain|Single|IsTrue|IsFalse|IsNotNull|IsNull|IsInstanceOfType|Pass|NotEqual"
    r"|Matches|StartsWith|EndsWith)"
    r"|XCTAssert(?:NotNil|Nil|True|False|NotEqual|GreaterThan\w*|LessThan\w*|NoThrow)?"
    r"|isNotNull|isNotEmpty|isInstanceOf|isTrue|contains|startsWith|endsWith|notTo|not_to"
    r"|assertContains|assertStringContainsString|assertMatchesRegularExpression"
    r"|assertStringStartsWith|assertGreaterThan\w*|assertLessThan\w*|assertIsString"
    r"|assertIsInt|assertIsArray|assertNotEquals|assertCount|assertArrayHasKey|assert)\b"
    r"|\.to(?:_not)?\s*\(?\s*(?:be_truthy|be_falsey|be_nil|be_a|be_an|be_kind_of"
    r"|be_instance_of|match|start_with|end_with|include|respond_to|be_present|be_empty"
    r"|satisfy|exist|be\s*$)\b|\.to\s+be\b"
    r"|\b(?:EXPECT|ASSERT)_(?:TRUE|FALSE|NE|NO_THROW|ANY_THROW|GT|LT|GE|LE|NEAR)\b"
    r"|\bBOOST_(?:CHECK|REQUIRE)\b|\b(?:REQUIRE|CHECK)(?:_FALSE|_NOTHROW|_THROWS)?\s*\("
)
_ALWAYS = re.compile(
    r"\b(?:assertTrue|Assert\.True|XCTAssertTrue|assert|Assert\.IsTrue|XCTAssert)\s*\(?\s*"
    r"(?:true|1\s*==\s*1|YES)\s*(?:[,)\n]|$)|\bAssert\.Pass\s*\(|\bexpect\(true\)\.to\b"
)
_NEGATED = re.compile(
    r"\.(?:to_not|not_to)\b|\bassertNotEquals?\b|\bAssert\.(?:NotEqual|AreNotEqual|NotSame)\b"
    r"|\bassert_not_equal\b|\brefute_equal\b|\bisNotEqualTo\b|\bXCTAssertNotEqual\b"
    r"|\bwont_equal\b|\bshouldNotBe\b"
)
"""Checks that a value is not one particular value: almost anything passes."""
_TOL_CALL = re.compile(
    r"\b(?:assertEquals|assertEqual|Assert\.Equal|Assert\.AreEqual|XCTAssertEqual|assert_in_delta"
    r"|assertEqualsWithDelta)\s*\("
)
_WITHIN = re.compile(r"be_within\(\s*([\d.eE+-]+)\s*\)\.of\(\s*([\d.eE+-]+)\s*\)")


def _number(text: str) -> float | None:
    try:
        return float(text.strip().rstrip("fFdDmM").replace("_", ""))
    except ValueError:
        return None


def _generic_tol(ln: str) -> float | None:
    """Relative looseness of an approximate equality (JUnit/xUnit delta, XCTest accuracy,
    Minitest/RSpec delta), when the expectation is a number."""
    w = _WITHIN.search(ln)
    if w:
        delta, value = _number(w.group(1)), _number(w.group(2))
        if delta is not None and value:
            return abs(delta / value)
        return None
    m = _TOL_CALL.search(ln)
    if not m:
        return None
    args = _split_args(ln[m.end() :])
    if len(args) < 3:
        return None
    expected = _number(args[0])
    last = re.sub(r"^\w+\s*:\s*", "", args[-1])  # accuracy: 0.5 / delta: 0.5
    bound = _number(last)
    if expected is None or bound is None:
        return None
    if "Assert.Equal" in m.group(0) and bound == int(bound) and bound < 16 and "." not in last:
        bound = 10.0 ** -int(bound)  # xUnit: decimal places
    return abs(bound / expected) if expected else abs(bound)


_EQUAL_CALL = re.compile(
    r"\b(?:assertEquals|assertEqual|assertSame|assert_equal|Assert\.(?:Equal|AreEqual|Same)"
    r"|XCTAssertEqual|assertIdentical|assert_eq!?)\s*\("
)


def _same_args(code: str) -> bool:
    """An equality assertion of a value with itself (``assertEquals(f(1), f(1))``)."""
    m = _EQUAL_CALL.search(code)
    if not m:
        return False
    args = _split_args(code[m.end() :])
    return len(args) >= 2 and bool(args[0]) and args[0].replace(" ", "") == args[1].replace(" ", "")


_BOOLEAN = re.compile(r"(?i)^(true|false|yes|no)$")


def _boolean_equality(code: str) -> bool:
    """An equality assertion of a value with a boolean literal: a truth check."""
    m = _EQUAL_CALL.search(code)
    if not m:
        return False
    args = _split_args(code[m.end() :])
    return len(args) >= 2 and any(_BOOLEAN.match(a.strip()) for a in args[:2])


def _generic_check(ln: str, lineno: int) -> Check | None:
    code = ln.split("//")[0] if "://" not in ln else ln
    code = re.sub(r"^\s*#.*$", "", code)
    if not code.strip():
        return None
    if _ALWAYS.search(code) or _same_args(code):
        return Check(lineno, ln.strip(), 0, ln.strip(), None)
    if _boolean_equality(code):
        strength = 1  # ``assertEquals(true, x)`` checks what ``assertTrue(x)`` checks
    elif _EXACT.search(code) and not _NEGATED.search(code):
        strength = 3
    elif _WEAK.search(code):
        strength = 2 if re.search(r"[<>]=?\s*-?\d|be_within|GreaterThan|LessThan", code) else 1
    else:
        return None
    subject, lits = _literal_signature(code)
    check = Check(lineno, ln.strip(), strength, subject, lits)
    check.tol = _generic_tol(code)
    return check


def _ruby_block_end(lines: list[str], start: int, indent: str) -> int:
    """Index of the ``end``/``}`` line closing the block opened on ``lines[start]``."""
    for j in range(start + 1, len(lines)):
        s = lines[j]
        if s.strip() in ("end", "}", "end)") and s[: len(s) - len(s.lstrip())] == indent:
            return j
    return len(lines) - 1


_ASSUME_NEVER = re.compile(
    r"\b(?:assumeTrue|assume|assumeThat|Skip\.Unless|XCTSkipUnless|SkipUnless)\s*\(\s*false\b"
    r"|\b(?:assumeFalse|Skip\.If|XCTSkipIf|SkipIf)\s*\(\s*true\b"
)
"""An assumption that never holds: the test always skips."""


def _generic_unit(name: str, line: int, body_lines: list[str], base: int, source: str) -> TestUnit:
    unit = TestUnit(name, line, source=source)
    for i, ln in enumerate(body_lines):
        stripped = ln.strip()
        if _EXPECTS_FAILURE.search(ln):
            unit.markers.append(Marker("xfail", stripped, base + i))
        if _SKIP_CALL.search(ln):
            cond = bool(
                re.search(
                    r"\b(if|unless|when|Skip\.If|Skip\.Unless|SkipIf|SkipUnless|assume)", ln, re.I
                )
            ) and not _ASSUME_NEVER.search(ln)
            unit.markers.append(Marker("skip", stripped, base + i, conditional=cond))
        elif _XFAIL.search(ln):
            unit.markers.append(Marker("xfail", stripped, base + i))
        check = _generic_check(ln, base + i)
        if check is not None:
            unit.checks.append(check)
    unit.empty = not unit.checks and not any(
        re.search(r"\w+\s*[(.]", ln) for ln in body_lines if ln.strip()
    )
    return unit


_CPP_TEST = re.compile(
    r"(?m)^[ \t]*(?P<macro>TEST|TEST_F|TEST_P|TYPED_TEST|TYPED_TEST_P|TEST_CASE|SCENARIO|"
    r"TEST_CASE_METHOD|TEMPLATE_TEST_CASE|BOOST_AUTO_TEST_CASE|BOOST_FIXTURE_TEST_CASE|"
    r"BOOST_DATA_TEST_CASE)\s*\((?P<args>[^{};]*?)\)\s*(?:\{|$)"
)
"""A C/C++ test declaration: GoogleTest ``TEST(Suite, Name)``, Catch2 and doctest
``TEST_CASE("name", "[tags]")``, Boost.Test ``BOOST_AUTO_TEST_CASE(name, decorators)``."""
_CPP_STRING = re.compile(r'"((?:[^"\\\n]|\\.)*)"')
_CPP_HIDDEN_TAG = re.compile(r"\[\.|\[!hide\]")
"""Catch2's hidden tags (``[.]``, ``[.slow]``, ``[!hide]``): default runs leave the test out."""
_CPP_MAY_FAIL_TAG = re.compile(r"\[!(?:mayfail|shouldfail)\]")
"""Catch2 tags under which a failing test does not fail the run."""
_CPP_SKIP_DECORATOR = re.compile(
    r"\bdoctest::skip\s*\(\s*(?:true)?\s*\)|\bunit_test::disabled\s*\(\s*\)"
    r"|\bunit_test::enable_if\s*<\s*false\s*>"
)
_CPP_XFAIL_DECORATOR = re.compile(
    r"\bdoctest::(?:may_fail|should_fail|expected_failures)\s*\(|"
    r"\bunit_test::expected_failures\s*\("
)


def _cpp_declaration(macro: str, args: str) -> tuple[str, list[tuple[str, str]]]:
    """A C/C++ test declaration's name and what its declaration says about running it:
    ("skip" | "xfail", the words saying it)."""
    strings = _CPP_STRING.findall(args)
    if macro.startswith(("TEST_CASE", "SCENARIO", "TEMPLATE_TEST_CASE")) and strings:
        name = strings[0]
        tags = strings[1] if len(strings) > 1 else ""
    else:
        parts = [a.strip() for a in args.split(",")]
        name = ".".join(p for p in parts[:2] if re.fullmatch(r"\w+", p)) or parts[0]
        tags = ""
        if macro.startswith("BOOST"):
            name = parts[0]
    marks = []
    if re.search(r"(?:^|\.)DISABLED_", name):
        marks.append(("skip", "DISABLED_ prefix"))
    hidden = _CPP_HIDDEN_TAG.search(tags)
    if hidden:
        marks.append(("skip", f"hidden tag {tags}"))
    may_fail = _CPP_MAY_FAIL_TAG.search(tags)
    if may_fail:
        marks.append(("xfail", may_fail.group(0)))
    for rx, kind in ((_CPP_SKIP_DECORATOR, "skip"), (_CPP_XFAIL_DECORATOR, "xfail")):
        m = rx.search(args)
        if m:
            marks.append((kind, m.group(0)))
    plain = re.sub(r"(^|\.)DISABLED_", r"\1", name)
    return plain.replace(" ", "_"), marks


def summarize_generic(text: str, lang: str = "") -> ModuleSummary:
    """Summary of test code in a language without its own reader (JUnit/TestNG, xUnit/NUnit/
    MSTest, PHPUnit, XCTest, Minitest, RSpec, ExUnit): tests as declared by annotations,
    attributes, ``test*`` names or ``it``/``test`` blocks; skips by attribute, call or keyword;
    checks graded by the assertion used (equality 3, ordering 2, truthiness/type/pattern 1,
    ``assertTrue(true)`` 0) with the tolerance of approximate equalities."""
    out = ModuleSummary()
    lines = text.split("\n")
    seen: set[int] = set()

    def brace_unit(name: str, start: int, attrs: str = "") -> None:
        line = line_of(text, start)
        if line in seen:
            return
        seen.add(line)
        brace = text.find("{", start)
        arrow = re.compile(r"\)\s*(?::\s*[\w<>?]+\s*)?(=>|=)\s*").search(text, start)
        newline = text.find("\n", start)
        if (
            arrow
            and (brace < 0 or arrow.start() < brace)
            and arrow.start() < (newline if newline >= 0 else len(text)) + 200
        ):
            end = text.find("\n", arrow.end())
            end = len(text) if end < 0 else end
            body = text[arrow.end() : end]
        else:
            end = _block_end(text, start)
            body = text[brace + 1 : end] if brace >= 0 else ""
        base = line_of(text, brace + 1 if brace >= 0 else start)
        unit = _generic_unit(name, line, body.split("\n"), base, text[start:end])
        expects = _EXPECTS_FAILURE.search(attrs) if attrs else None
        if expects:
            unit.markers.append(Marker("xfail", expects.group(0), line))
        if attrs:
            unit.cases = _attr_rows(attrs)
        skip_attr = _SKIP_ATTR.search(attrs) if attrs else None
        if skip_attr:
            cond = bool(
                re.search(r"@(?:EnabledIf|DisabledIf|EnabledOn|DisabledOn)", attrs)
                or skip_attr.group("bounded")
            )
            unit.markers.append(Marker("skip", skip_attr.group(0), line, conditional=cond))
        out.units[name] = unit

    for m in _ANNOTATED_TEST.finditer(text):
        attrs = m.group("attrs")
        if _TEST_ATTR.search(attrs):
            brace_unit(m.group("name").strip().replace(" ", "_"), m.start(), attrs)
    for m in _CPP_TEST.finditer(text):
        # a C/C++ test: its declaration says whether default runs run it and whether its
        # failure fails the run (the name it keeps without DISABLED_, so a disabled test is the
        # same test, now skipped)
        name, marks = _cpp_declaration(m.group("macro"), m.group("args"))
        if not name:
            continue
        brace_unit(name, m.start())
        unit = out.units.get(name)
        if unit is not None:
            line = line_of(text, m.start())
            unit.markers += [Marker(kind, words, line) for kind, words in marks]
    ruby = bool(
        re.search(
            r"(?m)^\s*(def\s+test_\w+|(x?it|describe|context|test)\s*\(?['\"].*\sdo\s*$)", text
        )
    ) and not re.search(r"(?m)^\s*(public|func|function)\s", text)
    for m in _NAMED_TEST.finditer(text):
        if ruby:
            idx = text.count("\n", 0, m.start())
            indent = lines[idx][: len(lines[idx]) - len(lines[idx].lstrip())]
            end = _ruby_block_end(lines, idx, indent)
            if idx + 1 in seen:
                continue
            seen.add(idx + 1)
            out.units[m.group("name")] = _generic_unit(
                m.group("name"),
                idx + 1,
                lines[idx + 1 : end],
                idx + 2,
                "\n".join(lines[idx : end + 1]),
            )
        else:
            brace_unit(m.group("name"), m.start())
    groups: list[tuple[int, int]] = []
    for g in _BLOCK_GROUP.finditer(text):
        if g.group("kw").startswith("x"):
            idx = text.count("\n", 0, g.start())
            groups.append((idx, _ruby_block_end(lines, idx, g.group("indent"))))
    for m in _BLOCK_TEST.finditer(text):
        idx = text.count("\n", 0, m.start())
        if idx + 1 in seen:
            continue
        seen.add(idx + 1)
        end = _ruby_block_end(lines, idx, m.group("indent"))
        name = m.group("name")
        unit = _generic_unit(
            name, idx + 1, lines[idx + 1 : end], idx + 2, "\n".join(lines[idx : end + 1])
        )
        kw = m.group("kw")
        if kw.startswith("x") or kw == "skip":
            unit.markers.append(Marker("skip", lines[idx].strip(), idx + 1))
        elif kw == "pending":
            unit.markers.append(Marker("xfail", lines[idx].strip(), idx + 1))
        if any(a < idx <= b for a, b in groups):
            unit.markers.append(Marker("skip", "x-prefixed group", idx + 1))
        out.units[name] = unit
    for a, b, rows in _ruby_tables(lines):
        for unit in out.units.values():
            if a < unit.line <= b + 1:
                unit.cases = max(unit.cases, rows)
    helper_checks(out, text, _generic_definitions(text, lines, out), _generic_check)
    mark_swallowed(out, swallowed_lines(text, lang))
    if not out.units:
        loose = _generic_unit(FRAGMENT, 0, lines, 1, text)
        for i, ln in enumerate(lines, start=1):
            if _SKIP_ATTR.search(ln) and not any(mk.line == i for mk in loose.markers):
                loose.markers.append(Marker("skip", ln.strip(), i))
            if re.match(r"\s*x(it|describe|context|specify)\b", ln):
                loose.markers.append(Marker("skip", ln.strip(), i))
        out.units[FRAGMENT] = loose
        helper_checks(out, text, _generic_definitions(text, lines, out), _generic_check)
        if loose.checks or loose.markers:
            mark_swallowed(out, swallowed_lines(text, lang))
        else:
            del out.units[FRAGMENT]
    for m in _FILE_SKIP.finditer(text):
        # a skip written on the file's library or on a type, not on one test (Dart's
        # ``@Skip('...') library;``, a class's ``@Disabled`` or ``[Ignore]``): every test in it
        out.module_markers.append(Marker("skip", m.group(0).strip(), line_of(text, m.start())))
    return out


_FILE_SKIP = re.compile(
    r"(?m)^@(?:Skip|Skipped|Disabled|Ignore|Ignored)\b[^\n]*(?:\n@[^\n]*)*\n"
    r"(?:library|module|package|(?:public\s+|internal\s+|open\s+|final\s+)*(?:class|object))\b"
)
"""A skip annotation at the head of a file's library or class declaration."""


_METHOD = re.compile(
    r"(?m)^[ \t]*(?:(?:public|private|protected|internal|static|final|override|suspend|open|"
    r"inline|async|fileprivate)\s+)*(?:fun|void|func|function|def|[\w<>\[\],?]+)\s+"
    r"(?P<name>[A-Za-z_]\w*)\s*\("
)
_RUBY_DEF = re.compile(r"(?m)^(?P<indent>[ \t]*)def\s+(?P<name>\w+[?!]?)")
_NOT_NAMES = frozenset({"if", "for", "while", "switch", "catch", "return", "new", "else", "when"})
_TEST_ATTR_BEFORE = re.compile(
    r"(?:@(?:Test|ParameterizedTest|RepeatedTest)\b|\[\s*(?:Fact|Theory|Test|TestMethod)\b)"
    r"[^\n]*\n(?:[ \t]*[@\[][^\n]*\n)*[ \t]*\Z"
)


def _generic_definitions(
    text: str, lines: list[str], out: ModuleSummary
) -> list[tuple[str, int, int]]:
    """(name, start, end) of the methods and functions of test code that are not tests."""
    tests = {u.name for u in out.units.values()}
    defs: list[tuple[str, int, int]] = []
    for m in _RUBY_DEF.finditer(text):
        name = m.group("name")
        if name in tests or name.startswith("test_"):
            continue
        idx = text.count("\n", 0, m.start())
        end = _ruby_block_end(lines, idx, m.group("indent"))
        stop = sum(len(x) + 1 for x in lines[: end + 1])
        defs.append((name, m.start(), min(stop, len(text))))
    if defs:
        return defs
    for m in _METHOD.finditer(text):
        name = m.group("name")
        if name in tests or name in _NOT_NAMES or name.startswith("test"):
            continue
        if _TEST_ATTR_BEFORE.search(text[max(0, m.start() - 300) : m.start()]):
            continue
        close = matching(text, text.find("(", m.end() - 1))
        brace = re.compile(r"\s*(?::\s*[\w<>?,. \[\]]+)?(?:throws\s+[\w., ]+)?\s*\{").match(
            text, close
        )
        if brace:
            defs.append((name, m.start(), _block_end(text, close)))
        elif re.match(r"\s*(?::\s*[\w<>?]+)?\s*=", text[close:]):
            nl = text.find("\n", close)
            defs.append((name, m.start(), len(text) if nl < 0 else nl))
    return defs


def _attr_rows(attrs: str) -> int:
    """Cases of a parameterised JUnit/xUnit/NUnit test from its attributes."""
    rows = len(re.findall(r"\[\s*(?:InlineData|TestCase|DataRow)\b", attrs))
    csv = re.search(r"@CsvSource\s*\(\s*(?:value\s*=\s*)?\{", attrs)
    if csv:
        rows += count_items(attrs[csv.end() : matching(attrs, csv.end() - 1) - 1])
    block = re.search(r'@CsvSource\s*\(\s*textBlock\s*=\s*"""(.*?)"""', attrs, re.S)
    if block:
        rows += len([ln for ln in block.group(1).split("\n") if ln.strip()])
    vals = re.search(r"@ValueSource\s*\([^{]*\{", attrs)
    if vals:
        rows += count_items(attrs[vals.end() : matching(attrs, vals.end() - 1) - 1])
    return max(1, rows)


def _ruby_tables(lines: list[str]) -> list[tuple[int, int, int]]:
    """(first line, last line, rows) of Ruby ``{...}.each do`` / ``[...].each do`` loops whose
    body defines examples (line numbers from 1)."""
    out = []
    for idx, ln in enumerate(lines):
        m = re.match(r"^([ \t]*)(.*?)([}\]])\.each(?:_pair|_with_index)?\s+do\b", ln)
        if not m:
            continue
        closer = m.group(3)
        opener = "{" if closer == "}" else "["
        indent = m.group(1)
        if opener in m.group(2):
            start = idx
            inner = m.group(2)[m.group(2).index(opener) + 1 :]
        else:
            found = None
            for j in range(idx - 1, -1, -1):
                s = lines[j]
                if s[: len(s) - len(s.lstrip())] == indent and s.rstrip().endswith(opener):
                    found = j
                    break
            if found is None:
                continue
            start = found
            inner = "\n".join(lines[start + 1 : idx])
        end = _ruby_block_end(lines, idx, indent)
        out.append((start + 1, end + 1, max(1, count_items(inner))))
    return out
