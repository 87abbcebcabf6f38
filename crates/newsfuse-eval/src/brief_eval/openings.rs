//! Target 6: summaries that open with a sentence whose subject points outside the summary.
//!
//! The detector is [`newsfuse::reading::dangles`] (a pronoun subject, or a definite description
//! whose head the summary has not named before). For Multi-News dev (300 words) and DUC 2003
//! (100 words) this module reports, per split part, the share of summaries whose first sentence
//! dangles and the share of all summary sentences that dangle, for the default summarizer as it
//! ships (`summarize_prepared`, which leaves such sentences out and selects again) and for the
//! plain selection without that pass (`select` then `order`, the `_plain` figures). It also reads
//! `openings_judged.jsonl` (a sample of summary sentences of the plain selection read by hand:
//! cluster, article, byte span, whether the detector flags it, whether it really dangles) and
//! reports the detector's precision on the flagged ones and the share of unflagged ones that
//! really dangle.

use std::path::Path;

use serde::Deserialize;

use newsfuse::model::Cluster;
use newsfuse::order::order;
use newsfuse::reading::{self, Line};
use newsfuse::select::{Budget, select};
use newsfuse::summary::{Prepared, SummaryConfig, prepare, summarize_prepared};

use super::{BriefEvalConfig, Figure, Part};
use crate::quality::{Subset, load_dataset};

/// The two sets: file under `eval/`, short name, word budget.
pub const SETS: [(&str, &str, usize); 2] = [
    ("multinews_full_dev.jsonl", "mn", 300),
    ("duc2003_task2.jsonl", "duc", 100),
];

/// One summary, as `(article, sentence)` picks in reading order, for both pipelines.
pub struct Summaries {
    /// The cluster.
    pub cluster: Cluster,
    /// Its text stages.
    pub prepared: Prepared,
    /// The default summarizer's picks.
    pub shipped: Vec<(usize, usize)>,
    /// `select` then `order`, without the reading pass.
    pub plain: Vec<(usize, usize)>,
}

/// Loads a set and summarizes every cluster both ways.
pub fn summaries(shared: &Path, file: &str, words: usize) -> Result<Vec<Summaries>, String> {
    let path = shared.join("eval").join(file);
    let (clusters, _problems) =
        load_dataset(&path, Subset::All, None).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut config = SummaryConfig::default();
    config.select.budget = Budget::Words(words);
    Ok(clusters
        .into_iter()
        .map(|item| {
            let cluster = item.cluster;
            let prepared = prepare(&cluster, &config.analyze);
            let shipped = summarize_prepared(&cluster, &prepared, &config).picks();
            let picks = select(&prepared.analysis, &config.select);
            let plain = order(&cluster, &prepared.analysis, &picks)
                .into_iter()
                .map(|i| {
                    let info = &prepared.analysis.sentences[i];
                    (info.article, info.sentence)
                })
                .collect();
            Summaries {
                cluster,
                prepared,
                shipped,
                plain,
            }
        })
        .collect())
}

/// The reading lines of a summary's picks.
pub fn lines<'a>(
    cluster: &'a Cluster,
    prepared: &'a Prepared,
    picks: &[(usize, usize)],
) -> Vec<Line<'a>> {
    picks
        .iter()
        .filter_map(|&(article, sentence)| {
            Some(Line {
                text: &cluster.articles.get(article)?.text,
                sentence: prepared.segmented.get(article)?.sentences.get(sentence)?,
                article,
            })
        })
        .collect()
}

