//! The store's tests: the conformance suite (`crate::conformance`, which every backend runs)
//! on SQLite, and the SQLite backend's own cases (foreign files, a failure inside a batch, WAL).

use std::path::{Path, PathBuf};

use newsfuse::SummaryConfig;

use crate::conformance::{
    a_story_of_5000_articles_keeps_a_bounded_brief, a_write_from_a_stale_head_is_refused, article,
    options, partition, racing_batches_one_wins, run, split_batches_cluster_as_one, suite,
    two_stories,
};
use crate::{ArticleInput, SqliteStore, Store, StoreError, current_story, ingest};

struct TempDir(PathBuf);

impl TempDir {
    fn new() -> Self {
        Self(tempfile::tempdir().expect("a temp dir").keep())
    }
    fn db(&self) -> PathBuf {
        self.0.join("stories.db")
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        std::fs::remove_dir_all(&self.0).ok();
    }
}

#[test]
fn sqlite_passes_the_suite() {
    for (name, case) in suite() {
        let dir = TempDir::new();
        let mut store = SqliteStore::open(&dir.db()).expect(name);
        case(&mut store);
    }
    let dir = TempDir::new();
    let mut split = SqliteStore::open(&dir.0.join("split.db")).expect("open");
    let mut whole = SqliteStore::open(&dir.0.join("whole.db")).expect("open");
    split_batches_cluster_as_one(&mut split, &mut whole);
    let dir = TempDir::new();
    let mut first = SqliteStore::open(&dir.db()).expect("open");
    let mut second = SqliteStore::open(&dir.db()).expect("open");
    a_write_from_a_stale_head_is_refused(&mut first, &mut second);
    let dir = TempDir::new();
    let mut a = SqliteStore::open(&dir.db()).expect("open");
    let mut b = SqliteStore::open(&dir.db()).expect("open");
    racing_batches_one_wins(&mut a, &mut b);
}

#[test]
fn sqlite_keeps_a_bounded_brief_of_a_large_story() {
    let dir = TempDir::new();
    let mut store = SqliteStore::open(&dir.db()).expect("open");
    a_story_of_5000_articles_keeps_a_bounded_brief(&mut store);
}

// ---- SQLite ----

fn file_bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).expect("read the file")
}

#[test]
fn a_file_that_is_not_a_store_is_refused_untouched() {
    let dir = TempDir::new();
    let text = dir.0.join("notes.txt");
    std::fs::write(&text, "these are my notes, not a database\n".repeat(40)).expect("write");
    let before = file_bytes(&text);
    let error = SqliteStore::open(&text).err().expect("refused");
    assert!(matches!(error, StoreError::NotAStore { .. }), "{error}");
    assert!(
        error.to_string().contains("not a newsfuse store"),
        "{error}"
    );
    assert_eq!(file_bytes(&text), before);

    let other = dir.0.join("other.db");
    {
        let c = rusqlite::Connection::open(&other).expect("open");
        c.execute_batch("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('x');")
            .expect("create");
    }
    let before = file_bytes(&other);
    let error = SqliteStore::open(&other).err().expect("refused");
    assert!(error.to_string().contains("another program"), "{error}");
    assert_eq!(file_bytes(&other), before);
}

#[test]
fn a_newer_layout_is_refused() {
    let dir = TempDir::new();
    drop(SqliteStore::open(&dir.db()).expect("create"));
    {
        let c = rusqlite::Connection::open(dir.db()).expect("open");
        c.pragma_update(None, "user_version", 99).expect("set");
    }
    let error = SqliteStore::open(&dir.db()).err().expect("refused");
    assert!(
        matches!(error, StoreError::NewerLayout { found: 99, .. }),
        "{error}"
    );
}

#[test]
fn a_layout_1_store_is_migrated_with_its_independent_reports() {
    let dir = TempDir::new();
    {
        let c = rusqlite::Connection::open(dir.db()).expect("open");
        c.execute_batch(crate::sqlite::MIGRATIONS[0])
            .expect("layout 1");
        c.pragma_update(None, "application_id", crate::APPLICATION_ID)
            .expect("id");
        c.pragma_update(None, "user_version", 1).expect("version");
        c.execute_batch(
            "INSERT INTO batches VALUES (1, 0, 3, 3, 0, 2, 2);
             INSERT INTO stories VALUES (1, 'a', 0, 0, 3, 1, 1, '[1,2,3]', 3, 1,
                 '{\"coverage\":{\"n_independent\":2}}', '{}');
             INSERT INTO stories VALUES (2, 'b', 0, 0, 5, 1, 1, '[]', 5, 1, 'not json', '{}');",
        )
        .expect("rows");
    }
    let store = SqliteStore::open(&dir.db()).expect("migrated");
    assert_eq!(
        store.layout_version().expect("version"),
        crate::LAYOUT_VERSION
    );
    let rows = store.stories(None).expect("stories");
    let independent: Vec<(u64, u64)> = rows.iter().map(|r| (r.id, r.independent)).collect();
    assert_eq!(
        independent,
        vec![(2, 5), (1, 2)],
        "unreadable brief: article count"
    );
}

