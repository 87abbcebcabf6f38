//! rouge-score mode against numbers produced by the Python package
//! (`tests/data/make_fixture.py`).

use newsfuse_rouge::{Prf, RougeScorer, nltk_porter};
use serde_json::Value;

const PAIRS: &str = include_str!("data/rouge_score_pairs.json");
const WORDS: &str = include_str!("data/nltk_porter_words.json");
const TOLERANCE: f64 = 1e-4;

fn check_prf(case: &str, kind: &str, got: Prf, want: &Value, max_diff: &mut f64) {
    let want: Vec<f64> = want
        .as_array()
        .expect("expected [P, R, F]")
        .iter()
        .map(|v| v.as_f64().expect("a number"))
        .collect();
    for (name, g, w) in [
        ("P", got.precision, want[0]),
        ("R", got.recall, want[1]),
        ("F", got.f1, want[2]),
    ] {
        let d = (g - w).abs();
        *max_diff = max_diff.max(d);
        assert!(
            d <= TOLERANCE,
            "{case} {kind} {name}: got {g}, rouge-score {w}"
        );
    }
}

#[test]
fn pairs_match_rouge_score() {
    let v: Value = serde_json::from_str(PAIRS).expect("valid fixture JSON");
    let cases = v["cases"].as_array().expect("cases");
    assert!(cases.len() >= 100);
    let scorers = [RougeScorer::new(false), RougeScorer::new(true)];
    let mut max_diff = 0.0f64;
    for c in cases {
        let stem = c["use_stemmer"].as_bool().expect("use_stemmer");
        let name = format!("{} (stem={stem})", c["name"].as_str().expect("name"));
        let refs: Vec<&str> = c["references"]
            .as_array()
            .expect("references")
            .iter()
            .map(|r| r.as_str().expect("a string"))
            .collect();
        let pred = c["prediction"].as_str().expect("prediction");
        let got = scorers[usize::from(stem)].score(&refs, pred);
        let e = &c["expected"];
        check_prf(&name, "rouge1", got.rouge1, &e["rouge1"], &mut max_diff);
        check_prf(&name, "rouge2", got.rouge2, &e["rouge2"], &mut max_diff);
        check_prf(&name, "rougeL", got.rouge_l, &e["rougeL"], &mut max_diff);
        check_prf(
            &name,
            "rougeLsum",
            got.rouge_lsum,
            &e["rougeLsum"],
            &mut max_diff,
        );
    }
    eprintln!("{} cases, max abs diff {max_diff:e}", cases.len());
}

#[test]
fn stems_match_nltk() {
    let v: Value = serde_json::from_str(WORDS).expect("valid fixture JSON");
    let words = v["words"].as_array().expect("words");
    assert!(words.len() > 5000);
    let mut wrong = Vec::new();
    for pair in words {
        let word = pair[0].as_str().expect("word");
        let want = pair[1].as_str().expect("stem");
        let got = nltk_porter::stem(word);
        if got != want {
            wrong.push(format!("{word}: got {got}, nltk {want}"));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {} differ:\n{}",
        wrong.len(),
        words.len(),
        wrong.join("\n")
    );
}
