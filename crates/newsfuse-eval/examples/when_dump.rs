//! Prints, per cluster of the checked event-date set (`eval/brief/when.jsonl`), or of the second
//! tuning part (`when_tune2.jsonl`, third argument `tune2`), the third (`when_tune3.jsonl`,
//! `tune3`) or the fourth (`when_tune4.jsonl`, `tune4`), the judged date and what the library
//! gives with and without publication dates. A third argument `tune` prints only the checked
//! set's tune part.
//!
//! `cargo run --release -p newsfuse-eval --example when_dump -- ../shared eval/brief [tune|tune2|tune3|tune4]`

use std::path::PathBuf;

use newsfuse_eval::brief_eval::BriefEvalConfig;
use newsfuse_eval::brief_eval::when::{
    TUNE2_FILE, TUNE3_FILE, TUNE4_FILE, outcomes, outcomes_of, read_judgements_in,
};
use newsfuse_eval::quality::Subset;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let config = BriefEvalConfig {
        shared: PathBuf::from(args.first().map_or("../shared", String::as_str)),
        labels: PathBuf::from(args.get(1).map_or("eval/brief", String::as_str)),
    };
    let part = args.get(2).map_or("", String::as_str);
    let rows = if part == "tune2" || part == "tune3" || part == "tune4" {
        let file = match part {
            "tune2" => TUNE2_FILE,
            "tune3" => TUNE3_FILE,
            _ => TUNE4_FILE,
        };
        let judgements = read_judgements_in(&config.labels, file).expect("judgements read");
        outcomes_of(&config, &judgements).expect("tuning part runs")
    } else {
        outcomes(&config).expect("checked set runs")
    };
    for o in rows {
        let tune = Subset::Tune.contains(&o.judged.cluster);
        if (part == "tune" || part == "tune3") && !tune {
            continue;
        }
        let label = match part {
            "tune2" => "2",
            "tune3" => "3",
            "tune4" => "4",
            _ if tune => "T",
            _ => "H",
        };
        println!(
            "{:<10} {} judged {:<10} {:<8} with {:<12} without {:<12}",
            o.judged.cluster,
            label,
            o.judged.event_date,
            o.judged.anchor,
            o.with_dates
                .map_or("-".to_string(), |d| d.unwrap_or_else(|| "none".into())),
            o.no_dates.unwrap_or_else(|| "none".into()),
        );
    }
}
