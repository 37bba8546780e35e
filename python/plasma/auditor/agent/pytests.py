"""Python test code, read with ``ast``: what each test checks and how strongly, which tests are
skipped or expected to fail (however written), what they mock, and what a conftest's hooks do to
collection, reports and the exit status. Works on whole modules and on edit fragments."""

from __future__ import annotations

import ast
import copy
import math
import re
import sys
import textwrap
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import lru_cache

__all__ = [
    "Check",
    "Marker",
    "ModuleSummary",
    "Tamper",
    "TestUnit",
    "parse_fragment",
    "summarize",
]

FRAGMENT = "<fragment>"
"""Name of the unit holding checks that are not inside a ``def`` (edit fragments)."""
DECORATED = "test_decorated_fragment"
"""Name given to the function an edit fragment that ends in decorators decorates."""
_PROJECTIONS = frozenset(
    {
        "len",
        "type",
        "bool",
        "str",
        "repr",
        "isinstance",
        "hasattr",
        "callable",
        "any",
        "all",
        "sorted",
        "set",
        "id",
    }
)

_STRONG_METHODS = frozenset(
    {
        "assertEqual",
        "assertEquals",
        "assertListEqual",
        "assertDictEqual",
        "assertTupleEqual",
        "assertSetEqual",
        "assertSequenceEqual",
        "assertCountEqual",
        "assertMultiLineEqual",
        "assertIs",
        "assertIsNone",
        "assertRaises",
        "assertRaisesRegex",
        "assertAlmostEqual",
        "assertAlmostEquals",
        "assertRegex",
        "assertWarns",
        "assertLogs",
        "assertFalse",
        "assertNotAlmostEqual",
        "assert_frame_equal",
        "assert_series_equal",
    }
)
_MEDIUM_METHODS = frozenset(
    {
        "assertIn",
        "assertGreater",
        "assertGreaterEqual",
        "assertLess",
        "assertLessEqual",
        "assertNotIn",
        "assertNotEqual",
        "assertIsNot",
        "assertNotRegex",
        "assert_called_with",
        "assert_called_once_with",
        "assert_any_call",
        "assert_has_calls",
        "assert_awaited_with",
        "assert_called_once",
        "assert_not_called",
    }
)
_WEAK_METHODS = frozenset(
    {
        "assertTrue",
        "assertIsNotNone",
        "assertIsInstance",
        "assert_called",
        "assert_awaited",
        "assert_",
    }
)
_NUMERIC_ASSERTS = frozenset(
    {
        "assert_allclose",
        "assert_array_almost_equal",
        "assert_almost_equal",
        "assert_close",
        "assert_array_equal",
        "assert_equal",
        "assert_approx_equal",
        "assert_array_less",
        "allclose",
        "isclose",
    }
)
_DEFAULT_TOL = {
    "approx": 1e-6,
    "isclose": 1e-9,
    "assert_allclose": 1e-7,
    "allclose": 1e-5,
    "assertAlmostEqual": 1e-7,
    "assertAlmostEquals": 1e-7,
    "assert_almost_equal": 1e-7,
    "assert_array_almost_equal": 1e-6,
    "assert_close": 1.3e-6,
}
_TOL_KEYS = ("rel", "rtol", "rel_tol", "abs", "atol", "abs_tol", "delta", "places", "decimal")
_EXTERNAL = frozenset(
    {
        "requests",
        "httpx",
        "aiohttp",
        "urllib",
        "urllib3",
        "http",
        "socket",
        "smtplib",
        "time",
        "datetime",
        "random",
        "os",
        "sys",
        "subprocess",
        "shutil",
        "pathlib",
        "tempfile",
        "uuid",
        "secrets",
        "logging",
        "builtins",
        "boto3",
        "botocore",
        "io",
        "open",
        "input",
        "print",
        "getpass",
        "platform",
        "signal",
        "threading",
        "asyncio",
        "multiprocessing",
        "sqlite3",
        "psycopg2",
        "redis",
        "pymongo",
        "stripe",
        "openai",
        "anthropic",
        "environ",
        "now",
        "today",
        "sleep",
        "urlopen",
        "getenv",
        "perf_counter",
        "monotonic",
        "webbrowser",
    }
)
_SKIP_CALLS = frozenset({"skip", "xfail", "skipTest", "importorskip", "fail"})
_SWALLOW = frozenset({"AssertionError", "Exception", "BaseException", "SkipTest", None})
_ENV_WORDS = re.compile(
    r"\b(sys\.platform|platform\.|os\.name|sys\.version_info|os\.environ|getenv|shutil\.which|"
    r"find_spec|importlib|find_library|cuda|gpu|HAS_\w+|has_\w+|IS_\w+|ON_\w+|WINDOWS|LINUX|"
    r"MACOS|DARWIN|sys\.maxsize|struct\.calcsize|locale|network|internet|offline|ci\b|CI\b)"
)


@dataclass
class Check:
    """One thing a test checks."""

    line: int
    text: str
    strength: int
    """0 checks nothing, 1 weak (truthiness, not None, isinstance), 2 medium (ordering,
    membership, broad exception types), 3 exact (equality, identity, specific exceptions)."""
    subject: str = ""
    """The expression under check (the non-literal side of a comparison)."""
    expected: str | None = None
    """The literal it is compared with, as source text."""
    tol: float | None = None
    """Relative looseness of an approximate comparison."""
    swallowed: bool = False
    """Runs inside a ``try``/``suppress`` that swallows its failure."""
    swallowed_by: str = ""
    """What keeps it from failing its test, when known (``catch (e)``, a promise assertion
    neither awaited nor returned)."""
    unreachable: bool = False
    """Follows an unconditional ``return``/skip in its test."""


@dataclass
class Marker:
    """A skip, xfail or ignore of a test (or a whole module)."""

    kind: str
    """"skip", "xfail", "expected_failure", "importorskip"."""
    text: str
    line: int
    conditional: bool = False
    """Applies only under a condition (platform, version, option, missing dependency)."""
    on_failure: bool = False
    """Applied when the code under test fails (inside an ``except``, or a condition that calls
    the code under test)."""
    strict: bool | None = None
    inputs: bool = False
    """An assumption (``assume(cond)``): the test skips the inputs where ``cond`` is false."""


@dataclass
class Tamper:
    """Something test support code does to collection, reports or the exit status."""

    what: str
    """"report-rewrite", "exit-status", "exit-call", "collection-skip", "collection-drop",
    "collect-ignore", "switch-skip", "switch-gate" (Go ``TestMain`` exiting 0 unless a variable
    is set), "pytest-internals"."""
    text: str
    line: int
    names: tuple[str, ...] = ()
    """What the tampering names, where its value can be worked out from the module's literals
    (the file names a ``collect_ignore`` built from a list of names ignores)."""


@dataclass
class TestUnit:
    """One test function (or the loose statements of a fragment)."""

    __test__ = False  # not a pytest test class

    name: str
    line: int
    checks: list[Check] = field(default_factory=list)
    cases: int = 1
    """Parameter sets (product of its ``parametrize`` lists)."""
    per_case: list[Check] = field(default_factory=list)
    """Its checks once per parameter set, the parameters replaced by their literal values
    (empty when it has no literal parameter sets)."""
    markers: list[Marker] = field(default_factory=list)
    mocks: list[tuple[str, str, int]] = field(default_factory=list)
    """(patched name, target text, line)."""
    names: set[str] = field(default_factory=set)
    """Names referenced in its checks (calls, attributes)."""
    empty: bool = False
    """Its body does nothing (pass, ..., a docstring)."""
    source: str = ""
    time_limit: float | None = None
    """Its own time limit in seconds (``pytest.mark.timeout``, hypothesis ``deadline`` in ms);
    0 when the limit is switched off, None when it has none."""
    examples: int | None = None
    """How many examples a property test tries (hypothesis ``max_examples``; 0 when the saved
    failing examples are no longer replayed), None when it does not say."""


@dataclass
class ModuleSummary:
    """What a module (or fragment) of test code contains."""

    units: dict[str, TestUnit] = field(default_factory=dict)
    module_markers: list[Marker] = field(default_factory=list)
    tampers: list[Tamper] = field(default_factory=list)
    imports: dict[str, str] = field(default_factory=dict)
    """Name -> module it is imported from."""
    fixture_mocks: list[tuple[str, str, int]] = field(default_factory=list)
    helpers: dict[str, TestUnit] = field(default_factory=dict)
    """Plain functions of test code (assertion helpers): what each checks."""
    """Mocks in fixtures and module level (conftest autouse fixtures)."""
    parsed: bool = True

    @property
    def tests(self) -> dict[str, TestUnit]:
        return {k: v for k, v in self.units.items() if k != FRAGMENT}

    def weight(self) -> float:
        """Sum over tests of cases x check strength (a measure of how much is checked)."""
        return sum(
            u.cases * sum(c.strength for c in u.checks if not c.swallowed and not c.unreachable)
            for u in self.units.values()
        )


