//! The `newsfuse` command-line tool: clap flags → library options, errors → exit codes.
//!
//! Exit codes: 0 success; 1 some input could not be used (the rest was still processed and
//! printed); 2 bad usage or nothing usable at all (no input, an empty file, an article with
//! nothing left after removing links, markup and web clutter). A closed stdout (e.g. `| head`) is
//! success.

/// mimalloc: the pipeline makes many small short-lived allocations (tokens, spans, per-sentence
/// vectors), where it was about 10% faster than the system allocator on `newsfuse eval` (ARCHITECTURE, Known gaps).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod eval;
mod serve;
mod store;
mod stories;
mod update_eval;
mod worker;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use clap::builder::PossibleValue;
use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};
use newsfuse::Brief;
use newsfuse::ingest::{Ingested, read_inputs};
use newsfuse::model::Cluster;
use newsfuse::render::{Format, render};
use newsfuse::select::{Algorithm, Budget};
use newsfuse::summary::{Prepared, SummaryConfig, prepare, summarize_prepared};

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
    #[command(after_help = "Examples:
  newsfuse summarize --words 120 examples/wikinews-M002/
  newsfuse summarize --format json --algorithm lead --sentences 3 a.txt b.html
  newsfuse summarize --format json examples/wikinews.jsonl > summaries.jsonl")]
    Summarize(SummarizeArgs),
    /// The story brief: summary, coverage and copies, corroboration, quotes, entities, figures and
    /// disagreements, and the event date.
    #[command(after_help = "Examples:
  newsfuse brief examples/wikinews-M002/
  newsfuse brief --format html examples/wikinews-M002/ > brief.html
  newsfuse brief --format json examples/wikinews.jsonl > briefs.jsonl
  newsfuse brief --format html --out briefs/ examples/wikinews.jsonl")]
    Brief(BriefArgs),
    /// Evaluate summarizers (and other systems' outputs) with ROUGE on a dataset JSONL.
    #[command(after_help = "Example:
  newsfuse eval --data examples/wikinews.jsonl --words 100 --algorithm lead,coverage")]
    Eval(eval::EvalArgs),
    /// Score HTML main-text extraction on the extraction benchmarks.
    #[command(
        after_help = "Example (the benchmarks are described in ../shared/eval/PROVENANCE.md):
  newsfuse eval-extraction --data ../shared/eval/extraction"
    )]
    EvalExtraction(eval::ExtractionArgs),
    /// Measure how far the brief can be trusted (disagreements, quotes, entities, dates, support,
    /// openings, cost) on the shared evaluation sets and the judgements in `eval/brief/`.
    #[command(after_help = "Example:
  newsfuse eval-brief --shared ../shared --labels eval/brief")]
    EvalBrief(eval::BriefEvalArgs),
    /// Train the `learned` selection method's weights on a dataset JSONL with reference summaries.
    #[command(after_help = "Example:
  newsfuse train --data multinews_train.jsonl --out crates/newsfuse/src/select/learned_weights.json")]
    Train(TrainArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell) on stdout.
    #[command(after_help = "Examples:
  newsfuse completions bash > ~/.local/share/bash-completion/completions/newsfuse
  newsfuse completions zsh > ~/.zfunc/_newsfuse
  newsfuse completions fish > ~/.config/fish/completions/newsfuse.fish")]
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff) on stdout: newsfuse(1), or one subcommand's page.
    #[command(after_help = "Examples:
  newsfuse man > newsfuse.1 && man ./newsfuse.1
  newsfuse man brief > newsfuse-brief.1")]
    Man {
        /// A subcommand, for its own page (newsfuse-brief(1)).
        subcommand: Option<String>,
    },
    /// Stateless story clustering: the story of each article of a JSONL stream, one line each.
    #[command(after_help = "Examples:
  newsfuse cluster feed.jsonl > stories.jsonl
  cat feed.jsonl | newsfuse cluster -")]
    Cluster(stories::ClusterArgs),
    /// Score story clustering (B-cubed), its speed and memory on a labelled clustering JSONL.
    #[command(after_help = "Example:
  newsfuse eval-stories --data ../shared/eval/clustering_tdt_duc2003.jsonl --subset holdout")]
    EvalStories(stories::EvalStoriesArgs),
    /// Add articles to the story store: each joins a story or starts one, and every story the
    /// batch changed gets its summary and brief rebuilt (one transaction per run).
    #[command(after_help = "Examples:
  newsfuse ingest examples/wikinews-feed.jsonl
  newsfuse ingest --db stories.db feed.jsonl page.html notes.txt")]
    Ingest(store::IngestArgs),
    /// List the stories in the store: the latest day first, then the best covered.
    #[command(after_help = "Examples:
  newsfuse stories
  newsfuse stories --since 24h --format json")]
    Stories(store::StoriesArgs),
    /// One story's brief, as of its latest article.
    #[command(after_help = "Examples:
  newsfuse story 3
  newsfuse story 3 --format html > story.html")]
    Story(store::StoryArgs),
    /// Score update summaries ("what is new since the reader last looked") on the DUC 2007 update
    /// task with NIST's ROUGE settings, beside its peers.
    #[command(
        after_help = "Example (the data is described in ../shared/eval/PROVENANCE.md):
  newsfuse eval-update --data ../shared/eval/duc2007_update.jsonl \\
    --peers ../shared/eval/duc2007_update_peers.jsonl --subset holdout"
    )]
    EvalUpdate(update_eval::EvalUpdateArgs),
    /// Serve the store over HTTP: a JSON API (`/v1`, `/openapi.json`), metrics and web pages.
    #[command(after_help = "Examples:
  newsfuse serve                       # then open http://127.0.0.1:8080
  newsfuse serve --db stories.db --listen 0.0.0.0:8080 --token-file token.txt")]
    Serve(serve::ServeArgs),
    /// Ingest articles from NATS JetStream into the store and rebuild stale briefs: run any
    /// number of them, on any machines (ARCHITECTURE.md, "Past one machine").
    #[command(after_help = "Examples:
  newsfuse worker --store stories.db --queue nats://127.0.0.1:4222
  newsfuse worker --store stories.db --queue nats://10.0.0.5:4222 --batch 128 --role ingest")]
    Worker(worker::WorkerArgs),
}

