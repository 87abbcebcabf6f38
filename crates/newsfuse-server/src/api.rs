//! The JSON API: handlers, their request and answer types, and the error answer.

use std::time::Instant;

use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Redirect, Response};
use newsfuse::Cluster;
use newsfuse_store::{
    DedupeKeys, IngestOptions, StoreError, StoredArticle, StoryCursor, StoryQuery, StoryRow,
    current_story, ingest, story_update,
};
use newsfuse_stories::{ArticleIn, StoryConfig, article_keys, format_time};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::{IntoParams, ToSchema};

use crate::articles::{ItemError, StoryItem, now_secs, parse_body, story_item};
use crate::state::AppState;
use newsfuse_store::parse_since;

/// An error answer: `{"error": "..."}` with its status.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub message: String,
}

/// The body of every error answer.
#[derive(Serialize, ToSchema)]
pub struct ErrorBody {
    /// What went wrong, for a person.
    pub error: String,
}

impl ApiError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> Self {
        Self {
            status,
            message: message.into(),
        }
    }

    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, message)
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, message)
    }

    pub fn join(error: &tokio::task::JoinError) -> Self {
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("a worker thread failed: {error}"),
        )
    }
}

impl From<StoreError> for ApiError {
    fn from(error: StoreError) -> Self {
        let status = match error {
            StoreError::Conflict { .. } => StatusCode::SERVICE_UNAVAILABLE,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        };
        Self::new(status, format!("store: {error}"))
    }
}

impl From<PathRejection> for ApiError {
    fn from(rejection: PathRejection) -> Self {
        Self::bad_request(rejection.body_text())
    }
}

impl From<QueryRejection> for ApiError {
    fn from(rejection: QueryRejection) -> Self {
        Self::bad_request(rejection.body_text())
    }
}

impl From<BytesRejection> for ApiError {
    fn from(rejection: BytesRejection) -> Self {
        Self::new(rejection.status(), rejection.body_text())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = (
            self.status,
            Json(ErrorBody {
                error: self.message,
            }),
        )
            .into_response();
        if self.status == StatusCode::UNAUTHORIZED {
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        response
    }
}

type ApiResult<T> = Result<T, ApiError>;

/// Keys and ids the store can hold (SQLite integers are signed 64-bit): anything above is
/// answered "not found" without asking it.
pub(crate) fn in_store_range(id: u64) -> bool {
    i64::try_from(id).is_ok()
}

/// Writes need `Authorization: Bearer TOKEN` when the server has a token.
fn check_token(state: &AppState, headers: &HeaderMap) -> ApiResult<()> {
    let Some(token) = &state.config().token else {
        return Ok(());
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim);
    match given {
        Some(given) if constant_time_eq(given.as_bytes(), token.as_bytes()) => Ok(()),
        Some(_) => Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "the bearer token is not this server's",
        )),
        None => Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "writes need an `Authorization: Bearer TOKEN` header",
        )),
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// One article of an ingest answer.
#[derive(Debug, Serialize, ToSchema)]
pub struct ArticleAck {
    /// The item's line (JSONL) or position from 1 (JSON array); 1 for a single object.
    pub line: usize,
    /// `stored` (new), `duplicate` (the store already had it, by id, URL or text) or `skipped`.
    pub status: String,
    /// The store's number for the article (`GET /v1/articles/{key}`); for a duplicate, the
    /// article it repeats.
    pub key: Option<u64>,
    /// The caller's id of the stored article.
    pub id: Option<String>,
    /// The story it is in (`GET /v1/stories/{story}`).
    pub story: Option<u64>,
}

/// The answer to `POST /v1/articles`, sent once the batch is committed.
#[derive(Debug, Serialize, ToSchema)]
pub struct IngestAnswer {
    /// The committed batch, or null when nothing was new.
    pub batch: Option<u64>,
    /// Articles read from the body.
    pub received: usize,
    /// New articles stored.
    pub stored: u64,
    /// Articles the store already had.
    pub duplicates: u64,
    /// Every good item, in body order.
    pub articles: Vec<ArticleAck>,
    /// Malformed items, not stored (the good ones were).
    pub errors: Vec<ItemError>,
    /// Things noticed: unreadable or future dates.
    pub notes: Vec<String>,
    /// Set when some items were malformed: says that the good items were stored.
    pub error: Option<String>,
}

