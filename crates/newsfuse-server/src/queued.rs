//! `POST /v1/articles` with `serve --queue`: the articles are published to NATS JetStream, and
//! answered `202` once JetStream has acknowledged every one; the workers ingest them.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use newsfuse_queue::Queue;
use newsfuse_store::ArticleInput;
use serde::Serialize;

use crate::api::ErrorBody;
use crate::articles::ItemError;

/// One published article.
#[derive(Debug, Serialize)]
pub struct QueuedArticle {
    /// Its line in the body.
    pub line: usize,
    /// The caller's id.
    pub id: Option<String>,
    /// Its message id (its dedupe key).
    pub message_id: String,
    /// Its sequence in the article stream.
    pub sequence: u64,
    /// True when JetStream dropped it as a repeat of a recent post.
    pub duplicate: bool,
}

/// The answer to a queued post.
#[derive(Debug, Serialize)]
pub struct QueuedAnswer {
    /// Articles read from the body.
    pub received: usize,
    /// Articles newly queued.
    pub queued: usize,
    /// Articles dropped as repeats of a recent post.
    pub duplicates: usize,
    /// Every good item, in body order.
    pub articles: Vec<QueuedArticle>,
    /// Malformed items, not queued (the good ones were).
    pub errors: Vec<ItemError>,
    /// Set when some items were malformed.
    pub error: Option<String>,
}

pub(crate) async fn publish(
    queue: &Queue,
    good: Vec<(usize, ArticleInput)>,
    bad: Vec<ItemError>,
) -> Response {
    let inputs: Vec<ArticleInput> = good.iter().map(|(_, a)| a.clone()).collect();
    let published = if inputs.is_empty() {
        Vec::new()
    } else {
        match queue.publish_articles(&inputs).await {
            Ok(p) => p,
            Err(e) => {
                let body = ErrorBody {
                    error: format!(
                        "the queue did not acknowledge the articles ({e}); post them again \
                         (repeats are dropped)"
                    ),
                };
                return (StatusCode::SERVICE_UNAVAILABLE, Json(body)).into_response();
            }
        }
    };
    let articles: Vec<QueuedArticle> = good
        .iter()
        .zip(&published)
        .map(|((line, a), p)| QueuedArticle {
            line: *line,
            id: a.id.clone(),
            message_id: newsfuse_queue::message_id(a),
            sequence: p.sequence,
            duplicate: p.duplicate,
        })
        .collect();
    let duplicates = articles.iter().filter(|a| a.duplicate).count();
    let status = if bad.is_empty() {
        StatusCode::ACCEPTED
    } else {
        StatusCode::BAD_REQUEST
    };
    let error = (!bad.is_empty()).then(|| {
        format!(
            "{} malformed items were not queued (see `errors`); the {} good ones were",
            bad.len(),
            good.len()
        )
    });
    let answer = QueuedAnswer {
        received: good.len(),
        queued: articles.len() - duplicates,
        duplicates,
        articles,
        errors: bad,
        error,
    };
    (status, Json(answer)).into_response()
}
