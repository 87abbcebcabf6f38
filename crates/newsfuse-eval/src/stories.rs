//! Story clustering evaluation: B-cubed precision, recall and F1 against gold story labels,
//! throughput and peak memory, on a clustering JSONL (`{"id", "text", "title", "label", "time"}`
//! per article, as in `../shared/eval/clustering_*.jsonl`).
//!
//! **Split.** A story label belongs to `Subset::Tune` or `Subset::Holdout` by the same hash as a
//! cluster id in `quality`; an article is in a subset when one of its labels is, and is scored
//! against those labels only. The stream of a subset holds only its articles, in publication
//! order.
//!
//! **Articles with two labels.** An id that occurs on several lines (or a `label` array) is one
//! article with several labels; it is clustered once. Its *effective* label is the one of its
//! labels held by most other members of its predicted story (each member counting each of its
//! labels once; ties go to the label listed first). B-cubed is then computed on effective labels:
//! such an article counts as right when its predicted story's majority matches either label, and
//! it belongs to the gold story of that label only.

use std::path::Path;
use std::time::Instant;

use newsfuse_stories::{ArticleIn, StoryClusterer, StoryConfig, parse_time, publication_order};
use rustc_hash::FxHashMap;
use serde::Deserialize;

use crate::quality::{Problem, QualityError, Subset, peak_memory_mib, process_cpu_seconds};

/// B-cubed precision, recall and F1 (Bagga & Baldwin 1998), each a mean over articles.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BCubed {
    /// Mean over articles of the share of its predicted story that has its label.
    pub precision: f64,
    /// Mean over articles of the share of its gold story that is in its predicted story.
    pub recall: f64,
    /// Harmonic mean of the two.
    pub f1: f64,
}

/// B-cubed of predicted stories against gold labels (one or more per article; see the module
/// doc for the rule with several). Empty input scores 0.
pub fn bcubed<L: AsRef<str>>(predicted: &[u64], gold: &[Vec<L>]) -> BCubed {
    assert_eq!(predicted.len(), gold.len(), "one prediction per article");
    let n = predicted.len();
    if n == 0 {
        return BCubed {
            precision: 0.0,
            recall: 0.0,
            f1: 0.0,
        };
    }
    let mut members: FxHashMap<u64, Vec<usize>> = FxHashMap::default();
    for (i, p) in predicted.iter().enumerate() {
        members.entry(*p).or_default().push(i);
    }
    // Effective label of each article.
    let effective: Vec<&str> = (0..n)
        .map(|i| {
            let labels = &gold[i];
            if labels.len() <= 1 {
                return labels.first().map_or("", AsRef::as_ref);
            }
            let mates = &members[&predicted[i]];
            let mut best = labels[0].as_ref();
            let mut best_count = 0usize;
            for label in labels {
                let count = mates
                    .iter()
                    .filter(|&&j| j != i && gold[j].iter().any(|g| g.as_ref() == label.as_ref()))
                    .count();
                if count > best_count {
                    best = label.as_ref();
                    best_count = count;
                }
            }
            best
        })
        .collect();
    let mut gold_size: FxHashMap<&str, usize> = FxHashMap::default();
    for label in &effective {
        *gold_size.entry(label).or_default() += 1;
    }
    let mut precision = 0.0;
    let mut recall = 0.0;
    for mates in members.values() {
        let mut in_story: FxHashMap<&str, usize> = FxHashMap::default();
        for &j in mates {
            *in_story.entry(effective[j]).or_default() += 1;
        }
        for (label, &count) in &in_story {
            // `count` articles share this label here; each scores count/|story| and count/|gold|.
            precision += (count * count) as f64 / mates.len() as f64;
            recall += (count * count) as f64 / gold_size[label] as f64;
        }
    }
    precision /= n as f64;
    recall /= n as f64;
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    BCubed {
        precision,
        recall,
        f1,
    }
}

/// One article of a clustering file.
#[derive(Debug, Clone, PartialEq)]
pub struct LabelledArticle {
    /// Its id.
    pub id: String,
    /// Headline.
    pub title: String,
    /// Body text.
    pub text: String,
    /// Publication time in seconds since the epoch, when given and readable.
    pub time: Option<i64>,
    /// Gold story labels (usually one).
    pub labels: Vec<String>,
}

#[derive(Deserialize)]
struct Line {
    id: serde_json::Value,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    time: Option<String>,
    #[serde(default)]
    published: Option<String>,
    #[serde(default)]
    label: serde_json::Value,
}

