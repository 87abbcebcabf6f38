//! Mode 2: the ROUGE-1.5.5 Perl script of DUC and TAC, number for number.
//!
//! [`score`] gives the per-evaluation scores that `ROUGE-1.5.5.pl -d` prints
//! for one peer against its models; [`crate::bootstrap_mean_ci`] gives the
//! "Average" it prints over many evaluations. What is reproduced:
//!
//! - input: one sentence per line (ROUGE's SPL format), ASCII-lowercased;
//!   bytes, not characters, as Perl reads the files;
//! - truncation `-l N` (first N whitespace-separated words) or `-b N` (first
//!   N bytes), applied to the peer **and to every model**, with the script's
//!   quirks (the sentence-level LCS reader ignores earlier sentences' lengths
//!   under `-b`);
//! - tokens: `-` is split off, everything outside `[a-z0-9-]` becomes a space,
//!   tokens must start with `[a-z0-9]`;
//! - `-s`: the SMART stopword list shipped with ROUGE (`data/`);
//! - `-m`: tokens longer than three bytes go through the WordNet 2.0
//!   exception list (`data/`), else the script's own Porter stemmer
//!   ([`porter_stem`]);
//! - ROUGE-N, ROUGE-S/SU (`-2 d`, `-u`), ROUGE-L (summary-level union LCS with
//!   unigram clipping) and ROUGE-W (`-w`), with `-f A` (hits and counts summed
//!   over models) or `-f B` (best model by recall) and the `-p alpha`
//!   F-measure;
//! - every R, P and F rounded to five decimals as the script's
//!   `sprintf("%7.5f")` does, F computed from the rounded R and P.
//!
//! ROUGE-1.5.5 itself does no jackknifing (its release notes: removed in
//! 1.4); NIST's DUC runs did it outside the script, with one evaluation per
//! left-out model. [`Rouge155Options::jackknife`] averages those
//! leave-one-model-out scores for you. `-t 1`/`-t 2` (corpus-level
//! averaging) and Basic Elements (`-3`) are not implemented.

mod porter;

pub use porter::stem as porter_stem;

/// What `-m` does to one lowercased token: tokens of more than three bytes
/// are looked up in the WordNet 2.0 exceptions (`went` -> `go`), else Porter
/// stemmed ([`porter_stem`]); shorter tokens are kept.
///
/// ```
/// use newsfuse_rouge::rouge155::stem_token;
/// assert_eq!(stem_token("children"), "child");
/// assert_eq!(stem_token("running"), "run");
/// assert_eq!(stem_token("was"), "was");
/// ```
pub fn stem_token(token: &str) -> String {
    if token.len() > 3 {
        porter::morph_stem(token)
    } else {
        token.to_owned()
    }
}

use std::sync::LazyLock;

use crate::Prf;
use crate::lcs::{IdMap, LcsTable, Presence};

/// How much of each summary ROUGE reads (`-l` / `-b`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Truncation {
    /// The whole text.
    #[default]
    None,
    /// `-l N`: the first N whitespace-separated words.
    Words(usize),
    /// `-b N`: the first N bytes (sentence separators not counted).
    Bytes(usize),
}

/// How scores over several models are combined (`-f`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Formula {
    /// `-f A`: hits and counts are summed over all models ("model average").
    #[default]
    ModelAverage,
    /// `-f B`: only the model with the highest recall counts.
    BestModel,
}

/// ROUGE-1.5.5 settings; the field docs name the matching flags.
#[allow(clippy::struct_excessive_bools, reason = "one field per ROUGE flag")]
#[derive(Debug, Clone, PartialEq)]
pub struct Rouge155Options {
    /// `-n N`: compute ROUGE-1 to ROUGE-N (0: none).
    pub max_n: usize,
    /// `-m`: WordNet exceptions + Porter stemming.
    pub stem: bool,
    /// `-s`: drop SMART stopwords.
    pub remove_stopwords: bool,
    /// `-l N` or `-b N`.
    pub truncation: Truncation,
    /// `-p alpha`: F = PR / ((1 - alpha) P + alpha R); 0.5 is the balanced F1.
    pub alpha: f64,
    /// `-2 d`: skip bigrams with at most `d` words between (`usize::MAX`: no
    /// limit, the script's `-2 -1`).
    pub skip_distance: Option<usize>,
    /// `-u`: count unigrams too in skip-bigram scoring (ROUGE-SU).
    pub skip_unigrams: bool,
    /// ROUGE-L (the script computes it unless `-x`).
    pub rouge_l: bool,
    /// `-w weight`: ROUGE-W with this weight (typically 1.2).
    pub wlcs_weight: Option<f64>,
    /// `-f A` or `-f B`.
    pub formula: Formula,
    /// Average over leave-one-model-out model sets (NIST's DUC jackknifing),
    /// when there is more than one model.
    pub jackknife: bool,
}

