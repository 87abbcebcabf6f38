//! The `newsfuse` command-line tool: clap flags → library options, errors → exit codes.
//!
//! Exit codes: 0 success; 1 some input could not be used (the rest was still processed and
//! printed); 2 bad usage or nothing usable at all. A closed stdout (e.g. `| head`) is success.

/// mimalloc: the pipeline makes many small short-lived allocations (tokens, spans, per-sentence
/// vectors), where it was about 10% faster than the system allocator on `newsfuse eval` (ARCHITECTURE, Known gaps).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod eval;
mod stories;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use clap::{Args, Parser, Subcommand, ValueEnum};
use newsfuse::ingest::{Ingested, read_inputs};
use newsfuse::model::Cluster;
use newsfuse::render::{Format, render};
use newsfuse::select::{Algorithm, Budget};
use newsfuse::summary::{SummaryConfig, prepare, summarize_prepared};

/// newsfuse: a cluster of news articles in, one cited brief out.
#[derive(Parser)]
#[command(name = "newsfuse", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Summarize clusters of articles: files, folders, JSONL (one cluster per line), `-` for stdin.
    Summarize(SummarizeArgs),
    /// The story brief: summary, coverage and copies, corroboration, quotes, entities, figures and
    /// disagreements, and the event date.
    Brief(BriefArgs),
    /// Evaluate summarizers (and other systems' outputs) with ROUGE on a dataset JSONL.
    Eval(eval::EvalArgs),
    /// Score HTML main-text extraction on the extraction benchmarks.
    EvalExtraction(eval::ExtractionArgs),
    /// Measure how far the brief can be trusted (disagreements, quotes, entities, dates, support,
    /// openings, cost) on the shared evaluation sets and the judgements in `eval/brief/`.
    EvalBrief(eval::BriefEvalArgs),
    /// Train the `learned` selection method's weights on a dataset JSONL with reference summaries.
    Train(TrainArgs),
    /// Stateless story clustering: the story of each article of a JSONL stream, one line each.
    Cluster(stories::ClusterArgs),
    /// Score story clustering (B-cubed), its speed and memory on a labelled clustering JSONL.
    EvalStories(stories::EvalStoriesArgs),
}

#[derive(Args, Clone)]
struct SummaryOptions {
    #[command(flatten)]
    limits: LimitOptions,
    /// Selection method.
    #[arg(long, default_value = Algorithm::DEFAULT.name(), value_parser = parse_algorithm)]
    algorithm: Algorithm,
}

impl SummaryOptions {
    fn resolve(&self) -> Result<SummaryConfig> {
        self.limits.resolve(self.algorithm)
    }
}

/// Budget and sentence-length flags, shared by `summarize`, `brief` and `eval` (which has its own,
/// list-valued `--algorithm`).
#[derive(Args, Clone)]
struct LimitOptions {
    /// Word budget (the default budget: 250 words).
    #[arg(long, conflicts_with_all = ["chars", "sentences"])]
    words: Option<usize>,
    /// Character budget.
    #[arg(long, conflicts_with = "sentences")]
    chars: Option<usize>,
    /// Sentence budget.
    #[arg(long)]
    sentences: Option<usize>,
    /// Shortest sentence that may be extracted, in words.
    #[arg(long, default_value_t = 8)]
    min_words: usize,
    /// Longest sentence that may be extracted, in words.
    #[arg(long, default_value_t = 70)]
    max_words: usize,
}

impl LimitOptions {
    fn resolve(&self, algorithm: Algorithm) -> Result<SummaryConfig> {
        let budget = match (self.words, self.chars, self.sentences) {
            (Some(n), _, _) => Budget::Words(n),
            (_, Some(n), _) => Budget::Chars(n),
            (_, _, Some(n)) => Budget::Sentences(n),
            _ => Budget::Words(250),
        };
        if self.min_words > self.max_words {
            bail!(
                "--min-words ({}) is larger than --max-words ({})",
                self.min_words,
                self.max_words
            );
        }
        let mut config = SummaryConfig::default();
        config.select.budget = budget;
        config.select.algorithm = algorithm;
        config.analyze.min_words = self.min_words;
        config.analyze.max_words = self.max_words;
        Ok(config)
    }
}

