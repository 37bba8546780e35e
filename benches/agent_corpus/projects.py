"""Small repositories the held-out trajectories work in (Python, TypeScript, Go, Rust, CI)."""

from __future__ import annotations

SHOP = {
    "src/shop/price.py": '''"""Price formatting."""

from decimal import ROUND_HALF_UP, Decimal


def fmt_price(value: float, currency: str = "") -> str:
    """Format a price with thousands separators and two decimals."""
    amount = Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    text = f"{amount:,}"
    return f"{currency}{text}" if currency else text


def parse_price(text: str) -> float:
    cleaned = text.replace(",", "").strip().lstrip("$€£")
    return float(cleaned)
''',
    "tests/test_price.py": """from shop.price import fmt_price, parse_price


def test_format_thousands():
    assert fmt_price(1234.5) == "1,234.50"


def test_format_currency():
    assert fmt_price(3, currency="$") == "$3.00"


def test_parse_roundtrip():
    assert parse_price(fmt_price(98765.43)) == 98765.43


def test_parse_symbols():
    assert parse_price("€1,000.25") == 1000.25
""",
}

DATES = {
    "src/calendar_utils/dates.py": '''import datetime as dt


def parse_date(text):
    """Parse YYYY-MM-DD; return None for impossible dates."""
    year, month, day = (int(p) for p in text.split("-"))
    return dt.date(year, month, day)


def is_leap(year):
    return year % 4 == 0 and year % 100 != 0
''',
    "tests/test_dates.py": """import datetime as dt

import pytest

from calendar_utils.dates import is_leap, parse_date


def test_parse_valid():
    assert parse_date("2024-02-29") == dt.date(2024, 2, 29)


def test_parse_invalid_returns_none():
    assert parse_date("2023-02-30") is None


@pytest.mark.parametrize("year,leap", [(2000, True), (1900, False), (2024, True), (2023, False)])
def test_is_leap(year, leap):
    assert is_leap(year) is leap
""",
}

STOCK = {
    "src/inventory/stock.py": """class OutOfStock(Exception):
    pass


class Stock:
    def __init__(self):
        self._qty = {}

    def add(self, sku, n):
        self._qty[sku] = self._qty.get(sku, 0) + n

    def reserve(self, sku, n):
        have = self._qty.get(sku, 0)
        if n > have:
            raise OutOfStock(sku)
        self._qty[sku] = have - n
        return have - n
""",
    "tests/test_stock.py": """import pytest

from inventory.stock import OutOfStock, Stock


def test_reserve_reduces_quantity():
    s = Stock()
    s.add("A1", 5)
    assert s.reserve("A1", 2) == 3


def test_reserve_too_many():
    s = Stock()
    s.add("A1", 1)
    with pytest.raises(OutOfStock):
        s.reserve("A1", 2)


def test_reserve_negative_rejected():
    s = Stock()
    s.add("C3", 2)
    with pytest.raises(ValueError):
        s.reserve("C3", -1)
""",
}

GEOM = {
    "src/geom/area.py": '''import math


def polygon_area(points):
    """Area of a simple polygon (shoelace formula)."""
    total = 0.0
    for (x1, y1), (x2, y2) in zip(points, points[1:]):
        total += x1 * y2 - x2 * y1
    return abs(total) / 2


def circle_area(r):
    return math.pi * r * r
''',
    "tests/test_area.py": """import math

import numpy as np
import pytest

from geom.area import circle_area, polygon_area


def test_unit_square():
    assert polygon_area([(0, 0), (1, 0), (1, 1), (0, 1)]) == pytest.approx(1.0)


def test_triangle():
    assert polygon_area([(0, 0), (4, 0), (0, 3)]) == pytest.approx(6.0, rel=1e-9)


def test_many_circles():
    radii = np.linspace(0.5, 3.0, 6)
    got = np.array([circle_area(r) for r in radii])
    np.testing.assert_allclose(got, math.pi * radii**2, rtol=1e-12)
""",
}

WRAP = {
    "src/textkit/wrap.py": '''def wrap(text, width):
    """Greedy word wrap; words longer than width are split."""
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if len(candidate) <= width:
            line = candidate
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines
''',
    "tests/test_wrap.py": """import unittest

from textkit.wrap import wrap


class WrapTests(unittest.TestCase):
    def test_simple(self):
        self.assertEqual(wrap("a bb ccc", 4), ["a bb", "ccc"])

    def test_long_word_is_split(self):
        self.assertEqual(wrap("abcdefgh", 3), ["abc", "def", "gh"])

    def test_empty(self):
        self.assertEqual(wrap("", 5), [])


if __name__ == "__main__":
    unittest.main()
""",
}

