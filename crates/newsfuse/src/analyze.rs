//! Stage 3a, analyze: from segmented articles to the numbers selection works on.
//!
//! Interns content-word stems into term ids, counts in how many articles each term and each
//! content bigram occurs (cross-article support: what several outlets report is what an editor
//! keeps), builds an L2-normalised tf-idf vector per sentence and the cluster centroid, and marks
//! which sentences may enter a summary at all (body sentences of reasonable length with content).
//!
//! Architecture invariant: analysis is a pure function of its input; sentence order is article
//! order, then position, so every index here maps back to `(article, sentence)`.

use rustc_hash::FxHashMap;

use crate::model::{Cluster, SegmentedArticle, Token};

/// Limits on which sentences may be extracted.
#[derive(Debug, Clone, PartialEq)]
pub struct AnalyzeConfig {
    /// Shortest extractable sentence, in words.
    pub min_words: usize,
    /// Longest extractable sentence, in words.
    pub max_words: usize,
}

impl Default for AnalyzeConfig {
    fn default() -> Self {
        Self {
            min_words: 8,
            max_words: 70,
        }
    }
}

/// What selection knows about one sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct SentenceInfo {
    /// Article index in the cluster.
    pub article: usize,
    /// Sentence index in the article's [`SegmentedArticle::sentences`].
    pub sentence: usize,
    /// Position among the article's body (non-headline) sentences, 0 first.
    pub position: usize,
    /// Number of words (whitespace-separated) in the sentence text.
    pub n_words: usize,
    /// Number of characters in the sentence text.
    pub n_chars: usize,
    /// May enter a summary.
    pub candidate: bool,
    /// Content term ids in text order (stopwords removed; repeats kept).
    pub terms: Vec<u32>,
    /// Distinct content bigram keys `(first << 32) | second`, sorted.
    pub bigrams: Vec<u64>,
    /// L2-normalised tf-idf vector, sorted by term id.
    pub vector: Vec<(u32, f32)>,
}

/// The analysed cluster.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Analysis {
    /// All sentences, article by article, in text order.
    pub sentences: Vec<SentenceInfo>,
    /// Number of articles with at least one sentence.
    pub n_articles_with_text: usize,
    /// For each term id, in how many articles it occurs.
    pub term_article_freq: Vec<u32>,
    /// For each term id, its inverse article frequency `ln(1 + N / df)`.
    pub idf: Vec<f32>,
    /// For each content bigram key, in how many articles it occurs.
    pub bigram_article_freq: FxHashMap<u64, u32>,
    /// L2-normalised tf-idf centroid of the whole cluster, sorted by term id.
    pub centroid: Vec<(u32, f32)>,
    /// For each article, the range of its sentences in [`Analysis::sentences`].
    pub article_ranges: Vec<std::ops::Range<usize>>,
}

