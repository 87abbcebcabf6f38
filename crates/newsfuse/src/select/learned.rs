//! Learned: coverage with a supervised sentence prior.
//!
//! What it does: a ridge regression over standardized per-sentence features (position, length,
//! centroid similarity, cross-article support of the sentence's words and bigrams, ...) predicts
//! how much of a sentence a human summary would keep (its ROUGE-1 plus ROUGE-2 precision against
//! the reference). That prediction, times the sentence's length, replaces coverage's hand-set lead
//! prior (or joins it, as the trained mix says); selection is then coverage's greedy (concept coverage, redundancy control, budget).
//! The weights are trained by `newsfuse train` (crate `newsfuse-eval`, module `train`) and shipped
//! in `learned_weights.json`; if that file cannot be used, the method falls back to `coverage`.
//! When to use: news clusters like the training data (Multi-News); elsewhere compare with coverage.
//! Reference: Hong & Nenkova, "Improving the Estimation of Word Importance for News
//! Multi-Document Summarization", EACL 2014 (supervised importance + coverage selection).

use std::sync::LazyLock;

use rustc_hash::FxHashMap as HashMap;
use serde::{Deserialize, Serialize};

use super::{SelectConfig, coverage};
use crate::analyze::{Analysis, cosine};

/// Names of the features, in the order [`features`] returns them.
pub const FEATURE_NAMES: [&str; 17] = [
    "ln_position",
    "inverse_position",
    "relative_position",
    "is_first",
    "n_words",
    "ln_n_words",
    "ln_n_articles",
    "centroid_cosine",
    "bigram_support_sum",
    "bigram_support_mean",
    "unigram_support_sum",
    "unigram_support_mean",
    "content_fraction",
    "chars_per_word",
    "ln_article_sentences",
    "mean_idf",
    "lead_coverage_prior",
];

/// Number of features.
pub const N_FEATURES: usize = FEATURE_NAMES.len();

/// A trained linear sentence scorer and how its prediction enters the selection objective.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LearnedModel {
    /// Feature names, which must equal [`FEATURE_NAMES`].
    pub features: Vec<String>,
    /// Training mean of each feature.
    pub means: Vec<f64>,
    /// Training standard deviation of each feature (1 where constant).
    pub stds: Vec<f64>,
    /// Coefficient of each standardized feature.
    pub coefficients: Vec<f64>,
    /// Intercept (the training mean of the target).
    pub intercept: f64,
    /// Weight of the learned prior (prediction × sentence words) in the objective.
    pub prior_scale: f64,
    /// Weight of coverage's own lead prior, kept beside the learned one (0: learned prior only).
    #[serde(default)]
    pub lead_scale: f64,
    /// Weight of coverage's concept term in the objective (0: greedy by prediction alone).
    pub concept_scale: f64,
    /// How sharply the prior follows the prediction: the prior per word is
    /// `prior_scale · exp(sharpness · (prediction − intercept))` (0: a flat length bonus).
    #[serde(default)]
    pub sharpness: f64,
    /// Ridge penalty used in training.
    #[serde(default)]
    pub lambda: f64,
    /// What the model predicts.
    #[serde(default)]
    pub target: String,
    /// Where the training data came from.
    #[serde(default)]
    pub training_data: String,
    /// Number of training sentences.
    #[serde(default)]
    pub n_examples: usize,
    /// When it was trained.
    #[serde(default)]
    pub date: String,
}

impl LearnedModel {
    /// Parses and validates a weights file; `None` if it is unusable.
    pub fn from_json(text: &str) -> Option<LearnedModel> {
        let model: LearnedModel = serde_json::from_str(text).ok()?;
        model.is_valid().then_some(model)
    }

    /// True when the feature list matches this build and every number is finite.
    pub fn is_valid(&self) -> bool {
        self.features.len() == N_FEATURES
            && self.features.iter().zip(FEATURE_NAMES).all(|(a, b)| a == b)
            && self.means.len() == N_FEATURES
            && self.stds.len() == N_FEATURES
            && self.coefficients.len() == N_FEATURES
            && self
                .means
                .iter()
                .chain(&self.stds)
                .chain(&self.coefficients)
                .all(|v| v.is_finite())
            && self.stds.iter().all(|&s| s > 0.0)
            && [
                self.intercept,
                self.prior_scale,
                self.concept_scale,
                self.sharpness,
                self.lead_scale,
            ]
            .iter()
            .all(|v| v.is_finite())
            && self.prior_scale >= 0.0
            && self.concept_scale >= 0.0
            && self.lead_scale >= 0.0
    }

