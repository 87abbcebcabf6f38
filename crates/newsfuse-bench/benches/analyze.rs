//! Stage 3a, analyze: all 10 WikiNews clusters per iteration (segment output precomputed).

mod common;

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use newsfuse::analyze::{AnalyzeConfig, analyze};
use newsfuse::summary::prepare;

fn bench_analyze(c: &mut Criterion) {
    let clusters = newsfuse_bench::wikinews_clusters();
    let config = AnalyzeConfig::default();
    let inputs: Vec<_> = clusters
        .iter()
        .map(|cluster| (cluster, prepare(cluster, &config).segmented))
        .collect();
    let sentences: usize = inputs
        .iter()
        .map(|(cluster, seg)| analyze(cluster, seg, &config).sentences.len())
        .sum();
    assert!(sentences > 1000, "analyze sees {sentences} sentences");
    let mut group = c.benchmark_group("analyze");
    group.throughput(common::throughput(&clusters));
    group.bench_function("wikinews", |b| {
        b.iter(|| {
            for (cluster, segmented) in &inputs {
                black_box(analyze(cluster, black_box(segmented), &config));
            }
        });
    });
    group.finish();
}

criterion_group! { name = benches; config = common::config(); targets = bench_analyze }
criterion_main!(benches);
