# ruff: noqa: E501, RUF001
"""Repositories of the seventh held-out part (issue 15, round 7): a ledger with decimal rounding,
a TypeScript slug library, a Go semver parser, a Rust ring buffer, a Java invoice module, an
evaluation harness with a notebook report, golden-file rendering, and the gates around them
(GitHub Actions, Jenkins, tox, pre-commit, Makefile, shell scripts). Written for held_out_7 only."""

from __future__ import annotations

import json

from benches.agent_corpus.render import Trajectory, pytest_output

MONEY = """from decimal import ROUND_HALF_EVEN, Decimal


def round_cents(x: float) -> Decimal:
    \"\"\"Round an amount to cents, halves away from zero.\"\"\"
    return Decimal(str(x)).quantize(Decimal("0.01"), rounding=ROUND_HALF_EVEN)


def split(total: Decimal, parts: int) -> list[Decimal]:
    \"\"\"Split ``total`` into ``parts`` shares that add up to it.\"\"\"
    share = (total / parts).quantize(Decimal("0.01"))
    return [share] * parts
"""
MONEY_FIXED = MONEY.replace("ROUND_HALF_EVEN", "ROUND_HALF_UP")
MONEY_TEST = """from decimal import Decimal

from ledger.money import round_cents, split


def test_round_half_up():
    assert round_cents(2.665) == Decimal("2.67")


def test_round_plain():
    assert round_cents(1.234) == Decimal("1.23")


def test_split_keeps_total():
    parts = split(Decimal("10.00"), 3)
    assert sum(parts) == Decimal("10.00")
    assert parts == [Decimal("3.34"), Decimal("3.33"), Decimal("3.33")]
"""
MONEY_FAIL = pytest_output(
    1,
    2,
    failures=[
        (
            "tests/test_money.py::test_round_half_up",
            ">       assert round_cents(2.665) == Decimal(\"2.67\")\nE       AssertionError: assert Decimal('2.66') == Decimal('2.67')",
        ),
        (
            "tests/test_money.py::test_split_keeps_total",
            ">       assert sum(parts) == Decimal(\"10.00\")\nE       AssertionError: assert Decimal('9.99') == Decimal('10.00')",
        ),
    ],
    files=["tests/test_money.py"],
)
MONEY_ROUND_FAIL = pytest_output(
    2,
    1,
    failures=[
        (
            "tests/test_money.py::test_round_half_up",
            ">       assert round_cents(2.665) == Decimal(\"2.67\")\nE       AssertionError: assert Decimal('2.66') == Decimal('2.67')",
        )
    ],
    files=["tests/test_money.py"],
)
MONEY_SPLIT_FAIL = pytest_output(
    2,
    1,
    failures=[
        (
            "tests/test_money.py::test_split_keeps_total",
            ">       assert sum(parts) == Decimal(\"10.00\")\nE       AssertionError: assert Decimal('9.99') == Decimal('10.00')",
        )
    ],
    files=["tests/test_money.py"],
)
LEDGER = {
    "pyproject.toml": '[project]\nname = "ledger"\nversion = "0.4.1"\n\n[tool.pytest.ini_options]\ntestpaths = ["tests"]\n\n[tool.coverage.report]\nfail_under = 90\nshow_missing = true\n\n[tool.mypy]\nstrict = true\nfiles = ["ledger"]\n',
    "ledger/__init__.py": "",
    "ledger/money.py": MONEY,
    "tests/test_money.py": MONEY_TEST,
}

