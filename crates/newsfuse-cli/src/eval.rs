//! `newsfuse eval` and `newsfuse eval-extraction`: flags → the newsfuse-eval crate → tables.

use std::fmt::Write as _;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};

use anyhow::{Context, Result, bail};
use clap::{Args, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use newsfuse::select::Algorithm;
use newsfuse_eval::brief_eval::{self, BriefEvalConfig};
use newsfuse_eval::extraction;
use newsfuse_eval::quality::{self, RougeMode, Subset, SystemResult};
use newsfuse_rouge::rouge155::Rouge155Options;

use crate::LimitOptions;

#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum RougeKind {
    /// Google's rouge-score (F1, Porter stemming): what Multi-News papers quote.
    Score,
    /// ROUGE-1.5.5 (the DUC/TAC standard), with `--rouge-flags`.
    Perl155,
}

#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum SubsetArg {
    All,
    Tune,
    Holdout,
}

#[derive(Args)]
pub(crate) struct EvalArgs {
    /// Dataset JSONL: one cluster per line with `id`, `documents`, `summaries`.
    #[arg(long)]
    data: PathBuf,
    /// Methods to run: a name, a comma-separated list, or `all`; `none` scores only --peers.
    #[arg(
        long = "algorithm",
        default_value = Algorithm::DEFAULT.name(),
        long_help = format!(
            "Methods to run: a name, a comma-separated list, or `all`; `none` scores only --peers.\n\n{}",
            crate::algorithm_list()
        )
    )]
    algorithms: String,
    #[command(flatten)]
    limits: LimitOptions,
    /// Other systems' summaries (`{id, system, summary}` lines) to score the same way. Repeatable.
    #[arg(long)]
    peers: Vec<PathBuf>,
    /// ROUGE implementation to match.
    #[arg(long, value_enum, default_value = "score")]
    rouge: RougeKind,
    /// ROUGE-1.5.5 flags, with `--rouge perl155`.
    #[arg(
        long,
        allow_hyphen_values = true,
        default_value = "-n 4 -m -a -l 100 -x -c 95 -r 1000 -f A -p 0.5 -t 0 -2 4 -u"
    )]
    rouge_flags: String,
    /// Use only the first N clusters (after --subset).
    #[arg(long)]
    limit: Option<usize>,
    /// Which fixed half of the dataset: `tune` (even id hash), `holdout` (odd) or `all`.
    #[arg(long, value_enum, default_value = "all")]
    subset: SubsetArg,
    /// Seed of the bootstrap resampling.
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// Worker threads (1 gives single-thread CPU timings). Default: all cores.
    #[arg(long)]
    threads: Option<usize>,
    /// Folder for per-cluster results (`per_cluster.csv`) and the summaries (`summaries.jsonl`).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Print the table as JSON instead of text.
    #[arg(long)]
    json: bool,
    /// Fail (exit 1) when the first measure's mean of the first newsfuse method is below this.
    #[arg(long)]
    min_score: Option<f64>,
}

