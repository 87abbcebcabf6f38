//! The queue's scale run: a labelled article stream published to NATS in posts of 100 (as
//! `POST /v1/articles` would), ingested by N `newsfuse worker` processes into a fresh SQLite
//! store, timed until every article and every rebuild is done; then the clustering's B-cubed F1
//! against the labels, and optionally the same file through `newsfuse ingest` for comparison.
//!
//! ```sh
//! cargo build --release -p newsfuse-cli -p newsfuse-queue --examples
//! ./target/release/examples/scale ../shared/eval/multinews_val_stream.jsonl 2 256 [--single]
//! ```
//! NATS: `NEWSFUSE_TEST_NATS` or nats://127.0.0.1:4222. The binary: `NEWSFUSE_BIN` or
//! `target/release/newsfuse`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use newsfuse_queue::Queue;
use newsfuse_queue::testing::{StreamsGuard, test_nats, unique_prefix};
use newsfuse_queue::worker::quantile;
use newsfuse_store::{ArticleInput, SqliteStore, Store, article_from_json};
use serde_json::Value;

fn bcubed(partition: &HashMap<String, u64>, labels: &HashMap<String, String>) -> (f64, f64, f64) {
    let mut by_story: HashMap<u64, Vec<&str>> = HashMap::new();
    for (id, story) in partition {
        by_story.entry(*story).or_default().push(id);
    }
    let mut by_label: HashMap<&str, usize> = HashMap::new();
    for id in partition.keys() {
        *by_label.entry(labels[id].as_str()).or_default() += 1;
    }
    let (mut p, mut r) = (0.0, 0.0);
    for members in by_story.values() {
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for id in members {
            *counts.entry(labels[*id].as_str()).or_default() += 1;
        }
        for id in members {
            let label = labels[*id].as_str();
            let same = counts[label] as f64;
            p += same / members.len() as f64;
            r += same / by_label[label] as f64;
        }
    }
    let n = partition.len() as f64;
    let (p, r) = (p / n, r / n);
    (p, r, 2.0 * p * r / (p + r))
}

