//! The SQLite backend: one file, WAL mode, numbered migrations, a batch per transaction.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

use crate::error::{Result, StoreError};
use crate::model::{
    BatchWrite, BriefRecord, DedupeKeys, StoreHead, StoreTotals, StoredArticle, StoryQuery,
    StoryRecord, StoryRow,
};
use crate::store::Store;

/// `PRAGMA application_id` of a newsfuse store: "nfus".
pub const APPLICATION_ID: i64 = 0x6E66_7573;

/// The migrations, in order: migration `i` (from 0) brings the layout from version `i` to `i + 1`
/// (`PRAGMA user_version`). Never edit a released one; add the next.
pub(crate) const MIGRATIONS: &[&str] = &[
    "
    CREATE TABLE batches (
        id INTEGER PRIMARY KEY,
        started INTEGER NOT NULL,
        offered INTEGER NOT NULL,
        stored INTEGER NOT NULL,
        duplicates INTEGER NOT NULL,
        new_stories INTEGER NOT NULL,
        changed_stories INTEGER NOT NULL
    );
    CREATE TABLE stories (
        id INTEGER PRIMARY KEY,
        title TEXT NOT NULL,
        first_time INTEGER NOT NULL,
        last_time INTEGER NOT NULL,
        articles INTEGER NOT NULL,
        sources INTEGER NOT NULL,
        updated_batch INTEGER NOT NULL REFERENCES batches(id),
        brief_built_from TEXT NOT NULL,
        brief_story_articles INTEGER NOT NULL,
        brief_batch INTEGER NOT NULL,
        brief_json TEXT NOT NULL,
        summary_json TEXT NOT NULL
    );
    CREATE INDEX stories_last_time ON stories(last_time);
    CREATE TABLE articles (
        key INTEGER PRIMARY KEY,
        id TEXT UNIQUE,
        url TEXT,
        url_key TEXT UNIQUE,
        text_hash INTEGER UNIQUE,
        title TEXT NOT NULL,
        source TEXT,
        published TEXT,
        time INTEGER NOT NULL,
        first_seen INTEGER NOT NULL,
        text TEXT NOT NULL,
        story INTEGER NOT NULL REFERENCES stories(id),
        batch INTEGER NOT NULL REFERENCES batches(id)
    );
    CREATE INDEX articles_story ON articles(story, time, key);
    CREATE TABLE clusterer (
        only INTEGER PRIMARY KEY CHECK (only = 1),
        batch INTEGER NOT NULL,
        state BLOB NOT NULL
    );
    ",
    "
    ALTER TABLE stories ADD COLUMN independent INTEGER NOT NULL DEFAULT 0;
    UPDATE stories SET independent = coalesce(
        CASE WHEN json_valid(brief_json)
            THEN json_extract(brief_json, '$.coverage.n_independent') END,
        articles);
    ",
    "
    CREATE TABLE story_merges (
        story INTEGER PRIMARY KEY,
        into_story INTEGER NOT NULL REFERENCES stories(id),
        batch INTEGER NOT NULL REFERENCES batches(id)
    );
    CREATE INDEX story_merges_into ON story_merges(into_story);
    ALTER TABLE batches ADD COLUMN merged_stories INTEGER NOT NULL DEFAULT 0;
    ",
];

/// [`Store::find_stories`] matches at most this many words of a search.
const MAX_SEARCH_WORDS: usize = 8;

/// The newest store layout this build writes.
pub const LAYOUT_VERSION: i64 = 3;
const _: () = assert!(MIGRATIONS.len() as u64 == LAYOUT_VERSION as u64);

/// A story store in one SQLite file.
pub struct SqliteStore {
    connection: Connection,
    path: PathBuf,
    /// Tests: fail inside `commit_batch`'s transaction after this many articles were written.
    #[cfg(test)]
    pub(crate) fail_after_articles: Option<usize>,
}

