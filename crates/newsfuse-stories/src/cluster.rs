//! The online clusterer: one pass, each article joins the most similar live story or starts one.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, VecDeque};

use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};

use crate::text::{Features, Language, Vocabulary, is_pair, stable_hash};

/// One article as the clusterer sees it. Every field but the text may be missing.
#[derive(Debug, Clone, Copy, Default)]
pub struct ArticleIn<'a> {
    /// The caller's id. An article with an id seen before gets that article's story.
    pub id: Option<&'a str>,
    /// Its URL. An article with a URL seen before gets that article's story.
    pub url: Option<&'a str>,
    /// The headline; its words weigh `StoryConfig::title_weight` times a body word.
    pub title: &'a str,
    /// The body text.
    pub text: &'a str,
    /// Publication time in seconds since the Unix epoch (see `parse_time`); `None` places the
    /// article at the latest time seen so far (arrival order).
    pub time: Option<i64>,
}

/// Settings of the clusterer. `Default` gives the tuned values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct StoryConfig {
    /// An article joins the most similar candidate story when their cosine (tf-idf, idf as of
    /// now) is at least this.
    pub threshold: f32,
    /// An article with fewer distinct terms than this (a headline, a short note) needs less:
    /// the threshold is scaled by `sqrt(terms / short_terms)` (0: never scaled). A short text
    /// can only cover a few of a story's terms, so its cosine with the story is lower.
    pub short_terms: usize,
    /// A story that gets no article for this many seconds closes: it leaves the index and no
    /// later article joins it.
    pub window_secs: i64,
    /// A story also closes after this many articles have arrived without one for it (this bounds
    /// the live set of a stream without times).
    pub window_articles: u64,
    /// Articles, URLs, texts and shingle sketches are remembered this long for recognising
    /// articles seen again and copies.
    pub memory_secs: i64,
    /// ... and for this many articles at most.
    pub memory_articles: u64,
    /// How many of the article's heaviest terms look up candidate stories.
    pub query_terms: usize,
    /// How many of a story's heaviest terms are in the index.
    pub index_terms: usize,
    /// How many candidate stories (those sharing most query weight) are scored in full.
    pub candidates: usize,
    /// How many terms a story's vector keeps (the lightest are dropped).
    pub story_terms: usize,
    /// Similarity fades with the time between the article and the story's nearest article:
    /// it is multiplied by `exp(-gap / decay_secs)` (0: no fading).
    pub decay_secs: f32,
    /// Added to every inverse document frequency `ln((1 + N) / (1 + df))`.
    pub idf_offset: f32,
    /// Weight of a pair of content words in a row, relative to a word (0: words only).
    pub bigram_weight: f32,
    /// Weight of a title word relative to a body word.
    pub title_weight: f32,
    /// Weight of a capitalised word inside a sentence (most often a name) relative to another
    /// body word; it only matters in mixed-case text.
    pub name_weight: f32,
    /// How many of a story's latest members it keeps to compare an article with one by one, on
    /// top of the comparison with the story's centroid (0: centroid only).
    pub member_links: usize,
    /// When above 0, a story's score is `(1 - b) · centroid cosine + b · best member cosine`
    /// instead of the larger of the two.
    pub member_blend: f32,
    /// Whether `member_blend` also applies to an article linked to the story by names
    /// (`link_names`). Off: such an article is scored by the centroid alone, since the names it
    /// shares already tie it to the story's event, and a report of another side of that event
    /// may resemble no single member.
    pub blend_linked: bool,
    /// Terms kept of each such member (its heaviest).
    pub member_terms: usize,
    /// A member's cosine with the article counts this much of the centroid's.
    pub member_weight: f32,
    /// Hashes in an article's shingle sketch (the smallest of its word 4-shingles).
    pub sketch_size: usize,
    /// An article whose sketch shares at least this share of its values with an earlier
    /// article's is a copy or rewrite of it, and joins its story.
    pub copy_share: f32,
    /// Articles with fewer distinct shingles than this are never called copies (headlines).
    pub copy_min_shingles: usize,
    /// A time more than this many seconds after the latest seen is not believed (treated as
    /// absent), so one wrong date cannot close every story.
    pub max_clock_jump: i64,
    /// An article with fewer content words than this (words that are not stopwords, numbers or
    /// single characters) in its title and in the lines of its text that the core's clean stage
    /// keeps is without content: site furniture (crawl notices, widget text, reprint forms) or an
    /// empty page. It is never placed by its text: it starts a story of its own that nothing
    /// joins (0: every article is placed by its text).
    pub min_content_words: usize,
    /// An article and a story that share at least this many name terms (words capitalised
    /// inside a sentence, so only in mixed-case text) are linked: the story stays a candidate
    /// for `link_window_secs` after its latest article instead of `window_secs`, and their
    /// similarity fades by `link_decay_secs` instead of `decay_secs` (0: no links).
    pub link_names: usize,
    /// An article whose text (the same, or a copy) was first published more than this many
    /// seconds before it is recurring site text (crawl notices, sign-up forms): it is placed as
    /// without content (0, the default: a repeat always joins its original's story). Off by
    /// default: a story re-sent with small changes over several days would be cut too.
    pub recurring_secs: i64,
    /// An article with at least `link_names` names that shares at least half that many with a
    /// story, and at least this share of its own names, is linked to it too (0: only
    /// `link_names` shared names link): a report that names few people and places, most of them
    /// the story's.
    pub link_share: f32,
    /// How long a story with at least `link_names` names stays open for linked articles.
    pub link_window_secs: i64,
    /// The threshold for an article linked to a story by names (`link_names`) is the threshold
    /// times this (1: the same as for any article).
    pub link_threshold: f32,
    /// The fading of a linked article's similarity (0: none).
    pub link_decay_secs: f32,
    /// How many of its most frequent name terms a story keeps.
    pub story_names: usize,
    /// The similarity of an article that is not short (`short_terms`) with a story of `n`
    /// articles placed by their text is multiplied by `n^-size_exponent` (0: not). The cosine with
    /// a centroid grows with the story's size for the same likeness to its members, so a large
    /// story would otherwise gather loosely related articles. Short texts (headlines) are left
    /// alone: with few terms, their stories grow by the threshold's scaling instead.
    pub size_exponent: f32,
    /// After an article joins a story by its text, each other candidate story whose similarity
    /// with the article reaches `merge_gate` times the threshold, and whose centroid has at least
    /// this tf-idf cosine with the joined story's, is merged into it (0: stories never merge).
    /// A merged story's id then stands for the other's: see `StoryClusterer::resolve`.
    pub merge_threshold: f32,
    /// The share of the threshold an article's similarity with a second story must reach for
    /// that story to be considered for a merge (`merge_threshold`).
    pub merge_gate: f32,
    /// Only a story of at most this many articles is merged into another (`merge_threshold`;
    /// 0: any size). A single report that a later article ties to a larger story is most often
    /// one of its reports that first scored under the threshold; two stories of several
    /// articles each that one article resembles are more often two events of one topic.
    pub merge_max_size: u32,
    /// A story that still holds one article this many seconds after it started gets a second
    /// look: its article is placed again against the live stories (itself left out) and, when
    /// one scores at least `second_look_gate` times the threshold, the story is merged into it
    /// (0: never). A report that came before most of its story's vocabulary did, and so scored
    /// under the threshold with every story then, is compared with what its story has become.
    pub second_look_secs: i64,
    /// The share of the threshold a second look needs (`second_look_secs`).
    pub second_look_gate: f32,
    /// A single-article story also gets a look this many seconds after it started, before the
    /// one at `second_look_secs` and as that one is made (0: only that one). A look soon after
    /// an event's first reports finds a story still gathering them; the later one finds a story
    /// that gathered over weeks.
    pub early_look_secs: i64,
    /// An article compared with a story's latest members (`member_blend`) needs a best member
    /// cosine of at least this times its threshold as well (0: no such need): an article like
    /// the story's centroid, its topic, but like none of its latest reports is most often a
    /// report of another event of that topic.
    pub member_floor: f32,
}

