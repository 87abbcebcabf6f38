//! The brief: the summary plus what a reader needs to trust it.
//!
//! [`build_brief`] takes a cluster, its cleaned and segmented articles and the summary's sentences
//! (chosen by the select stage) and adds six analyses, one module each:
//!
//! - [`coverage`]: which articles copy or rewrite another, which report independently;
//! - corroboration (here): for each summary sentence, the articles that say the same thing;
//! - [`quotes`]: direct quotations with their speaker, merged across articles;
//! - [`entities`]: people, places and organisations with their roles;
//! - [`figures`]: every number with what it measures, and where articles disagree;
//! - [`when`]: the event's date, resolved from relative dates.
//!
//! [`render`] turns a [`Brief`] into JSON (the versioned schema in `docs/brief-schema.json`),
//! Markdown and a standalone HTML page. Everything is pure and never panics; every excerpt keeps
//! its byte span into [`Article::text`](crate::model::Article::text).

pub mod coverage;
pub mod entities;
pub mod figures;
mod narrow;
mod pages;
mod places;
pub mod quotes;
pub mod render;
mod scope;
pub mod when;

#[cfg(test)]
mod eval_tests;
#[cfg(test)]
mod schema_tests;
#[cfg(test)]
pub(crate) mod testutil;

use std::collections::HashSet;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::analyze::{Analysis, AnalyzeConfig};
use crate::model::{CleanArticle, Cluster, SegmentedArticle, Sentence, Span};
use crate::summary::{Prepared, Summary};

pub use pages::render_html_pages;
pub use render::{render_html, render_json, render_markdown};

/// The version of the JSON schema [`render_json`] writes (`docs/brief-schema.json`).
pub const SCHEMA_VERSION: &str = "1.2.0";

/// Everything `newsfuse brief` reports about one cluster.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Brief {
    /// Schema version, [`SCHEMA_VERSION`].
    pub schema_version: String,
    /// The cluster's id.
    pub cluster_id: String,
    /// The articles, in input order (their index is the article id everywhere in the brief).
    pub articles: Vec<ArticleInfo>,
    /// The summary sentences with the articles that support each.
    pub summary: Vec<SummarySentence>,
    /// Copies, rewrites and independent reports.
    pub coverage: coverage::Coverage,
    /// Direct quotations grouped across articles.
    pub quotes: Vec<quotes::QuoteGroup>,
    /// People, places and organisations, most widely mentioned first.
    pub entities: Vec<entities::Entity>,
    /// Numbers with what they measure, agreements and disagreements.
    pub figures: figures::Figures,
    /// The event's date.
    pub when: when::When,
}

/// One article as the brief names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleInfo {
    /// Index into the cluster.
    pub index: usize,
    /// Where it came from (file path, URL or id).
    pub origin: String,
    /// A short human label: headline, outlet or file name.
    pub label: String,
    /// Outlet, when known or found in a wire dateline such as "(Reuters)".
    pub source: Option<String>,
}

/// A piece of an article's text, with its byte span.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Excerpt {
    /// Article index.
    pub article: usize,
    /// Byte span into that article's text.
    pub span: Span,
    /// The text the span covers.
    pub text: String,
}

/// A summary sentence and who backs it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SummarySentence {
    /// The sentence as taken from its source article.
    pub excerpt: Excerpt,
    /// Its index among the source article's sentences.
    pub sentence: usize,
    /// Every article that says the same thing, the source included, best match per article.
    pub support: Vec<Support>,
    /// How many coverage groups (independent reports) are among the supporters.
    pub independent_support: usize,
}

/// One article's sentence backing a summary sentence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Support {
    /// The supporting sentence.
    pub excerpt: Excerpt,
    /// Its index among that article's sentences.
    pub sentence: usize,
    /// Overlap with the summary sentence, 0..=1 (1 for the source itself).
    pub score: f64,
}

