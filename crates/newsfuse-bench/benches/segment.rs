//! Stage 2, segment: all 100 WikiNews articles per iteration (clean output precomputed).

mod common;

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use newsfuse::clean::clean;
use newsfuse::segment::segment;

fn bench_segment(c: &mut Criterion) {
    let clusters = newsfuse_bench::wikinews_clusters();
    let inputs: Vec<_> = clusters
        .iter()
        .flat_map(|c| &c.articles)
        .map(|a| (a.text.as_str(), clean(&a.text)))
        .collect();
    let sentences: usize = inputs
        .iter()
        .map(|(text, cleaned)| segment(text, cleaned).sentences.len())
        .sum();
    assert!(sentences > 1000, "segment gives {sentences} sentences");
    let mut group = c.benchmark_group("segment");
    group.throughput(common::throughput(&clusters));
    group.bench_function("wikinews", |b| {
        b.iter(|| {
            for (text, cleaned) in &inputs {
                black_box(segment(black_box(text), cleaned));
            }
        });
    });
    group.finish();
}

criterion_group! { name = benches; config = common::config(); targets = bench_segment }
criterion_main!(benches);
