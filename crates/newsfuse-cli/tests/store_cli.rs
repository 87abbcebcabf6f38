//! End-to-end tests of `newsfuse ingest`, `newsfuse stories` and `newsfuse story` on invented
//! articles and the shipped WikiNews feed, each with its own store file in a temp folder.

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

#[test]
fn ingest_names_bad_lines_keeps_going_and_is_idempotent() {
    let dir = TempDir::new("ingest-bad-lines");
    let feed = [
        json!({"id": "a", "title": "Varna river floods Pellham", "text": FLOOD_A, "source": "Gazette", "published": "2016-02-02T08:00:00Z"}).to_string(),
        "{not json".to_string(),
        json!({"id": "k", "title": "Korvath wins", "text": CHESS, "published": "2016-02-02"}).to_string(),
        json!({"id": "empty", "text": "  "}).to_string(),
        json!({"id": "b", "html": format!("<html><body><article><p>{FLOOD_B}</p></article></body></html>"), "source": "Herald", "published": "2016-02-03T09:00:00Z"}).to_string(),
    ]
    .join("\n");
    dir.write("feed.jsonl", feed);
    dir.write(
        "note.txt",
        format!("{FLOOD_B} Volunteers handed out blankets."),
    );
    newsfuse(&dir, &["ingest", "--db", "s.db", "feed.jsonl", "note.txt"])
        .run()
        .code(1)
        .stderr_has("feed.jsonl line 2")
        .stderr_has("feed.jsonl line 4")
        .stderr_has("4 stored");
    let out = newsfuse(&dir, &["stories", "--db", "s.db", "--format", "json"])
        .run()
        .success();
    let stories: Value = serde_json::from_str(&out.stdout).expect("a JSON array");
    let stories = stories.as_array().expect("array");
    assert_eq!(stories.len(), 2, "{stories:?}");
    assert_eq!(
        stories[0]["articles"], 3,
        "the flood story, newest and biggest, first"
    );
    assert_eq!(stories[0]["sources"], 2);

    // Again: every article is recognised, nothing stored.
    newsfuse(&dir, &["ingest", "--db", "s.db", "feed.jsonl", "note.txt"])
        .run()
        .code(1)
        .stderr_has("all seen before");
    let again = newsfuse(&dir, &["stories", "--db", "s.db", "--format", "json"])
        .run()
        .success();
    assert_eq!(again.stdout, out.stdout);

    let flood = stories[0]["id"].as_u64().expect("id").to_string();
    let story = newsfuse(&dir, &["story", &flood, "--db", "s.db", "--format", "json"])
        .run()
        .success();
    let story: Value = serde_json::from_str(&story.stdout).expect("JSON");
    assert_eq!(story["story"]["articles"], 3);
    assert_eq!(story["brief"]["articles"].as_array().map(Vec::len), Some(3));
    let times: Vec<&str> = story["brief_built_from"]
        .as_array()
        .expect("articles")
        .iter()
        .map(|a| a["time"].as_str().expect("time"))
        .collect();
    assert_eq!(times[0], "2016-02-02T08:00:00Z");
    assert!(story["brief_built_from"][0]["first_seen"].is_string());
    newsfuse(&dir, &["story", &flood, "--db", "s.db"])
        .run()
        .success()
        .stdout_has("# Story")
        .stdout_has("Pellham");
    newsfuse(&dir, &["story", &flood, "--db", "s.db", "--format", "html"])
        .run()
        .success()
        .stdout_has("<html");
}

#[test]
fn a_second_batch_updates_the_story_and_its_brief() {
    let dir = TempDir::new("ingest-second-batch");
    dir.write(
        "one.jsonl",
        json!({"id": "a", "title": "Varna river floods Pellham", "text": FLOOD_A, "published": "2016-02-02T08:00:00Z"}).to_string(),
    );
    dir.write(
        "two.jsonl",
        json!({"id": "b", "title": "Pellham after the flood", "text": FLOOD_B, "published": "2016-02-03T08:00:00Z"}).to_string(),
    );
    newsfuse(&dir, &["ingest", "--db", "s.db", "one.jsonl"])
        .run()
        .success();
    newsfuse(&dir, &["ingest", "--db", "s.db", "two.jsonl"])
        .run()
        .success()
        .stderr_has("batch 2")
        .stderr_has("0 new stories, 1 stories changed");
    let out = newsfuse(&dir, &["story", "0", "--db", "s.db", "--format", "json"])
        .run()
        .success();
    let story: Value = serde_json::from_str(&out.stdout).expect("JSON");
    assert_eq!(story["story"]["articles"], 2);
    assert_eq!(story["brief"]["articles"].as_array().map(Vec::len), Some(2));
    assert_eq!(story["story"]["updated_batch"], 2);
}

