//! Update summaries: what is new in a story for a reader who has already read some of its
//! articles.
//!
//! What it does: the seen and the new articles are prepared together (one vocabulary, one
//! analysis) and summarized with coverage's greedy objective, changed in three ways:
//!
//! 1. only sentences of new articles may be picked, and not one that a seen article already says
//!    ([`Analysis::corroborating`], the same test as the summary's `also_in`);
//! 2. a concept (content bigram or content word) weighs what coverage gives it over the new
//!    articles' independent reports; a bigram's weight is then multiplied by its *novelty*,
//!    `1 - s`, where `s` is the share of the seen articles that contain it. A phrase every seen
//!    article used counts for nothing and one no seen article used counts in full. Single words
//!    are not discounted: the topic's own words are in every article, seen or new, and a new
//!    development is still told with them;
//! 3. with a topic (a query such as "steps toward the introduction of the euro"), a concept whose
//!    words all occur in the topic weighs `1 + TOPIC_BOOST` times more. Words that ask rather than
//!    name ("describe", "discuss", "details": [`QUESTION_WORDS`]) are not topic words; and a
//!    sentence earns, beside the lead prior, [`TOPIC_PRIOR`] times the new articles' reports
//!    minus one for each distinct topic word it holds (query relevance, as a prior: the greedy
//!    still weighs it against the concepts the sentence adds).
//!
//! The lead prior, budget, redundancy check and reading checks (no dangling subject, no figure
//! given twice) are the summary's. Sentences are cited in the new cluster: `article` and `also_in`
//! index `new.articles`.
//!
//! Reference: the DUC 2007 update pilot and TAC 2008–2009 update tasks (Dang & Owczarzak 2008);
//! novelty as a discount of concepts already seen follows Gillick et al., "The ICSI/UTD
//! Summarization System at TAC 2009".

use std::borrow::Cow;

use rustc_hash::FxHashMap;

use crate::analyze::{Analysis, SentenceInfo, is_content_token};
use crate::model::{Cluster, Span};
use crate::segment::tokenize;
use crate::select::Algorithm;
use crate::select::coverage::{self, Concept, UNIGRAM_WEIGHT};
use crate::summary::{
    Prepared, Summary, SummaryConfig, Warning, article_warnings, prepare, select_readable,
    summary_sentences,
};

/// How much more a concept weighs when all its words are in the topic (it weighs `1 +
/// TOPIC_BOOST` times as much). Chosen from 0, 1 and 2 on the tune half of the DUC 2007 update
/// topics (docs/update.md).
pub const TOPIC_BOOST: f32 = 2.0;

/// A sentence's prior for each distinct topic word it holds, in units of the new articles'
/// independent reports minus one (the most a concept's support can be), so that it keeps its
/// weight against the concepts whatever the number of articles. Chosen on the tune half of DUC
/// 2006's query-focused topics (docs/update.md).
pub const TOPIC_PRIOR: f32 = 0.5;

/// Words of a topic statement that ask for content rather than name it ("Describe steps taken …",
/// "Provide details on …", "What are the main events …"), lowercased surface forms: they are not
/// topic words. Function words are already left out as stopwords.
pub const QUESTION_WORDS: [&str; 26] = [
    "describe",
    "discuss",
    "provide",
    "include",
    "including",
    "identify",
    "explain",
    "give",
    "detail",
    "details",
    "information",
    "specify",
    "list",
    "tell",
    "mention",
    "mentioned",
    "report",
    "reported",
    "main",
    "important",
    "event",
    "events",
    "happen",
    "happened",
    "taken",
    "regarding",
];