#[utoipa::path(
    post,
    path = "/v1/articles",
    tag = "articles",
    summary = "Add articles to the store",
    description = "One article object, a JSON array of them, or JSONL (one per line). Fields: \
        `id`, `url`, `title`, `text` or `html`, `source`, `published` (or `time`). Answers once \
        the articles are committed. Idempotent: an article seen before (same id, URL or text) is \
        answered `duplicate` and not stored again. Malformed items are refused with `400`, their \
        line and reason; the good items of the same body are stored all the same.",
    request_body(description = "An article object, a JSON array or JSONL",
        content((String = "application/json"), (String = "application/x-ndjson"), (String = "text/plain"))),
    responses(
        (status = 200, description = "Stored (or recognised)", body = IngestAnswer),
        (status = 202, description = "With `serve --queue`: every article acknowledged by NATS JetStream, for the workers to ingest"),
        (status = 400, description = "Some items malformed (the good ones stored, listed in `articles`), or no article at all", body = IngestAnswer),
        (status = 401, description = "A token is needed and was missing or wrong", body = ErrorBody),
        (status = 408, description = "The request took too long"),
        (status = 413, description = "The body is larger than the limit", body = ErrorBody),
        (status = 500, description = "The store failed", body = ErrorBody),
        (status = 503, description = "Another writer kept committing first, or (with `serve --queue`) NATS did not acknowledge the articles", body = ErrorBody),
    ),
    security((), ("bearer" = []))
)]
pub async fn post_articles(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> ApiResult<Response> {
    let arrived = Instant::now();
    check_token(&state, &headers)?;
    let body = body?;
    let (good, bad) = parse_body(&body);
    if good.is_empty() && bad.is_empty() {
        let answer = IngestAnswer {
            batch: None,
            received: 0,
            stored: 0,
            duplicates: 0,
            articles: Vec::new(),
            errors: Vec::new(),
            notes: Vec::new(),
            error: Some("the body holds no article".into()),
        };
        return Ok((StatusCode::BAD_REQUEST, Json(answer)).into_response());
    }
    if let Some(queue) = state.queue() {
        return Ok(crate::queued::publish(queue, good, bad).await);
    }
    let summary = state.config().summary.clone();
    let inputs: Vec<_> = good.iter().map(|(_, a)| a.clone()).collect();
    let lines: Vec<usize> = good.iter().map(|(l, _)| *l).collect();
    let (report, acks) = if inputs.is_empty() {
        (newsfuse_store::IngestReport::default(), Vec::new())
    } else {
        state
            .write(move |store| {
                let options = IngestOptions {
                    now: now_secs(),
                    summary,
                    stories: StoryConfig::default(),
                };
                let mut attempt = 0;
                let report = loop {
                    attempt += 1;
                    match ingest(store, &inputs, &options) {
                        Err(StoreError::Conflict { .. }) if attempt < 5 => {}
                        other => break other?,
                    }
                };
                let mut acks = Vec::with_capacity(inputs.len());
                for (input, line) in inputs.iter().zip(lines) {
                    let keys = article_keys(&ArticleIn {
                        id: input.id.as_deref(),
                        url: input.url.as_deref(),
                        title: &input.title,
                        text: &input.text,
                        time: None,
                    });
                    let found = store.find_article(&newsfuse_store::DedupeKeys {
                        id: keys.id,
                        url: keys.url,
                        text: keys.text,
                    })?;
                    acks.push(match found {
                        Some(a) => ArticleAck {
                            line,
                            status: if Some(a.batch) == report.batch {
                                "stored"
                            } else {
                                "duplicate"
                            }
                            .into(),
                            key: Some(a.key),
                            id: a.id,
                            story: Some(a.story),
                        },
                        None => ArticleAck {
                            line,
                            status: "skipped".into(),
                            key: None,
                            id: input.id.clone(),
                            story: None,
                        },
                    });
                }
                Ok((report, acks))
            })
            .await?
    };
    let counts = &report.counts;
    state.metrics().ingested(
        good.len() as u64,
        counts.stored,
        counts.duplicates,
        bad.len() as u64,
        arrived.elapsed().as_secs_f64(),
    );
    let status = if bad.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    };
    let error = (!bad.is_empty()).then(|| {
        format!(
            "{} malformed items were not stored (see `errors`); the {} good ones were",
            bad.len(),
            good.len()
        )
    });
    let answer = IngestAnswer {
        batch: report.batch,
        received: good.len(),
        stored: counts.stored,
        duplicates: counts.duplicates,
        articles: acks,
        errors: bad,
        notes: report.notes,
        error,
    };
    Ok((status, Json(answer)).into_response())
}

