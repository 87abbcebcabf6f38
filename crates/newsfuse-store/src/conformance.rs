//! The store's conformance suite: scenarios over `&mut dyn Store` that every backend passes.
//! SQLite runs them in this crate's tests; `newsfuse-pg` runs the same functions against
//! PostgreSQL (feature `conformance`). Each case panics on a failure, like a test.

use std::sync::Barrier;

use newsfuse::SummaryConfig;
use newsfuse_stories::StoryConfig;

use crate::{
    ArticleInput, BatchWrite, BriefRecord, DedupeKeys, IngestOptions, IngestReport, Result, Store,
    StoreError, StoreHead, StoreTotals, StoredArticle, StoryCursor, StoryMerge, StoryQuery,
    StoryRecord, StoryRow, current_story, ingest,
};
use crate::{Rebuilt, ingest_without_briefs, rebuild_briefs};

/// The ingest clock of every case.
pub const NOW: i64 = 1_709_600_000; // 2024-03-05

/// The ingest options of every case.
pub fn options() -> IngestOptions {
    IngestOptions {
        now: NOW,
        summary: SummaryConfig::default(),
        stories: StoryConfig::default(),
    }
}

/// Invented articles about two events, a bridge closure and a library fire.
pub fn article(n: usize, topic: usize, day: u32) -> ArticleInput {
    let (title, text) = if topic == 0 {
        (
            format!("Kelmouth harbour bridge closed, report {n}"),
            format!(
                "The harbour bridge in Kelmouth stayed closed on day {n} after a crane struck its northern span. \
                 Engineers from the Kelmouth port authority inspected the cracked girders and the crane barge. \
                 Ferry operators added crossings while the bridge remained shut to traffic, officials said in update {n}."
            ),
        )
    } else {
        (
            format!("Fire at Oswin library, report {n}"),
            format!(
                "A fire broke out in the archive wing of the Oswin public library overnight, in account {n}. \
                 Firefighters saved most of the rare manuscripts, though the reading room roof collapsed. \
                 The library board said volunteers would catalogue the damaged collection, statement {n} added."
            ),
        )
    };
    ArticleInput {
        id: Some(format!("art-{n}")),
        url: Some(format!("https://news.example/{n}")),
        title,
        text,
        source: Some(format!("outlet{}", n % 3)),
        published: Some(format!("2024-03-{day:02}T10:00:00Z")),
        origin: format!("test#{n}"),
    }
}

/// Articles `range`, alternating between the two events over three days.
pub fn two_stories(range: std::ops::Range<usize>) -> Vec<ArticleInput> {
    range
        .map(|n| article(n, n % 2, 1 + (n as u32 % 3)))
        .collect()
}

/// Ingests `articles`, panicking when the batch does not commit.
pub fn run(store: &mut dyn Store, articles: &[ArticleInput]) -> IngestReport {
    ingest(store, articles, &options()).expect("the batch commits")
}

/// The partition of stored articles by story: sets of caller ids.
pub fn partition(store: &dyn Store) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = store
        .stories(None)
        .expect("stories")
        .iter()
        .map(|s| {
            let mut ids: Vec<String> = store
                .story_articles(s.id)
                .expect("articles")
                .into_iter()
                .filter_map(|a| a.id)
                .collect();
            ids.sort();
            ids
        })
        .collect();
    out.sort();
    out
}

// ---- the scenario suite, for any backend ----

/// Ingesting the same batch twice stores nothing the second time and changes nothing.
pub fn reingest_is_idempotent(store: &mut dyn Store) {
    let batch = two_stories(0..6);
    let first = run(store, &batch);
    assert_eq!(first.counts.stored, 6);
    assert_eq!(first.counts.new_stories, 2, "{:?}", partition(store));
    let head = store.head().expect("head");
    let before = partition(store);
    let again = run(store, &batch);
    assert_eq!(
        (again.batch, again.counts.stored, again.counts.duplicates),
        (None, 0, 6)
    );
    assert_eq!(store.head().expect("head"), head);
    assert_eq!(partition(store), before);
}