/// The sentences of `new` that add information not already in `seen`: an update summary, in the
/// summary's cited form, for a reader who has read `seen`. Articles are indexed in `new`
/// (`SummarySentence::article`, `also_in`). The selection method of `config` is not used: an update
/// summary always uses coverage's objective, with concepts already seen discounted (module docs);
/// the budget and sentence limits are `config`'s. With no seen article it is the coverage summary
/// of `new`.
///
/// ```
/// use newsfuse::{Article, Cluster, SummaryConfig};
///
/// let article = |text: &str| Article { text: text.to_string(), ..Article::default() };
/// let seen = Cluster {
///     id: "storm".into(),
///     articles: vec![article(
///         "A powerful storm hit the coastal town of Marlow on Monday, flooding hundreds of homes.",
///     )],
/// };
/// let new = Cluster {
///     id: "storm".into(),
///     articles: vec![article(
///         "A powerful storm hit the coastal town of Marlow on Monday, flooding hundreds of homes. \
///          Regional officials promised 40 million dollars in aid to rebuild the harbour on Wednesday.",
///     )],
/// };
/// let update = newsfuse::summarize_update(&seen, &new, &SummaryConfig::default().words(100));
/// assert_eq!(update.sentences.len(), 1);
/// assert!(update.sentences[0].text.contains("aid"));
/// ```
pub fn summarize_update(seen: &Cluster, new: &Cluster, config: &SummaryConfig) -> Summary {
    update(seen, new, None, config)
}

/// [`summarize_update`] for a reader who asked about `topic` (a title or question): concepts of
/// the topic weigh `1 + TOPIC_BOOST` times as much ([`TOPIC_BOOST`]), and a sentence earns a
/// prior for each topic word it holds ([`TOPIC_PRIOR`]). With nothing seen it is a
/// query-focused summary of `new`.
pub fn summarize_update_about(
    seen: &Cluster,
    new: &Cluster,
    topic: &str,
    config: &SummaryConfig,
) -> Summary {
    update(seen, new, Some(topic), config)
}

fn update(seen: &Cluster, new: &Cluster, topic: Option<&str>, config: &SummaryConfig) -> Summary {
    let n_seen = seen.articles.len();
    let combined = Cluster {
        id: new.id.clone(),
        articles: seen.articles.iter().chain(&new.articles).cloned().collect(),
    };
    let prepared = prepare(&combined, &config.analyze);
    let weights = ConceptWeights::new(&prepared, n_seen, topic);
    let mut analysis = prepared.analysis.clone();
    for idx in 0..analysis.sentences.len() {
        let info = &analysis.sentences[idx];
        let keep = info.candidate
            && info.article >= n_seen
            && !prepared
                .analysis
                .corroborating(idx)
                .iter()
                .any(|found| found.article < n_seen);
        analysis.sentences[idx].candidate = keep;
    }
    let any_candidate = analysis.sentences.iter().any(|s| s.candidate);
    let ordered = select_readable(&combined, &prepared, Cow::Owned(analysis), |analysis| {
        coverage::select_weighted(
            analysis,
            &config.select,
            |concept| weights.weight(concept),
            |info| coverage::lead_prior(info) + weights.prior(info),
        )
    });
    let mut sentences = summary_sentences(&combined, &prepared, &ordered);
    for sentence in &mut sentences {
        sentence.article -= n_seen;
        // Its matches are numbered in the combined cluster's analysis.
        sentence.corroborating = None;
        sentence.also_in.retain(|&article| article >= n_seen);
        for article in &mut sentence.also_in {
            *article -= n_seen;
        }
    }
    let new_sentences = &prepared.analysis.sentences[prepared
        .analysis
        .article_ranges
        .get(n_seen)
        .map_or(prepared.analysis.sentences.len(), |range| range.start)..];
    let mut warnings = article_warnings(
        new,
        &prepared.segmented[n_seen..],
        !new_sentences.is_empty() && new_sentences.iter().all(|s| !s.candidate),
    );
    if sentences.is_empty() && any_candidate {
        warnings.push(Warning {
            article: None,
            message: format!(
                "no new sentence both fits the budget ({:?}) and reads on its own (a subject \
                 pointing outside the update); the update is empty",
                config.select.budget
            ),
        });
    } else if sentences.is_empty() && new_sentences.iter().any(|s| s.candidate) {
        warnings.push(Warning {
            article: None,
            message: "every new sentence repeats what the seen articles say; the update is empty"
                .into(),
        });
    }
    Summary {
        cluster_id: new.id.clone(),
        algorithm: Algorithm::Coverage,
        budget: config.select.budget,
        n_articles: new.articles.len(),
        sentences,
        warnings,
    }
}

