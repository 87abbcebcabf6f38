//! Disagreement detection measured on real clusters: the ten WikiNews clusters of TAC 2011
//! MultiLing (CC BY 2.5, see `tests/data/tac2011_wikinews/ATTRIBUTION.md`).
//!
//! Baseline: each unperturbed cluster, where every flagged disagreement is counted (and printed).
//! Perturbation: for each figure written as "<number> <word>" in two or more articles of a cluster
//! (years excluded; at most six per cluster), the occurrence in the last such article is replaced
//! by 1.5 times its value. A run is a hit when a new disagreement has that article alone on one
//! value; every other disagreement not already in the baseline is a false one.

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;
use regex::Regex;

use super::build_brief;
use super::testutil::prepare;
use crate::model::{Article, Cluster};

pub(super) fn load(id: &str) -> Cluster {
    let path = format!(
        "{}/tests/data/tac2011_wikinews/{id}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).expect("fixture exists");
    let value: serde_json::Value = serde_json::from_str(&text).expect("fixture is JSON");
    let articles = value["documents"]
        .as_array()
        .expect("documents array")
        .iter()
        .enumerate()
        .map(|(i, d)| Article {
            origin: format!("{id}#{i}"),
            text: d.as_str().unwrap_or("").to_string(),
            ..Article::default()
        })
        .collect();
    Cluster {
        id: id.to_string(),
        articles,
    }
}

/// Disagreements as (measure, sorted values with articles) for comparison across runs.
type Flag = (String, Vec<(String, Vec<usize>)>);

fn disagreements(cluster: &Cluster) -> Vec<Flag> {
    let (cleaned, segmented) = prepare(cluster);
    let brief = build_brief(cluster, &cleaned, &segmented, &[]);
    brief
        .figures
        .disagreements
        .iter()
        .map(|&q| {
            let quantity = &brief.figures.quantities[q];
            let values = quantity
                .values
                .iter()
                .map(|v| (super::figures::fmt_value(v.value), v.articles.clone()))
                .collect();
            (quantity.measure.clone(), values)
        })
        .collect()
}

fn perturbed(value: &str) -> Option<String> {
    let number: f64 = value.replace(',', "").parse().ok()?;
    let new = number * 1.5;
    Some(if value.contains('.') {
        format!("{new:.1}")
    } else {
        format!("{}", new.round() as i64)
    })
}

#[test]
fn disagreement_precision_recall_on_wikinews() {
    let figure =
        Regex::new(r"\b(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?) ([a-z]{3,})\b").expect("valid regex");
    // Clusters run in parallel (the suite must stay fast in debug builds).
    let per_cluster: Vec<(usize, usize, usize, usize)> = (0..10)
        .into_par_iter()
        .map(|id| measure_cluster(id, &figure))
        .collect();
    let (mut runs, mut hits, mut false_new, mut baseline_flags) = (0, 0, 0, 0);
    for (r, h, f, b) in per_cluster {
        runs += r;
        hits += h;
        false_new += f;
        baseline_flags += b;
    }
    let precision = hits as f64 / (hits + false_new).max(1) as f64;
    let recall = hits as f64 / runs.max(1) as f64;
    eprintln!(
        "disagreement detection: runs={runs} hits={hits} new_false={false_new} precision={precision:.2} recall={recall:.2} baseline_flags={baseline_flags}"
    );
    // Regression floors (measured values are in the eprintln above and in docs/brief.md).
    assert!(runs >= 20, "too few perturbations: {runs}");
    // Measured: one, 14 vs 15 sailors in M002, a real difference between two reports.
    assert!(
        baseline_flags <= 1,
        "false disagreements on unperturbed clusters: {baseline_flags}"
    );
    assert!(precision >= 0.9, "precision {precision:.2}");
    // Measured 0.27 (7 of 26; a hit is a flag of the changed value and one other). The end of a
    // range ("between 25 to 40 percent" changed to 60) is compared with nothing but an equal
    // value, and a percentage without a head noun only with a rewritten sentence: both gates
    // keep false flags off unchanged news and cost this plant.
    assert!(recall >= 0.26, "recall {recall:.2}");
}

/// (runs, hits, new false disagreements, baseline disagreements) of one cluster.
fn measure_cluster(id: usize, figure: &Regex) -> (usize, usize, usize, usize) {
    let (mut runs, mut hits, mut false_new) = (0, 0, 0);
    let cluster = load(&format!("M{id:03}"));
    let baseline = disagreements(&cluster);
    let baseline_flags = baseline.len();
    for flag in &baseline {
        eprintln!("baseline {}: {flag:?}", cluster.id);
    }
    let mut seen: BTreeMap<(String, String), BTreeSet<usize>> = BTreeMap::new();
    for (idx, article) in cluster.articles.iter().enumerate() {
        for caps in figure.captures_iter(&article.text) {
            let is_year = caps[1].len() == 4
                && caps[1].starts_with(['1', '2'])
                && !caps[1].contains([',', '.']);
            if !is_year {
                seen.entry((caps[1].to_string(), caps[2].to_string()))
                    .or_default()
                    .insert(idx);
            }
        }
    }
    for ((number, word), articles) in seen.iter().filter(|(_, a)| a.len() >= 2).take(6) {
        let Some(&target) = articles.iter().next_back() else {
            continue;
        };
        let Some(new_number) = perturbed(number) else {
            continue;
        };
        let mut changed = cluster.clone();
        let text = &mut changed.articles[target].text;
        let Some(at) = text.find(&format!("{number} {word}")) else {
            continue;
        };
        text.replace_range(at..at + number.len(), &new_number);
        runs += 1;
        let flagged = disagreements(&changed);
        // A hit: a new disagreement of two values in which the changed article stands alone on
        // its value (a third value would be another quantity merged in, not the planted change).
        let is_hit = |flag: &Flag| {
            !baseline.contains(flag)
                && flag.1.len() == 2
                && flag.1.iter().any(|(_, arts)| arts == &vec![target])
        };
        let hit = flagged.iter().any(is_hit);
        hits += usize::from(hit);
        let extra = flagged
            .iter()
            .filter(|f| !is_hit(f) && !baseline.contains(f))
            .count();
        false_new += extra;
        eprintln!(
            "{} [{target}] {number} {word} -> {new_number}: hit={hit} false={extra}",
            cluster.id
        );
    }
    (runs, hits, false_new, baseline_flags)
}
