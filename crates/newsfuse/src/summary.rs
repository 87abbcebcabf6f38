//! The summary pipeline: runs clean → segment → analyze → select → order for one cluster and
//! assembles the [`Summary`], with cross-article support for every sentence and warnings for
//! anything skipped.

use rayon::prelude::*;
use serde::Serialize;

use crate::analyze::{Analysis, AnalyzeConfig, analyze};
use crate::clean::clean;
use crate::model::{CleanArticle, Cluster, SegmentedArticle, Span};
use crate::order::order;
use crate::segment::segment;
use crate::select::{Algorithm, Budget, SelectConfig, select};

/// Everything the summary pipeline needs to know.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SummaryConfig {
    /// Which sentences may be extracted.
    pub analyze: AnalyzeConfig,
    /// How they are chosen.
    pub select: SelectConfig,
}

/// A cluster after the text stages: what the summary and the brief are built from.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Prepared {
    /// Clean output per article.
    pub cleaned: Vec<CleanArticle>,
    /// Segment output per article.
    pub segmented: Vec<SegmentedArticle>,
    /// Analysis of the whole cluster.
    pub analysis: Analysis,
}

/// One sentence of a summary, pointing back into its article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SummarySentence {
    /// Index of the article it was taken from.
    pub article: usize,
    /// Index of the sentence in that article's segmentation.
    pub sentence: usize,
    /// Byte span in the article's text.
    pub span: Span,
    /// The sentence text, exactly as in the article.
    pub text: String,
    /// Other articles that report the same thing (a sentence with a close match), ascending.
    pub also_in: Vec<usize>,
}

/// Something the pipeline skipped or could not do, reported to the user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    /// The article concerned, if any.
    pub article: Option<usize>,
    /// What happened.
    pub message: String,
}

/// The summary of one cluster.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    /// The cluster's id.
    pub cluster_id: String,
    /// The method used.
    pub algorithm: Algorithm,
    /// The budget used.
    pub budget: Budget,
    /// Number of articles in the cluster.
    pub n_articles: usize,
    /// The summary sentences, in reading order.
    pub sentences: Vec<SummarySentence>,
    /// Skipped articles and other notes.
    pub warnings: Vec<Warning>,
}

impl Summary {
    /// The summary as plain text, one sentence per line.
    pub fn text(&self) -> String {
        self.sentences
            .iter()
            .map(|s| s.text.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The `(article, sentence)` of each sentence, in summary order: what
    /// [`build_brief`](crate::brief::build_brief) takes.
    pub fn picks(&self) -> Vec<(usize, usize)> {
        self.sentences
            .iter()
            .map(|s| (s.article, s.sentence))
            .collect()
    }
}

/// Runs the text stages (clean, segment, analyze) over a cluster; articles in parallel.
pub fn prepare(cluster: &Cluster, config: &AnalyzeConfig) -> Prepared {
    let staged: Vec<(CleanArticle, SegmentedArticle)> = cluster
        .articles
        .par_iter()
        .map(|article| {
            let cleaned = clean(&article.text);
            let segmented = segment(&article.text, &cleaned);
            (cleaned, segmented)
        })
        .collect();
    let (cleaned, segmented): (Vec<_>, Vec<_>) = staged.into_iter().unzip();
    let analysis = analyze(cluster, &segmented, config);
    Prepared {
        cleaned,
        segmented,
        analysis,
    }
}

/// Summarizes one cluster.
pub fn summarize(cluster: &Cluster, config: &SummaryConfig) -> Summary {
    let prepared = prepare(cluster, &config.analyze);
    summarize_prepared(cluster, &prepared, config)
}

/// Summarizes a cluster whose text stages have already run.
pub fn summarize_prepared(
    cluster: &Cluster,
    prepared: &Prepared,
    config: &SummaryConfig,
) -> Summary {
    let analysis = &prepared.analysis;
    let picks = select(analysis, &config.select);
    let ordered = order(cluster, analysis, &picks);
    let sentences = ordered
        .iter()
        .map(|&idx| {
            let info = &analysis.sentences[idx];
            let span = prepared.segmented[info.article].sentences[info.sentence].span;
            SummarySentence {
                article: info.article,
                sentence: info.sentence,
                span,
                text: span.slice(&cluster.articles[info.article].text).to_string(),
                also_in: supporting_articles(analysis, idx),
            }
        })
        .collect::<Vec<_>>();
    let mut warnings = warnings(cluster, prepared);
    if sentences.is_empty() && analysis.sentences.iter().any(|s| s.candidate) {
        warnings.push(Warning {
            article: None,
            message: format!(
                "no sentence fits the budget ({:?}); the summary is empty",
                config.select.budget
            ),
        });
    }
    Summary {
        cluster_id: cluster.id.clone(),
        algorithm: config.select.algorithm,
        budget: config.select.budget,
        n_articles: cluster.articles.len(),
        sentences,
        warnings,
    }
}

/// Other articles with a sentence that says the same as sentence `idx`
/// ([`Analysis::corroborating`]: it contains at least half of the sentence, by the mean of the
/// term and content-bigram shares), in ascending order.
pub fn supporting_articles(analysis: &Analysis, idx: usize) -> Vec<usize> {
    analysis
        .corroborating(idx)
        .into_iter()
        .map(|found| found.article)
        .collect()
}

fn warnings(cluster: &Cluster, prepared: &Prepared) -> Vec<Warning> {
    let mut warnings = Vec::new();
    if cluster.articles.is_empty() {
        warnings.push(Warning {
            article: None,
            message: "the cluster has no articles".into(),
        });
    }
    for (idx, article) in cluster.articles.iter().enumerate() {
        let origin = &article.origin;
        if article.text.trim().is_empty() {
            warnings.push(Warning {
                article: Some(idx),
                message: format!("article {idx} ({origin}) is empty; skipped"),
            });
        } else if prepared.segmented[idx].sentences.is_empty() {
            warnings.push(Warning {
                article: Some(idx),
                message: format!(
                    "article {idx} ({origin}) has no text left after removing web clutter; skipped"
                ),
            });
        }
    }
    if !prepared.analysis.sentences.is_empty()
        && prepared.analysis.sentences.iter().all(|s| !s.candidate)
    {
        warnings.push(Warning {
            article: None,
            message: "no sentence is long enough to extract; the summary is empty".into(),
        });
    }
    warnings
}
