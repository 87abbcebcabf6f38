//! MMR: maximal marginal relevance.
//!
//! What it does: repeatedly picks the sentence maximising `λ·sim(s, centroid) − (1−λ)·max sim(s, chosen)`
//! (λ = 0.7, tf-idf cosine) that still fits the budget. When to use: relevance with explicit
//! redundancy control. Quadratic in the pool size. Reference: Carbonell & Goldstein, SIGIR 1998.

use super::{Budget, SelectConfig, candidate_pool};
use crate::analyze::{Analysis, cosine};

const LAMBDA: f32 = 0.7;

pub(super) fn select(analysis: &Analysis, config: &SelectConfig) -> Vec<usize> {
    let pool = candidate_pool(analysis, config.max_pool);
    let relevance: Vec<f32> = pool
        .iter()
        .map(|&i| cosine(&analysis.sentences[i].vector, &analysis.centroid))
        .collect();
    let mut max_sim_to_chosen = vec![0f32; pool.len()];
    let mut taken = vec![false; pool.len()];
    let mut chosen = Vec::new();
    let mut used = 0;
    let limit = config.budget.limit();
    loop {
        let mut best: Option<(usize, f32)> = None;
        for p in 0..pool.len() {
            if taken[p] || used + config.budget.cost(&analysis.sentences[pool[p]]) > limit {
                continue;
            }
            if max_sim_to_chosen[p] > config.redundancy {
                continue;
            }
            let score = LAMBDA * relevance[p] - (1.0 - LAMBDA) * max_sim_to_chosen[p];
            if best.is_none_or(|(_, s)| score > s) {
                best = Some((p, score));
            }
        }
        let Some((p, _)) = best else { break };
        taken[p] = true;
        let idx = pool[p];
        used += config.budget.cost(&analysis.sentences[idx]);
        chosen.push(idx);
        for q in 0..pool.len() {
            if !taken[q] {
                let sim = cosine(
                    &analysis.sentences[idx].vector,
                    &analysis.sentences[pool[q]].vector,
                );
                max_sim_to_chosen[q] = max_sim_to_chosen[q].max(sim);
            }
        }
        if limit - used < 5 && !matches!(config.budget, Budget::Sentences(_)) {
            break;
        }
    }
    chosen
}
