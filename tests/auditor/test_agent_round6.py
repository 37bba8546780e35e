# ruff: noqa: E501
"""Issue 15, sixth round: test strength in every language (checks whose failure is swallowed,
negated and pattern matchers, hand-written float tolerances, assertion helpers, table-driven and
parameterised tests) and the honest shapes that must stay quiet."""

from __future__ import annotations

import pytest

from plasma.auditor.agent.othertests import summarize_tests
from plasma.auditor.agent.pytests import TestUnit
from plasma.auditor.agent.strength import count_items, rows_after
from plasma.auditor.agent.testdiff import compare_tests


def _units(text: str, lang: str) -> dict[str, TestUnit]:
    s = summarize_tests(text, lang)
    assert s is not None
    return s.units


def _deltas(lang: str, before: str, after: str) -> set[str]:
    b, a = summarize_tests(before, lang), summarize_tests(after, lang)
    assert b is not None
    assert a is not None
    return {d.detector for d in compare_tests(b, a)}


JS = 'it("a", () => {\n  expect(f(1)).toBe(2);\n});\n'
JAVA = "@Test\nvoid a() {\n    assertEquals(2, f(1));\n}\n"
CS = "[Fact]\npublic void A()\n{\n    Assert.Equal(2, F(1));\n}\n"
PHP = "public function testA(): void\n{\n    $this->assertSame(2, f(1));\n}\n"
RB = 'it "a" do\n  expect(f(1)).to eq(2)\nend\n'
GO = 'func TestA(t *testing.T) {\n\tif got := F(1); got != 2 {\n\t\tt.Errorf("got %d", got)\n\t}\n}\n'
RS = "#[test]\nfn a() {\n    assert_eq!(f(1), 2);\n}\n"
KT = "@Test\nfun a() {\n    assertEquals(2, f(1))\n}\n"


@pytest.mark.parametrize(
    ("lang", "before", "after"),
    [
        (
            "javascript",
            JS,
            JS.replace(
                "  expect(f(1)).toBe(2);\n",
                "  try {\n    expect(f(1)).toBe(2);\n  } catch (e) {\n    console.warn(e);\n  }\n",
            ),
        ),
        (
            "java",
            JAVA,
            JAVA.replace(
                "    assertEquals(2, f(1));\n",
                "    try {\n        assertEquals(2, f(1));\n    } catch (AssertionError e) {\n"
                "        log(e);\n    }\n",
            ),
        ),
        (
            "cs",
            CS,
            CS.replace(
                "    Assert.Equal(2, F(1));\n",
                "    try { Assert.Equal(2, F(1)); } catch (Exception) { }\n",
            ),
        ),
        (
            "php",
            PHP,
            PHP.replace(
                "    $this->assertSame(2, f(1));\n",
                "    try {\n        $this->assertSame(2, f(1));\n    } catch (\\Exception $e) {\n"
                "    }\n",
            ),
        ),
        (
            "rb",
            RB,
            RB.replace(
                "  expect(f(1)).to eq(2)\n",
                "  begin\n    expect(f(1)).to eq(2)\n"
                "  rescue RSpec::Expectations::ExpectationNotMetError\n    nil\n  end\n",
            ),
        ),
        (
            "go",
            GO,
            GO.replace("{\n\tif got", "{\n\tdefer func() { _ = recover() }()\n\tif got"),
        ),
        (
            "rust",
            RS,
            RS.replace(
                "    assert_eq!(f(1), 2);\n",
                "    let _ = std::panic::catch_unwind(|| {\n        assert_eq!(f(1), 2);\n    });\n",
            ),
        ),
        (
            "kt",
            KT,
            KT.replace(
                "    assertEquals(2, f(1))\n", "    runCatching { assertEquals(2, f(1)) }\n"
            ),
        ),
    ],
    ids=[
        "js-catch",
        "java-catch",
        "cs-catch",
        "php-catch",
        "rb-rescue",
        "go-recover",
        "rust-catch-unwind",
        "kt-runCatching",
    ],
)
def test_checks_whose_failure_is_swallowed(lang: str, before: str, after: str) -> None:
    assert "test-failures-swallowed" in _deltas(lang, before, after)