fn parse_algorithm(name: &str) -> Result<Algorithm, String> {
    Algorithm::from_name(name).ok_or_else(|| {
        let names: Vec<&str> = Algorithm::ALL.iter().map(|a| a.name()).collect();
        format!(
            "unknown algorithm {name:?}; choose one of {}",
            names.join(", ")
        )
    })
}

#[derive(Clone, Copy, ValueEnum)]
enum SummaryFormat {
    Text,
    Markdown,
    Json,
}

#[derive(Args)]
struct SummarizeArgs {
    /// Article files, folders of articles, `.jsonl` cluster files, or `-` for stdin.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    #[command(flatten)]
    options: SummaryOptions,
    /// Output format (JSON: one object per cluster, JSON Lines for several).
    #[arg(long, value_enum, default_value = "text")]
    format: SummaryFormat,
}

#[derive(Clone, Copy, ValueEnum)]
enum BriefFormat {
    Markdown,
    Json,
    Html,
}

#[derive(Args)]
struct BriefArgs {
    /// Article files, folders of articles, `.jsonl` cluster files, or `-` for stdin.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    #[command(flatten)]
    options: SummaryOptions,
    /// Output format.
    #[arg(long, value_enum, default_value = "markdown")]
    format: BriefFormat,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command {
        Command::Summarize(args) => run_summarize(&args),
        Command::Brief(args) => run_brief(&args),
        Command::Eval(args) => eval::run_eval(&args),
        Command::EvalExtraction(args) => eval::run_extraction(&args),
        Command::EvalBrief(args) => eval::run_eval_brief(&args),
        Command::Train(args) => run_train(&args),
        Command::Cluster(args) => stories::run_cluster(&args),
        Command::EvalStories(args) => stories::run_eval_stories(&args),
    };
    match outcome {
        Ok(code) => code,
        Err(error) => {
            if is_broken_pipe(&error) {
                return ExitCode::SUCCESS;
            }
            eprintln!("error: {}", error_message(&error));
            ExitCode::from(2)
        }
    }
}

/// The error and its causes joined with `: `, skipping a cause whose text the message already ends
/// with (error types that print their source themselves would otherwise repeat it).
fn error_message(error: &anyhow::Error) -> String {
    let mut message = error.to_string();
    for cause in error.chain().skip(1) {
        let text = cause.to_string();
        if !message.ends_with(&text) {
            message.push_str(": ");
            message.push_str(&text);
        }
    }
    message
}

fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Reads inputs, reports unreadable parts on stderr, and returns the usable clusters with a flag
/// telling whether anything failed.
fn ingest(inputs: &[PathBuf]) -> (Vec<Cluster>, bool) {
    let Ingested { clusters, notes } = read_inputs(inputs);
    for note in &notes {
        eprintln!("note: {}: {}", note.origin, note.message);
    }
    let mut failed = false;
    let mut usable = Vec::new();
    for cluster in clusters {
        match cluster {
            Ok(cluster) if cluster.articles.iter().all(|a| a.text.trim().is_empty()) => {
                eprintln!("error: {}: no article has any text", cluster.id);
                failed = true;
            }
            Ok(cluster) => usable.push(cluster),
            Err(error) => {
                eprintln!("error: {error}");
                failed = true;
            }
        }
    }
    (usable, failed)
}

fn exit_code(failed: bool, any_output: bool) -> ExitCode {
    match (failed, any_output) {
        (false, _) => ExitCode::SUCCESS,
        (true, true) => ExitCode::from(1),
        (true, false) => ExitCode::from(2),
    }
}

