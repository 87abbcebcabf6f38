//! Stage 1, clean: finds the article's real text among web clutter.
//!
//! STUB: to be written (keeps every non-empty line as a body block).

use crate::model::{Block, BlockKind, CleanArticle, Span};

/// Splits `text` into kept blocks and dropped clutter lines. Never fails, never rewrites text.
pub fn clean(text: &str) -> CleanArticle {
    let mut blocks = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        if !trimmed.is_empty() {
            let lead = line.len() - line.trim_start().len();
            let start = offset + lead;
            blocks.push(Block { span: Span::new(start, start + trimmed.len()), kind: BlockKind::Body });
        }
        offset += line.len();
    }
    CleanArticle { blocks, dropped: Vec::new() }
}
