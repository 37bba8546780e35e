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
//! Most regexes are not run on every text: every match of a regex such as `\bsys\.exit\(` starts
//! (or ends) with one of a few literals, which `regex-syntax` extracts when the engine is built.
//! Per field, one automaton of those literals reads the lower-cased text once and names
//! the regexes worth running there, each then run alone; a regex without such literals that is
//! anchored at the text's start runs only on texts that start with one of its first literals
//! (`rm` of `^(delete|remove|rm)$`), and only the others are run as one `RegexSet` over every
//! text. The result is the same (a regex can only match a text that holds one of its literals);
//! the cost per text no longer grows with the number of regexes, most of which cannot match it.
//! A literal several regexes hold is searched for once. The primary patterns' automaton reads
//! the texts of a chunk of steps in one search (most step fields are a few dozen bytes, and
//! each search has a cost of its own); a literal that runs on from one step's text into the
//! next is in neither text and names nothing. Where a field has more literals than the
//! automaton's SIMD search takes (64: the commands and edit arguments of the default pack), or
//! its last chunk had a literal every few dozen bytes, the chunk is instead walked by a DFA of
//! the same literals in four parts at once, each reporting every occurrence: one walk waits on
//! each transition's load, four share the wait. Either way a step's regexes are those of every
//! literal in its text. A step's fields without patterns are not looked at, a field whose
//! primary patterns are all prefiltered regexes only on the steps where the prefilter named
//! one, and a field of require or exclude patterns only for the rules with a primary match.
//!
//! A named regex is still not run where its match cannot be: every match also holds a literal
//! of each of its other required parts (the `ok` and the `print` or `echo` of a fake test
//! summary whose prefilter literal is `test`, found in most test commands), of any length,
//! looked for in the step's lower-cased text first (a short text's bytes are tabled once: a
//! one-byte literal is a look-up, a longer one searched for only if the text has its bytes).
//! And a regex whose matches
//! are a few strings (`(?i)(write|edit)`; `^(?:assistant)$`, the role condition of every rule
//! with `roles`) is not run at all: the text's bytes are compared with those strings,
//! and one that matches whole texts is compared with every text, without a prefilter (a text
//! whose length or first byte none of the strings has is ruled out at once). Either gives the
//! regex's answer; a regex run on a short text costs more than its bytes (a search's setup, a
//! cache taken from the regex's pool).
//!
//! Regexes match bytes with Unicode mode off: `\w`, `\b`, `\s` and case-insensitivity are
//! ASCII (as in Python `re` on bytes, the reference the benchmarks compare against), which keeps
//! the lazy DFAs small; a non-ASCII literal in a pattern still matches its UTF-8 bytes.

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::dfa::DFA;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, Anchored, Input, MatchKind};
use memchr::memmem::Finder;
use rayon::prelude::*;
use regex::bytes::{Regex, RegexBuilder, RegexSet, RegexSetBuilder};
use regex_syntax::hir::literal::{ExtractKind, Extractor};
use regex_syntax::hir::{Capture, Class, Hir, HirKind, Look, Repetition};
use regex_syntax::ParserBuilder;

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
    /// The field's distinct regexes (text and case): the pattern run, and every pattern of the
    /// same regex (several rules may share one, e.g. a role or a test path).
    regexes: Vec<(usize, Vec<usize>)>,
    /// The distinct literals (lower-cased) some regexes' matches must hold, in one
    /// leftmost-longest automaton run over the lower-cased text (it skips to the next candidate
    /// position with a SIMD prefilter where it has one), with, per literal, the regexes (indices
    /// into `regexes`) of every literal that occurs where it does: itself and the literals that
    /// are its prefixes.
    prefilter: Option<Prefilter>,
    /// The regexes without such literals that are anchored at the text's start, with the
    /// literals a text they match starts with ([`start_literals`]; indices into `regexes`).
    anchored: Vec<(usize, Vec<Vec<u8>>)>,
    /// The other regexes without such literals, run as one set over every text (indices into
    /// `regexes`).
    regex_set: Option<(RegexSet, Vec<usize>)>,
    /// Per regex of `regexes` that the prefilter names, its other literal sets ([`factor_sets`]):
    /// a text the prefilter names it for is run only if it holds a literal of each (the `ok` and
    /// the `print` or `echo` of `\b(print|echo)\b[^\n]*\bOK\s*\(\s*tests?\s*=`, whose
    /// prefilter literal `test` is in most test commands).
    factors: Vec<Vec<Factor>>,
    /// Per regex of `regexes`, the strings it matches where they are few ([`Exact`]): decided
    /// by comparing bytes instead of running the regex.
    exact: Vec<Option<Exact>>,
    /// The regexes that match whole texts of a few strings (`^(?:assistant)$`, the role
    /// condition of a rule with `roles`): compared with every text, without a prefilter.
    whole: Vec<usize>,
    /// Every pattern is a regex the prefilter names (no literals, no regex run on every text).
    prefiltered_only: bool,
}

/// The literals of a field's prefiltered regexes in one leftmost-longest automaton, searched
/// with its SIMD prefilter (Teddy) from one byte after each match.
#[derive(Debug, Clone)]
struct Prefilter {
    leftmost: AhoCorasick,
    /// Per literal, the regexes (indices into `regexes`) of every literal that occurs where it
    /// does: itself and the literals that are its prefixes.
    implied: Vec<Vec<usize>>,
    /// The same literals in a DFA that the primary prefilter walks over a chunk in [`LANES`]
    /// lanes: always where they are more than the SIMD search takes ([`PACKED_LIMIT`]), and
    /// after a chunk where they were frequent (at least one in [`DENSE_BYTES`]), for which the
    /// SIMD search stops and starts again too often to be faster.
    lanes: Lanes,
    /// At most [`PACKED_LIMIT`] literals: `leftmost` searches with SIMD.
    packed: bool,
}

