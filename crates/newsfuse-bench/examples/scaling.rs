//! Scaling: the default summarizer on synthetic clusters of 10, 100 and 1,000 articles, on one
//! thread, then every selection algorithm at 1,000 articles.
//!
//! ```text
//! cargo run --release -p newsfuse-bench --example scaling [-- SIZE ...]
//! ```
//!
//! Clusters come from [`newsfuse_bench::synthetic_cluster`] (WikiNews articles, perturbed copies
//! beyond the first hundred). Times are the fastest of a few runs, on a one-thread rayon pool.

use std::time::{Duration, Instant};

use newsfuse::analyze::analyze;
use newsfuse::clean::clean;
use newsfuse::model::Cluster;
use newsfuse::segment::segment;
use newsfuse::select::{Algorithm, SelectConfig, select};
use newsfuse::summary::{SummaryConfig, prepare, summarize, summarize_prepared};

fn main() {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .map(|a| a.parse().expect("a cluster size"))
        .collect();
    let sizes = if sizes.is_empty() {
        vec![10, 100, 1000]
    } else {
        sizes
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("rayon pool");
    pool.install(|| run(&sizes));
}

fn run(sizes: &[usize]) {
    let config = SummaryConfig::default();
    println!("default summarizer (coverage, 250 words), 1 thread; fastest of N runs");
    println!(
        "| articles | words | seconds | µs/word | prepare s | select+order+support s | runs |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|");
    let mut largest = None;
    for &n in sizes {
        let cluster = newsfuse_bench::synthetic_cluster(n);
        let words = newsfuse_bench::input_words(std::slice::from_ref(&cluster));
        let runs = (2000 / n).clamp(3, 50);
        let total = fastest(runs, || {
            std::hint::black_box(summarize(&cluster, &config));
        });
        let prepare_time = fastest(runs, || {
            std::hint::black_box(prepare(&cluster, &config.analyze));
        });
        let prepared = prepare(&cluster, &config.analyze);
        let rest = fastest(runs, || {
            std::hint::black_box(summarize_prepared(&cluster, &prepared, &config));
        });
        println!(
            "| {n} | {words} | {:.4} | {:.3} | {:.4} | {:.4} | {runs} |",
            total.as_secs_f64(),
            total.as_secs_f64() * 1e6 / words as f64,
            prepare_time.as_secs_f64(),
            rest.as_secs_f64(),
        );
        if largest
            .as_ref()
            .is_none_or(|c: &Cluster| c.articles.len() < n)
        {
            largest = Some(cluster);
        }
    }
    println!();
    println!(
        "stage breakdown, default config, 1 thread; fastest of N runs, seconds (share of the sum)"
    );
    println!("| articles | clean | segment | analyze | select | order+support+assemble |");
    println!("|---:|---:|---:|---:|---:|---:|");
    for &n in sizes {
        stage_row(&newsfuse_bench::synthetic_cluster(n), &config);
    }
    wikinews_algorithms();
    let Some(cluster) = largest else { return };
    let prepared = prepare(&cluster, &config.analyze);
    println!();
    println!(
        "every algorithm at {} articles ({} sentences), 250 words, 1 thread; selection only (prepare excluded), one run",
        cluster.articles.len(),
        prepared.analysis.sentences.len()
    );
    println!("| algorithm | seconds | sentences picked |");
    println!("|---|---:|---:|");
    for algorithm in Algorithm::ALL {
        let config = SummaryConfig {
            select: SelectConfig {
                algorithm,
                ..SelectConfig::default()
            },
            ..SummaryConfig::default()
        };
        let start = Instant::now();
        let summary = summarize_prepared(&cluster, &prepared, &config);
        println!(
            "| {} | {:.4} | {} |",
            algorithm.name(),
            start.elapsed().as_secs_f64(),
            summary.sentences.len()
        );
    }
}

/// Selection time of every algorithm per WikiNews cluster (analysis precomputed): mean and slowest.
fn wikinews_algorithms() {
    let clusters = newsfuse_bench::wikinews_clusters();
    let config = SummaryConfig::default();
    let prepared: Vec<_> = clusters
        .iter()
        .map(|c| prepare(c, &config.analyze))
        .collect();
    println!();
    println!(
        "selection per WikiNews cluster (10 articles), 250 words, 1 thread; fastest of 3 runs per cluster"
    );
    println!("| algorithm | mean ms | slowest ms (cluster) |");
    println!("|---|---:|---:|");
    for algorithm in Algorithm::ALL {
        let select_config = SelectConfig {
            algorithm,
            ..SelectConfig::default()
        };
        let times: Vec<f64> = prepared
            .iter()
            .map(|p| {
                fastest(3, || {
                    std::hint::black_box(select(&p.analysis, &select_config));
                })
                .as_secs_f64()
                    * 1e3
            })
            .collect();
        let (slowest, max) =
            times.iter().enumerate().fold(
                (0, 0.0),
                |acc, (i, &t)| if t > acc.1 { (i, t) } else { acc },
            );
        let mean = times.iter().sum::<f64>() / times.len() as f64;
        println!(
            "| {} | {mean:.3} | {max:.3} ({}) |",
            algorithm.name(),
            clusters[slowest].id
        );
    }
}

/// Times each stage on its own (inputs precomputed) and prints one table row.
fn stage_row(cluster: &Cluster, config: &SummaryConfig) {
    let n = cluster.articles.len();
    let runs = (2000 / n).clamp(3, 50);
    let prepared = prepare(cluster, &config.analyze);
    let clean_t = fastest(runs, || {
        for article in &cluster.articles {
            std::hint::black_box(clean(&article.text));
        }
    });
    let segment_t = fastest(runs, || {
        for (article, cleaned) in cluster.articles.iter().zip(&prepared.cleaned) {
            std::hint::black_box(segment(&article.text, cleaned));
        }
    });
    let analyze_t = fastest(runs, || {
        std::hint::black_box(analyze(cluster, &prepared.segmented, &config.analyze));
    });
    let select_t = fastest(runs, || {
        std::hint::black_box(select(&prepared.analysis, &config.select));
    });
    let rest_t = fastest(runs, || {
        std::hint::black_box(summarize_prepared(cluster, &prepared, config));
    })
    .saturating_sub(select_t);
    let times = [clean_t, segment_t, analyze_t, select_t, rest_t].map(|t| t.as_secs_f64());
    let sum: f64 = times.iter().sum();
    let cells: Vec<String> = times
        .iter()
        .map(|t| format!("{t:.4} ({:.0}%)", 100.0 * t / sum))
        .collect();
    println!("| {n} | {} |", cells.join(" | "));
}

/// The fastest of `runs` timings of `f`.
fn fastest(runs: usize, mut f: impl FnMut()) -> Duration {
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}