impl Default for StoryConfig {
    fn default() -> Self {
        Self {
            threshold: 0.16,
            short_terms: 24,
            window_secs: 14 * 86_400,
            window_articles: 200_000,
            memory_secs: 30 * 86_400,
            memory_articles: 1_000_000,
            query_terms: 24,
            index_terms: 48,
            candidates: 16,
            story_terms: 512,
            decay_secs: 10.0 * 86_400.0,
            idf_offset: 1.0,
            bigram_weight: 0.0,
            title_weight: 2.0,
            name_weight: 2.0,
            member_links: 4,
            member_blend: 0.5,
            blend_linked: false,
            member_terms: 128,
            member_weight: 1.0,
            sketch_size: 32,
            copy_share: 0.5,
            copy_min_shingles: 24,
            max_clock_jump: 366 * 86_400,
            min_content_words: 3,
            link_names: 6,
            recurring_secs: 0,
            link_window_secs: 60 * 86_400,
            link_decay_secs: 60.0 * 86_400.0,
            link_threshold: 0.85,
            link_share: 0.4,
            story_names: 32,
            size_exponent: 0.12,
            merge_threshold: 0.15,
            merge_gate: 0.85,
            merge_max_size: 1,
            second_look_secs: 10 * 86_400,
            second_look_gate: 0.85,
            early_look_secs: 2 * 86_400,
            member_floor: 1.0,
        }
    }
}

/// How an article was recognised as one seen before.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DuplicateKind {
    /// The same id.
    SameId,
    /// The same URL.
    SameUrl,
    /// Identical text (title and body).
    SameText,
    /// A copy or rewrite: most of its word 4-shingles are the earlier article's.
    Copy,
}

/// The earlier article an article repeats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Duplicate {
    /// The earlier article's sequence number (`Assignment::article`).
    pub of: u64,
    /// How it was recognised.
    pub kind: DuplicateKind,
}

/// Where an article went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Assignment {
    /// The article's sequence number: 0 for the first article added, then 1, 2, ...
    pub article: u64,
    /// The story: numbered from 0 in the order stories start.
    pub story: u64,
    /// True when this article started the story.
    pub is_new: bool,
    /// The earlier article this one repeats, if any. Seen again (same id, URL or text): the
    /// article gets the earlier one's story and changes nothing. A copy: it joins that story.
    pub duplicate_of: Option<Duplicate>,
    /// True when the article has no content to place it by (`StoryConfig::min_content_words`):
    /// it started a story of its own that no later article joins by its text.
    pub without_content: bool,
}

#[derive(Clone, Copy, Serialize, Deserialize)]
struct Seen {
    story: u64,
    article: u64,
    /// The article's publication time (`UNKNOWN_TIME` in states saved without it).
    #[serde(default = "unknown_time")]
    time: i64,
}

const UNKNOWN_TIME: i64 = i64::MIN;

fn unknown_time() -> i64 {
    UNKNOWN_TIME
}

#[derive(Serialize, Deserialize)]
struct Story {
    id: u64,
    /// Sum of the members' unit log-tf vectors (no idf), sorted by term.
    terms: Vec<(u32, f32)>,
    /// Norm of `terms` weighted by idf, as of `norm_docs` documents.
    norm: f32,
    norm_docs: u32,
    indexed: Vec<u32>,
    first: i64,
    last: i64,
    last_article: u64,
    language: Language,
    /// The latest members' heaviest terms (by tf-idf when they arrived) with their log-tf weights,
    /// sorted by term; compared with the idf of the moment, as the centroid is.
    members: VecDeque<Vec<(u32, f32)>>,
    /// Its most frequent name terms and how many members wrote each as a name, sorted by term.
    #[serde(default)]
    names: Vec<(u32, u32)>,
    /// Articles placed in it by their text, copies included (repeats of an id, URL or text not;
    /// 0 in states saved before it was kept, read as 1).
    #[serde(default)]
    size: u32,
}

#[derive(Serialize, Deserialize)]
struct Remembered {
    time: i64,
    /// The article that brought these keys (their place in the arrival order).
    article: u64,
    /// The article the keys point at: `article` itself, or the first occurrence it repeats.
    owner: u64,
    keys: Vec<u64>,
    sketch: Vec<u64>,
}

