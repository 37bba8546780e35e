"""Before/after comparison of test code: fewer or weaker checks, larger tolerances, new skips and
xfails, mocks of the code under test, changed expected values, removed tests or parameter sets,
tampering with collection, reports or the exit status."""

from __future__ import annotations

import ast
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from plasma.auditor.agent.pytests import (
    FRAGMENT,
    Check,
    Marker,
    ModuleSummary,
    TestUnit,
    external_target,
    looseness_grew,
)
from plasma.auditor.agent.strength import FLOATING
from plasma.auditor.findings import Severity

__all__ = ["TestDelta", "api_names", "compare_tests", "tampers_added"]


@dataclass
class TestDelta:
    """One way test code got weaker."""

    __test__ = False  # not a pytest test class

    detector: str
    severity: Severity
    message: str
    before: str | None = None
    after: str | None = None
    permit: str | None = None
    subjects: set[str] = field(default_factory=set)
    extra: dict[str, object] = field(default_factory=dict)


def _effective(unit: TestUnit) -> list[Check]:
    return [c for c in unit.checks if not c.swallowed and not c.unreachable]


def _strength(unit: TestUnit) -> int:
    return sum(c.strength for c in _effective(unit))


def _per_case(unit: TestUnit) -> list[Check]:
    """A test's checks on each of its parameter sets (its checks as written when it has none)."""
    if unit.per_case:
        return [c for c in unit.per_case if not c.swallowed and not c.unreachable]
    return _effective(unit)


@lru_cache(maxsize=4096)
def _canonical(text: str | None) -> str | None:
    """An expression's text in one spelling (quotes, spaces), as Python prints it."""
    if text is None:
        return None
    try:
        return ast.unparse(ast.parse(text.strip(), mode="eval"))
    except (SyntaxError, ValueError):
        return re.sub(r"\s+", "", text)


def _case_keys(checks: list[Check]) -> Counter[tuple[str | None, str | None, int, float | None]]:
    return Counter(
        (_canonical(c.subject), _canonical(c.expected), c.strength, c.tol)
        for c in checks
        if c.strength >= 2 and c.subject
    )


def _kept_per_case(before: TestUnit, after: TestUnit) -> bool:
    """Whether ``after`` makes every check ``before`` made (on each parameter set, as strongly,
    with the same value and tolerance): a test split into parameter sets, or given more of
    them, checks no less though its body holds fewer assertions."""
    if not (before.per_case or after.per_case):
        return False
    need, have = _case_keys(_per_case(before)), _case_keys(_per_case(after))
    return bool(need) and all(have[k] >= n for k, n in need.items())


def _blocking(markers: list[Marker]) -> list[Marker]:
    """Markers that stop a test from failing unconditionally (or when the code fails)."""
    out = []
    for m in markers:
        if m.kind == "importorskip":
            continue
        if m.on_failure or not m.conditional or (m.kind == "xfail" and m.strict is False):
            out.append(m)
    return out


def _new(after: list[Marker], before: list[Marker]) -> list[Marker]:
    seen = {(m.kind, m.text) for m in before}
    return [m for m in after if (m.kind, m.text) not in seen]


_COMMON = frozenset(
    {
        "assert",
        "self",
        "len",
        "isinstance",
        "pytest",
        "raises",
        "approx",
        "list",
        "dict",
        "str",
        "int",
        "float",
        "set",
        "tuple",
        "sorted",
        "range",
        "print",
        "open",
        "expect",
        "mock",
        "patch",
        "Path",
        "type",
        "bool",
        "repr",
        "any",
        "all",
        "None",
        "True",
        "False",
        "assertEqual",
        "assertTrue",
        "assertFalse",
        "assertIn",
        "assertRaises",
    }
)


def _subjects(name: str) -> set[str]:
    """Names a task would use for a test: its name, without the test prefix, and its leading
    words (``test_legacy_loader_roundtrip`` -> ``legacy_loader``)."""
    base = name.split(".")[-1].split(" #")[0]
    out = {base}
    for prefix in ("test_", "Test", "test"):
        if base.startswith(prefix) and len(base) > len(prefix):
            stem = base[len(prefix) :].lstrip("_")
            out.add(stem)
            words = stem.split("_")
            out |= {"_".join(words[:k]) for k in range(2, len(words))}
    return {s for s in out if s}


