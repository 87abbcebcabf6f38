//! Selection rule `C` of `eval/brief/quotes.jsonl` (see `eval/brief/README.md`): a plain scan for
//! quote-mark pairs, independent of the extractor, over clusters of the tune part not yet
//! labelled. Prints each selected quotation with its paragraph and the one before, for labelling
//! by reading. Prints research-only text to the terminal: never redirect it into the repository.
//!
//! `cargo run --release -p newsfuse-eval --example quotes_scan -- ../shared eval/brief [C|D|E|F|G|H|I|J|K|L|M|N|O|P|Q|R|S]`
//!
//! Rule `C`: in each of `duc2003_task2`, `duc2006`, `duc2007_update` and `multinews_full_dev`, the
//! first three clusters (file order) of the tune part that hold no labelled quotation yet and hold
//! a quotation of three words or more; their first eight such quotations (articles in order).
//! Rule `D` (run once `C` is labelled, so "no labelled quotation" means none of `A`, `B`, `C`):
//! the same with five clusters of `multinews_full_dev` (web text) and three of each DUC file.
//! Rule `E` (run once `D` is labelled and tuned on): four clusters of each DUC file and six of
//! `multinews_full_dev`, their first six quotations.
//! Rule `F` (run once `E` is labelled and tuned on): three clusters of each DUC file and four of
//! `multinews_full_dev`, their first six quotations.
//! Rule `G` (run once `F` is tuned on; the tune parts of the three DUC files hold no unlabelled
//! cluster with a quotation any more): the five tune-part clusters of `tac2011_multiling_en`
//! (WikiNews news prose) and the first six unlabelled tune-part clusters of `multinews_full_dev`
//! (web text) that hold a quotation, their first six quotations.
//! Rule `H` (run once `G` is tuned on): the first four unlabelled tune-part clusters of
//! `multinews_full_dev` and of `multinews_full_sample100` that hold a quotation, their first six
//! quotations; then wire copy: of the other unlabelled tune-part clusters of those two files (in
//! this order, file order), the first three articles with a wire credit (`(AP)`, `(Reuters)`,
//! `(AFP)` or `Associated Press`) in their first 600 bytes that hold a quotation, their first four
//! quotations each.
//! Rule `I` (run once `H` is tuned on): the first five unlabelled tune-part clusters (file order)
//! of `multinews_full_dev` and the first five of `multinews_full_sample100` that hold a
//! quotation, their first five quotations (articles in order).
//! Rule `J` (run once `I` is tuned on): rule `H`'s selection with five quotations per cluster:
//! the first four unlabelled tune-part clusters of `multinews_full_dev` and of
//! `multinews_full_sample100` that hold a quotation, their first five quotations; then the first
//! three wire-credited articles of the other unlabelled tune-part clusters of those two files that
//! hold a quotation, their first four quotations each.
//! Rule `K` (run once `J` is tuned on; a source no earlier rule drew from): the pages of
//! `extraction/extraction_dragnet.jsonl` (gold text, one article per page, the page id as cluster
//! id), file order: the first thirteen tune-part pages that hold a quotation and share no run of
//! ten words with any article of a holdout-part cluster of the summarization files, their first
//! four quotations.
//! Rule `L` (run once `K` is tuned on; a source no earlier rule drew from): the pages of
//! `extraction/extraction_scrapinghub_aeb.jsonl` (the Zyte article-extraction benchmark, MIT;
//! gold text, one article per page, the page id as cluster id), file order: the first sixteen
//! tune-part pages written in English (the word `the` at least 2 % of the words, lower-cased,
//! split at white space) that hold a quotation and share no run of ten words with any article of
//! a holdout-part cluster of the summarization files, their first three quotations.
//! Rule `M` (run once `L` is tuned on; sources no earlier rule drew from): the pages of
//! `extraction/extraction_mozilla_readability.jsonl` (Mozilla Readability's test pages,
//! Apache-2.0), then those of `extraction/extraction_cleanportaleval.jsonl` (news portals), each
//! page's gold text one article, the page id as cluster id; in each file, file order: the first
//! eight tune-part pages written in English (rule `L`'s test) that hold a quotation, hold no
//! labelled quotation of that file and share no run of ten words with any article of a
//! holdout-part cluster of the summarization files, their first three quotations.
//! Rule `N` (run once `M` is measured; a source no earlier rule drew from): the pages of
//! `extraction/extraction_cleaneval_dev.jsonl` (CleanEval's development pages), file order: every
//! tune-part page written in English (rule `L`'s test) that holds a quotation and shares no run
//! of ten words with a holdout-part article, its first four quotations; then the unlabelled
//! tune-part clusters of `multinews_full_sample100` (file order) that hold a quotation, their
//! first four quotations, read cluster after cluster until 30 of rule `N`'s quotations are
//! attributed (the scan prints `RULE_N_WEB_MAX` of them; the labeller stops there).
//! Rule `O` (run once `N` is tuned on; news, like the holdout part): first web news, the
//! tune-part clusters of `multinews_full_dev` (file order) that hold no labelled quotation, their
//! articles (in order) that hold a quotation and share no run of ten words with a holdout-part
//! article, the cluster's first four such quotations; then newswire, the three DUC files taken in
//! turn (`duc2006`, `duc2007_update`, `duc2003_task2`: the first tune-part cluster of each in file
//! order, then the second of each, ...): of each cluster, its last article (highest index) that
//! holds a quotation, holds no labelled quotation and shares no run of ten words with a
//! holdout-part article, that article's first four quotations; read article after article until
//! 40 of rule `O`'s quotations are attributed (the article that reaches it labelled whole; the
//! scan prints `RULE_O_WIRE_MAX` articles).
//! Rule `P` (run once `O` is tuned on; text no earlier rule drew from): first the pages of
//! `extraction/extraction_scrapinghub_aeb.jsonl` after rule `L`'s, i.e. in file order the first
//! ten tune-part pages that hold no labelled quotation, are written in English (rule `L`'s test),
//! hold a quotation and share no run of ten words with a holdout-part article, their first three
//! quotations; then web news, the tune-part clusters of `multinews_full_sample100` and then of
//! `multinews_full_dev` (file order) that hold no labelled quotation, their articles (in order)
//! that hold a quotation and share no run of ten words with a holdout-part article, the cluster's
//! first four such quotations, read cluster after cluster until 30 of rule `P`'s quotations are
//! attributed (the cluster that reaches it labelled whole; the scan prints `RULE_P_WEB_MAX`).
//! Rule `Q` (run once `P` is tuned on; text no earlier rule drew from): rule `P`'s selection
//! taken again once `P` is labelled (the next ten Zyte pages, then the next web clusters), read
//! cluster after cluster until 35 of rule `Q`'s quotations are attributed (the scan prints
//! `RULE_Q_WEB_MAX` web clusters).
//! Rule `R` (run once `Q` is tuned on; text no earlier rule drew from): first the pages of
//! `extraction/extraction_dragnet.jsonl` after rule `K`'s, i.e. in file order the first ten
//! tune-part pages that hold no labelled quotation of that file, are written in English (rule
//! `L`'s test), hold a quotation and share no run of ten words with a holdout-part article, their
//! first three quotations; then rule `P`'s web part, read cluster after cluster until 35 of rule
//! `R`'s quotations are attributed (the scan prints `RULE_R_WEB_MAX` web clusters).
//! Rule `S` (run once `R` is tuned on; text no earlier rule drew from): rule `R`'s selection
//! taken again once `R` is labelled (the next ten Dragnet pages, then the next web clusters),
//! read cluster after cluster until 35 of rule `S`'s quotations are attributed (the scan prints
//! `RULE_S_WEB_MAX` web clusters).

