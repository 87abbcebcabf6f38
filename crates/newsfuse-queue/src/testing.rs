//! Helpers for tests against a real NATS server: finding it (or saying how to start it), a
//! stream prefix of their own that is deleted afterwards, invented articles and the checks every
//! fault test makes.

use std::net::{TcpStream, ToSocketAddrs};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use newsfuse_store::{ArticleInput, DedupeKeys, Store};
use newsfuse_stories::{ArticleIn, article_keys};

/// The NATS server tests use: `NEWSFUSE_TEST_NATS`, else `nats://127.0.0.1:4222`; `None`, after
/// printing how to start one, when nothing answers there.
pub fn test_nats() -> Option<String> {
    let url = std::env::var("NEWSFUSE_TEST_NATS")
        .ok()
        .filter(|u| !u.trim().is_empty())
        .unwrap_or_else(|| "nats://127.0.0.1:4222".into());
    let host = url
        .trim_start_matches("nats://")
        .split('/')
        .next()
        .unwrap_or_default()
        .to_string();
    let reachable = host.to_socket_addrs().ok().is_some_and(|mut addrs| {
        addrs.any(|a| TcpStream::connect_timeout(&a, Duration::from_secs(1)).is_ok())
    });
    if reachable {
        Some(url)
    } else {
        eprintln!(
            "skipped: no NATS server at {url}. Start one with JetStream (Debian: apt install nats-server), e.g.\n  \
             start-stop-daemon --start --oknodo --background --exec /usr/sbin/nats-server -- -a 127.0.0.1 -p 4222 -js -sd /var/lib/nats-server\n\
             or point NEWSFUSE_TEST_NATS at one."
        );
        None
    }
}

/// A prefix no other test (or test run) uses.
pub fn unique_prefix(test: &str) -> String {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    format!(
        "nft_{test}_{}_{}_{nanos}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::SeqCst)
    )
}

/// Deletes a prefix's streams when dropped (also when the test panicked).
pub struct StreamsGuard {
    /// The server.
    pub url: String,
    /// The prefix.
    pub prefix: String,
}

impl Drop for StreamsGuard {
    fn drop(&mut self) {
        let (url, prefix) = (self.url.clone(), self.prefix.clone());
        std::thread::spawn(move || {
            let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            else {
                return;
            };
            runtime.block_on(async {
                let connected = tokio::time::timeout(
                    Duration::from_secs(10),
                    crate::Queue::connect(&url, &prefix),
                )
                .await;
                if let Ok(Ok(queue)) = connected {
                    queue.delete_streams().await.ok();
                }
            });
        })
        .join()
        .ok();
    }
}

const EVENTS: [[&str; 6]; 6] = [
    [
        "Kelmouth",
        "harbour bridge",
        "crane barge",
        "northern span",
        "port authority",
        "ferry crossings",
    ],
    [
        "Oswin",
        "public library",
        "archive wing",
        "rare manuscripts",
        "library board",
        "reading room roof",
    ],
    [
        "Darrowfield",
        "textile mill",
        "union ballot",
        "night shift wages",
        "mill owners",
        "picket lines",
    ],
    [
        "Brennock",
        "glacier observatory",
        "ice core drill",
        "meltwater lake",
        "survey team",
        "helicopter landing pad",
    ],
    [
        "Tulvane",
        "city orchestra",
        "concert hall organ",
        "winter season tickets",
        "conductor",
        "rehearsal schedule",
    ],
    [
        "Marsk",
        "football stadium",
        "floodlight tower",
        "cup semi-final",
        "league officials",
        "supporters club",
    ],
];

/// An invented article on one of six invented events (`event % 6`), numbered `n`: articles on one
/// event share most words, articles on different events share almost none.
pub fn event_article(event: usize, n: usize) -> ArticleInput {
    let [town, thing, cause, part, body, effect] = EVENTS[event % EVENTS.len()];
    ArticleInput {
        id: Some(format!("e{event}-a{n}")),
        url: None,
        title: format!("{town} {thing}: {cause} and {part}, report {n}"),
        text: format!(
            "The {thing} in {town} was at the centre of events on day {n} after trouble with the {cause} and the {part}. \
             The {body} in {town} said the {cause} and the {part} would be examined before the {effect} resumed. \
             Residents of {town} gathered near the {thing}, and the {body} promised a full account of the {cause}. \
             Update {n}: the {effect} near the {thing} stayed on hold, according to the {body}."
        ),
        source: Some(format!("Outlet {}", n % 4)),
        published: Some(format!("2024-03-{:02}T{:02}:00:00Z", 1 + n % 3, n % 24)),
        origin: format!("test event {event} article {n}"),
    }
}

/// Checks what every fault test asserts: each article is stored exactly once, in one story; the
/// stories hold exactly the stored articles; every story's brief is current. Returns the story
/// of each article, in order.
pub fn assert_each_in_one_story(store: &dyn Store, articles: &[ArticleInput]) -> Vec<u64> {
    let mut stories = Vec::with_capacity(articles.len());
    for article in articles {
        let keys = article_keys(&ArticleIn {
            id: article.id.as_deref(),
            url: article.url.as_deref(),
            title: &article.title,
            text: &article.text,
            time: None,
        });
        let found = store
            .find_article(&DedupeKeys {
                id: keys.id,
                url: keys.url,
                text: keys.text,
            })
            .expect("read")
            .unwrap_or_else(|| panic!("{:?} was acknowledged but is not stored", article.id));
        stories.push(found.story);
    }
    let totals = store.totals().expect("totals");
    assert_eq!(
        totals.articles,
        articles.len() as u64,
        "the store holds other or doubled articles"
    );
    let rows = store.stories(None).expect("stories");
    let in_stories: u64 = rows.iter().map(|r| r.articles).sum();
    assert_eq!(in_stories, totals.articles, "story counts disagree");
    for row in rows {
        let record = store.story(row.id).expect("read").expect("story");
        assert!(
            record.brief_is_current(),
            "story {} ({} articles) has a stale brief",
            row.id,
            row.articles
        );
        assert_eq!(
            store.story_articles(row.id).expect("read").len() as u64,
            row.articles
        );
    }
    stories
}
