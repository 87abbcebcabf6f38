//! The records the store keeps and the write a batch makes: backend-neutral plain data.

use serde::Serialize;

/// An article offered to the store, before it is known to be new.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArticleInput {
    /// The caller's id.
    pub id: Option<String>,
    /// Its URL.
    pub url: Option<String>,
    /// Its headline.
    pub title: String,
    /// Its plain text (HTML already extracted).
    pub text: String,
    /// The outlet.
    pub source: Option<String>,
    /// Its publication date as given (RFC 3339 / ISO 8601 understood).
    pub published: Option<String>,
    /// Where it was read from, for messages (`feed.jsonl line 3`).
    pub origin: String,
}

/// An article as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StoredArticle {
    /// The store's number for it (1, 2, ... in the order articles were stored).
    pub key: u64,
    /// The caller's id, if it gave one.
    pub id: Option<String>,
    /// Its URL, as given.
    pub url: Option<String>,
    /// Its headline.
    pub title: String,
    /// Its outlet.
    pub source: Option<String>,
    /// Its publication date as given.
    pub published: Option<String>,
    /// Its time in seconds since the Unix epoch: the publication date when it could be read and
    /// was not in the future, else `first_seen`.
    pub time: i64,
    /// When the store first saw it (seconds since the Unix epoch, the ingest's clock).
    pub first_seen: i64,
    /// Its text.
    pub text: String,
    /// Its story.
    pub story: u64,
    /// The ingest batch that stored it.
    pub batch: u64,
}

/// The keys that recognise an article seen again (see `newsfuse_stories::ArticleKeys`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DedupeKeys {
    /// The caller's id.
    pub id: Option<String>,
    /// The normalised URL.
    pub url: Option<String>,
    /// The hash of title and text.
    pub text: Option<u64>,
}

/// One story as listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StoryRow {
    /// The story's number.
    pub id: u64,
    /// The headline (or opening words) of its first article.
    pub title: String,
    /// Time of its earliest article.
    pub first_time: i64,
    /// Time of its latest article.
    pub last_time: i64,
    /// How many articles it has.
    pub articles: u64,
    /// How many distinct sources (outlets) they come from.
    pub sources: u64,
    /// How many textually independent reports its brief found (coverage groups: articles that
    /// are not copies or rewrites of one another); its article count before a brief is built.
    pub independent: u64,
    /// The batch that last changed it.
    pub updated_batch: u64,
}

/// A story's summary and brief, and what they were built from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BriefRecord {
    /// The articles the brief was built from, in the brief's article order (its article ids
    /// index this list). All of the story's articles, or a bounded choice of them for a very
    /// large story (see `ingest::MAX_BRIEF_ARTICLES`).
    pub built_from: Vec<u64>,
    /// How many articles the story had when it was built.
    pub story_articles: u64,
    /// The batch it was built in.
    pub batch: u64,
    /// The brief's textually independent reports (`coverage.n_independent`).
    pub independent: u64,
    /// The brief, as `newsfuse brief --format json` writes it.
    pub brief_json: String,
    /// The summary, as `newsfuse summarize --format json` writes it.
    pub summary_json: String,
}

/// A story with its brief.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoryRecord {
    /// The story.
    pub row: StoryRow,
    /// Its brief, if one was built.
    pub brief: Option<BriefRecord>,
}

impl StoryRecord {
    /// True when the brief was built from the story as it is now: as many articles, and no
    /// batch has changed the story since.
    pub fn brief_is_current(&self) -> bool {
        self.brief.as_ref().is_some_and(|b| {
            b.story_articles == self.row.articles && b.batch >= self.row.updated_batch
        })
    }
}

/// Where the store stands: what an ingest continues from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StoreHead {
    /// The last committed batch (0: none yet).
    pub batch: u64,
    /// The key the next stored article gets.
    pub next_article: u64,
    /// The story clusterer's saved state (JSON), if any batch was committed.
    pub clusterer: Option<Vec<u8>>,
    /// How many story merges the store has applied (`BatchWrite::merges` of all batches).
    pub merges: u64,
}

