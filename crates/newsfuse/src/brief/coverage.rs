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

use rustc_hash::{FxHashMap, FxHashSet};

use regex::Regex;
use serde::{Deserialize, Serialize};
use std::sync::LazyLock;

use super::{Doc, round3};
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
    // Candidate pairs through a shingle index: each distinct shingle (three 32-bit ids packed in
    // one `u128`) gets a number in order of first sight, and each occurrence is noted as
    // (shingle number, article); a counting sort by number below lays each shingle's articles
    // (its postings) together in the order the articles were read, ascending. A lone article has
    // no pair to find.
    let mut shingle_ids: FxHashMap<u128, u32> = FxHashMap::default();
    let mut shingles: Vec<(u32, u32)> = Vec::new();
    let mut stems: Vec<u32> = Vec::new();
    for doc in docs {
        let mut sets = Vec::new();
        for sentence in doc.sentences {
            // The content stems (non-stopword, with a letter or digit) in order, as ids: a
            // sentence's set is their sorted distinct ids.
            stems.clear();
            stems.extend(
                sentence
                    .tokens
                    .iter()
                    .filter(|t| !t.is_stopword && t.stem.chars().any(char::is_alphanumeric))
                    .map(|t| intern(&*t.stem)),
            );
            let mut set = stems.clone();
            set.sort_unstable();
            set.dedup();
            if set.len() >= 4 {
                sets.push(set);
            }
            if n > 1 {
                let article = u32::try_from(doc.index).unwrap_or(u32::MAX);
                for window in stems.windows(SHINGLE) {
                    let key = (u128::from(window[0]) << 64)
                        | (u128::from(window[1]) << 32)
                        | u128::from(window[2]);
                    let next = u32::try_from(shingle_ids.len()).unwrap_or(u32::MAX);
                    shingles.push((*shingle_ids.entry(key).or_insert(next), article));
                }
            }
        }
        sentence_sets.push(sets);
    }
    // Counting sort by shingle number; the articles of one shingle keep their order (articles
    // are read in ascending index), and a repeat within an article is dropped.
    let mut starts: Vec<u32> = vec![0; shingle_ids.len() + 1];
    for &(id, _) in &shingles {
        starts[id as usize + 1] += 1;
    }
    for i in 1..starts.len() {
        starts[i] += starts[i - 1];
    }
    let mut fill: Vec<u32> = starts.clone();
    let mut by_shingle: Vec<u32> = vec![0; shingles.len()];
    for &(id, article) in &shingles {
        let at = &mut fill[id as usize];
        by_shingle[*at as usize] = article;
        *at += 1;
    }
    let mut shared: FxHashMap<(usize, usize), usize> = FxHashMap::default();
    let mut postings: Vec<usize> = Vec::new();
    for bounds in starts.windows(2) {
        let run = &by_shingle[bounds[0] as usize..bounds[1] as usize];
        if run.len() < 2 {
            continue;
        }
        postings.clear();
        for &article in run {
            let article = article as usize;
            if postings.last() != Some(&article) {
                postings.push(article);
            }
        }
        if postings.len() < 2 || postings.len() > MAX_SHINGLE_DF {
            continue;
        }
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
    let mut candidates: FxHashSet<(usize, usize)> = FxHashSet::default();
    for (a, list) in per_article.iter_mut().enumerate() {
        list.sort_unstable_by(|x, y| y.cmp(x));
        for &(_, b) in list.iter().take(MAX_CANDIDATES) {
            candidates.insert((a.min(b), a.max(b)));
        }
    }

    // Sentence-level matching on candidates; contained[(a, b)] = share of a's sentences found in b.
    let mut contained: FxHashMap<(usize, usize), f64> = FxHashMap::default();
    let mut parent: Vec<usize> = (0..n).collect();
    let mut candidate_list: Vec<(usize, usize)> = candidates.into_iter().collect();
    // Grouped by second member: each article's sentences are indexed by stem once, and that
    // index is looked up through one stem-slot table for the whole cluster (what a pair
    // finds does not depend on the order pairs are read in).
    candidate_list.sort_unstable_by_key(|&(a, b)| (b, a));
    let mut slots = StemSlots::new(ids.len());
    let mut counter = SharedCounter::default();
    for run in candidate_list.chunk_by(|x, y| x.1 == y.1) {
        let b = run[0].1;
        let index_b = SentenceIndex::new(&sentence_sets[b]);
        slots.load(&index_b);
        for &(a, _) in run {
            let ((matched_a, share_a), (matched_b, share_b)) =
                matched_shares_indexed(&sentence_sets[a], &index_b, &slots, &mut counter);
            contained.insert((a, b), share_a);
            contained.insert((b, a), share_b);
            if matched_a.max(matched_b) >= MIN_MATCHED && share_a.max(share_b) >= REWRITE_SHARE {
                union(&mut parent, a, b);
            }
        }
        slots.unload(&index_b);
    }

    // A one-sentence item (a brief, a teaser) that repeats another article's lead is a copy of
    // it: too short for the sentence-count tests above.
    // The leads of articles of two or more sentences, indexed by stem: (article, lead sentence).
    let leads: Vec<(usize, &[u32])> = sentence_sets
        .iter()
        .enumerate()
        .filter(|(_, sets)| sets.len() > 1)
        .flat_map(|(article, sets)| {
            sets.iter()
                .take(LEAD_SENTENCES)
                .map(move |set| (article, set.as_slice()))
        })
        .collect();
    let mut lead_index: FxHashMap<u32, Vec<u32>> = FxHashMap::default();
    if sentence_sets.iter().any(|sets| sets.len() == 1) {
        for (lead_idx, (_, set)) in leads.iter().enumerate() {
            for &stem in *set {
                lead_index
                    .entry(stem)
                    .or_default()
                    .push(u32::try_from(lead_idx).unwrap_or(u32::MAX));
            }
        }
    }
    counter.reset(leads.len());
    let mut lead_copies: FxHashSet<usize> = FxHashSet::default();
    for (item, sets) in sentence_sets.iter().enumerate() {
        let [only] = sets.as_slice() else {
            continue;
        };
        // The first other article one of whose leads says the same (what a scan of every
        // article in order finds), from the leads sharing stems with the item.
        counter.count(only, |stem| {
            lead_index.get(&stem).map_or(&[][..], Vec::as_slice)
        });
        let target = counter
            .touched
            .iter()
            .map(|&lead| (lead as usize, counter.shared[lead as usize] as usize))
            .filter(|&(lead, shared)| {
                let (other, set) = leads[lead];
                other != item && same_size_test(shared, only.len(), set.len())
            })
            .map(|(lead, _)| leads[lead].0)
            .min();
        counter.clear();
        if let Some(other) = target {
            lead_copies.insert(item);
            contained.insert((item, other), 1.0);
            contained.entry((other, item)).or_insert(0.0);
            union(&mut parent, item, other);
        }
    }

    let mut members: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
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
            // The original's sentences are keyed once for all its derived members.
            let original_keys = (members.len() > 1).then(|| sentence_keys(&docs[original]));
            let mut derived: Vec<Derived> = members
                .iter()
                .filter(|&&m| m != original)
                .map(|&m| {
                    let similarity = contained.get(&(m, original)).copied().unwrap_or(0.0);
                    let verbatim = original_keys
                        .as_ref()
                        .map_or(0.0, |keys| verbatim_share(&docs[m], keys));
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

/// One article's sentences (sorted distinct stem ids) indexed by stem.
struct SentenceIndex {
    /// Each sentence's number of stems.
    lengths: Vec<usize>,
    /// The article's distinct stems, ascending.
    stems: Vec<u32>,
    /// `sentences[starts[k]..starts[k + 1]]`: the sentences holding `stems[k]`, ascending.
    starts: Vec<u32>,
    sentences: Vec<u32>,
}

impl SentenceIndex {
    fn new(sentences: &[Vec<u32>]) -> Self {
        let mut pairs: Vec<(u32, u32)> = sentences
            .iter()
            .enumerate()
            .flat_map(|(idx, sentence)| {
                let idx = u32::try_from(idx).unwrap_or(u32::MAX);
                sentence.iter().map(move |&stem| (stem, idx))
            })
            .collect();
        pairs.sort_unstable();
        let mut stems = Vec::new();
        let mut starts = Vec::new();
        let mut holding = Vec::with_capacity(pairs.len());
        for (stem, idx) in pairs {
            if stems.last() != Some(&stem) {
                stems.push(stem);
                starts.push(u32::try_from(holding.len()).unwrap_or(u32::MAX));
            }
            holding.push(idx);
        }
        starts.push(u32::try_from(holding.len()).unwrap_or(u32::MAX));
        Self {
            lengths: sentences.iter().map(Vec::len).collect(),
            stems,
            starts,
            sentences: holding,
        }
    }

    /// The sentences holding the stem in slot `k` (see [`StemSlots`]).
    fn holding(&self, k: u32) -> &[u32] {
        let k = k as usize;
        match (self.starts.get(k), self.starts.get(k + 1)) {
            (Some(&from), Some(&to)) => &self.sentences[from as usize..to as usize],
            _ => &[],
        }
    }
}

/// Each stem id's slot in the one [`SentenceIndex`] loaded, `u32::MAX` for a stem it lacks: a
/// look-up is one array read.
struct StemSlots(Vec<u32>);

impl StemSlots {
    /// A table for stem ids below `n`.
    fn new(n: usize) -> Self {
        Self(vec![u32::MAX; n])
    }

    fn load(&mut self, index: &SentenceIndex) {
        for (k, &stem) in index.stems.iter().enumerate() {
            if let Some(slot) = self.0.get_mut(stem as usize) {
                *slot = u32::try_from(k).unwrap_or(u32::MAX);
            }
        }
    }

    fn unload(&mut self, index: &SentenceIndex) {
        for &stem in &index.stems {
            if let Some(slot) = self.0.get_mut(stem as usize) {
                *slot = u32::MAX;
            }
        }
    }

    /// The sentences of `index` (loaded) holding `stem`.
    fn postings<'i>(&self, index: &'i SentenceIndex, stem: u32) -> &'i [u32] {
        match self.0.get(stem as usize) {
            Some(&k) if k != u32::MAX => index.holding(k),
            _ => &[],
        }
    }
}

/// How many stems one sentence shares with each indexed sentence; only the touched slots are
/// reset, so a count costs what the postings of the sentence's stems hold.
#[derive(Default)]
struct SharedCounter {
    /// Counts are at most a sentence's stems: 32 bits keep the table in half the cache.
    shared: Vec<u32>,
    touched: Vec<u32>,
}

impl SharedCounter {
    fn reset(&mut self, slots: usize) {
        self.shared.clear();
        self.shared.resize(slots, 0);
        self.touched.clear();
    }

    fn count<'p>(&mut self, sentence: &[u32], postings: impl Fn(u32) -> &'p [u32]) {
        for &stem in sentence {
            for &slot in postings(stem) {
                let count = &mut self.shared[slot as usize];
                if *count == 0 {
                    self.touched.push(slot);
                }
                *count += 1;
            }
        }
    }

    fn clear(&mut self) {
        for &slot in &self.touched {
            self.shared[slot as usize] = 0;
        }
        self.touched.clear();
    }
}

