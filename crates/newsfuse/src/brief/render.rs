//! Render: the brief as JSON (the versioned schema), Markdown and a standalone HTML page.
//!
//! Render never re-ranks: it prints the brief in its own order, disagreements first. All article
//! text in HTML goes through [`escape_html`].

use std::fmt::Write as _;

use super::figures::{Quantity, fmt_value};
use super::{Brief, Excerpt};
use crate::model::{Cluster, Span};

/// What an empty section says, so that a reader can tell "none" from a rendering fault.
const NO_SUMMARY: &str = "No sentence could be extracted.";
const NO_QUOTES: &str = "No quotations found.";
const NO_SHARED_FIGURES: &str = "No figure is reported by more than one article.";
const NO_ENTITIES: &str = "No people, places or organisations to list.";

/// The brief as pretty JSON in the versioned schema (`docs/brief-schema.json`).
pub fn render_json(brief: &Brief) -> String {
    serde_json::to_string_pretty(brief).unwrap_or_else(|_| "{}".to_string())
}

/// The brief as Markdown.
pub fn render_markdown(brief: &Brief, _cluster: &Cluster) -> String {
    let mut out = String::new();
    let cite = |articles: &[usize]| {
        articles.iter().fold(String::new(), |mut acc, a| {
            let _ = write!(acc, "[{}]", a + 1);
            acc
        })
    };
    let _ = writeln!(out, "# Brief: {}\n", md(&brief.cluster_id));
    let _ = writeln!(out, "{}\n", headline_stats(brief));

    let _ = writeln!(out, "## Disagreements\n");
    if brief.figures.disagreements.is_empty() {
        let _ = writeln!(out, "No conflicting figures found.");
    }
    for &q in &brief.figures.disagreements {
        if let Some(quantity) = brief.figures.quantities.get(q) {
            let _ = writeln!(
                out,
                "- **{}**: {}",
                md(&quantity.measure),
                values_line(quantity, &cite)
            );
            if !quantity.within_article.is_empty() {
                let _ = writeln!(
                    out,
                    "  - conflicting values inside {}",
                    cite(&quantity.within_article)
                );
            }
            if let Some(note) = &quantity.note {
                let _ = writeln!(out, "  - note: {}", md(note));
            }
        }
    }

    let _ = writeln!(out, "\n## Summary\n");
    if brief.summary.is_empty() {
        let _ = writeln!(out, "{NO_SUMMARY}");
    }
    for (i, sentence) in brief.summary.iter().enumerate() {
        let supporters: Vec<usize> = sentence.support.iter().map(|s| s.excerpt.article).collect();
        let _ = writeln!(
            out,
            "{}. {} {} — reported by {} of {} ({})",
            i + 1,
            md(&sentence.excerpt.text),
            cite(&supporters),
            supporters.len(),
            brief.articles.len(),
            backing(brief, sentence)
        );
    }

    let _ = writeln!(out, "\n## Quotes\n");
    if brief.quotes.is_empty() {
        let _ = writeln!(out, "{NO_QUOTES}");
    }
    for quote in &brief.quotes {
        let speaker = speaker_label(quote);
        let roles = if quote.speaker_roles.is_empty() || quote.speaker.is_none() {
            String::new()
        } else {
            format!(" ({})", md(&quote.speaker_roles.join("; ")))
        };
        let _ = writeln!(
            out,
            "- **{}**{roles}: “{}” {}",
            md(&speaker),
            md(&quote.text),
            cite(&quote.articles)
        );
        if quote.variants.len() > 1 {
            for occurrence in &quote.occurrences {
                let words: Vec<String> = occurrence.pieces.iter().map(|p| md(&p.text)).collect();
                let _ = writeln!(
                    out,
                    "  - [{}] “{}”",
                    occurrence.article + 1,
                    words.join(" … ")
                );
            }
        }
    }

    let _ = writeln!(out, "\n## Figures reported by several articles\n");
    if shared_figures(brief).next().is_none() {
        let _ = writeln!(out, "{NO_SHARED_FIGURES}");
    }
    for quantity in shared_figures(brief) {
        let _ = writeln!(
            out,
            "- **{}**: {}",
            md(&quantity.measure),
            values_line(quantity, &cite)
        );
    }

    let _ = writeln!(out, "\n## People, places, organisations\n");
    if listed_entities(brief).next().is_none() {
        let _ = writeln!(out, "{NO_ENTITIES}");
    }
    for entity in listed_entities(brief) {
        let roles: Vec<String> = entity
            .roles
            .iter()
            .map(|r| format!("{} {}", md(&r.role), cite(&r.articles)))
            .collect();
        let roles = if roles.is_empty() {
            String::new()
        } else {
            format!(" — {}", roles.join("; "))
        };
        let _ = writeln!(
            out,
            "- **{}** ({}), {}{roles}",
            md(&entity.name),
            md(&entity.kind),
            count(entity.articles.len(), "article")
        );
    }

    let _ = writeln!(out, "\n## Coverage\n");
    for group in &brief.coverage.groups {
        let derived: Vec<String> = group
            .derived
            .iter()
            .map(|d| {
                format!(
                    "[{}] {} ({:.0}% matched)",
                    d.article + 1,
                    d.kind,
                    d.similarity * 100.0
                )
            })
            .collect();
        if derived.is_empty() {
            let _ = writeln!(
                out,
                "- [{}] textually independent report",
                group.original + 1
            );
        } else {
            let _ = writeln!(
                out,
                "- [{}] original ({}); {}",
                group.original + 1,
                group.original_reason.replace('_', " "),
                derived.join(", ")
            );
        }
    }

    let _ = writeln!(out, "\n## When\n");
    match &brief.when.event_date {
        Some(date) => {
            let _ = writeln!(
                out,
                "Event date: {date} ({} of {} dated articles agree)",
                brief.when.agreeing_articles, brief.when.dated_articles
            );
        }
        None => {
            let _ = writeln!(out, "Event date: unknown");
        }
    }
    for evidence in &brief.when.evidence {
        let _ = writeln!(
            out,
            "- [{}] “{}” → {} ({})",
            evidence.excerpt.article + 1,
            md(&evidence.excerpt.text),
            md(&evidence.resolved),
            md(&evidence.kind)
        );
    }

    let _ = writeln!(out, "\n## Articles\n");
    for article in &brief.articles {
        let source = article
            .source
            .as_deref()
            .map(|s| format!(" ({})", md(s)))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "- [{}] {}{source} — {}",
            article.index + 1,
            md(&article.label),
            md(&article.origin)
        );
    }
    out
}

