//! Stage 3b, select: every algorithm over all 10 WikiNews clusters per iteration, 250 words
//! (analysis precomputed).

mod common;

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use newsfuse::analyze::AnalyzeConfig;
use newsfuse::select::{Algorithm, SelectConfig, select};
use newsfuse::summary::prepare;

fn bench_select(c: &mut Criterion) {
    let clusters = newsfuse_bench::wikinews_clusters();
    let analyses: Vec<_> = clusters
        .iter()
        .map(|cluster| prepare(cluster, &AnalyzeConfig::default()).analysis)
        .collect();
    let mut group = c.benchmark_group("select");
    group.throughput(common::throughput(&clusters));
    for algorithm in Algorithm::ALL {
        let config = SelectConfig {
            algorithm,
            ..SelectConfig::default()
        };
        let picked: usize = analyses.iter().map(|a| select(a, &config).len()).sum();
        assert!(
            picked >= clusters.len(),
            "{} picks {picked} sentences",
            algorithm.name()
        );
        group.bench_function(algorithm.name(), |b| {
            b.iter(|| {
                for analysis in &analyses {
                    black_box(select(black_box(analysis), &config));
                }
            });
        });
    }
    group.finish();
}

criterion_group! { name = benches; config = common::config(); targets = bench_select }
criterion_main!(benches);
