//! `newsfuse worker` and `newsfuse serve --queue` as processes against a real NATS server
//! (127.0.0.1:4222, or `NEWSFUSE_TEST_NATS`): a worker killed with SIGKILL in the middle of the
//! stream, another taking over; posts answered 202 only once JetStream has them, 503 when NATS is
//! gone. Without a NATS server the tests say how to start one and pass.

#[allow(dead_code)]
mod support;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use newsfuse_queue::Queue;
use newsfuse_queue::testing::{
    StreamsGuard, assert_each_in_one_story, event_article, test_nats, unique_prefix,
};
use newsfuse_store::{ArticleInput, SqliteStore, Store};
use serde_json::Value;
use support::TempDir;

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Runtime::new().expect("a runtime")
}

/// A child process, killed (SIGKILL) when dropped.
struct Proc(Child);

impl Proc {
    /// Waits for the exit; its success and what it printed.
    fn finish(&mut self) -> (bool, Vec<u8>) {
        let mut out = Vec::new();
        if let Some(mut stdout) = self.0.stdout.take() {
            stdout.read_to_end(&mut out).ok();
        }
        let ok = self.0.wait().is_ok_and(|s| s.success());
        (ok, out)
    }
}

impl Drop for Proc {
    fn drop(&mut self) {
        self.0.kill().ok();
        self.0.wait().ok();
    }
}

fn worker(db: &Path, url: &str, prefix: &str, extra: &[&str]) -> Proc {
    Proc(
        Command::new(env!("CARGO_BIN_EXE_newsfuse"))
            .args(["worker", "--store"])
            .arg(db)
            .args(["--queue", url, "--prefix", prefix])
            .args(extra)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("newsfuse worker starts"),
    )
}

fn stored(db: &Path) -> u64 {
    SqliteStore::open(db)
        .ok()
        .and_then(|s| s.totals().ok())
        .map_or(0, |t| t.articles)
}

#[test]
fn a_worker_killed_mid_stream_loses_and_doubles_nothing() {
    let Some(url) = test_nats() else {
        return;
    };
    let prefix = unique_prefix("kill");
    let _guard = StreamsGuard {
        url: url.clone(),
        prefix: prefix.clone(),
    };
    let rt = runtime();
    let queue = rt.block_on(Queue::connect(&url, &prefix)).expect("connect");
    let articles: Vec<ArticleInput> = (0..600).map(|n| event_article(n % 6, n)).collect();
    rt.block_on(queue.publish_articles(&articles))
        .expect("publish");
    let dir = TempDir::new("worker-kill");
    let db = dir.path().join("stories.db");
    let mut first = worker(&db, &url, &prefix, &["--batch", "10", "--ack-wait", "2"]);
    let deadline = Instant::now() + Duration::from_mins(1);
    while stored(&db) < 10 {
        assert!(Instant::now() < deadline, "the first worker stored nothing");
        std::thread::sleep(Duration::from_millis(5));
    }
    first.0.kill().expect("SIGKILL");
    first.0.wait().expect("reaped");
    let at_kill = stored(&db);
    let depths = rt.block_on(queue.depths()).expect("depths");
    assert!(
        depths.articles > 0,
        "the worker finished before it was killed; the test proves nothing"
    );
    eprintln!(
        "killed with {at_kill} stored, {} articles left",
        depths.articles
    );
    let (ok, out) = worker(&db, &url, &prefix, &["--batch", "10", "--idle-exit", "4"]).finish();
    assert!(ok, "the second worker failed");
    let summary: Value = serde_json::from_slice(&out).expect("the second worker prints its counts");
    eprintln!("second worker: {summary}");
    let store = SqliteStore::open(&db).expect("open");
    assert_each_in_one_story(&store, &articles);
    assert_eq!(store.totals().expect("totals").stories, 6);
    let depths = rt.block_on(queue.depths()).expect("depths");
    assert_eq!((depths.articles, depths.rebuilds, depths.dead), (0, 0, 0));
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr")
        .port()
}

/// One request on a fresh connection; `None` when the connection fails.
fn request(addr: SocketAddr, method: &str, path: &str, body: &[u8]) -> Option<(u16, Vec<u8>)> {
    let mut stream = TcpStream::connect(addr).ok()?;
    stream.set_read_timeout(Some(Duration::from_mins(1))).ok()?;
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).ok()?;
    stream.write_all(body).ok()?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).ok()?;
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n")?;
    let status = String::from_utf8_lossy(&raw[..split])
        .split(' ')
        .nth(1)?
        .parse()
        .ok()?;
    Some((status, raw[split + 4..].to_vec()))
}