def parse_fragment(text: str) -> tuple[ast.Module | None, int]:
    """Parse a module or an edit fragment: as is, dedented, or as a function body. Returns the
    tree and the line offset to add to its line numbers (None when nothing parses)."""
    tree, offset, _ = _parse_source(text)
    return tree, offset


def _parse_source(text: str) -> tuple[ast.Module | None, int, str]:
    """:func:`parse_fragment`, also returning the text that parsed."""
    attempts = [(text, 0), (textwrap.dedent(text), 0)]
    first = next((ln for ln in text.split("\n") if ln.strip()), "")
    if first.startswith("    ") and re.search(r"(?m)^(?:def|class|async def) ", text):
        # a hunk that starts inside one test and goes on to the next ones: its leading lines
        # are the end of a body
        attempts.append((f"def {FRAGMENT[1:-1]}():\n{text}", -1))
    body = textwrap.indent(textwrap.dedent(text), "    ")
    attempts.append((f"def {FRAGMENT[1:-1]}():\n{body}\n    pass\n", -1))
    lines = textwrap.dedent(text).rstrip("\n").split("\n")
    if lines and lines[-1].strip().startswith("@"):
        attempts.append(("\n".join(lines) + f"\ndef {DECORATED}():\n    pass\n", 0))
    if lines and lines[0].startswith(" ") is False and lines[-1].rstrip().endswith(":"):
        # a hunk whose last line opens a block it does not show (the context line of a diff,
        # ``def split(total, parts):``, or an edit's old text ending at a header): its body is
        # not part of the change
        indent = lines[-1][: len(lines[-1]) - len(lines[-1].lstrip())]
        attempts.append(("\n".join(lines) + f"\n{indent}    pass\n", 0))
    for src, offset in attempts:
        try:
            return ast.parse(src), offset, src
        except (SyntaxError, ValueError):
            continue
    return None, 0, text


_HELPERS: ContextVar[frozenset[str]] = ContextVar("plasma_test_helpers", default=frozenset())
"""Names of assertion helpers of the suite (plain functions that check their arguments): a call
to one is a check."""
_SOURCE: ContextVar[list[str] | None] = ContextVar("plasma_test_source", default=None)
"""The lines of the text being summarised (source segments are much cheaper than
``ast.unparse``)."""


def _segment(lines: list[str], node: ast.AST) -> str | None:
    """The source text of a node (its offsets count UTF-8 bytes)."""
    first, last = getattr(node, "lineno", None), getattr(node, "end_lineno", None)
    col, end = getattr(node, "col_offset", None), getattr(node, "end_col_offset", None)
    if first is None or last is None or col is None or end is None or last > len(lines):
        return None
    first, last, col, end = int(first), int(last), int(col), int(end)
    if first == last:
        return lines[first - 1].encode()[col:end].decode(errors="replace")
    head = lines[first - 1].encode()[col:].decode(errors="replace")
    tail = lines[last - 1].encode()[:end].decode(errors="replace")
    return "\n".join([head, *lines[first : last - 1], tail])


def _src(node: ast.AST) -> str:
    lines = _SOURCE.get()
    if lines is not None:
        segment = _segment(lines, node)
        if segment is not None:
            return segment
    try:
        return ast.unparse(node)
    except Exception:  # pragma: no cover - unparse handles every parsed node
        return ""


def _const(node: ast.AST) -> str:
    """The text of a constant (strings as they are, others as source)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return _src(node)


def _name(node: ast.AST) -> str:
    """Dotted name of a Name/Attribute chain (calls contribute their function)."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = _name(node.value)
        return f"{base}.{node.attr}" if base else node.attr
    if isinstance(node, ast.Call):
        return _name(node.func)
    return ""


def _is_literal(node: ast.AST) -> bool:
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        return _is_literal(node.operand)
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        return all(_is_literal(e) for e in node.elts)
    if isinstance(node, ast.Dict):
        return all(k is None or _is_literal(k) for k in node.keys) and all(
            _is_literal(v) for v in node.values
        )
    if isinstance(node, ast.Call) and _name(node.func).split(".")[-1] in ("approx", "Decimal"):
        return all(_is_literal(a) for a in node.args)
    return False


def _number(node: ast.AST | None) -> float | None:
    if node is None:
        return None
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
        return float(node.value)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        inner = _number(node.operand)
        return None if inner is None else -inner
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Pow):
        a, b = _number(node.left), _number(node.right)
        if a is not None and b is not None:
            try:
                return float(a**b)
            except (OverflowError, ZeroDivisionError):
                return None
    return None


def _magnitude(node: ast.AST | None) -> float | None:
    value = _number(node)
    if value is not None:
        return abs(value)
    if isinstance(node, ast.Call) and node.args:
        return _magnitude(node.args[0])
    return None


def _tolerance(call: ast.Call, kind: str, expected: ast.AST | None) -> float | None:
    """Relative looseness of an approximate comparison (defaults of each API when not given)."""
    rel = abs_ = None
    for kw in call.keywords:
        value = _number(kw.value)
        if value is None:
            continue
        if kw.arg in ("rel", "rtol", "rel_tol"):
            rel = abs(value)
        elif kw.arg in ("abs", "atol", "abs_tol", "delta"):
            abs_ = abs(value)
        elif kw.arg in ("places", "decimal"):
            abs_ = 10.0 ** (-value)
    if kind in ("assertAlmostEqual", "assertAlmostEquals") and len(call.args) >= 3:
        places = _number(call.args[2])
        if places is not None:
            abs_ = 10.0 ** (-places)
    if rel is None and abs_ is None:
        return _DEFAULT_TOL.get(kind)
    scale = _magnitude(expected)
    loose = rel or 0.0
    if abs_ is not None:
        loose = max(loose, abs_ / scale if scale else abs_)
    return loose


def _approx_in(node: ast.AST) -> tuple[ast.Call, ast.AST | None] | None:
    for sub in ast.walk(node):
        if isinstance(sub, ast.Call) and _name(sub.func).split(".")[-1] == "approx":
            return sub, sub.args[0] if sub.args else None
    return None


def _names_in(node: ast.AST) -> set[str]:
    out = set()
    for sub in ast.walk(node):
        if isinstance(sub, ast.Call):
            n = _name(sub.func)
            if n:
                out.add(n.split(".")[-1])
        elif isinstance(sub, ast.Name):
            out.add(sub.id)
    return out


def _projection(node: ast.AST | None) -> bool:
    """Whether a checked expression only looks at a property of the result (its length, type,
    truthiness), not the result itself."""
    return isinstance(node, ast.Call) and _name(node.func).split(".")[-1] in _PROJECTIONS


def _truthy_constant(node: ast.AST) -> bool:
    if isinstance(node, ast.Constant):
        return bool(node.value)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        return isinstance(node.operand, ast.Constant) and not node.operand.value
    if isinstance(node, ast.Compare) and len(node.ops) == 1:
        left, right = node.left, node.comparators[0]
        if _is_literal(left) and _is_literal(right):
            try:
                return bool(eval(compile(ast.Expression(node), "<c>", "eval"), {}))
            except Exception:
                return False
    return False


