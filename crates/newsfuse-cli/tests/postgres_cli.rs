//! `newsfuse ingest`, `stories` and `story` with `--store postgres://…`: the shipped WikiNews feed
//! into a fresh schema of the test database, read back. Skips, saying how to start PostgreSQL,
//! when there is none.

#[allow(dead_code)]
mod support;

use newsfuse_pg::testing::TestSchema;
use serde_json::Value;
use support::{TempDir, newsfuse};

#[test]
fn the_shipped_feed_into_postgres_and_back() {
    let Some(schema) = TestSchema::new() else {
        return;
    };
    let url = schema.url();
    if !url.starts_with("postgres") {
        eprintln!("skipped: NEWSFUSE_TEST_POSTGRES is not a postgres:// URL");
        return;
    }
    let dir = TempDir::new("postgres-feed");
    let feed = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/wikinews-feed.jsonl"
    );
    let ingested = newsfuse(&dir, &["ingest", "--store", &url, feed])
        .run()
        .success()
        .stderr_has("100 articles read, 100 stored");
    assert!(
        ingested.stderr.contains("postgres://") && !ingested.stderr.contains(&schema.name),
        "named without its options: {}",
        ingested.stderr
    );
    newsfuse(&dir, &["ingest", "--store", &url, feed])
        .run()
        .success()
        .stderr_has("all seen before");
    let out = newsfuse(&dir, &["stories", "--store", &url, "--format", "json"])
        .run()
        .success();
    let stories: Value = serde_json::from_str(&out.stdout).expect("JSON");
    let stories = stories.as_array().expect("array");
    let total: u64 = stories
        .iter()
        .map(|s| s["articles"].as_u64().expect("n"))
        .sum();
    assert_eq!(total, 100);
    // The same feed into SQLite gives the same stories, in the same order.
    newsfuse(&dir, &["ingest", "--db", "s.db", feed])
        .run()
        .success();
    let sqlite = newsfuse(
        &dir,
        &["stories", "--store", "sqlite:s.db", "--format", "json"],
    )
    .run()
    .success();
    let sqlite: Value = serde_json::from_str(&sqlite.stdout).expect("JSON");
    let strip = |list: &Value| -> Vec<Value> {
        list.as_array()
            .expect("array")
            .iter()
            .map(|s| {
                let mut s = s.clone();
                s.as_object_mut().expect("object").remove("updated_batch");
                s
            })
            .collect()
    };
    assert_eq!(strip(&sqlite), strip(&Value::Array(stories.clone())));
    let biggest = stories
        .iter()
        .max_by_key(|s| s["articles"].as_u64())
        .expect("a story");
    newsfuse(
        &dir,
        &["story", &biggest["id"].to_string(), "--store", &url],
    )
    .run()
    .success()
    .stdout_has("## Summary");
}
