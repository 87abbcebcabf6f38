//! ROUGE-1.5.5 mode against what the Perl script printed for the same texts
//! (`tests/data/make_rouge155_fixture.py`).

use std::collections::BTreeMap;

use newsfuse_rouge::rouge155::{Rouge155Options, Rouge155Scores, score, stem_token};
use newsfuse_rouge::{Prf, bootstrap_mean_ci};
use serde_json::Value;

const RUNS: &str = include_str!("data/rouge155_runs.json");
const STEMS: &str = include_str!("data/rouge155_stems.json");

/// (peer, metric) -> ("evalID.peerID", [R, P, F]).
type Ours = BTreeMap<(String, String), Vec<(String, [f64; 3])>>;

fn metrics(s: &Rouge155Scores, opts: &Rouge155Options) -> Vec<(String, Prf)> {
    let mut out: Vec<(String, Prf)> = s
        .rouge_n
        .iter()
        .enumerate()
        .map(|(i, p)| (format!("ROUGE-{}", i + 1), *p))
        .collect();
    if let Some(p) = s.rouge_l {
        out.push(("ROUGE-L".to_owned(), p));
    }
    if let (Some(p), Some(w)) = (s.rouge_w, opts.wlcs_weight) {
        out.push((format!("ROUGE-W-{w}"), p));
    }
    if let (Some(p), Some(d)) = (s.rouge_su, opts.skip_distance) {
        let d = if d == usize::MAX {
            "*".to_owned()
        } else {
            d.to_string()
        };
        let u = if opts.skip_unigrams { "U" } else { "" };
        out.push((format!("ROUGE-S{u}{d}"), p));
    }
    out
}

fn round5(x: f64) -> f64 {
    format!("{x:.5}").parse().expect("a number")
}

fn nums(v: &Value) -> Vec<f64> {
    v.as_array()
        .expect("an array")
        .iter()
        .map(|x| x.as_f64().expect("a number"))
        .collect()
}

#[test]
fn runs_match_perl() {
    let v: Value = serde_json::from_str(RUNS).expect("valid fixture JSON");
    let evals = v["evals"].as_array().expect("evals");
    let mut compared = 0;
    for run in v["runs"].as_array().expect("runs") {
        let flags = run["flags"].as_str().expect("flags");
        let opts = Rouge155Options::from_flags(flags).expect("supported flags");
        let mut ours: Ours = BTreeMap::new();
        for e in evals {
            let id = e["id"].as_str().expect("id");
            let models: Vec<&str> = e["models"]
                .as_array()
                .expect("models")
                .iter()
                .map(|m| m.as_str().expect("text"))
                .collect();
            for (pid, peer) in e["peers"].as_object().expect("peers") {
                let peer = peer.as_str().expect("text");
                let key = format!("{id}.{pid}");
                let got = score(&models, peer, &opts);
                let got = metrics(&got, &opts);
                assert_eq!(
                    got.len(),
                    run["per_eval"].as_object().expect("per_eval").len(),
                    "{flags}: measures"
                );
                for (metric, p) in got {
                    let want = nums(&run["per_eval"][&metric][&key]);
                    let got = [p.recall, p.precision, p.f1];
                    for k in 0..3 {
                        assert!(
                            (got[k] - want[k]).abs() < 5e-6,
                            "{flags}: {metric} {key} {}: got {}, Perl {}",
                            ["R", "P", "F"][k],
                            got[k],
                            want[k]
                        );
                        compared += 1;
                    }
                    ours.entry((pid.clone(), metric))
                        .or_default()
                        .push((key.clone(), got));
                }
            }
        }
        for ((pid, metric), rows) in &mut ours {
            rows.sort_by(|a, b| a.0.cmp(&b.0));
            let want = nums(&run["averages"][pid.as_str()][metric.as_str()]);
            for k in 0..3 {
                let values: Vec<f64> = rows.iter().map(|r| r.1[k]).collect();
                let (m, lo, hi) = bootstrap_mean_ci(&values, 1000, 0.95, 0);
                let got = [round5(m), round5(lo), round5(hi)];
                let want = [want[k], want[3 + 2 * k], want[4 + 2 * k]];
                assert_eq!(got, want, "{flags}: {pid} {metric} average/CI");
            }
        }
    }
    assert!(compared > 1000);
}

#[test]
fn stems_match_perl() {
    let v: Value = serde_json::from_str(STEMS).expect("valid fixture JSON");
    let words = v["words"].as_array().expect("words");
    assert!(words.len() > 5000);
    let mut wrong = Vec::new();
    for pair in words {
        let word = pair[0].as_str().expect("word");
        let want = pair[1].as_str().expect("stem");
        let got = stem_token(word);
        if got != want {
            wrong.push(format!("{word}: got {got}, Perl {want}"));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} differ:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}
