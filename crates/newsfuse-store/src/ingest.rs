//! One ingest batch, for any backend: recognise articles seen before, place the new ones in
//! stories with the saved clusterer, rebuild the brief of each story the batch changed (once),
//! and hand the whole write to [`Store::commit_batch`].

use std::collections::{BTreeMap, HashSet};

use newsfuse::model::{Article, Cluster};
use newsfuse::{Brief, Summary, SummaryConfig};
use newsfuse_stories::{
    ArticleIn, DuplicateKind, StoryClusterer, StoryConfig, article_keys, parse_time,
    publication_order,
};
use rayon::prelude::*;
use serde::Serialize;

use crate::error::Result;
use crate::model::{
    ArticleInput, BatchCounts, BatchWrite, BriefRecord, DedupeKeys, StoredArticle, StoryMerge,
    StoryRecord, StoryRow,
};
use crate::state;
use crate::store::Store;

/// A story's brief is built from at most this many of its articles: the
/// [`EARLIEST_BRIEF_ARTICLES`] earliest (how the story began) and the latest (where it stands).
/// Keeps the cost of a batch bounded when one story grows to thousands of articles.
pub const MAX_BRIEF_ARTICLES: usize = 100;
/// How many of a very large story's earliest articles its brief keeps.
pub const EARLIEST_BRIEF_ARTICLES: usize = 10;
/// A publication date more than this many seconds after the ingest's clock is not believed: the
/// article is placed at the time it was first seen.
pub const FUTURE_SLACK_SECS: i64 = 86_400;

/// Settings of an ingest.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    /// The ingest's clock: seconds since the Unix epoch (first-seen time of new articles).
    pub now: i64,
    /// How summaries and briefs are built.
    pub summary: SummaryConfig,
    /// The clusterer's settings for a store's first batch (later batches continue with the saved
    /// clusterer and its settings).
    pub stories: StoryConfig,
}

/// An article that was not stored because the store (or the batch) already has it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SeenAgain {
    /// Where the repeat was read from.
    pub origin: String,
    /// The stored article it repeats, when it was stored before this batch (`None`: it repeats
    /// an article earlier in this batch).
    pub of: Option<u64>,
    /// Why: `id`, `url` or `text`.
    pub why: &'static str,
}

/// What one batch did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct IngestReport {
    /// The batch committed, or `None` when nothing was new (nothing written).
    pub batch: Option<u64>,
    /// Its counts.
    pub counts: BatchCounts,
    /// Articles seen before.
    pub seen_again: Vec<SeenAgain>,
    /// The stories the batch changed, as they are after it.
    pub stories: Vec<StoryRow>,
    /// Stories the batch merged into another (their articles are now the other's).
    pub merges: Vec<StoryMerge>,
    /// Things noticed: unreadable or future dates, articles without text.
    pub notes: Vec<String>,
}

/// Ingests one batch into `store` in one transaction. Running it again with the same articles
/// stores nothing (each is recognised by id, URL or text).
pub fn ingest(
    store: &mut dyn Store,
    articles: &[ArticleInput],
    options: &IngestOptions,
) -> Result<IngestReport> {
    ingest_with(store, articles, options, true)
}

/// Ingests one batch like [`ingest()`], but builds no brief: each story the batch changed keeps
/// the brief it had (now stale: [`StoryRecord::brief_is_current`] is false), and a new story gets
/// an empty, stale one, until [`rebuild_briefs`] (or [`current_story`]) builds it. The batch's
/// transaction then holds only the clustering and the writes, which is what a queue worker
/// wants: briefs are rebuilt as separate work items, outside the serialised part.
pub fn ingest_without_briefs(
    store: &mut dyn Store,
    articles: &[ArticleInput],
    options: &IngestOptions,
) -> Result<IngestReport> {
    ingest_with(store, articles, options, false)
}

