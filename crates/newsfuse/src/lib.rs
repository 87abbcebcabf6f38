//! newsfuse: a cluster of news articles about one event in, one cited extractive summary and a
//! story brief out.
//!
//! A *summary* is a few sentences copied word for word from the articles, each pointing back to
//! its source by byte span and listing the other articles that say the same thing. A *brief* adds
//! what a reader needs to trust it: which articles copy each other, who said what, the people,
//! places and organisations, every figure with the articles that agree or disagree on it, and the
//! event's date. Everything here is pure and synchronous; only [`ingest`] reads files.
//!
//! # Summarize a cluster
//!
//! ```
//! use newsfuse::{Article, Cluster, SummaryConfig};
//!
//! let article = |text: &str| Article { text: text.to_string(), ..Article::default() };
//! let cluster = Cluster {
//!     id: "rome-meeting".into(),
//!     articles: vec![
//!         article("Ministers from twenty countries met in Rome on Tuesday to review the campaign."),
//!         article("Ministers of twenty countries met in Rome on Tuesday and reviewed the campaign."),
//!     ],
//! };
//! let summary = newsfuse::summarize(&cluster, &SummaryConfig::default().words(120));
//! assert_eq!(summary.sentences.len(), 1);
//! let sentence = &summary.sentences[0];
//! // The sentence is cut from its article by its byte span, and the other article backs it.
//! assert_eq!(sentence.span.slice(&cluster.articles[sentence.article].text), sentence.text);
//! assert_eq!(sentence.also_in.len(), 1);
//! // Text, Markdown, or JSON in the documented schema (docs/summary-schema.md).
//! let json = newsfuse::render::render(&summary, &cluster, newsfuse::Format::Json);
//! assert!(json.starts_with('{'));
//! ```
//!
//! # Build its brief
//!
//! ```
//! use newsfuse::{Article, Cluster, SummaryConfig};
//!
//! let article = |text: &str| Article { text: text.to_string(), ..Article::default() };
//! let cluster = Cluster {
//!     id: "storm".into(),
//!     articles: vec![
//!         article("The storm killed 12 people in the coastal town of Marlow, officials said on Monday."),
//!         article("Officials said on Monday that the storm killed 15 people in the coastal town of Marlow."),
//!     ],
//! };
//! let brief = newsfuse::brief(&cluster, &SummaryConfig::default());
//! assert_eq!(brief.schema_version, newsfuse::brief::SCHEMA_VERSION);
//! assert_eq!(brief.articles.len(), 2);
//! assert!(!brief.summary.is_empty());
//! // Markdown, a standalone HTML page, or JSON in the documented schema (docs/brief-schema.json).
//! let markdown = newsfuse::brief::render_markdown(&brief, &cluster);
//! assert!(markdown.starts_with("# Brief: storm"));
//! ```
//!
//! [`summarize_and_brief`] gives both at the cost of one, as `newsfuse brief` does.
//!
//! # Read a folder or a JSONL file of clusters
//!
//! [`read_inputs`] reads what the command line takes: files and folders form one cluster
//! (one article per file: plain text or an HTML page, in any common encoding), and each line of a
//! `.jsonl` file is a cluster of its own (`{"id": …, "documents": ["text", {"title": …,
//! "text": …, "url": …, "source": …, "published": …}]}`). A part it cannot read is an `Err` in
//! place; the rest is still read. Notes say what it changed (a legacy encoding, a cut page).
//!
//! ```
//! # fn main() -> std::io::Result<()> {
//! use std::path::PathBuf;
//!
//! let dir = std::env::temp_dir().join(format!("newsfuse-doc-{}", std::process::id()));
//! std::fs::create_dir_all(dir.join("quake"))?;
//! std::fs::write(dir.join("quake/a.txt"), "A strong earthquake shook the island on Sunday morning.")?;
//! std::fs::write(dir.join("quake/b.txt"), "The island was shaken by a strong earthquake on Sunday morning.")?;
//! std::fs::write(
//!     dir.join("more.jsonl"),
//!     "{\"id\": \"vote\", \"documents\": [\"Voters went to the polls in the capital on Sunday.\"]}\n",
//! )?;
//!
//! // A folder is one cluster, named after it.
//! let folder = newsfuse::read_inputs(&[dir.join("quake")]);
//! let clusters: Vec<newsfuse::Cluster> = folder.clusters.into_iter().filter_map(Result::ok).collect();
//! assert_eq!(clusters.len(), 1);
//! assert_eq!(clusters[0].id, "quake");
//! assert_eq!(clusters[0].articles.len(), 2);
//!
//! // Each JSONL line is a cluster.
//! let jsonl = newsfuse::read_inputs(&[dir.join("more.jsonl")]);
//! for cluster in jsonl.clusters {
//!     match cluster {
//!         Ok(cluster) => assert_eq!(cluster.id, "vote"),
//!         Err(error) => eprintln!("skipped: {error}"),
//!     }
//! }
//! for note in &jsonl.notes {
//!     eprintln!("note: {}: {}", note.origin, note.message);
//! }
//! # std::fs::remove_dir_all(&dir)?;
//! # Ok(())
//! # }
//! ```
//!
//! # The stages
//!
//! The common path above is one call each; the stage modules stay public for those who need
//! them, one module per stage: [`ingest`] (files, JSONL, HTML, encodings) → [`clean`] (web
//! clutter out) → [`segment`] (sentences and tokens with byte spans) → [`analyze`] (terms,
//! cross-article support) → [`select`] (the summarization methods, [`Algorithm`]) → [`order`] →
//! [`render`] (text, Markdown, JSON). [`summary`] runs the stages for one cluster; [`mod@brief`]
//! builds and renders the brief.
//!
//! # Versions
//!
//! The public API of this crate and the two JSON outputs follow semantic versioning. Each JSON
//! object carries a `schema_version` of the form `MAJOR.MINOR.PATCH`: a field added is a minor
//! bump, a field removed, renamed, retyped or changed in meaning is a major bump. The summary's is
//! [`render::SUMMARY_SCHEMA_VERSION`] (docs/summary-schema.md), the brief's
//! [`brief::SCHEMA_VERSION`] (docs/brief-schema.json).
#![deny(missing_docs)]

