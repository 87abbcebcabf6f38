//! HTML main-text extraction: from a web page to the article's title and text.
//!
//! [`extract_html`] runs `dom_smoothie` (a port of Mozilla's Readability.js) to find the
//! article node, then renders that node to plain text with [`block_text`], which keeps the
//! block structure: one paragraph per block element, paragraphs separated by a blank line,
//! whitespace inside a paragraph collapsed to single spaces. When Readability finds nothing
//! (short pages, index pages, div soup it cannot score), a fallback renders the page body the
//! same way, minus obvious chrome (`nav`, `header`, `footer`, `aside`, forms, hidden nodes)
//! and link-list paragraphs.
//!
//! Architecture Invariant: extraction never panics and its work is bounded by the input
//! size: inputs are capped at [`MAX_INPUT_BYTES`] (a larger page first loses its inline data:
//! scripts, styles, inline SVG and long `data:` URIs; what is still over the cap is cut and the
//! page says so in [`ExtractedPage::truncated`]), Readability is skipped above
//! [`MAX_READABILITY_ELEMENTS`] elements, and every tree walk is iterative (no recursion,
//! so deeply nested junk cannot overflow the stack).

use std::panic::{AssertUnwindSafe, catch_unwind};

use dom_query::{Document, NodeRef};
use dom_smoothie::{Article, Config, Readability};

use crate::script::word_count;

/// The main content of a web page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExtractedPage {
    /// The article headline, when found.
    pub title: Option<String>,
    /// The article text, paragraphs separated by blank lines.
    pub text: String,
    /// Byline, when found.
    pub byline: Option<String>,
    /// Publication date, when found.
    pub published: Option<String>,
    /// Site name, when found.
    pub site_name: Option<String>,
    /// True when the page was longer than [`MAX_INPUT_BYTES`] even without its inline data, so
    /// that only its first [`MAX_INPUT_BYTES`] were read.
    pub truncated: bool,
}

/// Inputs longer than this lose their inline data ([`strip_inline_data`]); what is still longer is
/// cut (at a char boundary) before parsing.
pub const MAX_INPUT_BYTES: usize = 8 * 1024 * 1024;

/// A `data:` URI longer than this is inline data (an image, a font), not text worth keeping.
const MAX_DATA_URI_BYTES: usize = 256;

/// Pages with more elements than this skip Readability (whose scoring is superlinear) and
/// go straight to the body-text fallback.
pub const MAX_READABILITY_ELEMENTS: usize = 60_000;

/// True when `text` looks like an HTML document or fragment rather than plain text.
///
/// Accepts documents (`<!doctype html>`, `<html>`, `<head>`/`<body>` near the top), fragments
/// that start with a common HTML tag (`<div`, `<p>`, `<article` ...), and text that is mostly
/// markup (several closing block tags near the top). Plain text that merely mentions a tag,
/// like "use `<b>` for bold", is not HTML.
pub fn looks_like_html(text: &str) -> bool {
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    let head = prefix(trimmed, 4096).to_ascii_lowercase();
    if head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || head.contains("<body")
        || head.contains("<head>")
        || head.contains("<head ")
    {
        return true;
    }
    if starts_with_known_tag(&head) {
        return true;
    }
    // Text with markup sprinkled in: count closing block tags.
    let closers = [
        "</p>", "</div>", "</li>", "</td>", "</h1>", "</h2>", "</h3>", "</span>", "</a>",
    ];
    let count: usize = closers.iter().map(|c| head.matches(c).count()).sum();
    count >= 3
}

/// Extracts the main text of an HTML page. Returns `None` when no article text is found.
///
/// A page over [`MAX_INPUT_BYTES`] first loses its inline data ([`strip_inline_data`]); if it is
/// still too long, only its first [`MAX_INPUT_BYTES`] are read and the page is marked
/// [`truncated`](ExtractedPage::truncated).
pub fn extract_html(html: &str) -> Option<ExtractedPage> {
    let (html, truncated) = bounded_html(html);
    if html.trim().is_empty() {
        return None;
    }
    // dom_smoothie and html5ever are not ours; a panic in them must not take the caller down.
    let mut page = catch_unwind(AssertUnwindSafe(|| extract_inner(&html))).unwrap_or(None)?;
    page.truncated = truncated;
    Some(page)
}

/// The page as extraction reads it: whole when it fits [`MAX_INPUT_BYTES`], else without its
/// inline data, and cut to [`MAX_INPUT_BYTES`] if still too long (then the flag is true).
pub fn bounded_html(html: &str) -> (std::borrow::Cow<'_, str>, bool) {
    if html.len() <= MAX_INPUT_BYTES {
        return (std::borrow::Cow::Borrowed(html), false);
    }
    let stripped = strip_inline_data(html);
    if stripped.len() <= MAX_INPUT_BYTES {
        return (std::borrow::Cow::Owned(stripped), false);
    }
    let cut = prefix(&stripped, MAX_INPUT_BYTES).to_string();
    (std::borrow::Cow::Owned(cut), true)
}