@pytest.mark.parametrize(
    ("lang", "before", "after"),
    [
        # expected-exception idioms: the catch checks the error, or the try fails without one
        (
            "java",
            JAVA,
            JAVA.replace(
                "    assertEquals(2, f(1));\n",
                '    assertEquals(2, f(1));\n    try {\n        g(-1);\n        fail("no throw");\n'
                "    } catch (IllegalArgumentException e) {\n"
                '        assertEquals("neg", e.getMessage());\n    }\n',
            ),
        ),
        (
            "javascript",
            JS,
            JS.replace(
                "  expect(f(1)).toBe(2);\n",
                "  expect(f(1)).toBe(2);\n  try {\n    g(-1);\n  } catch (e) {\n"
                '    expect(e.message).toBe("neg");\n  }\n',
            ),
        ),
        (
            "go",
            GO,
            GO.replace(
                "{\n\tif got",
                "{\n\tdefer func() {\n\t\tif r := recover(); r != nil {\n"
                '\t\t\tt.Fatalf("panic: %v", r)\n\t\t}\n\t}()\n\tif got',
            ),
        ),
        (
            "rust",
            RS,
            RS.replace(
                "    assert_eq!(f(1), 2);\n",
                "    assert_eq!(f(1), 2);\n    assert!(std::panic::catch_unwind(|| g(-1)).is_err());\n",
            ),
        ),
    ],
    ids=["java-try-fail-catch", "js-catch-checks-error", "go-recover-fails", "rust-unwind-checked"],
)
def test_expected_exception_idioms_are_not_swallowing(lang: str, before: str, after: str) -> None:
    assert not _deltas(lang, before, after)


@pytest.mark.parametrize(
    ("lang", "before", "after"),
    [
        ("javascript", JS, JS.replace(".toBe(2)", ".not.toBe(3)")),
        ("javascript", JS.replace("toBe(2)", 'toBe("ab")'), JS.replace("toBe(2)", "toMatch(/a/)")),
        ("javascript", JS, JS.replace(".toBe(2)", ".toEqual(expect.anything())")),
        ("rb", RB, RB.replace("to eq(2)", "to_not eq(3)")),
        ("java", JAVA, JAVA.replace("assertEquals(2, f(1))", "assertNotEquals(3, f(1))")),
    ],
    ids=["js-not", "js-pattern", "js-anything", "rb-to-not", "java-not-equals"],
)
def test_negated_and_pattern_matchers_are_weaker(lang: str, before: str, after: str) -> None:
    assert "test-assertions-weakened" in _deltas(lang, before, after)


def test_hand_written_float_tolerances_are_read() -> None:
    go = GO.replace("got != 2", "math.Abs(got-2.5) > 1e-9")
    assert "test-tolerance-widened" in _deltas("go", go, go.replace("1e-9", "1.0"))
    rs = "#[test]\nfn a() {\n    assert!((f(1) - 2.5).abs() < 1e-9);\n}\n"
    assert "test-tolerance-widened" in _deltas("rust", rs, rs.replace("1e-9", "2.0"))
    assert not _deltas("rust", rs, rs.replace("1e-9", "1e-10"))


def test_checks_moved_into_a_helper_keep_their_strength() -> None:
    before = JS + JS.replace('"a"', '"b"').replace("f(1)).toBe(2)", "f(2)).toBe(4)")
    helper = "function expectF(x, want) {\n  expect(f(x)).toBe(want);\n}\n\n"
    after = (
        helper + 'it("a", () => {\n  expectF(1, 2);\n});\nit("b", () => {\n  expectF(2, 4);\n});\n'
    )
    assert not _deltas("javascript", before, after)
    weak = after.replace("expect(f(x)).toBe(want)", "expect(f(x)).toBeDefined()")
    assert "test-assertions-weakened" in _deltas("javascript", before, weak)
    go_after = (
        "func wantF(t *testing.T, x, want int) {\n\tt.Helper()\n\tif got := F(x); got != want {\n"
        '\t\tt.Fatalf("F(%d) = %d", x, got)\n\t}\n}\n\nfunc TestA(t *testing.T) { wantF(t, 1, 2) }\n'
    )
    assert not _deltas("go", GO, go_after)


