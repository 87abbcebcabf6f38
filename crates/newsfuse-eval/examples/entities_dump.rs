//! Prints the top entities the brief lists for each judged cluster with the text around their
//! mentions, for judging by reading (`eval/brief/entities.jsonl`). Prints research-only text to
//! the terminal: never redirect it into the repository.
//!
//! `cargo run --release -p newsfuse-eval --example entities_dump -- ../shared [labels] [--unjudged]`
//! With `--unjudged`, only entities that `labels/entities.jsonl` has no judgement for; with
//! `--tune` or `--holdout`, only that part's clusters; with `--tune2`, the extra tuning clusters
//! (`TUNE2_CLUSTERS`) instead; with `--names`, every listed name of each cluster first; with
//! `--figures`, only the figures (no text).

use std::collections::HashSet;
use std::path::PathBuf;

use newsfuse_eval::brief_eval::entities::{TOP, listed, listed_tune2, read_judgements};
use newsfuse_eval::quality::Subset;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let shared = PathBuf::from(args.first().map_or("../shared", String::as_str));
    let only_unjudged = args.iter().any(|a| a == "--unjudged");
    let part = if args.iter().any(|a| a == "--tune") {
        Subset::Tune
    } else if args.iter().any(|a| a == "--holdout") {
        Subset::Holdout
    } else {
        Subset::All
    };
    let judged: HashSet<(String, String)> = args
        .get(1)
        .filter(|a| !a.starts_with("--"))
        .and_then(|l| read_judgements(&PathBuf::from(l)).ok())
        .unwrap_or_default()
        .into_iter()
        .filter_map(|j| Some((j.cluster, j.name?.to_lowercase())))
        .collect();
    if args.iter().any(|a| a == "--figures") {
        // The figures alone (no text), as `newsfuse eval-brief --only entities` prints them.
        let labels = PathBuf::from(args.get(1).map_or("eval/brief", String::as_str));
        let config = newsfuse_eval::brief_eval::BriefEvalConfig { shared, labels };
        for f in newsfuse_eval::brief_eval::entities::run(&config).expect("figures") {
            println!(
                "{:<28} {:<8} {:.3} {}/{}",
                f.name,
                f.part.name(),
                f.value,
                f.successes.unwrap_or(0),
                f.n
            );
        }
        return;
    }
    let clusters = if args.iter().any(|a| a == "--tune2") {
        listed_tune2(&shared)
    } else {
        listed(&shared)
    }
    .expect("clusters load");
    for (cluster, entities) in clusters {
        if !part.contains(&cluster.id) {
            continue;
        }
        println!("=== {}", cluster.id);
        if args.iter().any(|a| a == "--names") {
            // Every listed name, for finding alias pairs (no text).
            let names: Vec<String> = entities
                .iter()
                .map(|e| format!("{} ({}, {})", e.name, e.kind, e.articles.len()))
                .collect();
            println!("{}", names.join("; "));
        }
        for e in entities.iter().take(TOP) {
            if only_unjudged && judged.contains(&(cluster.id.clone(), e.name.to_lowercase())) {
                continue;
            }
            let roles: Vec<String> = e.roles.iter().map(|r| r.role.clone()).collect();
            println!(
                "* {} | {} | roles {:?} | arts {} | mentions {}",
                e.name,
                e.kind,
                roles,
                e.articles.len(),
                e.n_mentions
            );
            for m in e.mentions.iter().take(2) {
                let text = &cluster.articles[m.article].text;
                let mut s = m.span.start.saturating_sub(70);
                while !text.is_char_boundary(s) {
                    s -= 1;
                }
                let mut t = (m.span.end + 50).min(text.len());
                while !text.is_char_boundary(t) {
                    t += 1;
                }
                println!(
                    "    [{}] {}«{}»{}",
                    m.article,
                    text[s..m.span.start].replace('\n', " "),
                    &text[m.span.start..m.span.end],
                    text[m.span.end..t].replace('\n', " ")
                );
            }
        }
    }
}
