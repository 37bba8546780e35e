"""Language-general parts of a test's strength, shared by the readers of
:mod:`~plasma.auditor.agent.othertests`: checks that cannot fail because a ``try``/``catch``,
``rescue``, ``recover``, ``catch_unwind`` or ``runCatching`` swallows their failure; calls of
assertion helpers (a helper defined in the same code counts as the checks it makes, so assertions
moved into a helper keep their strength); and the rows of table-driven and parameterised tests
(Go tables, ``test.each``, ``@CsvSource``/``[InlineData]``, Ruby ``{...}.each do``, Rust
``for ... in [...]``), which multiply what a test checks."""

from __future__ import annotations

import re
from collections.abc import Callable
from contextvars import ContextVar

from plasma.auditor.agent.pytests import FRAGMENT, Check, ModuleSummary, TestUnit

__all__ = [
    "FLOATING",
    "KNOWN_HELPERS",
    "STRING_LITERAL",
    "closing",
    "count_items",
    "custom_matchers",
    "helper_checks",
    "line_of",
    "mark_swallowed",
    "matching",
    "rows_after",
    "swallowed_lines",
]

_STR = re.compile(r"\"(?:\\.|[^\"\\\n])*\"|'(?:\\.|[^'\\\n])*'|`[^`]*`")
"""A string literal on one line (backquoted template strings may span lines)."""
STRING_LITERAL = re.compile(r"\"(?:\\.|[^\"\\])*\"|'(?:\\.|[^'\\])*'|`[^`]*`")
"""A string literal that may span lines (double, single or back quotes)."""
_OPEN = {"(": ")", "[": "]", "{": "}"}


def closing(
    text: str,
    i: int,
    *,
    brackets: str = "([{",
    line_comments: bool = False,
    multiline_strings: bool = False,
) -> int:
    """Index after the bracket closing the one at ``text[i]`` (end of text if unbalanced).

    The one bracket scanner of the package: string literals are skipped (on one line, or across
    lines with ``multiline_strings``); only the opening kinds in ``brackets`` and their closers
    count; with ``line_comments``, ``//`` comments are skipped to the end of their line.
    """
    strings = STRING_LITERAL if multiline_strings else _STR
    closers = "".join(_OPEN[b] for b in brackets)
    depth = 0
    n = len(text)
    while i < n:
        c = text[i]
        if c in "\"'`":
            m = strings.match(text, i)
            if m:
                i = m.end()
                continue
        if line_comments and c == "/" and text.startswith("//", i):
            nl = text.find("\n", i)
            i = n if nl < 0 else nl
            continue
        if c in brackets:
            depth += 1
        elif c in closers:
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return n


def matching(text: str, i: int) -> int:
    """Index after the bracket closing the one at ``text[i]``: every bracket kind counts,
    strings stay on one line, comments are not special (end of text if unbalanced)."""
    return closing(text, i)


def count_items(inner: str) -> int:
    """Top-level comma-separated items of a literal's inside (``[1, 2], [3, 4]`` -> 2)."""
    count = 0
    depth = 0
    item = False
    i, n = 0, len(inner)
    while i < n:
        c = inner[i]
        if c in "\"'`":
            m = _STR.match(inner, i)
            if m:
                item = True
                i = m.end()
                continue
        if c in "([{":
            depth += 1
            item = True
        elif c in ")]}":
            depth -= 1
        elif c == "," and depth == 0:
            count += item
            item = False
        elif (c == "#" and depth == 0) or (c == "/" and inner.startswith("//", i)):  # comments
            nl = inner.find("\n", i)
            i = n if nl < 0 else nl
            continue
        elif not c.isspace():
            item = True
        i += 1
    return count + item


_LITERAL_START = re.compile(
    r"(?P<struct>(?:\[\]|map\[[^\]\n]*\])\s*\*?\s*struct\s*\{)"
    r"|(?P<typed>(?:\[\]|map\[[^\]\n]*\])\s*[\w.*\[\]]+\s*\{)"
    r"|[\[{(]"
)