/// Analyses a segmented cluster.
pub fn analyze(
    cluster: &Cluster,
    segmented: &[SegmentedArticle],
    config: &AnalyzeConfig,
) -> Analysis {
    let n_sentences: usize = segmented.iter().map(|s| s.sentences.len()).sum();
    // Sized up front (about six distinct terms per sentence in news): no rehashing as it grows.
    let mut vocabulary: FxHashMap<&str, u32> =
        FxHashMap::with_capacity_and_hasher(n_sentences * 6, rustc_hash::FxBuildHasher);
    let mut sentences = Vec::with_capacity(n_sentences);
    let mut article_ranges = Vec::with_capacity(segmented.len());
    for (article_idx, (article, seg)) in cluster.articles.iter().zip(segmented).enumerate() {
        let range_start = sentences.len();
        let mut position = 0;
        for (sentence_idx, sentence) in seg.sentences.iter().enumerate() {
            let text = sentence.span.slice(&article.text);
            let n_words = word_count(text);
            let mut terms = Vec::with_capacity(sentence.tokens.len());
            for token in &sentence.tokens {
                if !is_content_token(token) {
                    continue;
                }
                let next_id = u32::try_from(vocabulary.len()).unwrap_or(u32::MAX);
                terms.push(*vocabulary.entry(&*token.stem).or_insert(next_id));
            }
            let mut bigrams: Vec<u64> = terms
                .windows(2)
                .map(|w| (u64::from(w[0]) << 32) | u64::from(w[1]))
                .collect();
            bigrams.sort_unstable();
            bigrams.dedup();
            let candidate = !sentence.is_headline
                && n_words >= config.min_words
                && n_words <= config.max_words
                && terms.len() >= 3
                && looks_like_prose(text)
                && !needs_context(text);
            sentences.push(SentenceInfo {
                article: article_idx,
                sentence: sentence_idx,
                position,
                n_words,
                n_chars: text.chars().count(),
                candidate,
                terms,
                bigrams,
                vector: Vec::new(),
            });
            if !sentence.is_headline {
                position += 1;
            }
        }
        article_ranges.push(range_start..sentences.len());
    }

    let n_terms = vocabulary.len();
    let mut term_article_freq = vec![0u32; n_terms];
    // At most one entry per sentence bigram: no rehashing as it grows.
    let mut bigram_article_freq: FxHashMap<u64, u32> = FxHashMap::with_capacity_and_hasher(
        sentences.iter().map(|s| s.bigrams.len()).sum(),
        rustc_hash::FxBuildHasher,
    );
    let mut seen_term = vec![usize::MAX; n_terms];
    let mut n_articles_with_text = 0;
    for (article_idx, range) in article_ranges.iter().enumerate() {
        if !range.is_empty() {
            n_articles_with_text += 1;
        }
        let mut article_bigrams: Vec<u64> = Vec::new();
        for info in &sentences[range.clone()] {
            for &term in &info.terms {
                if seen_term[term as usize] != article_idx {
                    seen_term[term as usize] = article_idx;
                    term_article_freq[term as usize] += 1;
                }
            }
            article_bigrams.extend_from_slice(&info.bigrams);
        }
        article_bigrams.sort_unstable();
        article_bigrams.dedup();
        for bigram in article_bigrams {
            *bigram_article_freq.entry(bigram).or_insert(0) += 1;
        }
    }
    let n_docs = n_articles_with_text.max(1) as f32;
    let idf: Vec<f32> = term_article_freq
        .iter()
        .map(|&df| (1.0 + n_docs / df.max(1) as f32).ln())
        .collect();

    let mut centroid_dense = vec![0f32; n_terms];
    for info in &mut sentences {
        info.vector = tfidf_vector(&info.terms, &idf);
        for &term in &info.terms {
            centroid_dense[term as usize] += idf[term as usize];
        }
    }
    let centroid = normalise(
        centroid_dense
            .into_iter()
            .enumerate()
            .filter(|&(_, w)| w > 0.0)
            .map(|(t, w)| (t as u32, w))
            .collect(),
    );

    Analysis {
        sentences,
        n_articles_with_text,
        term_article_freq,
        idf,
        bigram_article_freq,
        centroid,
        article_ranges,
    }
}

/// True for a token that becomes a term: not a stopword, and two characters or more unless a number.
pub fn is_content_token(token: &Token) -> bool {
    !token.is_stopword && (token.stem.len() >= 2 || token.stem.chars().all(|c| c.is_ascii_digit()))
}

/// Words that, opening a sentence, point back to something said before it ("However, they
/// want..."): such a sentence misleads when read without its predecessor.
const CONTEXT_OPENERS: [&str; 7] = [
    "however",
    "but",
    "and",
    "also",
    "still",
    "meanwhile",
    "instead",
];

/// True when the sentence opens with a word that refers back to an earlier sentence.
fn needs_context(text: &str) -> bool {
    let first = text
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .next()
        .unwrap_or("");
    CONTEXT_OPENERS
        .iter()
        .any(|opener| first.eq_ignore_ascii_case(opener))
}

/// Number of whitespace-separated words (as `split_whitespace`), with a byte loop for ASCII text:
/// this runs on every sentence.
fn word_count(text: &str) -> usize {
    if !text.is_ascii() {
        return text.split_whitespace().count();
    }
    let mut words = 0;
    let mut in_word = false;
    for &b in text.as_bytes() {
        // ASCII characters with the Unicode White_Space property: tab to carriage return, space.
        let space = matches!(b, b'\t'..=b'\r' | b' ');
        words += usize::from(!space && !in_word);
        in_word = !space;
    }
    words
}