/// A stored article.
#[derive(Debug, Serialize, ToSchema)]
pub struct ArticleView {
    /// The store's number for it.
    pub key: u64,
    /// The caller's id.
    pub id: Option<String>,
    /// Its URL, as given.
    pub url: Option<String>,
    /// Its headline.
    pub title: String,
    /// Its outlet.
    pub source: Option<String>,
    /// Its publication date as given.
    pub published: Option<String>,
    /// The time it is placed at (RFC 3339, UTC): its publication date, else when first seen.
    pub time: String,
    /// When the store first saw it (RFC 3339, UTC).
    pub first_seen: String,
    /// Its story.
    pub story: u64,
    /// The ingest batch that stored it.
    pub batch: u64,
    /// Its text (null in lists).
    pub text: Option<String>,
}

impl ArticleView {
    fn of(a: &StoredArticle, with_text: bool) -> Self {
        Self {
            key: a.key,
            id: a.id.clone(),
            url: a.url.clone(),
            title: a.title.clone(),
            source: a.source.clone(),
            published: a.published.clone(),
            time: format_time(a.time),
            first_seen: format_time(a.first_seen),
            story: a.story,
            batch: a.batch,
            text: with_text.then(|| a.text.clone()),
        }
    }
}

#[utoipa::path(
    get,
    path = "/v1/articles/{id}",
    tag = "articles",
    summary = "One stored article, with its text",
    description = "By the caller's `id` of the article (as posted), or else by the store's \
        number for it (`key` in the answer to `POST /v1/articles`). A caller's id is looked up \
        first, so an article posted with id \"7\" is found as 7 even when another has key 7.",
    params(("id" = String, Path, description = "The caller's id of the article, or its store key")),
    responses(
        (status = 200, description = "The article", body = ArticleView),
        (status = 404, description = "No such article", body = ErrorBody),
        (status = 408, description = "The request took too long"),
        (status = 500, description = "The store failed", body = ErrorBody),
    )
)]
pub async fn get_article(
    State(state): State<AppState>,
    id: Result<Path<String>, PathRejection>,
) -> ApiResult<Json<ArticleView>> {
    let Path(id) = id?;
    let wanted = id.clone();
    let found = state
        .read(move |store| {
            if !wanted.is_empty() {
                let keys = DedupeKeys {
                    id: Some(wanted.clone()),
                    url: None,
                    text: None,
                };
                if let Some(a) = store.find_article(&keys)? {
                    return Ok(Some(a));
                }
            }
            match wanted.parse::<u64>() {
                Ok(key) if in_store_range(key) => Ok(store.articles(&[key])?.into_iter().next()),
                _ => Ok(None),
            }
        })
        .await?;
    match found {
        Some(a) => Ok(Json(ArticleView::of(&a, true))),
        None => Err(ApiError::not_found(format!("no article {id:?}"))),
    }
}

/// The query of `GET /v1/stories`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StoriesQuery {
    /// Only stories with an article at or after this: a date (`2016-02-02`, RFC 3339), seconds
    /// since 1970, or a duration back from now (`90m`, `24h`, `7d`).
    pub since: Option<String>,
    /// Words that must all appear in the story's title or summary (any case).
    pub q: Option<String>,
    /// At most this many stories (1 to 100, default 20).
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<u32>,
    /// Where to continue: `next_cursor` of the previous page.
    #[param(pattern = r"^-?[0-9]+\.[0-9]+\.-?[0-9]+\.[0-9]+$")]
    pub cursor: Option<String>,
}