impl Default for Rouge155Options {
    /// The script's defaults with `-n 4`: ROUGE-1..4 and ROUGE-L, no
    /// stemming, stopwords kept, no truncation, `-f A`, `-p 0.5`.
    fn default() -> Self {
        Rouge155Options {
            max_n: 4,
            stem: false,
            remove_stopwords: false,
            truncation: Truncation::None,
            alpha: 0.5,
            skip_distance: None,
            skip_unigrams: false,
            rouge_l: true,
            wlcs_weight: None,
            formula: Formula::ModelAverage,
            jackknife: false,
        }
    }
}

/// A flag string [`Rouge155Options::from_flags`] cannot take.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum FlagsError {
    /// A flag that needs a value came last.
    MissingValue(String),
    /// A flag's value does not parse or is out of range.
    BadValue(String, String),
    /// A flag this crate does not implement.
    Unsupported(String),
}

impl std::fmt::Display for FlagsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FlagsError::MissingValue(flag) => write!(f, "ROUGE flag {flag} needs a value"),
            FlagsError::BadValue(flag, v) => write!(f, "bad value {v:?} for ROUGE flag {flag}"),
            FlagsError::Unsupported(flag) => write!(f, "ROUGE flag {flag} is not supported"),
        }
    }
}

impl std::error::Error for FlagsError {}

impl Rouge155Options {
    /// The DUC generic-task settings `-n 4 -m -a -l N -x -c 95 -r 1000 -f A
    /// -p 0.5 -t 0`: ROUGE-1..4 recall-oriented, N-word truncation, Porter
    /// stemming, stopwords kept, no ROUGE-L. (`-a -c -r -t 0` concern the
    /// run, not one score; see [`crate::bootstrap_mean_ci`].)
    pub fn duc_generic(words: usize) -> Self {
        Rouge155Options {
            max_n: 4,
            stem: true,
            truncation: Truncation::Words(words),
            rouge_l: false,
            ..Rouge155Options::default()
        }
    }

    /// Options from a ROUGE-1.5.5 command line, e.g. `"-n 2 -m -2 4 -u -x
    /// -l 100"`. Flags about the run rather than the score (`-a -c -d -e -r
    /// -t 0 -v -z`) are accepted and ignored. Without `-n` no ROUGE-N is
    /// computed, as in the script. Jackknifing stays off.
    pub fn from_flags(flags: &str) -> Result<Self, FlagsError> {
        let mut o = Rouge155Options {
            max_n: 0,
            ..Rouge155Options::default()
        };
        let mut it = flags.split_whitespace();
        while let Some(flag) = it.next() {
            let mut value = || {
                it.next()
                    .ok_or_else(|| FlagsError::MissingValue(flag.to_owned()))
            };
            let bad = |v: &str| FlagsError::BadValue(flag.to_owned(), v.to_owned());
            match flag {
                "-n" => {
                    let v = value()?;
                    o.max_n = v.parse().map_err(|_| bad(v))?;
                }
                "-m" => o.stem = true,
                "-s" => o.remove_stopwords = true,
                "-x" => o.rouge_l = false,
                "-u" => o.skip_unigrams = true,
                "-l" | "-b" => {
                    let v = value()?;
                    let n: usize = v.parse().map_err(|_| bad(v))?;
                    o.truncation = match (flag, n) {
                        (_, 0) => Truncation::None,
                        ("-l", n) => Truncation::Words(n),
                        (_, n) => Truncation::Bytes(n),
                    };
                }
                "-p" => {
                    let v = value()?;
                    o.alpha = v.parse().map_err(|_| bad(v))?;
                    if !(0.0..=1.0).contains(&o.alpha) {
                        return Err(bad(v));
                    }
                }
                "-2" => {
                    let v = value()?;
                    let d: i64 = v.parse().map_err(|_| bad(v))?;
                    o.skip_distance = Some(usize::try_from(d).unwrap_or(usize::MAX));
                }
                "-w" => {
                    let v = value()?;
                    let w: f64 = v.parse().map_err(|_| bad(v))?;
                    if w <= 0.0 {
                        return Err(bad(v));
                    }
                    o.wlcs_weight = Some(w);
                }
                "-f" => {
                    let v = value()?;
                    o.formula = match v {
                        "A" => Formula::ModelAverage,
                        "B" => Formula::BestModel,
                        _ => return Err(bad(v)),
                    };
                }
                "-t" => {
                    let v = value()?;
                    if v != "0" {
                        return Err(FlagsError::Unsupported(format!("-t {v}")));
                    }
                }
                "-c" | "-r" | "-e" | "-z" => {
                    value()?;
                }
                "-a" | "-d" | "-v" => {}
                _ => return Err(FlagsError::Unsupported(flag.to_owned())),
            }
        }
        Ok(o)
    }
}