/// Builds the brief. `summary` lists `(article, sentence)` indices of the selected sentences, in
/// reading order; out-of-range pairs are skipped. `cleaned` and `segmented` run parallel to
/// `cluster.articles` (missing entries count as empty articles). Runs the analyze stage for
/// corroboration; [`build_brief_prepared`] reuses the summary's.
pub fn build_brief(
    cluster: &Cluster,
    cleaned: &[CleanArticle],
    segmented: &[SegmentedArticle],
    summary: &[(usize, usize)],
) -> Brief {
    // Which sentences may be extracted does not change what corroborates what, so the default
    // limits give the same matches as the summary's own analysis.
    let analysis = crate::analyze::analyze(cluster, segmented, &AnalyzeConfig::default());
    build(
        cluster, cleaned, segmented, &analysis, summary, None, &mut None,
    )
}

/// [`build_brief`] from the stages a summary already ran (`summary` as there, e.g.
/// [`Summary::picks`](crate::summary::Summary::picks)).
pub fn build_brief_prepared(
    cluster: &Cluster,
    prepared: &Prepared,
    summary: &[(usize, usize)],
) -> Brief {
    build(
        cluster,
        &prepared.cleaned,
        &prepared.segmented,
        &prepared.analysis,
        summary,
        None,
        &mut None,
    )
}

/// [`build_brief_prepared`] of `summary`, which
/// [`summarize_prepared`](crate::summary::summarize_prepared) made from `prepared`: the same
/// brief. Each summary sentence's `also_in` already leaves out the corroborating articles that
/// give one of its figures a different value, so their figures are not read again.
pub fn build_brief_summarized(cluster: &Cluster, prepared: &Prepared, summary: &Summary) -> Brief {
    build(
        cluster,
        &prepared.cleaned,
        &prepared.segmented,
        &prepared.analysis,
        &summary.picks(),
        Some(&summary.sentences),
        &mut None,
    )
}

/// [`build_brief_prepared`], also returning how long each analysis took, in the order they run
/// (`docs`, `coverage`, `corroboration`, `entities`, `quotes`, `figures`, `when`, `articles`).
/// For profiling (`newsfuse eval-brief --only cost`); the brief is the same.
pub fn build_brief_profiled(
    cluster: &Cluster,
    prepared: &Prepared,
    summary: &[(usize, usize)],
) -> (Brief, Vec<(&'static str, Duration)>) {
    let mut times = Some(Vec::new());
    let brief = build(
        cluster,
        &prepared.cleaned,
        &prepared.segmented,
        &prepared.analysis,
        summary,
        None,
        &mut times,
    );
    (brief, times.unwrap_or_default())
}

/// Runs `f`, recording its time under `name` when `times` is on.
fn stage<T>(
    times: &mut Option<Vec<(&'static str, Duration)>>,
    name: &'static str,
    f: impl FnOnce() -> T,
) -> T {
    match times {
        None => f(),
        Some(list) => {
            let start = Instant::now();
            let out = f();
            list.push((name, start.elapsed()));
            out
        }
    }
}

/// From this many sentences on, `figures` runs beside the other analyses.
const PARALLEL_SENTENCES: usize = 2000;

/// One [`Doc`] per article; an article without its clean or segmented form gets the empty ones.
fn docs_of<'a>(
    cluster: &'a Cluster,
    cleaned: &'a [CleanArticle],
    segmented: &'a [SegmentedArticle],
    empty_clean: &'a CleanArticle,
    empty_segmented: &'a SegmentedArticle,
) -> Vec<Doc<'a>> {
    cluster
        .articles
        .iter()
        .enumerate()
        .map(|(index, article)| Doc {
            index,
            text: &article.text,
            clean: cleaned.get(index).unwrap_or(empty_clean),
            sentences: &segmented.get(index).unwrap_or(empty_segmented).sentences,
        })
        .collect()
}