/// Online single-pass story clustering.
///
/// Cost of one article: reading it, looking up its `query_terms` heaviest terms in an inverted
/// index over the live stories' heaviest terms, and scoring at most `candidates` stories, so it
/// does not grow with the number of stories ever seen. Memory holds the live stories (bounded by
/// the windows), the remembered keys (bounded by `memory_*`) and the vocabulary.
#[derive(Serialize, Deserialize)]
pub struct StoryClusterer {
    config: StoryConfig,
    vocab: Vocabulary,
    stories: Vec<Option<Story>>,
    free: Vec<u32>,
    postings: FxHashMap<u32, Vec<u32>>,
    by_time: BinaryHeap<Reverse<(i64, u32, u64)>>,
    /// Stories past `window_secs` kept open for linked articles (`link_names`), by latest time.
    #[serde(default)]
    by_time_linked: BinaryHeap<Reverse<(i64, u32, u64)>>,
    by_arrival: VecDeque<(u64, u32, u64)>,
    seen: FxHashMap<u64, Seen>,
    sketches: FxHashMap<u64, Seen>,
    memory: VecDeque<Remembered>,
    clock: Option<i64>,
    next_story: u64,
    next_article: u64,
    live: usize,
    slots: FxHashMap<u64, u32>,
    /// Stories merged into another (`merge_threshold`): merged id -> the id it joined.
    #[serde(default)]
    aliases: FxHashMap<u64, u64>,
    /// Single-article stories waiting for a second look (`second_look_secs`), by due time; the
    /// story's slot and id.
    #[serde(default)]
    second_looks: BinaryHeap<Reverse<(i64, u32, u64)>>,
    #[serde(skip)]
    scratch: FxHashMap<u32, f32>,
    /// The candidate stories of the latest `best_story` that may merge with the one it chose.
    #[serde(skip)]
    bridges: Vec<u32>,
}

impl StoryClusterer {
    /// A clusterer with no stories yet.
    pub fn new(config: StoryConfig) -> Self {
        let mut vocab = Vocabulary::default();
        vocab.idf_offset = config.idf_offset;
        Self {
            config,
            vocab,
            stories: Vec::new(),
            free: Vec::new(),
            postings: FxHashMap::default(),
            by_time: BinaryHeap::new(),
            by_time_linked: BinaryHeap::new(),
            by_arrival: VecDeque::new(),
            seen: FxHashMap::default(),
            sketches: FxHashMap::default(),
            memory: VecDeque::new(),
            clock: None,
            next_story: 0,
            next_article: 0,
            live: 0,
            slots: FxHashMap::default(),
            aliases: FxHashMap::default(),
            second_looks: BinaryHeap::new(),
            scratch: FxHashMap::default(),
            bridges: Vec::new(),
        }
    }

    /// The settings in use.
    pub fn config(&self) -> &StoryConfig {
        &self.config
    }

    /// Stories open now (in the index).
    pub fn live_stories(&self) -> usize {
        self.live
    }

    /// Ids, URLs, texts and sketch values remembered now (bounded by `memory_secs` and
    /// `memory_articles`).
    pub fn remembered_keys(&self) -> usize {
        self.seen.len() + self.sketches.len()
    }

    /// Stories started so far.
    pub fn stories_started(&self) -> u64 {
        self.next_story
    }

    /// Distinct word forms read so far: the vocabulary, which grows with the stream (sublinearly).
    pub fn vocabulary_size(&self) -> usize {
        self.vocab.words()
    }

    /// The story a story id stands for now: the id itself, or, when that story was merged into
    /// another (`StoryConfig::merge_threshold`), the story it was merged into. An `Assignment`
    /// always names a story as it is then; resolving earlier assignments at the end gives the
    /// final grouping.
    pub fn resolve(&self, mut story: u64) -> u64 {
        while let Some(&into) = self.aliases.get(&story) {
            story = into;
        }
        story
    }

    /// Stories merged into another so far.
    pub fn merged_stories(&self) -> usize {
        self.aliases.len()
    }