    /// The predicted target for one feature vector.
    pub fn predict(&self, features: &[f32; N_FEATURES]) -> f64 {
        let mut value = self.intercept;
        for (k, &x) in features.iter().enumerate() {
            value += self.coefficients[k] * (f64::from(x) - self.means[k]) / self.stds[k];
        }
        value
    }
}

/// The shipped weights, parsed once; `None` when the file is unusable.
static SHIPPED: LazyLock<Option<LearnedModel>> =
    LazyLock::new(|| LearnedModel::from_json(include_str!("learned_weights.json")));

/// The shipped model, if its weights file is usable.
pub fn shipped_model() -> Option<&'static LearnedModel> {
    SHIPPED.as_ref()
}

/// Feature vectors of every candidate sentence: `(sentence index, features)`, in sentence order.
pub fn features(analysis: &Analysis) -> Vec<(usize, [f32; N_FEATURES])> {
    let n_articles = analysis.n_articles_with_text.max(1);
    let denominator = n_articles.saturating_sub(1).max(1) as f32;
    let mut body_sentences = vec![0usize; analysis.article_ranges.len()];
    for info in &analysis.sentences {
        let count = &mut body_sentences[info.article];
        *count = (*count).max(info.position + 1);
    }
    let mut out = Vec::new();
    for (idx, info) in analysis.sentences.iter().enumerate() {
        if !info.candidate {
            continue;
        }
        let position = info.position as f32;
        let n_words = info.n_words.max(1) as f32;
        let article_sentences = body_sentences[info.article].max(1) as f32;
        let bigram_support: f32 = info
            .bigrams
            .iter()
            .map(|b| {
                analysis
                    .bigram_article_freq
                    .get(b)
                    .copied()
                    .unwrap_or(1)
                    .saturating_sub(1) as f32
                    / denominator
            })
            .sum();
        let mut terms = info.terms.clone();
        terms.sort_unstable();
        terms.dedup();
        let unigram_support: f32 = terms
            .iter()
            .map(|&t| analysis.term_article_freq[t as usize].saturating_sub(1) as f32 / denominator)
            .sum();
        let mean_idf = if terms.is_empty() {
            0.0
        } else {
            terms.iter().map(|&t| analysis.idf[t as usize]).sum::<f32>() / terms.len() as f32
        };
        let row = [
            (1.0 + position).ln(),
            1.0 / (1.0 + position),
            position / article_sentences,
            f32::from(u8::from(info.position == 0)),
            n_words,
            n_words.ln(),
            (n_articles as f32).ln(),
            cosine(&info.vector, &analysis.centroid),
            bigram_support,
            bigram_support / info.bigrams.len().max(1) as f32,
            unigram_support,
            unigram_support / terms.len().max(1) as f32,
            info.terms.len() as f32 / n_words,
            info.n_chars as f32 / n_words,
            article_sentences.ln(),
            mean_idf,
            1.0 / (1.0 + position) * n_words.min(40.0) / 40.0,
        ];
        out.push((idx, row));
    }
    out
}

/// Predicted target of every candidate sentence: `(sentence index, prediction)`.
pub fn predict(analysis: &Analysis, model: &LearnedModel) -> Vec<(usize, f64)> {
    features(analysis)
        .iter()
        .map(|(idx, row)| (*idx, model.predict(row)))
        .collect()
}

pub(super) fn select(analysis: &Analysis, config: &SelectConfig) -> Vec<usize> {
    match shipped_model() {
        Some(model) => select_with(analysis, config, model),
        None => coverage::select(analysis, config),
    }
}

