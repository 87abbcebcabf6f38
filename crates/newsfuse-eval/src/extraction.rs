//! Extraction scoring: how well [`newsfuse::extract::extract_html`] finds a page's article text.
//!
//! The metric is the one of Zyte's (Scrapinghub's) article-extraction-benchmark, reproduced
//! from its `evaluate.py`:
//!
//! - tokens are the matches of Python's `\w+` (Unicode letters, numbers and `_`);
//! - shingles are the token 4-grams, counted as a multiset; a text with 1 to 3 tokens has one
//!   shingle (all its tokens), a text with no tokens has none;
//! - per page, TP/FP/FN are the clipped counts (multiset intersection and differences);
//!   precision and recall follow `precision_score` / `recall_score` there;
//! - precision is averaged over the pages whose *prediction* has at least one shingle, recall
//!   over the pages whose *gold* text has at least one shingle (an empty prediction costs
//!   recall, never precision), and F1 is the harmonic mean of the two averages.
//!
//! Architecture Invariant: nothing here reads `/work/shared` unless a caller passes a path;
//! unit tests are hermetic.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::LazyLock;
use std::time::Instant;

use rayon::prelude::*;
use regex::Regex;

/// One system's scores on one page set.
#[derive(Debug, Clone, PartialEq)]
pub struct ExtractionScore {
    /// System name: `newsfuse`, or the file stem of a published output (`trafilatura`).
    pub system: String,
    /// Pages scored.
    pub pages: usize,
    /// Mean per-page shingle precision (pages with a non-empty prediction).
    pub precision: f64,
    /// Mean per-page shingle recall (pages with a non-empty gold text).
    pub recall: f64,
    /// Harmonic mean of `precision` and `recall`.
    pub f1: f64,
    /// Summed per-page extraction time (single-thread equivalent, file reading and decoding
    /// excluded); `0.0` for published outputs, which were not run here.
    pub seconds: f64,
}

/// Failures reading an evaluation set.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ExtractionEvalError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}:{line}: bad JSON: {source}")]
    Json {
        path: PathBuf,
        line: usize,
        #[source]
        source: serde_json::Error,
    },
    #[error("{path}: {reason}")]
    Format { path: PathBuf, reason: String },
}

/// Shingle counts of one page: true positives, false positives, false negatives.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct ShingleCounts {
    pub tp: f64,
    pub fp: f64,
    pub fn_: f64,
}

/// The shingle length of the benchmark.
pub const SHINGLE_N: usize = 4;

/// Per-page precision and recall with the benchmark's exact semantics (`precision_score`,
/// `recall_score` of `evaluate.py`): both texts without shingles gives `(1.0, 1.0)`; an empty
/// prediction against a non-empty gold gives `(0.0, 0.0)`, and the reverse `(0.0, 0.0)` too.
///
/// Averaging over pages must skip some of these values; see [`ShingleCounts::precision`].
pub fn shingle_prf(predicted: &str, gold: &str) -> (f64, f64) {
    let counts = shingle_counts(predicted, gold);
    (counts.precision_score(), counts.recall_score())
}

/// TP/FP/FN over the 4-gram shingles of `predicted` and `gold`, normalised to sum to one
/// (as `evaluate.py` does, so every page weighs the same).
pub fn shingle_counts(predicted: &str, gold: &str) -> ShingleCounts {
    let pred_tokens = tokenize(predicted);
    let gold_tokens = tokenize(gold);
    let pred = shingles(&pred_tokens, SHINGLE_N);
    let gold = shingles(&gold_tokens, SHINGLE_N);
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    for (key, &p) in &pred {
        let g = gold.get(key).copied().unwrap_or(0);
        tp += p.min(g);
        fp += p.saturating_sub(g);
    }
    for (key, &g) in &gold {
        let p = pred.get(key).copied().unwrap_or(0);
        fn_ += g.saturating_sub(p);
    }
    let sum = (tp + fp + fn_) as f64;
    if sum > 0.0 {
        ShingleCounts {
            tp: tp as f64 / sum,
            fp: fp as f64 / sum,
            fn_: fn_ as f64 / sum,
        }
    } else {
        ShingleCounts::default()
    }
}