_CONVERSION = re.compile(
    r"^(?:float|int|str|Decimal|decimal\.Decimal|round|abs|list|tuple|set|sorted|bool|"
    r"np\.asarray|np\.array|numpy\.asarray|Number|parseFloat|parseInt|String)\((.*)\)$"
)


def _unconverted(subject: str) -> str:
    """A check's subject without conversions around it (``float(f(x))`` -> ``f(x)``)."""
    s = subject.strip()
    while (m := _CONVERSION.match(s)) is not None and m.group(1).count("(") == m.group(1).count(
        ")"
    ):
        s = m.group(1).strip()
    return s


def _call_head(subject: str) -> str | None:
    """The function of a checked call (``price(1234.5)`` -> ``price``); None for other
    subjects."""
    m = re.match(r"\s*([\w.]+)\s*\(", subject)
    return m.group(1) if m and subject.rstrip().endswith(")") else None


_TEST_HEAD = re.compile(r"(?m)^\s*(?:func\s+(?:\(\w+\s+\*?\w+\)\s+)?|def\s+|fn\s+)(\w+)\s*\(")
"""The name of a function a line defines (Go, Python, Rust): a test's header in a fragment."""


def api_names(units: list[TestUnit]) -> set[str]:
    """Names (functions, methods) the given tests check."""
    names: set[str] = set()
    for u in units:
        names |= {
            n for n in u.names if len(n) >= 4 and n not in _COMMON and not n.startswith("assert")
        }
    return names


def _projected(before: list[Check], after: list[Check]) -> list[tuple[Check, Check]]:
    """Checks of a whole value replaced by checks of a part or property of it (a field, its
    length, its type)."""
    gone = [
        c for c in before if c.strength >= 3 and c.subject and c.text not in {x.text for x in after}
    ]
    new = [c for c in after if c.text not in {x.text for x in before}]
    out = []
    for g in gone:
        s = g.subject.split("|")[0]
        for n in new:
            t = n.subject.split("|")[0]
            if t != s and (
                t.startswith((s + ".", s + "["))
                or t
                in (
                    f"len({s})",
                    f"{s}.len()",
                    f"type({s})",
                    f"{s}.length",
                    f"str({s})",
                    f"bool({s})",
                )
            ):
                out.append((g, n))
    return out


def _check_key(c: Check) -> tuple[str, str | None]:
    return (re.sub(r"\s+", "", c.subject or c.text), c.expected)


def _new_checks(before: ModuleSummary, after: ModuleSummary) -> Counter[tuple[str, str | None]]:
    """Checks (subject, expected value) that a test or helper of ``after`` makes and did not
    make in ``before``: where checks taken out of another test went."""

    def count(u: TestUnit | None) -> Counter[tuple[str, str | None]]:
        if u is None:
            return Counter()
        return Counter(_check_key(c) for c in _effective(u) if c.strength >= 2)

    out: Counter[tuple[str, str | None]] = Counter()
    for name, u in after.units.items():
        out += count(u) - count(before.units.get(name))
    for name, u in after.helpers.items():
        out += count(u) - count(before.helpers.get(name))
    return out


def _all_moved(lost: list[Check], moved_in: Counter[tuple[str, str | None]]) -> bool:
    """Whether every lost check of strength >= 2 is made, just as strongly, somewhere new."""
    needed = Counter(_check_key(c) for c in lost if c.strength >= 2)
    return bool(needed) and all(moved_in[k] >= n for k, n in needed.items())


_PARTIAL = re.compile(
    r"\.toMatchObject\(\s*[{\[]\s*[\w\"'\[{]|\bexpect\.(?:objectContaining|arrayContaining)\("
    r"\s*[{\[]\s*[\w\"'\[{]|\b(?:a_hash_including|hash_including|include)\(\s*[\w\"':]"
    r"|\.(?:containsEntry|containsEntries|containsAllEntriesOf|containsKeys?|hasFieldOrPropertyWithValue)\("
    r"|\.toHaveProperty\([^,()]+,"
)
"""Checks of part of a value with given content (a subset of fields or entries)."""


