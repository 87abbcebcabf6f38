//! Every route over a real socket: a server on a random loopback port, a temp SQLite file.

mod common;

use std::collections::BTreeSet;

use common::{TestServer, XSS_IMG, XSS_SCRIPT, article, hostile_article, jsonl, request};
use serde_json::Value;

fn acks(answer: &Value) -> Vec<(u64, u64, String)> {
    answer["articles"]
        .as_array()
        .expect("articles")
        .iter()
        .map(|a| {
            (
                a["key"].as_u64().expect("a key"),
                a["story"].as_u64().expect("a story"),
                a["status"].as_str().expect("a status").to_string(),
            )
        })
        .collect()
}

#[test]
fn ingest_is_committed_idempotent_and_readable() {
    let server = TestServer::start(|_| {});
    let batch: Vec<Value> = (0..6)
        .map(|n| article(n, n % 2, 1 + (n as u32 % 3)))
        .collect();
    let first = server.post("/v1/articles", &jsonl(&batch));
    assert_eq!(first.status, 200, "{}", first.text());
    let answer = first.json();
    assert_eq!(answer["stored"], 6);
    assert_eq!(answer["batch"], 1);
    let first_acks = acks(&answer);
    assert_eq!(first_acks.len(), 6);
    assert!(first_acks.iter().all(|a| a.2 == "stored"));
    let keys: BTreeSet<u64> = first_acks.iter().map(|a| a.0).collect();
    assert_eq!(keys.len(), 6, "each article its own key");
    let stories: BTreeSet<u64> = first_acks.iter().map(|a| a.1).collect();
    assert_eq!(stories.len(), 2, "two events, two stories");

    // The same articles again, as a JSON array: recognised, nothing stored.
    let again = server.post(
        "/v1/articles",
        serde_json::to_string(&batch).expect("json").as_bytes(),
    );
    assert_eq!(again.status, 200, "{}", again.text());
    let again = again.json();
    assert_eq!(again["stored"], 0);
    assert_eq!(again["duplicates"], 6);
    assert_eq!(again["batch"], Value::Null);
    let again_acks = acks(&again);
    for (a, b) in first_acks.iter().zip(&again_acks) {
        assert_eq!((a.0, a.1), (b.0, b.1), "the same key and story");
        assert_eq!(b.2, "duplicate");
    }
    // One object alone works too.
    let one = server.post("/v1/articles", batch[0].to_string().as_bytes());
    assert_eq!(one.status, 200);
    assert_eq!(acks(&one.json())[0].0, first_acks[0].0);

    let health = server.get("/healthz").json();
    assert_eq!(
        (health["articles"].as_u64(), health["stories"].as_u64()),
        (Some(6), Some(2))
    );

    // An article by key, with its text.
    let key = first_acks[3].0;
    let got = server.get(&format!("/v1/articles/{key}"));
    assert_eq!(got.status, 200);
    let got = got.json();
    assert_eq!(got["id"], "art-3");
    assert!(got["text"].as_str().expect("text").contains("Oswin"));
    // And by the caller's id, the same article.
    let by_id = server.get("/v1/articles/art-3");
    assert_eq!(by_id.status, 200);
    assert_eq!(by_id.json()["key"], got["key"]);
    assert_eq!(server.get("/v1/articles/99999").status, 404);
    assert_eq!(server.get("/v1/articles/9223372036854775808").status, 404);
    assert_eq!(server.get("/v1/articles/no-such-id").status, 404);
    assert_eq!(server.get("/v1/stories/18446744073709551615").status, 404);
    assert_eq!(server.get("/stories/9223372036854775808").status, 404);
    assert_eq!(server.get("/v1/stories?limit=0").status, 400);
    assert_eq!(server.get("/v1/stories?limit=101").status, 400);
    let bad = server.get("/v1/stories/abc");
    assert_eq!(bad.status, 400);
    assert!(bad.json()["error"].is_string(), "errors are JSON");

    // The list, then pages of one with the cursor.
    let list = server.get("/v1/stories").json();
    let ids: Vec<u64> = list["stories"]
        .as_array()
        .expect("stories")
        .iter()
        .map(|s| s["id"].as_u64().expect("id"))
        .collect();
    assert_eq!(ids.len(), 2);
    assert_eq!(list["next_cursor"], Value::Null);
    let mut paged = Vec::new();
    let mut path = "/v1/stories?limit=1".to_string();
    loop {
        let page = server.get(&path).json();
        for s in page["stories"].as_array().expect("stories") {
            paged.push(s["id"].as_u64().expect("id"));
        }
        match page["next_cursor"].as_str() {
            Some(cursor) => path = format!("/v1/stories?limit=1&cursor={cursor}"),
            None => break,
        }
        assert!(paged.len() <= 2);
    }
    assert_eq!(paged, ids);
    let found = server.get("/v1/stories?q=oswin").json();
    let found = found["stories"].as_array().expect("stories");
    assert_eq!(found.len(), 1);
    assert!(found[0]["title"].as_str().expect("title").contains("Oswin"));
    assert!(found[0]["lead"].is_string());
    assert_eq!(
        server.get("/v1/stories?since=2099-01-01").json()["stories"]
            .as_array()
            .map(Vec::len),
        Some(0)
    );
    assert_eq!(server.get("/v1/stories?cursor=nonsense").status, 400);
    assert_eq!(server.get("/v1/stories?since=soon").status, 400);

    // One story: the brief, current, its disagreement count as listed.
    let story_id = found[0]["id"].as_u64().expect("id");
    let story = server.get(&format!("/v1/stories/{story_id}"));
    assert_eq!(story.status, 200);
    let story = story.json();
    assert_eq!(story["story"]["articles"], 3);
    assert!(
        !story["brief"]["summary"]
            .as_array()
            .expect("summary")
            .is_empty()
    );
    assert_eq!(
        story["brief"]["figures"]["disagreements"]
            .as_array()
            .map(Vec::len),
        story["story"]["disagreements"].as_u64().map(|n| n as usize)
    );
    assert_eq!(story["brief_built_from"].as_array().map(Vec::len), Some(3));
    assert!(story["summary"]["sentences"].is_array());
    assert_eq!(server.get("/v1/stories/424242").status, 404);

    // Updates: since before everything, all articles are new; since after, none.
    let all_new = server.get(&format!("/v1/stories/{story_id}/updates?since=2024-01-01"));
    assert_eq!(all_new.status, 200, "{}", all_new.text());
    let all_new = all_new.json();
    assert_eq!(all_new["new_articles"].as_array().map(Vec::len), Some(3));
    assert_eq!(all_new["seen_articles"], 0);
    let none_new = server
        .get(&format!("/v1/stories/{story_id}/updates?since=2024-03-04"))
        .json();
    assert_eq!(none_new["new_articles"].as_array().map(Vec::len), Some(0));
    assert_eq!(
        server
            .get(&format!("/v1/stories/{story_id}/updates"))
            .status,
        400,
        "since is required"
    );
}