/// Repeats by id, normalised URL and text are recognised, in the store and within a batch.
pub fn dedupe_by_id_url_and_text(store: &mut dyn Store) {
    let original = article(1, 0, 1);
    run(store, std::slice::from_ref(&original));
    let same_id = ArticleInput {
        text: "Entirely different words about a marathon in the hills.".into(),
        url: None,
        origin: "same id".into(),
        ..original.clone()
    };
    let same_url = ArticleInput {
        id: Some("other-id".into()),
        url: Some("http://www.news.example/1/#comments".into()),
        text: "A third text, about a chess final in a small town.".into(),
        origin: "same url".into(),
        ..original.clone()
    };
    let same_text = ArticleInput {
        id: None,
        url: None,
        origin: "same text".into(),
        ..original.clone()
    };
    let fresh = article(2, 0, 2);
    let fresh_twice = ArticleInput {
        origin: "fresh again".into(),
        ..fresh.clone()
    };
    let report = run(store, &[same_id, same_url, same_text, fresh, fresh_twice]);
    let mut why: Vec<(String, &str, Option<u64>)> = report
        .seen_again
        .iter()
        .map(|s| (s.origin.clone(), s.why, s.of))
        .collect();
    why.sort();
    assert_eq!(
        why,
        vec![
            ("fresh again".into(), "id", None),
            ("same id".into(), "id", Some(1)),
            ("same text".into(), "text", Some(1)),
            ("same url".into(), "url", Some(1)),
        ]
    );
    assert_eq!(report.counts.stored, 1);
    let stories = store.stories(None).expect("stories");
    assert_eq!(stories.len(), 1);
    assert_eq!(stories[0].articles, 2);
}

/// After a second batch every changed story's brief is current and built from all its articles.
pub fn briefs_current_after_second_batch(store: &mut dyn Store) {
    run(store, &two_stories(0..4));
    let second = run(store, &two_stories(4..7));
    assert_eq!(second.counts.changed_stories, 2);
    assert_eq!(second.counts.new_stories, 0);
    for row in store.stories(None).expect("stories") {
        let record = store.story(row.id).expect("read").expect("the story");
        assert!(record.brief_is_current(), "story {} brief stale", row.id);
        let brief = record.brief.expect("a brief");
        assert_eq!(brief.story_articles, row.articles);
        assert_eq!(brief.built_from.len() as u64, row.articles);
        assert_eq!(brief.batch, 2);
        let current = current_story(store, row.id, &SummaryConfig::default())
            .expect("read")
            .expect("the story");
        assert!(!current.rebuilt);
        assert_eq!(current.brief.articles.len() as u64, row.articles);
        assert!(!current.brief.summary.is_empty());
    }
    let total: u64 = store
        .stories(None)
        .expect("stories")
        .iter()
        .map(|s| s.articles)
        .sum();
    assert_eq!(total, 7);
}

/// Two batches form the same stories as one batch of the same articles (two empty stores).
pub fn split_batches_cluster_as_one(store: &mut dyn Store, one_batch: &mut dyn Store) {
    // Publication order = input order here (days 1, 1, 2, 2, ...), so two batches continue
    // exactly where one would be.
    let articles: Vec<ArticleInput> = (0..10)
        .map(|n| article(n, (n / 2) % 2, 1 + n as u32 / 2))
        .collect();
    run(store, &articles[..5]);
    run(store, &articles[5..]);
    run(one_batch, &articles);
    assert_eq!(partition(store), partition(one_batch));
    assert_eq!(partition(store).len(), 2);
}

/// A future or unreadable date places the article at its first-seen time, with a note.
pub fn future_and_unreadable_dates(store: &mut dyn Store) {
    let mut future = article(1, 0, 1);
    future.published = Some("2999-01-01T00:00:00Z".into());
    let mut unreadable = article(2, 1, 1);
    unreadable.published = Some("the day before yesterday".into());
    let mut dated = article(3, 1, 1);
    dated.published = Some("2024-03-01".into());
    let report = run(store, &[future, unreadable, dated]);
    assert_eq!(report.counts.stored, 3);
    assert_eq!(report.notes.len(), 2, "{:?}", report.notes);
    assert!(report.notes[0].contains("future") || report.notes[1].contains("future"));
    for row in store.stories(None).expect("stories") {
        assert!(
            row.last_time <= NOW,
            "story {} placed in the future",
            row.id
        );
        for a in store.story_articles(row.id).expect("articles") {
            let expect = match a.id.as_deref() {
                Some("art-3") => 1_709_251_200,
                _ => NOW,
            };
            assert_eq!(a.time, expect, "{:?}", a.id);
            assert_eq!(a.first_seen, NOW);
        }
    }
}

/// The listing order (latest day first) and the `since` filter.
pub fn stories_since_and_order(store: &mut dyn Store) {
    // Story A: 3 articles on day 1; story B: 1 article on day 3.
    let mut batch: Vec<ArticleInput> = (0..3).map(|n| article(n, 0, 1)).collect();
    batch.push(article(3, 1, 3));
    run(store, &batch);
    let all = store.stories(None).expect("stories");
    assert_eq!(all.len(), 2);
    assert_eq!(all[0].articles, 1, "the newest day comes first");
    let since = store.stories(Some(1_709_337_600)).expect("stories"); // 2024-03-02
    assert_eq!(since.len(), 1);
    assert_eq!(since[0].id, all[0].id);
}

