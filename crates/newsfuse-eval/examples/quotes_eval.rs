//! Target 2's figures alone (`quotes.*`, the same as `newsfuse eval-brief --only quotes`), without
//! building the command-line tool: for tuning the speaker rules.
//!
//! `cargo run --release -p newsfuse-eval --example quotes_eval -- ../shared eval/brief`
//! (`NEWSFUSE_QUOTES_DEBUG=1` prints the tune part's wrong speakers to stderr).

use std::path::PathBuf;

use newsfuse_eval::brief_eval::{BriefEvalConfig, quotes};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let config = BriefEvalConfig {
        shared: PathBuf::from(args.first().map_or("../shared", String::as_str)),
        labels: PathBuf::from(args.get(1).map_or("eval/brief", String::as_str)),
    };
    match quotes::run(&config) {
        Ok(figures) => {
            for f in figures {
                println!(
                    "{}\t{:?}\t{:.3}\t{}/{}",
                    f.name,
                    f.part,
                    f.value,
                    f.successes.map_or(String::from("-"), |s| s.to_string()),
                    f.n
                );
            }
        }
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
}