    /// Every story merged into another so far, with the story it stands for now
    /// ([`StoryClusterer::resolve`]), in no particular order. A store compares them with the
    /// merges it has applied.
    pub fn merges(&self) -> impl Iterator<Item = (u64, u64)> + '_ {
        self.aliases
            .keys()
            .map(|&story| (story, self.resolve(story)))
    }

    /// Forgets every merge that no remembered article names any more, and points each merge it
    /// keeps straight at the story it stands for now. Only an article still remembered (its id,
    /// URL, text or sketch; see `StoryConfig::memory_secs` and `memory_articles`) can hand a
    /// later [`StoryClusterer::add`] the id of a merged story, so `resolve` stays right for every
    /// id a later assignment can give, and the record of merges stays bounded by the memory
    /// window instead of growing with the stream. An `Assignment` made before the call may name
    /// a forgotten id: resolve those first (a store does so at the end of each batch; `newsfuse
    /// cluster`, which resolves at the end of the stream, never calls this). Returns how many
    /// merges were forgotten.
    pub fn forget_settled_merges(&mut self) -> usize {
        if self.aliases.is_empty() {
            return 0;
        }
        let named: FxHashSet<u64> = self
            .seen
            .values()
            .chain(self.sketches.values())
            .map(|s| s.story)
            .filter(|story| self.aliases.contains_key(story))
            .collect();
        let kept: FxHashMap<u64, u64> = named
            .into_iter()
            .map(|story| (story, self.resolve(story)))
            .collect();
        let forgotten = self.aliases.len() - kept.len();
        self.aliases = kept;
        forgotten
    }

    /// The latest publication time seen, if any.
    pub fn clock(&self) -> Option<i64> {
        self.clock
    }

    /// Places one article: it joins a story or starts one.
    pub fn add(&mut self, article: &ArticleIn<'_>) -> Assignment {
        let seq = self.next_article;
        self.next_article += 1;
        let time = self.advance_clock(article.time);
        self.evict(seq);
        self.look_again();

        let mut keys: Vec<(u64, DuplicateKind)> = Vec::with_capacity(3);
        if let Some(id) = article.id.filter(|s| !s.is_empty()) {
            keys.push((key(b'i', id), DuplicateKind::SameId));
        }
        if let Some(url) = article.url.map(normalize_url).filter(|s| !s.is_empty()) {
            keys.push((key(b'u', url), DuplicateKind::SameUrl));
        }
        let without_content = self.config.min_content_words > 0
            && !has_content(article.title, article.text, self.config.min_content_words);
        if let Some(h) = text_key(article.title, article.text).filter(|_| !without_content) {
            keys.push((h, DuplicateKind::SameText));
        }
        let hit = keys
            .iter()
            .find_map(|(k, kind)| self.seen.get(k).map(|s| (*s, *kind)));
        let recurring = hit
            .is_some_and(|(hit, kind)| kind == DuplicateKind::SameText && self.recurs(hit, time));
        if let Some((hit, kind)) = hit.filter(|_| !recurring) {
            let new_keys: Vec<u64> = keys
                .iter()
                .map(|(k, _)| *k)
                .filter(|k| !self.seen.contains_key(k))
                .collect();
            for &k in &new_keys {
                self.seen.insert(k, hit);
            }
            self.remember(time, seq, hit.article, new_keys, Vec::new());
            return Assignment {
                article: seq,
                story: self.resolve(hit.story),
                is_new: false,
                duplicate_of: Some(Duplicate {
                    of: hit.article,
                    kind,
                }),
                without_content,
            };
        }
        if without_content || recurring {
            return self.alone(&keys, time, seq);
        }

        let features = self.vocab.features(
            article.title,
            article.text,
            self.config.title_weight,
            self.config.name_weight,
            self.config.bigram_weight,
            self.config.sketch_size,
        );
        self.vocab.count_document(&features.counts);
        let unit = unit_log_tf(&features.counts);
        let weighted = self.weighted(&features.counts);

        let copy = self.copy_of(&features);
        if copy.is_some_and(|original| self.recurs(original, time)) {
            return self.alone(&keys, time, seq);
        }
        let (story, is_new, duplicate_of) = if let Some(original) = copy {
            let story = self.resolve(original.story);
            if let Some(slot) = self.slot_of(story) {
                self.join(slot, &unit, &features.names, time, seq, features.language);
            }
            let dup = Duplicate {
                of: original.article,
                kind: DuplicateKind::Copy,
            };
            (story, false, Some(dup))
        } else if let Some(slot) = self.best_story(
            Query {
                terms: features.words,
                names: &features.names,
                language: features.language,
                exclude: None,
                gate: 1.0,
            },
            &weighted,
            time,
        ) {
            self.join(slot, &unit, &features.names, time, seq, features.language);
            self.add_member(slot, &unit, &weighted);
            self.merge_bridged(slot);
            (
                self.stories[slot as usize].as_ref().map_or(0, |s| s.id),
                false,
                None,
            )
        } else {
            let story = self.open(&unit, &features.names, time, seq, features.language);
            if let Some(slot) = self.slot_of(story) {
                self.add_member(slot, &unit, &weighted);
                for wait in [self.config.early_look_secs, self.config.second_look_secs] {
                    if wait > 0 {
                        self.second_looks
                            .push(Reverse((time.saturating_add(wait), slot, story)));
                    }
                }
            }
            (story, true, None)
        };

        let seen = Seen {
            story,
            article: seq,
            time,
        };
        let mut stored = Vec::with_capacity(keys.len());
        for (k, _) in keys {
            if let std::collections::hash_map::Entry::Vacant(e) = self.seen.entry(k) {
                e.insert(seen);
                stored.push(k);
            }
        }
        let mut sketch = Vec::new();
        if features.shingles >= self.config.copy_min_shingles {
            for &h in &features.sketch {
                if let std::collections::hash_map::Entry::Vacant(e) = self.sketches.entry(h) {
                    e.insert(seen);
                    sketch.push(h);
                }
            }
        }
        self.remember(time, seq, seq, stored, sketch);
        Assignment {
            article: seq,
            story,
            is_new,
            duplicate_of,
            without_content: false,
        }
    }

    /// True when `original` was published more than `recurring_secs` before `time`: text that
    /// comes back long after its first occurrence is site furniture, not a report of an event.
    fn recurs(&self, original: Seen, time: i64) -> bool {
        self.config.recurring_secs > 0
            && original.time != UNKNOWN_TIME
            && time.saturating_sub(original.time) > self.config.recurring_secs
    }

    /// Places an article without content (or with recurring text) in a story of its own that is
    /// never live: no index terms, no sketch; its id and URL are remembered.
    fn alone(&mut self, keys: &[(u64, DuplicateKind)], time: i64, seq: u64) -> Assignment {
        let story = self.next_story;
        self.next_story += 1;
        let seen = Seen {
            story,
            article: seq,
            time,
        };
        let stored: Vec<u64> = keys
            .iter()
            .map(|(k, _)| *k)
            .filter(|k| !self.seen.contains_key(k))
            .collect();
        for &k in &stored {
            self.seen.insert(k, seen);
        }
        self.remember(time, seq, seq, stored, Vec::new());
        Assignment {
            article: seq,
            story,
            is_new: true,
            duplicate_of: None,
            without_content: true,
        }
    }

    fn advance_clock(&mut self, time: Option<i64>) -> i64 {
        let believable = time.filter(|&t| {
            self.clock
                .is_none_or(|c| t <= c.saturating_add(self.config.max_clock_jump))
        });
        match (believable, self.clock) {
            (Some(t), Some(c)) => {
                self.clock = Some(c.max(t));
                t
            }
            (Some(t), None) => {
                self.clock = Some(t);
                t
            }
            (None, Some(c)) => c,
            (None, None) => 0,
        }
    }

    fn remember(&mut self, time: i64, article: u64, owner: u64, keys: Vec<u64>, sketch: Vec<u64>) {
        if !keys.is_empty() || !sketch.is_empty() {
            self.memory.push_back(Remembered {
                time: self.clock.unwrap_or(time),
                article,
                owner,
                keys,
                sketch,
            });
        }
    }

    /// Closes stories idle past the windows and forgets keys past the memory.
    fn evict(&mut self, seq: u64) {
        let clock = self.clock.unwrap_or(0);
        while let Some(&Reverse((last, slot, id))) = self.by_time.peek() {
            if last.saturating_add(self.config.window_secs) >= clock {
                break;
            }
            self.by_time.pop();
            let Some(story) = self.stories[slot as usize]
                .as_ref()
                .filter(|s| s.id == id && s.last == last)
            else {
                continue;
            };
            let linkable = self.config.link_names > 0
                && story.names.len() >= self.config.link_names
                && last.saturating_add(self.config.link_window_secs) >= clock;
            if linkable {
                self.by_time_linked.push(Reverse((last, slot, id)));
            } else {
                self.close(slot);
            }
        }
        while let Some(&Reverse((last, slot, id))) = self.by_time_linked.peek() {
            if last.saturating_add(self.config.link_window_secs) >= clock {
                break;
            }
            self.by_time_linked.pop();
            if self.stories[slot as usize]
                .as_ref()
                .is_some_and(|s| s.id == id && s.last == last)
            {
                self.close(slot);
            }
        }
        while let Some(&(at, slot, id)) = self.by_arrival.front() {
            if at + self.config.window_articles > seq {
                break;
            }
            self.by_arrival.pop_front();
            if self.stories[slot as usize]
                .as_ref()
                .is_some_and(|s| s.id == id && s.last_article == at)
            {
                self.close(slot);
            }
        }
        while let Some(front) = self.memory.front() {
            if front.time.saturating_add(self.config.memory_secs) >= clock
                && front.article + self.config.memory_articles > seq
            {
                break;
            }
            let old = self.memory.pop_front().expect("front exists");
            for k in old.keys {
                if self.seen.get(&k).is_some_and(|s| s.article == old.owner) {
                    self.seen.remove(&k);
                }
            }
            for h in old.sketch {
                if self
                    .sketches
                    .get(&h)
                    .is_some_and(|s| s.article == old.owner)
                {
                    self.sketches.remove(&h);
                }
            }
        }
    }

    fn close(&mut self, slot: u32) {
        if let Some(story) = self.stories[slot as usize].take() {
            for term in story.indexed {
                self.unindex(term, slot);
            }
            self.free.push(slot);
            self.slots.remove(&story.id);
            self.live -= 1;
        }
    }

    fn unindex(&mut self, term: u32, slot: u32) {
        if let Some(list) = self.postings.get_mut(&term) {
            if let Some(pos) = list.iter().position(|&s| s == slot) {
                list.swap_remove(pos);
            }
            if list.is_empty() {
                self.postings.remove(&term);
            }
        }
    }

    fn slot_of(&self, story: u64) -> Option<u32> {
        self.slots.get(&story).copied()
    }

    fn copy_of(&self, features: &Features) -> Option<Seen> {
        if features.shingles < self.config.copy_min_shingles || features.sketch.is_empty() {
            return None;
        }
        let mut hits: Vec<(Seen, usize)> = Vec::new();
        for h in &features.sketch {
            if let Some(s) = self.sketches.get(h) {
                match hits.iter_mut().find(|(a, _)| a.article == s.article) {
                    Some(entry) => entry.1 += 1,
                    None => hits.push((*s, 1)),
                }
            }
        }
        let need = (self.config.copy_share * features.sketch.len() as f32).ceil() as usize;
        hits.into_iter()
            .filter(|&(_, n)| n >= need.max(1))
            .max_by_key(|&(a, n)| (n, Reverse(a.article)))
            .map(|(seen, _)| seen)
    }

    /// The article's tf-idf vector (idf as of now), unit length, sorted by term.
    fn weighted(&self, counts: &[(u32, f32)]) -> Vec<(u32, f32)> {
        let mut v: Vec<(u32, f32)> = counts
            .iter()
            .map(|&(t, c)| (t, (1.0 + c.ln()) * self.vocab.idf(t)))
            .collect();
        normalize(&mut v);
        v
    }

    fn add_member(&mut self, slot: u32, unit: &[(u32, f32)], weighted: &[(u32, f32)]) {
        let (links, terms) = (self.config.member_links, self.config.member_terms);
        if links == 0 {
            return;
        }
        let Some(story) = self.stories[slot as usize].as_mut() else {
            return;
        };
        // `unit` and `weighted` hold the same terms in the same order.
        let mut v: Vec<(u32, f32)> = if weighted.len() > terms {
            let mut heavy: Vec<(usize, f32)> = weighted
                .iter()
                .enumerate()
                .map(|(i, &(_, w))| (i, w))
                .collect();
            heavy.select_nth_unstable_by(terms, |a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            heavy.truncate(terms);
            heavy.into_iter().map(|(i, _)| unit[i]).collect()
        } else {
            unit.to_vec()
        };
        v.sort_unstable_by_key(|&(t, _)| t);
        if story.members.len() == links {
            story.members.pop_front();
        }
        story.members.push_back(v);
    }

    /// Gives single-article stories whose wait is over a second look: the article is placed
    /// again against the live stories (itself left out), and its story merges into the best.
    fn look_again(&mut self) {
        let clock = self.clock.unwrap_or(0);
        while let Some(&Reverse((due, slot, id))) = self.second_looks.peek() {
            if due > clock {
                break;
            }
            self.second_looks.pop();
            let Some(story) = self.stories[slot as usize]
                .as_ref()
                .filter(|s| s.id == id && s.size <= 1)
            else {
                continue;
            };
            let mut weighted: Vec<(u32, f32)> = story
                .terms
                .iter()
                .map(|&(t, w)| (t, w * self.vocab.idf(t)))
                .collect();
            if normalize(&mut weighted) <= 0.0 {
                continue;
            }
            let names: Vec<u32> = story.names.iter().map(|&(t, _)| t).collect();
            let terms = story.terms.iter().filter(|&&(t, _)| !is_pair(t)).count();
            let (language, time) = (story.language, story.last);
            let best = self.best_story(
                Query {
                    terms,
                    names: &names,
                    language,
                    exclude: Some(slot),
                    gate: self.config.second_look_gate,
                },
                &weighted,
                time,
            );
            self.bridges.clear();
            if let Some(best) = best {
                self.merge(best, slot);
            }
        }
    }

    fn best_story(
        &mut self,
        features: Query<'_>,
        weighted: &[(u32, f32)],
        time: i64,
    ) -> Option<u32> {
        if features.terms == 0 || self.live == 0 {
            return None;
        }
        let norm = 1.0;
        let mut query: Vec<(u32, f32)> = weighted.to_vec();
        let q = self.config.query_terms.min(query.len());
        if q < query.len() {
            query.select_nth_unstable_by(q, |a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            query.truncate(q);
        }
        self.scratch.clear();
        for &(term, w) in &query {
            if let Some(list) = self.postings.get(&term) {
                for &slot in list {
                    *self.scratch.entry(slot).or_insert(0.0) += w;
                }
            }
        }
        let window = self.config.window_secs;
        let link_names = self.config.link_names;
        let may_link = link_names > 0 && features.names.len() >= link_names;
        let mut candidates: Vec<(u32, f32)> = self.scratch.iter().map(|(&s, &w)| (s, w)).collect();
        if !may_link && !self.by_time_linked.is_empty() {
            // Stories kept open for links are no candidates for an article without names.
            candidates.retain(|&(slot, _)| {
                self.stories[slot as usize]
                    .as_ref()
                    .is_some_and(|s| time <= s.last.saturating_add(window))
            });
        }
        candidates.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        candidates.truncate(self.config.candidates);
        let docs = self.vocab.docs();
        let short = self.config.short_terms;
        let threshold = features.gate
            * if short > 0 && features.terms < short {
                self.config.threshold * (features.terms as f32 / short as f32).sqrt()
            } else {
                self.config.threshold
            };
        let short_text = short > 0 && features.terms < short;
        let mut best: Option<(u32, f32)> = None;
        let merging = self.config.merge_threshold > 0.0;
        let gate = threshold * self.config.merge_gate;
        self.bridges.clear();
        for (slot, _) in candidates {
            if features.exclude == Some(slot) {
                continue;
            }
            let Some(story) = self.stories[slot as usize].as_mut() else {
                continue;
            };
            if !story.language.compatible(features.language) {
                continue;
            }
            let linked = may_link && {
                let shared = shared_names(features.names, &story.names);
                shared >= link_names
                    || (self.config.link_share > 0.0
                        && shared * 2 >= link_names
                        && shared as f32 >= self.config.link_share * features.names.len() as f32)
            };
            let reach = if linked {
                self.config.link_window_secs.max(window)
            } else {
                window
            };
            if time > story.last.saturating_add(reach) || time < story.first.saturating_sub(reach) {
                continue;
            }
            if docs as f32 > story.norm_docs as f32 * 1.1 {
                story.norm = idf_norm(&story.terms, &self.vocab);
                story.norm_docs = docs;
            }
            let dot = sparse_dot_idf(weighted, &story.terms, &self.vocab);
            let mut cosine = if story.norm > 0.0 {
                dot / (norm * story.norm)
            } else {
                0.0
            };
            if self.config.member_blend > 0.0 {
                if !short_text && !story.members.is_empty() && (!linked || self.config.blend_linked)
                {
                    let best = story
                        .members
                        .iter()
                        .map(|m| member_cosine(weighted, m, &self.vocab))
                        .fold(0.0f32, f32::max);
                    let b = self.config.member_blend;
                    cosine = (1.0 - b) * cosine + b * best;
                    if best < self.config.member_floor * threshold {
                        // Like the story's topic, like none of its latest reports.
                        cosine = 0.0;
                    }
                }
            } else {
                for member in &story.members {
                    cosine = cosine.max(
                        self.config.member_weight * member_cosine(weighted, member, &self.vocab),
                    );
                }
            }
            let decay = if linked {
                self.config.link_decay_secs
            } else {
                self.config.decay_secs
            };
            if self.config.size_exponent > 0.0 && !short_text && story.size > 1 {
                // A centroid of many loosely related articles is near any article on their topic:
                // the cosine grows with the story's size for the same likeness to its members.
                cosine *= (story.size as f32).powf(-self.config.size_exponent);
            }
            if decay > 0.0 {
                let gap = (story.first - time).max(time - story.last).max(0);
                cosine *= (-(gap as f32) / decay).exp();
            }
            if merging && cosine >= gate {
                self.bridges.push(slot);
            }
            let needed = if linked {
                threshold * self.config.link_threshold
            } else {
                threshold
            };
            if cosine >= needed && best.is_none_or(|(_, b)| cosine > b) {
                best = Some((slot, cosine));
            }
        }
        best.map(|(slot, _)| slot)
    }

    /// Merges into the story at `slot` (which an article just joined) each other candidate of
    /// that article (`bridges`) whose centroid is close enough to its own (`merge_threshold`).
    fn merge_bridged(&mut self, slot: u32) {
        if self.config.merge_threshold <= 0.0 || self.bridges.len() < 2 {
            return;
        }
        let bridges = std::mem::take(&mut self.bridges);
        for &other in &bridges {
            if other == slot {
                continue;
            }
            let (Some(a), Some(b)) = (
                self.stories[slot as usize].as_ref(),
                self.stories[other as usize].as_ref(),
            ) else {
                continue;
            };
            if !a.language.compatible(b.language)
                || (self.config.merge_max_size > 0 && b.size.max(1) > self.config.merge_max_size)
            {
                continue;
            }
            let norms = idf_norm(&a.terms, &self.vocab) * idf_norm(&b.terms, &self.vocab);
            if norms <= 0.0 {
                continue;
            }
            let cosine = sparse_dot_idf2(&a.terms, &b.terms, &self.vocab) / norms;
            if cosine >= self.config.merge_threshold {
                self.merge(slot, other);
            }
        }
        self.bridges = bridges;
    }

    /// Folds the story at `gone` into the story at `keep`: its terms, names, members, size and
    /// times; `gone` closes and its id resolves to `keep`'s from now on.
    fn merge(&mut self, keep: u32, gone: u32) {
        let Some(g) = self.stories[gone as usize].take() else {
            return;
        };
        for &term in &g.indexed {
            self.unindex(term, gone);
        }
        self.free.push(gone);
        self.slots.remove(&g.id);
        self.live -= 1;
        let (cap, names_cap, links) = (
            self.config.story_terms,
            self.config.story_names,
            self.config.member_links,
        );
        let Some(story) = self.stories[keep as usize].as_mut() else {
            return;
        };
        self.aliases.insert(g.id, story.id);
        story.terms = merge_add(&story.terms, &g.terms);
        keep_heaviest(&mut story.terms, cap, f32::total_cmp);
        story.size = story.size.max(1).saturating_add(g.size.max(1));
        story.first = story.first.min(g.first);
        story.last = story.last.max(g.last);
        story.last_article = story.last_article.max(g.last_article);
        story.language.script = story.language.script.or(g.language.script);
        story.language.lang = story.language.lang.or(g.language.lang);
        story.members.extend(g.members);
        while story.members.len() > links {
            story.members.pop_front();
        }
        let mut names = merge_counts(&story.names, &g.names);
        keep_heaviest(&mut names, names_cap, u32::cmp);
        story.names = names;
        self.refresh(keep);
    }

    fn open(
        &mut self,
        unit: &[(u32, f32)],
        names: &[u32],
        time: i64,
        seq: u64,
        language: Language,
    ) -> u64 {
        let id = self.next_story;
        self.next_story += 1;
        let story = Story {
            id,
            terms: unit.to_vec(),
            norm: 0.0,
            norm_docs: 0,
            indexed: Vec::new(),
            first: time,
            last: time,
            last_article: seq,
            language,
            members: VecDeque::new(),
            names: Vec::new(),
            size: 1,
        };
        let slot = if let Some(slot) = self.free.pop() {
            self.stories[slot as usize] = Some(story);
            slot
        } else {
            self.stories.push(Some(story));
            (self.stories.len() - 1) as u32
        };
        self.live += 1;
        self.slots.insert(id, slot);
        self.add_names(slot, names);
        self.refresh(slot);
        id
    }

    /// Counts an article's names in its story's, keeping the `story_names` most frequent.
    fn add_names(&mut self, slot: u32, names: &[u32]) {
        let cap = self.config.story_names;
        if names.is_empty() || cap == 0 {
            return;
        }
        let Some(story) = self.stories[slot as usize].as_mut() else {
            return;
        };
        let mut merged = Vec::with_capacity(story.names.len() + names.len());
        let (mut i, mut j) = (0, 0);
        while i < story.names.len() || j < names.len() {
            if j == names.len() || (i < story.names.len() && story.names[i].0 < names[j]) {
                merged.push(story.names[i]);
                i += 1;
            } else if i == story.names.len() || names[j] < story.names[i].0 {
                merged.push((names[j], 1));
                j += 1;
            } else {
                merged.push((names[j], story.names[i].1 + 1));
                i += 1;
                j += 1;
            }
        }
        keep_heaviest(&mut merged, cap, u32::cmp);
        story.names = merged;
    }

    fn join(
        &mut self,
        slot: u32,
        unit: &[(u32, f32)],
        names: &[u32],
        time: i64,
        seq: u64,
        language: Language,
    ) {
        self.add_names(slot, names);
        let cap = self.config.story_terms;
        let Some(story) = self.stories[slot as usize].as_mut() else {
            return;
        };
        story.terms = merge_add(&story.terms, unit);
        story.size = story.size.saturating_add(1);
        keep_heaviest(&mut story.terms, cap, f32::total_cmp);
        story.first = story.first.min(time);
        story.last = story.last.max(time);
        story.last_article = seq;
        // The first member whose script or language is sure settles the story's.
        story.language.script = story.language.script.or(language.script);
        story.language.lang = story.language.lang.or(language.lang);
        self.refresh(slot);
    }

    /// Recomputes a story's norm and index terms, and queues it for closing.
    fn refresh(&mut self, slot: u32) {
        let k = self.config.index_terms;
        let docs = self.vocab.docs();
        let Some(story) = self.stories[slot as usize].as_mut() else {
            return;
        };
        story.norm = idf_norm(&story.terms, &self.vocab);
        story.norm_docs = docs;
        let mut heavy: Vec<(u32, f32)> = story
            .terms
            .iter()
            .map(|&(t, w)| (t, w * self.vocab.idf(t)))
            .collect();
        if heavy.len() > k {
            heavy.select_nth_unstable_by(k, |a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            heavy.truncate(k);
        }
        let mut new: Vec<u32> = heavy.into_iter().map(|(t, _)| t).collect();
        new.sort_unstable();
        let old = std::mem::replace(&mut story.indexed, new.clone());
        let (last, id, last_article) = (story.last, story.id, story.last_article);
        for term in old.iter().filter(|t| new.binary_search(t).is_err()) {
            self.unindex(*term, slot);
        }
        for term in new.iter().filter(|t| old.binary_search(t).is_err()) {
            self.postings.entry(*term).or_default().push(slot);
        }
        self.by_time.push(Reverse((last, slot, id)));
        self.by_arrival.push_back((last_article, slot, id));
    }
}

/// What `best_story` needs of the article it places.
#[derive(Clone, Copy)]
struct Query<'a> {
    /// Its distinct terms.
    terms: usize,
    /// Its name terms, sorted.
    names: &'a [u32],
    language: Language,
    /// A story it is not to join (its own, on a second look).
    exclude: Option<u32>,
    /// The share of the threshold it needs (1, or `second_look_gate` on a second look).
    gate: f32,
}

/// The keys by which `StoryClusterer::add` recognises an article seen again: its id, its URL
/// (without scheme, `www.`, fragment and trailing slash) and a hash of its title and text. A
/// store keeps them to recognise an article sent again after the clusterer's memory has let it go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleKeys {
    /// The id, when not empty.
    pub id: Option<String>,
    /// The normalised URL, when not empty.
    pub url: Option<String>,
    /// A stable 64-bit hash of the trimmed title and text; `None` when both are empty.
    pub text: Option<u64>,
}