#[test]
fn malformed_items_are_refused_and_the_good_ones_kept() {
    let server = TestServer::start(|_| {});
    let mut body = jsonl(&[article(0, 0, 1)]);
    body.extend_from_slice(b"{\"title\": \"cut off\n");
    body.extend_from_slice(&jsonl(&[
        serde_json::json!({"id": "empty"}),
        article(1, 0, 2),
    ]));
    let reply = server.post("/v1/articles", &body);
    assert_eq!(reply.status, 400, "{}", reply.text());
    let answer = reply.json();
    let errors: Vec<u64> = answer["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|e| e["line"].as_u64().expect("a line"))
        .collect();
    assert_eq!(errors, vec![2, 3]);
    assert!(
        answer["errors"][1]["reason"]
            .as_str()
            .expect("a reason")
            .contains("no text")
    );
    assert!(
        answer["error"]
            .as_str()
            .expect("a message")
            .contains("good")
    );
    assert_eq!(answer["stored"], 2, "the good lines were stored");
    let lines: Vec<u64> = answer["articles"]
        .as_array()
        .expect("articles")
        .iter()
        .map(|a| a["line"].as_u64().expect("line"))
        .collect();
    assert_eq!(lines, vec![1, 4]);
    for a in answer["articles"].as_array().expect("articles") {
        let key = a["key"].as_u64().expect("key");
        assert_eq!(server.get(&format!("/v1/articles/{key}")).status, 200);
    }
    // A broken array: nothing of it is stored.
    let broken = server.post("/v1/articles", b"[{\"title\": \"a\", \"text\": \"b\"},");
    assert_eq!(broken.status, 400);
    assert_eq!(broken.json()["stored"], 0);
    assert_eq!(server.post("/v1/articles", b"  \n").status, 400);
    assert_eq!(server.get("/healthz").json()["articles"], 2);
}

#[test]
fn a_body_past_the_limit_is_413_and_nothing_is_stored() {
    let server = TestServer::start(|c| c.body_limit = 64 * 1024);
    let mut items = Vec::new();
    let mut n = 0;
    while jsonl(&items).len() < 100 * 1024 {
        items.push(article(n, n % 2, 1));
        n += 1;
    }
    let reply = server.post("/v1/articles", &jsonl(&items));
    assert_eq!(reply.status, 413, "{}", reply.text());
    assert!(reply.json()["error"].is_string());
    let small = server.post("/v1/articles", &jsonl(&items[..2]));
    assert_eq!(small.status, 200);
    assert_eq!(server.get("/healthz").json()["articles"], 2);
}

#[test]
fn writes_need_the_token_when_there_is_one() {
    let server = TestServer::start(|c| c.token = Some("s3cret-token".into()));
    let body = jsonl(&[article(0, 0, 1)]);
    let none = server.post("/v1/articles", &body);
    assert_eq!(none.status, 401);
    assert_eq!(none.header("www-authenticate"), Some("Bearer"));
    let wrong = request(
        server.addr,
        "POST",
        "/v1/articles",
        &[("Authorization", "Bearer nope")],
        &body,
    );
    assert_eq!(wrong.status, 401);
    assert_eq!(server.get("/healthz").json()["articles"], 0);
    let right = request(
        server.addr,
        "POST",
        "/v1/articles",
        &[("Authorization", "Bearer s3cret-token")],
        &body,
    );
    assert_eq!(right.status, 200, "{}", right.text());
    // Reads need none.
    assert_eq!(server.get("/v1/stories").status, 200);
    assert_eq!(server.get("/").status, 200);
}

#[test]
fn summarize_and_brief_are_stateless() {
    let server = TestServer::start(|_| {});
    let cluster = serde_json::json!({
        "id": "bridge",
        "documents": [article(0, 0, 1), article(2, 0, 2)],
    });
    let summary = server.post("/v1/summarize", cluster.to_string().as_bytes());
    assert_eq!(summary.status, 200, "{}", summary.text());
    let summary = summary.json();
    assert_eq!(summary["id"], "bridge");
    assert!(
        !summary["sentences"]
            .as_array()
            .expect("sentences")
            .is_empty()
    );
    let brief = server.post("/v1/brief", cluster.to_string().as_bytes());
    assert_eq!(brief.status, 200, "{}", brief.text());
    let brief = brief.json();
    assert!(!brief["summary"].as_array().expect("summary").is_empty());
    assert_eq!(brief["articles"].as_array().map(Vec::len), Some(2));
    // Plain text is one article.
    let plain = server.post(
        "/v1/summarize",
        b"The harbour bridge in Kelmouth reopened on Friday after engineers replaced two girders.",
    );
    assert_eq!(plain.status, 200, "{}", plain.text());
    assert_eq!(server.post("/v1/brief", b"").status, 400);
    let two = format!("{cluster}\n{cluster}\n");
    assert_eq!(server.post("/v1/brief", two.as_bytes()).status, 400);
    assert_eq!(
        server.get("/healthz").json()["articles"],
        0,
        "nothing stored"
    );
}

/// The routes the server has, with a request that reaches each.
const ROUTES: &[(&str, &str, &str)] = &[
    ("post", "/v1/articles", "/v1/articles"),
    ("get", "/v1/articles/{id}", "/v1/articles/1"),
    ("get", "/v1/stories", "/v1/stories"),
    ("get", "/v1/stories/{id}", "/v1/stories/0"),
    (
        "get",
        "/v1/stories/{id}/updates",
        "/v1/stories/0/updates?since=2024-01-01",
    ),
    ("post", "/v1/summarize", "/v1/summarize"),
    ("post", "/v1/brief", "/v1/brief"),
    ("get", "/openapi.json", "/openapi.json"),
    ("get", "/healthz", "/healthz"),
    ("get", "/metrics", "/metrics"),
];

#[test]
fn the_openapi_document_lists_every_route() {
    let server = TestServer::start(|_| {});
    let posted = server.post("/v1/articles", &jsonl(&[article(0, 0, 1)]));
    assert_eq!(posted.status, 200);
    let doc = server.get("/openapi.json");
    assert_eq!(doc.status, 200);
    assert_eq!(doc.header("content-type"), Some("application/json"));
    let doc = doc.json();
    assert_eq!(doc["openapi"], "3.1.0");
    let paths = doc["paths"].as_object().expect("paths");
    let documented: BTreeSet<(String, String)> = paths
        .iter()
        .flat_map(|(path, item)| {
            item.as_object()
                .expect("a path item")
                .keys()
                .map(|method| (method.clone(), path.clone()))
                .collect::<Vec<_>>()
        })
        .collect();
    let served: BTreeSet<(String, String)> = ROUTES
        .iter()
        .map(|(m, p, _)| ((*m).to_string(), (*p).to_string()))
        .collect();
    assert_eq!(documented, served);
    for (method, path, concrete) in ROUTES {
        let operation = &paths[*path][*method];
        let responses = operation["responses"].as_object().expect("responses");
        assert!(responses.contains_key("200"), "{method} {path}");
        assert!(
            responses.contains_key("408"),
            "{method} {path}: the timeout"
        );
        if *method == "post" {
            assert!(
                responses.contains_key("413"),
                "{method} {path}: the body limit"
            );
            assert!(responses.contains_key("400"), "{method} {path}");
        }
        if path.contains('{') {
            assert!(responses.contains_key("404"), "{method} {path}");
        }
        // The route exists on the server (a 404 from the fallback would say "no route").
        let reply = request(server.addr, &method.to_uppercase(), concrete, &[], b"");
        assert_ne!(reply.status, 405, "{method} {concrete}");
        assert!(
            !(reply.status == 404 && reply.text().contains("no route")),
            "{method} {concrete}"
        );
    }
    assert!(doc["components"]["schemas"]["Brief"]["properties"].is_object());
    assert_eq!(
        doc["components"]["securitySchemes"]["bearer"]["scheme"],
        "bearer"
    );
}

fn assert_escaped(page: &str) {
    assert!(!page.contains(XSS_SCRIPT), "a raw <script> in the page");
    assert!(!page.contains("<img"), "a raw <img> in the page");
    assert!(
        !page.contains("javascript:"),
        "a javascript: URL in the page"
    );
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
}

#[test]
fn pages_show_article_text_escaped() {
    let server = TestServer::start(|_| {});
    let mut batch: Vec<Value> = (0..4).map(|n| article(n, n % 2, 1)).collect();
    batch.push(hostile_article(9));
    let posted = server.post("/v1/articles", &jsonl(&batch));
    assert_eq!(posted.status, 200, "{}", posted.text());
    let hostile_story = acks(&posted.json())[4].1;

    let index = server.get("/");
    assert_eq!(index.status, 200);
    assert!(
        index
            .header("content-type")
            .is_some_and(|t| t.starts_with("text/html"))
    );
    let index = index.text();
    assert!(index.contains("Fire at Oswin library"));
    assert!(index.contains("name=\"q\""), "a search box");
    assert!(index.contains(&format!("href=\"/stories/{hostile_story}\"")));
    assert!(!index.contains("<script"), "no script at all");

    let story = server.get(&format!("/stories/{hostile_story}"));
    assert_eq!(story.status, 200);
    let cookie = story
        .header("set-cookie")
        .expect("the visit is remembered")
        .to_string();
    let page = story.text();
    assert_escaped(&page);
    assert!(page.contains("&lt;img src=x onerror=alert(1)&gt;") || !page.contains("onerror"));
    assert!(
        page.contains("href=\"https://news.example/0\""),
        "http(s) links kept"
    );
    for section in ["summary", "coverage", "timeline"] {
        assert!(page.contains(&format!("id=\"{section}\"")), "{section}");
    }

    // A later article in the same story: the next visit (with the cookie) shows it as new.
    let later = serde_json::json!({
        "id": "later-1",
        "title": "Kelmouth harbour bridge to reopen next week",
        "text": "The harbour bridge in Kelmouth will reopen next week, the Kelmouth port authority said, \
                 after engineers finished replacing the cracked girders struck by the crane barge. \
                 Ferry operators will end the added crossings once the bridge carries traffic again.",
        "source": "outlet1",
        "published": "2024-03-06T09:00:00Z",
    });
    let posted = server.post("/v1/articles", &jsonl(&[later])).json();
    assert_eq!(
        acks(&posted)[0].1,
        hostile_story,
        "it joins the bridge story"
    );
    let cookie_pair = cookie.split(';').next().expect("name=value").to_string();
    let revisit = request(
        server.addr,
        "GET",
        &format!("/stories/{hostile_story}"),
        &[("Cookie", &cookie_pair)],
        b"",
    );
    let page = revisit.text();
    assert!(page.contains("New since"), "{page}");
    assert!(page.contains("reopen next week"));
    // Without the cookie, nothing is marked new; with ?since= it is.
    assert!(
        !server
            .get(&format!("/stories/{hostile_story}"))
            .text()
            .contains("New since")
    );
    assert!(
        server
            .get(&format!("/stories/{hostile_story}?since=2024-03-05"))
            .text()
            .contains("New since")
    );
    assert_eq!(server.get("/stories/777").status, 404);
    assert_eq!(server.get("/nowhere").status, 404);

    // Search and paging links.
    let found = server.get("/?q=oswin").text();
    assert!(found.contains("Fire at Oswin library"));
    assert!(!found.contains("Kelmouth harbour bridge closed, report"));
}

#[test]
fn the_brief_page_takes_pasted_texts_and_files_and_stores_nothing() {
    let server = TestServer::start(|_| {});
    let form = server.get("/brief");
    assert_eq!(form.status, 200);
    assert!(form.text().contains("enctype=\"multipart/form-data\""));
    let hostile = hostile_article(1);
    let pasted = format!(
        "{}\n---\n{}",
        hostile["text"].as_str().expect("text"),
        article(0, 0, 1)["text"].as_str().expect("text")
    );
    let file = article(2, 0, 1)["text"].as_str().expect("text").to_string();
    let boundary = "XnewsfuseBoundary";
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"texts\"\r\n\r\n{pasted}\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.txt\"\r\n\
         Content-Type: text/plain\r\n\r\n{file}\r\n--{boundary}--\r\n"
    );
    let reply = request(
        server.addr,
        "POST",
        "/brief",
        &[(
            "Content-Type",
            &format!("multipart/form-data; boundary={boundary}"),
        )],
        body.as_bytes(),
    );
    assert_eq!(reply.status, 200, "{}", reply.text());
    let page = reply.text();
    assert!(page.contains("3 articles"), "two pasted, one file");
    assert!(page.contains("id=\"summary\""));
    assert!(!page.contains("<img"));
    assert!(!page.contains(XSS_SCRIPT));
    assert!(!page.contains(XSS_IMG));
    assert!(
        page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "the pasted markup shows as text"
    );
    let empty = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"texts\"\r\n\r\n \r\n--{boundary}--\r\n"
    );
    let reply = request(
        server.addr,
        "POST",
        "/brief",
        &[(
            "Content-Type",
            &format!("multipart/form-data; boundary={boundary}"),
        )],
        empty.as_bytes(),
    );
    assert_eq!(reply.status, 400);
    assert_eq!(
        server.get("/healthz").json()["articles"],
        0,
        "nothing stored"
    );
}

