//! Stage 0, ingest: the only stage that touches the outside world.
//!
//! Reads files, folders and stdin; decodes bytes to text (UTF-8, UTF-16 with a byte-order mark, or
//! a legacy encoding detected with `chardetng`); refuses binary data; extracts the main text of HTML
//! pages; and understands three layouts: one article per file, cluster JSONL (one cluster per line,
//! documents as strings or as objects with `title`, `text`, `url`, `source`, `published`), and the
//! Multi-News distribution format (articles separated by `|||||`, newlines written `NEWLINE_CHAR`).
//!
//! A bad JSONL line or an unreadable file is reported and the rest is still read: the caller gets
//! one `Result` per cluster.
//!
//! Work is bounded: an article's plain text is cut at [`MAX_TEXT_BYTES`] and an HTML page read up
//! to [`MAX_INPUT_BYTES`] once its inline data is dropped; a note
//! says when either happens. UTF-8 with a few invalid bytes is read as UTF-8, the bad bytes
//! replaced with U+FFFD and counted in a note.

use std::fs;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Error, Result};
use crate::extract::{MAX_INPUT_BYTES, bounded_html, extract_html, looks_like_html};
use crate::model::{Article, Cluster};

/// Separator between articles in the Multi-News distribution format.
pub const MULTINEWS_SEPARATOR: &str = "|||||";
/// How the Multi-News distribution format writes a newline.
pub const MULTINEWS_NEWLINE: &str = "NEWLINE_CHAR";

/// An article's plain text longer than this is cut, at the last line break or space before it
/// (news articles are a few KiB; 8 MiB is over a million words). Keeps the cost of a summary and
/// a brief bounded.
pub const MAX_TEXT_BYTES: usize = 8 * 1024 * 1024;

/// Something ingest noticed but did not fail on (an empty article, a decoded legacy encoding).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct IngestNote {
    /// Where it applies.
    pub origin: String,
    /// What happened.
    pub message: String,
}

/// Everything read from the inputs: one entry per cluster (or per unreadable part), plus notes.
#[derive(Debug, Default)]
pub struct Ingested {
    /// Clusters in input order; an `Err` stands where a cluster could not be read.
    pub clusters: Vec<Result<Cluster>>,
    /// Non-fatal observations.
    pub notes: Vec<IngestNote>,
}

/// Reads command-line inputs: files and folders form one cluster together (one article per file),
/// except `.jsonl` files, whose lines are clusters of their own; `-` reads stdin.
pub fn read_inputs(paths: &[PathBuf]) -> Ingested {
    let mut ingested = Ingested::default();
    let mut loose = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            match read_stdin() {
                Ok(bytes) => read_text_source(&bytes, "stdin", &mut ingested, &mut loose),
                Err(source) => ingested.clusters.push(Err(Error::Io {
                    path: path.clone(),
                    source,
                })),
            }
        } else if path.is_dir() {
            match list_folder(path) {
                Ok(files) => {
                    if files.is_empty() {
                        ingested.clusters.push(Err(Error::NoInput(format!(
                            "folder {} has no files",
                            path.display()
                        ))));
                    }
                    for file in files {
                        read_file(&file, &mut ingested, &mut loose);
                    }
                }
                Err(source) => ingested.clusters.push(Err(Error::Io {
                    path: path.clone(),
                    source,
                })),
            }
        } else {
            read_file(path, &mut ingested, &mut loose);
        }
    }
    if !loose.is_empty() {
        let id = cluster_id_from_paths(paths);
        ingested.clusters.push(Ok(Cluster {
            id,
            articles: loose,
        }));
    }
    if ingested.clusters.is_empty() {
        ingested
            .clusters
            .push(Err(Error::NoInput("no articles given".into())));
    }
    ingested
}

