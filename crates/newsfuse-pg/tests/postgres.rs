//! The store's conformance suite on PostgreSQL (the same functions SQLite runs), and the
//! PostgreSQL backend's own cases. Each test works in a fresh schema of the test database and
//! skips, saying how to start PostgreSQL, when there is none.

use newsfuse_pg::testing::TestSchema;
use newsfuse_pg::{LAYOUT_VERSION, PgStore, open_store};
use newsfuse_store::conformance::{
    self, a_story_of_5000_articles_keeps_a_bounded_brief, a_write_from_a_stale_head_is_refused,
    options, partition, racing_batches_one_wins, run, split_batches_cluster_as_one, two_stories,
};
use newsfuse_store::{Store, StoreError, current_story, ingest};

#[test]
fn postgres_passes_the_suite() {
    for (name, case) in conformance::suite() {
        let Some(schema) = TestSchema::new() else {
            return;
        };
        let mut store = PgStore::open(&schema.url()).expect(name);
        eprintln!("case {name}");
        case(&mut store);
    }
}

#[test]
fn postgres_split_batches_cluster_as_one() {
    let (Some(a), Some(b)) = (TestSchema::new(), TestSchema::new()) else {
        return;
    };
    let mut split = PgStore::open(&a.url()).expect("open");
    let mut whole = PgStore::open(&b.url()).expect("open");
    split_batches_cluster_as_one(&mut split, &mut whole);
}

#[test]
fn postgres_refuses_a_write_from_a_stale_head() {
    let Some(schema) = TestSchema::new() else {
        return;
    };
    let mut first = PgStore::open(&schema.url()).expect("open");
    let mut second = PgStore::open(&schema.url()).expect("open");
    a_write_from_a_stale_head_is_refused(&mut first, &mut second);
}

#[test]
fn postgres_racing_batches_one_wins() {
    let Some(schema) = TestSchema::new() else {
        return;
    };
    // Several rounds: the race is decided by the head row's lock, not by luck.
    for _ in 0..3 {
        let mut a = PgStore::open(&schema.url()).expect("open");
        let mut b = PgStore::open(&schema.url()).expect("open");
        a.execute_for_tests(
            "TRUNCATE story_merges, articles, stories, batches; UPDATE head SET batch = 0, clusterer = NULL",
        )
        .expect("reset");
        racing_batches_one_wins(&mut a, &mut b);
    }
}

#[test]
fn postgres_keeps_a_bounded_brief_of_a_large_story() {
    let Some(schema) = TestSchema::new() else {
        return;
    };
    let mut store = PgStore::open(&schema.url()).expect("open");
    a_story_of_5000_articles_keeps_a_bounded_brief(&mut store);
}