/// Prose, not a list item, a caption fragment or a shouted banner.
fn looks_like_prose(text: &str) -> bool {
    let (mut letters, mut upper) = (0usize, 0usize);
    if text.is_ascii() {
        for b in text.bytes().filter(u8::is_ascii_alphabetic) {
            letters += 1;
            upper += usize::from(b.is_ascii_uppercase());
        }
    } else {
        for c in text.chars().filter(|c| c.is_alphabetic()) {
            letters += 1;
            upper += usize::from(c.is_uppercase());
        }
    }
    if letters == 0 || upper * 10 > letters * 6 {
        return false;
    }
    let last = text.trim_end().chars().last().unwrap_or(' ');
    matches!(
        last,
        '.' | '!' | '?' | '"' | '\'' | '\u{201d}' | '\u{2019}' | ')'
    )
}

fn tfidf_vector(terms: &[u32], idf: &[f32]) -> Vec<(u32, f32)> {
    let mut sorted = terms.to_vec();
    sorted.sort_unstable();
    let mut vector: Vec<(u32, f32)> = Vec::with_capacity(sorted.len());
    for term in sorted {
        match vector.last_mut() {
            Some((last, weight)) if *last == term => *weight += idf[term as usize],
            _ => vector.push((term, idf[term as usize])),
        }
    }
    normalise(vector)
}

fn normalise(mut vector: Vec<(u32, f32)>) -> Vec<(u32, f32)> {
    let norm = vector.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
    if norm > 0.0 {
        for (_, weight) in &mut vector {
            *weight /= norm;
        }
    }
    vector
}

/// Cosine of two L2-normalised sparse vectors sorted by id.
pub fn cosine(a: &[(u32, f32)], b: &[(u32, f32)]) -> f32 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    sum
}

/// Number of distinct ids two sorted, deduplicated lists share.
pub fn shared_count<T: Ord>(a: &[T], b: &[T]) -> usize {
    let (mut i, mut j, mut count) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                count += 1;
                i += 1;
                j += 1;
            }
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::analysed;

    #[test]
    fn counts_terms_and_bigrams_per_article() {
        let analysis = analysed(&[
            "Ministers from many countries met in Rome on Tuesday to discuss the crisis.",
            "The ministers met in Rome to discuss the crisis and the next steps ahead.",
            "An unrelated report about football results from the weekend games played.",
        ]);
        assert_eq!(analysis.n_articles_with_text, 3);
        assert_eq!(analysis.article_ranges, vec![0..1, 1..2, 2..3]);
        let first = &analysis.sentences[0];
        assert!(first.candidate);
        // "met rome" occurs in two articles.
        let shared: Vec<u64> = first
            .bigrams
            .iter()
            .copied()
            .filter(|b| analysis.bigram_article_freq[b] == 2)
            .collect();
        assert!(!shared.is_empty());
        assert!(
            cosine(&first.vector, &analysis.sentences[1].vector)
                > cosine(&first.vector, &analysis.sentences[2].vector)
        );
    }

    #[test]
    fn short_shouted_and_unfinished_sentences_are_not_candidates() {
        let analysis = analysed(&[
            "Too short here.\n\nTHIS IS A SHOUTED BANNER LINE WITH MANY WORDS IN IT.\n\nA long enough line that has no final punctuation at all here",
        ]);
        assert!(analysis.sentences.iter().all(|s| !s.candidate));
    }

    #[test]
    fn sentences_opening_with_a_connective_are_not_candidates() {
        assert!(needs_context(
            "However, they want a green light from the new government first."
        ));
        assert!(needs_context("\"But the talks went on,\" she said."));
        assert!(!needs_context(
            "Butter prices rose sharply in the capital on Monday, traders said."
        ));
        assert!(!needs_context(
            "He told reporters that the meeting in the capital went well."
        ));
        let analysis = analysed(&[
            "Meanwhile, the ministers of twenty countries met in the capital on Tuesday.",
        ]);
        assert!(!analysis.sentences[0].candidate);
    }

    #[test]
    fn word_count_matches_split_whitespace() {
        for text in [
            "",
            " ",
            "one",
            "  two  words ",
            "tab\tand\nnew\x0bline\x0cfeed\rreturn",
            "unit\x1fseparator is not space",
            "caf\u{e9} au\u{a0}lait\u{2003}here",
        ] {
            assert_eq!(
                word_count(text),
                text.split_whitespace().count(),
                "{text:?}"
            );
        }
    }

    #[test]
    fn empty_cluster() {
        let analysis = analysed::<&str>(&[]);
        assert!(analysis.sentences.is_empty());
        assert!(analysis.centroid.is_empty());
    }
}