/// The most literals the automaton's SIMD (Teddy) search takes: with more, it walks its DFA
/// over every byte, one byte after another.
const PACKED_LIMIT: usize = 64;

/// Parts of a text walked at once by [`Lanes`].
const LANES: usize = 4;

/// A chunk with a literal in fewer bytes than this (on average) is dense: the next chunk of the
/// field is walked by [`Lanes`]. The SIMD search costs a few hundredths of a nanosecond a byte
/// and about a hundred a literal found (it starts again after each); the lanes, about one and
/// a half a byte.
const DENSE_BYTES: usize = 64;

/// A field's prefilter literals in a DFA (every occurrence, overlapping ones too) walked over
/// [`LANES`] parts of a text at once: a DFA walk waits for each transition's load before the
/// next, so walking one text costs that wait per byte, while four independent walks share it
/// (about 1.7 times as fast on the commands and edit arguments of agent steps, whose dozens of
/// literals leave the automaton without its SIMD search). Each part's walk starts at its first
/// byte and goes on past its end by the longest literal's length, less one, keeping the
/// occurrences that start in the part: every occurrence once.
#[derive(Debug, Clone)]
struct Lanes {
    dfa: DFA,
    /// Per literal, its length and its regexes (indices into `regexes`).
    lens: Vec<usize>,
    owners: Vec<Vec<usize>>,
    longest: usize,
}

impl Lanes {
    fn new(literals: &[Vec<u8>], owners: &[Vec<usize>]) -> CoreResult<Self> {
        let dfa = DFA::builder()
            .match_kind(MatchKind::Standard)
            .prefilter(false)
            .build(literals)
            .map_err(|e| invalid("regex prefilter".into(), "", e.to_string()))?;
        Ok(Self {
            dfa,
            lens: literals.iter().map(Vec::len).collect(),
            owners: owners.to_vec(),
            longest: literals.iter().map(Vec::len).max().unwrap_or(1),
        })
    }

    /// Calls `found(start, end, literal)` for every occurrence of a literal in `text`, in the
    /// order of the parts, and in each part in the order of their ends. `ends` holds the DFA's
    /// match states met in each part, with where (scratch space).
    fn occurrences(
        &self,
        text: &[u8],
        ends: &mut [Vec<(usize, StateID)>; LANES],
        mut found: impl FnMut(usize, usize, usize),
    ) {
        let dfa = &self.dfa;
        let Ok(start) = dfa.start_state(Anchored::No) else {
            return;
        };
        let bounds: [usize; LANES + 1] = std::array::from_fn(|k| text.len() * k / LANES);
        let stops: [usize; LANES] =
            std::array::from_fn(|k| (bounds[k + 1] + self.longest - 1).min(text.len()));
        // the bytes every part has, walked in lockstep; then each part's rest alone
        let run = (0..LANES).map(|k| stops[k] - bounds[k]).min().unwrap_or(0);
        let part = |k: usize| &text[bounds[k]..bounds[k] + run];
        let (t0, t1, t2, t3) = (part(0), part(1), part(2), part(3));
        for e in ends.iter_mut() {
            e.clear();
        }
        let (mut s0, mut s1, mut s2, mut s3) = (start, start, start, start);
        let next = |s: StateID, b: u8| dfa.next_state(Anchored::No, s, b);
        for i in 0..run {
            s0 = next(s0, t0[i]);
            s1 = next(s1, t1[i]);
            s2 = next(s2, t2[i]);
            s3 = next(s3, t3[i]);
            // a special state is a match or the dead state (which an unanchored walk never
            // reaches): one test for the four in the common case
            if dfa.is_special(s0) | dfa.is_special(s1) | dfa.is_special(s2) | dfa.is_special(s3) {
                for (k, s) in [s0, s1, s2, s3].into_iter().enumerate() {
                    if dfa.is_match(s) {
                        ends[k].push((bounds[k] + i, s));
                    }
                }
            }
        }
        for (k, mut s) in [s0, s1, s2, s3].into_iter().enumerate() {
            for (at, &b) in text.iter().enumerate().take(stops[k]).skip(bounds[k] + run) {
                s = next(s, b);
                if dfa.is_match(s) {
                    ends[k].push((at, s));
                }
            }
        }
        for (k, part_ends) in ends.iter().enumerate() {
            for &(at, s) in part_ends {
                for i in 0..dfa.match_len(s) {
                    let literal = dfa.match_pattern(s, i).as_usize();
                    let begin = at + 1 - self.lens[literal];
                    if begin < bounds[k + 1] {
                        found(begin, at + 1, literal);
                    }
                }
            }
        }
    }
}

/// One byte of an [`Exact`] string: the byte, or (`true`) either case of a lower-case letter.
type Unit = (u8, bool);

/// At most this many strings make an [`Exact`] regex.
const MAX_EXACT: usize = 64;
/// An unanchored [`Exact`] regex is decided by comparison on texts of at most this many bytes
/// times its number of strings; on longer ones the regex runs.
const EXACT_WORK: usize = 2048;

