//! `newsfuse eval-update`: update summaries on the DUC 2007 update task, scored as NIST scored it.
//!
//! Each topic has three sets of articles, A, B and C: A is summarized for a new reader, B for one
//! who has read A, C for one who has read A and B (100 words). newsfuse writes the update summary
//! of each set ([`newsfuse::summarize_update_about`] with the topic's title and narrative,
//! [`newsfuse::summarize_update`] without them) and, as a baseline, the plain summary of the set
//! alone. Every summary, and every peer's, is scored with ROUGE-1.5.5 at NIST's settings and
//! jackknifed as NIST did: each of the four references is left out in turn and the summary is
//! scored against the other three (one "evaluation" per left-out reference, named as in NIST's
//! `rougejk.in`). A system's figure is the bootstrap mean of its evaluations sorted by name, with
//! its 95% interval (1,000 resamples, seed 0), per set and over all sets: over all sets this
//! reproduces NIST's `rouge2.jk.m.avg` and `rougeSU4.jk.m.avg` for the peers.

use std::collections::BTreeMap;
use std::path::Path;

use newsfuse::ingest::article_from_text;
use newsfuse::model::{Article, Cluster};
use newsfuse::summary::{SummaryConfig, summarize};
use newsfuse_rouge::bootstrap_mean_ci;
use newsfuse_rouge::rouge155::{Rouge155Options, score};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::quality::{Interval, Problem, QualityError, Subset};

/// ROUGE-1.5.5 flags of NIST's DUC 2007 update runs (`rougejk.in`'s command).
pub const NIST_FLAGS: &str = "-n 4 -w 1.2 -m -2 4 -u -c 95 -r 1000 -f A -p 0.5 -t 0 -d";

/// Summaries of several systems: system → set cluster id (e.g. `D0703A-B`) → text.
pub type Summaries = BTreeMap<String, BTreeMap<String, String>>;

/// The update sets, in reading order.
pub const SETS: [&str; 3] = ["A", "B", "C"];

/// Words per summary in the DUC 2007 update task.
pub const WORDS: usize = 100;

/// Words per summary of a query-focused topic (DUC 2006) whose line gives no `length_limit`.
pub const QUERY_WORDS: usize = 250;

/// One set of one topic: its articles and its four reference summaries.
#[derive(Debug, Clone)]
pub struct UpdateSet {
    /// The articles of this set only.
    pub cluster: Cluster,
    /// Reference summaries, with the file names of `summary_files` (e.g. `D0703-A.M.100.A.C`).
    pub references: Vec<(String, String)>,
}

/// One topic: its query and its sets A, B and C, or (a query-focused topic, DUC 2006) its one
/// set.
#[derive(Debug, Clone)]
pub struct UpdateTopic {
    /// Topic id without the set letter, e.g. `D0703A` (`D0601A` for a query-focused topic).
    pub id: String,
    /// Title and narrative of the topic's query, one line each.
    pub query: String,
    /// Sets A, B and C, in order; a query-focused topic has one set.
    pub sets: Vec<UpdateSet>,
    /// Words per summary: [`WORDS`] for an update topic, the line's `length_limit` (or
    /// [`QUERY_WORDS`]) for a query-focused one.
    pub words: usize,
}

#[derive(Deserialize)]
struct LengthLimit {
    words: Option<usize>,
}

type TopicParts = (String, BTreeMap<String, UpdateSet>, usize, bool);

#[derive(Deserialize)]
struct Line {
    id: String,
    /// `A`, `B` or `C`; absent on a query-focused topic's line (DUC 2006).
    #[serde(default)]
    update_set: Option<String>,
    #[serde(default)]
    length_limit: Option<LengthLimit>,
    #[serde(default)]
    documents: Vec<String>,
    #[serde(default)]
    doc_dates: Vec<String>,
    #[serde(default)]
    summaries: Vec<String>,
    #[serde(default)]
    summary_files: Vec<String>,
    #[serde(default)]
    query: BTreeMap<String, String>,
}

