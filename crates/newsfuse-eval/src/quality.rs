//! Summary-quality evaluation: runs summarizers over a cluster JSONL with reference summaries,
//! scores every summary with ROUGE (rouge-score mode or ROUGE-1.5.5 mode), scores other systems'
//! outputs (`{id, system, summary}` lines) the same way on the same clusters, and reports means
//! with 95% bootstrap intervals, throughput, latency percentiles and peak memory.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::path::Path;
use std::time::Instant;

use newsfuse::ingest::{IngestNote, article_from_text};
use newsfuse::model::{Article, Cluster};
use newsfuse::script::word_count;
use newsfuse::select::Algorithm;
use newsfuse::summary::{SummaryConfig, prepare, summarize_prepared};
use newsfuse_rouge::rouge155::{self, Rouge155Options};
use newsfuse_rouge::{RougeScorer, bootstrap_mean_ci, mean};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

/// One evaluation cluster: articles plus human reference summaries.
#[derive(Debug, Clone)]
pub struct EvalCluster {
    /// The articles.
    pub cluster: Cluster,
    /// The reference summaries.
    pub references: Vec<String>,
}

/// Errors of the quality evaluation.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum QualityError {
    /// A file could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The path.
        path: String,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// The dataset has no usable cluster.
    #[error("{0}: no cluster with documents and reference summaries")]
    Empty(String),
}

/// Which half of a dataset to use: a fixed split by a hash of the cluster id, so that tuning and
/// reporting never see the same clusters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Subset {
    /// Every cluster.
    All,
    /// Clusters whose id hashes even: the half methods may be tuned on.
    Tune,
    /// Clusters whose id hashes odd: the held-apart half, for reporting only.
    Holdout,
}

impl Subset {
    /// True when the cluster with this id belongs to the subset.
    pub fn contains(self, id: &str) -> bool {
        // FNV-1a: stable across platforms and releases.
        let hash = id.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
        match self {
            Subset::All => true,
            Subset::Tune => hash % 2 == 0,
            Subset::Holdout => hash % 2 == 1,
        }
    }

    /// [`Subset::contains`] with the hash's bits mixed (MurmurHash3's 64-bit finalizer on FNV-1a)
    /// before the parity is taken. FNV-1a's parity is the parity of the id's bytes' low bits, so
    /// ids that differ in a digit or two split unevenly (DUC 2006's 50 topics: 10 even, 40 odd;
    /// mixed: 26 and 24). Used for DUC 2006 (`eval-update` on a query-focused file).
    pub fn contains_mixed(self, id: &str) -> bool {
        let mut hash = id.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
        hash ^= hash >> 33;
        hash = hash.wrapping_mul(0xff51_afd7_ed55_8ccd);
        hash ^= hash >> 33;
        hash = hash.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        hash ^= hash >> 33;
        match self {
            Subset::All => true,
            Subset::Tune => hash % 2 == 0,
            Subset::Holdout => hash % 2 == 1,
        }
    }
}

#[derive(Deserialize)]
struct DatasetLine {
    id: serde_json::Value,
    #[serde(default)]
    documents: Vec<serde_json::Value>,
    #[serde(default)]
    summaries: Vec<String>,
}

/// Input that an evaluation could not use, or used only in part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// What happened, with the file and line.
    pub message: String,
    /// Whether input was left out of the means (a malformed line, a cluster without references or
    /// documents) rather than only noted (a peer without summaries for every cluster).
    pub input_skipped: bool,
}