/// A regex without look-arounds (but a `^`/`\A` at its start with a `$`/`\z` at its end) whose
/// matches are one of a few strings: `^(?:assistant)$` (the whole text is `assistant`),
/// `(?i)(write|edit)` (the text holds `write` or `edit` in any case).
#[derive(Debug, Clone)]
struct Exact {
    /// Anchored at both ends: the whole text is one of the strings.
    whole: bool,
    strings: Vec<Vec<Unit>>,
    /// The lengths of the strings (bit `n`: length `n`, the last bit standing for 63 and more)
    /// and the bytes they start with (bit `b` of word `b / 64`; both cases of a folded letter):
    /// a whole text of another length or first byte is none of them.
    lengths: u64,
    firsts: [u64; 4],
}

impl Exact {
    fn of(p: &PatternSpec) -> Option<Self> {
        let hir = parse_bytes(p)?;
        let mut top = &hir;
        while let HirKind::Capture(c) = top.kind() {
            top = &c.sub;
        }
        let (whole, body) = match top.kind() {
            HirKind::Concat(terms)
                if terms.len() >= 2
                    && matches!(terms[0].kind(), HirKind::Look(Look::Start))
                    && matches!(terms[terms.len() - 1].kind(), HirKind::Look(Look::End)) =>
            {
                (true, Hir::concat(terms[1..terms.len() - 1].to_vec()))
            }
            _ => (false, top.clone()),
        };
        if !body.properties().look_set().is_empty() {
            return None;
        }
        let strings = expand(&body)?;
        // an empty string would make an unanchored regex match every text
        let mut lengths = 0u64;
        let mut firsts = [0u64; 4];
        for u in &strings {
            lengths |= 1 << u.len().min(63);
            if let Some(&(b, fold)) = u.first() {
                for c in [b, if fold { b.to_ascii_uppercase() } else { b }] {
                    firsts[usize::from(c / 64)] |= 1 << (c % 64);
                }
            }
        }
        (whole || strings.iter().all(|u| !u.is_empty())).then_some(Self {
            whole,
            strings,
            lengths,
            firsts,
        })
    }

    /// Whether the regex matches `text`; `None` when comparing would cost more than the regex.
    fn decide(&self, text: &[u8]) -> Option<bool> {
        let same = |u: &[Unit], t: &[u8]| {
            u.len() == t.len()
                && u.iter().zip(t).all(|(&(b, fold), &c)| {
                    if fold {
                        c.to_ascii_lowercase() == b
                    } else {
                        c == b
                    }
                })
        };
        if self.whole {
            let first = text
                .first()
                .is_none_or(|&c| self.firsts[usize::from(c / 64)] & (1 << (c % 64)) != 0);
            let length = self.lengths & (1 << text.len().min(63)) != 0;
            return Some(first && length && self.strings.iter().any(|u| same(u, text)));
        }
        if text.len().saturating_mul(self.strings.len()) > EXACT_WORK {
            return None;
        }
        Some(
            self.strings
                .iter()
                .any(|u| text.windows(u.len()).any(|w| same(u, w))),
        )
    }
}

/// The strings `h` matches, when they are at most [`MAX_EXACT`] and `h` holds literals, classes
/// of at most 4 bytes (a class of one letter in both cases is one [`Unit`]), concatenations,
/// alternations, groups, `?` and counted repetitions of at most 4 only.
fn expand(h: &Hir) -> Option<Vec<Vec<Unit>>> {
    let out: Vec<Vec<Unit>> = match h.kind() {
        HirKind::Empty => vec![Vec::new()],
        HirKind::Literal(l) => vec![l.0.iter().map(|&b| (b, false)).collect()],
        HirKind::Class(c) => {
            let ranges: Vec<(u32, u32)> = match c {
                Class::Bytes(b) => b
                    .ranges()
                    .iter()
                    .map(|r| (u32::from(r.start()), u32::from(r.end())))
                    .collect(),
                Class::Unicode(u) => u
                    .ranges()
                    .iter()
                    .map(|r| (u32::from(r.start()), u32::from(r.end())))
                    .collect(),
            };
            if ranges.iter().map(|&(a, b)| b - a + 1).sum::<u32>() > 4 {
                return None;
            }
            let bytes: Vec<u8> = ranges
                .iter()
                .flat_map(|&(a, b)| a..=b)
                .map(u8::try_from)
                .collect::<Result<_, _>>()
                .ok()?;
            match bytes[..] {
                [a, b] if a.is_ascii_alphabetic() && a != b && a.eq_ignore_ascii_case(&b) => {
                    vec![vec![(a.to_ascii_lowercase(), true)]]
                }
                _ => bytes.iter().map(|&b| vec![(b, false)]).collect(),
            }
        }
        HirKind::Capture(c) => expand(&c.sub)?,
        HirKind::Alternation(subs) => {
            let mut all = Vec::new();
            for sub in subs {
                all.extend(expand(sub)?);
            }
            all
        }
        HirKind::Concat(subs) => {
            let mut all = vec![Vec::new()];
            for sub in subs {
                let tails = expand(sub)?;
                if all.len().saturating_mul(tails.len()) > MAX_EXACT {
                    return None;
                }
                all = all
                    .iter()
                    .flat_map(|head| {
                        tails.iter().map(move |t| {
                            let mut s = head.clone();
                            s.extend_from_slice(t);
                            s
                        })
                    })
                    .collect();
            }
            all
        }
        HirKind::Repetition(r) if r.min == 0 && r.max == Some(1) => {
            let mut all = vec![Vec::new()];
            all.extend(expand(&r.sub)?);
            all
        }
        HirKind::Repetition(r) if r.max == Some(r.min) && r.min <= 4 => {
            let one = Hir::concat(vec![(*r.sub).clone(); r.min as usize]);
            expand(&one)?
        }
        _ => return None,
    };
    (out.len() <= MAX_EXACT).then_some(out)
}

