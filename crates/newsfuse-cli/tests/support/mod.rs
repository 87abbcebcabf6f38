//! The harness of the CLI tests: a tiny in-code corpus, self-cleaning temporary folders, and
//! [`newsfuse`], which runs the built binary with a time limit and checks that it never panics.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// A run longer than this is a hang: the child is killed and the test fails. It guards against
/// hangs, not slowness: the slowest run (a 10 MB article, debug build) takes about 5 s alone but
/// shares two cores with the other tests' processes, and went past 20 s on a busy machine.
pub const TIME_LIMIT: Duration = Duration::from_mins(1);

/// Three short reports of one event, as plain text files (`a.txt`, `b.txt`, `c.txt`).
pub const ARTICLE_A: &str = "City council approves new riverside park

The city council voted on Tuesday to approve a new riverside park on the site of the old rail yard, ending a debate that lasted nearly three years.

The park will cost an estimated 12 million dollars and is expected to open in the spring of 2026, according to the mayor's office.

Council member Jane Ortiz said the project would give thousands of families in the east end their first green space within walking distance.

Opponents had argued that the money should instead be spent on repairing roads and bridges across the city.
";

pub const ARTICLE_B: &str = "Rail yard to become a park after council vote

After nearly three years of debate, the city council approved on Tuesday a plan to turn the old rail yard into a riverside park.

The mayor's office estimates the park will cost 12 million dollars and says it should open in spring 2026.

Construction crews are expected to begin clearing the contaminated soil at the rail yard early next year.

\"This is a great day for the east end,\" said council member Jane Ortiz after the vote.
";

pub const ARTICLE_C: &str = "The vote was seven to two, with two council members saying the city could not afford the riverside park right now.

Local business owners near the old rail yard welcomed the decision and said the park would bring more visitors to the area.

Environmental groups said cleaning up the contaminated soil at the site would take at least a year before any trees can be planted.
";

pub const FRENCH: &str = "Le conseil municipal a approuvé mardi la création d'un nouveau parc au bord de la rivière, sur le site de l'ancienne gare de triage.

Le projet coûtera environ douze millions d'euros et devrait ouvrir au printemps 2026, selon le cabinet du maire.
";

pub const RUSSIAN: &str = "Городской совет во вторник одобрил создание нового парка на берегу реки на месте старой железнодорожной станции.

По данным мэрии, строительство парка обойдётся примерно в двенадцать миллионов долларов, а открыть его планируют весной 2026 года.
";

/// A news page with navigation and footer clutter written as full sentences, so that only
/// main-text extraction keeps them out of a summary.
pub const HTML_PAGE: &str = r#"<!DOCTYPE html>
<html><head><title>Council approves riverside park</title></head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World news menu</a></li><li><a href="/sport">Sport section menu</a></li></ul>
<p>Sign up today and subscribe to our newsletter to receive the best local stories in your inbox every morning.</p></nav>
<article>
<h1>Council approves riverside park</h1>
<p>The city council voted on Tuesday to approve a new riverside park on the site of the old rail yard, ending a debate that lasted nearly three years.</p>
<p>The park will cost an estimated 12 million dollars and is expected to open in the spring of 2026, according to the mayor's office.</p>
<p>Council member Jane Ortiz said the project would give thousands of families in the east end their first green space within walking distance.</p>
<p>Opponents had argued that the money should instead be spent on repairing roads and bridges across the city.</p>
</article>
<footer><p>Copyright 2025 Example Media Group, all rights reserved, and our cookie policy explains how we use your personal data on this website.</p></footer>
</body></html>
"#;

/// A folder that is removed when dropped; its name is unique to the process and the call.
pub struct TempDir {
    path: PathBuf,
}

impl TempDir {
    pub fn new(name: &str) -> TempDir {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let path = std::env::temp_dir().join(format!(
            "newsfuse-cli-test-{}-{n}-{name}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).expect("create the temporary folder");
        TempDir { path }
    }

    /// A folder holding the three corpus articles as `a.txt`, `b.txt`, `c.txt`.
    pub fn with_cluster(name: &str) -> TempDir {
        let dir = TempDir::new(name);
        dir.write("a.txt", ARTICLE_A);
        dir.write("b.txt", ARTICLE_B);
        dir.write("c.txt", ARTICLE_C);
        dir
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Writes a file (creating its folder) and returns its full path.
    pub fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create the parent folder");
        }
        std::fs::write(&path, contents).expect("write a test file");
        path
    }

    pub fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.path.join(name)).unwrap_or_else(|e| panic!("read {name}: {e}"))
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

/// One `newsfuse` invocation, run inside a folder so that inputs are short relative names.
pub struct Cmd {
    command: Command,
    stdin: Vec<u8>,
    line: String,
}

/// `newsfuse ARGS` run in `dir`.
pub fn newsfuse(dir: &TempDir, args: &[&str]) -> Cmd {
    let mut command = Command::new(env!("CARGO_BIN_EXE_newsfuse"));
    command
        .args(args)
        .current_dir(dir.path())
        .env("RUST_BACKTRACE", "0");
    Cmd {
        command,
        stdin: Vec::new(),
        line: format!("newsfuse {}", args.join(" ")),
    }
}

impl Cmd {
    /// Runs in another folder than the one given to [`newsfuse`].
    pub fn current_dir(&mut self, dir: &Path) {
        self.command.current_dir(dir);
    }