#[test]
fn stores_and_stories_that_are_not_there() {
    let dir = TempDir::new("store-errors");
    dir.write("notes.md", "# my notes\n\nnot a database at all\n");
    newsfuse(&dir, &["stories", "--db", "notes.md"])
        .run()
        .code(2)
        .stderr_has("not a newsfuse store");
    assert_eq!(
        dir.read("notes.md"),
        "# my notes\n\nnot a database at all\n"
    );
    newsfuse(&dir, &["stories", "--db", "absent.db"])
        .run()
        .code(2)
        .stderr_has("no store at");
    dir.write("feed.jsonl", json!({"id": "k", "text": CHESS}).to_string());
    newsfuse(&dir, &["ingest", "--db", "s.db", "feed.jsonl"])
        .run()
        .success();
    newsfuse(&dir, &["story", "42", "--db", "s.db"])
        .run()
        .code(2)
        .stderr_has("no story 42");
    newsfuse(&dir, &["stories", "--db", "s.db", "--since", "fortnight"])
        .run()
        .code(2)
        .stderr_has("nor a duration (90m, 24h");
    dir.write("bad.jsonl", "{oops\n[1, 2]\n");
    newsfuse(&dir, &["ingest", "--db", "s.db", "bad.jsonl"])
        .run()
        .code(2)
        .stderr_has("bad.jsonl line 1")
        .stderr_has("bad.jsonl line 2")
        .stderr_has("no usable articles");
}

#[test]
fn the_shipped_feed_in_three_commands() {
    let dir = TempDir::new("wikinews-feed");
    let feed = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/wikinews-feed.jsonl"
    );
    newsfuse(&dir, &["ingest", "--db", "s.db", feed])
        .run()
        .success()
        .stderr_has("100 articles read, 100 stored");
    let out = newsfuse(&dir, &["stories", "--db", "s.db", "--format", "json"])
        .run()
        .success();
    let stories: Value = serde_json::from_str(&out.stdout).expect("JSON");
    let stories = stories.as_array().expect("array");
    let total: u64 = stories
        .iter()
        .map(|s| s["articles"].as_u64().expect("n"))
        .sum();
    assert_eq!(total, 100);
    let biggest = stories
        .iter()
        .max_by_key(|s| s["articles"].as_u64())
        .expect("a story");
    assert!(biggest["articles"].as_u64() >= Some(5), "{biggest}");
    newsfuse(&dir, &["story", &biggest["id"].to_string(), "--db", "s.db"])
        .run()
        .success()
        .stdout_has("## Summary");
}

#[test]
fn an_ingest_killed_midway_loses_nothing_reported_and_can_run_again() {
    let dir = TempDir::new("ingest-killed");
    let feed = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/wikinews-feed.jsonl"
    );
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_newsfuse"))
        .args(["ingest", "--db", "s.db", feed])
        .current_dir(dir.path())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("start newsfuse");
    std::thread::sleep(std::time::Duration::from_millis(300));
    child.kill().ok();
    child.wait().expect("wait");
    // Killed before its commit (the usual case: building 61 briefs takes longer) or after it:
    // either way the store opens and a second run completes the feed, each article once.
    let again = newsfuse(&dir, &["ingest", "--db", "s.db", feed])
        .run()
        .success();
    assert!(
        again.stderr.contains("100 stored") || again.stderr.contains("all seen before"),
        "{}",
        again.stderr
    );
    let out = newsfuse(&dir, &["stories", "--db", "s.db", "--format", "json"])
        .run()
        .success();
    let stories: Value = serde_json::from_str(&out.stdout).expect("JSON");
    let total: u64 = stories
        .as_array()
        .expect("array")
        .iter()
        .map(|s| s["articles"].as_u64().expect("n"))
        .sum();
    assert_eq!(total, 100);
}

