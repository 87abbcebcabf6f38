//! What users hand in: an article as a JSON object, and a "since" as a date or a duration. The
//! CLI (`ingest`, `cluster`, `stories --since`) and the server (`POST /v1/articles`, `?since=`)
//! read both the same way through these functions.

use serde_json::{Map, Value};

use crate::ArticleInput;

/// The field `name` as a string: a JSON string as it is, `null` or absent as `None`, any other
/// value (a number id, say) in its JSON form.
pub fn string_field(object: &Map<String, Value>, name: &str) -> Option<String> {
    match object.get(name)? {
        Value::String(s) => Some(s.clone()),
        Value::Null => None,
        other => Some(other.to_string()),
    }
}

/// An article's title and text: `text`, or the article extracted from `html` when `text` is
/// empty (its title then fills an empty `title`). An error when neither gives any words.
pub fn title_and_text(object: &Map<String, Value>) -> Result<(String, String), String> {
    let mut title = string_field(object, "title").unwrap_or_default();
    let mut text = string_field(object, "text").unwrap_or_default();
    if text.trim().is_empty()
        && let Some(html) = string_field(object, "html")
        && let Some(page) = newsfuse::extract::extract_html(&html)
    {
        text = page.text;
        if title.trim().is_empty() {
            title = page.title.unwrap_or_default();
        }
    }
    if text.trim().is_empty() && title.trim().is_empty() {
        return Err("no text, html or title".into());
    }
    Ok((title, text))
}

/// One article object: `id`, `url`, `title`, `text` or `html`, `source`, `published` (or
/// `time`), all optional but some text. An empty `id` or `url` counts as absent, so that two
/// articles with `"id": ""` are not taken for one.
///
/// ```
/// let value = serde_json::json!({"id": "a1", "url": "", "title": "Bridge closed", "text": "The bridge closed."});
/// let article = newsfuse_store::article_from_json(value, "feed.jsonl:1".into()).unwrap();
/// assert_eq!((article.id.as_deref(), article.url), (Some("a1"), None));
/// assert!(newsfuse_store::article_from_json(serde_json::json!([1]), String::new()).is_err());
/// ```
pub fn article_from_json(value: Value, origin: String) -> Result<ArticleInput, String> {
    let Value::Object(object) = value else {
        return Err("not a JSON object".into());
    };
    let (title, text) = title_and_text(&object)?;
    let non_empty = |name: &str| string_field(&object, name).filter(|s| !s.trim().is_empty());
    Ok(ArticleInput {
        id: non_empty("id"),
        url: non_empty("url"),
        title,
        text,
        source: non_empty("source"),
        published: non_empty("published").or_else(|| non_empty("time")),
        origin,
    })
}

/// Reads a "since": a date (`2016-02-02`, RFC 3339), seconds since 1970, or a duration back from
/// `now` (`90m`, `24h`, `7d`, `2w`), as seconds since 1970.
///
/// ```
/// use newsfuse_store::parse_since;
/// assert_eq!(parse_since("2024-03-05", 0), Ok(1_709_596_800));
/// assert_eq!(parse_since("2h", 10_000), Ok(10_000 - 7_200));
/// assert!(parse_since("soon", 0).is_err());
/// ```
pub fn parse_since(text: &str, now: i64) -> Result<i64, String> {
    let text = text.trim();
    if let Some(at) = newsfuse_stories::parse_time(text) {
        return Ok(at);
    }
    if let Ok(secs) = text.parse::<i64>() {
        return Ok(secs);
    }
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let unit_secs = match unit {
        "s" => 1,
        "m" => 60,
        "h" => 3600,
        "d" => 86_400,
        "w" => 7 * 86_400,
        _ => 0,
    };
    match number.parse::<i64>() {
        Ok(n) if unit_secs > 0 => Ok(now.saturating_sub(n.saturating_mul(unit_secs))),
        _ => Err(format!(
            "{text:?} is neither a date (2016-02-02, 2016-02-02T12:00:00Z), seconds since 1970, \
             nor a duration (90m, 24h, 7d, 2w)"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn empty_ids_and_urls_are_absent_and_html_gives_text() {
        let a = article_from_json(
            json!({"id": "", "url": " ", "html": "<html><head><title>Bridge</title></head><body><article><p>The harbour bridge in Kelmouth closed on Monday after a crane struck its northern span, officials said.</p></article></body></html>"}),
            "x".into(),
        )
        .expect("article");
        assert_eq!((a.id, a.url), (None, None));
        assert!(a.text.contains("crane struck"), "{}", a.text);
        assert_eq!(
            article_from_json(json!({"id": 7, "url": "u"}), "x".into()).unwrap_err(),
            "no text, html or title"
        );
        let numbered = article_from_json(
            json!({"id": 7, "text": "t", "time": "2024-01-01"}),
            "x".into(),
        )
        .expect("article");
        assert_eq!(numbered.id.as_deref(), Some("7"));
        assert_eq!(numbered.published.as_deref(), Some("2024-01-01"));
    }

    #[test]
    fn since_reads_dates_seconds_and_durations() {
        assert_eq!(parse_since("1709596800", 0), Ok(1_709_596_800));
        assert_eq!(parse_since(" 3d ", 1_000_000), Ok(1_000_000 - 3 * 86_400));
        assert!(parse_since("24x", 0).is_err());
        assert!(parse_since("", 0).is_err());
    }
}