/// The per-evaluation scores of one peer, each rounded to five decimals as
/// ROUGE prints them (a jackknifed score is the plain mean of such values).
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Rouge155Scores {
    /// ROUGE-1 ..= ROUGE-`max_n`; index 0 is ROUGE-1.
    pub rouge_n: Vec<Prf>,
    /// ROUGE-S`d` or, with `skip_unigrams`, ROUGE-SU`d`.
    pub rouge_su: Option<Prf>,
    /// ROUGE-L.
    pub rouge_l: Option<Prf>,
    /// ROUGE-W with the given weight.
    pub rouge_w: Option<Prf>,
}

/// Scores `peer` against `models` as one ROUGE-1.5.5 evaluation does. Texts
/// have one sentence per line; empty lines are skipped.
///
/// ```
/// use newsfuse_rouge::rouge155::{Rouge155Options, score};
///
/// let opts = Rouge155Options::from_flags("-n 2 -m -x -2 4 -u").expect("valid flags");
/// let s = score(&["The cats sat on the mat."], "A cat sat on a mat.", &opts);
/// assert_eq!(s.rouge_n[0].recall, 0.66667); // the, cat(s), sat, on, the, mat: 4 of 6
/// ```
pub fn score(models: &[&str], peer: &str, opts: &Rouge155Options) -> Rouge155Scores {
    let mut vocab = Vocab::default();
    let peer = Prepared::new(peer, opts, &mut vocab);
    let models: Vec<Prepared> = models
        .iter()
        .map(|m| Prepared::new(m, opts, &mut vocab))
        .collect();
    let models: Vec<&Prepared> = models.iter().collect();
    if !(opts.jackknife && models.len() > 1) {
        return score_prepared(&models, &peer, opts, vocab.len());
    }
    let k = models.len();
    let mut runs = Vec::with_capacity(k);
    for left_out in 0..k {
        let subset: Vec<&Prepared> = (0..k)
            .filter(|&i| i != left_out)
            .map(|i| models[i])
            .collect();
        runs.push(score_prepared(&subset, &peer, opts, vocab.len()));
    }
    mean_scores(&runs)
}

fn mean_scores(runs: &[Rouge155Scores]) -> Rouge155Scores {
    let n = runs.len() as f64;
    let mean = |f: &dyn Fn(&Rouge155Scores) -> Prf| {
        let mut acc = Prf::default();
        for r in runs {
            let p = f(r);
            acc.precision += p.precision;
            acc.recall += p.recall;
            acc.f1 += p.f1;
        }
        Prf {
            precision: acc.precision / n,
            recall: acc.recall / n,
            f1: acc.f1 / n,
        }
    };
    let first = &runs[0];
    Rouge155Scores {
        rouge_n: (0..first.rouge_n.len())
            .map(|i| mean(&|r| r.rouge_n[i]))
            .collect(),
        rouge_su: first
            .rouge_su
            .map(|_| mean(&|r| r.rouge_su.unwrap_or_default())),
        rouge_l: first
            .rouge_l
            .map(|_| mean(&|r| r.rouge_l.unwrap_or_default())),
        rouge_w: first
            .rouge_w
            .map(|_| mean(&|r| r.rouge_w.unwrap_or_default())),
    }
}

