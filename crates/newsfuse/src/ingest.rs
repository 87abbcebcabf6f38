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

use std::fs;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Error, Result};
use crate::extract::{extract_html, looks_like_html};
use crate::model::{Article, Cluster};

/// Separator between articles in the Multi-News distribution format.
pub const MULTINEWS_SEPARATOR: &str = "|||||";
/// How the Multi-News distribution format writes a newline.
pub const MULTINEWS_NEWLINE: &str = "NEWLINE_CHAR";

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
        let articles = parse_multinews(&text, origin);
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
            article.title = page.title;
            article.text = page.text;
            article.published = page.published;
            article.source = page.site_name;
        } else {
            notes.push(IngestNote {
                origin: origin.into(),
                message: "HTML page with no article text found".into(),
            });
        }
    } else {
        article.text = text.to_string();
    }
    if article.text.trim().is_empty() {
        notes.push(IngestNote {
            origin: origin.into(),
            message: "article is empty".into(),
        });
    }
    article
}

/// Splits the Multi-News distribution format into articles.
pub fn parse_multinews(text: &str, origin: &str) -> Vec<Article> {
    text.split(MULTINEWS_SEPARATOR)
        .map(|doc| doc.replace(MULTINEWS_NEWLINE, "\n"))
        .filter(|doc| !doc.trim().is_empty())
        .enumerate()
        .map(|(idx, doc)| Article {
            origin: format!("{origin}#{idx}"),
            text: doc.trim().to_string(),
            ..Article::default()
        })
        .collect()
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
}
