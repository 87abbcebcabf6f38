//! Target 7: what a brief costs beside its summary, in one process, on Multi-News dev (and, as
//! `cost.duc.*`, on the ten-article newswire clusters of DUC 2003 at 100 words).
//!
//! For every cluster (300-word budget, as `newsfuse summarize --words 300`): the summary is
//! `prepare` + `summarize_prepared`; the brief's extra work is `build_brief_summarized` on that
//! `Prepared` (what `newsfuse brief` does after the summary). One untimed pass over all
//! clusters comes first (regexes compiled, lazy tables built); then [`PASSES`] timed passes, and
//! each cluster keeps its fastest pass for each of the two (the machine is shared, so the
//! minimum is the least disturbed figure). Figures: milliseconds per cluster of each, the
//! ratio of their totals (`cost.brief_over_summary`, target at most 3), the same with the
//! summary counted in the brief (`cost.summary_and_brief_over_summary`: `newsfuse brief` beside
//! `newsfuse summarize`), and milliseconds per
//! cluster of each analysis inside the brief (`cost.brief.<analysis>_ms`, from
//! `build_brief_profiled`). Milliseconds and ratios carry no interval.

use std::time::{Duration, Instant};

use newsfuse::brief::{build_brief_profiled, build_brief_summarized};
use newsfuse::select::Budget;
use newsfuse::summary::{SummaryConfig, prepare, summarize_prepared};

use super::{BriefEvalConfig, Figure, Part};
use crate::quality::{Subset, load_dataset};

/// Timed passes; each cluster keeps its fastest.
pub const PASSES: usize = 3;

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

fn figure(name: String, part: Part, value: f64, n: usize, unit: &'static str) -> Figure {
    Figure {
        target: 7,
        name,
        part,
        value,
        successes: None,
        n,
        interval: None,
        unit,
        higher_is_better: false,
    }
}

/// Runs this part of the brief evaluation: Multi-News dev (300 words; the target), then DUC 2003
/// (100 words, newswire; figures named `cost.duc.*`).
pub fn run(config: &BriefEvalConfig) -> Result<Vec<Figure>, String> {
    let mut figures = measure(config, "multinews_full_dev.jsonl", 300, "cost")?;
    figures.extend(measure(config, "duc2003_task2.jsonl", 100, "cost.duc")?);
    Ok(figures)
}

fn measure(
    config: &BriefEvalConfig,
    file: &str,
    words: usize,
    prefix: &str,
) -> Result<Vec<Figure>, String> {
    let path = config.shared.join("eval").join(file);
    let (clusters, _problems) =
        load_dataset(&path, Subset::All, None).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut summary_config = SummaryConfig::default();
    summary_config.select.budget = Budget::Words(words);
    let run_one = |cluster: &newsfuse::model::Cluster| -> (Duration, Duration) {
        let start = Instant::now();
        let prepared = prepare(cluster, &summary_config.analyze);
        let summary = summarize_prepared(cluster, &prepared, &summary_config);
        let summarized = Instant::now();
        let brief = build_brief_summarized(cluster, &prepared, &summary);
        let done = Instant::now();
        std::hint::black_box((&summary, &brief));
        (summarized - start, done - summarized)
    };
    for item in &clusters {
        run_one(&item.cluster);
    }
    let mut best: Vec<(Duration, Duration)> = vec![(Duration::MAX, Duration::MAX); clusters.len()];
    for _ in 0..PASSES {
        for (slot, item) in best.iter_mut().zip(&clusters) {
            let (summary, brief) = run_one(&item.cluster);
            slot.0 = slot.0.min(summary);
            slot.1 = slot.1.min(brief);
        }
    }
    // Per analysis: one more pass with the profiled build (its own timer adds a little).
    let mut analyses: Vec<(&'static str, Vec<Duration>)> = Vec::new();
    for item in &clusters {
        let prepared = prepare(&item.cluster, &summary_config.analyze);
        let summary = summarize_prepared(&item.cluster, &prepared, &summary_config);
        let (_brief, times) = build_brief_profiled(&item.cluster, &prepared, &summary.picks());
        for (name, time) in times {
            match analyses.iter_mut().find(|(n, _)| *n == name) {
                Some((_, list)) => list.push(time),
                None => analyses.push((name, vec![time])),
            }
        }
    }
    let mut figures = Vec::new();
    for part in [Part::Tune, Part::Holdout, Part::All] {
        let subset = part.subset();
        let chosen: Vec<usize> = (0..clusters.len())
            .filter(|&i| subset.contains(&clusters[i].cluster.id))
            .collect();
        let n = chosen.len();
        if n == 0 {
            continue;
        }
        let summary: Duration = chosen.iter().map(|&i| best[i].0).sum();
        let brief: Duration = chosen.iter().map(|&i| best[i].1).sum();
        let per = |d: Duration| ms(d) / n as f64;
        figures.push(figure(
            format!("{prefix}.summary_ms"),
            part,
            per(summary),
            n,
            "ms",
        ));
        figures.push(figure(
            format!("{prefix}.brief_ms"),
            part,
            per(brief),
            n,
            "ms",
        ));
        figures.push(figure(
            format!("{prefix}.brief_over_summary"),
            part,
            ms(brief) / ms(summary).max(f64::MIN_POSITIVE),
            n,
            "x",
        ));
        // What `newsfuse brief` (summary, then brief) costs beside `newsfuse summarize`.
        figures.push(figure(
            format!("{prefix}.summary_and_brief_over_summary"),
            part,
            (ms(summary) + ms(brief)) / ms(summary).max(f64::MIN_POSITIVE),
            n,
            "x",
        ));
        for (name, times) in &analyses {
            let total: Duration = chosen.iter().filter_map(|&i| times.get(i)).sum();
            figures.push(figure(
                format!("{prefix}.brief.{name}_ms"),
                part,
                per(total),
                n,
                "ms",
            ));
        }
    }
    Ok(figures)
}