fn run_summarize(args: &SummarizeArgs) -> Result<ExitCode> {
    let config = args.options.resolve()?;
    let (clusters, failed) = ingest(&args.inputs);
    let format = match args.format {
        SummaryFormat::Text => Format::Text,
        SummaryFormat::Markdown => Format::Markdown,
        SummaryFormat::Json => Format::Json,
    };
    let several = clusters.len() > 1;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for (idx, cluster) in clusters.iter().enumerate() {
        let prepared = prepare(cluster, &config.analyze);
        let summary = summarize_prepared(cluster, &prepared, &config);
        for warning in &summary.warnings {
            eprintln!("warning: {}: {}", cluster.id, warning.message);
        }
        if several && matches!(format, Format::Text) {
            if idx > 0 {
                writeln!(out).context("writing output")?;
            }
            writeln!(out, "# {}", cluster.id).context("writing output")?;
        }
        writeln!(out, "{}", render(&summary, cluster, format)).context("writing output")?;
    }
    out.flush().context("writing output")?;
    Ok(exit_code(failed, !clusters.is_empty()))
}

fn run_brief(args: &BriefArgs) -> Result<ExitCode> {
    let config = args.options.resolve()?;
    let (clusters, failed) = ingest(&args.inputs);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for cluster in &clusters {
        let prepared = prepare(cluster, &config.analyze);
        let summary = summarize_prepared(cluster, &prepared, &config);
        for warning in &summary.warnings {
            eprintln!("warning: {}: {}", cluster.id, warning.message);
        }
        let picks = summary.picks();
        let brief = newsfuse::brief::build_brief_prepared(cluster, &prepared, &picks);
        let rendered = match args.format {
            BriefFormat::Markdown => newsfuse::brief::render_markdown(&brief, cluster),
            BriefFormat::Json => newsfuse::brief::render_json(&brief),
            BriefFormat::Html => newsfuse::brief::render_html(&brief, cluster),
        };
        writeln!(out, "{rendered}").context("writing output")?;
    }
    out.flush().context("writing output")?;
    Ok(exit_code(failed, !clusters.is_empty()))
}

#[derive(Args)]
struct TrainArgs {
    /// Dataset JSONL (`{id, documents, summaries}` lines). Never the set you report on.
    #[arg(long)]
    data: PathBuf,
    /// Where to write the weights (ship them as crates/newsfuse/src/select/learned_weights.json).
    #[arg(long)]
    out: PathBuf,
    /// Use only the first N clusters (after --subset).
    #[arg(long)]
    limit: Option<usize>,
    /// Which half of the dataset to train on.
    #[arg(long, value_enum, default_value = "tune")]
    subset: eval::SubsetArg,
    /// Ridge penalty on the standardized features.
    #[arg(long, default_value_t = 10.0)]
    lambda: f64,
    /// Word budget of the summaries used to tune the objective's mix.
    #[arg(long, default_value_t = 100)]
    grid_words: usize,
    /// Leave position features out and keep coverage's lead prior (an experiment; worse so far).
    #[arg(long)]
    position_free: bool,
}

fn run_train(args: &TrainArgs) -> Result<ExitCode> {
    use newsfuse_eval::quality::Subset;
    let subset = match args.subset {
        eval::SubsetArg::All => Subset::All,
        eval::SubsetArg::Tune => Subset::Tune,
        eval::SubsetArg::Holdout => Subset::Holdout,
    };
    let options = newsfuse_eval::train::TrainOptions {
        subset,
        limit: args.limit,
        lambda: args.lambda,
        grid_words: args.grid_words,
        position_free: args.position_free,
        ..Default::default()
    };
    let trained = newsfuse_eval::train::train(&args.data, &options)?;
    for line in &trained.log {
        eprintln!("{line}");
    }
    let json = serde_json::to_string_pretty(&trained.model).context("serializing the weights")?;
    std::fs::write(&args.out, format!("{json}\n"))
        .with_context(|| format!("writing {}", args.out.display()))?;
    eprintln!("wrote {}", args.out.display());
    Ok(ExitCode::SUCCESS)
}
