//! Prints a fixed sample of Multi-News dev (300 words) and DUC 2003 (100 words) summary
//! sentences (plain selection) for
//! reading the dangling-subject detector by hand: 40 it flags and 40 it does not, each with the
//! summary sentence before it. Each line's `context` lists the summary sentences before it
//! (article, start, end), so that the judgement can be checked against the detector later
//! whatever the summarizer then selects. The text goes to the terminal only; the judgements go to
//! `eval/brief/openings_judged.jsonl` as ids, spans and verdicts.
//!
//! `cargo run --release -p newsfuse-eval --example openings_sample -- ../shared`

use newsfuse::reading;
use newsfuse_eval::brief_eval::openings::{SETS, lines, summaries};

fn main() {
    let shared = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared".into());
    let mut flagged = Vec::new();
    let mut unflagged = Vec::new();
    for (file, set, words) in SETS {
        let all = summaries(std::path::Path::new(&shared), file, words).expect("the set loads");
        for s in &all {
            let lines = lines(&s.cluster, &s.prepared, &s.plain);
            for k in 0..lines.len() {
                let l = &lines[k];
                let text = &l.text[l.sentence.span.start..l.sentence.span.end];
                let before = if k == 0 {
                    "(summary opens here)".to_string()
                } else {
                    let p = &lines[k - 1];
                    format!(
                        "[a{} s{}] {}",
                        p.article,
                        p.sentence.index,
                        &p.text[p.sentence.span.start..p.sentence.span.end]
                    )
                };
                let context: Vec<String> = lines[..k]
                    .iter()
                    .map(|p| {
                        format!(
                            "[{},{},{}]",
                            p.article, p.sentence.span.start, p.sentence.span.end
                        )
                    })
                    .collect();
                let row = (
                    format!("[{}]", context.join(",")),
                    set,
                    s.cluster.id.clone(),
                    l.article,
                    l.sentence.span.start,
                    l.sentence.span.end,
                    l.sentence.index,
                    before,
                    text.to_string(),
                );
                if reading::dangles(l, &lines[..k]) {
                    flagged.push(row);
                } else {
                    unflagged.push(row);
                }
            }
        }
    }
    // A fixed stride through each list: deterministic, spread over the clusters.
    for (name, rows, flag) in [
        ("FLAGGED", &flagged, true),
        ("UNFLAGGED", &unflagged, false),
    ] {
        println!("=== {name}: {} in all", rows.len());
        let step = (rows.len() / 40).max(1);
        for (context, set, cluster, article, start, end, index, before, text) in
            rows.iter().step_by(step).take(40)
        {
            println!(
                "{{\"set\":\"{set}\",\"cluster\":\"{cluster}\",\"article\":{article},\"start\":{start},\"end\":{end},\"flagged\":{flag},\"context\":{context}}}"
            );
            println!("    before: {before}");
            println!("    s{index}: {text}");
        }
    }
}
