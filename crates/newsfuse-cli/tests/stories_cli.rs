//! End-to-end tests of `newsfuse cluster` and `newsfuse eval-stories` on invented articles.

#[allow(dead_code)]
mod support;

use serde_json::{Value, json};
use support::{TempDir, newsfuse};

const FLOOD_A: &str = "Floodwater from the swollen Varna river swept through the lowland town of \
    Pellham on Tuesday, forcing the evacuation of four hundred families. Rescue crews in boats \
    pulled residents from rooftops as the river crested above the levee.";
const FLOOD_B: &str = "Residents of Pellham returned to mud-filled homes after the Varna river \
    flood receded. Rescue crews said the levee breach let floodwater pour into the lowland streets \
    and asked for aid for evacuated families.";
const CHESS: &str = "The grandmaster Ilse Korvath won the Tallinder chess open on Sunday with a \
    queen sacrifice in the final round, beating the defending champion after six hours.";

fn lines(stdout: &str) -> Vec<Value> {
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect()
}

#[test]
fn cluster_writes_one_line_per_input_line_and_names_bad_lines() {
    let dir = TempDir::new("cluster-bad-lines");
    let input = [
        json!({"id": "a", "text": FLOOD_A, "published": "2016-02-02T08:00:00Z"}).to_string(),
        "{not json".to_string(),
        json!({"id": "k", "title": "Chess", "text": CHESS, "time": "2016-02-02"}).to_string(),
        json!({"id": "empty", "text": "  "}).to_string(),
        json!({"id": "b", "text": FLOOD_B, "published": "2016-02-03T09:00:00Z"}).to_string(),
        json!({"id": "a", "text": "sent again", "published": "2016-02-04"}).to_string(),
        json!({"id": 7, "html": format!("<html><body><article><p>{FLOOD_B}</p></article></body></html>"), "published": "not a date"}).to_string(),
    ]
    .join("\n");
    dir.write("feed.jsonl", input);
    let out = newsfuse(&dir, &["cluster", "feed.jsonl"]).run();
    assert_eq!(out.status.code(), Some(1), "bad lines give exit 1");
    let stderr = out.stderr.clone();
    assert!(stderr.contains("feed.jsonl line 2"), "{stderr}");
    assert!(stderr.contains("feed.jsonl line 4"), "{stderr}");
    assert!(
        stderr.contains("line 7") && stderr.contains("unreadable time"),
        "{stderr}"
    );
    let rows = lines(&out.stdout);
    assert_eq!(rows.len(), 7);
    let ids: Vec<&Value> = rows.iter().map(|r| &r["id"]).collect();
    assert_eq!(ids[0], "a");
    assert!(rows[1]["story"].is_null() && rows[1]["error"].as_str().unwrap().contains("line 2"));
    assert_eq!(ids[2], "k");
    assert!(rows[3]["story"].is_null());
    assert_eq!(rows[6]["id"], 7);
    let story = |i: usize| rows[i]["story"].as_u64().expect("a story");
    assert_eq!(
        story(4),
        story(0),
        "the second flood report joins the first"
    );
    assert_eq!(story(5), story(0), "an id seen again gets its first story");
    assert_eq!(story(6), story(0), "an HTML article is read");
    assert_ne!(story(2), story(0));
}

#[test]
fn cluster_reads_stdin() {
    let dir = TempDir::new("cluster-stdin");
    let input = format!(
        "{}\n{}\n",
        json!({"id": "x", "text": FLOOD_A}),
        json!({"id": "y", "text": FLOOD_B})
    );
    let out = newsfuse(&dir, &["cluster", "-"]).stdin(input).run();
    assert_eq!(out.status.code(), Some(0), "{}", out.stderr.clone());
    let rows = lines(&out.stdout);
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["story"], rows[1]["story"]);
}

#[test]
fn eval_stories_scores_a_labelled_stream() {
    let dir = TempDir::new("eval-stories");
    let input = [
        json!({"id": "1", "text": FLOOD_A, "label": "flood", "time": "2016-02-02"}),
        json!({"id": "2", "text": CHESS, "label": "chess", "time": "2016-02-02"}),
        json!({"id": "3", "text": FLOOD_B, "label": "flood", "time": "2016-02-03"}),
    ]
    .map(|v| v.to_string())
    .join("\n");
    dir.write("labelled.jsonl", input);
    let out = newsfuse(
        &dir,
        &[
            "eval-stories",
            "--data",
            "labelled.jsonl",
            "--format",
            "json",
        ],
    )
    .run();
    assert_eq!(out.status.code(), Some(0), "{}", out.stderr.clone());
    let report: Value = serde_json::from_str(&out.stdout).expect("JSON report");
    assert_eq!(report["articles"], 3);
    assert_eq!(report["gold_stories"], 2);
    assert_eq!(report["bcubed_f1"], 1.0);
}
