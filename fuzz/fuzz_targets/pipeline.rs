//! Bytes → ingest → summary and brief → every output format, with a span check.
//!
//! The first input byte picks the settings (selection method, budget); the rest is read as
//! `newsfuse summarize`/`brief` read one file (JSONL, Multi-News, HTML or plain text, in any
//! encoding). Nothing may panic, every span must cut its text out of its article, and each
//! output must be well formed: JSON that parses, Markdown with no raw `<`, one HTML page.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsfuse::brief::{render_html, render_html_pages, render_json, render_markdown};
use newsfuse::render::{Format, render};
use newsfuse::{Algorithm, Cluster, SummaryConfig};
use serde_json::Value;

fuzz_target!(|data: &[u8]| {
    let Some((&settings, bytes)) = data.split_first() else {
        return;
    };
    // `ilp` can run for its 2-second solver limit; the fuzzer stays on the fast methods.
    let fast: Vec<Algorithm> = Algorithm::ALL
        .into_iter()
        .filter(|a| *a != Algorithm::Ilp)
        .collect();
    let algorithm = fast[usize::from(settings & 0x0f) % fast.len()];
    let config = match settings >> 6 {
        0 => SummaryConfig::default(),
        1 => SummaryConfig::default().words(usize::from(settings & 0x3f)),
        2 => SummaryConfig::default().sentences(usize::from(settings & 0x07)),
        _ => SummaryConfig::default().chars(usize::from(settings) * 4),
    }
    .algorithm(algorithm);

    let ingested = newsfuse::ingest::read_bytes(bytes, "fuzz");
    let clusters: Vec<Cluster> = ingested.clusters.into_iter().filter_map(Result::ok).collect();
    let mut briefs = Vec::new();
    for cluster in &clusters {
        let (summary, brief) = newsfuse::summarize_and_brief(cluster, &config);
        for sentence in &summary.sentences {
            let article = &cluster.articles[sentence.article].text;
            assert_eq!(article.get(sentence.span.start..sentence.span.end), Some(sentence.text.as_str()));
        }
        let text = render(&summary, cluster, Format::Text);
        assert_eq!(text, summary.text());
        assert_no_raw_html(&render(&summary, cluster, Format::Markdown));
        let json: Value = serde_json::from_str(&render(&summary, cluster, Format::Json))
            .expect("summary JSON parses");
        assert_eq!(json["schema_version"], newsfuse::render::SUMMARY_SCHEMA_VERSION);

        let brief_json: Value = serde_json::from_str(&render_json(&brief)).expect("brief JSON parses");
        check_excerpts(&brief_json, cluster);
        assert_no_raw_html(&render_markdown(&brief, cluster));
        let page = render_html(&brief, cluster);
        assert_eq!(page.matches("<!DOCTYPE html>").count(), 1);
        assert!(!page.contains("<script"), "article markup reached the page");
        briefs.push((brief, cluster));
    }
    let pages: Vec<_> = briefs.iter().map(|(b, c)| (b, *c)).collect();
    let page = render_html_pages(&pages);
    assert_eq!(page.matches("<!DOCTYPE html>").count(), 1);
});

/// Every excerpt-shaped object of the brief's JSON (`article`, `span: {start, end}`, `text`) must
/// cut exactly its text out of its article.
fn check_excerpts(value: &Value, cluster: &Cluster) {
    match value {
        Value::Object(map) => {
            if let (Some(article), Some(span), Some(text)) = (
                map.get("article").and_then(Value::as_u64),
                map.get("span"),
                map.get("text").and_then(Value::as_str),
            ) {
                let start = span["start"].as_u64().expect("span start") as usize;
                let end = span["end"].as_u64().expect("span end") as usize;
                let article_text = &cluster.articles[article as usize].text;
                assert_eq!(
                    article_text.get(start..end),
                    Some(text),
                    "excerpt {start}..{end} of article {article}"
                );
            }
            map.values().for_each(|v| check_excerpts(v, cluster));
        }
        Value::Array(items) => items.iter().for_each(|v| check_excerpts(v, cluster)),
        _ => {}
    }
}

/// Markdown output escapes every `<` of article text.
fn assert_no_raw_html(markdown: &str) {
    for (at, _) in markdown.match_indices('<') {
        assert!(markdown[..at].ends_with('\\'), "raw `<` in Markdown at byte {at}");
    }
}
