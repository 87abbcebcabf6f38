//! `newsfuse cluster` and `newsfuse eval-stories`: story clustering of an article stream.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Args, ValueEnum};
use newsfuse_eval::quality::Subset;
use newsfuse_eval::stories;
use newsfuse_stories::{ArticleIn, StoryClusterer, StoryConfig, parse_time, publication_order};
use serde_json::{Value, json};

use crate::eval::SubsetArg;
use newsfuse_store::string_field;

/// Settings of the clusterer that can be changed from the command line.
#[derive(Args, Clone)]
pub(crate) struct StoryOptions {
    /// Cosine (tf-idf) an article needs with a story to join it [default: the library's].
    #[arg(long)]
    threshold: Option<f32>,
    /// Days without a new article after which a story closes [default: the library's].
    #[arg(long)]
    window_days: Option<f64>,
    /// Other settings, for tuning: `name=value` with a field name of `StoryConfig`.
    #[arg(long = "param", hide = true)]
    params: Vec<String>,
}

impl StoryOptions {
    fn config(&self) -> StoryConfig {
        let mut config = StoryConfig::default();
        if let Some(t) = self.threshold {
            config.threshold = t;
        }
        if let Some(d) = self.window_days {
            config.window_secs = (d * 86_400.0).round() as i64;
        }
        for param in &self.params {
            let (name, value) = param.split_once('=').unwrap_or((param, ""));
            let f: f64 = value.parse().unwrap_or(f64::NAN);
            match name {
                "query_terms" => config.query_terms = f as usize,
                "index_terms" => config.index_terms = f as usize,
                "candidates" => config.candidates = f as usize,
                "story_terms" => config.story_terms = f as usize,
                "title_weight" => config.title_weight = f as f32,
                "name_weight" => config.name_weight = f as f32,
                "member_links" => config.member_links = f as usize,
                "member_terms" => config.member_terms = f as usize,
                "member_weight" => config.member_weight = f as f32,
                "copy_share" => config.copy_share = f as f32,
                "idf_offset" => config.idf_offset = f as f32,
                "short_terms" => config.short_terms = f as usize,
                "bigram_weight" => config.bigram_weight = f as f32,
                "min_content_words" => config.min_content_words = f as usize,
                "link_names" => config.link_names = f as usize,
                "story_names" => config.story_names = f as usize,
                "link_window_days" => config.link_window_secs = (f * 86_400.0) as i64,
                "link_decay_days" => config.link_decay_secs = (f * 86_400.0) as f32,
                "recurring_days" => config.recurring_secs = (f * 86_400.0) as i64,
                "member_blend" => config.member_blend = f as f32,
                "size_exponent" => config.size_exponent = f as f32,
                "decay_days" => config.decay_secs = (f * 86_400.0) as f32,
                "merge_threshold" => config.merge_threshold = f as f32,
                "merge_gate" => config.merge_gate = f as f32,
                "link_threshold" => config.link_threshold = f as f32,
                "link_share" => config.link_share = f as f32,
                "blend_linked" => config.blend_linked = f != 0.0,
                "merge_max_size" => config.merge_max_size = f as u32,
                "second_look_days" => config.second_look_secs = (f * 86_400.0) as i64,
                "second_look_gate" => config.second_look_gate = f as f32,
                "early_look_days" => config.early_look_secs = (f * 86_400.0) as i64,
                "member_floor" => config.member_floor = f as f32,
                _ => eprintln!("warning: unknown --param {param}"),
            }
        }
        config
    }
}

#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum ClusterFormat {
    /// One JSON object per input line: `{"id", "story"}`.
    Jsonl,
}

#[derive(Args)]
pub(crate) struct ClusterArgs {
    /// Article JSONL (`id`, `url`, `title`, `text` or `html`, `source`, `published` or `time`),
    /// or `-` for stdin.
    input: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value = "jsonl")]
    format: ClusterFormat,
    #[command(flatten)]
    options: StoryOptions,
}

struct Parsed {
    id: Value,
    url: Option<String>,
    title: String,
    text: String,
    time: Option<i64>,
}

/// One JSONL article line, shared by `cluster` and `ingest`: the object, its title and its text
/// (`text`, else the article extracted from `html`, whose title stands in for a missing one).
/// An error says why the line is unusable: not JSON, not an object, or no text, html or title.
pub(crate) fn article_line(
    line: &str,
) -> Result<(serde_json::Map<String, Value>, String, String), String> {
    let value: Value = serde_json::from_str(line).map_err(|e| e.to_string())?;
    let Value::Object(object) = value else {
        return Err("not a JSON object".into());
    };
    let (title, text) = newsfuse_store::title_and_text(&object)?;
    Ok((object, title, text))
}

fn parse_line(line: &str) -> Result<(Parsed, Option<String>), String> {
    let (object, title, text) = article_line(line)?;
    let raw_time = string_field(&object, "published").or_else(|| string_field(&object, "time"));
    let time = raw_time.as_deref().and_then(parse_time);
    let note = match (&raw_time, time) {
        (Some(raw), None) if !raw.trim().is_empty() => {
            Some(format!("unreadable time {raw:?}, placed in arrival order"))
        }
        _ => None,
    };
    Ok((
        Parsed {
            id: object.get("id").cloned().unwrap_or(Value::Null),
            url: string_field(&object, "url"),
            title,
            text,
            time,
        },
        note,
    ))
}