/// Reads bytes already in memory (an upload, a message) as [`read_inputs`] reads one file: cluster
/// JSONL, the Multi-News format, an HTML page or plain text. Loose articles form one cluster named
/// `origin`.
///
/// ```
/// let ingested = newsfuse::ingest::read_bytes(b"<p>The bridge reopened on Friday.</p>", "upload");
/// let cluster = ingested.clusters[0].as_ref().expect("one cluster");
/// assert_eq!(cluster.id, "upload");
/// assert_eq!(cluster.articles[0].text, "The bridge reopened on Friday.");
/// ```
pub fn read_bytes(bytes: &[u8], origin: &str) -> Ingested {
    let mut ingested = Ingested::default();
    let mut loose = Vec::new();
    read_text_source(bytes, origin, &mut ingested, &mut loose);
    if !loose.is_empty() {
        ingested.clusters.push(Ok(Cluster {
            id: origin.to_string(),
            articles: loose,
        }));
    }
    ingested
}

fn read_stdin() -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::io::stdin().lock().read_to_end(&mut bytes)?;
    Ok(bytes)
}

fn list_folder(path: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in fs::read_dir(path)? {
        let entry_path = entry?.path();
        let hidden = entry_path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if entry_path.is_file() && !hidden {
            files.push(entry_path);
        }
    }
    files.sort();
    Ok(files)
}

fn read_file(path: &Path, ingested: &mut Ingested, loose: &mut Vec<Article>) {
    let origin = path.display().to_string();
    match fs::read(path) {
        Ok(bytes) => {
            let is_jsonl = path.extension().is_some_and(|e| {
                e.eq_ignore_ascii_case("jsonl") || e.eq_ignore_ascii_case("ndjson")
            });
            if is_jsonl {
                match decode(&bytes, &origin) {
                    Ok((text, note)) => {
                        ingested.notes.extend(note);
                        parse_jsonl(&text, &origin, ingested);
                    }
                    Err(error) => ingested.clusters.push(Err(error)),
                }
            } else {
                read_text_source(&bytes, &origin, ingested, loose);
            }
        }
        Err(source) => ingested.clusters.push(Err(Error::Io {
            path: path.to_path_buf(),
            source,
        })),
    }
}

/// One source of bytes that is not known to be JSONL: sniff JSONL, Multi-News, HTML or plain text.
fn read_text_source(bytes: &[u8], origin: &str, ingested: &mut Ingested, loose: &mut Vec<Article>) {
    let (text, note) = match decode(bytes, origin) {
        Ok(decoded) => decoded,
        Err(error) => {
            ingested.clusters.push(Err(error));
            return;
        }
    };
    ingested.notes.extend(note);
    if text.trim_start().starts_with('{') {
        parse_jsonl(&text, origin, ingested);
    } else if text.contains(MULTINEWS_SEPARATOR) || text.contains(MULTINEWS_NEWLINE) {
        let articles = parse_multinews_noting(&text, origin, &mut ingested.notes);
        loose.extend(articles);
    } else {
        let article = article_from_text(&text, origin, &mut ingested.notes);
        loose.push(article);
    }
}

/// Builds an article from one file's text: extracts HTML, keeps plain text as it is.
pub fn article_from_text(text: &str, origin: &str, notes: &mut Vec<IngestNote>) -> Article {
    let mut article = Article {
        origin: origin.to_string(),
        ..Article::default()
    };
    if looks_like_html(text) {
        if let Some(page) = extract_html(text) {
            if page.truncated {
                notes.push(IngestNote {
                    origin: origin.into(),
                    message: format!(
                        "HTML page of {} is too long even without its inline data (scripts, \
                         styles, data: URIs); only its first {} were read",
                        megabytes(text.len()),
                        megabytes(MAX_INPUT_BYTES)
                    ),
                });
            }
            article.title = page.title;
            article.text = page.text;
            article.published = page.published;
            article.source = page.site_name;
        } else {
            let message = if bounded_html(text).1 {
                format!(
                    "HTML page with no article text found in its first {} (the page is {} \
                     without its inline data; the rest was not read)",
                    megabytes(MAX_INPUT_BYTES),
                    megabytes(text.len())
                )
            } else {
                "HTML page with no article text found".into()
            };
            notes.push(IngestNote {
                origin: origin.into(),
                message,
            });
        }
    } else {
        article.text = capped_text(text, origin, notes);
    }
    if article.text.trim().is_empty() {
        notes.push(IngestNote {
            origin: origin.into(),
            message: "article is empty".into(),
        });
    }
    article
}

