//! Coverage: which articles copy or rewrite another and which report independently.
//!
//! Candidate pairs come from an inverted index of content-stem 3-gram shingles (shingles shared by
//! very many articles are skipped, and each article keeps its best few candidates), so the cost
//! stays near-linear in the cluster's size. For each candidate pair, every sentence is matched to
//! its nearest sentence in the other article by content-stem containment; a pair whose matched
//! share is high is a copy (near-verbatim) or a rewrite; an article of one sentence (of four or
//! more content words) that says what another article's lead (first two sentences) says is a copy
//! of it. Groups are the connected components; the
//! likely original of a group is the one with a wire dateline such as "(Reuters)", else the one
//! whose content the others contain most.

use std::collections::{HashMap, HashSet};

use rustc_hash::FxHashMap;

use regex::Regex;
use serde::{Deserialize, Serialize};
use std::sync::LazyLock;

use super::{Doc, content_stems, round3};
use crate::model::Cluster;

/// The coverage analysis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Coverage {
    /// Number of articles.
    pub n_articles: usize,
    /// Number of independent reports (groups of copies count once).
    pub n_independent: usize,
    /// Every article's group, singletons included; groups sorted by first member.
    pub groups: Vec<CoverageGroup>,
    /// For each article, the index of its group in `groups`.
    pub group_of: Vec<usize>,
}

/// One independent report: an original and its copies or rewrites (or a lone article).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CoverageGroup {
    /// The likely original.
    pub original: usize,
    /// Why it was picked: `only_member`, `wire_dateline`, `earliest_published` or `most_contained`.
    pub original_reason: String,
    /// The members other than the original, with how they relate to it.
    pub derived: Vec<Derived>,
}

/// An article derived from its group's original.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Derived {
    /// Article index.
    pub article: usize,
    /// `copy` (most sentences word for word) or `rewrite` (same sentences, reworded or reordered).
    pub kind: String,
    /// Share of its sentences matched in the original (0..=1).
    pub similarity: f64,
}

/// Finds a wire-service dateline such as "ROME (Reuters) -" near the top of an article.
pub fn wire_source(text: &str) -> Option<String> {
    static WIRE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?m)^[\p{Lu}][\p{Lu} .,'-]*\((Reuters|AP|AFP|Associated Press|Agence France-Presse|Bloomberg|UPI|dpa|Xinhua|PTI|ANI|IANS|EFE|ANSA)\)\s*[-–—_]")
            .expect("valid regex")
    });
    let head = prefix_chars(text, 2000);
    WIRE.captures(head)
        .and_then(|caps| caps.get(1))
        .map(|m| m.as_str().to_string())
}

const SHINGLE: usize = 3;
/// Shingles found in more articles than this carry no pair signal (boilerplate, stock phrases).
const MAX_SHINGLE_DF: usize = 50;
const MAX_CANDIDATES: usize = 20;
/// Minimum content-stem containment for two sentences to be the same sentence.
const SENTENCE_MATCH: f64 = 0.6;
/// Share of the shorter article's sentences that must match for a rewrite.
const REWRITE_SHARE: f64 = 0.4;
const COPY_SHARE: f64 = 0.85;
const MIN_MATCHED: usize = 3;
/// How many of an article's first sentences are its lead.
const LEAD_SENTENCES: usize = 2;

