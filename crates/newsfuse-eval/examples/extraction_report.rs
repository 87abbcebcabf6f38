//! Extraction quality report over the shared evaluation data.
//!
//! ```text
//! cargo run --release -p newsfuse-eval --example extraction_report -- /work/shared/eval [LIMIT]
//! ```
//!
//! Prints newsfuse's shingle P/R/F1 on every `extraction/extraction_*.jsonl` set, then the
//! Zyte benchmark table: newsfuse beside the 22 published extractor outputs, each with the F1
//! the benchmark's README publishes.

use std::path::PathBuf;

use newsfuse_eval::extraction::{
    ExtractionScore, evaluate_extraction, published_extractors, published_f1, render_table,
};

const SETS: &[&str] = &[
    "extraction_scrapinghub_aeb.jsonl",
    "extraction_mozilla_readability.jsonl",
    "extraction_dragnet.jsonl",
    "extraction_cleaneval_dev.jsonl",
    "extraction_cleanportaleval.jsonl",
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let eval_dir = PathBuf::from(
        args.next()
            .unwrap_or_else(|| "/work/shared/eval".to_owned()),
    );
    let limit = args.next().map(|s| s.parse::<usize>()).transpose()?;
    let extraction = eval_dir.join("extraction");

    println!("newsfuse extraction, Zyte shingle metric (per-page P/R averaged, F1 of means)\n");
    let mut per_set = Vec::new();
    let mut ours_on_aeb: Option<ExtractionScore> = None;
    for set in SETS {
        let path = extraction.join(set);
        let wall = std::time::Instant::now();
        let mut rows = evaluate_extraction(&path, limit)?;
        let wall = wall.elapsed().as_secs_f64();
        for row in &mut rows {
            set.trim_start_matches("extraction_")
                .trim_end_matches(".jsonl")
                .clone_into(&mut row.system);
        }
        eprintln!("{set}: {wall:.1}s wall");
        if *set == "extraction_scrapinghub_aeb.jsonl" {
            ours_on_aeb = rows.first().cloned().map(|mut r| {
                "newsfuse".clone_into(&mut r.system);
                r
            });
        }
        per_set.extend(rows);
    }
    // One row per set; `render_table` sorts by F1, which is fine for a per-set summary.
    println!("{}", render_table(&per_set).replacen("system", "set   ", 1));

    let aeb = extraction.join("scrapinghub_article_extraction_benchmark");
    let mut rows = published_extractors(&aeb)?;
    println!(
        "Zyte article-extraction-benchmark ({} pages): ours vs published outputs\n",
        rows[0].pages
    );
    println!(
        "{:<22}  {:>9}  {:>6}  {:>6}  {:>9}  {:>6}",
        "system", "precision", "recall", "F1", "README F1", "diff"
    );
    if let Some(ours) = ours_on_aeb {
        rows.push(ours);
    }
    rows.sort_by(|a, b| b.f1.total_cmp(&a.f1));
    for r in &rows {
        let (published, diff) = match published_f1(&r.system) {
            Some(p) => (format!("{p:.3}"), format!("{:+.3}", r.f1 - p)),
            None => ("-".to_owned(), "-".to_owned()),
        };
        println!(
            "{:<22}  {:>9.3}  {:>6.3}  {:>6.3}  {:>9}  {:>6}",
            r.system, r.precision, r.recall, r.f1, published, diff
        );
    }
    println!("\n{}", render_table(&rows));
    Ok(())
}
