//! A profiling loop: the default summarizer over the 10 WikiNews clusters, on one thread, for a
//! few seconds; prints the time per cluster. Meant to run under a profiler:
//!
//! ```text
//! cargo build --release -p newsfuse-bench --example profile
//! perf record -g target/release/examples/profile 5
//! perf report --no-children
//! ```

use std::time::{Duration, Instant};

use newsfuse::summary::{SummaryConfig, summarize};

fn main() {
    let seconds: f64 = std::env::args()
        .nth(1)
        .map_or(5.0, |a| a.parse().expect("seconds"));
    let clusters = newsfuse_bench::wikinews_clusters();
    let config = SummaryConfig::default();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("rayon pool");
    let deadline = Duration::from_secs_f64(seconds);
    let start = Instant::now();
    let mut done = 0usize;
    pool.install(|| {
        while start.elapsed() < deadline {
            for cluster in &clusters {
                std::hint::black_box(summarize(cluster, &config));
            }
            done += clusters.len();
        }
    });
    let per_cluster = start.elapsed().as_secs_f64() / done as f64;
    println!(
        "{done} clusters, {:.3} ms per cluster (1 thread)",
        per_cluster * 1e3
    );
}