/// Paging by cursor, word search over title and summary, `since`, and the totals.
/// Within a day, the story with more textually independent reports comes first.
pub fn independent_reports_rank_within_a_day(store: &mut dyn Store) {
    // Story A: four near-copies of one report (one textually independent report); story B: two
    // reports written separately. Both on the same day: B comes first though it has fewer
    // articles.
    let mut batch: Vec<ArticleInput> = (0..4).map(|n| article(n, 0, 2)).collect();
    batch.push(article(4, 1, 2));
    batch.push(ArticleInput {
        id: Some("own-5".into()),
        url: Some("https://other.example/fire".into()),
        title: "Oswin library fire: manuscripts carried out by volunteers".into(),
        text: "Volunteers joined firefighters to carry rare manuscripts out of the burning Oswin \
               public library before dawn. Witnesses told reporters that the roof above the \
               reading room fell in shortly after four o'clock. Library trustees promised a list \
               of lost volumes next week and thanked the fire brigade."
            .into(),
        source: Some("outlet9".into()),
        published: Some("2024-03-02T12:00:00Z".into()),
        origin: "test#own-5".into(),
    });
    run(store, &batch);
    let all = store.stories(None).expect("stories");
    assert_eq!(partition(store).len(), 2, "{:?}", partition(store));
    let (copies, separate) = if all[0].articles == 4 {
        (&all[0], &all[1])
    } else {
        (&all[1], &all[0])
    };
    assert_eq!((copies.articles, copies.independent), (4, 1), "{all:?}");
    assert_eq!((separate.articles, separate.independent), (2, 2), "{all:?}");
    assert_eq!(
        all[0].id, separate.id,
        "more independent reports first: {all:?}"
    );
    let page = store
        .find_stories(&StoryQuery {
            limit: 10,
            ..StoryQuery::default()
        })
        .expect("a page");
    assert_eq!(page, all, "the paged listing has the same order");
}

/// An ingest that defers briefs leaves them stale; `rebuild_briefs` makes them current.
pub fn briefs_deferred_then_rebuilt(store: &mut dyn Store) {
    let first = ingest_without_briefs(store, &two_stories(0..4), &options()).expect("ingest");
    assert_eq!(first.counts.new_stories, 2);
    let ids: Vec<u64> = first.stories.iter().map(|s| s.id).collect();
    for &id in &ids {
        let record = store.story(id).expect("read").expect("the story");
        assert!(
            !record.brief_is_current(),
            "story {id}: a deferred brief is stale"
        );
    }
    // The listing and the search still read a story whose brief is not built yet.
    let found = store
        .find_stories(&StoryQuery {
            text: Some("bridge".into()),
            limit: 10,
            ..StoryQuery::default()
        })
        .expect("search");
    assert_eq!(found.len(), 1);
    let done =
        rebuild_briefs(store, &[ids[0], ids[1], 999], &SummaryConfig::default()).expect("rebuild");
    assert_eq!(
        done,
        vec![
            (999, Rebuilt::NoStory),
            (ids[0], Rebuilt::Rebuilt),
            (ids[1], Rebuilt::Rebuilt),
        ]
    );
    let again = rebuild_briefs(store, &ids, &SummaryConfig::default()).expect("rebuild");
    assert!(again.iter().all(|(_, r)| *r == Rebuilt::AlreadyCurrent));
    // A second deferred batch keeps the old brief (stale) until the next rebuild.
    let second = ingest_without_briefs(store, &two_stories(4..7), &options()).expect("ingest");
    assert_eq!(second.counts.new_stories, 0);
    let kept = store.story(ids[0]).expect("read").expect("the story");
    assert!(!kept.brief_is_current());
    assert_eq!(kept.brief.expect("a brief").batch, 1);
    rebuild_briefs(store, &ids, &SummaryConfig::default()).expect("rebuild");
    for row in store.stories(None).expect("stories") {
        let record = store.story(row.id).expect("read").expect("the story");
        assert!(record.brief_is_current(), "story {} brief stale", row.id);
        assert_eq!(
            record.brief.expect("a brief").built_from.len() as u64,
            row.articles
        );
    }
}