/// The brief as a standalone HTML page (inline CSS, no scripts, all text escaped).
pub fn render_html(brief: &Brief, cluster: &Cluster) -> String {
    let mut out = String::new();
    let cite = |articles: &[usize]| {
        articles.iter().fold(String::new(), |mut acc, a| {
            let _ = write!(
                acc,
                "<a class=\"cite\" href=\"#article-{a}\">[{}]</a>",
                a + 1
            );
            acc
        })
    };
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Brief: {}</title>\n<style>{CSS}</style></head><body>\n",
        escape_html(&brief.cluster_id)
    );
    let _ = writeln!(
        out,
        "<h1>Brief: {}</h1>\n<p class=\"stats\">{}</p>",
        escape_html(&brief.cluster_id),
        escape_html(&headline_stats(brief))
    );

    let _ = writeln!(
        out,
        "<section class=\"disagreements\"><h2>Disagreements</h2>"
    );
    if brief.figures.disagreements.is_empty() {
        let _ = writeln!(out, "<p>No conflicting figures found.</p>");
    } else {
        let _ = writeln!(out, "<ul>");
        for &q in &brief.figures.disagreements {
            let Some(quantity) = brief.figures.quantities.get(q) else {
                continue;
            };
            let values: Vec<String> = quantity
                .values
                .iter()
                .map(|v| {
                    let written: Vec<String> = v
                        .written
                        .iter()
                        .map(|w| format!("“{}”", escape_html(w)))
                        .collect();
                    format!(
                        "<b>{}</b> {} {}",
                        fmt_value(v.value),
                        written.join(" / "),
                        cite(&v.articles)
                    )
                })
                .collect();
            let _ = write!(
                out,
                "<li><b>{}</b>: {}",
                escape_html(&quantity.measure),
                values.join(" <i>vs</i> ")
            );
            if !quantity.within_article.is_empty() {
                let _ = write!(
                    out,
                    "<br>conflicting values inside {}",
                    cite(&quantity.within_article)
                );
            }
            if let Some(note) = &quantity.note {
                let _ = write!(out, "<br><i>{}</i>", escape_html(note));
            }
            let _ = writeln!(out, "</li>");
        }
        let _ = writeln!(out, "</ul>");
    }
    let _ = writeln!(out, "</section>");

    let _ = writeln!(out, "<section><h2>Summary</h2>");
    if brief.summary.is_empty() {
        let _ = writeln!(out, "<p>{NO_SUMMARY}</p>");
    }
    let _ = writeln!(out, "<ol class=\"summary\">");
    for sentence in &brief.summary {
        let mut links = String::new();
        for support in &sentence.support {
            let _ = write!(
                links,
                "<a class=\"cite\" href=\"#{}\" title=\"{}\">[{}]</a>",
                mark_id(&support.excerpt),
                escape_html(&one_line(&support.excerpt.text)),
                support.excerpt.article + 1
            );
        }
        let _ = writeln!(
            out,
            "<li>{} {links} <span class=\"support\">reported by {} of {} · {}</span></li>",
            escape_html(&one_line(&sentence.excerpt.text)),
            sentence.support.len(),
            brief.articles.len(),
            escape_html(&backing(brief, sentence))
        );
    }
    let _ = writeln!(out, "</ol></section>");

    let _ = writeln!(out, "<section><h2>Quotes by speaker</h2>");
    if brief.quotes.is_empty() {
        let _ = writeln!(out, "<p>{NO_QUOTES}</p>");
    }
    let mut speakers: Vec<String> = Vec::new();
    for quote in &brief.quotes {
        let speaker = speaker_label(quote);
        if !speakers.contains(&speaker) {
            speakers.push(speaker);
        }
    }
    for speaker in speakers {
        let _ = writeln!(
            out,
            "<h3>{}</h3><ul class=\"quotes\">",
            escape_html(&speaker)
        );
        for quote in brief.quotes.iter().filter(|q| speaker_label(q) == speaker) {
            let _ = write!(
                out,
                "<li><q>{}</q> {}",
                escape_html(&one_line(&quote.text)),
                cite(&quote.articles)
            );
            if quote.variants.len() > 1 {
                let _ = write!(out, "<ul class=\"variants\">");
                for occurrence in &quote.occurrences {
                    let words: Vec<String> = occurrence
                        .pieces
                        .iter()
                        .map(|p| escape_html(&one_line(&p.text)))
                        .collect();
                    let _ = write!(
                        out,
                        "<li>{} <q>{}</q></li>",
                        cite(&[occurrence.article]),
                        words.join(" … ")
                    );
                }
                let _ = write!(out, "</ul>");
            }
            let _ = writeln!(out, "</li>");
        }
        let _ = writeln!(out, "</ul>");
    }
    let _ = writeln!(out, "</section>");

    let _ = writeln!(
        out,
        "<section><h2>Figures reported by several articles</h2>"
    );
    if shared_figures(brief).next().is_none() {
        let _ = writeln!(out, "<p>{NO_SHARED_FIGURES}</p>");
    }
    let _ = writeln!(out, "<ul>");
    for quantity in shared_figures(brief) {
        let values: Vec<String> = quantity
            .values
            .iter()
            .map(|v| {
                let written: Vec<String> = v
                    .written
                    .iter()
                    .map(|w| format!("“{}”", escape_html(w)))
                    .collect();
                format!("{} {}", written.join(" / "), cite(&v.articles))
            })
            .collect();
        let _ = writeln!(
            out,
            "<li><b>{}</b>: {}</li>",
            escape_html(&quantity.measure),
            values.join("; ")
        );
    }
    let _ = writeln!(out, "</ul></section>");

    let _ = writeln!(out, "<section><h2>People, places, organisations</h2>");
    let entities: Vec<_> = listed_entities(brief).collect();
    if entities.is_empty() {
        let _ = writeln!(out, "<p>{NO_ENTITIES}</p>");
    } else {
        let _ = writeln!(
            out,
            "<table><tr><th>Name</th><th>Kind</th><th>Articles</th><th>Roles</th></tr>"
        );
        for entity in entities {
            let roles: Vec<String> = entity
                .roles
                .iter()
                .map(|r| format!("{} {}", escape_html(&r.role), cite(&r.articles)))
                .collect();
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                escape_html(&entity.name),
                escape_html(&entity.kind),
                cite(&entity.articles),
                roles.join("<br>")
            );
        }
        let _ = writeln!(out, "</table>");
    }
    let _ = writeln!(out, "</section>");

    let _ = writeln!(out, "<section><h2>Coverage</h2><ul>");
    for group in &brief.coverage.groups {
        let derived: Vec<String> = group
            .derived
            .iter()
            .map(|d| {
                format!(
                    "{} {} ({:.0}% matched)",
                    cite(&[d.article]),
                    escape_html(&d.kind),
                    d.similarity * 100.0
                )
            })
            .collect();
        if derived.is_empty() {
            let _ = writeln!(
                out,
                "<li>{} textually independent report</li>",
                cite(&[group.original])
            );
        } else {
            let _ = writeln!(
                out,
                "<li>{} original ({}); {}</li>",
                cite(&[group.original]),
                escape_html(&group.original_reason.replace('_', " ")),
                derived.join(", ")
            );
        }
    }
    let _ = writeln!(out, "</ul>");
    if let Some(date) = &brief.when.event_date {
        let _ = writeln!(out, "<p>Event date: <b>{}</b></p>", escape_html(date));
    }
    let _ = writeln!(out, "</section>");

    let _ = writeln!(out, "<section><h2>Articles</h2>");
    for article in &brief.articles {
        let text = cluster
            .articles
            .get(article.index)
            .map_or("", |a| a.text.as_str());
        let mut marks: Vec<Span> = brief
            .summary
            .iter()
            .flat_map(|s| &s.support)
            .filter(|s| s.excerpt.article == article.index)
            .map(|s| s.excerpt.span)
            .collect();
        marks.sort_unstable();
        marks.dedup();
        let _ = writeln!(
            out,
            "<details id=\"article-{}\"><summary>[{}] {} <small>{}</small></summary><div class=\"text\">{}</div></details>",
            article.index,
            article.index + 1,
            escape_html(&article.label),
            escape_html(&article.origin),
            highlighted(text, article.index, &marks)
        );
    }
    let _ = writeln!(out, "</section>\n</body></html>");
    out
}

