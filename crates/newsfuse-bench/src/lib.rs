//! Bench corpora for newsfuse.
//!
//! - [`wikinews`]: the ten TAC 2011 MultiLing English clusters (WikiNews, CC BY 2.5), ten articles
//!   each, embedded from `crates/newsfuse/tests/data/tac2011_wikinews/`, with their three human
//!   reference summaries each (`data/tac2011_references.jsonl`, CC BY 3.0; see `data/ATTRIBUTION.md`).
//! - [`synthetic_cluster`]: a cluster of any size built from those articles by deterministic
//!   perturbation (sentence shuffling, renumbering), for the scaling example.
//!
//! Every bench asserts the corpus size ([`WIKINEWS_CLUSTERS`], [`WIKINEWS_ARTICLES`]) before it runs.

use newsfuse::model::{Article, Cluster};
use serde::Deserialize;

/// Number of WikiNews clusters in the corpus.
pub const WIKINEWS_CLUSTERS: usize = 10;
/// Number of WikiNews articles over all clusters.
pub const WIKINEWS_ARTICLES: usize = 100;
/// Reference summaries per cluster.
pub const REFERENCES_PER_CLUSTER: usize = 3;

const CLUSTER_FILES: [&str; WIKINEWS_CLUSTERS] = [
    include_str!("../../newsfuse/tests/data/tac2011_wikinews/M000.json"),
    include_str!("../../newsfuse/tests/data/tac2011_wikinews/M001.json"),
    include_str!("../../newsfuse/tests/data/tac2011_wikinews/M002.json"),
    include_str!("../../newsfuse/tests/data/tac2011_wikinews/M003.json"),
    include_str!("../../newsfuse/tests/data/tac2011_wikinews/M004.json"),
    include_str!("../../newsfuse/tests/data/tac2011_wikinews/M005.json"),
    include_str!("../../newsfuse/tests/data/tac2011_wikinews/M006.json"),
    include_str!("../../newsfuse/tests/data/tac2011_wikinews/M007.json"),
    include_str!("../../newsfuse/tests/data/tac2011_wikinews/M008.json"),
    include_str!("../../newsfuse/tests/data/tac2011_wikinews/M009.json"),
];

const REFERENCES: &str = include_str!("../data/tac2011_references.jsonl");

#[derive(Deserialize)]
struct ClusterFile {
    id: String,
    documents: Vec<String>,
}

#[derive(Deserialize)]
struct ReferenceLine {
    id: String,
    summaries: Vec<String>,
}

/// One bench cluster with its human reference summaries.
#[derive(Debug, Clone)]
pub struct BenchCluster {
    /// The articles.
    pub cluster: Cluster,
    /// The reference summaries (one sentence per line is not guaranteed).
    pub references: Vec<String>,
}

/// The WikiNews clusters, in id order (`M000` .. `M009`), with their references.
pub fn wikinews() -> Vec<BenchCluster> {
    let references: Vec<ReferenceLine> = REFERENCES
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| serde_json::from_str(line).expect("valid reference line"))
        .collect();
    let corpus: Vec<BenchCluster> = CLUSTER_FILES
        .iter()
        .map(|json| {
            let file: ClusterFile = serde_json::from_str(json).expect("valid cluster file");
            let articles = file
                .documents
                .into_iter()
                .enumerate()
                .map(|(idx, text)| Article {
                    origin: format!("{}#{idx}", file.id),
                    text,
                    ..Article::default()
                })
                .collect();
            let Some(refs) = references.iter().find(|r| r.id == file.id) else {
                panic!("no references for {}", file.id);
            };
            let refs = refs.summaries.clone();
            BenchCluster {
                cluster: Cluster {
                    id: file.id,
                    articles,
                },
                references: refs,
            }
        })
        .collect();
    assert_corpus(&corpus);
    corpus
}

/// The WikiNews clusters without references.
pub fn wikinews_clusters() -> Vec<Cluster> {
    wikinews().into_iter().map(|c| c.cluster).collect()
}

/// Panics unless the corpus has the expected number of clusters, articles and references.
pub fn assert_corpus(corpus: &[BenchCluster]) {
    assert_eq!(corpus.len(), WIKINEWS_CLUSTERS, "cluster count");
    let articles: usize = corpus.iter().map(|c| c.cluster.articles.len()).sum();
    assert_eq!(articles, WIKINEWS_ARTICLES, "article count");
    assert!(
        corpus
            .iter()
            .all(|c| c.references.len() == REFERENCES_PER_CLUSTER),
        "reference count"
    );
}

/// Total article text bytes of the clusters: the input size for `Throughput::Bytes`.
pub fn input_bytes(clusters: &[Cluster]) -> u64 {
    clusters
        .iter()
        .flat_map(|c| &c.articles)
        .map(|a| a.text.len() as u64)
        .sum()
}

