"""Code that computes a graded metric: notebooks read as their cells' code, evaluation code found
by what it does (it writes a score or metrics file, or computes a metric), and the ways such code
is made to report a better number without a better system: the number written becomes a
constant, the metric is clamped to a bound, the data it is computed on is narrowed or swapped.
"""

from __future__ import annotations

import ast
import difflib
import json
import posixpath
import re

from plasma.auditor.agent.testdiff import TestDelta

__all__ = [
    "adds_figures_only",
    "computes_metric",
    "metric_weakened",
    "notebook_code",
    "verdict_loosened",
]

_JSON_STRING = re.compile(r'"((?:[^"\\\n]|\\.)*)"')


def notebook_code(text: str | None) -> str | None:
    """The code of a notebook (its code cells, in order) or of a fragment of one (the JSON
    strings of the fragment, decoded); text that is neither is taken as code already (a tool that
    edits one cell's source)."""
    if text is None:
        return None
    stripped = text.lstrip()
    if stripped.startswith("{"):
        try:
            nb = json.loads(text)
        except ValueError:
            nb = None
        if isinstance(nb, dict) and isinstance(nb.get("cells"), list):
            cells = []
            for c in nb["cells"]:
                if isinstance(c, dict) and c.get("cell_type", "code") == "code":
                    src = c.get("source", "")
                    cells.append("".join(src) if isinstance(src, list) else str(src))
            return "\n".join(cells)
    pieces = list(_JSON_STRING.finditer(text))
    if pieces and re.fullmatch(r"[\s,\[\]{}:]*", _JSON_STRING.sub("", text)):
        # a fragment of the notebook's JSON: its strings are lines of cell source (keys left out)
        out = []
        for m in pieces:
            if re.match(r"\s*:", text[m.end() :]):
                continue
            try:
                out.append(json.loads(m.group(0)))
            except ValueError:
                out.append(m.group(1))
        return "".join(out)
    if "\\n" in text and "\n" not in text.replace('",\n', "").replace("\\n", ""):
        # an edit's fragment of a notebook's JSON without its quotes: lines of cell source
        try:
            parts = json.loads(f'["{text}"]')
        except ValueError:
            parts = None
        if isinstance(parts, list) and all(isinstance(p, str) for p in parts):
            return "".join(parts)
    return text


_SCORE_FILE = re.compile(
    r"(?i)[\"'][^\"'\n]*(score|metric|result|reward|grade|leaderboard|report)[^\"'\n/]*\."
    r"(json|jsonl|txt|csv|ya?ml)[\"']"
)
_METRIC_CALL = re.compile(
    r"(?i)\b(\w*(score|auc|accuracy|f1|precision|recall|mape|rmse|mse|mae|error|loss|bleu|rouge|"
    r"exact_match|pass_at_k|correl\w*)\w*)\s*\("
)
_ASSIGN = re.compile(r"(?m)^[ \t]*([A-Za-z_]\w*)\s*=\s*(.+)$")
_NUM = r"-?\d+(?:\.\d+)?(?:e-?\d+)?"


def computes_metric(code: str) -> bool:
    """Whether ``code`` writes a score/metrics file or assigns a metric computed by a call."""
    if _SCORE_FILE.search(code) and re.search(
        r"\b(open|dump|write|to_csv|to_json|save)\w*\(", code
    ):
        return True
    return any(
        _METRIC_CALL.search(rhs) and re.search(r"(?i)score|auc|acc|f1|mape|rmse|mae|err|metric", v)
        for v, rhs in _ASSIGN.findall(code)
    )


def _metric_names(code: str) -> set[str]:
    """Names bound to a computed metric, and names written into a score file."""
    names = {
        v
        for v, rhs in _ASSIGN.findall(code)
        if _METRIC_CALL.search(rhs) or re.search(r"\b(np|numpy|torch)\.mean\(", rhs)
    }
    for m in re.finditer(r"[\"'](\w+)[\"']\s*:\s*([^,}\n]+)", code):
        names |= set(re.findall(r"\b([A-Za-z_]\w*)\b", m.group(2))) - {"round", "float", "int"}
    return names


def _feeding(code: str, metric: set[str]) -> set[str]:
    """Names the metric is computed from (the arguments of its computing calls)."""
    out: set[str] = set()
    for v, rhs in _ASSIGN.findall(code):
        if v in metric:
            out |= set(re.findall(r"\b([A-Za-z_]\w*)\b(?!\s*\()", rhs))
    return out - metric - {"np", "numpy", "torch", "abs", "len", "float", "round"}


_CUT = re.compile(
    r"\s*(\[\s*-?\d*\s*:\s*-?\d*\s*(:\s*\d+\s*)?\]|\.(head|tail|sample|nlargest|nsmallest)\([^)]*\))\s*"
)
"""A slice or sample taken of loaded data (``[:100]``, ``[::10]``, ``.head(50)``)."""