def _assert_check(test: ast.AST) -> Check:
    """The check an ``assert <test>`` makes."""
    line = getattr(test, "lineno", 0)
    text = _src(test)
    if _truthy_constant(test):
        return Check(line, text, 0)
    if isinstance(test, ast.BoolOp):
        parts = [_assert_check(v) for v in test.values]
        if isinstance(test.op, ast.Or):
            if any(_truthy_constant(v) for v in test.values):
                return Check(line, text, 0)
            return Check(line, text, min(1, *(p.strength for p in parts)))
        best = max(parts, key=lambda p: p.strength)
        return Check(line, text, best.strength, best.subject, best.expected, best.tol)
    if isinstance(test, ast.Compare) and len(test.ops) == 1:
        op, left, right = test.ops[0], test.left, test.comparators[0]
        if ast.dump(left) == ast.dump(right):
            return Check(line, text, 0, _src(left))
        if isinstance(op, (ast.Eq, ast.NotEq)) and (
            _matches_anything(left) or _matches_anything(right)
        ):
            # ``mock.ANY`` (or an object equal to everything) accepts any value
            return Check(line, text, 0, _src(left))
        if (
            isinstance(op, ast.In)
            and isinstance(right, (ast.Tuple, ast.List, ast.Set))
            and isinstance(left, ast.Compare)
            and {True, False} <= {e.value for e in right.elts if isinstance(e, ast.Constant)}
        ):
            # ``(x == y) in (True, False)``: a comparison is always one of the two
            return Check(line, text, 0, _src(left))
        lit_left, lit_right = _is_literal(left), _is_literal(right)
        subject, expected = (right, left) if lit_left and not lit_right else (left, right)
        approx = _approx_in(right) or _approx_in(left)
        tol = _tolerance(approx[0], "approx", approx[1]) if approx else None
        exp_text = _src(approx[1]) if approx and approx[1] is not None else _src(expected)
        exp = exp_text if (lit_left or lit_right) else None
        if isinstance(op, (ast.Eq, ast.Is)):
            return Check(line, text, 2 if _projection(subject) else 3, _src(subject), exp, tol)
        if isinstance(op, ast.IsNot) and isinstance(right, ast.Constant) and right.value is None:
            return Check(line, text, 1, _src(left))
        if isinstance(op, (ast.NotEq, ast.IsNot)):
            return Check(line, text, 1, _src(subject), exp)
        if isinstance(op, (ast.Gt, ast.GtE, ast.Lt, ast.LtE)):
            if (
                isinstance(right, ast.Constant)
                and right.value in (0, -1)
                and isinstance(left, ast.Call)
                and _name(left.func) == "len"
            ):
                return Check(line, text, 1, _src(left))
            return Check(line, text, 2, _src(subject), exp)
        if isinstance(op, (ast.In, ast.NotIn)):
            return Check(line, text, 2 if isinstance(op, ast.In) else 1, _src(left), exp)
    if isinstance(test, ast.Call):
        fn = _name(test.func).split(".")[-1]
        if fn in ("isclose", "allclose"):
            reference = test.args[1] if len(test.args) > 1 else None
            return Check(
                line,
                text,
                3,
                _src(test.args[0]) if test.args else "",
                _src(reference) if reference is not None and _is_literal(reference) else None,
                _tolerance(test, fn, reference),
            )
        if fn in (
            "isinstance",
            "callable",
            "hasattr",
            "bool",
            "len",
            "any",
            "all",
            "exists",
            "is_file",
            "is_dir",
            "issubclass",
        ):
            return Check(line, text, 1, _src(test))
    return Check(line, text, 1, _src(test))


def _matches_anything(node: ast.AST) -> bool:
    """``mock.ANY`` / ``ANY`` / ``unittest.mock.ANY``: compares equal to every value."""
    return _name(node) in ("ANY", "mock.ANY", "unittest.mock.ANY")


def _call_check(call: ast.Call) -> Check | None:
    """A check made by calling an assertion API (unittest, numpy.testing, mocks)."""
    fn = _name(call.func).split(".")[-1]
    line = getattr(call, "lineno", 0)
    text = _src(call)
    first = call.args[0] if call.args else None
    second = call.args[1] if len(call.args) > 1 else None
    if fn in _STRONG_METHODS or (fn in _NUMERIC_ASSERTS and fn not in ("allclose", "isclose")):
        if fn in ("assertRaises", "assertRaisesRegex") and first is not None:
            broad = _name(first) in ("Exception", "BaseException")
            return Check(line, text, 2 if broad else 3, _src(first))
        if fn == "assertFalse":
            if first is not None and isinstance(first, ast.Constant) and not first.value:
                return Check(line, text, 0)
            return Check(line, text, 2, _src(first) if first is not None else "")
        if first is not None and second is not None and ast.dump(first) == ast.dump(second):
            return Check(line, text, 0, _src(first))
        lit_first = first is not None and _is_literal(first)
        subject, expected = (second, first) if lit_first else (first, second)
        tol = None
        if fn in _DEFAULT_TOL or fn in _NUMERIC_ASSERTS:
            tol = _tolerance(call, fn, expected)
        exp = _src(expected) if expected is not None and _is_literal(expected) else None
        strength = 2 if _projection(subject) else 3
        return Check(line, text, strength, _src(subject) if subject is not None else "", exp, tol)
    if fn in _MEDIUM_METHODS:
        return Check(line, text, 2, _src(first) if first is not None else "")
    if fn in _HELPERS.get() and first is not None:
        # a helper of the suite that asserts on its arguments: judged where it is defined
        lit_first = _is_literal(first)
        subject, expected = (second, first) if lit_first and second is not None else (first, second)
        exp = _src(expected) if expected is not None and _is_literal(expected) else None
        return Check(line, text, 3, _src(subject) if subject is not None else "", exp)
    if fn in _WEAK_METHODS:
        if fn == "assertTrue" and first is not None and _truthy_constant(first):
            return Check(line, text, 0)
        return Check(line, text, 1, _src(first) if first is not None else "")
    return None


def _raises_check(item: ast.withitem) -> Check | None:
    ctx = item.context_expr
    if not isinstance(ctx, ast.Call):
        return None
    fn = _name(ctx.func).split(".")[-1]
    if fn not in ("raises", "assertRaises", "assertRaisesRegex", "warns", "deprecated_call"):
        return None
    exc = ctx.args[0] if ctx.args else None
    if exc is not None and _catches_assertions(exc):
        # expecting the test's own assertion to fail inverts the test: it checks nothing
        return Check(getattr(ctx, "lineno", 0), _src(ctx), 0, _src(exc))
    broad = exc is None or _name(exc) in ("Exception", "BaseException")
    return Check(getattr(ctx, "lineno", 0), _src(ctx), 2 if broad else 3, _src(exc) if exc else "")


def _catches_assertions(exc: ast.AST) -> bool:
    elts = exc.elts if isinstance(exc, ast.Tuple) else [exc]
    return any(_name(e).split(".")[-1] in ("AssertionError", "BaseException") for e in elts)


_ENV_ERRORS = re.compile(
    r"ImportError|ModuleNotFoundError|OSError|IOError|ConnectionError|TimeoutError|"
    r"PermissionError|FileNotFoundError|socket\.|URLError|HTTPError|Unavailable|"
    r"NotImplementedError|DistributionNotFound|CalledProcessError"
)


def _environment_handler(handler: ast.ExceptHandler) -> bool:
    """Whether an ``except`` catches only environment errors (a missing module or resource)."""
    if handler.type is None:
        return False
    types = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    return all(_ENV_ERRORS.search(_name(t)) for t in types)


def _handler_swallows(handler: ast.ExceptHandler) -> bool:
    types: list[str | None]
    if handler.type is None:
        types = [None]
    elif isinstance(handler.type, ast.Tuple):
        types = [_name(e) for e in handler.type.elts]
    else:
        types = [_name(handler.type)]
    if not any(t in _SWALLOW for t in types):
        return False
    # a handler that raises (again, or another error) or fails the test lets the failure count
    return not any(
        (isinstance(s, ast.Raise) and _is_skip_call(s) is None)
        or (
            isinstance(s, ast.Call)
            and _name(s.func).split(".")[-1] in ("fail", "fail_json")
            and _name(s.func) in ("pytest.fail", "self.fail", "fail")
        )
        for s in ast.walk(handler)
    )


def _is_assumption(node: ast.AST) -> bool:
    """``assume(cond)`` of hypothesis as a statement: the inputs where ``cond`` is false are
    dropped from the test."""
    return (
        isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Call)
        and _name(node.value.func) in ("assume", "hypothesis.assume")
        and len(node.value.args) == 1
    )


def _is_skip_call(node: ast.AST) -> tuple[str, ast.Call] | None:
    call = node.value if isinstance(node, ast.Expr) else node
    if isinstance(node, ast.Raise) and node.exc is not None:
        name = _name(node.exc).split(".")[-1]
        if name == "SkipTest" and isinstance(node.exc, (ast.Call, ast.Name, ast.Attribute)):
            return "skip", node.exc if isinstance(node.exc, ast.Call) else ast.Call(
                node.exc, [], []
            )
        return None
    if isinstance(call, ast.Call):
        fn = _name(call.func)
        last = fn.split(".")[-1]
        if last in ("skip", "xfail") and (fn.startswith("pytest.") or fn in ("skip", "xfail")):
            return last, call
        if last == "skipTest":
            return "skip", call
        if last == "importorskip":
            return "importorskip", call
    return None