/// The page without its inline data, which holds no article text: the contents of `<script>`,
/// `<style>`, `<svg>` and `<template>` elements (the tags stay, empty), and every `data:` URI
/// longer than 256 bytes (an inline image or font; written `data:,` instead). One pass, linear in
/// the page.
///
/// ```
/// let page = format!("<p>Text</p><img src=\"data:image/png;base64,{}\"><script>var x = 1;</script>", "A".repeat(1000));
/// assert_eq!(newsfuse::extract::strip_inline_data(&page), "<p>Text</p><img src=\"data:,\"><script></script>");
/// ```
pub fn strip_inline_data(html: &str) -> String {
    const RAW_ELEMENTS: [&str; 4] = ["script", "style", "svg", "template"];
    let lower = html.to_ascii_lowercase();
    let bytes = lower.as_bytes();
    let mut out = String::with_capacity(html.len().min(MAX_INPUT_BYTES * 2));
    let mut at = 0;
    let mut copied = 0;
    while let Some(offset) = lower[at..].find(['<', 'd']) {
        let start = at + offset;
        at = start + 1;
        if bytes[start] == b'<' {
            let Some(name) = RAW_ELEMENTS.iter().find(|name| {
                lower[start + 1..].starts_with(**name)
                    && bytes
                        .get(start + 1 + name.len())
                        .is_some_and(|&b| b == b'>' || b == b'/' || b.is_ascii_whitespace())
            }) else {
                continue;
            };
            let Some(open_end) = lower[start..].find('>').map(|i| start + i + 1) else {
                break;
            };
            if bytes[open_end - 2] == b'/' {
                at = open_end;
                continue;
            }
            let close = lower[open_end..]
                .find(&format!("</{name}"))
                .map_or(lower.len(), |i| open_end + i);
            out.push_str(&html[copied..open_end]);
            copied = close;
            at = close.max(open_end);
        } else if lower[start..].starts_with("data:")
            && start > 0
            && matches!(bytes[start - 1], b'"' | b'\'' | b'(' | b'=')
        {
            let end = lower[start..]
                .find(|c: char| matches!(c, '"' | '\'' | ')' | '>') || c.is_ascii_whitespace())
                .map_or(lower.len(), |i| start + i);
            if end - start > MAX_DATA_URI_BYTES {
                out.push_str(&html[copied..start]);
                out.push_str("data:,");
                copied = end;
            }
            at = end;
        }
    }
    out.push_str(&html[copied..]);
    out
}

/// Renders the text under `node` with block structure kept: paragraphs separated by `"\n\n"`,
/// whitespace inside a paragraph collapsed, script/style and form controls skipped.
pub fn block_text(node: &NodeRef<'_>) -> String {
    let mut out = TextSink::new(false);
    walk(node, &mut out, false);
    out.finish()
}

/// Decodes the raw bytes of a web page to text, never failing.
///
/// Order: a byte-order mark; valid UTF-8 (a strong signal, whatever the page declares); the
/// `<meta charset>` / `http-equiv` declaration in the first 4 KiB; a `chardetng` guess.
/// Undecodable bytes become U+FFFD.
pub fn decode_html(bytes: &[u8]) -> String {
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        return text.into_owned();
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return text.to_owned();
    }
    let encoding = declared_charset(&bytes[..bytes.len().min(4096)]).unwrap_or_else(|| {
        let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
        detector.feed(bytes, true);
        detector.guess(None, chardetng::Utf8Detection::Allow)
    });
    let (text, _, _) = encoding.decode(bytes);
    text.into_owned()
}

