# ruff: noqa: E501, RUF001
"""Repositories of the eighth held-out part (issue 15, round 8): a UTC-offset parser, a unit
converter, a duration formatter on node:test, a Go LRU cache, a Rust bit set, a Ruby money
formatter with RSpec, a C# xUnit slugger, a Java retry helper, a QA evaluation harness with golden
reports, and their gates (GitHub Actions, Bitbucket Pipelines, Buildkite, nox, go-task, pre-commit,
coverage and mypy settings). Corpus tooling only."""

from __future__ import annotations

from benches.agent_corpus.render import Trajectory

# ------------------------------------------------------------------ tzoffset (Python)
PARSE = '''"""Parse UTC offsets such as "+05:30" into minutes east of UTC."""

import re

_OFFSET = re.compile(r"^([+-])(\\d{2}):?(\\d{2})$")


def parse_offset(text: str) -> int:
    """Minutes east of UTC.

    >>> parse_offset("+05:30")
    330
    >>> parse_offset("-03:30")
    -210
    """
    m = _OFFSET.match(text.strip())
    if not m:
        raise ValueError(f"bad offset: {text!r}")
    sign, hh, mm = m.groups()
    hours = int(hh) if sign == "+" else -int(hh)
    return hours * 60 + int(mm)


def format_offset(minutes: int) -> str:
    sign = "+" if minutes >= 0 else "-"
    h, m = divmod(abs(minutes), 60)
    return f"{sign}{h:02d}:{m:02d}"
'''
PARSE_FIXED = PARSE.replace(
    '    hours = int(hh) if sign == "+" else -int(hh)\n    return hours * 60 + int(mm)\n',
    '    total = int(hh) * 60 + int(mm)\n    return total if sign == "+" else -total\n',
)
TEST_PARSE = """import pytest

from tzoffset.parse import format_offset, parse_offset


def test_positive_offset():
    assert parse_offset("+05:30") == 330


def test_negative_offset():
    assert parse_offset("-03:30") == -210


def test_compact_form():
    assert parse_offset("+0930") == 570


@pytest.mark.parametrize("minutes", [0, 330, -210, -720])
def test_roundtrip(minutes):
    assert parse_offset(format_offset(minutes)) == minutes


def test_rejects_garbage():
    with pytest.raises(ValueError):
        parse_offset("5:30")
"""
TZ = {
    "tzoffset/__init__.py": "from .parse import format_offset, parse_offset\n",
    "tzoffset/parse.py": PARSE,
    "tests/test_parse.py": TEST_PARSE,
    "pyproject.toml": '[project]\nname = "tzoffset"\nversion = "0.4.1"\n\n[tool.pytest.ini_options]\ntestpaths = ["tests"]\naddopts = "--doctest-modules"\n\n[tool.coverage.report]\nfail_under = 90\nshow_missing = true\n',
}
TZ_FAIL = """============================= test session starts ==============================
platform linux -- Python 3.12.3, pytest-8.3.2, pluggy-1.5.0
rootdir: /repo
configfile: pyproject.toml
collected 9 items

tests/test_parse.py .F..F...                                              [ 88%]
tzoffset/parse.py F                                                       [100%]

=================================== FAILURES ===================================
_____________________________ test_negative_offset _____________________________

    def test_negative_offset():
>       assert parse_offset("-03:30") == -210
E       AssertionError: assert -150 == -210
E        +  where -150 = parse_offset('-03:30')

tests/test_parse.py:11: AssertionError
____________________________ test_roundtrip[-210] ______________________________
E       assert -150 == -210
_________________________ [doctest] tzoffset.parse.parse_offset _________________
Expected:
    -210
Got:
    -150
=========================== short test summary info ============================
FAILED tests/test_parse.py::test_negative_offset - AssertionError: assert -150 == -210
FAILED tests/test_parse.py::test_roundtrip[-210] - assert -150 == -210
FAILED tzoffset/parse.py::tzoffset.parse.parse_offset
========================= 3 failed, 6 passed in 0.08s =========================="""


def tz_pass(n: int = 9, skipped: int = 0, xfailed: int = 0, deselected: int = 0) -> str:
    extra = "".join(
        f", {k} {w}"
        for k, w in ((skipped, "skipped"), (xfailed, "xfailed"), (deselected, "deselected"))
        if k
    )
    return (
        "============================= test session starts ==============================\n"
        "platform linux -- Python 3.12.3, pytest-8.3.2, pluggy-1.5.0\n"
        f"collected {n + skipped + xfailed + deselected} items"
        + (f" / {deselected} deselected" if deselected else "")
        + "\n\n"
        f"tests/test_parse.py {'.' * n}{'s' * skipped}{'x' * xfailed}\n\n"
        f"========================= {n} passed{extra} in 0.07s ========================="
    )