fn build(
    cluster: &Cluster,
    cleaned: &[CleanArticle],
    segmented: &[SegmentedArticle],
    analysis: &Analysis,
    summary: &[(usize, usize)],
    summarized: Option<&[crate::summary::SummarySentence]>,
    times: &mut Option<Vec<(&'static str, Duration)>>,
) -> Brief {
    let empty_clean = CleanArticle::default();
    let empty_segmented = SegmentedArticle::default();
    let docs: Vec<Doc<'_>> = stage(times, "docs", || {
        docs_of(cluster, cleaned, segmented, &empty_clean, &empty_segmented)
    });

    let dates: Vec<Option<String>> = cluster
        .articles
        .iter()
        .map(|a| {
            a.published
                .as_deref()
                .and_then(when::parse_iso_date)
                .map(when::Date::iso)
        })
        .collect();
    // Figures (the costliest analysis on large clusters) need nothing from the others, so on a
    // large cluster they run beside them on rayon's pool; on a small one handing work to another
    // thread costs more than it saves. A profiled build runs everything in turn, so that each
    // analysis's time is its own.
    let rest = |times: &mut Option<Vec<(&'static str, Duration)>>| {
        let coverage = stage(times, "coverage", || coverage::analyze(&docs, cluster));
        let summary = stage(times, "corroboration", || {
            corroborate(&docs, analysis, summary, summarized, &coverage)
        });
        let entities = stage(times, "entities", || entities::analyze(&docs));
        let quotes = stage(times, "quotes", || quotes::analyze(&docs, &entities));
        (coverage, summary, entities, quotes)
    };
    let n_sentences: usize = docs.iter().map(|d| d.sentences.len()).sum();
    let ((coverage, summary, entities, quotes), figures) =
        if times.is_some() || n_sentences < PARALLEL_SENTENCES {
            let rest = rest(times);
            (
                rest,
                stage(times, "figures", || figures::analyze(&docs, &dates)),
            )
        } else {
            rayon::join(|| rest(&mut None), || figures::analyze(&docs, &dates))
        };
    let when = stage(times, "when", || when::analyze(&docs, cluster));
    let articles = stage(times, "articles", || {
        cluster
            .articles
            .iter()
            .enumerate()
            .map(|(index, article)| ArticleInfo {
                index,
                origin: article.origin.clone(),
                label: article_label(article),
                source: article
                    .source
                    .clone()
                    .or_else(|| coverage::wire_source(&article.text)),
            })
            .collect()
    });
    Brief {
        schema_version: SCHEMA_VERSION.to_string(),
        cluster_id: cluster.id.clone(),
        articles,
        summary,
        coverage,
        quotes,
        entities,
        figures,
        when,
    }
}

/// Whether sentence `b` (article, sentence) gives one of sentence `a`'s figures a different value
/// ([`figures`]' test for support): the summary's `also_in` leaves such an article out, as the
/// brief's `support` does.
pub(crate) fn figures_conflict(
    cluster: &Cluster,
    prepared: &Prepared,
    a: (usize, usize),
    b: (usize, usize),
) -> bool {
    let doc = |article: usize| -> Option<Doc<'_>> {
        Some(Doc {
            index: article,
            text: &cluster.articles.get(article)?.text,
            clean: prepared.cleaned.get(article)?,
            sentences: &prepared.segmented.get(article)?.sentences,
        })
    };
    match (doc(a.0), doc(b.0)) {
        (Some(doc_a), Some(doc_b)) => figures::sentences_conflict(&doc_a, a.1, &doc_b, b.1),
        _ => false,
    }
}

/// One article's inputs, bundled for the analyses.
pub(crate) struct Doc<'a> {
    pub index: usize,
    pub text: &'a str,
    pub clean: &'a CleanArticle,
    pub sentences: &'a [Sentence],
}

impl Doc<'_> {
    /// The article's kept blocks as spans; the whole text when the clean stage kept none.
    pub fn block_spans(&self) -> Vec<Span> {
        let spans: Vec<Span> = self
            .clean
            .blocks
            .iter()
            .map(|block| block.span)
            .filter(|span| self.text.get(span.start..span.end).is_some())
            .collect();
        if spans.is_empty() && !self.text.is_empty() {
            vec![Span::new(0, self.text.len())]
        } else {
            spans
        }
    }

    /// The text of `span`, or "" when it is out of bounds.
    pub fn slice(&self, span: Span) -> &str {
        slice(self.text, span)
    }

    pub fn excerpt(&self, span: Span) -> Excerpt {
        Excerpt {
            article: self.index,
            span,
            text: self.slice(span).to_string(),
        }
    }
}

/// The text of `span`, or "" when it is out of bounds or not on char boundaries.
pub(crate) fn slice(text: &str, span: Span) -> &str {
    text.get(span.start..span.end).unwrap_or("")
}

fn article_label(article: &crate::model::Article) -> String {
    if let Some(title) = article.title.as_deref().filter(|t| !t.trim().is_empty()) {
        return truncate_chars(title.trim(), 80);
    }
    if let Some(source) = article.source.as_deref().filter(|s| !s.trim().is_empty()) {
        return source.trim().to_string();
    }
    let origin = article
        .origin
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(&article.origin);
    truncate_chars(origin, 80)
}

