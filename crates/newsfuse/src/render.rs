//! Stage 5, render: a [`Summary`] as plain text, Markdown or JSON.
//!
//! The JSON form is a documented, versioned schema (`docs/summary-schema.md`); its
//! `schema_version` field names the version ([`SUMMARY_SCHEMA_VERSION`], semantic versioning). Architecture invariant: render never re-ranks or edits sentences.

use serde::Serialize;
use std::fmt::Write as _;

use crate::model::Cluster;
use crate::summary::{Summary, Warning};

/// The version of the JSON schema [`render_json`] writes (`docs/summary-schema.md`):
/// `MAJOR.MINOR.PATCH`, a field added is a minor bump, a field removed or changed is a major one.
pub const SUMMARY_SCHEMA_VERSION: &str = "3.0.0";

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One sentence per line.
    Text,
    /// A Markdown section with numbered source citations.
    Markdown,
    /// One JSON object (see `docs/summary-schema.md`).
    Json,
}

/// Plain text: one sentence per line.
pub fn render_text(summary: &Summary) -> String {
    summary.text()
}

/// Article text made safe to put inside a Markdown line: whitespace runs (newlines too) become
/// one space, and every character that Markdown or inline HTML could read as markup is
/// backslash-escaped (`\\`, `` ` ``, `*`, `_`, `[`, `]`, `<`, `>`, `|`, `~`, and `&` when it
/// starts an entity such as `&lt;`), so a raw `<img onerror=…>` or `[link](javascript:…)` in an
/// article is shown as text, never rendered.
///
/// ```
/// use newsfuse::render::escape_markdown;
/// assert_eq!(escape_markdown("a <b>bold</b>\nclaim"), "a \\<b\\>bold\\</b\\> claim");
/// assert_eq!(escape_markdown("AT&T's *best*"), "AT&T's \\*best\\*");
/// assert_eq!(escape_markdown("1986. A year"), "1986\\. A year");
/// ```
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut pending_space = false;
    for (at, c) in text.char_indices() {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        let escape = match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' => true,
            '&' => starts_entity(&text[at + 1..]),
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
    // A line item's text that itself starts like a block ("# ", "+ ", "1986. ") would be read as
    // a heading or a nested list.
    let digits = out.bytes().take_while(u8::is_ascii_digit).count();
    if out.starts_with(['#', '+', '-', '=']) {
        out.insert(0, '\\');
    } else if digits > 0 && out[digits..].starts_with(['.', ')']) {
        out.insert(digits, '\\');
    }
    out
}

/// True when the text after an `&` reads as an HTML entity (`lt;`, `#60;`, `#x3c;`).
fn starts_entity(rest: &str) -> bool {
    let name_len = rest
        .bytes()
        .take(32)
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'#')
        .count();
    name_len > 0 && rest.as_bytes().get(name_len) == Some(&b';')
}

/// Markdown: a heading, the sentences with `[n]` citations, and the list of sources.
pub fn render_markdown(summary: &Summary, cluster: &Cluster) -> String {
    let mut out = format!("## Summary of {}\n\n", escape_markdown(&summary.cluster_id));
    for sentence in &summary.sentences {
        let mut cites = vec![sentence.article];
        cites.extend(&sentence.also_in);
        let cites: Vec<String> = cites.iter().map(|a| format!("[{}]", a + 1)).collect();
        let _ = writeln!(
            out,
            "- {} {}",
            escape_markdown(&sentence.text),
            cites.join("")
        );
    }
    out.push_str("\n### Sources\n\n");
    for (idx, article) in cluster.articles.iter().enumerate() {
        let label = article
            .title
            .as_deref()
            .or(article.url.as_deref())
            .unwrap_or(&article.origin);
        let _ = writeln!(out, "{}. {}", idx + 1, escape_markdown(label));
    }
    if !summary.warnings.is_empty() {
        out.push_str("\n### Notes\n\n");
        for warning in &summary.warnings {
            let _ = writeln!(out, "- {}", escape_markdown(&warning.message));
        }
    }
    out
}

#[derive(Serialize)]
struct JsonSummary<'a> {
    schema_version: &'static str,
    id: &'a str,
    algorithm: &'static str,
    budget: crate::select::Budget,
    n_articles: usize,
    summary: String,
    sentences: Vec<JsonSentence<'a>>,
    articles: Vec<JsonArticle<'a>>,
    warnings: &'a [Warning],
}

#[derive(Serialize)]
struct JsonSentence<'a> {
    text: &'a str,
    article: usize,
    sentence: usize,
    start: usize,
    end: usize,
    also_in: &'a [usize],
}

#[derive(Serialize)]
struct JsonArticle<'a> {
    origin: &'a str,
    title: Option<&'a str>,
    url: Option<&'a str>,
    source: Option<&'a str>,
    published: Option<&'a str>,
}