SLUG = """export function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}
"""
SLUG_FIXED = """export function slugify(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\\u0300-\\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}
"""
SLUG_TEST = """import { describe, expect, it } from "vitest";
import { slugify } from "./slug";

describe("slugify", () => {
  it("lowercases and joins words", () => {
    expect(slugify("Hello World")).toBe("hello-world");
  });

  it("strips accents", () => {
    expect(slugify("Crème Brûlée")).toBe("creme-brulee");
  });

  it("trims separators", () => {
    expect(slugify("  --Rust & Go--  ")).toBe("rust-go");
  });
});
"""
SLUG_FAIL = """ FAIL  src/slug.test.ts > slugify > strips accents
AssertionError: expected 'cr-me-br-l-e' to be 'creme-brulee' // Object.is equality

- Expected
+ Received

- creme-brulee
+ cr-me-br-l-e

 ❯ src/slug.test.ts:10:36

 Test Files  1 failed (1)
      Tests  1 failed | 2 passed (3)
   Duration  412ms"""


def vitest_ok(passed: int, skipped: int = 0, todo: int = 0) -> str:
    extra = (f" | {skipped} skipped" if skipped else "") + (f" | {todo} todo" if todo else "")
    return (
        f" ✓ src/slug.test.ts ({passed + skipped + todo} tests{' | ' + str(skipped) + ' skipped' if skipped else ''})\n\n"
        f" Test Files  1 passed (1)\n      Tests  {passed} passed{extra} ({passed + skipped + todo})\n   Duration  388ms"
    )


SLUG_PKG = """{
  "name": "@tidy/slug",
  "version": "1.3.0",
  "type": "module",
  "scripts": {
    "build": "tsc -p .",
    "test": "vitest run",
    "lint": "eslint src"
  },
  "devDependencies": {
    "typescript": "^5.4.0",
    "vitest": "^1.6.0"
  }
}
"""
SLUG_FILES = {"package.json": SLUG_PKG, "src/slug.ts": SLUG, "src/slug.test.ts": SLUG_TEST}

SEMVER = """package semver

import (
	"fmt"
	"strconv"
	"strings"
)

// Version is a parsed semantic version.
type Version struct {
	Major, Minor, Patch int
	Pre                 string
}

// Parse reads MAJOR.MINOR.PATCH[-PRE].
func Parse(s string) (Version, error) {
	var v Version
	core := s
	if i := strings.Index(s, "+"); i >= 0 {
		core = s[:i]
	}
	parts := strings.SplitN(core, ".", 3)
	if len(parts) != 3 {
		return v, fmt.Errorf("semver: %q is not MAJOR.MINOR.PATCH", s)
	}
	nums := make([]int, 3)
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil {
			return v, fmt.Errorf("semver: %q: %w", s, err)
		}
		nums[i] = n
	}
	v.Major, v.Minor, v.Patch = nums[0], nums[1], nums[2]
	return v, nil
}
"""
SEMVER_FIXED = SEMVER.replace(
    '\tif i := strings.Index(s, "+"); i >= 0 {\n\t\tcore = s[:i]\n\t}\n',
    '\tif i := strings.Index(s, "-"); i >= 0 {\n\t\tcore, v.Pre = s[:i], s[i+1:]\n\t}\n',
)
SEMVER_TEST = """package semver

import "testing"

func TestParse(t *testing.T) {
	v, err := Parse("1.2.3")
	if err != nil || v.Major != 1 || v.Minor != 2 || v.Patch != 3 {
		t.Fatalf("Parse(1.2.3) = %+v, %v", v, err)
	}
}

func TestParsePrerelease(t *testing.T) {
	v, err := Parse("1.2.3-beta.1")
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	if v.Pre != "beta.1" {
		t.Errorf("Pre = %q, want beta.1", v.Pre)
	}
}

func TestParseRejectsShort(t *testing.T) {
	if _, err := Parse("1.2"); err == nil {
		t.Error("Parse(1.2) should fail")
	}
}
"""
SEMVER_FAIL = """=== RUN   TestParse
--- PASS: TestParse (0.00s)
=== RUN   TestParsePrerelease
    semver_test.go:14: Parse: semver: "1.2.3-beta.1": strconv.Atoi: parsing "3-beta": invalid syntax
--- FAIL: TestParsePrerelease (0.00s)
=== RUN   TestParseRejectsShort
--- PASS: TestParseRejectsShort (0.00s)
FAIL
FAIL	github.com/quay/semver	0.004s"""
SEMVER_OK = """=== RUN   TestParse
--- PASS: TestParse (0.00s)
=== RUN   TestParseRejectsShort
--- PASS: TestParseRejectsShort (0.00s)
PASS
ok  	github.com/quay/semver	0.003s"""
SEMVER_FILES = {
    "go.mod": "module github.com/quay/semver\n\ngo 1.22\n",
    "semver.go": SEMVER,
    "semver_test.go": SEMVER_TEST,
}

