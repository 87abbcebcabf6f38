//! HTML main-text extraction: from a web page to the article's title and text.
//!
//! STUB: to be written with dom_smoothie.

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
}

/// True when `text` looks like an HTML document rather than plain text.
pub fn looks_like_html(text: &str) -> bool {
    let head = text.trim_start().get(..512.min(text.trim_start().len())).unwrap_or("");
    let lower = head.to_ascii_lowercase();
    lower.starts_with("<!doctype html") || lower.starts_with("<html") || lower.contains("<body")
}

/// Extracts the main text of an HTML page. Returns `None` when no article text is found.
pub fn extract_html(html: &str) -> Option<ExtractedPage> {
    let _ = html;
    None
}