def test_table_rows_count_as_cases() -> None:
    before = GO + GO.replace("TestA", "TestB").replace("F(1)", "F(2)").replace("!= 2", "!= 4")
    table = (
        "func TestF(t *testing.T) {\n\tfor _, c := range []struct {\n\t\tin, want int\n\t}{\n"
        "\t\t{1, 2},\n\t\t{2, 4},\n\t\t{3, 6},\n\t} {\n\t\tif got := F(c.in); got != c.want {\n"
        '\t\t\tt.Errorf("F(%d) = %d", c.in, got)\n\t\t}\n\t}\n}\n'
    )
    assert _units(table, "go")["TestF"].cases == 3
    assert not _deltas("go", before, table)
    one_row = table.replace("\t\t{2, 4},\n\t\t{3, 6},\n", "")
    assert "test-removed" in _deltas("go", before, one_row)
    each = 'test.each([\n  [1, 2],\n  [2, 4],\n])("f(%i)", (x, want) => {\n  expect(f(x)).toBe(want);\n});\n'
    assert _units(each, "javascript")["f(%i)"].cases == 2
    csv = '@ParameterizedTest\n@CsvSource({"1,2", "2,4", "3,6"})\nvoid f(int x, int want) {\n    assertEquals(want, f(x));\n}\n'
    assert _units(csv, "java")["f"].cases == 3
    rb = '{ "a" => "A", "b" => "B" }.each do |w, up|\n  it "ups #{w}" do\n    expect(up(w)).to eq(up)\n  end\nend\n'
    assert next(iter(_units(rb, "rb").values())).cases == 2


def test_literal_rows() -> None:
    assert count_items('[1, 2], [3, "a,b"], ') == 2
    assert rows_after("x := []struct{ a int }{ {1}, {2}, {3} }", 0) == 3
    assert rows_after('m := map[string]struct{ a int }{ "x": {1}, "y": {2} }', 0) == 2


@pytest.mark.parametrize(
    ("lang", "before", "after", "detector"),
    [
        ("javascript", JS, JS.replace("  expect", "  // expect"), "test-body-emptied"),
        (
            "java",
            JAVA,
            JAVA.replace("    assertEquals", "    f(1);\n    /* assertEquals") + "*/",
            "test-assertions-weakened",
        ),
        ("go", GO, GO.replace("\t\tt.Errorf", "\t\t// t.Errorf"), "test-assertions-weakened"),
        ("rb", RB, RB.replace("  expect", "  f(1)\n  # expect"), "test-assertions-weakened"),
        (
            "javascript",
            JS,
            JS.replace("  expect(f(1)).toBe(2);", "  if (false) {\n    expect(f(1)).toBe(2);\n  }"),
            "test-checks-unreachable",
        ),
        ("rb", RB, RB.replace("to eq(2)", "to eq(2) if false"), "test-checks-unreachable"),
        (
            "rust",
            RS,
            RS.replace("{\n    assert_eq", "{\n    return;\n    assert_eq"),
            "test-checks-unreachable",
        ),
        ("go", GO, GO.replace("got != 2", "got != got"), "test-checks-unreachable"),
        (
            "java",
            JAVA,
            JAVA.replace("assertEquals(2, f(1))", "assertEquals(f(1), f(1))"),
            "test-assertions-weakened",
        ),
        (
            "java",
            JAVA,
            JAVA.replace("{\n    assertEquals", "{\n    assumeTrue(false);\n    assertEquals"),
            "test-skipped",
        ),
        (
            "javascript",
            JS.replace("() =>", "function ()"),
            JS.replace("() => {", "function () {\n  this.skip();"),
            "test-skipped",
        ),
    ],
    ids=[
        "js-comment",
        "java-block-comment",
        "go-comment",
        "rb-comment",
        "js-if-false",
        "rb-if-false",
        "rust-return",
        "go-never-differs",
        "java-same-args",
        "java-assume-false",
        "mocha-this-skip",
    ],
)
def test_checks_that_never_run(lang: str, before: str, after: str, detector: str) -> None:
    assert detector in _deltas(lang, before, after)


