//! The store's tests: a scenario suite over `&mut dyn Store` (every backend runs it) and the
//! SQLite backend's own cases (foreign files, a failure inside a batch, WAL).

use std::path::{Path, PathBuf};

use newsfuse::SummaryConfig;
use newsfuse_stories::StoryConfig;

use crate::{
    ArticleInput, IngestOptions, IngestReport, Rebuilt, SqliteStore, Store, StoreError,
    StoryCursor, StoryQuery, current_story, ingest, ingest_without_briefs, rebuild_briefs,
};

const NOW: i64 = 1_709_600_000; // 2024-03-05

fn options() -> IngestOptions {
    IngestOptions {
        now: NOW,
        summary: SummaryConfig::default(),
        stories: StoryConfig::default(),
    }
}

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

/// Invented articles about two events, a bridge closure and a library fire.
fn article(n: usize, topic: usize, day: u32) -> ArticleInput {
    let (title, text) = if topic == 0 {
        (
            format!("Kelmouth harbour bridge closed, report {n}"),
            format!(
                "The harbour bridge in Kelmouth stayed closed on day {n} after a crane struck its northern span. \
                 Engineers from the Kelmouth port authority inspected the cracked girders and the crane barge. \
                 Ferry operators added crossings while the bridge remained shut to traffic, officials said in update {n}."
            ),
        )
    } else {
        (
            format!("Fire at Oswin library, report {n}"),
            format!(
                "A fire broke out in the archive wing of the Oswin public library overnight, in account {n}. \
                 Firefighters saved most of the rare manuscripts, though the reading room roof collapsed. \
                 The library board said volunteers would catalogue the damaged collection, statement {n} added."
            ),
        )
    };
    ArticleInput {
        id: Some(format!("art-{n}")),
        url: Some(format!("https://news.example/{n}")),
        title,
        text,
        source: Some(format!("outlet{}", n % 3)),
        published: Some(format!("2024-03-{day:02}T10:00:00Z")),
        origin: format!("test#{n}"),
    }
}

fn two_stories(range: std::ops::Range<usize>) -> Vec<ArticleInput> {
    range
        .map(|n| article(n, n % 2, 1 + (n as u32 % 3)))
        .collect()
}

fn run(store: &mut dyn Store, articles: &[ArticleInput]) -> IngestReport {
    ingest(store, articles, &options()).expect("the batch commits")
}

/// The partition of stored articles by story: sets of caller ids.
fn partition(store: &dyn Store) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = store
        .stories(None)
        .expect("stories")
        .iter()
        .map(|s| {
            let mut ids: Vec<String> = store
                .story_articles(s.id)
                .expect("articles")
                .into_iter()
                .filter_map(|a| a.id)
                .collect();
            ids.sort();
            ids
        })
        .collect();
    out.sort();
    out
}

// ---- the scenario suite, for any backend ----

fn reingest_is_idempotent(store: &mut dyn Store) {
    let batch = two_stories(0..6);
    let first = run(store, &batch);
    assert_eq!(first.counts.stored, 6);
    assert_eq!(first.counts.new_stories, 2, "{:?}", partition(store));
    let head = store.head().expect("head");
    let before = partition(store);
    let again = run(store, &batch);
    assert_eq!(
        (again.batch, again.counts.stored, again.counts.duplicates),
        (None, 0, 6)
    );
    assert_eq!(store.head().expect("head"), head);
    assert_eq!(partition(store), before);
}