/// Splits the Multi-News distribution format into articles (each cut at [`MAX_TEXT_BYTES`]; a
/// cut is not noted here, [`read_inputs`] notes it).
pub fn parse_multinews(text: &str, origin: &str) -> Vec<Article> {
    parse_multinews_noting(text, origin, &mut Vec::new())
}

fn parse_multinews_noting(text: &str, origin: &str, notes: &mut Vec<IngestNote>) -> Vec<Article> {
    text.split(MULTINEWS_SEPARATOR)
        .map(|doc| doc.replace(MULTINEWS_NEWLINE, "\n"))
        .filter(|doc| !doc.trim().is_empty())
        .enumerate()
        .map(|(idx, doc)| {
            let origin = format!("{origin}#{idx}");
            let text = capped_text(doc.trim(), &origin, notes);
            Article {
                origin,
                text,
                ..Article::default()
            }
        })
        .collect()
}

/// `text`, or its first [`MAX_TEXT_BYTES`] cut at the last line break (else space) before the
/// cap, with a note saying so.
fn capped_text(text: &str, origin: &str, notes: &mut Vec<IngestNote>) -> String {
    if text.len() <= MAX_TEXT_BYTES {
        return text.to_string();
    }
    let mut end = MAX_TEXT_BYTES;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let window = end.saturating_sub(64 * 1024);
    let head = &text[..end];
    let end = head[window..]
        .rfind('\n')
        .or_else(|| head[window..].rfind(' '))
        .map_or(end, |i| window + i);
    notes.push(IngestNote {
        origin: origin.into(),
        message: format!(
            "article text of {} is over the {} limit; only its first {} bytes were read",
            megabytes(text.len()),
            megabytes(MAX_TEXT_BYTES),
            end
        ),
    });
    text[..end].to_string()
}

/// A size for people: "9.0 MB" (10^6 bytes) or "8 MiB" for the caps.
fn megabytes(bytes: usize) -> String {
    if bytes.is_multiple_of(1024 * 1024) {
        format!("{} MiB", bytes / (1024 * 1024))
    } else {
        format!("{:.1} MB", bytes as f64 / 1e6)
    }
}