/// [`matched_shares`] through `b`'s stem index: each sentence of `a` is compared only with the
/// sentences of `b` that share a stem with it, which is all a match needs. Same result.
fn matched_shares_indexed(
    a: &[Vec<u32>],
    b: &SentenceIndex,
    slots: &StemSlots,
    counter: &mut SharedCounter,
) -> ((usize, f64), (usize, f64)) {
    counter.reset(b.lengths.len());
    let mut column = vec![false; b.lengths.len()];
    let mut rows = 0;
    for sa in a {
        counter.count(sa, |stem| slots.postings(b, stem));
        let mut row = false;
        for &j in &counter.touched {
            let j = j as usize;
            if same_size_test(counter.shared[j] as usize, sa.len(), b.lengths[j]) {
                row = true;
                column[j] = true;
            }
        }
        counter.clear();
        rows += usize::from(row);
    }
    let columns = column.iter().filter(|&&c| c).count();
    let share = |k: usize, n: usize| if n == 0 { 0.0 } else { k as f64 / n as f64 };
    (
        (rows, share(rows, a.len())),
        (columns, share(columns, b.lengths.len())),
    )
}

/// (number matched, share matched) of `a`'s sentences whose content is mostly contained in one
/// sentence of `b`, and the same of `b`'s in `a` (each sentence a sorted list of distinct stem
/// ids). [`same_sentence`] is symmetric, so one pass over the pairs serves both; a pair whose
/// row and column are both matched already is not compared. The pairwise definition that
/// [`matched_shares_indexed`] computes faster (tests compare the two).
#[cfg(test)]
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
#[cfg(test)]
fn same_sentence(sa: &[u32], sb: &[u32]) -> bool {
    same_size_test(intersection_len(sa, sb), sa.len(), sb.len())
}

