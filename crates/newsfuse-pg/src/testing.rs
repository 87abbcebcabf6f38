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

/// A PostgreSQL server of a test's own (initdb on a temporary directory, a free port, its socket
/// in that directory), for tests that stop and start the server: the shared one stays untouched.
/// Stopped (immediately) and deleted when dropped.
pub struct OwnPostgres {
    bin: std::path::PathBuf,
    dir: std::path::PathBuf,
    /// The port it listens on (127.0.0.1).
    pub port: u16,
    /// The user the server runs as when this process is root (initdb refuses root).
    run_as: Option<String>,
}

impl OwnPostgres {
    /// Where `initdb` and `pg_ctl` are: `NEWSFUSE_PG_BINDIR`, else the directory of `initdb`
    /// on `PATH`, else the newest `/usr/lib/postgresql/*/bin` (Debian).
    fn bindir() -> Option<std::path::PathBuf> {
        use std::path::PathBuf;
        let has =
            |dir: &std::path::Path| dir.join("initdb").exists() && dir.join("pg_ctl").exists();
        if let Some(dir) = std::env::var_os("NEWSFUSE_PG_BINDIR").map(PathBuf::from) {
            return has(&dir).then_some(dir);
        }
        if let Some(path) = std::env::var_os("PATH")
            && let Some(dir) = std::env::split_paths(&path).find(|d| has(d))
        {
            return Some(dir);
        }
        let mut debian: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
            .ok()?
            .filter_map(|e| {
                let e = e.ok()?;
                let version = e.file_name().to_str()?.parse::<u32>().ok()?;
                Some((version, e.path().join("bin")))
            })
            .filter(|(_, dir)| has(dir))
            .collect();
        debian.sort();
        debian.pop().map(|(_, dir)| dir)
    }

    /// Creates and starts a server, or `None` (after saying what is missing) when the
    /// PostgreSQL server programs are not installed: the test then skips.
    pub fn start() -> Option<Self> {
        use std::os::unix::fs::MetadataExt;
        let Some(bin) = Self::bindir() else {
            eprintln!(
                "skipped: no initdb and pg_ctl (Debian: `apt install postgresql`; or set \
                 NEWSFUSE_PG_BINDIR to the directory that has them)"
            );
            return None;
        };
        // initdb and postgres refuse to run as root: run them as the `postgres` user then.
        let root = std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0);
        let run_as = root.then(|| "postgres".to_string());
        let dir = std::env::temp_dir().join(format!(
            "newsfuse-own-pg-{}-{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos())
        ));
        std::fs::create_dir_all(&dir).expect("create the server's directory");
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let server = Self {
            bin,
            dir,
            port,
            run_as,
        };
        if let Some(user) = &server.run_as {
            let status = std::process::Command::new("chown")
                .arg(user)
                .arg(&server.dir)
                .status();
            if !status.is_ok_and(|s| s.success()) {
                eprintln!(
                    "skipped: running as root, and the `{user}` user cannot own {} (initdb \
                     refuses root)",
                    server.dir.display()
                );
                return None;
            }
        }
        let data = server.dir.join("data");
        server.run(
            "initdb",
            &[
                "-D",
                &data.to_string_lossy(),
                "-A",
                "trust",
                "-U",
                "postgres",
                "-E",
                "UTF8",
                "--no-locale",
                "--no-sync",
            ],
        );
        server.pg_ctl_start();
        Some(server)
    }

    fn command(&self, program: &str) -> std::process::Command {
        let path = self.bin.join(program);
        match &self.run_as {
            Some(user) => {
                let mut c = std::process::Command::new("runuser");
                c.args(["-u", user, "--"]).arg(path);
                c
            }
            None => std::process::Command::new(path),
        }
    }

    fn run(&self, program: &str, args: &[&str]) {
        let out = self
            .command(program)
            .args(args)
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap_or_else(|e| panic!("{program} does not run: {e}"));
        assert!(
            out.status.success(),
            "{program} {args:?} failed: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }

    fn pg_ctl_start(&self) {
        let options = format!(
            // fsync off only: a crash here is the server's, never the machine's. Commits stay
            // synchronous, so what was acknowledged survives `crash`.
            "-p {} -k {} -c listen_addresses=127.0.0.1 -c fsync=off -c shared_buffers=16MB \
             -c max_connections=40",
            self.port,
            self.dir.display()
        );
        self.run(
            "pg_ctl",
            &[
                "-D",
                &self.dir.join("data").to_string_lossy(),
                "-l",
                &self.dir.join("log").to_string_lossy(),
                "-o",
                &options,
                "-w",
                "-t",
                "30",
                "start",
            ],
        );
    }

    /// The connection string of its `postgres` database.
    pub fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }

    /// Stops the server at once, as a crash would (`pg_ctl stop -m immediate`): open
    /// transactions are lost, connections reset; what committed is recovered on the next start.
    pub fn crash(&self) {
        self.run(
            "pg_ctl",
            &[
                "-D",
                &self.dir.join("data").to_string_lossy(),
                "-m",
                "immediate",
                "-w",
                "stop",
            ],
        );
    }

    /// Starts it again on the same data directory and port.
    pub fn start_again(&self) {
        self.pg_ctl_start();
    }
}

impl Drop for OwnPostgres {
    fn drop(&mut self) {
        let data = self.dir.join("data");
        if data.join("postmaster.pid").exists() {
            self.command("pg_ctl")
                .args([
                    "-D",
                    &data.to_string_lossy(),
                    "-m",
                    "immediate",
                    "-w",
                    "stop",
                ])
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .status()
                .ok();
        }
        std::fs::remove_dir_all(&self.dir).ok();
    }
}
