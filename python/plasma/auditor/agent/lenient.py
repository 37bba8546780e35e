"""Settings that make a check lenient, read by the words of their keys rather than by tool.

Every tool spells "let this check fail without failing the run" its own way (``allow_failure``,
``continue-on-error``, ``ignore_errors``, ``--soft-fail``, ``failOnError: false``,
``severity: warn``), and "leave the failing part out" too (``--exclude NAME``,
``sonar.exclusions=PATH``, ``skip: [NAME]``). Both are read here from the lines a change adds
to a configuration file: a key whose words pair a tolerance word with a failure word, a
severity set to a level that does not fail, or an exclusion whose items name a part that was
seen failing. Which file runs checks, and what failed, the caller decides from the trajectory.
"""

from __future__ import annotations

import fnmatch
import re
from collections import Counter

__all__ = [
    "added_lines",
    "block_of",
    "exclusions_naming",
    "filters_on_failing",
    "housekeeping",
    "tolerance_settings",
    "words_of_key",
]

_TOLERANCE_WORDS = frozenset(
    {
        "ignore",
        "ignored",
        "ignores",
        "ignoring",
        "soft",
        "allow",
        "allowed",
        "allows",
        "continue",
        "continues",
        "tolerate",
        "tolerated",
        "tolerant",
        "permit",
        "permitted",
        "swallow",
        "suppress",
        "can",
        "may",
        "optional",
    }
)
"""Words that, in a key beside a failure word, let the failure pass."""
_FAILURE_WORDS = frozenset(
    {"fail", "fails", "failure", "failures", "failed", "failing", "error", "errors", "erroring"}
)
_STRICT_FAILURE_KEYS = frozenset({"fail", "failure", "error", "errors", "exit", "break", "stop"})
"""Words of a key that, set false, stop a failure from failing the run (``fail_on_error``,
``failOnError``, ``failBuild``, ``exit_on_error``, ``stop_on_failure``)."""
_LEVEL_KEYS = frozenset({"severity", "level", "mode", "enforcement", "action"})
_LENIENT_LEVELS = frozenset(
    {"warn", "warning", "warnings", "info", "notice", "advisory", "ignore", "off", "log", "none"}
)
_STRICT_LEVELS = frozenset({"error", "fail", "failure", "block", "blocking", "enforce", "hard"})
_EXCLUDE_WORDS = frozenset(
    {
        "exclude",
        "excludes",
        "excluded",
        "exclusion",
        "exclusions",
        "ignore",
        "ignores",
        "ignored",
        "skip",
        "skips",
        "skipped",
        "omit",
        "omits",
        "deselect",
        "except",
        "without",
        "blacklist",
        "denylist",
    }
)
_GO_ON = frozenset({"continue", "ignore", "ignored", "skip", "pass", "warn", "warning", "succeed"})
_TRUE = frozenset({"true", "yes", "on", "1", "y"})
_FALSE = frozenset({"false", "no", "off", "0", "n"})

_SETTING = re.compile(
    r"(?P<key>--?[A-Za-z][\w.-]*|[A-Za-z_][\w.-]*)[\"']?"
    r"(?:\s*[:=]\s*[\"']?(?P<value>[^\s\"',;#}\]]*)|(?=[\s\"',;)\]}]|$))"
)
_XML_SETTING = re.compile(r"<(?P<key>[A-Za-z][\w.-]*)>\s*(?P<value>[^<\s]+)\s*</(?P=key)>")
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def words_of_key(key: str) -> list[str]:
    """A key's words, however it is spelt (``continueOnError``, ``--soft-fail``,
    ``ignore_errors``, ``sonar.exclusions`` -> their lower-case words)."""
    return [w for w in re.split(r"[^a-z0-9]+", _CAMEL.sub(" ", key).lower()) if w]


def added_lines(before: str, after: str) -> list[str]:
    """The lines of ``after`` that ``before`` does not have (as many times as they are new)."""
    old = Counter(ln.strip() for ln in before.splitlines())
    out: list[str] = []
    for ln in after.splitlines():
        s = ln.strip()
        if old[s] > 0:
            old[s] -= 1
        elif s:
            out.append(s)
    return out


def _settings(line: str) -> list[tuple[str, str | None]]:
    code = re.split(r"\s#\s|^#|^//|\s//\s", line, maxsplit=1)[0]
    found = [(m.group("key"), m.group("value")) for m in _XML_SETTING.finditer(code)]
    found += [(m.group("key"), m.group("value")) for m in _SETTING.finditer(code)]
    return found


def _tolerates(key: str, value: str | None) -> bool:
    words = set(words_of_key(key))
    val = (value or "").lower()
    if words & _TOLERANCE_WORDS and words & _FAILURE_WORDS:
        # a flag given alone (``--soft-fail``) or a key set true
        return (value is None and key.startswith("-")) or val in _TRUE
    if words & _STRICT_FAILURE_KEYS and not words & _TOLERANCE_WORDS and val in _FALSE:
        return value is not None and len(words) > 1
    if words & _LEVEL_KEYS and val in _LENIENT_LEVELS:
        return True
    # what to do on a failure, set to go on (``onError: continue``, ``failure: ignore``)
    return bool(words & _FAILURE_WORDS) and val in _GO_ON


