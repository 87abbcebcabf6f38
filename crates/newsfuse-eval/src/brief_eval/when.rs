//! Target 4, the event date. The checked set (`when.jsonl` in the labels folder) gives, per
//! cluster, the event date judged by reading (or `none` when the cluster is an ongoing story with
//! no single event) and how the text anchors it (`relative`: a weekday or "yesterday" that needs
//! the publication date; `explicit`: a date written in the text; `dateline`: a dated dateline).
//!
//! Two runs:
//! - with publication dates: each DUC article's date (from its document id, e.g.
//!   `APW19981017.0151`) is given to the library as [`Article::published`]; `when.with_dates_right`
//!   is the share of event clusters whose event date is the judged one, and
//!   `when.with_dates_none_given` the share of clusters judged `none` (a story over weeks) that
//!   are given a date anyway;
//! - without publication dates (every cluster, the dates of DUC ids withheld):
//!   `when.no_dates_wrong` is the share of clusters given a date that is not the judged one (a
//!   date on a `none` cluster is wrong), `when.no_dates_given` the share given any date, and
//!   `when.no_dates_right` the share of event clusters given the judged date.
//!
//! The same figures are computed on a second tuning part, `tune2` (`when_tune2.jsonl`: DUC 2006
//! clusters 11-50 and the B and C sets of DUC 2007, judged the same way), which is never part of
//! `all`: the checked set's tune part holds only seven event clusters. A third, `tune3`
//! (`when_tune3.jsonl`), holds the tune-part stories of the UCI News Aggregator clustering file
//! (headlines only, each headline an article dated by its timestamp). A fourth, `tune4`
//! (`when_tune4.jsonl`), holds news bursts inside the `tune2` clusters (the articles of a run of
//! days, listed in `articles`), a larger set with publication dates.
//!
//! [`Article::published`]: newsfuse::model::Article::published

use std::collections::BTreeMap;

use newsfuse::brief::build_brief_prepared;
use newsfuse::ingest::article_from_text;
use newsfuse::model::Cluster;
use serde::Deserialize;

use super::entities::{LoadedCluster, load};
use super::{BriefEvalConfig, Figure, Part};
use crate::quality::Subset;

/// One line of `when.jsonl`.
#[derive(Debug, Clone, Deserialize)]
pub struct DateJudgement {
    /// The file under `eval/` (without `.jsonl`).
    pub file: String,
    /// Cluster id.
    pub cluster: String,
    /// `YYYY-MM-DD`, or `none`.
    pub event_date: String,
    /// `relative`, `explicit`, `dateline` or `none`.
    pub anchor: String,
    /// Why, in the judge's words.
    #[serde(default)]
    pub reason: String,
    /// The articles of the parent cluster judged (0-based, file order): a news burst inside a
    /// larger cluster (`when_tune4.jsonl`). Empty: the whole cluster.
    #[serde(default)]
    pub articles: Vec<usize>,
}

/// The checked set's judgements (parts tune and holdout), in the labels folder.
pub const JUDGEMENTS_FILE: &str = "when.jsonl";
/// The second tuning part's judgements (part `tune2`), in the labels folder.
pub const TUNE2_FILE: &str = "when_tune2.jsonl";
/// The third tuning part's judgements (part `tune3`: stories of a clustering file), in the
/// labels folder.
pub const TUNE3_FILE: &str = "when_tune3.jsonl";
/// The fourth tuning part's judgements (part `tune4`: news bursts inside the `tune2` clusters),
/// in the labels folder.
pub const TUNE4_FILE: &str = "when_tune4.jsonl";

/// Reads the checked set ([`JUDGEMENTS_FILE`]).
pub fn read_judgements(labels: &std::path::Path) -> Result<Vec<DateJudgement>, String> {
    read_judgements_in(labels, JUDGEMENTS_FILE)
}

/// Reads one judgements file of the labels folder.
pub fn read_judgements_in(
    labels: &std::path::Path,
    file: &str,
) -> Result<Vec<DateJudgement>, String> {
    let path = labels.join(file);
    let text = std::fs::read_to_string(&path).map_err(|e| {
        format!(
            "cannot read {} (the event-date judgements): {e}",
            path.display()
        )
    })?;
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            serde_json::from_str(l).map_err(|e| format!("{} line {}: {e}", path.display(), i + 1))
        })
        .collect()
}

/// The event date the library gives a cluster.
pub fn event_date(cluster: &Cluster) -> Option<String> {
    let prepared =
        newsfuse::summary::prepare(cluster, &newsfuse::analyze::AnalyzeConfig::default());
    build_brief_prepared(cluster, &prepared, &[])
        .when
        .event_date
}

/// The cluster with each article's publication date set where known.
pub fn with_dates(loaded: &LoadedCluster) -> Cluster {
    let mut cluster = loaded.cluster.clone();
    for (article, date) in cluster.articles.iter_mut().zip(&loaded.dates) {
        article.published.clone_from(date);
    }
    cluster
}

