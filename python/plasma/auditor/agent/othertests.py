"""Tests in JavaScript/TypeScript (Jest, Vitest, Mocha, node:assert), Go (``testing``) and Rust
(``#[test]``), read with brace matching and per-line patterns into the same
:class:`~plasma.auditor.agent.pytests.ModuleSummary` as Python tests: each test's checks and their
strength, skips however written, focused tests, and the literals checks compare against."""

from __future__ import annotations

import re

from plasma.auditor.agent.pytests import FRAGMENT, Check, Marker, ModuleSummary, TestUnit

__all__ = ["summarize_go", "summarize_js", "summarize_rust", "summarize_tests"]

_STRING = re.compile(r"\"(?:\\.|[^\"\\])*\"|'(?:\\.|[^'\\])*'|`[^`]*`")
_NUMBER = re.compile(r"(?<![\w.])-?\d+(?:\.\d+)?(?:e-?\d+)?(?![\w.])")


def _block_end(text: str, start: int) -> int:
    """Index after the brace block that opens at or after ``start`` (end of text if none)."""
    i = text.find("{", start)
    if i < 0:
        return len(text)
    depth = 0
    n = len(text)
    while i < n:
        c = text[i]
        if c in "\"'`":
            m = _STRING.match(text, i)
            if m:
                i = m.end()
                continue
        if c == "/" and text.startswith("//", i):
            nl = text.find("\n", i)
            i = n if nl < 0 else nl
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return n


def _literal_signature(line: str) -> tuple[str, str | None]:
    """(line with literals blanked, the literals) of a check line."""
    lits = _STRING.findall(line) + _NUMBER.findall(_STRING.sub("", line))
    subject = _NUMBER.sub("#", _STRING.sub("$", line)).strip()
    return subject, ", ".join(lits) if lits else None


def _line_no(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


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
_EXPECT = re.compile(r"expect\((.*)\)\s*(\.not)?\s*\.(\w+)\((.*)\)")
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
_NODE_ASSERT = re.compile(
    r"\bassert\.(equal|strictEqual|deepEqual|deepStrictEqual|throws|rejects|match|notEqual|ok)\(|\bassert\("
)


def _js_check(line: str, lineno: int) -> Check | None:
    m = _EXPECT.search(line)
    if m:
        subject_arg, negated, matcher, arg = m.group(1), m.group(2), m.group(3), m.group(4)
        subject = f"{subject_arg.strip()}|{'not.' if negated else ''}{matcher}"
        literals = arg.strip() or None
        if re.fullmatch(r"\s*(true|1|'[^']*'|\"[^\"]*\"|\d+)\s*", subject_arg):
            return Check(lineno, line.strip(), 0, subject, literals)
        if negated and matcher in ("toBeNull", "toBeUndefined", "toBeFalsy"):
            strength = 1
        elif matcher in _JS_STRONG:
            strength = 3
        elif matcher in _JS_MEDIUM:
            strength = 2
        elif matcher == "toThrow":
            strength = 3 if arg.strip() else 2
        else:
            strength = 1
        tol = None
        if matcher == "toBeCloseTo":
            digits = re.search(r",\s*(\d+)\s*$", arg)
            tol = 10.0 ** -(int(digits.group(1)) if digits else 2)
        return Check(lineno, line.strip(), strength, subject, literals, tol)
    m = _NODE_ASSERT.search(line)
    if m:
        kind = m.group(1) or "ok"
        subject, literals = _literal_signature(line)
        strength = 1 if kind in ("ok", "notEqual") or m.group(0) == "assert(" else 3
        return Check(lineno, line.strip(), strength, subject, literals)
    return None


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
                (m.start(), end, Marker("skip", m.group(0), _line_no(text, m.start())))
            )
        elif mod.startswith(("skipIf", "runIf")):
            skipped_ranges.append(
                (
                    m.start(),
                    end,
                    Marker("skip", m.group(0), _line_no(text, m.start()), conditional=True),
                )
            )
        if mod == "only" or fn == "fdescribe":
            focus = True
    spans: list[tuple[int, int]] = []
    for m in _JS_TEST.finditer(text):
        fn, mod, name = m.group(1), (m.group(2) or ""), m.group(4)
        end = _block_end(text, m.end())
        line = _line_no(text, m.start())
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
        offset = _line_no(text, m.end())
        for i, ln in enumerate(body.split("\n")):
            check = _js_check(ln, offset + i)
            if check is not None:
                unit.checks.append(check)
        unit.empty = not unit.checks and not re.search(r"\w+\(", body.replace("=>", ""))
        key = name
        n = 2
        while key in out.units:
            key = f"{name} #{n}"
            n += 1
        out.units[key] = unit
        spans.append((m.start(), end))
    loose = TestUnit(FRAGMENT, 0)
    for i, ln in enumerate(text.split("\n"), start=1):
        pos = sum(len(x) + 1 for x in text.split("\n")[: i - 1])
        if any(a <= pos < b for a, b in spans):
            continue
        check = _js_check(ln, i)
        if check is not None:
            loose.checks.append(check)
    if loose.checks:
        out.units[FRAGMENT] = loose
    if focus:
        out.module_markers.append(Marker("focus", ".only", 0))
    out.fixture_mocks += _js_module_mocks(text)
    return out


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
                out.append((name, f"{module}.{name}", _line_no(text, m.start())))
    for m in _JS_SPY.finditer(text):
        if m.group(2) in checked or f"{m.group(1)}.{m.group(2)}" in text.replace("expect(", " "):
            out.append((m.group(2), f"{m.group(1)}.{m.group(2)}", _line_no(text, m.start())))
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