use std::collections::HashSet;
use std::path::PathBuf;

use newsfuse::model::Cluster;
use newsfuse_eval::brief_eval::quotes::{QuoteLabel, load_clusters, load_labels};
use newsfuse_eval::quality::Subset;

const FILES: [&str; 4] = [
    "duc2003_task2.jsonl",
    "duc2006.jsonl",
    "duc2007_update.jsonl",
    "multinews_full_dev.jsonl",
];
const CLUSTERS_PER_FILE: usize = 3;
/// Rule `D` favours web text: this many clusters of `multinews_full_dev`.
const WEB_CLUSTERS_RULE_D: usize = 5;
const QUOTES_PER_CLUSTER: usize = 8;
/// Rule `E`: clusters per DUC file, clusters of `multinews_full_dev`, quotations per cluster.
const RULE_E: (usize, usize, usize) = (4, 6, 6);
/// Rule `F`: clusters per DUC file, clusters of `multinews_full_dev`, quotations per cluster.
const RULE_F: (usize, usize, usize) = (3, 4, 6);
/// Rule `G`: clusters of `tac2011_multiling_en`, clusters of `multinews_full_dev`, quotations
/// per cluster.
const RULE_G: (usize, usize, usize) = (5, 6, 6);
/// Rule `G`'s files, in this order.
const FILES_G: [&str; 2] = ["tac2011_multiling_en.jsonl", "multinews_full_dev.jsonl"];
/// Rule `H`: clusters per file, quotations per cluster, wire articles, quotations per wire article.
const RULE_H: (usize, usize, usize, usize) = (4, 6, 3, 4);
/// Rule `H`'s files, in this order.
const FILES_H: [&str; 2] = ["multinews_full_dev.jsonl", "multinews_full_sample100.jsonl"];
/// Rule `I`: clusters per file, quotations per cluster (files as rule `H`).
const RULE_I: (usize, usize) = (5, 5);
/// Rule `J`: clusters per file, quotations per cluster (files and wire part as rule `H`).
const RULE_J: (usize, usize) = (4, 5);
/// Rule `K`: pages, quotations per page.
const RULE_K: (usize, usize) = (13, 4);
/// Rule `K`'s source.
const FILE_K: &str = "extraction/extraction_dragnet.jsonl";
/// Rule `L`: pages, quotations per page.
const RULE_L: (usize, usize) = (16, 3);
/// Rule `L`'s source.
const FILE_L: &str = "extraction/extraction_scrapinghub_aeb.jsonl";
/// Rule `M`: pages per file, quotations per page.
const RULE_M: (usize, usize) = (8, 3);
/// Rule `M`'s sources, in this order.
const FILES_M: [&str; 2] = [
    "extraction/extraction_mozilla_readability.jsonl",
    "extraction/extraction_cleanportaleval.jsonl",
];
/// Rule `N`: quotations per page (every qualifying page is taken).
const RULE_N_PER_PAGE: usize = 4;
/// Rule `N`'s source.
const FILE_N: &str = "extraction/extraction_cleaneval_dev.jsonl";
/// Rule `N`'s web part: the file, and the most clusters printed (the labeller stops once 30 of
/// rule `N`'s quotations are attributed).
const FILE_N_WEB: &str = "multinews_full_sample100.jsonl";
const RULE_N_WEB_MAX: usize = 8;
/// Rule `O`: quotations per cluster (web part) or article (wire part); its web file; its wire
/// files, taken in turn; the most wire articles printed.
const RULE_O_PER: usize = 4;
const FILE_O_WEB: &str = "multinews_full_dev.jsonl";
const FILES_O_WIRE: [&str; 3] = [
    "duc2006.jsonl",
    "duc2007_update.jsonl",
    "duc2003_task2.jsonl",
];
const RULE_O_WIRE_MAX: usize = 18;
/// Rule `P`: pages and quotations per page of its page part (rule `L`'s source), quotations per
/// cluster of its web part, its web files in turn, the most web clusters printed.
const RULE_P_PAGES: (usize, usize) = (10, 3);
const RULE_P_PER_CLUSTER: usize = 4;
const FILES_P_WEB: [&str; 2] = ["multinews_full_sample100.jsonl", "multinews_full_dev.jsonl"];
const RULE_P_WEB_MAX: usize = 10;
/// Rule `Q`: the most web clusters printed (pages, quotations and files as rule `P`).
const RULE_Q_WEB_MAX: usize = 14;
/// Rule `R`: the most web clusters printed (pages and quotations per page as rule `P`, from rule
/// `K`'s source; web part as rule `P`'s).
const RULE_R_WEB_MAX: usize = 14;
/// Rule `S`: the most web clusters printed (pages, quotations and files as rule `R`).
const RULE_S_WEB_MAX: usize = 14;
/// Rule `L`'s (and `M`'s) English test: the least share of a page's words that are `the`.
const ENGLISH_THE_SHARE: f64 = 0.02;
/// Rule `K`'s and `L`'s overlap check: the summarization files whose holdout-part articles a page must share
/// no run of `SHINGLE` words with.
const FILES_HOLDOUT_CHECK: [&str; 6] = [
    "duc2003_task2.jsonl",
    "duc2006.jsonl",
    "duc2007_update.jsonl",
    "multinews_full_dev.jsonl",
    "multinews_full_sample100.jsonl",
    "tac2011_multiling_en.jsonl",
];
const SHINGLE: usize = 10;
/// Rule `H`'s wire credits, looked for in an article's first 600 bytes.
const WIRE_CREDITS: [&str; 4] = ["(AP)", "(Reuters)", "(AFP)", "Associated Press"];