/// Escapes `&`, `<`, `>`, `"` and `'` for HTML text and attribute values.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

const CSS: &str = "body{font:16px/1.5 Georgia,serif;max-width:52em;margin:2em auto;padding:0 1em;color:#222}\
h1{font-size:1.6em}h2{border-bottom:1px solid #ccc;margin-top:1.6em}.stats{color:#555}\
.disagreements{background:#fff4e5;border-left:4px solid #e69500;padding:.2em 1em}\
.cite{font-size:.8em;text-decoration:none;margin-left:.15em}.support{color:#666;font-size:.85em}\
q{font-style:italic}table{border-collapse:collapse}td,th{border-bottom:1px solid #eee;padding:.2em .6em;text-align:left}\
.text{white-space:pre-wrap;font-size:.9em;background:#fafafa;padding:.5em}mark{background:#fff2a8}";

/// The entities worth listing for a reader: named by several articles or given a role, at most 40.
fn listed_entities(brief: &Brief) -> impl Iterator<Item = &super::entities::Entity> {
    brief
        .entities
        .iter()
        .filter(|e| e.articles.len() > 1 || !e.roles.is_empty())
        .take(40)
}

/// Figures that several articles report with the same value.
fn shared_figures(brief: &Brief) -> impl Iterator<Item = &Quantity> {
    brief
        .figures
        .quantities
        .iter()
        .filter(|q| q.status == "agree" && q.n_articles > 1)
}

