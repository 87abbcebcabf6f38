//! The server's shared state: the store's connections, the settings and the metrics.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Instant;

use newsfuse_store::{Store, StoreError};

use crate::Config;
use crate::api::ApiError;
use crate::metrics::Metrics;

/// Reader connections kept open between requests.
const READER_POOL: usize = 8;

/// A store connection, of either backend.
pub(crate) type DynStore = Box<dyn Store + Send>;

/// What every request shares: cheap to clone.
#[derive(Clone)]
pub struct AppState(Arc<Inner>);

struct Inner {
    config: Config,
    writer: Mutex<DynStore>,
    readers: Mutex<Vec<DynStore>>,
    metrics: Metrics,
    started: Instant,
    queue: Option<newsfuse_queue::Queue>,
}

impl AppState {
    /// Opens the store of `config` (creating it when absent); a file or schema that is not a
    /// newsfuse store is refused untouched.
    pub fn open(config: Config) -> Result<Self, StoreError> {
        Self::open_with_queue(config, None)
    }

    /// Like [`AppState::open`], with posted articles published to `queue` (when given) instead
    /// of ingested.
    pub fn open_with_queue(
        config: Config,
        queue: Option<newsfuse_queue::Queue>,
    ) -> Result<Self, StoreError> {
        let writer = config.store.open()?;
        Ok(Self(Arc::new(Inner {
            config,
            writer: Mutex::new(writer),
            readers: Mutex::new(Vec::new()),
            metrics: Metrics::default(),
            started: Instant::now(),
            queue,
        })))
    }

    /// Where posted articles go, when not into the store.
    pub(crate) fn queue(&self) -> Option<&newsfuse_queue::Queue> {
        self.0.queue.as_ref()
    }

    /// The settings.
    pub fn config(&self) -> &Config {
        &self.0.config
    }

    pub(crate) fn metrics(&self) -> &Metrics {
        &self.0.metrics
    }

    pub(crate) fn uptime_secs(&self) -> f64 {
        self.0.started.elapsed().as_secs_f64()
    }

    /// Runs `f` on a reader connection, on a blocking thread.
    pub(crate) async fn read<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut (dyn Store + Send)) -> Result<T, ApiError> + Send + 'static,
    {
        let inner = Arc::clone(&self.0);
        tokio::task::spawn_blocking(move || {
            let pooled = inner
                .readers
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .pop();
            let mut store = match pooled {
                Some(store) => store,
                None => inner.config.store.open()?,
            };
            let out = f(store.as_mut());
            let mut pool = inner.readers.lock().unwrap_or_else(PoisonError::into_inner);
            if pool.len() < READER_POOL {
                pool.push(store);
            }
            out
        })
        .await
        .map_err(|e| ApiError::join(&e))?
    }

    /// Runs `f` on the writer connection, on a blocking thread, one at a time.
    pub(crate) async fn write<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut (dyn Store + Send)) -> Result<T, ApiError> + Send + 'static,
    {
        let inner = Arc::clone(&self.0);
        tokio::task::spawn_blocking(move || {
            let mut store = inner.writer.lock().unwrap_or_else(PoisonError::into_inner);
            f(store.as_mut())
        })
        .await
        .map_err(|e| ApiError::join(&e))?
    }

    /// Runs CPU-bound work (a stateless summary or brief) on a blocking thread.
    pub(crate) async fn compute<T, F>(f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce() -> Result<T, ApiError> + Send + 'static,
    {
        tokio::task::spawn_blocking(f)
            .await
            .map_err(|e| ApiError::join(&e))?
    }
}