impl ShingleCounts {
    /// The page's precision, or `None` when the prediction has no shingles (such pages are
    /// left out of the precision average).
    pub fn precision(&self) -> Option<f64> {
        (self.tp + self.fp > 0.0).then(|| self.precision_score())
    }

    /// The page's recall, or `None` when the gold text has no shingles (left out of the
    /// recall average).
    pub fn recall(&self) -> Option<f64> {
        (self.tp + self.fn_ > 0.0).then(|| self.recall_score())
    }

    fn precision_score(&self) -> f64 {
        if self.fp == 0.0 && self.fn_ == 0.0 {
            1.0
        } else if self.tp == 0.0 && self.fp == 0.0 {
            0.0
        } else {
            self.tp / (self.tp + self.fp)
        }
    }

    fn recall_score(&self) -> f64 {
        if self.fp == 0.0 && self.fn_ == 0.0 {
            1.0
        } else if self.tp == 0.0 && self.fn_ == 0.0 {
            0.0
        } else {
            self.tp / (self.tp + self.fn_)
        }
    }
}

/// Mean precision, mean recall and F1 over pages, as `metrics_from_tp_fp_fns` computes them.
/// A mean over no pages is 0 (where `evaluate.py` would raise).
pub fn aggregate(pages: &[ShingleCounts]) -> (f64, f64, f64) {
    let precision = mean(pages.iter().filter_map(ShingleCounts::precision));
    let recall = mean(pages.iter().filter_map(ShingleCounts::recall));
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    (precision, recall, f1)
}

/// Scores newsfuse's extractor on an extraction JSONL file (`{id, html_file, gold_text}` per
/// line; `html_file` is a gzip-compressed page, relative to the JSONL's folder or its parent).
/// Pages are extracted in parallel. Returns one row, `newsfuse`.
pub fn evaluate_extraction(
    jsonl: &Path,
    limit: Option<usize>,
) -> Result<Vec<ExtractionScore>, ExtractionEvalError> {
    let pages = read_pages(jsonl, limit)?;
    let scored: Vec<(ShingleCounts, f64)> = pages
        .par_iter()
        .map(
            |page| -> Result<(ShingleCounts, f64), ExtractionEvalError> {
                let html = read_html(&page.html_path)?;
                let start = Instant::now();
                let text = newsfuse::extract::extract_html(&html)
                    .map(|p| p.text)
                    .unwrap_or_default();
                let seconds = start.elapsed().as_secs_f64();
                Ok((shingle_counts(&text, &page.gold), seconds))
            },
        )
        .collect::<Result<_, _>>()?;
    let counts: Vec<ShingleCounts> = scored.iter().map(|(c, _)| *c).collect();
    let (precision, recall, f1) = aggregate(&counts);
    Ok(vec![ExtractionScore {
        system: "newsfuse".to_owned(),
        pages: counts.len(),
        precision,
        recall,
        f1,
        seconds: scored.iter().map(|(_, s)| s).sum(),
    }])
}

/// Scores the published extractor outputs of the article-extraction-benchmark checkout at
/// `aeb_dir` (`ground-truth.json` plus `extractor_outputs/*.json` or `output/*.json`, each
/// mapping page id to `{"articleBody": ...}`, optionally wrapped as
/// `{"version": ..., "output": {...}}`). Every ground-truth page is scored; a page missing
/// from an output counts as an empty prediction. Rows come sorted by system name.
pub fn published_extractors(aeb_dir: &Path) -> Result<Vec<ExtractionScore>, ExtractionEvalError> {
    let gold = read_bodies(&aeb_dir.join("ground-truth.json"))?;
    let out_dir = ["extractor_outputs", "output"]
        .iter()
        .map(|d| aeb_dir.join(d))
        .find(|d| d.is_dir())
        .ok_or_else(|| ExtractionEvalError::Format {
            path: aeb_dir.to_owned(),
            reason: "no extractor_outputs/ or output/ folder".to_owned(),
        })?;
    let entries = std::fs::read_dir(&out_dir).map_err(|source| ExtractionEvalError::Io {
        path: out_dir.clone(),
        source,
    })?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
        .par_iter()
        .map(|path| {
            let predicted: HashMap<String, String> = read_bodies(path)?.into_iter().collect();
            let counts: Vec<ShingleCounts> = gold
                .iter()
                .map(|(id, body)| {
                    let pred = predicted.get(id).map_or("", String::as_str);
                    shingle_counts(pred, body)
                })
                .collect();
            let (precision, recall, f1) = aggregate(&counts);
            Ok(ExtractionScore {
                system: path
                    .file_stem()
                    .map_or_else(String::new, |s| s.to_string_lossy().into_owned()),
                pages: counts.len(),
                precision,
                recall,
                f1,
                seconds: 0.0,
            })
        })
        .collect()
}