/// Quote-mark pairs of one article: (open, close), byte offsets of the marks; `close` `None` for
/// a mark left open at a paragraph end. Curly marks pair with each other, straight with straight.
fn scan(text: &str) -> Vec<(usize, Option<usize>)> {
    let mut out = Vec::new();
    let mut para_start = 0;
    for para in text.split("\n\n") {
        let mut straight: Option<usize> = None;
        let mut curly: Option<usize> = None;
        for (i, c) in para.char_indices() {
            let at = para_start + i;
            match c {
                '"' => match straight.take() {
                    Some(open) => out.push((open, Some(at))),
                    None => straight = Some(at),
                },
                '\u{201c}' if curly.is_none() => curly = Some(at),
                '\u{201d}' => {
                    if let Some(open) = curly.take() {
                        out.push((open, Some(at)));
                    }
                }
                _ => {}
            }
        }
        if let Some(open) = straight {
            out.push((open, None));
        }
        if let Some(open) = curly {
            out.push((open, None));
        }
        para_start += para.len() + 2;
    }
    out.sort_unstable();
    out
}

fn words(s: &str) -> usize {
    s.split_whitespace().count()
}

/// The quotations of three words or more of one article text: (open, close) as `scan` gives them.
fn quotations(text: &str) -> Vec<(usize, Option<usize>)> {
    scan(text)
        .into_iter()
        .filter(|&(open, close)| {
            let start = open + text[open..].chars().next().map_or(1, char::len_utf8);
            let end = close
                .unwrap_or_else(|| text[start..].find("\n\n").map_or(text.len(), |p| start + p));
            words(&text[start..end]) >= 3
        })
        .collect()
}