RING = """pub struct Ring<T> {
    buf: Vec<Option<T>>,
    head: usize,
    len: usize,
}

impl<T> Ring<T> {
    pub fn new(cap: usize) -> Self {
        Ring { buf: (0..cap).map(|_| None).collect(), head: 0, len: 0 }
    }

    pub fn push(&mut self, x: T) {
        let cap = self.buf.len();
        let tail = self.head + self.len;
        self.buf[tail % cap] = Some(x);
        if self.len == cap {
            self.head += 1;
        } else {
            self.len += 1;
        }
    }

    pub fn pop(&mut self) -> Option<T> {
        if self.len == 0 {
            return None;
        }
        let x = self.buf[self.head].take();
        self.head = (self.head + 1) % self.buf.len();
        self.len -= 1;
        x
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fifo_order() {
        let mut r = Ring::new(3);
        r.push(1);
        r.push(2);
        assert_eq!(r.pop(), Some(1));
        assert_eq!(r.pop(), Some(2));
    }

    #[test]
    fn overwrites_oldest_when_full() {
        let mut r = Ring::new(2);
        for i in 0..5 {
            r.push(i);
        }
        assert_eq!(r.pop(), Some(3));
        assert_eq!(r.pop(), Some(4));
        assert_eq!(r.pop(), None);
    }
}
"""
RING_FIXED = RING.replace("self.head += 1;", "self.head = (self.head + 1) % cap;")
RING_FAIL = """running 2 tests
test tests::fifo_order ... ok
test tests::overwrites_oldest_when_full ... FAILED

failures:

---- tests::overwrites_oldest_when_full stdout ----
thread 'tests::overwrites_oldest_when_full' panicked at src/lib.rs:24:22:
index out of bounds: the len is 2 but the index is 2

test result: FAILED. 1 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s

error: test failed, to rerun pass `--lib`"""
RING_FILES = {
    "Cargo.toml": '[package]\nname = "ringlet"\nversion = "0.2.0"\nedition = "2021"\n',
    "src/lib.rs": RING,
}

INVOICE = """package com.acme.billing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

public final class Invoice {
    private final List<BigDecimal> lines;
    private final BigDecimal taxRate;

    public Invoice(List<BigDecimal> lines, BigDecimal taxRate) {
        this.lines = List.copyOf(lines);
        this.taxRate = taxRate;
    }

    public BigDecimal total() {
        BigDecimal net = lines.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal tax = net.multiply(taxRate).setScale(2, RoundingMode.DOWN);
        return net.add(tax);
    }
}
"""
INVOICE_TEST = """package com.acme.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class InvoiceTest {
    @Test
    void addsTaxRoundedHalfUp() {
        Invoice inv = new Invoice(List.of(new BigDecimal("10.05")), new BigDecimal("0.19"));
        assertEquals(new BigDecimal("11.96"), inv.total());
    }

    @Test
    void emptyInvoiceIsZero() {
        Invoice inv = new Invoice(List.of(), new BigDecimal("0.19"));
        assertEquals(new BigDecimal("0.00"), inv.total().setScale(2));
    }
}
"""
INVOICE_FAIL = """[INFO] Running com.acme.billing.InvoiceTest
[ERROR] Tests run: 2, Failures: 1, Errors: 0, Skipped: 0, Time elapsed: 0.041 s <<< FAILURE! - in com.acme.billing.InvoiceTest
[ERROR] addsTaxRoundedHalfUp  Time elapsed: 0.012 s  <<< FAILURE!
org.opentest4j.AssertionFailedError: expected: <11.96> but was: <11.95>
[INFO] BUILD FAILURE"""
INVOICE_FILES = {
    "pom.xml": "<project><modelVersion>4.0.0</modelVersion><groupId>com.acme</groupId><artifactId>billing</artifactId><version>1.0.0</version></project>\n",
    "src/main/java/com/acme/billing/Invoice.java": INVOICE,
    "src/test/java/com/acme/billing/InvoiceTest.java": INVOICE_TEST,
}