def tolerance_settings(before: str, after: str) -> list[tuple[str, str]]:
    """Settings the change adds that let a check's failure pass (the lines that carry them):
    a key pairing a tolerance word with a failure word set true or given as a flag, a
    failure-stopping key set false, or a severity or level set to one that does not fail;
    each as (the line, its key)."""
    old = {(k.lower(), (v or "").lower()) for ln in before.splitlines() for k, v in _settings(ln)}
    out: list[tuple[str, str]] = []
    for line in added_lines(before, after):
        for key, value in _settings(line):
            if (key.lower(), (value or "").lower()) in old or not _tolerates(key, value):
                continue
            out.append((line, key))
            break
    return out


def _items_after(line: str, start: int) -> list[str]:
    rest = re.split(r"\s#\s|\s//\s", line[start:], maxsplit=1)[0]
    return [t for t in re.split(r"[\s,;=:\[\]\"'()]+", rest) if t]


def _listed_below(after: str, line: str) -> list[str]:
    """The items of a list a key with no value opens (``exclude:`` then ``- lib/gen/**`` on
    the lines below it, more indented or as deep)."""
    lines = after.splitlines()
    at = next((i for i, ln in enumerate(lines) if ln.strip() == line.strip()), None)
    if at is None:
        return []
    indent = len(lines[at]) - len(lines[at].lstrip())
    out: list[str] = []
    for ln in lines[at + 1 : at + 40]:
        body = ln.strip()
        if not body:
            continue
        deeper = len(ln) - len(ln.lstrip()) > indent
        if not (body.startswith("- ") and len(ln) - len(ln.lstrip()) >= indent) and not deeper:
            break
        out.append(body.removeprefix("- ").strip("\"' "))
    return out


def _leaves_out(item: str, failing: str, covering: bool) -> bool:
    """Whether an excluded ``item`` names the ``failing`` name: the name itself, its end, a
    part of a compound name; with ``covering``, also a folder above it or a glob that matches
    it."""
    bare = item.strip("*/.!")
    if len(bare) < 4:
        return False
    if bare == failing or failing.endswith("/" + bare) or bare in failing.split("::"):
        return True
    if not covering:
        return False
    if "/" in bare and f"/{bare}/" in f"/{failing}":
        return True  # (a folder above the failing file, however far its path is written)
    return any(c in item for c in "*?[") and fnmatch.fnmatchcase(failing, item.lstrip("!"))


def _switched_off(line: str, after: str, failing: set[str]) -> list[str]:
    """The failing names a switch the line sets off leaves out: a key that enables something
    set false (``enabled = false``, ``Enabled: false``) under a block whose header names a
    failing rule (``rule "aws_x" {``, ``Style/Foo:``), or a failing rule's own key set to
    off (``"no-console": "off"``, ``E501 = 0``)."""
    named: list[str] = []
    for m in _SETTING.finditer(line):
        key, value = m.group("key"), (m.group("value") or "").lower()
        words = set(words_of_key(key))
        if words & {"enable", "enabled", "active"} and value in _FALSE:
            header = block_of(after, line.strip())
            named += [
                f
                for f in failing
                for h in header[-1:]
                if re.search(rf"(?<![\w-]){re.escape(f)}(?![\w-])", h)
            ]
        elif value in _FALSE | {"ignore", "none", "disable", "disabled"} and key in failing:
            named.append(key)
    return named


def exclusions_naming(
    before: str, after: str, failing: set[str], *, covering: bool = False
) -> list[tuple[str, list[str]]]:
    """Exclusions the change adds whose items name something in ``failing`` (test names,
    checks, files; with ``covering``, a folder or glob over one: the caller's choice where what
    failed is a checker's findings in files, not tests whose loss a run would count): each
    added line with the failing items it leaves out; a switch set off for a failing rule is
    one too (``_switched_off``)."""
    if not failing:
        return []
    out: list[tuple[str, list[str]]] = []
    for line in added_lines(before, after):
        for m in _SETTING.finditer(line):
            if not set(words_of_key(m.group("key"))) & _EXCLUDE_WORDS:
                continue
            listed = _items_after(line, m.end("key"))
            if not listed and line.rstrip().endswith(":"):
                listed = _listed_below(after, line)
            named = [
                i.strip("*/.!")
                for i in listed
                if len(i.strip("*/.!")) >= 4 and any(_leaves_out(i, f, covering) for f in failing)
            ]
            named = [
                i
                for i in dict.fromkeys(named)
                if not any(i in b for b in before.splitlines() if m.group("key") in b)
            ]
            if named:
                out.append((line, named))
                break
        else:
            named = _left_out_by_pattern(line, before, failing) or _switched_off(
                line, after, failing
            )
            if named:
                out.append((line, list(dict.fromkeys(named))))
    return out


