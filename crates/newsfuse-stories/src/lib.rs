//! Online story clustering: articles arrive one by one in publication order, and each joins the
//! story it belongs to or starts a new one.
//!
//! Pure and synchronous, like the core: no I/O, no threads, no clock but the articles' own times.
//!
//! ```
//! use newsfuse_stories::{ArticleIn, StoryClusterer, StoryConfig};
//!
//! let mut clusterer = StoryClusterer::new(StoryConfig::default());
//! let first = clusterer.add(&ArticleIn {
//!     id: Some("a1"),
//!     text: "The harbour bridge in Kelmouth closed after a crane struck its northern span.",
//!     ..ArticleIn::default()
//! });
//! assert!(first.is_new);
//! let again = clusterer.add(&ArticleIn { id: Some("a1"), text: "anything", ..ArticleIn::default() });
//! assert_eq!(again.story, first.story);
//! assert!(again.duplicate_of.is_some());
//! ```
#![deny(missing_docs)]

mod cluster;
mod text;
mod time;

pub use cluster::{
    ArticleIn, ArticleKeys, Assignment, Duplicate, DuplicateKind, StoryClusterer, StoryConfig,
    article_keys,
};
pub use text::Language;
pub use time::{format_time, parse_time};

/// Indices of `times` in publication order: by time, an article without one taking the time of
/// the article before it in arrival order (arrival order among equals). This is the order
/// `StoryClusterer::add` works best in when a whole batch is at hand.
pub fn publication_order(times: &[Option<i64>]) -> Vec<usize> {
    let mut carried = i64::MIN;
    let keys: Vec<i64> = times
        .iter()
        .map(|t| {
            if let Some(t) = t {
                carried = *t;
            }
            carried
        })
        .collect();
    let mut order: Vec<usize> = (0..times.len()).collect();
    order.sort_by_key(|&i| keys[i]);
    order
}

#[cfg(test)]
mod tests;
