//! The worker: ingests article messages in batches and rebuilds stale briefs, through durable
//! pull consumers with explicit acknowledgement.
//!
//! Articles: a fetched batch is ingested without briefs ([`newsfuse_store::ingest_without_briefs`])
//! in one store transaction, retried from a fresh read of the store when another worker committed
//! first (the store's compare-and-set on its last batch), then a rebuild is requested for every
//! story the batch touched, and only then are the messages acknowledged. A batch that fails is
//! split in halves until the failing article is alone; that one is retried (negative
//! acknowledgement with a delay) until its delivery count reaches the limit, then kept in the
//! dead-letter stream with its error and acknowledged. When the store itself is down (a probe read
//! fails too), nothing is counted against the articles: the worker holds them (progress
//! acknowledgements) and retries until the store answers.
//!
//! Rebuilds: a fetched batch of stories gets current briefs ([`newsfuse_store::rebuild_briefs`]),
//! then the messages are acknowledged.

use std::collections::BTreeSet;
use std::future::Future;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use async_nats::jetstream::consumer::{AckPolicy, PullConsumer, pull};
use async_nats::jetstream::{AckKind, Message};
use bytes::Bytes;
use futures_util::StreamExt;
use newsfuse::SummaryConfig;
use newsfuse_store::{
    ArticleInput, IngestOptions, Rebuilt, Store, StoreError, article_from_json,
    ingest_without_briefs, rebuild_briefs,
};
use newsfuse_stories::StoryConfig;
use serde::Serialize;

use crate::{Queue, QueueError, Result, nats};

/// Opens a store connection: called once per worker loop, and again after the store failed.
pub type StoreOpener =
    Arc<dyn Fn() -> std::result::Result<Box<dyn Store + Send>, StoreError> + Send + Sync>;

/// A test's way to make chosen articles fail inside the store's batch (`Some(reason)`: fail).
pub type FailHook = Arc<dyn Fn(&ArticleInput) -> Option<String> + Send + Sync>;

/// How a worker runs.
#[derive(Clone)]
pub struct WorkerConfig {
    /// At most this many articles per batch.
    pub batch: usize,
    /// How long a fetch waits for a batch to fill.
    pub wait: Duration,
    /// How long a delivered message may go unacknowledged before it is delivered again (to any
    /// worker). Set on the consumer when it is created.
    pub ack_wait: Duration,
    /// Deliveries of one message before it goes to the dead-letter stream. Set on the consumer
    /// when it is created.
    pub max_deliver: i64,
    /// The delay before a failed article is delivered again.
    pub retry_delay: Duration,
    /// At most this many stories per rebuild batch.
    pub rebuild_batch: usize,
    /// Ingest articles.
    pub ingest: bool,
    /// Rebuild briefs.
    pub rebuild: bool,
    /// Stop after this long without any message (`None`: run until shut down).
    pub idle_exit: Option<Duration>,
    /// How briefs are built.
    pub summary: SummaryConfig,
    /// The clusterer's settings for a store's first batch.
    pub stories: StoryConfig,
    /// Tests only: articles this says fail, fail inside the store batch.
    pub fail_hook: Option<FailHook>,
}

impl Default for WorkerConfig {
    fn default() -> Self {
        Self {
            batch: 64,
            wait: Duration::from_millis(200),
            ack_wait: Duration::from_mins(1),
            max_deliver: 5,
            retry_delay: Duration::from_secs(1),
            rebuild_batch: 16,
            ingest: true,
            rebuild: true,
            idle_exit: None,
            summary: SummaryConfig::default(),
            stories: StoryConfig::default(),
            fail_hook: None,
        }
    }
}

/// What a worker did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct WorkerStats {
    /// Article messages acknowledged after their batch committed (stored or seen before).
    pub articles_acked: u64,
    /// New articles stored.
    pub stored: u64,
    /// Articles the store already had.
    pub duplicates: u64,
    /// Batches committed.
    pub batches: u64,
    /// Commits refused because another worker committed first (then retried).
    pub conflicts: u64,
    /// Failed articles sent back for another delivery.
    pub retried: u64,
    /// Messages kept in the dead-letter stream.
    pub dead: u64,
    /// Times the store was found down (probe failed) and the batch was held and retried.
    pub store_down: u64,
    /// Rebuild messages acknowledged.
    pub rebuilds_acked: u64,
    /// Briefs rebuilt and stored.
    pub briefs_rebuilt: u64,
    /// Of those, briefs found stale by the sweep an idle rebuild loop makes (no request pending).
    pub swept: u64,
    /// Milliseconds from an article's publish (its JetStream time) to its batch's commit.
    #[serde(skip)]
    pub ingest_latency_ms: Vec<f64>,
    /// Milliseconds from a rebuild request's publish to the brief being current.
    #[serde(skip)]
    pub rebuild_latency_ms: Vec<f64>,
}