/// F1 that the benchmark's README publishes for a system (keyed by output file stem; latest
/// evaluation where a system was re-run, else the one before). `None` when not listed.
pub fn published_f1(system: &str) -> Option<f64> {
    PUBLISHED_F1
        .iter()
        .find(|(name, _)| *name == system)
        .map(|&(_, f1)| f1)
}

/// From the README of scrapinghub/article-extraction-benchmark ("Results of the latest
/// evaluation", then "previous evaluation that did not re-run", then "initial evaluation,
/// November 2019" for the commercial services, boilerpipe and dragnet).
const PUBLISHED_F1: &[(&str, f64)] = &[
    ("AutoExtract", 0.970),
    ("Diffbot", 0.951),
    ("boilerpipe", 0.860),
    ("boilerpipe_rs", 0.739),
    ("dom_smoothie", 0.865),
    ("dragnet", 0.907),
    ("go_domdistiller", 0.927),
    ("go_readability", 0.934),
    ("go_trafilatura", 0.960),
    ("goose3", 0.896),
    ("html-text", 0.665),
    ("justext", 0.804),
    ("llm_readability", 0.829),
    ("news_please", 0.948),
    ("newspaper", 0.949),
    ("readability", 0.922),
    ("readability_js", 0.947),
    ("readability_rs", 0.873),
    ("readabilityrs", 0.832),
    ("readable_readability", 0.884),
    ("rs_trafilatura", 0.970),
    ("trafilatura", 0.958),
];

/// An aligned text table of `rows`, best F1 first.
pub fn render_table(rows: &[ExtractionScore]) -> String {
    let mut sorted: Vec<&ExtractionScore> = rows.iter().collect();
    sorted.sort_by(|a, b| b.f1.total_cmp(&a.f1).then_with(|| a.system.cmp(&b.system)));
    let width = sorted
        .iter()
        .map(|r| r.system.len())
        .max()
        .unwrap_or(0)
        .max("system".len());
    let mut out = format!(
        "{:<width$}  {:>5}  {:>9}  {:>6}  {:>6}  {:>8}\n",
        "system", "pages", "precision", "recall", "F1", "seconds"
    );
    for r in sorted {
        // Writing to a String cannot fail.
        let _ = writeln!(
            out,
            "{:<width$}  {:>5}  {:>9.3}  {:>6.3}  {:>6.3}  {:>8.2}",
            r.system, r.pages, r.precision, r.recall, r.f1, r.seconds
        );
    }
    out
}

/// Python's `\w+` on `str` patterns: runs of Unicode letters (`L*`), numbers (`N*`) and `_`.
fn tokenize(text: &str) -> Vec<&str> {
    static WORD: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"[\p{L}\p{N}_]+").expect("the token pattern is a valid regex")
    });
    WORD.find_iter(text).map(|m| m.as_str()).collect()
}

