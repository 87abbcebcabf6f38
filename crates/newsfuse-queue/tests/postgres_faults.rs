//! The worker on a PostgreSQL store while PostgreSQL fails under it: its connections killed
//! mid-stream (on the shared test server, only this test's connections), and the server itself
//! crashed and started again (a server of the test's own, made with initdb on a temporary
//! directory, so the shared one is never stopped). Every article must end stored exactly once,
//! in one story, with every brief current.
//!
//! NATS: 127.0.0.1:4222 or `NEWSFUSE_TEST_NATS`; PostgreSQL: 127.0.0.1:5432 or
//! `NEWSFUSE_TEST_POSTGRES` for the first test, `initdb` and `pg_ctl` for the second. Without
//! them each test says how to get them and passes.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use newsfuse_pg::PgStore;
use newsfuse_pg::testing::{OwnPostgres, TestSchema, base_url};
use newsfuse_queue::testing::{
    StreamsGuard, assert_each_in_one_story, event_article, test_nats, unique_prefix,
};
use newsfuse_queue::{Queue, StoreOpener, WorkerConfig, WorkerStats, run_worker};
use newsfuse_store::{ArticleInput, Store, StoreError};

fn opener(url: &str) -> StoreOpener {
    let url = url.to_string();
    Arc::new(move || -> Result<Box<dyn Store + Send>, StoreError> {
        Ok(Box::new(PgStore::open(&url)?))
    })
}

fn config() -> WorkerConfig {
    WorkerConfig {
        batch: 8,
        wait: Duration::from_millis(100),
        ack_wait: Duration::from_secs(5),
        retry_delay: Duration::from_millis(100),
        idle_exit: Some(Duration::from_secs(3)),
        ..WorkerConfig::default()
    }
}

/// Articles stored so far (0 while the store does not answer), read on a blocking thread.
async fn stored(url: &str) -> u64 {
    let url = url.to_string();
    tokio::task::spawn_blocking(move || {
        PgStore::open(&url)
            .ok()
            .and_then(|s| s.totals().ok())
            .map_or(0, |t| t.articles)
    })
    .await
    .unwrap_or(0)
}

async fn until_some_stored(url: &str) {
    let started = Instant::now();
    while stored(url).await == 0 {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "the worker stored nothing"
        );
        tokio::time::sleep(Duration::from_millis(30)).await;
    }
}

/// Publishes in posts of four, one post every 40 ms, so the worker is mid-batch when the
/// failure comes.
async fn trickle(queue: &Queue, articles: &[ArticleInput]) {
    for post in articles.chunks(4) {
        queue.publish_articles(post).await.expect("publish");
        tokio::time::sleep(Duration::from_millis(40)).await;
    }
}

/// Checks the store once the worker is done, on a blocking thread.
async fn check(url: &str, articles: Vec<ArticleInput>) {
    let url = url.to_string();
    tokio::task::spawn_blocking(move || {
        let store = PgStore::open(&url).expect("open");
        assert_each_in_one_story(&store, &articles);
    })
    .await
    .expect("checked");
}

/// A stream under way: its streams (deleted on drop), 96 articles of four events (the first
/// eight published) and a worker on the store at `url`.
struct Run {
    _guard: StreamsGuard,
    queue: Queue,
    articles: Vec<ArticleInput>,
    running: tokio::task::JoinHandle<WorkerStats>,
}

async fn start(nats: &str, url: &str, tag: &str) -> Run {
    let prefix = unique_prefix(tag);
    let guard = StreamsGuard {
        url: nats.to_string(),
        prefix: prefix.clone(),
    };
    let queue = Queue::connect(nats, &prefix).await.expect("connect");
    let articles: Vec<ArticleInput> = (0..96).map(|n| event_article(n % 4, n)).collect();
    queue
        .publish_articles(&articles[..8])
        .await
        .expect("publish");
    let worker_queue = queue.clone();
    let worker_url = url.to_string();
    let running = tokio::spawn(async move {
        run_worker(
            &worker_queue,
            opener(&worker_url),
            config(),
            std::future::pending(),
        )
        .await
        .expect("the worker runs")
    });
    Run {
        _guard: guard,
        queue,
        articles,
        running,
    }
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime")
}