pub(crate) fn run_eval(args: &EvalArgs) -> Result<ExitCode> {
    let config = args.limits.resolve(Algorithm::DEFAULT)?;
    let algorithms: Vec<Algorithm> = match args.algorithms.as_str() {
        "all" => Algorithm::ALL.to_vec(),
        "default" => vec![Algorithm::DEFAULT],
        "none" => Vec::new(),
        list => list
            .split(',')
            .map(|name| crate::parse_algorithm(name.trim()).map_err(anyhow::Error::msg))
            .collect::<Result<_>>()?,
    };
    let mode = match args.rouge {
        RougeKind::Score => RougeMode::RougeScore,
        RougeKind::Perl155 => RougeMode::Perl155(
            Rouge155Options::from_flags(&args.rouge_flags)
                .map_err(|e| anyhow::anyhow!("--rouge-flags: {e:?}"))?,
        ),
    };
    if let Some(threads) = args.threads {
        if threads == 0 {
            bail!("--threads must be at least 1");
        }
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build_global()
            .context("starting worker threads")?;
    }
    let subset = match args.subset {
        SubsetArg::All => Subset::All,
        SubsetArg::Tune => Subset::Tune,
        SubsetArg::Holdout => Subset::Holdout,
    };
    let (data, mut problems) = quality::load_dataset(&args.data, subset, args.limit)?;
    let bar = ProgressBar::new((data.len() * algorithms.len()) as u64);
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} clusters {elapsed}")
            .expect("static template is valid"),
    );
    let done = AtomicU64::new(0);
    let tick = || {
        done.fetch_add(1, Ordering::Relaxed);
        bar.inc(1);
    };
    let mut results: Vec<SystemResult> =
        quality::evaluate_algorithms(&data, &algorithms, &config, &mode, &tick);
    bar.finish_and_clear();
    for peers in &args.peers {
        let (peer_results, peer_problems) = quality::evaluate_peers(&data, peers, &mode)?;
        results.extend(peer_results);
        problems.extend(peer_problems);
    }
    for problem in &problems {
        eprintln!("note: {problem}");
    }
    let input_skipped = problems.iter().filter(|p| p.input_skipped).count();
    let summaries: Vec<_> = results
        .iter()
        .map(|r| quality::summarize_results(r, args.seed))
        .collect();
    let names = mode.measure_names();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.json {
        writeln!(out, "{}", serde_json::to_string(&summaries)?)?;
    } else {
        writeln!(
            out,
            "{} cluster{} from {} ({}), budget {:?}; means over clusters with 95% bootstrap intervals (1,000 resamples)",
            data.len(),
            if data.len() == 1 { "" } else { "s" },
            args.data.display(),
            match args.rouge {
                RougeKind::Score => "rouge-score F1, Porter stemming".to_string(),
                RougeKind::Perl155 => format!("ROUGE-1.5.5 {}", args.rouge_flags),
            },
            config.select.budget
        )?;
        write!(out, "{}", quality::render_table(&summaries, &names))?;
        if let Some(peak) = quality::peak_memory_mib() {
            writeln!(out, "peak memory: {peak:.0} MiB")?;
        }
    }
    if let Some(dir) = &args.out {
        write_outputs(dir, &results, &names)?;
    }
    if let Some(floor) = args.min_score {
        let ours = summaries
            .iter()
            .find(|s| s.system.starts_with("newsfuse-"))
            .context("--min-score needs a newsfuse method")?;
        let achieved = ours.measures.first().map_or(0.0, |m| m.mean);
        if achieved < floor {
            eprintln!(
                "error: {} scored {achieved:.2} on {}, below the floor {floor:.2}",
                ours.system, names[0]
            );
            return Ok(ExitCode::from(1));
        }
        eprintln!(
            "ok: {} scored {achieved:.2} on {} (floor {floor:.2})",
            ours.system, names[0]
        );
    }
    if input_skipped > 0 {
        eprintln!(
            "error: {input_skipped} line{} of input left out of the means (see the notes above)",
            if input_skipped == 1 { "" } else { "s" }
        );
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

fn write_outputs(dir: &std::path::Path, results: &[SystemResult], names: &[&str]) -> Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let mut csv = format!("system,id,{},seconds,words\n", names.join(","));
    let mut jsonl = String::new();
    for result in results {
        for cluster in &result.clusters {
            let scores: Vec<String> = cluster.scores.iter().map(|s| format!("{s:.4}")).collect();
            let seconds = cluster
                .seconds
                .map_or_else(String::new, |s| format!("{s:.6}"));
            let _ = writeln!(
                csv,
                "{},{},{},{},{}",
                result.system,
                cluster.id,
                scores.join(","),
                seconds,
                cluster.words
            );
            let line = serde_json::json!({"id": cluster.id, "system": result.system, "summary": cluster.summary});
            let _ = writeln!(jsonl, "{line}");
        }
    }
    std::fs::write(dir.join("per_cluster.csv"), csv).context("writing per_cluster.csv")?;
    std::fs::write(dir.join("summaries.jsonl"), jsonl).context("writing summaries.jsonl")?;
    Ok(())
}

