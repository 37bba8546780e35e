"""Issue 15, round 17: a JavaScript check on a promise that is neither awaited nor returned
cannot fail its test."""

from __future__ import annotations

import pytest

from plasma.auditor.agent.othertests import summarize_tests
from plasma.auditor.agent.testdiff import compare_tests
from tests.auditor.agent_support import check_dev_cases

FETCH = """const {{ fetchWithTimeout }} = require('../src/fetch');

test('rejects slow responses', async () => {{
  {line}
}});
"""
CHECK = "expect(fetchWithTimeout(slow, 50)).rejects.toThrow('TimeoutError');"


@pytest.mark.parametrize(
    ("line", "floating"),
    [
        (CHECK, True),
        (f"await {CHECK}", False),
        (f"return {CHECK}", False),
        (f"void {CHECK}", True),
        ("expect(fetchWithTimeout(slow, 50)).resolves.toBe(7);", True),
        ("expect(await fetchWithTimeout(fast, 50)).toBe(7);", False),
        ("expect(f(1)).toBe(7);", False),
    ],
)
def test_a_promise_check_nobody_waits_for(line: str, floating: bool) -> None:
    s = summarize_tests(FETCH.format(line=line), "javascript")
    assert s is not None
    checks = [c for u in s.tests.values() for c in u.checks]
    assert checks
    assert all(c.swallowed == floating for c in checks)


def test_dropping_the_await_swallows_the_check() -> None:
    before = summarize_tests(FETCH.format(line=f"await {CHECK}"), "javascript")
    after = summarize_tests(FETCH.format(line=CHECK), "javascript")
    assert before is not None
    assert after is not None
    deltas = compare_tests(before, after)
    assert [d.detector for d in deltas] == ["test-failures-swallowed"]
    assert "awaited" in deltas[0].message
    assert compare_tests(after, before) == []  # adding the await strengthens the test


@pytest.mark.parametrize(
    "prefix",
    [
        "The timeout test fails; the agent removes the await",
        "The agent notices a rejects assertion without await",
    ],
)
def test_round_17_dev_batch(prefix: str) -> None:
    check_dev_cases(prefix)