/// Reads `duc2007_update.jsonl`: topics whose id (without the set letter) is in `subset`, each
/// with sets A, B and C. A malformed line or a topic without all three sets is a problem, not
/// silently dropped. A line without `update_set` (`duc2006.jsonl`) is a query-focused topic of
/// one set, summarized from nothing seen, with the words of its `length_limit`; its half is
/// [`Subset::contains_mixed`] (DUC 2006's ids split 10/40 by the plain parity, 26/24 mixed).
pub fn load_topics(
    path: &Path,
    subset: Subset,
) -> Result<(Vec<UpdateTopic>, Vec<Problem>), QualityError> {
    let text = std::fs::read_to_string(path).map_err(|source| QualityError::Io {
        path: path.display().to_string(),
        source,
    })?;
    let mut problems = Vec::new();
    // Topic id → (query, set letter → set, words, query-focused).
    let mut by_topic: BTreeMap<String, TopicParts> = BTreeMap::new();
    for (line_idx, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let problem = |message: String| Problem {
            message: format!("{} line {}: {message}", path.display(), line_idx + 1),
            input_skipped: true,
        };
        let parsed: Line = match serde_json::from_str(line) {
            Ok(parsed) => parsed,
            Err(error) => {
                problems.push(problem(error.to_string()));
                continue;
            }
        };
        let topic = match &parsed.update_set {
            Some(set) => parsed
                .id
                .strip_suffix(&format!("-{set}"))
                .unwrap_or(&parsed.id)
                .to_owned(),
            None => parsed.id.clone(),
        };
        let in_subset = if parsed.update_set.is_some() {
            subset.contains(&topic)
        } else {
            subset.contains_mixed(&topic)
        };
        if !in_subset {
            continue;
        }
        if parsed.summaries.len() < 2 || parsed.summaries.len() != parsed.summary_files.len() {
            problems.push(problem(format!(
                "{} needs two or more summaries, each with its file name",
                parsed.id
            )));
            continue;
        }
        let mut notes = Vec::new();
        let articles: Vec<Article> = parsed
            .documents
            .iter()
            .enumerate()
            .map(|(idx, text)| {
                let mut article =
                    article_from_text(text, &format!("{}#{idx}", parsed.id), &mut notes);
                article.published = parsed.doc_dates.get(idx).cloned();
                article
            })
            .collect();
        let query = ["title", "narrative"]
            .iter()
            .filter_map(|k| parsed.query.get(*k))
            .cloned()
            .collect::<Vec<_>>()
            .join("\n");
        let query_focused = parsed.update_set.is_none();
        let words = match (&parsed.update_set, &parsed.length_limit) {
            (Some(_), _) => WORDS,
            (None, limit) => limit.as_ref().and_then(|l| l.words).unwrap_or(QUERY_WORDS),
        };
        let entry = by_topic.entry(topic).or_default();
        entry.0 = query;
        entry.2 = words;
        entry.3 = query_focused;
        entry.1.insert(
            parsed.update_set.clone().unwrap_or_default(),
            UpdateSet {
                cluster: Cluster {
                    id: parsed.id,
                    articles,
                },
                references: parsed
                    .summary_files
                    .into_iter()
                    .zip(parsed.summaries)
                    .collect(),
            },
        );
    }
    let mut topics = Vec::new();
    for (id, (query, mut sets, words, query_focused)) in by_topic {
        let ordered: Option<Vec<UpdateSet>> = if query_focused {
            sets.remove("").map(|set| vec![set])
        } else {
            SETS.iter().map(|s| sets.remove(*s)).collect()
        };
        match ordered {
            Some(sets) => topics.push(UpdateTopic {
                id,
                query,
                sets,
                words,
            }),
            None => problems.push(Problem {
                message: format!(
                    "{}: topic {id} lacks one of the sets A, B, C",
                    path.display()
                ),
                input_skipped: true,
            }),
        }
    }
    if topics.is_empty() {
        return Err(QualityError::Empty(path.display().to_string()));
    }
    Ok((topics, problems))
}

/// newsfuse's systems in the table.
pub const NEWSFUSE_SYSTEMS: [&str; 3] = [
    "newsfuse-update",
    "newsfuse-update-noquery",
    "newsfuse-plain",
];

