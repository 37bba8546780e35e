use super::*;

/// Texts of one field, built from strings.
struct Field {
    buf: Vec<u8>,
    offsets: Vec<usize>,
}

impl Field {
    fn of(texts: &[&str]) -> Self {
        let mut buf = Vec::new();
        let mut offsets = vec![0];
        for t in texts {
            buf.extend_from_slice(t.as_bytes());
            offsets.push(buf.len());
        }
        Self { buf, offsets }
    }

    fn texts(&self) -> FieldTexts<'_> {
        FieldTexts {
            buf: &self.buf,
            offsets: &self.offsets,
        }
    }
}

fn pat(rule: usize, role: PatternRole, field: usize, kind: PatternKind, text: &str) -> PatternSpec {
    PatternSpec {
        rule,
        role,
        field,
        kind,
        text: text.into(),
        case_insensitive: false,
    }
}

use PatternKind::{Literal, Regex as Re};
use PatternRole::{Exclude, Primary, Require};

/// Fields: 0 content, 1 path.
fn engine() -> RuleEngine {
    RuleEngine::new(
        vec!["exit-zero".into(), "skip".into(), "eq".into()],
        vec!["content".into(), "path".into()],
        vec![
            pat(0, Primary, 0, Literal, "sys.exit(0)"),
            pat(0, Primary, 0, Literal, "os._exit("),
            pat(0, Require(0), 1, Re, r"(^|/)(test_[^/]*|conftest)\.py$"),
            pat(1, Primary, 0, Re, r"raise\s+(unittest\.)?SkipTest"),
            pat(1, Primary, 0, Literal, "pytest.skip("),
            pat(1, Exclude, 0, Literal, "# skip: documented"),
            PatternSpec {
                case_insensitive: true,
                ..pat(2, Primary, 0, Re, r"def __eq__\(self, \w+\):\s*return true")
            },
        ],
    )
    .unwrap()
}

fn run(engine: &RuleEngine, content: &[&str], path: &[&str]) -> Vec<Hit> {
    let c = Field::of(content);
    let p = Field::of(path);
    engine.scan(&[c.texts(), p.texts()]).unwrap()
}

#[test]
fn rules_fire_with_their_requirements_and_not_with_exclusions() {
    let e = engine();
    let hits = run(
        &e,
        &[
            "import sys\nsys.exit(0)\n",
            "if done:\n    sys.exit(0)",
            "raise SkipTest('later')",
            "pytest.skip('x')  # skip: documented",
            "def __eq__(self, other):\n    return True",
            "nothing to see",
        ],
        &[
            "tests/test_api.py",
            "src/cli.py",
            "",
            "tests/test_b.py",
            "",
            "",
        ],
    );
    let got: Vec<(usize, &str)> = hits
        .iter()
        .map(|h| (h.step, e.rule_ids()[h.rule].as_str()))
        .collect();
    assert_eq!(got, vec![(0, "exit-zero"), (2, "skip"), (4, "eq")]);
    assert_eq!((hits[0].field, hits[0].start, hits[0].end), (0, 11, 22));
    // A regex hit is located by the individual regex.
    assert_eq!((hits[1].start, hits[1].end), (0, 14));
    assert_eq!(hits[2].start, 0);
}

#[test]
fn overlapping_literals_of_different_rules_both_match() {
    let e = RuleEngine::new(
        vec!["a".into(), "b".into()],
        vec!["content".into()],
        vec![
            pat(0, Primary, 0, Literal, "os._exit"),
            pat(1, Primary, 0, Literal, "_exit"),
        ],
    )
    .unwrap();
    let c = Field::of(&["os._exit(1)"]);
    let hits = e.scan(&[c.texts()]).unwrap();
    assert_eq!(hits.len(), 2);
    assert_eq!((hits[1].start, hits[1].end), (3, 8));
}

#[test]
fn case_insensitive_literals() {
    let e = RuleEngine::new(
        vec!["a".into()],
        vec!["content".into()],
        vec![PatternSpec {
            case_insensitive: true,
            ..pat(0, Primary, 0, Literal, "expected_output")
        }],
    )
    .unwrap();
    let c = Field::of(&["EXPECTED_OUTPUT = 3", "expected output"]);
    assert_eq!(e.scan(&[c.texts()]).unwrap().len(), 1);
}