/// Selects with a given model (the training command uses this to tune the objective's mix).
pub fn select_with(analysis: &Analysis, config: &SelectConfig, model: &LearnedModel) -> Vec<usize> {
    if config.budget.limit() == 0 {
        return Vec::new();
    }
    let mut objective = coverage::objective(analysis);
    let predictions: HashMap<usize, f64> = predict(analysis, model).into_iter().collect();
    for (slot, &idx) in objective.prior.iter_mut().zip(&objective.candidates) {
        let prediction = predictions.get(&idx).copied().unwrap_or(0.0);
        let words = analysis.sentences[idx].n_words as f64;
        let relative = (model.sharpness * (prediction - model.intercept)).clamp(-20.0, 20.0);
        let lead = f64::from(*slot) * model.lead_scale;
        *slot = (lead + model.prior_scale * words * relative.exp()) as f32;
    }
    let concept_scale = model.concept_scale as f32;
    for weight in &mut objective.concept_weight {
        *weight *= concept_scale;
    }
    coverage::greedy(analysis, &objective, config)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::select::{Algorithm, Budget};
    use crate::testutil::analysed;

    fn tiny() -> Analysis {
        analysed(&[
            "Ministers from many countries met in Rome on Tuesday to discuss the crisis. \
             A second sentence about the weather in the city was added by the reporter here.",
            "The ministers met in Rome to discuss the crisis and the next steps ahead of the summit.",
        ])
    }

    fn model(coefficients: Vec<f64>) -> LearnedModel {
        LearnedModel {
            features: FEATURE_NAMES.iter().map(|s| (*s).to_string()).collect(),
            means: vec![0.0; N_FEATURES],
            stds: vec![1.0; N_FEATURES],
            coefficients,
            intercept: 0.5,
            prior_scale: 1.0,
            concept_scale: 1.0,
            sharpness: 0.0,
            lead_scale: 0.0,
            lambda: 1.0,
            target: String::new(),
            training_data: String::new(),
            n_examples: 0,
            date: String::new(),
        }
    }

    #[test]
    fn features_of_a_tiny_cluster() {
        let analysis = tiny();
        let rows = features(&analysis);
        assert_eq!(
            rows.len(),
            analysis.sentences.iter().filter(|s| s.candidate).count()
        );
        let (idx, first) = rows[0];
        assert_eq!(idx, 0);
        assert_eq!(first[3], 1.0, "first body sentence");
        assert!((first[1] - 1.0).abs() < 1e-6);
        assert!((first[6] - 2f32.ln()).abs() < 1e-6, "two articles");
        // "met rome", "discuss crisis" occur in both articles.
        assert!(first[8] >= 2.0, "{first:?}");
        assert!(first[7] > 0.0 && first[7] <= 1.0 + 1e-6);
        let second = rows.iter().find(|(i, _)| {
            analysis.sentences[*i].article == 0 && analysis.sentences[*i].position == 1
        });
        if let Some((_, second)) = second {
            assert_eq!(second[3], 0.0);
            assert!(second[8] < first[8]);
        }
        assert!(rows.iter().all(|(_, r)| r.iter().all(|v| v.is_finite())));
    }

    #[test]
    fn weights_load_and_bad_weights_are_refused() {
        let good = model(vec![0.1; N_FEATURES]);
        let text = serde_json::to_string(&good).expect("serializable");
        assert_eq!(LearnedModel::from_json(&text), Some(good.clone()));
        assert_eq!(LearnedModel::from_json("not json"), None);
        let mut short = good.clone();
        short.coefficients.pop();
        assert_eq!(
            LearnedModel::from_json(&serde_json::to_string(&short).expect("ok")),
            None
        );
        let mut renamed = good.clone();
        renamed.features[0] = "other".into();
        assert_eq!(
            LearnedModel::from_json(&serde_json::to_string(&renamed).expect("ok")),
            None
        );
        let mut zero_std = good;
        zero_std.stds[2] = 0.0;
        assert_eq!(
            LearnedModel::from_json(&serde_json::to_string(&zero_std).expect("ok")),
            None
        );
    }

    #[test]
    fn shipped_weights_parse() {
        assert!(
            shipped_model().is_some(),
            "learned_weights.json is unusable"
        );
    }

    #[test]
    fn prediction_steers_selection() {
        let analysis = tiny();
        let config = SelectConfig {
            algorithm: Algorithm::Learned,
            budget: Budget::Sentences(1),
            ..SelectConfig::default()
        };
        // Only the prediction counts: favour late sentences, then early ones.
        let mut late = model({
            let mut c = vec![0.0; N_FEATURES];
            c[2] = 1.0;
            c
        });
        late.concept_scale = 0.0;
        late.sharpness = 1.0;
        let picks = select_with(&analysis, &config, &late);
        assert_eq!(picks.len(), 1);
        assert!(
            analysis.sentences[picks[0]].position > 0
                || analysis
                    .sentences
                    .iter()
                    .filter(|s| s.candidate)
                    .all(|s| s.position == 0)
        );
        let mut early = late.clone();
        early.coefficients[2] = -1.0;
        let picks = select_with(&analysis, &config, &early);
        assert_eq!(analysis.sentences[picks[0]].position, 0);
    }
}