impl SqliteStore {
    /// Opens the store at `path`, creating it (and its folder) when absent, migrating an older
    /// layout. Refuses, without writing to it, a file that is not a newsfuse store.
    pub fn open(path: &Path) -> Result<Self> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|source| StoreError::Io {
                path: parent.to_path_buf(),
                source,
            })?;
        }
        let connection = Connection::open(path)?;
        let mut store = Self {
            connection,
            path: path.to_path_buf(),
            #[cfg(test)]
            fail_after_articles: None,
        };
        store.check_and_migrate()?;
        Ok(store)
    }

    /// The file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The layout version of the open store.
    pub fn layout_version(&self) -> Result<i64> {
        Ok(self
            .connection
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    #[cfg(test)]
    pub(crate) fn connection_for_tests(&self) -> &Connection {
        &self.connection
    }

    /// The batch write, one IMMEDIATE transaction; `commit_batch` names a full disk.
    fn commit_batch_inner(&mut self, write: &BatchWrite) -> Result<()> {
        let tx = self
            .connection
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let found: u64 =
            tx.query_row("SELECT coalesce(max(id), 0) FROM batches", [], |r| r.get(0))?;
        if found != write.base_batch {
            return Err(StoreError::Conflict {
                expected: write.base_batch,
                found,
            });
        }
        let n = &write.counts;
        tx.execute(
            "INSERT INTO batches (id, started, offered, stored, duplicates, new_stories, changed_stories,
                 merged_stories)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                write.batch,
                n.started,
                n.offered,
                n.stored,
                n.duplicates,
                n.new_stories,
                n.changed_stories,
                n.merged_stories
            ],
        )?;
        {
            let mut story_statement = tx.prepare_cached(
                "INSERT INTO stories (id, title, first_time, last_time, articles, sources, updated_batch,
                     brief_built_from, brief_story_articles, brief_batch, brief_json, summary_json,
                     independent)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
                 ON CONFLICT(id) DO UPDATE SET title = excluded.title,
                     first_time = excluded.first_time, last_time = excluded.last_time,
                     articles = excluded.articles, sources = excluded.sources,
                     updated_batch = excluded.updated_batch,
                     brief_built_from = excluded.brief_built_from,
                     brief_story_articles = excluded.brief_story_articles,
                     brief_batch = excluded.brief_batch, brief_json = excluded.brief_json,
                     summary_json = excluded.summary_json, independent = excluded.independent",
            )?;
            for (row, brief) in &write.stories {
                story_statement.execute(params![
                    row.id,
                    row.title,
                    row.first_time,
                    row.last_time,
                    row.articles,
                    row.sources,
                    row.updated_batch,
                    serde_json::to_string(&brief.built_from)?,
                    brief.story_articles,
                    brief.batch,
                    brief.brief_json,
                    brief.summary_json,
                    row.independent,
                ])?;
            }
            // Merges after the stories are written (a merged story may join one this batch
            // started): move the articles, redirect earlier merges, record, drop the row.
            let mut move_articles =
                tx.prepare_cached("UPDATE articles SET story = ?2 WHERE story = ?1")?;
            let mut redirect =
                tx.prepare_cached("UPDATE story_merges SET into_story = ?2 WHERE into_story = ?1")?;
            let mut record = tx.prepare_cached(
                "INSERT INTO story_merges (story, into_story, batch) VALUES (?1, ?2, ?3)",
            )?;
            let mut drop_story = tx.prepare_cached("DELETE FROM stories WHERE id = ?1")?;
            for merge in &write.merges {
                move_articles.execute(params![merge.story, merge.into])?;
                redirect.execute(params![merge.story, merge.into])?;
                record.execute(params![merge.story, merge.into, write.batch])?;
                drop_story.execute(params![merge.story])?;
            }
            let mut article_statement = tx.prepare_cached(
                "INSERT INTO articles (key, id, url, url_key, text_hash, title, source, published,
                     time, first_seen, text, story, batch)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            )?;
            for (written, (a, keys)) in write.articles.iter().enumerate() {
                #[cfg(test)]
                if self.fail_after_articles == Some(written) {
                    return Err(StoreError::Injected(format!(
                        "after {written} articles of batch {}",
                        write.batch
                    )));
                }
                let _ = written;
                article_statement.execute(params![
                    a.key,
                    keys.id,
                    a.url,
                    keys.url,
                    keys.text.map(hash_to_sql),
                    a.title,
                    a.source,
                    a.published,
                    a.time,
                    a.first_seen,
                    a.text,
                    a.story,
                    a.batch,
                ])?;
            }
        }
        tx.execute(
            "INSERT INTO clusterer (only, batch, state) VALUES (1, ?1, ?2)
             ON CONFLICT(only) DO UPDATE SET batch = excluded.batch, state = excluded.state",
            params![write.batch, write.clusterer],
        )?;
        tx.commit()?;
        Ok(())
    }

    fn not_a_store(&self, reason: impl Into<String>) -> StoreError {
        StoreError::NotAStore {
            path: self.path.clone(),
            reason: reason.into(),
        }
    }

    fn check_and_migrate(&mut self) -> Result<()> {
        let c = &self.connection;
        c.busy_timeout(std::time::Duration::from_secs(10))?;
        let application_id: i64 = match c.query_row("PRAGMA application_id", [], |r| r.get(0)) {
            Ok(id) => id,
            Err(rusqlite::Error::SqliteFailure(e, _))
                if e.code == rusqlite::ErrorCode::NotADatabase =>
            {
                return Err(self.not_a_store("not an SQLite database"));
            }
            Err(e) => return Err(e.into()),
        };
        let version: i64 = c.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        let tables: i64 = c.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
        let fresh = application_id == 0 && version == 0 && tables == 0;
        if !fresh && application_id != APPLICATION_ID {
            return Err(self.not_a_store(format!(
                "an SQLite database of another program: application id {application_id:#x}, {tables} schema objects"
            )));
        }
        if version > LAYOUT_VERSION {
            return Err(StoreError::NewerLayout {
                path: self.path.clone(),
                found: version,
                known: LAYOUT_VERSION,
            });
        }
        c.pragma_update(None, "journal_mode", "WAL")?;
        // FULL: a committed batch survives a power cut, not only a killed process; one fsync per
        // batch.
        c.pragma_update(None, "synchronous", "FULL")?;
        c.pragma_update(None, "foreign_keys", "ON")?;
        let mut version = version;
        while version < LAYOUT_VERSION {
            let tx = self
                .connection
                .transaction_with_behavior(TransactionBehavior::Immediate)?;
            // Another process may have migrated while this one waited for the lock.
            let now: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
            if now == version {
                tx.execute_batch(MIGRATIONS[version as usize])?;
                tx.pragma_update(None, "application_id", APPLICATION_ID)?;
                tx.pragma_update(None, "user_version", version + 1)?;
            }
            tx.commit()?;
            version = self.layout_version()?;
        }
        Ok(())
    }
}

