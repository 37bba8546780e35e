//! The text rule engine: literal patterns in Aho-Corasick automata, regexes in a `RegexSet`,
//! compiled once and run over every step of every trajectory.
//!
//! A trajectory step has a few text *fields* (its content, its tool name, its arguments, single
//! arguments such as the path a tool writes to). Each pattern belongs to one rule and reads one
//! field; per field, the engine builds one automaton of its case-sensitive literals, one of its
//! ASCII-case-insensitive literals and one `RegexSet` of its regexes, so a step's field is read
//! once per automaton however many rules there are. A rule fires on a step when one of its
//! *primary* patterns matches, every one of its *require* groups has a matching pattern, and
//! none of its *exclude* patterns matches.
//!
//! Regexes match bytes with Unicode mode off: `\w`, `\b`, `\s` and case-insensitivity are
//! ASCII (as in Python `re` on bytes, the reference the benchmarks compare against), which keeps
//! the lazy DFAs small; a non-ASCII literal in a pattern still matches its UTF-8 bytes.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use rayon::prelude::*;
use regex::bytes::{Regex, RegexBuilder, RegexSet, RegexSetBuilder};

use crate::error::{CoreError, CoreResult};

/// Whether a pattern is a literal or a regex.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PatternKind {
    /// A byte string (with `case_insensitive`, ASCII letters match either case).
    Literal,
    /// A regular expression in the syntax of the `regex` crate.
    Regex,
}

/// What a pattern does for its rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PatternRole {
    /// One of these must match for the rule to fire.
    Primary,
    /// Group `n`: one pattern of every require group must match.
    Require(usize),
    /// If one of these matches, the rule does not fire.
    Exclude,
}

/// One pattern of one rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternSpec {
    /// Index of the rule in the engine's rule list.
    pub rule: usize,
    /// Its role in the rule.
    pub role: PatternRole,
    /// Index of the field it reads.
    pub field: usize,
    /// Literal or regex.
    pub kind: PatternKind,
    /// The pattern.
    pub text: String,
    /// Match regardless of (ASCII, for literals; Unicode, for regexes) case.
    pub case_insensitive: bool,
}

/// The texts of one field for every step: step `i` is `buf[offsets[i]..offsets[i + 1]]`.
#[derive(Debug, Clone, Copy)]
pub struct FieldTexts<'a> {
    /// All steps' texts, concatenated.
    pub buf: &'a [u8],
    /// `n + 1` increasing byte offsets into `buf`.
    pub offsets: &'a [usize],
}

/// A rule that fired on a step, with where its first primary pattern matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Step index.
    pub step: usize,
    /// Rule index.
    pub rule: usize,
    /// Field the evidence is in.
    pub field: usize,
    /// Start of the match, in bytes from the start of the step's field text.
    pub start: usize,
    /// End of the match (exclusive).
    pub end: usize,
}

#[derive(Debug, Clone, Default)]
struct CompiledRule {
    primary: Vec<usize>,
    require: Vec<Vec<usize>>,
    exclude: Vec<usize>,
}

#[derive(Debug, Clone, Default)]
struct FieldMatcher {
    /// Automata with the pattern index of each of their patterns.
    automata: Vec<(AhoCorasick, Vec<usize>)>,
    regex_set: Option<(RegexSet, Vec<usize>)>,
}

/// A compiled rule pack.
#[derive(Debug, Clone)]
pub struct RuleEngine {
    rule_ids: Vec<String>,
    field_names: Vec<String>,
    patterns: Vec<PatternSpec>,
    rules: Vec<CompiledRule>,
    matchers: Vec<FieldMatcher>,
    /// Individually compiled regexes (None for literals), to locate evidence.
    regexes: Vec<Option<Regex>>,
}

/// Steps per parallel work item.
const CHUNK: usize = 64;

fn invalid(name: String, value: impl Into<String>, reason: impl Into<String>) -> CoreError {
    CoreError::InvalidArgument {
        name,
        value: value.into(),
        reason: reason.into(),
    }
}