fn ingest_with(
    store: &mut dyn Store,
    articles: &[ArticleInput],
    options: &IngestOptions,
    briefs: bool,
) -> Result<IngestReport> {
    let head = store.head()?;
    let mut clusterer = match &head.clusterer {
        Some(bytes) => state::decode(bytes)?,
        None => StoryClusterer::new(options.stories.clone()),
    };
    // What the store holds before the batch: stories numbered below `started_before`, and the
    // merges the clusterer had made (applied by the store, unless it was written before merges
    // were applied: `StoreHead::merges` then counts fewer).
    let started_before = clusterer.stories_started();
    let merged_before: HashSet<u64> = clusterer.merges().map(|(story, _)| story).collect();
    let batch = head.batch + 1;
    let mut report = IngestReport {
        counts: BatchCounts {
            started: options.now,
            offered: articles.len() as u64,
            ..BatchCounts::default()
        },
        ..IngestReport::default()
    };

    let times: Vec<Option<i64>> = articles
        .iter()
        .map(|a| believed_time(a, options.now, &mut report.notes))
        .collect();
    let mut batch_keys: HashSet<(u8, String)> = HashSet::new();
    let mut next_key = head.next_article;
    let mut new_articles: Vec<(StoredArticle, DedupeKeys)> = Vec::new();
    let mut new_story_ids: HashSet<u64> = HashSet::new();
    for index in publication_order(&times) {
        let input = &articles[index];
        if input.text.trim().is_empty() && input.title.trim().is_empty() {
            report
                .notes
                .push(format!("{}: no text or title, not stored", input.origin));
            continue;
        }
        let article_in = ArticleIn {
            id: input.id.as_deref(),
            url: input.url.as_deref(),
            title: &input.title,
            text: &input.text,
            time: times[index],
        };
        let keys = article_keys(&article_in);
        let keys = DedupeKeys {
            id: keys.id,
            url: keys.url,
            text: keys.text,
        };
        if let Some(why) = seen_in_batch(&keys, &batch_keys) {
            report.seen_again.push(SeenAgain {
                origin: input.origin.clone(),
                of: None,
                why,
            });
            continue;
        }
        if let Some(earlier) = store.find_article(&keys)? {
            let why = if keys.id.is_some() && keys.id == earlier.id {
                "id"
            } else if keys.text.is_some() && keys.text == text_hash_of(&earlier) {
                "text"
            } else {
                "url"
            };
            report.seen_again.push(SeenAgain {
                origin: input.origin.clone(),
                of: Some(earlier.key),
                why,
            });
            continue;
        }
        remember_keys(&keys, &mut batch_keys);
        let assignment = clusterer.add(&article_in);
        if let Some(dup) = assignment.duplicate_of
            && dup.kind != DuplicateKind::Copy
        {
            // The clusterer's memory holds an article the store's keys missed (it cannot,
            // unless the store lost an article): keep the store's count honest, store it.
            report.notes.push(format!(
                "{}: the clusterer saw it before ({:?}) but the store did not",
                input.origin, dup.kind
            ));
        }
        if assignment.is_new {
            new_story_ids.insert(assignment.story);
        }
        new_articles.push((
            StoredArticle {
                key: next_key,
                id: input.id.clone().filter(|s| !s.is_empty()),
                url: input.url.clone().filter(|s| !s.is_empty()),
                title: input.title.trim().to_string(),
                source: input.source.clone().filter(|s| !s.is_empty()),
                published: input.published.clone(),
                time: times[index].unwrap_or(options.now),
                first_seen: options.now,
                text: input.text.clone(),
                story: assignment.story,
                batch,
            },
            keys,
        ));
        next_key += 1;
    }
    report.counts.duplicates = report.seen_again.len() as u64;
    report.counts.stored = new_articles.len() as u64;
    // A batch that stores nothing changes no story, unless the store holds merges it has not
    // applied yet (see below).
    if new_articles.is_empty() && head.merges >= merged_before.len() as u64 {
        return Ok(report);
    }

    // Stories merged in this batch, and (in a store written before merges were applied) earlier
    // merges whose story the store still holds apart.
    let mut merges: Vec<StoryMerge> = clusterer
        .merges()
        .filter(|(story, _)| !merged_before.contains(story))
        .map(|(story, into)| StoryMerge { story, into })
        .collect();
    if head.merges < merged_before.len() as u64 {
        for (story, into) in clusterer.merges() {
            if merged_before.contains(&story) && store.story(story)?.is_some() {
                merges.push(StoryMerge { story, into });
            }
        }
    }
    merges.sort();
    if new_articles.is_empty() && merges.is_empty() {
        return Ok(report);
    }
    // An article's story is the one its assignment's story stands for after the batch.
    for (article, _) in &mut new_articles {
        article.story = clusterer.resolve(article.story);
    }
    for merge in &merges {
        new_story_ids.remove(&merge.story);
    }

    let mut by_story: BTreeMap<u64, Vec<StoredArticle>> = BTreeMap::new();
    for (article, _) in &new_articles {
        by_story
            .entry(article.story)
            .or_default()
            .push(article.clone());
    }
    for merge in &merges {
        let moved = by_story.entry(merge.into).or_default();
        if merge.story < started_before {
            moved.extend(
                store
                    .story_articles(merge.story)?
                    .into_iter()
                    .map(|a| StoredArticle {
                        story: merge.into,
                        ..a
                    }),
            );
        }
    }
    let mut members: Vec<(u64, Vec<StoredArticle>)> = Vec::with_capacity(by_story.len());
    for (story, mut added) in by_story {
        let mut all = if new_story_ids.contains(&story) {
            Vec::new()
        } else {
            store.story_articles(story)?
        };
        all.append(&mut added);
        all.sort_by_key(|a| (a.time, a.key));
        members.push((story, all));
    }
    let summary_config = &options.summary;
    let stories: Vec<(StoryRow, BriefRecord)> = if briefs {
        members
            .par_iter()
            .map(|(story, all)| {
                let mut row = story_row(*story, all, batch);
                let brief = build_brief(*story, all, batch, summary_config);
                row.independent = brief.independent;
                (row, brief)
            })
            .collect()
    } else {
        let mut out = Vec::with_capacity(members.len());
        for (story, all) in &members {
            let kept = if new_story_ids.contains(story) {
                None
            } else {
                store.story(*story)?.and_then(|record| record.brief)
            };
            let mut row = story_row(*story, all, batch);
            // Until its rebuild, the story ranks by its last brief's independent reports (a new
            // story by its article count).
            if let Some(kept) = &kept {
                row.independent = kept.independent;
            }
            out.push((row, kept.unwrap_or_else(stale_brief)));
        }
        out
    };
    report.counts.new_stories = new_story_ids.len() as u64;
    report.counts.changed_stories = stories.len() as u64;
    report.counts.merged_stories = merges.len() as u64;
    report.stories = stories.iter().map(|(row, _)| row.clone()).collect();
    report.merges.clone_from(&merges);
    // Every assignment of the batch is resolved above: the merges no remembered article names
    // can go, so the saved state does not grow with every merge ever made (the store keeps
    // them all in its own record of merges).
    clusterer.forget_settled_merges();

    let write = BatchWrite {
        base_batch: head.batch,
        batch,
        counts: report.counts.clone(),
        articles: new_articles,
        stories,
        merges,
        clusterer: state::encode(&clusterer)?,
    };
    store.commit_batch(&write)?;
    report.batch = Some(batch);
    Ok(report)
}