    pub fn stdin(mut self, bytes: impl AsRef<[u8]>) -> Cmd {
        self.stdin = bytes.as_ref().to_vec();
        self
    }

    /// Runs to the end (or fails the test after [`TIME_LIMIT`]) and checks that it did not panic.
    pub fn run(mut self) -> Output {
        let mut child = self
            .command
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start newsfuse");
        let mut stdin = child.stdin.take().expect("piped stdin");
        let input = std::mem::take(&mut self.stdin);
        // A writer that finds the pipe closed (the tool did not read stdin) is fine.
        let writer = std::thread::spawn(move || {
            let _ = stdin.write_all(&input);
        });
        let stdout = read_in_background(child.stdout.take().expect("piped stdout"));
        let stderr = read_in_background(child.stderr.take().expect("piped stderr"));
        let status = wait_with_limit(&mut child, &self.line);
        writer.join().expect("stdin writer");
        let output = Output {
            status,
            stdout: String::from_utf8(stdout.join().expect("stdout reader"))
                .expect("stdout is UTF-8"),
            stderr: String::from_utf8_lossy(&stderr.join().expect("stderr reader")).into_owned(),
            line: self.line,
        };
        output.assert_no_panic();
        output
    }

    /// Runs with a reader that takes one byte of stdout and then closes it, like `| head -c1`.
    pub fn run_with_stdout_closed_early(mut self) -> Output {
        let mut child = self
            .command
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start newsfuse");
        let mut stdout = child.stdout.take().expect("piped stdout");
        let stderr = read_in_background(child.stderr.take().expect("piped stderr"));
        let mut first = [0_u8; 1];
        let n_read = stdout.read(&mut first).expect("read the first byte");
        drop(stdout);
        let status = wait_with_limit(&mut child, &self.line);
        let output = Output {
            status,
            stdout: String::from_utf8_lossy(&first[..n_read]).into_owned(),
            stderr: String::from_utf8_lossy(&stderr.join().expect("stderr reader")).into_owned(),
            line: self.line,
        };
        output.assert_no_panic();
        output
    }
}

fn read_in_background(mut pipe: impl Read + Send + 'static) -> std::thread::JoinHandle<Vec<u8>> {
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = pipe.read_to_end(&mut bytes);
        bytes
    })
}

fn wait_with_limit(child: &mut Child, line: &str) -> ExitStatus {
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("poll the child") {
            return status;
        }
        if started.elapsed() > TIME_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("`{line}` did not finish within {TIME_LIMIT:?}; killed");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// What a run produced.
pub struct Output {
    pub status: ExitStatus,
    pub stdout: String,
    pub stderr: String,
    line: String,
}

impl Output {
    fn assert_no_panic(&self) {
        assert!(
            !self.stderr.contains("panicked") && self.status.code() != Some(101),
            "`{}` panicked:\n{}",
            self.line,
            self.stderr
        );
    }

    /// Asserts the exit code and returns `self` for more checks.
    pub fn code(self, expected: i32) -> Output {
        assert_eq!(
            self.status.code(),
            Some(expected),
            "`{}` exit code\n--- stdout\n{}\n--- stderr\n{}",
            self.line,
            self.stdout,
            self.stderr
        );
        self
    }

    pub fn success(self) -> Output {
        self.code(0)
    }

    pub fn stdout_has(self, needle: &str) -> Output {
        assert!(
            self.stdout.contains(needle),
            "`{}`: stdout lacks {needle:?}:\n{}",
            self.line,
            self.stdout
        );
        self
    }

    pub fn stdout_lacks(self, needle: &str) -> Output {
        assert!(
            !self.stdout.contains(needle),
            "`{}`: stdout has {needle:?}:\n{}",
            self.line,
            self.stdout
        );
        self
    }

    pub fn stderr_has(self, needle: &str) -> Output {
        assert!(
            self.stderr.contains(needle),
            "`{}`: stderr lacks {needle:?}:\n{}",
            self.line,
            self.stderr
        );
        self
    }

    pub fn stderr_empty(self) -> Output {
        assert!(
            self.stderr.trim().is_empty(),
            "`{}`: unexpected stderr:\n{}",
            self.line,
            self.stderr
        );
        self
    }

    /// Stdout as JSON Lines, one value per non-blank line.
    pub fn json_lines(&self) -> Vec<serde_json::Value> {
        self.stdout
            .lines()
            .filter(|line| !line.trim().is_empty())
            .map(|line| {
                serde_json::from_str(line)
                    .unwrap_or_else(|e| panic!("`{}`: bad JSON line {line:?}: {e}", self.line))
            })
            .collect()
    }

    /// The summary sentences of text output (cluster headings and blank lines dropped).
    pub fn sentences(&self) -> Vec<&str> {
        self.stdout
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with("# "))
            .collect()
    }
}

/// Deterministic pseudo-random bytes (xorshift) with NULs guaranteed.
pub fn binary_bytes(len: usize) -> Vec<u8> {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut bytes: Vec<u8> = (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state.to_le_bytes()[0]
        })
        .collect();
    for idx in (0..len).step_by(97) {
        bytes[idx] = 0;
    }
    bytes
}