/// Prints one quotation with its paragraph and the one before (research-only text: terminal only).
/// Every quotation of a cluster's articles, as (article, open, close), articles in order.
fn cluster_quotations(cluster: &Cluster) -> Vec<(usize, usize, Option<usize>)> {
    cluster
        .articles
        .iter()
        .enumerate()
        .flat_map(|(a, article)| {
            quotations(&article.text)
                .into_iter()
                .map(move |(o, c)| (a, o, c))
        })
        .collect()
}

fn print_quote(id: &str, a: usize, t: &str, open: usize, close: Option<usize>) {
    let para_start = t[..open].rfind("\n\n").map_or(0, |p| p + 2);
    let prev_start = t[..para_start.saturating_sub(2)]
        .rfind("\n\n")
        .map_or(0, |p| p + 2);
    let para_end = t[open..].find("\n\n").map_or(t.len(), |p| open + p);
    let mut lo = prev_start.max(open.saturating_sub(900));
    while !t.is_char_boundary(lo) {
        lo -= 1;
    }
    let mut hi = para_end.min(close.unwrap_or(open) + 400);
    while !t.is_char_boundary(hi) {
        hi += 1;
    }
    let c_end = close.map_or(para_end, |c| {
        c + t[c..].chars().next().map_or(1, char::len_utf8)
    });
    println!("--- {id} a{a} open {open} close {close:?}");
    println!(
        "{}<<{}>>{}",
        t[lo..open].replace("\n\n", " ¶ "),
        &t[open..c_end].replace("\n\n", " ¶ "),
        t[c_end..hi.max(c_end)].replace("\n\n", " ¶ ")
    );
}

