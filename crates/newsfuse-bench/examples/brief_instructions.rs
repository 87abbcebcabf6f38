//! A warm pass of summary and brief for instruction counts, the way `brief_cost` times them.
//!
//! ```text
//! cargo build --release -p newsfuse-bench --example brief_instructions
//! valgrind --tool=callgrind --collect-atstart=no --toggle-collect='*measured_pass*' \
//!     target/release/examples/brief_instructions FILE
//! callgrind_annotate --inclusive=yes callgrind.out.PID | grep -E 'measured_|prepare|summarize_prepared|brief::'
//! ```
//!
//! Reads `FILE` as `newsfuse` does (`read_inputs`, mimalloc), runs every cluster once (compiling
//! the regular expressions, warming the caches), then once more inside `measured_pass`:
//! `measured_summary` (`prepare` + `summarize_prepared`) and `measured_brief`
//! (`build_brief_summarized` on the same `Prepared`). Everything runs on one thread of a rayon
//! pool of its own, so that callgrind's per-thread collection sees all of the second pass.
#![allow(clippy::print_stdout)]

use std::path::PathBuf;

use newsfuse::brief::{Brief, build_brief_summarized};
use newsfuse::model::Cluster;
use newsfuse::summary::{Prepared, Summary, SummaryConfig, prepare, summarize_prepared};

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    // Several files (or one file named again) make a longer pass, for sampling profilers.
    let paths: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    assert!(!paths.is_empty(), "usage: brief_instructions FILE...");
    let ingested = newsfuse::read_inputs(&paths);
    let clusters: Vec<Cluster> = ingested.clusters.into_iter().flatten().collect();
    let config = SummaryConfig::default();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("a one-thread pool");
    pool.install(|| {
        for cluster in &clusters {
            let (prepared, summary) = measured_summary(cluster, &config);
            std::hint::black_box(measured_brief(cluster, &prepared, &summary));
        }
        measured_pass(&clusters, &config);
    });
    println!("{} clusters", clusters.len());
}

#[inline(never)]
fn measured_pass(clusters: &[Cluster], config: &SummaryConfig) {
    for cluster in clusters {
        let (prepared, summary) = measured_summary(cluster, config);
        std::hint::black_box(measured_brief(cluster, &prepared, &summary));
    }
}

#[inline(never)]
fn measured_summary(cluster: &Cluster, config: &SummaryConfig) -> (Prepared, Summary) {
    let prepared = prepare(cluster, &config.analyze);
    let summary = summarize_prepared(cluster, &prepared, config);
    (prepared, summary)
}

#[inline(never)]
fn measured_brief(cluster: &Cluster, prepared: &Prepared, summary: &Summary) -> Brief {
    build_brief_summarized(cluster, prepared, summary)
}