fn dedupe_by_id_url_and_text(store: &mut dyn Store) {
    let original = article(1, 0, 1);
    run(store, std::slice::from_ref(&original));
    let same_id = ArticleInput {
        text: "Entirely different words about a marathon in the hills.".into(),
        url: None,
        origin: "same id".into(),
        ..original.clone()
    };
    let same_url = ArticleInput {
        id: Some("other-id".into()),
        url: Some("http://www.news.example/1/#comments".into()),
        text: "A third text, about a chess final in a small town.".into(),
        origin: "same url".into(),
        ..original.clone()
    };
    let same_text = ArticleInput {
        id: None,
        url: None,
        origin: "same text".into(),
        ..original.clone()
    };
    let fresh = article(2, 0, 2);
    let fresh_twice = ArticleInput {
        origin: "fresh again".into(),
        ..fresh.clone()
    };
    let report = run(store, &[same_id, same_url, same_text, fresh, fresh_twice]);
    let mut why: Vec<(String, &str, Option<u64>)> = report
        .seen_again
        .iter()
        .map(|s| (s.origin.clone(), s.why, s.of))
        .collect();
    why.sort();
    assert_eq!(
        why,
        vec![
            ("fresh again".into(), "id", None),
            ("same id".into(), "id", Some(1)),
            ("same text".into(), "text", Some(1)),
            ("same url".into(), "url", Some(1)),
        ]
    );
    assert_eq!(report.counts.stored, 1);
    let stories = store.stories(None).expect("stories");
    assert_eq!(stories.len(), 1);
    assert_eq!(stories[0].articles, 2);
}

fn briefs_current_after_second_batch(store: &mut dyn Store) {
    run(store, &two_stories(0..4));
    let second = run(store, &two_stories(4..7));
    assert_eq!(second.counts.changed_stories, 2);
    assert_eq!(second.counts.new_stories, 0);
    for row in store.stories(None).expect("stories") {
        let record = store.story(row.id).expect("read").expect("the story");
        assert!(record.brief_is_current(), "story {} brief stale", row.id);
        let brief = record.brief.expect("a brief");
        assert_eq!(brief.story_articles, row.articles);
        assert_eq!(brief.built_from.len() as u64, row.articles);
        assert_eq!(brief.batch, 2);
        let current = current_story(store, row.id, &SummaryConfig::default())
            .expect("read")
            .expect("the story");
        assert!(!current.rebuilt);
        assert_eq!(current.brief.articles.len() as u64, row.articles);
        assert!(!current.brief.summary.is_empty());
    }
    let total: u64 = store
        .stories(None)
        .expect("stories")
        .iter()
        .map(|s| s.articles)
        .sum();
    assert_eq!(total, 7);
}

fn briefs_deferred_then_rebuilt(store: &mut dyn Store) {
    let first = ingest_without_briefs(store, &two_stories(0..4), &options()).expect("ingest");
    assert_eq!(first.counts.new_stories, 2);
    let ids: Vec<u64> = first.stories.iter().map(|s| s.id).collect();
    for &id in &ids {
        let record = store.story(id).expect("read").expect("the story");
        assert!(
            !record.brief_is_current(),
            "story {id}: a deferred brief is stale"
        );
    }
    // The listing and the search still read a story whose brief is not built yet.
    let found = store
        .find_stories(&StoryQuery {
            text: Some("bridge".into()),
            limit: 10,
            ..StoryQuery::default()
        })
        .expect("search");
    assert_eq!(found.len(), 1);
    let done =
        rebuild_briefs(store, &[ids[0], ids[1], 999], &SummaryConfig::default()).expect("rebuild");
    assert_eq!(
        done,
        vec![
            (999, Rebuilt::NoStory),
            (ids[0], Rebuilt::Rebuilt),
            (ids[1], Rebuilt::Rebuilt),
        ]
    );
    let again = rebuild_briefs(store, &ids, &SummaryConfig::default()).expect("rebuild");
    assert!(again.iter().all(|(_, r)| *r == Rebuilt::AlreadyCurrent));
    // A second deferred batch keeps the old brief (stale) until the next rebuild.
    let second = ingest_without_briefs(store, &two_stories(4..7), &options()).expect("ingest");
    assert_eq!(second.counts.new_stories, 0);
    let kept = store.story(ids[0]).expect("read").expect("the story");
    assert!(!kept.brief_is_current());
    assert_eq!(kept.brief.expect("a brief").batch, 1);
    rebuild_briefs(store, &ids, &SummaryConfig::default()).expect("rebuild");
    for row in store.stories(None).expect("stories") {
        let record = store.story(row.id).expect("read").expect("the story");
        assert!(record.brief_is_current(), "story {} brief stale", row.id);
        assert_eq!(
            record.brief.expect("a brief").built_from.len() as u64,
            row.articles
        );
    }
}