/// What [`rebuild_briefs`] did for one story.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rebuilt {
    /// The brief was stale and is now current.
    Rebuilt,
    /// The brief was already current: nothing was written.
    AlreadyCurrent,
    /// A batch changed the story while its brief was built: nothing was written (the batch
    /// that changed it asks for its own rebuild).
    StoryChanged,
    /// No such story.
    NoStory,
}

/// Makes the brief of each story in `ids` current: a stale one is rebuilt (the briefs in
/// parallel) and stored under [`Store::put_brief`]'s check, so a brief built from a story that
/// changed meanwhile is not stored. Running it again on a current story writes nothing.
pub fn rebuild_briefs(
    store: &mut dyn Store,
    ids: &[u64],
    summary: &SummaryConfig,
) -> Result<Vec<(u64, Rebuilt)>> {
    let mut outcomes: Vec<(u64, Rebuilt)> = Vec::with_capacity(ids.len());
    let mut stale: Vec<(u64, u64, Vec<StoredArticle>)> = Vec::new();
    for &id in ids {
        match store.story(id)? {
            None => outcomes.push((id, Rebuilt::NoStory)),
            Some(record) if record.brief_is_current() => {
                outcomes.push((id, Rebuilt::AlreadyCurrent));
            }
            Some(record) => {
                let all = store.story_articles(id)?;
                stale.push((id, record.row.updated_batch, all));
            }
        }
    }
    let built: Vec<(u64, BriefRecord)> = stale
        .par_iter()
        .map(|(id, batch, all)| (*id, build_brief(*id, all, *batch, summary)))
        .collect();
    for (id, brief) in built {
        let outcome = if store.put_brief(id, &brief)? {
            Rebuilt::Rebuilt
        } else {
            Rebuilt::StoryChanged
        };
        outcomes.push((id, outcome));
    }
    Ok(outcomes)
}