/// Total whitespace-separated words of the clusters' article text.
pub fn input_words(clusters: &[Cluster]) -> usize {
    clusters
        .iter()
        .flat_map(|c| &c.articles)
        .map(|a| a.text.split_whitespace().count())
        .sum()
}

/// Criterion throughput for a pass over `clusters`: elements = clusters (clusters/s), bytes = input
/// article bytes (MiB/s).
pub fn clusters_and_bytes(clusters: &[Cluster]) -> (u64, u64) {
    (clusters.len() as u64, input_bytes(clusters))
}

/// A cluster of `n_articles` built from the 100 WikiNews articles, deterministically.
///
/// Article `j` is WikiNews article `j % 100` (clusters in id order, articles in order). The first
/// hundred are unchanged; every later copy `k = j / 100` has its body sentences shuffled with a fixed
/// seed (headline and date line stay on top, paragraphs of three sentences) and every number
/// shifted by `k`, so no two articles are exact duplicates.
pub fn synthetic_cluster(n_articles: usize) -> Cluster {
    let sources: Vec<Article> = wikinews_clusters()
        .into_iter()
        .flat_map(|c| c.articles)
        .collect();
    let articles = (0..n_articles)
        .map(|j| {
            let source = &sources[j % sources.len()];
            let copy = j / sources.len();
            let text = if copy == 0 {
                source.text.clone()
            } else {
                perturb(&source.text, copy, j as u64)
            };
            Article {
                origin: format!("synthetic#{j}"),
                text,
                ..Article::default()
            }
        })
        .collect();
    Cluster {
        id: format!("synthetic-{n_articles}"),
        articles,
    }
}

/// Shuffles the body sentences of `text` and shifts its numbers by `shift`.
fn perturb(text: &str, shift: usize, seed: u64) -> String {
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    let head: Vec<&str> = lines.by_ref().take(2).collect();
    let mut sentences: Vec<&str> = lines.flat_map(split_sentences).collect();
    let mut rng = SplitMix64(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ shift as u64);
    for i in (1..sentences.len()).rev() {
        let j = (rng.next_u64() % (i as u64 + 1)) as usize;
        sentences.swap(i, j);
    }
    let mut out = head.join("\n\n");
    for paragraph in sentences.chunks(3) {
        out.push_str("\n\n");
        out.push_str(&paragraph.join(" "));
    }
    renumber(&out, shift)
}

/// Splits a paragraph after ". ", "! " or "? " followed by an uppercase letter (good enough for
/// shuffling; the pipeline's own splitter is not involved).
fn split_sentences(paragraph: &str) -> Vec<&str> {
    let bytes = paragraph.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..bytes.len().saturating_sub(1) {
        if matches!(bytes[i - 1], b'.' | b'!' | b'?')
            && bytes[i] == b' '
            && bytes[i + 1].is_ascii_uppercase()
        {
            out.push(paragraph[start..i].trim());
            start = i + 1;
        }
    }
    out.push(paragraph[start..].trim());
    out.retain(|s| !s.is_empty());
    out
}

/// Adds `shift` to every run of ASCII digits (runs longer than 18 digits are kept as they are).
fn renumber(text: &str, shift: usize) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut digits = String::new();
    let flush = |digits: &mut String, out: &mut String| {
        if !digits.is_empty() {
            match digits.parse::<u64>() {
                Ok(n) if digits.len() <= 18 => out.push_str(&(n + shift as u64).to_string()),
                _ => out.push_str(digits),
            }
            digits.clear();
        }
    };
    for ch in text.chars() {
        if ch.is_ascii_digit() {
            digits.push(ch);
        } else {
            flush(&mut digits, &mut out);
            out.push(ch);
        }
    }
    flush(&mut digits, &mut out);
    out
}

/// SplitMix64: a tiny fixed-seed generator, enough for shuffling and for invented inputs.
pub struct SplitMix64(pub u64);

impl SplitMix64 {
    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// One of `items` (not empty).
    pub fn pick<'a>(&mut self, items: &'a [String]) -> &'a str {
        &items[self.below(items.len())]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corpus_counts() {
        let corpus = wikinews();
        assert_eq!(corpus[0].cluster.id, "M000");
        assert_eq!(corpus[9].cluster.id, "M009");
        assert!(input_bytes(&wikinews_clusters()) > 200_000);
    }

    #[test]
    fn synthetic_copies_differ_and_are_deterministic() {
        let a = synthetic_cluster(250);
        let b = synthetic_cluster(250);
        assert_eq!(a, b);
        assert_eq!(a.articles.len(), 250);
        assert_ne!(a.articles[3].text, a.articles[103].text);
        assert_ne!(a.articles[103].text, a.articles[203].text);
        let words = |t: &str| t.split_whitespace().count();
        assert_eq!(words(&a.articles[3].text), words(&a.articles[103].text));
    }

    #[test]
    fn renumber_shifts_digit_runs() {
        assert_eq!(
            renumber("In 2005, 322 million.", 2),
            "In 2007, 324 million."
        );
    }
}