pub fn find_stories_pages_and_searches(store: &mut dyn Store) {
    let empty = store.totals().expect("totals");
    assert_eq!((empty.articles, empty.stories, empty.batch), (0, 0, 0));
    assert_eq!(empty.last_batch_started, None);
    run(store, &two_stories(0..6));
    let all = store.stories(None).expect("stories");
    assert_eq!(all.len(), 2);
    // Pages of one, cursor to cursor, give the listing in order, then an empty page.
    let mut paged = Vec::new();
    let mut after = None;
    loop {
        let page = store
            .find_stories(&StoryQuery {
                after,
                limit: 1,
                ..StoryQuery::default()
            })
            .expect("a page");
        let Some(last) = page.last() else { break };
        assert_eq!(page.len(), 1);
        let cursor = StoryCursor::after(last);
        assert_eq!(StoryCursor::parse(&cursor.to_string()), Some(cursor));
        after = Some(cursor);
        paged.extend(page);
        assert!(paged.len() <= all.len(), "paging never repeats a story");
    }
    assert_eq!(paged, all);
    let search = |text: &str| -> Vec<u64> {
        store
            .find_stories(&StoryQuery {
                text: Some(text.into()),
                limit: 10,
                ..StoryQuery::default()
            })
            .expect("a search")
            .iter()
            .map(|r| r.id)
            .collect()
    };
    let library = all
        .iter()
        .find(|r| r.title.contains("Oswin"))
        .expect("the library story")
        .id;
    assert_eq!(
        search("oswin LIBRARY"),
        vec![library],
        "title words, any case"
    );
    assert!(search("oswin kelmouth").is_empty(), "every word must match");
    assert_eq!(search("  ").len(), 2, "a blank search lists everything");
    // A word of the summary that is not in the title is found too.
    let record = store.story(library).expect("story").expect("found");
    let summary: serde_json::Value =
        serde_json::from_str(&record.brief.expect("a brief").summary_json).expect("json");
    let word = summary["summary"]
        .as_str()
        .expect("summary text")
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| w.len() > 6 && !record.row.title.to_lowercase().contains(&w.to_lowercase()))
        .expect("a summary word outside the title")
        .to_string();
    assert_eq!(search(&word), vec![library], "{word}");
    let since = store
        .find_stories(&StoryQuery {
            since: Some(i64::MAX),
            limit: 10,
            ..StoryQuery::default()
        })
        .expect("since");
    assert!(since.is_empty());
    let totals = store.totals().expect("totals");
    assert_eq!((totals.articles, totals.stories, totals.batch), (6, 2, 1));
    assert_eq!(totals.last_batch_started, Some(NOW));
}

/// A scenario over one store.
pub type Case = fn(&mut dyn Store);

/// The single-store scenarios, by name.
pub fn suite() -> Vec<(&'static str, Case)> {
    vec![
        ("reingest_is_idempotent", reingest_is_idempotent),
        ("dedupe_by_id_url_and_text", dedupe_by_id_url_and_text),
        (
            "briefs_current_after_second_batch",
            briefs_current_after_second_batch,
        ),
        ("future_and_unreadable_dates", future_and_unreadable_dates),
        ("stories_since_and_order", stories_since_and_order),
        (
            "find_stories_pages_and_searches",
            find_stories_pages_and_searches,
        ),
        ("put_brief_checks_the_story", put_brief_checks_the_story),
        (
            "independent_reports_rank_within_a_day",
            independent_reports_rank_within_a_day,
        ),
        ("briefs_deferred_then_rebuilt", briefs_deferred_then_rebuilt),
        (
            "a_merge_in_a_later_batch_moves_the_story",
            a_merge_in_a_later_batch_moves_the_story,
        ),
        (
            "a_merge_within_a_batch_is_stored_merged",
            a_merge_within_a_batch_is_stored_merged,
        ),
        (
            "a_merge_with_briefs_deferred_leaves_the_survivor_stale",
            a_merge_with_briefs_deferred_leaves_the_survivor_stale,
        ),
        (
            "a_chain_of_merges_resolves_to_the_last_story",
            a_chain_of_merges_resolves_to_the_last_story,
        ),
    ]
}

// ---- story merges ----

/// Two halves of one invented event in words of their own, a report that tells both (the
/// bridge), an unrelated report, and a later report of the second half.
const MERGE_TEXTS: [(&str, &str); 5] = [
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
    (
        "chess",
        "The grandmaster Ilse Korvath won the Tallinder chess open on Sunday with a queen \
         sacrifice in the final round, beating the defending champion after six hours. Korvath \
         took the title and the prize of the Tallinder tournament.",
    ),
    (
        "bridge",
        "The Brindle terminal walkout by Quarrow dockers left Ferrant grain barges queued at \
         Tolvey lock: with pickets at the Brindle gates and cranes idle on the quay, Tolvey \
         millers warned that flour deliveries would slip and skippers waited for berths.",
    ),
    (
        "half-b-later",
        "Ferrant grain barges still queued below Tolvey lock on Wednesday; skippers waited for \
         berths and Tolvey millers said flour deliveries would slip by a fortnight.",
    ),
];

/// Merge article `n` of [`MERGE_TEXTS`], published on `day` of March 2024.
pub fn merge_article(n: usize, day: u32) -> ArticleInput {
    let (id, text) = MERGE_TEXTS[n];
    ArticleInput {
        id: Some(id.into()),
        url: Some(format!("https://merge.example/{id}")),
        title: String::new(),
        text: text.into(),
        source: Some(format!("outlet{n}")),
        published: Some(format!("2024-03-{day:02}T10:00:00Z")),
        origin: format!("merge#{id}"),
    }
}

/// The ingest options of the merge cases: the bridge merges the two halves at a merge
/// threshold of 0.1 (the clusterer's own merge test uses the same texts and setting).
pub fn merge_options() -> IngestOptions {
    IngestOptions {
        stories: StoryConfig {
            merge_threshold: 0.1,
            ..StoryConfig::default()
        },
        ..options()
    }
}