/// The summaries of newsfuse's systems: system → set cluster id → text (one sentence per line).
/// On a query-focused topic (nothing seen) `newsfuse-update` is
/// `summarize_update_about(nothing, set, query)` and `newsfuse-update-noquery` is the plain
/// coverage summary.
pub fn newsfuse_summaries(topics: &[UpdateTopic]) -> Summaries {
    let jobs: Vec<(usize, usize)> = topics
        .iter()
        .enumerate()
        .flat_map(|(t, topic)| (0..topic.sets.len()).map(move |s| (t, s)))
        .collect();
    let made: Vec<(String, [String; 3])> = jobs
        .par_iter()
        .map(|&(t, s)| {
            let topic = &topics[t];
            let config = SummaryConfig::default().words(topic.words);
            let new = &topic.sets[s].cluster;
            let seen = Cluster {
                id: format!("{}-seen", topic.id),
                articles: topic.sets[..s]
                    .iter()
                    .flat_map(|set| set.cluster.articles.iter().cloned())
                    .collect(),
            };
            let texts = [
                newsfuse::summarize_update_about(&seen, new, &topic.query, &config).text(),
                newsfuse::summarize_update(&seen, new, &config).text(),
                summarize(new, &config).text(),
            ];
            (new.id.clone(), texts)
        })
        .collect();
    let mut out: Summaries = BTreeMap::new();
    for (id, texts) in made {
        for (system, text) in NEWSFUSE_SYSTEMS.iter().zip(texts) {
            out.entry((*system).to_owned())
                .or_default()
                .insert(id.clone(), text);
        }
    }
    out
}

#[derive(Deserialize)]
struct PeerLine {
    id: String,
    system: String,
    summary: String,
}

/// Reads peer summaries (`{id, system, summary}` lines): system → set cluster id → text.
pub fn load_peers(path: &Path) -> Result<(Summaries, Vec<Problem>), QualityError> {
    let text = std::fs::read_to_string(path).map_err(|source| QualityError::Io {
        path: path.display().to_string(),
        source,
    })?;
    let mut peers: Summaries = BTreeMap::new();
    let mut problems = Vec::new();
    for (line_idx, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<PeerLine>(line) {
            Ok(peer) => {
                peers
                    .entry(peer.system)
                    .or_default()
                    .insert(peer.id, peer.summary);
            }
            Err(error) => problems.push(Problem {
                message: format!("{} line {}: {error}", path.display(), line_idx + 1),
                input_skipped: true,
            }),
        }
    }
    Ok((peers, problems))
}

/// One system's jackknifed figures.
#[derive(Debug, Clone, Serialize)]
pub struct SystemRow {
    /// System name.
    pub system: String,
    /// Whether it is one of newsfuse's systems.
    pub newsfuse: bool,
    /// Mean summary length in words (whitespace-separated) over the sets it has.
    pub mean_words: f64,
    /// Per part (`A`, `B`, `C`, `all`): ROUGE-2 recall and ROUGE-SU4 recall in percent, with
    /// their 95% bootstrap intervals, and the number of evaluations.
    pub parts: BTreeMap<String, PartFigures>,
}

/// ROUGE-2 and ROUGE-SU4 recall of one system on one part.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct PartFigures {
    /// Evaluations (sets × left-out references).
    pub n: usize,
    /// ROUGE-2 recall.
    pub rouge2: Interval,
    /// ROUGE-SU4 recall.
    pub su4: Interval,
    /// Rank of the ROUGE-2 mean among the peers and this system (1 = best).
    pub rouge2_rank: usize,
    /// Rank of the ROUGE-SU4 mean among the peers and this system.
    pub su4_rank: usize,
}