#[test]
fn metrics_count_requests_and_the_store() {
    let server = TestServer::start(|_| {});
    server.post(
        "/v1/articles",
        &jsonl(&[article(0, 0, 1), article(1, 1, 1)]),
    );
    server.get("/v1/stories");
    server.get("/v1/stories/999");
    let metrics = server.get("/metrics");
    assert_eq!(metrics.status, 200);
    assert!(
        metrics
            .header("content-type")
            .is_some_and(|t| t.starts_with("text/plain"))
    );
    let text = metrics.text();
    for line in [
        "newsfuse_http_requests_total{route=\"/v1/articles\",method=\"POST\",status=\"200\"} 1",
        "newsfuse_http_requests_total{route=\"/v1/stories/{id}\",method=\"GET\",status=\"404\"} 1",
        "newsfuse_ingest_articles_stored_total 2",
        "newsfuse_store_articles 2",
        "newsfuse_store_stories 2",
        "newsfuse_ingest_lag_seconds_count 1",
    ] {
        assert!(text.lines().any(|l| l == line), "{line} missing in\n{text}");
    }
    assert!(text.contains(
        "newsfuse_http_request_duration_seconds_bucket{route=\"/v1/stories\",le=\"+Inf\"} 1"
    ));
}

#[test]
fn a_foreign_file_is_refused_at_start() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("notes.db");
    std::fs::write(
        &path,
        b"these are my notes, not a database at all, and long enough",
    )
    .expect("write");
    let error = newsfuse_server::AppState::open(newsfuse_server::Config::new(path.clone()))
        .err()
        .expect("refused");
    assert!(
        error.to_string().contains("not a newsfuse store"),
        "{error}"
    );
    assert_eq!(
        std::fs::read(&path).expect("read"),
        b"these are my notes, not a database at all, and long enough",
        "left untouched"
    );
}