/// Counts of one batch.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct BatchCounts {
    /// When it started (seconds since the Unix epoch).
    pub started: i64,
    /// Articles offered.
    pub offered: u64,
    /// New articles stored.
    pub stored: u64,
    /// Articles recognised as seen before (not stored again).
    pub duplicates: u64,
    /// Stories started.
    pub new_stories: u64,
    /// Stories changed (started, joined or joined by a merged story), each brief rebuilt once.
    pub changed_stories: u64,
    /// Stories merged into another story (their articles moved to it; see [`StoryMerge`]).
    pub merged_stories: u64,
}

/// A story merged into another by the clusterer (`newsfuse_stories::StoryConfig::merge_threshold`):
/// its articles now belong to `into`, its own row is gone, and its id still resolves to `into`
/// ([`crate::Store::merged_into`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct StoryMerge {
    /// The merged story's id.
    pub story: u64,
    /// The story it joined (a story of the store after the batch, never itself merged).
    pub into: u64,
}

/// Everything one ingest batch writes, in one transaction.
#[derive(Debug, Clone, Default)]
pub struct BatchWrite {
    /// The batch the ingest started from (`StoreHead::batch`); the write is refused when the store
    /// has moved on since.
    pub base_batch: u64,
    /// This batch's number: `base_batch + 1`.
    pub batch: u64,
    /// Its counts.
    pub counts: BatchCounts,
    /// New articles with their keys (from `StoreHead::next_article` on) and stories.
    pub articles: Vec<(StoredArticle, DedupeKeys)>,
    /// Every story the batch changed, as it is after the batch.
    pub stories: Vec<(StoryRow, BriefRecord)>,
    /// Stories merged into another in this batch (or merged by an earlier batch that a store
    /// written before merges were applied still holds apart). Applied in the transaction after
    /// `stories` are written: each merged story's articles move to `into`, merges recorded into
    /// the merged story are redirected to `into`, the merge is recorded and the merged story's
    /// row is removed. A merged story started in this batch has no row or articles; its merge is
    /// recorded all the same.
    pub merges: Vec<StoryMerge>,
    /// The clusterer's state after the batch.
    pub clusterer: Vec<u8>,
}

/// A page of stories asked of [`crate::Store::find_stories`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StoryQuery {
    /// Only stories with an article at or after this time (seconds since the Unix epoch).
    pub since: Option<i64>,
    /// Words that must all appear (case-insensitively, as substrings) in the story's title or
    /// its summary text; blank: no filter.
    pub text: Option<String>,
    /// Only stories after this one in the listing order (the cursor of the previous page).
    pub after: Option<StoryCursor>,
    /// At most this many stories.
    pub limit: usize,
}

/// A position in the story listing (latest day first, then the most independent reports, then
/// the most articles, then the latest article, then the lowest id): the last story of a page.
/// Written as `day.independent.articles.time.id`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StoryCursor {
    /// `last_time / 86400` (SQL integer division).
    pub day: i64,
    /// The story's textually independent reports.
    pub independent: u64,
    /// The story's article count.
    pub articles: u64,
    /// The story's latest article time.
    pub last_time: i64,
    /// The story's id.
    pub id: u64,
}

impl StoryCursor {
    /// The cursor just past `row`.
    pub fn after(row: &StoryRow) -> Self {
        // Truncating division, as SQLite's integer `/` does.
        Self {
            day: row.last_time / 86_400,
            independent: row.independent,
            articles: row.articles,
            last_time: row.last_time,
            id: row.id,
        }
    }

    /// Reads a cursor written by its `Display`; `None` when it is not one.
    pub fn parse(text: &str) -> Option<Self> {
        let mut parts = text.split('.');
        let cursor = Self {
            day: parts.next()?.parse().ok()?,
            independent: parts.next()?.parse().ok()?,
            articles: parts.next()?.parse().ok()?,
            last_time: parts.next()?.parse().ok()?,
            id: parts.next()?.parse().ok()?,
        };
        parts.next().is_none().then_some(cursor)
    }
}

impl std::fmt::Display for StoryCursor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}.{}.{}.{}.{}",
            self.day, self.independent, self.articles, self.last_time, self.id
        )
    }
}

/// What a store holds, counted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct StoreTotals {
    /// Stored articles.
    pub articles: u64,
    /// Stories.
    pub stories: u64,
    /// The last committed batch (0: none).
    pub batch: u64,
    /// When the last batch started (seconds since the Unix epoch), if there is one.
    pub last_batch_started: Option<i64>,
}
