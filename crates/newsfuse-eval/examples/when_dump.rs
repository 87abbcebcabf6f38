//! Prints, per cluster of the checked event-date set (`eval/brief/when.jsonl`), the judged date
//! and what the library gives with and without publication dates, with its evidence.
//!
//! `cargo run --release -p newsfuse-eval --example when_dump -- ../shared eval/brief`

use std::path::PathBuf;

use newsfuse_eval::brief_eval::BriefEvalConfig;
use newsfuse_eval::brief_eval::when::outcomes;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let config = BriefEvalConfig {
        shared: PathBuf::from(args.first().map_or("../shared", String::as_str)),
        labels: PathBuf::from(args.get(1).map_or("eval/brief", String::as_str)),
    };
    for o in outcomes(&config).expect("checked set runs") {
        let tune = newsfuse_eval::quality::Subset::Tune.contains(&o.judged.cluster);
        println!(
            "{:<10} {} judged {:<10} {:<8} with {:<12} without {:<12}",
            o.judged.cluster,
            if tune { "T" } else { "H" },
            o.judged.event_date,
            o.judged.anchor,
            o.with_dates
                .map_or("-".to_string(), |d| d.unwrap_or_else(|| "none".into())),
            o.no_dates.unwrap_or_else(|| "none".into()),
        );
    }
}