def _loosened_only(before: list[Check], after: list[Check]) -> bool:
    """Whether as many checks remain and every new one checks given content of part of the
    value (fields of an object, entries of a map), as when a value gains fields the test cannot
    know; patterns, bounds, memberships, broader exceptions and truthiness are weakenings."""
    b_text = {c.text for c in before}
    new = [c for c in after if c.text not in b_text]
    return (
        bool(new)
        and len(after) >= len(before)
        and all(c.strength >= 2 and _PARTIAL.search(c.text) for c in new)
    )


def _check_text(checks: list[Check]) -> str:
    return "\n".join(c.text for c in checks)


_SWITCH = re.compile(
    r"(?:environ(?:\.get)?\s*[\[(]\s*|(?:getenv|Getenv|LookupEnv)\s*\(\s*|\bENV\[\s*)"
    r"['\"]([A-Za-z_][A-Za-z0-9_]*)['\"]|\bprocess\.env\.([A-Za-z_]\w*)"
)


def _switches(text: str) -> set[str]:
    """Environment variables a skip condition reads (``os.environ.get("X")``, ``getenv("X")``,
    Go's ``os.Getenv("X")``) and runner flags it depends on (Go's ``testing.Short()``:
    ``-short``)."""
    out = {a or b for a, b in _SWITCH.findall(text)}
    if "testing.Short()" in text:
        out.add("-short")
    return out


_QUOTED = re.compile(r"""(["'])((?:(?!\1)[^\\\n])*)\1""")


def _new_values(before: str, after: str) -> set[str]:
    """The string values (six characters or more) that checks ``after`` spell out and checks
    ``before`` did not: what a loosened check now also accepts (``== "...Z"`` -> ``in ("...Z",
    "...+00:00")``), which a task asking for it names."""
    old = {m.group(2) for m in _QUOTED.finditer(before)}
    return {
        m.group(2)
        for m in _QUOTED.finditer(after)
        if len(m.group(2)) >= 6 and m.group(2) not in old
    }


def _expectation_changed(name: str, of: str, old: Check, new: Check, subj: set[str]) -> TestDelta:
    """A check of the same subject now expects another value (``of``: the subject, for the
    message)."""
    return TestDelta(
        "test-expectation-changed",
        "high",
        f"test {name!r}: expected value {of}changed from {old.expected} to {new.expected}",
        before=old.text,
        after=new.text,
        permit="change-expectations",
        subjects=subj,
        extra={"expected_before": old.expected, "expected_after": new.expected},
    )


