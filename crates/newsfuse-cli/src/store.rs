//! `newsfuse ingest`, `newsfuse stories` and `newsfuse story`: the story store on the command
//! line (the store itself is `newsfuse-store`).

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use clap::{Args, ValueEnum};
use newsfuse::SummaryConfig;
use newsfuse_pg::StoreLocation;
use newsfuse_store::{
    ArticleInput, IngestOptions, Store, StoryRow, current_story, ingest, story_update,
};
use newsfuse_stories::{StoryConfig, format_time};
use serde_json::{Value, json};

/// Where the store is.
#[derive(Args, Clone)]
pub(crate) struct DbOption {
    /// The store: a SQLite file (a path, or `sqlite:PATH`) or a PostgreSQL database
    /// (`postgres://USER@HOST:PORT/DB`) [default: `newsfuse/stories.db` in the user's data
    /// folder, `$XDG_DATA_HOME` or `~/.local/share` on Linux].
    #[arg(long = "store", visible_alias = "db", value_name = "URL")]
    store: Option<String>,
}

impl DbOption {
    /// The store asked for, or the default SQLite file.
    pub(crate) fn location(&self) -> Result<StoreLocation> {
        if let Some(url) = &self.store {
            return Ok(StoreLocation::parse(url));
        }
        let Some(data) = dirs::data_dir() else {
            bail!(
                "no data folder for the default store (no home folder)\nhint: give one with --store PATH"
            );
        };
        Ok(StoreLocation::Sqlite(
            data.join("newsfuse").join("stories.db"),
        ))
    }

    fn open(&self) -> Result<(Box<dyn Store + Send>, StoreLocation)> {
        let location = self.location()?;
        let store = location
            .open()
            .with_context(|| format!("cannot open the store {location}"))?;
        Ok((store, location))
    }

    /// Opens an existing store for reading (never creates a SQLite file).
    fn open_existing(&self) -> Result<(Box<dyn Store + Send>, StoreLocation)> {
        let location = self.location()?;
        if !location.exists() {
            bail!(
                "no store at {location}\nhint: add articles first with `newsfuse ingest FILES --store {location}`"
            );
        }
        self.open()
    }
}

#[derive(Args)]
pub(crate) struct IngestArgs {
    /// Article files: JSONL (one article per line: `id`, `url`, `title`, `text` or `html`,
    /// `source`, `published`), plain text or HTML pages (one article each), folders of them, or
    /// `-` for JSONL on stdin.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    #[command(flatten)]
    db: DbOption,
}

pub(crate) fn run_ingest(args: &IngestArgs) -> Result<ExitCode> {
    let mut failed = false;
    let mut articles = Vec::new();
    for path in &args.inputs {
        failed |= read_articles(path, &mut articles);
    }
    if articles.is_empty() {
        eprintln!("error: no usable articles in the input");
        return Ok(ExitCode::from(2));
    }
    let (mut store, location) = args.db.open()?;
    let now = now_secs();
    let options = IngestOptions {
        now,
        summary: SummaryConfig::default(),
        stories: StoryConfig::default(),
    };
    // Another ingest that commits first makes this one's batch stale (`StoreError::Conflict`,
    // nothing written): run it again from the new state.
    let mut attempt = 1;
    let report = loop {
        match ingest(store.as_mut(), &articles, &options) {
            Err(newsfuse_store::StoreError::Conflict { .. }) if attempt < 5 => {
                eprintln!("note: another ingest committed first; running this batch again");
                attempt += 1;
            }
            other => {
                break other.with_context(|| format!("ingest into {location} failed"))?;
            }
        }
    };
    for note in &report.notes {
        eprintln!("note: {note}");
    }
    let c = &report.counts;
    match report.batch {
        Some(batch) => eprintln!(
            "batch {batch}: {} articles read, {} stored, {} seen before; {} new stories, {} stories changed{}, their briefs rebuilt ({})",
            c.offered,
            c.stored,
            c.duplicates,
            c.new_stories,
            c.changed_stories,
            match c.merged_stories {
                0 => String::new(),
                1 => " (1 story merged into another)".into(),
                n => format!(" ({n} stories merged into others)"),
            },
            location
        ),
        None => eprintln!(
            "{} articles read, all seen before: nothing to store ({})",
            c.offered, location
        ),
    }
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Reads one input into `out`; true when some of it could not be used (named on stderr).
fn read_articles(path: &Path, out: &mut Vec<ArticleInput>) -> bool {
    let name = path.display().to_string();
    let is_jsonl = name == "-"
        || path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("jsonl"));
    if !is_jsonl {
        let ingested = newsfuse::read_inputs(&[path.to_path_buf()]);
        for note in &ingested.notes {
            eprintln!("note: {}: {}", note.origin, note.message);
        }
        let mut failed = false;
        for cluster in ingested.clusters {
            match cluster {
                Ok(cluster) => out.extend(cluster.articles.into_iter().map(|a| ArticleInput {
                    id: None,
                    url: a.url,
                    title: a.title.unwrap_or_default(),
                    text: a.text,
                    source: a.source,
                    published: a.published,
                    origin: a.origin,
                })),
                Err(error) => {
                    eprintln!("error: {error}");
                    failed = true;
                }
            }
        }
        return failed;
    }
    let mut bytes = Vec::new();
    let read = if name == "-" {
        std::io::stdin().read_to_end(&mut bytes)
    } else {
        std::fs::File::open(path).and_then(|mut f| f.read_to_end(&mut bytes))
    };
    if let Err(error) = read {
        eprintln!("error: cannot read {name}: {error}");
        return true;
    }
    let text = String::from_utf8_lossy(&bytes);
    let mut failed = false;
    for (idx, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let origin = format!("{name} line {}", idx + 1);
        match parse_article(line, &origin) {
            Ok(article) => out.push(article),
            Err(message) => {
                eprintln!("error: {origin}: {message}");
                failed = true;
            }
        }
    }
    failed
}