fn split_batches_cluster_as_one(store: &mut dyn Store, one_batch: &mut dyn Store) {
    // Publication order = input order here (days 1, 1, 2, 2, ...), so two batches continue
    // exactly where one would be.
    let articles: Vec<ArticleInput> = (0..10)
        .map(|n| article(n, (n / 2) % 2, 1 + n as u32 / 2))
        .collect();
    run(store, &articles[..5]);
    run(store, &articles[5..]);
    run(one_batch, &articles);
    assert_eq!(partition(store), partition(one_batch));
    assert_eq!(partition(store).len(), 2);
}

fn future_and_unreadable_dates(store: &mut dyn Store) {
    let mut future = article(1, 0, 1);
    future.published = Some("2999-01-01T00:00:00Z".into());
    let mut unreadable = article(2, 1, 1);
    unreadable.published = Some("the day before yesterday".into());
    let mut dated = article(3, 1, 1);
    dated.published = Some("2024-03-01".into());
    let report = run(store, &[future, unreadable, dated]);
    assert_eq!(report.counts.stored, 3);
    assert_eq!(report.notes.len(), 2, "{:?}", report.notes);
    assert!(report.notes[0].contains("future") || report.notes[1].contains("future"));
    for row in store.stories(None).expect("stories") {
        assert!(
            row.last_time <= NOW,
            "story {} placed in the future",
            row.id
        );
        for a in store.story_articles(row.id).expect("articles") {
            let expect = match a.id.as_deref() {
                Some("art-3") => 1_709_251_200,
                _ => NOW,
            };
            assert_eq!(a.time, expect, "{:?}", a.id);
            assert_eq!(a.first_seen, NOW);
        }
    }
}

fn stories_since_and_order(store: &mut dyn Store) {
    // Story A: 3 articles on day 1; story B: 1 article on day 3.
    let mut batch: Vec<ArticleInput> = (0..3).map(|n| article(n, 0, 1)).collect();
    batch.push(article(3, 1, 3));
    run(store, &batch);
    let all = store.stories(None).expect("stories");
    assert_eq!(all.len(), 2);
    assert_eq!(all[0].articles, 1, "the newest day comes first");
    let since = store.stories(Some(1_709_337_600)).expect("stories"); // 2024-03-02
    assert_eq!(since.len(), 1);
    assert_eq!(since[0].id, all[0].id);
}

fn find_stories_pages_and_searches(store: &mut dyn Store) {
    let empty = store.totals().expect("totals");
    assert_eq!((empty.articles, empty.stories, empty.batch), (0, 0, 0));
    assert_eq!(empty.last_batch_started, None);
    run(store, &two_stories(0..6));
    let all = store.stories(None).expect("stories");
    assert_eq!(all.len(), 2);
    // Pages of one, cursor to cursor, give the listing in order, then an empty page.
    let mut paged = Vec::new();
    let mut after = None;
    loop {
        let page = store
            .find_stories(&StoryQuery {
                after,
                limit: 1,
                ..StoryQuery::default()
            })
            .expect("a page");
        let Some(last) = page.last() else { break };
        assert_eq!(page.len(), 1);
        let cursor = StoryCursor::after(last);
        assert_eq!(StoryCursor::parse(&cursor.to_string()), Some(cursor));
        after = Some(cursor);
        paged.extend(page);
        assert!(paged.len() <= all.len(), "paging never repeats a story");
    }
    assert_eq!(paged, all);
    let search = |text: &str| -> Vec<u64> {
        store
            .find_stories(&StoryQuery {
                text: Some(text.into()),
                limit: 10,
                ..StoryQuery::default()
            })
            .expect("a search")
            .iter()
            .map(|r| r.id)
            .collect()
    };
    let library = all
        .iter()
        .find(|r| r.title.contains("Oswin"))
        .expect("the library story")
        .id;
    assert_eq!(
        search("oswin LIBRARY"),
        vec![library],
        "title words, any case"
    );
    assert!(search("oswin kelmouth").is_empty(), "every word must match");
    assert_eq!(search("  ").len(), 2, "a blank search lists everything");
    // A word of the summary that is not in the title is found too.
    let record = store.story(library).expect("story").expect("found");
    let summary: serde_json::Value =
        serde_json::from_str(&record.brief.expect("a brief").summary_json).expect("json");
    let word = summary["summary"]
        .as_str()
        .expect("summary text")
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| w.len() > 6 && !record.row.title.to_lowercase().contains(&w.to_lowercase()))
        .expect("a summary word outside the title")
        .to_string();
    assert_eq!(search(&word), vec![library], "{word}");
    let since = store
        .find_stories(&StoryQuery {
            since: Some(i64::MAX),
            limit: 10,
            ..StoryQuery::default()
        })
        .expect("since");
    assert!(since.is_empty());
    let totals = store.totals().expect("totals");
    assert_eq!((totals.articles, totals.stories, totals.batch), (6, 2, 1));
    assert_eq!(totals.last_batch_started, Some(NOW));
}

