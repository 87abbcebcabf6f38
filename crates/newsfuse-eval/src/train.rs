//! Training of the `learned` selection method: builds per-sentence examples from a dataset with
//! reference summaries (features from `newsfuse::select::learned::features`, target the sentence's
//! ROUGE-1 plus ROUGE-2 precision against the references), fits a ridge regression in closed form
//! (Cholesky on the normal equations of the standardized features), then picks how the prediction
//! mixes with the coverage objective by a small grid search of summary ROUGE on training clusters.
//!
//! Everything is deterministic: the same data and options give the same weights file.

use std::collections::HashMap;
use std::path::Path;

use newsfuse::select::learned::{self, FEATURE_NAMES, LearnedModel, N_FEATURES};
use newsfuse::select::{Algorithm, Budget, SelectConfig};
use newsfuse::summary::{Prepared, SummaryConfig, prepare};
use newsfuse_rouge::RougeScorer;
use rayon::prelude::*;

use crate::quality::{EvalCluster, QualityError, RougeMode, Subset, load_dataset};

/// What `train` does.
#[derive(Debug, Clone)]
pub struct TrainOptions {
    /// Which half of the dataset to train on.
    pub subset: Subset,
    /// Use only the first N clusters of that half.
    pub limit: Option<usize>,
    /// Ridge penalty (on standardized features; the sum of squares is over all examples).
    pub lambda: f64,
    /// Word budget of the summaries in the mixing grid search (about the share of the source
    /// that a 300-word summary is of a full Multi-News cluster: truncated sources are short).
    pub grid_words: usize,
    /// At most this many training clusters score each grid point.
    pub grid_clusters: usize,
    /// Leave position and article-length features out of the fit and keep coverage's lead prior:
    /// truncated training sources hold only article openings, so the position effect of full
    /// articles cannot be learned from them.
    pub position_free: bool,
}

impl Default for TrainOptions {
    fn default() -> Self {
        Self {
            subset: Subset::Tune,
            limit: None,
            lambda: 10.0,
            grid_words: 100,
            grid_clusters: 3000,
            position_free: false,
        }
    }
}

/// The trained model and a human-readable log of how it was chosen.
#[derive(Debug, Clone)]
pub struct Trained {
    /// The model, ready to be written as `learned_weights.json`.
    pub model: LearnedModel,
    /// Lines describing the fit and the grid search.
    pub log: Vec<String>,
}

/// Solves `a x = b` for a symmetric positive definite `a` (row-major, n × n) by Cholesky
/// decomposition; `None` if `a` is not positive definite or the sizes disagree.
#[allow(clippy::many_single_char_names)]
pub fn solve_spd(a: &[f64], b: &[f64]) -> Option<Vec<f64>> {
    let n = b.len();
    if a.len() != n * n {
        return None;
    }
    // Lower-triangular L with a = L Lᵀ.
    let mut l = vec![0.0; n * n];
    for i in 0..n {
        for j in 0..=i {
            let mut sum = a[i * n + j];
            for k in 0..j {
                sum -= l[i * n + k] * l[j * n + k];
            }
            if i == j {
                if sum <= 0.0 || !sum.is_finite() {
                    return None;
                }
                l[i * n + i] = sum.sqrt();
            } else {
                l[i * n + j] = sum / l[j * n + j];
            }
        }
    }
    // Forward: L y = b; backward: Lᵀ x = y.
    let mut y = vec![0.0; n];
    for i in 0..n {
        let sum: f64 = (0..i).map(|k| l[i * n + k] * y[k]).sum();
        y[i] = (b[i] - sum) / l[i * n + i];
    }
    let mut x = vec![0.0; n];
    for i in (0..n).rev() {
        let sum: f64 = (i + 1..n).map(|k| l[k * n + i] * x[k]).sum();
        x[i] = (y[i] - sum) / l[i * n + i];
    }
    Some(x)
}

/// A ridge fit on standardized features.
#[derive(Debug, Clone, PartialEq)]
pub struct RidgeFit {
    /// Feature means.
    pub means: Vec<f64>,
    /// Feature standard deviations (1 where a feature is constant).
    pub stds: Vec<f64>,
    /// Coefficients of the standardized features.
    pub coefficients: Vec<f64>,
    /// Intercept: the target's mean.
    pub intercept: f64,
}

