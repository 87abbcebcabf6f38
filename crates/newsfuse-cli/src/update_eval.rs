//! `newsfuse eval-update`: update summaries on the DUC 2007 update task, beside its peers; also
//! the query-focused summary (`summarize_update_about` with nothing seen) on DUC 2006.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;

use std::fmt::Write as _;
use std::io::Write as _;

use anyhow::{Context, Result};
use clap::Args;
use newsfuse_eval::quality::Subset;
use newsfuse_eval::update;
use newsfuse_rouge::rouge155::Rouge155Options;
use serde_json::json;

use crate::eval::SubsetArg;
use crate::stories::ReportFormat;

#[derive(Args)]
pub(crate) struct EvalUpdateArgs {
    /// The update task JSONL (`duc2007_update.jsonl`): one line per topic and set (A, B, C) with
    /// `id`, `update_set`, `documents`, `doc_dates`, `summaries`, `summary_files`, `query`. A
    /// line without `update_set` (`duc2006.jsonl`) is a query-focused topic of one set, summarized
    /// to its `length_limit` with nothing seen.
    #[arg(long)]
    data: PathBuf,
    /// Other systems' summaries (`{id, system, summary}` lines), scored in the same run.
    #[arg(long)]
    peers: Option<PathBuf>,
    /// NIST's run folder (`rouge155/duc2007_update_nisteval`, `rouge155/duc2006_nisteval`): prints
    /// how far the peers' figures over all sets are from NIST's own jackknifed averages (with
    /// every topic only).
    #[arg(long)]
    nist: Option<PathBuf>,
    /// Which fixed half of the topics: `tune` (even hash of the topic id), `holdout` (odd) or `all`.
    #[arg(long, value_enum, default_value = "all")]
    subset: SubsetArg,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    format: ReportFormat,
}

pub(crate) fn run_eval_update(args: &EvalUpdateArgs) -> Result<ExitCode> {
    let (subset, subset_name) = match args.subset {
        SubsetArg::All => (Subset::All, "all"),
        SubsetArg::Tune => (Subset::Tune, "tune"),
        SubsetArg::Holdout => (Subset::Holdout, "holdout"),
    };
    let (topics, mut problems) = update::load_topics(&args.data, subset)?;
    let mut systems = update::newsfuse_summaries(&topics);
    if let Some(path) = &args.peers {
        let (peers, peer_problems) = update::load_peers(path)?;
        problems.extend(peer_problems);
        systems.extend(peers);
    }
    let options = Rouge155Options::from_flags(update::NIST_FLAGS)
        .map_err(|e| anyhow::anyhow!("NIST flags: {e:?}"))?;
    let (rows, score_problems) = update::score_systems(&topics, &systems, &options);
    problems.extend(score_problems);
    for problem in &problems {
        let kind = if problem.input_skipped {
            "error"
        } else {
            "note"
        };
        eprintln!("{kind}: {}", problem.message);
    }
    let nist_gap = match (&args.nist, args.subset) {
        (Some(dir), SubsetArg::All) => {
            let nist = update::nist_averages(dir)?;
            let gap = rows
                .iter()
                .filter_map(|row| {
                    let (r2, su4) = nist.get(&row.system)?;
                    let ours = row.parts.get("all")?;
                    Some(
                        (ours.rouge2.mean - r2)
                            .abs()
                            .max((ours.su4.mean - su4).abs()),
                    )
                })
                .fold(None, |max: Option<f64>, d| {
                    Some(max.map_or(d, |m| m.max(d)))
                });
            let compared = rows.iter().filter(|r| nist.contains_key(&r.system)).count();
            Some((compared, gap))
        }
        _ => None,
    };
    let topic_ids: Vec<&str> = topics.iter().map(|t| t.id.as_str()).collect();
    let mut words: Vec<usize> = topics.iter().map(|t| t.words).collect();
    words.sort_unstable();
    words.dedup();
    let words_json = match words.as_slice() {
        [one] => json!(one),
        many => json!(many),
    };
    let words = words
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("/");
    let mut out = String::new();
    match args.format {
        ReportFormat::Json => {
            let by_system: BTreeMap<&str, _> = rows
                .iter()
                .map(|r| {
                    (
                        r.system.as_str(),
                        json!({"mean_words": r.mean_words, "parts": &r.parts}),
                    )
                })
                .collect();
            let _ = writeln!(
                out,
                "{}",
                json!({
                    "data": args.data.display().to_string(),
                    "subset": subset_name,
                    "topics": topic_ids,
                    "rouge_flags": update::NIST_FLAGS,
                    "words": words_json,
                    "systems": by_system,
                    "nist_max_abs_diff": nist_gap.and_then(|(_, gap)| gap),
                })
            );
        }
        ReportFormat::Table => {
            let _ = writeln!(
                out,
                "{} ({subset_name}: {} topics {}), {} words, ROUGE-1.5.5 {}, jackknifed; \
                 recall in percent [95% bootstrap interval] and rank among the peers",
                args.data.display(),
                topics.len(),
                topic_ids.join(" "),
                words,
                update::NIST_FLAGS
            );
            out.push_str(&update::render_table(&rows));
            if let Some((compared, gap)) = nist_gap {
                match gap {
                    Some(gap) => writeln!(
                        out,
                        "NIST's jackknifed averages: {compared} systems compared over all sets, \
                         max |diff| {gap:.3} points"
                    ),
                    None => writeln!(out, "NIST's jackknifed averages: no system in common"),
                }
                .ok();
            }
        }
    }
    std::io::stdout()
        .lock()
        .write_all(out.as_bytes())
        .context("writing the report")?;
    let skipped = problems.iter().any(|p| p.input_skipped);
    Ok(if skipped {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