impl Problem {
    fn skipped(message: String) -> Self {
        Self {
            message,
            input_skipped: true,
        }
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// Loads a dataset JSONL. Bad lines and clusters that cannot be scored (no reference summary, no
/// document text) are returned as problems with line numbers, not dropped silently.
pub fn load_dataset(
    path: &Path,
    subset: Subset,
    limit: Option<usize>,
) -> Result<(Vec<EvalCluster>, Vec<Problem>), QualityError> {
    let text = std::fs::read_to_string(path).map_err(|source| QualityError::Io {
        path: path.display().to_string(),
        source,
    })?;
    let mut clusters = Vec::new();
    let mut problems = Vec::new();
    for (line_idx, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let parsed: DatasetLine = match serde_json::from_str(line) {
            Ok(parsed) => parsed,
            Err(error) => {
                problems.push(Problem::skipped(format!(
                    "{} line {}: {error}",
                    path.display(),
                    line_idx + 1
                )));
                continue;
            }
        };
        let id = match parsed.id {
            serde_json::Value::String(s) => s,
            other => other.to_string(),
        };
        if !subset.contains(&id) {
            continue;
        }
        if parsed.summaries.iter().all(|s| s.trim().is_empty()) {
            problems.push(Problem::skipped(format!(
                "{} line {}: cluster {id} has no reference summary; skipped",
                path.display(),
                line_idx + 1
            )));
            continue;
        }
        let mut notes: Vec<IngestNote> = Vec::new();
        let articles: Vec<Article> = parsed
            .documents
            .iter()
            .enumerate()
            .map(|(doc_idx, doc)| {
                let text = match doc {
                    serde_json::Value::String(s) => s.as_str(),
                    serde_json::Value::Object(map) => {
                        map.get("text").and_then(|t| t.as_str()).unwrap_or("")
                    }
                    _ => "",
                };
                article_from_text(text, &format!("{id}#{doc_idx}"), &mut notes)
            })
            .collect();
        if articles.iter().all(|a| a.text.trim().is_empty()) {
            problems.push(Problem::skipped(format!(
                "{} line {}: cluster {id} has no document text; skipped",
                path.display(),
                line_idx + 1
            )));
            continue;
        }
        clusters.push(EvalCluster {
            cluster: Cluster { id, articles },
            references: parsed.summaries,
        });
        if limit.is_some_and(|l| clusters.len() >= l) {
            break;
        }
    }
    if clusters.is_empty() {
        return Err(QualityError::Empty(path.display().to_string()));
    }
    Ok((clusters, problems))
}

/// How summaries are scored.
#[derive(Debug, Clone)]
pub enum RougeMode {
    /// Google's rouge-score: F1 of ROUGE-1, -2, -L, -Lsum, with Porter stemming.
    RougeScore,
    /// ROUGE-1.5.5 with the given options: recall and F of ROUGE-1, -2 and, if enabled, -SU.
    Perl155(Rouge155Options),
}

impl RougeMode {
    /// Names of the measures [`RougeMode::score`] returns, in order.
    pub fn measure_names(&self) -> Vec<&'static str> {
        match self {
            RougeMode::RougeScore => vec!["R1-F", "R2-F", "RL-F", "RLsum-F"],
            RougeMode::Perl155(opts) => {
                let mut names = vec!["R1-R", "R1-F", "R2-R", "R2-F"];
                if opts.skip_distance.is_some() {
                    names.extend(["SU4-R", "SU4-F"]);
                }
                names
            }
        }
    }

    /// Scores one summary (one sentence per line) against its references; values in percent.
    pub fn score(&self, scorer: &RougeScorer, references: &[String], summary: &str) -> Vec<f64> {
        let refs: Vec<&str> = references.iter().map(String::as_str).collect();
        match self {
            RougeMode::RougeScore => {
                // As ../shared/peers/rouge_score_ref.py does: references lose the Multi-News
                // newline marker and leading dash, and both sides get one sentence per line
                // (split after . ! ? and whitespace), which only ROUGE-Lsum sees.
                let refs: Vec<String> = references
                    .iter()
                    .map(|r| {
                        sentence_lines(
                            r.replace("NEWLINE_CHAR", " ")
                                .trim_start_matches(['\u{2013}', ' ']),
                        )
                    })
                    .collect();
                let refs: Vec<&str> = refs.iter().map(String::as_str).collect();
                let s = scorer.score(&refs, &sentence_lines(summary));
                vec![s.rouge1.f1, s.rouge2.f1, s.rouge_l.f1, s.rouge_lsum.f1]
                    .into_iter()
                    .map(|v| 100.0 * v)
                    .collect()
            }
            RougeMode::Perl155(opts) => {
                let s = rouge155::score(&refs, summary, opts);
                let first = s.rouge_n.first().copied().unwrap_or_default();
                let second = s.rouge_n.get(1).copied().unwrap_or_default();
                let mut values = vec![first.recall, first.f1, second.recall, second.f1];
                if let Some(su) = s.rouge_su {
                    values.extend([su.recall, su.f1]);
                }
                values.into_iter().map(|v| 100.0 * v).collect()
            }
        }
    }
}

/// `text` trimmed, with every whitespace run that follows `.`, `!` or `?` replaced by a newline
/// (the sentence split of the reference scoring script, regex `(?<=[.!?])\s+`).
pub fn sentence_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut previous = ' ';
    let mut in_break = false;
    for c in text.trim().chars() {
        if c.is_whitespace() {
            if in_break {
                continue;
            }
            if matches!(previous, '.' | '!' | '?') {
                out.push('\n');
                in_break = true;
                continue;
            }
        } else {
            in_break = false;
        }
        out.push(c);
        previous = c;
    }
    out
}

