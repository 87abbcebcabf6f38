//! The PostgreSQL backend: numbered migrations under a layout-version row, a batch per
//! transaction behind a compare-and-set on the `head` row.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::str::FromStr;
use std::time::Duration;

use newsfuse_store::{
    BatchWrite, BriefRecord, DedupeKeys, Result, Store, StoreError, StoreHead, StoreTotals,
    StoredArticle, StoryQuery, StoryRecord, StoryRow,
};
use postgres::types::ToSql;
use postgres::{Client, NoTls, Row, Statement};

/// The migrations, in order: migration `i` (from 0) brings the layout from version `i` to `i + 1`
/// (the `version` of the one row of `newsfuse_layout`). Never edit a released one; add the next.
///
/// The tables mirror the SQLite layout, plus `head` (the last committed batch and the clusterer
/// state, the row a batch's compare-and-set is on) and `stories.search_text` (title and summary
/// text, ASCII-lowercased as SQLite's `lower` does, for word search).
const MIGRATIONS: &[&str] = &[
    "
    CREATE TABLE batches (
        id BIGINT PRIMARY KEY,
        started BIGINT NOT NULL,
        offered BIGINT NOT NULL,
        stored BIGINT NOT NULL,
        duplicates BIGINT NOT NULL,
        new_stories BIGINT NOT NULL,
        changed_stories BIGINT NOT NULL
    );
    CREATE TABLE stories (
        id BIGINT PRIMARY KEY,
        title TEXT NOT NULL,
        first_time BIGINT NOT NULL,
        last_time BIGINT NOT NULL,
        articles BIGINT NOT NULL,
        sources BIGINT NOT NULL,
        updated_batch BIGINT NOT NULL REFERENCES batches(id),
        brief_built_from TEXT NOT NULL,
        brief_story_articles BIGINT NOT NULL,
        brief_batch BIGINT NOT NULL,
        brief_json TEXT NOT NULL,
        summary_json TEXT NOT NULL,
        search_text TEXT NOT NULL,
        independent BIGINT NOT NULL
    );
    CREATE INDEX stories_listing
        ON stories ((last_time / 86400) DESC, independent DESC, articles DESC, last_time DESC, id);
    CREATE INDEX stories_last_time ON stories (last_time);
    CREATE TABLE articles (
        key BIGINT PRIMARY KEY,
        id TEXT UNIQUE,
        url TEXT,
        url_key TEXT UNIQUE,
        text_hash BIGINT UNIQUE,
        title TEXT NOT NULL,
        source TEXT,
        published TEXT,
        time BIGINT NOT NULL,
        first_seen BIGINT NOT NULL,
        text TEXT NOT NULL,
        story BIGINT NOT NULL REFERENCES stories(id),
        batch BIGINT NOT NULL REFERENCES batches(id)
    );
    CREATE INDEX articles_story ON articles (story, time, key);
    CREATE TABLE head (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        batch BIGINT NOT NULL,
        clusterer BYTEA
    );
    INSERT INTO head (id, batch, clusterer) VALUES (1, 0, NULL);
    ",
    "
    CREATE TABLE story_merges (
        story BIGINT PRIMARY KEY,
        into_story BIGINT NOT NULL REFERENCES stories(id),
        batch BIGINT NOT NULL REFERENCES batches(id)
    );
    CREATE INDEX story_merges_into ON story_merges (into_story);
    ALTER TABLE batches ADD COLUMN merged_stories BIGINT NOT NULL DEFAULT 0;
    ",
];

/// The newest store layout this build writes.
pub const LAYOUT_VERSION: i64 = 2;
const _: () = assert!(MIGRATIONS.len() as u64 == LAYOUT_VERSION as u64);

/// The tables a newsfuse layout creates: a schema that has one of them but no
/// `newsfuse_layout` belongs to another program.
const OUR_TABLES: &[&str] = &["batches", "stories", "articles", "head", "story_merges"];

/// [`Store::find_stories`] matches at most this many words of a search (as SQLite does).
const MAX_SEARCH_WORDS: usize = 8;

const BACKEND: &str = "PostgreSQL";

fn pg(error: postgres::Error) -> StoreError {
    StoreError::Backend {
        backend: BACKEND,
        source: Box::new(error),
    }
}

