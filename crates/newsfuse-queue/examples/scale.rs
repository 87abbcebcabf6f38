//! The queue's scale run: a labelled article stream published to NATS in posts of 100 (as
//! `POST /v1/articles` would), ingested by N `newsfuse worker` processes into a fresh store (a
//! SQLite file, or with `--store postgres://…` a new schema of that database, dropped after),
//! timed until every article and every rebuild is done; then the clustering's B-cubed F1 against
//! the labels, the CPU each worker process (and, on a local PostgreSQL, each of their server
//! processes) spent, and optionally the same file through `newsfuse ingest` for comparison.
//!
//! ```sh
//! cargo build --release -p newsfuse-cli -p newsfuse-queue --examples
//! ./target/release/examples/scale ../shared/eval/multinews_val_stream.jsonl 2 256 [--single]
//! ./target/release/examples/scale ../shared/eval/multinews_val_stream.jsonl 2 256 \
//!     --store postgres://postgres@127.0.0.1:5432/test [--roles ingest,rebuild] [--head-storage lz4]
//! ```
//! NATS: `NEWSFUSE_TEST_NATS` or nats://127.0.0.1:4222. The binary: `NEWSFUSE_BIN` or
//! `target/release/newsfuse`. `--roles` gives each worker's `--role` (as many as WORKERS);
//! `--head-storage lz4|pglz|external` alters the run's `head.clusterer` column first (PostgreSQL
//! compresses it with `default_toast_compression`, pglz unless set).

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use newsfuse_queue::Queue;
use newsfuse_queue::testing::{StreamsGuard, test_nats, unique_prefix};
use newsfuse_queue::worker::quantile;
use newsfuse_store::{ArticleInput, article_from_json};
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

fn partition(store_url: &str) -> (HashMap<String, u64>, u64, usize) {
    let store = newsfuse_pg::open_store(store_url).expect("open");
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

/// User + system CPU seconds of a live process, from `/proc` (`None` where unreadable).
fn cpu_seconds(pid: u32) -> Option<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Fields after the command name (which may hold spaces) closing with ')'.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0) // USER_HZ, 100 on Linux
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
}

/// A new schema for the run in the PostgreSQL database at `base`, dropped on drop.
struct PgRun {
    admin: postgres::Client,
    base: String,
    schema: String,
}

impl PgRun {
    fn new(base: &str) -> Self {
        let mut admin = postgres::Client::connect(base, postgres::NoTls).expect("connect");
        let schema = format!("nf_scale_{}", std::process::id());
        admin
            .batch_execute(&format!(
                "DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}"
            ))
            .expect("create the schema");
        Self {
            admin,
            base: base.to_string(),
            schema,
        }
    }

    /// The store URL with the run's schema; `who` names the connections (`application_name`).
    fn url(&self, who: &str) -> String {
        let sep = if self.base.contains('?') { '&' } else { '?' };
        format!(
            "{}{sep}options=-csearch_path%3D{1}&application_name={1}_{who}",
            self.base, self.schema
        )
    }

    /// The server processes of the workers' connections, by worker name.
    fn backends(&mut self) -> Vec<(String, u32)> {
        self.admin
            .query(
                "SELECT application_name, pid FROM pg_stat_activity WHERE application_name LIKE $1",
                &[&format!("{}\\_%", self.schema)],
            )
            .expect("pg_stat_activity")
            .iter()
            .map(|r| (r.get::<_, String>(0), r.get::<_, i32>(1).unsigned_abs()))
            .collect()
    }

    /// How the head row's clusterer state is stored: `lz4` or `pglz` compression, or
    /// `external` (uncompressed, out of line).
    fn head_storage(&mut self, how: &str) {
        let change = match how {
            "external" => "SET STORAGE EXTERNAL",
            "lz4" => "SET COMPRESSION lz4",
            "pglz" => "SET COMPRESSION pglz",
            other => panic!("--head-storage {other}: lz4, pglz or external"),
        };
        self.admin
            .batch_execute(&format!(
                "ALTER TABLE {}.head ALTER COLUMN clusterer {change}",
                self.schema
            ))
            .expect("alter the head row's storage");
    }

    /// Articles stored and bytes of the clusterer state now.
    fn state_now(&mut self) -> (i64, i64) {
        let row = self
            .admin
            .query_one(
                &format!(
                    "SELECT (SELECT coalesce(max(key), 0) FROM {0}.articles),
                        (SELECT coalesce(octet_length(clusterer), 0)::int8 FROM {0}.head)",
                    self.schema
                ),
                &[],
            )
            .expect("state size");
        (row.get(0), row.get(1))
    }

    /// The server's write-ahead log position, in bytes.
    fn wal_bytes(&mut self) -> f64 {
        self.admin
            .query_one(
                "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::float8",
                &[],
            )
            .expect("wal position")
            .get(0)
    }

