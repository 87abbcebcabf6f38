//! Stage 3a, analyze: from segmented articles to the numbers selection works on.
//!
//! Interns content-word stems into term ids, counts in how many articles each term and each
//! content bigram occurs (cross-article support: what several outlets report is what an editor
//! keeps), finds which articles copy or rewrite an earlier one so that support can count
//! independent reports rather than copies (see [`Analysis::report_of`]), builds an L2-normalised
//! tf-idf vector per sentence and the cluster centroid, and marks which sentences may enter a
//! summary at all (body sentences of reasonable length with content).
//!
//! Architecture invariant: analysis is a pure function of its input; sentence order is article
//! order, then position, so every index here maps back to `(article, sentence)`.

use rustc_hash::FxHashMap;

use crate::clean::is_site_sentence;
use crate::model::{Cluster, SegmentedArticle, Token};
use crate::script::word_count;

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
    /// For each article, the earlier article it copies or rewrites (at least
    /// [`COPY_CONTAINMENT`] of the smaller one's distinct content bigrams are in the other), or
    /// its own index when it reports independently. Wire copy republished with small edits, and
    /// successive updates of one wire story, otherwise count as several outlets confirming it.
    pub report_of: Vec<usize>,
    /// Number of independent reports (articles with text that copy no earlier one).
    pub n_reports: usize,
    /// For each term id, in how many independent reports it occurs; empty when no article is a
    /// copy (then it equals [`Analysis::term_article_freq`]). Read it with [`Analysis::term_reports`].
    term_report_freq: Vec<u32>,
    /// For each content bigram key, in how many independent reports it occurs; empty when no
    /// article is a copy. Read it with [`Analysis::bigram_reports`].
    bigram_report_freq: FxHashMap<u64, u32>,
}

/// Share of the smaller article's distinct content bigrams that must also occur in an earlier
/// article for the smaller to count as its copy or rewrite. DUC-style clusters hold successive
/// updates of one wire story; Multi-News clusters rarely hold copies at all.
pub const COPY_CONTAINMENT: f32 = 0.7;

/// Fewest distinct content bigrams an article needs before it can be called a copy (a few
/// shared phrases make two short texts look alike).
const COPY_MIN_BIGRAMS: usize = 10;

/// Most earlier independent reports an article is compared with, the most recent first: keeps
/// copy detection linear in the cluster size on clusters of thousands of articles.
const COPY_MAX_COMPARED: usize = 64;

impl Analysis {
    /// In how many independent reports term `term` occurs.
    pub fn term_reports(&self, term: u32) -> u32 {
        let freq = if self.term_report_freq.is_empty() {
            &self.term_article_freq
        } else {
            &self.term_report_freq
        };
        freq.get(term as usize).copied().unwrap_or(0)
    }

    /// In how many independent reports the content bigram `key` occurs.
    pub fn bigram_reports(&self, key: u64) -> u32 {
        let freq = if self.bigram_report_freq.is_empty() {
            &self.bigram_article_freq
        } else {
            &self.bigram_report_freq
        };
        freq.get(&key).copied().unwrap_or(0)
    }
}

/// Least [`Corroboration::score`] at which another article's sentence says the same thing.
pub const CORROBORATION_THRESHOLD: f32 = 0.5;

/// Another article's sentence that says what a given sentence says.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Corroboration {
    /// The other article.
    pub article: usize,
    /// The matching sentence, an index into [`Analysis::sentences`].
    pub sentence: usize,
    /// How much of the given sentence the match contains, 0..=1: the mean of the share of its
    /// distinct terms and the share of its content bigrams found in the match (the term share alone
    /// when it has no bigram). At least [`CORROBORATION_THRESHOLD`].
    pub score: f32,
}

