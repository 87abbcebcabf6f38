//! Two servers on one PostgreSQL store (a fresh schema of the test database), posting at the
//! same time: every article is stored once, in one story per event, and every brief is current.
//! Skips, saying how to start PostgreSQL, when there is none.

mod common;

use common::{TestServer, article, jsonl};
use newsfuse_pg::testing::TestSchema;
use newsfuse_pg::{PgStore, StoreLocation};
use newsfuse_store::Store;
use serde_json::Value;

#[test]
fn two_servers_share_one_postgres_store() {
    let Some(schema) = TestSchema::new() else {
        return;
    };
    let url = schema.url();
    let servers: Vec<TestServer> = (0..2)
        .map(|_| TestServer::start(|config| config.store = StoreLocation::Postgres(url.clone())))
        .collect();
    // Each server gets its own articles of the same two events, four batches each, at once.
    std::thread::scope(|scope| {
        for (s, server) in servers.iter().enumerate() {
            scope.spawn(move || {
                for round in 0..4 {
                    let batch: Vec<Value> = (0..3)
                        .map(|i| {
                            let n = s * 100 + round * 3 + i;
                            article(n, n % 2, 1 + (round as u32 % 3))
                        })
                        .collect();
                    // 503: another server committed first and the retries ran out; nothing was
                    // written, so posting again is the contract.
                    let mut tries = 0;
                    loop {
                        let reply = server.post("/v1/articles", &jsonl(&batch));
                        if reply.status == 503 && tries < 20 {
                            tries += 1;
                            continue;
                        }
                        assert_eq!(reply.status, 200, "{}", reply.text());
                        assert_eq!(reply.json()["stored"], 3);
                        break;
                    }
                }
            });
        }
    });
    for server in &servers {
        let health = server.get("/healthz").json();
        assert_eq!(
            (health["articles"].as_u64(), health["stories"].as_u64()),
            (Some(24), Some(2)),
            "{health}"
        );
    }
    let store = PgStore::open(&url).expect("open");
    let stories = store.stories(None).expect("stories");
    assert_eq!(stories.iter().map(|s| s.articles).sum::<u64>(), 24);
    for row in &stories {
        let record = store.story(row.id).expect("read").expect("story");
        assert!(record.brief_is_current(), "story {} brief stale", row.id);
    }
    // A reader on the other server sees the same listing.
    let a = servers[0].get("/v1/stories").json();
    let b = servers[1].get("/v1/stories").json();
    assert_eq!(a, b);
    drop(servers);
}