/// A page of stories.
#[derive(Debug, Serialize, ToSchema)]
pub struct StoryList {
    /// The stories: the latest day first, then the most textually independent reports, then the
    /// most articles, then the latest article.
    pub stories: Vec<StoryItem>,
    /// Give it as `cursor` for the next page; null on the last page.
    pub next_cursor: Option<String>,
}

/// Reads one page of stories (shared with the index page).
pub(crate) async fn story_page(state: &AppState, query: StoriesQuery) -> ApiResult<StoryList> {
    let since = match query.since.as_deref().filter(|s| !s.trim().is_empty()) {
        Some(text) => Some(parse_since(text, now_secs()).map_err(ApiError::bad_request)?),
        None => None,
    };
    let after = match query.cursor.as_deref().filter(|s| !s.is_empty()) {
        Some(text) => Some(StoryCursor::parse(text).ok_or_else(|| {
            ApiError::bad_request(format!("{text:?} is not a cursor of this server"))
        })?),
        None => None,
    };
    let limit = match query.limit.unwrap_or(20) {
        n @ 1..=100 => n as usize,
        n => {
            return Err(ApiError::bad_request(format!(
                "limit {n} is outside 1 to 100"
            )));
        }
    };
    let text = query.q;
    state
        .read(move |store| {
            let mut rows: Vec<StoryRow> = store.find_stories(&StoryQuery {
                since,
                text,
                after,
                limit: limit + 1,
            })?;
            let more = rows.len() > limit;
            rows.truncate(limit);
            let next_cursor = more
                .then(|| rows.last().map(|r| StoryCursor::after(r).to_string()))
                .flatten();
            let stories = rows
                .iter()
                .map(|row| story_item(store, row))
                .collect::<Result<_, _>>()?;
            Ok(StoryList {
                stories,
                next_cursor,
            })
        })
        .await
}

#[utoipa::path(
    get,
    path = "/v1/stories",
    tag = "stories",
    summary = "The stories, a page at a time",
    params(StoriesQuery),
    responses(
        (status = 200, description = "A page of stories", body = StoryList),
        (status = 400, description = "A bad `since`, `limit` or `cursor`", body = ErrorBody),
        (status = 408, description = "The request took too long"),
        (status = 500, description = "The store failed", body = ErrorBody),
    )
)]
pub async fn list_stories(
    State(state): State<AppState>,
    query: Result<Query<StoriesQuery>, QueryRejection>,
) -> ApiResult<Json<StoryList>> {
    let Query(query) = query?;
    Ok(Json(story_page(&state, query).await?))
}

/// Placeholder for the brief's schema: the OpenAPI document carries `docs/brief-schema.json`
/// in its place.
#[derive(ToSchema)]
#[schema(as = Brief)]
#[allow(dead_code)]
pub struct BriefDoc {}

/// A story with its current brief and summary.
#[derive(Debug, Serialize, ToSchema)]
pub struct StoryDetail {
    /// The story.
    pub story: StoryItem,
    /// The articles the brief was built from (all, or for a very large story the earliest and
    /// the latest), in the brief's article order, without their texts.
    pub brief_built_from: Vec<ArticleView>,
    /// The brief (`docs/brief-schema.json`).
    #[schema(value_type = BriefDoc)]
    pub brief: Value,
    /// The summary (`docs/summary-schema.md`).
    #[schema(value_type = SummaryDoc)]
    pub summary: Value,
}

