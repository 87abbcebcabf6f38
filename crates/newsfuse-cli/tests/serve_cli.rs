//! `newsfuse serve` as a process: a foreign store refused at start, SIGTERM, and `kill -9` while
//! clients post articles (every acknowledged article is in the store after a restart, none twice).

#[allow(dead_code)]
mod support;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use newsfuse_store::Store as _;
use serde_json::{Value, json};
use support::{TempDir, newsfuse};

/// A running `newsfuse serve`, killed (SIGKILL) when dropped.
struct Server {
    child: Child,
    addr: SocketAddr,
}

impl Server {
    fn start(db: &std::path::Path) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_newsfuse"))
            .args(["serve", "--listen", "127.0.0.1:0", "--db"])
            .arg(db)
            .env_remove("NEWSFUSE_TOKEN")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("newsfuse serve starts");
        let stderr = child.stderr.take().expect("stderr");
        let mut lines = BufReader::new(stderr).lines();
        let deadline = Instant::now() + Duration::from_mins(1);
        let addr = loop {
            assert!(Instant::now() < deadline, "no address announced");
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
        // Keep draining stderr so the server never blocks on it.
        std::thread::spawn(move || for _ in lines {});
        Server { child, addr }
    }

    fn kill_9(&mut self) {
        self.child.kill().expect("SIGKILL");
        self.child.wait().expect("reaped");
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.child.kill().ok();
        self.child.wait().ok();
    }
}