fn out_of_range(what: &str) -> StoreError {
    StoreError::Backend {
        backend: BACKEND,
        source: format!("{what} is out of range").into(),
    }
}

/// A number of the store (key, story, batch) as a PostgreSQL BIGINT.
fn int(value: u64) -> Result<i64> {
    i64::try_from(value).map_err(|_| out_of_range("a number above 2^63"))
}

/// A 64-bit hash as a BIGINT: its bit pattern.
fn hash_to_sql(hash: u64) -> i64 {
    i64::from_ne_bytes(hash.to_ne_bytes())
}

/// PostgreSQL text cannot hold U+0000: it is stored as U+FFFD.
fn clean(text: &str) -> Cow<'_, str> {
    if text.contains('\0') {
        Cow::Owned(text.replace('\0', "\u{FFFD}"))
    } else {
        Cow::Borrowed(text)
    }
}

fn clean_opt(text: Option<&str>) -> Option<Cow<'_, str>> {
    text.map(clean)
}

/// What a story is searched by: its title and summary text, lowercased as SQLite's `lower()`
/// does (ASCII letters only), so both backends match the same stories.
fn search_text(title: &str, summary_json: &str) -> String {
    let summary = serde_json::from_str::<serde_json::Value>(summary_json)
        .ok()
        .and_then(|v| {
            v.get("summary").map(|s| match s {
                serde_json::Value::String(text) => text.clone(),
                other => other.to_string(),
            })
        })
        .unwrap_or_default();
    clean(&format!("{title} {summary}").to_ascii_lowercase()).into_owned()
}

/// The connection string as a URL without its password (for messages).
pub(crate) fn describe(url: &str) -> String {
    let Ok(config) = postgres::Config::from_str(url) else {
        return "a PostgreSQL database (unreadable connection string)".into();
    };
    let host = config.get_hosts().first().map_or_else(
        || "localhost".to_string(),
        |h| match h {
            postgres::config::Host::Tcp(name) => name.clone(),
            postgres::config::Host::Unix(path) => path.display().to_string(),
        },
    );
    let port = config.get_ports().first().copied().unwrap_or(5432);
    let user = config.get_user().unwrap_or("");
    let db = config.get_dbname().unwrap_or(user);
    let at = if user.is_empty() {
        String::new()
    } else {
        format!("{user}@")
    };
    format!("postgres://{at}{host}:{port}/{db}")
}

/// Runs `f` where a blocking client may run: on this thread, or on a thread of its own when this
/// one is inside a tokio runtime (the client's private runtime cannot start or stop there).
fn off_runtime<T: Send>(f: impl FnOnce() -> T + Send) -> T {
    if tokio::runtime::Handle::try_current().is_err() {
        return f();
    }
    std::thread::scope(|scope| {
        scope
            .spawn(f)
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })
}

/// How long the liveness probe after a failed call may take.
const PROBE: Duration = Duration::from_secs(2);

fn connect(url: &str) -> Result<Client> {
    let mut config = postgres::Config::from_str(url).map_err(pg)?;
    if config.get_connect_timeout().is_none() {
        config.connect_timeout(Duration::from_secs(10));
    }
    if config.get_application_name().is_none() {
        config.application_name("newsfuse");
    }
    config.connect(NoTls).map_err(pg)
}

/// A connection and its prepared statements.
struct Conn {
    client: Client,
    statements: HashMap<String, Statement>,
}

impl Conn {
    /// The statement for `sql`, prepared once per connection.
    fn prepare(&mut self, sql: &str) -> Result<Statement> {
        if let Some(statement) = self.statements.get(sql) {
            return Ok(statement.clone());
        }
        let statement = self.client.prepare(sql).map_err(pg)?;
        self.statements.insert(sql.to_string(), statement.clone());
        Ok(statement)
    }
}

/// A story store in a PostgreSQL database (the tables of the first schema on the connection's
/// `search_path`; choose another with `?options=-csearch_path%3DNAME`).
///
/// One connection; reconnects on the next call when the server closed it (a restart). Not
/// `Sync`: give each thread its own store.
pub struct PgStore {
    conn: RefCell<Option<Conn>>,
    url: String,
    described: String,
    /// Tests: fail inside `commit_batch`'s transaction after this many articles were written.
    #[doc(hidden)]
    pub fail_after_articles: Option<usize>,
}

