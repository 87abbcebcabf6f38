//! Coverage: greedy budgeted maximisation of cross-article concept coverage with a lead prior.
//!
//! What it does: a concept is a content-word bigram (and, at a lower weight, a content word); its
//! weight grows with the number of independent reports that contain it (an article and its copies
//! or rewrites count once, see `Analysis::report_of`), so what several outlets report counts most,
//! and each concept counts once however many chosen sentences repeat it. A sentence also earns a
//! prior for being early in its article. Sentences are added greedily by marginal gain per unit of
//! cost (gain / cost^r), the classic algorithm for monotone submodular objectives under a knapsack
//! budget, and the result is compared with the best single sentence.
//! When to use: the default; near the ILP's objective at a fraction of its cost (linear-ish time).
//! Reference: Gillick & Favre, "A Scalable Global Model for Summarization", 2009 (concepts);
//! Lin & Bilmes, "A Class of Submodular Functions for Document Summarization", ACL 2011 (greedy, r).

use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;

use rustc_hash::FxHashMap as HashMap;

use super::{Budget, SelectConfig};
use crate::analyze::Analysis;

/// Cost exponent of the greedy ratio (Lin & Bilmes's r).
const COST_EXPONENT: f32 = 0.7;
/// Weight of a content word relative to a bigram.
pub(crate) const UNIGRAM_WEIGHT: f32 = 0.25;
/// Weight of the lead prior per word of the sentence.
const LEAD_PRIOR: f32 = 0.6;

/// The objective's pieces, shared with the ILP.
pub(super) struct Objective {
    /// Candidate sentence indices.
    pub candidates: Vec<usize>,
    /// Concept weights, by concept index.
    pub concept_weight: Vec<f32>,
    /// For each candidate (same order), its distinct concept indices.
    pub concepts_of: Vec<Vec<usize>>,
    /// For each candidate, its prior (independent of other choices).
    pub prior: Vec<f32>,
}

/// A concept of the coverage objective.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Concept {
    /// Two content words in a row (term ids).
    Bigram(u32, u32),
    /// One content word (term id).
    Term(u32),
}

impl Concept {
    /// One `u64` key for either kind of concept (a bigram's is its key in `SentenceInfo::bigrams`):
    /// how the single-report sentence frequencies are counted in [`objective`].
    pub(crate) fn key(self) -> u64 {
        match self {
            Concept::Bigram(a, b) => (u64::from(a) << 32) | u64::from(b),
            Concept::Term(t) => u64::MAX - u64::from(t),
        }
    }
}

/// The default objective: concepts weighted by cross-article support, plus the lead prior.
pub(super) fn objective(analysis: &Analysis) -> Objective {
    let multi = analysis.n_reports >= 2;
    // A single report (one article, or one article and its copies) has no cross-article support;
    // count sentence occurrences instead.
    let mut sentence_freq: HashMap<u64, u32> = HashMap::default();
    if !multi {
        for info in &analysis.sentences {
            for &bigram in &info.bigrams {
                *sentence_freq.entry(bigram).or_insert(0) += 1;
            }
            let mut terms = info.terms.clone();
            terms.sort_unstable();
            terms.dedup();
            for term in terms {
                *sentence_freq.entry(u64::MAX - u64::from(term)).or_insert(0) += 1;
            }
        }
    }
    let support = |key: u64, reports: u32| -> f32 {
        let count = if multi {
            reports
        } else {
            sentence_freq.get(&key).copied().unwrap_or(0)
        };
        count.saturating_sub(1) as f32
    };
    objective_with(
        analysis,
        |concept| match concept {
            Concept::Bigram(..) => {
                let key = concept.key();
                support(key, analysis.bigram_reports(key))
            }
            Concept::Term(term) => {
                UNIGRAM_WEIGHT * support(concept.key(), analysis.term_reports(term))
            }
        },
        lead_prior,
    )
}