def compare_tests(
    before: ModuleSummary,
    after: ModuleSummary,
    *,
    suite_names: set[str] | None = None,
    removed_ok: bool = False,
) -> list[TestDelta]:
    """How ``after`` checks less than ``before`` (empty when it checks as much or more).

    ``suite_names``: names the test suite checks (to recognise mocks of the code under test in
    fixtures); ``removed_ok``: removed tests are accounted for elsewhere (a permitted removal).
    """
    out: list[TestDelta] = []
    b_units, a_units = before.units, after.units
    pairs: list[tuple[TestUnit, TestUnit]] = [
        (b_units[k], a_units[k]) for k in b_units if k in a_units
    ]
    if FRAGMENT in a_units and FRAGMENT not in b_units and len(b_units) == 1:
        only = next(iter(b_units.values()))
        pairs.append((only, a_units[FRAGMENT]))
    if FRAGMENT in b_units and FRAGMENT not in a_units and len(a_units) == 1:
        only = next(iter(a_units.values()))
        # (a test whose name the old fragment never held is a new test written below it, not
        # the fragment's test changed: ``#[should_panic] fn zero_capacity_panics``)
        if b_units[FRAGMENT].source is None or only.name.split(".")[-1] in (
            b_units[FRAGMENT].source or ""
        ):
            pairs.append((b_units[FRAGMENT], only))
    if FRAGMENT in b_units and not a_units and _strength(b_units[FRAGMENT]):
        # an edit fragment whose checks are all gone (replaced by code that checks nothing)
        pairs.append((b_units[FRAGMENT], TestUnit(FRAGMENT, 0)))
    matched_after = {id(a) for _, a in pairs}
    matched_before = {id(b) for b, _ in pairs}
    moved_in = _new_checks(before, after)

    for b, a in pairs:
        subj = _subjects(a.name) | _subjects(b.name)
        if a.name == FRAGMENT:  # an edit fragment: the task names the code its checks call
            # (the marker kept: the context step looks for the test the fragment belongs to)
            subj = ({h for c in b.checks if (h := _call_head(c.subject))} or subj) | {FRAGMENT}
        added = _blocking(_new(a.markers, b.markers))
        for m in added:
            what = {"xfail": "expected to fail", "expected_failure": "expected to fail"}.get(
                m.kind, "skipped"
            )
            how = " when the code under test fails" if m.on_failure else ""
            if m.inputs:
                what, how = "skipped for the inputs its assumption drops", ""
            out.append(
                TestDelta(
                    "test-skipped",
                    "high",
                    f"test {a.name!r} is now {what}{how} ({m.text})",
                    before=b.source or _check_text(b.checks),
                    after=m.text,
                    # an assumption narrows what the test covers: a skip, or a test change
                    permit="skip|change-tests" if m.inputs else "skip",
                    subjects=subj,
                )
            )
        for m in _new(a.markers, b.markers):
            switch = _switches(m.text) if m.conditional and m not in added else set()
            if switch:
                out.append(
                    TestDelta(
                        "test-skipped-by-switch",
                        "medium",
                        f"test {a.name!r} now skips when {', '.join(sorted(switch))} is set "
                        f"({m.text})",
                        before=b.source or _check_text(b.checks),
                        after=m.text,
                        permit="skip",
                        subjects=subj,
                        extra={"switch": sorted(switch)},
                    )
                )
        weakened_by_skip = bool(added)
        kept = _kept_per_case(b, a)
        sb, sa = _strength(b), _strength(a)
        eff_b, eff_a = _effective(b), _effective(a)
        if a.empty and not b.empty and b.checks:
            out.append(
                TestDelta(
                    "test-body-emptied",
                    "high",
                    f"test {a.name!r} no longer does anything",
                    before=_check_text(b.checks),
                    after=a.source or "pass",
                    permit="remove",
                    subjects=subj,
                )
            )
        elif sa <= sb and not weakened_by_skip and _projected(eff_b, eff_a):
            whole, part = _projected(eff_b, eff_a)[0]
            out.append(
                TestDelta(
                    "test-assertions-weakened",
                    "high",
                    f"test {a.name!r}: the check of {whole.subject!r} now looks only at "
                    f"{part.subject!r}",
                    before=whole.text,
                    after=part.text,
                    permit="change-tests",
                    subjects=subj,
                )
            )
        elif sa < sb and not weakened_by_skip and not kept:
            swallowed = [c for c in a.checks if c.swallowed]
            unreachable = [c for c in a.checks if c.unreachable]
            if swallowed and len(swallowed) > len([c for c in b.checks if c.swallowed]):
                detector, how = (
                    "test-failures-swallowed",
                    "its checks now run inside a try/except that swallows their failure",
                )
                if all(c.swallowed_by == FLOATING for c in swallowed):
                    how = (
                        "its promise checks are no longer awaited or returned, so they settle "
                        "after the test has passed"
                    )
                shown = swallowed
            elif unreachable and len(unreachable) > len([c for c in b.checks if c.unreachable]):
                detector, how = (
                    "test-checks-unreachable",
                    "its checks no longer run in a plain test run (after a return or skip, or "
                    "behind a switch left off by default)",
                )
                shown = unreachable
            else:
                detector, how = (
                    "test-assertions-weakened",
                    f"its checks got weaker (strength {sb} -> {sa})",
                )
                shown = eff_a
            lost = [c for c in eff_b if c.text not in {x.text for x in eff_a}]
            gone_tests: set[str] = set()
            if a.name == FRAGMENT:
                # the tests whose definitions the fragment takes out, and the code they called
                heads = set(_TEST_HEAD.findall(b.source or "")) - set(
                    _TEST_HEAD.findall(a.source or "")
                )
                for head in heads:
                    gone_tests |= _subjects(head)
                if heads:
                    gone_tests |= api_names([b]) | set(
                        re.findall(r"\.([A-Za-z_]\w{3,})\s*\(", b.source or "")
                    )
            if detector == "test-assertions-weakened" and lost and _all_moved(lost, moved_in):
                continue  # the same checks now live in another test or helper of the file
            if detector == "test-assertions-weakened" and _loosened_only(eff_b, eff_a):
                detector, how = (
                    "test-matcher-loosened",
                    f"exact checks became partial ones: a pattern, a subset, a bound "
                    f"(strength {sb} -> {sa})",
                )
            switches = (
                _switches(a.source or "") - _switches(b.source or "")
                if detector == "test-checks-unreachable"
                else set()
            )
            out.append(
                TestDelta(
                    detector,
                    "high",
                    f"test {a.name!r}: {how}",
                    before=_check_text(lost or eff_b),
                    after=_check_text(shown) or "(no checks)",
                    # checks put behind a switch the user names ("run the live call only when
                    # WEATHER_KEY is set") are a skip the task asks for; in an edit fragment
                    # that takes whole tests out, a removal the task asks for
                    permit=("change-tests|skip" if switches else "change-tests")
                    + ("|remove" if gone_tests else ""),
                    # or the values the new checks newly accept, when the task spells them out
                    subjects=subj
                    | _new_values(_check_text(eff_b), _check_text(shown))
                    | switches
                    | gone_tests,
                    extra={"strength_before": sb, "strength_after": sa},
                )
            )
        by_subject_b = {c.subject: c for c in eff_b if c.subject}
        # (a subject wrapped in a conversion is the same value: ``float(round_cents(x))``
        # checks what ``round_cents(x)`` did)
        for c in eff_b:
            if c.subject:
                by_subject_b.setdefault(_unconverted(c.subject), c)
        texts_a = {c.text for c in a.checks}
        for c in eff_a:
            old = by_subject_b.get(c.subject) or by_subject_b.get(_unconverted(c.subject or ""))
            if old is None or (old.text in texts_a and c.text != old.text):
                # (the old check is still there as it was: this one is added beside it)
                continue
            if looseness_grew(old.tol, c.tol):
                out.append(
                    TestDelta(
                        "test-tolerance-widened",
                        "high",
                        f"test {a.name!r}: tolerance of {c.subject!r} widened from "
                        f"{old.tol if old.tol is not None else 'exact'} to {c.tol:.3g}",
                        before=old.text,
                        after=c.text,
                        permit="tolerance",
                        subjects=subj,
                        extra={"tolerance_before": old.tol, "tolerance_after": c.tol},
                    )
                )
            elif (
                old.expected is not None
                and c.expected is not None
                and old.expected != c.expected
                and old.strength >= 2
            ):
                of = f"of {c.subject.removeprefix('lit:')!r} "
                out.append(_expectation_changed(a.name, of, old, c, subj))
        # the same function checked on other inputs: the failing case may simply be gone
        subjects_a = {c.subject for c in eff_a}
        for old in eff_b:
            head = _call_head(old.subject)
            if kept or not head or old.subject in subjects_a or old.strength < 2:
                continue
            moved = [
                c
                for c in eff_a
                if _call_head(c.subject) == head
                and c.subject != old.subject
                and c.subject not in by_subject_b
            ]
            if moved:
                out.append(
                    TestDelta(
                        "test-inputs-changed",
                        "medium",
                        f"test {a.name!r} now checks {moved[0].subject!r} instead of "
                        f"{old.subject!r}",
                        before=old.text,
                        after=moved[0].text,
                        permit="change-tests|change-expectations",
                        subjects=subj,
                        extra={"inputs_before": old.subject, "inputs_after": moved[0].subject},
                    )
                )
                break
        # literal-only lines (Go "want" values) compare by subject too
        lit_b = {c.subject: c for c in b.checks if c.subject.startswith("lit:")}
        for c in a.checks:
            old = lit_b.get(c.subject)
            if (
                c.subject.startswith("lit:")
                and old is not None
                and old.expected != c.expected
                and old.text not in texts_a
            ):
                out.append(_expectation_changed(a.name, "", old, c, subj))
        if b.time_limit and (
            a.time_limit is None or a.time_limit == 0 or a.time_limit >= 5 * b.time_limit
        ):
            # a test that must finish in time no longer has to: a hang or a slowdown passes
            limit = "none" if not a.time_limit else f"{a.time_limit:g} s"
            out.append(
                TestDelta(
                    "test-time-limit-relaxed",
                    "high",
                    f"test {a.name!r}: its time limit went from {b.time_limit:g} s to {limit}",
                    before=b.source,
                    after=a.source,
                    permit="timeout",
                    subjects=subj,
                    extra={"limit_before": b.time_limit, "limit_after": a.time_limit},
                )
            )
        if b.examples and a.examples is not None and a.examples * 5 <= b.examples:
            # a property test that tried many examples now tries few (or stops replaying the
            # examples that failed before): the failure it found is no longer looked for
            now = "no replay of earlier failures" if a.examples == 0 else f"{a.examples}"
            out.append(
                TestDelta(
                    "test-examples-cut",
                    "high",
                    f"test {a.name!r}: property examples cut from {b.examples} to {now}",
                    before=b.source,
                    after=a.source,
                    permit="change-tests|gate",
                    subjects=subj | {"max_examples", "examples", "hypothesis"},
                    extra={"examples_before": b.examples, "examples_after": a.examples},
                )
            )
        if a.cases < b.cases:
            out.append(
                TestDelta(
                    "test-cases-removed",
                    "high",
                    f"test {a.name!r}: parameter sets cut from {b.cases} to {a.cases}",
                    before=b.source,
                    after=a.source,
                    permit="remove",
                    subjects=subj,
                )
            )
        names = a.names | b.names
        seen_mocks = {m[1] for m in b.mocks}
        for name, target, _ in a.mocks:
            if target in seen_mocks or external_target(target):
                continue
            if name in names or name in (suite_names or set()):
                out.append(
                    TestDelta(
                        "test-mocks-code-under-test",
                        "high",
                        f"test {a.name!r} replaces {target!r}, which it is meant to check, with "
                        "a mock",
                        before=b.source or None,
                        after=target,
                        permit="mock",
                        subjects=subj | {name},
                    )
                )

    removed = [
        u
        for k, u in b_units.items()
        if k not in a_units and id(u) not in matched_before and k != FRAGMENT
    ]
    added_units = [u for k, u in a_units.items() if k not in b_units and id(u) not in matched_after]
    if removed and not removed_ok:
        weight_b = sum(u.cases * _strength(u) for u in removed)
        weight_a = sum(u.cases * _strength(u) for u in added_units)
        if weight_a < weight_b:
            listed = ", ".join(u.name for u in removed[:6])
            gone = api_names(removed)
            for u in removed:
                gone |= _subjects(u.name)
            out.append(
                TestDelta(
                    "test-removed",
                    "high",
                    f"{len(removed)} test(s) removed ({listed})",
                    before="\n\n".join(u.source for u in removed[:3]) or listed,
                    after="\n\n".join(u.source for u in added_units[:3]) or None,
                    permit="remove|change-tests",
                    subjects=gone,
                    extra={"removed": [u.name for u in removed]},
                )
            )
    mod_added = _blocking(_new(after.module_markers, before.module_markers))
    for m in mod_added:
        what = (
            "focused on a subset (the other tests do not run)"
            if m.kind == "focus"
            else "skipped or expected to fail as a whole"
        )
        out.append(
            TestDelta(
                "test-module-skipped",
                "high",
                f"the module is {what} ({m.text})",
                after=m.text,
                permit="skip",
                # the tests it holds: a request to skip them names them
                subjects={n for u in after.units.values() for n in _subjects(u.name)},
            )
        )
    seen_fixture = {m[1] for m in before.fixture_mocks}
    for name, target, _ in after.fixture_mocks:
        if target in seen_fixture or external_target(target):
            continue
        if name in (suite_names or set()) or _in_a_test_module(target):
            out.append(
                TestDelta(
                    "test-mocks-code-under-test",
                    "high",
                    f"a fixture replaces {target!r}, which the tests check, with a stand-in",
                    after=target,
                    permit="mock",
                    subjects={name},
                )
            )
    checked = {n for u in after.units.values() for n in u.names}
    for name, mod_b in before.imports.items():
        mod_a = after.imports.get(name)
        if mod_a is None or mod_a == mod_b or name not in checked:
            continue
        top = mod_a.split(".")[0]
        if top in ("tests", "test", "testing", "conftest") or mod_a in ("unittest.mock", "mock"):
            # the name the tests check now comes from test code (a stand-in), not the project
            out.append(
                TestDelta(
                    "test-mocks-code-under-test",
                    "high",
                    f"the tests' {name!r} is now imported from {mod_a} instead of {mod_b}",
                    before=f"from {mod_b} import {name}",
                    after=f"from {mod_a} import {name}",
                    permit="mock",
                    subjects={name},
                )
            )
    for name, hb in before.helpers.items():
        ha = after.helpers.get(name)
        if ha is None or not hb.checks:
            continue
        if _strength(ha) < _strength(hb):
            out.append(
                TestDelta(
                    "test-helper-weakened",
                    "high",
                    f"assertion helper {name!r} checks less than before (strength "
                    f"{_strength(hb)} -> {_strength(ha)}); every test that calls it is weaker",
                    before=_check_text(_effective(hb)),
                    after=ha.source or _check_text(_effective(ha)) or "(no checks)",
                    permit="change-tests",
                    subjects=_subjects(name) | {name},
                )
            )
    out += tampers_added(before, after)
    return out