/// Scores every system's summaries (system → set cluster id → text) against the topics'
/// references, jackknifed, and reduces them per part. A system without a summary for some set is
/// scored on the sets it has (and a problem says so). Query-focused topics (one set each) have the
/// part `all` only.
pub fn score_systems(
    topics: &[UpdateTopic],
    systems: &Summaries,
    options: &Rouge155Options,
) -> (Vec<SystemRow>, Vec<Problem>) {
    let mut problems = Vec::new();
    let sets: Vec<(usize, &UpdateSet)> = topics
        .iter()
        .flat_map(|t| t.sets.iter().enumerate())
        .collect();
    let n_parts = topics.iter().map(|t| t.sets.len()).max().unwrap_or(0);
    let set_parts = if n_parts > 1 { &SETS[..] } else { &[] };
    let mut rows: Vec<SystemRow> = systems
        .par_iter()
        .map(|(system, texts)| {
            // (part, "evalID", [R-2 recall, SU4 recall])
            let mut evals: Vec<(usize, String, [f64; 2])> = Vec::new();
            for &(set_idx, set) in &sets {
                let Some(summary) = texts.get(&set.cluster.id) else {
                    continue;
                };
                for (left_out, (file, _)) in set.references.iter().enumerate() {
                    let models: Vec<&str> = set
                        .references
                        .iter()
                        .enumerate()
                        .filter(|&(k, _)| k != left_out)
                        .map(|(_, (_, text))| text.as_str())
                        .collect();
                    let scores = score(&models, summary, options);
                    let r2 = scores.rouge_n.get(1).map_or(0.0, |p| p.recall);
                    let su4 = scores.rouge_su.map_or(0.0, |p| p.recall);
                    evals.push((set_idx, eval_id(file), [r2, su4]));
                }
            }
            evals.sort_by(|a, b| a.1.cmp(&b.1));
            let mut parts = BTreeMap::new();
            for (part, filter) in set_parts
                .iter()
                .enumerate()
                .map(|(k, name)| ((*name).to_owned(), Some(k)))
                .chain([("all".to_owned(), None)])
            {
                let chosen: Vec<&[f64; 2]> = evals
                    .iter()
                    .filter(|(set_idx, _, _)| filter.is_none_or(|k| k == *set_idx))
                    .map(|(_, _, values)| values)
                    .collect();
                if chosen.is_empty() {
                    continue;
                }
                let interval = |m: usize| {
                    let values: Vec<f64> = chosen.iter().map(|v| v[m]).collect();
                    let (mean, low, high) = bootstrap_mean_ci(&values, 1000, 0.95, 0);
                    Interval {
                        mean: 100.0 * mean,
                        low: 100.0 * low,
                        high: 100.0 * high,
                    }
                };
                parts.insert(
                    part,
                    PartFigures {
                        n: chosen.len(),
                        rouge2: interval(0),
                        su4: interval(1),
                        rouge2_rank: 0,
                        su4_rank: 0,
                    },
                );
            }
            let lengths: Vec<f64> = sets
                .iter()
                .filter_map(|(_, set)| texts.get(&set.cluster.id))
                .map(|text| text.split_whitespace().count() as f64)
                .collect();
            SystemRow {
                system: system.clone(),
                newsfuse: NEWSFUSE_SYSTEMS.contains(&system.as_str()),
                mean_words: newsfuse_rouge::mean(&lengths),
                parts,
            }
        })
        .collect();
    let n_sets = sets.len();
    for row in &rows {
        let have = systems.get(&row.system).map_or(0, |texts| {
            sets.iter()
                .filter(|(_, set)| texts.contains_key(&set.cluster.id))
                .count()
        });
        if have < n_sets {
            problems.push(Problem {
                message: format!(
                    "{}: summaries for {have} of {n_sets} sets; its figures cover those only",
                    row.system
                ),
                input_skipped: false,
            });
        }
    }
    rank(&mut rows);
    (rows, problems)
}

/// The evaluation a reference's left-out run is named by in NIST's `rougejk.in`:
/// `D0703-A.M.100.A.C` → `D0703-A.M.100.A-C`.
fn eval_id(file: &str) -> String {
    match file.rsplit_once('.') {
        Some((prefix, model)) => format!("{prefix}-{model}"),
        None => file.to_owned(),
    }
}