#[utoipa::path(
    get,
    path = "/v1/stories/{id}",
    tag = "stories",
    summary = "One story's current brief",
    description = "The brief as of the story's latest article (rebuilt first if the stored one \
        is stale). A story merged into another redirects to it (308, `Location`).",
    params(("id" = u64, Path, description = "The story's number")),
    responses(
        (status = 200, description = "The story and its brief", body = StoryDetail),
        (status = 308, description = "The story was merged into the one `Location` names"),
        (status = 400, description = "The id is not a number", body = ErrorBody),
        (status = 404, description = "No such story", body = ErrorBody),
        (status = 408, description = "The request took too long"),
        (status = 500, description = "The store failed", body = ErrorBody),
    )
)]
pub async fn get_story(
    State(state): State<AppState>,
    id: Result<Path<u64>, PathRejection>,
) -> ApiResult<Response> {
    let Path(id) = id?;
    if !in_store_range(id) {
        return Err(ApiError::not_found(format!("no story {id}")));
    }
    let summary = state.config().summary.clone();
    let detail = state
        .read(move |store| {
            let Some(story) = current_story(store, id, &summary)? else {
                return Ok(store.merged_into(id)?.map(Err));
            };
            let item = story_item(store, &story.row)?;
            Ok(Some(Ok(StoryDetail {
                story: item,
                brief_built_from: story
                    .articles
                    .iter()
                    .map(|a| ArticleView::of(a, false))
                    .collect(),
                brief: serde_json::to_value(&story.brief).unwrap_or(Value::Null),
                summary: serde_json::from_str(&story.summary_json).unwrap_or(Value::Null),
            })))
        })
        .await?;
    match detail {
        Some(Ok(detail)) => Ok(Json(detail).into_response()),
        Some(Err(into)) => Ok(Redirect::permanent(&format!("/v1/stories/{into}")).into_response()),
        None => Err(ApiError::not_found(format!("no story {id}"))),
    }
}

/// The query of `GET /v1/stories/{id}/updates`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UpdatesQuery {
    /// When the reader last looked: a date (`2016-02-02`, RFC 3339), seconds since 1970, or a
    /// duration back from now (`24h`).
    pub since: String,
}

/// What is new in a story since a time.
#[derive(Debug, Serialize, ToSchema)]
pub struct StoryUpdates {
    /// The story.
    pub story: StoryItem,
    /// The time asked (RFC 3339, UTC).
    pub since: String,
    /// How many of its articles are older (taken as seen).
    pub seen_articles: usize,
    /// The articles at or after `since` the update was chosen from, without texts.
    pub new_articles: Vec<ArticleView>,
    /// The update summary: sentences of the new articles that the seen ones do not already say.
    #[schema(value_type = SummaryDoc)]
    pub update: Value,
}

#[utoipa::path(
    get,
    path = "/v1/stories/{id}/updates",
    tag = "stories",
    summary = "What is new in a story since a time (the update summary)",
    params(("id" = u64, Path, description = "The story's number"), UpdatesQuery),
    responses(
        (status = 200, description = "The update", body = StoryUpdates),
        (status = 308, description = "The story was merged into the one `Location` names"),
        (status = 400, description = "A bad id or `since`", body = ErrorBody),
        (status = 404, description = "No such story", body = ErrorBody),
        (status = 408, description = "The request took too long"),
        (status = 500, description = "The store failed", body = ErrorBody),
    )
)]
pub async fn get_story_updates(
    State(state): State<AppState>,
    id: Result<Path<u64>, PathRejection>,
    query: Result<Query<UpdatesQuery>, QueryRejection>,
    uri: Uri,
) -> ApiResult<Response> {
    let Path(id) = id?;
    let Query(query) = query?;
    if !in_store_range(id) {
        return Err(ApiError::not_found(format!("no story {id}")));
    }
    let since = parse_since(&query.since, now_secs()).map_err(ApiError::bad_request)?;
    let summary = state.config().summary.clone();
    let updates = state
        .read(move |store| {
            let Some(update) = story_update(store, id, since, &summary)? else {
                return Ok(store.merged_into(id)?.map(Err));
            };
            let item = story_item(store, &update.row)?;
            let rendered = newsfuse::render::render_json(&update.summary, &update.cluster);
            Ok(Some(Ok(StoryUpdates {
                story: item,
                since: format_time(since),
                seen_articles: update.seen,
                new_articles: update
                    .new_articles
                    .iter()
                    .map(|a| ArticleView::of(a, false))
                    .collect(),
                update: serde_json::from_str(&rendered).unwrap_or(Value::Null),
            })))
        })
        .await?;
    match updates {
        Some(Ok(updates)) => Ok(Json(updates).into_response()),
        Some(Err(into)) => {
            let query = uri.query().map(|q| format!("?{q}")).unwrap_or_default();
            Ok(Redirect::permanent(&format!("/v1/stories/{into}/updates{query}")).into_response())
        }
        None => Err(ApiError::not_found(format!("no story {id}"))),
    }
}

