//! ROUGE for newsfuse, in two modes that reproduce the two reference
//! implementations number for number.
//!
//! - [`RougeScorer`]: Google's `rouge-score` Python package (v0.1.2), the one
//!   most Multi-News papers quote: ROUGE-1, ROUGE-2, ROUGE-L and ROUGE-Lsum,
//!   NLTK Porter stemming, max over references.
//! - [`rouge155`]: the ROUGE-1.5.5 Perl script of DUC/TAC: ROUGE-N, ROUGE-SU,
//!   ROUGE-L with its Porter stemmer plus WordNet exceptions (`-m`), the SMART
//!   stopword list (`-s`), truncation (`-l`/`-b`), model averaging or
//!   jackknifing, and the bootstrap average ([`bootstrap_mean_ci`]).
//!
//! ```
//! use newsfuse_rouge::RougeScorer;
//!
//! let scorer = RougeScorer::new(true);
//! let s = scorer.score(&["The cat sat on the mat."], "A cat was sitting on the mat.");
//! assert!((s.rouge1.recall - 4.0 / 6.0).abs() < 1e-12);
//! ```
//!
//! ROUGE-1.5.5 mode, one score per evaluation, then the script's "Average":
//!
//! ```
//! use newsfuse_rouge::bootstrap_mean_ci;
//! use newsfuse_rouge::rouge155::{Rouge155Options, score};
//!
//! let opts = Rouge155Options::duc_generic(100); // -n 4 -m -l 100 -x -f A -p 0.5
//! let models = ["Storms hit the coast.\nThousands fled.", "A storm struck the coast."];
//! let per_eval: Vec<f64> = ["The storm hit the coast.", "Thousands fled the storm."]
//!     .iter()
//!     .map(|peer| score(&models, peer, &opts).rouge_n[1].recall) // ROUGE-2 R
//!     .collect();
//! let (average, low, high) = bootstrap_mean_ci(&per_eval, 1000, 0.95, 0);
//! assert!(low <= average && average <= high);
//! ```

#![warn(missing_docs)]

mod bootstrap;
mod lcs;
pub mod nltk_porter;
pub mod rouge155;
mod rouge_score;

pub use bootstrap::{bootstrap_mean_ci, mean};
pub use rouge_score::RougeScorer;

use serde::Serialize;

/// Precision, recall and F-measure of one ROUGE measure, as fractions in
/// `[0, 1]`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Prf {
    /// Matches over the prediction's (peer's) units.
    pub precision: f64,
    /// Matches over the reference's (model's) units.
    pub recall: f64,
    /// The F-measure of the two (balanced in rouge-score mode, `-p alpha`
    /// weighted in ROUGE-1.5.5 mode).
    pub f1: f64,
}

/// The four measures of rouge-score mode.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct RougeScores {
    /// Unigram overlap (`rouge1`).
    pub rouge1: Prf,
    /// Bigram overlap (`rouge2`).
    pub rouge2: Prf,
    /// Longest common subsequence over whole texts (`rougeL`).
    pub rouge_l: Prf,
    /// Summary-level union LCS over newline-separated sentences (`rougeLsum`).
    pub rouge_lsum: Prf,
}
