//! The newsfuse story store on PostgreSQL ([`PgStore`]), and [`open_store`], which picks a
//! backend by URL: `postgres://…` or `postgresql://…` for PostgreSQL, `sqlite:PATH` or a plain
//! path for the embedded SQLite store.
//!
//! [`PgStore`] implements [`newsfuse_store::Store`] with the same invariants as SQLite: a batch
//! is one transaction, and it commits only when the store's head is still the batch it was
//! prepared from (a compare-and-set on the one `head` row), so any number of processes on any
//! number of machines can ingest into one database and never continue from the same clusterer
//! state twice; the loser gets [`StoreError::Conflict`] and runs its batch again.
//!
//! The client is synchronous (the `postgres` crate, which drives its connection on a private
//! current-thread runtime). Call it from a plain thread or from tokio's `spawn_blocking`; opening
//! and dropping a store also work inside an async task (they move to a thread of their own).
//!
//! ```no_run
//! let mut store = newsfuse_pg::open_store("postgres://postgres@127.0.0.1:5432/test").unwrap();
//! println!("{} stories", store.totals().unwrap().stories);
//! ```
#![deny(missing_docs)]

mod pg;
#[doc(hidden)]
pub mod testing;

use std::path::PathBuf;

use newsfuse_store::{SqliteStore, Store, StoreError};

pub use pg::{LAYOUT_VERSION, PgStore};

/// Where a store is: a SQLite file or a PostgreSQL database.
#[derive(Clone, PartialEq, Eq)]
pub enum StoreLocation {
    /// A SQLite file (created when absent).
    Sqlite(PathBuf),
    /// A PostgreSQL connection string (`postgres://user@host:port/db?options=…`).
    Postgres(String),
}

impl StoreLocation {
    /// Reads a store URL: `postgres://…` or `postgresql://…` is PostgreSQL; `sqlite:PATH`
    /// (or `sqlite://PATH`) and anything else is a SQLite file path.
    pub fn parse(url: &str) -> Self {
        let lower = url.get(..13).unwrap_or(url).to_ascii_lowercase();
        if lower.starts_with("postgres://") || lower.starts_with("postgresql://") {
            return Self::Postgres(url.to_string());
        }
        let path = url
            .strip_prefix("sqlite://")
            .or_else(|| url.strip_prefix("sqlite:"))
            .unwrap_or(url);
        Self::Sqlite(PathBuf::from(path))
    }

    /// Opens the store, creating it (or its tables) when absent and migrating an older layout;
    /// refuses, untouched, something that is not a newsfuse store or has a newer layout.
    /// A URL of another scheme (`mysql://…`, a `nats://…` given as the store) is refused
    /// rather than taken for a file path.
    pub fn open(&self) -> Result<Box<dyn Store + Send>, StoreError> {
        Ok(match self {
            Self::Sqlite(path) if path.to_string_lossy().contains("://") => {
                return Err(StoreError::Backend {
                    backend: "store URL",
                    source: format!(
                        "{}: not a store newsfuse knows (postgres://…, postgresql://…, \
                         sqlite:PATH or a file path)",
                        path.display()
                    )
                    .into(),
                });
            }
            Self::Sqlite(path) => Box::new(SqliteStore::open(path)?),
            Self::Postgres(url) => Box::new(PgStore::open(url)?),
        })
    }

    /// False only for a SQLite file that does not exist yet (a database server is taken to be
    /// there; reading an empty one lists no stories).
    pub fn exists(&self) -> bool {
        match self {
            Self::Sqlite(path) => path.exists(),
            Self::Postgres(_) => true,
        }
    }

    /// True for PostgreSQL.
    pub fn is_postgres(&self) -> bool {
        matches!(self, Self::Postgres(_))
    }
}

/// The path, or the connection string without its password.
impl std::fmt::Display for StoreLocation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Sqlite(path) => write!(f, "{}", path.display()),
            Self::Postgres(url) => f.write_str(&pg::describe(url)),
        }
    }
}

/// As `Display`: a password never reaches a log.
impl std::fmt::Debug for StoreLocation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Sqlite(path) => f.debug_tuple("Sqlite").field(path).finish(),
            Self::Postgres(url) => f.debug_tuple("Postgres").field(&pg::describe(url)).finish(),
        }
    }
}

/// Opens the store at `url` (see [`StoreLocation::parse`] and [`StoreLocation::open`]): the one
/// way the CLI, the server and workers open a store.
pub fn open_store(url: &str) -> Result<Box<dyn Store + Send>, StoreError> {
    StoreLocation::parse(url).open()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_choose_the_backend() {
        let pg = StoreLocation::parse("postgres://u:secret@db.example:5433/news");
        assert!(pg.is_postgres());
        assert_eq!(pg.to_string(), "postgres://u@db.example:5433/news");
        assert!(!format!("{pg:?}").contains("secret"));
        assert!(StoreLocation::parse("PostgreSQL://h/db").is_postgres());
        assert_eq!(
            StoreLocation::parse("sqlite:/tmp/x.db"),
            StoreLocation::Sqlite("/tmp/x.db".into())
        );
        assert_eq!(
            StoreLocation::parse("sqlite:///tmp/x.db"),
            StoreLocation::Sqlite("/tmp/x.db".into())
        );
        assert_eq!(
            StoreLocation::parse("stories.db"),
            StoreLocation::Sqlite("stories.db".into())
        );
        assert_eq!(
            StoreLocation::parse("postgres.db"),
            StoreLocation::Sqlite("postgres.db".into())
        );
    }

    #[test]
    fn a_url_of_another_scheme_is_refused_not_made_a_file() {
        let dir = std::env::temp_dir().join(format!("newsfuse-pg-scheme-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        let url = format!("nats://{}/x.db", dir.display());
        let error = StoreLocation::parse(&url).open().err().expect("refused");
        assert!(
            error.to_string().contains("not a store newsfuse knows"),
            "{error}"
        );
        assert_eq!(
            std::fs::read_dir(&dir).expect("read").count(),
            0,
            "nothing created"
        );
        std::fs::remove_dir_all(&dir).ok();
    }
}