pub(crate) fn run_cluster(args: &ClusterArgs) -> Result<ExitCode> {
    let name = args.input.display().to_string();
    let mut input = String::new();
    if name == "-" {
        std::io::stdin()
            .read_to_string(&mut input)
            .context("cannot read stdin")?;
    } else {
        input =
            std::fs::read_to_string(&args.input).with_context(|| format!("cannot read {name}"))?;
    }
    let mut rows: Vec<Result<Parsed, String>> = Vec::new();
    for (idx, line) in input.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match parse_line(line) {
            Ok((parsed, note)) => {
                if let Some(note) = note {
                    eprintln!("note: {name} line {}: {note}", idx + 1);
                }
                rows.push(Ok(parsed));
            }
            Err(message) => {
                eprintln!("error: {name} line {}: {message}", idx + 1);
                rows.push(Err(format!("line {}: {message}", idx + 1)));
            }
        }
    }
    let good: Vec<usize> = (0..rows.len()).filter(|&i| rows[i].is_ok()).collect();
    let times: Vec<Option<i64>> = good
        .iter()
        .map(|&i| rows[i].as_ref().ok().and_then(|p| p.time))
        .collect();
    let mut story = vec![None; rows.len()];
    let mut clusterer = StoryClusterer::new(args.options.config());
    for k in publication_order(&times) {
        let i = good[k];
        if let Ok(p) = &rows[i] {
            let id = match &p.id {
                Value::String(s) => Some(s.clone()),
                Value::Null => None,
                other => Some(other.to_string()),
            };
            let assignment = clusterer.add(&ArticleIn {
                id: id.as_deref(),
                url: p.url.as_deref(),
                title: &p.title,
                text: &p.text,
                time: p.time,
            });
            story[i] = Some(assignment.story);
        }
    }
    // A story merged into another later on is written as the one it joined.
    for s in story.iter_mut().flatten() {
        *s = clusterer.resolve(*s);
    }
    let ClusterFormat::Jsonl = args.format;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failed = false;
    for (row, story) in rows.iter().zip(story) {
        let line = match row {
            Ok(p) => json!({"id": p.id, "story": story}),
            Err(message) => {
                failed = true;
                json!({"id": Value::Null, "story": Value::Null, "error": message})
            }
        };
        writeln!(out, "{line}")?;
    }
    out.flush()?;
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum ReportFormat {
    Table,
    Json,
}

#[derive(Args)]
pub(crate) struct EvalStoriesArgs {
    /// Clustering JSONL: one article per line with `id`, `text`, `title`, `label`, `time`.
    #[arg(long)]
    data: PathBuf,
    /// Which half of the story labels to cluster and score (split by a hash of the label).
    #[arg(long, value_enum, default_value = "all")]
    subset: SubsetArg,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    format: ReportFormat,
    #[command(flatten)]
    options: StoryOptions,
}

pub(crate) fn run_eval_stories(args: &EvalStoriesArgs) -> Result<ExitCode> {
    let subset = match args.subset {
        SubsetArg::All => Subset::All,
        SubsetArg::Tune => Subset::Tune,
        SubsetArg::Holdout => Subset::Holdout,
    };
    let subset_name = match args.subset {
        SubsetArg::All => "all",
        SubsetArg::Tune => "tune",
        SubsetArg::Holdout => "holdout",
    };
    let config = args.options.config();
    let report = stories::run(&args.data, subset, &config)?;
    for problem in &report.problems {
        eprintln!("error: {}", problem.message);
    }
    let s = report.scores;
    match args.format {
        ReportFormat::Json => println!(
            "{}",
            json!({
                "data": args.data.display().to_string(), "subset": subset_name,
                "articles": report.articles, "gold_stories": report.gold_stories,
                "predicted_stories": report.predicted_stories,
                "bcubed_precision": s.precision, "bcubed_recall": s.recall, "bcubed_f1": s.f1,
                "seconds": report.seconds, "cpu_seconds": report.cpu_seconds, "articles_per_second": report.articles_per_second,
                "peak_memory_mib": report.peak_memory_mib,
                "threshold": config.threshold, "window_days": config.window_secs as f64 / 86_400.0,
            })
        ),
        ReportFormat::Table => {
            println!(
                "{} ({subset_name}): {} articles, {} gold stories, {} predicted (threshold {}, window {} days)",
                args.data.display(),
                report.articles,
                report.gold_stories,
                report.predicted_stories,
                config.threshold,
                config.window_secs as f64 / 86_400.0
            );
            println!(
                "B-cubed  P {:.4}  R {:.4}  F1 {:.4}",
                s.precision, s.recall, s.f1
            );
            println!(
                "speed    {:.0} articles per CPU second ({:.3} s CPU, {:.3} s wall, one thread)   peak memory {}",
                report.articles_per_second,
                report.cpu_seconds.unwrap_or(f64::NAN),
                report.seconds,
                report
                    .peak_memory_mib
                    .map_or("n/a".to_string(), |m| format!("{m:.1} MiB"))
            );
        }
    }
    Ok(if report.problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