impl PgStore {
    /// Connects to the database at `url` (a `postgres://` URL or a `key=value` connection
    /// string), creating the store's tables when absent and migrating an older layout. Refuses,
    /// writing nothing, a schema whose tables belong to another program, or a newer layout.
    pub fn open(url: &str) -> Result<Self> {
        off_runtime(|| Self::open_here(url))
    }

    fn open_here(url: &str) -> Result<Self> {
        let client = connect(url)?;
        let store = Self {
            conn: RefCell::new(Some(Conn {
                client,
                statements: HashMap::new(),
            })),
            url: url.to_string(),
            described: describe(url),
            fail_after_articles: None,
        };
        store.check_and_migrate()?;
        Ok(store)
    }

    /// The database, as a URL without the password.
    pub fn describe(&self) -> &str {
        &self.described
    }

    /// The layout version of the open store.
    pub fn layout_version(&self) -> Result<i64> {
        self.with(|c| {
            let row = c
                .client
                .query_one("SELECT version FROM newsfuse_layout WHERE id = 1", &[])
                .map_err(pg)?;
            Ok(i64::from(row.get::<_, i32>(0)))
        })
    }

    /// Runs statements on the store's connection (tests: damage a brief, reset the store).
    #[doc(hidden)]
    pub fn execute_for_tests(&self, sql: &str) -> Result<()> {
        self.with(|c| c.client.batch_execute(sql).map_err(pg))
    }

    /// Runs `f` on the connection, reconnecting first when the server closed it.
    fn with<T>(&self, f: impl FnOnce(&mut Conn) -> Result<T>) -> Result<T> {
        let mut slot = self.conn.borrow_mut();
        if slot.as_ref().is_none_or(|c| c.client.is_closed()) {
            let client = connect(&self.url)?;
            *slot = Some(Conn {
                client,
                statements: HashMap::new(),
            });
        }
        let conn = slot.as_mut().expect("connected above");
        let result = f(conn);
        // A session the server ended (a restart, `pg_terminate_backend`) is not always marked
        // closed by the time the failing call returns: the first error may be the server's
        // FATAL notice and the reset only arrives on the next call. After any error, a failed
        // probe drops the connection, so the next call connects again.
        if result.is_err() && (conn.client.is_closed() || conn.client.is_valid(PROBE).is_err()) {
            *slot = None;
        }
        result
    }

    fn not_a_store(&self, reason: impl Into<String>) -> StoreError {
        StoreError::NotAStore {
            path: PathBuf::from(&self.described),
            reason: reason.into(),
        }
    }

