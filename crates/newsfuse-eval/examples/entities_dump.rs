//! Prints the top entities the brief lists for each judged cluster with the text around their
//! mentions, for judging by reading (`eval/brief/entities.jsonl`). Prints research-only text to
//! the terminal: never redirect it into the repository.
//!
//! `cargo run --release -p newsfuse-eval --example entities_dump -- ../shared [labels] [--unjudged]`
//! With `--unjudged`, only entities that `labels/entities.jsonl` has no judgement for; with
//! `--tune` or `--holdout`, only that part's clusters; with `--tune2`, the extra tuning clusters
//! (`TUNE2_CLUSTERS`) instead, with `--tune3` those of `TUNE3_CLUSTERS`, with `--tune4` those of
//! `TUNE4_CLUSTERS`, with `--tune5` those of `TUNE5_CLUSTERS`, with `--tune6` those of `TUNE6_CLUSTERS`, with `--tune7` those of `TUNE7_CLUSTERS`, with `--tune8` those of `TUNE8_CLUSTERS`, with `--tune9` those of `TUNE9_CLUSTERS`, with `--tune10` those of `TUNE10_CLUSTERS`, with `--tune11` those of `TUNE11_CLUSTERS`, with `--tune12` those of `TUNE12_CLUSTERS`, with `--tune13` those of `TUNE13_CLUSTERS`, with `--tune14` those of `TUNE14_CLUSTERS`; with `--names`, every listed name of each cluster first; with
//! `--figures`, only the figures (no text); with `--wrong`, only the judged entities counted wrong
//! (with the failed checks and the judge's reason) and the alias pairs left unmerged.

use std::collections::HashSet;
use std::path::PathBuf;

use newsfuse::brief::entities::Entity;
use newsfuse_eval::brief_eval::entities::{
    Judgement, TOP, alias_key, alias_merged, listed, listed_tune2, listed_tune3, listed_tune4,
    listed_tune5, listed_tune6, listed_tune7, listed_tune8, listed_tune9, listed_tune10,
    listed_tune11, listed_tune12, listed_tune13, listed_tune14, read_judgements,
};
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
    let judgements = args
        .get(1)
        .filter(|a| !a.starts_with("--"))
        .and_then(|l| read_judgements(&PathBuf::from(l)).ok())
        .unwrap_or_default();
    let judged: HashSet<(String, String)> = judgements
        .iter()
        .filter_map(|j| Some((j.cluster.clone(), j.name.as_ref()?.to_lowercase())))
        .collect();
    let only_wrong = args.iter().any(|a| a == "--wrong");
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
    } else if args.iter().any(|a| a == "--tune3") {
        listed_tune3(&shared)
    } else if args.iter().any(|a| a == "--tune4") {
        listed_tune4(&shared)
    } else if args.iter().any(|a| a == "--tune5") {
        listed_tune5(&shared)
    } else if args.iter().any(|a| a == "--tune6") {
        listed_tune6(&shared)
    } else if args.iter().any(|a| a == "--tune7") {
        listed_tune7(&shared)
    } else if args.iter().any(|a| a == "--tune8") {
        listed_tune8(&shared)
    } else if args.iter().any(|a| a == "--tune9") {
        listed_tune9(&shared)
    } else if args.iter().any(|a| a == "--tune10") {
        listed_tune10(&shared)
    } else if args.iter().any(|a| a == "--tune11") {
        listed_tune11(&shared)
    } else if args.iter().any(|a| a == "--tune12") {
        listed_tune12(&shared)
    } else if args.iter().any(|a| a == "--tune13") {
        listed_tune13(&shared)
    } else if args.iter().any(|a| a == "--tune14") {
        listed_tune14(&shared)
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
        if only_wrong {
            print_wrong(&cluster.id, &entities, &judgements);
        }
        for e in entities.iter().take(TOP) {
            if only_wrong
                && judgements.iter().any(|j| {
                    j.cluster == cluster.id
                        && j.name
                            .as_deref()
                            .is_some_and(|n| n.eq_ignore_ascii_case(&e.name))
                })
            {
                continue;
            }
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

/// The judged entities of the top that are wrong, with the failed checks, and the alias pairs
/// left unmerged (names only).
fn print_wrong(cluster: &str, entities: &[Entity], judgements: &[Judgement]) {
    for (rank, e) in entities.iter().take(TOP).enumerate() {
        let Some(j) = judgements.iter().find(|j| {
            j.cluster == cluster
                && j.name
                    .as_deref()
                    .is_some_and(|n| n.eq_ignore_ascii_case(&e.name))
        }) else {
            continue;
        };
        let mut failed = Vec::new();
        if !j.real {
            failed.push("not-real".to_string());
        }
        if !j.delimited {
            failed.push("delimit".to_string());
        }
        if j.correct_kind.as_deref() != Some(e.kind.as_str()) {
            failed.push(format!(
                "kind {}->{}",
                e.kind,
                j.correct_kind.as_deref().unwrap_or("?")
            ));
        }
        for r in &e.roles {
            if j.bad_roles.iter().any(|b| b.eq_ignore_ascii_case(&r.role)) {
                failed.push(format!("bad-role {:?}", r.role));
            }
        }
        if j.banned {
            failed.push("banned".to_string());
        }
        if !failed.is_empty() {
            println!(
                "WRONG #{rank} {} | {} | {} | {}",
                e.name,
                e.kind,
                failed.join(", "),
                j.reason
            );
        }
    }
    let keys: Vec<String> = entities.iter().map(|e| alias_key(&e.name)).collect();
    for j in judgements.iter().filter(|j| j.cluster == cluster) {
        if let Some([a, b]) = &j.alias {
            let (has_a, has_b) = (keys.contains(&alias_key(a)), keys.contains(&alias_key(b)));
            if !alias_merged(a, b, j.either, &keys) {
                println!(
                    "ALIAS {a:?} / {b:?} listed {has_a}/{has_b} either {} | {}",
                    j.either, j.reason
                );
            }
        }
    }
}