/// `n` and the noun, plural unless `n` is 1: "1 article", "3 articles".
fn count(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
}

/// The outlet an article comes from: its `source` (metadata, or a wire dateline such as
/// "(Reuters)"), else the host of a URL origin without "www.". Case-folded, with the two wire
/// services' long names folded to "ap" and "afp", so that two datelines of one agency are one
/// outlet.
fn outlet(info: &super::ArticleInfo) -> Option<String> {
    if let Some(source) = info
        .source
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        let source = source.to_lowercase();
        return Some(match source.as_str() {
            "associated press" => "ap".to_string(),
            "agence france-presse" => "afp".to_string(),
            _ => source,
        });
    }
    let rest = info
        .origin
        .strip_prefix("https://")
        .or_else(|| info.origin.strip_prefix("http://"))?;
    let host = rest.split(['/', '?', '#']).next()?.to_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    (host.contains('.')).then_some(host)
}

/// How many distinct outlets `articles` come from, when every one of them names its outlet.
fn outlets(brief: &Brief, articles: impl IntoIterator<Item = usize>) -> Option<usize> {
    let mut seen: Vec<String> = Vec::new();
    for article in articles {
        let name = outlet(brief.articles.get(article)?)?;
        if !seen.contains(&name) {
            seen.push(name);
        }
    }
    Some(seen.len())
}