def _walk_body(unit: TestUnit, project_calls: set[str], body: list[ast.stmt]) -> None:
    """Collect the checks, skips and mocks of a body into ``unit``, from its top (no enclosing
    ``try``, ``if`` or handler): a test's, a helper's or a fixture's body, or module-level
    statements."""
    _Walker(unit, project_calls).block(
        body, swallowed=False, conditional=False, in_except=False, unreachable=False
    )


class _Walker:
    """Collects checks, skips and mocks of one test body with their context."""

    def __init__(self, unit: TestUnit, project_calls: set[str]) -> None:
        self.unit = unit
        self.project_calls = project_calls
        self.env_depth = 0
        """How many enclosing handlers catch environment errors (missing modules, I/O)."""
        self.computed: dict[str, str] = {}
        """Local name -> the call (``ast.dump``) whose result it holds."""
        self.present: set[str] = set()
        """Names the enclosing ``if`` requires to hold a value (``if r is not None:``)."""

    def _against_itself(self, test: ast.AST) -> bool:
        """``want = f(x); assert f(x) == want`` (or ``got = f(x); want = f(x); assert got ==
        want``): the expectation is the result itself."""
        if not (isinstance(test, ast.Compare) and len(test.ops) == 1):
            return False
        if not isinstance(test.ops[0], (ast.Eq, ast.Is, ast.GtE, ast.LtE)):
            return False

        def value(node: ast.AST) -> str:
            if isinstance(node, ast.Name) and node.id in self.computed:
                return self.computed[node.id]
            return ast.dump(node)

        left, right = test.left, test.comparators[0]
        if ast.dump(left) == ast.dump(right):
            return False  # ``x == x`` is graded elsewhere
        return value(left) == value(right) and any(
            isinstance(n, ast.Name) and n.id in self.computed for n in (left, right)
        )

    def block(
        self,
        body: list[ast.stmt],
        *,
        swallowed: bool,
        conditional: bool,
        in_except: bool,
        unreachable: bool,
    ) -> bool:
        """Walk statements; returns whether the block ends unconditionally (return/raise/skip).
        After ``if <the code under test misbehaves>: return`` the remaining checks only run when
        they pass: they count as swallowed."""
        ended = unreachable
        for stmt in body:
            ended = (
                self.stmt(
                    stmt,
                    swallowed=swallowed,
                    conditional=conditional,
                    in_except=in_except,
                    unreachable=ended,
                )
                or ended
            )
            if (isinstance(stmt, ast.If) and self._bails_on_failure(stmt)) or (
                isinstance(stmt, ast.Try) and self._returns_on_error(stmt)
            ):
                swallowed = True
        return ended and not unreachable

    def _returns_on_error(self, stmt: ast.Try) -> bool:
        """``try: r = code() except SomeError: return``: the checks after it only run when the
        code under test does not raise (a raise passes the test)."""
        calls: set[str] = set()
        for s in stmt.body:
            calls |= _names_in(s)
        if not calls & self.project_calls:
            return False
        return any(
            not _environment_handler(h)
            and any(isinstance(s, ast.Return) for s in h.body)
            and all(isinstance(s, (ast.Return, ast.Pass, ast.Expr)) for s in h.body)
            and not any(_is_skip_call(s) is not None for s in h.body)
            for h in stmt.handlers
        )

    def _bails_on_failure(self, stmt: ast.If) -> bool:
        exits = all(
            isinstance(s, (ast.Return, ast.Pass, ast.Continue)) or _is_skip_call(s) is not None
            for s in stmt.body
        )
        return exits and bool(_names_in(stmt.test) & self.project_calls) and not stmt.orelse

    def _skip(
        self, stmt: ast.AST, *, conditional: bool, in_except: bool, condition: ast.AST | None = None
    ) -> bool:
        found = _is_skip_call(stmt)
        if found is None:
            return False
        kind, _call = found
        on_failure = in_except or (
            condition is not None and bool(_names_in(condition) & self.project_calls)
        )
        env = self.env_depth > 0 or (
            condition is not None and bool(_ENV_WORDS.search(_src(condition)))
        )
        self.unit.markers.append(
            Marker(
                kind,
                _src(stmt),
                getattr(stmt, "lineno", 0),
                conditional=(conditional and env) or kind == "importorskip",
                on_failure=on_failure and kind != "importorskip",
            )
        )
        return not conditional and not in_except and kind != "importorskip"

    def stmt(
        self,
        stmt: ast.stmt,
        *,
        swallowed: bool,
        conditional: bool,
        in_except: bool,
        unreachable: bool,
    ) -> bool:
        u = self.unit
        same = {
            "swallowed": swallowed,
            "conditional": conditional,
            "in_except": in_except,
            "unreachable": unreachable,
        }
        if (
            isinstance(stmt, ast.Assign)
            and len(stmt.targets) == 1
            and isinstance(stmt.targets[0], ast.Name)
            and isinstance(stmt.value, ast.Call)
        ):
            self.computed[stmt.targets[0].id] = ast.dump(stmt.value)
        if isinstance(stmt, ast.Assert):
            check = _assert_check(stmt.test)
            if self._against_itself(stmt.test):
                check.strength = 0
            check.text = _src(stmt)
            check.line, check.swallowed, check.unreachable = stmt.lineno, swallowed, unreachable
            root = re.match(r"\w+", check.subject or "")
            if root and root.group(0) in self.present and check.strength > 1:
                check.strength = 1  # runs only when the value is there: its absence passes
            u.checks.append(check)
            u.names |= _names_in(stmt.test)
            return False
        if self._skip(stmt, conditional=conditional, in_except=in_except):
            return not conditional and not in_except
        if _is_assumption(stmt):
            # hypothesis' assume(cond): the examples (inputs) where cond is false are discarded,
            # not checked: a skip of those inputs; the body goes on for the others
            cond = stmt.value if isinstance(stmt, ast.Expr) else stmt
            u.markers.append(
                Marker(
                    "skip",
                    _src(stmt),
                    stmt.lineno,
                    on_failure=bool(_names_in(cond) & self.project_calls),
                    inputs=True,
                )
            )
            return False
        if isinstance(stmt, (ast.Return, ast.Raise)):
            return not conditional and not in_except
        if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call):
            call_check = _call_check(stmt.value)
            if call_check is not None:
                check = call_check
                check.swallowed, check.unreachable = swallowed, unreachable
                u.checks.append(check)
                u.names |= _names_in(stmt.value)
            self._mock_call(stmt.value)
            return False
        if isinstance(stmt, (ast.With, ast.AsyncWith)):
            suppress = False
            for item in stmt.items:
                raised = _raises_check(item)
                if raised is not None and raised.strength == 0:
                    suppress = True
                if raised is not None:
                    check = raised
                    check.swallowed, check.unreachable = swallowed, unreachable
                    u.checks.append(check)
                    u.names |= _names_in(item.context_expr)
                ctx = item.context_expr
                if isinstance(ctx, ast.Call) and _name(ctx.func).split(".")[-1] == "suppress":
                    args = [_name(a) for a in ctx.args]
                    suppress = suppress or any(a in _SWALLOW for a in args)
                if isinstance(ctx, ast.Call):
                    self._mock_call(ctx)
            return self.block(
                stmt.body,
                swallowed=swallowed or suppress,
                conditional=conditional,
                in_except=in_except,
                unreachable=unreachable,
            )
        if isinstance(stmt, ast.Try):
            swallows = any(_handler_swallows(h) for h in stmt.handlers)
            ended = self.block(
                stmt.body,
                swallowed=swallowed or swallows,
                conditional=conditional,
                in_except=in_except,
                unreachable=unreachable,
            )
            for h in stmt.handlers:
                # a missing dependency or an unavailable resource is the environment, not a
                # failure of the code under test
                environment = _environment_handler(h) or all(
                    isinstance(s, (ast.Import, ast.ImportFrom)) for s in stmt.body
                )
                self.env_depth += environment
                self.block(
                    h.body,
                    swallowed=swallowed,
                    conditional=True,
                    in_except=not environment,
                    unreachable=unreachable,
                )
                self.env_depth -= environment
            self.block(stmt.orelse, **same)
            self.block(stmt.finalbody, **same)
            return ended
        if isinstance(stmt, ast.If):
            branch = {**same, "conditional": True}
            if (isinstance(stmt.test, ast.Constant) and not stmt.test.value) or _off_by_default(
                stmt.test
            ):
                self.block(stmt.body, **{**branch, "unreachable": True})
                return self.block(stmt.orelse, **same)
            for sub in stmt.body:
                if self._skip(sub, conditional=True, in_except=in_except, condition=stmt.test):
                    pass
            always = isinstance(stmt.test, ast.Constant) and bool(stmt.test.value)
            body = [s for s in stmt.body if _is_skip_call(s) is None]
            present = _presence_tested(stmt.test) - self.present if not stmt.orelse else set()
            self.present |= present
            self.block(body, **{**branch, "conditional": not always})
            self.present -= present
            self.block(stmt.orelse, **branch)
            return always and any(isinstance(s, (ast.Return, ast.Raise)) for s in stmt.body)
        if isinstance(stmt, (ast.For, ast.AsyncFor, ast.While)):
            self.block(stmt.body, **same)
            self.block(stmt.orelse, **same)
            return False
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            return False
        for node in ast.walk(stmt):
            if isinstance(node, ast.Call):
                self._mock_call(node)
        return False

    def _mock_call(self, call: ast.Call) -> None:
        mock = _mock_target(call)
        if mock is not None:
            self.unit.mocks.append(mock)


