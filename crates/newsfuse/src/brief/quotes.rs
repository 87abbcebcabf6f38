//! Quotes: direct quotations with their speaker.

use serde::{Deserialize, Serialize};

use super::Doc;
use super::entities::Entity;

/// A quotation as reported by one or more articles.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuoteGroup {
    /// The speaker.
    pub speaker: Option<String>,
}

pub(crate) fn analyze(_docs: &[Doc<'_>], _entities: &[Entity]) -> Vec<QuoteGroup> {
    Vec::new()
}