impl WorkerStats {
    /// Adds another worker loop's counts.
    fn merge(&mut self, other: &Self) {
        self.articles_acked += other.articles_acked;
        self.stored += other.stored;
        self.duplicates += other.duplicates;
        self.batches += other.batches;
        self.conflicts += other.conflicts;
        self.retried += other.retried;
        self.dead += other.dead;
        self.store_down += other.store_down;
        self.rebuilds_acked += other.rebuilds_acked;
        self.briefs_rebuilt += other.briefs_rebuilt;
        self.swept += other.swept;
        self.ingest_latency_ms
            .extend_from_slice(&other.ingest_latency_ms);
        self.rebuild_latency_ms
            .extend_from_slice(&other.rebuild_latency_ms);
    }
}

/// The `q` quantile (0..=1) of `values` (nearest rank), `None` when empty.
pub fn quantile(values: &[f64], q: f64) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let rank = ((q * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    Some(sorted[rank - 1])
}

struct Shared {
    stop: AtomicBool,
    last_activity: Mutex<Instant>,
    /// Loops holding messages now: neither loop stops for idleness while the other works (an
    /// ingest stalled past `idle_exit` would otherwise leave its rebuild requests unserved).
    busy: AtomicUsize,
}

/// Marks a loop busy while alive; on drop, idle again and active now.
struct Busy<'a>(&'a Shared);

impl Drop for Busy<'_> {
    fn drop(&mut self) {
        self.0.busy.fetch_sub(1, Ordering::SeqCst);
        self.0.active();
    }
}

impl Shared {
    fn active(&self) {
        *self
            .last_activity
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = Instant::now();
    }

    /// Marks the calling loop busy (and active) until the guard drops.
    fn busy(&self) -> Busy<'_> {
        self.busy.fetch_add(1, Ordering::SeqCst);
        self.active();
        Busy(self)
    }

    fn should_stop(&self, idle_exit: Option<Duration>) -> bool {
        if self.stop.load(Ordering::SeqCst) {
            return true;
        }
        idle_exit.is_some_and(|idle| {
            self.busy.load(Ordering::SeqCst) == 0
                && self
                    .last_activity
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .elapsed()
                    >= idle
        })
    }
}

/// Runs a worker until `shutdown` completes (the batch in hand is finished first) or, with
/// [`WorkerConfig::idle_exit`], until no message came for that long.
pub async fn run_worker(
    queue: &Queue,
    open: StoreOpener,
    config: WorkerConfig,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<WorkerStats> {
    if config.batch == 0 || config.rebuild_batch == 0 || config.max_deliver < 1 {
        return Err(QueueError::Invalid(
            "the batch sizes and the delivery limit must be above 0".into(),
        ));
    }
    let shared = Arc::new(Shared {
        stop: AtomicBool::new(false),
        last_activity: Mutex::new(Instant::now()),
        busy: AtomicUsize::new(0),
    });
    let watcher = {
        let shared = Arc::clone(&shared);
        tokio::spawn(async move {
            shutdown.await;
            shared.stop.store(true, Ordering::SeqCst);
        })
    };
    let ingest = async {
        if config.ingest {
            Box::pin(ingest_loop(queue, open.clone(), &config, &shared)).await
        } else {
            Ok(WorkerStats::default())
        }
    };
    let rebuild = async {
        if config.rebuild {
            Box::pin(rebuild_loop(queue, open.clone(), &config, &shared)).await
        } else {
            Ok(WorkerStats::default())
        }
    };
    let (a, b) = tokio::join!(ingest, rebuild);
    watcher.abort();
    let mut stats = a?;
    stats.merge(&b?);
    Ok(stats)
}

async fn consumer(
    queue: &Queue,
    stream: &str,
    name: &str,
    config: &WorkerConfig,
) -> Result<PullConsumer> {
    let stream = queue
        .js
        .get_stream(stream)
        .await
        .map_err(nats(format!("no stream {stream}")))?;
    stream
        .get_or_create_consumer(
            name,
            pull::Config {
                durable_name: Some(name.to_string()),
                ack_policy: AckPolicy::Explicit,
                ack_wait: config.ack_wait,
                max_deliver: config.max_deliver,
                ..pull::Config::default()
            },
        )
        .await
        .map_err(nats(format!("cannot create consumer {name}")))
}

/// Up to `max` messages, waiting at most `wait` for them; an empty batch when NATS is away.
async fn fetch(consumer: &PullConsumer, max: usize, wait: Duration) -> Vec<Message> {
    let mut out = Vec::new();
    let batch = consumer
        .batch()
        .max_messages(max)
        .expires(wait)
        .messages()
        .await;
    let mut batch = match batch {
        Ok(b) => b,
        Err(e) => {
            eprintln!("newsfuse worker: fetch failed ({e}); retrying");
            tokio::time::sleep(Duration::from_millis(500)).await;
            return out;
        }
    };
    while let Some(message) = batch.next().await {
        match message {
            Ok(m) => out.push(m),
            Err(e) => {
                // A status (timeout, leadership change) ends the batch; what came is kept.
                if out.is_empty() && !e.to_string().contains("timeout") {
                    eprintln!("newsfuse worker: fetch: {e}");
                }
                break;
            }
        }
    }
    out
}

/// Why a store step failed.
enum StepError {
    /// The store refused or failed.
    Store(StoreError),
    /// The step panicked (a poison article can make the summariser do that).
    Panic(String),
    /// A test's hook failed an article.
    Injected(String),
}

impl std::fmt::Display for StepError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Store(e) => write!(f, "{e}"),
            Self::Panic(e) => write!(f, "processing panicked: {e}"),
            Self::Injected(e) => write!(f, "injected failure: {e}"),
        }
    }
}