/// One system's result on one cluster.
#[derive(Debug, Clone, Serialize)]
pub struct ClusterResult {
    /// Cluster id.
    pub id: String,
    /// Scores in percent, in [`RougeMode::measure_names`] order.
    pub scores: Vec<f64>,
    /// Seconds spent summarizing this cluster (wall time on one thread), when measured.
    pub seconds: Option<f64>,
    /// Words in the summary.
    pub words: usize,
    /// The summary text.
    pub summary: String,
}

/// One system's results over the dataset.
#[derive(Debug, Clone, Serialize)]
pub struct SystemResult {
    /// System name (`newsfuse-<algorithm>` or the peer's `system`).
    pub system: String,
    /// Per-cluster results, in dataset order.
    pub clusters: Vec<ClusterResult>,
    /// Wall seconds for the whole run of this system (summarizing only), when measured.
    pub wall_seconds: Option<f64>,
    /// Process CPU seconds (all threads) of the whole run (summarizing only), when measured.
    pub cpu_seconds: Option<f64>,
    /// Process CPU seconds of the untimed first run on one cluster, which also pays the one-time
    /// start-up (regex compilation, lazy tables) when this is the process's first method.
    pub startup_cpu_seconds: Option<f64>,
}

/// Runs each algorithm over every cluster (in parallel across clusters) and scores it.
pub fn evaluate_algorithms(
    data: &[EvalCluster],
    algorithms: &[Algorithm],
    config: &SummaryConfig,
    mode: &RougeMode,
    progress: &(dyn Fn() + Sync),
) -> Vec<SystemResult> {
    let scorer = RougeScorer::new(true);
    algorithms
        .iter()
        .map(|&algorithm| {
            let mut config = config.clone();
            config.select.algorithm = algorithm;
            // One untimed run first: one-time initialisation (regex compilation, lazy tables) is
            // start-up cost, left out of the timings as the peers' timings leave out theirs.
            let startup_started = process_cpu_seconds();
            if let Some(first) = data.first() {
                std::hint::black_box(summarize_prepared(
                    &first.cluster,
                    &prepare(&first.cluster, &config.analyze),
                    &config,
                ));
            }
            let startup_cpu_seconds = startup_started
                .zip(process_cpu_seconds())
                .map(|(before, after)| after - before);
            // Summarize every cluster first and score afterwards, so that the process CPU time of
            // this phase is the summarizer's alone.
            let cpu_started = process_cpu_seconds();
            let started = Instant::now();
            let summaries: Vec<(String, f64)> = data
                .par_iter()
                .map(|item| {
                    let t0 = Instant::now();
                    let prepared = prepare(&item.cluster, &config.analyze);
                    let summary = summarize_prepared(&item.cluster, &prepared, &config);
                    let seconds = t0.elapsed().as_secs_f64();
                    progress();
                    (summary.text(), seconds)
                })
                .collect();
            let wall_seconds = started.elapsed().as_secs_f64();
            let cpu_seconds = cpu_started
                .zip(process_cpu_seconds())
                .map(|(before, after)| after - before);
            let clusters: Vec<ClusterResult> = data
                .par_iter()
                .zip(summaries)
                .map(|(item, (text, seconds))| {
                    let scores = mode.score(&scorer, &item.references, &text);
                    ClusterResult {
                        id: item.cluster.id.clone(),
                        scores,
                        seconds: Some(seconds),
                        words: word_count(&text),
                        summary: text,
                    }
                })
                .collect();
            SystemResult {
                system: format!("newsfuse-{}", algorithm.name()),
                clusters,
                wall_seconds: Some(wall_seconds),
                cpu_seconds,
                startup_cpu_seconds,
            }
        })
        .collect()
}

