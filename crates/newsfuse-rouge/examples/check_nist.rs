//! Checks ROUGE-1.5.5 mode against NIST's own jackknifed ROUGE runs of DUC 2006
//! and the DUC 2007 update task, number for number.
//!
//! ```text
//! cargo run --release -p newsfuse-rouge --example check_nist -- /work/shared/eval
//! ```
//!
//! The argument is the folder holding `duc2006.jsonl`, `duc2006_peers.jsonl`,
//! `duc2007_update.jsonl`, `duc2007_update_peers.jsonl` and
//! `rouge155/{duc2006,duc2007_update}_nisteval/` (research-use data that is not
//! part of this repository). For every evaluation in NIST's `rougejk.in` (one
//! per left-out model; the left-out model is scored as a peer), every peer is
//! scored with the same flags, and each R/P/F NIST printed in `rougejk.m.out`
//! is compared: per evaluation to the printed five decimals, and per system the
//! bootstrap "Average" and its 95% interval (plus, for information, the plain
//! mean). Exits 1 when a per-evaluation score differs or an average is off
//! by more than 0.0005 (0.05 points); exits 2 on unreadable input.
//!
//! `--flags "..."` overrides the ROUGE flags (default: NIST's
//! `-n 4 -w 1.2 -m -2 4 -u -c 95 -r 1000 -f A -p 0.5 -t 0 -d`).

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::process::ExitCode;

use newsfuse_rouge::rouge155::{Rouge155Options, Rouge155Scores, score};
use newsfuse_rouge::{Prf, bootstrap_mean_ci, mean};

const NIST_FLAGS: &str = "-n 4 -w 1.2 -m -2 4 -u -c 95 -r 1000 -f A -p 0.5 -t 0 -d";
const AVG_TOLERANCE: f64 = 0.0005;

struct Eval {
    id: String,
    peers: Vec<(String, String)>,
    models: Vec<String>,
}

#[derive(Default)]
struct Tally {
    compared: usize,
    matched: usize,
    max_diff: f64,
    worst: String,
}

impl Tally {
    fn add(&mut self, got: f64, want: f64, tolerance: f64, what: impl FnOnce() -> String) {
        let d = (got - want).abs();
        self.compared += 1;
        if d <= tolerance {
            self.matched += 1;
        }
        if d > self.max_diff {
            self.max_diff = d;
            self.worst = what();
        }
    }

    fn ok(&self) -> bool {
        self.matched == self.compared
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut dir = None;
    let mut flags = NIST_FLAGS.to_owned();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if a == "--flags" {
            match it.next() {
                Some(f) => flags.clone_from(f),
                None => return usage(),
            }
        } else {
            dir = Some(a.clone());
        }
    }
    let Some(dir) = dir else {
        return usage();
    };
    let opts = match Rouge155Options::from_flags(&flags) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    println!("ROUGE flags: {flags}");
    let mut all_ok = true;
    for set in ["duc2006", "duc2007_update"] {
        match check_set(Path::new(&dir), set, &opts) {
            Ok(ok) => all_ok &= ok,
            Err(e) => {
                eprintln!("error: {set}: {e}");
                return ExitCode::from(2);
            }
        }
    }
    if all_ok {
        println!("all numbers within tolerance");
        ExitCode::SUCCESS
    } else {
        println!("MISMATCH");
        ExitCode::from(1)
    }
}

fn usage() -> ExitCode {
    eprintln!("usage: check_nist EVAL_DIR [--flags \"ROUGE FLAGS\"]");
    ExitCode::from(2)
}

fn read_jsonl(path: &Path) -> Result<Vec<serde_json::Value>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).map_err(|e| format!("{}: {e}", path.display())))
        .collect()
}

