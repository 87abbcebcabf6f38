//! The small shared vocabulary every stage speaks: articles, spans, blocks, sentences, tokens.
//!
//! All positions are byte offsets into [`Article::text`], the article's text after decoding and (for
//! HTML) main-text extraction. Stages never copy or rewrite that text; they point into it.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

/// A half-open byte range `start..end` into an article's text.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default,
)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    pub const fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }

    /// Length in bytes.
    pub const fn len(self) -> usize {
        self.end - self.start
    }

    /// True for an empty span.
    pub const fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// The text this span covers.
    pub fn slice(self, text: &str) -> &str {
        &text[self.start..self.end]
    }
}

/// One news article, as ingested.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Where it came from: a file path, `stdin`, or `<cluster id>#<index>`.
    pub origin: String,
    /// Headline, when the input gives one separately from the text.
    pub title: Option<String>,
    /// The article text every span points into.
    pub text: String,
    /// Source URL, when known.
    pub url: Option<String>,
    /// Outlet name, when known.
    pub source: Option<String>,
    /// Publication date as given (ISO 8601 preferred), when known.
    pub published: Option<String>,
}

/// A group of articles about one event.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Cluster {
    /// The cluster's identifier (from the JSONL line, or derived from the inputs).
    pub id: String,
    /// The articles, in input order; an article's index here is its id everywhere else.
    pub articles: Vec<Article>,
}

/// What a kept block of text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    /// A headline or subheading: short, no sentence-final punctuation.
    Headline,
    /// Body text (a paragraph), possibly opening with a dateline.
    Body,
}

/// A kept block (paragraph or headline) of an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    /// Where it is in the article text.
    pub span: Span,
    /// What it is.
    pub kind: BlockKind,
}

/// Why the clean stage dropped a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Clutter {
    /// A bare URL or a line that is mostly links.
    Url,
    /// A lone number or a share/comment count.
    Number,
    /// Navigation and site furniture ("Accessibility links", "Breaking News", "Skip to content").
    Navigation,
    /// Related-content link lists and their teasers ("More from ...", "Related:").
    LinkList,
    /// Size pickers, buttons, video-player text and other widget text.
    Widget,
    /// Photo credits and captions.
    Caption,
    /// Timestamps and update notes ("Last update: ...").
    Timestamp,
    /// Bylines, copyright and legal notices, subscription prompts.
    Boilerplate,
    /// A line repeated verbatim earlier in the same article.
    Repeated,
}

/// A line the clean stage dropped, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DroppedLine {
    /// Where it is in the article text.
    pub span: Span,
    /// Why it was dropped.
    pub reason: Clutter,
}

/// The clean stage's output for one article: what to keep, what was dropped.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CleanArticle {
    /// Kept blocks, in text order, non-overlapping.
    pub blocks: Vec<Block>,
    /// Dropped lines, in text order.
    pub dropped: Vec<DroppedLine>,
}

/// A word token of a sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Token {
    /// Where it is in the article text.
    pub span: Span,
    /// Lowercased, Snowball-stemmed form (shared: every token of one surface form points at one
    /// string, so tokenizing allocates nothing per word).
    pub stem: Arc<str>,
    /// True for a stopword (by the lowercased surface form).
    pub is_stopword: bool,
}

/// One sentence of an article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sentence {
    /// Where it is in the article text (trailing whitespace excluded).
    pub span: Span,
    /// Index of the block it belongs to in [`CleanArticle::blocks`].
    pub block: usize,
    /// Its position among the article's sentences (0 = first).
    pub index: usize,
    /// True when the block is a headline.
    pub is_headline: bool,
    /// Its word tokens.
    pub tokens: Vec<Token>,
}

/// The segment stage's output for one article.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SegmentedArticle {
    /// Sentences in text order.
    pub sentences: Vec<Sentence>,
    /// An inline wire dateline ("LONDON (AP) _ ") cut from the front of the sentence after it.
    #[serde(default)]
    pub dateline: Option<Span>,
}
