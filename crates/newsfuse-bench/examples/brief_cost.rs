//! What a brief costs beside its summary, in time and memory, from small clusters to 50 MB inputs.
//!
//! ```text
//! cargo run --release -p newsfuse-bench --example brief_cost              # all inputs
//! cargo run --release -p newsfuse-bench --example brief_cost -- syn1000   # some of them
//! ```
//!
//! The inputs are written once to `target/brief_cost/` (deterministic, from a fixed seed):
//! `syn10`, `syn100`, `syn1000` (cluster JSONL of [`newsfuse_bench::synthetic_cluster`]),
//! `text50` (50 MB of invented sentences in paragraphs, with names, numbers and quotations),
//! `line50` (one 50 MB line of words without punctuation) and `html50` (a 50 MB web page: inline
//! script, style and a `data:` image, then paragraphs of the same kind of sentences).
//!
//! Each input is read by two fresh processes (this example again, with the `one` mode), the way
//! `newsfuse` reads it (`read_inputs`, mimalloc as global allocator, the default settings):
//! - `summary`: `prepare` + `summarize_prepared` only, for the summary's peak memory;
//! - `brief`: the same, then `build_brief_summarized` on the same `Prepared` (what
//!   `summarize_and_brief` and `newsfuse brief` do). Both are timed in this process, each the
//!   fastest of a few runs on small inputs; their ratio is the brief's cost beside the summary.
//!   One more pass with `build_brief_profiled` (every analysis in turn) gives the three slowest
//!   analyses of the brief.
//!
//! Times are wall-clock and process CPU time (all threads: `prepare` and the brief both use
//! rayon's pool). Peak memory is the process's `VmHWM` (Linux) at the end, divided by the input
//! file's bytes.
#![allow(clippy::print_stdout, clippy::cast_precision_loss)]

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use newsfuse::brief::{build_brief_profiled, build_brief_summarized};
use newsfuse::summary::{SummaryConfig, prepare, summarize_prepared};
use newsfuse_bench::SplitMix64;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const INPUTS: [&str; 6] = ["syn10", "syn100", "syn1000", "text50", "line50", "html50"];
const LARGE: usize = 50_000_000;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("one") {
        let [_, mode, path] = args.as_slice() else {
            panic!("usage: brief_cost one summary|brief FILE");
        };
        one(mode == "brief", Path::new(path));
        return;
    }
    let folder = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/brief_cost");
    std::fs::create_dir_all(&folder).expect("create target/brief_cost");
    let names: Vec<&str> = if args.is_empty() {
        INPUTS.to_vec()
    } else {
        args.iter().map(String::as_str).collect()
    };
    println!(
        "| input | bytes | summary s | brief s | brief / summary | CPU s: summary, brief | CPU brief / summary | summary peak MB (× input) | summary+brief peak MB (× input) | slowest analyses of the brief |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
    for name in names {
        let path = write_input(&folder, name);
        let bytes = std::fs::metadata(&path).expect("input written").len();
        let summary = child("summary", &path);
        let brief = child("brief", &path);
        let mb = |kb: u64| kb as f64 / 1000.0;
        println!(
            "| {name} | {bytes} | {:.3} | {:.3} | {:.2} | {:.3}, {:.3} | {:.2} | {:.0} ({:.1}×) | {:.0} ({:.1}×) | {} |",
            brief.summary_s,
            brief.brief_s,
            brief.brief_s / brief.summary_s.max(1e-9),
            brief.summary_cpu,
            brief.brief_cpu,
            brief.brief_cpu / brief.summary_cpu.max(1e-9),
            mb(summary.peak_kb),
            summary.peak_kb as f64 * 1000.0 / bytes as f64,
            mb(brief.peak_kb),
            brief.peak_kb as f64 * 1000.0 / bytes as f64,
            brief.analyses,
        );
    }
}

/// What one child process reports.
struct Report {
    summary_s: f64,
    brief_s: f64,
    summary_cpu: f64,
    brief_cpu: f64,
    peak_kb: u64,
    analyses: String,
}