def _env_lookup(node: ast.AST) -> bool:
    """``os.environ.get(K)``, ``os.getenv(K)``, ``os.environ[K]``, ``K in os.environ``."""
    if isinstance(node, ast.Call) and _name(node.func) in ("os.environ.get", "os.getenv"):
        return True
    if isinstance(node, ast.Subscript) and _name(node.value) == "os.environ":
        return True
    return (
        isinstance(node, ast.Compare)
        and len(node.ops) == 1
        and isinstance(node.ops[0], ast.In)
        and _name(node.comparators[0]) == "os.environ"
    )


def _off_by_default(test: ast.AST) -> bool:
    """Whether an ``if`` runs its body only when a switch a plain test run leaves off is on: an
    environment variable looked up (alone, compared with a value, or as one ``and`` term). The
    checks in such a body never fail in the run that gates (a skip request permits them)."""
    terms = test.values if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And) else [test]
    for term in terms:
        if _env_lookup(term):
            return True
        if (
            isinstance(term, ast.Compare)
            and len(term.ops) == 1
            and isinstance(term.ops[0], (ast.Eq, ast.In))
            and _env_lookup(term.left)
        ):
            return True
    return False


def _mock_target(call: ast.Call) -> tuple[str, str, int] | None:
    """(patched name, target text, line) of a patch/monkeypatch call."""
    fn = _name(call.func)
    last = fn.split(".")[-1]
    line = getattr(call, "lineno", 0)
    args = call.args

    def dotted() -> tuple[str, str, int] | None:
        # patch("pkg.mod.name"), monkeypatch.setattr("pkg.mod.name", ...)
        if args and isinstance(args[0], ast.Constant) and isinstance(args[0].value, str):
            return args[0].value.rsplit(".", 1)[-1], args[0].value, line
        return None

    def attribute() -> tuple[str, str, int] | None:
        # patch.object(obj, "name"), monkeypatch.setattr(obj, "name", ...)
        if len(args) >= 2 and isinstance(args[1], ast.Constant):
            return _const(args[1]), f"{_src(args[0])}.{_const(args[1])}", line
        return None

    if last in ("patch", "patch.object", "object") and ("patch" in fn or "mock" in fn):
        return attribute() if last == "object" or fn.endswith("patch.object") else dotted()
    if last in ("setattr", "setitem") and fn.split(".")[0] in ("monkeypatch", "mp", "self"):
        return dotted() or attribute()
    return None


def external_target(target: str) -> bool:
    """Whether a patch target is a dependency (network, clock, OS, ...), not project code."""
    target = re.sub(r"^sys\.modules\[\s*['\"]([\w.]+)['\"]\s*\]", r"\1", target)
    parts = re.split(r"[.\[\]'\"]+", target)
    return any(p in _EXTERNAL for p in parts if p) or any(
        p in sys.stdlib_module_names for p in parts[:1]
    )


_MAX_CASES = 64
"""Parameter sets beyond which a test's checks are not expanded per set."""


def _parameter_sets(decorators: list[ast.expr]) -> list[dict[str, ast.expr]]:
    """The parameter sets of a test's ``parametrize`` decorators (name -> literal value node),
    the product over stacked decorators; empty when it has none, or a name, a value or a set's
    marks is not a plain literal."""
    sets: list[dict[str, ast.expr]] = [{}]
    found = False
    for d in decorators:
        if not (isinstance(d, ast.Call) and _name(d.func).split(".")[-1] == "parametrize"):
            continue
        args = dict(zip(("argnames", "argvalues"), d.args, strict=False))
        args.update({kw.arg: kw.value for kw in d.keywords if kw.arg})
        names_node, values = args.get("argnames"), args.get("argvalues")
        if isinstance(names_node, ast.Constant) and isinstance(names_node.value, str):
            names = [n.strip() for n in names_node.value.split(",") if n.strip()]
        elif isinstance(names_node, (ast.List, ast.Tuple)) and all(
            isinstance(e, ast.Constant) and isinstance(e.value, str) for e in names_node.elts
        ):
            names = [e.value for e in names_node.elts]  # type: ignore[attr-defined]
        else:
            return []
        if not names or not isinstance(values, (ast.List, ast.Tuple)):
            return []
        rows: list[dict[str, ast.expr]] = []
        for v in values.elts:
            if isinstance(v, ast.Call) and _name(v.func).split(".")[-1] == "param":
                if v.keywords and any(kw.arg == "marks" for kw in v.keywords):
                    return []  # a set marked skip/xfail checks nothing of its own
                items: list[ast.expr] = list(v.args)
            elif len(names) == 1:
                items = [v]
            elif isinstance(v, (ast.Tuple, ast.List)):
                items = list(v.elts)
            else:
                return []
            if len(items) != len(names) or not all(_is_literal(x) for x in items):
                return []
            rows.append(dict(zip(names, items, strict=True)))
        sets = [{**s, **r} for s in sets for r in rows]
        found = True
        if len(sets) > _MAX_CASES:
            return []
    return sets if found else []


class _Substitute(ast.NodeTransformer):
    """Replaces the reads of parameters by their values."""

    def __init__(self, values: dict[str, ast.expr]) -> None:
        self.values = values

    def visit_Name(self, node: ast.Name) -> ast.AST:
        value = self.values.get(node.id)
        if value is None or not isinstance(node.ctx, ast.Load):
            return node
        return ast.copy_location(copy.deepcopy(value), node)


def _checks_per_case(
    fn: ast.FunctionDef | ast.AsyncFunctionDef, project_calls: set[str]
) -> list[Check]:
    """The checks a parametrized test makes on each of its parameter sets, the parameters
    replaced by their values: ``assert f(x) == want`` over ``[(1, 2), (3, 4)]`` checks
    ``f(1) == 2`` and ``f(3) == 4``, which a split of ``assert f(1) == 2; assert f(3) == 4``
    into parameter sets keeps."""
    sets = _parameter_sets(fn.decorator_list)
    out: list[Check] = []
    token = _SOURCE.set(None)  # substituted nodes have no source text of their own
    try:
        for values in sets:
            body = [_Substitute(values).visit(copy.deepcopy(s)) for s in fn.body]
            probe = TestUnit(fn.name, fn.lineno)
            _walk_body(probe, project_calls, body)
            out += probe.checks
    finally:
        _SOURCE.reset(token)
    return out


def _decorator_markers(
    decorators: list[ast.expr],
) -> tuple[list[Marker], int, list[tuple[str, str, int]]]:
    markers: list[Marker] = []
    cases = 1
    mocks: list[tuple[str, str, int]] = []
    for d in decorators:
        call = d if isinstance(d, ast.Call) else None
        fn = _name(d)
        last = fn.split(".")[-1]
        line = getattr(d, "lineno", 0)
        text = _src(d)
        if last == "parametrize" and call is not None:
            values = call.args[1] if len(call.args) > 1 else None
            for kw in call.keywords:
                if kw.arg == "argvalues":
                    values = kw.value
            if isinstance(values, (ast.List, ast.Tuple)):
                cases *= max(1, len(values.elts))
            continue
        if last in ("skip",) and ("mark" in fn or "unittest" in fn or fn == "skip"):
            markers.append(Marker("skip", text, line))
        elif last in ("skipif", "skipIf", "skipUnless"):
            cond = call.args[0] if call is not None and call.args else None
            for kw in call.keywords if call is not None else []:
                if kw.arg == "condition":
                    cond = kw.value
            if cond is None:
                truthy = True
            elif isinstance(cond, ast.Constant):
                truthy = bool(cond.value) ^ (last == "skipUnless")
            else:
                truthy = False
            markers.append(Marker("skip", text, line, conditional=not truthy))
        elif last == "xfail":
            cond = call.args[0] if call is not None and call.args else None
            strict = None
            for kw in call.keywords if call is not None else []:
                if kw.arg == "condition":
                    cond = kw.value
                if kw.arg == "strict" and isinstance(kw.value, ast.Constant):
                    strict = bool(kw.value.value)
            conditional = cond is not None and not (isinstance(cond, ast.Constant) and cond.value)
            markers.append(Marker("xfail", text, line, conditional=conditional, strict=strict))
        elif last == "expectedFailure":
            markers.append(Marker("expected_failure", text, line))
        elif call is not None:
            mock = _mock_target(call)
            if mock is not None:
                mocks.append(mock)
    return markers, cases, mocks