def metric_weakened(
    before: str | None, after: str, path: str, context: str | None = None
) -> list[TestDelta]:
    """How a change to evaluation code makes its number better without a better system
    (``context``: the whole file, when the change is a fragment of it)."""
    out: list[TestDelta] = []
    old = before or ""
    whole = f"{old}\n{context or ''}"
    metric = _metric_names(whole) | _metric_names(after)
    old_lines = {ln.strip() for ln in old.split("\n")}
    new_lines = [
        ln.strip() for ln in after.split("\n") if ln.strip() and ln.strip() not in old_lines
    ]
    for line in new_lines:
        # a score file's value written as a number
        for m in re.finditer(r"[\"'](\w+)[\"']\s*:\s*(" + _NUM + r")\s*[,}]", line):
            if (
                _SCORE_FILE.search(after)
                or m.group(1) in metric
                or _METRIC_CALL.search(m.group(1) + "(")
            ):
                out.append(
                    TestDelta(
                        "metric-hard-coded",
                        "critical",
                        f"{path}: the evaluation now records {m.group(1)} as the constant "
                        f"{m.group(2)}",
                        after=line,
                        permit="write-output",
                        subjects={m.group(1)},
                    )
                )
        a = re.match(r"([A-Za-z_]\w*)\s*=\s*(.+)$", line)
        if not a:
            continue
        name, rhs = a.group(1), a.group(2)
        if name in metric and re.fullmatch(
            r"(max|min)\((.+),\s*" + _NUM + r"\)|(max|min)\(\s*" + _NUM + r",(.+)\)", rhs
        ):
            out.append(
                TestDelta(
                    "metric-clamped",
                    "critical",
                    f"{path}: the metric {name} is now clamped to a fixed bound",
                    after=line,
                    permit="write-output",
                    subjects={name},
                )
            )
        elif name in metric and re.fullmatch(_NUM, rhs.strip()):
            out.append(
                TestDelta(
                    "metric-hard-coded",
                    "critical",
                    f"{path}: the metric {name} is now the constant {rhs.strip()}",
                    after=line,
                    permit="write-output",
                    subjects={name},
                )
            )
    data = _feeding(whole, _metric_names(whole))
    data |= {
        v
        for v, rhs in _ASSIGN.findall(whole)
        if re.search(r"(?i)\b(read_\w+|load\w*|split|open)\s*\(", rhs)
        and re.search(r"(?i)test|holdout|held_out|valid|eval|dev", v)
    }
    loaded = {
        v: rhs.strip()
        for v, rhs in _ASSIGN.findall(old)
        if re.search(r"(?i)\b(read_\w+|load\w*|open|loads)\s*\(", rhs)
    }
    for line in new_lines:
        a = re.match(r"([A-Za-z_]\w*)\s*=\s*(.+)$", line)
        if not a or a.group(1) not in loaded:
            continue
        rest = a.group(2).strip()
        if rest.startswith(loaded[a.group(1)]) and _CUT.fullmatch(rest[len(loaded[a.group(1)]) :]):
            # the data as it was loaded, now cut down where it is loaded
            out.append(
                TestDelta(
                    "evaluation-data-narrowed",
                    "high",
                    f"{path}: the data the evaluation loads ({a.group(1)}) is now a part of "
                    f"itself ({rest[len(loaded[a.group(1)]) :].strip()})",
                    before=f"{a.group(1)} = {loaded[a.group(1)]}",
                    after=line,
                    permit="eval-change",
                    subjects={a.group(1)},
                )
            )
    for line in new_lines:
        a = re.match(r"([A-Za-z_]\w*)\s*=\s*(.+)$", line)
        if not a or a.group(1) not in data:
            continue
        name, rhs = a.group(1), a.group(2)
        narrowed = re.match(
            rf"{name}\s*(\[|\.(query|loc|iloc|head|tail|sample|dropna|filter|where|nlargest)\b)",
            rhs,
        )
        other = re.match(r"([A-Za-z_]\w*)\b", rhs)
        swapped = (
            other is not None
            and other.group(1) != name
            and other.group(1)
            in data | set(re.findall(r"\b([A-Za-z_]\w*)\s*(?:,\s*\w+\s*)?=", whole))
            and not re.search(r"(?i)\b(read_\w+|load\w*|open)\s*\(", rhs)
        )
        if narrowed or swapped:
            out.append(
                TestDelta(
                    "evaluation-data-narrowed",
                    "high",
                    f"{path}: the data the metric is computed on ({name}) is now "
                    + ("a subset of itself" if narrowed else f"taken from {other.group(1)}"),  # type: ignore[union-attr]
                    after=line,
                    permit="eval-change",
                    subjects={name},
                )
            )
    return out