/// The default objective's prior for a sentence: its length in words, discounted by its position
/// in its article.
pub(crate) fn lead_prior(info: &crate::analyze::SentenceInfo) -> f32 {
    LEAD_PRIOR * info.n_words as f32 / (1.0 + info.position as f32)
}

/// Concept slot of a concept not yet weighed.
const UNSEEN: u32 = u32::MAX;
/// Concept slot of a concept that weighs nothing (left out of the objective).
const WEIGHTLESS: u32 = u32::MAX - 1;

/// An objective with the given concept weights (called once per distinct concept of the candidate
/// sentences; concepts weighing 0 or less are left out) and per-sentence prior.
///
/// Concepts get their index in the order they are first met: candidates in sentence order, each
/// one's bigrams (sorted) before its distinct terms (sorted). Term ids are dense, so a term finds
/// its index through a `Vec`; only bigrams need a hash map.
pub(super) fn objective_with(
    analysis: &Analysis,
    mut weight: impl FnMut(Concept) -> f32,
    prior_of: impl Fn(&crate::analyze::SentenceInfo) -> f32,
) -> Objective {
    let candidates: Vec<usize> = (0..analysis.sentences.len())
        .filter(|&i| analysis.sentences[i].candidate)
        .collect();
    let mut bigram_slot: HashMap<u64, u32> = HashMap::with_capacity_and_hasher(
        analysis.bigram_article_freq.len(),
        rustc_hash::FxBuildHasher,
    );
    let mut term_slot: Vec<u32> = vec![UNSEEN; analysis.term_article_freq.len()];
    let mut concept_weight = Vec::new();
    let mut concepts_of = Vec::with_capacity(candidates.len());
    let mut prior = Vec::with_capacity(candidates.len());
    let mut distinct_terms: Vec<u32> = Vec::new();
    for &idx in &candidates {
        let info = &analysis.sentences[idx];
        let mut mine = Vec::with_capacity(info.bigrams.len() + info.terms.len());
        for &bigram in &info.bigrams {
            #[allow(clippy::cast_possible_truncation)]
            let concept = Concept::Bigram((bigram >> 32) as u32, bigram as u32);
            let slot = bigram_slot.entry(bigram).or_insert(UNSEEN);
            push_slot(slot, concept, &mut weight, &mut concept_weight, &mut mine);
        }
        distinct_terms.clear();
        distinct_terms.extend_from_slice(&info.terms);
        distinct_terms.sort_unstable();
        distinct_terms.dedup();
        for &term in &distinct_terms {
            if term as usize >= term_slot.len() {
                term_slot.resize(term as usize + 1, UNSEEN);
            }
            let slot = &mut term_slot[term as usize];
            push_slot(
                slot,
                Concept::Term(term),
                &mut weight,
                &mut concept_weight,
                &mut mine,
            );
        }
        mine.sort_unstable();
        concepts_of.push(mine);
        prior.push(prior_of(info));
    }
    Objective {
        candidates,
        concept_weight,
        concepts_of,
        prior,
    }
}

/// Weighs `concept` the first time it is met (its `slot` is [`UNSEEN`]) and adds its index to
/// `mine` unless it weighs nothing.
fn push_slot(
    slot: &mut u32,
    concept: Concept,
    weight: &mut impl FnMut(Concept) -> f32,
    concept_weight: &mut Vec<f32>,
    mine: &mut Vec<usize>,
) {
    if *slot == UNSEEN {
        let value = weight(concept);
        *slot = if value > 0.0 {
            concept_weight.push(value);
            u32::try_from(concept_weight.len() - 1).unwrap_or(WEIGHTLESS)
        } else {
            WEIGHTLESS
        };
    }
    if *slot != WEIGHTLESS {
        mine.push(*slot as usize);
    }
}