/// Fits `y ≈ intercept + Σ coef_k (x_k - mean_k) / std_k` minimising squared error plus
/// `lambda · Σ coef_k²`. `None` when there are no rows or the system cannot be solved.
pub fn fit_ridge(rows: &[Vec<f64>], y: &[f64], lambda: f64) -> Option<RidgeFit> {
    let n = rows.len();
    let d = rows.first()?.len();
    if n == 0 || y.len() != n || rows.iter().any(|r| r.len() != d) {
        return None;
    }
    let count = n as f64;
    let means: Vec<f64> = (0..d)
        .map(|k| rows.iter().map(|r| r[k]).sum::<f64>() / count)
        .collect();
    let stds: Vec<f64> = (0..d)
        .map(|k| {
            let var = rows.iter().map(|r| (r[k] - means[k]).powi(2)).sum::<f64>() / count;
            if var > 1e-12 { var.sqrt() } else { 1.0 }
        })
        .collect();
    let y_mean = y.iter().sum::<f64>() / count;
    let mut xtx = vec![0.0; d * d];
    let mut xty = vec![0.0; d];
    let mut z = vec![0.0; d];
    for (row, &target) in rows.iter().zip(y) {
        for k in 0..d {
            z[k] = (row[k] - means[k]) / stds[k];
        }
        for i in 0..d {
            xty[i] += z[i] * (target - y_mean);
            for j in 0..=i {
                xtx[i * d + j] += z[i] * z[j];
            }
        }
    }
    for i in 0..d {
        for j in 0..i {
            xtx[j * d + i] = xtx[i * d + j];
        }
        xtx[i * d + i] += lambda;
    }
    let coefficients = solve_spd(&xtx, &xty)?;
    Some(RidgeFit {
        means,
        stds,
        coefficients,
        intercept: y_mean,
    })
}

/// Features that describe where a sentence sits in its article (see [`TrainOptions::position_free`]).
pub const POSITION_FEATURES: [&str; 6] = [
    "ln_position",
    "inverse_position",
    "relative_position",
    "is_first",
    "ln_article_sentences",
    "lead_coverage_prior",
];

/// [`fit_ridge`] on the named features that `keep` accepts; the others get coefficient 0.
fn fit_ridge_masked(
    rows: &[Vec<f64>],
    y: &[f64],
    lambda: f64,
    keep: &dyn Fn(&str) -> bool,
) -> Option<RidgeFit> {
    let kept: Vec<usize> = (0..N_FEATURES)
        .filter(|&k| keep(FEATURE_NAMES[k]))
        .collect();
    let sub: Vec<Vec<f64>> = rows
        .iter()
        .map(|r| kept.iter().map(|&k| r[k]).collect())
        .collect();
    let part = fit_ridge(&sub, y, lambda)?;
    // Left-out features: mean 0, std 1, coefficient 0 (they do not change the prediction).
    let mut fit = RidgeFit {
        means: vec![0.0; N_FEATURES],
        stds: vec![1.0; N_FEATURES],
        coefficients: vec![0.0; N_FEATURES],
        intercept: part.intercept,
    };
    for (j, &k) in kept.iter().enumerate() {
        fit.means[k] = part.means[j];
        fit.stds[k] = part.stds[j];
        fit.coefficients[k] = part.coefficients[j];
    }
    Some(fit)
}

/// Clipped n-gram precision of `candidate` against `reference` counts.
fn precision(candidate: &[String], n: usize, reference: &HashMap<&[String], usize>) -> f64 {
    if candidate.len() < n {
        return 0.0;
    }
    let mut counts: HashMap<&[String], usize> = HashMap::new();
    for gram in candidate.windows(n) {
        *counts.entry(gram).or_insert(0) += 1;
    }
    let matched: usize = counts
        .iter()
        .map(|(gram, &c)| c.min(reference.get(gram).copied().unwrap_or(0)))
        .sum();
    matched as f64 / (candidate.len() + 1 - n) as f64
}

/// N-gram counts of a token sequence.
type Counts<'a> = HashMap<&'a [String], usize>;

fn ngram_counts(tokens: &[String], n: usize) -> HashMap<&[String], usize> {
    let mut counts = HashMap::new();
    for gram in tokens.windows(n) {
        *counts.entry(gram).or_insert(0) += 1;
    }
    counts
}

/// A reference as the evaluation scores it (Multi-News markers removed).
fn clean_reference(reference: &str) -> String {
    reference
        .replace("NEWLINE_CHAR", " ")
        .trim_start_matches(['\u{2013}', ' '])
        .to_string()
}