/// Whether an article carries a wire credit in its first 600 bytes (rule `H`).
fn wire_credited(text: &str) -> bool {
    WIRE_CREDITS
        .iter()
        .any(|c| text.find(c).is_some_and(|p| p < 600))
}

/// The ids of a JSONL file's lines (a number id as written) that `keep` accepts, in file order;
/// blank and unparsable lines are skipped.
fn ids_where(text: &str, keep: impl Fn(&str) -> bool) -> Vec<String> {
    text.lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .map(|v| match &v["id"] {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        })
        .filter(|id| keep(id))
        .collect()
}

/// Runs of `SHINGLE` words (lower-cased, split at white space) of one text.
fn shingles(text: &str) -> Vec<String> {
    let words: Vec<String> = text.split_whitespace().map(str::to_lowercase).collect();
    words.windows(SHINGLE).map(|w| w.join(" ")).collect()
}

/// Whether a page reads as English: the word `the` (lower-cased, split at white space) makes up
/// at least `ENGLISH_THE_SHARE` of its words (rule `L`).
fn english(text: &str) -> bool {
    let words: Vec<String> = text.split_whitespace().map(str::to_lowercase).collect();
    let the = words.iter().filter(|w| w.as_str() == "the").count();
    !words.is_empty() && the as f64 >= ENGLISH_THE_SHARE * words.len() as f64
}

/// The runs of `SHINGLE` words of every holdout-part article of the summarization files.
fn holdout_shingles(shared: &std::path::Path) -> HashSet<String> {
    let mut holdout: HashSet<String> = HashSet::new();
    for file in FILES_HOLDOUT_CHECK {
        let path = shared.join("eval").join(file);
        let text = std::fs::read_to_string(&path).expect("dataset reads");
        let ids = ids_where(&text, |id| Subset::Holdout.contains(id));
        for cluster in load_clusters(&path, &ids).expect("clusters load") {
            for article in &cluster.articles {
                holdout.extend(shingles(&article.text));
            }
        }
    }
    holdout
}