/// CPU seconds this process has used so far (all threads), where the platform tells.
pub fn process_cpu_seconds() -> Option<f64> {
    #[cfg(unix)]
    {
        let now = rustix::time::clock_gettime(rustix::time::ClockId::ProcessCPUTime);
        #[allow(clippy::cast_precision_loss)]
        Some(now.tv_sec as f64 + now.tv_nsec as f64 * 1e-9)
    }
    #[cfg(not(unix))]
    {
        None
    }
}

#[derive(Deserialize)]
struct PeerLine {
    id: serde_json::Value,
    #[serde(default)]
    system: Option<String>,
    summary: String,
    #[serde(default)]
    cpu_seconds: Option<f64>,
}

/// Scores other systems' summaries (`{id, system, summary[, cpu_seconds]}` lines) on the same clusters.
/// Returns the results and messages about lines that were skipped.
pub fn evaluate_peers(
    data: &[EvalCluster],
    peers: &Path,
    mode: &RougeMode,
) -> Result<(Vec<SystemResult>, Vec<Problem>), QualityError> {
    let text = std::fs::read_to_string(peers).map_err(|source| QualityError::Io {
        path: peers.display().to_string(),
        source,
    })?;
    let index: HashMap<&str, usize> = data
        .iter()
        .enumerate()
        .map(|(i, c)| (c.cluster.id.as_str(), i))
        .collect();
    let mut by_system: BTreeMap<String, Vec<(usize, PeerLine)>> = BTreeMap::new();
    let mut problems = Vec::new();
    for (line_idx, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<PeerLine>(line) {
            Ok(peer) => {
                let id = match &peer.id {
                    serde_json::Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                if let Some(&pos) = index.get(id.as_str()) {
                    let system = peer.system.clone().unwrap_or_else(|| "peer".into());
                    by_system.entry(system).or_default().push((pos, peer));
                }
            }
            Err(error) => problems.push(Problem::skipped(format!(
                "{} line {}: {error}",
                peers.display(),
                line_idx + 1
            ))),
        }
    }
    let scorer = RougeScorer::new(true);
    let results = by_system
        .into_iter()
        .map(|(system, mut lines)| {
            lines.sort_by_key(|(pos, _)| *pos);
            if lines.len() < data.len() {
                problems.push(Problem {
                    message: format!(
                        "{system}: summaries for {} of {} clusters; its means cover those only",
                        lines.len(),
                        data.len()
                    ),
                    input_skipped: false,
                });
            }
            let clusters = lines
                .par_iter()
                .map(|(pos, peer)| ClusterResult {
                    id: data[*pos].cluster.id.clone(),
                    scores: mode.score(&scorer, &data[*pos].references, &peer.summary),
                    seconds: peer.cpu_seconds,
                    words: word_count(&peer.summary),
                    summary: peer.summary.clone(),
                })
                .collect();
            SystemResult {
                system,
                clusters,
                wall_seconds: None,
                cpu_seconds: None,
                startup_cpu_seconds: None,
            }
        })
        .collect();
    Ok((results, problems))
}

/// A mean with its 95% bootstrap interval.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Interval {
    /// The plain mean over clusters.
    pub mean: f64,
    /// Lower end of the 95% bootstrap interval.
    pub low: f64,
    /// Upper end.
    pub high: f64,
}