#[derive(Deserialize)]
struct JsonCluster {
    #[serde(default)]
    id: Option<serde_json::Value>,
    documents: Vec<JsonDocument>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum JsonDocument {
    Text(String),
    Rich {
        #[serde(default)]
        title: Option<String>,
        text: String,
        #[serde(default)]
        url: Option<String>,
        #[serde(default)]
        source: Option<String>,
        #[serde(default)]
        published: Option<String>,
    },
}

/// Parses cluster JSONL: one cluster per non-blank line; a bad line becomes an `Err` in place.
pub fn parse_jsonl(text: &str, origin: &str, ingested: &mut Ingested) {
    for (line_idx, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let line_no = line_idx + 1;
        let parsed: std::result::Result<JsonCluster, _> = serde_json::from_str(line);
        match parsed {
            Ok(json) => {
                let id = match json.id {
                    Some(serde_json::Value::String(s)) => s,
                    Some(other) => other.to_string(),
                    None => format!("{origin}:{line_no}"),
                };
                let mut articles = Vec::with_capacity(json.documents.len());
                for (doc_idx, document) in json.documents.into_iter().enumerate() {
                    let doc_origin = format!("{id}#{doc_idx}");
                    let mut article = match document {
                        JsonDocument::Text(text) => {
                            article_from_text(&text, &doc_origin, &mut ingested.notes)
                        }
                        JsonDocument::Rich {
                            title,
                            text,
                            url,
                            source,
                            published,
                        } => {
                            let mut article =
                                article_from_text(&text, &doc_origin, &mut ingested.notes);
                            article.title = title.or(article.title);
                            article.url = url;
                            article.source = source.or(article.source);
                            article.published = published.or(article.published);
                            article
                        }
                    };
                    article.origin = doc_origin;
                    articles.push(article);
                }
                ingested.clusters.push(Ok(Cluster { id, articles }));
            }
            Err(error) => ingested.clusters.push(Err(Error::BadJsonLine {
                origin: origin.to_string(),
                line: line_no,
                reason: error.to_string(),
            })),
        }
    }
}

/// Decodes bytes to text. Returns a note when the text was not UTF-8.
pub fn decode(bytes: &[u8], origin: &str) -> Result<(String, Option<IngestNote>)> {
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        let note = (encoding != encoding_rs::UTF_8 || had_errors).then(|| IngestNote {
            origin: origin.into(),
            message: format!("decoded from {}", encoding.name()),
        });
        return Ok((text.into_owned(), note));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        if looks_binary(text.as_bytes()) {
            return Err(not_text(origin));
        }
        return Ok((text.to_string(), None));
    }
    if looks_binary(bytes) {
        return Err(not_text(origin));
    }
    if let Some(decoded) = mostly_utf8(bytes, origin) {
        return Ok(decoded);
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let encoding = detector.guess(None, chardetng::Utf8Detection::Allow);
    let (text, _, had_errors) = encoding.decode(bytes);
    if had_errors && encoding == encoding_rs::UTF_8 {
        return Err(Error::NotText {
            origin: origin.into(),
            reason: "invalid UTF-8 and no other encoding fits".into(),
        });
    }
    let note = IngestNote {
        origin: origin.into(),
        message: format!("not UTF-8; decoded as {}", encoding.name()),
    };
    Ok((text.into_owned(), Some(note)))
}

/// UTF-8 with a few invalid bytes (a truncated character, a stray byte from another encoding):
/// decoded as UTF-8, each bad sequence replaced with U+FFFD, when the valid multi-byte characters
/// outnumber the invalid bytes; a legacy-encoded file almost never forms valid multi-byte UTF-8,
/// so it is left to the encoding detector.
fn mostly_utf8(bytes: &[u8], origin: &str) -> Option<(String, Option<IngestNote>)> {
    let mut invalid = 0usize;
    let mut multibyte = 0usize;
    for chunk in bytes.utf8_chunks() {
        multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += chunk.invalid().len();
    }
    if multibyte == 0 || invalid > multibyte {
        return None;
    }
    let text = String::from_utf8_lossy(bytes).into_owned();
    let note = IngestNote {
        origin: origin.into(),
        message: format!(
            "invalid UTF-8: {invalid} byte{} replaced with U+FFFD",
            if invalid == 1 { "" } else { "s" }
        ),
    };
    Some((text, Some(note)))
}

fn not_text(origin: &str) -> Error {
    Error::NotText {
        origin: origin.into(),
        reason: "binary data, not text (NUL or control bytes)".into(),
    }
}

/// Binary data: NUL bytes, or many control characters in the first 8 KiB.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return true;
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    controls * 20 > head.len().max(1)
}