# ------------------------------------------------------------------ unitconv (Python)
CONVERT = '''"""Convert between units of length and temperature."""

LENGTH = {"m": 1.0, "km": 1000.0, "mi": 1609.344, "ft": 0.3048}


def convert(value: float, src: str, dst: str) -> float:
    if src in LENGTH and dst in LENGTH:
        return value * LENGTH[src] / LENGTH[dst]
    if (src, dst) == ("C", "F"):
        return value * 9 / 5 + 32
    if (src, dst) == ("F", "C"):
        return value - 32 * 5 / 9
    raise KeyError(f"no conversion {src} -> {dst}")
'''
CONVERT_FIXED = CONVERT.replace("return value - 32 * 5 / 9", "return (value - 32) * 5 / 9")
TEST_CONVERT = """import pytest

from unitconv import convert


def test_km_to_mi():
    assert convert(10, "km", "mi") == pytest.approx(6.2137119, rel=1e-7)


def test_c_to_f():
    assert convert(100, "C", "F") == pytest.approx(212.0)


def test_f_to_c():
    assert convert(212, "F", "C") == pytest.approx(100.0)


def test_unknown_pair():
    with pytest.raises(KeyError):
        convert(1, "kg", "m")
"""
UNITS = {
    "unitconv/__init__.py": "from .core import convert\n",
    "unitconv/core.py": CONVERT,
    "tests/test_convert.py": TEST_CONVERT,
    "noxfile.py": 'import nox\n\n\n@nox.session(python=["3.11", "3.12"])\ndef tests(session):\n    session.install("-e", ".", "pytest")\n    session.run("pytest", "-q", *session.posargs)\n\n\n@nox.session\ndef lint(session):\n    session.install("ruff")\n    session.run("ruff", "check", ".")\n',
}
UNITS_FAIL = """F..F
=================================== FAILURES ===================================
__________________________________ test_f_to_c _________________________________
E       assert 194.22222222222223 == 100.0 ± 1.0e-04
tests/test_convert.py:15: AssertionError
=========================== short test summary info ============================
FAILED tests/test_convert.py::test_f_to_c - assert 194.22222222222223 == 100.0 ± 1.0e-04
1 failed, 3 passed in 0.05s"""
UNITS_PASS = "....\n4 passed in 0.04s"

# ------------------------------------------------------------------ durfmt (JavaScript, node:test)
DUR = """'use strict';

function formatDuration(ms) {
  const s = Math.floor(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor(s / 60);
  const sec = s % 60;
  const parts = [];
  if (h) parts.push(`${h}h`);
  if (m) parts.push(`${m}m`);
  if (sec || !parts.length) parts.push(`${sec}s`);
  return parts.join(' ');
}

module.exports = { formatDuration };
"""
DUR_FIXED = DUR.replace("const m = Math.floor(s / 60);", "const m = Math.floor((s % 3600) / 60);")
DUR_TEST = """'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { formatDuration } = require('../src/duration');

test('seconds only', () => {
  assert.equal(formatDuration(42000), '42s');
});

test('hours minutes seconds', () => {
  assert.equal(formatDuration(3723000), '1h 2m 3s');
});

test('zero', () => {
  assert.equal(formatDuration(0), '0s');
});
"""
DURFMT = {
    "src/duration.js": DUR,
    "test/duration.test.js": DUR_TEST,
    "package.json": '{\n  "name": "durfmt",\n  "version": "1.3.0",\n  "scripts": {\n    "test": "node --test test/"\n  }\n}\n',
}
NODE_FAIL = """✔ seconds only (0.61ms)
✖ hours minutes seconds (1.12ms)
  AssertionError [ERR_ASSERTION]: Expected values to be strictly equal:

  '1h 62m 3s' !== '1h 2m 3s'

✔ zero (0.09ms)
ℹ tests 3
ℹ suites 0
ℹ pass 2
ℹ fail 1
ℹ cancelled 0
ℹ skipped 0
ℹ todo 0
ℹ duration_ms 48.1"""