/// The SMART stopword list shipped with ROUGE-1.5.5 (`-s`).
static STOPWORDS: LazyLock<std::collections::HashSet<&'static [u8]>> = LazyLock::new(|| {
    include_str!("../../data/smart_common_words.txt")
        .lines()
        .map(str::as_bytes)
        .collect()
});

#[derive(Default)]
struct Vocab {
    ids: IdMap<Vec<u8>, u32>,
}

impl Vocab {
    fn len(&self) -> usize {
        self.ids.len()
    }

    fn id(&mut self, token: &[u8]) -> u32 {
        if let Some(&id) = self.ids.get(token) {
            return id;
        }
        let id = self.ids.len() as u32;
        self.ids.insert(token.to_vec(), id);
        id
    }
}

/// One summary as the script sees it: the token ids of `readText` (n-grams,
/// skip bigrams, unigram clipping) and of `readText_LCS` (per sentence).
struct Prepared {
    tokens: Vec<u32>,
    sentences: Vec<Vec<u32>>,
}

impl Prepared {
    fn new(text: &str, opts: &Rouge155Options, vocab: &mut Vocab) -> Self {
        // SPL: one sentence per line, empty lines skipped, A-Z lowercased.
        let lines: Vec<Vec<u8>> = text
            .split('\n')
            .filter(|l| !l.is_empty())
            .map(|l| l.as_bytes().to_ascii_lowercase())
            .collect();
        let joined = read_text(&lines, opts.truncation);
        let mut tokens = Vec::new();
        if let Some(t) = joined {
            tokenize(&t, opts, vocab, &mut tokens);
        }
        let sentences = if opts.rouge_l || opts.wlcs_weight.is_some() {
            read_text_lcs(&lines, opts.truncation)
                .iter()
                .map(|s| {
                    let mut ids = Vec::new();
                    tokenize(s, opts, vocab, &mut ids);
                    ids
                })
                .collect()
        } else {
            Vec::new()
        };
        Prepared { tokens, sentences }
    }
}

fn is_perl_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0b' | b'\x0c')
}

/// Perl's `split(/\s+/, $s)`: a leading empty field when `s` starts with
/// whitespace, no trailing empty fields.
fn perl_split(s: &[u8]) -> Vec<&[u8]> {
    let mut out: Vec<&[u8]> = s.split(|&b| is_perl_space(b)).collect();
    // Runs of whitespace give empty pieces in between; keep only the first.
    let leading = out.first().is_some_and(|f| f.is_empty());
    out.retain(|f| !f.is_empty());
    if leading && !out.is_empty() {
        out.insert(0, b"");
    }
    out
}

/// `readText`: the sentences joined by spaces, truncated; `None` when empty.
fn read_text(lines: &[Vec<u8>], truncation: Truncation) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    match truncation {
        Truncation::None => {
            for (i, s) in lines.iter().enumerate() {
                if i > 0 {
                    out.push(b' ');
                }
                out.extend_from_slice(s);
            }
            return if lines.is_empty() { None } else { Some(out) };
        }
        Truncation::Words(limit) => {
            let mut len = 0;
            for s in lines {
                let words = perl_split(s);
                if len + words.len() < limit {
                    if len != 0 {
                        out.push(b' ');
                    }
                    out.extend_from_slice(s);
                    len += words.len();
                } else {
                    if len > 0 {
                        out.push(b' ');
                    }
                    out.extend_from_slice(&words[..limit - len].join(&b' '));
                    break;
                }
            }
        }
        Truncation::Bytes(limit) => {
            let mut len = 0;
            for s in lines {
                if len + s.len() < limit {
                    if len != 0 {
                        out.push(b' ');
                    }
                    out.extend_from_slice(s);
                    len += s.len();
                } else {
                    if len > 0 {
                        out.push(b' ');
                    }
                    out.extend_from_slice(&s[..limit - len]);
                    break;
                }
            }
        }
    }
    if out.is_empty() { None } else { Some(out) }
}