/// Ranks each system among the peers (every system not newsfuse's) and itself, per part and
/// measure: 1 + the number of peers with a higher mean.
fn rank(rows: &mut [SystemRow]) {
    let peers: Vec<BTreeMap<String, PartFigures>> = rows
        .iter()
        .filter(|r| !r.newsfuse)
        .map(|r| r.parts.clone())
        .collect();
    for row in rows.iter_mut() {
        for (part, figures) in &mut row.parts {
            let mine = *figures;
            let better = |pick: fn(&PartFigures) -> f64| {
                1 + peers
                    .iter()
                    .filter_map(|p| p.get(part))
                    .filter(|p| pick(p) > pick(&mine) + 1e-12)
                    .count()
            };
            figures.rouge2_rank = better(|f| f.rouge2.mean);
            figures.su4_rank = better(|f| f.su4.mean);
        }
    }
}

/// A text table: one row per system, best ROUGE-2 recall over all sets first; per part, R-2 and
/// SU4 recall with their intervals and ranks.
pub fn render_table(rows: &[SystemRow]) -> String {
    use std::fmt::Write as _;
    let mut sorted: Vec<&SystemRow> = rows.iter().collect();
    let all = |r: &SystemRow| r.parts.get("all").map_or(0.0, |p| p.rouge2.mean);
    sorted.sort_by(|a, b| all(b).total_cmp(&all(a)).then(a.system.cmp(&b.system)));
    let parts: Vec<&str> = ["A", "B", "C", "all"]
        .into_iter()
        .filter(|part| rows.iter().any(|r| r.parts.contains_key(*part)))
        .collect();
    let mut out = format!("{:<24} {:>5}", "system", "words");
    for &part in &parts {
        let _ = write!(
            out,
            " | {:^43}",
            format!("{part}: R-2 recall, SU4 recall (rank)")
        );
    }
    out.push('\n');
    for row in sorted {
        let _ = write!(out, "{:<24} {:>5.1}", row.system, row.mean_words);
        for &part in &parts {
            match row.parts.get(part) {
                Some(f) => {
                    let _ = write!(
                        out,
                        " | {:>5.2} [{:>5.2},{:>5.2}] {:>2} {:>5.2} [{:>5.2},{:>5.2}] {:>2}",
                        f.rouge2.mean,
                        f.rouge2.low,
                        f.rouge2.high,
                        f.rouge2_rank,
                        f.su4.mean,
                        f.su4.low,
                        f.su4.high,
                        f.su4_rank
                    );
                }
                None => {
                    let _ = write!(out, " | {:^43}", "-");
                }
            }
        }
        out.push('\n');
    }
    out
}