/// Rule `O`: web news, then newswire (see the module documentation).
fn rule_o(shared: &std::path::Path, all_labels: &[QuoteLabel]) {
    let holdout = holdout_shingles(shared);
    let overlaps = |t: &str| shingles(t).into_iter().any(|s| holdout.contains(&s));
    let labelled_in = |file: &str| -> HashSet<String> {
        all_labels
            .iter()
            .filter(|l| l.file == file)
            .map(|l| l.cluster.clone())
            .collect()
    };
    let of_web = labelled_in(FILE_O_WEB);
    let path = shared.join("eval").join(FILE_O_WEB);
    let text = std::fs::read_to_string(&path).expect("dataset reads");
    let ids = ids_where(&text, |id| {
        Subset::Tune.contains(id) && !of_web.contains(id)
    });
    for cluster in load_clusters(&path, &ids).expect("clusters load") {
        let quotes: Vec<(usize, usize, Option<usize>)> = cluster_quotations(&cluster)
            .into_iter()
            .filter(|&(a, _, _)| !overlaps(&cluster.articles[a].text))
            .take(RULE_O_PER)
            .collect();
        if quotes.is_empty() {
            continue;
        }
        println!("##### {FILE_O_WEB} {}", cluster.id);
        for (a, open, close) in quotes {
            print_quote(&cluster.id, a, &cluster.articles[a].text, open, close);
        }
    }
    println!("##### rule O wire part: stop once 40 of rule O's quotations are attributed");
    let mut per_file: Vec<(&str, Vec<Cluster>)> = Vec::new();
    for file in FILES_O_WIRE {
        let path = shared.join("eval").join(file);
        let text = std::fs::read_to_string(&path).expect("dataset reads");
        let ids = ids_where(&text, |id| Subset::Tune.contains(id));
        let mut clusters = load_clusters(&path, &ids).expect("clusters load");
        clusters.sort_by_key(|c| ids.iter().position(|id| id == &c.id));
        per_file.push((file, clusters));
    }
    let labels_of = |file: &str, id: &str, a: usize| {
        all_labels
            .iter()
            .any(|l| l.file == file && l.cluster == id && l.article == a)
    };
    let mut printed = 0;
    let rounds = per_file.iter().map(|(_, c)| c.len()).max().unwrap_or(0);
    for round in 0..rounds {
        for (file, clusters) in &per_file {
            let Some(cluster) = clusters.get(round) else {
                continue;
            };
            if printed == RULE_O_WIRE_MAX {
                return;
            }
            let chosen = (0..cluster.articles.len()).rev().find(|&a| {
                let t = &cluster.articles[a].text;
                !quotations(t).is_empty() && !labels_of(file, &cluster.id, a) && !overlaps(t)
            });
            let Some(a) = chosen else {
                continue;
            };
            printed += 1;
            let t = &cluster.articles[a].text;
            println!("##### wire {file} {} a{a}", cluster.id);
            for (open, close) in quotations(t).into_iter().take(RULE_O_PER) {
                print_quote(&cluster.id, a, t, open, close);
            }
        }
    }
}

/// Rules `P`, `Q`, `R` and `S`: pages after the labelled ones, then web news (see the module
/// documentation); `rule` names the rule in the printed headers, `web_max` bounds the web clusters
/// printed.
fn rule_p(shared: &std::path::Path, all_labels: &[QuoteLabel], rule: &str, web_max: usize) {
    let labelled_in = |file: &str| -> HashSet<String> {
        all_labels
            .iter()
            .filter(|l| l.file == file)
            .map(|l| l.cluster.clone())
            .collect()
    };
    // Rules `R` and `S` take their pages from rule `K`'s source, `P` and `Q` from rule `L`'s.
    let pages_file = if rule == "R" || rule == "S" {
        FILE_K
    } else {
        FILE_L
    };
    rule_pages(
        shared,
        &labelled_in(pages_file),
        pages_file,
        RULE_P_PAGES,
        true,
    );
    let enough = if rule == "P" { 30 } else { 35 };
    println!(
        "##### rule {rule} web part: stop once {enough} of rule {rule}'s quotations are attributed"
    );
    let holdout = holdout_shingles(shared);
    let overlaps = |t: &str| shingles(t).into_iter().any(|s| holdout.contains(&s));
    let mut printed = 0;
    for file in FILES_P_WEB {
        let of_file = labelled_in(file);
        let path = shared.join("eval").join(file);
        let text = std::fs::read_to_string(&path).expect("dataset reads");
        let ids = ids_where(&text, |id| {
            Subset::Tune.contains(id) && !of_file.contains(id)
        });
        let clusters = load_clusters(&path, &ids).expect("clusters load");
        for id in &ids {
            if printed == web_max {
                return;
            }
            let cluster = clusters.iter().find(|c| &c.id == id).expect("loaded");
            let quotes: Vec<(usize, usize, Option<usize>)> = cluster_quotations(cluster)
                .into_iter()
                .filter(|&(a, _, _)| !overlaps(&cluster.articles[a].text))
                .take(RULE_P_PER_CLUSTER)
                .collect();
            if quotes.is_empty() {
                continue;
            }
            printed += 1;
            println!("##### {file} {id}");
            for (a, open, close) in quotes {
                print_quote(id, a, &cluster.articles[a].text, open, close);
            }
        }
    }
}