fn value_text(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::Null => None,
        serde_json::Value::String(s) => Some(s.clone()),
        other => Some(other.to_string()),
    }
}

/// Reads a clustering file: one article per id (labels of repeated ids merged), in file order,
/// keeping those with a label in `subset`. Malformed lines become `Problem`s.
pub fn read_clustering(
    path: &Path,
    subset: Subset,
) -> Result<(Vec<LabelledArticle>, Vec<Problem>), QualityError> {
    let text = std::fs::read_to_string(path).map_err(|source| QualityError::Io {
        path: path.display().to_string(),
        source,
    })?;
    let mut articles: Vec<LabelledArticle> = Vec::new();
    let mut by_id: FxHashMap<String, usize> = FxHashMap::default();
    let mut problems = Vec::new();
    for (idx, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let parsed: Line = match serde_json::from_str(line) {
            Ok(p) => p,
            Err(e) => {
                problems.push(Problem {
                    message: format!("{} line {}: {e}", path.display(), idx + 1),
                    input_skipped: true,
                });
                continue;
            }
        };
        let labels: Vec<String> = match &parsed.label {
            serde_json::Value::Array(items) => items.iter().filter_map(value_text).collect(),
            other => value_text(other).into_iter().collect(),
        };
        let labels: Vec<String> = labels.into_iter().filter(|l| subset.contains(l)).collect();
        if labels.is_empty() {
            continue;
        }
        let Some(id) = value_text(&parsed.id) else {
            problems.push(Problem {
                message: format!("{} line {}: no id", path.display(), idx + 1),
                input_skipped: true,
            });
            continue;
        };
        if let Some(&at) = by_id.get(&id) {
            for label in labels {
                if !articles[at].labels.contains(&label) {
                    articles[at].labels.push(label);
                }
            }
            continue;
        }
        by_id.insert(id.clone(), articles.len());
        let time = parsed
            .time
            .or(parsed.published)
            .as_deref()
            .and_then(parse_time);
        articles.push(LabelledArticle {
            id,
            title: parsed.title.unwrap_or_default(),
            text: parsed.text.unwrap_or_default(),
            time,
            labels,
        });
    }
    Ok((articles, problems))
}

/// What `run` measured.
#[derive(Debug, Clone)]
pub struct StoryEvalReport {
    /// Articles scored (distinct ids in the subset).
    pub articles: usize,
    /// Gold stories among them.
    pub gold_stories: usize,
    /// Stories predicted.
    pub predicted_stories: usize,
    /// The scores.
    pub scores: BCubed,
    /// Wall seconds of the clustering alone (one thread; reading the file excluded).
    pub seconds: f64,
    /// Process CPU seconds of the clustering alone, when known (the figure a loaded machine
    /// disturbs least).
    pub cpu_seconds: Option<f64>,
    /// Articles per CPU second of the clustering (per wall second when CPU time is unknown).
    pub articles_per_second: f64,
    /// Peak resident memory of the process in MiB, when known.
    pub peak_memory_mib: Option<f64>,
    /// Lines that could not be used.
    pub problems: Vec<Problem>,
}