#[derive(Args, Clone)]
struct SummaryOptions {
    #[command(flatten)]
    limits: LimitOptions,
    /// Selection method.
    #[arg(long, default_value = Algorithm::DEFAULT.name(), value_parser = AlgorithmParser)]
    algorithm: Algorithm,
}

impl SummaryOptions {
    fn resolve(&self) -> Result<SummaryConfig> {
        self.limits.resolve(self.algorithm)
    }
}

/// Parses `--algorithm` with [`parse_algorithm`]'s message, and gives clap every method with its
/// one-line description, so that `--help` lists them.
#[derive(Clone, Copy)]
struct AlgorithmParser;

impl clap::builder::TypedValueParser for AlgorithmParser {
    type Value = Algorithm;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        _arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<Algorithm, clap::Error> {
        parse_algorithm(&value.to_string_lossy()).map_err(|message| {
            clap::Error::raw(clap::error::ErrorKind::InvalidValue, format!("{message}\n"))
                .with_cmd(cmd)
        })
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(Algorithm::ALL.into_iter().map(|algorithm| {
            PossibleValue::new(algorithm.name()).help(algorithm_description(algorithm))
        })))
    }
}

/// One line per selection method, for `--help`.
fn algorithm_description(algorithm: Algorithm) -> &'static str {
    match algorithm {
        Algorithm::Lead => {
            "the first sentences of each article in turn (the classic news baseline)"
        }
        Algorithm::Centroid => {
            "sentences closest to the cluster's tf-idf centroid (Radev et al. 2004)"
        }
        Algorithm::Lexrank => {
            "eigenvector centrality on the sentence cosine graph (Erkan & Radev 2004)"
        }
        Algorithm::Textrank => "PageRank on the word-overlap graph (Mihalcea & Tarau 2004)",
        Algorithm::Mmr => {
            "maximal marginal relevance: relevant and not redundant (Carbonell & Goldstein 1998)"
        }
        Algorithm::Coverage => {
            "greedy budgeted coverage of concepts several articles share, with a lead prior (the default)"
        }
        Algorithm::Ilp => "exact concept-coverage integer program (Gillick & Favre 2009); slower",
        Algorithm::Learned => {
            "coverage with a sentence prior learned on Multi-News (`newsfuse train`)"
        }
    }
}