/// What backs a summary sentence, for people: "3 outlets" when the sources or URLs of all its
/// supporters name their outlets, else "2 textually independent" (coverage groups: articles
/// that are not copies or rewrites of one another, whoever published them).
fn backing(brief: &Brief, sentence: &super::SummarySentence) -> String {
    match outlets(brief, sentence.support.iter().map(|s| s.excerpt.article)) {
        Some(n) => count(n, "outlet"),
        None => format!("{} textually independent", sentence.independent_support),
    }
}

fn headline_stats(brief: &Brief) -> String {
    let sources = match outlets(brief, 0..brief.articles.len()) {
        Some(n) if brief.coverage.n_articles > 0 => count(n, "outlet"),
        _ => count(brief.coverage.n_independent, "textually independent report"),
    };
    let mut line = format!("{}, {sources}", count(brief.coverage.n_articles, "article"));
    if let Some(date) = &brief.when.event_date {
        let _ = write!(line, " · event date {date}");
    }
    let _ = write!(
        line,
        " · {}",
        count(brief.figures.disagreements.len(), "disagreement")
    );
    line
}

fn values_line(quantity: &Quantity, cite: &dyn Fn(&[usize]) -> String) -> String {
    quantity
        .values
        .iter()
        .map(|v| {
            let written: Vec<String> = v.written.iter().map(|w| format!("“{}”", md(w))).collect();
            format!("{} {}", written.join(" / "), cite(&v.articles))
        })
        .collect::<Vec<_>>()
        .join(" vs ")
}

/// How a quote's speaker is shown: the name, a role no named person is known to hold
/// ("Iranian Consul (unnamed)"), "(speaker unresolved)" for a pronoun the text leaves unclear,
/// or "(unattributed)".
fn speaker_label(quote: &super::quotes::QuoteGroup) -> String {
    match (&quote.speaker, quote.speaker_roles.first()) {
        (Some(name), _) => name.clone(),
        (None, Some(role)) if quote.speaker_kind == "role" => format!("{role} (unnamed)"),
        _ if quote.speaker_kind == "unresolved" => "(speaker unresolved)".to_string(),
        _ => "(unattributed)".to_string(),
    }
}