    fn check_and_migrate(&self) -> Result<()> {
        let (has_layout, ours): (bool, Vec<String>) = self.with(|c| {
            let row = c
                .client
                .query_one(
                    "SELECT to_regclass('newsfuse_layout') IS NOT NULL,
                            ARRAY(SELECT t FROM unnest($1::text[]) AS t
                                  WHERE to_regclass(t) IS NOT NULL)",
                    &[&OUR_TABLES],
                )
                .map_err(pg)?;
            Ok((row.get(0), row.get(1)))
        })?;
        let version = if has_layout {
            self.layout_version()?
        } else if ours.is_empty() {
            0
        } else {
            return Err(self.not_a_store(format!(
                "tables {} without a newsfuse_layout table: another program's schema",
                ours.join(", ")
            )));
        };
        if version > LAYOUT_VERSION {
            return Err(StoreError::NewerLayout {
                path: PathBuf::from(&self.described),
                found: version,
                known: LAYOUT_VERSION,
            });
        }
        if version == LAYOUT_VERSION {
            return Ok(());
        }
        self.with(|c| {
            let mut tx = c.client.transaction().map_err(pg)?;
            // One process migrates a schema at a time; the others wait here, then find it done.
            tx.execute(
                "SELECT pg_advisory_xact_lock(hashtext('newsfuse layout ' || coalesce(current_schema(), '')))",
                &[],
            )
            .map_err(pg)?;
            tx.batch_execute(
                "CREATE TABLE IF NOT EXISTS newsfuse_layout (
                     id INTEGER PRIMARY KEY CHECK (id = 1),
                     version INTEGER NOT NULL
                 );
                 INSERT INTO newsfuse_layout (id, version) VALUES (1, 0) ON CONFLICT DO NOTHING;",
            )
            .map_err(pg)?;
            let mut now: i64 = tx
                .query_one("SELECT version FROM newsfuse_layout WHERE id = 1", &[])
                .map_err(pg)?
                .get::<_, i32>(0)
                .into();
            if now > LAYOUT_VERSION {
                return Err(StoreError::NewerLayout {
                    path: PathBuf::from(&self.described),
                    found: now,
                    known: LAYOUT_VERSION,
                });
            }
            while now < LAYOUT_VERSION {
                tx.batch_execute(MIGRATIONS[now as usize]).map_err(pg)?;
                now += 1;
                tx.execute(
                    "UPDATE newsfuse_layout SET version = $1 WHERE id = 1",
                    &[&(now as i32)],
                )
                .map_err(pg)?;
            }
            tx.commit().map_err(pg)
        })
    }

    fn commit_inner(&self, write: &BatchWrite) -> Result<()> {
        let fail_after = self.fail_after_articles;
        self.with(|c| {
            let cas = c.prepare(
                "UPDATE head SET batch = $2, clusterer = $3 WHERE id = 1 AND batch = $1",
            )?;
            let batch_sql = c.prepare(
                "INSERT INTO batches (id, started, offered, stored, duplicates, new_stories, changed_stories,
                     merged_stories)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            )?;
            let story_sql = c.prepare(
                "INSERT INTO stories (id, title, first_time, last_time, articles, sources, updated_batch,
                     brief_built_from, brief_story_articles, brief_batch, brief_json, summary_json,
                     search_text, independent)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
                 ON CONFLICT (id) DO UPDATE SET title = excluded.title,
                     first_time = excluded.first_time, last_time = excluded.last_time,
                     articles = excluded.articles, sources = excluded.sources,
                     updated_batch = excluded.updated_batch,
                     brief_built_from = excluded.brief_built_from,
                     brief_story_articles = excluded.brief_story_articles,
                     brief_batch = excluded.brief_batch, brief_json = excluded.brief_json,
                     summary_json = excluded.summary_json, search_text = excluded.search_text,
                     independent = excluded.independent",
            )?;
            let article_sql = c.prepare(
                "INSERT INTO articles (key, id, url, url_key, text_hash, title, source, published,
                     time, first_seen, text, story, batch)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
            )?;
            let move_sql = c.prepare("UPDATE articles SET story = $2 WHERE story = $1")?;
            let redirect_sql =
                c.prepare("UPDATE story_merges SET into_story = $2 WHERE into_story = $1")?;
            let record_sql = c.prepare(
                "INSERT INTO story_merges (story, into_story, batch) VALUES ($1, $2, $3)",
            )?;
            let drop_sql = c.prepare("DELETE FROM stories WHERE id = $1")?;
            let mut tx = c.client.transaction().map_err(pg)?;
            // The compare-and-set: a concurrent batch from the same base holds the row until it
            // commits; this one then finds the batch moved on and updates nothing.
            let batch = int(write.batch)?;
            let moved = tx
                .execute(&cas, &[&int(write.base_batch)?, &batch, &write.clusterer])
                .map_err(pg)?;
            if moved != 1 {
                let found: i64 = tx
                    .query_one("SELECT batch FROM head WHERE id = 1", &[])
                    .map_err(pg)?
                    .get(0);
                return Err(StoreError::Conflict {
                    expected: write.base_batch,
                    found: u64::try_from(found).unwrap_or(0),
                });
            }
            let n = &write.counts;
            tx.execute(
                &batch_sql,
                &[
                    &batch,
                    &n.started,
                    &int(n.offered)?,
                    &int(n.stored)?,
                    &int(n.duplicates)?,
                    &int(n.new_stories)?,
                    &int(n.changed_stories)?,
                    &int(n.merged_stories)?,
                ],
            )
            .map_err(pg)?;
            for (row, brief) in &write.stories {
                let built_from = serde_json::to_string(&brief.built_from)?;
                tx.execute(
                    &story_sql,
                    &[
                        &int(row.id)?,
                        &clean(&row.title),
                        &row.first_time,
                        &row.last_time,
                        &int(row.articles)?,
                        &int(row.sources)?,
                        &int(row.updated_batch)?,
                        &built_from,
                        &int(brief.story_articles)?,
                        &int(brief.batch)?,
                        &clean(&brief.brief_json),
                        &clean(&brief.summary_json),
                        &search_text(&row.title, &brief.summary_json),
                        &int(row.independent)?,
                    ],
                )
                .map_err(pg)?;
            }
            // Merges after the stories are written (a merged story may join one this batch
            // started): move the articles, redirect earlier merges, record, drop the row.
            for merge in &write.merges {
                let (story, into) = (int(merge.story)?, int(merge.into)?);
                tx.execute(&move_sql, &[&story, &into]).map_err(pg)?;
                tx.execute(&redirect_sql, &[&story, &into]).map_err(pg)?;
                tx.execute(&record_sql, &[&story, &into, &batch])
                    .map_err(pg)?;
                tx.execute(&drop_sql, &[&story]).map_err(pg)?;
            }
            for (written, (a, keys)) in write.articles.iter().enumerate() {
                if fail_after == Some(written) {
                    return Err(StoreError::Injected(format!(
                        "after {written} articles of batch {}",
                        write.batch
                    )));
                }
                tx.execute(
                    &article_sql,
                    &[
                        &int(a.key)?,
                        &clean_opt(keys.id.as_deref()),
                        &clean_opt(a.url.as_deref()),
                        &clean_opt(keys.url.as_deref()),
                        &keys.text.map(hash_to_sql),
                        &clean(&a.title),
                        &clean_opt(a.source.as_deref()),
                        &clean_opt(a.published.as_deref()),
                        &a.time,
                        &a.first_seen,
                        &clean(&a.text),
                        &int(a.story)?,
                        &int(a.batch)?,
                    ],
                )
                .map_err(pg)?;
            }
            tx.commit().map_err(pg)
        })
    }
}