/// One cluster's outcome.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The judgement.
    pub judged: DateJudgement,
    /// Event date given with publication dates (`None` when the cluster has none to give).
    pub with_dates: Option<Option<String>>,
    /// Event date given without publication dates.
    pub no_dates: Option<String>,
}

/// Runs the library over the checked set.
pub fn outcomes(config: &BriefEvalConfig) -> Result<Vec<Outcome>, String> {
    outcomes_of(config, &read_judgements(&config.labels)?)
}

/// Runs the library over the clusters of `judgements`.
pub fn outcomes_of(
    config: &BriefEvalConfig,
    judgements: &[DateJudgement],
) -> Result<Vec<Outcome>, String> {
    let mut by_file: BTreeMap<&str, Vec<&DateJudgement>> = BTreeMap::new();
    for j in judgements {
        by_file.entry(j.file.as_str()).or_default().push(j);
    }
    let mut out = Vec::new();
    for (file, js) in by_file {
        let ids: Vec<&str> = js.iter().map(|j| j.cluster.as_str()).collect();
        let name = format!("{file}.jsonl");
        let loaded = if file.starts_with("clustering_") {
            load_stories(&config.shared, &name, &ids)?
        } else {
            load(&config.shared, &name, &ids)?
        };
        for (j, l) in js.into_iter().zip(&loaded) {
            let burst;
            let l = if j.articles.is_empty() {
                l
            } else {
                burst = only_articles(l, &j.articles)?;
                &burst
            };
            let has_dates = l.dates.iter().any(Option::is_some);
            out.push(Outcome {
                judged: j.clone(),
                with_dates: has_dates.then(|| event_date(&with_dates(l))),
                no_dates: event_date(&l.cluster),
            });
        }
    }
    Ok(out)
}

/// The named articles of a loaded cluster (a burst inside it), with their dates.
fn only_articles(loaded: &LoadedCluster, articles: &[usize]) -> Result<LoadedCluster, String> {
    let mut out = LoadedCluster {
        cluster: Cluster {
            id: loaded.cluster.id.clone(),
            articles: Vec::new(),
        },
        dates: Vec::new(),
    };
    for &k in articles {
        let article = loaded
            .cluster
            .articles
            .get(k)
            .ok_or_else(|| format!("cluster {} has no article {k}", loaded.cluster.id))?;
        out.cluster.articles.push(article.clone());
        out.dates.push(loaded.dates.get(k).cloned().flatten());
    }
    Ok(out)
}

/// One line of a clustering file (one article with its story label).
#[derive(Deserialize)]
struct StoryLine {
    #[serde(default)]
    text: String,
    #[serde(default)]
    title: String,
    label: serde_json::Value,
    #[serde(default)]
    time: String,
}

/// Loads the named stories (`label`s) of a clustering file under `shared/eval` as clusters, one
/// article per line in file order: its text, or its title when it has no text (a headlines-only
/// file), dated by its `time`.
pub fn load_stories(
    shared: &std::path::Path,
    file: &str,
    ids: &[&str],
) -> Result<Vec<LoadedCluster>, String> {
    let path = shared.join("eval").join(file);
    let text = std::fs::read_to_string(&path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mut found: BTreeMap<String, LoadedCluster> = BTreeMap::new();
    for (i, raw) in text.lines().enumerate() {
        if raw.trim().is_empty() {
            continue;
        }
        let line: StoryLine = serde_json::from_str(raw)
            .map_err(|e| format!("{} line {}: {e}", path.display(), i + 1))?;
        let labels: Vec<String> = match line.label {
            serde_json::Value::Array(items) => items
                .iter()
                .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string))
                .collect(),
            serde_json::Value::String(s) => vec![s],
            other => vec![other.to_string()],
        };
        for label in labels {
            if !ids.contains(&label.as_str()) {
                continue;
            }
            let entry = found.entry(label.clone()).or_insert_with(|| LoadedCluster {
                cluster: Cluster {
                    id: label.clone(),
                    articles: Vec::new(),
                },
                dates: Vec::new(),
            });
            let body = if line.text.trim().is_empty() {
                line.title.clone()
            } else {
                line.text.clone()
            };
            let k = entry.cluster.articles.len();
            let mut notes = Vec::new();
            entry.cluster.articles.push(article_from_text(
                &body,
                &format!("{label}#{k}"),
                &mut notes,
            ));
            entry.dates.push(
                line.time
                    .get(..10)
                    .filter(|d| newsfuse::brief::when::parse_iso_date(d).is_some())
                    .map(str::to_string),
            );
        }
    }
    ids.iter()
        .map(|id| {
            found
                .remove(*id)
                .ok_or_else(|| format!("{}: story {id} not found", path.display()))
        })
        .collect()
}