/// `_ngrams` of `evaluate.py`: all `n`-grams, or the whole token list as one shingle when it
/// is shorter than `n` (and none when it is empty), counted.
fn shingles<'t>(tokens: &'t [&'t str], n: usize) -> HashMap<&'t [&'t str], usize> {
    let mut counts = HashMap::new();
    if tokens.is_empty() {
        return counts;
    }
    if tokens.len() < n {
        counts.insert(tokens, 1);
        return counts;
    }
    for window in tokens.windows(n) {
        *counts.entry(window).or_insert(0) += 1;
    }
    counts
}

fn mean(values: impl Iterator<Item = f64>) -> f64 {
    let (sum, n) = values.fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
    if n == 0 { 0.0 } else { sum / n as f64 }
}

struct Page {
    html_path: PathBuf,
    gold: String,
}

#[derive(serde::Deserialize)]
struct PageLine {
    html_file: String,
    gold_text: String,
}

fn read_pages(jsonl: &Path, limit: Option<usize>) -> Result<Vec<Page>, ExtractionEvalError> {
    let io_err = |source| ExtractionEvalError::Io {
        path: jsonl.to_owned(),
        source,
    };
    let file = File::open(jsonl).map_err(io_err)?;
    let base = jsonl.parent().unwrap_or(Path::new("."));
    let mut pages = Vec::new();
    for (index, line) in BufReader::new(file).lines().enumerate() {
        if limit.is_some_and(|limit| pages.len() >= limit) {
            break;
        }
        let line = line.map_err(io_err)?;
        if line.trim().is_empty() {
            continue;
        }
        let parsed: PageLine =
            serde_json::from_str(&line).map_err(|source| ExtractionEvalError::Json {
                path: jsonl.to_owned(),
                line: index + 1,
                source,
            })?;
        pages.push(Page {
            html_path: resolve(base, &parsed.html_file),
            gold: parsed.gold_text,
        });
    }
    Ok(pages)
}

/// `html_file` relative to the JSONL's folder, or to its parent (the shared eval layout
/// writes `extraction/<set>/html/<id>.html.gz` next to `extraction/*.jsonl`).
fn resolve(base: &Path, file: &str) -> PathBuf {
    let direct = base.join(file);
    if direct.exists() {
        return direct;
    }
    base.parent().map_or(direct, |parent| parent.join(file))
}

fn read_html(path: &Path) -> Result<String, ExtractionEvalError> {
    let io_err = |source| ExtractionEvalError::Io {
        path: path.to_owned(),
        source,
    };
    let raw = std::fs::read(path).map_err(io_err)?;
    let bytes = if raw.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        flate2::read::MultiGzDecoder::new(raw.as_slice())
            .read_to_end(&mut out)
            .map_err(io_err)?;
        out
    } else {
        raw
    };
    Ok(newsfuse::extract::decode_html(&bytes))
}