#[test]
fn open_store_picks_postgres_by_url_and_works_in_spawn_blocking() {
    let Some(schema) = TestSchema::new() else {
        return;
    };
    let url = schema.url();
    if !url.contains("://") {
        eprintln!("skipped: NEWSFUSE_TEST_POSTGRES is not a postgres:// URL");
        return;
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a runtime");
    runtime.block_on(async move {
        // Opened inside an async task (the server opens its writer so), used on blocking
        // threads, dropped inside the runtime again.
        let mut store = open_store(&url).expect("open");
        let store = tokio::task::spawn_blocking(move || {
            let report = run(&mut *store, &two_stories(0..4));
            assert_eq!(report.counts.stored, 4);
            store
        })
        .await
        .expect("the blocking task");
        let readers: Vec<_> = (0..4)
            .map(|_| {
                let url = url.clone();
                tokio::task::spawn_blocking(move || {
                    let reader = open_store(&url).expect("open a reader");
                    reader.totals().expect("totals").articles
                })
            })
            .collect();
        for reader in readers {
            assert_eq!(reader.await.expect("a reader"), 4);
        }
        drop(store);
    });
}

#[test]
fn a_newer_layout_is_refused() {
    let Some(schema) = TestSchema::new() else {
        return;
    };
    let store = PgStore::open(&schema.url()).expect("create");
    assert_eq!(store.layout_version().expect("version"), LAYOUT_VERSION);
    store
        .execute_for_tests("UPDATE newsfuse_layout SET version = 99")
        .expect("set");
    drop(store);
    let error = PgStore::open(&schema.url()).err().expect("refused");
    assert!(
        matches!(error, StoreError::NewerLayout { found: 99, .. }),
        "{error}"
    );
}

#[test]
fn another_programs_tables_are_refused_untouched() {
    let Some(mut schema) = TestSchema::new() else {
        return;
    };
    let name = schema.name.clone();
    schema
        .admin()
        .batch_execute(&format!(
            "CREATE TABLE {name}.articles (note TEXT); INSERT INTO {name}.articles VALUES ('mine')"
        ))
        .expect("create");
    let error = PgStore::open(&schema.url()).err().expect("refused");
    assert!(matches!(error, StoreError::NotAStore { .. }), "{error}");
    assert!(error.to_string().contains("another program"), "{error}");
    let tables: i64 = schema
        .admin()
        .query_one(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = $1",
            &[&name],
        )
        .expect("count")
        .get(0);
    assert_eq!(tables, 1, "nothing was created");
    let note: String = schema
        .admin()
        .query_one(&format!("SELECT note FROM {name}.articles"), &[])
        .expect("read")
        .get(0);
    assert_eq!(note, "mine");
}

#[test]
fn processes_opening_at_once_migrate_once() {
    let Some(schema) = TestSchema::new() else {
        return;
    };
    let url = schema.url();
    let versions: Vec<i64> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..4)
            .map(|_| {
                scope.spawn(|| {
                    PgStore::open(&url)
                        .expect("open")
                        .layout_version()
                        .expect("version")
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("join"))
            .collect()
    });
    assert_eq!(versions, vec![LAYOUT_VERSION; 4]);
}

#[test]
fn a_batch_failing_midway_leaves_the_store_as_before() {
    let Some(schema) = TestSchema::new() else {
        return;
    };
    let mut store = PgStore::open(&schema.url()).expect("open");
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
    drop(store);
    let mut store = PgStore::open(&schema.url()).expect("reopen");
    assert_eq!(store.head().expect("head"), head);
    assert_eq!(run(&mut store, &two_stories(4..9)).counts.stored, 5);
    assert_eq!(run(&mut store, &two_stories(0..9)).counts.stored, 0);
}

#[test]
fn a_stale_brief_is_rebuilt_before_it_is_served() {
    let Some(schema) = TestSchema::new() else {
        return;
    };
    let mut store = PgStore::open(&schema.url()).expect("open");
    run(&mut store, &two_stories(0..4));
    let story = store.stories(None).expect("stories")[0].id;
    let before = store.story(story).expect("read").expect("story");
    store
        .execute_for_tests(&format!(
            "UPDATE stories SET brief_story_articles = 1, brief_json = '{{}}' WHERE id = {story}"
        ))
        .expect("update");
    assert!(
        !store
            .story(story)
            .expect("read")
            .expect("story")
            .brief_is_current()
    );
    let current = current_story(&mut store, story, &options().summary)
        .expect("read")
        .expect("story");
    assert!(current.rebuilt);
    let after = store.story(story).expect("read").expect("story");
    assert!(after.brief_is_current(), "the rebuilt brief was stored");
    assert_eq!(after.brief, before.brief);
}

#[test]
fn the_store_reconnects_after_its_connection_is_cut() {
    let Some(mut schema) = TestSchema::new() else {
        return;
    };
    let name = schema.name.clone();
    let mut store = PgStore::open(&schema.url()).expect("open");
    run(&mut store, &two_stories(0..2));
    // As a PostgreSQL restart would: the server ends the store's session.
    let cut: i64 = schema
        .admin()
        .query_one(
            "SELECT count(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                 WHERE application_name = $1) t",
            &[&name],
        )
        .expect("terminate")
        .get(0);
    assert_eq!(cut, 1);
    // The call that finds the connection gone fails (a batch then wrote nothing); the next one
    // connects again.
    let first = store.totals();
    let totals = match first {
        Ok(totals) => totals,
        Err(error) => {
            assert!(matches!(error, StoreError::Backend { .. }), "{error}");
            store.totals().expect("reconnected")
        }
    };
    assert_eq!(totals.articles, 2);
    assert_eq!(run(&mut store, &two_stories(2..4)).counts.stored, 2);
}

#[test]
fn nul_characters_are_stored_as_replacement_characters() {
    let Some(schema) = TestSchema::new() else {
        return;
    };
    let mut store = PgStore::open(&schema.url()).expect("open");
    let mut article = conformance::article(1, 0, 1);
    article.title = "Bridge\0 closed".into();
    article.text.push_str(" A stray \0 byte.");
    let report = run(&mut store, std::slice::from_ref(&article));
    assert_eq!(report.counts.stored, 1);
    let stored = store.articles(&[1]).expect("read");
    assert_eq!(stored[0].title, "Bridge\u{FFFD} closed");
    assert_eq!(stored[0].text.replace('\u{FFFD}', "\0"), article.text);
    // Seen again by its (unchanged) keys.
    assert_eq!(
        run(&mut store, std::slice::from_ref(&article))
            .counts
            .duplicates,
        1
    );
}

#[test]
fn a_layout_1_store_is_migrated_to_record_merges() {
    let Some(schema) = TestSchema::new() else {
        return;
    };
    let mut store = PgStore::open(&schema.url()).expect("create");
    run(&mut store, &two_stories(0..4));
    // Back to layout 1: no merge table, no merge count per batch.
    store
        .execute_for_tests(
            "DROP TABLE story_merges; ALTER TABLE batches DROP COLUMN merged_stories;
             UPDATE newsfuse_layout SET version = 1",
        )
        .expect("layout 1");
    drop(store);
    let mut store = PgStore::open(&schema.url()).expect("migrated");
    assert_eq!(store.layout_version().expect("version"), LAYOUT_VERSION);
    assert_eq!(store.head().expect("head").merges, 0);
    assert_eq!(store.merged_into(0).expect("read"), None);
    let before = partition(&store);
    let report = run(&mut store, &two_stories(4..6));
    assert_eq!((report.counts.stored, report.counts.new_stories), (2, 0));
    assert_eq!(partition(&store).len(), before.len());
}