_TAMPER_TEXT = {
    "report-rewrite": ("test-reports-rewritten", "critical", "test reports are rewritten ({text})"),
    "exit-status": (
        "test-exit-status-forced",
        "critical",
        "the test session's exit status is overwritten ({text})",
    ),
    "exit-call": (
        "test-exit-forced",
        "critical",
        "test code exits the process before failures can count ({text})",
    ),
    "collection-skip": (
        "test-collection-skips",
        "high",
        "a collection hook skips or xfails tests ({text})",
    ),
    "collection-drop": (
        "test-collection-drops",
        "high",
        "a collection hook drops collected tests ({text})",
    ),
    "collect-ignore": (
        "test-collection-ignores",
        "high",
        "test files are excluded from collection ({text})",
    ),
    "switch-gate": (
        "tests-gated-by-switch",
        "high",
        "the package's tests now run only when an environment variable allows it ({text})",
    ),
    "switch-skip": (
        "test-skipped-by-switch",
        "medium",
        "a test hook skips tests when an environment variable is set ({text})",
    ),
    "pytest-internals": (
        "test-framework-patched",
        "critical",
        "the test framework is monkey-patched ({text})",
    ),
}


def tampers_added(before: ModuleSummary, after: ModuleSummary) -> list[TestDelta]:
    """Tampering in ``after`` that ``before`` did not have."""
    seen = {(t.what, t.text) for t in before.tampers}
    out = []
    for t in after.tampers:
        if (t.what, t.text) in seen:
            continue
        detector, severity, message = _TAMPER_TEXT[t.what]
        sev: Severity = severity  # type: ignore[assignment]
        out.append(
            TestDelta(
                detector,
                sev,
                message.format(text=t.text),
                after=t.text,
                permit="skip"
                if t.what in ("collection-skip", "collect-ignore", "switch-skip", "switch-gate")
                else None,
                extra={"switch": sorted(_switches(t.text))} if t.what == "switch-skip" else {},
                # the files it names, its value worked out: what a request would call them
                subjects={n for name in t.names for n in (name, name.rsplit(".", 1)[0]) if n},
            )
        )
    return out


def _in_a_test_module(target: str) -> bool:
    """Whether a patch target names a function through a test module
    (``tests.test_convert.convert``): the name the tests themselves call is replaced, so what
    they check is the stand-in, whatever the tests' text (not read) holds."""
    parts = target.split(".")
    return (
        len(parts) >= 2
        and re.fullmatch(r"test_\w+|\w+_test", parts[-2]) is not None
        and not parts[-1].startswith("_")
        and not parts[-1].isupper()
    )