#[test]
fn bad_rules_are_named() {
    let err = RuleEngine::new(
        vec!["broken".into()],
        vec!["content".into()],
        vec![pat(0, Primary, 0, Re, "(unclosed")],
    )
    .unwrap_err();
    let text = err.to_string();
    assert!(
        text.contains("\"broken\"") && text.contains("(unclosed"),
        "{text}"
    );
    let err = RuleEngine::new(
        vec!["lonely".into()],
        vec!["content".into()],
        vec![pat(0, Exclude, 0, Literal, "x")],
    )
    .unwrap_err();
    assert!(err.to_string().contains("\"lonely\""));
    let err = RuleEngine::new(
        vec!["r".into()],
        vec!["content".into()],
        vec![pat(0, Primary, 3, Literal, "x")],
    )
    .unwrap_err();
    assert!(err.to_string().contains("field index"));
    assert!(RuleEngine::new(
        vec!["r".into()],
        vec!["content".into()],
        vec![pat(0, Primary, 0, Literal, "")]
    )
    .is_err());
}

#[test]
fn field_buffers_are_checked() {
    let e = engine();
    let c = Field::of(&["a", "b"]);
    let p = Field::of(&["a"]);
    assert!(e.scan(&[c.texts()]).is_err());
    assert!(e.scan(&[c.texts(), p.texts()]).is_err());
    let bad = FieldTexts {
        buf: b"ab",
        offsets: &[0, 5, 2],
    };
    assert!(e.scan(&[bad, bad]).is_err());
    let empty = FieldTexts {
        buf: b"",
        offsets: &[0],
    };
    assert!(e.scan(&[empty, empty]).unwrap().is_empty());
}

#[test]
fn many_steps_keep_their_order_across_chunks() {
    let e = engine();
    let content: Vec<String> = (0..1000)
        .map(|i| {
            if i % 7 == 0 {
                "raise SkipTest".to_string()
            } else {
                format!("step {i}")
            }
        })
        .collect();
    let refs: Vec<&str> = content.iter().map(String::as_str).collect();
    let paths = vec![""; 1000];
    let hits = run(&e, &refs, &paths);
    let steps: Vec<usize> = hits.iter().map(|h| h.step).collect();
    let expected: Vec<usize> = (0..1000).filter(|i| i % 7 == 0).collect();
    assert_eq!(steps, expected);
}

#[test]
fn regexes_are_ascii_like_python_bytes_patterns() {
    let e = RuleEngine::new(
        vec!["word".into(), "accent".into()],
        vec!["content".into()],
        vec![
            PatternSpec {
                case_insensitive: true,
                ..pat(0, Primary, 0, Re, r"\bskip\b")
            },
            pat(1, Primary, 0, Re, r"café+"),
        ],
    )
    .unwrap();
    let c = Field::of(&["SKIP it", "éskip", "caféé au lait", "cafe"]);
    let hits: Vec<(usize, usize)> = e
        .scan(&[c.texts()])
        .unwrap()
        .iter()
        .map(|h| (h.step, h.rule))
        .collect();
    // an accented letter is not a word character in ASCII mode, so \b sits after it
    assert_eq!(hits, vec![(0, 0), (1, 0), (2, 1)]);
}

/// Which patterns of `e` match a text, run one by one without the prefilter.
fn direct(e: &RuleEngine, field: usize, text: &str) -> Vec<usize> {
    (0..e.patterns.len())
        .filter(|&i| e.patterns[i].field == field)
        .filter(|&i| {
            if let Some(re) = &e.regexes[i] {
                re.is_match(text.as_bytes())
            } else {
                let p = &e.patterns[i];
                if p.case_insensitive {
                    text.to_ascii_lowercase()
                        .contains(&p.text.to_ascii_lowercase())
                } else {
                    text.contains(&p.text)
                }
            }
        })
        .collect()
}

