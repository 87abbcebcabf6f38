//! `newsfuse worker`: the queue worker (the worker itself is `newsfuse-queue`).

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use clap::{Args, ValueEnum};
use newsfuse_queue::worker::quantile;
use newsfuse_queue::{Queue, StoreOpener, WorkerConfig};
use newsfuse_store::{Store, StoreError};

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Role {
    /// Ingest articles and rebuild briefs.
    Both,
    /// Only ingest articles.
    Ingest,
    /// Only rebuild briefs.
    Rebuild,
}

#[derive(Args)]
pub(crate) struct WorkerArgs {
    /// The store: a file path or `sqlite:PATH`.
    #[arg(long, value_name = "URL")]
    store: String,
    /// The NATS server with JetStream.
    #[arg(long, value_name = "nats://HOST:PORT")]
    queue: String,
    /// The prefix of the subjects, streams and consumers (as given to `newsfuse serve`).
    #[arg(long, default_value = "newsfuse", value_name = "NAME")]
    prefix: String,
    /// At most this many articles per batch (one store transaction).
    #[arg(long, default_value_t = 64, value_name = "N")]
    batch: usize,
    /// Milliseconds a fetch waits for a batch to fill.
    #[arg(long, default_value_t = 200, value_name = "MS")]
    wait_ms: u64,
    /// Seconds a delivered message may stay unacknowledged before it is delivered again (set when
    /// the consumer is created).
    #[arg(long, default_value_t = 60, value_name = "SECS")]
    ack_wait: u64,
    /// Deliveries of a failing message before it goes to `<prefix>.dead` (set when the consumer
    /// is created).
    #[arg(long, default_value_t = 5, value_name = "N")]
    max_deliver: i64,
    /// At most this many stories per brief-rebuild batch.
    #[arg(long, default_value_t = 16, value_name = "N")]
    rebuild_batch: usize,
    /// What this worker does.
    #[arg(long, value_enum, default_value_t = Role::Both)]
    role: Role,
    /// Exit after this many seconds without a message (default: run until SIGTERM or ctrl-c).
    #[arg(long, value_name = "SECS")]
    idle_exit: Option<f64>,
    /// On exit, also write the counts with every message's latency (milliseconds from its
    /// publish to its commit, or to its brief being current) to this JSON file.
    #[arg(long, value_name = "FILE")]
    stats: Option<PathBuf>,
}

/// Opens the store named by `url`: a path or `sqlite:PATH`.
pub(crate) fn store_opener(url: &str) -> Result<StoreOpener> {
    let location = newsfuse_pg::StoreLocation::parse(url);
    // Open once now, so a bad path or an unreachable database is reported before any message
    // is taken.
    drop(
        location
            .open()
            .with_context(|| format!("cannot open the store {location}"))?,
    );
    Ok(Arc::new(
        move || -> Result<Box<dyn Store + Send>, StoreError> { location.open() },
    ))
}

pub(crate) fn run_worker(args: &WorkerArgs) -> Result<ExitCode> {
    if args.batch == 0 || args.rebuild_batch == 0 || args.max_deliver < 1 || args.ack_wait == 0 {
        bail!("--batch, --rebuild-batch, --max-deliver and --ack-wait must be above 0");
    }
    let open = store_opener(&args.store)?;
    let config = WorkerConfig {
        batch: args.batch,
        wait: Duration::from_millis(args.wait_ms.max(1)),
        ack_wait: Duration::from_secs(args.ack_wait),
        max_deliver: args.max_deliver,
        rebuild_batch: args.rebuild_batch,
        ingest: args.role != Role::Rebuild,
        rebuild: args.role != Role::Ingest,
        idle_exit: args
            .idle_exit
            .filter(|s| s.is_finite() && *s > 0.0)
            .map(Duration::from_secs_f64),
        ..WorkerConfig::default()
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    let stats = runtime.block_on(async {
        let queue = Queue::connect(&args.queue, &args.prefix).await?;
        eprintln!(
            "newsfuse worker: {} -> {} (prefix {}; SIGTERM or ctrl-c stops after the batch in hand)",
            args.queue, args.store, args.prefix
        );
        Box::pin(newsfuse_queue::run_worker(
            &queue,
            open,
            config,
            newsfuse_server::shutdown_signal(),
        ))
        .await
    })?;
    let ms = |values: &[f64], q: f64| quantile(values, q).map(|v| (v * 10.0).round() / 10.0);
    let mut summary = serde_json::to_value(&stats)?;
    summary["ingest_latency_ms_p50"] = ms(&stats.ingest_latency_ms, 0.5).into();
    summary["ingest_latency_ms_p99"] = ms(&stats.ingest_latency_ms, 0.99).into();
    summary["rebuild_latency_ms_p50"] = ms(&stats.rebuild_latency_ms, 0.5).into();
    summary["rebuild_latency_ms_p99"] = ms(&stats.rebuild_latency_ms, 0.99).into();
    println!("{summary}");
    if let Some(path) = &args.stats {
        summary["ingest_latency_ms"] = stats.ingest_latency_ms.clone().into();
        summary["rebuild_latency_ms"] = stats.rebuild_latency_ms.clone().into();
        std::fs::write(path, summary.to_string())
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    eprintln!("newsfuse worker: stopped");
    Ok(ExitCode::SUCCESS)
}