#[derive(Args)]
pub(crate) struct ExtractionArgs {
    /// The extraction folder (`../shared/eval/extraction`) or one of its JSONL files.
    #[arg(long)]
    data: PathBuf,
    /// Use only the first N pages of each set.
    #[arg(long)]
    limit: Option<usize>,
}

pub(crate) fn run_extraction(args: &ExtractionArgs) -> Result<ExitCode> {
    let files: Vec<PathBuf> = if args.data.is_dir() {
        let mut files: Vec<PathBuf> = std::fs::read_dir(&args.data)
            .with_context(|| format!("reading {}", args.data.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
            .collect();
        files.sort();
        files
    } else {
        vec![args.data.clone()]
    };
    if files.is_empty() {
        bail!("no .jsonl extraction sets in {}", args.data.display());
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for file in &files {
        let mut rows = extraction::evaluate_extraction(file, args.limit)?;
        let aeb = file
            .parent()
            .map(|p| p.join("scrapinghub_article_extraction_benchmark"));
        let is_aeb = file
            .file_name()
            .is_some_and(|n| n.to_string_lossy().contains("scrapinghub"));
        if let (true, Some(aeb)) = (is_aeb, aeb)
            && aeb.is_dir()
            && args.limit.is_none()
        {
            rows.extend(extraction::published_extractors(&aeb)?);
        }
        writeln!(out, "== {}", file.display())?;
        writeln!(out, "{}", extraction::render_table(&rows))?;
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(Args)]
pub(crate) struct BriefEvalArgs {
    /// The shared data folder (holds `eval/` and `seeds/`).
    #[arg(long, default_value = "../shared")]
    shared: PathBuf,
    /// The folder of hand judgements and planted-change specs.
    #[arg(long, default_value = "eval/brief")]
    labels: PathBuf,
    /// Run only these parts (comma-separated): disagreements, quotes, entities, when, support,
    /// openings, cost.
    #[arg(long, value_delimiter = ',')]
    only: Vec<String>,
    /// A floors file (`name<TAB>part<TAB>bound`): exit 1 when a figure breaks its bound.
    #[arg(long)]
    floors: Option<PathBuf>,
    /// Print the figures as JSON instead of a table.
    #[arg(long)]
    json: bool,
}

/// `newsfuse eval-brief`: every figure of the brief's targets, tune and holdout parts side by side.
pub(crate) fn run_eval_brief(args: &BriefEvalArgs) -> Result<ExitCode> {
    for name in &args.only {
        if !brief_eval::MODULES.contains(&name.as_str()) {
            bail!(
                "unknown part {name:?} for --only; choose from {}",
                brief_eval::MODULES.join(", ")
            );
        }
    }
    let floors = match &args.floors {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("reading {}", path.display()))?;
            brief_eval::parse_floors(&text)
                .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?
        }
        None => Vec::new(),
    };
    let config = BriefEvalConfig {
        shared: args.shared.clone(),
        labels: args.labels.clone(),
    };
    let (figures, problems) = brief_eval::run(&config, &args.only);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.json {
        writeln!(out, "{}", serde_json::to_string_pretty(&figures)?)?;
    } else {
        write!(out, "{}", brief_eval::render_table(&figures))?;
    }
    for problem in &problems {
        eprintln!("error: {}: {}", problem.module, problem.message);
    }
    // With --only, a floor counts when its figure belongs to a part that ran (the name's first
    // segment names the part).
    let floors: Vec<_> = floors
        .into_iter()
        .filter(|floor| {
            args.only.is_empty()
                || args
                    .only
                    .iter()
                    .any(|m| floor.name.split('.').next() == Some(m.as_str()))
        })
        .collect();
    let failures = brief_eval::check_floors(&figures, &floors);
    for failure in &failures {
        eprintln!("floor: {failure}");
    }
    Ok(if problems.is_empty() && failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
