//! newsfuse past one machine: articles and brief rebuilds as NATS JetStream work items.
//!
//! Three streams, named from a prefix (`newsfuse` by default, so tests and deployments can have
//! their own):
//!
//! - `<prefix>.articles` (stream `<PREFIX>_ARTICLES`, work-queue retention): one article JSON per
//!   message, published with `Nats-Msg-Id` = the article's dedupe key ([`message_id`]), so a
//!   retried post inside the stream's duplicate window is dropped by JetStream (and any later
//!   repeat by the store's own keys).
//! - `<prefix>.rebuild.<story>` (stream `<PREFIX>_REBUILD`, work-queue retention, at most one
//!   message per subject): "this story's brief is stale". A burst on one story leaves one pending
//!   rebuild.
//! - `<prefix>.dead` (stream `<PREFIX>_DEAD`, kept): messages that kept failing, with the error
//!   in the `Newsfuse-Error` header.
//!
//! [`Queue`] publishes (the server's `POST /v1/articles`), [`worker::run_worker`] consumes.
#![deny(missing_docs)]

use std::time::Duration;

use async_nats::jetstream::{self, stream};
use bytes::Bytes;
use futures_util::StreamExt;
use newsfuse_store::{ArticleInput, StoreError};
use newsfuse_stories::{ArticleIn, article_keys};

#[doc(hidden)]
pub mod testing;
pub mod worker;

pub use worker::{StoreOpener, WorkerConfig, WorkerStats, run_worker};

/// The header a dead letter carries its error in.
pub const ERROR_HEADER: &str = "Newsfuse-Error";
/// The header a dead letter names its original stream and sequence in.
pub const FROM_HEADER: &str = "Newsfuse-From";

/// What can go wrong talking to the queue.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum QueueError {
    /// NATS or JetStream refused or did not answer.
    #[error("NATS: {context}: {source}")]
    Nats {
        /// What was being done.
        context: String,
        /// The error.
        source: async_nats::Error,
    },
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A setting is not usable.
    #[error("{0}")]
    Invalid(String),
}

/// The queue's result type.
pub type Result<T, E = QueueError> = std::result::Result<T, E>;

fn nats<E: Into<async_nats::Error>>(context: impl Into<String>) -> impl FnOnce(E) -> QueueError {
    let context = context.into();
    move |e| QueueError::Nats {
        context,
        source: e.into(),
    }
}

/// The subjects, streams and consumers of one deployment, all derived from its prefix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Names {
    /// The prefix (letters, digits, `_`, `-`).
    pub prefix: String,
    /// Subject of article messages.
    pub articles: String,
    /// Subject prefix of rebuild messages (`.<story>` follows).
    pub rebuild: String,
    /// Subject of dead letters.
    pub dead: String,
    /// Stream of article messages.
    pub articles_stream: String,
    /// Stream of rebuild messages.
    pub rebuild_stream: String,
    /// Stream of dead letters.
    pub dead_stream: String,
    /// The durable consumer workers ingest through.
    pub ingest_consumer: String,
    /// The durable consumer workers rebuild briefs through.
    pub rebuild_consumer: String,
}

impl Names {
    /// The names under `prefix`; an error for an empty prefix or one with other characters than
    /// letters, digits, `_` and `-` (subjects and stream names must not hold `.`, `*`, `>` or
    /// spaces).
    pub fn new(prefix: &str) -> Result<Self> {
        if prefix.is_empty()
            || !prefix
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        {
            return Err(QueueError::Invalid(format!(
                "queue prefix {prefix:?}: use letters, digits, '_' and '-' only"
            )));
        }
        let upper = prefix.to_ascii_uppercase();
        Ok(Self {
            prefix: prefix.to_string(),
            articles: format!("{prefix}.articles"),
            rebuild: format!("{prefix}.rebuild"),
            dead: format!("{prefix}.dead"),
            articles_stream: format!("{upper}_ARTICLES"),
            rebuild_stream: format!("{upper}_REBUILD"),
            dead_stream: format!("{upper}_DEAD"),
            ingest_consumer: format!("{prefix}_ingest"),
            rebuild_consumer: format!("{prefix}_rebuild"),
        })
    }