impl RuleEngine {
    /// Compiles the patterns of `rule_ids.len()` rules over `field_names.len()` fields.
    ///
    /// # Errors
    /// A rule without a primary pattern, an empty literal, a field or rule index out of range,
    /// or a regex that does not compile (the message names the rule and the regex).
    pub fn new(
        rule_ids: Vec<String>,
        field_names: Vec<String>,
        patterns: Vec<PatternSpec>,
    ) -> CoreResult<Self> {
        let mut rules = vec![CompiledRule::default(); rule_ids.len()];
        let mut regexes = Vec::with_capacity(patterns.len());
        for (i, p) in patterns.iter().enumerate() {
            let Some(rule) = rules.get_mut(p.rule) else {
                return Err(invalid(
                    format!("pattern {i}"),
                    p.rule.to_string(),
                    format!("rule index out of range for {} rules", rule_ids.len()),
                ));
            };
            let id = &rule_ids[p.rule];
            if p.field >= field_names.len() {
                return Err(invalid(
                    format!("rule {id:?} pattern {:?}", p.text),
                    p.field.to_string(),
                    format!("field index out of range for {} fields", field_names.len()),
                ));
            }
            if p.text.is_empty() {
                return Err(invalid(
                    format!("rule {id:?}"),
                    "\"\"",
                    "an empty pattern matches everything",
                ));
            }
            match p.role {
                PatternRole::Primary => rule.primary.push(i),
                PatternRole::Exclude => rule.exclude.push(i),
                PatternRole::Require(g) => {
                    if rule.require.len() <= g {
                        rule.require.resize(g + 1, Vec::new());
                    }
                    rule.require[g].push(i);
                }
            }
            regexes.push(match p.kind {
                PatternKind::Literal => None,
                PatternKind::Regex => Some(
                    RegexBuilder::new(&p.text)
                        .case_insensitive(p.case_insensitive)
                        .unicode(false)
                        .build()
                        .map_err(|e| {
                            invalid(format!("rule {id:?} regex"), p.text.clone(), e.to_string())
                        })?,
                ),
            });
        }
        for (id, rule) in rule_ids.iter().zip(&rules) {
            if rule.primary.is_empty() {
                return Err(invalid(
                    format!("rule {id:?}"),
                    "no patterns",
                    "a rule needs at least one literal or regex to look for",
                ));
            }
            if let Some(g) = rule.require.iter().position(Vec::is_empty) {
                return Err(invalid(
                    format!("rule {id:?}"),
                    format!("require group {g}"),
                    "a require group needs at least one pattern",
                ));
            }
        }
        let mut matchers = Vec::with_capacity(field_names.len());
        for f in 0..field_names.len() {
            matchers.push(Self::field_matcher(f, &patterns)?);
        }
        Ok(Self {
            rule_ids,
            field_names,
            patterns,
            rules,
            matchers,
            regexes,
        })
    }

    fn field_matcher(field: usize, patterns: &[PatternSpec]) -> CoreResult<FieldMatcher> {
        let mut m = FieldMatcher::default();
        for ci in [false, true] {
            let ids: Vec<usize> = patterns
                .iter()
                .enumerate()
                .filter(|(_, p)| {
                    p.field == field && p.kind == PatternKind::Literal && p.case_insensitive == ci
                })
                .map(|(i, _)| i)
                .collect();
            if ids.is_empty() {
                continue;
            }
            let ac = AhoCorasickBuilder::new()
                .match_kind(MatchKind::Standard)
                .ascii_case_insensitive(ci)
                .build(ids.iter().map(|&i| patterns[i].text.as_bytes()))
                .map_err(|e| invalid("literal patterns".into(), "", e.to_string()))?;
            m.automata.push((ac, ids));
        }
        let ids: Vec<usize> = patterns
            .iter()
            .enumerate()
            .filter(|(_, p)| p.field == field && p.kind == PatternKind::Regex)
            .map(|(i, _)| i)
            .collect();
        if !ids.is_empty() {
            let set = RegexSetBuilder::new(ids.iter().map(|&i| {
                let p = &patterns[i];
                if p.case_insensitive {
                    format!("(?i:{})", p.text)
                } else {
                    p.text.clone()
                }
            }))
            .unicode(false)
            .build()
            .map_err(|e| invalid("regex set".into(), "", e.to_string()))?;
            m.regex_set = Some((set, ids));
        }
        Ok(m)
    }

    /// Identifiers of the rules, by index.
    #[must_use]
    pub fn rule_ids(&self) -> &[String] {
        &self.rule_ids
    }

    /// Names of the fields, by index.
    #[must_use]
    pub fn field_names(&self) -> &[String] {
        &self.field_names
    }

    /// Number of patterns.
    #[must_use]
    pub fn num_patterns(&self) -> usize {
        self.patterns.len()
    }

