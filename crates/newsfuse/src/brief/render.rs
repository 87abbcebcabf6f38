//! Render: the brief as JSON, Markdown and standalone HTML.

use super::Brief;
use crate::model::Cluster;

/// The brief as pretty JSON in the versioned schema (`docs/brief-schema.json`).
pub fn render_json(brief: &Brief) -> String {
    serde_json::to_string_pretty(brief).unwrap_or_else(|_| "{}".to_string())
}

/// The brief as Markdown.
pub fn render_markdown(_brief: &Brief, _cluster: &Cluster) -> String {
    String::new()
}

/// The brief as a standalone HTML page.
pub fn render_html(_brief: &Brief, _cluster: &Cluster) -> String {
    String::new()
}