impl Drop for PgStore {
    fn drop(&mut self) {
        let Some(conn) = self.conn.get_mut().take() else {
            return;
        };
        if tokio::runtime::Handle::try_current().is_ok() {
            // Closing the client stops its private runtime, which cannot happen inside another
            // runtime: close it on a thread of its own.
            if let Err(error) = std::thread::Builder::new()
                .name("newsfuse-pg-close".into())
                .spawn(move || drop(conn))
            {
                eprintln!("newsfuse-pg: cannot close a connection cleanly: {error}");
            }
        }
    }
}

const ARTICLE_COLUMNS: &str =
    "key, id, url, title, source, published, time, first_seen, text, story, batch";

fn unsigned(row: &Row, index: usize) -> Result<u64> {
    let value: i64 = row.try_get(index).map_err(pg)?;
    u64::try_from(value).map_err(|_| out_of_range("a negative number in the store"))
}

fn article_from_row(row: &Row) -> Result<StoredArticle> {
    Ok(StoredArticle {
        key: unsigned(row, 0)?,
        id: row.try_get(1).map_err(pg)?,
        url: row.try_get(2).map_err(pg)?,
        title: row.try_get(3).map_err(pg)?,
        source: row.try_get(4).map_err(pg)?,
        published: row.try_get(5).map_err(pg)?,
        time: row.try_get(6).map_err(pg)?,
        first_seen: row.try_get(7).map_err(pg)?,
        text: row.try_get(8).map_err(pg)?,
        story: unsigned(row, 9)?,
        batch: unsigned(row, 10)?,
    })
}

const STORY_COLUMNS: &str =
    "id, title, first_time, last_time, articles, sources, updated_batch, independent";

fn story_from_row(row: &Row) -> Result<StoryRow> {
    Ok(StoryRow {
        id: unsigned(row, 0)?,
        title: row.try_get(1).map_err(pg)?,
        first_time: row.try_get(2).map_err(pg)?,
        last_time: row.try_get(3).map_err(pg)?,
        articles: unsigned(row, 4)?,
        sources: unsigned(row, 5)?,
        updated_batch: unsigned(row, 6)?,
        independent: unsigned(row, 7)?,
    })
}

fn rows<T>(rows: &[Row], f: fn(&Row) -> Result<T>) -> Result<Vec<T>> {
    rows.iter().map(f).collect()
}