fn partition(db: &Path) -> (HashMap<String, u64>, u64, usize) {
    let store = SqliteStore::open(db).expect("open");
    let mut out = HashMap::new();
    let mut stale = 0;
    let rows = store.stories(None).expect("stories");
    for row in &rows {
        let record = store.story(row.id).expect("read").expect("story");
        if !record.brief_is_current() {
            stale += 1;
            if stale <= 3 {
                let b = record.brief.as_ref().expect("brief");
                eprintln!(
                    "stale story {}: {} articles ({} read), updated in batch {}; brief of {} articles, batch {}",
                    row.id,
                    row.articles,
                    store.story_articles(row.id).expect("read").len(),
                    row.updated_batch,
                    b.story_articles,
                    b.batch
                );
            }
        }
        for a in store.story_articles(row.id).expect("read") {
            out.insert(a.id.expect("every stream article has an id"), row.id);
        }
    }
    (out, rows.len() as u64, stale)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 4 {
        eprintln!("usage: scale DATA.jsonl WORKERS BATCH [--single]");
        std::process::exit(2);
    }
    let data = PathBuf::from(&args[1]);
    let workers: usize = args[2].parse().expect("WORKERS");
    let batch: usize = args[3].parse().expect("BATCH");
    let single = args.iter().any(|a| a == "--single");
    let binary = std::env::var("NEWSFUSE_BIN").unwrap_or_else(|_| "target/release/newsfuse".into());
    let Some(url) = test_nats() else {
        std::process::exit(2);
    };
    let text = std::fs::read_to_string(&data).expect("read the data");
    let mut articles: Vec<ArticleInput> = Vec::new();
    let mut labels: HashMap<String, String> = HashMap::new();
    for (n, line) in text.lines().enumerate() {
        let Ok(value) = serde_json::from_str::<Value>(line) else {
            continue;
        };
        let label = value["label"].as_str().unwrap_or_default().to_string();
        if let Ok(a) = article_from_json(value, format!("line {}", n + 1)) {
            labels.insert(a.id.clone().unwrap_or_default(), label);
            articles.push(a);
        }
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("stories.db");
    let prefix = unique_prefix("scale");
    let _guard = StreamsGuard {
        url: url.clone(),
        prefix: prefix.clone(),
    };
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let queue = rt.block_on(Queue::connect(&url, &prefix)).expect("connect");
    SqliteStore::open(&db).expect("create the store");
    let mut children: Vec<(Child, PathBuf)> = (0..workers)
        .map(|k| {
            let stats = dir.path().join(format!("worker{k}.json"));
            let child = Command::new(&binary)
                .args(["worker", "--store"])
                .arg(&db)
                .args([
                    "--queue",
                    &url,
                    "--prefix",
                    &prefix,
                    "--batch",
                    &batch.to_string(),
                ])
                .arg("--stats")
                .arg(&stats)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("newsfuse worker starts");
            (child, stats)
        })
        .collect();
    std::thread::sleep(Duration::from_millis(500));
    let started = Instant::now();
    let mut post_ms = Vec::new();
    for chunk in articles.chunks(100) {
        let clock = Instant::now();
        rt.block_on(queue.publish_articles(chunk)).expect("publish");
        post_ms.push(clock.elapsed().as_secs_f64() * 1e3);
    }
    let published = started.elapsed().as_secs_f64();
    loop {
        let d = rt.block_on(queue.depths()).expect("depths");
        if d.articles == 0 && d.rebuilds == 0 {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let elapsed = started.elapsed().as_secs_f64();
    let mut ingest_ms = Vec::new();
    let mut rebuild_ms = Vec::new();
    let mut conflicts = 0;
    let mut swept = 0;
    for (child, stats) in &mut children {
        Command::new("kill")
            .args(["-TERM", &child.id().to_string()])
            .status()
            .ok();
        child.wait().ok();
        let v: Value =
            serde_json::from_str(&std::fs::read_to_string(stats).expect("stats")).expect("json");
        let floats = |key: &str| -> Vec<f64> {
            v[key]
                .as_array()
                .map(|a| a.iter().filter_map(Value::as_f64).collect())
                .unwrap_or_default()
        };
        ingest_ms.extend(floats("ingest_latency_ms"));
        rebuild_ms.extend(floats("rebuild_latency_ms"));
        conflicts += v["conflicts"].as_u64().unwrap_or(0);
        swept += v["swept"].as_u64().unwrap_or(0);
    }
    let (part, stories, stale) = partition(&db);
    let (p, r, f) = bcubed(&part, &labels);
    let pct = |v: &[f64], x: f64| quantile(v, x).unwrap_or(f64::NAN);
    println!(
        "workers {workers}, batch {batch}: {} articles offered, {} stored, {stories} stories, {stale} stale briefs",
        articles.len(),
        part.len()
    );
    println!(
        "  published in {published:.1} s (post of 100: p50 {:.1} ms, p99 {:.1} ms); all ingested and briefs current after {elapsed:.1} s: {:.0} articles/s",
        pct(&post_ms, 0.5),
        pct(&post_ms, 0.99),
        articles.len() as f64 / elapsed
    );
    println!(
        "  publish -> in its story: p50 {:.0} ms, p99 {:.0} ms; rebuild request -> brief current: p50 {:.0} ms, p99 {:.0} ms; lost compare-and-sets {conflicts}; briefs made current by the idle sweep {swept}",
        pct(&ingest_ms, 0.5),
        pct(&ingest_ms, 0.99),
        pct(&rebuild_ms, 0.5),
        pct(&rebuild_ms, 0.99)
    );
    println!("  B-cubed P {p:.3} R {r:.3} F1 {f:.3}");
    if single {
        let one = dir.path().join("single.db");
        let clock = Instant::now();
        let status = Command::new(&binary)
            .args(["ingest", "--db"])
            .arg(&one)
            .arg(&data)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .expect("newsfuse ingest runs");
        let secs = clock.elapsed().as_secs_f64();
        let (part, stories, _) = partition(&one);
        let (p, r, f) = bcubed(&part, &labels);
        println!(
            "newsfuse ingest (one process, one batch, {status}): {} stored, {stories} stories in {secs:.1} s ({:.0} articles/s); B-cubed P {p:.3} R {r:.3} F1 {f:.3}",
            part.len(),
            articles.len() as f64 / secs
        );
    }
}