impl Analysis {
    /// For every other article, its sentence that best contains what sentence `idx` says, when
    /// that scores at least [`CORROBORATION_THRESHOLD`]; articles in ascending order, the earliest
    /// sentence on ties. The one definition of "another article says the same thing": the
    /// summary's `also_in` and the brief's corroboration both read it. Empty when `idx` is out of
    /// range or the sentence has no term.
    pub fn corroborating(&self, idx: usize) -> Vec<Corroboration> {
        let Some(target) = self.sentences.get(idx) else {
            return Vec::new();
        };
        // The vector holds each distinct term once.
        let n_terms = target.vector.len();
        if n_terms == 0 {
            return Vec::new();
        }
        let mut in_target = vec![false; self.idf.len()];
        for &(term, _) in &target.vector {
            in_target[term as usize] = true;
        }
        let n_bigrams = target.bigrams.len();
        let mut found = Vec::new();
        for (article, range) in self.article_ranges.iter().enumerate() {
            if article == target.article {
                continue;
            }
            let mut best: Option<(f32, usize)> = None;
            for (offset, other) in self.sentences[range.clone()].iter().enumerate() {
                let shared_terms = other
                    .vector
                    .iter()
                    .filter(|&&(term, _)| in_target[term as usize])
                    .count();
                if shared_terms == 0 {
                    continue; // No shared term means no shared bigram either.
                }
                let term_share = shared_terms as f32 / n_terms as f32;
                let score = if n_bigrams == 0 {
                    term_share
                } else {
                    // The bigram share is at most 1: skip the merge when even that cannot win.
                    let ceiling = f32::midpoint(term_share, 1.0);
                    if ceiling < CORROBORATION_THRESHOLD
                        || best.is_some_and(|(score, _)| ceiling <= score)
                    {
                        continue;
                    }
                    let bigram_share =
                        shared_count(&target.bigrams, &other.bigrams) as f32 / n_bigrams as f32;
                    f32::midpoint(term_share, bigram_share)
                };
                if score >= CORROBORATION_THRESHOLD && best.is_none_or(|(top, _)| score > top) {
                    best = Some((score, range.start + offset));
                }
            }
            if let Some((score, sentence)) = best {
                found.push(Corroboration {
                    article,
                    sentence,
                    score,
                });
            }
        }
        found
    }
}

/// How many elements two sorted, deduplicated slices share, or `None` as soon as they cannot
/// share `needed`.
fn shared_at_least<T: Ord>(a: &[T], b: &[T], needed: usize) -> Option<usize> {
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        if shared + (a.len() - i).min(b.len() - j) < needed {
            return None;
        }
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    (shared >= needed).then_some(shared)
}

/// The earlier independent report that `bigrams` (an article's sorted distinct content bigrams)
/// copies, if any; `reports` holds the independent reports so far as (article, bigrams).
fn copied_report(bigrams: &[u64], reports: &[(usize, Vec<u64>)]) -> Option<usize> {
    if bigrams.len() < COPY_MIN_BIGRAMS {
        return None;
    }
    reports
        .iter()
        .rev()
        .take(COPY_MAX_COMPARED)
        .filter(|(_, other)| other.len() >= COPY_MIN_BIGRAMS)
        .find(|(_, other)| {
            let smaller = bigrams.len().min(other.len());
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let needed = (COPY_CONTAINMENT * smaller as f32).ceil() as usize;
            shared_at_least(bigrams, other, needed.max(1)).is_some()
        })
        .map(|&(article, _)| article)
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
                && !needs_context(text)
                && !is_site_sentence(text);
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
    let mut report_of: Vec<usize> = (0..article_ranges.len()).collect();
    // Independent reports so far, with their distinct bigrams; copies, with theirs.
    let mut reports: Vec<(usize, Vec<u64>)> = Vec::new();
    let mut copies: Vec<(usize, Vec<u64>)> = Vec::new();
    for (article_idx, range) in article_ranges.iter().enumerate() {
        if range.is_empty() {
            continue;
        }
        n_articles_with_text += 1;
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
        for &bigram in &article_bigrams {
            *bigram_article_freq.entry(bigram).or_insert(0) += 1;
        }
        match copied_report(&article_bigrams, &reports) {
            Some(original) => {
                report_of[article_idx] = original;
                copies.push((article_idx, article_bigrams));
            }
            None => reports.push((article_idx, article_bigrams)),
        }
    }
    let n_reports = reports.len();
    let (term_report_freq, bigram_report_freq) = if copies.is_empty() {
        (Vec::new(), FxHashMap::default())
    } else {
        report_freqs(
            &sentences,
            &article_ranges,
            &report_of,
            reports,
            copies,
            n_terms,
        )
    };
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
        report_of,
        n_reports,
        term_report_freq,
        bigram_report_freq,
    }
}