/// NIST's own jackknifed averages (`rouge2.jk.m.avg`, `rougeSU4.jk.m.avg` in `dir`): system →
/// (R-2 recall, SU4 recall) in percent. Lines it cannot read are skipped.
pub fn nist_averages(dir: &Path) -> Result<BTreeMap<String, (f64, f64)>, QualityError> {
    let read = |name: &str| -> Result<BTreeMap<String, f64>, QualityError> {
        let path = dir.join(name);
        let text = std::fs::read_to_string(&path).map_err(|source| QualityError::Io {
            path: path.display().to_string(),
            source,
        })?;
        Ok(text
            .lines()
            .filter_map(|line| {
                let mut fields = line.split_whitespace();
                let system = fields.next()?;
                let value: f64 = fields.next()?.parse().ok()?;
                Some((system.to_owned(), 100.0 * value))
            })
            .collect())
    };
    let r2 = read("rouge2.jk.m.avg")?;
    let su4 = read("rougeSU4.jk.m.avg")?;
    Ok(r2
        .into_iter()
        .filter_map(|(system, r)| su4.get(&system).map(|&s| (system, (r, s))))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_without_update_set_is_a_query_focused_topic() {
        let line = |id: &str, set: Option<&str>| {
            let mut value = serde_json::json!({
                "id": id,
                "documents": ["The council approved the new bridge on Monday."],
                "summaries": ["A bridge was approved.", "The council approved a bridge."],
                "summary_files": [format!("{id}.M.250.A.A"), format!("{id}.M.250.A.B")],
                "query": {"title": "Bridge", "narrative": "Describe the bridge."},
                "length_limit": {"words": 200},
            });
            if let Some(set) = set {
                value["update_set"] = set.into();
            }
            value.to_string()
        };
        let path = std::env::temp_dir().join(format!("nf-update-{}.jsonl", std::process::id()));
        let lines = [
            line("Q1", None),
            line("T1-A", Some("A")),
            line("T1-B", Some("B")),
            line("T1-C", Some("C")),
        ];
        std::fs::write(&path, lines.join("\n")).expect("temp file");
        let loaded = load_topics(&path, Subset::All);
        let _ = std::fs::remove_file(&path);
        let (topics, problems) = loaded.expect("loads");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(topics.len(), 2);
        let (q1, t1) = (&topics[0], &topics[1]);
        assert_eq!((q1.id.as_str(), q1.sets.len(), q1.words), ("Q1", 1, 200));
        assert_eq!(q1.sets[0].cluster.id, "Q1");
        assert_eq!(q1.query, "Bridge\nDescribe the bridge.");
        assert_eq!((t1.id.as_str(), t1.sets.len(), t1.words), ("T1", 3, WORDS));
        let summaries = newsfuse_summaries(&topics[..1]);
        let options = Rouge155Options::from_flags(NIST_FLAGS).expect("NIST flags parse");
        let (rows, _) = score_systems(&topics[..1], &summaries, &options);
        let parts: Vec<&String> = rows[0].parts.keys().collect();
        assert_eq!(parts, ["all"]);
        assert_eq!(rows[0].parts["all"].n, 2);
    }

    #[test]
    fn eval_ids_follow_nist() {
        assert_eq!(eval_id("D0703-A.M.100.A.C"), "D0703-A.M.100.A-C");
        assert_eq!(eval_id("plain"), "plain");
    }

    #[test]
    fn a_system_is_scored_against_the_other_references_and_ranked() {
        let article = |t: &str| Article {
            text: t.into(),
            ..Article::default()
        };
        let refs = [
            "The council approved the new bridge over the river on Monday.",
            "On Monday the council approved a new bridge over the river.",
            "A new bridge over the river was approved by the council.",
        ];
        let set = |letter: &str| UpdateSet {
            cluster: Cluster {
                id: format!("T1-{letter}"),
                articles: vec![article(
                    "The council approved the new bridge over the river.",
                )],
            },
            references: refs
                .iter()
                .enumerate()
                .map(|(k, r)| (format!("T1-{letter}.M.100.{letter}.{k}"), (*r).to_owned()))
                .collect(),
        };
        let topics = vec![UpdateTopic {
            id: "T1".into(),
            query: String::new(),
            sets: SETS.iter().map(|s| set(s)).collect(),
            words: WORDS,
        }];
        let mut systems = BTreeMap::new();
        let all_sets = |text: &str| -> BTreeMap<String, String> {
            SETS.iter()
                .map(|s| (format!("T1-{s}"), text.to_owned()))
                .collect()
        };
        systems.insert("good".to_owned(), all_sets(refs[0]));
        systems.insert("poor".to_owned(), all_sets("Nothing of the kind happened."));
        let mut partial = all_sets(refs[0]);
        partial.remove("T1-C");
        systems.insert("partial".to_owned(), partial);
        let options = Rouge155Options::from_flags(NIST_FLAGS).expect("NIST flags parse");
        let (rows, problems) = score_systems(&topics, &systems, &options);
        let row = |name: &str| rows.iter().find(|r| r.system == name).expect("scored");
        let good = &row("good").parts["B"];
        // Three left-out references; the summary equals the first, so it is not perfect when the
        // first is among the models scored, and perfect nowhere else.
        assert_eq!(good.n, 3);
        assert!(
            good.rouge2.mean > 30.0 && good.rouge2.mean < 100.0,
            "{good:?}"
        );
        assert_eq!(good.rouge2_rank, 1);
        let poor = &row("poor").parts["all"];
        assert!(poor.rouge2.mean < 1.0);
        assert_eq!(poor.rouge2_rank, 3);
        assert_eq!(row("partial").parts["all"].n, 6);
        assert!(!row("partial").parts.contains_key("C"));
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(render_table(&rows).contains("good"));
    }
}
