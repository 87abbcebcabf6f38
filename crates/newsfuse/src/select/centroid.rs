//! Centroid: sentences closest to the cluster's tf-idf centroid.
//!
//! What it does: scores each candidate by cosine similarity to the centroid of all sentences and
//! fills the budget greedily, skipping repeats. When to use: a cheap topical baseline.
//! Reference: Radev, Jing, Styś & Tam, "Centroid-based summarization of multiple documents", 2004.

use super::{SelectConfig, greedy_by_rank, rank_by};
use crate::analyze::{Analysis, cosine};

pub(super) fn select(analysis: &Analysis, config: &SelectConfig) -> Vec<usize> {
    let scores: Vec<(usize, f32)> = (0..analysis.sentences.len())
        .filter(|&i| analysis.sentences[i].candidate)
        .map(|i| (i, cosine(&analysis.sentences[i].vector, &analysis.centroid)))
        .collect();
    greedy_by_rank(analysis, &rank_by(&scores), config)
}