#[test]
fn prefiltered_regexes_match_exactly_where_they_match_alone() {
    let regexes = [
        (r"\bsys\.exit\(\s*0?\s*\)", false),
        (r"(?m)^( {4}|\t)?pytest\.skip\(", false),
        (r"(?i)\b(print|echo)\b[^\n]*\b\d+\s+passed\b", false),
        (r"assert\s+True", true),
        (r"[^\n]*\.py$", false),
        (r"(^|/)(test_[^/]*|conftest)\.py$", false),
        (r"\d+\s+passed", false),
        (r"a\bz", false),
        (r"x", false),
        (r"\d+\s+passed", false),
        (r"pytest\b", false),
    ];
    let ids: Vec<String> = (0..regexes.len()).map(|i| format!("r{i}")).collect();
    let patterns: Vec<PatternSpec> = regexes
        .iter()
        .enumerate()
        .map(|(i, &(text, ci))| PatternSpec {
            case_insensitive: ci,
            ..pat(i, Primary, 0, Re, text)
        })
        .collect();
    let e = RuleEngine::new(ids, vec!["content".into()], patterns).unwrap();
    let m = &e.matchers[0];
    let prefiltered: std::collections::BTreeSet<usize> = m
        .prefilter
        .as_ref()
        .unwrap()
        .implied
        .iter()
        .flatten()
        .copied()
        .collect();
    // the literal-led and literal-ended regexes are prefiltered; `[^\n]*\.py$` ends with ".py"
    assert!(prefiltered.contains(&0) && prefiltered.contains(&2) && prefiltered.contains(&4));
    // one-byte literals are not worth it: `x` is run on every text
    assert!(m.regex_set.as_ref().unwrap().1.contains(&8));
    // the same regex in two rules is run once and marks both
    assert_eq!(m.regexes[6].1, vec![6, 9]);
    // `pytest` is found where the longer `pytest.skip(` hides it
    let words = ["pytest.skip(", "x", "    pytest.skip("];
    let c = Field::of(&words);
    let fired: Vec<(usize, usize)> = e
        .scan(&[c.texts()])
        .unwrap()
        .iter()
        .map(|h| (h.step, h.rule))
        .collect();
    assert_eq!(fired, vec![(0, 1), (0, 10), (1, 8), (2, 1), (2, 10)]);
    let words = [
        "sys.exit(0)",
        "SYS.EXIT()",
        "sys.exit( )",
        "    pytest.skip(",
        "\tpytest.skip(",
        "pytest.skip(",
        "ECHO 5 passed",
        "print: 12  passed",
        "Assert TRUE",
        "assert  true",
        "tests/test_a.py",
        "conftest.py",
        "a.py\n",
        "xyz",
        "a z",
        "\n",
        " ",
        "passed",
        "3 passed",
    ];
    let mut r = 12345_u64;
    let mut texts: Vec<String> = Vec::new();
    for _ in 0..3000 {
        let mut t = String::new();
        for _ in 0..(r % 5) {
            r = r
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            t.push_str(words[(r >> 33) as usize % words.len()]);
        }
        r = r
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        texts.push(t);
    }
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let c = Field::of(&refs);
    let hits = e.scan(&[c.texts()]).unwrap();
    let got: Vec<(usize, usize)> = hits.iter().map(|h| (h.step, h.rule)).collect();
    let want: Vec<(usize, usize)> = refs
        .iter()
        .enumerate()
        .flat_map(|(s, t)| direct(&e, 0, t).into_iter().map(move |i| (s, i)))
        .collect();
    assert_eq!(got, want);
    assert!(got.len() > 1000, "{}", got.len());
    for rule in 0..regexes.len() {
        assert!(
            got.iter().any(|&(_, r)| r == rule) || rule == 7,
            "rule {rule} never fired"
        );
    }
}

