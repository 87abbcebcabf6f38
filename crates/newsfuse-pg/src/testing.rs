//! For tests of any crate that need PostgreSQL: a fresh schema per test in the test database,
//! dropped afterwards (also when the test fails), or a skip with a message on how to start
//! PostgreSQL when there is none.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// The test database: `NEWSFUSE_TEST_POSTGRES` (a URL or a `key=value` string), else the local
/// server with trust authentication (`host=127.0.0.1 port=5432 user=postgres dbname=test`).
pub fn base_url() -> String {
    std::env::var("NEWSFUSE_TEST_POSTGRES")
        .ok()
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| "postgres://postgres@127.0.0.1:5432/test".into())
}

/// A schema of its own for one test; dropped (with everything in it) on drop.
pub struct TestSchema {
    admin: postgres::Client,
    /// The schema's name.
    pub name: String,
}

impl TestSchema {
    /// A fresh schema, or `None` (after saying how to start PostgreSQL) when the test database
    /// cannot be reached: the test then skips.
    pub fn new() -> Option<Self> {
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let mut config: postgres::Config = match base_url().parse() {
            Ok(config) => config,
            Err(error) => panic!("NEWSFUSE_TEST_POSTGRES is not a connection string: {error}"),
        };
        config.connect_timeout(Duration::from_secs(3));
        let mut admin = match config.connect(postgres::NoTls) {
            Ok(client) => client,
            Err(error) => {
                eprintln!(
                    "skipped: no PostgreSQL at {} ({error}). Start one with \
                     `pg_ctlcluster --skip-systemctl-redirect 15 main start` (Debian: \
                     `apt install postgresql`, then create database `test` with trust \
                     authentication on 127.0.0.1), or with Docker: `docker run -d -p 5432:5432 \
                     -e POSTGRES_HOST_AUTH_METHOD=trust -e POSTGRES_DB=test postgres:15`; or \
                     point NEWSFUSE_TEST_POSTGRES at one.",
                    crate::pg::describe(&base_url())
                );
                return None;
            }
        };
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let name = format!(
            "nf_test_{}_{}_{nanos:x}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        );
        admin
            .batch_execute(&format!("CREATE SCHEMA {name}"))
            .expect("create the test schema");
        Some(Self { admin, name })
    }

    /// The connection string of the test database with this schema as its `search_path`, and
    /// `application_name` set to the schema's name (so a test can find its connections).
    pub fn url(&self) -> String {
        let base = base_url();
        if base.contains("://") {
            let sep = if base.contains('?') { '&' } else { '?' };
            format!(
                "{base}{sep}options=-csearch_path%3D{0}&application_name={0}",
                self.name
            )
        } else {
            format!(
                "{base} options=-csearch_path={0} application_name={0}",
                self.name
            )
        }
    }

    /// Runs SQL as the test's administrator (outside the store).
    pub fn admin(&mut self) -> &mut postgres::Client {
        &mut self.admin
    }
}

impl Drop for TestSchema {
    fn drop(&mut self) {
        let sql = format!(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
             WHERE application_name = '{0}' AND pid <> pg_backend_pid();
             DROP SCHEMA IF EXISTS {0} CASCADE",
            self.name
        );
        if let Err(error) = self.admin.batch_execute(&sql) {
            eprintln!("could not drop the test schema {}: {error}", self.name);
        }
    }
}
