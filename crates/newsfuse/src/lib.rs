//! newsfuse: a cluster of news articles in, one cited extractive summary out.
//!
//! The pipeline, one module per stage: [`ingest`] (files, JSONL, HTML, encodings) →
//! [`clean`] (web clutter out) → [`segment`] (sentences and tokens with byte spans) →
//! [`analyze`] (terms, cross-article support) → [`select`] (the summarization methods) →
//! [`order`] → [`render`] (text, Markdown, JSON). [`summary`] runs the stages for one cluster.
//!
//! ```
//! use newsfuse::model::{Article, Cluster};
//! use newsfuse::summary::{SummaryConfig, summarize};
//!
//! let text = |t: &str| Article { text: t.to_string(), ..Article::default() };
//! let cluster = Cluster {
//!     id: "example".into(),
//!     articles: vec![
//!         text("Ministers from twenty countries met in Rome on Tuesday to review the campaign."),
//!         text("Ministers of twenty countries met in Rome on Tuesday and reviewed the campaign."),
//!     ],
//! };
//! let summary = summarize(&cluster, &SummaryConfig::default());
//! assert_eq!(summary.sentences.len(), 1);
//! assert_eq!(summary.sentences[0].also_in.len(), 1);
//! ```
#![deny(missing_docs)]

pub mod analyze;
pub mod brief;
pub mod clean;
pub mod error;
pub mod extract;
pub mod ingest;
pub mod model;
pub mod order;
pub mod reading;
pub mod render;
pub mod script;
pub mod segment;
pub mod select;
pub mod stem;
pub mod stopwords;
pub mod summary;
#[cfg(test)]
mod testutil;

pub use error::{Error, Result};