type Case = fn(&mut dyn Store);

fn suite() -> Vec<(&'static str, Case)> {
    vec![
        ("reingest_is_idempotent", reingest_is_idempotent),
        ("dedupe_by_id_url_and_text", dedupe_by_id_url_and_text),
        (
            "briefs_current_after_second_batch",
            briefs_current_after_second_batch,
        ),
        ("briefs_deferred_then_rebuilt", briefs_deferred_then_rebuilt),
        ("future_and_unreadable_dates", future_and_unreadable_dates),
        ("stories_since_and_order", stories_since_and_order),
        (
            "find_stories_pages_and_searches",
            find_stories_pages_and_searches,
        ),
    ]
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
fn a_write_from_a_stale_head_is_refused() {
    let dir = TempDir::new();
    let mut first = SqliteStore::open(&dir.db()).expect("open");
    let mut second = SqliteStore::open(&dir.db()).expect("open");
    run(&mut first, &two_stories(0..2));
    // `second` prepares a batch from the empty store's head, as an ingest started before
    // `first` committed would.
    let stale = crate::BatchWrite {
        base_batch: 0,
        batch: 1,
        ..crate::BatchWrite::default()
    };
    let error = second.commit_batch(&stale).expect_err("refused");
    assert!(
        matches!(
            error,
            StoreError::Conflict {
                expected: 0,
                found: 1
            }
        ),
        "{error}"
    );
    assert_eq!(second.head().expect("head").batch, 1);
}

#[test]
fn a_story_of_5000_articles_keeps_a_bounded_brief() {
    let dir = TempDir::new();
    let mut store = SqliteStore::open(&dir.db()).expect("open");
    let articles: Vec<ArticleInput> = (0..5000)
        .map(|n| article(n, 0, 1 + (n as u32 / 1250)))
        .collect();
    let started = std::time::Instant::now();
    let report = run(&mut store, &articles);
    assert_eq!(report.counts.stored, 5000);
    assert_eq!(report.counts.new_stories, 1);
    let more: Vec<ArticleInput> = (5000..5010).map(|n| article(n, 0, 4)).collect();
    run(&mut store, &more);
    let stories = store.stories(None).expect("stories");
    assert_eq!(stories.len(), 1);
    assert_eq!(stories[0].articles, 5010);
    let record = store.story(stories[0].id).expect("read").expect("story");
    assert!(record.brief_is_current());
    let brief = record.brief.expect("brief");
    assert_eq!(brief.built_from.len(), crate::ingest::MAX_BRIEF_ARTICLES);
    // The latest article is among those the brief was built from.
    assert!(brief.built_from.contains(&5010));
    assert!(
        started.elapsed().as_secs() < 120,
        "took {:?}",
        started.elapsed()
    );
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