/// The methods, one per line, for help texts that take a list of them.
pub(crate) fn algorithm_list() -> String {
    Algorithm::ALL
        .iter()
        .map(|&a| format!("  {:<9} {}", a.name(), algorithm_description(a)))
        .collect::<Vec<_>>()
        .join("\n")
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
    /// Markdown, one brief after another.
    Markdown,
    /// JSON Lines: one compact object per cluster and line (docs/brief-schema.json).
    Json,
    /// One standalone HTML page; several clusters share it, with a table of contents.
    Html,
}

impl BriefFormat {
    fn extension(self) -> &'static str {
        match self {
            BriefFormat::Markdown => "md",
            BriefFormat::Json => "json",
            BriefFormat::Html => "html",
        }
    }
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
    /// Write one file per cluster into this folder (created if missing), named after the cluster
    /// id, instead of printing to stdout.
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
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
        Command::Completions { shell } => write_completions(shell),
        Command::Man { subcommand } => write_man(subcommand.as_deref()),
        Command::Cluster(args) => stories::run_cluster(&args),
        Command::EvalStories(args) => stories::run_eval_stories(&args),
        Command::Ingest(args) => store::run_ingest(&args),
        Command::Stories(args) => store::run_stories(&args),
        Command::Story(args) => store::run_story(&args),
        Command::EvalUpdate(args) => update_eval::run_eval_update(&args),
        Command::Serve(args) => serve::run_serve(&args),
        Command::Worker(args) => worker::run_worker(&args),
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

/// The text stages of a cluster, or `None` (said on stderr) when no article has a sentence left
/// after cleaning: links only, markup only, web clutter only.
fn prepare_usable(cluster: &Cluster, config: &SummaryConfig) -> Option<Prepared> {
    let prepared = prepare(cluster, &config.analyze);
    if prepared.segmented.iter().all(|a| a.sentences.is_empty()) {
        eprintln!(
            "error: {}: nothing usable is left: no article has any text once links, markup and \
             web clutter are removed",
            cluster.id
        );
        return None;
    }
    Some(prepared)
}

fn run_summarize(args: &SummarizeArgs) -> Result<ExitCode> {
    let config = args.options.resolve()?;
    let (clusters, mut failed) = ingest(&args.inputs);
    let format = match args.format {
        SummaryFormat::Text => Format::Text,
        SummaryFormat::Markdown => Format::Markdown,
        SummaryFormat::Json => Format::Json,
    };
    let several = clusters.len() > 1;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut written = 0;
    for cluster in &clusters {
        let Some(prepared) = prepare_usable(cluster, &config) else {
            failed = true;
            continue;
        };
        let summary = summarize_prepared(cluster, &prepared, &config);
        for warning in &summary.warnings {
            eprintln!("warning: {}: {}", cluster.id, warning.message);
        }
        if several && matches!(format, Format::Text) {
            if written > 0 {
                writeln!(out).context("writing output")?;
            }
            writeln!(out, "# {}", cluster.id).context("writing output")?;
        }
        writeln!(out, "{}", render(&summary, cluster, format)).context("writing output")?;
        written += 1;
    }
    out.flush().context("writing output")?;
    Ok(exit_code(failed, written > 0))
}