fn jsonl(articles: &[ArticleInput]) -> Vec<u8> {
    let mut out = Vec::new();
    for a in articles {
        out.extend_from_slice(&newsfuse_queue::article_body(a));
        out.push(b'\n');
    }
    out
}

#[test]
fn serve_with_a_queue_answers_202_once_jetstream_has_the_articles_and_503_without_it() {
    if test_nats().is_none() {
        return;
    }
    let nats_binary = Path::new("/usr/sbin/nats-server");
    if !nats_binary.exists() {
        eprintln!("skipped: no /usr/sbin/nats-server (Debian: apt install nats-server)");
        return;
    }
    // A NATS server of this test's own: it is stopped half-way.
    let dir = TempDir::new("serve-queue");
    let port = free_port();
    let mut nats = Proc(
        Command::new(nats_binary)
            .args(["-a", "127.0.0.1", "-p", &port.to_string(), "-js", "-sd"])
            .arg(dir.path().join("jetstream"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("nats-server starts"),
    );
    let started = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "nats-server did not listen"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let url = format!("nats://127.0.0.1:{port}");
    let db = dir.path().join("stories.db");
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsfuse"))
        .args([
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--queue",
            &url,
            "--queue-prefix",
            "q",
        ])
        .arg("--db")
        .arg(&db)
        .env_remove("NEWSFUSE_TOKEN")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("newsfuse serve starts");
    let mut lines = BufReader::new(child.stderr.take().expect("stderr")).lines();
    let server = Proc(child);
    let addr: SocketAddr = loop {
        let line = lines
            .next()
            .expect("the server says where it listens")
            .expect("stderr");
        if let Some(rest) = line.split("http://").nth(1) {
            break rest
                .split('/')
                .next()
                .expect("addr")
                .parse()
                .expect("an address");
        }
    };
    std::thread::spawn(move || for _ in lines {});

    let articles: Vec<ArticleInput> = (0..6).map(|n| event_article(n % 2, n)).collect();
    let (status, body) = request(addr, "POST", "/v1/articles", &jsonl(&articles)).expect("answer");
    let answer: Value = serde_json::from_slice(&body).expect("json");
    assert_eq!(status, 202, "{answer}");
    assert_eq!(
        (answer["queued"].as_u64(), answer["duplicates"].as_u64()),
        (Some(6), Some(0))
    );
    // A retried post is dropped by the message ids.
    let (status, body) =
        request(addr, "POST", "/v1/articles", &jsonl(&articles[..2])).expect("answer");
    let answer: Value = serde_json::from_slice(&body).expect("json");
    assert_eq!(
        (status, answer["duplicates"].as_u64()),
        (202, Some(2)),
        "{answer}"
    );
    // Nothing is in the store until a worker ingests it.
    let (status, body) = request(addr, "GET", "/v1/stories", b"").expect("answer");
    assert_eq!(status, 200);
    let listed: Value = serde_json::from_slice(&body).expect("json");
    assert_eq!(
        listed["stories"].as_array().map(Vec::len),
        Some(0),
        "{listed}"
    );

    let (ok, _) = worker(&db, &url, "q", &["--idle-exit", "2"]).finish();
    assert!(ok, "the worker failed");
    let store = SqliteStore::open(&db).expect("open");
    assert_each_in_one_story(&store, &articles);
    let (status, body) = request(addr, "GET", "/v1/stories", b"").expect("answer");
    let listed: Value = serde_json::from_slice(&body).expect("json");
    assert_eq!(
        (status, listed["stories"].as_array().map(Vec::len)),
        (200, Some(2)),
        "{listed}"
    );

    // NATS gone: the post is refused with the reason, not answered as accepted.
    nats.0.kill().expect("SIGKILL");
    nats.0.wait().expect("reaped");
    let (status, body) = request(
        addr,
        "POST",
        "/v1/articles",
        &jsonl(&[event_article(3, 50)]),
    )
    .expect("answer");
    let answer: Value = serde_json::from_slice(&body).expect("json");
    assert_eq!(status, 503, "{answer}");
    assert!(
        answer["error"]
            .as_str()
            .unwrap_or_default()
            .contains("queue"),
        "{answer}"
    );
    drop(server);
}