pub(crate) fn truncate_chars(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_string();
    }
    let mut out: String = text.chars().take(max_chars.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// Corroboration: for each summary sentence, the best-matching sentence of every other article
/// that says the same thing, by [`Analysis::corroborating`] (the test behind the summary's
/// `also_in`, so the two always name the same articles).
fn corroborate(
    docs: &[Doc<'_>],
    analysis: &Analysis,
    summary: &[(usize, usize)],
    summarized: Option<&[crate::summary::SummarySentence]>,
    coverage: &coverage::Coverage,
) -> Vec<SummarySentence> {
    let mut out = Vec::new();
    for (position, &(article, sentence_idx)) in summary.iter().enumerate() {
        let Some(doc) = docs.get(article) else {
            continue;
        };
        let Some(sentence) = doc.sentences.get(sentence_idx) else {
            continue;
        };
        let mut support = vec![Support {
            excerpt: doc.excerpt(sentence.span),
            sentence: sentence_idx,
            score: 1.0,
        }];
        let index = analysis
            .article_ranges
            .get(article)
            .filter(|range| sentence_idx < range.len())
            .map(|range| range.start + sentence_idx);
        // The summary's `also_in` of this sentence, when given: the articles whose corroborating
        // sentence gives none of its figures a different value ([`figures_conflict`]).
        let summarized = summarized.and_then(|sentences| sentences.get(position));
        let kept = summarized.map(|s| &s.also_in);
        // Else this sentence's figures, read once for every sentence compared with it.
        let figures = kept
            .is_none()
            .then(|| figures::SentenceFigures::of(doc, sentence_idx))
            .filter(figures::SentenceFigures::comparable);
        // What the summary found for this sentence in the same analysis, when it kept it.
        let found_by_summary = summarized.and_then(|s| s.corroborating.as_deref());
        let found_here;
        let found_all = match found_by_summary {
            Some(found) if index.is_some() => found,
            _ => {
                found_here = index.map_or_else(Vec::new, |idx| analysis.corroborating(idx));
                found_here.as_slice()
            }
        };
        for &found in found_all {
            let info = &analysis.sentences[found.sentence];
            let Some(other) = docs.get(found.article) else {
                continue;
            };
            let Some(other_sentence) = other.sentences.get(info.sentence) else {
                continue;
            };
            // A sentence giving a different figure is a disagreement, never support.
            let conflicts = match (kept, &figures) {
                (Some(articles), _) => !articles.contains(&found.article),
                (None, Some(figures)) => {
                    figures.conflicts_with(&figures::SentenceFigures::of(other, info.sentence))
                }
                (None, None) => false,
            };
            if conflicts {
                continue;
            }
            support.push(Support {
                excerpt: other.excerpt(other_sentence.span),
                sentence: info.sentence,
                score: round3(f64::from(found.score)),
            });
        }
        let groups: HashSet<usize> = support
            .iter()
            .map(|s| {
                coverage
                    .group_of
                    .get(s.excerpt.article)
                    .copied()
                    .unwrap_or(usize::MAX)
            })
            .collect();
        out.push(SummarySentence {
            excerpt: doc.excerpt(sentence.span),
            sentence: sentence_idx,
            independent_support: groups.len(),
            support,
        });
    }
    out
}

/// Whether two words differ by exactly one letter inserted, deleted or replaced (case kept).
pub(crate) fn one_edit_apart(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    if long.len() - short.len() > 1 {
        return false;
    }
    let prefix = short
        .iter()
        .zip(long.iter())
        .take_while(|(x, y)| x == y)
        .count();
    if short.len() == long.len() {
        prefix < short.len() && short[prefix + 1..] == long[prefix + 1..]
    } else {
        short[prefix..] == long[prefix + 1..]
    }
}

pub(crate) fn round3(value: f64) -> f64 {
    (value * 1000.0).round() / 1000.0
}

#[cfg(test)]
mod tests {
    use super::testutil::cluster_of;
    use super::*;

    #[test]
    fn a_brief_of_a_summary_is_the_brief_of_its_picks() {
        let lead = "Some 3,000 residents of the river town were ordered to leave their homes on \
                    Monday as the flood waters rose.";
        let same = "Some 3,000 residents of the river town were ordered to leave their homes on \
                    Monday as flood waters rose. Volunteers carried sandbags to the bridge.";
        let different = "Some 2,000 residents of the river town were ordered to leave their \
                         homes on Monday as flood waters rose. The bridge was closed at noon.";
        let first = format!("{lead} Officials opened two shelters in the school gymnasium.");
        let (cluster, _, _) = cluster_of(&[&first, same, different]);
        let config = crate::summary::SummaryConfig::default();
        let prepared = crate::summary::prepare(&cluster, &config.analyze);
        let summary = crate::summary::summarize_prepared(&cluster, &prepared, &config);
        let brief = build_brief_summarized(&cluster, &prepared, &summary);
        assert_eq!(
            brief,
            build_brief_prepared(&cluster, &prepared, &summary.picks())
        );
        // The sentence about the residents is backed by the article giving the same figure and
        // not by the one giving another.
        let residents = brief
            .summary
            .iter()
            .find(|s| s.excerpt.text.contains("residents"))
            .expect("a sentence about the residents is picked");
        let backers: Vec<usize> = residents
            .support
            .iter()
            .map(|s| s.excerpt.article)
            .collect();
        assert!(backers.len() >= 2, "{backers:?}");
        assert!(!backers.contains(&2), "{backers:?}");
    }

    #[test]
    fn corroboration_counts_paraphrase_not_unrelated() {
        let (cluster, cleaned, segmented) = cluster_of(&[
            "The storm killed twelve people in the coastal town on Monday, officials said.",
            "Officials said the storm killed twelve people in the coastal town.",
            "A football match was postponed because of heavy rain.",
        ]);
        let brief = build_brief(&cluster, &cleaned, &segmented, &[(0, 0)]);
        let supporters: Vec<usize> = brief.summary[0]
            .support
            .iter()
            .map(|s| s.excerpt.article)
            .collect();
        assert_eq!(supporters, vec![0, 1]);
    }

    /// The brief's supporters of each summary sentence are its source plus the summary's
    /// `also_in`, on the ten WikiNews clusters shipped in the repo (both read
    /// `Analysis::corroborating`).
    #[test]
    fn brief_support_names_the_articles_the_summary_cites() {
        let path = std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../examples/wikinews.jsonl"
        ));
        let ingested = crate::ingest::read_inputs(&[path]);
        assert_eq!(ingested.clusters.len(), 10);
        let config = crate::summary::SummaryConfig::default();
        let mut cited = 0;
        for cluster in ingested.clusters {
            let cluster = cluster.expect("a readable cluster");
            let prepared = crate::summary::prepare(&cluster, &config.analyze);
            let summary = crate::summary::summarize_prepared(&cluster, &prepared, &config);
            let picks = summary.picks();
            let brief = build_brief_prepared(&cluster, &prepared, &picks);
            // The brief's own analysis corroborates alike.
            let standalone = build_brief(&cluster, &prepared.cleaned, &prepared.segmented, &picks);
            assert_eq!(standalone.summary, brief.summary);
            assert_eq!(brief.summary.len(), summary.sentences.len());
            for (sentence, backed) in summary.sentences.iter().zip(&brief.summary) {
                let supporters: Vec<usize> = backed
                    .support
                    .iter()
                    .skip(1)
                    .map(|s| s.excerpt.article)
                    .collect();
                assert_eq!(
                    supporters, sentence.also_in,
                    "{}: {}",
                    cluster.id, sentence.text
                );
                cited += supporters.len();
            }
        }
        assert!(cited >= 10, "{cited}");
    }

    #[test]
    fn out_of_range_summary_and_empty_cluster_do_not_panic() {
        let (cluster, cleaned, segmented) = cluster_of(&[]);
        let brief = build_brief(&cluster, &cleaned, &segmented, &[(3, 4)]);
        assert!(brief.summary.is_empty());
        let (cluster, cleaned, segmented) = cluster_of(&["", "\"", "“unclosed"]);
        let brief = build_brief(&cluster, &cleaned, &segmented, &[(1, 9)]);
        assert!(brief.summary.is_empty());
    }
}