def _time_limit(decorators: list[ast.expr]) -> float | None:
    """The loosest time limit the decorators give a test (seconds; 0 = switched off)."""
    limits: list[float] = []
    for d in decorators:
        if not isinstance(d, ast.Call):
            continue
        last = _name(d.func).split(".")[-1]
        value: float | None = None
        if last in ("timeout", "timeout_decorator", "time_limit") and d.args:
            value = _number(d.args[0])
        for kw in d.keywords:
            if kw.arg in ("timeout", "seconds") and last in ("timeout", "time_limit"):
                value = _number(kw.value)
            elif kw.arg == "deadline" and last == "settings":
                if isinstance(kw.value, ast.Constant) and kw.value.value is None:
                    value = 0.0
                else:
                    ms = _number(kw.value)
                    value = None if ms is None else ms / 1000
        if value is not None:
            limits.append(value)
    if not limits:
        return None
    return 0.0 if 0.0 in limits else max(limits)


def _examples(decorators: list[ast.expr]) -> int | None:
    """The example budget hypothesis ``settings`` give a property test: ``max_examples``, or 0
    when its ``phases`` leave out replaying the examples that failed before (``Phase.reuse``,
    ``Phase.explicit``)."""
    for d in decorators:
        if not isinstance(d, ast.Call) or _name(d.func).split(".")[-1] != "settings":
            continue
        for kw in d.keywords:
            if kw.arg == "phases" and isinstance(kw.value, (ast.List, ast.Tuple)):
                names = {_name(e).split(".")[-1] for e in kw.value.elts}
                if not {"reuse", "explicit"} <= names:
                    return 0
        for kw in d.keywords:
            if kw.arg == "max_examples":
                n = _number(kw.value)
                return None if n is None else int(n)
    # a property test (``@given``) with no budget of its own tries hypothesis's default
    if any(
        _name(d.func if isinstance(d, ast.Call) else d).split(".")[-1] == "given"
        for d in decorators
    ):
        return HYPOTHESIS_DEFAULT_EXAMPLES
    return None


HYPOTHESIS_DEFAULT_EXAMPLES = 100
"""hypothesis's ``max_examples`` when no ``settings`` (or profile) sets one."""


def _pytestmark(value: ast.AST) -> list[Marker]:
    elts = value.elts if isinstance(value, (ast.List, ast.Tuple)) else [value]
    markers, _, _ = _decorator_markers(list(elts))  # type: ignore[arg-type]
    return markers


def _is_test_name(name: str) -> bool:
    return name.startswith("test") or name.endswith("_test")


_REPORT_ATTRS = re.compile(r"\.(outcome|longrepr|failed|passed|skipped|wasxfail)$")


def _reorders(value: ast.AST | None) -> bool:
    """Whether a new value for the collected items only reorders them (sorted, reversed, a
    comprehension without a filter)."""
    if isinstance(value, ast.Call) and _name(value.func) in ("sorted", "reversed", "list"):
        return True
    if isinstance(value, ast.ListComp):
        return all(not g.ifs for g in value.generators)
    return False