/// Article text for a Markdown line: one line, markup escaped.
fn md(text: &str) -> String {
    crate::render::escape_markdown(text)
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn mark_id(excerpt: &Excerpt) -> String {
    format!("a{}-{}", excerpt.article, excerpt.span.start)
}

/// The article text, escaped, with the cited spans wrapped in `<mark>`.
fn highlighted(text: &str, article: usize, marks: &[Span]) -> String {
    let mut out = String::new();
    let mut at = 0;
    for span in marks {
        if span.start < at
            || text.get(at..span.start).is_none()
            || text.get(span.start..span.end).is_none()
        {
            continue;
        }
        out.push_str(&escape_html(&text[at..span.start]));
        let _ = write!(
            out,
            "<mark id=\"a{article}-{}\">{}</mark>",
            span.start,
            escape_html(&text[span.start..span.end])
        );
        at = span.end;
    }
    out.push_str(&escape_html(text.get(at..).unwrap_or("")));
    out
}

#[cfg(test)]
mod tests {
    use super::super::build_brief;
    use super::super::testutil::cluster_of;
    use super::*;

    #[test]
    fn html_escapes_article_text_and_links_sources() {
        let (cluster, cleaned, segmented) = cluster_of(&[
            "The council voted <script>alert(1)</script> to close 12 schools, the mayor said.",
            "The council voted to close 15 schools, the mayor said.",
        ]);
        let brief = build_brief(&cluster, &cleaned, &segmented, &[(0, 0)]);
        let html = render_html(&brief, &cluster);
        assert!(!html.contains("<script>"));
        assert!(html.contains("&lt;script&gt;"));
        assert!(html.contains("href=\"#a0-0\""));
        assert!(html.contains("<mark id=\"a0-0\">"));
        let markdown = render_markdown(&brief, &cluster);
        assert!(markdown.contains("## Disagreements"));
        assert!(markdown.contains("2 articles, "));
        let json: serde_json::Value =
            serde_json::from_str(&render_json(&brief)).expect("valid JSON");
        assert_eq!(json["schema_version"], super::super::SCHEMA_VERSION);
    }

    #[test]
    fn one_article_brief_counts_in_the_singular_and_says_what_is_empty() {
        let (cluster, cleaned, segmented) =
            cluster_of(&["Too short to extract.", "Another short line."]);
        let brief = build_brief(&cluster, &cleaned, &segmented, &[]);
        let markdown = render_markdown(&brief, &cluster);
        assert!(markdown.contains("2 articles, 2 textually independent reports · 0 disagreements"));
        for empty in [NO_SUMMARY, NO_QUOTES, NO_SHARED_FIGURES, NO_ENTITIES] {
            assert!(markdown.contains(empty), "{empty}: {markdown}");
            assert!(render_html(&brief, &cluster).contains(empty));
        }
        assert!(!render_html(&brief, &cluster).contains("<th>Name</th>"));
        let (cluster, cleaned, segmented) =
            cluster_of(&["The council voted to close 12 schools on Tuesday, the mayor said."]);
        let brief = build_brief(&cluster, &cleaned, &segmented, &[(0, 0)]);
        let markdown = render_markdown(&brief, &cluster);
        assert!(markdown.contains("1 article, 1 textually independent report · 0 disagreements"));
        assert!(!markdown.contains(NO_SUMMARY));
    }

    /// Articles that all come from one agency are one outlet, however independently worded;
    /// without sources or URLs the brief says "textually independent"; URL hosts name outlets.
    #[test]
    fn outlets_come_from_sources_or_urls_else_textual_independence_is_said() {
        let texts = [
            "LONDON (AP) _ The council voted on Monday to close twelve schools across the city.",
            "PARIS (AP) _ Farmers blocked roads near the capital with tractors on Tuesday.",
        ];
        let (cluster, cleaned, segmented) = cluster_of(&texts);
        let brief = build_brief(&cluster, &cleaned, &segmented, &[(0, 0)]);
        let markdown = render_markdown(&brief, &cluster);
        assert!(markdown.contains("2 articles, 1 outlet ·"), "{markdown}");
        assert!(markdown.contains("(1 outlet)"), "{markdown}");
        assert!(render_html(&brief, &cluster).contains("· 1 outlet</span>"));

        let (cluster, cleaned, segmented) = cluster_of(&[
            "The council voted on Monday to close twelve schools across the city.",
            "Farmers blocked roads near the capital with tractors on Tuesday.",
        ]);
        let brief = build_brief(&cluster, &cleaned, &segmented, &[(0, 0)]);
        let markdown = render_markdown(&brief, &cluster);
        assert!(markdown.contains("2 articles, 2 textually independent reports"));
        assert!(markdown.contains("(1 textually independent)"), "{markdown}");

        let plain: Vec<String> = texts.iter().map(|t| t.replace(" (AP) _", " -")).collect();
        let (mut cluster, cleaned, segmented) =
            cluster_of(&plain.iter().map(String::as_str).collect::<Vec<_>>());
        cluster.articles[0].origin = "https://www.example-news.com/2024/schools".into();
        cluster.articles[1].origin = "http://daily.example.org/farmers?ref=1".into();
        let brief = build_brief(&cluster, &cleaned, &segmented, &[]);
        let sources: Vec<Option<String>> = brief.articles.iter().map(outlet).collect();
        assert_eq!(
            sources,
            vec![
                Some("example-news.com".to_string()),
                Some("daily.example.org".to_string())
            ]
        );
    }
}