def rows_after(text: str, pos: int) -> int:
    """Rows of the literal that starts at the first bracket at or after ``pos`` (a Go composite
    literal ``[]struct{...}{ {...}, {...} }`` skips its struct type first)."""
    m = _LITERAL_START.search(text, pos)
    if not m:
        return 0
    if m.group("struct"):
        i = text.find("{", matching(text, m.end() - 1))  # skip the struct's fields
    elif m.group("typed"):
        i = m.end() - 1
    else:
        i = m.start()
    if i < 0:
        return 0
    end = matching(text, i)
    return count_items(text[i + 1 : end - 1])


# ----------------------------------------------------------------------------- swallowing

_TRY = re.compile(r"\btry\s*\{")
_CATCH = re.compile(r"\s*catch\b\s*(\(([^)]*)\))?\s*\{")
_CATCH_ALL_JVM = re.compile(
    r"\b(Throwable|Error|AssertionError|AssertionFailedError|ComparisonFailure|"
    r"MultipleFailuresError|OpenTest4JAssertionError|AssertFailedException)\b"
)
_CATCH_ALL = re.compile(
    r"\b(Throwable|Exception|Error|AssertionError|AssertionFailedError|"
    r"AssertFailedException|XunitException|EqualException|ExpectationFailedException|"
    r"AssertionException|SuccessException|XCTestError)\b"
)
_FAILS = re.compile(
    r"\bthrow\b|\brethrow\b|\bfail\s*\(|\bAssert\.Fail\b|\bXCTFail\b|\bexpect\s*\(|"
    r"\bassert\w*\s*[(!]|\bAssert\.\w+|\$this->(?:fail|assert)|\bt\.(?:Error|Fatal|Fail)|"
    r"\bflunk\b|\braise\b|\bpanic!?\s*\(|\bdone\.fail\b|\bdone\s*\(\s*\w"
)
_RESCUE = re.compile(r"(?m)^(?P<indent>[ \t]*)rescue\b(?P<types>[^\n]*)$")
_RESCUE_ALL = re.compile(
    r"\b(Exception|ExpectationNotMetError|Minitest::Assertion|Assertion\w*|"
    r"RSpec::Expectations::\w+|Test::Unit::AssertionFailedError)\b"
)
_JVM = frozenset({"java", "kt", "kts", "kotlin", "scala", "groovy", "clj"})