/// At most this many literals stand for one regex (more: the regex goes to the set).
const MAX_LITERALS: usize = 16;
/// Literals shorter than this select too many texts to be worth it.
const MIN_LITERAL_LEN: usize = 3;

/// `h` with every class of one ASCII letter in both cases (what case-insensitivity makes of a
/// letter) replaced by the lower-case letter: a text the regex matches matches this one once
/// those letters are lower-cased, so the literals of this one, compared case-insensitively, are
/// literals of the regex (and `(?i)print|echo` gives two of them, not 48).
fn fold_case(h: &Hir) -> Hir {
    match h.kind() {
        HirKind::Class(c) => {
            let letters: Option<Vec<u8>> = match c {
                Class::Bytes(b) => b
                    .ranges()
                    .iter()
                    .map(|r| (r.start() == r.end()).then_some(r.start()))
                    .collect(),
                Class::Unicode(u) => u
                    .ranges()
                    .iter()
                    .map(|r| {
                        (r.start() == r.end())
                            .then(|| u8::try_from(u32::from(r.start())).ok())
                            .flatten()
                    })
                    .collect(),
            };
            match letters.as_deref() {
                Some(&[a, b])
                    if a.is_ascii_alphabetic() && a.eq_ignore_ascii_case(&b) && a != b =>
                {
                    Hir::literal(vec![a.to_ascii_lowercase()])
                }
                _ => h.clone(),
            }
        }
        HirKind::Repetition(r) => Hir::repetition(Repetition {
            sub: Box::new(fold_case(&r.sub)),
            ..r.clone()
        }),
        HirKind::Capture(c) => Hir::capture(Capture {
            sub: Box::new(fold_case(&c.sub)),
            ..c.clone()
        }),
        HirKind::Concat(subs) => Hir::concat(subs.iter().map(fold_case).collect()),
        HirKind::Alternation(subs) => Hir::alternation(subs.iter().map(fold_case).collect()),
        _ => h.clone(),
    }
}

/// `p` parsed as the byte-level engine reads it (its case flag, no Unicode classes, not
/// necessarily UTF-8); `None` when it does not parse.
fn parse_bytes(p: &PatternSpec) -> Option<Hir> {
    ParserBuilder::new()
        .case_insensitive(p.case_insensitive)
        .unicode(false)
        .utf8(false)
        .build()
        .parse(&p.text)
        .ok()
}

/// The parts of a regex whose literals every match holds: the whole regex read from its start
/// and from its end, and each term of its top-level concatenation that cannot match empty (such
/// as the `__eq__` of `def\s+__eq__\s*\(`), each with the way to read it. `None` when the
/// regex does not parse.
fn literal_parts(p: &PatternSpec) -> Option<Vec<(Hir, ExtractKind)>> {
    let hir = fold_case(&parse_bytes(p)?);
    let mut top = &hir;
    while let HirKind::Capture(c) = top.kind() {
        top = &c.sub;
    }
    let mut parts = vec![
        (hir.clone(), ExtractKind::Prefix),
        (hir.clone(), ExtractKind::Suffix),
    ];
    if let HirKind::Concat(terms) = top.kind() {
        parts.extend(terms.iter().map(|t| (t.clone(), ExtractKind::Prefix)));
    }
    Some(parts)
}

/// Lower-cased literals of a regex, compared ASCII-case-insensitively: every match of the regex
/// holds one of them. They are those of one of its [`literal_parts`], whichever are the longest
/// once cut to at most `MAX_LITERALS` (cutting keeps the property). `None` when none are long
/// enough. An empty list means the regex cannot match at all.
fn required_literals(p: &PatternSpec) -> Option<Vec<Vec<u8>>> {
    let parts = literal_parts(p)?;
    // the longest shortest literal, then the fewest literals, then the most bytes other than
    // letters (rarer in text: `__eq__` rather than `return`), then the first
    parts
        .into_iter()
        .filter_map(|(h, kind)| literal_set(&h, kind))
        .rev()
        .max_by_key(|set| {
            let shortest = set.iter().min_by_key(|l| l.len());
            let len = shortest.map_or(usize::MAX, Vec::len);
            let marks =
                shortest.map_or(0, |l| l.iter().filter(|b| !b.is_ascii_alphabetic()).count());
            (len, std::cmp::Reverse(set.len()), marks)
        })
}

/// At most this many further literal sets are checked for one regex.
const MAX_FACTORS: usize = 4;

/// The literal sets of a regex's [`literal_parts`] other than `chosen` (its prefilter's), each
/// of literals of any length (a `>` or an `ok`, too short for the prefilter, is cheap to look for
/// in one short text): every match of the regex holds a literal of each, so a text that lacks
/// one of them cannot match. The longest shortest literal first (the rarer, likelier to rule a
/// text out); at most [`MAX_FACTORS`].
fn factor_sets(p: &PatternSpec, chosen: &[Vec<u8>]) -> Vec<Vec<Vec<u8>>> {
    let Some(parts) = literal_parts(p) else {
        return Vec::new();
    };
    let mut sets: Vec<Vec<Vec<u8>>> = Vec::new();
    for (h, kind) in parts {
        let Some(set) = literal_set_min(&h, kind, 1) else {
            continue;
        };
        // a whitespace-only literal was kept untrimmed: spaces are everywhere
        let blank = set.iter().any(|l| l.iter().all(u8::is_ascii_whitespace));
        // a set that each chosen literal holds one of says nothing more
        let implied = chosen.iter().all(|c| {
            set.iter()
                .any(|l| c.windows(l.len()).any(|w| w == l.as_slice()))
        });
        if !blank && !implied && !sets.contains(&set) {
            sets.push(set);
        }
    }
    sets.sort_by_key(|set| std::cmp::Reverse(set.iter().map(Vec::len).min().unwrap_or(0)));
    sets.truncate(MAX_FACTORS);
    sets
}