def summarize_go(text: str) -> ModuleSummary:
    """Summary of a Go ``_test.go`` file (or fragment)."""
    out = ModuleSummary()
    constraint = _GO_CONSTRAINT.search(text)
    if constraint and _excluding_constraint(constraint.group(2)):
        out.module_markers.append(Marker("skip", constraint.group(0).strip(), 1))
    spans = []
    for m in _GO_TEST.finditer(text):
        end = _block_end(text, m.end())
        unit = TestUnit(m.group(1), _line_no(text, m.start()), source=text[m.start() : end])
        body = text[m.end() : end]
        base = _line_no(text, m.end())
        depth = 0
        ended = False
        for i, ln in enumerate(body.split("\n")):
            stripped = ln.strip()
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
                unit.checks.append(Check(base + i, stripped, 3, subject, lits, unreachable=ended))
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
                    unit.checks.append(Check(base + i, stripped, 0, "lit:" + subject, lits))
            depth += ln.count("{") - ln.count("}")
        unit.empty = not unit.checks
        out.units[unit.name] = unit
        spans.append((m.start(), end))
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
            if _GO_SKIP.search(ln):
                loose.markers.append(
                    Marker("skip", ln.strip(), i, conditional=ln.startswith("\t\t"))
                )
        if loose.checks or loose.markers:
            out.units[FRAGMENT] = loose
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
    return Check(lineno, ln.strip(), strength, subject, lits)


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
        line = _line_no(text, m.start())
        unit = TestUnit(name, line, source=text[m.start() : end])
        if re.search(r"#\[ignore\b", attrs):
            unit.markers.append(Marker("skip", "#[ignore]", line))
        if re.search(r"#\[cfg_attr\([^\]]*ignore", attrs):
            unit.markers.append(Marker("skip", "#[cfg_attr(..., ignore)]", line, conditional=True))
        if re.search(r"#\[should_panic", attrs):
            unit.markers.append(Marker("xfail", "#[should_panic]", line))
        body = text[m.end() : end]
        base = _line_no(text, m.end())
        for i, ln in enumerate(body.split("\n")):
            check = _rust_check(ln, base + i)
            if check is not None:
                unit.checks.append(check)
        unit.empty = not unit.checks and not re.search(r"\w+\(", body)
        out.units[name] = unit
        spans.append((m.start(), end))
    if not spans:
        loose = TestUnit(FRAGMENT, 0)
        for i, ln in enumerate(text.split("\n"), start=1):
            check = _rust_check(ln, i)
            if check is not None:
                loose.checks.append(check)
            if re.search(r"#\[ignore\b", ln):
                loose.markers.append(Marker("skip", "#[ignore]", i))
            if re.search(r"#\[should_panic", ln):
                loose.markers.append(Marker("xfail", "#[should_panic]", i))
        if loose.checks or loose.markers:
            out.units[FRAGMENT] = loose
    return out


def summarize_tests(text: str, lang: str) -> ModuleSummary | None:
    """The summary of test code in ``lang`` ("javascript", "go", "rust"; None for others)."""
    if lang == "javascript":
        return summarize_js(text)
    if lang == "go":
        return summarize_go(text)
    if lang == "rust":
        return summarize_rust(text)
    return None
