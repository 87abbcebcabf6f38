//! End to end: `summarize` with the default config (coverage, 250 words) over all 10 WikiNews
//! clusters per iteration, on rayon's global pool (all cores) and on a one-thread pool.

mod common;

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use newsfuse::select::Budget;
use newsfuse::summary::{SummaryConfig, summarize};

fn bench_end_to_end(c: &mut Criterion) {
    let clusters = newsfuse_bench::wikinews_clusters();
    let config = SummaryConfig::default();
    assert_eq!(config.select.budget, Budget::Words(250));
    for cluster in &clusters {
        let summary = summarize(cluster, &config);
        let words: usize = summary
            .sentences
            .iter()
            .map(|s| s.text.split_whitespace().count())
            .sum();
        assert!(words > 150 && words <= 250, "{}: {words} words", cluster.id);
    }
    let one_thread = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("rayon pool");
    let mut group = c.benchmark_group("summarize");
    group.throughput(common::throughput(&clusters));
    group.bench_function("default_all_cores", |b| {
        b.iter(|| {
            for cluster in &clusters {
                black_box(summarize(black_box(cluster), &config));
            }
        });
    });
    group.bench_function("default_1_thread", |b| {
        b.iter(|| {
            one_thread.install(|| {
                for cluster in &clusters {
                    black_box(summarize(black_box(cluster), &config));
                }
            });
        });
    });
    group.finish();
}

criterion_group! { name = benches; config = common::config(); targets = bench_end_to_end }
criterion_main!(benches);
