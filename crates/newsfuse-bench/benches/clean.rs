//! Stage 1, clean: all 100 WikiNews articles per iteration.

mod common;

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use newsfuse::clean::clean;

fn bench_clean(c: &mut Criterion) {
    let clusters = newsfuse_bench::wikinews_clusters();
    let kept: usize = clusters
        .iter()
        .flat_map(|c| &c.articles)
        .map(|a| clean(&a.text).blocks.len())
        .sum();
    assert!(kept > 500, "clean keeps {kept} blocks");
    let mut group = c.benchmark_group("clean");
    group.throughput(common::throughput(&clusters));
    group.bench_function("wikinews", |b| {
        b.iter(|| {
            for article in clusters.iter().flat_map(|c| &c.articles) {
                black_box(clean(black_box(&article.text)));
            }
        });
    });
    group.finish();
}

criterion_group! { name = benches; config = common::config(); targets = bench_clean }
criterion_main!(benches);