/// One store connection, opened lazily and dropped after a failure (a server backend may have
/// lost its connection).
struct StoreSlot {
    open: StoreOpener,
    store: Option<Box<dyn Store + Send>>,
}

impl StoreSlot {
    async fn run<T, F>(&mut self, f: F) -> std::result::Result<T, StepError>
    where
        T: Send + 'static,
        F: FnOnce(&mut dyn Store) -> std::result::Result<T, StepError> + Send + 'static,
    {
        let store = self.store.take();
        let open = Arc::clone(&self.open);
        let joined = tokio::task::spawn_blocking(move || {
            let mut store = match store {
                Some(s) => s,
                None => match open() {
                    Ok(s) => s,
                    Err(e) => return (None, Err(StepError::Store(e))),
                },
            };
            let out = f(&mut *store);
            (Some(store), out)
        })
        .await;
        match joined {
            Ok((store, out)) => {
                if out.is_ok() {
                    self.store = store;
                }
                out
            }
            Err(e) => {
                let reason = e
                    .try_into_panic()
                    .ok()
                    .and_then(|p| {
                        p.downcast_ref::<String>()
                            .cloned()
                            .or_else(|| p.downcast_ref::<&str>().map(|s| (*s).to_string()))
                    })
                    .unwrap_or_else(|| "the task was cancelled".into());
                Err(StepError::Panic(reason))
            }
        }
    }

    /// True when the store answers a read.
    async fn healthy(&mut self) -> bool {
        self.run(|store| store.head().map(|_| ()).map_err(StepError::Store))
            .await
            .is_ok()
    }
}

fn now_secs() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

fn age_ms(message: &Message) -> Option<f64> {
    let info = message.info().ok()?;
    let published = info.published.unix_timestamp_nanos();
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .ok()?
        .as_nanos()
        .cast_signed();
    Some((now - published) as f64 / 1e6)
}

fn delivered(message: &Message) -> i64 {
    message.info().map_or(1, |i| i.delivered)
}

fn origin(message: &Message) -> String {
    message.info().map_or_else(
        |_| message.subject.to_string(),
        |i| format!("{} {}", i.stream, i.stream_sequence),
    )
}

/// Holds messages a little longer (their ack wait starts again) while the store is retried.
async fn hold(messages: &[&Message]) {
    for m in messages {
        m.ack_with(AckKind::Progress).await.ok();
    }
}

/// Acknowledges and waits for the server to confirm, retrying a few times: a message whose
/// acknowledgement is lost is delivered again, which the store recognises.
async fn confirm(message: &Message) {
    for attempt in 0..3 {
        if message.double_ack().await.is_ok() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(200 * (attempt + 1))).await;
    }
}

struct Item {
    message: Message,
    article: ArticleInput,
}