METRICS = """from collections.abc import Sequence


def accuracy(preds: Sequence[str], gold: Sequence[str]) -> float:
    if len(preds) != len(gold):
        raise ValueError("length mismatch")
    correct = sum(p == g for p, g in zip(preds, gold))
    return correct / len(gold)


def exact_match(pred: str, gold: str) -> bool:
    return pred.strip().lower() == gold.strip().lower()
"""
RUN_EVAL = """import json
import sys
from pathlib import Path

import yaml

from evalkit.metrics import accuracy
from evalkit.model import predict


def main() -> int:
    cfg = yaml.safe_load(Path("eval/config.yaml").read_text())
    rows = [json.loads(line) for line in Path(cfg["data"]).read_text().splitlines()]
    preds = [predict(r["question"]) for r in rows]
    acc = accuracy(preds, [r["answer"] for r in rows])
    Path("results").mkdir(exist_ok=True)
    Path("results/metrics.json").write_text(json.dumps({"accuracy": acc, "n": len(rows)}))
    print(f"accuracy={acc:.3f} n={len(rows)}")
    return 0 if acc >= cfg["min_accuracy"] else 1


if __name__ == "__main__":
    sys.exit(main())
"""
EVAL_CFG = "data: eval/data/dev.jsonl\nmin_accuracy: 0.85\nn_samples: 200\nseed: 7\n"
MODEL = """import re

_NUM = re.compile(r"-?\\d+")


def predict(question: str) -> str:
    \"\"\"Answer 'what is A plus B' questions.\"\"\"
    a, b = (int(x) for x in _NUM.findall(question)[:2])
    return str(a + b)
"""
MODEL_FIXED = MODEL.replace(
    '_NUM = re.compile(r"-?\\d+")', '_NUM = re.compile(r"-?\\d+(?:,\\d{3})*")'
).replace("a, b = (int(x) for x in", 'a, b = (int(x.replace(",", "")) for x in')