/// A folder's name; `.` and `..` have none of their own, so theirs is the folder they stand for.
fn folder_name(path: &Path) -> String {
    let canonical = path.canonicalize().ok();
    let name = path
        .file_name()
        .or_else(|| canonical.as_deref()?.file_name());
    name.map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

fn cluster_id_from_paths(paths: &[PathBuf]) -> String {
    match paths {
        [single] if single.as_os_str() == "-" => "stdin".into(),
        [single] if single.is_dir() => folder_name(single),
        [single] => single
            .file_stem()
            .map_or_else(|| "cluster".into(), |n| n.to_string_lossy().into_owned()),
        _ => "cluster".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ingest_str(text: &str) -> Ingested {
        let mut ingested = Ingested::default();
        let mut loose = Vec::new();
        read_text_source(text.as_bytes(), "test", &mut ingested, &mut loose);
        if !loose.is_empty() {
            ingested.clusters.push(Ok(Cluster {
                id: "test".into(),
                articles: loose,
            }));
        }
        ingested
    }

    #[test]
    fn jsonl_plain_and_rich_documents() {
        let input = "{\"id\": \"a\", \"documents\": [\"One. Two.\", \"Three.\"]}\n\n\
                     {\"id\": 7, \"documents\": [{\"title\": \"T\", \"text\": \"Body.\", \"url\": \"u\", \"source\": \"s\", \"published\": \"2016-02-02\"}]}\n";
        let ingested = ingest_str(input);
        assert_eq!(ingested.clusters.len(), 2);
        let first = ingested.clusters[0].as_ref().expect("line 1 is valid");
        assert_eq!(first.id, "a");
        assert_eq!(first.articles.len(), 2);
        let second = ingested.clusters[1].as_ref().expect("line 3 is valid");
        assert_eq!(second.id, "7");
        assert_eq!(second.articles[0].title.as_deref(), Some("T"));
        assert_eq!(second.articles[0].published.as_deref(), Some("2016-02-02"));
    }

    #[test]
    fn malformed_line_is_reported_with_its_number_and_others_survive() {
        let input = "{\"id\": \"a\", \"documents\": [\"x\"]}\n{\"id\": \"b\", \"documents\": \n{\"id\": \"c\", \"documents\": [\"y\"]}\n";
        let ingested = ingest_str(input);
        assert_eq!(ingested.clusters.len(), 3);
        assert!(ingested.clusters[0].is_ok());
        match &ingested.clusters[1] {
            Err(Error::BadJsonLine { line, .. }) => assert_eq!(*line, 2),
            other => panic!("expected a bad line error, got {other:?}"),
        }
        assert!(ingested.clusters[2].is_ok());
    }

    #[test]
    fn multinews_format() {
        let input =
            "First article.NEWLINE_CHARNEWLINE_CHARSecond paragraph. ||||| Second article. |||||";
        let ingested = ingest_str(input);
        let cluster = ingested.clusters[0].as_ref().expect("valid");
        assert_eq!(cluster.articles.len(), 2);
        assert_eq!(
            cluster.articles[0].text,
            "First article.\n\nSecond paragraph."
        );
    }

    #[test]
    fn binary_is_refused() {
        let ingested = ingest_str("abc\0\0\0def");
        assert!(matches!(ingested.clusters[0], Err(Error::NotText { .. })));
    }

    #[test]
    fn legacy_encodings_are_decoded() {
        let latin1 = b"Caf\xe9 cr\xe8me in M\xfcnchen, na\xefve \xe9l\xe8ves.";
        let (text, note) = decode(latin1, "x").expect("decodable");
        assert!(text.contains("Café crème"), "{text}");
        assert!(note.is_some());
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Hé".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(&utf16, "x").expect("BOM").0, "Hé");
    }

    #[test]
    fn empty_article_is_kept_with_a_note() {
        let ingested = ingest_str("   \n");
        let cluster = ingested.clusters[0].as_ref().expect("valid");
        assert_eq!(cluster.articles.len(), 1);
        assert_eq!(ingested.notes.len(), 1);
    }

    /// Paragraphs of an invented article, about `n * 130` bytes.
    fn article_paragraphs(n: usize) -> String {
        let mut html = String::new();
        for i in 0..n {
            html.push_str("<p>The harbour authority said on Tuesday that repairs to pier ");
            html.push_str(&i.to_string());
            html.push_str(" would take three weeks and cost about two million dollars in all.</p>");
        }
        html
    }

    #[test]
    fn html_page_with_a_huge_inline_image_before_the_article_is_read() {
        let image = "QUJD".repeat(9 * 1024 * 1024 / 4);
        let page = format!(
            "<!DOCTYPE html><html><head><title>Pier repairs</title><style>p {{ color: red }}</style></head>\
             <body><img src=\"data:image/png;base64,{image}\"><article>{}</article></body></html>",
            article_paragraphs(12)
        );
        assert!(page.len() > MAX_INPUT_BYTES);
        let ingested = ingest_str(&page);
        let cluster = ingested.clusters[0].as_ref().expect("valid");
        let text = &cluster.articles[0].text;
        assert!(
            text.contains("repairs to pier 11 would take"),
            "{text:.300}"
        );
        assert!(ingested.notes.is_empty(), "{:?}", ingested.notes);
    }

    #[test]
    fn html_page_over_the_cap_without_inline_data_says_it_was_cut() {
        let page = format!(
            "<!DOCTYPE html><html><body><article>{}</article></body></html>",
            article_paragraphs(MAX_INPUT_BYTES / 120)
        );
        assert!(page.len() > MAX_INPUT_BYTES);
        let ingested = ingest_str(&page);
        let cluster = ingested.clusters[0].as_ref().expect("valid");
        assert!(cluster.articles[0].text.contains("repairs to pier 0 would"));
        assert!(
            ingested
                .notes
                .iter()
                .any(|n| n.message.contains("only its first 8 MiB were read")),
            "{:?}",
            ingested.notes
        );
    }

    #[test]
    fn utf8_with_a_few_invalid_bytes_stays_utf8() {
        let mut bytes = "Café crème in München: the naïve élèves met on Tuesday.\n"
            .repeat(3)
            .into_bytes();
        bytes.insert(10, 0xFF);
        bytes.extend_from_slice(&[0xE2, 0x82]); // a cut-off three-byte character at the end
        let (text, note) = decode(&bytes, "x").expect("decodable");
        assert!(text.starts_with("Café crè"), "{text}");
        assert!(!text.contains("Ã"), "mojibake: {text}");
        assert_eq!(text.matches('\u{FFFD}').count(), 2, "{text}");
        let note = note.expect("a note on the replaced bytes");
        assert!(
            note.message.contains("3 bytes replaced"),
            "{}",
            note.message
        );
        // A windows-1252 file is still detected as such.
        let (text, _) = decode(b"Caf\xe9 cr\xe8me, na\xefve \xe9l\xe8ves", "x").expect("decodable");
        assert!(text.contains("Café crème"), "{text}");
    }

    #[test]
    fn plain_text_over_the_cap_is_cut_at_a_line_with_a_note() {
        let line = "The harbour authority said repairs would take three weeks.\n";
        let text = line.repeat(MAX_TEXT_BYTES / line.len() + 100);
        let ingested = ingest_str(&text);
        let cluster = ingested.clusters[0].as_ref().expect("valid");
        let kept = &cluster.articles[0].text;
        assert!(kept.len() <= MAX_TEXT_BYTES, "{}", kept.len());
        assert!(
            kept.len() > MAX_TEXT_BYTES - line.len() * 2,
            "{}",
            kept.len()
        );
        assert!(
            kept.ends_with("three weeks."),
            "{:?}",
            &kept[kept.len() - 30..]
        );
        assert!(
            ingested
                .notes
                .iter()
                .any(|n| n.message.contains("over the 8 MiB limit")),
            "{:?}",
            ingested.notes
        );
        // The same cap holds for each article of the Multi-News format.
        let multinews = format!(
            "{} ||||| A second article.",
            text.replace('\n', "NEWLINE_CHAR")
        );
        let ingested = ingest_str(&multinews);
        let cluster = ingested.clusters[0].as_ref().expect("valid");
        assert!(cluster.articles[0].text.len() <= MAX_TEXT_BYTES);
        assert_eq!(ingested.notes.len(), 1, "{:?}", ingested.notes);
    }
}
