//! newsfuse over HTTP: a JSON API (with its OpenAPI 3.1 document), Prometheus metrics and
//! server-rendered pages, on one story store.
//!
//! A thin shell: every answer comes from `newsfuse` (summaries, briefs) and `newsfuse-store`
//! (ingest, stories, current briefs). The store is synchronous (SQLite, or PostgreSQL through
//! `newsfuse-pg`), so its calls run on blocking threads: one writer connection behind a lock (one
//! ingest at a time in this process; the store's compare-and-set orders ingests of several
//! servers), and a small pool of reader connections (SQLite's WAL lets them read while the
//! writer commits).
//!
//! ```no_run
//! let config = newsfuse_server::Config::new("stories.db".into());
//! newsfuse_server::run(config, "127.0.0.1:8080".parse().unwrap()).unwrap();
//! ```
#![deny(missing_docs)]

mod api;
mod articles;
mod metrics;
mod openapi;
mod pages;
mod queued;
mod state;

use std::future::Future;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use axum::routing::{get, post};
use newsfuse::SummaryConfig;
use tower_http::timeout::TimeoutLayer;

pub use newsfuse_pg::StoreLocation;
pub use openapi::openapi_json;
pub use state::AppState;

/// How a server runs.
#[derive(Debug, Clone)]
pub struct Config {
    /// The store: a SQLite file (created when absent) or a PostgreSQL database.
    pub store: StoreLocation,
    /// The bearer token writes need (`None`: writes are open).
    pub token: Option<String>,
    /// The largest request body accepted, in bytes (larger: `413`).
    pub body_limit: usize,
    /// How long a request may take before it is answered `408`.
    pub request_timeout: Duration,
    /// How many requests are served at once (the rest wait their turn).
    pub concurrency: usize,
    /// How summaries and briefs are built.
    pub summary: SummaryConfig,
    /// Where posted articles go instead of the store (`None`: into the store, at once).
    pub queue: Option<QueueTarget>,
}

/// A NATS JetStream server that posted articles are published to, for `newsfuse worker`s to
/// ingest (reads still come from the store).
#[derive(Debug, Clone)]
pub struct QueueTarget {
    /// `nats://HOST:PORT`.
    pub url: String,
    /// The prefix of the subjects and streams (as the workers are given).
    pub prefix: String,
}

impl Config {
    /// The defaults on a SQLite store file: no token, 16 MiB bodies, 60 s per request, 64 requests at
    /// once, the default summary settings.
    pub fn new(db: PathBuf) -> Self {
        Self::on(StoreLocation::Sqlite(db))
    }

    /// The defaults (as [`Config::new`]) on any store.
    pub fn on(store: StoreLocation) -> Self {
        Self {
            store,
            token: None,
            body_limit: 16 * 1024 * 1024,
            request_timeout: Duration::from_mins(1),
            concurrency: 64,
            summary: SummaryConfig::default(),
            queue: None,
        }
    }
}

/// What can stop a server from starting or running.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ServerError {
    /// The store could not be opened (not a newsfuse store, a newer layout, unreadable).
    #[error("cannot open the store: {0}")]
    Store(#[from] newsfuse_store::StoreError),
    /// The queue could not be reached.
    #[error("cannot use the queue: {0}")]
    Queue(#[from] newsfuse_queue::QueueError),
    /// The address could not be bound, or serving failed.
    #[error("{context}: {source}")]
    Io {
        /// What was being done.
        context: String,
        /// The error.
        source: std::io::Error,
    },
}

/// The application: every route, with the metrics, body limit, timeout and concurrency limit.
pub fn router(state: AppState) -> Router {
    let config = state.config();
    let (limit, timeout, concurrency) = (
        config.body_limit,
        config.request_timeout,
        config.concurrency,
    );
    Router::new()
        .route("/v1/articles", post(api::post_articles))
        .route("/v1/articles/{id}", get(api::get_article))
        .route("/v1/stories", get(api::list_stories))
        .route("/v1/stories/{id}", get(api::get_story))
        .route("/v1/stories/{id}/updates", get(api::get_story_updates))
        .route("/v1/summarize", post(api::post_summarize))
        .route("/v1/brief", post(api::post_brief))
        .route("/openapi.json", get(api::get_openapi))
        .route("/healthz", get(api::healthz))
        .route("/metrics", get(api::get_metrics))
        .route("/", get(pages::index))
        .route("/stories/{id}", get(pages::story))
        .route("/brief", get(pages::brief_form).post(pages::brief_post))
        .fallback(api::not_found)
        .layer(DefaultBodyLimit::max(limit))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            timeout,
        ))
        .layer(tower::limit::GlobalConcurrencyLimitLayer::new(concurrency))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            metrics::track,
        ))
        .with_state(state)
}

/// Serves `state` on `listener` until `shutdown` completes; requests in flight are finished
/// first (the store closes when the last handle on it is dropped).
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router(state))
        .with_graceful_shutdown(shutdown)
        .await
}

/// Resolves on SIGTERM or ctrl-c.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        tokio::signal::ctrl_c().await.ok();
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}

/// Opens the store (a foreign or corrupt file is refused here, before anything listens), binds
/// `listen` and serves until SIGTERM or ctrl-c. Says where on stderr, and warns when a
/// non-loopback address is served without a token.
pub fn run(config: Config, listen: SocketAddr) -> Result<(), ServerError> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|source| ServerError::Io {
            context: "cannot start the async runtime".into(),
            source,
        })?;
    runtime.block_on(async move {
        let queue = match &config.queue {
            Some(target) => {
                let queue = newsfuse_queue::Queue::connect(&target.url, &target.prefix).await?;
                eprintln!(
                    "newsfuse: posted articles go to {} (prefix {}) for the workers",
                    target.url, target.prefix
                );
                Some(queue)
            }
            None => None,
        };
        let state = AppState::open_with_queue(config, queue)?;
        let listener = tokio::net::TcpListener::bind(listen)
            .await
            .map_err(|source| ServerError::Io {
                context: format!("cannot listen on {listen}"),
                source,
            })?;
        let local = listener.local_addr().map_err(|source| ServerError::Io {
            context: "no local address".into(),
            source,
        })?;
        if !local.ip().is_loopback() && state.config().token.is_none() {
            eprintln!(
                "warning: serving on {local}, which other machines can reach, without a token: \
                 anyone who can connect can add articles (give --token-file FILE or NEWSFUSE_TOKEN)"
            );
        }
        eprintln!(
            "newsfuse: serving {} on http://{local}/ (API under /v1, /openapi.json; ctrl-c stops)",
            state.config().store
        );
        serve(listener, state, shutdown_signal())
            .await
            .map_err(|source| ServerError::Io {
                context: "serving failed".into(),
                source,
            })?;
        eprintln!("newsfuse: stopped; the store is closed");
        Ok(())
    })
}