    /// The rebuild subject of `story`.
    pub fn rebuild_subject(&self, story: u64) -> String {
        format!("{}.{story}", self.rebuild)
    }
}

/// The message id of an article: its id, else its normalised URL, else the hash of its title
/// and text (the store's dedupe keys, in that order), so that the same article posted twice gets
/// the same id. Long keys are hashed.
pub fn message_id(article: &ArticleInput) -> String {
    let keys = article_keys(&ArticleIn {
        id: article.id.as_deref(),
        url: article.url.as_deref(),
        title: &article.title,
        text: &article.text,
        time: None,
    });
    let key = if let Some(id) = keys.id {
        format!("id:{id}")
    } else if let Some(url) = keys.url {
        format!("url:{url}")
    } else {
        format!("text:{:016x}", keys.text.unwrap_or(0))
    };
    if key.len() <= 200 && !key.chars().any(char::is_control) {
        key
    } else {
        format!(
            "{}#{:016x}",
            &key[..key.find(':').unwrap_or(0)],
            fnv1a(&key)
        )
    }
}

fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// An article as a message body: the JSON object [`newsfuse_store::article_from_json`] reads back
/// (HTML already extracted, so workers do not extract again).
pub fn article_body(article: &ArticleInput) -> Vec<u8> {
    serde_json::to_vec(&serde_json::json!({
        "id": article.id,
        "url": article.url,
        "title": article.title,
        "text": article.text,
        "source": article.source,
        "published": article.published,
    }))
    .expect("strings serialise")
}

/// How long JetStream remembers message ids for dropping a repeated publish.
pub const DUPLICATE_WINDOW: Duration = Duration::from_mins(2);

/// What JetStream answered for one published article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Published {
    /// The article's sequence in the stream.
    pub sequence: u64,
    /// True when JetStream dropped it as a repeat of a message id inside the duplicate window.
    pub duplicate: bool,
}

/// How many messages each stream holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Depths {
    /// Articles not yet ingested (delivered or not).
    pub articles: u64,
    /// Stories waiting for a brief rebuild.
    pub rebuilds: u64,
    /// Dead letters.
    pub dead: u64,
}

/// A dead letter, read back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeadLetter {
    /// Its subject in the original stream and sequence (`NEWSFUSE_ARTICLES 17`).
    pub from: String,
    /// Why it failed.
    pub error: String,
    /// The original message body.
    pub body: Vec<u8>,
}

/// A connection to NATS with the deployment's streams in place.
#[derive(Clone)]
pub struct Queue {
    client: async_nats::Client,
    js: jetstream::Context,
    names: Names,
}

impl Queue {
    /// Connects to `url` (`nats://host:port`) and creates the streams under `prefix` when
    /// absent. The client reconnects by itself after a lost connection.
    pub async fn connect(url: &str, prefix: &str) -> Result<Self> {
        let names = Names::new(prefix)?;
        let client = async_nats::ConnectOptions::new()
            .name("newsfuse")
            .connection_timeout(Duration::from_secs(5))
            .reconnect_delay_callback(|attempts| {
                Duration::from_millis((100 * attempts as u64).min(2_000))
            })
            .connect(url)
            .await
            .map_err(nats(format!("cannot connect to {url}")))?;
        let js = jetstream::new(client.clone());
        let queue = Self { client, js, names };
        queue.ensure_streams().await?;
        Ok(queue)
    }

    /// The names in use.
    pub fn names(&self) -> &Names {
        &self.names
    }

    /// The JetStream context.
    pub fn jetstream(&self) -> &jetstream::Context {
        &self.js
    }

    /// The NATS client.
    pub fn client(&self) -> &async_nats::Client {
        &self.client
    }