const ARTICLE_COLUMNS: &str =
    "key, id, url, title, source, published, time, first_seen, text, story, batch";

fn article_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<StoredArticle> {
    Ok(StoredArticle {
        key: row.get::<_, u64>(0)?,
        id: row.get(1)?,
        url: row.get(2)?,
        title: row.get(3)?,
        source: row.get(4)?,
        published: row.get(5)?,
        time: row.get(6)?,
        first_seen: row.get(7)?,
        text: row.get(8)?,
        story: row.get::<_, u64>(9)?,
        batch: row.get::<_, u64>(10)?,
    })
}

const STORY_COLUMNS: &str =
    "id, title, first_time, last_time, articles, sources, updated_batch, independent";

fn story_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<StoryRow> {
    Ok(StoryRow {
        id: row.get::<_, u64>(0)?,
        title: row.get(1)?,
        first_time: row.get(2)?,
        last_time: row.get(3)?,
        articles: row.get::<_, u64>(4)?,
        sources: row.get::<_, u64>(5)?,
        updated_batch: row.get::<_, u64>(6)?,
        independent: row.get::<_, u64>(7)?,
    })
}

/// SQLite integers are signed: a 64-bit hash is stored as its bit pattern.
fn hash_to_sql(hash: u64) -> i64 {
    i64::from_ne_bytes(hash.to_ne_bytes())
}