#[test]
fn shutdown_finishes_the_request_in_flight() {
    let mut server = TestServer::start(|_| {});
    let addr = server.addr;
    let batch: Vec<Value> = (0..8).map(|n| article(n, n % 2, 1)).collect();
    let client =
        std::thread::spawn(move || request(addr, "POST", "/v1/articles", &[], &jsonl(&batch)));
    std::thread::sleep(std::time::Duration::from_millis(150));
    server.stop();
    let reply = client.join().expect("the client");
    assert_eq!(reply.status, 200, "{}", reply.text());
    assert_eq!(reply.json()["stored"], 8);
    // The store closed cleanly: it opens again with everything in it.
    let dir = server.dir.clone();
    let reopened = TestServer::start_in(dir, |_| {});
    assert_eq!(reopened.get("/healthz").json()["articles"], 8);
    std::mem::forget(server); // the reopened server owns (and removes) the folder
}

#[test]
fn a_merged_story_redirects_to_the_story_it_joined() {
    use newsfuse_store::conformance::{merge_article, merge_options};
    let dir = tempfile::tempdir().expect("a temp dir").keep();
    let merge = {
        let mut store =
            newsfuse_store::SqliteStore::open(&dir.join("stories.db")).expect("the store");
        let first: Vec<_> = (0..3).map(|n| merge_article(n, 1)).collect();
        newsfuse_store::ingest(&mut store, &first, &merge_options()).expect("first batch");
        let report = newsfuse_store::ingest(&mut store, &[merge_article(3, 2)], &merge_options())
            .expect("second batch");
        report.merges[0]
    };
    let (gone, kept) = (merge.story, merge.into);
    let server = TestServer::start_in(dir, |_| {});
    let moved = server.get(&format!("/v1/stories/{gone}"));
    assert_eq!(moved.status, 308);
    assert_eq!(
        moved.header("location"),
        Some(format!("/v1/stories/{kept}").as_str())
    );
    let updates = server.get(&format!("/v1/stories/{gone}/updates?since=2024-01-01"));
    assert_eq!(updates.status, 308);
    assert_eq!(
        updates.header("location"),
        Some(format!("/v1/stories/{kept}/updates?since=2024-01-01").as_str())
    );
    let page = server.get(&format!("/stories/{gone}?since=2024-03-02"));
    assert_eq!(page.status, 308);
    assert_eq!(
        page.header("location"),
        Some(format!("/stories/{kept}?since=2024-03-02").as_str())
    );
    let story = server.get(&format!("/v1/stories/{kept}"));
    assert_eq!(story.status, 200);
    assert_eq!(story.json()["story"]["articles"], 3);
    let listed = server.get("/v1/stories").json();
    let ids: Vec<u64> = listed["stories"]
        .as_array()
        .expect("stories")
        .iter()
        .filter_map(|s| s["id"].as_u64())
        .collect();
    assert!(ids.contains(&kept) && !ids.contains(&gone), "{ids:?}");
    assert_eq!(server.get("/v1/stories/424242").status, 404);
}