impl Store for PgStore {
    fn head(&self) -> Result<StoreHead> {
        self.with(|c| {
            // One statement, one snapshot: batch, next key and state of the same commit.
            let statement = c.prepare(
                "SELECT h.batch, (SELECT coalesce(max(key), 0) FROM articles), h.clusterer,
                     (SELECT count(*) FROM story_merges)
                 FROM head h WHERE h.id = 1",
            )?;
            let row = c.client.query_one(&statement, &[]).map_err(pg)?;
            Ok(StoreHead {
                batch: unsigned(&row, 0)?,
                next_article: unsigned(&row, 1)? + 1,
                clusterer: row.try_get(2).map_err(pg)?,
                merges: unsigned(&row, 3)?,
            })
        })
    }

    fn find_article(&self, keys: &DedupeKeys) -> Result<Option<StoredArticle>> {
        self.with(|c| {
            let statement = c.prepare(&format!(
                "SELECT {ARTICLE_COLUMNS} FROM articles
                 WHERE id = $1 OR url_key = $2 OR text_hash = $3 ORDER BY key LIMIT 1"
            ))?;
            let found = c
                .client
                .query_opt(
                    &statement,
                    &[
                        &clean_opt(keys.id.as_deref()),
                        &clean_opt(keys.url.as_deref()),
                        &keys.text.map(hash_to_sql),
                    ],
                )
                .map_err(pg)?;
            found.as_ref().map(article_from_row).transpose()
        })
    }

    fn story_articles(&self, story: u64) -> Result<Vec<StoredArticle>> {
        let story = int(story)?;
        self.with(|c| {
            let statement = c.prepare(&format!(
                "SELECT {ARTICLE_COLUMNS} FROM articles WHERE story = $1 ORDER BY time, key"
            ))?;
            rows(
                &c.client.query(&statement, &[&story]).map_err(pg)?,
                article_from_row,
            )
        })
    }

    fn articles(&self, keys: &[u64]) -> Result<Vec<StoredArticle>> {
        let wanted: Vec<i64> = keys.iter().filter_map(|&k| i64::try_from(k).ok()).collect();
        let found = self.with(|c| {
            let statement = c.prepare(&format!(
                "SELECT {ARTICLE_COLUMNS} FROM articles WHERE key = ANY($1)"
            ))?;
            rows(
                &c.client.query(&statement, &[&wanted]).map_err(pg)?,
                article_from_row,
            )
        })?;
        let by_key: HashMap<u64, StoredArticle> = found.into_iter().map(|a| (a.key, a)).collect();
        Ok(keys.iter().filter_map(|k| by_key.get(k).cloned()).collect())
    }

    fn commit_batch(&mut self, write: &BatchWrite) -> Result<()> {
        self.commit_inner(write)
    }

    fn stories(&self, since: Option<i64>) -> Result<Vec<StoryRow>> {
        self.with(|c| {
            let statement = c.prepare(&format!(
                "SELECT {STORY_COLUMNS} FROM stories WHERE last_time >= $1
                 ORDER BY last_time / 86400 DESC, independent DESC, articles DESC, last_time DESC, id"
            ))?;
            rows(
                &c.client
                    .query(&statement, &[&since.unwrap_or(i64::MIN)])
                    .map_err(pg)?,
                story_from_row,
            )
        })
    }

    fn story(&self, id: u64) -> Result<Option<StoryRecord>> {
        let id = int(id)?;
        self.with(|c| {
            let statement = c.prepare(&format!(
                "SELECT {STORY_COLUMNS}, brief_built_from, brief_story_articles, brief_batch,
                     brief_json, summary_json
                 FROM stories WHERE id = $1"
            ))?;
            let Some(r) = c.client.query_opt(&statement, &[&id]).map_err(pg)? else {
                return Ok(None);
            };
            let built_from: String = r.try_get(8).map_err(pg)?;
            let row = story_from_row(&r)?;
            let independent = row.independent;
            Ok(Some(StoryRecord {
                row,
                brief: Some(BriefRecord {
                    built_from: serde_json::from_str(&built_from)?,
                    story_articles: unsigned(&r, 9)?,
                    batch: unsigned(&r, 10)?,
                    independent,
                    brief_json: r.try_get(11).map_err(pg)?,
                    summary_json: r.try_get(12).map_err(pg)?,
                }),
            }))
        })
    }

    fn merged_into(&self, id: u64) -> Result<Option<u64>> {
        let id = int(id)?;
        self.with(|c| {
            let statement = c.prepare("SELECT into_story FROM story_merges WHERE story = $1")?;
            c.client
                .query_opt(&statement, &[&id])
                .map_err(pg)?
                .map(|r| unsigned(&r, 0))
                .transpose()
        })
    }