/// Runs this part of the brief evaluation.
pub fn run(config: &BriefEvalConfig) -> Result<Vec<Figure>, String> {
    let checked = outcomes(config)?;
    let tune2 = outcomes_of(config, &read_judgements_in(&config.labels, TUNE2_FILE)?)?;
    let tune3 = outcomes_of(config, &read_judgements_in(&config.labels, TUNE3_FILE)?)?;
    let tune4 = outcomes_of(config, &read_judgements_in(&config.labels, TUNE4_FILE)?)?;
    let mut figures = Vec::new();
    for (part, outcomes, subset) in [
        (Part::Tune, &checked, Subset::Tune),
        (Part::Holdout, &checked, Subset::Holdout),
        (Part::Tune2, &tune2, Subset::All),
        (Part::Tune3, &tune3, Subset::Tune),
        (Part::Tune4, &tune4, Subset::All),
        (Part::All, &checked, Subset::All),
    ] {
        let mine: Vec<&Outcome> = outcomes
            .iter()
            .filter(|o| subset.contains(&o.judged.cluster))
            .collect();
        let is_event = |o: &&&Outcome| o.judged.event_date != "none";
        let right = |given: Option<&String>, o: &Outcome| given == Some(&o.judged.event_date);
        let dated_events: Vec<&&Outcome> = mine
            .iter()
            .filter(is_event)
            .filter(|o| o.with_dates.is_some())
            .collect();
        let with_right = dated_events
            .iter()
            .filter(|o| right(o.with_dates.as_ref().and_then(Option::as_ref), o))
            .count();
        figures.push(Figure::proportion(
            4,
            "when.with_dates_right",
            part,
            with_right,
            dated_events.len(),
        ));
        let dated_none: Vec<&&Outcome> = mine
            .iter()
            .filter(|o| o.judged.event_date == "none" && o.with_dates.is_some())
            .collect();
        let none_given = dated_none
            .iter()
            .filter(|o| o.with_dates.as_ref().is_some_and(Option::is_some))
            .count();
        figures.push(
            Figure::proportion(
                4,
                "when.with_dates_none_given",
                part,
                none_given,
                dated_none.len(),
            )
            .lower_is_better(),
        );
        let given = mine.iter().filter(|o| o.no_dates.is_some()).count();
        let wrong = mine
            .iter()
            .filter(|o| o.no_dates.is_some() && !right(o.no_dates.as_ref(), o))
            .count();
        let events: Vec<&&Outcome> = mine.iter().filter(is_event).collect();
        let no_right = events
            .iter()
            .filter(|o| right(o.no_dates.as_ref(), o))
            .count();
        figures.push(
            Figure::proportion(4, "when.no_dates_wrong", part, wrong, mine.len()).lower_is_better(),
        );
        figures.push(Figure::proportion(
            4,
            "when.no_dates_given",
            part,
            given,
            mine.len(),
        ));
        figures.push(Figure::proportion(
            4,
            "when.no_dates_right",
            part,
            no_right,
            events.len(),
        ));
    }
    Ok(figures)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stories_group_by_label_with_their_titles_and_times() {
        let dir =
            std::env::temp_dir().join(format!("newsfuse-when-stories-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("eval")).expect("temp dir");
        let lines = [
            r#"{"id": "u1", "text": "", "title": "Chain files for bankruptcy", "label": "a", "time": "2014-03-10T16:52:50Z"}"#,
            r#"{"id": "u2", "text": "", "title": "Markets slip", "label": "b", "time": "2014-03-11T01:00:00Z"}"#,
            r#"{"id": "u3", "text": "A body of text.", "title": "Chain closes", "label": "a", "time": "2014-03-10T16:53:00Z"}"#,
        ];
        std::fs::write(dir.join("eval/clustering_x.jsonl"), lines.join("\n")).expect("written");
        let loaded = load_stories(&dir, "clustering_x.jsonl", &["a", "b"]).expect("loads");
        assert_eq!(loaded.len(), 2);
        assert_eq!(loaded[0].cluster.id, "a");
        assert_eq!(loaded[0].cluster.articles.len(), 2);
        assert!(
            loaded[0].cluster.articles[0]
                .text
                .contains("files for bankruptcy")
        );
        assert!(
            loaded[0].cluster.articles[1]
                .text
                .contains("A body of text.")
        );
        assert_eq!(loaded[0].dates, vec![Some("2014-03-10".to_string()); 2]);
        assert_eq!(loaded[1].dates, vec![Some("2014-03-11".to_string())]);
        assert!(load_stories(&dir, "clustering_x.jsonl", &["c"]).is_err());
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn missing_labels_are_an_error() {
        let dir = std::env::temp_dir().join("newsfuse-no-date-labels");
        assert!(read_judgements(&dir).is_err());
    }
}