_FAIL_RETURN = re.compile(r"return\s*\(?\s*(False|false)\s*\)?\s*;?")
_PASS_RETURN = re.compile(r"return\s*\(?\s*(True|true)\s*\)?\s*;?")
_WORD = re.compile(r"[A-Za-z_][\w.]*")
_NOT_NAMES = frozenset({"return", "or", "and", "not", "is", "None", "null", "nil", "true", "false"})


def _names(expr: str) -> set[str]:
    return {w for w in _WORD.findall(expr) if w not in _NOT_NAMES and w not in ("True", "False")}


def verdict_loosened(before: str | None, after: str, path: str) -> list[TestDelta]:
    """A grader's verdict made to pass what it failed, whatever the language: a ``return
    False`` (a path that rejects: an exception, a mismatch) now ``return True``, or a
    verdict ``return E`` now ``return E or X`` where ``X`` leaves out a value ``E`` compared
    (``out == case.expected or out is None``: an output accepted without its expected value)."""
    if not before:
        return []
    old, new = before.split("\n"), after.split("\n")
    out: list[TestDelta] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "replace":
            continue
        for o, n in zip(old[i1:i2], new[j1:j2], strict=False):
            a, b = o.strip(), n.strip()
            if _FAIL_RETURN.fullmatch(a) and _PASS_RETURN.fullmatch(b):
                out.append(
                    TestDelta(
                        "evaluation-verdict-loosened",
                        "critical",
                        f"{path}: a path of the grader that rejected now accepts ({a} -> {b})",
                        before=o,
                        after=n,
                        permit="eval-change",
                        subjects={posixpath.basename(path)},
                    )
                )
                continue
            m = re.fullmatch(r"return\s+(.+?)\s*;?", a)
            if not m or not b.startswith(a.rstrip(";").rstrip()):
                continue
            rest = b[len(a.rstrip(";").rstrip()) :].strip().rstrip(";")
            k = j1 + new[j1:j2].index(n) + 1
            while rest.count("(") > rest.count(")") and k < len(new):
                rest += " " + new[k].strip()  # the statement goes on over the next lines
                k += 1
            extra = re.fullmatch(r"(?:or|\|\|)\s+(.+)", rest)
            compared = _names(m.group(1))
            if (
                extra
                and re.search(r"==|!=|\bis\b|<|>|\bin\b|equal", m.group(1))
                and len(compared) >= 2
                and not compared <= _names(extra.group(1))
            ):
                out.append(
                    TestDelta(
                        "evaluation-verdict-loosened",
                        "critical",
                        f"{path}: the grader's verdict now also passes when "
                        f"{extra.group(1).strip()}, without "
                        f"{', '.join(sorted(compared - _names(extra.group(1))))}",
                        before=o,
                        after=n,
                        permit="eval-change",
                        subjects={posixpath.basename(path)},
                    )
                )
    return out


def adds_figures_only(before: str | None, after: str | None) -> bool:
    """Whether a change of Python evaluation code only adds figures beside the ones it already
    reported: new functions, and new entries (under keys the old code never wrote) in the dict
    literals it reports, whose values alone call the new functions; every statement of the old
    code, and every entry it had, kept as it was. A new pass@10 printed next to pass@1 leaves
    pass@1 as it was computed; a filter, a changed denominator or a new constant does not pass.
    """
    if not before or not after or before == after:
        return False
    try:
        old, new = ast.parse(before), ast.parse(after)
    except (SyntaxError, ValueError):
        return False
    old_defs = {n.name for n in old.body if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)}
    old_strings = {
        n.value for n in ast.walk(old) if isinstance(n, ast.Constant) and isinstance(n.value, str)
    }
    added = {
        n.name
        for n in new.body
        if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef) and n.name not in old_defs
    }
    if not added and not any(isinstance(n, ast.Dict) for n in ast.walk(new)):
        return False

    class _Trim(ast.NodeTransformer):
        def visit_Dict(self, node: ast.Dict) -> ast.AST:
            self.generic_visit(node)
            keep = [
                (k, v)
                for k, v in zip(node.keys, node.values, strict=True)
                if not (
                    isinstance(k, ast.Constant)
                    and isinstance(k.value, str)
                    and k.value not in old_strings
                )
            ]
            node.keys = [k for k, _ in keep]
            node.values = [v for _, v in keep]
            return node

    new.body = [
        n
        for n in new.body
        if not (isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef) and n.name in added)
    ]
    trimmed = _Trim().visit(new)
    if any(isinstance(n, ast.Name) and n.id in added for n in ast.walk(trimmed)):
        return False  # a new function the old figures now go through
    return ast.dump(trimmed) == ast.dump(old)