/// The clusterer's own grouping of `articles` (in order, one pass, merges resolved): sets of
/// caller ids, as [`partition`] gives the store's.
pub fn clusterer_partition(articles: &[ArticleInput], config: &StoryConfig) -> Vec<Vec<String>> {
    let mut clusterer = newsfuse_stories::StoryClusterer::new(config.clone());
    let times: Vec<Option<i64>> = articles
        .iter()
        .map(|a| {
            a.published
                .as_deref()
                .and_then(newsfuse_stories::parse_time)
        })
        .collect();
    let mut placed: Vec<(String, u64)> = Vec::new();
    for index in newsfuse_stories::publication_order(&times) {
        let a = &articles[index];
        let assignment = clusterer.add(&newsfuse_stories::ArticleIn {
            id: a.id.as_deref(),
            url: a.url.as_deref(),
            title: &a.title,
            text: &a.text,
            time: times[index],
        });
        placed.push((a.id.clone().unwrap_or_default(), assignment.story));
    }
    let mut groups: std::collections::BTreeMap<u64, Vec<String>> =
        std::collections::BTreeMap::default();
    for (id, story) in placed {
        groups.entry(clusterer.resolve(story)).or_default().push(id);
    }
    let mut out: Vec<Vec<String>> = groups
        .into_values()
        .map(|mut ids| {
            ids.sort();
            ids
        })
        .collect();
    out.sort();
    out
}

fn ids(list: &[&str]) -> Vec<String> {
    list.iter().map(ToString::to_string).collect()
}

/// The story each caller id is stored in.
fn story_of(store: &dyn Store, id: &str) -> u64 {
    for row in store.stories(None).expect("stories") {
        let articles = store.story_articles(row.id).expect("articles");
        if articles.iter().any(|a| a.id.as_deref() == Some(id)) {
            return row.id;
        }
    }
    panic!("{id} is in no listed story");
}

/// Checks the merged store: `gone` resolves to `kept`, is no longer a story, and `kept` holds
/// all of the event's articles with a current brief built from all of them.
fn assert_merged(store: &mut dyn Store, gone: u64, kept: u64, articles: u64) {
    assert_ne!(gone, kept);
    assert_eq!(
        store.story(gone).expect("read"),
        None,
        "the merged story is gone"
    );
    assert_eq!(store.merged_into(gone).expect("read"), Some(kept));
    assert_eq!(store.merged_into(kept).expect("read"), None);
    assert!(store.story_articles(gone).expect("articles").is_empty());
    let record = store.story(kept).expect("read").expect("the joined story");
    assert_eq!(record.row.articles, articles);
    assert!(
        record.brief_is_current(),
        "the joined story's brief is current"
    );
    let brief = record.brief.expect("a brief");
    assert_eq!(brief.built_from.len() as u64, articles);
    let current = current_story(store, kept, &SummaryConfig::default())
        .expect("read")
        .expect("the story");
    assert!(!current.rebuilt);
    assert_eq!(current.brief.articles.len() as u64, articles);
    let listed: Vec<u64> = store
        .stories(None)
        .expect("stories")
        .iter()
        .map(|s| s.id)
        .collect();
    assert!(
        listed.contains(&kept) && !listed.contains(&gone),
        "{listed:?}"
    );
    let page: Vec<u64> = store
        .find_stories(&StoryQuery {
            limit: 100,
            ..StoryQuery::default()
        })
        .expect("a page")
        .iter()
        .map(|s| s.id)
        .collect();
    assert_eq!(page, listed);
}

