//! `newsfuse serve`: the store over HTTP (the server itself is `newsfuse-server`).

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use clap::Args;

use crate::store::DbOption;

#[derive(Args)]
pub(crate) struct ServeArgs {
    #[command(flatten)]
    db: DbOption,
    /// The address to listen on. Another machine can reach the server only on a non-loopback
    /// address (such as `0.0.0.0:8080`); give a token then.
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "ADDR:PORT")]
    listen: SocketAddr,
    /// A file holding the bearer token that writes (`POST /v1/articles`) need. Without it, the
    /// environment variable `NEWSFUSE_TOKEN` is used when set; without either, writes are open.
    #[arg(long, value_name = "FILE")]
    token_file: Option<PathBuf>,
    /// The largest request body, in MiB (larger bodies are answered 413).
    #[arg(long, default_value_t = 16, value_name = "MIB")]
    max_body_mib: usize,
    /// Seconds a request may take before it is answered 408.
    #[arg(long, default_value_t = 60, value_name = "SECS")]
    timeout: u64,
    /// Requests served at once (the others wait).
    #[arg(long, default_value_t = 64, value_name = "N")]
    concurrency: usize,
    /// Publish posted articles to this NATS JetStream server for `newsfuse worker`s to ingest,
    /// answering 202 once JetStream acknowledged them (default: ingest them here, at once).
    #[arg(long, value_name = "nats://HOST:PORT")]
    queue: Option<String>,
    /// The prefix of the queue's subjects and streams (as given to the workers).
    #[arg(long, default_value = "newsfuse", value_name = "NAME")]
    queue_prefix: String,
}

pub(crate) fn run_serve(args: &ServeArgs) -> Result<ExitCode> {
    let token = match &args.token_file {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read the token file {}", path.display()))?;
            let token = text.trim().to_string();
            if token.is_empty() {
                bail!("the token file {} is empty", path.display());
            }
            Some(token)
        }
        None => std::env::var("NEWSFUSE_TOKEN")
            .ok()
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty()),
    };
    if args.concurrency == 0 || args.max_body_mib == 0 || args.timeout == 0 {
        bail!("--concurrency, --max-body-mib and --timeout must be above 0");
    }
    let mut config = newsfuse_server::Config::on(args.db.location()?);
    config.token = token;
    config.body_limit = args.max_body_mib.saturating_mul(1024 * 1024);
    config.request_timeout = Duration::from_secs(args.timeout);
    config.concurrency = args.concurrency;
    config.queue = args.queue.clone().map(|url| newsfuse_server::QueueTarget {
        url,
        prefix: args.queue_prefix.clone(),
    });
    newsfuse_server::run(config, args.listen)?;
    Ok(ExitCode::SUCCESS)
}