/// The target of one sentence: ROUGE-1 plus ROUGE-2 precision, averaged over the references.
pub fn sentence_target(scorer: &RougeScorer, references: &[Vec<String>], sentence: &str) -> f64 {
    let tokens = scorer.tokenize(sentence);
    if references.is_empty() {
        return 0.0;
    }
    let total: f64 = references
        .iter()
        .map(|reference| {
            precision(&tokens, 1, &ngram_counts(reference, 1))
                + precision(&tokens, 2, &ngram_counts(reference, 2))
        })
        .sum();
    total / references.len() as f64
}

/// Feature rows and targets of every candidate sentence of one prepared cluster.
pub fn cluster_examples(
    scorer: &RougeScorer,
    item: &EvalCluster,
    prepared: &Prepared,
) -> Vec<([f32; N_FEATURES], f64)> {
    let references: Vec<Vec<String>> = item
        .references
        .iter()
        .map(|r| scorer.tokenize(&clean_reference(r)))
        .collect();
    let reference_counts: Vec<(Counts, Counts)> = references
        .iter()
        .map(|r| (ngram_counts(r, 1), ngram_counts(r, 2)))
        .collect();
    learned::features(&prepared.analysis)
        .into_iter()
        .map(|(idx, row)| {
            let text = sentence_text(item, prepared, idx);
            let tokens = scorer.tokenize(text);
            let target = reference_counts
                .iter()
                .map(|(one, two)| precision(&tokens, 1, one) + precision(&tokens, 2, two))
                .sum::<f64>()
                / reference_counts.len().max(1) as f64;
            (row, target)
        })
        .collect()
}

fn sentence_text<'a>(item: &'a EvalCluster, prepared: &Prepared, idx: usize) -> &'a str {
    let info = &prepared.analysis.sentences[idx];
    let span = prepared.segmented[info.article].sentences[info.sentence].span;
    span.slice(&item.cluster.articles[info.article].text)
}

/// Mean ROUGE-1 and ROUGE-2 F1 (percent) of `model`'s summaries of the given clusters.
fn grid_score(
    data: &[(&EvalCluster, &Prepared)],
    model: &LearnedModel,
    words: usize,
) -> (f64, f64) {
    let scorer = RougeScorer::new(true);
    let config = SelectConfig {
        algorithm: Algorithm::Learned,
        budget: Budget::Words(words),
        ..SelectConfig::default()
    };
    let scores: Vec<(f64, f64)> = data
        .par_iter()
        .map(|(item, prepared)| {
            let mut picks = learned::select_with(&prepared.analysis, &config, model);
            picks.sort_unstable();
            let text: Vec<&str> = picks
                .iter()
                .map(|&idx| sentence_text(item, prepared, idx))
                .collect();
            let values = RougeMode::RougeScore.score(&scorer, &item.references, &text.join("\n"));
            (values[0], values[1])
        })
        .collect();
    let n = scores.len().max(1) as f64;
    (
        scores.iter().map(|s| s.0).sum::<f64>() / n,
        scores.iter().map(|s| s.1).sum::<f64>() / n,
    )
}

/// Today's date (UTC) as `YYYY-MM-DD`.
fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let days = i64::try_from(secs / 86_400).unwrap_or(0);
    newsfuse::brief::when::Date::from_days(days)
        .map_or_else(String::new, newsfuse::brief::when::Date::iso)
}