/// The keys of one article (see [`ArticleKeys`]).
pub fn article_keys(article: &ArticleIn<'_>) -> ArticleKeys {
    ArticleKeys {
        id: article
            .id
            .filter(|s| !s.is_empty())
            .map(ToString::to_string),
        url: article
            .url
            .map(normalize_url)
            .filter(|s| !s.is_empty())
            .map(ToString::to_string),
        text: text_key(article.title, article.text),
    }
}

/// True when the title and the text's kept lines (the core's clean stage: site furniture, widget
/// text, bylines, captions and the like dropped) hold at least `min` content words: words of two
/// characters or more that are neither stopwords nor numbers.
fn has_content(title: &str, text: &str, min: usize) -> bool {
    let mut found = 0;
    let mut lower = String::new();
    let mut count = |part: &str| {
        for raw in part
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().nth(1).is_some() && !w.bytes().all(|b| b.is_ascii_digit()))
        {
            lower.clear();
            lower.extend(raw.chars().flat_map(char::to_lowercase));
            if !newsfuse::stopwords::is_stopword(&lower) {
                found += 1;
                if found >= min {
                    return true;
                }
            }
        }
        false
    };
    if count(title) {
        return true;
    }
    let cleaned = newsfuse::clean::clean(text);
    cleaned
        .blocks
        .iter()
        .any(|block| count(block.span.slice(text)))
}