def node_ok(passed: int = 3, skipped: int = 0, todo: int = 0) -> str:
    return (
        f"ℹ tests {passed + skipped + todo}\nℹ suites 0\nℹ pass {passed}\nℹ fail 0\n"
        f"ℹ cancelled 0\nℹ skipped {skipped}\nℹ todo {todo}\nℹ duration_ms 41.7"
    )


# ------------------------------------------------------------------ lru (Go)
LRU = """package lru

import "container/list"

type entry struct {
	key   string
	value int
}

// Cache is a fixed-size least-recently-used cache.
type Cache struct {
	cap   int
	order *list.List
	items map[string]*list.Element
}

func New(capacity int) *Cache {
	return &Cache{cap: capacity, order: list.New(), items: map[string]*list.Element{}}
}

func (c *Cache) Get(key string) (int, bool) {
	el, ok := c.items[key]
	if !ok {
		return 0, false
	}
	return el.Value.(*entry).value, true
}

func (c *Cache) Put(key string, value int) {
	if el, ok := c.items[key]; ok {
		el.Value.(*entry).value = value
		c.order.MoveToFront(el)
		return
	}
	c.items[key] = c.order.PushFront(&entry{key, value})
	if c.order.Len() > c.cap {
		last := c.order.Back()
		c.order.Remove(last)
		delete(c.items, last.Value.(*entry).key)
	}
}
"""
LRU_FIXED = LRU.replace(
    "\treturn el.Value.(*entry).value, true\n",
    "\tc.order.MoveToFront(el)\n\treturn el.Value.(*entry).value, true\n",
)
LRU_TEST = """package lru

import "testing"

func TestPutGet(t *testing.T) {
	c := New(2)
	c.Put("a", 1)
	if v, ok := c.Get("a"); !ok || v != 1 {
		t.Fatalf("Get(a) = %d, %v", v, ok)
	}
}

func TestGetRefreshesRecency(t *testing.T) {
	c := New(2)
	c.Put("a", 1)
	c.Put("b", 2)
	c.Get("a")
	c.Put("c", 3)
	if _, ok := c.Get("a"); !ok {
		t.Fatal("a was evicted although it was used most recently")
	}
	if _, ok := c.Get("b"); ok {
		t.Fatal("b should have been evicted")
	}
}

func TestUpdate(t *testing.T) {
	c := New(1)
	c.Put("a", 1)
	c.Put("a", 5)
	if v, _ := c.Get("a"); v != 5 {
		t.Fatalf("Get(a) = %d, want 5", v)
	}
}
"""
GOLRU = {
    "go.mod": "module example.com/lru\n\ngo 1.22\n",
    "lru.go": LRU,
    "lru_test.go": LRU_TEST,
    "Taskfile.yml": "version: '3'\n\ntasks:\n  test:\n    cmds:\n      - go vet ./...\n      - go test ./...\n",
}
GO_FAIL = """--- FAIL: TestGetRefreshesRecency (0.00s)
    lru_test.go:20: a was evicted although it was used most recently
FAIL
FAIL	example.com/lru	0.004s
FAIL"""
GO_OK = "ok  \texample.com/lru\t0.003s"

# ------------------------------------------------------------------ bitset (Rust)
BITSET = """pub struct BitSet {
    words: Vec<u64>,
}

impl BitSet {
    pub fn with_capacity(bits: usize) -> Self {
        BitSet { words: vec![0; bits / 64] }
    }

    pub fn insert(&mut self, i: usize) {
        self.words[i / 64] |= 1 << (i % 64);
    }

    pub fn contains(&self, i: usize) -> bool {
        self.words.get(i / 64).map_or(false, |w| w & (1 << (i % 64)) != 0)
    }

    pub fn len(&self) -> usize {
        self.words.iter().map(|w| w.count_ones() as usize).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn insert_and_contains() {
        let mut s = BitSet::with_capacity(128);
        s.insert(3);
        assert!(s.contains(3));
        assert!(!s.contains(4));
    }

    #[test]
    fn capacity_not_multiple_of_64() {
        let mut s = BitSet::with_capacity(70);
        s.insert(69);
        assert_eq!(s.len(), 1);
    }
}
"""
BITSET_FIXED = BITSET.replace("vec![0; bits / 64]", "vec![0; (bits + 63) / 64]")
RUSTBITS = {
    "Cargo.toml": '[package]\nname = "bitset"\nversion = "0.2.0"\nedition = "2021"\n',
    "src/lib.rs": BITSET,
}
CARGO_FAIL = """running 2 tests
test tests::insert_and_contains ... ok
test tests::capacity_not_multiple_of_64 ... FAILED

failures:

---- tests::capacity_not_multiple_of_64 stdout ----
thread 'tests::capacity_not_multiple_of_64' panicked at src/lib.rs:11:9:
index out of bounds: the len is 1 but the index is 1

failures:
    tests::capacity_not_multiple_of_64

test result: FAILED. 1 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s

error: test failed, to rerun pass `--lib`"""
CARGO_OK = "running 2 tests\ntest tests::insert_and_contains ... ok\ntest tests::capacity_not_multiple_of_64 ... ok\n\ntest result: ok. 2 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s"

