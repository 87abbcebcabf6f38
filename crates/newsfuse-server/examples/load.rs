//! Mixed load on loopback: a server in this process over a temp store, writer clients posting
//! batches of invented articles, reader clients fetching pages and API routes, for a given time.
//! Prints requests/s and p50/p99 latency per route, and fails (exit 1) on any 5xx answer, any
//! failed connection, or any acknowledged article missing from the store afterwards.
//!
//! ```text
//! cargo run --release -p newsfuse-server --example load -- [SECONDS] [WRITERS] [READERS]
//! ```

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

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

const PLACES: [&str; 8] = [
    "Kelmouth",
    "Oswin",
    "Pellham",
    "Varna",
    "Tarrow",
    "Lindqvist",
    "Harrowgate",
    "Brennan",
];
const EVENTS: [&str; 5] = [
    "bridge closure",
    "library fire",
    "river flood",
    "rail strike",
    "power outage",
];

/// An invented article: one of 40 events, told by one of several desks.
fn article(writer: usize, n: usize) -> Value {
    let event = (n * 7 + writer) % 40;
    let (place, what) = (PLACES[event % 8], EVENTS[event / 8]);
    json!({
        "id": format!("load-{writer}-{n}"),
        "url": format!("https://news.example/{writer}/{n}"),
        "title": format!("{place} {what}: update {n} from desk {writer}"),
        "text": format!(
            "The {what} in {place} entered another day on Monday, desk {writer} reported in update {n}. \
             Officials in {place} said crews were working on the {what} around the clock. \
             Residents of {place} were asked to follow council notices while the {what} lasted, \
             and {} volunteers joined the effort according to the council.",
            10 + (n % 50)
        ),
        "source": format!("desk{}", writer % 4),
        "published": format!("2024-03-{:02}T{:02}:00:00Z", 1 + (n % 20), n % 24),
    })
}

#[derive(Default)]
struct Route {
    latencies: Vec<f64>,
    errors_5xx: u64,
    other_errors: u64,
}

type Stats = Arc<Mutex<BTreeMap<&'static str, Route>>>;

fn record(stats: &Stats, route: &'static str, secs: f64, status: Option<u16>) {
    let mut stats = stats.lock().expect("stats");
    let entry = stats.entry(route).or_default();
    entry.latencies.push(secs);
    match status {
        Some(s) if s >= 500 => entry.errors_5xx += 1,
        Some(s) if s >= 400 && s != 404 => entry.other_errors += 1,
        None => entry.errors_5xx += 1,
        _ => {}
    }
}