#[test]
fn reopening_keeps_layout_and_wal() {
    let dir = TempDir::new();
    {
        let mut store = SqliteStore::open(&dir.db()).expect("create");
        run(&mut store, &two_stories(0..2));
    }
    let store = SqliteStore::open(&dir.db()).expect("reopen");
    assert_eq!(
        store.layout_version().expect("version"),
        crate::LAYOUT_VERSION
    );
    let mode: String = store
        .connection_for_tests()
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .expect("mode");
    assert_eq!(mode, "wal");
    assert_eq!(store.head().expect("head").batch, 1);
}

#[test]
fn a_batch_failing_midway_leaves_the_store_as_before() {
    let dir = TempDir::new();
    let mut store = SqliteStore::open(&dir.db()).expect("open");
    run(&mut store, &two_stories(0..4));
    let head = store.head().expect("head");
    let before = partition(&store);
    let stories_before = store.stories(None).expect("stories");

    store.fail_after_articles = Some(2);
    let error =
        ingest(&mut store, &two_stories(4..9), &options()).expect_err("the injected failure");
    assert!(matches!(error, StoreError::Injected(_)), "{error}");
    assert_eq!(store.head().expect("head"), head);
    assert_eq!(partition(&store), before);
    assert_eq!(store.stories(None).expect("stories"), stories_before);

    // Reopened from disk, the same; and the batch then goes through once.
    drop(store);
    let mut store = SqliteStore::open(&dir.db()).expect("reopen");
    assert_eq!(store.head().expect("head"), head);
    let report = run(&mut store, &two_stories(4..9));
    assert_eq!(report.counts.stored, 5);
    assert_eq!(run(&mut store, &two_stories(0..9)).counts.stored, 0);
}

#[test]
fn a_full_disk_fails_the_batch_and_keeps_the_store() {
    let dir = TempDir::new();
    let mut store = SqliteStore::open(&dir.db()).expect("open");
    run(&mut store, &two_stories(0..4));
    let head = store.head().expect("head");
    let before = partition(&store);

    // A size limit at the store's current size stands in for a full disk: SQLite answers
    // SQLITE_FULL as it does when the file system has no room left.
    let pages: i64 = store
        .connection_for_tests()
        .query_row("PRAGMA page_count", [], |r| r.get(0))
        .expect("page count");
    let _: i64 = store
        .connection_for_tests()
        .query_row(&format!("PRAGMA max_page_count = {pages}"), [], |r| {
            r.get(0)
        })
        .expect("limit");
    let many: Vec<ArticleInput> = (4..400).map(|n| article(n, n % 7, 3)).collect();
    let error = ingest(&mut store, &many, &options()).expect_err("no room");
    assert!(matches!(error, StoreError::DiskFull { .. }), "{error}");
    assert!(error.to_string().contains("disk is full"), "{error}");
    assert_eq!(store.head().expect("head"), head);
    assert_eq!(partition(&store), before);

    // Reopened (the limit is per connection), the store is whole and takes the batch once.
    drop(store);
    let mut store = SqliteStore::open(&dir.db()).expect("reopen");
    let ok: String = store
        .connection_for_tests()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("integrity");
    assert_eq!(ok, "ok");
    assert_eq!(partition(&store), before);
    assert_eq!(run(&mut store, &many).counts.stored as usize, many.len());
}