/// File name (as in `rougejk.in`) -> summary text.
fn load_texts(dir: &Path, set: &str) -> Result<HashMap<String, String>, String> {
    let mut texts = HashMap::new();
    let mut prefix_of = HashMap::new();
    for ex in read_jsonl(&dir.join(format!("{set}.jsonl")))? {
        let id = ex["id"].as_str().ok_or("cluster without id")?.to_owned();
        let files = ex["summary_files"].as_array().ok_or("no summary_files")?;
        let sums = ex["summaries"].as_array().ok_or("no summaries")?;
        for (f, s) in files.iter().zip(sums) {
            let f = f.as_str().ok_or("bad summary file name")?;
            texts.insert(f.to_owned(), s.as_str().ok_or("bad summary")?.to_owned());
            // "D0601.M.250.A.B" -> peers are "D0601.M.250.A.<system>".
            if let Some((prefix, _)) = f.rsplit_once('.') {
                prefix_of.insert(id.clone(), prefix.to_owned());
            }
        }
    }
    for ex in read_jsonl(&dir.join(format!("{set}_peers.jsonl")))? {
        let id = ex["id"].as_str().ok_or("peer without id")?;
        let system = ex["system"].as_str().ok_or("peer without system")?;
        let summary = ex["summary"].as_str().ok_or("peer without summary")?;
        let prefix = prefix_of
            .get(id)
            .ok_or_else(|| format!("peer for unknown cluster {id}"))?;
        texts.insert(format!("{prefix}.{system}"), summary.to_owned());
    }
    Ok(texts)
}

/// The `<EVAL>` blocks of a ROUGE config file.
fn parse_config(path: &Path) -> Result<Vec<Eval>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut evals = Vec::new();
    let between = |line: &str, open: &str| -> Option<(String, String)> {
        let rest = line.strip_prefix(open)?;
        let (id, rest) = rest.split_once("\">")?;
        let (file, _) = rest.split_once('<')?;
        Some((id.to_owned(), file.to_owned()))
    };
    for line in text.lines().map(str::trim) {
        if let Some(rest) = line.strip_prefix("<EVAL ID=\"") {
            let id = rest.split('"').next().unwrap_or_default().to_owned();
            evals.push(Eval {
                id,
                peers: Vec::new(),
                models: Vec::new(),
            });
        } else if let Some(e) = evals.last_mut() {
            if let Some(p) = between(line, "<P ID=\"") {
                e.peers.push(p);
            } else if let Some((_, f)) = between(line, "<M ID=\"") {
                e.models.push(f);
            }
        }
    }
    Ok(evals)
}

/// NIST's printed numbers: (metric, "eval.peer") -> [R, P, F], and
/// (peer, metric) -> [avg R, P, F, then low/high for each].
type PerEval = HashMap<(String, String), [f64; 3]>;
type Averages = BTreeMap<(String, String), [f64; 9]>;
/// Our scores: (peer, metric) -> ("eval.peer", [R, P, F]), for the averages.
type Ours = BTreeMap<(String, String), Vec<(String, [f64; 3])>>;

fn parse_output(path: &Path) -> Result<(PerEval, Averages), String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut per_eval = HashMap::new();
    let mut avgs: Averages = BTreeMap::new();
    let num = |s: &str| s.parse::<f64>().map_err(|e| format!("{s:?}: {e}"));
    for line in text.lines() {
        let f: Vec<&str> = line.split_whitespace().collect();
        if f.len() == 7 && f[2] == "Eval" {
            let v = [
                num(f[4].trim_start_matches("R:"))?,
                num(f[5].trim_start_matches("P:"))?,
                num(f[6].trim_start_matches("F:"))?,
            ];
            per_eval.insert((f[1].to_owned(), f[3].to_owned()), v);
        } else if f.len() == 8 && f[2].starts_with("Average_") {
            let k = match f[2] {
                "Average_R:" => 0,
                "Average_P:" => 1,
                _ => 2,
            };
            let e = avgs.entry((f[0].to_owned(), f[1].to_owned())).or_default();
            e[k] = num(f[3])?;
            e[3 + 2 * k] = num(f[5])?;
            e[4 + 2 * k] = num(f[7].trim_end_matches(')'))?;
        }
    }
    Ok((per_eval, avgs))
}

fn metrics(s: &Rouge155Scores) -> Vec<(String, Prf)> {
    let mut out: Vec<(String, Prf)> = s
        .rouge_n
        .iter()
        .enumerate()
        .map(|(i, p)| (format!("ROUGE-{}", i + 1), *p))
        .collect();
    if let Some(p) = s.rouge_l {
        out.push(("ROUGE-L".to_owned(), p));
    }
    if let Some(p) = s.rouge_w {
        out.push(("ROUGE-W-1.2".to_owned(), p));
    }
    if let Some(p) = s.rouge_su {
        out.push(("ROUGE-SU4".to_owned(), p));
    }
    out
}