    /// Runs every rule over every step (in parallel on the current rayon pool); hits come in
    /// step order, then rule order.
    ///
    /// # Errors
    /// A number of fields other than the engine's, fields with different step counts, or
    /// offsets that decrease or run past their buffer.
    pub fn scan(&self, fields: &[FieldTexts<'_>]) -> CoreResult<Vec<Hit>> {
        let steps = self.check_fields(fields)?;
        let chunks: Vec<Vec<Hit>> = (0..steps.div_ceil(CHUNK))
            .into_par_iter()
            .map_init(
                || Scratch::new(self.patterns.len()),
                |scratch, c| {
                    let mut hits = Vec::new();
                    for step in c * CHUNK..((c + 1) * CHUNK).min(steps) {
                        self.scan_step(fields, step, scratch, &mut hits);
                    }
                    hits
                },
            )
            .collect();
        Ok(chunks.into_iter().flatten().collect())
    }

    fn check_fields(&self, fields: &[FieldTexts<'_>]) -> CoreResult<usize> {
        if fields.len() != self.field_names.len() {
            return Err(CoreError::Shape {
                name: "fields".into(),
                actual: vec![fields.len()],
                expected: format!("{} fields {:?}", self.field_names.len(), self.field_names),
            });
        }
        let mut steps = None;
        for (name, f) in self.field_names.iter().zip(fields) {
            let Some(n) = f.offsets.len().checked_sub(1) else {
                return Err(invalid(
                    format!("offsets of field {name:?}"),
                    "[]",
                    "needs n + 1 offsets for n steps",
                ));
            };
            if *steps.get_or_insert(n) != n {
                return Err(CoreError::Shape {
                    name: format!("offsets of field {name:?}"),
                    actual: vec![n + 1],
                    expected: format!("({},)", steps.unwrap_or(0) + 1),
                });
            }
            let ordered = f.offsets.windows(2).all(|w| w[0] <= w[1]);
            if !ordered || f.offsets[n] > f.buf.len() {
                return Err(invalid(
                    format!("offsets of field {name:?}"),
                    format!("last {}", f.offsets[n]),
                    format!(
                        "must increase and stay within the text ({} bytes)",
                        f.buf.len()
                    ),
                ));
            }
        }
        Ok(steps.unwrap_or(0))
    }

    fn scan_step(
        &self,
        fields: &[FieldTexts<'_>],
        step: usize,
        sc: &mut Scratch,
        hits: &mut Vec<Hit>,
    ) {
        sc.next_generation();
        let mut any = false;
        for (f, (texts, m)) in fields.iter().zip(&self.matchers).enumerate() {
            let seg = &texts.buf[texts.offsets[step]..texts.offsets[step + 1]];
            if seg.is_empty() {
                continue;
            }
            for (ac, ids) in &m.automata {
                for hit in ac.find_overlapping_iter(seg) {
                    let id = ids[hit.pattern().as_usize()];
                    any |= sc.mark(id, f, hit.start(), hit.end());
                }
            }
            if let Some((set, ids)) = &m.regex_set {
                for i in &set.matches(seg) {
                    any |= sc.mark(ids[i], f, usize::MAX, usize::MAX);
                }
            }
        }
        if !any {
            return;
        }
        for (r, rule) in self.rules.iter().enumerate() {
            let Some(&first) = rule.primary.iter().find(|&&i| sc.matched(i)) else {
                continue;
            };
            if !rule
                .require
                .iter()
                .all(|g| g.iter().any(|&i| sc.matched(i)))
                || rule.exclude.iter().any(|&i| sc.matched(i))
            {
                continue;
            }
            let (field, mut start, mut end) = sc.position[first];
            if start == usize::MAX {
                let texts = &fields[field];
                let seg = &texts.buf[texts.offsets[step]..texts.offsets[step + 1]];
                let found = self.regexes[first].as_ref().and_then(|re| re.find(seg));
                (start, end) = found.map_or((0, 0), |m| (m.start(), m.end()));
            }
            hits.push(Hit {
                step,
                rule: r,
                field,
                start,
                end,
            });
        }
    }
}

/// Which patterns matched the current step (generation stamps: no clearing per step).
struct Scratch {
    stamps: Vec<u32>,
    position: Vec<(usize, usize, usize)>,
    generation: u32,
}

impl Scratch {
    fn new(n: usize) -> Self {
        Self {
            stamps: vec![0; n],
            position: vec![(0, 0, 0); n],
            generation: 0,
        }
    }

    fn next_generation(&mut self) {
        if self.generation == u32::MAX {
            self.stamps.fill(0);
            self.generation = 0;
        }
        self.generation += 1;
    }

    #[inline]
    fn matched(&self, id: usize) -> bool {
        self.stamps[id] == self.generation
    }

    /// Marks a pattern as matched (keeping its first position); true if it was new.
    #[inline]
    fn mark(&mut self, id: usize, field: usize, start: usize, end: usize) -> bool {
        if self.stamps[id] == self.generation {
            return false;
        }
        self.stamps[id] = self.generation;
        self.position[id] = (field, start, end);
        true
    }
}

#[cfg(test)]
mod tests;