/// Per summary: (opening dangles, dangling sentences, sentences).
fn count(lines: &[Line<'_>]) -> (bool, usize, usize) {
    let dangling: Vec<bool> = (0..lines.len())
        .map(|k| reading::dangles(&lines[k], &lines[..k]))
        .collect();
    (
        dangling.first().copied().unwrap_or(false),
        dangling.iter().filter(|&&d| d).count(),
        lines.len(),
    )
}

#[derive(Deserialize)]
struct Judged {
    set: String,
    cluster: String,
    article: usize,
    start: usize,
    end: usize,
    flagged: bool,
    dangles: bool,
    /// The summary sentences before it when it was read: `[article, start, end]`.
    context: Vec<[usize; 3]>,
}

/// Runs this part of the brief evaluation.
pub fn run(config: &BriefEvalConfig) -> Result<Vec<Figure>, String> {
    let mut figures = Vec::new();
    for (file, name, words) in SETS {
        let all = summaries(&config.shared, file, words)?;
        for part in [Part::Tune, Part::Holdout, Part::All] {
            let subset = part.subset();
            for (label, plain) in [("", false), ("_plain", true)] {
                let (mut openings, mut summaries_n, mut dangling, mut sentences) = (0, 0, 0, 0);
                for s in all.iter().filter(|s| subset.contains(&s.cluster.id)) {
                    let picks = if plain { &s.plain } else { &s.shipped };
                    let (opens, d, n) = count(&lines(&s.cluster, &s.prepared, picks));
                    openings += usize::from(opens);
                    summaries_n += usize::from(n > 0);
                    dangling += d;
                    sentences += n;
                }
                figures.push(
                    Figure::proportion(
                        6,
                        &format!("openings.{name}.opening_dangles{label}"),
                        part,
                        openings,
                        summaries_n,
                    )
                    .lower_is_better(),
                );
                figures.push(
                    Figure::proportion(
                        6,
                        &format!("openings.{name}.sentences_dangle{label}"),
                        part,
                        dangling,
                        sentences,
                    )
                    .lower_is_better(),
                );
            }
        }
    }
    figures.extend(detector_figures(config)?);
    Ok(figures)
}

fn detector_figures(config: &BriefEvalConfig) -> Result<Vec<Figure>, String> {
    let path = config.labels.join("openings_judged.jsonl");
    let text = std::fs::read_to_string(&path)
        .map_err(|e| format!("{}: {e} (the hand-read sample)", path.display()))?;
    let mut judged = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let j: Judged = serde_json::from_str(line)
            .map_err(|e| format!("{} line {}: {e}", path.display(), i + 1))?;
        judged.push(j);
    }
    if judged.is_empty() {
        return Err(format!("{}: no judgements", path.display()));
    }
    // The file records what the detector said when the sample was read, with the summary
    // sentences before each judged one; check the detector still says so in that context (a
    // changed detector needs its sample read again).
    let mut sets = Vec::new();
    for (file, name, words) in SETS {
        sets.push((name, summaries(&config.shared, file, words)?));
    }
    let mut stale = 0;
    for j in &judged {
        let Some(s) = sets
            .iter()
            .filter(|(name, _)| *name == j.set)
            .flat_map(|(_, all)| all)
            .find(|s| s.cluster.id == j.cluster)
        else {
            stale += 1;
            continue;
        };
        let find = |article: usize, start: usize, end: usize| {
            s.prepared.segmented.get(article).and_then(|a| {
                a.sentences
                    .iter()
                    .position(|x| x.span.start == start && x.span.end == end)
                    .map(|i| (article, i))
            })
        };
        let mut picks: Vec<(usize, usize)> = j
            .context
            .iter()
            .filter_map(|&[a, st, en]| find(a, st, en))
            .collect();
        let Some(own) = find(j.article, j.start, j.end) else {
            stale += 1;
            continue;
        };
        if picks.len() != j.context.len() {
            stale += 1;
            continue;
        }
        picks.push(own);
        let lines = lines(&s.cluster, &s.prepared, &picks);
        let k = lines.len() - 1;
        if reading::dangles(&lines[k], &lines[..k]) != j.flagged {
            stale += 1;
        }
    }
    if stale > 0 {
        return Err(format!(
            "{}: the detector now decides {stale} judged sentences differently (or their text \
             moved); read the sample again",
            path.display()
        ));
    }
    let mut figures = Vec::new();
    for part in [Part::Tune, Part::Holdout, Part::All] {
        let subset = part.subset();
        let flagged: Vec<&Judged> = judged
            .iter()
            .filter(|j| j.flagged && subset.contains(&j.cluster))
            .collect();
        let unflagged: Vec<&Judged> = judged
            .iter()
            .filter(|j| !j.flagged && subset.contains(&j.cluster))
            .collect();
        figures.push(Figure::proportion(
            6,
            "openings.detector_precision",
            part,
            flagged.iter().filter(|j| j.dangles).count(),
            flagged.len(),
        ));
        figures.push(
            Figure::proportion(
                6,
                "openings.detector_missed",
                part,
                unflagged.iter().filter(|j| j.dangles).count(),
                unflagged.len(),
            )
            .lower_is_better(),
        );
    }
    Ok(figures)
}