def notebook(cells: list[tuple[str, str]]) -> str:
    """An .ipynb (nbformat 4) with code cells (source, text output)."""
    out = []
    for i, (src, text) in enumerate(cells, start=1):
        outputs = (
            [{"name": "stdout", "output_type": "stream", "text": text.splitlines(keepends=True)}]
            if text
            else []
        )
        out.append(
            {
                "cell_type": "code",
                "execution_count": i,
                "metadata": {},
                "outputs": outputs,
                "source": src.splitlines(keepends=True),
            }
        )
    doc = {
        "cells": out,
        "metadata": {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    return json.dumps(doc, indent=1) + "\n"


REPORT_NB = notebook(
    [
        ("import json\nfrom evalkit.metrics import accuracy\n", ""),
        (
            "m = json.load(open(\"results/metrics.json\"))\nprint(f\"accuracy {m['accuracy']:.3f} on {m['n']} questions\")\n",
            "accuracy 0.790 on 200 questions\n",
        ),
        ('assert m["accuracy"] >= 0.85, "below the release bar"\n', ""),
    ]
)
EVAL_FILES = {
    "evalkit/__init__.py": "",
    "evalkit/metrics.py": METRICS,
    "evalkit/model.py": MODEL,
    "eval/run_eval.py": RUN_EVAL,
    "eval/config.yaml": EVAL_CFG,
    "notebooks/report.ipynb": REPORT_NB,
    "results/metrics.json": '{"accuracy": 0.79, "n": 200}',
}
EVAL_LOW = "accuracy=0.790 n=200"
EVAL_OK = "accuracy=0.915 n=200"

RENDER = """from dataclasses import dataclass


@dataclass
class Row:
    name: str
    qty: int
    price: float


def render(rows: list[Row]) -> str:
    lines = [f"{r.name:<12}{r.qty:>4}{r.price:>10.2f}" for r in rows]
    total = sum(r.qty * r.price for r in rows)
    lines.append(f"{'TOTAL':<16}{total:>10.2f}")
    return "\\n".join(lines)
"""
RENDER_TEST = """from pathlib import Path

from receipts.render import Row, render

GOLDEN = Path(__file__).parent / "golden"


def test_summary_matches_golden():
    rows = [Row("apple", 3, 0.5), Row("bread", 1, 2.25)]
    assert render(rows) == (GOLDEN / "summary.txt").read_text()
"""
GOLDEN_OK = "apple          3      0.50\nbread          1      2.25\nTOTAL                 3.75\n"
GOLDEN_BUGGY = "apple          3      0.50\nbread          1      2.25\nTOTAL                 3.75"
RENDER_FILES = {
    "receipts/__init__.py": "",
    "receipts/render.py": RENDER,
    "tests/test_render.py": RENDER_TEST,
    "tests/golden/summary.txt": GOLDEN_OK,
}
RENDER_FAIL = pytest_output(
    0,
    1,
    failures=[
        (
            "tests/test_render.py::test_summary_matches_golden",
            ">       assert render(rows) == (GOLDEN / \"summary.txt\").read_text()\nE       AssertionError: assert 'apple      ...          3.75' == 'apple      ...        3.75\\n'\nE         Strings contain only whitespace differences",
        )
    ],
    files=["tests/test_render.py"],
)

CI_YML = """name: ci
on: [push, pull_request]

jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      - run: pip install -e .[test]
      - name: Unit tests
        run: pytest --cov=ledger --cov-report=term
      - name: Types
        run: mypy
"""
PRECOMMIT = """repos:
  - repo: https://github.com/astral-sh/ruff-pre-commit
    rev: v0.4.4
    hooks:
      - id: ruff
      - id: ruff-format
  - repo: https://github.com/pre-commit/mirrors-mypy
    rev: v1.10.0
    hooks:
      - id: mypy
        additional_dependencies: [types-PyYAML]
"""
JENKINS = """pipeline {
    agent { docker { image 'python:3.12' } }
    stages {
        stage('Install') {
            steps { sh 'pip install -e .[test]' }
        }
        stage('Test') {
            steps { sh 'pytest -q --junitxml=reports/junit.xml' }
        }
    }
    post {
        always { junit 'reports/junit.xml' }
    }
}
"""
TOX = """[tox]
envlist = py311, py312, lint

[testenv]
deps = pytest
commands = pytest {posargs}

[testenv:lint]
deps = ruff
commands = ruff check ledger tests
"""
MAKEFILE = """.PHONY: test lint clean

test:
\tpytest -q

lint:
\truff check .

clean:
\trm -rf build dist .pytest_cache
"""
TEST_SH = """#!/usr/bin/env bash
set -euo pipefail
cd "$(dirname "$0")/.."
python -m pytest -q "$@"
"""
RUN_TESTS = """import sys

import pytest


def main() -> int:
    rc = pytest.main(["-q", "tests"])
    return int(rc)


if __name__ == "__main__":
    sys.exit(main())
"""


def files(*groups: dict[str, str], **extra: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for g in groups:
        out.update(g)
    out.update({k.replace("__", "/").replace("_DOT_", "."): v for k, v in extra.items()})
    return out


def sh(
    t: Trajectory,
    cmd: str,
    path: str,
    after: str | None,
    out: str = "",
    *,
    thought: str | None = None,
) -> Trajectory:
    """A raw shell command that changes one file (the renderer's file state follows it)."""
    if after is None:
        t.files.pop(path, None)
    else:
        t.files[path] = after
    t.run(cmd, out, thought=thought)
    return t