async fn ingest_loop(
    queue: &Queue,
    open: StoreOpener,
    config: &WorkerConfig,
    shared: &Shared,
) -> Result<WorkerStats> {
    let names = queue.names().clone();
    let consumer = consumer(
        queue,
        &names.articles_stream,
        &names.ingest_consumer,
        config,
    )
    .await?;
    let mut slot = StoreSlot { open, store: None };
    let mut stats = WorkerStats::default();
    while !shared.should_stop(config.idle_exit) {
        let messages = fetch(&consumer, config.batch, config.wait).await;
        if messages.is_empty() {
            continue;
        }
        let _busy = shared.busy();
        let mut items = Vec::with_capacity(messages.len());
        for message in messages {
            let from = origin(&message);
            let parsed = serde_json::from_slice::<serde_json::Value>(&message.payload)
                .map_err(|e| format!("not JSON: {e}"))
                .and_then(|value| article_from_json(value, from.clone()));
            match parsed {
                Ok(article) => items.push(Item { message, article }),
                // Retrying cannot mend an unreadable message: it goes straight to the dead letters.
                Err(reason) => {
                    dead_letter(queue, &message, &format!("unreadable article: {reason}")).await;
                    stats.dead += 1;
                }
            }
        }
        let mut groups = vec![items];
        while let Some(group) = groups.pop() {
            if group.is_empty() {
                continue;
            }
            match ingest_group(&mut slot, &group, config, &mut stats).await {
                Ok(stories) => {
                    if let Err(e) = queue.request_rebuilds(&stories).await {
                        // Not acknowledged: delivered again, seen again by the store, and the
                        // rebuilds requested then.
                        eprintln!("newsfuse worker: {e}; the batch will be delivered again");
                        for item in &group {
                            item.message
                                .ack_with(AckKind::Nak(Some(config.retry_delay)))
                                .await
                                .ok();
                        }
                        continue;
                    }
                    for item in &group {
                        if let Some(age) = age_ms(&item.message) {
                            stats.ingest_latency_ms.push(age);
                        }
                        confirm(&item.message).await;
                        stats.articles_acked += 1;
                    }
                }
                Err(error) => {
                    if !slot.healthy().await {
                        // The store is down: the articles are not to blame. Hold them and retry.
                        stats.store_down += 1;
                        eprintln!("newsfuse worker: the store is down ({error}); retrying");
                        let held: Vec<&Message> = group.iter().map(|i| &i.message).collect();
                        hold(&held).await;
                        tokio::time::sleep(config.retry_delay).await;
                        groups.push(group);
                        if shared.stop.load(Ordering::SeqCst) {
                            break;
                        }
                        continue;
                    }
                    if group.len() > 1 {
                        let mut first = group;
                        let second = first.split_off(first.len() / 2);
                        groups.push(second);
                        groups.push(first);
                        continue;
                    }
                    let item = &group[0];
                    if delivered(&item.message) >= config.max_deliver {
                        dead_letter(queue, &item.message, &error.to_string()).await;
                        stats.dead += 1;
                    } else {
                        item.message
                            .ack_with(AckKind::Nak(Some(config.retry_delay)))
                            .await
                            .ok();
                        stats.retried += 1;
                    }
                }
            }
        }
    }
    Ok(stats)
}

/// Ingests one group as one batch (retrying on a lost compare-and-set); the stories its
/// articles are in, new or seen before.
async fn ingest_group(
    slot: &mut StoreSlot,
    group: &[Item],
    config: &WorkerConfig,
    stats: &mut WorkerStats,
) -> std::result::Result<Vec<u64>, StepError> {
    let articles: Vec<ArticleInput> = group.iter().map(|i| i.article.clone()).collect();
    let hook = config.fail_hook.clone();
    let options = IngestOptions {
        now: now_secs(),
        summary: config.summary.clone(),
        stories: config.stories.clone(),
    };
    let (report, conflicts) = slot
        .run(move |store| {
            if let Some(hook) = &hook
                && let Some(reason) = articles.iter().find_map(|a| hook(a))
            {
                return Err(StepError::Injected(reason));
            }
            let mut conflicts = 0;
            loop {
                match ingest_without_briefs(store, &articles, &options) {
                    Err(StoreError::Conflict { .. }) if conflicts < 1_000 => {
                        conflicts += 1;
                        std::thread::sleep(Duration::from_millis(conflicts.min(20)));
                    }
                    Err(e) => return Err(StepError::Store(e)),
                    Ok(report) => {
                        let mut stories: BTreeSet<u64> =
                            report.stories.iter().map(|s| s.id).collect();
                        let earlier: Vec<u64> =
                            report.seen_again.iter().filter_map(|s| s.of).collect();
                        for a in store.articles(&earlier).map_err(StepError::Store)? {
                            stories.insert(a.story);
                        }
                        return Ok(((report, stories), conflicts));
                    }
                }
            }
        })
        .await?;
    let (report, stories) = report;
    stats.conflicts += conflicts;
    if report.batch.is_some() {
        stats.batches += 1;
    }
    stats.stored += report.counts.stored;
    stats.duplicates += report.counts.duplicates;
    Ok(stories.into_iter().collect())
}