fn check_set(dir: &Path, set: &str, opts: &Rouge155Options) -> Result<bool, String> {
    let nist = dir.join("rouge155").join(format!("{set}_nisteval"));
    let texts = load_texts(dir, set)?;
    let evals = parse_config(&nist.join("rougejk.in"))?;
    let (want, want_avg) = parse_output(&nist.join("rougejk.m.out"))?;
    let mut per_eval = Tally::default();
    let mut missing = 0usize;
    let mut ours: Ours = BTreeMap::new();
    for e in &evals {
        let models: Vec<&str> = e
            .models
            .iter()
            .map(|f| texts.get(f).map(String::as_str).ok_or(f))
            .collect::<Result<_, _>>()
            .map_err(|f| format!("no text for model {f}"))?;
        for (pid, file) in &e.peers {
            let Some(peer) = texts.get(file) else {
                missing += 1;
                continue;
            };
            let key = format!("{}.{pid}", e.id);
            for (metric, got) in metrics(&score(&models, peer, opts)) {
                let got3 = [got.recall, got.precision, got.f1];
                if let Some(w) = want.get(&(metric.clone(), key.clone())) {
                    for k in 0..3 {
                        per_eval.add(got3[k], w[k], 5e-6, || {
                            format!("{metric} {key} {}", ["R", "P", "F"][k])
                        });
                    }
                }
                ours.entry((pid.clone(), metric))
                    .or_default()
                    .push((key.clone(), got3));
            }
        }
    }
    let mut avg = Tally::default();
    let mut ci = Tally::default();
    let mut plain = Tally::default();
    for ((pid, metric), w) in &want_avg {
        let Some(rows) = ours.get_mut(&(pid.clone(), metric.clone())) else {
            continue;
        };
        // The script resamples the evaluations sorted by "evalID.peerID".
        rows.sort_by(|a, b| a.0.cmp(&b.0));
        for k in 0..3 {
            let values: Vec<f64> = rows.iter().map(|r| r.1[k]).collect();
            let (m, lo, hi) = bootstrap_mean_ci(&values, 1000, 0.95, 0);
            // NIST's numbers are printed with five decimals; so are ours.
            let (m, lo, hi) = (round5(m), round5(lo), round5(hi));
            let what = || format!("{pid} {metric} {}", ["R", "P", "F"][k]);
            avg.add(m, w[k], AVG_TOLERANCE, what);
            ci.add(lo, w[3 + 2 * k], AVG_TOLERANCE, what);
            ci.add(hi, w[4 + 2 * k], AVG_TOLERANCE, what);
            plain.add(mean(&values), w[k], AVG_TOLERANCE, what);
        }
    }
    println!(
        "== {set}: {} evaluations, {} peer texts missing",
        evals.len(),
        missing
    );
    println!(
        "per-evaluation R/P/F: {}/{} equal to 5 decimals, max |diff| {:.5} {}",
        per_eval.matched, per_eval.compared, per_eval.max_diff, per_eval.worst
    );
    println!(
        "system averages (bootstrap, {} systems x {} measures x R/P/F): {}/{} within \
         {AVG_TOLERANCE}, max |diff| {:.5} {}",
        ours.keys()
            .map(|k| &k.0)
            .collect::<std::collections::BTreeSet<_>>()
            .len(),
        ours.keys()
            .map(|k| &k.1)
            .collect::<std::collections::BTreeSet<_>>()
            .len(),
        avg.matched,
        avg.compared,
        avg.max_diff,
        avg.worst
    );
    println!(
        "95% intervals: {}/{} within {AVG_TOLERANCE}, max |diff| {:.5} {}",
        ci.matched, ci.compared, ci.max_diff, ci.worst
    );
    println!(
        "plain means vs NIST averages (information): max |diff| {:.6} {}",
        plain.max_diff, plain.worst
    );
    Ok(per_eval.ok() && avg.ok() && per_eval.compared > 0 && avg.compared > 0)
}

fn round5(x: f64) -> f64 {
    format!("{x:.5}").parse().unwrap_or(f64::NAN)
}
