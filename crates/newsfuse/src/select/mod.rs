//! Stage 3b, select: chooses which sentences form the summary, under a budget.
//!
//! Every method sees the same [`Analysis`] and returns indices into [`Analysis::sentences`]. Each
//! lives in its own file and follows one doc skeleton (What it does / When to use / Reference):
//! `lead`, `centroid`, `graph` (LexRank and TextRank), `mmr`, `coverage` (greedy budgeted concept
//! coverage), `ilp` (the exact concept-coverage ILP) and `learned`. `dummy_example.rs` is the
//! template for a new method, with the steps to add one.
//!
//! Architecture invariant: a selection never exceeds its budget, contains only candidate sentences,
//! and is deterministic for the same input (ties break on sentence index).

mod centroid;
pub mod coverage;
#[cfg(test)]
mod dummy_example;
mod graph;
mod ilp;
mod lead;
pub mod learned;
mod mmr;

use serde::{Deserialize, Serialize};

use crate::analyze::{Analysis, cosine};

/// How long a summary may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Budget {
    /// At most this many words ([`script::word_count`](crate::script::word_count): whitespace-separated,
    /// and each Han character or kana is one).
    Words(usize),
    /// At most this many characters.
    Chars(usize),
    /// At most this many sentences.
    Sentences(usize),
}

impl Budget {
    /// What a sentence costs against this budget.
    pub fn cost(self, info: &crate::analyze::SentenceInfo) -> usize {
        match self {
            Budget::Words(_) => info.n_words,
            // A separating space or newline between sentences counts too.
            Budget::Chars(_) => info.n_chars + 1,
            Budget::Sentences(_) => 1,
        }
    }

    /// The budget's size.
    pub fn limit(self) -> usize {
        match self {
            Budget::Words(n) | Budget::Chars(n) | Budget::Sentences(n) => n,
        }
    }
}

/// The selection methods.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Algorithm {
    /// Leading sentences of each article in turn.
    Lead,
    /// Closest to the cluster's tf-idf centroid (Radev et al. 2004).
    Centroid,
    /// Eigenvector centrality on the cosine graph (Erkan & Radev 2004).
    Lexrank,
    /// PageRank on the word-overlap graph (Mihalcea & Tarau 2004).
    Textrank,
    /// Maximal marginal relevance (Carbonell & Goldstein 1998).
    Mmr,
    /// Greedy budgeted coverage of cross-article concepts with a lead prior (after Lin & Bilmes 2011).
    Coverage,
    /// Exact concept-coverage ILP (Gillick & Favre 2009), solved with microlp.
    Ilp,
    /// Coverage with a supervised sentence prior (ridge regression trained on Multi-News).
    Learned,
}

impl Algorithm {
    /// Every method, in a stable order.
    pub const ALL: [Algorithm; 8] = [
        Algorithm::Lead,
        Algorithm::Centroid,
        Algorithm::Lexrank,
        Algorithm::Textrank,
        Algorithm::Mmr,
        Algorithm::Coverage,
        Algorithm::Ilp,
        Algorithm::Learned,
    ];

    /// The default method: the one that measures best (see README's results table).
    pub const DEFAULT: Algorithm = Algorithm::Coverage;

    /// Its command-line name.
    pub fn name(self) -> &'static str {
        match self {
            Algorithm::Lead => "lead",
            Algorithm::Centroid => "centroid",
            Algorithm::Lexrank => "lexrank",
            Algorithm::Textrank => "textrank",
            Algorithm::Mmr => "mmr",
            Algorithm::Coverage => "coverage",
            Algorithm::Ilp => "ilp",
            Algorithm::Learned => "learned",
        }
    }

    /// Parses a command-line name.
    pub fn from_name(name: &str) -> Option<Algorithm> {
        Algorithm::ALL.into_iter().find(|a| a.name() == name)
    }
}

/// Settings shared by the selection methods.
#[derive(Debug, Clone, PartialEq)]
pub struct SelectConfig {
    /// The method.
    pub algorithm: Algorithm,
    /// The length budget.
    pub budget: Budget,
    /// Two sentences with a tf-idf cosine above this say the same thing; only one is kept.
    pub redundancy: f32,
    /// At most this many candidates enter the quadratic methods (graph, MMR); the rest are
    /// pre-ranked away by centroid similarity and position so that 1,000-article clusters stay fast.
    pub max_pool: usize,
    /// Seconds the ILP solver may run before the greedy answer is used.
    pub ilp_seconds: f64,
}

impl Default for SelectConfig {
    fn default() -> Self {
        Self {
            algorithm: Algorithm::DEFAULT,
            budget: Budget::Words(250),
            redundancy: 0.5,
            max_pool: 1500,
            ilp_seconds: 2.0,
        }
    }
}

/// Picks summary sentences: indices into `analysis.sentences`, in the order they were chosen.
pub fn select(analysis: &Analysis, config: &SelectConfig) -> Vec<usize> {
    if config.budget.limit() == 0 {
        return Vec::new();
    }
    match config.algorithm {
        Algorithm::Lead => lead::select(analysis, config),
        Algorithm::Centroid => centroid::select(analysis, config),
        Algorithm::Lexrank => graph::select_lexrank(analysis, config),
        Algorithm::Textrank => graph::select_textrank(analysis, config),
        Algorithm::Mmr => mmr::select(analysis, config),
        Algorithm::Coverage => coverage::select(analysis, config),
        Algorithm::Ilp => ilp::select(analysis, config),
        Algorithm::Learned => learned::select(analysis, config),
    }
}

/// Candidate indices, capped at `max_pool` by a cheap prior (centroid similarity and position).
fn candidate_pool(analysis: &Analysis, max_pool: usize) -> Vec<usize> {
    let mut pool: Vec<usize> = (0..analysis.sentences.len())
        .filter(|&i| analysis.sentences[i].candidate)
        .collect();
    if pool.len() > max_pool {
        let prior = |i: usize| {
            let info = &analysis.sentences[i];
            cosine(&info.vector, &analysis.centroid) + 0.5 / (1.0 + info.position as f32)
        };
        pool.sort_by(|&a, &b| prior(b).total_cmp(&prior(a)).then(a.cmp(&b)));
        pool.truncate(max_pool);
        pool.sort_unstable();
    }
    pool
}

/// Greedy fill: takes sentences in the given order while they fit and are not redundant.
fn greedy_by_rank(analysis: &Analysis, ranked: &[usize], config: &SelectConfig) -> Vec<usize> {
    let mut chosen = Vec::new();
    let mut used = 0;
    let limit = config.budget.limit();
    for &idx in ranked {
        let info = &analysis.sentences[idx];
        let cost = config.budget.cost(info);
        if used + cost > limit || is_redundant(analysis, &chosen, idx, config.redundancy) {
            continue;
        }
        chosen.push(idx);
        used += cost;
        if limit - used < 5 && !matches!(config.budget, Budget::Sentences(_)) {
            break;
        }
    }
    chosen
}

/// True when `idx` repeats a chosen sentence.
fn is_redundant(analysis: &Analysis, chosen: &[usize], idx: usize, threshold: f32) -> bool {
    let vector = &analysis.sentences[idx].vector;
    chosen
        .iter()
        .any(|&c| cosine(vector, &analysis.sentences[c].vector) > threshold)
}

/// Sorts indices by score, highest first; ties by index.
fn rank_by(scores: &[(usize, f32)]) -> Vec<usize> {
    let mut sorted = scores.to_vec();
    sorted.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    sorted.into_iter().map(|(i, _)| i).collect()
}

#[cfg(test)]
mod tests;
