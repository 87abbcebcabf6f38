//! Reading article bodies (one JSON object, a JSON array or JSONL) and the story views the API
//! and the pages share.

use newsfuse_store::{ArticleInput, Store, StoryRow};
use serde::Deserialize;
use serde_json::Value;

/// A malformed item of a body: where it is and why it was refused.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct ItemError {
    /// The item's line in a JSONL body, or its position (from 1) in a JSON array; 1 for a
    /// single object.
    pub line: usize,
    /// Why it was refused.
    pub reason: String,
}

/// The articles of a body, each with its line, and the items that could not be read.
pub fn parse_body(body: &[u8]) -> (Vec<(usize, ArticleInput)>, Vec<ItemError>) {
    let text = String::from_utf8_lossy(body);
    let trimmed = text.trim_start();
    let mut good = Vec::new();
    let mut bad = Vec::new();
    let take = |line: usize, value: Value, good: &mut Vec<_>, bad: &mut Vec<_>| {
        match newsfuse_store::article_from_json(value, format!("request line {line}")) {
            Ok(article) => good.push((line, article)),
            Err(reason) => bad.push(ItemError { line, reason }),
        }
    };
    if trimmed.starts_with('[') {
        match serde_json::from_str::<Value>(trimmed) {
            Ok(Value::Array(items)) => {
                for (i, item) in items.into_iter().enumerate() {
                    take(i + 1, item, &mut good, &mut bad);
                }
            }
            Ok(_) => bad.push(ItemError {
                line: 1,
                reason: "not a JSON array".into(),
            }),
            Err(e) => bad.push(ItemError {
                line: e.line(),
                reason: format!("the JSON array is malformed: {e}"),
            }),
        }
        return (good, bad);
    }
    if trimmed.starts_with('{')
        && let Ok(value) = serde_json::from_str::<Value>(trimmed)
    {
        take(1, value, &mut good, &mut bad);
        return (good, bad);
    }
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Value>(line) {
            Ok(value) => take(i + 1, value, &mut good, &mut bad),
            Err(e) => bad.push(ItemError {
                line: i + 1,
                reason: format!("not JSON: {e}"),
            }),
        }
    }
    (good, bad)
}

/// A story as listed: its row, its lead summary sentence and whether its sources disagree.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct StoryItem {
    /// The story's number.
    pub id: u64,
    /// The headline (or opening words) of its first article.
    pub title: String,
    /// How many articles it has.
    pub articles: u64,
    /// How many distinct sources (outlets) they come from (0 when no article names one).
    pub sources: u64,
    /// How many textually independent reports its brief found: articles that are not copies or
    /// rewrites of one another (the listing ranks by it within a day).
    pub independent: u64,
    /// Its earliest article's time (RFC 3339, UTC).
    pub first: String,
    /// Its latest article's time (RFC 3339, UTC).
    pub latest: String,
    /// The ingest batch that last changed it.
    pub updated_batch: u64,
    /// The first sentence of its summary, if it has one.
    pub lead: Option<String>,
    /// How many figures its sources give different values for (0: no disagreement found).
    pub disagreements: usize,
}

#[derive(Deserialize)]
struct BriefPeek {
    #[serde(default)]
    summary: Vec<PeekSentence>,
    #[serde(default)]
    figures: Option<PeekFigures>,
}

#[derive(Deserialize)]
struct PeekSentence {
    excerpt: PeekExcerpt,
}

#[derive(Deserialize)]
struct PeekExcerpt {
    text: String,
}

#[derive(Deserialize)]
struct PeekFigures {
    #[serde(default)]
    disagreements: Vec<usize>,
}

/// The listing view of `row`, with its stored brief's lead sentence and disagreement count.
pub fn story_item(store: &dyn Store, row: &StoryRow) -> newsfuse_store::Result<StoryItem> {
    let peek = store
        .story(row.id)?
        .and_then(|record| record.brief)
        .and_then(|brief| serde_json::from_str::<BriefPeek>(&brief.brief_json).ok());
    let (lead, disagreements) = match peek {
        Some(peek) => (
            peek.summary.into_iter().next().map(|s| s.excerpt.text),
            peek.figures.map_or(0, |f| f.disagreements.len()),
        ),
        None => (None, 0),
    };
    Ok(StoryItem {
        id: row.id,
        title: row.title.clone(),
        articles: row.articles,
        sources: row.sources,
        independent: row.independent,
        first: newsfuse_stories::format_time(row.first_time),
        latest: newsfuse_stories::format_time(row.last_time),
        updated_batch: row.updated_batch,
        lead,
        disagreements,
    })
}

/// Now, in seconds since the Unix epoch.
pub fn now_secs() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// True for an `http://` or `https://` URL: the only ones the pages link to.
pub fn is_web_url(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://"))
        && !url
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '<' | '>'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_in_three_shapes() {
        let one = br#"{"id":"a","title":"T","text":"Body."}"#;
        let (good, bad) = parse_body(one);
        assert_eq!((good.len(), bad.len()), (1, 0));
        assert_eq!(good[0].1.id.as_deref(), Some("a"));
        let array = br#"[{"title":"T","text":"x"}, 5, {"html":"<p>Hello there.</p>"}]"#;
        let (good, bad) = parse_body(array);
        assert_eq!(good.iter().map(|g| g.0).collect::<Vec<_>>(), vec![1, 3]);
        assert_eq!(bad[0].line, 2);
        assert_eq!(good[1].1.text, "Hello there.");
        let jsonl =
            b"{\"title\":\"A\",\"text\":\"a\"}\n\nnot json\n{\"title\":\"\"}\n{\"text\":\"b\"}\n";
        let (good, bad) = parse_body(jsonl);
        assert_eq!(good.iter().map(|g| g.0).collect::<Vec<_>>(), vec![1, 5]);
        assert_eq!(bad.iter().map(|b| b.line).collect::<Vec<_>>(), vec![3, 4]);
        assert!(bad[1].reason.contains("no text"), "{bad:?}");
    }

    #[test]
    fn only_web_urls() {
        assert!(is_web_url("https://news.example/a"));
        assert!(is_web_url("HTTP://news.example/a"));
        assert!(!is_web_url("javascript:alert(1)"));
        assert!(!is_web_url("data:text/html,x"));
        assert!(!is_web_url("https://a.example/\"><script>"));
    }
}