/// The encoding named by `charset=` in the page head, if encoding_rs knows it. A declared
/// UTF-16 is ignored (the bytes are ASCII-compatible if we could read the declaration).
fn declared_charset(head: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let lower = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(pos) = find_bytes(&lower[from..], b"charset") {
        let mut i = from + pos + b"charset".len();
        from = i;
        while lower.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        if lower.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        while lower
            .get(i)
            .is_some_and(|b| b.is_ascii_whitespace() || *b == b'"' || *b == b'\'')
        {
            i += 1;
        }
        let start = i;
        while lower
            .get(i)
            .is_some_and(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.'))
        {
            i += 1;
        }
        if let Some(encoding) = encoding_rs::Encoding::for_label(&lower[start..i]) {
            if encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE {
                return Some(encoding_rs::UTF_8);
            }
            return Some(encoding);
        }
    }
    None
}

fn find_bytes(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn extract_inner(html: &str) -> Option<ExtractedPage> {
    if estimated_depth(html) > MAX_DOM_DEPTH {
        // html5ever and Readability are both quadratic in nesting depth.
        let text = lexical_text(html);
        return (!text.is_empty()).then(|| ExtractedPage {
            text,
            ..ExtractedPage::default()
        });
    }
    let doc = Document::from(html);
    let elements = count_elements(&doc.root(), MAX_READABILITY_ELEMENTS + 1);
    let reader = Readability::with_document(doc, None, Some(readability_config())).ok()?;
    let meta = reader.get_article_metadata(reader.parse_json_ld());
    let mut page = ExtractedPage {
        title: non_empty(meta.title),
        text: String::new(),
        byline: meta.byline.and_then(non_empty),
        published: meta.published_time.and_then(non_empty),
        site_name: meta.site_name.and_then(non_empty),
        truncated: false,
    };
    if elements <= MAX_READABILITY_ELEMENTS {
        let mut reader = reader;
        if let Ok(article) = reader.parse() {
            page.text = article_text(&article);
            merge_article_meta(&mut page, article);
        }
    }
    if word_count(&page.text) < MIN_ARTICLE_WORDS {
        let fallback = body_text(html);
        if !fallback.is_empty() {
            page.text = fallback;
        }
    }
    if page.published.is_none() {
        page.published = published_from_meta(html);
    }
    if page.text.trim().is_empty() {
        return None;
    }
    Some(page)
}

/// Pages nested deeper than this (as estimated from the tag stream) are not parsed into a
/// DOM; `lexical_text` strips their tags instead.
pub const MAX_DOM_DEPTH: usize = 400;

/// Below this many words the Readability result is treated as a miss and the body fallback
/// is tried too (the longer of the two wins).
const MIN_ARTICLE_WORDS: usize = 25;

fn readability_config() -> Config {
    Config {
        // Element counting is done by us first (so oversize pages still get the fallback).
        max_elements_to_parse: 0,
        ..Config::default()
    }
}

fn article_text(article: &Article) -> String {
    let fragment = Document::fragment(article.content.to_string());
    block_text(&fragment.root())
}

fn merge_article_meta(page: &mut ExtractedPage, article: Article) {
    if let Some(title) = non_empty(article.title) {
        page.title = Some(title);
    }
    if page.byline.is_none() {
        page.byline = article.byline.and_then(non_empty);
    }
    if page.published.is_none() {
        page.published = article.published_time.and_then(non_empty);
    }
    if page.site_name.is_none() {
        page.site_name = article.site_name.and_then(non_empty);
    }
}

/// The fallback: the body's text without page chrome and link lists.
fn body_text(html: &str) -> String {
    let doc = Document::from(html);
    let root = doc.body().unwrap_or_else(|| doc.root());
    let mut out = TextSink::new(true);
    walk(&root, &mut out, true);
    out.finish()
}

/// `<meta property="article:published_time">` and friends, for pages where dom_smoothie's
/// metadata pass found no date.
fn published_from_meta(html: &str) -> Option<String> {
    let doc = Document::from(html);
    let selectors = [
        r#"meta[property="article:published_time"]"#,
        r#"meta[name="article:published_time"]"#,
        r#"meta[itemprop="datePublished"]"#,
        r#"meta[name="pubdate"]"#,
        r#"meta[name="publishdate"]"#,
        r#"meta[name="date"]"#,
        r#"meta[name="dc.date"]"#,
        r#"meta[name="DC.date.issued"]"#,
    ];
    for sel in selectors {
        let found = doc.try_select(sel).and_then(|s| s.attr("content"));
        if let Some(value) = found.and_then(|v| non_empty(v.to_string())) {
            return Some(value);
        }
    }
    doc.try_select("time[datetime]")
        .and_then(|s| s.attr("datetime"))
        .and_then(|v| non_empty(v.to_string()))
}

/// What the walker does with an element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Contributes nothing, children skipped.
    Skip,
    /// Starts and ends a paragraph.
    Block,
    /// Ends the current paragraph (a `<br>` or `<hr>`).
    Break,
    /// A table cell: a space before and after.
    Cell,
    /// A link: text counted towards the paragraph's link density.
    Link,
    /// Anything else: its text flows into the current paragraph.
    Inline,
}

fn kind_of(name: &str, fallback: bool) -> Kind {
    match name {
        "script" | "style" | "noscript" | "template" | "head" | "title" | "meta" | "link"
        | "svg" | "iframe" | "object" | "embed" | "canvas" | "select" | "option" | "button"
        | "input" | "textarea" | "audio" | "video" | "source" | "track" | "map" | "datalist" => {
            Kind::Skip
        }
        "nav" | "header" | "footer" | "aside" | "form" | "menu" | "dialog" if fallback => {
            Kind::Skip
        }
        "address" | "article" | "aside" | "blockquote" | "body" | "caption" | "center" | "dd"
        | "details" | "dialog" | "dir" | "div" | "dl" | "dt" | "fieldset" | "figcaption"
        | "figure" | "footer" | "form" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "header"
        | "hgroup" | "html" | "legend" | "li" | "main" | "menu" | "nav" | "ol" | "p" | "pre"
        | "section" | "summary" | "table" | "tbody" | "tfoot" | "thead" | "tr" | "ul" => {
            Kind::Block
        }
        "br" | "hr" => Kind::Break,
        "td" | "th" => Kind::Cell,
        "a" => Kind::Link,
        _ => Kind::Inline,
    }
}

enum Op<'a> {
    Open(NodeRef<'a>),
    Close(Kind),
}

/// Iterative pre-order walk of `root`'s children into `out`.
fn walk<'a>(root: &NodeRef<'a>, out: &mut TextSink, fallback: bool) {
    let mut stack: Vec<Op<'a>> = root.children_it(true).map(Op::Open).collect();
    while let Some(op) = stack.pop() {
        match op {
            Op::Open(node) => {
                if node.is_text() {
                    out.push_text(&node.text());
                    continue;
                }
                let Some(name) = node.node_name() else {
                    continue;
                };
                let name = name.to_ascii_lowercase();
                let kind = kind_of(&name, fallback);
                if kind == Kind::Skip || (fallback && is_hidden(&node)) {
                    continue;
                }
                out.open(kind);
                stack.push(Op::Close(kind));
                stack.extend(node.children_it(true).map(Op::Open));
            }
            Op::Close(kind) => out.close(kind),
        }
    }
}