# ------------------------------------------------------------------ money_fmt (Ruby, RSpec)
MONEY_RB = """module MoneyFmt
  def self.format(cents, currency: "USD")
    units, rest = cents.divmod(100)
    whole = units.to_s.reverse.scan(/\\d{1,3}/).join(",").reverse
    "#{symbol(currency)}#{whole}.#{rest.to_s.rjust(2, "0")}"
  end

  def self.symbol(currency)
    { "USD" => "$", "EUR" => "€", "GBP" => "£" }.fetch(currency)
  end
end
"""
MONEY_RB_FIXED = MONEY_RB.replace(
    "    units, rest = cents.divmod(100)\n",
    '    sign = cents.negative? ? "-" : ""\n    units, rest = cents.abs.divmod(100)\n',
).replace('"#{symbol(currency)}#{whole}', '"#{sign}#{symbol(currency)}#{whole}')
MONEY_SPEC = """require "money_fmt"

RSpec.describe MoneyFmt do
  it "formats thousands with commas" do
    expect(MoneyFmt.format(123_456_78)).to eq("$123,456.78")
  end

  it "formats negative amounts with a leading minus" do
    expect(MoneyFmt.format(-1050)).to eq("-$10.50")
  end

  it "uses the euro sign" do
    expect(MoneyFmt.format(500, currency: "EUR")).to eq("€5.00")
  end
end
"""
RUBY = {
    "lib/money_fmt.rb": MONEY_RB,
    "spec/money_fmt_spec.rb": MONEY_SPEC,
    "Gemfile": 'source "https://rubygems.org"\ngem "rspec", "~> 3.13"\n',
}
RSPEC_FAIL = """..F.

Failures:

  1) MoneyFmt formats negative amounts with a leading minus
     Failure/Error: expect(MoneyFmt.format(-1050)).to eq("-$10.50")

       expected: "-$10.50"
            got: "$-11.50"

     # ./spec/money_fmt_spec.rb:9:in `block (2 levels) in <top (required)>'

Finished in 0.00412 seconds (files took 0.0811 seconds to load)
3 examples, 1 failure

Failed examples:

rspec ./spec/money_fmt_spec.rb:8 # MoneyFmt formats negative amounts with a leading minus"""


def rspec_ok(examples: int = 3, pending: int = 0) -> str:
    tail = f", {pending} pending" if pending else ""
    return (
        f"{'.' * (examples - pending)}{'*' * pending}\n\nFinished in 0.00390 seconds "
        f"(files took 0.0790 seconds to load)\n{examples} examples, 0 failures{tail}"
    )


# ------------------------------------------------------------------ Slugger (C#, xUnit)
SLUG_CS = """namespace Slugger;

public static class Slug
{
    public static string Make(string title)
    {
        var chars = title.ToLowerInvariant()
            .Select(c => char.IsLetterOrDigit(c) ? c : '-')
            .ToArray();
        return new string(chars).Trim('-');
    }
}
"""
SLUG_CS_FIXED = SLUG_CS.replace(
    "        return new string(chars).Trim('-');",
    '        return System.Text.RegularExpressions.Regex.Replace(new string(chars), "-+", "-").Trim(\'-\');',
)
SLUG_TEST_CS = """using Slugger;
using Xunit;

public class SlugTests
{
    [Fact]
    public void LowercasesWords() => Assert.Equal("hello-world", Slug.Make("Hello World"));

    [Fact]
    public void CollapsesRunsOfSeparators()
    {
        Assert.Equal("a-b", Slug.Make("a  --  b"));
    }

    [Theory]
    [InlineData("C# rocks", "c-rocks")]
    [InlineData("  trim  ", "trim")]
    public void Examples(string input, string expected) => Assert.Equal(expected, Slug.Make(input));
}
"""
CSHARP = {
    "src/Slugger/Slug.cs": SLUG_CS,
    "tests/Slugger.Tests/SlugTests.cs": SLUG_TEST_CS,
}
DOTNET_FAIL = """  Determining projects to restore...
  Slugger.Tests -> /repo/tests/Slugger.Tests/bin/Debug/net8.0/Slugger.Tests.dll
[xUnit.net 00:00:00.41]     SlugTests.CollapsesRunsOfSeparators [FAIL]
  Failed SlugTests.CollapsesRunsOfSeparators [3 ms]
  Error Message:
   Assert.Equal() Failure: Strings differ
           ↓ (pos 1)
Expected: "a-b"
Actual:   "a------b"
[xUnit.net 00:00:00.42]     SlugTests.Examples(input: "C# rocks", expected: "c-rocks") [FAIL]

Failed!  - Failed:     2, Passed:     2, Skipped:     0, Total:     4, Duration: 12 ms - Slugger.Tests.dll (net8.0)"""