/// A story of one report is merged, in a later batch, into the story a bridging report joins:
/// the store moves its article, drops it from the listings, resolves its id to the joined story
/// and rebuilds the joined story's brief in that batch; a re-run changes nothing and a later
/// report of the merged half joins the joined story. The store's stories are the clusterer's.
pub fn a_merge_in_a_later_batch_moves_the_story(store: &mut dyn Store) {
    let options = merge_options();
    let first: Vec<ArticleInput> = (0..3).map(|n| merge_article(n, 1)).collect();
    let report = ingest(store, &first, &options).expect("first batch");
    assert_eq!(report.counts.new_stories, 3, "{:?}", partition(store));
    let (a, b) = (story_of(store, "half-a"), story_of(store, "half-b"));
    assert_eq!(store.head().expect("head").merges, 0);

    let second = vec![merge_article(3, 2)];
    let report = ingest(store, &second, &options).expect("second batch");
    assert_eq!(report.counts.merged_stories, 1, "{report:?}");
    assert_eq!(report.counts.new_stories, 0);
    assert_eq!(report.counts.changed_stories, 1);
    let kept = story_of(store, "bridge");
    let gone = if kept == a { b } else { a };
    assert!(kept == a || kept == b);
    assert_eq!(
        report.merges,
        vec![StoryMerge {
            story: gone,
            into: kept
        }]
    );
    assert_eq!(report.stories.len(), 1);
    assert_eq!(report.stories[0].id, kept);
    assert_eq!(report.stories[0].articles, 3);
    assert_merged(store, gone, kept, 3);
    assert_eq!(
        partition(store),
        vec![ids(&["bridge", "half-a", "half-b"]), ids(&["chess"])]
    );
    let all: Vec<ArticleInput> = first.iter().chain(&second).cloned().collect();
    assert_eq!(
        partition(store),
        clusterer_partition(&all, &options.stories)
    );
    let totals = store.totals().expect("totals");
    assert_eq!((totals.articles, totals.stories), (4, 2));
    let head = store.head().expect("head");
    assert_eq!(head.merges, 1);

    // Re-running the batch stores nothing and changes nothing.
    let again = ingest(store, &second, &options).expect("again");
    assert_eq!((again.batch, again.counts.duplicates), (None, 1));
    assert_eq!(store.head().expect("head"), head);
    assert_merged(store, gone, kept, 3);

    // A later report of the merged half joins the joined story.
    let third = vec![merge_article(4, 3)];
    let report = ingest(store, &third, &options).expect("third batch");
    assert_eq!(
        (report.counts.new_stories, report.counts.merged_stories),
        (0, 0)
    );
    assert_eq!(story_of(store, "half-b-later"), kept);
    assert_merged(store, gone, kept, 4);
    let all: Vec<ArticleInput> = all.into_iter().chain(third).collect();
    assert_eq!(
        partition(store),
        clusterer_partition(&all, &options.stories)
    );
}

/// A story merged into one that is later merged into a third (a clusterer set to merge stories
/// of more than one report can do so): both merged ids resolve to the third, which holds every
/// article. The merges are committed as an ingest would write them.
pub fn a_chain_of_merges_resolves_to_the_last_story(store: &mut dyn Store) {
    let options = merge_options();
    let first: Vec<ArticleInput> = (0..3).map(|n| merge_article(n, 1)).collect();
    ingest(store, &first, &options).expect("first batch");
    let story_of = |store: &dyn Store, id: &str| {
        store
            .find_article(&DedupeKeys {
                id: Some(id.into()),
                url: None,
                text: None,
            })
            .expect("read")
            .expect("stored")
            .story
    };
    let [a, b, c] = ["half-a", "half-b", "chess"].map(|id| story_of(store, id));
    assert!(a != b && b != c && a != c, "three stories");
    for (story, into) in [(a, b), (b, c)] {
        let head = store.head().expect("head");
        let write = BatchWrite {
            base_batch: head.batch,
            batch: head.batch + 1,
            merges: vec![StoryMerge { story, into }],
            clusterer: head.clusterer.clone().expect("a saved clusterer"),
            ..BatchWrite::default()
        };
        store.commit_batch(&write).expect("a merge batch");
    }
    assert_eq!(store.merged_into(a).expect("read"), Some(c), "redirected");
    assert_eq!(store.merged_into(b).expect("read"), Some(c));
    assert_eq!(store.merged_into(c).expect("read"), None);
    assert_eq!(store.story(a).expect("read"), None);
    assert_eq!(store.story(b).expect("read"), None);
    assert_eq!(store.head().expect("head").merges, 2);
    let mut ids: Vec<String> = store
        .story_articles(c)
        .expect("articles")
        .into_iter()
        .filter_map(|article| article.id)
        .collect();
    ids.sort();
    assert_eq!(ids, ["chess", "half-a", "half-b"]);
    for id in ["half-a", "half-b", "chess"] {
        assert_eq!(story_of(store, id), c, "{id} moved");
    }
}

/// The same merge within one batch: the merged story is never listed, its id still resolves,
/// and the batch counts only the stories that remain as new.
pub fn a_merge_within_a_batch_is_stored_merged(store: &mut dyn Store) {
    let options = merge_options();
    let articles: Vec<ArticleInput> = (0..4).map(|n| merge_article(n, 1 + n as u32 / 3)).collect();
    let report = ingest(store, &articles, &options).expect("one batch");
    assert_eq!(
        (
            report.counts.new_stories,
            report.counts.merged_stories,
            report.counts.changed_stories
        ),
        (2, 1, 2),
        "{report:?}"
    );
    let kept = story_of(store, "bridge");
    assert_eq!(story_of(store, "half-a"), kept);
    assert_eq!(story_of(store, "half-b"), kept);
    let gone = report.merges[0].story;
    assert_eq!(report.merges[0].into, kept);
    assert_merged(store, gone, kept, 3);
    assert_eq!(
        partition(store),
        clusterer_partition(&articles, &options.stories)
    );
    assert_eq!(store.totals().expect("totals").stories, 2);
    assert_eq!(store.head().expect("head").merges, 1);
}