def _hook_tampers(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> list[Tamper]:
    """What a pytest hook implementation does to reports, collection or the exit status."""
    out: list[Tamper] = []
    name = fn.name
    src = _src(fn)
    opt_in = bool(
        re.search(
            r"getoption|\.option\.|getini|config\.getvalue|os\.environ|getenv|sys\.platform|"
            r"platform\.|is_available\(|shutil\.which|find_spec|importlib|sys\.version_info",
            src,
        )
    )
    if name == "pytest_ignore_collect" and not opt_in:
        literals = ast.List(
            elts=[
                n for n in ast.walk(fn) if isinstance(n, ast.Constant) and isinstance(n.value, str)
            ]
        )
        if literals.elts and _ignores_tests(literals):
            out.append(
                Tamper("collect-ignore", _src(fn).split("\n", 1)[-1].strip()[:200], fn.lineno)
            )
    for node in ast.walk(fn):
        line = getattr(node, "lineno", fn.lineno)
        if (
            name == "pytest_report_teststatus"
            and isinstance(node, ast.Return)
            and isinstance(node.value, ast.Tuple)
            and node.value.elts
            and isinstance(node.value.elts[0], ast.Constant)
            and node.value.elts[0].value in ("passed", "skipped", "xfailed", "xpassed")
        ):
            # a failed report shown under an outcome that is not a failure
            out.append(Tamper("report-rewrite", _src(node), line))
        if isinstance(node, (ast.Assign, ast.AugAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for t in targets:
                tname = _name(t) if not isinstance(t, ast.Subscript) else _name(t.value) + "[]"
                if _REPORT_ATTRS.search(tname) and name.startswith(
                    ("pytest_runtest", "pytest_report")
                ):
                    out.append(Tamper("report-rewrite", _src(node), line))
                elif tname.endswith(("exitstatus", "testsfailed", "shouldfail")):
                    out.append(Tamper("exit-status", _src(node), line))
                elif (
                    name == "pytest_collection_modifyitems"
                    and tname in ("items[]", "items")
                    and not _reorders(node.value if isinstance(node, ast.Assign) else None)
                ):
                    out.append(Tamper("collection-drop", _src(node), line))
        elif isinstance(node, ast.Call):
            fname = _name(node.func)
            last = fname.split(".")[-1]
            if last in ("force_result", "force_exception") or (
                last == "_exit" or fname in ("sys.exit", "exit", "quit")
            ):
                out.append(
                    Tamper(
                        "exit-call" if "exit" in last or last == "quit" else "report-rewrite",
                        _src(node),
                        line,
                    )
                )
            elif (
                name in ("pytest_runtest_setup", "pytest_runtest_call", "pytest_runtest_protocol")
                and _is_skip_call(node) is not None
                and re.search(r"os\.environ|getenv", src)
                and not re.search(r"getoption|\.option\.|getini|keywords|get_closest_marker", src)
            ):
                # skipped whenever a switch is set: a quiet way to turn tests off in a runner
                out.append(Tamper("switch-skip", _src(fn).split("\n", 1)[-1].strip()[:200], line))
            elif name == "pytest_collection_modifyitems" and not opt_in:
                if last == "add_marker" and re.search(r"skip|xfail", _src(node)):
                    out.append(Tamper("collection-skip", _src(node), line))
                elif last in ("remove", "clear", "pop") and _name(node.func).startswith("items"):
                    out.append(Tamper("collection-drop", _src(node), line))
        elif isinstance(node, ast.Delete) and name == "pytest_collection_modifyitems":
            out.append(Tamper("collection-drop", _src(node), line))
    if name == "pytest_collection_modifyitems" and opt_in:
        out = [t for t in out if t.what not in ("collection-skip", "collection-drop")]
    return out


_CHECKING_APIS = (_NUMERIC_ASSERTS | _STRONG_METHODS | _MEDIUM_METHODS | {"approx", "raises"}) - {
    "assert_called_with",
    "assert_called_once_with",
    "assert_any_call",
    "assert_has_calls",
}
"""Functions tests check with; a test module or conftest that rebinds one at module level
(``math.isclose = lambda *a, **k: True``) makes the checks that use it pass."""


def _ignores_tests(value: ast.AST | None) -> bool:
    """Whether a ``collect_ignore`` list names test files or test directories (ignoring
    scripts, setup.py, vendored or generated code that pytest should not import is normal)."""
    if not isinstance(value, (ast.List, ast.Tuple, ast.Set)):
        return True
    entries = [
        e.value for e in value.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)
    ]
    if len(entries) < len(value.elts):
        return True
    return any(
        re.search(r"(^|/)(test_[^/]*|[^/]*_test\.py|tests?|testing)(/|$|\*)|test_\*|\*_test", e)
        for e in entries
    )


def _module_literals(tree: ast.Module) -> dict[str, list[str]]:
    """A module's top-level names bound to a string or a list, tuple or set of strings."""
    out: dict[str, list[str]] = {}
    for stmt in tree.body:
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
            target = stmt.targets[0]
            if isinstance(target, ast.Name):
                values = _literal_strings(stmt.value, out)
                if values is not None:
                    out[target.id] = values
    return out


def _literal_strings(node: ast.AST, env: dict[str, list[str]]) -> list[str] | None:
    """The strings an expression built from string literals gives, following names bound to
    such literals in ``env`` (a list, a name, ``a + b``, an f-string or a comprehension over a
    named list: ``[f"test_{n}.py" for n in LEGACY]``); None where a part is not literal."""

    def one(e: ast.AST, bound: dict[str, str]) -> str | None:
        if isinstance(e, ast.Constant) and isinstance(e.value, str):
            return e.value
        if isinstance(e, ast.Name) and e.id in bound:
            return bound[e.id]
        if isinstance(e, ast.JoinedStr):
            parts = []
            for v in e.values:
                got = one(v.value if isinstance(v, ast.FormattedValue) else v, bound)
                if got is None:
                    return None
                parts.append(got)
            return "".join(parts)
        if isinstance(e, ast.BinOp) and isinstance(e.op, ast.Add):
            left, right = one(e.left, bound), one(e.right, bound)
            return None if left is None or right is None else left + right
        return None

    if isinstance(node, ast.Name):
        return env.get(node.id)
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        out: list[str] = []
        for e in node.elts:
            got = one(e, {})
            if got is None:
                return None
            out.append(got)
        return out
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _literal_strings(node.left, env), _literal_strings(node.right, env)
        return None if left is None or right is None else left + right
    if isinstance(node, (ast.ListComp, ast.SetComp)) and len(node.generators) == 1:
        gen = node.generators[0]
        items = _literal_strings(gen.iter, env)
        if items is None or gen.ifs or not isinstance(gen.target, ast.Name):
            return None
        out = []
        for item in items:
            got = one(node.elt, {gen.target.id: item})
            if got is None:
                return None
            out.append(got)
        return out
    return None


def _module_level_tampers(tree: ast.Module) -> list[Tamper]:
    out: list[Tamper] = []
    for stmt in tree.body:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)) and any(
            _name(d).endswith("atexit.register") or _name(d) == "register"
            for d in stmt.decorator_list
        ):
            # ``@atexit.register`` on a function that ends the process: the exit status is
            # whatever it says, not pytest's
            if re.search(r"_exit\(|sys\.exit\(|os\.kill\(", _src(stmt)):
                out.append(Tamper("exit-call", _src(stmt).split("\n", 1)[0], stmt.lineno))
            continue
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            continue
        if isinstance(stmt, ast.If) and "__main__" in _src(stmt.test):
            continue  # runs only when the file is executed as a script
        found = len(out)
        for node in ast.walk(stmt):
            if len(out) > found:
                break  # one finding per statement
            line = getattr(node, "lineno", 0)
            if isinstance(node, ast.Call):
                fname = _name(node.func)
                if (
                    fname == "setattr"
                    and node.args
                    and _name(node.args[0]) in ("builtins", "__builtins__")
                ):
                    out.append(Tamper("pytest-internals", _src(node), line))
                elif (
                    fname in ("sys.exit", "os._exit", "exit", "quit", "os.abort")
                    or fname.endswith("._exit")
                    or (
                        (fname.endswith("atexit.register") or fname == "register")
                        and re.search(r"_exit|exit\(|sys\.exit|os\.kill", _src(node))
                    )
                ):
                    out.append(Tamper("exit-call", _src(node), line))
            elif (
                isinstance(node, ast.Raise)
                and node.exc is not None
                and _name(node.exc) == "SystemExit"
            ):
                out.append(Tamper("exit-call", _src(node), line))

            elif isinstance(node, (ast.Assign, ast.AugAssign)):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                for t in targets:
                    tname = _name(t)
                    if tname in ("collect_ignore", "collect_ignore_glob") and _ignores_tests(
                        node.value
                    ):
                        names = _literal_strings(node.value, _module_literals(tree))
                        out.append(Tamper("collect-ignore", _src(node), line, tuple(names or ())))
                    elif (
                        isinstance(t, ast.Attribute)
                        and t.attr in _CHECKING_APIS
                        and not isinstance(node.value, ast.Constant)
                    ):
                        # the function the tests check with is replaced: every check passes
                        out.append(Tamper("pytest-internals", _src(node), line))
                    elif tname.startswith("builtins.") or (
                        isinstance(t, ast.Subscript) and _name(t.value) == "__builtins__"
                    ):
                        # every module of the run, the code under test included, sees the change
                        out.append(Tamper("pytest-internals", _src(node), line))
                    elif (
                        tname.startswith(("_pytest.", "pytest."))
                        and not tname.startswith("pytest.mark")
                    ) or re.search(
                        r"TestReport|TestCase\.(run|assert)|unittest\.TestResult", tname
                    ):
                        out.append(Tamper("pytest-internals", _src(node), line))
    return out


def _presence_tested(test: ast.expr) -> set[str]:
    """Names an ``if`` requires to hold a value: ``x``, ``x is not None``, ``x != None`` (and
    conjunctions of these)."""
    if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And):
        return set().union(*(_presence_tested(v) for v in test.values))
    if isinstance(test, ast.Name):
        return {test.id}
    if (
        isinstance(test, ast.Compare)
        and isinstance(test.left, ast.Name)
        and len(test.ops) == 1
        and isinstance(test.ops[0], (ast.IsNot, ast.NotEq))
        and isinstance(test.comparators[0], ast.Constant)
        and test.comparators[0].value is None
    ):
        return {test.left.id}
    return set()


_FALLBACK = re.compile(
    r"(?:\bor\b|\?\?|\|\|)\s*(?P<a>[^()|?]+?)\s*\)?\s*$"
    r"|\.(?:unwrap_or|get_or|getOrElse|orElse|getOrDefault)\(\s*(?P<b>[^()]+?)\s*\)\s*$"
    r"|\.get\([^,()]+,\s*(?P<c>[^()]+?)\s*\)\s*$"
    r"|\bgetattr\([^,()]+,[^,()]+,\s*(?P<d>[^()]+?)\s*\)\s*$"
)
"""A value under check that falls back to a default when it is missing: ``x or 5``, ``x ?? 5``,
``x.unwrap_or(5)``, ``d.get(k, 5)``, ``getattr(o, "a", 5)``."""


def _same_literal(a: str, b: str) -> bool:
    a, b = a.strip().strip("\"'`"), b.strip().strip("\"'`")
    if a == b:
        return bool(a)
    try:
        return float(a) == float(b)
    except ValueError:
        return False


def weaken_fallbacks(summary: ModuleSummary) -> ModuleSummary:
    """Checks whose value falls back to the very value they expect (``assert (f(3) or 5) ==
    5``, ``expect(f(3) ?? 5).toBe(5)``, ``assert_eq!(parse(s).unwrap_or(1.5), 1.5)``) hold when
    the code gives nothing (None, an error, undefined): they are weak checks, whatever the
    comparison."""
    for unit in (*summary.units.values(), *summary.helpers.values()):
        for check in unit.checks:
            if check.expected is None or check.strength <= 1:
                continue
            m = _FALLBACK.search(re.sub(r"\|\w+$", "", check.subject))  # jest: "value|toBe"
            if m and _same_literal(next(g for g in m.groups() if g), check.expected):
                check.strength = 1
    return summary


def summarize(
    text: str, project_names: set[str] | None = None, helpers: set[str] | None = None
) -> ModuleSummary:
    """Summarise test code (a module or an edit fragment). Summaries are cached by text: treat
    them as read-only."""
    return _summarize(text, frozenset(project_names or ()), frozenset(helpers or ()))


@lru_cache(maxsize=512)
def _summarize(
    text: str, project_names: frozenset[str], helpers: frozenset[str] = frozenset()
) -> ModuleSummary:
    tree, offset, source = _parse_source(text)
    token = _SOURCE.set(source.split("\n"))
    helper_token = _HELPERS.set(helpers)
    try:
        return weaken_fallbacks(_summarize_tree(text, tree, offset, project_names))
    finally:
        _SOURCE.reset(token)
        _HELPERS.reset(helper_token)