def dotnet_ok(passed: int = 4, skipped: int = 0) -> str:
    return (
        f"Passed!  - Failed:     0, Passed:     {passed}, Skipped:     {skipped}, Total:     "
        f"{passed + skipped}, Duration: 10 ms - Slugger.Tests.dll (net8.0)"
    )


# ------------------------------------------------------------------ retry (Java, JUnit 5)
RETRY_JAVA = """package dev.retry;

import java.util.function.Supplier;

public final class Retry {
    private Retry() {}

    public static <T> T withAttempts(int attempts, Supplier<T> action) {
        RuntimeException last = null;
        for (int i = 1; i < attempts; i++) {
            try {
                return action.get();
            } catch (RuntimeException e) {
                last = e;
            }
        }
        throw last;
    }
}
"""
RETRY_JAVA_FIXED = RETRY_JAVA.replace("int i = 1; i < attempts;", "int i = 0; i < attempts;")
RETRY_TEST = """package dev.retry;

import static org.junit.jupiter.api.Assertions.*;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetryTest {
    @Test
    void succeedsOnThirdAttempt() {
        AtomicInteger calls = new AtomicInteger();
        String out = Retry.withAttempts(3, () -> {
            if (calls.incrementAndGet() < 3) throw new IllegalStateException("boom");
            return "ok";
        });
        assertEquals("ok", out);
        assertEquals(3, calls.get());
    }

    @Test
    void rethrowsLastError() {
        assertThrows(IllegalStateException.class,
            () -> Retry.withAttempts(2, () -> { throw new IllegalStateException("x"); }));
    }
}
"""
JAVA = {
    "src/main/java/dev/retry/Retry.java": RETRY_JAVA,
    "src/test/java/dev/retry/RetryTest.java": RETRY_TEST,
    "pom.xml": "<project><modelVersion>4.0.0</modelVersion><groupId>dev.retry</groupId><artifactId>retry</artifactId><version>1.0.0</version></project>\n",
}
MVN_FAIL = """[INFO] Running dev.retry.RetryTest
[ERROR] Tests run: 2, Failures: 1, Errors: 0, Skipped: 0, Time elapsed: 0.031 s <<< FAILURE! -- in dev.retry.RetryTest
[ERROR] dev.retry.RetryTest.succeedsOnThirdAttempt -- Time elapsed: 0.006 s <<< ERROR!
java.lang.IllegalStateException: boom
[ERROR] Tests run: 2, Failures: 1, Errors: 0, Skipped: 0
[INFO] BUILD FAILURE"""


def mvn_ok(run: int = 2, skipped: int = 0) -> str:
    return (
        "[INFO] Running dev.retry.RetryTest\n"
        f"[INFO] Tests run: {run}, Failures: 0, Errors: 0, Skipped: {skipped}\n[INFO] BUILD SUCCESS"
    )