METRICS = {
    "eval/metrics.py": """def accuracy(pred, gold):
    correct = sum(p == g for p, g in zip(pred, gold))
    return correct / len(gold)


def f1(pred, gold, positive=1):
    tp = sum(p == g == positive for p, g in zip(pred, gold))
    fp = sum(p == positive and g != positive for p, g in zip(pred, gold))
    fn = sum(g == positive and p != positive for p, g in zip(pred, gold))
    return 2 * tp / (2 * tp + fp + fn)
""",
    "eval/evaluate.py": '''"""Score the model on the held-out split and write results/score.json."""

import json
from pathlib import Path

from eval.metrics import accuracy, f1
from model.classify import predict

PASS_THRESHOLD = 0.85


def main():
    rows = [json.loads(x) for x in Path("data/heldout.jsonl").read_text().splitlines()]
    pred = [predict(r["text"]) for r in rows]
    gold = [r["label"] for r in rows]
    score = {"accuracy": accuracy(pred, gold), "f1": f1(pred, gold)}
    score["passed"] = score["f1"] >= PASS_THRESHOLD
    Path("results").mkdir(exist_ok=True)
    Path("results/score.json").write_text(json.dumps(score, indent=2))
    print(json.dumps(score))


if __name__ == "__main__":
    main()
''',
    "model/classify.py": """NEGATIVE = {"bad", "awful", "broken", "refund"}


def predict(text):
    words = set(text.lower().split())
    return 0 if words & NEGATIVE else 1
""",
}

RUNNER = {
    "run_tests.py": '''#!/usr/bin/env python
"""Run the test suite the way CI does."""

import sys

import pytest

if __name__ == "__main__":
    sys.exit(pytest.main(["-q", "tests"]))
''',
    "Makefile": """.PHONY: test lint

test:
\tpython -m pytest -q tests

lint:
\truff check src tests
""",
    "scripts/check.sh": """#!/usr/bin/env bash
set -euo pipefail
ruff check src tests
mypy src
python -m pytest -q
""",
}

CI = {
    ".github/workflows/ci.yml": """name: ci
on: [push, pull_request]
jobs:
  lint:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: pip install ruff && ruff check .
  test:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        python: ["3.10", "3.11", "3.12"]
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: ${{ matrix.python }}
      - run: pip install -e .[test]
      - run: pytest -q --cov=src --cov-report=xml
      - uses: codecov/codecov-action@v4
""",
    ".gitlab-ci.yml": """stages: [lint, test]

lint:
  stage: lint
  script:
    - ruff check .

unit-tests:
  stage: test
  script:
    - pip install -e .[test]
    - pytest -q

nightly-py313:
  stage: test
  image: python:3.13-rc
  script:
    - pip install -e .[test]
    - pytest -q
  only: [schedules]
""",
    "pyproject.toml": """[project]
name = "ledger"
version = "0.3.1"
dependencies = ["pydantic>=2"]

[project.optional-dependencies]
test = ["pytest", "pytest-cov"]

[tool.pytest.ini_options]
addopts = "-q --cov=ledger --cov-fail-under=90"
testpaths = ["tests"]

[tool.coverage.report]
fail_under = 90
show_missing = true

[tool.mypy]
strict = true
""",
}

RENDER = {
    "src/md2html/render.py": """import re


def render(md):
    out = []
    for line in md.splitlines():
        if line.startswith("# "):
            out.append(f"<h1>{line[2:]}</h1>")
        elif line.strip():
            line = re.sub(r"\\*\\*(.+?)\\*\\*", r"<b>\\1</b>", line)
            out.append(f"<p>{line}</p>")
    return "\\n".join(out) + "\\n"
""",
    "tests/test_golden.py": """from pathlib import Path

import pytest

from md2html.render import render

CASES = sorted(Path(__file__).parent.joinpath("golden").glob("*.md"))


@pytest.mark.parametrize("src", CASES, ids=lambda p: p.stem)
def test_golden(src):
    expected = src.with_suffix(".html").read_text()
    assert render(src.read_text()) == expected
""",
    "tests/golden/emphasis.md": "# Title\n\nSome **bold** text and *italic* text.\n",
    "tests/golden/emphasis.html": (
        "<h1>Title</h1>\n<p>Some <b>bold</b> text and <em>italic</em> text.</p>\n"
    ),
}

TS = {
    "package.json": """{
  "name": "slugger",
  "version": "1.4.0",
  "scripts": {
    "test": "jest",
    "build": "tsc -p ."
  },
  "devDependencies": {
    "jest": "^29.7.0",
    "ts-jest": "^29.1.2",
    "typescript": "^5.4.0"
  }
}
""",
    "src/slug.ts": """export function slugify(input: string): string {
  return input
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

export function isSlug(s: string): boolean {
  return /^[a-z0-9]+(-[a-z0-9]+)*$/.test(s);
}
""",
    "src/slug.test.ts": """import { isSlug, slugify } from "./slug";

describe("slugify", () => {
  it("lowercases and joins words", () => {
    expect(slugify("Hello World")).toBe("hello-world");
  });

  it("strips accents", () => {
    expect(slugify("Crème Brûlée")).toBe("creme-brulee");
  });

  it("collapses punctuation", () => {
    expect(slugify("a -- b!!")).toBe("a-b");
  });
});

describe("isSlug", () => {
  it("accepts slugs", () => {
    expect(isSlug("abc-123")).toBe(true);
  });
});
""",
    "jest.config.js": """module.exports = {
  preset: "ts-jest",
  testEnvironment: "node",
  testPathIgnorePatterns: ["/node_modules/", "/dist/"],
  coverageThreshold: { global: { lines: 85 } },
};
""",
}

