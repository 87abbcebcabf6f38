//! End-to-end test of `newsfuse eval-update` on an invented update task of one topic.

#[allow(dead_code)]
mod support;

use serde_json::{Value, json};
use support::{TempDir, newsfuse};

const FLOOD: &str = "Flood waters forced three thousand residents of the river town of Ashby from \
    their homes on Monday night.";
const AID: &str = "Regional officials approved forty million pounds of emergency aid for the \
    rebuilding of the Ashby bridge on Thursday.";
const SCHOOLS: &str = "Two primary schools in the flooded northern district of Ashby will reopen \
    next week after the clean-up, council officials said on Saturday.";

fn set(letter: &str, documents: &[&str], references: &[&str]) -> String {
    json!({
        "id": format!("T001A-{letter}"),
        "update_set": letter,
        "documents": documents,
        "doc_dates": documents.iter().map(|_| "2024-01-01 10:00").collect::<Vec<_>>(),
        "summaries": references,
        "summary_files": (0..references.len())
            .map(|k| format!("T001-{letter}.M.100.{letter}.{k}"))
            .collect::<Vec<_>>(),
        "query": {"title": "Ashby flood", "narrative": "Describe the flood and the aid."},
    })
    .to_string()
}

#[test]
fn eval_update_scores_newsfuse_beside_peers_and_names_bad_lines() {
    let dir = TempDir::new("eval-update");
    let data = [
        set("A", &[FLOOD, FLOOD], &[FLOOD, FLOOD, FLOOD]),
        set(
            "B",
            &[&format!("{FLOOD} {AID}"), &format!("{FLOOD} {AID}")],
            &[AID, AID, AID],
        ),
        "{not json".to_owned(),
        set(
            "C",
            &[&format!("{AID} {SCHOOLS}"), &format!("{AID} {SCHOOLS}")],
            &[SCHOOLS, SCHOOLS, SCHOOLS],
        ),
    ]
    .join("\n");
    dir.write("update.jsonl", data);
    let peers = [
        json!({"id": "T001A-A", "system": "99", "summary": FLOOD}).to_string(),
        json!({"id": "T001A-B", "system": "99", "summary": FLOOD}).to_string(),
        json!({"id": "T001A-C", "system": "99", "summary": FLOOD}).to_string(),
    ]
    .join("\n");
    dir.write("peers.jsonl", peers);
    let out = newsfuse(
        &dir,
        &[
            "eval-update",
            "--data",
            "update.jsonl",
            "--peers",
            "peers.jsonl",
            "--format",
            "json",
        ],
    )
    .run();
    assert_eq!(out.status.code(), Some(1), "a malformed line gives exit 1");
    assert!(out.stderr.contains("update.jsonl line 3"), "{}", out.stderr);
    let report: Value = serde_json::from_str(&out.stdout).expect("one JSON report");
    let part = |system: &str, set: &str, measure: &str| -> f64 {
        report["systems"][system]["parts"][set][measure]["mean"]
            .as_f64()
            .unwrap_or_else(|| panic!("{system} {set} {measure} in {report}"))
    };
    // The update for a reader of A and B gives what is new in C; the peer repeats the flood.
    assert!(part("newsfuse-update", "C", "rouge2") > 50.0, "{report}");
    assert!(part("99", "C", "rouge2") < 10.0, "{report}");
    assert!(part("newsfuse-update", "B", "su4") > part("99", "B", "su4"));
    assert_eq!(
        report["systems"]["newsfuse-update"]["parts"]["C"]["rouge2_rank"],
        1
    );
    assert_eq!(report["topics"], json!(["T001A"]));
}
