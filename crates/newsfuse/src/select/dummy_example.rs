//! Dummy example: a template for a new selection method. Compiled with the tests only.
//!
//! What it does: takes the candidates with the most distinct content terms first, skipping repeats.
//! When to use: never; it exists to be copied. Reference: none (a real method cites its paper here).
//!
//! To add a method (the steps are also in ARCHITECTURE.md, "Adding a selection method"):
//!
//! 1. Copy this file to `select/<name>.rs` and write its doc comment with the skeleton above:
//!    What it does / When to use / Reference.
//! 2. Add a variant to [`Algorithm`](super::Algorithm), with its paper in the variant's doc, to
//!    `Algorithm::ALL` and to `Algorithm::name`; add a `mod <name>;` and a match arm in
//!    [`select`](super::select). The CLI, `eval --algorithm all` and the method tests in
//!    `select/tests.rs` (budgets, candidates only, no repeats, determinism, empty clusters) pick it
//!    up from `Algorithm::ALL`.
//! 3. Measure it: `newsfuse eval --data ../shared/eval/multinews_full_dev.jsonl --words 300
//!    --algorithm coverage,<name> --subset tune`; tune on `tune`, then report `--subset holdout` and
//!    the full set beside the default. Make it the default only if it wins on data it was not tuned
//!    on.

use super::{SelectConfig, greedy_by_rank};
use crate::analyze::Analysis;

/// Picks summary sentences: indices into `analysis.sentences`, within `config.budget`.
pub(super) fn select(analysis: &Analysis, config: &SelectConfig) -> Vec<usize> {
    // Step 1: only candidates may be picked. `analyze` has already ruled out headlines, captions,
    // fragments and sentences outside --min-words/--max-words.
    let candidates = (0..analysis.sentences.len()).filter(|&i| analysis.sentences[i].candidate);

    // Step 2: score them. Everything a method needs is in the analysis: terms and content bigrams
    // per sentence (`terms`, `bigrams`), tf-idf vectors (`vector`, `centroid`), the position in the
    // article, and in how many independent reports a term or bigram occurs
    // (`Analysis::term_reports`, `Analysis::bigram_reports`).
    let mut ranked: Vec<(usize, usize)> = candidates
        .map(|i| {
            let mut distinct = analysis.sentences[i].terms.clone();
            distinct.sort_unstable();
            distinct.dedup();
            (i, distinct.len())
        })
        .collect();

    // Step 3: order them, breaking ties on the sentence index so that the same input always gives
    // the same summary.
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let ranked: Vec<usize> = ranked.into_iter().map(|(i, _)| i).collect();

    // Step 4: fill the budget. `greedy_by_rank` takes sentences in order while they fit and skips
    // those too close to one already chosen (`config.redundancy`). A method that optimises a whole
    // set instead (like `coverage` or `ilp`) must check `config.budget.cost` itself.
    greedy_by_rank(analysis, &ranked, config)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::select::Budget;
    use crate::testutil::analysed;

    #[test]
    fn the_template_keeps_the_selection_invariants() {
        let analysis = analysed(&[
            "Officials from twenty countries met in Rome on Tuesday to review the campaign against \
             the militants. A separate meeting on finances will take place in Brussels next week.",
            "Ministers from twenty countries met in Rome on Tuesday and reviewed the campaign against \
             the militants. The talks ended with a promise of more help for the new government.",
        ]);
        for budget in [Budget::Words(0), Budget::Words(25), Budget::Sentences(2)] {
            let config = SelectConfig {
                budget,
                ..SelectConfig::default()
            };
            let picks = select(&analysis, &config);
            let spent: usize = picks
                .iter()
                .map(|&i| budget.cost(&analysis.sentences[i]))
                .sum();
            assert!(spent <= budget.limit(), "{spent} over {budget:?}");
            assert!(picks.iter().all(|&i| analysis.sentences[i].candidate));
            assert_eq!(select(&analysis, &config), picks, "not deterministic");
        }
        // The two near-identical openers are never both chosen.
        let config = SelectConfig {
            budget: Budget::Sentences(4),
            ..SelectConfig::default()
        };
        let openers = select(&analysis, &config)
            .into_iter()
            .filter(|&i| analysis.sentences[i].position == 0)
            .count();
        assert_eq!(openers, 1);
    }
}