impl Store for SqliteStore {
    fn head(&self) -> Result<StoreHead> {
        // One statement, so one snapshot: the batch, the next key and the clusterer state are
        // always those of the same commit.
        let (batch, last_key, state, merges): (u64, u64, Option<Vec<u8>>, u64) =
            self.connection.query_row(
                "SELECT (SELECT coalesce(max(id), 0) FROM batches),
                     (SELECT coalesce(max(key), 0) FROM articles),
                     (SELECT state FROM clusterer WHERE only = 1),
                     (SELECT count(*) FROM story_merges)",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )?;
        Ok(StoreHead {
            batch,
            next_article: last_key + 1,
            clusterer: state,
            merges,
        })
    }

    fn find_article(&self, keys: &DedupeKeys) -> Result<Option<StoredArticle>> {
        let sql = format!(
            "SELECT {ARTICLE_COLUMNS} FROM articles WHERE id = ?1 OR url_key = ?2 OR text_hash = ?3 ORDER BY key LIMIT 1"
        );
        Ok(self
            .connection
            .prepare_cached(&sql)?
            .query_row(
                params![keys.id, keys.url, keys.text.map(hash_to_sql)],
                article_from_row,
            )
            .optional()?)
    }

    fn story_articles(&self, story: u64) -> Result<Vec<StoredArticle>> {
        let sql =
            format!("SELECT {ARTICLE_COLUMNS} FROM articles WHERE story = ?1 ORDER BY time, key");
        let mut statement = self.connection.prepare_cached(&sql)?;
        let rows = statement.query_map([story], article_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn articles(&self, keys: &[u64]) -> Result<Vec<StoredArticle>> {
        let sql = format!("SELECT {ARTICLE_COLUMNS} FROM articles WHERE key = ?1");
        let mut statement = self.connection.prepare_cached(&sql)?;
        let mut out = Vec::with_capacity(keys.len());
        for &key in keys {
            if let Some(a) = statement.query_row([key], article_from_row).optional()? {
                out.push(a);
            }
        }
        Ok(out)
    }

    fn commit_batch(&mut self, write: &BatchWrite) -> Result<()> {
        self.commit_batch_inner(write).map_err(|error| match error {
            StoreError::Sqlite(rusqlite::Error::SqliteFailure(code, _))
                if code.code == rusqlite::ErrorCode::DiskFull =>
            {
                StoreError::DiskFull {
                    path: self.path.clone(),
                }
            }
            other => other,
        })
    }

    fn stories(&self, since: Option<i64>) -> Result<Vec<StoryRow>> {
        let sql = format!(
            "SELECT {STORY_COLUMNS} FROM stories WHERE last_time >= ?1
             ORDER BY last_time / 86400 DESC, independent DESC, articles DESC, last_time DESC, id"
        );
        let mut statement = self.connection.prepare_cached(&sql)?;
        let rows = statement.query_map([since.unwrap_or(i64::MIN)], story_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn story(&self, id: u64) -> Result<Option<StoryRecord>> {
        let sql = format!(
            "SELECT {STORY_COLUMNS}, brief_built_from, brief_story_articles, brief_batch, brief_json, summary_json
             FROM stories WHERE id = ?1"
        );
        let found = self
            .connection
            .query_row(&sql, [id], |r| {
                let row = story_from_row(r)?;
                let built_from: String = r.get(8)?;
                Ok((
                    row,
                    built_from,
                    r.get::<_, u64>(9)?,
                    r.get::<_, u64>(10)?,
                    r.get::<_, String>(11)?,
                    r.get::<_, String>(12)?,
                ))
            })
            .optional()?;
        let Some((row, built_from, story_articles, batch, brief_json, summary_json)) = found else {
            return Ok(None);
        };
        let independent = row.independent;
        Ok(Some(StoryRecord {
            row,
            brief: Some(BriefRecord {
                built_from: serde_json::from_str(&built_from)?,
                story_articles,
                batch,
                independent,
                brief_json,
                summary_json,
            }),
        }))
    }

    fn merged_into(&self, id: u64) -> Result<Option<u64>> {
        Ok(self
            .connection
            .prepare_cached("SELECT into_story FROM story_merges WHERE story = ?1")?
            .query_row([id], |r| r.get::<_, u64>(0))
            .optional()?)
    }

    fn put_brief(&mut self, story: u64, brief: &BriefRecord) -> Result<bool> {
        let changed = self.connection.execute(
            "UPDATE stories SET brief_built_from = ?2, brief_story_articles = ?3, brief_batch = ?4,
                 brief_json = ?5, summary_json = ?6, independent = ?7
             WHERE id = ?1 AND articles = ?3 AND updated_batch <= ?4",
            params![
                story,
                serde_json::to_string(&brief.built_from)?,
                brief.story_articles,
                brief.batch,
                brief.brief_json,
                brief.summary_json,
                brief.independent
            ],
        )?;
        Ok(changed == 1)
    }

    fn find_stories(&self, query: &StoryQuery) -> Result<Vec<StoryRow>> {
        let mut sql = format!("SELECT {STORY_COLUMNS} FROM stories WHERE last_time >= ?");
        let mut values: Vec<rusqlite::types::Value> = vec![query.since.unwrap_or(i64::MIN).into()];
        let words: Vec<String> = query
            .text
            .as_deref()
            .unwrap_or("")
            .split_whitespace()
            .take(MAX_SEARCH_WORDS)
            .map(str::to_lowercase)
            .collect();
        if !words.is_empty() {
            sql.push_str(
                " AND id IN (SELECT id FROM (SELECT id, lower(title || ' ' || \
                 coalesce(json_extract(summary_json, '$.summary'), '')) AS hay FROM stories) WHERE 1",
            );
            for word in words {
                sql.push_str(" AND instr(hay, ?) > 0");
                values.push(word.into());
            }
            sql.push(')');
        }
        if let Some(after) = &query.after {
            sql.push_str(
                " AND (last_time / 86400, independent, articles, last_time, -id) < (?, ?, ?, ?, ?)",
            );
            values.push(after.day.into());
            values.push(i64::try_from(after.independent).unwrap_or(i64::MAX).into());
            values.push(i64::try_from(after.articles).unwrap_or(i64::MAX).into());
            values.push(after.last_time.into());
            values.push((-i64::try_from(after.id).unwrap_or(i64::MAX)).into());
        }
        sql.push_str(" ORDER BY last_time / 86400 DESC, independent DESC, articles DESC, last_time DESC, id LIMIT ?");
        values.push(i64::try_from(query.limit).unwrap_or(i64::MAX).into());
        let mut statement = self.connection.prepare_cached(&sql)?;
        let rows = statement.query_map(rusqlite::params_from_iter(values), story_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn totals(&self) -> Result<StoreTotals> {
        Ok(self.connection.query_row(
            "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM stories),
                 (SELECT coalesce(max(id), 0) FROM batches),
                 (SELECT started FROM batches ORDER BY id DESC LIMIT 1)",
            [],
            |r| {
                Ok(StoreTotals {
                    articles: r.get::<_, u64>(0)?,
                    stories: r.get::<_, u64>(1)?,
                    batch: r.get::<_, u64>(2)?,
                    last_batch_started: r.get(3)?,
                })
            },
        )?)
    }
}