    /// Bytes of the clusterer state in the head row, and of the schema's tables and indexes.
    fn sizes(&mut self) -> (i64, i64) {
        let row = self
            .admin
            .query_one(
                &format!(
                    "SELECT (SELECT coalesce(octet_length(clusterer), 0)::int8 FROM {0}.head),
                        (SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0)::int8
                         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                         WHERE n.nspname = '{0}' AND c.relkind = 'r')",
                    self.schema
                ),
                &[],
            )
            .expect("sizes");
        (row.get(0), row.get(1))
    }
}

impl Drop for PgRun {
    fn drop(&mut self) {
        let sql = format!(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
             WHERE application_name LIKE '{0}\\_%';
             DROP SCHEMA IF EXISTS {0} CASCADE",
            self.schema
        );
        if let Err(e) = self.admin.batch_execute(&sql) {
            eprintln!("could not drop {}: {e}", self.schema);
        }
    }
}

/// The value after `--name`, if given.
fn option(args: &[String], name: &str) -> Option<String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 4 {
        eprintln!(
            "usage: scale DATA.jsonl WORKERS BATCH [--store postgres://…] [--roles R1,R2,…] [--head-storage lz4|pglz|external] [--single]"
        );
        std::process::exit(2);
    }
    let data = PathBuf::from(&args[1]);
    let workers: usize = args[2].parse().expect("WORKERS");
    let batch: usize = args[3].parse().expect("BATCH");
    let single = args.iter().any(|a| a == "--single");
    let roles: Vec<String> = option(&args, "--roles").map_or_else(
        || vec!["both".to_string(); workers],
        |r| r.split(',').map(str::to_string).collect(),
    );
    assert_eq!(roles.len(), workers, "--roles: one role per worker");
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
    let mut pg = option(&args, "--store").map(|base| PgRun::new(&base));
    let store_for = |who: &str| -> String {
        pg.as_ref().map_or_else(
            || dir.path().join("stories.db").display().to_string(),
            |pg| pg.url(who),
        )
    };
    let store_url = store_for("check");
    let worker_urls: Vec<String> = (0..workers).map(|k| store_for(&format!("w{k}"))).collect();
    let prefix = unique_prefix("scale");
    let _guard = StreamsGuard {
        url: url.clone(),
        prefix: prefix.clone(),
    };
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let queue = rt.block_on(Queue::connect(&url, &prefix)).expect("connect");
    drop(newsfuse_pg::open_store(&store_url).expect("create the store"));
    let head_storage = option(&args, "--head-storage");
    if let (Some(pg), Some(how)) = (pg.as_mut(), &head_storage) {
        pg.head_storage(how);
    }
    let mut children: Vec<(Child, PathBuf)> = (0..workers)
        .map(|k| {
            let stats = dir.path().join(format!("worker{k}.json"));
            let child = Command::new(&binary)
                .args(["worker", "--store", &worker_urls[k]])
                .args([
                    "--queue",
                    &url,
                    "--prefix",
                    &prefix,
                    "--batch",
                    &batch.to_string(),
                    "--role",
                    &roles[k],
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
    let load_before = load_average();
    let wal_before = pg.as_mut().map(PgRun::wal_bytes);
    let started = Instant::now();
    let mut post_ms = Vec::new();
    for chunk in articles.chunks(100) {
        let clock = Instant::now();
        rt.block_on(queue.publish_articles(chunk)).expect("publish");
        post_ms.push(clock.elapsed().as_secs_f64() * 1e3);
    }
    let published = started.elapsed().as_secs_f64();
    // The server processes of the workers' connections, seen while they run (a worker's store
    // connection is reopened after an error, so more than one may turn up per worker).
    let mut backends: HashMap<u32, (String, f64)> = HashMap::new();
    let watch_backends = |pg: &mut Option<PgRun>, backends: &mut HashMap<u32, (String, f64)>| {
        if let Some(pg) = pg.as_mut() {
            for (name, pid) in pg.backends() {
                if let Some(cpu) = cpu_seconds(pid) {
                    backends.insert(pid, (name, cpu));
                }
            }
        }
    };
    // The clusterer state's size as the store fills, at each further tenth of the stream.
    let mut growth: Vec<(i64, i64)> = Vec::new();
    loop {
        watch_backends(&mut pg, &mut backends);
        if let Some(pg) = pg.as_mut() {
            let (stored, state) = pg.state_now();
            let tenth = i64::try_from(articles.len() / 10)
                .unwrap_or(i64::MAX)
                .max(1);
            if stored / tenth > growth.last().map_or(0, |g| g.0 / tenth) {
                growth.push((stored, state));
            }
        }
        let d = rt.block_on(queue.depths()).expect("depths");
        if d.articles == 0 && d.rebuilds == 0 {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let elapsed = started.elapsed().as_secs_f64();
    watch_backends(&mut pg, &mut backends);
    let load_after = load_average();
    let wal = pg
        .as_mut()
        .zip(wal_before)
        .map(|(pg, before)| pg.wal_bytes() - before);
    let mut ingest_ms = Vec::new();
    let mut rebuild_ms = Vec::new();
    let mut conflicts = 0;
    let mut swept = 0;
    let mut batches = 0;
    let mut cpu_by_role: HashMap<String, f64> = HashMap::new();
    for (k, (child, stats)) in children.iter_mut().enumerate() {
        let cpu = cpu_seconds(child.id()).unwrap_or(f64::NAN);
        *cpu_by_role.entry(roles[k].clone()).or_default() += cpu;
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
        batches += v["batches"].as_u64().unwrap_or(0);
    }
    let (part, stories, stale) = partition(&store_url);
    let (p, r, f) = bcubed(&part, &labels);
    let pct = |v: &[f64], x: f64| quantile(v, x).unwrap_or(f64::NAN);
    let offered = articles.len() as f64;
    println!(
        "workers {workers} ({}), batch {batch}, store {}: {} articles offered, {} stored, {stories} stories, {stale} stale briefs",
        roles.join(","),
        match (&pg, &head_storage) {
            (None, _) => "SQLite".to_string(),
            (Some(_), None) => "PostgreSQL".to_string(),
            (Some(_), Some(how)) => format!("PostgreSQL, clusterer state {how}"),
        },
        articles.len(),
        part.len()
    );
    println!(
        "  published in {published:.1} s (post of 100: p50 {:.1} ms, p99 {:.1} ms); all ingested and briefs current after {elapsed:.1} s: {:.0} articles/s",
        pct(&post_ms, 0.5),
        pct(&post_ms, 0.99),
        offered / elapsed
    );
    println!(
        "  publish -> in its story: p50 {:.0} ms, p99 {:.0} ms; rebuild request -> brief current: p50 {:.0} ms, p99 {:.0} ms; lost compare-and-sets {conflicts}; batches committed {batches}; briefs made current by the idle sweep {swept}",
        pct(&ingest_ms, 0.5),
        pct(&ingest_ms, 0.99),
        pct(&rebuild_ms, 0.5),
        pct(&rebuild_ms, 0.99)
    );
    println!("  B-cubed P {p:.3} R {r:.3} F1 {f:.3}");
    let mut roles_cpu: Vec<_> = cpu_by_role.into_iter().collect();
    roles_cpu.sort_by(|a, b| a.0.cmp(&b.0));
    let mut line = format!("  load average {load_before} before, {load_after} after; worker CPU");
    for (role, cpu) in &roles_cpu {
        let _ = write!(
            line,
            " {role} {cpu:.1} s ({:.2} ms/article)",
            cpu * 1e3 / offered
        );
    }
    println!("{line}");
    if let Some(pg) = pg.as_mut() {
        let mut by_worker: HashMap<String, f64> = HashMap::new();
        for (name, cpu) in backends.values() {
            *by_worker.entry(name.clone()).or_default() += cpu;
        }
        let server: f64 = by_worker.values().sum();
        let mut line = format!(
            "  PostgreSQL: server CPU of the workers' connections {server:.1} s ({:.2} ms/article; last reading of each, so a floor)",
            server * 1e3 / offered
        );
        let mut names: Vec<_> = by_worker.into_iter().collect();
        names.sort_by(|a, b| a.0.cmp(&b.0));
        for (name, cpu) in names {
            let k: usize = name
                .rsplit('w')
                .next()
                .and_then(|k| k.parse().ok())
                .unwrap_or(0);
            let _ = write!(
                line,
                "; {} {cpu:.1} s",
                roles.get(k).map_or("?", String::as_str)
            );
        }
        println!("{line}");
        let (state, tables) = pg.sizes();
        let wal = wal.unwrap_or(f64::NAN);
        println!(
            "  write-ahead log {:.0} MB ({:.1} MB/s, {:.1} kB/article; the whole server's, other clients included); clusterer state {:.1} MB; tables and indexes {:.0} MB",
            wal / 1e6,
            wal / 1e6 / elapsed,
            wal / 1e3 / offered,
            state as f64 / 1e6,
            tables as f64 / 1e6
        );
        let growth: Vec<String> = growth
            .iter()
            .map(|(stored, state)| format!("{stored}: {:.1} MB", *state as f64 / 1e6))
            .collect();
        println!(
            "  clusterer state by articles stored: {}",
            growth.join(", ")
        );
    }
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
        let (part, stories, _) = partition(&one.display().to_string());
        let (p, r, f) = bcubed(&part, &labels);
        println!(
            "newsfuse ingest (one process, one batch, {status}): {} stored, {stories} stories in {secs:.1} s ({:.0} articles/s); B-cubed P {p:.3} R {r:.3} F1 {f:.3}",
            part.len(),
            offered / secs
        );
    }
}