fn run_brief(args: &BriefArgs) -> Result<ExitCode> {
    let config = args.options.resolve()?;
    let (clusters, mut failed) = ingest(&args.inputs);
    let mut briefs = Vec::with_capacity(clusters.len());
    for cluster in &clusters {
        let Some(prepared) = prepare_usable(cluster, &config) else {
            failed = true;
            continue;
        };
        let summary = summarize_prepared(cluster, &prepared, &config);
        for warning in &summary.warnings {
            eprintln!("warning: {}: {}", cluster.id, warning.message);
        }
        let brief = newsfuse::brief::build_brief_summarized(cluster, &prepared, &summary);
        briefs.push((brief, cluster));
    }
    let render_one = |brief: &Brief, cluster: &Cluster| match args.format {
        BriefFormat::Markdown => newsfuse::brief::render_markdown(brief, cluster),
        BriefFormat::Json => {
            serde_json::to_string(brief).expect("a brief has only string keys and finite numbers")
        }
        BriefFormat::Html => newsfuse::brief::render_html(brief, cluster),
    };
    if let Some(dir) = &args.out {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        let mut names = std::collections::HashSet::new();
        for (brief, cluster) in &briefs {
            let name = unique_file_name(&cluster.id, args.format.extension(), &mut names);
            let path = dir.join(name);
            std::fs::write(&path, render_one(brief, cluster))
                .with_context(|| format!("writing {}", path.display()))?;
        }
        eprintln!("wrote {} files to {}", briefs.len(), dir.display());
        return Ok(exit_code(failed, !briefs.is_empty()));
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if matches!(args.format, BriefFormat::Html) && briefs.len() > 1 {
        let pages: Vec<(&Brief, &Cluster)> = briefs.iter().map(|(b, c)| (b, *c)).collect();
        write!(out, "{}", newsfuse::brief::render_html_pages(&pages)).context("writing output")?;
    } else {
        for (brief, cluster) in &briefs {
            writeln!(out, "{}", render_one(brief, cluster)).context("writing output")?;
        }
    }
    out.flush().context("writing output")?;
    Ok(exit_code(failed, !briefs.is_empty()))
}

/// A file name for a cluster id: letters, digits, `-`, `_` and `.` kept, anything else `_`, no
/// leading dot, and `-2`, `-3` … when two ids map to the same name.
fn unique_file_name(
    id: &str,
    extension: &str,
    taken: &mut std::collections::HashSet<String>,
) -> String {
    let mut stem: String = id
        .chars()
        .take(100)
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .collect();
    stem = stem.trim_start_matches('.').to_string();
    if stem.is_empty() {
        stem = "cluster".to_string();
    }
    let mut name = format!("{stem}.{extension}");
    let mut n = 2;
    while !taken.insert(name.clone()) {
        name = format!("{stem}-{n}.{extension}");
        n += 1;
    }
    name
}

fn write_completions(shell: clap_complete::Shell) -> Result<ExitCode> {
    let mut command = Cli::command();
    // Into a buffer first: clap_complete panics when its writer fails (a closed pipe).
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "newsfuse", &mut script);
    let mut out = std::io::stdout().lock();
    out.write_all(&script).context("writing output")?;
    out.flush().context("writing output")?;
    Ok(ExitCode::SUCCESS)
}

fn write_man(subcommand: Option<&str>) -> Result<ExitCode> {
    let mut command = Cli::command();
    command.build();
    let page = match subcommand {
        None => command,
        Some(name) => {
            let Some(sub) = command.find_subcommand(name) else {
                let names: Vec<&str> = command
                    .get_subcommands()
                    .map(clap::Command::get_name)
                    .collect();
                bail!("no subcommand {name:?}; choose one of {}", names.join(", "));
            };
            let full = format!("newsfuse-{name}");
            sub.clone()
                .name(full.clone())
                .bin_name(format!("newsfuse {name}"))
                .display_name(full)
        }
    };
    let mut out = std::io::stdout().lock();
    clap_mangen::Man::new(page)
        .render(&mut out)
        .context("writing output")?;
    out.flush().context("writing output")?;
    Ok(ExitCode::SUCCESS)
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