pub(crate) fn analyze(docs: &[Doc<'_>], cluster: &Cluster) -> Coverage {
    let n = docs.len();
    // Stems are interned per cluster: sentences become sorted id lists (compared by merging)
    // and shingles three ids packed in one key.
    let mut ids: FxHashMap<&str, u32> = FxHashMap::default();
    let mut intern = |stem| {
        let next = u32::try_from(ids.len()).unwrap_or(u32::MAX);
        *ids.entry(stem).or_insert(next)
    };
    let mut sentence_sets: Vec<Vec<Vec<u32>>> = Vec::with_capacity(n);
    // Candidate pairs through a shingle index; postings are ascending article indices.
    let mut index: FxHashMap<u128, Vec<usize>> = FxHashMap::default();
    let mut stems: Vec<u32> = Vec::new();
    for doc in docs {
        let mut sets = Vec::new();
        for sentence in doc.sentences {
            let mut set: Vec<u32> = content_stems(sentence)
                .into_iter()
                .map(&mut intern)
                .collect();
            if set.len() >= 4 {
                set.sort_unstable();
                sets.push(set);
            }
            stems.clear();
            stems.extend(
                sentence
                    .tokens
                    .iter()
                    .filter(|t| !t.is_stopword && t.stem.chars().any(char::is_alphanumeric))
                    .map(|t| intern(&*t.stem)),
            );
            for window in stems.windows(SHINGLE) {
                let key = (u128::from(window[0]) << 64)
                    | (u128::from(window[1]) << 32)
                    | u128::from(window[2]);
                let postings = index.entry(key).or_default();
                if postings.last() != Some(&doc.index) {
                    postings.push(doc.index);
                }
            }
        }
        sentence_sets.push(sets);
    }
    let mut shared: FxHashMap<(usize, usize), usize> = FxHashMap::default();
    for postings in index
        .values()
        .filter(|p| p.len() > 1 && p.len() <= MAX_SHINGLE_DF)
    {
        for (i, &a) in postings.iter().enumerate() {
            for &b in &postings[i + 1..] {
                *shared.entry((a.min(b), a.max(b))).or_default() += 1;
            }
        }
    }
    let mut per_article: Vec<Vec<(usize, usize)>> = vec![Vec::new(); n];
    for (&(a, b), &count) in &shared {
        if count >= 2 {
            per_article[a].push((count, b));
            per_article[b].push((count, a));
        }
    }
    let mut candidates: HashSet<(usize, usize)> = HashSet::new();
    for (a, list) in per_article.iter_mut().enumerate() {
        list.sort_unstable_by(|x, y| y.cmp(x));
        for &(_, b) in list.iter().take(MAX_CANDIDATES) {
            candidates.insert((a.min(b), a.max(b)));
        }
    }

    // Sentence-level matching on candidates; contained[(a, b)] = share of a's sentences found in b.
    let mut contained: HashMap<(usize, usize), f64> = HashMap::new();
    let mut parent: Vec<usize> = (0..n).collect();
    let mut candidate_list: Vec<(usize, usize)> = candidates.into_iter().collect();
    candidate_list.sort_unstable();
    for (a, b) in candidate_list {
        let ((matched_a, share_a), (matched_b, share_b)) =
            matched_shares(&sentence_sets[a], &sentence_sets[b]);
        contained.insert((a, b), share_a);
        contained.insert((b, a), share_b);
        if matched_a.max(matched_b) >= MIN_MATCHED && share_a.max(share_b) >= REWRITE_SHARE {
            union(&mut parent, a, b);
        }
    }

    // A one-sentence item (a brief, a teaser) that repeats another article's lead is a copy of
    // it: too short for the sentence-count tests above.
    let mut lead_copies: HashSet<usize> = HashSet::new();
    for (item, sets) in sentence_sets.iter().enumerate() {
        let [only] = sets.as_slice() else {
            continue;
        };
        let target = (0..n).find(|&other| {
            other != item
                && sentence_sets[other].len() > 1
                && sentence_sets[other]
                    .iter()
                    .take(LEAD_SENTENCES)
                    .any(|lead| same_sentence(only, lead))
        });
        if let Some(other) = target {
            lead_copies.insert(item);
            contained.insert((item, other), 1.0);
            contained.entry((other, item)).or_insert(0.0);
            union(&mut parent, item, other);
        }
    }

    let mut members: HashMap<usize, Vec<usize>> = HashMap::new();
    for article in 0..n {
        let root = find(&mut parent, article);
        members.entry(root).or_default().push(article);
    }
    let mut groups_members: Vec<Vec<usize>> = members.into_values().collect();
    groups_members.sort_unstable_by_key(|m| m[0]);

    let mut group_of = vec![0; n];
    let groups: Vec<CoverageGroup> = groups_members
        .iter()
        .enumerate()
        .map(|(group_idx, members)| {
            for &m in members {
                group_of[m] = group_idx;
            }
            let (original, reason) = pick_original(members, docs, cluster, &contained);
            let mut derived: Vec<Derived> = members
                .iter()
                .filter(|&&m| m != original)
                .map(|&m| {
                    let similarity = contained.get(&(m, original)).copied().unwrap_or(0.0);
                    let verbatim = verbatim_share(&docs[m], &docs[original]);
                    let kind = if verbatim >= COPY_SHARE || lead_copies.contains(&m) {
                        "copy"
                    } else {
                        "rewrite"
                    };
                    Derived {
                        article: m,
                        kind: kind.to_string(),
                        similarity: round3(similarity),
                    }
                })
                .collect();
            derived.sort_by_key(|d| d.article);
            CoverageGroup {
                original,
                original_reason: reason.to_string(),
                derived,
            }
        })
        .collect();
    Coverage {
        n_articles: n,
        n_independent: groups.len(),
        groups,
        group_of,
    }
}

/// (number matched, share matched) of `a`'s sentences whose content is mostly contained in one
/// sentence of `b`, and the same of `b`'s in `a` (each sentence a sorted list of distinct stem
/// ids). [`same_sentence`] is symmetric, so one pass over the pairs serves both; a pair whose
/// row and column are both matched already is not compared.
fn matched_shares(a: &[Vec<u32>], b: &[Vec<u32>]) -> ((usize, f64), (usize, f64)) {
    let mut column = vec![false; b.len()];
    let mut rows = 0;
    for sa in a {
        let mut row = false;
        for (j, sb) in b.iter().enumerate() {
            if (!row || !column[j]) && same_sentence(sa, sb) {
                row = true;
                column[j] = true;
            }
        }
        rows += usize::from(row);
    }
    let columns = column.iter().filter(|&&c| c).count();
    let share = |k: usize, n: usize| if n == 0 { 0.0 } else { k as f64 / n as f64 };
    (
        (rows, share(rows, a.len())),
        (columns, share(columns, b.len())),
    )
}

/// Two sentences (sorted distinct stem ids) say the same: most of the shorter's stems are in
/// the other, and at least half as many of the longer's.
fn same_sentence(sa: &[u32], sb: &[u32]) -> bool {
    let shared = intersection_len(sa, sb);
    shared as f64 / sa.len().min(sb.len()).max(1) as f64 >= SENTENCE_MATCH
        && shared as f64 / sa.len().max(sb.len()).max(1) as f64 >= SENTENCE_MATCH / 2.0
}

/// How many ids two sorted, duplicate-free lists share.
fn intersection_len(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    shared
}

/// Share of `a`'s sentences that occur word for word (same stem sequence) in `b`.
fn verbatim_share(a: &Doc<'_>, b: &Doc<'_>) -> f64 {
    fn key(s: &crate::model::Sentence) -> Vec<&str> {
        s.tokens.iter().map(|t| &*t.stem).collect()
    }
    let in_b: HashSet<Vec<&str>> = b
        .sentences
        .iter()
        .map(key)
        .filter(|k| !k.is_empty())
        .collect();
    let keys: Vec<Vec<&str>> = a
        .sentences
        .iter()
        .map(key)
        .filter(|k| !k.is_empty())
        .collect();
    if keys.is_empty() {
        return 0.0;
    }
    keys.iter().filter(|k| in_b.contains(*k)).count() as f64 / keys.len() as f64
}

fn pick_original(
    members: &[usize],
    docs: &[Doc<'_>],
    cluster: &Cluster,
    contained: &HashMap<(usize, usize), f64>,
) -> (usize, &'static str) {
    if members.len() == 1 {
        return (members[0], "only_member");
    }
    let wire: Vec<usize> = members
        .iter()
        .copied()
        .filter(|&m| docs.get(m).is_some_and(|d| wire_source(d.text).is_some()))
        .collect();
    if wire.len() == 1 {
        return (wire[0], "wire_dateline");
    }
    let dates: Vec<(String, usize)> = members
        .iter()
        .filter_map(|&m| {
            let published = cluster.articles.get(m)?.published.as_deref()?;
            super::when::parse_iso_date(published).map(|d| (d.iso(), m))
        })
        .collect();
    if dates.len() == members.len() {
        let earliest = dates.iter().min().map(|(d, _)| d.clone());
        let first: Vec<usize> = dates
            .iter()
            .filter(|(d, _)| Some(d) == earliest.as_ref())
            .map(|(_, m)| *m)
            .collect();
        if first.len() == 1 {
            return (first[0], "earliest_published");
        }
    }
    let pool = if wire.is_empty() {
        members.to_vec()
    } else {
        wire
    };
    let best = pool
        .iter()
        .copied()
        .max_by(|&x, &y| {
            let score = |c: usize| -> f64 {
                members
                    .iter()
                    .filter(|&&m| m != c)
                    .map(|&m| contained.get(&(m, c)).copied().unwrap_or(0.0))
                    .sum()
            };
            score(x).total_cmp(&score(y)).then(y.cmp(&x))
        })
        .unwrap_or(members[0]);
    (best, "most_contained")
}

fn find(parent: &mut [usize], mut x: usize) -> usize {
    while parent[x] != x {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    x
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if ra != rb {
        parent[ra.max(rb)] = ra.min(rb);
    }
}

fn prefix_chars(text: &str, max_bytes: usize) -> &str {
    let mut end = text.len().min(max_bytes);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

#[cfg(test)]
mod tests {
    use super::super::build_brief;
    use super::super::testutil::cluster_of;

    const WIRE: &str = "PARIS (Reuters) - The city council approved a new budget for public transport on Monday after a long debate.\n\nThe plan adds forty electric buses to the northern routes and extends night service.\n\nCritics said the fare increase would hurt low-income commuters across the suburbs.\n\nThe mayor promised a review of ticket prices before the summer holidays begin.\n\nConstruction of new depots will start next spring, officials said.";
    const REWRITE: &str = "The city council has approved a new public transport budget after a long debate on Monday.\n\nForty electric buses will be added to northern routes and night service will be extended under the plan.\n\nThe fare increase would hurt low-income commuters across the suburbs, critics said.\n\nA review of ticket prices before the summer holidays was promised by the mayor.";
    const INDEPENDENT: &str = "Commuters reacted with anger on Tuesday to news that fares will rise.\n\nA union leader called the vote a betrayal of workers who depend on buses.\n\nSeveral residents said they would join a protest planned for the weekend.";

    /// A one-sentence item that repeats another article's lead joins it as a copy; one that says
    /// something else stays independent.
    #[test]
    fn one_sentence_item_repeating_a_lead_is_a_copy() {
        const ITEM: &str = "The city council approved a new budget for public transport on Monday.";
        const OTHER_ITEM: &str = "Farmers in the valley expect a record grape harvest this autumn.";
        let (cluster, cleaned, segmented) = cluster_of(&[INDEPENDENT, WIRE, ITEM, OTHER_ITEM]);
        let brief = build_brief(&cluster, &cleaned, &segmented, &[]);
        let coverage = &brief.coverage;
        assert_eq!(coverage.n_independent, 3);
        let group = &coverage.groups[coverage.group_of[2]];
        assert_eq!(group.original, 1);
        let kinds: Vec<(usize, &str)> = group
            .derived
            .iter()
            .map(|d| (d.article, d.kind.as_str()))
            .collect();
        assert_eq!(kinds, vec![(2, "copy")]);
        assert_ne!(coverage.group_of[3], coverage.group_of[1]);
    }

    #[test]
    fn rewrite_grouped_with_wire_original() {
        let (cluster, cleaned, segmented) = cluster_of(&[INDEPENDENT, REWRITE, WIRE, WIRE]);
        let brief = build_brief(&cluster, &cleaned, &segmented, &[]);
        let coverage = &brief.coverage;
        assert_eq!(coverage.n_articles, 4);
        assert_eq!(coverage.n_independent, 2);
        let group = &coverage.groups[coverage.group_of[1]];
        // Two wire copies: the one the others contain most wins, ties to the first.
        assert_eq!(group.original, 2);
        let kinds: Vec<(usize, &str)> = group
            .derived
            .iter()
            .map(|d| (d.article, d.kind.as_str()))
            .collect();
        assert_eq!(kinds, vec![(1, "rewrite"), (3, "copy")]);
        assert_eq!(
            coverage.groups[coverage.group_of[0]].original_reason,
            "only_member"
        );
    }

    #[test]
    fn wire_dateline_names_original() {
        let (cluster, cleaned, segmented) = cluster_of(&[REWRITE, WIRE]);
        let brief = build_brief(&cluster, &cleaned, &segmented, &[]);
        assert_eq!(brief.coverage.groups.len(), 1);
        assert_eq!(brief.coverage.groups[0].original, 1);
        assert_eq!(brief.coverage.groups[0].original_reason, "wire_dateline");
        assert_eq!(super::wire_source(WIRE).as_deref(), Some("Reuters"));
    }
}