/// The brief a story written without one gets: empty and never current.
fn stale_brief() -> BriefRecord {
    BriefRecord {
        built_from: Vec::new(),
        story_articles: 0,
        batch: 0,
        independent: 0,
        brief_json: "{}".into(),
        summary_json: "{}".into(),
    }
}

/// A story read for showing: its row, its brief (rebuilt when it was not current) and the
/// articles the brief cites, in the brief's order.
#[derive(Debug, Clone)]
pub struct CurrentStory {
    /// The story.
    pub row: StoryRow,
    /// Its brief, current.
    pub brief: Brief,
    /// Its summary JSON, current.
    pub summary_json: String,
    /// The brief's articles as a cluster (for renderers that quote them).
    pub cluster: Cluster,
    /// The articles the brief was built from, with their times.
    pub articles: Vec<StoredArticle>,
    /// True when the stored brief was stale and was rebuilt by this read.
    pub rebuilt: bool,
}

/// Reads a story with a current brief: the stored one when it was built from the story as it is,
/// else one rebuilt now (and stored, when the story has not changed meanwhile).
pub fn current_story(
    store: &mut dyn Store,
    id: u64,
    summary: &SummaryConfig,
) -> Result<Option<CurrentStory>> {
    let Some(record) = store.story(id)? else {
        return Ok(None);
    };
    let (brief_record, rebuilt) = match record.brief.clone() {
        Some(b) if record.brief_is_current() => (b, false),
        _ => {
            let all = store.story_articles(id)?;
            let brief = build_brief(id, &all, record.row.updated_batch, summary);
            store.put_brief(id, &brief)?;
            (brief, true)
        }
    };
    let StoryRecord { row, .. } = record;
    let articles = store.articles(&brief_record.built_from)?;
    let cluster = cluster_of(id, &articles);
    let brief: Brief = serde_json::from_str(&brief_record.brief_json)?;
    Ok(Some(CurrentStory {
        row,
        brief,
        summary_json: brief_record.summary_json,
        cluster,
        articles,
        rebuilt,
    }))
}

/// What is new in a story for a reader who last looked at `since`: the update summary.
#[derive(Debug, Clone)]
pub struct StoryUpdate {
    /// The story.
    pub row: StoryRow,
    /// How many of its articles the reader is taken to have seen (time before `since`).
    pub seen: usize,
    /// The articles at or after `since` that the update was chosen from (at most
    /// [`MAX_BRIEF_ARTICLES`], the latest), in time order.
    pub new_articles: Vec<StoredArticle>,
    /// The new articles as a cluster: the summary's article indices point into it.
    pub cluster: Cluster,
    /// Sentences of the new articles that the seen ones do not already say
    /// ([`newsfuse::summarize_update`]); empty, with a warning, when nothing new was found.
    pub summary: Summary,
}

/// The update summary of story `id` since `since` (seconds since the Unix epoch): an article is
/// new when its time (its publication date, else when it was first seen) is at or after `since`,
/// the order the stories are built in. At most [`MAX_BRIEF_ARTICLES`] articles on each side are
/// read: the latest new ones, and of the seen ones those a brief would keep (the earliest and the
/// latest), so the cost stays bounded for a story of thousands of articles. `None` when there is
/// no such story.
pub fn story_update(
    store: &dyn Store,
    id: u64,
    since: i64,
    config: &SummaryConfig,
) -> Result<Option<StoryUpdate>> {
    let Some(record) = store.story(id)? else {
        return Ok(None);
    };
    let mut all = store.story_articles(id)?;
    all.sort_by_key(|a| (a.time, a.key));
    let split = all.partition_point(|a| a.time < since);
    let (seen_all, new_all) = all.split_at(split);
    let seen: Vec<StoredArticle> = brief_articles(seen_all).into_iter().cloned().collect();
    let new_articles: Vec<StoredArticle> =
        new_all[new_all.len().saturating_sub(MAX_BRIEF_ARTICLES)..].to_vec();
    let seen_cluster = cluster_of(id, &seen);
    let cluster = cluster_of(id, &new_articles);
    let summary = if new_articles.is_empty() {
        let mut empty = newsfuse::summarize(&cluster, config);
        empty.warnings.push(newsfuse::Warning {
            article: None,
            message: "no article of this story is dated at or after the time asked".into(),
        });
        empty
    } else {
        newsfuse::summarize_update(&seen_cluster, &cluster, config)
    };
    Ok(Some(StoryUpdate {
        row: record.row,
        seen: seen_all.len(),
        new_articles,
        cluster,
        summary,
    }))
}

