//! Lead: the leading sentences of each article in turn.
//!
//! What it does: takes every article's first candidate sentence, then every second one, and so on,
//! skipping repeats. When to use: a strong, fast baseline for news, where writers put the essentials
//! first. Reference: the lead baseline of the DUC evaluations; Multi-News "First-k" (Fabbri et al. 2019).

use super::{SelectConfig, greedy_by_rank};
use crate::analyze::Analysis;

pub(super) fn select(analysis: &Analysis, config: &SelectConfig) -> Vec<usize> {
    let mut ranked: Vec<usize> = (0..analysis.sentences.len())
        .filter(|&i| analysis.sentences[i].candidate)
        .collect();
    ranked.sort_by_key(|&i| {
        (
            analysis.sentences[i].position,
            analysis.sentences[i].article,
            i,
        )
    });
    greedy_by_rank(analysis, &ranked, config)
}