/// Clusters one subset of a clustering file as a stream, in publication order, and scores it.
pub fn run(
    data: &Path,
    subset: Subset,
    config: &StoryConfig,
) -> Result<StoryEvalReport, QualityError> {
    let (articles, problems) = read_clustering(data, subset)?;
    if articles.is_empty() {
        return Err(QualityError::Empty(data.display().to_string()));
    }
    let times: Vec<Option<i64>> = articles.iter().map(|a| a.time).collect();
    let order = publication_order(&times);
    let mut predicted = vec![0u64; articles.len()];
    let start = Instant::now();
    let cpu_start = process_cpu_seconds();
    let mut clusterer = StoryClusterer::new(config.clone());
    for &i in &order {
        let a = &articles[i];
        let assignment = clusterer.add(&ArticleIn {
            id: Some(&a.id),
            url: None,
            title: &a.title,
            text: &a.text,
            time: a.time,
        });
        predicted[i] = assignment.story;
    }
    // A story merged into another later on counts as the one it joined.
    for p in &mut predicted {
        *p = clusterer.resolve(*p);
    }
    let seconds = start.elapsed().as_secs_f64();
    let cpu_seconds = process_cpu_seconds()
        .zip(cpu_start)
        .map(|(end, begin)| end - begin);
    let gold: Vec<&[String]> = articles.iter().map(|a| a.labels.as_slice()).collect();
    let gold_owned: Vec<Vec<&str>> = gold
        .iter()
        .map(|l| l.iter().map(String::as_str).collect())
        .collect();
    let scores = bcubed(&predicted, &gold_owned);
    let mut gold_labels: Vec<&str> = gold_owned.iter().flatten().copied().collect();
    gold_labels.sort_unstable();
    gold_labels.dedup();
    let mut stories = predicted.clone();
    stories.sort_unstable();
    stories.dedup();
    Ok(StoryEvalReport {
        articles: articles.len(),
        gold_stories: gold_labels.len(),
        predicted_stories: stories.len(),
        scores,
        seconds,
        cpu_seconds,
        articles_per_second: articles.len() as f64 / cpu_seconds.unwrap_or(seconds).max(1e-9),
        peak_memory_mib: peak_memory_mib(),
        problems,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn perfect_clustering_scores_one() {
        let s = bcubed(&[0, 0, 1], &[vec!["a"], vec!["a"], vec!["b"]]);
        assert!(close(s.precision, 1.0) && close(s.recall, 1.0) && close(s.f1, 1.0));
    }

    #[test]
    fn a_split_story_costs_recall_only() {
        // Gold a = {0, 1, 2}; predicted {0, 1} and {2}: recall (2/3 + 2/3 + 1/3) / 3 = 5/9.
        let s = bcubed(&[0, 0, 1], &[vec!["a"], vec!["a"], vec!["a"]]);
        assert!(close(s.precision, 1.0));
        assert!(close(s.recall, 5.0 / 9.0));
        assert!(close(s.f1, 2.0 * (5.0 / 9.0) / (1.0 + 5.0 / 9.0)));
    }

    #[test]
    fn a_merged_story_costs_precision_only() {
        // One predicted story of gold a = {0, 1} and b = {2}: precision (2/3 + 2/3 + 1/3) / 3.
        let s = bcubed(&[7, 7, 7], &[vec!["a"], vec!["a"], vec!["b"]]);
        assert!(close(s.precision, 5.0 / 9.0));
        assert!(close(s.recall, 1.0));
    }

    #[test]
    fn an_article_with_two_labels_counts_with_its_storys_majority() {
        // Article 2 is labelled a and b; it sits with two a's, so it counts as a: perfect.
        let gold = vec![vec!["a"], vec!["a"], vec!["b", "a"], vec!["b"]];
        let s = bcubed(&[0, 0, 0, 1], &gold);
        assert!(close(s.f1, 1.0));
        // Put with the b article instead, it counts as b: still perfect.
        let s = bcubed(&[0, 0, 1, 1], &gold);
        assert!(close(s.f1, 1.0));
        // Alone, it takes its first label (b); b = {2, 3} is then split: recall
        // (1 + 1 + 1/2 + 1/2) / 4 = 3/4.
        let s = bcubed(&[0, 0, 1, 2], &gold);
        assert!(close(s.precision, 1.0));
        assert!(close(s.recall, 0.75));
    }

    #[test]
    fn reading_merges_repeated_ids_and_reports_bad_lines() {
        let dir =
            std::env::temp_dir().join(format!("newsfuse-stories-eval-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("c.jsonl");
        std::fs::write(
            &path,
            "{\"id\":\"x\",\"text\":\"Owls nest.\",\"label\":\"L1\",\"time\":\"2020-01-02\"}\n\
             not json\n\
             {\"id\":\"x\",\"text\":\"Owls nest.\",\"label\":\"L2\",\"time\":\"2020-01-02\"}\n\
             {\"id\":\"y\",\"text\":\"Bats fly.\",\"label\":\"L2\"}\n",
        )
        .unwrap();
        let (articles, problems) = read_clustering(&path, Subset::All).unwrap();
        std::fs::remove_dir_all(&dir).ok();
        assert_eq!(articles.len(), 2);
        assert_eq!(articles[0].labels, vec!["L1".to_string(), "L2".to_string()]);
        assert_eq!(articles[0].time, Some(1_577_923_200));
        assert_eq!(articles[1].time, None);
        assert_eq!(problems.len(), 1);
        assert!(
            problems[0].message.contains("line 2"),
            "{}",
            problems[0].message
        );
    }
}