    fn put_brief(&mut self, story: u64, brief: &BriefRecord) -> Result<bool> {
        let story = int(story)?;
        let built_from = serde_json::to_string(&brief.built_from)?;
        let (story_articles, batch) = (int(brief.story_articles)?, int(brief.batch)?);
        self.with(|c| {
            // The search text needs the title, which this write does not carry: read it under
            // the same conditions, in one transaction with the update.
            let mut tx = c.client.transaction().map_err(pg)?;
            let title: Option<String> = tx
                .query_opt(
                    "SELECT title FROM stories WHERE id = $1 AND articles = $2
                         AND updated_batch <= $3 FOR UPDATE",
                    &[&story, &story_articles, &batch],
                )
                .map_err(pg)?
                .map(|r| r.get(0));
            let Some(title) = title else {
                return Ok(false);
            };
            let changed = tx
                .execute(
                    "UPDATE stories SET brief_built_from = $2, brief_story_articles = $3,
                         brief_batch = $4, brief_json = $5, summary_json = $6, search_text = $7,
                         independent = $8
                     WHERE id = $1",
                    &[
                        &story,
                        &built_from,
                        &story_articles,
                        &batch,
                        &clean(&brief.brief_json),
                        &clean(&brief.summary_json),
                        &search_text(&title, &brief.summary_json),
                        &int(brief.independent)?,
                    ],
                )
                .map_err(pg)?;
            tx.commit().map_err(pg)?;
            Ok(changed == 1)
        })
    }

    fn find_stories(&self, query: &StoryQuery) -> Result<Vec<StoryRow>> {
        let mut sql = format!("SELECT {STORY_COLUMNS} FROM stories WHERE last_time >= $1");
        let mut values: Vec<Box<dyn ToSql + Sync>> =
            vec![Box::new(query.since.unwrap_or(i64::MIN))];
        let words = query
            .text
            .as_deref()
            .unwrap_or("")
            .split_whitespace()
            .take(MAX_SEARCH_WORDS)
            .map(str::to_lowercase);
        for word in words {
            values.push(Box::new(clean(&word).into_owned()));
            let _ = write!(sql, " AND strpos(search_text, ${}) > 0", values.len());
        }
        if let Some(after) = &query.after {
            let n = values.len();
            let _ = write!(
                sql,
                " AND (last_time / 86400, independent, articles, last_time, -id) \
                 < (${}, ${}, ${}, ${}, ${})",
                n + 1,
                n + 2,
                n + 3,
                n + 4,
                n + 5
            );
            values.push(Box::new(after.day));
            values.push(Box::new(
                i64::try_from(after.independent).unwrap_or(i64::MAX),
            ));
            values.push(Box::new(i64::try_from(after.articles).unwrap_or(i64::MAX)));
            values.push(Box::new(after.last_time));
            values.push(Box::new(-i64::try_from(after.id).unwrap_or(i64::MAX)));
        }
        values.push(Box::new(i64::try_from(query.limit).unwrap_or(i64::MAX)));
        let _ = write!(
            sql,
            " ORDER BY last_time / 86400 DESC, independent DESC, articles DESC, last_time DESC, id LIMIT ${}",
            values.len()
        );
        let params: Vec<&(dyn ToSql + Sync)> = values.iter().map(AsRef::as_ref).collect();
        self.with(|c| {
            let statement = c.prepare(&sql)?;
            rows(
                &c.client.query(&statement, &params).map_err(pg)?,
                story_from_row,
            )
        })
    }

    fn totals(&self) -> Result<StoreTotals> {
        self.with(|c| {
            let statement = c.prepare(
                "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM stories),
                     (SELECT batch FROM head WHERE id = 1),
                     (SELECT started FROM batches ORDER BY id DESC LIMIT 1)",
            )?;
            let r = c.client.query_one(&statement, &[]).map_err(pg)?;
            Ok(StoreTotals {
                articles: unsigned(&r, 0)?,
                stories: unsigned(&r, 1)?,
                batch: unsigned(&r, 2)?,
                last_batch_started: r.try_get(3).map_err(pg)?,
            })
        })
    }
}
