//! ROUGE in rouge-score mode (stemming on): the default summary of each of the 10 WikiNews clusters
//! against its three references, per iteration. Bytes are the summary plus reference bytes.

mod common;

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use newsfuse::summary::{SummaryConfig, summarize};
use newsfuse_rouge::RougeScorer;

fn bench_rouge(c: &mut Criterion) {
    let corpus = newsfuse_bench::wikinews();
    let pairs: Vec<(Vec<&str>, String)> = corpus
        .iter()
        .map(|bc| {
            let prediction = summarize(&bc.cluster, &SummaryConfig::default()).text();
            (
                bc.references.iter().map(String::as_str).collect(),
                prediction,
            )
        })
        .collect();
    let scorer = RougeScorer::new(true);
    let mean_r2 = pairs
        .iter()
        .map(|(refs, pred)| scorer.score(refs, pred).rouge2.recall)
        .sum::<f64>()
        / pairs.len() as f64;
    assert!(
        mean_r2 > 0.02 && mean_r2 < 0.5,
        "mean ROUGE-2 recall {mean_r2}"
    );
    let bytes: usize = pairs
        .iter()
        .map(|(refs, pred)| pred.len() + refs.iter().map(|r| r.len()).sum::<usize>())
        .sum();
    let mut group = c.benchmark_group("rouge");
    group.throughput(Throughput::ElementsAndBytes {
        elements: pairs.len() as u64,
        bytes: bytes as u64,
    });
    group.bench_function("rouge_score_stemmed", |b| {
        b.iter(|| {
            for (refs, pred) in &pairs {
                black_box(scorer.score(black_box(refs), black_box(pred)));
            }
        });
    });
    group.finish();
}

criterion_group! { name = benches; config = common::config(); targets = bench_rouge }
criterion_main!(benches);