/// `readText_LCS`: the sentences, truncated.
fn read_text_lcs(lines: &[Vec<u8>], truncation: Truncation) -> Vec<Vec<u8>> {
    match truncation {
        Truncation::None => lines.to_vec(),
        Truncation::Words(limit) => {
            let mut out = Vec::new();
            let mut len = 0;
            for s in lines {
                let words = perl_split(s);
                if len + words.len() < limit {
                    len += words.len();
                    out.push(s.clone());
                } else {
                    out.push(words[..limit - len].join(&b' '));
                    break;
                }
            }
            out
        }
        Truncation::Bytes(limit) => {
            // The script never adds to its byte count here: every sentence
            // shorter than the limit is kept, the first longer one is cut.
            let mut out = Vec::new();
            for s in lines {
                if s.len() < limit {
                    out.push(s.clone());
                } else {
                    out.push(s[..limit].to_vec());
                    break;
                }
            }
            out
        }
    }
}

/// The script's clean-up (`-` split off, `[^A-Za-z0-9-]` to spaces) and
/// `tokenizeText`/`createNGram` filtering (stopwords, tokens starting with
/// `[a-z0-9]`, stemming of tokens longer than three bytes).
fn tokenize(text: &[u8], opts: &Rouge155Options, vocab: &mut Vocab, out: &mut Vec<u32>) {
    let mut push = |tok: &[u8]| {
        if opts.remove_stopwords && STOPWORDS.contains(tok) {
            return;
        }
        if !(tok[0].is_ascii_lowercase() || tok[0].is_ascii_digit()) {
            return;
        }
        if opts.stem && tok.len() > 3 {
            // Tokens are ASCII here: [a-z0-9] only.
            let s = std::str::from_utf8(tok).unwrap_or_default();
            out.push(vocab.id(porter::morph_stem(s).as_bytes()));
        } else {
            out.push(vocab.id(tok));
        }
    };
    let mut start = None;
    for (i, &b) in text.iter().enumerate() {
        if b.is_ascii_alphanumeric() {
            if start.is_none() {
                start = Some(i);
            }
        } else {
            if let Some(s) = start.take() {
                push(&text[s..i]);
            }
            // A hyphen is a token of its own, which the filter then drops.
            if b == b'-' {
                push(b"-");
            }
        }
    }
    if let Some(s) = start {
        push(&text[s..]);
    }
}

/// `sprintf("%7.5f", x)` read back as a number.
fn round5(x: f64) -> f64 {
    format!("{x:.5}").parse().unwrap_or(0.0)
}

fn prf(hit: f64, model_count: f64, peer_count: f64, alpha: f64) -> Prf {
    let recall = if model_count == 0.0 {
        0.0
    } else {
        round5(hit / model_count)
    };
    let precision = if peer_count == 0.0 {
        0.0
    } else {
        round5(hit / peer_count)
    };
    prf_from(recall, precision, alpha)
}

fn prf_from(recall: f64, precision: f64, alpha: f64) -> Prf {
    let den = (1.0 - alpha) * precision + alpha * recall;
    let f1 = if den > 0.0 {
        round5(precision * recall / den)
    } else {
        0.0
    };
    Prf {
        precision,
        recall,
        f1,
    }
}

/// Running totals over models under `-f A` / `-f B`.
struct Totals {
    formula: Formula,
    best: f64,
    hit: f64,
    model_count: f64,
    peer_count: f64,
}

impl Totals {
    fn new(formula: Formula) -> Self {
        Totals {
            formula,
            best: -1.0,
            hit: 0.0,
            model_count: 0.0,
            peer_count: 0.0,
        }
    }

    fn add(&mut self, score: f64, hit: f64, model_count: f64, peer_count: f64) {
        match self.formula {
            Formula::ModelAverage => {
                self.hit += hit;
                self.model_count += model_count;
                self.peer_count += peer_count;
            }
            Formula::BestModel => {
                if score > self.best {
                    self.best = score;
                    self.hit = hit;
                    self.model_count = model_count;
                    self.peer_count = peer_count;
                }
            }
        }
    }
}

