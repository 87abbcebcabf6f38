//! Mode 1: Google's `rouge-score` package (version 0.1.2), number for number.
//!
//! What is reproduced, from `rouge_score/tokenize.py` and `rouge_scorer.py`:
//! - tokens: the text is lowercased (Unicode), every run of characters outside
//!   `[a-z0-9]` becomes a space, and the text is split on whitespace;
//! - with stemming, NLTK's Porter stemmer ([`crate::nltk_porter`]) is applied
//!   to tokens longer than three characters only;
//! - ROUGE-N: clipped n-gram overlap, precision over the prediction's n-gram
//!   count, recall over the target's (each count floored at 1);
//! - ROUGE-L: LCS over whole texts; zero when either side has no token;
//! - ROUGE-Lsum: summary-level union LCS over `\n`-separated lines, with the
//!   hit clipping of ROUGE-1.5.5 and the same LCS backtracking (ties move up a
//!   row), so the union picks the same tokens as Python;
//! - `score_multi`: per ROUGE type, the reference with the highest F1 wins
//!   (the first one on ties, as `np.argmax`).

use crate::lcs::IdMap;

use crate::nltk_porter;
use crate::{Prf, RougeScores};

/// Scores predictions against references the way `rouge_score.RougeScorer`
/// with `["rouge1", "rouge2", "rougeL", "rougeLsum"]` does.
#[derive(Debug, Clone)]
pub struct RougeScorer {
    use_stemmer: bool,
}

impl RougeScorer {
    /// A scorer; `use_stemmer` turns on NLTK Porter stemming (tokens longer
    /// than three characters), as `RougeScorer(..., use_stemmer=True)`.
    pub fn new(use_stemmer: bool) -> Self {
        RougeScorer { use_stemmer }
    }

    /// Scores `prediction` against every reference and keeps, per ROUGE type,
    /// the reference with the best F1 (rouge-score's `score_multi`).
    ///
    /// For ROUGE-Lsum both texts must have one sentence per line. With no
    /// reference every score is zero.
    pub fn score(&self, references: &[&str], prediction: &str) -> RougeScores {
        let mut vocab = Vocab::new(self.use_stemmer);
        let pred = vocab.text(prediction);
        let mut best: Option<RougeScores> = None;
        for reference in references {
            let target = vocab.text(reference);
            let s = score_pair(&target, &pred, vocab.len());
            best = Some(match best {
                None => s,
                Some(b) => RougeScores {
                    rouge1: better(b.rouge1, s.rouge1),
                    rouge2: better(b.rouge2, s.rouge2),
                    rouge_l: better(b.rouge_l, s.rouge_l),
                    rouge_lsum: better(b.rouge_lsum, s.rouge_lsum),
                },
            });
        }
        best.unwrap_or_default()
    }

    /// Scores one prediction against one reference (rouge-score's `score`).
    pub fn score_single(&self, reference: &str, prediction: &str) -> RougeScores {
        self.score(&[reference], prediction)
    }

    /// The tokens rouge-score's default tokenizer gives for `text`.
    pub fn tokenize(&self, text: &str) -> Vec<String> {
        let mut out = Vec::new();
        for_each_token(text, |t| {
            out.push(if self.use_stemmer && t.len() > 3 {
                nltk_porter::stem(t)
            } else {
                t.to_owned()
            });
        });
        out
    }
}

/// `np.argmax` keeps the first maximum: a later reference wins only when its
/// F1 is strictly higher.
fn better(old: Prf, new: Prf) -> Prf {
    if new.f1 > old.f1 { new } else { old }
}

