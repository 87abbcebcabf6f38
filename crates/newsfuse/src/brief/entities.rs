//! Entities: people, places and organisations with their roles.

use serde::{Deserialize, Serialize};

use super::Doc;

/// A named entity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// Its fullest name.
    pub name: String,
}

pub(crate) fn analyze(_docs: &[Doc<'_>]) -> Vec<Entity> {
    Vec::new()
}
