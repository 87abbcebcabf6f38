//! newsfuse: a cluster of news articles in, one cited extractive brief out.
#![deny(missing_docs)]

pub mod clean;
pub mod error;
pub mod extract;
pub mod model;

pub use error::{Error, Result};
pub mod segment;
pub mod stopwords;
pub mod ingest;
pub mod analyze;
pub mod select;