pub mod analyze;
pub mod brief;
mod calendar;
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
pub mod update;

/// The README's Rust example, compiled and run by `cargo test` so that it stays true.
#[cfg(doctest)]
#[doc = include_str!("../../../README.md")]
struct ReadmeDoctests;

pub use brief::Brief;
pub use error::{Error, Result};
pub use ingest::{IngestNote, Ingested, read_inputs};
pub use model::{Article, Cluster, Span};
pub use render::Format;
pub use select::{Algorithm, Budget};
pub use summary::{Summary, SummaryConfig, Warning, summarize};
pub use update::{summarize_update, summarize_update_about};

/// Builds the brief of a cluster: its summary under `config`, then coverage, corroboration,
/// quotes, entities, figures and the event date. See [`mod@brief`] for the parts and renderers.
pub fn brief(cluster: &Cluster, config: &SummaryConfig) -> Brief {
    summarize_and_brief(cluster, config).1
}

/// The summary and the brief of a cluster, running the text stages once for both.
///
/// ```
/// use newsfuse::{Article, Cluster, SummaryConfig};
///
/// let article = |text: &str| Article { text: text.to_string(), ..Article::default() };
/// let cluster = Cluster {
///     id: "one".into(),
///     articles: vec![article("The bridge over the river reopened to traffic on Friday after repairs.")],
/// };
/// let (summary, brief) = newsfuse::summarize_and_brief(&cluster, &SummaryConfig::default());
/// assert_eq!(summary.sentences.len(), brief.summary.len());
/// ```
pub fn summarize_and_brief(cluster: &Cluster, config: &SummaryConfig) -> (Summary, Brief) {
    let prepared = summary::prepare(cluster, &config.analyze);
    let summary = summary::summarize_prepared(cluster, &prepared, config);
    let brief = brief::build_brief_summarized(cluster, &prepared, &summary);
    (summary, brief)
}