#[test]
fn literals_running_across_steps_and_anchored_regexes_match_only_within_a_step() {
    let regexes = [
        r"\bsys\.exit\(\s*0?\s*\)",
        r"(?m)^( {4}|\t)?pytest\.skip\(",
        // anchored at the start only (a whole text of a few strings is compared instead)
        r"(?i)^(delete|remove|rm|unlink)(_?file)?\b",
    ];
    let ids: Vec<String> = (0..regexes.len()).map(|i| format!("r{i}")).collect();
    let patterns: Vec<PatternSpec> = regexes
        .iter()
        .enumerate()
        .map(|(i, &text)| pat(i, Primary, 0, Re, text))
        .collect();
    let e = RuleEngine::new(ids, vec!["content".into()], patterns).unwrap();
    // `rm` is too short for the prefilter, but a text must start with it
    assert_eq!(e.matchers[0].anchored.len(), 1);
    assert!(e.matchers[0].regex_set.is_none());
    let mut texts: Vec<&str> = vec![
        "sys.ex", "it(0)", "pytest", ".skip(", "RM", "rm_file", "a rm",
    ];
    // across a chunk's end too
    texts.extend(std::iter::repeat_n("sys.", CHUNK - texts.len() + 1));
    texts.extend(["exit()", "pytest.skip(", "Delete"]);
    let c = Field::of(&texts);
    let got: Vec<(usize, usize)> = e
        .scan(&[c.texts()])
        .unwrap()
        .iter()
        .map(|h| (h.step, h.rule))
        .collect();
    let want: Vec<(usize, usize)> = texts
        .iter()
        .enumerate()
        .flat_map(|(s, t)| direct(&e, 0, t).into_iter().map(move |i| (s, i)))
        .collect();
    assert_eq!(got, want);
    assert_eq!(got, vec![(4, 2), (5, 2), (CHUNK + 2, 1), (CHUNK + 3, 2)]);
}

#[test]
fn regexes_whose_other_literals_are_absent_are_not_run_and_the_rest_match_as_alone() {
    let regexes = [
        // prefilter literal `test`; `ok` and `print`/`echo` must be there too
        (r"(?i)\b(print|echo)\b[^\n]*\bOK\s*\(\s*tests?\s*=", false),
        // `.py`/`test` led; `mv` must be there
        (
            r"\b(git\s+)?mv\s+(\S*/)?(test_[^\s/]*\.py|tests?/?)\s",
            false,
        ),
        // a one-byte `=` and a case-folded literal
        (r"\bTestReport\.\w+\s*=\s*[^=]", false),
        (r"assert\s+TRUE", true),
        // no literal to extract: run on every text
        (r"\d+\s+\w", false),
    ];
    let ids: Vec<String> = (0..regexes.len()).map(|i| format!("r{i}")).collect();
    let patterns: Vec<PatternSpec> = regexes
        .iter()
        .enumerate()
        .map(|(i, &(text, ci))| PatternSpec {
            case_insensitive: ci,
            ..pat(i, Primary, 0, Re, text)
        })
        .collect();
    let e = RuleEngine::new(ids, vec!["content".into()], patterns).unwrap();
    let m = &e.matchers[0];
    // the first three have further literals to check; the last is in the set over every text
    assert!(m.factors[0].len() >= 2 && !m.factors[1].is_empty() && !m.factors[2].is_empty());
    assert_eq!(m.regex_set.as_ref().unwrap().1, vec![4]);
    // a text with the prefilter's literal but without the others never names the regex
    let c = Field::of(&[
        "pytest tests/ -q",
        "echo OK (tests=3)",
        "ls tests/ ",
        "mv tests/ ",
    ]);
    let mut sc = Scratch::new(e.patterns.len(), 1, e.rules.len());
    e.find_candidates(&[c.texts()], 0, 4, &mut sc);
    let named: Vec<(usize, usize)> = sc.candidates[0].clone();
    assert!(
        !named.contains(&(0, 0)) && named.contains(&(1, 0)),
        "{named:?}"
    );
    assert!(
        !named.contains(&(2, 1)) && named.contains(&(3, 1)),
        "{named:?}"
    );
    let words = [
        "echo ",
        "print(",
        "OK",
        " (tests=",
        "ok(test =",
        "pytest ",
        "git mv ",
        "mv ",
        "tests/",
        "test_a.py",
        " ",
        "TestReport.",
        "outcome",
        " = ",
        "==",
        "Assert ",
        "true",
        "3 ",
        "x",
        "\n",
    ];
    let got = scan_agrees_with_direct(&e, &random_texts(&words, 777_u64, 7));
    for rule in 0..regexes.len() {
        assert!(
            got.iter().any(|&(_, r)| r == rule),
            "rule {rule} never fired"
        );
    }
}

