//! The ceiling of the coverage objective: coverage's greedy with concept weights read off the
//! reference summaries (a content bigram weighs 1 when the reference has it, a content word 0.25),
//! beside the shipped default, on the same clusters and budget.
//!
//! It shows how much of the gap to the extractive oracle is a matter of weighting concepts rather
//! than of the candidate sentences or the greedy selection.
//!
//! ```text
//! cargo run --release -p newsfuse-eval --example concept_oracle -- DATA.jsonl [WORDS] [LEAD_PRIOR]
//! ```

use std::collections::HashSet;
use std::path::Path;

use newsfuse::analyze::is_content_token;
use newsfuse::model::Span;
use newsfuse::segment::tokenize;
use newsfuse::select::coverage::{Concept, select_weighted};
use newsfuse::select::{Budget, SelectConfig, select};
use newsfuse::summary::{Prepared, SummaryConfig, prepare};
use newsfuse_eval::quality::{EvalCluster, RougeMode, Subset, load_dataset};
use newsfuse_rouge::RougeScorer;
use rayon::prelude::*;

/// Term id → stem, interned in the same order as `analyze` does.
fn vocabulary(prepared: &Prepared) -> Vec<&str> {
    let mut ids: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    let mut stems = Vec::new();
    for token in prepared
        .segmented
        .iter()
        .flat_map(|article| &article.sentences)
        .flat_map(|sentence| &sentence.tokens)
        .filter(|token| is_content_token(token))
    {
        ids.entry(&*token.stem).or_insert_with(|| {
            stems.push(&*token.stem);
            stems.len() - 1
        });
    }
    stems
}

/// The content stems and content-stem bigrams of the reference summaries.
fn reference_concepts(item: &EvalCluster) -> (HashSet<String>, HashSet<(String, String)>) {
    let mut terms = HashSet::new();
    let mut bigrams = HashSet::new();
    for reference in &item.references {
        let span = Span {
            start: 0,
            end: reference.len(),
        };
        let stems: Vec<String> = tokenize(reference, span)
            .into_iter()
            .filter(is_content_token)
            .map(|token| token.stem.to_string())
            .collect();
        for pair in stems.windows(2) {
            bigrams.insert((pair[0].clone(), pair[1].clone()));
        }
        terms.extend(stems);
    }
    (terms, bigrams)
}

fn score(
    item: &EvalCluster,
    prepared: &Prepared,
    picks: &[usize],
    scorer: &RougeScorer,
) -> [f64; 2] {
    let mut picks = picks.to_vec();
    picks.sort_unstable();
    let text: Vec<&str> = picks
        .iter()
        .map(|&idx| {
            let info = &prepared.analysis.sentences[idx];
            let span = prepared.segmented[info.article].sentences[info.sentence].span;
            span.slice(&item.cluster.articles[info.article].text)
        })
        .collect();
    let values = RougeMode::RougeScore.score(scorer, &item.references, &text.join("\n"));
    [values[0], values[1]]
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(path) = args.get(1) else {
        eprintln!("usage: concept_oracle DATA.jsonl [WORDS] [LEAD_PRIOR]");
        std::process::exit(2);
    };
    let words: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(300);
    let lead_prior: f32 = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(0.0);
    let (data, problems) = match load_dataset(Path::new(path), Subset::All, None) {
        Ok(loaded) => loaded,
        Err(error) => {
            eprintln!("error: {error}");
            std::process::exit(1);
        }
    };
    for problem in &problems {
        eprintln!("note: {problem}");
    }
    let analyze = SummaryConfig::default().analyze;
    let config = SelectConfig {
        budget: Budget::Words(words),
        ..SelectConfig::default()
    };
    let scorer = RougeScorer::new(true);
    let scores: Vec<([f64; 2], [f64; 2])> = data
        .par_iter()
        .map(|item| {
            let prepared = prepare(&item.cluster, &analyze);
            let stems = vocabulary(&prepared);
            let (terms, bigrams) = reference_concepts(item);
            let in_reference = |concept: Concept| match concept {
                Concept::Bigram(a, b) => bigrams
                    .contains(&(stems[a as usize].to_string(), stems[b as usize].to_string())),
                Concept::Term(t) => terms.contains(stems[t as usize]),
            };
            let oracle = select_weighted(
                &prepared.analysis,
                &config,
                |concept| {
                    let unit = if matches!(concept, Concept::Term(_)) {
                        0.25
                    } else {
                        1.0
                    };
                    if in_reference(concept) { unit } else { 0.0 }
                },
                |info| lead_prior * info.n_words as f32 / (1.0 + info.position as f32),
            );
            let default = select(&prepared.analysis, &config);
            (
                score(item, &prepared, &oracle, &scorer),
                score(item, &prepared, &default, &scorer),
            )
        })
        .collect();
    let n = scores.len().max(1) as f64;
    let mean = |method: usize, measure: usize| {
        scores
            .iter()
            .map(|pair| {
                if method == 0 {
                    pair.0[measure]
                } else {
                    pair.1[measure]
                }
            })
            .sum::<f64>()
            / n
    };
    println!(
        "{} clusters, {words} words, rouge-score F1 R-1 / R-2",
        scores.len()
    );
    println!(
        "concept oracle (lead prior {lead_prior}): {:.2} / {:.2}",
        mean(0, 0),
        mean(0, 1)
    );
    println!(
        "default ({}):                 {:.2} / {:.2}",
        config.algorithm.name(),
        mean(1, 0),
        mean(1, 1)
    );
}