/// Summary statistics of one system.
#[derive(Debug, Clone, Serialize)]
pub struct SystemSummary {
    /// System name.
    pub system: String,
    /// Clusters scored.
    pub n: usize,
    /// One interval per measure.
    pub measures: Vec<Interval>,
    /// Mean summary length in words.
    pub mean_words: f64,
    /// CPU seconds of summarizing the whole dataset, when known: the process CPU time of the run
    /// for newsfuse's methods, the sum of the per-cluster `cpu_seconds` for peers.
    pub total_seconds: Option<f64>,
    /// CPU seconds of the untimed start-up run (newsfuse's methods only; see [`SystemResult`]).
    pub startup_seconds: Option<f64>,
    /// Per-cluster latency percentiles (p50, p95, max) in milliseconds, when known.
    pub latency_ms: Option<(f64, f64, f64)>,
    /// Clusters per second of wall time (all threads), when known.
    pub clusters_per_second: Option<f64>,
}

/// Reduces per-cluster results to means with 95% bootstrap intervals (1,000 resamples, `seed`).
pub fn summarize_results(result: &SystemResult, seed: u64) -> SystemSummary {
    let n_measures = result.clusters.first().map_or(0, |c| c.scores.len());
    let measures = (0..n_measures)
        .map(|m| {
            let values: Vec<f64> = result.clusters.iter().map(|c| c.scores[m]).collect();
            let (_, low, high) = bootstrap_mean_ci(&values, 1000, 0.95, seed);
            Interval {
                mean: mean(&values),
                low,
                high,
            }
        })
        .collect();
    let mut latencies: Vec<f64> = result.clusters.iter().filter_map(|c| c.seconds).collect();
    let known = !latencies.is_empty() && latencies.len() == result.clusters.len();
    latencies.sort_by(f64::total_cmp);
    let percentile =
        |p: f64| latencies[((latencies.len() - 1) as f64 * p).round() as usize] * 1000.0;
    SystemSummary {
        system: result.system.clone(),
        n: result.clusters.len(),
        measures,
        mean_words: mean(
            &result
                .clusters
                .iter()
                .map(|c| c.words as f64)
                .collect::<Vec<_>>(),
        ),
        total_seconds: result
            .cpu_seconds
            .or_else(|| known.then(|| latencies.iter().sum())),
        startup_seconds: result.startup_cpu_seconds,
        latency_ms: known.then(|| (percentile(0.5), percentile(0.95), percentile(1.0))),
        clusters_per_second: result
            .wall_seconds
            .filter(|&w| w > 0.0)
            .map(|w| result.clusters.len() as f64 / w),
    }
}

/// An aligned text table of system summaries, best first by the first measure.
pub fn render_table(summaries: &[SystemSummary], measure_names: &[&str]) -> String {
    let mut rows = summaries.to_vec();
    rows.sort_by(|a, b| {
        let key = |s: &SystemSummary| s.measures.first().map_or(0.0, |m| m.mean);
        key(b).total_cmp(&key(a)).then(a.system.cmp(&b.system))
    });
    let mut out = format!("{:<24} {:>4}", "system", "n");
    for name in measure_names {
        let _ = write!(out, " {name:>20}");
    }
    let _ = writeln!(
        out,
        " {:>6} {:>10} {:>9} {:>9} {:>9} {:>9}",
        "words", "CPU s/cl", "p50 ms", "p95 ms", "max ms", "clus/s"
    );
    for row in &rows {
        let _ = write!(out, "{:<24} {:>4}", row.system, row.n);
        for m in &row.measures {
            let _ = write!(out, " {:>6.2} [{:>5.2},{:>5.2}]", m.mean, m.low, m.high);
        }
        let opt = |v: Option<f64>, digits: usize| {
            v.map_or_else(|| "-".to_string(), |v| format!("{v:.digits$}"))
        };
        let per_cluster = row.total_seconds.map(|t| t / row.n.max(1) as f64);
        let (p50, p95, max) = row
            .latency_ms
            .map_or((None, None, None), |(a, b, c)| (Some(a), Some(b), Some(c)));
        let _ = writeln!(
            out,
            " {:>6.0} {:>10} {:>9} {:>9} {:>9} {:>9}",
            row.mean_words,
            opt(per_cluster, 5),
            opt(p50, 3),
            opt(p95, 3),
            opt(max, 3),
            opt(row.clusters_per_second, 1)
        );
    }
    out
}