/// One of a regex's [`factor_sets`]: its literals of one byte, and the others.
#[derive(Debug, Clone)]
struct Factor {
    bytes: Vec<u8>,
    longer: Vec<Finder<'static>>,
}

impl Factor {
    /// The sets, those of single bytes first (a look-up each where the text's bytes are known).
    fn of_sets(sets: Vec<Vec<Vec<u8>>>) -> Vec<Self> {
        let mut out: Vec<Self> = sets
            .into_iter()
            .map(|set| {
                let (bytes, longer): (Vec<Vec<u8>>, Vec<Vec<u8>>) =
                    set.into_iter().partition(|l| l.len() == 1);
                Self {
                    bytes: bytes.into_iter().map(|l| l[0]).collect(),
                    longer: longer.iter().map(|l| Finder::new(l).into_owned()).collect(),
                }
            })
            .collect();
        out.sort_by_key(|f| !f.longer.is_empty());
        out
    }
}

/// The texts up to this long have their bytes tabled before their factors are looked for: a
/// factor of one byte is then a look-up, and a longer one is searched for only if the text has
/// each of its bytes. (Tabling a long text costs more than the searches.)
const TABLED_TEXT: usize = 256;

/// Which bytes a text holds.
type ByteTable = [bool; 256];

fn table_bytes(text: &[u8], table: &mut ByteTable) {
    table.fill(false);
    for &b in text {
        table[usize::from(b)] = true;
    }
}

/// Whether `text` (lower-cased) holds a literal of every one of `factors`; `table`, the bytes
/// of `text` where they were tabled.
fn holds_factors(factors: &[Factor], text: &[u8], table: Option<&ByteTable>) -> bool {
    let has = |b: u8| match table {
        Some(t) => t[usize::from(b)],
        None => memchr::memchr(b, text).is_some(),
    };
    factors.iter().all(|set| {
        set.bytes.iter().any(|&b| has(b))
            || set.longer.iter().any(|f| {
                table.is_none_or(|t| f.needle().iter().all(|&b| t[usize::from(b)]))
                    && f.find(text).is_some()
            })
    })
}

/// For a regex anchored at the start of the text (`^` without `(?m)`, `\A`), the lower-cased
/// literals one of which every match, and so the text, starts with, of any length (the `rm` of
/// `^(delete|remove|rm)$`, too short for the prefilter): the regex is run only on texts that
/// start with one of them, which costs a comparison of a few bytes.
fn start_literals(p: &PatternSpec) -> Option<Vec<Vec<u8>>> {
    let (hir, _) = literal_parts(p)?.into_iter().next()?;
    if !hir.properties().look_set_prefix().contains(Look::Start) {
        return None;
    }
    let seq = Extractor::new()
        .kind(ExtractKind::Prefix)
        .limit_total(16 * MAX_LITERALS)
        .extract(&hir);
    let lits: Vec<Vec<u8>> = seq
        .literals()?
        .iter()
        .map(|l| l.as_bytes().to_ascii_lowercase())
        .collect();
    (!lits.is_empty() && lits.iter().all(|l| !l.is_empty())).then_some(lits)
}

/// Literals one of which every match of `hir` holds: those it starts (`Prefix`) or ends
/// (`Suffix`) with, lower-cased, cut to the longest length that leaves at most `MAX_LITERALS`,
/// without the spaces around them and without those that hold another; none shorter than
/// `MIN_LITERAL_LEN`.
fn literal_set(hir: &Hir, kind: ExtractKind) -> Option<Vec<Vec<u8>>> {
    literal_set_min(hir, kind, MIN_LITERAL_LEN)
}

/// [`literal_set`] with literals of at least `min` bytes (at least 1).
fn literal_set_min(hir: &Hir, kind: ExtractKind, min: usize) -> Option<Vec<Vec<u8>>> {
    let min = min.max(1);
    let suffix = matches!(kind, ExtractKind::Suffix);
    let seq = Extractor::new()
        .kind(kind)
        .limit_total(16 * MAX_LITERALS)
        .extract(hir);
    let lower: Vec<Vec<u8>> = seq
        .literals()?
        .iter()
        .map(|l| l.as_bytes().to_ascii_lowercase())
        .collect();
    let longest = lower.iter().map(Vec::len).max().unwrap_or(0);
    for keep in (min..=longest.max(min)).rev() {
        let mut out: Vec<Vec<u8>> = lower
            .iter()
            .map(|l| {
                if suffix {
                    l[l.len().saturating_sub(keep)..].to_vec()
                } else {
                    l[..l.len().min(keep)].to_vec()
                }
            })
            .collect();
        // a text holds a match only if it holds one of these: it then holds every part of it
        // too, so the spaces around a literal go (a space starts too many places for the
        // automaton's SIMD skip), and a literal that holds another is redundant
        let trimmed: Vec<Vec<u8>> = out
            .iter()
            .map(|l| {
                let start = l
                    .iter()
                    .position(|b| !b.is_ascii_whitespace())
                    .unwrap_or(l.len());
                let end = l
                    .iter()
                    .rposition(|b| !b.is_ascii_whitespace())
                    .map_or(start, |e| e + 1);
                l[start..end.max(start)].to_vec()
            })
            .collect();
        if trimmed.iter().all(|l| l.len() >= min) {
            out = trimmed;
        }
        if out.iter().any(|l| l.len() < min) {
            return None;
        }
        out.sort_unstable_by(|a, b| a.len().cmp(&b.len()).then_with(|| a.cmp(b)));
        out.dedup();
        let mut kept: Vec<Vec<u8>> = Vec::new();
        for l in out {
            if !kept
                .iter()
                .any(|k| l.windows(k.len()).any(|w| w == k.as_slice()))
            {
                kept.push(l);
            }
        }
        if kept.len() <= MAX_LITERALS {
            return Some(kept);
        }
    }
    None
}