fn score_prepared(
    models: &[&Prepared],
    peer: &Prepared,
    opts: &Rouge155Options,
    vocab: usize,
) -> Rouge155Scores {
    let rouge_n = (1..=opts.max_n)
        .map(|n| {
            let peer_grams = GramCounts::ngrams(&peer.tokens, n);
            let mut totals = Totals::new(opts.formula);
            for m in models {
                let model_grams = GramCounts::ngrams(&m.tokens, n);
                add_gram_model(&mut totals, &model_grams, &peer_grams);
            }
            prf(
                totals.hit,
                totals.model_count,
                totals.peer_count,
                opts.alpha,
            )
        })
        .collect();
    let rouge_su = opts.skip_distance.map(|d| {
        let peer_grams = GramCounts::skip_bigrams(&peer.tokens, d, opts.skip_unigrams);
        let mut totals = Totals::new(opts.formula);
        for m in models {
            let model_grams = GramCounts::skip_bigrams(&m.tokens, d, opts.skip_unigrams);
            add_gram_model(&mut totals, &model_grams, &peer_grams);
        }
        prf(
            totals.hit,
            totals.model_count,
            totals.peer_count,
            opts.alpha,
        )
    });
    let rouge_l = opts.rouge_l.then(|| lcs_score(models, peer, opts, vocab));
    let rouge_w = opts
        .wlcs_weight
        .map(|w| wlcs_score(models, peer, opts, vocab, w));
    Rouge155Scores {
        rouge_n,
        rouge_su,
        rouge_l,
        rouge_w,
    }
}

/// Gram -> count, and the total number of grams (`_cn_`).
struct GramCounts<K> {
    counts: IdMap<K, u32>,
    total: usize,
}

/// The unigram half of a skip-bigram key (`-u`).
const NONE: u32 = u32::MAX;

impl<'a> GramCounts<&'a [u32]> {
    /// `createNGram`.
    fn ngrams(tokens: &'a [u32], n: usize) -> Self {
        let mut counts = IdMap::default();
        let mut total = 0;
        if n > 0 && tokens.len() >= n {
            for g in tokens.windows(n) {
                *counts.entry(g).or_insert(0) += 1;
                total += 1;
            }
        }
        GramCounts { counts, total }
    }
}

impl GramCounts<(u32, u32)> {
    /// `createSkipBigram`: pairs (i, j) with i < j <= i + d + 1; with `-u`
    /// also the unigram at i. The last token never starts a pair, so it never
    /// counts as a unigram either.
    fn skip_bigrams(tokens: &[u32], d: usize, unigrams: bool) -> Self {
        let mut counts = IdMap::default();
        let mut total = 0;
        let n = tokens.len();
        for i in 0..n.saturating_sub(1) {
            if unigrams {
                *counts.entry((tokens[i], NONE)).or_insert(0) += 1;
                total += 1;
            }
            let end = i.saturating_add(d).saturating_add(1).min(n - 1);
            for j in i + 1..=end {
                *counts.entry((tokens[i], tokens[j])).or_insert(0) += 1;
                total += 1;
            }
        }
        GramCounts { counts, total }
    }
}

fn add_gram_model<K: std::hash::Hash + Eq>(
    totals: &mut Totals,
    model: &GramCounts<K>,
    peer: &GramCounts<K>,
) {
    let mut hit = 0u64;
    for (g, &c) in &model.counts {
        if let Some(&p) = peer.counts.get(g) {
            hit += u64::from(p.min(c));
        }
    }
    // ngramScore's per-model recall, used by -f B.
    let score = if model.total == 0 {
        0.0
    } else {
        round5(hit as f64 / model.total as f64)
    };
    totals.add(score, hit as f64, model.total as f64, peer.total as f64);
}

fn unigram_counts(tokens: &[u32], vocab: usize) -> Vec<u32> {
    let mut c = vec![0u32; vocab];
    for &t in tokens {
        c[t as usize] += 1;
    }
    c
}