#[test]
fn nothing_is_lost_or_doubled_when_postgres_connections_are_killed_mid_stream() {
    let Some(nats) = test_nats() else {
        return;
    };
    // Made and dropped outside the runtime (its client has a runtime of its own), also when the
    // test fails.
    let Some(schema) = TestSchema::new() else {
        return;
    };
    runtime().block_on(killed_mid_stream(nats, schema.url(), schema.name.clone()));
}

async fn killed_mid_stream(nats: String, url: String, name: String) {
    let Run {
        _guard,
        queue,
        articles,
        running,
    } = start(&nats, &url, "pgkill").await;
    until_some_stored(&url).await;
    // Every 100 ms, end every connection of this test's schema (the worker's ingest and rebuild
    // connections), as a failover or a pooler dropping them would, while the rest is published.
    let stop = Arc::new(AtomicBool::new(false));
    let killed = Arc::new(AtomicU64::new(0));
    let killer = {
        let (stop, killed) = (Arc::clone(&stop), Arc::clone(&killed));
        std::thread::spawn(move || {
            let mut admin = postgres::Client::connect(&base_url(), postgres::NoTls).expect("admin");
            while !stop.load(Ordering::SeqCst) {
                let row = admin
                    .query_one(
                        "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid))
                         FROM pg_stat_activity WHERE application_name = $1",
                        &[&name],
                    )
                    .expect("terminate");
                killed.fetch_add(row.get::<_, i64>(0).unsigned_abs(), Ordering::SeqCst);
                std::thread::sleep(Duration::from_millis(100));
            }
        })
    };
    trickle(&queue, &articles[8..]).await;
    stop.store(true, Ordering::SeqCst);
    killer.join().expect("the killer ran");
    let stats: WorkerStats = running.await.expect("the worker ran");
    let killed = killed.load(Ordering::SeqCst);
    eprintln!("{killed} connections killed; {stats:?}");
    assert!(
        killed > 0,
        "no connection was killed: the test tested nothing"
    );
    assert_eq!(
        stats.dead, 0,
        "an article was blamed for the store: {stats:?}"
    );
    check(&url, articles).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nothing_is_lost_or_doubled_when_postgres_crashes_and_restarts_mid_stream() {
    let Some(nats) = test_nats() else {
        return;
    };
    let Some(server) = tokio::task::spawn_blocking(OwnPostgres::start)
        .await
        .expect("initdb")
    else {
        return;
    };
    let server = Arc::new(server);
    let url = server.url();
    let Run {
        _guard,
        queue,
        articles,
        running,
    } = start(&nats, &url, "pgcrash").await;
    // Published while the worker runs; the last quarter is held back for the outage.
    let publishing = {
        let (queue, early) = (queue.clone(), articles[8..72].to_vec());
        tokio::spawn(async move { trickle(&queue, &early).await })
    };
    until_some_stored(&url).await;
    // Mid-stream: crash the server (open transactions lost), publish while it is down, then
    // start it again on the same data directory.
    {
        let server = Arc::clone(&server);
        tokio::task::spawn_blocking(move || server.crash())
            .await
            .expect("crashed");
    }
    assert_eq!(
        stored(&url).await,
        0,
        "the server still answers after the crash"
    );
    trickle(&queue, &articles[72..]).await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    {
        let server = Arc::clone(&server);
        tokio::task::spawn_blocking(move || server.start_again())
            .await
            .expect("started again");
    }
    publishing.await.expect("published");
    let stats: WorkerStats = running.await.expect("the worker ran");
    eprintln!("{stats:?}");
    assert!(
        stats.store_down > 0,
        "the worker never found the store down: the crash came at no call ({stats:?})"
    );
    assert_eq!(
        stats.dead, 0,
        "an article was blamed for the store: {stats:?}"
    );
    check(&url, articles).await;
}