#[test]
fn story_since_gives_what_is_new() {
    let dir = TempDir::new("story-since");
    let later = "Floodwater in Pellham rose again on Friday when a second levee on the Varna river \
        gave way, and the town council opened a shelter in the Pellham school gymnasium for the \
        evacuated families. Rescue crews moved boats to the river bank.";
    let feed = [
        json!({"id": "a", "title": "Varna river floods Pellham", "text": FLOOD_A, "published": "2016-02-02T08:00:00Z"}).to_string(),
        json!({"id": "b", "title": "Pellham returns", "text": FLOOD_B, "published": "2016-02-03T09:00:00Z"}).to_string(),
        json!({"id": "c", "title": "Second levee breaks in Pellham", "text": later, "published": "2016-02-05T10:00:00Z"}).to_string(),
    ]
    .join("\n");
    dir.write("feed.jsonl", feed);
    newsfuse(&dir, &["ingest", "--db", "s.db", "feed.jsonl"])
        .run()
        .success();
    let stories = newsfuse(&dir, &["stories", "--db", "s.db", "--format", "json"])
        .run()
        .success();
    let stories: Value = serde_json::from_str(&stories.stdout).expect("JSON");
    assert_eq!(stories.as_array().map(Vec::len), Some(1), "{stories}");
    let id = stories[0]["id"].as_u64().expect("id").to_string();

    let out = newsfuse(
        &dir,
        &[
            "story",
            &id,
            "--db",
            "s.db",
            "--since",
            "2016-02-04T00:00:00Z",
            "--format",
            "json",
        ],
    )
    .run()
    .success();
    let update: Value = serde_json::from_str(&out.stdout).expect("JSON");
    assert_eq!(update["seen_articles"], 2);
    let new: Vec<&str> = update["new_articles"]
        .as_array()
        .expect("articles")
        .iter()
        .map(|a| a["id"].as_str().expect("id"))
        .collect();
    assert_eq!(new, ["c"]);
    let sentences = update["update"]["sentences"].as_array().expect("sentences");
    assert!(!sentences.is_empty(), "{update}");
    let summary = update["update"]["summary"].as_str().expect("text");
    assert!(summary.contains("second levee"), "{summary}");
    assert!(!summary.contains("rooftops"), "{summary}");

    // Nothing dated after the time asked: an empty update that says why.
    let none = newsfuse(
        &dir,
        &[
            "story",
            &id,
            "--db",
            "s.db",
            "--since",
            "2016-03-01",
            "--format",
            "json",
        ],
    )
    .run()
    .success();
    let none: Value = serde_json::from_str(&none.stdout).expect("JSON");
    assert_eq!(
        none["update"]["sentences"].as_array().map(Vec::len),
        Some(0)
    );
    assert!(
        none.to_string()
            .contains("no article of this story is dated")
    );
    newsfuse(
        &dir,
        &["story", &id, "--db", "s.db", "--since", "yesterday"],
    )
    .run()
    .code(2);
}

/// Two halves of one invented event, an unrelated report, and a report that tells both halves.
const MERGE: [(&str, &str); 4] = [
    (
        "half-a",
        "Quarrow dockers walked out at the Brindle terminal after the harbour board cut night \
         shifts; pickets blocked the Brindle gates and cranes stood idle along the quay.",
    ),
    (
        "half-b",
        "Ferrant grain barges queued downstream of Tolvey lock as skippers waited for berths, and \
         millers in Tolvey warned that flour deliveries would slip by a week.",
    ),
    ("chess", CHESS),
    (
        "bridge",
        "The Brindle terminal walkout by Quarrow dockers left Ferrant grain barges queued at \
         Tolvey lock: with pickets at the Brindle gates and cranes idle on the quay, Tolvey \
         millers warned that flour deliveries would slip and skippers waited for berths.",
    ),
];

#[test]
fn a_story_merged_by_a_later_batch_is_shown_as_the_story_it_joined() {
    let dir = TempDir::new("ingest-merge");
    let line = |n: usize, day: u32| {
        json!({"id": MERGE[n].0, "text": MERGE[n].1, "published": format!("2024-03-0{day}T10:00:00Z")})
            .to_string()
    };
    dir.write("one.jsonl", [line(0, 1), line(1, 1), line(2, 1)].join("\n"));
    dir.write("two.jsonl", line(3, 2));
    newsfuse(&dir, &["ingest", "--db", "s.db", "one.jsonl"])
        .run()
        .success()
        .stderr_has("3 new stories");
    newsfuse(&dir, &["ingest", "--db", "s.db", "two.jsonl"])
        .run()
        .success()
        .stderr_has("0 new stories, 1 stories changed (1 story merged into another)");
    let out = newsfuse(&dir, &["stories", "--db", "s.db", "--format", "json"])
        .run()
        .success();
    let stories: Value = serde_json::from_str(&out.stdout).expect("a JSON array");
    let stories = stories.as_array().expect("array");
    assert_eq!(stories.len(), 2, "{stories:?}");
    let kept = stories
        .iter()
        .find(|s| s["articles"] == 3)
        .and_then(|s| s["id"].as_u64())
        .expect("the joined story");
    // The halves started stories 0 and 1; the one the bridge did not join was merged.
    let gone = u64::from(kept == 0);
    assert!(stories.iter().all(|s| s["id"] != gone));
    let story = newsfuse(
        &dir,
        &[
            "story",
            &gone.to_string(),
            "--db",
            "s.db",
            "--format",
            "json",
        ],
    )
    .run()
    .success()
    .stderr_has(&format!(
        "story {gone} was merged into story {kept}; showing story {kept}"
    ));
    let story: Value = serde_json::from_str(&story.stdout).expect("JSON");
    assert_eq!(story["story"]["id"], kept);
    assert_eq!(story["story"]["articles"], 3);
    assert_eq!(story["brief"]["articles"].as_array().map(Vec::len), Some(3));
    newsfuse(
        &dir,
        &[
            "story",
            &gone.to_string(),
            "--db",
            "s.db",
            "--since",
            "2024-03-02",
        ],
    )
    .run()
    .success()
    .stdout_has(&format!("Story {kept}: new since"));
    newsfuse(&dir, &["story", "99", "--db", "s.db"])
        .run()
        .code(2)
        .stderr_has("no story 99");
}