/// What the update's objective needs to weigh a concept: its support among the new articles'
/// independent reports, the share of seen articles that contain it, and the topic's terms.
struct ConceptWeights {
    /// Concept key → independent new reports containing it (or, with one new report, new
    /// sentences containing it, as coverage counts a single report).
    new_support: FxHashMap<u64, u32>,
    /// Concept key → seen articles containing it.
    seen_articles: FxHashMap<u64, u32>,
    /// Seen articles with at least one sentence.
    n_seen_with_text: u32,
    /// Term ids of the topic's content words, sorted.
    topic_terms: Vec<u32>,
    /// A sentence's prior per distinct topic word: [`TOPIC_PRIOR`] × (new reports − 1, at least
    /// 1).
    prior_per_topic_word: f32,
}

impl ConceptWeights {
    fn new(prepared: &Prepared, n_seen: usize, topic: Option<&str>) -> Self {
        let analysis = &prepared.analysis;
        let mut seen_articles: FxHashMap<u64, u32> = FxHashMap::default();
        let mut n_seen_with_text = 0;
        for range in analysis.article_ranges.iter().take(n_seen) {
            if range.is_empty() {
                continue;
            }
            n_seen_with_text += 1;
            for key in distinct_keys(analysis, range.clone()) {
                *seen_articles.entry(key).or_insert(0) += 1;
            }
        }
        // New articles grouped by the report they belong to (a copy of a seen article is grouped
        // with it, so it adds one report whatever its number of copies).
        let mut groups: FxHashMap<usize, Vec<u64>> = FxHashMap::default();
        for (article, range) in analysis.article_ranges.iter().enumerate().skip(n_seen) {
            if range.is_empty() {
                continue;
            }
            let report = analysis.report_of.get(article).copied().unwrap_or(article);
            groups
                .entry(report)
                .or_default()
                .extend(distinct_keys(analysis, range.clone()));
        }
        let n_new_reports = groups.len();
        let mut new_support: FxHashMap<u64, u32> = FxHashMap::default();
        if groups.len() >= 2 {
            for mut keys in groups.into_values() {
                keys.sort_unstable();
                keys.dedup();
                for key in keys {
                    *new_support.entry(key).or_insert(0) += 1;
                }
            }
        } else {
            for range in analysis.article_ranges.iter().skip(n_seen) {
                for idx in range.clone() {
                    for key in distinct_keys(analysis, idx..idx + 1) {
                        *new_support.entry(key).or_insert(0) += 1;
                    }
                }
            }
        }
        let topic_terms = topic.map_or_else(Vec::new, |topic| topic_terms(prepared, topic));
        // One report still gets one unit: its concepts' support counts sentences instead.
        let prior_per_topic_word = TOPIC_PRIOR * (n_new_reports.max(2) - 1) as f32;
        Self {
            new_support,
            seen_articles,
            n_seen_with_text,
            topic_terms,
            prior_per_topic_word,
        }
    }

    fn weight(&self, concept: Concept) -> f32 {
        let key = concept.key();
        let support = self
            .new_support
            .get(&key)
            .copied()
            .unwrap_or(0)
            .saturating_sub(1) as f32;
        if support <= 0.0 {
            return 0.0;
        }
        let seen_share = if self.n_seen_with_text == 0 {
            0.0
        } else {
            self.seen_articles.get(&key).copied().unwrap_or(0) as f32 / self.n_seen_with_text as f32
        };
        let (kind, in_topic) = match concept {
            Concept::Bigram(a, b) => (1.0, self.in_topic(a) && self.in_topic(b)),
            Concept::Term(term) => (UNIGRAM_WEIGHT, self.in_topic(term)),
        };
        let topic = if in_topic { 1.0 + TOPIC_BOOST } else { 1.0 };
        // A phrase the reader has met is not news; a word alone may be (the topic's words are in
        // every article), so only bigrams are discounted.
        let novelty = match concept {
            Concept::Bigram(..) => 1.0 - seen_share,
            Concept::Term(_) => 1.0,
        };
        kind * support * novelty * topic
    }

