//! The story store: articles, the stories they form and each story's current summary and
//! brief, kept between runs of `newsfuse ingest`.
//!
//! [`Store`] is the backend-neutral interface; [`SqliteStore`] is the embedded default (one
//! file, WAL mode, numbered migrations). [`ingest()`] runs one batch against any store: articles
//! seen before (same id, URL or text) are recognised and not stored again, new ones are placed
//! in stories by the `newsfuse-stories` clusterer continued from its saved state, each changed
//! story's brief is rebuilt once, and everything is written in one transaction.
//!
//! ```
//! use newsfuse_store::{ArticleInput, IngestOptions, SqliteStore, Store, ingest};
//!
//! let dir = std::env::temp_dir().join(format!("newsfuse-doc-{}", std::process::id()));
//! let mut store = SqliteStore::open(&dir.join("stories.db")).unwrap();
//! let article = ArticleInput {
//!     id: Some("a1".into()),
//!     title: "Harbour bridge closed".into(),
//!     text: "The harbour bridge in Kelmouth closed on Monday after a crane struck its northern span.".into(),
//!     published: Some("2024-03-04T09:00:00Z".into()),
//!     ..ArticleInput::default()
//! };
//! let options = IngestOptions {
//!     now: 1_709_600_000,
//!     summary: newsfuse::SummaryConfig::default(),
//!     stories: newsfuse_stories::StoryConfig::default(),
//! };
//! let first = ingest(&mut store, &[article.clone()], &options).unwrap();
//! assert_eq!(first.counts.stored, 1);
//! let again = ingest(&mut store, &[article], &options).unwrap();
//! assert_eq!((again.counts.stored, again.counts.duplicates), (0, 1));
//! assert_eq!(store.stories(None).unwrap().len(), 1);
//! # std::fs::remove_dir_all(&dir).ok();
//! ```
#![deny(missing_docs)]

mod error;
pub mod ingest;
mod input;
mod model;
mod sqlite;
mod state;
mod store;

pub use error::{Result, StoreError};
pub use ingest::{
    CurrentStory, IngestOptions, IngestReport, Rebuilt, SeenAgain, StoryUpdate, current_story,
    ingest, ingest_without_briefs, rebuild_briefs, story_update,
};
pub use input::{article_from_json, parse_since, string_field, title_and_text};
pub use model::{
    ArticleInput, BatchCounts, BatchWrite, BriefRecord, DedupeKeys, StoreHead, StoreTotals,
    StoredArticle, StoryCursor, StoryMerge, StoryQuery, StoryRecord, StoryRow,
};
pub use sqlite::{APPLICATION_ID, LAYOUT_VERSION, SqliteStore};
pub use store::Store;

#[cfg(any(test, feature = "conformance"))]
#[doc(hidden)]
pub mod conformance;
#[cfg(test)]
mod tests;