/// `{id: {"articleBody": ...}}`, or the same wrapped in `{"version", "output"}`.
fn read_bodies(path: &Path) -> Result<Vec<(String, String)>, ExtractionEvalError> {
    let text = std::fs::read_to_string(path).map_err(|source| ExtractionEvalError::Io {
        path: path.to_owned(),
        source,
    })?;
    let value: serde_json::Value =
        serde_json::from_str(&text).map_err(|source| ExtractionEvalError::Json {
            path: path.to_owned(),
            line: 1,
            source,
        })?;
    let map = match value.get("output") {
        Some(serde_json::Value::Object(inner)) => inner,
        _ => value
            .as_object()
            .ok_or_else(|| ExtractionEvalError::Format {
                path: path.to_owned(),
                reason: "expected a JSON object of pages".to_owned(),
            })?,
    };
    let mut bodies: Vec<(String, String)> = map
        .iter()
        .map(|(id, item)| {
            let body = item
                .get("articleBody")
                .and_then(serde_json::Value::as_str)
                .unwrap_or("");
            (id.clone(), body.to_owned())
        })
        .collect();
    bodies.sort();
    Ok(bodies)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_prf(predicted: &str, gold: &str, want: (f64, f64)) {
        let (p, r) = shingle_prf(predicted, gold);
        assert!(
            (p - want.0).abs() < 1e-12 && (r - want.1).abs() < 1e-12,
            "shingle_prf({predicted:?}, {gold:?}) = ({p}, {r}), want {want:?}"
        );
    }

    #[test]
    fn identical_texts_score_one() {
        check_prf("a b c d e f", "a b c d e f", (1.0, 1.0));
        // Only \w+ tokens count: punctuation, case-preserving but spacing-insensitive.
        check_prf("a, b; c -- d!", "a b\n\nc d", (1.0, 1.0));
    }

    #[test]
    fn partial_overlap() {
        // gold: 6 tokens, 3 shingles; prediction adds 2 tokens at the end: 5 shingles,
        // 3 shared.
        check_prf("a b c d e f g h", "a b c d e f", (3.0 / 5.0, 1.0));
        check_prf("a b c d e f", "a b c d e f g h", (1.0, 3.0 / 5.0));
        check_prf("x y z w", "a b c d", (0.0, 0.0));
    }

    #[test]
    fn counts_are_clipped() {
        // "a b c d" twice in the prediction, once in gold.
        check_prf("a b c d a b c d", "a b c d", (1.0 / 5.0, 1.0));
        let c = shingle_counts("a b c d a b c d", "a b c d");
        assert!((c.tp - 1.0 / 5.0).abs() < 1e-12 && (c.fp - 4.0 / 5.0).abs() < 1e-12);
        assert_eq!(c.fn_, 0.0);
    }

    #[test]
    fn short_texts_are_one_shingle() {
        check_prf("a b", "a b", (1.0, 1.0));
        check_prf("a b", "a b c", (0.0, 0.0));
        check_prf("a b c", "a b c d", (0.0, 0.0));
        check_prf("a b c d", "a b c d", (1.0, 1.0));
    }

    #[test]
    fn empty_texts() {
        // Both empty: precision_score = recall_score = 1 (fp == fn == 0) ...
        check_prf("", "", (1.0, 1.0));
        check_prf("!!! ...", "", (1.0, 1.0));
        // ... but such a page is left out of both averages.
        let both = shingle_counts("", "");
        assert_eq!((both.precision(), both.recall()), (None, None));
        // Empty prediction: recall 0, precision undefined (left out).
        check_prf("", "a b c d e", (0.0, 0.0));
        let miss = shingle_counts("", "a b c d e");
        assert_eq!((miss.precision(), miss.recall()), (None, Some(0.0)));
        // Empty gold: precision 0, recall undefined.
        let extra = shingle_counts("a b c d e", "");
        assert_eq!((extra.precision(), extra.recall()), (Some(0.0), None));
    }

    #[test]
    fn python_word_characters() {
        assert_eq!(
            tokenize("snake_case x2 ½ Ünïcödé 北京 café-au-lait"),
            [
                "snake_case",
                "x2",
                "½",
                "Ünïcödé",
                "北京",
                "café",
                "au",
                "lait"
            ]
        );
        // Combining marks are not \w in Python: "e\u{301}" splits.
        assert_eq!(tokenize("e\u{301}te"), ["e", "te"]);
        assert_eq!(tokenize("it’s"), ["it", "s"]);
    }

    #[test]
    fn aggregate_skips_undefined_pages() {
        let pages = [
            shingle_counts("a b c d e", "a b c d e"), // P 1, R 1
            shingle_counts("", "a b c d e"),          // P -, R 0
            shingle_counts("", ""),                   // P -, R -
        ];
        let (p, r, f1) = aggregate(&pages);
        assert_eq!((p, r), (1.0, 0.5));
        assert!((f1 - 2.0 / 3.0).abs() < 1e-12);
        assert_eq!(aggregate(&[]), (0.0, 0.0, 0.0));
    }

    #[test]
    fn table_is_sorted_by_f1() {
        let row = |system: &str, f1: f64| ExtractionScore {
            system: system.to_owned(),
            pages: 3,
            precision: f1,
            recall: f1,
            f1,
            seconds: 0.5,
        };
        let table = render_table(&[row("low", 0.5), row("a_long_name", 0.9)]);
        let lines: Vec<&str> = table.lines().collect();
        assert_eq!(lines.len(), 3);
        assert!(lines[0].starts_with("system     "));
        assert!(lines[1].starts_with("a_long_name  "));
        assert!(lines[2].starts_with("low  "));
        assert!(lines[1].contains("0.900"));
        assert_eq!(lines[1].len(), lines[2].len());
    }

    #[test]
    fn published_table_lookup() {
        assert_eq!(published_f1("trafilatura"), Some(0.958));
        assert_eq!(published_f1("newsfuse"), None);
        assert_eq!(PUBLISHED_F1.len(), 22);
    }
}