fn text_key(title: &str, text: &str) -> Option<u64> {
    let (title, body) = (title.trim(), text.trim());
    if title.is_empty() && body.is_empty() {
        return None;
    }
    Some(key(b't', title) ^ key(b'b', body).rotate_left(1))
}

fn key(kind: u8, text: &str) -> u64 {
    stable_hash(text) ^ u64::from(kind).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

/// A URL without its scheme, `www.`, fragment and trailing slash, lowercased host.
fn normalize_url(url: &str) -> &str {
    let url = url.trim();
    let url = url.split('#').next().unwrap_or(url);
    let url = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .unwrap_or(url);
    let url = url.strip_prefix("www.").unwrap_or(url);
    url.trim_end_matches('/')
}

fn unit_log_tf(counts: &[(u32, f32)]) -> Vec<(u32, f32)> {
    let mut v: Vec<(u32, f32)> = counts.iter().map(|&(t, c)| (t, 1.0 + c.ln())).collect();
    normalize(&mut v);
    v
}

/// Scales `v` to unit length when it has any; returns its length before.
fn normalize(v: &mut [(u32, f32)]) -> f32 {
    let norm = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
    if norm > 0.0 {
        for (_, w) in v.iter_mut() {
            *w /= norm;
        }
    }
    norm
}

fn idf_norm(terms: &[(u32, f32)], vocab: &Vocabulary) -> f32 {
    terms
        .iter()
        .map(|&(t, w)| {
            let x = w * vocab.idf(t);
            x * x
        })
        .sum::<f32>()
        .sqrt()
}

/// Σ a_t · s_t · idf_t over the terms both hold (both sorted by term).
fn sparse_dot_idf(a: &[(u32, f32)], s: &[(u32, f32)], vocab: &Vocabulary) -> f32 {
    let (mut i, mut j, mut dot) = (0, 0, 0.0);
    while i < a.len() && j < s.len() {
        match a[i].0.cmp(&s[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                dot += a[i].1 * s[j].1 * vocab.idf(a[i].0);
                i += 1;
                j += 1;
            }
        }
    }
    dot
}

/// Σ a_t · b_t · idf_t² over the terms both hold (both sorted by term): the tf-idf dot product
/// of two stories' centroids.
fn sparse_dot_idf2(a: &[(u32, f32)], b: &[(u32, f32)], vocab: &Vocabulary) -> f32 {
    let (mut i, mut j, mut dot) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                let idf = vocab.idf(a[i].0);
                dot += a[i].1 * b[j].1 * idf * idf;
                i += 1;
                j += 1;
            }
        }
    }
    dot
}