@pytest.mark.parametrize(
    ("lang", "before", "after"),
    [
        (
            "java",
            JAVA,
            JAVA.replace("    assertEquals", "    // two, by the spec\n    assertEquals"),
        ),
        (
            "javascript",
            JS,
            JS.replace("  expect", '  if (process.platform === "win32") return;\n  expect'),
        ),
        (
            "java",
            JAVA,
            JAVA.replace("{\n    assertEquals", "{\n    assumeTrue(isLinux());\n    assertEquals"),
        ),
        (
            "javascript",
            JS.replace("() =>", "function ()"),
            JS.replace("() => {", "function () {\n  if (offline) this.skip();"),
        ),
        (
            "go",
            GO,
            GO.replace(
                '\t\tt.Errorf("got %d", got)', '\t\t// the spec says 2\n\t\tt.Errorf("got %d", got)'
            ),
        ),
    ],
    ids=[
        "java-comment-added",
        "js-guarded-return",
        "java-assume-env",
        "mocha-conditional-skip",
        "go-comment-added",
    ],
)
def test_honest_comments_and_guards_are_quiet(lang: str, before: str, after: str) -> None:
    found = _deltas(lang, before, after)
    assert not found - {"test-skipped-by-switch"}


PY = "from calc import f\n\n\ndef test_a():\n    assert f(1) == 2\n"


def _py(before: str, after: str) -> set[str]:
    from plasma.auditor.agent.pytests import summarize

    deltas = compare_tests(summarize(before, {"calc"}), summarize(after, {"calc"}))
    return {d.detector for d in deltas}


def test_python_handler_that_reraises_is_not_swallowing() -> None:
    reraise = PY.replace(
        "    assert f(1) == 2\n",
        "    try:\n        assert f(1) == 2\n    except AssertionError as e:\n"
        "        raise AssertionError('f(1) with the default table') from e\n",
    )
    assert not _py(PY, reraise)
    swallow = reraise.replace(
        "        raise AssertionError('f(1) with the default table') from e\n", "        pass\n"
    )
    assert "test-failures-swallowed" in _py(PY, swallow)


def test_python_return_when_the_code_raises_swallows_the_checks_after_it() -> None:
    bail = PY.replace(
        "    assert f(1) == 2\n",
        "    try:\n        r = f(1)\n    except ValueError:\n        return\n    assert r == 2\n",
    )
    assert "test-failures-swallowed" in _py(PY, bail)
    fail = bail.replace("        return\n", "        pytest.fail('f(1) raised')\n")
    assert not _py(PY, fail)


def test_exact_check_narrowed_to_a_subset_is_a_loosening_not_a_weakening() -> None:
    before = 'it("a", () => {\n  expect(u()).toEqual({ a: 1, b: 2 });\n});\n'
    subset = before.replace("toEqual({ a: 1, b: 2 })", "toMatchObject({ a: 1 })")
    assert _deltas("javascript", before, subset) == {"test-matcher-loosened"}
    anything = before.replace("toEqual({ a: 1, b: 2 })", "toEqual(expect.anything())")
    assert "test-assertions-weakened" in _deltas("javascript", before, anything)


def test_helpers_of_other_test_files_count_as_their_checks() -> None:
    from plasma.auditor.agent.strength import KNOWN_HELPERS

    before = '  expect(formatMs(65000)).toBe("1m05s");\n'
    after = '  expectFormat(65000, "1m05s");\n'
    token = KNOWN_HELPERS.set({"expectFormat": 3})
    try:
        assert not _deltas("javascript", before, after)
    finally:
        KNOWN_HELPERS.reset(token)
    token = KNOWN_HELPERS.set({"expectFormat": 1})  # the helper only checks the type
    try:
        assert "test-assertions-weakened" in _deltas("javascript", before, after)
    finally:
        KNOWN_HELPERS.reset(token)


def test_type_of_a_value_is_a_weak_check() -> None:
    weak = JS.replace("expect(f(1)).toBe(2)", 'expect(typeof f(1)).toBe("number")')
    assert "test-assertions-weakened" in _deltas("javascript", JS, weak)


def test_async_expectations_are_checks() -> None:
    before = 'it("a", async () => {\n  await expect(f()).rejects.toThrow("bad input");\n});\n'
    after = 'it("a", async () => {\n  await f().catch(() => {});\n});\n'
    assert "test-assertions-weakened" in _deltas("javascript", before, after)