/// The one usable cluster of a stateless request's body.
pub(crate) fn cluster_of_body(body: &[u8]) -> ApiResult<Cluster> {
    let ingested = newsfuse::ingest::read_bytes(body, "request");
    let mut problems: Vec<String> = ingested
        .notes
        .iter()
        .map(|n| format!("{}: {}", n.origin, n.message))
        .collect();
    let mut usable = Vec::new();
    for cluster in ingested.clusters {
        match cluster {
            Ok(c) if c.articles.iter().any(|a| !a.text.trim().is_empty()) => usable.push(c),
            Ok(c) => problems.push(format!("{}: no article has any text", c.id)),
            Err(e) => problems.push(e.to_string()),
        }
    }
    match usable.len() {
        1 => Ok(usable.remove(0)),
        0 => Err(ApiError::bad_request(format!(
            "no usable cluster in the body{}{}",
            if problems.is_empty() { "" } else { ": " },
            problems.join("; ")
        ))),
        n => Err(ApiError::bad_request(format!(
            "the body holds {n} clusters; send one per request"
        ))),
    }
}

/// The summary object (`newsfuse summarize --format json`, `docs/summary-schema.md`).
#[derive(ToSchema)]
#[schema(as = Summary)]
#[allow(dead_code)]
pub struct SummaryDoc {
    /// `"3.0.0"` for this version.
    schema_version: String,
    /// The cluster id.
    id: String,
    /// The selection method.
    algorithm: String,
    /// The length budget: exactly one of `words`, `chars`, `sentences`.
    #[schema(value_type = Object)]
    budget: Value,
    /// Articles in the cluster, including skipped ones.
    n_articles: usize,
    /// The summary sentences joined by newlines.
    summary: String,
    /// The summary sentences in reading order.
    sentences: Vec<SummarySentenceDoc>,
    /// Every input article, in input order.
    articles: Vec<SummaryArticleDoc>,
    /// Skipped articles and other notes.
    warnings: Vec<WarningDoc>,
}

/// A summary sentence.
#[derive(ToSchema)]
#[schema(as = SummarySentence)]
#[allow(dead_code)]
pub struct SummarySentenceDoc {
    /// The sentence as it appears in its article.
    text: String,
    /// Index into `articles`.
    article: usize,
    /// Index of the sentence in its article.
    sentence: usize,
    /// Byte offset of its start in the article's text.
    start: usize,
    /// Byte offset of its end.
    end: usize,
    /// Other articles saying the same.
    also_in: Vec<usize>,
}

/// An article of a summary.
#[derive(ToSchema)]
#[schema(as = SummaryArticle)]
#[allow(dead_code)]
pub struct SummaryArticleDoc {
    /// Where it came from.
    origin: String,
    /// Its headline.
    title: Option<String>,
    /// Its URL.
    url: Option<String>,
    /// Its outlet.
    source: Option<String>,
    /// Its publication date as given.
    published: Option<String>,
}

/// A summary warning.
#[derive(ToSchema)]
#[schema(as = SummaryWarning)]
#[allow(dead_code)]
pub struct WarningDoc {
    /// The article concerned, or null for the whole cluster.
    article: Option<usize>,
    /// For a person.
    message: String,
}

#[utoipa::path(
    post,
    path = "/v1/summarize",
    tag = "stateless",
    summary = "Summarize one cluster (nothing is stored)",
    description = "The body is one cluster as `newsfuse summarize` reads it: a cluster JSON line \
        (`{\"id\", \"documents\": [...]}`, each document a text or an object with `text`, \
        `title`, `url`, `source`, `published`), a Multi-News line, an HTML page or plain text.",
    request_body(description = "One cluster",
        content((String = "application/json"), (String = "text/plain"), (String = "text/html"))),
    responses(
        (status = 200, description = "The summary", body = SummaryDoc),
        (status = 400, description = "No usable cluster, or more than one", body = ErrorBody),
        (status = 408, description = "The request took too long"),
        (status = 413, description = "The body is larger than the limit", body = ErrorBody),
        (status = 500, description = "A worker failed", body = ErrorBody),
    )
)]
pub async fn post_summarize(
    State(state): State<AppState>,
    body: Result<Bytes, BytesRejection>,
) -> ApiResult<Response> {
    stateless(&state, body?, |cluster, config| {
        let summary = newsfuse::summarize(cluster, config);
        Ok(newsfuse::render::render_json(&summary, cluster))
    })
    .await
}