/// A compiled rule pack.
#[derive(Debug, Clone)]
pub struct RuleEngine {
    rule_ids: Vec<String>,
    field_names: Vec<String>,
    patterns: Vec<PatternSpec>,
    rules: Vec<CompiledRule>,
    /// Per field, the matchers of the primary patterns.
    matchers: Vec<FieldMatcher>,
    /// Per field, the matchers of the require and exclude patterns: run only on the steps where
    /// a primary pattern matched.
    conditions: Vec<FieldMatcher>,
    /// The fields with primary patterns, and those with other patterns (a step's other fields
    /// are not looked at).
    primary_fields: Vec<usize>,
    condition_fields: Vec<usize>,
    /// Per field, the rules with require or exclude patterns on it: a step's field is read for
    /// them only where one of them has a primary match.
    condition_rules: Vec<Vec<usize>>,
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
        let mut conditions = Vec::with_capacity(field_names.len());
        for f in 0..field_names.len() {
            matchers.push(Self::field_matcher(f, &patterns, true)?);
            conditions.push(Self::field_matcher(f, &patterns, false)?);
        }
        let with_patterns = |ms: &[FieldMatcher]| -> Vec<usize> {
            (0..ms.len())
                .filter(|&f| !ms[f].automata.is_empty() || !ms[f].regexes.is_empty())
                .collect()
        };
        let mut condition_rules = vec![Vec::new(); field_names.len()];
        for p in patterns.iter().filter(|p| p.role != PatternRole::Primary) {
            condition_rules[p.field].push(p.rule);
        }
        for rules in &mut condition_rules {
            rules.sort_unstable();
            rules.dedup();
        }
        Ok(Self {
            rule_ids,
            field_names,
            patterns,
            rules,
            condition_rules,
            primary_fields: with_patterns(&matchers),
            condition_fields: with_patterns(&conditions),
            matchers,
            conditions,
            regexes,
        })
    }

    /// The matcher of a field's primary patterns (`primary`) or of its other patterns.
    fn field_matcher(
        field: usize,
        patterns: &[PatternSpec],
        primary: bool,
    ) -> CoreResult<FieldMatcher> {
        let mut m = FieldMatcher::default();
        let mine =
            |p: &PatternSpec| p.field == field && (p.role == PatternRole::Primary) == primary;
        for ci in [false, true] {
            let ids: Vec<usize> = patterns
                .iter()
                .enumerate()
                .filter(|(_, p)| {
                    mine(p) && p.kind == PatternKind::Literal && p.case_insensitive == ci
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
        for (i, p) in patterns.iter().enumerate() {
            if !mine(p) || p.kind != PatternKind::Regex {
                continue;
            }
            let same = m.regexes.iter_mut().find(|(r, _)| {
                let q = &patterns[*r];
                q.text == p.text && q.case_insensitive == p.case_insensitive
            });
            match same {
                Some((_, members)) => members.push(i),
                None => m.regexes.push((i, vec![i])),
            }
        }
        let mut literals: Vec<Vec<u8>> = Vec::new();
        let mut owners: Vec<Vec<usize>> = Vec::new();
        let mut always: Vec<usize> = Vec::new();
        m.factors = vec![Vec::new(); m.regexes.len()];
        m.exact = m
            .regexes
            .iter()
            .map(|(r, _)| Exact::of(&patterns[*r]))
            .collect();
        for (g, (r, _)) in m.regexes.iter().enumerate() {
            if m.exact[g].as_ref().is_some_and(|e| e.whole) {
                m.whole.push(g);
                continue;
            }
            match required_literals(&patterns[*r]) {
                Some(lits) => {
                    m.factors[g] = Factor::of_sets(factor_sets(&patterns[*r], &lits));
                    // a literal several regexes hold is searched for once
                    for l in lits {
                        if let Some(i) = literals.iter().position(|k| *k == l) {
                            owners[i].push(g);
                        } else {
                            literals.push(l);
                            owners.push(vec![g]);
                        }
                    }
                }
                None => match start_literals(&patterns[*r]) {
                    Some(starts) => m.anchored.push((g, starts)),
                    None => always.push(g),
                },
            }
        }
        if !literals.is_empty() {
            // case-sensitive over the lower-cased text: an ASCII-case-insensitive automaton would
            // go without its SIMD (Teddy) prefilter and walk every byte
            let leftmost = AhoCorasickBuilder::new()
                .match_kind(MatchKind::LeftmostLongest)
                .build(&literals)
                .map_err(|e| invalid("regex prefilter".into(), "", e.to_string()))?;
            // a literal found at a position hides the shorter ones found there: its prefixes
            let implied = literals
                .iter()
                .map(|l| {
                    let mut groups: Vec<usize> = literals
                        .iter()
                        .zip(&owners)
                        .filter(|(k, _)| l.starts_with(k))
                        .flat_map(|(_, gs)| gs.iter().copied())
                        .collect();
                    groups.sort_unstable();
                    groups.dedup();
                    groups
                })
                .collect();
            m.prefilter = Some(Prefilter {
                leftmost,
                implied,
                lanes: Lanes::new(&literals, &owners)?,
                packed: literals.len() <= PACKED_LIMIT,
            });
        }
        if !always.is_empty() {
            let set = RegexSetBuilder::new(always.iter().map(|&g| {
                let p = &patterns[m.regexes[g].0];
                if p.case_insensitive {
                    format!("(?i:{})", p.text)
                } else {
                    p.text.clone()
                }
            }))
            .unicode(false)
            .build()
            .map_err(|e| invalid("regex set".into(), "", e.to_string()))?;
            m.regex_set = Some((set, always));
        }
        m.prefiltered_only = m.prefilter.is_some()
            && m.automata.is_empty()
            && m.whole.is_empty()
            && m.anchored.is_empty()
            && m.regex_set.is_none();
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
                || Scratch::new(self.patterns.len(), self.matchers.len(), self.rules.len()),
                |scratch, c| {
                    let mut hits = Vec::new();
                    let (lo, hi) = (c * CHUNK, ((c + 1) * CHUNK).min(steps));
                    self.find_candidates(fields, lo, hi, scratch);
                    for step in lo..hi {
                        self.scan_step(fields, step, scratch, &mut hits);
                    }
                    hits
                },
            )
            .collect();
        Ok(chunks.into_iter().flatten().collect())
    }

    /// The primary regexes worth running on each step of `lo..hi`: every field's prefilter
    /// automata read the lower-cased texts of those steps in one pass each (one search over the
    /// chunk's text, not one per step: most texts are a few dozen bytes, shorter than the
    /// automata's SIMD search takes), and each literal found names its regexes for the step it
    /// starts in. A literal that runs on into the next step names regexes of the step it starts
    /// in that may not match there: the regex, run on that step's text alone, decides.
    fn find_candidates(&self, fields: &[FieldTexts<'_>], lo: usize, hi: usize, sc: &mut Scratch) {
        for (f, (texts, m)) in fields.iter().zip(&self.matchers).enumerate() {
            let Some(pre) = &m.prefilter else {
                continue;
            };
            let (start, end) = (texts.offsets[lo], texts.offsets[hi]);
            sc.lower.clear();
            sc.lower
                .extend(texts.buf[start..end].iter().map(u8::to_ascii_lowercase));
            let found = &mut sc.candidates[f];
            found.clear();
            sc.cursor[f] = 0;
            let seen = &mut sc.seen;
            let lower = &sc.lower;
            let offsets = texts.offsets;
            // each regex is judged once per step: `seen` holds the step it was last judged
            // for, plus one (steps are unique, whatever order chunks come in)
            let mut occurrences = 0;
            // the bytes of a short text, tabled the first time one of its regexes has factors
            let (table, mut tabled) = (&mut sc.table, None);
            let mut judge = |step: usize, groups: &[usize]| {
                occurrences += 1;
                let text = &lower[offsets[step] - start..offsets[step + 1] - start];
                for &g in groups {
                    let r = m.regexes[g].0;
                    if seen[r] != step + 1 {
                        seen[r] = step + 1;
                        let factors = &m.factors[g];
                        let short = !factors.is_empty() && text.len() <= TABLED_TEXT;
                        if short && tabled != Some(step) {
                            table_bytes(text, table);
                            tabled = Some(step);
                        }
                        if holds_factors(factors, text, short.then_some(&*table)) {
                            found.push((step, g));
                        }
                    }
                }
            };
            let mut step = lo;
            // the step a literal found at `hit` (in the whole field's text) starts in
            let mut locate = |hit: usize| {
                while offsets[step] > hit {
                    step -= 1;
                }
                while offsets[step + 1] <= hit {
                    step += 1;
                }
                step
            };
            // either way, each step's regexes are those of every literal in its text
            if !pre.packed || sc.dense[f] {
                // every occurrence of every literal: in a part, by their ends, so an occurrence
                // may start before the last one, in the same step (or it would cross into it)
                let lanes = &pre.lanes;
                lanes.occurrences(lower, &mut sc.ends, |begin, end, literal| {
                    let step = locate(start + begin);
                    if start + end <= offsets[step + 1] {
                        judge(step, &lanes.owners[literal]);
                    }
                });
            } else {
                let mut at = 0;
                while let Some(m) = pre.leftmost.find(Input::new(lower).range(at..)) {
                    let (hit, end) = (start + m.start(), start + m.end());
                    at = m.start() + 1;
                    let step = locate(hit);
                    if end <= offsets[step + 1] {
                        judge(step, &pre.implied[m.pattern().as_usize()]);
                    }
                }
            }
            sc.dense[f] = occurrences * DENSE_BYTES >= lower.len().max(1);
        }
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

    /// Marks the patterns of `matchers` that match the step; true if one did. The primary
    /// matchers' prefiltered regexes are those [`Self::find_candidates`] named for the step;
    /// the others' prefilters read the step's text here (they run on few steps).
    fn run_matchers(
        matchers: &[FieldMatcher],
        active: &[usize],
        primary: bool,
        regexes: &[Option<Regex>],
        fields: &[FieldTexts<'_>],
        step: usize,
        sc: &mut Scratch,
    ) -> bool {
        let mut any = false;
        for &f in active {
            let (texts, m) = (&fields[f], &matchers[f]);
            if primary && m.prefiltered_only {
                // nothing runs but the regexes the prefilter named for the step
                match sc.candidates[f].get(sc.cursor[f]) {
                    Some(&(s, _)) if s == step => {}
                    _ => continue,
                }
            }
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
            let mut run = |sc: &mut Scratch, g: usize| {
                let (r, members) = &m.regexes[g];
                let matches = || match m.exact[g].as_ref().and_then(|e| e.decide(seg)) {
                    Some(decided) => decided,
                    None => regexes[*r].as_ref().is_some_and(|re| re.is_match(seg)),
                };
                if sc.try_once(*r) && matches() {
                    for &id in members {
                        any |= sc.mark(id, f, usize::MAX, usize::MAX);
                    }
                }
            };
            if primary {
                // the candidates of earlier steps were all taken: those of this one come next
                while let Some(&(s, g)) = sc.candidates[f].get(sc.cursor[f]) {
                    if s != step {
                        break;
                    }
                    sc.cursor[f] += 1;
                    run(sc, g);
                }
            } else if let Some(pre) = &m.prefilter {
                // every position where a literal starts (the next search starts one byte after
                // the last match), with the longest literal there and its prefixes
                let mut lower = std::mem::take(&mut sc.lower);
                lower.clear();
                lower.extend_from_slice(seg);
                lower.make_ascii_lowercase();
                let mut at = 0;
                while let Some(hit) = pre.leftmost.find(Input::new(&lower).range(at..)) {
                    at = hit.start() + 1;
                    for &g in &pre.implied[hit.pattern().as_usize()] {
                        if holds_factors(&m.factors[g], &lower, None) {
                            run(sc, g);
                        }
                    }
                }
                sc.lower = lower;
            }
            for &g in &m.whole {
                run(sc, g);
            }
            for (g, starts) in &m.anchored {
                let head =
                    |l: &Vec<u8>| seg.len() >= l.len() && seg[..l.len()].eq_ignore_ascii_case(l);
                if starts.iter().any(head) {
                    run(sc, *g);
                }
            }
            if let Some((set, groups)) = &m.regex_set {
                for i in &set.matches(seg) {
                    for &id in &m.regexes[groups[i]].1 {
                        any |= sc.mark(id, f, usize::MAX, usize::MAX);
                    }
                }
            }
        }
        any
    }

    fn scan_step(
        &self,
        fields: &[FieldTexts<'_>],
        step: usize,
        sc: &mut Scratch,
        hits: &mut Vec<Hit>,
    ) {
        sc.next_generation();
        // no rule can fire without a primary pattern: the conditions wait for one
        if !Self::run_matchers(
            &self.matchers,
            &self.primary_fields,
            true,
            &self.regexes,
            fields,
            step,
            sc,
        ) {
            return;
        }
        // the rules with a primary match, and the fields of their conditions
        sc.live.clear();
        for (r, rule) in self.rules.iter().enumerate() {
            if rule.primary.iter().any(|&i| sc.matched(i)) {
                sc.live.push(r);
                sc.live_at[r] = sc.generation;
            }
        }
        let mut active = std::mem::take(&mut sc.active);
        active.clear();
        active.extend(self.condition_fields.iter().copied().filter(|&f| {
            self.condition_rules[f]
                .iter()
                .any(|&r| sc.live_at[r] == sc.generation)
        }));
        Self::run_matchers(
            &self.conditions,
            &active,
            false,
            &self.regexes,
            fields,
            step,
            sc,
        );
        sc.active = active;
        for i in 0..sc.live.len() {
            let r = sc.live[i];
            let rule = &self.rules[r];
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
    /// Regexes already run on the current step (their prefilter found a literal).
    tried: Vec<u32>,
    /// The current text (or chunk of texts), lower-cased (where the prefilters look for their
    /// literals).
    lower: Vec<u8>,
    /// Where a [`Lanes`] walk met match states, per part.
    ends: [Vec<(usize, StateID)>; LANES],
    /// Per field, whether the last chunk's literals were frequent (see [`DENSE_BYTES`]).
    dense: Vec<bool>,
    /// The bytes of the step text whose factors are being looked for.
    table: ByteTable,
    /// The rules with a primary match on the current step, in order; per rule, the generation
    /// of the last step it had one on; the condition fields those rules read.
    live: Vec<usize>,
    live_at: Vec<u32>,
    active: Vec<usize>,
    /// Per field, the (step, regex) pairs its primary prefilter's literals named in the current
    /// chunk, in step order, and how many the steps so far have taken.
    candidates: Vec<Vec<(usize, usize)>>,
    cursor: Vec<usize>,
    /// Per pattern, the step (plus one) a primary prefilter last judged its regex for.
    seen: Vec<usize>,
    position: Vec<(usize, usize, usize)>,
    generation: u32,
}

impl Scratch {
    fn new(n: usize, fields: usize, rules: usize) -> Self {
        Self {
            stamps: vec![0; n],
            tried: vec![0; n],
            lower: Vec::new(),
            ends: std::array::from_fn(|_| Vec::new()),
            dense: vec![false; fields],
            table: [false; 256],
            live: Vec::new(),
            live_at: vec![0; rules],
            active: Vec::new(),
            candidates: vec![Vec::new(); fields],
            cursor: vec![0; fields],
            seen: vec![0; n],
            position: vec![(0, 0, 0); n],
            generation: 0,
        }
    }

    fn next_generation(&mut self) {
        if self.generation == u32::MAX {
            self.stamps.fill(0);
            self.tried.fill(0);
            self.live_at.fill(0);
            self.generation = 0;
        }
        self.generation += 1;
    }

    #[inline]
    fn matched(&self, id: usize) -> bool {
        self.stamps[id] == self.generation
    }

    /// True the first time a regex is to be run on the current step.
    #[inline]
    fn try_once(&mut self, id: usize) -> bool {
        if self.tried[id] == self.generation {
            return false;
        }
        self.tried[id] = self.generation;
        true
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