/// Per model sentence, the union of LCS positions against every peer
/// sentence (ties go up, as `lcs_inner`/`markLCS`).
fn union_lcs_mask(
    model_sentence: &[u32],
    peer: &[Vec<u32>],
    table: &mut LcsTable,
    presence: &mut Presence,
    vocab: usize,
) -> Vec<bool> {
    let mut mask = vec![false; model_sentence.len()];
    if model_sentence.is_empty() {
        return mask;
    }
    presence.set(model_sentence, vocab);
    let mut hits = Vec::new();
    for p in peer.iter().filter(|p| presence.shares(p)) {
        table.fill(model_sentence, p);
        hits.clear();
        table.backtrack_into(model_sentence, p, &mut hits);
        for &i in &hits {
            mask[i] = true;
        }
    }
    mask
}

fn lcs_score(models: &[&Prepared], peer: &Prepared, opts: &Rouge155Options, vocab: usize) -> Prf {
    let peer_1grams = unigram_counts(&peer.tokens, vocab);
    let peer_count = peer.tokens.len() as f64;
    let mut totals = Totals::new(opts.formula);
    let mut table = LcsTable::default();
    let mut presence = Presence::default();
    for m in models {
        let mut model_1grams = unigram_counts(&m.tokens, vocab);
        let mut peer_left = peer_1grams.clone();
        let mut hit = 0usize;
        let mut base = 0usize;
        for s in &m.sentences {
            base += s.len();
            let mask = union_lcs_mask(s, &peer.sentences, &mut table, &mut presence, vocab);
            for (j, &t) in s.iter().enumerate() {
                let t = t as usize;
                if mask[j] && model_1grams[t] > 0 && peer_left[t] > 0 {
                    hit += 1;
                    model_1grams[t] -= 1;
                    peer_left[t] -= 1;
                }
            }
        }
        let score = if base > 0 {
            hit as f64 / base as f64
        } else {
            0.0
        };
        totals.add(score, hit as f64, base as f64, peer_count);
    }
    prf(
        totals.hit,
        totals.model_count,
        totals.peer_count,
        opts.alpha,
    )
}

/// `wlcs_inner`: the weighted LCS table, then `markLCS` from the corner.
fn wlcs_mask(
    model_sentence: &[u32],
    peer: &[Vec<u32>],
    weight: f64,
    presence: &mut Presence,
    vocab: usize,
) -> Vec<bool> {
    let m = model_sentence.len();
    let mut mask = vec![false; m];
    if m == 0 {
        return mask;
    }
    presence.set(model_sentence, vocab);
    let pow = |k: f64| k.powf(weight);
    for p in peer.iter().filter(|p| presence.shares(p)) {
        let n = p.len();
        let cols = n + 1;
        let mut score = vec![0f64; (m + 1) * cols];
        let mut runs = vec![0f64; (m + 1) * cols];
        // 0: diagonal, 1: up, 2: left.
        let mut dir = vec![0u8; (m + 1) * cols];
        for i in 1..=m {
            for j in 1..=n {
                let k = i * cols + j;
                if model_sentence[i - 1] == p[j - 1] {
                    let run = runs[(i - 1) * cols + j - 1];
                    score[k] = score[(i - 1) * cols + j - 1] + pow(run + 1.0) - pow(run);
                    dir[k] = 0;
                    runs[k] = run + 1.0;
                } else if score[(i - 1) * cols + j] >= score[i * cols + j - 1] {
                    score[k] = score[(i - 1) * cols + j];
                    dir[k] = 1;
                } else {
                    score[k] = score[i * cols + j - 1];
                    dir[k] = 2;
                }
            }
        }
        let (mut i, mut j) = (m, n);
        while i != 0 && j != 0 {
            match dir[i * cols + j] {
                0 => {
                    i -= 1;
                    j -= 1;
                    mask[i] = true;
                }
                1 => i -= 1,
                _ => j -= 1,
            }
        }
    }
    mask
}