/// Trains the `learned` model on a dataset JSONL.
pub fn train(path: &Path, options: &TrainOptions) -> Result<Trained, QualityError> {
    let mut log = Vec::new();
    let (data, problems) = load_dataset(path, options.subset, options.limit)?;
    for problem in problems.iter().take(5) {
        log.push(format!("note: {problem}"));
    }
    let analyze = SummaryConfig::default().analyze;
    let scorer = RougeScorer::new(true);
    let prepared: Vec<Prepared> = data
        .par_iter()
        .map(|item| prepare(&item.cluster, &analyze))
        .collect();
    let per_cluster: Vec<Vec<([f32; N_FEATURES], f64)>> = data
        .par_iter()
        .zip(&prepared)
        .map(|(item, prep)| cluster_examples(&scorer, item, prep))
        .collect();
    let rows: Vec<Vec<f64>> = per_cluster
        .iter()
        .flatten()
        .map(|(row, _)| row.iter().map(|&v| f64::from(v)).collect())
        .collect();
    // Within-cluster targets: each cluster's mean target is replaced by the global mean, so the fit
    // learns which sentences of a cluster are better, not which clusters are easier.
    let global_mean =
        per_cluster.iter().flatten().map(|(_, t)| *t).sum::<f64>() / rows.len().max(1) as f64;
    let targets: Vec<f64> = per_cluster
        .iter()
        .flat_map(|examples| {
            let cluster_mean =
                examples.iter().map(|(_, t)| *t).sum::<f64>() / examples.len().max(1) as f64;
            examples
                .iter()
                .map(move |(_, t)| t - cluster_mean + global_mean)
        })
        .collect();
    log.push(format!(
        "{} clusters, {} candidate sentences",
        data.len(),
        rows.len()
    ));
    let fit = fit_ridge_masked(&rows, &targets, options.lambda, &|name| {
        !(options.position_free && POSITION_FEATURES.contains(&name))
    })
    .ok_or_else(|| QualityError::Empty(path.display().to_string()))?;
    let residual: f64 = rows
        .iter()
        .zip(&targets)
        .map(|(row, &t)| {
            let p = fit.intercept
                + (0..row.len())
                    .map(|k| fit.coefficients[k] * (row[k] - fit.means[k]) / fit.stds[k])
                    .sum::<f64>();
            (t - p).powi(2)
        })
        .sum();
    let total: f64 = targets.iter().map(|&t| (t - fit.intercept).powi(2)).sum();
    log.push(format!(
        "ridge fit: target mean {:.4}, R² on training sentences {:.4}",
        fit.intercept,
        1.0 - residual / total.max(1e-12)
    ));

    let subset_name = match options.subset {
        Subset::All => "all",
        Subset::Tune => "tune",
        Subset::Holdout => "holdout",
    };
    let file_name = path.file_name().map_or_else(
        || path.display().to_string(),
        |f| f.to_string_lossy().into_owned(),
    );
    let mut model = LearnedModel {
        features: FEATURE_NAMES.iter().map(|s| (*s).to_string()).collect(),
        means: fit.means,
        stds: fit.stds,
        coefficients: fit.coefficients,
        intercept: fit.intercept,
        prior_scale: 1.0,
        concept_scale: 1.0,
        sharpness: 0.0,
        lead_scale: 0.0,
        lambda: options.lambda,
        target: "ROUGE-1 + ROUGE-2 precision of the sentence against the reference (rouge-score tokens, Porter stems), centred per cluster".into(),
        training_data: format!(
            "{file_name}, subset {subset_name}{}: {} clusters, {} candidate sentences",
            options.limit.map_or_else(String::new, |l| format!(", first {l}")),
            data.len(),
            rows.len()
        ),
        n_examples: rows.len(),
        date: today(),
    };

    // Mixing grid on (a prefix of) the training clusters.
    let grid_data: Vec<(&EvalCluster, &Prepared)> = data
        .iter()
        .zip(&prepared)
        .take(options.grid_clusters)
        .collect();
    // (lead_scale, prior_scale, sharpness, concept_scale); (1, 0, 0, 1) is coverage itself.
    let mut grid: Vec<[f64; 4]> = Vec::new();
    let lead_scales: &[f64] = if options.position_free {
        &[1.0]
    } else {
        &[0.0, 0.5, 1.0]
    };
    for &lead_scale in lead_scales {
        if lead_scale > 0.0 {
            grid.push([lead_scale, 0.0, 0.0, 1.0]);
        }
        for prior_scale in [0.125, 0.25, 0.5, 1.0] {
            for sharpness in [2.0, 4.0, 8.0] {
                grid.push([lead_scale, prior_scale, sharpness, 1.0]);
            }
        }
    }
    for sharpness in [2.0, 4.0, 8.0] {
        grid.push([lead_scales[0], 1.0, sharpness, 0.0]);
    }
    let mut best: Option<([f64; 4], f64)> = None;
    for point in grid {
        let [lead_scale, prior_scale, sharpness, concept_scale] = point;
        let candidate = LearnedModel {
            lead_scale,
            prior_scale,
            sharpness,
            concept_scale,
            ..model.clone()
        };
        let (r1, r2) = grid_score(&grid_data, &candidate, options.grid_words);
        log.push(format!(
            "grid: lead_scale {lead_scale} prior_scale {prior_scale} sharpness {sharpness} concept_scale {concept_scale}: R-1 {r1:.2} R-2 {r2:.2}"
        ));
        if best.is_none_or(|(_, score)| r1 + r2 > score + 1e-9) {
            best = Some((point, r1 + r2));
        }
    }
    if let Some(([lead_scale, prior_scale, sharpness, concept_scale], _)) = best {
        model.lead_scale = lead_scale;
        model.prior_scale = prior_scale;
        model.sharpness = sharpness;
        model.concept_scale = concept_scale;
        log.push(format!(
            "chosen: lead_scale {lead_scale} prior_scale {prior_scale} sharpness {sharpness} concept_scale {concept_scale}"
        ));
    }
    Ok(Trained { model, log })
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsfuse::model::{Article, Cluster};

    #[test]
    fn cholesky_solves_a_known_system() {
        // [[4, 2, 0], [2, 5, 1], [0, 1, 3]] x = [2, 7, 7] has the solution x = [0, 1, 2].
        let a = [4.0, 2.0, 0.0, 2.0, 5.0, 1.0, 0.0, 1.0, 3.0];
        let x = solve_spd(&a, &[2.0, 7.0, 7.0]).expect("positive definite");
        for (got, want) in x.iter().zip([0.0, 1.0, 2.0]) {
            assert!((got - want).abs() < 1e-12, "{x:?}");
        }
        assert_eq!(
            solve_spd(&[1.0, 2.0, 2.0, 1.0], &[1.0, 1.0]),
            None,
            "indefinite"
        );
        assert_eq!(solve_spd(&[1.0], &[1.0, 2.0]), None, "sizes");
    }

    #[test]
    fn ridge_recovers_a_linear_target_and_shrinks() {
        let rows: Vec<Vec<f64>> = (0..50)
            .map(|i| vec![f64::from(i), f64::from((i * 7) % 11), 3.0])
            .collect();
        let y: Vec<f64> = rows.iter().map(|r| 1.0 + 2.0 * r[0] - 0.5 * r[1]).collect();
        let fit = fit_ridge(&rows, &y, 1e-9).expect("solvable");
        let predict = |r: &[f64]| {
            fit.intercept
                + (0..3)
                    .map(|k| fit.coefficients[k] * (r[k] - fit.means[k]) / fit.stds[k])
                    .sum::<f64>()
        };
        for (row, &target) in rows.iter().zip(&y) {
            assert!((predict(row) - target).abs() < 1e-6);
        }
        assert_eq!(fit.stds[2], 1.0, "constant feature");
        assert!(fit.coefficients[2].abs() < 1e-9);
        let shrunk = fit_ridge(&rows, &y, 1e6).expect("solvable");
        assert!(shrunk.coefficients[0].abs() < fit.coefficients[0].abs());
        assert_eq!(fit_ridge(&[], &[], 1.0), None);
    }

    #[test]
    fn masked_features_get_no_weight() {
        let rows: Vec<Vec<f64>> = (0..40)
            .map(|i| {
                (0..N_FEATURES)
                    .map(|k| ((i * (k + 3)) % 13) as f64)
                    .collect()
            })
            .collect();
        let y: Vec<f64> = rows.iter().map(|r| r[0] + r[7]).collect();
        let fit =
            fit_ridge_masked(&rows, &y, 1e-6, &|name| name != "ln_position").expect("solvable");
        assert_eq!(fit.coefficients[0], 0.0);
        assert_eq!((fit.means[0], fit.stds[0]), (0.0, 1.0));
        assert!(fit.coefficients[7] > 0.0);
    }

    #[test]
    fn examples_have_higher_targets_for_reference_sentences() {
        let article = |t: &str| Article {
            text: t.into(),
            ..Article::default()
        };
        let item = EvalCluster {
            cluster: Cluster {
                id: "c".into(),
                articles: vec![
                    article(
                        "Ministers from twenty countries met in Rome on Tuesday to review the campaign. The weather in the city was mild and sunny all afternoon long.",
                    ),
                    article(
                        "The ministers of twenty countries met in Rome on Tuesday and reviewed the campaign against militants.",
                    ),
                ],
            },
            references: vec![
                "Ministers from twenty countries met in Rome on Tuesday to review the campaign."
                    .into(),
            ],
        };
        let scorer = RougeScorer::new(true);
        let prepared = prepare(&item.cluster, &SummaryConfig::default().analyze);
        let examples = cluster_examples(&scorer, &item, &prepared);
        assert!(examples.len() >= 2);
        assert!(
            (examples[0].1 - 2.0).abs() < 1e-9,
            "a reference sentence has precision 1 + 1: {examples:?}"
        );
        assert!(examples.iter().skip(1).all(|(_, t)| *t < examples[0].1));
        let target = sentence_target(&scorer, &[scorer.tokenize("the cat sat")], "the cat ran");
        assert!((target - (2.0 / 3.0 + 0.5)).abs() < 1e-9);
    }
}