/// With briefs deferred (a queue worker's ingest), the merge moves the articles and the joined
/// story's brief is stale until it is rebuilt; a rebuild asked for the merged id finds no story.
pub fn a_merge_with_briefs_deferred_leaves_the_survivor_stale(store: &mut dyn Store) {
    let options = merge_options();
    let first: Vec<ArticleInput> = (0..3).map(|n| merge_article(n, 1)).collect();
    ingest(store, &first, &options).expect("first batch");
    let report =
        ingest_without_briefs(store, &[merge_article(3, 2)], &options).expect("second batch");
    assert_eq!(report.merges.len(), 1);
    let StoryMerge {
        story: gone,
        into: kept,
    } = report.merges[0];
    let record = store.story(kept).expect("read").expect("the joined story");
    assert_eq!(record.row.articles, 3);
    assert!(!record.brief_is_current());
    let outcomes =
        rebuild_briefs(store, &[gone, kept], &SummaryConfig::default()).expect("rebuild");
    assert_eq!(
        outcomes,
        vec![(gone, Rebuilt::NoStory), (kept, Rebuilt::Rebuilt)]
    );
    assert_merged(store, gone, kept, 3);
}

/// `put_brief` replaces a brief only when it was built from the story as it is now.
pub fn put_brief_checks_the_story(store: &mut dyn Store) {
    run(store, &two_stories(0..4));
    run(store, &two_stories(4..6));
    let row = store.stories(None).expect("stories")[0].clone();
    let before = store.story(row.id).expect("read").expect("story");
    let brief = |story_articles: u64, batch: u64| BriefRecord {
        built_from: vec![1, 3],
        story_articles,
        batch,
        independent: 7,
        brief_json: "{\"replaced\":true}".into(),
        summary_json: "{\"summary\":\"replaced\"}".into(),
    };
    let fewer = brief(row.articles - 1, row.updated_batch);
    assert!(
        !store.put_brief(row.id, &fewer).expect("put"),
        "too few articles"
    );
    let older = brief(row.articles, row.updated_batch - 1);
    assert!(
        !store.put_brief(row.id, &older).expect("put"),
        "an older batch"
    );
    assert!(
        !store
            .put_brief(9_999, &brief(row.articles, 2))
            .expect("put"),
        "no story"
    );
    assert_eq!(store.story(row.id).expect("read"), Some(before));
    let current = brief(row.articles, row.updated_batch);
    assert!(store.put_brief(row.id, &current).expect("put"));
    let after = store.story(row.id).expect("read").expect("story");
    assert_eq!(after.brief, Some(current));
    assert_eq!(
        after.row,
        StoryRow {
            independent: 7,
            ..row
        },
        "the listing ranks by the new brief's independent reports"
    );
}

/// A story of 5,000 articles (and 10 more in a second batch) keeps a brief of at most
/// `MAX_BRIEF_ARTICLES` articles, the latest among them.
pub fn a_story_of_5000_articles_keeps_a_bounded_brief(store: &mut dyn Store) {
    let articles: Vec<ArticleInput> = (0..5000)
        .map(|n| article(n, 0, 1 + (n as u32 / 1250)))
        .collect();
    let started = std::time::Instant::now();
    let report = run(store, &articles);
    assert_eq!(report.counts.stored, 5000);
    assert_eq!(report.counts.new_stories, 1);
    let more: Vec<ArticleInput> = (5000..5010).map(|n| article(n, 0, 4)).collect();
    run(store, &more);
    let stories = store.stories(None).expect("stories");
    assert_eq!(stories.len(), 1);
    assert_eq!(stories[0].articles, 5010);
    let record = store.story(stories[0].id).expect("read").expect("story");
    assert!(record.brief_is_current());
    let brief = record.brief.expect("brief");
    assert_eq!(brief.built_from.len(), crate::ingest::MAX_BRIEF_ARTICLES);
    // The latest article is among those the brief was built from.
    assert!(brief.built_from.contains(&5010));
    assert!(
        started.elapsed().as_secs() < 120,
        "took {:?}",
        started.elapsed()
    );
}

/// `first` and `second` are two handles on one empty store: a write prepared from a head that
/// another handle has moved past is refused with [`StoreError::Conflict`], writing nothing.
pub fn a_write_from_a_stale_head_is_refused(first: &mut dyn Store, second: &mut dyn Store) {
    run(first, &two_stories(0..2));
    // `second` commits a batch prepared from the empty store's head, as an ingest started before
    // `first` committed would.
    let stale = BatchWrite {
        base_batch: 0,
        batch: 1,
        ..BatchWrite::default()
    };
    let error = second.commit_batch(&stale).expect_err("refused");
    assert!(
        matches!(
            error,
            StoreError::Conflict {
                expected: 0,
                found: 1
            }
        ),
        "{error}"
    );
    assert_eq!(second.head().expect("head").batch, 1);
    assert_eq!(second.totals().expect("totals").articles, 2);
}

