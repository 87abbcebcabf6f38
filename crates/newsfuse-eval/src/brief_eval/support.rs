//! Target 5 (the parts measured here): web furniture in summaries, and facts stated twice.
//!
//! **Furniture.** `furniture.jsonl` holds a verdict for every sentence of the default summaries
//! of the 97 Multi-News dev clusters (`newsfuse summarize --words 300`), each read by hand:
//! cluster, article, byte span, `furniture` (site text: video-widget prefixes, gallery
//! counters, reader-tip prompts, share widgets, error pages, web-archive notices), `caption` (a
//! photo caption), or `clean`, with a short reason. For the summaries the library makes now this
//! module counts the clusters with a sentence judged furniture (`support.furniture_clusters`,
//! target 0) or caption (`support.caption_clusters`), and the summary sentences that no
//! judgement covers (`support.unjudged_sentences`: a sentence the file has not seen, which has
//! to be read and added before the furniture figure can be trusted). The `_plain` figures are
//! the same for the selection without the reading pass.
//!
//! **Repeated facts.** `support.repeated_fact_summaries` is the share of summaries with a
//! sentence that gives a figure an earlier sentence already gave about the same thing
//! ([`newsfuse::reading::repeats_fact`]), for the library's summaries and (`_plain`) for the
//! selection without the reading pass.

use std::collections::HashMap;

use serde::Deserialize;

use newsfuse::reading;

use super::openings::{SETS, lines, summaries};
use super::{BriefEvalConfig, Figure, Part};

#[derive(Deserialize)]
struct Judgement {
    cluster: String,
    article: usize,
    start: usize,
    end: usize,
    verdict: String,
}

/// Runs this part of the brief evaluation.
pub fn run(config: &BriefEvalConfig) -> Result<Vec<Figure>, String> {
    let path = config.labels.join("furniture.jsonl");
    let text = std::fs::read_to_string(&path)
        .map_err(|e| format!("{}: {e} (the furniture judgements)", path.display()))?;
    let mut judged: HashMap<(String, usize, usize, usize), String> = HashMap::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let j: Judgement = serde_json::from_str(line)
            .map_err(|e| format!("{} line {}: {e}", path.display(), i + 1))?;
        if !matches!(j.verdict.as_str(), "furniture" | "caption" | "clean") {
            return Err(format!(
                "{} line {}: unknown verdict {:?}",
                path.display(),
                i + 1,
                j.verdict
            ));
        }
        judged.insert((j.cluster, j.article, j.start, j.end), j.verdict);
    }
    let (file, _, words) = SETS[0];
    let all = summaries(&config.shared, file, words)?;
    let mut figures = Vec::new();
    for part in [Part::Tune, Part::Holdout, Part::All] {
        let subset = part.subset();
        for (label, plain) in [("", false), ("_plain", true)] {
            let (mut clusters, mut furniture, mut captions) = (0, 0, 0);
            let (mut sentences, mut unjudged, mut repeated) = (0, 0, 0);
            for s in all.iter().filter(|s| subset.contains(&s.cluster.id)) {
                let picks = if plain { &s.plain } else { &s.shipped };
                let lines = lines(&s.cluster, &s.prepared, picks);
                clusters += 1;
                let mut verdicts = Vec::new();
                for l in &lines {
                    sentences += 1;
                    let key = (
                        s.cluster.id.clone(),
                        l.article,
                        l.sentence.span.start,
                        l.sentence.span.end,
                    );
                    match judged.get(&key) {
                        Some(v) => verdicts.push(v.as_str()),
                        None => unjudged += 1,
                    }
                }
                furniture += usize::from(verdicts.contains(&"furniture"));
                captions += usize::from(verdicts.contains(&"caption"));
                let repeats = (1..lines.len()).any(|k| {
                    lines[..k]
                        .iter()
                        .any(|b| reading::repeats_fact(&lines[k], b))
                });
                repeated += usize::from(repeats);
            }
            for (name, k, n) in [
                ("support.furniture_clusters", furniture, clusters),
                ("support.caption_clusters", captions, clusters),
                ("support.unjudged_sentences", unjudged, sentences),
                ("support.repeated_fact_summaries", repeated, clusters),
            ] {
                figures.push(
                    Figure::proportion(5, &format!("{name}{label}"), part, k, n).lower_is_better(),
                );
            }
        }
    }
    Ok(figures)
}