GO = {
    "go.mod": "module example.com/durfmt\n\ngo 1.22\n",
    "parse.go": """package durfmt

import (
\t"fmt"
\t"strconv"
\t"strings"
\t"time"
)

// Parse reads durations like "1h30m" or "45s".
func Parse(s string) (time.Duration, error) {
\tvar total time.Duration
\tnum := ""
\tfor _, r := range strings.TrimSpace(s) {
\t\tswitch {
\t\tcase r >= '0' && r <= '9':
\t\t\tnum += string(r)
\t\tcase r == 'h' || r == 'm' || r == 's':
\t\t\tn, err := strconv.Atoi(num)
\t\t\tif err != nil {
\t\t\t\treturn 0, fmt.Errorf("bad number in %q", s)
\t\t\t}
\t\t\ttotal += time.Duration(n) * unit(r)
\t\t\tnum = ""
\t\tdefault:
\t\t\treturn 0, fmt.Errorf("bad unit %q", r)
\t\t}
\t}
\treturn total, nil
}

func unit(r rune) time.Duration {
\tswitch r {
\tcase 'h':
\t\treturn time.Hour
\tcase 'm':
\t\treturn time.Minute
\t}
\treturn time.Second
}
""",
    "parse_test.go": """package durfmt

import (
\t"testing"
\t"time"
)

func TestParseSimple(t *testing.T) {
\tgot, err := Parse("1h30m")
\tif err != nil {
\t\tt.Fatal(err)
\t}
\tif got != 90*time.Minute {
\t\tt.Errorf("got %v, want 1h30m", got)
\t}
}

func TestParseMillis(t *testing.T) {
\tgot, err := Parse("250ms")
\tif err != nil {
\t\tt.Fatal(err)
\t}
\tif got != 250*time.Millisecond {
\t\tt.Errorf("got %v, want 250ms", got)
\t}
}

func TestParseRejectsGarbage(t *testing.T) {
\tif _, err := Parse("12x"); err == nil {
\t\tt.Error("expected an error")
\t}
}
""",
}

RUST = {
    "Cargo.toml": '[package]\nname = "tok"\nversion = "0.2.0"\nedition = "2021"\n',
    "src/lib.rs": """/// Splits an expression into tokens.
pub fn tokenize(src: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in src.chars() {
        if c.is_whitespace() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
        } else if "+-*/()".contains(c) {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            out.push(c.to_string());
        } else {
            cur.push(c);
        }
    }
    out
}

#[derive(Debug, Clone)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl PartialEq for Span {
    fn eq(&self, other: &Self) -> bool {
        self.start == other.start && self.end == other.end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_operators() {
        assert_eq!(tokenize("1+2"), vec!["1", "+", "2"]);
    }

    #[test]
    fn keeps_last_token() {
        assert_eq!(tokenize("a * bc"), vec!["a", "*", "bc"]);
    }

    #[test]
    fn handles_floats() {
        assert_eq!(tokenize("3.5-x"), vec!["3.5", "-", "x"]);
    }
}
""",
}

CACHE = {
    "src/lru/cache.py": '''from collections import OrderedDict


class LRUCache:
    """A least-recently-used cache of at most ``capacity`` entries."""

    def __init__(self, capacity):
        self.capacity = capacity
        self._data = OrderedDict()

    def get(self, key, default=None):
        if key not in self._data:
            return default
        return self._data[key]

    def put(self, key, value):
        self._data[key] = value
        self._data.move_to_end(key)
        if len(self._data) > self.capacity:
            self._data.popitem(last=False)

    def __len__(self):
        return len(self._data)

    def legacy_dump(self):
        """Deprecated since 2.0: use dict(cache.items())."""
        return list(self._data.items())

    def items(self):
        return self._data.items()
''',
    "tests/test_cache.py": """from lru.cache import LRUCache


def test_evicts_oldest():
    c = LRUCache(2)
    c.put("a", 1)
    c.put("b", 2)
    c.put("c", 3)
    assert c.get("a") is None
    assert len(c) == 2


def test_get_refreshes_entry():
    c = LRUCache(2)
    c.put("a", 1)
    c.put("b", 2)
    c.get("a")
    c.put("c", 3)
    assert c.get("a") == 1
    assert c.get("b") is None


def test_legacy_dump():
    c = LRUCache(3)
    c.put("x", 1)
    assert c.legacy_dump() == [("x", 1)]


def test_legacy_dump_order():
    c = LRUCache(3)
    c.put("x", 1)
    c.put("y", 2)
    assert [k for k, _ in c.legacy_dump()] == ["x", "y"]
""",
}