/// A store that waits at a barrier before it commits, so two ingests commit at the same moment.
struct AtTheBarrier<'a> {
    store: &'a mut (dyn Store + Send + 'static),
    barrier: &'a Barrier,
    waited: bool,
}

impl Store for AtTheBarrier<'_> {
    fn head(&self) -> Result<StoreHead> {
        self.store.head()
    }
    fn find_article(&self, keys: &DedupeKeys) -> Result<Option<StoredArticle>> {
        self.store.find_article(keys)
    }
    fn story_articles(&self, story: u64) -> Result<Vec<StoredArticle>> {
        self.store.story_articles(story)
    }
    fn articles(&self, keys: &[u64]) -> Result<Vec<StoredArticle>> {
        self.store.articles(keys)
    }
    fn commit_batch(&mut self, write: &BatchWrite) -> Result<()> {
        if !self.waited {
            self.waited = true;
            self.barrier.wait();
        }
        self.store.commit_batch(write)
    }
    fn stories(&self, since: Option<i64>) -> Result<Vec<StoryRow>> {
        self.store.stories(since)
    }
    fn story(&self, id: u64) -> Result<Option<StoryRecord>> {
        self.store.story(id)
    }
    fn merged_into(&self, id: u64) -> Result<Option<u64>> {
        self.store.merged_into(id)
    }
    fn put_brief(&mut self, story: u64, brief: &BriefRecord) -> Result<bool> {
        self.store.put_brief(story, brief)
    }
    fn find_stories(&self, query: &StoryQuery) -> Result<Vec<StoryRow>> {
        self.store.find_stories(query)
    }
    fn totals(&self) -> Result<StoreTotals> {
        self.store.totals()
    }
}

/// `a` and `b` are two connections to one store with one committed batch. Two ingests (one on
/// each, on two threads) read the same head, each with a near-duplicate report of a new event,
/// and commit at the same moment: exactly one commits, the other gets
/// [`StoreError::Conflict`] with nothing written; run again, it joins the winner's story.
pub fn racing_batches_one_wins(
    a: &mut (dyn Store + Send + 'static),
    b: &mut (dyn Store + Send + 'static),
) {
    run(a, &two_stories(0..2));
    let near = |n: usize| ArticleInput {
        id: Some(format!("race-{n}")),
        url: Some(format!("https://race.example/{n}")),
        title: format!("Dam gates opened at Tressbury reservoir, dispatch {n}"),
        text: format!(
            "Engineers opened the spillway gates of the Tressbury reservoir dam on Sunday as the water \
             rose after days of rain. Families below the dam in Lower Tressbury were moved to the school \
             hall, the county emergency office said in dispatch {n}."
        ),
        source: Some(format!("wire{n}")),
        published: Some("2024-03-04T08:00:00Z".into()),
        origin: format!("race#{n}"),
    };
    let barrier = Barrier::new(2);
    let outcomes: Vec<(Result<IngestReport>, ArticleInput)> = std::thread::scope(|scope| {
        let handles: Vec<_> = [(&mut *a, near(1)), (&mut *b, near(2))]
            .into_iter()
            .map(|(store, article)| {
                let barrier = &barrier;
                scope.spawn(move || {
                    let mut gated = AtTheBarrier {
                        store,
                        barrier,
                        waited: false,
                    };
                    let outcome = ingest(&mut gated, std::slice::from_ref(&article), &options());
                    (outcome, article)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("the thread"))
            .collect()
    });
    let won: Vec<&IngestReport> = outcomes
        .iter()
        .filter_map(|(o, _)| o.as_ref().ok())
        .collect();
    assert_eq!(won.len(), 1, "exactly one of two racing batches commits");
    assert_eq!(won[0].batch, Some(2));
    let (lost, article) = outcomes
        .iter()
        .find(|(o, _)| o.is_err())
        .expect("the other batch");
    let Err(error) = lost else { unreachable!() };
    assert!(
        matches!(
            error,
            StoreError::Conflict {
                expected: 1,
                found: 2
            }
        ),
        "{error}"
    );
    let totals = a.totals().expect("totals");
    assert_eq!(
        (totals.articles, totals.batch),
        (3, 2),
        "nothing of the loser was written"
    );
    // Run again from the new head, the loser's article joins the winner's story.
    let again = run(b, std::slice::from_ref(article));
    assert_eq!(again.batch, Some(3));
    assert_eq!(again.counts.new_stories, 0, "{:?}", partition(a));
    let stories = a.stories(None).expect("stories");
    assert_eq!(stories.len(), 3);
    let race = stories
        .iter()
        .find(|s| s.title.contains("Tressbury"))
        .expect("the race story");
    assert_eq!(race.articles, 2);
    let record = b.story(race.id).expect("read").expect("story");
    assert!(record.brief_is_current());
}