fn child(mode: &str, path: &Path) -> Report {
    let output = Command::new(std::env::current_exe().expect("own path"))
        .args(["one", mode])
        .arg(path)
        .output()
        .expect("run child");
    assert!(
        output.status.success(),
        "child {mode} {} failed: {}",
        path.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    let mut fields = stdout.trim().splitn(6, '\t');
    let mut number = || {
        fields
            .next()
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    let (summary_s, brief_s, summary_cpu, brief_cpu, peak) =
        (number(), number(), number(), number(), number());
    Report {
        summary_s,
        brief_s,
        summary_cpu,
        brief_cpu,
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        peak_kb: peak as u64,
        analyses: fields.next().unwrap_or_default().to_string(),
    }
}

/// The child: reads `path`, summarizes (and briefs) every cluster, prints
/// `summary seconds \t brief seconds \t VmHWM kB \t slowest analyses`.
fn one(with_brief: bool, path: &Path) {
    let ingested = newsfuse::read_inputs(&[path.to_path_buf()]);
    let clusters: Vec<_> = ingested.clusters.into_iter().flatten().collect();
    assert!(!clusters.is_empty(), "no cluster in {}", path.display());
    let bytes: usize = clusters
        .iter()
        .flat_map(|c| &c.articles)
        .map(|a| a.text.len())
        .sum();
    let runs = (20_000_000 / bytes.max(1)).clamp(1, 20);
    let config = SummaryConfig::default();
    // Wall and process CPU time (all threads), each the fastest over the runs.
    let mut best = [Duration::MAX; 4];
    for _ in 0..runs {
        let mut spent = [Duration::ZERO; 4];
        for cluster in &clusters {
            let (start, start_cpu) = (Instant::now(), cpu_time());
            let prepared = prepare(cluster, &config.analyze);
            let summary = summarize_prepared(cluster, &prepared, &config);
            let (summarized, summarized_cpu) = (Instant::now(), cpu_time());
            spent[0] += summarized - start;
            spent[2] += summarized_cpu.saturating_sub(start_cpu);
            if with_brief {
                let brief = build_brief_summarized(cluster, &prepared, &summary);
                spent[1] += summarized.elapsed();
                spent[3] += cpu_time().saturating_sub(summarized_cpu);
                std::hint::black_box(&brief);
            }
            std::hint::black_box(&summary);
        }
        for (slot, time) in best.iter_mut().zip(spent) {
            *slot = (*slot).min(time);
        }
    }
    // Where the brief's time goes: one more pass, each analysis in turn (the timed brief runs
    // figures beside the others).
    let mut analyses: Vec<(&'static str, Duration)> = Vec::new();
    if with_brief {
        for cluster in &clusters {
            let prepared = prepare(cluster, &config.analyze);
            let summary = summarize_prepared(cluster, &prepared, &config);
            let (_, times) = build_brief_profiled(cluster, &prepared, &summary.picks());
            for (name, time) in times {
                match analyses.iter_mut().find(|(n, _)| *n == name) {
                    Some((_, total)) => *total += time,
                    None => analyses.push((name, time)),
                }
            }
        }
    }
    analyses.sort_by_key(|&(_, time)| std::cmp::Reverse(time));
    let mut slowest = String::new();
    for (name, time) in analyses.iter().take(3) {
        let _ = write!(slowest, "{name} {:.3} s ", time.as_secs_f64());
    }
    println!(
        "{:.6}\t{:.6}\t{:.6}\t{:.6}\t{}\t{}",
        best[0].as_secs_f64(),
        best[1].as_secs_f64(),
        best[2].as_secs_f64(),
        best[3].as_secs_f64(),
        peak_kb(),
        slowest.trim_end()
    );
}

/// The process's CPU time, all threads (zero where unsupported).
fn cpu_time() -> Duration {
    #[cfg(unix)]
    {
        let t = rustix::time::clock_gettime(rustix::time::ClockId::ProcessCPUTime);
        Duration::new(
            u64::try_from(t.tv_sec).unwrap_or(0),
            u32::try_from(t.tv_nsec).unwrap_or(0),
        )
    }
    #[cfg(not(unix))]
    {
        Duration::ZERO
    }
}

/// The process's peak resident set (`VmHWM`), in kB; 0 where `/proc` has none.
fn peak_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}

/// Writes input `name` into `folder` unless it is there already; returns its path.
fn write_input(folder: &Path, name: &str) -> PathBuf {
    let extension = match name {
        "html50" => "html",
        "text50" | "line50" => "txt",
        _ => "jsonl",
    };
    let path = folder.join(format!("{name}.{extension}"));
    if path.exists() {
        return path;
    }
    let content = match name {
        "text50" => text(LARGE, 7),
        "line50" => line(LARGE, 7),
        "html50" => html(LARGE, 7),
        _ => {
            let n: usize = name
                .strip_prefix("syn")
                .and_then(|n| n.parse().ok())
                .unwrap_or_else(|| panic!("unknown input {name}: one of {INPUTS:?} or synN"));
            let cluster = newsfuse_bench::synthetic_cluster(n);
            let documents: Vec<&str> = cluster.articles.iter().map(|a| a.text.as_str()).collect();
            serde_json::json!({"id": cluster.id, "documents": documents}).to_string() + "\n"
        }
    };
    std::fs::write(&path, content).expect("write input");
    path
}

/// Invented words: a 6,000-word vocabulary of 3 to 10 lowercase letters; the first 300,
/// capitalised, serve as names.
fn vocabulary(rng: &mut SplitMix64) -> (Vec<String>, Vec<String>) {
    let words: Vec<String> = (0..6000)
        .map(|_| {
            let len = 3 + rng.below(8);
            (0..len)
                .map(|_| char::from(b'a' + rng.below(26) as u8))
                .collect()
        })
        .collect();
    let names = words[..300]
        .iter()
        .map(|w| w[..1].to_uppercase() + &w[1..])
        .collect();
    (words, names)
}

/// One invented sentence: a name first, sometimes a number, a two-word name, or a quotation.
fn sentence(rng: &mut SplitMix64, words: &[String], names: &[String], out: &mut String) {
    let n = 10 + rng.below(21);
    let mut parts: Vec<String> = (0..n).map(|_| rng.pick(words).to_string()).collect();
    parts[0] = rng.pick(names).to_string();
    if rng.below(10) < 4 {
        parts[1 + rng.below(n - 1)] = (2 + rng.below(4999)).to_string();
    }
    if rng.below(10) < 3 {
        parts[1 + rng.below(n - 1)] = format!("{} {}", rng.pick(names), rng.pick(names));
    }
    let text = parts.join(" ") + ".";
    if rng.below(10) < 1 {
        let _ = write!(out, "\"{text}\" {} said.", rng.pick(names));
    } else {
        out.push_str(&text);
    }
}

/// Paragraphs of 2 to 5 sentences, separated by blank lines, to `size` bytes.
fn text(size: usize, seed: u64) -> String {
    let mut rng = SplitMix64(seed);
    let (words, names) = vocabulary(&mut rng);
    let mut out = String::with_capacity(size + 1000);
    while out.len() < size {
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        for s in 0..2 + rng.below(4) {
            if s > 0 {
                out.push(' ');
            }
            sentence(&mut rng, &words, &names, &mut out);
        }
    }
    out
}

/// One line of words without punctuation, to `size` bytes.
fn line(size: usize, seed: u64) -> String {
    let mut rng = SplitMix64(seed);
    let (words, _) = vocabulary(&mut rng);
    let mut out = String::with_capacity(size + 20);
    while out.len() < size {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(rng.pick(&words));
    }
    out
}

/// A web page: inline script and style, a 1 MB `data:` image, a navigation list, then
/// `<p>` paragraphs to `size` bytes.
fn html(size: usize, seed: u64) -> String {
    let mut rng = SplitMix64(seed);
    let (words, names) = vocabulary(&mut rng);
    let mut out = String::with_capacity(size + 1000);
    out.push_str("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>");
    out.push_str(&names[..6].join(" "));
    out.push_str("</title>\n<style>");
    for i in 0..2000 {
        let _ = writeln!(
            out,
            ".c{i} {{ margin: {}px; color: #{:06x}; }}",
            i % 40,
            rng.next_u64() & 0xFF_FFFF
        );
    }
    out.push_str("</style>\n<script>var data = [");
    for _ in 0..20_000 {
        let _ = write!(out, "{},", rng.below(1_000_000));
    }
    out.push_str("0];</script></head>\n<body><nav><ul>");
    for name in &names[..40] {
        let _ = write!(out, "<li><a href=\"/{name}\">{name}</a></li>");
    }
    out.push_str("</ul></nav>\n<img alt=\"\" src=\"data:image/png;base64,");
    for _ in 0..1_000_000 / 8 {
        let _ = write!(out, "{:08x}", rng.next_u64() & 0xFFFF_FFFF);
    }
    out.push_str("\">\n<article><h1>");
    out.push_str(&names[6..12].join(" "));
    out.push_str("</h1>\n");
    while out.len() < size {
        out.push_str("<p>");
        for s in 0..2 + rng.below(4) {
            if s > 0 {
                out.push(' ');
            }
            sentence(&mut rng, &words, &names, &mut out);
        }
        out.push_str("</p>\n");
    }
    out.push_str("</article></body></html>\n");
    out
}