#[test]
fn a_stale_brief_is_rebuilt_before_it_is_served() {
    let dir = TempDir::new();
    let mut store = SqliteStore::open(&dir.db()).expect("open");
    run(&mut store, &two_stories(0..4));
    let story = store.stories(None).expect("stories")[0].id;
    let before = store.story(story).expect("read").expect("story");
    // Make the stored brief look older than the story (as a brief written by an interrupted
    // rebuild, or by an older newsfuse, would).
    store
        .connection_for_tests()
        .execute(
            "UPDATE stories SET brief_story_articles = 1, brief_json = '{}' WHERE id = ?1",
            [story],
        )
        .expect("update");
    let stale = store.story(story).expect("read").expect("story");
    assert!(!stale.brief_is_current());
    let current = current_story(&mut store, story, &SummaryConfig::default())
        .expect("read")
        .expect("story");
    assert!(current.rebuilt);
    assert_eq!(current.brief.articles.len() as u64, before.row.articles);
    let after = store.story(story).expect("read").expect("story");
    assert!(after.brief_is_current(), "the rebuilt brief was stored");
    assert_eq!(after.brief, before.brief);
}

#[test]
fn a_store_holding_a_merged_story_apart_has_it_merged_by_its_next_batch() {
    a_merge_held_apart_is_applied(false);
}

#[test]
fn a_merge_held_apart_is_applied_by_a_batch_that_stores_nothing() {
    a_merge_held_apart_is_applied(true);
}

/// The store's side of a merge undone (as a build that kept each article in the story it was
/// first placed in wrote it), then a batch: a new report, or only an article seen before.
fn a_merge_held_apart_is_applied(next_stores_nothing: bool) {
    use crate::StoryMerge;
    use crate::conformance::{merge_article, merge_options};
    let dir = TempDir::new();
    let mut store = SqliteStore::open(&dir.db()).expect("open");
    let options = merge_options();
    let first: Vec<ArticleInput> = (0..3).map(|n| merge_article(n, 1)).collect();
    ingest(&mut store, &first, &options).expect("first batch");
    let half_a = store
        .find_article(&crate::DedupeKeys {
            id: Some("half-a".into()),
            url: None,
            text: None,
        })
        .expect("read")
        .expect("half-a")
        .story;
    let report = ingest(&mut store, &[merge_article(3, 2)], &options).expect("second batch");
    let StoryMerge {
        story: gone,
        into: kept,
    } = report.merges[0];
    let gone_article = if gone == half_a { "half-a" } else { "half-b" };
    // Undo the store's side of the merge, as a build that kept each article in the story it was
    // first placed in wrote it: the clusterer's state records the merge, the store does not.
    store
        .connection_for_tests()
        .execute_batch(&format!(
            "INSERT INTO stories SELECT {gone}, title, first_time, last_time, 1, 1, updated_batch,
                 brief_built_from, brief_story_articles, brief_batch, brief_json, summary_json,
                 independent FROM stories WHERE id = {kept};
             UPDATE articles SET story = {gone} WHERE id = '{gone_article}';
             UPDATE stories SET articles = 2 WHERE id = {kept};
             DELETE FROM story_merges;"
        ))
        .expect("undo the merge");
    assert_eq!(partition(&store).len(), 3);
    assert_eq!(store.head().expect("head").merges, 0);

    // The next batch applies the merge the clusterer made before.
    let next = if next_stores_nothing {
        merge_article(0, 1)
    } else {
        merge_article(4, 3)
    };
    let report = ingest(&mut store, &[next], &options).expect("third batch");
    assert_eq!(report.counts.stored, u64::from(!next_stores_nothing));
    assert_eq!(
        report.merges,
        vec![StoryMerge {
            story: gone,
            into: kept
        }]
    );
    assert_eq!(store.story(gone).expect("read"), None);
    assert_eq!(store.merged_into(gone).expect("read"), Some(kept));
    let record = store.story(kept).expect("read").expect("the joined story");
    assert_eq!(record.row.articles, 4 - u64::from(next_stores_nothing));
    assert!(record.brief_is_current());
    assert_eq!(store.head().expect("head").merges, 1);
    let ids = |list: &[&str]| {
        list.iter()
            .map(ToString::to_string)
            .collect::<Vec<String>>()
    };
    let joined: &[&str] = if next_stores_nothing {
        &["bridge", "half-a", "half-b"]
    } else {
        &["bridge", "half-a", "half-b", "half-b-later"]
    };
    assert_eq!(partition(&store), vec![ids(joined), ids(&["chess"])]);
    // Applied once: the batch after it applies nothing again.
    let report = ingest(&mut store, &[merge_article(0, 1)], &options).expect("fourth batch");
    assert!(
        report.merges.is_empty() && report.batch.is_none(),
        "{report:?}"
    );
}