async fn dead_letter(queue: &Queue, message: &Message, error: &str) {
    let from = origin(message);
    let body = Bytes::copy_from_slice(&message.payload);
    loop {
        match queue.dead_letter(&from, error, body.clone()).await {
            Ok(()) => break,
            Err(e) => {
                eprintln!("newsfuse worker: {e}; retrying the dead letter");
                message.ack_with(AckKind::Progress).await.ok();
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
        }
    }
    eprintln!("newsfuse worker: {from} kept as a dead letter: {error}");
    confirm(message).await;
}

async fn rebuild_loop(
    queue: &Queue,
    open: StoreOpener,
    config: &WorkerConfig,
    shared: &Shared,
) -> Result<WorkerStats> {
    let names = queue.names().clone();
    let consumer = consumer(
        queue,
        &names.rebuild_stream,
        &names.rebuild_consumer,
        config,
    )
    .await?;
    let mut slot = StoreSlot { open, store: None };
    let mut stats = WorkerStats::default();
    let mut swept = false;
    while !shared.should_stop(config.idle_exit) {
        let messages = fetch(&consumer, config.rebuild_batch, config.wait).await;
        if messages.is_empty() {
            if !swept {
                // Idle: a backstop sweep for any story left with a stale brief.
                swept = true;
                let summary = config.summary.clone();
                let done = slot
                    .run(move |store| {
                        let stale: Vec<u64> = store
                            .stories(None)
                            .map_err(StepError::Store)?
                            .iter()
                            .map(|row| row.id)
                            .filter(|&id| {
                                store
                                    .story(id)
                                    .ok()
                                    .flatten()
                                    .is_some_and(|r| !r.brief_is_current())
                            })
                            .collect();
                        rebuild_briefs(store, &stale, &summary).map_err(StepError::Store)
                    })
                    .await;
                if let Ok(done) = done {
                    let rebuilt = done.iter().filter(|(_, r)| *r == Rebuilt::Rebuilt).count();
                    stats.swept += rebuilt as u64;
                    stats.briefs_rebuilt += rebuilt as u64;
                }
            }
            continue;
        }
        swept = false;
        let _busy = shared.busy();
        let mut work: Vec<(Message, u64)> = Vec::with_capacity(messages.len());
        for message in messages {
            let story = message
                .subject
                .rsplit('.')
                .next()
                .and_then(|s| s.parse::<u64>().ok());
            if let Some(story) = story {
                work.push((message, story));
            } else {
                dead_letter(queue, &message, "a rebuild subject without a story number").await;
                stats.dead += 1;
            }
        }
        let mut groups = vec![work];
        while let Some(group) = groups.pop() {
            if group.is_empty() {
                continue;
            }
            let ids: Vec<u64> = group.iter().map(|(_, s)| *s).collect();
            let summary = config.summary.clone();
            let outcome = slot
                .run(move |store| rebuild_briefs(store, &ids, &summary).map_err(StepError::Store))
                .await;
            match outcome {
                Ok(done) => {
                    stats.briefs_rebuilt +=
                        done.iter().filter(|(_, r)| *r == Rebuilt::Rebuilt).count() as u64;
                    for (message, _) in &group {
                        if let Some(age) = age_ms(message) {
                            stats.rebuild_latency_ms.push(age);
                        }
                        confirm(message).await;
                        stats.rebuilds_acked += 1;
                    }
                }
                Err(error) => {
                    if !slot.healthy().await {
                        stats.store_down += 1;
                        eprintln!("newsfuse worker: the store is down ({error}); retrying");
                        let held: Vec<&Message> = group.iter().map(|(m, _)| m).collect();
                        hold(&held).await;
                        tokio::time::sleep(config.retry_delay).await;
                        groups.push(group);
                        if shared.stop.load(Ordering::SeqCst) {
                            break;
                        }
                        continue;
                    }
                    if group.len() > 1 {
                        let mut first = group;
                        let second = first.split_off(first.len() / 2);
                        groups.push(second);
                        groups.push(first);
                        continue;
                    }
                    let (message, _) = &group[0];
                    if delivered(message) >= config.max_deliver {
                        dead_letter(queue, message, &error.to_string()).await;
                        stats.dead += 1;
                    } else {
                        message
                            .ack_with(AckKind::Nak(Some(config.retry_delay)))
                            .await
                            .ok();
                        stats.retried += 1;
                    }
                }
            }
        }
    }
    Ok(stats)
}