/// One request on a fresh connection; `None` when the connection fails (the server is gone).
fn request(addr: SocketAddr, method: &str, path: &str, body: &[u8]) -> Option<(u16, Vec<u8>)> {
    let mut stream = TcpStream::connect(addr).ok()?;
    stream.set_read_timeout(Some(Duration::from_mins(2))).ok()?;
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

fn json_of(body: &[u8]) -> Value {
    serde_json::from_slice(body).expect("a JSON answer")
}

fn crash_article(client: usize, n: usize) -> Value {
    let topic = ["harbour bridge", "library fire", "river flood"][n % 3];
    json!({
        "id": format!("crash-{client}-{n}"),
        "title": format!("Update {n} from desk {client} on the {topic}"),
        "text": format!(
            "Desk {client} filed update {n} on the {topic} in Kelmouth this morning. \
             Officials said crews worked through the night on the {topic}, report {client}-{n} added. \
             Residents were told to follow the council's notices for the {topic}."
        ),
        "source": format!("desk{client}"),
        "published": format!("2024-03-0{}T0{}:00:00Z", 1 + n % 5, n % 10),
    })
}

#[test]
fn kill_9_while_posting_loses_no_acknowledged_article() {
    let dir = TempDir::new("serve-crash");
    let db = dir.path().join("stories.db");
    let mut server = Server::start(&db);
    let addr = server.addr;
    let acknowledged: Arc<Mutex<Vec<(String, u64)>>> = Arc::new(Mutex::new(Vec::new()));
    let attempted: Arc<Mutex<Vec<Value>>> = Arc::new(Mutex::new(Vec::new()));
    let stop = Arc::new(AtomicBool::new(false));
    let clients: Vec<_> = (0..3)
        .map(|client| {
            let (acknowledged, attempted, stop) = (
                Arc::clone(&acknowledged),
                Arc::clone(&attempted),
                Arc::clone(&stop),
            );
            std::thread::spawn(move || {
                let mut n = 0;
                while !stop.load(Ordering::SeqCst) {
                    let batch: Vec<Value> = (n..n + 2).map(|i| crash_article(client, i)).collect();
                    n += 2;
                    attempted
                        .lock()
                        .expect("lock")
                        .extend(batch.iter().cloned());
                    let body = serde_json::to_vec(&batch).expect("json");
                    let Some((status, answer)) = request(addr, "POST", "/v1/articles", &body)
                    else {
                        break;
                    };
                    if (200..300).contains(&status) {
                        let answer = json_of(&answer);
                        for ack in answer["articles"].as_array().expect("articles") {
                            acknowledged.lock().expect("lock").push((
                                ack["id"].as_str().expect("an id").to_string(),
                                ack["key"].as_u64().expect("a key"),
                            ));
                        }
                    }
                }
            })
        })
        .collect();
    let deadline = Instant::now() + Duration::from_mins(2);
    while acknowledged.lock().expect("lock").len() < 12 {
        assert!(Instant::now() < deadline, "the clients got too few answers");
        std::thread::sleep(Duration::from_millis(20));
    }
    server.kill_9();
    stop.store(true, Ordering::SeqCst);
    for client in clients {
        client.join().expect("a client");
    }
    let acknowledged = acknowledged.lock().expect("lock").clone();
    let attempted = attempted.lock().expect("lock").clone();
    eprintln!(
        "killed with -9 after {} articles acknowledged, {} attempted",
        acknowledged.len(),
        attempted.len()
    );

    // The store opens again as it is (no repair step) and has every acknowledged article.
    let server = Server::start(&db);
    for (id, key) in &acknowledged {
        let (status, body) =
            request(server.addr, "GET", &format!("/v1/articles/{key}"), b"").expect("answer");
        assert_eq!(
            status, 200,
            "acknowledged article {id} (key {key}) is missing"
        );
        assert_eq!(json_of(&body)["id"], id.as_str());
    }
    // Everything attempted, posted again: acknowledged ones are recognised, and afterwards the
    // store holds each article exactly once.
    let body = serde_json::to_vec(&attempted).expect("json");
    let (status, answer) = request(server.addr, "POST", "/v1/articles", &body).expect("an answer");
    assert_eq!(status, 200);
    let answer = json_of(&answer);
    let acks = answer["articles"].as_array().expect("articles");
    assert_eq!(acks.len(), attempted.len());
    for (id, key) in &acknowledged {
        let ack = acks
            .iter()
            .find(|a| a["id"] == id.as_str())
            .expect("answered");
        assert_eq!(ack["status"], "duplicate", "{id}");
        assert_eq!(ack["key"].as_u64(), Some(*key), "{id}");
    }
    let (_, health) = request(server.addr, "GET", "/healthz", b"").expect("health");
    assert_eq!(
        json_of(&health)["articles"].as_u64(),
        Some(attempted.len() as u64),
        "each article once"
    );
}

#[test]
fn a_foreign_db_is_refused_at_start_with_a_clear_error() {
    let dir = TempDir::new("serve-foreign");
    dir.write(
        "notes.db",
        "my notes, not a database, long enough to be read",
    );
    newsfuse(
        &dir,
        &["serve", "--listen", "127.0.0.1:0", "--db", "notes.db"],
    )
    .run()
    .code(2)
    .stderr_has("not a newsfuse store");
    assert_eq!(
        dir.read("notes.db"),
        "my notes, not a database, long enough to be read"
    );
}

#[cfg(unix)]
#[test]
fn sigterm_stops_the_server_cleanly() {
    let dir = TempDir::new("serve-term");
    let db = dir.path().join("stories.db");
    let mut server = Server::start(&db);
    let (status, _) = request(
        server.addr,
        "POST",
        "/v1/articles",
        &serde_json::to_vec(&crash_article(0, 0)).expect("json"),
    )
    .expect("an answer");
    assert_eq!(status, 200);
    let pid = server.child.id().to_string();
    let killed = Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .expect("kill");
    assert!(killed.success());
    let deadline = Instant::now() + Duration::from_secs(30);
    let code = loop {
        if let Some(status) = server.child.try_wait().expect("wait") {
            break status;
        }
        assert!(Instant::now() < deadline, "still running after SIGTERM");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(code.success(), "{code:?}");
    let store = newsfuse_store::SqliteStore::open(&db).expect("reopens");
    assert_eq!(store.totals().expect("totals").articles, 1);
}