def _summarize_tree(
    text: str, tree: ast.Module | None, offset: int, project_names: frozenset[str]
) -> ModuleSummary:
    out = ModuleSummary()
    if tree is None:
        out.parsed = False
        return _fallback(text)
    project_calls = set(project_names or ())
    for stmt in ast.walk(tree):
        if isinstance(stmt, ast.ImportFrom) and stmt.module:
            for alias in stmt.names:
                out.imports[alias.asname or alias.name] = stmt.module
        elif isinstance(stmt, ast.Import):
            for alias in stmt.names:
                out.imports[alias.asname or alias.name.split(".")[0]] = alias.name
    project_calls |= {n for n, m in out.imports.items() if not _stdlib_or_known(m)}
    out.tampers = _module_level_tampers(tree)
    loose: list[ast.stmt] = []
    not_tests: dict[str, list[Marker]] = {}
    """Class prefix -> ``__test__ = False`` markers of that class."""

    def visit(body: list[ast.stmt], prefix: str = "") -> None:
        for stmt in body:
            if isinstance(stmt, ast.ClassDef):
                for sub in stmt.body:
                    if isinstance(sub, ast.Assign) and any(
                        _name(t) == "pytestmark" for t in sub.targets
                    ):
                        out.module_markers += _pytestmark(sub.value)
                markers, _, _ = _decorator_markers(stmt.decorator_list)
                before = set(out.units)
                visit(stmt.body, prefix=f"{stmt.name}.")
                markers = markers + not_tests.pop(f"{stmt.name}.", [])
                for name in set(out.units) - before:
                    out.units[name].markers += markers
                continue
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
                if stmt.name.startswith("pytest_"):
                    out.tampers += _hook_tampers(stmt)
                    continue
                markers, cases, mocks = _decorator_markers(stmt.decorator_list)
                is_fixture = any("fixture" in _name(d) for d in stmt.decorator_list)
                if is_fixture or not _is_test_name(stmt.name):
                    walker_unit = TestUnit(stmt.name, stmt.lineno)
                    _walk_body(walker_unit, project_calls, stmt.body)
                    out.fixture_mocks += walker_unit.mocks + mocks
                    if stmt.name == FRAGMENT[1:-1]:
                        visit(stmt.body)
                    elif not is_fixture:
                        walker_unit.source = _src(stmt)
                        out.helpers[prefix + stmt.name] = walker_unit
                    continue
                unit = TestUnit(
                    prefix + stmt.name,
                    stmt.lineno + offset,
                    cases=cases,
                    markers=markers,
                    mocks=mocks,
                    source=_src(stmt),
                    time_limit=_time_limit(stmt.decorator_list),
                    examples=_examples(stmt.decorator_list),
                )
                _walk_body(unit, project_calls, stmt.body)
                unit.per_case = _checks_per_case(stmt, project_calls)
                unit.empty = all(
                    isinstance(s, ast.Pass)
                    or (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant))
                    or (isinstance(s, ast.Return) and s.value is None)
                    for s in stmt.body
                )
                out.units[unit.name] = unit
                continue
            if isinstance(stmt, ast.Assign) and any(_name(t) == "pytestmark" for t in stmt.targets):
                out.module_markers += _pytestmark(stmt.value)
                continue
            if (
                isinstance(stmt, ast.Assign)
                and any(_name(t) == "__test__" for t in stmt.targets)
                and isinstance(stmt.value, ast.Constant)
                and not stmt.value.value
            ):
                # pytest and nose do not collect a module (or class) that says it is no test
                marker = Marker("skip", _src(stmt), stmt.lineno + offset)
                if prefix:
                    not_tests.setdefault(prefix, []).append(marker)
                else:
                    out.module_markers.append(marker)
                continue
            loose.append(stmt)

    visit(tree.body)
    out.fixture_mocks += _module_mocks(tree)
    if loose:
        unit = TestUnit(FRAGMENT, 0, source="\n".join(_src(s) for s in loose))
        _walk_body(unit, project_calls, loose)
        level = [m for m in unit.markers if "allow_module_level" in m.text]
        out.module_markers += level
        unit.markers = [m for m in unit.markers if m not in level]
        if unit.checks or unit.markers or unit.mocks:
            out.units[FRAGMENT] = unit
    for unit in out.units.values():
        for c in unit.checks:
            c.line += offset
    return out


def _module_mocks(tree: ast.Module) -> list[tuple[str, str, int]]:
    """Functions replaced at module level (``mod.f = lambda ...``, ``setattr(mod, "f", ...)``,
    ``sys.modules["m"].f = ...``), and names imported from the project that the module binds
    again (``def f(...)``, ``f = lambda ...``, ``globals()["f"] = ...`` after ``from pkg import
    f``: the tests then call a stand-in): (name, target, line)."""
    out = []
    imported: dict[str, str] = {}
    for stmt in tree.body:
        if isinstance(stmt, ast.ImportFrom) and stmt.module and not stmt.level:
            if not _stdlib_or_known(stmt.module):
                for alias in stmt.names:
                    imported[alias.asname or alias.name] = f"{stmt.module}.{alias.name}"
            continue
        rebound: list[str] = []
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            rebound.append(stmt.name)
        elif isinstance(stmt, (ast.Assign, ast.AnnAssign)):
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
            for t in targets:
                if isinstance(t, ast.Name):
                    rebound.append(t.id)
                elif (
                    isinstance(t, ast.Subscript)
                    and isinstance(t.value, ast.Call)
                    and _name(t.value.func) in ("globals", "vars")
                    and isinstance(t.slice, ast.Constant)
                ):
                    rebound.append(str(t.slice.value))
        for name in rebound:
            if name in imported:
                out.append((name, imported.pop(name), stmt.lineno))
        if isinstance(stmt, ast.Assign):
            for t in stmt.targets:
                if isinstance(t, ast.Attribute) and not isinstance(stmt.value, ast.Constant):
                    target = _src(t)
                    if not target.startswith(("self.", "cls.")):
                        out.append((t.attr, target, stmt.lineno))
        elif isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call):
            call = stmt.value
            if (
                _name(call.func) == "setattr"
                and len(call.args) >= 2
                and isinstance(call.args[1], ast.Constant)
            ):
                out.append(
                    (
                        str(call.args[1].value),
                        f"{_src(call.args[0])}.{_const(call.args[1])}",
                        stmt.lineno,
                    )
                )
    return out


def _stdlib_or_known(module: str) -> bool:
    top = module.split(".")[0]
    return (
        top in sys.stdlib_module_names
        or top in _EXTERNAL
        or top
        in (
            "pytest",
            "unittest",
            "mock",
            "numpy",
            "np",
            "pandas",
            "hypothesis",
            "torch",
            "scipy",
            "pytest_mock",
            "freezegun",
            "responses",
            "requests_mock",
            "_pytest",
            "typing",
        )
    )


_LINE_ASSERT = re.compile(r"^\s*(assert\b.*|self\.assert\w+\(.*|\w+\.assert_\w+\(.*)$")
_LINE_MARK = re.compile(
    r"^\s*@(pytest\.mark\.(skip|skipif|xfail)|unittest\.(skip|expectedFailure)|skip|expectedFailure)\b"
)


def _fallback(text: str) -> ModuleSummary:
    """A line-by-line summary of text that does not parse (partial edits)."""
    out = ModuleSummary(parsed=False)
    unit = TestUnit(FRAGMENT, 0)
    for i, line in enumerate(text.split("\n"), start=1):
        m = _LINE_ASSERT.match(line)
        if m:
            stmt = m.group(1).strip()
            try:
                node = ast.parse(stmt).body[0]
            except (SyntaxError, IndexError, ValueError):
                continue
            if isinstance(node, ast.Assert):
                check = _assert_check(node.test)
            elif isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
                check = _call_check(node.value) or Check(i, stmt, 1)
            else:
                continue
            check.line = i
            unit.checks.append(check)
        mark = _LINE_MARK.match(line)
        if mark:
            try:
                deco = ast.parse(line.strip()[1:]).body[0]
            except (SyntaxError, IndexError, ValueError):
                continue
            if isinstance(deco, ast.Expr):
                markers, _, _ = _decorator_markers([deco.value])
                unit.markers += markers
    if unit.checks or unit.markers:
        out.units[FRAGMENT] = unit
    return out


TIGHT = 1e-3
"""A relative tolerance below which a float comparison accepts no clearly wrong value."""


def looseness_grew(before: float | None, after: float | None) -> bool:
    """Whether a tolerance went from meaningful to one that accepts clearly wrong values."""
    if after is None:
        return False
    b = before if before is not None else 0.0
    if after < TIGHT:
        return False
    return after >= max(10 * b, TIGHT) and not math.isclose(after, b)