/// Peak resident memory of this process in MiB (Linux `VmHWM`), when available.
pub fn peak_memory_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dataset() -> Vec<EvalCluster> {
        let article = |t: &str| newsfuse::model::Article {
            text: t.into(),
            ..Default::default()
        };
        vec![EvalCluster {
            cluster: Cluster {
                id: "c1".into(),
                articles: vec![
                    article(
                        "Ministers from twenty countries met in Rome on Tuesday to review the campaign against the militants.",
                    ),
                    article(
                        "The ministers of twenty countries met in Rome on Tuesday and reviewed the campaign against militants.",
                    ),
                ],
            },
            references: vec!["Ministers from twenty countries met in Rome on Tuesday.".into()],
        }]
    }

    #[test]
    fn sentence_lines_split_like_the_reference_script() {
        assert_eq!(
            sentence_lines("  One. Two!  Three?\nFour five.  "),
            "One.\nTwo!\nThree?\nFour five."
        );
        assert_eq!(
            sentence_lines("No split here  at all"),
            "No split here  at all"
        );
        assert_eq!(sentence_lines(""), "");
    }

    #[test]
    fn subsets_partition_ids() {
        for id in ["a", "b", "multinews-test-5615", "D30003", ""] {
            assert_ne!(Subset::Tune.contains(id), Subset::Holdout.contains(id));
            assert!(Subset::All.contains(id));
            assert_ne!(
                Subset::Tune.contains_mixed(id),
                Subset::Holdout.contains_mixed(id)
            );
            assert!(Subset::All.contains_mixed(id));
        }
        // Ids that differ in a digit split about evenly once the bits are mixed.
        let ids: Vec<String> = (1..=50).map(|k| format!("T{k:02}")).collect();
        let tune = ids
            .iter()
            .filter(|id| Subset::Tune.contains_mixed(id))
            .count();
        assert!((15..=35).contains(&tune), "{tune}");
    }

    #[test]
    fn algorithms_and_peers_are_scored_alike() {
        let data = dataset();
        let results = evaluate_algorithms(
            &data,
            &[Algorithm::Lead],
            &SummaryConfig::default(),
            &RougeMode::RougeScore,
            &|| {},
        );
        assert_eq!(results.len(), 1);
        let ours = &results[0].clusters[0];
        assert!(ours.scores[0] > 50.0, "{ours:?}");
        let dir = std::env::temp_dir().join(format!("newsfuse-eval-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let peers = dir.join("peers.jsonl");
        let line = serde_json::json!({"id": "c1", "system": "copy", "summary": ours.summary});
        std::fs::write(&peers, format!("{line}\nnot json\n{{\"id\": \"unknown\", \"system\": \"copy\", \"summary\": \"x\"}}\n")).expect("write");
        let (peer_results, problems) =
            evaluate_peers(&data, &peers, &RougeMode::RougeScore).expect("readable");
        assert_eq!(peer_results[0].clusters[0].scores, ours.scores);
        assert_eq!(problems.len(), 1, "{problems:?}");
        let summary = summarize_results(&results[0], 1);
        assert!(
            summary.measures[0].low <= summary.measures[0].mean
                && summary.measures[0].mean <= summary.measures[0].high
        );
        let table = render_table(&[summary], &RougeMode::RougeScore.measure_names());
        assert!(table.contains("newsfuse-lead"));
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn rouge155_mode_reports_recall_and_f() {
        let mode = RougeMode::Perl155(Rouge155Options::duc_generic(100));
        let values = mode.score(
            &RougeScorer::new(true),
            &["the cat sat on the mat".into()],
            "the cat sat",
        );
        assert_eq!(values.len(), mode.measure_names().len());
        assert!(values[0] > 0.0 && values[0] <= 100.0);
    }
}