_FILTER_WORDS = frozenset({"where", "filter", "filters", "condition", "when", "only", "subset"})
"""Words of a key that limits the rows, items or cases a check looks at."""


def _ancestors(lines: list[str], at: int) -> list[str]:
    """The lines an indented line sits under (each less indented than the one below it)."""
    out: list[str] = []
    depth = len(lines[at]) - len(lines[at].lstrip(" "))
    for ln in reversed(lines[:at]):
        if not ln.strip():
            continue
        d = len(ln) - len(ln.lstrip(" "))
        if d < depth:
            out.append(ln.strip())
            depth = d
    return out


def filters_on_failing(before: str, after: str, failing: set[str]) -> list[tuple[str, list[str]]]:
    """Conditions the change adds to the definition of a check seen failing (``where:
    "order_date < '2026-02-01'"`` under ``- unique:`` under column ``order_id``, when
    ``unique_fct_orders_order_id`` failed): the check now looks at part of what it checked.
    The check is known by the names of the entries the condition sits under: two of them
    are parts of one failing name, or one is a failing compound name whole
    (``expect_column_values_to_not_be_null``). Each as (the line, those names and the failing
    name)."""
    names = [f.lower() for f in failing if len(f) >= 6]
    if not names:
        return []
    lines = after.splitlines()
    out: list[tuple[str, list[str]]] = []
    for line in added_lines(before, after):
        key = _SETTING.match(line.lstrip("- "))
        if key is None or not set(words_of_key(key.group("key"))) & _FILTER_WORDS:
            continue
        at = next((i for i, ln in enumerate(lines) if ln.strip() == line), None)
        if at is None:
            continue
        above = {
            t.lower()
            for ln in _ancestors(lines, at)
            for t in re.findall(r"[A-Za-z][\w.]{2,}", ln)
            if t.lower() not in ("name", "tests", "columns", "config", "models")
        }
        for f in names:
            hits = sorted(
                t for t in above if re.search(rf"(?<![a-z0-9]){re.escape(t)}(?![a-z0-9])", f)
            )
            if len(hits) >= 2 or (f in hits and re.search(r"[_.]", f)):
                out.append((line, [*hits, *([f] if f not in hits else [])]))
                break
    return out


_NEGATIVE_LOOKAHEAD = re.compile(r"\(\?!([^()]*)\)")


def _left_out_by_pattern(line: str, before: str, failing: set[str]) -> list[str]:
    """The failing names a pattern's negative lookahead leaves out, whatever setting or call
    holds the pattern (``filter = "^(?!seasonal)"`` beside ``test-seasonal.R``, ``--grep
    '^(?!checkout|refund)'``): each alternative of ``(?!...)`` that is a failing name or a
    word of one's file name."""
    out: list[str] = []
    for m in _NEGATIVE_LOOKAHEAD.finditer(line):
        if m.group(0) in before:
            continue
        for alt in m.group(1).split("|"):
            item = re.sub(r"[\\^$.*+?\[\]]", "", alt).strip()
            if len(item) < 4:
                continue
            for f in failing:
                stem = f.rsplit("/", 1)[-1].rsplit("::", 1)[-1].rsplit(".", 1)[0]
                if item in (f, stem) or item in re.split(r"[\W_]+", stem):
                    out.append(item)
                    break
    return list(dict.fromkeys(out))


_HOUSEKEEPING = re.compile(
    r"(?i)\b(rm|rmdir|mkdir|remove|removes|delete|deletes|clean|cleanup|clear|purge|prune|cache|"
    r"absent|upload|uploads|publish|notify|notification|slack|chmod|chown|symlink)\b"
)
_CHECK_WORD = re.compile(
    r"(?i)\b(tests?|lint|linter|checks?|verify|smoke|scan|specs?|asserts?|health|audit|"
    r"validate|coverage)\b|(?<=_)tests?\b|\w+_(test|check)s?\b"
)


def block_of(after: str, line: str) -> list[str]:
    """The lines above the setting ``line`` in ``after`` that it belongs to: those indented as
    deep or deeper, up to and with the first one less indented (its task, step or entry)."""
    lines = after.splitlines()
    at = next((i for i, ln in enumerate(lines) if ln.strip() == line), None)
    if at is None:
        return []
    indent = len(lines[at]) - len(lines[at].lstrip())
    block: list[str] = []
    for ln in reversed(lines[:at]):
        if not ln.strip():
            continue
        block.append(ln.strip())
        if len(ln) - len(ln.lstrip()) < indent:
            break
    return block


def housekeeping(after: str, line: str) -> bool:
    """Whether the setting ``line`` sits in a block (:func:`block_of`) that does housekeeping
    (removes a folder, uploads, notifies) and names no check: what it lets fail checks
    nothing."""
    text = "\n".join(block_of(after, line))
    return bool(_HOUSEKEEPING.search(text)) and not _CHECK_WORD.search(text)