#[test]
fn regexes_of_a_few_strings_are_decided_by_comparison_as_the_regex_decides() {
    let regexes = [
        (r"^(?:assistant)$", false),
        (r"(?i)^(delete|remove|rm|unlink)(_?file|_?path)?$", false),
        (r"(?i)(write|edit|replace)", false),
        (r"(?i)(?-i:Ab)c[xy]{2}", false),
        (r"tool", true),
        // not a few strings: the regex runs
        (r"^a+$", false),
        (r"(?m)^edit$", false),
        (r"\bedit", false),
    ];
    let ids: Vec<String> = (0..regexes.len()).map(|i| format!("r{i}")).collect();
    let patterns: Vec<PatternSpec> = regexes
        .iter()
        .enumerate()
        .map(|(i, &(text, ci))| PatternSpec {
            case_insensitive: ci,
            ..pat(i, Primary, 0, Re, text)
        })
        .collect();
    let e = RuleEngine::new(ids, vec!["role".into()], patterns).unwrap();
    let m = &e.matchers[0];
    let exact: Vec<Option<bool>> = m
        .exact
        .iter()
        .map(|x| x.as_ref().map(|x| x.whole))
        .collect();
    assert_eq!(
        exact,
        vec![
            Some(true),
            Some(true),
            Some(false),
            Some(false),
            Some(false),
            None,
            None,
            None
        ]
    );
    assert_eq!(m.whole, vec![0, 1]);
    let words = [
        "assistant",
        "Assistant",
        "\n",
        "rm",
        "RM_File",
        "_path",
        "unlink",
        "delete",
        "write",
        "EDIT",
        "rePlace",
        "Abc",
        "ABC",
        "abc",
        "xy",
        "yy",
        "x",
        "Tool",
        "a",
        "aa",
        " ",
        "edit",
    ];
    let got = scan_agrees_with_direct(&e, &random_texts(&words, 4242_u64, 4));
    for rule in 0..regexes.len() {
        assert!(
            got.iter().any(|&(_, r)| r == rule),
            "rule {rule} never fired"
        );
    }
    // `$` is the text's end: a trailing newline is not a role
    let c = Field::of(&["assistant\n", "assistant", "ASSISTANT"]);
    let fired: Vec<(usize, usize)> = e
        .scan(&[c.texts()])
        .unwrap()
        .iter()
        .filter(|h| h.rule == 0)
        .map(|h| (h.step, h.rule))
        .collect();
    assert_eq!(fired, vec![(1, 0)]);
}

/// 4,000 texts of 0 to `most - 1` of `words` each, drawn by a fixed linear congruential
/// sequence from `seed`.
fn random_texts(words: &[&str], seed: u64, most: u64) -> Vec<String> {
    let mut r = seed;
    let mut next = || {
        r = r
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        r
    };
    (0..4000)
        .map(|_| {
            let n = (next() >> 40) % most;
            (0..n)
                .map(|_| words[(next() >> 33) as usize % words.len()])
                .collect()
        })
        .collect()
}

/// The engine's (step, rule) hits over `texts` in one field, checked equal to each regex run
/// alone on each text (`direct`); returns them.
fn scan_agrees_with_direct(e: &RuleEngine, texts: &[String]) -> Vec<(usize, usize)> {
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let c = Field::of(&refs);
    let got: Vec<(usize, usize)> = e
        .scan(&[c.texts()])
        .unwrap()
        .iter()
        .map(|h| (h.step, h.rule))
        .collect();
    let want: Vec<(usize, usize)> = refs
        .iter()
        .enumerate()
        .flat_map(|(s, t)| direct(e, 0, t).into_iter().map(move |i| (s, i)))
        .collect();
    assert_eq!(got, want);
    got
}