    async fn ensure_streams(&self) -> Result<()> {
        let n = &self.names;
        self.js
            .get_or_create_stream(stream::Config {
                name: n.articles_stream.clone(),
                subjects: vec![n.articles.clone()],
                retention: stream::RetentionPolicy::WorkQueue,
                storage: stream::StorageType::File,
                duplicate_window: DUPLICATE_WINDOW,
                ..stream::Config::default()
            })
            .await
            .map_err(nats(format!("cannot create stream {}", n.articles_stream)))?;
        self.js
            .get_or_create_stream(stream::Config {
                name: n.rebuild_stream.clone(),
                subjects: vec![format!("{}.*", n.rebuild)],
                retention: stream::RetentionPolicy::WorkQueue,
                storage: stream::StorageType::File,
                max_messages_per_subject: 1,
                discard: stream::DiscardPolicy::Old,
                ..stream::Config::default()
            })
            .await
            .map_err(nats(format!("cannot create stream {}", n.rebuild_stream)))?;
        self.js
            .get_or_create_stream(stream::Config {
                name: n.dead_stream.clone(),
                subjects: vec![n.dead.clone()],
                storage: stream::StorageType::File,
                ..stream::Config::default()
            })
            .await
            .map_err(nats(format!("cannot create stream {}", n.dead_stream)))?;
        Ok(())
    }

    /// Publishes the articles (all sent at once, then every PubAck awaited): `Ok` only once
    /// JetStream has stored each one (or dropped it as a repeat). On an error some may have been
    /// stored: publishing them again is safe.
    pub async fn publish_articles(&self, articles: &[ArticleInput]) -> Result<Vec<Published>> {
        let mut pending = Vec::with_capacity(articles.len());
        for article in articles {
            let publish = jetstream::message::PublishMessage::build()
                .message_id(message_id(article))
                .payload(Bytes::from(article_body(article)));
            pending.push(
                self.js
                    .send_publish(self.names.articles.clone(), publish)
                    .await
                    .map_err(nats("cannot publish an article"))?,
            );
        }
        let mut out = Vec::with_capacity(pending.len());
        for ack in pending {
            let ack = ack
                .await
                .map_err(nats("no acknowledgement of an article"))?;
            out.push(Published {
                sequence: ack.sequence,
                duplicate: ack.duplicate,
            });
        }
        Ok(out)
    }

    /// Asks for the briefs of `stories` to be rebuilt; `Ok` once JetStream has stored every
    /// request. A story with a rebuild already pending keeps one (the newest).
    pub async fn request_rebuilds(&self, stories: &[u64]) -> Result<()> {
        let mut pending = Vec::with_capacity(stories.len());
        for &story in stories {
            pending.push(
                self.js
                    .publish(
                        self.names.rebuild_subject(story),
                        Bytes::from(story.to_string()),
                    )
                    .await
                    .map_err(nats("cannot publish a rebuild"))?,
            );
        }
        for ack in pending {
            ack.await.map_err(nats("no acknowledgement of a rebuild"))?;
        }
        Ok(())
    }

    /// Keeps `body` in the dead-letter stream with `error`; `Ok` once JetStream stored it.
    pub async fn dead_letter(&self, from: &str, error: &str, body: Bytes) -> Result<()> {
        let clean = |s: &str| -> String {
            s.chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .take(1_000)
                .collect()
        };
        let publish = jetstream::message::PublishMessage::build()
            .message_id(format!("dead {from}"))
            .header(ERROR_HEADER, clean(error).as_str())
            .header(FROM_HEADER, clean(from).as_str())
            .payload(body);
        self.js
            .send_publish(self.names.dead.clone(), publish)
            .await
            .map_err(nats("cannot publish a dead letter"))?
            .await
            .map_err(nats("no acknowledgement of a dead letter"))?;
        Ok(())
    }

    /// How many messages each stream holds now.
    pub async fn depths(&self) -> Result<Depths> {
        let depth = |name: String| {
            let js = self.js.clone();
            async move {
                let mut s = js
                    .get_stream(&name)
                    .await
                    .map_err(nats(format!("no stream {name}")))?;
                let info = s.info().await.map_err(nats(format!("no info on {name}")))?;
                Ok::<u64, QueueError>(info.state.messages)
            }
        };
        Ok(Depths {
            articles: depth(self.names.articles_stream.clone()).await?,
            rebuilds: depth(self.names.rebuild_stream.clone()).await?,
            dead: depth(self.names.dead_stream.clone()).await?,
        })
    }