/// Term and bigram frequencies over independent reports: an original and its copies count once.
fn report_freqs(
    sentences: &[SentenceInfo],
    article_ranges: &[std::ops::Range<usize>],
    report_of: &[usize],
    reports: Vec<(usize, Vec<u64>)>,
    copies: Vec<(usize, Vec<u64>)>,
    n_terms: usize,
) -> (Vec<u32>, FxHashMap<u64, u32>) {
    let mut term_freq = vec![0u32; n_terms];
    let mut seen_term = vec![usize::MAX; n_terms];
    // Members of one report in a row, so that "seen in this report" is one marker per term.
    let mut by_report: Vec<usize> = (0..article_ranges.len()).collect();
    by_report.sort_by_key(|&article| report_of[article]);
    for article_idx in by_report {
        let report = report_of[article_idx];
        for info in &sentences[article_ranges[article_idx].clone()] {
            for &term in &info.terms {
                if seen_term[term as usize] != report {
                    seen_term[term as usize] = report;
                    term_freq[term as usize] += 1;
                }
            }
        }
    }
    let mut members: FxHashMap<usize, Vec<u64>> = reports.into_iter().collect();
    for (article, bigrams) in copies {
        if let Some(group) = members.get_mut(&report_of[article]) {
            group.extend(bigrams);
        }
    }
    let mut bigram_freq = FxHashMap::default();
    for mut bigrams in members.into_values() {
        bigrams.sort_unstable();
        bigrams.dedup();
        for bigram in bigrams {
            *bigram_freq.entry(bigram).or_insert(0) += 1;
        }
    }
    (term_freq, bigram_freq)
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
        // Ideographic and fullwidth stops, corner brackets; the Devanagari danda; the Arabic and
        // Greek question marks.
            | '。' | '｡' | '！' | '？' | '」' | '』' | '）' | '।' | '؟' | '\u{37e}'
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
    shared_at_least(a, b, 0).unwrap_or(0)
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

    const WIRE: &str = "Police arrested the former dictator in London on Friday night after a Spanish warrant.\n\n\
        The arrest followed a request from a Spanish judge investigating killings of Spanish citizens.\n\n\
        His lawyers said he was recovering from back surgery at a private clinic in the capital.";
    const WIRE_UPDATE: &str = "Police arrested the former dictator in London on Friday night after a Spanish warrant.\n\n\
        The arrest followed a request from a Spanish judge investigating killings of Spanish citizens.\n\n\
        His lawyers said he was recovering from back surgery at a private clinic in the capital.\n\n\
        Government officials in Santiago protested the detention on Saturday morning.";
    const OTHER_OUTLET: &str = "Chile protested on Saturday after British police detained the former dictator in London.\n\n\
        Officials in Santiago said he travelled on a diplomatic passport and should be immune from arrest.";

    #[test]
    fn copies_and_updates_of_one_report_count_once() {
        let analysis = analysed(&[WIRE, OTHER_OUTLET, WIRE_UPDATE]);
        assert_eq!(analysis.report_of, vec![0, 1, 0]);
        assert_eq!(analysis.n_reports, 2);
        assert_eq!(analysis.n_articles_with_text, 3);
        // Every phrase of the wire story is in its update too: one report fewer than articles.
        for info in &analysis.sentences[analysis.article_ranges[0].clone()] {
            for &bigram in &info.bigrams {
                assert_eq!(
                    analysis.bigram_reports(bigram),
                    analysis.bigram_article_freq[&bigram] - 1
                );
            }
        }
        // "Former dictator" is in all three articles and two independent reports.
        let dictator = analysis.sentences[0]
            .terms
            .iter()
            .copied()
            .find(|&t| analysis.term_article_freq[t as usize] == 3)
            .expect("a term of all three articles");
        assert_eq!(analysis.term_reports(dictator), 2);
    }

    #[test]
    fn independent_articles_are_their_own_reports() {
        let analysis = analysed(&[WIRE, OTHER_OUTLET]);
        assert_eq!(analysis.report_of, vec![0, 1]);
        assert_eq!(analysis.n_reports, 2);
        for info in &analysis.sentences {
            for &bigram in &info.bigrams {
                assert_eq!(
                    analysis.bigram_reports(bigram),
                    analysis.bigram_article_freq[&bigram]
                );
            }
        }
        // Too short to call anything a copy, however alike.
        let short = analysed(&[
            "Police arrested him on Friday.",
            "Police arrested him on Friday.",
        ]);
        assert_eq!(short.report_of, vec![0, 1]);
    }

    #[test]
    fn corroboration_finds_the_sentence_containing_most_of_the_given_one() {
        let analysis = analysed(&[
            "The storm killed twelve people in the coastal town of Brava.",
            "Rescue teams searched all night. Officials confirmed on Tuesday that the storm killed \
             twelve people in the coastal town of Brava, destroyed the harbour, cut power to \
             thousands of homes and closed the only road into the valley for a week.",
            "The storm reached the coast. A football match in the capital was postponed because \
             of heavy rain.",
        ]);
        let found = analysis.corroborating(0);
        // The long sentence of article 1 holds every term and bigram of sentence 0 (score 1), though
        // its tf-idf cosine with it is low; article 2 shares only "storm", far from half.
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].article, 1);
        assert_eq!(found[0].sentence, analysis.article_ranges[1].start + 1);
        assert!((found[0].score - 1.0).abs() < 1e-6, "{found:?}");
        assert!(cosine(&analysis.sentences[0].vector, &analysis.sentences[2].vector) < 0.5);
        // Of "The storm reached the coast", the other articles hold only "storm": no match.
        assert!(
            analysis
                .corroborating(analysis.article_ranges[2].start)
                .is_empty()
        );
        assert!(analysis.corroborating(analysis.sentences.len()).is_empty());
    }

    #[test]
    fn shared_counting_stops_early_only_when_the_threshold_is_out_of_reach() {
        assert_eq!(shared_at_least(&[1, 2, 3, 4], &[2, 3, 4, 5], 3), Some(3));
        assert_eq!(shared_at_least(&[1, 2, 3, 4], &[2, 3, 4, 5], 4), None);
        assert_eq!(shared_at_least(&[], &[1], 0), Some(0));
        assert_eq!(shared_at_least(&[1, 9], &[2, 8], 1), None);
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
    fn site_text_inside_a_paragraph_is_not_a_candidate() {
        let analysis = analysed(&[
            "The council approved the new budget for the city on Tuesday evening. Reach the reporter at 555-0100 or jroe@example-paper.com. What do you think of the plan for the city budget?",
        ]);
        let candidates: Vec<bool> = analysis.sentences.iter().map(|s| s.candidate).collect();
        assert_eq!(candidates, [true, false, false]);
    }

    #[test]
    fn empty_cluster() {
        let analysis = analysed::<&str>(&[]);
        assert!(analysis.sentences.is_empty());
        assert!(analysis.centroid.is_empty());
    }
}
