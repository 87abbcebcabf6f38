//! Stage 4, order: puts the selected sentences in a coherent reading order.
//!
//! Articles are read in chronological order when every article has a publication date (ISO 8601
//! dates sort as text), otherwise in input order; within an article, sentences keep their position.
//! Architecture invariant: ordering permutes the selection; it never adds, drops or re-ranks.

use crate::analyze::Analysis;
use crate::model::Cluster;

/// Returns `picks` (indices into `analysis.sentences`) in reading order.
pub fn order(cluster: &Cluster, analysis: &Analysis, picks: &[usize]) -> Vec<usize> {
    let dated = !cluster.articles.is_empty()
        && cluster
            .articles
            .iter()
            .all(|a| a.published.as_deref().is_some_and(|d| !d.trim().is_empty()));
    let mut ordered = picks.to_vec();
    ordered.sort_by(|&a, &b| {
        let (sa, sb) = (&analysis.sentences[a], &analysis.sentences[b]);
        let date_order = if dated {
            let da = cluster.articles[sa.article]
                .published
                .as_deref()
                .unwrap_or("");
            let db = cluster.articles[sb.article]
                .published
                .as_deref()
                .unwrap_or("");
            da.cmp(db)
        } else {
            std::cmp::Ordering::Equal
        };
        date_order
            .then(sa.article.cmp(&sb.article))
            .then(sa.position.cmp(&sb.position))
    });
    ordered
}
