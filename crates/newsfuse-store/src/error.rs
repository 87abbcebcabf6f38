//! The store's error type.

use std::path::PathBuf;

/// What can go wrong reading or writing a story store.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// The file exists but is not a newsfuse store (another program's database, or not a
    /// database at all). Nothing was written to it.
    #[error("{} is not a newsfuse store ({reason})", path.display())]
    NotAStore {
        /// The file.
        path: PathBuf,
        /// What gave it away.
        reason: String,
    },
    /// The store was written by a newer newsfuse, with a layout this one does not know.
    #[error("{} has store layout version {found}; this newsfuse knows versions up to {known}", path.display())]
    NewerLayout {
        /// The file.
        path: PathBuf,
        /// The layout version in the file.
        found: i64,
        /// The newest layout this build knows.
        known: i64,
    },
    /// Another ingest committed to the store after this one read it; nothing of this batch was
    /// written, and running it again is safe.
    #[error(
        "the store changed during this ingest (batch {expected} expected, {found} found); nothing was written, run it again"
    )]
    Conflict {
        /// The batch this ingest started from.
        expected: u64,
        /// The batch found at commit time.
        found: u64,
    },
    /// The saved clusterer state could not be read back.
    #[error("the saved story clusterer state is unreadable: {0}")]
    State(#[from] serde_json::Error),
    /// The saved clusterer state (binary form) could not be read back.
    #[error("the saved story clusterer state is unreadable: {0}")]
    StateBinary(#[from] rmp_serde::decode::Error),
    /// The clusterer state could not be written in binary form.
    #[error("the story clusterer state could not be saved: {0}")]
    StateEncode(#[from] rmp_serde::encode::Error),
    /// The disk (or the store's size limit) is full. The batch's transaction was rolled back:
    /// nothing of it was written, and the store is as it was before.
    #[error("{}: the disk is full; nothing of this batch was written, the store is as before", path.display())]
    DiskFull {
        /// The store file.
        path: PathBuf,
    },
    /// An error from SQLite.
    #[error("SQLite: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// An error from a database server backend (PostgreSQL): unreachable, refused, a failed
    /// statement. A failed batch was rolled back.
    #[error("{backend}: {source}")]
    Backend {
        /// The backend (`PostgreSQL`).
        backend: &'static str,
        /// The error.
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// A file system error around the store file.
    #[error("{}: {source}", path.display())]
    Io {
        /// The path.
        path: PathBuf,
        /// The error.
        source: std::io::Error,
    },
    /// A failure injected by a test inside a batch's transaction.
    #[error("injected failure: {0}")]
    Injected(String),
}

/// The store's result type.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;