fn believed_time(article: &ArticleInput, now: i64, notes: &mut Vec<String>) -> Option<i64> {
    let raw = article.published.as_deref()?.trim();
    if raw.is_empty() {
        return None;
    }
    match parse_time(raw) {
        Some(t) if t > now.saturating_add(FUTURE_SLACK_SECS) => {
            notes.push(format!(
                "{}: date {raw:?} is in the future, placed at the time first seen",
                article.origin
            ));
            None
        }
        Some(t) => Some(t),
        None => {
            notes.push(format!(
                "{}: unreadable date {raw:?}, placed at the time first seen",
                article.origin
            ));
            None
        }
    }
}

fn seen_in_batch(keys: &DedupeKeys, seen: &HashSet<(u8, String)>) -> Option<&'static str> {
    if let Some(id) = &keys.id
        && seen.contains(&(b'i', id.clone()))
    {
        return Some("id");
    }
    if let Some(url) = &keys.url
        && seen.contains(&(b'u', url.clone()))
    {
        return Some("url");
    }
    if let Some(text) = keys.text
        && seen.contains(&(b't', text.to_string()))
    {
        return Some("text");
    }
    None
}

fn remember_keys(keys: &DedupeKeys, seen: &mut HashSet<(u8, String)>) {
    if let Some(id) = &keys.id {
        seen.insert((b'i', id.clone()));
    }
    if let Some(url) = &keys.url {
        seen.insert((b'u', url.clone()));
    }
    if let Some(text) = keys.text {
        seen.insert((b't', text.to_string()));
    }
}

fn text_hash_of(article: &StoredArticle) -> Option<u64> {
    article_keys(&ArticleIn {
        title: &article.title,
        text: &article.text,
        ..ArticleIn::default()
    })
    .text
}

fn story_row(id: u64, all: &[StoredArticle], batch: u64) -> StoryRow {
    let first = &all[0];
    let title = if first.title.is_empty() {
        opening_words(&first.text)
    } else {
        first.title.clone()
    };
    let sources: HashSet<&str> = all.iter().filter_map(|a| a.source.as_deref()).collect();
    StoryRow {
        id,
        title,
        first_time: all.iter().map(|a| a.time).min().unwrap_or(0),
        last_time: all.iter().map(|a| a.time).max().unwrap_or(0),
        articles: all.len() as u64,
        sources: sources.len() as u64,
        independent: all.len() as u64,
        updated_batch: batch,
    }
}

fn opening_words(text: &str) -> String {
    let mut out = String::new();
    for word in text.split_whitespace() {
        if out.len() + word.len() > 80 {
            out.push('…');
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The articles a brief is built from: all, or for a very large story its earliest and latest.
fn brief_articles(all: &[StoredArticle]) -> Vec<&StoredArticle> {
    if all.len() <= MAX_BRIEF_ARTICLES {
        return all.iter().collect();
    }
    let latest = MAX_BRIEF_ARTICLES - EARLIEST_BRIEF_ARTICLES;
    all[..EARLIEST_BRIEF_ARTICLES]
        .iter()
        .chain(&all[all.len() - latest..])
        .collect()
}

fn cluster_of(story: u64, articles: &[StoredArticle]) -> Cluster {
    Cluster {
        id: format!("story-{story}"),
        articles: articles
            .iter()
            .map(|a| Article {
                origin: a.id.clone().unwrap_or_else(|| format!("article {}", a.key)),
                title: (!a.title.is_empty()).then(|| a.title.clone()),
                text: a.text.clone(),
                url: a.url.clone(),
                source: a.source.clone(),
                published: a.published.clone(),
            })
            .collect(),
    }
}

fn build_brief(
    story: u64,
    all: &[StoredArticle],
    batch: u64,
    config: &SummaryConfig,
) -> BriefRecord {
    let chosen: Vec<StoredArticle> = brief_articles(all).into_iter().cloned().collect();
    let cluster = cluster_of(story, &chosen);
    let (summary, brief) = newsfuse::summarize_and_brief(&cluster, config);
    BriefRecord {
        built_from: chosen.iter().map(|a| a.key).collect(),
        story_articles: all.len() as u64,
        batch,
        independent: brief.coverage.n_independent as u64,
        brief_json: serde_json::to_string(&brief)
            .expect("a brief has only string keys and finite numbers"),
        summary_json: newsfuse::render::render_json(&summary, &cluster),
    }
}