    /// Every dead letter kept, oldest first.
    pub async fn dead_letters(&self) -> Result<Vec<DeadLetter>> {
        let stream = self
            .js
            .get_stream(&self.names.dead_stream)
            .await
            .map_err(nats("no dead-letter stream"))?;
        let consumer = stream
            .create_consumer(jetstream::consumer::pull::Config {
                ack_policy: jetstream::consumer::AckPolicy::None,
                ..jetstream::consumer::pull::Config::default()
            })
            .await
            .map_err(nats("cannot read the dead letters"))?;
        let mut out = Vec::new();
        let mut batch = consumer
            .fetch()
            .max_messages(10_000)
            .messages()
            .await
            .map_err(nats("cannot read the dead letters"))?;
        while let Some(message) = batch.next().await {
            let message = message.map_err(nats("cannot read a dead letter"))?;
            let header = |name: &str| {
                message
                    .headers
                    .as_ref()
                    .and_then(|h| h.get(name))
                    .map(|v| v.as_str().to_string())
                    .unwrap_or_default()
            };
            out.push(DeadLetter {
                from: header(FROM_HEADER),
                error: header(ERROR_HEADER),
                body: message.payload.to_vec(),
            });
        }
        Ok(out)
    }

    /// Deletes the deployment's streams (and so their consumers): for tests.
    pub async fn delete_streams(&self) -> Result<()> {
        for name in [
            &self.names.articles_stream,
            &self.names.rebuild_stream,
            &self.names.dead_stream,
        ] {
            self.js
                .delete_stream(name)
                .await
                .map_err(nats(format!("cannot delete stream {name}")))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(id: Option<&str>, url: Option<&str>, text: &str) -> ArticleInput {
        ArticleInput {
            id: id.map(Into::into),
            url: url.map(Into::into),
            title: "A title".into(),
            text: text.into(),
            ..ArticleInput::default()
        }
    }

    #[test]
    fn message_ids_follow_the_dedupe_keys() {
        assert_eq!(
            message_id(&article(Some("a1"), Some("https://x.example/1"), "t")),
            "id:a1"
        );
        let by_url = message_id(&article(None, Some("https://x.example/1"), "t"));
        assert!(by_url.starts_with("url:"), "{by_url}");
        let by_text = message_id(&article(None, None, "some text"));
        assert!(by_text.starts_with("text:"), "{by_text}");
        assert_eq!(by_text, message_id(&article(None, None, "some text")));
        assert_ne!(by_text, message_id(&article(None, None, "other text")));
        let long = "x".repeat(500);
        let hashed = message_id(&article(Some(&long), None, "t"));
        assert!(hashed.starts_with("id#") && hashed.len() < 40, "{hashed}");
        let control = message_id(&article(Some("a\r\nb"), None, "t"));
        assert!(!control.contains('\n'), "{control}");
    }

    #[test]
    fn a_body_reads_back_as_the_article() {
        let mut a = article(Some("a1"), None, "The bridge closed.");
        a.source = Some("Kelmouth Gazette".into());
        a.published = Some("2024-03-04".into());
        let value: serde_json::Value = serde_json::from_slice(&article_body(&a)).expect("json");
        let back = newsfuse_store::article_from_json(value, String::new()).expect("article");
        assert_eq!(back, a);
    }

    #[test]
    fn names_derive_from_the_prefix() {
        let n = Names::new("t-1_x").expect("names");
        assert_eq!(n.articles, "t-1_x.articles");
        assert_eq!(n.rebuild_subject(7), "t-1_x.rebuild.7");
        assert_eq!(n.articles_stream, "T-1_X_ARTICLES");
        assert!(Names::new("a.b").is_err());
        assert!(Names::new("").is_err());
        assert!(Names::new("a b").is_err());
    }
}