fn quantile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((sorted.len() as f64) * q).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn main() {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .map(|a| a.parse().expect("numbers: SECONDS WRITERS READERS"))
        .collect();
    let secs = args.first().copied().unwrap_or(60);
    let writers = args.get(1).copied().unwrap_or(2);
    let readers = args.get(2).copied().unwrap_or(6);
    let dir = std::env::temp_dir().join(format!("newsfuse-load-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temp folder");
    let config = newsfuse_server::Config::new(dir.join("stories.db"));
    let state = newsfuse_server::AppState::open(config).expect("the store opens");
    let (addr_tx, addr_rx) = std::sync::mpsc::channel();
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let server = std::thread::spawn(move || {
        let runtime = tokio::runtime::Runtime::new().expect("a runtime");
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                .await
                .expect("bind");
            addr_tx.send(listener.local_addr().expect("addr")).ok();
            newsfuse_server::serve(listener, state, async {
                stop_rx.await.ok();
            })
            .await
            .expect("serve");
        });
    });
    let addr: SocketAddr = addr_rx.recv().expect("the address");
    let stats: Stats = Arc::default();
    let acknowledged: Arc<Mutex<Vec<(String, u64, u64)>>> = Arc::default();
    let stop = Arc::new(AtomicBool::new(false));
    let posted = Arc::new(AtomicU64::new(0));
    let start = Instant::now();
    let mut threads = Vec::new();
    for writer in 0..writers {
        let (stats, acknowledged, stop, posted) = (
            Arc::clone(&stats),
            Arc::clone(&acknowledged),
            Arc::clone(&stop),
            Arc::clone(&posted),
        );
        threads.push(std::thread::spawn(move || {
            let mut n = 0;
            while !stop.load(Ordering::Relaxed) {
                let batch: Vec<Value> = (n..n + 5).map(|i| article(writer, i)).collect();
                n += 5;
                let body = serde_json::to_vec(&batch).expect("json");
                let t = Instant::now();
                let reply = request(addr, "POST", "/v1/articles", &body);
                record(
                    &stats,
                    "POST /v1/articles",
                    t.elapsed().as_secs_f64(),
                    reply.as_ref().map(|r| r.0),
                );
                posted.fetch_add(5, Ordering::Relaxed);
                if let Some((200, body)) = reply {
                    let answer: Value = serde_json::from_slice(&body).expect("json");
                    let mut acked = acknowledged.lock().expect("acks");
                    for a in answer["articles"].as_array().expect("articles") {
                        acked.push((
                            a["id"].as_str().unwrap_or_default().to_string(),
                            a["key"].as_u64().unwrap_or(0),
                            a["story"].as_u64().unwrap_or(0),
                        ));
                    }
                }
            }
        }));
    }
    for reader in 0..readers {
        let (stats, acknowledged, stop) = (
            Arc::clone(&stats),
            Arc::clone(&acknowledged),
            Arc::clone(&stop),
        );
        threads.push(std::thread::spawn(move || {
            let mut i = reader;
            while !stop.load(Ordering::Relaxed) {
                i += 1;
                let known = {
                    let acked = acknowledged.lock().expect("acks");
                    (!acked.is_empty()).then(|| acked[i * 7919 % acked.len()].clone())
                };
                let (route, path): (&'static str, String) = match (i % 6, &known) {
                    (0, _) => ("GET /", "/".into()),
                    (1, _) => ("GET /v1/stories", "/v1/stories?limit=20".into()),
                    (2, Some((_, _, story))) => {
                        ("GET /v1/stories/{id}", format!("/v1/stories/{story}"))
                    }
                    (3, Some((_, _, story))) => ("GET /stories/{id}", format!("/stories/{story}")),
                    (4, Some((_, key, _))) => {
                        ("GET /v1/articles/{id}", format!("/v1/articles/{key}"))
                    }
                    _ => ("GET /healthz", "/healthz".into()),
                };
                let t = Instant::now();
                let reply = request(addr, "GET", &path, b"");
                record(&stats, route, t.elapsed().as_secs_f64(), reply.map(|r| r.0));
            }
        }));
    }
    std::thread::sleep(Duration::from_secs(secs as u64));
    stop.store(true, Ordering::Relaxed);
    for t in threads {
        t.join().expect("a client");
    }
    let elapsed = start.elapsed().as_secs_f64();

    // Every acknowledged article is in the store, once.
    let acked = acknowledged.lock().expect("acks").clone();
    let mut lost = 0;
    for (id, key, _) in &acked {
        match request(addr, "GET", &format!("/v1/articles/{key}"), b"") {
            Some((200, body)) => {
                let got: Value = serde_json::from_slice(&body).expect("json");
                if got["id"] != id.as_str() {
                    lost += 1;
                }
            }
            _ => lost += 1,
        }
    }
    let health: Value = request(addr, "GET", "/healthz", b"")
        .map(|(_, b)| serde_json::from_slice(&b).expect("json"))
        .expect("health");
    let distinct: std::collections::BTreeSet<&str> = acked.iter().map(|a| a.0.as_str()).collect();
    stop_tx.send(()).ok();
    server.join().expect("the server");
    std::fs::remove_dir_all(&dir).ok();

    println!(
        "{secs} s, {writers} writer clients (batches of 5 articles), {readers} reader clients, loopback\n"
    );
    println!("| route | requests | requests/s | p50 ms | p99 ms | 5xx or failed |");
    println!("|---|---:|---:|---:|---:|---:|");
    let mut total_5xx = 0;
    let mut total_other = 0;
    for (route, r) in stats.lock().expect("stats").iter_mut() {
        r.latencies.sort_by(f64::total_cmp);
        total_5xx += r.errors_5xx;
        total_other += r.other_errors;
        println!(
            "| `{route}` | {} | {:.1} | {:.1} | {:.1} | {} |",
            r.latencies.len(),
            r.latencies.len() as f64 / elapsed,
            quantile(&r.latencies, 0.5) * 1000.0,
            quantile(&r.latencies, 0.99) * 1000.0,
            r.errors_5xx
        );
    }
    println!(
        "\narticles posted {}, acknowledged {} ({} distinct), in the store {}, lost {lost}; 5xx or failed {total_5xx}; other 4xx {total_other}",
        posted.load(Ordering::Relaxed),
        acked.len(),
        distinct.len(),
        health["articles"]
    );
    let stored = health["articles"].as_u64().unwrap_or(0) as usize;
    if total_5xx > 0 || lost > 0 || total_other > 0 || stored != distinct.len() {
        eprintln!("load: FAILED");
        std::process::exit(1);
    }
}