fn wlcs_score(
    models: &[&Prepared],
    peer: &Prepared,
    opts: &Rouge155Options,
    vocab: usize,
    weight: f64,
) -> Prf {
    let f = |k: f64| k.powf(weight);
    let inv = |x: f64| x.powf(1.0 / weight);
    let peer_1grams = unigram_counts(&peer.tokens, vocab);
    let peer_count = peer.tokens.len() as f64;
    let mut totals = Totals::new(opts.formula);
    let mut presence = Presence::default();
    for m in models {
        let mut model_1grams = unigram_counts(&m.tokens, vocab);
        let mut peer_left = peer_1grams.clone();
        let mut hit = 0.0;
        let mut base = 0.0;
        for s in &m.sentences {
            base += f(s.len() as f64);
            let mask = wlcs_mask(s, &peer.sentences, weight, &mut presence, vocab);
            let mut run = 0.0;
            for (j, &t) in s.iter().enumerate() {
                let t = t as usize;
                if mask[j] && model_1grams[t] > 0 && peer_left[t] > 0 {
                    run += 1.0;
                    if (j + 1 < s.len() && !mask[j + 1]) || j + 1 == s.len() {
                        hit += f(run);
                        run = 0.0;
                    }
                    model_1grams[t] -= 1;
                    peer_left[t] -= 1;
                }
            }
        }
        let score = if base > 0.0 { inv(hit / base) } else { 0.0 };
        // The script weights the summed base (and the peer length) once more.
        totals.add(score, hit, f(base), f(peer_count));
    }
    let r = if totals.model_count == 0.0 {
        0.0
    } else {
        round5(inv(totals.hit / totals.model_count))
    };
    let p = if totals.peer_count == 0.0 {
        0.0
    } else {
        round5(inv(totals.hit / totals.peer_count))
    };
    prf_from(r, p, opts.alpha)
}

#[cfg(test)]
mod tests {
    use super::{Rouge155Options, Truncation, perl_split, read_text, score};

    #[test]
    fn perl_split_keeps_a_leading_empty_field() {
        assert_eq!(perl_split(b"  a b  "), [&b""[..], b"a", b"b"]);
        assert!(perl_split(b"   ").is_empty());
    }

    #[test]
    fn word_truncation() {
        let lines = vec![b"one two three".to_vec(), b"four five".to_vec()];
        assert_eq!(
            read_text(&lines, Truncation::Words(4)).as_deref(),
            Some(&b"one two three four"[..])
        );
        assert_eq!(
            read_text(&lines, Truncation::Words(3)).as_deref(),
            Some(&b"one two three"[..])
        );
    }

    #[test]
    fn flags() {
        let o = Rouge155Options::from_flags("-n 4 -m -a -l 100 -x -c 95 -r 1000 -f A -p 0.5 -t 0")
            .expect("valid flags");
        assert_eq!(o, Rouge155Options::duc_generic(100));
        assert!(Rouge155Options::from_flags("-t 1").is_err());
    }

    #[test]
    fn jackknife_averages_leave_one_out_sets() {
        let models = ["the cat sat on the mat", "a cat was on a mat", "dogs bark"];
        let peer = "the cat sat on a mat";
        let mut o = Rouge155Options::from_flags("-n 2 -2 4 -u").expect("valid flags");
        let subsets = [[1, 2], [0, 2], [0, 1]].map(|ix| score(&ix.map(|i| models[i]), peer, &o));
        o.jackknife = true;
        let jk = score(&models, peer, &o);
        for n in 0..2 {
            let want = subsets.iter().map(|s| s.rouge_n[n].recall).sum::<f64>() / 3.0;
            assert!((jk.rouge_n[n].recall - want).abs() < 1e-12);
        }
        let want = subsets
            .iter()
            .map(|s| s.rouge_su.unwrap_or_default().f1)
            .sum::<f64>()
            / 3.0;
        assert!((jk.rouge_su.unwrap_or_default().f1 - want).abs() < 1e-12);
        // One model: nothing to leave out; 5 of its 6 unigrams are matched.
        assert_eq!(score(&models[..1], peer, &o).rouge_n[0].recall, 0.83333);
    }

    #[test]
    fn identical_is_one() {
        let o = Rouge155Options::from_flags("-n 2 -2 4 -u -w 1.2").expect("valid flags");
        let s = score(&["a b c d\ne f"], "a b c d\ne f", &o);
        assert_eq!(s.rouge_n[1].f1, 1.0);
        assert_eq!(s.rouge_su.map(|p| p.f1), Some(1.0));
        assert_eq!(s.rouge_l.map(|p| p.f1), Some(1.0));
        // ROUGE-W weights the summed model length twice: not 1 (checked with Perl).
        assert!(s.rouge_w.is_some_and(|p| p.recall < 1.0));
    }
}