/// [`same_sentence`] from the number of shared stems and the two sentences' sizes. A pair
/// sharing none never passes (the shares are then 0), which is why an index of shared stems
/// finds every match.
fn same_size_test(shared: usize, len_a: usize, len_b: usize) -> bool {
    shared as f64 / len_a.min(len_b).max(1) as f64 >= SENTENCE_MATCH
        && shared as f64 / len_a.max(len_b).max(1) as f64 >= SENTENCE_MATCH / 2.0
}

/// How many ids two sorted, duplicate-free lists share.
#[cfg(test)]
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

/// A sentence's stem sequence, what [`verbatim_share`] compares.
fn sentence_key(s: &crate::model::Sentence) -> Vec<&str> {
    s.tokens.iter().map(|t| &*t.stem).collect()
}

/// The stem sequences of `b`'s sentences (the empty one left out), for [`verbatim_share`].
fn sentence_keys<'d>(b: &Doc<'d>) -> FxHashSet<Vec<&'d str>> {
    b.sentences
        .iter()
        .map(sentence_key)
        .filter(|k| !k.is_empty())
        .collect()
}

/// Share of `a`'s sentences that occur word for word (same stem sequence) in `b`, given as
/// `in_b` ([`sentence_keys`]).
fn verbatim_share(a: &Doc<'_>, in_b: &FxHashSet<Vec<&str>>) -> f64 {
    let (mut matched, mut all) = (0usize, 0usize);
    for sentence in a.sentences {
        if sentence.tokens.is_empty() {
            continue;
        }
        all += 1;
        matched += usize::from(in_b.contains(&sentence_key(sentence)));
    }
    if all == 0 {
        return 0.0;
    }
    matched as f64 / all as f64
}