/// JSON, one object on one line (see `docs/summary-schema.md`).
pub fn render_json(summary: &Summary, cluster: &Cluster) -> String {
    let json = JsonSummary {
        schema_version: SUMMARY_SCHEMA_VERSION,
        id: &summary.cluster_id,
        algorithm: summary.algorithm.name(),
        budget: summary.budget,
        n_articles: summary.n_articles,
        summary: summary.text(),
        sentences: summary
            .sentences
            .iter()
            .map(|s| JsonSentence {
                text: &s.text,
                article: s.article,
                sentence: s.sentence,
                start: s.span.start,
                end: s.span.end,
                also_in: &s.also_in,
            })
            .collect(),
        articles: cluster
            .articles
            .iter()
            .map(|a| JsonArticle {
                origin: &a.origin,
                title: a.title.as_deref(),
                url: a.url.as_deref(),
                source: a.source.as_deref(),
                published: a.published.as_deref(),
            })
            .collect(),
        warnings: &summary.warnings,
    };
    serde_json::to_string(&json).expect("summary JSON has only string keys and finite numbers")
}

/// Renders in the given format.
pub fn render(summary: &Summary, cluster: &Cluster, format: Format) -> String {
    match format {
        Format::Text => render_text(summary),
        Format::Markdown => render_markdown(summary, cluster),
        Format::Json => render_json(summary, cluster),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Article, Cluster};
    use crate::summary::{SummaryConfig, summarize};

    fn cluster() -> Cluster {
        let article = |t: &str| Article {
            text: t.into(),
            origin: "a.txt".into(),
            ..Article::default()
        };
        Cluster {
            id: "c".into(),
            articles: vec![
                article(
                    "Headline\n\nMinisters from twenty countries met in Rome on Tuesday to review the campaign.",
                ),
                article(
                    "Ministers of twenty countries met in Rome on Tuesday and reviewed the campaign there.",
                ),
            ],
        }
    }

    #[test]
    fn markdown_escapes_article_markup() {
        let mut cluster = cluster();
        cluster.articles[0].text = "Ministers from twenty countries <img src=x onerror=alert(1)> met in Rome on Tuesday to review the *campaign*.".into();
        cluster.articles[0].title = Some("[click](javascript:alert(2))".into());
        let summary = summarize(&cluster, &SummaryConfig::default().sentences(1));
        let markdown = render_markdown(&summary, &cluster);
        assert!(
            markdown.contains("\\<img src=x onerror=alert(1)\\>"),
            "{markdown}"
        );
        assert!(markdown.contains("\\*campaign\\*"), "{markdown}");
        assert!(markdown.contains("\\[click\\](javascript"), "{markdown}");
        assert!(!markdown.contains(" <img"), "{markdown}");
    }

    #[test]
    fn escape_markdown_keeps_plain_text_and_guards_line_starts() {
        assert_eq!(
            escape_markdown("  The mayor, 67, said so.  "),
            "The mayor, 67, said so."
        );
        assert_eq!(escape_markdown("AT&T &amp; co"), "AT&T \\&amp; co");
        assert_eq!(escape_markdown("# Not a heading"), "\\# Not a heading");
        assert_eq!(escape_markdown("- not a list"), "\\- not a list");
        assert_eq!(escape_markdown("2) not a list"), "2\\) not a list");
        assert_eq!(escape_markdown("a|b~c`d_e\\f"), "a\\|b\\~c\\`d\\_e\\\\f");
    }

    #[test]
    fn json_follows_the_summary_schema() {
        let cluster = cluster();
        let summary = summarize(&cluster, &SummaryConfig::default());
        let json: serde_json::Value =
            serde_json::from_str(&render_json(&summary, &cluster)).expect("valid JSON");
        assert_eq!(json["schema_version"], SUMMARY_SCHEMA_VERSION);
        assert_eq!(json["id"], "c");
        assert_eq!(json["algorithm"], summary.algorithm.name());
        assert_eq!(json["n_articles"], 2);
        assert_eq!(json["articles"].as_array().map(Vec::len), Some(2));
        let sentences = json["sentences"].as_array().expect("sentences array");
        assert_eq!(sentences.len(), 1);
        for sentence in sentences {
            let article = usize::try_from(sentence["article"].as_u64().expect("article index"))
                .expect("fits");
            let start = usize::try_from(sentence["start"].as_u64().expect("start")).expect("fits");
            let end = usize::try_from(sentence["end"].as_u64().expect("end")).expect("fits");
            assert_eq!(
                &cluster.articles[article].text[start..end],
                sentence["text"].as_str().expect("text")
            );
            assert_eq!(sentence["also_in"].as_array().map(Vec::len), Some(1));
        }
        assert_eq!(json["summary"], summary.text());
        assert!(json["warnings"].is_array());
    }

    #[test]
    fn markdown_cites_sources_one_based() {
        let cluster = cluster();
        let summary = summarize(&cluster, &SummaryConfig::default());
        let markdown = render_markdown(&summary, &cluster);
        assert!(
            markdown.contains("[1][2]") || markdown.contains("[2][1]"),
            "{markdown}"
        );
        assert!(
            markdown.contains("### Sources\n\n1. a.txt\n2. a.txt\n"),
            "{markdown}"
        );
        assert_eq!(render(&summary, &cluster, Format::Text), summary.text());
    }
}
