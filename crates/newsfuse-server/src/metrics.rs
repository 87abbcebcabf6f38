//! Request counts and latencies per route, ingest counters, written in the Prometheus text
//! format.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::{Mutex, PoisonError};
use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::middleware::Next;
use axum::response::Response;
use newsfuse_store::StoreTotals;

use crate::state::AppState;

/// Upper bounds (seconds) of the latency histograms' buckets.
const BUCKETS: &[f64] = &[
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0,
];

#[derive(Default, Clone)]
struct Histogram {
    counts: Vec<u64>,
    sum: f64,
    count: u64,
}

impl Histogram {
    fn observe(&mut self, secs: f64) {
        if self.counts.is_empty() {
            self.counts = vec![0; BUCKETS.len()];
        }
        for (bound, count) in BUCKETS.iter().zip(&mut self.counts) {
            if secs <= *bound {
                *count += 1;
            }
        }
        self.sum += secs;
        self.count += 1;
    }

    fn write(&self, out: &mut String, name: &str, labels: &str) {
        let sep = if labels.is_empty() { "" } else { "," };
        for (i, bound) in BUCKETS.iter().enumerate() {
            let n = self.counts.get(i).copied().unwrap_or(0);
            let _ = writeln!(out, "{name}_bucket{{{labels}{sep}le=\"{bound}\"}} {n}");
        }
        let _ = writeln!(
            out,
            "{name}_bucket{{{labels}{sep}le=\"+Inf\"}} {}",
            self.count
        );
        let braces = if labels.is_empty() {
            String::new()
        } else {
            format!("{{{labels}}}")
        };
        let _ = writeln!(out, "{name}_sum{braces} {}", self.sum);
        let _ = writeln!(out, "{name}_count{braces} {}", self.count);
    }
}

#[derive(Default)]
struct Counters {
    requests: BTreeMap<(String, String, u16), u64>,
    latency: BTreeMap<String, Histogram>,
    received: u64,
    stored: u64,
    duplicates: u64,
    malformed: u64,
    ingest_lag: Histogram,
}

/// The server's own figures (the store's are read at scrape time).
#[derive(Default)]
pub struct Metrics(Mutex<Counters>);

impl Metrics {
    fn with<T>(&self, f: impl FnOnce(&mut Counters) -> T) -> T {
        f(&mut self.0.lock().unwrap_or_else(PoisonError::into_inner))
    }

    /// One ingest request's articles: received, stored, seen before, malformed, and the seconds
    /// from the request's arrival to its commit.
    pub fn ingested(
        &self,
        received: u64,
        stored: u64,
        duplicates: u64,
        malformed: u64,
        lag_secs: f64,
    ) {
        self.with(|c| {
            c.received += received;
            c.stored += stored;
            c.duplicates += duplicates;
            c.malformed += malformed;
            c.ingest_lag.observe(lag_secs);
        });
    }

    /// The Prometheus text exposition.
    pub fn render(&self, totals: Option<StoreTotals>, now: i64, uptime: f64) -> String {
        let mut out = String::new();
        self.with(|c| {
            out.push_str(
                "# HELP newsfuse_http_requests_total HTTP requests answered, by route, method and status.\n\
                 # TYPE newsfuse_http_requests_total counter\n",
            );
            for ((route, method, status), n) in &c.requests {
                let _ = writeln!(
                    out,
                    "newsfuse_http_requests_total{{route=\"{}\",method=\"{}\",status=\"{status}\"}} {n}",
                    label(route),
                    label(method)
                );
            }
            out.push_str(
                "# HELP newsfuse_http_request_duration_seconds Time to answer a request, by route.\n\
                 # TYPE newsfuse_http_request_duration_seconds histogram\n",
            );
            for (route, histogram) in &c.latency {
                histogram.write(
                    &mut out,
                    "newsfuse_http_request_duration_seconds",
                    &format!("route=\"{}\"", label(route)),
                );
            }
            for (name, help, value) in [
                (
                    "newsfuse_ingest_articles_received_total",
                    "Articles received by POST /v1/articles.",
                    c.received,
                ),
                (
                    "newsfuse_ingest_articles_stored_total",
                    "Articles stored (new).",
                    c.stored,
                ),
                (
                    "newsfuse_ingest_articles_duplicate_total",
                    "Articles recognised as seen before.",
                    c.duplicates,
                ),
                (
                    "newsfuse_ingest_items_malformed_total",
                    "Items refused as malformed.",
                    c.malformed,
                ),
            ] {
                let _ = writeln!(
                    out,
                    "# HELP {name} {help}\n# TYPE {name} counter\n{name} {value}"
                );
            }
            out.push_str(
                "# HELP newsfuse_ingest_lag_seconds Time from an ingest request's arrival to its commit.\n\
                 # TYPE newsfuse_ingest_lag_seconds histogram\n",
            );
            c.ingest_lag
                .write(&mut out, "newsfuse_ingest_lag_seconds", "");
        });
        if let Some(t) = totals {
            let age = t.last_batch_started.map_or(-1, |s| now.saturating_sub(s));
            for (name, help, value) in [
                (
                    "newsfuse_store_articles",
                    "Articles in the store.",
                    i64::try_from(t.articles).unwrap_or(i64::MAX),
                ),
                (
                    "newsfuse_store_stories",
                    "Stories in the store.",
                    i64::try_from(t.stories).unwrap_or(i64::MAX),
                ),
                (
                    "newsfuse_store_batches",
                    "Ingest batches committed.",
                    i64::try_from(t.batch).unwrap_or(i64::MAX),
                ),
                (
                    "newsfuse_store_last_batch_age_seconds",
                    "Seconds since the last batch started (-1: none yet).",
                    age,
                ),
            ] {
                let _ = writeln!(
                    out,
                    "# HELP {name} {help}\n# TYPE {name} gauge\n{name} {value}"
                );
            }
        }
        let _ = writeln!(
            out,
            "# HELP newsfuse_uptime_seconds Seconds since the server started.\n\
             # TYPE newsfuse_uptime_seconds gauge\nnewsfuse_uptime_seconds {uptime}"
        );
        out
    }
}

fn label(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

/// Middleware: counts each request and its latency under its route pattern.
pub async fn track(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "unmatched".to_string(), |m| m.as_str().to_string());
    let method = request.method().as_str().to_string();
    let start = Instant::now();
    let response = next.run(request).await;
    let secs = start.elapsed().as_secs_f64();
    let status = response.status().as_u16();
    state.metrics().with(|c| {
        *c.requests
            .entry((route.clone(), method, status))
            .or_default() += 1;
        c.latency.entry(route).or_default().observe(secs);
    });
    response
}