/// Rules `K` and `L`: tune-part pages of an extraction benchmark that overlap no holdout article
/// (and, when `english_only`, read as English), file order, `pages` of them with a quotation,
/// their first `per_page` quotations.
fn rule_pages(
    shared: &std::path::Path,
    labelled: &HashSet<String>,
    file: &str,
    (pages_wanted, per_page): (usize, usize),
    english_only: bool,
) {
    let holdout = holdout_shingles(shared);
    let path = shared.join("eval").join(file);
    let text = std::fs::read_to_string(&path).expect("dataset reads");
    let ids = ids_where(&text, |id| {
        Subset::Tune.contains(id) && !labelled.contains(id)
    });
    let pages = load_clusters(&path, &ids).expect("pages load");
    let mut taken = 0;
    for id in &ids {
        if taken == pages_wanted {
            break;
        }
        let page = pages.iter().find(|c| &c.id == id).expect("loaded");
        let t = &page.articles[0].text;
        if english_only && !english(t) {
            continue;
        }
        let quotes = quotations(t);
        if quotes.is_empty() {
            continue;
        }
        if let Some(shared_run) = shingles(t).into_iter().find(|s| holdout.contains(s)) {
            eprintln!(
                "page {id} skipped: shares a run of {SHINGLE} words with a holdout article ({} bytes)",
                shared_run.len()
            );
            continue;
        }
        taken += 1;
        println!("##### {file} {id}");
        for (open, close) in quotes.into_iter().take(per_page) {
            print_quote(id, 0, t, open, close);
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let shared = PathBuf::from(args.first().map_or("../shared", String::as_str));
    let labels = PathBuf::from(args.get(1).map_or("eval/brief", String::as_str));
    let rule = args.get(2).map_or("C", String::as_str);
    let all_labels = load_labels(&labels.join("quotes.jsonl")).expect("labels load");
    let labelled: HashSet<String> = all_labels.iter().map(|l| l.cluster.clone()).collect();
    if rule == "M" {
        for file in FILES_M {
            // Page ids repeat across benchmark files ("001"): only this file's labels count.
            let of_file: HashSet<String> = all_labels
                .iter()
                .filter(|l| l.file == file)
                .map(|l| l.cluster.clone())
                .collect();
            rule_pages(&shared, &of_file, file, RULE_M, true);
        }
        return;
    }
    if rule == "N" {
        let of_file: HashSet<String> = all_labels
            .iter()
            .filter(|l| l.file == FILE_N)
            .map(|l| l.cluster.clone())
            .collect();
        rule_pages(
            &shared,
            &of_file,
            FILE_N,
            (usize::MAX, RULE_N_PER_PAGE),
            true,
        );
        println!("##### rule N web part: stop once 30 of rule N's quotations are attributed");
        let path = shared.join("eval").join(FILE_N_WEB);
        let text = std::fs::read_to_string(&path).expect("dataset reads");
        let ids = ids_where(&text, |id| {
            Subset::Tune.contains(id) && !labelled.contains(id)
        });
        let clusters = load_clusters(&path, &ids).expect("clusters load");
        let mut taken = 0;
        for id in &ids {
            if taken == RULE_N_WEB_MAX {
                break;
            }
            let cluster = clusters.iter().find(|c| &c.id == id).expect("loaded");
            let quotes = cluster_quotations(cluster);
            if quotes.is_empty() {
                continue;
            }
            taken += 1;
            println!("##### {FILE_N_WEB} {id}");
            for (a, open, close) in quotes.into_iter().take(RULE_N_PER_PAGE) {
                print_quote(id, a, &cluster.articles[a].text, open, close);
            }
        }
        return;
    }
    if rule == "O" {
        rule_o(&shared, &all_labels);
        return;
    }
    if rule == "P" {
        rule_p(&shared, &all_labels, "P", RULE_P_WEB_MAX);
        return;
    }
    if rule == "Q" {
        rule_p(&shared, &all_labels, "Q", RULE_Q_WEB_MAX);
        return;
    }
    if rule == "R" {
        rule_p(&shared, &all_labels, "R", RULE_R_WEB_MAX);
        return;
    }
    if rule == "S" {
        rule_p(&shared, &all_labels, "S", RULE_S_WEB_MAX);
        return;
    }
    if rule == "K" {
        rule_pages(&shared, &labelled, FILE_K, RULE_K, false);
        return;
    }
    if rule == "L" {
        rule_pages(&shared, &labelled, FILE_L, RULE_L, true);
        return;
    }
    let files: &[&str] = match rule {
        "G" => &FILES_G,
        "H" | "I" | "J" => &FILES_H,
        _ => &FILES,
    };
    // Rule `H`'s wire part: (file, cluster) of the clusters its first part did not take.
    let mut wire_pool: Vec<(&str, Cluster)> = Vec::new();
    for &file in files {
        let path = shared.join("eval").join(file);
        let text = std::fs::read_to_string(&path).expect("dataset reads");
        let ids = ids_where(&text, |id| {
            Subset::Tune.contains(id) && !labelled.contains(id)
        });
        let mut clusters = load_clusters(&path, &ids).expect("clusters load");
        let mut taken = 0;
        let web = file.starts_with("multinews");
        let (per_file, per_cluster) = match rule {
            "D" if web => (WEB_CLUSTERS_RULE_D, QUOTES_PER_CLUSTER),
            "E" if web => (RULE_E.1, RULE_E.2),
            "E" => (RULE_E.0, RULE_E.2),
            "F" if web => (RULE_F.1, RULE_F.2),
            "F" => (RULE_F.0, RULE_F.2),
            "G" if web => (RULE_G.1, RULE_G.2),
            "G" => (RULE_G.0, RULE_G.2),
            "H" => (RULE_H.0, RULE_H.1),
            "I" => RULE_I,
            "J" => RULE_J,
            _ => (CLUSTERS_PER_FILE, QUOTES_PER_CLUSTER),
        };
        for id in &ids {
            let at = clusters.iter().position(|c| &c.id == id).expect("loaded");
            if taken == per_file {
                if rule == "H" || rule == "J" {
                    wire_pool.push((file, clusters.swap_remove(at)));
                }
                continue;
            }
            let cluster = &clusters[at];
            let quotes = cluster_quotations(cluster);
            if quotes.is_empty() {
                continue;
            }
            taken += 1;
            println!("##### {file} {id}");
            for (a, open, close) in quotes.into_iter().take(per_cluster) {
                print_quote(id, a, &cluster.articles[a].text, open, close);
            }
        }
    }
    let mut wire_taken = 0;
    for (file, cluster) in &wire_pool {
        for (a, article) in cluster.articles.iter().enumerate() {
            if wire_taken == RULE_H.2 {
                return;
            }
            if !wire_credited(&article.text) {
                continue;
            }
            let quotes = quotations(&article.text);
            if quotes.is_empty() {
                continue;
            }
            wire_taken += 1;
            println!("##### wire {file} {} a{a}", cluster.id);
            for (open, close) in quotes.into_iter().take(RULE_H.3) {
                print_quote(&cluster.id, a, &article.text, open, close);
            }
        }
    }
}