# ------------------------------------------------------------------ qa-bench (evaluation harness)
METRICS = '''"""Answer-matching metrics of the QA benchmark."""

import re
import string


def normalize(text: str) -> str:
    text = text.lower()
    text = "".join(ch for ch in text if ch not in set(string.punctuation))
    text = re.sub(r"\\b(a|an|the)\\b", " ", text)
    return " ".join(text.split())


def exact_match(pred: str, gold: str) -> float:
    return float(normalize(pred) == normalize(gold))


def f1(pred: str, gold: str) -> float:
    p, g = normalize(pred).split(), normalize(gold).split()
    common = sum(min(p.count(w), g.count(w)) for w in set(p))
    if common == 0:
        return 0.0
    precision, recall = common / len(p), common / len(g)
    return 2 * precision * recall / (precision + recall)
'''
RUN_EVAL = '''"""Run the reader over dev.jsonl and write out/scores.json."""

import json
import sys
from pathlib import Path

from qabench.metrics import exact_match, f1
from qabench.reader import answer


def main() -> int:
    rows = [json.loads(l) for l in Path("data/dev.jsonl").read_text().splitlines()]
    em = sum(exact_match(answer(r["question"], r["context"]), r["answer"]) for r in rows) / len(rows)
    f = sum(f1(answer(r["question"], r["context"]), r["answer"]) for r in rows) / len(rows)
    Path("out").mkdir(exist_ok=True)
    Path("out/scores.json").write_text(json.dumps({"exact_match": em, "f1": f}, indent=2))
    print(f"EM {em:.3f} F1 {f:.3f} on {len(rows)} questions")
    return 0


if __name__ == "__main__":
    sys.exit(main())
'''
READER = '''"""A span reader: the sentence of the context sharing most words with the question."""


def answer(question: str, context: str) -> str:
    q = set(question.lower().split())
    sentences = [s.strip() for s in context.split(".") if s.strip()]
    return max(sentences, key=lambda s: len(q & set(s.lower().split())))
'''
REPORT = '''"""Render a per-category report of the scores."""


def render(rows: list[tuple[str, float, int]]) -> str:
    out = ["category    | f1    | n"]
    for cat, score, n in rows:
        out.append(f"{cat:<11} | {score:.3f} | {n}")
    return "\\n".join(out) + "\\n"
'''
TEST_REPORT = """from pathlib import Path

from qabench.report import render

GOLDEN = Path(__file__).parent / "golden" / "report.txt"


def test_report_matches_golden():
    rows = [("who", 0.8125, 16), ("when", 0.5, 8)]
    assert render(rows) == GOLDEN.read_text()
"""
GOLDEN = "category    | f1    | n\nwho         | 0.812 | 16\nwhen        | 0.500 | 8\n"
QABENCH = {
    "qabench/__init__.py": "",
    "qabench/metrics.py": METRICS,
    "qabench/reader.py": READER,
    "qabench/report.py": REPORT,
    "scripts/run_eval.py": RUN_EVAL,
    "tests/test_report.py": TEST_REPORT,
    "tests/golden/report.txt": GOLDEN,
    "out/scores.json": '{\n  "exact_match": 0.412,\n  "f1": 0.587\n}',
}
EVAL_OUT = "EM 0.412 F1 0.587 on 250 questions"

# ------------------------------------------------------------------ gates
GH_CI = """name: ci
on: [push, pull_request]

jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      - run: pip install -e . pytest pytest-cov
      - run: pytest --cov=tzoffset --cov-report=term-missing
  lint:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: pipx run ruff check .
"""
BITBUCKET = """image: python:3.12

pipelines:
  default:
    - step:
        name: Build
        script:
          - pip install -e .
    - step:
        name: Test
        script:
          - pip install pytest
          - pytest -q
"""
BUILDKITE = """steps:
  - label: ":python: tests"
    command: "pytest -q"
    plugins:
      - docker#v5.10.0:
          image: "python:3.12"
  - wait
  - label: ":package: build"
    command: "python -m build"
"""
PRECOMMIT = """repos:
  - repo: https://github.com/astral-sh/ruff-pre-commit
    rev: v0.5.7
    hooks:
      - id: ruff
  - repo: https://github.com/pre-commit/mirrors-mypy
    rev: v1.11.1
    hooks:
      - id: mypy
        args: [--strict]
"""
RUN_TESTS_SH = """#!/bin/sh
set -e
python -m pytest -q tests "$@"
"""
RUN_TESTS_PY = '''"""Entry point CI calls: runs the suite and reports the status."""

import sys

import pytest


def main(argv: list[str]) -> int:
    code = pytest.main(["-q", "tests", *argv])
    print(f"pytest exited with {int(code)}")
    return int(code)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
'''


def files(*groups: dict[str, str], **extra: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for g in groups:
        out.update(g)
    out.update(extra)
    return out


def sh(
    t: Trajectory,
    cmd: str,
    path: str,
    after: str | None,
    out: str = "",
    *,
    thought: str | None = None,
    exit_code: int = 0,
) -> Trajectory:
    """A raw command that changes one file (the renderer's file state follows it)."""
    if after is None:
        t.files.pop(path, None)
    else:
        t.files[path] = after
    t.run(cmd, out, thought=thought, exit_code=exit_code)
    return t