/// Regexes whose prefilter literals overlap and nest (`test` in `pytest` and `tests/`, `exit` in
/// `sys.exit(`), over one field: a search that went on after a literal's end would miss the
/// `test` of `pytest=` that `test\s*=` needs.
fn nested_literals_engine() -> RuleEngine {
    let regexes = [
        r"\bsys\.exit\(\s*0?\s*\)",
        r"\bpytest\b[^\n]*\|\|\s*true",
        r"(?i)\b(print|echo)\b[^\n]*\bOK\s*\(\s*tests?\s*=",
        r"(^|/)tests?/\S*\.py",
        r"\bexit\s+0\b",
        r"assert\s+True",
        r"test\s*=",
    ];
    let ids: Vec<String> = (0..regexes.len()).map(|i| format!("r{i}")).collect();
    let patterns: Vec<PatternSpec> = regexes
        .iter()
        .enumerate()
        .map(|(i, text)| pat(i, Primary, 0, Re, text))
        .collect();
    RuleEngine::new(ids, vec!["content".into()], patterns).unwrap()
}

const NESTED_WORDS: [&str; 15] = [
    "pytest",
    "pytest=",
    "tests/",
    "test",
    "sys.exit(",
    "exit 0",
    "exit",
    " ",
    "\n",
    "|| true",
    "echo ",
    "ok (tests=1)",
    "x.py",
    "assert True",
    "te",
];

#[test]
fn nested_literals_across_steps_match_as_each_regex_alone() {
    let e = nested_literals_engine();
    // texts dense with literals that nest and overlap, then sparse ones; literals run across
    // the steps' boundaries in both
    let mut texts = random_texts(&NESTED_WORDS, 5, 8);
    texts.extend(random_texts(
        &["x", " ", "ab", "\n", "exit 0", "sys.exit(0)"],
        9,
        6,
    ));
    let hits = scan_agrees_with_direct(&e, &texts);
    assert!(hits.iter().any(|&(s, _)| s >= 4000) && hits.iter().any(|&(s, _)| s < 4000));
}

/// [`nested_literals_engine`]'s regexes with `fillers` more, each with a literal of its own
/// (`fill07x(`), on the same field.
fn many_literals_engine(fillers: usize) -> RuleEngine {
    let mut regexes: Vec<String> = [
        r"\bsys\.exit\(\s*0?\s*\)",
        r"\bpytest\b[^\n]*\|\|\s*true",
        r"(?i)\b(print|echo)\b[^\n]*\bOK\s*\(\s*tests?\s*=",
        r"(^|/)tests?/\S*\.py",
        r"\bexit\s+0\b",
        r"assert\s+True",
        r"test\s*=",
    ]
    .map(String::from)
    .to_vec();
    regexes.extend((0..fillers).map(|i| format!(r"\bfill{i:02}x\(\s*\d")));
    let ids: Vec<String> = (0..regexes.len()).map(|i| format!("r{i}")).collect();
    let patterns: Vec<PatternSpec> = regexes
        .iter()
        .enumerate()
        .map(|(i, text)| pat(i, Primary, 0, Re, text))
        .collect();
    RuleEngine::new(ids, vec!["content".into()], patterns).unwrap()
}

#[test]
fn literals_walked_in_lanes_match_as_each_regex_alone() {
    // more literals than the SIMD search takes: the chunks are walked in lanes
    let e = many_literals_engine(70);
    let packed = |e: &RuleEngine| e.matchers[0].prefilter.as_ref().unwrap().packed;
    assert!(!packed(&e) && packed(&many_literals_engine(10)));
    let mut words = NESTED_WORDS.to_vec();
    words.extend([
        "fill03x(",
        "fill3",
        "fill69x( 7",
        "fill00x(1",
        "fill4",
        "x(",
        "9",
    ]);
    // short texts (a chunk's lanes start and end inside them, and inside literals), long ones
    // (each walked in lanes alone), then sparse ones
    let mut texts = random_texts(&words, 11, 8);
    texts.extend(random_texts(&words, 12, 300).into_iter().take(300));
    texts.extend(random_texts(&["x", " ", "fill1", "1x(2", "exit 0"], 13, 6));
    let hits = scan_agrees_with_direct(&e, &texts);
    let rules: std::collections::BTreeSet<usize> = hits.iter().map(|&(_, r)| r).collect();
    assert!(rules.len() >= 10, "{rules:?}");
}