/// Coverage's greedy with caller-given concept weights and sentence prior.
pub fn select_weighted(
    analysis: &Analysis,
    config: &SelectConfig,
    weight: impl FnMut(Concept) -> f32,
    prior: impl Fn(&crate::analyze::SentenceInfo) -> f32,
) -> Vec<usize> {
    if config.budget.limit() == 0 {
        return Vec::new();
    }
    let objective = objective_with(analysis, weight, prior);
    greedy(analysis, &objective, config)
}

pub(super) fn select(analysis: &Analysis, config: &SelectConfig) -> Vec<usize> {
    let objective = objective(analysis);
    greedy(analysis, &objective, config)
}

/// Greedy by gain / cost^r, then the better of that and the best single sentence.
///
/// Lazy evaluation (Minoux's accelerated greedy): a sentence's gain can only shrink as concepts get
/// covered, so a stale ratio is an upper bound; the heap's top is re-scored and taken only if it
/// still beats the next bound. Same choices as the plain greedy, far fewer gain computations.
pub(super) fn greedy(
    analysis: &Analysis,
    objective: &Objective,
    config: &SelectConfig,
) -> Vec<usize> {
    let n = objective.candidates.len();
    let limit = config.budget.limit();
    let cost: Vec<usize> = objective
        .candidates
        .iter()
        .map(|&i| config.budget.cost(&analysis.sentences[i]))
        .collect();
    let mut covered = vec![false; objective.concept_weight.len()];
    let gain_of = |c: usize, covered: &[bool]| -> f32 {
        objective.prior[c]
            + objective.concepts_of[c]
                .iter()
                .filter(|&&k| !covered[k])
                .map(|&k| objective.concept_weight[k])
                .sum::<f32>()
    };
    let ratio_of = |c: usize, gain: f32| gain / (cost[c].max(1) as f32).powf(COST_EXPONENT);
    let mut heap: BinaryHeap<(OrderedRatio, Reverse<usize>)> = (0..n)
        .filter(|&c| cost[c] <= limit)
        .map(|c| (OrderedRatio(ratio_of(c, gain_of(c, &covered))), Reverse(c)))
        .collect();
    let mut chosen: Vec<usize> = Vec::new();
    let mut chosen_value = 0.0;
    let mut used = 0;
    while let Some((OrderedRatio(bound), Reverse(c))) = heap.pop() {
        if used + cost[c] > limit
            || super::is_redundant(
                analysis,
                &chosen,
                objective.candidates[c],
                config.redundancy,
            )
        {
            continue; // Budget use and redundancy only grow: this sentence is out for good.
        }
        let gain = gain_of(c, &covered);
        let ratio = ratio_of(c, gain);
        let next_bound = heap
            .peek()
            .map_or(f32::NEG_INFINITY, |(OrderedRatio(r), _)| *r);
        if ratio < bound && ratio < next_bound {
            heap.push((OrderedRatio(ratio), Reverse(c)));
            continue;
        }
        if gain <= 0.0 {
            break;
        }
        used += cost[c];
        chosen_value += gain;
        for &k in &objective.concepts_of[c] {
            covered[k] = true;
        }
        chosen.push(objective.candidates[c]);
        if limit - used < 5 && !matches!(config.budget, Budget::Sentences(_)) {
            break;
        }
    }
    // The best single sentence that fits (the knapsack guarantee of the greedy algorithm).
    let single = (0..n)
        .filter(|&c| cost[c] <= limit)
        .map(|c| {
            (
                c,
                objective.prior[c]
                    + objective.concepts_of[c]
                        .iter()
                        .map(|&k| objective.concept_weight[k])
                        .sum::<f32>(),
            )
        })
        .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
    match single {
        Some((c, value)) if value > chosen_value => vec![objective.candidates[c]],
        _ => chosen,
    }
}

/// An `f32` ratio with a total order (NaN-free by construction: gains and costs are finite).
#[derive(Debug, Clone, Copy, PartialEq)]
struct OrderedRatio(f32);

impl Eq for OrderedRatio {}

impl PartialOrd for OrderedRatio {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for OrderedRatio {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0.total_cmp(&other.0)
    }
}