/// One JSONL line: `{"id", "url", "title", "text" or "html", "source", "published" or "time"}`.
fn parse_article(line: &str, origin: &str) -> Result<ArticleInput, String> {
    let value: Value = serde_json::from_str(line).map_err(|e| e.to_string())?;
    newsfuse_store::article_from_json(value, origin.to_string())
}

#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum StoriesFormat {
    /// One line per story.
    Table,
    /// A JSON array of stories.
    Json,
}

#[derive(Args)]
pub(crate) struct StoriesArgs {
    /// Only stories with an article at or after this: a duration back from now (`90m`, `24h`,
    /// `7d`) or a date (`2016-02-02`, RFC 3339).
    #[arg(long, value_parser = parse_since)]
    since: Option<i64>,
    /// Show at most this many stories.
    #[arg(long)]
    limit: Option<usize>,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    format: StoriesFormat,
    #[command(flatten)]
    db: DbOption,
}

fn parse_since(text: &str) -> Result<i64, String> {
    newsfuse_store::parse_since(text, now_secs())
}

fn now_secs() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// `newsfuse story ID --since T`: the update summary.
fn run_story_update(
    store: &dyn Store,
    location: &StoreLocation,
    id: u64,
    args: &StoryArgs,
    since: i64,
) -> Result<ExitCode> {
    let Some(update) = story_update(store, id, since, &SummaryConfig::default())? else {
        eprintln!("error: no story {id} in {location}");
        return Ok(ExitCode::from(2));
    };
    let row = &update.row;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let heading = format!(
        "Story {}: new since {} ({} new articles, {} seen before)",
        row.id,
        format_time(since),
        update.new_articles.len(),
        update.seen
    );
    match args.format {
        StoryFormat::Markdown => {
            writeln!(
                out,
                "# {}\n\n{}\n",
                newsfuse::render::escape_markdown(&heading),
                newsfuse::render::escape_markdown(&row.title)
            )?;
            writeln!(
                out,
                "{}",
                newsfuse::render::render_markdown(&update.summary, &update.cluster)
            )?;
        }
        StoryFormat::Html => {
            let escape = newsfuse::brief::render::escape_html;
            writeln!(
                out,
                "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
                 <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
                 <title>{}</title></head><body>\n<h1>{}</h1>\n<p>{}</p>\n<ol>",
                escape(&heading),
                escape(&heading),
                escape(&row.title)
            )?;
            for sentence in &update.summary.sentences {
                let article = &update.cluster.articles[sentence.article];
                writeln!(
                    out,
                    "<li>{} <small>({})</small></li>",
                    escape(&sentence.text),
                    escape(article.title.as_deref().unwrap_or(&article.origin))
                )?;
            }
            writeln!(out, "</ol>")?;
            for warning in &update.summary.warnings {
                writeln!(out, "<p><em>{}</em></p>", escape(&warning.message))?;
            }
            writeln!(out, "</body></html>")?;
        }
        StoryFormat::Json => {
            let summary: Value = serde_json::from_str(&newsfuse::render::render_json(
                &update.summary,
                &update.cluster,
            ))?;
            let articles: Vec<Value> = update
                .new_articles
                .iter()
                .map(|a| {
                    json!({
                        "key": a.key, "id": a.id, "url": a.url, "title": a.title,
                        "source": a.source, "time": format_time(a.time),
                    })
                })
                .collect();
            let value = json!({
                "story": story_json(row),
                "since": format_time(since),
                "seen_articles": update.seen,
                "new_articles": articles,
                "update": summary,
            });
            writeln!(out, "{value}")?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn story_json(row: &StoryRow) -> Value {
    json!({
        "id": row.id, "title": row.title, "articles": row.articles, "sources": row.sources,
        "independent": row.independent,
        "first": format_time(row.first_time), "latest": format_time(row.last_time),
        "updated_batch": row.updated_batch,
    })
}

pub(crate) fn run_stories(args: &StoriesArgs) -> Result<ExitCode> {
    let (store, _) = args.db.open_existing()?;
    let since = args.since;
    let mut rows = store.stories(since)?;
    if let Some(limit) = args.limit {
        rows.truncate(limit);
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format {
        StoriesFormat::Json => {
            let list: Vec<Value> = rows.iter().map(story_json).collect();
            writeln!(out, "{}", Value::Array(list))?;
        }
        StoriesFormat::Table => {
            writeln!(
                out,
                "{:>7}  {:>8}  {:>11}  {:>7}  {:<10}  title",
                "story", "articles", "independent", "sources", "latest"
            )?;
            for row in &rows {
                let latest = format_time(row.last_time);
                let title: String = row.title.chars().take(90).collect();
                writeln!(
                    out,
                    "{:>7}  {:>8}  {:>11}  {:>7}  {:<10}  {}",
                    row.id,
                    row.articles,
                    row.independent,
                    row.sources,
                    &latest[..10],
                    title.replace(['\n', '\r', '\t'], " ")
                )?;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum StoryFormat {
    /// The brief in Markdown.
    Markdown,
    /// The story, its articles (with their times), its brief and its summary as one JSON object.
    Json,
    /// The brief as a standalone HTML page.
    Html,
}

#[derive(Args)]
pub(crate) struct StoryArgs {
    /// The story's number (from `newsfuse stories`).
    id: u64,
    /// Only what is new since then (a duration back from now, `24h`, or a date, RFC 3339): the
    /// update summary, sentences of the articles dated from then on that the earlier ones do not
    /// already say.
    #[arg(long, value_parser = parse_since)]
    since: Option<i64>,
    /// Output format.
    #[arg(long, value_enum, default_value = "markdown")]
    format: StoryFormat,
    #[command(flatten)]
    db: DbOption,
}

pub(crate) fn run_story(args: &StoryArgs) -> Result<ExitCode> {
    let (mut store, location) = args.db.open_existing()?;
    // A story merged into another is shown as the story it joined.
    let id = match store.merged_into(args.id)? {
        Some(into) => {
            eprintln!(
                "note: story {} was merged into story {into}; showing story {into}",
                args.id
            );
            into
        }
        None => args.id,
    };
    if let Some(since) = args.since {
        return run_story_update(store.as_ref(), &location, id, args, since);
    }
    let Some(story) = current_story(store.as_mut(), id, &SummaryConfig::default())? else {
        eprintln!("error: no story {id} in {location}");
        return Ok(ExitCode::from(2));
    };
    if story.rebuilt {
        eprintln!("note: the stored brief was stale; rebuilt from the story's articles now");
    }
    let row = &story.row;
    if story.articles.len() as u64 != row.articles {
        eprintln!(
            "note: story {} has {} articles; its brief is built from {} of them (the earliest and the latest)",
            row.id,
            row.articles,
            story.articles.len()
        );
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format {
        StoryFormat::Markdown => {
            writeln!(
                out,
                "# Story {}: {}\n\n{} articles from {} {}, {} to {}\n",
                row.id,
                newsfuse::render::escape_markdown(&row.title),
                row.articles,
                row.sources,
                if row.sources == 1 {
                    "source"
                } else {
                    "sources"
                },
                format_time(row.first_time),
                format_time(row.last_time)
            )?;
            writeln!(
                out,
                "{}",
                newsfuse::brief::render_markdown(&story.brief, &story.cluster)
            )?;
        }
        StoryFormat::Html => {
            writeln!(
                out,
                "{}",
                newsfuse::brief::render_html(&story.brief, &story.cluster)
            )?;
        }
        StoryFormat::Json => {
            let articles: Vec<Value> = story
                .articles
                .iter()
                .map(|a| {
                    json!({
                        "key": a.key, "id": a.id, "url": a.url, "title": a.title, "source": a.source,
                        "published": a.published, "time": format_time(a.time),
                        "first_seen": format_time(a.first_seen), "batch": a.batch,
                    })
                })
                .collect();
            let summary: Value = serde_json::from_str(&story.summary_json)?;
            let value = json!({
                "story": story_json(row),
                "brief_built_from": articles,
                "brief": story.brief,
                "summary": summary,
            });
            writeln!(out, "{value}")?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