fn is_hidden(node: &NodeRef<'_>) -> bool {
    if node.has_attr("hidden") {
        return true;
    }
    if node
        .attr("aria-hidden")
        .is_some_and(|v| v.eq_ignore_ascii_case("true"))
    {
        return true;
    }
    node.attr("style").is_some_and(|style| {
        let style = style.to_ascii_lowercase().replace(' ', "");
        style.contains("display:none") || style.contains("visibility:hidden")
    })
}

/// Accumulates paragraphs, collapsing whitespace.
struct TextSink {
    paragraphs: Vec<String>,
    current: String,
    /// Characters of `current` that came from inside links.
    link_chars: usize,
    /// Characters of `current` (words only, not separators).
    word_chars: usize,
    /// Depth of enclosing `<a>` elements.
    link_depth: usize,
    /// A space is owed before the next word.
    pending_space: bool,
    /// Drop link-list paragraphs (the fallback's only content filter).
    drop_link_lists: bool,
}

impl TextSink {
    fn new(drop_link_lists: bool) -> Self {
        Self {
            paragraphs: Vec::new(),
            current: String::new(),
            link_chars: 0,
            word_chars: 0,
            link_depth: 0,
            pending_space: false,
            drop_link_lists,
        }
    }

    fn push_text(&mut self, text: &str) {
        if text.starts_with(char::is_whitespace) {
            self.pending_space = true;
        }
        let mut words = text.split_whitespace().peekable();
        while let Some(word) = words.next() {
            if self.pending_space && !self.current.is_empty() {
                self.current.push(' ');
            }
            self.current.push_str(word);
            let n = word.chars().count();
            self.word_chars += n;
            if self.link_depth > 0 {
                self.link_chars += n;
            }
            self.pending_space = words.peek().is_some();
        }
        if text.ends_with(char::is_whitespace) {
            self.pending_space = true;
        }
    }

    fn open(&mut self, kind: Kind) {
        match kind {
            Kind::Block | Kind::Break => self.flush(),
            Kind::Cell => self.pending_space = true,
            Kind::Link => self.link_depth += 1,
            Kind::Inline | Kind::Skip => {}
        }
    }

    fn close(&mut self, kind: Kind) {
        match kind {
            Kind::Block => self.flush(),
            Kind::Cell => self.pending_space = true,
            Kind::Link => self.link_depth = self.link_depth.saturating_sub(1),
            Kind::Break | Kind::Inline | Kind::Skip => {}
        }
    }

    fn flush(&mut self) {
        let para = std::mem::take(&mut self.current);
        let (links, words) = (self.link_chars, self.word_chars);
        self.link_chars = 0;
        self.word_chars = 0;
        self.pending_space = false;
        if para.is_empty() {
            return;
        }
        if self.drop_link_lists && links * 2 > words {
            return;
        }
        self.paragraphs.push(para);
    }

    fn finish(mut self) -> String {
        self.flush();
        self.paragraphs.join("\n\n")
    }
}

/// One lexical piece of HTML.
enum Token<'a> {
    Open(String),
    /// A self-closing tag, `<x/>`.
    Empty(String),
    Close(String),
    Text(&'a str),
}