/// Calls `f` with every token of `text` (lowercased, `[a-z0-9]+` runs).
pub(crate) fn for_each_token(text: &str, mut f: impl FnMut(&str)) {
    let mut buf = String::new();
    let mut flush = |buf: &mut String| {
        if !buf.is_empty() {
            f(buf);
            buf.clear();
        }
    };
    for ch in text.chars() {
        if ch.is_ascii() {
            let c = ch.to_ascii_lowercase();
            if c.is_ascii_alphanumeric() {
                buf.push(c);
            } else {
                flush(&mut buf);
            }
        } else {
            // A few non-ASCII letters lowercase to ASCII (KELVIN SIGN -> 'k',
            // 'İ' -> "i" + combining dot), as in Python's `str.lower`.
            for c in ch.to_lowercase() {
                if c.is_ascii_alphanumeric() {
                    buf.push(c);
                } else {
                    flush(&mut buf);
                }
            }
        }
    }
    flush(&mut buf);
}

/// NLTK stems, remembered per thread across calls (bounded).
fn cached_stem(token: &str) -> String {
    thread_local! {
        static CACHE: std::cell::RefCell<IdMap<String, String>> =
            std::cell::RefCell::new(IdMap::default());
    }
    CACHE.with(|cache| {
        if let Some(s) = cache.borrow().get(token) {
            return s.clone();
        }
        let stemmed = nltk_porter::stem(token);
        let mut cache = cache.borrow_mut();
        if cache.len() > 1 << 20 {
            cache.clear();
        }
        cache.insert(token.to_owned(), stemmed.clone());
        stemmed
    })
}

/// Token ids shared by the prediction and its references within one call.
struct Vocab {
    ids: IdMap<String, u32>,
    stem_cache: IdMap<String, u32>,
    use_stemmer: bool,
}

/// One tokenized text: all tokens, and the tokens of each non-empty line.
struct Text {
    tokens: Vec<u32>,
    lines: Vec<Vec<u32>>,
}

impl Vocab {
    fn new(use_stemmer: bool) -> Self {
        Vocab {
            ids: IdMap::default(),
            stem_cache: IdMap::default(),
            use_stemmer,
        }
    }

    fn len(&self) -> usize {
        self.ids.len()
    }

    fn id(&mut self, token: &str) -> u32 {
        if self.use_stemmer && token.len() > 3 {
            if let Some(&id) = self.stem_cache.get(token) {
                return id;
            }
            let stemmed = cached_stem(token);
            let id = self.intern(&stemmed);
            self.stem_cache.insert(token.to_owned(), id);
            id
        } else {
            self.intern(token)
        }
    }

    fn intern(&mut self, token: &str) -> u32 {
        if let Some(&id) = self.ids.get(token) {
            return id;
        }
        let id = self.ids.len() as u32;
        self.ids.insert(token.to_owned(), id);
        id
    }

    fn text(&mut self, text: &str) -> Text {
        let mut lines = Vec::new();
        let mut tokens = Vec::new();
        for line in text.split('\n').filter(|l| !l.is_empty()) {
            let mut ids = Vec::new();
            for_each_token(line, |t| ids.push(self.id(t)));
            tokens.extend_from_slice(&ids);
            lines.push(ids);
        }
        Text { tokens, lines }
    }
}

fn score_pair(target: &Text, pred: &Text, vocab: usize) -> RougeScores {
    RougeScores {
        rouge1: ngram_prf(&target.tokens, &pred.tokens, 1, vocab),
        rouge2: ngram_prf(&target.tokens, &pred.tokens, 2, vocab),
        rouge_l: lcs_prf(&target.tokens, &pred.tokens, vocab),
        rouge_lsum: summary_lcs_prf(&target.lines, &pred.lines, vocab),
    }
}

/// rouge-score's `fmeasure`.
fn fmeasure(precision: f64, recall: f64) -> f64 {
    if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    }
}

fn prf(hits: usize, pred_total: usize, target_total: usize) -> Prf {
    let precision = hits as f64 / pred_total.max(1) as f64;
    let recall = hits as f64 / target_total.max(1) as f64;
    Prf {
        precision,
        recall,
        f1: fmeasure(precision, recall),
    }
}

