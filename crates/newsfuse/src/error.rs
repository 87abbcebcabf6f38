//! The crate's error type. Only `ingest` fails; the stages after it return warnings instead.

use std::path::PathBuf;

/// Everything that can go wrong while reading input.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file or folder could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The path.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// The input is not text (binary data, or an encoding we cannot decode).
    #[error("{origin}: {reason}")]
    NotText {
        /// Where it came from.
        origin: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A JSONL line is not a valid cluster.
    #[error("{origin} line {line}: {reason}")]
    BadJsonLine {
        /// Where it came from.
        origin: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong with it.
        reason: String,
    },
    /// No article was given.
    #[error("no input: {0}")]
    NoInput(String),
    /// The options are inconsistent.
    #[error("invalid option: {0}")]
    Config(String),
}

/// The crate's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