fn pick_original(
    members: &[usize],
    docs: &[Doc<'_>],
    cluster: &Cluster,
    contained: &FxHashMap<(usize, usize), f64>,
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
    use proptest::prelude::*;

    use super::super::build_brief;
    use super::super::testutil::cluster_of;
    use super::{SentenceIndex, SharedCounter, StemSlots, matched_shares, matched_shares_indexed};

    /// Sentences as coverage keeps them: 4 to 12 distinct sorted stem ids, from a small vocabulary
    /// so that sentences share many stems and some match.
    fn sentences() -> impl Strategy<Value = Vec<Vec<u32>>> {
        prop::collection::vec(
            prop::collection::btree_set(0u32..24, 4..12).prop_map(|s| s.into_iter().collect()),
            0..12,
        )
    }

    proptest! {
        /// The stem index finds the same matches as comparing every pair of sentences.
        #[test]
        fn indexed_matching_equals_pairwise(a in sentences(), b in sentences()) {
            let mut counter = SharedCounter::default();
            let index = SentenceIndex::new(&b);
            let mut slots = StemSlots::new(24);
            slots.load(&index);
            let indexed = matched_shares_indexed(&a, &index, &slots, &mut counter);
            prop_assert_eq!(indexed, matched_shares(&a, &b));
            // The counter is left clean for the next pair.
            prop_assert!(counter.touched.is_empty());
            prop_assert!(counter.shared.iter().all(|&c| c == 0));
        }
    }

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