/// Two lists of (term, value), sorted by term, merged: a term in both gets `add` of its values.
fn merge_sorted<T: Copy>(a: &[(u32, T)], b: &[(u32, T)], add: impl Fn(T, T) -> T) -> Vec<(u32, T)> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        if j == b.len() || (i < a.len() && a[i].0 < b[j].0) {
            out.push(a[i]);
            i += 1;
        } else if i == a.len() || b[j].0 < a[i].0 {
            out.push(b[j]);
            j += 1;
        } else {
            out.push((a[i].0, add(a[i].1, b[j].1)));
            i += 1;
            j += 1;
        }
    }
    out
}

/// Keeps the `cap` heaviest entries (by `order` of their values, the lower term first on ties) of a
/// list sorted by term, which stays sorted by term.
fn keep_heaviest<T: Copy>(
    list: &mut Vec<(u32, T)>,
    cap: usize,
    order: impl Fn(&T, &T) -> std::cmp::Ordering,
) {
    if list.len() > cap {
        list.select_nth_unstable_by(cap, |a, b| order(&b.1, &a.1).then(a.0.cmp(&b.0)));
        list.truncate(cap);
        list.sort_unstable_by_key(|&(t, _)| t);
    }
}

/// Two lists of (term, count), sorted by term, added.
fn merge_counts(a: &[(u32, u32)], b: &[(u32, u32)]) -> Vec<(u32, u32)> {
    merge_sorted(a, b, u32::saturating_add)
}

/// How many of `names` (sorted) the story's names (sorted by term) hold.
fn shared_names(names: &[u32], story: &[(u32, u32)]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < names.len() && j < story.len() {
        match names[i].cmp(&story[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// The cosine of an article's tf-idf vector (unit length) with a member's log-tf terms weighted
/// by the idf of the moment.
fn member_cosine(weighted: &[(u32, f32)], member: &[(u32, f32)], vocab: &Vocabulary) -> f32 {
    let norm = idf_norm(member, vocab);
    if norm > 0.0 {
        sparse_dot_idf(weighted, member, vocab) / norm
    } else {
        0.0
    }
}

fn merge_add(a: &[(u32, f32)], b: &[(u32, f32)]) -> Vec<(u32, f32)> {
    merge_sorted(a, b, |x, y| x + y)
}