fn ngram_prf(target: &[u32], pred: &[u32], n: usize, vocab: usize) -> Prf {
    let count = |t: &[u32]| (t.len() + 1).saturating_sub(n);
    let (tc, pc) = (count(target), count(pred));
    let hits = if n == 1 {
        let mut counts = vec![0u32; vocab];
        for &t in target {
            counts[t as usize] += 1;
        }
        let mut hits = 0;
        for &p in pred {
            if counts[p as usize] > 0 {
                counts[p as usize] -= 1;
                hits += 1;
            }
        }
        hits
    } else {
        let mut counts: IdMap<&[u32], u32> = IdMap::default();
        counts.reserve(tc);
        for g in target.windows(n) {
            *counts.entry(g).or_insert(0) += 1;
        }
        let mut hits = 0;
        for g in pred.windows(n) {
            if let Some(c) = counts.get_mut(g)
                && *c > 0
            {
                *c -= 1;
                hits += 1;
            }
        }
        hits
    };
    prf(hits, pc, tc)
}

fn lcs_prf(target: &[u32], pred: &[u32], vocab: usize) -> Prf {
    if target.is_empty() || pred.is_empty() {
        return Prf::default();
    }
    let hits = crate::lcs::lcs_len(target, pred, vocab);
    prf(hits, pred.len(), target.len())
}

fn summary_lcs_prf(target: &[Vec<u32>], pred: &[Vec<u32>], vocab: usize) -> Prf {
    let m: usize = target.iter().map(Vec::len).sum();
    let n: usize = pred.iter().map(Vec::len).sum();
    if target.is_empty() || pred.is_empty() || m == 0 || n == 0 {
        return Prf::default();
    }
    let mut cnt_r = vec![0u32; vocab];
    let mut cnt_c = vec![0u32; vocab];
    for &t in target.iter().flatten() {
        cnt_r[t as usize] += 1;
    }
    for &t in pred.iter().flatten() {
        cnt_c[t as usize] += 1;
    }
    let mut table = crate::lcs::LcsTable::default();
    let mut presence = crate::lcs::Presence::default();
    let mut union = Vec::new();
    let mut hits = 0;
    for r in target {
        union.clear();
        presence.set(r, vocab);
        for c in pred.iter().filter(|c| presence.shares(c)) {
            table.fill(r, c);
            table.backtrack_into(r, c, &mut union);
        }
        union.sort_unstable();
        union.dedup();
        for &i in &union {
            let t = r[i] as usize;
            if cnt_c[t] > 0 && cnt_r[t] > 0 {
                hits += 1;
                cnt_c[t] -= 1;
                cnt_r[t] -= 1;
            }
        }
    }
    prf(hits, n, m)
}

#[cfg(test)]
mod tests {
    use super::RougeScorer;
    use crate::RougeScores;

    #[test]
    fn tokenizer() {
        let s = RougeScorer::new(false);
        assert_eq!(
            s.tokenize("It's 3.5% — naïve, co-op; KELVIN\u{212A}!"),
            ["it", "s", "3", "5", "na", "ve", "co", "op", "kelvink"]
        );
        let s = RougeScorer::new(true);
        assert_eq!(
            s.tokenize("The cats were running"),
            ["the", "cat", "were", "run"]
        );
    }

    #[test]
    fn identical_texts_score_one() {
        let r = RougeScorer::new(true).score(&["a cat sat\non the mat"], "a cat sat\non the mat");
        assert_eq!(r.rouge1.f1, 1.0);
        assert_eq!(r.rouge2.f1, 1.0);
        assert_eq!(r.rouge_l.f1, 1.0);
        assert_eq!(r.rouge_lsum.f1, 1.0);
    }

    #[test]
    fn no_reference_is_zero() {
        assert_eq!(
            RougeScorer::new(false).score(&[], "x"),
            RougeScores::default()
        );
    }
}
