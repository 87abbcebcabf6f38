//! Test helpers: clusters from plain texts, run through the real clean and segment stages.

use super::{Doc, docs_of};
use crate::model::{Article, CleanArticle, Cluster, SegmentedArticle};

/// Builds a cluster of plain-text articles plus their clean and segmented forms.
pub(crate) fn cluster_of(texts: &[&str]) -> (Cluster, Vec<CleanArticle>, Vec<SegmentedArticle>) {
    let articles: Vec<Article> = texts
        .iter()
        .enumerate()
        .map(|(index, text)| Article {
            origin: format!("test#{index}"),
            text: (*text).to_string(),
            ..Article::default()
        })
        .collect();
    let cluster = Cluster {
        id: "test".to_string(),
        articles,
    };
    let (cleaned, segmented) = prepare(&cluster);
    (cluster, cleaned, segmented)
}

/// Runs `f` on the [`Doc`]s of a cluster of plain-text articles ([`cluster_of`]).
pub(crate) fn with_docs<R>(texts: &[&str], f: impl FnOnce(&[Doc<'_>]) -> R) -> R {
    let (cluster, cleaned, segmented) = cluster_of(texts);
    let (empty_clean, empty_segmented) = Default::default();
    let docs = docs_of(
        &cluster,
        &cleaned,
        &segmented,
        &empty_clean,
        &empty_segmented,
    );
    f(&docs)
}

/// Clean and segment every article of a cluster.
pub(crate) fn prepare(cluster: &Cluster) -> (Vec<CleanArticle>, Vec<SegmentedArticle>) {
    let cleaned: Vec<CleanArticle> = cluster
        .articles
        .iter()
        .map(|a| crate::clean::clean(&a.text))
        .collect();
    let segmented = cluster
        .articles
        .iter()
        .zip(&cleaned)
        .map(|(a, c)| crate::segment::segment(&a.text, c))
        .collect();
    (cleaned, segmented)
}