/// A forgiving, linear HTML tokenizer: tags (names lowercased, attributes ignored), text
/// between them; comments, doctypes and raw-text element contents (`script`, `style` ...) are
/// skipped whole.
struct Tokens<'a> {
    rest: &'a str,
}

impl<'a> Iterator for Tokens<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        loop {
            if self.rest.is_empty() {
                return None;
            }
            let Some(lt) = self.rest.find('<') else {
                return Some(Token::Text(std::mem::take(&mut self.rest)));
            };
            if lt > 0 {
                let (text, rest) = self.rest.split_at(lt);
                self.rest = rest;
                return Some(Token::Text(text));
            }
            let after = &self.rest[1..];
            if let Some(comment) = after.strip_prefix("!--") {
                self.rest = comment.find("-->").map_or("", |end| &comment[end + 3..]);
                continue;
            }
            let (closing, body) = match after.strip_prefix('/') {
                Some(body) => (true, body),
                None => (false, after),
            };
            if !body.starts_with(|c: char| c.is_ascii_alphabetic() || c == '!' || c == '?') {
                // A stray '<' is text.
                let (text, rest) = self.rest.split_at(1);
                self.rest = rest;
                return Some(Token::Text(text));
            }
            let name_len = body
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == ':'))
                .unwrap_or(body.len());
            let name = body[..name_len].to_ascii_lowercase();
            let tag_end = body.find('>').map_or(body.len(), |i| i + 1);
            let self_closing = body[..tag_end].ends_with("/>");
            self.rest = &body[tag_end..];
            if closing {
                return Some(Token::Close(name));
            }
            if name.is_empty() || name.starts_with('!') || name.starts_with('?') {
                continue;
            }
            if matches!(
                name.as_str(),
                "script" | "style" | "noscript" | "template" | "textarea" | "title" | "xmp"
            ) && !self_closing
            {
                let end_tag = format!("</{name}");
                let lower_pos = find_ascii_ci(self.rest, &end_tag);
                self.rest = lower_pos.map_or("", |i| {
                    let tail = &self.rest[i..];
                    tail.find('>').map_or("", |j| &tail[j + 1..])
                });
                continue;
            }
            if self_closing {
                return Some(Token::Empty(name));
            }
            return Some(Token::Open(name));
        }
    }
}

fn find_ascii_ci(haystack: &str, needle: &str) -> Option<usize> {
    let needle = needle.as_bytes();
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

/// Elements that never take children, or that the parser closes implicitly, so they do
/// not deepen the tree.
fn is_flat_element(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "param"
            | "source"
            | "track"
            | "wbr"
            | "p"
            | "li"
            | "dt"
            | "dd"
            | "tr"
            | "td"
            | "th"
            | "option"
            | "optgroup"
            | "thead"
            | "tbody"
            | "tfoot"
            | "rp"
            | "rt"
    )
}

/// The deepest element nesting the tag stream implies (an over-estimate for sloppy pages).
fn estimated_depth(html: &str) -> usize {
    let (mut depth, mut max) = (0usize, 0usize);
    for token in (Tokens { rest: html }) {
        match token {
            Token::Open(name) if !is_flat_element(&name) => {
                depth += 1;
                max = max.max(depth);
            }
            Token::Close(name) if !is_flat_element(&name) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    max
}

/// Tag-stripping text extraction in one linear pass, for pages too deep for a DOM.
fn lexical_text(html: &str) -> String {
    let mut out = TextSink::new(false);
    let mut skip_depth = 0usize;
    for token in (Tokens { rest: html }) {
        match token {
            Token::Open(name) => {
                let kind = kind_of(&name, false);
                if kind == Kind::Skip && !is_flat_element(&name) {
                    skip_depth += 1;
                } else if skip_depth == 0 {
                    out.open(kind);
                    if kind == Kind::Break {
                        out.close(kind);
                    }
                }
            }
            Token::Close(name) => {
                let kind = kind_of(&name, false);
                if kind == Kind::Skip && !is_flat_element(&name) {
                    skip_depth = skip_depth.saturating_sub(1);
                } else if skip_depth == 0 {
                    out.close(kind);
                }
            }
            Token::Empty(name) if skip_depth == 0 => {
                let kind = kind_of(&name, false);
                if kind != Kind::Skip {
                    out.open(kind);
                    out.close(kind);
                }
            }
            Token::Text(text) if skip_depth == 0 => out.push_text(&decode_entities(text)),
            Token::Empty(_) | Token::Text(_) => {}
        }
    }
    out.finish()
}

/// The common character references; anything else is left as written.
fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest[1..].find(';').map(|i| i + 1).filter(|&i| i <= 10);
        let decoded = end.and_then(|end| {
            let name = &rest[1..end];
            let ch = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some('\u{a0}'),
                _ => name
                    .strip_prefix("#x")
                    .or_else(|| name.strip_prefix("#X"))
                    .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|dec| dec.parse().ok()))
                    .and_then(char::from_u32),
            };
            ch.map(|c| (c, end + 1))
        });
        if let Some((c, len)) = decoded {
            out.push(c);
            rest = &rest[len..];
        } else {
            out.push('&');
            rest = &rest[1..];
        }
    }
    out.push_str(rest);
    out
}