def line_of(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


FLOATING = "a promise assertion neither awaited nor returned"
"""How a JavaScript check on a promise (``expect(p).rejects...``) cannot fail its test: without
``await`` or ``return`` the test ends before the promise settles."""
_PROMISE_CHECK = re.compile(
    r"(?m)^[ \t]*(?P<lead>(?:await|return)\s+)?(?:void\s+)?(?:expect|assert)\s*\("
)
_SETTLES = re.compile(
    r"\s*\.\s*(?:not\s*\.\s*)?(?:resolves|rejects|eventually|isRejected|isFulfilled)\b"
)


def _floating_promise_checks(text: str) -> list[tuple[int, int, str]]:
    """Statements that start with ``expect(p).resolves``/``.rejects`` (chai's ``.eventually``)
    without ``await`` or ``return``: nothing waits for the check, so its failure comes after the
    test has passed (at most an unhandled rejection)."""
    out: list[tuple[int, int, str]] = []
    for m in _PROMISE_CHECK.finditer(text):
        if m.group("lead"):
            continue
        end = matching(text, m.end() - 1)
        if not _SETTLES.match(text, end):
            continue
        stop = text.find("\n", end)
        stop = len(text) if stop < 0 else stop
        # a chain continued on following lines (``.rejects\n  .toThrow(...)``)
        while True:
            nxt = re.match(r"\n[ \t]*\.", text[stop:])
            if not nxt:
                break
            after = text.find("\n", stop + 1)
            stop = len(text) if after < 0 else after
        out.append((line_of(text, m.start()), line_of(text, stop), FLOATING))
    return out


def swallowed_lines(text: str, lang: str) -> list[tuple[int, int, str]]:
    """(first line, last line, how) of code whose failing checks cannot fail the test."""
    out: list[tuple[int, int, str]] = []
    if lang in ("javascript", "typescript", "js", "ts"):
        out += _floating_promise_checks(text)
    if lang == "go":
        for m in re.finditer(r"\bdefer\s+func\s*\(\s*\)\s*\{", text):
            end = matching(text, m.end() - 1)
            body = text[m.end() : end - 1]
            if "recover()" not in body or _FAILS.search(body):
                continue
            # a deferred recover that fails nothing: a panic of the code under test ends the test
            # as passed, and the checks after it never run
            close = re.compile(r"(?m)^}").search(text, end)
            stop = close.start() if close else len(text)
            out.append((line_of(text, m.start()), line_of(text, stop), "recover() in a defer"))
        return out
    if lang == "rust":
        for m in re.finditer(r"\bcatch_unwind\s*\(", text):
            start_line = text.rfind("\n", 0, m.start()) + 1
            lead = text[start_line : m.start()]
            end = matching(text, m.end() - 1)
            tail = text[end : end + 40]
            discarded = re.match(r"\s*let\s+_\w*\s*=", lead) or (
                re.match(r"\s*(?:std::)?(?:panic::)?$", lead) and re.match(r"\s*;", tail)
            )
            if discarded or re.match(r"\s*\.(?:ok|unwrap_or\w*)\s*\(", tail):
                out.append(
                    (line_of(text, m.start()), line_of(text, end), "catch_unwind(...) dropped")
                )
        return out
    if lang in ("rb", "ruby"):
        lines = text.split("\n")
        for m in _RESCUE.finditer(text):
            types = m.group("types").strip()
            idx = text.count("\n", 0, m.start())
            indent = m.group("indent")
            if types and not _RESCUE_ALL.search(types):
                continue  # rescue of StandardError and below: assertion failures pass through
            if not types:
                continue
            start = None
            for j in range(idx - 1, -1, -1):
                s = lines[j]
                ind = s[: len(s) - len(s.lstrip())]
                if ind == indent and (
                    s.strip() == "begin" or re.search(r"\bdo\s*(\|[^|]*\|)?\s*$", s)
                ):
                    start = j
                    break
                if ind == indent and s.strip() == "end":  # an earlier block at this level
                    break
            if start is None:
                continue
            end = idx
            for j in range(idx + 1, len(lines)):
                s = lines[j]
                if s[: len(s) - len(s.lstrip())] == indent and s.strip() in ("end", "ensure"):
                    end = j
                    break
            handler = "\n".join(lines[idx + 1 : end])
            if re.search(r"\braise\b|\bflunk\b|\bfail\b|\bexpect\(|\bassert", handler):
                continue
            out.append((start + 1, idx + 1, f"rescue {types}"))
        return out
    jvm = lang in _JVM
    catch_all = _CATCH_ALL_JVM if jvm else _CATCH_ALL
    for m in _TRY.finditer(text):
        try_end = matching(text, m.end() - 1)
        pos = try_end
        swallows = False
        how = ""
        while True:
            c = _CATCH.match(text, pos)
            if not c:
                break
            body_end = matching(text, c.end() - 1)
            body = text[c.end() : body_end - 1]
            param = (c.group(2) or "").strip()
            typed = bool(re.search(r"[A-Z]\w*", param.split(":")[-1] if ":" in param else param))
            if lang == "javascript":
                typed = False  # a JavaScript catch takes every error
            catches = not typed or bool(catch_all.search(param))
            if catches and not _FAILS.search(body):
                swallows = True
                how = f"catch ({param})" if param else "catch"
            pos = body_end
        if swallows:
            out.append((line_of(text, m.start()), line_of(text, try_end), how))
    if jvm or lang in ("kt", "kts"):
        for m in re.finditer(r"(?m)^[ \t]*runCatching\s*\{", text):
            end = matching(text, m.end() - 1)
            if re.match(r"\s*\.\s*(getOrThrow|onFailure|exceptionOrNull|isFailure)", text[end:]):
                continue
            out.append((line_of(text, m.start()), line_of(text, end), "runCatching { }"))
    return out


def mark_swallowed(summary: ModuleSummary, ranges: list[tuple[int, int, str]]) -> None:
    """Mark the checks of ``summary`` that lie in swallowing ``ranges``."""
    if not ranges:
        return
    for unit in (*summary.units.values(), *summary.helpers.values()):
        for c in unit.checks:
            how = next((h for a, b, h in ranges if a <= c.line <= b), None)
            if how is not None:
                c.swallowed = True
                c.swallowed_by = c.swallowed_by or how


# ----------------------------------------------------------------------------- helpers

_EXTEND = re.compile(r"\bexpect\.extend\(\s*\{")
_MATCHER_ENTRY = re.compile(
    r"(?m)^[ \t]*(?:async\s+)?(\w+)\s*(?:\([^)]*\)\s*\{|:\s*(?:async\s*)?(?:function\s*\w*\s*)?"
    r"\(?[^)=]*\)?\s*=>|:\s*(?:async\s*)?function\b)"
)
_ALWAYS_PASS = re.compile(r"\bpass\s*:\s*(?:true|!0|1)\b")
_ANY_PASS = re.compile(r"\bpass\s*[:=,}]|\bpass\b\s*$", re.M)
_COMPARES = re.compile(
    r"===|!==|==|!=|\bObject\.is\(|\bequals\(|\bisEqual\(|\bdeepEqual\(|(?<![=<>])[<>](?![>=])|[<>]="
)


def custom_matchers(text: str) -> dict[str, int]:
    """Matchers a JavaScript file defines with ``expect.extend({...})``, with the strength of
    their check: 0 when the matcher passes whatever it is given (``pass: true``), 3 when its
    ``pass`` comes from comparing the received value, 1 otherwise."""
    out: dict[str, int] = {}
    for m in _EXTEND.finditer(text):
        end = matching(text, m.end() - 1)
        body = text[m.end() : end - 1]
        entries = [e for e in _MATCHER_ENTRY.finditer(body) if _depth(body, e.start()) == 0]
        for i, e in enumerate(entries):
            stop = entries[i + 1].start() if i + 1 < len(entries) else len(body)
            code = body[e.start() : stop]
            if _ALWAYS_PASS.search(code) and len(_ANY_PASS.findall(code)) <= 1:
                out[e.group(1)] = 0
            elif _COMPARES.search(code):
                out[e.group(1)] = 3
            else:
                out[e.group(1)] = 1
    return out


def _depth(text: str, pos: int) -> int:
    """Bracket depth of ``pos`` in ``text`` (strings are not skipped: a rough measure)."""
    depth = 0
    for ch in text[:pos]:
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
    return depth


KNOWN_HELPERS: ContextVar[dict[str, int] | None] = ContextVar("plasma_known_helpers", default=None)
"""Assertion helpers defined in other test files of the trajectory (name -> strength of the
checks each makes): a call of one from a test counts as those checks."""

_HELPER_NAME = re.compile(
    r"^(?:assert|expect|check|verify|must|should|ensure|want|require)(?:[A-Z_]\w*)$"
)


def helper_checks(
    summary: ModuleSummary,
    text: str,
    definitions: list[tuple[str, int, int]],
    check_line: Callable[[str, int], Check | None],
) -> None:
    """Count calls of assertion helpers in the tests of ``summary``.

    ``definitions``: (name, start, end) of the functions of ``text`` that are not tests;
    ``check_line``: the language's reader of one line. A helper that makes checks becomes a
    unit of ``summary.helpers``; each call of it in a test adds one check of the helper's
    strength. A call of an unseen function named like a helper (``assertTotals``,
    ``expect_valid``) counts as a medium check, exact when it passes an expected value too."""
    helpers: dict[str, TestUnit] = {}
    for name, start, end in definitions:
        unit = TestUnit(name, line_of(text, start), source=text[start:end])
        base = line_of(text, start)
        for i, ln in enumerate(text[start:end].split("\n")):
            c = check_line(ln, base + i)
            if c is not None:
                unit.checks.append(c)
        if unit.checks:
            helpers[name] = unit
    summary.helpers.update(helpers)
    defined = {name for name, _, _ in definitions}
    call = re.compile(r"(?<![\w.$>])(\w+)\s*\(")
    known = KNOWN_HELPERS.get() or {}
    for unit in summary.units.values():
        if not unit.source:
            continue
        first = unit.line if unit.name != FRAGMENT else 1
        seen_lines = {c.line for c in unit.checks}
        for i, ln in enumerate(unit.source.split("\n")):
            lineno = first + i
            if lineno in seen_lines:
                continue
            for m in call.finditer(ln):
                name = m.group(1)
                if name == unit.name or re.search(
                    r"\b(?:func|fn|def|function)\s+$", ln[: m.start()]
                ):
                    continue
                h = helpers.get(name)
                if h is not None:
                    strength = sum(c.strength for c in h.checks if not c.swallowed)
                    if strength:
                        unit.checks.append(Check(lineno, ln.strip(), strength, f"helper:{name}"))
                        seen_lines.add(lineno)
                        break
                elif name not in defined and known.get(name):
                    unit.checks.append(Check(lineno, ln.strip(), known[name], f"helper:{name}"))
                    seen_lines.add(lineno)
                    break
                elif name not in defined and _HELPER_NAME.match(name):
                    args = ln[m.end() :]
                    strength = 3 if "," in args.split(")")[0] else 2
                    unit.checks.append(Check(lineno, ln.strip(), strength, f"helper:{name}"))
                    seen_lines.add(lineno)
                    break
        if unit.checks:
            unit.empty = False


# ----------------------------------------------------------------------------- comments, dead code

_TOKENS_C = re.compile(
    r"(?P<s>\"(?:\\.|[^\"\\\n])*\"|'(?:\\.|[^'\\\n])*'|`[^`]*`)"
    r"|(?P<keep>//\s*(?:go:build|\+build)\b[^\n]*)|(?P<c>//[^\n]*|/\*.*?(?:\*/|\Z))",
    re.S,
)
_TOKENS_RS = re.compile(
    r"(?P<s>\"(?:\\.|[^\"\\])*\"|`[^`]*`)"
    r"|(?P<keep>//\s*(?:go:build|\+build)\b[^\n]*)|(?P<c>//[^\n]*|/\*.*?(?:\*/|\Z))",
    re.S,
)
_TOKENS_RB = re.compile(
    r"(?P<s>\"(?:\\.|[^\"\\])*\"|'(?:\\.|[^'\\\n])*')|(?P<keep>#\{)|(?P<c>#[^\n]*)"
)


def _blank(m: re.Match[str]) -> str:
    if m.group("c") is None:
        return m.group(0)
    return re.sub(r"[^\n]", " ", m.group(0))


def blank_comments(text: str, lang: str) -> str:
    """``text`` with its comments replaced by spaces (newlines and offsets kept): a check in a
    comment checks nothing. ``//`` and ``/* */`` comments in brace languages, ``#`` in Ruby;
    strings are left alone, and Go build constraints are kept."""
    if lang in ("rb", "ruby", "ex", "exs", "cr"):
        pattern = _TOKENS_RB
    elif lang in ("rust", "go"):
        pattern = _TOKENS_RS
    else:
        pattern = _TOKENS_C
    if "/" not in text and "#" not in text:
        return text
    return pattern.sub(_blank, text)


def restore_sources(summary: ModuleSummary, code: str, text: str) -> None:
    """Put the original text (comments included) back into the units' sources, for evidence."""
    if code == text:
        return
    for unit in (*summary.units.values(), *summary.helpers.values()):
        if unit.source:
            at = code.find(unit.source)
            if at >= 0:
                unit.source = text[at : at + len(unit.source)]


_DEAD_IF = re.compile(
    r"\bif\s*\(\s*(?:false|0|!\s*true|1\s*==\s*0|0\s*==\s*1|null|undefined|nil)\s*\)"
    r"|\bif\s+(?:false|nil)\s*(?:\{|then\b|$)|\s(?:if\s+(?:false|nil)|unless\s+true)\s*$"
    r"|\bif\b[^\n]*(?:&&\s*false\b|\bfalse\s*&&)"
    # a switch a plain test run leaves off: an environment variable (JS, Ruby, PHP, Java)
    r"|\bif\s*\(\s*(?:process\.env\.\w+|process\.env\[[^\]]+\]|System\.getenv\([^()]*\)\s*!=\s*null"
    r"|getenv\([^()]*\))\s*\)|\bif\s+ENV\[[^\]]+\]\s*$"
)
"""A condition that is never true (``if (false)``, ``if false``, ``&& false``), or not in the
run that gates (``if (process.env.STRICT)``: a variable no plain run sets)."""
_RETURN = re.compile(r"^\s*return\s*;?\s*$")
_FUNCTION_HEAD = re.compile(
    r"\b(?:fn|func|function|fun|void|def|async)\b|=>\s*$|\)\s*(?::\s*[\w<>\[\]]+\s*)?$"
)


def dead_lines(summary: ModuleSummary, code: str) -> None:
    """Mark as unreachable the checks of ``summary`` that never run: under a condition that is
    never true, or after a bare ``return`` at the top level of their test."""
    lines = code.split("\n")
    dead: list[tuple[int, int]] = []
    for idx, ln in enumerate(lines):
        m = _DEAD_IF.search(ln)
        if not m:
            continue
        if ln.rstrip().endswith("{"):
            start = sum(len(x) + 1 for x in lines[:idx]) + ln.rstrip().rfind("{")
            end = matching(code, start)
            dead.append((idx + 1, code.count("\n", 0, end) + 1))
        elif (
            re.search(r"\bif\s+(?:false|nil)\s*$|\bunless\s+true\s*$", ln)
            and not ln[: m.start()].strip()
        ):
            indent = ln[: len(ln) - len(ln.lstrip())]
            stop = next(
                (
                    j
                    for j in range(idx + 1, len(lines))
                    if lines[j].strip() in ("end", "else", "elsif")
                    and lines[j].startswith(indent)
                    and not lines[j].startswith(indent + " ")
                ),
                len(lines) - 1,
            )
            dead.append((idx + 1, stop + 1))
        else:
            dead.append((idx + 1, idx + 1))  # a one-line guard or a trailing modifier
    for idx, ln in enumerate(lines):
        if not idx or not _RETURN.match(ln):
            continue
        # the block the bare return is in: a function or test body means the rest never runs
        at = sum(len(x) + 1 for x in lines[:idx])
        depth = 0
        opener = -1
        for j in range(at - 1, -1, -1):
            ch = code[j]
            if ch == "}":
                depth += 1
            elif ch == "{":
                if depth == 0:
                    opener = j
                    break
                depth -= 1
        if opener < 0:
            continue
        head = code[code.rfind("\n", 0, opener) + 1 : opener]
        if not _FUNCTION_HEAD.search(head):
            continue
        end = matching(code, opener)
        dead.append((idx + 2, code.count("\n", 0, end) + 1))
    if not dead:
        return
    for unit in (*summary.units.values(), *summary.helpers.values()):
        for c in unit.checks:
            if any(a <= c.line <= b for a, b in dead):
                c.unreachable = True
