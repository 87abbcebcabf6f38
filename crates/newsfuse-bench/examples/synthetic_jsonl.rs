//! Writes [`newsfuse_bench::synthetic_cluster`] clusters as cluster JSONL on stdout, one line per
//! size given, for timing the CLI on large clusters.
//!
//! ```text
//! cargo run --release -p newsfuse-bench --example synthetic_jsonl -- 1000 > synthetic-1000.jsonl
//! /usr/bin/time -v target/release/newsfuse brief --format json synthetic-1000.jsonl > /dev/null
//! ```
#![allow(clippy::print_stdout)]

fn main() {
    for arg in std::env::args().skip(1) {
        let n: usize = arg.parse().expect("a cluster size");
        let cluster = newsfuse_bench::synthetic_cluster(n);
        let documents: Vec<&str> = cluster.articles.iter().map(|a| a.text.as_str()).collect();
        let line = serde_json::json!({"id": cluster.id, "documents": documents});
        println!("{line}");
    }
}
