//! The `Store` trait: what newsfuse asks of a story store, in domain terms, for any backend.

use crate::error::Result;
use crate::model::{
    BatchWrite, BriefRecord, DedupeKeys, StoreHead, StoreTotals, StoredArticle, StoryQuery,
    StoryRecord, StoryRow,
};

/// A story store. SQLite ([`crate::SqliteStore`]) implements it; a server backend (PostgreSQL)
/// can implement the same methods.
///
/// Architecture invariant: [`Store::commit_batch`] is all-or-nothing, and refuses a write whose
/// `base_batch` is not the last committed batch, so two ingests at once cannot both continue from
/// the same clusterer state. Everything else only reads (or, for [`Store::put_brief`], replaces a
/// brief under the same check).
pub trait Store {
    /// The last committed batch, the next article key and the clusterer state.
    fn head(&self) -> Result<StoreHead>;
    /// The stored article an article with these keys repeats (same id, same normalised URL or
    /// same text hash), if any.
    fn find_article(&self, keys: &DedupeKeys) -> Result<Option<StoredArticle>>;
    /// A story's articles, by time (then by key), with their texts.
    fn story_articles(&self, story: u64) -> Result<Vec<StoredArticle>>;
    /// Some articles by key, in the order asked (keys not found are left out).
    fn articles(&self, keys: &[u64]) -> Result<Vec<StoredArticle>>;
    /// Writes one batch in one transaction (see the trait's invariant).
    fn commit_batch(&mut self, write: &BatchWrite) -> Result<()>;
    /// Stories with an article at or after `since` (all when `None`): the latest day first, then
    /// the most textually independent reports, then the most articles, then the latest article.
    fn stories(&self, since: Option<i64>) -> Result<Vec<StoryRow>>;
    /// One story and its brief (`None` for a story merged into another: see
    /// [`Store::merged_into`]).
    fn story(&self, id: u64) -> Result<Option<StoryRecord>>;
    /// The story a merged story's id stands for now (`None`: no merge recorded for `id`).
    fn merged_into(&self, id: u64) -> Result<Option<u64>>;
    /// Replaces a story's brief if the story is still as of `brief.batch` with
    /// `brief.story_articles` articles (returns false, writing nothing, when it is not).
    fn put_brief(&mut self, story: u64, brief: &BriefRecord) -> Result<bool>;
    /// One page of stories in the order of [`Store::stories`]: those with an article at or after
    /// `query.since`, whose title or summary holds every word of `query.text`, after
    /// `query.after`, at most `query.limit`.
    fn find_stories(&self, query: &StoryQuery) -> Result<Vec<StoryRow>>;
    /// How many articles, stories and batches the store holds.
    fn totals(&self) -> Result<StoreTotals>;
}
