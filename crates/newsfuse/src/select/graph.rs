//! Graph centrality: LexRank and TextRank.
//!
//! What it does: builds a sentence graph (LexRank: tf-idf cosine above 0.1; TextRank: shared words
//! normalised by log lengths), runs PageRank with damping 0.85, and fills the budget greedily by
//! centrality, skipping repeats. When to use: the classic unsupervised multi-document baselines.
//! Quadratic in the pool size, which is capped by `SelectConfig::max_pool`.
//! Reference: Erkan & Radev, "LexRank", JAIR 2004; Mihalcea & Tarau, "TextRank", EMNLP 2004.

use super::{SelectConfig, candidate_pool, greedy_by_rank, rank_by};
use crate::analyze::{Analysis, cosine, shared_count};

const DAMPING: f32 = 0.85;
const LEXRANK_THRESHOLD: f32 = 0.1;

pub(super) fn select_lexrank(analysis: &Analysis, config: &SelectConfig) -> Vec<usize> {
    let pool = candidate_pool(analysis, config.max_pool);
    let weights = |a: usize, b: usize| {
        let sim = cosine(&analysis.sentences[a].vector, &analysis.sentences[b].vector);
        if sim > LEXRANK_THRESHOLD { 1.0 } else { 0.0 }
    };
    let scores = pagerank(&pool, weights);
    greedy_by_rank(analysis, &rank_by(&scores), config)
}

pub(super) fn select_textrank(analysis: &Analysis, config: &SelectConfig) -> Vec<usize> {
    let pool = candidate_pool(analysis, config.max_pool);
    let distinct: Vec<Vec<u32>> = pool
        .iter()
        .map(|&i| {
            let mut terms = analysis.sentences[i].terms.clone();
            terms.sort_unstable();
            terms.dedup();
            terms
        })
        .collect();
    let position: std::collections::HashMap<usize, usize> =
        pool.iter().enumerate().map(|(p, &i)| (i, p)).collect();
    let weights = |a: usize, b: usize| {
        let (ta, tb) = (&distinct[position[&a]], &distinct[position[&b]]);
        let denominator = (ta.len() as f32).ln() + (tb.len() as f32).ln();
        if denominator <= 0.0 {
            0.0
        } else {
            shared_count(ta, tb) as f32 / denominator
        }
    };
    let scores = pagerank(&pool, weights);
    greedy_by_rank(analysis, &rank_by(&scores), config)
}

/// Weighted PageRank over `nodes` with symmetric edge weights.
fn pagerank(nodes: &[usize], weight: impl Fn(usize, usize) -> f32) -> Vec<(usize, f32)> {
    let n = nodes.len();
    if n == 0 {
        return Vec::new();
    }
    let mut edges: Vec<Vec<(usize, f32)>> = vec![Vec::new(); n];
    for a in 0..n {
        for b in a + 1..n {
            let w = weight(nodes[a], nodes[b]);
            if w > 0.0 {
                edges[a].push((b, w));
                edges[b].push((a, w));
            }
        }
    }
    let out_weight: Vec<f32> = edges
        .iter()
        .map(|e| e.iter().map(|(_, w)| w).sum())
        .collect();
    let mut rank = vec![1.0 / n as f32; n];
    for _ in 0..100 {
        let dangling: f32 = (0..n)
            .filter(|&i| out_weight[i] == 0.0)
            .map(|i| rank[i])
            .sum();
        let base = (1.0 - DAMPING) / n as f32 + DAMPING * dangling / n as f32;
        let mut next = vec![base; n];
        for (a, a_edges) in edges.iter().enumerate() {
            if out_weight[a] == 0.0 {
                continue;
            }
            let share = DAMPING * rank[a] / out_weight[a];
            for &(b, w) in a_edges {
                next[b] += share * w;
            }
        }
        let change: f32 = rank.iter().zip(&next).map(|(x, y)| (x - y).abs()).sum();
        rank = next;
        if change < 1e-6 {
            break;
        }
    }
    nodes.iter().copied().zip(rank).collect()
}