/// `POST /v1/summarize` and `/v1/brief`: reads one cluster from the body and answers the JSON
/// `make` writes of it, on a blocking thread; nothing is stored.
async fn stateless(
    state: &AppState,
    body: Bytes,
    make: fn(&Cluster, &newsfuse::SummaryConfig) -> Result<String, ApiError>,
) -> ApiResult<Response> {
    let config = state.config().summary.clone();
    let json = AppState::compute(move || make(&cluster_of_body(&body)?, &config)).await?;
    Ok(([(header::CONTENT_TYPE, "application/json")], json).into_response())
}

#[utoipa::path(
    post,
    path = "/v1/brief",
    tag = "stateless",
    summary = "The brief of one cluster (nothing is stored)",
    description = "The body is one cluster, as for `/v1/summarize`.",
    request_body(description = "One cluster",
        content((String = "application/json"), (String = "text/plain"), (String = "text/html"))),
    responses(
        (status = 200, description = "The brief", body = BriefDoc),
        (status = 400, description = "No usable cluster, or more than one", body = ErrorBody),
        (status = 408, description = "The request took too long"),
        (status = 413, description = "The body is larger than the limit", body = ErrorBody),
        (status = 500, description = "A worker failed", body = ErrorBody),
    )
)]
pub async fn post_brief(
    State(state): State<AppState>,
    body: Result<Bytes, BytesRejection>,
) -> ApiResult<Response> {
    stateless(&state, body?, |cluster, config| {
        serde_json::to_string(&newsfuse::brief(cluster, config)).map_err(|e| {
            ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                format!("brief JSON: {e}"),
            )
        })
    })
    .await
}

#[utoipa::path(
    get,
    path = "/openapi.json",
    tag = "service",
    summary = "This document",
    responses(
        (status = 200, description = "The OpenAPI 3.1 document", body = Object),
        (status = 408, description = "The request took too long"),
    )
)]
pub async fn get_openapi() -> Response {
    (
        [(header::CONTENT_TYPE, "application/json")],
        crate::openapi::openapi_json(),
    )
        .into_response()
}

/// The health answer.
#[derive(Debug, Serialize, ToSchema)]
pub struct Health {
    /// `ok`.
    pub status: String,
    /// Articles in the store.
    pub articles: u64,
    /// Stories in the store.
    pub stories: u64,
    /// The last committed batch.
    pub batch: u64,
}

#[utoipa::path(
    get,
    path = "/healthz",
    tag = "service",
    summary = "Whether the server can read its store",
    responses(
        (status = 200, description = "Serving", body = Health),
        (status = 408, description = "The request took too long"),
        (status = 503, description = "The store cannot be read", body = ErrorBody),
    )
)]
pub async fn healthz(State(state): State<AppState>) -> ApiResult<Json<Health>> {
    let totals = state
        .read(|store| Ok(store.totals()?))
        .await
        .map_err(|e| ApiError::new(StatusCode::SERVICE_UNAVAILABLE, e.message))?;
    Ok(Json(Health {
        status: "ok".into(),
        articles: totals.articles,
        stories: totals.stories,
        batch: totals.batch,
    }))
}

#[utoipa::path(
    get,
    path = "/metrics",
    tag = "service",
    summary = "Prometheus metrics",
    responses(
        (status = 200, description = "Requests, latencies, ingest counters and lag, store totals",
            body = String, content_type = "text/plain; version=0.0.4"),
        (status = 408, description = "The request took too long"),
    )
)]
pub async fn get_metrics(State(state): State<AppState>) -> Response {
    let totals = state.read(|store| Ok(store.totals()?)).await.ok();
    let text = state
        .metrics()
        .render(totals, now_secs(), state.uptime_secs());
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        text,
    )
        .into_response()
}

/// Anything else: `404`, JSON under `/v1`, a page elsewhere.
pub async fn not_found(uri: axum::http::Uri) -> Response {
    if uri.path().starts_with("/v1/") {
        ApiError::not_found(format!("no route {}", uri.path())).into_response()
    } else {
        crate::pages::not_found_page("There is no page at this address.")
    }
}
