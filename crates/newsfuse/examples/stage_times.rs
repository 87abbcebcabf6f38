//! Times each pipeline stage, single-threaded, over a cluster JSONL (e.g. a dev set):
//! `cargo run --release -p newsfuse --example stage_times -- DATA.jsonl [WORDS]`.
//!
//! One untimed pass runs first so that one-time initialisation (regex compilation, lazy tables) is
//! left out. By default it covers the first cluster only, as `newsfuse eval` does: the per-thread
//! stem cache and the regex engines' lazily built automata then fill during the timed pass, as in a
//! one-shot run ("cold"). With `WARM_ALL=1` the untimed pass covers every cluster, which gives the
//! steady state of a long-running service that has seen this vocabulary before ("warm").

/// The same allocator as the `newsfuse` binary, so that the timings match it.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::time::{Duration, Instant};

use newsfuse::analyze::{AnalyzeConfig, analyze};
use newsfuse::clean::clean;
use newsfuse::ingest::{Ingested, parse_jsonl};
use newsfuse::order::order;
use newsfuse::segment::segment;
use newsfuse::select::{Budget, SelectConfig, select};
use newsfuse::summary::supporting_articles;

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: stage_times DATA.jsonl [WORDS]");
    let words: usize = args
        .next()
        .map_or(300, |w| w.parse().expect("WORDS is a number"));
    let warm_all = std::env::var_os("WARM_ALL").is_some();
    let text = std::fs::read_to_string(&path).expect("readable dataset");
    let mut ingested = Ingested::default();
    parse_jsonl(&text, &path, &mut ingested);
    let clusters: Vec<_> = ingested
        .clusters
        .into_iter()
        .filter_map(Result::ok)
        .collect();
    let config = SelectConfig {
        budget: Budget::Words(words),
        ..SelectConfig::default()
    };
    let (mut t_clean, mut t_segment, mut t_analyze, mut t_select, mut t_support) = (
        Duration::ZERO,
        Duration::ZERO,
        Duration::ZERO,
        Duration::ZERO,
        Duration::ZERO,
    );
    let mut bytes = 0;
    let warm_up = if warm_all {
        &clusters[..]
    } else {
        &clusters[..clusters.len().min(1)]
    };
    for cluster in warm_up {
        let cleaned: Vec<_> = cluster.articles.iter().map(|a| clean(&a.text)).collect();
        let segmented: Vec<_> = cluster
            .articles
            .iter()
            .zip(&cleaned)
            .map(|(a, c)| segment(&a.text, c))
            .collect();
        std::hint::black_box(select(
            &analyze(cluster, &segmented, &AnalyzeConfig::default()),
            &config,
        ));
    }
    for cluster in &clusters {
        let t = Instant::now();
        let cleaned: Vec<_> = cluster.articles.iter().map(|a| clean(&a.text)).collect();
        t_clean += t.elapsed();
        let t = Instant::now();
        let segmented: Vec<_> = cluster
            .articles
            .iter()
            .zip(&cleaned)
            .map(|(a, c)| segment(&a.text, c))
            .collect();
        t_segment += t.elapsed();
        let t = Instant::now();
        let analysis = analyze(cluster, &segmented, &AnalyzeConfig::default());
        t_analyze += t.elapsed();
        let t = Instant::now();
        let picks = order(cluster, &analysis, &select(&analysis, &config));
        t_select += t.elapsed();
        let t = Instant::now();
        for &pick in &picks {
            std::hint::black_box(supporting_articles(&analysis, pick));
        }
        t_support += t.elapsed();
        bytes += cluster.articles.iter().map(|a| a.text.len()).sum::<usize>();
    }
    let n = clusters.len().max(1) as f64;
    let total = t_clean + t_segment + t_analyze + t_select + t_support;
    println!(
        "{} clusters, {:.1} KB each on average",
        clusters.len(),
        bytes as f64 / n / 1000.0
    );
    for (name, t) in [
        ("clean", t_clean),
        ("segment", t_segment),
        ("analyze", t_analyze),
        ("select+order", t_select),
        ("support", t_support),
        ("total", total),
    ] {
        println!(
            "{name:<14} {:>8.3} ms/cluster",
            t.as_secs_f64() * 1000.0 / n
        );
    }
}