fn count_elements(root: &NodeRef<'_>, limit: usize) -> usize {
    let mut count = 0;
    let mut stack: Vec<NodeRef<'_>> = vec![*root];
    while let Some(node) = stack.pop() {
        if node.is_element() {
            count += 1;
            if count >= limit {
                return count;
            }
        }
        stack.extend(node.children_it(false));
    }
    count
}

fn starts_with_known_tag(lower: &str) -> bool {
    const TAGS: &[&str] = &[
        "html",
        "head",
        "body",
        "div",
        "p",
        "article",
        "section",
        "main",
        "span",
        "table",
        "ul",
        "ol",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "footer",
        "nav",
        "aside",
        "meta",
        "title",
        "link",
        "script",
        "style",
        "br",
        "a",
        "img",
        "form",
        "blockquote",
        "pre",
        "figure",
        "font",
        "center",
        "iframe",
        "!--",
    ];
    let Some(rest) = lower.strip_prefix('<') else {
        return false;
    };
    TAGS.iter().any(|tag| {
        rest.strip_prefix(tag).is_some_and(|after| {
            *tag == "!--"
                || after.is_empty()
                || after.starts_with(|c: char| c == '>' || c == '/' || c.is_ascii_whitespace())
        })
    })
}

/// The longest prefix of `s` that is at most `max` bytes and ends on a char boundary.
fn prefix(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

fn non_empty(s: String) -> Option<String> {
    let trimmed = s.trim();
    if trimmed.is_empty() {
        None
    } else if trimmed.len() == s.len() {
        Some(s)
    } else {
        Some(trimmed.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Extracts `html` and checks the text: every `want` snippet present, every `unwanted`
    /// snippet absent, and the paragraph invariants hold.
    fn check(html: &str, want: &[&str], unwanted: &[&str]) -> ExtractedPage {
        let page = extract_html(html).expect("page has article text");
        for w in want {
            assert!(page.text.contains(w), "missing {w:?} in:\n{}", page.text);
        }
        for u in unwanted {
            assert!(
                !page.text.contains(u),
                "unexpected {u:?} in:\n{}",
                page.text
            );
        }
        check_paragraphs(&page.text);
        page
    }

    fn check_paragraphs(text: &str) {
        assert_eq!(text, text.trim(), "text is trimmed");
        for para in text.split("\n\n") {
            assert!(!para.is_empty(), "no empty paragraphs in {text:?}");
            assert!(!para.contains('\n'), "no line breaks inside {para:?}");
            assert!(!para.contains("  "), "whitespace collapsed in {para:?}");
            assert_eq!(para, para.trim());
        }
    }

    fn lorem(topic: &str, n: usize) -> String {
        (0..n)
            .map(|i| {
                format!(
                    "<p>The {topic} story continues in paragraph {i}, where the reporter \
                     explains at some length what happened, who was involved, and why the \
                     council decided that the new bridge &amp; the old ferry should both \
                     remain in service for the coming winter months.</p>\n"
                )
            })
            .collect::<Vec<_>>()
            .concat()
    }

    const NEWS_PAGE: &str = r#"<!DOCTYPE html>
<html><head>
<title>Bridge vote delayed | The Daily Example</title>
<meta property="og:site_name" content="The Daily Example">
<meta property="article:published_time" content="2024-03-05T10:00:00Z">
<script>var tracking = "SCRIPT_TEXT";</script>
<style>.ad { color: red } STYLE_TEXT</style>
</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/sport">Sport</a></li></ul></nav></header>
<div class="ad-banner advertisement">Buy ADVERT_TEXT now!</div>
<main><article>
<h1>Bridge vote delayed</h1>
<p class="byline">By Jane Reporter</p>
{BODY}
<h2>What comes next</h2>
<p>The council meets again   in April,&nbsp;officials said.</p>
</article>
<aside class="related"><h3>Related</h3><ul>
<li><a href="/a">RELATED_ONE headline here</a></li>
<li><a href="/b">RELATED_TWO headline here</a></li></ul></aside>
<section id="comments" class="comments"><h3>Comments</h3>
<div class="comment">COMMENT_TEXT first!!!</div></section>
</main>
<footer><p>Copyright FOOTER_TEXT 2024</p><a href="/privacy">Privacy</a></footer>
</body></html>"#;

    #[test]
    fn news_article_with_chrome() {
        let html = NEWS_PAGE.replace("{BODY}", &lorem("bridge", 6));
        let page = check(
            &html,
            &[
                "The bridge story continues in paragraph 0",
                "bridge & the old ferry",
                "What comes next",
                "The council meets again in April, officials said.",
            ],
            &[
                "SCRIPT_TEXT",
                "STYLE_TEXT",
                "ADVERT_TEXT",
                "RELATED_ONE",
                "COMMENT_TEXT",
                "FOOTER_TEXT",
                "Sport",
                "&amp;",
                "&nbsp;",
            ],
        );
        assert!(
            page.text.contains("\n\nWhat comes next\n\n"),
            "{}",
            page.text
        );
        assert_eq!(page.published.as_deref(), Some("2024-03-05T10:00:00Z"));
        assert_eq!(page.site_name.as_deref(), Some("The Daily Example"));
        assert!(
            page.title
                .as_deref()
                .is_some_and(|t| t.contains("Bridge vote delayed"))
        );
    }

    #[test]
    fn div_soup_page() {
        let body = (0..5)
            .map(|i| {
                format!(
                    "<div><div><font>Soup line {i} says the harbour reopened after the storm, \
                     and fishermen returned to work on Tuesday morning with their boats.\
                     </font><br><br>Second half {i} of the same block, still about the \
                     harbour and the storm damage to the pier.</div></div>"
                )
            })
            .collect::<Vec<_>>()
            .concat();
        let html = format!(
            "<html><body><div id=wrap><div class=menu><a href=/>Home</a> | \
             <a href=/x>Other</a></div><div>{body}</div><div>Copyright 2012</div></div>\
             </body></html>"
        );
        check(
            &html,
            &[
                "Soup line 0 says the harbour reopened",
                "Second half 4 of the same block",
            ],
            &["<font>", "<br>"],
        );
    }

    #[test]
    fn short_page_uses_fallback() {
        let html = "<html><body><nav><a href=/>Home</a></nav><p>Only a short note here.</p>\
                    <footer>Footer words</footer></body></html>";
        let page = check(
            html,
            &["Only a short note here."],
            &["Home", "Footer words"],
        );
        assert_eq!(page.text, "Only a short note here.");
    }

    #[test]
    fn inline_markup_joins_without_spurious_spaces() {
        let html = "<p>foo<b>bar</b> baz <i>qux</i>.</p><p>x&lt;y &#8212; z</p>";
        let page = check(html, &[], &[]);
        assert_eq!(page.text, "foobar baz qux.\n\nx<y \u{2014} z");
    }

    #[test]
    fn json_ld_date() {
        let html = format!(
            "<html><head><script type=\"application/ld+json\">{{\"@context\":\
             \"https://schema.org\",\"@type\":\"NewsArticle\",\"headline\":\"Storm\",\
             \"datePublished\":\"2023-11-02T08:15:00+00:00\"}}</script></head>\
             <body><article>{}</article></body></html>",
            lorem("storm", 5)
        );
        let page = check(&html, &["The storm story continues"], &[]);
        assert_eq!(page.published.as_deref(), Some("2023-11-02T08:15:00+00:00"));
    }

    #[test]
    fn empty_and_textless_pages_give_none() {
        for html in [
            "",
            "   ",
            "<html></html>",
            "<html><head><title>T</title><script>x()</script></head><body></body></html>",
            "<div><img src=a.png></div>",
        ] {
            assert_eq!(extract_html(html), None, "{html:?}");
        }
    }

    #[test]
    fn malformed_pages_do_not_panic() {
        let deep = "<div>".repeat(100_000) + "deep text" + &"</div>".repeat(10);
        let many_tables = "<table><tr><td>".repeat(5_000);
        let formatting = "<b><i><u>".repeat(20_000) + "x";
        let cases = [
            "<html><body><p>unclosed <b>bold <i>italic <p>next".to_owned(),
            "</p></div></body></html><p>closing first</p>".to_owned(),
            "<<<>>><!-- never closed <p>x".to_owned(),
            "<p attr=\"unterminated>text</p>".to_owned(),
            "<script>document.write('<p>x</p>')".to_owned(),
            "\u{0}\u{1}\u{fffd}<p>\u{0}binary\u{7f}</p>".to_owned(),
            "<svg><p>foreign</svg></p><math><mi>x</mi>".to_owned(),
            deep,
            many_tables,
            formatting,
        ];
        for html in &cases {
            if let Some(page) = extract_html(html) {
                check_paragraphs(&page.text);
            }
        }
    }

    #[test]
    fn decode_html_encodings() {
        assert_eq!(decode_html("caf\u{e9}".as_bytes()), "caf\u{e9}");
        let latin1 = b"<meta charset=\"iso-8859-1\"><p>caf\xe9</p>";
        assert_eq!(
            decode_html(latin1),
            "<meta charset=\"iso-8859-1\"><p>caf\u{e9}</p>"
        );
        let http_equiv =
            b"<meta http-equiv=Content-Type content='text/html; charset=windows-1252'>\x93q\x94";
        assert!(decode_html(http_equiv).ends_with("\u{201c}q\u{201d}"));
        // Valid UTF-8 wins over a wrong declaration.
        let lying = "<meta charset=iso-8859-1>\u{e9}t\u{e9}";
        assert_eq!(decode_html(lying.as_bytes()), lying);
        let bom = b"\xef\xbb\xbf<p>x</p>";
        assert_eq!(decode_html(bom), "<p>x</p>");
        // Undeclared legacy bytes: some decoding, no panic.
        assert!(!decode_html(b"\xff\xfe\xfd\x00\x80").is_empty());
    }

    #[test]
    fn strip_inline_data_keeps_text_and_drops_scripts_styles_svg_and_long_data_uris() {
        let long = "A".repeat(300);
        let page = format!(
            "<html><head><STYLE type=\"text/css\">p {{}}</STYLE><script src=\"x.js\"/></head><body>\
             <p>Keep this data: it matters.</p><svg viewBox=\"0 0 1 1\"><path d=\"M0\"/></svg>\
             <div style=\"background:url(data:image/png;base64,{long})\">Text <img src='data:image/gif;base64,R0lG'></div>\
             <script>document.write('<p>not text</p>')</script><p>End.</p></body></html>"
        );
        let stripped = strip_inline_data(&page);
        assert_eq!(
            stripped,
            "<html><head><STYLE type=\"text/css\"></STYLE><script src=\"x.js\"/></head><body>\
             <p>Keep this data: it matters.</p><svg viewBox=\"0 0 1 1\"></svg>\
             <div style=\"background:url(data:,)\">Text <img src='data:image/gif;base64,R0lG'></div>\
             <script></script><p>End.</p></body></html>"
        );
        // An unclosed script drops the rest; text before it stays.
        assert_eq!(strip_inline_data("<p>a</p><script>x"), "<p>a</p><script>");
        assert_eq!(
            strip_inline_data("no markup, data: none"),
            "no markup, data: none"
        );
    }

    #[test]
    fn deep_pages_use_the_lexical_fallback() {
        let html =
            "<div>".repeat(5_000) + "<p>deep &amp; <b>bold</b></p><script>x()</script><p>two";
        assert!(estimated_depth(&html) > MAX_DOM_DEPTH);
        let page = extract_html(&html).expect("text found");
        assert_eq!(page.text, "deep & bold\n\ntwo");
        let plain = "<p>a<br>b &#x41;&#66;&bogus; c<!-- x --></p><style>s</style>d";
        assert_eq!(lexical_text(plain), "a\n\nb AB&bogus; c\n\nd");
        assert_eq!(estimated_depth("<p>x<p>y<ul><li>z</ul><br><img src=a>"), 1);
    }

    #[test]
    fn looks_like_html_cases() {
        for yes in [
            "<!DOCTYPE html><html>",
            "  <html lang=en>",
            "\u{feff}<!doctype HTML>",
            "<div class=x>hi</div>",
            "<p>Hello</p>",
            "<article>",
            "<!-- comment --><div>",
            "<meta charset=utf-8><title>x</title>",
            "Intro <p>one</p><p>two</p><p>three</p>",
        ] {
            assert!(looks_like_html(yes), "{yes:?}");
        }
        for no in [
            "",
            "Plain news text.",
            "Use <b> for bold text in old HTML.",
            "a < b and c > d",
            "<pizza> is not a tag",
            "The <p> tag starts a paragraph.",
            "é".repeat(3000).as_str(),
        ] {
            assert!(!looks_like_html(no), "{no:?}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn never_panics_on_arbitrary_strings(s in ".{0,400}") {
            if let Some(page) = extract_html(&s) {
                check_paragraphs(&page.text);
            }
            let _ = looks_like_html(&s);
        }

        #[test]
        fn never_panics_on_tag_soup(
            parts in prop::collection::vec(
                prop_oneof![
                    Just("<p>".to_owned()), Just("</p>".to_owned()), Just("<div>".to_owned()),
                    Just("</div>".to_owned()), Just("<br>".to_owned()), Just("<a href=x>".to_owned()),
                    Just("</a>".to_owned()), Just("<script>".to_owned()), Just("<td>".to_owned()),
                    Just("&amp;".to_owned()), Just("&#x0;".to_owned()), Just("<!--".to_owned()),
                    "[a-z ]{0,30}",
                ],
                0..80,
            )
        ) {
            let html = parts.concat();
            if let Some(page) = extract_html(&html) {
                check_paragraphs(&page.text);
            }
        }
    }
}