    /// The topic's share of a sentence's prior: [`TOPIC_PRIOR`] × (new reports − 1) per distinct
    /// topic word in it (0 without a topic).
    fn prior(&self, info: &SentenceInfo) -> f32 {
        if self.topic_terms.is_empty() || self.prior_per_topic_word <= 0.0 {
            return 0.0;
        }
        let mut hits: Vec<u32> = info
            .terms
            .iter()
            .copied()
            .filter(|&term| self.in_topic(term))
            .collect();
        hits.sort_unstable();
        hits.dedup();
        self.prior_per_topic_word * hits.len() as f32
    }

    fn in_topic(&self, term: u32) -> bool {
        self.topic_terms.binary_search(&term).is_ok()
    }
}

/// The distinct concept keys ([`Concept::key`]) of the sentences `range` of the analysis.
fn distinct_keys(analysis: &Analysis, range: std::ops::Range<usize>) -> Vec<u64> {
    let mut keys = Vec::new();
    for info in &analysis.sentences[range] {
        keys.extend_from_slice(&info.bigrams);
        keys.extend(info.terms.iter().map(|&term| Concept::Term(term).key()));
    }
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// Term ids of the content words of `topic` that occur in the cluster, sorted, without
/// [`QUESTION_WORDS`]. Terms are stems, so the topic's words are matched through the stems of the
/// articles' tokens.
fn topic_terms(prepared: &Prepared, topic: &str) -> Vec<u32> {
    let wanted: Vec<_> = tokenize(topic, Span::new(0, topic.len()))
        .into_iter()
        .filter(|token| {
            is_content_token(token)
                && !QUESTION_WORDS.contains(&token.span.slice(topic).to_lowercase().as_str())
        })
        .map(|token| token.stem)
        .collect();
    let mut terms = Vec::new();
    // An article's content tokens, in order, are the analysis's terms of its sentences.
    for (segmented, range) in prepared
        .segmented
        .iter()
        .zip(&prepared.analysis.article_ranges)
    {
        for (sentence, info) in segmented
            .sentences
            .iter()
            .zip(&prepared.analysis.sentences[range.clone()])
        {
            let content = sentence.tokens.iter().filter(|t| is_content_token(t));
            for (token, &term) in content.zip(&info.terms) {
                if wanted.contains(&token.stem) {
                    terms.push(term);
                }
            }
        }
    }
    terms.sort_unstable();
    terms.dedup();
    terms
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::AnalyzeConfig;
    use crate::summary::summarize;
    use crate::testutil::cluster_of;

    const FLOOD: &str = "Flood waters forced three thousand residents of the river town of Ashby \
                         from their homes on Monday night.";
    const FLOOD_AGAIN: &str = "Three thousand residents of the river town of Ashby were forced \
                               from their homes by flood waters on Monday night.";
    const AID: &str = "The regional government approved forty million pounds of emergency aid \
                       for the rebuilding of the Ashby bridge on Thursday.";
    const AID_AGAIN: &str = "On Thursday the regional government approved forty million pounds of \
                             emergency aid for rebuilding the Ashby bridge.";

    fn words(n: usize) -> SummaryConfig {
        SummaryConfig::default().words(n)
    }

    #[test]
    fn a_fact_already_seen_is_left_out_and_a_new_one_is_chosen() {
        let seen = cluster_of(&[FLOOD]);
        let new = cluster_of(&[
            format!("{FLOOD_AGAIN} {AID}"),
            format!("{FLOOD} {AID_AGAIN}"),
        ]);
        // Without the seen article, the flood is the lead of both new articles and is chosen.
        let plain = summarize(&new, &words(25));
        assert!(plain.text().contains("residents"), "{}", plain.text());
        let update = summarize_update(&seen, &new, &words(25));
        assert_eq!(update.sentences.len(), 1, "{:?}", update.text());
        let sentence = &update.sentences[0];
        assert!(sentence.text.contains("emergency aid"), "{}", sentence.text);
        // Cited in the new cluster: its span cuts the text from the new article, and the other
        // new article backs it.
        assert_eq!(
            sentence.span.slice(&new.articles[sentence.article].text),
            sentence.text
        );
        assert_eq!(sentence.also_in, vec![1 - sentence.article]);
        assert_eq!(update.n_articles, 2);
    }

    #[test]
    fn with_nothing_seen_it_is_the_coverage_summary() {
        let new = cluster_of(&[
            format!("{FLOOD_AGAIN} {AID}"),
            format!("{FLOOD} {AID_AGAIN}"),
        ]);
        let update = summarize_update(&cluster_of::<&str>(&[]), &new, &words(40));
        assert_eq!(update.sentences, summarize(&new, &words(40)).sentences);
    }

    #[test]
    fn when_everything_new_was_seen_the_update_is_empty_and_says_why() {
        let seen = cluster_of(&[FLOOD, AID]);
        let new = cluster_of(&[FLOOD_AGAIN, AID_AGAIN]);
        let update = summarize_update(&seen, &new, &words(100));
        assert!(update.sentences.is_empty(), "{}", update.text());
        assert!(
            update
                .warnings
                .iter()
                .any(|w| w.message.contains("repeats what the seen articles say")),
            "{:?}",
            update.warnings
        );
        let nothing_new = summarize_update(&seen, &cluster_of::<&str>(&[]), &words(100));
        assert!(nothing_new.sentences.is_empty());
        assert_eq!(nothing_new.n_articles, 0);
    }

    #[test]
    fn question_words_are_not_topic_words() {
        let prepared = prepare(
            &cluster_of(&["Officials described the flood damage in the river town on Monday."]),
            &AnalyzeConfig::default(),
        );
        // "Describe" asks for content; "described" in a topic would name it (it is in the text).
        assert_eq!(topic_terms(&prepared, "Describe the flood damage").len(), 2);
        assert_eq!(topic_terms(&prepared, "described flood damage").len(), 3);
        assert_eq!(
            topic_terms(&prepared, "Provide details: what happened?"),
            Vec::<u32>::new()
        );
    }

    #[test]
    fn a_sentence_earns_the_topic_prior_per_topic_word() {
        let new = cluster_of(&[
            format!("{FLOOD} {AID}"),
            format!("{FLOOD_AGAIN} {AID_AGAIN}"),
        ]);
        let prepared = prepare(&new, &AnalyzeConfig::default());
        let priors = |topic: Option<&str>| -> Vec<f32> {
            let weights = ConceptWeights::new(&prepared, 0, topic);
            prepared
                .analysis
                .sentences
                .iter()
                .map(|info| weights.prior(info))
                .collect()
        };
        // Two reports: one unit per topic word ("emergency", "aid"), none for the flood.
        let aid = 2.0 * TOPIC_PRIOR;
        assert_eq!(
            priors(Some("Describe the emergency aid")),
            [0.0, aid, 0.0, aid]
        );
        assert_eq!(priors(None), [0.0; 4]);
    }

    #[test]
    fn the_topic_favours_sentences_about_it() {
        let school = "The town council voted on Tuesday to close two primary schools in the \
                      northern district next year.";
        let school_again = "Two primary schools in the northern district will close next year \
                            after the town council voted on Tuesday.";
        // Each story leads one article and follows in the other: the topic decides.
        let new = cluster_of(&[
            format!("{school} {AID}"),
            format!("{AID_AGAIN} {school_again}"),
        ]);
        let seen = cluster_of(&[FLOOD]);
        let budget = words(22);
        let about = |topic: &str| summarize_update_about(&seen, &new, topic, &budget).text();
        assert!(about("emergency aid for the bridge").contains("emergency aid"));
        assert!(about("primary schools closing").contains("schools"));
    }
}
