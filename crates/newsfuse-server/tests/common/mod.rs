//! A server on a random loopback port over a temp SQLite file, and a small HTTP/1.1 client.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::PathBuf;
use std::thread::JoinHandle;
use std::time::Duration;

use newsfuse_server::{AppState, Config};
use serde_json::Value;

pub struct TestServer {
    pub addr: SocketAddr,
    pub dir: PathBuf,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl TestServer {
    pub fn start(configure: impl FnOnce(&mut Config)) -> Self {
        let dir = tempfile::tempdir().expect("a temp dir").keep();
        Self::start_in(dir, configure)
    }

    pub fn start_in(dir: PathBuf, configure: impl FnOnce(&mut Config)) -> Self {
        let mut config = Config::new(dir.join("stories.db"));
        configure(&mut config);
        let state = AppState::open(config).expect("the store opens");
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let (addr_tx, addr_rx) = std::sync::mpsc::channel();
        let thread = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .expect("a runtime");
            runtime.block_on(async move {
                let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                    .await
                    .expect("bind");
                addr_tx
                    .send(listener.local_addr().expect("addr"))
                    .expect("send");
                newsfuse_server::serve(listener, state, async {
                    rx.await.ok();
                })
                .await
                .expect("serve");
            });
        });
        let addr = addr_rx.recv().expect("the server's address");
        Self {
            addr,
            dir,
            shutdown: Some(tx),
            thread: Some(thread),
        }
    }

    pub fn db(&self) -> PathBuf {
        self.dir.join("stories.db")
    }

    /// Asks the server to stop and waits until it has (requests in flight are finished).
    pub fn stop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            tx.send(()).ok();
        }
        if let Some(thread) = self.thread.take() {
            thread.join().expect("the server thread ends cleanly");
        }
    }

    pub fn get(&self, path: &str) -> Reply {
        request(self.addr, "GET", path, &[], b"")
    }

    pub fn post(&self, path: &str, body: &[u8]) -> Reply {
        request(self.addr, "POST", path, &[], body)
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.stop();
        std::fs::remove_dir_all(&self.dir).ok();
    }
}

#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// One request on a fresh connection (`Connection: close`).
pub fn request(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Reply {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_mins(5)))
        .expect("timeout");
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (name, value) in headers {
        head.push_str(name);
        head.push_str(": ");
        head.push_str(value);
        head.push_str("\r\n");
    }
    head.push_str("\r\n");
    // The server may answer (413) before reading the whole body: a failed write is not an error.
    let _ = stream
        .write_all(head.as_bytes())
        .and_then(|()| stream.write_all(body));
    let mut raw = Vec::new();
    let mut buf = vec![0u8; 65536];
    loop {
        match stream.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => raw.extend_from_slice(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset && !raw.is_empty() => break,
            Err(e) => panic!("reading the answer to {method} {path}: {e}"),
        }
    }
    parse_reply(&raw)
}

fn parse_reply(raw: &[u8]) -> Reply {
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a complete answer head");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.split("\r\n");
    let status_line = lines.next().expect("a status line");
    let status: u16 = status_line
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("a status code");
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    let mut body = raw[split + 4..].to_vec();
    let chunked = headers.iter().any(|(k, v)| {
        k.eq_ignore_ascii_case("transfer-encoding") && v.eq_ignore_ascii_case("chunked")
    });
    if chunked {
        body = dechunk(&body);
    }
    Reply {
        status,
        headers,
        body,
    }
}

fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(end) = data.windows(2).position(|w| w == b"\r\n") {
        let size_text = String::from_utf8_lossy(&data[..end]);
        let size = usize::from_str_radix(size_text.split(';').next().unwrap_or("0").trim(), 16)
            .unwrap_or(0);
        if size == 0 {
            break;
        }
        let start = end + 2;
        out.extend_from_slice(&data[start..start + size]);
        data = &data[start + size + 2..];
    }
    out
}

/// Invented articles about two events: a bridge closure (topic 0) and a library fire (topic 1).
pub fn article(n: usize, topic: usize, day: u32) -> Value {
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
    serde_json::json!({
        "id": format!("art-{n}"),
        "url": format!("https://news.example/{n}"),
        "title": title,
        "text": text,
        "source": format!("outlet{}", n % 3),
        "published": format!("2024-03-{day:02}T10:00:00Z"),
    })
}

/// Markup an article must never get into a page unescaped.
pub const XSS_SCRIPT: &str = "<script>alert(1)</script>";
pub const XSS_IMG: &str = "\"><img src=x onerror=alert(1)>";

/// A bridge article whose title and text carry markup, and whose URL is a `javascript:` one.
pub fn hostile_article(n: usize) -> Value {
    serde_json::json!({
        "id": format!("hostile-{n}"),
        "url": "javascript:alert(1)",
        "title": format!("Kelmouth harbour bridge closed {XSS_SCRIPT} report {n}"),
        "text": format!(
            "The harbour bridge in Kelmouth stayed closed on Tuesday after a crane struck its northern span {XSS_IMG}. \
             Engineers from the Kelmouth port authority said {XSS_SCRIPT} the cracked girders would be replaced. \
             Ferry operators added crossings while the bridge remained shut to traffic, officials said."
        ),
        "source": "hostile.example",
        "published": "2024-03-02T12:00:00Z",
    })
}

pub fn jsonl(items: &[Value]) -> Vec<u8> {
    let mut out = String::new();
    for item in items {
        out.push_str(&item.to_string());
        out.push('\n');
    }
    out.into_bytes()
}
